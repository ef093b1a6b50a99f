/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dossier-aho-corasick.h"
#include "dossier-entity.h"

G_BEGIN_DECLS

/*
 * The gazetteers of data/gazetteer/ (compiled into the library) and the outlets of the
 * source registry, as one word automaton.  Internal to the entity extractor; exposed so that
 * the tests can check the data.
 */

typedef enum {
  DOSSIER_GAZETTEER_COUNTRY,
  DOSSIER_GAZETTEER_CITY,           /* capitals (from countries.tsv) and cities.tsv */
  DOSSIER_GAZETTEER_REGION,
  DOSSIER_GAZETTEER_ORGANIZATION,
  DOSSIER_GAZETTEER_OUTLET,         /* the source registry */
  DOSSIER_GAZETTEER_TITLE,          /* a cue for names, not an entity */
} DossierGazetteerClass;

typedef struct {
  char                  *name;      /* canonical */
  DossierGazetteerClass  klass;
  DossierEntityKind      kind;      /* meaningless for titles */
  char                  *detail;    /* country of a city, type of an organisation or title,
                                     * kind of an outlet; may be NULL */
} DossierGazetteerEntry;

typedef enum {
  DOSSIER_GAZETTEER_FORM_NAME,
  DOSSIER_GAZETTEER_FORM_ALIAS,
  DOSSIER_GAZETTEER_FORM_DEMONYM,   /* "Iranian", "Iranians": a mention of the country */
} DossierGazetteerForm;

typedef enum {
  DOSSIER_GAZETTEER_FLAG_NONE = 0,
  /* Any case is accepted (titles: "foreign minister", "Foreign Minister").  Otherwise the
   * text must be written as the pattern is, or in capitals ("REUTERS"). */
  DOSSIER_GAZETTEER_FLAG_ANY_CASE = 1 << 0,
  /* An outlet name that is also an ordinary word or another name ("Fars", "Kan", "Petra"):
   * taken only next to a news cue ("Fars reported", "told Kan", "(Petra)"). */
  DOSSIER_GAZETTEER_FLAG_NEEDS_CUE = 1 << 1,
  /* Only after "on" ("wrote on X"). */
  DOSSIER_GAZETTEER_FLAG_AFTER_ON = 1 << 2,
} DossierGazetteerFlags;

typedef struct {
  guint                 entry;      /* index into entries */
  char                 *text;
  DossierGazetteerForm  form;
  DossierGazetteerFlags flags;
} DossierGazetteerPattern;

typedef struct {
  GPtrArray          *entries;      /* DossierGazetteerEntry */
  GArray             *patterns;     /* DossierGazetteerPattern; automaton ids index it */
  DossierAhoCorasick *automaton;
  GHashTable         *given_names;  /* set of first names ("Abbas", "Mikhail") */
  GHashTable         *folded_forms; /* set of every pattern's text, case folded */
} DossierGazetteer;

/* Loads data/gazetteer/ and the default source registry.  Fails, naming the file and line,
 * on a malformed row, a city in an unknown country, or one form given to two entries. */
DossierGazetteer       *dossier_gazetteer_new          (GError **error);
void                    dossier_gazetteer_free         (DossierGazetteer *gazetteer);

/* The gazetteer every extraction uses, loaded once. */
const DossierGazetteer *dossier_gazetteer_get_default  (void);

gboolean                dossier_gazetteer_is_given_name (const DossierGazetteer *gazetteer,
                                                         const char             *name);

/* Whether @text, in any case, is a form of an entry ("NATO", "Kayes" is not): what the
 * passes after the rules ask of a name the tagger may have guessed. */
gboolean                dossier_gazetteer_knows_form   (const DossierGazetteer *gazetteer,
                                                        const char             *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierGazetteer, dossier_gazetteer_free)

G_END_DECLS
