/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_ANNOTATION_PANEL (dossier_annotation_panel_get_type ())

G_DECLARE_FINAL_TYPE (DossierAnnotationPanel, dossier_annotation_panel, DOSSIER,
                      ANNOTATION_PANEL, GtkWidget)

/**
 * DossierAnnotationPanel:
 * Beside the text: the open document's annotations in text order (orphans last), filtered by
 * kind, tag and source, and the analyst's notes on the document, saved as they are typed.
 * Activating a row emits ::annotation-activated so the window can select its passage.
 */
GtkWidget  *dossier_annotation_panel_new             (void);
void        dossier_annotation_panel_set_store       (DossierAnnotationPanel *self,
                                                      DossierStore           *store);
/* Shows the document's annotations and notes; saves the notes of the previous document. */
void        dossier_annotation_panel_set_document    (DossierAnnotationPanel *self,
                                                      gint64                  document_id,
                                                      GPtrArray              *annotations);
/* After a change: the same document, new annotations; filters and selection are kept. */
void        dossier_annotation_panel_set_annotations (DossierAnnotationPanel *self,
                                                      GPtrArray              *annotations);
/* Selects and scrolls to the row of annotation @id (clearing filters that hide it). */
void        dossier_annotation_panel_select          (DossierAnnotationPanel *self,
                                                      gint64                  id);
gint64      dossier_annotation_panel_get_selected    (DossierAnnotationPanel *self);
/* Writes pending notes now (before quitting or switching workspaces). */
gboolean    dossier_annotation_panel_flush_notes     (DossierAnnotationPanel *self,
                                                      GError                **error);
/* Filters; @kind -1, @tag NULL and @source NULL show everything. */
void        dossier_annotation_panel_set_filter      (DossierAnnotationPanel *self,
                                                      int                     kind,
                                                      const char             *tag,
                                                      const char             *source);

/* For tests: the rows shown (DossierAnnotation), and the notes view. */
GListModel  *dossier_annotation_panel_get_model      (DossierAnnotationPanel *self);
GtkTextView *dossier_annotation_panel_get_notes_view (DossierAnnotationPanel *self);

G_END_DECLS
