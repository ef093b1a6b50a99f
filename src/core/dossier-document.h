/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "dossier-article.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_DOCUMENT (dossier_document_get_type ())

G_DECLARE_FINAL_TYPE (DossierDocument, dossier_document, DOSSIER, DOCUMENT, GObject)

/* A document as stored in a workspace.  Lists carry metadata only; the text and regions are
 * filled in by dossier_store_get_document(). */
DossierDocument  *dossier_document_new               (gint64            id);
gint64            dossier_document_get_id            (DossierDocument  *self);
const char       *dossier_document_get_title         (DossierDocument  *self);
const char       *dossier_document_get_outlet        (DossierDocument  *self);
const char       *dossier_document_get_byline        (DossierDocument  *self);
const char       *dossier_document_get_url           (DossierDocument  *self);
const char       *dossier_document_get_published     (DossierDocument  *self);
DossierPrecision  dossier_document_get_precision     (DossierDocument  *self);
const char       *dossier_document_get_language      (DossierDocument  *self);
const char       *dossier_document_get_format        (DossierDocument  *self);
const char       *dossier_document_get_source_name   (DossierDocument  *self);
const char       *dossier_document_get_sha256        (DossierDocument  *self);
const char       *dossier_document_get_imported_at   (DossierDocument  *self);
const char       *dossier_document_get_text          (DossierDocument  *self);
/* Array of DossierRegion, or NULL when the text was not loaded. */
GArray           *dossier_document_get_regions       (DossierDocument  *self);

/* For the store: fills the fields. */
void dossier_document_set_metadata (DossierDocument  *self,
                                    const char       *title,
                                    const char       *outlet,
                                    const char       *byline,
                                    const char       *url,
                                    const char       *published,
                                    DossierPrecision  precision,
                                    const char       *language,
                                    const char       *format,
                                    const char       *source_name,
                                    const char       *sha256,
                                    const char       *imported_at);
void dossier_document_set_text     (DossierDocument  *self,
                                    const char       *text,
                                    GArray           *regions);

G_END_DECLS
