/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dossier-annotation.h"
#include "dossier-document.h"
#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_DOCUMENT_VIEW (dossier_document_view_get_type ())

G_DECLARE_FINAL_TYPE (DossierDocumentView, dossier_document_view, DOSSIER, DOCUMENT_VIEW,
                      GtkWidget)

/* The reading pane: a metadata header and the document's text, read-only and selectable,
 * with headlines larger and captions and boilerplate dimmed. */
GtkWidget       *dossier_document_view_new          (void);
void             dossier_document_view_set_document (DossierDocumentView *self,
                                                     DossierDocument     *document);
DossierDocument *dossier_document_view_get_document (DossierDocumentView *self);
/* Selects [start, end) in code points and scrolls it into view. */
void             dossier_document_view_select_range (DossierDocumentView *self,
                                                     guint                start,
                                                     guint                end);
GtkTextView     *dossier_document_view_get_text_view (DossierDocumentView *self);
/* Marks the anchored annotations in the text, one tag per kind; orphans are not drawn. */
void             dossier_document_view_set_annotations (DossierDocumentView *self,
                                                         GPtrArray           *annotations);
/* The selected code points and, if @text is not NULL, their text. FALSE when none. */
gboolean         dossier_document_view_get_selection (DossierDocumentView  *self,
                                                      guint                *start,
                                                      guint                *end,
                                                      char                **text);
void             dossier_document_view_hide_popover  (DossierDocumentView *self);
/* Marks the mentions (DossierMention) of the entity chosen in the entity sidebar that are in
 * the shown document, with @kind's tag; replaces the marks there were. */
void             dossier_document_view_set_entity_marks   (DossierDocumentView *self,
                                                           DossierEntityKind    kind,
                                                           GPtrArray           *mentions);
void             dossier_document_view_clear_entity_marks (DossierDocumentView *self);
/* For tests: whether an entity mark covers @offset. */
gboolean         dossier_document_view_is_entity_marked   (DossierDocumentView *self,
                                                           guint                offset);
/* For tests: how many annotations are drawn, and whether @offset carries @kind's mark. */
guint            dossier_document_view_get_n_marked  (DossierDocumentView *self);
gboolean         dossier_document_view_is_marked     (DossierDocumentView   *self,
                                                      guint                  offset,
                                                      DossierAnnotationKind  kind);
/* Whether an unreviewed suggestion of extraction covers @offset. */
gboolean         dossier_document_view_is_suggested  (DossierDocumentView   *self,
                                                      guint                  offset);
/* The header labels, for tests. */
const char      *dossier_document_view_get_header_title (DossierDocumentView *self);
const char      *dossier_document_view_get_header_details (DossierDocumentView *self);

G_END_DECLS
