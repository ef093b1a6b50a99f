/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dossier-article-gen.h"
#include "dossier-import.h"

/* SHA-256 of articles 0-99 of DOSSIER_GEN_DEFAULT_SEED, concatenated.  The benchmark numbers
 * in docs/benchmarks.md were measured on exactly these bytes: a change to the generator's
 * word lists or templates changes this value, and then the numbers must be measured again. */
#define GOLDEN_SHA256 "eed97698484d11767150c64f52503004b13bfc5bfc3309330be7753eded2d839"

static void
test_same_seed_same_bytes (void)
{
  g_autoptr(DossierArticleGen) a = dossier_article_gen_new (DOSSIER_GEN_DEFAULT_SEED);
  g_autoptr(DossierArticleGen) b = dossier_article_gen_new (DOSSIER_GEN_DEFAULT_SEED);

  /* Out of order on purpose: article N does not depend on the articles made before it. */
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GBytes) x = dossier_article_gen_article (a, i);
      g_autoptr(GBytes) y = dossier_article_gen_article (b, 49 - i);
      g_autoptr(GBytes) z = dossier_article_gen_article (b, i);

      g_assert_true (g_bytes_equal (x, z));
      if (i != 49 - i)
        g_assert_false (g_bytes_equal (x, y));
    }
}

static void
test_other_seed_other_bytes (void)
{
  g_autoptr(DossierArticleGen) a = dossier_article_gen_new (1);
  g_autoptr(DossierArticleGen) b = dossier_article_gen_new (2);
  g_autoptr(GBytes) x = dossier_article_gen_article (a, 0);
  g_autoptr(GBytes) y = dossier_article_gen_article (b, 0);

  g_assert_false (g_bytes_equal (x, y));
}

static void
test_golden (void)
{
  g_autoptr(DossierArticleGen) gen = dossier_article_gen_new (DOSSIER_GEN_DEFAULT_SEED);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(GBytes) bytes = dossier_article_gen_article (gen, i);
      gsize len;
      const guchar *data = g_bytes_get_data (bytes, &len);

      g_checksum_update (checksum, data, (gssize) len);
    }
  g_assert_cmpstr (g_checksum_get_string (checksum), ==, GOLDEN_SHA256);
}

/* Every article is about 4 KB and reads through the text importer as intended: metadata from
 * the leading block, paragraphs as regions. */
static void
test_imports (void)
{
  g_autoptr(DossierArticleGen) gen = dossier_article_gen_new (DOSSIER_GEN_DEFAULT_SEED);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                      (GDestroyNotify) g_bytes_unref, NULL);
  gsize total = 0;

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GBytes) bytes = dossier_article_gen_article (gen, i);
      g_autofree char *name = dossier_article_gen_name (i);
      g_autoptr(DossierArticle) article = NULL;
      g_autoptr(GError) error = NULL;
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);

      g_assert_cmpuint (len, >=, 3500);
      g_assert_cmpuint (len, <=, 5000);
      g_assert_true (g_utf8_validate_len (data, len, NULL));
      g_assert_true (g_str_has_prefix (data, "date "));
      total += len;

      article = dossier_text_import (data, len, name, &error);
      g_assert_no_error (error);
      g_assert_nonnull (article->title);
      g_assert_nonnull (article->published);
      g_assert_cmpint (article->precision, ==, DOSSIER_PRECISION_DAY);
      g_assert_nonnull (article->outlet);
      g_assert_cmpuint (article->regions->len, >=, 3);
      /* The title comes from the metadata, so the body does not repeat it. */
      g_assert_false (g_str_has_prefix (article->text, article->title));

      g_assert_false (g_hash_table_contains (seen, bytes));
      g_hash_table_add (seen, g_bytes_ref (bytes));
    }
  g_assert_cmpuint (total / 200, >=, 3800);
  g_assert_cmpuint (total / 200, <=, 4400);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/article-gen/same-seed-same-bytes", test_same_seed_same_bytes);
  g_test_add_func ("/article-gen/other-seed-other-bytes", test_other_seed_other_bytes);
  g_test_add_func ("/article-gen/golden", test_golden);
  g_test_add_func ("/article-gen/imports", test_imports);

  return g_test_run ();
}
