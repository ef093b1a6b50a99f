/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-test"

#include <string.h>

#include "dossier-error.h"
#include "dossier-import.h"

/* Hazards must finish well within this; they take milliseconds (a sanitizer build is several
 * times slower). */
#if defined(__SANITIZE_ADDRESS__)
#define HAZARD_SECONDS 20.0
#else
#define HAZARD_SECONDS 5.0
#endif

/* The corpus test's floor: the measured average F1 (0.997, see docs/quality.md) less a margin
 * for heuristics that trade a little agreement with Readability for cleaner text. */
#define CORPUS_MIN_F1 0.98

/* Helpers */

static DossierArticle *
import_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "html", name, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  DossierArticle *article;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  article = dossier_html_import (data, len, name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);
  return article;
}

static DossierArticle *
import_bytes (const char  *data,
              gsize        len,
              GError     **error)
{
  return dossier_html_import (data, len, "page.html", error);
}

static DossierArticle *
import_string (const char *html)
{
  g_autoptr(GError) error = NULL;
  DossierArticle *article = import_bytes (html, strlen (html), &error);

  g_assert_no_error (error);
  g_assert_nonnull (article);
  return article;
}

static char *
region_text (DossierArticle *article,
             guint           i)
{
  DossierRegion *region = &g_array_index (article->regions, DossierRegion, i);
  const char *start = g_utf8_offset_to_pointer (article->text, region->start);
  const char *end = g_utf8_offset_to_pointer (article->text, region->end);

  return g_strndup (start, (gsize) (end - start));
}

/* The kind of the region whose text is exactly @text; fails when there is none. */
static DossierRegionKind
region_kind_of (DossierArticle *article,
                const char     *text)
{
  for (guint i = 0; i < article->regions->len; i++)
    {
      g_autofree char *str = region_text (article, i);

      if (g_strcmp0 (str, text) == 0)
        return g_array_index (article->regions, DossierRegion, i).kind;
    }
  g_error ("no region \"%s\" in:\n%s", text, article->text);
  return DOSSIER_REGION_PARAGRAPH;
}

static void
assert_contains (DossierArticle *article,
                 const char     *text)
{
  if (strstr (article->text, text) == NULL)
    g_error ("\"%s\" missing from:\n%s", text, article->text);
}

static void
assert_lacks (DossierArticle *article,
              const char     *text)
{
  if (strstr (article->text, text) != NULL)
    g_error ("\"%s\" should not be in:\n%s", text, article->text);
}

/* Regions are in order, inside the text, and separated by blank lines. */
static void
assert_well_formed (DossierArticle *article)
{
  glong n_chars;
  guint last_end = 0;

  g_assert_true (g_utf8_validate (article->text, -1, NULL));
  g_assert_cmpstr (article->format, ==, "html");
  n_chars = g_utf8_strlen (article->text, -1);
  g_assert_cmpuint (article->regions->len, >, 0);
  for (guint i = 0; i < article->regions->len; i++)
    {
      DossierRegion *region = &g_array_index (article->regions, DossierRegion, i);

      g_assert_cmpuint (region->start, <, region->end);
      g_assert_cmpuint (region->end, <=, (guint) n_chars);
      if (i > 0)
        g_assert_cmpuint (region->start, ==, last_end + 2);
      last_end = region->end;
    }
  g_assert_cmpuint (last_end, ==, (guint) n_chars);
}

/* Fixtures */

static void
test_fixture_text (void)
{
  g_autoptr(DossierArticle) article = import_fixture ("article-og.html");
  const char *order[] = {
    "Tide gauges along the Port Alder waterfront recorded the highest surge",
    "The reading at the east pier reached 3.41 metres above the chart datum",
    "Temporary barriers installed last autumn held along most of the seafront",
    "\"Without the barriers we would be counting damaged homes in the hundreds",
    "Residents listed the streets that flooded",
    "Quay Street, where cellars filled within an hour of high water",
    "Lantern Row, next to the old fish market",
    "The council opened two rest centres overnight",
  };
  const char *absent[] = {
    "SCRIPT-TEXT", "STYLE-TEXT",                          /* script, style */
    "cookies", "Accept all",                              /* cookie notice */
    "Home", "Sport",                                      /* navigation */
    "Share on Facebook", "Email this story",              /* share bar */
    "Sign up for our newsletter", "Subscribe",            /* newsletter box */
    "Related stories", "Harbour dredging", "Ferry timetable",   /* related articles */
    "Reader comment", "Comments",                         /* comments */
    "Most read", "Lighthouse keeper",                     /* sidebar */
    "All rights reserved",                                /* footer */
  };
  const char *last = article->text;

  assert_well_formed (article);
  g_assert_false (article->truncated);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const char *found = strstr (article->text, order[i]);

      if (found == NULL || found < last)
        g_error ("\"%s\" missing or out of order in:\n%s", order[i], article->text);
      last = found;
    }
  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    assert_lacks (article, absent[i]);
}

static void
test_fixture_regions (void)
{
  g_autoptr(DossierArticle) article = import_fixture ("article-og.html");
  g_autoptr(DossierArticle) jsonld = import_fixture ("article-jsonld.html");

  g_assert_cmpint (region_kind_of (article, "Waves break over the east pier on Wednesday "
                                   "night. (Photo: Tomas Reyes / Harbor Ledger)"),
                   ==, DOSSIER_REGION_CAPTION);
  g_assert_cmpint (region_kind_of (article, "Flood barriers held"), ==, DOSSIER_REGION_HEADLINE);
  g_assert_cmpint (region_kind_of (article, "Lantern Row, next to the old fish market, where "
                                   "the water stood knee deep"),
                   ==, DOSSIER_REGION_PARAGRAPH);
  /* The <div> with text and no <p> is a paragraph of its own. */
  g_assert_cmpint (region_kind_of (article, "The council opened two rest centres overnight and "
                                   "said it would publish a full assessment of the damage, "
                                   "street by street, next week."),
                   ==, DOSSIER_REGION_PARAGRAPH);
  /* The <h1> repeating the title is the title, not text. */
  assert_lacks (article, "Tide gauges show record surge");

  /* A caption known by its class. */
  g_assert_cmpint (region_kind_of (jsonld, "The former rail yards seen from the Mill Street "
                                   "bridge."),
                   ==, DOSSIER_REGION_CAPTION);
  assert_lacks (jsonld, "Front page");
}

static void
test_fixture_malformed (void)
{
  g_autoptr(DossierArticle) article = import_fixture ("malformed.html");

  assert_well_formed (article);
  g_assert_cmpstr (article->title, ==, "Unclosed tags everywhere");
  assert_contains (article, "The first paragraph of this badly written page never closes its "
                   "tags, yet a reader still sees every sentence of it clearly.");
  assert_contains (article, "The second paragraph has bold text that runs into italics");
  assert_contains (article, "and the third paragraph follows without any closing tags");
  assert_contains (article, "A division that is never closed holds the last sentence");
  g_assert_cmpuint (article->regions->len, >=, 4);
}

/* Metadata */

static void
test_metadata_open_graph (void)
{
  g_autoptr(DossierArticle) article = import_fixture ("article-og.html");

  g_assert_cmpstr (article->title, ==, "Tide gauges show record surge in Port Alder");
  g_assert_cmpstr (article->outlet, ==, "The Harbor Ledger");
  g_assert_cmpstr (article->byline, ==, "Miriam Okonkwo-Hale");
  g_assert_cmpstr (article->published, ==, "2024-03-14T08:30:00+00:00");
  g_assert_cmpint (article->precision, ==, DOSSIER_PRECISION_TIME);
  /* The canonical link wins over og:url. */
  g_assert_cmpstr (article->url, ==,
                   "https://harborledger.example/news/tide-gauges-record-surge");
  g_assert_cmpstr (article->language, ==, "en-GB");
}

static void
test_metadata_json_ld_graph (void)
{
  g_autoptr(DossierArticle) article = import_fixture ("article-jsonld.html");

  g_assert_cmpstr (article->title, ==,
                   "Northfield council approves riverside housing plan after late-night vote");
  g_assert_cmpstr (article->byline, ==, "Dana Whitcombe and Rafael Ibarra");
  g_assert_cmpstr (article->published, ==, "2023-11-02T17:05:00-05:00");
  g_assert_cmpint (article->precision, ==, DOSSIER_PRECISION_TIME);
  g_assert_cmpstr (article->outlet, ==, "Northfield Courier");
  /* og:url is javascript: here, which is no address. */
  g_assert_null (article->url);
  g_assert_cmpstr (article->language, ==, "en");
}

static void
test_metadata_json_ld_array (void)
{
  g_autoptr(DossierArticle) article = import_string (
    "<html><head><script type=\"application/ld+json\">"
    "[{\"@type\": \"Organization\", \"name\": \"Not The Publisher\"},"
    " {\"@context\": \"http://schema.org\", \"@type\": \"http://schema.org/ReportageNewsArticle\","
    "  \"headline\": \"Glacier retreat measured from the air\", \"datePublished\": \"2021-07\","
    "  \"author\": [\"Solveig Brandt\", {\"name\": \"Ake Lindahl\"}, \"Mette Sandvik\"],"
    "  \"publisher\": {\"@type\": \"Organization\", \"name\": \"The Fjord Post\"}}]"
    "</script></head><body><p>Survey flights over the ice field showed the glacier front had "
    "moved back by another forty metres since the last count, the team reported.</p>"
    "</body></html>");

  g_assert_cmpstr (article->title, ==, "Glacier retreat measured from the air");
  g_assert_cmpstr (article->byline, ==, "Solveig Brandt, Ake Lindahl and Mette Sandvik");
  g_assert_cmpstr (article->published, ==, "2021-07");
  g_assert_cmpint (article->precision, ==, DOSSIER_PRECISION_MONTH);
  g_assert_cmpstr (article->outlet, ==, "The Fjord Post");
}

static void
test_metadata_title_fallback (void)
{
  g_autoptr(DossierArticle) article = import_fixture ("article-title-only.html");

  assert_well_formed (article);
  /* " - Valley Gazette" goes; what remains is long enough to be the title. */
  g_assert_cmpstr (article->title, ==, "Lakeside ferry returns to service after winter repairs");
  /* From the page's own byline, which then leaves the text. */
  g_assert_cmpstr (article->byline, ==, "By Henrik Aaltonen");
  assert_lacks (article, "Henrik Aaltonen");
  /* From <time itemprop="datePublished">. */
  g_assert_cmpstr (article->published, ==, "2022-05-09");
  g_assert_cmpint (article->precision, ==, DOSSIER_PRECISION_DAY);
  g_assert_null (article->outlet);
  g_assert_null (article->url);
  assert_contains (article, "The Lakeside ferry carried its first passengers of the year");
}

static void
test_metadata_title_sources (void)
{
  const char *body = "<p>A paragraph long enough to count as the text of this page, with a "
                     "comma or two, and a full stop at the end.</p>";
  struct {
    const char *head;
    const char *title;
  } cases[] = {
    { "<meta name=\"twitter:title\" content=\"From Twitter card\">"
      "<title>From the title element, which is long</title>", "From Twitter card" },
    { "<title>Short</title>", "Short" },
    /* A site name before the colon goes when the rest is a title. */
    { "<title>Valley Gazette: Snow closes the mountain pass for a week</title>",
      "Snow closes the mountain pass for a week" },
    /* Too little would remain: the whole <title> stays. */
    { "<title>Weather | Valley Gazette</title>", "Weather | Valley Gazette" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = g_strdup_printf ("<html><head>%s</head><body>%s</body></html>",
                                               cases[i].head, body);
      g_autoptr(DossierArticle) article = import_string (html);

      g_assert_cmpstr (article->title, ==, cases[i].title);
    }

  {
    g_autofree char *html = g_strdup_printf ("<html><body><h1>Only the heading names "
                                             "it</h1>%s</body></html>", body);
    g_autoptr(DossierArticle) article = import_string (html);

    g_assert_cmpstr (article->title, ==, "Only the heading names it");
  }
  {
    g_autofree char *html = g_strdup_printf ("<html><body>%s</body></html>", body);
    g_autoptr(DossierArticle) article = import_string (html);

    /* The caller then uses the file name. */
    g_assert_null (article->title);
  }
}

static void
test_metadata_dates (void)
{
  const char *body = "<p>A paragraph long enough to count as the text of this page, with a "
                     "comma or two, and a full stop at the end.</p>";
  struct {
    const char      *head;
    const char      *body;
    const char      *published;
    DossierPrecision precision;
  } cases[] = {
    { "<meta name=\"date\" content=\"2020-02-03\">", "", "2020-02-03", DOSSIER_PRECISION_DAY },
    { "<meta name=\"pubdate\" content=\"20 June 2024\">", "", "2024-06-20",
      DOSSIER_PRECISION_DAY },
    { "<meta name=\"DC.date\" content=\"2018\">", "", "2018", DOSSIER_PRECISION_YEAR },
    { "<meta name=\"parsely-pub-date\" content=\"2017-05-04T10:00:00Z\">", "",
      "2017-05-04T10:00:00Z", DOSSIER_PRECISION_TIME },
    { "<meta name=\"sailthru.date\" content=\"Thu, 20 Jun 2024 10:15:00 GMT\">", "",
      "2024-06-20T10:15:00Z", DOSSIER_PRECISION_TIME },
    /* article:published_time wins over the others. */
    { "<meta name=\"date\" content=\"2001-01-01\">"
      "<meta property=\"article:published_time\" content=\"2016-09-30\">", "", "2016-09-30",
      DOSSIER_PRECISION_DAY },
    /* The first <time> of the <article>; not the one in the page header. */
    { "", "<header><time datetime=\"1999-12-31\">then</time></header>"
      "<article><time datetime=\"2015-03-02\">2 March 2015</time></article>",
      "2015-03-02", DOSSIER_PRECISION_DAY },
    { "<meta name=\"date\" content=\"not a date\">", "", NULL, DOSSIER_PRECISION_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = g_strdup_printf ("<html><head>%s</head><body>%s%s</body></html>",
                                               cases[i].head, cases[i].body, body);
      g_autoptr(DossierArticle) article = import_string (html);

      g_assert_cmpstr (article->published, ==, cases[i].published);
      g_assert_cmpint (article->precision, ==, cases[i].precision);
    }
}

static void
test_metadata_bylines (void)
{
  const char *body = "<p>A paragraph long enough to count as the text of this page, with a "
                     "comma or two, and a full stop at the end.</p>";
  struct {
    const char *head;
    const char *body;
    const char *byline;
  } cases[] = {
    { "<meta name=\"author\" content=\"  Irena   Kowalczyk \">", "", "Irena Kowalczyk" },
    /* An author's page is no name. */
    { "<meta property=\"article:author\" content=\"https://example.org/staff/ik\">", "", NULL },
    { "<meta property=\"article:author\" content=\"Irena Kowalczyk\">", "", "Irena Kowalczyk" },
    { "", "<a rel=\"author\" href=\"/staff/tb\">Tove Berglund</a>", "Tove Berglund" },
    { "", "<span itemprop=\"author\"><span itemprop=\"name\">Tove Berglund</span>, staff "
      "writer</span>", "Tove Berglund" },
    /* A dateline is no byline. */
    { "", "<div class=\"dateline\">Monday, June 3, 2024 9:30 AM</div>"
      "<div class=\"byline\">By Tove Berglund</div>", "By Tove Berglund" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = g_strdup_printf ("<html><head>%s</head><body>%s%s</body></html>",
                                               cases[i].head, cases[i].body, body);
      g_autoptr(DossierArticle) article = import_string (html);

      g_assert_cmpstr (article->byline, ==, cases[i].byline);
    }
}

static void
test_hidden_elements (void)
{
  g_autoptr(DossierArticle) article = import_string (
    "<html><body><div class=\"story\">"
    "<p>The visible paragraph stays in the text of the page, as it should, being the story.</p>"
    "<p hidden>HIDDEN-ATTRIBUTE text that a reader never sees on the page.</p>"
    "<p style=\"color: red; display : none\">HIDDEN-STYLE text that a reader never sees.</p>"
    "<p aria-hidden=\"true\">HIDDEN-ARIA text that a reader never sees on the page.</p>"
    "<noscript><p>NOSCRIPT text shown only without JavaScript.</p></noscript>"
    "<template><p>TEMPLATE text never rendered.</p></template>"
    "</div></body></html>");

  assert_contains (article, "The visible paragraph stays");
  assert_lacks (article, "HIDDEN");
  assert_lacks (article, "NOSCRIPT");
  assert_lacks (article, "TEMPLATE");
}

/* Encodings */

static void
test_encoding_declared (void)
{
  struct {
    const char *html;
    const char *expected;
  } cases[] = {
    { "<html><head><meta charset=\"windows-1252\"></head><body>"
      "<p>Caf\xe9 \x93quoted\x94 \x80" "5 na\xefve</p></body></html>",
      "Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x82\xac" "5 na\xc3\xafve" },
    /* Browsers read ISO-8859-1 as windows-1252 (WHATWG Encoding). */
    { "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
      "</head><body><p>Gr\xfc\xdf" "e \x96 bient\xf4t</p></body></html>",
      "Gr\xc3\xbc\xc3\x9f" "e \xe2\x80\x93 bient\xc3\xb4t" },
    /* Any other charset iconv knows. */
    { "<html><head><meta charset='koi8-r'></head><body><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>"
      "</body></html>",
      "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82" },
    /* A byte order mark wins over the declaration. */
    { "\xef\xbb\xbf<html><head><meta charset=\"windows-1252\"></head><body>"
      "<p>caf\xc3\xa9</p></body></html>", "caf\xc3\xa9" },
    /* An unknown charset: read as UTF-8. */
    { "<html><head><meta charset=\"x-no-such-charset\"></head><body><p>caf\xc3\xa9</p>"
      "</body></html>", "caf\xc3\xa9" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DossierArticle) article = import_string (cases[i].html);

      g_assert_true (g_utf8_validate (article->text, -1, NULL));
      g_assert_cmpstr (article->text, ==, cases[i].expected);
    }
}

static void
test_encoding_utf16 (void)
{
  const char *html = "<html><body><p>Gr\xc3\xbc\xc3\x9f" "e aus Z\xc3\xbcrich</p></body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) data = g_string_new ("\xff\xfe");
  g_autofree gunichar2 *utf16 = NULL;
  g_autoptr(DossierArticle) article = NULL;
  glong n_units = 0;

  utf16 = g_utf8_to_utf16 (html, -1, NULL, &n_units, &error);
  g_assert_no_error (error);
  for (glong i = 0; i < n_units; i++)
    {
      g_string_append_c (data, (char) (utf16[i] & 0xFF));
      g_string_append_c (data, (char) (utf16[i] >> 8));
    }
  article = import_bytes (data->str, data->len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article->text, ==, "Gr\xc3\xbc\xc3\x9f" "e aus Z\xc3\xbcrich");
}

static void
test_encoding_invalid_utf8 (void)
{
  const char *bad = "<p>caf\xc3\xa9 \xff</p>";
  const char *bad_after_bom = "\xef\xbb\xbf<p>\xc3</p>";
  g_autoptr(GError) error = NULL;
  DossierArticle *article;

  article = dossier_html_import (bad, strlen (bad), "bad.html", &error);
  g_assert_null (article);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "bad.html: not valid UTF-8 at byte 9");
  g_clear_error (&error);

  /* Offsets count from the start of the file, byte order mark included. */
  article = dossier_html_import (bad_after_bom, strlen (bad_after_bom), "bom.html", &error);
  g_assert_null (article);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "bom.html: not valid UTF-8 at byte 6");
}

static void
test_encoding_nul (void)
{
  const char data[] = "<p>a\0b</p>";
  g_autoptr(GError) error = NULL;
  DossierArticle *article;

  article = dossier_html_import (data, sizeof data - 1, "nul.html", &error);
  g_assert_null (article);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_BINARY);
  g_assert_cmpstr (error->message, ==, "nul.html: binary file (NUL byte at offset 4)");
}

static void
test_empty (void)
{
  const char *pages[] = {
    "",
    "  \n\t  ",
    "<html><body></body></html>",
    ("<html><head><title>A title only</title><script>var text = 'no';</script></head>"
     "<body>  <div> </div> <!-- a comment --> </body></html>"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GError) error = NULL;
      DossierArticle *article = dossier_html_import (pages[i], strlen (pages[i]), "empty.html",
                                                     &error);

      g_assert_null (article);
      g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_EMPTY);
      g_assert_true (g_str_has_prefix (error->message, "empty.html: "));
    }
}

/* Hazards */

static void
test_hazard_xxe (void)
{
  g_autoptr(DossierArticle) article = import_string (
    "<!DOCTYPE html [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
    "<html><body><p>before &xxe; after</p></body></html>");

  assert_contains (article, "before");
  assert_contains (article, "after");
  assert_lacks (article, "root:");
  assert_lacks (article, "ENTITY");
}

static void
test_hazard_billion_laughs (void)
{
  g_autoptr(DossierArticle) article = import_string (
    "<?xml version=\"1.0\"?>"
    "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
    "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
    "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
    "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
    "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
    "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
    "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
    "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
    "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
    "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>"
    "<html><body><p>laughing: &lol9; done</p></body></html>");

  assert_contains (article, "done");
  assert_lacks (article, "lollol");
  g_assert_cmpuint (strlen (article->text), <, 100);
}

static void
test_hazard_deep_nesting (void)
{
  g_autoptr(GString) html = g_string_new ("<html><body><p>before the nesting</p>");
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierArticle) article = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  double seconds;

  for (guint i = 0; i < 10000; i++)
    g_string_append (html, "<div>");
  g_string_append (html, "deep inside");
  for (guint i = 0; i < 10000; i++)
    g_string_append (html, "</div>");
  g_string_append (html, "<p>after the nesting</p></body></html>");

  g_timer_start (timer);
  article = import_bytes (html->str, html->len, &error);
  seconds = g_timer_elapsed (timer, NULL);
  g_test_message ("10,000 levels: %.3f s", seconds);
  g_assert_no_error (error);
  g_assert_cmpfloat (seconds, <, HAZARD_SECONDS);
  /* libxml2 would drop everything beyond 256 levels; the extra levels are unwrapped instead. */
  assert_contains (article, "before the nesting");
  assert_contains (article, "deep inside");
  assert_contains (article, "after the nesting");
  g_assert_false (article->truncated);
}

static void
test_hazard_deep_json_ld (void)
{
  g_autoptr(GString) html = g_string_new (
    "<html><head><title>Page title</title>"
    "<meta property=\"og:title\" content=\"Ferry talks resume in Corran Vale\">"
    "<meta property=\"og:site_name\" content=\"Harbour Ledger\">"
    "<script type=\"application/ld+json\">");
  g_autoptr(GString) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierArticle) article = NULL;
  g_autoptr(DossierArticle) second = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  const char *body =
    "<body><article><p>Minister Mara Ostrand said on Monday that the ferry contract would be "
    "signed by June, and the port authority claimed the quay cost 40 million crowns.</p>"
    "</article></body></html>";

  /* 100,000 nested arrays, 200 KB: json-glib 1.6 recursed once per level and crashed. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (html, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (html, ']');
  g_string_append (html, "</script>");
  page = g_string_new (html->str);
  g_string_append (page, "</head>");
  g_string_append (page, body);

  g_timer_start (timer);
  article = import_bytes (page->str, page->len, &error);
  g_test_message ("100,000 levels of JSON-LD: %.3f s", g_timer_elapsed (timer, NULL));
  g_assert_no_error (error);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, HAZARD_SECONDS);
  /* The block is ignored; the page's other metadata and its text are kept. */
  g_assert_cmpstr (article->title, ==, "Ferry talks resume in Corran Vale");
  g_assert_cmpstr (article->outlet, ==, "Harbour Ledger");
  assert_contains (article, "ferry contract would be signed by June");

  /* A block json-glib would read though it is no JSON (a comment) is ignored too, and a
   * valid block after the refused ones still gives the metadata. */
  g_string_append (html,
                   "<script type=\"application/ld+json\">/* draft */ {\"@type\": \"NewsArticle\", "
                   "\"headline\": \"Commented headline\"}</script>"
                   "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
                   "\"headline\": \"Ferry contract to be signed by June\", "
                   "\"author\": {\"name\": \"Tomas Brell\"}}</script></head>");
  g_string_append (html, body);
  second = import_bytes (html->str, html->len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second->title, ==, "Ferry contract to be signed by June");
  g_assert_cmpstr (second->byline, ==, "Tomas Brell");
}

static void
test_hazard_deep_tables (void)
{
  g_autoptr(GString) html = g_string_new ("<html><body><p>before the tables</p>");
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierArticle) article = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  double seconds;

  /* Elements with optional end tags do not count towards the unwrapping depth, so these
   * reach libxml2's limit; the import says the text was cut. */
  for (guint i = 0; i < 300; i++)
    g_string_append (html, "<table><tbody><tr><td>");
  g_string_append (html, "innermost cell");
  for (guint i = 0; i < 300; i++)
    g_string_append (html, "</td></tr></tbody></table>");
  g_string_append (html, "<p>after the tables</p></body></html>");

  g_timer_start (timer);
  article = import_bytes (html->str, html->len, &error);
  seconds = g_timer_elapsed (timer, NULL);
  g_assert_no_error (error);
  g_assert_cmpfloat (seconds, <, HAZARD_SECONDS);
  assert_contains (article, "before the tables");
  g_assert_true (article->truncated);
}

static void
test_hazard_many_attributes (void)
{
  const guint counts[] = { 20000, 200000 };

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autoptr(GString) html = g_string_new ("<html><body><p>before the tag</p><figcaption ");
      g_autoptr(GError) error = NULL;
      g_autoptr(DossierArticle) article = NULL;
      g_autoptr(GTimer) timer = g_timer_new ();
      double seconds;

      for (guint i = 0; i < counts[c]; i++)
        g_string_append_printf (html, "data-a%u=\"%u\" ", i, i);
      g_string_append (html, "class=\"credit\">Photo: Ada Novak</figcaption>"
                       "<p>after the tag</p></body></html>");

      /* The import alone is timed, not the making of the input. */
      g_timer_start (timer);
      article = import_bytes (html->str, html->len, &error);
      seconds = g_timer_elapsed (timer, NULL);
      g_test_message ("%u attributes: %.3f s", counts[c], seconds);
      g_assert_no_error (error);
      g_assert_cmpfloat (seconds, <, HAZARD_SECONDS);
      assert_contains (article, "before the tag");
      assert_contains (article, "after the tag");
      g_assert_cmpint (region_kind_of (article, "Photo: Ada Novak"), ==,
                       DOSSIER_REGION_CAPTION);
    }
}

static void
test_hazard_long_text (void)
{
  g_autoptr(GString) html = g_string_new ("<html><body><p>");
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierArticle) article = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  double seconds;

  /* One text node over libxml2's 10 MB limit (after "&amp;" becomes "&"), with character
   * references across the cuts. */
  while (html->len < 13 * 1024 * 1024)
    g_string_append (html, "The tide rose &amp; fell. ");
  g_string_append (html, "THE END</p></body></html>");

  g_timer_start (timer);
  article = import_bytes (html->str, html->len, &error);
  seconds = g_timer_elapsed (timer, NULL);
  g_test_message ("13 MB of text: %.3f s", seconds);
  g_assert_no_error (error);
  g_assert_cmpfloat (seconds, <, HAZARD_SECONDS);
  g_assert_false (article->truncated);
  g_assert_true (g_str_has_suffix (article->text, "The tide rose & fell. THE END"));
  assert_lacks (article, "&amp;");
}

/* Workers import in parallel. */

static gpointer
import_in_thread (gpointer data)
{
  const char *expected = data;

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(DossierArticle) article = import_fixture ("article-og.html");

      if (g_strcmp0 (article->text, expected) != 0)
        return GINT_TO_POINTER (FALSE);
    }
  return GINT_TO_POINTER (TRUE);
}

static void
test_threads (void)
{
  g_autoptr(DossierArticle) reference = import_fixture ("article-og.html");
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("import", import_in_thread, reference->text);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

/* The Readability corpus */

static GPtrArray *
split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  while (*p)
    {
      const char *start;

      while (*p && !(g_unichar_isalnum (g_utf8_get_char (p)) || *p == '_'))
        p = g_utf8_next_char (p);
      start = p;
      while (*p && (g_unichar_isalnum (g_utf8_get_char (p)) || *p == '_'))
        p = g_utf8_next_char (p);
      if (p > start)
        g_ptr_array_add (words, g_utf8_strdown (start, p - start));
    }
  return words;
}

static GHashTable *
count_shingles (const char *text,
                guint      *total)
{
  g_autoptr(GPtrArray) words = split_words (text);
  GHashTable *shingles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  *total = 0;
  for (guint i = 0; i + 4 <= words->len; i++)
    {
      char *key = g_strjoin (" ", g_ptr_array_index (words, i), g_ptr_array_index (words, i + 1),
                             g_ptr_array_index (words, i + 2),
                             g_ptr_array_index (words, i + 3), NULL);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (shingles, key));

      g_hash_table_replace (shingles, key, GUINT_TO_POINTER (n + 1));
      (*total)++;
    }
  return shingles;
}

static void
test_corpus (void)
{
  const char *shared = g_getenv ("DOSSIER_SHARED_DIR");
  g_autofree char *default_shared = NULL;
  g_autofree char *corpus = NULL;
  g_autoptr(GDir) dir = NULL;
  double sum_p = 0, sum_r = 0, p, r, f1;
  guint n_cases = 0;
  const char *name;

  if (shared == NULL)
    shared = default_shared = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", NULL);
  corpus = g_build_filename (shared, "corpus", "html-readability", NULL);
  dir = g_dir_open (corpus, 0, NULL);
  if (dir == NULL)
    {
      g_test_skip_printf ("no corpus at %s (set DOSSIER_SHARED_DIR)", corpus);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = g_build_filename (corpus, name, "source.html", NULL);
      g_autofree char *expected_path = g_build_filename (corpus, name, "expected.txt", NULL);
      g_autofree char *data = NULL, *expected = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(DossierArticle) article = NULL;
      GHashTable *ours, *theirs;
      GHashTableIter iter;
      gpointer key, value;
      guint n_ours, n_theirs, common = 0;
      gsize len;

      if (!g_file_get_contents (source, &data, &len, NULL) ||
          !g_file_get_contents (expected_path, &expected, NULL, NULL))
        continue;
      article = dossier_html_import (data, len, name, &error);
      g_assert_no_error (error);
      assert_well_formed (article);
      g_assert_nonnull (article->title);

      ours = count_shingles (article->text, &n_ours);
      theirs = count_shingles (expected, &n_theirs);
      g_hash_table_iter_init (&iter, ours);
      while (g_hash_table_iter_next (&iter, &key, &value))
        common += MIN (GPOINTER_TO_UINT (value),
                       GPOINTER_TO_UINT (g_hash_table_lookup (theirs, key)));
      sum_p += n_ours > 0 ? (double) common / n_ours : 0;
      sum_r += n_theirs > 0 ? (double) common / n_theirs : 1;
      g_hash_table_unref (ours);
      g_hash_table_unref (theirs);
      n_cases++;
    }

  g_assert_cmpuint (n_cases, ==, 25);
  p = sum_p / n_cases;
  r = sum_r / n_cases;
  f1 = 2 * p * r / (p + r);
  g_test_message ("corpus: P %.4f R %.4f F1 %.4f", p, r, f1);
  g_assert_cmpfloat (f1, >=, CORPUS_MIN_F1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/html/fixture/text", test_fixture_text);
  g_test_add_func ("/html/fixture/regions", test_fixture_regions);
  g_test_add_func ("/html/fixture/malformed", test_fixture_malformed);
  g_test_add_func ("/html/metadata/open-graph", test_metadata_open_graph);
  g_test_add_func ("/html/metadata/json-ld-graph", test_metadata_json_ld_graph);
  g_test_add_func ("/html/metadata/json-ld-array", test_metadata_json_ld_array);
  g_test_add_func ("/html/metadata/title-fallback", test_metadata_title_fallback);
  g_test_add_func ("/html/metadata/title-sources", test_metadata_title_sources);
  g_test_add_func ("/html/metadata/dates", test_metadata_dates);
  g_test_add_func ("/html/metadata/bylines", test_metadata_bylines);
  g_test_add_func ("/html/hidden", test_hidden_elements);
  g_test_add_func ("/html/encoding/declared", test_encoding_declared);
  g_test_add_func ("/html/encoding/utf-16", test_encoding_utf16);
  g_test_add_func ("/html/encoding/invalid-utf-8", test_encoding_invalid_utf8);
  g_test_add_func ("/html/encoding/nul", test_encoding_nul);
  g_test_add_func ("/html/empty", test_empty);
  g_test_add_func ("/html/hazard/xxe", test_hazard_xxe);
  g_test_add_func ("/html/hazard/billion-laughs", test_hazard_billion_laughs);
  g_test_add_func ("/html/hazard/deep-nesting", test_hazard_deep_nesting);
  g_test_add_func ("/html/hazard/deep-tables", test_hazard_deep_tables);
  g_test_add_func ("/html/hazard/deep-json-ld", test_hazard_deep_json_ld);
  g_test_add_func ("/html/hazard/many-attributes", test_hazard_many_attributes);
  g_test_add_func ("/html/hazard/long-text", test_hazard_long_text);
  g_test_add_func ("/html/threads", test_threads);
  g_test_add_func ("/html/corpus", test_corpus);

  return g_test_run ();
}
