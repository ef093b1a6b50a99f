/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_ENTITY_SIDEBAR (dossier_entity_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (DossierEntitySidebar, dossier_entity_sidebar, DOSSIER, ENTITY_SIDEBAR,
                      GtkWidget)

/* The people, organisations, places and outlets of a workspace, grouped by kind, with their
 * mentions in the open document and in the workspace.  Read in a worker with a connection of
 * its own; edits (rename, kind, alias, split alias, reject, merge) go through the window's store.
 *
 * Signals: "entity-selected" (gint64 id, or 0 for none) when the chosen entity changes, and
 * "changed" after an edit of the entities. */
GtkWidget *dossier_entity_sidebar_new           (void);
void       dossier_entity_sidebar_set_store     (DossierEntitySidebar *self,
                                                 DossierStore         *store);
/* The document whose mentions the rows count ("3 here"); 0 for none.  Reads the list again. */
void       dossier_entity_sidebar_set_document  (DossierEntitySidebar *self,
                                                 gint64                document_id);
/* Reads the entities again in a worker. */
void       dossier_entity_sidebar_reload        (DossierEntitySidebar *self);
gint64     dossier_entity_sidebar_get_selected  (DossierEntitySidebar *self);
/* Whether "Only documents that mention it" is on. */
gboolean   dossier_entity_sidebar_get_only_mentioning (DossierEntitySidebar *self);

/* For tests. */
gboolean   dossier_entity_sidebar_is_loading    (DossierEntitySidebar *self);
GListModel *dossier_entity_sidebar_get_model    (DossierEntitySidebar *self);
/* Selects the row of entity @id; FALSE when the list has no such row. */
gboolean   dossier_entity_sidebar_select_entity (DossierEntitySidebar *self,
                                                 gint64                id);
void       dossier_entity_sidebar_set_only_mentioning (DossierEntitySidebar *self,
                                                       gboolean              only);
/* The row labels of entity @id as shown: name, aliases, counts; NULL when not listed. */
char      *dossier_entity_sidebar_describe      (DossierEntitySidebar *self,
                                                 gint64                id);
guint      dossier_entity_sidebar_get_n_proposals (DossierEntitySidebar *self);
GtkSearchEntry *dossier_entity_sidebar_get_filter_entry (DossierEntitySidebar *self);
/* For tests: the last "not an entity" toast while it shows, or NULL. */
AdwToast       *dossier_entity_sidebar_get_undo_toast (DossierEntitySidebar *self);

G_END_DECLS
