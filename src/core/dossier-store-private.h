/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-store.h"

G_BEGIN_DECLS

/* 'DOSS', written to the file header so other SQLite files are told apart. */
#define DOSSIER_APPLICATION_ID 0x444F5353

/* One schema step: the SQL that takes a workspace from version - 1 to version. */
typedef struct {
  int         version;
  const char *sql;
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

G_END_DECLS
