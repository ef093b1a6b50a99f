/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-export"

#include <string.h>

#include "dossier-export.h"

/*
 * Markdown: a section per document with its metadata, each annotation as a block quote
 * followed by its provenance line, the analyst's note and tags, and a footnote per document
 * with its publication and URL.
 *
 * Every string from the workspace goes through append_text(): control characters dropped,
 * the punctuation that CommonMark or GitHub's dialect give a meaning to backslash-escaped, so
 * that no note, tag or title can open a link, an image, raw HTML, a code span, emphasis, a
 * table or a heading.  Only http(s) URLs become links, as autolinks.
 */

/* Characters with a meaning anywhere on a line. */
#define MARKDOWN_SPECIALS "\\`*_[]<>#|~&!(){}$"

/* Appends one line of data, escaped.  @line_start: the text begins a line of the output, so
 * that a list marker, a setext underline or an ordered-list number is escaped too. */
static void
append_escaped_line (GString    *out,
                     const char *line,
                     gsize       len,
                     gboolean    line_start)
{
  const char *p = line;
  const char *end = line + len;

  /* Leading blanks would make an indented code block. */
  while (line_start && p < end && *p == ' ')
    p++;
  if (line_start && p < end && (*p == '-' || *p == '+' || *p == '='))
    {
      g_string_append_c (out, '\\');
      g_string_append_c (out, *p++);
    }
  else if (line_start)
    {
      const char *digits = p;

      while (digits < end && g_ascii_isdigit (*digits))
        digits++;
      /* "1. " or "1) " starts an ordered list. */
      if (digits > p && digits < end && (*digits == '.' || *digits == ')'))
        {
          g_string_append_len (out, p, digits - p);
          g_string_append_c (out, '\\');
          g_string_append_c (out, *digits);
          p = digits + 1;
        }
    }
  for (; p < end; p++)
    {
      if (strchr (MARKDOWN_SPECIALS, *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/* Appends @text on one line: newlines become spaces. */
static void
append_text (GString    *out,
             const char *text,
             gboolean    line_start)
{
  g_autofree char *clean = dossier_export_clean_text (text);

  g_strdelimit (clean, "\n", ' ');
  append_escaped_line (out, clean, strlen (clean), line_start);
}

/* Appends @text, which may hold several lines, each line starting with @prefix (a block
 * quote's "> "); blank lines keep the prefix without its trailing space.  A line followed by
 * another ends with a backslash, CommonMark's hard line break, so that the analyst's lines
 * stay lines instead of running together. */
static void
append_lines (GString    *out,
              const char *prefix,
              const char *text)
{
  g_autofree char *clean = dossier_export_clean_text (text);
  const char *line = clean;

  for (;;)
    {
      const char *newline = strchr (line, '\n');
      gsize len = newline ? (gsize) (newline - line) : strlen (line);

      gsize blanks = strspn (line, " ");

      if (blanks >= len)
        g_string_append_len (out, prefix, strlen (prefix) - (g_str_has_suffix (prefix, " ")));
      else
        {
          g_string_append (out, prefix);
          append_escaped_line (out, line, len, TRUE);
          if (newline != NULL && newline[1] != '\n' && newline[1] != '\0')
            g_string_append_c (out, '\\');
        }
      g_string_append_c (out, '\n');
      if (newline == NULL)
        break;
      line = newline + 1;
    }
}

/* A URL as an autolink when it is http(s), else as escaped text. */
static void
append_url (GString    *out,
            const char *url)
{
  if (dossier_export_url_is_web (url))
    g_string_append_printf (out, "<%s>", url);
  else
    append_text (out, url, FALSE);
}

/* @before, @value (escaped, or as a link when @link and it is http(s)) and @after, or
 * nothing when there is no @value. */
static void
append_field (GString    *out,
              const char *before,
              const char *value,
              gboolean    link,
              const char *after)
{
  if (value == NULL || *value == '\0')
    return;
  g_string_append (out, before);
  if (link)
    append_url (out, value);
  else
    append_text (out, value, FALSE);
  g_string_append (out, after);
}

/* "Quote. Mara Ostrand, said, via Harbour Ledger (source grade B); credibility 2 (Probably
 * true); paragraph 3, characters 120-141.[^d1]" */
static void
append_provenance (GString                     *out,
                   const DossierExportDocument *doc,
                   DossierAnnotation           *a,
                   guint                        doc_number)
{
  guint paragraph;

  g_string_append_printf (out, "— **%s**", dossier_annotation_kind_label (a->kind));
  if (a->speaker != NULL)
    {
      g_string_append (out, " · ");
      append_text (out, a->speaker, FALSE);
      if (a->cue != NULL && *a->cue != '\0')
        {
          g_string_append (out, ", ");
          append_text (out, a->cue, FALSE);
        }
    }
  if (a->source != NULL)
    {
      g_string_append (out, " · via ");
      append_text (out, a->source, FALSE);
      if (a->source_grade != NULL)
        {
          g_string_append (out, " (source grade ");
          append_text (out, a->source_grade, FALSE);
          g_string_append_c (out, ')');
        }
    }
  if (a->credibility > 0)
    g_string_append_printf (out, " · credibility %d (%s)", a->credibility,
                            dossier_credibility_label (a->credibility));
  g_string_append (out, " · ");
  if (a->status == DOSSIER_ANNOTATION_ORPHAN)
    g_string_append (out, "*(passage no longer in the text)*");
  else
    {
      paragraph = dossier_export_paragraph (doc->document, a->selector.start);
      if (paragraph > 0)
        g_string_append_printf (out, "paragraph %u, ", paragraph);
      g_string_append_printf (out, "characters %u–%u", a->selector.start, a->selector.end);
    }
  g_string_append_printf (out, " [^d%u]\n", doc_number);
}

static void
append_annotation (GString                     *out,
                   const DossierExportDocument *doc,
                   DossierAnnotation           *a,
                   guint                        doc_number)
{
  append_lines (out, "> ", a->selector.exact);
  g_string_append_c (out, '\n');
  append_provenance (out, doc, a, doc_number);
  if (a->note != NULL && *a->note != '\0')
    {
      g_string_append (out, "\n**Note:**\n\n");
      append_lines (out, "", a->note);
    }
  if (a->tags != NULL && a->tags[0] != NULL)
    {
      g_string_append (out, "\n**Tags:** ");
      for (guint i = 0; a->tags[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          append_text (out, a->tags[i], FALSE);
        }
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

static void
append_document (GString                     *out,
                 const DossierExportDocument *doc,
                 guint                        doc_number)
{
  DossierDocument *document = doc->document;
  const char *title = dossier_document_get_title (document);

  g_string_append_printf (out, "## %u. ", doc_number);
  append_text (out, title && *title ? title : "Untitled document", FALSE);
  g_string_append (out, "\n\n");
  append_field (out, "- Outlet: ", dossier_document_get_outlet (document), FALSE, "\n");
  append_field (out, "- Published: ", dossier_document_get_published (document), FALSE, "\n");
  append_field (out, "- Byline: ", dossier_document_get_byline (document), FALSE, "\n");
  append_field (out, "- URL: ", dossier_document_get_url (document), TRUE, "\n");
  g_string_append_printf (out, "- Dossier document: %" G_GINT64_FORMAT ", %u annotation%s\n\n",
                          dossier_document_get_id (document), doc->annotations->len,
                          doc->annotations->len == 1 ? "" : "s");
  for (guint i = 0; i < doc->annotations->len; i++)
    append_annotation (out, doc, g_ptr_array_index (doc->annotations, i), doc_number);
}

/* The footnote of a document: "Harbour Ledger, “Talks resume”, 2024-05-20, <https://…>." */
static void
append_footnote (GString                     *out,
                 const DossierExportDocument *doc,
                 guint                        doc_number)
{
  DossierDocument *document = doc->document;
  const char *title = dossier_document_get_title (document);

  g_string_append_printf (out, "[^d%u]: ", doc_number);
  append_field (out, "", dossier_document_get_outlet (document), FALSE, ", ");
  append_field (out, "“", title && *title ? title : "Untitled document", FALSE, "”");
  append_field (out, ", ", dossier_document_get_published (document), FALSE, "");
  append_field (out, ", ", dossier_document_get_url (document), TRUE, "");
  g_string_append (out, ".\n");
}

void
dossier_export_write_markdown (const DossierExportSet *set,
                               GString                *out)
{
  g_return_if_fail (set != NULL);
  g_return_if_fail (out != NULL);

  g_string_append (out, "# Dossier export: ");
  append_text (out, set->workspace, FALSE);
  g_string_append (out, "\n\n");
  g_string_append_printf (out, "Generated %s. %u annotation%s in %u document%s",
                          set->generated_at, set->n_annotations,
                          set->n_annotations == 1 ? "" : "s", set->documents->len,
                          set->documents->len == 1 ? "" : "s");
  if (set->filter_summary != NULL && *set->filter_summary != '\0')
    {
      g_string_append (out, "; filter: ");
      append_text (out, set->filter_summary, FALSE);
    }
  g_string_append (out, ".\n\n");

  for (guint i = 0; i < set->documents->len; i++)
    append_document (out, g_ptr_array_index (set->documents, i), i + 1);
  for (guint i = 0; i < set->documents->len; i++)
    append_footnote (out, g_ptr_array_index (set->documents, i), i + 1);
}
