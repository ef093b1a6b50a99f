/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dossier-completion-item.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_COMPLETION_ENTRY (dossier_completion_entry_get_type ())

G_DECLARE_FINAL_TYPE (DossierCompletionEntry, dossier_completion_entry, DOSSIER,
                      COMPLETION_ENTRY, GtkEntry)

/**
 * DossierCompletionEntry:
 * A GtkEntry that suggests what to type from a list of DossierCompletionItem: as the text
 * changes, a popover under the entry lists the items that match it (names and aliases,
 * case and accents ignored, best first).  Down opens the list (all items when the entry is
 * empty) and moves through it, Up moves back, Enter puts the chosen item's text in the
 * entry (with nothing chosen it only closes the list), Escape closes the list; a click on
 * an item chooses it, a click elsewhere closes the list.  Free text is always allowed: the
 * suggestions never replace what was typed unless one is chosen.
 *
 * With #DossierCompletionEntry:multiple the entry holds a comma-separated list and the
 * suggestions complete its last element, leaving out the ones already in the list.
 *
 * Actions: completion.next, completion.previous, completion.accept, completion.dismiss.
 */
GtkWidget  *dossier_completion_entry_new          (void);
/* @model: of DossierCompletionItem, or NULL. */
void        dossier_completion_entry_set_model    (DossierCompletionEntry *self,
                                                   GListModel             *model);
GListModel *dossier_completion_entry_get_model    (DossierCompletionEntry *self);
void        dossier_completion_entry_set_multiple (DossierCompletionEntry *self,
                                                   gboolean                multiple);
gboolean    dossier_completion_entry_get_multiple (DossierCompletionEntry *self);

/* For tests: the items the list shows for the current text, in order, and the list. */
GListModel *dossier_completion_entry_get_matches  (DossierCompletionEntry *self);
GtkPopover *dossier_completion_entry_get_popover  (DossierCompletionEntry *self);
GtkListView *dossier_completion_entry_get_list_view (DossierCompletionEntry *self);

G_END_DECLS
