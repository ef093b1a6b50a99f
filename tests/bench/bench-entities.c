/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The entity sidebar's query on a large workspace: 100,000 entities with 1,000,000 mentions
 * over 10,000 documents, and 20,000 quotes; times dossier_store_list_entity_stats() and the
 * calls the sidebar makes when an entity is chosen.
 *
 *   bench-entities [N_ENTITIES [N_MENTIONS]]
 *
 * BENCH_KEEP=1 keeps the workspace (its path is printed) to try queries on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "dossier-core.h"
#include "dossier-store-private.h"
#include "../test-common.h"
#include "bench-common.h"

#define N_DOCUMENTS 10000
#define N_QUOTES 20000
#define RUNS 5

/* Fills the workspace with SQL alone (the extractors are not what is measured).  The numbers
 * are hashed from the row number, so every run builds the same workspace. */
static void
fill (DossierStore *store,
      guint         n_entities,
      guint         n_mentions)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf (
    "BEGIN;"
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
    " INSERT INTO document (title, outlet, published, format, sha256, imported_at, text, original)"
    " SELECT 'Document ' || i, 'Outlet ' || (i %% 40), '2024-01-01', 'text', 'sha' || i,"
    " '2024-01-01T00:00:00Z', 'The text of document ' || i || '.', x'00' FROM n;"
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u)"
    " INSERT INTO entity (name, kind, created_at, variant_key, origin)"
    " SELECT 'Entity ' || i, CASE i %% 4 WHEN 0 THEN 'person' WHEN 1 THEN 'organization'"
    " WHEN 2 THEN 'place' ELSE 'outlet' END, '2024-01-01T00:00:00Z', 'entity' || i, 'auto'"
    " FROM n;"
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u)"
    " INSERT OR IGNORE INTO entity_alias (entity_id, alias)"
    " SELECT (i * 7919) %% %u + 1, 'Alias ' || i FROM n;"
    /* Half the mentions are of a thousand entities, as in the news; the others are spread
     * over all of them, so that every entity is mentioned. */
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u)"
    " INSERT INTO mention (entity_id, document_id, start_offset, end_offset, exact, status)"
    " SELECT CASE i %% 2 WHEN 0 THEN (i / 2) %% %u"
    " ELSE ((i * 2654435761) %% 1000) * ((i * 40503) %% 1000) %% 1000 END + 1,"
    " (i * 97) %% %d + 1, i, i + 6, 'Entity',"
    " CASE WHEN i %% 20 = 0 THEN 'rejected' WHEN i %% 10 = 1 THEN 'confirmed'"
    " ELSE 'suggested' END FROM n;"
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
    " INSERT INTO annotation (document_id, kind, start_offset, end_offset, exact, speaker_id,"
    " source_id, origin, review, created_at, modified_at)"
    " SELECT i %% %d + 1, CASE i %% 2 WHEN 0 THEN 'quote' ELSE 'claim' END, 0, 5, 'words',"
    " (i * 31337) %% %u + 1, (SELECT min (id) FROM source) + i %% 50,"
    " 'auto', CASE i %% 3 WHEN 0 THEN 'suggested' ELSE 'confirmed' END,"
    " '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z' FROM n;"
    "COMMIT;",
    N_DOCUMENTS, n_entities, n_entities / 2, n_entities, n_mentions, n_entities, N_DOCUMENTS,
    N_QUOTES, N_DOCUMENTS, n_entities);

  if (!dossier_store_exec (store, sql, "filling the workspace", &error))
    g_error ("%s", error->message);
  if (!dossier_store_exec (store, "ANALYZE", "analyzing", &error))
    g_error ("%s", error->message);
}

static double
time_stats (DossierStore *store,
            gint64        document_id,
            const char   *filter,
            guint        *n,
            double       *cpu)
{
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  double cpu_started = bench_cpu_ms (CLOCK_PROCESS_CPUTIME_ID);
  g_autoptr(GPtrArray) stats = dossier_store_list_entity_stats (store, document_id, filter, -1,
                                                                &error);
  double ms = (g_get_monotonic_time () - started) / 1000.0;

  *cpu = bench_cpu_ms (CLOCK_PROCESS_CPUTIME_ID) - cpu_started;
  if (stats == NULL)
    g_error ("%s", error->message);
  *n = stats->len;
  return ms;
}

static void
report (const char   *label,
        DossierStore *store,
        gint64        document_id,
        const char   *filter)
{
  double runs[RUNS], cpu[RUNS];
  guint n = 0;

  for (guint i = 0; i < RUNS; i++)
    runs[i] = time_stats (store, document_id, filter, &n, &cpu[i]);
  qsort (runs, RUNS, sizeof (double), bench_compare_doubles);
  qsort (cpu, RUNS, sizeof (double), bench_compare_doubles);
  printf ("%-34s %6u entities  median %6.1f ms (min %6.1f, max %6.1f), processor %6.1f ms\n",
          label, n, runs[RUNS / 2], runs[0], runs[RUNS - 1], cpu[RUNS / 2]);
}

int
main (int   argc,
      char *argv[])
{
  guint n_entities = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  guint n_mentions = argc > 2 ? (guint) atoi (argv[2]) : 1000000;
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bench.dossier", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) top = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GArray) documents = NULL;
  DossierEntityStats *first;
  gint64 started;

  if (n_entities < 4 || n_mentions < 1)
    {
      fprintf (stderr, "usage: bench-entities [N_ENTITIES [N_MENTIONS]]\n");
      return 2;
    }
  store = dossier_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  started = g_get_monotonic_time ();
  fill (store, n_entities, n_mentions);
  printf ("workspace: %u entities, %u mentions, %d documents, %d quotes (built in %.1f s)\n",
          n_entities, n_mentions, N_DOCUMENTS, N_QUOTES,
          (g_get_monotonic_time () - started) / 1e6);

  report ("list_entity_stats", store, 0, NULL);
  report ("list_entity_stats, one document", store, 42, NULL);
  report ("list_entity_stats, filter \"ity 12\"", store, 0, "ity 12");

  top = dossier_store_list_entity_stats (store, 0, NULL, -1, &error);
  first = g_ptr_array_index (top, 0);
  started = g_get_monotonic_time ();
  mentions = dossier_store_list_entity_mentions (store, first->id, 0, &error);
  documents = dossier_store_list_entity_documents (store, first->id, &error);
  printf ("most mentioned person “%s”: %u mentions, %u documents; listed in %.1f ms\n",
          first->name, mentions->len, documents->len,
          (g_get_monotonic_time () - started) / 1000.0);

  g_clear_object (&store);
  if (g_getenv ("BENCH_KEEP") != NULL)
    printf ("kept %s\n", path);
  else
    test_rm_rf (dir);
  return 0;
}
