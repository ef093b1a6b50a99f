/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-export"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-error.h"
#include "dossier-export.h"

/* Formats */

static const struct {
  const char *name;
  const char *extension;
} formats[DOSSIER_N_EXPORT_FORMATS] = {
  [DOSSIER_EXPORT_MARKDOWN] = { "md", "md" },
  [DOSSIER_EXPORT_HTML] = { "html", "html" },
  [DOSSIER_EXPORT_CSV] = { "csv", "csv" },
  [DOSSIER_EXPORT_JSON] = { "json", "json" },
  [DOSSIER_EXPORT_PDF] = { "pdf", "pdf" },
};

const char *
dossier_export_format_to_string (DossierExportFormat format)
{
  g_return_val_if_fail ((guint) format < DOSSIER_N_EXPORT_FORMATS, NULL);
  return formats[format].name;
}

gboolean
dossier_export_format_from_string (const char          *name,
                                   DossierExportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < DOSSIER_N_EXPORT_FORMATS; i++)
    if (g_ascii_strcasecmp (name, formats[i].name) == 0)
      {
        *format = (DossierExportFormat) i;
        return TRUE;
      }
  /* The long name people also type. */
  if (g_ascii_strcasecmp (name, "markdown") == 0)
    {
      *format = DOSSIER_EXPORT_MARKDOWN;
      return TRUE;
    }
  return FALSE;
}

const char *
dossier_export_format_extension (DossierExportFormat format)
{
  g_return_val_if_fail ((guint) format < DOSSIER_N_EXPORT_FORMATS, NULL);
  return formats[format].extension;
}

/* Helpers of the writers */

gboolean
dossier_export_is_bidi_control (gunichar c)
{
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

char *
dossier_export_clean_text_full (const char              *text,
                                DossierExportCleanFlags  flags)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  /* Most strings are printable ASCII: copied as they are (a large export cleans a million). */
  for (const char *p = text; ; p++)
    {
      if (*p == '\0')
        return g_strdup (text);
      if ((*p < 0x20 && *p != '\n') || *p >= 0x7f)
        break;
    }
  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t')
        g_string_append_c (out, c == '\t' ? ' ' : '\n');
      /* C0, DEL and C1 controls: an escape sequence in a terminal, invalid in HTML and XML. */
      else if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        continue;
      /* Line and paragraph separators end a line in some readers but not in others. */
      else if (c == 0x2028 || c == 0x2029)
        g_string_append_c (out, '\n');
      /* An override or embedding would reorder what follows it in the reader's view (a
       * spreadsheet cell, a Markdown preview, the report).  Shown rather than dropped, so that
       * the analyst sees the document carried one. */
      else if (dossier_export_is_bidi_control (c)
               && (flags & DOSSIER_EXPORT_CLEAN_KEEP_BIDI) == 0)
        g_string_append_printf (out, "<U+%04X>", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

char *
dossier_export_clean_text (const char *text)
{
  return dossier_export_clean_text_full (text, DOSSIER_EXPORT_CLEAN_DEFAULT);
}

gboolean
dossier_export_url_is_web (const char *url)
{
  if (url == NULL)
    return FALSE;
  if (g_ascii_strncasecmp (url, "https://", 8) != 0 && g_ascii_strncasecmp (url, "http://", 7) != 0)
    return FALSE;
  /* Nothing that could end the link early or hide in it. */
  for (const unsigned char *p = (const unsigned char *) url; *p != '\0'; p++)
    if (*p <= ' ' || *p == 0x7f || *p == '<' || *p == '>' || *p == '"' || *p == '\\'
        || *p == '`')
      return FALSE;
  if (!g_utf8_validate (url, -1, NULL) || strlen (url) <= strlen ("https://"))
    return FALSE;
  /* A link is written as it is (Markdown's autolink, the report's href): a bidirectional
   * control could make it read as another address. */
  for (const char *p = url; *p != '\0'; p = g_utf8_next_char (p))
    if (dossier_export_is_bidi_control (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

guint
dossier_export_paragraph (DossierDocument *document,
                          guint            offset)
{
  GArray *regions = dossier_document_get_regions (document);
  guint lo = 0;
  guint hi;

  if (regions == NULL || regions->len == 0)
    return 0;
  /* Regions are in text order: the last one starting at or before @offset holds it. */
  hi = regions->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (regions, DossierRegion, mid).start <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Collecting */

static void
export_document_free (DossierExportDocument *doc)
{
  g_clear_object (&doc->document);
  g_clear_pointer (&doc->annotations, g_ptr_array_unref);
  g_clear_pointer (&doc->events, g_ptr_array_unref);
  g_free (doc);
}

void
dossier_export_set_free (DossierExportSet *set)
{
  if (set == NULL)
    return;
  g_clear_pointer (&set->documents, g_ptr_array_unref);
  g_clear_pointer (&set->sources, g_ptr_array_unref);
  g_clear_pointer (&set->speakers, g_ptr_array_unref);
  g_free (set->workspace);
  g_free (set->generated_at);
  g_free (set->filter_summary);
  g_free (set);
}

/* The days of a filter date; DOSSIER_ERROR_INVALID naming @what when it is not one. */
static gboolean
parse_filter_date (const char  *value,
                   const char  *what,
                   GDate       *first,
                   GDate       *last,
                   GError     **error)
{
  gsize len = strlen (value);

  /* YYYY, YYYY-MM or YYYY-MM-DD only: a week makes no sense for a publication range. */
  if ((len == 4 || len == 7 || len == 10) && strchr (value, 'W') == NULL
      && dossier_date_value_span (value, NULL, first, last))
    return TRUE;
  g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
               "The %s date “%s” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", what, value);
  return FALSE;
}

/* Whether a document published on @published (NULL: undated) is inside [@from, @to]; a
 * bound not set is a GDate left invalid. */
static gboolean
published_in_range (const char  *published,
                    const GDate *from,
                    const GDate *to)
{
  GDate day;
  char year_month_day[11];

  if (!g_date_valid (from) && !g_date_valid (to))
    return TRUE;
  /* An undated document cannot be said to fall in a range. */
  if (published == NULL || strlen (published) < 4)
    return FALSE;
  /* A date with a time counts by its day; a year or month by its first day. */
  g_strlcpy (year_month_day, published, sizeof year_month_day);
  if (!dossier_date_value_span (year_month_day, NULL, &day, NULL))
    return FALSE;
  if (g_date_valid (from) && g_date_compare (&day, from) < 0)
    return FALSE;
  if (g_date_valid (to) && g_date_compare (&day, to) > 0)
    return FALSE;
  return TRUE;
}

static int
compare_documents (gconstpointer a,
                   gconstpointer b)
{
  const DossierExportDocument *da = *(DossierExportDocument * const *) a;
  const DossierExportDocument *db = *(DossierExportDocument * const *) b;
  const char *pa = dossier_document_get_published (da->document);
  const char *pb = dossier_document_get_published (db->document);
  gint64 ia = dossier_document_get_id (da->document);
  gint64 ib = dossier_document_get_id (db->document);
  int cmp;

  /* Undated documents last. */
  if ((pa == NULL) != (pb == NULL))
    return pa == NULL ? 1 : -1;
  cmp = g_strcmp0 (pa, pb);
  if (cmp != 0)
    return cmp;
  return ia < ib ? -1 : ia > ib;
}

static int
compare_names (const char *a,
               const char *b)
{
  int cmp = g_ascii_strcasecmp (a ? a : "", b ? b : "");

  return cmp != 0 ? cmp : g_strcmp0 (a, b);
}

static int
compare_sources (gconstpointer a,
                 gconstpointer b)
{
  const DossierSource *sa = *(DossierSource * const *) a;
  const DossierSource *sb = *(DossierSource * const *) b;

  return compare_names (sa->name, sb->name);
}

static int
compare_entities (gconstpointer a,
                  gconstpointer b)
{
  const DossierEntity *ea = *(DossierEntity * const *) a;
  const DossierEntity *eb = *(DossierEntity * const *) b;

  return compare_names (ea->name, eb->name);
}

/* "documents 3, 5, tag “sanctions”, quotes, 2024-05-01 to 2024-05-31", or "". */
static char *
summarize_filter (const DossierExportFilter *filter)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (filter->n_document_ids > 0)
    {
      GString *ids = g_string_new (filter->n_document_ids == 1 ? "document " : "documents ");

      for (guint i = 0; i < filter->n_document_ids; i++)
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "",
                                filter->document_ids[i]);
      g_ptr_array_add (parts, g_string_free (ids, FALSE));
    }
  if (filter->tag != NULL)
    g_ptr_array_add (parts, g_strdup_printf ("tag “%s”", filter->tag));
  if (filter->source != NULL)
    g_ptr_array_add (parts, g_strdup_printf ("source “%s”", filter->source));
  if (filter->speaker != NULL)
    g_ptr_array_add (parts, g_strdup_printf ("speaker “%s”", filter->speaker));
  if (filter->kind >= 0 && filter->kind < DOSSIER_N_ANNOTATION_KINDS)
    g_ptr_array_add (parts, g_ascii_strdown (dossier_annotation_kind_label (filter->kind), -1));
  if (filter->from != NULL && filter->to != NULL)
    g_ptr_array_add (parts, g_strdup_printf ("%s to %s", filter->from, filter->to));
  else if (filter->from != NULL)
    g_ptr_array_add (parts, g_strdup_printf ("from %s", filter->from));
  else if (filter->to != NULL)
    g_ptr_array_add (parts, g_strdup_printf ("up to %s", filter->to));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

/* Now, or SOURCE_DATE_EPOCH when set: the reproducible-builds convention, which lets tests
 * and scripts get byte-identical exports. */
static char *
export_timestamp (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr(GDateTime) now = NULL;

  if (epoch != NULL && *epoch != '\0')
    {
      char *end = NULL;
      gint64 seconds = g_ascii_strtoll (epoch, &end, 10);

      if (end != NULL && *end == '\0' && seconds >= 0)
        now = g_date_time_new_from_unix_utc (seconds);
    }
  if (now == NULL)
    now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Appends the annotations of one document, or of all, that pass @filter to @out. */
static gboolean
list_annotations (DossierStore               *store,
                  const DossierExportFilter  *filter,
                  gint64                      document_id,
                  GPtrArray                  *out,
                  GError                    **error)
{
  DossierAnnotationFilter af = DOSSIER_ANNOTATION_FILTER_INIT;
  g_autoptr(GPtrArray) annotations = NULL;

  af.document_id = document_id;
  af.kind = filter->kind;
  af.tag = filter->tag;
  af.source = filter->source;
  af.speaker = filter->speaker;
  /* Pending and rejected suggestions stay out (the filter's defaults). */
  annotations = dossier_store_list_annotations (store, &af, error);
  if (annotations == NULL)
    return FALSE;
  for (guint i = 0; i < annotations->len; i++)
    g_ptr_array_add (out, g_object_ref (g_ptr_array_index (annotations, i)));
  return TRUE;
}

/* Adds the document of @annotations (all of one document) to @set if it passes the date
 * range, with its events. */
static gboolean
add_document (DossierStore      *store,
              DossierExportSet  *set,
              GPtrArray         *annotations,
              const GDate       *from,
              const GDate       *to,
              GError           **error)
{
  DossierAnnotation *first = g_ptr_array_index (annotations, 0);
  g_autoptr(DossierDocument) document = NULL;
  DossierExportDocument *doc;
  GPtrArray *events;

  document = dossier_store_get_document (store, first->document_id, error);
  if (document == NULL)
    return FALSE;
  if (!published_in_range (dossier_document_get_published (document), from, to))
    return TRUE;
  events = dossier_store_list_events (store, first->document_id, error);
  if (events == NULL)
    return FALSE;
  doc = g_new0 (DossierExportDocument, 1);
  doc->document = g_steal_pointer (&document);
  doc->annotations = g_ptr_array_ref (annotations);
  doc->events = events;
  set->n_annotations += annotations->len;
  g_ptr_array_add (set->documents, doc);
  return TRUE;
}

/* The sources and speakers of the exported annotations, by name. */
static gboolean
collect_sources_and_speakers (DossierStore      *store,
                              DossierExportSet  *set,
                              GError           **error)
{
  g_autoptr(GHashTable) source_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) speaker_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) sources = NULL;
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < set->documents->len; i++)
    {
      DossierExportDocument *doc = g_ptr_array_index (set->documents, i);

      for (guint j = 0; j < doc->annotations->len; j++)
        {
          DossierAnnotation *a = g_ptr_array_index (doc->annotations, j);

          if (a->source_id != 0)
            g_hash_table_add (source_ids, &a->source_id);
          if (a->speaker_id != 0)
            g_hash_table_add (speaker_ids, &a->speaker_id);
        }
    }

  if (g_hash_table_size (source_ids) > 0)
    {
      /* One read of the whole list: there are a few hundred sources at most. */
      sources = dossier_store_list_sources (store, error);
      if (sources == NULL)
        return FALSE;
      for (guint i = 0; i < sources->len; i++)
        {
          DossierSource *source = g_ptr_array_index (sources, i);

          if (g_hash_table_contains (source_ids, &source->id))
            g_ptr_array_add (set->sources, g_object_ref (source));
        }
      g_ptr_array_sort (set->sources, compare_sources);
    }

  g_hash_table_iter_init (&iter, speaker_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      DossierEntity *entity = dossier_store_get_entity (store, *(gint64 *) key, error);

      if (entity == NULL)
        return FALSE;
      g_ptr_array_add (set->speakers, entity);
    }
  g_ptr_array_sort (set->speakers, compare_entities);
  return TRUE;
}

DossierExportSet *
dossier_export_collect (DossierStore               *store,
                        const DossierExportFilter  *filter,
                        GError                    **error)
{
  static const DossierExportFilter no_filter = DOSSIER_EXPORT_FILTER_INIT;
  g_autoptr(DossierExportSet) set = NULL;
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  GDate from;
  GDate to;
  guint group_start = 0;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (filter == NULL)
    filter = &no_filter;
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  if (filter->from != NULL && !parse_filter_date (filter->from, "from", &from, NULL, error))
    return NULL;
  if (filter->to != NULL && !parse_filter_date (filter->to, "to", NULL, &to, error))
    return NULL;
  if (g_date_valid (&from) && g_date_valid (&to) && g_date_compare (&from, &to) > 0)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                   "The date range %s to %s ends before it starts", filter->from, filter->to);
      return NULL;
    }

  set = g_new0 (DossierExportSet, 1);
  set->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) export_document_free);
  set->sources = g_ptr_array_new_with_free_func (g_object_unref);
  set->speakers = g_ptr_array_new_with_free_func (g_object_unref);
  set->workspace = g_path_get_basename (dossier_store_get_path (store));
  set->generated_at = export_timestamp ();
  set->filter_summary = summarize_filter (filter);

  if (filter->n_document_ids > 0)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

      g_return_val_if_fail (filter->document_ids != NULL, NULL);
      for (guint i = 0; i < filter->n_document_ids; i++)
        {
          g_autoptr(DossierDocument) document = NULL;
          const gint64 *id = &filter->document_ids[i];

          if (!g_hash_table_add (seen, (gpointer) id))
            continue;
          /* Each asked-for document must exist, even one with nothing to export. */
          document = dossier_store_get_document (store, *id, error);
          if (document == NULL)
            return NULL;
          if (!list_annotations (store, filter, *id, annotations, error))
            return NULL;
        }
    }
  else if (!list_annotations (store, filter, 0, annotations, error))
    return NULL;

  /* The store lists them grouped by document, in text order within each. */
  for (guint i = 1; i <= annotations->len; i++)
    {
      DossierAnnotation *a = g_ptr_array_index (annotations, group_start);
      g_autoptr(GPtrArray) group = NULL;

      if (i < annotations->len
          && ((DossierAnnotation *) g_ptr_array_index (annotations, i))->document_id
             == a->document_id)
        continue;
      group = g_ptr_array_new_full (i - group_start, g_object_unref);
      for (guint j = group_start; j < i; j++)
        g_ptr_array_add (group, g_object_ref (g_ptr_array_index (annotations, j)));
      if (!add_document (store, set, group, &from, &to, error))
        return NULL;
      group_start = i;
    }
  g_ptr_array_sort (set->documents, compare_documents);

  if (!collect_sources_and_speakers (store, set, error))
    return NULL;
  return g_steal_pointer (&set);
}

/* Writing a file */

void
dossier_export_write_text (const DossierExportSet *set,
                           DossierExportFormat     format,
                           GString                *out)
{
  switch (format)
    {
    case DOSSIER_EXPORT_MARKDOWN:
      dossier_export_write_markdown (set, out);
      break;
    case DOSSIER_EXPORT_HTML:
      dossier_export_write_html (set, out);
      break;
    case DOSSIER_EXPORT_CSV:
      dossier_export_write_csv (set, out);
      break;
    case DOSSIER_EXPORT_JSON:
      dossier_export_write_json (set, out);
      break;
    case DOSSIER_EXPORT_PDF:
    default:
      g_return_if_reached ();
    }
}

/* The file a failure was about, for a message: its path, or its URI when it has none. */
static char *
file_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return g_filename_display_name (path);
  return g_file_get_parse_name (file);
}

/* @error (G_FILE_ERROR, from g_file_set_contents_full()) as a G_IO_ERROR that names @file,
 * not the temporary file the message of GLib names, with the reason in a few words. */
static void
set_write_error (GError **error,
                 GFile   *file,
                 GError  *file_error)
{
  g_autofree char *name = file_display_name (file);
  const char *reason = NULL;

  if (file_error->domain == G_FILE_ERROR)
    {
      switch (file_error->code)
        {
        case G_FILE_ERROR_NOSPC:
          reason = "the disk is full";
          break;
        case G_FILE_ERROR_ACCES:
        case G_FILE_ERROR_PERM:
          reason = "permission denied";
          break;
        case G_FILE_ERROR_ROFS:
          reason = "the disk is read-only";
          break;
        case G_FILE_ERROR_NOENT:
        case G_FILE_ERROR_NOTDIR:
          reason = "the folder does not exist";
          break;
        case G_FILE_ERROR_ISDIR:
          reason = "it is a folder";
          break;
        case G_FILE_ERROR_NAMETOOLONG:
          reason = "the name is too long";
          break;
        default:
          break;
        }
      g_set_error (error, G_IO_ERROR, g_io_error_from_file_error (file_error->code), "%s: %s",
                   name, reason != NULL ? reason : file_error->message);
    }
  else if (file_error->domain == G_IO_ERROR && file_error->code == G_IO_ERROR_NO_SPACE)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "%s: the disk is full", name);
  else
    g_set_error (error, file_error->domain, file_error->code, "%s: %s", name,
                 file_error->message);
}

/* A file that is not on a local file system (a GVfs location): the same steps by hand, a
 * sibling written in full, closed, then moved over @file. */
static gboolean
write_file_through_gio (GFile         *file,
                        GBytes        *bytes,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *tmp_name = NULL;
  g_autoptr(GFile) tmp = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize written = 0;

  if (parent == NULL || base == NULL)
    {
      g_autofree char *name = file_display_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   "%s: not a file that can be written", name);
      return FALSE;
    }
  tmp_name = g_strdup_printf (".%s.%08x.tmp", base, g_random_int ());
  tmp = g_file_get_child (parent, tmp_name);
  out = g_file_create (tmp, G_FILE_CREATE_PRIVATE, cancellable, &local_error);
  if (out == NULL)
    {
      set_write_error (error, file, local_error);
      return FALSE;
    }
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), &written, cancellable, &local_error)
      || !g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &local_error)
      || !g_file_move (tmp, file, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, &local_error))
    {
      g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
      g_file_delete (tmp, NULL, NULL);
      set_write_error (error, file, local_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
dossier_export_write_file (GFile         *file,
                           GBytes        *bytes,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  int mode = 0666;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  path = g_file_get_path (file);
  if (path == NULL)
    return write_file_through_gio (file, bytes, cancellable, error);

  /* Not g_file_replace_contents(): after a failed write (a full disk) it still closes the
   * stream, which renames the partial temporary file over the target.  GLib's
   * g_file_set_contents_full() writes a temporary file in the same folder, fsyncs it and
   * renames it only when all of it was written, and removes it otherwise. */
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
    mode = (int) (st.st_mode & 0777);   /* a replaced file keeps its permissions */
  if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL),
                                 (gssize) g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, mode, &local_error))
    {
      set_write_error (error, file, local_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
dossier_export_to_file (DossierStore               *store,
                        const DossierExportFilter  *filter,
                        DossierExportFormat         format,
                        GFile                      *file,
                        guint                      *n_annotations,
                        GCancellable               *cancellable,
                        GError                    **error)
{
  g_autoptr(DossierExportSet) set = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), FALSE);
  g_return_val_if_fail ((guint) format < DOSSIER_N_EXPORT_FORMATS, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  set = dossier_export_collect (store, filter, error);
  if (set == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (format == DOSSIER_EXPORT_PDF)
    {
      bytes = dossier_export_render_pdf (set, error);
      if (bytes == NULL)
        return FALSE;
    }
  else
    {
      GString *out = g_string_new (NULL);

      dossier_export_write_text (set, format, out);
      bytes = g_string_free_to_bytes (out);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!dossier_export_write_file (file, bytes, cancellable, error))
    return FALSE;
  if (n_annotations != NULL)
    *n_annotations = set->n_annotations;
  return TRUE;
}
