/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-annotation-panel.h"
#include "dossier-document-view.h"
#include "dossier-entity-sidebar.h"
#include "dossier-store.h"
#include "dossier-timeline-page.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_WINDOW (dossier_window_get_type ())

G_DECLARE_FINAL_TYPE (DossierWindow, dossier_window, DOSSIER, WINDOW, AdwApplicationWindow)

/* A window on one workspace.  @settings may be a memory-backed GSettings in tests. */
DossierWindow       *dossier_window_new            (GtkApplication *application,
                                                    DossierStore   *store,
                                                    GSettings      *settings);
DossierStore        *dossier_window_get_store      (DossierWindow  *self);
/* Imports in a worker thread with its own connection, with progress and cancellation.
 * With @show_first the first file's document is shown when the import ends. */
void                 dossier_window_import_files   (DossierWindow  *self,
                                                    GFile         **files,
                                                    guint           n_files,
                                                    gboolean        show_first);
gboolean             dossier_window_is_importing   (DossierWindow  *self);
/* Whether annotations are being imported (win.import-annotations) in a worker. */
gboolean             dossier_window_is_importing_annotations (DossierWindow *self);
/* The library is read in a worker once the window's first frame is drawn (and again after an
 * import); until the first read is shown it is blank. */
gboolean             dossier_window_is_reading_library (DossierWindow *self);
void                 dossier_window_show_document  (DossierWindow  *self,
                                                    gint64          id);
/* Reads the library again in a worker; the list is replaced in one go when it is read, and
 * the shown document stays selected. */
void                 dossier_window_reload         (DossierWindow  *self);
/* Prints the time from @started_at (g_get_monotonic_time()) to the first frame, and to the
 * frame that shows the library. */
void                 dossier_window_report_first_frame (DossierWindow *self,
                                                        gint64         started_at);

/* For tests: the views and models the window shows. */
DossierDocumentView *dossier_window_get_document_view (DossierWindow *self);
DossierAnnotationPanel *dossier_window_get_annotation_panel (DossierWindow *self);
DossierEntitySidebar *dossier_window_get_entity_sidebar (DossierWindow *self);
GListModel          *dossier_window_get_library       (DossierWindow *self);
GListModel          *dossier_window_get_results       (DossierWindow *self);
GtkSearchEntry      *dossier_window_get_search_entry  (DossierWindow *self);
GtkListView         *dossier_window_get_results_view  (DossierWindow *self);
GtkListView         *dossier_window_get_library_view  (DossierWindow *self);
DossierTimelinePage *dossier_window_get_timeline_page (DossierWindow *self);
GtkSearchEntry      *dossier_window_get_filter_entry  (DossierWindow *self);
const char          *dossier_window_get_sidebar_page  (DossierWindow *self);
/* The last toast of an export ("Exported 3 annotations to notes.md", with Open) or of an
 * annotation import, or NULL. */
AdwToast            *dossier_window_get_export_toast  (DossierWindow *self);
/* Failures of the last import, "name: reason" each, or NULL. */
GStrv                dossier_window_get_import_errors (DossierWindow *self);

G_END_DECLS
