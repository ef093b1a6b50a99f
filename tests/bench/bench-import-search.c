/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-bench"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "dossier-article-gen.h"
#include "dossier-error.h"
#include "dossier-import-batch.h"
#include "dossier-import.h"
#include "dossier-store.h"
#include "bench-common.h"

/*
 * Imports synthetic articles into a fresh workspace as `dossier-cli import` does
 * (dossier_import_files: reading, parsing and extraction on worker threads, the documents and
 * their suggestions written in batches), and, for comparison, stores them without extraction
 * (dossier_import_bytes, then dossier_store_add_document in batches of IMPORT_BATCH); compares
 * both with SQLite alone storing the same texts in the same external-content FTS5 table, then
 * times full-text queries.  Targets: import with extraction at most 3x SQLite alone (issue
 * "extraction"; without extraction too, issue "core workspace"), query p50 at most 5 ms and
 * p95 at most 25 ms.
 */

/* Same as dossier-cli import. */
#define IMPORT_BATCH 500

#define TARGET_RATIO 3.0
#define TARGET_P50_MS 5.0
#define TARGET_P95_MS 25.0
#define SEARCH_LIMIT 20

typedef enum {
  QUERY_RARE,
  QUERY_COMMON,
  QUERY_AND,
  QUERY_PHRASE,
  QUERY_PREFIX,
  N_QUERY_KINDS
} QueryKind;

static const char * const query_kind_names[N_QUERY_KINDS] = {
  [QUERY_RARE] = "rare",
  [QUERY_COMMON] = "common",
  [QUERY_AND] = "and",
  [QUERY_PHRASE] = "phrase",
  [QUERY_PREFIX] = "prefix",
};

/* Shares of each kind in the query mix, in percent. */
static const guint query_kind_share[N_QUERY_KINDS] = {
  [QUERY_RARE] = 25,
  [QUERY_COMMON] = 20,
  [QUERY_AND] = 20,
  [QUERY_PHRASE] = 20,
  [QUERY_PREFIX] = 15,
};

typedef struct {
  QueryKind kind;
  char     *text;
  double    ms;
  guint     n_hits;
} Query;

static void
query_clear (gpointer data)
{
  Query *query = data;

  g_free (query->text);
}

typedef struct {
  double p50;
  double p95;
  double max;
  guint  n;
} Stats;

/* The nearest-rank percentile @p of @sorted. */
static double
percentile (const double *sorted,
            guint         n,
            guint         p)
{
  guint rank = (p * n + 99) / 100;

  return sorted[MAX (rank, 1) - 1];
}

static Stats
compute_stats (GArray *queries,
               int     kind)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  Stats stats = { 0 };

  for (guint i = 0; i < queries->len; i++)
    {
      const Query *query = &g_array_index (queries, Query, i);

      if (kind < 0 || query->kind == (QueryKind) kind)
        g_array_append_val (values, query->ms);
    }
  stats.n = values->len;
  if (values->len == 0)
    return stats;
  g_array_sort (values, bench_compare_doubles);
  stats.p50 = percentile (&g_array_index (values, double, 0), values->len, 50);
  stats.p95 = percentile (&g_array_index (values, double, 0), values->len, 95);
  stats.max = g_array_index (values, double, values->len - 1);
  return stats;
}

/* Queries, built deterministically from the generator's vocabulary. */

static const char *
pick_word (DossierGenRng  *rng,
           DossierGenList  list,
           guint           first_n)
{
  guint n;
  const char * const *words = dossier_gen_word_list (list, &n);

  if (first_n > 0 && first_n < n)
    n = first_n;
  return words[dossier_gen_rng_below (rng, n)];
}

static char *
make_query (DossierGenRng *rng,
            QueryKind      kind)
{
  switch (kind)
    {
    case QUERY_RARE:
      return g_strdup (pick_word (rng, DOSSIER_GEN_RARE_WORDS, 0));

    case QUERY_COMMON:
      /* The heads of the Zipf lists: in most of the articles. */
      switch (dossier_gen_rng_below (rng, 3))
        {
        case 0:
          return g_strdup (pick_word (rng, DOSSIER_GEN_NOUNS, 10));
        case 1:
          return g_strdup (pick_word (rng, DOSSIER_GEN_VERBS, 6));
        default:
          return g_strdup (pick_word (rng, DOSSIER_GEN_ADJECTIVES, 6));
        }

    case QUERY_AND:
      {
        const char *noun = pick_word (rng, DOSSIER_GEN_NOUNS, 30);

        if (dossier_gen_rng_below (rng, 2) == 0)
          return g_strdup_printf ("%s %s", noun, pick_word (rng, DOSSIER_GEN_SURNAMES, 0));
        return g_strdup_printf ("%s %s", noun, pick_word (rng, DOSSIER_GEN_ADJECTIVES, 20));
      }

    case QUERY_PHRASE:
      switch (dossier_gen_rng_below (rng, 4))
        {
        case 0:
        case 1:
          {
            const char *first = pick_word (rng, DOSSIER_GEN_FIRST_NAMES, 0);

            return g_strdup_printf ("\"%s %s\"", first,
                                    pick_word (rng, DOSSIER_GEN_SURNAMES, 0));
          }
        case 2:
          {
            guint n;
            const char * const *places = dossier_gen_word_list (DOSSIER_GEN_PLACES, &n);
            guint first = dossier_gen_rng_below (rng, n);
            const char *place = places[first];

            /* Only multi-word places make a phrase: take the next one that has two words. */
            for (guint i = 1; strchr (place, ' ') == NULL && i < n; i++)
              place = places[(first + i) % n];
            return g_strdup_printf ("\"%s\"", place);
          }
        default:
          {
            const char *adjective = pick_word (rng, DOSSIER_GEN_ADJECTIVES, 15);

            return g_strdup_printf ("\"%s %s\"", adjective,
                                    pick_word (rng, DOSSIER_GEN_NOUNS, 40));
          }
        }

    case QUERY_PREFIX:
      {
        const char *word = dossier_gen_rng_below (rng, 3) == 0
                             ? pick_word (rng, DOSSIER_GEN_SURNAMES, 0)
                             : pick_word (rng, DOSSIER_GEN_NOUNS, 0);
        gsize len = strlen (word);
        gsize cut = MAX ((len + 1) / 2, MIN (len, 3));

        return g_strdup_printf ("%.*s*", (int) cut, word);
      }

    case N_QUERY_KINDS:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static GArray *
make_queries (guint64 seed,
              guint   n_queries)
{
  GArray *queries = g_array_new (FALSE, TRUE, sizeof (Query));
  DossierGenRng rng;
  guint count[N_QUERY_KINDS], assigned = 0;

  g_array_set_clear_func (queries, query_clear);
  dossier_gen_rng_init (&rng, seed ^ G_GUINT64_CONSTANT (0x5155455259));

  for (guint k = 0; k < N_QUERY_KINDS; k++)
    assigned += count[k] = n_queries * query_kind_share[k] / 100;
  count[QUERY_RARE] += n_queries - assigned;

  for (guint k = 0; k < N_QUERY_KINDS; k++)
    for (guint i = 0; i < count[k]; i++)
      {
        Query query = { .kind = (QueryKind) k };

        query.text = make_query (&rng, (QueryKind) k);
        g_array_append_val (queries, query);
      }

  /* Interleave the kinds, so no kind runs only on a cold or only on a warm cache. */
  for (guint i = queries->len; i > 1; i--)
    {
      guint j = dossier_gen_rng_below (&rng, i);
      Query tmp = g_array_index (queries, Query, i - 1);

      g_array_index (queries, Query, i - 1) = g_array_index (queries, Query, j);
      g_array_index (queries, Query, j) = tmp;
    }
  return queries;
}

/* Articles */

typedef struct {
  char   *name;
  GBytes *bytes;
  /* For the SQLite-alone run: the title line and the body, as found in the file. */
  char   *title;
  char   *body;
} Input;

static void
input_clear (gpointer data)
{
  Input *input = data;

  g_free (input->name);
  g_bytes_unref (input->bytes);
  g_free (input->title);
  g_free (input->body);
}

static void
split_for_sqlite (Input *input)
{
  gsize len;
  const char *data = g_bytes_get_data (input->bytes, &len);
  const char *title = g_strstr_len (data, (gssize) len, "\ntitle ");
  const char *body = g_strstr_len (data, (gssize) len, "\n\n");

  g_assert (title != NULL && body != NULL);
  title += strlen ("\ntitle ");
  input->title = g_strndup (title, (gsize) (strchr (title, '\n') - title));
  input->body = g_strndup (body + 2, len - (gsize) (body + 2 - data));
}

/* Runs */

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

typedef struct {
  double total;    /* open, import, commits and close */
  double parse;    /* dossier_import_bytes */
  double store;    /* dossier_store_add_document and the commits */
} ImportTimes;

static gboolean
import_all (const char  *path,
            GArray      *inputs,
            ImportTimes *times,
            GError     **error)
{
  g_autoptr(DossierStore) store = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 parse_us = 0, store_us = 0;
  guint in_batch = 0;

  store = dossier_store_open (path, error);
  if (store == NULL)
    return FALSE;

  for (guint i = 0; i < inputs->len; i++)
    {
      const Input *input = &g_array_index (inputs, Input, i);
      g_autoptr(DossierArticle) article = NULL;
      gint64 t0, t1;

      t0 = g_get_monotonic_time ();
      if (in_batch == 0 && !dossier_store_begin_batch (store, error))
        return FALSE;
      t1 = g_get_monotonic_time ();
      store_us += t1 - t0;
      article = dossier_import_bytes (input->bytes, input->name, DOSSIER_FORMAT_TEXT, error);
      if (article == NULL)
        {
          dossier_store_rollback_batch (store);
          return FALSE;
        }
      t0 = g_get_monotonic_time ();
      parse_us += t0 - t1;
      if (!dossier_store_add_document (store, article, input->bytes, input->name, NULL, error))
        {
          dossier_store_rollback_batch (store);
          return FALSE;
        }
      if (++in_batch == IMPORT_BATCH || i == inputs->len - 1)
        {
          if (!dossier_store_commit_batch (store, error))
            return FALSE;
          in_batch = 0;
        }
      store_us += g_get_monotonic_time () - t0;
    }
  g_clear_object (&store);

  times->total = seconds_since (start);
  times->parse = (double) parse_us / G_USEC_PER_SEC;
  times->store = (double) store_us / G_USEC_PER_SEC;
  return TRUE;
}

/* The inputs as files in @dir, before any clock runs. */
static GPtrArray *
write_files (const char  *dir,
             GArray      *inputs,
             GError     **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < inputs->len; i++)
    {
      const Input *input = &g_array_index (inputs, Input, i);
      g_autofree char *path = g_build_filename (dir, input->name, NULL);
      gsize len;
      const char *data = g_bytes_get_data (input->bytes, &len);

      if (!g_file_set_contents (path, data, (gssize) len, error))
        return NULL;
      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  return g_steal_pointer (&files);
}

/* dossier_import_files() over the files, as `dossier-cli import` runs it. */
static gboolean
import_files (const char  *path,
              GPtrArray   *files,
              double      *seconds,
              GError     **error)
{
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) results = NULL;
  gint64 start = g_get_monotonic_time ();

  store = dossier_store_open (path, error);
  if (store == NULL)
    return FALSE;
  results = dossier_import_files (store, (GFile **) files->pdata, files->len,
                                  DOSSIER_FORMAT_TEXT, NULL, NULL, NULL, error);
  if (results == NULL)
    return FALSE;
  for (guint i = 0; i < results->len; i++)
    {
      DossierImportResult *result = g_ptr_array_index (results, i);

      if (result->status != DOSSIER_IMPORT_IMPORTED)
        {
          g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_STORE, "%s", result->message);
          return FALSE;
        }
    }
  g_clear_object (&store);
  *seconds = seconds_since (start);
  return TRUE;
}

/* The same table, index and triggers as the workspace schema, without anything else. */
static const char sqlite_schema[] =
  "PRAGMA journal_mode = WAL;\n"
  "PRAGMA synchronous = NORMAL;\n"
  "CREATE TABLE document (\n"
  "  id    INTEGER PRIMARY KEY,\n"
  "  title TEXT NOT NULL,\n"
  "  text  TEXT NOT NULL\n"
  ");\n"
  "CREATE VIRTUAL TABLE document_fts USING fts5 (\n"
  "  title, text, content = 'document', content_rowid = 'id',\n"
  "  tokenize = 'unicode61 remove_diacritics 2'\n"
  ");\n"
  "CREATE TRIGGER document_fts_insert AFTER INSERT ON document BEGIN\n"
  "  INSERT INTO document_fts (rowid, title, text) VALUES (new.id, new.title, new.text);\n"
  "END;\n"
  "CREATE TRIGGER document_fts_delete AFTER DELETE ON document BEGIN\n"
  "  INSERT INTO document_fts (document_fts, rowid, title, text)\n"
  "    VALUES ('delete', old.id, old.title, old.text);\n"
  "END;\n"
  "CREATE TRIGGER document_fts_update AFTER UPDATE OF title, text ON document BEGIN\n"
  "  INSERT INTO document_fts (document_fts, rowid, title, text)\n"
  "    VALUES ('delete', old.id, old.title, old.text);\n"
  "  INSERT INTO document_fts (rowid, title, text) VALUES (new.id, new.title, new.text);\n"
  "END;\n";

static gboolean
sqlite_failed (sqlite3     *db,
               const char  *doing,
               GError     **error)
{
  g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_STORE, "SQLite alone: %s: %s", doing,
               db ? sqlite3_errmsg (db) : "out of memory");
  return FALSE;
}

static gboolean
sqlite_alone (const char  *path,
              GArray      *inputs,
              double      *seconds,
              GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean ok = FALSE;

  if (sqlite3_open (path, &db) != SQLITE_OK)
    {
      sqlite_failed (db, "opening", error);
      goto out;
    }
  if (sqlite3_exec (db, sqlite_schema, NULL, NULL, NULL) != SQLITE_OK)
    {
      sqlite_failed (db, "creating the schema", error);
      goto out;
    }
  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO document (title, text) VALUES (?, ?)", -1, &stmt,
                          NULL) != SQLITE_OK)
    {
      sqlite_failed (db, "starting the transaction", error);
      goto out;
    }
  for (guint i = 0; i < inputs->len; i++)
    {
      const Input *input = &g_array_index (inputs, Input, i);

      sqlite3_bind_text (stmt, 1, input->title, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, input->body, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite_failed (db, "inserting", error);
          goto out;
        }
      sqlite3_reset (stmt);
    }
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      sqlite_failed (db, "committing", error);
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  *seconds = seconds_since (start);
  return ok;
}

static gboolean
run_queries (const char  *path,
             GArray      *queries,
             GError     **error)
{
  g_autoptr(DossierStore) store = dossier_store_open (path, error);
  g_autoptr(GPtrArray) warmup = NULL;

  if (store == NULL)
    return FALSE;
  /* Prepares the statement and reads the index structure once; the word matches nothing. */
  warmup = dossier_store_search (store, "warmup", SEARCH_LIMIT, error);
  if (warmup == NULL)
    return FALSE;

  for (guint i = 0; i < queries->len; i++)
    {
      Query *query = &g_array_index (queries, Query, i);
      g_autoptr(GPtrArray) hits = NULL;
      gint64 start = g_get_monotonic_time ();

      hits = dossier_store_search (store, query->text, SEARCH_LIMIT, error);
      query->ms = (double) (g_get_monotonic_time () - start) / 1000.0;
      if (hits == NULL)
        {
          g_prefix_error (error, "Query “%s”: ", query->text);
          return FALSE;
        }
      query->n_hits = hits->len;
    }
  return TRUE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

/* Output */

static const char *
verdict (gboolean met)
{
  return met ? "met" : "MISSED";
}

static void
add_stats (JsonBuilder *builder,
           const Stats *stats)
{
  json_builder_set_member_name (builder, "n");
  json_builder_add_int_value (builder, stats->n);
  json_builder_set_member_name (builder, "p50_ms");
  json_builder_add_double_value (builder, stats->p50);
  json_builder_set_member_name (builder, "p95_ms");
  json_builder_add_double_value (builder, stats->p95);
  json_builder_set_member_name (builder, "max_ms");
  json_builder_add_double_value (builder, stats->max);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierArticleGen) gen = NULL;
  g_autoptr(GArray) inputs = NULL;
  g_autoptr(GArray) queries = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *workspace = NULL;
  g_autofree char *baseline = NULL;
  g_autofree char *extracted = NULL;
  g_autofree char *files_dir = NULL;
  g_autoptr(GPtrArray) files = NULL;
  int n_docs = 10000, n_queries = 100;
  gint64 seed = (gint64) DOSSIER_GEN_DEFAULT_SEED;
  gboolean json = FALSE, verbose = FALSE;
  GOptionEntry entries[] = {
    { "docs", 'n', 0, G_OPTION_ARG_INT, &n_docs, "Articles to import (10000)", "N" },
    { "queries", 'q', 0, G_OPTION_ARG_INT, &n_queries, "Queries to time (100)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Seed of the articles and queries", "SEED" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print one JSON line instead of a report",
      NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Also list every query and its time",
      NULL },
    { NULL }
  };
  ImportTimes times = { 0 };
  double sqlite_seconds = 0, generate_seconds, ratio, import_seconds = 0, import_ratio;
  gint64 total_bytes = 0, workspace_bytes;
  Stats all, kinds[N_QUERY_KINDS];
  gint64 start;

  setlocale (LC_ALL, "");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "Times importing synthetic articles into a new workspace, "
                                "SQLite alone doing\nthe same, and full-text queries.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-import-search: %s\n", error->message);
      return 2;
    }
  if (n_docs < 1 || n_queries < 1)
    {
      g_printerr ("bench-import-search: --docs and --queries must be at least 1\n");
      return 2;
    }

  dir = g_dir_make_tmp ("dossier-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-import-search: %s\n", error->message);
      return 1;
    }
  workspace = g_build_filename (dir, "bench.dossier", NULL);
  baseline = g_build_filename (dir, "sqlite-alone.db", NULL);
  extracted = g_build_filename (dir, "extracted.dossier", NULL);
  files_dir = g_build_filename (dir, "articles", NULL);

  /* Everything is generated before any clock runs. */
  start = g_get_monotonic_time ();
  gen = dossier_article_gen_new ((guint64) seed);
  inputs = g_array_sized_new (FALSE, TRUE, sizeof (Input), (guint) n_docs);
  g_array_set_clear_func (inputs, input_clear);
  for (guint i = 0; i < (guint) n_docs; i++)
    {
      Input input;

      input.name = dossier_article_gen_name (i);
      input.bytes = dossier_article_gen_article (gen, i);
      split_for_sqlite (&input);
      total_bytes += (gint64) g_bytes_get_size (input.bytes);
      g_array_append_val (inputs, input);
    }
  queries = make_queries ((guint64) seed, (guint) n_queries);
  if (g_mkdir (files_dir, 0700) != 0 ||
      (files = write_files (files_dir, inputs, &error)) == NULL)
    {
      g_printerr ("bench-import-search: writing the articles: %s\n",
                  error ? error->message : g_strerror (errno));
      remove_tree (dir);
      return 1;
    }
  generate_seconds = seconds_since (start);

  if (!sqlite_alone (baseline, inputs, &sqlite_seconds, &error) ||
      !import_files (extracted, files, &import_seconds, &error) ||
      !import_all (workspace, inputs, &times, &error) ||
      !run_queries (workspace, queries, &error))
    {
      g_printerr ("bench-import-search: %s\n", error->message);
      remove_tree (dir);
      return 1;
    }
  workspace_bytes = file_size (workspace);
  remove_tree (dir);

  ratio = times.total / sqlite_seconds;
  import_ratio = import_seconds / sqlite_seconds;
  all = compute_stats (queries, -1);
  for (int k = 0; k < N_QUERY_KINDS; k++)
    kinds[k] = compute_stats (queries, k);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *line = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "docs");
      json_builder_add_int_value (builder, n_docs);
      json_builder_set_member_name (builder, "bytes");
      json_builder_add_int_value (builder, total_bytes);
      json_builder_set_member_name (builder, "import_extract_s");
      json_builder_add_double_value (builder, import_seconds);
      json_builder_set_member_name (builder, "import_extract_ratio");
      json_builder_add_double_value (builder, import_ratio);
      json_builder_set_member_name (builder, "import_s");
      json_builder_add_double_value (builder, times.total);
      json_builder_set_member_name (builder, "parse_s");
      json_builder_add_double_value (builder, times.parse);
      json_builder_set_member_name (builder, "store_s");
      json_builder_add_double_value (builder, times.store);
      json_builder_set_member_name (builder, "docs_per_s");
      json_builder_add_double_value (builder, n_docs / times.total);
      json_builder_set_member_name (builder, "sqlite_s");
      json_builder_add_double_value (builder, sqlite_seconds);
      json_builder_set_member_name (builder, "ratio");
      json_builder_add_double_value (builder, ratio);
      json_builder_set_member_name (builder, "workspace_bytes");
      json_builder_add_int_value (builder, workspace_bytes);
      json_builder_set_member_name (builder, "queries");
      json_builder_begin_object (builder);
      add_stats (builder, &all);
      for (int k = 0; k < N_QUERY_KINDS; k++)
        {
          json_builder_set_member_name (builder, query_kind_names[k]);
          json_builder_begin_object (builder);
          add_stats (builder, &kinds[k]);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "targets_met");
      json_builder_add_boolean_value (builder, ratio <= TARGET_RATIO &&
                                               import_ratio <= TARGET_RATIO &&
                                               all.p50 <= TARGET_P50_MS &&
                                               all.p95 <= TARGET_P95_MS);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      line = json_generator_to_data (generator, NULL);
      g_print ("%s\n", line);
      return 0;
    }

  g_print ("Dossier import and search: %d articles (%.1f MB), %d queries, seed %" G_GINT64_FORMAT
           "\n", n_docs, (double) total_bytes / 1e6, n_queries, seed);
  g_print ("  generating       %7.2f s (not timed below)\n", generate_seconds);
  g_print ("  SQLite alone     %7.2f s  %6.0f docs/s\n", sqlite_seconds,
           n_docs / sqlite_seconds);
  g_print ("  import           %7.2f s  %6.0f docs/s  with extraction, as dossier-cli import\n",
           import_seconds, n_docs / import_seconds);
  g_print ("    ratio          %7.2f    target <= %.1f: %s\n", import_ratio, TARGET_RATIO,
           verdict (import_ratio <= TARGET_RATIO));
  g_print ("  store only       %7.2f s  %6.0f docs/s  (parse %.2f s, store %.2f s), "
           "no extraction\n", times.total, n_docs / times.total, times.parse, times.store);
  g_print ("    ratio          %7.2f    target <= %.1f: %s\n", ratio, TARGET_RATIO,
           verdict (ratio <= TARGET_RATIO));
  g_print ("  workspace        %7.1f MB\n", (double) workspace_bytes / 1e6);
  g_print ("  queries (limit %d)   n    p50 ms   p95 ms   max ms\n", SEARCH_LIMIT);
  for (int k = 0; k < N_QUERY_KINDS; k++)
    g_print ("    %-8s        %4u  %7.2f  %7.2f  %7.2f\n", query_kind_names[k], kinds[k].n,
             kinds[k].p50, kinds[k].p95, kinds[k].max);
  g_print ("    all             %4u  %7.2f  %7.2f  %7.2f   targets p50 <= %.0f: %s, "
           "p95 <= %.0f: %s\n", all.n, all.p50, all.p95, all.max, TARGET_P50_MS,
           verdict (all.p50 <= TARGET_P50_MS), TARGET_P95_MS, verdict (all.p95 <= TARGET_P95_MS));
  if (verbose)
    for (guint i = 0; i < queries->len; i++)
      {
        const Query *query = &g_array_index (queries, Query, i);

        g_print ("    %-7s %8.2f ms %3u hits  %s\n", query_kind_names[query->kind], query->ms,
                 query->n_hits, query->text);
      }
  return 0;
}
