/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-entity"

#include "dossier-entity.h"

static const char * const kind_names[DOSSIER_N_ENTITY_KINDS] = {
  [DOSSIER_ENTITY_PERSON] = "person",
  [DOSSIER_ENTITY_ORGANIZATION] = "organization",
  [DOSSIER_ENTITY_PLACE] = "place",
  [DOSSIER_ENTITY_OUTLET] = "outlet",
};

const char *
dossier_entity_kind_to_string (DossierEntityKind kind)
{
  g_return_val_if_fail ((guint) kind < DOSSIER_N_ENTITY_KINDS, NULL);

  return kind_names[kind];
}

gboolean
dossier_entity_kind_from_string (const char        *name,
                                 DossierEntityKind *kind)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < DOSSIER_N_ENTITY_KINDS; i++)
    if (g_ascii_strcasecmp (name, kind_names[i]) == 0)
      {
        *kind = (DossierEntityKind) i;
        return TRUE;
      }
  return FALSE;
}

G_DEFINE_FINAL_TYPE (DossierEntity, dossier_entity, G_TYPE_OBJECT)

static void
dossier_entity_finalize (GObject *object)
{
  DossierEntity *self = (DossierEntity *) object;

  g_free (self->name);
  g_strfreev (self->aliases);

  G_OBJECT_CLASS (dossier_entity_parent_class)->finalize (object);
}

static void
dossier_entity_class_init (DossierEntityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dossier_entity_finalize;
}

static void
dossier_entity_init (DossierEntity *self)
{
  self->aliases = g_new0 (char *, 1);
}

DossierEntity *
dossier_entity_new (void)
{
  return g_object_new (DOSSIER_TYPE_ENTITY, NULL);
}
