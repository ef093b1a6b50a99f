/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-timeline"

#include <math.h>
#include <string.h>
#include <time.h>

#include "dossier-core.h"

#include "dossier-timeline-view.h"

#define N_UNITS          4
#define MIN_PX_PER_DAY   0.004   /* about 250 years across 1,300 pixels */
#define MAX_PX_PER_DAY   240.0
#define MIN_BUCKET_PX    26.0    /* a marker's room at the narrowest unit that is shown */
#define AXIS_HEIGHT      46.0

typedef struct {
  guint32 first;   /* Julian days */
  guint32 last;
} Span;

typedef struct {
  guint32 start;   /* the bucket's first day; the next bucket's is its end */
  guint32 end;     /* exclusive */
  guint   count;
} Bucket;

struct _DossierTimelineView
{
  GtkWidget  parent_instance;

  /* owned */
  GPtrArray *events;          /* DossierEvent */
  GArray    *spans;           /* Span of each dated event, by first day */
  GArray    *reports;         /* guint32: each document's date, ascending */
  GArray    *buckets[N_UNITS];        /* Bucket of events, per unit, made when first drawn */
  GArray    *report_buckets[N_UNITS];

  /* the view */
  double     start;           /* Julian day at the left edge (fractional) */
  double     px_per_day;
  gboolean   moved;           /* zoomed or panned since the events were set */
  gboolean   need_fit;
  gboolean   allocating;
  int        last_width;
  guint      changed_idle;    /* reports a change made while allocating */

  /* gestures */
  double     drag_start;
  double     zoom_px_per_day;
  double     pointer_x;
};

G_DEFINE_FINAL_TYPE (DossierTimelineView, dossier_timeline_view, GTK_TYPE_WIDGET)

enum {
  VISIBLE_RANGE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static double
view_width (DossierTimelineView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  return width > 0 ? width : 800;
}

/* The unit events are grouped by: the narrowest whose buckets still have room. */
static DossierTimelineUnit
unit_for (double px_per_day)
{
  if (px_per_day >= MIN_BUCKET_PX)
    return DOSSIER_TIMELINE_DAYS;
  if (px_per_day * 7 >= MIN_BUCKET_PX)
    return DOSSIER_TIMELINE_WEEKS;
  if (px_per_day * 30 >= MIN_BUCKET_PX)
    return DOSSIER_TIMELINE_MONTHS;
  return DOSSIER_TIMELINE_YEARS;
}

/* The first day of the bucket of @unit that holds @day, and the first day of the next. */
static guint32
bucket_start (DossierTimelineUnit  unit,
              guint32              day,
              guint32             *next)
{
  GDate date;
  guint32 start;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  switch (unit)
    {
    case DOSSIER_TIMELINE_DAYS:
      start = day;
      *next = day + 1;
      break;
    case DOSSIER_TIMELINE_WEEKS:
      start = day - (g_date_get_weekday (&date) - 1);
      *next = start + 7;
      break;
    case DOSSIER_TIMELINE_MONTHS:
      start = day - (g_date_get_day (&date) - 1);
      *next = start + g_date_get_days_in_month (g_date_get_month (&date),
                                                g_date_get_year (&date));
      break;
    case DOSSIER_TIMELINE_YEARS:
    default:
      start = day - (g_date_get_day_of_year (&date) - 1);
      *next = start + (g_date_is_leap_year (g_date_get_year (&date)) ? 366 : 365);
      break;
    }
  return start;
}

/* Groups ascending days into buckets of @unit in one pass. */
static GArray *
make_buckets (DossierTimelineUnit  unit,
              gconstpointer        days,
              guint                n_days,
              gsize                stride)
{
  GArray *buckets = g_array_new (FALSE, FALSE, sizeof (Bucket));
  Bucket *current = NULL;

  for (guint i = 0; i < n_days; i++)
    {
      guint32 day;

      /* The first member of each element, read without assuming its alignment. */
      memcpy (&day, (const char *) days + i * stride, sizeof day);

      if (current == NULL || day >= current->end)
        {
          Bucket bucket = { 0, 0, 0 };

          bucket.start = bucket_start (unit, day, &bucket.end);
          g_array_append_val (buckets, bucket);
          current = &g_array_index (buckets, Bucket, buckets->len - 1);
        }
      current->count++;
    }
  return buckets;
}

static GArray *
get_buckets (DossierTimelineView *self,
             DossierTimelineUnit  unit,
             gboolean             reports)
{
  GArray **slot = reports ? &self->report_buckets[unit] : &self->buckets[unit];

  if (*slot == NULL)
    {
      if (reports)
        *slot = make_buckets (unit, self->reports->data, self->reports->len, sizeof (guint32));
      else
        *slot = make_buckets (unit, self->spans->data, self->spans->len, sizeof (Span));
    }
  return *slot;
}

/* The index of the first bucket that ends after @day. */
static guint
first_bucket_after (GArray  *buckets,
                    guint32  day)
{
  guint lo = 0, hi = buckets->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (buckets, Bucket, mid).end <= day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
clear_buckets (DossierTimelineView *self)
{
  for (guint i = 0; i < N_UNITS; i++)
    {
      g_clear_pointer (&self->buckets[i], g_array_unref);
      g_clear_pointer (&self->report_buckets[i], g_array_unref);
    }
}

static void
set_view (DossierTimelineView *self,
          double               start,
          double               px_per_day)
{
  px_per_day = CLAMP (px_per_day, MIN_PX_PER_DAY, MAX_PX_PER_DAY);
  /* Julian day 1 is 1 January of the year 1; GDate knows nothing before it. */
  start = CLAMP (start, 1.0, 3000000.0);
  if (start == self->start && px_per_day == self->px_per_day)
    return;
  self->start = start;
  self->px_per_day = px_per_day;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* Handlers change list models, which must not happen while widgets are being allocated. */
  if (!self->allocating)
    g_signal_emit (self, signals[VISIBLE_RANGE_CHANGED], 0);
}

static gboolean
emit_changed_idle (gpointer user_data)
{
  DossierTimelineView *self = user_data;

  self->changed_idle = 0;
  g_signal_emit (self, signals[VISIBLE_RANGE_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

/* Zooms by @factor keeping the day under @x where it is. */
static void
zoom_at (DossierTimelineView *self,
         double               factor,
         double               x)
{
  double day = self->start + x / self->px_per_day;
  double px_per_day = CLAMP (self->px_per_day * factor, MIN_PX_PER_DAY, MAX_PX_PER_DAY);

  self->moved = TRUE;
  set_view (self, day - x / px_per_day, px_per_day);
}

static void
fit (DossierTimelineView *self)
{
  guint32 first = G_MAXUINT32, last = 0;

  for (guint i = 0; i < self->spans->len; i++)
    {
      first = MIN (first, g_array_index (self->spans, Span, i).first);
      last = MAX (last, g_array_index (self->spans, Span, i).last);
    }
  for (guint i = 0; i < self->reports->len; i++)
    {
      first = MIN (first, g_array_index (self->reports, guint32, i));
      last = MAX (last, g_array_index (self->reports, guint32, i));
    }
  if (first > last)
    {
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_time_t (&today, time (NULL));
      last = g_date_get_julian (&today);
      first = last - 365;
    }
  dossier_timeline_view_set_visible_range (self, first, last);
  self->moved = FALSE;
}

/* Drawing */

static void
append_circle (GtkSnapshot     *snapshot,
               double           x,
               double           y,
               double           radius,
               const GdkRGBA   *color)
{
  GskRoundedRect round;

  gsk_rounded_rect_init_from_rect (&round,
                                   &GRAPHENE_RECT_INIT (x - radius, y - radius,
                                                        2 * radius, 2 * radius),
                                   radius);
  gtk_snapshot_push_rounded_clip (snapshot, &round);
  gtk_snapshot_append_color (snapshot, color, &round.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             const char    *text,
             double         x,
             double         y,
             double         xalign,
             const GdkRGBA *color,
             int           *width)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (floor (x - xalign * w),
                                                          floor (y - h / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
  if (width)
    *width = w;
}

/* A tick label for the bucket starting at @day; the row below says the year or month. */
static void
format_tick (DossierTimelineUnit  unit,
             guint32              day,
             char                *buf,
             gsize                size)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  switch (unit)
    {
    case DOSSIER_TIMELINE_YEARS:
      g_date_strftime (buf, size, "%Y", &date);
      break;
    case DOSSIER_TIMELINE_MONTHS:
      g_date_strftime (buf, size, "%b", &date);
      break;
    case DOSSIER_TIMELINE_WEEKS:
      g_snprintf (buf, size, "W%02u", g_date_get_iso8601_week_of_year (&date));
      break;
    case DOSSIER_TIMELINE_DAYS:
    default:
      g_date_strftime (buf, size, "%-d", &date);
      break;
    }
}

/* Which buckets of @unit get a label: those whose ordinal (year, month, ISO week, day of the
 * month, from 0) is a multiple of the step, a round number with room for a label. */
static guint
bucket_ordinal (DossierTimelineUnit unit,
                guint32             day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  switch (unit)
    {
    case DOSSIER_TIMELINE_YEARS:
      return g_date_get_year (&date);
    case DOSSIER_TIMELINE_MONTHS:
      return g_date_get_month (&date) - 1;
    case DOSSIER_TIMELINE_WEEKS:
      return g_date_get_iso8601_week_of_year (&date) - 1;
    case DOSSIER_TIMELINE_DAYS:
    default:
      return g_date_get_day (&date) - 1;
    }
}

static guint
label_step (DossierTimelineUnit unit,
            double              bucket_px,
            double              label_px)
{
  static const guint years[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000 };
  static const guint months[] = { 1, 2, 3, 6, 12 };
  static const guint weeks[] = { 1, 2, 4, 13, 26, 52 };
  static const guint days[] = { 1, 2, 5, 7, 14, 31 };
  const guint *steps;
  guint n;

  switch (unit)
    {
    case DOSSIER_TIMELINE_YEARS:
      steps = years, n = G_N_ELEMENTS (years);
      break;
    case DOSSIER_TIMELINE_MONTHS:
      steps = months, n = G_N_ELEMENTS (months);
      break;
    case DOSSIER_TIMELINE_WEEKS:
      steps = weeks, n = G_N_ELEMENTS (weeks);
      break;
    case DOSSIER_TIMELINE_DAYS:
    default:
      steps = days, n = G_N_ELEMENTS (days);
      break;
    }
  for (guint i = 0; i < n; i++)
    if (steps[i] * bucket_px >= label_px + 12)
      return steps[i];
  return steps[n - 1];
}

static const double unit_days[N_UNITS] = { 365.25, 30.44, 7, 1 };

static void
draw_ticks (DossierTimelineView *self,
            GtkSnapshot         *snapshot,
            PangoLayout         *layout,
            DossierTimelineUnit  unit,
            double               axis_y,
            const GdkRGBA       *line,
            const GdkRGBA       *fg)
{
  static const char *widest[N_UNITS] = { "8888", "May", "W88", "28" };
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double bucket_px = unit_days[unit] * self->px_per_day;
  guint step;
  guint32 day, next;
  int label_px;
  char label[64];

  pango_layout_set_text (layout, widest[unit], -1);
  pango_layout_get_pixel_size (layout, &label_px, NULL);
  step = label_step (unit, bucket_px, label_px);
  day = bucket_start (unit, (guint32) MAX (1.0, floor (self->start)), &next);
  for (double x = (day - self->start) * self->px_per_day; x < width;
       x = (day - self->start) * self->px_per_day)
    {
      double x_next = (next - self->start) * self->px_per_day;
      gboolean labelled = bucket_ordinal (unit, day) % step == 0;
      int w;

      /* Faint lines between buckets while they are wide enough to tell apart. */
      if (labelled || bucket_px >= 8)
        gtk_snapshot_append_color (snapshot, line,
                                   &GRAPHENE_RECT_INIT (floor (x), 0, 1,
                                                        axis_y + (labelled ? 6 : 0)));
      if (labelled)
        {
          format_tick (unit, day, label, sizeof label);
          pango_layout_set_text (layout, label, -1);
          pango_layout_get_pixel_size (layout, &w, NULL);
          /* In the middle of its bucket, or beside its tick if the bucket is narrower. */
          x = x_next - x >= w + 8 ? (x + x_next - w) / 2 : x + 3;
          if (x >= 0 && x + w <= width)
            append_text (snapshot, layout, label, x, axis_y + 13, 0, fg, NULL);
        }
      day = bucket_start (unit, next, &next);
    }
}

/* The row under the ticks: the year (or month) the ticks are in, at its start, and for the
 * one the view starts in, at the left edge. */
static void
draw_context (DossierTimelineView *self,
              GtkSnapshot         *snapshot,
              PangoLayout         *layout,
              DossierTimelineUnit  unit,
              double               axis_y,
              const GdkRGBA       *line,
              const GdkRGBA       *color)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double last_end = -G_MAXDOUBLE;
  guint32 day, next;
  char label[64];

  day = bucket_start (unit, (guint32) MAX (1.0, floor (self->start)), &next);
  for (double x = (day - self->start) * self->px_per_day; x < width;
       x = (day - self->start) * self->px_per_day)
    {
      double x_next = (next - self->start) * self->px_per_day;
      GDate date;
      int w;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, day);
      g_date_strftime (label, sizeof label, unit == DOSSIER_TIMELINE_YEARS ? "%Y" : "%B %Y",
                       &date);
      pango_layout_set_text (layout, label, -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      if (x >= 0)
        gtk_snapshot_append_color (snapshot, line,
                                   &GRAPHENE_RECT_INIT (floor (x), axis_y, 1, AXIS_HEIGHT));
      x = MAX (x + 4, 4.0);
      /* The label stays in its own span, and out of the next one's way. */
      if (x >= last_end + 8 && x + w <= MIN (width, x_next - 4))
        {
          append_text (snapshot, layout, label, x, axis_y + 33, 0, color, NULL);
          last_end = x + w;
        }
      day = bucket_start (unit, next, &next);
    }
}

static void
draw_lane (DossierTimelineView *self,
           GtkSnapshot         *snapshot,
           PangoLayout         *layout,
           GArray              *buckets,
           double               y,
           double               max_radius,
           const GdkRGBA       *color,
           const GdkRGBA       *text_color)
{
  double width = view_width (self);
  double last_day = self->start + width / self->px_per_day;

  for (guint i = first_bucket_after (buckets, (guint32) MAX (0.0, self->start));
       i < buckets->len; i++)
    {
      const Bucket *bucket = &g_array_index (buckets, Bucket, i);
      double x0 = (bucket->start - self->start) * self->px_per_day;
      double x1 = (bucket->end - self->start) * self->px_per_day;
      double cx = (x0 + x1) / 2;
      double radius = MIN (max_radius, 9 + 3 * log10 (bucket->count));
      char count[16];

      if (bucket->start > last_day)
        break;
      /* Markers keep to their bucket unless it is narrower than a legible one. */
      radius = MAX (MIN (6.0, max_radius), MIN (radius, (x1 - x0) / 2 - 1));
      append_circle (snapshot, cx, y, radius, color);
      if (radius >= 8)
        {
          g_snprintf (count, sizeof count, "%u", bucket->count);
          append_text (snapshot, layout, count, cx, y, 0.5, text_color, NULL);
        }
    }
}

static void
dossier_timeline_view_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  DossierTimelineView *self = DOSSIER_TIMELINE_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double axis_y = height - AXIS_HEIGHT;
  double events_y = axis_y * 0.42;
  double reports_y = axis_y * 0.82;
  double max_radius = MIN (16.0, axis_y * 0.16);
  DossierTimelineUnit unit = unit_for (self->px_per_day);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  GdkRGBA fg, line, dim;
  GdkRGBA accent = { 0.208, 0.518, 0.894, 1.0 };   /* GNOME blue 3 */
  GdkRGBA reported = { 0.902, 0.380, 0.0, 0.9 };   /* GNOME orange 5 */
  GdkRGBA white = { 1, 1, 1, 1 };

  if (width <= 0 || height <= AXIS_HEIGHT)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  line = fg;
  line.alpha *= 0.25;
  dim = fg;
  dim.alpha *= 0.6;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* The axis: a tick per bucket, labels at round steps, and below them the wider unit. */
  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, axis_y, width, 1));
  gtk_snapshot_append_color (snapshot, &line,
                             &GRAPHENE_RECT_INIT (0, floor ((events_y + reports_y) / 2),
                                                  width, 1));
  draw_ticks (self, snapshot, layout, unit, axis_y, &line, &fg);
  if (unit != DOSSIER_TIMELINE_YEARS)
    draw_context (self, snapshot, layout,
                  unit == DOSSIER_TIMELINE_MONTHS ? DOSSIER_TIMELINE_YEARS
                                                  : DOSSIER_TIMELINE_MONTHS,
                  axis_y, &line, &dim);

  draw_lane (self, snapshot, layout, get_buckets (self, unit, FALSE), events_y, max_radius,
             &accent, &white);
  draw_lane (self, snapshot, layout, get_buckets (self, unit, TRUE), reports_y,
             max_radius * 0.75, &reported, &white);

  /* The lanes' names, over the markers, in the top-left corner of each. */
  append_text (snapshot, layout, "Happened", 6, events_y - max_radius - 10, 0, &dim, NULL);
  append_text (snapshot, layout, "Reported", 6, reports_y - max_radius * 0.75 - 10, 0, &dim,
               NULL);

  gtk_snapshot_pop (snapshot);
}

static void
dossier_timeline_view_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 600;
    }
  else
    {
      *minimum = 150;
      *natural = 200;
    }
}

static void
dossier_timeline_view_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  DossierTimelineView *self = DOSSIER_TIMELINE_VIEW (widget);
  gboolean changed = width != self->last_width;

  self->last_width = width;
  self->allocating = TRUE;
  if (self->need_fit && width > 0)
    {
      self->need_fit = FALSE;
      fit (self);
      changed = TRUE;
    }
  self->allocating = FALSE;
  if (changed && self->changed_idle == 0)
    self->changed_idle = g_idle_add (emit_changed_idle, self);
}

/* Input */

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           DossierTimelineView      *self)
{
  self->pointer_x = x;
}

static gboolean
scroll_cb (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           DossierTimelineView      *self)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));

  if (state & GDK_CONTROL_MASK)
    zoom_at (self, pow (1.25, -dy), self->pointer_x);
  else
    dossier_timeline_view_pan (self, (dx + dy) * 40);
  return TRUE;
}

static void
drag_begin_cb (GtkGestureDrag      *drag,
               double               x,
               double               y,
               DossierTimelineView *self)
{
  self->drag_start = self->start;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update_cb (GtkGestureDrag      *drag,
                double               dx,
                double               dy,
                DossierTimelineView *self)
{
  self->moved = TRUE;
  set_view (self, self->drag_start - dx / self->px_per_day, self->px_per_day);
}

static void
zoom_begin_cb (GtkGesture          *gesture,
               GdkEventSequence    *sequence,
               DossierTimelineView *self)
{
  self->zoom_px_per_day = self->px_per_day;
}

static void
zoom_scale_changed_cb (GtkGestureZoom      *gesture,
                       double               scale,
                       DossierTimelineView *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    x = view_width (self) / 2;
  zoom_at (self, self->zoom_px_per_day * scale / self->px_per_day, x);
}

static gboolean
zoom_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  dossier_timeline_view_zoom (DOSSIER_TIMELINE_VIEW (widget), g_variant_get_double (args));
  return TRUE;
}

static gboolean
pan_key_cb (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  DossierTimelineView *self = DOSSIER_TIMELINE_VIEW (widget);

  dossier_timeline_view_pan (self, g_variant_get_double (args) * view_width (self));
  return TRUE;
}

static gboolean
fit_key_cb (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  fit (DOSSIER_TIMELINE_VIEW (widget));
  return TRUE;
}

/* GObject */

static void
dossier_timeline_view_finalize (GObject *object)
{
  DossierTimelineView *self = (DossierTimelineView *) object;

  g_clear_handle_id (&self->changed_idle, g_source_remove);
  clear_buckets (self);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->reports, g_array_unref);

  G_OBJECT_CLASS (dossier_timeline_view_parent_class)->finalize (object);
}

static void
dossier_timeline_view_class_init (DossierTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dossier_timeline_view_finalize;
  widget_class->snapshot = dossier_timeline_view_snapshot;
  widget_class->measure = dossier_timeline_view_measure;
  widget_class->size_allocate = dossier_timeline_view_size_allocate;

  /* Emitted when the view is zoomed or panned. */
  signals[VISIBLE_RANGE_CHANGED] =
    g_signal_new ("visible-range-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_plus, 0, zoom_key_cb, "d", 1.5);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_equal, 0, zoom_key_cb, "d", 1.5);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Add, 0, zoom_key_cb, "d", 1.5);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_minus, 0, zoom_key_cb, "d", 1 / 1.5);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Subtract, 0, zoom_key_cb, "d",
                                1 / 1.5);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, pan_key_cb, "d", -0.125);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, pan_key_cb, "d", 0.125);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Up, 0, pan_key_cb, "d", -0.75);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Down, 0, pan_key_cb, "d", 0.75);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, fit_key_cb, NULL);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dossier_timeline_view_init (DossierTimelineView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  self->reports = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->px_per_day = 1.0;
  self->start = 700000;
  self->need_fit = TRUE;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}

/* Public */

GtkWidget *
dossier_timeline_view_new (void)
{
  return g_object_new (DOSSIER_TYPE_TIMELINE_VIEW, NULL);
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *sa = a, *sb = b;

  return sa->first < sb->first ? -1 : sa->first > sb->first;
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  guint32 da = *(const guint32 *) a, db = *(const guint32 *) b;

  return da < db ? -1 : da > db;
}

void
dossier_timeline_view_set_events (DossierTimelineView *self,
                                  GPtrArray           *events)
{
  g_autoptr(GHashTable) documents = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_if_fail (DOSSIER_IS_TIMELINE_VIEW (self));
  g_return_if_fail (events != NULL);

  g_ptr_array_ref (events);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  self->events = events;
  clear_buckets (self);
  g_array_set_size (self->spans, 0);
  g_array_set_size (self->reports, 0);
  for (guint i = 0; i < events->len; i++)
    {
      DossierEvent *event = events->pdata[i];
      GDate first, last;

      g_date_clear (&first, 1);
      g_date_clear (&last, 1);
      if (dossier_date_value_span (event->value, NULL, &first, &last))
        {
          Span span = { g_date_get_julian (&first), g_date_get_julian (&last) };

          g_array_append_val (self->spans, span);
        }
      if (event->document_date != NULL &&
          !g_hash_table_contains (documents, &event->document_id) &&
          dossier_date_value_span (event->document_date, NULL, &first, NULL))
        {
          guint32 day = g_date_get_julian (&first);

          g_hash_table_add (documents, &event->document_id);
          g_array_append_val (self->reports, day);
        }
    }
  g_array_sort (self->spans, compare_spans);
  g_array_sort (self->reports, compare_days);
  if (!self->moved)
    {
      if (gtk_widget_get_width (GTK_WIDGET (self)) > 0)
        fit (self);
      else
        self->need_fit = TRUE;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dossier_timeline_view_get_visible_range (DossierTimelineView *self,
                                         guint32             *first,
                                         guint32             *last)
{
  g_return_if_fail (DOSSIER_IS_TIMELINE_VIEW (self));

  if (first)
    *first = (guint32) floor (self->start);
  if (last)
    *last = (guint32) floor (self->start + view_width (self) / self->px_per_day);
}

void
dossier_timeline_view_set_visible_range (DossierTimelineView *self,
                                         guint32              first,
                                         guint32              last)
{
  double days;

  g_return_if_fail (DOSSIER_IS_TIMELINE_VIEW (self));
  g_return_if_fail (first <= last);

  /* A margin of a twentieth on either side, so no marker sits on the edge. */
  days = (last - first + 1) * 1.1;
  self->moved = TRUE;
  self->need_fit = FALSE;
  set_view (self, first - (last - first + 1) * 0.05, view_width (self) / days);
}

void
dossier_timeline_view_zoom (DossierTimelineView *self,
                            double               factor)
{
  g_return_if_fail (DOSSIER_IS_TIMELINE_VIEW (self));
  g_return_if_fail (factor > 0);

  zoom_at (self, factor, view_width (self) / 2);
}

void
dossier_timeline_view_fit (DossierTimelineView *self)
{
  g_return_if_fail (DOSSIER_IS_TIMELINE_VIEW (self));

  fit (self);
}

void
dossier_timeline_view_pan (DossierTimelineView *self,
                           double               pixels)
{
  g_return_if_fail (DOSSIER_IS_TIMELINE_VIEW (self));

  self->moved = TRUE;
  set_view (self, self->start + pixels / self->px_per_day, self->px_per_day);
}

DossierTimelineUnit
dossier_timeline_view_get_unit (DossierTimelineView *self)
{
  g_return_val_if_fail (DOSSIER_IS_TIMELINE_VIEW (self), DOSSIER_TIMELINE_YEARS);

  return unit_for (self->px_per_day);
}

guint
dossier_timeline_view_get_n_visible_markers (DossierTimelineView *self)
{
  DossierTimelineUnit unit;
  GArray *buckets;
  guint32 first, last;
  guint n = 0;

  g_return_val_if_fail (DOSSIER_IS_TIMELINE_VIEW (self), 0);

  unit = unit_for (self->px_per_day);
  buckets = get_buckets (self, unit, FALSE);
  dossier_timeline_view_get_visible_range (self, &first, &last);
  for (guint i = first_bucket_after (buckets, first);
       i < buckets->len && g_array_index (buckets, Bucket, i).start <= last; i++)
    n++;
  return n;
}
