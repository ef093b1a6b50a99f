/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-entity-quality"

/*
 * Scores dossier_extract_entities() against hand-annotated articles and reports what it
 * finds in other texts.
 *
 *   quality-entities [--min-f1 LEVEL.KIND=X]... [--seeds DIR] [--bench MB] [--verbose]
 *                    FIXTURE_DIR
 *
 * FIXTURE_DIR holds NAME.txt (the normalized text: paragraphs separated by a blank line, the
 * first one a headline) and NAME.tsv (the expected mentions: a header line, then start, end,
 * kind, canonical name and the mentioned text, offsets in code points).  The text column is
 * checked against the .txt, so an edited article cannot silently drift from its annotation.
 *
 * Mention level: a mention is right when its span and its kind are exactly the expected
 * ones.  Entity level: an entity is right when an expected entity of the same document has
 * the same kind and canonical name.  Both are micro-averaged over the documents, per kind
 * and over all kinds.  Grouping: of the expected entities with two or more mentions found,
 * the share whose found mentions all sit in one extracted entity.
 *
 * --min-f1 mention.person=0.8 (LEVEL is mention or entity, KIND a kind or "all") makes the
 * program exit 1 below the threshold.  --seeds DIR imports every .txt in DIR and prints its
 * entities; an "Araghchi" spelled several ways must come out as one person (exit 1
 * otherwise).  --bench MB times the extraction over MB megabytes of text made of the
 * fixtures and synthetic articles, on one core.
 */

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dossier-article-gen.h"
#include "dossier-extract.h"
#include "dossier-import.h"

#define N_KINDS DOSSIER_N_ENTITY_KINDS
#define ALL N_KINDS

typedef struct {
  guint start;
  guint end;
  DossierEntityKind kind;
  char *name;
  char *text;
} Expected;

typedef struct {
  guint tp;
  guint n_found;
  guint n_expected;
} Counts;

typedef struct {
  Counts mentions[N_KINDS + 1];
  Counts entities[N_KINDS + 1];
  guint  groups_whole;
  guint  groups_total;
} Score;

static gboolean verbose;

static void
expected_clear (gpointer data)
{
  Expected *e = data;

  g_free (e->name);
  g_free (e->text);
}

static const char *
kind_name (guint kind)
{
  return kind == ALL ? "all" : dossier_entity_kind_to_string ((DossierEntityKind) kind);
}

/* Paragraphs separated by blank lines; the first is the headline. */
static GArray *
make_regions (const char *text)
{
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (DossierRegion));
  const char *p = text;
  guint cp = 0;

  while (*p != '\0')
    {
      const char *end = strstr (p, "\n\n");
      DossierRegion region;
      guint len;

      if (end == NULL)
        end = p + strlen (p);
      len = (guint) g_utf8_strlen (p, end - p);
      region.kind = regions->len == 0 ? DOSSIER_REGION_HEADLINE : DOSSIER_REGION_PARAGRAPH;
      region.start = cp;
      region.end = cp + len;
      if (len > 0)
        g_array_append_val (regions, region);
      cp += len;
      p = end;
      while (*p == '\n')
        {
          p++;
          cp++;
        }
    }
  return regions;
}

static GArray *
load_expected (const char *path,
               const char *text,
               GError    **error)
{
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, TRUE, sizeof (Expected));
  glong n_chars = g_utf8_strlen (text, -1);

  g_array_set_clear_func (expected, expected_clear);
  if (!g_file_get_contents (path, &data, NULL, error))
    return NULL;
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      Expected e = { 0 };
      const char *a;
      const char *b;

      if (lines[i][0] == '\0')
        continue;
      cells = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (cells) != 5 || !dossier_entity_kind_from_string (cells[2], &e.kind))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: line %u: bad row",
                       path, i + 1);
          return NULL;
        }
      e.start = (guint) g_ascii_strtoull (cells[0], NULL, 10);
      e.end = (guint) g_ascii_strtoull (cells[1], NULL, 10);
      if (e.start >= e.end || e.end > (guint) n_chars)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: line %u: span out of the text", path, i + 1);
          return NULL;
        }
      a = g_utf8_offset_to_pointer (text, e.start);
      b = g_utf8_offset_to_pointer (text, e.end);
      if ((gsize) (b - a) != strlen (cells[4]) || memcmp (a, cells[4], b - a) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: line %u: the text at %u-%u is “%.*s”, not “%s”",
                       path, i + 1, e.start, e.end, (int) (b - a), a, cells[4]);
          return NULL;
        }
      e.name = g_strdup (cells[3]);
      e.text = g_strdup (cells[4]);
      g_array_append_val (expected, e);
    }
  return g_steal_pointer (&expected);
}

static char *
span_text (const char *text,
           guint       start,
           guint       end)
{
  const char *a = g_utf8_offset_to_pointer (text, start);
  const char *b = g_utf8_offset_to_pointer (text, end);

  return g_strndup (a, b - a);
}

static void
count (Counts *counts,
       guint   kind,
       guint   tp,
       guint   found,
       guint   expected)
{
  counts[kind].tp += tp;
  counts[kind].n_found += found;
  counts[kind].n_expected += expected;
  counts[ALL].tp += tp;
  counts[ALL].n_found += found;
  counts[ALL].n_expected += expected;
}

static void
score_document (const char *name,
                const char *text,
                GArray     *expected,
                GPtrArray  *entities,
                Score      *score)
{
  g_autoptr(GHashTable) expected_spans = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                g_free, NULL);
  g_autoptr(GHashTable) found_spans = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                             g_free, NULL);
  g_autoptr(GHashTable) expected_entities = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                   g_free, NULL);
  g_autoptr(GHashTable) found_entities = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  /* Mentions: "start:end:kind" → index of the extracted entity + 1. */
  for (guint i = 0; i < entities->len; i++)
    {
      DossierEntityMention *entity = g_ptr_array_index (entities, i);
      char *entity_key = g_strdup_printf ("%d:%s", entity->kind, entity->name);

      g_hash_table_add (found_entities, entity_key);
      for (guint j = 0; j < entity->mentions->len; j++)
        {
          DossierSpan *span = &g_array_index (entity->mentions, DossierSpan, j);

          g_hash_table_insert (found_spans,
                               g_strdup_printf ("%u:%u:%d", span->start, span->end, entity->kind),
                               GUINT_TO_POINTER (i + 1));
        }
    }
  for (guint i = 0; i < expected->len; i++)
    {
      Expected *e = &g_array_index (expected, Expected, i);

      g_hash_table_add (expected_entities, g_strdup_printf ("%d:%s", e->kind, e->name));
      g_hash_table_add (expected_spans, g_strdup_printf ("%u:%u:%d", e->start, e->end, e->kind));
    }

  g_hash_table_iter_init (&iter, found_spans);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint kind = (guint) atoi (strrchr (key, ':') + 1);
      gboolean right = g_hash_table_contains (expected_spans, key);

      count (score->mentions, kind, right, 1, 0);
      if (!right && verbose)
        {
          guint start = 0;
          guint end = 0;
          g_autofree char *t = NULL;
          DossierEntityMention *entity = g_ptr_array_index (entities,
                                                            GPOINTER_TO_UINT (value) - 1);

          sscanf (key, "%u:%u", &start, &end);
          t = span_text (text, start, end);
          g_print ("  %s: extra   %-12s %5u-%-5u %-30s → %s\n", name, kind_name (kind), start,
                   end, t, entity->name);
        }
    }
  for (guint i = 0; i < expected->len; i++)
    {
      Expected *e = &g_array_index (expected, Expected, i);
      g_autofree char *k = g_strdup_printf ("%u:%u:%d", e->start, e->end, e->kind);

      count (score->mentions, e->kind, 0, 0, 1);
      if (!g_hash_table_contains (found_spans, k) && verbose)
        g_print ("  %s: missed  %-12s %5u-%-5u %-30s (%s)\n", name, kind_name (e->kind),
                 e->start, e->end, e->text, e->name);
    }

  g_hash_table_iter_init (&iter, found_entities);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint kind = (guint) atoi (key);
      gboolean right = g_hash_table_contains (expected_entities, key);

      count (score->entities, kind, right, 1, 0);
      if (!right && verbose)
        g_print ("  %s: entity extra   %s\n", name, (char *) key);
    }
  g_hash_table_iter_init (&iter, expected_entities);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      count (score->entities, (guint) atoi (key), 0, 0, 1);
      if (!g_hash_table_contains (found_entities, key) && verbose)
        g_print ("  %s: entity missed  %s\n", name, (char *) key);
    }

  /* Grouping: the found mentions of each expected entity, in how many extracted ones. */
  g_hash_table_iter_init (&iter, expected_entities);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint first_owner = 0;
      guint n_found = 0;
      gboolean whole = TRUE;

      for (guint i = 0; i < expected->len; i++)
        {
          Expected *e = &g_array_index (expected, Expected, i);
          g_autofree char *entity_key = g_strdup_printf ("%d:%s", e->kind, e->name);
          g_autofree char *span_key = NULL;
          guint owner;

          if (strcmp (entity_key, key) != 0)
            continue;
          span_key = g_strdup_printf ("%u:%u:%d", e->start, e->end, e->kind);
          owner = GPOINTER_TO_UINT (g_hash_table_lookup (found_spans, span_key));
          if (owner == 0)
            continue;
          n_found++;
          if (first_owner == 0)
            first_owner = owner;
          else if (owner != first_owner)
            whole = FALSE;
        }
      if (n_found >= 2)
        {
          score->groups_total++;
          score->groups_whole += whole;
          if (!whole && verbose)
            g_print ("  %s: split   %s\n", name, (char *) key);
        }
    }
}

static double
ratio (guint a,
       guint b)
{
  return b == 0 ? 1.0 : (double) a / b;
}

static double
f1 (const Counts *c)
{
  double p = ratio (c->tp, c->n_found);
  double r = ratio (c->tp, c->n_expected);

  return p + r == 0 ? 0 : 2 * p * r / (p + r);
}

static void
print_table (const char   *title,
             const Counts *counts)
{
  g_print ("%s\n", title);
  g_print ("  %-13s %9s %9s %6s %6s %6s\n", "kind", "expected", "found", "P", "R", "F1");
  for (guint k = 0; k <= N_KINDS; k++)
    g_print ("  %-13s %9u %9u %6.3f %6.3f %6.3f\n", kind_name (k), counts[k].n_expected,
             counts[k].n_found, ratio (counts[k].tp, counts[k].n_found),
             ratio (counts[k].tp, counts[k].n_expected), f1 (&counts[k]));
}

static GPtrArray *
list_files (const char *dir,
            const char *suffix,
            GError    **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  GPtrArray *names;
  const char *name;

  if (d == NULL)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, suffix))
      g_ptr_array_add (names, g_strdup (name));
  return names;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
print_entities (const char *text,
                GPtrArray  *entities)
{
  for (guint i = 0; i < entities->len; i++)
    {
      DossierEntityMention *entity = g_ptr_array_index (entities, i);
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "  %-12s %s", dossier_entity_kind_to_string (entity->kind),
                              entity->name);
      for (guint j = 0; j < entity->aliases->len; j++)
        g_string_append_printf (line, "%s%s", j == 0 ? "  aka " : " | ",
                                (char *) g_ptr_array_index (entity->aliases, j));
      g_string_append_printf (line, "  (%u)", entity->mentions->len);
      g_print ("%s\n", line->str);
    }
}

/* Imports each .txt of @dir and prints its entities.  Fails when a person spelled like
 * Araghchi is split over several entities. */
static gboolean
run_seeds (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = list_files (dir, ".txt", &error);
  gboolean ok = TRUE;

  if (names == NULL)
    {
      g_print ("seeds: %s (skipped)\n", error->message);
      return TRUE;
    }
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(DossierArticle) article = NULL;
      g_autoptr(GPtrArray) entities = NULL;
      guint araghchi = 0;

      article = dossier_import_file (file, DOSSIER_FORMAT_AUTO, NULL, NULL, &error);
      if (article == NULL)
        {
          g_printerr ("%s: %s\n", path, error->message);
          return FALSE;
        }
      entities = dossier_extract_entities (article->text, article->regions);
      g_print ("\nseed %s: %u entities\n", (char *) g_ptr_array_index (names, i), entities->len);
      print_entities (article->text, entities);
      for (guint k = 0; k < entities->len; k++)
        {
          DossierEntityMention *entity = g_ptr_array_index (entities, k);
          g_autofree char *key = dossier_name_variant_key (entity->name);

          if (entity->kind == DOSSIER_ENTITY_PERSON && strstr (key, "arakchi") != NULL)
            araghchi++;
        }
      if (araghchi > 1)
        {
          g_print ("FAIL: the Araghchi spellings make %u people\n", araghchi);
          ok = FALSE;
        }
    }
  return ok;
}

/* CPU time of this thread: the machine may be busy with other work while we measure. */
static gint64
cpu_time_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
run_bench (GPtrArray *texts,
           double     megabytes)
{
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(DossierArticleGen) gen = dossier_article_gen_new (DOSSIER_GEN_DEFAULT_SEED);
  gsize target = (gsize) (megabytes * 1024 * 1024);
  g_autoptr(GPtrArray) warm = NULL;
  gint64 t0;
  gint64 t1;
  double best = 0;
  guint n_entities = 0;

  /* Half fixtures (dense in names), half synthetic articles (ordinary prose). */
  for (guint i = 0; big->len < target / 2; i++)
    {
      g_string_append (big, g_ptr_array_index (texts, i % texts->len));
      g_string_append (big, "\n\n");
    }
  for (guint i = 0; big->len < target; i++)
    {
      g_autoptr(GBytes) bytes = dossier_article_gen_article (gen, i);
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      g_string_append_len (big, data, size);
      g_string_append (big, "\n\n");
    }
  warm = dossier_extract_entities ("Warm-up: Iran.", NULL);
  for (guint run = 0; run < 3; run++)
    {
      g_autoptr(GPtrArray) entities = NULL;
      double rate;

      t0 = cpu_time_us ();
      entities = dossier_extract_entities (big->str, NULL);
      t1 = cpu_time_us ();
      rate = big->len / 1048576.0 / ((t1 - t0) / 1e6);
      if (rate > best)
        best = rate;
      n_entities = entities->len;
    }
  g_print ("\nbench (CPU time of this thread): %.1f MB in one text, best of 3: %.1f MB/s "
           "(%u entities)\n",
           big->len / 1048576.0, best, n_entities);

  /* Per article, as the importer calls it. */
  t0 = cpu_time_us ();
  for (guint run = 0; run < 200; run++)
    for (guint i = 0; i < texts->len; i++)
      g_ptr_array_unref (dossier_extract_entities (g_ptr_array_index (texts, i), NULL));
  t1 = cpu_time_us ();
  {
    gsize bytes = 0;

    for (guint i = 0; i < texts->len; i++)
      bytes += strlen (g_ptr_array_index (texts, i));
    g_print ("bench: the fixtures one by one, 200 times: %.1f MB/s (%.0f µs per article)\n",
             200.0 * bytes / 1048576.0 / ((t1 - t0) / 1e6),
             (double) (t1 - t0) / (200.0 * texts->len));
  }

  /* Synthetic articles one by one: ordinary prose, fewer names. */
  {
    g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
    gsize bytes = 0;

    for (guint i = 0; i < 2000; i++)
      {
        GBytes *article = dossier_article_gen_article (gen, 100000 + i);

        bytes += g_bytes_get_size (article);
        g_ptr_array_add (articles, article);
      }
    t0 = cpu_time_us ();
    for (guint i = 0; i < articles->len; i++)
      {
        g_autofree char *text = g_strndup (g_bytes_get_data (g_ptr_array_index (articles, i),
                                                             NULL),
                                           g_bytes_get_size (g_ptr_array_index (articles, i)));

        g_ptr_array_unref (dossier_extract_entities (text, NULL));
      }
    t1 = cpu_time_us ();
    g_print ("bench: %u synthetic articles one by one: %.1f MB/s (%.0f µs per article)\n",
             articles->len, bytes / 1048576.0 / ((t1 - t0) / 1e6),
             (double) (t1 - t0) / articles->len);
  }
}

typedef struct {
  gboolean entity_level;
  guint    kind;
  double   min;
} Threshold;

static gboolean
parse_threshold (const char *arg,
                 Threshold  *threshold)
{
  g_auto(GStrv) parts = g_strsplit_set (arg, ".=", 3);
  DossierEntityKind kind;

  if (g_strv_length (parts) != 3)
    return FALSE;
  if (strcmp (parts[0], "mention") == 0)
    threshold->entity_level = FALSE;
  else if (strcmp (parts[0], "entity") == 0)
    threshold->entity_level = TRUE;
  else
    return FALSE;
  if (strcmp (parts[1], "all") == 0)
    threshold->kind = ALL;
  else if (dossier_entity_kind_from_string (parts[1], &kind))
    threshold->kind = kind;
  else
    return FALSE;
  threshold->min = g_ascii_strtod (parts[2], NULL);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) min_f1 = NULL;
  g_autofree char *seeds = NULL;
  double bench = 0;
  g_autoptr(GOptionContext) context = g_option_context_new ("FIXTURE_DIR");
  GOptionEntry entries[] = {
    { "min-f1", 0, 0, G_OPTION_ARG_STRING_ARRAY, &min_f1,
      "Fail below this F1 (mention.person=0.8, entity.all=0.7)", "LEVEL.KIND=X" },
    { "seeds", 0, 0, G_OPTION_ARG_FILENAME, &seeds, "Also report on the .txt files of DIR",
      "DIR" },
    { "bench", 0, 0, G_OPTION_ARG_DOUBLE, &bench, "Time the extraction over MB of text", "MB" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "List every difference", NULL },
    { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  Score score = { 0 };
  gboolean ok = TRUE;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "usage: quality-entities FIXTURE_DIR");
      return 2;
    }

  names = list_files (argv[1], ".txt", &error);
  if (names == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *base = g_strndup (name, strlen (name) - 4);
      g_autofree char *text_path = g_build_filename (argv[1], name, NULL);
      g_autofree char *tsv_name = g_strconcat (base, ".tsv", NULL);
      g_autofree char *tsv_path = g_build_filename (argv[1], tsv_name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GArray) expected = NULL;
      g_autoptr(GArray) regions = NULL;
      g_autoptr(GPtrArray) entities = NULL;

      if (!g_file_get_contents (text_path, &text, NULL, &error) ||
          (expected = load_expected (tsv_path, text, &error)) == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
      regions = make_regions (text);
      entities = dossier_extract_entities (text, regions);
      if (verbose)
        g_print ("%s\n", base);
      score_document (base, text, expected, entities, &score);
      g_ptr_array_add (texts, g_steal_pointer (&text));
    }

  g_print ("%u articles in %s\n\n", names->len, argv[1]);
  print_table ("Mentions (exact span and kind)", score.mentions);
  g_print ("\n");
  print_table ("Entities (kind and canonical name, per document)", score.entities);
  g_print ("\nGrouping: %u of %u entities with two or more mentions found whole (%.3f)\n",
           score.groups_whole, score.groups_total,
           ratio (score.groups_whole, score.groups_total));

  for (guint i = 0; min_f1 != NULL && min_f1[i] != NULL; i++)
    {
      Threshold threshold;
      double value;

      if (!parse_threshold (min_f1[i], &threshold))
        {
          g_printerr ("--min-f1 %s: expected LEVEL.KIND=X\n", min_f1[i]);
          return 2;
        }
      value = f1 (threshold.entity_level ? &score.entities[threshold.kind]
                                         : &score.mentions[threshold.kind]);
      if (value < threshold.min)
        {
          g_print ("FAIL: %s F1 %.3f is below %.3f\n", min_f1[i], value, threshold.min);
          ok = FALSE;
        }
    }

  if (seeds != NULL && !run_seeds (seeds))
    ok = FALSE;
  if (bench > 0)
    run_bench (texts, bench);
  return ok ? 0 : 1;
}
