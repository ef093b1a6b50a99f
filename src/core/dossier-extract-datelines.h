/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-extract.h"

G_BEGIN_DECLS

/* Adds to @entities (DossierEntityMention of the text @u, @n code points, in order of first
 * mention) the places that open a line as a dateline in capitals and that nothing else
 * found: "KAYES, Mali (Reuters) -", "AL-AIN, United Arab Emirates 2026-12-06", "TUBMANBURG —
 * Officials said".  Keeps the order. */
void dossier_extract_dateline_places (GPtrArray      *entities,
                                      const gunichar *u,
                                      guint           n);

G_END_DECLS
