/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hostile and broken input: every file is refused with its name and reason, or imported
 * safely, in bounded time, and the workspace never holds a half-imported document. */
#include <fcntl.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dossier-core.h"
#include "dossier-file.h"
#include "dossier-json.h"
#include "test-common.h"

typedef struct {
  const char *name;
  int         expect_code;    /* -1: must import */
  const char *message_part;   /* must appear in the error */
} Case;

static char *tmpdir;

static char *
write_file (const char *name,
            const char *data,
            gssize      len)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

static char *
make_deep_html (guint depth)
{
  GString *s = g_string_new ("<html><head><title>Deep</title></head><body>");

  for (guint i = 0; i < depth; i++)
    g_string_append (s, "<div>");
  g_string_append (s, "<p>Buried paragraph at the bottom of the pile.</p>");
  for (guint i = 0; i < depth; i++)
    g_string_append (s, "</div>");
  g_string_append (s, "<p>After the pile.</p></body></html>");
  return g_string_free (s, FALSE);
}

static char *
make_many_attributes (guint n)
{
  GString *s = g_string_new ("<html><head><title>Attributes</title></head><body><p");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, " data-a%u=\"%u\"", i, i);
  g_string_append (s, ">A paragraph with very many attributes on its tag.</p>"
                      "<p>A second, ordinary paragraph.</p></body></html>");
  return g_string_free (s, FALSE);
}

static const char xxe_html[] =
  "<?xml version=\"1.0\"?>\n"
  "<!DOCTYPE html [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
  "<html><head><title>XXE</title></head><body><p>Secret: &xxe; end.</p></body></html>\n";

static const char laughs_html[] =
  "<?xml version=\"1.0\"?>\n"
  "<!DOCTYPE lolz [\n"
  " <!ENTITY lol \"lol\">\n"
  " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
  " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
  " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
  " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
  " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
  " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
  " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
  " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
  " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
  "]>\n"
  "<html><body><p>Laughing: &lol9; done.</p></body></html>\n";

static void
check_regions_in_bounds (DossierDocument *document)
{
  GArray *regions = dossier_document_get_regions (document);
  glong length = g_utf8_strlen (dossier_document_get_text (document), -1);
  guint previous_end = 0;

  g_assert_true (g_utf8_validate (dossier_document_get_text (document), -1, NULL));
  for (guint i = 0; i < regions->len; i++)
    {
      const DossierRegion *region = &g_array_index (regions, DossierRegion, i);

      g_assert_cmpuint (region->start, <=, region->end);
      g_assert_cmpuint (region->start, >=, previous_end);
      g_assert_cmpint ((glong) region->end, <=, length);
      previous_end = region->end;
    }
}

static void
test_bad_input_batch (void)
{
  g_autofree char *workspace = g_build_filename (tmpdir, "bad.dossier", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierStore) store = dossier_store_open (workspace, &error);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *deep = make_deep_html (10000);
  g_autofree char *attrs = make_many_attributes (20000);
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  static const char invalid[] = "Headline\n\nValid text until here\xC0\xAF and then more.";
  static const char nul_text[] = "Headline\n\nText with a NUL\0 byte inside.";
  static const Case cases[] = {
    { "empty.txt", DOSSIER_ERROR_EMPTY, "empty.txt: empty file" },
    { "blank.txt", DOSSIER_ERROR_EMPTY, "blank.txt: no text" },
    { "image.png", DOSSIER_ERROR_BINARY, "image.png: binary file (a PNG image)" },
    { "nul.txt", DOSSIER_ERROR_BINARY, "nul.txt: binary file (NUL byte at offset 25)" },
    { "invalid.txt", DOSSIER_ERROR_ENCODING, "invalid.txt: not valid UTF-8 at byte 31" },
    { "huge.txt", DOSSIER_ERROR_TOO_LARGE, "huge.txt: file is 21.0\u00a0MiB, over the 20.0\u00a0MiB import limit" },
    { "good-one.txt", -1, NULL },
    { "deep.html", -1, NULL },
    { "attributes.html", -1, NULL },
    { "xxe.html", -1, NULL },
    { "laughs.html", -1, NULL },
    { "good-two.html", -1, NULL },
  };
  guint expected_ok = 0;
  int fd;

  g_assert_no_error (error);
  g_ptr_array_add (paths, write_file ("empty.txt", "", 0));
  g_ptr_array_add (paths, write_file ("blank.txt", " \n\n\t \n", -1));
  g_ptr_array_add (paths, write_file ("image.png", png, sizeof png - 1));
  g_ptr_array_add (paths, write_file ("nul.txt", nul_text, sizeof nul_text - 1));
  g_ptr_array_add (paths, write_file ("invalid.txt", invalid, sizeof invalid - 1));
  /* 21 MB, sparse: refused from its size before a byte is read */
  g_ptr_array_add (paths, g_build_filename (tmpdir, "huge.txt", NULL));
  fd = open (paths->pdata[5], O_CREAT | O_WRONLY | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 22020096), ==, 0);
  close (fd);
  g_ptr_array_add (paths, write_file ("good-one.txt", "Good one\n\nA normal article.\n", -1));
  g_ptr_array_add (paths, write_file ("deep.html", deep, -1));
  g_ptr_array_add (paths, write_file ("attributes.html", attrs, -1));
  g_ptr_array_add (paths, write_file ("xxe.html", xxe_html, -1));
  g_ptr_array_add (paths, write_file ("laughs.html", laughs_html, -1));
  g_ptr_array_add (paths, write_file ("good-two.html",
                                      "<html><head><title>Good two</title></head><body><article>"
                                      "<p>Another normal article, in HTML.</p></article></body>"
                                      "</html>", -1));

  g_assert_true (dossier_store_begin_batch (store, &error));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths->pdata[i]);
      g_autoptr(GBytes) contents = NULL;
      g_autoptr(DossierArticle) article = NULL;
      g_autoptr(GTimer) timer = g_timer_new ();
      gint64 id = 0;

      article = dossier_import_file (file, DOSSIER_FORMAT_AUTO, &contents, NULL, &error);
      if (article != NULL)
        dossier_store_add_document (store, article, contents, cases[i].name, &id, &error);
      /* bounded time: the hazards above are quadratic or exponential when unguarded */
      g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 10.0);

      if (cases[i].expect_code < 0)
        {
          g_assert_no_error (error);
          g_assert_cmpint (id, >, 0);
          expected_ok++;
        }
      else
        {
          g_autofree char *start = NULL;

          g_assert_error (error, DOSSIER_ERROR, cases[i].expect_code);
          start = g_strndup (error->message, strlen (cases[i].message_part));
          g_assert_cmpstr (start, ==, cases[i].message_part);
          g_assert_cmpint (id, ==, 0);
          g_clear_error (&error);
        }
    }
  g_assert_true (dossier_store_commit_batch (store, &error));
  g_assert_cmpint (dossier_store_count_documents (store, &error), ==, expected_ok);

  /* Safely imported means: no entity expanded, regions in bounds, and nothing half-written. */
  {
    g_autoptr(GPtrArray) documents = dossier_store_list_documents (store, &error);

    for (guint i = 0; i < documents->len; i++)
      {
        gint64 id = dossier_document_get_id (documents->pdata[i]);
        g_autoptr(DossierDocument) document = dossier_store_get_document (store, id, &error);
        const char *text = dossier_document_get_text (document);

        g_assert_no_error (error);
        check_regions_in_bounds (document);
        g_assert_null (strstr (text, "root:"));
        g_assert_null (strstr (text, "lollollol"));
        g_assert_cmpint (strlen (text), <, 100000);
        if (g_str_equal (dossier_document_get_source_name (document), "deep.html") ||
            g_str_equal (dossier_document_get_source_name (document), "attributes.html"))
          g_assert_nonnull (strstr (text, "paragraph"));
      }
  }
}

/* Special files are refused at once and named: a FIFO (a plain open would wait for a writer,
 * then read it as empty) and /dev/zero (its size says 0, its reads never end). */
static void
test_bad_input_special_files (void)
{
  g_autofree char *fifo = g_build_filename (tmpdir, "pipe.html", NULL);
  static const struct {
    const char *path;
    const char *message;
  } cases[] = {
    { NULL, "pipe.html: not a regular file (a FIFO)" },
    { "/dev/zero", "zero: not a regular file (a character device)" },
    { "/dev/null", "null: not a regular file (a character device)" },
  };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (cases[i].path != NULL ? cases[i].path : fifo);
      g_autoptr(GError) error = NULL;
      g_autoptr(GTimer) timer = g_timer_new ();
      g_autoptr(GBytes) contents = NULL;
      g_autoptr(DossierArticle) article = NULL;

      article = dossier_import_file (file, DOSSIER_FORMAT_AUTO, &contents, NULL, &error);
      g_assert_null (article);
      g_assert_null (contents);
      g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 5.0);
    }
  g_remove (fifo);
}

/* A cancelled import stops before reading. */
static void
test_bad_input_cancelled (void)
{
  g_autofree char *path = write_file ("cancelled.txt", "Title\n\nSome text.\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierArticle) article = NULL;

  g_cancellable_cancel (cancellable);
  article = dossier_import_file (file, DOSSIER_FORMAT_AUTO, NULL, cancellable, &error);
  g_assert_null (article);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A file whose size says less than it holds (a /proc file says 0) is still read no further
 * than the limit, and refused. */
static void
test_bad_input_size_lies (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/proc/self/maps");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GStatBuf st;

  if (g_stat ("/proc/self/maps", &st) != 0 || st.st_size != 0)
    {
      g_test_skip ("no /proc/self/maps of size 0");
      return;
    }
  bytes = dossier_file_read_bounded (file, 64, "test limit", NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "maps: over the 64 bytes test limit");
  g_clear_error (&error);

  bytes = dossier_file_read_bounded (file, 1024 * 1024, "test limit", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 64);
}

/* The strict JSON validator: what RFC 8259 allows passes, what json-glib would read though
 * it is not JSON, or would read otherwise than written, is refused with its position. */
static void
test_bad_input_json_validator (void)
{
  static const struct {
    const char       *json;
    DossierJsonFlags  flags;
    int               code;      /* -1: valid */
    const char       *message;   /* the start of the error's message */
  } cases[] = {
    { "{\"a\": [1, -0.5e+3, true, false, null, \"\\u00e9\\ud83d\\ude00\\n\\/\"], \"b\": {}}",
      DOSSIER_JSON_REFUSE_NUL | DOSSIER_JSON_EXACT_NUMBERS, -1, NULL },
    { " \"caf\xc3\xa9\" ", DOSSIER_JSON_DEFAULT, -1, NULL },
    { "9223372036854775807", DOSSIER_JSON_EXACT_NUMBERS, -1, NULL },
    { "[\"a\\u0000b\"]", DOSSIER_JSON_DEFAULT, -1, NULL },
    { "", DOSSIER_JSON_DEFAULT, DOSSIER_JSON_ERROR_SYNTAX,
      "no JSON value in it (line 1, column 1)" },
    { "[1,]", DOSSIER_JSON_DEFAULT, DOSSIER_JSON_ERROR_SYNTAX, "expected a value, found ‘]’" },
    { "{\"a\": 1,}", DOSSIER_JSON_DEFAULT, DOSSIER_JSON_ERROR_SYNTAX,
      "expected a member name in double quotes, found ‘}’" },
    { "[1]\n// trailing", DOSSIER_JSON_DEFAULT, DOSSIER_JSON_ERROR_SYNTAX,
      "comments are not allowed (line 2, column 1)" },
    { "{'a': 1}", DOSSIER_JSON_DEFAULT, DOSSIER_JSON_ERROR_SYNTAX,
      "single-quoted strings are not allowed (line 1, column 2)" },
    { "{} {}", DOSSIER_JSON_DEFAULT, DOSSIER_JSON_ERROR_SYNTAX,
      "more after the end of the JSON value" },
    { "[01]", DOSSIER_JSON_DEFAULT, DOSSIER_JSON_ERROR_SYNTAX, "a number has a leading zero" },
    { "[1.]", DOSSIER_JSON_DEFAULT, DOSSIER_JSON_ERROR_SYNTAX, "a number has no digits" },
    { "[\"a\tb\"]", DOSSIER_JSON_DEFAULT, DOSSIER_JSON_ERROR_SYNTAX,
      "a control character (U+0009) in a string must be escaped" },
    { "[\"\xc3\xa9\xc0\xaf\"]", DOSSIER_JSON_DEFAULT, DOSSIER_JSON_ERROR_SYNTAX,
      "not valid UTF-8 (line 1, column 4)" },
    { "[\"\\x41\"]", DOSSIER_JSON_DEFAULT, DOSSIER_JSON_ERROR_SYNTAX, "an invalid escape" },
    { "[\"\\ud800x\"]", DOSSIER_JSON_DEFAULT, DOSSIER_JSON_ERROR_SYNTAX,
      "a lone UTF-16 surrogate (\\ud800)" },
    { "[\"open", DOSSIER_JSON_DEFAULT, DOSSIER_JSON_ERROR_SYNTAX, "a string is not closed" },
    { "[[1]", DOSSIER_JSON_DEFAULT, DOSSIER_JSON_ERROR_SYNTAX, "it ends before its JSON does" },
    { "\xef\xbb\xbf[]", DOSSIER_JSON_DEFAULT, DOSSIER_JSON_ERROR_SYNTAX,
      "expected a value, found byte 0xEF" },
    { "[tru]", DOSSIER_JSON_DEFAULT, DOSSIER_JSON_ERROR_SYNTAX, "expected a value, found ‘t’" },
    { "{\"a\" 1}", DOSSIER_JSON_DEFAULT, DOSSIER_JSON_ERROR_SYNTAX, "expected ‘:’" },
    { "{\"note\": \"a\\u0000b\"}", DOSSIER_JSON_REFUSE_NUL, DOSSIER_JSON_ERROR_NUL,
      "“note” holds a NUL character (\\u0000), which cannot be stored (line 1, column 12)" },
    { "[\"a\\u0000b\"]", DOSSIER_JSON_REFUSE_NUL, DOSSIER_JSON_ERROR_NUL,
      "a string holds a NUL character" },
    { "{\"n\": 9223372036854775808}", DOSSIER_JSON_EXACT_NUMBERS, DOSSIER_JSON_ERROR_NUMBER,
      "“n” is not a number that can be read exactly (9223372036854775808)" },
    { "[-12345678901234567890123456789]", DOSSIER_JSON_EXACT_NUMBERS, DOSSIER_JSON_ERROR_NUMBER,
      "a value is not a number that can be read exactly (-12345678901234567890123456789)" },
    { "[1e400]", DOSSIER_JSON_EXACT_NUMBERS, DOSSIER_JSON_ERROR_NUMBER,
      "a value is not a number that can be read exactly (1e400)" },
  };
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* Escaped: some cases are not UTF-8, and the TAP output must be. */
      g_autofree char *shown = g_strescape (cases[i].json, NULL);
      gboolean ok;

      g_test_message ("case %u: %s", i, shown);
      ok = dossier_json_validate (cases[i].json, strlen (cases[i].json), 8, cases[i].flags,
                                  &error);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }
      g_assert_false (ok);
      g_assert_error (error, DOSSIER_JSON_ERROR, cases[i].code);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message, cases[i].message);
      g_clear_error (&error);
    }

  /* The limit is the number of open arrays and objects: 8 pass, 9 do not; a million is
   * refused in constant stack space. */
  g_string_append (deep, "[[[[{\"a\":[[[1]]]}]]]]");
  g_assert_true (dossier_json_validate (deep->str, deep->len, 8, 0, &error));
  g_assert_no_error (error);
  g_assert_false (dossier_json_validate (deep->str, deep->len, 7, 0, &error));
  g_assert_error (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_TOO_DEEP);
  g_assert_cmpstr (error->message, ==, "nested more than 7 levels deep (line 1, column 12)");
  g_clear_error (&error);
  {
    /* The path to a fault: member names as written, array indices from 0. */
    static const char json[] = "{\"a\": [1, {\"b\\u0062\": 2}, {\"c\": \"\\u0000\"}]}";
    g_autoptr(GArray) path = NULL;
    const DossierJsonStep *steps;

    g_assert_false (dossier_json_validate_full (json, strlen (json), 8, DOSSIER_JSON_REFUSE_NUL,
                                                &path, &error));
    g_assert_error (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_NUL);
    g_clear_error (&error);
    g_assert_nonnull (path);
    g_assert_cmpuint (path->len, ==, 3);
    steps = (const DossierJsonStep *) (gpointer) path->data;
    g_assert_cmpmem (steps[0].key, steps[0].key_length, "a", 1);
    g_assert_null (steps[1].key);
    g_assert_cmpuint (steps[1].index, ==, 2);
    g_assert_cmpmem (steps[2].key, steps[2].key_length, "c", 1);
  }

  g_string_truncate (deep, 0);
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (deep, '{');
  g_assert_false (dossier_json_validate (deep->str, deep->len, 64, 0, &error));
  g_assert_error (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_SYNTAX);
  g_clear_error (&error);
  g_string_truncate (deep, 0);
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (deep, '[');
  g_assert_false (dossier_json_validate (deep->str, deep->len, 64, 0, &error));
  g_assert_error (error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_TOO_DEEP);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = test_make_tmpdir ();

  g_test_add_func ("/bad-input/batch", test_bad_input_batch);
  g_test_add_func ("/bad-input/special-files", test_bad_input_special_files);
  g_test_add_func ("/bad-input/cancelled", test_bad_input_cancelled);
  g_test_add_func ("/bad-input/size-lies", test_bad_input_size_lies);
  g_test_add_func ("/bad-input/json-validator", test_bad_input_json_validator);

  status = g_test_run ();
  test_rm_rf (tmpdir);
  g_free (tmpdir);
  return status;
}
