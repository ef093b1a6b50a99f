/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dossier-core.h"
#include "dossier-extract.h"
#include "test-common.h"

/* Regions of a text made of blocks separated by blank lines, the first a headline when
 * @headline is set: what an importer hands over. */
static GArray *
make_regions (const char *text,
              gboolean    headline)
{
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (DossierRegion));
  const char *p = text;
  guint offset = 0;

  while (*p != '\0')
    {
      const char *end = strstr (p, "\n\n");
      DossierRegion region = { DOSSIER_REGION_PARAGRAPH, offset, 0 };
      glong len;

      if (end == NULL)
        end = p + strlen (p);
      len = g_utf8_strlen (p, end - p);
      region.end = offset + (guint) len;
      if (headline && regions->len == 0)
        region.kind = DOSSIER_REGION_HEADLINE;
      g_array_append_val (regions, region);
      offset = region.end;
      p = end;
      if (*p != '\0')
        {
          p += 2;
          offset += 2;
        }
    }
  return regions;
}

/* The refined regions are in order and cover exactly what the input covered. */
static void
assert_same_cover (GArray *input,
                   GArray *output)
{
  guint k = 0;

  for (guint i = 0; i < input->len; i++)
    {
      const DossierRegion *in = &g_array_index (input, DossierRegion, i);
      guint pos = in->start;

      while (pos < in->end)
        {
          const DossierRegion *out;

          g_assert_cmpuint (k, <, output->len);
          out = &g_array_index (output, DossierRegion, k++);
          g_assert_cmpuint (out->start, ==, pos);
          g_assert_cmpuint (out->end, >, out->start);
          g_assert_cmpuint (out->end, <=, in->end);
          pos = out->end;
        }
    }
  g_assert_cmpuint (k, ==, output->len);
}

static GArray *
refine (const char *text,
        gboolean    headline)
{
  g_autoptr(GArray) input = make_regions (text, headline);
  GArray *output = dossier_extract_regions (text, input);

  assert_same_cover (input, output);
  return output;
}

/* The index of the region of @kind whose text contains @needle, or -1. */
static int
find_region (const char        *text,
             GArray            *regions,
             DossierRegionKind  kind,
             const char        *needle)
{
  for (guint i = 0; i < regions->len; i++)
    {
      const DossierRegion *r = &g_array_index (regions, DossierRegion, i);
      g_autofree char *sub = test_region_text (text, r->start, r->end);

      if (r->kind == kind && strstr (sub, needle) != NULL)
        return (int) i;
    }
  return -1;
}

static char *
region_text (const char *text,
             GArray     *regions,
             int         i)
{
  const DossierRegion *r = &g_array_index (regions, DossierRegion, (guint) i);

  return test_region_text (text, r->start, r->end);
}

static void
test_caption_inside_paragraph (void)
{
  const char *text =
    "Envoys meet again\n\n"
    "Talks resumed on Monday. Foreign Minister Dara Velmont and envoy Ilse Marrow (not "
    "pictured) hold a news conference in Lisbon, Portugal May 2, 2024. (credit: REUTERS/JOHN "
    "DOE)\n\n"
    "The talks will go on.";
  g_autoptr(GArray) regions = refine (text, TRUE);
  int caption = find_region (text, regions, DOSSIER_REGION_CAPTION, "credit");
  g_autofree char *sub = NULL;

  g_assert_cmpint (caption, >=, 0);
  sub = region_text (text, regions, caption);
  g_assert_true (g_str_has_prefix (sub, "Foreign Minister Dara Velmont"));
  g_assert_true (g_str_has_suffix (sub, "(credit: REUTERS/JOHN DOE)"));
  /* The sentence before the caption stays a paragraph. */
  g_assert_cmpint (find_region (text, regions, DOSSIER_REGION_PARAGRAPH, "Talks resumed"), >=, 0);
  g_assert_cmpint (find_region (text, regions, DOSSIER_REGION_PARAGRAPH, "will go on"), >=, 0);
}

static void
test_caption_paragraph (void)
{
  const char *text =
    "Envoys meet again\n\n"
    "The talks will go on.\n\n"
    "Smoke rises over the harbour. (Photo: Jane Roe/AFP)\n\n"
    "Officials said nothing.\n\n"
    "Photo: Getty Images";
  g_autoptr(GArray) regions = refine (text, TRUE);
  int caption = find_region (text, regions, DOSSIER_REGION_CAPTION, "Smoke");
  g_autofree char *sub = region_text (text, regions, caption);

  g_assert_cmpstr (sub, ==, "Smoke rises over the harbour. (Photo: Jane Roe/AFP)");
  g_assert_cmpint (find_region (text, regions, DOSSIER_REGION_CAPTION, "Getty"), >=, 0);
  g_assert_cmpint (find_region (text, regions, DOSSIER_REGION_PARAGRAPH, "Officials"), >=, 0);
}

static void
test_newsletter_prompt (void)
{
  const char *text =
    "Envoys meet again\n\n"
    "\"We will return,\" Velmont wrote. Stay updated with the latest news! Subscribe to The "
    "Daily Ledger Newsletter Subscribe Now\n\n"
    "The newsletter the ministry publishes said little about the talks.\n\n"
    "Subscribers to the ministry's bulletin were told nothing.";
  g_autoptr(GArray) regions = refine (text, TRUE);
  int prompt = find_region (text, regions, DOSSIER_REGION_BOILERPLATE, "Stay updated");
  g_autofree char *sub = region_text (text, regions, prompt);

  /* One stretch of boilerplate, not one per sentence. */
  g_assert_cmpstr (sub, ==, "Stay updated with the latest news! Subscribe to The Daily Ledger "
                            "Newsletter Subscribe Now");
  g_assert_cmpint (find_region (text, regions, DOSSIER_REGION_PARAGRAPH, "Velmont wrote"), >=, 0);
  /* Prose about a newsletter, or about subscribers, is not a prompt. */
  g_assert_cmpint (find_region (text, regions, DOSSIER_REGION_PARAGRAPH, "publishes"), >=, 0);
  g_assert_cmpint (find_region (text, regions, DOSSIER_REGION_PARAGRAPH, "Subscribers"), >=, 0);
}

static void
test_share_line (void)
{
  const char *text = "Envoys meet again\n\nShare Tweet Email\n\nThe talks will go on.\n\nRead more: "
                     "Envoys meet in Lisbon";
  g_autoptr(GArray) regions = refine (text, TRUE);

  g_assert_cmpint (find_region (text, regions, DOSSIER_REGION_BOILERPLATE, "Tweet"), >=, 0);
  g_assert_cmpint (find_region (text, regions, DOSSIER_REGION_BOILERPLATE, "Read more"), >=, 0);
  g_assert_cmpint (find_region (text, regions, DOSSIER_REGION_PARAGRAPH, "talks"), >=, 0);
}

static void
test_spliced_headline (void)
{
  /* A related headline pasted into the middle of "Iran" by a page's layout. */
  const char *text =
    "Envoys meet again\n\n"
    "Iran sent a delegation. Officials in Iran welcomed it.\n\n"
    "Velmont discussed relations between IIran’s envoy plans a new round of talksran and the "
    "agency, officials said.";
  g_autoptr(GArray) regions = refine (text, TRUE);
  int headline = find_region (text, regions, DOSSIER_REGION_HEADLINE, "new round");
  g_autofree char *sub = region_text (text, regions, headline);

  g_assert_cmpstr (sub, ==, "Iran’s envoy plans a new round of talks");
  g_assert_cmpint (find_region (text, regions, DOSSIER_REGION_PARAGRAPH, "between I"), >=, 0);
  g_assert_cmpint (find_region (text, regions, DOSSIER_REGION_PARAGRAPH, "ran and the agency"), >=, 0);
}

static void
test_title_repeated (void)
{
  const char *text =
    "Envoys agree to meet again in Lisbon\n\n"
    "The envoys spoke for an hour. Envoys agree to meet again in Lisbon The talks will go on "
    "next month.";
  g_autoptr(GArray) regions = refine (text, TRUE);
  int headline = find_region (text, regions, DOSSIER_REGION_HEADLINE, "Lisbon");
  int spliced = -1;

  g_assert_cmpint (headline, ==, 0);
  for (guint i = 1; i < regions->len; i++)
    if (g_array_index (regions, DossierRegion, i).kind == DOSSIER_REGION_HEADLINE)
      spliced = (int) i;
  g_assert_cmpint (spliced, >, 0);
}

static void
test_heading_paragraph (void)
{
  const char *text = "Envoys meet again\n\nThe talks went well.\n\nGrowing closer\n\nThe envoys "
                     "agreed.";
  g_autoptr(GArray) regions = refine (text, TRUE);
  int heading = find_region (text, regions, DOSSIER_REGION_HEADLINE, "Growing");

  g_assert_cmpint (heading, ==, 2);
}

static void
test_without_regions (void)
{
  const char *text = "First paragraph here.\n\nA short caption line. (credit: AP/Some One)\n\n"
                     "Last paragraph.";
  g_autoptr(GArray) regions = dossier_extract_regions (text, NULL);

  g_assert_cmpuint (regions->len, ==, 3);
  g_assert_cmpint (g_array_index (regions, DossierRegion, 1).kind, ==, DOSSIER_REGION_CAPTION);
  g_assert_cmpint (find_region (text, regions, DOSSIER_REGION_PARAGRAPH, "Last"), ==, 2);
}

static void
test_idempotent (void)
{
  const char *text =
    "Envoys meet again\n\n"
    "Talks resumed. Dara Velmont speaks in Lisbon, Portugal May 2, 2024. (credit: "
    "REUTERS/JOHN DOE)\n\n"
    "The talks will go on. Sign up for our newsletter to get the latest news.";
  g_autoptr(GArray) once = refine (text, TRUE);
  g_autoptr(GArray) twice = dossier_extract_regions (text, once);

  g_assert_cmpuint (once->len, ==, twice->len);
  g_assert_cmpmem (once->data, once->len * sizeof (DossierRegion), twice->data,
                   twice->len * sizeof (DossierRegion));
}

static void
test_multibyte_offsets (void)
{
  const char *text =
    "Zürich — 東京 talks\n\n"
    "Délégués à Genève. Delegates meet in Geneva, Switzerland May 2, 2024. (credit: "
    "REUTERS/ÉLODIE MARTIN)";
  g_autoptr(GArray) regions = refine (text, TRUE);
  int caption = find_region (text, regions, DOSSIER_REGION_CAPTION, "Delegates");
  g_autofree char *sub = region_text (text, regions, caption);

  g_assert_cmpstr (sub, ==, "Delegates meet in Geneva, Switzerland May 2, 2024. (credit: "
                            "REUTERS/ÉLODIE MARTIN)");
}

static void
test_is_furniture (void)
{
  const char *text =
    "Envoys meet again\n\n"
    "Talks resumed. Dara Velmont speaks in Lisbon, Portugal May 2, 2024. (credit: "
    "REUTERS/JOHN DOE)\n\n"
    "The talks will go on.";
  g_autoptr(GArray) regions = refine (text, TRUE);
  int caption = find_region (text, regions, DOSSIER_REGION_CAPTION, "credit");
  const DossierRegion *r = &g_array_index (regions, DossierRegion, (guint) caption);
  int paragraph = find_region (text, regions, DOSSIER_REGION_PARAGRAPH, "go on");
  const DossierRegion *p = &g_array_index (regions, DossierRegion, (guint) paragraph);

  g_assert_true (dossier_regions_is_furniture (regions, r->start, r->end));
  g_assert_true (dossier_regions_is_furniture (regions, r->start - 3, r->start + 1));
  g_assert_true (dossier_regions_is_furniture (regions, r->end - 1, r->end + 5));
  g_assert_false (dossier_regions_is_furniture (regions, p->start, p->end));
  g_assert_false (dossier_regions_is_furniture (regions, 0, 5));
  /* An empty span is asked about the code point at its start. */
  g_assert_true (dossier_regions_is_furniture (regions, r->start, r->start));
}

static void
test_empty_and_odd (void)
{
  g_autoptr(GArray) none = dossier_extract_regions ("", NULL);
  g_autoptr(GArray) spaces = dossier_extract_regions ("   \n\n  ", NULL);
  g_autoptr(GArray) odd = g_array_new (FALSE, FALSE, sizeof (DossierRegion));
  g_autoptr(GArray) clipped = NULL;
  DossierRegion r1 = { DOSSIER_REGION_PARAGRAPH, 0, 400 }, r2 = { DOSSIER_REGION_PARAGRAPH, 2, 5 };

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (spaces->len, ==, 0);
  /* Regions past the end or overlapping are clipped, never read out of bounds. */
  g_array_append_val (odd, r1);
  g_array_append_val (odd, r2);
  clipped = dossier_extract_regions ("Short text.", odd);
  g_assert_cmpuint (clipped->len, ==, 1);
  g_assert_cmpuint (g_array_index (clipped, DossierRegion, 0).end, ==, 11);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/extract-regions/caption/inside-paragraph", test_caption_inside_paragraph);
  g_test_add_func ("/extract-regions/caption/paragraph", test_caption_paragraph);
  g_test_add_func ("/extract-regions/boilerplate/newsletter", test_newsletter_prompt);
  g_test_add_func ("/extract-regions/boilerplate/share-line", test_share_line);
  g_test_add_func ("/extract-regions/headline/spliced", test_spliced_headline);
  g_test_add_func ("/extract-regions/headline/title-repeated", test_title_repeated);
  g_test_add_func ("/extract-regions/headline/heading-paragraph", test_heading_paragraph);
  g_test_add_func ("/extract-regions/without-regions", test_without_regions);
  g_test_add_func ("/extract-regions/idempotent", test_idempotent);
  g_test_add_func ("/extract-regions/multibyte-offsets", test_multibyte_offsets);
  g_test_add_func ("/extract-regions/is-furniture", test_is_furniture);
  g_test_add_func ("/extract-regions/empty-and-odd", test_empty_and_odd);

  return g_test_run ();
}
