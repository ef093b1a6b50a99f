/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-article"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-article.h"

static const char *region_kind_names[] = {
  [DOSSIER_REGION_PARAGRAPH] = "paragraph",
  [DOSSIER_REGION_HEADLINE] = "headline",
  [DOSSIER_REGION_CAPTION] = "caption",
  [DOSSIER_REGION_BOILERPLATE] = "boilerplate",
};

static const char *precision_names[] = {
  [DOSSIER_PRECISION_NONE] = "none",
  [DOSSIER_PRECISION_YEAR] = "year",
  [DOSSIER_PRECISION_MONTH] = "month",
  [DOSSIER_PRECISION_DAY] = "day",
  [DOSSIER_PRECISION_TIME] = "time",
};

const char *
dossier_region_kind_to_string (DossierRegionKind kind)
{
  g_return_val_if_fail (kind <= DOSSIER_REGION_BOILERPLATE, NULL);
  return region_kind_names[kind];
}

gboolean
dossier_region_kind_from_string (const char        *str,
                                 DossierRegionKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (region_kind_names); i++)
    if (g_strcmp0 (str, region_kind_names[i]) == 0)
      {
        *kind = (DossierRegionKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
dossier_precision_to_string (DossierPrecision precision)
{
  g_return_val_if_fail (precision <= DOSSIER_PRECISION_TIME, NULL);
  return precision_names[precision];
}

gboolean
dossier_precision_from_string (const char       *str,
                               DossierPrecision *precision)
{
  for (guint i = 0; i < G_N_ELEMENTS (precision_names); i++)
    if (g_strcmp0 (str, precision_names[i]) == 0)
      {
        *precision = (DossierPrecision) i;
        return TRUE;
      }
  return FALSE;
}

/* Dates */

static int
parse_digits (const char **p,
              int          n)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return -1;
      value = value * 10 + ((*p)[i] - '0');
    }
  *p += n;
  return value;
}

static gboolean
valid_ymd (int year,
           int month,
           int day)
{
  if (year < 1 || year > 9999)
    return FALSE;
  if (month != 0 && (month < 1 || month > 12))
    return FALSE;
  if (day != 0 && (month == 0 || !g_date_valid_dmy (day, month, year)))
    return FALSE;
  return TRUE;
}

static gboolean
parse_iso (const char        *str,
           char             **value,
           DossierPrecision  *precision)
{
  const char *p = str;
  int year, month = 0, day = 0, hour = -1, minute = 0, second = 0;
  g_autofree char *zone = NULL;

  if ((year = parse_digits (&p, 4)) < 0)
    return FALSE;
  if (*p == '-')
    {
      p++;
      if ((month = parse_digits (&p, 2)) < 0)
        return FALSE;
      if (*p == '-')
        {
          p++;
          if ((day = parse_digits (&p, 2)) < 0)
            return FALSE;
          if ((*p == 'T' || *p == ' ') && g_ascii_isdigit (p[1]))
            {
              p++;
              if ((hour = parse_digits (&p, 2)) < 0 || *p++ != ':' ||
                  (minute = parse_digits (&p, 2)) < 0)
                return FALSE;
              if (*p == ':')
                {
                  p++;
                  if ((second = parse_digits (&p, 2)) < 0)
                    return FALSE;
                  if (*p == '.' || *p == ',')
                    {
                      p++;
                      while (g_ascii_isdigit (*p))
                        p++;
                    }
                }
              if (*p == 'Z' || *p == 'z')
                {
                  zone = g_strdup ("Z");
                  p++;
                }
              else if (*p == '+' || *p == '-')
                {
                  char sign = *p++;
                  int zh, zm = 0;

                  if ((zh = parse_digits (&p, 2)) < 0)
                    return FALSE;
                  if (*p == ':')
                    p++;
                  if (g_ascii_isdigit (*p) && (zm = parse_digits (&p, 2)) < 0)
                    return FALSE;
                  if (zh > 14 || zm > 59)
                    return FALSE;
                  zone = g_strdup_printf ("%c%02d:%02d", sign, zh, zm);
                }
              if (hour > 23 || minute > 59 || second > 60)
                return FALSE;
            }
        }
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0' || !valid_ymd (year, month, day))
    return FALSE;

  if (hour >= 0)
    {
      *value = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d%s", year, month, day,
                                hour, minute, second, zone ? zone : "");
      *precision = DOSSIER_PRECISION_TIME;
    }
  else if (day)
    {
      *value = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
      *precision = DOSSIER_PRECISION_DAY;
    }
  else if (month)
    {
      *value = g_strdup_printf ("%04d-%02d", year, month);
      *precision = DOSSIER_PRECISION_MONTH;
    }
  else
    {
      *value = g_strdup_printf ("%04d", year);
      *precision = DOSSIER_PRECISION_YEAR;
    }
  return TRUE;
}

static int
month_from_name (const char *word)
{
  static const char *months[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  };
  gsize len = strlen (word);

  if (len < 3)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_ascii_strncasecmp (word, months[i], 3) == 0)
      {
        static const char *full[] = {
          "january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december",
        };
        /* "Jun", "June", "Sept" and "Sep." are months; "Mayor" and "Marching" are not. */
        if (len == 3 || g_ascii_strcasecmp (word, full[i]) == 0 ||
            (i == 8 && g_ascii_strcasecmp (word, "sept") == 0))
          return (int) i + 1;
      }
  return 0;
}

/* "June 20, 2024", "20 June 2024", "Thu, 20 Jun 2024 10:15:00 GMT", "June 2024". */
static gboolean
parse_written (const char        *str,
               char             **value,
               DossierPrecision  *precision)
{
  g_auto(GStrv) words = g_strsplit_set (str, " ,.\t\n/", -1);
  int year = 0, month = 0, day = 0, hour = -1, minute = 0, second = 0;
  const char *zone = NULL;

  for (guint i = 0; words[i]; i++)
    {
      const char *w = words[i];
      gsize len = strlen (w);
      int m;

      if (len == 0)
        continue;
      if ((m = month_from_name (w)))
        {
          if (month)
            return FALSE;
          month = m;
        }
      else if (len == 4 && g_ascii_isdigit (w[0]) && g_ascii_isdigit (w[3]) &&
               strspn (w, "0123456789") == 4)
        {
          if (year)
            return FALSE;
          year = atoi (w);
        }
      else if (strchr (w, ':'))
        {
          if (sscanf (w, "%d:%d:%d", &hour, &minute, &second) < 2)
            return FALSE;
        }
      else if ((len <= 2 && strspn (w, "0123456789") == len) ||
               (len <= 4 && g_ascii_isdigit (w[0]) &&
                (g_str_has_suffix (w, "st") || g_str_has_suffix (w, "nd") ||
                 g_str_has_suffix (w, "rd") || g_str_has_suffix (w, "th"))))
        {
          if (day)
            return FALSE;
          day = atoi (w);
        }
      else if (g_ascii_strcasecmp (w, "GMT") == 0 || g_ascii_strcasecmp (w, "UTC") == 0 ||
               g_ascii_strcasecmp (w, "Z") == 0 || g_ascii_strcasecmp (w, "+0000") == 0)
        zone = "Z";
      else if (g_ascii_isalpha (w[0]))
        {
          /* weekday names and short words such as "at" or "on" */
          continue;
        }
      else
        return FALSE;
    }

  if (!year || !month || !valid_ymd (year, month, day))
    return FALSE;
  if (day && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 &&
      second <= 60)
    {
      *value = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d%s", year, month, day,
                                hour, minute, second, zone ? zone : "");
      *precision = DOSSIER_PRECISION_TIME;
    }
  else if (day)
    {
      *value = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
      *precision = DOSSIER_PRECISION_DAY;
    }
  else
    {
      *value = g_strdup_printf ("%04d-%02d", year, month);
      *precision = DOSSIER_PRECISION_MONTH;
    }
  return TRUE;
}

gboolean
dossier_date_parse (const char        *str,
                    char             **value,
                    DossierPrecision  *precision)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (precision != NULL, FALSE);

  *value = NULL;
  *precision = DOSSIER_PRECISION_NONE;
  if (str == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strndup (str, 200));
  if (*trimmed == '\0')
    return FALSE;
  return parse_iso (trimmed, value, precision) || parse_written (trimmed, value, precision);
}

/* Articles */

DossierArticle *
dossier_article_new (void)
{
  DossierArticle *article = g_new0 (DossierArticle, 1);

  article->regions = g_array_new (FALSE, FALSE, sizeof (DossierRegion));
  return article;
}

void
dossier_article_free (DossierArticle *article)
{
  if (article == NULL)
    return;
  g_free (article->title);
  g_free (article->outlet);
  g_free (article->byline);
  g_free (article->url);
  g_free (article->published);
  g_free (article->language);
  g_free (article->format);
  g_free (article->text);
  g_clear_pointer (&article->regions, g_array_unref);
  g_free (article);
}

/* Normalization */

static gboolean
is_dropped_char (gunichar c)
{
  switch (c)
    {
    case 0x00AD: /* soft hyphen */
    case 0x200B: /* zero width space */
    case 0xFEFF: /* byte order mark / zero width no-break space */
    case 0xFFFC: /* object replacement */
      return TRUE;
    default:
      return g_unichar_type (c) == G_UNICODE_CONTROL && !g_unichar_isspace (c);
    }
}

/* Characters NFC leaves as they are whatever surrounds them: no canonical decomposition,
 * combining class 0, and never the second character of a composition (checked against
 * GLib's tables for every code point in these ranges).  Text made only of them is already
 * in NFC: ASCII, Latin-1 and Latin Extended-A/B, typographic quotes and dashes, currency. */
static inline gboolean
is_nfc_stable (gunichar c)
{
  return c < 0x0300 ||
         (c >= 0x2010 && c <= 0x2027) ||
         (c >= 0x2030 && c <= 0x205E) ||
         (c >= 0x20A0 && c <= 0x20BF);
}

/* @text is valid UTF-8 without NUL in its @len bytes. */
static gboolean
needs_nfc (const char *text,
           gsize       len)
{
  const char *end = text + len;

  for (const char *p = text; p < end; )
    {
      if ((guchar) *p < 0x80)
        {
          p++;
          continue;
        }
      if (!is_nfc_stable (g_utf8_get_char (p)))
        return TRUE;
      p = g_utf8_next_char (p);
    }
  return FALSE;
}

/* Appends @text to @out with whitespace collapsed, controls dropped; NFC first.
 *
 * This runs over every byte of every import, twice for plain text (the heading test cleans
 * each paragraph too), so it avoids per-character calls where it can: g_utf8_normalize() is
 * skipped when nothing in the text can change under NFC, ASCII is handled inline, and the
 * output is written in place (it is never longer than the input: a collapsed run of
 * whitespace becomes at most one space). */
static void
append_normalized (GString    *out,
                   const char *text,
                   gssize      len)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfc = NULL;
  gboolean pending_space = FALSE;
  gsize start = out->len;
  gsize pos = start;
  const char *end;

  if (len < 0)
    len = strlen (text);
  if (!g_utf8_validate_len (text, len, NULL))
    {
      /* g_utf8_validate_len() also refuses NUL bytes: g_utf8_make_valid() replaces them
       * with U+FFFD like any invalid byte. */
      text = valid = g_utf8_make_valid (text, len);
      len = strlen (text);
    }
  if (needs_nfc (text, len))
    {
      text = nfc = g_utf8_normalize (text, len, G_NORMALIZE_NFC);
      if (nfc == NULL)
        return;
      len = strlen (text);
    }

  g_string_set_size (out, start + len);
  end = text + len;
  for (const char *p = text; p < end; )
    {
      guchar b = (guchar) *p;
      const char *next;
      gunichar c;

      if (b < 0x80)
        {
          p++;
          /* g_unichar_isspace() and is_dropped_char() for ASCII */
          if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f')
            {
              pending_space = TRUE;
              continue;
            }
          if (b < 0x20 || b == 0x7F)
            continue;
          if (pending_space && pos > start)
            out->str[pos++] = ' ';
          pending_space = FALSE;
          out->str[pos++] = (char) b;
          continue;
        }

      c = g_utf8_get_char (p);
      next = g_utf8_next_char (p);
      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2007)
        pending_space = TRUE;
      else if (!is_dropped_char (c))
        {
          if (pending_space && pos > start)
            out->str[pos++] = ' ';
          pending_space = FALSE;
          memcpy (out->str + pos, p, (gsize) (next - p));
          pos += (gsize) (next - p);
        }
      p = next;
    }
  g_string_truncate (out, pos);
}

struct _DossierTextBuilder {
  GString *text;
  GArray  *regions;
  guint    length;   /* code points in text */
};

DossierTextBuilder *
dossier_text_builder_new (void)
{
  DossierTextBuilder *builder = g_new0 (DossierTextBuilder, 1);

  builder->text = g_string_new (NULL);
  builder->regions = g_array_new (FALSE, FALSE, sizeof (DossierRegion));
  return builder;
}

void
dossier_text_builder_free (DossierTextBuilder *builder)
{
  if (builder == NULL)
    return;
  if (builder->text)
    g_string_free (builder->text, TRUE);
  g_clear_pointer (&builder->regions, g_array_unref);
  g_free (builder);
}

static void
builder_append_region (DossierTextBuilder *builder,
                       DossierRegionKind   kind,
                       const char         *text,
                       gsize               len)
{
  DossierRegion region;
  glong n_chars = g_utf8_strlen (text, len);

  if (builder->text->len > 0)
    {
      g_string_append (builder->text, "\n\n");
      builder->length += 2;
    }
  region.kind = kind;
  region.start = builder->length;
  region.end = builder->length + (guint) n_chars;
  g_string_append_len (builder->text, text, len);
  builder->length = region.end;
  g_array_append_val (builder->regions, region);
}

static gboolean
is_closing_char (gunichar c)
{
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
         c == 0x00BB;
}

static gboolean
is_terminal_char (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002;
}

/* Where to cut @text (at most @max bytes long): the byte after the space that follows the
 * last sentence end, or after the last space, or at the last character boundary. */
static gsize
find_split (const char *text,
            gsize       len,
            gsize       max)
{
  gsize last_sentence = 0, last_space = 0;
  const char *end = text + MIN (len, max);

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      if (*p != ' ')
        continue;
      last_space = (gsize) (p - text) + 1;
      /* look back over closing quotes for the terminal punctuation */
      {
        const char *q = p;
        while (q > text)
          {
            const char *prev = g_utf8_prev_char (q);
            gunichar c = g_utf8_get_char (prev);
            if (is_closing_char (c))
              {
                q = prev;
                continue;
              }
            if (is_terminal_char (c))
              last_sentence = (gsize) (p - text) + 1;
            break;
          }
      }
    }
  if (last_sentence > max / 4)
    return last_sentence;
  if (last_space > max / 4)
    return last_space;
  return (gsize) (g_utf8_find_prev_char (text, text + max) - text);
}

gboolean
dossier_text_builder_add (DossierTextBuilder *builder,
                          DossierRegionKind   kind,
                          const char         *text,
                          gssize              len)
{
  g_autoptr(GString) block = g_string_new (NULL);
  const char *p;
  gsize remaining;

  g_return_val_if_fail (builder != NULL, FALSE);
  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  if (len == 0)
    return FALSE;
  append_normalized (block, text, len);
  if (block->len == 0)
    return FALSE;

  p = block->str;
  remaining = block->len;
  while (remaining > DOSSIER_MAX_PARAGRAPH_BYTES)
    {
      gsize cut = find_split (p, remaining, DOSSIER_MAX_PARAGRAPH_BYTES);
      gsize piece = cut;

      while (piece > 0 && p[piece - 1] == ' ')
        piece--;
      if (piece > 0)
        builder_append_region (builder, kind, p, piece);
      p += cut;
      remaining -= cut;
      while (remaining > 0 && *p == ' ')
        p++, remaining--;
    }
  if (remaining > 0)
    builder_append_region (builder, kind, p, remaining);
  return TRUE;
}

guint
dossier_text_builder_get_n_regions (DossierTextBuilder *builder)
{
  return builder->regions->len;
}

guint
dossier_text_builder_get_length (DossierTextBuilder *builder)
{
  return builder->length;
}

void
dossier_text_builder_finish (DossierTextBuilder *builder,
                             DossierArticle     *article)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (article != NULL);

  g_free (article->text);
  article->text = g_string_free (g_steal_pointer (&builder->text), FALSE);
  g_clear_pointer (&article->regions, g_array_unref);
  article->regions = g_steal_pointer (&builder->regions);
  builder->text = g_string_new (NULL);
  builder->regions = g_array_new (FALSE, FALSE, sizeof (DossierRegion));
  builder->length = 0;
}

char *
dossier_clean_string (const char *str,
                      gssize      len)
{
  GString *out;

  if (str == NULL)
    return NULL;
  out = g_string_new (NULL);
  append_normalized (out, str, len);
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

char *
dossier_published_day (const char       *published,
                       DossierPrecision  precision)
{
  if (published == NULL || precision < DOSSIER_PRECISION_DAY || strlen (published) < 10 ||
      published[4] != '-' || published[7] != '-')
    return NULL;
  return g_strndup (published, 10);
}

char *
dossier_article_dup_day (DossierArticle *article)
{
  g_return_val_if_fail (article != NULL, NULL);

  return dossier_published_day (article->published, article->precision);
}
