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
  GtkPopover      *selection_popover;

  /* owned */
  DossierDocument *document;
  GtkTextTag      *region_tags[DOSSIER_REGION_BOILERPLATE + 1];
  GtkTextTag      *annotation_tags[DOSSIER_N_ANNOTATION_KINDS];
  /* Extraction's suggestions (quotes) not reviewed yet: a wavy line, no fill. */
  GtkTextTag      *suggestion_tag;
  /* The mentions of the entity chosen in the entity sidebar: one tag per entity kind. */
  GtkTextTag      *entity_tags[DOSSIER_N_ENTITY_KINDS];
  gboolean         entity_marked;   /* some entity tag is applied */
  int              measure_px;
  guint            n_marked;
};

G_DEFINE_FINAL_TYPE (DossierDocumentView, dossier_document_view, GTK_TYPE_WIDGET)

enum {
  ANNOTATION_CLICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
  gtk_popover_present (self->selection_popover);
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
  gtk_widget_class_bind_template_child (widget_class, DossierDocumentView, selection_popover);

  /**
   * DossierDocumentView::annotation-clicked:
   * @offset: the code point that was clicked
   *
   * A click (not a drag) landed on annotated text; the owner looks the annotations up in the
   * store by offset (tags are per kind, not per annotation).
   */
  signals[ANNOTATION_CLICKED] =
    g_signal_new ("annotation-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

/* Points the popover at the end of the selection, where the pointer let go. */
static void
show_selection_popover (DossierDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  GdkRectangle rect;
  double x, y;
  int wx, wy;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return;
  gtk_text_view_get_iter_location (self->text_view, &end, &rect);
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, rect.x,
                                         rect.y, &wx, &wy);
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->text_view), GTK_WIDGET (self),
                                         wx, wy, &x, &y))
    return;
  rect.x = (int) x;
  rect.y = (int) y;
  rect.width = 1;
  gtk_popover_set_pointing_to (self->selection_popover, &rect);
  gtk_popover_popup (self->selection_popover);
}

/* Runs once the text view has handled a button release: a selection gets the annotate
 * popover; a plain click on annotated text asks the owner which annotation it was.  A click
 * in a read-only text view still moves the insert mark, so no coordinates are needed. */
static gboolean
after_release_cb (gpointer user_data)
{
  DossierDocumentView *self = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter iter;

  if (gtk_text_buffer_get_has_selection (buffer))
    {
      show_selection_popover (self);
      return G_SOURCE_REMOVE;
    }
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  for (guint i = 0; i <= DOSSIER_N_ANNOTATION_KINDS; i++)
    if (gtk_text_iter_has_tag (&iter, i < DOSSIER_N_ANNOTATION_KINDS ? self->annotation_tags[i]
                                                                      : self->suggestion_tag))
      {
        g_signal_emit (self, signals[ANNOTATION_CLICKED], 0,
                       (guint) gtk_text_iter_get_offset (&iter));
        break;
      }
  return G_SOURCE_REMOVE;
}

static gboolean
text_event_cb (GtkEventControllerLegacy *controller,
               GdkEvent                 *event,
               DossierDocumentView      *self)
{
  if (gdk_event_get_event_type (event) == GDK_BUTTON_RELEASE &&
      gdk_button_event_get_button (event) == GDK_BUTTON_PRIMARY)
    g_idle_add_full (G_PRIORITY_DEFAULT, after_release_cb, g_object_ref (self),
                     g_object_unref);
  return GDK_EVENT_PROPAGATE;
}

static void
dossier_document_view_init (DossierDocumentView *self)
{
  GtkEventController *controller;
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

  /* One tag per annotation kind, whatever the number of annotations (engineering-notes.md).
   * Translucent backgrounds read on light and dark pages; the underlines keep an annotation
   * visible where a later kind's background covers it. */
  self->annotation_tags[DOSSIER_ANNOTATION_HIGHLIGHT] =
    gtk_text_buffer_create_tag (buffer, "annotation-highlight",
                                "background-rgba", &(GdkRGBA) { 0.98, 0.82, 0.15, 0.38 },
                                NULL);
  self->annotation_tags[DOSSIER_ANNOTATION_NOTE] =
    gtk_text_buffer_create_tag (buffer, "annotation-note",
                                "underline", PANGO_UNDERLINE_SINGLE,
                                "underline-rgba", &(GdkRGBA) { 0.18, 0.62, 0.32, 1.0 },
                                "background-rgba", &(GdkRGBA) { 0.18, 0.62, 0.32, 0.14 },
                                NULL);
  self->annotation_tags[DOSSIER_ANNOTATION_CLAIM] =
    gtk_text_buffer_create_tag (buffer, "annotation-claim",
                                "underline", PANGO_UNDERLINE_SINGLE,
                                "underline-rgba", &(GdkRGBA) { 0.90, 0.38, 0.0, 1.0 },
                                "background-rgba", &(GdkRGBA) { 0.95, 0.50, 0.10, 0.20 },
                                NULL);
  self->annotation_tags[DOSSIER_ANNOTATION_QUOTE] =
    gtk_text_buffer_create_tag (buffer, "annotation-quote",
                                "underline", PANGO_UNDERLINE_SINGLE,
                                "underline-rgba", &(GdkRGBA) { 0.11, 0.44, 0.85, 1.0 },
                                "background-rgba", &(GdkRGBA) { 0.21, 0.52, 0.89, 0.18 },
                                NULL);
  self->suggestion_tag =
    gtk_text_buffer_create_tag (buffer, "annotation-suggestion",
                                "underline", PANGO_UNDERLINE_ERROR,
                                "underline-rgba", &(GdkRGBA) { 0.38, 0.45, 0.60, 0.9 },
                                NULL);
  /* Entity marks: a double underline in the kind's colour over a light fill, so they stay
   * visible on top of annotation backgrounds. */
  self->entity_tags[DOSSIER_ENTITY_PERSON] =
    gtk_text_buffer_create_tag (buffer, "entity-person",
                                "underline", PANGO_UNDERLINE_DOUBLE,
                                "underline-rgba", &(GdkRGBA) { 0.57, 0.25, 0.67, 1.0 },
                                "background-rgba", &(GdkRGBA) { 0.57, 0.25, 0.67, 0.16 },
                                NULL);
  self->entity_tags[DOSSIER_ENTITY_ORGANIZATION] =
    gtk_text_buffer_create_tag (buffer, "entity-organization",
                                "underline", PANGO_UNDERLINE_DOUBLE,
                                "underline-rgba", &(GdkRGBA) { 0.15, 0.55, 0.55, 1.0 },
                                "background-rgba", &(GdkRGBA) { 0.15, 0.55, 0.55, 0.16 },
                                NULL);
  self->entity_tags[DOSSIER_ENTITY_PLACE] =
    gtk_text_buffer_create_tag (buffer, "entity-place",
                                "underline", PANGO_UNDERLINE_DOUBLE,
                                "underline-rgba", &(GdkRGBA) { 0.65, 0.45, 0.10, 1.0 },
                                "background-rgba", &(GdkRGBA) { 0.65, 0.45, 0.10, 0.16 },
                                NULL);
  self->entity_tags[DOSSIER_ENTITY_OUTLET] =
    gtk_text_buffer_create_tag (buffer, "entity-outlet",
                                "underline", PANGO_UNDERLINE_DOUBLE,
                                "underline-rgba", &(GdkRGBA) { 0.80, 0.20, 0.30, 1.0 },
                                "background-rgba", &(GdkRGBA) { 0.80, 0.20, 0.30, 0.14 },
                                NULL);

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (text_event_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);
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
  self->entity_marked = FALSE;

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

void
dossier_document_view_set_annotations (DossierDocumentView *self,
                                       GPtrArray           *annotations)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  int length;

  g_return_if_fail (DOSSIER_IS_DOCUMENT_VIEW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  for (guint i = 0; i < DOSSIER_N_ANNOTATION_KINDS; i++)
    gtk_text_buffer_remove_tag (buffer, self->annotation_tags[i], &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->suggestion_tag, &start, &end);
  self->n_marked = 0;
  length = gtk_text_buffer_get_char_count (buffer);

  for (guint i = 0; annotations != NULL && i < annotations->len; i++)
    {
      DossierAnnotation *a = g_ptr_array_index (annotations, i);
      GtkTextIter a_start, a_end;
      GtkTextTag *tag;

      /* Orphans have no place in this text: the panel lists them. */
      if (a->status != DOSSIER_ANNOTATION_ANCHORED || (int) a->selector.end > length)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &a_start, (int) a->selector.start);
      gtk_text_buffer_get_iter_at_offset (buffer, &a_end, (int) a->selector.end);
      tag = dossier_annotation_is_suggestion (a) ? self->suggestion_tag
                                                 : self->annotation_tags[a->kind];
      gtk_text_buffer_apply_tag (buffer, tag, &a_start, &a_end);
      self->n_marked++;
    }
}

guint
dossier_document_view_get_n_marked (DossierDocumentView *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_VIEW (self), 0);
  return self->n_marked;
}

gboolean
dossier_document_view_get_selection (DossierDocumentView  *self,
                                     guint                *start,
                                     guint                *end,
                                     char                **text)
{
  GtkTextBuffer *buffer;
  GtkTextIter a, b;

  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_VIEW (self), FALSE);

  buffer = gtk_text_view_get_buffer (self->text_view);
  if (self->document == NULL || !gtk_text_buffer_get_selection_bounds (buffer, &a, &b))
    return FALSE;
  if (start)
    *start = (guint) gtk_text_iter_get_offset (&a);
  if (end)
    *end = (guint) gtk_text_iter_get_offset (&b);
  if (text)
    *text = gtk_text_iter_get_text (&a, &b);
  return TRUE;
}

gboolean
dossier_document_view_is_marked (DossierDocumentView   *self,
                                 guint                  offset,
                                 DossierAnnotationKind  kind)
{
  GtkTextIter iter;

  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_VIEW (self), FALSE);

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (self->text_view), &iter,
                                      (int) offset);
  return gtk_text_iter_has_tag (&iter, self->annotation_tags[kind]);
}

gboolean
dossier_document_view_is_suggested (DossierDocumentView *self,
                                    guint                offset)
{
  GtkTextIter iter;

  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_VIEW (self), FALSE);

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (self->text_view), &iter,
                                      (int) offset);
  return gtk_text_iter_has_tag (&iter, self->suggestion_tag);
}

void
dossier_document_view_set_entity_marks (DossierDocumentView *self,
                                        DossierEntityKind    kind,
                                        GPtrArray           *mentions)
{
  GtkTextBuffer *buffer;
  int n_chars;

  g_return_if_fail (DOSSIER_IS_DOCUMENT_VIEW (self));
  g_return_if_fail ((guint) kind < DOSSIER_N_ENTITY_KINDS);

  dossier_document_view_clear_entity_marks (self);
  buffer = gtk_text_view_get_buffer (self->text_view);
  n_chars = gtk_text_buffer_get_char_count (buffer);
  for (guint i = 0; mentions && i < mentions->len; i++)
    {
      const DossierMention *mention = g_ptr_array_index (mentions, i);
      GtkTextIter a, b;

      /* Mentions of another document, or past the end of a text updated since. */
      if (self->document == NULL ||
          mention->document_id != dossier_document_get_id (self->document) ||
          mention->end > (guint) n_chars || mention->start >= mention->end)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) mention->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &b, (int) mention->end);
      gtk_text_buffer_apply_tag (buffer, self->entity_tags[kind], &a, &b);
      self->entity_marked = TRUE;
    }
}

void
dossier_document_view_clear_entity_marks (DossierDocumentView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_if_fail (DOSSIER_IS_DOCUMENT_VIEW (self));

  /* Nothing to redraw (the common case: no entity chosen). */
  if (!self->entity_marked)
    return;
  self->entity_marked = FALSE;
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  for (guint i = 0; i < DOSSIER_N_ENTITY_KINDS; i++)
    gtk_text_buffer_remove_tag (buffer, self->entity_tags[i], &start, &end);
}

gboolean
dossier_document_view_is_entity_marked (DossierDocumentView *self,
                                        guint                offset)
{
  GtkTextIter iter;

  g_return_val_if_fail (DOSSIER_IS_DOCUMENT_VIEW (self), FALSE);

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (self->text_view), &iter,
                                      (int) offset);
  for (guint i = 0; i < DOSSIER_N_ENTITY_KINDS; i++)
    if (gtk_text_iter_has_tag (&iter, self->entity_tags[i]))
      return TRUE;
  return FALSE;
}

void
dossier_document_view_hide_popover (DossierDocumentView *self)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT_VIEW (self));
  gtk_popover_popdown (self->selection_popover);
}
