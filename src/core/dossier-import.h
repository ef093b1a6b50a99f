/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dossier-article.h"

G_BEGIN_DECLS

/* Files larger than this are refused before they are read. */
#define DOSSIER_IMPORT_MAX_BYTES (20 * 1024 * 1024)

typedef enum {
  DOSSIER_FORMAT_AUTO,
  DOSSIER_FORMAT_TEXT,
  DOSSIER_FORMAT_HTML,
} DossierFormat;

/* Plain text: UTF-8 with or without BOM, UTF-16 with BOM; a leading block of
 * "key value" metadata lines (date, title, source, url, author).  @name is used in error
 * messages only. */
DossierArticle *dossier_text_import (const char  *data,
                                     gsize        len,
                                     const char  *name,
                                     GError     **error);

/* HTML: the article's own text and its metadata, parsed with libxml2 without network
 * access or entity expansion. */
DossierArticle *dossier_html_import (const char  *data,
                                     gsize        len,
                                     const char  *name,
                                     GError     **error);

/* Chooses the format from @name's extension and, failing that, from the content. */
DossierFormat   dossier_import_guess_format (const char *name,
                                             const char *data,
                                             gsize       len);

/* Checks size and sniffs for binary content, then runs the right importer. */
DossierArticle *dossier_import_bytes (GBytes         *bytes,
                                      const char     *name,
                                      DossierFormat   format,
                                      GError        **error);

/* Reads a file (refusing it before reading when it is over the cap) and imports it. On
 * success *contents holds the original bytes. */
DossierArticle *dossier_import_file  (GFile          *file,
                                      DossierFormat   format,
                                      GBytes        **contents,
                                      GCancellable   *cancellable,
                                      GError        **error);

/* Internal to the importers: the character-set checks shared by text and HTML. Converts
 * UTF-16 with a BOM, strips a UTF-8 BOM, refuses NUL bytes and invalid UTF-8 naming the
 * byte offset.  Returns newly allocated UTF-8. */
char *dossier_import_decode (const char  *data,
                             gsize        len,
                             const char  *name,
                             gsize       *out_len,
                             GError     **error);

G_END_DECLS
