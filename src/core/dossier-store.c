/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include <errno.h>
#include <sqlite3.h>
#include <string.h>

#include "dossier-error.h"
#include "dossier-store-private.h"

/* How long a write waits for another connection before it reports the workspace locked. */
#define BUSY_TIMEOUT_MS 5000

/* WAL pages after which a commit copies them into the database file: SQLite's default, and
 * what import batches use (32 MB). */
#define CHECKPOINT_PAGES 1000
#define BATCH_CHECKPOINT_PAGES 8000

struct _DossierStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *backup_path;
  int         schema_version;
  gboolean    in_batch;
  /* In a batch begun by dossier_store_begin_fast_batch(): no savepoint per write, and a
   * failed write spoils the whole batch. */
  gboolean    fast_batch;
  gboolean    batch_spoiled;
  /* In a fast batch: documents with a greater id are not in document_fts yet. */
  gint64      fts_deferred_after;
  /* Prepared statements, keyed by their (static) SQL text. */
  GHashTable *statements;
  /* Ids looked up inside the current write transaction (dossier_store_cache_*()). */
  GHashTable *write_cache;
};

G_DEFINE_FINAL_TYPE (DossierStore, dossier_store, G_TYPE_OBJECT)

sqlite3 *
dossier_store_get_db (DossierStore *self)
{
  return self->db;
}

/* Schema */

/* Indexes a new document's title and text.  A fast import batch drops it and indexes the
 * batch's documents in one statement at its commit (see begin_batch()). */
#define DOCUMENT_FTS_INSERT_TRIGGER \
  "CREATE TRIGGER document_fts_insert AFTER INSERT ON document BEGIN\n" \
  "  INSERT INTO document_fts (rowid, title, text) VALUES (new.id, new.title, new.text);\n" \
  "END;\n"

static const char schema_v1[] =
  "PRAGMA application_id = 1146049363;\n" /* DOSSIER_APPLICATION_ID */
  "CREATE TABLE document (\n"
  "  id          INTEGER PRIMARY KEY,\n"
  "  title       TEXT NOT NULL,\n"
  "  outlet      TEXT,\n"
  "  byline      TEXT,\n"
  "  url         TEXT,\n"
  "  published   TEXT,\n"
  "  precision   TEXT NOT NULL DEFAULT 'none'\n"
  "              CHECK (precision IN ('none', 'year', 'month', 'day', 'time')),\n"
  "  language    TEXT,\n"
  "  format      TEXT NOT NULL CHECK (format IN ('text', 'html')),\n"
  "  source_name TEXT,\n"
  "  sha256      TEXT NOT NULL UNIQUE,\n"
  "  truncated   INTEGER NOT NULL DEFAULT 0,\n"
  "  imported_at TEXT NOT NULL,\n"
  "  modified_at TEXT,\n"
  /* The large columns come last so that metadata reads stop before their overflow pages. */
  "  text        TEXT NOT NULL,\n"
  "  original    BLOB NOT NULL\n"
  ");\n"
  "CREATE INDEX document_by_date ON document (published DESC, imported_at DESC);\n"
  "CREATE TABLE region (\n"
  "  id           INTEGER PRIMARY KEY,\n"
  "  document_id  INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,\n"
  "  kind         TEXT NOT NULL\n"
  "               CHECK (kind IN ('paragraph', 'headline', 'caption', 'boilerplate')),\n"
  "  start_offset INTEGER NOT NULL,\n"
  "  end_offset   INTEGER NOT NULL,\n"
  "  CHECK (0 <= start_offset AND start_offset <= end_offset)\n"
  ");\n"
  "CREATE INDEX region_by_document ON region (document_id, start_offset);\n"
  "CREATE VIRTUAL TABLE document_fts USING fts5 (\n"
  "  title, text, content = 'document', content_rowid = 'id',\n"
  "  tokenize = 'unicode61 remove_diacritics 2'\n"
  ");\n"
  /* Titles weigh five times the body in the ranking. */
  "INSERT INTO document_fts (document_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)');\n"
  DOCUMENT_FTS_INSERT_TRIGGER
  "CREATE TRIGGER document_fts_delete AFTER DELETE ON document BEGIN\n"
  "  INSERT INTO document_fts (document_fts, rowid, title, text)\n"
  "    VALUES ('delete', old.id, old.title, old.text);\n"
  "END;\n"
  "CREATE TRIGGER document_fts_update AFTER UPDATE OF title, text ON document BEGIN\n"
  "  INSERT INTO document_fts (document_fts, rowid, title, text)\n"
  "    VALUES ('delete', old.id, old.title, old.text);\n"
  "  INSERT INTO document_fts (rowid, title, text) VALUES (new.id, new.title, new.text);\n"
  "END;\n";

/* Annotations and what they refer to: entities (speakers), sources (outlets), tags, and the
 * analyst's notes per document. */
static const char schema_v2[] =
  "CREATE TABLE source (\n"
  "  id          INTEGER PRIMARY KEY,\n"
  "  name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> ''),\n"
  "  kind        TEXT NOT NULL DEFAULT 'other',\n"
  "  country     TEXT,\n"
  "  reliability TEXT CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),\n"
  "  notes       TEXT NOT NULL DEFAULT '',\n"
  "  origin      TEXT NOT NULL DEFAULT 'analyst' CHECK (origin IN ('registry', 'analyst')),\n"
  "  created_at  TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE source_alias (\n"
  "  source_id INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,\n"
  "  alias     TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (alias <> '')\n"
  ");\n"
  "CREATE INDEX source_alias_by_source ON source_alias (source_id);\n"
  "CREATE TABLE entity (\n"
  "  id         INTEGER PRIMARY KEY,\n"
  "  name       TEXT NOT NULL CHECK (name <> ''),\n"
  "  kind       TEXT NOT NULL\n"
  "             CHECK (kind IN ('person', 'organization', 'place', 'outlet')),\n"
  "  created_at TEXT NOT NULL,\n"
  "  UNIQUE (name COLLATE NOCASE, kind)\n"
  ");\n"
  "CREATE TABLE entity_alias (\n"
  "  entity_id INTEGER NOT NULL REFERENCES entity (id) ON DELETE CASCADE,\n"
  "  alias     TEXT NOT NULL COLLATE NOCASE CHECK (alias <> ''),\n"
  "  UNIQUE (entity_id, alias)\n"
  ");\n"
  "CREATE INDEX entity_alias_by_alias ON entity_alias (alias);\n"
  "CREATE TABLE tag (\n"
  "  id   INTEGER PRIMARY KEY,\n"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> '')\n"
  ");\n"
  "CREATE TABLE annotation (\n"
  "  id           INTEGER PRIMARY KEY,\n"
  "  document_id  INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,\n"
  "  kind         TEXT NOT NULL CHECK (kind IN ('highlight', 'quote', 'claim', 'note')),\n"
  /* TextPositionSelector: code points into document.text, end exclusive. */
  "  start_offset INTEGER NOT NULL,\n"
  "  end_offset   INTEGER NOT NULL,\n"
  /* TextQuoteSelector. */
  "  exact        TEXT NOT NULL,\n"
  "  prefix       TEXT NOT NULL DEFAULT '',\n"
  "  suffix       TEXT NOT NULL DEFAULT '',\n"
  "  status       TEXT NOT NULL DEFAULT 'anchored' CHECK (status IN ('anchored', 'orphan')),\n"
  "  speaker_id   INTEGER REFERENCES entity (id) ON DELETE SET NULL,\n"
  "  source_id    INTEGER REFERENCES source (id) ON DELETE SET NULL,\n"
  "  cue          TEXT,\n"
  "  credibility  INTEGER CHECK (credibility BETWEEN 1 AND 6),\n"
  "  note         TEXT NOT NULL DEFAULT '',\n"
  "  origin       TEXT NOT NULL DEFAULT 'analyst' CHECK (origin IN ('analyst', 'auto')),\n"
  "  review       TEXT NOT NULL DEFAULT 'confirmed'\n"
  "               CHECK (review IN ('suggested', 'confirmed', 'rejected')),\n"
  "  created_at   TEXT NOT NULL,\n"
  "  modified_at  TEXT NOT NULL,\n"
  "  CHECK (0 <= start_offset AND start_offset < end_offset)\n"
  ");\n"
  "CREATE INDEX annotation_by_document ON annotation (document_id, start_offset);\n"
  "CREATE INDEX annotation_by_speaker ON annotation (speaker_id);\n"
  "CREATE INDEX annotation_by_source ON annotation (source_id);\n"
  "CREATE TABLE annotation_tag (\n"
  "  annotation_id INTEGER NOT NULL REFERENCES annotation (id) ON DELETE CASCADE,\n"
  "  tag_id        INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,\n"
  "  PRIMARY KEY (annotation_id, tag_id)\n"
  ") WITHOUT ROWID;\n"
  "CREATE INDEX annotation_tag_by_tag ON annotation_tag (tag_id);\n"
  "CREATE TABLE document_note (\n"
  "  document_id INTEGER PRIMARY KEY REFERENCES document (id) ON DELETE CASCADE,\n"
  "  body        TEXT NOT NULL,\n"
  "  modified_at TEXT NOT NULL\n"
  ");\n";

/* Automatic extraction: entity mentions and dated events, beside the quotes that are
 * annotations.  A suggestion is a row with origin 'auto' and status (for quotes,
 * annotation.review) 'suggested'; re-extraction replaces those and nothing else.  A rejected
 * suggestion stays as a hidden row: it is what keeps re-extraction from proposing it again,
 * and what lets a review be undone. */
static const char schema_v3[] =
  /* Where transliteration variants of a name meet (dossier_name_variant_key()): entities of
   * one kind with the same key are proposed for a merge. */
  "ALTER TABLE entity ADD COLUMN variant_key TEXT;\n"
  "ALTER TABLE entity ADD COLUMN origin TEXT NOT NULL DEFAULT 'analyst'\n"
  "  CHECK (origin IN ('analyst', 'auto'));\n"
  "CREATE INDEX entity_by_variant_key ON entity (variant_key, kind);\n"
  "CREATE TABLE mention (\n"
  "  id           INTEGER PRIMARY KEY,\n"
  "  entity_id    INTEGER NOT NULL REFERENCES entity (id) ON DELETE CASCADE,\n"
  "  document_id  INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,\n"
  "  start_offset INTEGER NOT NULL,\n"
  "  end_offset   INTEGER NOT NULL,\n"
  "  exact        TEXT NOT NULL,\n"
  "  origin       TEXT NOT NULL DEFAULT 'auto' CHECK (origin IN ('auto', 'analyst')),\n"
  "  status       TEXT NOT NULL DEFAULT 'suggested'\n"
  "               CHECK (status IN ('suggested', 'confirmed', 'rejected')),\n"
  "  CHECK (0 <= start_offset AND start_offset < end_offset),\n"
  /* Also the per-document index. */
  "  UNIQUE (document_id, start_offset, end_offset, entity_id)\n"
  ");\n"
  "CREATE INDEX mention_by_entity ON mention (entity_id, document_id);\n"
  "CREATE TABLE event (\n"
  "  id             INTEGER PRIMARY KEY,\n"
  "  document_id    INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,\n"
  /* The date expression that dated it, and its value (TimeML / ISO 8601). */
  "  start_offset   INTEGER NOT NULL,\n"
  "  end_offset     INTEGER NOT NULL,\n"
  "  expression     TEXT NOT NULL,\n"
  "  value          TEXT NOT NULL CHECK (value <> ''),\n"
  "  precision      TEXT NOT NULL CHECK (precision IN ('day', 'week', 'month', 'year')),\n"
  "  uncertain      INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),\n"
  "  sentence_start INTEGER NOT NULL,\n"
  "  sentence_end   INTEGER NOT NULL,\n"
  "  origin         TEXT NOT NULL DEFAULT 'auto' CHECK (origin IN ('auto', 'analyst')),\n"
  "  status         TEXT NOT NULL DEFAULT 'suggested'\n"
  "                 CHECK (status IN ('suggested', 'confirmed', 'rejected')),\n"
  "  CHECK (0 <= start_offset AND start_offset < end_offset),\n"
  "  CHECK (0 <= sentence_start AND sentence_start <= sentence_end),\n"
  "  UNIQUE (document_id, start_offset, end_offset)\n"
  ");\n"
  /* An event's entities are those mentioned in its sentence (not rejected there): read
   * through mention's (document_id, start_offset) index, not stored twice. */
  "CREATE INDEX event_by_value ON event (value);\n"
  /* Merge proposals the analyst turned down: "these two are different people". */
  "CREATE TABLE merge_dismissal (\n"
  "  entity_id INTEGER NOT NULL REFERENCES entity (id) ON DELETE CASCADE,\n"
  "  other_id  INTEGER NOT NULL REFERENCES entity (id) ON DELETE CASCADE,\n"
  "  PRIMARY KEY (entity_id, other_id),\n"
  "  CHECK (entity_id < other_id)\n"
  ") WITHOUT ROWID;\n"
  "CREATE INDEX merge_dismissal_by_other ON merge_dismissal (other_id);\n";

/* The entity sidebar and the timeline: entities the analyst rejected outright ("not an
 * entity"), which extraction no longer suggests in any document; the analyst's notes on
 * events; and mentions by entity with their status in the index, so that the sidebar counts
 * a workspace's mentions from the index alone. */
static const char schema_v4[] =
  "ALTER TABLE entity ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0\n"
  "  CHECK (rejected IN (0, 1));\n"
  "ALTER TABLE event ADD COLUMN note TEXT NOT NULL DEFAULT '';\n"
  "DROP INDEX mention_by_entity;\n"
  "CREATE INDEX mention_by_entity ON mention (entity_id, document_id, status);\n";

static const DossierMigration migrations[] = {
  { 1, schema_v1, NULL },
  { 2, schema_v2, dossier_store_load_source_registry },
  { 3, schema_v3, dossier_store_fill_variant_keys },
  { 4, schema_v4, NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == DOSSIER_SCHEMA_VERSION);

const DossierMigration *
dossier_store_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

/* Errors */

static const char *
store_name (DossierStore *self)
{
  const char *slash = strrchr (self->path, G_DIR_SEPARATOR);

  return slash ? slash + 1 : self->path;
}

void
dossier_store_set_error (DossierStore  *self,
                  GError       **error,
                  int            rc,
                  const char    *doing)
{
  int primary = rc & 0xff;

  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_LOCKED,
                 "%s: the workspace is in use by another program (locked); try again "
                 "when it is closed", store_name (self));
  else if (primary == SQLITE_FULL)
    g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_STORE,
                 "%s: the disk is full; nothing was written", store_name (self));
  else if (primary == SQLITE_READONLY || primary == SQLITE_PERM)
    g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_STORE,
                 "%s: the workspace cannot be written (read-only)", store_name (self));
  else if (primary == SQLITE_NOTADB)
    g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_WORKSPACE,
                 "%s: not a Dossier workspace (not an SQLite database)", store_name (self));
  else if (primary == SQLITE_CORRUPT)
    g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_STORE,
                 "%s: the workspace file is damaged (%s)", store_name (self),
                 sqlite3_errmsg (self->db));
  else
    g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_STORE, "%s: %s failed: %s",
                 store_name (self), doing, self->db ? sqlite3_errmsg (self->db)
                                                    : sqlite3_errstr (rc));
}

/* Statements */

sqlite3_stmt *
dossier_store_statement (DossierStore  *self,
               const char    *sql,
               GError       **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      dossier_store_set_error (self, error, rc, "preparing a query");
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
dossier_store_exec (DossierStore  *self,
          const char    *sql,
          const char    *doing,
          GError       **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      dossier_store_set_error (self, error, rc, doing);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (DossierStore  *self,
           const char    *sql,
           int           *value,
           GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      dossier_store_set_error (self, error, rc, "reading the workspace");
      sqlite3_reset (stmt);
      return FALSE;
    }
  *value = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

void
dossier_store_bind_text (sqlite3_stmt *stmt,
                   int           index,
                   const char   *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

char *
dossier_store_column_strdup (sqlite3_stmt *stmt,
               int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text ? g_strdup ((const char *) text) : NULL;
}

/* Transactions */

gint64
dossier_store_cache_lookup (DossierStore *self,
                            const char   *key)
{
  const gint64 *id = g_hash_table_lookup (self->write_cache, key);

  return id != NULL ? *id : 0;
}

void
dossier_store_cache_insert (DossierStore *self,
                            const char   *key,
                            gint64        id)
{
  g_hash_table_replace (self->write_cache, g_strdup (key), g_memdup2 (&id, sizeof id));
}

/* The cache holds only what the current transaction wrote or read under its lock: it is
 * forgotten when a transaction starts, and when anything is rolled back. */
static void
forget_cache (DossierStore *self)
{
  g_hash_table_remove_all (self->write_cache);
}

gboolean
dossier_store_begin_write (DossierStore  *self,
             GError       **error)
{
  if (self->in_batch && self->fast_batch)
    return TRUE;
  if (self->in_batch)
    return dossier_store_exec (self, "SAVEPOINT dossier_write", "starting a write", error);
  forget_cache (self);
  return dossier_store_exec (self, "BEGIN IMMEDIATE", "starting a write", error);
}

gboolean
dossier_store_commit_write (DossierStore  *self,
              GError       **error)
{
  if (self->in_batch && self->fast_batch)
    return TRUE;
  if (self->in_batch)
    return dossier_store_exec (self, "RELEASE dossier_write", "saving", error);
  return dossier_store_exec (self, "COMMIT", "saving", error);
}

void
dossier_store_rollback_write (DossierStore *self)
{
  forget_cache (self);
  if (self->in_batch && self->fast_batch)
    self->batch_spoiled = TRUE;
  else if (self->in_batch)
    {
      sqlite3_exec (self->db, "ROLLBACK TO dossier_write", NULL, NULL, NULL);
      sqlite3_exec (self->db, "RELEASE dossier_write", NULL, NULL, NULL);
    }
  else if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* What a batch relaxes (see begin_batch()) is restored when it ends; these pragmas take
 * effect outside a transaction only. */
static void
end_batch_durability (DossierStore *self)
{
  sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  sqlite3_exec (self->db, "PRAGMA wal_autocheckpoint = " G_STRINGIFY (CHECKPOINT_PAGES), NULL,
                NULL, NULL);
}

/* Full-text indexing is cheapest in bulk: FTS5 writes its pending terms out at the end of
 * every statement that runs a trigger, so a batch of documents indexed one by one leaves a
 * segment per document to merge.  A fast batch drops the indexing trigger inside its
 * transaction (other connections never see it missing) and indexes its documents in one
 * statement when it commits; a rollback brings the trigger back by itself. */
static gboolean
defer_fts (DossierStore  *self,
           GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self, "SELECT coalesce(max(id), 0) FROM document",
                                                error);

  if (stmt == NULL || !dossier_store_lookup_id (self, stmt, &self->fts_deferred_after, error))
    return FALSE;
  return dossier_store_exec (self, "DROP TRIGGER document_fts_insert", "starting an import",
                             error);
}

static gboolean
index_deferred (DossierStore  *self,
                GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self,
    "INSERT INTO document_fts (rowid, title, text)"
    " SELECT id, title, text FROM document WHERE id > ? ORDER BY id", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->fts_deferred_after);
  if (!dossier_store_step_done (self, stmt, "indexing the import", error))
    return FALSE;
  self->fts_deferred_after = -1;
  return dossier_store_exec (self, DOCUMENT_FTS_INSERT_TRIGGER, "indexing the import", error);
}

static gboolean
begin_batch (DossierStore  *self,
             gboolean       fast,
             GError       **error)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_batch, FALSE);

  forget_cache (self);
  /* A batch's commit waits for the disk (synchronous=FULL, the connection's setting), like
   * the analyst's own edits: its documents are reported as imported once it returns, so a
   * power cut must not take them back.  One sync per batch of hundreds of documents costs
   * little next to writing them. */
  /* A batch's pages go to the database file in a few large checkpoints rather than one
   * after every commit: index pages that successive batches change are copied once. */
  sqlite3_exec (self->db, "PRAGMA wal_autocheckpoint = " G_STRINGIFY (BATCH_CHECKPOINT_PAGES),
                NULL, NULL, NULL);
  /* A fast batch writes only new rows whose parents it has just written or looked up: the
   * per-row foreign key lookups check nothing its own logic does not guarantee. */
  if (fast)
    sqlite3_exec (self->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
  if (!dossier_store_exec (self, "BEGIN IMMEDIATE", "starting an import", error))
    {
      end_batch_durability (self);
      return FALSE;
    }
  self->in_batch = TRUE;
  self->fast_batch = fast;
  self->batch_spoiled = FALSE;
  self->fts_deferred_after = -1;
  if (fast && !defer_fts (self, error))
    {
      dossier_store_rollback_batch (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
dossier_store_begin_batch (DossierStore  *self,
                           GError       **error)
{
  return begin_batch (self, FALSE, error);
}

gboolean
dossier_store_begin_fast_batch (DossierStore  *self,
                                GError       **error)
{
  return begin_batch (self, TRUE, error);
}

gboolean
dossier_store_batch_is_spoiled (DossierStore *self)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  return self->in_batch && self->batch_spoiled;
}

gboolean
dossier_store_commit_batch (DossierStore  *self,
                            GError       **error)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  if (self->batch_spoiled)
    {
      dossier_store_rollback_batch (self);
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_STORE,
                   "%s: a write of the import failed; nothing of it was saved",
                   store_name (self));
      return FALSE;
    }
  if (self->fts_deferred_after >= 0 && !index_deferred (self, error))
    {
      dossier_store_rollback_batch (self);
      return FALSE;
    }
  self->in_batch = FALSE;
  if (!dossier_store_exec (self, "COMMIT", "saving the import", error))
    {
      dossier_store_rollback_write (self);
      end_batch_durability (self);
      return FALSE;
    }
  end_batch_durability (self);
  return TRUE;
}

void
dossier_store_rollback_batch (DossierStore *self)
{
  g_return_if_fail (DOSSIER_IS_STORE (self));

  if (!self->in_batch)
    return;
  self->in_batch = FALSE;
  self->batch_spoiled = FALSE;
  self->fts_deferred_after = -1;
  forget_cache (self);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  end_batch_durability (self);
}

/* Opening and migrating */

static void
dossier_store_finalize (GObject *object)
{
  DossierStore *self = (DossierStore *) object;

  if (self->in_batch)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  /* Statements must be finalized before the connection closes. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->write_cache, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self->path);
  g_free (self->backup_path);

  G_OBJECT_CLASS (dossier_store_parent_class)->finalize (object);
}

static void
dossier_store_class_init (DossierStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dossier_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
dossier_store_init (DossierStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
  self->write_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->fts_deferred_after = -1;
}

/* Once per process, before SQLite initializes: no global memory statistics, which would take
 * a process-wide mutex around every allocation of every connection.  (If something else in
 * the process started SQLite first, the call fails harmlessly.) */
static void
configure_sqlite (void)
{
  static gsize configured = 0;

  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }
}

static char *
backup_path_for (const char *path,
                 int         version)
{
  char *candidate = g_strdup_printf ("%s.v%d.bak", path, version);

  for (int i = 2; g_file_test (candidate, G_FILE_TEST_EXISTS); i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s.v%d-%d.bak", path, version, i);
    }
  return candidate;
}

static gboolean
backup_before_migration (DossierStore  *self,
                         int            version,
                         GError       **error)
{
  g_autofree char *backup = backup_path_for (self->path, version);
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* VACUUM INTO takes its target as an expression, so it can be bound. */
  rc = sqlite3_prepare_v2 (self->db, "VACUUM INTO ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, backup, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      dossier_store_set_error (self, error, rc, "backing up before the upgrade");
      return FALSE;
    }
  g_debug ("backed up %s (schema %d) to %s", self->path, version, backup);
  g_free (self->backup_path);
  self->backup_path = g_steal_pointer (&backup);
  return TRUE;
}

static gboolean
run_migration (DossierStore           *self,
               const DossierMigration *migration,
               GError                **error)
{
  /* PRAGMA user_version takes no parameters; the value is our own integer constant. */
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d",
                                                  migration->version);
  g_autoptr(GError) local_error = NULL;

  if (!dossier_store_exec (self, "BEGIN IMMEDIATE", "starting the upgrade", error))
    return FALSE;
  if (!dossier_store_exec (self, migration->sql, "upgrading the workspace", &local_error) ||
      (migration->populate != NULL && !migration->populate (self, &local_error)) ||
      !dossier_store_exec (self, set_version, "upgrading the workspace", &local_error) ||
      !dossier_store_exec (self, "COMMIT", "saving the upgrade", &local_error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  "Upgrading to schema %d: ", migration->version);
      return FALSE;
    }
  g_debug ("migrated %s to schema %d", self->path, migration->version);
  self->schema_version = migration->version;
  return TRUE;
}

static gboolean
check_workspace (DossierStore  *self,
                 int            latest,
                 int           *version,
                 GError       **error)
{
  int app_id = 0, n_tables = 0;

  if (!query_int (self, "PRAGMA application_id", &app_id, error) ||
      !query_int (self, "PRAGMA user_version", version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    return FALSE;

  if (app_id != 0 && app_id != DOSSIER_APPLICATION_ID)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_WORKSPACE,
                   "%s: not a Dossier workspace (an SQLite database of another program)",
                   store_name (self));
      return FALSE;
    }
  if (app_id == 0 && n_tables > 0)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_WORKSPACE,
                   "%s: not a Dossier workspace (an SQLite database with other tables)",
                   store_name (self));
      return FALSE;
    }
  if (*version > latest)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NEWER_VERSION,
                   "%s: written by a newer version of Dossier (workspace schema %d; this "
                   "version reads up to %d). Update Dossier to open it; the file was not "
                   "changed.", store_name (self), *version, latest);
      return FALSE;
    }
  return TRUE;
}

DossierStore *
dossier_store_open_with_migrations (const char             *path,
                                    const DossierMigration *list,
                                    guint                   n_list,
                                    GError                **error)
{
  g_autoptr(DossierStore) self = NULL;
  g_autofree char *dir = NULL;
  int latest = n_list > 0 ? list[n_list - 1].version : 0;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (DOSSIER_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_STORE, "%s: cannot create the folder: %s",
                   dir, g_strerror (saved));
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_WORKSPACE,
                   "%s: is a folder, not a workspace file", path);
      return NULL;
    }

  configure_sqlite ();
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      dossier_store_set_error (self, error, rc, "opening the workspace");
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* Everything up to here only reads: a newer or foreign file is refused untouched. */
  if (!check_workspace (self, latest, &version, error))
    return NULL;

  if (!dossier_store_exec (self, "PRAGMA journal_mode = WAL", "opening the workspace", error) ||
      !dossier_store_exec (self, "PRAGMA synchronous = FULL", "opening the workspace", error) ||
      !dossier_store_exec (self, "PRAGMA foreign_keys = ON", "opening the workspace", error) ||
      /* Importing writes to several indexes at scattered places (mentions by entity, events
       * by date): beyond SQLite's default 2 MB of cache each of those writes rereads pages. */
      !dossier_store_exec (self, "PRAGMA cache_size = -32768", "opening the workspace", error) ||
      /* Each document of a batch is a savepoint, whose journal of the pages it changes would
       * otherwise be a temporary file written page by page. */
      !dossier_store_exec (self, "PRAGMA temp_store = MEMORY", "opening the workspace", error))
    return NULL;
  self->schema_version = version;

  if (version > 0 && version < latest && !backup_before_migration (self, version, error))
    return NULL;

  for (guint i = 0; i < n_list; i++)
    if (list[i].version > self->schema_version &&
        !run_migration (self, &list[i], error))
      return NULL;

  return g_steal_pointer (&self);
}

DossierStore *
dossier_store_open (const char  *path,
                    GError     **error)
{
  return dossier_store_open_with_migrations (path, migrations, G_N_ELEMENTS (migrations),
                                             error);
}

void
dossier_store_set_busy_timeout (DossierStore *self,
                                int           milliseconds)
{
  g_return_if_fail (DOSSIER_IS_STORE (self));
  sqlite3_busy_timeout (self->db, milliseconds);
}

const char *
dossier_store_get_path (DossierStore *self)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);
  return self->path;
}

const char *
dossier_store_get_backup_path (DossierStore *self)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);
  return self->backup_path;
}

int
dossier_store_get_schema_version (DossierStore *self)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), 0);
  return self->schema_version;
}

char *
dossier_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "dossier", "workspace.dossier", NULL);
}

/* Documents */

char *
dossier_store_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
title_for (DossierArticle *article,
           const char     *source_name)
{
  if (article->title != NULL && *article->title != '\0')
    return g_strdup (article->title);
  if (source_name != NULL && *source_name != '\0')
    {
      const char *dot = strrchr (source_name, '.');
      return dot && dot != source_name ? g_strndup (source_name, (gsize) (dot - source_name))
                                       : g_strdup (source_name);
    }
  return g_strdup ("Untitled");
}

typedef struct {
  gint64  id;
  GArray *regions;
} IdRegions;

/* "HEAD (…), (…), …" with @n_rows copies of the tuple, built once: the statement cache is
 * keyed by the address of the SQL text. */
static const char *
rows_sql (DossierRowsInsert *insert,
          guint              n_rows)
{
  if (g_once_init_enter (&insert->sql[n_rows]))
    {
      GString *sql = g_string_new (insert->head);

      for (guint i = 0; i < n_rows; i++)
        {
          g_string_append (sql, i == 0 ? " " : ", ");
          g_string_append (sql, insert->tuple);
        }
      g_once_init_leave (&insert->sql[n_rows], (gsize) g_string_free (sql, FALSE));
    }
  return (const char *) insert->sql[n_rows];
}

gboolean
dossier_store_insert_rows (DossierStore       *self,
                           DossierRowsInsert  *insert,
                           guint               n_rows,
                           DossierRowBinder    bind,
                           gpointer            data,
                           guint              *changed,
                           const char         *doing,
                           GError            **error)
{
  for (guint row = 0; row < n_rows;)
    {
      guint n = MIN (n_rows - row, DOSSIER_ROWS_PER_INSERT);
      sqlite3_stmt *stmt = dossier_store_statement (self, rows_sql (insert, n), error);

      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < n; i++, row++)
        bind (stmt, (int) i * insert->n_columns + 1, row, data);
      if (!dossier_store_step_done (self, stmt, doing, error))
        return FALSE;
      if (changed != NULL)
        *changed += (guint) sqlite3_changes (self->db);
    }
  return TRUE;
}

static void
bind_region (sqlite3_stmt *stmt,
             int           first,
             guint         row,
             gpointer      data)
{
  const IdRegions *regions = data;
  const DossierRegion *region = &g_array_index (regions->regions, DossierRegion, row);

  sqlite3_bind_int64 (stmt, first, regions->id);
  sqlite3_bind_text (stmt, first + 1, dossier_region_kind_to_string (region->kind), -1,
                     SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, first + 2, region->start);
  sqlite3_bind_int64 (stmt, first + 3, region->end);
}

static gboolean
insert_regions (DossierStore    *self,
                gint64           id,
                GArray          *regions,
                GError         **error)
{
  static DossierRowsInsert insert = DOSSIER_ROWS_INSERT_INIT (
    "INSERT INTO region (document_id, kind, start_offset, end_offset) VALUES", "(?, ?, ?, ?)", 4);
  IdRegions data = { id, regions };
  sqlite3_stmt *stmt;

  stmt = dossier_store_statement (self, "DELETE FROM region WHERE document_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, sqlite3_errcode (self->db), "saving regions");
      return FALSE;
    }

  return regions == NULL ||
         dossier_store_insert_rows (self, &insert, regions->len, bind_region, &data, NULL,
                                    "saving regions", error);
}

static gboolean
find_by_sha256 (DossierStore  *self,
                const char    *sha256,
                gint64        *id,
                char         **title,
                GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self, "SELECT id, title FROM document WHERE sha256 = ?",
                                      error);
  int rc;

  *id = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      if (title)
        *title = dossier_store_column_strdup (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "checking for duplicates");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
add_document (DossierStore            *self,
              DossierArticle          *article,
              const DossierExtraction *extraction,
              GBytes                  *original,
              const char              *source_name,
              gint64                  *id,
              GError                 **error)
{
  g_autofree char *sha256 = NULL;
  g_autofree char *existing_title = NULL;
  g_autofree char *title = NULL;
  g_autofree char *imported_at = NULL;
  gint64 existing = 0, new_id;
  sqlite3_stmt *stmt;
  gconstpointer data;
  gsize len;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail (article != NULL && article->text != NULL, FALSE);
  g_return_val_if_fail (original != NULL, FALSE);

  if (id)
    *id = 0;
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, original);
  if (!find_by_sha256 (self, sha256, &existing, &existing_title, error))
    return FALSE;
  if (existing != 0)
    {
      if (id)
        *id = existing;
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_DUPLICATE,
                   "%s: already in the workspace as document %" G_GINT64_FORMAT " (“%s”)",
                   source_name ? source_name : "(input)", existing, existing_title);
      return FALSE;
    }

  title = title_for (article, source_name);
  imported_at = dossier_store_now ();
  data = g_bytes_get_data (original, &len);

  if (!dossier_store_begin_write (self, error))
    return FALSE;

  stmt = dossier_store_statement (self,
                        "INSERT INTO document (title, outlet, byline, url, published, precision,"
                        " language, format, source_name, sha256, truncated, imported_at, text,"
                        " original) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_STATIC);
  dossier_store_bind_text (stmt, 2, article->outlet);
  dossier_store_bind_text (stmt, 3, article->byline);
  dossier_store_bind_text (stmt, 4, article->url);
  dossier_store_bind_text (stmt, 5, article->published);
  sqlite3_bind_text (stmt, 6, dossier_precision_to_string (article->precision), -1,
                     SQLITE_STATIC);
  dossier_store_bind_text (stmt, 7, article->language);
  sqlite3_bind_text (stmt, 8, article->format ? article->format : "text", -1, SQLITE_STATIC);
  dossier_store_bind_text (stmt, 9, source_name);
  sqlite3_bind_text (stmt, 10, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 11, article->truncated ? 1 : 0);
  sqlite3_bind_text (stmt, 12, imported_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, article->text, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 14, len ? data : "", len, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "saving the document");
      goto fail;
    }
  new_id = sqlite3_last_insert_rowid (self->db);

  if (!insert_regions (self, new_id, extraction ? extraction->regions : article->regions,
                       error))
    goto fail;
  if (extraction != NULL &&
      !dossier_store_apply_extraction (self, new_id, article->text, extraction, TRUE, NULL,
                                       error))
    goto fail;
  if (!dossier_store_commit_write (self, error))
    goto fail;

  g_debug ("stored document %" G_GINT64_FORMAT " from %s", new_id, source_name);
  if (id)
    *id = new_id;
  return TRUE;

fail:
  dossier_store_rollback_write (self);
  return FALSE;
}

gboolean
dossier_store_add_document (DossierStore    *self,
                            DossierArticle  *article,
                            GBytes          *original,
                            const char      *source_name,
                            gint64          *id,
                            GError         **error)
{
  return add_document (self, article, NULL, original, source_name, id, error);
}

gboolean
dossier_store_add_extracted_document (DossierStore            *self,
                                      DossierArticle          *article,
                                      const DossierExtraction *extraction,
                                      GBytes                  *original,
                                      const char              *source_name,
                                      gint64                  *id,
                                      GError                 **error)
{
  g_return_val_if_fail (extraction != NULL, FALSE);

  return add_document (self, article, extraction, original, source_name, id, error);
}

static gboolean
document_exists (DossierStore  *self,
                 gint64         id,
                 GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self, "SELECT 1 FROM document WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                 "No document %" G_GINT64_FORMAT " in %s", id, store_name (self));
  else
    dossier_store_set_error (self, error, rc, "looking up the document");
  return FALSE;
}

gboolean
dossier_store_update_document (DossierStore           *self,
                               gint64                  id,
                               DossierArticle         *article,
                               GBytes                 *original,
                               DossierReanchorReport  *report,
                               GError                **error)
{
  g_autoptr(DossierExtraction) extraction = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *title = NULL;
  g_autofree char *modified_at = NULL;
  g_autofree char *day = NULL;
  gint64 existing = 0;
  sqlite3_stmt *stmt;
  gconstpointer data;
  gsize len;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail (article != NULL && article->text != NULL, FALSE);
  g_return_val_if_fail (original != NULL, FALSE);

  /* Outside the write, which other connections wait for. */
  day = dossier_article_dup_day (article);
  extraction = dossier_extract_all (article->text, article->regions, day);

  if (!dossier_store_begin_write (self, error))
    return FALSE;
  if (!document_exists (self, id, error))
    goto fail;

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, original);
  if (!find_by_sha256 (self, sha256, &existing, NULL, error))
    goto fail;
  if (existing != 0 && existing != id)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_DUPLICATE,
                   "This version is already in the workspace as document %" G_GINT64_FORMAT,
                   existing);
      goto fail;
    }

  title = title_for (article, NULL);
  modified_at = dossier_store_now ();
  data = g_bytes_get_data (original, &len);
  stmt = dossier_store_statement (self,
                        "UPDATE document SET title = ?, outlet = ?, byline = ?, url = ?,"
                        " published = ?, precision = ?, language = ?, format = ?, sha256 = ?,"
                        " truncated = ?, modified_at = ?, text = ?, original = ? WHERE id = ?",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_STATIC);
  dossier_store_bind_text (stmt, 2, article->outlet);
  dossier_store_bind_text (stmt, 3, article->byline);
  dossier_store_bind_text (stmt, 4, article->url);
  dossier_store_bind_text (stmt, 5, article->published);
  sqlite3_bind_text (stmt, 6, dossier_precision_to_string (article->precision), -1,
                     SQLITE_STATIC);
  dossier_store_bind_text (stmt, 7, article->language);
  sqlite3_bind_text (stmt, 8, article->format ? article->format : "text", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 10, article->truncated ? 1 : 0);
  sqlite3_bind_text (stmt, 11, modified_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, article->text, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 13, len ? data : "", len, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 14, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "saving the document");
      goto fail;
    }
  if (!insert_regions (self, id, extraction->regions, error) ||
      !dossier_store_clear_suggestions (self, id, error) ||
      !dossier_store_reanchor (self, id, article->text, report, error) ||
      !dossier_store_relocate_reviewed (self, id, article->text, error) ||
      !dossier_store_apply_extraction (self, id, article->text, extraction, FALSE, NULL,
                                       error) ||
      !dossier_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  dossier_store_rollback_write (self);
  return FALSE;
}

gboolean
dossier_store_reextract (DossierStore             *self,
                         gint64                    document_id,
                         DossierExtractionCounts  *counts,
                         GError                  **error)
{
  g_autoptr(DossierDocument) document = NULL;
  g_autoptr(DossierExtraction) extraction = NULL;
  g_autofree char *day = NULL;
  const char *text;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  document = dossier_store_get_document (self, document_id, error);
  if (document == NULL)
    return FALSE;
  text = dossier_document_get_text (document);
  day = dossier_published_day (dossier_document_get_published (document),
                               dossier_document_get_precision (document));
  extraction = dossier_extract_all (text, dossier_document_get_regions (document), day);

  if (!dossier_store_begin_write (self, error))
    return FALSE;
  if (!document_exists (self, document_id, error) ||
      !insert_regions (self, document_id, extraction->regions, error) ||
      !dossier_store_apply_extraction (self, document_id, text, extraction, FALSE, counts,
                                       error) ||
      !dossier_store_commit_write (self, error))
    {
      dossier_store_rollback_write (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
dossier_store_remove_document (DossierStore  *self,
                               gint64         id,
                               GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  if (!dossier_store_begin_write (self, error))
    return FALSE;
  if (!document_exists (self, id, error))
    goto fail;
  stmt = dossier_store_statement (self, "DELETE FROM document WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "removing the document");
      goto fail;
    }
  if (!dossier_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  dossier_store_rollback_write (self);
  return FALSE;
}

gint64
dossier_store_count_documents (DossierStore  *self,
                               GError       **error)
{
  int count = 0;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), -1);

  if (!query_int (self, "SELECT count(*) FROM document", &count, error))
    return -1;
  return count;
}

#define DOCUMENT_COLUMNS \
  "id, title, outlet, byline, url, published, precision, language, format, source_name," \
  " sha256, imported_at"

static DossierDocument *
document_from_row (sqlite3_stmt *stmt)
{
  DossierDocument *document = dossier_document_new (sqlite3_column_int64 (stmt, 0));
  DossierPrecision precision = DOSSIER_PRECISION_NONE;

  dossier_precision_from_string ((const char *) sqlite3_column_text (stmt, 6), &precision);
  dossier_document_set_metadata (document,
                                 (const char *) sqlite3_column_text (stmt, 1),
                                 (const char *) sqlite3_column_text (stmt, 2),
                                 (const char *) sqlite3_column_text (stmt, 3),
                                 (const char *) sqlite3_column_text (stmt, 4),
                                 (const char *) sqlite3_column_text (stmt, 5),
                                 precision,
                                 (const char *) sqlite3_column_text (stmt, 7),
                                 (const char *) sqlite3_column_text (stmt, 8),
                                 (const char *) sqlite3_column_text (stmt, 9),
                                 (const char *) sqlite3_column_text (stmt, 10),
                                 (const char *) sqlite3_column_text (stmt, 11));
  return document;
}

GPtrArray *
dossier_store_list_documents (DossierStore  *self,
                              GError       **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  stmt = dossier_store_statement (self,
                        "SELECT " DOCUMENT_COLUMNS " FROM document"
                        " ORDER BY published IS NULL, published DESC, imported_at DESC, id DESC",
                        error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (documents, document_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "listing documents");
      return NULL;
    }
  return g_steal_pointer (&documents);
}

DossierDocument *
dossier_store_get_document (DossierStore  *self,
                            gint64         id,
                            GError       **error)
{
  g_autoptr(DossierDocument) document = NULL;
  g_autoptr(GArray) regions = g_array_new (FALSE, FALSE, sizeof (DossierRegion));
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  stmt = dossier_store_statement (self, "SELECT " DOCUMENT_COLUMNS ", text FROM document WHERE id = ?",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      document = document_from_row (stmt);
      text = dossier_store_column_strdup (stmt, 12);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                   "No document %" G_GINT64_FORMAT " in %s", id, store_name (self));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      dossier_store_set_error (self, error, rc, "reading the document");
      return NULL;
    }

  stmt = dossier_store_statement (self,
                        "SELECT kind, start_offset, end_offset FROM region"
                        " WHERE document_id = ? ORDER BY start_offset", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DossierRegion region = { 0 };

      dossier_region_kind_from_string ((const char *) sqlite3_column_text (stmt, 0),
                                       &region.kind);
      region.start = (guint) sqlite3_column_int64 (stmt, 1);
      region.end = (guint) sqlite3_column_int64 (stmt, 2);
      g_array_append_val (regions, region);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "reading regions");
      return NULL;
    }
  dossier_document_set_text (document, text, regions);
  return g_steal_pointer (&document);
}

GBytes *
dossier_store_get_original (DossierStore  *self,
                            gint64         id,
                            GError       **error)
{
  sqlite3_stmt *stmt;
  GBytes *bytes = NULL;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  stmt = dossier_store_statement (self, "SELECT original FROM document WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  else if (rc == SQLITE_DONE)
    g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                 "No document %" G_GINT64_FORMAT " in %s", id, store_name (self));
  else
    dossier_store_set_error (self, error, rc, "reading the document");
  sqlite3_reset (stmt);
  return bytes;
}

/* Search */

void
dossier_search_hit_free (DossierSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->title);
  g_free (hit->snippet);
  g_clear_pointer (&hit->highlights, g_array_unref);
  g_free (hit);
}

gboolean
dossier_search_hit_locate (const DossierSearchHit *hit,
                           const char             *text,
                           guint                  *start,
                           guint                  *end)
{
  const char *snippet, *core_start, *core_end, *found;
  guint first, last, lead = 0;
  g_autofree char *core = NULL;

  g_return_val_if_fail (hit != NULL && text != NULL, FALSE);

  if (hit->highlights->len < 2)
    return FALSE;
  first = g_array_index (hit->highlights, guint, 0);
  last = g_array_index (hit->highlights, guint, 1);
  snippet = hit->snippet;

  /* The snippet without the ellipses that mark where it was cut. */
  core_start = snippet;
  if (g_str_has_prefix (core_start, "…"))
    {
      core_start += strlen ("…");
      lead = 1;
    }
  core_end = snippet + strlen (snippet);
  if (core_end - core_start >= (gssize) strlen ("…") && g_str_has_suffix (core_start, "…"))
    core_end -= strlen ("…");
  core = g_strndup (core_start, (gsize) (core_end - core_start));

  found = strstr (text, core);
  if (found == NULL || first < lead)
    {
      /* Fall back on the first place the matched word itself appears. */
      const char *a = g_utf8_offset_to_pointer (snippet, first);
      const char *b = g_utf8_offset_to_pointer (snippet, last);
      g_autofree char *word = g_strndup (a, (gsize) (b - a));

      found = strstr (text, word);
      if (found == NULL)
        return FALSE;
      *start = (guint) g_utf8_pointer_to_offset (text, found);
      *end = *start + (last - first);
      return TRUE;
    }
  *start = (guint) g_utf8_pointer_to_offset (text, found) + first - lead;
  *end = *start + (last - first);
  return TRUE;
}

static gboolean
has_word_char (const char *s,
               gsize       len)
{
  for (const char *p = s; p < s + len; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
append_phrase (GString    *fts,
               const char *s,
               gsize       len,
               gboolean    prefix)
{
  if (!has_word_char (s, len))
    return;
  if (fts->len)
    g_string_append_c (fts, ' ');
  g_string_append_c (fts, '"');
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '"')
        g_string_append_c (fts, '"');
      g_string_append_c (fts, s[i]);
    }
  g_string_append_c (fts, '"');
  if (prefix)
    g_string_append_c (fts, '*');
}

char *
dossier_search_query_to_fts (const char *query)
{
  GString *fts = g_string_new (NULL);
  const char *p = query;

  g_return_val_if_fail (query != NULL, NULL);

  while (*p)
    {
      while (*p && g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;
      if (*p == '"')
        {
          const char *start = ++p;
          const char *end = strchr (start, '"');

          if (end == NULL)
            end = start + strlen (start);
          append_phrase (fts, start, (gsize) (end - start), FALSE);
          p = *end ? end + 1 : end;
        }
      else
        {
          const char *start = p;
          gsize len;
          gboolean prefix = FALSE;

          while (*p && !g_ascii_isspace (*p) && *p != '"')
            p++;
          len = (gsize) (p - start);
          while (len > 0 && start[len - 1] == '*')
            {
              prefix = TRUE;
              len--;
            }
          append_phrase (fts, start, len, prefix);
        }
    }
  if (fts->len == 0)
    {
      g_string_free (fts, TRUE);
      return NULL;
    }
  return g_string_free (fts, FALSE);
}

/* Turns snippet() output with \x02…\x03 markers into plain text and code-point ranges. */
static void
split_snippet (const char  *marked,
               char       **snippet,
               GArray     **highlights)
{
  GString *out = g_string_new (NULL);
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_chars = 0;

  for (const char *p = marked; p && *p; p = g_utf8_next_char (p))
    {
      if (*p == '\x02' || *p == '\x03')
        {
          g_array_append_val (ranges, n_chars);
          continue;
        }
      g_string_append_unichar (out, g_utf8_get_char (p));
      n_chars++;
    }
  if (ranges->len % 2 == 1)
    g_array_append_val (ranges, n_chars);
  *snippet = g_string_free (out, FALSE);
  *highlights = ranges;
}

GPtrArray *
dossier_store_search (DossierStore  *self,
                      const char    *query,
                      guint          limit,
                      GError       **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_search_hit_free);
  g_autofree char *fts = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  fts = dossier_search_query_to_fts (query);
  if (fts == NULL)
    return g_steal_pointer (&hits);

  /* The snippet always comes from the text: the title is shown beside it anyway. */
  stmt = dossier_store_statement (self,
                        "SELECT d.id, d.title,"
                        " snippet(document_fts, 1, char(2), char(3), '…', 24), rank"
                        " FROM document_fts JOIN document d ON d.id = document_fts.rowid"
                        " WHERE document_fts MATCH ? ORDER BY rank LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? limit : G_MAXINT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DossierSearchHit *hit = g_new0 (DossierSearchHit, 1);

      hit->id = sqlite3_column_int64 (stmt, 0);
      hit->title = dossier_store_column_strdup (stmt, 1);
      split_snippet ((const char *) sqlite3_column_text (stmt, 2), &hit->snippet,
                     &hit->highlights);
      hit->rank = sqlite3_column_double (stmt, 3);
      g_ptr_array_add (hits, hit);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "searching");
      return NULL;
    }
  return g_steal_pointer (&hits);
}
