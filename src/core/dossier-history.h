/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_HISTORY (dossier_history_get_type ())

G_DECLARE_FINAL_TYPE (DossierHistory, dossier_history, DOSSIER, HISTORY, GObject)

/**
 * DossierHistory:
 * Undo and redo of annotation changes.  Each step keeps a snapshot of the annotation before
 * and after the change (NULL before: it was created; NULL after: it was deleted); undoing
 * writes the "before" state back through the store, redoing the "after" state.  Every undo
 * and redo is itself committed at once.  The properties "can-undo" and "can-redo" notify.
 */
DossierHistory *dossier_history_new       (void);

/* Takes copies of @before and @after; a new step drops everything that could be redone. */
void            dossier_history_record    (DossierHistory     *self,
                                           DossierAnnotation  *before,
                                           DossierAnnotation  *after);
gboolean        dossier_history_can_undo  (DossierHistory     *self);
gboolean        dossier_history_can_redo  (DossierHistory     *self);
/* "Delete Quote", "Edit Claim", "Add Highlight": what the next undo (redo) would revert. */
char           *dossier_history_describe_undo (DossierHistory *self);
char           *dossier_history_describe_redo (DossierHistory *self);

/* On success *document_id and *annotation_id say what changed, so a view can show it.  On
 * failure the step stays where it was. */
gboolean        dossier_history_undo      (DossierHistory     *self,
                                           DossierStore       *store,
                                           gint64             *document_id,
                                           gint64             *annotation_id,
                                           GError            **error);
gboolean        dossier_history_redo      (DossierHistory     *self,
                                           DossierStore       *store,
                                           gint64             *document_id,
                                           gint64             *annotation_id,
                                           GError            **error);
void            dossier_history_clear     (DossierHistory     *self);

G_END_DECLS
