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
/* The current time as stored: ISO 8601 in UTC. */
char         *dossier_store_now            (void);

G_END_DECLS
