/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dossier-annotation.h"
#include "dossier-article.h"
#include "dossier-document.h"
#include "dossier-entity.h"
#include "dossier-extract.h"
#include "dossier-source.h"
#include "dossier-tag.h"

G_BEGIN_DECLS

/* The schema version this build writes.  Each version is one numbered migration. */
#define DOSSIER_SCHEMA_VERSION 4

#define DOSSIER_TYPE_STORE (dossier_store_get_type ())

G_DECLARE_FINAL_TYPE (DossierStore, dossier_store, DOSSIER, STORE, GObject)

/**
 * DossierStore:
 * One connection to a workspace file.  A store is used from one thread at a time; a
 * worker opens its own.  All SQL of Dossier lives in dossier-store*.c.
 */
DossierStore *dossier_store_open            (const char    *path,
                                             GError       **error);
const char   *dossier_store_get_path        (DossierStore  *self);
int           dossier_store_get_schema_version (DossierStore *self);
/* The backup made before the last migration of this file, or NULL. */
const char   *dossier_store_get_backup_path (DossierStore  *self);

/* The default workspace: $XDG_DATA_HOME/dossier/workspace.dossier. */
char         *dossier_store_default_path    (void);

/* Groups many writes in one transaction (bulk import).  Each document written inside is
 * still all-or-nothing on its own: a failing one is rolled back to its savepoint. */
gboolean      dossier_store_begin_batch     (DossierStore  *self,
                                             GError       **error);
/* The same without a savepoint per document, which costs the full-text index a flush each:
 * a document that fails half-way then spoils the batch (dossier_store_batch_is_spoiled()),
 * which the caller rolls back and writes again with dossier_store_begin_batch().  A
 * duplicate is found before anything is written and spoils nothing. */
gboolean      dossier_store_begin_fast_batch (DossierStore *self,
                                              GError      **error);
gboolean      dossier_store_batch_is_spoiled (DossierStore *self);
gboolean      dossier_store_commit_batch    (DossierStore  *self,
                                             GError       **error);
void          dossier_store_rollback_batch  (DossierStore  *self);

/* Stores an imported article with its original bytes.  A file whose SHA-256 is already in
 * the workspace is refused with DOSSIER_ERROR_DUPLICATE, and *id is set to the document
 * that has it. */
gboolean      dossier_store_add_document    (DossierStore    *self,
                                             DossierArticle  *article,
                                             GBytes          *original,
                                             const char      *source_name,
                                             gint64          *id,
                                             GError         **error);
/* What happened to a document's annotations when its text was replaced. */
typedef struct {
  guint unchanged;     /* still at the same offsets */
  guint moved;         /* the same quote, found elsewhere */
  guint approximate;   /* placed on a close match */
  guint orphaned;      /* not found: kept and listed as orphans */
} DossierReanchorReport;

/* Replaces the text, regions, metadata and original bytes of a document, and re-anchors its
 * annotations in the new text (@report may be NULL), all in one transaction. */
gboolean      dossier_store_update_document (DossierStore          *self,
                                             gint64                 id,
                                             DossierArticle        *article,
                                             GBytes                *original,
                                             DossierReanchorReport *report,
                                             GError               **error);
gboolean      dossier_store_remove_document (DossierStore    *self,
                                             gint64           id,
                                             GError         **error);
gint64        dossier_store_count_documents (DossierStore    *self,
                                             GError         **error);
/* Metadata only, newest published first (then newest imported). */
GPtrArray    *dossier_store_list_documents  (DossierStore    *self,
                                             GError         **error);
/* Metadata, text and regions. */
DossierDocument *dossier_store_get_document (DossierStore    *self,
                                             gint64           id,
                                             GError         **error);
GBytes       *dossier_store_get_original    (DossierStore    *self,
                                             gint64           id,
                                             GError         **error);

typedef struct {
  gint64  id;
  char   *title;
  char   *snippet;     /* plain text with "…" where it was cut */
  GArray *highlights;  /* of guint pairs: [start, end) code points into snippet */
  double  rank;        /* bm25: lower is better */
} DossierSearchHit;

void dossier_search_hit_free (DossierSearchHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierSearchHit, dossier_search_hit_free)

/* Full-text search over titles and texts.  @query is what a person types: words (all must
 * match), "quoted phrases", and word* prefixes; FTS5 operators in it are taken as words.
 * Returns DossierSearchHit, best first. */
GPtrArray    *dossier_store_search          (DossierStore    *self,
                                             const char      *query,
                                             guint            limit,
                                             GError         **error);

/* Where the hit's first highlighted match lies in the document's @text, in code points:
 * found through the snippet, which is verbatim text; FALSE when the snippet came from the
 * title and the word is not in the text. */
gboolean      dossier_search_hit_locate     (const DossierSearchHit *hit,
                                             const char             *text,
                                             guint                  *start,
                                             guint                  *end);

/* Annotations.  Every call is its own committed transaction: the analyst's work is on disk
 * when it returns. */

/* Annotates the code points [@start, @end) of document @document_id; returns the new
 * annotation's id, or 0 with @error set. */
gint64        dossier_store_add_annotation  (DossierStore                  *self,
                                             gint64                         document_id,
                                             guint                          start,
                                             guint                          end,
                                             const DossierAnnotationFields *fields,
                                             GError                       **error);
gboolean      dossier_store_update_annotation (DossierStore                *self,
                                               gint64                       id,
                                               const DossierAnnotationFields *fields,
                                               GError                     **error);
gboolean      dossier_store_remove_annotation (DossierStore                *self,
                                               gint64                       id,
                                               GError                     **error);
/* Writes @annotation exactly as given (id, selector, status, fields, tags, times), inserting
 * it if its id is not stored: how undo brings back a deleted or edited annotation. */
gboolean      dossier_store_put_annotation  (DossierStore                  *self,
                                             DossierAnnotation             *annotation,
                                             GError                       **error);
DossierAnnotation *dossier_store_get_annotation (DossierStore              *self,
                                                 gint64                     id,
                                                 GError                   **error);

typedef struct {
  gint64      document_id;   /* 0: every document */
  int         kind;          /* a DossierAnnotationKind, or -1 for every kind */
  const char *tag;           /* NULL: any; matched case-insensitively */
  const char *source;        /* NULL: any; a source name or alias */
  const char *speaker;       /* NULL: any; an entity name */
  gboolean    suggested;     /* also extraction's suggestions not yet reviewed */
  gboolean    rejected;      /* also suggestions the analyst rejected */
} DossierAnnotationFilter;

#define DOSSIER_ANNOTATION_FILTER_INIT { 0, -1, NULL, NULL, NULL, FALSE, FALSE }

/* DossierAnnotation in document, then text order; orphans after the anchored ones of their
 * document.  @filter may be NULL. */
GPtrArray    *dossier_store_list_annotations (DossierStore                  *self,
                                              const DossierAnnotationFilter *filter,
                                              GError                       **error);
/* The anchored annotations of a document that contain the code point @offset, innermost
 * (shortest) first. */
GPtrArray    *dossier_store_annotations_at  (DossierStore                  *self,
                                             gint64                         document_id,
                                             guint                          offset,
                                             GError                       **error);

/* Entities (speakers).  Extraction adds mentions in a later schema. */
GPtrArray    *dossier_store_list_entities   (DossierStore    *self,
                                             GError         **error);
/* The entity called @name (or with that alias), created as @kind if there is none. */
gint64        dossier_store_ensure_entity   (DossierStore       *self,
                                             const char         *name,
                                             DossierEntityKind   kind,
                                             GError            **error);

/* Automatic extraction.  Its results are suggestions (origin "auto") until the analyst
 * confirms or rejects them; a rejected one stays hidden and is not proposed again. */

typedef struct {
  guint entities;   /* entities the document mentions */
  guint mentions;   /* new suggested mentions */
  guint events;     /* new suggested dated events */
  guint quotes;     /* new suggested quotes */
} DossierExtractionCounts;

/* Stores an imported article (as dossier_store_add_document()) with what @extraction found
 * in it, all in one write: the refined regions, and the entities, mentions, dated events
 * and quotes as suggestions.  @extraction is dossier_extract_all() of @article. */
gboolean      dossier_store_add_extracted_document (DossierStore            *self,
                                                    DossierArticle          *article,
                                                    const DossierExtraction *extraction,
                                                    GBytes                  *original,
                                                    const char              *source_name,
                                                    gint64                  *id,
                                                    GError                 **error);
/* Runs the extractors again over a stored document and replaces its pending suggestions;
 * what the analyst confirmed or rejected stays as it is.  @counts may be NULL. */
gboolean      dossier_store_reextract       (DossierStore             *self,
                                             gint64                    document_id,
                                             DossierExtractionCounts  *counts,
                                             GError                  **error);

typedef enum {
  DOSSIER_REVIEW_SUGGESTED,
  DOSSIER_REVIEW_CONFIRMED,
  DOSSIER_REVIEW_REJECTED,
} DossierReview;

const char *dossier_review_to_string   (DossierReview  review);
gboolean    dossier_review_from_string (const char    *name,
                                        DossierReview *review);

typedef enum {
  DOSSIER_SUGGESTION_ENTITY,   /* an entity mention */
  DOSSIER_SUGGESTION_DATE,     /* a dated event */
  DOSSIER_SUGGESTION_QUOTE,    /* a quote annotation */
} DossierSuggestionKind;

const char *dossier_suggestion_kind_to_string   (DossierSuggestionKind  kind);
gboolean    dossier_suggestion_kind_from_string (const char            *name,
                                                 DossierSuggestionKind *kind);

typedef struct {
  DossierSuggestionKind kind;
  gint64                id;           /* of the mention, event or annotation */
  gint64                document_id;
  guint                 start;        /* code points into the document's text */
  guint                 end;
  char                 *text;         /* the words at [start, end) */
  char                 *label;        /* entity name; date value; the speaker, or NULL */
  char                 *detail;       /* entity kind; date precision; the outlet, or NULL */
  DossierReview         review;
} DossierSuggestion;

void dossier_suggestion_free (DossierSuggestion *suggestion);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierSuggestion, dossier_suggestion_free)

/* DossierSuggestion of one document (or of all when @document_id is 0), in document and text
 * order: only the pending ones, or also those reviewed when @include_reviewed. */
GPtrArray    *dossier_store_list_suggestions (DossierStore  *self,
                                              gint64         document_id,
                                              gboolean       include_reviewed,
                                              GError       **error);
/* Confirms, rejects, or (undo) puts back as pending one suggestion.  Editing a suggested
 * quote with dossier_store_update_annotation() also confirms it. */
gboolean      dossier_store_review_suggestion (DossierStore           *self,
                                               DossierSuggestionKind   kind,
                                               gint64                  id,
                                               DossierReview           review,
                                               GError                **error);

/* A dated event of the timeline: a date in a document, its sentence and the entities
 * mentioned there. */
typedef struct {
  gint64                id;
  gint64                document_id;
  char                 *document_title;
  char                 *document_date;   /* the document's published date, or NULL */
  guint                 start;           /* the date expression, code points */
  guint                 end;
  char                 *expression;      /* "last week" */
  char                 *value;           /* "2024-W24" */
  DossierDatePrecision  precision;
  gboolean              uncertain;       /* resolved from a relative expression */
  guint                 sentence_start;
  guint                 sentence_end;
  char                 *sentence;
  GStrv                 entities;        /* names, in order of mention; never NULL */
  DossierReview         review;
  char                 *document_outlet; /* the document's outlet, or NULL */
  char                 *note;            /* the analyst's note on it; never NULL */
  gboolean              analyst;         /* added by the analyst (dossier_store_add_event()) */
} DossierEvent;

void dossier_event_free (DossierEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierEvent, dossier_event_free)

/* DossierEvent of one document (0: all), in date order (as dossier_store_list_timeline()),
 * then document and position; those rejected are left out. */
GPtrArray    *dossier_store_list_events     (DossierStore  *self,
                                             gint64         document_id,
                                             GError       **error);

/* Two entities of one kind whose names are transliteration variants of each other
 * ("Araghchi" and "Araqchi"), found in different documents. */
typedef struct {
  gint64             entity_id;
  char              *name;
  gint64             other_id;
  char              *other_name;
  DossierEntityKind  kind;
} DossierMergeProposal;

void dossier_merge_proposal_free (DossierMergeProposal *proposal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierMergeProposal, dossier_merge_proposal_free)

/* The merges to propose (DossierMergeProposal), leaving out those dismissed. */
GPtrArray    *dossier_store_list_merge_proposals (DossierStore  *self,
                                                  GError       **error);
/* Makes @other_id part of @entity_id: its name and aliases become aliases, its mentions,
 * events and attributed quotes move over, and it is removed. */
gboolean      dossier_store_merge_entities  (DossierStore  *self,
                                             gint64         entity_id,
                                             gint64         other_id,
                                             GError       **error);
/* "These two are different": the pair is no longer proposed. */
gboolean      dossier_store_dismiss_merge   (DossierStore  *self,
                                             gint64         entity_id,
                                             gint64         other_id,
                                             GError       **error);

/* Sources (outlets).  New workspaces start with the built-in registry. */
GPtrArray    *dossier_store_list_sources    (DossierStore    *self,
                                             GError         **error);
/* By name or alias, case-insensitively; NULL with DOSSIER_ERROR_NOT_FOUND. */
DossierSource *dossier_store_find_source    (DossierStore    *self,
                                             const char      *name,
                                             GError         **error);
/* @grade: A-F, or NULL to clear. */
gboolean      dossier_store_set_source_grade (DossierStore   *self,
                                              const char     *name,
                                              const char     *grade,
                                              GError        **error);
/* Writes kind, country, reliability, notes and aliases of @source (by id). */
gboolean      dossier_store_update_source   (DossierStore    *self,
                                             DossierSource   *source,
                                             GError         **error);
gint64        dossier_store_add_source      (DossierStore    *self,
                                             const char      *name,
                                             const char      *kind,
                                             GError         **error);

/* Tags with their annotation counts, by name. */
GPtrArray    *dossier_store_list_tags       (DossierStore    *self,
                                             GError         **error);
/* Renames a tag; when @new_name is already a tag, the two are merged. */
gboolean      dossier_store_rename_tag      (DossierStore    *self,
                                             const char      *old_name,
                                             const char      *new_name,
                                             GError         **error);
/* Removes the tag from every annotation. */
gboolean      dossier_store_delete_tag      (DossierStore    *self,
                                             const char      *name,
                                             GError         **error);

/* The analyst's free notes on a document ("" when none). */
char         *dossier_store_get_document_note (DossierStore  *self,
                                               gint64         document_id,
                                               GError       **error);
gboolean      dossier_store_set_document_note (DossierStore  *self,
                                               gint64         document_id,
                                               const char    *body,
                                               GError       **error);

/* Turns what a person types into an FTS5 MATCH expression (exposed for tests); NULL when
 * the query has no searchable word. */
char         *dossier_search_query_to_fts   (const char      *query);

/* The entity sidebar and the timeline (dossier-store-entities.c).  Every call that writes is
 * its own committed transaction, as the annotation calls are. */

/* An entity with what the workspace holds about it: a row of the entity sidebar. */
typedef struct {
  gint64             id;
  char              *name;
  DossierEntityKind  kind;
  GStrv              aliases;            /* sorted, never NULL */
  guint              mentions;           /* in the workspace, not rejected */
  guint              documents;          /* documents with such a mention */
  guint              document_mentions;  /* those in the document asked about */
  guint              quotes;             /* confirmed quotes and claims it is the speaker of */
  GStrv              outlets;            /* the sources that carried those; sorted, never NULL */
} DossierEntityStats;

void dossier_entity_stats_free (DossierEntityStats *stats);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierEntityStats, dossier_entity_stats_free)

/* DossierEntityStats of the workspace's entities, by kind (in DossierEntityKind order), then
 * most mentioned first, then name.  @document_id (0: none) is the document whose mentions
 * document_mentions counts; @filter_text (NULL: all) keeps the entities whose name or an
 * alias contains it, ignoring case; @kind is a DossierEntityKind, or -1 for every kind.
 * Left out unless they speak in a confirmed quote or claim: entities whose mentions were all
 * rejected, those rejected with dossier_store_reject_entity(), and those extraction made
 * with no mention (the speaker of a quote it suggested).  A few grouped reads whatever the
 * number of entities, but on a large workspace (100,000 entities, a million mentions) they
 * take a few hundred milliseconds: the app calls this from a worker with its own store. */
GPtrArray    *dossier_store_list_entity_stats (DossierStore  *self,
                                               gint64         document_id,
                                               const char    *filter_text,
                                               int            kind,
                                               GError       **error);

/* The entity called @name or with it as an alias (ignoring ASCII case), of @kind or, with
 * -1, of any kind.  0 with DOSSIER_ERROR_NOT_FOUND when there is none, and with
 * DOSSIER_ERROR_INVALID (naming them) when several entities of different kinds answer to it
 * and @kind is -1. */
gint64        dossier_store_find_entity     (DossierStore  *self,
                                             const char    *name,
                                             int            kind,
                                             GError       **error);

/* One entity: name, kind, sorted aliases, and in n_annotations the confirmed quotes and
 * claims it speaks in; or NULL with DOSSIER_ERROR_NOT_FOUND. */
DossierEntity *dossier_store_get_entity     (DossierStore  *self,
                                             gint64         id,
                                             GError       **error);

/* An entity's mention, as stored. */
typedef struct {
  gint64         id;
  gint64         entity_id;
  gint64         document_id;
  guint          start;       /* code points into the document's text */
  guint          end;
  char          *exact;       /* the words at [start, end) */
  DossierReview  review;      /* suggested or confirmed: rejected ones are not listed */
} DossierMention;

void dossier_mention_free (DossierMention *mention);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierMention, dossier_mention_free)

/* DossierMention of entity @entity_id that are not rejected, in document and text order:
 * in one document, or in all when @document_id is 0.  What the reading pane marks when an
 * entity is chosen in the sidebar.  DOSSIER_ERROR_NOT_FOUND for an unknown entity. */
GPtrArray    *dossier_store_list_entity_mentions (DossierStore  *self,
                                                  gint64         entity_id,
                                                  gint64         document_id,
                                                  GError       **error);
/* The documents (gint64 ids, ascending) with a mention of @entity_id that is not rejected:
 * the library filtered by an entity.  DOSSIER_ERROR_NOT_FOUND for an unknown entity. */
GArray       *dossier_store_list_entity_documents (DossierStore  *self,
                                                   gint64         entity_id,
                                                   GError       **error);

/* Renames an entity; its old name becomes an alias, so extraction still finds it by that.
 * When @new_name is already the name or an alias of another entity of the same kind, fails
 * with DOSSIER_ERROR_DUPLICATE naming that entity: the two should be merged instead
 * (dossier_store_merge_entities()). */
gboolean      dossier_store_rename_entity   (DossierStore       *self,
                                             gint64              id,
                                             const char         *new_name,
                                             GError            **error);
/* Makes an entity a person, organization, place or outlet; DOSSIER_ERROR_DUPLICATE when one
 * of that kind has its name already (merge them instead). */
gboolean      dossier_store_set_entity_kind (DossierStore       *self,
                                             gint64              id,
                                             DossierEntityKind   kind,
                                             GError            **error);
/* Adds another name for an entity (no-op when it is its name or an alias already);
 * DOSSIER_ERROR_DUPLICATE when another entity of the same kind has that name or alias. */
gboolean      dossier_store_add_entity_alias (DossierStore      *self,
                                              gint64             id,
                                              const char        *alias,
                                              GError           **error);
/* Removes an alias; DOSSIER_ERROR_NOT_FOUND when the entity has no such alias. */
gboolean      dossier_store_remove_entity_alias (DossierStore   *self,
                                                 gint64          id,
                                                 const char     *alias,
                                                 GError        **error);
/* "This alias is somebody else": makes a new entity of the same kind named @alias, moves to
 * it the mentions of @entity_id whose words are @alias (ignoring case), removes the alias,
 * and marks the two as different (no longer proposed for a merge).  *new_id (may be NULL)
 * is the new entity's.  DOSSIER_ERROR_NOT_FOUND when @alias is not an alias of @entity_id;
 * DOSSIER_ERROR_DUPLICATE when an entity of that kind is already called @alias. */
gboolean      dossier_store_split_alias     (DossierStore       *self,
                                             gint64              entity_id,
                                             const char         *alias,
                                             gint64             *new_id,
                                             GError            **error);
/* "Not an entity": rejects every mention of it and marks it rejected, so that extraction
 * does not suggest it again, in this document or any other (re-extracted or new). */
gboolean      dossier_store_reject_entity   (DossierStore       *self,
                                             gint64              id,
                                             GError            **error);
/* Undoes dossier_store_reject_entity(): the entity is listed and suggested again, and
 * @mentions (DossierMention, as dossier_store_list_entity_mentions() listed them before the
 * rejection) get back their review. */
gboolean      dossier_store_restore_entity  (DossierStore       *self,
                                             gint64              id,
                                             GPtrArray          *mentions,
                                             GError            **error);

/* Events the analyst dates by hand.  Their origin is the analyst and they count as
 * confirmed: re-extraction and document updates never remove them. */

/* The days a date value covers, and its precision: "2024" is the year, "2024-05" the month,
 * "2024-05-19" the day, "2024-W21" that ISO week from Monday to Sunday, "2024-W21-WE" its
 * weekend.  FALSE when @value is none of these or no real date.  @precision, @first and
 * @last may be NULL. */
gboolean      dossier_date_value_span       (const char            *value,
                                             DossierDatePrecision  *precision,
                                             GDate                 *first,
                                             GDate                 *last);

/* Dates the words [@start, @end) of a document as @value (a date value of @precision, see
 * dossier_date_value_span()), with an optional @note; the event's sentence is the one
 * around those words.  Words that extraction had dated already take the analyst's date.
 * Returns the event's id, or 0 with @error set (DOSSIER_ERROR_INVALID for a bad span or
 * value, DOSSIER_ERROR_NOT_FOUND for an unknown document). */
gint64        dossier_store_add_event       (DossierStore          *self,
                                             gint64                 document_id,
                                             guint                  start,
                                             guint                  end,
                                             const char            *value,
                                             DossierDatePrecision   precision,
                                             const char            *note,
                                             GError               **error);
/* Sets an event's date and note (@note NULL: none); the event is confirmed and no longer
 * marked uncertain, since the analyst stated its date. */
gboolean      dossier_store_update_event    (DossierStore          *self,
                                             gint64                 id,
                                             const char            *value,
                                             DossierDatePrecision   precision,
                                             const char            *note,
                                             GError               **error);
/* Removes an event from the timeline: the analyst's own is deleted; one extraction found is
 * rejected instead, so that re-extraction does not bring it back. */
gboolean      dossier_store_remove_event    (DossierStore          *self,
                                             gint64                 id,
                                             GError               **error);

typedef struct {
  const char *from;          /* NULL, or a date value (see dossier_date_value_span()) ... */
  const char *to;            /* ... or NULL: events whose days meet [from, to] are kept */
  const char *entity;        /* NULL, or a name or alias mentioned in the event's sentence */
  const char *outlet;        /* NULL, or the documents' outlet, or a source by name or alias */
  const char *tag;           /* NULL, or a tag of an annotation overlapping the sentence */
  gint64      document_id;   /* 0: every document */
} DossierEventFilter;

#define DOSSIER_EVENT_FILTER_INIT { NULL, NULL, NULL, NULL, NULL, 0 }

/* The timeline: DossierEvent (not rejected) that pass @filter (may be NULL), in date order:
 * by the first day they cover, the shorter first, then by the document's date, document and
 * position.  DOSSIER_ERROR_INVALID for a bad date in the filter, DOSSIER_ERROR_NOT_FOUND for
 * an entity or tag the workspace does not have (an unknown outlet matches nothing). */
GPtrArray    *dossier_store_list_timeline   (DossierStore             *self,
                                             const DossierEventFilter *filter,
                                             GError                  **error);

G_END_DECLS
