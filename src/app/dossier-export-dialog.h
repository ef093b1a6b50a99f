/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-export.h"
#include "dossier-store.h"

G_BEGIN_DECLS

typedef enum {
  DOSSIER_EXPORT_SCOPE_OPEN_DOCUMENT,
  DOSSIER_EXPORT_SCOPE_CHOSEN_DOCUMENTS,
  DOSSIER_EXPORT_SCOPE_WORKSPACE,
} DossierExportScope;

#define DOSSIER_TYPE_EXPORT_DIALOG (dossier_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DossierExportDialog, dossier_export_dialog, DOSSIER, EXPORT_DIALOG,
                      AdwWindow)

/* Exports the annotations of the workspace behind @store: a format, a scope (the document
 * @open_document_id, 0 if none is open; documents chosen from @documents, a list of
 * DossierDocument; or the whole workspace), filters and a destination file.  The export runs
 * in a worker thread with a connection of its own; "exported" (GFile *file, guint
 * n_annotations) is emitted when the file is written, and the dialog then closes.  Errors are
 * shown in the dialog. */
GtkWidget   *dossier_export_dialog_new             (GtkWindow           *parent,
                                                    DossierStore        *store,
                                                    GListModel          *documents,
                                                    gint64               open_document_id);
/* The file to write; NULL asks for one (GtkFileChooserNative) when the export starts. */
void         dossier_export_dialog_set_destination (DossierExportDialog *self,
                                                    GFile               *file);
GFile       *dossier_export_dialog_get_destination (DossierExportDialog *self);
/* "<workspace or document title>.<extension>", offered in the file chooser. */
char        *dossier_export_dialog_dup_suggested_name (DossierExportDialog *self);
gboolean     dossier_export_dialog_is_exporting    (DossierExportDialog *self);
/* The error shown in the dialog, or NULL. */
const char  *dossier_export_dialog_get_error       (DossierExportDialog *self);

/* For tests: the widgets the analyst sets. @name is "tag", "source", "speaker", "from" or
 * "to"; @id a document of the list shown for DOSSIER_EXPORT_SCOPE_CHOSEN_DOCUMENTS. */
AdwComboRow    *dossier_export_dialog_get_format_row      (DossierExportDialog *self);
AdwComboRow    *dossier_export_dialog_get_kind_row        (DossierExportDialog *self);
AdwEntryRow    *dossier_export_dialog_get_filter_row      (DossierExportDialog *self,
                                                           const char          *name);
GtkCheckButton *dossier_export_dialog_get_scope_button    (DossierExportDialog *self,
                                                           DossierExportScope   scope);
GtkCheckButton *dossier_export_dialog_get_document_button (DossierExportDialog *self,
                                                           gint64               id);

/* Importing annotations back (our JSON export, Hypothesis JSON) in a worker thread with a
 * connection of its own to @store's file.  The result is the array of
 * dossier_store_import_annotations(), of DossierAnnotationImport. */
void       dossier_import_annotations_async  (DossierStore         *store,
                                              GFile                *file,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray *dossier_import_annotations_finish (GAsyncResult         *result,
                                              GError              **error);
/* "3 annotations imported, 1 already there, 2 not matched" for a toast; @details (if not
 * NULL) is set to the annotations that were not stored and why, one a line, or NULL. */
char      *dossier_describe_annotation_import (GPtrArray           *results,
                                               char               **details);

G_END_DECLS
