/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DOSSIER_TYPE_TAG (dossier_tag_get_type ())

G_DECLARE_FINAL_TYPE (DossierTag, dossier_tag, DOSSIER, TAG, GObject)

/* A tag of the workspace and how many annotations carry it.  Filled by the store. */
struct _DossierTag
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  guint    n_annotations;
};

DossierTag *dossier_tag_new (gint64      id,
                             const char *name,
                             guint       n_annotations);

G_END_DECLS
