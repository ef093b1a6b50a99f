/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-extract.h"

G_BEGIN_DECLS

/* Adds to @entities (DossierEntityMention of the text @u, @n code points, in order of first
 * mention) the players that results and scoreboards list: a name before a bracket with a
 * number or a country in a line with numbers ("Taro Inoue (78)", "Daniel Okafor (Nigeria)
 * 19.87"), a batsman before a dismissal and the fielders and bowlers after "c", "st" and "b"
 * ("Asif Qureshi lbw b Harper 2").  Keeps the order. */
void dossier_extract_scoreboard_people (GPtrArray      *entities,
                                        const gunichar *u,
                                        guint           n);

G_END_DECLS
