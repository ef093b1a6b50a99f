/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* Helpers shared by the test programs. */

/* The shared folder with the seeds and the corpus, or NULL (the test then skips). */
static inline char *
test_shared_dir (const char *sub)
{
  const char *dir = g_getenv ("DOSSIER_SHARED_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, sub, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_steal_pointer (&path);
}

/* The text covered by a region, as a new string. */
static inline char *
test_region_text (const char *text,
                  guint       start,
                  guint       end)
{
  const char *a = g_utf8_offset_to_pointer (text, start);
  const char *b = g_utf8_offset_to_pointer (text, end);

  return g_strndup (a, (gsize) (b - a));
}

static inline char *
test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("dossier-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
test_rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          test_rm_rf (child);
        }
      g_dir_close (dir);
    }
  g_remove (path);
}
