/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dossier-cli end to end: the real executable on a temporary workspace. */
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "test-common.h"

static char *tmpdir;
static char *workspace;

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs dossier-cli with @args (NULL-terminated), on the test workspace unless the first
 * argument is "--no-workspace". */
static void
cli (Run        *run,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *arg;
  va_list ap;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("DOSSIER_CLI"));
  if (g_strcmp0 (first, "--no-workspace") != 0)
    {
      g_ptr_array_add (argv, (char *) "--workspace");
      g_ptr_array_add (argv, workspace);
      g_ptr_array_add (argv, (char *) first);
    }
  va_start (ap, first);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "XDG_DATA_HOME", tmpdir, TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status))
    g_error ("dossier-cli crashed: %s", run->err);
  run->status = WEXITSTATUS (wait_status);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static char *
fixture (const char *name,
         const char *content,
         gssize      len)
{
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_true (g_file_set_contents (path, content, len, NULL));
  return path;
}

static void
test_import_list_show (void)
{
  g_autofree char *a = fixture ("ferry.txt",
                                "title Ferry line approved\nsource The Port Vell Courier\n"
                                "url https://courier.example/ferry\ndate 2024-06-20\n\n"
                                "The council approved the ferry line on Thursday.\n", -1);
  g_autofree char *b = fixture ("quay.html",
                                "<html lang=\"en\"><head><title>Quay repairs begin</title>"
                                "<meta property=\"og:site_name\" content=\"Varn Evening Post\">"
                                "</head><body><article><h1>Quay repairs begin</h1><p>Work on "
                                "the old quay started at dawn, the harbour master said.</p>"
                                "</article></body></html>", -1);
  g_autofree char *bad = fixture ("photo.bin", "\x89PNG\r\n\x1a\n\0\0", 10);
  g_auto(Run) run = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) show = { 0 };
  g_auto(Run) show_text = { 0 };
  g_auto(Run) again = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) doc = NULL;
  JsonArray *array;
  JsonObject *first;
  gint64 id;

  cli (&run, "import", a, bad, b, NULL);
  g_assert_cmpint (run.status, ==, 1);   /* one file failed */
  g_assert_nonnull (strstr (run.out, "ferry.txt: imported as document 1 “Ferry line approved”"));
  g_assert_nonnull (strstr (run.out, "quay.html: imported as document 2"));
  g_assert_nonnull (strstr (run.err, "photo.bin: binary file (a PNG image)"));
  g_assert_nonnull (strstr (run.err, "2 imported, 0 already in the workspace, 1 failed"));

  cli (&again, "import", a, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "ferry.txt: skipped, already in the workspace as "
                                       "document 1"));

  cli (&list, "list", "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  root = parse_json (list.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  first = json_array_get_object_element (array, 0);  /* the dated one sorts first */
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "Ferry line approved");
  g_assert_cmpstr (json_object_get_string_member (first, "date"), ==, "2024-06-20");
  g_assert_cmpstr (json_object_get_string_member (first, "outlet"), ==,
                   "The Port Vell Courier");
  g_assert_cmpstr (json_object_get_string_member (first, "url"), ==,
                   "https://courier.example/ferry");
  id = json_object_get_int_member (first, "id");
  g_assert_cmpint (id, ==, 1);
  g_assert_true (json_object_has_member (json_array_get_object_element (array, 1), "date"));

  cli (&show, "show", "2", "--json", NULL);
  g_assert_cmpint (show.status, ==, 0);
  doc = parse_json (show.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (doc), "outlet"), ==,
                   "Varn Evening Post");
  g_assert_nonnull (strstr (json_object_get_string_member (json_node_get_object (doc), "text"),
                            "Work on the old quay started at dawn"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (doc),
                                                                         "regions")), >=, 1);

  cli (&show_text, "show", "1", NULL);
  g_assert_cmpint (show_text.status, ==, 0);
  g_assert_true (g_str_has_prefix (show_text.out, "Title     Ferry line approved\n"));
  g_assert_nonnull (strstr (show_text.out, "\n\nThe council approved the ferry line on Thursday."));
}

static void
test_search_and_remove (void)
{
  g_auto(Run) search = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(Run) none = { 0 };
  g_auto(Run) remove = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) after = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *hit;

  cli (&search, "search", "--json", "ferry", NULL);
  g_assert_cmpint (search.status, ==, 0);
  root = parse_json (search.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  hit = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpint (json_object_get_int_member (hit, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (hit, "title"), ==, "Ferry line approved");
  g_assert_nonnull (strstr (json_object_get_string_member (hit, "snippet"), "ferry"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (hit, "highlights")), >=, 1);

  cli (&text, "search", "quay", "harbour", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Quay repairs begin"));
  g_assert_nonnull (strstr (text.out, "«harbour»"));

  cli (&none, "search", "\"", NULL);
  g_assert_cmpint (none.status, ==, 0);
  g_assert_cmpstr (none.out, ==, "");

  cli (&remove, "remove", "2", NULL);
  g_assert_cmpint (remove.status, ==, 0);
  g_assert_nonnull (strstr (remove.out, "removed document 2 “Quay repairs begin”"));
  cli (&missing, "remove", "2", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "No document 2"));
  cli (&after, "search", "quay", NULL);
  g_assert_cmpstr (after.out, ==, "");
}

static void
test_usage (void)
{
  const char *commands[] = { "import", "list", "show", "search", "remove" };
  g_auto(Run) top = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) bad_id = { 0 };
  g_auto(Run) no_files = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) help = { 0 };

      cli (&help, commands[i], "--help", NULL);
      g_assert_cmpint (help.status, ==, 0);
      g_assert_nonnull (strstr (help.out, "Usage:"));
      g_assert_nonnull (strstr (help.out, commands[i]));
    }
  cli (&top, "--no-workspace", "--help", NULL);
  g_assert_cmpint (top.status, ==, 0);
  g_assert_nonnull (strstr (top.out, "search"));
  cli (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "unknown command “frobnicate”"));
  cli (&bad_id, "show", "abc", NULL);
  g_assert_cmpint (bad_id.status, ==, 2);
  cli (&no_files, "import", NULL);
  g_assert_cmpint (no_files.status, ==, 2);
}

static void
test_default_workspace (void)
{
  g_autofree char *file = fixture ("default.txt", "Default place\n\nStored in XDG_DATA_HOME.\n", -1);
  g_autofree char *expected = g_build_filename (tmpdir, "dossier", "workspace.dossier", NULL);
  g_auto(Run) run = { 0 };

  cli (&run, "--no-workspace", "import", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static void
test_not_a_workspace (void)
{
  g_autofree char *notes = fixture ("notes.dossier", "plain notes, not a database, long enough "
                                    "to be read as a header by SQLite at all\n", -1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) run = { 0 };

  g_file_get_contents (notes, &before, NULL, NULL);
  cli (&run, "--no-workspace", "--workspace", notes, "list", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "notes.dossier: not a Dossier workspace"));
  g_file_get_contents (notes, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);
}

static void
test_seeds (void)
{
  g_autofree char *seeds = test_shared_dir ("seeds");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *ws = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) search = { 0 };

  if (seeds == NULL)
    {
      g_test_skip ("../shared/seeds is not there");
      return;
    }
  a = g_build_filename (seeds, "000_c2296167f366dcf8.txt", NULL);
  b = g_build_filename (seeds, "001_57039be82140cf9d.txt", NULL);
  ws = g_build_filename (tmpdir, "seeds.dossier", NULL);
  cli (&run, "--no-workspace", "--workspace", ws, "import", a, b, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli (&search, "--no-workspace", "--workspace", ws, "search", "--json", "araghchi", NULL);
  g_assert_cmpint (search.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (search.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), >=, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("DOSSIER_CLI") == NULL)
    g_error ("DOSSIER_CLI must name the dossier-cli executable (meson sets it)");
  tmpdir = test_make_tmpdir ();
  workspace = g_build_filename (tmpdir, "cli.dossier", NULL);

  /* The first two run in order on one workspace. */
  g_test_add_func ("/cli/import-list-show", test_import_list_show);
  g_test_add_func ("/cli/search-and-remove", test_search_and_remove);
  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/default-workspace", test_default_workspace);
  g_test_add_func ("/cli/not-a-workspace", test_not_a_workspace);
  g_test_add_func ("/cli/seeds", test_seeds);

  status = g_test_run ();
  test_rm_rf (tmpdir);
  g_free (tmpdir);
  g_free (workspace);
  return status;
}
