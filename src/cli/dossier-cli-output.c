/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-cli"

#include <string.h>

#include "dossier-cli.h"

/*
 * Text from the workspace or from files (names, titles, outlets, quotes, error messages that
 * quote them) made safe to print.  Any of it may come from a hostile document or file name:
 * an ESC sequence reaching a terminal can rewrite the screen or its title, a newline in a
 * file name fakes another line of output for the script reading it, and a byte that is not
 * UTF-8 breaks whatever decodes the output.
 *
 * The escapes, as README.md's CLI section documents them: \n, \r and \t; \xHH for other C0
 * controls, DEL and bytes that are not UTF-8; \uHHHH for C1 controls, the line and paragraph
 * separators and the bidirectional embedding, override and isolate controls (which reorder
 * the rest of the line on a terminal that does bidi); and \\ for a backslash, so that the
 * escaping can be undone.  Everything else, any script and emoji, is printed as it is.
 */

static gboolean
is_hidden_format (gunichar c)
{
  return c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
         || (c >= 0x2066 && c <= 0x2069);
}

void
cli_append_escaped (GString    *out,
                    const char *text,
                    gssize      length,
                    gboolean    keep_lines)
{
  const char *p;
  const char *end;

  if (text == NULL)
    return;
  end = text + (length < 0 ? strlen (text) : (gsize) length);
  for (p = text; p < end; )
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      const char *next;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: the byte, shown. */
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      next = g_utf8_next_char (p);
      if (keep_lines && (c == '\n' || c == '\t'))
        g_string_append_c (out, (char) c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if ((c >= 0x80 && c < 0xa0) || is_hidden_format (c))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, next - p);
      p = next;
    }
}

char *
cli_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  cli_append_escaped (out, text, -1, FALSE);
  return g_string_free (out, FALSE);
}

char *
cli_escape_lines (const char *text)
{
  GString *out = g_string_new (NULL);

  cli_append_escaped (out, text, -1, TRUE);
  return g_string_free (out, FALSE);
}

char *
cli_column (const char *text,
            guint       width)
{
  g_autofree char *escaped = cli_escape (text);
  GString *out = g_string_new (NULL);
  guint n = 0;

  /* Cut and padded by characters: printf's "%-24.24s" counts bytes and could cut a
   * character in two. */
  for (const char *p = escaped; *p != '\0' && n < width; p = g_utf8_next_char (p), n++)
    g_string_append_len (out, p, g_utf8_next_char (p) - p);
  for (; n < width; n++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

char *
cli_json_string (const char *text)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return g_strdup (text);
  /* What g_filename_display_name() does to a file name that is not UTF-8: U+FFFD in place of
   * each invalid sequence. */
  return g_utf8_make_valid (text, -1);
}
