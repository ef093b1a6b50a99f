/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L
#define G_LOG_DOMAIN "dossier-bench"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>
#include <time.h>

#include "dossier-article-gen.h"
#include "dossier-extract.h"
#include "dossier-import.h"

/*
 * Extraction throughput: dossier_extract_all() over synthetic articles (about 40 MB of ~4 KB
 * articles from the generator, imported as `dossier-cli import` would), then over the real
 * texts of ../shared/corpus and ../shared/seeds when DOSSIER_SHARED_DIR names them, then
 * each extractor alone over the synthetic articles.  Speeds are MB (10^6 bytes of UTF-8
 * text) per second of the thread's CPU time, which other processes on the machine do not
 * inflate, and of wall time.  Target (issue "extraction"): >= 20 MB/s on one core.
 */

#define TARGET_MB_S 20.0
/* The corpus is small: it is run this many times over, or for this long, whichever is more. */
#define CORPUS_MIN_ROUNDS 5
#define CORPUS_MIN_SECONDS 2.0

typedef struct {
  char           *name;
  DossierArticle *article;
  char           *date;      /* the metadata date, YYYY-MM-DD, or NULL */
  GArray         *refined;   /* regions after dossier_extract_regions(), for the parts */
  gsize           bytes;
} Input;

static void
input_clear (gpointer data)
{
  Input *input = data;

  g_free (input->name);
  g_clear_pointer (&input->article, dossier_article_free);
  g_free (input->date);
  g_clear_pointer (&input->refined, g_array_unref);
}

typedef struct {
  double cpu;        /* seconds of this thread's CPU time */
  double wall;
  gsize  bytes;
  guint  entities;
  guint  dates;
  guint  quotes;
  guint  events;
} Timing;

static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static double
wall_seconds (void)
{
  return (double) g_get_monotonic_time () / G_USEC_PER_SEC;
}

static double
mb_per_s (gsize  bytes,
          double seconds)
{
  return seconds > 0 ? (double) bytes / 1e6 / seconds : 0;
}

static gboolean
add_input (GArray     *inputs,
           GBytes     *bytes,
           const char *name,
           GError    **error)
{
  Input input = { 0, };

  input.article = dossier_import_bytes (bytes, name, DOSSIER_FORMAT_AUTO, error);
  if (input.article == NULL)
    return FALSE;
  input.name = g_strdup (name);
  input.date = input.article->published != NULL && strlen (input.article->published) >= 10
                 ? g_strndup (input.article->published, 10) : NULL;
  input.bytes = strlen (input.article->text);
  g_array_append_val (inputs, input);
  return TRUE;
}

/* Synthetic articles until @mb megabytes of text. */
static GArray *
generate_inputs (guint64  seed,
                 double   mb,
                 GError **error)
{
  g_autoptr(DossierArticleGen) gen = dossier_article_gen_new (seed);
  g_autoptr(GArray) inputs = g_array_new (FALSE, TRUE, sizeof (Input));
  gsize total = 0;

  g_array_set_clear_func (inputs, input_clear);
  for (guint i = 0; (double) total < mb * 1e6; i++)
    {
      g_autoptr(GBytes) bytes = dossier_article_gen_article (gen, i);
      g_autofree char *name = dossier_article_gen_name (i);

      if (!add_input (inputs, bytes, name, error))
        return NULL;
      total += g_array_index (inputs, Input, inputs->len - 1).bytes;
    }
  return g_steal_pointer (&inputs);
}

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_folder (GArray     *inputs,
            const char *dir,
            const char *suffix,
            const char *file_in_subdir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *entry = g_ptr_array_index (names, i);
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      if (file_in_subdir != NULL)
        path = g_build_filename (dir, entry, file_in_subdir, NULL);
      else if (g_str_has_suffix (entry, suffix))
        path = g_build_filename (dir, entry, NULL);
      else
        continue;
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      file = g_file_new_for_path (path);
      bytes = g_file_load_bytes (file, NULL, NULL, &error);
      if (bytes == NULL || !add_input (inputs, bytes, path, &error))
        g_printerr ("bench-extract: skipped %s: %s\n", path, error->message);
    }
}

/* The real texts of ../shared: seeds, PolNeAR, MEANTIME and the Readability pages. */
static GArray *
corpus_inputs (void)
{
  const char *shared = g_getenv ("DOSSIER_SHARED_DIR");
  GArray *inputs = g_array_new (FALSE, TRUE, sizeof (Input));

  g_array_set_clear_func (inputs, input_clear);
  if (shared != NULL)
    {
      g_autofree char *seeds = g_build_filename (shared, "seeds", NULL);
      g_autofree char *polnear = g_build_filename (shared, "corpus", "quotes-polnear", "docs",
                                                   NULL);
      g_autofree char *meantime = g_build_filename (shared, "corpus", "timex-meantime", NULL);
      g_autofree char *readability = g_build_filename (shared, "corpus", "html-readability",
                                                       NULL);

      add_folder (inputs, seeds, ".txt", NULL);
      add_folder (inputs, polnear, ".txt", NULL);
      add_folder (inputs, meantime, ".txt", NULL);
      add_folder (inputs, readability, NULL, "source.html");
    }
  return inputs;
}

/* dossier_extract_all() over every input, @rounds times. */
static Timing
time_all (GArray *inputs,
          guint   rounds)
{
  Timing t = { 0, };
  double cpu0 = thread_cpu_seconds (), wall0 = wall_seconds ();

  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < inputs->len; i++)
      {
        const Input *input = &g_array_index (inputs, Input, i);
        g_autoptr(DossierExtraction) x = dossier_extract_all (input->article->text,
                                                              input->article->regions,
                                                              input->date);

        t.bytes += input->bytes;
        if (r == 0)
          {
            t.entities += x->entities->len;
            t.dates += x->dates->len;
            t.quotes += x->quotes->len;
            t.events += x->events->len;
          }
      }
  t.cpu = thread_cpu_seconds () - cpu0;
  t.wall = wall_seconds () - wall0;
  return t;
}

typedef enum {
  PART_REGIONS,
  PART_ENTITIES,
  PART_DATES,
  PART_QUOTES,
  N_PARTS
} Part;

static const char * const part_names[N_PARTS] = {
  [PART_REGIONS] = "regions",
  [PART_ENTITIES] = "entities",
  [PART_DATES] = "dates",
  [PART_QUOTES] = "quotes",
};

/* One extractor alone over every input; the others' input (refined regions) is made first,
 * outside the clock. */
static Timing
time_part (GArray *inputs,
           Part    part)
{
  Timing t = { 0, };
  double cpu0, wall0;

  for (guint i = 0; i < inputs->len; i++)
    {
      Input *input = &g_array_index (inputs, Input, i);

      if (input->refined == NULL)
        input->refined = dossier_extract_regions (input->article->text, input->article->regions);
    }

  cpu0 = thread_cpu_seconds ();
  wall0 = wall_seconds ();
  for (guint i = 0; i < inputs->len; i++)
    {
      const Input *input = &g_array_index (inputs, Input, i);
      const char *text = input->article->text;

      switch (part)
        {
        case PART_REGIONS:
          g_array_unref (dossier_extract_regions (text, input->article->regions));
          break;
        case PART_ENTITIES:
          g_ptr_array_unref (dossier_extract_entities (text, input->refined));
          break;
        case PART_DATES:
          {
            g_autofree char *anchor = dossier_extract_anchor_date (text, input->date);

            g_ptr_array_unref (dossier_extract_dates (text, anchor));
          }
          break;
        case PART_QUOTES:
          g_ptr_array_unref (dossier_extract_quotes (text, input->refined));
          break;
        case N_PARTS:
        default:
          g_assert_not_reached ();
        }
      t.bytes += input->bytes;
    }
  t.cpu = thread_cpu_seconds () - cpu0;
  t.wall = wall_seconds () - wall0;
  return t;
}

static const char *
verdict (double mb_s)
{
  return mb_s >= TARGET_MB_S ? "met" : "MISSED";
}

static void
add_timing (JsonBuilder  *builder,
            const char   *name,
            const Timing *t)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mb");
  json_builder_add_double_value (builder, (double) t->bytes / 1e6);
  json_builder_set_member_name (builder, "cpu_s");
  json_builder_add_double_value (builder, t->cpu);
  json_builder_set_member_name (builder, "wall_s");
  json_builder_add_double_value (builder, t->wall);
  json_builder_set_member_name (builder, "cpu_mb_s");
  json_builder_add_double_value (builder, mb_per_s (t->bytes, t->cpu));
  json_builder_set_member_name (builder, "wall_mb_s");
  json_builder_add_double_value (builder, mb_per_s (t->bytes, t->wall));
  json_builder_end_object (builder);
}

static void
print_line (const char   *label,
            const Timing *t)
{
  g_print ("  %-16s %7.2f MB %7.2f s cpu %7.2f s wall %7.1f MB/s cpu %7.1f MB/s wall\n", label,
           (double) t->bytes / 1e6, t->cpu, t->wall, mb_per_s (t->bytes, t->cpu),
           mb_per_s (t->bytes, t->wall));
}

static double
load_average (void)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return -1;
  return g_ascii_strtod (contents, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) inputs = NULL;
  g_autoptr(GArray) corpus = NULL;
  g_autofree char *only = NULL;
  double mb = 40, corpus_cpu = 0;
  int repeat = 1;
  gint64 seed = (gint64) DOSSIER_GEN_DEFAULT_SEED;
  gboolean json = FALSE, no_corpus = FALSE, no_parts = FALSE;
  GOptionEntry entries[] = {
    { "mb", 'm', 0, G_OPTION_ARG_DOUBLE, &mb, "Megabytes of synthetic text (40)", "MB" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Seed of the synthetic articles", "SEED" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only,
      "Time only this: all, regions, entities, dates or quotes (for profiling)", "PART" },
    { "repeat", 'r', 0, G_OPTION_ARG_INT, &repeat,
      "Run over the synthetic articles this many times (1)", "N" },
    { "no-corpus", 0, 0, G_OPTION_ARG_NONE, &no_corpus, "Skip the texts of ../shared", NULL },
    { "no-parts", 0, 0, G_OPTION_ARG_NONE, &no_parts, "Skip the extractors one by one", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print one JSON line instead of a report", NULL },
    { NULL }
  };
  Timing all, corpus_all = { 0, }, parts[N_PARTS] = { { 0, } };
  gboolean run_parts[N_PARTS] = { FALSE, }, run_all = TRUE;
  double load_before, gen_seconds, start;
  guint corpus_rounds = 0;

  setlocale (LC_ALL, "");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "Times dossier_extract_all() and each extractor over synthetic "
                                "articles and the\nshared corpus (DOSSIER_SHARED_DIR), in MB "
                                "of text per second of CPU and wall time.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-extract: %s\n", error->message);
      return 2;
    }
  if (mb <= 0 || repeat < 1)
    {
      g_printerr ("bench-extract: --mb and --repeat must be positive\n");
      return 2;
    }
  if (only != NULL)
    {
      gboolean known = g_str_equal (only, "all");

      run_all = known;
      no_corpus = no_parts = TRUE;
      for (guint p = 0; p < N_PARTS; p++)
        if (g_str_equal (only, part_names[p]))
          known = run_parts[p] = TRUE;
      if (!known)
        {
          g_printerr ("bench-extract: unknown --only “%s”\n", only);
          return 2;
        }
    }
  else if (!no_parts)
    {
      for (guint p = 0; p < N_PARTS; p++)
        run_parts[p] = TRUE;
    }

  /* Everything is generated and imported before any clock runs. */
  start = wall_seconds ();
  if ((inputs = generate_inputs ((guint64) seed, mb, &error)) == NULL)
    {
      g_printerr ("bench-extract: %s\n", error->message);
      return 1;
    }
  corpus = no_corpus ? NULL : corpus_inputs ();
  gen_seconds = wall_seconds () - start;
  load_before = load_average ();

  /* A first article through each extractor, so that the gazetteers and lexicons are loaded
   * outside the clock (and outside dossier_extract_all(), for callgrind --toggle-collect). */
  {
    const char *text = g_array_index (inputs, Input, 0).article->text;
    g_autofree char *anchor = dossier_extract_anchor_date (text, NULL);

    g_array_unref (dossier_extract_regions (text, NULL));
    g_ptr_array_unref (dossier_extract_entities (text, NULL));
    g_ptr_array_unref (dossier_extract_dates (text, anchor));
    g_ptr_array_unref (dossier_extract_quotes (text, NULL));
  }

  if (run_all)
    all = time_all (inputs, (guint) repeat);
  if (corpus != NULL && corpus->len > 0)
    {
      while (corpus_rounds < CORPUS_MIN_ROUNDS || corpus_cpu < CORPUS_MIN_SECONDS)
        {
          Timing round = time_all (corpus, 1);

          corpus_all.cpu += round.cpu;
          corpus_all.wall += round.wall;
          corpus_all.bytes += round.bytes;
          if (corpus_rounds == 0)
            {
              corpus_all.entities = round.entities;
              corpus_all.dates = round.dates;
              corpus_all.quotes = round.quotes;
              corpus_all.events = round.events;
            }
          corpus_cpu = corpus_all.cpu;
          corpus_rounds++;
        }
    }
  for (guint p = 0; p < N_PARTS; p++)
    if (run_parts[p])
      {
        for (int r = 0; r < repeat; r++)
          {
            Timing once = time_part (inputs, (Part) p);

            parts[p].cpu += once.cpu;
            parts[p].wall += once.wall;
            parts[p].bytes += once.bytes;
          }
      }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *line = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "articles");
      json_builder_add_int_value (builder, inputs->len);
      json_builder_set_member_name (builder, "load_average");
      json_builder_add_double_value (builder, load_before);
      if (run_all)
        add_timing (builder, "all", &all);
      if (corpus_rounds > 0)
        add_timing (builder, "corpus", &corpus_all);
      for (guint p = 0; p < N_PARTS; p++)
        if (run_parts[p])
          add_timing (builder, part_names[p], &parts[p]);
      if (run_all)
        {
          json_builder_set_member_name (builder, "target_met");
          json_builder_add_boolean_value (builder, mb_per_s (all.bytes, all.cpu) >= TARGET_MB_S);
        }
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      line = json_generator_to_data (generator, NULL);
      g_print ("%s\n", line);
      return 0;
    }

  g_print ("Dossier extraction: %u synthetic articles, seed %" G_GINT64_FORMAT ", load average "
           "%.2f before timing\n", inputs->len, seed, load_before);
  g_print ("  generating and importing %.2f s (not timed below)\n", gen_seconds);
  if (run_all)
    {
      print_line ("all (synthetic)", &all);
      g_print ("                   %u entities, %u dates, %u quotes, %u events\n", all.entities,
               all.dates, all.quotes, all.events);
    }
  if (corpus_rounds > 0)
    {
      print_line ("all (corpus)", &corpus_all);
      g_print ("                   %u texts of ../shared run %u times; %u entities, %u dates, "
               "%u quotes, %u events each time\n", corpus->len, corpus_rounds,
               corpus_all.entities, corpus_all.dates, corpus_all.quotes, corpus_all.events);
    }
  else if (!no_corpus)
    g_print ("  (no corpus: DOSSIER_SHARED_DIR does not name ../shared)\n");
  for (guint p = 0; p < N_PARTS; p++)
    if (run_parts[p])
      print_line (part_names[p], &parts[p]);
  if (run_all)
    g_print ("  target >= %.0f MB/s of CPU time on one core: %s (%.1f MB/s)\n", TARGET_MB_S,
             verdict (mb_per_s (all.bytes, all.cpu)), mb_per_s (all.bytes, all.cpu));
  return 0;
}
