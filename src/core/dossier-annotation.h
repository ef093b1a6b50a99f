/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "dossier-anchor.h"

G_BEGIN_DECLS

typedef enum {
  DOSSIER_ANNOTATION_HIGHLIGHT,
  DOSSIER_ANNOTATION_QUOTE,
  DOSSIER_ANNOTATION_CLAIM,
  DOSSIER_ANNOTATION_NOTE,
} DossierAnnotationKind;

#define DOSSIER_N_ANNOTATION_KINDS 4

const char *dossier_annotation_kind_to_string   (DossierAnnotationKind  kind);
/* Accepts the names of dossier_annotation_kind_to_string(); FALSE for anything else. */
gboolean    dossier_annotation_kind_from_string (const char            *name,
                                                 DossierAnnotationKind *kind);
/* "Highlight", "Quote", "Claim", "Note". */
const char *dossier_annotation_kind_label       (DossierAnnotationKind  kind);

typedef enum {
  DOSSIER_ANNOTATION_ANCHORED,
  DOSSIER_ANNOTATION_ORPHAN,   /* its passage is not in the current text; kept, listed */
} DossierAnnotationStatus;

const char *dossier_annotation_status_to_string (DossierAnnotationStatus status);

/* Admiralty code: source reliability A (completely reliable) to F (cannot be judged). */
gboolean    dossier_source_grade_is_valid       (const char            *grade);
/* Information credibility 1 (confirmed) to 6 (cannot be judged). */
const char *dossier_credibility_label           (int                    credibility);

#define DOSSIER_TYPE_ANNOTATION (dossier_annotation_get_type ())

G_DECLARE_FINAL_TYPE (DossierAnnotation, dossier_annotation, DOSSIER, ANNOTATION, GObject)

/**
 * DossierAnnotation:
 * An analyst's mark on a passage of one document, as stored.  The store fills the fields;
 * everyone else reads them.  A copy (dossier_annotation_copy()) is a snapshot: undo keeps
 * snapshots and writes them back with dossier_store_put_annotation().
 */
struct _DossierAnnotation
{
  GObject                 parent_instance;

  gint64                  id;
  gint64                  document_id;
  DossierAnnotationKind   kind;
  DossierSelector         selector;
  DossierAnnotationStatus status;
  /* Who said it (an entity) and the outlet that carried it (a source); 0 and NULL if none. */
  gint64                  speaker_id;
  char                   *speaker;
  gint64                  source_id;
  char                   *source;
  char                   *source_grade;   /* the source's reliability, A-F, or NULL */
  char                   *cue;            /* "said", "reported", "according to", or NULL */
  int                     credibility;    /* claims: 1-6; 0 when not graded */
  char                   *note;           /* never NULL */
  GStrv                   tags;           /* sorted, never NULL */
  char                   *origin;         /* "analyst" or "auto" */
  char                   *review;         /* "suggested", "confirmed" or "rejected" */
  char                   *created_at;     /* ISO 8601, UTC */
  char                   *modified_at;
};

DossierAnnotation *dossier_annotation_new  (void);
DossierAnnotation *dossier_annotation_copy (DossierAnnotation *self);

/**
 * DossierAnnotationFields:
 * What the analyst says about a passage: the input of dossier_store_add_annotation() and
 * dossier_store_update_annotation().  Names are matched to existing entities and sources
 * (sources also by alias, case-insensitively); a name not known yet is created.
 */
typedef struct {
  DossierAnnotationKind  kind;
  const char            *speaker;      /* NULL or "" for none */
  const char            *source;       /* NULL or "" for none */
  const char            *cue;
  int                    credibility;  /* 0, or 1-6 (claims only) */
  const char            *note;
  const char * const    *tags;         /* NULL-terminated, or NULL */
} DossierAnnotationFields;

/* Whether @annotation is a suggestion of automatic extraction not reviewed yet. */
gboolean dossier_annotation_is_suggestion (DossierAnnotation *self);

/* The fields of @annotation, pointing into it (valid while it lives). */
void dossier_annotation_get_fields (DossierAnnotation       *self,
                                    DossierAnnotationFields *fields);

G_END_DECLS
