/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-source"

#include "dossier-source.h"

G_DEFINE_FINAL_TYPE (DossierSource, dossier_source, G_TYPE_OBJECT)

static void
dossier_source_finalize (GObject *object)
{
  DossierSource *self = (DossierSource *) object;

  g_free (self->name);
  g_free (self->kind);
  g_free (self->country);
  g_free (self->reliability);
  g_free (self->notes);
  g_strfreev (self->aliases);
  g_free (self->origin);

  G_OBJECT_CLASS (dossier_source_parent_class)->finalize (object);
}

static void
dossier_source_class_init (DossierSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dossier_source_finalize;
}

static void
dossier_source_init (DossierSource *self)
{
  self->notes = g_strdup ("");
  self->aliases = g_new0 (char *, 1);
}

DossierSource *
dossier_source_new (void)
{
  return g_object_new (DOSSIER_TYPE_SOURCE, NULL);
}
