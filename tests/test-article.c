/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dossier-core.h"

static void
check_date (const char       *input,
            const char       *expected,
            DossierPrecision  expected_precision)
{
  g_autofree char *value = NULL;
  DossierPrecision precision;
  gboolean ok = dossier_date_parse (input, &value, &precision);

  if (expected == NULL)
    {
      g_assert_false (ok);
      g_assert_null (value);
      return;
    }
  g_assert_true (ok);
  g_assert_cmpstr (value, ==, expected);
  g_assert_cmpint (precision, ==, expected_precision);
}

static void
test_date_iso (void)
{
  check_date ("2024", "2024", DOSSIER_PRECISION_YEAR);
  check_date ("2024-06", "2024-06", DOSSIER_PRECISION_MONTH);
  check_date ("2024-06-20", "2024-06-20", DOSSIER_PRECISION_DAY);
  check_date (" 2024-06-20 ", "2024-06-20", DOSSIER_PRECISION_DAY);
  check_date ("2024-06-20T10:15", "2024-06-20T10:15:00", DOSSIER_PRECISION_TIME);
  check_date ("2024-06-20T10:15:30.123Z", "2024-06-20T10:15:30Z", DOSSIER_PRECISION_TIME);
  check_date ("2015-07-24T05:36:09+01:00", "2015-07-24T05:36:09+01:00", DOSSIER_PRECISION_TIME);
  check_date ("2015-07-24T05:36:09-0500", "2015-07-24T05:36:09-05:00", DOSSIER_PRECISION_TIME);
  check_date ("2024-02-30", NULL, DOSSIER_PRECISION_NONE);
  check_date ("2024-13", NULL, DOSSIER_PRECISION_NONE);
  check_date ("2024-06-20T25:00", NULL, DOSSIER_PRECISION_NONE);
  check_date ("20240620", NULL, DOSSIER_PRECISION_NONE);
}

static void
test_date_written (void)
{
  check_date ("June 20, 2024", "2024-06-20", DOSSIER_PRECISION_DAY);
  check_date ("20 June 2024", "2024-06-20", DOSSIER_PRECISION_DAY);
  check_date ("Jun 20th 2024", "2024-06-20", DOSSIER_PRECISION_DAY);
  check_date ("Thu, 20 Jun 2024 10:15:00 GMT", "2024-06-20T10:15:00Z", DOSSIER_PRECISION_TIME);
  check_date ("June 2024", "2024-06", DOSSIER_PRECISION_MONTH);
  check_date ("Sept. 3, 2023", "2023-09-03", DOSSIER_PRECISION_DAY);
  check_date ("February 30, 2024", NULL, DOSSIER_PRECISION_NONE);
  check_date ("Mayor Smith", NULL, DOSSIER_PRECISION_NONE);
  check_date ("yesterday", NULL, DOSSIER_PRECISION_NONE);
  check_date ("", NULL, DOSSIER_PRECISION_NONE);
}

static void
test_builder_normalizes (void)
{
  g_autoptr(DossierTextBuilder) builder = dossier_text_builder_new ();
  g_autoptr(DossierArticle) article = dossier_article_new ();
  const DossierRegion *region;

  /* "e" + combining acute becomes "é" (NFC); tabs, newlines and no-break spaces collapse;
   * a soft hyphen and a control character disappear. */
  g_assert_true (dossier_text_builder_add (builder, DOSSIER_REGION_HEADLINE,
                                           "  Caf\x65\xcc\x81\tnews\xc2\xa0 \n", -1));
  g_assert_false (dossier_text_builder_add (builder, DOSSIER_REGION_PARAGRAPH, " \t\n ", -1));
  g_assert_true (dossier_text_builder_add (builder, DOSSIER_REGION_PARAGRAPH,
                                           "co\xc2\xadop\x07 era\xe2\x80\x8bte", -1));
  dossier_text_builder_finish (builder, article);

  g_assert_cmpstr (article->text, ==, "Café news\n\ncoop erate");
  g_assert_cmpuint (article->regions->len, ==, 2);
  region = &g_array_index (article->regions, DossierRegion, 0);
  g_assert_cmpint (region->kind, ==, DOSSIER_REGION_HEADLINE);
  g_assert_cmpuint (region->start, ==, 0);
  g_assert_cmpuint (region->end, ==, 9); /* code points, not bytes */
  region = &g_array_index (article->regions, DossierRegion, 1);
  g_assert_cmpuint (region->start, ==, 11);
  g_assert_cmpuint (region->end, ==, 21);
}

static void
test_builder_splits_long_paragraphs (void)
{
  g_autoptr(DossierTextBuilder) builder = dossier_text_builder_new ();
  g_autoptr(DossierArticle) article = dossier_article_new ();
  g_autoptr(GString) paragraph = g_string_new (NULL);
  glong total;
  guint i;

  for (i = 0; paragraph->len < 30000; i++)
    g_string_append_printf (paragraph, "Sentence number %u says “ça va”, Ministry said. ", i);
  dossier_text_builder_add (builder, DOSSIER_REGION_PARAGRAPH, paragraph->str, -1);
  dossier_text_builder_finish (builder, article);

  g_assert_cmpuint (article->regions->len, >=, 4);
  total = g_utf8_strlen (article->text, -1);
  for (i = 0; i < article->regions->len; i++)
    {
      const DossierRegion *region = &g_array_index (article->regions, DossierRegion, i);
      const char *start = g_utf8_offset_to_pointer (article->text, region->start);
      const char *end = g_utf8_offset_to_pointer (article->text, region->end);

      g_assert_cmpint ((glong) region->end, <=, total);
      g_assert_cmpint (end - start, <=, DOSSIER_MAX_PARAGRAPH_BYTES);
      /* cut after a sentence: each piece ends with its full stop, the next starts a sentence */
      g_assert_cmpint (end[-1], ==, '.');
      g_assert_true (g_str_has_prefix (start, "Sentence number "));
    }
  /* nothing lost: the pieces hold every word of the paragraph */
  {
    g_autofree char *joined = NULL;
    g_auto(GStrv) pieces = g_strsplit (article->text, "\n\n", -1);
    g_strchomp (paragraph->str);
    joined = g_strjoinv (" ", pieces);
    g_assert_cmpstr (joined, ==, paragraph->str);
  }
}

static void
test_builder_splits_without_sentences (void)
{
  g_autoptr(DossierTextBuilder) builder = dossier_text_builder_new ();
  g_autoptr(DossierArticle) article = dossier_article_new ();
  g_autofree char *run = NULL;
  GString *s = g_string_new (NULL);

  /* 20,000 two-byte characters and no space at all: cut at character boundaries. */
  for (int i = 0; i < 20000; i++)
    g_string_append (s, "é");
  run = g_string_free (s, FALSE);
  dossier_text_builder_add (builder, DOSSIER_REGION_PARAGRAPH, run, -1);
  dossier_text_builder_finish (builder, article);
  g_assert_true (g_utf8_validate (article->text, -1, NULL));
  g_assert_cmpuint (article->regions->len, ==, 5);
  g_assert_cmpint (g_utf8_strlen (article->text, -1), ==, 20000 + 4 * 2);
}

static void
test_clean_string (void)
{
  g_autofree char *a = dossier_clean_string ("  Jane \n Doe\t", -1);
  g_autofree char *b = dossier_clean_string (" \t ", -1);

  g_assert_cmpstr (a, ==, "Jane Doe");
  g_assert_null (b);
}

static void
test_kind_names (void)
{
  DossierRegionKind kind;
  DossierPrecision precision;

  g_assert_true (dossier_region_kind_from_string ("caption", &kind));
  g_assert_cmpint (kind, ==, DOSSIER_REGION_CAPTION);
  g_assert_cmpstr (dossier_region_kind_to_string (DOSSIER_REGION_BOILERPLATE), ==, "boilerplate");
  g_assert_false (dossier_region_kind_from_string ("sidebar", &kind));
  g_assert_true (dossier_precision_from_string ("month", &precision));
  g_assert_cmpint (precision, ==, DOSSIER_PRECISION_MONTH);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/article/date/iso", test_date_iso);
  g_test_add_func ("/article/date/written", test_date_written);
  g_test_add_func ("/article/builder/normalizes", test_builder_normalizes);
  g_test_add_func ("/article/builder/splits-long-paragraphs", test_builder_splits_long_paragraphs);
  g_test_add_func ("/article/builder/splits-without-sentences",
                   test_builder_splits_without_sentences);
  g_test_add_func ("/article/clean-string", test_clean_string);
  g_test_add_func ("/article/kind-names", test_kind_names);

  return g_test_run ();
}
