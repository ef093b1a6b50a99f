/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-core.h"
#include "dossier-window.h"
#include "test-common.h"

/* Helpers shared by the display tests (suite "ui"): waiting for the main loop to reach a
 * state, and screenshots of what a widget drew. */

static inline void
wait_for (gboolean (*done) (gpointer),
          gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static inline gboolean
mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static inline gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static inline void
set_true (gpointer  instance,
          gboolean *flag)
{
  *flag = TRUE;
}

/* Lets queued work (idles, relayout, a frame, a search entry's delay) run for @ms
 * milliseconds. */
static inline void
settle_for (int ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5000);
    }
}

/* Lets queued work (idles, relayout, a frame) run. */
static inline void
settle (void)
{
  settle_for (300);
}

/* The widget as drawn, once a frame has laid it out (a paintable made while a relayout is
 * pending is empty). */
static inline void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("screenshot-%s.png", name);
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ?: ".", file, NULL);
  int width = 0, height = 0;

  /* Let animations (a revealer sliding, an entry row's title moving up) end. */
  settle ();
  for (int attempt = 0; node == NULL; attempt++)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      gboolean painted = FALSE;
      GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
      gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (set_true), &painted);

      g_assert_cmpint (attempt, <, 50);
      gtk_widget_queue_draw (widget);
      wait_for (is_true, &painted);
      g_signal_handler_disconnect (clock, id);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* The visible toplevel window of @type (the last one, if several), or NULL. */
static inline gpointer
find_toplevel (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gpointer found = NULL;

  for (GList *l = toplevels; l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

/* Destroys every toplevel window, dialogs first (as closing the app would), and lets the
 * main loop finish with them. */
static inline void
destroy_windows (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  /* Held while destroying: a dialog may go with its parent.  Destroying a window twice does
   * nothing. */
  for (GList *l = toplevels; l; l = l->next)
    g_object_ref (l->data);
  for (GList *l = toplevels; l; l = l->next)
    if (gtk_window_get_transient_for (l->data) != NULL)
      gtk_window_destroy (l->data);
  for (GList *l = toplevels; l; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free_full (toplevels, g_object_unref);
  settle ();
}

/* The main window on @store, @width by @height, shown and mapped; the settings it was given
 * in *@settings. */
static inline DossierWindow *
open_window (DossierStore  *store,
             int            width,
             int            height,
             GSettings    **settings)
{
  DossierWindow *window;

  *settings = g_settings_new ("io.github.dossier.Dossier");
  g_settings_set_int (*settings, "window-width", width);
  g_settings_set_int (*settings, "window-height", height);
  window = dossier_window_new (NULL, store, *settings);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (mapped, window);
  return window;
}

/* Checks that nothing holds @store any more (call destroy_windows () first), then removes
 * @dir, the temporary folder that held the workspace, and frees it. */
static inline void
finalize_workspace (DossierStore *store,
                    char         *dir)
{
  g_assert_finalize_object (store);
  test_rm_rf (dir);
  g_free (dir);
}

/* GTK and libadwaita, with the app's style sheet: AdwApplication loads it, and the tests have
 * no application. */
static inline void
test_ui_init (void)
{
  g_autoptr(GtkCssProvider) css = NULL;

  gtk_init ();
  adw_init ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/dossier/Dossier/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
