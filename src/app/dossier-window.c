/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-window"

#include <stdio.h>

#include "dossier-annotation-dialog.h"
#include "dossier-annotation-panel.h"
#include "dossier-core.h"
#include "dossier-entity-sidebar.h"
#include "dossier-export-dialog.h"
#include "dossier-event-dialog.h"
#include "dossier-search-item.h"
#include "dossier-sources-dialog.h"
#include "dossier-tags-dialog.h"
#include "dossier-timeline-page.h"
#include "dossier-window.h"

#define SEARCH_LIMIT 200

struct _DossierWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkSearchEntry      *search_entry;
  GtkSearchEntry      *filter_entry;
  GtkRevealer         *import_revealer;
  GtkLabel            *import_label;
  GtkProgressBar      *import_progress;
  GtkPaned            *paned;
  GtkStack            *sidebar_stack;
  GtkListView         *library_view;
  GtkListView         *results_view;
  GtkStack            *content_stack;
  GtkPaned            *reading_paned;
  DossierDocumentView *document_view;
  DossierAnnotationPanel *annotation_panel;
  GtkToggleButton     *documents_button;
  GtkToggleButton     *entities_button;
  DossierEntitySidebar *entity_sidebar;
  GtkStack            *view_stack;
  DossierTimelinePage *timeline_page;

  /* owned */
  DossierStore        *store;
  GSettings           *settings;
  GListStore          *documents;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  GtkSingleSelection  *selection;
  GListStore          *results;
  GCancellable        *import_cancellable;
  GStrv                import_errors;
  GCancellable        *annotations_cancellable;  /* importing annotations in a worker */
  AdwToast            *export_toast;   /* the last toast of an export or annotation import */
  DossierHistory      *history;
  GArray              *entity_documents;     /* ids the library is limited to, or NULL */
  GCancellable        *library_cancellable;  /* reading the library in a worker */
  GPtrArray           *read_documents;       /* read before the first frame, shown after it */
  gboolean             painted;              /* the first frame has been drawn */
  gint64               started_at;     /* with --timings: when main() began */
  gulong               after_paint_id;
  gboolean             library_timed;
  gulong               library_paint_id;
  gint64               document_shown_at;
  gulong               document_paint_id;
};

G_DEFINE_FINAL_TYPE (DossierWindow, dossier_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

enum {
  IMPORT_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_actions (DossierWindow *self);
static void load_document  (DossierWindow *self,
                            gint64         id);

/* Library */

char *document_subtitle (GtkListItem *item,
                         const char  *outlet,
                         const char  *published);

/* Used by the list item template: "Outlet · 20 Jun 2024". Exported for GtkBuilder. */
char *
document_subtitle (GtkListItem *item,
                   const char  *outlet,
                   const char  *published)
{
  int year = 0, month = 0, day = 0;
  g_autofree char *date = NULL;
  int n = published ? sscanf (published, "%d-%d-%d", &year, &month, &day) : 0;

  if (n == 3)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, 0, 0, 0);
      date = dt ? g_date_time_format (dt, "%-d %b %Y") : g_strdup (published);
    }
  else if (published != NULL)
    date = g_strdup (published);

  if (outlet && date)
    return g_strdup_printf ("%s · %s", outlet, date);
  if (outlet)
    return g_strdup (outlet);
  if (date)
    return g_steal_pointer (&date);
  return g_strdup ("Undated");
}

static int
compare_ids (const void *a,
             const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
filter_document (gpointer item,
                 gpointer user_data)
{
  DossierWindow *self = user_data;
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));
  g_autofree char *folded_needle = NULL;
  g_autofree char *title = NULL;
  g_autofree char *outlet = NULL;
  gint64 id = dossier_document_get_id (item);

  /* "Only documents that mention it" in the entity sidebar: ids are ascending. */
  if (self->entity_documents != NULL &&
      bsearch (&id, self->entity_documents->data, self->entity_documents->len,
               sizeof (gint64), compare_ids) == NULL)
    return FALSE;
  if (needle == NULL || needle[0] == '\0')
    return TRUE;
  folded_needle = g_utf8_casefold (needle, -1);
  title = g_utf8_casefold (dossier_document_get_title (item), -1);
  if (strstr (title, folded_needle))
    return TRUE;
  if (dossier_document_get_outlet (item) == NULL)
    return FALSE;
  outlet = g_utf8_casefold (dossier_document_get_outlet (item), -1);
  return strstr (outlet, folded_needle) != NULL;
}

static void
update_sidebar_page (DossierWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  /* While the library is being read it stays blank: it is not known to be empty yet. */
  gboolean reading = dossier_window_is_reading_library (self);

  if (query != NULL && query[0] != '\0')
    gtk_stack_set_visible_child_name (self->sidebar_stack,
                                      g_list_model_get_n_items (G_LIST_MODEL (self->results))
                                        ? "results" : "no-results");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->documents)) == 0 && !reading)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->sidebar_stack, "library");
}

static void
show_error (DossierWindow *self,
            const char    *heading,
            const char    *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", "_Close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Replaces the documents of the library in one splice. */
static void
fill_library (DossierWindow *self,
              GPtrArray     *documents)
{
  gint64 shown = 0;

  if (dossier_document_view_get_document (self->document_view))
    shown = dossier_document_get_id (dossier_document_view_get_document (self->document_view));

  g_list_store_splice (self->documents, 0, g_list_model_get_n_items (G_LIST_MODEL (self->documents)),
                       documents->pdata, documents->len);

  /* keep the shown document selected */
  if (shown != 0)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DossierDocument) doc = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);
          if (dossier_document_get_id (doc) == shown)
            {
              gtk_single_selection_set_selected (self->selection, i);
              break;
            }
        }
    }
  update_sidebar_page (self);
}

/* Forgets a read of the library still on its way, and a list read but not shown yet. */
static void
drop_library_read (DossierWindow *self)
{
  if (self->library_cancellable != NULL)
    g_cancellable_cancel (self->library_cancellable);
  g_clear_object (&self->library_cancellable);
  g_clear_pointer (&self->read_documents, g_ptr_array_unref);
}

static void
read_library_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *documents = NULL;

  /* The worker has a connection of its own; the window's stays on the main thread. */
  store = dossier_store_open (path, &error);
  if (store != NULL)
    documents = dossier_store_list_documents (store, &error);
  if (documents == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, documents, (GDestroyNotify) g_ptr_array_unref);
}

static void
library_painted_cb (GdkFrameClock *clock,
                    DossierWindow *self)
{
  g_clear_signal_handler (&self->library_paint_id, clock);
  g_print ("dossier: library of %u documents shown after %.1f ms\n",
           g_list_model_get_n_items (G_LIST_MODEL (self->documents)),
           (g_get_monotonic_time () - self->started_at) / 1000.0);
}

/* The library read in the worker, once the first frame is drawn. */
static void
show_read_library (DossierWindow *self)
{
  g_autoptr(GPtrArray) documents = g_steal_pointer (&self->read_documents);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  fill_library (self, documents);
  /* With --timings, the frame that shows the library opened with the window. */
  if (self->started_at != 0 && !self->library_timed && clock != NULL)
    {
      self->library_timed = TRUE;
      self->library_paint_id = g_signal_connect_object (clock, "after-paint",
                                                        G_CALLBACK (library_painted_cb), self, 0);
    }
}

static void
library_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DossierWindow *self = DOSSIER_WINDOW (source);
  g_autoptr(GError) error = NULL;
  GPtrArray *documents;

  documents = g_task_propagate_pointer (G_TASK (result), &error);
  /* The window has closed, or a newer read has taken this one's place. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->library_cancellable);
  if (documents == NULL)
    {
      update_sidebar_page (self);
      show_error (self, "Could Not Read the Workspace", error->message);
      return;
    }
  self->read_documents = documents;
  /* The first frame is the window without its library: filling the list (and building its
   * rows) would delay it. */
  if (self->painted)
    show_read_library (self);
}

/* Reads the library in a worker; it is shown after the first frame. */
static void
read_library (DossierWindow *self)
{
  g_autoptr(GTask) task = NULL;

  /* A read still on its way is older than this one. */
  drop_library_read (self);
  self->library_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->library_cancellable, library_read_cb, NULL);
  g_task_set_source_tag (task, read_library);
  g_task_set_task_data (task, g_strdup (dossier_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, read_library_thread);
}

void
dossier_window_reload (DossierWindow *self)
{
  g_return_if_fail (DOSSIER_IS_WINDOW (self));

  read_library (self);
  /* After an import: new entities and counts. */
  dossier_entity_sidebar_reload (self->entity_sidebar);
  /* The timeline is read when it is shown, and again after each import while it is. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "timeline") == 0)
    dossier_timeline_page_reload (self->timeline_page);
}

/* Timeline */

static void
view_changed_cb (DossierWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "timeline") == 0)
    dossier_timeline_page_reload (self->timeline_page);
}

static void
show_timeline_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->view_stack, "timeline");
}

/* Opens the event's document in the Documents view with its sentence selected. */
static void
timeline_event_activated_cb (DossierWindow *self,
                             gint64         document_id,
                             guint          sentence_start,
                             guint          sentence_end)
{
  DossierDocument *document;

  gtk_stack_set_visible_child_name (self->view_stack, "documents");
  dossier_window_show_document (self, document_id);
  document = dossier_document_view_get_document (self->document_view);
  if (document == NULL || dossier_document_get_id (document) != document_id)
    return;
  dossier_document_view_select_range (self->document_view, sentence_start, sentence_end);
  gtk_widget_grab_focus (GTK_WIDGET (dossier_document_view_get_text_view (self->document_view)));
}

static void
document_painted_cb (GdkFrameClock *clock,
                     DossierWindow *self)
{
  DossierDocument *document = dossier_document_view_get_document (self->document_view);

  g_clear_signal_handler (&self->document_paint_id, clock);
  g_print ("dossier: document %" G_GINT64_FORMAT " (%ld characters) shown after %.1f ms\n",
           dossier_document_get_id (document),
           g_utf8_strlen (dossier_document_get_text (document), -1),
           (g_get_monotonic_time () - self->document_shown_at) / 1000.0);
}

/* Annotations */

static gint64
shown_document_id (DossierWindow *self)
{
  DossierDocument *document = dossier_document_view_get_document (self->document_view);

  return document ? dossier_document_get_id (document) : 0;
}

/* Reads the shown document's annotations again and draws them; @new_document also resets
 * the panel (filters, notes). */
static void
refresh_annotations (DossierWindow *self,
                     gboolean       new_document)
{
  DossierAnnotationFilter filter = DOSSIER_ANNOTATION_FILTER_INIT;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;

  filter.document_id = shown_document_id (self);
  filter.suggested = TRUE;
  if (filter.document_id != 0)
    annotations = dossier_store_list_annotations (self->store, &filter, &error);
  if (error != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  dossier_document_view_set_annotations (self->document_view, annotations);
  if (new_document)
    dossier_annotation_panel_set_document (self->annotation_panel, filter.document_id,
                                           annotations);
  else
    dossier_annotation_panel_set_annotations (self->annotation_panel, annotations);
}

static void
select_annotation (DossierWindow     *self,
                   DossierAnnotation *annotation)
{
  if (annotation->status == DOSSIER_ANNOTATION_ANCHORED)
    dossier_document_view_select_range (self->document_view, annotation->selector.start,
                                        annotation->selector.end);
  dossier_annotation_panel_select (self->annotation_panel, annotation->id);
}

static void
annotation_activated_cb (DossierWindow     *self,
                         DossierAnnotation *annotation)
{
  if (annotation->status == DOSSIER_ANNOTATION_ORPHAN)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new ("This passage is not in the current text of "
                                                  "the document"));
      return;
    }
  dossier_document_view_select_range (self->document_view, annotation->selector.start,
                                      annotation->selector.end);
}

/* A click on marked text: the innermost annotation there is the one meant. */
static void
annotation_clicked_cb (DossierWindow *self,
                       guint          offset)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  found = dossier_store_annotations_at (self->store, shown_document_id (self), offset, &error);
  if (found == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  if (found->len > 0)
    select_annotation (self, g_ptr_array_index (found, 0));
}

static void
show_toast_with_undo (DossierWindow *self,
                      const char    *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, "_Undo");
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* After a write the store and the views must agree: redraw, select, enable undo. */
static void
annotation_changed (DossierWindow *self,
                    gint64         document_id,
                    gint64         annotation_id)
{
  if (document_id != 0 && document_id != shown_document_id (self))
    dossier_window_show_document (self, document_id);
  else
    refresh_annotations (self, FALSE);
  if (annotation_id != 0)
    {
      g_autoptr(DossierAnnotation) annotation =
        dossier_store_get_annotation (self->store, annotation_id, NULL);

      if (annotation != NULL)
        select_annotation (self, annotation);
    }
  update_actions (self);
}

static void
dialog_saved_cb (DossierAnnotationDialog *dialog,
                 DossierWindow           *self)
{
  DossierAnnotation *existing = dossier_annotation_dialog_get_existing (dialog);
  g_autoptr(DossierAnnotation) after = NULL;
  g_autoptr(GError) error = NULL;
  DossierAnnotationFields fields;
  gint64 id;

  dossier_annotation_dialog_get_fields (dialog, &fields);
  if (existing != NULL)
    id = dossier_store_update_annotation (self->store, existing->id, &fields, &error)
         ? existing->id : 0;
  else
    {
      guint start = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "start"));
      guint end = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "end"));
      gint64 document_id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog),
                                                                         "document"));

      id = dossier_store_add_annotation (self->store, document_id, start, end, &fields,
                                         &error);
    }
  if (id == 0 || (after = dossier_store_get_annotation (self->store, id, &error)) == NULL)
    {
      /* The dialog stays open with what the analyst typed. */
      dossier_annotation_dialog_show_error (dialog, error->message);
      return;
    }
  dossier_history_record (self->history, existing, after);
  gtk_window_destroy (GTK_WINDOW (dialog));
  annotation_changed (self, after->document_id, after->id);
}

static void
open_annotation_dialog (DossierWindow         *self,
                        DossierAnnotationKind  kind,
                        const char            *passage,
                        DossierAnnotation     *existing,
                        guint                  start,
                        guint                  end)
{
  GtkWidget *dialog = dossier_annotation_dialog_new (GTK_WINDOW (self), self->store, kind,
                                                     passage, existing);

  if (existing == NULL)
    {
      g_object_set_data (G_OBJECT (dialog), "start", GUINT_TO_POINTER (start));
      g_object_set_data (G_OBJECT (dialog), "end", GUINT_TO_POINTER (end));
      g_object_set_data (G_OBJECT (dialog), "document",
                         GSIZE_TO_POINTER ((gsize) shown_document_id (self)));
    }
  g_signal_connect_object (dialog, "saved", G_CALLBACK (dialog_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* win.annotate(s): the selected passage becomes a highlight at once, or opens the form for a
 * quote, claim or note. */
static void
annotate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autofree char *passage = NULL;
  DossierAnnotationKind kind;
  guint start, end;

  if (!dossier_annotation_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    return;
  dossier_document_view_hide_popover (self->document_view);
  if (!dossier_document_view_get_selection (self->document_view, &start, &end, &passage))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new ("Select a passage of the text first"));
      return;
    }

  if (kind == DOSSIER_ANNOTATION_HIGHLIGHT)
    {
      DossierAnnotationFields fields = { .kind = kind };
      g_autoptr(DossierAnnotation) after = NULL;
      g_autoptr(GError) error = NULL;
      gint64 id = dossier_store_add_annotation (self->store, shown_document_id (self), start,
                                                end, &fields, &error);

      if (id == 0 || (after = dossier_store_get_annotation (self->store, id, &error)) == NULL)
        {
          show_error (self, "Could Not Save the Highlight", error->message);
          return;
        }
      dossier_history_record (self->history, NULL, after);
      annotation_changed (self, after->document_id, after->id);
      return;
    }
  open_annotation_dialog (self, kind, passage, NULL, start, end);
}

/* The words an "Add to Timeline" dialog dates. */
typedef struct {
  gint64 document_id;
  guint  start;
  guint  end;
} EventWords;

static void
add_event_response_cb (DossierEventDialog *dialog,
                       const char         *response,
                       DossierWindow      *self)
{
  EventWords *words = g_object_get_data (G_OBJECT (dialog), "words");
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (g_strcmp0 (response, "save") != 0 || dossier_event_dialog_get_value (dialog) == NULL)
    return;
  if (dossier_store_add_event (self->store, words->document_id, words->start, words->end,
                               dossier_event_dialog_get_value (dialog),
                               dossier_event_dialog_get_precision (dialog),
                               dossier_event_dialog_get_note (dialog), &error) == 0)
    {
      show_error (self, "Could Not Add the Event", error->message);
      return;
    }
  dossier_timeline_page_reload (self->timeline_page);
  toast = adw_toast_new ("Added to the timeline");
  adw_toast_set_button_label (toast, "_Show");
  adw_toast_set_action_name (toast, "win.show-timeline");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* win.add-event: dates the selected words as an event of the timeline. */
static void
add_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autofree char *passage = NULL;
  EventWords *words = g_new0 (EventWords, 1);
  GtkWidget *dialog;

  dossier_document_view_hide_popover (self->document_view);
  if (!dossier_document_view_get_selection (self->document_view, &words->start, &words->end,
                                            &passage))
    {
      g_free (words);
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new ("Select the words that date the event first"));
      return;
    }
  words->document_id = shown_document_id (self);
  dialog = dossier_event_dialog_new_for_passage (GTK_WINDOW (self),
    dossier_document_view_get_document (self->document_view), passage);
  g_object_set_data_full (G_OBJECT (dialog), "words", words, g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_event_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_annotation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autoptr(DossierAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;

  annotation = dossier_store_get_annotation (self->store, g_variant_get_int64 (parameter),
                                             &error);
  if (annotation == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  open_annotation_dialog (self, annotation->kind, annotation->selector.exact, annotation, 0, 0);
}

static void
delete_annotation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autoptr(DossierAnnotation) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  before = dossier_store_get_annotation (self->store, g_variant_get_int64 (parameter), &error);
  if (before == NULL || !dossier_store_remove_annotation (self->store, before->id, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  dossier_history_record (self->history, before, NULL);
  annotation_changed (self, before->document_id, 0);
  title = g_strdup_printf ("%s deleted", dossier_annotation_kind_label (before->kind));
  show_toast_with_undo (self, title);
}

/* win.confirm-annotation(x), win.reject-annotation(x): the analyst's verdict on a quote
 * suggested by extraction; Ctrl+Z takes it back. */
static void
review_annotation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  gboolean confirm = g_str_equal (action_name, "win.confirm-annotation");
  g_autoptr(DossierAnnotation) before = NULL;
  g_autoptr(DossierAnnotation) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);

  before = dossier_store_get_annotation (self->store, id, &error);
  if (before == NULL ||
      !dossier_store_review_suggestion (self->store, DOSSIER_SUGGESTION_QUOTE, id,
                                        confirm ? DOSSIER_REVIEW_CONFIRMED
                                                : DOSSIER_REVIEW_REJECTED, &error) ||
      (after = dossier_store_get_annotation (self->store, id, &error)) == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  dossier_history_record (self->history, before, after);
  /* A confirmed quote stays selected; a rejected one is gone from the list. */
  annotation_changed (self, after->document_id, confirm ? id : 0);
  if (!confirm)
    show_toast_with_undo (self, "Suggestion rejected");
}

static void
undo_redo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  gboolean undo = g_str_equal (action_name, "win.undo");
  g_autofree char *label = undo ? dossier_history_describe_undo (self->history)
                                : dossier_history_describe_redo (self->history);
  g_autoptr(GError) error = NULL;
  gint64 document_id = 0, annotation_id = 0;
  gboolean done;

  done = undo ? dossier_history_undo (self->history, self->store, &document_id,
                                      &annotation_id, &error)
              : dossier_history_redo (self->history, self->store, &document_id,
                                      &annotation_id, &error);
  if (!done)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  /* Select what came back; what went away has nothing to select. */
  {
    g_autoptr(DossierAnnotation) back = dossier_store_get_annotation (self->store,
                                                                      annotation_id, NULL);

    annotation_changed (self, document_id, back != NULL ? annotation_id : 0);
  }
  if (label != NULL)
    {
      g_autofree char *title = g_strdup_printf ("%s: %s", undo ? "Undone" : "Redone", label);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
    }
}

/* Replaces the shown document's text with a new version of the article and re-anchors its
 * annotations (as dossier-cli update). */
static gboolean
update_document_from (DossierWindow  *self,
                      GFile          *file,
                      GError        **error)
{
  g_autoptr(DossierArticle) article = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *message = NULL;
  DossierReanchorReport report = { 0, };
  gint64 id = shown_document_id (self);

  article = dossier_import_file (file, DOSSIER_FORMAT_AUTO, &bytes, NULL, error);
  if (article == NULL ||
      !dossier_store_update_document (self->store, id, article, bytes, &report, error))
    return FALSE;
  /* Undo steps hold passages of the old text. */
  dossier_history_clear (self->history);
  dossier_window_reload (self);
  load_document (self, id);
  if (report.orphaned > 0)
    message = g_strdup_printf ("Document updated: %u annotations kept, %u not found in the new "
                               "text (listed in the panel)",
                               report.unchanged + report.moved + report.approximate,
                               report.orphaned);
  else
    message = g_strdup_printf ("Document updated: all %u annotations kept",
                               report.unchanged + report.moved + report.approximate);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  return TRUE;
}

static void
update_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            DossierWindow   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL && !update_document_from (self, file, &error))
    show_error (self, "Could Not Update the Document", error->message);
}

static void
update_document_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  GtkFileChooserNative *chooser;

  /* win.update-document(s) with a URI updates from that file at once (scripts, tests). */
  if (parameter != NULL && *g_variant_get_string (parameter, NULL) != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));
      g_autoptr(GError) error = NULL;

      if (!update_document_from (self, file, &error))
        show_error (self, "Could Not Update the Document", error->message);
      return;
    }
  chooser = gtk_file_chooser_native_new ("Update Document from a New Version",
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         "_Update", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (update_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
registry_changed_cb (DossierWindow *self)
{
  /* Grades and names shown in the panel come from the sources and tags. */
  refresh_annotations (self, FALSE);
}

static void
show_sources_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  GtkWidget *dialog = dossier_sources_dialog_new (GTK_WINDOW (self), self->store);

  g_signal_connect_object (dialog, "changed", G_CALLBACK (registry_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
manage_tags_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  GtkWidget *dialog = dossier_tags_dialog_new (GTK_WINDOW (self), self->store);

  g_signal_connect_object (dialog, "changed", G_CALLBACK (registry_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Entities */

/* Marks the mentions of the entity chosen in the sidebar in the shown document. */
static void
refresh_entity_marks (DossierWindow *self)
{
  gint64 id = dossier_entity_sidebar_get_selected (self->entity_sidebar);
  g_autoptr(DossierEntity) entity = NULL;
  g_autoptr(GPtrArray) mentions = NULL;

  if (id != 0 && shown_document_id (self) != 0)
    entity = dossier_store_get_entity (self->store, id, NULL);
  if (entity != NULL)
    mentions = dossier_store_list_entity_mentions (self->store, id, shown_document_id (self),
                                                   NULL);
  if (mentions != NULL)
    dossier_document_view_set_entity_marks (self->document_view, entity->kind, mentions);
  else
    dossier_document_view_clear_entity_marks (self->document_view);
}

static void
entity_selected_cb (DossierWindow *self,
                    gint64         id)
{
  g_autoptr(GError) error = NULL;

  refresh_entity_marks (self);
  g_clear_pointer (&self->entity_documents, g_array_unref);
  if (id != 0 && dossier_entity_sidebar_get_only_mentioning (self->entity_sidebar))
    {
      self->entity_documents = dossier_store_list_entity_documents (self->store, id, &error);
      if (error != NULL)
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* An entity was renamed, merged or rejected: its mentions may have changed. */
static void
entities_changed_cb (DossierWindow *self)
{
  entity_selected_cb (self, dossier_entity_sidebar_get_selected (self->entity_sidebar));
}

static void
entities_toggled_cb (DossierWindow *self)
{
  gboolean entities = gtk_toggle_button_get_active (self->entities_button);

  gtk_widget_set_visible (GTK_WIDGET (self->filter_entry), !entities);
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_stack), !entities);
  gtk_widget_set_visible (GTK_WIDGET (self->entity_sidebar), entities);
}

static void
show_entities_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  /* A toggle: back to the library when the entities are shown. */
  if (gtk_toggle_button_get_active (self->entities_button))
    gtk_toggle_button_set_active (self->documents_button, TRUE);
  else
    {
      gtk_toggle_button_set_active (self->entities_button, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->entity_sidebar));
    }
}

static void
load_document (DossierWindow *self,
               gint64         id)
{
  g_autoptr(DossierDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  /* With --timings, measure from here to the frame that shows the document. */
  if (self->started_at != 0 && clock != NULL && self->document_paint_id == 0)
    {
      self->document_shown_at = g_get_monotonic_time ();
      self->document_paint_id = g_signal_connect_object (clock, "after-paint",
                                                         G_CALLBACK (document_painted_cb),
                                                         self, 0);
    }
  document = dossier_store_get_document (self->store, id, &error);
  if (document == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  dossier_document_view_set_document (self->document_view, document);
  gtk_stack_set_visible_child_name (self->content_stack, "document");
  gtk_window_set_title (GTK_WINDOW (self), dossier_document_get_title (document));
  refresh_annotations (self, TRUE);
  dossier_entity_sidebar_set_document (self->entity_sidebar, id);
  refresh_entity_marks (self);
  update_actions (self);
}

static void
selection_changed_cb (DossierWindow *self)
{
  DossierDocument *item = gtk_single_selection_get_selected_item (self->selection);

  if (item == NULL)
    return;
  if (dossier_document_view_get_document (self->document_view) != NULL &&
      dossier_document_get_id (dossier_document_view_get_document (self->document_view)) ==
        dossier_document_get_id (item))
    return;
  load_document (self, dossier_document_get_id (item));
}

void
dossier_window_show_document (DossierWindow *self,
                              gint64         id)
{
  guint n;

  g_return_if_fail (DOSSIER_IS_WINDOW (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DossierDocument) doc = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (dossier_document_get_id (doc) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          break;
        }
    }
  /* Selecting the row has already shown it, unless a filter hides the row. */
  if (shown_document_id (self) != id)
    load_document (self, id);
}

static void
filter_changed_cb (DossierWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Search */

static void
search_changed_cb (DossierWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  if (query != NULL && query[0] != '\0')
    {
      hits = dossier_store_search (self->store, query, SEARCH_LIMIT, &error);
      if (hits == NULL)
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      for (guint i = 0; hits && i < hits->len; i++)
        g_ptr_array_add (items, dossier_search_item_new (hits->pdata[i]));
    }
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       items->pdata, items->len);
  update_sidebar_page (self);
}

static void
open_result (DossierWindow *self,
             guint          position)
{
  g_autoptr(DossierSearchItem) item = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  DossierDocument *document;
  guint start, end;

  if (item == NULL)
    return;
  dossier_window_show_document (self, dossier_search_item_get_id (item));
  document = dossier_document_view_get_document (self->document_view);
  if (document != NULL &&
      dossier_document_get_id (document) == dossier_search_item_get_id (item) &&
      dossier_search_item_locate (item, dossier_document_get_text (document), &start, &end))
    {
      dossier_document_view_select_range (self->document_view, start, end);
      /* the selection shows in full colour, and the keyboard reads on from the hit */
      gtk_widget_grab_focus (GTK_WIDGET (dossier_document_view_get_text_view (self->document_view)));
    }
}

static void
result_activated_cb (DossierWindow *self,
                     guint          position)
{
  open_result (self, position);
}

static void
search_activated_cb (DossierWindow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    open_result (self, 0);
}

static void
search_stopped_cb (DossierWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Import */

typedef struct {
  char      *store_path;
  GPtrArray *files;
  gboolean   show_first;
} ImportData;

typedef struct {
  DossierWindow *window;
  guint          done;
  guint          total;
  char          *name;
} ImportProgress;

static void
import_data_free (ImportData *data)
{
  g_free (data->store_path);
  g_ptr_array_unref (data->files);
  g_free (data);
}

static void
import_progress_free (ImportProgress *progress)
{
  g_object_unref (progress->window);
  g_free (progress->name);
  g_free (progress);
}

static gboolean
import_progress_idle (gpointer user_data)
{
  ImportProgress *progress = user_data;
  DossierWindow *self = progress->window;
  g_autofree char *label = NULL;

  if (self->import_cancellable == NULL)
    return G_SOURCE_REMOVE;
  label = g_strdup_printf ("Imported %u of %u: %s", progress->done, progress->total,
                           progress->name);
  gtk_label_set_text (self->import_label, label);
  gtk_progress_bar_set_fraction (self->import_progress,
                                 (double) progress->done / MAX (progress->total, 1));
  return G_SOURCE_REMOVE;
}

/* Runs in the worker: hands the numbers to the main thread. */
static void
import_progress_cb (guint                      done,
                    guint                      total,
                    const DossierImportResult *result,
                    gpointer                   user_data)
{
  ImportProgress *progress = g_new0 (ImportProgress, 1);

  progress->window = g_object_ref (user_data);
  progress->done = done;
  progress->total = total;
  progress->name = g_strdup (result->name);
  g_idle_add_full (G_PRIORITY_DEFAULT, import_progress_idle, progress,
                   (GDestroyNotify) import_progress_free);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  /* The worker has a connection of its own; the window's stays on the main thread. */
  store = dossier_store_open (data->store_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  results = dossier_import_files (store, (GFile **) data->files->pdata, data->files->len,
                                  DOSSIER_FORMAT_AUTO, import_progress_cb, source_object,
                                  cancellable, &error);
  if (results == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DossierWindow *self = DOSSIER_WINDOW (source);
  ImportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) failures = g_strv_builder_new ();
  guint imported = 0, duplicates = 0, failed = 0;
  gint64 first_id = 0;
  g_autofree char *message = NULL;

  results = g_task_propagate_pointer (G_TASK (result), &error);
  g_clear_object (&self->import_cancellable);
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
  update_actions (self);

  if (results == NULL)
    {
      /* The files reported before the workspace failed are stored: show them. */
      dossier_window_reload (self);
      show_error (self, "Import Failed", error->message);
      g_signal_emit (self, signals[IMPORT_FINISHED], 0);
      return;
    }

  for (guint i = 0; i < results->len; i++)
    {
      DossierImportResult *r = results->pdata[i];

      switch (r->status)
        {
        case DOSSIER_IMPORT_IMPORTED:
          imported++;
          break;
        case DOSSIER_IMPORT_DUPLICATE:
          duplicates++;
          break;
        case DOSSIER_IMPORT_FAILED:
        default:
          failed++;
          g_strv_builder_add (failures, r->message);
          break;
        }
      if (first_id == 0 && r->id != 0)
        first_id = r->id;
    }
  g_clear_pointer (&self->import_errors, g_strfreev);
  self->import_errors = g_strv_builder_end (failures);

  dossier_window_reload (self);
  if (data->show_first && first_id != 0)
    dossier_window_show_document (self, first_id);

  if (duplicates > 0)
    message = g_strdup_printf (g_dngettext (NULL, "%u article imported, %u already there",
                                            "%u articles imported, %u already there", imported),
                               imported, duplicates);
  else
    message = g_strdup_printf (g_dngettext (NULL, "%u article imported", "%u articles imported",
                                            imported), imported);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));

  if (failed > 0)
    {
      g_autofree char *body = g_strjoinv ("\n", self->import_errors);
      g_autofree char *heading = g_strdup_printf (g_dngettext (NULL, "%u File Not Imported",
                                                               "%u Files Not Imported", failed),
                                                  failed);
      show_error (self, heading, body);
    }
  g_signal_emit (self, signals[IMPORT_FINISHED], 0);
}

void
dossier_window_import_files (DossierWindow  *self,
                             GFile         **files,
                             guint           n_files,
                             gboolean        show_first)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (DOSSIER_IS_WINDOW (self));

  if (n_files == 0)
    return;
  if (self->import_cancellable != NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new ("An import is already running"));
      return;
    }

  data = g_new0 (ImportData, 1);
  data->store_path = g_strdup (dossier_store_get_path (self->store));
  data->files = g_ptr_array_new_with_free_func (g_object_unref);
  data->show_first = show_first;
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (data->files, g_object_ref (files[i]));

  self->import_cancellable = g_cancellable_new ();
  gtk_label_set_text (self->import_label, "Importing…");
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  update_actions (self);

  task = g_task_new (self, self->import_cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, dossier_window_import_files);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
dossier_window_is_importing (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), FALSE);
  return self->import_cancellable != NULL;
}

gboolean
dossier_window_is_reading_library (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), FALSE);
  return !self->painted || self->library_cancellable != NULL || self->read_documents != NULL;
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     DossierWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
      guint n = g_list_model_get_n_items (files);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      dossier_window_import_files (self, (GFile **) array->pdata, array->len, TRUE);
    }
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char    **mime_types,
            const char    **patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types && mime_types[i]; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  for (guint i = 0; patterns && patterns[i]; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  GtkFileChooserNative *chooser;
  const char *article_types[] = { "text/plain", "text/html", NULL };
  const char *article_patterns[] = { "*.txt", "*.html", "*.htm", NULL };
  const char *text_types[] = { "text/plain", NULL };
  const char *html_types[] = { "text/html", NULL };

  chooser = gtk_file_chooser_native_new ("Import Articles", GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, "_Import", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser), "Articles (text and HTML)", article_types,
              article_patterns);
  add_filter (GTK_FILE_CHOOSER (chooser), "Plain text", text_types, NULL);
  add_filter (GTK_FILE_CHOOSER (chooser), "Web pages (HTML)", html_types, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* win.import-files(as): imports the given URIs, as the file chooser would. */
static void
import_files_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree const char **uris = g_variant_get_strv (parameter, NULL);

  for (guint i = 0; uris[i]; i++)
    g_ptr_array_add (files, g_file_new_for_uri (uris[i]));
  dossier_window_import_files (self, (GFile **) files->pdata, files->len, TRUE);
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  if (self->import_cancellable != NULL)
    {
      g_cancellable_cancel (self->import_cancellable);
      gtk_label_set_text (self->import_label, "Cancelling…");
    }
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (DOSSIER_WINDOW (widget)->search_entry));
}

static void
focus_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (DOSSIER_WINDOW (widget)->filter_entry));
}

static void
focus_library_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (DOSSIER_WINDOW (widget)->library_view));
}

static void
focus_document_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (dossier_document_view_get_text_view (self->document_view)));
}

/* Enabled state of every window action, in one place. */
static void
update_actions (DossierWindow *self)
{
  gboolean importing = self->import_cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-files", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.annotate",
                                 dossier_document_view_get_document (self->document_view) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.update-document",
                                 dossier_document_view_get_document (self->document_view) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 self->history && dossier_history_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 self->history && dossier_history_can_redo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-annotations",
                                 self->annotations_cancellable == NULL);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         DossierWindow *self)
{
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  for (GSList *l = list; l; l = l->next)
    g_ptr_array_add (files, l->data);
  if (files->len == 0 || self->import_cancellable != NULL)
    return FALSE;
  dossier_window_import_files (self, (GFile **) files->pdata, files->len, TRUE);
  return TRUE;
}

/* Export and import of annotations */

static void
show_export_toast (DossierWindow *self,
                   AdwToast      *toast)
{
  g_set_object (&self->export_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
exported_cb (DossierExportDialog *dialog,
             GFile               *file,
             guint                n_annotations,
             DossierWindow       *self)
{
  g_autofree char *name = g_file_get_basename (file);
  /* Toast titles are markup; a file name is not. */
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *title = NULL;
  AdwToast *toast;

  title = g_strdup_printf (g_dngettext (NULL, "Exported %u annotation to %s",
                                        "Exported %u annotations to %s", n_annotations),
                           n_annotations, escaped);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, "_Open");
  adw_toast_set_action_name (toast, "win.open-file");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  show_export_toast (self, toast);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  /* A note still being typed belongs in the export. */
  if (!dossier_annotation_panel_flush_notes (self->annotation_panel, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  dialog = dossier_export_dialog_new (GTK_WINDOW (self), self->store,
                                      G_LIST_MODEL (self->documents), shown_document_id (self));
  g_signal_connect_object (dialog, "exported", G_CALLBACK (exported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* win.open-file(s): the toast's "Open", in the application the desktop has for the file. */
static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

static void
annotations_imported_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(DossierWindow) self = user_data;
  g_autoptr(GCancellable) cancellable = g_steal_pointer (&self->annotations_cancellable);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *details = NULL;

  results = dossier_import_annotations_finish (result, &error);
  /* The window was closed meanwhile: what was stored is there when it opens again. */
  if (g_cancellable_is_cancelled (cancellable))
    return;
  update_actions (self);
  if (results == NULL)
    {
      show_error (self, "Could Not Import Annotations", error->message);
      return;
    }
  summary = dossier_describe_annotation_import (results, &details);
  show_export_toast (self, adw_toast_new (summary));
  refresh_annotations (self, FALSE);
  /* Speakers and outlets may be new, and counts have changed. */
  dossier_entity_sidebar_reload (self->entity_sidebar);
  if (details != NULL)
    show_error (self, "Some Annotations Were Not Placed", details);
}

static void
import_annotations_from (DossierWindow *self,
                         GFile         *file)
{
  if (self->annotations_cancellable != NULL)
    return;
  self->annotations_cancellable = g_cancellable_new ();
  update_actions (self);
  dossier_import_annotations_async (self->store, file, self->annotations_cancellable,
                                    annotations_imported_cb, g_object_ref (self));
}

static void
annotations_chooser_response_cb (GtkNativeDialog *chooser,
                                 int              response,
                                 DossierWindow   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL)
    import_annotations_from (self, file);
}

/* win.import-annotations(s): with a URI, imports that file at once (scripts, tests); with ""
 * asks for one. */
static void
import_annotations_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  DossierWindow *self = DOSSIER_WINDOW (widget);
  GtkFileChooserNative *chooser;
  const char *json_types[] = { "application/json", NULL };
  const char *json_patterns[] = { "*.json", NULL };

  if (parameter != NULL && *g_variant_get_string (parameter, NULL) != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

      import_annotations_from (self, file);
      return;
    }
  chooser = gtk_file_chooser_native_new ("Import Annotations", GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, "_Import", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser), "Annotations (W3C Web Annotation or Hypothesis JSON)",
              json_types, json_patterns);
  g_signal_connect (chooser, "response", G_CALLBACK (annotations_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Window state and timings */

static gboolean
dossier_window_close_request (GtkWindow *window)
{
  DossierWindow *self = DOSSIER_WINDOW (window);
  int width, height;

  g_autoptr(GError) error = NULL;

  if (self->import_cancellable)
    g_cancellable_cancel (self->import_cancellable);
  if (!dossier_annotation_panel_flush_notes (self->annotation_panel, &error))
    g_warning ("Could not save the notes: %s", error->message);
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (dossier_window_parent_class)->close_request (window);
}

/* The first frame is drawn without the library, which is read only now: read in parallel, on
 * two cores the worker took CPU time from the first frame (and from the X server drawing it). */
static void
after_paint_cb (GdkFrameClock *clock,
                DossierWindow *self)
{
  g_clear_signal_handler (&self->after_paint_id, clock);
  self->painted = TRUE;
  if (self->started_at != 0)
    g_print ("dossier: first frame after %.1f ms\n",
             (g_get_monotonic_time () - self->started_at) / 1000.0);
  /* An import that ended before the first frame has read it already. */
  if (self->read_documents != NULL)
    show_read_library (self);
  else if (self->library_cancellable == NULL)
    read_library (self);
}

static void
window_mapped_cb (DossierWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->painted || self->after_paint_id != 0 || clock == NULL)
    return;
  self->after_paint_id = g_signal_connect_object (clock, "after-paint",
                                                  G_CALLBACK (after_paint_cb), self, 0);
}

void
dossier_window_report_first_frame (DossierWindow *self,
                                   gint64         started_at)
{
  g_return_if_fail (DOSSIER_IS_WINDOW (self));

  self->started_at = started_at;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    window_mapped_cb (self);
}

/* The annotation panel keeps its width when the window is resized (the text takes the rest),
 * and the width the analyst drags it to is remembered. */
static void
reading_position_cb (DossierWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->reading_paned));
  int panel = width - gtk_paned_get_position (self->reading_paned);

  /* Only what the analyst drags: before the first allocation the width is not known. */
  if (width > 0 && gtk_widget_get_mapped (GTK_WIDGET (self->reading_paned)) && panel >= 200)
    g_settings_set_int (self->settings, "annotation-panel-width", panel);
}

/* GObject */

static void
dossier_window_constructed (GObject *object)
{
  DossierWindow *self = (DossierWindow *) object;
  g_autofree char *basename = NULL;

  G_OBJECT_CLASS (dossier_window_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  g_assert (self->settings != NULL);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_settings_bind (self->settings, "sidebar-width", self->paned, "position",
                   G_SETTINGS_BIND_DEFAULT);
  /* The first split, from the window's width (before anything is allocated); later the
   * text takes every change of the window's width and the panel keeps its own. */
  gtk_paned_set_position (self->reading_paned,
                          MAX (320, g_settings_get_int (self->settings, "window-width") -
                                    g_settings_get_int (self->settings, "sidebar-width") -
                                    g_settings_get_int (self->settings,
                                                        "annotation-panel-width")));
  dossier_annotation_panel_set_store (self->annotation_panel, self->store);
  dossier_entity_sidebar_set_store (self->entity_sidebar, self->store);
  dossier_timeline_page_set_store (self->timeline_page, self->store);
  g_signal_connect_object (self->reading_paned, "notify::position",
                           G_CALLBACK (reading_position_cb), self, G_CONNECT_SWAPPED);

  basename = g_path_get_basename (dossier_store_get_path (self->store));
  gtk_window_set_title (GTK_WINDOW (self), basename);
  /* The library is read after the first frame (after_paint_cb ()). */
}

static void
dossier_window_dispose (GObject *object)
{
  DossierWindow *self = (DossierWindow *) object;

  if (self->import_cancellable)
    g_cancellable_cancel (self->import_cancellable);
  if (self->annotations_cancellable)
    g_cancellable_cancel (self->annotations_cancellable);
  g_clear_object (&self->export_toast);
  drop_library_read (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->documents);
  g_clear_object (&self->results);

  G_OBJECT_CLASS (dossier_window_parent_class)->dispose (object);
}

static void
dossier_window_finalize (GObject *object)
{
  DossierWindow *self = (DossierWindow *) object;

  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->history);
  g_clear_pointer (&self->entity_documents, g_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->import_errors, g_strfreev);

  G_OBJECT_CLASS (dossier_window_parent_class)->finalize (object);
}

static void
dossier_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DossierWindow *self = DOSSIER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DossierWindow *self = DOSSIER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_window_class_init (DossierWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = dossier_window_constructed;
  object_class->dispose = dossier_window_dispose;
  object_class->finalize = dossier_window_finalize;
  object_class->set_property = dossier_window_set_property;
  object_class->get_property = dossier_window_get_property;
  window_class->close_request = dossier_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DOSSIER_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted on the main thread when an import has ended, whatever its outcome. */
  signals[IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (DOSSIER_TYPE_DOCUMENT_VIEW);
  g_type_ensure (DOSSIER_TYPE_ANNOTATION_PANEL);
  g_type_ensure (DOSSIER_TYPE_ENTITY_SIDEBAR);
  g_type_ensure (DOSSIER_TYPE_DOCUMENT);
  g_type_ensure (DOSSIER_TYPE_SEARCH_ITEM);
  g_type_ensure (DOSSIER_TYPE_TIMELINE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dossier/Dossier/dossier-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, import_label);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, library_view);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, results_view);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, document_view);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, reading_paned);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, annotation_panel);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, documents_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, entities_button);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, entity_sidebar);
  gtk_widget_class_bind_template_callback (widget_class, entity_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, entities_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entities_toggled_cb);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DossierWindow, timeline_page);
  gtk_widget_class_bind_template_callback (widget_class, annotation_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, annotation_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, timeline_event_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, document_subtitle);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-files", "as", import_files_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.focus-filter", NULL, focus_filter_action);
  gtk_widget_class_install_action (widget_class, "win.focus-library", NULL, focus_library_action);
  gtk_widget_class_install_action (widget_class, "win.focus-document", NULL,
                                   focus_document_action);

  gtk_widget_class_install_action (widget_class, "win.annotate", "s", annotate_action);
  gtk_widget_class_install_action (widget_class, "win.add-event", NULL, add_event_action);
  gtk_widget_class_install_action (widget_class, "win.edit-annotation", "x",
                                   edit_annotation_action);
  gtk_widget_class_install_action (widget_class, "win.delete-annotation", "x",
                                   delete_annotation_action);
  gtk_widget_class_install_action (widget_class, "win.confirm-annotation", "x",
                                   review_annotation_action);
  gtk_widget_class_install_action (widget_class, "win.reject-annotation", "x",
                                   review_annotation_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_redo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_redo_action);
  gtk_widget_class_install_action (widget_class, "win.show-sources", NULL, show_sources_action);
  gtk_widget_class_install_action (widget_class, "win.update-document", "s",
                                   update_document_action);
  gtk_widget_class_install_action (widget_class, "win.manage-tags", NULL, manage_tags_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_action);
  gtk_widget_class_install_action (widget_class, "win.import-annotations", "s",
                                   import_annotations_action);
  gtk_widget_class_install_action (widget_class, "win.show-entities", NULL,
                                   show_entities_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.show-entities", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-timeline", NULL,
                                   show_timeline_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "win.show-timeline", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "win.annotate", "s", "highlight");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK,
                                       "win.annotate", "s", "quote");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK,
                                       "win.annotate", "s", "claim");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_CONTROL_MASK,
                                       "win.annotate", "s", "note");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_CONTROL_MASK,
                                       "win.add-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.focus-filter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.focus-library", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.focus-document", NULL);
}

static void
dossier_window_init (DossierWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->history = dossier_history_new ();
  g_signal_connect_object (self->history, "notify::can-undo", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-redo", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  self->documents = g_list_store_new (DOSSIER_TYPE_DOCUMENT);
  self->filter = gtk_custom_filter_new (filter_document, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->documents)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_list_view_set_model (self->library_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  self->results = g_list_store_new (DOSSIER_TYPE_SEARCH_ITEM);
  gtk_list_view_set_model (self->results_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->results)))));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect (self, "map", G_CALLBACK (window_mapped_cb), NULL);
  update_actions (self);
}

DossierWindow *
dossier_window_new (GtkApplication *application,
                    DossierStore   *store,
                    GSettings      *settings)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (DOSSIER_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "settings", settings,
                       NULL);
}

DossierStore *
dossier_window_get_store (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);
  return self->store;
}

DossierDocumentView *
dossier_window_get_document_view (DossierWindow *self)
{
  return self->document_view;
}

GListModel *
dossier_window_get_library (DossierWindow *self)
{
  return G_LIST_MODEL (self->filtered);
}

GListModel *
dossier_window_get_results (DossierWindow *self)
{
  return G_LIST_MODEL (self->results);
}

GtkSearchEntry *
dossier_window_get_search_entry (DossierWindow *self)
{
  return self->search_entry;
}

GtkListView *
dossier_window_get_results_view (DossierWindow *self)
{
  return self->results_view;
}

DossierTimelinePage *
dossier_window_get_timeline_page (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);

  return self->timeline_page;
}

GtkListView *
dossier_window_get_library_view (DossierWindow *self)
{
  return self->library_view;
}

GtkSearchEntry *
dossier_window_get_filter_entry (DossierWindow *self)
{
  return self->filter_entry;
}

const char *
dossier_window_get_sidebar_page (DossierWindow *self)
{
  return gtk_stack_get_visible_child_name (self->sidebar_stack);
}

GStrv
dossier_window_get_import_errors (DossierWindow *self)
{
  return self->import_errors;
}

DossierEntitySidebar *
dossier_window_get_entity_sidebar (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);
  return self->entity_sidebar;
}

DossierAnnotationPanel *
dossier_window_get_annotation_panel (DossierWindow *self)
{
  return self->annotation_panel;
}

gboolean
dossier_window_is_importing_annotations (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), FALSE);
  return self->annotations_cancellable != NULL;
}

AdwToast *
dossier_window_get_export_toast (DossierWindow *self)
{
  g_return_val_if_fail (DOSSIER_IS_WINDOW (self), NULL);
  return self->export_toast;
}
