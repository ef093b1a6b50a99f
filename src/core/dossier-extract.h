/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "dossier-article.h"
#include "dossier-entity.h"

G_BEGIN_DECLS

/*
 * Automatic extraction: pure functions over a document's normalized text (and its regions and
 * date).  All offsets are Unicode code points into the text, end exclusive.  Nothing here
 * touches the store; the results become suggestions there (origin "auto").
 */

/* A [start, end) span in code points. */
typedef struct {
  guint start;
  guint end;
} DossierSpan;

/* Regions: captions ("(credit: AGENCY/NAME)", photo captions), boilerplate (newsletter and
 * subscription prompts, share lines, "Read more"), headlines (including a headline spliced
 * into the body), paragraphs for the rest.  Takes the importer's regions and refines them;
 * returns a new GArray of DossierRegion in text order, covering the same text. */
GArray     *dossier_extract_regions  (const char   *text,
                                      GArray       *regions);

/* Whether [start, end) lies (even partly) in a caption or boilerplate region. */
gboolean    dossier_regions_is_furniture (GArray *regions,
                                          guint   start,
                                          guint   end);

/* Dates */

typedef enum {
  DOSSIER_DATE_DAY,
  DOSSIER_DATE_WEEK,
  DOSSIER_DATE_MONTH,
  DOSSIER_DATE_YEAR,
} DossierDatePrecision;

const char *dossier_date_precision_to_string (DossierDatePrecision precision);

typedef struct {
  guint                 start;
  guint                 end;
  char                 *text;       /* the expression as written */
  char                 *value;      /* TimeML / ISO 8601: 2024, 2024-05, 2024-05-19, 2024-W21 */
  DossierDatePrecision  precision;
  gboolean              relative;   /* resolved against the document date ("last week") */
} DossierDateMention;

void dossier_date_mention_free (DossierDateMention *mention);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierDateMention, dossier_date_mention_free)

/* The date the text was written, YYYY-MM-DD: @document_date when given (metadata), otherwise
 * inferred from absolute dates in the text (the latest full date near the start), or NULL. */
char       *dossier_extract_anchor_date (const char *text,
                                         const char *document_date);

/* Dates in text order (DossierDateMention), resolved against @anchor_date (YYYY-MM-DD, may be
 * NULL: then relative expressions that need it are skipped). */
GPtrArray  *dossier_extract_dates    (const char   *text,
                                      const char   *anchor_date);

/* Entities */

typedef struct {
  char              *name;       /* canonical: the longest, most complete form */
  DossierEntityKind  kind;
  GPtrArray         *aliases;    /* char *: other spellings seen in the text */
  GArray            *mentions;   /* DossierSpan, text order */
} DossierEntityMention;

/* A new entity named @name of @kind, with no alias and no mention yet. */
DossierEntityMention *dossier_entity_mention_new  (const char            *name,
                                                   DossierEntityKind      kind);
void                  dossier_entity_mention_free (DossierEntityMention  *entity);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierEntityMention, dossier_entity_mention_free)

/* Entities in order of first mention (DossierEntityMention): gazetteer matches (countries,
 * capitals, demonyms, organisations, news agencies and state media, titles) and capitalized
 * name sequences with title cues; possessives stripped ("Iran's" is Iran); a surname alone
 * joined to the full name mentioned in the document; transliteration variants (Araghchi /
 * Araqchi, Al-Thani / Al Thani) grouped as one entity with aliases. */
GPtrArray  *dossier_extract_entities (const char   *text,
                                      GArray       *regions);

/* A key under which transliteration variants of a name meet ("araghchi" and "araqchi"
 * alike); exposed so the store can propose merges across documents. */
char       *dossier_name_variant_key (const char   *name);

/* Quotes */

typedef struct {
  guint  start;            /* the quoted words, without the quote marks */
  guint  end;
  char  *text;
  char  *speaker;          /* NULL when the text names none */
  int    speaker_start;    /* -1 when there is no speaker */
  int    speaker_end;
  char  *outlet;           /* the outlet that carried it ("IRNA"), or NULL */
  char  *cue;              /* "said", "according to", …, or NULL */
} DossierQuoteMention;

void dossier_quote_mention_free (DossierQuoteMention *quote);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierQuoteMention, dossier_quote_mention_free)

/* Direct quotations in text order (DossierQuoteMention): curly and straight quote marks,
 * quotes running across paragraphs (and across a caption inserted in the middle),
 * unterminated quotes; the speaker from a cue verb before or after; the outlet from "IRNA
 * reported", "according to Iran's IRNA", "the report said" (the outlet last named), "wrote on
 * X".  Nothing is taken from caption or boilerplate regions. */
GPtrArray  *dossier_extract_quotes   (const char   *text,
                                      GArray       *regions);

/* Everything at once */

/* A dated event for the timeline: a date mention, the sentence it dates, and the entities
 * mentioned in that sentence. */
typedef struct {
  guint   date;             /* index into DossierExtraction.dates */
  guint   sentence_start;
  guint   sentence_end;
  GArray *entities;         /* guint: indexes into DossierExtraction.entities */
} DossierEventMention;

typedef struct {
  char      *anchor_date;   /* YYYY-MM-DD the relative dates were resolved against, or NULL */
  GArray    *regions;       /* DossierRegion, refined (dossier_extract_regions) */
  GPtrArray *entities;      /* DossierEntityMention */
  GPtrArray *dates;         /* DossierDateMention */
  GPtrArray *quotes;        /* DossierQuoteMention */
  GPtrArray *events;        /* DossierEventMention, in text order */
} DossierExtraction;

void dossier_extraction_free (DossierExtraction *extraction);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierExtraction, dossier_extraction_free)

/* Runs every extractor over a document's text: regions refined first, then entities, dates
 * (against the metadata date @document_date, YYYY-MM-DD or NULL, else one inferred from the
 * text), quotes (never from captions or boilerplate) and events.  @regions are the
 * importer's, or NULL. */
DossierExtraction *dossier_extract_all (const char *text,
                                        GArray     *regions,
                                        const char *document_date);

G_END_DECLS
