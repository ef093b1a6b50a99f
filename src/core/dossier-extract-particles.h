/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-extract.h"

G_BEGIN_DECLS

/* Extends the mentions of people in @entities (DossierEntityMention of the text @u, @n code
 * points) over lower-case particles and the capitalized word after them ("Maria Fernanda" +
 * "de la Torre", "Khadija Ahmed" + "el-Nur"), where no other mention stands. */
void dossier_extract_extend_particles (GPtrArray      *entities,
                                       const gunichar *u,
                                       guint           n);

/* A person named in full whose first name is also a place ("Israel Katz", "Jordan
 * Bardella"): where the place's mention is followed by the rest of that name, the whole is a
 * mention of the person (the place's mention, and the surname's, give way). */
void dossier_extract_place_first_names (GPtrArray      *entities,
                                        const gunichar *u,
                                        guint           n);

G_END_DECLS
