/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_TAGS_DIALOG (dossier_tags_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DossierTagsDialog, dossier_tags_dialog, DOSSIER, TAGS_DIALOG, AdwWindow)

/* The tags of the workspace behind @store with their annotation counts.  A tag is renamed
 * (renaming it onto another tag merges the two, after asking) or deleted (after saying how
 * many annotations lose it) through the actions "tags.rename" and "tags.delete", whose
 * parameter is the tag's name; F2 and Delete act on the selected row.  The "changed" signal
 * follows each successful write. */
GtkWidget     *dossier_tags_dialog_new         (GtkWindow         *parent,
                                                DossierStore      *store);
DossierStore  *dossier_tags_dialog_get_store   (DossierTagsDialog *self);
/* Reads the tags again (after annotations were edited elsewhere). */
void           dossier_tags_dialog_reload      (DossierTagsDialog *self);

/* For tests: the tags shown (DossierTag) and the page shown, "tags" or "empty". */
GListModel    *dossier_tags_dialog_get_tags    (DossierTagsDialog *self);
GtkColumnView *dossier_tags_dialog_get_column_view (DossierTagsDialog *self);
const char    *dossier_tags_dialog_get_page    (DossierTagsDialog *self);

G_END_DECLS
