/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The timeline view's frame time with 50,000 events: the widget is snapshotted (as GTK does
 * for a frame, by its class snapshot function) and the render node rendered, at each zoom
 * level, panning a little between frames.  Needs a display (run under Xvfb); prints median and max milliseconds per frame and
 * fails when a median is over 16 ms.
 *
 *   bench-timeline [N_EVENTS] [FRAMES]
 */
#include <adwaita.h>
#include <stdlib.h>

#include "dossier-core.h"
#include "dossier-timeline-view.h"
#include "bench-common.h"

#define BUDGET_MS 16.0

/* Events from 2000 to 2025, a fifth of them in 2024, of every precision. */
static GPtrArray *
make_events (guint n)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_event_free);
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < n; i++)
    {
      DossierEvent *event = g_new0 (DossierEvent, 1);
      int year = g_rand_int_range (rand, 0, 5) == 0 ? 2024 : g_rand_int_range (rand, 2000, 2026);
      int month = g_rand_int_range (rand, 1, 13);
      int day = g_rand_int_range (rand, 1, 29);
      int kind = g_rand_int_range (rand, 0, 10);

      event->id = i + 1;
      event->document_id = i / 10 + 1;
      event->document_title = g_strdup_printf ("Document %u", i / 10 + 1);
      event->document_date = g_strdup_printf ("%04d-%02d-%02d", MIN (year + 1, 2025), month, day);
      if (kind < 6)
        event->value = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
      else if (kind < 8)
        event->value = g_strdup_printf ("%04d-%02d", year, month);
      else if (kind < 9)
        event->value = g_strdup_printf ("%04d-W%02d", year, g_rand_int_range (rand, 1, 53));
      else
        event->value = g_strdup_printf ("%04d", year);
      event->sentence = g_strdup ("Something happened.");
      event->note = g_strdup ("");
      event->entities = g_new0 (char *, 1);
      g_ptr_array_add (events, event);
    }
  g_rand_free (rand);
  return events;
}

static gboolean
mapped (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static double
frame (GtkWidget     *view,
       GskRenderer   *renderer,
       double        *render_ms)
{
  int width = gtk_widget_get_width (view);
  int height = gtk_widget_get_height (view);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 snapshotted;

  /* What gtk_widget_snapshot() runs for the widget, without the cache of its last node. */
  GTK_WIDGET_GET_CLASS (view)->snapshot (view, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  snapshotted = g_get_monotonic_time ();
  if (node != NULL)
    texture = gsk_renderer_render_texture (renderer, node,
                                           &GRAPHENE_RECT_INIT (0, 0, width, height));
  *render_ms = (g_get_monotonic_time () - snapshotted) / 1000.0;
  return (snapshotted - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  guint n_events = argc > 1 ? (guint) atoi (argv[1]) : 50000;
  guint n_frames = argc > 2 ? (guint) atoi (argv[2]) : 60;
  g_autoptr(GPtrArray) events = NULL;
  GtkWidget *window, *view;
  GDate a, b;
  struct {
    const char *name;
    const char *from;
    const char *to;
  } levels[] = {
    { "years (all)", NULL, NULL },
    { "months (2 years)", "2023-06-01", "2025-05-31" },
    { "weeks (4 months)", "2024-03-01", "2024-06-30" },
    { "days (4 weeks)", "2024-05-01", "2024-05-28" },
  };
  gboolean over = FALSE;

  gtk_init ();
  adw_init ();
  events = make_events (n_events);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 300);
  view = dossier_timeline_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  while (!mapped (view))
    g_main_context_iteration (NULL, TRUE);
  dossier_timeline_view_set_events (DOSSIER_TIMELINE_VIEW (view), events);

  g_print ("%u events, %d x %d pixels, %u frames per zoom level\n", n_events,
           gtk_widget_get_width (view), gtk_widget_get_height (view), n_frames);
  g_print ("%-18s %8s %10s %8s %8s %10s %10s\n", "zoom", "markers", "first ms",
           "median", "max", "render med", "render max");
  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) renders = g_array_new (FALSE, FALSE, sizeof (double));
      double first_ms, render_ms;
      double direction = 1;

      if (levels[l].from == NULL)
        dossier_timeline_view_fit (DOSSIER_TIMELINE_VIEW (view));
      else
        {
          g_date_clear (&a, 1);
          g_date_clear (&b, 1);
          dossier_date_value_span (levels[l].from, NULL, &a, NULL);
          dossier_date_value_span (levels[l].to, NULL, &b, NULL);
          dossier_timeline_view_set_visible_range (DOSSIER_TIMELINE_VIEW (view),
                                                   g_date_get_julian (&a),
                                                   g_date_get_julian (&b));
        }
      /* The first frame at a zoom level groups the events into that level's buckets. */
      first_ms = frame (view, gtk_native_get_renderer (GTK_NATIVE (window)),
                        &render_ms);
      for (guint i = 0; i < n_frames; i++)
        {
          double t;

          if (i % 20 == 0)
            direction = -direction;
          dossier_timeline_view_pan (DOSSIER_TIMELINE_VIEW (view), 7 * direction);
          t = frame (view, gtk_native_get_renderer (GTK_NATIVE (window)),
                     &render_ms);
          g_array_append_val (times, t);
          g_array_append_val (renders, render_ms);
        }
      g_array_sort (times, bench_compare_doubles);
      g_array_sort (renders, bench_compare_doubles);
      g_print ("%-18s %8u %10.2f %8.3f %8.3f %10.3f %10.3f\n", levels[l].name,
               dossier_timeline_view_get_n_visible_markers (DOSSIER_TIMELINE_VIEW (view)),
               first_ms,
               bench_sorted_at (times, 50),
               bench_sorted_at (times, 100),
               bench_sorted_at (renders, 50),
               bench_sorted_at (renders, 100));
      if (bench_sorted_at (times, 50) + bench_sorted_at (renders, 50) > BUDGET_MS)
        over = TRUE;
    }
  gtk_window_destroy (GTK_WINDOW (window));
  if (over)
    g_printerr ("a median frame (snapshot + render) is over %.0f ms\n", BUDGET_MS);
  return over ? EXIT_FAILURE : EXIT_SUCCESS;
}
