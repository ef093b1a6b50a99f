/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dossier-core.h"
#include "dossier-store-private.h"
#include "test-common.h"

/*
 * Extraction's suggestions in a workspace: stored at import, reviewed, kept across
 * re-extraction and new versions of the text, and merge proposals across documents.
 * Fictional people and outlets.
 */

#define STORY_TITLE "Ferry strike spreads to Vell"
#define STORY_BODY \
  "Foreign Minister Tomas Ellery met port officials in Vell on May 19, 2024.\n\n" \
  "\"The ferries will sail again within a week,\" Ellery said, according to the state " \
  "agency IRNA.\n\n" \
  "Unions in Vell said last week that the strike would continue."

#define OTHER_TITLE "Vell port reopens"
#define OTHER_BODY \
  "Foreign Minister Tomas Elery visited the port on June 2, 2024, officials said."

typedef struct {
  char         *dir;
  char         *path;
  DossierStore *store;
  gint64        doc;
} Fixture;

static DossierArticle *
make_article (const char *title,
              const char *body)
{
  DossierArticle *article = test_make_article (title, NULL, body);

  article->published = g_strdup ("2024-06-20");
  article->precision = DOSSIER_PRECISION_DAY;
  return article;
}

static gint64
add_extracted (DossierStore *store,
               const char   *title,
               const char   *body)
{
  g_autoptr(DossierArticle) article = make_article (title, body);
  g_autofree char *raw = g_strdup_printf ("%s\n\n%s", title, body);
  g_autoptr(GBytes) bytes = g_bytes_new (raw, strlen (raw));
  g_autofree char *day = dossier_article_dup_day (article);
  g_autoptr(DossierExtraction) extraction =
    dossier_extract_all (article->text, article->regions, day);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_cmpstr (day, ==, "2024-06-20");
  g_assert_true (dossier_store_add_extracted_document (store, article, extraction, bytes,
                                                       "story.txt", &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("dossier-suggestions-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = test_open_workspace (f->dir, "test.dossier", &f->path);
  f->doc = add_extracted (f->store, STORY_TITLE, STORY_BODY);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_close_workspace (&f->store, &f->dir);
  g_free (f->path);
}

static guint
count_hits (DossierStore *store,
            const char   *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = dossier_store_search (store, query, 100, &error);

  g_assert_no_error (error);
  return hits->len;
}

static gint64
query_int (DossierStore *store,
           const char   *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = dossier_store_statement (store, sql, &error);
  gint64 value = -1;

  g_assert_no_error (error);
  g_assert_true (dossier_store_lookup_id (store, stmt, &value, &error));
  g_assert_no_error (error);
  return value;
}

/* The tables and the full-text index agree with each other. */
static void
check_workspace_integrity (DossierStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dossier_store_exec (store, "INSERT INTO document_fts (document_fts, rank)"
                                            " VALUES ('integrity-check', 1)", "test", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
}

static GPtrArray *
suggestions (Fixture  *f,
             gboolean  include_reviewed)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = dossier_store_list_suggestions (f->store, f->doc, include_reviewed, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

/* The first suggestion of @kind whose words are @text, or NULL. */
static DossierSuggestion *
find (GPtrArray             *list,
      DossierSuggestionKind  kind,
      const char            *text)
{
  for (guint i = 0; i < list->len; i++)
    {
      DossierSuggestion *s = g_ptr_array_index (list, i);

      if (s->kind == kind && g_strcmp0 (s->text, text) == 0)
        return s;
    }
  return NULL;
}

/* The same, which must exist. */
static DossierSuggestion *
get (GPtrArray             *list,
     DossierSuggestionKind  kind,
     const char            *text)
{
  DossierSuggestion *s = find (list, kind, text);

  if (s == NULL)
    g_error ("no %s suggestion “%s”", dossier_suggestion_kind_to_string (kind), text);
  return s;
}

static guint
count_kind (GPtrArray             *list,
            DossierSuggestionKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < list->len; i++)
    n += ((DossierSuggestion *) g_ptr_array_index (list, i))->kind == kind;
  return n;
}

static void
review (Fixture               *f,
        DossierSuggestionKind  kind,
        gint64                 id,
        DossierReview          verdict)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dossier_store_review_suggestion (f->store, kind, id, verdict, &error));
  g_assert_no_error (error);
}

static void
test_stored_at_import (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = suggestions (f, FALSE);
  g_autoptr(GPtrArray) confirmed = NULL;
  g_autoptr(DossierDocument) document = dossier_store_get_document (f->store, f->doc, NULL);
  DossierAnnotationFilter filter = DOSSIER_ANNOTATION_FILTER_INIT;
  const char *text = dossier_document_get_text (document);
  DossierSuggestion *s;
  g_autofree char *words = NULL;

  for (guint i = 0; i < list->len; i++)
    {
      s = g_ptr_array_index (list, i);
      g_test_message ("%s %s [%u, %u) %s / %s", dossier_suggestion_kind_to_string (s->kind),
                      s->text, s->start, s->end, s->label, s->detail);
      /* Every suggestion's words are the text at its offsets (code points). */
      words = g_utf8_substring (text, s->start, s->end);
      g_assert_cmpstr (words, ==, s->text);
      g_clear_pointer (&words, g_free);
      g_assert_cmpint (s->review, ==, DOSSIER_REVIEW_SUGGESTED);
      g_assert_cmpint (s->document_id, ==, f->doc);
    }

  s = get (list, DOSSIER_SUGGESTION_ENTITY, "Tomas Ellery");
  g_assert_nonnull (s);
  g_assert_cmpstr (s->label, ==, "Tomas Ellery");
  g_assert_cmpstr (s->detail, ==, "person");
  /* The surname alone is a mention of the same person. */
  s = get (list, DOSSIER_SUGGESTION_ENTITY, "Ellery");
  g_assert_nonnull (s);
  g_assert_cmpstr (s->label, ==, "Tomas Ellery");

  s = get (list, DOSSIER_SUGGESTION_DATE, "May 19, 2024");
  g_assert_nonnull (s);
  g_assert_cmpstr (s->label, ==, "2024-05-19");
  g_assert_cmpstr (s->detail, ==, "day");
  s = get (list, DOSSIER_SUGGESTION_DATE, "last week");
  g_assert_nonnull (s);
  g_assert_cmpstr (s->label, ==, "2024-W24");
  g_assert_cmpstr (s->detail, ==, "week");

  s = get (list, DOSSIER_SUGGESTION_QUOTE, "The ferries will sail again within a week");
  g_assert_nonnull (s);
  g_assert_cmpstr (s->label, ==, "Tomas Ellery");
  g_assert_cmpstr (s->detail, ==, "IRNA");

  /* Suggested quotes are not the analyst's annotations until confirmed. */
  confirmed = dossier_store_list_annotations (f->store, &filter, NULL);
  g_assert_cmpuint (confirmed->len, ==, 0);
  g_clear_pointer (&confirmed, g_ptr_array_unref);
  filter.suggested = TRUE;
  confirmed = dossier_store_list_annotations (f->store, &filter, NULL);
  g_assert_cmpuint (confirmed->len, ==, count_kind (list, DOSSIER_SUGGESTION_QUOTE));
}

static void
test_events (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) list = suggestions (f, FALSE);
  g_autoptr(GError) error = NULL;
  DossierEvent *may = NULL, *week = NULL;

  events = dossier_store_list_events (f->store, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      DossierEvent *event = g_ptr_array_index (events, i);

      if (g_strcmp0 (event->expression, "May 19, 2024") == 0)
        may = event;
      if (g_strcmp0 (event->expression, "last week") == 0)
        week = event;
      /* In date order. */
      if (i > 0)
        g_assert_cmpstr (((DossierEvent *) g_ptr_array_index (events, i - 1))->value, <=,
                         event->value);
    }
  g_assert_nonnull (may);
  g_assert_nonnull (week);
  g_assert_cmpstr (may->sentence, ==,
                   "Foreign Minister Tomas Ellery met port officials in Vell on May 19, 2024.");
  g_assert_true (g_strv_contains ((const char * const *) may->entities, "Tomas Ellery"));
  g_assert_true (g_strv_contains ((const char * const *) may->entities, "Vell"));
  g_assert_false (g_strv_contains ((const char * const *) may->entities, "IRNA"));
  g_assert_false (may->uncertain);
  g_assert_cmpstr (may->document_title, ==, STORY_TITLE);
  g_assert_cmpstr (may->document_date, ==, "2024-06-20");
  g_assert_cmpint (may->precision, ==, DOSSIER_DATE_DAY);
  /* Resolved from "last week": marked as such. */
  g_assert_true (week->uncertain);
  g_assert_cmpint (week->precision, ==, DOSSIER_DATE_WEEK);

  /* A rejected mention no longer counts among the event's entities; a rejected date is no
   * event. */
  review (f, DOSSIER_SUGGESTION_ENTITY, get (list, DOSSIER_SUGGESTION_ENTITY, "Tomas Ellery")->id,
          DOSSIER_REVIEW_REJECTED);
  review (f, DOSSIER_SUGGESTION_DATE, week->id, DOSSIER_REVIEW_REJECTED);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = dossier_store_list_events (f->store, f->doc, &error);
  g_assert_no_error (error);
  may = NULL;
  for (guint i = 0; i < events->len; i++)
    {
      DossierEvent *event = g_ptr_array_index (events, i);

      g_assert_cmpstr (event->expression, !=, "last week");
      if (g_strcmp0 (event->expression, "May 19, 2024") == 0)
        may = event;
    }
  g_assert_nonnull (may);
  g_assert_false (g_strv_contains ((const char * const *) may->entities, "Tomas Ellery"));
}

static void
test_review_survives_reextract (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) before = suggestions (f, FALSE);
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  DossierExtractionCounts counts;
  DossierSuggestion *quote = get (before, DOSSIER_SUGGESTION_QUOTE,
                                   "The ferries will sail again within a week");
  DossierSuggestion *week = get (before, DOSSIER_SUGGESTION_DATE, "last week");
  DossierSuggestion *person = get (before, DOSSIER_SUGGESTION_ENTITY, "Tomas Ellery");
  gint64 quote_id = quote->id, week_id = week->id, person_id = person->id;

  review (f, DOSSIER_SUGGESTION_QUOTE, quote_id, DOSSIER_REVIEW_REJECTED);
  review (f, DOSSIER_SUGGESTION_DATE, week_id, DOSSIER_REVIEW_REJECTED);
  review (f, DOSSIER_SUGGESTION_ENTITY, person_id, DOSSIER_REVIEW_CONFIRMED);

  g_assert_true (dossier_store_reextract (f->store, f->doc, &counts, &error));
  g_assert_no_error (error);
  /* Everything found again except the three reviewed ones. */
  pending = suggestions (f, FALSE);
  g_assert_cmpuint (pending->len, ==, before->len - 3);
  g_assert_null (find (pending, DOSSIER_SUGGESTION_QUOTE,
                       "The ferries will sail again within a week"));
  g_assert_null (find (pending, DOSSIER_SUGGESTION_DATE, "last week"));
  g_assert_cmpuint (counts.quotes, ==, count_kind (before, DOSSIER_SUGGESTION_QUOTE) - 1);
  g_assert_cmpuint (counts.events, ==, count_kind (before, DOSSIER_SUGGESTION_DATE) - 1);

  /* The reviewed rows are kept, with their verdicts and ids. */
  all = suggestions (f, TRUE);
  g_assert_cmpuint (all->len, ==, before->len);
  g_assert_cmpint (get (all, DOSSIER_SUGGESTION_QUOTE,
                         "The ferries will sail again within a week")->id, ==, quote_id);
  g_assert_cmpint (get (all, DOSSIER_SUGGESTION_QUOTE,
                         "The ferries will sail again within a week")->review, ==,
                   DOSSIER_REVIEW_REJECTED);
  g_assert_cmpint (get (all, DOSSIER_SUGGESTION_ENTITY, "Tomas Ellery")->review, ==,
                   DOSSIER_REVIEW_CONFIRMED);

  /* Undo: the rejected quote is pending again, and a rejected quote is no annotation. */
  review (f, DOSSIER_SUGGESTION_QUOTE, quote_id, DOSSIER_REVIEW_SUGGESTED);
  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = suggestions (f, FALSE);
  g_assert_nonnull (get (pending, DOSSIER_SUGGESTION_QUOTE,
                          "The ferries will sail again within a week"));

  /* A confirmed quote is the analyst's own: listed, and editable like one. */
  review (f, DOSSIER_SUGGESTION_QUOTE, quote_id, DOSSIER_REVIEW_CONFIRMED);
  {
    g_autoptr(DossierAnnotation) a = dossier_store_get_annotation (f->store, quote_id, NULL);
    DossierAnnotationFilter filter = DOSSIER_ANNOTATION_FILTER_INIT;
    g_autoptr(GPtrArray) listed = dossier_store_list_annotations (f->store, &filter, NULL);

    g_assert_cmpstr (a->review, ==, "confirmed");
    g_assert_cmpstr (a->origin, ==, "auto");
    g_assert_cmpuint (listed->len, ==, 1);
  }

  /* Unknown ids and kinds of review target are errors, not silent no-ops. */
  g_assert_false (dossier_store_review_suggestion (f->store, DOSSIER_SUGGESTION_DATE, 999999,
                                                   DOSSIER_REVIEW_CONFIRMED, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
}

static void
test_analyst_quote_not_suggested_again (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) before = suggestions (f, FALSE);
  DossierSuggestion *quote = get (before, DOSSIER_SUGGESTION_QUOTE,
                                   "The ferries will sail again within a week");
  DossierAnnotationFields fields = { 0, };
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  guint start = quote->start, end = quote->end;

  /* The analyst annotates the passage themselves and rejects the suggestion... */
  review (f, DOSSIER_SUGGESTION_QUOTE, quote->id, DOSSIER_REVIEW_REJECTED);
  fields.kind = DOSSIER_ANNOTATION_CLAIM;
  g_assert_cmpint (dossier_store_add_annotation (f->store, f->doc, start + 4, end, &fields,
                                                 &error), >, 0);
  g_assert_no_error (error);
  /* ...then un-rejects it: re-extraction still does not propose a quote over their claim. */
  review (f, DOSSIER_SUGGESTION_QUOTE, quote->id, DOSSIER_REVIEW_SUGGESTED);
  g_assert_true (dossier_store_reextract (f->store, f->doc, NULL, &error));
  g_assert_no_error (error);
  after = suggestions (f, FALSE);
  g_assert_null (find (after, DOSSIER_SUGGESTION_QUOTE,
                       "The ferries will sail again within a week"));
}

/* The suggested quote's row as it stands, every column the analyst could lose. */
static char *
quote_row (DossierStore *store,
           gint64        id)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = dossier_store_statement (store,
    "SELECT printf ('%d-%d %s|%s|%s|%s|%s|%s|%s', a.start_offset, a.end_offset, a.kind,"
    " a.origin, a.review, coalesce (e.name, '-'), coalesce (s.name, '-'), coalesce (a.cue, '-'),"
    " a.exact) FROM annotation a LEFT JOIN entity e ON e.id = a.speaker_id"
    " LEFT JOIN source s ON s.id = a.source_id WHERE a.id = ?", &error);
  char *row = NULL;

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return row;
}

/* Annotating inside a suggested quote leaves the suggestion, its speaker and its outlet as
 * they were; taking the annotation back (what Undo does) leaves it unchanged too. */
static void
test_annotation_keeps_suggestion (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = suggestions (f, FALSE);
  DossierSuggestion *quote = get (list, DOSSIER_SUGGESTION_QUOTE,
                                  "The ferries will sail again within a week");
  g_autofree char *before = quote_row (f->store, quote->id);
  DossierAnnotationKind kinds[] = {
    DOSSIER_ANNOTATION_HIGHLIGHT, DOSSIER_ANNOTATION_QUOTE, DOSSIER_ANNOTATION_CLAIM,
    DOSSIER_ANNOTATION_NOTE,
  };

  g_assert_nonnull (strstr (before, "|auto|suggested|Tomas Ellery|IRNA|"));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      DossierAnnotationFields fields = { 0, };
      g_autoptr(GError) error = NULL;
      g_autofree char *during = NULL, *after = NULL;
      gint64 id;

      fields.kind = kinds[i];
      if (kinds[i] == DOSSIER_ANNOTATION_QUOTE || kinds[i] == DOSSIER_ANNOTATION_CLAIM)
        fields.speaker = "Mara Ostrand";
      /* Part of the suggestion, then all of it. */
      id = dossier_store_add_annotation (f->store, f->doc, quote->start + 4 * (i % 2),
                                         quote->end - 2 * (i % 2), &fields, &error);
      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      during = quote_row (f->store, quote->id);
      g_assert_cmpstr (during, ==, before);
      g_assert_true (dossier_store_remove_annotation (f->store, id, &error));
      g_assert_no_error (error);
      after = quote_row (f->store, quote->id);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_update_keeps_reviews (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) before = suggestions (f, FALSE);
  DossierSuggestion *person = get (before, DOSSIER_SUGGESTION_ENTITY, "Tomas Ellery");
  DossierSuggestion *date = get (before, DOSSIER_SUGGESTION_DATE, "May 19, 2024");
  gint64 person_id = person->id, date_id = date->id;
  g_autoptr(DossierArticle) article = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("version 2", 9);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(DossierDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  DossierSuggestion *moved;
  g_autofree char *words = NULL;

  review (f, DOSSIER_SUGGESTION_ENTITY, person_id, DOSSIER_REVIEW_CONFIRMED);
  review (f, DOSSIER_SUGGESTION_DATE, date_id, DOSSIER_REVIEW_REJECTED);

  /* A new version with a paragraph inserted before: everything moves. */
  article = make_article (STORY_TITLE, "Update: talks resumed on Friday.\n\n" STORY_BODY);
  g_assert_true (dossier_store_update_document (f->store, f->doc, article, bytes, NULL, &error));
  g_assert_no_error (error);

  document = dossier_store_get_document (f->store, f->doc, NULL);
  all = suggestions (f, TRUE);
  for (guint i = 0; i < all->len; i++)
    {
      DossierSuggestion *s = g_ptr_array_index (all, i);

      g_test_message ("%s %s [%u, %u) %s", dossier_suggestion_kind_to_string (s->kind), s->text,
                      s->start, s->end, dossier_review_to_string (s->review));
    }
  moved = get (all, DOSSIER_SUGGESTION_ENTITY, "Tomas Ellery");
  g_assert_nonnull (moved);
  g_assert_cmpint (moved->id, ==, person_id);
  g_assert_cmpint (moved->review, ==, DOSSIER_REVIEW_CONFIRMED);
  g_assert_cmpuint (moved->start, >, person->start);
  words = g_utf8_substring (dossier_document_get_text (document), moved->start, moved->end);
  g_assert_cmpstr (words, ==, "Tomas Ellery");

  moved = get (all, DOSSIER_SUGGESTION_DATE, "May 19, 2024");
  g_assert_cmpint (moved->id, ==, date_id);
  g_assert_cmpint (moved->review, ==, DOSSIER_REVIEW_REJECTED);
  /* The new paragraph's date is a new suggestion. */
  g_assert_nonnull (find (all, DOSSIER_SUGGESTION_DATE, "Friday"));
}

static void
test_merge_proposals (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GError) error = NULL;
  DossierMergeProposal *p = NULL;
  gint64 keep, other;
  gint64 second = add_extracted (f->store, OTHER_TITLE, OTHER_BODY);

  g_assert_cmpint (second, >, f->doc);
  proposals = dossier_store_list_merge_proposals (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < proposals->len; i++)
    {
      DossierMergeProposal *candidate = g_ptr_array_index (proposals, i);

      g_test_message ("merge? %s / %s", candidate->name, candidate->other_name);
      if (g_strcmp0 (candidate->name, "Tomas Ellery") == 0)
        p = candidate;
    }
  g_assert_nonnull (p);
  g_assert_cmpstr (p->other_name, ==, "Tomas Elery");
  g_assert_cmpint (p->kind, ==, DOSSIER_ENTITY_PERSON);
  keep = p->entity_id;
  other = p->other_id;

  /* Dismissed, it is not proposed again; merged, the other name is an alias. */
  g_assert_true (dossier_store_dismiss_merge (f->store, other, keep, &error));
  g_assert_no_error (error);
  g_clear_pointer (&proposals, g_ptr_array_unref);
  proposals = dossier_store_list_merge_proposals (f->store, &error);
  for (guint i = 0; i < proposals->len; i++)
    g_assert_cmpint (((DossierMergeProposal *) g_ptr_array_index (proposals, i))->entity_id, !=,
                     keep);

  g_assert_true (dossier_store_merge_entities (f->store, keep, other, &error));
  g_assert_no_error (error);
  entities = dossier_store_list_entities (f->store, &error);
  for (guint i = 0; i < entities->len; i++)
    {
      DossierEntity *entity = g_ptr_array_index (entities, i);

      g_assert_cmpint (entity->id, !=, other);
      if (entity->id == keep)
        g_assert_true (g_strv_contains ((const char * const *) entity->aliases, "Tomas Elery"));
    }
  {
    g_autoptr(GPtrArray) list = dossier_store_list_suggestions (f->store, second, FALSE, NULL);
    DossierSuggestion *s = get (list, DOSSIER_SUGGESTION_ENTITY, "Tomas Elery");

    g_assert_nonnull (s);
    g_assert_cmpstr (s->label, ==, "Tomas Ellery");
  }

  g_assert_false (dossier_store_merge_entities (f->store, keep, keep, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dossier_store_merge_entities (f->store, keep, other, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
}

static void
test_import_files_extracts (Fixture *f, gconstpointer data)
{
  g_autofree char *file_path = g_build_filename (f->dir, "wire.txt", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  DossierImportResult *result;

  g_assert_true (g_file_set_contents (file_path,
    "date 2025-03-06\ntitle Dock workers return\n\n"
    "\"We are back at work,\" union leader Mara Quint told the Corland News Agency on "
    "Monday.\n", -1, &error));
  file = g_file_new_for_path (file_path);
  results = dossier_import_files (f->store, &file, 1, DOSSIER_FORMAT_AUTO, NULL, NULL, NULL,
                                  &error);
  g_assert_no_error (error);
  result = g_ptr_array_index (results, 0);
  g_assert_cmpint (result->status, ==, DOSSIER_IMPORT_IMPORTED);

  list = dossier_store_list_suggestions (f->store, result->id, FALSE, &error);
  g_assert_no_error (error);
  /* Monday before Thursday 6 March 2025. */
  g_assert_cmpstr (get (list, DOSSIER_SUGGESTION_DATE, "Monday")->label, ==, "2025-03-03");
  g_assert_cmpstr (get (list, DOSSIER_SUGGESTION_QUOTE, "We are back at work")->label, ==,
                   "Mara Quint");
}

/* A document whose write fails half-way (here a trigger refuses its mentions) leaves
 * nothing behind, and the others of the same batch are still imported. */
/* Whether "Tomas Ellery" and "Tomas Elery" are proposed for a merge. */
static gboolean
ellery_proposed (DossierStore *store,
                 gint64       *keep,
                 gint64       *other)
{
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GError) error = NULL;

  proposals = dossier_store_list_merge_proposals (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < proposals->len; i++)
    {
      DossierMergeProposal *p = g_ptr_array_index (proposals, i);

      if (g_strcmp0 (p->name, "Tomas Ellery") == 0 && g_strcmp0 (p->other_name, "Tomas Elery") == 0)
        {
          *keep = p->entity_id;
          *other = p->other_id;
          return TRUE;
        }
    }
  return FALSE;
}

/* An entity the analyst rejected ("not an entity") is not proposed for a merge. */
static void
test_merge_proposals_skip_rejected (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 keep = 0, other = 0;

  add_extracted (f->store, OTHER_TITLE, OTHER_BODY);
  g_assert_true (ellery_proposed (f->store, &keep, &other));
  g_assert_true (dossier_store_reject_entity (f->store, other, &error));
  g_assert_no_error (error);
  g_assert_false (ellery_proposed (f->store, &keep, &other));
}

static void
test_import_failure_mid_batch (Fixture *f, gconstpointer data)
{
  const char *names[] = { "one.txt", "poison.txt", "three.txt" };
  const char *titles[] = { "Quay one", "Poison", "Quay three" };
  GFile *files[3];
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (dossier_store_exec (f->store,
    "CREATE TEMP TRIGGER poison BEFORE INSERT ON main.mention"
    " WHEN (SELECT title FROM main.document WHERE id = new.document_id) = 'Poison'"
    " BEGIN SELECT RAISE (ABORT, 'poisoned document'); END", "test", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, names[i], NULL);
      g_autofree char *body = g_strdup_printf ("title %s\ndate 2025-03-06\n\n"
                                               "Foreign Minister Ona Brisk inspected the quay "
                                               "in Vell on Monday.\n", titles[i]);

      g_assert_true (g_file_set_contents (path, body, -1, NULL));
      files[i] = g_file_new_for_path (path);
    }
  results = dossier_import_files (f->store, files, G_N_ELEMENTS (files), DOSSIER_FORMAT_AUTO,
                                  NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 3);
  g_assert_cmpint (((DossierImportResult *) results->pdata[0])->status, ==,
                   DOSSIER_IMPORT_IMPORTED);
  g_assert_cmpint (((DossierImportResult *) results->pdata[1])->status, ==,
                   DOSSIER_IMPORT_FAILED);
  g_assert_nonnull (strstr (((DossierImportResult *) results->pdata[1])->message,
                            "poisoned document"));
  g_assert_cmpint (((DossierImportResult *) results->pdata[2])->status, ==,
                   DOSSIER_IMPORT_IMPORTED);

  documents = dossier_store_list_documents (f->store, &error);
  g_assert_no_error (error);
  /* The fixture's story and two of the three. */
  g_assert_cmpuint (documents->len, ==, 3);
  for (guint i = 0; i < documents->len; i++)
    g_assert_cmpstr (dossier_document_get_title (documents->pdata[i]), !=, "Poison");
  for (guint i = 1; i < 3; i += 2)
    {
      g_autoptr(GPtrArray) list = dossier_store_list_suggestions (
        f->store, ((DossierImportResult *) results->pdata[i])->id, FALSE, &error);

      g_assert_nonnull (find (list, DOSSIER_SUGGESTION_ENTITY, "Ona Brisk"));
    }
  /* The replayed batch indexed the two documents it kept, and nothing of the third. */
  g_assert_cmpuint (count_hits (f->store, "\"quay one\""), ==, 1);
  g_assert_cmpuint (count_hits (f->store, "\"quay three\""), ==, 1);
  g_assert_cmpuint (count_hits (f->store, "poison"), ==, 0);
  check_workspace_integrity (f->store);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

/* A fast import batch indexes its documents for search when it commits, and afterwards the
 * workspace is as before: documents added one at a time are indexed at once, and foreign
 * keys are enforced again. */
static void
test_import_batch_indexes (Fixture *f, gconstpointer data)
{
  GFile *files[40];
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *name = g_strdup_printf ("batch-%02u.txt", i);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autofree char *body = g_strdup_printf ("title Harbour bulletin %u\ndate 2025-03-%02u\n\n"
                                               "Pilot Ansel Marr%c reported fog at berth%u "
                                               "on Monday.\n", i, 1 + i % 28,
                                               'a' + (char) (i % 26), i);

      g_assert_true (g_file_set_contents (path, body, -1, NULL));
      files[i] = g_file_new_for_path (path);
    }
  results = dossier_import_files (f->store, files, G_N_ELEMENTS (files), DOSSIER_FORMAT_AUTO,
                                  NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, G_N_ELEMENTS (files));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *word = g_strdup_printf ("berth%u", i);

      g_assert_cmpint (((DossierImportResult *) results->pdata[i])->status, ==,
                       DOSSIER_IMPORT_IMPORTED);
      g_assert_cmpuint (count_hits (f->store, word), ==, 1);
      g_object_unref (files[i]);
    }
  g_assert_cmpuint (count_hits (f->store, "fog"), ==, G_N_ELEMENTS (files));
  check_workspace_integrity (f->store);

  g_assert_cmpint (query_int (f->store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM sqlite_schema"
                                        " WHERE type = 'trigger' AND name = 'document_fts_insert'"),
                   ==, 1);
  {
    g_autoptr(DossierArticle) article = make_article ("Late bulletin",
                                                      "Gulls circled the lighthouse.");
    g_autoptr(GBytes) bytes = g_bytes_new_static ("late", 4);

    g_assert_true (dossier_store_add_document (f->store, article, bytes, "late.txt", &id,
                                               &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (count_hits (f->store, "lighthouse"), ==, 1);
  g_assert_false (dossier_store_exec (f->store,
                                      "INSERT INTO region (document_id, kind, start_offset,"
                                      " end_offset) VALUES (987654, 'paragraph', 0, 1)",
                                      "test", &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_STORE);
}

static void
test_migration_fills_variant_keys (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dossier-suggestions-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "v2.dossier", NULL);
  guint n = 0;
  const DossierMigration *list = dossier_store_get_migrations (&n);

  {
    g_autoptr(DossierStore) old = dossier_store_open_with_migrations (path, list, 2, &error);

    g_assert_no_error (error);
    g_assert_true (dossier_store_exec (old, "INSERT INTO entity (name, kind, created_at)"
                                       " VALUES ('Abbas Araqchi', 'person', '2024-01-01'),"
                                       " ('Abbas Araghchi', 'person', '2024-01-02')",
                                       "test", &error));
  }
  {
    g_autoptr(DossierStore) store = dossier_store_open (path, &error);
    g_autoptr(GPtrArray) proposals = NULL;
    DossierMergeProposal *p;

    g_assert_no_error (error);
    proposals = dossier_store_list_merge_proposals (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (proposals->len, ==, 1);
    p = g_ptr_array_index (proposals, 0);
    g_assert_cmpstr (p->name, ==, "Abbas Araqchi");
    g_assert_cmpstr (p->other_name, ==, "Abbas Araghchi");
  }
  test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/suggestions/stored-at-import", test_stored_at_import);
  ADD ("/suggestions/events", test_events);
  ADD ("/suggestions/review-survives-reextract", test_review_survives_reextract);
  ADD ("/suggestions/analyst-quote-not-suggested-again", test_analyst_quote_not_suggested_again);
  ADD ("/suggestions/update-keeps-reviews", test_update_keeps_reviews);
  ADD ("/suggestions/annotation-keeps-suggestion", test_annotation_keeps_suggestion);
  ADD ("/suggestions/merge-proposals", test_merge_proposals);
  ADD ("/suggestions/import-files-extracts", test_import_files_extracts);
  ADD ("/suggestions/merge-proposals-skip-rejected", test_merge_proposals_skip_rejected);
  ADD ("/suggestions/import-failure-mid-batch", test_import_failure_mid_batch);
  ADD ("/suggestions/import-batch-indexes", test_import_batch_indexes);
#undef ADD
  g_test_add_func ("/suggestions/migration-fills-variant-keys",
                   test_migration_fills_variant_keys);

  return g_test_run ();
}
