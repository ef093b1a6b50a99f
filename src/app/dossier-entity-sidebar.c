/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-entity-sidebar"

#include <adwaita.h>

#include "dossier-completion-entry.h"
#include "dossier-entity-sidebar.h"
#include "dossier-error.h"

/* Merges proposed at once in the banner; the rest come up as these are answered. */
#define MAX_SHOWN_PROPOSALS 3

/* Item: one row of the list, a kind's heading or an entity. */

#define DOSSIER_TYPE_ENTITY_SIDEBAR_ITEM (dossier_entity_sidebar_item_get_type ())

G_DECLARE_FINAL_TYPE (DossierEntitySidebarItem, dossier_entity_sidebar_item, DOSSIER,
                      ENTITY_SIDEBAR_ITEM, GObject)

struct _DossierEntitySidebarItem
{
  GObject            parent_instance;

  gint64             id;       /* 0 for a heading */
  DossierEntityKind  kind;
  char              *title;
  char              *aliases;
  GStrv              alias_list;  /* the same, one by one; never NULL */
  char              *counts;
};

G_DEFINE_FINAL_TYPE (DossierEntitySidebarItem, dossier_entity_sidebar_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_TITLE,
  ITEM_PROP_ALIASES,
  ITEM_PROP_COUNTS,
  ITEM_PROP_HEADER,
  ITEM_PROP_ENTITY,
  ITEM_PROP_HAS_ALIASES,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
dossier_entity_sidebar_item_finalize (GObject *object)
{
  DossierEntitySidebarItem *self = (DossierEntitySidebarItem *) object;

  g_free (self->title);
  g_free (self->aliases);
  g_strfreev (self->alias_list);
  g_free (self->counts);
  G_OBJECT_CLASS (dossier_entity_sidebar_item_parent_class)->finalize (object);
}

static void
dossier_entity_sidebar_item_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  DossierEntitySidebarItem *self = (DossierEntitySidebarItem *) object;

  switch (prop_id)
    {
    case ITEM_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case ITEM_PROP_ALIASES:
      g_value_set_string (value, self->aliases);
      break;
    case ITEM_PROP_COUNTS:
      g_value_set_string (value, self->counts);
      break;
    case ITEM_PROP_HEADER:
      g_value_set_boolean (value, self->id == 0);
      break;
    case ITEM_PROP_ENTITY:
      g_value_set_boolean (value, self->id != 0);
      break;
    case ITEM_PROP_HAS_ALIASES:
      g_value_set_boolean (value, self->aliases != NULL && self->aliases[0] != '\0');
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_entity_sidebar_item_class_init (DossierEntitySidebarItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = dossier_entity_sidebar_item_finalize;
  object_class->get_property = dossier_entity_sidebar_item_get_property;

  item_properties[ITEM_PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_ALIASES] = g_param_spec_string ("aliases", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_COUNTS] = g_param_spec_string ("counts", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_HEADER] = g_param_spec_boolean ("header", NULL, NULL, FALSE, flags);
  item_properties[ITEM_PROP_ENTITY] = g_param_spec_boolean ("entity", NULL, NULL, FALSE, flags);
  item_properties[ITEM_PROP_HAS_ALIASES] =
    g_param_spec_boolean ("has-aliases", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
dossier_entity_sidebar_item_init (DossierEntitySidebarItem *self)
{
}

static const char *kind_headings[DOSSIER_N_ENTITY_KINDS] = {
  [DOSSIER_ENTITY_PERSON] = "People",
  [DOSSIER_ENTITY_ORGANIZATION] = "Organisations",
  [DOSSIER_ENTITY_PLACE] = "Places",
  [DOSSIER_ENTITY_OUTLET] = "Outlets",
};

static DossierEntitySidebarItem *
item_new_heading (DossierEntityKind kind)
{
  DossierEntitySidebarItem *item = g_object_new (DOSSIER_TYPE_ENTITY_SIDEBAR_ITEM, NULL);

  item->kind = kind;
  item->title = g_strdup (kind_headings[kind]);
  item->alias_list = g_new0 (char *, 1);
  return item;
}

/* "3 here · 41 in 12 documents · 5 quotes via IRNA, Reuters" */
static DossierEntitySidebarItem *
item_new_entity (const DossierEntityStats *stats,
                 gboolean                  with_document)
{
  DossierEntitySidebarItem *item = g_object_new (DOSSIER_TYPE_ENTITY_SIDEBAR_ITEM, NULL);
  GString *counts = g_string_new (NULL);

  item->id = stats->id;
  item->kind = stats->kind;
  item->title = g_strdup (stats->name);
  item->aliases = g_strjoinv (", ", stats->aliases);
  item->alias_list = g_strdupv (stats->aliases);
  if (with_document)
    g_string_append_printf (counts, "%u here · ", stats->document_mentions);
  g_string_append_printf (counts, "%u in %u %s", stats->mentions, stats->documents,
                          stats->documents == 1 ? "document" : "documents");
  if (stats->quotes > 0)
    {
      g_string_append_printf (counts, " · %u %s", stats->quotes,
                              stats->quotes == 1 ? "quote" : "quotes");
      if (stats->outlets[0] != NULL)
        {
          g_autofree char *outlets = g_strjoinv (", ", stats->outlets);
          g_string_append_printf (counts, " via %s", outlets);
        }
    }
  item->counts = g_string_free (counts, FALSE);
  return item;
}

/* Rows: the list model of the sidebar, over the DossierEntityStats the worker read.  It makes
 * a row's item only when asked (the list view asks for the rows it shows), so that 100,000
 * entities do not cost 100,000 objects on the main thread each time the list is read. */

#define DOSSIER_TYPE_ENTITY_SIDEBAR_ROWS (dossier_entity_sidebar_rows_get_type ())

G_DECLARE_FINAL_TYPE (DossierEntitySidebarRows, dossier_entity_sidebar_rows, DOSSIER,
                      ENTITY_SIDEBAR_ROWS, GObject)

struct _DossierEntitySidebarRows
{
  GObject    parent_instance;

  GPtrArray *stats;          /* DossierEntityStats, by kind */
  GArray    *rows;           /* guint: an index into stats, or HEADING | kind */
  gboolean   with_document;  /* counts mentions in the open document too */
};

#define HEADING 0x80000000u

static GType
dossier_entity_sidebar_rows_get_item_type (GListModel *model)
{
  return DOSSIER_TYPE_ENTITY_SIDEBAR_ITEM;
}

static guint
dossier_entity_sidebar_rows_get_n_items (GListModel *model)
{
  return DOSSIER_ENTITY_SIDEBAR_ROWS (model)->rows->len;
}

static gpointer
dossier_entity_sidebar_rows_get_item (GListModel *model,
                                      guint       position)
{
  DossierEntitySidebarRows *self = DOSSIER_ENTITY_SIDEBAR_ROWS (model);
  guint row;

  if (position >= self->rows->len)
    return NULL;
  row = g_array_index (self->rows, guint, position);
  if (row & HEADING)
    return item_new_heading ((DossierEntityKind) (row & ~HEADING));
  return item_new_entity (g_ptr_array_index (self->stats, row), self->with_document);
}

static void
dossier_entity_sidebar_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dossier_entity_sidebar_rows_get_item_type;
  iface->get_n_items = dossier_entity_sidebar_rows_get_n_items;
  iface->get_item = dossier_entity_sidebar_rows_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (DossierEntitySidebarRows, dossier_entity_sidebar_rows,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dossier_entity_sidebar_rows_list_model_init))

static void
dossier_entity_sidebar_rows_finalize (GObject *object)
{
  DossierEntitySidebarRows *self = (DossierEntitySidebarRows *) object;

  g_ptr_array_unref (self->stats);
  g_array_unref (self->rows);

  G_OBJECT_CLASS (dossier_entity_sidebar_rows_parent_class)->finalize (object);
}

static void
dossier_entity_sidebar_rows_class_init (DossierEntitySidebarRowsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dossier_entity_sidebar_rows_finalize;
}

static void
dossier_entity_sidebar_rows_init (DossierEntitySidebarRows *self)
{
  self->stats = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_entity_stats_free);
  self->rows = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* Puts @stats (taken) in the rows, a heading before each kind; returns the row of entity
 * @selected_id, or GTK_INVALID_LIST_POSITION. */
static guint
dossier_entity_sidebar_rows_set (DossierEntitySidebarRows *self,
                                 GPtrArray                *stats,
                                 gboolean                  with_document,
                                 gint64                    selected_id)
{
  g_autoptr(GArray) rows = g_array_sized_new (FALSE, FALSE, sizeof (guint), stats->len + 4);
  guint old = self->rows->len;
  guint selected = GTK_INVALID_LIST_POSITION;
  int last_kind = -1;

  for (guint i = 0; i < stats->len; i++)
    {
      const DossierEntityStats *s = g_ptr_array_index (stats, i);
      guint heading = HEADING | s->kind;

      if ((int) s->kind != last_kind)
        {
          g_array_append_val (rows, heading);
          last_kind = s->kind;
        }
      if (s->id == selected_id)
        selected = rows->len;
      g_array_append_val (rows, i);
    }
  g_ptr_array_unref (self->stats);
  self->stats = stats;
  g_array_unref (self->rows);
  self->rows = g_steal_pointer (&rows);
  self->with_document = with_document;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->rows->len);
  return selected;
}

/* The row of entity @id, or GTK_INVALID_LIST_POSITION; makes no item. */
static guint
dossier_entity_sidebar_rows_find (DossierEntitySidebarRows *self,
                                  gint64                    id)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      guint row = g_array_index (self->rows, guint, i);

      if (!(row & HEADING) && ((DossierEntityStats *) self->stats->pdata[row])->id == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* The sidebar */

struct _DossierEntitySidebar
{
  GtkWidget             parent_instance;

  /* template widgets */
  GtkWidget            *box;
  GtkRevealer          *merge_revealer;
  GtkListBox           *merge_list;
  GtkSearchEntry       *filter_entry;
  GtkMenuButton        *menu_button;
  GtkCheckButton       *only_mentioning_check;
  GtkListView          *list_view;

  /* owned */
  GtkWidget            *context_menu;
  DossierStore         *store;
  DossierEntitySidebarRows *rows;
  GtkSingleSelection   *selection;
  GCancellable         *cancellable;   /* the read on its way in a worker */
  GPtrArray            *proposals;     /* DossierMergeProposal */
  gint64                document_id;
  gint64                selected_id;
  gboolean              stale;         /* to read again when next shown */
  AdwToast             *undo_toast;    /* weak: the last "not an entity" toast */
};

G_DEFINE_FINAL_TYPE (DossierEntitySidebar, dossier_entity_sidebar, GTK_TYPE_WIDGET)

enum {
  ENTITY_SELECTED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  char   *path;
  gint64  document_id;
  char   *filter_text;
} ReadData;

typedef struct {
  GPtrArray *stats;
  GPtrArray *proposals;
} ReadResult;

static void
read_data_free (ReadData *data)
{
  g_free (data->path);
  g_free (data->filter_text);
  g_free (data);
}

static void
read_result_free (ReadResult *result)
{
  g_clear_pointer (&result->stats, g_ptr_array_unref);
  g_clear_pointer (&result->proposals, g_ptr_array_unref);
  g_free (result);
}

static void
read_entities_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  ReadData *data = task_data;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ReadResult *result = g_new0 (ReadResult, 1);

  /* The worker has a connection of its own; the window's stays on the main thread. */
  store = dossier_store_open (data->path, &error);
  if (store != NULL)
    result->stats = dossier_store_list_entity_stats (store, data->document_id,
                                                     data->filter_text, -1, &error);
  if (result->stats != NULL)
    result->proposals = dossier_store_list_merge_proposals (store, &error);
  if (result->proposals == NULL)
    {
      read_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) read_result_free);
}

static DossierEntitySidebarItem *
selected_item (DossierEntitySidebar *self)
{
  DossierEntitySidebarItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL && item->id != 0 ? item : NULL;
}

static void
update_actions (DossierEntitySidebar *self)
{
  DossierEntitySidebarItem *item = selected_item (self);
  gboolean has_entity = item != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.rename", has_entity);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.set-kind", has_entity);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.add-alias", has_entity);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.merge-into", has_entity);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.split-alias",
                                 has_entity && item->alias_list[0] != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.reject", has_entity);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entity.context-menu", has_entity);
}

static void
set_selected_id (DossierEntitySidebar *self,
                 gint64                id)
{
  update_actions (self);
  if (self->selected_id == id)
    return;
  self->selected_id = id;
  g_signal_emit (self, signals[ENTITY_SELECTED], 0, id);
}

static void
selection_changed_cb (DossierEntitySidebar *self)
{
  DossierEntitySidebarItem *item = selected_item (self);

  set_selected_id (self, item ? item->id : 0);
}

static void show_proposals (DossierEntitySidebar *self);

/* Takes @stats. */
static void
fill_list (DossierEntitySidebar *self,
           GPtrArray            *stats)
{
  guint selected;

  /* The selection follows the entity, not the position, across a reload. */
  g_signal_handlers_block_by_func (self->selection, selection_changed_cb, self);
  selected = dossier_entity_sidebar_rows_set (self->rows, stats, self->document_id != 0,
                                              self->selected_id);
  gtk_single_selection_set_selected (self->selection, selected);
  g_signal_handlers_unblock_by_func (self->selection, selection_changed_cb, self);
  selection_changed_cb (self);
}

static void
entities_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DossierEntitySidebar *self = DOSSIER_ENTITY_SIDEBAR (source);
  g_autoptr(GError) error = NULL;
  ReadResult *read;

  read = g_task_propagate_pointer (G_TASK (result), &error);
  /* Disposed, or a newer read has taken this one's place. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (read == NULL)
    {
      g_warning ("Could not read the entities: %s", error->message);
      return;
    }
  fill_list (self, g_steal_pointer (&read->stats));
  g_clear_pointer (&self->proposals, g_ptr_array_unref);
  self->proposals = g_steal_pointer (&read->proposals);
  show_proposals (self);
  read_result_free (read);
}

void
dossier_entity_sidebar_reload (DossierEntitySidebar *self)
{
  g_autoptr(GTask) task = NULL;
  ReadData *data;

  g_return_if_fail (DOSSIER_IS_ENTITY_SIDEBAR (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store == NULL)
    return;
  /* Hidden, the sidebar does not read the (possibly large) workspace for every document
   * opened: it reads it when it is shown. */
  self->stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (self->stale)
    return;

  data = g_new0 (ReadData, 1);
  data->path = g_strdup (dossier_store_get_path (self->store));
  data->document_id = self->document_id;
  data->filter_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)));
  if (data->filter_text[0] == '\0')
    g_clear_pointer (&data->filter_text, g_free);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, entities_read_cb, NULL);
  g_task_set_source_tag (task, dossier_entity_sidebar_reload);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, read_entities_thread);
}

static void
filter_changed_cb (DossierEntitySidebar *self)
{
  dossier_entity_sidebar_reload (self);
}

static void
only_mentioning_toggled_cb (DossierEntitySidebar *self)
{
  /* The window filters the library by the selected entity's documents. */
  g_signal_emit (self, signals[ENTITY_SELECTED], 0, self->selected_id);
}

/* After an edit through the store: read the list again and tell the window. */
static void
entities_changed (DossierEntitySidebar *self,
                  GError               *error)
{
  if (error != NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  "Could Not Change the Entity",
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", "_Close");
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  dossier_entity_sidebar_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Merge proposals */

static void
merge_answered (DossierEntitySidebar *self,
                GtkWidget            *button,
                gboolean              merge)
{
  const DossierMergeProposal *proposal = g_object_get_data (G_OBJECT (button), "proposal");
  g_autoptr(GError) error = NULL;

  /* Answered once: the banner waits for the list read again. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->merge_list), FALSE);
  if (merge)
    dossier_store_merge_entities (self->store, proposal->entity_id, proposal->other_id, &error);
  else
    dossier_store_dismiss_merge (self->store, proposal->entity_id, proposal->other_id, &error);
  entities_changed (self, error);
}

static void
merge_clicked_cb (GtkWidget            *button,
                  DossierEntitySidebar *self)
{
  merge_answered (self, button, TRUE);
}

static void
dismiss_clicked_cb (GtkWidget            *button,
                    DossierEntitySidebar *self)
{
  merge_answered (self, button, FALSE);
}

static GtkWidget *
proposal_row_new (DossierEntitySidebar       *self,
                  const DossierMergeProposal *proposal)
{
  g_autofree char *question = g_strdup_printf ("Merge %s and %s?", proposal->name,
                                               proposal->other_name);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (question);
  GtkWidget *merge = gtk_button_new_with_mnemonic ("_Merge");
  GtkWidget *dismiss = gtk_button_new_with_mnemonic ("_Dismiss");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_add_css_class (merge, "suggested-action");
  gtk_widget_set_tooltip_text (merge, "The two names are one entity");
  gtk_widget_set_tooltip_text (dismiss, "The two are different: do not propose again");
  gtk_accessible_update_property (GTK_ACCESSIBLE (merge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  question, -1);
  g_object_set_data (G_OBJECT (merge), "proposal", (gpointer) proposal);
  g_object_set_data (G_OBJECT (dismiss), "proposal", (gpointer) proposal);
  g_signal_connect_object (merge, "clicked", G_CALLBACK (merge_clicked_cb), self, 0);
  g_signal_connect_object (dismiss, "clicked", G_CALLBACK (dismiss_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (buttons), dismiss);
  gtk_box_append (GTK_BOX (buttons), merge);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), buttons);
  return box;
}

static void
show_proposals (DossierEntitySidebar *self)
{
  GtkWidget *child;
  guint n = self->proposals ? MIN (self->proposals->len, MAX_SHOWN_PROPOSALS) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->merge_list))) != NULL)
    gtk_list_box_remove (self->merge_list, child);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->merge_list,
                         proposal_row_new (self, g_ptr_array_index (self->proposals, i)));
  gtk_widget_set_sensitive (GTK_WIDGET (self->merge_list), TRUE);
  gtk_revealer_set_reveal_child (self->merge_revealer, n > 0);
}

/* Actions on the selected entity */

typedef void (*TextChosen) (DossierEntitySidebar *self,
                            gint64                id,
                            const char           *text);

/* The text the dialog's extra child holds: an entry's text, or the item a drop-down shows. */
static char *
dialog_choice (AdwMessageDialog *dialog)
{
  GtkWidget *child = adw_message_dialog_get_extra_child (dialog);
  GtkStringObject *item;

  if (GTK_IS_DROP_DOWN (child))
    {
      item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (child));
      return g_strdup (item ? gtk_string_object_get_string (item) : "");
    }
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (child))));
}

static void
text_dialog_response_cb (AdwMessageDialog     *dialog,
                         const char           *response,
                         DossierEntitySidebar *self)
{
  TextChosen chosen = g_object_get_data (G_OBJECT (dialog), "chosen");
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "entity-id");
  g_autofree char *text = dialog_choice (dialog);

  if (g_strcmp0 (response, "ok") == 0 && text[0] != '\0')
    chosen (self, id, text);
}

/* Asks about the selected entity, with @field (an entry or a drop-down) below @heading;
 * "ok" passes @chosen what the field holds. */
static void
ask_entity (DossierEntitySidebar *self,
            const char           *heading,
            const char           *ok_label,
            GtkWidget            *field,
            TextChosen            chosen)
{
  DossierEntitySidebarItem *item = selected_item (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  gint64 *id;

  g_object_ref_sink (field);
  if (item == NULL)
    {
      g_object_unref (field);
      return;
    }
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s", item->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  heading, -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), field);
  g_object_unref (field);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", "_Cancel", "ok", ok_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  id = g_new (gint64, 1);
  *id = item->id;
  g_object_set_data_full (G_OBJECT (dialog), "entity-id", id, g_free);
  g_object_set_data (G_OBJECT (dialog), "chosen", chosen);
  g_signal_connect_object (dialog, "response", G_CALLBACK (text_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ask_text (DossierEntitySidebar *self,
          const char           *heading,
          const char           *ok_label,
          const char           *initial,
          TextChosen            chosen)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), initial ? initial : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  ask_entity (self, heading, ok_label, entry, chosen);
}

static void
rename_chosen (DossierEntitySidebar *self,
               gint64                id,
               const char           *name)
{
  g_autoptr(GError) error = NULL;

  dossier_store_rename_entity (self->store, id, name, &error);
  entities_changed (self, error);
}

static void
alias_chosen (DossierEntitySidebar *self,
              gint64                id,
              const char           *alias)
{
  g_autoptr(GError) error = NULL;

  dossier_store_add_entity_alias (self->store, id, alias, &error);
  entities_changed (self, error);
}

/* The alias is somebody else: it becomes an entity of its own, with the mentions that use it. */
static void
split_chosen (DossierEntitySidebar *self,
              gint64                id,
              const char           *alias)
{
  g_autoptr(GError) error = NULL;
  gint64 new_id = 0;

  if (dossier_store_split_alias (self->store, id, alias, &new_id, &error))
    g_debug ("alias %s of entity %" G_GINT64_FORMAT " is now entity %" G_GINT64_FORMAT,
             alias, id, new_id);
  entities_changed (self, error);
}

static void
split_alias_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DossierEntitySidebar *self = DOSSIER_ENTITY_SIDEBAR (widget);
  DossierEntitySidebarItem *item = selected_item (self);

  if (item == NULL || item->alias_list[0] == NULL)
    return;
  ask_entity (self, "Split Alias Off", "_Split Off",
              gtk_drop_down_new_from_strings ((const char * const *) item->alias_list),
              split_chosen);
}

/* This entity is the same as the one the analyst names: it is merged into that one, whose
 * name stays; this one's name and aliases become its aliases. */
static void
merge_into_chosen (DossierEntitySidebar *self,
                   gint64                id,
                   const char           *name)
{
  g_autoptr(DossierEntity) entity = dossier_store_get_entity (self->store, id, NULL);
  g_autoptr(GError) error = NULL;
  gint64 keep;

  if (entity == NULL)
    return;
  keep = dossier_store_find_entity (self->store, name, (int) entity->kind, &error);
  if (keep == id && error == NULL)
    g_set_error (&error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                 "“%s” is this entity: choose another one to merge it into", name);
  if (error == NULL)
    dossier_store_merge_entities (self->store, keep, id, &error);
  entities_changed (self, error);
}

/* Suggestions for the entity to merge into: the others of the same kind, most mentioned
 * first, as many as a completion list can usefully show. */
#define MERGE_CANDIDATES 2000

static void
merge_into_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DossierEntitySidebar *self = DOSSIER_ENTITY_SIDEBAR (widget);
  DossierEntitySidebarItem *item = selected_item (self);
  g_autoptr(GListStore) candidates = g_list_store_new (DOSSIER_TYPE_COMPLETION_ITEM);
  GtkWidget *entry;

  if (item == NULL)
    return;
  for (guint i = 0; i < self->rows->stats->len &&
                    g_list_model_get_n_items (G_LIST_MODEL (candidates)) < MERGE_CANDIDATES; i++)
    {
      const DossierEntityStats *stats = self->rows->stats->pdata[i];
      g_autoptr(DossierCompletionItem) candidate = NULL;
      g_autofree char *detail = NULL;

      if (stats->kind != item->kind || stats->id == item->id)
        continue;
      detail = g_strdup_printf ("%u in %u %s", stats->mentions, stats->documents,
                                stats->documents == 1 ? "document" : "documents");
      candidate = dossier_completion_item_new (stats->name, stats->name, detail,
                                               (const char * const *) stats->aliases);
      g_list_store_append (candidates, candidate);
    }
  entry = dossier_completion_entry_new ();
  dossier_completion_entry_set_model (DOSSIER_COMPLETION_ENTRY (entry),
                                      G_LIST_MODEL (candidates));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "Name of the entity to keep");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  ask_entity (self, "Merge Into Another Entity", "_Merge", entry, merge_into_chosen);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DossierEntitySidebar *self = DOSSIER_ENTITY_SIDEBAR (widget);
  DossierEntitySidebarItem *item = selected_item (self);

  ask_text (self, "Rename Entity", "_Rename", item ? item->title : NULL, rename_chosen);
}

static void
add_alias_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ask_text (DOSSIER_ENTITY_SIDEBAR (widget), "Add Alias", "_Add", NULL, alias_chosen);
}

static void
set_kind_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DossierEntitySidebar *self = DOSSIER_ENTITY_SIDEBAR (widget);
  DossierEntitySidebarItem *item = selected_item (self);
  g_autoptr(GError) error = NULL;
  DossierEntityKind kind;

  if (item == NULL || !dossier_entity_kind_from_string (g_variant_get_string (parameter, NULL),
                                                        &kind))
    return;
  dossier_store_set_entity_kind (self->store, item->id, kind, &error);
  entities_changed (self, error);
}

/* Undo on the toast: the entity the toast tells of is back, its mentions as they were. */
static void
undo_reject_clicked_cb (AdwToast             *toast,
                        DossierEntitySidebar *self)
{
  GPtrArray *mentions = g_object_get_data (G_OBJECT (toast), "mentions");
  gint64 *id = g_object_get_data (G_OBJECT (toast), "entity-id");
  g_autoptr(GError) error = NULL;

  if (mentions == NULL || id == NULL)
    return;
  dossier_store_restore_entity (self->store, *id, mentions, &error);
  /* Once only. */
  g_object_set_data (G_OBJECT (toast), "mentions", NULL);
  entities_changed (self, error);
}

/* "Not an Entity": rejected at once, with Undo in a toast (in the window's overlay). */
static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DossierEntitySidebar *self = DOSSIER_ENTITY_SIDEBAR (widget);
  DossierEntitySidebarItem *item = selected_item (self);
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  gint64 *id;

  if (item == NULL)
    return;
  mentions = dossier_store_list_entity_mentions (self->store, item->id, 0, &error);
  if (mentions == NULL || !dossier_store_reject_entity (self->store, item->id, &error))
    {
      entities_changed (self, error);
      return;
    }
  title = g_strdup_printf ("“%s” is not an entity", item->title);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, "_Undo");
  id = g_new (gint64, 1);
  *id = item->id;
  g_object_set_data_full (G_OBJECT (toast), "entity-id", id, g_free);
  g_object_set_data_full (G_OBJECT (toast), "mentions", g_steal_pointer (&mentions),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_reject_clicked_cb), self,
                           0);
  g_set_weak_pointer (&self->undo_toast, toast);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
  entities_changed (self, NULL);
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DossierEntitySidebar *self = DOSSIER_ENTITY_SIDEBAR (widget);

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), NULL);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

void entity_row_pressed_cb (GtkListItem *list_item,
                            int          n_press,
                            double       x,
                            double       y,
                            GtkGesture  *gesture);

/* A right click on a row: select it and open the menu there.  Used by the row template. */
void
entity_row_pressed_cb (GtkListItem *list_item,
                       int          n_press,
                       double       x,
                       double       y,
                       GtkGesture  *gesture)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *sidebar = gtk_widget_get_ancestor (row, DOSSIER_TYPE_ENTITY_SIDEBAR);
  DossierEntitySidebarItem *item = gtk_list_item_get_item (list_item);
  DossierEntitySidebar *self;
  graphene_point_t point;

  if (sidebar == NULL || item == NULL || item->id == 0)
    return;
  self = DOSSIER_ENTITY_SIDEBAR (sidebar);
  gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (list_item));
  if (gtk_widget_compute_point (row, GTK_WIDGET (self->list_view),
                                &GRAPHENE_POINT_INIT ((float) x, (float) y), &point))
    gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                                 &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
}

/* GObject */

static void
dossier_entity_sidebar_dispose (GObject *object)
{
  DossierEntitySidebar *self = (DossierEntitySidebar *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_ENTITY_SIDEBAR);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->proposals, g_ptr_array_unref);
  g_clear_weak_pointer (&self->undo_toast);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dossier_entity_sidebar_parent_class)->dispose (object);
}

/* Focus goes to the filter, from where Tab reaches the list. */
static gboolean
dossier_entity_sidebar_grab_focus (GtkWidget *widget)
{
  DossierEntitySidebar *self = DOSSIER_ENTITY_SIDEBAR (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->filter_entry));
}

static void
dossier_entity_sidebar_map (GtkWidget *widget)
{
  DossierEntitySidebar *self = DOSSIER_ENTITY_SIDEBAR (widget);

  GTK_WIDGET_CLASS (dossier_entity_sidebar_parent_class)->map (widget);
  if (self->stale)
    dossier_entity_sidebar_reload (self);
}

static void
dossier_entity_sidebar_class_init (DossierEntitySidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_entity_sidebar_dispose;
  widget_class->map = dossier_entity_sidebar_map;
  widget_class->grab_focus = dossier_entity_sidebar_grab_focus;

  signals[ENTITY_SELECTED] = g_signal_new ("entity-selected", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dossier/Dossier/"
                                               "dossier-entity-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierEntitySidebar, box);
  gtk_widget_class_bind_template_child (widget_class, DossierEntitySidebar, merge_revealer);
  gtk_widget_class_bind_template_child (widget_class, DossierEntitySidebar, merge_list);
  gtk_widget_class_bind_template_child (widget_class, DossierEntitySidebar, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierEntitySidebar, menu_button);
  gtk_widget_class_bind_template_child (widget_class, DossierEntitySidebar,
                                        only_mentioning_check);
  gtk_widget_class_bind_template_child (widget_class, DossierEntitySidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, only_mentioning_toggled_cb);

  gtk_widget_class_install_action (widget_class, "entity.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "entity.set-kind", "s", set_kind_action);
  gtk_widget_class_install_action (widget_class, "entity.add-alias", NULL, add_alias_action);
  gtk_widget_class_install_action (widget_class, "entity.merge-into", NULL, merge_into_action);
  gtk_widget_class_install_action (widget_class, "entity.split-alias", NULL,
                                   split_alias_action);
  gtk_widget_class_install_action (widget_class, "entity.reject", NULL, reject_action);
  gtk_widget_class_install_action (widget_class, "entity.context-menu", NULL,
                                   context_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0,
                                       "entity.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "entity.context-menu", NULL);

  g_type_ensure (DOSSIER_TYPE_ENTITY_SIDEBAR_ITEM);
}

static void
dossier_entity_sidebar_init (DossierEntitySidebar *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope), "entity_row_pressed_cb",
                                          G_CALLBACK (entity_row_pressed_cb));
  factory = gtk_builder_list_item_factory_new_from_resource (scope,
                                                             "/io/github/dossier/Dossier/"
                                                             "dossier-entity-row.ui");
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  self->rows = g_object_new (DOSSIER_TYPE_ENTITY_SIDEBAR_ROWS, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  self->context_menu = gtk_popover_menu_new_from_model (
    gtk_menu_button_get_menu_model (self->menu_button));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self->list_view));
  update_actions (self);
}

GtkWidget *
dossier_entity_sidebar_new (void)
{
  return g_object_new (DOSSIER_TYPE_ENTITY_SIDEBAR, NULL);
}

void
dossier_entity_sidebar_set_store (DossierEntitySidebar *self,
                                  DossierStore         *store)
{
  g_return_if_fail (DOSSIER_IS_ENTITY_SIDEBAR (self));
  g_return_if_fail (store == NULL || DOSSIER_IS_STORE (store));

  if (g_set_object (&self->store, store))
    dossier_entity_sidebar_reload (self);
}

void
dossier_entity_sidebar_set_document (DossierEntitySidebar *self,
                                     gint64                document_id)
{
  g_return_if_fail (DOSSIER_IS_ENTITY_SIDEBAR (self));

  if (self->document_id == document_id)
    return;
  self->document_id = document_id;
  dossier_entity_sidebar_reload (self);
}

gint64
dossier_entity_sidebar_get_selected (DossierEntitySidebar *self)
{
  g_return_val_if_fail (DOSSIER_IS_ENTITY_SIDEBAR (self), 0);
  return self->selected_id;
}

gboolean
dossier_entity_sidebar_get_only_mentioning (DossierEntitySidebar *self)
{
  g_return_val_if_fail (DOSSIER_IS_ENTITY_SIDEBAR (self), FALSE);
  return gtk_check_button_get_active (self->only_mentioning_check);
}

void
dossier_entity_sidebar_set_only_mentioning (DossierEntitySidebar *self,
                                            gboolean              only)
{
  g_return_if_fail (DOSSIER_IS_ENTITY_SIDEBAR (self));
  gtk_check_button_set_active (self->only_mentioning_check, only);
}

gboolean
dossier_entity_sidebar_is_loading (DossierEntitySidebar *self)
{
  g_return_val_if_fail (DOSSIER_IS_ENTITY_SIDEBAR (self), FALSE);
  return self->cancellable != NULL || self->stale;
}

GListModel *
dossier_entity_sidebar_get_model (DossierEntitySidebar *self)
{
  g_return_val_if_fail (DOSSIER_IS_ENTITY_SIDEBAR (self), NULL);
  return G_LIST_MODEL (self->rows);
}

gboolean
dossier_entity_sidebar_select_entity (DossierEntitySidebar *self,
                                      gint64                id)
{
  guint position;

  g_return_val_if_fail (DOSSIER_IS_ENTITY_SIDEBAR (self), FALSE);

  position = id != 0 ? dossier_entity_sidebar_rows_find (self->rows, id)
                     : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

char *
dossier_entity_sidebar_describe (DossierEntitySidebar *self,
                                 gint64                id)
{
  g_autoptr(DossierEntitySidebarItem) item = NULL;
  guint position;

  g_return_val_if_fail (DOSSIER_IS_ENTITY_SIDEBAR (self), NULL);

  position = id != 0 ? dossier_entity_sidebar_rows_find (self->rows, id)
                     : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  return g_strdup_printf ("%s [%s] %s", item->title, item->aliases, item->counts);
}

guint
dossier_entity_sidebar_get_n_proposals (DossierEntitySidebar *self)
{
  g_return_val_if_fail (DOSSIER_IS_ENTITY_SIDEBAR (self), 0);
  return self->proposals ? self->proposals->len : 0;
}

GtkSearchEntry *
dossier_entity_sidebar_get_filter_entry (DossierEntitySidebar *self)
{
  g_return_val_if_fail (DOSSIER_IS_ENTITY_SIDEBAR (self), NULL);
  return self->filter_entry;
}

AdwToast *
dossier_entity_sidebar_get_undo_toast (DossierEntitySidebar *self)
{
  g_return_val_if_fail (DOSSIER_IS_ENTITY_SIDEBAR (self), NULL);
  return self->undo_toast;
}
