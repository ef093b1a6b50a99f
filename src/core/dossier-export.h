/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dossier-annotation.h"
#include "dossier-document.h"
#include "dossier-source.h"
#include "dossier-store.h"

G_BEGIN_DECLS

/* Exporting the analyst's annotations with their provenance (design.md "Export"). */

typedef enum {
  DOSSIER_EXPORT_MARKDOWN,
  DOSSIER_EXPORT_HTML,
  DOSSIER_EXPORT_CSV,
  DOSSIER_EXPORT_JSON,   /* W3C Web Annotation data model */
  DOSSIER_EXPORT_PDF,
} DossierExportFormat;

#define DOSSIER_N_EXPORT_FORMATS 5

/* "md", "html", "csv", "json", "pdf" (the CLI's --format names). */
const char *dossier_export_format_to_string   (DossierExportFormat  format);
gboolean    dossier_export_format_from_string (const char          *name,
                                               DossierExportFormat *format);
/* The file name extension, without the dot: "md", "html", "csv", "json", "pdf". */
const char *dossier_export_format_extension   (DossierExportFormat  format);

/* What to export.  Every field narrows the set; the INIT value exports every confirmed
 * annotation of the workspace (suggestions not yet reviewed and rejected ones are never
 * exported). */
typedef struct {
  const gint64 *document_ids;    /* NULL or @n_document_ids ids: only these documents */
  guint         n_document_ids;
  const char   *tag;             /* NULL, or a tag the annotation carries (any case) */
  const char   *source;          /* NULL, or a source (outlet) by name or alias */
  const char   *speaker;         /* NULL, or an entity by name or alias */
  int           kind;            /* a DossierAnnotationKind, or -1 for every kind */
  const char   *from;            /* NULL, or YYYY[-MM[-DD]]: documents published on or after */
  const char   *to;              /* NULL, or YYYY[-MM[-DD]]: documents published on or before */
} DossierExportFilter;

#define DOSSIER_EXPORT_FILTER_INIT { NULL, 0, NULL, NULL, NULL, -1, NULL, NULL }

/* One document of an export with its annotations and events. */
typedef struct {
  DossierDocument *document;     /* metadata and text (dossier_store_get_document()) */
  GPtrArray       *annotations;  /* DossierAnnotation that passed the filter, text order */
  GPtrArray       *events;       /* DossierEvent of the document (not rejected), date order */
} DossierExportDocument;

/* Everything an export writes, read from the store in one go, so that the writers never touch
 * the store (and can run on a worker thread over a snapshot). */
typedef struct {
  GPtrArray  *documents;         /* DossierExportDocument, by publication date, then id;
                                  * documents with no annotation that passed are left out */
  GPtrArray  *sources;           /* DossierSource carrying an exported annotation, by name */
  GPtrArray  *speakers;          /* DossierEntity speaking in an exported annotation, by name */
  guint       n_annotations;     /* across the documents */
  char       *workspace;         /* the workspace file's base name */
  char       *generated_at;      /* ISO 8601, UTC */
  char       *filter_summary;    /* "tag “sanctions”, 2024-05-01 to 2024-05-31", or "" */
} DossierExportSet;

void dossier_export_set_free (DossierExportSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierExportSet, dossier_export_set_free)

/* Reads what @filter selects.  DOSSIER_ERROR_NOT_FOUND for a document id, tag, source or
 * speaker the workspace does not have; DOSSIER_ERROR_INVALID for a malformed date. */
DossierExportSet *dossier_export_collect (DossierStore               *store,
                                          const DossierExportFilter  *filter,
                                          GError                    **error);

/* Helpers shared by the writers. */

/* @text (NULL: "") as valid UTF-8 without control characters: tabs become spaces, line and
 * paragraph separators newlines, every other C0, DEL and C1 character is dropped, and each
 * bidirectional embedding, override or isolate control becomes a visible "<U+202E>" (see
 * dossier_export_is_bidi_control()). */
char     *dossier_export_clean_text (const char      *text);

typedef enum {
  DOSSIER_EXPORT_CLEAN_DEFAULT   = 0,
  /* Leaves bidirectional controls in the text: for a writer that escapes them itself (JSON
   * writes them as \u202e, which keeps the text exact for re-anchoring and is inert). */
  DOSSIER_EXPORT_CLEAN_KEEP_BIDI = 1 << 0,
} DossierExportCleanFlags;

char     *dossier_export_clean_text_full (const char              *text,
                                          DossierExportCleanFlags  flags);
/* Whether @c is one of the controls that reorder the text around them until they are closed
 * (or the paragraph ends): U+202A-U+202E (embeddings, overrides, pop) and U+2066-U+2069
 * (isolates).  A quote or note holding one can display differently from what it says (the
 * "Trojan Source" trick).  The marks U+200E, U+200F and U+061C are not among them: they are
 * common in right-to-left text and only affect the neutral characters next to them. */
gboolean  dossier_export_is_bidi_control (gunichar    c);
/* Whether @url may become a link: http or https, with no space, control character, quote,
 * angle bracket, backslash, backtick or bidirectional control in it. */
gboolean  dossier_export_url_is_web (const char      *url);
/* The paragraph (region, counted from 1) of @document that holds the code point @offset, or
 * 0 when the document has no regions loaded. */
guint     dossier_export_paragraph  (DossierDocument *document,
                                     guint            offset);

/* The text formats, appended to @out.  Every string from the workspace is escaped for the
 * format: it cannot become markup, a link other than http(s), or a spreadsheet formula. */
void dossier_export_write_markdown (const DossierExportSet *set,
                                    GString                *out);
void dossier_export_write_html     (const DossierExportSet *set,
                                    GString                *out);
void dossier_export_write_csv      (const DossierExportSet *set,
                                    GString                *out);
void dossier_export_write_json     (const DossierExportSet *set,
                                    GString                *out);
/* One of the four writers above, by @format (not DOSSIER_EXPORT_PDF). */
void dossier_export_write_text     (const DossierExportSet *set,
                                    DossierExportFormat     format,
                                    GString                *out);
/* The report as PDF (Pango and Cairo), in memory. */
GBytes  *dossier_export_render_pdf (const DossierExportSet  *set,
                                    GError                 **error);
/* The report as PDF, written to @path as dossier_export_write_file() does. */
gboolean dossier_export_write_pdf  (const DossierExportSet  *set,
                                    const char              *path,
                                    GError                 **error);

/* Writes @bytes to @file through a temporary file in the same folder, which replaces @file
 * only once everything is written and flushed to disk; on failure the temporary file is
 * removed and an existing @file is left untouched.  The error is in the G_IO_ERROR domain and
 * names @file: "notes.pdf: the disk is full". */
gboolean dossier_export_write_file (GFile         *file,
                                    GBytes        *bytes,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* Collects and writes @format to @file with dossier_export_write_file(): a failed export
 * leaves any earlier file as it was and no partial file behind.  Safe on a worker thread with
 * a store of its own. */
gboolean dossier_export_to_file (DossierStore               *store,
                                 const DossierExportFilter  *filter,
                                 DossierExportFormat         format,
                                 GFile                      *file,
                                 guint                      *n_annotations,
                                 GCancellable               *cancellable,
                                 GError                    **error);

/* Importing annotations back: our JSON export, or Hypothesis' annotation JSON (an array of
 * annotations, or an object with "rows"). */

typedef enum {
  DOSSIER_ANNOTATION_IMPORTED,    /* anchored and stored */
  DOSSIER_ANNOTATION_DUPLICATE,   /* the document already has this annotation */
  DOSSIER_ANNOTATION_UNMATCHED,   /* no document of the workspace matches (an orphan) */
  DOSSIER_ANNOTATION_NOT_ANCHORED /* its document is here but the quote is not in it */
} DossierAnnotationImportStatus;

typedef struct {
  DossierAnnotationImportStatus  status;
  gint64                         annotation_id;  /* the stored annotation, or 0 */
  gint64                         document_id;    /* the document it matched, or 0 */
  char                          *matched_by;     /* "url", "hash" or "quote", or NULL */
  char                          *exact;          /* the quoted words, for the report */
  char                          *target;         /* the source URL or title, for the report */
} DossierAnnotationImport;

void dossier_annotation_import_free (DossierAnnotationImport *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierAnnotationImport, dossier_annotation_import_free)

/* Reads @path and stores its annotations, each in the document it matches (by URL, then by
 * content hash, then by its quote), re-anchored in that document's text.  Returns the
 * DossierAnnotationImport of every annotation in the file, in file order; NULL with @error
 * when the file cannot be read or is neither format (nothing is stored then). */
GPtrArray *dossier_store_import_annotations (DossierStore  *store,
                                             const char    *path,
                                             GError       **error);
gboolean   dossier_annotations_check_data   (const char    *data,
                                             gsize          length,
                                             const char    *name,
                                             guint         *n_annotations,
                                             GError       **error);

G_END_DECLS
