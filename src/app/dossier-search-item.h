/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_SEARCH_ITEM (dossier_search_item_get_type ())

G_DECLARE_FINAL_TYPE (DossierSearchItem, dossier_search_item, DOSSIER, SEARCH_ITEM, GObject)

/* One full-text search result, for list views. */
DossierSearchItem *dossier_search_item_new           (const DossierSearchHit *hit);
gint64             dossier_search_item_get_id        (DossierSearchItem      *self);
const char        *dossier_search_item_get_title     (DossierSearchItem      *self);
/* The snippet as Pango markup, the matches in bold; every other character escaped. */
const char        *dossier_search_item_get_markup    (DossierSearchItem      *self);
/* The first matched word of the snippet, for selecting it in the document. */
const char        *dossier_search_item_get_first_match (DossierSearchItem    *self);
/* Where the first match lies in the document's text (see dossier_search_hit_locate()). */
gboolean           dossier_search_item_locate        (DossierSearchItem      *self,
                                                      const char             *text,
                                                      guint                  *start,
                                                      guint                  *end);

G_END_DECLS
