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
  const char *commands[] = { "import", "list", "show", "search", "remove", "update", "annotate",
                             "annotations", "annotation-remove", "sources", "source-grade",
                             "tags", "tag-rename", "tag-delete" };
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

static void
test_annotate (void)
{
  g_autofree char *ws = g_build_filename (tmpdir, "annotate.dossier", NULL);
  g_autofree char *v1 = fixture ("pier.txt",
                                 "title Pier closed after storm\n\n"
                                 "Mayor Tove Lind said the pier “will reopen in spring”, the "
                                 "Vell Courier reported. Engineers disagreed.\n", -1);
  g_autofree char *v2 = fixture ("pier-v2.txt",
                                 "title Pier closed after storm\n\n"
                                 "Updated: repairs are funded. Mayor Tove Lind said the pier "
                                 "“will reopen in spring”, the Vell Courier reported.\n", -1);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *a;
  JsonArray *tags;
  const char *text;
  guint start;

  {
    g_auto(Run) run = { 0 };
    g_auto(Run) show = { 0 };
    g_autoptr(JsonNode) doc = NULL;

    cli (&run, "--no-workspace", "--workspace", ws, "import", v1, NULL);
    g_assert_cmpint (run.status, ==, 0);
    cli (&show, "--no-workspace", "--workspace", ws, "show", "1", "--json", NULL);
    doc = parse_json (show.out);
    text = json_object_get_string_member (json_node_get_object (doc), "text");
    start = (guint) g_utf8_pointer_to_offset (text, strstr (text, "will reopen in spring"));
  }
  {
    g_autofree char *s = g_strdup_printf ("%u", start);
    g_autofree char *e = g_strdup_printf ("%u", start + 21);
    g_auto(Run) run = { 0 };
    g_auto(Run) bad = { 0 };
    g_auto(Run) range = { 0 };

    cli (&run, "--no-workspace", "--workspace", ws, "annotate", "1", "--start", s, "--end", e,
         "--kind", "quote", "--speaker", "Tove Lind", "--source", "Vell Courier", "--cue",
         "said", "--tag", "ports", "--tag", "=HYPERLINK(\"x\")", "--note", "Check budget",
         "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    root = parse_json (run.out);
    a = json_node_get_object (root);
    g_assert_cmpstr (json_object_get_string_member (a, "exact"), ==, "will reopen in spring");
    g_assert_cmpstr (json_object_get_string_member (a, "speaker"), ==, "Tove Lind");

    cli (&bad, "--no-workspace", "--workspace", ws, "annotate", "1", "--start", s, "--end", e,
         "--kind", "rumour", NULL);
    g_assert_cmpint (bad.status, ==, 2);
    g_assert_nonnull (strstr (bad.err, "unknown kind “rumour”"));
    cli (&range, "--no-workspace", "--workspace", ws, "annotate", "1", "--start", "5",
         "--end", "99999", NULL);
    g_assert_cmpint (range.status, ==, 1);
    g_assert_nonnull (strstr (range.err, "is not a passage of document 1"));
  }
  g_clear_pointer (&root, json_node_unref);
  {
    g_auto(Run) list = { 0 };
    g_auto(Run) filtered = { 0 };
    g_auto(Run) missing = { 0 };

    cli (&list, "--no-workspace", "--workspace", ws, "annotations", "--json", NULL);
    g_assert_cmpint (list.status, ==, 0);
    root = parse_json (list.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
    a = json_array_get_object_element (json_node_get_array (root), 0);
    g_assert_cmpint (json_object_get_int_member (a, "document"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (a, "kind"), ==, "quote");
    g_assert_cmpint (json_object_get_int_member (a, "start"), ==, start);
    g_assert_cmpint (json_object_get_int_member (a, "end"), ==, start + 21);
    g_assert_cmpstr (json_object_get_string_member (a, "source"), ==, "Vell Courier");
    g_assert_cmpstr (json_object_get_string_member (a, "note"), ==, "Check budget");
    g_assert_cmpstr (json_object_get_string_member (a, "status"), ==, "anchored");
    tags = json_object_get_array_member (a, "tags");
    g_assert_cmpuint (json_array_get_length (tags), ==, 2);

    cli (&filtered, "--no-workspace", "--workspace", ws, "annotations", "--source",
         "Reuters", "--json", NULL);
    g_assert_cmpint (filtered.status, ==, 0);
    {
      g_autoptr(JsonNode) none = parse_json (filtered.out);

      g_assert_cmpuint (json_array_get_length (json_node_get_array (none)), ==, 0);
    }
    cli (&missing, "--no-workspace", "--workspace", ws, "annotations", "--tag", "nothing", NULL);
    g_assert_cmpint (missing.status, ==, 1);
    g_assert_nonnull (strstr (missing.err, "No tag called “nothing”"));
  }
  g_clear_pointer (&root, json_node_unref);
  {
    g_auto(Run) grade = { 0 };
    g_auto(Run) bad_grade = { 0 };
    g_auto(Run) sources = { 0 };
    g_auto(Run) rename = { 0 };
    g_auto(Run) tag_list = { 0 };

    cli (&grade, "--no-workspace", "--workspace", ws, "source-grade", "vell courier", "B",
         NULL);
    g_assert_cmpint (grade.status, ==, 0);
    cli (&bad_grade, "--no-workspace", "--workspace", ws, "source-grade", "Reuters", "Z",
         NULL);
    g_assert_cmpint (bad_grade.status, ==, 2);
    cli (&sources, "--no-workspace", "--workspace", ws, "sources", "--json", NULL);
    g_assert_cmpint (sources.status, ==, 0);
    root = parse_json (sources.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), >=, 90);
    g_assert_nonnull (strstr (sources.out, "\"name\" : \"Vell Courier\""));
    g_assert_nonnull (strstr (sources.out, "\"reliability\" : \"B\""));

    cli (&rename, "--no-workspace", "--workspace", ws, "tag-rename", "ports", "harbours", NULL);
    g_assert_cmpint (rename.status, ==, 0);
    cli (&tag_list, "--no-workspace", "--workspace", ws, "tags", NULL);
    g_assert_nonnull (strstr (tag_list.out, "harbours"));
    g_assert_null (strstr (tag_list.out, "ports"));
  }
  g_clear_pointer (&root, json_node_unref);
  {
    g_auto(Run) update = { 0 };
    g_auto(Run) list = { 0 };

    /* A new version of the article moves the quote; the annotation follows it. */
    cli (&update, "--no-workspace", "--workspace", ws, "update", "1", v2, NULL);
    g_assert_cmpint (update.status, ==, 0);
    g_assert_nonnull (strstr (update.out, "0 annotations in place, 1 moved"));
    g_assert_nonnull (strstr (update.out, "0 orphaned"));
    cli (&list, "--no-workspace", "--workspace", ws, "annotations", "--json", NULL);
    root = parse_json (list.out);
    a = json_array_get_object_element (json_node_get_array (root), 0);
    g_assert_cmpint (json_object_get_int_member (a, "start"), ==, start + 29);
    g_assert_cmpstr (json_object_get_string_member (a, "exact"), ==, "will reopen in spring");
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
  g_test_add_func ("/cli/annotate", test_annotate);
  g_test_add_func ("/cli/seeds", test_seeds);

  status = g_test_run ();
  test_rm_rf (tmpdir);
  g_free (tmpdir);
  g_free (workspace);
  return status;
}
