/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-export-dialog"

#include <stdlib.h>
#include <string.h>

#include "dossier-core.h"
#include "dossier-export-dialog.h"

/* The progress line is shown only when an export takes longer than this, so that a small
 * export does not flash it. */
#define PROGRESS_DELAY_MS 250

struct _DossierExportDialog
{
  AdwWindow          parent_instance;

  /* template widgets */
  AdwWindowTitle    *window_title;
  GtkWidget         *export_button;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  GtkRevealer       *progress_revealer;
  GtkSpinner        *spinner;
  GtkLabel          *progress_label;
  AdwPreferencesPage *form;
  AdwComboRow       *format_row;
  AdwActionRow      *open_row;
  GtkCheckButton    *open_button;
  GtkCheckButton    *chosen_button;
  GtkCheckButton    *workspace_button;
  AdwPreferencesGroup *documents_group;
  GtkSearchEntry    *documents_search;
  GtkListView       *documents_view;
  AdwComboRow       *kind_row;
  AdwEntryRow       *tag_row;
  AdwEntryRow       *source_row;
  AdwEntryRow       *speaker_row;
  AdwEntryRow       *from_row;
  AdwEntryRow       *to_row;
  GtkLabel          *date_error_label;
  AdwActionRow      *destination_row;

  /* owned */
  DossierStore      *store;
  GListModel        *documents;
  GtkCustomFilter   *documents_filter;
  GHashTable        *chosen;            /* gint64 * ids of the documents ticked */
  GFile             *destination;
  GCancellable      *cancellable;       /* while an export runs */
  guint              progress_id;       /* shows the progress line after a delay */
  gint64             open_document_id;
  gboolean           dates_valid;
};

G_DEFINE_FINAL_TYPE (DossierExportDialog, dossier_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DOCUMENTS,
  PROP_OPEN_DOCUMENT_ID,
  N_PROPS
};

enum {
  EXPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_actions (DossierExportDialog *self);

/* Form */

static DossierExportFormat
selected_format (DossierExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  return selected < DOSSIER_N_EXPORT_FORMATS ? (DossierExportFormat) selected
                                             : DOSSIER_EXPORT_MARKDOWN;
}

static DossierExportScope
selected_scope (DossierExportDialog *self)
{
  if (gtk_check_button_get_active (self->open_button))
    return DOSSIER_EXPORT_SCOPE_OPEN_DOCUMENT;
  if (gtk_check_button_get_active (self->chosen_button))
    return DOSSIER_EXPORT_SCOPE_CHOSEN_DOCUMENTS;
  return DOSSIER_EXPORT_SCOPE_WORKSPACE;
}

static DossierDocument *
find_document (DossierExportDialog *self,
               gint64               id)
{
  guint n = g_list_model_get_n_items (self->documents);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DossierDocument) document = g_list_model_get_item (self->documents, i);

      if (dossier_document_get_id (document) == id)
        return document;   /* still held by the list */
    }
  return NULL;
}

/* The text of an entry row, trimmed; NULL when empty. */
static char *
dup_entry_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (text[0] == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

/* YYYY, YYYY-MM or YYYY-MM-DD naming a real month and day. */
static gboolean
is_valid_date (const char *text)
{
  int year = 0, month = 1, day = 1;
  gsize len = strlen (text);

  if (len != 4 && len != 7 && len != 10)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      gboolean dash = i == 4 || i == 7;

      if (dash ? text[i] != '-' : !g_ascii_isdigit (text[i]))
        return FALSE;
    }
  year = atoi (text);
  if (len >= 7)
    month = atoi (text + 5);
  if (len == 10)
    day = atoi (text + 8);
  return year >= 1 && month >= 1 && month <= 12 &&
         g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* Checks the date range; marks a wrong field and says why under the filters. */
static void
validate_dates (DossierExportDialog *self)
{
  g_autofree char *from = dup_entry_text (self->from_row);
  g_autofree char *to = dup_entry_text (self->to_row);
  gboolean from_ok = from == NULL || is_valid_date (from);
  gboolean to_ok = to == NULL || is_valid_date (to);
  const char *message = NULL;

  if (!from_ok)
    message = "The start date is not a date: write 2024, 2024-05 or 2024-05-19.";
  else if (!to_ok)
    message = "The end date is not a date: write 2024, 2024-05 or 2024-05-19.";
  /* Compared on the precision both have: 2024-05 to 2024-05-10 is a valid range. */
  else if (from != NULL && to != NULL &&
           strncmp (from, to, MIN (strlen (from), strlen (to))) > 0)
    {
      message = "The start date is after the end date.";
      from_ok = FALSE;
    }

  if (from_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->from_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->from_row), "error");
  if (to_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->to_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->to_row), "error");
  gtk_label_set_text (self->date_error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), message != NULL);
  self->dates_valid = message == NULL;
}

/* A file name from a title: no directory separators nor control characters, not hidden. */
static char *
file_name_from_title (const char *title)
{
  g_autoptr(GString) name = g_string_new (NULL);
  guint n_chars = 0;

  for (const char *p = title; p != NULL && *p != '\0' && n_chars < 80; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || g_unichar_iscntrl (c))
        c = ' ';
      if (name->len == 0 && (c == '.' || g_unichar_isspace (c)))
        continue;
      g_string_append_unichar (name, c);
      n_chars++;
    }
  g_strchomp (name->str);
  g_string_set_size (name, strlen (name->str));
  if (name->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&name), FALSE);
}

char *
dossier_export_dialog_dup_suggested_name (DossierExportDialog *self)
{
  const char *extension;
  g_autofree char *title = NULL;
  DossierDocument *document = NULL;

  g_return_val_if_fail (DOSSIER_IS_EXPORT_DIALOG (self), NULL);

  extension = dossier_export_format_extension (selected_format (self));
  switch (selected_scope (self))
    {
    case DOSSIER_EXPORT_SCOPE_OPEN_DOCUMENT:
      document = find_document (self, self->open_document_id);
      break;
    case DOSSIER_EXPORT_SCOPE_CHOSEN_DOCUMENTS:
      if (g_hash_table_size (self->chosen) == 1)
        {
          GList *ids = g_hash_table_get_keys (self->chosen);

          document = find_document (self, *(gint64 *) ids->data);
          g_list_free (ids);
        }
      break;
    case DOSSIER_EXPORT_SCOPE_WORKSPACE:
    default:
      break;
    }
  if (document != NULL)
    title = file_name_from_title (dossier_document_get_title (document));
  if (title == NULL)
    {
      g_autofree char *base = g_path_get_basename (dossier_store_get_path (self->store));
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      title = file_name_from_title (base);
    }
  return g_strdup_printf ("%s.%s", title ? title : "annotations", extension);
}

static void
show_destination (DossierExportDialog *self)
{
  g_autofree char *shown = NULL;

  if (self->destination != NULL)
    shown = g_file_get_parse_name (self->destination);
  adw_action_row_set_subtitle (self->destination_row, shown ? shown : "Asked when you export");
}

static void
show_error (DossierExportDialog *self,
            const char          *message)
{
  if (message != NULL)
    gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* What each format is for, under its name (in DossierExportFormat order). */
static const char * const format_descriptions[DOSSIER_N_EXPORT_FORMATS] = {
  "Quotes with their provenance, as text",
  "A report for a browser or a printer",
  "One row per annotation, for spreadsheets",
  "W3C Web Annotation, to import elsewhere",
  "The report, ready to share or print",
};

static void
format_selected_cb (DossierExportDialog *self)
{
  DossierExportFormat format = selected_format (self);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row), format_descriptions[format]);

  /* A destination chosen for another format follows the new one: notes.md becomes notes.csv,
   * so the file's name never lies about its content. */
  if (self->destination != NULL)
    {
      g_autofree char *base = g_file_get_basename (self->destination);
      char *dot = strrchr (base, '.');
      DossierExportFormat old;

      if (dot != NULL && dot != base)
        {
          for (old = 0; old < DOSSIER_N_EXPORT_FORMATS; old++)
            if (g_ascii_strcasecmp (dot + 1, dossier_export_format_extension (old)) == 0)
              break;
          if (old < DOSSIER_N_EXPORT_FORMATS && old != format)
            {
              g_autoptr(GFile) parent = g_file_get_parent (self->destination);
              g_autofree char *renamed = NULL;

              *dot = '\0';
              renamed = g_strdup_printf ("%s.%s", base, dossier_export_format_extension (format));
              g_clear_object (&self->destination);
              self->destination = g_file_get_child (parent, renamed);
              /* Nobody was asked about replacing that one: ask when exporting. */
              if (g_file_query_exists (self->destination, NULL))
                g_clear_object (&self->destination);
              show_destination (self);
            }
        }
    }
  show_error (self, NULL);
}

static void
scope_toggled_cb (DossierExportDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->documents_group),
                          selected_scope (self) == DOSSIER_EXPORT_SCOPE_CHOSEN_DOCUMENTS);
  show_error (self, NULL);
  update_actions (self);
}

static void
filter_changed_cb (DossierExportDialog *self)
{
  validate_dates (self);
  show_error (self, NULL);
  update_actions (self);
}

static void
update_documents_count (DossierExportDialog *self)
{
  guint n = g_list_model_get_n_items (self->documents);
  guint chosen = g_hash_table_size (self->chosen);
  g_autofree char *description = g_strdup_printf ("%u of %u chosen", chosen, n);

  adw_preferences_group_set_description (self->documents_group, description);
}

static void
document_toggled_cb (GtkCheckButton      *button,
                     DossierExportDialog *self)
{
  DossierDocument *document = g_object_get_data (G_OBJECT (button), "dossier-document");
  gint64 id;

  if (document == NULL)
    return;
  id = dossier_document_get_id (document);
  if (gtk_check_button_get_active (button))
    g_hash_table_add (self->chosen, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (self->chosen, &id);
  update_documents_count (self);
  update_actions (self);
}

/* A row of the documents list: a check button whose label is the title over the outlet and
 * date, so that a click anywhere on the row ticks it. */
static void
setup_document_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   DossierExportDialog      *self)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_start (box, 6);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
  gtk_widget_set_margin_start (check, 6);
  gtk_widget_set_margin_end (check, 6);
  gtk_widget_set_margin_top (check, 6);
  gtk_widget_set_margin_bottom (check, 6);
  g_signal_connect_object (check, "toggled", G_CALLBACK (document_toggled_cb), self, 0);
  gtk_list_item_set_child (item, check);
}

static void
bind_document_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  DossierExportDialog      *self)
{
  DossierDocument *document = gtk_list_item_get_item (item);
  GtkWidget *check = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_check_button_get_child (GTK_CHECK_BUTTON (check));
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  const char *outlet = dossier_document_get_outlet (document);
  const char *published = dossier_document_get_published (document);
  gint64 id = dossier_document_get_id (document);
  g_autofree char *details = NULL;

  if (outlet != NULL && published != NULL)
    details = g_strdup_printf ("%s · %s", outlet, published);
  else
    details = g_strdup (outlet ? outlet : published ? published : "Undated");
  gtk_label_set_text (GTK_LABEL (title), dossier_document_get_title (document));
  gtk_label_set_text (GTK_LABEL (subtitle), details);
  /* Ticked as the analyst left it, before the row hears its own toggles again. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               g_hash_table_contains (self->chosen, &id));
  g_object_set_data (G_OBJECT (check), "dossier-document", document);
}

static void
unbind_document_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    DossierExportDialog      *self)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (item)), "dossier-document", NULL);
}

static gboolean
filter_document (gpointer item,
                 gpointer user_data)
{
  DossierExportDialog *self = user_data;
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->documents_search));
  g_autofree char *folded = NULL;
  g_autofree char *title = NULL;
  g_autofree char *outlet = NULL;

  if (needle == NULL || needle[0] == '\0')
    return TRUE;
  folded = g_utf8_casefold (needle, -1);
  title = g_utf8_casefold (dossier_document_get_title (item), -1);
  if (strstr (title, folded) != NULL)
    return TRUE;
  if (dossier_document_get_outlet (item) == NULL)
    return FALSE;
  outlet = g_utf8_casefold (dossier_document_get_outlet (item), -1);
  return strstr (outlet, folded) != NULL;
}

static void
documents_search_changed_cb (DossierExportDialog *self)
{
  gtk_filter_changed (GTK_FILTER (self->documents_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* The export */

typedef struct {
  char                *store_path;
  GArray              *document_ids;   /* gint64, or NULL for no limit */
  char                *tag;
  char                *source;
  char                *speaker;
  char                *from;
  char                *to;
  int                  kind;
  DossierExportFormat  format;
  GFile               *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->store_path);
  g_clear_pointer (&job->document_ids, g_array_unref);
  g_free (job->tag);
  g_free (job->source);
  g_free (job->speaker);
  g_free (job->from);
  g_free (job->to);
  g_clear_object (&job->file);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  DossierExportFilter filter = DOSSIER_EXPORT_FILTER_INIT;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n_annotations = 0;

  /* The worker has a connection of its own; the window's stays on the main thread. */
  store = dossier_store_open (job->store_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->document_ids != NULL)
    {
      filter.document_ids = (const gint64 *) (gpointer) job->document_ids->data;
      filter.n_document_ids = job->document_ids->len;
    }
  filter.tag = job->tag;
  filter.source = job->source;
  filter.speaker = job->speaker;
  filter.kind = job->kind;
  filter.from = job->from;
  filter.to = job->to;
  if (!dossier_export_to_file (store, &filter, job->format, job->file, &n_annotations,
                               cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, n_annotations);
}

static gboolean
show_progress_cb (gpointer user_data)
{
  DossierExportDialog *self = user_data;

  self->progress_id = 0;
  gtk_spinner_start (self->spinner);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  return G_SOURCE_REMOVE;
}

static void
stop_progress (DossierExportDialog *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_spinner_stop (self->spinner);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DossierExportDialog *self = DOSSIER_EXPORT_DIALOG (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize n_annotations;

  n_annotations = g_task_propagate_int (G_TASK (result), &error);
  g_clear_object (&self->cancellable);
  /* Closed while the export ran: nothing is shown any more. */
  if (self->store == NULL)
    return;
  stop_progress (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->form), TRUE);
  update_actions (self);

  if (n_annotations < 0)
    {
      g_autofree char *shown = g_file_get_parse_name (job->file);
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message = g_strdup ("The export was stopped; no file was written.");
      else if (strstr (error->message, shown) != NULL)
        message = g_strdup_printf ("Could not export: %s", error->message);
      else
        message = g_strdup_printf ("Could not export to %s: %s", shown, error->message);
      show_error (self, message);
      return;
    }
  g_debug ("Exported %" G_GSSIZE_FORMAT " annotations", n_annotations);
  g_signal_emit (self, signals[EXPORTED], 0, job->file, (guint) n_annotations);
  gtk_window_close (GTK_WINDOW (self));
}

static void
start_export (DossierExportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;
  guint kind;

  g_return_if_fail (self->destination != NULL);
  g_return_if_fail (self->cancellable == NULL);

  job = g_new0 (ExportJob, 1);
  job->store_path = g_strdup (dossier_store_get_path (self->store));
  job->format = selected_format (self);
  job->file = g_object_ref (self->destination);
  switch (selected_scope (self))
    {
    case DOSSIER_EXPORT_SCOPE_OPEN_DOCUMENT:
      job->document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (job->document_ids, self->open_document_id);
      break;
    case DOSSIER_EXPORT_SCOPE_CHOSEN_DOCUMENTS:
      {
        GHashTableIter iter;
        gpointer key;

        job->document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_hash_table_iter_init (&iter, self->chosen);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          g_array_append_val (job->document_ids, *(gint64 *) key);
      }
      break;
    case DOSSIER_EXPORT_SCOPE_WORKSPACE:
    default:
      break;
    }
  job->tag = dup_entry_text (self->tag_row);
  job->source = dup_entry_text (self->source_row);
  job->speaker = dup_entry_text (self->speaker_row);
  job->from = dup_entry_text (self->from_row);
  job->to = dup_entry_text (self->to_row);
  kind = adw_combo_row_get_selected (self->kind_row);
  job->kind = kind >= 1 && kind <= DOSSIER_N_ANNOTATION_KINDS ? (int) kind - 1 : -1;

  show_error (self, NULL);
  self->cancellable = g_cancellable_new ();
  gtk_label_set_text (self->progress_label, "Exporting…");
  self->progress_id = g_timeout_add (PROGRESS_DELAY_MS, show_progress_cb, self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->form), FALSE);
  update_actions (self);

  task = g_task_new (self, self->cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, start_export);
  /* What the worker did is what is reported: a file written just as Stop was pressed is
   * announced, not hidden behind "cancelled". */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/* The destination */

typedef struct {
  DossierExportDialog *self;
  gboolean             then_export;
} ChooserData;

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     ChooserData     *data)
{
  DossierExportDialog *self = data->self;

  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      /* The name is taken as typed: the chooser asked about replacing that file, not
       * another with an extension added. */
      dossier_export_dialog_set_destination (self, file);
      if (data->then_export && self->destination != NULL && self->cancellable == NULL)
        start_export (self);
    }
  g_object_unref (self);
  g_free (data);
  g_object_unref (chooser);
}

static void
choose_destination (DossierExportDialog *self,
                    gboolean             then_export)
{
  DossierExportFormat format = selected_format (self);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strdup_printf ("*.%s", dossier_export_format_extension (format));
  g_autofree char *name = dossier_export_dialog_dup_suggested_name (self);
  GtkStringObject *label = adw_combo_row_get_selected_item (self->format_row);
  ChooserData *data = g_new0 (ChooserData, 1);

  chooser = gtk_file_chooser_native_new ("Export Annotations", GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, "_Export", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, label ? gtk_string_object_get_string (label) : pattern);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (self->destination != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->destination);
      g_autofree char *base = g_file_get_basename (self->destination);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), base);
    }
  else
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  data->self = g_object_ref (self);
  data->then_export = then_export;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Actions */

static gboolean
can_export (DossierExportDialog *self)
{
  if (self->cancellable != NULL || !self->dates_valid)
    return FALSE;
  switch (selected_scope (self))
    {
    case DOSSIER_EXPORT_SCOPE_OPEN_DOCUMENT:
      return self->open_document_id != 0;
    case DOSSIER_EXPORT_SCOPE_CHOSEN_DOCUMENTS:
      return g_hash_table_size (self->chosen) > 0;
    case DOSSIER_EXPORT_SCOPE_WORKSPACE:
    default:
      return TRUE;
    }
}

static void
update_actions (DossierExportDialog *self)
{
  gboolean exporting = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.run", can_export (self));
  /* Why Export cannot be pressed, where the analyst looks for it. */
  gtk_widget_set_tooltip_text (self->export_button,
                               !self->dates_valid
                                 ? gtk_label_get_text (self->date_error_label)
                                 : selected_scope (self) == DOSSIER_EXPORT_SCOPE_CHOSEN_DOCUMENTS &&
                                   g_hash_table_size (self->chosen) == 0
                                   ? "Tick the documents to export"
                                   : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose", !exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", exporting);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DossierExportDialog *self = DOSSIER_EXPORT_DIALOG (widget);

  if (!can_export (self))
    return;
  if (self->destination == NULL)
    choose_destination (self, TRUE);
  else
    start_export (self);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_destination (DOSSIER_EXPORT_DIALOG (widget), FALSE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DossierExportDialog *self = DOSSIER_EXPORT_DIALOG (widget);

  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  gtk_label_set_text (self->progress_label, "Stopping…");
}

/* GObject */

static gboolean
dossier_export_dialog_close_request (GtkWindow *window)
{
  DossierExportDialog *self = DOSSIER_EXPORT_DIALOG (window);

  /* Closing stops an export still running: the analyst no longer waits for it. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (dossier_export_dialog_parent_class)->close_request (window);
}

static void
dossier_export_dialog_constructed (GObject *object)
{
  DossierExportDialog *self = DOSSIER_EXPORT_DIALOG (object);
  DossierDocument *open = NULL;
  g_autofree char *workspace = NULL;

  G_OBJECT_CLASS (dossier_export_dialog_parent_class)->constructed (object);

  workspace = g_path_get_basename (dossier_store_get_path (self->store));
  adw_window_title_set_subtitle (self->window_title, workspace);

  if (self->documents == NULL)
    self->documents = G_LIST_MODEL (g_list_store_new (DOSSIER_TYPE_DOCUMENT));

  if (self->open_document_id != 0)
    open = find_document (self, self->open_document_id);
  if (open != NULL)
    {
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->open_row), FALSE);
      adw_action_row_set_subtitle (self->open_row, dossier_document_get_title (open));
      /* The open document is ticked first in the list too, for "this one and others". */
      g_hash_table_add (self->chosen, g_memdup2 (&self->open_document_id, sizeof (gint64)));
      gtk_check_button_set_active (self->open_button, TRUE);
    }
  else
    {
      adw_action_row_set_subtitle (self->open_row, "No document is open");
      gtk_widget_set_sensitive (GTK_WIDGET (self->open_row), FALSE);
      gtk_check_button_set_active (self->workspace_button, TRUE);
    }
  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
    GtkFilterListModel *filtered;

    g_signal_connect_object (factory, "setup", G_CALLBACK (setup_document_cb), self, 0);
    g_signal_connect_object (factory, "bind", G_CALLBACK (bind_document_cb), self, 0);
    g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_document_cb), self, 0);
    self->documents_filter = gtk_custom_filter_new (filter_document, self, NULL);
    filtered = gtk_filter_list_model_new (g_object_ref (self->documents),
                                          g_object_ref (GTK_FILTER (self->documents_filter)));
    gtk_list_view_set_factory (self->documents_view, factory);
    gtk_list_view_set_model (self->documents_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (filtered))));
  }
  update_documents_count (self);
  format_selected_cb (self);
  validate_dates (self);
  update_actions (self);
}

static void
dossier_export_dialog_dispose (GObject *object)
{
  DossierExportDialog *self = DOSSIER_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->destination);
  g_clear_object (&self->documents_filter);
  g_clear_object (&self->documents);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dossier_export_dialog_parent_class)->dispose (object);
}

static void
dossier_export_dialog_finalize (GObject *object)
{
  DossierExportDialog *self = DOSSIER_EXPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->chosen, g_hash_table_unref);

  G_OBJECT_CLASS (dossier_export_dialog_parent_class)->finalize (object);
}

static void
dossier_export_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DossierExportDialog *self = DOSSIER_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DOCUMENTS:
      g_value_set_object (value, self->documents);
      break;
    case PROP_OPEN_DOCUMENT_ID:
      g_value_set_int64 (value, self->open_document_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_export_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  DossierExportDialog *self = DOSSIER_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_DOCUMENTS:
      self->documents = g_value_dup_object (value);
      break;
    case PROP_OPEN_DOCUMENT_ID:
      self->open_document_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_export_dialog_class_init (DossierExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = dossier_export_dialog_constructed;
  object_class->dispose = dossier_export_dialog_dispose;
  object_class->finalize = dossier_export_dialog_finalize;
  object_class->get_property = dossier_export_dialog_get_property;
  object_class->set_property = dossier_export_dialog_set_property;
  window_class->close_request = dossier_export_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DOSSIER_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENTS] =
    g_param_spec_object ("documents", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPEN_DOCUMENT_ID] =
    g_param_spec_int64 ("open-document-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when the file is written, with the number of annotations it holds. */
  signals[EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/dossier/Dossier/dossier-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, form);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, open_row);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, open_button);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, chosen_button);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, workspace_button);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, documents_group);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, documents_search);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, documents_view);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, tag_row);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, speaker_row);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, date_error_label);
  gtk_widget_class_bind_template_child (widget_class, DossierExportDialog, destination_row);
  gtk_widget_class_bind_template_callback (widget_class, format_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, scope_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, documents_search_changed_cb);

  gtk_widget_class_install_action (widget_class, "export.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "export.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dossier_export_dialog_init (DossierExportDialog *self)
{
  self->chosen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->dates_valid = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dossier_export_dialog_new (GtkWindow    *parent,
                           DossierStore *store,
                           GListModel   *documents,
                           gint64        open_document_id)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);
  g_return_val_if_fail (documents == NULL || G_IS_LIST_MODEL (documents), NULL);

  return g_object_new (DOSSIER_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "documents", documents,
                       "open-document-id", open_document_id,
                       NULL);
}

void
dossier_export_dialog_set_destination (DossierExportDialog *self,
                                       GFile               *file)
{
  g_return_if_fail (DOSSIER_IS_EXPORT_DIALOG (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->destination, file);
  show_destination (self);
  show_error (self, NULL);
}

GFile *
dossier_export_dialog_get_destination (DossierExportDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_EXPORT_DIALOG (self), NULL);
  return self->destination;
}

gboolean
dossier_export_dialog_is_exporting (DossierExportDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_EXPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

const char *
dossier_export_dialog_get_error (DossierExportDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_EXPORT_DIALOG (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

AdwComboRow *
dossier_export_dialog_get_format_row (DossierExportDialog *self)
{
  return self->format_row;
}

AdwComboRow *
dossier_export_dialog_get_kind_row (DossierExportDialog *self)
{
  return self->kind_row;
}

AdwEntryRow *
dossier_export_dialog_get_filter_row (DossierExportDialog *self,
                                      const char          *name)
{
  if (g_strcmp0 (name, "tag") == 0)
    return self->tag_row;
  if (g_strcmp0 (name, "source") == 0)
    return self->source_row;
  if (g_strcmp0 (name, "speaker") == 0)
    return self->speaker_row;
  if (g_strcmp0 (name, "from") == 0)
    return self->from_row;
  if (g_strcmp0 (name, "to") == 0)
    return self->to_row;
  g_return_val_if_reached (NULL);
}

GtkCheckButton *
dossier_export_dialog_get_scope_button (DossierExportDialog *self,
                                        DossierExportScope   scope)
{
  switch (scope)
    {
    case DOSSIER_EXPORT_SCOPE_OPEN_DOCUMENT:
      return self->open_button;
    case DOSSIER_EXPORT_SCOPE_CHOSEN_DOCUMENTS:
      return self->chosen_button;
    case DOSSIER_EXPORT_SCOPE_WORKSPACE:
      return self->workspace_button;
    default:
      g_return_val_if_reached (NULL);
    }
}

static GtkCheckButton *
find_document_button (GtkWidget *widget,
                      gint64     id)
{
  DossierDocument *document = g_object_get_data (G_OBJECT (widget), "dossier-document");

  if (GTK_IS_CHECK_BUTTON (widget) && document != NULL &&
      dossier_document_get_id (document) == id)
    return GTK_CHECK_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found = find_document_button (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkCheckButton *
dossier_export_dialog_get_document_button (DossierExportDialog *self,
                                           gint64               id)
{
  return find_document_button (GTK_WIDGET (self->documents_view), id);
}

/* Importing annotations back */

typedef struct {
  char *store_path;
  char *path;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->store_path);
  g_free (job->path);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  store = dossier_store_open (job->store_path, &error);
  if (store != NULL)
    results = dossier_store_import_annotations (store, job->path, &error);
  else
    results = NULL;
  if (results == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

void
dossier_import_annotations_async (DossierStore        *store,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (DOSSIER_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dossier_import_annotations_async);
  job = g_new0 (ImportJob, 1);
  job->store_path = g_strdup (dossier_store_get_path (store));
  job->path = g_file_get_path (file);
  if (job->path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      import_job_free (job);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "%s: not a local file", uri);
      return;
    }
  /* What was stored stays stored: a cancelled import still reports it. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

GPtrArray *
dossier_import_annotations_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
dossier_describe_annotation_import (GPtrArray  *results,
                                    char      **details)
{
  guint counts[DOSSIER_ANNOTATION_NOT_ANCHORED + 1] = { 0, };
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GString) lines = g_string_new (NULL);

  for (guint i = 0; i < results->len; i++)
    {
      DossierAnnotationImport *r = g_ptr_array_index (results, i);
      const char *why = NULL;

      counts[r->status]++;
      if (r->status == DOSSIER_ANNOTATION_UNMATCHED)
        why = "no document of this workspace matches";
      else if (r->status == DOSSIER_ANNOTATION_NOT_ANCHORED)
        why = "the passage is not in its document";
      if (why != NULL)
        g_string_append_printf (lines, "%s“%s” (%s): %s", lines->len ? "\n" : "",
                                r->exact ? r->exact : "", r->target ? r->target : "no target",
                                why);
    }
  g_string_append_printf (summary,
                          g_dngettext (NULL, "%u annotation imported", "%u annotations imported",
                                       counts[DOSSIER_ANNOTATION_IMPORTED]),
                          counts[DOSSIER_ANNOTATION_IMPORTED]);
  if (counts[DOSSIER_ANNOTATION_DUPLICATE] > 0)
    g_string_append_printf (summary, ", %u already there", counts[DOSSIER_ANNOTATION_DUPLICATE]);
  if (counts[DOSSIER_ANNOTATION_UNMATCHED] + counts[DOSSIER_ANNOTATION_NOT_ANCHORED] > 0)
    g_string_append_printf (summary, ", %u not placed",
                            counts[DOSSIER_ANNOTATION_UNMATCHED] +
                            counts[DOSSIER_ANNOTATION_NOT_ANCHORED]);
  if (details != NULL)
    *details = lines->len ? g_string_free (g_steal_pointer (&lines), FALSE) : NULL;
  return g_string_free (g_steal_pointer (&summary), FALSE);
}
