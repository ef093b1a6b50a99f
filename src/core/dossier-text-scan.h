/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

G_BEGIN_DECLS

/*
 * Code-point helpers shared by the region and quote extractors.  Both work on the text
 * decoded to UCS-4 (offsets are code points), and both walk it once, so these are small
 * inline tests with an ASCII fast path: most news text is ASCII between the curly quotes.
 * At the end, the extractors' entry points for dossier_extract_all(), which checks and
 * decodes the text once for all of them.
 */

/* An upper-case or title-case letter.  g_unichar_istitle() searches a table on every call;
 * the few title-case letters (Dž, ǅ and the Greek with prosgegrammeni) lie between U+01C5
 * and U+1FFC, so most characters are answered without it. */
static inline gboolean
dossier_unichar_is_capital (gunichar c)
{
  if (c < 0x80)
    return c >= 'A' && c <= 'Z';
  return g_unichar_isupper (c) || (c >= 0x01C5 && c <= 0x1FFC && g_unichar_istitle (c));
}

/* g_ascii_tolower() without the call into GLib. */
static inline char
dossier_ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
}

/* ASCII letters and digits: 1, the rest of ASCII: 0. */
static const guint8 dossier_scan_ascii_alnum[128] = {
  ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
  ['8'] = 1, ['9'] = 1,
  ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
  ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
  ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
  ['Y'] = 1, ['Z'] = 1,
  ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
  ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
  ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
  ['y'] = 1, ['z'] = 1,
};

/* memcmp (a, b, len) == 0 for the few bytes of a word, without the call. */
static inline gboolean
dossier_scan_same_bytes (const char *a,
                         const char *b,
                         gsize       len)
{
  for (gsize k = 0; k < len; k++)
    if (a[k] != b[k])
      return FALSE;
  return TRUE;
}

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
    return dossier_scan_ascii_alnum[c];
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

/* The end of the line at @k of @u (@n code points): the index of the next '\n', or @n.  The
 * passes that read lines call it once a line; where wchar_t is UCS-4, as on GNU systems,
 * the C library's wmemchr() scans many code points a step. */
static inline guint
dossier_scan_line_end (const gunichar *u,
                       guint           n,
                       guint           k)
{
#if WCHAR_MAX > 0xFFFF
  const wchar_t *eol;

  G_STATIC_ASSERT (sizeof (wchar_t) == sizeof (gunichar));
  if (k >= n)
    return n;
  eol = wmemchr ((const wchar_t *) (gconstpointer) (u + k), L'\n', n - k);
  return eol != NULL ? (guint) (eol - (const wchar_t *) (gconstpointer) u) : n;
#else
  while (k < n && u[k] != '\n')
    k++;
  return k;
#endif
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

/* The text @text[0, @len) as code points (@text[@len] must be its NUL), for valid UTF-8 the
 * same as g_utf8_to_ucs4_fast() but with fast paths for ASCII, which is most of any news
 * text, and for two- and three-byte sequences.  Free with g_free(). */
static inline gunichar *
dossier_scan_decode_len (const char *text,
                         gsize       len,
                         guint      *n_chars)
{
  gunichar *u = g_new (gunichar, len + 1);
  const guchar *p = (const guchar *) text, *end = p + len;
  guint n = 0;

  while (p < end)
    {
      guchar b;

      /* Eight ASCII bytes at a time, widened by a loop the compiler vectorizes. */
      while (end - p >= 8)
        {
          guint64 w;

          memcpy (&w, p, sizeof w);
          if (w & G_GUINT64_CONSTANT (0x8080808080808080))
            break;
          for (guint k = 0; k < 8; k++)
            u[n + k] = p[k];
          n += 8;
          p += 8;
        }
      if (p >= end)
        break;
      b = *p;
      if (b < 0x80)
        {
          u[n++] = b;
          p++;
        }
      /* What g_utf8_get_char() makes of a lead byte and well-formed continuation bytes
       * (the last one may be the NUL after the text, which is not one). */
      else if ((b & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80)
        {
          u[n++] = (gunichar) (b & 0x1F) << 6 | (p[1] & 0x3F);
          p += 2;
        }
      else if ((b & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
        {
          u[n++] = (gunichar) (b & 0x0F) << 12 | (gunichar) (p[1] & 0x3F) << 6 | (p[2] & 0x3F);
          p += 3;
        }
      else
        {
          u[n++] = g_utf8_get_char ((const char *) p);
          p += g_utf8_skip[b];
        }
    }
  u[n] = 0;
  *n_chars = n;
  return u;
}

/* g_utf8_validate_len() with a fast path for ASCII: eight bytes at a time, and only the
 * runs of other bytes (each made of whole characters if the text is valid) given to GLib. */
static inline gboolean
dossier_scan_validate (const char *text,
                       gsize       len)
{
  const guchar *p = (const guchar *) text, *end = p + len;

  while (p < end)
    {
      const guchar *run;

      while (end - p >= 8)
        {
          guint64 w;

          memcpy (&w, p, sizeof w);
          /* A byte with its top bit set, or a 0. */
          if ((w | ((w - G_GUINT64_CONSTANT (0x0101010101010101)) & ~w)) &
              G_GUINT64_CONSTANT (0x8080808080808080))
            break;
          p += 8;
        }
      while (p < end && *p < 0x80)
        {
          if (*p == '\0')
            return FALSE;
          p++;
        }
      run = p;
      while (p < end && *p >= 0x80)
        p++;
      if (p > run && !g_utf8_validate_len ((const char *) run, (gsize) (p - run), NULL))
        return FALSE;
    }
  return TRUE;
}

/* The same for the whole NUL-terminated @text. */
static inline gunichar *
dossier_scan_decode (const char *text,
                     guint      *n_chars)
{
  return dossier_scan_decode_len (text, strlen (text), n_chars);
}

static inline int
dossier_scan_compare_keys (const void *a,
                           const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

/* Words after which a full stop does not end a sentence ("Sen. Ted Cruz", "U.S. officials"):
 * @key is the lowercased ASCII word before the stop, of @len bytes (1 to 7), packed into a
 * number a byte a letter, the first in the lowest byte. */
static inline gboolean
dossier_scan_is_abbreviation (guint64 key,
                              guint   len)
{
  static const char * const abbreviations[] = {
    "a.m", "adm", "approx", "apr", "atty", "aug", "brig", "capt", "cmdr", "co", "col", "corp",
    "dec", "dept", "dr", "e.g", "feb", "ft", "gen", "gov", "i.e", "inc", "insp", "jan", "jr",
    "jul", "jun", "lt", "ltd", "maj", "mar", "messrs", "mr", "mrs", "ms", "mt", "nov", "oct",
    "p.m", "pres", "prof", "rep", "reps", "rev", "sec", "sen", "sens", "sep", "sept", "sgt",
    "sr", "st", "supt", "u.k", "u.n", "u.s", "u.s.a", "vs",
  };
  /* The words packed the same way and sorted, made once, for a bisection over numbers. */
  static guint64 keys[G_N_ELEMENTS (abbreviations)];
  static gsize ready = 0;
  guint lo = 0, hi = G_N_ELEMENTS (keys);

  if (len == 1)
    return TRUE; /* an initial: "George W. Bush" */
  if (g_once_init_enter (&ready))
    {
      for (guint k = 0; k < G_N_ELEMENTS (abbreviations); k++)
        {
          keys[k] = 0;
          for (guint m = 0; abbreviations[k][m] != '\0'; m++)
            keys[k] |= (guint64) (guchar) abbreviations[k][m] << (8 * m);
        }
      qsort (keys, G_N_ELEMENTS (keys), sizeof keys[0], dossier_scan_compare_keys);
      g_once_init_leave (&ready, 1);
    }
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (keys[mid] == key)
        return TRUE;
      if (keys[mid] > key)
        hi = mid;
      else
        lo = mid + 1;
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
      guint k = i, len = 0;
      guint64 key = 0;

      /* The word before the stop, with inner stops ("U.S"), lowercased: 7 bytes at most. */
      while (k > 0 && i - k < 7)
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
      for (guint m = k; m < i && len < 7; m++)
        key |= (guint64) dossier_scan_ascii_lower (u[m]) << (8 * len++);
      if (len > 0 && dossier_scan_is_abbreviation (key, len))
        return FALSE;
    }
  return TRUE;
}

/* Removes the entities' mentions whose end was set to 0 and the entities left without
 * mentions, then puts mentions in text order and entities (DossierEntityMention) in order of
 * first mention, as the rules give them: what the passes after the rules call when they are
 * done.  Defined in dossier-extract.c. */
void       dossier_scan_tidy_mentions    (GPtrArray      *entities);

/* The extractors on text already checked and decoded, so that dossier_extract_all() reads
 * it once: @text is valid UTF-8 of @length bytes (less than G_MAXUINT32), @u its @n code
 * points (dossier_scan_decode_len()). */

/* dossier_extract_regions(); the quote extractor refines the regions it is given without
 * decoding the text twice.  Defined in dossier-extract-regions.c. */
GArray    *dossier_scan_refine_regions   (const gunichar *u,
                                          guint           n,
                                          GArray         *regions);

/* dossier_extract_entities(); the passes after the rules and the tagger read @u.  Defined in
 * dossier-extract-entities.c. */
GPtrArray *dossier_scan_extract_entities (const char     *text,
                                          gsize           length,
                                          const gunichar *u,
                                          guint           n,
                                          GArray         *regions);

/* dossier_extract_anchor_date() then dossier_extract_dates() against the anchor, which is
 * returned in *anchor_date: without one, the scan that looked for it finds the dates.
 * Defined in dossier-extract-dates.c. */
GPtrArray *dossier_scan_extract_dates    (const char     *text,
                                          const char     *document_date,
                                          char          **anchor_date);

/* dossier_extract_quotes().  Defined in dossier-extract-quotes.c. */
GPtrArray *dossier_scan_extract_quotes   (const gunichar *u,
                                          guint           n,
                                          GArray         *regions);

G_END_DECLS
