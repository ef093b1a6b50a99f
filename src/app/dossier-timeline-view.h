/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DOSSIER_TYPE_TIMELINE_VIEW (dossier_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (DossierTimelineView, dossier_timeline_view, DOSSIER, TIMELINE_VIEW,
                      GtkWidget)

/* The zoom levels, from the widest to the narrowest: the unit events are grouped by. */
typedef enum {
  DOSSIER_TIMELINE_YEARS,
  DOSSIER_TIMELINE_MONTHS,
  DOSSIER_TIMELINE_WEEKS,
  DOSSIER_TIMELINE_DAYS,
} DossierTimelineUnit;

/* Events on a horizontal time axis, drawn in one snapshot: one marker (a circle with a
 * count) per date bucket at the current zoom, and below them a lane of the documents' own
 * dates ("reported on").  Ctrl+scroll, pinch, +/- zoom; scroll, drag and arrows pan. */
GtkWidget           *dossier_timeline_view_new        (void);
/* @events: DossierEvent, in any order; the view keeps a reference.  The view shows all of
 * them (zoomed to fit) when it has never been zoomed or panned. */
void                 dossier_timeline_view_set_events (DossierTimelineView *self,
                                                       GPtrArray           *events);
/* The days shown, by their Julian day numbers (g_date_get_julian()). */
void                 dossier_timeline_view_get_visible_range (DossierTimelineView *self,
                                                              guint32             *first,
                                                              guint32             *last);
/* Shows [@first, @last] (Julian days) across the width. */
void                 dossier_timeline_view_set_visible_range (DossierTimelineView *self,
                                                              guint32              first,
                                                              guint32              last);
/* Zooms by @factor (> 1: in) around the middle of the view. */
void                 dossier_timeline_view_zoom       (DossierTimelineView *self,
                                                       double               factor);
/* Shows every event and document date. */
void                 dossier_timeline_view_fit        (DossierTimelineView *self);
void                 dossier_timeline_view_pan        (DossierTimelineView *self,
                                                       double               pixels);
DossierTimelineUnit  dossier_timeline_view_get_unit   (DossierTimelineView *self);
/* The number of markers in the visible range (for tests and the benchmark). */
guint                dossier_timeline_view_get_n_visible_markers (DossierTimelineView *self);

G_END_DECLS
