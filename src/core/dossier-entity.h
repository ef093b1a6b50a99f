/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  DOSSIER_ENTITY_PERSON,
  DOSSIER_ENTITY_ORGANIZATION,
  DOSSIER_ENTITY_PLACE,
  DOSSIER_ENTITY_OUTLET,
} DossierEntityKind;

#define DOSSIER_N_ENTITY_KINDS 4

const char *dossier_entity_kind_to_string   (DossierEntityKind  kind);
gboolean    dossier_entity_kind_from_string (const char        *name,
                                             DossierEntityKind *kind);

#define DOSSIER_TYPE_ENTITY (dossier_entity_get_type ())

G_DECLARE_FINAL_TYPE (DossierEntity, dossier_entity, DOSSIER, ENTITY, GObject)

/**
 * DossierEntity:
 * A person, organisation, place or outlet named in the documents.  Filled by the store.
 */
struct _DossierEntity
{
  GObject            parent_instance;

  gint64             id;
  char              *name;
  DossierEntityKind  kind;
  GStrv              aliases;        /* sorted, never NULL */
  guint              n_annotations;  /* quotes and claims attributed to it */
};

DossierEntity *dossier_entity_new (void);

G_END_DECLS
