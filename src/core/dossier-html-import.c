/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-html"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "dossier-error.h"
#include "dossier-import.h"
#include "dossier-json.h"

/*
 * The HTML importer in four steps:
 *
 * 1. Decoding.  The bytes become UTF-8 here, not in libxml2: libxml2 2.9.14 reports
 *    conversion errors through its process-global error handler (they end up on stderr) and
 *    drops the rest of the document at the first byte it cannot convert.
 * 2. Sanitizing.  A linear tokenizer rewrites the page into a canonical form before libxml2
 *    sees it: comments, declarations (a doctype's internal subset included) and the content
 *    of scripts and styles other than JSON-LD are dropped, every stray "<" is escaped, start
 *    tags keep only the attributes this file reads (each once), elements nested deeper than
 *    MAX_DEPTH are unwrapped, markup beyond MAX_ELEMENTS is dropped and long text runs are
 *    split.  libxml2 2.9.14's HTML parser is quadratic in the attributes of a tag, builds
 *    elements slowly, stops at a text node of 10 MB and silently drops everything beyond 256
 *    levels of nesting.  libxml2 only ever sees markup the tokenizer wrote, so a tag has at
 *    most a handful of attributes whatever the input does, and the parse is bounded; elements
 *    with optional end tags (tables, lists) can still be nested past libxml2's limit, and the
 *    article is then marked truncated.
 * 3. Parsing, with HTML_PARSE_NONET and without entity substitution or DTD loading.
 * 4. Extraction: metadata from <meta>, JSON-LD and the markup, then the main text with a
 *    content-scoring method modelled on Mozilla's Readability.js (Apache-2.0): prune what is
 *    clearly not the article, score containers by the paragraphs they hold, take the best
 *    one and its related siblings, clean them, and emit their blocks in document order.
 */

#define PARSE_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                       HTML_PARSE_NONET | HTML_PARSE_COMPACT)

/* Elements nested deeper than this (not counting those with optional end tags) are unwrapped:
 * libxml2 stops parsing at 256 levels. */
#define MAX_DEPTH 80

/* libxml2 2.9.14 builds elements at about a microsecond each: beyond this many start tags
 * the markup is dropped and only the text kept, which bounds the parse to about a second. */
#define MAX_ELEMENTS 500000

/* Text runs are split this often; libxml2 stops at a text node of 10 MB. */
#define TEXT_SPLIT_BYTES (1024 * 1024)

/* JSON-LD scripts larger than this are dropped. */
#define MAX_JSON_LD_BYTES (1024 * 1024)

/* How far into the page a <meta charset> is looked for. */
#define CHARSET_SNIFF_BYTES (64 * 1024)

/* Readability retries with fewer heuristics when it finds less text than this. */
#define MIN_ARTICLE_CHARS 500

/* Bounds on work that does not scale with the page: how many elements a search for a short
 * text may visit, and how many byline and title candidates are looked at. */
#define SMALL_TEXT_MAX_NODES 2000
#define MAX_BYLINE_CANDIDATES 10
#define MAX_TITLE_HEADINGS 100

/* ------------------------------------------------------------------------------------------ */
/* Decoding                                                                                    */

/* The bytes 0x80-0x9F in windows-1252 (WHATWG), which browsers also use for ISO-8859-1 and
 * US-ASCII labels; the undefined ones map to C1 controls, which normalization drops. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static const char * const cp1252_labels[] = {
  "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "iso88591",
  "iso_8859-1:1987", "latin1", "l1", "us-ascii", "ascii", "ansi_x3.4-1968", "iso-ir-100",
  "cp819", "ibm819", "csisolatin1",
};

static const char * const utf8_labels[] = {
  "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8",
  /* A page whose <meta> can be read as ASCII is not UTF-16, whatever it says (WHATWG). */
  "utf-16", "utf-16le", "utf-16be", "utf16",
};

static gboolean
label_in (const char        *label,
          const char * const labels[],
          gsize              n_labels)
{
  for (gsize i = 0; i < n_labels; i++)
    if (g_ascii_strcasecmp (label, labels[i]) == 0)
      return TRUE;
  return FALSE;
}

static char *
decode_cp1252 (const char *data,
               gsize       len)
{
  GString *out = g_string_sized_new (len + len / 8);

  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) data[i];

      if (c < 0x80)
        g_string_append_c (out, (char) c);
      else if (c < 0xA0)
        g_string_append_unichar (out, cp1252_high[c - 0x80]);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Converts with iconv, putting U+FFFD for each byte that is not valid in @charset.  Returns
 * NULL when iconv does not know @charset. */
static char *
decode_iconv (const char *data,
              gsize       len,
              const char *charset)
{
  GIConv cd = g_iconv_open ("UTF-8", charset);
  GString *out;
  char buffer[4096];
  char *in = (char *) data;
  gsize in_left = len;

  if (cd == (GIConv) -1)
    return NULL;
  out = g_string_sized_new (len + len / 4);
  while (in_left > 0)
    {
      char *outp = buffer;
      gsize out_left = sizeof buffer;
      gsize r = g_iconv (cd, &in, &in_left, &outp, &out_left);

      g_string_append_len (out, buffer, (gssize) (outp - buffer));
      if (r == (gsize) -1 && errno != E2BIG)
        {
          /* EILSEQ or EINVAL (a sequence cut by the end of the input): skip one byte. */
          g_string_append (out, "\xEF\xBF\xBD");
          in++;
          in_left--;
          g_iconv (cd, NULL, NULL, NULL, NULL);
        }
    }
  g_iconv_close (cd);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Tokenizer                                                                                   */

/* The attributes the extractor reads; all others are dropped before parsing. */
static const char * const kept_attributes[] = {
  "id", "class", "role", "style", "hidden", "aria-hidden", "itemprop", "itemtype", "rel",
  "property", "name", "content", "href", "datetime", "lang", "type",
};

typedef struct {
  const char *name;
  gsize       name_len;
  const char *value;        /* NULL for an attribute without "=" */
  gsize       value_len;
} Attribute;

typedef struct {
  char      name[101];      /* lowercase; libxml2 also cuts names at 100 characters */
  gboolean  end_tag;
  gboolean  self_closing;
  Attribute attributes[G_N_ELEMENTS (kept_attributes)];
  guint     n_attributes;
  guint     n_seen;         /* every attribute, kept or not */
} Tag;

/* What libxml2 2.9.14 takes for blanks, and for name characters (htmlParseHTMLName). */
static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_' || c == ':' || c == '.';
}

static inline gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == ':' || c == '.' || c == '-';
}

/* Lexes the tag at @p (which points at "<") the way libxml2 would, and returns the position
 * after it.  Attributes are recorded only when in kept_attributes, first occurrence only. */
static const char *
lex_tag (const char *p,
         const char *end,
         Tag        *tag)
{
  gsize n = 0;

  memset (tag, 0, sizeof *tag);
  p++;
  if (p < end && *p == '/')
    {
      tag->end_tag = TRUE;
      p++;
    }
  while (p < end && is_name_char (*p))
    {
      if (n < sizeof tag->name - 1)
        tag->name[n++] = g_ascii_tolower (*p);
      p++;
    }
  tag->name[n] = '\0';

  if (tag->end_tag)
    {
      /* libxml2 skips whatever follows an end tag's name up to the next ">". */
      const char *gt = memchr (p, '>', (gsize) (end - p));

      return gt ? gt + 1 : end;
    }

  while (p < end)
    {
      const char *name, *value = NULL;
      gsize name_len, value_len = 0;

      while (p < end && is_blank (*p))
        p++;
      if (p >= end)
        break;
      if (*p == '>')
        return p + 1;
      if (*p == '/' && p + 1 < end && p[1] == '>')
        {
          tag->self_closing = TRUE;
          return p + 2;
        }
      if (!is_name_start (*p))
        {
          /* A bogus attribute: libxml2 skips it up to the next blank or the end of the tag. */
          while (p < end && !is_blank (*p) && *p != '>' && !(*p == '/' && p + 1 < end &&
                                                               p[1] == '>'))
            p++;
          continue;
        }
      name = p;
      while (p < end && is_name_char (*p))
        p++;
      name_len = (gsize) (p - name);
      while (p < end && is_blank (*p))
        p++;
      if (p < end && *p == '=')
        {
          p++;
          while (p < end && is_blank (*p))
            p++;
          if (p < end && (*p == '"' || *p == '\''))
            {
              char quote = *p++;
              const char *close = memchr (p, quote, (gsize) (end - p));

              value = p;
              value_len = (gsize) ((close ? close : end) - p);
              p = close ? close + 1 : end;
            }
          else
            {
              value = p;
              while (p < end && !is_blank (*p) && *p != '>')
                p++;
              value_len = (gsize) (p - value);
            }
        }
      tag->n_seen++;
      for (guint i = 0; i < G_N_ELEMENTS (kept_attributes); i++)
        {
          const char *kept = kept_attributes[i];

          if (strlen (kept) == name_len && g_ascii_strncasecmp (kept, name, name_len) == 0)
            {
              gboolean seen = FALSE;

              for (guint j = 0; j < tag->n_attributes && !seen; j++)
                seen = tag->attributes[j].name == kept;
              if (!seen)
                {
                  Attribute *attr = &tag->attributes[tag->n_attributes++];

                  attr->name = kept;
                  attr->name_len = name_len;
                  attr->value = value;
                  attr->value_len = value_len;
                }
              break;
            }
        }
    }
  return end;
}

static gboolean
tag_name_in (const char        *name,
             const char * const names[],
             gsize              n_names)
{
  for (gsize i = 0; i < n_names; i++)
    if (strcmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char * const void_elements[] = {
  "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
  "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr",
};

/* Elements whose end tag may be left out; libxml2 closes them itself, so they do not count
 * towards the nesting depth. */
static const char * const optional_end_elements[] = {
  "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
  "colgroup", "caption", "rb", "rt", "rp", "rtc",
};

static gboolean
tag_counts_for_depth (const char *name)
{
  return name[0] != '\0' &&
         !tag_name_in (name, void_elements, G_N_ELEMENTS (void_elements)) &&
         !tag_name_in (name, optional_end_elements, G_N_ELEMENTS (optional_end_elements));
}

typedef struct {
  GString  *out;
  char      open[MAX_DEPTH][32];   /* counted elements kept open, innermost last */
  guint     depth;
  GArray   *dropped;               /* of guint: hashes of the unwrapped elements' names */
  gsize     text_run;              /* bytes of text written since the last tag */
  guint     n_elements;            /* start tags written */
  guint     n_unwrapped;           /* start tags dropped for their depth */
  guint     n_flattened;           /* tags dropped beyond MAX_ELEMENTS */
  guint     max_attributes;
} Sanitizer;

/* Writes text, splitting it with an empty <span> every TEXT_SPLIT_BYTES: libxml2 stops at a
 * text node of 10 MB.  The cut falls on a blank, or outside any character reference. */
static void
write_text (Sanitizer  *s,
            const char *text,
            gsize       len)
{
  while (s->text_run + len > TEXT_SPLIT_BYTES)
    {
      gsize cut = TEXT_SPLIT_BYTES > s->text_run ? TEXT_SPLIT_BYTES - s->text_run : 0;
      const char *amp;

      while (cut < len && ((guchar) text[cut] & 0xC0) == 0x80)
        cut++;
      amp = cut > 0 ? g_strrstr_len (text + (cut > 32 ? cut - 32 : 0), MIN (cut, 32), "&")
                    : NULL;
      if (amp != NULL && memchr (amp, ';', (gsize) (text + cut - amp)) == NULL)
        cut = (gsize) (amp - text);
      if (cut >= len)
        break;
      g_string_append_len (s->out, text, (gssize) cut);
      g_string_append (s->out, "<span></span>");
      text += cut;
      len -= cut;
      s->text_run = 0;
      if (cut == 0)
        {
          /* A reference right at the start: write it whole. */
          const char *semi = memchr (text, ';', MIN (len, 32));
          gsize n = semi ? (gsize) (semi - text) + 1 : MIN (len, 1);

          g_string_append_len (s->out, text, (gssize) n);
          text += n;
          len -= n;
          s->text_run = n;
        }
    }
  g_string_append_len (s->out, text, (gssize) len);
  s->text_run += len;
}

static void
write_start_tag (Sanitizer *s,
                 const Tag *tag)
{
  g_string_append_c (s->out, '<');
  g_string_append (s->out, tag->name);
  for (guint i = 0; i < tag->n_attributes; i++)
    {
      const Attribute *attr = &tag->attributes[i];

      g_string_append_c (s->out, ' ');
      g_string_append (s->out, attr->name);
      if (attr->value == NULL)
        continue;
      g_string_append (s->out, "=\"");
      for (gsize j = 0; j < attr->value_len; j++)
        {
          if (attr->value[j] == '"')
            g_string_append (s->out, "&quot;");
          else
            g_string_append_c (s->out, attr->value[j]);
        }
      g_string_append_c (s->out, '"');
    }
  g_string_append (s->out, tag->self_closing ? "/>" : ">");
  s->text_run = 0;
  s->n_elements++;
}

static void
write_end_tag (Sanitizer  *s,
               const char *name)
{
  g_string_append (s->out, "</");
  g_string_append (s->out, name);
  g_string_append_c (s->out, '>');
  s->text_run = 0;
}

/* Returns whether the tag was written. */
static gboolean
sanitize_start_tag (Sanitizer *s,
                    const Tag *tag)
{
  s->max_attributes = MAX (s->max_attributes, tag->n_seen);
  if (s->n_elements >= MAX_ELEMENTS)
    {
      s->n_flattened++;
      return FALSE;
    }
  if (tag->self_closing || !tag_counts_for_depth (tag->name))
    {
      write_start_tag (s, tag);
      return TRUE;
    }
  if (s->depth >= MAX_DEPTH)
    {
      guint hash = g_str_hash (tag->name);

      g_array_append_val (s->dropped, hash);
      s->n_unwrapped++;
      return FALSE;
    }
  g_strlcpy (s->open[s->depth++], tag->name, sizeof s->open[0]);
  write_start_tag (s, tag);
  return TRUE;
}

static void
sanitize_end_tag (Sanitizer *s,
                  const Tag *tag)
{
  if (s->n_elements >= MAX_ELEMENTS)
    {
      s->n_flattened++;
      return;
    }
  if (tag_counts_for_depth (tag->name))
    {
      guint hash = g_str_hash (tag->name);
      guint n = s->dropped->len;

      /* The end tag of an unwrapped element goes too.  Only the innermost few are looked at,
       * so that a flood of stray end tags stays linear. */
      for (guint i = 0; i < MIN (n, 8); i++)
        if (g_array_index (s->dropped, guint, n - 1 - i) == hash)
          {
            g_array_set_size (s->dropped, n - 1 - i);
            return;
          }
      for (guint i = s->depth; i > 0; i--)
        if (strncmp (s->open[i - 1], tag->name, sizeof s->open[0] - 1) == 0)
          {
            /* This closes everything opened inside it, unwrapped elements included. */
            s->depth = i - 1;
            g_array_set_size (s->dropped, 0);
            break;
          }
    }
  write_end_tag (s, tag->name);
}

static gboolean
tag_has_value (const Tag  *tag,
               const char *name,
               const char *value)
{
  for (guint i = 0; i < tag->n_attributes; i++)
    if (strcmp (tag->attributes[i].name, name) == 0)
      return tag->attributes[i].value != NULL &&
             tag->attributes[i].value_len == strlen (value) &&
             g_ascii_strncasecmp (tag->attributes[i].value, value, strlen (value)) == 0;
  return FALSE;
}

/* Handles the content of a <script> or <style> element (raw text, which libxml2 ends at
 * "</script"): only JSON-LD is kept, everything else is nothing we read.  Returns the position
 * after the end tag. */
static const char *
sanitize_raw_text (Sanitizer  *s,
                   const char *p,
                   const char *end,
                   const Tag  *tag,
                   gboolean    written)
{
  gsize name_len = strlen (tag->name);
  gboolean keep = written && strcmp (tag->name, "script") == 0 &&
                  tag_has_value (tag, "type", "application/ld+json");
  const char *content = p, *close = end, *after = end;

  for (const char *q = p; q < end; )
    {
      const char *lt = memchr (q, '<', (gsize) (end - q));
      Tag end_tag;

      if (lt == NULL)
        break;
      if (lt + 1 < end && lt[1] == '/' && (gsize) (end - lt) >= name_len + 2 &&
          g_ascii_strncasecmp (lt + 2, tag->name, name_len) == 0 &&
          (lt + 2 + name_len == end || !is_name_char (lt[2 + name_len])))
        {
          close = lt;
          after = lex_tag (lt, end, &end_tag);
          break;
        }
      q = lt + 1;
    }

  if (keep && (gsize) (close - content) <= MAX_JSON_LD_BYTES)
    {
      /* Any "</" would end the raw text for libxml2; "<\/" means the same in JSON. */
      for (const char *q = content; q < close; q++)
        {
          if (q[0] == '<' && q + 1 < close && q[1] == '/')
            g_string_append (s->out, "<\\");
          else
            g_string_append_c (s->out, *q);
        }
    }
  if (written)
    write_end_tag (s, tag->name);
  return after;
}

typedef struct {
  GString *html;            /* canonical markup for libxml2 */
  guint    n_unwrapped;
  guint    n_flattened;
  guint    max_attributes;
} Sanitized;

/* Skips a declaration ("<!DOCTYPE ...>", "<![CDATA[...]]>", "<!...>") or processing
 * instruction at @p, with a doctype's internal subset. */
static const char *
skip_declaration (const char *p,
                  const char *end)
{
  const char *gt = memchr (p, '>', (gsize) (end - p));
  const char *bracket = memchr (p, '[', (gsize) ((gt ? gt : end) - p));

  if (bracket != NULL && end - p >= 9 && g_ascii_strncasecmp (p, "<!DOCTYPE", 9) == 0)
    {
      /* "<!DOCTYPE x [ <!ENTITY ...> ]>": nothing of it is text, none of it is expanded. */
      const char *close = g_strstr_len (bracket, end - bracket, "]");

      while (close != NULL)
        {
          const char *q = close + 1;

          while (q < end && is_blank (*q))
            q++;
          if (q < end && *q == '>')
            return q + 1;
          close = g_strstr_len (q, end - q, "]");
        }
      return end;
    }
  if (end - p >= 9 && memcmp (p, "<![CDATA[", 9) == 0)
    {
      const char *close = g_strstr_len (p, end - p, "]]>");

      return close ? close + 3 : end;
    }
  return gt ? gt + 1 : end;
}

static void
sanitize (const char *data,
          gsize       len,
          Sanitized  *result)
{
  Sanitizer s = { 0, };
  const char *p = data, *end = data + len;

  s.out = g_string_sized_new (len + len / 16 + 64);
  s.dropped = g_array_new (FALSE, FALSE, sizeof (guint));

  while (p < end)
    {
      const char *lt = memchr (p, '<', (gsize) (end - p));
      Tag tag;

      if (lt == NULL)
        {
          write_text (&s, p, (gsize) (end - p));
          break;
        }
      write_text (&s, p, (gsize) (lt - p));
      p = lt;

      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p + 4, end - p - 4, "-->");

          p = close ? close + 3 : end;
        }
      else if (end - p >= 2 && (p[1] == '!' || p[1] == '?'))
        p = skip_declaration (p, end);
      else if (end - p >= 2 && (g_ascii_isalpha (p[1]) ||
                                (p[1] == '/' && end - p >= 3 && g_ascii_isalpha (p[2]))))
        {
          p = lex_tag (p, end, &tag);
          if (tag.end_tag)
            sanitize_end_tag (&s, &tag);
          else
            {
              gboolean written = sanitize_start_tag (&s, &tag);

              if (!tag.self_closing &&
                  (strcmp (tag.name, "script") == 0 || strcmp (tag.name, "style") == 0))
                p = sanitize_raw_text (&s, p, end, &tag, written);
            }
        }
      else
        {
          write_text (&s, "&lt;", 4);
          p++;
        }
    }

  result->html = s.out;
  result->n_unwrapped = s.n_unwrapped;
  result->n_flattened = s.n_flattened;
  result->max_attributes = s.max_attributes;
  g_array_unref (s.dropped);
}

/* Finds @needle (lowercase ASCII) in [@p, @end) ignoring ASCII case. */
static const char *
find_ascii_caseless (const char *p,
                     const char *end,
                     const char *needle)
{
  gsize n = strlen (needle);

  for (; p + n <= end; p++)
    if (g_ascii_tolower (*p) == needle[0] && g_ascii_strncasecmp (p, needle, n) == 0)
      return p;
  return NULL;
}

/* Reads a charset label after "charset" at @p: blanks, "=", optional quotes, then the name. */
static char *
read_charset_label (const char *p,
                    const char *end)
{
  const char *start;

  while (p < end && is_blank (*p))
    p++;
  if (p >= end || *p != '=')
    return NULL;
  p++;
  while (p < end && (is_blank (*p) || *p == '"' || *p == '\''))
    p++;
  start = p;
  while (p < end && (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == ':' || *p == '.'))
    p++;
  if (p == start || p - start > 40)
    return NULL;
  return g_strndup (start, (gsize) (p - start));
}

/* Looks for the character set a page declares: an XML declaration, <meta charset> or
 * <meta http-equiv="Content-Type" content="text/html; charset=...">. */
static char *
sniff_charset (const char *data,
               gsize       len)
{
  const char *end = data + MIN (len, CHARSET_SNIFF_BYTES);
  const char *p = data;

  if (end - p > 5 && memcmp (p, "<?xml", 5) == 0)
    {
      const char *close = g_strstr_len (p, end - p, "?>");
      const char *enc = find_ascii_caseless (p, close ? close : end, "encoding");

      if (enc != NULL)
        {
          const char *v = enc + strlen ("encoding");

          while (v < end && is_blank (*v))
            v++;
          if (v < end && *v == '=')
            return read_charset_label (v, close ? close : end);
        }
    }

  while (p < end)
    {
      const char *lt = memchr (p, '<', (gsize) (end - p));
      const char *tag_end, *q;
      Tag tag;

      if (lt == NULL || end - lt < 6)
        break;
      if (g_ascii_strncasecmp (lt + 1, "meta", 4) != 0 || is_name_char (lt[5]))
        {
          p = lt + 1;
          continue;
        }
      tag_end = lex_tag (lt, end, &tag);
      for (q = lt + 5; (q = find_ascii_caseless (q, tag_end, "charset")) != NULL; q++)
        {
          char *label = read_charset_label (q + strlen ("charset"), tag_end);

          if (label != NULL)
            return label;
        }
      p = tag_end;
    }
  return NULL;
}

/* Turns @data into valid UTF-8 without NUL bytes, following a BOM or the declared charset. */
static char *
decode_input (const char  *data,
              gsize        len,
              const char  *name,
              gsize       *out_len,
              GError     **error)
{
  g_autofree char *charset = NULL;
  const char *nul, *invalid;
  char *text;

  if (len >= 2 && ((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE))
    charset = g_strdup ("UTF-16LE");
  else if (len >= 2 && ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF))
    charset = g_strdup ("UTF-16BE");
  if (charset != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      gsize n_read = 0, n_written = 0;

      text = g_convert (data + 2, (gssize) (len - 2), "UTF-8", charset, &n_read, &n_written,
                        &local_error);
      if (text == NULL)
        {
          g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_ENCODING,
                       "%s: not valid %s at byte %" G_GSIZE_FORMAT, name, charset, n_read + 2);
          return NULL;
        }
      nul = memchr (text, '\0', n_written);
      if (nul != NULL)
        {
          g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_BINARY,
                       "%s: binary file (NUL character at offset %" G_GSIZE_FORMAT ")",
                       name, (gsize) (nul - text));
          g_free (text);
          return NULL;
        }
      *out_len = n_written;
      return text;
    }

  nul = memchr (data, '\0', len);
  if (nul != NULL)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_BINARY,
                   "%s: binary file (NUL byte at offset %" G_GSIZE_FORMAT ")",
                   name, (gsize) (nul - data));
      return NULL;
    }

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      /* A byte order mark overrides whatever the page declares. */
      if (!g_utf8_validate_len (data + 3, len - 3, &invalid))
        {
          g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_ENCODING,
                       "%s: not valid UTF-8 at byte %" G_GSIZE_FORMAT, name,
                       (gsize) (invalid - data));
          return NULL;
        }
      *out_len = len - 3;
      return g_strndup (data + 3, len - 3);
    }

  charset = sniff_charset (data, len);
  if (charset != NULL && !label_in (charset, utf8_labels, G_N_ELEMENTS (utf8_labels)))
    {
      if (label_in (charset, cp1252_labels, G_N_ELEMENTS (cp1252_labels)))
        text = decode_cp1252 (data, len);
      else
        text = decode_iconv (data, len, charset);
      if (text != NULL)
        {
          g_debug ("%s: decoded from %s", name, charset);
          *out_len = strlen (text);
          return text;
        }
      g_debug ("%s: unknown character set \"%s\", reading UTF-8", name, charset);
    }

  if (!g_utf8_validate_len (data, len, &invalid))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_ENCODING,
                   "%s: not valid UTF-8 at byte %" G_GSIZE_FORMAT, name,
                   (gsize) (invalid - data));
      return NULL;
    }
  *out_len = len;
  return g_strndup (data, len);
}

/* ------------------------------------------------------------------------------------------ */
/* DOM helpers                                                                                 */

static inline gboolean
is_element (xmlNode *node)
{
  return node != NULL && node->type == XML_ELEMENT_NODE;
}

static inline gboolean
node_is (xmlNode    *node,
         const char *name)
{
  return is_element (node) && strcmp ((const char *) node->name, name) == 0;
}

static inline gboolean
is_heading (xmlNode *node)
{
  const char *name;

  if (!is_element (node))
    return FALSE;
  name = (const char *) node->name;
  return name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0';
}

/* The value of attribute @name, "" when it has none, NULL when absent.  Borrowed. */
static const char *
node_attr (xmlNode    *node,
           const char *name)
{
  if (!is_element (node))
    return NULL;
  for (xmlAttr *attr = node->properties; attr; attr = attr->next)
    if (strcmp ((const char *) attr->name, name) == 0)
      {
        if (attr->children != NULL && attr->children->content != NULL)
          return (const char *) attr->children->content;
        return "";
      }
  return NULL;
}

/* "class id", what Readability matches its patterns against. */
static char *
node_match_string (xmlNode *node)
{
  const char *klass = node_attr (node, "class");
  const char *id = node_attr (node, "id");

  return g_strconcat (klass ? klass : "", " ", id ? id : "", NULL);
}

/* The text of @node with whitespace collapsed, or NULL when it is empty, longer than
 * @max_bytes or spread over too many elements to be worth reading. */
static char *
small_text (xmlNode *node,
            gsize    max_bytes)
{
  g_autoptr(GString) raw = g_string_new (NULL);
  xmlNode *n = node->children;
  guint budget = SMALL_TEXT_MAX_NODES;

  while (n != NULL && n != node)
    {
      if (budget-- == 0 || raw->len > 4 * max_bytes + 256)
        return NULL;
      if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
        g_string_append (raw, (const char *) n->content);
      if (is_element (n) && n->children != NULL)
        {
          n = n->children;
          continue;
        }
      while (n != node && n->next == NULL)
        n = n->parent;
      if (n != node)
        n = n->next;
    }
  {
    char *text = dossier_clean_string (raw->str, (gssize) raw->len);

    if (text != NULL && strlen (text) > max_bytes)
      g_clear_pointer (&text, g_free);
    return text;
  }
}

/* Pre-order traversal, as Readability's _getNextNode. */
static xmlNode *
next_node (xmlNode  *node,
           gboolean  skip_children)
{
  if (!skip_children)
    for (xmlNode *child = node->children; child; child = child->next)
      if (is_element (child))
        return child;
  for (; node != NULL; node = node->parent)
    for (xmlNode *sibling = node->next; sibling; sibling = sibling->next)
      if (is_element (sibling))
        return sibling;
  return NULL;
}

static xmlNode *
remove_and_get_next (xmlNode *node)
{
  xmlNode *next = next_node (node, TRUE);

  xmlUnlinkNode (node);
  xmlFreeNode (node);
  return next;
}

static guint
count_element_children (xmlNode *node)
{
  guint n = 0;

  for (xmlNode *child = node->children; child; child = child->next)
    if (is_element (child))
      n++;
  return n;
}

static xmlNode *
first_element_child (xmlNode *node)
{
  for (xmlNode *child = node->children; child; child = child->next)
    if (is_element (child))
      return child;
  return NULL;
}

/* Appends the text of @node and its descendants, as textContent does. */
static void
append_text_content (xmlNode *node,
                     GString *out)
{
  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          if (child->content != NULL)
            g_string_append (out, (const char *) child->content);
        }
      else if (is_element (child))
        append_text_content (child, out);
    }
}

static char *
text_content (xmlNode *node)
{
  GString *out = g_string_new (NULL);

  append_text_content (node, out);
  return g_string_free (out, FALSE);
}

/* The text of @node with whitespace collapsed and trimmed; NULL when there is none. */
static char *
inner_text (xmlNode *node)
{
  g_autofree char *raw = text_content (node);

  return dossier_clean_string (raw, -1);
}

/* ------------------------------------------------------------------------------------------ */
/* Metadata                                                                                    */

/* Where a <meta> names what it holds. */
typedef enum {
  META_PROPERTY,
  META_NAME,
  META_ITEMPROP,
  N_META_KEYS,
} MetaKey;

typedef struct {
  GHashTable *meta[N_META_KEYS];  /* lowercase key → content, first one wins */
  char       *ld_headline;
  char       *ld_name;
  char       *ld_date;
  char       *ld_author;
  char       *ld_publisher;
  char       *doc_title;     /* <title> */
  char       *canonical;     /* <link rel=canonical> */
  char       *lang;
  gboolean    have_ld;
} Metadata;

static void
metadata_clear (Metadata *md)
{
  for (guint i = 0; i < N_META_KEYS; i++)
    g_clear_pointer (&md->meta[i], g_hash_table_unref);
  g_clear_pointer (&md->ld_headline, g_free);
  g_clear_pointer (&md->ld_name, g_free);
  g_clear_pointer (&md->ld_date, g_free);
  g_clear_pointer (&md->ld_author, g_free);
  g_clear_pointer (&md->ld_publisher, g_free);
  g_clear_pointer (&md->doc_title, g_free);
  g_clear_pointer (&md->canonical, g_free);
  g_clear_pointer (&md->lang, g_free);
}

static const char * const article_types[] = {
  "Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle",
  "AskPublicNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle",
  "ReportageNewsArticle", "ReviewNewsArticle", "Report", "SatiricalArticle",
  "ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
  "LiveBlogPosting", "DiscussionForumPosting", "TechArticle", "APIReference",
};

static gboolean
json_type_is_article (JsonNode *type)
{
  if (type == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (type) && json_node_get_value_type (type) == G_TYPE_STRING)
    {
      const char *str = json_node_get_string (type);

      /* "NewsArticle" or "http://schema.org/NewsArticle" */
      if (strrchr (str, '/') != NULL)
        str = strrchr (str, '/') + 1;
      return tag_name_in (str, article_types, G_N_ELEMENTS (article_types));
    }
  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *array = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (json_type_is_article (json_array_get_element (array, i)))
          return TRUE;
    }
  return FALSE;
}

static const char *
json_object_get_str (JsonObject *object,
                     const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

/* The name of a schema.org Person or Organization given as a string, an object or an array. */
static void
json_collect_names (JsonNode  *node,
                    GPtrArray *names)
{
  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      char *name = dossier_clean_string (json_node_get_string (node), -1);

      if (name != NULL)
        g_ptr_array_add (names, name);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      const char *name = json_object_get_str (json_node_get_object (node), "name");

      if (name != NULL)
        {
          char *clean = dossier_clean_string (name, -1);

          if (clean != NULL)
            g_ptr_array_add (names, clean);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array) && i < 20; i++)
        json_collect_names (json_array_get_element (array, i), names);
    }
}

/* "A", "A and B", "A, B and C". */
static char *
join_names (GPtrArray *names)
{
  GString *out;

  if (names->len == 0)
    return NULL;
  out = g_string_new (g_ptr_array_index (names, 0));
  for (guint i = 1; i < names->len; i++)
    {
      g_string_append (out, i + 1 == names->len ? " and " : ", ");
      g_string_append (out, g_ptr_array_index (names, i));
    }
  return g_string_free (out, FALSE);
}

static void
metadata_take_json_article (Metadata   *md,
                            JsonObject *object)
{
  g_autoptr(GPtrArray) authors = g_ptr_array_new_with_free_func (g_free);
  JsonNode *publisher;

  md->have_ld = TRUE;
  md->ld_headline = dossier_clean_string (json_object_get_str (object, "headline"), -1);
  md->ld_name = dossier_clean_string (json_object_get_str (object, "name"), -1);
  md->ld_date = dossier_clean_string (json_object_get_str (object, "datePublished"), -1);
  json_collect_names (json_object_get_member (object, "author"), authors);
  md->ld_author = join_names (authors);
  publisher = json_object_get_member (object, "publisher");
  if (publisher != NULL && JSON_NODE_HOLDS_OBJECT (publisher))
    md->ld_publisher = dossier_clean_string (
      json_object_get_str (json_node_get_object (publisher), "name"), -1);
}

/* Finds the first article object in a JSON-LD tree: top-level arrays and @graph arrays are
 * searched, nested objects are not (they are the article's parts, authors and so on). */
static void
metadata_scan_json (Metadata *md,
                    JsonNode *node,
                    int       depth)
{
  if (md->have_ld || node == NULL || depth > 4)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array) && !md->have_ld; i++)
        metadata_scan_json (md, json_array_get_element (array, i), depth + 1);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (json_type_is_article (json_object_get_member (object, "@type")))
        metadata_take_json_article (md, object);
      else if (json_object_has_member (object, "@graph"))
        metadata_scan_json (md, json_object_get_member (object, "@graph"), depth + 1);
    }
}

static void
metadata_parse_json_ld (Metadata *md,
                        xmlNode  *script)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = text_content (script);
  char *json = g_strstrip (raw);
  gsize len;

  /* Some pages wrap the JSON in a CDATA section for old XHTML parsers. */
  if (g_str_has_prefix (json, "<![CDATA["))
    json += strlen ("<![CDATA[");
  len = strlen (json);
  if (len >= 3 && strcmp (json + len - 3, "]]>") == 0)
    len -= 3;
  /* json-glib 1.6 recurses per level of nesting (a page of 100,000 '[' overflowed the stack)
   * and reads more than JSON: only a block the strict validator accepts, within its depth
   * limit, reaches it.  A refused block is ignored like any broken one; the page's other
   * metadata still counts. */
  if (!dossier_json_validate (json, len, DOSSIER_JSON_LD_MAX_DEPTH, DOSSIER_JSON_DEFAULT,
                              &error))
    {
      g_debug ("JSON-LD block ignored: %s", error->message);
      return;
    }
  if (!json_parser_load_from_data (parser, json, (gssize) len, NULL))
    return;
  metadata_scan_json (md, json_parser_get_root (parser), 0);
}

static void
metadata_add_meta (Metadata *md,
                   xmlNode  *node)
{
  const char *content = node_attr (node, "content");
  const char *keys[N_META_KEYS] = {
    [META_PROPERTY] = node_attr (node, "property"),
    [META_NAME] = node_attr (node, "name"),
    [META_ITEMPROP] = node_attr (node, "itemprop"),
  };

  if (content == NULL)
    return;
  for (guint i = 0; i < N_META_KEYS; i++)
    {
      g_auto(GStrv) words = NULL;

      if (keys[i] == NULL)
        continue;
      /* property="og:title twitter:title" names several at once. */
      words = g_strsplit_set (keys[i], " \t\n\r", -1);
      for (guint j = 0; words[j]; j++)
        {
          char *key;

          if (words[j][0] == '\0')
            continue;
          key = g_ascii_strdown (words[j], -1);
          if (g_hash_table_contains (md->meta[i], key))
            g_free (key);
          else
            g_hash_table_insert (md->meta[i], key, g_strdup (content));
        }
    }
}

static void
metadata_collect (Metadata *md,
                  xmlDoc   *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  for (guint i = 0; i < N_META_KEYS; i++)
    md->meta[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (root == NULL)
    return;
  md->lang = g_strdup (node_attr (root, "lang"));
  for (xmlNode *node = root; node != NULL;
       node = next_node (node, node_is (node, "svg") || node_is (node, "math")))
    {
      if (node_is (node, "meta"))
        metadata_add_meta (md, node);
      else if (node_is (node, "title") && md->doc_title == NULL)
        md->doc_title = inner_text (node);
      else if (node_is (node, "link") && md->canonical == NULL)
        {
          const char *rel = node_attr (node, "rel");

          if (rel != NULL && g_ascii_strcasecmp (rel, "canonical") == 0)
            md->canonical = g_strdup (node_attr (node, "href"));
        }
      else if (node_is (node, "script") && !md->have_ld)
        {
          const char *type = node_attr (node, "type");

          if (type != NULL && g_ascii_strcasecmp (type, "application/ld+json") == 0)
            metadata_parse_json_ld (md, node);
        }
    }
}

static const char *
metadata_lookup (Metadata   *md,
                 MetaKey     where,
                 const char *key)
{
  const char *value = g_hash_table_lookup (md->meta[where], key);

  return value != NULL && *value != '\0' ? value : NULL;
}

/* <meta property=KEY> or <meta name=KEY>. */
static const char *
metadata_get (Metadata   *md,
              const char *key)
{
  const char *value = metadata_lookup (md, META_PROPERTY, key);

  return value != NULL ? value : metadata_lookup (md, META_NAME, key);
}

static gboolean
is_web_url (const char *url)
{
  return url != NULL && (g_ascii_strncasecmp (url, "http://", 7) == 0 ||
                         g_ascii_strncasecmp (url, "https://", 8) == 0);
}

static guint
word_count (const char *str)
{
  g_auto(GStrv) words = g_strsplit_set (str, " \t\n", -1);
  guint n = 0;

  for (guint i = 0; words[i]; i++)
    if (words[i][0] != '\0')
      n++;
  return n;
}

/* Readability's treatment of <title>: drop a " | Site" suffix, or a "Site: " prefix, when
 * what remains is still a title. */
static char *
title_from_document (const char *title,
                     xmlDoc     *doc)
{
  g_autofree char *cur = NULL;
  const char *separators = "|-\\/>\xC2\xBB";
  const char *last_sep = NULL;
  gboolean hierarchical = FALSE;
  const char *colon;

  if (title == NULL)
    return NULL;

  for (const char *p = title; *p; p++)
    {
      if (p[0] != ' ' || p[1] == '\0')
        continue;
      if (strchr ("|-\\/>", p[1]) != NULL && p[1] != '\0' && p[2] == ' ')
        {
          last_sep = p;
          hierarchical |= p[1] != '|' && p[1] != '-';
        }
      else if (strncmp (p + 1, "\xC2\xBB ", 3) == 0)
        {
          last_sep = p;
          hierarchical = TRUE;
        }
    }

  colon = strstr (title, ": ");
  if (last_sep != NULL)
    {
      cur = g_strndup (title, (gsize) (last_sep - title));
      if (word_count (cur) < 3)
        {
          /* Too short: drop the first part instead. */
          const char *p = title;

          while (*p && strchr (separators, *p) == NULL &&
                 strncmp (p, "\xC2\xBB", 2) != 0)
            p++;
          g_free (cur);
          cur = g_strdup (*p == '\0' ? title : p + (strncmp (p, "\xC2\xBB", 2) == 0 ? 2 : 1));
        }
    }
  else if (colon != NULL)
    {
      gboolean heading_matches = FALSE;
      xmlNode *root = xmlDocGetRootElement (doc);

      guint n_headings = 0;

      for (xmlNode *node = root; node && !heading_matches && n_headings < MAX_TITLE_HEADINGS;
           node = next_node (node, FALSE))
        if (node_is (node, "h1") || node_is (node, "h2"))
          {
            g_autofree char *text = small_text (node, strlen (title));

            heading_matches = g_strcmp0 (text, title) == 0;
            n_headings++;
          }
      if (!heading_matches)
        {
          g_autofree char *before = g_strndup (title, (gsize) (strchr (title, ':') - title));

          cur = g_strdup (strrchr (title, ':') + 1);
          if (word_count (cur) < 3)
            {
              g_free (cur);
              cur = g_strdup (strchr (title, ':') + 1);
            }
          else if (word_count (before) > 5)
            {
              g_free (cur);
              cur = g_strdup (title);
            }
        }
    }
  else if (g_utf8_strlen (title, -1) > 150 || g_utf8_strlen (title, -1) < 15)
    {
      xmlNode *only_h1 = NULL;
      guint n_h1 = 0;

      for (xmlNode *node = xmlDocGetRootElement (doc); node; node = next_node (node, FALSE))
        if (node_is (node, "h1"))
          {
            only_h1 = node;
            n_h1++;
          }
      if (n_h1 == 1)
        cur = inner_text (only_h1);
    }

  if (cur == NULL)
    return g_strdup (title);
  {
    g_autofree char *clean = dossier_clean_string (cur, -1);
    g_autofree char *no_seps = NULL;
    guint n_words;

    if (clean == NULL)
      return g_strdup (title);
    n_words = word_count (clean);
    if (n_words <= 4)
      {
        GString *stripped = g_string_new (NULL);

        for (const char *p = title; *p; p++)
          if (strchr ("|-\\/>", *p) == NULL)
            g_string_append_c (stripped, *p);
        no_seps = g_string_free (stripped, FALSE);
        if (!hierarchical || n_words != word_count (no_seps) - 1)
          return g_strdup (title);
      }
    return g_steal_pointer (&clean);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Main text                                                                                   */

/* The patterns are those of Readability.js, plus a few for notices it does not know about. */
#define RE_UNLIKELY "-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|" \
  "extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|"          \
  "skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|"  \
  "newsletter|cookie|consent|subscribe"
#define RE_MAYBE "and|article|body|column|content|main|mathjax|shadow"
/* Page furniture that Readability keeps when its name also says "article" or "content"
 * ("related-articles", "comments-content"). */
#define RE_FURNITURE "related|newsletter|subscri|cookie|consent|(^|[-_ ])share|social|comment|" \
  "promo|advert|sponsor|recommend|most-?read|popular|trending|sign-?up|paywall|outbrain|"       \
  "taboola"
#define RE_POSITIVE "article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|" \
  "blog|story"
#define RE_NEGATIVE "-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|"    \
  "footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|"        \
  "skyscraper|sponsor|shopping|tags|widget"
#define RE_BYLINE "byline|author|dateline|writtenby|p-author"
#define RE_SHARE "(\\b|_)(share|sharedaddy)(\\b|_)"
#define RE_AD_WORDS "^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|Реклама|Anuncio)$"
#define RE_LOADING_WORDS "^((loading|正在加载|Загрузка|chargement|cargando)(…|\\.\\.\\.)?)$"
#define RE_CAPTION "caption|credit"
#define RE_HIDDEN_STYLE "display\\s*:\\s*none|visibility\\s*:\\s*hidden"
#define RE_SENTENCE_END "\\.( |$)"


typedef struct {
  GRegex *unlikely;
  GRegex *maybe;
  GRegex *furniture;
  GRegex *positive;
  GRegex *negative;
  GRegex *byline;
  GRegex *share;
  GRegex *ad_words;
  GRegex *loading_words;
  GRegex *caption;
  GRegex *hidden_style;
  GRegex *sentence_end;
} Patterns;

static GRegex *
compile (const char *pattern)
{
  GRegex *regex = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);

  g_assert (regex != NULL);
  return regex;
}

static void
patterns_init (Patterns *re)
{
  re->unlikely = compile (RE_UNLIKELY);
  re->maybe = compile (RE_MAYBE);
  re->furniture = compile (RE_FURNITURE);
  re->positive = compile (RE_POSITIVE);
  re->negative = compile (RE_NEGATIVE);
  re->byline = compile (RE_BYLINE);
  re->share = compile (RE_SHARE);
  re->ad_words = compile (RE_AD_WORDS);
  re->loading_words = compile (RE_LOADING_WORDS);
  re->caption = compile (RE_CAPTION);
  re->hidden_style = compile (RE_HIDDEN_STYLE);
  re->sentence_end = compile (RE_SENTENCE_END);
}

static void
patterns_clear (Patterns *re)
{
  g_clear_pointer (&re->unlikely, g_regex_unref);
  g_clear_pointer (&re->maybe, g_regex_unref);
  g_clear_pointer (&re->furniture, g_regex_unref);
  g_clear_pointer (&re->positive, g_regex_unref);
  g_clear_pointer (&re->negative, g_regex_unref);
  g_clear_pointer (&re->byline, g_regex_unref);
  g_clear_pointer (&re->share, g_regex_unref);
  g_clear_pointer (&re->ad_words, g_regex_unref);
  g_clear_pointer (&re->loading_words, g_regex_unref);
  g_clear_pointer (&re->caption, g_regex_unref);
  g_clear_pointer (&re->hidden_style, g_regex_unref);
  g_clear_pointer (&re->sentence_end, g_regex_unref);
}

static inline gboolean
matches (GRegex     *regex,
         const char *str)
{
  return str != NULL && *str != '\0' && g_regex_match (regex, str, 0, NULL);
}

typedef enum {
  GRAB_STRIP_UNLIKELY = 1 << 0,
  GRAB_WEIGHT_CLASSES = 1 << 1,
  GRAB_CLEAN_CONDITIONALLY = 1 << 2,
} GrabFlags;

/* What the heuristics need to know about an element's name. */
typedef enum {
  TAG_PHRASING = 1 << 0,         /* phrasing content, as Readability lists it */
  TAG_DIV_TO_P = 1 << 1,         /* a <div> holding one of these is no paragraph */
  TAG_TEXTISH = 1 << 2,          /* text containers, for the text density */
  TAG_TABLE_STRUCTURE = 1 << 3,  /* marks a table of data */
  TAG_HEADING = 1 << 4,
  TAG_REMOVED = 1 << 5,          /* never part of the article's text */
  TAG_BLOCK = 1 << 6,            /* ends a paragraph */
  TAG_LIST = 1 << 7,
  TAG_EMBED = 1 << 8,
  TAG_P = 1 << 9,
  TAG_IMG = 1 << 10,
  TAG_LI = 1 << 11,
  TAG_INPUT = 1 << 12,
  TAG_TABLE = 1 << 13,
  TAG_CODE = 1 << 14,
  TAG_FIGURE = 1 << 15,
  TAG_DIV = 1 << 16,
  TAG_A = 1 << 17,
  TAG_BR = 1 << 18,
  TAG_HR = 1 << 19,
} TagFlags;

typedef struct {
  const char *name;
  guint       flags;
} TagClass;

/* Sorted by name.  TAG_REMOVED: scripts and styles, controls, embedded documents and media,
 * and the page's own navigation and footers. */
static const TagClass tag_classes[] = {
  { "a", TAG_A },
  { "abbr", TAG_PHRASING },
  { "address", TAG_BLOCK },
  { "article", TAG_BLOCK },
  { "aside", TAG_REMOVED | TAG_BLOCK },
  { "audio", TAG_PHRASING | TAG_REMOVED },
  { "b", TAG_PHRASING },
  { "bdo", TAG_PHRASING },
  { "big", TAG_PHRASING },
  { "blockquote", TAG_DIV_TO_P | TAG_TEXTISH | TAG_BLOCK },
  { "body", TAG_BLOCK },
  { "br", TAG_PHRASING | TAG_BR },
  { "button", TAG_PHRASING | TAG_REMOVED },
  { "canvas", TAG_REMOVED },
  { "caption", TAG_TABLE_STRUCTURE | TAG_BLOCK },
  { "center", TAG_BLOCK },
  { "cite", TAG_PHRASING },
  { "code", TAG_PHRASING | TAG_CODE },
  { "col", TAG_TABLE_STRUCTURE },
  { "colgroup", TAG_TABLE_STRUCTURE },
  { "data", TAG_PHRASING },
  { "datalist", TAG_PHRASING },
  { "dd", TAG_BLOCK },
  { "details", TAG_BLOCK },
  { "dfn", TAG_PHRASING },
  { "dialog", TAG_REMOVED | TAG_BLOCK },
  { "dir", TAG_BLOCK },
  { "div", TAG_DIV_TO_P | TAG_TEXTISH | TAG_BLOCK | TAG_DIV },
  { "dl", TAG_DIV_TO_P | TAG_TEXTISH | TAG_BLOCK },
  { "dt", TAG_BLOCK },
  { "em", TAG_PHRASING },
  { "embed", TAG_PHRASING | TAG_REMOVED | TAG_EMBED },
  { "fieldset", TAG_BLOCK },
  { "figcaption", TAG_BLOCK },
  { "figure", TAG_BLOCK | TAG_FIGURE },
  { "font", TAG_PHRASING },
  { "footer", TAG_REMOVED | TAG_BLOCK },
  { "form", TAG_BLOCK },
  { "h1", TAG_HEADING | TAG_BLOCK },
  { "h2", TAG_HEADING | TAG_BLOCK },
  { "h3", TAG_HEADING | TAG_BLOCK },
  { "h4", TAG_HEADING | TAG_BLOCK },
  { "h5", TAG_HEADING | TAG_BLOCK },
  { "h6", TAG_HEADING | TAG_BLOCK },
  { "head", TAG_REMOVED },
  { "header", TAG_BLOCK },
  { "hgroup", TAG_BLOCK },
  { "hr", TAG_BLOCK | TAG_HR },
  { "html", TAG_BLOCK },
  { "i", TAG_PHRASING },
  { "iframe", TAG_REMOVED | TAG_EMBED },
  { "img", TAG_PHRASING | TAG_DIV_TO_P | TAG_TEXTISH | TAG_IMG },
  { "input", TAG_PHRASING | TAG_REMOVED | TAG_INPUT },
  { "kbd", TAG_PHRASING },
  { "label", TAG_PHRASING },
  { "li", TAG_TEXTISH | TAG_BLOCK | TAG_LI },
  { "link", TAG_REMOVED },
  { "main", TAG_BLOCK },
  { "map", TAG_REMOVED },
  { "mark", TAG_PHRASING },
  { "math", TAG_PHRASING },
  { "menu", TAG_BLOCK },
  { "meta", TAG_REMOVED },
  { "meter", TAG_PHRASING },
  { "nav", TAG_REMOVED | TAG_BLOCK },
  { "noscript", TAG_PHRASING | TAG_REMOVED },
  { "object", TAG_PHRASING | TAG_REMOVED | TAG_EMBED },
  { "ol", TAG_DIV_TO_P | TAG_TEXTISH | TAG_BLOCK | TAG_LIST },
  { "output", TAG_PHRASING },
  { "p", TAG_DIV_TO_P | TAG_TEXTISH | TAG_BLOCK | TAG_P },
  { "pre", TAG_DIV_TO_P | TAG_TEXTISH | TAG_BLOCK },
  { "progress", TAG_PHRASING },
  { "q", TAG_PHRASING },
  { "ruby", TAG_PHRASING },
  { "s", TAG_PHRASING },
  { "samp", TAG_PHRASING },
  { "script", TAG_PHRASING | TAG_REMOVED },
  { "section", TAG_BLOCK },
  { "select", TAG_PHRASING | TAG_REMOVED },
  { "small", TAG_PHRASING },
  { "span", TAG_PHRASING | TAG_TEXTISH },
  { "strike", TAG_PHRASING },
  { "strong", TAG_PHRASING },
  { "style", TAG_REMOVED },
  { "sub", TAG_PHRASING },
  { "summary", TAG_BLOCK },
  { "sup", TAG_PHRASING },
  { "svg", TAG_REMOVED },
  { "table", TAG_DIV_TO_P | TAG_TEXTISH | TAG_BLOCK | TAG_TABLE },
  { "tbody", TAG_BLOCK },
  { "td", TAG_TEXTISH | TAG_BLOCK },
  { "template", TAG_REMOVED },
  { "textarea", TAG_PHRASING | TAG_REMOVED },
  { "tfoot", TAG_TABLE_STRUCTURE | TAG_BLOCK },
  { "th", TAG_TABLE_STRUCTURE | TAG_BLOCK },
  { "thead", TAG_TABLE_STRUCTURE | TAG_BLOCK },
  { "time", TAG_PHRASING },
  { "title", TAG_REMOVED },
  { "tr", TAG_BLOCK },
  { "tt", TAG_PHRASING },
  { "u", TAG_PHRASING },
  { "ul", TAG_DIV_TO_P | TAG_TEXTISH | TAG_BLOCK | TAG_LIST },
  { "var", TAG_PHRASING },
  { "video", TAG_REMOVED },
  { "wbr", TAG_PHRASING },
};

static int
compare_tag_class (const void *key,
                   const void *member)
{
  return strcmp (key, ((const TagClass *) member)->name);
}

static guint
classify_tag (const xmlChar *name)
{
  const TagClass *found = bsearch (name, tag_classes, G_N_ELEMENTS (tag_classes),
                                   sizeof tag_classes[0], compare_tag_class);

  return found ? found->flags : 0;
}

/* Where an element sits. */
typedef enum {
  IN_TABLE = 1 << 0,
  IN_CODE = 1 << 1,
  IN_FIGURE = 1 << 2,
  IN_DATA_TABLE = 1 << 3,
} Context;

/*
 * What the heuristics need to know about an element, hung on xmlNode._private.  The sums
 * over its subtree are filled in by measurement passes over the tree (each linear), so that
 * no heuristic walks a subtree per element: with nesting that would be quadratic.
 */
typedef struct {
  guint  tag;              /* TagFlags of its name */
  guint  len;              /* characters of text, trimmed, each run of whitespace counted once,
                            * as Readability's _getInnerText */
  guint  link_tenths;      /* tenths of characters in links (same-page anchors weigh 0.3) */
  guint  commas;
  guint  n_p, n_img, n_li, n_input, n_embed;
  guint  heading_len;      /* text inside h1-h6 */
  guint  textish_len;      /* text inside span, li, td and the DIV_TO_P elements */
  guint  list_len;         /* text inside ul and ol */
  guint  has_text : 1;     /* anything but whitespace */
  guint  lead_space : 1;   /* whitespace before the text, or only whitespace */
  guint  trail_space : 1;  /* whitespace after the text, or only whitespace */
  guint  has_block : 1;    /* a DIV_TO_P element below */
  guint  has_table : 1;
  guint  has_data_table : 1;
  guint  has_table_structure : 1;  /* caption, thead, tfoot, colgroup, col or th below */
  guint  context : 4;
  guint  initialized : 1;  /* a scored candidate */
  guint  data_table : 1;
  double score;
} NodeInfo;

#define INFO_CHUNK 1024

typedef struct {
  const Patterns *re;
  GrabFlags       flags;
  const char     *title;            /* the article's title, to drop a heading repeating it */
  gboolean        want_byline;      /* no byline in the metadata: take it from the page */
  gboolean        byline_removed;   /* the page's byline element has been taken out */
  guint           n_byline_candidates;
  char           *byline;           /* found in the page */
  GPtrArray      *info_chunks;      /* of NodeInfo[INFO_CHUNK] */
  guint           info_used;        /* in the last chunk */
  GPtrArray      *candidates;       /* of xmlNode, the initialized ones */
  guint           page_chars;       /* the text of the whole body */
} Grab;

static NodeInfo *
node_info (Grab    *grab,
           xmlNode *node)
{
  if (node->_private == NULL)
    {
      NodeInfo *chunk;

      if (grab->info_chunks->len == 0 || grab->info_used == INFO_CHUNK)
        {
          g_ptr_array_add (grab->info_chunks, g_new0 (NodeInfo, INFO_CHUNK));
          grab->info_used = 0;
        }
      chunk = g_ptr_array_index (grab->info_chunks, grab->info_chunks->len - 1);
      node->_private = &chunk[grab->info_used++];
      ((NodeInfo *) node->_private)->tag = classify_tag (node->name);
    }
  return node->_private;
}

static inline gboolean
node_has_tag (Grab    *grab,
              xmlNode *node,
              guint    flags)
{
  return is_element (node) && (node_info (grab, node)->tag & flags) != 0;
}

static inline double
info_link_density (NodeInfo *info)
{
  return info->len > 0 ? info->link_tenths / (10.0 * info->len) : 0.0;
}

/* Appends a piece of text of @len characters (trimmed; 0 for whitespace only) to what @info
 * measured so far, as if the texts were concatenated, trimmed and their whitespace runs
 * collapsed. */
static void
measure_append (NodeInfo *info,
                guint     len,
                gboolean  has_text,
                gboolean  lead_space,
                gboolean  trail_space)
{
  if (!has_text)
    {
      if (lead_space || trail_space)
        {
          if (info->has_text)
            info->trail_space = TRUE;
          else
            info->lead_space = TRUE;
        }
      return;
    }
  if (!info->has_text)
    {
      info->len = len;
      info->has_text = TRUE;
      info->lead_space |= lead_space;
    }
  else
    info->len += len + (info->trail_space || lead_space ? 1 : 0);
  info->trail_space = trail_space;
}

static void
measure_text (NodeInfo   *info,
              const char *text)
{
  gboolean space = FALSE, lead_space = FALSE, has_text = FALSE;
  guint len = 0;

  for (const char *p = text; *p; )
    {
      gunichar c;
      gboolean is_space;

      if ((guchar) *p < 0x80)
        {
          c = (guchar) *p++;
          is_space = c == ' ' || (c >= '\t' && c <= '\r');
        }
      else
        {
          c = g_utf8_get_char (p);
          p = g_utf8_next_char (p);
          is_space = g_unichar_isspace (c);
        }
      if (is_space)
        {
          space = TRUE;
          continue;
        }
      if (space)
        {
          if (has_text)
            len++;
          else
            lead_space = TRUE;
        }
      space = FALSE;
      has_text = TRUE;
      len++;
      if (c == 0x002C || c == 0x060C || c == 0xFE50 || c == 0xFE10 || c == 0xFE11 ||
          c == 0x2E41 || c == 0x2E34 || c == 0x2E32 || c == 0xFF0C)
        info->commas++;
    }
  measure_append (info, len, has_text, has_text ? lead_space : space, space);
}

/* Sums @node's children (measured already) into @node's NodeInfo. */
static void
measure_self (Grab    *grab,
              xmlNode *node,
              guint    context)
{
  NodeInfo *info = node_info (grab, node);

  info->len = info->link_tenths = info->commas = 0;
  info->n_p = info->n_img = info->n_li = info->n_input = info->n_embed = 0;
  info->heading_len = info->textish_len = info->list_len = 0;
  info->has_text = info->has_block = info->has_table = info->has_data_table = FALSE;
  info->lead_space = info->trail_space = FALSE;
  info->has_table_structure = FALSE;
  info->context = context;

  for (xmlNode *child = node->children; child; child = child->next)
    {
      NodeInfo *ci;
      guint tag;

      /* Script and style content is CDATA, which is no text. */
      if (child->type == XML_TEXT_NODE)
        {
          if (child->content != NULL)
            measure_text (info, (const char *) child->content);
          continue;
        }
      if (!is_element (child))
        continue;
      ci = node_info (grab, child);
      tag = ci->tag;
      measure_append (info, ci->len, ci->has_text, ci->lead_space, ci->trail_space);
      info->link_tenths += ci->link_tenths;
      info->commas += ci->commas;
      info->n_p += ci->n_p + ((tag & TAG_P) != 0);
      info->n_img += ci->n_img + ((tag & TAG_IMG) != 0);
      info->n_li += ci->n_li + ((tag & TAG_LI) != 0);
      info->n_input += ci->n_input + ((tag & TAG_INPUT) != 0);
      info->n_embed += ci->n_embed + ((tag & TAG_EMBED) != 0);
      info->heading_len += tag & TAG_HEADING ? ci->len : ci->heading_len;
      info->textish_len += tag & TAG_TEXTISH ? ci->len : ci->textish_len;
      info->list_len += tag & TAG_LIST ? ci->len : ci->list_len;
      info->has_block |= ci->has_block || (tag & TAG_DIV_TO_P) != 0;
      info->has_table |= ci->has_table || (tag & TAG_TABLE) != 0;
      info->has_data_table |= ci->has_data_table || ((tag & TAG_TABLE) && ci->data_table);
      info->has_table_structure |= ci->has_table_structure ||
                                   (tag & TAG_TABLE_STRUCTURE) != 0;
    }

  if (info->tag & TAG_A)
    {
      const char *href = node_attr (node, "href");

      info->link_tenths = href && href[0] == '#' && href[1] != '\0' ? 3 * info->len
                                                                     : 10 * info->len;
    }
}

static guint
child_context (Grab    *grab,
               xmlNode *node,
               guint    context)
{
  NodeInfo *info = node_info (grab, node);

  if (info->tag & TAG_TABLE)
    {
      context |= IN_TABLE;
      if (info->data_table)
        context |= IN_DATA_TABLE;
    }
  else if (info->tag & TAG_CODE)
    context |= IN_CODE;
  else if (info->tag & TAG_FIGURE)
    context |= IN_FIGURE;
  return context;
}

/* Measures @node and everything below it. */
static void
measure (Grab    *grab,
         xmlNode *node,
         guint    context)
{
  guint inner = child_context (grab, node, context);

  for (xmlNode *child = node->children; child; child = child->next)
    if (is_element (child))
      measure (grab, child, inner);
  measure_self (grab, node, context);
}

static int
class_weight (Grab    *grab,
              xmlNode *node)
{
  const char *klass, *id;
  int weight = 0;

  if (!(grab->flags & GRAB_WEIGHT_CLASSES))
    return 0;
  klass = node_attr (node, "class");
  id = node_attr (node, "id");
  if (matches (grab->re->negative, klass))
    weight -= 25;
  if (matches (grab->re->positive, klass))
    weight += 25;
  if (matches (grab->re->negative, id))
    weight -= 25;
  if (matches (grab->re->positive, id))
    weight += 25;
  return weight;
}

static void
initialize_node (Grab    *grab,
                 xmlNode *node)
{
  NodeInfo *info = node_info (grab, node);
  const char *name = (const char *) node->name;

  if (info->initialized)
    return;
  info->initialized = TRUE;
  info->score = 0;
  if (strcmp (name, "div") == 0)
    info->score += 5;
  else if (strcmp (name, "pre") == 0 || strcmp (name, "td") == 0 ||
           strcmp (name, "blockquote") == 0)
    info->score += 3;
  else if (strcmp (name, "address") == 0 || strcmp (name, "ol") == 0 ||
           strcmp (name, "ul") == 0 || strcmp (name, "dl") == 0 || strcmp (name, "dd") == 0 ||
           strcmp (name, "dt") == 0 || strcmp (name, "li") == 0 || strcmp (name, "form") == 0)
    info->score -= 3;
  else if (is_heading (node) || strcmp (name, "th") == 0)
    info->score -= 5;
  info->score += class_weight (grab, node);
  g_ptr_array_add (grab->candidates, node);
}

static gboolean
is_visible (Grab    *grab,
            xmlNode *node)
{
  const char *style = node_attr (node, "style");
  const char *aria_hidden = node_attr (node, "aria-hidden");
  const char *klass = node_attr (node, "class");

  if (matches (grab->re->hidden_style, style))
    return FALSE;
  if (node_attr (node, "hidden") != NULL)
    return FALSE;
  if (aria_hidden != NULL && strcmp (aria_hidden, "true") == 0 &&
      (klass == NULL || strstr (klass, "fallback-image") == NULL))
    return FALSE;
  return TRUE;
}

static const char * const unlikely_roles[] = {
  "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog",
};

static gboolean
is_phrasing (Grab    *grab,
             xmlNode *node)
{
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    return TRUE;
  if (!is_element (node))
    return FALSE;
  if (node_has_tag (grab, node, TAG_PHRASING))
    return TRUE;
  if (node_has_tag (grab, node, TAG_A) || node_is (node, "del") || node_is (node, "ins"))
    {
      for (xmlNode *child = node->children; child; child = child->next)
        if (!is_phrasing (grab, child))
          return FALSE;
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_whitespace_node (xmlNode *node)
{
  if (node->type == XML_TEXT_NODE)
    {
      for (const xmlChar *p = node->content; p && *p; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
      return TRUE;
    }
  return node_is (node, "br");
}

static gboolean
has_direct_text (xmlNode *node)
{
  for (xmlNode *child = node->children; child; child = child->next)
    if (child->type == XML_TEXT_NODE && !is_whitespace_node (child))
      return TRUE;
  return FALSE;
}

/* No text, and no children but <br> and <hr>. */
static gboolean
is_element_without_content (Grab    *grab,
                            xmlNode *node)
{
  if (node_info (grab, node)->has_text)
    return FALSE;
  for (xmlNode *child = node->children; child; child = child->next)
    if (is_element (child) && !node_is (child, "br") && !node_is (child, "hr"))
      return FALSE;
  return TRUE;
}

static void
split_tokens (const char *text,
              GPtrArray  *tokens)
{
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
        g_ptr_array_add (tokens, g_strndup (start, (gsize) (p - start)));
    }
}

/* How much of @b's wording is also in @a, as Readability's _textSimilarity. */
static double
text_similarity (const char *a,
                 const char *b)
{
  g_autofree char *la = g_utf8_strdown (a, -1);
  g_autofree char *lb = g_utf8_strdown (b, -1);
  g_autoptr(GPtrArray) tokens_a = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tokens_b = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) set_a = g_hash_table_new (g_str_hash, g_str_equal);
  gsize len_b = 0, len_unique = 0;
  guint n_unique = 0;

  split_tokens (la, tokens_a);
  split_tokens (lb, tokens_b);
  if (tokens_a->len == 0 || tokens_b->len == 0)
    return 0;
  for (guint i = 0; i < tokens_a->len; i++)
    g_hash_table_add (set_a, g_ptr_array_index (tokens_a, i));
  for (guint i = 0; i < tokens_b->len; i++)
    {
      const char *token = g_ptr_array_index (tokens_b, i);

      len_b += strlen (token) + (i > 0);
      if (!g_hash_table_contains (set_a, token))
        {
          len_unique += strlen (token) + (n_unique > 0);
          n_unique++;
        }
    }
  return 1.0 - (double) len_unique / (double) len_b;
}

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
  "sept", "oct", "nov", "dec",
};

/* A date ("Sunday, Feb 1, 2015 11:57 AM UTC"), or a month name next to a year somewhere in
 * it ("April 28, 2019 at 6:01 am Updated April 29, 2019"). */
static gboolean
looks_like_date (const char *text)
{
  g_autofree char *value = NULL;
  g_auto(GStrv) words = NULL;
  DossierPrecision precision;
  gboolean month = FALSE, year = FALSE;

  if (text == NULL || dossier_date_parse (text, &value, &precision))
    return TRUE;
  words = g_strsplit_set (text, " ,.\t\n", -1);
  for (guint i = 0; words[i]; i++)
    {
      g_autofree char *w = g_ascii_strdown (words[i], -1);

      if (strlen (w) == 4 && strspn (w, "0123456789") == 4 && (w[0] == '1' || w[0] == '2'))
        year = TRUE;
      else if (tag_name_in (w, month_names, G_N_ELEMENTS (month_names)))
        month = TRUE;
    }
  return month && year;
}

/* Readability's byline test: rel=author, itemprop=author or a byline-like class, and a short
 * text. */
static gboolean
is_byline_element (Grab       *grab,
                   xmlNode    *node,
                   const char *match)
{
  const char *rel = node_attr (node, "rel");
  const char *itemprop = node_attr (node, "itemprop");
  NodeInfo *info = node_info (grab, node);

  if (!((rel != NULL && strcmp (rel, "author") == 0) ||
        (itemprop != NULL && strstr (itemprop, "author") != NULL) ||
        matches (grab->re->byline, match)))
    return FALSE;
  return info->has_text && info->len < 100;
}

/* The byline's text: that of the [itemprop=name] inside it when there is one. */
static char *
byline_text (xmlNode *node)
{
  xmlNode *n = node->children;
  guint budget = SMALL_TEXT_MAX_NODES;

  while (n != NULL && n != node && budget-- > 0)
    {
      const char *itemprop = node_attr (n, "itemprop");

      if (itemprop != NULL && strstr (itemprop, "name") != NULL)
        return small_text (n, 400);
      if (is_element (n) && n->children != NULL)
        {
          n = n->children;
          continue;
        }
      while (n != node && n->next == NULL)
        n = n->parent;
      if (n != node)
        n = n->next;
    }
  return small_text (node, 400);
}

/* Wraps runs of phrasing content directly in @div into <p> elements, as Readability does;
 * returns whether it made any. */
static gboolean
wrap_phrasing_runs (Grab    *grab,
                    xmlNode *div)
{
  xmlNode *p = NULL;
  xmlNode *child = div->children;
  gboolean wrapped = FALSE;

  while (child != NULL)
    {
      xmlNode *next = child->next;

      if (is_phrasing (grab, child))
        {
          if (p != NULL)
            {
              xmlUnlinkNode (child);
              xmlAddChild (p, child);
            }
          else if (!is_whitespace_node (child))
            {
              p = xmlNewDocNode (div->doc, NULL, BAD_CAST "p", NULL);
              xmlAddPrevSibling (child, p);
              xmlUnlinkNode (child);
              xmlAddChild (p, child);
              wrapped = TRUE;
            }
        }
      else if (p != NULL)
        {
          while (p->last != NULL && is_whitespace_node (p->last))
            {
              xmlNode *last = p->last;

              xmlUnlinkNode (last);
              xmlFreeNode (last);
            }
          p = NULL;
        }
      child = next;
    }
  return wrapped;
}

/* Readability's first pass: removes what cannot be the article, turns <div>s holding only
 * text into paragraphs, and collects the elements to score.  Works on measurements taken
 * before it starts: it visits an element before anything inside it changes. */
static void
prune (Grab      *grab,
       xmlNode   *body,
       GPtrArray *to_score)
{
  gboolean remove_title_header = grab->title != NULL;
  guint n_headings = 0;
  xmlNode *node = body;

  while (node != NULL)
    {
      g_autofree char *match = NULL;
      const char *name = (const char *) node->name;
      NodeInfo *info = node_info (grab, node);
      const char *role;

      if (node != body && (info->tag & TAG_REMOVED || !is_visible (grab, node)))
        {
          node = remove_and_get_next (node);
          continue;
        }
      match = node_match_string (node);

      if (grab->want_byline && grab->byline == NULL &&
          grab->n_byline_candidates < MAX_BYLINE_CANDIDATES &&
          is_byline_element (grab, node, match))
        {
          g_autofree char *byline = byline_text (node);
          gboolean first = !grab->byline_removed;

          grab->n_byline_candidates++;
          /* Datelines match the byline pattern too; a date is no byline. */
          if (byline != NULL && !looks_like_date (byline))
            grab->byline = g_steal_pointer (&byline);
          if (first)
            {
              /* Like Readability, take only the first byline element out of the text. */
              grab->byline_removed = TRUE;
              node = remove_and_get_next (node);
              continue;
            }
        }

      if (remove_title_header && (node_is (node, "h1") || node_is (node, "h2")) &&
          n_headings++ < MAX_TITLE_HEADINGS)
        {
          g_autofree char *heading = small_text (node, 4 * strlen (grab->title) + 100);

          if (heading != NULL && text_similarity (grab->title, heading) > 0.75)
            {
              remove_title_header = FALSE;
              node = remove_and_get_next (node);
              continue;
            }
        }

      if (grab->flags & GRAB_STRIP_UNLIKELY && node != body)
        {
          if (matches (grab->re->unlikely, match) && !matches (grab->re->maybe, match) &&
              !(info->context & (IN_TABLE | IN_CODE)) && !node_is (node, "a"))
            {
              node = remove_and_get_next (node);
              continue;
            }
          role = node_attr (node, "role");
          if (role != NULL && tag_name_in (role, unlikely_roles, G_N_ELEMENTS (unlikely_roles)))
            {
              node = remove_and_get_next (node);
              continue;
            }
        }

      if ((strcmp (name, "div") == 0 || strcmp (name, "section") == 0 ||
           strcmp (name, "header") == 0 || is_heading (node)) &&
          is_element_without_content (grab, node))
        {
          node = remove_and_get_next (node);
          continue;
        }

      if (strcmp (name, "section") == 0 || strcmp (name, "p") == 0 ||
          strcmp (name, "td") == 0 || strcmp (name, "pre") == 0 ||
          (is_heading (node) && name[1] != '1'))
        g_ptr_array_add (to_score, node);

      if (strcmp (name, "div") == 0)
        {
          gboolean wrapped = wrap_phrasing_runs (grab, node);
          xmlNode *only = first_element_child (node);

          if (only != NULL && count_element_children (node) == 1 && node_is (only, "p") &&
              !has_direct_text (node) && info_link_density (info) < 0.25)
            {
              /* A <div> that only wraps a <p> is that paragraph. */
              xmlReplaceNode (node, only);
              xmlFreeNode (node);
              node = only;
              g_ptr_array_add (to_score, node);
            }
          else if (!wrapped && !info->has_block)
            {
              xmlNodeSetName (node, BAD_CAST "p");
              info->tag = classify_tag (node->name);
              g_ptr_array_add (to_score, node);
            }
        }
      node = next_node (node, FALSE);
    }
}

static void
score_paragraphs (Grab      *grab,
                  GPtrArray *to_score)
{
  for (guint i = 0; i < to_score->len; i++)
    {
      xmlNode *node = g_ptr_array_index (to_score, i);
      NodeInfo *info = node_info (grab, node);
      double score;
      int level = 0;

      if (!is_element (node->parent) || info->len < 25)
        continue;
      score = 1 + (info->commas + 1) + MIN (floor (info->len / 100.0), 3);
      for (xmlNode *ancestor = node->parent; is_element (ancestor) && level < 5;
           ancestor = ancestor->parent, level++)
        {
          double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;

          /* the root element is no candidate */
          if (!is_element (ancestor->parent))
            break;
          initialize_node (grab, ancestor);
          node_info (grab, ancestor)->score += score / divider;
        }
    }
}

static gboolean
is_ancestor (xmlNode *ancestor,
             xmlNode *node)
{
  for (xmlNode *p = node->parent; p != NULL; p = p->parent)
    if (p == ancestor)
      return TRUE;
  return FALSE;
}

/* Picks the element that holds the article, as Readability does; NULL when that is the
 * body itself. */
static xmlNode *
select_top_candidate (Grab    *grab,
                      xmlNode *body)
{
  xmlNode *top[5] = { NULL, };
  xmlNode *alternatives[G_N_ELEMENTS (top)];
  guint n_alternatives = 0;
  xmlNode *best, *parent;
  double best_score, last_score, threshold;

  for (guint i = 0; i < grab->candidates->len; i++)
    {
      xmlNode *candidate = g_ptr_array_index (grab->candidates, i);
      NodeInfo *info = node_info (grab, candidate);

      info->score *= 1 - info_link_density (info);
      for (guint t = 0; t < G_N_ELEMENTS (top); t++)
        if (top[t] == NULL || info->score > node_info (grab, top[t])->score)
          {
            memmove (&top[t + 1], &top[t], (G_N_ELEMENTS (top) - t - 1) * sizeof top[0]);
            top[t] = candidate;
            break;
          }
    }

  best = top[0];
  if (best == NULL || best == body)
    return NULL;

  /* When three of the runners-up score close to the best and share an ancestor with it,
   * that ancestor holds the article. */
  best_score = node_info (grab, best)->score;
  for (guint i = 1; i < G_N_ELEMENTS (top) && top[i] != NULL; i++)
    if (best_score > 0 && node_info (grab, top[i])->score / best_score >= 0.75)
      alternatives[n_alternatives++] = top[i];
  if (n_alternatives >= 3)
    for (parent = best->parent; is_element (parent) && parent != body; parent = parent->parent)
      {
        guint n_containing = 0;

        for (guint i = 0; i < n_alternatives; i++)
          n_containing += is_ancestor (parent, alternatives[i]);
        if (n_containing >= 3)
          {
            best = parent;
            break;
          }
      }
  initialize_node (grab, best);

  /* Walk up while the parents' scores rise: more of the article may sit beside this. */
  last_score = node_info (grab, best)->score;
  threshold = last_score / 3;
  for (parent = best->parent; is_element (parent) && parent != body; parent = parent->parent)
    {
      NodeInfo *info = node_info (grab, parent);

      if (!info->initialized)
        continue;
      if (info->score < threshold)
        break;
      if (info->score > last_score)
        {
          best = parent;
          break;
        }
      last_score = info->score;
    }

  /* An only child: its parent gives the siblings a chance. */
  for (parent = best->parent; is_element (parent) && parent != body &&
       count_element_children (parent) == 1; parent = best->parent)
    best = parent;
  initialize_node (grab, best);
  return best;
}

/* The top candidate and those of its siblings that look like part of the article. */
static GPtrArray *
gather_siblings (Grab    *grab,
                 xmlNode *best)
{
  GPtrArray *content = g_ptr_array_new ();
  double best_score = node_info (grab, best)->score;
  double threshold = MAX (10, best_score * 0.2);
  const char *best_class = node_attr (best, "class");

  for (xmlNode *sibling = best->parent->children; sibling; sibling = sibling->next)
    {
      NodeInfo *info;
      gboolean append = FALSE;

      if (!is_element (sibling))
        continue;
      info = node_info (grab, sibling);
      if (sibling == best)
        append = TRUE;
      else
        {
          const char *klass = node_attr (sibling, "class");
          double bonus = 0;

          if (best_class != NULL && *best_class != '\0' && g_strcmp0 (klass, best_class) == 0)
            bonus += best_score * 0.2;
          if (info->initialized && info->score + bonus >= threshold)
            append = TRUE;
          else if (node_is (sibling, "p"))
            {
              double density = info_link_density (info);

              if (info->len > 80 && density < 0.25)
                append = TRUE;
              else if (info->len < 80 && info->has_text && density == 0)
                {
                  g_autofree char *text = small_text (sibling, 400);

                  append = matches (grab->re->sentence_end, text);
                }
            }
        }
      if (append)
        g_ptr_array_add (content, sibling);
    }
  return content;
}

static void
collect_elements (xmlNode    *root,
                  const char *name,
                  GPtrArray  *out)
{
  for (xmlNode *child = root->children; child; child = child->next)
    if (is_element (child))
      {
        if (strcmp ((const char *) child->name, name) == 0)
          g_ptr_array_add (out, child);
        collect_elements (child, name, out);
      }
}

/* Readability's _markDataTables: tables of data are kept whatever their link density. */
static void
mark_data_tables (Grab    *grab,
                  xmlNode *root)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();

  collect_elements (root, "table", tables);
  for (guint i = 0; i < tables->len; i++)
    {
      xmlNode *table = g_ptr_array_index (tables, i);
      NodeInfo *info = node_info (grab, table);
      const char *role = node_attr (table, "role");
      g_autoptr(GPtrArray) rows = NULL;
      guint n_columns = 0;

      if (role != NULL && strcmp (role, "presentation") == 0)
        continue;
      if (info->has_table_structure)
        {
          info->data_table = TRUE;
          continue;
        }
      if (info->has_table)
        continue;
      /* No table inside: these walks do not overlap. */
      rows = g_ptr_array_new ();
      collect_elements (table, "tr", rows);
      for (guint r = 0; r < rows->len; r++)
        {
          guint cells = 0;

          for (xmlNode *c = ((xmlNode *) g_ptr_array_index (rows, r))->children; c; c = c->next)
            cells += node_is (c, "td");
          n_columns = MAX (n_columns, cells);
        }
      info->data_table = rows->len >= 10 || n_columns > 4 || rows->len * n_columns > 10;
    }
}

/* Readability's _cleanConditionally test, on measurements of @node. */
static gboolean
should_remove_conditionally (Grab       *grab,
                             xmlNode    *node,
                             const char *tag)
{
  NodeInfo *info = node_info (grab, node);
  gboolean is_list = strcmp (tag, "ul") == 0 || strcmp (tag, "ol") == 0;
  gboolean figure_child = (info->context & IN_FIGURE) != 0;
  double total = info->len;
  double density, heading_density, textish_density;
  int weight;
  gboolean remove;

  if (strcmp (tag, "table") == 0 && info->data_table)
    return FALSE;
  if (info->context & (IN_DATA_TABLE | IN_CODE) || info->has_data_table)
    return FALSE;
  if (!is_list)
    is_list = total > 0 && info->list_len / total > 0.9;

  weight = class_weight (grab, node);
  if (weight < 0)
    return TRUE;
  if (info->commas >= 10)
    return FALSE;

  if (info->has_text && info->len <= 20)
    {
      g_autofree char *text = small_text (node, 100);

      if (text != NULL && (matches (grab->re->ad_words, text) ||
                           matches (grab->re->loading_words, text)))
        return TRUE;
    }

  density = info_link_density (info);
  heading_density = total > 0 ? info->heading_len / total : 0;
  textish_density = total > 0 ? info->textish_len / total : 0;
  remove = (!figure_child && info->n_img > 1 && (double) info->n_p / info->n_img < 0.5) ||
           (!is_list && (int) info->n_li - 100 > (int) info->n_p) ||
           info->n_input > info->n_p / 3 ||
           (!is_list && !figure_child && heading_density < 0.9 && info->len < 25 &&
            (info->n_img == 0 || info->n_img > 2) && density > 0) ||
           (!is_list && weight < 25 && density > 0.2) ||
           (weight >= 25 && density > 0.5) ||
           (info->n_embed == 1 && info->len < 75) || info->n_embed > 1 ||
           (info->n_img == 0 && textish_density == 0);

  if (is_list && remove)
    {
      /* Lists of pictures stay. */
      for (xmlNode *child = node->children; child; child = child->next)
        if (is_element (child) && count_element_children (child) > 1)
          return TRUE;
      if (info->n_img == info->n_li)
        return FALSE;
    }
  return remove;
}

/* One post-order pass: every element is measured from its children, which are final by
 * then, and those named @tag are judged; returns whether @node was removed. */
static gboolean
clean_conditionally (Grab       *grab,
                     xmlNode    *node,
                     const char *tag,
                     guint       context)
{
  guint inner = child_context (grab, node, context);
  xmlNode *child = node->children;

  while (child != NULL)
    {
      xmlNode *next = child->next;

      if (is_element (child))
        clean_conditionally (grab, child, tag, inner);
      child = next;
    }
  measure_self (grab, node, context);
  if ((grab->flags & GRAB_CLEAN_CONDITIONALLY) && node_is (node, tag) &&
      should_remove_conditionally (grab, node, tag))
    {
      xmlUnlinkNode (node);
      xmlFreeNode (node);
      return TRUE;
    }
  return FALSE;
}

/* clean_conditionally() for everything below @root, which stays. */
static void
clean_conditionally_below (Grab       *grab,
                           xmlNode    *root,
                           const char *tag)
{
  xmlNode *child = root->children;

  while (child != NULL)
    {
      xmlNode *next = child->next;

      if (is_element (child))
        clean_conditionally (grab, child, tag, 0);
      child = next;
    }
  measure_self (grab, root, 0);
}

static void
clean_share_elements (Grab    *grab,
                      xmlNode *root)
{
  for (xmlNode *top = root->children; top; top = top->next)
    {
      xmlNode *end, *node;

      if (!is_element (top))
        continue;
      end = next_node (top, TRUE);
      node = next_node (top, FALSE);
      while (node != NULL && node != end)
        {
          g_autofree char *match = node_match_string (node);

          if (matches (grab->re->share, match) &&
              node_info (grab, node)->len < MIN_ARTICLE_CHARS)
            node = remove_and_get_next (node);
          else
            node = next_node (node, FALSE);
        }
    }
}

/* Takes out page furniture that Readability leaves in the article (related stories, sign-up
 * boxes, comment threads), unless it holds a good part of the article's text: then its name
 * misleads.  This comes after the article is chosen, so that the choice stays Readability's. */
static void
clean_furniture (Grab    *grab,
                 xmlNode *article)
{
  guint total = node_info (grab, article)->len;
  xmlNode *end = next_node (article, TRUE);
  xmlNode *node = next_node (article, FALSE);

  if (!(grab->flags & GRAB_CLEAN_CONDITIONALLY))
    return;
  while (node != NULL && node != end)
    {
      g_autofree char *match = node_match_string (node);

      NodeInfo *info = node_info (grab, node);

      /* Lists of links, too: what they say is elsewhere. */
      if ((matches (grab->re->furniture, match) && info->len * 4 < total) ||
          (info->tag & TAG_LIST && info_link_density (info) > 0.5))
        node = remove_and_get_next (node);
      else
        node = next_node (node, FALSE);
    }
}

/* Removes @nodes, which are in document order: backwards, a node goes before any element
 * holding it. */
static void
remove_nodes (GPtrArray *nodes)
{
  for (guint i = nodes->len; i > 0; i--)
    {
      xmlNode *node = g_ptr_array_index (nodes, i - 1);

      xmlUnlinkNode (node);
      xmlFreeNode (node);
    }
}

/* Readability's _prepArticle, for what matters to the text. */
static void
prepare_article (Grab    *grab,
                 xmlNode *article)
{
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new ();
  const char *conditional[] = { "form", "fieldset", "table", "ul", "div" };
  xmlNode *end = next_node (article, TRUE);

  measure (grab, article, 0);
  mark_data_tables (grab, article);
  clean_conditionally_below (grab, article, conditional[0]);
  clean_conditionally_below (grab, article, conditional[1]);
  clean_share_elements (grab, article);
  clean_furniture (grab, article);

  /* In document order, so that remove_nodes() takes inner ones out first. */
  for (xmlNode *node = next_node (article, FALSE); node != NULL && node != end;
       node = next_node (node, FALSE))
    if (node_is (node, "h1") || node_is (node, "h2"))
      g_ptr_array_add (doomed, node);
  for (guint i = doomed->len; i > 0; i--)
    if (class_weight (grab, g_ptr_array_index (doomed, i - 1)) >= 0)
      g_ptr_array_remove_index (doomed, i - 1);
  remove_nodes (doomed);

  for (guint i = 2; i < G_N_ELEMENTS (conditional); i++)
    clean_conditionally_below (grab, article, conditional[i]);

  /* Empty paragraphs go, unless they hold a picture. */
  g_ptr_array_set_size (doomed, 0);
  collect_elements (article, "p", paragraphs);
  for (guint i = 0; i < paragraphs->len; i++)
    {
      xmlNode *p = g_ptr_array_index (paragraphs, i);
      NodeInfo *info = node_info (grab, p);

      if (!info->has_text && info->n_img == 0 && info->n_embed == 0)
        g_ptr_array_add (doomed, p);
    }
  remove_nodes (doomed);
}

/* Runs Readability's extraction on @doc with the heuristics in @grab->flags.  Returns the
 * element holding the article. */
static xmlNode *
grab_article (Grab   *grab,
              xmlDoc *doc)
{
  g_autoptr(GPtrArray) to_score = g_ptr_array_new ();
  g_autoptr(GPtrArray) content = NULL;
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *body = NULL, *best, *article;

  if (root == NULL)
    return NULL;
  for (xmlNode *child = root->children; child; child = child->next)
    if (node_is (child, "body"))
      body = child;
  if (body == NULL)
    body = root;

  measure (grab, body, 0);
  grab->page_chars = node_info (grab, body)->len;
  prune (grab, body, to_score);
  measure (grab, body, 0);
  score_paragraphs (grab, to_score);
  best = select_top_candidate (grab, body);

  article = xmlNewDocNode (doc, NULL, BAD_CAST "div", NULL);
  if (best == NULL)
    {
      /* Nothing stands out: the whole body is the article. */
      while (body->children != NULL)
        {
          xmlNode *child = body->children;

          xmlUnlinkNode (child);
          xmlAddChild (article, child);
        }
      xmlAddChild (body, article);
    }
  else
    {
      content = gather_siblings (grab, best);
      xmlAddChild (body, article);
      for (guint i = 0; i < content->len; i++)
        {
          xmlNode *node = g_ptr_array_index (content, i);

          xmlUnlinkNode (node);
          xmlAddChild (article, node);
        }
    }
  prepare_article (grab, article);
  return article;
}

/* ------------------------------------------------------------------------------------------ */
/* Emitting the text                                                                           */

typedef struct {
  const Patterns     *re;
  DossierTextBuilder *builder;
  GString            *block;       /* the paragraph being gathered */
  DossierRegionKind   block_kind;
} Emitter;

static void
emitter_flush (Emitter *em)
{
  if (em->block->len == 0)
    return;
  /* The builder normalizes the text and skips what is only whitespace. */
  dossier_text_builder_add (em->builder, em->block_kind, em->block->str,
                            (gssize) em->block->len);
  g_string_truncate (em->block, 0);
}

static DossierRegionKind
element_kind (Emitter           *em,
              xmlNode           *node,
              guint              tag,
              DossierRegionKind  inherited)
{
  if (tag & TAG_HEADING)
    return DOSSIER_REGION_HEADLINE;
  if (node_is (node, "figcaption"))
    return DOSSIER_REGION_CAPTION;
  if (inherited == DOSSIER_REGION_PARAGRAPH &&
      (matches (em->re->caption, node_attr (node, "class")) ||
       matches (em->re->caption, node_attr (node, "id"))))
    return DOSSIER_REGION_CAPTION;
  return inherited;
}

/* Emits the text below @node: inline elements run into the paragraph around them, block
 * elements end it; headings are headlines, figure captions and credits captions. */
static void
emit_node (Emitter           *em,
           xmlNode           *node,
           DossierRegionKind  kind)
{
  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type == XML_TEXT_NODE)
        {
          if (child->content == NULL)
            continue;
          if (em->block->len == 0)
            em->block_kind = kind;
          g_string_append (em->block, (const char *) child->content);
        }
      else if (is_element (child))
        {
          guint tag = classify_tag (child->name);
          DossierRegionKind child_kind = element_kind (em, child, tag, kind);

          if (tag & TAG_BR)
            g_string_append_c (em->block, ' ');
          else if (tag & TAG_BLOCK || child_kind != kind)
            {
              emitter_flush (em);
              emit_node (em, child, child_kind);
              emitter_flush (em);
            }
          else
            emit_node (em, child, kind);
        }
    }
}

static void
emit_article (const Patterns     *re,
              xmlNode            *article,
              DossierTextBuilder *builder)
{
  Emitter em = { re, builder, g_string_new (NULL), DOSSIER_REGION_PARAGRAPH };

  emit_node (&em, article, DOSSIER_REGION_PARAGRAPH);
  emitter_flush (&em);
  g_string_free (em.block, TRUE);
}

/* ------------------------------------------------------------------------------------------ */
/* Putting it together                                                                         */

static void
ensure_libxml_initialized (void)
{
  static gsize initialized = 0;

  /* xmlInitParser() is not thread-safe itself; imports run in worker threads. */
  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

/* Parses canonical markup from sanitize(); *stopped tells whether libxml2 gave up early. */
static xmlDoc *
parse_html (const GString *html,
            gboolean      *stopped)
{
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt ();
  xmlDoc *doc;

  if (ctxt == NULL)
    return NULL;
  /* HTML_PARSE_NOERROR and HTML_PARSE_NOWARNING clear this context's error callbacks, so
   * nothing is printed; the input is valid UTF-8, so the encoding errors that libxml2 reports
   * through its global handler cannot happen. */
  doc = htmlCtxtReadMemory (ctxt, html->str, (int) html->len, NULL, "UTF-8", PARSE_OPTIONS);
  if (stopped != NULL)
    *stopped = ctxt->disableSAX != 0;
  htmlFreeParserCtxt (ctxt);
  return doc;
}

static const char *
first_meta (Metadata          *md,
            const char * const keys[],
            gsize              n_keys)
{
  for (gsize i = 0; i < n_keys; i++)
    {
      const char *value = metadata_get (md, keys[i]);

      if (value != NULL)
        return value;
    }
  return NULL;
}

static char *
choose_title (Metadata *md,
              xmlDoc   *doc)
{
  const char *keys[] = { "dc:title", "dcterm:title", "og:title", "weibo:article:title",
                         "weibo:webpage:title", "title", "twitter:title", "parsely-title" };
  const char *value;
  char *title;

  if (md->ld_headline != NULL)
    return g_strdup (md->ld_headline);
  if (md->ld_name != NULL)
    return g_strdup (md->ld_name);
  value = first_meta (md, keys, G_N_ELEMENTS (keys));
  if (value != NULL && (title = dossier_clean_string (value, -1)) != NULL)
    return title;
  if (md->doc_title != NULL)
    return title_from_document (md->doc_title, doc);
  for (xmlNode *node = xmlDocGetRootElement (doc); node; node = next_node (node, FALSE))
    if (node_is (node, "h1") && (title = inner_text (node)) != NULL)
      return title;
  return NULL;
}

static char *
choose_byline (Metadata *md)
{
  const char *keys[] = { "dc:creator", "dcterm:creator", "author", "parsely-author",
                         "sailthru.author" };
  /* Open Graph's article:author (often the author's page rather than a name). */
  const char *properties[] = { "article:author", "og:article:author" };
  const char *value;

  if (md->ld_author != NULL)
    return g_strdup (md->ld_author);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if ((value = metadata_get (md, keys[i])) != NULL && !is_web_url (value))
      return dossier_clean_string (value, -1);
  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    if ((value = metadata_lookup (md, META_PROPERTY, properties[i])) != NULL &&
        !is_web_url (value))
      return dossier_clean_string (value, -1);
  return NULL;
}

/* <meta itemprop=author>: after the byline printed in the page, which names the person
 * more often than microdata does. */
static char *
choose_microdata_byline (Metadata *md)
{
  const char *value = metadata_lookup (md, META_ITEMPROP, "author");

  return value != NULL && !is_web_url (value) ? dossier_clean_string (value, -1) : NULL;
}

static gboolean
parse_date (const char        *str,
            DossierArticle    *article)
{
  g_autofree char *value = NULL;
  DossierPrecision precision;

  if (str == NULL || !dossier_date_parse (str, &value, &precision))
    return FALSE;
  g_free (article->published);
  article->published = g_steal_pointer (&value);
  article->precision = precision;
  return TRUE;
}

static void
choose_date (Metadata       *md,
             xmlDoc         *doc,
             DossierArticle *article)
{
  const char *keys[] = { "article:published_time", "parsely-pub-date", "date", "pubdate",
                         "publishdate", "dc.date", "dc.date.issued",
                         "dcterms.date", "dcterms.issued", "dc:date", "sailthru.date",
                         "og:published_time", "article.published" };
  xmlNode *root = xmlDocGetRootElement (doc);

  if (parse_date (md->ld_date, article))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (parse_date (metadata_get (md, keys[i]), article))
      return;
  if (parse_date (metadata_lookup (md, META_ITEMPROP, "datepublished"), article))
    return;
  for (xmlNode *node = root; node; node = next_node (node, FALSE))
    {
      const char *itemprop = node_attr (node, "itemprop");

      if (node_is (node, "time") && itemprop != NULL &&
          strstr (itemprop, "datePublished") != NULL &&
          parse_date (node_attr (node, "datetime"), article))
        return;
    }
  /* Else the first <time datetime> of an <article>. */
  for (xmlNode *node = root; node; )
    {
      if (node_is (node, "article"))
        {
          xmlNode *end = next_node (node, TRUE);

          for (xmlNode *n = next_node (node, FALSE); n != NULL && n != end;
               n = next_node (n, FALSE))
            if (node_is (n, "time") && parse_date (node_attr (n, "datetime"), article))
              return;
          node = end;
        }
      else
        node = next_node (node, FALSE);
    }
}

static char *
choose_outlet (Metadata *md)
{
  const char *value = metadata_get (md, "og:site_name");

  if (value != NULL)
    return dossier_clean_string (value, -1);
  if (md->ld_publisher != NULL)
    return g_strdup (md->ld_publisher);
  return dossier_clean_string (metadata_get (md, "application-name"), -1);
}

static char *
choose_url (Metadata *md)
{
  const char *og_url = metadata_get (md, "og:url");

  if (is_web_url (md->canonical))
    return dossier_clean_string (md->canonical, -1);
  if (is_web_url (og_url))
    return dossier_clean_string (og_url, -1);
  return NULL;
}

typedef struct {
  xmlDoc  *doc;
  xmlNode *article;     /* in doc */
  guint    n_chars;
} Attempt;

/* Finds the article, retrying with fewer heuristics when little text is found, as
 * Readability does; @doc is consumed and the best attempt is left in @best. */
static void
extract_article (const Patterns *re,
                 xmlDoc         *doc,
                 const GString  *html,
                 const char     *title,
                 gboolean        want_byline,
                 char          **byline,
                 Attempt        *best)
{
  GrabFlags flags = GRAB_STRIP_UNLIKELY | GRAB_WEIGHT_CLASSES | GRAB_CLEAN_CONDITIONALLY;

  while (TRUE)
    {
      /* Once a byline is found, later attempts leave the byline element in the text. */
      Grab grab = {
        .re = re,
        .flags = flags,
        .title = title,
        .want_byline = want_byline && *byline == NULL,
        .info_chunks = g_ptr_array_new_with_free_func (g_free),
        .candidates = g_ptr_array_new (),
      };
      xmlNode *article;
      guint n_chars = 0, page_chars;

      if (doc == NULL)
        doc = parse_html (html, NULL);
      if (doc == NULL)
        break;
      article = grab_article (&grab, doc);
      if (article != NULL)
        n_chars = node_info (&grab, article)->len;
      page_chars = grab.page_chars;
      if (grab.byline != NULL && *byline == NULL)
        *byline = g_steal_pointer (&grab.byline);
      g_free (grab.byline);
      g_ptr_array_unref (grab.candidates);
      g_ptr_array_unref (grab.info_chunks);

      if (article != NULL && (best->doc == NULL || n_chars > best->n_chars))
        {
          g_clear_pointer (&best->doc, xmlFreeDoc);
          best->doc = g_steal_pointer (&doc);
          best->article = article;
          best->n_chars = n_chars;
        }
      g_clear_pointer (&doc, xmlFreeDoc);
      /* Enough text, or all there is: another try could not find more. */
      if (best->n_chars >= MIN_ARTICLE_CHARS || best->n_chars >= page_chars)
        break;
      if (flags & GRAB_STRIP_UNLIKELY)
        flags &= ~GRAB_STRIP_UNLIKELY;
      else if (flags & GRAB_WEIGHT_CLASSES)
        flags &= ~GRAB_WEIGHT_CLASSES;
      else if (flags & GRAB_CLEAN_CONDITIONALLY)
        flags &= ~GRAB_CLEAN_CONDITIONALLY;
      else
        break;
    }
}

DossierArticle *
dossier_html_import (const char  *data,
                     gsize        len,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(DossierArticle) article = NULL;
  g_autoptr(DossierTextBuilder) builder = NULL;
  g_autofree char *text = NULL;
  g_autofree char *page_byline = NULL;
  g_autofree char *microdata_byline = NULL;
  Sanitized sanitized = { NULL, };
  Metadata md = { { NULL, }, };
  Patterns re = { NULL, };
  Attempt best = { NULL, };
  gsize text_len = 0;
  gboolean stopped = FALSE;
  xmlDoc *doc;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > DOSSIER_IMPORT_MAX_BYTES)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_TOO_LARGE,
                   "%s: %" G_GSIZE_FORMAT " bytes is over the import limit of %d MB",
                   name, len, DOSSIER_IMPORT_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  text = decode_input (data ? data : "", len, name, &text_len, error);
  if (text == NULL)
    return NULL;

  sanitize (text, text_len, &sanitized);
  g_clear_pointer (&text, g_free);
  if (sanitized.n_unwrapped > 0)
    g_debug ("%s: unwrapped %u elements nested deeper than %d", name, sanitized.n_unwrapped,
             MAX_DEPTH);
  if (sanitized.n_flattened > 0)
    g_debug ("%s: dropped %u tags beyond %d elements", name, sanitized.n_flattened,
             MAX_ELEMENTS);
  if (sanitized.max_attributes > 1000)
    g_debug ("%s: a tag with %u attributes, of which %u are read", name,
             sanitized.max_attributes, (guint) G_N_ELEMENTS (kept_attributes));

  ensure_libxml_initialized ();
  doc = parse_html (sanitized.html, &stopped);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_string_free (sanitized.html, TRUE);
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_EMPTY, "%s: no text in the page", name);
      return NULL;
    }

  article = dossier_article_new ();
  article->format = g_strdup ("html");
  /* libxml2 stops early (at 256 levels of nesting, which the tokenizer keeps it from) or
   * markup beyond MAX_ELEMENTS was dropped: the text may lack part of the page. */
  article->truncated = stopped || sanitized.n_flattened > 0;

  metadata_collect (&md, doc);
  article->title = choose_title (&md, doc);
  article->byline = choose_byline (&md);
  microdata_byline = choose_microdata_byline (&md);
  choose_date (&md, doc, article);
  article->outlet = choose_outlet (&md);
  article->url = choose_url (&md);
  article->language = dossier_clean_string (md.lang, -1);
  metadata_clear (&md);

  patterns_init (&re);
  extract_article (&re, doc, sanitized.html, article->title, article->byline == NULL,
                   &page_byline, &best);
  g_string_free (sanitized.html, TRUE);
  builder = dossier_text_builder_new ();
  if (best.doc != NULL)
    {
      emit_article (&re, best.article, builder);
      xmlFreeDoc (best.doc);
    }
  patterns_clear (&re);
  if (article->byline == NULL)
    article->byline = microdata_byline ? g_steal_pointer (&microdata_byline)
                                       : g_steal_pointer (&page_byline);

  if (dossier_text_builder_get_n_regions (builder) == 0)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_EMPTY, "%s: no text in the page", name);
      return NULL;
    }
  dossier_text_builder_finish (builder, article);
  return g_steal_pointer (&article);
}
