/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DOSSIER_TYPE_SOURCE (dossier_source_get_type ())

G_DECLARE_FINAL_TYPE (DossierSource, dossier_source, DOSSIER, SOURCE, GObject)

/**
 * DossierSource:
 * An outlet or channel that carries claims (IRNA, Reuters, a post on X), as the analyst
 * grades it.  Filled by the store; read by everyone else.
 */
struct _DossierSource
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *kind;          /* "state-media", "news-agency", … (dossier_source_kinds()) */
  char    *country;       /* ISO 3166-1 alpha-2, or NULL */
  char    *reliability;   /* Admiralty grade A-F, or NULL when not graded */
  char    *notes;         /* never NULL */
  GStrv    aliases;       /* sorted, never NULL */
  char    *origin;        /* "registry" or "analyst" */
  guint    n_annotations; /* quotes and claims carried by this source */
};

DossierSource *dossier_source_new (void);

G_END_DECLS
