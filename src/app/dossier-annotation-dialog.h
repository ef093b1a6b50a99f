/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_ANNOTATION_DIALOG (dossier_annotation_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DossierAnnotationDialog, dossier_annotation_dialog, DOSSIER,
                      ANNOTATION_DIALOG, AdwWindow)

/**
 * DossierAnnotationDialog:
 * The form an analyst fills in for a new highlight, quote, claim or note on a passage, or
 * to edit an existing annotation: kind, speaker, outlet, cue, credibility (claims), tags
 * and a note, with suggestions from the workspace.  It writes nothing: on Save (or
 * Ctrl+Return) it emits DossierAnnotationDialog::saved, and the owner writes the fields
 * to the store, then either destroys the dialog (gtk_window_destroy()) or shows the store's
 * error with dossier_annotation_dialog_show_error() and keeps it open.  Cancel and Escape
 * close it without a signal.
 */
GtkWidget         *dossier_annotation_dialog_new          (GtkWindow               *parent,
                                                           DossierStore            *store,
                                                           DossierAnnotationKind    kind,
                                                           const char              *passage,
                                                           DossierAnnotation       *existing);
/* What the form says, in the form of the store's input.  The strings (and the
 * NULL-terminated tags) point into the dialog: valid while it lives and until the next
 * call.  Fields the kind does not use are NULL (speaker, source, cue) or 0 (credibility);
 * tags are trimmed, empty ones dropped, duplicates (ignoring case) removed. */
void               dossier_annotation_dialog_get_fields   (DossierAnnotationDialog *self,
                                                           DossierAnnotationFields *fields);
/* The annotation being edited, or NULL for a new one. */
DossierAnnotation *dossier_annotation_dialog_get_existing (DossierAnnotationDialog *self);
/* Shows @message above the form (the store's error) until the next Save. */
void               dossier_annotation_dialog_show_error   (DossierAnnotationDialog *self,
                                                           const char              *message);
/* The message shown, or NULL when none is. */
const char        *dossier_annotation_dialog_get_error    (DossierAnnotationDialog *self);

/* For tests: the fields of the form. */
GtkEditable *dossier_annotation_dialog_get_speaker_entry         (DossierAnnotationDialog *self);
GtkEditable *dossier_annotation_dialog_get_source_entry          (DossierAnnotationDialog *self);
GtkEditable *dossier_annotation_dialog_get_cue_entry             (DossierAnnotationDialog *self);
GtkEditable *dossier_annotation_dialog_get_tags_entry            (DossierAnnotationDialog *self);
GtkDropDown *dossier_annotation_dialog_get_credibility_drop_down (DossierAnnotationDialog *self);
GtkDropDown *dossier_annotation_dialog_get_kind_drop_down        (DossierAnnotationDialog *self);
GtkTextView *dossier_annotation_dialog_get_note_view             (DossierAnnotationDialog *self);
GtkWidget   *dossier_annotation_dialog_get_save_button           (DossierAnnotationDialog *self);

G_END_DECLS
