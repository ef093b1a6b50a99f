/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <string.h>

#include "dossier-core.h"
#include "dossier-export.h"
#include "dossier-export-report.h"
#include "test-common.h"

/*
 * The HTML report and the PDF: structure (contents, sections, index, timeline), hostile
 * strings coming out inert, a golden file for the HTML, and the PDF's text through pdftotext.
 *
 * DOSSIER_UPDATE_GOLDEN=1 rewrites tests/fixtures/export-report/report.html from what the
 * writer produces now: read the diff before keeping it.
 */

/* 2026-11-23T10:00:00Z: every report of this test carries that date. */
#define GENERATED_EPOCH "1795428000"

/* Stories of our own: fictional places, people and outlets. */
#define HARBOUR_TITLE "Harbour talks stall in Vell"
#define HARBOUR_P1 \
  "Minister Ilse Varga said on Tuesday that “the harbour will stay open to every ship”, " \
  "according to the Corland News Agency."
#define HARBOUR_P2 \
  "Port director Aldo Brenn told the Vell Courier that talks with the unions had stalled " \
  "and that “no agreement is likely before June”."
#define HARBOUR_P3 "The ministry later claimed that 4,000 jobs depend on the harbour."

#define HOSTILE_TITLE "<script>alert(1)</script> Port \"update\" & 'more'\x07"
#define HOSTILE_URL "javascript:alert(1)"
#define HOSTILE_BODY \
  "Spokeswoman Nela Orr said the port would reopen next week. Dockers were not consulted."
#define HOSTILE_NOTE \
  "<script>alert(1)</script> <a href=\"javascript:alert(1)\">x</a>\x01\x1b[31m end\xc2\x85"
#define HOSTILE_TAG "<img src=x onerror=alert(1)>"

#define AGAIN_P1 "Ilse Varga said again that “the harbour will stay open”, come what may."

typedef struct {
  char         *dir;
  DossierStore *store;
} Fixture;

typedef struct {
  const char *title;
  const char *outlet;
  const char *byline;
  const char *url;
  const char *published;
  const char *paragraphs[4];
} Story;

static gint64
add_story (Fixture     *f,
           const Story *story)
{
  g_autoptr(DossierTextBuilder) builder = dossier_text_builder_new ();
  g_autoptr(DossierArticle) article = dossier_article_new ();
  g_autofree char *raw = g_strjoinv ("\n\n", (char **) story->paragraphs);
  g_autoptr(GBytes) bytes = g_bytes_new (raw, strlen (raw));

  article->title = g_strdup (story->title);
  article->outlet = g_strdup (story->outlet);
  article->byline = g_strdup (story->byline);
  article->url = g_strdup (story->url);
  article->published = g_strdup (story->published);
  article->precision = DOSSIER_PRECISION_DAY;
  article->format = g_strdup ("text");
  for (guint i = 0; story->paragraphs[i] != NULL; i++)
    dossier_text_builder_add (builder, DOSSIER_REGION_PARAGRAPH, story->paragraphs[i], -1);
  dossier_text_builder_finish (builder, article);
  return test_add_article (f->store, article, bytes, story->title);
}

static void
mark (Fixture                       *f,
      gint64                         document,
      const char                    *needle,
      const DossierAnnotationFields *fields)
{
  test_annotate_passage (f->store, document, needle, fields);
}

static void
date_event (Fixture              *f,
            gint64                document,
            const char           *needle,
            const char           *value,
            DossierDatePrecision  precision)
{
  g_autoptr(GError) error = NULL;
  guint start, end;

  test_find_in_document (f->store, document, needle, &start, &end);
  g_assert_cmpint (dossier_store_add_event (f->store, document, start, end, value, precision,
                                            NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const Story harbour = {
    HARBOUR_TITLE, "The Vell Courier", "Mara Quist", "https://courier.example/vell/harbour",
    "2024-05-20", { HARBOUR_P1, HARBOUR_P2, HARBOUR_P3, NULL } };
  static const Story hostile = {
    HOSTILE_TITLE, "Harbour\x1b[31m Watch", NULL, HOSTILE_URL, "2024-05-27",
    { HOSTILE_BODY, NULL } };
  /* The same title again: headings and ids must still be unique. */
  static const Story again = {
    HARBOUR_TITLE, "The Vell Courier", NULL, "http://courier.example/vell/again", "2024-06-02",
    { AGAIN_P1, NULL } };
  const char *varga_tags[] = { "harbour", "ministry", NULL };
  const char *brenn_tags[] = { "unions", NULL };
  const char *hostile_tags[] = { HOSTILE_TAG, "tag\x01x", NULL };
  DossierAnnotationFields varga = {
    DOSSIER_ANNOTATION_QUOTE, "Ilse Varga", "Corland News Agency", "said", 0,
    "First public commitment.\n\nCompare with the statement of 2 June.", varga_tags };
  DossierAnnotationFields brenn = {
    DOSSIER_ANNOTATION_QUOTE, "Aldo Brenn", "The Vell Courier", "told", 0, "", brenn_tags };
  DossierAnnotationFields jobs = {
    DOSSIER_ANNOTATION_CLAIM, NULL, "Corland News Agency", "claimed", 3,
    "The figure is not sourced.", NULL };
  DossierAnnotationFields orr = {
    DOSSIER_ANNOTATION_QUOTE, "Nela Orr", "Harbour Watch", "said", 0, HOSTILE_NOTE,
    hostile_tags };
  DossierAnnotationFields again_fields = {
    DOSSIER_ANNOTATION_QUOTE, "Ilse Varga", "The Vell Courier", "according to", 0, "", NULL };
  g_autoptr(GError) error = NULL;
  gint64 id;

  f->dir = test_make_tmpdir ();
  f->store = test_open_workspace (f->dir, "vell.dossier", NULL);

  id = add_story (f, &harbour);
  mark (f, id, "the harbour will stay open to every ship", &varga);
  mark (f, id, "no agreement is likely before June", &brenn);
  mark (f, id, "4,000 jobs depend on the harbour", &jobs);
  date_event (f, id, "Tuesday", "2024-05-14", DOSSIER_DATE_DAY);
  date_event (f, id, "June", "2024-06", DOSSIER_DATE_MONTH);

  id = add_story (f, &hostile);
  mark (f, id, "the port would reopen next week", &orr);
  date_event (f, id, "next week", "2024-W22", DOSSIER_DATE_WEEK);

  id = add_story (f, &again);
  mark (f, id, "the harbour will stay open", &again_fields);

  g_assert_true (dossier_store_set_source_grade (f->store, "Corland News Agency", "B", &error));
  g_assert_no_error (error);
  g_assert_true (dossier_store_set_source_grade (f->store, "The Vell Courier", "C", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_close_workspace (&f->store, &f->dir);
}

static DossierExportSet *
collect (Fixture *f)
{
  DossierExportFilter filter = DOSSIER_EXPORT_FILTER_INIT;

  return test_export_collect (f->store, &filter);
}

static char *
write_html (Fixture *f)
{
  g_autoptr(DossierExportSet) set = collect (f);
  GString *out = g_string_new (NULL);

  dossier_export_write_html (set, out);
  return g_string_free (out, FALSE);
}

/* The HTML parsed by libxml2, the way a browser would read it. */
static htmlDocPtr
parse_html (const char *html)
{
  htmlDocPtr doc = htmlReadMemory (html, (int) strlen (html), "report.html", "UTF-8",
                                   HTML_PARSE_NONET | HTML_PARSE_NOERROR
                                   | HTML_PARSE_NOWARNING);

  g_assert_nonnull (doc);
  return doc;
}

/* The string values of the nodes @xpath selects in @doc. */
static GPtrArray *
select_strings (htmlDocPtr  doc,
                const char *xpath)
{
  xmlXPathContextPtr context = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result = xmlXPathEvalExpression ((const xmlChar *) xpath, context);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (result);
  for (int i = 0; result->nodesetval != NULL && i < result->nodesetval->nodeNr; i++)
    {
      xmlChar *content = xmlNodeGetContent (result->nodesetval->nodeTab[i]);

      g_ptr_array_add (values, g_strdup ((const char *) content));
      xmlFree (content);
    }
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return values;
}

static void
assert_unique (GPtrArray  *values,
               const char *what)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < values->len; i++)
    if (!g_hash_table_add (seen, g_ptr_array_index (values, i)))
      g_error ("%s “%s” appears twice", what, (const char *) g_ptr_array_index (values, i));
}

static gboolean
contains (GPtrArray  *values,
          const char *needle)
{
  for (guint i = 0; i < values->len; i++)
    if (strstr (g_ptr_array_index (values, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_html_structure (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *html = write_html (f);
  htmlDocPtr doc = parse_html (html);
  g_autoptr(GPtrArray) toc = select_strings (doc, "//nav//li/a/@href");
  g_autoptr(GPtrArray) sections = select_strings (doc, "//section[@class='document']/@id");
  g_autoptr(GPtrArray) ids = select_strings (doc, "//@id");
  g_autoptr(GPtrArray) headings = select_strings (doc, "//h2");
  g_autoptr(GPtrArray) quotes = select_strings (doc, "//blockquote");
  g_autoptr(GPtrArray) provenance = select_strings (doc, "//p[@class='provenance']");
  g_autoptr(GPtrArray) grades = select_strings (doc, "//span[@class='grade grade-B']");
  g_autoptr(GPtrArray) csp = select_strings (
    doc, "//meta[@http-equiv='Content-Security-Policy']/@content");
  g_autoptr(GPtrArray) speakers = select_strings (doc, "//section[@id='index']//tr/td[1]");
  g_autoptr(GPtrArray) timeline = select_strings (doc, "//section[@id='timeline']//tbody/tr");
  g_autoptr(GPtrArray) tags = select_strings (doc, "//ul[@class='tags']/li");
  g_autoptr(GPtrArray) links = select_strings (doc, "//a[starts-with(@href, 'http')]/@rel");

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n"));
  g_assert_cmpuint (csp->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (csp, 0), "default-src 'none'"));

  /* The contents list every document, then the index and the timeline. */
  g_assert_cmpuint (toc->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (toc, 0), ==, "#doc-1");
  g_assert_cmpstr (g_ptr_array_index (toc, 2), ==, "#doc-3");
  g_assert_cmpstr (g_ptr_array_index (toc, 3), ==, "#index");
  g_assert_cmpstr (g_ptr_array_index (toc, 4), ==, "#timeline");
  g_assert_cmpuint (sections->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (sections, 1), ==, "doc-2");
  assert_unique (ids, "The id");
  /* Two documents share a title; their headings still differ. */
  assert_unique (headings, "The heading");
  g_assert_true (contains (headings, "1. " HARBOUR_TITLE));
  g_assert_true (contains (headings, "3. " HARBOUR_TITLE));

  /* Every annotation: its quote, and a provenance line naming who and through whom. */
  g_assert_cmpuint (quotes->len, ==, 5);
  g_assert_true (contains (quotes, "the harbour will stay open to every ship"));
  g_assert_true (contains (quotes, "4,000 jobs depend on the harbour"));
  g_assert_cmpuint (provenance->len, ==, 5);
  g_assert_true (contains (provenance, "Ilse Varga said, via Corland News Agency B Usually "
                                       "reliable"));
  g_assert_true (contains (provenance, "Credibility 3: Possibly true"));
  g_assert_true (contains (provenance, "According to Ilse Varga, via The Vell Courier C"));
  g_assert_true (contains (provenance, "paragraph 2, characters"));
  g_assert_cmpuint (grades->len, >=, 2);
  g_assert_true (contains (tags, "ministry"));

  /* The index names each speaker once; the timeline has every dated event, weeks among
   * days in date order. */
  g_assert_true (contains (speakers, "Aldo Brenn"));
  g_assert_true (contains (speakers, "Nela Orr"));
  g_assert_cmpuint (timeline->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (timeline, 0), "14 May 2024"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (timeline, 1), "Week 22 of 2024"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (timeline, 2), "June 2024"));

  /* Two documents have web URLs; both links keep the referrer and opener to themselves. */
  g_assert_cmpuint (links->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (links, 0), ==, "noopener noreferrer");
  xmlFreeDoc (doc);
}

static void
test_html_hostile (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *html = write_html (f);
  g_autofree char *lower = g_ascii_strdown (html, -1);
  htmlDocPtr doc = parse_html (html);
  g_autoptr(GPtrArray) scripts = select_strings (doc, "//script | //img | //iframe");
  g_autoptr(GPtrArray) hrefs = select_strings (doc, "//@href | //@src");
  g_autoptr(GPtrArray) handlers = select_strings (doc, "//@*[starts-with(name(), 'on')]");
  g_autoptr(GPtrArray) notes = select_strings (doc, "//div[@class='note']");

  g_assert_null (strstr (lower, "<script"));
  g_assert_null (strstr (lower, "<img"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt; Port &quot;update&quot; "
                                  "&amp; &#39;more&#39;"));
  g_assert_nonnull (strstr (html, "&lt;img src=x onerror=alert(1)&gt;"));
  g_assert_cmpuint (scripts->len, ==, 0);
  g_assert_cmpuint (handlers->len, ==, 0);
  for (guint i = 0; i < hrefs->len; i++)
    {
      const char *href = g_ptr_array_index (hrefs, i);

      g_assert_true (g_str_has_prefix (href, "#") || g_str_has_prefix (href, "https://")
                     || g_str_has_prefix (href, "http://"));
    }
  /* The javascript: URL is shown for the record, as text. */
  g_assert_nonnull (strstr (html, "<span class=\"muted\">javascript:alert(1)</span>"));
  /* The note reads as text, without its control characters. */
  g_assert_true (contains (notes, "<script>alert(1)</script> <a href=\"javascript:alert(1)\">x"
                                  "</a>[31m end"));
  for (const char *p = html; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n' || *p == '\t');
  g_assert_null (strstr (html, "\xc2\x85"));
  xmlFreeDoc (doc);
}

static void
test_html_golden (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *html = write_html (f);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "export-report",
                                                 "report.html", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("DOSSIER_UPDATE_GOLDEN") != NULL)
    {
      g_assert_true (g_file_set_contents (path, html, -1, &error));
      g_assert_no_error (error);
    }
  g_assert_true (g_file_get_contents (path, &expected, NULL, &error));
  g_assert_no_error (error);
  if (g_strcmp0 (html, expected) != 0)
    {
      g_auto(GStrv) got = g_strsplit (html, "\n", -1);
      g_auto(GStrv) want = g_strsplit (expected, "\n", -1);
      guint line = 0;

      /* The whole report would drown the difference: show the first line that differs. */
      while (got[line] != NULL && want[line] != NULL && g_str_equal (got[line], want[line]))
        line++;
      g_error ("report.html differs from the golden file at line %u:\n  got:      %s\n"
               "  expected: %s\n(DOSSIER_UPDATE_GOLDEN=1 rewrites it)", line + 1,
               got[line] != NULL ? got[line] : "(end)", want[line] != NULL ? want[line] : "(end)");
    }
}

/* The text of @pdf by pdftotext (-layout off: reading order), or NULL when there is none. */
static char *
pdf_text (const char *pdf)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { pdftotext, "-enc", "UTF-8", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int status = 0;

  if (pdftotext == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

static char *
write_pdf (Fixture                *f,
           const DossierExportSet *set)
{
  g_autofree char *path = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_true (dossier_export_write_pdf (set, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* DOSSIER_KEEP_REPORT=DIR keeps a copy, to look at the layout. */
  if (g_getenv ("DOSSIER_KEEP_REPORT") != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s.pdf", g_test_get_path () + 1);
      g_autofree char *copy = NULL;

      g_strdelimit (name, "/", '-');
      copy = g_build_filename (g_getenv ("DOSSIER_KEEP_REPORT"), name, NULL);
      g_assert_true (g_file_set_contents (copy, contents, (gssize) length, &error));
      g_assert_no_error (error);
    }
  return g_steal_pointer (&path);
}

/* Words of @text with white space runs made single spaces, since pdftotext breaks lines where
 * the layout wrapped them, and without the page footers, which pdftotext puts where a page
 * ends, in the middle of a paragraph that goes on. */
static char *
squeeze (const char *text)
{
  g_autoptr(GRegex) footer = g_regex_new ("Dossier report: vell\\.dossier\\s+Page \\d+ of \\d+",
                                          0, 0, NULL);
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *body = g_regex_replace_literal (footer, text, -1, 0, "", 0, NULL);

  return g_regex_replace_literal (space, body, -1, 0, " ", 0, NULL);
}

/* Whether @needle is in the @length bytes at @bytes, NUL bytes and all. */
static gboolean
bytes_contain (const char *bytes,
               gsize       length,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (bytes + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_pdf_text (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DossierExportSet) set = collect (f);
  g_autofree char *path = write_pdf (f, set);
  g_autofree char *raw = pdf_text (path);
  g_autofree char *text = NULL;
  g_autofree char *bytes = NULL;
  g_auto(GStrv) pages = NULL;
  gsize length;

  /* Web URLs become link annotations (cairo writes them uncompressed); javascript: never. */
  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  g_assert_true (bytes_contain (bytes, length, "/URI (https://courier.example/vell/harbour)"));
  g_assert_false (bytes_contain (bytes, length, "javascript"));

  if (raw == NULL)
    {
      g_test_skip ("pdftotext is not installed (poppler-utils)");
      return;
    }
  text = squeeze (raw);
  /* The contents page, a page per document, the index, the timeline. */
  pages = g_strsplit (raw, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), >=, 6);
  g_assert_nonnull (strstr (raw, "Page 1 of "));
  g_assert_nonnull (strstr (text, "the harbour will stay open to every ship"));
  g_assert_nonnull (strstr (text, "no agreement is likely before June"));
  g_assert_nonnull (strstr (text, "4,000 jobs depend on the harbour"));
  g_assert_nonnull (strstr (text, "the port would reopen next week"));
  g_assert_nonnull (strstr (text, "Ilse Varga said, via Corland News Agency B Usually "
                                  "reliable"));
  g_assert_nonnull (strstr (text, "Aldo Brenn"));
  g_assert_nonnull (strstr (text, "Nela Orr"));
  g_assert_nonnull (strstr (text, "Credibility 3: Possibly true"));
  /* Hostile strings are only text in a PDF; they must come through as written. */
  g_assert_nonnull (strstr (text, "<script>alert(1)</script> Port \"update\" & 'more'"));
  g_assert_nonnull (strstr (text, "Week 22 of 2024"));
  /* Each document begins a page of its own. */
  g_assert_nonnull (strstr (pages[1], "DOCUMENT 1 OF 3"));
  g_assert_nonnull (strstr (pages[2], "DOCUMENT 2 OF 3"));
}

/* A note longer than a page continues on the next one, cut nowhere. */
static void
test_pdf_long_note (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DossierExportSet) set = collect (f);
  const DossierExportDocument *document = g_ptr_array_index (set->documents, 0);
  DossierAnnotation *annotation = g_ptr_array_index (document->annotations, 0);
  g_autoptr(GString) note = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) pages = NULL;

  for (guint i = 1; i <= 300; i++)
    g_string_append_printf (note, "Sentence %u of the long note. ", i);
  g_free (annotation->note);
  annotation->note = g_strdup (note->str);
  path = write_pdf (f, set);
  raw = pdf_text (path);
  if (raw == NULL)
    {
      g_test_skip ("pdftotext is not installed (poppler-utils)");
      return;
    }
  text = squeeze (raw);
  pages = g_strsplit (raw, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), >=, 8);
  for (guint i = 1; i <= 300; i++)
    {
      g_autofree char *sentence = g_strdup_printf ("Sentence %u of the long note.", i);

      g_assert_nonnull (strstr (text, sentence));
    }
}

/* A note with no break opportunity at all, far longer than the pieces the PDF writer lays
 * out one at a time, and with two-byte characters so that a piece could end inside one:
 * every character comes back once, in order, wherever the pieces and pages were cut. */
static void
test_pdf_unbroken_note (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DossierExportSet) set = collect (f);
  const DossierExportDocument *document = g_ptr_array_index (set->documents, 0);
  DossierAnnotation *annotation = g_ptr_array_index (document->annotations, 0);
  g_autoptr(GString) note = g_string_new (NULL);
  g_autoptr(GString) letters = g_string_new (NULL);
  g_autoptr(GRegex) footer = g_regex_new ("Dossier report: vell\\.dossier\\s+Page \\d+ of \\d+",
                                          0, 0, NULL);
  g_autofree char *path = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *body = NULL;
  const char *at;

  /* "ä00001ä00002…": 30,000 characters, 35,000 bytes. */
  for (guint i = 1; i <= 5000; i++)
    g_string_append_printf (note, "\xc3\xa4%05u", i);
  g_free (annotation->note);
  annotation->note = g_strdup (note->str);
  path = write_pdf (f, set);
  raw = pdf_text (path);
  if (raw == NULL)
    {
      g_test_skip ("pdftotext is not installed (poppler-utils)");
      return;
    }
  body = g_regex_replace_literal (footer, raw, -1, 0, "", 0, NULL);
  /* The note's lines joined again: pdftotext puts line and page breaks where the layout
   * wrapped, and Pango may add a hyphen where it broke inside a word. */
  at = strstr (body, "\xc3\xa4" "00001");
  g_assert_nonnull (at);
  while (at != NULL && *at != '\0' && letters->len < note->len)
    {
      gunichar c = g_utf8_get_char (at);

      if (!g_unichar_isspace (c) && c != '-' && c != 0x2010)
        g_string_append_unichar (letters, c);
      at = g_utf8_next_char (at);
    }
  g_assert_cmpstr (letters->str, ==, note->str);
}

static void
test_pdf_unwritable (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DossierExportSet) set = collect (f);
  g_autofree char *path = g_build_filename (f->dir, "no-such-folder", "report.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (dossier_export_write_pdf (set, path, &error));
  /* Said of the file asked for, not of a temporary file, and with the reason. */
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_suffix (error->message, "report.pdf: the folder does not exist"));
}

/* An export that selected nothing still makes a report that says so. */
static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  DossierExportFilter filter = DOSSIER_EXPORT_FILTER_INIT;
  g_autoptr(DossierExportSet) set = NULL;
  g_autoptr(GString) html = g_string_new (NULL);
  g_autofree char *path = NULL;

  filter.tag = "ministry";
  filter.kind = DOSSIER_ANNOTATION_CLAIM;
  set = test_export_collect (f->store, &filter);
  g_assert_cmpuint (set->documents->len, ==, 0);
  dossier_export_write_html (set, html);
  g_assert_nonnull (strstr (html->str,
                            "No annotation matched · Selection: tag “ministry”, claim"));
  g_assert_nonnull (strstr (html->str, "No dated events in these documents."));
  g_assert_nonnull (strstr (html->str, "No speaker is named."));
  path = write_pdf (f, set);
}

static void
test_report_wording (void)
{
  struct {
    const char       *iso;
    DossierPrecision  precision;
    const char       *expected;
  } dates[] = {
    { "2024-06-20", DOSSIER_PRECISION_DAY, "20 June 2024" },
    { "2024-06-20", DOSSIER_PRECISION_MONTH, "June 2024" },
    { "2024", DOSSIER_PRECISION_YEAR, "2024" },
    { "2024-06-20T10:15:00+01:00", DOSSIER_PRECISION_TIME, "20 June 2024, 10:15 (+01:00)" },
    { "2024-06-20T10:15:00Z", DOSSIER_PRECISION_TIME, "20 June 2024, 10:15 UTC" },
    { "2024-13-01", DOSSIER_PRECISION_DAY, "2024-13-01" },
    { "last spring", DOSSIER_PRECISION_NONE, "last spring" },
  };
  struct {
    const char           *value;
    DossierDatePrecision  precision;
    const char           *expected;
  } events[] = {
    { "2024-05-19", DOSSIER_DATE_DAY, "19 May 2024" },
    { "2024-05", DOSSIER_DATE_MONTH, "May 2024" },
    { "2024-W21", DOSSIER_DATE_WEEK, "Week 21 of 2024" },
    { "2024-W21-WE", DOSSIER_DATE_WEEK, "Weekend of week 21, 2024" },
    { "2024", DOSSIER_DATE_YEAR, "2024" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *text = dossier_report_format_date (dates[i].iso, dates[i].precision);

      g_assert_cmpstr (text, ==, dates[i].expected);
    }
  g_assert_null (dossier_report_format_date ("", DOSSIER_PRECISION_DAY));
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autofree char *text = dossier_report_format_event_date (events[i].value,
                                                                events[i].precision);

      g_assert_cmpstr (text, ==, events[i].expected);
    }
  g_assert_cmpstr (dossier_report_grade_label ("B"), ==, "Usually reliable");
  g_assert_cmpstr (dossier_report_grade_label ("F"), ==, "Reliability cannot be judged");
  g_assert_null (dossier_report_grade_label ("G"));
  g_assert_null (dossier_report_grade_label ("AB"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("SOURCE_DATE_EPOCH", GENERATED_EPOCH, TRUE);

  g_test_add_func ("/export-report/wording", test_report_wording);
  g_test_add ("/export-report/html/structure", Fixture, NULL, fixture_set_up,
              test_html_structure, fixture_tear_down);
  g_test_add ("/export-report/html/hostile", Fixture, NULL, fixture_set_up, test_html_hostile,
              fixture_tear_down);
  g_test_add ("/export-report/html/golden", Fixture, NULL, fixture_set_up, test_html_golden,
              fixture_tear_down);
  g_test_add ("/export-report/pdf/text", Fixture, NULL, fixture_set_up, test_pdf_text,
              fixture_tear_down);
  g_test_add ("/export-report/pdf/long-note", Fixture, NULL, fixture_set_up, test_pdf_long_note,
              fixture_tear_down);
  g_test_add ("/export-report/pdf/unbroken-note", Fixture, NULL, fixture_set_up,
              test_pdf_unbroken_note, fixture_tear_down);
  g_test_add ("/export-report/pdf/unwritable", Fixture, NULL, fixture_set_up,
              test_pdf_unwritable, fixture_tear_down);
  g_test_add ("/export-report/empty", Fixture, NULL, fixture_set_up, test_empty,
              fixture_tear_down);
  return g_test_run ();
}
