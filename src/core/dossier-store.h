/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dossier-article.h"
#include "dossier-document.h"

G_BEGIN_DECLS

/* The schema version this build writes.  Each version is one numbered migration. */
#define DOSSIER_SCHEMA_VERSION 1

#define DOSSIER_TYPE_STORE (dossier_store_get_type ())

G_DECLARE_FINAL_TYPE (DossierStore, dossier_store, DOSSIER, STORE, GObject)

/**
 * DossierStore:
 * One connection to a workspace file.  A store is used from one thread at a time; a
 * worker opens its own.  All SQL of Dossier lives in dossier-store*.c.
 */
DossierStore *dossier_store_open            (const char    *path,
                                             GError       **error);
const char   *dossier_store_get_path        (DossierStore  *self);
int           dossier_store_get_schema_version (DossierStore *self);
/* The backup made before the last migration of this file, or NULL. */
const char   *dossier_store_get_backup_path (DossierStore  *self);

/* The default workspace: $XDG_DATA_HOME/dossier/workspace.dossier. */
char         *dossier_store_default_path    (void);

/* Groups many writes in one transaction (bulk import).  Each document written inside is
 * still all-or-nothing on its own: a failing one is rolled back to its savepoint. */
gboolean      dossier_store_begin_batch     (DossierStore  *self,
                                             GError       **error);
gboolean      dossier_store_commit_batch    (DossierStore  *self,
                                             GError       **error);
void          dossier_store_rollback_batch  (DossierStore  *self);

/* Stores an imported article with its original bytes.  A file whose SHA-256 is already in
 * the workspace is refused with DOSSIER_ERROR_DUPLICATE, and *id is set to the document
 * that has it. */
gboolean      dossier_store_add_document    (DossierStore    *self,
                                             DossierArticle  *article,
                                             GBytes          *original,
                                             const char      *source_name,
                                             gint64          *id,
                                             GError         **error);
/* Replaces the text, regions, metadata and original bytes of a document. */
gboolean      dossier_store_update_document (DossierStore    *self,
                                             gint64           id,
                                             DossierArticle  *article,
                                             GBytes          *original,
                                             GError         **error);
gboolean      dossier_store_remove_document (DossierStore    *self,
                                             gint64           id,
                                             GError         **error);
gint64        dossier_store_count_documents (DossierStore    *self,
                                             GError         **error);
/* Metadata only, newest published first (then newest imported). */
GPtrArray    *dossier_store_list_documents  (DossierStore    *self,
                                             GError         **error);
/* Metadata, text and regions. */
DossierDocument *dossier_store_get_document (DossierStore    *self,
                                             gint64           id,
                                             GError         **error);
GBytes       *dossier_store_get_original    (DossierStore    *self,
                                             gint64           id,
                                             GError         **error);

typedef struct {
  gint64  id;
  char   *title;
  char   *snippet;     /* plain text with "…" where it was cut */
  GArray *highlights;  /* of guint pairs: [start, end) code points into snippet */
  double  rank;        /* bm25: lower is better */
} DossierSearchHit;

void dossier_search_hit_free (DossierSearchHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierSearchHit, dossier_search_hit_free)

/* Full-text search over titles and texts.  @query is what a person types: words (all must
 * match), "quoted phrases", and word* prefixes; FTS5 operators in it are taken as words.
 * Returns DossierSearchHit, best first. */
GPtrArray    *dossier_store_search          (DossierStore    *self,
                                             const char      *query,
                                             guint            limit,
                                             GError         **error);

/* Where the hit's first highlighted match lies in the document's @text, in code points:
 * found through the snippet, which is verbatim text; FALSE when the snippet came from the
 * title and the word is not in the text. */
gboolean      dossier_search_hit_locate     (const DossierSearchHit *hit,
                                             const char             *text,
                                             guint                  *start,
                                             guint                  *end);

/* Turns what a person types into an FTS5 MATCH expression (exposed for tests); NULL when
 * the query has no searchable word. */
char         *dossier_search_query_to_fts   (const char      *query);

G_END_DECLS
