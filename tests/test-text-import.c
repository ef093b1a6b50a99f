/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dossier-core.h"
#include "test-common.h"

static DossierArticle *
import_ok (const char *data,
           gssize      len)
{
  g_autoptr(GError) error = NULL;
  DossierArticle *article;

  if (len < 0)
    len = (gssize) strlen (data);
  article = dossier_text_import (data, (gsize) len, "fixture.txt", &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);
  g_assert_true (g_utf8_validate (article->text, -1, NULL));
  g_assert_cmpstr (article->format, ==, "text");
  return article;
}

static char *
region_text (DossierArticle *article,
             guint           i)
{
  const DossierRegion *region = &g_array_index (article->regions, DossierRegion, i);

  return test_region_text (article->text, region->start, region->end);
}

static DossierRegionKind
region_kind (DossierArticle *article,
             guint           i)
{
  return g_array_index (article->regions, DossierRegion, i).kind;
}

static void
test_first_line_is_title (void)
{
  g_autoptr(DossierArticle) article =
    import_ok ("Harbour council backs new ferry line\n\n"
               "The council of Port Vell voted on Monday to fund the ferry.\n\n"
               "“We waited ten years,” said councillor Mara Ostrand.\n", -1);
  g_autofree char *r0 = region_text (article, 0);
  g_autofree char *r2 = region_text (article, 2);

  g_assert_cmpstr (article->title, ==, "Harbour council backs new ferry line");
  g_assert_cmpuint (article->regions->len, ==, 3);
  g_assert_cmpint (region_kind (article, 0), ==, DOSSIER_REGION_HEADLINE);
  g_assert_cmpstr (r0, ==, "Harbour council backs new ferry line");
  g_assert_cmpint (region_kind (article, 1), ==, DOSSIER_REGION_PARAGRAPH);
  g_assert_cmpstr (r2, ==, "“We waited ten years,” said councillor Mara Ostrand.");
  g_assert_null (article->published);
}

static void
test_metadata_block (void)
{
  g_autoptr(DossierArticle) article =
    import_ok ("title Ferry vote passes\n"
               "source The Port Vell Courier\n"
               "author Lena Ivers\n"
               "url https://courier.example/ferry\n"
               "date 2024-06-20\n"
               "\n"
               "The council voted on Monday.\n", -1);

  g_assert_cmpstr (article->title, ==, "Ferry vote passes");
  g_assert_cmpstr (article->outlet, ==, "The Port Vell Courier");
  g_assert_cmpstr (article->byline, ==, "Lena Ivers");
  g_assert_cmpstr (article->url, ==, "https://courier.example/ferry");
  g_assert_cmpstr (article->published, ==, "2024-06-20");
  g_assert_cmpint (article->precision, ==, DOSSIER_PRECISION_DAY);
  /* the metadata is not part of the text the analyst reads */
  g_assert_cmpstr (article->text, ==, "The council voted on Monday.");
}

static void
test_date_on_first_line (void)
{
  /* As in the first seed: the date key and value, then the first paragraph on the same line. */
  g_autoptr(DossierArticle) article =
    import_ok (" date 2024-06-20 The envoy of Norland went to Estmark to meet the prime minister. "
               "This matters for the region.\n\nA second paragraph.\n", -1);

  g_assert_cmpstr (article->published, ==, "2024-06-20");
  g_assert_true (g_str_has_prefix (article->text, "The envoy of Norland went"));
  g_assert_null (strstr (article->text, "2024-06-20"));
  g_assert_cmpstr (article->title, ==,
                   "The envoy of Norland went to Estmark to meet the prime minister");
  g_assert_cmpuint (article->regions->len, ==, 2);
  g_assert_cmpint (region_kind (article, 0), ==, DOSSIER_REGION_PARAGRAPH);
}

static void
test_not_metadata (void)
{
  /* Capitalised words that happen to be keys, and a "date" without a date, are text. */
  g_autoptr(DossierArticle) a = import_ok ("Title fight set for June\n\nBody.\n", -1);
  g_autoptr(DossierArticle) b = import_ok ("date palms grow well here\n\nBody.\n", -1);
  g_autoptr(DossierArticle) c = import_ok ("url not-a-link\n\nBody.\n", -1);

  g_assert_cmpstr (a->title, ==, "Title fight set for June");
  g_assert_null (a->published);
  g_assert_cmpstr (b->title, ==, "date palms grow well here");
  g_assert_null (b->published);
  g_assert_null (c->url);
}

static void
test_boms_and_line_ends (void)
{
  static const char utf8_bom[] = "\xEF\xBB\xBFHeadline\r\n\r\nBody one.\rBody two.\r\n";
  /* "Hé\n\nok" in UTF-16LE and UTF-16BE with their byte order marks. */
  static const char utf16le[] = "\xFF\xFEH\0\xE9\0\n\0\n\0o\0k\0";
  static const char utf16be[] = "\xFE\xFF\0H\0\xE9\0\n\0\n\0o\0k";
  g_autoptr(DossierArticle) a = import_ok (utf8_bom, sizeof utf8_bom - 1);
  g_autoptr(DossierArticle) b = import_ok (utf16le, sizeof utf16le - 1);
  g_autoptr(DossierArticle) c = import_ok (utf16be, sizeof utf16be - 1);

  g_assert_cmpstr (a->title, ==, "Headline");
  g_assert_cmpstr (a->text, ==, "Headline\n\nBody one.\n\nBody two.");
  g_assert_cmpstr (b->text, ==, "Hé\n\nok");
  g_assert_cmpstr (c->text, ==, "Hé\n\nok");
}

static void
test_hard_wrapped_lines (void)
{
  g_autoptr(DossierArticle) article =
    import_ok ("Wrapped report\n\n"
               "The committee met for the third time this month and heard evidence\n"
               "from harbour pilots, who described the channel as narrow and silted\n"
               "after the spring floods.\n\n"
               "Short line one\nShort line two\n", -1);
  g_autofree char *joined = region_text (article, 1);

  g_assert_cmpstr (joined, ==,
                   "The committee met for the third time this month and heard evidence from "
                   "harbour pilots, who described the channel as narrow and silted after the "
                   "spring floods.");
  /* lines too short to be wrapped prose stay separate */
  g_assert_cmpuint (article->regions->len, ==, 4);
}

static void
test_subheading (void)
{
  g_autoptr(DossierArticle) article =
    import_ok ("Main title\n\nFirst paragraph ends here.\n\nThe alliance grows\n\n"
               "Second paragraph, also prose.\n\n(credit: NORTHWIRE/ANNA BELL)\n", -1);

  g_assert_cmpuint (article->regions->len, ==, 5);
  g_assert_cmpint (region_kind (article, 2), ==, DOSSIER_REGION_HEADLINE);
  g_assert_cmpint (region_kind (article, 3), ==, DOSSIER_REGION_PARAGRAPH);
  g_assert_cmpint (region_kind (article, 4), ==, DOSSIER_REGION_PARAGRAPH);
}

static void
test_long_first_line (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(DossierArticle) article = NULL;

  for (int i = 0; i < 30; i++)
    g_string_append (s, "word ");
  g_string_append (s, "end of a very long opening line without a full stop\n\nNext.\n");
  article = import_ok (s->str, -1);
  g_assert_true (g_str_has_suffix (article->title, "…"));
  g_assert_cmpint (g_utf8_strlen (article->title, -1), <=, 121);
  g_assert_cmpint (region_kind (article, 0), ==, DOSSIER_REGION_PARAGRAPH);
}

static void
test_errors (void)
{
  static const struct {
    const char *data;
    gsize len;
    int code;
    const char *message;
  } cases[] = {
    { "", 0, DOSSIER_ERROR_EMPTY, "fixture.txt: no text in the file" },
    { " \n\t\r\n", 5, DOSSIER_ERROR_EMPTY, "fixture.txt: no text in the file" },
    { "title Only a title\n", 19, DOSSIER_ERROR_EMPTY, "fixture.txt: no text in the file" },
    { "abc\0def", 7, DOSSIER_ERROR_BINARY, "fixture.txt: binary file (NUL byte at offset 3), not text" },
    { "Good start\xC3\x28 rest", 16, DOSSIER_ERROR_ENCODING,
      "fixture.txt: not valid UTF-8 at byte 10" },
    { "\xEF\xBB\xBF" "ab\xFF", 6, DOSSIER_ERROR_ENCODING, "fixture.txt: not valid UTF-8 at byte 5" },
    { "\xFF\xFE" "a\0\0\xD8", 6, DOSSIER_ERROR_ENCODING, NULL },  /* cut surrogate pair */
    { "\xFF\xFE" "a\0\0\xD8" "b\0", 8, DOSSIER_ERROR_ENCODING, NULL }, /* lone surrogate */
    { "\xFF\xFE" "a\0b", 5, DOSSIER_ERROR_ENCODING, NULL },            /* odd length */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DossierArticle) article =
        dossier_text_import (cases[i].data, cases[i].len, "fixture.txt", &error);

      g_assert_null (article);
      g_assert_error (error, DOSSIER_ERROR, cases[i].code);
      if (cases[i].message)
        g_assert_cmpstr (error->message, ==, cases[i].message);
      else
        g_assert_true (g_str_has_prefix (error->message, "fixture.txt: "));
    }
}

static void
test_seeds (void)
{
  g_autofree char *dir = test_shared_dir ("seeds");
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierArticle) first = NULL;
  gsize len;

  if (dir == NULL)
    {
      g_test_skip ("../shared/seeds is not there");
      return;
    }
  path = g_build_filename (dir, "000_c2296167f366dcf8.txt", NULL);
  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  first = dossier_text_import (data, len, "seed", &error);
  g_assert_no_error (error);

  /* The leading "date 2024-06-20" is metadata, not text. */
  g_assert_cmpstr (first->published, ==, "2024-06-20");
  g_assert_cmpint (first->precision, ==, DOSSIER_PRECISION_DAY);
  g_assert_false (g_str_has_prefix (first->text, "date"));
  g_assert_true (g_str_has_prefix (first->text, "Iran"));
  g_assert_nonnull (first->title);
  /* The spliced subheading is a headline region, not a sentence of the body. */
  {
    gboolean found = FALSE;
    for (guint i = 0; i < first->regions->len; i++)
      {
        g_autofree char *t = region_text (first, i);
        if (g_str_equal (t, "Iran seeks to build up its alliance system"))
          {
            g_assert_cmpint (region_kind (first, i), ==, DOSSIER_REGION_HEADLINE);
            found = TRUE;
          }
      }
    g_assert_true (found);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/first-line-is-title", test_first_line_is_title);
  g_test_add_func ("/text/metadata-block", test_metadata_block);
  g_test_add_func ("/text/date-on-first-line", test_date_on_first_line);
  g_test_add_func ("/text/not-metadata", test_not_metadata);
  g_test_add_func ("/text/boms-and-line-ends", test_boms_and_line_ends);
  g_test_add_func ("/text/hard-wrapped-lines", test_hard_wrapped_lines);
  g_test_add_func ("/text/subheading", test_subheading);
  g_test_add_func ("/text/long-first-line", test_long_first_line);
  g_test_add_func ("/text/errors", test_errors);
  g_test_add_func ("/text/seeds", test_seeds);

  return g_test_run ();
}
