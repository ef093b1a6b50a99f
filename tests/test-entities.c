/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dossier-core.h"
#include "dossier-store-private.h"
#include "test-common.h"

/*
 * The entity sidebar and the timeline in a workspace: entity counts and filters, mentions and
 * documents of an entity, renaming, kinds, aliases, splitting and rejecting entities (and
 * extraction honouring that), events dated by the analyst, and the timeline's filters.
 * Fictional people, places and outlets.
 */

#define A_TITLE "Ferry terminal opens in Vell"
#define A_OUTLET "Vell Courier"
static const char * const a_paragraphs[] = {
  "Harbour Minister Lisbet Marrow opened the new ferry terminal in Vell on March 3, 2024. "
  "Marrow said the crossing to Ostra would take forty minutes.",
  "\"We have waited ten years for this,\" Marrow told reporters.",
  "The Ostra Shipping Company said in February that the European Union had paid for half of "
  "the line, and that Norway would send a second ship.",
  NULL,
};

#define B_TITLE "Ostra welcomes first ferry"
#define B_OUTLET "Ostra Gazette"
static const char * const b_paragraphs[] = {
  "The first ferry from Vell reached Ostra on April 10, 2024, carrying 300 passengers. "
  "Harbour Minister Lisbet Marrow was on board.",
  "Mayor Peder Quill said the harbour had prepared for the arrival since January.",
  NULL,
};

#define QUOTE_SENTENCE "\"We have waited ten years for this,\" Marrow told reporters."

#define C_TITLE "Festival planned in Ostra"
static const char * const c_paragraphs[] = {
  "Mayor Peder Quill announced a harbour festival on May 5, 2024. Quill said Lisbet Marrow "
  "would attend.",
  NULL,
};

typedef struct {
  char         *dir;
  DossierStore *store;
  gint64        a;
  gint64        b;
} Fixture;

static DossierArticle *
make_article (const char         *title,
              const char         *outlet,
              const char         *date,
              const char * const *paragraphs)
{
  g_autoptr(DossierTextBuilder) builder = dossier_text_builder_new ();
  DossierArticle *article = dossier_article_new ();

  article->title = g_strdup (title);
  article->outlet = g_strdup (outlet);
  article->format = g_strdup ("text");
  article->published = g_strdup (date);
  article->precision = DOSSIER_PRECISION_DAY;
  dossier_text_builder_add (builder, DOSSIER_REGION_HEADLINE, title, -1);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    dossier_text_builder_add (builder, DOSSIER_REGION_PARAGRAPH, paragraphs[i], -1);
  dossier_text_builder_finish (builder, article);
  return article;
}

static gint64
add_extracted (DossierStore       *store,
               const char         *title,
               const char         *outlet,
               const char         *date,
               const char * const *paragraphs)
{
  g_autoptr(DossierArticle) article = make_article (title, outlet, date, paragraphs);
  g_autoptr(GBytes) bytes = g_bytes_new (article->text, strlen (article->text));
  g_autoptr(DossierExtraction) extraction =
    dossier_extract_all (article->text, article->regions, date);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (dossier_store_add_extracted_document (store, article, extraction, bytes,
                                                       "story.txt", &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_tmpdir ();
  f->store = test_open_workspace (f->dir, "entities.dossier", NULL);
  f->a = add_extracted (f->store, A_TITLE, A_OUTLET, "2024-03-08", a_paragraphs);
  f->b = add_extracted (f->store, B_TITLE, B_OUTLET, "2024-04-12", b_paragraphs);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_close_workspace (&f->store, &f->dir);
}

/* Helpers */

static gint64
query_int (DossierStore *store,
           const char   *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (dossier_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The code point where @needle first occurs in a document's text. */
static guint
offset_of (DossierStore *store,
           gint64        document_id,
           const char   *needle)
{
  g_autoptr(DossierDocument) document = dossier_store_get_document (store, document_id, NULL);
  const char *text = dossier_document_get_text (document);
  const char *found = strstr (text, needle);

  if (found == NULL)
    g_error ("“%s” is not in document %" G_GINT64_FORMAT, needle, document_id);
  return (guint) g_utf8_pointer_to_offset (text, found);
}

static GPtrArray *
stats (Fixture    *f,
       gint64      document_id,
       const char *filter,
       int         kind)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = dossier_store_list_entity_stats (f->store, document_id, filter, kind, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static DossierEntityStats *
find_stats (GPtrArray  *list,
            const char *name)
{
  for (guint i = 0; i < list->len; i++)
    {
      DossierEntityStats *s = g_ptr_array_index (list, i);

      if (g_strcmp0 (s->name, name) == 0)
        return s;
    }
  return NULL;
}

/* The same, which must exist. */
static DossierEntityStats *
get_stats (GPtrArray  *list,
           const char *name)
{
  DossierEntityStats *s = find_stats (list, name);

  if (s == NULL)
    g_error ("“%s” is not listed", name);
  return s;
}

static guint
index_of (GPtrArray  *list,
          const char *name)
{
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (((DossierEntityStats *) g_ptr_array_index (list, i))->name, name) == 0)
      return i;
  g_error ("“%s” is not listed", name);
  return 0;
}

static GPtrArray *
mentions_of (Fixture *f,
             gint64   entity_id,
             gint64   document_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = dossier_store_list_entity_mentions (f->store, entity_id, document_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static GPtrArray *
timeline (Fixture                  *f,
          const DossierEventFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *events = dossier_store_list_timeline (f->store, filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (events);
  for (guint i = 0; i < events->len; i++)
    {
      DossierEvent *e = g_ptr_array_index (events, i);

      g_test_message ("event %" G_GINT64_FORMAT " %s (%s) doc %" G_GINT64_FORMAT ": %s",
                      e->id, e->value, e->expression, e->document_id, e->sentence);
    }
  return events;
}

static DossierEvent *
find_event (GPtrArray  *events,
            const char *expression)
{
  for (guint i = 0; i < events->len; i++)
    {
      DossierEvent *e = g_ptr_array_index (events, i);

      if (g_strcmp0 (e->expression, expression) == 0)
        return e;
    }
  return NULL;
}

/* The same, which must exist. */
static DossierEvent *
get_event (GPtrArray  *events,
           const char *expression)
{
  DossierEvent *e = find_event (events, expression);

  if (e == NULL)
    g_error ("no event dated by “%s”", expression);
  return e;
}

static gboolean
has_entity_suggestion (DossierStore *store,
                       gint64        document_id,
                       const char   *entity_name)
{
  g_autoptr(GPtrArray) list = dossier_store_list_suggestions (store, document_id, FALSE, NULL);

  g_assert_nonnull (list);
  for (guint i = 0; i < list->len; i++)
    {
      DossierSuggestion *s = g_ptr_array_index (list, i);

      if (s->kind == DOSSIER_SUGGESTION_ENTITY && g_strcmp0 (s->label, entity_name) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
strv_has (GStrv       list,
          const char *name)
{
  return g_strv_contains ((const char * const *) list, name);
}

/* Statistics */

static void
test_stats (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = stats (f, f->a, NULL, -1);
  g_autoptr(GPtrArray) in_b = NULL;
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  DossierAnnotationFields fields = { 0, };
  DossierEntityStats *marrow, *norway;
  guint start;

  for (guint i = 0; i < list->len; i++)
    {
      DossierEntityStats *s = g_ptr_array_index (list, i);

      g_test_message ("%s (%s): %u mentions, %u documents, %u here, %u quotes", s->name,
                      dossier_entity_kind_to_string (s->kind), s->mentions, s->documents,
                      s->document_mentions, s->quotes);
      g_assert_nonnull (s->aliases);
      g_assert_nonnull (s->outlets);
      /* By kind, then the most mentioned first, then by name. */
      if (i > 0)
        {
          DossierEntityStats *p = g_ptr_array_index (list, i - 1);

          g_assert_cmpint (p->kind, <=, s->kind);
          if (p->kind == s->kind)
            g_assert_cmpuint (p->mentions, >=, s->mentions);
          if (p->kind == s->kind && p->mentions == s->mentions)
            g_assert_cmpint (g_ascii_strcasecmp (p->name, s->name), <, 0);
        }
    }

  marrow = get_stats (list, "Lisbet Marrow");
  g_assert_nonnull (marrow);
  g_assert_cmpint (marrow->kind, ==, DOSSIER_ENTITY_PERSON);
  g_assert_cmpuint (marrow->mentions, ==, 4);        /* three in A, one in B */
  g_assert_cmpuint (marrow->documents, ==, 2);
  g_assert_cmpuint (marrow->document_mentions, ==, 3);
  g_assert_true (strv_has (marrow->aliases, "Marrow"));
  g_assert_cmpuint (marrow->quotes, ==, 0);          /* the suggested quote is not counted */
  norway = get_stats (list, "Norway");
  g_assert_nonnull (norway);
  g_assert_cmpint (norway->kind, ==, DOSSIER_ENTITY_PLACE);
  g_assert_cmpuint (index_of (list, "Lisbet Marrow"), <, index_of (list, "European Union"));
  g_assert_cmpuint (index_of (list, "European Union"), <, index_of (list, "Norway"));

  /* The counts for another document. */
  in_b = stats (f, f->b, NULL, -1);
  g_assert_cmpuint (get_stats (in_b, "Lisbet Marrow")->document_mentions, ==, 1);
  g_assert_cmpuint (get_stats (in_b, "Norway")->document_mentions, ==, 0);

  /* By kind. */
  places = stats (f, 0, NULL, DOSSIER_ENTITY_PLACE);
  g_assert_nonnull (find_stats (places, "Norway"));
  for (guint i = 0; i < places->len; i++)
    g_assert_cmpint (((DossierEntityStats *) g_ptr_array_index (places, i))->kind, ==,
                     DOSSIER_ENTITY_PLACE);

  /* Quotes and claims the analyst attributes to it, and the outlets that carried them. */
  fields.kind = DOSSIER_ANNOTATION_QUOTE;
  fields.speaker = "Lisbet Marrow";
  fields.source = A_OUTLET;
  start = offset_of (f->store, f->a, "We have waited");
  g_assert_cmpint (dossier_store_add_annotation (f->store, f->a, start, start + 14, &fields,
                                                 &error), >, 0);
  g_assert_no_error (error);
  fields.kind = DOSSIER_ANNOTATION_CLAIM;
  fields.source = B_OUTLET;
  start = offset_of (f->store, f->b, "Harbour Minister");
  g_assert_cmpint (dossier_store_add_annotation (f->store, f->b, start, start + 16, &fields,
                                                 &error), >, 0);
  g_assert_no_error (error);

  /* Entities whose mentions were all rejected are left out; one the analyst made stays. */
  {
    g_autoptr(GPtrArray) mentions = mentions_of (f, test_find_entity (f->store, "Norway"), 0);

    for (guint i = 0; i < mentions->len; i++)
      {
        DossierMention *m = g_ptr_array_index (mentions, i);

        g_assert_true (dossier_store_review_suggestion (f->store, DOSSIER_SUGGESTION_ENTITY, m->id,
                                                        DOSSIER_REVIEW_REJECTED, NULL));
      }
  }
  g_assert_cmpint (dossier_store_ensure_entity (f->store, "Ada Brisk", DOSSIER_ENTITY_PERSON,
                                                NULL), >, 0);

  after = stats (f, 0, NULL, -1);
  /* The most mentioned first, whatever the alphabet says. */
  g_assert_cmpuint (index_of (after, "Lisbet Marrow"), <, index_of (after, "Ada Brisk"));
  g_assert_cmpuint (index_of (after, "Peder Quill"), <, index_of (after, "Ada Brisk"));
  marrow = get_stats (after, "Lisbet Marrow");
  g_assert_cmpuint (marrow->quotes, ==, 2);
  g_assert_cmpuint (g_strv_length (marrow->outlets), ==, 2);
  g_assert_cmpstr (marrow->outlets[0], ==, B_OUTLET);
  g_assert_cmpstr (marrow->outlets[1], ==, A_OUTLET);
  g_assert_cmpuint (marrow->document_mentions, ==, 0);
  g_assert_null (find_stats (after, "Norway"));
  g_assert_nonnull (find_stats (after, "Ada Brisk"));
  g_assert_cmpuint (get_stats (after, "Ada Brisk")->mentions, ==, 0);
}

static void
test_stats_filter (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) by_name = stats (f, 0, "marr", -1);
  g_autoptr(GPtrArray) upper = stats (f, 0, "  MARROW ", -1);
  g_autoptr(GPtrArray) by_alias = NULL;
  g_autoptr(GPtrArray) none = stats (f, 0, "zzz", -1);
  g_autoptr(GPtrArray) wrong_kind = stats (f, 0, "marrow", DOSSIER_ENTITY_PLACE);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (by_name->len, ==, 1);
  g_assert_nonnull (find_stats (by_name, "Lisbet Marrow"));
  g_assert_cmpuint (upper->len, ==, 1);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (wrong_kind->len, ==, 0);

  g_assert_true (dossier_store_add_entity_alias (f->store,
                                                 test_find_entity (f->store, "Lisbet Marrow"),
                                                 "The Harbour Chief", &error));
  g_assert_no_error (error);
  by_alias = stats (f, 0, "harbour chief", -1);
  g_assert_cmpuint (by_alias->len, ==, 1);
  g_assert_nonnull (find_stats (by_alias, "Lisbet Marrow"));
}

static void
test_find_and_get (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierEntity) got = NULL;
  gint64 marrow = test_find_entity (f->store, "lisbet marrow");
  gint64 place;

  g_assert_cmpint (test_find_entity (f->store, "Marrow"), ==, marrow);
  g_assert_cmpint (dossier_store_find_entity (f->store, "Lisbet Marrow", DOSSIER_ENTITY_PERSON,
                                              &error), ==, marrow);
  g_assert_cmpint (dossier_store_find_entity (f->store, "Lisbet Marrow", DOSSIER_ENTITY_PLACE,
                                              &error), ==, 0);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (dossier_store_find_entity (f->store, "Nobody Known", -1, &error), ==, 0);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Nobody Known"));
  g_clear_error (&error);
  g_assert_cmpint (dossier_store_find_entity (f->store, "  ", -1, &error), ==, 0);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_clear_error (&error);

  /* A place called Marrow too: the name alone is ambiguous, and says so. */
  place = dossier_store_ensure_entity (f->store, "Marrow Point", DOSSIER_ENTITY_PLACE, &error);
  g_assert_no_error (error);
  g_assert_true (dossier_store_rename_entity (f->store, place, "Marrow", &error));
  g_assert_no_error (error);
  g_assert_cmpint (dossier_store_find_entity (f->store, "Marrow", -1, &error), ==, 0);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Lisbet Marrow"));
  g_clear_error (&error);
  g_assert_cmpint (dossier_store_find_entity (f->store, "Marrow", DOSSIER_ENTITY_PLACE, &error),
                   ==, place);

  got = dossier_store_get_entity (f->store, marrow, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->name, ==, "Lisbet Marrow");
  g_assert_cmpint (got->kind, ==, DOSSIER_ENTITY_PERSON);
  g_assert_true (strv_has (got->aliases, "Marrow"));
  g_clear_object (&got);
  got = dossier_store_get_entity (f->store, 999999, &error);
  g_assert_null (got);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
}

/* Mentions and documents */

static void
test_mentions_and_documents (Fixture *f, gconstpointer data)
{
  gint64 marrow = test_find_entity (f->store, "Lisbet Marrow");
  g_autoptr(GPtrArray) all = mentions_of (f, marrow, 0);
  g_autoptr(GPtrArray) in_a = mentions_of (f, marrow, f->a);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierDocument) a = dossier_store_get_document (f->store, f->a, NULL);
  DossierMention *first;

  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpuint (in_a->len, ==, 3);
  for (guint i = 0; i < all->len; i++)
    {
      DossierMention *m = g_ptr_array_index (all, i);
      g_autoptr(DossierDocument) document = dossier_store_get_document (f->store, m->document_id,
                                                                        NULL);
      g_autofree char *words = g_utf8_substring (dossier_document_get_text (document), m->start,
                                                 m->end);

      g_assert_cmpstr (words, ==, m->exact);
      g_assert_cmpint (m->entity_id, ==, marrow);
      g_assert_cmpint (m->review, ==, DOSSIER_REVIEW_SUGGESTED);
      /* In document, then text order. */
      if (i > 0)
        {
          DossierMention *p = g_ptr_array_index (all, i - 1);

          g_assert_true (p->document_id < m->document_id ||
                         (p->document_id == m->document_id && p->start < m->start));
        }
    }
  first = g_ptr_array_index (in_a, 0);
  g_assert_cmpstr (first->exact, ==, "Lisbet Marrow");
  g_assert_cmpuint (first->start, ==, offset_of (f->store, f->a, "Lisbet Marrow"));

  documents = dossier_store_list_entity_documents (f->store, marrow, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 2);
  g_assert_cmpint (g_array_index (documents, gint64, 0), ==, f->a);
  g_assert_cmpint (g_array_index (documents, gint64, 1), ==, f->b);
  g_clear_pointer (&documents, g_array_unref);

  /* A rejected mention is not marked, and a document left with only those is not listed. */
  {
    g_autoptr(GPtrArray) in_b = mentions_of (f, marrow, f->b);

    g_assert_cmpuint (in_b->len, ==, 1);
    g_assert_true (dossier_store_review_suggestion (
      f->store, DOSSIER_SUGGESTION_ENTITY, ((DossierMention *) g_ptr_array_index (in_b, 0))->id,
      DOSSIER_REVIEW_REJECTED, &error));
  }
  after = mentions_of (f, marrow, 0);
  g_assert_cmpuint (after->len, ==, 3);
  documents = dossier_store_list_entity_documents (f->store, marrow, &error);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpint (g_array_index (documents, gint64, 0), ==, f->a);
  g_clear_pointer (&documents, g_array_unref);

  g_assert_null (dossier_store_list_entity_mentions (f->store, 999999, 0, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (dossier_store_list_entity_documents (f->store, 999999, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
  g_assert_nonnull (a);
}

/* Corrections */

static void
test_rename (Fixture *f, gconstpointer data)
{
  gint64 marrow = test_find_entity (f->store, "Lisbet Marrow");
  gint64 quill = test_find_entity (f->store, "Peder Quill");
  g_autoptr(DossierEntity) got = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_entities;

  g_assert_true (dossier_store_rename_entity (f->store, marrow, "  Lisbet  Marrow-Quay ", &error));
  g_assert_no_error (error);
  got = dossier_store_get_entity (f->store, marrow, NULL);
  g_assert_cmpstr (got->name, ==, "Lisbet Marrow-Quay");
  /* The old name is kept as an alias: still found by it. */
  g_assert_true (strv_has (got->aliases, "Lisbet Marrow"));
  g_assert_true (strv_has (got->aliases, "Marrow"));
  g_assert_cmpint (test_find_entity (f->store, "Lisbet Marrow"), ==, marrow);
  g_clear_object (&got);

  /* Extraction finds the old name again: it is the renamed entity, not a new one. */
  n_entities = query_int (f->store, "SELECT count (*) FROM entity");
  g_assert_true (dossier_store_reextract (f->store, f->a, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT count (*) FROM entity"), ==, n_entities);
  g_assert_true (has_entity_suggestion (f->store, f->a, "Lisbet Marrow-Quay"));

  /* Onto another person's name: an error that names it and suggests a merge. */
  g_assert_false (dossier_store_rename_entity (f->store, marrow, "peder quill", &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "Peder Quill"));
  g_assert_nonnull (strstr (error->message, "merge"));
  g_clear_error (&error);
  /* Nor onto another's alias. */
  g_assert_true (dossier_store_add_entity_alias (f->store, quill, "The Mayor", &error));
  g_assert_false (dossier_store_rename_entity (f->store, marrow, "The Mayor", &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* Onto its own alias: that becomes the name. */
  g_assert_true (dossier_store_rename_entity (f->store, marrow, "Marrow", &error));
  g_assert_no_error (error);
  got = dossier_store_get_entity (f->store, marrow, NULL);
  g_assert_cmpstr (got->name, ==, "Marrow");
  g_assert_false (strv_has (got->aliases, "Marrow"));
  g_assert_true (strv_has (got->aliases, "Lisbet Marrow-Quay"));
  g_clear_object (&got);

  /* Only the case changes: no alias for the old spelling. */
  g_assert_true (dossier_store_rename_entity (f->store, marrow, "MARROW", &error));
  got = dossier_store_get_entity (f->store, marrow, NULL);
  g_assert_cmpstr (got->name, ==, "MARROW");
  g_assert_false (strv_has (got->aliases, "Marrow"));
  g_clear_object (&got);

  g_assert_false (dossier_store_rename_entity (f->store, marrow, " ", &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dossier_store_rename_entity (f->store, 999999, "Somebody", &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
}

static void
test_kind (Fixture *f, gconstpointer data)
{
  gint64 norway = test_find_entity (f->store, "Norway");
  g_autoptr(DossierEntity) got = NULL;
  g_autoptr(GPtrArray) orgs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 place;

  g_assert_true (dossier_store_set_entity_kind (f->store, norway, DOSSIER_ENTITY_ORGANIZATION,
                                                &error));
  g_assert_no_error (error);
  got = dossier_store_get_entity (f->store, norway, NULL);
  g_assert_cmpint (got->kind, ==, DOSSIER_ENTITY_ORGANIZATION);
  orgs = stats (f, 0, NULL, DOSSIER_ENTITY_ORGANIZATION);
  g_assert_nonnull (find_stats (orgs, "Norway"));

  /* A place called "European Union" cannot become an organization: there is one already. */
  place = dossier_store_ensure_entity (f->store, "Union Quay", DOSSIER_ENTITY_PLACE, &error);
  g_assert_true (dossier_store_rename_entity (f->store, place, "European Union", &error));
  g_assert_no_error (error);
  g_assert_false (dossier_store_set_entity_kind (f->store, place, DOSSIER_ENTITY_ORGANIZATION,
                                                 &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "European Union"));
  g_clear_error (&error);
  g_assert_false (dossier_store_set_entity_kind (f->store, 999999, DOSSIER_ENTITY_PLACE, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
}

static void
test_aliases (Fixture *f, gconstpointer data)
{
  gint64 marrow = test_find_entity (f->store, "Lisbet Marrow");
  g_autoptr(DossierEntity) got = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (dossier_store_add_entity_alias (f->store, marrow, "L. Marrow", &error));
  g_assert_true (dossier_store_add_entity_alias (f->store, marrow, "l. marrow", &error));
  g_assert_true (dossier_store_add_entity_alias (f->store, marrow, "LISBET MARROW", &error));
  g_assert_no_error (error);
  got = dossier_store_get_entity (f->store, marrow, NULL);
  g_assert_cmpuint (g_strv_length (got->aliases), ==, 2);
  g_assert_cmpstr (got->aliases[0], ==, "L. Marrow");
  g_assert_cmpstr (got->aliases[1], ==, "Marrow");
  g_clear_object (&got);
  g_assert_cmpint (test_find_entity (f->store, "L. MARROW"), ==, marrow);

  g_assert_false (dossier_store_add_entity_alias (f->store, marrow, "Peder Quill", &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (dossier_store_add_entity_alias (f->store, marrow, "", &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (dossier_store_remove_entity_alias (f->store, marrow, "L. Marrow", &error));
  g_assert_no_error (error);
  got = dossier_store_get_entity (f->store, marrow, NULL);
  g_assert_false (strv_has (got->aliases, "L. Marrow"));
  g_assert_false (dossier_store_remove_entity_alias (f->store, marrow, "L. Marrow", &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
}

static void
test_split (Fixture *f, gconstpointer data)
{
  gint64 marrow = test_find_entity (f->store, "Lisbet Marrow");
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(DossierEntity) old = NULL;
  g_autoptr(DossierEntity) split = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dismissed = NULL;
  gint64 new_id = 0;

  g_assert_true (dossier_store_split_alias (f->store, marrow, "marrow", &new_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (new_id, >, 0);
  g_assert_cmpint (new_id, !=, marrow);

  split = dossier_store_get_entity (f->store, new_id, NULL);
  g_assert_cmpstr (split->name, ==, "Marrow");         /* the alias as it was stored */
  g_assert_cmpint (split->kind, ==, DOSSIER_ENTITY_PERSON);
  old = dossier_store_get_entity (f->store, marrow, NULL);
  g_assert_false (strv_has (old->aliases, "Marrow"));

  /* The mentions whose words are the alias moved; the full name's stayed. */
  moved = mentions_of (f, new_id, 0);
  g_assert_cmpuint (moved->len, ==, 2);
  for (guint i = 0; i < moved->len; i++)
    g_assert_cmpstr (((DossierMention *) g_ptr_array_index (moved, i))->exact, ==, "Marrow");
  kept = mentions_of (f, marrow, 0);
  g_assert_cmpuint (kept->len, ==, 2);
  for (guint i = 0; i < kept->len; i++)
    g_assert_cmpstr (((DossierMention *) g_ptr_array_index (kept, i))->exact, ==,
                     "Lisbet Marrow");

  /* The two are different: never proposed for a merge. */
  dismissed = g_strdup_printf ("SELECT count (*) FROM merge_dismissal WHERE entity_id = %"
                               G_GINT64_FORMAT " AND other_id = %" G_GINT64_FORMAT,
                               MIN (marrow, new_id), MAX (marrow, new_id));
  g_assert_cmpint (query_int (f->store, dismissed), ==, 1);
  proposals = dossier_store_list_merge_proposals (f->store, &error);
  for (guint i = 0; i < proposals->len; i++)
    {
      DossierMergeProposal *p = g_ptr_array_index (proposals, i);

      g_assert_false (MIN (p->entity_id, p->other_id) == MIN (marrow, new_id) &&
                      MAX (p->entity_id, p->other_id) == MAX (marrow, new_id));
    }

  /* The new entity is the analyst's: listed even with no mention left, unless its mentions
   * were all rejected. */
  for (guint i = 0; i < moved->len; i++)
    g_assert_true (dossier_store_review_suggestion (
      f->store, DOSSIER_SUGGESTION_ENTITY, ((DossierMention *) g_ptr_array_index (moved, i))->id,
      DOSSIER_REVIEW_REJECTED, NULL));
  {
    g_autoptr(GPtrArray) listed = stats (f, 0, NULL, -1);

    g_assert_null (find_stats (listed, "Marrow"));
  }

  /* Not an alias (any more), or a name taken by another entity of the kind. */
  g_assert_false (dossier_store_split_alias (f->store, marrow, "Marrow", &new_id, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
  g_assert_cmpint (new_id, ==, 0);
  g_clear_error (&error);
  g_assert_true (dossier_store_exec (f->store, "INSERT INTO entity_alias (entity_id, alias)"
                                     " SELECT id, 'Peder Quill' FROM entity"
                                     " WHERE name = 'Lisbet Marrow'", "test", &error));
  g_assert_false (dossier_store_split_alias (f->store, marrow, "Peder Quill", NULL, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_DUPLICATE);
  g_clear_error (&error);
  /* ...and that failure changed nothing. */
  g_clear_object (&old);
  old = dossier_store_get_entity (f->store, marrow, NULL);
  g_assert_true (strv_has (old->aliases, "Peder Quill"));
}

static void
test_reject (Fixture *f, gconstpointer data)
{
  gint64 quill = test_find_entity (f->store, "Peder Quill");
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 c;

  g_assert_true (has_entity_suggestion (f->store, f->b, "Peder Quill"));
  g_assert_true (dossier_store_reject_entity (f->store, quill, &error));
  g_assert_no_error (error);
  left = mentions_of (f, quill, 0);
  g_assert_cmpuint (left->len, ==, 0);
  g_assert_false (has_entity_suggestion (f->store, f->b, "Peder Quill"));
  listed = stats (f, 0, NULL, -1);
  g_assert_null (find_stats (listed, "Peder Quill"));
  g_assert_nonnull (find_stats (listed, "Lisbet Marrow"));

  /* Re-extraction does not bring it back... */
  g_assert_true (dossier_store_reextract (f->store, f->b, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (has_entity_suggestion (f->store, f->b, "Peder Quill"));
  g_assert_true (has_entity_suggestion (f->store, f->b, "Lisbet Marrow"));
  g_assert_cmpint (query_int (f->store, "SELECT count (*) FROM mention m JOIN entity e"
                                        " ON e.id = m.entity_id WHERE e.name = 'Peder Quill'"
                                        " AND m.status <> 'rejected'"), ==, 0);

  /* ...nor does a new document that names it: no mention, and no new entity of that name. */
  c = add_extracted (f->store, C_TITLE, B_OUTLET, "2024-04-20", c_paragraphs);
  g_assert_false (has_entity_suggestion (f->store, c, "Peder Quill"));
  g_assert_true (has_entity_suggestion (f->store, c, "Lisbet Marrow"));
  g_assert_cmpint (test_find_entity (f->store, "Peder Quill"), ==, quill);
  g_assert_cmpint (query_int (f->store, "SELECT count (*) FROM entity WHERE name = 'Peder Quill'"),
                   ==, 1);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = stats (f, 0, NULL, -1);
  g_assert_null (find_stats (listed, "Peder Quill"));

  g_assert_false (dossier_store_reject_entity (f->store, 999999, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
}

/* Undo of "not an entity": listed and suggested again, each mention with its old review. */
static void
test_reject_undo (Fixture *f, gconstpointer data)
{
  gint64 quill = test_find_entity (f->store, "Peder Quill");
  g_autoptr(GPtrArray) before = mentions_of (f, quill, 0);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  DossierMention *first;

  g_assert_cmpuint (before->len, >=, 1);
  first = g_ptr_array_index (before, 0);
  g_assert_true (dossier_store_review_suggestion (f->store, DOSSIER_SUGGESTION_ENTITY, first->id,
                                                  DOSSIER_REVIEW_CONFIRMED, &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_ptr_array_unref);
  before = mentions_of (f, quill, 0);

  g_assert_true (dossier_store_reject_entity (f->store, quill, &error));
  g_assert_true (dossier_store_restore_entity (f->store, quill, before, &error));
  g_assert_no_error (error);
  after = mentions_of (f, quill, 0);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    {
      DossierMention *was = g_ptr_array_index (before, i);
      DossierMention *now = g_ptr_array_index (after, i);

      g_assert_cmpint (now->id, ==, was->id);
      g_assert_cmpint (now->review, ==, was->review);
    }
  g_assert_cmpint (((DossierMention *) g_ptr_array_index (after, 0))->review, ==,
                   DOSSIER_REVIEW_CONFIRMED);
  g_assert_cmpint (query_int (f->store, "SELECT rejected FROM entity WHERE name = 'Peder Quill'"),
                   ==, 0);
  listed = stats (f, 0, NULL, -1);
  g_assert_nonnull (find_stats (listed, "Peder Quill"));

  g_assert_false (dossier_store_restore_entity (f->store, 999999, before, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
}

/* Events */

static void
test_date_value_span (void)
{
  struct {
    const char           *value;
    gboolean              valid;
    DossierDatePrecision  precision;
    const char           *first;
    const char           *last;
  } cases[] = {
    { "2024", TRUE, DOSSIER_DATE_YEAR, "2024-01-01", "2024-12-31" },
    { "2024-02", TRUE, DOSSIER_DATE_MONTH, "2024-02-01", "2024-02-29" },
    { "2023-02", TRUE, DOSSIER_DATE_MONTH, "2023-02-01", "2023-02-28" },
    { "2024-05-19", TRUE, DOSSIER_DATE_DAY, "2024-05-19", "2024-05-19" },
    { "2024-W01", TRUE, DOSSIER_DATE_WEEK, "2024-01-01", "2024-01-07" },
    { "2021-W01", TRUE, DOSSIER_DATE_WEEK, "2021-01-04", "2021-01-10" },
    { "2020-W53", TRUE, DOSSIER_DATE_WEEK, "2020-12-28", "2021-01-03" },
    { "2024-W21-WE", TRUE, DOSSIER_DATE_WEEK, "2024-05-25", "2024-05-26" },
    { "2021-W53", FALSE, 0, NULL, NULL },
    { "2023-02-29", FALSE, 0, NULL, NULL },
    { "2024-13", FALSE, 0, NULL, NULL },
    { "2024-00", FALSE, 0, NULL, NULL },
    { "2024-5-1", FALSE, 0, NULL, NULL },
    { "2024-W00", FALSE, 0, NULL, NULL },
    { "2024-W21-XX", FALSE, 0, NULL, NULL },
    { "0000", FALSE, 0, NULL, NULL },
    { "24", FALSE, 0, NULL, NULL },
    { "yesterday", FALSE, 0, NULL, NULL },
    { "", FALSE, 0, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DossierDatePrecision precision = DOSSIER_DATE_DAY;
      GDate first, last;
      char buf[16];

      g_test_message ("%s", cases[i].value);
      g_assert_cmpint (dossier_date_value_span (cases[i].value, &precision, &first, &last), ==,
                       cases[i].valid);
      if (!cases[i].valid)
        continue;
      g_assert_cmpint (precision, ==, cases[i].precision);
      g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &first);
      g_assert_cmpstr (buf, ==, cases[i].first);
      g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &last);
      g_assert_cmpstr (buf, ==, cases[i].last);
    }
  g_assert_false (dossier_date_value_span (NULL, NULL, NULL, NULL));
}

static void
test_add_event (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  guint years = offset_of (f->store, f->a, "ten years");
  guint minutes = offset_of (f->store, f->a, "forty minutes");
  gint64 id, second;
  DossierEvent *e;

  id = dossier_store_add_event (f->store, f->a, years, years + 9, "2014", DOSSIER_DATE_YEAR,
                                "Ten years before the opening", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  second = dossier_store_add_event (f->store, f->a, minutes, minutes + 13, "2024-03",
                                    DOSSIER_DATE_MONTH, NULL, &error);
  g_assert_no_error (error);

  events = dossier_store_list_events (f->store, f->a, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    g_assert_cmpint (((DossierEvent *) g_ptr_array_index (events, i))->document_id, ==, f->a);
  e = get_event (events, "ten years");
  g_assert_nonnull (e);
  g_assert_cmpint (e->id, ==, id);
  g_assert_true (e->analyst);
  g_assert_cmpint (e->review, ==, DOSSIER_REVIEW_CONFIRMED);
  g_assert_false (e->uncertain);
  g_assert_cmpstr (e->value, ==, "2014");
  g_assert_cmpint (e->precision, ==, DOSSIER_DATE_YEAR);
  g_assert_cmpstr (e->note, ==, "Ten years before the opening");
  g_assert_cmpstr (e->document_outlet, ==, A_OUTLET);
  g_assert_cmpstr (e->document_title, ==, A_TITLE);
  /* The sentence around the words, opening quote mark and all. */
  g_assert_cmpstr (e->sentence, ==, QUOTE_SENTENCE);
  g_assert_true (strv_has (e->entities, "Lisbet Marrow"));
  /* The second sentence of its paragraph, not the first. */
  e = get_event (events, "forty minutes");
  g_assert_cmpint (e->id, ==, second);
  g_assert_cmpstr (e->sentence, ==, "Marrow said the crossing to Ostra would take forty minutes.");
  g_assert_cmpstr (e->note, ==, "");

  /* Dates that are none, or not of the precision given; passages not in the text. */
  g_assert_cmpint (dossier_store_add_event (f->store, f->a, years, years + 9, "2024-13",
                                            DOSSIER_DATE_MONTH, NULL, &error), ==, 0);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (dossier_store_add_event (f->store, f->a, years, years + 9, "2024-03",
                                            DOSSIER_DATE_DAY, NULL, &error), ==, 0);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (dossier_store_add_event (f->store, f->a, years, years, "2024",
                                            DOSSIER_DATE_YEAR, NULL, &error), ==, 0);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (dossier_store_add_event (f->store, f->a, 10, 100000, "2024",
                                            DOSSIER_DATE_YEAR, NULL, &error), ==, 0);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (dossier_store_add_event (f->store, 999999, 0, 4, "2024",
                                            DOSSIER_DATE_YEAR, NULL, &error), ==, 0);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
}

static void
test_update_remove_event (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  guint years = offset_of (f->store, f->a, "ten years");
  gint64 mine;
  DossierEvent *e;

  mine = dossier_store_add_event (f->store, f->a, years, years + 9, "2014", DOSSIER_DATE_YEAR,
                                  NULL, &error);
  g_assert_true (dossier_store_update_event (f->store, mine, "2014-W10", DOSSIER_DATE_WEEK,
                                             "Week of the vote", &error));
  g_assert_no_error (error);
  events = timeline (f, NULL);
  e = get_event (events, "ten years");
  g_assert_cmpstr (e->value, ==, "2014-W10");
  g_assert_cmpint (e->precision, ==, DOSSIER_DATE_WEEK);
  g_assert_cmpstr (e->note, ==, "Week of the vote");
  g_clear_pointer (&events, g_ptr_array_unref);

  g_assert_false (dossier_store_update_event (f->store, mine, "2014-W99", DOSSIER_DATE_WEEK, NULL,
                                              &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dossier_store_update_event (f->store, 999999, "2014", DOSSIER_DATE_YEAR, NULL,
                                              &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An extraction's event, edited, is confirmed and its date no longer uncertain. */
  events = timeline (f, NULL);
  e = get_event (events, "January");
  g_assert_nonnull (e);
  g_assert_false (e->analyst);
  g_assert_true (dossier_store_update_event (f->store, e->id, "2024-01-15", DOSSIER_DATE_DAY, NULL,
                                             &error));
  g_clear_pointer (&events, g_ptr_array_unref);
  events = timeline (f, NULL);
  e = get_event (events, "January");
  g_assert_cmpstr (e->value, ==, "2024-01-15");
  g_assert_cmpint (e->review, ==, DOSSIER_REVIEW_CONFIRMED);
  g_assert_false (e->uncertain);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Removed: the analyst's is deleted; extraction's is rejected and stays away. */
  g_assert_true (dossier_store_remove_event (f->store, mine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT count (*) FROM event WHERE origin = 'analyst'"),
                   ==, 0);
  events = timeline (f, NULL);
  e = get_event (events, "March 3, 2024");
  g_assert_nonnull (e);
  g_assert_true (dossier_store_remove_event (f->store, e->id, &error));
  g_clear_pointer (&events, g_ptr_array_unref);
  g_assert_true (dossier_store_reextract (f->store, f->a, NULL, &error));
  g_assert_no_error (error);
  events = timeline (f, NULL);
  g_assert_null (find_event (events, "March 3, 2024"));
  g_assert_null (find_event (events, "ten years"));
  g_assert_false (dossier_store_remove_event (f->store, 999999, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
}

static void
test_analyst_events_survive (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierArticle) update = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("version 2", 9);
  guint years = offset_of (f->store, f->a, "ten years");
  guint february = offset_of (f->store, f->a, "February");
  g_autofree char *at_february = NULL;
  gint64 mine, taken, suggested_id;
  DossierEvent *e;

  /* The words extraction dated as February get the analyst's date: the same row. */
  events = timeline (f, NULL);
  e = get_event (events, "February");
  g_assert_nonnull (e);
  g_assert_cmpint (e->review, ==, DOSSIER_REVIEW_SUGGESTED);
  suggested_id = e->id;
  g_clear_pointer (&events, g_ptr_array_unref);
  taken = dossier_store_add_event (f->store, f->a, february, february + 8, "2023-02",
                                   DOSSIER_DATE_MONTH, "Last year's February", &error);
  g_assert_no_error (error);
  g_assert_cmpint (taken, ==, suggested_id);
  mine = dossier_store_add_event (f->store, f->a, years, years + 9, "2014", DOSSIER_DATE_YEAR,
                                  NULL, &error);

  /* Re-extraction deletes neither, and does not suggest February again beside them. */
  g_assert_true (dossier_store_reextract (f->store, f->a, NULL, &error));
  g_assert_no_error (error);
  at_february = g_strdup_printf ("SELECT count (*) FROM event WHERE start_offset = %u", february);
  g_assert_cmpint (query_int (f->store, at_february), ==, 1);
  events = timeline (f, NULL);
  e = get_event (events, "February");
  g_assert_cmpint (e->id, ==, taken);
  g_assert_cmpstr (e->value, ==, "2023-02");
  g_assert_cmpint (e->review, ==, DOSSIER_REVIEW_CONFIRMED);
  g_assert_cmpstr (e->note, ==, "Last year's February");
  e = get_event (events, "ten years");
  g_assert_nonnull (e);
  g_assert_cmpint (e->id, ==, mine);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* A new version of the text: the analyst's event moves with its words. */
  update = make_article (A_TITLE, A_OUTLET, "2024-03-08",
                         (const char * const []) { "Update: a second ship was ordered.",
                                                   a_paragraphs[0], a_paragraphs[1],
                                                   a_paragraphs[2], NULL });
  g_assert_true (dossier_store_update_document (f->store, f->a, update, bytes, NULL, &error));
  g_assert_no_error (error);
  events = timeline (f, NULL);
  e = get_event (events, "ten years");
  g_assert_nonnull (e);
  g_assert_cmpint (e->id, ==, mine);
  g_assert_cmpuint (e->start, ==, offset_of (f->store, f->a, "ten years"));
  g_assert_cmpuint (e->start, >, years);
  g_assert_cmpstr (e->sentence, ==, QUOTE_SENTENCE);
}

/* The timeline */

static gboolean
only_expressions (GPtrArray          *events,
                  const char * const *expected)
{
  if (events->len != g_strv_length ((GStrv) expected))
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    if (g_strcmp0 (((DossierEvent *) g_ptr_array_index (events, i))->expression, expected[i]) != 0)
      return FALSE;
  return TRUE;
}

#define EXPECT(events, ...) \
  g_assert_true (only_expressions (events, (const char * const []) { __VA_ARGS__, NULL }))

static void
test_timeline (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) all = timeline (f, NULL);
  g_autoptr(GError) error = NULL;
  DossierEventFilter filter = DOSSIER_EVENT_FILTER_INIT;
  guint days = offset_of (f->store, f->a, "forty minutes");
  DossierAnnotationFields fields = { 0, };
  const char *tags[] = { "arrival", NULL };
  guint start;

  /* Every event in date order: by the first day each covers. */
  EXPECT (all, "January", "February", "March 3, 2024", "April 10, 2024");
  for (guint i = 1; i < all->len; i++)
    {
      GDate a, b;

      g_assert_true (dossier_date_value_span (((DossierEvent *) all->pdata[i - 1])->value, NULL,
                                              &a, NULL));
      g_assert_true (dossier_date_value_span (((DossierEvent *) all->pdata[i])->value, NULL, &b,
                                              NULL));
      g_assert_cmpint (g_date_compare (&a, &b), <=, 0);
    }
  g_assert_cmpstr (((DossierEvent *) all->pdata[3])->document_outlet, ==, B_OUTLET);

  /* A week that begins in February and ends in March sorts before March 3 and meets March. */
  g_assert_cmpint (dossier_store_add_event (f->store, f->a, days, days + 13, "2024-W09",
                                            DOSSIER_DATE_WEEK, NULL, &error), >, 0);
  g_assert_no_error (error);

#define WITH(field, value) \
  G_STMT_START { \
    g_autoptr(GPtrArray) events = NULL; \
    DossierEventFilter with = DOSSIER_EVENT_FILTER_INIT; \
    with.field = value; \
    events = timeline (f, &with);
#define END } G_STMT_END

  WITH (from, "2024-03")
    EXPECT (events, "forty minutes", "March 3, 2024", "April 10, 2024");
  END;
  WITH (to, "2024-02")
    EXPECT (events, "January", "February", "forty minutes");
  END;
  WITH (from, "2024-04-10")
    EXPECT (events, "April 10, 2024");
  END;
  WITH (to, "2023")
    g_assert_cmpuint (events->len, ==, 0);
  END;
  WITH (from, "2024-W10")
    EXPECT (events, "April 10, 2024");
  END;

  /* By an entity mentioned in the sentence, by name or alias. */
  WITH (entity, "Peder Quill")
    EXPECT (events, "January");
  END;
  WITH (entity, "marrow")
    EXPECT (events, "forty minutes", "March 3, 2024");
  END;
  WITH (entity, "European Union")
    EXPECT (events, "February");
  END;

  /* By outlet: the documents' own, or a source by one of its names. */
  WITH (outlet, "ostra gazette")
    EXPECT (events, "January", "April 10, 2024");
  END;
  WITH (outlet, "Harbour Weekly")
    g_assert_cmpuint (events->len, ==, 0);
  END;
  {
    gint64 source = dossier_store_add_source (f->store, "Ostra Gazette", "newspaper", &error);
    g_autoptr(DossierSource) gazette = NULL;

    g_assert_no_error (error);
    gazette = dossier_store_find_source (f->store, "Ostra Gazette", &error);
    g_assert_cmpint (gazette->id, ==, source);
    g_strfreev (gazette->aliases);
    gazette->aliases = g_strsplit ("The Gazette", ",", -1);
    g_assert_true (dossier_store_update_source (f->store, gazette, &error));
    g_assert_no_error (error);
  }
  WITH (outlet, "The Gazette")
    EXPECT (events, "January", "April 10, 2024");
  END;

  /* By the tag of an annotation over the sentence. */
  fields.kind = DOSSIER_ANNOTATION_HIGHLIGHT;
  fields.tags = tags;
  start = offset_of (f->store, f->b, "prepared for the arrival");
  g_assert_cmpint (dossier_store_add_annotation (f->store, f->b, start, start + 8, &fields,
                                                 &error), >, 0);
  g_assert_no_error (error);
  WITH (tag, "Arrival")
    EXPECT (events, "January");
  END;

  WITH (document_id, f->b)
    EXPECT (events, "January", "April 10, 2024");
  END;

  /* Filters together. */
  filter.from = "2024-03-01";
  filter.to = "2024-03-31";
  filter.entity = "Lisbet Marrow";
  filter.outlet = A_OUTLET;
  {
    g_autoptr(GPtrArray) events = timeline (f, &filter);

    EXPECT (events, "forty minutes", "March 3, 2024");
  }
#undef WITH
#undef END

  /* Misspelt filters are errors, not empty timelines. */
  filter = (DossierEventFilter) DOSSIER_EVENT_FILTER_INIT;
  filter.entity = "Nobody Known";
  g_assert_null (dossier_store_list_timeline (f->store, &filter, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  filter.entity = NULL;
  filter.tag = "no-such-tag";
  g_assert_null (dossier_store_list_timeline (f->store, &filter, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  filter.tag = NULL;
  filter.from = "2024-02-30";
  g_assert_null (dossier_store_list_timeline (f->store, &filter, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
}

/* Schema */

static void
test_migration_from_v3 (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v3.dossier", NULL);
  g_autoptr(GError) error = NULL;
  guint n = 0;
  const DossierMigration *list = dossier_store_get_migrations (&n);

  g_assert_cmpuint (n, ==, 4);
  {
    g_autoptr(DossierStore) old = dossier_store_open_with_migrations (path, list, 3, &error);

    g_assert_no_error (error);
    g_assert_true (dossier_store_exec (old,
      "INSERT INTO document (id, title, format, sha256, imported_at, text, original)"
      " VALUES (1, 'Old', 'text', 'x', '2024-01-01', 'Tomas Ellery spoke on May 1, 2024.', x'00');"
      "INSERT INTO entity (id, name, kind, created_at, origin)"
      " VALUES (7, 'Tomas Ellery', 'person', '2024-01-01', 'auto');"
      "INSERT INTO mention (entity_id, document_id, start_offset, end_offset, exact)"
      " VALUES (7, 1, 0, 12, 'Tomas Ellery');"
      "INSERT INTO event (document_id, start_offset, end_offset, expression, value, precision,"
      " sentence_start, sentence_end) VALUES (1, 22, 33, 'May 1, 2024', '2024-05-01', 'day', 0,"
      " 34);", "test", &error));
  }
  {
    g_autoptr(DossierStore) store = dossier_store_open (path, &error);
    g_autoptr(GPtrArray) listed = NULL;
    g_autoptr(GPtrArray) events = NULL;
    DossierEntityStats *s;
    DossierEvent *e;

    g_assert_no_error (error);
    g_assert_cmpint (dossier_store_get_schema_version (store), ==, 4);
    listed = dossier_store_list_entity_stats (store, 1, NULL, -1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (listed->len, ==, 1);
    s = g_ptr_array_index (listed, 0);
    g_assert_cmpstr (s->name, ==, "Tomas Ellery");
    g_assert_cmpuint (s->mentions, ==, 1);
    g_assert_cmpuint (s->document_mentions, ==, 1);
    events = dossier_store_list_events (store, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (events->len, ==, 1);
    e = g_ptr_array_index (events, 0);
    g_assert_cmpstr (e->note, ==, "");
    g_assert_false (e->analyst);
    g_assert_cmpstr (e->sentence, ==, "Tomas Ellery spoke on May 1, 2024.");
    g_assert_true (g_strv_contains ((const char * const *) e->entities, "Tomas Ellery"));
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
  ADD ("/entities/stats", test_stats);
  ADD ("/entities/stats-filter", test_stats_filter);
  ADD ("/entities/find-and-get", test_find_and_get);
  ADD ("/entities/mentions-and-documents", test_mentions_and_documents);
  ADD ("/entities/rename", test_rename);
  ADD ("/entities/kind", test_kind);
  ADD ("/entities/aliases", test_aliases);
  ADD ("/entities/split", test_split);
  ADD ("/entities/reject", test_reject);
  ADD ("/entities/reject-undo", test_reject_undo);
  ADD ("/entities/events/add", test_add_event);
  ADD ("/entities/events/update-remove", test_update_remove_event);
  ADD ("/entities/events/analyst-events-survive", test_analyst_events_survive);
  ADD ("/entities/timeline", test_timeline);
#undef ADD
  g_test_add_func ("/entities/date-value-span", test_date_value_span);
  g_test_add_func ("/entities/migration-from-v3", test_migration_from_v3);

  return g_test_run ();
}
