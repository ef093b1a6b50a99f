/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Killing the app right after an annotation is shown loses nothing: a child process runs the
 * real window, annotates through the window's action, reports once the annotation is on
 * screen, and is killed with SIGKILL; the parent then reopens the workspace. */
#include <adwaita.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dossier-core.h"
#include "dossier-window.h"
#include "test-common.h"

static const char story[] =
  "title Lock gates fail at Tarn\n"
  "source The Tarn Ledger\n"
  "date 2025-03-02\n\n"
  "The upper lock gates at Tarn failed on Sunday, stranding eleven barges.\n\n"
  "“We will have them moving by Wednesday,” said canal engineer Ruth Amsel.\n";

static gint64
import_story (const char *path)
{
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierArticle) article = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (story, sizeof story - 1);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  store = dossier_store_open (path, &error);
  g_assert_no_error (error);
  article = dossier_import_bytes (bytes, "tarn.txt", DOSSIER_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_true (dossier_store_add_document (store, article, bytes, "tarn.txt", &id, &error));
  return id;
}

static gboolean
mapped (DossierWindow *window)
{
  return gtk_widget_get_mapped (GTK_WIDGET (window)) && gtk_widget_get_width (GTK_WIDGET (window)) > 0;
}

/* The child: never returns. */
G_GNUC_NORETURN static void
run_app (const char *path,
         gint64      document_id,
         int         report_fd)
{
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  DossierWindow *window;
  DossierDocumentView *view;
  GtkTextBuffer *buffer;
  GtkTextIter a, b;
  const char *text;
  const char *found;
  guint start;

  gtk_init ();
  adw_init ();
  store = dossier_store_open (path, &error);
  g_assert_no_error (error);
  settings = g_settings_new ("io.github.dossier.Dossier");
  window = dossier_window_new (NULL, store, settings);
  gtk_window_present (GTK_WINDOW (window));
  while (!mapped (window))
    g_main_context_iteration (NULL, TRUE);
  dossier_window_show_document (window, document_id);

  view = dossier_window_get_document_view (window);
  text = dossier_document_get_text (dossier_document_view_get_document (view));
  found = strstr (text, "stranding eleven barges");
  g_assert_nonnull (found);
  start = (guint) g_utf8_pointer_to_offset (text, found);
  buffer = gtk_text_view_get_buffer (dossier_document_view_get_text_view (view));
  gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, (int) start + 23);
  gtk_text_buffer_select_range (buffer, &a, &b);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate", "s", "highlight");

  /* Acknowledged: the panel shows it.  Only then tell the parent. */
  g_assert_cmpuint (g_list_model_get_n_items (dossier_annotation_panel_get_model (
                      dossier_window_get_annotation_panel (window))), ==, 1);
  g_assert_cmpint (write (report_fd, "shown\n", 6), ==, 6);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_kill_after_annotation (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "crash.dossier", NULL);
  gint64 document_id = import_story (path);
  char buffer[16] = { 0 };
  struct pollfd pfd;
  int fds[2];
  int status = 0;
  pid_t pid;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      run_app (path, document_id, fds[1]);
    }
  close (fds[1]);
  pfd.fd = fds[0];
  pfd.events = POLLIN;
  g_assert_cmpint (poll (&pfd, 1, 60 * 1000), ==, 1);
  g_assert_cmpint (read (fds[0], buffer, sizeof buffer - 1), ==, 6);
  g_assert_cmpstr (buffer, ==, "shown\n");
  /* No chance to clean up: SIGKILL, at once. */
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  close (fds[0]);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DossierStore) store = dossier_store_open (path, &error);
    g_autoptr(GPtrArray) annotations = NULL;
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_no_error (error);
    annotations = dossier_store_list_annotations (store, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (annotations->len, ==, 1);
    g_assert_cmpstr (((DossierAnnotation *) annotations->pdata[0])->selector.exact, ==,
                     "stranding eleven barges");

    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* GTK is started in the child only: a forked copy must not share a display connection. */
  g_test_add_func ("/crash/kill-after-annotation", test_kill_after_annotation);
  return g_test_run ();
}
