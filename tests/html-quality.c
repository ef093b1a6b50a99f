/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-html-quality"

/*
 * Scores the HTML importer against a Readability test corpus: one folder per case, each with
 * source.html, expected.txt (the text Readability.js extracts) and expected-metadata.json.
 *
 *   html-quality [--min-f1 X] [--dump DIR] CORPUS_DIR
 *
 * Text: both texts are split into \w+ words (Unicode word characters, lowercased); the
 * multisets of 4-word shingles are compared per document; precision and recall are averaged
 * over the documents and F1 = 2PR/(P+R) is taken from the averages.
 *
 * Metadata: a title is right when it equals the expected one after whitespace normalization
 * (also reported ignoring case).  A date is right when the YYYY-MM-DD part equals that of
 * publishedTime; only cases with an expected date count, and dates we give where none is
 * expected are reported apart.  A byline is right when it equals the expected one ignoring
 * case and whitespace (strict), or when either contains the other after a leading "By " is
 * dropped (lenient).
 *
 * Prints a table and the averages; exits 1 when --min-f1 is given and the average F1 is
 * lower, or when a case fails to import.
 */

#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "dossier-import.h"

#define SHINGLE 4

typedef struct {
  char    *name;
  double   precision;
  double   recall;
  guint    n_words;
  gboolean imported;
  int      title_ok;      /* 1 right, 0 wrong */
  int      title_ci_ok;
  int      date_ok;       /* 1 right, 0 wrong, -1 nothing expected */
  gboolean date_extra;    /* a date where none was expected */
  int      byline_ok;     /* strict; -1 nothing expected */
  int      byline_lenient_ok;
  gboolean truncated;
} Case;

static gboolean
is_word_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      return TRUE;
    default:
      return c == '_';
    }
}

static GPtrArray *
split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  const char *p = nfc ? nfc : "";

  while (*p)
    {
      const char *start;

      while (*p && !is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p && is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        g_ptr_array_add (words, g_utf8_strdown (start, p - start));
    }
  return words;
}

/* shingle → count */
static GHashTable *
count_shingles (GPtrArray *words,
                guint     *total)
{
  GHashTable *shingles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  *total = 0;
  for (guint i = 0; i + SHINGLE <= words->len; i++)
    {
      GString *key = g_string_new (g_ptr_array_index (words, i));
      gpointer old;

      for (guint j = 1; j < SHINGLE; j++)
        {
          g_string_append_c (key, ' ');
          g_string_append (key, g_ptr_array_index (words, i + j));
        }
      old = g_hash_table_lookup (shingles, key->str);
      g_hash_table_replace (shingles, g_string_free (key, FALSE),
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + 1));
      (*total)++;
    }
  return shingles;
}

static void
score_text (const char *ours,
            const char *expected,
            Case       *c)
{
  g_autoptr(GPtrArray) our_words = split_words (ours);
  g_autoptr(GPtrArray) expected_words = split_words (expected);
  GHashTable *our_shingles, *expected_shingles;
  guint n_ours, n_expected, common = 0;
  GHashTableIter iter;
  gpointer key, value;

  our_shingles = count_shingles (our_words, &n_ours);
  expected_shingles = count_shingles (expected_words, &n_expected);
  g_hash_table_iter_init (&iter, our_shingles);
  while (g_hash_table_iter_next (&iter, &key, &value))
    common += MIN (GPOINTER_TO_UINT (value),
                   GPOINTER_TO_UINT (g_hash_table_lookup (expected_shingles, key)));
  c->precision = n_ours > 0 ? (double) common / n_ours : (n_expected == 0 ? 1.0 : 0.0);
  c->recall = n_expected > 0 ? (double) common / n_expected : 1.0;
  c->n_words = our_words->len;
  g_hash_table_unref (our_shingles);
  g_hash_table_unref (expected_shingles);
}

/* Whitespace collapsed and trimmed; lowercase when @fold. */
static char *
normalize (const char *str,
           gboolean    fold)
{
  g_autofree char *clean = dossier_clean_string (str, -1);

  if (clean == NULL)
    return g_strdup ("");
  return fold ? g_utf8_casefold (clean, -1) : g_steal_pointer (&clean);
}

static const char *
drop_by (const char *str)
{
  if (g_str_has_prefix (str, "by "))
    return str + 3;
  return str;
}

static const char *
json_string (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
score_metadata (DossierArticle *article,
                JsonObject     *expected,
                Case           *c)
{
  const char *title = json_string (expected, "title");
  const char *date = json_string (expected, "publishedTime");
  const char *byline = json_string (expected, "byline");
  g_autofree char *t_ours = normalize (article->title, FALSE);
  g_autofree char *t_expected = normalize (title, FALSE);
  g_autofree char *tf_ours = normalize (article->title, TRUE);
  g_autofree char *tf_expected = normalize (title, TRUE);

  c->title_ok = strcmp (t_ours, t_expected) == 0;
  c->title_ci_ok = strcmp (tf_ours, tf_expected) == 0;

  if (date != NULL)
    c->date_ok = article->published != NULL && strlen (date) >= 10 &&
                 strncmp (article->published, date, 10) == 0;
  else
    {
      c->date_ok = -1;
      c->date_extra = article->published != NULL;
    }

  if (byline != NULL)
    {
      g_autofree char *b_ours = normalize (article->byline, TRUE);
      g_autofree char *b_expected = normalize (byline, TRUE);
      const char *o = drop_by (b_ours), *e = drop_by (b_expected);

      c->byline_ok = strcmp (b_ours, b_expected) == 0;
      c->byline_lenient_ok = c->byline_ok ||
                             (*o != '\0' && *e != '\0' && (strstr (o, e) || strstr (e, o)));
    }
  else
    c->byline_ok = c->byline_lenient_ok = -1;
}

static void
dump_article (const char     *dir,
              const char     *name,
              DossierArticle *article)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.txt", dir, name);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "title: %s\nbyline: %s\ndate: %s\noutlet: %s\nurl: %s\n"
                          "lang: %s\ntruncated: %d\n\n",
                          article->title, article->byline, article->published,
                          article->outlet, article->url, article->language,
                          article->truncated);
  for (guint i = 0; i < article->regions->len; i++)
    {
      DossierRegion *r = &g_array_index (article->regions, DossierRegion, i);
      const char *start = g_utf8_offset_to_pointer (article->text, r->start);
      const char *end = g_utf8_offset_to_pointer (article->text, r->end);

      g_string_append_printf (out, "[%s] %.*s\n", dossier_region_kind_to_string (r->kind),
                              (int) (end - start), start);
    }
  g_file_set_contents (path, out->str, (gssize) out->len, NULL);
  g_string_free (out, TRUE);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static const char *
mark (int ok)
{
  return ok < 0 ? "-" : ok ? "yes" : "no";
}

static double
ratio (guint n,
       guint d)
{
  return d > 0 ? 100.0 * n / d : 0.0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autofree Case *cases = NULL;
  double min_f1 = -1, sum_p = 0, sum_r = 0, avg_p, avg_r, f1;
  char *dump_dir = NULL;
  guint n_title = 0, n_title_ci = 0, n_date = 0, n_date_expected = 0, n_date_extra = 0;
  guint n_byline = 0, n_byline_lenient = 0, n_byline_expected = 0, n_failed = 0;
  gint64 started;
  const char *name;
  GOptionEntry entries[] = {
    { "min-f1", 0, 0, G_OPTION_ARG_DOUBLE, &min_f1, "Fail when the average F1 is lower", "X" },
    { "dump", 0, 0, G_OPTION_ARG_FILENAME, &dump_dir, "Write each extracted text to DIR",
      "DIR" },
    { NULL },
  };

  context = g_option_context_new ("CORPUS_DIR");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error ? error->message : "usage: html-quality [--min-f1 X] DIR");
      return 2;
    }

  dir = g_dir_open (argv[1], 0, &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = g_build_filename (argv[1], name, "source.html", NULL);

      if (g_file_test (source, G_FILE_TEST_EXISTS))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  if (names->len == 0)
    {
      g_printerr ("%s: no cases (folders with source.html)\n", argv[1]);
      return 2;
    }
  if (dump_dir != NULL)
    g_mkdir_with_parents (dump_dir, 0755);

  cases = g_new0 (Case, names->len);
  started = g_get_monotonic_time ();
  g_print ("%-18s %7s %6s %6s %6s  %-5s %-5s %-5s %-5s\n", "case", "words", "P", "R", "F1",
           "title", "Title", "date", "byline");
  for (guint i = 0; i < names->len; i++)
    {
      Case *c = &cases[i];
      g_autofree char *base = g_build_filename (argv[1], g_ptr_array_index (names, i), NULL);
      g_autofree char *source_path = g_build_filename (base, "source.html", NULL);
      g_autofree char *text_path = g_build_filename (base, "expected.txt", NULL);
      g_autofree char *meta_path = g_build_filename (base, "expected-metadata.json", NULL);
      g_autofree char *source = NULL, *expected = NULL;
      g_autoptr(DossierArticle) article = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) local_error = NULL;
      gsize len;

      c->name = g_ptr_array_index (names, i);
      if (!g_file_get_contents (source_path, &source, &len, &local_error) ||
          !g_file_get_contents (text_path, &expected, NULL, &local_error) ||
          !json_parser_load_from_file (parser, meta_path, &local_error) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          g_printerr ("%s: %s\n", c->name,
                      local_error ? local_error->message : "metadata is not an object");
          n_failed++;
          continue;
        }
      article = dossier_html_import (source, len, "source.html", &local_error);
      if (article == NULL)
        {
          g_printerr ("%s: %s\n", c->name, local_error->message);
          n_failed++;
          score_text ("", expected, c);
          c->date_ok = c->byline_ok = c->byline_lenient_ok = -1;
        }
      else
        {
          c->imported = TRUE;
          c->truncated = article->truncated;
          score_text (article->text, expected, c);
          score_metadata (article, json_node_get_object (json_parser_get_root (parser)), c);
          if (dump_dir != NULL)
            dump_article (dump_dir, c->name, article);
        }

      sum_p += c->precision;
      sum_r += c->recall;
      n_title += c->title_ok;
      n_title_ci += c->title_ci_ok;
      if (c->date_ok >= 0)
        {
          n_date_expected++;
          n_date += c->date_ok;
        }
      n_date_extra += c->date_extra;
      if (c->byline_ok >= 0)
        {
          n_byline_expected++;
          n_byline += c->byline_ok;
          n_byline_lenient += c->byline_lenient_ok;
        }
      g_print ("%-18s %7u %6.3f %6.3f %6.3f  %-5s %-5s %-5s %-5s%s\n", c->name, c->n_words,
               c->precision, c->recall,
               c->precision + c->recall > 0 ?
                 2 * c->precision * c->recall / (c->precision + c->recall) : 0.0,
               mark (c->title_ok), mark (c->title_ci_ok),
               c->date_ok >= 0 ? mark (c->date_ok) : c->date_extra ? "extra" : "-",
               c->byline_ok == 1 ? "yes" : c->byline_lenient_ok == 1 ? "part" :
                 mark (c->byline_ok),
               c->truncated ? "  (truncated)" : "");
    }

  avg_p = sum_p / names->len;
  avg_r = sum_r / names->len;
  f1 = avg_p + avg_r > 0 ? 2 * avg_p * avg_r / (avg_p + avg_r) : 0;
  g_print ("\n%u cases, %.2f s\n", names->len,
           (g_get_monotonic_time () - started) / 1e6);
  g_print ("average precision %.4f  recall %.4f  F1 %.4f\n", avg_p, avg_r, f1);
  g_print ("title: %u/%u exact (%.0f%%), %u/%u ignoring case (%.0f%%)\n",
           n_title, names->len, ratio (n_title, names->len),
           n_title_ci, names->len, ratio (n_title_ci, names->len));
  g_print ("date: %u/%u of the expected dates (%.0f%%); a date where none expected: %u\n",
           n_date, n_date_expected, ratio (n_date, n_date_expected), n_date_extra);
  g_print ("byline: %u/%u strict (%.0f%%), %u/%u lenient (%.0f%%)\n",
           n_byline, n_byline_expected, ratio (n_byline, n_byline_expected),
           n_byline_lenient, n_byline_expected, ratio (n_byline_lenient, n_byline_expected));
  g_free (dump_dir);

  if (n_failed > 0)
    return 1;
  if (min_f1 >= 0 && f1 < min_f1)
    {
      g_print ("average F1 %.4f is below %.4f\n", f1, min_f1);
      return 1;
    }
  return 0;
}
