/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dossier-core.h"
#include "dossier-extract.h"
#include "test-common.h"

/* A fictional report: a dated event naming two entities, a caption with a date and a credit,
 * a quote, and a sentence with a relative date. */
static const char article[] =
  "Harbour talks resume in Valdora\n"
  "\n"
  "Foreign Minister Tomas Ellery met officials of the United Nations in Geneva on May 19, "
  "2024. The talks lasted four hours.\n"
  "\n"
  "Ships wait outside the harbour on May 2, 2024. (credit: Northwind Wire/Ana Pell)\n"
  "\n"
  "\"We are close to an agreement,\" Ellery said on Tuesday.\n";

static guint
cp (const char *needle)
{
  const char *p = strstr (article, needle);

  g_assert_nonnull (p);
  return (guint) g_utf8_pointer_to_offset (article, p);
}

static const DossierEntityMention *
entity_named (DossierExtraction *extraction,
              const char        *name,
              guint             *index)
{
  for (guint i = 0; i < extraction->entities->len; i++)
    {
      const DossierEntityMention *entity = g_ptr_array_index (extraction->entities, i);

      if (g_strcmp0 (entity->name, name) == 0)
        {
          *index = i;
          return entity;
        }
    }
  return NULL;
}

static gboolean
has_index (GArray *indexes,
           guint   wanted)
{
  for (guint i = 0; i < indexes->len; i++)
    if (g_array_index (indexes, guint, i) == wanted)
      return TRUE;
  return FALSE;
}

static void
test_events (void)
{
  g_autoptr(DossierExtraction) extraction = dossier_extract_all (article, NULL, "2024-06-20");
  const DossierEventMention *event;
  const DossierDateMention *date;
  guint ellery = G_MAXUINT, geneva = G_MAXUINT;

  g_assert_cmpstr (extraction->anchor_date, ==, "2024-06-20");
  g_assert_nonnull (entity_named (extraction, "Tomas Ellery", &ellery));
  g_assert_nonnull (entity_named (extraction, "Geneva", &geneva));

  /* The caption's date is no event; the body's two dates are, in text order. */
  g_assert_cmpuint (extraction->events->len, ==, 2);

  event = g_ptr_array_index (extraction->events, 0);
  date = g_ptr_array_index (extraction->dates, event->date);
  g_assert_cmpstr (date->value, ==, "2024-05-19");
  g_assert_cmpuint (event->sentence_start, ==, cp ("Foreign Minister"));
  g_assert_cmpuint (event->sentence_end, ==, cp (" The talks lasted"));
  g_assert_true (has_index (event->entities, ellery));
  g_assert_true (has_index (event->entities, geneva));

  /* "on Tuesday" in a quote's sentence, resolved against Thursday 20 June 2024. */
  event = g_ptr_array_index (extraction->events, 1);
  date = g_ptr_array_index (extraction->dates, event->date);
  g_assert_cmpstr (date->value, ==, "2024-06-18");
  g_assert_cmpuint (event->sentence_start, ==, cp ("\"We are close"));
  g_assert_true (has_index (event->entities, ellery));
  g_assert_false (has_index (event->entities, geneva));
}

static void
test_furniture_and_quotes (void)
{
  g_autoptr(DossierExtraction) extraction = dossier_extract_all (article, NULL, "2024-06-20");
  guint caption = cp ("Ships wait");
  guint index = 0;
  gboolean caption_region = FALSE;

  for (guint i = 0; i < extraction->regions->len; i++)
    {
      const DossierRegion *region = &g_array_index (extraction->regions, DossierRegion, i);

      if (region->start <= caption && caption < region->end)
        caption_region = region->kind == DOSSIER_REGION_CAPTION;
    }
  g_assert_true (caption_region);

  /* One quote, from the body, with its speaker; the credit names no source. */
  g_assert_cmpuint (extraction->quotes->len, ==, 1);
  {
    const DossierQuoteMention *quote = g_ptr_array_index (extraction->quotes, 0);
    const DossierEntityMention *ellery = entity_named (extraction, "Tomas Ellery", &index);
    gboolean linked = FALSE;

    g_assert_cmpstr (quote->text, ==, "We are close to an agreement");
    g_assert_null (quote->outlet);
    /* The speaker as written, at a span that is a mention of the person's entity. */
    g_assert_cmpstr (quote->speaker, ==, "Ellery");
    g_assert_nonnull (ellery);
    for (guint m = 0; ellery != NULL && m < ellery->mentions->len; m++)
      {
        const DossierSpan *span = &g_array_index (ellery->mentions, DossierSpan, m);

        linked |= (int) span->start == quote->speaker_start &&
                  (int) span->end == quote->speaker_end;
      }
    g_assert_true (linked);
  }
}

static void
test_inferred_anchor (void)
{
  /* No metadata date: the anchor is read from the text, and "yesterday" resolved by it. */
  static const char text[] =
    "Valdora, March 4, 2025 - The port reopened yesterday, officials said.\n";
  g_autoptr(DossierExtraction) extraction = dossier_extract_all (text, NULL, NULL);
  gboolean found = FALSE;

  g_assert_cmpstr (extraction->anchor_date, ==, "2025-03-04");
  for (guint i = 0; i < extraction->dates->len; i++)
    {
      const DossierDateMention *date = g_ptr_array_index (extraction->dates, i);

      if (g_strcmp0 (date->text, "yesterday") == 0)
        {
          g_assert_cmpstr (date->value, ==, "2025-03-03");
          found = TRUE;
        }
    }
  g_assert_true (found);
}

static void
test_empty (void)
{
  g_autoptr(DossierExtraction) extraction = dossier_extract_all ("", NULL, NULL);

  g_assert_null (extraction->anchor_date);
  g_assert_cmpuint (extraction->entities->len, ==, 0);
  g_assert_cmpuint (extraction->dates->len, ==, 0);
  g_assert_cmpuint (extraction->quotes->len, ==, 0);
  g_assert_cmpuint (extraction->events->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/extract-all/events", test_events);
  g_test_add_func ("/extract-all/furniture-and-quotes", test_furniture_and_quotes);
  g_test_add_func ("/extract-all/inferred-anchor", test_inferred_anchor);
  g_test_add_func ("/extract-all/empty", test_empty);

  return g_test_run ();
}
