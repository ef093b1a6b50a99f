/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-extract.h"
#include "dossier-ner.h"

G_BEGIN_DECLS

/* Adds to @entities (the rules' DossierEntityMention of @text, in order of first mention)
 * the names @model finds where the rules found none, outside captions and boilerplate and
 * outside @reserved (DossierSpan in code points, in text order, or NULL: words the rules read
 * and left unmarked on purpose, such as demonyms); keeps the order.  Does nothing when
 * @model is NULL (no model could be loaded). */
void dossier_extract_add_learned (GPtrArray             *entities,
                                  const char            *text,
                                  gsize                  length,
                                  GArray                *regions,
                                  const GArray          *reserved,
                                  const DossierNerModel *model);

G_END_DECLS
