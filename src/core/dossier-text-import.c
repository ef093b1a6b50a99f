/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-text"

#include <string.h>

#include "dossier-error.h"
#include "dossier-import.h"

/* Longest first line still taken as a headline; a longer one is a paragraph and the title is
 * cut from its first sentence. */
#define MAX_HEADLINE_CHARS 200
#define MAX_TITLE_CHARS 120
#define MAX_SUBHEAD_CHARS 100

typedef enum {
  META_NONE,
  META_DATE,
  META_TITLE,
  META_OUTLET,
  META_URL,
  META_BYLINE,
  META_LANGUAGE,
} MetaKey;

static const struct {
  const char *name;
  MetaKey     key;
} meta_keys[] = {
  { "date", META_DATE },
  { "published", META_DATE },
  { "title", META_TITLE },
  { "source", META_OUTLET },
  { "outlet", META_OUTLET },
  { "url", META_URL },
  { "author", META_BYLINE },
  { "byline", META_BYLINE },
  { "language", META_LANGUAGE },
};

static gboolean
is_http_url (const char *s)
{
  return g_ascii_strncasecmp (s, "http://", 7) == 0 || g_ascii_strncasecmp (s, "https://", 8) == 0;
}

/* Tries to read one metadata line at *pos.  Returns TRUE when it was one; *pos moves past
 * what was consumed, which for "date 2024-06-20 Body text…" is only the key and the date:
 * the rest of that line is the start of the body, and *body_started is set. */
static gboolean
parse_meta_line (DossierArticle  *article,
                 const char     **pos,
                 gboolean        *body_started)
{
  const char *p = *pos;
  const char *line_end = strchr (p, '\n');
  g_autofree char *line = NULL;
  const char *value;
  gboolean colon = FALSE;
  MetaKey key = META_NONE;
  gsize key_len = 0;

  while (*p == ' ' || *p == '\t')
    p++;
  if (line_end == NULL)
    line_end = p + strlen (p);

  for (guint i = 0; i < G_N_ELEMENTS (meta_keys); i++)
    {
      gsize n = strlen (meta_keys[i].name);

      if (g_ascii_strncasecmp (p, meta_keys[i].name, n) != 0)
        continue;
      if (p[n] == ':')
        colon = TRUE;
      else if (p[n] != ' ' && p[n] != '\t')
        continue;
      /* Without a colon only the lowercase key counts: "Title fight ends…" is text. */
      if (!colon && strncmp (p, meta_keys[i].name, n) != 0)
        continue;
      key = meta_keys[i].key;
      key_len = n;
      break;
    }
  if (key == META_NONE)
    return FALSE;

  value = p + key_len + (colon ? 1 : 0);
  while (*value == ' ' || *value == '\t')
    value++;
  if (value >= line_end)
    return FALSE;
  line = g_strstrip (g_strndup (value, (gsize) (line_end - value)));

  switch (key)
    {
    case META_DATE:
      {
        g_autofree char *date = NULL;
        DossierPrecision precision;

        if (colon && dossier_date_parse (line, &date, &precision))
          {
            *pos = line_end;
            break;
          }
        else
          {
            /* "date 2024-06-20 Iran's …": the first word is the date, the rest is text. */
            const char *word_end = value;
            g_autofree char *word = NULL;

            while (word_end < line_end && *word_end != ' ' && *word_end != '\t')
              word_end++;
            word = g_strndup (value, (gsize) (word_end - value));
            if (!dossier_date_parse (word, &date, &precision))
              return FALSE;
            while (word_end < line_end && (*word_end == ' ' || *word_end == '\t'))
              word_end++;
            *pos = word_end;
            if (word_end < line_end)
              *body_started = TRUE;
          }
        g_free (article->published);
        article->published = g_steal_pointer (&date);
        article->precision = precision;
      }
      return TRUE;

    case META_URL:
      if (!is_http_url (line) || strpbrk (line, " \t") != NULL)
        return FALSE;
      g_free (article->url);
      article->url = g_steal_pointer (&line);
      break;

    case META_TITLE:
      g_free (article->title);
      article->title = dossier_clean_string (line, -1);
      break;

    case META_OUTLET:
      g_free (article->outlet);
      article->outlet = dossier_clean_string (line, -1);
      break;

    case META_BYLINE:
      g_free (article->byline);
      article->byline = dossier_clean_string (line, -1);
      break;

    case META_LANGUAGE:
      g_free (article->language);
      article->language = dossier_clean_string (line, -1);
      break;

    case META_NONE:
    default:
      g_assert_not_reached ();
    }
  *pos = line_end;
  return TRUE;
}

static gboolean
ends_like_sentence (const char *text)
{
  const char *end = text + strlen (text);

  while (end > text)
    {
      const char *prev = g_utf8_prev_char (end);
      gunichar c = g_utf8_get_char (prev);

      if (g_unichar_isspace (c))
        {
          end = prev;
          continue;
        }
      return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == ',' ||
             c == '"' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 || c == 0x2026;
    }
  return FALSE;
}

/* A short line without closing punctuation, starting with a capital and of a few words,
 * reads as a heading ("Iran seeks to build up its alliance system"). */
static gboolean
looks_like_heading (const char *text)
{
  g_autofree char *clean = dossier_clean_string (text, -1);

  if (clean == NULL || g_utf8_strlen (clean, -1) > MAX_SUBHEAD_CHARS)
    return FALSE;
  if (!g_unichar_isupper (g_utf8_get_char (clean)) && !g_unichar_isdigit (g_utf8_get_char (clean)))
    return FALSE;
  if (strchr (clean, ' ') == NULL)
    return FALSE;
  return !ends_like_sentence (clean);
}

/* The title when the first line is too long to be one: its first sentence, cut at a word. */
static char *
title_from_paragraph (const char *paragraph)
{
  g_autofree char *clean = dossier_clean_string (paragraph, -1);
  GString *title = g_string_new (NULL);
  guint n = 0;

  for (const char *p = clean; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c == '.' || c == '!' || c == '?') && (p[1] == ' ' || p[1] == '\0') && n > 20)
        break;
      if (n >= MAX_TITLE_CHARS)
        {
          char *space = strrchr (title->str, ' ');
          if (space != NULL && space - title->str > MAX_TITLE_CHARS / 2)
            g_string_truncate (title, (gsize) (space - title->str));
          g_string_append (title, "…");
          break;
        }
      g_string_append_unichar (title, c);
      n++;
    }
  return g_string_free (title, FALSE);
}

/* Splits the body into paragraphs: blank lines separate blocks; inside a block, lines
 * hard-wrapped at a fixed width are joined, other lines stand alone. */
static GPtrArray *
split_paragraphs (const char *body)
{
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = g_strsplit (body, "\n", -1);
  guint i = 0;

  while (lines[i] != NULL)
    {
      guint first, last, j;
      gboolean wrapped = TRUE;

      while (lines[i] != NULL && g_strstrip (lines[i])[0] == '\0')
        i++;
      if (lines[i] == NULL)
        break;
      first = i;
      while (lines[i] != NULL && g_strstrip (lines[i])[0] != '\0')
        i++;
      last = i; /* exclusive */

      for (j = first; j + 1 < last; j++)
        {
          glong n = g_utf8_strlen (lines[j], -1);
          if (n < 40 || n > 100)
            wrapped = FALSE;
        }
      if (last - first > 1 && wrapped)
        {
          GString *joined = g_string_new (NULL);
          for (j = first; j < last; j++)
            {
              if (joined->len)
                g_string_append_c (joined, ' ');
              g_string_append (joined, lines[j]);
            }
          g_ptr_array_add (paragraphs, g_string_free (joined, FALSE));
        }
      else
        {
          for (j = first; j < last; j++)
            g_ptr_array_add (paragraphs, g_strdup (lines[j]));
        }
    }
  return g_steal_pointer (&paragraphs);
}

DossierArticle *
dossier_text_import (const char  *data,
                     gsize        len,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(DossierArticle) article = NULL;
  g_autoptr(DossierTextBuilder) builder = NULL;
  g_autoptr(GPtrArray) paragraphs = NULL;
  g_autofree char *text = NULL;
  GString *unix_text;
  const char *pos;
  gboolean body_started = FALSE;
  guint first_body = 0;

  if (name == NULL)
    name = "(input)";
  text = dossier_import_decode (data, len, name, NULL, error);
  if (text == NULL)
    return NULL;

  /* Line ends: CRLF and CR become LF. */
  unix_text = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (unix_text, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (unix_text, *p);
    }
  g_free (text);
  text = g_string_free (unix_text, FALSE);

  article = dossier_article_new ();
  article->format = g_strdup ("text");

  pos = text;
  while (!body_started)
    {
      const char *line_start = pos;

      while (*pos == '\n' || *pos == ' ' || *pos == '\t')
        pos++;
      if (!parse_meta_line (article, &pos, &body_started))
        {
          pos = line_start;
          break;
        }
      if (*pos == '\n')
        pos++;
    }

  paragraphs = split_paragraphs (pos);
  builder = dossier_text_builder_new ();

  if (paragraphs->len > 0 && article->title == NULL)
    {
      const char *first = g_ptr_array_index (paragraphs, 0);
      g_autofree char *clean = dossier_clean_string (first, -1);

      if (clean != NULL && g_utf8_strlen (clean, -1) <= MAX_HEADLINE_CHARS && !body_started)
        {
          article->title = g_steal_pointer (&clean);
          dossier_text_builder_add (builder, DOSSIER_REGION_HEADLINE, first, -1);
          first_body = 1;
        }
      else if (clean != NULL)
        article->title = title_from_paragraph (first);
    }

  for (guint i = first_body; i < paragraphs->len; i++)
    {
      const char *paragraph = g_ptr_array_index (paragraphs, i);
      DossierRegionKind kind = DOSSIER_REGION_PARAGRAPH;

      if (i > 0 && looks_like_heading (paragraph))
        kind = DOSSIER_REGION_HEADLINE;
      dossier_text_builder_add (builder, kind, paragraph, -1);
    }

  if (dossier_text_builder_get_n_regions (builder) == 0)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_EMPTY, "%s: no text in the file", name);
      return NULL;
    }
  dossier_text_builder_finish (builder, article);
  return g_steal_pointer (&article);
}
