/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "dossier-store.h"

G_BEGIN_DECLS

/* 'DOSS', written to the file header so other SQLite files are told apart. */
#define DOSSIER_APPLICATION_ID 0x444F5353

/* One schema step: the SQL that takes a workspace from version - 1 to version. */
typedef struct {
  int         version;
  const char *sql;
  /* Optional: fills the new tables, in the same transaction. */
  gboolean  (*populate) (DossierStore *self,
                         GError      **error);
} DossierMigration;

/* The migrations of this build, in order; exposed for tests. */
const DossierMigration *dossier_store_get_migrations (guint *n_migrations);

/* Opens @path and migrates it with @migrations instead of the built-in list, so tests can
 * exercise the migration mechanism with versions the product does not have yet. */
DossierStore *dossier_store_open_with_migrations (const char             *path,
                                                  const DossierMigration *migrations,
                                                  guint                   n_migrations,
                                                  GError                **error);

/* How long a write waits for another connection before DOSSIER_ERROR_LOCKED. */
void dossier_store_set_busy_timeout (DossierStore *self,
                                     int           milliseconds);

/* Shared by the store modules (dossier-store*.c), which alone see SQL. */
sqlite3      *dossier_store_get_db         (DossierStore  *self);
/* A cached prepared statement for @sql (a static string), reset and unbound. */
sqlite3_stmt *dossier_store_statement      (DossierStore  *self,
                                            const char    *sql,
                                            GError       **error);
void          dossier_store_set_error      (DossierStore  *self,
                                            GError       **error,
                                            int            rc,
                                            const char    *doing);
gboolean      dossier_store_exec           (DossierStore  *self,
                                            const char    *sql,
                                            const char    *doing,
                                            GError       **error);
void          dossier_store_bind_text      (sqlite3_stmt  *stmt,
                                            int            index,
                                            const char    *value);
char         *dossier_store_column_strdup  (sqlite3_stmt  *stmt,
                                            int            column);
/* Ids found or created by the current write transaction, by a key of the caller's making
 * (0: not known).  Forgotten when a transaction starts and on any rollback, so an id from it
 * is always one the workspace holds. */
gint64        dossier_store_cache_lookup   (DossierStore  *self,
                                            const char    *key);
void          dossier_store_cache_insert   (DossierStore  *self,
                                            const char    *key,
                                            gint64         id);
/* BEGIN IMMEDIATE, or a savepoint inside a batch. */
gboolean      dossier_store_begin_write    (DossierStore  *self,
                                            GError       **error);
gboolean      dossier_store_commit_write   (DossierStore  *self,
                                            GError       **error);
void          dossier_store_rollback_write (DossierStore  *self);
/* Writes the built-in source registry into a workspace (migration 2). */
gboolean      dossier_store_load_source_registry (DossierStore  *self,
                                                  GError       **error);
/* Places the annotations of @document_id in its new @text, inside the caller's write. */
gboolean      dossier_store_reanchor       (DossierStore           *self,
                                            gint64                  document_id,
                                            const char             *text,
                                            DossierReanchorReport  *report,
                                            GError                **error);
/* Steps a statement that returns no row, and resets it. */
gboolean      dossier_store_step_done      (DossierStore  *self,
                                            sqlite3_stmt  *stmt,
                                            const char    *doing,
                                            GError       **error);
/* Runs a query that yields at most one integer; *value is 0 when it yields no row. */
gboolean      dossier_store_lookup_id      (DossierStore  *self,
                                            sqlite3_stmt  *stmt,
                                            gint64        *value,
                                            GError       **error);
/* A name as stored: trimmed, inner runs of white space made one space; NULL when empty. */
char         *dossier_store_clean_name     (const char    *name);
/* The source called @name (or with that alias), created (kind "other") when the workspace
 * has none; *id is 0 when @name is empty.  Inside the caller's write. */
gboolean      dossier_store_ensure_source  (DossierStore  *self,
                                            const char    *name,
                                            gint64        *id,
                                            GError       **error);
/* The name and kind of entity @id (either may be NULL), or DOSSIER_ERROR_NOT_FOUND. */
gboolean      dossier_store_read_entity    (DossierStore       *self,
                                            gint64              id,
                                            char              **name,
                                            DossierEntityKind  *kind,
                                            GError            **error);
/* Adds @alias to entity @id unless it has it already; inside the caller's write. */
gboolean      dossier_store_add_alias_row  (DossierStore  *self,
                                            gint64         id,
                                            const char    *alias,
                                            GError       **error);
/* Fills entity.variant_key where it is missing (migration 3). */
gboolean      dossier_store_fill_variant_keys (DossierStore  *self,
                                               GError       **error);
/* Replaces the automatic suggestions of @document_id (whose text is @text) with those of
 * @extraction, keeping what the analyst reviewed; inside the caller's write.  @fresh: the
 * document was just added and has none yet. */
gboolean      dossier_store_apply_extraction (DossierStore             *self,
                                              gint64                    document_id,
                                              const char               *text,
                                              const DossierExtraction  *extraction,
                                              gboolean                  fresh,
                                              DossierExtractionCounts  *counts,
                                              GError                  **error);
/* Deletes the pending suggestions of @document_id; inside the caller's write. */
gboolean      dossier_store_clear_suggestions (DossierStore  *self,
                                               gint64         document_id,
                                               GError       **error);
/* Moves the reviewed mentions and events of @document_id into its new @text (by their
 * words), dropping those no longer in it; inside the caller's write. */
gboolean      dossier_store_relocate_reviewed (DossierStore  *self,
                                               gint64         document_id,
                                               const char    *text,
                                               GError       **error);
/* Sets *@id to 0 when the analyst rejected that entity outright (dossier_store_reject_entity()),
 * so that extraction leaves it out; inside the caller's write. */
gboolean      dossier_store_forget_rejected_entity (DossierStore  *self,
                                                    gint64        *id,
                                                    GError       **error);
/* The current time as stored: ISO 8601 in UTC. */
char         *dossier_store_now            (void);

/* Binds row @row of a multi-row insert to @stmt's parameters from @first on. */
typedef void (*DossierRowBinder) (sqlite3_stmt *stmt,
                                  int           first,
                                  guint         row,
                                  gpointer      data);

/* Rows a multi-row INSERT writes per statement at most. */
#define DOSSIER_ROWS_PER_INSERT 16

/* The cached SQL texts of one multi-row INSERT, by number of rows. */
typedef struct {
  const char *head;      /* "INSERT INTO t (a, b) VALUES" */
  const char *tuple;     /* "(?, ?)" */
  int         n_columns;
  gsize       sql[DOSSIER_ROWS_PER_INSERT + 1];  /* built once each, kept for the process */
} DossierRowsInsert;

#define DOSSIER_ROWS_INSERT_INIT(head, tuple, n_columns) { head, tuple, n_columns, { 0, } }

/* Inserts @n_rows rows, several per statement (one statement opens the table's and its
 * indexes' cursors once for many rows, which halves what a row costs); adds to *@changed the
 * rows that were written (INSERT OR IGNORE leaves some out) if @changed is not NULL. */
gboolean dossier_store_insert_rows (DossierStore       *self,
                                    DossierRowsInsert  *insert,
                                    guint               n_rows,
                                    DossierRowBinder    bind,
                                    gpointer            data,
                                    guint              *changed,
                                    const char         *doing,
                                    GError            **error);

G_END_DECLS
