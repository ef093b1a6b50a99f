/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dossier-cli end to end: the real executable on a temporary workspace. */
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

#include "test-common.h"

static char *tmpdir;
static char *workspace;

/* The arguments after @first up to NULL, after those of @before (NULL-terminated, or NULL). */
static GPtrArray *
collect_args (const char * const *before,
              const char         *first,
              va_list             ap)
{
  GPtrArray *args = g_ptr_array_new ();
  const char *arg;

  for (guint i = 0; before != NULL && before[i] != NULL; i++)
    g_ptr_array_add (args, (char *) before[i]);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  g_ptr_array_add (args, NULL);
  return args;
}

/* Runs dossier-cli with @args (NULL-terminated), on the test workspace unless the first
 * argument is "--no-workspace". */
static void
cli (TestRun    *run,
     const char *first,
     ...)
{
  const char *env[] = { "XDG_DATA_HOME", tmpdir, NULL };
  const char *on_workspace[] = { "--workspace", workspace, NULL };
  gboolean no_workspace = g_strcmp0 (first, "--no-workspace") == 0;
  g_autoptr(GPtrArray) args = NULL;
  va_list ap;

  va_start (ap, first);
  if (no_workspace)
    first = va_arg (ap, const char *);
  args = collect_args (no_workspace ? NULL : on_workspace, first, ap);
  va_end (ap);
  test_cli_run (run, env, (const char * const *) args->pdata);
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
  g_auto(TestRun) run = { 0 };
  g_auto(TestRun) list = { 0 };
  g_auto(TestRun) show = { 0 };
  g_auto(TestRun) show_text = { 0 };
  g_auto(TestRun) again = { 0 };
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
  root = test_parse_json (list.out);
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
  doc = test_parse_json (show.out);
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

/* Whether @text has a byte a terminal acts on: C0 controls but line ends, DEL, or a C1
 * control's UTF-8 (the CSI of "\xc2\x9b"). */
static gboolean
has_raw_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (((guchar) *p < 0x20 && *p != '\n') || *p == 0x7f
        || ((guchar) p[0] == 0xc2 && (guchar) p[1] >= 0x80 && (guchar) p[1] < 0xa0))
      return TRUE;
  return FALSE;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* File names and titles with a byte that is not UTF-8, a line break and terminal escapes:
 * JSON output stays valid UTF-8 and parses, text output shows them escaped, one line each. */
static void
test_hostile_names (void)
{
  g_autofree char *ws = g_build_filename (tmpdir, "hostile-names.dossier", NULL);
  /* "bad<FF>", a line break, "name", ESC "[31m" (red), ".txt". */
  g_autofree char *evil = fixture ("bad\xff\nname\x1b[31m.txt",
                                   "title Evil \x1b]0;pwned\x07 title\x1b[2J\n"
                                   "source Outlet\x1b[31m\n\n"
                                   "The harbour master said the quay would reopen.\n", -1);
  g_autofree char *second = fixture ("second\xfe\x1b[1A.txt",
                                     "title Second\xc2\x9b story\n\n"
                                     "Dock workers walked out at dawn on Monday.\n", -1);
  g_auto(TestRun) import = { 0 };
  g_auto(TestRun) import_json = { 0 };
  g_auto(TestRun) list = { 0 };
  g_auto(TestRun) list_json = { 0 };
  g_auto(TestRun) show = { 0 };
  g_auto(TestRun) broken = { 0 };
  g_autoptr(JsonNode) imported = NULL;
  g_autoptr(JsonNode) listed = NULL;
  JsonObject *result;

  cli (&import, "--no-workspace", "--workspace", ws, "import", evil, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_true (g_utf8_validate (import.out, -1, NULL));
  g_assert_false (has_raw_control (import.out));
  g_assert_false (has_raw_control (import.err));
  g_assert_cmpuint (count_lines (import.out), ==, 1);
  g_assert_nonnull (strstr (import.out,
                            "bad\\xff\\nname\\x1b[31m.txt: imported as document 1"));

  cli (&import_json, "--no-workspace", "--workspace", ws, "import", "--json", second, NULL);
  g_assert_cmpint (import_json.status, ==, 0);
  g_assert_true (g_utf8_validate (import_json.out, -1, NULL));
  g_assert_false (has_raw_control (import_json.out));
  imported = test_parse_json (import_json.out);
  result = json_array_get_object_element (json_node_get_array (imported), 0);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "imported");
  /* The byte that is not UTF-8 as U+FFFD, as g_filename_display_name() has it; the ESC is
   * still there, as data, escaped by the JSON. */
  g_assert_true (g_str_has_suffix (json_object_get_string_member (result, "file"),
                                   "second\xef\xbf\xbd\x1b[1A.txt"));

  cli (&list_json, "--no-workspace", "--workspace", ws, "list", "--json", NULL);
  g_assert_cmpint (list_json.status, ==, 0);
  g_assert_true (g_utf8_validate (list_json.out, -1, NULL));
  g_assert_false (has_raw_control (list_json.out));
  listed = test_parse_json (list_json.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *document = json_array_get_object_element (json_node_get_array (listed), i);

      g_assert_true (g_utf8_validate (json_object_get_string_member (document, "file"), -1,
                                      NULL));
      g_assert_true (g_utf8_validate (json_object_get_string_member (document, "title"), -1,
                                      NULL));
    }

  cli (&list, "--no-workspace", "--workspace", ws, "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_true (g_utf8_validate (list.out, -1, NULL));
  g_assert_false (has_raw_control (list.out));
  g_assert_cmpuint (count_lines (list.out), ==, 2);

  cli (&show, "--no-workspace", "--workspace", ws, "show", "1", NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_true (g_utf8_validate (show.out, -1, NULL));
  g_assert_false (has_raw_control (show.out));
  g_assert_nonnull (strstr (show.out, "File      bad\\xff\\nname\\x1b[31m.txt\n"));

  /* An error about such a file says its name the same way. */
  cli (&broken, "--no-workspace", "--workspace", ws, "import", "no\x1b[2Jsuch\n.txt", NULL);
  g_assert_cmpint (broken.status, ==, 1);
  g_assert_false (has_raw_control (broken.err));
  g_assert_nonnull (strstr (broken.err, "no\\x1b[2Jsuch\\n.txt: "));
}

static void
test_search_and_remove (void)
{
  g_auto(TestRun) search = { 0 };
  g_auto(TestRun) text = { 0 };
  g_auto(TestRun) none = { 0 };
  g_auto(TestRun) remove = { 0 };
  g_auto(TestRun) missing = { 0 };
  g_auto(TestRun) after = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *hit;

  cli (&search, "search", "--json", "ferry", NULL);
  g_assert_cmpint (search.status, ==, 0);
  root = test_parse_json (search.out);
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
  g_auto(TestRun) top = { 0 };
  g_auto(TestRun) unknown = { 0 };
  g_auto(TestRun) bad_id = { 0 };
  g_auto(TestRun) no_files = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(TestRun) help = { 0 };

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
  g_auto(TestRun) run = { 0 };

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
  g_auto(TestRun) run = { 0 };

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
  g_auto(TestRun) run = { 0 };
  g_auto(TestRun) search = { 0 };

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
    g_autoptr(JsonNode) root = test_parse_json (search.out);
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
    g_auto(TestRun) run = { 0 };
    g_auto(TestRun) show = { 0 };
    g_autoptr(JsonNode) doc = NULL;

    cli (&run, "--no-workspace", "--workspace", ws, "import", v1, NULL);
    g_assert_cmpint (run.status, ==, 0);
    cli (&show, "--no-workspace", "--workspace", ws, "show", "1", "--json", NULL);
    doc = test_parse_json (show.out);
    text = json_object_get_string_member (json_node_get_object (doc), "text");
    start = (guint) g_utf8_pointer_to_offset (text, strstr (text, "will reopen in spring"));
  }
  {
    g_autofree char *s = g_strdup_printf ("%u", start);
    g_autofree char *e = g_strdup_printf ("%u", start + 21);
    g_auto(TestRun) run = { 0 };
    g_auto(TestRun) bad = { 0 };
    g_auto(TestRun) range = { 0 };

    cli (&run, "--no-workspace", "--workspace", ws, "annotate", "1", "--start", s, "--end", e,
         "--kind", "quote", "--speaker", "Tove Lind", "--source", "Vell Courier", "--cue",
         "said", "--tag", "ports", "--tag", "=HYPERLINK(\"x\")", "--note", "Check budget",
         "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    root = test_parse_json (run.out);
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
    g_auto(TestRun) list = { 0 };
    g_auto(TestRun) filtered = { 0 };
    g_auto(TestRun) missing = { 0 };

    cli (&list, "--no-workspace", "--workspace", ws, "annotations", "--json", NULL);
    g_assert_cmpint (list.status, ==, 0);
    root = test_parse_json (list.out);
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
      g_autoptr(JsonNode) none = test_parse_json (filtered.out);

      g_assert_cmpuint (json_array_get_length (json_node_get_array (none)), ==, 0);
    }
    cli (&missing, "--no-workspace", "--workspace", ws, "annotations", "--tag", "nothing", NULL);
    g_assert_cmpint (missing.status, ==, 1);
    g_assert_nonnull (strstr (missing.err, "No tag called “nothing”"));
  }
  g_clear_pointer (&root, json_node_unref);
  {
    g_auto(TestRun) grade = { 0 };
    g_auto(TestRun) bad_grade = { 0 };
    g_auto(TestRun) sources = { 0 };
    g_auto(TestRun) rename = { 0 };
    g_auto(TestRun) tag_list = { 0 };

    cli (&grade, "--no-workspace", "--workspace", ws, "source-grade", "vell courier", "B",
         NULL);
    g_assert_cmpint (grade.status, ==, 0);
    cli (&bad_grade, "--no-workspace", "--workspace", ws, "source-grade", "Reuters", "Z",
         NULL);
    g_assert_cmpint (bad_grade.status, ==, 2);
    cli (&sources, "--no-workspace", "--workspace", ws, "sources", "--json", NULL);
    g_assert_cmpint (sources.status, ==, 0);
    root = test_parse_json (sources.out);
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
    g_auto(TestRun) update = { 0 };
    g_auto(TestRun) list = { 0 };

    /* A new version of the article moves the quote; the annotation follows it. */
    cli (&update, "--no-workspace", "--workspace", ws, "update", "1", v2, NULL);
    g_assert_cmpint (update.status, ==, 0);
    g_assert_nonnull (strstr (update.out, "0 annotations in place, 1 moved"));
    g_assert_nonnull (strstr (update.out, "0 orphaned"));
    cli (&list, "--no-workspace", "--workspace", ws, "annotations", "--json", NULL);
    root = test_parse_json (list.out);
    a = json_array_get_object_element (json_node_get_array (root), 0);
    g_assert_cmpint (json_object_get_int_member (a, "start"), ==, start + 29);
    g_assert_cmpstr (json_object_get_string_member (a, "exact"), ==, "will reopen in spring");
  }
}

/* extract */

/* Runs dossier-cli with @args (NULL-terminated) and no --workspace, with XDG_DATA_HOME set to
 * @data_home: for checking that a command leaves the default workspace alone. */
static void
cli_in_data_home (TestRun    *run,
                  const char *data_home,
                  ...)
{
  const char *env[] = { "XDG_DATA_HOME", data_home, "HOME", data_home, NULL };
  g_autoptr(GPtrArray) args = NULL;
  const char *first;
  va_list ap;

  va_start (ap, data_home);
  first = va_arg (ap, const char *);
  args = collect_args (NULL, first, ap);
  va_end (ap);
  test_cli_run (run, env, (const char * const *) args->pdata);
}

static char *
extract_fixture (void)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "extract-article.txt", NULL);
}

/* Asserts that @object has exactly the members @names (NULL-terminated). */
static void
assert_members (JsonObject         *object,
                const char * const *names)
{
  guint n = 0;

  for (; names[n] != NULL; n++)
    if (!json_object_has_member (object, names[n]))
      g_error ("member “%s” missing", names[n]);
  g_assert_cmpuint (json_object_get_size (object), ==, n);
}

/* Asserts that @object's [start, end) is a non-empty span of @text, counted in code points,
 * and that the text there is @object's "text" member; returns the start. */
static guint
assert_span (const char *text,
             JsonObject *object)
{
  gint64 start = json_object_get_int_member (object, "start");
  gint64 end = json_object_get_int_member (object, "end");
  g_autofree char *at = NULL;

  g_assert_cmpint (start, >=, 0);
  g_assert_cmpint (start, <, end);
  g_assert_cmpint (end, <=, g_utf8_strlen (text, -1));
  at = test_region_text (text, (guint) start, (guint) end);
  g_assert_cmpstr (at, ==, json_object_get_string_member (object, "text"));
  return (guint) start;
}

static JsonObject *
find_by_text (JsonArray  *array,
              const char *text)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "text"), text) == 0)
        return object;
    }
  g_error ("nothing with the text “%s”", text);
  return NULL;
}

/* Runs extract --json on @file (and @date with --date, unless NULL) and parses the output. */
static JsonNode *
extract_json (const char *file,
              const char *date)
{
  g_auto(TestRun) run = { 0 };

  if (date != NULL)
    cli (&run, "--no-workspace", "extract", "--date", date, "--json", file, NULL);
  else
    cli (&run, "--no-workspace", "extract", "--json", file, NULL);
  if (run.status != 0)
    g_error ("extract failed (%d): %s", run.status, run.err);
  return test_parse_json (run.out);
}

static void
test_extract_json (void)
{
  static const char * const root_members[] = { "title", "date", "outlet", "text", "regions",
                                               "entities", "dates", "quotes", NULL };
  static const char * const region_members[] = { "kind", "start", "end", NULL };
  static const char * const entity_members[] = { "name", "kind", "aliases", "mentions", NULL };
  static const char * const mention_members[] = { "start", "end", "text", NULL };
  static const char * const date_members[] = { "start", "end", "text", "value", "precision",
                                               NULL };
  static const char * const quote_members[] = { "start", "end", "text", "speaker",
                                                "speaker_start", "speaker_end", "outlet", "cue",
                                                NULL };
  g_autofree char *file = extract_fixture ();
  g_autoptr(JsonNode) node = extract_json (file, NULL);
  JsonObject *root = json_node_get_object (node);
  const char *text = json_object_get_string_member (root, "text");
  glong length = g_utf8_strlen (text, -1);
  JsonArray *regions = json_object_get_array_member (root, "regions");
  JsonArray *entities = json_object_get_array_member (root, "entities");
  JsonArray *dates = json_object_get_array_member (root, "dates");
  JsonArray *quotes = json_object_get_array_member (root, "quotes");
  gint64 previous_end = 0;
  guint n_mentions = 0, n_captions = 0;
  JsonObject *o;
  guint start;

  assert_members (root, root_members);
  g_assert_cmpstr (json_object_get_string_member (root, "title"), ==,
                   "Ferry talks stall in Østhavn");
  g_assert_cmpstr (json_object_get_string_member (root, "date"), ==, "2024-06-20");
  g_assert_cmpstr (json_object_get_string_member (root, "outlet"), ==, "The Lakeside Ledger");
  g_assert_true (g_str_has_prefix (text, "Talks to end the ferry strike in Østhavn"));

  /* Regions: in order, within the text, the credit line a caption. */
  g_assert_cmpuint (json_array_get_length (regions), >=, 6);
  for (guint i = 0; i < json_array_get_length (regions); i++)
    {
      o = json_array_get_object_element (regions, i);
      assert_members (o, region_members);
      g_assert_cmpint (json_object_get_int_member (o, "start"), >=, previous_end);
      g_assert_cmpint (json_object_get_int_member (o, "start"), <,
                       json_object_get_int_member (o, "end"));
      previous_end = json_object_get_int_member (o, "end");
      g_assert_cmpint (previous_end, <=, length);
      if (g_str_equal (json_object_get_string_member (o, "kind"), "caption"))
        {
          g_autofree char *caption = test_region_text (text,
                                                       json_object_get_int_member (o, "start"),
                                                       previous_end);

          g_assert_nonnull (strstr (caption, "(credit: Ledger Photo/Kari Lunde)"));
          n_captions++;
        }
    }
  g_assert_cmpuint (n_captions, ==, 1);

  /* Entities: every mention's offsets give its text. */
  g_assert_cmpuint (json_array_get_length (entities), >=, 3);
  for (guint i = 0; i < json_array_get_length (entities); i++)
    {
      JsonArray *mentions;
      const char *kind;

      o = json_array_get_object_element (entities, i);
      assert_members (o, entity_members);
      kind = json_object_get_string_member (o, "kind");
      g_assert_true (g_strv_contains ((const char * const []) { "person", "organization", "place",
                                                               "outlet", NULL }, kind));
      g_assert_nonnull (json_object_get_array_member (o, "aliases"));
      mentions = json_object_get_array_member (o, "mentions");
      g_assert_cmpuint (json_array_get_length (mentions), >=, 1);
      for (guint j = 0; j < json_array_get_length (mentions); j++)
        {
          assert_members (json_array_get_object_element (mentions, j), mention_members);
          assert_span (text, json_array_get_object_element (mentions, j));
          n_mentions++;
        }
      if (g_str_equal (json_object_get_string_member (o, "name"), "Tobias Quell"))
        {
          g_assert_cmpstr (kind, ==, "person");
          g_assert_nonnull (find_by_text (mentions, "Quell"));
        }
    }
  g_assert_cmpuint (n_mentions, >=, 4);

  /* Dates: offsets, values resolved against the metadata date. */
  g_assert_cmpuint (json_array_get_length (dates), >=, 5);
  for (guint i = 0; i < json_array_get_length (dates); i++)
    {
      o = json_array_get_object_element (dates, i);
      assert_members (o, date_members);
      assert_span (text, o);
    }
  o = find_by_text (dates, "yesterday");
  g_assert_cmpstr (json_object_get_string_member (o, "value"), ==, "2024-06-19");
  g_assert_cmpstr (json_object_get_string_member (o, "precision"), ==, "day");
  o = find_by_text (dates, "March 3, 2024");
  g_assert_cmpstr (json_object_get_string_member (o, "value"), ==, "2024-03-03");
  o = find_by_text (dates, "July");
  g_assert_cmpstr (json_object_get_string_member (o, "value"), ==, "2024-07");
  g_assert_cmpstr (json_object_get_string_member (o, "precision"), ==, "month");
  o = find_by_text (dates, "next week");
  g_assert_cmpstr (json_object_get_string_member (o, "value"), ==, "2024-W26");
  g_assert_cmpstr (json_object_get_string_member (o, "precision"), ==, "week");

  /* Quotes: offsets, speakers' offsets, null where there is nothing. */
  g_assert_cmpuint (json_array_get_length (quotes), >=, 4);
  for (guint i = 0; i < json_array_get_length (quotes); i++)
    {
      o = json_array_get_object_element (quotes, i);
      assert_members (o, quote_members);
      assert_span (text, o);
      if (!json_object_get_null_member (o, "speaker_start"))
        {
          gint64 s = json_object_get_int_member (o, "speaker_start");
          gint64 e = json_object_get_int_member (o, "speaker_end");
          g_autofree char *at = NULL;

          g_assert_cmpint (s, >=, 0);
          g_assert_cmpint (s, <, e);
          g_assert_cmpint (e, <=, length);
          at = test_region_text (text, (guint) s, (guint) e);
          g_assert_cmpstr (at, ==, json_object_get_string_member (o, "speaker"));
        }
      else
        {
          g_assert_true (json_object_get_null_member (o, "speaker_end"));
        }
    }

  /* "Østhavn" and "Sørvik" come before this quote: offsets in bytes would be larger. */
  o = find_by_text (quotes, "have waited long enough");
  start = assert_span (text, o);
  g_assert_cmpint (g_utf8_offset_to_pointer (text, start) - text, >, start);
  g_assert_cmpstr (json_object_get_string_member (o, "speaker"), ==, "Mayor Ingrid Sørvik");
  g_assert_false (json_object_get_null_member (o, "speaker_start"));
  g_assert_cmpstr (json_object_get_string_member (o, "cue"), ==, "told");
  g_assert_true (json_object_get_null_member (o, "outlet"));

  /* The ship emoji before this one is one code point (two UTF-16 units, four bytes). */
  o = find_by_text (quotes, "No crossings until Friday.");
  start = assert_span (text, o);
  g_assert_nonnull (g_strstr_len (text, g_utf8_offset_to_pointer (text, start) - text, "🛳"));
  g_assert_cmpstr (json_object_get_string_member (o, "speaker"), ==, "Skipper Jonas Ekdal");
  g_assert_cmpstr (json_object_get_string_member (o, "outlet"), ==, "X");

  o = find_by_text (quotes, "We will not sign anything before the audit is published");
  g_assert_cmpstr (json_object_get_string_member (o, "speaker"), ==, "Tobias Quell");
  g_assert_cmpstr (json_object_get_string_member (o, "cue"), ==, "said");
}

static void
test_extract_date (void)
{
  g_autofree char *file = extract_fixture ();
  g_autofree char *undated = fixture ("undated.txt",
                                      "title Quay lights repaired\nsource The Lakeside Ledger\n\n"
                                      "The quay lights were repaired yesterday, the works "
                                      "office said.\n", -1);
  g_autofree char *dateline = fixture ("dateline.txt",
                                       "title Quay lights repaired\n\nVÄRNBY, June 3, 2024 - "
                                       "The quay lights were repaired yesterday.\n", -1);
  g_autofree char *month = fixture ("month.txt",
                                    "title Quay lights repaired\ndate 2024-06\n\n"
                                    "The quay lights were repaired yesterday.\n", -1);
  g_autoptr(JsonNode) node = extract_json (file, "2024-03-01");
  JsonObject *root = json_node_get_object (node);
  JsonArray *dates = json_object_get_array_member (root, "dates");
  g_autoptr(JsonNode) undated_node = NULL;
  g_autoptr(JsonNode) dateline_node = NULL;
  g_autoptr(JsonNode) month_node = NULL;

  /* --date wins over the metadata date, relative dates follow it (a leap day here). */
  g_assert_cmpstr (json_object_get_string_member (root, "date"), ==, "2024-03-01");
  g_assert_cmpstr (json_object_get_string_member (find_by_text (dates, "yesterday"), "value"),
                   ==, "2024-02-29");
  g_assert_cmpstr (json_object_get_string_member (find_by_text (dates, "next week"), "value"),
                   ==, "2024-W10");
  g_assert_cmpstr (json_object_get_string_member (find_by_text (dates, "March 3, 2024"),
                                                  "value"), ==, "2024-03-03");

  /* No date in the metadata and none given: null, and nothing made up for "yesterday". */
  undated_node = extract_json (undated, NULL);
  root = json_node_get_object (undated_node);
  g_assert_true (json_object_has_member (root, "date"));
  g_assert_true (json_object_get_null_member (root, "date"));
  g_assert_cmpstr (json_object_get_string_member (root, "outlet"), ==, "The Lakeside Ledger");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "dates")), ==, 0);

  /* A date found in the text resolves "yesterday", but it is not the document's date. */
  dateline_node = extract_json (dateline, NULL);
  root = json_node_get_object (dateline_node);
  dates = json_object_get_array_member (root, "dates");
  g_assert_true (json_object_get_null_member (root, "date"));
  g_assert_cmpstr (json_object_get_string_member (find_by_text (dates, "yesterday"), "value"),
                   ==, "2024-06-02");

  /* A month is not a day to resolve "yesterday" against. */
  month_node = extract_json (month, NULL);
  root = json_node_get_object (month_node);
  g_assert_true (json_object_get_null_member (root, "date"));
  g_assert_true (json_object_get_null_member (root, "outlet"));
}

static void
test_extract_html (void)
{
  g_autofree char *file = fixture ("harbour.html",
                                   "<html lang=\"en\"><head><title>Night ferry returns</title>"
                                   "<meta property=\"og:site_name\" content=\"Varn Evening Post\">"
                                   "<meta property=\"article:published_time\" "
                                   "content=\"2024-06-20T08:00:00Z\">"
                                   "</head><body><article><h1>Night ferry returns</h1>"
                                   "<p>The café on Kaiø quay reopened on Tuesday.</p>"
                                   "<p>“The boats are back,” said Harbour Master Elin Brekke.</p>"
                                   "</article></body></html>", -1);
  g_autoptr(JsonNode) node = extract_json (file, NULL);
  JsonObject *root = json_node_get_object (node);
  const char *text = json_object_get_string_member (root, "text");
  JsonArray *quotes = json_object_get_array_member (root, "quotes");
  JsonArray *dates = json_object_get_array_member (root, "dates");
  JsonObject *quote;

  g_assert_cmpstr (json_object_get_string_member (root, "title"), ==, "Night ferry returns");
  g_assert_cmpstr (json_object_get_string_member (root, "outlet"), ==, "Varn Evening Post");
  g_assert_cmpstr (json_object_get_string_member (root, "date"), ==, "2024-06-20");
  quote = find_by_text (quotes, "The boats are back");
  assert_span (text, quote);
  g_assert_cmpstr (json_object_get_string_member (quote, "speaker"), ==,
                   "Harbour Master Elin Brekke");
  g_assert_cmpstr (json_object_get_string_member (find_by_text (dates, "Tuesday"), "value"), ==,
                   "2024-06-18");
}

static void
test_extract_summary (void)
{
  g_autofree char *file = extract_fixture ();
  g_auto(TestRun) run = { 0 };

  cli (&run, "--no-workspace", "extract", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Title     Ferry talks stall in Østhavn\n"));
  g_assert_nonnull (strstr (run.out, "\nDate      2024-06-20\n"));
  g_assert_nonnull (strstr (run.out, " entities, 6 dates, 4 quotes\n"));
  g_assert_nonnull (strstr (run.out, "\n  Mayor Ingrid Sørvik: \"have waited long enough\"\n"));
  g_assert_nonnull (strstr (run.out, "\n  Skipper Jonas Ekdal (via X): \"No crossings until "
                                     "Friday.\"\n"));
  g_assert_nonnull (strstr (run.out, "\n  2024-06-19  yesterday\n"));
  g_assert_nonnull (strstr (run.out, "\n  2024-W26    next week\n"));
  g_assert_null (strstr (run.out, "\"start\""));
}

/* A quote running across paragraphs, with a caption between them: in JSON its text is the
 * text at its span, breaks and caption included, so that offsets always check out; the
 * summary shows the words alone. */
static void
test_extract_quote_across_paragraphs (void)
{
  g_autofree char *file = fixture ("across.txt",
                                   "title Pier plan\ndate 2024-06-20\n\nMayor Ingrid Sørvik "
                                   "said: “The pier will be rebuilt in stone, and it will be "
                                   "rebuilt this year.\n\nThe ferry sheds are on the quay. "
                                   "(credit: Ledger Photo/Kari Lunde)\n\n“Nobody in Østhavn "
                                   "will have to wait another winter.”\n", -1);
  g_autoptr(JsonNode) node = extract_json (file, NULL);
  JsonObject *root = json_node_get_object (node);
  const char *text = json_object_get_string_member (root, "text");
  JsonArray *quotes = json_object_get_array_member (root, "quotes");
  JsonObject *quote;
  const char *words;
  g_auto(TestRun) summary = { 0 };

  g_assert_cmpuint (json_array_get_length (quotes), ==, 1);
  quote = json_array_get_object_element (quotes, 0);
  assert_span (text, quote);
  words = json_object_get_string_member (quote, "text");
  g_assert_true (g_str_has_prefix (words, "The pier will be rebuilt"));
  g_assert_true (g_str_has_suffix (words, "another winter."));
  g_assert_nonnull (strstr (words, "this year.\n\nThe ferry sheds"));
  g_assert_cmpstr (json_object_get_string_member (quote, "speaker"), ==, "Mayor Ingrid Sørvik");

  cli (&summary, "--no-workspace", "extract", file, NULL);
  g_assert_cmpint (summary.status, ==, 0);
  g_assert_nonnull (strstr (summary.out, "\n  Mayor Ingrid Sørvik: \"The pier will be rebuilt "
                                         "in stone, and it will be rebuilt this year. Nobody in "
                                         "Østhavn will have to wait another winter.\"\n"));
}

static void
test_extract_bad_input (void)
{
  g_autofree char *bad = fixture ("extract-photo.bin", "\x89PNG\r\n\x1a\n\0\0", 10);
  g_autofree char *missing = g_build_filename (tmpdir, "no-such-article.txt", NULL);
  g_autofree char *file = extract_fixture ();
  g_auto(TestRun) binary = { 0 };
  g_auto(TestRun) absent = { 0 };
  g_auto(TestRun) folder = { 0 };
  g_auto(TestRun) none = { 0 };
  g_auto(TestRun) two = { 0 };
  g_autofree char *expected = NULL;

  cli (&binary, "--no-workspace", "extract", "--json", bad, NULL);
  g_assert_cmpint (binary.status, ==, 1);
  g_assert_cmpstr (binary.out, ==, "");
  expected = g_strdup_printf ("dossier-cli: %s: binary file (a PNG image)", bad);
  g_assert_true (g_str_has_prefix (binary.err, expected));

  cli (&absent, "--no-workspace", "extract", missing, NULL);
  g_assert_cmpint (absent.status, ==, 1);
  g_assert_cmpstr (absent.out, ==, "");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("dossier-cli: %s: ", missing);
  g_assert_true (g_str_has_prefix (absent.err, expected));
  g_assert_nonnull (strstr (absent.err, "No such file or directory"));

  cli (&folder, "--no-workspace", "extract", tmpdir, NULL);
  g_assert_cmpint (folder.status, ==, 1);
  g_assert_nonnull (strstr (folder.err, "is a folder, not a file"));

  cli (&none, "--no-workspace", "extract", "--json", NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "give one file"));
  cli (&two, "--no-workspace", "extract", file, file, NULL);
  g_assert_cmpint (two.status, ==, 2);
}

static void
test_extract_bad_date (void)
{
  const char *dates[] = { "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "0000-01-01",
                          "2024-6-20", "20-06-2024", "2024/06/20", "2024-06-20T10:00",
                          "2024-06-2x", " 2024-06-20", "June 20, 2024", "yesterday", "" };
  g_autofree char *file = extract_fixture ();

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_auto(TestRun) run = { 0 };

      cli (&run, "--no-workspace", "extract", "--json", "--date", dates[i], file, NULL);
      if (run.status != 2)
        g_error ("--date “%s” was taken (status %d)", dates[i], run.status);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, "is not a day written as YYYY-MM-DD"));
    }
  {
    g_auto(TestRun) run = { 0 };

    cli (&run, "--no-workspace", "extract", "--json", "--date", "2024-02-29", file, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
}

/* extract opens no workspace: not the default one, not even one named with --workspace. */
/* A damaged entity model: extraction goes on with the gazetteers and rules, says so once
 * naming the file, and exits 0; the names only the tagger knows are then not found. */
static void
test_extract_model_fallback (void)
{
  g_autofree char *model = g_build_filename (tmpdir, "damaged.model", NULL);
  g_autofree char *file = fixture ("learned.txt", "Harbour talks\n\nMarisol Quent and "
                                   "Castellmar officials waited in Tehran on Monday.\n", -1);
  const char *damaged_env[] = { "DOSSIER_NER_MODEL", model, NULL };
  const char *args[] = { "extract", "--json", file, NULL };
  g_auto(TestRun) with_model = { 0 };
  g_auto(TestRun) damaged = { 0 };

  g_assert_true (g_file_set_contents (model, "DOSSNER\0truncated", 17, NULL));
  test_cli_run (&with_model, NULL, args);
  g_assert_cmpint (with_model.status, ==, 0);
  g_assert_nonnull (strstr (with_model.out, "\"Marisol Quent\""));

  test_cli_run (&damaged, damaged_env, args);
  g_assert_cmpint (damaged.status, ==, 0);
  g_assert_nonnull (strstr (damaged.err, "damaged.model"));
  g_assert_nonnull (strstr (damaged.err, "gazetteers only"));
  g_assert_nonnull (strstr (damaged.out, "\"Tehran\""));
  g_assert_null (strstr (damaged.out, "\"Marisol Quent\""));
}

static void
test_extract_no_workspace (void)
{
  g_autofree char *home = test_make_tmpdir ();
  g_autofree char *named = g_build_filename (home, "named.dossier", NULL);
  g_autofree char *file = extract_fixture ();
  g_autofree char *missing = g_build_filename (tmpdir, "no-such-article.txt", NULL);
  g_auto(TestRun) json = { 0 };
  g_auto(TestRun) summary = { 0 };
  g_auto(TestRun) failed = { 0 };
  g_auto(TestRun) help = { 0 };
  g_auto(TestRun) with_workspace = { 0 };
  GDir *dir;

  cli_in_data_home (&json, home, "extract", "--json", file, NULL);
  g_assert_cmpint (json.status, ==, 0);
  cli_in_data_home (&summary, home, "extract", "--date", "2024-01-02", file, NULL);
  g_assert_cmpint (summary.status, ==, 0);
  cli_in_data_home (&failed, home, "extract", missing, NULL);
  g_assert_cmpint (failed.status, ==, 1);
  cli_in_data_home (&help, home, "extract", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "extract"));
  g_assert_nonnull (strstr (help.out, "--date"));
  cli_in_data_home (&with_workspace, home, "--workspace", named, "extract", "--json", file, NULL);
  g_assert_cmpint (with_workspace.status, ==, 0);
  g_assert_cmpstr (with_workspace.out, ==, json.out);

  dir = g_dir_open (home, 0, NULL);
  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
  g_dir_close (dir);
  test_rm_rf (home);
}

/* Suggestions from extraction, reviewed on the command line: listed with their handles,
 * confirmed and rejected, kept across reextract; merge proposals across documents. */
static JsonArray *
suggestions_json (TestRun    *run,
                  const char *ws,
                  gboolean    all)
{
  g_autoptr(JsonNode) root = NULL;

  cli (run, "--no-workspace", "--workspace", ws, "suggestions", "--json",
       all ? "--all" : NULL, NULL);
  g_assert_cmpint (run->status, ==, 0);
  root = test_parse_json (run->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_ref (json_node_get_array (root));
}

static JsonObject *
find_suggestion (JsonArray  *array,
                 const char *kind,
                 const char *text)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (o, "kind"), kind) == 0 &&
          g_strcmp0 (json_object_get_string_member (o, "text"), text) == 0)
        return o;
    }
  return NULL;
}

static void
test_suggestions (void)
{
  g_autofree char *ws = g_build_filename (tmpdir, "suggestions.dossier", NULL);
  g_autofree char *article = extract_fixture ();
  g_autofree char *other = fixture ("quell.txt",
                                    "title Union chair speaks\ndate 2024-06-21\n\n"
                                    "Union chair Tobias Kuell met the mayor on Friday.\n", -1);
  g_autoptr(JsonArray) pending = NULL;
  g_autoptr(JsonArray) after = NULL;
  g_autoptr(JsonArray) all = NULL;
  g_auto(TestRun) import = { 0 };
  g_auto(TestRun) list = { 0 };
  g_auto(TestRun) again = { 0 };
  g_auto(TestRun) confirm = { 0 };
  g_auto(TestRun) reject = { 0 };
  g_auto(TestRun) reextract = { 0 };
  g_auto(TestRun) bad = { 0 };
  g_auto(TestRun) annotations = { 0 };
  g_autofree char *quote_handle = NULL;
  g_autofree char *date_handle = NULL;
  g_autofree char *yesterday_handle = NULL;
  g_autoptr(JsonNode) confirmed = NULL;
  JsonObject *quote, *date, *person;

  cli (&import, "--no-workspace", "--workspace", ws, "import", article, NULL);
  g_assert_cmpint (import.status, ==, 0);

  pending = suggestions_json (&list, ws, FALSE);
  quote = find_suggestion (pending, "quote",
                           "We will not sign anything before the audit is published");
  g_assert_nonnull (quote);
  g_assert_cmpstr (json_object_get_string_member (quote, "speaker"), ==, "Tobias Quell");
  g_assert_cmpstr (json_object_get_string_member (quote, "review"), ==, "suggested");
  date = find_suggestion (pending, "date", "March 3, 2024");
  g_assert_nonnull (date);
  g_assert_cmpstr (json_object_get_string_member (date, "value"), ==, "2024-03-03");
  g_assert_cmpstr (json_object_get_string_member (date, "precision"), ==, "day");
  person = find_suggestion (pending, "entity", "Ingrid Sørvik");
  g_assert_nonnull (person);
  g_assert_cmpstr (json_object_get_string_member (person, "entity_kind"), ==, "person");
  g_assert_nonnull (find_suggestion (pending, "date", "yesterday"));
  quote_handle = g_strdup_printf ("quote:%" G_GINT64_FORMAT,
                                  json_object_get_int_member (quote, "id"));
  date_handle = g_strdup_printf ("date:%" G_GINT64_FORMAT,
                                 json_object_get_int_member (date, "id"));
  yesterday_handle = g_strdup_printf ("date:%" G_GINT64_FORMAT,
                                      json_object_get_int_member (
                                        find_suggestion (pending, "date", "yesterday"), "id"));

  cli (&confirm, "--no-workspace", "--workspace", ws, "confirm", quote_handle, date_handle,
       NULL);
  g_assert_cmpint (confirm.status, ==, 0);
  g_assert_nonnull (strstr (confirm.out, quote_handle));
  cli (&reject, "--no-workspace", "--workspace", ws, "reject", yesterday_handle, NULL);
  g_assert_cmpint (reject.status, ==, 0);

  /* The confirmed quote is an annotation of the analyst's now. */
  cli (&annotations, "--no-workspace", "--workspace", ws, "annotations", "--json", NULL);
  confirmed = test_parse_json (annotations.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (confirmed)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_node_get_array (confirmed), 0),
                     "review"), ==, "confirmed");

  /* Re-extraction: the reviewed ones stay as they are, the rejected date is not back. */
  cli (&reextract, "--no-workspace", "--workspace", ws, "reextract", NULL);
  g_assert_cmpint (reextract.status, ==, 0);
  g_assert_nonnull (strstr (reextract.out, "document 1:"));
  after = suggestions_json (&again, ws, FALSE);
  g_assert_cmpuint (json_array_get_length (after), ==, json_array_get_length (pending) - 3);
  g_assert_null (find_suggestion (after, "date", "yesterday"));
  g_assert_null (find_suggestion (after, "quote",
                                  "We will not sign anything before the audit is published"));
  {
    g_auto(TestRun) listed = { 0 };

    all = suggestions_json (&listed, ws, TRUE);
    g_assert_cmpstr (json_object_get_string_member (
                       find_suggestion (all, "date", "yesterday"), "review"), ==, "rejected");
    g_assert_cmpstr (json_object_get_string_member (
                       find_suggestion (all, "date", "March 3, 2024"), "review"), ==,
                     "confirmed");
  }

  /* Bad handles are usage errors; unknown ids are failures. */
  cli (&bad, "--no-workspace", "--workspace", ws, "confirm", "rumour:3", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "“rumour:3” is not a suggestion"));
  {
    g_auto(TestRun) missing = { 0 };

    cli (&missing, "--no-workspace", "--workspace", ws, "reject", "quote:99999", NULL);
    g_assert_cmpint (missing.status, ==, 1);
    g_assert_nonnull (strstr (missing.err, "No suggested quote 99999"));
  }

  /* A second document spells the union chair differently: proposed as a merge. */
  {
    g_auto(TestRun) second = { 0 };
    g_auto(TestRun) merges = { 0 };
    g_auto(TestRun) merge = { 0 };
    g_auto(TestRun) none = { 0 };
    g_autoptr(JsonNode) proposals = NULL;
    g_autofree char *keep = NULL;
    g_autofree char *drop = NULL;
    JsonObject *p = NULL;

    cli (&second, "--no-workspace", "--workspace", ws, "import", other, NULL);
    g_assert_cmpint (second.status, ==, 0);
    cli (&merges, "--no-workspace", "--workspace", ws, "merges", "--json", NULL);
    g_assert_cmpint (merges.status, ==, 0);
    proposals = test_parse_json (merges.out);
    for (guint i = 0; i < json_array_get_length (json_node_get_array (proposals)); i++)
      {
        JsonObject *o = json_array_get_object_element (json_node_get_array (proposals), i);

        if (g_strcmp0 (json_object_get_string_member (o, "name"), "Tobias Quell") == 0)
          p = o;
      }
    g_assert_nonnull (p);
    g_assert_cmpstr (json_object_get_string_member (p, "other_name"), ==, "Tobias Kuell");
    keep = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (p, "id"));
    drop = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (p, "other_id"));
    cli (&merge, "--no-workspace", "--workspace", ws, "merge", keep, drop, NULL);
    g_assert_cmpint (merge.status, ==, 0);
    cli (&none, "--no-workspace", "--workspace", ws, "merges", NULL);
    g_assert_cmpint (none.status, ==, 0);
    g_assert_null (strstr (none.out, "Tobias Kuell"));
  }
}

/* entities, entity-merge, entity-rename, timeline */

#define VELL_ARTICLE \
  "title Ferry terminal opens in Vell\nsource Vell Courier\ndate 2024-03-08\n\n" \
  "Harbour Minister Lisbet Marrow opened the new ferry terminal in Vell on March 3, 2024. " \
  "Marrow said the crossing to Ostra would take forty minutes.\n\n" \
  "The Ostra Shipping Company said in February that the European Union had paid for half of " \
  "the line, and that Norway would send a second ship.\n"
#define OSTRA_ARTICLE \
  "title Ostra welcomes first ferry\nsource Ostra Gazette\ndate 2024-04-12\n\n" \
  "The first ferry from Vell reached Ostra on April 10, 2024, carrying 300 passengers. " \
  "Harbour Minister Lisbeth Marrow was on board.\n\n" \
  "Mayor Peder Quill said the harbour had prepared for the arrival since January.\n"

/* A workspace of its own with the two ferry articles. */
static char *
ferry_workspace (const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.dossier", name);
  char *ws = g_build_filename (tmpdir, file, NULL);
  g_autofree char *vell = fixture ("vell.txt", VELL_ARTICLE, -1);
  g_autofree char *ostra = fixture ("ostra.txt", OSTRA_ARTICLE, -1);
  g_auto(TestRun) import = { 0 };

  cli (&import, "--no-workspace", "--workspace", ws, "import", vell, ostra, NULL);
  g_assert_cmpint (import.status, ==, 0);
  return ws;
}

static JsonArray *
entities_json (const char *ws,
               const char *kind)
{
  g_auto(TestRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  if (kind != NULL)
    cli (&run, "--no-workspace", "--workspace", ws, "entities", "--json", "--kind", kind, NULL);
  else
    cli (&run, "--no-workspace", "--workspace", ws, "entities", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = test_parse_json (run.out);
  return json_array_ref (json_node_get_array (root));
}

static JsonObject *
find_named (JsonArray  *array,
            const char *name)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (o, "name"), name) == 0)
        return o;
    }
  return NULL;
}

static gboolean
json_strv_has (JsonObject *object,
               const char *member,
               const char *value)
{
  JsonArray *array = json_object_get_array_member (object, member);

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static void
test_entities (void)
{
  static const char * const kind_order[] = { "person", "organization", "place", "outlet" };
  g_autofree char *ws = ferry_workspace ("entities");
  g_autoptr(JsonArray) all = entities_json (ws, NULL);
  g_autoptr(JsonArray) places = entities_json (ws, "place");
  g_autoptr(JsonArray) merged = NULL;
  g_autoptr(JsonArray) renamed = NULL;
  g_auto(TestRun) text = { 0 };
  g_auto(TestRun) bad_kind = { 0 };
  g_auto(TestRun) help = { 0 };
  JsonObject *marrow, *other;
  g_autofree char *marrow_id = NULL;
  const char *people, *organizations, *place_heading;
  int last_kind = 0;

  /* By kind, with aliases and counts. */
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      const char *kind = json_object_get_string_member (json_array_get_object_element (all, i),
                                                        "kind");
      int k = 0;

      while (k < 4 && g_strcmp0 (kind, kind_order[k]) != 0)
        k++;
      g_assert_cmpint (k, <, 4);
      g_assert_cmpint (k, >=, last_kind);
      last_kind = k;
    }
  marrow = find_named (all, "Lisbet Marrow");
  g_assert_nonnull (marrow);
  g_assert_cmpstr (json_object_get_string_member (marrow, "kind"), ==, "person");
  g_assert_cmpint (json_object_get_int_member (marrow, "mentions"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (marrow, "documents"), ==, 1);
  g_assert_true (json_strv_has (marrow, "aliases", "Marrow"));
  marrow_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (marrow, "id"));
  other = find_named (all, "Lisbeth Marrow");
  g_assert_nonnull (other);
  g_assert_nonnull (find_named (places, "Norway"));
  for (guint i = 0; i < json_array_get_length (places); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (places, i),
                                                    "kind"), ==, "place");

  /* Text: grouped under a heading per kind. */
  cli (&text, "--no-workspace", "--workspace", ws, "entities", NULL);
  g_assert_cmpint (text.status, ==, 0);
  people = strstr (text.out, "People\n");
  organizations = strstr (text.out, "\n\nOrganizations\n");
  place_heading = strstr (text.out, "\n\nPlaces\n");
  g_assert_nonnull (people);
  g_assert_nonnull (organizations);
  g_assert_nonnull (place_heading);
  g_assert_true (people < organizations && organizations < place_heading);
  g_assert_nonnull (strstr (text.out, "Lisbet Marrow  (2 mentions in 1 document)  also Marrow"));
  g_assert_true (strstr (text.out, "Norway") > place_heading);

  cli (&bad_kind, "--no-workspace", "--workspace", ws, "entities", "--kind", "planet", NULL);
  g_assert_cmpint (bad_kind.status, ==, 2);
  g_assert_nonnull (strstr (bad_kind.err, "unknown kind “planet”"));
  cli (&help, "entities", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--kind"));

  /* entity-merge, by names: the other's mentions and name move over. */
  {
    g_auto(TestRun) merge = { 0 };
    g_auto(TestRun) unknown = { 0 };
    g_auto(TestRun) usage = { 0 };

    cli (&merge, "--no-workspace", "--workspace", ws, "entity-merge", "Lisbet Marrow",
         "lisbeth marrow", NULL);
    g_assert_cmpint (merge.status, ==, 0);
    g_assert_nonnull (strstr (merge.out, "“Lisbeth Marrow” into"));
    merged = entities_json (ws, NULL);
    g_assert_null (find_named (merged, "Lisbeth Marrow"));
    marrow = find_named (merged, "Lisbet Marrow");
    g_assert_cmpint (json_object_get_int_member (marrow, "mentions"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (marrow, "documents"), ==, 2);
    g_assert_true (json_strv_has (marrow, "aliases", "Lisbeth Marrow"));

    cli (&unknown, "--no-workspace", "--workspace", ws, "entity-merge", "Lisbet Marrow",
         "Nobody Known", NULL);
    g_assert_cmpint (unknown.status, ==, 1);
    g_assert_nonnull (strstr (unknown.err, "No entity called “Nobody Known”"));
    cli (&usage, "--no-workspace", "--workspace", ws, "entity-merge", "Lisbet Marrow", NULL);
    g_assert_cmpint (usage.status, ==, 2);
  }

  /* entity-rename: the old name stays as an alias; another's name is refused. */
  {
    g_auto(TestRun) rename = { 0 };
    g_auto(TestRun) taken = { 0 };
    g_auto(TestRun) unknown = { 0 };
    g_auto(TestRun) missing = { 0 };

    cli (&rename, "--no-workspace", "--workspace", ws, "entity-rename", marrow_id, "Lisbet",
         "Marrow-Quay", NULL);
    g_assert_cmpint (rename.status, ==, 0);
    g_assert_nonnull (strstr (rename.out, "“Lisbet Marrow-Quay”"));
    renamed = entities_json (ws, "person");
    marrow = find_named (renamed, "Lisbet Marrow-Quay");
    g_assert_nonnull (marrow);
    g_assert_true (json_strv_has (marrow, "aliases", "Lisbet Marrow"));
    g_assert_null (find_named (renamed, "Lisbet Marrow"));

    cli (&taken, "--no-workspace", "--workspace", ws, "entity-rename", marrow_id, "Peder Quill",
         NULL);
    g_assert_cmpint (taken.status, ==, 1);
    g_assert_nonnull (strstr (taken.err, "Peder Quill"));
    g_assert_nonnull (strstr (taken.err, "entity-merge"));
    cli (&unknown, "--no-workspace", "--workspace", ws, "entity-rename", "Nobody Known", "X",
         NULL);
    g_assert_cmpint (unknown.status, ==, 1);
    g_assert_nonnull (strstr (unknown.err, "No entity called “Nobody Known”"));
    cli (&missing, "--no-workspace", "--workspace", ws, "entity-rename", "999999", "X", NULL);
    g_assert_cmpint (missing.status, ==, 1);
    g_assert_nonnull (strstr (missing.err, "No entity 999999"));
  }
}

static JsonArray *
timeline_json (const char *ws,
               int         expected_status,
               ...)
{
  const char *before[] = { "--workspace", ws, "timeline", "--json", NULL };
  g_autoptr(GPtrArray) args = NULL;
  g_auto(TestRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  const char *first;
  va_list ap;

  va_start (ap, expected_status);
  first = va_arg (ap, const char *);
  args = collect_args (before, first, ap);
  va_end (ap);
  test_cli_run (&run, NULL, (const char * const *) args->pdata);
  g_assert_cmpint (run.status, ==, expected_status);
  if (expected_status != 0)
    return NULL;
  root = test_parse_json (run.out);
  return json_array_ref (json_node_get_array (root));
}

static gboolean
dates_are (JsonArray          *events,
           const char * const *dates)
{
  if (json_array_get_length (events) != g_strv_length ((GStrv) dates))
    return FALSE;
  for (guint i = 0; dates[i] != NULL; i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (events, i),
                                                  "date"), dates[i]) != 0)
      return FALSE;
  return TRUE;
}

#define DATES(...) ((const char * const []) { __VA_ARGS__, NULL })

static void
test_timeline (void)
{
  g_autofree char *ws = ferry_workspace ("timeline");
  g_autoptr(JsonArray) all = timeline_json (ws, 0, NULL);
  g_autoptr(JsonArray) march = timeline_json (ws, 0, "--from", "2024-03", "--to", "2024-03",
                                              NULL);
  g_autoptr(JsonArray) since = timeline_json (ws, 0, "--from", "2024-02-15", NULL);
  g_autoptr(JsonArray) quill = timeline_json (ws, 0, "--entity", "peder quill", NULL);
  g_autoptr(JsonArray) gazette = timeline_json (ws, 0, "--outlet", "Ostra Gazette", NULL);
  g_auto(TestRun) text = { 0 };
  g_auto(TestRun) unknown = { 0 };
  JsonObject *opening;

  /* In date order, each with its sentence, document and entities. */
  g_assert_true (dates_are (all, DATES ("2024-01", "2024-02", "2024-03-03", "2024-04-10")));
  opening = json_array_get_object_element (all, 2);
  g_assert_cmpstr (json_object_get_string_member (opening, "precision"), ==, "day");
  g_assert_cmpstr (json_object_get_string_member (opening, "text"), ==,
                   "Harbour Minister Lisbet Marrow opened the new ferry terminal in Vell on "
                   "March 3, 2024.");
  g_assert_cmpint (json_object_get_int_member (opening, "document"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (opening, "title"), ==,
                   "Ferry terminal opens in Vell");
  g_assert_cmpstr (json_object_get_string_member (opening, "outlet"), ==, "Vell Courier");
  g_assert_true (json_strv_has (opening, "entities", "Lisbet Marrow"));

  g_assert_true (dates_are (march, DATES ("2024-03-03")));
  g_assert_true (dates_are (since, DATES ("2024-02", "2024-03-03", "2024-04-10")));
  g_assert_true (dates_are (quill, DATES ("2024-01")));
  g_assert_true (dates_are (gazette, DATES ("2024-01", "2024-04-10")));

  cli (&text, "--no-workspace", "--workspace", ws, "timeline", "--to", "2024-03", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "2024-03-03   day   Harbour Minister Lisbet Marrow"));
  g_assert_null (strstr (text.out, "2024-04-10"));

  /* Bad dates are usage errors; an unknown entity is a failure. */
  g_assert_null (timeline_json (ws, 2, "--from", "2024-13", NULL));
  g_assert_null (timeline_json (ws, 2, "--to", "soon", NULL));
  g_assert_null (timeline_json (ws, 2, "--from", "2024-05", "--to", "2024-04", NULL));
  cli (&unknown, "--no-workspace", "--workspace", ws, "timeline", "--entity", "Nobody Known",
       NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "No entity called “Nobody Known”"));
}

/* import-annotations: one line per annotation, the summary, and the exit statuses. */
static void
test_import_annotations (void)
{
  g_autofree char *ws = g_build_filename (tmpdir, "import-annotations.dossier", NULL);
  g_autofree char *ours = g_test_build_filename (G_TEST_DIST, "fixtures", "import-annotations",
                                                 "our-format.json", NULL);
  g_autofree char *hypothesis = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                       "import-annotations", "hypothesis.json",
                                                       NULL);
  g_autofree char *story = fixture ("ferry-talks.txt",
                                    "title Ferry talks resume in Corran Vale\n"
                                    "source Harbour Ledger\n"
                                    "url https://example.org/news/ferry-talks\n\n"
                                    "Minister Mara Ostrand said on Monday: “We will not be "
                                    "rushed,” adding that the ferry contract would be signed by "
                                    "June. The port authority claimed the new quay cost 40 "
                                    "million crowns. Critics in Corran Vale called the plan a "
                                    "gamble.\n", -1);
  g_autofree char *bad = fixture ("bad-annotations.json", "[{\"type\": \"Annotation\"}]", -1);
  g_autofree char *missing = g_build_filename (tmpdir, "missing.json", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_auto(TestRun) import = { 0 };
  g_auto(TestRun) first = { 0 };
  g_auto(TestRun) again = { 0 };
  g_auto(TestRun) as_json = { 0 };
  g_auto(TestRun) refused = { 0 };
  g_auto(TestRun) absent = { 0 };
  g_auto(TestRun) usage = { 0 };
  JsonArray *array;
  JsonObject *row;

  cli (&import, "--no-workspace", "--workspace", ws, "import", story, NULL);
  g_assert_cmpint (import.status, ==, 0);

  cli (&first, "--no-workspace", "--workspace", ws, "import-annotations", ours, NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (strstr (first.out, "on document 1 (matched by url): "
                                       "“We will not be rushed”\n"));
  g_assert_nonnull (strstr (first.out, "(matched by url): “the new quay cost 40 million "
                                       "crowns”\n"));
  g_assert_nonnull (strstr (first.out, "orphan: no document of the workspace matches "
                                       "https://example.org/news/unknown-story: “Nothing in"));
  g_assert_nonnull (strstr (first.out, "not anchored: document 1 (matched by url) does not "
                                       "contain “a sentence the ferry story never had”\n"));
  g_assert_true (g_str_has_suffix (first.out,
                                   "2 imported, 0 duplicates, 3 unmatched, 1 not anchored\n"));

  cli (&again, "--no-workspace", "--workspace", ws, "import-annotations", ours, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "on document 1, skipped: “We will not be rushed”"));
  g_assert_true (g_str_has_suffix (again.out,
                                   "0 imported, 2 duplicates, 3 unmatched, 1 not anchored\n"));

  cli (&as_json, "--no-workspace", "--workspace", ws, "import-annotations", hypothesis, "--json",
       NULL);
  g_assert_cmpint (as_json.status, ==, 0);
  root = test_parse_json (as_json.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  row = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "imported");
  g_assert_cmpstr (json_object_get_string_member (row, "matched_by"), ==, "url");
  g_assert_cmpint (json_object_get_int_member (row, "document"), ==, 1);
  row = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "unmatched");
  g_assert_cmpstr (json_object_get_string_member (row, "exact"), ==, "walked out at dawn");
  row = json_array_get_object_element (array, 2);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "not-anchored");
  g_assert_true (json_object_get_null_member (row, "annotation"));
  g_assert_nonnull (strstr (as_json.err, "1 imported, 0 duplicates, 1 unmatched, "
                                         "1 not anchored"));

  cli (&refused, "--no-workspace", "--workspace", ws, "import-annotations", bad, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "bad-annotations.json: annotation 1: no “target”"));
  g_assert_cmpstr (refused.out, ==, "");
  cli (&absent, "--no-workspace", "--workspace", ws, "import-annotations", missing, NULL);
  g_assert_cmpint (absent.status, ==, 1);
  g_assert_nonnull (strstr (absent.err, "missing.json"));
  cli (&usage, "--no-workspace", "--workspace", ws, "import-annotations", NULL);
  g_assert_cmpint (usage.status, ==, 2);
}

/* Special files are refused at once by import and import-annotations, named and said what
 * they are; a page whose JSON-LD nests 100,000 deep is imported and stored; JSON that is not
 * strict JSON is refused with its line and column. */
static void
test_hostile_files (void)
{
  g_autofree char *ws = g_build_filename (tmpdir, "hostile.dossier", NULL);
  g_autofree char *fifo = g_build_filename (tmpdir, "pipe.html", NULL);
  g_autofree char *fifo_json = g_build_filename (tmpdir, "pipe.json", NULL);
  g_autoptr(GString) page = g_string_new ("<html><head><title>Ferry talks resume</title>"
                                          "<script type=\"application/ld+json\">");
  g_autoptr(GString) notes = g_string_new ("/* \" */ ");
  g_autofree char *page_path = NULL;
  g_autofree char *notes_path = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_auto(TestRun) import_fifo = { 0 };
  g_auto(TestRun) import_zero = { 0 };
  g_auto(TestRun) notes_fifo = { 0 };
  g_auto(TestRun) notes_zero = { 0 };
  g_auto(TestRun) import_deep = { 0 };
  g_auto(TestRun) list = { 0 };
  g_auto(TestRun) comment = { 0 };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (mkfifo (fifo_json, 0600), ==, 0);

  cli (&import_fifo, "--no-workspace", "--workspace", ws, "import", fifo, NULL);
  g_assert_cmpint (import_fifo.status, ==, 1);
  expected = g_strdup_printf ("%s: not a regular file (a FIFO)", fifo);
  g_assert_nonnull (strstr (import_fifo.err, expected));
  cli (&import_zero, "--no-workspace", "--workspace", ws, "import", "/dev/zero", NULL);
  g_assert_cmpint (import_zero.status, ==, 1);
  g_assert_nonnull (strstr (import_zero.err, "not a regular file (a character device)"));
  cli (&notes_fifo, "--no-workspace", "--workspace", ws, "import-annotations", fifo_json, NULL);
  g_assert_cmpint (notes_fifo.status, ==, 1);
  g_assert_nonnull (strstr (notes_fifo.err, "pipe.json: not a regular file (a FIFO)"));
  cli (&notes_zero, "--no-workspace", "--workspace", ws, "import-annotations", "/dev/zero",
       NULL);
  g_assert_cmpint (notes_zero.status, ==, 1);
  g_assert_nonnull (strstr (notes_zero.err, "zero: not a regular file (a character device)"));
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 30.0);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (page, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (page, ']');
  g_string_append (page, "</script></head><body><article><p>The ferry contract would be "
                         "signed by June, the minister said.</p></article></body></html>");
  page_path = fixture ("deep-json-ld.html", page->str, (gssize) page->len);
  cli (&import_deep, "--no-workspace", "--workspace", ws, "import", page_path, NULL);
  g_assert_cmpint (import_deep.status, ==, 0);
  cli (&list, "--no-workspace", "--workspace", ws, "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "Ferry talks resume"));

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (notes, '[');
  notes_path = fixture ("notes.json", notes->str, (gssize) notes->len);
  cli (&comment, "--no-workspace", "--workspace", ws, "import-annotations", notes_path, NULL);
  g_assert_cmpint (comment.status, ==, 1);
  g_assert_nonnull (strstr (comment.err, "notes.json: not valid JSON: comments are not allowed "
                                         "(line 1, column 1)"));
  g_assert_cmpstr (comment.out, ==, "");

  g_remove (fifo);
  g_remove (fifo_json);
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
  g_test_add_func ("/cli/hostile-names", test_hostile_names);
  g_test_add_func ("/cli/search-and-remove", test_search_and_remove);
  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/default-workspace", test_default_workspace);
  g_test_add_func ("/cli/not-a-workspace", test_not_a_workspace);
  g_test_add_func ("/cli/annotate", test_annotate);
  g_test_add_func ("/cli/seeds", test_seeds);
  g_test_add_func ("/cli/extract/json", test_extract_json);
  g_test_add_func ("/cli/extract/date", test_extract_date);
  g_test_add_func ("/cli/extract/html", test_extract_html);
  g_test_add_func ("/cli/extract/summary", test_extract_summary);
  g_test_add_func ("/cli/extract/quote-across-paragraphs",
                   test_extract_quote_across_paragraphs);
  g_test_add_func ("/cli/extract/bad-input", test_extract_bad_input);
  g_test_add_func ("/cli/extract/bad-date", test_extract_bad_date);
  g_test_add_func ("/cli/extract/no-workspace", test_extract_no_workspace);
  g_test_add_func ("/cli/extract/model-fallback", test_extract_model_fallback);
  g_test_add_func ("/cli/suggestions", test_suggestions);
  g_test_add_func ("/cli/entities", test_entities);
  g_test_add_func ("/cli/timeline", test_timeline);
  g_test_add_func ("/cli/import-annotations", test_import_annotations);
  g_test_add_func ("/cli/hostile-files", test_hostile_files);

  status = g_test_run ();
  test_rm_rf (tmpdir);
  g_free (tmpdir);
  g_free (workspace);
  return status;
}
