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

G_END_DECLS
