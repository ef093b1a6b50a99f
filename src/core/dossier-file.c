/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading a file the analyst named, which may be anything: a FIFO that never ends (or never
 * opens), /dev/zero, a file that grows while it is read, a /proc file whose size says 0.  Only
 * regular files are read, and never more than the limit, whatever the size said. */
/* O_CLOEXEC and S_ISSOCK are POSIX.1-2008, hidden by -std=c17 without this. */
#define _POSIX_C_SOURCE 200809L
#define G_LOG_DOMAIN "dossier-file"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dossier-error.h"
#include "dossier-file.h"

#define READ_CHUNK (256 * 1024)

static const char *
describe_mode (mode_t mode)
{
  if (S_ISFIFO (mode))
    return "a FIFO";
  if (S_ISCHR (mode))
    return "a character device";
  if (S_ISBLK (mode))
    return "a block device";
  if (S_ISSOCK (mode))
    return "a socket";
  return "not a plain file";
}

static char *
format_size (guint64 size)
{
  return g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
}

static void
set_too_large (GError     **error,
               const char  *name,
               guint64      size,
               gsize        limit,
               const char  *limit_name)
{
  g_autofree char *have = format_size (size);
  g_autofree char *max = format_size (limit);

  g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_TOO_LARGE, "%s: file is %s, over the %s %s",
               name, have, max, limit_name);
}

static void
set_read_error (GError     **error,
                const char  *name,
                GError      *local_error)
{
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, local_error);
  else
    {
      g_set_error (error, DOSSIER_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                     ? DOSSIER_ERROR_NOT_FOUND : DOSSIER_ERROR_FAILED,
                   "%s: %s", name, local_error->message);
      g_error_free (local_error);
    }
}

/* Reads the rest of @stream, at most @limit + 1 bytes: one byte more than the limit is
 * enough to know a file is over it, whatever its size said. */
static GBytes *
read_bounded (GInputStream  *stream,
              const char    *name,
              gsize          size_hint,
              gsize          limit,
              const char    *limit_name,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_sized_new ((guint) MIN (size_hint + 1, limit + 1));
  gsize total = 0;

  for (;;)
    {
      gsize want = MIN ((gsize) READ_CHUNK, limit + 1 - total);
      GError *local_error = NULL;
      gssize got;

      g_byte_array_set_size (buffer, (guint) (total + want));
      got = g_input_stream_read (stream, buffer->data + total, want, cancellable, &local_error);
      if (got < 0)
        {
          set_read_error (error, name, local_error);
          return NULL;
        }
      total += (gsize) got;
      if (got == 0)
        break;
      if (total > limit)
        {
          g_autofree char *max = format_size (limit);

          g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_TOO_LARGE, "%s: over the %s %s",
                       name, max, limit_name);
          return NULL;
        }
    }
  g_byte_array_set_size (buffer, (guint) total);
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/* A GFile that is no local path (a GVfs location): the same checks through GIO. */
static GBytes *
read_remote (GFile         *file,
             const char    *name,
             gsize          limit,
             const char    *limit_name,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  GError *local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info == NULL)
    {
      set_read_error (error, name, local_error);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID, "%s: is a folder, not a file",
                   name);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                   "%s: not a regular file", name);
      return NULL;
    }
  if ((guint64) g_file_info_get_size (info) > limit)
    {
      set_too_large (error, name, (guint64) g_file_info_get_size (info), limit, limit_name);
      return NULL;
    }
  if ((stream = g_file_read (file, cancellable, &local_error)) == NULL)
    {
      set_read_error (error, name, local_error);
      return NULL;
    }
  return read_bounded (G_INPUT_STREAM (stream), name, (gsize) g_file_info_get_size (info),
                       limit, limit_name, cancellable, error);
}

/**
 * dossier_file_read_bounded:
 * @limit: the most bytes the file may hold
 * @limit_name: what the limit is, for the message ("import limit")
 *
 * Reads the whole of @file, which must be a regular file (not a FIFO, a device, a socket or a
 * folder) of at most @limit bytes.  Opening does not block, even on a FIFO, and no more than
 * @limit + 1 bytes are ever read, so a file that grows while it is read, or whose size lies,
 * is refused too.
 *
 * Returns: (transfer full): the contents, or NULL with a DOSSIER_ERROR naming the file (or
 *   G_IO_ERROR_CANCELLED).
 */
GBytes *
dossier_file_read_bounded (GFile         *file,
                           gsize          limit,
                           const char    *limit_name,
                           GCancellable  *cancellable,
                           GError       **error)
{
  const char *path;
  g_autofree char *name = NULL;
  g_autoptr(GInputStream) stream = NULL;
  struct stat st;
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (limit < G_MAXUINT, NULL);

  path = g_file_peek_path (file);
  if (path == NULL)
    {
      name = g_file_get_basename (file);
      return read_remote (file, name, limit, limit_name, cancellable, error);
    }
  name = g_filename_display_basename (path);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, for ever. */
  do
    fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, DOSSIER_ERROR,
                   saved == ENOENT ? DOSSIER_ERROR_NOT_FOUND : DOSSIER_ERROR_FAILED,
                   "%s: %s", name, g_strerror (saved));
      return NULL;
    }
  /* The descriptor is checked, not the path: the file cannot be swapped in between. */
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      g_close (fd, NULL);
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_FAILED, "%s: %s", name,
                   g_strerror (saved));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_close (fd, NULL);
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID, "%s: is a folder, not a file",
                   name);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_close (fd, NULL);
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID, "%s: not a regular file (%s)",
                   name, describe_mode (st.st_mode));
      return NULL;
    }
  /* Refuse a file over the limit before reading any of it. */
  if (st.st_size > 0 && (guint64) st.st_size > limit)
    {
      g_close (fd, NULL);
      set_too_large (error, name, (guint64) st.st_size, limit, limit_name);
      return NULL;
    }
  /* The stream closes the descriptor. */
  stream = g_unix_input_stream_new (fd, TRUE);
  return read_bounded (stream, name, st.st_size > 0 ? (gsize) st.st_size : 0, limit,
                       limit_name, cancellable, error);
}
