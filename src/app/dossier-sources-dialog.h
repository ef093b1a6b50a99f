/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_SOURCES_DIALOG (dossier_sources_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DossierSourcesDialog, dossier_sources_dialog, DOSSIER, SOURCES_DIALOG,
                      AdwWindow)

/* The source registry of the workspace behind @store: a filterable table of outlets and an
 * editor for the selected one.  Every change is written to @store as it happens (drop-downs
 * at once, entries when activated or left, notes after a pause and on close); the
 * "changed" signal follows each successful write. */
GtkWidget     *dossier_sources_dialog_new              (GtkWindow            *parent,
                                                        DossierStore         *store);
DossierStore  *dossier_sources_dialog_get_store        (DossierSourcesDialog *self);
/* Shows the source called @name (or with that alias) in the editor; FALSE when there is
 * none.  Clears the filter if it hides the source. */
gboolean       dossier_sources_dialog_select_source    (DossierSourcesDialog *self,
                                                        const char           *name);
/* The source in the editor, as last saved, or NULL. */
DossierSource *dossier_sources_dialog_get_source       (DossierSourcesDialog *self);

/* For tests: the widgets a person works with. */
GtkSearchEntry *dossier_sources_dialog_get_filter_entry     (DossierSourcesDialog *self);
GtkColumnView  *dossier_sources_dialog_get_column_view      (DossierSourcesDialog *self);
AdwComboRow    *dossier_sources_dialog_get_kind_row         (DossierSourcesDialog *self);
AdwEntryRow    *dossier_sources_dialog_get_country_row      (DossierSourcesDialog *self);
AdwComboRow    *dossier_sources_dialog_get_reliability_row  (DossierSourcesDialog *self);
AdwEntryRow    *dossier_sources_dialog_get_aliases_row      (DossierSourcesDialog *self);
GtkLabel       *dossier_sources_dialog_get_aliases_error    (DossierSourcesDialog *self);
GtkTextView    *dossier_sources_dialog_get_notes_view       (DossierSourcesDialog *self);
GtkEditable    *dossier_sources_dialog_get_new_name_entry   (DossierSourcesDialog *self);
GtkDropDown    *dossier_sources_dialog_get_new_kind_dropdown (DossierSourcesDialog *self);

G_END_DECLS
