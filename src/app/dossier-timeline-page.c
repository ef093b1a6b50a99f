/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-timeline"

#include "dossier-core.h"
#include "dossier-event-dialog.h"
#include "dossier-timeline-page.h"

/* A row of the event list: one DossierEvent, with its labels made once. */

#define DOSSIER_TYPE_TIMELINE_ITEM (dossier_timeline_item_get_type ())

G_DECLARE_FINAL_TYPE (DossierTimelineItem, dossier_timeline_item, DOSSIER, TIMELINE_ITEM,
                      GObject)

struct _DossierTimelineItem
{
  GObject       parent_instance;

  DossierEvent *event;     /* borrowed from the page's array, which outlives the items */
  guint32       first;     /* the days it covers, Julian; 0 when its value is no date */
  guint32       last;
  char         *when;
  char         *source;
};

G_DEFINE_FINAL_TYPE (DossierTimelineItem, dossier_timeline_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_WHEN,
  ITEM_PROP_SENTENCE,
  ITEM_PROP_SOURCE,
  ITEM_PROP_TARGET,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static char *
format_day (const char *value)
{
  GDate date;
  char buf[64];

  g_date_clear (&date, 1);
  if (value == NULL || !dossier_date_value_span (value, NULL, &date, NULL))
    return g_strdup (value);
  g_date_strftime (buf, sizeof buf, "%-d %b %Y", &date);
  return g_strdup (buf);
}

static DossierTimelineItem *
dossier_timeline_item_new (DossierEvent *event)
{
  DossierTimelineItem *self = g_object_new (DOSSIER_TYPE_TIMELINE_ITEM, NULL);
  g_autoptr(GString) when = g_string_new (event->value);
  g_autoptr(GString) source = g_string_new (event->document_title);
  GDate first, last;

  self->event = event;
  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  if (dossier_date_value_span (event->value, NULL, &first, &last))
    {
      self->first = g_date_get_julian (&first);
      self->last = g_date_get_julian (&last);
    }
  g_string_append_printf (when, " (%s%s%s)", dossier_date_precision_to_string (event->precision),
                          event->uncertain ? ", uncertain" : "",
                          event->analyst ? ", dated by hand" : "");
  if (event->document_date != NULL)
    {
      g_autofree char *reported = format_day (event->document_date);

      g_string_append_printf (when, " · reported %s", reported);
    }
  if (event->document_outlet != NULL)
    g_string_append_printf (source, " · %s", event->document_outlet);
  if (event->entities != NULL && event->entities[0] != NULL)
    {
      g_autofree char *entities = g_strjoinv (", ", event->entities);

      g_string_append_printf (source, " · %s", entities);
    }
  if (event->note != NULL && event->note[0] != '\0')
    g_string_append_printf (source, " · Note: %s", event->note);
  self->when = g_string_free (g_steal_pointer (&when), FALSE);
  self->source = g_string_free (g_steal_pointer (&source), FALSE);
  return self;
}

static void
dossier_timeline_item_finalize (GObject *object)
{
  DossierTimelineItem *self = (DossierTimelineItem *) object;

  g_free (self->when);
  g_free (self->source);

  G_OBJECT_CLASS (dossier_timeline_item_parent_class)->finalize (object);
}

static void
dossier_timeline_item_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DossierTimelineItem *self = DOSSIER_TIMELINE_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_WHEN:
      g_value_set_string (value, self->when);
      break;
    case ITEM_PROP_SENTENCE:
      g_value_set_string (value, self->event->sentence);
      break;
    case ITEM_PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case ITEM_PROP_TARGET:
      g_value_set_variant (value, g_variant_new_int64 (self->event->id));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_timeline_item_class_init (DossierTimelineItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_timeline_item_finalize;
  object_class->get_property = dossier_timeline_item_get_property;

  /* "2024-05 (month) · reported 20 Jun 2024" */
  item_properties[ITEM_PROP_WHEN] =
    g_param_spec_string ("when", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_SENTENCE] =
    g_param_spec_string ("sentence", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* "Title · Outlet · Entity, Entity" */
  item_properties[ITEM_PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The event's id, the target of the row's Edit and Delete buttons. */
  item_properties[ITEM_PROP_TARGET] =
    g_param_spec_variant ("target", NULL, NULL, G_VARIANT_TYPE_INT64, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
dossier_timeline_item_init (DossierTimelineItem *self)
{
}

/* What Undo needs to bring a removed event back: the analyst's own is added again; one
 * extraction found was only rejected, and gets its review back. */
typedef struct {
  gint64                id;
  gboolean              analyst;
  DossierReview         review;
  gint64                document_id;
  guint                 start;
  guint                 end;
  char                 *value;
  DossierDatePrecision  precision;
  char                 *note;
} RemovedEvent;

static void
removed_event_free (RemovedEvent *removed)
{
  g_free (removed->value);
  g_free (removed->note);
  g_free (removed);
}

/* The page */

struct _DossierTimelinePage
{
  AdwBin               parent_instance;

  /* template widgets */
  GtkSearchEntry      *entity_entry;
  GtkSearchEntry      *outlet_entry;
  GtkDropDown         *tag_dropdown;
  GtkLabel            *status_label;
  DossierTimelineView *view;
  GtkListView         *list_view;

  /* owned */
  DossierStore        *store;
  GPtrArray           *events;      /* DossierEvent the items point into */
  GListStore          *items;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *listed;
  GCancellable        *cancellable; /* the read under way, or NULL */
  GtkStringList       *tags;        /* "All Tags", then the workspace's tags */
  gboolean             updating_tags;
  AdwToast            *undo_toast;  /* weak: the last "Event removed" toast */
};

G_DEFINE_FINAL_TYPE (DossierTimelinePage, dossier_timeline_page, ADW_TYPE_BIN)

enum {
  EVENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  char *path;
  char *entity;
  char *outlet;
  char *tag;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_free (data->path);
  g_free (data->entity);
  g_free (data->outlet);
  g_free (data->tag);
  g_free (data);
}

/* What the worker read: the events, and the tags for the drop-down. */
typedef struct {
  GPtrArray *events;
  GStrv      tags;
  GError    *error;
} ReadResult;

static void
read_result_free (ReadResult *result)
{
  g_clear_pointer (&result->events, g_ptr_array_unref);
  g_strfreev (result->tags);
  g_clear_error (&result->error);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadResult, read_result_free)

static gboolean
in_visible_range (gpointer item,
                  gpointer user_data)
{
  DossierTimelinePage *self = user_data;
  DossierTimelineItem *event = item;
  guint32 first, last;

  dossier_timeline_view_get_visible_range (self->view, &first, &last);
  return event->first <= last && event->last >= first;
}

static void
update_status (DossierTimelinePage *self)
{
  guint listed = g_list_model_get_n_items (G_LIST_MODEL (self->listed));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_autofree char *text = NULL;

  if (all == 0)
    text = g_strdup ("No events");
  else
    text = g_strdup_printf ("%u of %u events in view", listed, all);
  gtk_label_set_text (self->status_label, text);
}

static void
visible_range_changed_cb (DossierTimelinePage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_status (self);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData *data = task_data;
  DossierEventFilter filter = DOSSIER_EVENT_FILTER_INIT;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  ReadResult *result;

  /* The worker has a connection of its own; the window's stays on the main thread. */
  filter.entity = data->entity;
  filter.outlet = data->outlet;
  filter.tag = data->tag;
  store = dossier_store_open (data->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result = g_new0 (ReadResult, 1);
  /* A filter the workspace cannot meet (an unknown entity) lists nothing, and says why. */
  result->events = dossier_store_list_timeline (store, &filter, &result->error);
  tags = dossier_store_list_tags (store, NULL);
  for (guint i = 0; tags && i < tags->len; i++)
    g_strv_builder_add (names, ((DossierTag *) tags->pdata[i])->name);
  result->tags = g_strv_builder_end (names);
  g_task_return_pointer (task, result, (GDestroyNotify) read_result_free);
}

/* Puts the workspace's tags in the drop-down, keeping the chosen one. */
static void
update_tags (DossierTimelinePage *self,
             GStrv                tags)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tags));
  guint selected = gtk_drop_down_get_selected (self->tag_dropdown);
  g_autofree char *chosen = NULL;
  gboolean same = n == g_strv_length (tags) + 1;

  for (guint i = 1; same && i < n; i++)
    same = g_str_equal (gtk_string_list_get_string (self->tags, i), tags[i - 1]);
  if (same)
    return;
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    chosen = g_strdup (gtk_string_list_get_string (self->tags, selected));
  self->updating_tags = TRUE;
  gtk_string_list_splice (self->tags, 1, n - 1, (const char * const *) tags);
  selected = 0;
  for (guint i = 0; chosen && tags[i]; i++)
    if (g_str_equal (tags[i], chosen))
      selected = i + 1;
  gtk_drop_down_set_selected (self->tag_dropdown, selected);
  self->updating_tags = FALSE;
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  DossierTimelinePage *self = DOSSIER_TIMELINE_PAGE (source);
  g_autoptr(ReadResult) read = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  read = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (read != NULL)
    {
      events = g_steal_pointer (&read->events);
      if (error == NULL)
        error = g_steal_pointer (&read->error);
      update_tags (self, read->tags);
    }
  if (events == NULL)
    events = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_event_free);
  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (items, dossier_timeline_item_new (events->pdata[i]));
  /* The old items point into the old array: replace them before it goes. */
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  self->events = g_ptr_array_ref (events);
  dossier_timeline_view_set_events (self->view, events);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_status (self);
  if (error != NULL)
    gtk_label_set_text (self->status_label, error->message);
}

void
dossier_timeline_page_reload (DossierTimelinePage *self)
{
  g_autoptr(GTask) task = NULL;
  ReadData *data;
  const char *entity, *outlet;
  guint tag = gtk_drop_down_get_selected (self->tag_dropdown);

  g_return_if_fail (DOSSIER_IS_TIMELINE_PAGE (self));
  g_return_if_fail (self->store != NULL);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  entity = gtk_editable_get_text (GTK_EDITABLE (self->entity_entry));
  outlet = gtk_editable_get_text (GTK_EDITABLE (self->outlet_entry));
  data = g_new0 (ReadData, 1);
  data->path = g_strdup (dossier_store_get_path (self->store));
  data->entity = entity[0] ? g_strdup (entity) : NULL;
  data->outlet = outlet[0] ? g_strdup (outlet) : NULL;
  if (tag != GTK_INVALID_LIST_POSITION && tag > 0)
    data->tag = g_strdup (gtk_string_list_get_string (self->tags, tag));
  task = g_task_new (self, self->cancellable, read_cb, NULL);
  g_task_set_source_tag (task, dossier_timeline_page_reload);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, read_thread);
}

static void
filters_changed_cb (DossierTimelinePage *self)
{
  if (self->store != NULL && !self->updating_tags)
    dossier_timeline_page_reload (self);
}

static void
event_activated_cb (DossierTimelinePage *self,
                    guint                position)
{
  const DossierEvent *event = dossier_timeline_page_get_event (self, position);

  if (event != NULL)
    g_signal_emit (self, signals[EVENT_ACTIVATED], 0, event->document_id,
                   event->sentence_start, event->sentence_end);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DossierTimelinePage *self = DOSSIER_TIMELINE_PAGE (widget);

  if (g_str_equal (action_name, "timeline.zoom-in"))
    dossier_timeline_view_zoom (self->view, 1.5);
  else if (g_str_equal (action_name, "timeline.zoom-out"))
    dossier_timeline_view_zoom (self->view, 1 / 1.5);
  else
    dossier_timeline_view_fit (self->view);
}

/* Editing and removing events */

static const DossierEvent *
find_event (DossierTimelinePage *self,
            gint64               id)
{
  for (guint i = 0; self->events != NULL && i < self->events->len; i++)
    if (((DossierEvent *) self->events->pdata[i])->id == id)
      return self->events->pdata[i];
  return NULL;
}

/* In the window's overlay, where the window's own toasts queue with it. */
static void
show_toast (DossierTimelinePage *self,
            AdwToast            *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

/* After a write: the page shows what the store holds, or says why the write failed. */
static void
events_changed (DossierTimelinePage *self,
                GError              *error)
{
  if (error != NULL)
    show_toast (self, adw_toast_new (error->message));
  dossier_timeline_page_reload (self);
}

static void
edit_response_cb (DossierEventDialog  *dialog,
                  const char          *response,
                  DossierTimelinePage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "event-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "save") != 0 || dossier_event_dialog_get_value (dialog) == NULL)
    return;
  dossier_store_update_event (self->store, id, dossier_event_dialog_get_value (dialog),
                              dossier_event_dialog_get_precision (dialog),
                              dossier_event_dialog_get_note (dialog), &error);
  events_changed (self, error);
}

/* timeline.edit-event(x): the date, precision and note of an event, in a dialog. */
static void
edit_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DossierTimelinePage *self = DOSSIER_TIMELINE_PAGE (widget);
  const DossierEvent *event = find_event (self, g_variant_get_int64 (parameter));
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  gint64 *id;

  if (event == NULL)
    return;
  dialog = dossier_event_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     "Edit Event", event->sentence, event->value,
                                     event->precision, event->note);
  id = g_new (gint64, 1);
  *id = event->id;
  g_object_set_data_full (G_OBJECT (dialog), "event-id", id, g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (edit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Undo on a toast: brings back the event the toast tells of (the toast holds it). */
static void
undo_remove_clicked_cb (AdwToast            *toast,
                        DossierTimelinePage *self)
{
  RemovedEvent *removed = g_object_steal_data (G_OBJECT (toast), "removed");
  g_autoptr(GError) error = NULL;

  if (removed == NULL)
    return;
  if (removed->analyst)
    dossier_store_add_event (self->store, removed->document_id, removed->start, removed->end,
                             removed->value, removed->precision,
                             removed->note[0] != '\0' ? removed->note : NULL, &error);
  else
    dossier_store_review_suggestion (self->store, DOSSIER_SUGGESTION_DATE, removed->id,
                                     removed->review, &error);
  removed_event_free (removed);
  events_changed (self, error);
}

/* timeline.remove-event(x): off the timeline at once, with Undo in a toast. */
static void
remove_event_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DossierTimelinePage *self = DOSSIER_TIMELINE_PAGE (widget);
  const DossierEvent *event = find_event (self, g_variant_get_int64 (parameter));
  g_autoptr(GError) error = NULL;
  RemovedEvent *removed;
  AdwToast *toast;

  if (event == NULL)
    return;
  if (!dossier_store_remove_event (self->store, event->id, &error))
    {
      events_changed (self, error);
      return;
    }
  removed = g_new0 (RemovedEvent, 1);
  removed->id = event->id;
  removed->analyst = event->analyst;
  removed->review = event->review;
  removed->document_id = event->document_id;
  removed->start = event->start;
  removed->end = event->end;
  removed->value = g_strdup (event->value);
  removed->precision = event->precision;
  removed->note = g_strdup (event->note);
  toast = adw_toast_new ("Event removed from the timeline");
  adw_toast_set_button_label (toast, "_Undo");
  /* A signal, not an action: the toast shows in the window's overlay, outside the page. */
  g_object_set_data_full (G_OBJECT (toast), "removed", removed,
                          (GDestroyNotify) removed_event_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_remove_clicked_cb), self,
                           0);
  g_set_weak_pointer (&self->undo_toast, toast);
  show_toast (self, toast);
  events_changed (self, NULL);
}

static void
dossier_timeline_page_dispose (GObject *object)
{
  DossierTimelinePage *self = (DossierTimelinePage *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* AdwBin unparents its child (the template's box, which is not bound for that reason). */
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_TIMELINE_PAGE);
  g_clear_object (&self->listed);
  g_clear_object (&self->filter);
  g_clear_object (&self->items);
  g_clear_object (&self->tags);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_weak_pointer (&self->undo_toast);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dossier_timeline_page_parent_class)->dispose (object);
}

static void
dossier_timeline_page_class_init (DossierTimelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_timeline_page_dispose;

  /* (document id, sentence start, sentence end), in code points */
  signals[EVENT_ACTIVATED] =
    g_signal_new ("event-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT, G_TYPE_UINT);

  g_type_ensure (DOSSIER_TYPE_TIMELINE_VIEW);
  g_type_ensure (DOSSIER_TYPE_TIMELINE_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dossier/Dossier/"
                                                             "dossier-timeline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierTimelinePage, entity_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierTimelinePage, outlet_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierTimelinePage, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DossierTimelinePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, DossierTimelinePage, view);
  gtk_widget_class_bind_template_child (widget_class, DossierTimelinePage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, visible_range_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, event_activated_cb);

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.edit-event", "x", edit_event_action);
  gtk_widget_class_install_action (widget_class, "timeline.remove-event", "x",
                                   remove_event_action);
}

static void
dossier_timeline_page_init (DossierTimelinePage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (DOSSIER_TYPE_TIMELINE_ITEM);
  self->tags = gtk_string_list_new ((const char * const[]) { "All Tags", NULL });
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (self->tags));
  g_signal_connect_object (self->tag_dropdown, "notify::selected",
                           G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);
  self->filter = gtk_custom_filter_new (in_visible_range, self, NULL);
  self->listed = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                            g_object_ref (GTK_FILTER (self->filter)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->listed)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  update_status (self);
}

void
dossier_timeline_page_set_store (DossierTimelinePage *self,
                                 DossierStore        *store)
{
  g_return_if_fail (DOSSIER_IS_TIMELINE_PAGE (self));
  g_return_if_fail (DOSSIER_IS_STORE (store));

  g_set_object (&self->store, store);
}

gboolean
dossier_timeline_page_is_loading (DossierTimelinePage *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

DossierTimelineView *
dossier_timeline_page_get_view (DossierTimelinePage *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_PAGE (self), NULL);

  return self->view;
}

GListModel *
dossier_timeline_page_get_listed (DossierTimelinePage *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_PAGE (self), NULL);

  return G_LIST_MODEL (self->listed);
}

GtkListView *
dossier_timeline_page_get_list_view (DossierTimelinePage *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_PAGE (self), NULL);

  return self->list_view;
}

const DossierEvent *
dossier_timeline_page_get_event (DossierTimelinePage *self,
                                 guint                position)
{
  g_autoptr(DossierTimelineItem) item = NULL;

  g_return_val_if_fail (DOSSIER_IS_TIMELINE_PAGE (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->listed), position);
  return item ? item->event : NULL;
}

GtkEditable *
dossier_timeline_page_get_entity_entry (DossierTimelinePage *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_PAGE (self), NULL);

  return GTK_EDITABLE (self->entity_entry);
}

GtkDropDown *
dossier_timeline_page_get_tag_dropdown (DossierTimelinePage *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_PAGE (self), NULL);

  return self->tag_dropdown;
}

AdwToast *
dossier_timeline_page_get_undo_toast (DossierTimelinePage *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_PAGE (self), NULL);

  return self->undo_toast;
}
