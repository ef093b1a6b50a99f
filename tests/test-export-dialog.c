/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Export dialog and "Import annotations" of the real window, on a temporary workspace of
 * two annotated documents: the dialog is opened with win.export and set through its widgets;
 * the destination is given with dossier_export_dialog_set_destination(), since the native
 * file chooser cannot be driven under Xvfb.  Screenshots (PNG) go to the build directory. */
#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dossier-core.h"
#include "dossier-export-dialog.h"
#include "dossier-window.h"
#include "test-common.h"
#include "test-ui.h"

#define HARBOUR_TITLE "Harbour talks stall in Vell"
#define HARBOUR_BODY \
  "Minister Ilse Varga said on Tuesday that the harbour will stay open, according to the " \
  "Corland News Agency. Dock workers voted to strike from Monday."
#define HARBOUR_QUOTE "the harbour will stay open"

#define FERRY_TITLE "Ferry line approved"
#define FERRY_BODY \
  "The council approved the ferry line after a long debate. Councillor Mara Ostrand claimed " \
  "that fares would fall by half within a year."
#define FERRY_CLAIM "fares would fall by half within a year"

typedef struct {
  char          *dir;
  DossierStore  *store;
  GSettings     *settings;
  DossierWindow *window;
  gint64         harbour;
  gint64         ferry;
} Fixture;

static gboolean
library_read (gpointer data)
{
  return !dossier_window_is_reading_library (data);
}

static gboolean
export_ended (gpointer data)
{
  return !dossier_export_dialog_is_exporting (data);
}

static gboolean
annotations_imported (gpointer data)
{
  return !dossier_window_is_importing_annotations (data);
}

static gint64
add_document (Fixture    *f,
              const char *title,
              const char *outlet,
              const char *published,
              const char *body)
{
  g_autoptr(DossierTextBuilder) builder = dossier_text_builder_new ();
  g_autoptr(DossierArticle) article = dossier_article_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  article->title = g_strdup (title);
  article->outlet = g_strdup (outlet);
  article->published = g_strdup (published);
  article->precision = DOSSIER_PRECISION_DAY;
  article->format = g_strdup ("text");
  dossier_text_builder_add (builder, DOSSIER_REGION_PARAGRAPH, body, -1);
  dossier_text_builder_finish (builder, article);
  return test_add_article (f->store, article, bytes, "story.txt");
}

/* Annotates the first occurrence of @passage in @document's text. */
static gint64
annotate (Fixture               *f,
          gint64                 document,
          const char            *body,
          const char            *passage,
          DossierAnnotationKind  kind,
          const char            *speaker,
          const char            *tag)
{
  DossierAnnotationFields fields = { 0 };
  const char *tags[] = { tag, NULL };
  g_autoptr(GError) error = NULL;
  guint start, end;
  gint64 id;

  test_find_passage (body, passage, &start, &end);
  fields.kind = kind;
  fields.speaker = speaker;
  fields.source = "Corland News Agency";
  fields.tags = tags;
  id = dossier_store_add_annotation (f->store, document, start, end, &fields, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_tmpdir ();
  f->store = test_open_workspace (f->dir, "harbour-desk.dossier", NULL);
  f->harbour = add_document (f, HARBOUR_TITLE, "The Vell Courier", "2024-05-14", HARBOUR_BODY);
  f->ferry = add_document (f, FERRY_TITLE, "Port Vell Gazette", "2024-06-20", FERRY_BODY);
  annotate (f, f->harbour, HARBOUR_BODY, HARBOUR_QUOTE, DOSSIER_ANNOTATION_QUOTE,
            "Ilse Varga", "ports");
  annotate (f, f->ferry, FERRY_BODY, FERRY_CLAIM, DOSSIER_ANNOTATION_CLAIM, "Mara Ostrand",
            "ferries");

  f->window = open_window (f->store, 1100, 760, &f->settings);
  wait_for (library_read, f->window);
  settle ();
  dossier_window_show_document (f->window, f->harbour);
  settle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  destroy_windows ();
  g_clear_object (&f->settings);
  finalize_workspace (f->store, f->dir);
}

/* Opens the dialog as the menu and Ctrl+Shift+E do. */
static DossierExportDialog *
open_export_dialog (Fixture *f)
{
  DossierExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  dialog = DOSSIER_EXPORT_DIALOG (find_toplevel (DOSSIER_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  wait_for (mapped, dialog);
  settle ();
  return dialog;
}

static GFile *
file_in_dir (Fixture    *f,
             const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  return g_file_new_for_path (path);
}

/* Runs the export as the Export button does and waits until the dialog closed, which it does
 * once the file is written. */
static void
export_and_wait (DossierExportDialog *dialog)
{
  gboolean destroyed = FALSE;

  g_signal_connect (dialog, "destroy", G_CALLBACK (set_true), &destroyed);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.run", NULL));
  g_assert_true (dossier_export_dialog_is_exporting (dialog));
  wait_for (is_true, &destroyed);
  settle ();
}

static char *
read_file (GFile *file)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

/* Whether Export can be pressed: the dialog's default widget is its Export button. */
static gboolean
export_enabled (DossierExportDialog *dialog)
{
  GtkWidget *button = gtk_window_get_default_widget (GTK_WINDOW (dialog));

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "export.run");
  return gtk_widget_get_sensitive (button);
}

static void
test_open_document_markdown (Fixture       *f,
                             gconstpointer  data)
{
  DossierExportDialog *dialog = open_export_dialog (f);
  g_autoptr(GFile) file = file_in_dir (f, "harbour.md");
  g_autofree char *suggested = dossier_export_dialog_dup_suggested_name (dialog);
  g_autofree char *contents = NULL;
  g_autofree char *uri = NULL;
  AdwToast *toast;
  GVariant *target;

  /* the open document is the scope offered first, and names the file */
  g_assert_true (gtk_check_button_get_active (
    dossier_export_dialog_get_scope_button (dialog, DOSSIER_EXPORT_SCOPE_OPEN_DOCUMENT)));
  g_assert_cmpstr (suggested, ==, HARBOUR_TITLE ".md");
  g_assert_null (dossier_export_dialog_get_error (dialog));
  g_assert_true (export_enabled (dialog));
  save_screenshot (GTK_WIDGET (dialog), "export-dialog");

  dossier_export_dialog_set_destination (dialog, file);
  export_and_wait (dialog);

  contents = read_file (file);
  g_assert_nonnull (strstr (contents, HARBOUR_QUOTE));
  g_assert_nonnull (strstr (contents, "Ilse Varga"));
  /* only the open document */
  g_assert_null (strstr (contents, "fares would fall"));

  toast = dossier_window_get_export_toast (f->window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Exported 1 annotation to harbour.md");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.open-file");
  target = adw_toast_get_action_target_value (toast);
  uri = g_file_get_uri (file);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uri);
  save_screenshot (GTK_WIDGET (f->window), "export-toast");
}

static void
test_chosen_documents_json (Fixture       *f,
                            gconstpointer  data)
{
  DossierExportDialog *dialog = open_export_dialog (f);
  g_autoptr(GFile) markdown = file_in_dir (f, "chosen.md");
  g_autoptr(GFile) json = file_in_dir (f, "chosen.json");
  g_autofree char *contents = NULL;
  g_autofree char *suggested = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GtkCheckButton *harbour, *ferry;

  /* a destination chosen for Markdown follows the format */
  dossier_export_dialog_set_destination (dialog, markdown);
  adw_combo_row_set_selected (dossier_export_dialog_get_format_row (dialog), DOSSIER_EXPORT_JSON);
  g_assert_true (g_file_equal (dossier_export_dialog_get_destination (dialog), json));
  /* but never onto a file nobody agreed to replace: then Export asks again */
  g_assert_true (g_file_set_contents (g_file_peek_path (markdown), "kept", -1, NULL));
  adw_combo_row_set_selected (dossier_export_dialog_get_format_row (dialog),
                              DOSSIER_EXPORT_MARKDOWN);
  g_assert_null (dossier_export_dialog_get_destination (dialog));
  g_assert_true (g_file_delete (markdown, NULL, NULL));
  adw_combo_row_set_selected (dossier_export_dialog_get_format_row (dialog), DOSSIER_EXPORT_JSON);
  dossier_export_dialog_set_destination (dialog, json);

  gtk_check_button_set_active (
    dossier_export_dialog_get_scope_button (dialog, DOSSIER_EXPORT_SCOPE_CHOSEN_DOCUMENTS), TRUE);
  harbour = dossier_export_dialog_get_document_button (dialog, f->harbour);
  ferry = dossier_export_dialog_get_document_button (dialog, f->ferry);
  g_assert_nonnull (harbour);
  g_assert_nonnull (ferry);
  /* the open document starts ticked */
  g_assert_true (gtk_check_button_get_active (harbour));
  g_assert_false (gtk_check_button_get_active (ferry));

  /* nothing chosen: nothing to export */
  gtk_check_button_set_active (harbour, FALSE);
  g_assert_false (export_enabled (dialog));
  gtk_check_button_set_active (ferry, TRUE);
  g_assert_true (export_enabled (dialog));
  suggested = dossier_export_dialog_dup_suggested_name (dialog);
  g_assert_cmpstr (suggested, ==, FERRY_TITLE ".json");
  g_assert_cmpstr (adw_preferences_group_get_description (
                     ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (
                       GTK_WIDGET (ferry), ADW_TYPE_PREFERENCES_GROUP))), ==, "1 of 2 chosen");
  save_screenshot (GTK_WIDGET (dialog), "export-dialog-chosen");

  export_and_wait (dialog);
  contents = read_file (json);
  g_assert_true (json_parser_load_from_data (parser, contents, -1, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "\"TextQuoteSelector\""));
  g_assert_nonnull (strstr (contents, FERRY_CLAIM));
  g_assert_null (strstr (contents, HARBOUR_QUOTE));
  g_assert_false (g_file_query_exists (markdown, NULL));
  g_assert_cmpstr (adw_toast_get_title (dossier_window_get_export_toast (f->window)), ==,
                   "Exported 1 annotation to chosen.json");
}

static void
test_filters_csv (Fixture       *f,
                  gconstpointer  data)
{
  DossierExportDialog *dialog = open_export_dialog (f);
  g_autoptr(GFile) file = file_in_dir (f, "claims.csv");
  g_autofree char *contents = NULL;
  g_autofree char *suggested = NULL;

  adw_combo_row_set_selected (dossier_export_dialog_get_format_row (dialog), DOSSIER_EXPORT_CSV);
  gtk_check_button_set_active (
    dossier_export_dialog_get_scope_button (dialog, DOSSIER_EXPORT_SCOPE_WORKSPACE), TRUE);
  /* the whole workspace is named after the workspace file */
  suggested = dossier_export_dialog_dup_suggested_name (dialog);
  g_assert_cmpstr (suggested, ==, "harbour-desk.csv");
  /* claims published from June on, by Mara Ostrand: the ferry claim alone */
  adw_combo_row_set_selected (dossier_export_dialog_get_kind_row (dialog),
                              1 + DOSSIER_ANNOTATION_CLAIM);
  gtk_editable_set_text (GTK_EDITABLE (dossier_export_dialog_get_filter_row (dialog, "speaker")),
                         "Mara Ostrand");
  gtk_editable_set_text (GTK_EDITABLE (dossier_export_dialog_get_filter_row (dialog, "from")),
                         "2024-06");
  gtk_editable_set_text (GTK_EDITABLE (dossier_export_dialog_get_filter_row (dialog, "to")),
                         "2024");
  dossier_export_dialog_set_destination (dialog, file);
  save_screenshot (GTK_WIDGET (dialog), "export-dialog-filters");
  export_and_wait (dialog);

  contents = read_file (file);
  g_assert_nonnull (strstr (contents, FERRY_CLAIM));
  g_assert_null (strstr (contents, HARBOUR_QUOTE));
  g_assert_cmpstr (adw_toast_get_title (dossier_window_get_export_toast (f->window)), ==,
                   "Exported 1 annotation to claims.csv");
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  DossierExportDialog *dialog = open_export_dialog (f);
  g_autoptr(GFile) file = file_in_dir (f, "report.pdf");
  g_autofree char *contents = NULL;

  adw_combo_row_set_selected (dossier_export_dialog_get_format_row (dialog), DOSSIER_EXPORT_PDF);
  gtk_check_button_set_active (
    dossier_export_dialog_get_scope_button (dialog, DOSSIER_EXPORT_SCOPE_WORKSPACE), TRUE);
  dossier_export_dialog_set_destination (dialog, file);
  export_and_wait (dialog);
  contents = read_file (file);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpstr (adw_toast_get_title (dossier_window_get_export_toast (f->window)), ==,
                   "Exported 2 annotations to report.pdf");
}

static void
test_invalid_dates (Fixture       *f,
                    gconstpointer  data)
{
  DossierExportDialog *dialog = open_export_dialog (f);
  AdwEntryRow *from = dossier_export_dialog_get_filter_row (dialog, "from");
  AdwEntryRow *to = dossier_export_dialog_get_filter_row (dialog, "to");

  /* no thirteenth month */
  gtk_editable_set_text (GTK_EDITABLE (from), "2024-13");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (from), "error"));
  g_assert_false (export_enabled (dialog));
  /* no 30 February */
  gtk_editable_set_text (GTK_EDITABLE (from), "2024-02-30");
  g_assert_false (export_enabled (dialog));
  gtk_editable_set_text (GTK_EDITABLE (from), "2024-02-29");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (from), "error"));
  g_assert_true (export_enabled (dialog));

  /* a range that ends before it starts */
  gtk_editable_set_text (GTK_EDITABLE (from), "2024-06");
  gtk_editable_set_text (GTK_EDITABLE (to), "2024-05-31");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (from), "error"));
  g_assert_false (export_enabled (dialog));
  /* the disabled Export button says why */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (
                     gtk_window_get_default_widget (GTK_WINDOW (dialog))),
                   ==, "The start date is after the end date.");
  /* scrolled to the end, where the reason is given under the dates */
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (to), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment;

    gtk_widget_grab_focus (GTK_WIDGET (to));
    settle ();
    adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  }
  save_screenshot (GTK_WIDGET (dialog), "export-dialog-dates");
  /* the same month at two precisions is a range */
  gtk_editable_set_text (GTK_EDITABLE (to), "2024-06-30");
  g_assert_true (export_enabled (dialog));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (from), "error"));
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  DossierExportDialog *dialog = open_export_dialog (f);
  g_autoptr(GFile) missing = file_in_dir (f, "no-such-folder/harbour.md");
  g_autoptr(GFile) file = file_in_dir (f, "harbour.md");
  const char *message;

  /* a folder that does not exist: the dialog stays, says why, and writes nothing */
  dossier_export_dialog_set_destination (dialog, missing);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.run", NULL));
  wait_for (export_ended, dialog);
  settle ();
  message = dossier_export_dialog_get_error (dialog);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "Could not export"));
  g_assert_nonnull (strstr (message, "no-such-folder"));
  g_assert_false (g_file_query_exists (missing, NULL));
  g_assert_null (dossier_window_get_export_toast (f->window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  save_screenshot (GTK_WIDGET (dialog), "export-dialog-error");

  /* a tag the workspace does not have is named in the error */
  dossier_export_dialog_set_destination (dialog, file);
  g_assert_null (dossier_export_dialog_get_error (dialog));
  gtk_editable_set_text (GTK_EDITABLE (dossier_export_dialog_get_filter_row (dialog, "tag")),
                         "lighthouses");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.run", NULL));
  wait_for (export_ended, dialog);
  message = dossier_export_dialog_get_error (dialog);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "lighthouses"));
  g_assert_false (g_file_query_exists (file, NULL));

  /* fixed, the export goes through */
  gtk_editable_set_text (GTK_EDITABLE (dossier_export_dialog_get_filter_row (dialog, "tag")),
                         "PORTS");
  export_and_wait (dialog);
  g_assert_true (g_file_query_exists (file, NULL));
}

/* Stop, pressed as the export starts: either the worker saw it (the dialog says so and no
 * file is written) or it had already written the file (which is then announced, not hidden);
 * never a file behind a "stopped". */
static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  /* Held: a finished export closes the dialog. */
  g_autoptr(DossierExportDialog) dialog = g_object_ref (open_export_dialog (f));
  g_autoptr(GFile) file = file_in_dir (f, "stopped.html");
  const char *message;

  adw_combo_row_set_selected (dossier_export_dialog_get_format_row (dialog), DOSSIER_EXPORT_HTML);
  dossier_export_dialog_set_destination (dialog, file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.run", NULL));
  g_assert_true (dossier_export_dialog_is_exporting (dialog));
  /* while it runs, the form cannot change under it, nor can a second export start */
  g_assert_false (export_enabled (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.cancel", NULL));
  wait_for (export_ended, dialog);
  settle ();
  /* Closed: gtk_window_destroy() hides it; it is disposed only when the test lets it go. */
  if (!gtk_widget_get_visible (GTK_WIDGET (dialog)))
    {
      g_test_message ("the export ended before Stop was seen");
      g_assert_true (g_file_query_exists (file, NULL));
      g_assert_nonnull (dossier_window_get_export_toast (f->window));
      return;
    }
  message = dossier_export_dialog_get_error (dialog);
  g_assert_cmpstr (message, ==, "The export was stopped; no file was written.");
  g_assert_false (g_file_query_exists (file, NULL));
  g_assert_null (dossier_window_get_export_toast (f->window));
  g_assert_true (export_enabled (dialog));
}

static const char orphan_json[] =
  "[{\"uri\": \"https://elsewhere.example/lighthouse\","
  "  \"text\": \"Not in this workspace\","
  "  \"tags\": [\"coast\"],"
  "  \"target\": [{\"source\": \"https://elsewhere.example/lighthouse\","
  "    \"selector\": [{\"type\": \"TextQuoteSelector\","
  "      \"exact\": \"the lighthouse keeper retired after forty winters\"}]}]}]";

static void
test_import_annotations (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) json = file_in_dir (f, "all.json");
  g_autoptr(GFile) orphans = file_in_dir (f, "orphans.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *orphans_uri = NULL;
  DossierExportFilter filter = DOSSIER_EXPORT_FILTER_INIT;
  DossierAnnotationFilter list = DOSSIER_ANNOTATION_FILTER_INIT;
  GListModel *panel = dossier_annotation_panel_get_model (
    dossier_window_get_annotation_panel (f->window));
  AdwMessageDialog *report;
  guint n = 0;

  /* the workspace's annotations as JSON; then the harbour quote is deleted */
  g_assert_true (dossier_export_to_file (f->store, &filter, DOSSIER_EXPORT_JSON, json, &n, NULL,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  list.document_id = f->harbour;
  before = dossier_store_list_annotations (f->store, &list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 1);
  g_assert_true (dossier_store_remove_annotation (
    f->store, ((DossierAnnotation *) g_ptr_array_index (before, 0))->id, &error));
  dossier_window_show_document (f->window, f->ferry);
  settle ();
  dossier_window_show_document (f->window, f->harbour);
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (panel), ==, 0);

  /* importing it back places the deleted quote again, and knows the claim is there */
  uri = g_file_get_uri (json);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-annotations",
                                             "s", uri));
  g_assert_true (dossier_window_is_importing_annotations (f->window));
  wait_for (annotations_imported, f->window);
  settle ();
  g_assert_cmpstr (adw_toast_get_title (dossier_window_get_export_toast (f->window)), ==,
                   "1 annotation imported, 1 already there");
  /* the open document shows it at once */
  g_assert_cmpuint (g_list_model_get_n_items (panel), ==, 1);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* an annotation of an article the workspace does not hold is reported, not dropped
   * silently */
  g_assert_true (g_file_set_contents (g_file_peek_path (orphans), orphan_json, -1, NULL));
  orphans_uri = g_file_get_uri (orphans);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-annotations",
                                             "s", orphans_uri));
  wait_for (annotations_imported, f->window);
  settle ();
  g_assert_cmpstr (adw_toast_get_title (dossier_window_get_export_toast (f->window)), ==,
                   "0 annotations imported, 1 not placed");
  report = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (report);
  g_assert_cmpstr (adw_message_dialog_get_heading (report), ==, "Some Annotations Were Not Placed");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (report), "lighthouse keeper"));
  save_screenshot (GTK_WIDGET (report), "import-annotations-report");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_ui_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/export-dialog/open-document-markdown", test_open_document_markdown);
  ADD ("/export-dialog/chosen-documents-json", test_chosen_documents_json);
  ADD ("/export-dialog/filters-csv", test_filters_csv);
  ADD ("/export-dialog/pdf", test_pdf);
  ADD ("/export-dialog/invalid-dates", test_invalid_dates);
  ADD ("/export-dialog/errors", test_errors);
  ADD ("/export-dialog/stop", test_stop);
  ADD ("/export-dialog/import-annotations", test_import_annotations);

  return g_test_run ();
}
