/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-annotation-panel"

#include "dossier-annotation-panel.h"
#include "dossier-annotation-row.h"

/* Notes are written this long after the last keystroke (and at once when leaving). */
#define NOTES_SAVE_DELAY_MS 500

struct _DossierAnnotationPanel
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkWidget          *box;
  GtkLabel           *count_label;
  GtkDropDown        *kind_drop_down;
  GtkDropDown        *tag_drop_down;
  GtkDropDown        *source_drop_down;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkButton          *confirm_button;
  GtkButton          *edit_button;
  GtkButton          *delete_button;
  GtkButton          *reject_button;
  GtkTextView        *notes_view;
  GtkLabel           *notes_status;

  /* owned */
  DossierStore       *store;
  GListStore         *annotations;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GtkStringList      *tags;       /* "All" first */
  GtkStringList      *sources;    /* "All" first */
  gint64              document_id;
  guint               notes_timeout;
  guint               fill_idle;
  GPtrArray          *pending;    /* annotations waiting for fill_idle */
  gboolean            loading_notes;
  /* Our own flag: GtkTextBuffer's "modified" follows its undo history in GTK 4 and is
   * cleared by irreversible edits such as gtk_text_buffer_set_text(). */
  gboolean            notes_dirty;
};

G_DEFINE_FINAL_TYPE (DossierAnnotationPanel, dossier_annotation_panel, GTK_TYPE_WIDGET)

enum {
  ANNOTATION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Filtering */

static const char *
selected_string (GtkDropDown *drop_down)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (drop_down);

  /* Position 0 is "All …". */
  if (item == NULL || gtk_drop_down_get_selected (drop_down) == 0)
    return NULL;
  return gtk_string_object_get_string (item);
}

static gboolean
filter_annotation (gpointer item,
                   gpointer user_data)
{
  DossierAnnotationPanel *self = user_data;
  DossierAnnotation *a = item;
  guint kind = gtk_drop_down_get_selected (self->kind_drop_down);
  const char *tag = selected_string (self->tag_drop_down);
  const char *source = selected_string (self->source_drop_down);

  if (kind != 0 && kind != GTK_INVALID_LIST_POSITION && (guint) a->kind != kind - 1)
    return FALSE;
  if (source != NULL && g_strcmp0 (a->source, source) != 0)
    return FALSE;
  if (tag != NULL && !g_strv_contains ((const char * const *) a->tags, tag))
    return FALSE;
  return TRUE;
}

static void
update_count (DossierAnnotationPanel *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->annotations));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (total == 1 ? "%u annotation" : "%u annotations", total);
  else
    text = g_strdup_printf ("%u of %u annotations", shown, total);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    total == 0 ? "empty" : shown == 0 ? "filtered" : "list");
}

static void
filter_changed_cb (DossierAnnotationPanel *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

/* Rebuilds a drop-down's choices from the annotations, keeping the chosen one if it is still
 * there. */
static void
fill_choices (GtkDropDown   *drop_down,
              GtkStringList *list,
              const char    *all_label,
              GPtrArray     *values)
{
  g_autofree char *chosen = g_strdup (selected_string (drop_down));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint position = 0;

  g_ptr_array_add (values, NULL);
  gtk_string_list_splice (list, 0, n, (const char * const *) values->pdata);
  g_ptr_array_remove_index (values, values->len - 1);
  gtk_string_list_splice (list, 0, 0, (const char * const[]) { all_label, NULL });
  for (guint i = 0; chosen != NULL && i < values->len; i++)
    if (g_str_equal (values->pdata[i], chosen))
      position = i + 1;
  gtk_drop_down_set_selected (drop_down, position);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
update_choices (DossierAnnotationPanel *self,
                GPtrArray              *annotations)
{
  g_autoptr(GHashTable) seen_tags = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_sources = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();

  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      DossierAnnotation *a = g_ptr_array_index (annotations, i);

      for (guint j = 0; a->tags[j] != NULL; j++)
        if (g_hash_table_add (seen_tags, a->tags[j]))
          g_ptr_array_add (tags, a->tags[j]);
      if (a->source != NULL && g_hash_table_add (seen_sources, a->source))
        g_ptr_array_add (sources, a->source);
    }
  g_ptr_array_sort (tags, compare_strings);
  g_ptr_array_sort (sources, compare_strings);

  g_signal_handlers_block_by_func (self->tag_drop_down, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->source_drop_down, filter_changed_cb, self);
  fill_choices (self->tag_drop_down, self->tags, "All", tags);
  fill_choices (self->source_drop_down, self->sources, "All", sources);
  g_signal_handlers_unblock_by_func (self->tag_drop_down, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->source_drop_down, filter_changed_cb, self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tag_drop_down), tags->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->source_drop_down), sources->len > 0);
}

/* Notes */

static gboolean
save_notes (DossierAnnotationPanel  *self,
            GError                 **error)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  if (self->store == NULL || self->document_id == 0 || !self->notes_dirty)
    return TRUE;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (!dossier_store_set_document_note (self->store, self->document_id, text, error))
    {
      gtk_label_set_text (self->notes_status, "Not saved");
      return FALSE;
    }
  self->notes_dirty = FALSE;
  gtk_label_set_text (self->notes_status, "Saved");
  return TRUE;
}

static gboolean
notes_timeout_cb (gpointer user_data)
{
  DossierAnnotationPanel *self = user_data;
  g_autoptr(GError) error = NULL;

  self->notes_timeout = 0;
  if (!save_notes (self, &error))
    g_warning ("Could not save the notes: %s", error->message);
  return G_SOURCE_REMOVE;
}

static void
notes_changed_cb (DossierAnnotationPanel *self)
{
  if (self->loading_notes)
    return;
  self->notes_dirty = TRUE;
  gtk_label_set_text (self->notes_status, "Editing…");
  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  self->notes_timeout = g_timeout_add (NOTES_SAVE_DELAY_MS, notes_timeout_cb, self);
}

gboolean
dossier_annotation_panel_flush_notes (DossierAnnotationPanel  *self,
                                      GError                 **error)
{
  g_return_val_if_fail (DOSSIER_IS_ANNOTATION_PANEL (self), FALSE);
  return save_notes (self, error);
}

static void
load_notes (DossierAnnotationPanel *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *notes = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && self->document_id != 0)
    notes = dossier_store_get_document_note (self->store, self->document_id, &error);
  if (error != NULL)
    g_warning ("Could not read the notes: %s", error->message);
  self->loading_notes = TRUE;
  gtk_text_buffer_set_text (buffer, notes ? notes : "", -1);
  self->loading_notes = FALSE;
  self->notes_dirty = FALSE;
  gtk_label_set_text (self->notes_status, "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->notes_view), self->document_id != 0);
}

/* Rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, dossier_annotation_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  dossier_annotation_row_set_annotation (DOSSIER_ANNOTATION_ROW (gtk_list_item_get_child (item)),
                                         gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  dossier_annotation_row_set_annotation (DOSSIER_ANNOTATION_ROW (gtk_list_item_get_child (item)),
                                         NULL);
}

static void
row_activated_cb (DossierAnnotationPanel *self,
                  guint                   position)
{
  g_autoptr(DossierAnnotation) annotation =
    g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (annotation != NULL)
    g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, annotation);
}

/* The bar's buttons act on the selected row: Edit and Delete, or for a suggestion Confirm,
 * Edit (which confirms it too) and Reject. */
static void
selection_changed_cb (DossierAnnotationPanel *self)
{
  DossierAnnotation *selected = gtk_single_selection_get_selected_item (self->selection);
  gint64 id = selected != NULL ? selected->id : 0;
  gboolean suggestion = selected != NULL && dossier_annotation_is_suggestion (selected);
  GtkButton *buttons[] = {
    self->confirm_button, self->edit_button, self->delete_button, self->reject_button,
  };
  const char *actions[] = {
    "win.confirm-annotation", "win.edit-annotation", "win.delete-annotation",
    "win.reject-annotation",
  };
  gboolean shown[] = { suggestion, TRUE, !suggestion, suggestion };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      if (id != 0)
        {
          /* The target first: a name without it would not match the parameter type. */
          gtk_actionable_set_action_target (GTK_ACTIONABLE (buttons[i]), "x", id);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (buttons[i]), actions[i]);
        }
      else
        gtk_actionable_set_action_name (GTK_ACTIONABLE (buttons[i]), NULL);
      gtk_widget_set_sensitive (GTK_WIDGET (buttons[i]), id != 0);
      gtk_widget_set_visible (GTK_WIDGET (buttons[i]), shown[i]);
    }
}

/* Public */

static void
replace_annotations (DossierAnnotationPanel *self,
                     GPtrArray              *annotations)
{
  update_choices (self, annotations);
  g_list_store_splice (self->annotations, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->annotations)),
                       annotations ? annotations->pdata : NULL,
                       annotations ? annotations->len : 0);
  filter_changed_cb (self);
}

static gboolean
fill_idle_cb (gpointer user_data)
{
  DossierAnnotationPanel *self = user_data;
  g_autoptr(GPtrArray) annotations = g_steal_pointer (&self->pending);

  self->fill_idle = 0;
  replace_annotations (self, annotations);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  return G_SOURCE_REMOVE;
}

/* Rows are filled in after the frame that shows the new document's text: GtkListView makes
 * up to 200 rows at once, which for a document with thousands of annotations would hold
 * back the text.  Changes to the same document (set_annotations) apply at once. */
static void
flush_pending (DossierAnnotationPanel *self)
{
  if (self->fill_idle != 0)
    {
      g_clear_handle_id (&self->fill_idle, g_source_remove);
      fill_idle_cb (self);
    }
}

void
dossier_annotation_panel_set_document (DossierAnnotationPanel *self,
                                       gint64                  document_id,
                                       GPtrArray              *annotations)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DOSSIER_IS_ANNOTATION_PANEL (self));

  if (!save_notes (self, &error))
    g_warning ("Could not save the notes: %s", error->message);
  self->document_id = document_id;
  g_signal_handlers_block_by_func (self->kind_drop_down, filter_changed_cb, self);
  gtk_drop_down_set_selected (self->kind_drop_down, 0);
  g_signal_handlers_unblock_by_func (self->kind_drop_down, filter_changed_cb, self);
  replace_annotations (self, NULL);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  self->pending = annotations ? g_ptr_array_ref (annotations) : NULL;
  if (self->fill_idle == 0)
    self->fill_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_idle_cb, self, NULL);
  load_notes (self);
}

void
dossier_annotation_panel_set_annotations (DossierAnnotationPanel *self,
                                          GPtrArray              *annotations)
{
  gint64 selected;

  g_return_if_fail (DOSSIER_IS_ANNOTATION_PANEL (self));

  flush_pending (self);
  selected = dossier_annotation_panel_get_selected (self);
  replace_annotations (self, annotations);
  if (selected != 0)
    dossier_annotation_panel_select (self, selected);
}

gint64
dossier_annotation_panel_get_selected (DossierAnnotationPanel *self)
{
  DossierAnnotation *a;

  g_return_val_if_fail (DOSSIER_IS_ANNOTATION_PANEL (self), 0);

  a = gtk_single_selection_get_selected_item (self->selection);
  return a ? a->id : 0;
}

static gboolean
find_position (GListModel *model,
               gint64      id,
               guint      *position)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DossierAnnotation) a = g_list_model_get_item (model, i);

      if (a->id == id)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

void
dossier_annotation_panel_select (DossierAnnotationPanel *self,
                                 gint64                  id)
{
  guint position = 0;

  g_return_if_fail (DOSSIER_IS_ANNOTATION_PANEL (self));

  flush_pending (self);
  if (!find_position (G_LIST_MODEL (self->filtered), id, &position))
    {
      /* Hidden by a filter: the analyst asked for this one, so show everything. */
      if (!find_position (G_LIST_MODEL (self->annotations), id, &position))
        return;
      dossier_annotation_panel_set_filter (self, -1, NULL, NULL);
      if (!find_position (G_LIST_MODEL (self->filtered), id, &position))
        return;
    }
  gtk_single_selection_set_selected (self->selection, position);
  /* GTK 4.8 has no gtk_list_view_scroll_to (4.12): let the view follow the focus. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                              position);
}

void
dossier_annotation_panel_set_filter (DossierAnnotationPanel *self,
                                     int                     kind,
                                     const char             *tag,
                                     const char             *source)
{
  struct { GtkDropDown *drop_down; GtkStringList *list; const char *value; } choices[] = {
    { self->tag_drop_down, self->tags, tag },
    { self->source_drop_down, self->sources, source },
  };

  g_return_if_fail (DOSSIER_IS_ANNOTATION_PANEL (self));

  flush_pending (self);
  gtk_drop_down_set_selected (self->kind_drop_down,
                              kind >= 0 && kind < DOSSIER_N_ANNOTATION_KINDS ? (guint) kind + 1
                                                                             : 0);
  for (guint c = 0; c < G_N_ELEMENTS (choices); c++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (choices[c].list));
      guint position = 0;

      for (guint i = 1; choices[c].value != NULL && i < n; i++)
        if (g_str_equal (gtk_string_list_get_string (choices[c].list, i), choices[c].value))
          position = i;
      gtk_drop_down_set_selected (choices[c].drop_down, position);
    }
  filter_changed_cb (self);
}

GListModel *
dossier_annotation_panel_get_model (DossierAnnotationPanel *self)
{
  g_return_val_if_fail (DOSSIER_IS_ANNOTATION_PANEL (self), NULL);
  flush_pending (self);
  return G_LIST_MODEL (self->filtered);
}

GtkTextView *
dossier_annotation_panel_get_notes_view (DossierAnnotationPanel *self)
{
  g_return_val_if_fail (DOSSIER_IS_ANNOTATION_PANEL (self), NULL);
  return self->notes_view;
}

void
dossier_annotation_panel_set_store (DossierAnnotationPanel *self,
                                    DossierStore           *store)
{
  g_return_if_fail (DOSSIER_IS_ANNOTATION_PANEL (self));

  g_set_object (&self->store, store);
}

GtkWidget *
dossier_annotation_panel_new (void)
{
  return g_object_new (DOSSIER_TYPE_ANNOTATION_PANEL, NULL);
}

/* Class */

static void
dossier_annotation_panel_dispose (GObject *object)
{
  DossierAnnotationPanel *self = (DossierAnnotationPanel *) object;
  g_autoptr(GError) error = NULL;

  /* Nothing typed is lost when the window closes within the save delay. */
  if (self->notes_view != NULL && !save_notes (self, &error))
    g_warning ("Could not save the notes: %s", error->message);
  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  g_clear_handle_id (&self->fill_idle, g_source_remove);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_ANNOTATION_PANEL);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->annotations);
  g_clear_object (&self->tags);
  g_clear_object (&self->sources);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dossier_annotation_panel_parent_class)->dispose (object);
}

static void
dossier_annotation_panel_class_init (DossierAnnotationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_annotation_panel_dispose;

  /**
   * DossierAnnotationPanel::annotation-activated:
   * @annotation: the DossierAnnotation of the activated row
   */
  signals[ANNOTATION_ACTIVATED] =
    g_signal_new ("annotation-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, DOSSIER_TYPE_ANNOTATION);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annotationpanel");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dossier/Dossier/dossier-annotation-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationPanel, box);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationPanel, kind_drop_down);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationPanel, tag_drop_down);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationPanel, source_drop_down);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationPanel, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationPanel, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationPanel, edit_button);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationPanel, delete_button);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationPanel, reject_button);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationPanel, notes_view);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationPanel, notes_status);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
dossier_annotation_panel_init (DossierAnnotationPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  const char * const kinds[] = { "All", "Highlights", "Quotes", "Claims", "Notes", NULL };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->annotations = g_list_store_new (DOSSIER_TYPE_ANNOTATION);
  self->filter = gtk_custom_filter_new (filter_annotation, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->annotations)),
                                              GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  gtk_drop_down_set_model (self->kind_drop_down,
                           G_LIST_MODEL (gtk_string_list_new ((const char * const *) kinds)));
  g_object_unref (gtk_drop_down_get_model (self->kind_drop_down));
  self->tags = gtk_string_list_new ((const char * const[]) { "All", NULL });
  self->sources = gtk_string_list_new ((const char * const[]) { "All", NULL });
  gtk_drop_down_set_model (self->tag_drop_down, G_LIST_MODEL (self->tags));
  gtk_drop_down_set_model (self->source_drop_down, G_LIST_MODEL (self->sources));

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
  update_count (self);
  load_notes (self);
}
