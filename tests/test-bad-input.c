/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hostile and broken input: every file is refused with its name and reason, or imported
 * safely, in bounded time, and the workspace never holds a half-imported document. */
#include <fcntl.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "dossier-core.h"
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

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = test_make_tmpdir ();

  g_test_add_func ("/bad-input/batch", test_bad_input_batch);

  status = g_test_run ();
  test_rm_rf (tmpdir);
  g_free (tmpdir);
  return status;
}
