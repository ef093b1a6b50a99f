/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-document-view"

#include <stdio.h>

#include "dossier-document-view.h"

/* The reading measure, in average characters per line. */
#define MEASURE_CHARS 75
#define MIN_SIDE_MARGIN 24

struct _DossierDocumentView
{
  GtkWidget        parent_instance;

  /* template widgets */
  GtkWidget       *box;
  GtkLabel        *title_label;
  GtkLabel        *details_label;
  GtkLinkButton   *url_button;
  GtkLabel        *url_label;
  GtkScrolledWindow *scroller;
  GtkTextView     *text_view;

  /* owned */
  DossierDocument *document;
  GtkTextTag      *region_tags[DOSSIER_REGION_BOILERPLATE + 1];
  int              measure_px;
};

G_DEFINE_FINAL_TYPE (DossierDocumentView, dossier_document_view, GTK_TYPE_WIDGET)

static char *
format_date (const char       *published,
             DossierPrecision  precision)
{
  int year = 0, month = 1, day = 1;
  g_autoptr(GDateTime) date = NULL;

  if (published == NULL || sscanf (published, "%d-%d-%d", &year, &month, &day) < 1)
    return NULL;
  date = g_date_time_new_utc (year, month, day, 0, 0, 0);
  if (date == NULL)
    return g_strdup (published);
  switch (precision)
    {
    case DOSSIER_PRECISION_YEAR:
      return g_date_time_format (date, "%Y");
    case DOSSIER_PRECISION_MONTH:
      return g_date_time_format (date, "%B %Y");
    case DOSSIER_PRECISION_DAY:
    case DOSSIER_PRECISION_TIME:
      return g_date_time_format (date, "%-d %B %Y");
    case DOSSIER_PRECISION_NONE:
    default:
      return g_strdup (published);
    }
}

static void
update_measure (DossierDocumentView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->text_view));
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int char_width = pango_font_metrics_get_approximate_char_width (metrics);

  pango_font_metrics_unref (metrics);
  self->measure_px = MEASURE_CHARS * char_width / PANGO_SCALE;
}

static void
dossier_document_view_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  DossierDocumentView *self = DOSSIER_DOCUMENT_VIEW (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);
}

static void
dossier_document_view_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  DossierDocumentView *self = DOSSIER_DOCUMENT_VIEW (widget);
  int side;

  if (self->measure_px == 0)
    update_measure (self);
  /* Centre a comfortable measure; the scrollbar stays at the window's edge. */
  side = MAX (MIN_SIDE_MARGIN, (width - self->measure_px) / 2);
  if (gtk_text_view_get_left_margin (self->text_view) != side)
    {
      gtk_text_view_set_left_margin (self->text_view, side);
      gtk_text_view_set_right_margin (self->text_view, side);
      gtk_widget_set_margin_start (gtk_widget_get_first_child (GTK_WIDGET (self->box)), side);
      gtk_widget_set_margin_end (gtk_widget_get_first_child (GTK_WIDGET (self->box)), side);
    }
  gtk_widget_size_allocate (self->box, &(GtkAllocation) { 0, 0, width, height }, baseline);
}

static void
dossier_document_view_css_changed (GtkWidget         *widget,
                                   GtkCssStyleChange *change)
{
  DossierDocumentView *self = DOSSIER_DOCUMENT_VIEW (widget);

  GTK_WIDGET_CLASS (dossier_document_view_parent_class)->css_changed (widget, change);
  self->measure_px = 0;
  gtk_widget_queue_allocate (widget);
}

static void
dossier_document_view_dispose (GObject *object)
{
  DossierDocumentView *self = (DossierDocumentView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_DOCUMENT_VIEW);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (dossier_document_view_parent_class)->dispose (object);
}

static void
dossier_document_view_class_init (DossierDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_document_view_dispose;
  widget_class->size_allocate = dossier_document_view_size_allocate;
  widget_class->css_changed = dossier_document_view_css_changed;

  widget_class->measure = dossier_document_view_measure;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dossier/Dossier/dossier-document-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierDocumentView, box);
  gtk_widget_class_bind_template_child (widget_class, DossierDocumentView, title_label);
  gtk_widget_class_bind_template_child (widget_class, DossierDocumentView, details_label);
  gtk_widget_class_bind_template_child (widget_class, DossierDocumentView, url_button);
  gtk_widget_class_bind_template_child (widget_class, DossierDocumentView, url_label);
  gtk_widget_class_bind_template_child (widget_class, DossierDocumentView, scroller);
  gtk_widget_class_bind_template_child (widget_class, DossierDocumentView, text_view);
}

static void
dossier_document_view_init (DossierDocumentView *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  /* One tag per region kind (engineering-notes.md: never one tag per span). */
  self->region_tags[DOSSIER_REGION_PARAGRAPH] =
    gtk_text_buffer_create_tag (buffer, "paragraph", NULL);
  self->region_tags[DOSSIER_REGION_HEADLINE] =
    gtk_text_buffer_create_tag (buffer, "headline",
                                "weight", PANGO_WEIGHT_BOLD,
                                "scale", 1.25,
                                NULL);
  self->region_tags[DOSSIER_REGION_CAPTION] =
    gtk_text_buffer_create_tag (buffer, "caption",
                                "style", PANGO_STYLE_ITALIC,
                                "scale", 0.9,
                                "foreground-rgba", &(GdkRGBA) { 0.45, 0.45, 0.45, 1.0 },
                                NULL);
  self->region_tags[DOSSIER_REGION_BOILERPLATE] =
    gtk_text_buffer_create_tag (buffer, "boilerplate",
                                "scale", 0.9,
                                "foreground-rgba", &(GdkRGBA) { 0.55, 0.55, 0.55, 1.0 },
                                NULL);
}

GtkWidget *
dossier_document_view_new (void)
{
  return g_object_new (DOSSIER_TYPE_DOCUMENT_VIEW, NULL);
}

static void
set_header (DossierDocumentView *self,
            DossierDocument     *document)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *details = NULL;
  g_autofree char *date = NULL;
  const char *url = NULL;

  if (document != NULL)
    {
      const char *outlet = dossier_document_get_outlet (document);
      const char *byline = dossier_document_get_byline (document);

      if (outlet != NULL)
        g_ptr_array_add (parts, g_strdup (outlet));
      if (byline != NULL)
        g_ptr_array_add (parts, g_strdup_printf ("By %s", byline));
      date = format_date (dossier_document_get_published (document),
                          dossier_document_get_precision (document));
      if (date != NULL)
        g_ptr_array_add (parts, g_steal_pointer (&date));
      url = dossier_document_get_url (document);
    }
  g_ptr_array_add (parts, NULL);
  details = g_strjoinv ("  ·  ", (char **) parts->pdata);

  gtk_label_set_text (self->title_label, document ? dossier_document_get_title (document) : "");
  gtk_label_set_text (self->details_label, details);
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), details[0] != '\0');
  /* Only web links are opened from a document. */
  if (url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
    {
      gtk_link_button_set_uri (self->url_button, url);
      gtk_label_set_text (self->url_label, url);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->url_button), url);
      gtk_widget_set_visible (GTK_WIDGET (self->url_button), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->url_button), FALSE);
}

void
dossier_document_view_set_document (DossierDocumentView *self,
                                    DossierDocument     *document)
{
  GtkTextBuffer *buffer;
  GArray *regions;
  GtkTextIter start;

  g_return_if_fail (DOSSIER_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (document == NULL || DOSSIER_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;

  set_header (self, document);
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_set_text (buffer, document ? dossier_document_get_text (document) : "", -1);

  regions = document ? dossier_document_get_regions (document) : NULL;
  for (guint i = 0; regions && i < regions->len; i++)
    {
      const DossierRegion *region = &g_array_index (regions, DossierRegion, i);
      GtkTextIter a, b;

      if (region->kind == DOSSIER_REGION_PARAGRAPH)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) region->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &b, (int) region->end);
      gtk_text_buffer_apply_tag (buffer, self->region_tags[region->kind], &a, &b);
    }
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

DossierDocument *
dossier_document_view_get_document (DossierDocumentView *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_VIEW (self), NULL);
  return self->document;
}

void
dossier_document_view_select_range (DossierDocumentView *self,
                                    guint                start,
                                    guint                end)
{
  GtkTextBuffer *buffer;
  GtkTextIter a, b;

  g_return_if_fail (DOSSIER_IS_DOCUMENT_VIEW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, (int) end);
  gtk_text_buffer_select_range (buffer, &a, &b);
  gtk_text_view_scroll_to_iter (self->text_view, &a, 0.1, TRUE, 0.0, 0.3);
}

GtkTextView *
dossier_document_view_get_text_view (DossierDocumentView *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_VIEW (self), NULL);
  return self->text_view;
}

const char *
dossier_document_view_get_header_title (DossierDocumentView *self)
{
  return gtk_label_get_text (self->title_label);
}

const char *
dossier_document_view_get_header_details (DossierDocumentView *self)
{
  return gtk_label_get_text (self->details_label);
}
