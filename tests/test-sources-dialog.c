/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sources and tags dialogs on a temporary workspace (the built-in registry, and a
 * document with tagged annotations), driven through their real widgets; the store is then
 * checked for what the analyst did.  Screenshots (PNG) go to the build directory. */
#include <adwaita.h>
#include <string.h>

#include "dossier-core.h"
#include "dossier-sources-dialog.h"
#include "dossier-tags-dialog.h"
#include "test-common.h"
#include "test-ui.h"

#define STORY_TITLE "Harbour talks stall in Vell"
#define STORY_BODY \
  "Minister Ilse Varga said on Tuesday that the harbour will stay open, according to the " \
  "Corland News Agency. The agency later reported that talks had stalled. Dock workers " \
  "voted to strike from Monday."

typedef struct {
  char         *dir;
  DossierStore *store;
  gint64        doc;
  GtkWindow    *parent;
  GtkWidget    *dialog;
  guint         n_changed;
} Fixture;

/* Whether the pointer at @data (a weak pointer) is NULL. */
static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

typedef struct {
  const char *text;
  gboolean    searched;
} Search;

static void
search_changed_cb (GtkEditable *entry,
                   Search      *search)
{
  search->searched |= g_strcmp0 (gtk_editable_get_text (entry), search->text) == 0;
}

/* Types into a search entry and waits for its "search-changed" for that text: it comes after
 * a delay (one for the emptied entry may come at once, when a text replaces another). */
static void
search_for (GtkEditable *entry,
            const char  *text)
{
  Search search = { text, FALSE };
  gulong id = g_signal_connect_after (entry, "search-changed", G_CALLBACK (search_changed_cb),
                                      &search);

  gtk_editable_set_text (entry, text);
  wait_for (is_true, &search.searched);
  g_signal_handler_disconnect (entry, id);
  settle_for (50);
}

static void
annotate (Fixture            *f,
          guint               start,
          guint               end,
          const char         *source,
          const char * const *tags)
{
  DossierAnnotationFields fields = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  fields.kind = source ? DOSSIER_ANNOTATION_CLAIM : DOSSIER_ANNOTATION_HIGHLIGHT;
  fields.source = source;
  fields.tags = tags;
  id = dossier_store_add_annotation (f->store, f->doc, start, end, &fields, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
}

static void
changed_cb (GtkWidget *dialog,
            Fixture   *f)
{
  f->n_changed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DossierArticle) article = test_make_article (STORY_TITLE, "The Vell Courier",
                                                           STORY_BODY);
  g_autoptr(GBytes) bytes = g_bytes_new_static (STORY_BODY, strlen (STORY_BODY));
  gboolean with_annotations = GPOINTER_TO_INT (data);

  f->dir = test_make_tmpdir ();
  f->store = test_open_workspace (f->dir, "ui.dossier", NULL);
  f->doc = test_add_article (f->store, article, bytes, "story.txt");
  if (with_annotations)
    {
      const char *economy_ports[] = { "economy", "ports", NULL };
      const char *economics[] = { "Economics", NULL };
      const char *economy[] = { "economy", NULL };

      annotate (f, 30, 60, "IRNA", economy_ports);
      annotate (f, 62, 100, "Reuters", economics);
      annotate (f, 120, 150, "IRNA", economy);
    }
  f->parent = GTK_WINDOW (gtk_window_new ());
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  destroy_windows ();
  finalize_workspace (f->store, f->dir);
}

static void
open_dialog (Fixture   *f,
             GtkWidget *dialog)
{
  f->dialog = dialog;
  g_signal_connect (dialog, "changed", G_CALLBACK (changed_cb), f);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for (mapped, dialog);
  settle ();
}

/* Answers the message dialog as its button would, and closes it. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  /* libadwaita 1.2 closes the dialog itself after the response; later versions do not */
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  settle ();
}

/* The first visible label with @css_class under @widget, or NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class) &&
      gtk_widget_get_visible (widget))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_label (child, css_class);

      if (label != NULL)
        return label;
    }
  return NULL;
}

static DossierSource *
find_source (Fixture    *f,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  DossierSource *source = dossier_store_find_source (f->store, name, &error);

  g_assert_no_error (error);
  return source;
}

/* Selects the row of @name in the table, as a click would. */
static void
select_row (Fixture    *f,
            const char *name)
{
  GtkColumnView *view = dossier_sources_dialog_get_column_view (DOSSIER_SOURCES_DIALOG (f->dialog));
  GtkSelectionModel *model = gtk_column_view_get_model (view);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DossierSource) source = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (strcmp (source->name, name) == 0)
        {
          g_assert_true (gtk_selection_model_select_item (model, i, TRUE));
          settle ();
          return;
        }
    }
  g_assert_not_reached ();
}

/* Types @text into an entry row and presses Enter in it. */
static void
type_and_activate (AdwEntryRow *row,
                   const char  *text)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));

  gtk_widget_grab_focus (GTK_WIDGET (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (delegate, "activate");
  settle ();
}

static char *
notes_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_sources_edit (Fixture *f, gconstpointer data)
{
  DossierSourcesDialog *dialog;
  GListModel *rows;
  AdwComboRow *kind;
  AdwComboRow *reliability;
  AdwEntryRow *country;
  AdwEntryRow *aliases;
  GtkLabel *aliases_error;
  GtkTextView *notes_view;
  GtkTextBuffer *notes;
  g_autoptr(DossierSource) irna = NULL;
  g_autoptr(DossierSource) by_alias = NULL;
  g_autoptr(DossierSource) reuters = NULL;
  g_autofree char *shown_notes = NULL;
  guint changed;

  open_dialog (f, dossier_sources_dialog_new (f->parent, f->store));
  dialog = DOSSIER_SOURCES_DIALOG (f->dialog);
  rows = G_LIST_MODEL (gtk_column_view_get_model (dossier_sources_dialog_get_column_view (dialog)));
  kind = dossier_sources_dialog_get_kind_row (dialog);
  reliability = dossier_sources_dialog_get_reliability_row (dialog);
  country = dossier_sources_dialog_get_country_row (dialog);
  aliases = dossier_sources_dialog_get_aliases_row (dialog);
  aliases_error = dossier_sources_dialog_get_aliases_error (dialog);
  notes_view = dossier_sources_dialog_get_notes_view (dialog);
  notes = gtk_text_view_get_buffer (notes_view);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == f->parent);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Sources");
  /* the whole built-in registry, and the first source is in the editor */
  g_assert_cmpuint (g_list_model_get_n_items (rows), >=, 100);
  g_assert_nonnull (dossier_sources_dialog_get_source (dialog));

  select_row (f, "IRNA");
  g_assert_cmpstr (dossier_sources_dialog_get_source (dialog)->name, ==, "IRNA");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (country)), ==, "IR");
  g_assert_cmpuint (adw_combo_row_get_selected (reliability), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (kind), ==, 0);
  g_assert_cmpuint (dossier_sources_dialog_get_source (dialog)->n_annotations, ==, 2);
  shown_notes = notes_text (notes_view);
  g_assert_cmpstr (shown_notes, ==, "Official news agency of the Iranian government");

  /* drop-downs save at once */
  adw_combo_row_set_selected (reliability, 2);
  settle ();
  irna = find_source (f, "IRNA");
  g_assert_cmpstr (irna->reliability, ==, "B");
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_clear_object (&irna);

  adw_combo_row_set_selected (kind, 1);
  settle ();
  irna = find_source (f, "IRNA");
  g_assert_cmpstr (irna->kind, ==, "news-agency");
  g_clear_object (&irna);
  /* the row follows the change, and stays selected */
  g_assert_cmpstr (dossier_sources_dialog_get_source (dialog)->kind, ==, "news-agency");
  g_assert_cmpstr (dossier_sources_dialog_get_source (dialog)->name, ==, "IRNA");

  /* an entry saves when activated, in the store's form */
  type_and_activate (aliases, " Islamic Republic News Agency ,IRNA English,, Iranian state media");
  by_alias = find_source (f, "irna english");
  g_assert_cmpstr (by_alias->name, ==, "IRNA");
  g_assert_cmpuint (g_strv_length (by_alias->aliases), ==, 3);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (aliases_error)));

  /* and when focus leaves it */
  gtk_widget_grab_focus (GTK_WIDGET (country));
  gtk_editable_set_text (GTK_EDITABLE (country), "fr");
  gtk_widget_grab_focus (GTK_WIDGET (notes_view));
  settle ();
  irna = find_source (f, "IRNA");
  g_assert_cmpstr (irna->country, ==, "FR");
  g_clear_object (&irna);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (country)), ==, "FR");

  /* an alias that names another source is refused, and the refusal is shown */
  changed = f->n_changed;
  type_and_activate (aliases, "IRNA English, Reuters");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (aliases_error)));
  g_assert_nonnull (strstr (gtk_label_get_text (aliases_error), "already names another source"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (aliases), "error"));
  g_assert_cmpuint (f->n_changed, ==, changed);
  reuters = find_source (f, "Reuters");
  g_assert_cmpstr (reuters->name, ==, "Reuters");
  /* the typed text stays, to be corrected */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (aliases)), ==, "IRNA English, Reuters");
  save_screenshot (f->dialog, "sources-dialog-error");
  type_and_activate (aliases, "IRNA English");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (aliases_error)));
  irna = find_source (f, "IRNA");
  g_assert_cmpuint (g_strv_length (irna->aliases), ==, 1);
  g_clear_object (&irna);

  /* notes are saved after a pause in typing */
  gtk_text_buffer_set_text (notes, "Run by the government; check its figures.", -1);
  settle_for (100);
  irna = find_source (f, "IRNA");
  g_assert_cmpstr (irna->notes, ==, "Official news agency of the Iranian government");
  g_clear_object (&irna);
  settle_for (700);
  irna = find_source (f, "IRNA");
  g_assert_cmpstr (irna->notes, ==, "Run by the government; check its figures.");
  g_clear_object (&irna);
  /* the row is brought into view for the screenshot */
  g_assert_true (dossier_sources_dialog_select_source (dialog, "IRNA"));
  save_screenshot (f->dialog, "sources-dialog");

  /* and at once when the dialog closes */
  gtk_text_buffer_set_text (notes, "Run by the government.", -1);
  gtk_window_close (GTK_WINDOW (dialog));
  settle ();
  irna = find_source (f, "IRNA");
  g_assert_cmpstr (irna->notes, ==, "Run by the government.");
  g_assert_cmpstr (irna->reliability, ==, "B");
  g_assert_cmpstr (irna->kind, ==, "news-agency");
  g_assert_cmpstr (irna->country, ==, "FR");
  g_assert_cmpstr (irna->aliases[0], ==, "IRNA English");
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static void
test_sources_filter_and_add (Fixture *f, gconstpointer data)
{
  DossierSourcesDialog *dialog;
  GListModel *rows;
  GtkEditable *filter;
  GtkEditable *new_name;
  GtkWidget *popover;
  g_autoptr(DossierSource) added = NULL;
  guint all;

  open_dialog (f, dossier_sources_dialog_new (f->parent, f->store));
  dialog = DOSSIER_SOURCES_DIALOG (f->dialog);
  rows = G_LIST_MODEL (gtk_column_view_get_model (dossier_sources_dialog_get_column_view (dialog)));
  filter = GTK_EDITABLE (dossier_sources_dialog_get_filter_entry (dialog));
  new_name = dossier_sources_dialog_get_new_name_entry (dialog);
  popover = gtk_widget_get_ancestor (GTK_WIDGET (new_name), GTK_TYPE_POPOVER);
  all = g_list_model_get_n_items (rows);

  /* by alias, whatever the case */
  search_for (filter, "itar-tass");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_cmpstr (dossier_sources_dialog_get_source (dialog)->name, ==, "TASS");
  /* by kind label and by country */
  search_for (filter, "social platform");
  g_assert_cmpuint (g_list_model_get_n_items (rows), >=, 5);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(DossierSource) source = g_list_model_get_item (rows, i);
      g_assert_cmpstr (source->kind, ==, "social-platform");
    }
  search_for (filter, "RU");
  g_assert_cmpuint (g_list_model_get_n_items (rows), >=, 5);
  g_assert_cmpuint (g_list_model_get_n_items (rows), <, all);
  save_screenshot (f->dialog, "sources-dialog-filter");
  search_for (filter, "no outlet is called this");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_assert_null (dossier_sources_dialog_get_source (dialog));
  save_screenshot (f->dialog, "sources-dialog-no-matches");

  /* adding a source: the popover's name and kind */
  gtk_widget_activate_action (f->dialog, "sources.new-source", NULL);
  settle ();
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (new_name)) ||
                 gtk_widget_get_focus_child (GTK_WIDGET (new_name)) != NULL);
  gtk_editable_set_text (new_name, "  Vell Harbour Radio ");
  gtk_drop_down_set_selected (dossier_sources_dialog_get_new_kind_dropdown (dialog), 3);
  settle ();
  save_screenshot (popover, "sources-dialog-add");
  g_assert_true (gtk_widget_activate_action (f->dialog, "sources.add-source", NULL));
  settle ();
  added = find_source (f, "vell harbour radio");
  g_assert_cmpstr (added->name, ==, "Vell Harbour Radio");
  g_assert_cmpstr (added->kind, ==, "broadcaster");
  g_assert_cmpstr (added->origin, ==, "analyst");
  g_assert_cmpuint (f->n_changed, ==, 1);
  /* it is shown, in the editor, with the filter cleared */
  g_assert_cmpstr (gtk_editable_get_text (filter), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, all + 1);
  g_assert_cmpstr (dossier_sources_dialog_get_source (dialog)->name, ==, "Vell Harbour Radio");
  g_assert_cmpuint (adw_combo_row_get_selected (dossier_sources_dialog_get_kind_row (dialog)),
                    ==, 3);
  g_assert_false (gtk_widget_get_visible (popover));

  /* a name the workspace has is refused in the popover */
  gtk_widget_activate_action (f->dialog, "sources.new-source", NULL);
  gtk_editable_set_text (new_name, "irna");
  g_assert_true (gtk_widget_activate_action (f->dialog, "sources.add-source", NULL));
  settle ();
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, all + 1);
  /* the popover stays open with the reason, and the source with that name is shown */
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_cmpstr (dossier_sources_dialog_get_source (dialog)->name, ==, "IRNA");
  g_assert_nonnull (find_label (popover, "error"));
  g_assert_cmpstr (gtk_label_get_text (find_label (popover, "error")), ==,
                   "“IRNA” is already in this workspace: it is selected in the list.");
  save_screenshot (popover, "sources-dialog-add-duplicate");

  /* a blank name cannot be added */
  gtk_editable_set_text (new_name, "   ");
  gtk_widget_activate_action (f->dialog, "sources.add-source", NULL);
  settle ();
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, all + 1);
}

static void
test_sources_unsaved_on_close (Fixture *f, gconstpointer data)
{
  DossierSourcesDialog *dialog;
  AdwEntryRow *aliases;
  AdwMessageDialog *message;
  g_autoptr(DossierSource) irna = NULL;

  open_dialog (f, dossier_sources_dialog_new (f->parent, f->store));
  dialog = DOSSIER_SOURCES_DIALOG (f->dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &f->dialog);
  g_assert_true (dossier_sources_dialog_select_source (dialog, "Islamic Republic News Agency"));
  settle ();
  g_assert_cmpstr (dossier_sources_dialog_get_source (dialog)->name, ==, "IRNA");

  /* typed, never activated, and not valid: closing keeps the window and says why */
  aliases = dossier_sources_dialog_get_aliases_row (dialog);
  gtk_widget_grab_focus (GTK_WIDGET (aliases));
  gtk_editable_set_text (GTK_EDITABLE (aliases), "Tasnim");
  gtk_window_close (GTK_WINDOW (dialog));
  settle ();
  g_assert_nonnull (f->dialog);
  g_assert_true (gtk_widget_get_visible (f->dialog));
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message),
                            "already names another source"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "IRNA"));
  save_screenshot (GTK_WIDGET (message), "sources-dialog-unsaved");
  respond (message, "keep");
  g_assert_nonnull (f->dialog);

  gtk_window_close (GTK_WINDOW (dialog));
  settle ();
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (message);
  respond (message, "discard");
  /* Closed from an idle: on a loaded machine that may take more than one settle (). */
  wait_for (pointer_cleared, &f->dialog);
  g_assert_null (f->dialog);
  irna = find_source (f, "IRNA");
  g_assert_false (g_strv_contains ((const char * const *) irna->aliases, "Tasnim"));
}

static DossierTag *
tag_at (DossierTagsDialog *dialog,
        guint              i)
{
  return g_list_model_get_item (dossier_tags_dialog_get_tags (dialog), i);
}

static guint
count_tagged (Fixture    *f,
              const char *tag)
{
  DossierAnnotationFilter filter = DOSSIER_ANNOTATION_FILTER_INIT;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;

  filter.tag = tag;
  annotations = dossier_store_list_annotations (f->store, &filter, &error);
  /* a tag that is gone is refused by name */
  if (g_error_matches (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND))
    return 0;
  g_assert_no_error (error);
  return annotations->len;
}

static void
test_tags (Fixture *f, gconstpointer data)
{
  DossierTagsDialog *dialog;
  AdwMessageDialog *message;
  GtkEditable *entry;
  g_autoptr(GPtrArray) tags = NULL;

  open_dialog (f, dossier_tags_dialog_new (f->parent, f->store));
  dialog = DOSSIER_TAGS_DIALOG (f->dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Tags");
  g_assert_cmpstr (dossier_tags_dialog_get_page (dialog), ==, "tags");
  g_assert_cmpuint (g_list_model_get_n_items (dossier_tags_dialog_get_tags (dialog)), ==, 3);
  {
    g_autoptr(DossierTag) first = tag_at (dialog, 0);
    g_autoptr(DossierTag) second = tag_at (dialog, 1);

    g_assert_cmpstr (first->name, ==, "Economics");
    g_assert_cmpuint (first->n_annotations, ==, 1);
    g_assert_cmpstr (second->name, ==, "economy");
    g_assert_cmpuint (second->n_annotations, ==, 2);
  }
  save_screenshot (f->dialog, "tags-dialog");

  /* renaming onto an existing tag asks first, then merges */
  g_assert_true (gtk_widget_activate_action (f->dialog, "tags.rename", "s", "economy"));
  settle ();
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Rename “economy”");
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (message));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "economy");
  g_assert_false (adw_message_dialog_get_response_enabled (message, "rename"));
  gtk_editable_set_text (entry, "economics ");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "already a tag"));
  settle ();
  save_screenshot (GTK_WIDGET (message), "tags-rename");
  respond (message, "rename");
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Merge into “Economics”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "2 annotations"));
  g_assert_cmpuint (f->n_changed, ==, 0);
  save_screenshot (GTK_WIDGET (message), "tags-merge");
  respond (message, "merge");
  g_assert_cmpuint (f->n_changed, ==, 1);
  tags = dossier_store_list_tags (f->store, NULL);
  g_assert_cmpuint (tags->len, ==, 2);
  g_assert_cmpstr (((DossierTag *) tags->pdata[0])->name, ==, "Economics");
  g_assert_cmpuint (((DossierTag *) tags->pdata[0])->n_annotations, ==, 3);
  g_assert_cmpuint (count_tagged (f, "economy"), ==, 0);
  g_assert_cmpuint (count_tagged (f, "Economics"), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (dossier_tags_dialog_get_tags (dialog)), ==, 2);
  g_clear_pointer (&tags, g_ptr_array_unref);

  /* a new name is a plain rename */
  g_assert_true (gtk_widget_activate_action (f->dialog, "tags.rename", "s", "ports"));
  settle ();
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (message));
  gtk_editable_set_text (entry, "harbours");
  respond (message, "rename");
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (count_tagged (f, "harbours"), ==, 1);
  g_assert_cmpuint (count_tagged (f, "ports"), ==, 0);
  g_assert_cmpuint (f->n_changed, ==, 2);

  /* deleting says how many annotations lose the tag; they stay */
  g_assert_true (gtk_widget_activate_action (f->dialog, "tags.delete", "s", "Economics"));
  settle ();
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Delete “Economics”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "3 annotations will lose"));
  save_screenshot (GTK_WIDGET (message), "tags-delete");
  respond (message, "cancel");
  g_assert_cmpuint (count_tagged (f, "Economics"), ==, 3);
  g_assert_true (gtk_widget_activate_action (f->dialog, "tags.delete", "s", "Economics"));
  settle ();
  respond (find_toplevel (ADW_TYPE_MESSAGE_DIALOG), "delete");
  g_assert_cmpuint (count_tagged (f, "Economics"), ==, 0);
  g_assert_cmpuint (f->n_changed, ==, 3);
  {
    g_autoptr(GPtrArray) annotations = dossier_store_list_annotations (f->store, NULL, NULL);
    g_assert_cmpuint (annotations->len, ==, 3);
  }

  g_assert_true (gtk_widget_activate_action (f->dialog, "tags.delete", "s", "harbours"));
  settle ();
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "1 annotation will lose"));
  respond (message, "delete");
  g_assert_cmpuint (g_list_model_get_n_items (dossier_tags_dialog_get_tags (dialog)), ==, 0);
  g_assert_cmpstr (dossier_tags_dialog_get_page (dialog), ==, "empty");
  save_screenshot (f->dialog, "tags-dialog-empty");
}

static void
test_tags_empty (Fixture *f, gconstpointer data)
{
  open_dialog (f, dossier_tags_dialog_new (f->parent, f->store));
  g_assert_cmpstr (dossier_tags_dialog_get_page (DOSSIER_TAGS_DIALOG (f->dialog)), ==, "empty");
  /* Escape closes, like the window's close button */
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
  gtk_widget_activate_action (f->dialog, "window.close", NULL);
  settle ();
  g_assert_null (f->dialog);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_ui_init ();

#define ADD(path, annotated, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (annotated), fixture_set_up, func, fixture_tear_down)

  ADD ("/sources-dialog/edit", TRUE, test_sources_edit);
  ADD ("/sources-dialog/filter-and-add", FALSE, test_sources_filter_and_add);
  ADD ("/sources-dialog/unsaved-on-close", FALSE, test_sources_unsaved_on_close);
  ADD ("/tags-dialog/rename-merge-delete", TRUE, test_tags);
  ADD ("/tags-dialog/empty", FALSE, test_tags_empty);

#undef ADD

  return g_test_run ();
}
