/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The real app ($DOSSIER_APP), started the way someone trying a build would start it: without
 * GSETTINGS_SCHEMA_DIR.  The executable of the build tree finds the schema compiled beside it;
 * a copy of it elsewhere, with no schema anywhere, says what to do and exits 1.  Neither may
 * die of a signal (g_settings_new () aborts on a missing schema). */
#include <gio/gio.h>
#include <signal.h>

#include "test-common.h"

typedef struct {
  char *dir;
  char *app;        /* the executable to run */
  char *workspace;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_tmpdir ();
  f->app = g_strdup (g_getenv ("DOSSIER_APP"));
  g_assert_nonnull (f->app);
  f->workspace = g_build_filename (f->dir, "start.dossier", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->app);
  g_free (f->workspace);
}

/* A launcher for the app without GSETTINGS_SCHEMA_DIR, and with data and configuration
 * folders of the test's own (no schema of the user's in ~/.local/share/glib-2.0/schemas).  With
 * @empty_data_dirs, the system's data folders are replaced with an empty one too, so there is
 * no schema at all where GLib looks. */
static GSubprocessLauncher *
make_launcher (Fixture          *f,
               GSubprocessFlags  flags,
               gboolean          empty_data_dirs)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);
  g_autofree char *data_home = g_build_filename (f->dir, "data-home", NULL);
  g_autofree char *config_home = g_build_filename (f->dir, "config-home", NULL);

  g_subprocess_launcher_unsetenv (launcher, "GSETTINGS_SCHEMA_DIR");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DOSSIER_TIMINGS");
  if (empty_data_dirs)
    {
      g_autofree char *data_dirs = g_build_filename (f->dir, "data-dirs", NULL);

      g_assert_cmpint (g_mkdir (data_dirs, 0700), ==, 0);
      g_subprocess_launcher_setenv (launcher, "XDG_DATA_DIRS", data_dirs, TRUE);
    }
  return launcher;
}

typedef struct {
  gboolean  done;
  char     *line;   /* NULL at the end of the output */
} LineRead;

static void
line_read_cb (GObject      *stream,
              GAsyncResult *result,
              gpointer      data)
{
  LineRead *read = data;
  g_autoptr(GError) error = NULL;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (stream), result,
                                                          NULL, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static gboolean
set_timed_out (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Reads the app's output until a line holds @needle; FALSE when the output ends first (the
 * app exited or crashed).  Gives up after 60 seconds.  Every line goes to the test's log. */
static gboolean
wait_for_line (GDataInputStream *out,
               const char       *needle)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (60, set_timed_out, &timed_out);
  gboolean found = FALSE;

  while (!found)
    {
      LineRead read = { FALSE, NULL };

      g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, line_read_cb, &read);
      while (!read.done && !timed_out)
        g_main_context_iteration (NULL, TRUE);
      if (timed_out)
        g_error ("The app printed no \"%s\" in 60 seconds", needle);
      if (read.line == NULL)
        break;
      g_test_message ("app: %s", read.line);
      found = strstr (read.line, needle) != NULL;
      g_free (read.line);
    }
  g_source_remove (timeout_id);
  return found;
}

/* --help needs no schema (nor a display). */
static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = make_launcher (f, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                              G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                                           TRUE);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  app = g_subprocess_launcher_spawn (launcher, &error, f->app, "--help", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (app, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 0);
  g_assert_nonnull (strstr (out, "--workspace"));
}

/* The executable of the build tree reads the schema compiled beside it, shows its window (it
 * reports the first frame with --timings), then is stopped with SIGTERM: that is the only
 * signal it may die of.  The system's data folders stay: GTK needs their MIME database to load
 * its icons (without it every icon is a warning, fatal here), and libadwaita 1.2 does not cope
 * with a system that has no schemas at all (AdwSettings passes the NULL default schema source
 * to g_settings_schema_source_lookup ()).  The debug message shows where the schema came from,
 * even where Dossier is installed too. */
static void
test_build_tree (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = make_launcher (f, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                              G_SUBPROCESS_FLAGS_STDERR_MERGE,
                                                           FALSE);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  gboolean from_build_tree, shown;

  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "dossier-application", TRUE);
  app = g_subprocess_launcher_spawn (launcher, &error, f->app, "--timings", "--workspace",
                                     f->workspace, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (app));
  from_build_tree = wait_for_line (out, "schema compiled in the build tree");
  shown = from_build_tree && wait_for_line (out, "first frame");
  if (shown)
    g_subprocess_send_signal (app, SIGTERM);
  g_subprocess_wait (app, NULL, &error);
  g_assert_no_error (error);
  if (!shown)
    g_error ("The app stopped before it showed a window (%s %d; its output is in the log)",
             g_subprocess_get_if_signaled (app) ? "signal" : "exit status",
             g_subprocess_get_if_signaled (app) ? g_subprocess_get_term_sig (app)
                                                : g_subprocess_get_exit_status (app));
  g_assert_true (g_subprocess_get_if_signaled (app));
  g_assert_cmpint (g_subprocess_get_term_sig (app), ==, SIGTERM);
  g_assert_true (g_file_test (f->workspace, G_FILE_TEST_IS_REGULAR));
}

/* A copy of the executable outside the build tree, with no schema anywhere GLib looks: a
 * message that says what to do, and exit status 1, before any window or workspace. */
static void
test_no_schema (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = make_launcher (f, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                              G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                                           TRUE);
  g_autofree char *copy_path = g_build_filename (f->dir, "dossier", NULL);
  g_autoptr(GFile) original = g_file_new_for_path (f->app);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_file_copy (original, copy, G_FILE_COPY_ALL_METADATA, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  app = g_subprocess_launcher_spawn (launcher, &error, copy_path, "--workspace", f->workspace,
                                     NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (app, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_test_message ("app: %s", err);
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 1);
  g_assert_nonnull (strstr (err, "io.github.dossier.Dossier is not installed"));
  g_assert_nonnull (strstr (err, "./run-dossier"));
  g_assert_nonnull (strstr (err, "GSETTINGS_SCHEMA_DIR"));
  g_assert_false (g_file_test (f->workspace, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/app-start/help", Fixture, NULL, fixture_set_up, test_help, fixture_tear_down);
  g_test_add ("/app-start/build-tree", Fixture, NULL, fixture_set_up, test_build_tree,
              fixture_tear_down);
  g_test_add ("/app-start/no-schema", Fixture, NULL, fixture_set_up, test_no_schema,
              fixture_tear_down);
  return g_test_run ();
}
