/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "dossier-extract.h"
#include "fuzz-common.h"

/*
 * The extractors over any text: the input is taken as UTF-8 (made valid when it is not, as
 * the importers would refuse it), then dossier_extract_all() runs twice: with no regions and
 * no document date, and with paragraph regions as an importer makes them and a fixed date.
 * The results must keep what dossier-extract.h promises: spans inside the text and in text
 * order, dates' and speakers' text the text at their span (a quote's words may leave out a
 * caption or a paragraph break inside it), ISO 8601 values, indexes that point somewhere.
 */

#define DOCUMENT_DATE "2024-06-20"

typedef struct {
  const char *text;
  guint       length;    /* in code points */
  gsize      *offsets;   /* byte offset of each code point, and of the end */
} Text;

static void
text_init (Text       *t,
           const char *text)
{
  guint n = 0;

  t->text = text;
  t->length = (guint) g_utf8_strlen (text, -1);
  t->offsets = g_new (gsize, t->length + 1);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    t->offsets[n++] = (gsize) (p - text);
  t->offsets[n] = strlen (text);
}

/* Aborts unless [start, end) lies in the text and is not empty. */
static void
check_span (const Text *t,
            const char *what,
            guint       i,
            guint       start,
            guint       end)
{
  if (start >= end)
    dossier_fuzz_fail ("%s %u: empty or reversed span [%u, %u)", what, i, start, end);
  if (end > t->length)
    dossier_fuzz_fail ("%s %u: span [%u, %u) ends past the text (%u characters)", what, i,
                       start, end, t->length);
}

/* Aborts unless @value is the text at [start, end): "the expression as written". */
static void
check_span_text (const Text *t,
                 const char *what,
                 guint       i,
                 guint       start,
                 guint       end,
                 const char *value)
{
  gsize len = t->offsets[end] - t->offsets[start];

  if (value == NULL)
    dossier_fuzz_fail ("%s %u: no text", what, i);
  if (strlen (value) != len || memcmp (value, t->text + t->offsets[start], len) != 0)
    dossier_fuzz_fail ("%s %u: text “%s” is not the text at [%u, %u) “%.*s”", what, i, value,
                       start, end, (int) len, t->text + t->offsets[start]);
}

/* Aborts unless the quote's words @value are the text at [start, end) as a reader takes it:
 * every character but spaces there, in order, with captions and the marks that open a
 * continued paragraph possibly left out (see quote_text() in dossier-extract-quotes.c). */
static void
check_quote_words (const Text *t,
                   guint       i,
                   guint       start,
                   guint       end,
                   const char *value)
{
  guint at = start;

  if (value == NULL)
    dossier_fuzz_fail ("quote %u: no text", i);
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ')
        continue;
      while (at < end && g_utf8_get_char (t->text + t->offsets[at]) != c)
        at++;
      if (at == end)
        dossier_fuzz_fail ("quote %u: text “%s” is not made of the text at [%u, %u) “%.*s”", i,
                           value, start, end, (int) (t->offsets[end] - t->offsets[start]),
                           t->text + t->offsets[start]);
      at++;
    }
}

static void
check_string (const char *what,
              guint       i,
              const char *value,
              gboolean    may_be_null)
{
  if (value == NULL)
    {
      if (!may_be_null)
        dossier_fuzz_fail ("%s %u: missing", what, i);
      return;
    }
  if (!g_utf8_validate (value, -1, NULL))
    dossier_fuzz_fail ("%s %u: not valid UTF-8", what, i);
  if (value[0] == '\0')
    dossier_fuzz_fail ("%s %u: empty string", what, i);
}

/* Values */

static gboolean
digits (const char *s,
        guint       n,
        guint      *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      *value = *value * 10 + (guint) g_ascii_digit_value (s[i]);
    }
  return TRUE;
}

/* Whether ISO year @year has 53 weeks: it starts on a Thursday, or is a leap year starting
 * on a Wednesday. */
static gboolean
has_week_53 (guint year)
{
  g_autoptr(GDateTime) jan1 = g_date_time_new_utc ((int) year, 1, 1, 0, 0, 0);
  int weekday = g_date_time_get_day_of_week (jan1);

  return weekday == 4 || (weekday == 3 && g_date_is_leap_year ((GDateYear) year));
}

/* Whether @value is ISO 8601 / TimeML at @precision: 2024, 2024-05, 2024-05-19, 2024-W21 or
 * 2024-W21-WE, with a four-digit year from 0001 and a month, day or week that exists. */
static gboolean
value_is_well_formed (const char           *value,
                      DossierDatePrecision  precision)
{
  gsize len = strlen (value);
  guint year, month, day, week;

  if (len < 4 || !digits (value, 4, &year) || year == 0)
    return FALSE;
  switch (precision)
    {
    case DOSSIER_DATE_YEAR:
      return len == 4;
    case DOSSIER_DATE_MONTH:
      return len == 7 && value[4] == '-' && digits (value + 5, 2, &month) &&
             month >= 1 && month <= 12;
    case DOSSIER_DATE_DAY:
      return len == 10 && value[4] == '-' && value[7] == '-' && digits (value + 5, 2, &month) &&
             digits (value + 8, 2, &day) &&
             g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
    case DOSSIER_DATE_WEEK:
      /* A weekend is a week's: 2024-W21-WE. */
      return (len == 8 || (len == 11 && strcmp (value + 8, "-WE") == 0)) &&
             value[4] == '-' && value[5] == 'W' && digits (value + 6, 2, &week) &&
             week >= 1 && (week <= 52 || (week == 53 && has_week_53 (year)));
    default:
      return FALSE;
    }
}

/* The checks */

static void
check_regions (const Text *t,
               GArray     *given,
               GArray     *regions)
{
  guint previous_end = 0;
  guint k = 0;

  if (regions == NULL)
    dossier_fuzz_fail ("no region array");
  for (guint i = 0; i < regions->len; i++)
    {
      const DossierRegion *r = &g_array_index (regions, DossierRegion, i);

      if (r->kind > DOSSIER_REGION_BOILERPLATE)
        dossier_fuzz_fail ("region %u: kind %d", i, (int) r->kind);
      check_span (t, "region", i, r->start, r->end);
      if (r->start < previous_end)
        dossier_fuzz_fail ("region %u starts at %u, before region %u ends (%u)", i, r->start,
                           i - 1, previous_end);
      previous_end = r->end;
    }

  /* Given regions are refined, never moved: each is covered exactly by refined ones. */
  for (guint g = 0; given != NULL && g < given->len; g++)
    {
      const DossierRegion *in = &g_array_index (given, DossierRegion, g);
      guint pos = in->start;

      while (k < regions->len && g_array_index (regions, DossierRegion, k).end <= in->start)
        k++;
      while (pos < in->end)
        {
          const DossierRegion *out;

          if (k >= regions->len)
            dossier_fuzz_fail ("given region %u [%u, %u) is not covered from %u", g, in->start,
                               in->end, pos);
          out = &g_array_index (regions, DossierRegion, k);
          if (out->start != pos || out->end > in->end)
            dossier_fuzz_fail ("given region %u [%u, %u): refined region %u is [%u, %u), "
                               "expected one from %u", g, in->start, in->end, k, out->start,
                               out->end, pos);
          pos = out->end;
          k++;
        }
    }
}

static void
check_entities (const Text *t,
                GPtrArray  *entities)
{
  if (entities == NULL)
    dossier_fuzz_fail ("no entity array");
  for (guint i = 0; i < entities->len; i++)
    {
      const DossierEntityMention *e = g_ptr_array_index (entities, i);
      guint previous_start = 0;

      check_string ("entity name", i, e->name, FALSE);
      if (e->kind > DOSSIER_ENTITY_OUTLET)
        dossier_fuzz_fail ("entity %u: kind %d", i, (int) e->kind);
      for (guint j = 0; e->aliases != NULL && j < e->aliases->len; j++)
        check_string ("entity alias", i, g_ptr_array_index (e->aliases, j), FALSE);
      if (e->mentions == NULL || e->mentions->len == 0)
        dossier_fuzz_fail ("entity %u (%s): no mentions", i, e->name);
      for (guint j = 0; j < e->mentions->len; j++)
        {
          const DossierSpan *m = &g_array_index (e->mentions, DossierSpan, j);

          check_span (t, "entity mention", j, m->start, m->end);
          if (m->start < previous_start)
            dossier_fuzz_fail ("entity %u (%s): mention %u at %u is before the one at %u", i,
                               e->name, j, m->start, previous_start);
          previous_start = m->start;
        }
    }
}

static void
check_dates (const Text *t,
             GPtrArray  *dates)
{
  guint previous_start = 0;

  if (dates == NULL)
    dossier_fuzz_fail ("no date array");
  for (guint i = 0; i < dates->len; i++)
    {
      const DossierDateMention *d = g_ptr_array_index (dates, i);

      check_span (t, "date", i, d->start, d->end);
      check_span_text (t, "date", i, d->start, d->end, d->text);
      if (d->start < previous_start)
        dossier_fuzz_fail ("date %u at %u is before the one at %u", i, d->start,
                           previous_start);
      previous_start = d->start;
      if ((guint) d->precision > DOSSIER_DATE_YEAR)
        dossier_fuzz_fail ("date %u: precision %d", i, (int) d->precision);
      if (d->value == NULL || !value_is_well_formed (d->value, d->precision))
        dossier_fuzz_fail ("date %u “%s”: value “%s” is not a well-formed %s", i, d->text,
                           d->value ? d->value : "(null)",
                           dossier_date_precision_to_string (d->precision));
    }
}

static void
check_quotes (const Text *t,
              GPtrArray  *quotes)
{
  guint previous_start = 0;

  if (quotes == NULL)
    dossier_fuzz_fail ("no quote array");
  for (guint i = 0; i < quotes->len; i++)
    {
      const DossierQuoteMention *q = g_ptr_array_index (quotes, i);

      check_span (t, "quote", i, q->start, q->end);
      check_quote_words (t, i, q->start, q->end, q->text);
      if (q->start < previous_start)
        dossier_fuzz_fail ("quote %u at %u is before the one at %u", i, q->start,
                           previous_start);
      previous_start = q->start;
      check_string ("quote speaker", i, q->speaker, TRUE);
      check_string ("quote outlet", i, q->outlet, TRUE);
      check_string ("quote cue", i, q->cue, TRUE);
      if (q->speaker_start < 0 || q->speaker_end < 0)
        {
          if (q->speaker_start != -1 || q->speaker_end != -1)
            dossier_fuzz_fail ("quote %u: speaker span [%d, %d)", i, q->speaker_start,
                               q->speaker_end);
          if (q->speaker != NULL)
            dossier_fuzz_fail ("quote %u: speaker “%s” without a span", i, q->speaker);
        }
      else
        {
          if (q->speaker == NULL)
            dossier_fuzz_fail ("quote %u: a speaker span [%d, %d) without a speaker", i,
                               q->speaker_start, q->speaker_end);
          check_span (t, "quote speaker", i, (guint) q->speaker_start, (guint) q->speaker_end);
          check_span_text (t, "quote speaker", i, (guint) q->speaker_start,
                           (guint) q->speaker_end, q->speaker);
        }
    }
}

static void
check_events (const Text        *t,
              DossierExtraction *x)
{
  guint previous_date = 0;

  if (x->events == NULL)
    dossier_fuzz_fail ("no event array");
  for (guint i = 0; i < x->events->len; i++)
    {
      const DossierEventMention *e = g_ptr_array_index (x->events, i);
      const DossierDateMention *d;

      if (e->date >= x->dates->len)
        dossier_fuzz_fail ("event %u: date %u of %u", i, e->date, x->dates->len);
      if (i > 0 && e->date <= previous_date)
        dossier_fuzz_fail ("event %u: date %u after date %u", i, e->date, previous_date);
      previous_date = e->date;
      d = g_ptr_array_index (x->dates, e->date);
      check_span (t, "event sentence", i, e->sentence_start, e->sentence_end);
      if (e->sentence_start > d->start || e->sentence_end < d->end)
        dossier_fuzz_fail ("event %u: sentence [%u, %u) does not hold its date [%u, %u)", i,
                           e->sentence_start, e->sentence_end, d->start, d->end);
      if (e->entities == NULL)
        dossier_fuzz_fail ("event %u: no entity array", i);
      for (guint j = 0; j < e->entities->len; j++)
        {
          guint entity = g_array_index (e->entities, guint, j);

          if (entity >= x->entities->len)
            dossier_fuzz_fail ("event %u: entity %u of %u", i, entity, x->entities->len);
          if (j > 0 && entity <= g_array_index (e->entities, guint, j - 1))
            dossier_fuzz_fail ("event %u: entities not sorted and distinct", i);
        }
    }
}

static void
check_extraction (const Text        *t,
                  GArray            *given,
                  const char        *document_date,
                  DossierExtraction *x)
{
  if (x == NULL)
    dossier_fuzz_fail ("no extraction");
  if (x->anchor_date != NULL && !value_is_well_formed (x->anchor_date, DOSSIER_DATE_DAY))
    dossier_fuzz_fail ("anchor date “%s” is not YYYY-MM-DD", x->anchor_date);
  if (document_date != NULL && g_strcmp0 (x->anchor_date, document_date) != 0)
    dossier_fuzz_fail ("anchor date %s, not the document date %s",
                       x->anchor_date ? x->anchor_date : "(null)", document_date);
  check_regions (t, given, x->regions);
  check_entities (t, x->entities);
  check_dates (t, x->dates);
  check_quotes (t, x->quotes);
  check_events (t, x);
}

/* Paragraph regions as the importers make them: the stretches between blank lines. */
static GArray *
paragraph_regions (const Text *t)
{
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (DossierRegion));
  guint start = 0;

  for (guint i = 0; i <= t->length; i++)
    {
      gboolean at_end = i == t->length;

      if (!at_end && !(t->text[t->offsets[i]] == '\n' && i + 1 < t->length &&
                       t->text[t->offsets[i + 1]] == '\n'))
        continue;
      if (i > start)
        {
          DossierRegion region = { DOSSIER_REGION_PARAGRAPH, start, i };

          g_array_append_val (regions, region);
        }
      if (at_end)
        break;
      while (i < t->length && t->text[t->offsets[i]] == '\n')
        i++;
      start = i;
      i--;
    }
  return regions;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(GArray) regions = NULL;
  Text t;

  /* The importers refuse invalid UTF-8 and NUL bytes; the extractors are only ever given
   * valid text, so make it valid rather than drop the input. */
  if (size == 0)
    text = g_strdup ("");
  else if (g_utf8_validate_len ((const char *) data, size, NULL))
    text = g_strndup ((const char *) data, size);
  else
    text = g_utf8_make_valid ((const char *) data, (gssize) size);
  text_init (&t, text);

  {
    g_autoptr(DossierExtraction) x = dossier_extract_all (text, NULL, NULL);

    check_extraction (&t, NULL, NULL, x);
  }
  regions = paragraph_regions (&t);
  {
    g_autoptr(DossierExtraction) x = dossier_extract_all (text, regions, DOCUMENT_DATE);

    check_extraction (&t, regions, DOCUMENT_DATE, x);
  }
  g_free (t.offsets);
  return 0;
}
