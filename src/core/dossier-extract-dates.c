/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-extract"

/*
 * Dates in news text: absolute and partial dates ("May 19, 2024", "19 May", "May 2024",
 * "2024", "2024-05-19"), weekdays ("on Tuesday evening"), relative expressions ("yesterday",
 * "last week", "two days ago", "earlier this month") and a few anaphoric ones ("the same
 * day", "the same period last year"), resolved against the document's date.  Values follow
 * TimeML (2024, 2024-05, 2024-05-19, 2024-W21, 2024-W21-WE).
 *
 * A hand-rolled scanner rather than regular expressions: one pass splits each paragraph
 * into tokens (words, numbers, punctuation) with their code-point offsets and looks every
 * word up in a small open-addressing table of the few hundred words that matter; the
 * patterns then run over the tokens of the paragraph.  Everything is linear in the text
 * (the look-around for tense cues is bounded), so the cost is that of the tokenizer.
 *
 * Year-less dates and weekdays are ambiguous between the past and the future.  News is
 * written mostly in the past tense, so the most recent occurrence wins ("October 7" in a
 * June 2024 article is 2023-10-07) unless the nearest tense cue in the sentence looks
 * forward ("will", "scheduled", "next").
 */

#include <stdio.h>
#include <string.h>

#include "dossier-extract.h"
#include "dossier-text-scan.h"

/* Keywords */

typedef enum {
  KC_NONE,
  KC_MONTH,
  KC_WEEKDAY,
  KC_DAYREL,      /* yesterday, today, tomorrow: value is the offset in days */
  KC_UNIT,        /* day(s), week(s), month(s), year(s), weekend, period */
  KC_NUMBER,      /* a, one, two, …: value is the number */
  KC_DAYPART,     /* morning, evening */
  KC_ORDINAL,     /* st, nd, rd, th */
  KC_WORD,
} KeywordClass;

enum {
  KF_AMBIGUOUS    = 1 << 0,   /* May, March: also a modal, a name, a verb, a noun */
  KF_ABBREVIATION = 1 << 1,   /* Jan, Sept: a month only next to a day or a year */
  KF_FUNCTION     = 1 << 2,   /* may stand capitalized before a date: "On Tuesday", "Since May" */
  KF_YEAR_CUE     = 1 << 3,   /* makes a bare number a year: "in 2009", "since 1992" */
  KF_MONTH_CUE    = 1 << 4,   /* makes a bare May or March a month: "in May", "until March" */
  KF_FUTURE       = 1 << 5,   /* tense cues */
  KF_PAST         = 1 << 6,
  KF_AUX          = 1 << 7,   /* "is", "be", "will": an -ed word after it is no past tense */
  KF_NOT_YEAR     = 1 << 8,   /* "No. 2024", "flight 1990" */
  KF_DOT          = 1 << 9,   /* an abbreviation whose dot does not end the sentence */
  KF_DAY_VERB     = 1 << 10,  /* "ended the day", "to open the day" */
  KF_NOT_PAST     = 1 << 11,  /* ends in -ed, yet no past tense: "indeed", "hundred" */
  KF_SET          = 1 << 12,  /* "every", "each": a weekday after it is a recurrence */
  KF_STARTER      = 1 << 13,  /* may begin a date expression */
  KF_NEEDS_AUX    = 1 << 14,  /* a future cue only after an auxiliary: "is due to" looks
                               * forward, "closed due to" and "analysts expected" do not */
  KF_MODAL        = 1 << 15,  /* "would", "could": the sentence is not plainly past */
  KF_BOUND        = 1 << 16,  /* "by 2030", "until 2030": a limit, not an event */
  KF_EVENT_PREP   = 1 << 17,  /* "in 2013", "on May 5", "since 2012": when something happened */
  KF_LINK         = 1 << 18,  /* "and", "or", "to": a cue only after a year or a month, as in
                               * "2014 and 2016", "April to May"; not in "and 2000 troops" */
};

typedef struct {
  const char *word;       /* lowercase */
  guint8      klass;
  gint8       value;
  guint32     flags;
} Keyword;

/* The keywords the patterns name; the table below also holds words that only carry flags. */
typedef enum {
  KW_NONE,
  KW_JANUARY, KW_FEBRUARY, KW_MARCH, KW_APRIL, KW_MAY, KW_JUNE, KW_JULY, KW_AUGUST,
  KW_SEPTEMBER, KW_OCTOBER, KW_NOVEMBER, KW_DECEMBER,
  KW_JAN, KW_FEB, KW_MAR, KW_APR, KW_JUN, KW_JUL, KW_AUG, KW_SEP, KW_SEPT, KW_OCT, KW_NOV,
  KW_DEC,
  KW_MONDAY, KW_TUESDAY, KW_WEDNESDAY, KW_THURSDAY, KW_FRIDAY, KW_SATURDAY, KW_SUNDAY,
  KW_YESTERDAY, KW_TODAY, KW_TOMORROW, KW_TONIGHT,
  KW_DAY, KW_DAYS, KW_WEEK, KW_WEEKS, KW_MONTH, KW_MONTHS, KW_YEAR, KW_YEARS, KW_WEEKEND,
  KW_PERIOD,
  KW_A, KW_AN, KW_ONE, KW_TWO, KW_THREE, KW_FOUR, KW_FIVE, KW_SIX, KW_SEVEN, KW_EIGHT,
  KW_NINE, KW_TEN, KW_ELEVEN, KW_TWELVE, KW_FIFTEEN, KW_TWENTY, KW_THIRTY, KW_FORTY,
  KW_FIFTY,
  KW_MORNING, KW_AFTERNOON, KW_EVENING, KW_NIGHT,
  KW_ST, KW_ND, KW_RD, KW_TH,
  KW_LAST, KW_NEXT, KW_THIS, KW_COMING, KW_PAST, KW_PREVIOUS, KW_PRIOR, KW_CURRENT,
  KW_SAME, KW_THAT, KW_THE, KW_EARLIER, KW_LATER, KW_EARLY, KW_LATE, KW_MID,
  KW_BEGINNING, KW_START, KW_END, KW_MIDDLE, KW_OF, KW_AGO, KW_BEFORE, KW_AFTER, KW_IN,
  KW_EVERY, KW_EACH,
  KW_N_NAMED
} KeywordId;

#define MONTH_CUES (KF_FUNCTION | KF_YEAR_CUE | KF_MONTH_CUE)
#define MODIFIER (KF_STARTER | KF_FUNCTION)

static const Keyword keywords[] = {
  [KW_NONE] = { NULL, KC_NONE, 0, 0 },
  [KW_JANUARY] = { "january", KC_MONTH, 1, KF_STARTER },
  [KW_FEBRUARY] = { "february", KC_MONTH, 2, KF_STARTER },
  [KW_MARCH] = { "march", KC_MONTH, 3, KF_STARTER | KF_AMBIGUOUS },
  [KW_APRIL] = { "april", KC_MONTH, 4, KF_STARTER },
  [KW_MAY] = { "may", KC_MONTH, 5, KF_STARTER | KF_AMBIGUOUS | KF_AUX | KF_MODAL },
  [KW_JUNE] = { "june", KC_MONTH, 6, KF_STARTER },
  [KW_JULY] = { "july", KC_MONTH, 7, KF_STARTER },
  [KW_AUGUST] = { "august", KC_MONTH, 8, KF_STARTER },
  [KW_SEPTEMBER] = { "september", KC_MONTH, 9, KF_STARTER },
  [KW_OCTOBER] = { "october", KC_MONTH, 10, KF_STARTER },
  [KW_NOVEMBER] = { "november", KC_MONTH, 11, KF_STARTER },
  [KW_DECEMBER] = { "december", KC_MONTH, 12, KF_STARTER },
  [KW_JAN] = { "jan", KC_MONTH, 1, KF_STARTER | KF_ABBREVIATION | KF_DOT },
  [KW_FEB] = { "feb", KC_MONTH, 2, KF_STARTER | KF_ABBREVIATION | KF_DOT },
  [KW_MAR] = { "mar", KC_MONTH, 3, KF_STARTER | KF_ABBREVIATION | KF_DOT },
  [KW_APR] = { "apr", KC_MONTH, 4, KF_STARTER | KF_ABBREVIATION | KF_DOT },
  [KW_JUN] = { "jun", KC_MONTH, 6, KF_STARTER | KF_ABBREVIATION | KF_DOT },
  [KW_JUL] = { "jul", KC_MONTH, 7, KF_STARTER | KF_ABBREVIATION | KF_DOT },
  [KW_AUG] = { "aug", KC_MONTH, 8, KF_STARTER | KF_ABBREVIATION | KF_DOT },
  [KW_SEP] = { "sep", KC_MONTH, 9, KF_STARTER | KF_ABBREVIATION | KF_DOT },
  [KW_SEPT] = { "sept", KC_MONTH, 9, KF_STARTER | KF_ABBREVIATION | KF_DOT },
  [KW_OCT] = { "oct", KC_MONTH, 10, KF_STARTER | KF_ABBREVIATION | KF_DOT },
  [KW_NOV] = { "nov", KC_MONTH, 11, KF_STARTER | KF_ABBREVIATION | KF_DOT },
  [KW_DEC] = { "dec", KC_MONTH, 12, KF_STARTER | KF_ABBREVIATION | KF_DOT },
  [KW_MONDAY] = { "monday", KC_WEEKDAY, 1, KF_STARTER },
  [KW_TUESDAY] = { "tuesday", KC_WEEKDAY, 2, KF_STARTER },
  [KW_WEDNESDAY] = { "wednesday", KC_WEEKDAY, 3, KF_STARTER },
  [KW_THURSDAY] = { "thursday", KC_WEEKDAY, 4, KF_STARTER },
  [KW_FRIDAY] = { "friday", KC_WEEKDAY, 5, KF_STARTER },
  [KW_SATURDAY] = { "saturday", KC_WEEKDAY, 6, KF_STARTER },
  [KW_SUNDAY] = { "sunday", KC_WEEKDAY, 7, KF_STARTER },
  [KW_YESTERDAY] = { "yesterday", KC_DAYREL, -1, KF_STARTER | KF_PAST },
  [KW_TODAY] = { "today", KC_DAYREL, 0, KF_STARTER },
  [KW_TOMORROW] = { "tomorrow", KC_DAYREL, 1, KF_STARTER | KF_FUTURE },
  [KW_TONIGHT] = { "tonight", KC_DAYREL, 0, KF_STARTER },
  [KW_DAY] = { "day", KC_UNIT, 0, 0 },
  [KW_DAYS] = { "days", KC_UNIT, 0, 0 },
  [KW_WEEK] = { "week", KC_UNIT, 0, 0 },
  [KW_WEEKS] = { "weeks", KC_UNIT, 0, 0 },
  [KW_MONTH] = { "month", KC_UNIT, 0, 0 },
  [KW_MONTHS] = { "months", KC_UNIT, 0, 0 },
  [KW_YEAR] = { "year", KC_UNIT, 0, KF_YEAR_CUE },
  [KW_YEARS] = { "years", KC_UNIT, 0, 0 },
  [KW_WEEKEND] = { "weekend", KC_UNIT, 0, 0 },
  [KW_PERIOD] = { "period", KC_UNIT, 0, 0 },
  [KW_A] = { "a", KC_NUMBER, 1, KF_STARTER },
  [KW_AN] = { "an", KC_NUMBER, 1, KF_STARTER },
  [KW_ONE] = { "one", KC_NUMBER, 1, KF_STARTER },
  [KW_TWO] = { "two", KC_NUMBER, 2, KF_STARTER },
  [KW_THREE] = { "three", KC_NUMBER, 3, KF_STARTER },
  [KW_FOUR] = { "four", KC_NUMBER, 4, KF_STARTER },
  [KW_FIVE] = { "five", KC_NUMBER, 5, KF_STARTER },
  [KW_SIX] = { "six", KC_NUMBER, 6, KF_STARTER },
  [KW_SEVEN] = { "seven", KC_NUMBER, 7, KF_STARTER },
  [KW_EIGHT] = { "eight", KC_NUMBER, 8, KF_STARTER },
  [KW_NINE] = { "nine", KC_NUMBER, 9, KF_STARTER },
  [KW_TEN] = { "ten", KC_NUMBER, 10, KF_STARTER },
  [KW_ELEVEN] = { "eleven", KC_NUMBER, 11, KF_STARTER },
  [KW_TWELVE] = { "twelve", KC_NUMBER, 12, KF_STARTER },
  [KW_FIFTEEN] = { "fifteen", KC_NUMBER, 15, KF_STARTER },
  [KW_TWENTY] = { "twenty", KC_NUMBER, 20, KF_STARTER },
  [KW_THIRTY] = { "thirty", KC_NUMBER, 30, KF_STARTER },
  [KW_FORTY] = { "forty", KC_NUMBER, 40, KF_STARTER },
  [KW_FIFTY] = { "fifty", KC_NUMBER, 50, KF_STARTER },
  [KW_MORNING] = { "morning", KC_DAYPART, 0, 0 },
  [KW_AFTERNOON] = { "afternoon", KC_DAYPART, 0, 0 },
  [KW_EVENING] = { "evening", KC_DAYPART, 0, 0 },
  [KW_NIGHT] = { "night", KC_DAYPART, 0, 0 },
  [KW_ST] = { "st", KC_ORDINAL, 0, KF_DOT },
  [KW_ND] = { "nd", KC_ORDINAL, 0, 0 },
  [KW_RD] = { "rd", KC_ORDINAL, 0, 0 },
  [KW_TH] = { "th", KC_ORDINAL, 0, 0 },
  [KW_LAST] = { "last", KC_WORD, 0, MODIFIER | KF_MONTH_CUE | KF_PAST },
  [KW_NEXT] = { "next", KC_WORD, 0, MODIFIER | KF_MONTH_CUE | KF_FUTURE },
  [KW_THIS] = { "this", KC_WORD, 0, MODIFIER | KF_MONTH_CUE },
  [KW_COMING] = { "coming", KC_WORD, 0, MODIFIER | KF_FUTURE },
  [KW_PAST] = { "past", KC_WORD, 0, KF_FUNCTION },
  [KW_PREVIOUS] = { "previous", KC_WORD, 0, MODIFIER },
  [KW_PRIOR] = { "prior", KC_WORD, 0, MODIFIER },
  [KW_CURRENT] = { "current", KC_WORD, 0, MODIFIER },
  [KW_SAME] = { "same", KC_WORD, 0, 0 },
  [KW_THAT] = { "that", KC_WORD, 0, MODIFIER },
  [KW_THE] = { "the", KC_WORD, 0, MODIFIER | KF_YEAR_CUE },
  [KW_EARLIER] = { "earlier", KC_WORD, 0, MODIFIER | KF_PAST },
  [KW_LATER] = { "later", KC_WORD, 0, MODIFIER },
  [KW_EARLY] = { "early", KC_WORD, 0, MODIFIER | MONTH_CUES },
  [KW_LATE] = { "late", KC_WORD, 0, MODIFIER | MONTH_CUES },
  [KW_MID] = { "mid", KC_WORD, 0, MODIFIER | MONTH_CUES },
  [KW_BEGINNING] = { "beginning", KC_WORD, 0, MODIFIER | KF_DAY_VERB },
  [KW_START] = { "start", KC_WORD, 0, MODIFIER | KF_DAY_VERB },
  [KW_END] = { "end", KC_WORD, 0, MODIFIER | KF_DAY_VERB },
  [KW_MIDDLE] = { "middle", KC_WORD, 0, MODIFIER },
  [KW_OF] = { "of", KC_WORD, 0, MONTH_CUES },
  [KW_AGO] = { "ago", KC_WORD, 0, KF_PAST },
  [KW_BEFORE] = { "before", KC_WORD, 0, MONTH_CUES },
  [KW_AFTER] = { "after", KC_WORD, 0, MONTH_CUES },
  [KW_IN] = { "in", KC_WORD, 0, MONTH_CUES | KF_EVENT_PREP },
  [KW_EVERY] = { "every", KC_WORD, 0, KF_SET },
  [KW_EACH] = { "each", KC_WORD, 0, KF_SET },

  /* Prepositions and conjunctions around dates. */
  { "on", KC_WORD, 0, KF_FUNCTION | KF_EVENT_PREP },
  { "at", KC_WORD, 0, KF_FUNCTION },
  { "by", KC_WORD, 0, MONTH_CUES | KF_BOUND },
  { "since", KC_WORD, 0, MONTH_CUES | KF_EVENT_PREP },
  { "until", KC_WORD, 0, MONTH_CUES | KF_BOUND },
  { "till", KC_WORD, 0, MONTH_CUES | KF_BOUND },
  { "from", KC_WORD, 0, MONTH_CUES },
  { "to", KC_WORD, 0, KF_FUNCTION | KF_LINK | KF_BOUND | KF_AUX },
  { "through", KC_WORD, 0, MONTH_CUES | KF_BOUND },
  { "throughout", KC_WORD, 0, MONTH_CUES },
  { "during", KC_WORD, 0, MONTH_CUES | KF_EVENT_PREP },
  { "between", KC_WORD, 0, MONTH_CUES },
  { "and", KC_WORD, 0, KF_FUNCTION | KF_LINK },
  { "or", KC_WORD, 0, KF_FUNCTION | KF_LINK },
  { "around", KC_WORD, 0, KF_FUNCTION | KF_YEAR_CUE },
  { "circa", KC_WORD, 0, KF_FUNCTION | KF_YEAR_CUE },
  { "fiscal", KC_WORD, 0, KF_YEAR_CUE },
  { "spring", KC_WORD, 0, KF_YEAR_CUE },
  { "summer", KC_WORD, 0, KF_YEAR_CUE },
  { "autumn", KC_WORD, 0, KF_YEAR_CUE },
  { "fall", KC_WORD, 0, KF_YEAR_CUE },
  { "winter", KC_WORD, 0, KF_YEAR_CUE },
  { "but", KC_WORD, 0, KF_FUNCTION },
  { "as", KC_WORD, 0, KF_FUNCTION },
  { "for", KC_WORD, 0, KF_FUNCTION },
  { "then", KC_WORD, 0, KF_FUNCTION },
  { "also", KC_WORD, 0, KF_FUNCTION },
  { "including", KC_WORD, 0, KF_FUNCTION },
  { "except", KC_WORD, 0, KF_FUNCTION },
  { "starting", KC_WORD, 0, KF_FUNCTION | KF_DAY_VERB },
  { "ending", KC_WORD, 0, KF_FUNCTION | KF_DAY_VERB },

  /* Looking forward. */
  { "will", KC_WORD, 0, KF_FUTURE | KF_AUX },
  { "shall", KC_WORD, 0, KF_FUTURE | KF_AUX },
  { "ll", KC_WORD, 0, KF_FUTURE | KF_AUX },
  { "going", KC_WORD, 0, KF_FUTURE },
  { "upcoming", KC_WORD, 0, KF_FUTURE },
  { "scheduled", KC_WORD, 0, KF_FUTURE },
  { "due", KC_WORD, 0, KF_FUTURE | KF_NEEDS_AUX },
  { "planned", KC_WORD, 0, KF_FUTURE },
  { "plans", KC_WORD, 0, KF_FUTURE },
  { "plan", KC_WORD, 0, KF_FUTURE },
  { "expected", KC_WORD, 0, KF_FUTURE | KF_NEEDS_AUX },
  { "expects", KC_WORD, 0, KF_FUTURE },
  { "expect", KC_WORD, 0, KF_FUTURE },
  { "intends", KC_WORD, 0, KF_FUTURE },
  { "intend", KC_WORD, 0, KF_FUTURE },
  { "aims", KC_WORD, 0, KF_FUTURE },
  { "soon", KC_WORD, 0, KF_FUTURE },

  /* Wishes: not plainly past (for the anchor), yet no future either ("seek to isolate"). */
  { "want", KC_WORD, 0, KF_MODAL },
  { "wants", KC_WORD, 0, KF_MODAL },
  { "hope", KC_WORD, 0, KF_MODAL },
  { "hopes", KC_WORD, 0, KF_MODAL },
  { "seek", KC_WORD, 0, KF_MODAL },
  { "seeks", KC_WORD, 0, KF_MODAL },
  { "set", KC_WORD, 0, KF_FUTURE | KF_NEEDS_AUX },

  /* Looking back: irregular past tenses (regular ones end in -ed). */
  { "was", KC_WORD, 0, KF_PAST | KF_AUX },
  { "were", KC_WORD, 0, KF_PAST | KF_AUX },
  { "had", KC_WORD, 0, KF_PAST },
  { "did", KC_WORD, 0, KF_PAST },
  { "said", KC_WORD, 0, KF_PAST },
  { "told", KC_WORD, 0, KF_PAST },
  { "went", KC_WORD, 0, KF_PAST },
  { "came", KC_WORD, 0, KF_PAST },
  { "met", KC_WORD, 0, KF_PAST },
  { "took", KC_WORD, 0, KF_PAST },
  { "gave", KC_WORD, 0, KF_PAST },
  { "made", KC_WORD, 0, KF_PAST },
  { "held", KC_WORD, 0, KF_PAST },
  { "saw", KC_WORD, 0, KF_PAST },
  { "left", KC_WORD, 0, KF_PAST },
  { "fell", KC_WORD, 0, KF_PAST },
  { "rose", KC_WORD, 0, KF_PAST },
  { "won", KC_WORD, 0, KF_PAST },
  { "lost", KC_WORD, 0, KF_PAST },
  { "sold", KC_WORD, 0, KF_PAST },
  { "began", KC_WORD, 0, KF_PAST | KF_DAY_VERB },
  { "led", KC_WORD, 0, KF_PAST },
  { "got", KC_WORD, 0, KF_PAST },
  { "found", KC_WORD, 0, KF_PAST },
  { "knew", KC_WORD, 0, KF_PAST },
  { "thought", KC_WORD, 0, KF_PAST },
  { "brought", KC_WORD, 0, KF_PAST },
  { "bought", KC_WORD, 0, KF_PAST },
  { "sent", KC_WORD, 0, KF_PAST },
  { "spent", KC_WORD, 0, KF_PAST },
  { "paid", KC_WORD, 0, KF_PAST },
  { "built", KC_WORD, 0, KF_PAST },
  { "struck", KC_WORD, 0, KF_PAST },
  { "spoke", KC_WORD, 0, KF_PAST },
  { "wrote", KC_WORD, 0, KF_PAST },
  { "ran", KC_WORD, 0, KF_PAST },
  { "became", KC_WORD, 0, KF_PAST },
  { "broke", KC_WORD, 0, KF_PAST },
  { "chose", KC_WORD, 0, KF_PAST },
  { "drove", KC_WORD, 0, KF_PAST },
  { "flew", KC_WORD, 0, KF_PAST },
  { "grew", KC_WORD, 0, KF_PAST },
  { "kept", KC_WORD, 0, KF_PAST },
  { "meant", KC_WORD, 0, KF_PAST },
  { "sought", KC_WORD, 0, KF_PAST },
  { "stood", KC_WORD, 0, KF_PAST },
  { "taught", KC_WORD, 0, KF_PAST },
  { "threw", KC_WORD, 0, KF_PAST },
  { "fought", KC_WORD, 0, KF_PAST },
  { "drew", KC_WORD, 0, KF_PAST },
  { "felt", KC_WORD, 0, KF_PAST },
  { "fled", KC_WORD, 0, KF_PAST },
  { "heard", KC_WORD, 0, KF_PAST },
  { "previously", KC_WORD, 0, KF_PAST },

  /* Auxiliaries: "will be finalized" and "is expected" are no past tense. */
  { "is", KC_WORD, 0, KF_AUX },
  { "are", KC_WORD, 0, KF_AUX },
  { "am", KC_WORD, 0, KF_AUX },
  { "be", KC_WORD, 0, KF_AUX },
  { "been", KC_WORD, 0, KF_AUX },
  { "being", KC_WORD, 0, KF_AUX },
  { "would", KC_WORD, 0, KF_AUX | KF_MODAL },
  { "can", KC_WORD, 0, KF_AUX | KF_MODAL },
  { "could", KC_WORD, 0, KF_AUX | KF_MODAL },
  { "should", KC_WORD, 0, KF_AUX | KF_MODAL },
  { "might", KC_WORD, 0, KF_AUX | KF_MODAL },
  { "must", KC_WORD, 0, KF_AUX | KF_MODAL },

  /* Numbers after these are not years. */
  { "no", KC_WORD, 0, KF_NOT_YEAR | KF_DOT },
  { "number", KC_WORD, 0, KF_NOT_YEAR },
  { "page", KC_WORD, 0, KF_NOT_YEAR },
  { "pages", KC_WORD, 0, KF_NOT_YEAR },
  { "flight", KC_WORD, 0, KF_NOT_YEAR },
  { "room", KC_WORD, 0, KF_NOT_YEAR },
  { "route", KC_WORD, 0, KF_NOT_YEAR },
  { "model", KC_WORD, 0, KF_NOT_YEAR },
  { "version", KC_WORD, 0, KF_NOT_YEAR },
  { "chapter", KC_WORD, 0, KF_NOT_YEAR },
  { "section", KC_WORD, 0, KF_NOT_YEAR },
  { "article", KC_WORD, 0, KF_NOT_YEAR },
  { "resolution", KC_WORD, 0, KF_NOT_YEAR },
  { "highway", KC_WORD, 0, KF_NOT_YEAR },
  { "interstate", KC_WORD, 0, KF_NOT_YEAR },
  { "bus", KC_WORD, 0, KF_NOT_YEAR },
  { "gate", KC_WORD, 0, KF_NOT_YEAR },
  { "seat", KC_WORD, 0, KF_NOT_YEAR },
  { "code", KC_WORD, 0, KF_NOT_YEAR },
  { "usd", KC_WORD, 0, KF_NOT_YEAR },
  { "eur", KC_WORD, 0, KF_NOT_YEAR },
  { "gbp", KC_WORD, 0, KF_NOT_YEAR },
  { "rs", KC_WORD, 0, KF_NOT_YEAR },
  { "yen", KC_WORD, 0, KF_NOT_YEAR },
  { "yuan", KC_WORD, 0, KF_NOT_YEAR },
  { "tel", KC_WORD, 0, KF_NOT_YEAR | KF_DOT },
  { "phone", KC_WORD, 0, KF_NOT_YEAR },
  { "box", KC_WORD, 0, KF_NOT_YEAR },
  { "suite", KC_WORD, 0, KF_NOT_YEAR },
  { "vol", KC_WORD, 0, KF_NOT_YEAR | KF_DOT },
  { "issue", KC_WORD, 0, KF_NOT_YEAR },
  { "approximately", KC_WORD, 0, KF_NOT_YEAR },
  { "about", KC_WORD, 0, KF_NOT_YEAR },
  { "nearly", KC_WORD, 0, KF_NOT_YEAR },
  { "almost", KC_WORD, 0, KF_NOT_YEAR },
  { "some", KC_WORD, 0, KF_NOT_YEAR },
  { "over", KC_WORD, 0, KF_NOT_YEAR },
  { "than", KC_WORD, 0, KF_NOT_YEAR },

  /* Abbreviations whose dot does not end a sentence. */
  { "mr", KC_WORD, 0, KF_DOT },
  { "mrs", KC_WORD, 0, KF_DOT },
  { "ms", KC_WORD, 0, KF_DOT },
  { "dr", KC_WORD, 0, KF_DOT },
  { "prof", KC_WORD, 0, KF_DOT },
  { "jr", KC_WORD, 0, KF_DOT },
  { "sr", KC_WORD, 0, KF_DOT },
  { "gen", KC_WORD, 0, KF_DOT },
  { "col", KC_WORD, 0, KF_DOT },
  { "lt", KC_WORD, 0, KF_DOT },
  { "sgt", KC_WORD, 0, KF_DOT },
  { "capt", KC_WORD, 0, KF_DOT },
  { "gov", KC_WORD, 0, KF_DOT },
  { "sen", KC_WORD, 0, KF_DOT },
  { "rep", KC_WORD, 0, KF_DOT },
  { "rev", KC_WORD, 0, KF_DOT },
  { "inc", KC_WORD, 0, KF_DOT },
  { "corp", KC_WORD, 0, KF_DOT },
  { "co", KC_WORD, 0, KF_DOT },
  { "ltd", KC_WORD, 0, KF_DOT },
  { "vs", KC_WORD, 0, KF_DOT },
  { "mt", KC_WORD, 0, KF_DOT },

  /* -ed words that are no past tense. */
  { "indeed", KC_WORD, 0, KF_NOT_PAST },
  { "hundred", KC_WORD, 0, KF_NOT_PAST },
  { "proceed", KC_WORD, 0, KF_NOT_PAST },
  { "succeed", KC_WORD, 0, KF_NOT_PAST },
  { "exceed", KC_WORD, 0, KF_NOT_PAST },
  { "speed", KC_WORD, 0, KF_NOT_PAST },
  { "need", KC_WORD, 0, KF_NOT_PAST },
  { "breed", KC_WORD, 0, KF_NOT_PAST },
  { "bleed", KC_WORD, 0, KF_NOT_PAST },
  { "greed", KC_WORD, 0, KF_NOT_PAST },
  { "naked", KC_WORD, 0, KF_NOT_PAST },
  { "sacred", KC_WORD, 0, KF_NOT_PAST },
  { "wicked", KC_WORD, 0, KF_NOT_PAST },

  /* "ended the day", "to open the day". */
  { "ended", KC_WORD, 0, KF_DAY_VERB },
  { "ends", KC_WORD, 0, KF_DAY_VERB },
  { "finish", KC_WORD, 0, KF_DAY_VERB },
  { "finished", KC_WORD, 0, KF_DAY_VERB },
  { "finishing", KC_WORD, 0, KF_DAY_VERB },
  { "finishes", KC_WORD, 0, KF_DAY_VERB },
  { "close", KC_WORD, 0, KF_DAY_VERB },
  { "closed", KC_WORD, 0, KF_DAY_VERB },
  { "closing", KC_WORD, 0, KF_DAY_VERB },
  { "closes", KC_WORD, 0, KF_DAY_VERB },
  { "started", KC_WORD, 0, KF_DAY_VERB },
  { "starts", KC_WORD, 0, KF_DAY_VERB },
  { "begin", KC_WORD, 0, KF_DAY_VERB },
  { "begins", KC_WORD, 0, KF_DAY_VERB },
  { "open", KC_WORD, 0, KF_DAY_VERB },
  { "opened", KC_WORD, 0, KF_DAY_VERB },
  { "opening", KC_WORD, 0, KF_DAY_VERB },
  { "opens", KC_WORD, 0, KF_DAY_VERB },
};

/* Room for every keyword at a load under one eighth: most words are none, and the probe for
 * one then stops at the first slot. */
#define KEYWORD_SLOTS 4096
#define KEYWORD_MAX_LEN 14

static guint16 keyword_slots[KEYWORD_SLOTS];
static guint8 keyword_lengths[G_N_ELEMENTS (keywords)];
/* The hash of each keyword: most words of a text are none, and are told apart by it before
 * their letters are compared. */
static guint32 keyword_hashes[G_N_ELEMENTS (keywords)];
/* Bit c - 'a' of keyword_ends[len][first - 'a'] is set when a keyword of len letters starts
 * with first and ends with c: a word that is no keyword is mostly known for one without
 * being hashed. */
static guint32 keyword_ends[KEYWORD_MAX_LEN + 1][26];

static inline guint32
hash_step (guint32 h,
           guchar  c)
{
  return (h ^ c) * 16777619u;
}

static void
init_keywords (void)
{
  static gsize initialized = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (keywords) < KEYWORD_SLOTS / 2);

  if (!g_once_init_enter (&initialized))
    return;
  for (guint i = 1; i < G_N_ELEMENTS (keywords); i++)
    {
      guint32 h = 2166136261u;
      guint slot;

      g_assert (strlen (keywords[i].word) <= KEYWORD_MAX_LEN);
      keyword_lengths[i] = (guint8) strlen (keywords[i].word);
      for (const char *p = keywords[i].word; *p; p++)
        h = hash_step (h, (guchar) *p);
      keyword_hashes[i] = h;
      for (const char *p = keywords[i].word; *p; p++)
        g_assert (*p >= 'a' && *p <= 'z');
      keyword_ends[keyword_lengths[i]][keywords[i].word[0] - 'a'] |=
        1u << (keywords[i].word[keyword_lengths[i] - 1] - 'a');
      slot = h & (KEYWORD_SLOTS - 1);
      while (keyword_slots[slot] != 0)
        {
          g_assert (strcmp (keywords[keyword_slots[slot]].word, keywords[i].word) != 0);
          slot = (slot + 1) & (KEYWORD_SLOTS - 1);
        }
      keyword_slots[slot] = (guint16) i;
    }
  g_once_init_leave (&initialized, 1);
}

/* @lower is the word in lowercase ASCII and @h its hash. */
static guint16
lookup_keyword (const char *lower,
                gsize       len,
                guint32     h)
{
  guint slot = h & (KEYWORD_SLOTS - 1);

  while (keyword_slots[slot] != 0)
    {
      guint16 kw = keyword_slots[slot];

      if (keyword_hashes[kw] == h && keyword_lengths[kw] == len &&
          dossier_scan_same_bytes (keywords[kw].word, lower, len))
        return kw;
      slot = (slot + 1) & (KEYWORD_SLOTS - 1);
    }
  return KW_NONE;
}

/* The keyword @lower[0, @len) is (lowercase ASCII letters, at most KEYWORD_MAX_LEN), or
 * KW_NONE. */
static inline guint16
keyword_of (const char *lower,
            gsize       len)
{
  guint32 h = 2166136261u;

  if (!(keyword_ends[len][lower[0] - 'a'] & (1u << (lower[len - 1] - 'a'))))
    return KW_NONE;
  for (gsize k = 0; k < len; k++)
    h = hash_step (h, (guchar) lower[k]);
  return lookup_keyword (lower, len, h);
}

/* Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian), after
 * Howard Hinnant's "chrono-Compatible Low-Level Date Algorithms". */

static gint64
days_from_civil (int y,
                 int m,
                 int d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 int    *y,
                 int    *m,
                 int    *d)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int) (doy - (153 * mp + 2) / 5 + 1);
  *m = (int) (mp < 10 ? mp + 3 : mp - 9);
  *y = (int) (yoe + era * 400 + (*m <= 2));
}

/* 1 is Monday, 7 Sunday (ISO 8601); 1970-01-01 was a Thursday. */
static int
weekday_of (gint64 z)
{
  return (int) ((z % 7 + 7 + 3) % 7) + 1;
}

static int
days_in_month (int y,
               int m)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return days[m - 1];
}

/* Values */

typedef struct {
  int                  year;      /* the ISO week-year for DOSSIER_DATE_WEEK */
  int                  month;     /* 1-12, or 0 */
  int                  day;       /* 1-31, or 0 */
  int                  week;      /* 1-53 for DOSSIER_DATE_WEEK */
  gboolean             weekend;   /* 2024-W21-WE */
  DossierDatePrecision precision;
} DateValue;

static DateValue
value_of_day (gint64 z)
{
  DateValue v = { 0, 0, 0, 0, FALSE, DOSSIER_DATE_DAY };

  civil_from_days (z, &v.year, &v.month, &v.day);
  return v;
}

static DateValue
value_of_week (gint64   z,
               gboolean weekend)
{
  DateValue v = { 0, 0, 0, 0, weekend, DOSSIER_DATE_WEEK };
  gint64 thursday = z - weekday_of (z) + 4;
  int m, d;

  /* The ISO week belongs to the year that holds its Thursday. */
  civil_from_days (thursday, &v.year, &m, &d);
  v.week = (int) ((thursday - days_from_civil (v.year, 1, 1)) / 7) + 1;
  return v;
}

static DateValue
value_of_month (int y,
                int m)
{
  DateValue v = { y, m, 0, 0, FALSE, DOSSIER_DATE_MONTH };

  return v;
}

static DateValue
value_of_year (int y)
{
  DateValue v = { y, 0, 0, 0, FALSE, DOSSIER_DATE_YEAR };

  return v;
}

static DateValue
value_add_months (int y,
                  int m,
                  int delta)
{
  int index = y * 12 + (m - 1) + delta;

  return value_of_month (index / 12, index % 12 + 1);
}

static gboolean
value_in_range (const DateValue *v)
{
  return v->year >= 1 && v->year <= 9999;
}

static char *
put_digits (char *p,
            int   value,
            int   width)
{
  for (int k = width - 1; k >= 0; k--)
    {
      p[k] = (char) ('0' + value % 10);
      value /= 10;
    }
  return p + width;
}

/* Years lie in 1-9999 (value_in_range), so the widths are fixed. */
static char *
format_value (const DateValue *v)
{
  char buf[16], *p = buf;

  p = put_digits (p, v->year, 4);
  switch (v->precision)
    {
    case DOSSIER_DATE_DAY:
      *p++ = '-';
      p = put_digits (p, v->month, 2);
      *p++ = '-';
      p = put_digits (p, v->day, 2);
      break;
    case DOSSIER_DATE_WEEK:
      *p++ = '-';
      *p++ = 'W';
      p = put_digits (p, v->week, 2);
      if (v->weekend)
        {
          memcpy (p, "-WE", 3);
          p += 3;
        }
      break;
    case DOSSIER_DATE_MONTH:
      *p++ = '-';
      p = put_digits (p, v->month, 2);
      break;
    case DOSSIER_DATE_YEAR:
    default:
      break;
    }
  return g_strndup (buf, (gsize) (p - buf));
}

/* Tokens */

typedef enum {
  TOK_WORD,
  TOK_NUM,
  TOK_PUNCT,
} TokenKind;

enum {
  TF_SPACE_BEFORE = 1 << 0,   /* whitespace or the paragraph start before it */
  TF_CAPITAL      = 1 << 1,   /* a word that starts with an uppercase letter */
  TF_ALL_CAPS     = 1 << 2,   /* a word of two or more letters, all uppercase */
  TF_LOWER        = 1 << 3,   /* a word that starts with a lowercase ASCII letter */
  TF_SENT_START   = 1 << 4,   /* the first token of a sentence */
};

typedef struct {
  gsize   byte_start;
  gsize   byte_end;
  guint   cp_start;
  guint   cp_end;
  guint   sentence;   /* within the paragraph */
  guint32 num;        /* TOK_NUM: the value (capped); TOK_PUNCT: the character */
  guint16 kw;         /* TOK_WORD: index into keywords[], KW_NONE for others */
  guint8  kind;
  guint8  ndigits;    /* TOK_NUM */
  guint8  flags;
} Token;

/* Found dates, before they become DossierDateMention. */
typedef struct {
  gsize     byte_start;
  gsize     byte_end;
  guint     start;
  guint     end;
  guint     paragraph;   /* counting non-empty paragraphs from 0 */
  DateValue value;
  gboolean  relative;
  gboolean  past;        /* without an anchor: reported as a past event */
} Found;

typedef struct {
  const char *text;
  gsize       len;

  gboolean    has_anchor;
  gint64      anchor;         /* day number */
  int         anchor_year;
  int         anchor_month;
  int         anchor_day;

  Token      *tok;            /* the current paragraph */
  guint       n_tok;
  guint       tok_alloc;
  guint       paragraph;

  GArray     *found;

  /* The last date found, for "the same day" and "the previous year". */
  gboolean    have_ref;
  DateValue   ref;
  gboolean    have_ref_day;
  gint64      ref_day;

  /* Whether "May" or "March" is someone's name in this text; -1 until asked. */
  int         name_may;
  int         name_march;

  /* When not NULL, the tokens of each part matched (Token) and the parts (Batch), so that
   * the text can be matched again against an anchor without being read again. */
  GArray     *record;
  GArray     *batches;
} Scan;

typedef struct {
  guint n_tok;
  guint paragraph;
} Batch;

typedef struct {
  guint     first;      /* token indices, inclusive */
  guint     last;
  DateValue value;
  gboolean  relative;
} Match;

/* How a modifier before a weekday, a month or a unit places it. */
typedef enum {
  MODE_TENSE,     /* no modifier: the tense of the sentence decides */
  MODE_LAST,
  MODE_THIS,
  MODE_NEXT,
  MODE_PREVIOUS,  /* "the previous year": from the last date named */
} Mode;

/* How far (in tokens) tense cues are looked for on each side of a date. */
#define TENSE_WINDOW 40

static inline const Keyword *
keyword_at (const Scan *s,
            guint       i)
{
  if (i >= s->n_tok || s->tok[i].kind != TOK_WORD)
    return &keywords[KW_NONE];
  return &keywords[s->tok[i].kw];
}

static inline gboolean
is_kw (const Scan *s,
       guint       i,
       KeywordId   kw)
{
  return i < s->n_tok && s->tok[i].kind == TOK_WORD && s->tok[i].kw == kw;
}

static inline gboolean
is_class (const Scan   *s,
          guint         i,
          KeywordClass  klass)
{
  return keyword_at (s, i)->klass == klass;
}

static inline gboolean
is_punct (const Scan *s,
          guint       i,
          gunichar    c)
{
  return i < s->n_tok && s->tok[i].kind == TOK_PUNCT && s->tok[i].num == c;
}

static inline gboolean
is_adjacent (const Scan *s,
             guint       i)
{
  return i < s->n_tok && !(s->tok[i].flags & TF_SPACE_BEFORE);
}

static inline gboolean
is_lower_word (const Scan *s,
               guint       i)
{
  return i < s->n_tok && s->tok[i].kind == TOK_WORD && (s->tok[i].flags & TF_LOWER);
}

/* A capitalized word in the middle of a sentence that is no function word: part of a name. */
static gboolean
is_name_word (const Scan *s,
              guint       i)
{
  const Token *t;

  if (i >= s->n_tok)
    return FALSE;
  t = &s->tok[i];
  return t->kind == TOK_WORD && (t->flags & TF_CAPITAL) && !(t->flags & TF_SENT_START) &&
         !(keywords[t->kw].flags & KF_FUNCTION) && keywords[t->kw].klass != KC_MONTH &&
         keywords[t->kw].klass != KC_WEEKDAY;
}

/* A capitalized word other than a function word, even at the start of a sentence: "Black"
 * in "Black Monday", "Good" in "Good Friday". */
static gboolean
is_capitalized_word (const Scan *s,
                     guint       i)
{
  const Token *t;

  if (i >= s->n_tok)
    return FALSE;
  t = &s->tok[i];
  return t->kind == TOK_WORD && (t->flags & TF_CAPITAL) &&
         !(keywords[t->kw].flags & KF_FUNCTION) && keywords[t->kw].klass != KC_MONTH &&
         keywords[t->kw].klass != KC_WEEKDAY && keywords[t->kw].klass != KC_DAYREL;
}

static gboolean
is_currency (gunichar c)
{
  return c == '$' || c == 0xA3 || c == 0xA5 || c == 0x20AC || c == '#';
}

static gboolean
is_joiner (gunichar c)
{
  return c == ':' || c == '.' || c == ',' || c == '/' || c == '-';
}

/* Whether the number at @i is glued to what comes before it: "2,024", "A-2024", "$2024".
 * "mid-2009" is not. */
static gboolean
glued_left (const Scan *s,
            guint       i)
{
  const Token *p;

  if (i == 0)
    return FALSE;
  p = &s->tok[i - 1];
  if (p->kind == TOK_PUNCT && is_currency (p->num))
    return TRUE;
  if (s->tok[i].flags & TF_SPACE_BEFORE)
    return FALSE;
  if (p->kind != TOK_PUNCT)
    return TRUE;
  if (!is_joiner (p->num) || i < 2 || (p->flags & TF_SPACE_BEFORE))
    return FALSE;
  if (p->num == '-' && (is_kw (s, i - 2, KW_MID) || is_kw (s, i - 2, KW_EARLY) ||
                        is_kw (s, i - 2, KW_LATE)))
    return FALSE;
  return s->tok[i - 2].kind != TOK_PUNCT;
}

/* Whether the number ending at @i runs on: "2024,5", "1990s", "20:24", "2024%". */
static gboolean
glued_right (const Scan *s,
             guint       i)
{
  const Token *n;

  if (i + 1 >= s->n_tok)
    return FALSE;
  n = &s->tok[i + 1];
  if (n->kind == TOK_PUNCT && n->num == '%')
    return TRUE;
  if (n->flags & TF_SPACE_BEFORE)
    return FALSE;
  if (n->kind != TOK_PUNCT)
    return TRUE;
  return is_joiner (n->num) && is_adjacent (s, i + 2) && s->tok[i + 2].kind != TOK_PUNCT;
}

/* Whether the token before @i is a cue with @flag, or links @i to a year (a month) found
 * just before it: "2014 and 2016", "April to May"; not "$2024 and 2000 troops". */
static gboolean
has_cue (const Scan *s,
         guint       i,
         guint32     flag,
         gboolean    year)
{
  const Keyword *prev;
  const Found *last;

  if (i == 0)
    return FALSE;
  prev = keyword_at (s, i - 1);
  if (prev->flags & flag)
    return TRUE;
  if (!(prev->flags & KF_LINK) || i < 2 || s->found->len == 0)
    return FALSE;
  last = &g_array_index (s->found, Found, s->found->len - 1);
  if (last->byte_end != s->tok[i - 2].byte_end)
    return FALSE;
  return year ? last->value.precision == DOSSIER_DATE_YEAR : is_class (s, i - 2, KC_MONTH);
}

/* A day of the month at @i ("19", "19th", "1st"); returns the index after it, or 0. */
static guint
parse_day (const Scan *s,
           guint       i,
           int        *day)
{
  const Token *t;
  guint j;

  if (i >= s->n_tok)
    return 0;
  t = &s->tok[i];
  if (t->kind != TOK_NUM || t->ndigits > 2 || t->num < 1 || t->num > 31 || glued_left (s, i))
    return 0;
  j = i + 1;
  if (is_adjacent (s, j) && is_class (s, j, KC_ORDINAL))
    j++;
  else if (glued_right (s, i) &&
           /* "May 19-20": the first day of a range */
           !(is_punct (s, j, '-') && j + 1 < s->n_tok && s->tok[j + 1].kind == TOK_NUM &&
             s->tok[j + 1].ndigits <= 2 && !glued_right (s, j + 1)))
    return 0;
  *day = (int) t->num;
  return j;
}

/* A year next to a month or a day ("May 2024", "19 May 2024"). */
static gboolean
parse_year (const Scan *s,
            guint       i,
            int        *year)
{
  const Token *t;

  if (i >= s->n_tok)
    return FALSE;
  t = &s->tok[i];
  if (t->kind != TOK_NUM || t->ndigits != 4 || t->num < 1000 || glued_right (s, i))
    return FALSE;
  if (!(t->flags & TF_SPACE_BEFORE) && i > 0 && s->tok[i - 1].kind != TOK_PUNCT)
    return FALSE;
  *year = (int) t->num;
  return TRUE;
}

/* Tense */

static gboolean
is_regular_past (const Scan *s,
                 guint       i)
{
  const Token *t = &s->tok[i];
  const char *w = s->text + t->byte_start;
  gsize len = t->byte_end - t->byte_start;

  if (!(t->flags & TF_LOWER) || len < 5 || w[len - 2] != 'e' || w[len - 1] != 'd' ||
      (keywords[t->kw].flags & (KF_NOT_PAST | KF_FUTURE)))
    return FALSE;
  /* "will be finalized", "is expected", "to be scheduled": participles after auxiliaries. */
  for (guint k = 1; k <= 2 && k <= i; k++)
    if (keyword_at (s, i - k)->flags & KF_AUX)
      return FALSE;
  return TRUE;
}

/* +1 for a future cue at @i, -1 for a past one, 0 for none. */
static int
tense_of (const Scan *s,
          guint       i)
{
  const Token *t = &s->tok[i];
  guint32 flags;

  if (t->kind != TOK_WORD)
    return 0;
  flags = keywords[t->kw].flags;
  if ((flags & KF_NEEDS_AUX) && !(i > 0 && (keyword_at (s, i - 1)->flags & KF_AUX)))
    return 0;
  if (flags & KF_FUTURE)
    return 1;
  if (flags & KF_PAST)
    return -1;
  return is_regular_past (s, i) ? -1 : 0;
}

/* The tense of the cue nearest to tokens [@first, @last] in their sentence: +1 future, -1
 * past, 0 when there is none (the caller then takes the past, as news reports do). */
static int
sentence_tense (const Scan *s,
                guint       first,
                guint       last)
{
  guint sentence = s->tok[first].sentence;
  guint future = G_MAXUINT, past = G_MAXUINT;

  for (guint k = first; k > 0 && first - k < TENSE_WINDOW; k--)
    {
      int cue;

      if (s->tok[k - 1].sentence != sentence)
        break;
      cue = tense_of (s, k - 1);
      if (cue > 0 && future == G_MAXUINT)
        future = first - (k - 1);
      else if (cue < 0 && past == G_MAXUINT)
        past = first - (k - 1);
    }
  for (guint k = last + 1; k < s->n_tok && k - last <= TENSE_WINDOW; k++)
    {
      int cue;

      if (s->tok[k].sentence != sentence)
        break;
      cue = tense_of (s, k);
      if (cue > 0 && k - last < future)
        future = k - last;
      else if (cue < 0 && k - last < past)
        past = k - last;
    }
  if (future < past)
    return 1;
  if (past < future)
    return -1;
  return 0;
}

/* Whether the date at [@first, @last] is reported as a past event: "in 2013, Stern
 * questioned", "has covered economics since 2012"; not "expire at the end of 2025", "would
 * expand in 2026" nor "wants to run in 2018".  Used to tell a dateline from the dates that
 * contradict it, so it asks for plain evidence. */
static gboolean
reported_as_past (const Scan *s,
                  guint       first,
                  guint       last)
{
  guint sentence = s->tok[first].sentence;
  guint from = first > TENSE_WINDOW ? first - TENSE_WINDOW : 0;
  const Keyword *prev = first > 0 ? keyword_at (s, first - 1) : &keywords[KW_NONE];

  if (!(prev->flags & KF_EVENT_PREP))
    return FALSE;
  for (guint k = from; k < s->n_tok && k <= last + TENSE_WINDOW; k++)
    {
      const Token *t = &s->tok[k];

      if (t->sentence != sentence || t->kind != TOK_WORD)
        continue;
      if (tense_of (s, k) > 0 ||
          ((keywords[t->kw].flags & KF_MODAL) && (t->flags & TF_LOWER)))
        return FALSE;
    }
  return strcmp (prev->word, "since") == 0 || sentence_tense (s, first, last) < 0;
}

/* Resolution against the anchor */

/* The day named by weekday @wd (1 Monday … 7 Sunday) seen from the anchor. */
static gint64
resolve_weekday (const Scan *s,
                 int         wd,
                 Mode        mode,
                 int         tense)
{
  int awd = weekday_of (s->anchor);
  int back = (awd - wd + 7) % 7;
  int ahead = (wd - awd + 7) % 7;

  switch (mode)
    {
    case MODE_THIS:
      return s->anchor - (awd - 1) + (wd - 1);
    case MODE_LAST:
    case MODE_PREVIOUS:
      return s->anchor - (back == 0 ? 7 : back);
    case MODE_NEXT:
      return s->anchor + (ahead == 0 ? 7 : ahead);
    case MODE_TENSE:
    default:
      return tense > 0 ? s->anchor + ahead : s->anchor - back;
    }
}

/* The year of a month named without one: the latest such month up to the anchor's, or
 * the first from it on when the sentence looks forward. */
static int
resolve_month_year (const Scan *s,
                    int         month,
                    Mode        mode,
                    int         tense)
{
  int ay = s->anchor_year, am = s->anchor_month;

  switch (mode)
    {
    case MODE_THIS:
      return ay;
    case MODE_LAST:
    case MODE_PREVIOUS:
      return month < am ? ay : ay - 1;
    case MODE_NEXT:
      return month > am ? ay : ay + 1;
    case MODE_TENSE:
    default:
      if (tense > 0)
        return month >= am ? ay : ay + 1;
      return month <= am ? ay : ay - 1;
    }
}

/* The year of a day named without one ("October 7"): the latest up to the anchor, the first
 * from it on when the sentence looks forward; a weekday named with it ("Tuesday, May 19")
 * picks the year in which the day falls on that weekday, when one near the anchor does. */
static int
resolve_day_year (const Scan *s,
                  int         month,
                  int         day,
                  int         weekday,
                  int         tense)
{
  int ay = s->anchor_year, am = s->anchor_month, ad = s->anchor_day;
  gboolean before = month < am || (month == am && day <= ad);
  gboolean after = month > am || (month == am && day >= ad);

  if (weekday != 0)
    {
      int best = 0;
      gint64 best_distance = G_MAXINT64;

      for (int y = ay - 1; y <= ay + 1; y++)
        {
          gint64 z, distance;

          if (day > days_in_month (y, month))
            continue;
          z = days_from_civil (y, month, day);
          distance = ABS (z - s->anchor);
          if (weekday_of (z) == weekday && distance < best_distance)
            {
              best = y;
              best_distance = distance;
            }
        }
      if (best != 0)
        return best;
    }
  if (tense > 0)
    return after ? ay : ay + 1;
  return before ? ay : ay - 1;
}

/* Patterns */

static gboolean match_core (Scan *s, guint i, Match *m);

static void
set_match (Match     *m,
           guint      first,
           guint      last,
           DateValue  value,
           gboolean   relative)
{
  m->first = first;
  m->last = last;
  m->value = value;
  m->relative = relative;
}

/* Whether "May" (or "March") is somebody's name in this text: "Theresa May", "Mrs May".
 * Asked at most once per document, and only when a bare "May" needs deciding. */
static gboolean
month_is_name (Scan *s,
               int   month)
{
  int *cached = month == 5 ? &s->name_may : &s->name_march;
  const char *name = month == 5 ? "May" : "March";
  gsize name_len = strlen (name);
  const char *p = s->text, *end = s->text + s->len;

  if (*cached >= 0)
    return *cached;
  *cached = 0;
  while ((p = memchr (p, name[0], (gsize) (end - p))) != NULL)
    {
      const char *q = p + name_len;
      const char *w = p - 1;
      guint32 h = 2166136261u;
      char lower[KEYWORD_MAX_LEN + 1];
      gsize len;
      guint16 kw;

      if ((gsize) (end - p) < name_len || memcmp (p, name, name_len) != 0 ||
          (q < end && g_ascii_isalnum (*q)) || p - s->text < 3 || p[-1] != ' ')
        {
          p++;
          continue;
        }
      while (w > s->text && g_ascii_isalpha (w[-1]))
        w--;
      len = (gsize) (p - 1 - w);
      p = q;
      if (len < 2 || !g_ascii_isupper (*w) || (w > s->text && (guchar) w[-1] >= 0x80))
        continue;
      /* "Tuesday May 19" is a date. */
      if (q + 1 < end && *q == ' ' && g_ascii_isdigit (q[1]))
        continue;
      if (len <= KEYWORD_MAX_LEN)
        {
          for (gsize k = 0; k < len; k++)
            {
              lower[k] = dossier_ascii_lower (w[k]);
              h = hash_step (h, (guchar) lower[k]);
            }
          lower[len] = '\0';
          kw = lookup_keyword (lower, len, h);
          if ((keywords[kw].flags & (KF_FUNCTION | KF_MONTH_CUE)) ||
              keywords[kw].klass == KC_MONTH || keywords[kw].klass == KC_WEEKDAY ||
              keywords[kw].klass == KC_NUMBER)
            continue;
        }
      *cached = 1;
      break;
    }
  return *cached;
}

/* A month name alone ("in May", "February"): whether it is meant as a month. */
static gboolean
bare_month_ok (Scan  *s,
               guint  i,
               Mode   mode)
{
  const Keyword *k = keyword_at (s, i);
  gboolean cue = mode != MODE_TENSE;

  if (i > 0)
    {
      if (has_cue (s, i, KF_MONTH_CUE, FALSE))
        cue = TRUE;
      else if (is_punct (s, i - 1, '-') && is_adjacent (s, i) && i >= 2 &&
               (keyword_at (s, i - 2)->flags & KF_MONTH_CUE))
        cue = TRUE;
    }
  if (k->flags & KF_AMBIGUOUS)
    /* "may", "May be", "Theresa May", "the March on Washington" */
    return cue && !month_is_name (s, k->value) && !is_kw (s, i + 1, KW_MAY);
  if (cue)
    return TRUE;
  /* "Lady April", "April Ryan" */
  return !(i > 0 && is_name_word (s, i - 1)) && !is_name_word (s, i + 1);
}

/* "May 19, 2024", "May 19", "May 2024", "May", "May 19 last year"; @first is where the
 * match began (a modifier such as "last"), @weekday a weekday named just before. */
static gboolean
match_month (Scan  *s,
             guint  first,
             guint  i,
             Mode   mode,
             int    weekday,
             Match *m)
{
  const Token *t = &s->tok[i];
  const Keyword *k = &keywords[t->kw];
  int month = k->value, day = 0, year = 0;
  gboolean strong_only;
  guint j = i + 1, after_day, y;

  if (!(t->flags & TF_CAPITAL))
    return FALSE;
  strong_only = (k->flags & KF_ABBREVIATION) || (t->flags & TF_ALL_CAPS);
  if ((k->flags & KF_ABBREVIATION) && is_punct (s, j, '.') && is_adjacent (s, j))
    j++;

  if ((after_day = parse_day (s, j, &day)) != 0)
    {
      y = after_day;
      if (is_punct (s, y, ','))
        y++;
      if (parse_year (s, y, &year))
        {
          if (day > days_in_month (year, month))
            return FALSE;
          set_match (m, first, y, value_of_day (days_from_civil (year, month, day)), FALSE);
          return TRUE;
        }
      if (day > days_in_month (2000, month))
        return FALSE;
      /* "May 19 last year" */
      if ((is_kw (s, after_day, KW_LAST) || is_kw (s, after_day, KW_THIS) ||
           is_kw (s, after_day, KW_NEXT)) && is_kw (s, after_day + 1, KW_YEAR) && s->has_anchor)
        {
          int delta = is_kw (s, after_day, KW_LAST) ? -1 : is_kw (s, after_day, KW_NEXT) ? 1 : 0;

          year = s->anchor_year + delta;
          if (day > days_in_month (year, month))
            return FALSE;
          set_match (m, first, after_day + 1,
                     value_of_day (days_from_civil (year, month, day)), TRUE);
          return TRUE;
        }
      if (!s->has_anchor)
        return FALSE;
      year = resolve_day_year (s, month, day, weekday, sentence_tense (s, first, after_day - 1));
      if (day > days_in_month (year, month))
        return FALSE;
      set_match (m, first, after_day - 1, value_of_day (days_from_civil (year, month, day)),
                 TRUE);
      return TRUE;
    }

  y = j;
  if (is_punct (s, y, ',') || is_kw (s, y, KW_OF))
    y++;
  if (parse_year (s, y, &year))
    {
      set_match (m, first, y, value_of_month (year, month), FALSE);
      return TRUE;
    }

  if (strong_only || weekday != 0 || !bare_month_ok (s, i, mode))
    return FALSE;
  /* "May last year" */
  if ((is_kw (s, j, KW_LAST) || is_kw (s, j, KW_THIS) || is_kw (s, j, KW_NEXT)) &&
      is_kw (s, j + 1, KW_YEAR) && s->has_anchor)
    {
      int delta = is_kw (s, j, KW_LAST) ? -1 : is_kw (s, j, KW_NEXT) ? 1 : 0;

      set_match (m, first, j + 1, value_of_month (s->anchor_year + delta, month), TRUE);
      return TRUE;
    }
  if (!s->has_anchor)
    return FALSE;
  year = resolve_month_year (s, month, mode,
                             mode == MODE_TENSE ? sentence_tense (s, first, i) : 0);
  set_match (m, first, i, value_of_month (year, month), TRUE);
  return TRUE;
}

/* "19 May 2024", "19th of May", "19 May"; @i is the day, @first where the match began. */
static gboolean
match_day_first (Scan  *s,
                 guint  first,
                 guint  i,
                 int    weekday,
                 Match *m)
{
  int day = 0, year = 0, month;
  guint j, y;

  if ((j = parse_day (s, i, &day)) == 0 || (i > 0 && s->tok[i - 1].kind == TOK_NUM))
    return FALSE;
  if (is_kw (s, j, KW_OF))
    j++;
  if (!is_class (s, j, KC_MONTH) || !(s->tok[j].flags & TF_CAPITAL))
    return FALSE;
  month = keyword_at (s, j)->value;
  if ((keyword_at (s, j)->flags & KF_ABBREVIATION) && is_punct (s, j + 1, '.') &&
      is_adjacent (s, j + 1))
    j++;
  y = j + 1;
  if (is_punct (s, y, ','))
    y++;
  if (parse_year (s, y, &year))
    {
      if (day > days_in_month (year, month))
        return FALSE;
      set_match (m, first, y, value_of_day (days_from_civil (year, month, day)), FALSE);
      return TRUE;
    }
  if (!s->has_anchor || day > days_in_month (2000, month))
    return FALSE;
  year = resolve_day_year (s, month, day, weekday, sentence_tense (s, first, j));
  if (day > days_in_month (year, month))
    return FALSE;
  set_match (m, first, j, value_of_day (days_from_civil (year, month, day)), TRUE);
  return TRUE;
}

/* "Tuesday", "on Tuesday evening", "last Tuesday", "Tuesday, May 19, 2024". */
static gboolean
match_weekday (Scan  *s,
               guint  first,
               guint  i,
               Mode   mode,
               Match *m)
{
  const Token *t = &s->tok[i];
  int wd = keywords[t->kw].value;
  guint j = i + 1, d;
  int tense = 0;

  if (!(t->flags & TF_CAPITAL))
    return FALSE;
  if (first == i && i > 0)
    {
      /* "every Tuesday" recurs; "Black Monday" and "Super Tuesday" are names. */
      if ((keyword_at (s, i - 1)->flags & KF_SET) || is_capitalized_word (s, i - 1))
        return FALSE;
    }

  /* A date with it gives the value; the weekday only helps find the year. */
  d = is_punct (s, j, ',') ? j + 1 : j;
  if (is_class (s, d, KC_MONTH) && match_month (s, first, d, MODE_TENSE, wd, m) &&
      m->value.precision == DOSSIER_DATE_DAY)
    return TRUE;
  if (d < s->n_tok && s->tok[d].kind == TOK_NUM && match_day_first (s, first, d, wd, m))
    return TRUE;

  /* "Sunday Times", "Monday Night Football" */
  if (is_name_word (s, j))
    return FALSE;
  if (!s->has_anchor)
    return FALSE;
  if (is_class (s, j, KC_DAYPART) && (s->tok[j].flags & TF_LOWER))
    j++;
  if (mode == MODE_TENSE)
    tense = sentence_tense (s, first, j - 1);
  set_match (m, first, j - 1, value_of_day (resolve_weekday (s, wd, mode, tense)), TRUE);
  return TRUE;
}

/* "yesterday", "today", "tomorrow morning", "tonight". */
static gboolean
match_dayrel (Scan  *s,
              guint  first,
              guint  i,
              Match *m)
{
  const Token *t = &s->tok[i];
  guint last = i;

  if (!s->has_anchor)
    return FALSE;
  /* Capitalized inside a sentence it is a name: "USA Today", "Today's Paper"; but not
   * after a colon, a quote or a dash. */
  if (first == i && (t->flags & TF_CAPITAL) && !(t->flags & TF_ALL_CAPS) &&
      !(t->flags & TF_SENT_START) && i > 0 &&
      !(s->tok[i - 1].kind == TOK_PUNCT && (s->tok[i - 1].num == ':' ||
                                             s->tok[i - 1].num == '"' ||
                                             s->tok[i - 1].num == '\'' ||
                                             s->tok[i - 1].num == '(' ||
                                             s->tok[i - 1].num == '-')))
    return FALSE;
  if (!is_kw (s, i, KW_TONIGHT) && is_class (s, i + 1, KC_DAYPART) &&
      (s->tok[i + 1].flags & TF_LOWER))
    last = i + 1;
  set_match (m, first, last, value_of_day (s->anchor + keyword_at (s, i)->value), TRUE);
  return TRUE;
}

/* The unit (day, week, weekend, month, year) @delta steps from @base_day. */
static DateValue
shift_unit (KeywordId kw,
            gint64    base_day,
            int       delta)
{
  int y, mo, d;

  switch ((int) kw)
    {
    case KW_DAY:
    case KW_DAYS:
      return value_of_day (base_day + delta);
    case KW_WEEK:
    case KW_WEEKS:
      return value_of_week (base_day + 7 * (gint64) delta, FALSE);
    case KW_WEEKEND:
      return value_of_week (base_day + 7 * (gint64) delta, TRUE);
    case KW_MONTH:
    case KW_MONTHS:
      civil_from_days (base_day, &y, &mo, &d);
      return value_add_months (y, mo, delta);
    case KW_YEAR:
    case KW_YEARS:
    default:
      civil_from_days (base_day, &y, &mo, &d);
      return value_of_year (y + delta);
    }
}

/* The last date named, moved by @delta units; FALSE when it is too coarse for the unit. */
static gboolean
shift_reference (const Scan *s,
                 KeywordId   unit,
                 int         delta,
                 DateValue  *out)
{
  const DateValue *r = &s->ref;

  if (!s->have_ref)
    return FALSE;
  switch ((int) unit)
    {
    case KW_YEAR:
      *out = value_of_year (r->year + delta);
      return TRUE;
    case KW_MONTH:
      if (r->precision != DOSSIER_DATE_MONTH && r->precision != DOSSIER_DATE_DAY)
        return FALSE;
      *out = value_add_months (r->year, r->month, delta);
      return TRUE;
    case KW_DAY:
      if (!s->have_ref_day)
        return FALSE;
      *out = value_of_day (s->ref_day + delta);
      return TRUE;
    default:
      return FALSE;
    }
}

/* "last week", "this month", "next year", "last weekend", "last night", "this morning",
 * "last Tuesday", "last September", "the previous year". */
static gboolean
match_modified (Scan  *s,
                guint  first,
                guint  i,
                Match *m)
{
  KeywordId mod = (KeywordId) s->tok[i].kw;
  KeywordId unit;
  guint j = i + 1;
  Mode mode;
  int delta;

  switch ((int) mod)
    {
    case KW_LAST:
      mode = MODE_LAST;
      delta = -1;
      break;
    case KW_NEXT:
    case KW_COMING:
      mode = MODE_NEXT;
      delta = 1;
      break;
    case KW_THIS:
    case KW_CURRENT:
      mode = MODE_THIS;
      delta = 0;
      break;
    case KW_PREVIOUS:
    case KW_PRIOR:
      mode = MODE_PREVIOUS;
      delta = -1;
      break;
    default:
      return FALSE;
    }
  if (j >= s->n_tok || s->tok[j].kind != TOK_WORD)
    return FALSE;

  if (is_class (s, j, KC_WEEKDAY))
    return match_weekday (s, first, j, mode, m);
  if (is_class (s, j, KC_MONTH))
    return match_month (s, first, j, mode, 0, m);
  if (!s->has_anchor)
    return FALSE;
  if (mode == MODE_LAST && is_kw (s, j, KW_NIGHT))
    {
      set_match (m, first, j, value_of_day (s->anchor - 1), TRUE);
      return TRUE;
    }
  if (mode == MODE_THIS && is_class (s, j, KC_DAYPART))
    {
      set_match (m, first, j, value_of_day (s->anchor), TRUE);
      return TRUE;
    }
  unit = (KeywordId) s->tok[j].kw;
  if (unit != KW_WEEK && unit != KW_WEEKEND && unit != KW_MONTH && unit != KW_YEAR &&
      !(unit == KW_DAY && mode == MODE_PREVIOUS))
    return FALSE;
  /* A title: ABC's "This Week", "Last Week Tonight" */
  if ((s->tok[j].flags & TF_CAPITAL) && !(s->tok[j].flags & TF_ALL_CAPS))
    return FALSE;
  /* "the previous year" counts from the last date named when there is one. */
  if (mode == MODE_PREVIOUS && shift_reference (s, unit, -1, &m->value))
    {
      m->first = first;
      m->last = j;
      m->relative = TRUE;
      return TRUE;
    }
  if (unit == KW_DAY)
    return FALSE;
  set_match (m, first, j, shift_unit (unit, s->anchor, delta), TRUE);
  return TRUE;
}

/* "two days ago", "a week ago", "3 years ago". */
static gboolean
match_ago (Scan  *s,
           guint  i,
           Match *m)
{
  const Token *t = &s->tok[i];
  KeywordId unit = KW_NONE;
  int n;

  if (!s->has_anchor || !is_kw (s, i + 2, KW_AGO))
    return FALSE;
  if (t->kind == TOK_NUM)
    {
      if (t->ndigits > 3 || t->num == 0 || glued_left (s, i) || glued_right (s, i))
        return FALSE;
      n = (int) t->num;
    }
  else
    n = keywords[t->kw].value;
  if (is_class (s, i + 1, KC_UNIT))
    unit = (KeywordId) s->tok[i + 1].kw;
  if (unit == KW_NONE || unit == KW_WEEKEND || unit == KW_PERIOD)
    return FALSE;
  set_match (m, i, i + 2, shift_unit (unit, s->anchor, -n), TRUE);
  return TRUE;
}

/* "2024-05-19", "2024/05/19", "2024-W21", "19/05/2024" (when the order is certain),
 * "19.05.2024". */
static gboolean
match_numeric (Scan  *s,
               guint  i,
               Match *m)
{
  const Token *a = &s->tok[i];
  gunichar sep;
  int y, mo, d;

  if (i + 2 >= s->n_tok || glued_left (s, i) || s->tok[i + 1].kind != TOK_PUNCT ||
      !is_adjacent (s, i + 1) || !is_adjacent (s, i + 2))
    return FALSE;
  sep = s->tok[i + 1].num;
  if (sep != '-' && sep != '/' && sep != '.')
    return FALSE;

  if (a->ndigits == 4 && sep == '-' && s->tok[i + 2].kind == TOK_WORD)
    {
      const Token *w = &s->tok[i + 2];
      const char *p = s->text + w->byte_start;
      int week;

      /* "2024-W21" */
      if (w->byte_end - w->byte_start != 3 || p[0] != 'W' || !g_ascii_isdigit (p[1]) ||
          !g_ascii_isdigit (p[2]) || glued_right (s, i + 2))
        return FALSE;
      week = (p[1] - '0') * 10 + (p[2] - '0');
      /* December 28 always lies in the last ISO week of its year. */
      if (week < 1 || a->num < 1000 ||
          week > value_of_week (days_from_civil ((int) a->num, 12, 28), FALSE).week)
        return FALSE;
      set_match (m, i, i + 2,
                 value_of_week (days_from_civil ((int) a->num, 1, 4) + 7 * (week - 1), FALSE),
                 FALSE);
      return TRUE;
    }
  if (i + 4 >= s->n_tok || s->tok[i + 2].kind != TOK_NUM || !is_punct (s, i + 3, sep) ||
      !is_adjacent (s, i + 3) || !is_adjacent (s, i + 4) || s->tok[i + 4].kind != TOK_NUM)
    return FALSE;
  /* An ISO date may carry a time: "2024-05-19T10:00". */
  if (glued_right (s, i + 4) &&
      !(sep == '-' && s->tok[i + 5].kind == TOK_WORD &&
        s->text[s->tok[i + 5].byte_start] == 'T'))
    return FALSE;
  if (a->ndigits == 4 && sep != '.' && s->tok[i + 2].ndigits <= 2 &&
      s->tok[i + 4].ndigits <= 2)
    {
      y = (int) a->num;
      mo = (int) s->tok[i + 2].num;
      d = (int) s->tok[i + 4].num;
    }
  else if (a->ndigits <= 2 && s->tok[i + 2].ndigits <= 2 && s->tok[i + 4].ndigits == 4)
    {
      int first = (int) a->num, second = (int) s->tok[i + 2].num;

      y = (int) s->tok[i + 4].num;
      if (sep == '.' || (first > 12 && second <= 12))
        {
          d = first;
          mo = second;
        }
      else if (second > 12 && first <= 12)
        {
          mo = first;
          d = second;
        }
      else
        return FALSE;   /* 05/06/2024: May or June, the text does not say */
    }
  else
    return FALSE;
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > days_in_month (y, mo))
    return FALSE;
  set_match (m, i, i + 4, value_of_day (days_from_civil (y, mo, d)), FALSE);
  return TRUE;
}

/* A number standing alone as a year: "in 2009", "since 1992", "2014 and 2016", "WWDC 2005",
 * but not "2,024", "2000 troops", "$2024", "Russell 2000 Index" nor "flight 1990". */
static gboolean
match_year (Scan  *s,
            guint  i,
            Match *m)
{
  const Token *t = &s->tok[i];
  gboolean cue = FALSE, range = FALSE;
  guint32 prev_flags = 0;

  if (t->ndigits != 4)
    return FALSE;
  /* "2009-2011" is two years; "2009-10", "2,024" and "1990s" are not. */
  if (glued_right (s, i) &&
      !(is_punct (s, i + 1, '-') && s->tok[i + 2].kind == TOK_NUM && s->tok[i + 2].ndigits == 4))
    return FALSE;
  if (i > 0)
    {
      const Token *p = &s->tok[i - 1];

      /* "2009-2011": the second year of a range */
      if (p->kind == TOK_PUNCT && p->num == '-' && i >= 2 && s->tok[i - 2].kind == TOK_NUM &&
          s->tok[i - 2].ndigits == 4)
        range = TRUE;
      else if (glued_left (s, i))
        return FALSE;
      if (p->kind == TOK_NUM)
        return FALSE;
      prev_flags = keyword_at (s, i - 1)->flags;
      if (prev_flags & KF_NOT_YEAR)
        return FALSE;
      cue = range || has_cue (s, i, KF_YEAR_CUE, TRUE) ||
            (is_punct (s, i - 1, '(') && is_punct (s, i + 1, ')'));
    }
  if (t->num < (cue ? 1000u : 1900u) || t->num > (cue ? 2199u : 2099u))
    return FALSE;
  /* "1800 x 1920" */
  if (i + 1 < s->n_tok &&
      ((s->tok[i + 1].kind == TOK_WORD && s->tok[i + 1].byte_end - s->tok[i + 1].byte_start == 1 &&
        (s->text[s->tok[i + 1].byte_start] | 0x20) == 'x') || is_punct (s, i + 1, 0xD7)))
    return FALSE;
  if (!cue && i + 1 < s->n_tok)
    {
      const Token *n = &s->tok[i + 1];

      /* "2000 troops"; but "2009 was", "2023 saw" */
      if (n->kind == TOK_WORD && (n->flags & TF_LOWER) &&
          !(keywords[n->kw].flags & (KF_AUX | KF_PAST | KF_FUTURE)))
        return FALSE;
      /* "Russell 2000 Index" */
      if (i > 0 && is_name_word (s, i - 1) && is_name_word (s, i + 1))
        return FALSE;
    }
  set_match (m, i, i, value_of_year ((int) t->num), FALSE);
  return TRUE;
}

static gboolean
match_number (Scan  *s,
              guint  i,
              Match *m)
{
  return match_numeric (s, i, m) ||
         match_day_first (s, i, i, 0, m) ||
         match_ago (s, i, m) ||
         match_year (s, i, m);
}

/* A day named through the last day found: "ended the day", "the same day", "that day". */
static gboolean
match_reference_day (Scan  *s,
                     guint  first,
                     guint  last,
                     Match *m)
{
  if (!s->have_ref_day)
    return FALSE;
  set_match (m, first, last, value_of_day (s->ref_day), TRUE);
  return TRUE;
}

/* "the same period last year", "the same month a year ago": the period last named, a year
 * earlier.  @j is the word after "same". */
static gboolean
match_same_period (Scan  *s,
                   guint  first,
                   guint  j,
                   Match *m)
{
  KeywordId unit = is_class (s, j, KC_UNIT) ? (KeywordId) s->tok[j].kw : KW_NONE;
  const DateValue *r = &s->ref;
  guint k = j + 1, last;

  if (unit != KW_PERIOD && unit != KW_MONTH && unit != KW_WEEK && unit != KW_DAY)
    return FALSE;
  if (is_kw (s, k, KW_OF))
    k++;
  if (is_kw (s, k, KW_LAST) && is_kw (s, k + 1, KW_YEAR))
    last = k + 1;
  else if ((is_kw (s, k, KW_A) || is_kw (s, k, KW_ONE)) && is_kw (s, k + 1, KW_YEAR) &&
           (is_kw (s, k + 2, KW_AGO) || is_kw (s, k + 2, KW_EARLIER)))
    last = k + 2;
  else if (is_kw (s, k, KW_THE) && (is_kw (s, k + 1, KW_PREVIOUS) ||
                                    is_kw (s, k + 1, KW_PRIOR)) && is_kw (s, k + 2, KW_YEAR))
    last = k + 2;
  else
    return FALSE;
  if (!s->have_ref || r->precision == DOSSIER_DATE_YEAR ||
      (unit == KW_MONTH && r->precision != DOSSIER_DATE_MONTH) ||
      (unit == KW_WEEK && r->precision != DOSSIER_DATE_WEEK) ||
      (unit == KW_DAY && r->precision != DOSSIER_DATE_DAY))
    return FALSE;
  m->value = *r;
  m->value.year--;
  if (r->precision == DOSSIER_DATE_DAY && r->day > days_in_month (r->year - 1, r->month))
    m->value.day = days_in_month (r->year - 1, r->month);
  if (r->precision == DOSSIER_DATE_WEEK && r->week == 53)
    m->value.week = 52;
  m->first = first;
  m->last = last;
  m->relative = TRUE;
  return TRUE;
}

/* "the end of May", "the beginning of the year", "the start of this year", "mid-2009",
 * "early next week": the expression keeps the value of what it qualifies. */
static gboolean
match_qualified (Scan  *s,
                 guint  first,
                 guint  j,
                 Match *m)
{
  if (j >= s->n_tok)
    return FALSE;
  /* "the beginning of the year": this year (month, week) */
  if (is_kw (s, j, KW_THE) && s->has_anchor &&
      (is_kw (s, j + 1, KW_YEAR) || is_kw (s, j + 1, KW_MONTH) || is_kw (s, j + 1, KW_WEEK)))
    {
      set_match (m, first, j + 1, shift_unit ((KeywordId) s->tok[j + 1].kw, s->anchor, 0),
                 TRUE);
      return TRUE;
    }
  if (!match_core (s, j, m))
    return FALSE;
  m->first = first;
  return TRUE;
}

/* Everything that starts with "the". */
static gboolean
match_the (Scan  *s,
           guint  i,
           Match *m)
{
  guint j = i + 1;

  if (j >= s->n_tok || s->tok[j].kind != TOK_WORD)
    {
      /* "the 19th of May" */
      if (j < s->n_tok && s->tok[j].kind == TOK_NUM && is_kw (s, j + 2, KW_OF) &&
          is_class (s, j + 1, KC_ORDINAL))
        return match_day_first (s, i, j, 0, m);
      return FALSE;
    }
  switch (s->tok[j].kw)
    {
    case KW_DAY:
      if (!s->has_anchor)
        return FALSE;
      /* "the day before yesterday", "the day after tomorrow" */
      if (is_kw (s, j + 1, KW_BEFORE) && is_kw (s, j + 2, KW_YESTERDAY))
        {
          set_match (m, i, j + 2, value_of_day (s->anchor - 2), TRUE);
          return TRUE;
        }
      if (is_kw (s, j + 1, KW_AFTER) && is_kw (s, j + 2, KW_TOMORROW))
        {
          set_match (m, i, j + 2, value_of_day (s->anchor + 2), TRUE);
          return TRUE;
        }
      /* "ended the day", "later in the day" */
      if (i > 0 && ((keyword_at (s, i - 1)->flags & KF_DAY_VERB) ||
                    (is_kw (s, i - 1, KW_IN) && i > 1 &&
                     (is_kw (s, i - 2, KW_LATER) || is_kw (s, i - 2, KW_EARLIER)))))
        return match_reference_day (s, i, j, m);
      return FALSE;
    case KW_SAME:
      if (is_kw (s, j + 1, KW_DAY))
        return match_reference_day (s, i, j + 1, m);
      return match_same_period (s, i, j + 1, m);
    case KW_YEAR:
    case KW_MONTH:
      /* "the year before", "the year previous": from the last date named */
      if ((is_kw (s, j + 1, KW_BEFORE) || is_kw (s, j + 1, KW_PREVIOUS) ||
           is_kw (s, j + 1, KW_PRIOR) || is_kw (s, j + 1, KW_EARLIER)) &&
          !is_lower_word (s, j + 2) && shift_reference (s, (KeywordId) s->tok[j].kw, -1,
                                                        &m->value))
        {
          m->first = i;
          m->last = j + 1;
          m->relative = TRUE;
          return TRUE;
        }
      return FALSE;
    case KW_LAST:
    case KW_PREVIOUS:
    case KW_PRIOR:
    case KW_CURRENT:
    case KW_COMING:
    case KW_NEXT:
      return match_modified (s, i, j, m);
    case KW_BEGINNING:
    case KW_START:
    case KW_END:
    case KW_MIDDLE:
      return is_kw (s, j + 1, KW_OF) && match_qualified (s, i, j + 2, m);
    default:
      return FALSE;
    }
}

/* The patterns that may start at token @i, qualifiers ("early", "the end of") excepted. */
static gboolean
match_core (Scan  *s,
            guint  i,
            Match *m)
{
  const Token *t;
  const Keyword *k;

  if (i >= s->n_tok)
    return FALSE;
  t = &s->tok[i];
  if (t->kind == TOK_NUM)
    return match_number (s, i, m);
  if (t->kind != TOK_WORD)
    return FALSE;
  k = &keywords[t->kw];
  switch (k->klass)
    {
    case KC_MONTH:
      return match_month (s, i, i, MODE_TENSE, 0, m);
    case KC_WEEKDAY:
      return match_weekday (s, i, i, MODE_TENSE, m);
    case KC_DAYREL:
      return match_dayrel (s, i, i, m);
    case KC_NUMBER:
      return match_ago (s, i, m);
    default:
      break;
    }
  switch (t->kw)
    {
    case KW_LAST:
    case KW_NEXT:
    case KW_THIS:
    case KW_COMING:
    case KW_CURRENT:
      return match_modified (s, i, i, m);
    case KW_THE:
      return match_the (s, i, m);
    case KW_THAT:
      /* "that day", "that same day" */
      if (is_kw (s, i + 1, KW_DAY) && !is_lower_word (s, i + 2))
        return match_reference_day (s, i, i + 1, m);
      if (is_kw (s, i + 1, KW_SAME) && is_kw (s, i + 2, KW_DAY))
        return match_reference_day (s, i, i + 2, m);
      return FALSE;
    case KW_EARLIER:
    case KW_LATER:
      /* "earlier today", "later this month" */
      if (is_kw (s, i + 1, KW_TODAY) || is_kw (s, i + 1, KW_TONIGHT))
        return match_dayrel (s, i, i + 1, m);
      if (is_kw (s, i + 1, KW_THIS) && match_modified (s, i, i + 1, m))
        return TRUE;
      return FALSE;
    default:
      return FALSE;
    }
}

/* Qualifiers first ("early May", "mid-2009", "the end of this year"), then the rest. */
static gboolean
match_at (Scan  *s,
          guint  i,
          Match *m)
{
  const Token *t = &s->tok[i];

  if (t->kind == TOK_WORD)
    {
      if (!(keywords[t->kw].flags & KF_STARTER))
        return FALSE;
      switch (t->kw)
        {
        case KW_EARLY:
        case KW_LATE:
        case KW_MID:
          {
            guint j = i + 1;

            if (is_punct (s, j, '-') && is_adjacent (s, j) && is_adjacent (s, j + 1))
              j++;
            if (match_qualified (s, i, j, m))
              return TRUE;
            return FALSE;
          }
        case KW_BEGINNING:
        case KW_START:
        case KW_END:
        case KW_MIDDLE:
          return is_kw (s, i + 1, KW_OF) && match_qualified (s, i, i + 2, m);
        default:
          break;
        }
    }
  else if (t->kind != TOK_NUM)
    return FALSE;
  return match_core (s, i, m);
}

static void
add_found (Scan        *s,
           const Match *m)
{
  Found f;
  const Token *a = &s->tok[m->first], *b = &s->tok[m->last];

  if (!value_in_range (&m->value))
    return;
  f.byte_start = a->byte_start;
  f.byte_end = b->byte_end;
  f.start = a->cp_start;
  f.end = b->cp_end;
  f.paragraph = s->paragraph;
  f.value = m->value;
  f.relative = m->relative;
  f.past = !s->has_anchor && !m->relative && reported_as_past (s, m->first, m->last);
  g_array_append_val (s->found, f);

  s->have_ref = TRUE;
  s->ref = m->value;
  if (m->value.precision == DOSSIER_DATE_DAY)
    {
      s->have_ref_day = TRUE;
      s->ref_day = days_from_civil (m->value.year, m->value.month, m->value.day);
    }
}

static void
match_paragraph (Scan *s)
{
  for (guint i = 0; i < s->n_tok; i++)
    {
      Match m;

      if (match_at (s, i, &m))
        {
          add_found (s, &m);
          i = m.last;
        }
    }
}

/* Tokenizer */

enum {
  CC_OTHER,     /* ASCII punctuation and symbols */
  CC_SPACE,
  CC_NEWLINE,
  CC_UPPER,
  CC_LOWER,
  CC_DIGIT,
  CC_HIGH,      /* the lead byte of a multibyte character */
  CC_CONT,      /* a continuation byte (only where UTF-8 is broken) */
};

static guint8 char_class[256];

static void
init_char_class (void)
{
  static gsize initialized = 0;

  if (!g_once_init_enter (&initialized))
    return;
  for (guint c = 0; c < 256; c++)
    {
      guint8 cc = CC_OTHER;

      if (c == '\n' || c == '\r')
        cc = CC_NEWLINE;
      else if (c == ' ' || c == '\t' || c == '\f' || c == '\v')
        cc = CC_SPACE;
      else if (c >= 'A' && c <= 'Z')
        cc = CC_UPPER;
      else if (c >= 'a' && c <= 'z')
        cc = CC_LOWER;
      else if (c >= '0' && c <= '9')
        cc = CC_DIGIT;
      else if (c >= 0xC0)
        cc = CC_HIGH;
      else if (c >= 0x80)
        cc = CC_CONT;
      char_class[c] = cc;
    }
  g_once_init_leave (&initialized, 1);
}

/* What a multibyte character stands for: a letter (0), a space (' '), a line break ('\n'),
 * or a punctuation character (quotes and dashes folded to ASCII). */
static gunichar
classify_high (gunichar c)
{
  switch (c)
    {
    case 0x2018: case 0x2019: case 0x201B: case 0x2032:
      return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB:
      return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212:
      return '-';
    case 0x2026:
      return '.';
    case 0x2028: case 0x2029: case 0x0085:
      return '\n';
    default:
      break;
    }
  if (g_unichar_isspace (c))
    return ' ';
  if (g_unichar_isalnum (c) || g_unichar_ismark (c))
    return 0;
  return c;
}

/* Decodes the character at @p (not past @end); returns its length, or 1 for broken UTF-8. */
static guint
decode_high (const guchar *p,
             const guchar *end,
             gunichar     *out)
{
  guint n = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : 2;
  gunichar c = p[0] & (0x3F >> (n - 1));

  if ((gsize) (end - p) < n)
    {
      *out = 0xFFFD;
      return 1;
    }
  for (guint k = 1; k < n; k++)
    {
      if ((p[k] & 0xC0) != 0x80)
        {
          *out = 0xFFFD;
          return 1;
        }
      c = (c << 6) | (p[k] & 0x3F);
    }
  *out = c;
  return n;
}

static inline Token *
new_token (Scan      *s,
           TokenKind  kind,
           gsize      byte_start,
           guint      cp_start,
           gboolean   space_before)
{
  Token *t;

  if (s->n_tok == s->tok_alloc)
    {
      s->tok_alloc = MAX (256, s->tok_alloc * 2);
      s->tok = g_renew (Token, s->tok, s->tok_alloc);
    }
  t = &s->tok[s->n_tok++];
  t->byte_start = byte_start;
  t->cp_start = cp_start;
  t->kind = (guint8) kind;
  t->flags = space_before ? TF_SPACE_BEFORE : 0;
  t->kw = KW_NONE;
  t->num = 0;
  t->ndigits = 0;
  t->sentence = 0;
  return t;
}

/* A paragraph longer than this many tokens is matched in parts, cut between sentences (or
 * anywhere past CHUNK_TOKENS_MAX), so that memory stays bounded on text without line breaks. */
#define CHUNK_TOKENS 4096
#define CHUNK_TOKENS_MAX 65536

/* Matches the tokens read, keeping them first when the scan records. */
static void
match_part (Scan *s)
{
  if (s->record != NULL)
    {
      Batch batch = { s->n_tok, s->paragraph };

      g_array_append_vals (s->record, s->tok, s->n_tok);
      g_array_append_val (s->batches, batch);
    }
  match_paragraph (s);
}

/* Matches all tokens but the last, which starts the next part. */
static void
end_chunk (Scan *s)
{
  Token last = s->tok[s->n_tok - 1];

  s->n_tok--;
  match_part (s);
  s->tok[0] = last;
  s->n_tok = 1;
}

static void
end_paragraph (Scan *s)
{
  if (s->n_tok == 0)
    return;
  match_part (s);
  s->n_tok = 0;
  s->paragraph++;
}

/* Splits the text into paragraphs and tokens, running the patterns at each paragraph end. */
static void
scan_text (Scan *s)
{
  const guchar *text = (const guchar *) s->text;
  const guchar *end = text + s->len;
  const guchar *p = text;
  guint cp = 0, sentence = 0;
  gboolean space = TRUE, pending_break = FALSE;

  while (p < end)
    {
      guint8 cc = char_class[*p];
      const guchar *start = p;
      guint cp_start = cp;
      gunichar punct = 0;
      Token *t;

      switch (cc)
        {
        case CC_NEWLINE:
          end_paragraph (s);
          sentence = 0;
          pending_break = FALSE;
          space = TRUE;
          p++;
          cp++;
          continue;
        case CC_SPACE:
          space = TRUE;
          p++;
          cp++;
          continue;
        case CC_CONT:
          /* Broken UTF-8: a byte on its own, counted as nothing. */
          p++;
          continue;
        case CC_HIGH:
          {
            gunichar c;
            guint n = decode_high (p, end, &c);
            gunichar what = classify_high (c);

            if (what == '\n')
              {
                end_paragraph (s);
                sentence = 0;
                pending_break = FALSE;
                space = TRUE;
                p += n;
                cp++;
                continue;
              }
            if (what == ' ')
              {
                space = TRUE;
                p += n;
                cp++;
                continue;
              }
            if (what != 0)
              {
                p += n;
                cp++;
                punct = what;
                break;
              }
          }
          G_GNUC_FALLTHROUGH;
        case CC_UPPER:
        case CC_LOWER:
          {
            gboolean ascii = TRUE, all_upper = TRUE;
            char lower[KEYWORD_MAX_LEN + 1];
            gsize len;
            guint8 flags = 0;

            if (cc == CC_UPPER)
              flags |= TF_CAPITAL;
            else if (cc == CC_LOWER)
              flags |= TF_LOWER;
            else
              {
                gunichar c;

                decode_high (p, end, &c);
                if (dossier_unichar_is_capital (c))
                  flags |= TF_CAPITAL;
              }
            while (p < end)
              {
                guint8 k = char_class[*p];

                if (k == CC_UPPER || k == CC_LOWER)
                  {
                    /* A run of ASCII letters at once: lowered and hashed while the word may
                     * still be a keyword, then only looked at for its case. */
                    const guchar *run = p;
                    guint8 cases = 0;

                    if (ascii)
                      for (; p < end && p - start < KEYWORD_MAX_LEN &&
                             ((k = char_class[*p]) == CC_UPPER || k == CC_LOWER); p++)
                        {
                          lower[p - start] = (char) (*p | 0x20);
                          cases |= 1u << k;
                        }
                    for (; p < end && ((k = char_class[*p]) == CC_UPPER || k == CC_LOWER); p++)
                      cases |= 1u << k;
                    if (cases & (1u << CC_LOWER))
                      all_upper = FALSE;
                    cp += (guint) (p - run);
                  }
                else if (k == CC_DIGIT)
                  {
                    ascii = FALSE;
                    p++;
                    cp++;
                  }
                else if (k == CC_HIGH)
                  {
                    gunichar c;
                    guint n = decode_high (p, end, &c);

                    if (classify_high (c) != 0)
                      break;
                    ascii = FALSE;
                    p += n;
                    cp++;
                  }
                else
                  break;
              }
            len = (gsize) (p - start);
            t = new_token (s, TOK_WORD, (gsize) (start - text), cp_start, space);
            t->byte_end = (gsize) (p - text);
            t->cp_end = cp;
            if (all_upper && ascii && len >= 2)
              flags |= TF_ALL_CAPS;
            t->flags |= flags;
            if (ascii && len <= KEYWORD_MAX_LEN)
              t->kw = keyword_of (lower, len);
            goto placed;
          }
        case CC_DIGIT:
          {
            guint32 value = 0;
            guint n = 0;

            while (p < end && char_class[*p] == CC_DIGIT)
              {
                if (n < 9)
                  value = value * 10 + (guint32) (*p - '0');
                n++;
                p++;
                cp++;
              }
            t = new_token (s, TOK_NUM, (gsize) (start - text), cp_start, space);
            t->byte_end = (gsize) (p - text);
            t->cp_end = cp;
            t->num = value;
            t->ndigits = (guint8) MIN (n, 255);
            goto placed;
          }
        case CC_OTHER:
        default:
          punct = *p;
          p++;
          cp++;
          break;
        }

      /* Punctuation */
      t = new_token (s, TOK_PUNCT, (gsize) (start - text), cp_start, space);
      t->byte_end = (gsize) (p - text);
      t->cp_end = cp;
      t->num = punct;

    placed:
      /* A sentence ends at . ! ? unless the dot closes an abbreviation ("Mr.", "Jan.", "U.")
       * or the next word goes on in lowercase. */
      if (pending_break && !(t->kind == TOK_WORD && (t->flags & TF_LOWER)))
        {
          sentence++;
          t->flags |= TF_SENT_START;
        }
      else if (s->n_tok == 1)
        t->flags |= TF_SENT_START;
      pending_break = FALSE;
      t->sentence = sentence;
      if (t->kind == TOK_PUNCT && (t->num == '.' || t->num == '!' || t->num == '?'))
        {
          const Token *prev = s->n_tok >= 2 ? &s->tok[s->n_tok - 2] : NULL;

          pending_break = TRUE;
          if (t->num == '.' && prev != NULL && prev->kind == TOK_WORD && !space &&
              ((keywords[prev->kw].flags & KF_DOT) || prev->byte_end - prev->byte_start == 1))
            pending_break = FALSE;
        }
      /* A sentence that starts with an opening quote starts again after it. */
      if (t->kind == TOK_PUNCT && (t->flags & TF_SENT_START) && (t->num == '"' || t->num == '\''))
        pending_break = TRUE;
      space = FALSE;
      if ((s->n_tok > CHUNK_TOKENS && (t->flags & TF_SENT_START)) || s->n_tok > CHUNK_TOKENS_MAX)
        end_chunk (s);
    }
  end_paragraph (s);
}

static gboolean
parse_anchor (const char *date,
              Scan       *s)
{
  g_autofree char *value = NULL;
  DossierPrecision precision;
  int y, m, d;

  if (date == NULL || !dossier_date_parse (date, &value, &precision) ||
      precision < DOSSIER_PRECISION_DAY || strlen (value) < 10 ||
      sscanf (value, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;
  s->has_anchor = TRUE;
  s->anchor = days_from_civil (y, m, d);
  s->anchor_year = y;
  s->anchor_month = m;
  s->anchor_day = d;
  return TRUE;
}

/* The token buffer of the last scan on this thread, kept for the next one: allocating it
 * anew for each text of a few kilobytes was a good part of the cost of a short one. */
typedef struct {
  Token *tok;
  guint  tok_alloc;
} TokenCache;

/* Above this, a token buffer goes back to the allocator rather than wait for the next text. */
#define TOKEN_CACHE_MAX (1 << 16)

static void
token_cache_free (gpointer data)
{
  TokenCache *cache = data;

  if (cache == NULL)
    return;
  g_free (cache->tok);
  g_free (cache);
}

static GPrivate token_cache_key = G_PRIVATE_INIT (token_cache_free);

static void
scan_init (Scan       *s,
           const char *text,
           const char *anchor_date)
{
  TokenCache *cache = g_private_get (&token_cache_key);

  init_keywords ();
  init_char_class ();
  memset (s, 0, sizeof *s);
  if (cache != NULL)
    {
      s->tok = g_steal_pointer (&cache->tok);
      s->tok_alloc = cache->tok_alloc;
      cache->tok_alloc = 0;
    }
  s->text = text;
  s->len = strlen (text);
  s->found = g_array_new (FALSE, FALSE, sizeof (Found));
  s->name_may = -1;
  s->name_march = -1;
  if (anchor_date != NULL && !parse_anchor (anchor_date, s))
    g_debug ("Not a day, ignored as the anchor: %s", anchor_date);
}

static void
scan_clear (Scan *s)
{
  TokenCache *cache = g_private_get (&token_cache_key);

  if (s->tok != NULL && s->tok_alloc <= TOKEN_CACHE_MAX)
    {
      if (cache == NULL)
        {
          cache = g_new0 (TokenCache, 1);
          g_private_set (&token_cache_key, cache);
        }
      if (cache->tok == NULL)
        {
          cache->tok = g_steal_pointer (&s->tok);
          cache->tok_alloc = s->tok_alloc;
        }
    }
  g_clear_pointer (&s->tok, g_free);
  g_clear_pointer (&s->found, g_array_unref);
}

/* Public API */

const char *
dossier_date_precision_to_string (DossierDatePrecision precision)
{
  switch (precision)
    {
    case DOSSIER_DATE_DAY:
      return "day";
    case DOSSIER_DATE_WEEK:
      return "week";
    case DOSSIER_DATE_MONTH:
      return "month";
    case DOSSIER_DATE_YEAR:
      return "year";
    default:
      g_return_val_if_reached (NULL);
    }
}

void
dossier_date_mention_free (DossierDateMention *mention)
{
  if (mention == NULL)
    return;
  g_free (mention->text);
  g_free (mention->value);
  g_free (mention);
}

/* The dates @s found in @text. */
static GPtrArray *
mentions_of_scan (const Scan *s,
                  const char *text)
{
  GPtrArray *mentions;

  mentions = g_ptr_array_new_full (s->found->len, (GDestroyNotify) dossier_date_mention_free);
  for (guint i = 0; i < s->found->len; i++)
    {
      const Found *f = &g_array_index (s->found, Found, i);
      DossierDateMention *mention = g_new0 (DossierDateMention, 1);

      mention->start = f->start;
      mention->end = f->end;
      mention->text = g_strndup (text + f->byte_start, f->byte_end - f->byte_start);
      mention->value = format_value (&f->value);
      mention->precision = f->value.precision;
      mention->relative = f->relative;
      g_ptr_array_add (mentions, mention);
    }
  return mentions;
}

GPtrArray *
dossier_extract_dates (const char *text,
                       const char *anchor_date)
{
  GPtrArray *mentions;
  Scan s;

  g_return_val_if_fail (text != NULL, NULL);

  scan_init (&s, text, anchor_date);
  scan_text (&s);
  mentions = mentions_of_scan (&s, text);
  scan_clear (&s);
  return mentions;
}

/* The dateline sits in the first paragraphs: the headline, perhaps a byline, then the date. */
#define DATELINE_PARAGRAPHS 3
#define DATELINE_CHARS 2000

static gint64
found_day (const Found *f)
{
  return days_from_civil (f->value.year, f->value.month, f->value.day);
}

/* The first day of the period a date names. */
static gint64
found_first_day (const Found *f)
{
  switch (f->value.precision)
    {
    case DOSSIER_DATE_DAY:
      return found_day (f);
    case DOSSIER_DATE_WEEK:
      return days_from_civil (f->value.year, 1, 4) + 7 * (f->value.week - 1) -
             (weekday_of (days_from_civil (f->value.year, 1, 4)) - 1);
    case DOSSIER_DATE_MONTH:
      return days_from_civil (f->value.year, f->value.month, 1);
    case DOSSIER_DATE_YEAR:
    default:
      return days_from_civil (f->value.year, 1, 1);
    }
}

/* The anchor date in what @s (a scan without an anchor) found, or NULL. */
static char *
anchor_of_scan (const Scan *s)
{
  const Found *best = NULL;
  char *result = NULL;
  gint64 latest_past = G_MININT64;

  /* A text cannot be written before the events it reports in the past tense: "the Sept. 11,
   * 2001, attacks" near the top of a story that later says "in 2013, Stern questioned" is
   * no dateline. */
  for (guint i = 0; i < s->found->len; i++)
    {
      const Found *f = &g_array_index (s->found, Found, i);

      if (f->past)
        latest_past = MAX (latest_past, found_first_day (f));
    }

  /* The latest full date near the top: the dateline, or the day the lede reports. */
  for (guint i = 0; i < s->found->len; i++)
    {
      const Found *f = &g_array_index (s->found, Found, i);

      if (f->value.precision != DOSSIER_DATE_DAY || f->relative ||
          f->paragraph >= DATELINE_PARAGRAPHS || f->start >= DATELINE_CHARS ||
          found_day (f) < latest_past)
        continue;
      if (best == NULL || found_day (f) > found_day (best))
        best = f;
    }

  /* Otherwise the full date the text names most often (the latest of those tied). */
  if (best == NULL)
    {
      g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
      guint best_count = 0;

      for (guint i = 0; i < s->found->len; i++)
        {
          const Found *f = &g_array_index (s->found, Found, i);
          gpointer key;
          guint count;

          if (f->value.precision != DOSSIER_DATE_DAY || f->relative ||
              found_day (f) < latest_past)
            continue;
          /* Day numbers of years 1-9999 fit in an int. */
          key = GINT_TO_POINTER ((int) found_day (f));
          count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1;
          g_hash_table_insert (counts, key, GUINT_TO_POINTER (count));
          if (best == NULL || count > best_count ||
              (count == best_count && found_day (f) > found_day (best)))
            {
              best = f;
              best_count = count;
            }
        }
    }

  if (best != NULL)
    result = g_strdup_printf ("%04d-%02d-%02d", best->value.year, best->value.month,
                              best->value.day);
  return result;
}

/* The anchor of a document date that is a day, or NULL. */
static char *
anchor_of_document_date (const char *document_date)
{
  Scan meta;

  if (document_date == NULL)
    return NULL;
  memset (&meta, 0, sizeof meta);
  if (parse_anchor (document_date, &meta))
    return g_strdup_printf ("%04d-%02d-%02d", meta.anchor_year, meta.anchor_month,
                            meta.anchor_day);
  g_debug ("Not a day, ignored as the document date: %s", document_date);
  return NULL;
}

char *
dossier_extract_anchor_date (const char *text,
                             const char *document_date)
{
  Scan s;
  char *result;

  if ((result = anchor_of_document_date (document_date)) != NULL)
    return result;
  if (text == NULL)
    return NULL;

  /* Only dates written out in full count: nothing can be resolved yet. */
  scan_init (&s, text, NULL);
  scan_text (&s);
  result = anchor_of_scan (&s);
  scan_clear (&s);
  return result;
}

GPtrArray *
dossier_scan_extract_dates (const char  *text,
                            const char  *document_date,
                            char       **anchor_date)
{
  GPtrArray *mentions;
  Scan s;

  *anchor_date = anchor_of_document_date (document_date);
  if (*anchor_date != NULL)
    return dossier_extract_dates (text, *anchor_date);

  scan_init (&s, text, NULL);
  /* A token every four or five bytes is what news text gives: room for them all at once. */
  s.record = g_array_sized_new (FALSE, FALSE, sizeof (Token), (guint) (s.len / 4 + 16));
  s.batches = g_array_new (FALSE, FALSE, sizeof (Batch));
  scan_text (&s);
  *anchor_date = anchor_of_scan (&s);
  if (*anchor_date == NULL)
    {
      /* Without an anchor, the scan that looked for one is the one that finds the dates. */
      mentions = mentions_of_scan (&s, text);
    }
  else
    {
      Scan again;
      Token *own;
      guint offset = 0;

      /* The same tokens matched again against the anchor: reading the text does not
       * depend on it, and matching only reads the tokens. */
      scan_init (&again, text, *anchor_date);
      own = again.tok;
      for (guint b = 0; b < s.batches->len; b++)
        {
          const Batch *batch = &g_array_index (s.batches, Batch, b);

          again.tok = &g_array_index (s.record, Token, offset);
          again.n_tok = batch->n_tok;
          again.paragraph = batch->paragraph;
          match_paragraph (&again);
          offset += batch->n_tok;
        }
      again.tok = own;
      mentions = mentions_of_scan (&again, text);
      scan_clear (&again);
    }
  g_array_unref (s.record);
  g_array_unref (s.batches);
  scan_clear (&s);
  return mentions;
}
