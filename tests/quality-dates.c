/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-quality-dates"

/*
 * Scores the date extractor against the MEANTIME TIMEX3 annotations (Wikinews articles):
 * INDEX.tsv names each document and its creation date (DCT); <doc>.txt is the text and
 * <doc>.timex.tsv the gold expressions (start, end in code points; surface; value; type).
 *
 *   quality-dates [--verbose] [--min-f1 X] [--min-value X] [--bench MB] [--anchors DIR]
 *                 CORPUS_DIR
 *
 * TempEval-3 style: span precision, recall and F1, strict (same offsets) and relaxed
 * (overlapping), micro-averaged over all documents; then the accuracy of the value on the
 * relaxed matches.  Each document is resolved against its DCT, given as metadata.
 *
 * What is scored.  Dossier extracts calendar dates (precision year, month, week or day), so
 * the gold set is the TIMEX3 of type DATE whose value is a calendar value (it begins with a
 * four-digit year: 2009, 2009-02, 2009-02-20, 2009-W11, 2009-Q4, 2008-01-09TMO).  The other
 * gold expressions are kept as "ignored" regions: TIME (18:00 UTC, Thursday night), DURATION
 * (four years), SET (annual), and DATE whose value is not on a calendar (PAST_REF,
 * PRESENT_REF, FUTURE_REF, XXXX-XX-XX, P6Y, FY2007, the decade "200").  A date we find
 * inside an ignored region counts neither for nor against us: "Thursday" in "Thursday night"
 * (TIME) is not an error, nor a success.  Everything else we find is a false positive.
 *
 * Matching is one to one: each of our dates takes the unmatched gold date it overlaps
 * most (of nested ones, the tighter); a second date overlapping an already matched gold
 * date is a false positive.
 *
 * Values are compared as strings, after two normalizations of the gold side: a part of
 * day ("2008-01-09TMO": "this morning") is cut at the day, since Dossier's precision stops
 * there; and one DCT written DD-MM-YYYY in the corpus (gm_120578, "03-02-2009" for
 * February 3) is read as such.  Both are counted and printed.
 *
 * Also reported: the same figures over every TIMEX3 of every type (what TempEval-3 itself
 * would count), without the dateline, and whether dossier_extract_anchor_date() finds each
 * DCT from the text alone.  --anchors DIR does the same for texts named
 * outlet_YYYY-MM-DD_slug.txt (PolNeAR's docs/), which have no dateline: there a wrong
 * anchor is worse than none, so both are counted.
 *
 * Exits 77 (skipped) when CORPUS_DIR does not exist, 1 when a threshold is not met or a
 * document cannot be read, 2 on bad usage.
 */

#include <stdlib.h>
#include <string.h>

#include "dossier-extract.h"

typedef enum {
  GOLD_SCORED,
  GOLD_IGNORED,
} GoldKind;

typedef struct {
  guint    start;
  guint    end;
  char    *surface;
  char    *value;       /* normalized */
  char    *type;
  gboolean dct;
  GoldKind kind;
  int      matched;     /* index of our date, or -1 */
} Gold;

typedef struct {
  guint n_gold;
  guint n_ours;         /* not counting those in ignored regions */
  guint n_ignored;
  guint relaxed;
  guint strict;
  guint value_ok;
} Counts;

static void
gold_free (gpointer data)
{
  Gold *g = data;

  g_free (g->surface);
  g_free (g->value);
  g_free (g->type);
  g_free (g);
}

/* "03-02-2009" (DD-MM-YYYY) as 2009-02-03; anything else unchanged. */
static char *
normalize_dct (const char *value,
               guint      *n_fixed)
{
  if (strlen (value) == 10 && value[2] == '-' && value[5] == '-' &&
      g_ascii_isdigit (value[0]) && g_ascii_isdigit (value[9]))
    {
      (*n_fixed)++;
      return g_strdup_printf ("%.4s-%.2s-%.2s", value + 6, value + 3, value);
    }
  return g_strdup (value);
}

/* A value on the calendar starts with a four-digit year. */
static gboolean
is_calendar_value (const char *value)
{
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isdigit (value[i]))
      return FALSE;
  return value[4] == '\0' || value[4] == '-';
}

/* Parts of day (TMO, TAF, TEV, TNI) are finer than Dossier's day precision. */
static char *
cut_part_of_day (const char *value,
                 guint      *n_cut)
{
  const char *t = strchr (value, 'T');

  if (t != NULL && t - value == 10 && is_calendar_value (value) && g_ascii_isalpha (t[1]))
    {
      (*n_cut)++;
      return g_strndup (value, 10);
    }
  return g_strdup (value);
}

static gboolean
read_gold (const char  *path,
           GPtrArray   *gold,
           guint       *n_fixed,
           guint       *n_cut,
           GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *value = NULL;
      Gold *g;

      if (lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (fields) < 5)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: line %u has %u fields",
                       path, i + 1, g_strv_length (fields));
          return FALSE;
        }
      g = g_new0 (Gold, 1);
      g->start = (guint) g_ascii_strtoull (fields[0], NULL, 10);
      g->end = (guint) g_ascii_strtoull (fields[1], NULL, 10);
      g->surface = g_strdup (fields[2]);
      value = normalize_dct (fields[3], n_fixed);
      g->value = cut_part_of_day (value, n_cut);
      g->type = g_strdup (fields[4]);
      g->dct = g_strv_length (fields) > 6 && strcmp (fields[6], "CREATION_TIME") == 0;
      g->kind = strcmp (g->type, "DATE") == 0 && is_calendar_value (g->value) ?
                GOLD_SCORED : GOLD_IGNORED;
      g->matched = -1;
      g_ptr_array_add (gold, g);
    }
  return TRUE;
}

static guint
overlap (guint a_start,
         guint a_end,
         guint b_start,
         guint b_end)
{
  guint start = MAX (a_start, b_start), end = MIN (a_end, b_end);

  return end > start ? end - start : 0;
}

/* Matches our dates against the gold ones of @scored (and, when not @all, sets aside
 * those in ignored regions); adds to @counts; lists the errors when @verbose. */
static void
score (const char *doc,
       GPtrArray  *ours,
       GPtrArray  *gold,
       gboolean    all_types,
       gboolean    with_dct,
       gboolean    verbose,
       Counts     *counts)
{
  for (guint i = 0; i < gold->len; i++)
    {
      Gold *g = g_ptr_array_index (gold, i);

      g->matched = -1;
      if ((all_types || g->kind == GOLD_SCORED) && (with_dct || !g->dct))
        counts->n_gold++;
    }
  for (guint i = 0; i < ours->len; i++)
    {
      DossierDateMention *d = g_ptr_array_index (ours, i);
      Gold *best = NULL;
      guint best_overlap = 0;
      gboolean in_ignored = FALSE, in_matched = FALSE;

      for (guint j = 0; j < gold->len; j++)
        {
          Gold *g = g_ptr_array_index (gold, j);
          guint o = overlap (d->start, d->end, g->start, g->end);
          gboolean counted = (all_types || g->kind == GOLD_SCORED) && (with_dct || !g->dct);

          if (o == 0)
            continue;
          if (!counted)
            in_ignored = TRUE;
          else if (g->matched >= 0)
            in_matched = TRUE;
          else if (o > best_overlap ||
                   /* nested gold ("2009" in "from 2009 to 2011"): the tighter one */
                   (o == best_overlap && g->end - g->start < best->end - best->start))
            {
              best = g;
              best_overlap = o;
            }
        }
      if (best != NULL)
        {
          gboolean strict = best->start == d->start && best->end == d->end;
          gboolean value_ok = strcmp (best->value, d->value) == 0;

          best->matched = (int) i;
          counts->n_ours++;
          counts->relaxed++;
          counts->strict += strict;
          counts->value_ok += value_ok;
          if (verbose && !value_ok)
            g_print ("  %-14s value  %u-%u \"%s\" %s, gold \"%s\" %s\n", doc, d->start, d->end,
                     d->text, d->value, best->surface, best->value);
          else if (verbose && !strict)
            g_print ("  %-14s span   %u-%u \"%s\", gold %u-%u \"%s\"\n", doc, d->start, d->end,
                     d->text, best->start, best->end, best->surface);
        }
      else if (in_ignored && !in_matched)
        {
          counts->n_ignored++;
          if (verbose && !all_types)
            g_print ("  %-14s ignore %u-%u \"%s\" %s (in a gold TIME, DURATION, SET or "
                     "non-calendar DATE)\n", doc, d->start, d->end, d->text, d->value);
        }
      else
        {
          counts->n_ours++;
          if (verbose)
            g_print ("  %-14s extra  %u-%u \"%s\" %s\n", doc, d->start, d->end, d->text,
                     d->value);
        }
    }
  if (verbose)
    for (guint i = 0; i < gold->len; i++)
      {
        Gold *g = g_ptr_array_index (gold, i);

        if (g->matched < 0 && (all_types || g->kind == GOLD_SCORED) && (with_dct || !g->dct))
          g_print ("  %-14s missed %u-%u \"%s\" %s %s\n", doc, g->start, g->end, g->surface,
                   g->value, g->type);
      }
}

static double
safe_div (double n,
          double d)
{
  return d > 0 ? n / d : 0.0;
}

static double
f1_of (double p,
       double r)
{
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

static void
print_counts (const char   *label,
              const Counts *c,
              double       *relaxed_f1,
              double       *value_accuracy)
{
  double sp = safe_div (c->strict, c->n_ours), sr = safe_div (c->strict, c->n_gold);
  double rp = safe_div (c->relaxed, c->n_ours), rr = safe_div (c->relaxed, c->n_gold);
  double acc = safe_div (c->value_ok, c->relaxed);

  g_print ("%s\n", label);
  g_print ("  gold %u, ours %u (+%u in ignored regions)\n", c->n_gold, c->n_ours,
           c->n_ignored);
  g_print ("  strict   P %.3f  R %.3f  F1 %.3f  (%u)\n", sp, sr, f1_of (sp, sr), c->strict);
  g_print ("  relaxed  P %.3f  R %.3f  F1 %.3f  (%u)\n", rp, rr, f1_of (rp, rr), c->relaxed);
  g_print ("  value accuracy on relaxed matches %.3f  (%u/%u)\n", acc, c->value_ok,
           c->relaxed);
  if (relaxed_f1 != NULL)
    *relaxed_f1 = f1_of (rp, rr);
  if (value_accuracy != NULL)
    *value_accuracy = acc;
}

/* Throughput over the corpus texts repeated to @megabytes, as paragraphs of one text; the
 * best of three runs of each function, so that a busy machine disturbs it less. */
static void
bench (GPtrArray *texts,
       guint      megabytes)
{
  g_autoptr(GString) big = g_string_new (NULL);
  double mb, extract_s = G_MAXDOUBLE, anchor_s = G_MAXDOUBLE;
  guint n_dates = 0;

  while (big->len < (gsize) megabytes * 1024 * 1024)
    for (guint i = 0; i < texts->len; i++)
      {
        g_string_append (big, g_ptr_array_index (texts, i));
        g_string_append (big, "\n\n");
      }
  mb = big->len / 1048576.0;
  for (guint run = 0; run < 3; run++)
    {
      g_autoptr(GPtrArray) dates = NULL;
      g_autofree char *anchor = NULL;
      gint64 started = g_get_monotonic_time ();

      dates = dossier_extract_dates (big->str, "2010-06-15");
      extract_s = MIN (extract_s, (g_get_monotonic_time () - started) / 1e6);
      n_dates = dates->len;
      started = g_get_monotonic_time ();
      anchor = dossier_extract_anchor_date (big->str, NULL);
      anchor_s = MIN (anchor_s, (g_get_monotonic_time () - started) / 1e6);
    }
  g_print ("bench: %.1f MB, best of 3; dossier_extract_dates %.3f s (%.0f MB/s, %u dates); "
           "dossier_extract_anchor_date %.3f s (%.0f MB/s)\n",
           mb, extract_s, mb / extract_s, n_dates, anchor_s, mb / anchor_s);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Anchors inferred from texts named outlet_YYYY-MM-DD_slug.txt, against that date. */
static void
check_anchors (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint right = 0, none = 0, wrong = 0;
  const char *name;

  if (dir == NULL)
    {
      g_print ("%s: no such folder, anchors not checked\n", dir_path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      const char *underscore = strchr (file, '_');
      g_autofree char *path = NULL, *text = NULL, *expected = NULL, *anchor = NULL;

      if (underscore == NULL || strlen (underscore) < 12 || underscore[11] != '_' ||
          !g_str_has_suffix (file, ".txt"))
        continue;
      expected = g_strndup (underscore + 1, 10);
      path = g_build_filename (dir_path, file, NULL);
      if (!g_file_get_contents (path, &text, NULL, NULL))
        continue;
      anchor = dossier_extract_anchor_date (text, NULL);
      if (anchor == NULL)
        none++;
      else if (strcmp (anchor, expected) == 0)
        right++;
      else
        wrong++;
      g_print ("  %-60s %s  inferred %s\n", file, expected, anchor ? anchor : "none");
    }
  g_print ("anchors from %s: %u right, %u none, %u wrong\n", dir_path, right, none, wrong);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *index_path = NULL;
  g_autofree char *index = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean verbose = FALSE;
  double min_f1 = -1, min_value = -1, f1 = 0, accuracy = 0;
  int bench_mb = 0;
  char *anchors_dir = NULL;
  Counts scored = { 0 }, everything = { 0 }, no_dct = { 0 };
  guint n_docs = 0, n_failed = 0, n_fixed = 0, n_cut = 0, n_anchor_ok = 0;
  int status = 0;
  GOptionEntry entries[] = {
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "List every error, per document",
      NULL },
    { "min-f1", 0, 0, G_OPTION_ARG_DOUBLE, &min_f1, "Fail when the relaxed span F1 is lower",
      "X" },
    { "min-value", 0, 0, G_OPTION_ARG_DOUBLE, &min_value,
      "Fail when the value accuracy is lower", "X" },
    { "bench", 0, 0, G_OPTION_ARG_INT, &bench_mb,
      "Also time the extractor on the texts repeated to MB megabytes", "MB" },
    { "anchors", 0, 0, G_OPTION_ARG_FILENAME, &anchors_dir,
      "Also infer the anchors of DIR/outlet_YYYY-MM-DD_slug.txt", "DIR" },
    { NULL },
  };

  context = g_option_context_new ("CORPUS_DIR");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error ? error->message :
                  "usage: quality-dates [--verbose] [--min-f1 X] [--min-value X] DIR");
      return 2;
    }
  if (!g_file_test (argv[1], G_FILE_TEST_IS_DIR))
    {
      g_print ("%s: no such folder, skipped\n", argv[1]);
      return 77;
    }
  index_path = g_build_filename (argv[1], "INDEX.tsv", NULL);
  if (!g_file_get_contents (index_path, &index, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  lines = g_strsplit (index, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      g_autoptr(GPtrArray) gold = g_ptr_array_new_with_free_func (gold_free);
      g_autoptr(GPtrArray) ours = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *text_path = NULL, *gold_path = NULL, *text = NULL, *dct = NULL;
      g_autofree char *anchor = NULL, *inferred = NULL;
      const char *doc;

      if (g_strv_length (fields) < 2)
        continue;
      doc = fields[0];
      text_path = g_strdup_printf ("%s/%s.txt", argv[1], doc);
      gold_path = g_strdup_printf ("%s/%s.timex.tsv", argv[1], doc);
      if (!g_file_get_contents (text_path, &text, NULL, &local_error) ||
          !read_gold (gold_path, gold, &n_fixed, &n_cut, &local_error))
        {
          g_printerr ("%s: %s\n", doc, local_error->message);
          n_failed++;
          continue;
        }
      n_docs++;
      dct = normalize_dct (fields[1], &n_fixed);
      anchor = dossier_extract_anchor_date (text, dct);
      ours = dossier_extract_dates (text, anchor);
      inferred = dossier_extract_anchor_date (text, NULL);
      n_anchor_ok += g_strcmp0 (inferred, dct) == 0;
      if (verbose)
        g_print ("%s (DCT %s%s%s)\n", doc, dct,
                 g_strcmp0 (inferred, dct) == 0 ? "" : ", inferred from the text: ",
                 g_strcmp0 (inferred, dct) == 0 ? "" : (inferred ? inferred : "none"));
      score (doc, ours, gold, FALSE, TRUE, verbose, &scored);
      score (doc, ours, gold, TRUE, TRUE, FALSE, &everything);
      score (doc, ours, gold, FALSE, FALSE, FALSE, &no_dct);
      g_ptr_array_add (texts, g_steal_pointer (&text));
    }
  if (n_docs == 0)
    {
      g_printerr ("%s: no documents\n", argv[1]);
      return 2;
    }

  g_print ("\n%u documents; gold values normalized: %u DD-MM-YYYY dates, %u parts of day "
           "cut at the day\n\n", n_docs, n_fixed, n_cut);
  print_counts ("DATE with a calendar value (the measure; TIME, DURATION, SET and other DATE "
                "regions ignored)", &scored, &f1, &accuracy);
  print_counts ("the same, without the dateline (CREATION_TIME)", &no_dct, NULL, NULL);
  print_counts ("every TIMEX3 of every type (nothing ignored)", &everything, NULL, NULL);
  g_print ("anchor inferred from the text alone = DCT: %u/%u\n", n_anchor_ok, n_docs);

  if (bench_mb > 0)
    bench (texts, (guint) bench_mb);
  if (anchors_dir != NULL)
    check_anchors (anchors_dir);
  g_free (anchors_dir);

  if (min_f1 >= 0 && f1 < min_f1)
    {
      g_print ("FAIL: relaxed F1 %.3f < %.3f\n", f1, min_f1);
      status = 1;
    }
  if (min_value >= 0 && accuracy < min_value)
    {
      g_print ("FAIL: value accuracy %.3f < %.3f\n", accuracy, min_value);
      status = 1;
    }
  if (n_failed > 0)
    status = 1;
  return status;
}
