/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-export"

#include <string.h>

#include "dossier-export.h"

/*
 * CSV, RFC 4180: a header row, one row per annotation, CRLF line ends, a field quoted when it
 * holds a comma, a quote or a line break, quotes doubled.  The columns are documented in
 * docs/export-json.md ("CSV columns").
 *
 * A cell a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
 * return, also after leading blanks, which spreadsheets trim) gets a leading apostrophe
 * (OWASP, CWE-1236); control characters are dropped.
 */

static const char * const columns[] = {
  "annotation_id", "document_id", "title", "outlet", "published", "url", "kind", "start",
  "end", "paragraph", "exact", "speaker", "cue", "source", "source_grade", "credibility",
  "tags", "note", "origin", "status", "created", "modified",
};

/* A field the writer makes itself (numbers, names of kinds): nothing to neutralize. */
static void
append_plain (GString    *out,
              const char *value)
{
  g_string_append (out, value);
  g_string_append_c (out, ',');
}

static void
append_number (GString *out,
               gint64   value)
{
  g_string_append_printf (out, "%" G_GINT64_FORMAT ",", value);
}

/* Whether a spreadsheet would take @clean (cleaned: no tab or carriage return left) for a
 * formula.  Calc and Excel trim leading blanks before they look, so " =1+1", a line break
 * then "@SUM(…)", or a no-break space then "-2+3" would run too. */
static gboolean
is_formula (const char *clean)
{
  const char *p = clean;

  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return *p != '\0' && strchr ("=+-@", *p) != NULL;
}

/* A field of data from the workspace; @last ends the row. */
static void
append_field (GString    *out,
              const char *value,
              gboolean    last)
{
  g_autofree char *clean = dossier_export_clean_text (value);
  /* Cleaning has turned tabs into spaces and dropped carriage returns, the other two
   * characters that start a formula. */
  gboolean formula = is_formula (clean);

  if (formula || strpbrk (clean, ",\"\n") != NULL)
    {
      g_string_append_c (out, '"');
      if (formula)
        g_string_append_c (out, '\'');
      for (const char *p = clean; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          /* Line breaks inside a field are CRLF too, as the RFC has them. */
          if (*p == '\n')
            g_string_append_c (out, '\r');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, clean);
  g_string_append (out, last ? "\r\n" : ",");
}

static void
append_row (GString                     *out,
            const DossierExportDocument *doc,
            DossierAnnotation           *a)
{
  DossierDocument *document = doc->document;
  g_autofree char *tags = g_strjoinv ("; ", a->tags);
  guint paragraph = 0;

  if (a->status != DOSSIER_ANNOTATION_ORPHAN)
    paragraph = dossier_export_paragraph (document, a->selector.start);
  append_number (out, a->id);
  append_number (out, a->document_id);
  append_field (out, dossier_document_get_title (document), FALSE);
  append_field (out, dossier_document_get_outlet (document), FALSE);
  append_field (out, dossier_document_get_published (document), FALSE);
  append_field (out, dossier_document_get_url (document), FALSE);
  append_plain (out, dossier_annotation_kind_to_string (a->kind));
  append_number (out, a->selector.start);
  append_number (out, a->selector.end);
  if (paragraph > 0)
    append_number (out, paragraph);
  else
    append_plain (out, "");
  append_field (out, a->selector.exact, FALSE);
  append_field (out, a->speaker, FALSE);
  append_field (out, a->cue, FALSE);
  append_field (out, a->source, FALSE);
  append_field (out, a->source_grade, FALSE);
  if (a->credibility > 0)
    append_number (out, a->credibility);
  else
    append_plain (out, "");
  append_field (out, tags, FALSE);
  append_field (out, a->note, FALSE);
  append_field (out, a->origin, FALSE);
  append_plain (out, dossier_annotation_status_to_string (a->status));
  append_field (out, a->created_at, FALSE);
  append_field (out, a->modified_at, TRUE);
}

void
dossier_export_write_csv (const DossierExportSet *set,
                          GString                *out)
{
  g_return_if_fail (set != NULL);
  g_return_if_fail (out != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_string_append (out, columns[i]);
      g_string_append (out, i + 1 < G_N_ELEMENTS (columns) ? "," : "\r\n");
    }
  for (guint i = 0; i < set->documents->len; i++)
    {
      DossierExportDocument *doc = g_ptr_array_index (set->documents, i);

      for (guint j = 0; j < doc->annotations->len; j++)
        append_row (out, doc, g_ptr_array_index (doc->annotations, j));
    }
}
