/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dossier-import.h"
#include "dossier-store.h"

G_BEGIN_DECLS

typedef enum {
  DOSSIER_IMPORT_IMPORTED,
  DOSSIER_IMPORT_DUPLICATE,
  DOSSIER_IMPORT_FAILED,
} DossierImportStatus;

/* What became of one file of a batch. */
typedef struct {
  GFile              *file;
  char               *name;       /* the file's base name */
  DossierImportStatus status;
  gint64              id;         /* the new document, or the one that already has the bytes */
  char               *title;
  char               *message;    /* why it failed or was skipped; names the file */
  gboolean            truncated;  /* imported, but part of the input had to be dropped */
} DossierImportResult;

void dossier_import_result_free (DossierImportResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierImportResult, dossier_import_result_free)

/* Called for each file in file order, in the importing thread, once the commit that holds
 * it is done (no transaction is open then: a slow callback blocks no other writer).  An
 * "imported" result reported here is in the workspace. */
typedef void (*DossierImportProgress) (guint                      done,
                                       guint                      total,
                                       const DossierImportResult *result,
                                       gpointer                   user_data);

/* Imports @files into @store, committing in batches; each document is atomic on its own, a
 * failing file (a full disk included) is reported in its result and the others still
 * import.  Stops between files when @cancellable is cancelled: what was written is committed
 * and reported, and the results stop there.  Returns the results in file order
 * (DossierImportResult), or NULL with @error when the workspace itself failed (those
 * reported until then are stored). */
GPtrArray *dossier_import_files (DossierStore          *store,
                                 GFile                **files,
                                 guint                  n_files,
                                 DossierFormat          format,
                                 DossierImportProgress  progress,
                                 gpointer               user_data,
                                 GCancellable          *cancellable,
                                 GError               **error);

G_END_DECLS
