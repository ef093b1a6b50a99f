/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-test-ner"

#include <glib/gstdio.h>
#include <string.h>

#include "dossier-ner.h"

/* Written for these tests: every name in it is invented.  The guillemets and the accent put
 * code points of more than one byte before the names, so byte and character offsets differ. */
#define SENTENCE \
  "« Résumé » Foreign Minister Tomas Ellery of Norland met officials of the Vell Harbour " \
  "Authority in Castemar on Monday."

static char *
shipped_model_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "ner", "dossier-ner.model", NULL);
}

static DossierNerModel *
load_shipped (void)
{
  g_autofree char *path = shipped_model_path ();
  g_autoptr(GError) error = NULL;
  DossierNerModel *model = dossier_ner_model_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

/* The text of a span. */
static char *
span_text (const char           *text,
           const DossierNerSpan *span)
{
  const char *start = g_utf8_offset_to_pointer (text, span->start);
  const char *end = g_utf8_offset_to_pointer (text, span->end);

  return g_strndup (start, end - start);
}

/* Spans lie in the text, in order, do not overlap, and have one of the three kinds. */
static void
check_spans (const char *text,
             GArray     *spans)
{
  guint length = (guint) g_utf8_strlen (text, -1);
  guint previous_end = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const DossierNerSpan *span = &g_array_index (spans, DossierNerSpan, i);

      g_assert_cmpuint (span->start, <, span->end);
      g_assert_cmpuint (span->end, <=, length);
      g_assert_cmpuint (span->start, >=, previous_end);
      g_assert_true (span->kind == DOSSIER_ENTITY_PERSON ||
                     span->kind == DOSSIER_ENTITY_ORGANIZATION ||
                     span->kind == DOSSIER_ENTITY_PLACE);
      previous_end = span->end;
    }
}

/* Writes @contents to a file in a new temporary folder and loads it: the error must name the
 * file and contain @reason. */
static void
check_damaged (const char *contents,
               gsize       length,
               const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dossier-ner-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(DossierNerModel) model = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "damaged.model", NULL);
  g_file_set_contents (path, contents, (gssize) length, &error);
  g_assert_no_error (error);

  model = dossier_ner_model_load (path, &error);
  g_assert_null (model);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, reason));

  g_unlink (path);
  g_rmdir (dir);
}

static char *
read_shipped (gsize *length)
{
  g_autofree char *path = shipped_model_path ();
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (*length, >, 48);
  return contents;
}

static void
test_load_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dossier-ner-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "no-such.model", NULL);
  g_autoptr(DossierNerModel) model = dossier_ner_model_load (path, &error);

  g_assert_null (model);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "missing"));
  g_rmdir (dir);
}

static void
test_load_truncated (void)
{
  gsize length;
  g_autofree char *contents = read_shipped (&length);

  check_damaged (contents, 12, "truncated");
  check_damaged (contents, length / 2, "truncated");
  check_damaged (contents, length - 1, "truncated");
  check_damaged ("", 0, "truncated");
}

static void
test_load_magic (void)
{
  gsize length;
  g_autofree char *contents = read_shipped (&length);

  contents[0] = 'X';
  check_damaged (contents, length, "wrong magic");
  {
    static const char zip[] = "PK\003\004 not a model, a zip file";

    check_damaged (zip, sizeof zip - 1, "wrong magic");
  }
}

static void
test_load_version (void)
{
  gsize length;
  g_autofree char *contents = read_shipped (&length);

  contents[8] = 99;
  check_damaged (contents, length, "unsupported model format version 99");
}

static void
test_load_sizes (void)
{
  gsize length;
  g_autofree char *contents = read_shipped (&length);
  g_autofree char *longer = g_malloc0 (length + 10);

  /* A bucket count that does not match the payload size in the header. */
  contents[18] ^= 0x01;
  check_damaged (contents, length, "mismatched sizes");
  contents[18] ^= 0x01;
  memcpy (longer, contents, length);
  check_damaged (longer, length + 10, "mismatched sizes");
}

static void
test_load_checksum (void)
{
  gsize length;
  g_autofree char *contents = read_shipped (&length);

  contents[length / 2] ^= 0x40;
  check_damaged (contents, length, "bad checksum");
}

static void
test_load_bytes (void)
{
  gsize length;
  g_autofree char *contents = read_shipped (&length);
  g_autoptr(GBytes) bytes = g_bytes_new (contents, length);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierNerModel) model = dossier_ner_model_load_bytes (bytes, "in memory", &error);
  g_autoptr(GBytes) short_bytes = g_bytes_new (contents, 20);
  g_autoptr(DossierNerModel) broken = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (model);
  g_assert_true (dossier_ner_model_ref (model) == model);
  dossier_ner_model_unref (model);

  broken = dossier_ner_model_load_bytes (short_bytes, "in memory", &error);
  g_assert_null (broken);
  g_assert_nonnull (strstr (error->message, "in memory: truncated"));
}

static void
test_default (void)
{
  DossierNerModel *model = dossier_ner_model_get_default ();

  g_assert_nonnull (model);
  g_assert_true (dossier_ner_model_get_default () == model);
}

/* With no model to load, the default is NULL after one line on stderr naming the file. */
static void
test_default_missing (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("DOSSIER_NER_MODEL", "/nonexistent/dossier-ner.model", TRUE);
      g_assert_null (dossier_ner_model_get_default ());
      g_assert_null (dossier_ner_model_get_default ());
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("dossier: /nonexistent/dossier-ner.model: missing (no such file); "
                             "entities from the gazetteers only\n");
}

static void
test_tag_sentence (void)
{
  g_autoptr(DossierNerModel) model = load_shipped ();
  g_autoptr(GArray) spans = dossier_ner_tag_text (model, SENTENCE, strlen (SENTENCE));
  gboolean person = FALSE, castemar = FALSE;

  check_spans (SENTENCE, spans);
  for (guint i = 0; i < spans->len; i++)
    {
      const DossierNerSpan *span = &g_array_index (spans, DossierNerSpan, i);
      g_autofree char *text = span_text (SENTENCE, span);

      g_test_message ("%s: %s", dossier_entity_kind_to_string (span->kind), text);
      if (strcmp (text, "Tomas Ellery") == 0 && span->kind == DOSSIER_ENTITY_PERSON)
        person = TRUE;
      if (strcmp (text, "Castemar") == 0 && span->kind == DOSSIER_ENTITY_PLACE)
        castemar = TRUE;
      /* Every span is whole words, and no span takes the title or the date. */
      g_assert_null (strstr (text, "Minister"));
      g_assert_null (strstr (text, "Monday"));
      g_assert_false (g_unichar_isalnum (g_utf8_get_char (g_utf8_offset_to_pointer (SENTENCE,
                                                                                  span->end))));
    }
  g_assert_true (person);
  g_assert_true (castemar);
}

static void
test_tag_empty (void)
{
  g_autoptr(DossierNerModel) model = load_shipped ();
  g_autoptr(GArray) none = dossier_ner_tag_text (model, "", 0);
  g_autoptr(GArray) blank = dossier_ner_tag_text (model, " \n\n\t ", 5);
  g_autoptr(GArray) punct = dossier_ner_tag_text (model, "... -- ?!", 9);

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
  g_assert_cmpuint (punct->len, ==, 0);
}

/* A headline in capitals over a paragraph: the headline must not come back as one entity. */
static void
test_tag_all_caps (void)
{
  static const char text[] =
    "FOREIGN MINISTER VOWS TO RESTORE TRADE AS FLOODS CUT NORLAND ROADS\n"
    "Foreign Minister Tomas Ellery said on Monday that the roads would reopen.";
  g_autoptr(DossierNerModel) model = load_shipped ();
  g_autoptr(GArray) spans = dossier_ner_tag_text (model, text, strlen (text));
  guint headline = (guint) g_utf8_strlen (text, strchr (text, '\n') - text);

  check_spans (text, spans);
  for (guint i = 0; i < spans->len; i++)
    {
      const DossierNerSpan *span = &g_array_index (spans, DossierNerSpan, i);
      g_autofree char *covered = span_text (text, span);

      g_test_message ("%s: %s", dossier_entity_kind_to_string (span->kind), covered);
      /* Nothing crosses the line break, and nothing in the headline is longer than a name. */
      g_assert_false (span->start < headline && span->end > headline);
      if (span->end <= headline)
        g_assert_cmpuint (span->end - span->start, <, 20);
    }
}

typedef struct {
  DossierNerModel *model;
  GArray          *expected;
} ThreadData;

static gpointer
tag_in_thread (gpointer data)
{
  ThreadData *d = data;

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(GArray) spans = dossier_ner_tag_text (d->model, SENTENCE, strlen (SENTENCE));

      if (spans->len != d->expected->len)
        return GINT_TO_POINTER (1);
      /* Field by field: the struct has padding. */
      for (guint i = 0; i < spans->len; i++)
        {
          const DossierNerSpan *a = &g_array_index (spans, DossierNerSpan, i);
          const DossierNerSpan *b = &g_array_index (d->expected, DossierNerSpan, i);

          if (a->start != b->start || a->end != b->end || a->kind != b->kind ||
              a->byte_start != b->byte_start || a->byte_end != b->byte_end)
            return GINT_TO_POINTER (1);
        }
    }
  return NULL;
}

static void
test_tag_threads (void)
{
  g_autoptr(DossierNerModel) model = load_shipped ();
  g_autoptr(GArray) expected = dossier_ner_tag_text (model, SENTENCE, strlen (SENTENCE));
  ThreadData data = { model, expected };
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("tagger", tag_in_thread, &data);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_null (g_thread_join (threads[i]));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ner/load/missing", test_load_missing);
  g_test_add_func ("/ner/load/truncated", test_load_truncated);
  g_test_add_func ("/ner/load/wrong-magic", test_load_magic);
  g_test_add_func ("/ner/load/version", test_load_version);
  g_test_add_func ("/ner/load/sizes", test_load_sizes);
  g_test_add_func ("/ner/load/checksum", test_load_checksum);
  g_test_add_func ("/ner/load/bytes", test_load_bytes);
  g_test_add_func ("/ner/load/default", test_default);
  g_test_add_func ("/ner/load/default-missing", test_default_missing);
  g_test_add_func ("/ner/tag/sentence", test_tag_sentence);
  g_test_add_func ("/ner/tag/empty", test_tag_empty);
  g_test_add_func ("/ner/tag/all-caps", test_tag_all_caps);
  g_test_add_func ("/ner/tag/threads", test_tag_threads);

  return g_test_run ();
}
