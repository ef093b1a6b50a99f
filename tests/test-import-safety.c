/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <unistd.h>

#include "dossier-core.h"
#include "dossier-import-batch.h"
#include "dossier-store-private.h"
#include "test-common.h"

/*
 * `dossier-cli import` says "imported" only for what is committed: killed at random points
 * (SIGKILL, SIGTERM), on a disk that fills up, and with its output stalled in a pipe that
 * nobody reads while another command writes to the same workspace.  The articles are made
 * up here (fictional towns and people).
 */

static const char *towns[] = { "Vell", "Orrin", "Castemar", "Lodd", "Hesk", "Tarrow" };
static const char *people[] = { "Mara Ostrand", "Tomas Ellery", "Ilse Varn", "Pell Hadley" };

/* @n articles in @dir, each different; their paths in file order.  @padding paragraphs of
 * filler make them larger. */
static GPtrArray *
write_articles (const char *dir,
                guint       n,
                guint       padding)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      const char *town = towns[i % G_N_ELEMENTS (towns)];
      const char *person = people[i % G_N_ELEMENTS (people)];
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *name = g_strdup_printf ("article-%05u.txt", i);
      char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;

      g_string_append_printf (text, "Council of %s meets for the %u. time\n\n", town, i);
      g_string_append_printf (text, "The council of %s met on May %u, 2024, to discuss the "
                              "harbour.\n\n\"We will decide by June,\" %s said, according "
                              "to the %s Courier.\n", town, 1 + i % 28, person, town);
      for (guint p = 0; p < padding; p++)
        g_string_append_printf (text, "\nParagraph %u of article %u: the ferry from %s ran "
                                "%u minutes late while the engineers of the harbour office "
                                "inspected the northern pier once more.\n", p, i, town,
                                (p * 7 + i) % 90);
      g_file_set_contents (path, text->str, (gssize) text->len, &error);
      g_assert_no_error (error);
      g_ptr_array_add (paths, path);
    }
  return paths;
}

typedef struct {
  GPid     pid;
  int      out_fd;
  int      err_fd;
} Child;

static void
spawn_import (Child      *child,
              const char *workspace,
              GPtrArray  *paths)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);

  g_ptr_array_add (argv, (char *) g_getenv ("DOSSIER_CLI"));
  g_ptr_array_add (argv, (char *) "--workspace");
  g_ptr_array_add (argv, (char *) workspace);
  g_ptr_array_add (argv, (char *) "import");
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (argv, paths->pdata[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_async_with_pipes (NULL, (char **) argv->pdata, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &child->pid, NULL, &child->out_fd, &child->err_fd,
                            &error);
  g_assert_no_error (error);
}

/* Reads what is in @fd now (non-blocking) onto @into; FALSE at the end of the stream. */
static gboolean
drain (int      fd,
       GString *into)
{
  char buffer[16384];

  for (;;)
    {
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n > 0)
        g_string_append_len (into, buffer, n);
      else if (n == 0)
        return FALSE;
      else if (errno == EAGAIN || errno == EINTR)
        return TRUE;
      else
        return FALSE;
    }
}

/* Reads both streams to their end and reaps the child; its wait status. */
static int
finish (Child   *child,
        GString *out,
        GString *err)
{
  int status = 0;

  fcntl (child->out_fd, F_SETFL, 0);
  fcntl (child->err_fd, F_SETFL, 0);
  while (drain (child->out_fd, out))
    ;
  while (drain (child->err_fd, err))
    ;
  close (child->out_fd);
  close (child->err_fd);
  g_assert_cmpint (waitpid (child->pid, &status, 0), ==, child->pid);
  g_spawn_close_pid (child->pid);
  return status;
}

/* The documents the output said were imported: file path -> id. */
static GHashTable *
acknowledged (const char *out)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *mark = strstr (lines[i], ": imported as document ");
      gint64 id;

      if (mark == NULL)
        continue;
      id = g_ascii_strtoll (mark + strlen (": imported as document "), NULL, 10);
      g_assert_cmpint (id, >, 0);
      g_hash_table_insert (ids, g_strndup (lines[i], (gsize) (mark - lines[i])),
                           GINT_TO_POINTER ((int) id));
    }
  return ids;
}

static gint64
count_documents (DossierStore *store)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = dossier_store_statement (store, "SELECT count(*) FROM document",
                                                &error);
  gint64 n = -1;

  g_assert_no_error (error);
  g_assert_true (dossier_store_lookup_id (store, stmt, &n, &error));
  g_assert_no_error (error);
  return n;
}

/* Every acknowledged file is in the workspace as the document the output named, with its
 * own title; the workspace and its search index are sound.  Returns how many it holds. */
static gint64
check_acknowledged (const char *workspace,
                    GHashTable *ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = dossier_store_open (workspace, &error);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(DossierDocument) document =
        dossier_store_get_document (store, GPOINTER_TO_INT (value), &error);
      g_autofree char *base = g_path_get_basename (key);
      g_autofree char *number = g_strndup (base + strlen ("article-"), 5);
      g_autofree char *title_end = g_strdup_printf (" %u. time",
                                                    (guint) g_ascii_strtoull (number, NULL, 10));

      if (document == NULL)
        g_error ("%s was acknowledged as document %d, which is not in the workspace: %s",
                 (char *) key, GPOINTER_TO_INT (value), error ? error->message : "");
      g_assert_true (g_str_has_suffix (dossier_document_get_title (document), title_end));
    }
  g_assert_true (dossier_store_exec (store, "INSERT INTO document_fts (document_fts, rank)"
                                            " VALUES ('integrity-check', 1)", "test", &error));
  g_assert_no_error (error);
  return count_documents (store);
}

/* Runs an import of @paths into @workspace to its end; how long it took, in ms. */
static guint
time_import (const char *workspace,
             GPtrArray  *paths)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  gint64 before = g_get_monotonic_time ();
  Child child;
  int status;

  spawn_import (&child, workspace, paths);
  status = finish (&child, out, err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return (guint) ((g_get_monotonic_time () - before) / 1000);
}

/* Kills imports at random moments of their run: every document the output acknowledged
 * survives. */
static void
test_kill_import (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *whole = g_build_filename (dir, "whole.dossier", NULL);
  g_autoptr(GPtrArray) paths = write_articles (dir, 3000, 0);
  guint rounds = 10, total_acknowledged = 0, duration;

  /* How long a whole import takes here (sanitizers, a loaded machine): the kills fall in
   * that span. */
  duration = time_import (whole, paths);
  g_test_message ("a whole import takes %u ms", duration);
  for (guint round = 0; round < rounds; round++)
    {
      g_autofree char *name = g_strdup_printf ("kill-%u.dossier", round);
      g_autofree char *workspace = g_build_filename (dir, name, NULL);
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GString) err = g_string_new (NULL);
      g_autoptr(GHashTable) ids = NULL;
      /* SIGTERM in some rounds: the import then stops cleanly. */
      int signo = round % 3 == 2 ? SIGTERM : SIGKILL;
      guint delay_ms = (guint) g_test_rand_int_range (10, (gint32) MAX (duration, 20));
      Child child;
      gint64 stored;
      int status;

      spawn_import (&child, workspace, paths);
      fcntl (child.out_fd, F_SETFL, O_NONBLOCK);
      fcntl (child.err_fd, F_SETFL, O_NONBLOCK);
      /* Read as it comes, so that the pipe never holds the import back. */
      for (gint64 until = g_get_monotonic_time () + delay_ms * 1000;
           g_get_monotonic_time () < until;)
        {
          drain (child.out_fd, out);
          drain (child.err_fd, err);
          g_usleep (1000);
        }
      kill (child.pid, signo);
      status = finish (&child, out, err);
      ids = acknowledged (out->str);
      stored = check_acknowledged (workspace, ids);
      g_test_message ("round %u: %s after %u ms, %u acknowledged, %" G_GINT64_FORMAT
                      " stored", round, signo == SIGKILL ? "SIGKILL" : "SIGTERM", delay_ms,
                      g_hash_table_size (ids), stored);
      g_assert_cmpint (stored, >=, g_hash_table_size (ids));
      total_acknowledged += g_hash_table_size (ids);
      if (signo == SIGTERM)
        {
          /* It stopped by itself between files (or had finished): what it stored, it said. */
          g_assert_true (WIFEXITED (status));
          if (WEXITSTATUS (status) != 0)
            g_assert_cmpint (WEXITSTATUS (status), ==, 128 + SIGTERM);
          g_assert_cmpint (stored, ==, g_hash_table_size (ids));
          g_assert_nonnull (strstr (err->str, " imported, "));
        }
    }
  /* Some rounds got far enough to acknowledge something. */
  g_assert_cmpuint (total_acknowledged, >, 0);
  test_rm_rf (dir);
}

/* On a small filesystem: what fits is kept and said, what does not is reported as not
 * stored, with the reason; the workspace stays sound. */
static void
test_disk_full (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *small = g_build_filename (dir, "small", NULL);
  g_autofree char *workspace = g_build_filename (small, "full.dossier", NULL);
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  g_autoptr(GHashTable) ids = NULL;
  g_auto(GStrv) lines = NULL;
  guint failed = 0;
  gint64 stored;
  Child child;
  int status;

  if (getuid () != 0)
    {
      g_test_skip ("mounting a small filesystem needs root");
      test_rm_rf (dir);
      return;
    }
  g_assert_cmpint (g_mkdir (small, 0700), ==, 0);
  if (mount ("tmpfs", small, "tmpfs", MS_NOSUID | MS_NODEV, "size=3m") != 0)
    {
      g_autofree char *why = g_strdup_printf ("cannot mount a tmpfs: %s", g_strerror (errno));

      g_test_skip (why);
      test_rm_rf (dir);
      return;
    }
  /* About 8 MB of articles for 3 MB of disk. */
  paths = write_articles (dir, 400, 60);
  spawn_import (&child, workspace, paths);
  status = finish (&child, out, err);
  g_test_message ("%s", err->str + MAX (0, (gssize) err->len - 300));

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  ids = acknowledged (out->str);
  lines = g_strsplit (err->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "dossier-cli: ") && strstr (lines[i], "article-") != NULL)
      {
        g_assert_nonnull (strstr (lines[i], "disk is full"));
        failed++;
      }
  g_test_message ("%u acknowledged, %u failed", g_hash_table_size (ids), failed);
  g_assert_cmpuint (g_hash_table_size (ids), >, 0);
  g_assert_cmpuint (failed, >, 0);
  /* Every file is either imported or failed: none is reported twice or left out. */
  g_assert_cmpuint (g_hash_table_size (ids) + failed, ==, paths->len);
  {
    g_autofree char *summary = g_strdup_printf ("%u imported, 0 already in the workspace, %u "
                                                "failed", g_hash_table_size (ids), failed);
    g_assert_nonnull (strstr (err->str, summary));
  }
  stored = check_acknowledged (workspace, ids);
  g_assert_cmpint (stored, ==, g_hash_table_size (ids));

  g_assert_cmpint (umount (small), ==, 0);
  test_rm_rf (dir);
}

/* Bytes waiting in the pipe @fd. */
static int
pending_bytes (int fd)
{
  int n = 0;

  g_assert_cmpint (ioctl (fd, FIONREAD, &n), ==, 0);
  return n;
}

/* An import whose output nobody reads holds no lock while it waits: another command
 * writes to the same workspace meanwhile. */
static void
test_stalled_output (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *workspace = g_build_filename (dir, "stalled.dossier", NULL);
  /* More lines than a pipe holds (64 KiB). */
  g_autoptr(GPtrArray) paths = write_articles (dir, 2500, 0);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  g_autoptr(GHashTable) ids = NULL;
  g_auto(TestRun) run = { 0, };
  int last = -1, status, capacity;
  guint still = 0;
  Child child;

  spawn_import (&child, workspace, paths);
  fcntl (child.err_fd, F_SETFL, O_NONBLOCK);
  /* Wait until the output pipe is full and stays so: the import is blocked writing.  (A pipe
   * is a ring of pages; a line that does not fit in the last one takes the next, so a full
   * pipe holds a little less than its capacity.) */
  capacity = fcntl (child.out_fd, F_GETPIPE_SZ);
  g_assert_cmpint (capacity, >, 0);
  for (guint waited = 0; still < 20; waited++)
    {
      int now = pending_bytes (child.out_fd);

      g_assert_cmpuint (waited, <, 60 * 100);
      drain (child.err_fd, err);
      still = now == last && now > capacity - 2048 ? still + 1 : 0;
      last = now;
      g_usleep (10000);
    }
  {
    const char *args[] = { "--workspace", workspace, "annotate", "1", "--start", "0",
                           "--end", "7", "--kind", "highlight", NULL };
    gint64 before = g_get_monotonic_time ();

    test_cli_run (&run, NULL, args);
    g_test_message ("annotate took %" G_GINT64_FORMAT " ms: %s",
                    (g_get_monotonic_time () - before) / 1000, run.err);
    g_assert_cmpint (run.status, ==, 0);
  }
  status = finish (&child, out, err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  ids = acknowledged (out->str);
  g_assert_cmpuint (g_hash_table_size (ids), ==, paths->len);
  g_assert_cmpint (check_acknowledged (workspace, ids), ==, paths->len);
  test_rm_rf (dir);
}

typedef struct {
  DossierStore *reader;    /* a second connection, as another process would see it */
  guint         reported;
  guint         checked;
} ProgressCheck;

static void
progress_check_cb (guint                      done,
                   guint                      total,
                   const DossierImportResult *result,
                   gpointer                   user_data)
{
  ProgressCheck *check = user_data;
  g_autoptr(DossierDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (done, ==, ++check->reported);
  if (result->status != DOSSIER_IMPORT_IMPORTED)
    return;
  document = dossier_store_get_document (check->reader, result->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  check->checked++;
}

/* The progress callback (the app's progress bar, the CLI's lines) sees only committed
 * documents: another connection finds each one as it is reported. */
static void
test_progress_after_commit (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) paths = write_articles (dir, 1200, 0);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  DossierStore *store = test_open_workspace (dir, "progress.dossier", &path);
  ProgressCheck check = { NULL, };

  check.reader = dossier_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths->pdata[i]));
  results = dossier_import_files (store, (GFile **) files->pdata, files->len,
                                  DOSSIER_FORMAT_AUTO, progress_check_cb, &check, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, paths->len);
  g_assert_cmpuint (check.reported, ==, paths->len);
  g_assert_cmpuint (check.checked, ==, paths->len);
  g_object_unref (check.reader);
  test_close_workspace (&store, &dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* A reader that went away must not kill the test. */
  signal (SIGPIPE, SIG_IGN);

  g_test_add_func ("/import-safety/progress-after-commit", test_progress_after_commit);
  g_test_add_func ("/import-safety/kill", test_kill_import);
  g_test_add_func ("/import-safety/disk-full", test_disk_full);
  g_test_add_func ("/import-safety/stalled-output", test_stalled_output);
  return g_test_run ();
}
