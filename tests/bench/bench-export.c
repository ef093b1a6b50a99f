/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-bench"

/*
 * bench-export [N_ANNOTATIONS] [--pdf]: exports N (10,000) annotations spread over 200
 * synthetic articles (fixed seed) in each text format with dossier_export_to_file(), which
 * reads the store and writes the file, three times per format; prints the median and the
 * time of collecting alone, and fails when a text format's median is over 1 s.  --pdf times
 * the PDF too (reported, no budget).
 *
 * bench-export --long-note N: one annotation whose note is N characters with no space or
 * other break opportunity in them, exported as PDF once; prints the time (no budget: the
 * figure is compared across sizes, which shows whether layout stays linear).
 */
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-article-gen.h"
#include "dossier-core.h"
#include "dossier-export.h"
#include "bench-common.h"

#define N_DOCUMENTS 200
#define RUNS 3
#define BUDGET_SECONDS 1.0

/* N_DOCUMENTS articles, and @n annotations spread evenly over them: every kind, speakers,
 * sources, tags and notes (some with characters every format must escape). */
static gboolean
build_workspace (DossierStore  *store,
                 guint          n,
                 GError       **error)
{
  g_autoptr(DossierArticleGen) gen = dossier_article_gen_new (20261123);
  const char *speakers[] = { "Ilse Varga", "Aleksandr Voronin", "Mara Ostrand", "Tove Lind" };
  const char *sources[] = { "Harbour Ledger", "Corland News Agency", "Vell Courier" };
  const char *tags[][3] = { { "ports", NULL }, { "grain", "shipping", NULL }, { NULL } };
  const char *notes[] = { "", "Check against the wire copy.",
                          ("Says <b>\"all\"</b> ports; =compare with [the other](x) report.\n"
                           "Second line, with * and _ and `code`.") };
  guint per_document = (n + N_DOCUMENTS - 1) / N_DOCUMENTS;
  guint done = 0;

  if (!dossier_store_begin_batch (store, error))
    return FALSE;
  for (guint d = 0; d < N_DOCUMENTS && done < n; d++)
    {
      g_autoptr(GBytes) bytes = dossier_article_gen_article (gen, d);
      g_autofree char *name = dossier_article_gen_name (d);
      g_autoptr(DossierArticle) article = NULL;
      glong length;
      gint64 id = 0;

      article = dossier_import_bytes (bytes, name, DOSSIER_FORMAT_TEXT, error);
      if (article == NULL ||
          !dossier_store_add_document (store, article, bytes, name, &id, error))
        goto failed;
      length = g_utf8_strlen (article->text, -1);
      for (guint i = 0; i < per_document && done < n; i++, done++)
        {
          DossierAnnotationFields fields = { .kind = (DossierAnnotationKind) (done % 4) };
          guint start = (guint) ((length - 120) * i / per_document);

          /* A note always says something. */
          fields.note = notes[done % G_N_ELEMENTS (notes)];
          if (fields.kind == DOSSIER_ANNOTATION_NOTE && *fields.note == '\0')
            fields.note = notes[1];
          fields.tags = tags[done % G_N_ELEMENTS (tags)];
          if (fields.kind == DOSSIER_ANNOTATION_QUOTE || fields.kind == DOSSIER_ANNOTATION_CLAIM)
            {
              fields.speaker = speakers[done % G_N_ELEMENTS (speakers)];
              fields.source = sources[done % G_N_ELEMENTS (sources)];
              fields.cue = "said";
            }
          if (fields.kind == DOSSIER_ANNOTATION_CLAIM)
            fields.credibility = 1 + (int) (done % 6);
          if (dossier_store_add_annotation (store, id, start, start + 20 + done % 80, &fields,
                                            error) == 0)
            goto failed;
        }
    }
  return dossier_store_commit_batch (store, error);

failed:
  dossier_store_rollback_batch (store);
  return FALSE;
}

/* One document with one note of @n_chars characters and not a single break opportunity:
 * the worst case for line breaking. */
static gboolean
build_long_note_workspace (DossierStore  *store,
                           guint          n_chars,
                           GError       **error)
{
  g_autoptr(DossierArticle) article = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) note = g_string_sized_new (n_chars);
  DossierAnnotationFields fields = { .kind = DOSSIER_ANNOTATION_NOTE };
  const char *body = "The port authority said on Monday that grain shipments would resume.";
  gint64 id = 0;

  bytes = g_bytes_new_static (body, strlen (body));
  article = dossier_import_bytes (bytes, "long-note.txt", DOSSIER_FORMAT_TEXT, error);
  if (article == NULL
      || !dossier_store_add_document (store, article, bytes, "long-note.txt", &id, error))
    return FALSE;
  /* Letters and digits only, as a pasted hash, base64 blob or URL would be. */
  for (guint i = 0; i < n_chars; i++)
    g_string_append_c (note, "abcdefghijklmnopqrstuvwxyz0123456789"[i % 36]);
  fields.note = note->str;
  return dossier_store_add_annotation (store, id, 4, 8, &fields, error) != 0;
}

static int
bench_long_note (const char *dir,
                 guint       n_chars)
{
  g_autofree char *path = g_build_filename (dir, "long-note.dossier", NULL);
  g_autofree char *out_path = g_build_filename (dir, "long-note.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out_path);
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  double seconds;

  store = dossier_store_open (path, &error);
  if (store == NULL || !build_long_note_workspace (store, n_chars, &error))
    {
      g_printerr ("bench-export: %s\n", error->message);
      return 1;
    }
  start = g_get_monotonic_time ();
  if (!dossier_export_to_file (store, NULL, DOSSIER_EXPORT_PDF, file, NULL, NULL, &error))
    {
      g_printerr ("bench-export: pdf: %s\n", error->message);
      return 1;
    }
  seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
  g_print ("pdf, one note of %u characters without a break: %.3f s (%.2f MB)\n", n_chars,
           seconds, info ? (double) g_file_info_get_size (info) / 1e6 : 0.0);
  g_unlink (out_path);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
  }
  return 0;
}

static double
median (double *values)
{
  qsort (values, RUNS, sizeof *values, bench_compare_doubles);
  return values[RUNS / 2];
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n = 10000;
  guint64 long_note = 0;
  gboolean pdf = FALSE;
  gboolean over = FALSE;
  double collect_times[RUNS];

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--pdf"))
        pdf = TRUE;
      else if (g_str_equal (argv[i], "--long-note") && i + 1 < argc
               && g_ascii_string_to_unsigned (argv[i + 1], 10, 1, 100000000, &long_note, NULL))
        i++;
      else if (!g_ascii_string_to_unsigned (argv[i], 10, 1, 1000000, &n, NULL))
        {
          g_printerr ("Usage: bench-export [N_ANNOTATIONS] [--pdf]\n"
                      "       bench-export --long-note N_CHARACTERS\n");
          return 2;
        }
    }

  dir = g_dir_make_tmp ("dossier-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-export: %s\n", error->message);
      return 1;
    }
  if (long_note > 0)
    {
      int status = bench_long_note (dir, (guint) long_note);

      g_rmdir (dir);
      return status;
    }
  path = g_build_filename (dir, "bench.dossier", NULL);
  store = dossier_store_open (path, &error);
  if (store == NULL || !build_workspace (store, (guint) n, &error))
    {
      g_printerr ("bench-export: %s\n", error->message);
      return 1;
    }

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(DossierExportSet) set = dossier_export_collect (store, NULL, &error);

      if (set == NULL)
        {
          g_printerr ("bench-export: %s\n", error->message);
          return 1;
        }
      collect_times[run] = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
      if (run == 0)
        g_print ("%u annotations in %u documents\n", set->n_annotations, set->documents->len);
    }
  g_print ("%-6s %8.3f s (reading the store alone)\n", "collect", median (collect_times));

  for (guint f = 0; f < DOSSIER_N_EXPORT_FORMATS; f++)
    {
      const char *name = dossier_export_format_to_string (f);
      g_autofree char *file_name = g_strconcat ("export.", dossier_export_format_extension (f),
                                                NULL);
      g_autofree char *out_path = g_build_filename (dir, file_name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (out_path);
      g_autoptr(GFileInfo) info = NULL;
      gboolean text = f != DOSSIER_EXPORT_PDF;
      double times[RUNS];

      if (!text && !pdf)
        continue;
      for (guint run = 0; run < RUNS; run++)
        {
          gint64 start = g_get_monotonic_time ();
          guint exported = 0;

          if (!dossier_export_to_file (store, NULL, f, file, &exported, NULL, &error))
            {
              g_printerr ("bench-export: %s: %s\n", name, error->message);
              return 1;
            }
          times[run] = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
          g_assert (exported == n);
        }
      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
      g_print ("%-6s %8.3f s (median of %d; %.1f MB)%s\n", name, median (times), RUNS,
               info ? (double) g_file_info_get_size (info) / 1e6 : 0.0,
               text && median (times) > BUDGET_SECONDS ? "  OVER the 1 s budget" : "");
      over |= text && median (times) > BUDGET_SECONDS;
      g_unlink (out_path);
    }

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
  return over ? 1 : 0;
}
