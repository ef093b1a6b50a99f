/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sqlite3.h>
#include <string.h>

#include "dossier-core.h"
#include "dossier-store-private.h"
#include "test-common.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "test.dossier", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static DossierArticle *
make_article (const char *title,
              const char *body,
              const char *published)
{
  DossierArticle *article = test_make_article (title, "The Estmark Ledger", body);

  if (published)
    dossier_date_parse (published, &article->published, &article->precision);
  return article;
}

static gint64
add (DossierStore *store,
     const char   *title,
     const char   *body,
     const char   *published)
{
  g_autoptr(DossierArticle) article = make_article (title, body, published);
  g_autofree char *raw = g_strdup_printf ("%s\n\n%s", title, body);
  g_autoptr(GBytes) bytes = g_bytes_new (raw, strlen (raw));
  gint64 id = test_add_article (store, article, bytes, "fixture.txt");

  g_assert_cmpint (id, >, 0);
  return id;
}

static int
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
check_fts_integrity (const char *path)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO document_fts (document_fts, rank) "
                                 "VALUES ('integrity-check', 1)", NULL, NULL, &message),
                   ==, SQLITE_OK);
  g_assert_null (message);
  sqlite3_close (db);
}

static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = dossier_store_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (dossier_store_get_schema_version (store), ==, DOSSIER_SCHEMA_VERSION);
  g_assert_null (dossier_store_get_backup_path (store));
  g_assert_cmpint (dossier_store_count_documents (store, &error), ==, 0);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, DOSSIER_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (f->path, "PRAGMA application_id"), ==, DOSSIER_APPLICATION_ID);
  /* WAL is persistent in the file header: 2 = write version for WAL */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM pragma_journal_mode "
                                     "WHERE journal_mode = 'wal'"), ==, 1);
}

static void
test_create_in_new_folder (Fixture *f, gconstpointer data)
{
  g_autofree char *nested = g_build_filename (f->dir, "a", "b", "w.dossier", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = dossier_store_open (nested, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (g_file_test (nested, G_FILE_TEST_IS_REGULAR));
}

static void
test_reopen (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierDocument) document = NULL;
  g_autoptr(GBytes) original = NULL;
  GArray *regions;
  gint64 id;

  {
    g_autoptr(DossierStore) store = dossier_store_open (f->path, &error);
    g_assert_no_error (error);
    id = add (store, "Quay workers strike", "Dock workers in Varn walked out on Friday.",
              "2024-05-03");
  }
  {
    g_autoptr(DossierStore) store = dossier_store_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (dossier_store_count_documents (store, &error), ==, 1);
    document = dossier_store_get_document (store, id, &error);
    g_assert_no_error (error);
    original = dossier_store_get_original (store, id, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpstr (dossier_document_get_title (document), ==, "Quay workers strike");
  g_assert_cmpstr (dossier_document_get_outlet (document), ==, "The Estmark Ledger");
  g_assert_cmpstr (dossier_document_get_published (document), ==, "2024-05-03");
  g_assert_cmpint (dossier_document_get_precision (document), ==, DOSSIER_PRECISION_DAY);
  g_assert_cmpstr (dossier_document_get_text (document), ==,
                   "Quay workers strike\n\nDock workers in Varn walked out on Friday.");
  g_assert_cmpint (strlen (dossier_document_get_sha256 (document)), ==, 64);
  g_assert_true (g_str_has_suffix (dossier_document_get_imported_at (document), "Z"));
  regions = dossier_document_get_regions (document);
  g_assert_cmpuint (regions->len, ==, 2);
  g_assert_cmpint (g_array_index (regions, DossierRegion, 0).kind, ==, DOSSIER_REGION_HEADLINE);
  g_assert_cmpuint (g_array_index (regions, DossierRegion, 1).start, ==, 21);
  g_assert_cmpuint (g_bytes_get_size (original), ==,
                    strlen ("Quay workers strike\n\nDock workers in Varn walked out on Friday."));
}

/* Builds a workspace at @version by running only the first migrations. */
static void
make_workspace_at (const char *path,
                   int         version)
{
  guint n = 0;
  const DossierMigration *list = dossier_store_get_migrations (&n);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;

  g_assert_cmpint (version, <=, (int) n);
  store = dossier_store_open_with_migrations (path, list, (guint) version, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dossier_store_get_schema_version (store), ==, version);
}

static void
test_migrate_from_every_version (Fixture *f, gconstpointer data)
{
  for (int version = 0; version < DOSSIER_SCHEMA_VERSION; version++)
    {
      g_autofree char *path = g_strdup_printf ("%s/from-v%d.dossier", f->dir, version);
      g_autoptr(GError) error = NULL;
      g_autoptr(DossierStore) store = NULL;

      make_workspace_at (path, version);
      store = dossier_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (dossier_store_get_schema_version (store), ==, DOSSIER_SCHEMA_VERSION);
      /* a backup is made whenever an existing schema is upgraded */
      if (version > 0)
        g_assert_true (g_file_test (dossier_store_get_backup_path (store), G_FILE_TEST_EXISTS));
      else
        g_assert_null (dossier_store_get_backup_path (store));
      add (store, "After upgrade", "The store takes documents after the upgrade.", NULL);
      check_fts_integrity (path);
    }
}

static const DossierMigration *
migrations_plus (const char *sql,
                 guint      *n)
{
  static DossierMigration extended[DOSSIER_SCHEMA_VERSION + 1];
  guint n_builtin = 0;
  const DossierMigration *builtin = dossier_store_get_migrations (&n_builtin);

  memcpy (extended, builtin, n_builtin * sizeof (DossierMigration));
  extended[n_builtin].version = DOSSIER_SCHEMA_VERSION + 1;
  extended[n_builtin].sql = sql;
  *n = n_builtin + 1;
  return extended;
}

static void
test_migrate_with_backup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierDocument) document = NULL;
  const DossierMigration *list;
  const char *backup;
  guint n;
  gint64 id;

  {
    g_autoptr(DossierStore) v1 = dossier_store_open (f->path, &error);
    g_assert_no_error (error);
    id = add (v1, "Before the upgrade", "A document written by the current schema.", NULL);
  }

  list = migrations_plus ("ALTER TABLE document ADD COLUMN analyst_note TEXT;", &n);
  store = dossier_store_open_with_migrations (f->path, list, n, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dossier_store_get_schema_version (store), ==, DOSSIER_SCHEMA_VERSION + 1);
  document = dossier_store_get_document (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier_document_get_title (document), ==, "Before the upgrade");

  backup = dossier_store_get_backup_path (store);
  g_assert_nonnull (backup);
  g_assert_true (g_str_has_prefix (backup, f->path));
  g_assert_cmpint (raw_int (backup, "PRAGMA user_version"), ==, DOSSIER_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (backup, "SELECT count(*) FROM document"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM pragma_table_info('document') "
                                     "WHERE name = 'analyst_note'"), ==, 1);
}

static void
test_migrate_failure_rolls_back (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const DossierMigration *list;
  guint n;

  {
    g_autoptr(DossierStore) v1 = dossier_store_open (f->path, &error);
    g_assert_no_error (error);
    add (v1, "Kept", "This document survives a failed upgrade.", NULL);
  }
  list = migrations_plus ("CREATE TABLE half_done (a);\n"
                          "INSERT INTO no_such_table VALUES (1);", &n);
  {
    g_autoptr(DossierStore) broken = dossier_store_open_with_migrations (f->path, list, n, &error);
    g_assert_null (broken);
    g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_STORE);
    g_assert_true (g_str_has_prefix (error->message, "Upgrading to schema"));
    g_clear_error (&error);
  }
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, DOSSIER_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_schema "
                                     "WHERE name = 'half_done'"), ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM document"), ==, 1);
}

static void
test_refuse_newer (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const DossierMigration *list;
  gsize len;
  guint n;

  list = migrations_plus ("CREATE TABLE from_the_future (a);", &n);
  {
    g_autoptr(DossierStore) newer = dossier_store_open_with_migrations (f->path, list, n, &error);
    g_assert_no_error (error);
    g_assert_cmpint (dossier_store_get_schema_version (newer), ==, DOSSIER_SCHEMA_VERSION + 1);
  }
  g_assert_true (g_file_get_contents (f->path, &before, &len, NULL));
  {
    g_autoptr(DossierStore) store = dossier_store_open (f->path, &error);
    g_assert_null (store);
    g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NEWER_VERSION);
    g_assert_nonnull (strstr (error->message, "test.dossier: written by a newer version"));
  }
  g_assert_true (g_file_get_contents (f->path, &after, &len, NULL));
  g_assert_true (memcmp (before, after, len) == 0);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, DOSSIER_SCHEMA_VERSION + 1);
}

static void
test_refuse_foreign (Fixture *f, gconstpointer data)
{
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) a = NULL;
  g_autoptr(DossierStore) b = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  a = dossier_store_open (other, &error);
  g_assert_null (a);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_WORKSPACE);
  g_clear_error (&error);
  g_assert_cmpint (raw_int (other, "SELECT count(*) FROM sqlite_schema"), ==, 1);

  g_assert_true (g_file_set_contents (text, "These are plain notes, not a database at all, "
                                            "and they are long enough to fill a header.\n",
                                      -1, NULL));
  b = dossier_store_open (text, &error);
  g_assert_null (b);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_WORKSPACE);
  g_assert_nonnull (strstr (error->message, "notes.txt: not a Dossier workspace"));
}

static void
test_locked (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) holder = dossier_store_open (f->path, &error);
  g_autoptr(DossierStore) other = NULL;
  g_autoptr(DossierArticle) article = make_article ("Blocked", "Written while locked.", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("Blocked", 7);
  gint64 id = 0;

  g_assert_no_error (error);
  other = dossier_store_open (f->path, &error);
  g_assert_no_error (error);
  dossier_store_set_busy_timeout (other, 50);

  g_assert_true (dossier_store_begin_batch (holder, &error));
  add (holder, "Holding", "The first connection holds the write lock.", NULL);
  g_assert_false (dossier_store_add_document (other, article, bytes, "b.txt", &id, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "in use by another program"));
  g_clear_error (&error);
  /* readers are not blocked by a writer in WAL mode */
  g_assert_cmpint (dossier_store_count_documents (other, &error), ==, 0);
  g_assert_true (dossier_store_commit_batch (holder, &error));
  g_assert_true (dossier_store_add_document (other, article, bytes, "b.txt", &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dossier_store_count_documents (other, &error), ==, 2);
}

static void
test_dedupe (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = dossier_store_open (f->path, &error);
  g_autoptr(DossierArticle) article = make_article ("Same", "Same bytes twice.", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("same bytes", 10);
  gint64 first = 0, second = 0;

  g_assert_true (dossier_store_add_document (store, article, bytes, "a.txt", &first, &error));
  g_assert_false (dossier_store_add_document (store, article, bytes, "copy.txt", &second, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "copy.txt: already in the workspace as document 1 (“Same”)");
  g_assert_cmpint (second, ==, first);
  g_clear_error (&error);
  g_assert_cmpint (dossier_store_count_documents (store, &error), ==, 1);
}

static guint
count_hits (DossierStore *store,
            const char   *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = dossier_store_search (store, query, 50, &error);

  g_assert_no_error (error);
  return hits->len;
}

static void
test_fts_sync (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = dossier_store_open (f->path, &error);
  g_autoptr(DossierArticle) v2 = make_article ("Revised report", "Now it mentions lighthouses.",
                                               NULL);
  g_autoptr(GBytes) v2_bytes = g_bytes_new_static ("revised", 7);
  g_autoptr(DossierDocument) document = NULL;
  gint64 id;

  id = add (store, "Original report", "It mentions the granary fire.", NULL);
  add (store, "Unrelated", "Nothing about that here.", NULL);
  g_assert_cmpuint (count_hits (store, "granary"), ==, 1);
  g_assert_cmpuint (count_hits (store, "lighthouses"), ==, 0);

  g_assert_true (dossier_store_update_document (store, id, v2, v2_bytes, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_hits (store, "granary"), ==, 0);
  g_assert_cmpuint (count_hits (store, "lighthouses"), ==, 1);
  g_assert_cmpuint (count_hits (store, "original"), ==, 0);
  g_assert_cmpuint (count_hits (store, "revised"), ==, 1);
  document = dossier_store_get_document (store, id, &error);
  g_assert_cmpstr (dossier_document_get_title (document), ==, "Revised report");
  check_fts_integrity (f->path);

  g_assert_true (dossier_store_remove_document (store, id, &error));
  g_assert_cmpuint (count_hits (store, "lighthouses"), ==, 0);
  g_assert_cmpuint (count_hits (store, "nothing"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM region WHERE document_id = 1"), ==, 0);
  check_fts_integrity (f->path);

  g_assert_false (dossier_store_remove_document (store, id, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (dossier_store_update_document (store, 999, v2, v2_bytes, NULL, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
}

static void
test_batch_is_per_document_atomic (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = dossier_store_open (f->path, &error);
  g_autoptr(DossierArticle) bad = make_article ("Broken regions", "Region ends before it starts.",
                                                NULL);
  g_autoptr(GBytes) bad_bytes = g_bytes_new_static ("bad", 3);
  DossierRegion *region;
  gint64 id = 0;

  g_assert_true (dossier_store_begin_batch (store, &error));
  add (store, "Good one", "This document is fine.", NULL);
  /* A region that violates the schema fails the insert after the document row was written:
   * the savepoint must take the row back too. */
  region = &g_array_index (bad->regions, DossierRegion, 1);
  region->start = region->end + 5;
  g_assert_false (dossier_store_add_document (store, bad, bad_bytes, "bad.txt", &id, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_STORE);
  g_clear_error (&error);
  add (store, "Good two", "This document is fine too.", NULL);
  g_assert_true (dossier_store_commit_batch (store, &error));

  g_assert_cmpint (dossier_store_count_documents (store, &error), ==, 2);
  g_assert_cmpuint (count_hits (store, "broken"), ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM region"), ==, 4);
  check_fts_integrity (f->path);
}

static void
test_batch_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = dossier_store_open (f->path, &error);

  g_assert_true (dossier_store_begin_batch (store, &error));
  add (store, "Never saved", "Rolled back with its batch.", NULL);
  dossier_store_rollback_batch (store);
  g_assert_cmpint (dossier_store_count_documents (store, &error), ==, 0);
}

static void
test_list_order (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = dossier_store_open (f->path, &error);
  g_autoptr(GPtrArray) documents = NULL;

  add (store, "Middle", "Published in May.", "2024-05-01");
  add (store, "Undated", "No date at all.", NULL);
  add (store, "Newest", "Published in June.", "2024-06-20");
  add (store, "Oldest", "Published last year.", "2023-10-07");
  documents = dossier_store_list_documents (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 4);
  g_assert_cmpstr (dossier_document_get_title (documents->pdata[0]), ==, "Newest");
  g_assert_cmpstr (dossier_document_get_title (documents->pdata[1]), ==, "Middle");
  g_assert_cmpstr (dossier_document_get_title (documents->pdata[2]), ==, "Oldest");
  g_assert_cmpstr (dossier_document_get_title (documents->pdata[3]), ==, "Undated");
  /* lists carry metadata only */
  g_assert_null (dossier_document_get_text (documents->pdata[0]));
}

static void
test_search (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = dossier_store_open (f->path, &error);
  g_autoptr(GPtrArray) hits = NULL;
  DossierSearchHit *hit;
  gint64 in_title, in_body;

  in_body = add (store, "Harbour news", "The minister spoke about the ferry at length, and the "
                 "ferry operators answered. Ferry prices rose.", NULL);
  in_title = add (store, "Ferry strike ends", "Crews returned to work on Monday.", NULL);
  add (store, "Café reopens", "The old café on Quay Street opened its doors again.", NULL);

  hits = dossier_store_search (store, "ferry", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  /* a title match outweighs body matches */
  hit = hits->pdata[0];
  g_assert_cmpint (hit->id, ==, in_title);
  g_assert_cmpint (((DossierSearchHit *) hits->pdata[1])->id, ==, in_body);
  g_assert_cmpfloat (hit->rank, <, ((DossierSearchHit *) hits->pdata[1])->rank);

  /* highlights are code-point ranges into the plain snippet */
  hit = hits->pdata[1];
  g_assert_null (strchr (hit->snippet, '\x02'));
  g_assert_cmpuint (hit->highlights->len, >=, 2);
  g_assert_cmpuint (hit->highlights->len % 2, ==, 0);
  for (guint i = 0; i < hit->highlights->len; i += 2)
    {
      g_autofree char *word = test_region_text (hit->snippet,
                                                g_array_index (hit->highlights, guint, i),
                                                g_array_index (hit->highlights, guint, i + 1));
      g_autofree char *lower = g_utf8_strdown (word, -1);
      g_assert_cmpstr (lower, ==, "ferry");
    }

  /* the hit is found at its place in the text, not at an earlier "ferry" of the title */
  {
    g_autoptr(DossierDocument) document = dossier_store_get_document (store, in_body, &error);
    const char *text = dossier_document_get_text (document);
    guint start = 0, end = 0;
    g_autofree char *word = NULL;

    g_assert_true (dossier_search_hit_locate (hit, text, &start, &end));
    word = test_region_text (text, start, end);
    g_assert_cmpstr (word, ==, "ferry");
    g_assert_cmpuint (start, ==, g_utf8_strlen ("Harbour news\n\nThe minister spoke about the ", -1));
  }

  g_assert_cmpuint (count_hits (store, "cafe"), ==, 1);             /* diacritics folded */
  g_assert_cmpuint (count_hits (store, "\"ferry operators\""), ==, 1);
  g_assert_cmpuint (count_hits (store, "\"operators ferry\""), ==, 0);
  g_assert_cmpuint (count_hits (store, "fer*"), ==, 2);
  g_assert_cmpuint (count_hits (store, "ferry monday"), ==, 1);     /* all words must match */
  /* FTS5 syntax typed by a person is taken literally, never an error */
  g_assert_cmpuint (count_hits (store, "ferry NOT"), ==, 0);
  g_assert_cmpuint (count_hits (store, "-ferry"), ==, 2);
  g_assert_cmpuint (count_hits (store, "ferry (strike"), ==, 1);
  g_assert_cmpuint (count_hits (store, "ferry AND strike"), ==, 0); /* no document says "and" */
  g_assert_cmpuint (count_hits (store, "title:ferry"), ==, 0);
  g_assert_cmpuint (count_hits (store, "\"unterminated ferry"), ==, 0);
  g_assert_cmpuint (count_hits (store, "— !! ..."), ==, 0);
  g_assert_cmpuint (count_hits (store, ""), ==, 0);
}

static void
test_query_to_fts (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "ferry", "\"ferry\"" },
    { "  ferry   strike ", "\"ferry\" \"strike\"" },
    { "\"ferry strike\" port*", "\"ferry strike\" \"port\"*" },
    { "say \"hi", "\"say\" \"hi\"" },
    { "a\"b", "\"a\" \"b\"" },
    { "NEAR(x y)", "\"NEAR(x\" \"y)\"" },
    { "*", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *fts = dossier_search_query_to_fts (cases[i].in);
      g_assert_cmpstr (fts, ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/create", test_create);
  ADD ("/store/create-in-new-folder", test_create_in_new_folder);
  ADD ("/store/reopen", test_reopen);
  ADD ("/store/migrate/from-every-version", test_migrate_from_every_version);
  ADD ("/store/migrate/backup-first", test_migrate_with_backup);
  ADD ("/store/migrate/failure-rolls-back", test_migrate_failure_rolls_back);
  ADD ("/store/refuse-newer", test_refuse_newer);
  ADD ("/store/refuse-foreign", test_refuse_foreign);
  ADD ("/store/locked", test_locked);
  ADD ("/store/dedupe", test_dedupe);
  ADD ("/store/fts-sync", test_fts_sync);
  ADD ("/store/batch-per-document-atomic", test_batch_is_per_document_atomic);
  ADD ("/store/batch-rollback", test_batch_rollback);
  ADD ("/store/list-order", test_list_order);
  ADD ("/store/search", test_search);
  g_test_add_func ("/store/query-to-fts", test_query_to_fts);

#undef ADD

  return g_test_run ();
}
