/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-store.h"
#include "dossier-timeline-view.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_TIMELINE_PAGE (dossier_timeline_page_get_type ())

G_DECLARE_FINAL_TYPE (DossierTimelinePage, dossier_timeline_page, DOSSIER, TIMELINE_PAGE, AdwBin)

/* The timeline page: the DossierTimelineView, the events of its visible range in a list,
 * and filters by entity and outlet.  Activating an event emits "event-activated" with its
 * document and the code points of its sentence.  Each row edits its event's date and note
 * (timeline.edit-event) or removes it (timeline.remove-event), with Undo in a toast of the
 * window. */
void                 dossier_timeline_page_set_store   (DossierTimelinePage *self,
                                                        DossierStore        *store);
/* Reads the events again in a worker, with the filters. */
void                 dossier_timeline_page_reload      (DossierTimelinePage *self);
gboolean             dossier_timeline_page_is_loading  (DossierTimelinePage *self);

/* For tests. */
DossierTimelineView *dossier_timeline_page_get_view    (DossierTimelinePage *self);
/* The events listed: those of the visible range. */
GListModel          *dossier_timeline_page_get_listed  (DossierTimelinePage *self);
GtkListView         *dossier_timeline_page_get_list_view (DossierTimelinePage *self);
/* The DossierEvent listed at @position, or NULL. */
const DossierEvent  *dossier_timeline_page_get_event   (DossierTimelinePage *self,
                                                        guint                position);
GtkEditable         *dossier_timeline_page_get_entity_entry (DossierTimelinePage *self);
GtkDropDown         *dossier_timeline_page_get_tag_dropdown (DossierTimelinePage *self);
/* The last "Event removed" toast, whose Undo button brings the event back; NULL once gone. */
AdwToast            *dossier_timeline_page_get_undo_toast (DossierTimelinePage *self);

G_END_DECLS
