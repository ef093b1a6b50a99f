/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dossier-anchor.h"
#include "test-common.h"

/* The texts are fiction written for these tests: the town of Vellmark, its harbour and its
 * paper, the Vellmark Courier. */

static const char harbour_text[] =
  "VELLMARK — The harbour authority of Vellmark announced on Tuesday that the northern pier "
  "will close for repairs until the end of March, according to a statement from its director, "
  "Ilse Brandt.\n\n"
  "“We cannot keep a structure open that the engineers have condemned,” Brandt told the "
  "Vellmark Courier. Fishermen who moor at the pier will be moved to the southern basin.\n\n"
  "Councillor Tomasz Eberhardt said he would ask for an emergency session of the council. "
  "The repairs are expected to cost 4.2 million crowns.";

/* The code-point offset of the @nth (from 0) occurrence of @needle in @text. */
static guint
offset_of (const char *text,
           const char *needle,
           guint       nth)
{
  const char *p = text;

  for (;;)
    {
      p = strstr (p, needle);
      g_assert_nonnull (p);
      if (nth == 0)
        break;
      nth--;
      p++;
    }
  return (guint) g_utf8_pointer_to_offset (text, p);
}

static void
make_selector (DossierSelector *selector,
               const char      *text,
               const char      *needle,
               guint            nth)
{
  guint start = offset_of (text, needle, nth);

  g_assert_true (dossier_selector_init_from_text (selector, text, start,
                                                  start + (guint) g_utf8_strlen (needle, -1)));
  g_assert_cmpstr (selector->exact, ==, needle);
}

/* Re-anchors the code points [@old_start, @old_end) of @old_text in @new_text. */
static DossierAnchorMatch
locate_range (const char *old_text,
              guint       old_start,
              guint       old_end,
              const char *new_text,
              guint      *start,
              guint      *end)
{
  g_auto(DossierSelector) selector = { 0 };
  g_autoptr(DossierAnchorer) anchorer = dossier_anchorer_new (new_text);

  g_assert_true (dossier_selector_init_from_text (&selector, old_text, old_start, old_end));
  return dossier_anchorer_locate (anchorer, &selector, start, end);
}

static guint
distance (guint a,
          guint b)
{
  return a > b ? a - b : b - a;
}

/* Re-anchors the @nth @needle of @old_text in @new_text. */
static DossierAnchorMatch
relocate (const char *old_text,
          const char *needle,
          guint       nth,
          const char *new_text,
          guint      *start,
          guint      *end)
{
  g_auto(DossierSelector) selector = { 0 };
  g_autoptr(DossierAnchorer) anchorer = dossier_anchorer_new (new_text);

  make_selector (&selector, old_text, needle, nth);
  return dossier_anchorer_locate (anchorer, &selector, start, end);
}

/* Checks that the @nth @needle of @old_text lands in @new_text by @expected on the @new_nth
 * occurrence of @span. */
static void
check_relocate (const char         *old_text,
                const char         *needle,
                guint               nth,
                const char         *new_text,
                DossierAnchorMatch  expected,
                const char         *span,
                guint               new_nth)
{
  guint start = G_MAXUINT, end = G_MAXUINT;
  DossierAnchorMatch match = relocate (old_text, needle, nth, new_text, &start, &end);

  g_assert_cmpstr (dossier_anchor_match_to_string (match), ==,
                   dossier_anchor_match_to_string (expected));
  if (expected == DOSSIER_ANCHOR_ORPHAN)
    {
      /* untouched */
      g_assert_cmpuint (start, ==, G_MAXUINT);
      g_assert_cmpuint (end, ==, G_MAXUINT);
    }
  else
    {
      g_autofree char *found = test_region_text (new_text, start, end);

      g_assert_cmpstr (found, ==, span);
      g_assert_cmpuint (start, ==, offset_of (new_text, span, new_nth));
    }
}

/* Replaces the first @from in @text by @to. */
static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  const char *p = strstr (text, from);
  GString *s = g_string_new (NULL);

  g_assert_nonnull (p);
  g_string_append_len (s, text, p - text);
  g_string_append (s, to);
  g_string_append (s, p + strlen (from));
  return g_string_free (s, FALSE);
}

/* Selectors */

static void
test_selector_context (void)
{
  /* "𝔐" and "🚢" are outside the BMP: one code point, four bytes, two UTF-16 units. */
  const char *text = "𝔐arta Okonkwo-Reyes boarded the ferry 🚢 at Vellmark, “très tôt”, and "
                     "wrote to the Courier about it.";
  guint len = (guint) g_utf8_strlen (text, -1);
  g_auto(DossierSelector) first = { 0 };
  g_auto(DossierSelector) middle = { 0 };
  g_auto(DossierSelector) last = { 0 };
  g_auto(DossierSelector) short_text = { 0 };
  guint start;

  g_assert_true (dossier_selector_init_from_text (&first, text, 0, 5));
  g_assert_cmpstr (first.exact, ==, "𝔐arta");
  g_assert_cmpstr (first.prefix, ==, "");
  g_assert_cmpint (g_utf8_strlen (first.suffix, -1), ==, DOSSIER_ANCHOR_CONTEXT);
  g_assert_cmpstr (first.suffix, ==, " Okonkwo-Reyes boarded the ferry");

  start = offset_of (text, "ferry 🚢", 0);
  g_assert_cmpuint (start, ==, 32);
  g_assert_true (dossier_selector_init_from_text (&middle, text, start, start + 7));
  g_assert_cmpuint (middle.start, ==, 32);
  g_assert_cmpuint (middle.end, ==, 39);
  g_assert_cmpstr (middle.exact, ==, "ferry 🚢");
  g_assert_cmpstr (middle.prefix, ==, "𝔐arta Okonkwo-Reyes boarded the ");
  g_assert_cmpstr (middle.suffix, ==, " at Vellmark, “très tôt”, and wr");
  g_assert_cmpint (g_utf8_strlen (middle.suffix, -1), ==, DOSSIER_ANCHOR_CONTEXT);

  start = offset_of (text, "about it.", 0);
  g_assert_true (dossier_selector_init_from_text (&last, text, start, len));
  g_assert_cmpstr (last.exact, ==, "about it.");
  g_assert_cmpstr (last.suffix, ==, "");
  g_assert_cmpstr (last.prefix, ==, " tôt”, and wrote to the Courier ");
  g_assert_cmpint (g_utf8_strlen (last.prefix, -1), ==, DOSSIER_ANCHOR_CONTEXT);

  g_assert_true (dossier_selector_init_from_text (&short_text, "a 🚲 b", 2, 3));
  g_assert_cmpstr (short_text.prefix, ==, "a ");
  g_assert_cmpstr (short_text.exact, ==, "🚲");
  g_assert_cmpstr (short_text.suffix, ==, " b");
}

static void
test_selector_refuses (void)
{
  const char *text = "Ilse Brandt 🚢";
  DossierSelector selector = { 7, 9, NULL, NULL, NULL };
  g_autoptr(DossierAnchorer) anchorer = dossier_anchorer_new (text);

  g_assert_false (dossier_selector_init_from_text (&selector, text, 3, 3));
  g_assert_false (dossier_selector_init_from_text (&selector, text, 4, 2));
  g_assert_false (dossier_selector_init_from_text (&selector, text, 0, 14));
  g_assert_false (dossier_selector_init_from_text (&selector, text, 13, 14));
  g_assert_false (dossier_selector_init_from_text (&selector, text, 20, 30));
  g_assert_false (dossier_selector_init_from_text (&selector, "", 0, 1));
  g_assert_false (dossier_anchorer_init_selector (anchorer, &selector, 3, 3));
  g_assert_false (dossier_anchorer_init_selector (anchorer, &selector, 0, 14));
  /* the selector is left as it was */
  g_assert_cmpuint (selector.start, ==, 7);
  g_assert_cmpuint (selector.end, ==, 9);
  g_assert_null (selector.exact);
  g_assert_null (selector.prefix);
  g_assert_null (selector.suffix);

  /* the last character, four bytes long, is inside */
  g_assert_true (dossier_selector_init_from_text (&selector, text, 12, 13));
  g_assert_cmpstr (selector.exact, ==, "🚢");
  dossier_selector_clear (&selector);
  g_assert_null (selector.exact);
}

static void
test_selector_from_anchorer (void)
{
  g_autoptr(DossierAnchorer) anchorer = dossier_anchorer_new (harbour_text);
  guint len = (guint) g_utf8_strlen (harbour_text, -1);
  const guint ranges[][2] = { { 0, 8 }, { 5, 40 }, { 100, 180 }, { 200, 201 }, { len - 7, len } };

  g_assert_cmpuint (dossier_anchorer_get_length (anchorer), ==, len);
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      g_auto(DossierSelector) a = { 0 };
      g_auto(DossierSelector) b = { 0 };
      g_autoptr(DossierSelector) copy = NULL;

      g_assert_true (dossier_selector_init_from_text (&a, harbour_text,
                                                      ranges[i][0], ranges[i][1]));
      g_assert_true (dossier_anchorer_init_selector (anchorer, &b, ranges[i][0], ranges[i][1]));
      copy = dossier_selector_copy (&b);
      g_assert_cmpuint (a.start, ==, copy->start);
      g_assert_cmpuint (a.end, ==, copy->end);
      g_assert_cmpstr (a.exact, ==, copy->exact);
      g_assert_cmpstr (a.prefix, ==, copy->prefix);
      g_assert_cmpstr (a.suffix, ==, copy->suffix);
    }
}

static void
test_match_names (void)
{
  g_assert_cmpstr (dossier_anchor_match_to_string (DOSSIER_ANCHOR_ORPHAN), ==, "orphan");
  g_assert_cmpstr (dossier_anchor_match_to_string (DOSSIER_ANCHOR_POSITION), ==, "position");
  g_assert_cmpstr (dossier_anchor_match_to_string (DOSSIER_ANCHOR_QUOTE), ==, "quote");
  g_assert_cmpstr (dossier_anchor_match_to_string (DOSSIER_ANCHOR_APPROXIMATE), ==,
                   "approximate");
}

/* Exact stages */

static void
test_unchanged (void)
{
  const char *quotes[] = {
    "VELLMARK",
    "the northern pier will close for repairs",
    "“We cannot keep a structure open that the engineers have condemned,”",
    "he",
    "4.2 million crowns.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    check_relocate (harbour_text, quotes[i], 0, harbour_text, DOSSIER_ANCHOR_POSITION,
                    quotes[i], 0);
  /* the pronoun, with the spaces around it */
  check_relocate (harbour_text, " he ", 0, harbour_text, DOSSIER_ANCHOR_POSITION, " he ", 0);
}

static void
test_edit_before (void)
{
  /* Code points, not bytes: the insertion holds multibyte and non-BMP characters. */
  const char *insertion = "Updated 14:05 — “Ça va” 🚢. ";
  g_autofree char *edited = g_strconcat (insertion, harbour_text, NULL);
  g_autofree char *retitled = replace (harbour_text, "VELLMARK —", "VELLMARK (Courier) —");
  guint start = 0, end = 0;

  check_relocate (harbour_text, "the northern pier will close for repairs", 0, edited,
                  DOSSIER_ANCHOR_QUOTE, "the northern pier will close for repairs", 0);
  g_assert_cmpuint (relocate (harbour_text, "Ilse Brandt", 0, edited, &start, &end), ==,
                    DOSSIER_ANCHOR_QUOTE);
  g_assert_cmpuint (start, ==, offset_of (harbour_text, "Ilse Brandt", 0) + 27);
  g_assert_cmpint (g_utf8_strlen (insertion, -1), ==, 27);
  g_assert_cmpuint (end, ==, start + 11);

  check_relocate (harbour_text, "Fishermen who moor at the pier", 0, retitled,
                  DOSSIER_ANCHOR_QUOTE, "Fishermen who moor at the pier", 0);
}

static void
test_edit_after (void)
{
  g_autofree char *edited = replace (harbour_text, "4.2 million", "nearly five million");

  check_relocate (harbour_text, "the northern pier will close for repairs", 0, edited,
                  DOSSIER_ANCHOR_POSITION, "the northern pier will close for repairs", 0);
  check_relocate (harbour_text, "Councillor Tomasz Eberhardt", 0, edited,
                  DOSSIER_ANCHOR_POSITION, "Councillor Tomasz Eberhardt", 0);
}

static void
test_repeated_by_context (void)
{
  const char *old_text =
    "At the first hearing the judge, Marta Okonkwo-Reyes, said that the defence may call its "
    "witnesses on Monday. Lawyers left the building quickly.\n\n"
    "After the recess a clerk of the court read out the ruling: the defence may call its "
    "witnesses on Monday. Reporters waited outside in the rain.";
  g_autofree char *new_text = NULL;
  const char *quote = "the defence may call its witnesses on Monday";
  guint old_start = offset_of (old_text, quote, 1);
  guint start = 0, end = 0;

  /* A long insertion at the top moves both: the first occurrence ends up nearer the old
   * position of the second, but the context is the second's. */
  new_text = g_strconcat ("Editor's note: this report was updated on Wednesday evening to add "
                          "the reaction of the harbour workers' union, whose spokesman, "
                          "Ansel Kurmi, called the ruling a relief for everyone involved. ",
                          old_text, NULL);
  g_assert_cmpuint (distance (offset_of (new_text, quote, 0), old_start), <,
                    distance (offset_of (new_text, quote, 1), old_start));
  g_assert_cmpuint (relocate (old_text, quote, 1, new_text, &start, &end), ==,
                    DOSSIER_ANCHOR_QUOTE);
  g_assert_cmpuint (start, ==, offset_of (new_text, quote, 1));
  check_relocate (old_text, quote, 0, new_text, DOSSIER_ANCHOR_QUOTE, quote, 0);
}

static void
test_repeated_by_distance (void)
{
  const char *notice =
    "The following notice was read out at every market: stalls must close by nine in the "
    "evening, by order of the guild of weavers and dyers of Vellmark.\n\n";
  g_autofree char *old_text = g_strconcat ("Market report.\n\n", notice,
                                           "Prices for wool rose slightly this week.\n\n",
                                           notice, "End of report.", NULL);
  g_autofree char *new_text = g_strconcat ("Market report, corrected.\n\n", notice,
                                           "Prices for wool rose slightly this week.\n\n",
                                           notice, "End of report.", NULL);
  const char *quote = "stalls must close by nine in the evening";

  /* The same context on both sides: the nearest occurrence is the one. */
  check_relocate (old_text, quote, 0, new_text, DOSSIER_ANCHOR_QUOTE, quote, 0);
  check_relocate (old_text, quote, 1, new_text, DOSSIER_ANCHOR_QUOTE, quote, 1);
}

/* Approximate matches */

static void
test_edit_inside (void)
{
  g_autofree char *inserted = replace (harbour_text, "close for repairs",
                                       "close for urgent repairs");
  g_autofree char *deleted = replace (harbour_text, "open that the engineers",
                                      "open that engineers");
  g_autofree char *first_word = replace (harbour_text, "Councillor Tomasz", "Alderman Tomasz");
  g_autofree char *last_word = replace (harbour_text, "emergency session", "emergency meeting");
  g_autofree char *shifted = g_strconcat ("Correction: an earlier version misnamed the pier. ",
                                          inserted, NULL);
  g_autofree char *near_start = replace (harbour_text, "the northern pier",
                                         "the old northern pier");
  g_autofree char *near_end = replace (harbour_text, "end of March", "end of early March");

  check_relocate (harbour_text, "the northern pier will close for repairs until the end of March",
                  0, inserted, DOSSIER_ANCHOR_APPROXIMATE,
                  "the northern pier will close for urgent repairs until the end of March", 0);
  check_relocate (harbour_text, "the northern pier will close for repairs until the end of March",
                  0, shifted, DOSSIER_ANCHOR_APPROXIMATE,
                  "the northern pier will close for urgent repairs until the end of March", 0);
  check_relocate (harbour_text, "cannot keep a structure open that the engineers have condemned",
                  0, deleted, DOSSIER_ANCHOR_APPROXIMATE,
                  "cannot keep a structure open that engineers have condemned", 0);
  /* an edit at the edge of the passage: the new span takes the whole new word */
  check_relocate (harbour_text, "Councillor Tomasz Eberhardt said he would ask for an emergency",
                  0, first_word, DOSSIER_ANCHOR_APPROXIMATE,
                  "Alderman Tomasz Eberhardt said he would ask for an emergency", 0);
  check_relocate (harbour_text, "said he would ask for an emergency session", 0, last_word,
                  DOSSIER_ANCHOR_APPROXIMATE, "said he would ask for an emergency meeting", 0);
  /* Insertions next to the ends: dropping "the" or "March" and substituting costs fewer edits
   * than the insertion, but the context says where the passage really starts and ends. */
  check_relocate (harbour_text, "the northern pier will close for repairs until the end of March",
                  0, near_start, DOSSIER_ANCHOR_APPROXIMATE,
                  "the old northern pier will close for repairs until the end of March", 0);
  check_relocate (harbour_text, "the northern pier will close for repairs until the end of March",
                  0, near_end, DOSSIER_ANCHOR_APPROXIMATE,
                  "the northern pier will close for repairs until the end of early March", 0);
}

static void
test_whitespace_and_punctuation (void)
{
  g_autofree char *spaced = replace (harbour_text,
                                     "Fishermen who moor at the pier will be moved",
                                     "Fishermen  who moor at the pier will be\nmoved");
  g_autofree char *straight = replace (harbour_text, "“We cannot", "\"We cannot");
  g_autofree char *straight2 = replace (straight, "condemned,”", "condemned,\"");
  g_autofree char *dashed = replace (harbour_text, "VELLMARK —", "VELLMARK -");

  check_relocate (harbour_text, "Fishermen who moor at the pier will be moved to the southern", 0,
                  spaced, DOSSIER_ANCHOR_APPROXIMATE,
                  "Fishermen  who moor at the pier will be\nmoved to the southern", 0);
  check_relocate (harbour_text, "“We cannot keep a structure open that the engineers have "
                  "condemned,”", 0, straight2, DOSSIER_ANCHOR_APPROXIMATE,
                  "\"We cannot keep a structure open that the engineers have condemned,\"", 0);
  check_relocate (harbour_text, "VELLMARK — The harbour authority", 0, dashed,
                  DOSSIER_ANCHOR_APPROXIMATE, "VELLMARK - The harbour authority", 0);
}

/* Orphans */

static void
test_deleted_passage (void)
{
  g_autofree char *deleted = replace (harbour_text,
                                      " Fishermen who moor at the pier will be moved to the "
                                      "southern basin.", "");

  check_relocate (harbour_text, "Fishermen who moor at the pier will be moved to the southern "
                  "basin.", 0, deleted, DOSSIER_ANCHOR_ORPHAN, NULL, 0);
  check_relocate (harbour_text, "moved to the southern basin", 0, deleted,
                  DOSSIER_ANCHOR_ORPHAN, NULL, 0);
}

static void
test_rewritten_text (void)
{
  const char *rewritten =
    "Weather for the coast: a band of rain moves in from the west overnight, with gusts of up "
    "to seventy kilometres an hour on the headlands. Ferries to the outer islands may be "
    "delayed; travellers are asked to check the timetable before setting off.";
  const char *quotes[] = {
    "the northern pier will close for repairs until the end of March",
    "Fishermen who moor at the pier will be moved to the southern basin",
    "The repairs are expected to cost 4.2 million crowns.",
    "the pier",
    "he",
  };

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    check_relocate (harbour_text, quotes[i], 0, rewritten, DOSSIER_ANCHOR_ORPHAN, NULL, 0);
}

static void
test_short_quote (void)
{
  /* "he" in "said he would": once the sentence is gone, the other "he"s of the text (in "the",
   * "The", "she", and a "he" with other neighbours) are not it. */
  g_autofree char *removed = replace (harbour_text,
                                      "Councillor Tomasz Eberhardt said he would ask for an "
                                      "emergency session of the council. ",
                                      "Asked about the closure, she said he was not available. ");
  g_autofree char *shifted = g_strconcat ("Breaking: ", harbour_text, NULL);
  guint pronoun = offset_of (harbour_text, " he ", 0) + 1;
  guint start = G_MAXUINT, end = G_MAXUINT;

  g_assert_cmpint (locate_range (harbour_text, pronoun, pronoun + 2, removed, &start, &end), ==,
                   DOSSIER_ANCHOR_ORPHAN);
  g_assert_cmpuint (start, ==, G_MAXUINT);
  g_assert_cmpuint (end, ==, G_MAXUINT);

  g_assert_cmpint (locate_range (harbour_text, pronoun, pronoun + 2, harbour_text, &start, &end),
                   ==, DOSSIER_ANCHOR_POSITION);
  g_assert_cmpuint (start, ==, pronoun);
  g_assert_cmpuint (end, ==, pronoun + 2);

  /* with its neighbourhood intact, a shifted short quote is still found */
  g_assert_cmpint (locate_range (harbour_text, pronoun, pronoun + 2, shifted, &start, &end), ==,
                   DOSSIER_ANCHOR_QUOTE);
  g_assert_cmpuint (start, ==, pronoun + 10);
  g_assert_cmpuint (end, ==, pronoun + 12);
}

static void
test_edge_cases (void)
{
  const char *sentence = "Ilse Brandt resigned from the harbour authority.";
  const char *bmp = "𝔐𝔞𝔯𝔨 the 🚲 courier rode to Vellmark 🚲 at noon.";
  g_autofree char *bmp_shifted = g_strconcat ("🚲🚲 ", bmp, NULL);
  g_autoptr(DossierAnchorer) empty = dossier_anchorer_new ("");
  g_autoptr(DossierAnchorer) tiny = dossier_anchorer_new ("Short.");
  g_auto(DossierSelector) selector = { 0 };
  DossierSelector no_quote = { 0, 4, NULL, NULL, NULL };
  g_auto(DossierSelector) empty_quote = { 0, 0, g_strdup (""), g_strdup (""), g_strdup ("") };
  guint start = 0, end = 0, len = (guint) g_utf8_strlen (sentence, -1);

  make_selector (&selector, harbour_text, "the northern pier will close for repairs", 0);
  g_assert_cmpuint (dossier_anchorer_get_length (empty), ==, 0);
  g_assert_cmpint (dossier_anchorer_locate (empty, &selector, &start, &end), ==,
                   DOSSIER_ANCHOR_ORPHAN);
  /* a quote longer than the whole text */
  g_assert_cmpint (dossier_anchorer_locate (tiny, &selector, &start, &end), ==,
                   DOSSIER_ANCHOR_ORPHAN);
  g_assert_cmpint (dossier_anchorer_locate (tiny, &no_quote, &start, &end), ==,
                   DOSSIER_ANCHOR_ORPHAN);
  g_assert_cmpint (dossier_anchorer_locate (tiny, &empty_quote, &start, &end), ==,
                   DOSSIER_ANCHOR_ORPHAN);
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 0);

  /* the whole text: empty prefix and suffix */
  check_relocate (sentence, sentence, 0, sentence, DOSSIER_ANCHOR_POSITION, sentence, 0);
  check_relocate (sentence, sentence, 0, "Ilse Brandt resigned from the port authority.",
                  DOSSIER_ANCHOR_APPROXIMATE, "Ilse Brandt resigned from the port authority.", 0);
  g_assert_cmpint (relocate (sentence, sentence, 0, "Yesterday Ilse Brandt resigned from the "
                             "harbour authority.", &start, &end), ==, DOSSIER_ANCHOR_QUOTE);
  g_assert_cmpuint (start, ==, 10);
  g_assert_cmpuint (end, ==, 10 + len);

  /* non-BMP characters count one each */
  check_relocate (bmp, "courier rode to Vellmark 🚲", 0, bmp_shifted, DOSSIER_ANCHOR_QUOTE,
                  "courier rode to Vellmark 🚲", 0);
  g_assert_cmpint (relocate (bmp, "courier rode to Vellmark 🚲", 0, bmp_shifted, &start, &end),
                   ==, DOSSIER_ANCHOR_QUOTE);
  g_assert_cmpuint (start, ==, 11 + 3);
  g_assert_cmpuint (end, ==, 11 + 3 + 26);
  check_relocate (bmp, "𝔐𝔞𝔯𝔨 the 🚲 courier", 0, "𝔐𝔞𝔯𝔨 the 🚲🚲 courier rode away.",
                  DOSSIER_ANCHOR_APPROXIMATE, "𝔐𝔞𝔯𝔨 the 🚲🚲 courier", 0);

  /* an old position beyond the end of the new text */
  check_relocate (harbour_text, "The repairs are expected to cost 4.2 million crowns.", 0,
                  "The repairs are expected to cost 4.2 million crowns.",
                  DOSSIER_ANCHOR_QUOTE, "The repairs are expected to cost 4.2 million crowns.", 0);
}

/* Many selectors in a large text */

static const char *vocabulary[] = {
  "harbour", "council", "pier", "ferry", "basin", "crowns", "repairs", "engineers", "statement",
  "director", "morning", "evening", "weavers", "dyers", "guild", "market", "stalls", "wool",
  "prices", "rain", "coast", "islands", "timetable", "travellers", "union", "spokesman",
  "ruling", "judge", "clerk", "court", "witnesses", "hearing", "recess", "lawyers", "reporters",
  "budget", "tender", "contract", "quay", "crane", "warehouse", "lighthouse", "keeper", "tide",
  "storm", "gale", "nets", "trawler", "skipper", "cargo", "customs", "tariff", "levy", "mayor",
  "alderman", "deputy", "session", "vote", "motion", "amendment", "committee", "inquiry",
  "report", "auditor", "ledger", "school", "library", "museum", "archive", "bridge", "tunnel",
  "railway", "station", "platform", "signal", "bus", "tram", "depot", "garage", "bakery",
  "café", "façade", "naïve", "rôle", "smörgås", "Øresund", "Ærø", "Łódź", "“quoted”", "—",
  "🚲", "🚢", "𝔐ark", "said", "told", "wrote", "asked", "denied", "agreed", "warned",
  "the", "a", "of", "to", "and", "in", "on", "for", "with", "by", "at", "from", "that", "was",
  "will", "may", "not", "would", "could", "after", "before", "during", "while",
};

enum {
  KIND_KEEP,
  KIND_SHIFT,
  KIND_WORD,
  KIND_SPACE,
  KIND_DELETE,
};

typedef struct {
  int   kind;
  guint old_start;
  guint old_end;
  guint new_start;
  guint new_end;
} Expectation;

static const char *
random_word (GRand *rand)
{
  return vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))];
}

static void
append_words (GString *s,
              GRand   *rand,
              guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, random_word (rand));
    }
}

static guint
append_counted (GString    *s,
                guint      *len,
                const char *str)
{
  guint start = *len;

  g_string_append (s, str);
  *len += (guint) g_utf8_strlen (str, -1);
  return start;
}

static void
test_many_selectors (void)
{
  const guint n_paragraphs = 2000;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  g_autoptr(GString) old_text = g_string_new (NULL);
  g_autoptr(GString) new_text = g_string_new (NULL);
  g_autoptr(GArray) expect = g_array_new (FALSE, FALSE, sizeof (Expectation));
  g_autoptr(DossierAnchorer) old_anchorer = NULL;
  g_autoptr(DossierAnchorer) new_anchorer = NULL;
  guint old_len = 0, new_len = 0;
  guint counts[4] = { 0 };
  guint failures = 0;

  /* Paragraphs of two sentences; in the second, a passage of 12 to 16 words is annotated.
   * Then the paragraph is edited in the new text: a sentence inserted before it, a word of
   * the passage replaced, a space in it turned into a line break or two spaces, the passage
   * deleted, or nothing. */
  for (guint i = 0; i < n_paragraphs; i++)
    {
      g_autoptr(GString) before = g_string_new (NULL);
      g_autoptr(GString) quote = g_string_new (NULL);
      g_autoptr(GString) edited = g_string_new (NULL);
      g_autoptr(GString) after = g_string_new (NULL);
      Expectation e = { KIND_KEEP, 0, 0, 0, 0 };
      guint n_words = (guint) g_rand_int_range (rand, 12, 17);
      guint target = n_words / 2;

      if (i >= 20)
        switch (i % 10)
          {
          case 0:
          case 5:
            e.kind = KIND_SHIFT;
            break;
          case 1:
            e.kind = KIND_WORD;
            break;
          case 2:
            e.kind = KIND_SPACE;
            break;
          case 3:
            e.kind = i % 20 == 3 ? KIND_DELETE : KIND_KEEP;
            break;
          default:
            e.kind = KIND_KEEP;
            break;
          }

      append_words (before, rand, (guint) g_rand_int_range (rand, 44, 60));
      g_string_append (before, ". ");
      append_words (before, rand, 4);
      g_string_append_c (before, ' ');
      for (guint w = 0; w < n_words; w++)
        {
          const char *word = random_word (rand);

          if (w > 0)
            {
              g_string_append_c (quote, ' ');
              if (e.kind == KIND_SPACE && w == target)
                g_string_append (edited, i % 4 == 2 ? "\n" : "  ");
              else
                g_string_append_c (edited, ' ');
            }
          g_string_append (quote, word);
          if (e.kind == KIND_WORD && w == target)
            {
              const char *other;

              do
                other = random_word (rand);
              while (other == word);
              g_string_append (edited, other);
            }
          else
            g_string_append (edited, word);
        }
      g_string_append_c (after, ' ');
      append_words (after, rand, 5);
      g_string_append (after, ".\n\n");

      if (e.kind == KIND_SHIFT)
        {
          g_autoptr(GString) inserted = g_string_new (NULL);

          append_words (inserted, rand, (guint) g_rand_int_range (rand, 10, 30));
          g_string_append (inserted, ". ");
          append_counted (new_text, &new_len, inserted->str);
        }

      append_counted (old_text, &old_len, before->str);
      append_counted (new_text, &new_len, before->str);
      e.old_start = append_counted (old_text, &old_len, quote->str);
      e.old_end = old_len;
      if (e.kind != KIND_DELETE)
        {
          e.new_start = append_counted (new_text, &new_len, edited->str);
          e.new_end = new_len;
        }
      append_counted (old_text, &old_len, after->str);
      append_counted (new_text, &new_len, after->str);
      g_array_append_val (expect, e);
    }
  g_assert_cmpuint (old_text->len, >, 900 * 1000);
  g_test_message ("old text: %" G_GSIZE_FORMAT " bytes, %u code points", old_text->len, old_len);

  old_anchorer = dossier_anchorer_new (old_text->str);
  new_anchorer = dossier_anchorer_new (new_text->str);
  g_assert_cmpuint (dossier_anchorer_get_length (old_anchorer), ==, old_len);
  g_assert_cmpuint (dossier_anchorer_get_length (new_anchorer), ==, new_len);

  for (guint i = 0; i < expect->len; i++)
    {
      const Expectation *e = &g_array_index (expect, Expectation, i);
      g_auto(DossierSelector) selector = { 0 };
      DossierAnchorMatch expected, match;
      guint start = G_MAXUINT, end = G_MAXUINT;

      g_assert_true (dossier_anchorer_init_selector (old_anchorer, &selector,
                                                     e->old_start, e->old_end));
      switch (e->kind)
        {
        case KIND_WORD:
        case KIND_SPACE:
          expected = DOSSIER_ANCHOR_APPROXIMATE;
          break;
        case KIND_DELETE:
          expected = DOSSIER_ANCHOR_ORPHAN;
          break;
        default:
          expected = e->new_start == e->old_start ? DOSSIER_ANCHOR_POSITION : DOSSIER_ANCHOR_QUOTE;
          break;
        }

      match = dossier_anchorer_locate (new_anchorer, &selector, &start, &end);
      counts[match]++;
      if (match != expected ||
          (expected != DOSSIER_ANCHOR_ORPHAN && (start != e->new_start || end != e->new_end)) ||
          (expected == DOSSIER_ANCHOR_ORPHAN && (start != G_MAXUINT || end != G_MAXUINT)))
        {
          g_test_message ("selector %u \"%s\": expected %s [%u, %u), got %s [%u, %u)", i,
                          selector.exact, dossier_anchor_match_to_string (expected),
                          e->new_start, e->new_end, dossier_anchor_match_to_string (match),
                          start, end);
          failures++;
        }
    }

  g_test_message ("position %u, quote %u, approximate %u, orphan %u",
                  counts[DOSSIER_ANCHOR_POSITION], counts[DOSSIER_ANCHOR_QUOTE],
                  counts[DOSSIER_ANCHOR_APPROXIMATE], counts[DOSSIER_ANCHOR_ORPHAN]);
  g_assert_cmpuint (failures, ==, 0);
  g_assert_cmpuint (counts[DOSSIER_ANCHOR_POSITION], ==, 20);
  g_assert_cmpuint (counts[DOSSIER_ANCHOR_APPROXIMATE], >, 300);
  g_assert_cmpuint (counts[DOSSIER_ANCHOR_ORPHAN], >, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anchor/selector/context", test_selector_context);
  g_test_add_func ("/anchor/selector/refuses", test_selector_refuses);
  g_test_add_func ("/anchor/selector/from-anchorer", test_selector_from_anchorer);
  g_test_add_func ("/anchor/match-names", test_match_names);
  g_test_add_func ("/anchor/locate/unchanged", test_unchanged);
  g_test_add_func ("/anchor/locate/edit-before", test_edit_before);
  g_test_add_func ("/anchor/locate/edit-after", test_edit_after);
  g_test_add_func ("/anchor/locate/repeated-by-context", test_repeated_by_context);
  g_test_add_func ("/anchor/locate/repeated-by-distance", test_repeated_by_distance);
  g_test_add_func ("/anchor/locate/edit-inside", test_edit_inside);
  g_test_add_func ("/anchor/locate/whitespace-and-punctuation", test_whitespace_and_punctuation);
  g_test_add_func ("/anchor/locate/deleted-passage", test_deleted_passage);
  g_test_add_func ("/anchor/locate/rewritten-text", test_rewritten_text);
  g_test_add_func ("/anchor/locate/short-quote", test_short_quote);
  g_test_add_func ("/anchor/locate/edge-cases", test_edge_cases);
  g_test_add_func ("/anchor/locate/many-selectors", test_many_selectors);

  return g_test_run ();
}
