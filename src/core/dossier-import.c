/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-import"

#include <string.h>

#include "dossier-error.h"
#include "dossier-file.h"
#include "dossier-import.h"

char *
dossier_import_decode (const char  *data,
                       gsize        len,
                       const char  *name,
                       gsize       *out_len,
                       GError     **error)
{
  g_autofree char *converted = NULL;
  const char *end = NULL;
  const char *nul;
  gsize skipped = 0;   /* bytes of a UTF-8 BOM, so offsets name bytes of the file */

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len >= 2 && ((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE))
    {
      g_autoptr(GError) local_error = NULL;
      gsize bytes_read = 0, written = 0;

      converted = g_convert (data + 2, len - 2, "UTF-8", "UTF-16LE", &bytes_read, &written,
                             &local_error);
      if (converted == NULL || bytes_read != len - 2)
        {
          g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_ENCODING,
                       "%s: not valid UTF-16 at byte %" G_GSIZE_FORMAT, name, bytes_read + 2);
          return NULL;
        }
      data = converted;
      len = written;
    }
  else if (len >= 2 && ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF))
    {
      g_autoptr(GError) local_error = NULL;
      gsize bytes_read = 0, written = 0;

      converted = g_convert (data + 2, len - 2, "UTF-8", "UTF-16BE", &bytes_read, &written,
                             &local_error);
      if (converted == NULL || bytes_read != len - 2)
        {
          g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_ENCODING,
                       "%s: not valid UTF-16 at byte %" G_GSIZE_FORMAT, name, bytes_read + 2);
          return NULL;
        }
      data = converted;
      len = written;
    }
  else if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
      skipped = 3;
    }

  nul = memchr (data, '\0', len);
  if (nul != NULL)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_BINARY,
                   "%s: binary file (NUL byte at offset %" G_GSIZE_FORMAT "), not text",
                   name, (gsize) (nul - data) + skipped);
      return NULL;
    }
  if (!g_utf8_validate_len (data, len, &end))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_ENCODING,
                   "%s: not valid UTF-8 at byte %" G_GSIZE_FORMAT, name,
                   (gsize) (end - data) + skipped);
      return NULL;
    }

  if (out_len)
    *out_len = len;
  return g_strndup (data, len);
}

static gboolean
has_html_markup (const char *data,
                 gsize       len)
{
  gsize n = MIN (len, 4096);
  g_autofree char *head = g_ascii_strdown (data, n);

  /* skip a UTF-8 BOM and leading white space */
  const char *p = head;
  if (n >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (*p && g_ascii_isspace (*p))
    p++;
  if (g_str_has_prefix (p, "<!doctype html") || g_str_has_prefix (p, "<html") ||
      g_str_has_prefix (p, "<head") || g_str_has_prefix (p, "<body") ||
      g_str_has_prefix (p, "<!--"))
    return TRUE;
  return strstr (head, "<html") != NULL || strstr (head, "<body") != NULL ||
         strstr (head, "<p>") != NULL || strstr (head, "<div") != NULL;
}

DossierFormat
dossier_import_guess_format (const char *name,
                             const char *data,
                             gsize       len)
{
  if (name != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);

      if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm") ||
          g_str_has_suffix (lower, ".xhtml"))
        return DOSSIER_FORMAT_HTML;
      if (g_str_has_suffix (lower, ".txt") || g_str_has_suffix (lower, ".text") ||
          g_str_has_suffix (lower, ".md"))
        return DOSSIER_FORMAT_TEXT;
    }
  if (data != NULL && has_html_markup (data, len))
    return DOSSIER_FORMAT_HTML;
  return DOSSIER_FORMAT_TEXT;
}

static char *
format_size (gsize size)
{
  return g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
}

static gboolean
check_size (gsize        size,
            const char  *name,
            GError     **error)
{
  if (size > DOSSIER_IMPORT_MAX_BYTES)
    {
      g_autofree char *have = format_size (size);
      g_autofree char *limit = format_size (DOSSIER_IMPORT_MAX_BYTES);

      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_TOO_LARGE,
                   "%s: file is %s, over the %s import limit", name, have, limit);
      return FALSE;
    }
  if (size == 0)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_EMPTY, "%s: empty file", name);
      return FALSE;
    }
  return TRUE;
}

/* Formats whose magic numbers say "not an article" before any parser sees them. */
static const char *
sniff_binary (const char *data,
              gsize       len)
{
  static const struct { const char *magic; gsize len; const char *what; } magics[] = {
    { "%PDF-", 5, "a PDF document" },
    { "\x89PNG", 4, "a PNG image" },
    { "\xFF\xD8\xFF", 3, "a JPEG image" },
    { "GIF8", 4, "a GIF image" },
    { "PK\x03\x04", 4, "a ZIP archive (or an office document)" },
    { "\x1F\x8B", 2, "a gzip archive" },
    { "\x7F" "ELF", 4, "a program" },
    { "SQLite format 3", 15, "an SQLite database" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (magics); i++)
    if (len >= magics[i].len && memcmp (data, magics[i].magic, magics[i].len) == 0)
      return magics[i].what;
  return NULL;
}

DossierArticle *
dossier_import_bytes (GBytes         *bytes,
                      const char     *name,
                      DossierFormat   format,
                      GError        **error)
{
  gsize len = 0;
  const char *data;
  const char *what;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (name == NULL)
    name = "(input)";
  data = g_bytes_get_data (bytes, &len);
  if (!check_size (len, name, error))
    return NULL;
  if ((what = sniff_binary (data, len)) != NULL)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_BINARY,
                   "%s: binary file (%s), not an article", name, what);
      return NULL;
    }
  if (format == DOSSIER_FORMAT_AUTO)
    format = dossier_import_guess_format (name, data, len);
  if (format == DOSSIER_FORMAT_HTML)
    return dossier_html_import (data, len, name, error);
  return dossier_text_import (data, len, name, error);
}

DossierArticle *
dossier_import_file (GFile          *file,
                     DossierFormat   format,
                     GBytes        **contents,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  DossierArticle *article;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = dossier_file_read_bounded (file, DOSSIER_IMPORT_MAX_BYTES, "import limit",
                                     cancellable, error);
  if (bytes == NULL)
    return NULL;
  name = g_file_get_basename (file);
  article = dossier_import_bytes (bytes, name, format, error);
  if (article != NULL && contents != NULL)
    *contents = g_steal_pointer (&bytes);
  return article;
}
