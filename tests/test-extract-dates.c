/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dossier-core.h"
#include "dossier-extract.h"
#include "test-common.h"

/* Thursday, 20 June 2024 (ISO week 2024-W25): the date of the seed article. */
#define ANCHOR "2024-06-20"

typedef struct {
  const char           *text;        /* the expression as written; the nth occurrence */
  const char           *value;
  DossierDatePrecision  precision;
  gboolean              relative;
} Expected;

/* Code points from the start of @text to @needle's occurrence after byte @from. */
static void
expected_span (const char *text,
               const char *needle,
               gsize      *from,
               guint      *start,
               guint      *end)
{
  const char *p = strstr (text + *from, needle);

  g_assert_nonnull (p);
  *start = (guint) g_utf8_pointer_to_offset (text, p);
  *end = *start + (guint) g_utf8_strlen (needle, -1);
  *from = (gsize) (p - text) + strlen (needle);
}

/* The dates of @text are exactly @expected, in order, with their spans. */
static void
check_dates (const char     *text,
             const char     *anchor,
             const Expected *expected,
             guint           n_expected)
{
  g_autoptr(GPtrArray) dates = dossier_extract_dates (text, anchor);
  gsize from = 0;

  for (guint i = 0; i < MIN (dates->len, n_expected); i++)
    {
      DossierDateMention *d = g_ptr_array_index (dates, i);
      guint start, end;

      g_test_message ("\"%s\" %s", d->text, d->value);
      expected_span (text, expected[i].text, &from, &start, &end);
      g_assert_cmpstr (d->text, ==, expected[i].text);
      g_assert_cmpstr (d->value, ==, expected[i].value);
      g_assert_cmpint (d->precision, ==, expected[i].precision);
      g_assert_cmpint (d->relative, ==, expected[i].relative);
      g_assert_cmpuint (d->start, ==, start);
      g_assert_cmpuint (d->end, ==, end);
    }
  for (guint i = n_expected; i < dates->len; i++)
    g_test_message ("unexpected: \"%s\" %s",
                    ((DossierDateMention *) g_ptr_array_index (dates, i))->text,
                    ((DossierDateMention *) g_ptr_array_index (dates, i))->value);
  g_assert_cmpuint (dates->len, ==, n_expected);
}

/* The single date in @text, or none when @value is NULL. */
static void
check_one (const char           *text,
           const char           *anchor,
           const char           *surface,
           const char           *value,
           DossierDatePrecision  precision)
{
  if (value == NULL)
    {
      check_dates (text, anchor, NULL, 0);
      return;
    }
  else
    {
      Expected e = { surface, value, precision, FALSE };
      g_autoptr(GPtrArray) dates = dossier_extract_dates (text, anchor);

      g_assert_cmpuint (dates->len, ==, 1);
      e.relative = ((DossierDateMention *) g_ptr_array_index (dates, 0))->relative;
      check_dates (text, anchor, &e, 1);
    }
}

static void
test_precision_names (void)
{
  g_assert_cmpstr (dossier_date_precision_to_string (DOSSIER_DATE_DAY), ==, "day");
  g_assert_cmpstr (dossier_date_precision_to_string (DOSSIER_DATE_WEEK), ==, "week");
  g_assert_cmpstr (dossier_date_precision_to_string (DOSSIER_DATE_MONTH), ==, "month");
  g_assert_cmpstr (dossier_date_precision_to_string (DOSSIER_DATE_YEAR), ==, "year");
  dossier_date_mention_free (NULL);
}

static void
test_absolute (void)
{
  static const Expected expected[] = {
    { "May 19, 2024", "2024-05-19", DOSSIER_DATE_DAY, FALSE },
    { "19 May 2024", "2024-05-19", DOSSIER_DATE_DAY, FALSE },
    { "2024-05-19", "2024-05-19", DOSSIER_DATE_DAY, FALSE },
    { "May 2024", "2024-05", DOSSIER_DATE_MONTH, FALSE },
    { "2019", "2019", DOSSIER_DATE_YEAR, FALSE },
    { "2024-W21", "2024-W21", DOSSIER_DATE_WEEK, FALSE },
    { "Sept. 3, 2023", "2023-09-03", DOSSIER_DATE_DAY, FALSE },
    { "the 3rd of March, 2023", "2023-03-03", DOSSIER_DATE_DAY, FALSE },
    { "19/05/2024", "2024-05-19", DOSSIER_DATE_DAY, FALSE },
  };

  check_dates ("The Veldran accord was signed on May 19, 2024 in Ostrava, ratified on "
               "19 May 2024 and published as 2024-05-19. It was drafted in May 2024 and first "
               "proposed in 2019. Week 2024-W21 was busy. Talks began Sept. 3, 2023 (the 3rd of "
               "March, 2023 by some counts) and the log reads 19/05/2024.",
               ANCHOR, expected, G_N_ELEMENTS (expected));
}

static void
test_code_points (void)
{
  /* Two-, three- and four-byte characters before each date. */
  const char *text = "Şehir meclisi — 🎉 Zürich’te — met on May 19, 2024; the mayor of "
                     "Østervik left on Tuesday evening.";
  g_autoptr(GPtrArray) dates = dossier_extract_dates (text, ANCHOR);
  DossierDateMention *d;

  g_assert_cmpuint (dates->len, ==, 2);
  d = g_ptr_array_index (dates, 0);
  g_assert_cmpuint (d->start, ==, 37);
  g_assert_cmpuint (d->end, ==, 49);
  g_assert_cmpstr (d->text, ==, "May 19, 2024");
  g_assert_cmpstr (d->value, ==, "2024-05-19");
  d = g_ptr_array_index (dates, 1);
  g_assert_cmpuint (d->start, ==, 81);
  g_assert_cmpuint (d->end, ==, 96);
  g_assert_cmpstr (d->text, ==, "Tuesday evening");
  g_assert_cmpstr (d->value, ==, "2024-06-18");
  g_assert_cmpint (d->precision, ==, DOSSIER_DATE_DAY);
  g_assert_true (d->relative);
}

static void
test_partial (void)
{
  static const Expected expected[] = {
    { "May 19", "2024-05-19", DOSSIER_DATE_DAY, TRUE },
    { "May", "2024-05", DOSSIER_DATE_MONTH, TRUE },
    { "Tuesday", "2024-06-18", DOSSIER_DATE_DAY, TRUE },
    { "Tuesday evening", "2024-06-18", DOSSIER_DATE_DAY, TRUE },
    { "mid-March", "2024-03", DOSSIER_DATE_MONTH, TRUE },
    { "the end of May", "2024-05", DOSSIER_DATE_MONTH, TRUE },
    { "early 2023", "2023", DOSSIER_DATE_YEAR, FALSE },
    { "last September", "2023-09", DOSSIER_DATE_MONTH, TRUE },
    { "June 1st", "2024-06-01", DOSSIER_DATE_DAY, TRUE },
  };

  check_dates ("The ferry to Morrow Isle sank on May 19. Divers searched in May. Mayor Ilse "
               "Brandt spoke on Tuesday, and again on Tuesday evening. Repairs began in "
               "mid-March and ran to the end of May. Fares rose in early 2023 and last "
               "September. The line reopened June 1st.",
               ANCHOR, expected, G_N_ELEMENTS (expected));
}

static void
test_relative (void)
{
  static const Expected expected[] = {
    { "Yesterday", "2024-06-19", DOSSIER_DATE_DAY, TRUE },
    { "today", "2024-06-20", DOSSIER_DATE_DAY, TRUE },
    { "tomorrow", "2024-06-21", DOSSIER_DATE_DAY, TRUE },
    { "last week", "2024-W24", DOSSIER_DATE_WEEK, TRUE },
    { "this week", "2024-W25", DOSSIER_DATE_WEEK, TRUE },
    { "next week", "2024-W26", DOSSIER_DATE_WEEK, TRUE },
    { "Last month", "2024-05", DOSSIER_DATE_MONTH, TRUE },
    { "this month", "2024-06", DOSSIER_DATE_MONTH, TRUE },
    { "next month", "2024-07", DOSSIER_DATE_MONTH, TRUE },
    { "last year", "2023", DOSSIER_DATE_YEAR, TRUE },
    { "this year", "2024", DOSSIER_DATE_YEAR, TRUE },
    { "next year", "2025", DOSSIER_DATE_YEAR, TRUE },
    { "two days ago", "2024-06-18", DOSSIER_DATE_DAY, TRUE },
    { "three weeks ago", "2024-W22", DOSSIER_DATE_WEEK, TRUE },
    { "Earlier this month", "2024-06", DOSSIER_DATE_MONTH, TRUE },
    { "this weekend", "2024-W25-WE", DOSSIER_DATE_WEEK, TRUE },
    { "last night", "2024-06-19", DOSSIER_DATE_DAY, TRUE },
    { "the day before yesterday", "2024-06-18", DOSSIER_DATE_DAY, TRUE },
    { "earlier today", "2024-06-20", DOSSIER_DATE_DAY, TRUE },
  };

  check_dates ("Yesterday the Tarvell council said today and tomorrow would be quiet. Prices "
               "fell last week, held this week and may rise next week. Last month, this month "
               "and next month; last year, this year and next year. The audit began two days "
               "ago, the survey three weeks ago. Earlier this month the port closed. Crowds are "
               "expected this weekend. Storms hit last night and the day before yesterday. "
               "Councillor Pim Adebayo resigned earlier today.",
               ANCHOR, expected, G_N_ELEMENTS (expected));
}

static void
test_october_seven (void)
{
  /* Past by default; a future cue in the sentence turns it forward. */
  check_one ("Rebels in Calvora marked the October 7 raid with a march.", ANCHOR,
             "October 7", "2023-10-07", DOSSIER_DATE_DAY);
  check_one ("Voters in Calvora will go to the polls on October 7.", ANCHOR,
             "October 7", "2024-10-07", DOSSIER_DATE_DAY);
  check_one ("The summit is scheduled for October 7.", ANCHOR,
             "October 7", "2024-10-07", DOSSIER_DATE_DAY);
  /* The anchor's own month and day. */
  check_one ("Talks ended June 20.", ANCHOR, "June 20", "2024-06-20", DOSSIER_DATE_DAY);
  /* "will" in a later clause does not move an event reported in the past. */
  check_one ("Shares closed lower on Monday, amid fears that the bank will fail.", ANCHOR,
             "Monday", "2024-06-17", DOSSIER_DATE_DAY);
}

static void
test_weekdays (void)
{
  /* The anchor is a Thursday. */
  check_one ("Minister Oru Talvik visited Brenmouth on Tuesday.", ANCHOR,
             "Tuesday", "2024-06-18", DOSSIER_DATE_DAY);
  check_one ("Minister Oru Talvik will visit Brenmouth on Tuesday.", ANCHOR,
             "Tuesday", "2024-06-25", DOSSIER_DATE_DAY);
  check_one ("The vote is set for Saturday.", ANCHOR, "Saturday", "2024-06-22",
             DOSSIER_DATE_DAY);
  check_one ("The board met on Thursday.", ANCHOR, "Thursday", "2024-06-20", DOSSIER_DATE_DAY);
  check_one ("The board met on Friday.", ANCHOR, "Friday", "2024-06-14", DOSSIER_DATE_DAY);
  check_one ("They met last Thursday.", ANCHOR, "last Thursday", "2024-06-13",
             DOSSIER_DATE_DAY);
  check_one ("They meet next Tuesday.", ANCHOR, "next Tuesday", "2024-06-25",
             DOSSIER_DATE_DAY);
  check_one ("Monday's strike in Hallow Bay was called off.", ANCHOR, "Monday", "2024-06-17",
             DOSSIER_DATE_DAY);
  /* A date with the weekday gives the value. */
  check_one ("The ceasefire began on Tuesday, June 18 at noon.", ANCHOR, "Tuesday, June 18",
             "2024-06-18", DOSSIER_DATE_DAY);
  check_one ("Polls open Friday, 13 September 2024.", ANCHOR, "Friday, 13 September 2024",
             "2024-09-13", DOSSIER_DATE_DAY);
  /* Recurrences and names are no dates. */
  check_one ("The market opens every Monday.", ANCHOR, NULL, NULL, 0);
  check_one ("Black Monday is remembered in Brenmouth.", ANCHOR, NULL, NULL, 0);
  check_one ("The Sunday Times of Brenmouth reported it.", ANCHOR, NULL, NULL, 0);
  check_one ("He watched Monday Night Football.", ANCHOR, NULL, NULL, 0);
}

static void
test_weeks (void)
{
  /* 2021-01-03 is a Sunday in ISO week 2020-W53; 2024-12-30 a Monday in 2025-W01. */
  check_one ("It happened this week.", "2021-01-03", "this week", "2020-W53",
             DOSSIER_DATE_WEEK);
  check_one ("It happened last week.", "2021-01-03", "last week", "2020-W52",
             DOSSIER_DATE_WEEK);
  check_one ("It happens next week.", "2021-01-03", "next week", "2021-W01",
             DOSSIER_DATE_WEEK);
  check_one ("It happened this week.", "2024-12-30", "this week", "2025-W01",
             DOSSIER_DATE_WEEK);
  check_one ("It happened last week.", "2024-12-30", "last week", "2024-W52",
             DOSSIER_DATE_WEEK);
  check_one ("See week 2020-W53.", ANCHOR, "2020-W53", "2020-W53", DOSSIER_DATE_WEEK);
  check_one ("See week 2021-W53.", ANCHOR, NULL, NULL, 0);
}

static void
test_not_dates (void)
{
  check_one ("Residents may leave. May be later, said Karla Ostin.", ANCHOR, NULL, NULL, 0);
  check_one ("Theresa May spoke in Harwick.", ANCHOR, NULL, NULL, 0);
  check_one ("In May, Theresa May spoke in Harwick.", ANCHOR, NULL, NULL, 0);
  check_one ("Prime Minister May said no.", ANCHOR, NULL, NULL, 0);
  check_one ("Thousands joined the march. March on, they cried.", ANCHOR, NULL, NULL, 0);
  check_one ("The March on Harwick drew crowds.", ANCHOR, NULL, NULL, 0);
  check_one ("Exactly 2,024 people came; the fee was $2024 and 2000 troops left.", ANCHOR,
             NULL, NULL, 0);
  check_one ("The train left at 18:00 and at 20:24, 20.24 km out.", ANCHOR, NULL, NULL, 0);
  check_one ("Songs of the 1990s played on flight 1990 at a 1920 x 1080 resolution.", ANCHOR,
             NULL, NULL, 0);
  check_one ("The Russell 2000 Index fell.", ANCHOR, NULL, NULL, 0);
  check_one ("She writes for USA Today in Harwick.", ANCHOR, NULL, NULL, 0);
  check_one ("The file is dated 05/06/2024.", ANCHOR, NULL, NULL, 0);
  check_one ("April Ryan asked Jan Smith a question.", ANCHOR, NULL, NULL, 0);
  check_one ("She said so on \"This Week\" in Harwick.", ANCHOR, NULL, NULL, 0);
  /* And what they are next to. */
  check_one ("The decision may come on May 29.", ANCHOR, "May 29", "2024-05-29",
             DOSSIER_DATE_DAY);
  check_one ("Since March the council has met twice.", ANCHOR, "March", "2024-03",
             DOSSIER_DATE_MONTH);
  check_one ("The 2009-10 season, the 2009-born players.", ANCHOR, NULL, NULL, 0);
  {
    static const Expected years[] = {
      { "2009", "2009", DOSSIER_DATE_YEAR, FALSE },
      { "2011", "2011", DOSSIER_DATE_YEAR, FALSE },
      { "2014", "2014", DOSSIER_DATE_YEAR, FALSE },
      { "2016", "2016", DOSSIER_DATE_YEAR, FALSE },
      { "May 19", "2024-05-19", DOSSIER_DATE_DAY, TRUE },
    };

    check_dates ("Output doubled from 2009-2011 and between 2014 and 2016 it fell; the "
                 "May 19-20 summit followed.", ANCHOR, years, G_N_ELEMENTS (years));
  }
}

static void
test_anaphora (void)
{
  static const Expected expected[] = {
    { "Monday", "2024-06-17", DOSSIER_DATE_DAY, TRUE },
    { "the day", "2024-06-17", DOSSIER_DATE_DAY, TRUE },
    { "the same day", "2024-06-17", DOSSIER_DATE_DAY, TRUE },
    { "February", "2024-02", DOSSIER_DATE_MONTH, TRUE },
    { "the same period last year", "2023-02", DOSSIER_DATE_MONTH, TRUE },
    { "2022", "2022", DOSSIER_DATE_YEAR, FALSE },
    { "the previous year", "2021", DOSSIER_DATE_YEAR, TRUE },
  };

  check_dates ("The Ostrava index fell on Monday and ended the day lower. On the same day the "
               "central bank spoke. Sales rose in February compared with the same period last "
               "year. Exports grew in 2022 after falling the previous year.",
               ANCHOR, expected, G_N_ELEMENTS (expected));
}

static void
test_without_anchor (void)
{
  static const Expected expected[] = {
    { "May 19, 2024", "2024-05-19", DOSSIER_DATE_DAY, FALSE },
    { "2019", "2019", DOSSIER_DATE_YEAR, FALSE },
  };

  /* Relative and year-less dates need an anchor; absolute ones do not. */
  check_dates ("On Tuesday, a week after May 19, 2024, and yesterday, last week, in March "
               "and on June 3, as in 2019.", NULL, expected, G_N_ELEMENTS (expected));
  /* A date that is not a day is no anchor. */
  check_dates ("On Tuesday, a week after May 19, 2024, and yesterday, last week, in March "
               "and on June 3, as in 2019.", "2024-06", expected, G_N_ELEMENTS (expected));
}

static void
test_anchor (void)
{
  g_autofree char *from_meta = NULL, *from_rfc = NULL, *dateline = NULL, *frequent = NULL;
  g_autofree char *none = NULL, *bad_meta = NULL, *historic = NULL, *empty = NULL;
  g_autoptr(GString) long_text = g_string_new ("Harbour works in Velm\n\n");

  /* Metadata wins over the text. */
  from_meta = dossier_extract_anchor_date ("Velm, March 3, 2021 — The dam opened.",
                                           "2024-06-20");
  g_assert_cmpstr (from_meta, ==, "2024-06-20");
  from_rfc = dossier_extract_anchor_date (NULL, "Thu, 20 Jun 2024 10:15:00 GMT");
  g_assert_cmpstr (from_rfc, ==, "2024-06-20");

  /* Without it: the latest full date in the first paragraphs (the dateline). */
  dateline = dossier_extract_anchor_date ("Dam opens in Velm\n\nJune 20, 2024\n\nThe dam, "
                                          "begun on March 3, 2021, opened on Tuesday. The "
                                          "mayor said on June 18, 2024 that it was ready.",
                                          NULL);
  g_assert_cmpstr (dateline, ==, "2024-06-20");
  /* Metadata that is not a day does not count. */
  bad_meta = dossier_extract_anchor_date ("Velm\n\nJune 20, 2024\n\nThe dam opened.", "2024-06");
  g_assert_cmpstr (bad_meta, ==, "2024-06-20");

  /* Far from the top: the full date named most often. */
  for (guint i = 0; i < 40; i++)
    g_string_append (long_text, "The quay was rebuilt stone by stone over many seasons. ");
  g_string_append (long_text, "\n\nThe fair of April 2, 2024 drew crowds. A note of April 9, "
                   "2024 praised it. The fair of April 2, 2024 was the busiest.");
  frequent = dossier_extract_anchor_date (long_text->str, NULL);
  g_assert_cmpstr (frequent, ==, "2024-04-02");

  /* None at all. */
  none = dossier_extract_anchor_date ("The dam opened on Tuesday, in May 2024.", NULL);
  g_assert_null (none);
  empty = dossier_extract_anchor_date ("", NULL);
  g_assert_null (empty);

  /* A historical date at the top of a story that reports later events is no dateline. */
  historic = dossier_extract_anchor_date ("The flood of March 3, 1998, shaped Velm. The "
                                          "council repaired the dam in 2019.", NULL);
  g_assert_null (historic);
}

static void
test_long_paragraph (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) dates = NULL;

  /* One paragraph of about 100,000 tokens, matched in parts. */
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (text, "Report %u of the Velm council, filed on May %u, 2024, "
                            "lists no new works at the harbour or on the dam. ", i, i % 28 + 1);
  dates = dossier_extract_dates (text->str, ANCHOR);
  g_assert_cmpuint (dates->len, ==, 2000);
  for (guint i = 0; i < dates->len; i++)
    {
      DossierDateMention *d = g_ptr_array_index (dates, i);
      g_autofree char *value = g_strdup_printf ("2024-05-%02u", i % 28 + 1);
      g_autofree char *at = test_region_text (text->str, d->start, d->end);

      g_assert_cmpstr (d->value, ==, value);
      g_assert_cmpstr (at, ==, d->text);
    }
}

static void
test_odd_input (void)
{
  g_autoptr(GPtrArray) empty = dossier_extract_dates ("", ANCHOR);
  g_autoptr(GPtrArray) broken = dossier_extract_dates ("On May 19, 2024 \xff\xfe in \xe2\x80 "
                                                       "2019.", ANCHOR);
  g_autoptr(GPtrArray) edge = dossier_extract_dates ("May", ANCHOR);
  g_autoptr(GPtrArray) numbers = dossier_extract_dates ("31 2024 - / . 2024-13-45 "
                                                        "2024-02-30 February 30 "
                                                        "99/99/2024 9999-W99", ANCHOR);

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (broken->len, ==, 2);
  g_assert_cmpuint (edge->len, ==, 0);
  for (guint i = 0; i < numbers->len; i++)
    g_assert_cmpstr (((DossierDateMention *) g_ptr_array_index (numbers, i))->value, ==,
                     "2024");
}

/* The seed article: "the October 7 attack" in a text dated 2024-06-20 is 2023-10-07. */
static void
test_seed (void)
{
  g_autofree char *dir = test_shared_dir ("seeds");
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean seen = FALSE;

  if (dir == NULL)
    {
      g_test_skip ("../shared/seeds is not here");
      return;
    }
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL, *anchor = NULL;
      g_autoptr(DossierArticle) article = NULL;
      g_autoptr(GPtrArray) dates = NULL;
      g_autoptr(GError) error = NULL;
      gsize len;
      gboolean found = FALSE;

      if (!g_str_has_prefix (name, "000_") || !g_str_has_suffix (name, ".txt"))
        continue;
      seen = TRUE;
      g_assert_true (g_file_get_contents (path, &contents, &len, &error));
      article = dossier_text_import (contents, len, name, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (article->published, ==, "2024-06-20");
      anchor = dossier_extract_anchor_date (article->text, article->published);
      g_assert_cmpstr (anchor, ==, "2024-06-20");
      dates = dossier_extract_dates (article->text, anchor);
      for (guint i = 0; i < dates->len; i++)
        {
          DossierDateMention *d = g_ptr_array_index (dates, i);
          g_autofree char *at = test_region_text (article->text, d->start, d->end);

          g_test_message ("%s: \"%s\" %s", name, d->text, d->value);
          g_assert_cmpstr (at, ==, d->text);
          if (strcmp (d->text, "October 7") == 0)
            {
              g_assert_cmpstr (d->value, ==, "2023-10-07");
              g_assert_cmpint (d->precision, ==, DOSSIER_DATE_DAY);
              found = TRUE;
            }
        }
      /* Only where the text names the day at all. */
      if (strstr (article->text, "October 7") != NULL)
        g_assert_true (found);
    }
  g_assert_true (seen);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/extract/dates/precision-names", test_precision_names);
  g_test_add_func ("/extract/dates/absolute", test_absolute);
  g_test_add_func ("/extract/dates/code-points", test_code_points);
  g_test_add_func ("/extract/dates/partial", test_partial);
  g_test_add_func ("/extract/dates/relative", test_relative);
  g_test_add_func ("/extract/dates/october-seven", test_october_seven);
  g_test_add_func ("/extract/dates/weekdays", test_weekdays);
  g_test_add_func ("/extract/dates/weeks", test_weeks);
  g_test_add_func ("/extract/dates/not-dates", test_not_dates);
  g_test_add_func ("/extract/dates/anaphora", test_anaphora);
  g_test_add_func ("/extract/dates/without-anchor", test_without_anchor);
  g_test_add_func ("/extract/dates/anchor", test_anchor);
  g_test_add_func ("/extract/dates/long-paragraph", test_long_paragraph);
  g_test_add_func ("/extract/dates/odd-input", test_odd_input);
  g_test_add_func ("/extract/dates/seed", test_seed);

  return g_test_run ();
}
