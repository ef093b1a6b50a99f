/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-export"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "dossier-export-report.h"

/*
 * The report as PDF: the same content as the HTML report, laid out with Pango on A4 pages by
 * hand.  Text is drawn line by line so that a long quote or note continues on the next page
 * instead of being cut; headings keep some of what follows them on their page; every document
 * starts on a page of its own, like the HTML report's print style.
 *
 * The report is laid out twice: the first pass only measures, learning how many pages there
 * are and where each document starts, so that the second can print "Page 2 of 9" and a table
 * of contents with page numbers.  Both passes run the same layout code with the same Pango
 * context, so they break pages identically; only the second draws.
 *
 * Long text is laid out in pieces (draw_text()): Pango's line breaking is quadratic in a run
 * with no break opportunity, since each line it wraps by character shapes the rest of the
 * run again (a note of 240,000 letters without a space took 86 s).  A piece of at most
 * PIECE_BYTES is laid out, all its lines but the last are drawn, and the last line goes back
 * in front of the next piece, so the lines come out as one layout would break them.
 */

/* A4 in points; cairo's PDF surface works in points. */
#define PAGE_WIDTH     595.276
#define PAGE_HEIGHT    841.890
#define MARGIN_X       64.0
#define MARGIN_TOP     64.0
#define MARGIN_BOTTOM  72.0
#define CONTENT_WIDTH  (PAGE_WIDTH - 2 * MARGIN_X)
#define CONTENT_BOTTOM (PAGE_HEIGHT - MARGIN_BOTTOM)
/* The left column of the metadata, index and timeline tables. */
#define LABEL_WIDTH    96.0
/* Quotes and notes: the width of their rule and the gap to the text. */
#define BAR_WIDTH      2.5
#define BAR_GAP        11.0

/* Text longer than this is laid out piece by piece (draw_text()).  Measured on a note of
 * 240,000 letters without a space: 500 to 2,000 bytes cost the same, 0.4-0.6 s for the whole
 * note; a piece still holds several lines of the narrowest characters. */
#define PIECE_BYTES    2048

#define FONT_BODY      "Serif 10"
#define FONT_QUOTE     "Serif 11"
#define FONT_SANS      "Sans 9"
#define FONT_SMALL     "Sans 8"
#define FONT_LABEL     "Sans Bold 7"
#define FONT_H1        "Sans Bold 22"
#define FONT_H2        "Sans Bold 15"
#define FONT_H3        "Sans Bold 11"

/* Colours, as in the HTML report's style sheet. */
#define INK      0x1f2328
#define MUTED    "#59636e"
#define RULE     0xd5dae0
#define ACCENT   0x1f5fa6

typedef struct {
  cairo_surface_t *surface;         /* NULL in the first pass, which only measures */
  cairo_t         *cr;              /* NULL in the first pass */
  PangoContext    *context;
  const char      *workspace;
  double           y;
  guint            page;
  guint            n_pages;         /* known in the second pass; 0 in the first */
  guint           *document_pages;  /* where each document starts; filled in the first pass */
  guint            index_page;
  guint            timeline_page;
} Pdf;

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static PangoLayout *
make_empty_layout (Pdf        *pdf,
                   const char *font,
                   double      width)
{
  PangoLayout *layout = pango_layout_new (pdf->context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  /* Pango's default leading is tight for running text on paper. */
  pango_layout_set_line_spacing (layout, 1.2f);
  return layout;
}

static PangoLayout *
make_layout (Pdf        *pdf,
             const char *font,
             const char *markup,
             double      width)
{
  PangoLayout *layout = make_empty_layout (pdf, font, width);

  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static void
draw_footer (Pdf *pdf)
{
  g_autofree char *page = NULL;
  g_autoptr(GString) left = g_string_new (NULL);
  g_autoptr(PangoLayout) name = NULL;
  g_autoptr(PangoLayout) number = NULL;
  double y = CONTENT_BOTTOM + 24;

  if (pdf->cr == NULL)
    return;
  set_rgb (pdf->cr, RULE);
  cairo_rectangle (pdf->cr, MARGIN_X, y - 6, CONTENT_WIDTH, 0.5);
  cairo_fill (pdf->cr);

  g_string_append_printf (left, "<span foreground=\"%s\">Dossier report: ", MUTED);
  dossier_report_append_escaped (left, pdf->workspace);
  g_string_append (left, "</span>");
  name = make_layout (pdf, FONT_SMALL, left->str, CONTENT_WIDTH - 80);
  pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (name, 0);

  if (pdf->n_pages > 0)
    page = g_strdup_printf ("<span foreground=\"%s\">Page %u of %u</span>", MUTED, pdf->page,
                            pdf->n_pages);
  else
    page = g_strdup_printf ("<span foreground=\"%s\">Page %u</span>", MUTED, pdf->page);
  number = make_layout (pdf, FONT_SMALL, page, 80);
  pango_layout_set_alignment (number, PANGO_ALIGN_RIGHT);

  set_rgb (pdf->cr, INK);
  cairo_move_to (pdf->cr, MARGIN_X, y);
  pango_cairo_show_layout (pdf->cr, name);
  cairo_move_to (pdf->cr, MARGIN_X + CONTENT_WIDTH - 80, y);
  pango_cairo_show_layout (pdf->cr, number);
}

static void
begin_page (Pdf *pdf)
{
  pdf->page++;
  pdf->y = MARGIN_TOP;
}

static void
end_page (Pdf *pdf)
{
  draw_footer (pdf);
  if (pdf->cr != NULL)
    cairo_show_page (pdf->cr);
}

static void
new_page (Pdf *pdf)
{
  /* Nothing drawn on this page yet: it is the new page already. */
  if (pdf->y <= MARGIN_TOP)
    return;
  end_page (pdf);
  begin_page (pdf);
}

/* Starts a new page unless @height more points fit on this one. */
static void
need (Pdf    *pdf,
      double  height)
{
  if (pdf->y + height > CONTENT_BOTTOM)
    new_page (pdf);
}

static double
first_line_height (PangoLayout *layout)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int y0, y1;

  pango_layout_iter_get_line_yrange (iter, &y0, &y1);
  pango_layout_iter_free (iter);
  return (double) (y1 - y0) / PANGO_SCALE;
}

static double
layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) height / PANGO_SCALE;
}

/* Draws the first @n_lines lines of @layout (-1: all of them) at @x, line by line, breaking
 * pages between lines.  @side, if any, is drawn at @side_x beside the first line (the left
 * column of a table row).  @bar_rgb, if not 0, draws a rule left of the lines, as the HTML
 * report does for block quotes.  Returns where the first line was drawn. */
static double
draw_lines (Pdf         *pdf,
            PangoLayout *layout,
            int          n_lines,
            double       x,
            PangoLayout *side,
            double       side_x,
            guint32      bar_rgb)
{
  PangoLayoutIter *iter;
  double top = pdf->y;
  int drawn = 0;

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      int y0, y1;
      double line_height;
      double baseline;

      if (n_lines >= 0 && drawn >= n_lines)
        break;
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      line_height = (double) (y1 - y0) / PANGO_SCALE;
      baseline = (double) (pango_layout_iter_get_baseline (iter) - y0) / PANGO_SCALE;
      if (pdf->y + line_height > CONTENT_BOTTOM)
        new_page (pdf);
      if (drawn == 0)
        top = pdf->y;
      if (pdf->cr != NULL && drawn == 0 && side != NULL)
        {
          set_rgb (pdf->cr, INK);
          cairo_move_to (pdf->cr, side_x, pdf->y);
          pango_cairo_show_layout (pdf->cr, side);
        }
      if (pdf->cr != NULL && bar_rgb != 0)
        {
          set_rgb (pdf->cr, bar_rgb);
          cairo_rectangle (pdf->cr, x - BAR_GAP, pdf->y, BAR_WIDTH, line_height);
          cairo_fill (pdf->cr);
        }
      if (pdf->cr != NULL)
        {
          set_rgb (pdf->cr, INK);
          cairo_move_to (pdf->cr, x, pdf->y + baseline);
          pango_cairo_show_layout_line (pdf->cr, line);
        }
      pdf->y += line_height;
      drawn++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return top;
}

/* Draws @layout at @x as draw_lines() does; the row is kept together when it fits on a
 * page. */
static void
draw_row (Pdf         *pdf,
          PangoLayout *layout,
          double       x,
          PangoLayout *side,
          double       side_x,
          guint32      bar_rgb)
{
  double height = MAX (layout_height (layout), side != NULL ? layout_height (side) : 0);
  double top;

  if (height <= CONTENT_BOTTOM - MARGIN_TOP)
    need (pdf, height);
  else
    need (pdf, first_line_height (layout) * 3);

  top = draw_lines (pdf, layout, -1, x, side, side_x, bar_rgb);

  /* A side column taller than the text (a long name beside a short line) pushes the cursor. */
  if (side != NULL && top + layout_height (side) > pdf->y)
    pdf->y = top + layout_height (side);
}

static void
draw_markup (Pdf        *pdf,
             const char *font,
             const char *markup,
             double      indent,
             guint32     bar_rgb)
{
  g_autoptr(PangoLayout) layout = make_layout (pdf, font, markup, CONTENT_WIDTH - indent);

  draw_row (pdf, layout, MARGIN_X + indent, NULL, 0, bar_rgb);
}

/* Plain text in @font (a quote, a note: data, of any length), cleaned of control
 * characters as everywhere else.  Laid out in pieces of at most PIECE_BYTES, each starting
 * with the last line of the one before, which is drawn only once the text that follows it is
 * known: the lines break where one layout of the whole text would break them, at a cost
 * linear in the length (see the comment at the top). */
static void
draw_text (Pdf        *pdf,
           const char *font,
           const char *text,
           double      indent,
           guint32     bar_rgb)
{
  g_autofree char *clean = dossier_export_clean_text (text);
  gsize length = strlen (clean);
  gsize start = 0;

  if (length <= PIECE_BYTES)
    {
      g_autoptr(PangoLayout) layout = make_empty_layout (pdf, font, CONTENT_WIDTH - indent);

      pango_layout_set_text (layout, clean, (int) length);
      draw_row (pdf, layout, MARGIN_X + indent, NULL, 0, bar_rgb);
      return;
    }

  while (start < length)
    {
      g_autoptr(PangoLayout) layout = make_empty_layout (pdf, font, CONTENT_WIDTH - indent);
      gsize end = MIN (start + PIECE_BYTES, length);
      int n_lines;

      /* Never inside a character's UTF-8 bytes. */
      while (end < length && (clean[end] & 0xc0) == 0x80)
        end--;
      pango_layout_set_text (layout, clean + start, (int) (end - start));
      /* As draw_row() does for text longer than a page: start it where three lines fit. */
      if (start == 0)
        need (pdf, first_line_height (layout) * 3);
      n_lines = pango_layout_get_line_count (layout);
      /* The last piece, or a piece that is one line of characters too narrow to need a
       * break (zero-width marks): drawn whole, so that the loop always moves on. */
      if (end == length || n_lines < 2)
        {
          draw_lines (pdf, layout, -1, MARGIN_X + indent, NULL, 0, bar_rgb);
          start = end;
        }
      else
        {
          PangoLayoutLine *last = pango_layout_get_line_readonly (layout, n_lines - 1);

          draw_lines (pdf, layout, n_lines - 1, MARGIN_X + indent, NULL, 0, bar_rgb);
          start += (gsize) last->start_index;
        }
    }
}

static void
draw_label (Pdf        *pdf,
            const char *text)
{
  g_autoptr(GString) markup = g_string_new (NULL);

  /* Capitals, as the HTML report's kicker, but without its tracking: letter-spaced text
   * comes out of copy and paste (and pdftotext) as single letters. */
  g_string_append_printf (markup, "<span foreground=\"%s\">", MUTED);
  dossier_report_append_escaped (markup, text);
  g_string_append (markup, "</span>");
  draw_markup (pdf, FONT_LABEL, markup->str, 0, 0);
}

/* A heading, kept on one page with at least @keep points of what follows. */
static void
draw_heading (Pdf        *pdf,
              const char *font,
              const char *markup,
              double      keep)
{
  g_autoptr(PangoLayout) layout = make_layout (pdf, font, markup, CONTENT_WIDTH);

  need (pdf, layout_height (layout) + keep);
  draw_row (pdf, layout, MARGIN_X, NULL, 0, 0);
}

static void
draw_rule (Pdf    *pdf,
           double  space)
{
  pdf->y += space;
  if (pdf->cr != NULL)
    {
      set_rgb (pdf->cr, RULE);
      cairo_rectangle (pdf->cr, MARGIN_X, pdf->y, CONTENT_WIDTH, 0.6);
      cairo_fill (pdf->cr);
    }
  pdf->y += space;
}

/* A destination named @name ("doc-3") at the cursor, with an entry titled @title in the
 * PDF's outline (the viewer's bookmarks) that leads there. */
static void
mark_destination (Pdf        *pdf,
                  const char *name,
                  const char *title)
{
  g_autofree char *attributes = NULL;
  g_autofree char *link = NULL;

  if (pdf->cr == NULL)
    return;
  attributes = g_strdup_printf ("name='%s' x=%g y=%g", name, MARGIN_X, pdf->y);
  cairo_tag_begin (pdf->cr, CAIRO_TAG_DEST, attributes);
  cairo_tag_end (pdf->cr, CAIRO_TAG_DEST);
  link = g_strdup_printf ("dest='%s'", name);
  cairo_pdf_surface_add_outline (pdf->surface, CAIRO_PDF_OUTLINE_ROOT, title, link, 0);
}

/* Links what is drawn between the two to @attributes (cairo link tag attributes). */
static void
begin_link (Pdf        *pdf,
            const char *attributes)
{
  if (pdf->cr != NULL && attributes != NULL)
    cairo_tag_begin (pdf->cr, CAIRO_TAG_LINK, attributes);
}

static void
end_link (Pdf        *pdf,
          const char *attributes)
{
  if (pdf->cr != NULL && attributes != NULL)
    cairo_tag_end (pdf->cr, CAIRO_TAG_LINK);
}

/* Appends @text to @out as a cairo tag attribute string: quoted, with ' and \ escaped. */
static void
append_tag_string (GString    *out,
                   const char *text)
{
  g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

/* A table row: @label in the left column, @value_markup beside it; @link_attributes makes
 * the row a link (cairo tag attributes), when not NULL. */
static void
draw_table_row (Pdf        *pdf,
                const char *label_markup,
                const char *value_font,
                const char *value_markup,
                const char *link_attributes)
{
  g_autoptr(PangoLayout) side = make_layout (pdf, FONT_SANS, label_markup, LABEL_WIDTH - 8);
  g_autoptr(PangoLayout) value = make_layout (pdf, value_font, value_markup,
                                              CONTENT_WIDTH - LABEL_WIDTH);

  /* A link must not straddle two pages: bring the whole row onto one first. */
  if (link_attributes != NULL)
    need (pdf, MAX (layout_height (side), layout_height (value)));
  begin_link (pdf, link_attributes);
  draw_row (pdf, value, MARGIN_X + LABEL_WIDTH, side, MARGIN_X, 0);
  end_link (pdf, link_attributes);
}

static char *
muted_markup (const char *text)
{
  g_autoptr(GString) markup = g_string_new (NULL);

  g_string_append_printf (markup, "<span foreground=\"%s\">", MUTED);
  dossier_report_append_escaped (markup, text);
  g_string_append (markup, "</span>");
  return g_strdup (markup->str);
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

static void
append_grade_badge (GString    *out,
                    const char *grade)
{
  /* The HTML report's badge colours, white on the grade's colour. */
  static const char * const colours[] = {
    "#1d7a35", "#3b7d32", "#806f0c", "#a8580f", "#b3261e", "#6b7280",
  };

  if (!dossier_source_grade_is_valid (grade))
    {
      g_string_append_printf (out, "<span foreground=\"%s\">not graded</span>", MUTED);
      return;
    }
  g_string_append_printf (out, "<span background=\"%s\" foreground=\"#ffffff\" "
                               "weight=\"bold\"> %c </span>",
                          colours[grade[0] - 'A'], grade[0]);
}

static const DossierReportMarkup provenance_markup = {
  { "", "<b>", "<b>", NULL, "<span foreground=\"" MUTED "\">" },
  { "", "</b>", "</b>", NULL, "</span>" },
  append_grade_badge,
};

static void
draw_title_page (Pdf                    *pdf,
                 const DossierExportSet *set)
{
  guint n_documents = set->documents->len;
  g_autofree char *summary = dossier_report_summary (set);
  g_autofree char *muted = muted_markup (summary);

  draw_label (pdf, "DOSSIER REPORT");
  pdf->y += 4;
  draw_text (pdf, FONT_H1, pdf->workspace, 0, 0);
  pdf->y += 6;
  draw_markup (pdf, FONT_SANS, muted, 0, 0);
  draw_rule (pdf, 14);

  draw_heading (pdf, FONT_H2, "Contents", 40);
  pdf->y += 6;
  for (guint d = 0; d <= n_documents + 1; d++)
    {
      g_autoptr(GString) entry = g_string_new (NULL);
      g_autoptr(GString) link = g_string_new ("dest=");
      g_autoptr(PangoLayout) layout = NULL;
      g_autoptr(PangoLayout) page = NULL;
      g_autofree char *page_text = NULL;
      g_autofree char *destination = NULL;
      guint page_number;

      if (d < n_documents)
        {
          const DossierExportDocument *document = g_ptr_array_index (set->documents, d);
          const char *outlet = dossier_document_get_outlet (document->document);
          g_autofree char *date = dossier_report_format_date (
            dossier_document_get_published (document->document),
            dossier_document_get_precision (document->document));
          g_autoptr(GString) details = g_string_new (NULL);
          g_autofree char *details_markup = NULL;
          guint n = document->annotations->len;

          g_string_append_printf (entry, "<span foreground=\"%s\">%u.</span>  ", MUTED, d + 1);
          dossier_report_append_escaped (entry, dossier_report_document_title (document));
          if (is_set (outlet))
            g_string_append_printf (details, "%s · ", outlet);
          if (date != NULL)
            g_string_append_printf (details, "%s · ", date);
          g_string_append_printf (details, "%u annotation%s", n, n == 1 ? "" : "s");
          details_markup = muted_markup (details->str);
          g_string_append_printf (entry, "\n<small>%s</small>", details_markup);
          destination = g_strdup_printf ("doc-%u", d + 1);
          page_number = pdf->document_pages[d];
        }
      else
        {
          g_string_append (entry, d == n_documents ? "Speakers and outlets" : "Timeline");
          destination = g_strdup (d == n_documents ? "index" : "timeline");
          page_number = d == n_documents ? pdf->index_page : pdf->timeline_page;
        }
      append_tag_string (link, destination);

      layout = make_layout (pdf, FONT_SANS, entry->str, CONTENT_WIDTH - 48);
      page_text = g_strdup_printf ("%u", page_number);
      page = make_layout (pdf, FONT_SANS, page_text, 40);
      pango_layout_set_alignment (page, PANGO_ALIGN_RIGHT);
      need (pdf, layout_height (layout));
      begin_link (pdf, link->str);
      draw_row (pdf, layout, MARGIN_X, page, MARGIN_X + CONTENT_WIDTH - 40, 0);
      end_link (pdf, link->str);
      pdf->y += 5;
    }
}

static void
draw_annotation (Pdf                         *pdf,
                 const DossierExportDocument *document,
                 DossierAnnotation           *annotation,
                 guint                        a)
{
  g_autofree char *label = g_strdup_printf ("%s %u",
                                            dossier_annotation_kind_label (annotation->kind),
                                            a + 1);
  g_autofree char *upper = g_utf8_strup (label, -1);
  g_autoptr(GString) provenance = g_string_new (NULL);
  guint32 bar = annotation->kind == DOSSIER_ANNOTATION_CLAIM ? 0xb4532a
                : annotation->kind == DOSSIER_ANNOTATION_HIGHLIGHT ? 0xc99a1e
                : annotation->kind == DOSSIER_ANNOTATION_NOTE ? 0x7a828c
                : ACCENT;

  /* The label should not sit alone at the foot of a page: keep two lines of quote with it. */
  need (pdf, 50);
  draw_label (pdf, upper);
  pdf->y += 3;
  if (is_set (annotation->selector.exact))
    draw_text (pdf, FONT_QUOTE, annotation->selector.exact, BAR_GAP + BAR_WIDTH, bar);
  pdf->y += 5;
  dossier_report_provenance (document, annotation, &provenance_markup, provenance);
  draw_markup (pdf, FONT_SMALL, provenance->str, 0, 0);
  if (is_set (annotation->note))
    {
      pdf->y += 5;
      draw_text (pdf, FONT_BODY, annotation->note, BAR_GAP + BAR_WIDTH, RULE);
    }
  if (annotation->tags != NULL && annotation->tags[0] != NULL)
    {
      g_autoptr(GString) tags = g_string_new (NULL);

      g_string_append_printf (tags, "<span foreground=\"%s\">Tags: </span>", MUTED);
      for (guint t = 0; annotation->tags[t] != NULL; t++)
        {
          if (t > 0)
            g_string_append (tags, "  ");
          g_string_append (tags, "<span background=\"#eef1f4\"> ");
          dossier_report_append_escaped (tags, annotation->tags[t]);
          g_string_append (tags, " </span>");
        }
      pdf->y += 4;
      draw_markup (pdf, FONT_SMALL, tags->str, 0, 0);
    }
  pdf->y += 16;
}

static void
draw_meta_row (Pdf        *pdf,
               const char *label,
               const char *value,
               const char *link_attributes)
{
  g_autofree char *label_markup = NULL;
  g_autoptr(GString) value_markup = g_string_new (NULL);

  if (!is_set (value))
    return;
  label_markup = muted_markup (label);
  if (link_attributes != NULL)
    g_string_append_printf (value_markup, "<span foreground=\"#%06x\">", ACCENT);
  dossier_report_append_escaped (value_markup, value);
  if (link_attributes != NULL)
    g_string_append (value_markup, "</span>");
  draw_table_row (pdf, label_markup, FONT_SANS, value_markup->str, link_attributes);
  pdf->y += 2;
}

static void
draw_document (Pdf                         *pdf,
               const DossierExportSet      *set,
               const DossierExportDocument *document,
               guint                        d)
{
  DossierDocument *doc = document->document;
  g_autofree char *kicker = g_strdup_printf ("DOCUMENT %u OF %u", d + 1, set->documents->len);
  g_autofree char *destination = g_strdup_printf ("doc-%u", d + 1);
  g_autofree char *date = dossier_report_format_date (dossier_document_get_published (doc),
                                                      dossier_document_get_precision (doc));
  g_autoptr(GString) heading = g_string_new (NULL);
  g_autofree char *title = dossier_export_clean_text (dossier_report_document_title (document));
  const char *url = dossier_document_get_url (doc);

  new_page (pdf);
  pdf->document_pages[d] = pdf->page;
  mark_destination (pdf, destination, title);

  draw_label (pdf, kicker);
  pdf->y += 4;
  g_string_append_printf (heading, "<span foreground=\"%s\" weight=\"normal\">%u.</span> ",
                          MUTED, d + 1);
  dossier_report_append_escaped (heading, dossier_report_document_title (document));
  draw_heading (pdf, FONT_H2, heading->str, 80);
  pdf->y += 8;

  draw_meta_row (pdf, "Outlet", dossier_document_get_outlet (doc), NULL);
  draw_meta_row (pdf, "Published", date, NULL);
  draw_meta_row (pdf, "Byline", dossier_document_get_byline (doc), NULL);
  if (dossier_export_url_is_web (url))
    {
      g_autoptr(GString) link = g_string_new ("uri=");

      append_tag_string (link, url);
      draw_meta_row (pdf, "URL", url, link->str);
    }
  else
    draw_meta_row (pdf, "URL", url, NULL);
  draw_rule (pdf, 10);
  pdf->y += 4;

  for (guint a = 0; a < document->annotations->len; a++)
    draw_annotation (pdf, document, g_ptr_array_index (document->annotations, a), a);
}

static void
draw_index (Pdf                    *pdf,
            const DossierExportSet *set,
            gboolean                speakers)
{
  g_autoptr(GPtrArray) rows = dossier_report_index (set, speakers);

  pdf->y += 6;
  draw_heading (pdf, FONT_H3, speakers ? "Speakers" : "Outlets", 40);
  pdf->y += 6;
  if (rows->len == 0)
    {
      g_autofree char *none = muted_markup (speakers ? "No speaker is named."
                                                     : "No outlet is named.");

      draw_markup (pdf, FONT_SANS, none, 0, 0);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      DossierReportIndexRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GString) name = g_string_new ("<b>");
      g_autoptr(GString) details = g_string_new (NULL);

      dossier_report_append_escaped (name, row->name);
      g_string_append (name, "</b>");
      if (!speakers)
        {
          const char *label = dossier_report_grade_label (row->grade);

          append_grade_badge (details, row->grade);
          if (label != NULL)
            {
              g_string_append (details, " ");
              dossier_report_append_escaped (details, label);
            }
          g_string_append (details, " · ");
        }
      if (is_set (row->detail))
        {
          dossier_report_append_escaped (details, row->detail);
          g_string_append (details, " · ");
        }
      g_string_append_printf (details, "%u annotation%s", row->n_annotations,
                              row->n_annotations == 1 ? "" : "s");
      if (row->partners->len > 0)
        {
          g_string_append_printf (details, "\n<span foreground=\"%s\">%s</span>", MUTED,
                                  speakers ? "Carried by " : "Speakers: ");
          for (guint p = 0; p < row->partners->len; p++)
            {
              if (p > 0)
                g_string_append (details, ", ");
              dossier_report_append_escaped (details, g_ptr_array_index (row->partners, p));
            }
        }
      draw_table_row (pdf, name->str, FONT_SANS, details->str, NULL);
      pdf->y += 7;
    }
}

static void
draw_timeline (Pdf                    *pdf,
               const DossierExportSet *set)
{
  g_autoptr(GArray) timeline = dossier_report_timeline (set);

  new_page (pdf);
  pdf->timeline_page = pdf->page;
  mark_destination (pdf, "timeline", "Timeline");
  draw_heading (pdf, FONT_H2, "Timeline", 40);
  pdf->y += 8;
  if (timeline->len == 0)
    {
      g_autofree char *none = muted_markup ("No dated events in these documents.");

      draw_markup (pdf, FONT_SANS, none, 0, 0);
      return;
    }
  for (guint i = 0; i < timeline->len; i++)
    {
      const DossierReportEvent *item = &g_array_index (timeline, DossierReportEvent, i);
      const DossierEvent *event = item->event;
      const DossierExportDocument *document = g_ptr_array_index (set->documents,
                                                                 item->document_index);
      g_autofree char *date = dossier_report_format_event_date (event->value,
                                                                 event->precision);
      g_autoptr(GString) side = g_string_new ("<b>");
      g_autoptr(GString) text = g_string_new (NULL);

      dossier_report_append_escaped (side, date != NULL ? date : event->expression);
      g_string_append_printf (side, "</b>\n<span foreground=\"%s\">%s", MUTED,
                              dossier_date_precision_to_string (event->precision));
      if (event->uncertain)
        {
          g_string_append (side, ", from “");
          dossier_report_append_escaped (side, event->expression);
          g_string_append (side, "”");
        }
      g_string_append (side, "</span>");

      /* The sentence with its date expression highlighted, as in the HTML report. */
      dossier_report_append_event_sentence (text, event, "<span background=\"#fff0b3\">",
                                            "</span>");
      g_string_append_printf (text, "\n<span foreground=\"%s\" size=\"small\">%u. ", MUTED,
                              item->document_index + 1);
      dossier_report_append_escaped (text, dossier_report_document_title (document));
      if (is_set (event->note))
        {
          g_string_append (text, " · Note: ");
          dossier_report_append_escaped (text, event->note);
        }
      g_string_append (text, "</span>");
      draw_table_row (pdf, side->str, FONT_BODY, text->str, NULL);
      pdf->y += 8;
    }
}

static void
draw_report (Pdf                    *pdf,
             const DossierExportSet *set)
{
  pdf->page = 0;
  begin_page (pdf);
  draw_title_page (pdf, set);
  for (guint d = 0; d < set->documents->len; d++)
    draw_document (pdf, set, g_ptr_array_index (set->documents, d), d);

  new_page (pdf);
  pdf->index_page = pdf->page;
  mark_destination (pdf, "index", "Speakers and outlets");
  draw_heading (pdf, FONT_H2, "Speakers and outlets", 60);
  draw_index (pdf, set, TRUE);
  pdf->y += 10;
  draw_index (pdf, set, FALSE);

  draw_timeline (pdf, set);
  end_page (pdf);
}

/* Lays out the report, drawing it on @surface, or only measuring when @surface is NULL. */
static cairo_status_t
render (Pdf                    *pdf,
        cairo_surface_t        *surface,
        const DossierExportSet *set)
{
  g_autoptr(GString) title = g_string_new ("Dossier report: ");
  g_autofree char *workspace = dossier_export_clean_text (pdf->workspace);
  cairo_status_t status;

  pdf->surface = surface;
  if (surface == NULL)
    {
      draw_report (pdf, set);
      return CAIRO_STATUS_SUCCESS;
    }

  g_string_append (title, workspace);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title->str);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Dossier");
  pdf->cr = cairo_create (surface);
  draw_report (pdf, set);
  status = cairo_status (pdf->cr);
  g_clear_pointer (&pdf->cr, cairo_destroy);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  return status;
}

/* One context for both passes: points as units (a PDF surface's), and no hinting, so that
 * layout does not depend on the machine's font settings. */
static PangoContext *
create_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
dossier_export_render_pdf (const DossierExportSet  *set,
                           GError                 **error)
{
  g_autofree guint *document_pages = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  Pdf pdf = { 0 };
  cairo_surface_t *surface;
  cairo_status_t status;

  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (set->documents != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  document_pages = g_new0 (guint, set->documents->len + 1);
  pdf.document_pages = document_pages;
  pdf.workspace = is_set (set->workspace) ? set->workspace : "Workspace";
  pdf.context = create_context ();

  /* The first pass learns the page count and the contents' page numbers. */
  render (&pdf, NULL, set);
  pdf.n_pages = pdf.page;
  /* Into memory, so that the file is written in one go through a temporary file
   * (dossier_export_write_file()): cairo writing to the path itself would leave half a PDF
   * behind when the disk fills up. */
  surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, bytes, PAGE_WIDTH,
                                                 PAGE_HEIGHT);
  status = render (&pdf, surface, set);
  cairo_surface_destroy (surface);
  g_object_unref (pdf.context);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not make the PDF: %s",
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

gboolean
dossier_export_write_pdf (const DossierExportSet  *set,
                          const char              *path,
                          GError                 **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (set != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = dossier_export_render_pdf (set, error);
  if (bytes == NULL)
    return FALSE;
  file = g_file_new_for_path (path);
  return dossier_export_write_file (file, bytes, NULL, error);
}
