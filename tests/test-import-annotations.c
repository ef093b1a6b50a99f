/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Importing annotations back: our W3C JSON and Hypothesis' JSON, matched, re-anchored, and
 * stored all or nothing.  The stories are our own: fictional people, places and outlets. */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dossier-core.h"
#include "dossier-export.h"
#include "test-common.h"

#define FERRY_TITLE "Ferry talks resume in Corran Vale"
#define FERRY_URL "https://example.org/news/ferry-talks"
#define FERRY_BODY \
  "Minister Mara Ostrand said on Monday: “We will not be rushed,” adding that the ferry " \
  "contract would be signed by June. The port authority claimed the new quay cost 40 million " \
  "crowns. Critics in Corran Vale called the plan a gamble."
/* The same story as edited later: words added before the quotes move every offset. */
#define FERRY_BODY_EDITED \
  "Minister Mara Ostrand, speaking in Port Vell, said on Monday: “We will not be rushed,” " \
  "adding that the ferry contract would be signed by June. The port authority claimed the new " \
  "quay cost 40 million crowns. Critics in Corran Vale called the plan a gamble."
#define STRIKE_TITLE "Quay workers strike in Lenmouth"
#define STRIKE_BODY \
  "Dock workers in Lenmouth walked out at dawn. Union leader Tomas Brell said the strike " \
  "would last a week. The harbour office reported that three ships were waiting offshore."

typedef struct {
  char         *dir;
  char         *path;
  DossierStore *store;
  gint64        ferry;
  gint64        strike;
} Fixture;

static gint64
add_document (DossierStore *store,
              const char   *title,
              const char   *body,
              const char   *url)
{
  g_autoptr(DossierArticle) article = test_make_article (title, "Harbour Ledger", body);
  /* The file's bytes as the test of hashes expects them (fixtures name this SHA-256). */
  g_autofree char *raw = g_strdup_printf ("%s\n\n%s", title, body);
  g_autoptr(GBytes) bytes = g_bytes_new (raw, strlen (raw));

  article->url = g_strdup (url);
  return test_add_article (store, article, bytes, "story.txt");
}

static void
open_workspace (Fixture    *f,
                const char *name)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  g_free (f->path);
  f->path = g_build_filename (f->dir, name, NULL);
  f->store = dossier_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *ferry_body = data != NULL ? data : FERRY_BODY;

  f->dir = test_make_tmpdir ();
  open_workspace (f, "test.dossier");
  f->ferry = add_document (f->store, FERRY_TITLE, ferry_body, FERRY_URL);
  f->strike = add_document (f->store, STRIKE_TITLE, STRIKE_BODY, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_close_workspace (&f->store, &f->dir);
  g_free (f->path);
}

static char *
fixture_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "import-annotations", name, NULL);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *content,
            gssize      length)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, content, length, NULL));
  return path;
}

static GPtrArray *
import_ok (Fixture    *f,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = dossier_store_import_annotations (f->store, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static GPtrArray *
list_annotations (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *annotations = dossier_store_list_annotations (f->store, NULL, &error);

  g_assert_no_error (error);
  return annotations;
}

static DossierAnnotation *
get_annotation (Fixture *f,
                gint64   id)
{
  g_autoptr(GError) error = NULL;
  DossierAnnotation *annotation = dossier_store_get_annotation (f->store, id, &error);

  g_assert_no_error (error);
  return annotation;
}

static const DossierAnnotationImport *
result_at (GPtrArray                     *results,
           guint                          i,
           DossierAnnotationImportStatus  status,
           const char                    *matched_by)
{
  const DossierAnnotationImport *result = g_ptr_array_index (results, i);

  g_assert_cmpint (result->status, ==, status);
  g_assert_cmpstr (result->matched_by, ==, matched_by);
  return result;
}

/* The code point where @needle starts in document @id. */
static guint
offset_of (Fixture    *f,
           gint64      id,
           const char *needle)
{
  guint start, end;

  test_find_in_document (f->store, id, needle, &start, &end);
  return start;
}

static void
test_our_format (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = fixture_file ("our-format.json");
  g_autoptr(GPtrArray) results = import_ok (f, path);
  g_autoptr(DossierAnnotation) quote = NULL;
  g_autoptr(DossierAnnotation) claim = NULL;
  g_autoptr(DossierAnnotation) highlight = NULL;
  g_autoptr(DossierAnnotation) note = NULL;
  const DossierAnnotationImport *r;
  const char * const quote_tags[] = { "ferry", "talks", NULL };

  g_assert_cmpuint (results->len, ==, 6);
  /* By URL, though the file's has another case, a trailing slash and a fragment. */
  r = result_at (results, 0, DOSSIER_ANNOTATION_IMPORTED, "url");
  g_assert_cmpint (r->document_id, ==, f->ferry);
  g_assert_cmpstr (r->exact, ==, "We will not be rushed");
  quote = get_annotation (f, r->annotation_id);
  g_assert_cmpint (quote->kind, ==, DOSSIER_ANNOTATION_QUOTE);
  g_assert_cmpuint (quote->selector.start, ==, 74);
  g_assert_cmpuint (quote->selector.end, ==, 95);
  g_assert_cmpstr (quote->speaker, ==, "Mara Ostrand");
  g_assert_cmpstr (quote->source, ==, "Harbour Ledger");
  g_assert_cmpstr (quote->source_grade, ==, "B");
  g_assert_cmpstr (quote->cue, ==, "said");
  g_assert_cmpstr (quote->note, ==, "First time she sets no date.");
  g_assert_cmpstrv (quote->tags, quote_tags);
  g_assert_cmpstr (quote->origin, ==, "analyst");
  g_assert_cmpstr (quote->review, ==, "confirmed");

  r = result_at (results, 1, DOSSIER_ANNOTATION_IMPORTED, "url");
  claim = get_annotation (f, r->annotation_id);
  g_assert_cmpint (claim->kind, ==, DOSSIER_ANNOTATION_CLAIM);
  g_assert_cmpint (claim->credibility, ==, 3);
  g_assert_cmpstr (claim->selector.exact, ==, "the new quay cost 40 million crowns");
  g_assert_cmpstr (claim->note, ==, "The tender said 32 million.");

  /* The strike story has no URL: found by the SHA-256 of its file. */
  r = result_at (results, 2, DOSSIER_ANNOTATION_IMPORTED, "hash");
  g_assert_cmpint (r->document_id, ==, f->strike);
  highlight = get_annotation (f, r->annotation_id);
  g_assert_cmpint (highlight->kind, ==, DOSSIER_ANNOTATION_HIGHLIGHT);
  g_assert_cmpuint (highlight->selector.start, ==, offset_of (f, f->strike, "Union leader"));

  /* A reprint's URL: found through its words. */
  r = result_at (results, 3, DOSSIER_ANNOTATION_IMPORTED, "quote");
  g_assert_cmpint (r->document_id, ==, f->strike);
  note = get_annotation (f, r->annotation_id);
  g_assert_cmpint (note->kind, ==, DOSSIER_ANNOTATION_NOTE);
  g_assert_cmpstr (note->selector.exact, ==, "three ships were waiting offshore");
  g_assert_cmpstr (note->note, ==, "Check the harbour log.");

  r = result_at (results, 4, DOSSIER_ANNOTATION_UNMATCHED, NULL);
  g_assert_cmpint (r->document_id, ==, 0);
  g_assert_cmpint (r->annotation_id, ==, 0);
  g_assert_cmpstr (r->target, ==, "https://example.org/news/unknown-story");
  r = result_at (results, 5, DOSSIER_ANNOTATION_NOT_ANCHORED, "url");
  g_assert_cmpint (r->document_id, ==, f->ferry);
  g_assert_cmpint (r->annotation_id, ==, 0);

  {
    g_autoptr(GPtrArray) all = list_annotations (f);

    g_assert_cmpuint (all->len, ==, 4);
  }
}

static void
test_hypothesis (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = fixture_file ("hypothesis.json");
  g_autoptr(GPtrArray) results = import_ok (f, path);
  g_autoptr(DossierAnnotation) note = NULL;
  g_autoptr(DossierAnnotation) highlight = NULL;
  const DossierAnnotationImport *r;
  const char * const note_tags[] = { "deadline", "ostrand", NULL };

  g_assert_cmpuint (results->len, ==, 3);
  r = result_at (results, 0, DOSSIER_ANNOTATION_IMPORTED, "url");
  g_assert_cmpint (r->document_id, ==, f->ferry);
  note = get_annotation (f, r->annotation_id);
  /* A comment makes it the analyst's note; its position (a web page's) was wrong here. */
  g_assert_cmpint (note->kind, ==, DOSSIER_ANNOTATION_NOTE);
  g_assert_cmpuint (note->selector.start, ==, 74);
  g_assert_cmpstr (note->selector.exact, ==, "We will not be rushed");
  g_assert_cmpstr (note->note, ==, "Is this the first time she *refuses* a date?");
  g_assert_cmpstrv (note->tags, note_tags);

  r = result_at (results, 1, DOSSIER_ANNOTATION_IMPORTED, "quote");
  g_assert_cmpint (r->document_id, ==, f->strike);
  highlight = get_annotation (f, r->annotation_id);
  g_assert_cmpint (highlight->kind, ==, DOSSIER_ANNOTATION_HIGHLIGHT);
  g_assert_cmpstr (highlight->selector.exact, ==, "walked out at dawn");
  g_assert_cmpstr (highlight->note, ==, "");

  /* A note on the whole page: its page is here, but there are no words to anchor. */
  r = result_at (results, 2, DOSSIER_ANNOTATION_NOT_ANCHORED, "url");
  g_assert_cmpint (r->document_id, ==, f->ferry);
  g_assert_null (r->exact);
  g_assert_cmpstr (r->target, ==, FERRY_URL);
}

/* The document's text changed since the export: the positions are off, the quotes still
 * there. */
static void
test_reanchor (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = fixture_file ("our-format.json");
  g_autoptr(GPtrArray) results = import_ok (f, path);
  g_autoptr(DossierAnnotation) quote = NULL;
  g_autoptr(DossierAnnotation) claim = NULL;
  const DossierAnnotationImport *r;

  r = result_at (results, 0, DOSSIER_ANNOTATION_IMPORTED, "url");
  quote = get_annotation (f, r->annotation_id);
  g_assert_cmpuint (quote->selector.start, !=, 74);
  g_assert_cmpuint (quote->selector.start, ==, offset_of (f, f->ferry, "We will not"));
  g_assert_cmpuint (quote->selector.end, ==, quote->selector.start + 21);
  g_assert_cmpstr (quote->selector.exact, ==, "We will not be rushed");
  r = result_at (results, 1, DOSSIER_ANNOTATION_IMPORTED, "url");
  claim = get_annotation (f, r->annotation_id);
  g_assert_cmpuint (claim->selector.start, ==, offset_of (f, f->ferry, "the new quay"));
}

static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = fixture_file ("our-format.json");
  g_autoptr(GPtrArray) first = import_ok (f, path);
  g_autoptr(GPtrArray) second = import_ok (f, path);
  g_autoptr(GPtrArray) all = NULL;

  g_assert_cmpuint (second->len, ==, first->len);
  for (guint i = 0; i < 4; i++)
    {
      const DossierAnnotationImport *a = g_ptr_array_index (first, i);
      const DossierAnnotationImport *b = g_ptr_array_index (second, i);

      g_assert_cmpint (b->status, ==, DOSSIER_ANNOTATION_DUPLICATE);
      g_assert_cmpint (b->annotation_id, ==, a->annotation_id);
    }
  result_at (second, 4, DOSSIER_ANNOTATION_UNMATCHED, NULL);
  result_at (second, 5, DOSSIER_ANNOTATION_NOT_ANCHORED, "url");
  all = list_annotations (f);
  g_assert_cmpuint (all->len, ==, 4);
}

/* The file's grade of an outlet does not overrule the workspace's own. */
static void
test_keeps_grade (Fixture       *f,
                  gconstpointer  data)
{
  DossierAnnotationFields claim = { .kind = DOSSIER_ANNOTATION_CLAIM,
                                    .source = "Harbour Ledger" };
  g_autofree char *path = fixture_file ("our-format.json");
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(DossierAnnotation) quote = NULL;
  g_autoptr(GError) error = NULL;
  guint start = offset_of (f, f->ferry, "Critics");

  g_assert_cmpint (dossier_store_add_annotation (f->store, f->ferry, start, start + 7, &claim,
                                                 &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (dossier_store_set_source_grade (f->store, "Harbour Ledger", "D", &error));
  g_assert_no_error (error);
  results = import_ok (f, path);
  quote = get_annotation (f, result_at (results, 0, DOSSIER_ANNOTATION_IMPORTED,
                                        "url")->annotation_id);
  g_assert_cmpstr (quote->source, ==, "Harbour Ledger");
  g_assert_cmpstr (quote->source_grade, ==, "D");
}

/* The same annotation twice in one file is stored once. */
static void
test_duplicate_in_file (Fixture       *f,
                        gconstpointer  data)
{
  static const char twice[] =
    "[{\"type\": \"Annotation\", \"motivation\": \"highlighting\", \"target\": {\"source\": "
    "\"" FERRY_URL "\", \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": "
    "\"ferry contract\"}}},"
    " {\"type\": \"Annotation\", \"motivation\": \"highlighting\", \"target\": {\"source\": "
    "\"" FERRY_URL "\", \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": "
    "\"ferry contract\"}}}]";
  g_autofree char *path = write_file (f, "twice.json", twice, -1);
  g_autoptr(GPtrArray) results = import_ok (f, path);
  g_autoptr(GPtrArray) all = list_annotations (f);

  result_at (results, 0, DOSSIER_ANNOTATION_IMPORTED, "url");
  result_at (results, 1, DOSSIER_ANNOTATION_DUPLICATE, "url");
  g_assert_cmpuint (all->len, ==, 1);
}

/* Every shape the file may have: a bare array, one annotation, a page, Hypothesis' rows. */
static void
test_shapes (Fixture       *f,
             gconstpointer  data)
{
#define W3C(exact) \
  "{\"type\": \"Annotation\", \"motivation\": \"highlighting\", \"target\": {\"source\": \"" \
  FERRY_URL "\", \"selector\": [{\"type\": \"TextQuoteSelector\", \"exact\": \"" exact "\"}]}}"
#define ROW(exact) \
  "{\"uri\": \"" FERRY_URL "\", \"text\": \"\", \"target\": [{\"source\": \"" FERRY_URL "\", " \
  "\"selector\": [{\"type\": \"TextQuoteSelector\", \"exact\": \"" exact "\"}]}]}"
  static const struct {
    const char *content;
    guint       n;
  } shapes[] = {
    { "[" W3C ("Mara Ostrand") ", " W3C ("ferry contract") "]", 2 },
    { W3C ("signed by June"), 1 },
    { "{\"type\": \"AnnotationPage\", \"items\": [" W3C ("port authority") "]}", 1 },
    { "[" ROW ("Critics in Corran Vale") "]", 1 },
    { "{\"total\": 1, \"rows\": [" ROW ("the plan a gamble") "]}", 1 },
    { ROW ("on Monday"), 1 },
    { "{\"type\": \"AnnotationCollection\", \"total\": 0}", 0 },
    { "[]", 0 },
  };
#undef W3C
#undef ROW
  guint expected = 0;

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autofree char *path = write_file (f, "shape.json", shapes[i].content, -1);
      g_autoptr(GPtrArray) results = import_ok (f, path);
      g_autoptr(GPtrArray) all = list_annotations (f);

      g_test_message ("shape %u", i);
      g_assert_cmpuint (results->len, ==, shapes[i].n);
      for (guint j = 0; j < results->len; j++)
        result_at (results, j, DOSSIER_ANNOTATION_IMPORTED, "url");
      expected += shapes[i].n;
      g_assert_cmpuint (all->len, ==, expected);
    }
}

/* Bad files are refused as a whole, with the file and the reason, and store nothing: not
 * even the good annotation before the bad one. */
static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
#define GOOD \
  "{\"type\": \"Annotation\", \"target\": {\"source\": \"" FERRY_URL "\", \"selector\": " \
  "{\"type\": \"TextQuoteSelector\", \"exact\": \"ferry contract\"}}}"
#define BAD(target_and_more) "[" GOOD ", {\"type\": \"Annotation\", " target_and_more "}]"
#define QUOTE_TARGET \
  "\"target\": {\"source\": \"" FERRY_URL "\", \"selector\": " \
  "{\"type\": \"TextQuoteSelector\", \"exact\": \"Mara Ostrand\"}}"
  static const struct {
    const char *content;
    const char *reason;
  } cases[] = {
    { "{\"type\": \"AnnotationCollection\", \"first\": {\"items\": [", "not valid JSON" },
    { "", "no JSON" },
    { "42", "neither Dossier's JSON export nor Hypothesis' JSON" },
    { "{\"rows\": {\"uri\": 3}}", "not an array" },
    { "[17]", "annotation 1: not an object" },
    { "[{\"hello\": \"world\"}]", "neither a W3C Annotation nor a Hypothesis annotation" },
    { BAD (QUOTE_TARGET ", \"dossier:credibility\": \"high\""),
      "annotation 2: “dossier:credibility” is not a whole number" },
    { BAD (QUOTE_TARGET ", \"dossier:kind\": \"claim\", \"dossier:credibility\": 9"),
      "is 9, outside 1-6" },
    { BAD (QUOTE_TARGET ", \"dossier:kind\": \"claim\", \"dossier:credibility\": 2.5"),
      "not a whole number" },
    { BAD (QUOTE_TARGET ", \"dossier:kind\": \"quote\", \"dossier:credibility\": 2"),
      "a quote has no credibility" },
    { BAD (QUOTE_TARGET ", \"dossier:kind\": \"highlight\", \"dossier:speaker\": \"Mara\""),
      "a highlight has no speaker" },
    { BAD (QUOTE_TARGET ", \"dossier:kind\": \"banana\""), "“banana” is not a kind" },
    { BAD (QUOTE_TARGET ", \"dossier:kind\": \"quote\", \"dossier:outlet\": \"Ledger\", "
           "\"dossier:sourceGrade\": \"Z\""), "“Z” is not a source grade" },
    { BAD ("\"target\": {\"source\": \"" FERRY_URL "\"}"), "no TextQuoteSelector" },
    { BAD ("\"target\": \"" FERRY_URL "\""), "bare address" },
    { BAD ("\"body\": 12, " QUOTE_TARGET), "“body” is not an object" },
    { BAD ("\"target\": {\"selector\": [{\"type\": \"TextQuoteSelector\", \"exact\": 42}]}"),
      "“exact” is not a string" },
    { BAD ("\"target\": {\"selector\": [{\"type\": \"TextPositionSelector\", \"start\": 4, "
           "\"end\": 9}]}"), "no TextQuoteSelector" },
    { BAD ("\"target\": {\"selector\": [{\"type\": \"TextQuoteSelector\", \"exact\": \"June\"}, "
           "{\"type\": \"TextPositionSelector\", \"start\": 9, \"end\": 4}]}"),
      "needs a start before its end" },
    { BAD ("\"target\": {\"selector\": [{\"type\": \"TextQuoteSelector\", \"exact\": \"June\"}, "
           "{\"type\": \"TextPositionSelector\", \"start\": -1, \"end\": 4}]}"), "outside" },
    { BAD ("\"target\": {\"selector\": [{\"type\": \"TextQuoteSelector\", \"exact\": \"\"}]}"),
      "no “exact” text" },
    { BAD ("\"target\": {\"selector\": [{\"type\": \"TextQuoteSelector\", "
           "\"exact\": \"\\ud800\"}]}"), "not valid JSON: a lone UTF-16 surrogate" },
    { BAD ("\"target\": {\"selector\": [[{\"type\": \"TextQuoteSelector\"}]]}"),
      "“selector” is not an object" },
    { "[" GOOD ", {\"uri\": \"" FERRY_URL "\", \"tags\": \"ferry\", \"target\": []}]",
      "annotation 2: “tags” is not an array" },
    { "[" GOOD ", {\"uri\": \"" FERRY_URL "\", \"tags\": [1], \"target\": []}]",
      "“tag” is not a string" },
    { "[" GOOD ", {\"uri\": \"" FERRY_URL "\", \"text\": [\"x\"], \"target\": []}]",
      "“text” is not a string" },
    { "[" GOOD ", {\"uri\": \"" FERRY_URL "\", \"target\": [{\"source\": \"" FERRY_URL "\", "
      "\"selector\": [{\"type\": \"RangeSelector\"}]}]}]", "no TextQuoteSelector" },
    { "[" GOOD ", \"text\xff\xfe\"]", "not UTF-8 at byte" },
  };
#undef GOOD
#undef BAD
#undef QUOTE_TARGET

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_file (f, "bad.json", cases[i].content, -1);
      g_autofree char *shown = g_strescape (cases[i].content, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GPtrArray) all = NULL;

      g_test_message ("case %u: %s", i, shown);
      results = dossier_store_import_annotations (f->store, path, &error);
      g_assert_null (results);
      g_assert_nonnull (error);
      g_assert_true (error->domain == DOSSIER_ERROR);
      g_assert_true (g_str_has_prefix (error->message, "bad.json: "));
      if (strstr (error->message, cases[i].reason) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].reason);
      all = list_annotations (f);
      g_assert_cmpuint (all->len, ==, 0);
    }
}

/* Hostile files: deep nesting, a missing file, huge strings, odd characters. */
static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *deep_path = NULL;
  g_autofree char *huge_path = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
  g_autoptr(DossierAnnotation) annotation = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  deep_path = write_file (f, "deep.json", deep->str, (gssize) deep->len);
  g_assert_null (dossier_store_import_annotations (f->store, deep_path, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "deep.json: nested more than"));
  g_clear_error (&error);

  g_assert_null (dossier_store_import_annotations (f->store, missing, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.json"));
  g_clear_error (&error);

  /* A 3 MB note, control characters and markup in a tag: stored as they are, inert. */
  g_string_append (huge, "[{\"type\": \"Annotation\", \"motivation\": \"commenting\", \"body\": [");
  g_string_append (huge, "{\"type\": \"TextualBody\", \"purpose\": \"tagging\", "
                         "\"value\": \"<script>\\u0007\\n=HYPERLINK(1)\"}, {\"value\": \"");
  for (guint i = 0; i < 3 * 1024 * 1024 / 8; i++)
    g_string_append (huge, "\\\"quiet\\\"");
  g_string_append (huge, "\"}], \"target\": {\"source\": \"" FERRY_URL "\", \"selector\": "
                         "{\"type\": \"TextQuoteSelector\", \"exact\": \"gamble\"}}}]");
  huge_path = write_file (f, "huge.json", huge->str, (gssize) huge->len);
  results = import_ok (f, huge_path);
  result_at (results, 0, DOSSIER_ANNOTATION_IMPORTED, "url");
  annotation = get_annotation (f, ((DossierAnnotationImport *) results->pdata[0])->annotation_id);
  g_assert_cmpuint (strlen (annotation->note), ==, 3 * 1024 * 1024 / 8 * 7);
  g_assert_cmpuint (g_strv_length (annotation->tags), ==, 1);
  all = list_annotations (f);
  g_assert_cmpuint (all->len, ==, 1);
}

/* Refuses @content as a file of annotations with a message holding @reason; nothing stored. */
static void
assert_refused (Fixture    *f,
                const char *name,
                const char *content,
                gssize      length,
                const char *reason)
{
  g_autofree char *path = write_file (f, name, content, length);
  g_autofree char *prefix = g_strdup_printf ("%s: ", name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) all = NULL;

  results = dossier_store_import_annotations (f->store, path, &error);
  g_assert_null (results);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  if (strstr (error->message, reason) == NULL)
    g_error ("“%s” does not say “%s”", error->message, reason);
  all = list_annotations (f);
  g_assert_cmpuint (all->len, ==, 0);
}

#define FERRY_ANNOTATION(body) \
  "{\"type\": \"Annotation\", \"motivation\": \"commenting\", " body "\"target\": " \
  "{\"source\": \"" FERRY_URL "\", \"selector\": {\"type\": \"TextQuoteSelector\", " \
  "\"exact\": \"ferry contract\"}}}"

/* What json-glib reads but JSON is not, and what it would misread: a comment or a
 * single-quoted string hiding deep nesting from a scan, two documents in one file, a number
 * too large for it, a NUL in a note.  Each refused with the file and the reason. */
static void
test_strict (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GString) comment = g_string_new ("/* \" */ ");
  g_autoptr(GString) quoted = g_string_new ("['\"', ");
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *good = NULL;

  for (guint i = 0; i < 200000; i++)
    {
      g_string_append_c (comment, '[');
      g_string_append_c (quoted, '[');
      g_string_append_c (deep, '[');
    }
  assert_refused (f, "notes.json", comment->str, (gssize) comment->len,
                  "notes.json: not valid JSON: comments are not allowed (line 1, column 1)");
  assert_refused (f, "quoted.json", quoted->str, (gssize) quoted->len,
                  "quoted.json: not valid JSON: single-quoted strings are not allowed "
                  "(line 1, column 2)");
  assert_refused (f, "deep.json", deep->str, (gssize) deep->len,
                  "deep.json: nested more than 64 levels deep (line 1, column 65)");
  assert_refused (f, "two.json", "[" FERRY_ANNOTATION ("") "]\n[" FERRY_ANNOTATION ("") "]", -1,
                  "two.json: not valid JSON: more after the end of the JSON value");
  assert_refused (f, "two-objects.json", FERRY_ANNOTATION ("") FERRY_ANNOTATION (""), -1,
                  "not valid JSON: more after the end");
  assert_refused (f, "comma.json", "[" FERRY_ANNOTATION ("") ",]", -1,
                  "not valid JSON: expected a value, found ‘]’");
  /* A value json-glib would misread names the annotation holding it, whatever the shape. */
  assert_refused (f, "offset.json",
                  "[" FERRY_ANNOTATION ("") ", {\"type\": \"Annotation\", \"target\": "
                  "{\"source\": \"" FERRY_URL "\", \"selector\": [{\"type\": "
                  "\"TextQuoteSelector\", \"exact\": \"ferry contract\"}, "
                  "{\"type\": \"TextPositionSelector\", "
                  "\"start\": 12345678901234567890123456789, \"end\": 3}]}}]", -1,
                  "offset.json: annotation 2: “start” is not a number that can be read exactly "
                  "(12345678901234567890123456789) (line 1, column ");
  assert_refused (f, "nul.json",
                  "[" FERRY_ANNOTATION ("") ",\n"
                  FERRY_ANNOTATION ("\"body\": {\"value\": \"before\\u0000after\"}, ") "]",
                  -1, "nul.json: annotation 2: “value” holds a NUL character (\\u0000), which "
                  "cannot be stored (line 2, column 77)");
  assert_refused (f, "nul-hypothesis.json",
                  "{\"total\": 2, \"rows\": [{\"uri\": \"" FERRY_URL "\", \"text\": \"fine\", "
                  "\"target\": []}, {\"uri\": \"" FERRY_URL "\", \"text\": \"a\\u0000b\", "
                  "\"target\": []}]}", -1,
                  "nul-hypothesis.json: annotation 2: “text” holds a NUL character");
  assert_refused (f, "nul-collection.json",
                  "{\"type\": \"AnnotationCollection\", \"first\": {\"items\": ["
                  FERRY_ANNOTATION ("") ", " FERRY_ANNOTATION ("") ", "
                  FERRY_ANNOTATION ("\"body\": [\"\\u0000\"], ") "]}}", -1,
                  "nul-collection.json: annotation 3: a string holds a NUL character");
  assert_refused (f, "nul-single.json",
                  FERRY_ANNOTATION ("\"body\": {\"value\": \"\\u0000\"}, "), -1,
                  "nul-single.json: annotation 1: “value” holds a NUL character");
  assert_refused (f, "nul-label.json",
                  "{\"type\": \"AnnotationPage\", \"label\": \"x\\u0000\", \"items\": []}", -1,
                  "nul-label.json: “label” holds a NUL character");

  /* The same annotation, once and valid, imports: what was refused above was the form. */
  good = write_file (f, "good.json",
                     "[" FERRY_ANNOTATION ("\"body\": {\"value\": \"before after\"}, ") "]", -1);
  results = import_ok (f, good);
  result_at (results, 0, DOSSIER_ANNOTATION_IMPORTED, "url");
}

/* A FIFO (which would block a plain open), a device that never ends and a file over the limit
 * are refused at once, without reading them. */
static void
test_special_files (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.json", NULL);
  g_autofree char *big = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  int fd;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_null (dossier_store_import_annotations (f->store, fifo, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "pipe.json: not a regular file (a FIFO)");
  g_clear_error (&error);

  g_assert_null (dossier_store_import_annotations (f->store, "/dev/zero", &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "zero: not a regular file (a character device)");
  g_clear_error (&error);

  g_assert_null (dossier_store_import_annotations (f->store, f->dir, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "is a folder, not a file"));
  g_clear_error (&error);

  /* 65 MiB, sparse: refused from its size before a byte is read. */
  big = g_build_filename (f->dir, "big.json", NULL);
  fd = open (big, O_CREAT | O_WRONLY | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 65 * 1024 * 1024), ==, 0);
  close (fd);
  g_assert_null (dossier_store_import_annotations (f->store, big, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "big.json: file is 65.0\u00a0MiB, over the 64.0\u00a0MiB "
                   "limit for a file of annotations");
  g_clear_error (&error);

  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 5.0);
  all = list_annotations (f);
  g_assert_cmpuint (all->len, ==, 0);
}

static DossierAnnotation *
find_by_exact (GPtrArray  *annotations,
               const char *exact)
{
  for (guint i = 0; i < annotations->len; i++)
    {
      DossierAnnotation *annotation = g_ptr_array_index (annotations, i);

      if (g_strcmp0 (annotation->selector.exact, exact) == 0)
        return annotation;
    }
  g_error ("no annotation of “%s” after the import", exact);
}

/* Export to our JSON, import into a new workspace holding the same documents: the same
 * annotations on the same words. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const odd_tags[] = { "<script>", "semi;colon, “quoted”", "ünïcödé/tag",
                                           NULL };
  static const char * const plain_tags[] = { "ferry", NULL };
  DossierAnnotationFields quote = {
    .kind = DOSSIER_ANNOTATION_QUOTE, .speaker = "Mara Ostrand", .source = "Harbour Ledger",
    .cue = "said", .note = "Line 1\nLine 2 with \"quotes\" and \\ backslash", .tags = odd_tags,
  };
  DossierAnnotationFields claim = {
    .kind = DOSSIER_ANNOTATION_CLAIM, .source = "Harbour Ledger", .credibility = 4,
    .note = "=HYPERLINK(\"x\")",
  };
  DossierAnnotationFields highlight = { .kind = DOSSIER_ANNOTATION_HIGHLIGHT, .note = "",
                                        .tags = plain_tags };
  DossierAnnotationFields note = { .kind = DOSSIER_ANNOTATION_NOTE, .note = "Ask Brell." };
  DossierExportFilter filter = DOSSIER_EXPORT_FILTER_INIT;
  g_autoptr(DossierExportSet) set = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  test_annotate_passage (f->store, f->ferry, "We will not be rushed", &quote);
  test_annotate_passage (f->store, f->ferry, "the new quay cost", &claim);
  test_annotate_passage (f->store, f->ferry, "ferry contract", &highlight);
  test_annotate_passage (f->store, f->strike, "Tomas Brell", &note);
  g_assert_true (dossier_store_set_source_grade (f->store, "Harbour Ledger", "B", &error));
  g_assert_no_error (error);
  before = list_annotations (f);

  set = test_export_collect (f->store, &filter);
  dossier_export_write_json (set, json);
  path = write_file (f, "export.json", json->str, (gssize) json->len);

  open_workspace (f, "colleague.dossier");
  /* The other way round, so that the ids differ and only the matching can pair them. */
  f->strike = add_document (f->store, STRIKE_TITLE, STRIKE_BODY, NULL);
  f->ferry = add_document (f->store, FERRY_TITLE, FERRY_BODY, FERRY_URL);
  results = import_ok (f, path);
  g_assert_cmpuint (results->len, ==, 4);
  for (guint i = 0; i < results->len; i++)
    g_assert_cmpint (((DossierAnnotationImport *) results->pdata[i])->status, ==,
                     DOSSIER_ANNOTATION_IMPORTED);
  after = list_annotations (f);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      DossierAnnotation *a = g_ptr_array_index (before, i);
      /* Documents are listed by id, which the new workspace has the other way round. */
      DossierAnnotation *b = find_by_exact (after, a->selector.exact);

      g_assert_cmpint (b->kind, ==, a->kind);
      g_assert_cmpuint (b->selector.start, ==, a->selector.start);
      g_assert_cmpuint (b->selector.end, ==, a->selector.end);
      g_assert_cmpstr (b->selector.prefix, ==, a->selector.prefix);
      g_assert_cmpstr (b->selector.suffix, ==, a->selector.suffix);
      g_assert_cmpstr (b->note, ==, a->note);
      g_assert_cmpstrv (b->tags, a->tags);
      g_assert_cmpstr (b->speaker, ==, a->speaker);
      g_assert_cmpstr (b->source, ==, a->source);
      g_assert_cmpstr (b->source_grade, ==, a->source_grade);
      g_assert_cmpstr (b->cue, ==, a->cue);
      g_assert_cmpint (b->credibility, ==, a->credibility);
      g_assert_cmpint (b->document_id, ==, a->document_id == 1 ? f->ferry : f->strike);
    }
}

/* A passage with a right-to-left override in it: the JSON export writes the control as the
 * escape \u202e (no raw control in the file) and keeps it in the selector, so that importing
 * the file finds the same words again; the note keeps its isolates too. */
static void
test_round_trip_bidi (Fixture       *f,
                      gconstpointer  data)
{
  const char *body = "The attachment was named invoice\u202Efdp.exe by the sender, the lab "
                     "said. It spread to 40 machines.";
  const char *passage = "invoice\u202Efdp.exe";
  const char *note_text = "Reads as \u2066exe.pdf\u2069 in a mail client; \u202Bsee\u202C";
  DossierAnnotationFields note = { .kind = DOSSIER_ANNOTATION_NOTE, .note = note_text };
  DossierExportFilter filter = DOSSIER_EXPORT_FILTER_INIT;
  g_autoptr(DossierExportSet) set = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *path = NULL;
  gint64 document;
  DossierAnnotation *b;

  document = add_document (f->store, "Malware reaches the port office", body, NULL);
  test_annotate_passage (f->store, document, passage, &note);
  set = test_export_collect (f->store, &filter);
  dossier_export_write_json (set, json);
  /* No raw control in the file, only escapes. */
  for (const char *p = json->str; *p != '\0'; p = g_utf8_next_char (p))
    g_assert_false (dossier_export_is_bidi_control (g_utf8_get_char (p)));
  g_assert_nonnull (strstr (json->str, "\"exact\": \"invoice\\u202efdp.exe\""));
  g_assert_nonnull (strstr (json->str, "\\u2066exe.pdf\\u2069"));
  path = write_file (f, "export.json", json->str, (gssize) json->len);

  open_workspace (f, "colleague.dossier");
  document = add_document (f->store, "Malware reaches the port office", body, NULL);
  results = import_ok (f, path);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpint (((DossierAnnotationImport *) results->pdata[0])->status, ==,
                   DOSSIER_ANNOTATION_IMPORTED);
  after = list_annotations (f);
  g_assert_cmpuint (after->len, ==, 1);
  b = g_ptr_array_index (after, 0);
  g_assert_cmpint (b->document_id, ==, document);
  g_assert_cmpstr (b->selector.exact, ==, passage);
  g_assert_cmpstr (b->note, ==, note_text);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/import-annotations/our-format", test_our_format, NULL);
  ADD ("/import-annotations/hypothesis", test_hypothesis, NULL);
  ADD ("/import-annotations/reanchor", test_reanchor, FERRY_BODY_EDITED);
  ADD ("/import-annotations/duplicates", test_duplicates, NULL);
  ADD ("/import-annotations/duplicate-in-file", test_duplicate_in_file, NULL);
  ADD ("/import-annotations/keeps-grade", test_keeps_grade, NULL);
  ADD ("/import-annotations/shapes", test_shapes, NULL);
  ADD ("/import-annotations/malformed", test_malformed, NULL);
  ADD ("/import-annotations/hostile", test_hostile, NULL);
  ADD ("/import-annotations/strict", test_strict, NULL);
  ADD ("/import-annotations/special-files", test_special_files, NULL);
  ADD ("/import-annotations/round-trip", test_round_trip, NULL);
  ADD ("/import-annotations/round-trip-bidi", test_round_trip_bidi, NULL);
#undef ADD

  return g_test_run ();
}
