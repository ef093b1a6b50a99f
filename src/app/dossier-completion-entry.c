/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-completion"

#include <string.h>

#include "dossier-completion-entry.h"

/* Page Up and Page Down move this many rows. */
#define PAGE_ROWS 8
#define MIN_LIST_WIDTH 340

struct _DossierCompletionEntry
{
  GtkEntry            parent_instance;

  /* template widgets */
  GtkPopover         *popover;
  GtkScrolledWindow  *scroller;
  GtkListView        *list_view;

  /* owned */
  GListModel         *model;
  GHashTable         *positions;   /* DossierCompletionItem → its position in model, + 1 */
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  GtkFilterListModel *matches;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  char               *key;         /* what is being completed, folded */
  GHashTable         *listed;      /* multiple: the folded elements before the last one */
  gboolean            multiple;
  guint               completing;  /* > 0 while the text is set from a suggestion */
  int                 popup_width;

  /* borrowed: the window, while the entry is in one */
  GtkWidget          *root;
  GtkEventController *root_click;  /* owned by root */
};

G_DEFINE_FINAL_TYPE (DossierCompletionEntry, dossier_completion_entry, GTK_TYPE_ENTRY)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_MULTIPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_popped_up (DossierCompletionEntry *self)
{
  return self->popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->popover));
}

static guint
n_matches (DossierCompletionEntry *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

/* The action states, all in one place. */
static void
update_actions (DossierCompletionEntry *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean shown = is_popped_up (self);
  guint selected;

  if (self->selection == NULL)
    return;
  selected = gtk_single_selection_get_selected (self->selection);

  gtk_widget_action_set_enabled (widget, "completion.next", n_matches (self) > 0);
  gtk_widget_action_set_enabled (widget, "completion.previous", shown);
  gtk_widget_action_set_enabled (widget, "completion.accept",
                                 shown && selected != GTK_INVALID_LIST_POSITION);
  gtk_widget_action_set_enabled (widget, "completion.dismiss", shown);
}

static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  DossierCompletionEntry *self = user_data;

  if (self->listed != NULL &&
      g_hash_table_contains (self->listed, dossier_completion_item_get_key (item)))
    return FALSE;
  return dossier_completion_item_match (item, self->key) >= 0;
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  DossierCompletionEntry *self = user_data;
  int rank_a = dossier_completion_item_match ((gpointer) a, self->key);
  int rank_b = dossier_completion_item_match ((gpointer) b, self->key);
  guint pos_a, pos_b;

  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;
  /* Equal ranks keep the order of the model: the owner's order (alphabetical names,
   * the commonest cue first) is the better guess. */
  pos_a = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, a));
  pos_b = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, b));
  return pos_a < pos_b ? -1 : pos_a > pos_b;
}

static void
rebuild_positions (DossierCompletionEntry *self)
{
  guint n = self->model ? g_list_model_get_n_items (self->model) : 0;

  g_hash_table_remove_all (self->positions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->model, i);

      /* The model keeps the item alive; the table only points at it. */
      g_hash_table_insert (self->positions, item, GUINT_TO_POINTER (i + 1));
    }
}

static void
model_items_changed_cb (DossierCompletionEntry *self,
                        guint                   position,
                        guint                   removed,
                        guint                   added,
                        GListModel             *model)
{
  rebuild_positions (self);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  update_actions (self);
}

/* Reads what is being completed from the text: all of it, or its last comma-separated
 * element (with the earlier ones in self->listed). */
static void
update_key (DossierCompletionEntry *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));

  g_clear_pointer (&self->listed, g_hash_table_unref);
  g_free (self->key);
  if (self->multiple)
    {
      g_auto(GStrv) elements = g_strsplit (text, ",", -1);
      guint n = g_strv_length (elements);

      self->listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i + 1 < n; i++)
        {
          char *folded = dossier_completion_fold (elements[i]);

          if (folded[0] != '\0')
            g_hash_table_add (self->listed, folded);
          else
            g_free (folded);
        }
      self->key = dossier_completion_fold (n > 0 ? elements[n - 1] : "");
    }
  else
    self->key = dossier_completion_fold (text);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static gboolean
contains_focus (DossierCompletionEntry *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == GTK_WIDGET (self) ||
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (self)));
}

static void
popdown (DossierCompletionEntry *self)
{
  if (is_popped_up (self))
    {
      gtk_popover_popdown (self->popover);
      g_debug ("suggestions closed");
    }
  update_actions (self);
}

static void
popup (DossierCompletionEntry *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || n_matches (self) == 0)
    {
      popdown (self);
      return;
    }
  if (width != self->popup_width)
    {
      /* As wide as the entry (the popover adds its own padding around the list), and
       * wide enough for an outlet's aliases in a half-width entry. */
      self->popup_width = width;
      gtk_widget_set_size_request (GTK_WIDGET (self->scroller), MAX (width - 12, MIN_LIST_WIDTH),
                                   -1);
    }
  if (!is_popped_up (self))
    {
      gtk_popover_popup (self->popover);
      g_debug ("suggestions shown for “%s”: %u", self->key, n_matches (self));
    }
  update_actions (self);
}

static void
select_position (DossierCompletionEntry *self,
                 guint                   position)
{
  gtk_single_selection_set_selected (self->selection, position);
  /* No gtk_list_view_scroll_to() before GTK 4.12; the list's own action does it. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                              position);
  update_actions (self);
}

/* Opens the list on the first match, or moves the selection by @delta rows. */
static gboolean
move_selection (DossierCompletionEntry *self,
                int                     delta)
{
  guint n = n_matches (self);
  guint selected;
  gint64 position;

  if (n == 0)
    return FALSE;
  if (!is_popped_up (self))
    {
      popup (self);
      if (!is_popped_up (self))
        return FALSE;
      select_position (self, delta > 0 ? 0 : n - 1);
      return TRUE;
    }
  selected = gtk_single_selection_get_selected (self->selection);
  if (selected == GTK_INVALID_LIST_POSITION)
    position = delta > 0 ? 0 : (gint64) n - 1;
  else
    position = CLAMP ((gint64) selected + delta, 0, (gint64) n - 1);
  select_position (self, (guint) position);
  return TRUE;
}

/* Puts the selected suggestion in the entry. */
static gboolean
accept_selection (DossierCompletionEntry *self)
{
  DossierCompletionItem *item = gtk_single_selection_get_selected_item (self->selection);
  const char *text;
  g_autofree char *replaced = NULL;

  if (item == NULL || !is_popped_up (self))
    return FALSE;

  text = dossier_completion_item_get_text (item);
  if (self->multiple)
    {
      const char *current = gtk_editable_get_text (GTK_EDITABLE (self));
      const char *comma = strrchr (current, ',');
      g_autofree char *head = comma ? g_strndup (current, (gsize) (comma - current + 1)) : NULL;

      /* The last element is replaced; the separator is there for the next one. */
      replaced = g_strconcat (head ? head : "", head ? " " : "", text, ", ", NULL);
      text = replaced;
    }

  g_debug ("suggestion chosen: %s", dossier_completion_item_get_text (item));
  self->completing++;
  gtk_editable_set_text (GTK_EDITABLE (self), text);
  gtk_editable_set_position (GTK_EDITABLE (self), -1);
  self->completing--;
  popdown (self);
  return TRUE;
}

static void
text_changed_cb (DossierCompletionEntry *self)
{
  /* GtkEntry may still clear its text after dispose dropped the models. */
  if (self->selection == NULL)
    return;
  update_key (self);

  /* Only typing opens the list: not a prefill, not a chosen suggestion. */
  if (self->completing > 0 || !contains_focus (self) || self->key[0] == '\0')
    {
      popdown (self);
      return;
    }
  if (n_matches (self) == 1)
    {
      g_autoptr(DossierCompletionItem) only = g_list_model_get_item (G_LIST_MODEL (self->sorted),
                                                                     0);

      /* Nothing to suggest when the one match is what was typed. */
      if (g_strcmp0 (dossier_completion_item_get_key (only), self->key) == 0)
        {
          popdown (self);
          return;
        }
    }
  popup (self);
}

static gboolean
key_pressed_cb (GtkEventControllerKey  *controller,
                guint                   keyval,
                guint                   keycode,
                GdkModifierType         state,
                DossierCompletionEntry *self)
{
  gboolean shown = is_popped_up (self);

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_ISO_Left_Tab || keyval == GDK_KEY_KP_Tab)
    {
      popdown (self);
      return FALSE;
    }
  /* Ctrl+Return and the like belong to the window. */
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return move_selection (self, 1);
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return shown && move_selection (self, -1);
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      return shown && move_selection (self, PAGE_ROWS);
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      return shown && move_selection (self, -PAGE_ROWS);
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (accept_selection (self))
        return TRUE;
      if (!shown)
        return FALSE;
      /* The list is open but nothing in it chosen: Enter closes it and keeps the text as
       * typed, but does not go on to activate the entry (and save a form with half a
       * name in it); the next Enter does. */
      popdown (self);
      return TRUE;
    case GDK_KEY_Escape:
      if (!shown)
        return FALSE;
      popdown (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
focus_left_cb (GtkEventControllerFocus *controller,
               DossierCompletionEntry  *self)
{
  popdown (self);
}

static void
list_activated_cb (GtkListView            *list_view,
                   guint                   position,
                   DossierCompletionEntry *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  accept_selection (self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_selection (DOSSIER_COMPLETION_ENTRY (widget), 1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move_selection (DOSSIER_COMPLETION_ENTRY (widget), -1);
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  accept_selection (DOSSIER_COMPLETION_ENTRY (widget));
}

static void
dismiss_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  popdown (DOSSIER_COMPLETION_ENTRY (widget));
}

/* The list is not modal (the keyboard stays in the entry), so it closes itself when a
 * click lands elsewhere in the window or the window goes to the background. */
static void
root_pressed_cb (GtkGestureClick        *gesture,
                 int                     n_press,
                 double                  x,
                 double                  y,
                 DossierCompletionEntry *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *target;

  if (!is_popped_up (self) || event == NULL)
    return;
  /* A click in the list is the list's. */
  if (gdk_event_get_surface (event) == gtk_native_get_surface (GTK_NATIVE (self->popover)))
    return;
  target = gtk_widget_pick (self->root, x, y, GTK_PICK_DEFAULT);
  if (target == NULL || (target != GTK_WIDGET (self) &&
                         !gtk_widget_is_ancestor (target, GTK_WIDGET (self))))
    popdown (self);
}

static void
root_active_changed_cb (DossierCompletionEntry *self)
{
  if (!gtk_window_is_active (GTK_WINDOW (self->root)))
    popdown (self);
}

static void
dossier_completion_entry_root (GtkWidget *widget)
{
  DossierCompletionEntry *self = DOSSIER_COMPLETION_ENTRY (widget);
  GtkGesture *click;

  GTK_WIDGET_CLASS (dossier_completion_entry_parent_class)->root (widget);

  self->root = GTK_WIDGET (gtk_widget_get_root (widget));
  if (!GTK_IS_WINDOW (self->root))
    {
      self->root = NULL;
      return;
    }
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  /* Capture, and never claimed: the click still goes where it was meant to. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (root_pressed_cb), self, 0);
  self->root_click = GTK_EVENT_CONTROLLER (click);
  gtk_widget_add_controller (self->root, self->root_click);
  g_signal_connect_object (self->root, "notify::is-active", G_CALLBACK (root_active_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
dossier_completion_entry_unroot (GtkWidget *widget)
{
  DossierCompletionEntry *self = DOSSIER_COMPLETION_ENTRY (widget);

  popdown (self);
  if (self->root != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->root, root_active_changed_cb, self);
      gtk_widget_remove_controller (self->root, self->root_click);
      self->root_click = NULL;
      self->root = NULL;
    }

  GTK_WIDGET_CLASS (dossier_completion_entry_parent_class)->unroot (widget);
}

static void
dossier_completion_entry_size_allocate (GtkWidget *widget,
                                        int        width,
                                        int        height,
                                        int        baseline)
{
  DossierCompletionEntry *self = DOSSIER_COMPLETION_ENTRY (widget);

  GTK_WIDGET_CLASS (dossier_completion_entry_parent_class)->size_allocate (widget, width,
                                                                           height, baseline);
  /* A popover child is placed by its parent's allocation. */
  if (is_popped_up (self))
    gtk_popover_present (self->popover);
}

static void
dossier_completion_entry_unmap (GtkWidget *widget)
{
  popdown (DOSSIER_COMPLETION_ENTRY (widget));
  GTK_WIDGET_CLASS (dossier_completion_entry_parent_class)->unmap (widget);
}

static void
dossier_completion_entry_dispose (GObject *object)
{
  DossierCompletionEntry *self = (DossierCompletionEntry *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_COMPLETION_ENTRY);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->matches);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filter);
  g_clear_object (&self->model);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->listed, g_hash_table_unref);

  G_OBJECT_CLASS (dossier_completion_entry_parent_class)->dispose (object);
}

static void
dossier_completion_entry_finalize (GObject *object)
{
  DossierCompletionEntry *self = (DossierCompletionEntry *) object;

  g_free (self->key);

  G_OBJECT_CLASS (dossier_completion_entry_parent_class)->finalize (object);
}

static void
dossier_completion_entry_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  DossierCompletionEntry *self = DOSSIER_COMPLETION_ENTRY (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_MULTIPLE:
      g_value_set_boolean (value, self->multiple);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_completion_entry_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  DossierCompletionEntry *self = DOSSIER_COMPLETION_ENTRY (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      dossier_completion_entry_set_model (self, g_value_get_object (value));
      break;
    case PROP_MULTIPLE:
      dossier_completion_entry_set_multiple (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_completion_entry_class_init (DossierCompletionEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_completion_entry_dispose;
  object_class->finalize = dossier_completion_entry_finalize;
  object_class->get_property = dossier_completion_entry_get_property;
  object_class->set_property = dossier_completion_entry_set_property;
  widget_class->size_allocate = dossier_completion_entry_size_allocate;
  widget_class->unmap = dossier_completion_entry_unmap;
  widget_class->root = dossier_completion_entry_root;
  widget_class->unroot = dossier_completion_entry_unroot;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MULTIPLE] =
    g_param_spec_boolean ("multiple", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "completion.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "completion.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "completion.accept", NULL, accept_action);
  gtk_widget_class_install_action (widget_class, "completion.dismiss", NULL, dismiss_action);

  /* The row template looks the item's properties up by type name. */
  g_type_ensure (DOSSIER_TYPE_COMPLETION_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dossier/Dossier/"
                                               "dossier-completion-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierCompletionEntry, popover);
  gtk_widget_class_bind_template_child (widget_class, DossierCompletionEntry, scroller);
  gtk_widget_class_bind_template_child (widget_class, DossierCompletionEntry, list_view);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, focus_left_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activated_cb);
}

static void
dossier_completion_entry_init (DossierCompletionEntry *self)
{
  self->key = g_strdup ("");
  self->positions = g_hash_table_new (NULL, NULL);
  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  self->sorter = gtk_custom_sorter_new (compare_items, self, NULL);
  self->matches = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->matches)),
                                          g_object_ref (GTK_SORTER (self->sorter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  /* The pointer selects too, when it moves over the list. */
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (update_actions),
                            self);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  update_actions (self);
}

GtkWidget *
dossier_completion_entry_new (void)
{
  return g_object_new (DOSSIER_TYPE_COMPLETION_ENTRY, NULL);
}

void
dossier_completion_entry_set_model (DossierCompletionEntry *self,
                                    GListModel             *model)
{
  g_return_if_fail (DOSSIER_IS_COMPLETION_ENTRY (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb), self,
                             G_CONNECT_SWAPPED);
  rebuild_positions (self);
  gtk_filter_list_model_set_model (self->matches, model);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

GListModel *
dossier_completion_entry_get_model (DossierCompletionEntry *self)
{
  g_return_val_if_fail (DOSSIER_IS_COMPLETION_ENTRY (self), NULL);
  return self->model;
}

void
dossier_completion_entry_set_multiple (DossierCompletionEntry *self,
                                       gboolean                multiple)
{
  g_return_if_fail (DOSSIER_IS_COMPLETION_ENTRY (self));

  multiple = !!multiple;
  if (self->multiple == multiple)
    return;
  self->multiple = multiple;
  update_key (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MULTIPLE]);
}

gboolean
dossier_completion_entry_get_multiple (DossierCompletionEntry *self)
{
  g_return_val_if_fail (DOSSIER_IS_COMPLETION_ENTRY (self), FALSE);
  return self->multiple;
}

GListModel *
dossier_completion_entry_get_matches (DossierCompletionEntry *self)
{
  g_return_val_if_fail (DOSSIER_IS_COMPLETION_ENTRY (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

GtkPopover *
dossier_completion_entry_get_popover (DossierCompletionEntry *self)
{
  g_return_val_if_fail (DOSSIER_IS_COMPLETION_ENTRY (self), NULL);
  return self->popover;
}

GtkListView *
dossier_completion_entry_get_list_view (DossierCompletionEntry *self)
{
  g_return_val_if_fail (DOSSIER_IS_COMPLETION_ENTRY (self), NULL);
  return self->list_view;
}
