/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-tag"

#include "dossier-tag.h"

G_DEFINE_FINAL_TYPE (DossierTag, dossier_tag, G_TYPE_OBJECT)

static void
dossier_tag_finalize (GObject *object)
{
  DossierTag *self = (DossierTag *) object;

  g_free (self->name);

  G_OBJECT_CLASS (dossier_tag_parent_class)->finalize (object);
}

static void
dossier_tag_class_init (DossierTagClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dossier_tag_finalize;
}

static void
dossier_tag_init (DossierTag *self)
{
}

DossierTag *
dossier_tag_new (gint64      id,
                 const char *name,
                 guint       n_annotations)
{
  DossierTag *self = g_object_new (DOSSIER_TYPE_TAG, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->n_annotations = n_annotations;
  return self;
}
