/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dossier-core.h"
#include "dossier-extract.h"
#include "test-common.h"

/* Texts written for these tests: the people are invented; IRNA, Reuters and X are real
 * outlets from the source registry. */

/* Regions of a text made of blocks separated by blank lines, the first a headline when
 * @headline is set. */
static GArray *
make_regions (const char *text,
              gboolean    headline)
{
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (DossierRegion));
  const char *p = text;
  guint offset = 0;

  while (*p != '\0')
    {
      const char *end = strstr (p, "\n\n");
      DossierRegion region = { DOSSIER_REGION_PARAGRAPH, offset, 0 };

      if (end == NULL)
        end = p + strlen (p);
      region.end = offset + (guint) g_utf8_strlen (p, end - p);
      if (headline && regions->len == 0)
        region.kind = DOSSIER_REGION_HEADLINE;
      g_array_append_val (regions, region);
      offset = region.end;
      p = end;
      if (*p != '\0')
        {
          p += 2;
          offset += 2;
        }
    }
  return regions;
}

/* As the application does it: the importer's regions refined, then the quotes. */
static GPtrArray *
extract (const char *text,
         gboolean    headline)
{
  g_autoptr(GArray) input = make_regions (text, headline);
  g_autoptr(GArray) regions = dossier_extract_regions (text, input);
  GPtrArray *quotes = dossier_extract_quotes (text, regions);

  /* Every quotation lies in the text, in order, and its text is valid UTF-8. */
  for (guint i = 0; i < quotes->len; i++)
    {
      DossierQuoteMention *q = g_ptr_array_index (quotes, i);

      g_assert_cmpuint (q->start, <, q->end);
      g_assert_cmpuint (q->end, <=, (guint) g_utf8_strlen (text, -1));
      g_assert_true (g_utf8_validate (q->text, -1, NULL));
      if (i > 0)
        g_assert_cmpuint (((DossierQuoteMention *) g_ptr_array_index (quotes, i - 1))->end, <=,
                          q->start);
      g_assert_true ((q->speaker == NULL) == (q->speaker_start < 0));
      g_assert_false (dossier_regions_is_furniture (regions, q->start, q->start + 1));
    }
  return quotes;
}

static DossierQuoteMention *
find_quote (GPtrArray  *quotes,
            const char *needle)
{
  for (guint i = 0; i < quotes->len; i++)
    {
      DossierQuoteMention *q = g_ptr_array_index (quotes, i);

      if (strstr (q->text, needle) != NULL)
        return q;
    }
  g_error ("no quotation with \"%s\"", needle);
  return NULL;
}

/* The quotation's span is the words between the marks, and its speaker span names the
 * speaker. */
static void
assert_quote (const char                *text,
              const DossierQuoteMention *q,
              const char                *words,
              const char                *speaker,
              const char                *outlet,
              const char                *cue)
{
  g_autofree char *span = test_region_text (text, q->start, q->end);

  if (words != NULL)
    g_assert_cmpstr (span, ==, words);
  g_assert_cmpstr (q->speaker, ==, speaker);
  g_assert_cmpstr (q->outlet, ==, outlet);
  g_assert_cmpstr (q->cue, ==, cue);
  if (speaker != NULL)
    {
      g_autofree char *at = test_region_text (text, (guint) q->speaker_start,
                                              (guint) q->speaker_end);

      g_assert_cmpstr (at, ==, speaker);
    }
}

static void
test_cue_after (void)
{
  const char *text =
    "Talks in Lisbon\n\n"
    "“We will not wait for them,” Dara Velmont said on Monday.\n\n"
    "“The door is open,” said Foreign Minister Ilse Marrow, who leads the delegation.\n\n"
    "“Nothing has changed,” Velmont, a former judge, told reporters.";
  g_autoptr(GPtrArray) quotes = extract (text, TRUE);

  g_assert_cmpuint (quotes->len, ==, 3);
  assert_quote (text, find_quote (quotes, "wait"), "We will not wait for them", "Dara Velmont",
                NULL, "said");
  assert_quote (text, find_quote (quotes, "door"), "The door is open",
                "Foreign Minister Ilse Marrow", NULL, "said");
  assert_quote (text, find_quote (quotes, "Nothing"), "Nothing has changed", "Velmont", NULL,
                "told");
}

static void
test_cue_before (void)
{
  const char *text =
    "Talks in Lisbon\n\n"
    "Dara Velmont said: “We will not wait for them.”\n\n"
    "Ilse Marrow warned that the “window is closing” for an agreement.\n\n"
    "Tomas Reyno, a trader from the port district, says the deal will “change nothing at all.”";
  g_autoptr(GPtrArray) quotes = extract (text, TRUE);

  g_assert_cmpuint (quotes->len, ==, 3);
  assert_quote (text, find_quote (quotes, "wait"), "We will not wait for them.", "Dara Velmont",
                NULL, "said");
  assert_quote (text, find_quote (quotes, "window"), "window is closing", "Ilse Marrow", NULL,
                "warned");
  assert_quote (text, find_quote (quotes, "change nothing"), NULL, "Tomas Reyno", NULL, "says");
}

/* A lowercase title between the cue and the name ("said councillor Mara Ostrand"). */
static void
test_lowercase_title (void)
{
  const char *text =
    "Council vote in Brenmoor\n\n"
    "“We cannot wait another winter,” said councillor Mara Ostrand after the vote.\n\n"
    "“The budget is closed,” said alderman Piet Varga on Tuesday.\n\n"
    "“Nobody asked us,” said assemblywoman Ines Korlo.";
  g_autoptr(GPtrArray) quotes = extract (text, TRUE);

  g_assert_cmpuint (quotes->len, ==, 3);
  assert_quote (text, find_quote (quotes, "winter"), "We cannot wait another winter",
                "Mara Ostrand", NULL, "said");
  assert_quote (text, find_quote (quotes, "budget"), "The budget is closed", "Piet Varga", NULL,
                "said");
  assert_quote (text, find_quote (quotes, "Nobody"), "Nobody asked us", "Ines Korlo", NULL,
                "said");
}

/* Each cue verb, after the quotation and before it. */
static void
test_each_cue (void)
{
  static const char * const cues[] = {
    "said", "noted", "reported", "wrote", "added", "stressed", "told",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cues); i++)
    {
      g_autofree char *after = g_strdup_printf ("Title line\n\n“The plan is sound,” Dara "
                                                "Velmont %s%s.", cues[i],
                                                strcmp (cues[i], "told") == 0 ? " us" : "");
      g_autofree char *before = g_strdup_printf ("Title line\n\nDara Velmont %s%s that the plan "
                                                 "is “sound and fair.”", cues[i],
                                                 strcmp (cues[i], "told") == 0 ? " us" : "");
      g_autoptr(GPtrArray) qa = extract (after, TRUE);
      g_autoptr(GPtrArray) qb = extract (before, TRUE);

      g_assert_cmpuint (qa->len, ==, 1);
      assert_quote (after, g_ptr_array_index (qa, 0), "The plan is sound", "Dara Velmont", NULL,
                    cues[i]);
      g_assert_cmpuint (qb->len, ==, 1);
      assert_quote (before, g_ptr_array_index (qb, 0), "sound and fair.", "Dara Velmont", NULL,
                    cues[i]);
    }
}

static void
test_according_to (void)
{
  const char *text =
    "Talks in Lisbon\n\n"
    "According to Dara Velmont, “the plan is sound.”\n\n"
    "“The plan is dead,” according to Ilse Marrow.\n\n"
    "The talks failed, according to Iran’s IRNA government media. “There was no progress,” "
    "the report said.";
  g_autoptr(GPtrArray) quotes = extract (text, TRUE);

  g_assert_cmpuint (quotes->len, ==, 3);
  assert_quote (text, find_quote (quotes, "sound"), NULL, "Dara Velmont", NULL, "according to");
  assert_quote (text, find_quote (quotes, "dead"), NULL, "Ilse Marrow", NULL, "according to");
  assert_quote (text, find_quote (quotes, "progress"), NULL, NULL, "IRNA", "said");
}

static void
test_across_paragraphs (void)
{
  /* The usual convention: no closing mark at the end of a paragraph, an opening mark at the
   * start of the next. */
  const char *text =
    "Talks in Lisbon\n\n"
    "“The first part of what I have to say is short.\n\n"
    "“The second part is longer,” Dara Velmont said.\n\n"
    "Nothing else was said.";
  g_autoptr(GPtrArray) quotes = extract (text, TRUE);
  DossierQuoteMention *q;

  g_assert_cmpuint (quotes->len, ==, 1);
  q = g_ptr_array_index (quotes, 0);
  assert_quote (text, q, NULL, "Dara Velmont", NULL, "said");
  g_assert_cmpstr (q->text, ==, "The first part of what I have to say is short. The second part "
                                "is longer");
}

static void
test_across_caption (void)
{
  /* A quotation broken by a photo caption, going on in the next paragraph without an
   * opening mark, carried by the outlet named before it; the caption's Reuters credit is
   * not an outlet. */
  const char *text =
    "Talks in Lisbon\n\n"
    "The two sides are close, according to IRNA. “On the key issues, Velmont said that "
    "nothing should stand in the way. Ilse Marrow and Dara Velmont (not pictured) hold a news "
    "conference in Lisbon, Portugal May 2, 2024. (credit: REUTERS/JOHN DOE)\n\n"
    "She went on to say that the talks would continue,” the report said.\n\n"
    "Dara Velmont has led the talks since March.";
  g_autoptr(GPtrArray) quotes = extract (text, TRUE);
  DossierQuoteMention *q;

  g_assert_cmpuint (quotes->len, ==, 1);
  q = g_ptr_array_index (quotes, 0);
  g_assert_cmpstr (q->outlet, ==, "IRNA");
  g_assert_cmpstr (q->speaker, ==, "Velmont");
  g_assert_cmpstr (q->text, ==, "On the key issues, Velmont said that nothing should stand in the "
                                "way. She went on to say that the talks would continue");
  g_assert_null (strstr (q->text, "credit"));
}

static void
test_unterminated (void)
{
  const char *text =
    "Talks in Lisbon\n\n"
    "Dara Velmont said: “We will not wait for them, and we will not be moved\n\n"
    "The talks went on for another hour. A “final” text was agreed.";
  g_autoptr(GPtrArray) quotes = extract (text, TRUE);
  DossierQuoteMention *q = find_quote (quotes, "moved");

  assert_quote (text, q, "We will not wait for them, and we will not be moved", "Dara Velmont",
                NULL, "said");
  g_assert_nonnull (find_quote (quotes, "final"));
}

static void
test_nested (void)
{
  const char *text =
    "Talks in Lisbon\n\n"
    "“He told me ‘never again’ and then he left the room,” Dara Velmont said. \"She called it "
    "'a betrayal' and walked out,\" Ilse Marrow added.";
  g_autoptr(GPtrArray) quotes = extract (text, TRUE);

  g_assert_cmpuint (quotes->len, ==, 2);
  assert_quote (text, find_quote (quotes, "never"),
                "He told me ‘never again’ and then he left the room", "Dara Velmont", NULL,
                "said");
  assert_quote (text, find_quote (quotes, "betrayal"), "She called it 'a betrayal' and walked out",
                "Ilse Marrow", NULL, "added");
}

static void
test_apostrophes (void)
{
  const char *text =
    "'Fragile' truce holds in Ra'anana, envoy says\n\n"
    "“O'Brien's plan won't work and Ra'anana’s mayor knows it,” said Sean O'Brien, who lives in "
    "Ra'anana. The mayors’ meeting was short.\n\n"
    "'We will return next week,' Velmont said.";
  g_autoptr(GPtrArray) quotes = extract (text, TRUE);

  /* The headline's scare quotes and the plural possessive are not quotations. */
  g_assert_cmpuint (quotes->len, ==, 2);
  assert_quote (text, find_quote (quotes, "plan"),
                "O'Brien's plan won't work and Ra'anana’s mayor knows it", "Sean O'Brien", NULL,
                "said");
  assert_quote (text, find_quote (quotes, "return"), "We will return next week", "Velmont", NULL,
                "said");
}

static void
test_pronoun (void)
{
  const char *text =
    "Talks in Lisbon\n\n"
    "Ilse Marrow arrived in Lisbon on Monday with Tomas Reyno.\n\n"
    "“We came to listen,” she said. “And we will.”\n\n"
    "Foreign Minister Dara Velmont met them at the airport. “The door is open,” the minister said.";
  g_autoptr(GPtrArray) quotes = extract (text, TRUE);
  DossierQuoteMention *q = find_quote (quotes, "listen");
  DossierQuoteMention *next = find_quote (quotes, "And we will");

  /* The name resolved to, and where it is named. */
  assert_quote (text, q, "We came to listen", "Ilse Marrow", NULL, "said");
  g_assert_cmpint (q->speaker_start, ==, 17);
  g_assert_cmpstr (next->speaker, ==, "Ilse Marrow");
  assert_quote (text, find_quote (quotes, "door"), "The door is open",
                "Foreign Minister Dara Velmont", NULL, "said");
}

static void
test_descriptions (void)
{
  const char *text =
    "Talks in Doha\n\n"
    "Velmont met Qeshlan’s Prime Minister, Sheikh Faris bin Nawaf Al Maktar, and the trade "
    "minister of Ostrava, Ilse Marrow.\n\n"
    "“The Qeshlani minister also said the port would reopen,” IRNA reported.";
  g_autoptr(GPtrArray) quotes = extract (text, TRUE);
  DossierQuoteMention *q = find_quote (quotes, "port");

  g_assert_cmpstr (q->speaker, ==, "Sheikh Faris bin Nawaf Al Maktar");
  g_assert_cmpstr (q->outlet, ==, "IRNA");
}

static void
test_outlets (void)
{
  const char *text =
    "Talks in Lisbon\n\n"
    "“The sanctions are unjust,” Dara Velmont wrote on X.\n\n"
    "“We are ready,” Ilse Marrow told Reuters.\n\n"
    "Velmont said the country will “respond to every measure,” IRNA reported.\n\n"
    "“Velmont said the talks would continue,” IRNA noted.\n\n"
    "“Field and diplomacy go together,” IRNA said.\n\n"
    "IRNA published a long report on the talks. “The atmosphere was good,” the report said.";
  g_autoptr(GPtrArray) quotes = extract (text, TRUE);

  assert_quote (text, find_quote (quotes, "sanctions"), NULL, "Dara Velmont", "X", "wrote");
  assert_quote (text, find_quote (quotes, "ready"), NULL, "Ilse Marrow", "Reuters", "told");
  /* Both levels: the speaker before the quotation, the outlet after it. */
  assert_quote (text, find_quote (quotes, "respond"), NULL, "Velmont", "IRNA", "reported");
  /* The person inside the outlet's text. */
  g_assert_cmpstr (find_quote (quotes, "continue")->speaker, ==, "Velmont");
  g_assert_cmpstr (find_quote (quotes, "continue")->outlet, ==, "IRNA");
  /* An outlet and nobody named. */
  assert_quote (text, find_quote (quotes, "Field"), NULL, NULL, "IRNA", "said");
  assert_quote (text, find_quote (quotes, "atmosphere"), NULL, NULL, "IRNA", "said");
}

static void
test_caption_credit (void)
{
  /* A credit naming Reuters makes Reuters nobody's source, and a caption's quote marks no
   * quotation. */
  const char *text =
    "Talks in Lisbon\n\n"
    "Protesters hold a “No deal” banner in Lisbon, Portugal May 2, 2024. (credit: "
    "REUTERS/JOHN DOE)\n\n"
    "Reuters Photo editors chose the picture. (credit: Reuters)\n\n"
    "“There was no progress,” the report said.";
  g_autoptr(GPtrArray) quotes = extract (text, TRUE);

  g_assert_cmpuint (quotes->len, ==, 1);
  assert_quote (text, g_ptr_array_index (quotes, 0), "There was no progress", NULL, NULL, "said");
}

static void
test_spliced_headline (void)
{
  const char *text =
    "Envoys meet again\n\n"
    "Iran sent a delegation. Officials in Iran welcomed it.\n\n"
    "Velmont met the agency’s head. “The relations between IIran’s envoy plans a new round of "
    "talksran and the agency are good,” IRNA noted.";
  g_autoptr(GPtrArray) quotes = extract (text, TRUE);
  DossierQuoteMention *q = find_quote (quotes, "relations");

  /* The headline is not read as part of the quotation, and the word it cut is whole again. */
  g_assert_cmpstr (q->text, ==, "The relations between Iran and the agency are good");
  g_assert_cmpstr (q->outlet, ==, "IRNA");
}

static void
test_multibyte (void)
{
  const char *text =
    "Zürich — 東京 talks\n\n"
    "Délégués à Genève, 東京 and Zürich. “Wir bleiben hier,” sagte Jürgen Weiß, said Jürgen "
    "Weiß. “Ça suffit,” said Zoé Lefèvre.";
  g_autoptr(GPtrArray) quotes = extract (text, TRUE);
  DossierQuoteMention *q = find_quote (quotes, "bleiben");
  DossierQuoteMention *r = find_quote (quotes, "suffit");

  /* Offsets are code points: the span reads back exactly. */
  assert_quote (text, q, "Wir bleiben hier", NULL, NULL, NULL);
  assert_quote (text, r, "Ça suffit", "Zoé Lefèvre", NULL, "said");
}

static void
test_not_quotations (void)
{
  const char *text =
    "Talks in Lisbon\n\n"
    "Velmont appeared on “Meet the Voters” and on <a href=\"https://example.org\">a site</a>. "
    "He is 6' tall and was born in the '70s.";
  g_autoptr(GPtrArray) quotes = extract (text, TRUE);

  g_assert_cmpuint (quotes->len, ==, 0);
}

static void
test_scare_quote_subject (void)
{
  const char *text =
    "Talks in Lisbon\n\n"
    "Dara Velmont arrived late. Velmont has repeatedly called the plan “a trap for the weak.”";
  g_autoptr(GPtrArray) quotes = extract (text, TRUE);

  g_assert_cmpuint (quotes->len, ==, 1);
  g_assert_cmpstr (((DossierQuoteMention *) g_ptr_array_index (quotes, 0))->speaker, ==,
                   "Velmont");
}

static void
test_no_regions (void)
{
  const char *text = "“We will not wait,” Dara Velmont said.\n\nA photo of the port. (credit: "
                     "REUTERS/JOHN “JD” DOE)";
  g_autoptr(GPtrArray) quotes = dossier_extract_quotes (text, NULL);

  g_assert_cmpuint (quotes->len, ==, 1);
  assert_quote (text, g_ptr_array_index (quotes, 0), "We will not wait", "Dara Velmont", NULL,
                "said");
  dossier_quote_mention_free (NULL);
}

/* The two articles the product was conceived around, from ../shared/seeds (their text stays
 * there): every quotation with its outlet and its speaker where the text names one, the
 * captions and the newsletter prompt marked, nothing taken from a caption. */
typedef struct {
  const char *speaker;   /* last word of the speaker's name; NULL for none */
  const char *outlet;
} Expected;

static const Expected seed_000[] = {
  { "Kani", "IRNA" },    /* across the caption and the paragraph break: "the report said" */
  { "Thani", "IRNA" },   /* "The Qatari minister ... said", IRNA reported */
  { "Kani", NULL },      /* "art of diplomacy" in his statement */
  { "Kani", "IRNA" },
  { NULL, "IRNA" },
  { NULL, NULL },        /* the term "field" */
};

static const Expected seed_001[] = {
  { NULL, "IRNA" },      /* "the Iranian report said" after "Iranian state media" */
  { "Araghchi", "IRNA" },
  { NULL, "IRNA" },
  { "Araqchi", "IRNA" }, /* "he expressed hope", "Iranian state media noted" */
  { "Araqchi", "IRNA" },
  { NULL, NULL },        /* what "Iranian media term" an embargo */
  { "Araghchi", "X" },   /* wrote on X */
  { "Araghchi", "IRNA" },/* across the spliced headline */
};

static void
check_seed (const char     *path,
            const Expected *expected,
            guint           n_expected,
            gboolean        newsletter)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierArticle) article = NULL;
  g_autoptr(GArray) regions = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  guint captions = 0, prompts = 0;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  article = dossier_text_import (data, len, path, &error);
  g_assert_no_error (error);
  regions = dossier_extract_regions (article->text, article->regions);
  quotes = dossier_extract_quotes (article->text, regions);

  for (guint i = 0; i < regions->len; i++)
    {
      const DossierRegion *r = &g_array_index (regions, DossierRegion, i);
      g_autofree char *sub = test_region_text (article->text, r->start, r->end);

      if (r->kind == DOSSIER_REGION_CAPTION)
        {
          g_assert_nonnull (strstr (sub, "(credit: REUTERS/"));
          captions++;
        }
      if (r->kind == DOSSIER_REGION_BOILERPLATE && strstr (sub, "Newsletter") != NULL)
        prompts++;
      /* Every credit is in a caption. */
      if (r->kind != DOSSIER_REGION_CAPTION)
        g_assert_null (strstr (sub, "(credit:"));
    }
  g_assert_cmpuint (captions, ==, 1);
  g_assert_cmpuint (prompts, ==, newsletter ? 1 : 0);

  g_assert_cmpuint (quotes->len, ==, n_expected);
  for (guint i = 0; i < quotes->len; i++)
    {
      DossierQuoteMention *q = g_ptr_array_index (quotes, i);

      g_test_message ("%s quote %u: speaker %s, outlet %s, cue %s", path, i, q->speaker,
                      q->outlet, q->cue);
      g_assert_false (dossier_regions_is_furniture (regions, q->start, q->start + 1));
      g_assert_cmpstr (q->outlet, ==, expected[i].outlet);
      g_assert_cmpstr (q->outlet, !=, "Reuters");
      if (expected[i].speaker == NULL)
        g_assert_null (q->speaker);
      else
        {
          g_assert_nonnull (q->speaker);
          g_assert_true (g_str_has_suffix (q->speaker, expected[i].speaker));
          g_assert_false (dossier_regions_is_furniture (regions, (guint) q->speaker_start,
                                                        (guint) q->speaker_end));
        }
      /* A caption inside a quotation is not part of its words. */
      g_assert_null (strstr (q->text, "credit"));
    }
}

static void
test_seeds (void)
{
  g_autofree char *dir = test_shared_dir ("seeds");
  g_autofree char *first = NULL, *second = NULL;

  if (dir == NULL)
    {
      g_test_skip ("../shared/seeds is not here");
      return;
    }
  first = g_build_filename (dir, "000_c2296167f366dcf8.txt", NULL);
  second = g_build_filename (dir, "001_57039be82140cf9d.txt", NULL);
  if (!g_file_test (first, G_FILE_TEST_EXISTS) || !g_file_test (second, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the seed articles are not in ../shared/seeds");
      return;
    }
  check_seed (first, seed_000, G_N_ELEMENTS (seed_000), FALSE);
  check_seed (second, seed_001, G_N_ELEMENTS (seed_001), TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/extract-quotes/cue/after", test_cue_after);
  g_test_add_func ("/extract-quotes/cue/before", test_cue_before);
  g_test_add_func ("/extract-quotes/cue/lowercase-title", test_lowercase_title);
  g_test_add_func ("/extract-quotes/cue/each", test_each_cue);
  g_test_add_func ("/extract-quotes/cue/according-to", test_according_to);
  g_test_add_func ("/extract-quotes/span/across-paragraphs", test_across_paragraphs);
  g_test_add_func ("/extract-quotes/span/across-caption", test_across_caption);
  g_test_add_func ("/extract-quotes/span/unterminated", test_unterminated);
  g_test_add_func ("/extract-quotes/span/nested", test_nested);
  g_test_add_func ("/extract-quotes/span/apostrophes", test_apostrophes);
  g_test_add_func ("/extract-quotes/span/spliced-headline", test_spliced_headline);
  g_test_add_func ("/extract-quotes/span/multibyte", test_multibyte);
  g_test_add_func ("/extract-quotes/span/not-quotations", test_not_quotations);
  g_test_add_func ("/extract-quotes/speaker/pronoun", test_pronoun);
  g_test_add_func ("/extract-quotes/speaker/descriptions", test_descriptions);
  g_test_add_func ("/extract-quotes/speaker/scare-quote", test_scare_quote_subject);
  g_test_add_func ("/extract-quotes/outlet", test_outlets);
  g_test_add_func ("/extract-quotes/caption-credit", test_caption_credit);
  g_test_add_func ("/extract-quotes/no-regions", test_no_regions);
  g_test_add_func ("/extract-quotes/seeds", test_seeds);

  return g_test_run ();
}
