/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "dossier-core.h"
#include "dossier-export.h"
#include "test-common.h"

/*
 * Export: golden files for Markdown, CSV and JSON on a workspace built here through the store
 * API, hostile strings coming out inert, filters and scopes, the file written whole, and the
 * CLI's export command.
 *
 * DOSSIER_UPDATE_GOLDEN=1 rewrites tests/fixtures/export/ from what the writers produce now:
 * read the diff before keeping it.
 */

/* Every export of this test is dated by SOURCE_DATE_EPOCH: 2026-11-23T10:00:00Z. */
#define GENERATED_EPOCH "1795428000"
#define GENERATED_AT "2026-11-23T10:00:00Z"

/* Stories of our own: fictional places, people and outlets. */
#define TALKS_TITLE "Talks resume in Corran Vale"
#define TALKS_LEAD "Negotiators returned to the table in Corran Vale on Monday."
#define TALKS_BODY \
  "The minister said: “We will not be rushed,” adding that the harbour would stay open. " \
  "The Corland News Agency later reported that talks had stalled over fishing rights."
#define TALKS_TAIL "A second round is planned for June."

#define HOSTILE_TITLE "<script>alert(1)</script> [x](javascript:alert(1)) # =SUM(A1)"
#define HOSTILE_BODY \
  "Officials in Dunmere denied the report. A spokesman called it “entirely invented”."
#define HOSTILE_NOTE \
  "<script>alert(1)</script>\n[x](javascript:alert(1))\n=HYPERLINK(\"http://evil\")\x01\x1b[31m " \
  "``` fenced ``` `code`\n# not a heading\n1. not a list | not | a table"
#define HOSTILE_TAG "=HYPERLINK(\"http://evil\")"

#define BUDGET_TITLE "Budget vote delayed"
#define BUDGET_BODY \
  "The council postponed the budget vote. “We need another week,” Lena Hask said."

typedef struct {
  char         *dir;
  char         *path;
  DossierStore *store;
  gint64        talks;
  gint64        hostile;
  gint64        budget;
} Fixture;

static gint64
add_document (Fixture    *f,
              const char *title,
              const char *outlet,
              const char *published,
              const char *url,
              const char *const *paragraphs)
{
  g_autoptr(DossierTextBuilder) builder = dossier_text_builder_new ();
  g_autoptr(DossierArticle) article = dossier_article_new ();
  g_autoptr(GString) raw = g_string_new (title);
  g_autoptr(GBytes) bytes = NULL;

  article->title = g_strdup (title);
  article->outlet = g_strdup (outlet);
  article->url = g_strdup (url);
  article->published = g_strdup (published);
  article->precision = DOSSIER_PRECISION_DAY;
  article->format = g_strdup ("text");
  dossier_text_builder_add (builder, DOSSIER_REGION_HEADLINE, title, -1);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      dossier_text_builder_add (builder, DOSSIER_REGION_PARAGRAPH, paragraphs[i], -1);
      g_string_append_printf (raw, "\n\n%s", paragraphs[i]);
    }
  dossier_text_builder_finish (builder, article);
  bytes = g_bytes_new (raw->str, raw->len);
  return test_add_article (f->store, article, bytes, "story.txt");
}

/* Annotates the first occurrence of @needle in @document and gives it fixed times (and
 * @review, @origin, @orphan), so that the golden files do not depend on the clock. */
static gint64
annotate (Fixture                       *f,
          gint64                         document,
          const char                    *needle,
          const DossierAnnotationFields *fields,
          const char                    *origin,
          const char                    *review,
          gboolean                       orphan)
{
  gint64 id = test_annotate_passage (f->store, document, needle, fields);
  g_autoptr(DossierAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;

  annotation = dossier_store_get_annotation (f->store, id, &error);
  g_assert_no_error (error);
  g_free (annotation->created_at);
  g_free (annotation->modified_at);
  g_free (annotation->origin);
  g_free (annotation->review);
  annotation->created_at = g_strdup_printf ("2026-11-20T09:%02d:00Z", (int) id);
  annotation->modified_at = g_strdup_printf ("2026-11-20T10:%02d:30Z", (int) id);
  annotation->origin = g_strdup (origin);
  annotation->review = g_strdup (review);
  if (orphan)
    annotation->status = DOSSIER_ANNOTATION_ORPHAN;
  g_assert_true (dossier_store_put_annotation (f->store, annotation, &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *talks[] = { TALKS_LEAD, TALKS_BODY, TALKS_TAIL, NULL };
  const char *hostile[] = { HOSTILE_BODY, NULL };
  const char *budget[] = { BUDGET_BODY, NULL };
  const char *talks_tags[] = { "sanctions", "talks", NULL };
  const char *claim_tags[] = { "talks", NULL };
  const char *hostile_tags[] = { HOSTILE_TAG, "<b>bold</b>", NULL };
  DossierAnnotationFields quote = {
    DOSSIER_ANNOTATION_QUOTE, "Mara Ostrand", "Harbour Ledger", "said", 0,
    "Check against the wire copy.", talks_tags };
  DossierAnnotationFields claim = {
    DOSSIER_ANNOTATION_CLAIM, NULL, "Corland News Agency", "reported", 2,
    "Two other outlets say the same.\nNone names a source.", claim_tags };
  DossierAnnotationFields highlight = {
    DOSSIER_ANNOTATION_HIGHLIGHT, NULL, NULL, NULL, 0, "The date moved twice.", NULL };
  DossierAnnotationFields hostile_note = {
    DOSSIER_ANNOTATION_CLAIM, "Ivo Brandt", "Vell Courier", NULL, 0, HOSTILE_NOTE,
    hostile_tags };
  DossierAnnotationFields suggested = {
    DOSSIER_ANNOTATION_QUOTE, "Lena Hask", NULL, "said", 0, NULL, NULL };
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmpdir ();
  f->store = test_open_workspace (f->dir, "test.dossier", &f->path);

  f->talks = add_document (f, TALKS_TITLE, "Harbour Ledger", "2024-05-20",
                           "https://example.org/news/talks-resume", talks);
  f->hostile = add_document (f, HOSTILE_TITLE, "Vell Courier", "2024-06-02",
                             "javascript:alert(1)", hostile);
  f->budget = add_document (f, BUDGET_TITLE, "Dunmere Post", "2023-11-10", NULL, budget);

  annotate (f, f->talks, "We will not be rushed", &quote, "analyst", "confirmed", FALSE);
  annotate (f, f->talks, "talks had stalled", &claim, "auto", "confirmed", FALSE);
  annotate (f, f->talks, "second round", &highlight, "analyst", "confirmed", TRUE);
  annotate (f, f->talks, "the harbour would stay open", &suggested, "auto", "suggested", FALSE);
  annotate (f, f->hostile, "entirely invented", &hostile_note, "analyst", "confirmed", FALSE);
  /* The budget story has only suggestions: a pending one and a rejected one. */
  annotate (f, f->budget, "We need another week", &suggested, "auto", "suggested", FALSE);
  annotate (f, f->budget, "postponed the budget vote", &suggested, "auto", "rejected", FALSE);

  g_assert_true (dossier_store_set_source_grade (f->store, "Harbour Ledger", "B", &error));
  g_assert_no_error (error);
  g_assert_true (dossier_store_set_source_grade (f->store, "Corland News Agency", "C", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_close_workspace (&f->store, &f->dir);
  g_free (f->path);
}

static char *
write_format (const DossierExportSet *set,
              DossierExportFormat     format)
{
  GString *out = g_string_new (NULL);

  dossier_export_write_text (set, format, out);
  return g_string_free (out, FALSE);
}

/* Compares @text with tests/fixtures/export/@name, or rewrites it when asked to. */
static void
assert_golden (const char *text,
               const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "export", name, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (g_getenv ("DOSSIER_UPDATE_GOLDEN"), "1") == 0)
    {
      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
      g_test_message ("rewrote %s", path);
      return;
    }
  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_golden (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DossierExportSet) set = test_export_collect (f->store, NULL);
  g_autofree char *md = write_format (set, DOSSIER_EXPORT_MARKDOWN);
  g_autofree char *csv = write_format (set, DOSSIER_EXPORT_CSV);
  g_autofree char *json = write_format (set, DOSSIER_EXPORT_JSON);

  g_assert_cmpstr (set->generated_at, ==, GENERATED_AT);
  g_assert_cmpstr (set->workspace, ==, "test.dossier");
  assert_golden (md, "workspace.md");
  assert_golden (csv, "workspace.csv");
  assert_golden (json, "workspace.json");
}

/* What is collected: confirmed annotations only, documents by date, sources and speakers. */
static void
test_collect (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DossierExportSet) set = test_export_collect (f->store, NULL);
  DossierExportDocument *talks;
  DossierExportDocument *hostile;
  DossierAnnotation *orphan;

  /* The budget story has nothing confirmed; the pending quote of the talks is left out. */
  g_assert_cmpuint (set->documents->len, ==, 2);
  g_assert_cmpuint (set->n_annotations, ==, 4);
  talks = g_ptr_array_index (set->documents, 0);
  hostile = g_ptr_array_index (set->documents, 1);
  g_assert_cmpint (dossier_document_get_id (talks->document), ==, f->talks);
  g_assert_cmpint (dossier_document_get_id (hostile->document), ==, f->hostile);
  g_assert_cmpuint (talks->annotations->len, ==, 3);
  g_assert_cmpuint (hostile->annotations->len, ==, 1);
  for (guint i = 0; i < talks->annotations->len; i++)
    g_assert_cmpstr (((DossierAnnotation *) g_ptr_array_index (talks->annotations, i))->review,
                     ==, "confirmed");
  /* Orphans come last in their document, still with their quote. */
  orphan = g_ptr_array_index (talks->annotations, 2);
  g_assert_cmpint (orphan->status, ==, DOSSIER_ANNOTATION_ORPHAN);
  g_assert_cmpstr (orphan->selector.exact, ==, "second round");

  g_assert_cmpuint (set->sources->len, ==, 3);
  g_assert_cmpstr (((DossierSource *) g_ptr_array_index (set->sources, 0))->name, ==,
                   "Corland News Agency");
  g_assert_cmpstr (((DossierSource *) g_ptr_array_index (set->sources, 1))->name, ==,
                   "Harbour Ledger");
  g_assert_cmpstr (((DossierSource *) g_ptr_array_index (set->sources, 1))->reliability, ==,
                   "B");
  g_assert_cmpuint (set->speakers->len, ==, 2);
  g_assert_cmpstr (((DossierEntity *) g_ptr_array_index (set->speakers, 0))->name, ==,
                   "Ivo Brandt");
  g_assert_cmpstr (((DossierEntity *) g_ptr_array_index (set->speakers, 1))->name, ==,
                   "Mara Ostrand");
  g_assert_cmpstr (set->filter_summary, ==, "");
}

/* The annotation ids an export holds, in order, as "1 2 5". */
static char *
exported_ids (DossierStore              *store,
              const DossierExportFilter *filter,
              GError                   **error)
{
  g_autoptr(DossierExportSet) set = dossier_export_collect (store, filter, error);
  GString *ids;

  if (set == NULL)
    return NULL;
  ids = g_string_new (NULL);
  for (guint i = 0; i < set->documents->len; i++)
    {
      DossierExportDocument *doc = g_ptr_array_index (set->documents, i);

      for (guint j = 0; j < doc->annotations->len; j++)
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len ? " " : "",
                                ((DossierAnnotation *) g_ptr_array_index (doc->annotations,
                                                                          j))->id);
    }
  return g_string_free (ids, FALSE);
}

static void
assert_ids (Fixture                   *f,
            const DossierExportFilter *filter,
            const char                *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = exported_ids (f->store, filter, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ids, ==, expected);
}

static void
assert_filter_error (Fixture                   *f,
                     const DossierExportFilter *filter,
                     int                        code,
                     const char                *named)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = exported_ids (f->store, filter, &error);

  g_assert_null (ids);
  g_assert_error (error, DOSSIER_ERROR, code);
  g_assert_nonnull (strstr (error->message, named));
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  /* Ids: 1 quote, 2 claim, 3 orphaned highlight, 4 pending suggestion, 5 hostile claim.  Each
   * case gives the ids exported, or the error and a word its message must name. */
  const struct {
    const char *tag;
    const char *source;
    const char *speaker;
    int         kind;
    const char *from;
    const char *to;
    const char *ids;
    int         code;
    const char *named;
  } cases[] = {
    { NULL, NULL, NULL, -1, NULL, NULL, "1 2 3 5", 0, NULL },
    { "TALKS", NULL, NULL, -1, NULL, NULL, "1 2", 0, NULL },
    { "sanctions", NULL, NULL, -1, NULL, NULL, "1", 0, NULL },
    { "nowhere", NULL, NULL, -1, NULL, NULL, NULL, DOSSIER_ERROR_NOT_FOUND, "nowhere" },
    { NULL, "corland news agency", NULL, -1, NULL, NULL, "2", 0, NULL },
    { NULL, "Nobody's Gazette", NULL, -1, NULL, NULL, NULL, DOSSIER_ERROR_NOT_FOUND,
      "Nobody's Gazette" },
    { NULL, NULL, "Mara Ostrand", -1, NULL, NULL, "1", 0, NULL },
    /* A speaker of pending suggestions only has nothing confirmed to export. */
    { NULL, NULL, "Lena Hask", -1, NULL, NULL, "", 0, NULL },
    { NULL, NULL, "Nobody Atall", -1, NULL, NULL, NULL, DOSSIER_ERROR_NOT_FOUND,
      "Nobody Atall" },
    { NULL, NULL, NULL, DOSSIER_ANNOTATION_CLAIM, NULL, NULL, "2 5", 0, NULL },
    { NULL, NULL, NULL, DOSSIER_ANNOTATION_HIGHLIGHT, NULL, NULL, "3", 0, NULL },
    { NULL, NULL, NULL, DOSSIER_ANNOTATION_NOTE, NULL, NULL, "", 0, NULL },
    /* Dates are the documents' publication dates; a bound is a whole year, month or day. */
    { NULL, NULL, NULL, -1, "2024-06", NULL, "5", 0, NULL },
    { NULL, NULL, NULL, -1, "2024-05-20", "2024-05-20", "1 2 3", 0, NULL },
    { NULL, NULL, NULL, -1, NULL, "2024-05", "1 2 3", 0, NULL },
    { NULL, NULL, NULL, -1, NULL, "2023", "", 0, NULL },
    { NULL, NULL, NULL, -1, NULL, "2024-13", NULL, DOSSIER_ERROR_INVALID, "2024-13" },
    { NULL, NULL, NULL, -1, "2024-06", "2024-05", NULL, DOSSIER_ERROR_INVALID,
      "ends before it starts" },
    { NULL, NULL, NULL, -1, "yesterday", NULL, NULL, DOSSIER_ERROR_INVALID, "yesterday" },
    { NULL, NULL, NULL, -1, "2024-W21", NULL, NULL, DOSSIER_ERROR_INVALID, "2024-W21" },
    /* Filters combine. */
    { "talks", NULL, NULL, DOSSIER_ANNOTATION_QUOTE, "2024", NULL, "1", 0, NULL },
  };
  DossierExportFilter filter = DOSSIER_EXPORT_FILTER_INIT;
  gint64 ids[] = { 0, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DossierExportFilter one = DOSSIER_EXPORT_FILTER_INIT;

      one.tag = cases[i].tag;
      one.source = cases[i].source;
      one.speaker = cases[i].speaker;
      one.kind = cases[i].kind;
      one.from = cases[i].from;
      one.to = cases[i].to;
      if (cases[i].ids != NULL)
        assert_ids (f, &one, cases[i].ids);
      else
        assert_filter_error (f, &one, cases[i].code, cases[i].named);
    }

  /* Scopes: chosen documents, in publication order whatever the order asked. */
  ids[0] = f->hostile;
  ids[1] = f->talks;
  filter.document_ids = ids;
  filter.n_document_ids = 2;
  assert_ids (f, &filter, "1 2 3 5");
  filter.n_document_ids = 1;
  assert_ids (f, &filter, "5");
  ids[0] = f->budget;
  assert_ids (f, &filter, "");
  ids[0] = 999;
  assert_filter_error (f, &filter, DOSSIER_ERROR_NOT_FOUND, "999");
  ids[0] = f->talks;
  filter.tag = "talks";
  filter.kind = DOSSIER_ANNOTATION_CLAIM;
  assert_ids (f, &filter, "2");
}

static gboolean
has_control_character (const char *text)
{
  for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++)
    if ((*p < 0x20 && *p != '\n' && *p != '\r') || *p == 0x7f)
      return TRUE;
  return FALSE;
}

/* Splits RFC 4180 CSV into rows of fields, checking its framing on the way. */
static GPtrArray *
parse_csv (const char *csv)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = csv;

  while (*p != '\0')
    {
      if (*p == '"' && field->len == 0)
        {
          for (p++; ; p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          p++;
          g_assert_true (*p == ',' || *p == '\r');
        }
      else if (*p == ',' || *p == '\r')
        {
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          if (*p == '\r')
            {
              /* Rows end with CRLF, never a bare CR or LF. */
              g_assert_cmpint (p[1], ==, '\n');
              g_ptr_array_add (rows, row);
              row = g_ptr_array_new_with_free_func (g_free);
              p++;
            }
          p++;
        }
      else
        {
          g_assert_cmpint (*p, !=, '\n');
          g_assert_cmpint (*p, !=, '"');
          g_string_append_c (field, *p++);
        }
    }
  g_assert_cmpuint (field->len, ==, 0);
  g_assert_cmpuint (row->len, ==, 0);
  g_string_free (field, TRUE);
  g_ptr_array_unref (row);
  return rows;
}

static void
test_hostile_markdown (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DossierExportSet) set = test_export_collect (f->store, NULL);
  g_autofree char *md = write_format (set, DOSSIER_EXPORT_MARKDOWN);
  g_auto(GStrv) lines = g_strsplit (md, "\n", -1);

  g_assert_false (has_control_character (md));
  /* No raw HTML, no link or image syntax, no code span or fence from the data. */
  g_assert_null (strstr (md, " <script"));
  g_assert_null (strstr (md, " <b>"));
  g_assert_nonnull (strstr (md, "\\<b\\>bold\\</b\\>"));
  g_assert_null (strstr (md, "](javascript"));
  g_assert_null (strstr (md, "<javascript"));
  g_assert_null (strstr (md, "``"));
  g_assert_nonnull (strstr (md, "\\<script\\>alert\\(1\\)\\</script\\>"));
  g_assert_nonnull (strstr (md, "\\[x\\]\\(javascript:alert\\(1\\)\\)"));
  g_assert_nonnull (strstr (md, "\\`\\`\\` fenced \\`\\`\\`"));
  /* Lines of the note that would be a heading or a list are escaped; each line but the last
   * ends with a hard line break. */
  g_assert_nonnull (strstr (md, "\n\\# not a heading\\\n"));
  g_assert_nonnull (strstr (md, "\n1\\. not a list \\| not \\| a table\n"));
  /* Only the http(s) URL became a link. */
  g_assert_nonnull (strstr (md, "<https://example.org/news/talks-resume>"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      /* Headings are only the writer's own. */
      if (line[0] == '#')
        g_assert_true (g_str_has_prefix (line, "# Dossier export: ") ||
                       g_regex_match_simple ("^## [0-9]+\\. ", line, 0, 0));
      /* Every "<" that is left opens an http(s) autolink. */
      for (const char *lt = strchr (line, '<'); lt != NULL; lt = strchr (lt + 1, '<'))
        if (lt == line || lt[-1] != '\\')
          g_assert_true (g_str_has_prefix (lt, "<http"));
    }
  /* The orphan is exported with its quote, and said to be one. */
  g_assert_nonnull (strstr (md, "> second round\n\n— **Highlight** · *(passage no longer in the "
                                "text)*"));
}

static void
test_hostile_csv (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DossierExportSet) set = test_export_collect (f->store, NULL);
  g_autofree char *csv = write_format (set, DOSSIER_EXPORT_CSV);
  g_autoptr(GPtrArray) rows = parse_csv (csv);
  GPtrArray *header = g_ptr_array_index (rows, 0);
  GPtrArray *hostile = NULL;
  guint note_column = 0;
  guint tags_column = 0;

  g_assert_false (has_control_character (csv));
  g_assert_cmpuint (rows->len, ==, 1 + set->n_annotations);
  for (guint i = 0; i < header->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (header, i), "note"))
        note_column = i;
      if (g_str_equal (g_ptr_array_index (header, i), "tags"))
        tags_column = i;
    }
  g_assert_cmpuint (note_column, >, 0);
  g_assert_cmpuint (tags_column, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);

      g_assert_cmpuint (row->len, ==, header->len);
      for (guint j = 0; j < row->len; j++)
        {
          const char *cell = g_ptr_array_index (row, j);

          /* No cell starts what a spreadsheet would evaluate. */
          g_assert_null (strchr ("=+-@\t\r", cell[0] != '\0' ? cell[0] : 'x'));
        }
      if (g_str_equal (g_ptr_array_index (row, 1), "2"))
        hostile = row;
    }
  g_assert_nonnull (hostile);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (hostile, note_column),
                                   "<script>alert(1)</script>\r\n[x](javascript:alert(1))\r\n"
                                   "=HYPERLINK(\"http://evil\")[31m"));
  g_assert_cmpstr (g_ptr_array_index (hostile, tags_column), ==,
                   "<b>bold</b>; =HYPERLINK(\"http://evil\")");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (hostile, 2), "<script>"));
}

static void
test_json_structure (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DossierExportSet) set = test_export_collect (f->store, NULL);
  g_autofree char *json = write_format (set, DOSSIER_EXPORT_JSON);
  g_autoptr(JsonNode) root = test_parse_json (json);
  JsonObject *collection = json_node_get_object (root);
  JsonArray *context = json_object_get_array_member (collection, "@context");
  JsonObject *page = json_object_get_object_member (collection, "first");
  JsonArray *items = json_object_get_array_member (page, "items");
  JsonObject *quote;
  JsonObject *target;
  JsonObject *document;
  JsonArray *selectors;
  JsonArray *body;
  JsonObject *hostile;

  g_assert_false (has_control_character (json));
  g_assert_cmpstr (json_array_get_string_element (context, 0), ==,
                   "http://www.w3.org/ns/anno.jsonld");
  g_assert_cmpstr (json_object_get_string_member (collection, "type"), ==,
                   "AnnotationCollection");
  g_assert_cmpstr (json_object_get_string_member (collection, "generated"), ==, GENERATED_AT);
  g_assert_cmpint (json_object_get_int_member (collection, "total"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (page, "type"), ==, "AnnotationPage");
  g_assert_cmpuint (json_array_get_length (items), ==, 4);

  quote = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (quote, "id"), ==, "urn:dossier:annotation:1");
  g_assert_cmpstr (json_object_get_string_member (quote, "type"), ==, "Annotation");
  g_assert_cmpstr (json_object_get_string_member (quote, "motivation"), ==, "identifying");
  body = json_object_get_array_member (quote, "body");
  g_assert_cmpuint (json_array_get_length (body), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (body, 0),
                                                  "purpose"), ==, "commenting");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (body, 1),
                                                  "purpose"), ==, "tagging");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (body, 2),
                                                  "value"), ==, "talks");
  target = json_object_get_object_member (quote, "target");
  g_assert_cmpstr (json_object_get_string_member (target, "source"), ==,
                   "https://example.org/news/talks-resume");
  selectors = json_object_get_array_member (target, "selector");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (selectors, 0),
                                                  "type"), ==, "TextQuoteSelector");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (selectors, 0),
                                                  "exact"), ==, "We will not be rushed");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (selectors, 1),
                                                  "type"), ==, "TextPositionSelector");
  document = json_object_get_object_member (target, "dossier:document");
  g_assert_cmpstr (json_object_get_string_member (document, "title"), ==, TALKS_TITLE);
  g_assert_cmpstr (json_object_get_string_member (quote, "dossier:speaker"), ==, "Mara Ostrand");
  g_assert_cmpstr (json_object_get_string_member (quote, "dossier:outlet"), ==, "Harbour Ledger");
  g_assert_cmpstr (json_object_get_string_member (quote, "dossier:sourceGrade"), ==, "B");
  g_assert_false (json_object_has_member (quote, "dossier:credibility"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 1),
                                               "dossier:credibility"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 2),
                                                  "dossier:status"), ==, "orphan");

  /* The hostile note is data: there as written, without its control characters. */
  hostile = json_array_get_object_element (items, 3);
  g_assert_cmpstr (json_object_get_string_member (hostile, "motivation"), ==, "assessing");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (hostile, "body"), 0), "value"),
    "<script>alert(1)</script>\n[x](javascript:alert(1))\n=HYPERLINK(\"http://evil\")[31m "));
  /* Not an http(s) URL: the target is the content hash. */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (
    json_object_get_object_member (hostile, "target"), "source"), "urn:sha256:"));
}

/* A cell that starts a formula only after blanks, which spreadsheets trim, is neutralized
 * like one that starts it at once: quoted, with an apostrophe first. */
static void
test_csv_leading_blanks (Fixture       *f,
                         gconstpointer  data)
{
  /* The store trims names and tags; a note keeps its blanks. */
  DossierAnnotationFields fields = {
    DOSSIER_ANNOTATION_QUOTE, NULL, NULL, NULL, 0, "\n\n=HYPERLINK(\"http://evil\")", NULL };
  DossierAnnotationFields fields2 = {
    DOSSIER_ANNOTATION_QUOTE, NULL, NULL, NULL, 0, " =1+1", NULL };
  DossierAnnotationFields fields3 = {
    DOSSIER_ANNOTATION_QUOTE, NULL, NULL, NULL, 0, "\u00a0\u3000-2+3", NULL };
  DossierExportFilter filter = DOSSIER_EXPORT_FILTER_INIT;
  g_autoptr(DossierExportSet) set = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *csv = NULL;
  GPtrArray *header;
  GPtrArray *row;
  gint64 id;
  guint n_notes = 0;

  id = test_annotate_passage (f->store, f->talks, "Negotiators returned", &fields);
  test_annotate_passage (f->store, f->talks, "the table", &fields2);
  test_annotate_passage (f->store, f->talks, "on Monday", &fields3);
  filter.document_ids = &f->talks;
  filter.n_document_ids = 1;
  filter.kind = DOSSIER_ANNOTATION_QUOTE;
  set = test_export_collect (f->store, &filter);
  csv = write_format (set, DOSSIER_EXPORT_CSV);
  rows = parse_csv (csv);
  header = g_ptr_array_index (rows, 0);
  row = NULL;
  for (guint i = 1; i < rows->len; i++)
    {
      GPtrArray *candidate = g_ptr_array_index (rows, i);
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      if (g_str_equal (g_ptr_array_index (candidate, 0), text))
        row = candidate;
    }
  g_assert_nonnull (row);
  for (guint j = 0; j < header->len; j++)
    {
      const char *name = g_ptr_array_index (header, j);
      const char *cell = g_ptr_array_index (row, j);

      if (g_str_equal (name, "note"))
        g_assert_cmpstr (cell, ==, "'\r\n\r\n=HYPERLINK(\"http://evil\")");
    }
  /* Nor does any other cell start a formula after blanks. */
  for (guint i = 1; i < rows->len; i++)
    {
      GPtrArray *cells = g_ptr_array_index (rows, i);

      for (guint j = 0; j < cells->len; j++)
        {
          const char *cell = g_ptr_array_index (cells, j);

          n_notes += g_str_equal (cell, "' =1+1") || g_str_equal (cell, "'\u00a0\u3000-2+3");
          while (*cell != '\0' && g_unichar_isspace (g_utf8_get_char (cell)))
            cell = g_utf8_next_char (cell);
          g_assert_true (*cell == '\0' || strchr ("=+-@", *cell) == NULL);
        }
    }
  g_assert_cmpuint (n_notes, ==, 2);
}

/* Whether @text holds a bidirectional control. */
static gboolean
has_bidi_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (dossier_export_is_bidi_control (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Bidirectional controls from a document (a title, a quoted passage) and from the analyst's
 * note and tag come out of Markdown, HTML, CSV and the PDF as visible "<U+202E>" escapes,
 * never as the control itself; a URL holding one is not made a link.  (JSON keeps them as
 * \u202e escapes: test-import-annotations' round trip.) */
static void
test_bidi (Fixture       *f,
           gconstpointer  data)
{
  const char *paragraphs[] = {
    "The attachment was named invoice\u202Efdp.exe by the sender, the lab said.", NULL };
  const char *tags[] = { "\u2067malware", NULL };
  DossierAnnotationFields fields = {
    DOSSIER_ANNOTATION_QUOTE, "Nela \u202DOrr", NULL, "said", 0,
    "Looks like \u2066exe.pdf\u2069 in a mail client; \u202Aa\u202Bb\u202Cc\u2068d", tags };
  DossierExportFilter filter = DOSSIER_EXPORT_FILTER_INIT;
  g_autoptr(DossierExportSet) set = NULL;
  g_autofree char *md = NULL;
  g_autofree char *html = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  gint64 document;

  document = add_document (f, "Port office \u202Ehit by malware", "Vell Courier", "2024-07-01",
                           "https://example.org/\u202Eexe.txt", paragraphs);
  test_annotate_passage (f->store, document, "invoice\u202Efdp.exe", &fields);
  filter.document_ids = &document;
  filter.n_document_ids = 1;
  set = test_export_collect (f->store, &filter);
  md = write_format (set, DOSSIER_EXPORT_MARKDOWN);
  html = write_format (set, DOSSIER_EXPORT_HTML);
  csv = write_format (set, DOSSIER_EXPORT_CSV);
  json = write_format (set, DOSSIER_EXPORT_JSON);

  g_assert_false (has_bidi_control (md));
  g_assert_nonnull (strstr (md, "Port office \\<U+202E\\>hit by malware"));
  g_assert_nonnull (strstr (md, "> invoice\\<U+202E\\>fdp.exe\n"));
  g_assert_nonnull (strstr (md, "Nela \\<U+202D\\>Orr"));
  g_assert_nonnull (strstr (md, "\\<U+2066\\>exe.pdf\\<U+2069\\>"));
  g_assert_nonnull (strstr (md, "\\<U+202A\\>a\\<U+202B\\>b\\<U+202C\\>c\\<U+2068\\>d"));
  g_assert_nonnull (strstr (md, "\\<U+2067\\>malware"));
  g_assert_null (strstr (md, "<https://example.org/"));

  g_assert_false (has_bidi_control (html));
  g_assert_nonnull (strstr (html, "invoice&lt;U+202E&gt;fdp.exe"));
  g_assert_nonnull (strstr (html, "Port office &lt;U+202E&gt;hit by malware"));
  g_assert_nonnull (strstr (html, "&lt;U+2066&gt;exe.pdf&lt;U+2069&gt;"));
  g_assert_null (strstr (html, "href=\"https://example.org/"));

  g_assert_false (has_bidi_control (csv));
  g_assert_nonnull (strstr (csv, ",invoice<U+202E>fdp.exe,"));
  g_assert_nonnull (strstr (csv, "Looks like <U+2066>exe.pdf<U+2069> in a mail client"));

  /* JSON keeps the exact text, escaped. */
  g_assert_false (has_bidi_control (json));
  g_assert_nonnull (strstr (json, "invoice\\u202efdp.exe"));

  {
    g_autofree char *pdf_path = g_build_filename (f->dir, "bidi.pdf", NULL);
    g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
    const char *argv[] = { pdftotext, "-enc", "UTF-8", pdf_path, "-", NULL };
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    int status = 0;

    g_assert_true (dossier_export_write_pdf (set, pdf_path, &error));
    g_assert_no_error (error);
    if (pdftotext == NULL)
      {
        g_test_skip ("pdftotext is not installed (poppler-utils)");
        return;
      }
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                 NULL, &text, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_false (has_bidi_control (text));
    g_assert_nonnull (strstr (text, "invoice<U+202E>fdp.exe"));
    g_assert_nonnull (strstr (text, "<U+2066>exe.pdf<U+2069>"));
  }
}

static char *
read_file (GFile *file)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_load_contents (file, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_to_file (Fixture       *f,
              gconstpointer  data)
{
  DossierExportFilter filter = DOSSIER_EXPORT_FILTER_INIT;
  g_autofree char *path = g_build_filename (f->dir, "notes.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DossierExportSet) set = test_export_collect (f->store, NULL);
  g_autofree char *expected = write_format (set, DOSSIER_EXPORT_CSV);
  g_autofree char *written = NULL;
  g_autofree char *after_failure = NULL;
  g_autofree char *after_cancel = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  guint n = 0;

  g_assert_true (dossier_export_to_file (f->store, NULL, DOSSIER_EXPORT_CSV, file, &n, NULL,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);
  written = read_file (file);
  g_assert_cmpstr (written, ==, expected);

  /* A failed export leaves the earlier file as it was. */
  filter.tag = "nowhere";
  n = 77;
  g_assert_false (dossier_export_to_file (f->store, &filter, DOSSIER_EXPORT_MARKDOWN, file, &n,
                                          NULL, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (n, ==, 77);
  after_failure = read_file (file);
  g_assert_cmpstr (after_failure, ==, expected);

  /* So does a cancelled one. */
  g_cancellable_cancel (cancellable);
  g_assert_false (dossier_export_to_file (f->store, NULL, DOSSIER_EXPORT_JSON, file, NULL,
                                          cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  after_cancel = read_file (file);
  g_assert_cmpstr (after_cancel, ==, expected);

  /* No temporary file is left next to it. */
  dir = g_dir_open (f->dir, 0, &error);
  g_assert_no_error (error);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL; )
    g_assert_true (g_str_has_prefix (name, "test.dossier") || g_str_equal (name, "notes.csv"));

  /* A destination that cannot be written is an error, not a crash. */
  g_clear_object (&file);
  file = g_file_new_build_filename (f->dir, "no-such-folder", "notes.csv", NULL);
  g_assert_false (dossier_export_to_file (f->store, NULL, DOSSIER_EXPORT_CSV, file, NULL, NULL,
                                          &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_format_names (void)
{
  for (guint i = 0; i < DOSSIER_N_EXPORT_FORMATS; i++)
    {
      DossierExportFormat format = DOSSIER_EXPORT_JSON;

      g_assert_true (dossier_export_format_from_string (dossier_export_format_to_string (i),
                                                        &format));
      g_assert_cmpint (format, ==, i);
      g_assert_cmpstr (dossier_export_format_extension (i), ==,
                       dossier_export_format_to_string (i));
    }
  {
    DossierExportFormat format = DOSSIER_EXPORT_JSON;

    g_assert_true (dossier_export_format_from_string ("Markdown", &format));
    g_assert_cmpint (format, ==, DOSSIER_EXPORT_MARKDOWN);
    g_assert_false (dossier_export_format_from_string ("docx", &format));
    g_assert_false (dossier_export_format_from_string (NULL, &format));
  }
}

static void
test_helpers (void)
{
  g_autofree char *clean = dossier_export_clean_text ("a\x01" "b\x1b[0m\tc\r\nd\xc2\x85" "e\x7f");
  g_autofree char *invalid = dossier_export_clean_text ("caf\xe9");

  g_assert_cmpstr (clean, ==, "ab[0m c\nde");
  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_true (dossier_export_url_is_web ("https://example.org/a?b=c"));
  g_assert_true (dossier_export_url_is_web ("HTTP://example.org/"));
  g_assert_false (dossier_export_url_is_web ("javascript:alert(1)"));
  g_assert_false (dossier_export_url_is_web ("https://example.org/<script>"));
  g_assert_false (dossier_export_url_is_web ("https://example.org/ x"));
  g_assert_false (dossier_export_url_is_web ("https://"));
  g_assert_false (dossier_export_url_is_web ("data:text/html,hi"));
  g_assert_false (dossier_export_url_is_web (NULL));
}

/* The CLI's export command */

/* Runs `dossier-cli --workspace … export` with @args (NULL-terminated). */
static void
cli (Fixture            *f,
     TestRun            *run,
     const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *env[] = { "XDG_DATA_HOME", f->dir, NULL };

  g_ptr_array_add (argv, (char *) "--workspace");
  g_ptr_array_add (argv, f->path);
  g_ptr_array_add (argv, (char *) "export");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  test_cli_run (run, env, (const char * const *) argv->pdata);
}

static char *
read_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return read_file (file);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *md_path = g_build_filename (f->dir, "notes.md", NULL);
  g_autofree char *json_path = g_build_filename (f->dir, "notes.json", NULL);
  g_autofree char *golden_path = g_test_build_filename (G_TEST_DIST, "fixtures", "export",
                                                        "workspace.md", NULL);
  g_autofree char *talks = g_strdup_printf ("%" G_GINT64_FORMAT, f->talks);
  g_autofree char *said = g_strdup_printf ("Exported 4 annotations to %s\n", md_path);
  g_autofree char *golden = read_path (golden_path);
  g_autofree char *md = NULL;
  g_autofree char *json = NULL;
  g_autofree char *after_failures = NULL;
  g_autoptr(JsonNode) root = NULL;
  /* Each failure: its arguments (-o FILE added), exit status, and what the error names. */
  const struct {
    const char *args[7];
    int         status;
    const char *named;
  } failures[] = {
    { { "--format", "csv", "--tag", "nowhere" }, 1, "nowhere" },
    { { "--format", "csv", "--speaker", "Nobody Atall" }, 1, "Nobody Atall" },
    { { "--format", "csv", "--source", "Nobody's Gazette" }, 1, "Nobody's Gazette" },
    { { "--format", "csv", "--document", "999" }, 1, "999" },
    { { "--format", "docx" }, 2, "docx" },
    { { "--format", "md", "--from", "last week" }, 2, "last week" },
    { { "--format", "md", "--from", "2024-06", "--to", "2024-05" }, 2, "ends before" },
    { { "--format", "md", "--kind", "rumour" }, 2, "rumour" },
    { { "--format", "md", "--document", "abc" }, 2, "abc" },
    { { "--tag", "talks" }, 2, "--format" },
  };

  if (g_getenv ("DOSSIER_CLI") == NULL)
    {
      g_test_skip ("DOSSIER_CLI is not set");
      return;
    }
  /* The CLI opens the workspace itself. */
  g_clear_object (&f->store);

  {
    g_auto(TestRun) run = { 0, };
    const char *args[] = { "--format", "md", "-o", md_path, NULL };

    cli (f, &run, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, said);
    md = read_path (md_path);
    g_assert_cmpstr (md, ==, golden);
  }
  {
    g_auto(TestRun) run = { 0, };
    const char *args[] = { "--format", "json", "--document", talks, "--tag", "talks", "--kind",
                           "claim", "--from", "2024", "--to", "2024-12", "-o", json_path, NULL };

    cli (f, &run, args);
    g_assert_cmpint (run.status, ==, 0);
    json = read_path (json_path);
    root = test_parse_json (json);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "total"), ==, 1);
  }
  {
    g_auto(TestRun) run = { 0, };
    const char *args[] = { "--format", "md", NULL };

    cli (f, &run, args);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "-o FILE"));
  }
  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_auto(TestRun) run = { 0, };
      const char *args[G_N_ELEMENTS (failures[i].args) + 3] = { NULL, };
      guint n = 0;

      while (n < G_N_ELEMENTS (failures[i].args) && failures[i].args[n] != NULL)
        {
          args[n] = failures[i].args[n];
          n++;
        }
      args[n++] = "-o";
      args[n] = md_path;
      cli (f, &run, args);
      g_assert_cmpint (run.status, ==, failures[i].status);
      g_assert_nonnull (strstr (run.err, failures[i].named));
    }
  /* The failures left the Markdown as it was. */
  after_failures = read_path (md_path);
  g_assert_cmpstr (after_failures, ==, golden);
}

/* A full disk: a file system of 64 KiB made for the test */

/* Runs @argv (NULL-terminated); whether it exited with 0. */
static gboolean
run_quietly (const char * const *argv)
{
  int status = 0;

  return g_spawn_sync (NULL, (char **) argv, NULL,
                       G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                       | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL)
         && g_spawn_check_wait_status (status, NULL);
}

/* The names in @dir, sorted and joined by spaces ("" when it is empty). */
static char *
list_names (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (const char *name; handle != NULL && (name = g_dir_read_name (handle)) != NULL; )
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* What one export onto the full disk gave: recorded first and checked once the file system
 * is unmounted, so that a failed assertion does not leave it mounted. */
typedef struct {
  char *format;
  int   status;
  char *err;
  char *names;      /* what the folder held afterwards */
  char *contents;   /* of the file that was there before, or NULL */
} FullDiskRun;

static void
full_disk_run_free (FullDiskRun *run)
{
  g_free (run->format);
  g_free (run->err);
  g_free (run->names);
  g_free (run->contents);
  g_free (run);
}

#define OLD_EXPORT "An earlier export, which a failed one must leave alone.\n"

/* Every format, exported with the CLI to a file system too small for it (a tmpfs of 64 KiB,
 * which needs root to mount): the command fails and says the disk is full, and leaves no file
 * behind, neither the target nor a temporary file; a file that was there before keeps its
 * contents. */
static void
test_full_disk (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *mount_point = g_build_filename (f->dir, "small-disk", NULL);
  const char *mount_argv[] = { "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount_point,
                               NULL };
  const char *umount_argv[] = { "umount", mount_point, NULL };
  const char *formats[] = { "md", "html", "csv", "json", "pdf" };
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                              full_disk_run_free);
  g_autoptr(GString) note = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  DossierAnnotationFields fields = { DOSSIER_ANNOTATION_NOTE, };
  gboolean unmounted;

  if (g_getenv ("DOSSIER_CLI") == NULL)
    {
      g_test_skip ("DOSSIER_CLI is not set");
      return;
    }
  if (getuid () != 0)
    {
      g_test_skip ("mounting a small tmpfs to fill up needs root");
      return;
    }
  /* A note of 300 KB that does not compress much (the PDF is compressed): every format is
   * far larger than the disk. */
  for (guint i = 0; i < 300000; i++)
    g_string_append_c (note, i % 7 == 6 ? ' ' : (char) ('a' + g_rand_int_range (rand, 0, 26)));
  fields.note = note->str;
  test_annotate_passage (f->store, f->talks, "A second round", &fields);
  /* The CLI opens the workspace itself. */
  g_clear_object (&f->store);

  g_assert_cmpint (g_mkdir (mount_point, 0700), ==, 0);
  if (!run_quietly (mount_argv))
    {
      g_rmdir (mount_point);
      g_test_skip ("could not mount a tmpfs (mount -t tmpfs -o size=64k)");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    for (guint existing = 0; existing <= 1; existing++)
      {
        g_autofree char *name = g_strconcat ("notes.", formats[i], NULL);
        g_autofree char *target = g_build_filename (mount_point, name, NULL);
        const char *args[] = { "--format", formats[i], "-o", target, NULL };
        g_auto(TestRun) run = { 0, };
        FullDiskRun *result = g_new0 (FullDiskRun, 1);

        if (existing)
          g_file_set_contents (target, OLD_EXPORT, -1, NULL);
        cli (f, &run, args);
        result->format = g_strdup (formats[i]);
        result->status = run.status;
        result->err = g_steal_pointer (&run.err);
        result->names = list_names (mount_point);
        if (existing)
          g_file_get_contents (target, &result->contents, NULL, NULL);
        g_ptr_array_add (runs, result);
        g_remove (target);
      }

  unmounted = run_quietly (umount_argv);
  g_assert_true (unmounted);
  g_assert_cmpint (g_rmdir (mount_point), ==, 0);

  for (guint i = 0; i < runs->len; i++)
    {
      FullDiskRun *result = g_ptr_array_index (runs, i);
      g_autofree char *name = g_strconcat ("notes.", result->format, NULL);
      g_autofree char *said = g_strconcat (name, ": the disk is full\n", NULL);

      g_test_message ("%s, %s: %s", result->format,
                      result->contents != NULL ? "over an earlier file" : "new file",
                      result->err);
      g_assert_cmpint (result->status, ==, 1);
      /* strstr (): a sanitizer build may print its report after the message. */
      g_assert_nonnull (strstr (result->err, said));
      if (result->contents != NULL)
        {
          g_assert_cmpstr (result->names, ==, name);
          g_assert_cmpstr (result->contents, ==, OLD_EXPORT);
        }
      else
        g_assert_cmpstr (result->names, ==, "");
    }
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("SOURCE_DATE_EPOCH", GENERATED_EPOCH, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/format-names", test_format_names);
  g_test_add_func ("/export/helpers", test_helpers);
  g_test_add ("/export/golden", Fixture, NULL, fixture_set_up, test_golden, fixture_tear_down);
  g_test_add ("/export/collect", Fixture, NULL, fixture_set_up, test_collect, fixture_tear_down);
  g_test_add ("/export/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/export/hostile/markdown", Fixture, NULL, fixture_set_up, test_hostile_markdown,
              fixture_tear_down);
  g_test_add ("/export/hostile/csv", Fixture, NULL, fixture_set_up, test_hostile_csv,
              fixture_tear_down);
  g_test_add ("/export/json-structure", Fixture, NULL, fixture_set_up, test_json_structure,
              fixture_tear_down);
  g_test_add ("/export/to-file", Fixture, NULL, fixture_set_up, test_to_file,
              fixture_tear_down);
  g_test_add ("/export/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  g_test_add ("/export/full-disk", Fixture, NULL, fixture_set_up, test_full_disk,
              fixture_tear_down);
  g_test_add ("/export/bidi", Fixture, NULL, fixture_set_up, test_bidi, fixture_tear_down);
  g_test_add ("/export/csv-leading-blanks", Fixture, NULL, fixture_set_up,
              test_csv_leading_blanks, fixture_tear_down);
  return g_test_run ();
}
