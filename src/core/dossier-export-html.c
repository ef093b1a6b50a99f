/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-export"

#include <string.h>

#include "dossier-export-report.h"

/*
 * The HTML report: one self-contained file an analyst can hand to an editor.  Everything in
 * it comes from documents of unknown origin, so every string is escaped, control characters
 * are dropped, only http(s) URLs become links, and a Content-Security-Policy forbids scripts
 * and anything fetched from elsewhere even if something slipped through.
 */

static const char report_css[] =
  ":root{--ink:#1f2328;--muted:#59636e;--rule:#d5dae0;--accent:#1f5fa6;--wash:#f5f7f9}\n"
  "*{box-sizing:border-box}\n"
  "body{margin:0;background:#eceff2;color:var(--ink);"
  "font:1rem/1.6 Charter,'Bitstream Charter',Georgia,'DejaVu Serif',serif}\n"
  "h1,h2,h3,nav,table,dl,footer,.kicker,.meta,.label,.provenance,.tags{"
  "font-family:system-ui,-apple-system,'Segoe UI',Cantarell,'DejaVu Sans',sans-serif}\n"
  ".page{max-width:48rem;margin:2rem auto;padding:3rem 3.5rem;background:#fff;"
  "box-shadow:0 1px 4px rgba(0,0,0,.08)}\n"
  "h1{font-size:2rem;line-height:1.2;margin:.25rem 0 .5rem}\n"
  "h2{font-size:1.5rem;line-height:1.25;margin:0 0 .75rem}\n"
  "h3{font-size:1.125rem;margin:1.5rem 0 .5rem}\n"
  ".num{color:var(--muted);font-weight:400;margin-right:.4em}\n"
  ".kicker,.label{margin:0;font-size:.75rem;font-weight:600;letter-spacing:.08em;"
  "text-transform:uppercase;color:var(--muted)}\n"
  ".meta,.muted{color:var(--muted);font-size:.875rem}\n"
  "a{color:var(--accent);overflow-wrap:anywhere}\n"
  "nav ol{padding-left:1.5rem}nav li{margin:.3rem 0}\n"
  "section{border-top:1px solid var(--rule);margin-top:2.5rem;padding-top:2rem}\n"
  "dl.doc-meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;"
  "font-size:.875rem;margin:0 0 1.75rem}\n"
  "dl.doc-meta dt{color:var(--muted)}dl.doc-meta dd{margin:0;overflow-wrap:anywhere}\n"
  ".annotation{margin:0 0 2rem}\n"
  "blockquote{margin:.25rem 0 0;padding:.6rem 1rem;border-left:4px solid var(--accent);"
  "background:var(--wash);font-size:1.0625rem}\n"
  "blockquote p{margin:.25rem 0}\n"
  ".kind-claim blockquote{border-color:#b4532a}.kind-highlight blockquote{border-color:#c99a1e}"
  ".kind-note blockquote{border-color:#7a828c}\n"
  ".provenance{font-size:.875rem;margin:.5rem 0 0}\n"
  ".speaker,.outlet{font-weight:600}\n"
  ".grade{display:inline-block;min-width:1.5em;padding:0 .35em;border-radius:.3em;"
  "font-size:.75rem;font-weight:700;line-height:1.6;text-align:center;color:#fff;"
  "background:#6b7280;print-color-adjust:exact;-webkit-print-color-adjust:exact}\n"
  ".grade-A{background:#1d7a35}.grade-B{background:#3b7d32}.grade-C{background:#806f0c}"
  ".grade-D{background:#a8580f}.grade-E{background:#b3261e}.grade-F{background:#6b7280}\n"
  ".note{margin:.6rem 0 0;padding-left:1rem;border-left:2px solid var(--rule)}\n"
  ".note p{margin:.25rem 0}\n"
  "ul.tags{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem;padding:0;margin:.6rem 0 0}\n"
  "ul.tags li{font-size:.75rem;padding:0 .6rem;border:1px solid var(--rule);"
  "border-radius:1rem;color:var(--muted)}\n"
  "table{border-collapse:collapse;width:100%;font-size:.875rem;margin:.5rem 0 1.5rem}\n"
  "th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;"
  "border-bottom:1px solid var(--rule)}\n"
  "th{font-size:.75rem;font-weight:600;letter-spacing:.05em;text-transform:uppercase;"
  "color:var(--muted)}\n"
  "td.count{text-align:right;font-variant-numeric:tabular-nums}\n"
  "td.date{white-space:nowrap}\n"
  "mark{background:#fff0b3;color:inherit}\n"
  "footer{margin-top:3rem;padding-top:1rem;border-top:1px solid var(--rule);"
  "font-size:.75rem;color:var(--muted)}\n"
  "@media print{\n"
  "@page{size:A4;margin:18mm 16mm}\n"
  "body{background:#fff;font-size:10.5pt}\n"
  ".page{max-width:none;margin:0;padding:0;box-shadow:none}\n"
  "section{break-before:page;border-top:0;margin-top:0;padding-top:0}\n"
  "h2,h3,.label{break-after:avoid}\n"
  "blockquote,.provenance,tr{break-inside:avoid}\n"
  "a{color:inherit;text-decoration:none}\n"
  "}\n";

static gboolean
is_blank (const char *line,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (line[i]))
      return FALSE;
  return TRUE;
}

/* Text with blank lines between paragraphs becomes <p> elements; single line breaks <br>.
 * (A hand-made splitter: this runs for every quote and note of a large export.) */
static void
append_paragraphs (GString    *out,
                   const char *text)
{
  gboolean open = FALSE;

  for (const char *line = text; line != NULL && *line != '\0';)
    {
      const char *newline = strchr (line, '\n');
      gsize length = newline != NULL ? (gsize) (newline - line) : strlen (line);

      if (is_blank (line, length))
        {
          if (open)
            g_string_append (out, "</p>\n");
          open = FALSE;
        }
      else
        {
          g_string_append (out, open ? "<br>" : "<p>");
          dossier_report_append_escaped_len (out, line, (gssize) length);
          open = TRUE;
        }
      line = newline != NULL ? newline + 1 : NULL;
    }
  if (open)
    g_string_append (out, "</p>\n");
}

static void
append_url (GString    *out,
            const char *url)
{
  if (dossier_export_url_is_web (url))
    {
      g_string_append (out, "<a href=\"");
      dossier_report_append_escaped (out, url);
      g_string_append (out, "\" rel=\"noopener noreferrer\">");
      dossier_report_append_escaped (out, url);
      g_string_append (out, "</a>");
    }
  else
    {
      /* Shown for the record, never as a link. */
      g_string_append (out, "<span class=\"muted\">");
      dossier_report_append_escaped (out, url);
      g_string_append (out, "</span>");
    }
}

static void
append_grade (GString    *out,
              const char *grade)
{
  const char *label = dossier_report_grade_label (grade);

  if (label == NULL)
    {
      g_string_append (out, "<span class=\"muted\">not graded</span>");
      return;
    }
  g_string_append_printf (out, "<span class=\"grade grade-%c\" title=\"Source reliability %c: ",
                          grade[0], grade[0]);
  g_string_append (out, label);
  g_string_append_printf (out, "\">%c</span>", grade[0]);
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

static const DossierReportMarkup provenance_markup = {
  { "", "<span class=\"speaker\">", "<span class=\"outlet\">", NULL, "<span class=\"muted\">" },
  { "", "</span>", "</span>", NULL, "</span>" },
  append_grade,
};

static void
write_header (const DossierExportSet *set,
              GString                *out)
{
  g_autofree char *summary = dossier_report_summary (set);

  g_string_append (out, "<header>\n<p class=\"kicker\">Dossier report</p>\n<h1>");
  dossier_report_append_escaped (out, is_set (set->workspace) ? set->workspace : "Workspace");
  g_string_append (out, "</h1>\n<p class=\"meta\">");
  dossier_report_append_escaped (out, summary);
  g_string_append (out, "</p>\n</header>\n");
}

static void
write_toc (const DossierExportSet *set,
           GString                *out)
{
  g_string_append (out, "<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n"
                        "<ol>\n");
  for (guint d = 0; set->documents != NULL && d < set->documents->len; d++)
    {
      const DossierExportDocument *document = g_ptr_array_index (set->documents, d);
      const char *outlet = dossier_document_get_outlet (document->document);
      g_autofree char *date = dossier_report_format_date (
        dossier_document_get_published (document->document),
        dossier_document_get_precision (document->document));
      guint n = document->annotations->len;

      g_string_append_printf (out, "<li><a href=\"#doc-%u\">", d + 1);
      dossier_report_append_escaped (out, dossier_report_document_title (document));
      g_string_append (out, "</a> <span class=\"muted\">");
      if (is_set (outlet))
        {
          dossier_report_append_escaped (out, outlet);
          g_string_append (out, " · ");
        }
      if (date != NULL)
        {
          dossier_report_append_escaped (out, date);
          g_string_append (out, " · ");
        }
      g_string_append_printf (out, "%u annotation%s</span></li>\n", n, n == 1 ? "" : "s");
    }
  g_string_append (out, "<li><a href=\"#index\">Speakers and outlets</a></li>\n"
                        "<li><a href=\"#timeline\">Timeline</a></li>\n</ol>\n</nav>\n");
}

static void
append_meta_row (GString    *out,
                 const char *label,
                 const char *value)
{
  if (!is_set (value))
    return;
  g_string_append_printf (out, "<dt>%s</dt><dd>", label);
  dossier_report_append_escaped (out, value);
  g_string_append (out, "</dd>\n");
}

static void
write_annotation (const DossierExportDocument *document,
                  DossierAnnotation           *annotation,
                  guint                        d,
                  guint                        a,
                  GString                     *out)
{
  const char *kind = dossier_annotation_kind_to_string (annotation->kind);

  g_string_append_printf (out, "<article class=\"annotation kind-%s\" id=\"doc-%u-%u\">\n"
                               "<p class=\"label\">%s %u</p>\n",
                          kind, d + 1, a + 1, dossier_annotation_kind_label (annotation->kind),
                          a + 1);
  if (is_set (annotation->selector.exact))
    {
      /* dir="auto": a quote in Persian or Arabic reads right to left. */
      g_string_append (out, "<blockquote dir=\"auto\">\n");
      append_paragraphs (out, annotation->selector.exact);
      g_string_append (out, "</blockquote>\n");
    }
  g_string_append (out, "<p class=\"provenance\">");
  dossier_report_provenance (document, annotation, &provenance_markup, out);
  g_string_append (out, "</p>\n");
  if (is_set (annotation->note))
    {
      g_string_append (out, "<div class=\"note\" dir=\"auto\">\n");
      append_paragraphs (out, annotation->note);
      g_string_append (out, "</div>\n");
    }
  if (annotation->tags != NULL && annotation->tags[0] != NULL)
    {
      g_string_append (out, "<ul class=\"tags\" aria-label=\"Tags\">");
      for (guint t = 0; annotation->tags[t] != NULL; t++)
        {
          g_string_append (out, "<li>");
          dossier_report_append_escaped (out, annotation->tags[t]);
          g_string_append (out, "</li>");
        }
      g_string_append (out, "</ul>\n");
    }
  g_string_append (out, "</article>\n");
}

static void
write_document (const DossierExportSet      *set,
                const DossierExportDocument *document,
                guint                        d,
                GString                     *out)
{
  DossierDocument *doc = document->document;
  g_autofree char *date = dossier_report_format_date (dossier_document_get_published (doc),
                                                      dossier_document_get_precision (doc));
  const char *url = dossier_document_get_url (doc);

  /* Ids and headings are numbered by position: two documents may share a title. */
  g_string_append_printf (out, "<section class=\"document\" id=\"doc-%u\">\n"
                               "<p class=\"kicker\">Document %u of %u</p>\n"
                               "<h2><span class=\"num\">%u.</span> ",
                          d + 1, d + 1, set->documents->len, d + 1);
  dossier_report_append_escaped (out, dossier_report_document_title (document));
  g_string_append (out, "</h2>\n<dl class=\"doc-meta\">\n");
  append_meta_row (out, "Outlet", dossier_document_get_outlet (doc));
  append_meta_row (out, "Published", date);
  append_meta_row (out, "Byline", dossier_document_get_byline (doc));
  if (is_set (url))
    {
      g_string_append (out, "<dt>URL</dt><dd>");
      append_url (out, url);
      g_string_append (out, "</dd>\n");
    }
  g_string_append (out, "</dl>\n");
  for (guint a = 0; a < document->annotations->len; a++)
    write_annotation (document, g_ptr_array_index (document->annotations, a), d, a, out);
  g_string_append (out, "</section>\n");
}

static void
write_index_table (const DossierExportSet *set,
                   gboolean                speakers,
                   GString                *out)
{
  g_autoptr(GPtrArray) rows = dossier_report_index (set, speakers);

  g_string_append (out, speakers ? "<h3>Speakers</h3>\n" : "<h3>Outlets</h3>\n");
  if (rows->len == 0)
    {
      g_string_append (out, speakers ? "<p class=\"muted\">No speaker is named.</p>\n"
                                     : "<p class=\"muted\">No outlet is named.</p>\n");
      return;
    }
  if (speakers)
    g_string_append (out, "<table>\n<thead><tr><th>Speaker</th><th>Kind</th>"
                          "<th>Annotations</th><th>Carried by</th></tr></thead>\n<tbody>\n");
  else
    g_string_append (out, "<table>\n<thead><tr><th>Outlet</th><th>Grade</th><th>Kind</th>"
                          "<th>Annotations</th><th>Speakers</th></tr></thead>\n<tbody>\n");
  for (guint i = 0; i < rows->len; i++)
    {
      DossierReportIndexRow *row = g_ptr_array_index (rows, i);

      g_string_append (out, "<tr><td>");
      dossier_report_append_escaped (out, row->name);
      g_string_append (out, "</td>");
      if (!speakers)
        {
          g_string_append (out, "<td>");
          append_grade (out, row->grade);
          g_string_append (out, "</td>");
        }
      g_string_append (out, "<td>");
      dossier_report_append_escaped (out, row->detail);
      g_string_append_printf (out, "</td><td class=\"count\">%u</td><td>", row->n_annotations);
      for (guint p = 0; p < row->partners->len; p++)
        {
          if (p > 0)
            g_string_append (out, ", ");
          dossier_report_append_escaped (out, g_ptr_array_index (row->partners, p));
        }
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");
}

static void
write_timeline (const DossierExportSet *set,
                GString                *out)
{
  g_autoptr(GArray) timeline = dossier_report_timeline (set);

  g_string_append (out, "<section class=\"timeline\" id=\"timeline\">\n<h2>Timeline</h2>\n");
  if (timeline->len == 0)
    {
      g_string_append (out, "<p class=\"muted\">No dated events in these documents.</p>\n"
                            "</section>\n");
      return;
    }
  g_string_append (out, "<table>\n<thead><tr><th>Date</th><th>Precision</th><th>Event</th>"
                        "<th>Document</th></tr></thead>\n<tbody>\n");
  for (guint i = 0; i < timeline->len; i++)
    {
      const DossierReportEvent *item = &g_array_index (timeline, DossierReportEvent, i);
      const DossierEvent *event = item->event;
      const DossierExportDocument *document = g_ptr_array_index (set->documents,
                                                                 item->document_index);
      g_autofree char *date = dossier_report_format_event_date (event->value,
                                                                 event->precision);

      g_string_append (out, "<tr><td class=\"date\">");
      dossier_report_append_escaped (out, date != NULL ? date : event->expression);
      g_string_append (out, "</td><td>");
      dossier_report_append_escaped (out, dossier_date_precision_to_string (event->precision));
      if (event->uncertain)
        {
          g_string_append (out, "<br><span class=\"muted\">resolved from “");
          dossier_report_append_escaped (out, event->expression);
          g_string_append (out, "”</span>");
        }
      g_string_append (out, "</td><td>");
      dossier_report_append_event_sentence (out, event, "<mark>", "</mark>");
      if (is_set (event->note))
        {
          g_string_append (out, "<br><span class=\"muted\">Note: ");
          dossier_report_append_escaped (out, event->note);
          g_string_append (out, "</span>");
        }
      g_string_append_printf (out, "</td><td><a href=\"#doc-%u\">%u. ", item->document_index + 1,
                              item->document_index + 1);
      dossier_report_append_escaped (out, dossier_report_document_title (document));
      g_string_append (out, "</a></td></tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n</section>\n");
}

void
dossier_export_write_html (const DossierExportSet *set,
                           GString                *out)
{
  g_return_if_fail (set != NULL);
  g_return_if_fail (out != NULL);

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                        "'none'; style-src 'unsafe-inline'; img-src data:\">\n"
                        "<meta name=\"referrer\" content=\"no-referrer\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, "
                        "initial-scale=1\">\n"
                        "<meta name=\"generator\" content=\"Dossier\">\n"
                        "<title>Dossier report: ");
  dossier_report_append_escaped (out, is_set (set->workspace) ? set->workspace : "Workspace");
  g_string_append_printf (out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
                               "<div class=\"page\">\n", report_css);
  write_header (set, out);
  write_toc (set, out);
  g_string_append (out, "<main>\n");
  for (guint d = 0; set->documents != NULL && d < set->documents->len; d++)
    write_document (set, g_ptr_array_index (set->documents, d), d, out);

  g_string_append (out, "<section class=\"index\" id=\"index\">\n<h2>Speakers and outlets</h2>\n");
  write_index_table (set, TRUE, out);
  write_index_table (set, FALSE, out);
  g_string_append (out, "</section>\n");
  write_timeline (set, out);
  g_string_append (out, "</main>\n<footer>Exported from Dossier. Source reliability follows the "
                        "Admiralty code: A completely reliable to E unreliable, F cannot be "
                        "judged; claim credibility runs from 1, confirmed, to 6, cannot be "
                        "judged.</footer>\n</div>\n</body>\n</html>\n");
}
