/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-tags-dialog"

#include <string.h>

#include "dossier-core.h"
#include "dossier-tags-dialog.h"

struct _DossierTagsDialog
{
  AdwWindow            parent_instance;

  /* template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *count_column;

  /* owned */
  DossierStore        *store;
  GListStore          *tags;
  GtkSortListModel    *sorted;
  GtkSingleSelection  *selection;
  /* The last toast that only told of success, dismissed when another comes. */
  AdwToast            *info_toast;
};

G_DEFINE_FINAL_TYPE (DossierTagsDialog, dossier_tags_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A rename or delete being confirmed in a message dialog; owned by that dialog. */
typedef struct {
  DossierTagsDialog *self;
  char              *name;        /* the tag acted on */
  guint              n_annotations;
  char              *new_name;    /* rename: the cleaned name typed so far */
} TagEdit;

static void
tag_edit_free (TagEdit *edit)
{
  g_object_unref (edit->self);
  g_free (edit->name);
  g_free (edit->new_name);
  g_free (edit);
}

static TagEdit *
tag_edit_new (DossierTagsDialog *self,
              DossierTag        *tag)
{
  TagEdit *edit = g_new0 (TagEdit, 1);

  edit->self = g_object_ref (self);
  edit->name = g_strdup (tag->name);
  edit->n_annotations = tag->n_annotations;
  return edit;
}

/* Names as the store keeps them: runs of spaces and control characters made one space, none
 * at either end; NULL when nothing is left. */
static char *
clean_tag_name (const char *name)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = name; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The tag called @name, compared as the store compares tag names (SQLite's NOCASE: ASCII
 * letters without regard to case), or NULL. */
static DossierTag *
find_tag (DossierTagsDialog *self,
          const char        *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tags));

  for (guint i = 0; name != NULL && i < n; i++)
    {
      g_autoptr(DossierTag) tag = g_list_model_get_item (G_LIST_MODEL (self->tags), i);

      if (g_ascii_strcasecmp (tag->name, name) == 0)
        return tag;   /* still held by the list */
    }
  return NULL;
}

static char *
count_annotations (guint n)
{
  if (n == 0)
    return g_strdup ("no annotation");
  return g_strdup_printf (n == 1 ? "%u annotation" : "%u annotations", n);
}

/* The table: closures of the list item templates */

static char *
tag_name_cb (GtkListItem *item,
             DossierTag  *tag)
{
  return g_strdup (tag ? tag->name : "");
}

static char *
tag_count_cb (GtkListItem *item,
              DossierTag  *tag)
{
  return tag ? g_strdup_printf ("%u", tag->n_annotations) : g_strdup ("");
}

static char *
tag_rename_tooltip_cb (GtkListItem *item,
                       DossierTag  *tag)
{
  return tag ? g_strdup_printf ("Rename or merge “%s” (F2)", tag->name) : NULL;
}

static char *
tag_delete_tooltip_cb (GtkListItem *item,
                       DossierTag  *tag)
{
  return tag ? g_strdup_printf ("Delete “%s” (Delete)", tag->name) : NULL;
}

static void
rename_clicked_cb (GtkButton   *button,
                   GtkListItem *item)
{
  DossierTag *tag = gtk_list_item_get_item (item);

  if (tag != NULL)
    gtk_widget_activate_action (GTK_WIDGET (button), "tags.rename", "s", tag->name);
}

static void
delete_clicked_cb (GtkButton   *button,
                   GtkListItem *item)
{
  DossierTag *tag = gtk_list_item_get_item (item);

  if (tag != NULL)
    gtk_widget_activate_action (GTK_WIDGET (button), "tags.delete", "s", tag->name);
}

/* The table: sorting */

static int
sort_by_name (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const DossierTag *ta = a, *tb = b;
  g_autofree char *fa = g_utf8_casefold (ta->name, -1);
  g_autofree char *fb = g_utf8_casefold (tb->name, -1);

  return g_utf8_collate (fa, fb);
}

static int
sort_by_count (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const DossierTag *ta = a, *tb = b;

  if (ta->n_annotations != tb->n_annotations)
    return ta->n_annotations < tb->n_annotations ? -1 : 1;
  return sort_by_name (a, b, user_data);
}

static void
set_column_sorter (GtkColumnViewColumn *column,
                   GCompareDataFunc     compare)
{
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare, NULL, NULL));

  gtk_column_view_column_set_sorter (column, sorter);
}

/* Loading */

static void
select_name (DossierTagsDialog *self,
             const char        *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));

  for (guint i = 0; name != NULL && i < n; i++)
    {
      g_autoptr(DossierTag) tag = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (g_ascii_strcasecmp (tag->name, name) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

static void
info_toast_dismissed_cb (AdwToast          *toast,
                         DossierTagsDialog *self)
{
  if (self->info_toast == toast)
    g_clear_object (&self->info_toast);
}

/* Toasts of success replace each other, so quick edits leave no queue of stale ones; error
 * toasts stay longer and are never dismissed that way. */
static void
toast (DossierTagsDialog *self,
       const char        *title,
       gboolean           error)
{
  AdwToast *toast = adw_toast_new (title);

  if (error)
    {
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 8);
    }
  else
    {
      if (self->info_toast != NULL)
        adw_toast_dismiss (self->info_toast);
      g_set_object (&self->info_toast, toast);
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (info_toast_dismissed_cb), self, 0);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
reload_selecting (DossierTagsDialog *self,
                  const char        *select)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  guint n;

  tags = dossier_store_list_tags (self->store, &error);
  if (tags == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Could not read the tags: %s", error->message);

      toast (self, message, TRUE);
      return;
    }
  g_list_store_splice (self->tags, 0, g_list_model_get_n_items (G_LIST_MODEL (self->tags)),
                       tags->pdata, tags->len);
  select_name (self, select);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->tags));
  subtitle = g_strdup_printf (n == 1 ? "%u tag" : "%u tags", n);
  adw_window_title_set_subtitle (self->window_title, n > 0 ? subtitle : NULL);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "tags" : "empty");
}

void
dossier_tags_dialog_reload (DossierTagsDialog *self)
{
  DossierTag *selected;
  g_autofree char *keep = NULL;

  g_return_if_fail (DOSSIER_IS_TAGS_DIALOG (self));

  selected = gtk_single_selection_get_selected_item (self->selection);
  keep = selected ? g_strdup (selected->name) : NULL;
  reload_selecting (self, keep);
}

/* Renaming and merging */

static void
rename_tag (DossierTagsDialog *self,
            const char        *name,
            const char        *new_name,
            gboolean           merge)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!dossier_store_rename_tag (self->store, name, new_name, &error))
    {
      message = g_strdup_printf ("Could not rename “%s”: %s", name, error->message);
      toast (self, message, TRUE);
      return;
    }
  g_debug ("%s tag %s into %s", merge ? "merged" : "renamed", name, new_name);
  message = merge ? g_strdup_printf ("Merged “%s” into “%s”", name, new_name)
                  : g_strdup_printf ("Renamed “%s” to “%s”", name, new_name);
  reload_selecting (self, new_name);
  toast (self, message, FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TagEdit          *edit)
{
  if (g_strcmp0 (response, "merge") == 0)
    rename_tag (edit->self, edit->name, edit->new_name, TRUE);
}

static GtkWidget *
new_message_dialog (DossierTagsDialog *self,
                    const char        *heading,
                    const char        *body,
                    TagEdit           *edit)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "dossier-tag-edit", edit,
                          (GDestroyNotify) tag_edit_free);
  return dialog;
}

static void
confirm_merge (DossierTagsDialog *self,
               DossierTag        *tag,
               DossierTag        *target)
{
  TagEdit *edit = tag_edit_new (self, tag);
  g_autofree char *heading = g_strdup_printf ("Merge into “%s”?", target->name);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  edit->new_name = g_strdup (target->name);
  if (tag->n_annotations == 0)
    body = g_strdup_printf ("No annotation carries “%s”; it will be removed.", tag->name);
  else
    {
      g_autofree char *count = count_annotations (tag->n_annotations);

      body = g_strdup_printf ("The %s tagged “%s” will be tagged “%s” instead, and “%s” will "
                              "be removed. This cannot be undone.",
                              count, tag->name, target->name, tag->name);
    }
  dialog = new_message_dialog (self, heading, body, edit);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", "_Cancel",
                                    "merge", "_Merge",
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (merge_response_cb), edit);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const char *
rename_body (TagEdit *edit)
{
  return edit->n_annotations == 1
           ? "The annotation with this tag will carry the new name. Naming it after another "
             "tag merges the two."
           : "Every annotation with this tag will carry the new name. Naming it after another "
             "tag merges the two.";
}

static void
rename_entry_changed_cb (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  TagEdit *edit = g_object_get_data (G_OBJECT (dialog), "dossier-tag-edit");
  DossierTag *target;

  g_free (edit->new_name);
  edit->new_name = clean_tag_name (gtk_editable_get_text (entry));
  target = find_tag (edit->self, edit->new_name);
  if (target != NULL && g_ascii_strcasecmp (target->name, edit->name) != 0)
    {
      g_autofree char *body = g_strdup_printf ("“%s” is already a tag: renaming “%s” merges "
                                               "the two.", target->name, edit->name);

      adw_message_dialog_set_body (dialog, body);
      adw_message_dialog_set_response_label (dialog, "rename", "_Merge…");
    }
  else
    {
      adw_message_dialog_set_body (dialog, rename_body (edit));
      adw_message_dialog_set_response_label (dialog, "rename", "_Rename");
    }
  adw_message_dialog_set_response_enabled (dialog, "rename",
                                           edit->new_name != NULL &&
                                           strcmp (edit->new_name, edit->name) != 0);
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TagEdit          *edit)
{
  DossierTagsDialog *self = edit->self;
  DossierTag *tag;
  DossierTag *target;

  if (g_strcmp0 (response, "rename") != 0 || edit->new_name == NULL ||
      strcmp (edit->new_name, edit->name) == 0)
    return;
  tag = find_tag (self, edit->name);
  target = find_tag (self, edit->new_name);
  if (tag != NULL && target != NULL && target != tag)
    confirm_merge (self, tag, target);
  else
    rename_tag (self, edit->name, edit->new_name, FALSE);
}

static void
show_rename_dialog (DossierTagsDialog *self,
                    DossierTag        *tag)
{
  TagEdit *edit = tag_edit_new (self, tag);
  g_autofree char *heading = g_strdup_printf ("Rename “%s”", tag->name);
  GtkWidget *dialog = new_message_dialog (self, heading, rename_body (edit), edit);
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), tag->name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "New name of the tag",
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", "_Cancel",
                                    "rename", "_Rename",
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "rename", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (rename_entry_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (rename_response_cb), edit);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Deleting */

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TagEdit          *edit)
{
  DossierTagsDialog *self = edit->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!dossier_store_delete_tag (self->store, edit->name, &error))
    {
      message = g_strdup_printf ("Could not delete “%s”: %s", edit->name, error->message);
      toast (self, message, TRUE);
      return;
    }
  g_debug ("deleted tag %s", edit->name);
  message = g_strdup_printf ("Deleted “%s”", edit->name);
  dossier_tags_dialog_reload (self);
  toast (self, message, FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
confirm_delete (DossierTagsDialog *self,
                DossierTag        *tag)
{
  TagEdit *edit = tag_edit_new (self, tag);
  g_autofree char *heading = g_strdup_printf ("Delete “%s”?", tag->name);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (tag->n_annotations == 0)
    body = g_strdup ("No annotation carries this tag.");
  else if (tag->n_annotations == 1)
    body = g_strdup ("1 annotation will lose this tag. The annotation itself is kept.");
  else
    body = g_strdup_printf ("%u annotations will lose this tag. The annotations themselves "
                            "are kept.", tag->n_annotations);
  dialog = new_message_dialog (self, heading, body, edit);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", "_Cancel",
                                    "delete", "_Delete",
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), edit);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions */

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DossierTagsDialog *self = DOSSIER_TAGS_DIALOG (widget);
  DossierTag *tag = find_tag (self, g_variant_get_string (parameter, NULL));

  if (tag != NULL)
    show_rename_dialog (self, tag);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DossierTagsDialog *self = DOSSIER_TAGS_DIALOG (widget);
  DossierTag *tag = find_tag (self, g_variant_get_string (parameter, NULL));

  if (tag != NULL)
    confirm_delete (self, tag);
}

static gboolean
act_on_selected (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  DossierTagsDialog *self = DOSSIER_TAGS_DIALOG (widget);
  DossierTag *tag = gtk_single_selection_get_selected_item (self->selection);

  if (tag == NULL)
    return FALSE;
  gtk_widget_activate_action (widget, g_variant_get_string (args, NULL), "s", tag->name);
  return TRUE;
}

static void
tag_activated_cb (DossierTagsDialog *self,
                  guint              position)
{
  g_autoptr(DossierTag) tag = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (tag != NULL)
    show_rename_dialog (self, tag);
}

/* GObject */

static void
dossier_tags_dialog_constructed (GObject *object)
{
  DossierTagsDialog *self = (DossierTagsDialog *) object;

  G_OBJECT_CLASS (dossier_tags_dialog_parent_class)->constructed (object);

  g_assert (DOSSIER_IS_STORE (self->store));
  reload_selecting (self, NULL);
  /* The keyboard starts on the list: arrows choose a tag, F2 renames it, Delete deletes it. */
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
dossier_tags_dialog_dispose (GObject *object)
{
  DossierTagsDialog *self = (DossierTagsDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_TAGS_DIALOG);
  g_clear_object (&self->info_toast);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->tags);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dossier_tags_dialog_parent_class)->dispose (object);
}

static void
dossier_tags_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DossierTagsDialog *self = DOSSIER_TAGS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_tags_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DossierTagsDialog *self = DOSSIER_TAGS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_tags_dialog_class_init (DossierTagsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dossier_tags_dialog_constructed;
  object_class->dispose = dossier_tags_dialog_dispose;
  object_class->get_property = dossier_tags_dialog_get_property;
  object_class->set_property = dossier_tags_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DOSSIER_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DossierTagsDialog::changed:
   * A tag was renamed, merged into another or deleted.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/dossier/Dossier/dossier-tags-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierTagsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DossierTagsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, DossierTagsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, DossierTagsDialog, column_view);
  gtk_widget_class_bind_template_child (widget_class, DossierTagsDialog, name_column);
  gtk_widget_class_bind_template_child (widget_class, DossierTagsDialog, count_column);
  gtk_widget_class_bind_template_callback (widget_class, tag_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_count_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_rename_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_delete_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, rename_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_activated_cb);

  gtk_widget_class_install_action (widget_class, "tags.rename", "s", rename_action);
  gtk_widget_class_install_action (widget_class, "tags.delete", "s", delete_action);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_F2, 0, act_on_selected,
                                NULL, "tags.rename");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, act_on_selected,
                                NULL, "tags.delete");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, act_on_selected,
                                NULL, "tags.delete");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
dossier_tags_dialog_init (DossierTagsDialog *self)
{
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  set_column_sorter (self->name_column, sort_by_name);
  set_column_sorter (self->count_column, sort_by_count);

  self->tags = g_list_store_new (DOSSIER_TYPE_TAG);
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->tags)),
                                          g_object_ref (sorter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
}

GtkWidget *
dossier_tags_dialog_new (GtkWindow    *parent,
                         DossierStore *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);

  return g_object_new (DOSSIER_TYPE_TAGS_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

DossierStore *
dossier_tags_dialog_get_store (DossierTagsDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_TAGS_DIALOG (self), NULL);
  return self->store;
}

GListModel *
dossier_tags_dialog_get_tags (DossierTagsDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_TAGS_DIALOG (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

GtkColumnView *
dossier_tags_dialog_get_column_view (DossierTagsDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_TAGS_DIALOG (self), NULL);
  return self->column_view;
}

const char *
dossier_tags_dialog_get_page (DossierTagsDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_TAGS_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}
