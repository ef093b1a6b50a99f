/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-extract.h"

G_BEGIN_DECLS

/* Makes the mentions of cities in @entities (DossierEntityMention of the text @u, @n code
 * points, in order of first mention) that name sports clubs organisations: next to a club
 * word ("Manchester United", "Real Madrid"), in a results line ("Arsenal 2 Chelsea 0"), and
 * on a page with results or scores, before a score or next to a match verb ("beat Sevilla
 * 3-1").  Keeps the order. */
void dossier_extract_find_clubs (GPtrArray      *entities,
                                 const gunichar *u,
                                 guint           n);

G_END_DECLS
