/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/*
 * Code-point helpers shared by the region and quote extractors.  Both work on the text
 * decoded to UCS-4 (offsets are code points), and both walk it once, so these are small
 * inline tests with an ASCII fast path: most news text is ASCII between the curly quotes.
 */

static inline gboolean
dossier_scan_is_space (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
  return c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0x2028 || c == 0x2029;
}

/* Letters, digits and combining marks: what words are made of. */
static inline gboolean
dossier_scan_is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum ((char) c);
  if (c == 0xA0 || (c >= 0x2000 && c <= 0x206F))
    return FALSE;
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static inline gboolean
dossier_scan_is_upper (gunichar c)
{
  if (c < 0x80)
    return c >= 'A' && c <= 'Z';
  return g_unichar_isupper (c) || g_unichar_istitle (c);
}

static inline gboolean
dossier_scan_is_lower (gunichar c)
{
  if (c < 0x80)
    return c >= 'a' && c <= 'z';
  return g_unichar_islower (c);
}

/* Apostrophes as written inside words: O'Brien, don’t, Ra'anana. */
static inline gboolean
dossier_scan_is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static inline gboolean
dossier_scan_is_double_mark (gunichar c)
{
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F || c == 0xAB ||
         c == 0xBB || c == 0xFF02 || c == 0x301D || c == 0x301E;
}

static inline gboolean
dossier_scan_is_single_mark (gunichar c)
{
  return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B ||
         c == 0x2039 || c == 0x203A;
}

static inline gboolean
dossier_scan_is_closing (gunichar c)
{
  return dossier_scan_is_double_mark (c) || dossier_scan_is_single_mark (c) || c == ')' ||
         c == ']' || c == '}';
}

/* The first position at or after @i (before @limit) that is not a space. */
static inline guint
dossier_scan_skip_space (const gunichar *u,
                         guint           i,
                         guint           limit)
{
  while (i < limit && dossier_scan_is_space (u[i]))
    i++;
  return i;
}

/* @end moved back over the spaces that end [start, end). */
static inline guint
dossier_scan_trim_end (const gunichar *u,
                       guint           start,
                       guint           end)
{
  while (end > start && dossier_scan_is_space (u[end - 1]))
    end--;
  return end;
}

static inline gunichar
dossier_scan_ascii_lower (gunichar c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* The text as code points, for valid UTF-8 the same as g_utf8_to_ucs4_fast() but with a
 * fast path for ASCII, which is most of any news text.  Free with g_free(). */
static inline gunichar *
dossier_scan_decode (const char *text,
                     guint      *n_chars)
{
  gsize len = strlen (text);
  gunichar *u = g_new (gunichar, len + 1);
  const guchar *p = (const guchar *) text, *end = p + len;
  guint n = 0;

  while (p < end)
    {
      if (*p < 0x80)
        u[n++] = *p++;
      else
        {
          u[n++] = g_utf8_get_char ((const char *) p);
          p += g_utf8_skip[*p];
        }
    }
  u[n] = 0;
  *n_chars = n;
  return u;
}

/* Words after which a full stop does not end a sentence ("Sen. Ted Cruz", "U.S. officials"):
 * @word is the lowercased ASCII word before the stop. */
static inline gboolean
dossier_scan_is_abbreviation (const char *word)
{
  /* Sorted: looked up by bisection. */
  static const char * const abbreviations[] = {
    "a.m", "adm", "approx", "apr", "atty", "aug", "brig", "capt", "cmdr", "co", "col", "corp",
    "dec", "dept", "dr", "e.g", "feb", "ft", "gen", "gov", "i.e", "inc", "insp", "jan", "jr",
    "jul", "jun", "lt", "ltd", "maj", "mar", "messrs", "mr", "mrs", "ms", "mt", "nov", "oct",
    "p.m", "pres", "prof", "rep", "reps", "rev", "sec", "sen", "sens", "sep", "sept", "sgt",
    "sr", "st", "supt", "u.k", "u.n", "u.s", "u.s.a", "vs",
  };

  if (word[0] != '\0' && word[1] == '\0')
    return TRUE; /* an initial: "George W. Bush" */
  {
    guint lo = 0, hi = G_N_ELEMENTS (abbreviations);

    while (lo < hi)
      {
        guint mid = (lo + hi) / 2;
        int c = strcmp (word, abbreviations[mid]);

        if (c == 0)
          return TRUE;
        if (c < 0)
          hi = mid;
        else
          lo = mid + 1;
      }
  }
  return FALSE;
}

/* Whether the sentence ending punctuation at @i ('.', '!', '?', '…') ends a sentence: it is
 * followed (after closing quotes and brackets) by a space and a capital, a digit or an
 * opening mark, or by the end of the block at @limit.  Returns the position after the
 * closing marks in *after. */
static inline gboolean
dossier_scan_ends_sentence (const gunichar *u,
                            guint           i,
                            guint           limit,
                            guint          *after)
{
  gunichar c = u[i];
  guint j = i + 1;

  if (c != '.' && c != '!' && c != '?' && c != 0x2026)
    return FALSE;
  /* "..." ends a sentence only where a capital follows, like a full stop. */
  while (j < limit && (u[j] == '.' || u[j] == '!' || u[j] == '?'))
    j++;
  while (j < limit && dossier_scan_is_closing (u[j]))
    j++;
  if (after != NULL)
    *after = j;
  if (j >= limit)
    return TRUE;
  if (!dossier_scan_is_space (u[j]))
    return FALSE;
  while (j < limit && dossier_scan_is_space (u[j]))
    j++;
  if (j >= limit)
    return TRUE;
  if (!(dossier_scan_is_upper (u[j]) || g_unichar_isdigit (u[j]) ||
        dossier_scan_is_double_mark (u[j]) || u[j] == 0x2018 || u[j] == '(' || u[j] == '['))
    return FALSE;
  if (c == '.')
    {
      char word[8];
      guint k = i, len = 0;

      /* The word before the stop, with inner stops ("U.S"), lowercased. */
      while (k > 0 && i - k < sizeof word - 1)
        {
          gunichar p = u[k - 1];

          if (p < 0x80 && g_ascii_isalpha ((char) p))
            k--;
          else if (p == '.' && k >= 2 && u[k - 2] < 0x80 && g_ascii_isalpha ((char) u[k - 2]))
            k--;
          else
            break;
        }
      if (k > 0 && dossier_scan_is_word_char (u[k - 1]))
        return TRUE; /* a longer or non-ASCII word: not an abbreviation */
      for (guint m = k; m < i && len < sizeof word - 1; m++)
        word[len++] = (char) dossier_scan_ascii_lower (u[m]);
      word[len] = '\0';
      if (len > 0 && dossier_scan_is_abbreviation (word))
        return FALSE;
    }
  return TRUE;
}

/* dossier_extract_regions() on text already decoded: the quote extractor refines the
 * regions it is given without decoding the text twice.  Defined in
 * dossier-extract-regions.c. */
GArray *dossier_scan_refine_regions (const gunichar *u,
                                     guint           n,
                                     GArray         *regions);

G_END_DECLS
