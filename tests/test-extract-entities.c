/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dossier-aho-corasick.h"
#include "dossier-extract.h"
#include "dossier-extract-particles.h"
#include "dossier-gazetteer.h"
#include "dossier-source-registry.h"
#include "test-common.h"

/* Helpers */

static GPtrArray *
extract (const char *text)
{
  GPtrArray *entities = dossier_extract_entities (text, NULL);

  g_assert_nonnull (entities);
  return entities;
}

/* The entity named @name of @kind, or NULL. */
static DossierEntityMention *
find_entity (GPtrArray         *entities,
             DossierEntityKind  kind,
             const char        *name)
{
  for (guint i = 0; i < entities->len; i++)
    {
      DossierEntityMention *entity = g_ptr_array_index (entities, i);

      if (entity->kind == kind && strcmp (entity->name, name) == 0)
        return entity;
    }
  return NULL;
}

static DossierEntityMention *
get_entity (GPtrArray         *entities,
            DossierEntityKind  kind,
            const char        *name)
{
  DossierEntityMention *entity = find_entity (entities, kind, name);

  if (entity == NULL)
    {
      g_autoptr(GString) all = g_string_new (NULL);

      for (guint i = 0; i < entities->len; i++)
        {
          DossierEntityMention *e = g_ptr_array_index (entities, i);

          g_string_append_printf (all, " %s:“%s”", dossier_entity_kind_to_string (e->kind),
                                  e->name);
        }
      g_error ("no %s “%s” among:%s", dossier_entity_kind_to_string (kind), name, all->str);
    }
  return entity;
}

static guint
count_kind (GPtrArray         *entities,
            DossierEntityKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < entities->len; i++)
    n += ((DossierEntityMention *) g_ptr_array_index (entities, i))->kind == kind;
  return n;
}

/* The mentioned texts of @entity joined by "|", in text order. */
static char *
mention_texts (const char           *text,
               DossierEntityMention *entity)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < entity->mentions->len; i++)
    {
      DossierSpan *span = &g_array_index (entity->mentions, DossierSpan, i);
      g_autofree char *piece = test_region_text (text, span->start, span->end);

      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, piece);
    }
  return g_string_free (out, FALSE);
}

static void
assert_mentions (const char        *text,
                 GPtrArray         *entities,
                 DossierEntityKind  kind,
                 const char        *name,
                 const char        *expected)
{
  g_autofree char *found = mention_texts (text, get_entity (entities, kind, name));

  g_assert_cmpstr (found, ==, expected);
}

static gboolean
has_alias (DossierEntityMention *entity,
           const char           *alias)
{
  for (guint i = 0; i < entity->aliases->len; i++)
    if (strcmp (g_ptr_array_index (entity->aliases, i), alias) == 0)
      return TRUE;
  return FALSE;
}

/* Aho-Corasick */

typedef struct {
  guint id;
  gsize start;
  gsize end;
} Hit;

static void
collect_hit_cb (guint    id,
                gsize    start,
                gsize    end,
                gpointer user_data)
{
  Hit hit = { id, start, end };

  g_array_append_val ((GArray *) user_data, hit);
}

static GArray *
scan (DossierAhoCorasick *ac,
      const char         *text)
{
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (Hit));

  dossier_aho_corasick_scan (ac, text, strlen (text), collect_hit_cb, hits);
  return hits;
}

static void
test_aho_corasick_words (void)
{
  g_autoptr(DossierAhoCorasick) ac = dossier_aho_corasick_new ();
  g_autoptr(GArray) hits = NULL;
  const char *text = "Gaza Strip, GAZA, Gazan, in-Gaza; “Gaza” U.S. officials, Ça Gaza";

  dossier_aho_corasick_add (ac, "Gaza", 4, 1);
  dossier_aho_corasick_add (ac, "Gaza Strip", 10, 2);
  dossier_aho_corasick_add (ac, "U.S.", 4, 3);
  dossier_aho_corasick_add (ac, "Ça", strlen ("Ça"), 4);
  dossier_aho_corasick_compile (ac);
  hits = scan (ac, text);

  /* By end; "Gazan" is no match (a letter follows), "in-Gaza" is (a hyphen precedes). */
  g_assert_cmpuint (hits->len, ==, 8);
  g_assert_cmpuint (g_array_index (hits, Hit, 0).id, ==, 1);
  g_assert_cmpuint (g_array_index (hits, Hit, 0).start, ==, 0);
  g_assert_cmpuint (g_array_index (hits, Hit, 0).end, ==, 4);
  g_assert_cmpuint (g_array_index (hits, Hit, 1).id, ==, 2);
  g_assert_cmpuint (g_array_index (hits, Hit, 1).end, ==, 10);
  g_assert_cmpuint (g_array_index (hits, Hit, 2).id, ==, 1);     /* GAZA: case is the caller's */
  g_assert_cmpuint (g_array_index (hits, Hit, 2).start, ==, 12);
  g_assert_cmpuint (g_array_index (hits, Hit, 3).start, ==, strstr (text, "in-Gaza") - text + 3);
  g_assert_cmpuint (g_array_index (hits, Hit, 4).start, ==, strstr (text, "“Gaza") - text + 3);
  g_assert_cmpuint (g_array_index (hits, Hit, 5).id, ==, 3);
  g_assert_cmpuint (g_array_index (hits, Hit, 6).id, ==, 4);
  g_assert_cmpuint (g_array_index (hits, Hit, 7).end, ==, strlen (text));
}

/* Against a naive search: random texts of a few pieces make many overlaps. */
static void
check_against_naive_search (const char *const *words,
                            const char *const *pieces,
                            guint              n_pieces)
{
  g_autoptr(DossierAhoCorasick) ac = dossier_aho_corasick_new ();
  GRand *rand = g_rand_new_with_seed (20240620);

  for (guint i = 0; words[i] != NULL; i++)
    dossier_aho_corasick_add (ac, words[i], strlen (words[i]), i);
  dossier_aho_corasick_compile (ac);

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GArray) hits = NULL;
      guint expected = 0;

      for (guint k = 0; k < 20; k++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, (gint32) n_pieces)]);
      hits = scan (ac, text->str);
      for (guint w = 0; words[w] != NULL; w++)
        {
          gsize len = strlen (words[w]);

          for (gsize at = 0; at + len <= text->len; at++)
            {
              gboolean start_ok;
              gboolean end_ok;

              if (memcmp (text->str + at, words[w], len) != 0)
                continue;
              start_ok = at == 0 || !g_unichar_isalnum (
                g_utf8_get_char (g_utf8_find_prev_char (text->str, text->str + at)));
              end_ok = at + len == text->len ||
                       !g_unichar_isalnum (g_utf8_get_char (text->str + at + len));
              if (start_ok && end_ok)
                {
                  gboolean found = FALSE;

                  expected++;
                  for (guint h = 0; h < hits->len && !found; h++)
                    found = g_array_index (hits, Hit, h).id == w &&
                            g_array_index (hits, Hit, h).start == at;
                  if (!found)
                    g_error ("“%s” at %" G_GSIZE_FORMAT " not found in “%s”", words[w], at,
                             text->str);
                }
            }
        }
      g_assert_cmpuint (hits->len, ==, expected);
    }
  g_rand_free (rand);
}

static void
test_aho_corasick_random (void)
{
  static const char * const words[] = {
    "ab", "ba", "aba", "b a", "a b a", "ab ab", "é", "aé", NULL,
  };
  static const char * const pieces[] = { "a", "b", " ", "é", "-", "ab", "ba" };

  check_against_naive_search (words, pieces, G_N_ELEMENTS (pieces));
}

/* Digits share one class in the automaton, and so do the lead bytes of the patterns' other
 * letters: a "G8" reaches the state of "G7", an "ł" that of "é", and neither is reported. */
static void
test_aho_corasick_merged_classes (void)
{
  static const char * const words[] = {
    "g7", "g20", "é", "aé", "ał b", "2 0", NULL,
  };
  static const char * const pieces[] = { "g", "7", "8", "2", "0", "é", "ł", "ż", " ", "a", "b" };

  check_against_naive_search (words, pieces, G_N_ELEMENTS (pieces));
}

/* Gazetteer data */

static void
test_gazetteer_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierGazetteer) gazetteer = dossier_gazetteer_new (&error);
  guint counts[DOSSIER_GAZETTEER_TITLE + 1] = { 0 };
  gboolean found_kyiv = FALSE;

  g_assert_no_error (error);
  g_assert_nonnull (gazetteer);
  for (guint i = 0; i < gazetteer->entries->len; i++)
    {
      const DossierGazetteerEntry *entry = g_ptr_array_index (gazetteer->entries, i);

      counts[entry->klass]++;
      if (strcmp (entry->name, "Kyiv") == 0)
        {
          found_kyiv = TRUE;
          g_assert_cmpint (entry->klass, ==, DOSSIER_GAZETTEER_CITY);
          g_assert_cmpstr (entry->detail, ==, "Ukraine");
        }
    }
  g_assert_true (found_kyiv);
  g_assert_cmpuint (counts[DOSSIER_GAZETTEER_COUNTRY], >=, 195);
  g_assert_cmpuint (counts[DOSSIER_GAZETTEER_CITY], >=, 350);
  g_assert_cmpuint (counts[DOSSIER_GAZETTEER_REGION], >=, 60);
  g_assert_cmpuint (counts[DOSSIER_GAZETTEER_ORGANIZATION], >=, 90);
  g_assert_cmpuint (counts[DOSSIER_GAZETTEER_OUTLET], >=, 90);
  g_assert_cmpuint (counts[DOSSIER_GAZETTEER_TITLE], >=, 150);
  g_assert_true (dossier_gazetteer_is_given_name (gazetteer, "Abbas"));
  g_assert_false (dossier_gazetteer_is_given_name (gazetteer, "Will"));
  for (guint i = 0; i < gazetteer->patterns->len; i++)
    {
      const DossierGazetteerPattern *pattern = &g_array_index (gazetteer->patterns,
                                                               DossierGazetteerPattern, i);

      g_assert_cmpuint (pattern->entry, <, gazetteer->entries->len);
      g_assert_cmpstr (pattern->text, !=, "");
    }
  /* The default is loaded once. */
  g_assert_true (dossier_gazetteer_get_default () == dossier_gazetteer_get_default ());
}

/* Transliteration keys */

static void
assert_same_key (const char *a,
                 const char *b)
{
  g_autofree char *ka = dossier_name_variant_key (a);
  g_autofree char *kb = dossier_name_variant_key (b);

  if (strcmp (ka, kb) != 0)
    g_error ("“%s” → “%s” but “%s” → “%s”", a, ka, b, kb);
}

static void
assert_other_key (const char *a,
                  const char *b)
{
  g_autofree char *ka = dossier_name_variant_key (a);
  g_autofree char *kb = dossier_name_variant_key (b);

  if (strcmp (ka, kb) == 0)
    g_error ("“%s” and “%s” both → “%s”", a, b, ka);
}

static void
test_variant_key (void)
{
  g_autofree char *key = dossier_name_variant_key ("Abbas Araghchi");

  g_assert_cmpstr (key, ==, "abasarakchi");

  assert_same_key ("Araghchi", "Araqchi");
  assert_same_key ("Araghchi", "ARAGHCHI");
  assert_same_key ("Al-Thani", "Al Thani");
  assert_same_key ("Al-Thani", "al-Thani");
  assert_same_key ("Al Thani", "Althani");
  assert_same_key ("El-Sisi", "al-Sisi");
  assert_same_key ("Abdulrahman", "Abdul Rahman");
  assert_same_key ("Abdulrahman", "Abd al-Rahman");
  assert_same_key ("Abdulrahman", "Abdel-Rahman");
  assert_same_key ("Amirabdollahian", "Amir-Abdollahian");
  assert_same_key ("Hossein", "Hussein");
  assert_same_key ("Hosseini", "Husseini");
  assert_same_key ("Ebrahim Raisi", "Ibrahim Raeesi");
  assert_same_key ("Qasem Soleimani", "Ghasem Suleimani");
  assert_same_key ("Khaled", "Khalid");
  assert_same_key ("Qatar", "Katar");
  assert_same_key ("Zelensky", "Zelenskyy");
  assert_same_key ("Zelensky", "Zelenskiy");
  assert_same_key ("Sergei", "Sergey");
  assert_same_key ("Youssef", "Yusef");
  assert_same_key ("Khamenei", "Khamene'i");
  assert_same_key ("Khamenei", "Khamene’i");
  assert_same_key ("Erdoğan", "Erdogan");
  assert_same_key ("Şahin", "Shahin");
  assert_same_key ("Müller", "Muller");
  assert_same_key ("Élysée", "Elysee");
  assert_same_key ("Bagheri Kani", "Bagheri-Kani");
  assert_same_key ("Philip", "Filip");
  assert_same_key ("Mohammed", "Mohamed");

  /* Different names stay apart. */
  assert_other_key ("Hassan", "Hussein");
  assert_other_key ("Araghchi", "Araghchib");     /* one edit: joined only within a text */
  assert_other_key ("Mohammed bin Salman", "Mohammed bin Zayed");
  assert_other_key ("Tamim", "Tammam Salam");

  key = (g_free (key), dossier_name_variant_key (""));
  g_assert_cmpstr (key, ==, "");
  key = (g_free (key), dossier_name_variant_key ("  --  "));
  g_assert_cmpstr (key, ==, "");
}

/* Gazetteer matches */

static void
test_gazetteer_spans (void)
{
  /* Multibyte text before: offsets are code points. */
  const char *text = "Ça — «Téhéran» 東京: Iran’s envoy met Qatar's officials in Doha.";
  g_autoptr(GPtrArray) entities = extract (text);
  DossierEntityMention *iran = get_entity (entities, DOSSIER_ENTITY_PLACE, "Iran");
  DossierEntityMention *qatar = get_entity (entities, DOSSIER_ENTITY_PLACE, "Qatar");
  DossierSpan *span = &g_array_index (iran->mentions, DossierSpan, 0);

  g_assert_cmpuint (iran->mentions->len, ==, 1);
  g_assert_cmpuint (span->start, ==, 19);
  g_assert_cmpuint (span->end, ==, 23);
  span = &g_array_index (qatar->mentions, DossierSpan, 0);
  g_assert_cmpuint (span->start, ==, 36);
  g_assert_cmpuint (span->end, ==, 41);
  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Doha", "Doha");
  /* "Téhéran" is not the English spelling the gazetteer has. */
  g_assert_null (find_entity (entities, DOSSIER_ENTITY_PLACE, "Tehran"));
}

static void
test_gazetteer_boundaries (void)
{
  const char *text = "Iranian and Iranians met in Iran, not in IIran or Irani or Iranistan; "
                     "the Iran-Iraq war, pro-Iranian groups, TEHRAN and Teheran.";
  g_autoptr(GPtrArray) entities = extract (text);

  /* A demonym is a nationality, not a mention of the country (CoNLL's MISC); the tagger
   * does not take it either. */
  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Iran", "Iran|Iran");
  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Iraq", "Iraq");
  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Tehran", "TEHRAN|Teheran");
  g_assert_false (has_alias (get_entity (entities, DOSSIER_ENTITY_PLACE, "Iran"), "Iranian"));
  g_assert_true (has_alias (get_entity (entities, DOSSIER_ENTITY_PLACE, "Tehran"), "Teheran"));
  for (guint e = 0; e < entities->len; e++)
    {
      DossierEntityMention *entity = g_ptr_array_index (entities, e);

      g_assert_false (g_str_has_prefix (entity->name, "Iranian"));
    }
  /* A demonym that begins an organisation's name belongs to it. */
  g_clear_pointer (&entities, g_ptr_array_unref);
  entities = extract ("Officials of the Veldran Islamic Party met the Cuban Consulate staff.");
  g_assert_nonnull (find_entity (entities, DOSSIER_ENTITY_ORGANIZATION, "Cuban Consulate"));
  g_assert_null (find_entity (entities, DOSSIER_ENTITY_ORGANIZATION, "Consulate"));
  /* Peoples, faiths and regions' adjectives are no names either, unless a name goes on. */
  g_clear_pointer (&entities, g_ptr_array_unref);
  entities = extract ("Kurdish fighters, Arab tribes, Sunni clerics and European envoys met "
                      "the Association of Muslim Scholars. The Kurds, Yazidis and Druze "
                      "stayed away.");
  g_assert_cmpuint (entities->len, ==, 1);
  assert_mentions ("Kurdish fighters, Arab tribes, Sunni clerics and European envoys met "
                   "the Association of Muslim Scholars. The Kurds, Yazidis and Druze "
                   "stayed away.", entities, DOSSIER_ENTITY_ORGANIZATION,
                   "Association of Muslim Scholars", "Association of Muslim Scholars");
  /* Where the tagger alone would call them places. */
  g_clear_pointer (&entities, g_ptr_array_unref);
  entities = extract ("Egyptian and Qatari mediators met in Cairo on Sunday.");
  g_assert_cmpuint (entities->len, ==, 1);
  assert_mentions ("Egyptian and Qatari mediators met in Cairo on Sunday.", entities,
                   DOSSIER_ENTITY_PLACE, "Cairo", "Cairo");
  /* Lower case is no name: "china" is porcelain, "turkey" a bird. */
  g_clear_pointer (&entities, g_ptr_array_unref);
  entities = extract ("She packed the china and roasted a turkey.");
  g_assert_cmpuint (entities->len, ==, 0);
}

static void
test_gazetteer_longest (void)
{
  const char *text = "The Gaza Strip, the Strait of Hormuz and South Africa, "
                     "unlike Africa, were discussed by the UN Security Council.";
  g_autoptr(GPtrArray) entities = extract (text);

  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Gaza", "Gaza Strip");
  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Strait of Hormuz", "Strait of Hormuz");
  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "South Africa", "South Africa");
  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Africa", "Africa");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "UN Security Council",
                   "UN Security Council");
  g_assert_null (find_entity (entities, DOSSIER_ENTITY_ORGANIZATION, "United Nations"));
  g_clear_pointer (&entities, g_ptr_array_unref);

  /* A known place before "City" is a city of its own. */
  entities = extract ("Casinos outside Atlantic City lost money.");
  assert_mentions ("Casinos outside Atlantic City lost money.", entities, DOSSIER_ENTITY_PLACE,
                   "Atlantic City", "Atlantic City");
  g_assert_cmpuint (entities->len, ==, 1);
}

/* Parties, armed groups and companies whose names have no head word ("Party", "Bank") are
 * known by name; a name that is an ordinary word is not in the gazetteer. */
static void
test_gazetteer_organizations (void)
{
  const char *text = "Tendai Moyo left Zanu-PF in March. Farid Qureshi of the PML-N met envoys "
                     "after JNIM fighters and Tren de Aragua were named in the report. "
                     "Petronas and Huawei signed a deal; Mercosur and ECOWAS welcomed it. "
                     "Shell companies moved the money, and the Total was never paid.";
  g_autoptr(GPtrArray) entities = extract (text);

  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "ZANU-PF", "Zanu-PF");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION,
                   "Pakistan Muslim League-Nawaz", "PML-N");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "JNIM", "JNIM");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Tren de Aragua",
                   "Tren de Aragua");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Petronas", "Petronas");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Huawei", "Huawei");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Mercosur", "Mercosur");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "ECOWAS", "ECOWAS");
  /* "Shell" and "Total" are words first: left out of the gazetteer. */
  g_assert_null (find_entity (entities, DOSSIER_ENTITY_ORGANIZATION, "Shell"));
  g_assert_null (find_entity (entities, DOSSIER_ENTITY_ORGANIZATION, "Total"));
}

static void
test_outlets (void)
{
  const char *text = "IRNA reported the talks, according to the Islamic Republic News Agency. "
                     "Fars province is hot; the Fars news agency disagreed. "
                     "He wrote on X. The X factor. (credit: REUTERS/THAIER AL-SUDANI)";
  g_autoptr(GPtrArray) entities = extract (text);
  DossierEntityMention *irna = get_entity (entities, DOSSIER_ENTITY_OUTLET, "IRNA");

  assert_mentions (text, entities, DOSSIER_ENTITY_OUTLET, "IRNA",
                   "IRNA|Islamic Republic News Agency");
  g_assert_true (has_alias (irna, "Islamic Republic News Agency"));
  /* "Fars" alone is a province: an outlet only next to a news cue. */
  assert_mentions (text, entities, DOSSIER_ENTITY_OUTLET, "Fars", "Fars");
  assert_mentions (text, entities, DOSSIER_ENTITY_OUTLET, "X", "X");
  /* A photo credit names the agency and the photographer. */
  assert_mentions (text, entities, DOSSIER_ENTITY_OUTLET, "Reuters", "REUTERS");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Thaier Al-Sudani",
                   "THAIER AL-SUDANI");
}

/* Outlets of Africa, Asia, Latin America and Oceania as the news cites them, with people
 * made up for the test. */
static void
test_outlets_world (void)
{
  const char *text =
    "Minister Adaeze Okonkwo told Bernama on Monday that the talks would resume. "
    "According to Agência Brasil, the vote was delayed. Floods cut the road (Antara). "
    "The Daily Nation reported the strike, and Dawn reported it too. Farida Baloch told "
    "Punch that the bridge was closed. Prensa Latina carried the speech, the newspaper Granma "
    "printed it and the ABC reported it. RFE/RL and the Mail & Guardian covered the trial.";
  /* Each outlet's canonical name, then its mentions. */
  static const char * const outlets[][2] = {
    { "Bernama", "Bernama" },
    { "Agência Brasil", "Agência Brasil" },
    { "Antara", "Antara" },
    { "Daily Nation", "Daily Nation" },
    { "Dawn", "Dawn" },
    { "Punch", "Punch" },
    { "Prensa Latina", "Prensa Latina" },
    { "Granma", "Granma" },
    { "Australian Broadcasting Corporation", "ABC" },
    { "Radio Free Europe/Radio Liberty", "RFE/RL" },
    { "Mail & Guardian", "Mail & Guardian" },
  };
  g_autoptr(GPtrArray) entities = extract (text);

  for (guint i = 0; i < G_N_ELEMENTS (outlets); i++)
    assert_mentions (text, entities, DOSSIER_ENTITY_OUTLET, outlets[i][0], outlets[i][1]);
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Adaeze Okonkwo", "Adaeze Okonkwo");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Farida Baloch", "Farida Baloch");
}

/* An outlet name that is also a word, a stock index or the start of another name is no
 * outlet without a news cue, nor when a head word after it makes it a place's name. */
static void
test_outlets_need_cue (void)
{
  static const char * const texts[] = {
    "At dawn the nation woke. Dawn broke over Lagos and a punch was thrown.",
    "Stuff happens. The Age of Reason is a book. The Australian government said no.",
    "The Nikkei rose 2% and Tempo slowed. MAP OF THE WORLD. TAP WATER IS SAFE.",
    "Officials from Granma province met. Farmers marched on Reforma Avenue.",
    "Ngozi Eze works for ABC Builders. The Hindu festival began. New Vision for Africa.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) entities = extract (texts[i]);

      g_assert_cmpuint (count_kind (entities, DOSSIER_ENTITY_OUTLET), ==, 0);
    }
}

/* Every outlet of the registry is found by its name next to a news cue. */
static void
test_outlets_registry (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = dossier_source_registry_load_default (&error);

  g_assert_no_error (error);
  for (guint i = 0; i < sources->len; i++)
    {
      const DossierSourceEntry *source = g_ptr_array_index (sources, i);
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) entities = NULL;

      /* "X" is taken only after "on": /extract/entities/outlets checks it. */
      if (strcmp (source->name, "X") == 0)
        continue;
      text = g_strdup_printf ("The minister told %s on Monday that talks would resume.",
                              source->name);
      entities = extract (text);
      if (find_entity (entities, DOSSIER_ENTITY_OUTLET, source->name) == NULL)
        g_error ("“%s” is not found as an outlet in “%s”", source->name, text);
    }
}

static void
test_possessives (void)
{
  const char *text = "Iran's army and Iran’s navy. Foreign Minister Abbas Araghchi’s visit "
                     "followed Araghchi's call. Qatar's emir.";
  g_autoptr(GPtrArray) entities = extract (text);

  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Iran", "Iran|Iran");
  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Qatar", "Qatar");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Abbas Araghchi",
                   "Abbas Araghchi|Araghchi");
}

static void
test_title_cues (void)
{
  const char *text =
    "Qatar’s Prime Minister and Minister of Foreign Affairs, Sheikh Mohammed bin Abdulrahman "
    "bin Jassim Al Thani, met Iran's acting foreign minister Ali Bagheri Kani. "
    "Late former President Raisi was mentioned. IAEA Director General Rafael Grossi called. "
    "Hamas chief Khaled Meshaal spoke. Defense Minister Israel Katz visited Israel.";
  g_autoptr(GPtrArray) entities = extract (text);

  /* Titles and honorifics are not part of the name. */
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON,
                   "Mohammed bin Abdulrahman bin Jassim Al Thani",
                   "Mohammed bin Abdulrahman bin Jassim Al Thani");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Ali Bagheri Kani", "Ali Bagheri Kani");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Raisi", "Raisi");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Rafael Grossi", "Rafael Grossi");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Khaled Meshaal", "Khaled Meshaal");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Hamas", "Hamas");
  /* A place name between a title and a surname is a first name. */
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Israel Katz", "Israel Katz");
  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Israel", "Israel");
  g_assert_cmpuint (count_kind (entities, DOSSIER_ENTITY_PERSON), ==, 6);

  /* An organisation's head word alone after a title is nobody ("Premier" is a title). */
  g_clear_pointer (&entities, g_ptr_array_unref);
  entities = extract ("The English Premier League fined the club on Monday.");
  g_assert_cmpuint (count_kind (entities, DOSSIER_ENTITY_PERSON), ==, 0);
  /* "Sheikh" inside a name is the name's; before one, an honorific. */
  g_clear_pointer (&entities, g_ptr_array_unref);
  entities = extract ("Hassan Sheikh Mohamud met Emir Sheikh Tamim in Doha.");
  assert_mentions ("Hassan Sheikh Mohamud met Emir Sheikh Tamim in Doha.", entities,
                   DOSSIER_ENTITY_PERSON, "Hassan Sheikh Mohamud", "Hassan Sheikh Mohamud");
  assert_mentions ("Hassan Sheikh Mohamud met Emir Sheikh Tamim in Doha.", entities,
                   DOSSIER_ENTITY_PERSON, "Tamim", "Tamim");
  /* Nationalities as nouns are no part of a name: "Frenchman", "Spaniard". */
  g_clear_pointer (&entities, g_ptr_array_unref);
  entities = extract ("Spaniard Carlos Ibarrondo beat Frenchman Thomas Delorge 6-4 6-2.");
  assert_mentions ("Spaniard Carlos Ibarrondo beat Frenchman Thomas Delorge 6-4 6-2.",
                   entities, DOSSIER_ENTITY_PERSON, "Carlos Ibarrondo", "Carlos Ibarrondo");
  assert_mentions ("Spaniard Carlos Ibarrondo beat Frenchman Thomas Delorge 6-4 6-2.",
                   entities, DOSSIER_ENTITY_PERSON, "Thomas Delorge", "Thomas Delorge");
  g_assert_cmpuint (entities->len, ==, 2);
}

static void
test_surname_linking (void)
{
  const char *text =
    "Araghchi arrived first. Foreign Minister Abbas Araghchi met Mikhail Bogdanov. "
    "Bogdanov said little; Araghchi said more. Former Foreign Minister Hossein "
    "Amirabdollahian was remembered, and Amirabdollahian's legacy praised. "
    "Bagheri Kani said, as did acting foreign minister Ali Bagheri Kani.";
  g_autoptr(GPtrArray) entities = extract (text);
  DossierEntityMention *araghchi = get_entity (entities, DOSSIER_ENTITY_PERSON,
                                               "Abbas Araghchi");

  /* A surname before the full name is linked too. */
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Abbas Araghchi",
                   "Araghchi|Abbas Araghchi|Araghchi");
  g_assert_true (has_alias (araghchi, "Araghchi"));
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Mikhail Bogdanov",
                   "Mikhail Bogdanov|Bogdanov");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Hossein Amirabdollahian",
                   "Hossein Amirabdollahian|Amirabdollahian");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Ali Bagheri Kani",
                   "Bagheri Kani|Ali Bagheri Kani");
  g_assert_cmpuint (count_kind (entities, DOSSIER_ENTITY_PERSON), ==, 4);
}

static void
test_surname_nearest (void)
{
  /* Two people named Al Thani: a bare surname goes to the one named last before it. */
  const char *text =
    "Emir Tamim bin Hamad Al Thani spoke first. Al Thani then left. "
    "Prime Minister Mohammed bin Abdulrahman Al Thani spoke next. Al Thani then stayed.";
  g_autoptr(GPtrArray) entities = extract (text);

  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Tamim bin Hamad Al Thani",
                   "Tamim bin Hamad Al Thani|Al Thani");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Mohammed bin Abdulrahman Al Thani",
                   "Mohammed bin Abdulrahman Al Thani|Al Thani");
}

static void
test_variants_grouped (void)
{
  const char *text =
    "Iranian Foreign Minister Abbas Araghchi met Qatari officials. Later, Abbas Araqchi, the "
    "minister, said talks went well. Araqchi added more. Al Thani and Araghchib discussed "
    "trade. Deputy Prime Minister Sheikh Mohammed bin Abdulrahman Al-Thani agreed with "
    "Sheikh Mohammed bin Abdulrahman Al Thani, obviously.";
  g_autoptr(GPtrArray) entities = extract (text);
  DossierEntityMention *araghchi = get_entity (entities, DOSSIER_ENTITY_PERSON,
                                               "Abbas Araghchi");

  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Abbas Araghchi",
                   "Abbas Araghchi|Abbas Araqchi|Araqchi|Araghchib");
  g_assert_true (has_alias (araghchi, "Abbas Araqchi"));
  g_assert_true (has_alias (araghchi, "Araqchi"));
  g_assert_true (has_alias (araghchi, "Araghchib"));
  /* "Al-Thani" and "Al Thani" are one person; the bare "Al Thani" before joins them too. */
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Mohammed bin Abdulrahman Al-Thani",
                   "Al Thani|Mohammed bin Abdulrahman Al-Thani|"
                   "Mohammed bin Abdulrahman Al Thani");
  g_assert_cmpuint (count_kind (entities, DOSSIER_ENTITY_PERSON), ==, 2);
}

static void
test_particles (void)
{
  const char *text = "President Bashar al-Assad met Crown Prince Mohammed bin Salman. "
                     "Assad and bin Salman spoke; Abdul-Malik al-Houthi, the Houthi leader, "
                     "was absent.";
  g_autoptr(GPtrArray) entities = extract (text);

  /* The surname without its article joins the full name ("Assad"); "bin" stays outside the
   * mention of a bare patronymic ("bin Salman"). */
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Bashar al-Assad",
                   "Bashar al-Assad|Assad");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Mohammed bin Salman",
                   "Mohammed bin Salman|Salman");
  /* "al-Houthi" is a surname, "Houthi" alone the movement. */
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Abdul-Malik al-Houthi",
                   "Abdul-Malik al-Houthi");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Houthis", "Houthi");
}

/* Korean given names keep their hyphenated second syllable; adjectives made with a hyphen
 * do not join a name. */
static void
test_korean_names (void)
{
  const char *text = "Leader Kim Jong-un met President Moon Jae-in and former UN chief Ban "
                     "Ki-moon. Then the Saudi-led coalition replied.";
  g_autoptr(GPtrArray) entities = extract (text);

  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Kim Jong-un", "Kim Jong-un");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Moon Jae-in", "Moon Jae-in");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Ban Ki-moon", "Ban Ki-moon");
  /* "Saudi-led" is a demonym: no place. */
  g_assert_null (find_entity (entities, DOSSIER_ENTITY_PLACE, "Saudi Arabia"));
}

/* The learned tagger adds names no list or cue knows, in text order with their own entity,
 * joined to the rules' entities by their words; never inside a caption. */
static void
test_learned (void)
{
  const char *sentence = "Marisol Quent and Tobias Wrenfield met in Castellmar on Monday. "
                         "Wrenfield spoke first.";
  g_autofree char *text = g_strdup_printf ("%s\n\n%s", sentence, sentence);
  g_autoptr(GArray) regions = g_array_new (FALSE, FALSE, sizeof (DossierRegion));
  DossierRegion region = { 0, };
  g_autoptr(GPtrArray) plain = extract (sentence);
  g_autoptr(GPtrArray) captioned = NULL;
  guint length = (guint) g_utf8_strlen (sentence, -1);

  g_assert_nonnull (dossier_ner_model_get_default ());
  assert_mentions (sentence, plain, DOSSIER_ENTITY_PERSON, "Marisol Quent", "Marisol Quent");
  assert_mentions (sentence, plain, DOSSIER_ENTITY_PERSON, "Tobias Wrenfield",
                   "Tobias Wrenfield|Wrenfield");
  assert_mentions (sentence, plain, DOSSIER_ENTITY_PLACE, "Castellmar", "Castellmar");

  /* The same words as a photo caption, then as a paragraph: only the paragraph's count. */
  region.kind = DOSSIER_REGION_CAPTION;
  region.start = 0;
  region.end = length;
  g_array_append_val (regions, region);
  region.kind = DOSSIER_REGION_PARAGRAPH;
  region.start = length + 2;
  region.end = 2 * length + 2;
  g_array_append_val (regions, region);
  captioned = dossier_extract_entities (text, regions);
  /* (The rules' own names, here Tobias Wrenfield with his cue "spoke", are mentioned in
   * captions too: the caller tells them apart by the regions.) */
  {
    DossierEntityMention *only_tagger[] = {
      get_entity (captioned, DOSSIER_ENTITY_PERSON, "Marisol Quent"),
      get_entity (captioned, DOSSIER_ENTITY_PLACE, "Castellmar"),
    };

    for (guint e = 0; e < G_N_ELEMENTS (only_tagger); e++)
      {
        g_assert_cmpuint (only_tagger[e]->mentions->len, ==, 1);
        g_assert_cmpuint (g_array_index (only_tagger[e]->mentions, DossierSpan, 0).start, >=,
                          length + 2);
      }
  }
}

static void
test_sentence_initial (void)
{
  const char *text = "The talks ended. But nothing changed. According to diplomats, Meanwhile "
                     "was a word. However, Officials said so. Officials often say so. Taken "
                     "together, the meetings were long. Growing closer\n\nForming an alliance";
  g_autoptr(GPtrArray) entities = extract (text);

  g_assert_cmpuint (entities->len, ==, 0);
}

static void
test_all_caps_headline (void)
{
  const char *text = "IRAN'S FM MOVES TO CEMENT RUSSIA, QATAR TIES AS UN ENVOY WARNS OF WAR\n\n"
                     "BREAKING NEWS: FOREIGN MINISTER SAYS TALKS WILL GO ON";
  g_autoptr(GPtrArray) entities = extract (text);

  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Iran", "IRAN");
  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Russia", "RUSSIA");
  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Qatar", "QATAR");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "United Nations", "UN");
  g_assert_cmpuint (count_kind (entities, DOSSIER_ENTITY_PERSON), ==, 0);
  g_assert_cmpuint (entities->len, ==, 4);
}

static void
test_title_case_headline (void)
{
  const char *text = "Iran Seeks To Build Up Its Alliance System As Talks Stall\n\nText.";
  g_autoptr(GPtrArray) entities = extract (text);

  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Iran", "Iran");
  g_assert_cmpuint (entities->len, ==, 1);
}

static void
test_organizations (void)
{
  const char *text =
    "Iran's Supreme National Security Council (SNSC) met. The SNSC said the IAEA Board of "
    "Governors and the Institute for the Study of War were wrong; the state Oman News Agency "
    "and the University of Tehran agreed, as did the insurer Harwell Marine. The Office said "
    "nothing, nor did the Suez Canal Authority.";
  g_autoptr(GPtrArray) entities = extract (text);
  DossierEntityMention *snsc = get_entity (entities, DOSSIER_ENTITY_ORGANIZATION,
                                           "Supreme National Security Council");

  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION,
                   "Supreme National Security Council",
                   "Supreme National Security Council|SNSC|SNSC");
  g_assert_true (has_alias (snsc, "SNSC"));
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Board of Governors",
                   "Board of Governors");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Institute for the Study of War",
                   "Institute for the Study of War");
  assert_mentions (text, entities, DOSSIER_ENTITY_OUTLET, "Oman News Agency", "Oman News Agency");
  /* A place inside an organisation's name is part of it. */
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "University of Tehran",
                   "University of Tehran");
  g_assert_null (find_entity (entities, DOSSIER_ENTITY_PLACE, "Tehran"));
  g_assert_null (find_entity (entities, DOSSIER_ENTITY_PLACE, "Oman"));
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Harwell Marine",
                   "Harwell Marine");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Suez Canal Authority",
                   "Suez Canal Authority");
  /* A head word alone is no name. */
  g_assert_null (find_entity (entities, DOSSIER_ENTITY_ORGANIZATION, "Office"));
}

static void
test_clubs (void)
{
  const char *sports =
    "SOCCER - CUP RESULTS\n\nMADRID 2031-04-12\n\nResults of the cup on Sunday:\n\n"
    "Barcelona 2 Manchester 1\nFrance 1 Egypt 0\n\n"
    "Real Madrid beat Barcelona 3-1 and Manchester United drew. Coach Tomas Verlaine flew home "
    "to Madrid.";
  const char *prose = "Ministers from Barcelona met in Madrid. The talks lasted 2 hours 30 "
                      "minutes, and a deal was signed 4-3 in the end.";
  g_autoptr(GPtrArray) entities = extract (sports);
  g_autoptr(GPtrArray) places = extract (prose);

  /* A club word takes the city in; in a results line or next to a score or a match verb
   * a city is a club; a dateline and a city in prose stay places, as do countries. */
  assert_mentions (sports, entities, DOSSIER_ENTITY_ORGANIZATION, "Real Madrid", "Real Madrid");
  assert_mentions (sports, entities, DOSSIER_ENTITY_ORGANIZATION, "Manchester United",
                   "Manchester United");
  assert_mentions (sports, entities, DOSSIER_ENTITY_ORGANIZATION, "Barcelona",
                   "Barcelona|Barcelona");
  assert_mentions (sports, entities, DOSSIER_ENTITY_ORGANIZATION, "Manchester", "Manchester");
  assert_mentions (sports, entities, DOSSIER_ENTITY_PLACE, "Madrid", "MADRID|Madrid");
  assert_mentions (sports, entities, DOSSIER_ENTITY_PLACE, "France", "France");
  assert_mentions (sports, entities, DOSSIER_ENTITY_PLACE, "Egypt", "Egypt");
  g_assert_null (find_entity (entities, DOSSIER_ENTITY_PLACE, "Barcelona"));

  assert_mentions (prose, places, DOSSIER_ENTITY_PLACE, "Barcelona", "Barcelona");
  assert_mentions (prose, places, DOSSIER_ENTITY_PLACE, "Madrid", "Madrid");
  g_assert_cmpuint (count_kind (places, DOSSIER_ENTITY_ORGANIZATION), ==, 0);
}

static void
test_particles_after_names (void)
{
  const char *text = "Maria Fernanda de la Torre, an analyst, and Khadija Ahmed el-Nur, a nurse, "
                     "spoke. Torre laughed.";
  g_autoptr(GPtrArray) entities = extract (text);
  g_autoptr(GPtrArray) partial =
    g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_entity_mention_free);
  DossierEntityMention *person = g_new0 (DossierEntityMention, 1);
  DossierSpan span = { 0, 14 };

  /* Whoever found the given names, the particles and the name after them belong to them. */
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Maria Fernanda de la Torre",
                   "Maria Fernanda de la Torre");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Khadija Ahmed el-Nur",
                   "Khadija Ahmed el-Nur");

  /* A name cut before its particles, as the tagger may leave it, is extended. */
  person->name = g_strdup ("Maria Fernanda");
  person->kind = DOSSIER_ENTITY_PERSON;
  person->aliases = g_ptr_array_new_with_free_func (g_free);
  person->mentions = g_array_new (FALSE, FALSE, sizeof (DossierSpan));
  g_array_append_val (person->mentions, span);
  g_ptr_array_add (partial, person);
  {
    glong n = 0;
    g_autofree gunichar *u = g_utf8_to_ucs4_fast (text, -1, &n);

    dossier_extract_extend_particles (partial, u, (guint) n);
  }
  assert_mentions (text, partial, DOSSIER_ENTITY_PERSON, "Maria Fernanda de la Torre",
                   "Maria Fernanda de la Torre");
  g_assert_true (has_alias (person, "Maria Fernanda"));
}

/* An organisation's complement may end in a place the gazetteers know. */
static void
test_complement_place (void)
{
  const char *text = "She taught at the University of the South Pacific in Suva for years.";
  g_autoptr(GPtrArray) entities = dossier_extract_entities (text, NULL);

  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION,
                   "University of the South Pacific", "University of the South Pacific");
  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Suva", "Suva");
}

/* A person whose first name is a place, named in full with a title once, is the person
 * wherever the full name comes back. */
static void
test_place_first_names (void)
{
  const char *text =
    "Interior Minister Jordan Velasko said the border would reopen. Jordan Velasko later "
    "visited Jordan.";
  g_autoptr(GPtrArray) entities = dossier_extract_entities (text, NULL);

  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Jordan Velasko",
                   "Jordan Velasko|Jordan Velasko");
  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Jordan", "Jordan");
}

/* A ministry's complement may join two subjects; a given name after "and" is someone
 * else. */
static void
test_portfolio_and (void)
{
  const char *text =
    "The Ministry of Energy and Mineral Resources said the Department of Housing and Urban "
    "Development would help. Ali and Sara met at the Ministry of Health and Sara left.";
  g_autoptr(GPtrArray) entities = dossier_extract_entities (text, NULL);

  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION,
                   "Ministry of Energy and Mineral Resources",
                   "Ministry of Energy and Mineral Resources");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION,
                   "Department of Housing and Urban Development",
                   "Department of Housing and Urban Development");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Ministry of Health",
                   "Ministry of Health");
}

/* Sports and business titles are cues, not part of the name. */
static void
test_sports_business_titles (void)
{
  const char *text =
    "Coach Tomas Ferreira praised striker Ivo Santana Reis, and Managing Director Lena "
    "Okafor-Brandt said the club would stay.";
  g_autoptr(GPtrArray) entities = dossier_extract_entities (text, NULL);

  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Tomas Ferreira", "Tomas Ferreira");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Ivo Santana Reis",
                   "Ivo Santana Reis");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Lena Okafor-Brandt",
                   "Lena Okafor-Brandt");
}

/* Companies, exchanges, police forces and clinics by their last word. */
static void
test_organization_heads (void)
{
  const char *text =
    "Shares of Varnel Holdings rose after the Tessaly Constabulary closed its inquiry. "
    "Orvanta Clinics said the Keldara Stock Exchange would list it in May.";
  g_autoptr(GPtrArray) entities = dossier_extract_entities (text, NULL);

  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Varnel Holdings",
                   "Varnel Holdings");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Tessaly Constabulary",
                   "Tessaly Constabulary");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Orvanta Clinics",
                   "Orvanta Clinics");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Keldara Stock Exchange",
                   "Keldara Stock Exchange");

  /* Words without a head, "and", and words with one: one name. */
  g_clear_pointer (&entities, g_ptr_array_unref);
  text = "Twelve died, the Disaster Management and Mitigation Unit said; the Fisheries and "
         "Harbours Administration and Orvanta Clinics did not.";
  entities = dossier_extract_entities (text, NULL);
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION,
                   "Disaster Management and Mitigation Unit",
                   "Disaster Management and Mitigation Unit");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION,
                   "Fisheries and Harbours Administration",
                   "Fisheries and Harbours Administration");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Orvanta Clinics",
                   "Orvanta Clinics");
  g_assert_cmpuint (entities->len, ==, 3);

  /* Companies named by a place after "Bank" or "Air", or by a known organisation before a
   * company's head word; the period of "Corp." is the name's. */
  g_clear_pointer (&entities, g_ptr_array_unref);
  text = "Bank Indonesia and Air New Zealand met Qantas Airways, Varnel Holdings Corp. and the "
         "IAEA Board of Governors.";
  entities = dossier_extract_entities (text, NULL);
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Bank Indonesia",
                   "Bank Indonesia");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Air New Zealand",
                   "Air New Zealand");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Qantas Airways",
                   "Qantas Airways");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Varnel Holdings Corp.",
                   "Varnel Holdings Corp.");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Board of Governors",
                   "Board of Governors");
  g_assert_null (find_entity (entities, DOSSIER_ENTITY_PLACE, "Indonesia"));
  g_assert_null (find_entity (entities, DOSSIER_ENTITY_PLACE, "New Zealand"));

  /* So is a place written with its period: "U.S. Department of ...". */
  g_clear_pointer (&entities, g_ptr_array_unref);
  text = "The U.S. Department of Harbour Works said so. The U.S. did not.";
  entities = dossier_extract_entities (text, NULL);
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION,
                   "U.S. Department of Harbour Works", "U.S. Department of Harbour Works");
  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "United States", "U.S.");

  /* Words before a place that begins an organisation's name are the name's. */
  g_clear_pointer (&entities, g_ptr_array_unref);
  text = "The Royal Papua New Guinea Constabulary said so.";
  entities = dossier_extract_entities (text, NULL);
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION,
                   "Royal Papua New Guinea Constabulary", "Royal Papua New Guinea Constabulary");
  g_assert_cmpuint (entities->len, ==, 1);

  /* Organisations named in Spanish, Portuguese or French, head first; Indonesian companies
   * after "PT"; "Sekuritas" is "Securities". */
  g_clear_pointer (&entities, g_ptr_array_unref);
  text = "The Partido de la Renovación Keldarense, the Universidad de Buenos Aires, Grupo "
         "Varnelo, PT Sumber Keldara and Orvanta Sekuritas met.";
  entities = dossier_extract_entities (text, NULL);
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION,
                   "Partido de la Renovación Keldarense", "Partido de la Renovación Keldarense");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Universidad de Buenos Aires",
                   "Universidad de Buenos Aires");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Grupo Varnelo", "Grupo Varnelo");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "PT Sumber Keldara",
                   "PT Sumber Keldara");
  assert_mentions (text, entities, DOSSIER_ENTITY_ORGANIZATION, "Orvanta Sekuritas",
                   "Orvanta Sekuritas");
  g_assert_cmpuint (count_kind (entities, DOSSIER_ENTITY_PERSON), ==, 0);
}

/* A name in a headline written in capitals is a mention of the entity the article names in
 * ordinary case: a surname of a person named in full, a name said at least twice.  A word
 * the body says once stays apart (it may be the tagger's mistake). */
static void
test_headline_names (void)
{
  const char *text =
    "FERREIRA QUITS AS ORVANTA CLINICS CUTS JOBS IN KELDARA\n"
    "\n"
    "Tomas Ferreira resigned as the head of Orvanta Clinics on Monday, the board said. "
    "Ferreira had run Orvanta Clinics since 2019, and Orvanta Clinics kept growing.\n"
    "\n"
    "The group also closed its depot near Keldara, staff said.\n";
  g_autoptr(GPtrArray) entities = dossier_extract_entities (text, NULL);
  DossierEntityMention *place = get_entity (entities, DOSSIER_ENTITY_PLACE, "Keldara");

  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Tomas Ferreira",
                   "FERREIRA|Tomas Ferreira|Ferreira");
  g_assert_cmpuint (place->mentions->len, ==, 1);
  g_assert_cmpuint (g_array_index (place->mentions, DossierSpan, 0).start, >, 50);
  g_clear_pointer (&entities, g_ptr_array_unref);

  /* So in a title-case headline, where the line alone took in a verb ("Velasko Signs"); not
   * in a sentence whose words are capitalized. */
  text = "Velasko Signs Fishing Accord In Keldara\n"
         "\n"
         "President Marco Velasko signed the accord on Monday. Velasko called it fair.\n"
         "\n"
         "And, I'm Marco Velasko Junior.\n";
  entities = dossier_extract_entities (text, NULL);
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Marco Velasko",
                   "Velasko|Marco Velasko|Velasko");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Marco Velasko Junior",
                   "Marco Velasko Junior");
}

/* Players in results and scoreboards, where prose cues and the tagger's context fail. */
static void
test_scoreboards (void)
{
  const char *text =
    "Scoreboard on Friday:\n"
    "\n"
    "Tavish Oromo run out 37\n"
    "Imrit Valdane c Fulcrest b Maddox 13\n"
    "Asko Qerelli lbw b Harrowgate 2\n"
    "\n"
    "Scorers: Keldara - Tarvo Inoku (78), Omri Hadelsson (10th minute)\n"
    "1. Dainel Okorafo (Keldara) 19.87\n"
    "\n"
    "The Ministry of Harbours (MH) spent 12 million, and Varnel Holdings (Keldara) 3 million.\n";
  g_autoptr(GPtrArray) entities = extract (text);

  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Tavish Oromo", "Tavish Oromo");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Imrit Valdane", "Imrit Valdane");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Asko Qerelli", "Asko Qerelli");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Fulcrest", "Fulcrest");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Maddox", "Maddox");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Harrowgate", "Harrowgate");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Tarvo Inoku", "Tarvo Inoku");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Omri Hadelsson", "Omri Hadelsson");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Dainel Okorafo", "Dainel Okorafo");
  /* An organisation before its acronym or country stays what it was. */
  g_assert_null (find_entity (entities, DOSSIER_ENTITY_PERSON, "Ministry of Harbours"));
  g_assert_null (find_entity (entities, DOSSIER_ENTITY_PERSON, "Varnel Holdings"));
  g_assert_nonnull (find_entity (entities, DOSSIER_ENTITY_ORGANIZATION, "Varnel Holdings"));
}

/* Towns no gazetteer knows, in capitals at the head of a dispatch. */
static void
test_datelines (void)
{
  const char *text =
    "Convoy attacked\n"
    "\n"
    "VELMORA, Mali (Reuters) - Gunmen attacked a convoy near the town.\n"
    "\n"
    "KASTRAVIK 2026-12-06\n"
    "\n"
    "TORLUNDE — Officials in Liberia said the road was closed.\n"
    "\n"
    "EXCLUSIVE – The minister spoke to us.\n"
    "\n"
    "SOCCER - KELDARA WIN AGAIN\n"
    "\n"
    "ROAD CLOSURES — The road closures will last a week.\n";
  g_autoptr(GPtrArray) entities = extract (text);

  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Velmora", "VELMORA");
  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Kastravik", "KASTRAVIK");
  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Torlunde", "TORLUNDE");
  g_assert_null (find_entity (entities, DOSSIER_ENTITY_PLACE, "Exclusive"));
  g_assert_null (find_entity (entities, DOSSIER_ENTITY_PLACE, "Soccer"));
  g_assert_null (find_entity (entities, DOSSIER_ENTITY_PLACE, "Road Closures"));
}

static void
test_place_as_surname (void)
{
  const char *text = "Golan said nothing. Defence Minister Avi Golan toured the Golan Heights. "
                     "Golan's aide spoke.";
  g_autoptr(GPtrArray) entities = extract (text);

  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Avi Golan", "Golan|Avi Golan|Golan");
  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Golan Heights", "Golan Heights");
}

static void
test_byline_and_credit (void)
{
  const char *text = "Talks resume\n\nBy Lina Haddad\n\nWords. (credit: Amir Cohen/Reuters) "
                     "(credit: WANA/HAMED ROSTAMI via REUTERS)";
  g_autoptr(GPtrArray) entities = extract (text);

  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Lina Haddad", "Lina Haddad");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Amir Cohen", "Amir Cohen");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Hamed Rostami", "HAMED ROSTAMI");
  assert_mentions (text, entities, DOSSIER_ENTITY_OUTLET, "Reuters", "Reuters|REUTERS");
}

static void
test_regions (void)
{
  /* A caption between paragraphs: its mentions are mentions like any other, with exact
   * spans; the caller tells them apart with the regions. */
  const char *text = "Araghchi met Grossi in Tehran.\n\n"
                     "Rafael Grossi arrives in Tehran. (credit: REUTERS/MAJID ASGARIPOUR)\n\n"
                     "Foreign Minister Abbas Araghchi said so.";
  g_autoptr(GArray) regions = g_array_new (FALSE, FALSE, sizeof (DossierRegion));
  DossierRegion region;
  g_autoptr(GPtrArray) entities = NULL;
  DossierEntityMention *reuters;
  DossierSpan *span;

  region.kind = DOSSIER_REGION_PARAGRAPH;
  region.start = 0;
  region.end = 30;
  g_array_append_val (regions, region);
  region.kind = DOSSIER_REGION_CAPTION;
  region.start = 32;
  region.end = 99;
  g_array_append_val (regions, region);
  region.kind = DOSSIER_REGION_PARAGRAPH;
  region.start = 101;
  region.end = 141;
  g_array_append_val (regions, region);

  entities = dossier_extract_entities (text, regions);
  reuters = get_entity (entities, DOSSIER_ENTITY_OUTLET, "Reuters");
  span = &g_array_index (reuters->mentions, DossierSpan, 0);
  g_assert_cmpuint (span->start, ==, 74);
  g_assert_cmpuint (span->end, ==, 81);
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Rafael Grossi", "Grossi|Rafael Grossi");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Abbas Araghchi",
                   "Araghchi|Abbas Araghchi");
  assert_mentions (text, entities, DOSSIER_ENTITY_PLACE, "Tehran", "Tehran|Tehran");
  assert_mentions (text, entities, DOSSIER_ENTITY_PERSON, "Majid Asgaripour", "MAJID ASGARIPOUR");
}

static void
test_order (void)
{
  const char *text = "Qatar and Iran. Iran and Qatar. Reuters, then Iran.";
  g_autoptr(GPtrArray) entities = extract (text);

  g_assert_cmpuint (entities->len, ==, 3);
  g_assert_cmpstr (((DossierEntityMention *) g_ptr_array_index (entities, 0))->name, ==, "Qatar");
  g_assert_cmpstr (((DossierEntityMention *) g_ptr_array_index (entities, 1))->name, ==, "Iran");
  g_assert_cmpstr (((DossierEntityMention *) g_ptr_array_index (entities, 2))->name, ==,
                   "Reuters");
  for (guint i = 0; i < entities->len; i++)
    {
      DossierEntityMention *entity = g_ptr_array_index (entities, i);

      for (guint j = 1; j < entity->mentions->len; j++)
        g_assert_cmpuint (g_array_index (entity->mentions, DossierSpan, j - 1).end, <=,
                          g_array_index (entity->mentions, DossierSpan, j).start);
    }
}

static void
test_degenerate (void)
{
  static const char * const texts[] = {
    "", " ", "\n\n\n", "...", "’s", "A", "Al", "al-", "bin", "(credit: /)", "X", "on X",
    "Sheikh", "Foreign Minister", "Foreign Minister,", "REUTERS/", "By", "The The The",
    "Iran’", "U.S.", "U.S", NULL,
  };

  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) entities = extract (texts[i]);
      glong length = g_utf8_strlen (texts[i], -1);

      for (guint e = 0; e < entities->len; e++)
        {
          DossierEntityMention *entity = g_ptr_array_index (entities, e);

          g_assert_cmpuint (entity->mentions->len, >, 0);
          for (guint m = 0; m < entity->mentions->len; m++)
            {
              DossierSpan *span = &g_array_index (entity->mentions, DossierSpan, m);

              g_assert_cmpuint (span->start, <, span->end);
              g_assert_cmpuint (span->end, <=, (guint) length);
            }
        }
    }
}

static void
test_long_text (void)
{
  /* Many repetitions: the same people, many mentions, one entity each. */
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) entities = NULL;

  for (guint i = 0; i < 2000; i++)
    g_string_append (text, "Foreign Minister Abbas Araghchi met Qatar's Sheikh Mohammed bin "
                           "Abdulrahman Al Thani. Araghchi and Al Thani spoke; Araqchi left.\n");
  entities = extract (text->str);
  g_assert_cmpuint (get_entity (entities, DOSSIER_ENTITY_PERSON,
                                "Abbas Araghchi")->mentions->len, ==, 6000);
  g_assert_cmpuint (get_entity (entities, DOSSIER_ENTITY_PERSON,
                                "Mohammed bin Abdulrahman Al Thani")->mentions->len, ==, 4000);
  g_assert_cmpuint (entities->len, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/extract/aho-corasick/words", test_aho_corasick_words);
  g_test_add_func ("/extract/aho-corasick/random", test_aho_corasick_random);
  g_test_add_func ("/extract/aho-corasick/merged-classes", test_aho_corasick_merged_classes);
  g_test_add_func ("/extract/gazetteer/data", test_gazetteer_data);
  g_test_add_func ("/extract/variant-key", test_variant_key);
  g_test_add_func ("/extract/entities/gazetteer/spans", test_gazetteer_spans);
  g_test_add_func ("/extract/entities/gazetteer/boundaries", test_gazetteer_boundaries);
  g_test_add_func ("/extract/entities/gazetteer/longest", test_gazetteer_longest);
  g_test_add_func ("/extract/entities/gazetteer/organizations",
                   test_gazetteer_organizations);
  g_test_add_func ("/extract/entities/outlets", test_outlets);
  g_test_add_func ("/extract/entities/outlets/world", test_outlets_world);
  g_test_add_func ("/extract/entities/outlets/need-cue", test_outlets_need_cue);
  g_test_add_func ("/extract/entities/outlets/registry", test_outlets_registry);
  g_test_add_func ("/extract/entities/possessives", test_possessives);
  g_test_add_func ("/extract/entities/title-cues", test_title_cues);
  g_test_add_func ("/extract/entities/surname/linking", test_surname_linking);
  g_test_add_func ("/extract/entities/surname/nearest", test_surname_nearest);
  g_test_add_func ("/extract/entities/variants", test_variants_grouped);
  g_test_add_func ("/extract/entities/particles", test_particles);
  g_test_add_func ("/extract/entities/headline-names", test_headline_names);
  g_test_add_func ("/extract/entities/organization-heads", test_organization_heads);
  g_test_add_func ("/extract/entities/portfolio-and", test_portfolio_and);
  g_test_add_func ("/extract/entities/place-first-names", test_place_first_names);
  g_test_add_func ("/extract/entities/complement-place", test_complement_place);
  g_test_add_func ("/extract/entities/sports-business-titles", test_sports_business_titles);
  g_test_add_func ("/extract/entities/korean-names", test_korean_names);
  g_test_add_func ("/extract/entities/learned", test_learned);
  g_test_add_func ("/extract/entities/sentence-initial", test_sentence_initial);
  g_test_add_func ("/extract/entities/headline/all-caps", test_all_caps_headline);
  g_test_add_func ("/extract/entities/headline/title-case", test_title_case_headline);
  g_test_add_func ("/extract/entities/clubs", test_clubs);
  g_test_add_func ("/extract/entities/particles/after-names", test_particles_after_names);
  g_test_add_func ("/extract/entities/organizations", test_organizations);
  g_test_add_func ("/extract/entities/scoreboards", test_scoreboards);
  g_test_add_func ("/extract/entities/datelines", test_datelines);
  g_test_add_func ("/extract/entities/place-as-surname", test_place_as_surname);
  g_test_add_func ("/extract/entities/byline-and-credit", test_byline_and_credit);
  g_test_add_func ("/extract/entities/regions", test_regions);
  g_test_add_func ("/extract/entities/order", test_order);
  g_test_add_func ("/extract/entities/degenerate", test_degenerate);
  g_test_add_func ("/extract/entities/long-text", test_long_text);

  return g_test_run ();
}
