/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-application"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "dossier-core.h"
#include "dossier-application.h"
#include "dossier-window.h"

struct _DossierApplication
{
  AdwApplication parent_instance;

  GSettings     *settings;
  gint64         started_at;
  gboolean       timings;
};

G_DEFINE_FINAL_TYPE (DossierApplication, dossier_application, ADW_TYPE_APPLICATION)

static void
show_error (DossierApplication *self,
            const char         *heading,
            const char         *body)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", "_Close");
  if (parent == NULL)
    /* Nothing else is open: the application should not stay behind without a window. */
    gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWindow *
dossier_application_open_workspace (DossierApplication *self,
                                    const char         *path)
{
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) error = NULL;
  DossierWindow *window;

  g_return_val_if_fail (DOSSIER_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (DOSSIER_IS_WINDOW (l->data) &&
        g_strcmp0 (dossier_store_get_path (dossier_window_get_store (l->data)), path) == 0)
      {
        gtk_window_present (l->data);
        return l->data;
      }

  store = dossier_store_open (path, &error);
  if (store == NULL)
    {
      show_error (self, "Could Not Open the Workspace", error->message);
      return NULL;
    }
  if (dossier_store_get_backup_path (store) != NULL)
    g_message ("Upgraded %s; the previous version is kept in %s", path,
               dossier_store_get_backup_path (store));

  g_settings_set_string (self->settings, "last-workspace", path);
  window = dossier_window_new (GTK_APPLICATION (self), store, self->settings);
  if (self->timings)
    dossier_window_report_first_frame (window, self->started_at);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static char *
initial_workspace (DossierApplication *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-workspace");

  if (last != NULL && last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&last);
  return dossier_store_default_path ();
}

static int
dossier_application_command_line (GApplication            *application,
                                  GApplicationCommandLine *command_line)
{
  DossierApplication *self = DOSSIER_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *workspace = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GPtrArray) gfiles = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWindow *window;
  gboolean timings = FALSE;

  if (g_variant_dict_lookup (options, "timings", "b", &timings) && timings)
    self->timings = TRUE;
  if (g_variant_dict_lookup (options, "workspace", "^ay", &workspace))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                               workspace);
      g_free (workspace);
      workspace = g_file_get_path (file);
    }
  else
    {
      GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

      workspace = DOSSIER_IS_WINDOW (active)
                    ? g_strdup (dossier_store_get_path (dossier_window_get_store (DOSSIER_WINDOW (active))))
                    : initial_workspace (self);
    }

  window = dossier_application_open_workspace (self, workspace);
  if (window == NULL)
    return 1;

  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files))
    {
      for (guint i = 0; files[i]; i++)
        g_ptr_array_add (gfiles, g_application_command_line_create_file_for_arg (command_line,
                                                                                 files[i]));
      /* The variant owns the strings. */
      g_free (g_steal_pointer (&files));
      dossier_window_import_files (DOSSIER_WINDOW (window), (GFile **) gfiles->pdata,
                                   gfiles->len, TRUE);
    }
  return 0;
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     DossierApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        dossier_application_open_workspace (self, path);
    }
  g_object_unref (chooser);
}

static void
choose_workspace (DossierApplication   *self,
                  GtkFileChooserAction  action)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  gboolean create = action == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (create ? "New Workspace" : "Open Workspace", parent,
                                         action, create ? "_Create" : "_Open", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, "Dossier workspaces");
  gtk_file_filter_add_pattern (filter, "*.dossier");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (create)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "Workspace.dossier");
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_workspace_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  choose_workspace (DOSSIER_APPLICATION (user_data), GTK_FILE_CHOOSER_ACTION_SAVE);
}

static void
open_workspace_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  choose_workspace (DOSSIER_APPLICATION (user_data), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { "Dossier Developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", "Dossier",
                         "application-icon", DOSSIER_APPLICATION_ID,
                         "developer-name", "Dossier Developers",
                         "version", DOSSIER_VERSION,
                         "comments", "Who said what, through which outlet, and when: a local "
                                     "workbench for reading and annotating news reporting.",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         NULL);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing each window saves its state, as a click on its close button would. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { "new-workspace", new_workspace_activated, NULL, NULL, NULL, { 0 } },
  { "open-workspace", open_workspace_activated, NULL, NULL, NULL, { 0 } },
  { "about", about_activated, NULL, NULL, NULL, { 0 } },
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
};

static void
dossier_application_startup (GApplication *application)
{
  const char *quit[] = { "<Control>q", NULL };
  const char *close[] = { "<Control>w", NULL };
  const char *new_workspace[] = { "<Control>n", NULL };
  const char *open_workspace[] = { "<Control><Shift>o", NULL };
  DossierApplication *self = DOSSIER_APPLICATION (application);

  G_APPLICATION_CLASS (dossier_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-workspace",
                                         new_workspace);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open-workspace",
                                         open_workspace);
}

/* Whether this process runs the executable of the build tree, not an installed copy (nor a
 * copy made elsewhere): the same file as DOSSIER_BUILD_EXECUTABLE.  Without Linux's /proc it
 * is never so, and the build tree is not looked at. */
static gboolean
running_uninstalled (void)
{
  GStatBuf running, built;

  return g_stat ("/proc/self/exe", &running) == 0 &&
         g_stat (DOSSIER_BUILD_EXECUTABLE, &built) == 0 &&
         running.st_dev == built.st_dev && running.st_ino == built.st_ino;
}

/* The app's settings schema, or NULL when there is none to be found.  An installed app finds
 * it where GLib looks (GSETTINGS_SCHEMA_DIR, then the glib-2.0/schemas folders of the XDG data
 * folders).  The executable in the build tree also finds the schema compiled beside it, and
 * prefers it to an installed one: that is the schema this code was built with, where an older
 * installed copy may lack a key and make GSettings abort.  GSETTINGS_SCHEMA_DIR still comes
 * first, as for any GLib program. */
static GSettingsSchema *
lookup_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) build_source = NULL;

  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL && running_uninstalled ())
    {
      g_autoptr(GError) error = NULL;

      build_source = g_settings_schema_source_new_from_directory (DOSSIER_BUILD_SCHEMA_DIR,
                                                                  source, TRUE, &error);
      if (build_source != NULL)
        {
          g_debug ("Reading the settings schema compiled in the build tree, %s",
                   DOSSIER_BUILD_SCHEMA_DIR);
          source = build_source;
        }
      else
        g_debug ("The build tree has no compiled schema: %s", error->message);
    }
  if (source == NULL)
    /* No schemas at all where GLib looks. */
    return NULL;
  return g_settings_schema_source_lookup (source, DOSSIER_APPLICATION_ID, TRUE);
}

/* Runs before the app registers or opens the display, in every instance: without its schema
 * g_settings_new () would abort (SIGTRAP), so the app says what to do and exits instead.
 * --help is answered before this, with or without the schema. */
static int
dossier_application_handle_local_options (GApplication *application,
                                          GVariantDict *options)
{
  DossierApplication *self = DOSSIER_APPLICATION (application);
  g_autoptr(GSettingsSchema) schema = lookup_schema ();

  if (schema == NULL)
    {
      g_printerr ("dossier: the settings schema %s is not installed.\n"
                  "Start Dossier with ./run-dossier from its source folder, install it "
                  "(meson install -C _build),\nor set GSETTINGS_SCHEMA_DIR to the folder "
                  "that holds its compiled schema (data/ of the build folder).\n",
                  DOSSIER_APPLICATION_ID);
      return EXIT_FAILURE;
    }
  self->settings = g_settings_new_full (schema, NULL, NULL);
  return -1;
}

static void
dossier_application_finalize (GObject *object)
{
  DossierApplication *self = (DossierApplication *) object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dossier_application_parent_class)->finalize (object);
}

static void
dossier_application_class_init (DossierApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = dossier_application_finalize;
  app_class->handle_local_options = dossier_application_handle_local_options;
  app_class->startup = dossier_application_startup;
  app_class->command_line = dossier_application_command_line;
}

static void
dossier_application_init (DossierApplication *self)
{
  static const GOptionEntry options[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, NULL,
      "Open the workspace FILE (created when missing)", "FILE" },
    { "timings", 0, 0, G_OPTION_ARG_NONE, NULL,
      "Print the time from start to the first frame", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, "[FILE…]" },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            "Import the FILEs (text or HTML articles) into the "
                                            "workspace and show the first.");
}

DossierApplication *
dossier_application_new (gint64 started_at)
{
  DossierApplication *self = g_object_new (DOSSIER_TYPE_APPLICATION,
                                           "application-id", DOSSIER_APPLICATION_ID,
                                           "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                                           "resource-base-path", "/io/github/dossier/Dossier",
                                           NULL);

  self->started_at = started_at;
  self->timings = g_getenv ("DOSSIER_TIMINGS") != NULL;
  return self;
}

GSettings *
dossier_application_get_settings (DossierApplication *self)
{
  g_return_val_if_fail (DOSSIER_IS_APPLICATION (self), NULL);
  return self->settings;
}
