/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "dossier-annotation.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_ANNOTATION_ROW (dossier_annotation_row_get_type ())

G_DECLARE_FINAL_TYPE (DossierAnnotationRow, dossier_annotation_row, DOSSIER, ANNOTATION_ROW,
                      GtkWidget)

/* One annotation in the panel: kind, passage, who said it via which outlet, tags, note. */
GtkWidget *dossier_annotation_row_new            (void);
void       dossier_annotation_row_set_annotation (DossierAnnotationRow *self,
                                                  DossierAnnotation    *annotation);

/* "Aleksandr Voronin via NorPress (B) · said", or NULL when there is nothing to say. */
char      *dossier_annotation_describe_attribution (DossierAnnotation *annotation);



/* For tests: the row's text as shown (markup). */
const char *dossier_annotation_row_get_details (DossierAnnotationRow *self);
G_END_DECLS
