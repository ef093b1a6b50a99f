/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-extract.h"

G_BEGIN_DECLS

/* Names in lines written in capitals or in title case (headlines, labels: "SUDAN ARMY SAYS
 * RSF PUSHED BACK", "Tinubu Signs Electoral Bill") that @entities (DossierEntityMention of the text @u, @n code points) name elsewhere in the
 * text: each becomes a mention of that entity, in place of what the line alone suggested
 * ("PERTAMINA" a place, "ESTRADA UNITED" an entity apart from Estrada United).  Keeps the
 * order. */
void dossier_extract_headline_names (GPtrArray      *entities,
                                     const gunichar *u,
                                     guint           n);

G_END_DECLS
