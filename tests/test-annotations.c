/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sqlite3.h>
#include <string.h>

#include "dossier-core.h"
#include "dossier-store-private.h"
#include "test-common.h"

/* A story of our own: fictional people and outlets. */
#define STORY_TITLE "Harbour talks stall in Vell"
#define STORY_BODY \
  "Minister Ilse Varga said on Tuesday that “the harbour will stay open”, according to " \
  "the Corland News Agency. The agency later reported that talks had stalled. " \
  "Varga added: “the harbour will stay open.”"

typedef struct {
  char         *dir;
  char         *path;
  DossierStore *store;
  gint64        doc;
} Fixture;

static gint64
add_document (DossierStore *store,
              const char   *title,
              const char   *body)
{
  g_autoptr(DossierArticle) article = test_make_article (title, "The Vell Courier", body);
  g_autofree char *raw = g_strdup_printf ("%s\n\n%s", title, body);
  g_autoptr(GBytes) bytes = g_bytes_new (raw, strlen (raw));

  return test_add_article (store, article, bytes, "story.txt");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_tmpdir ();
  f->store = test_open_workspace (f->dir, "test.dossier", &f->path);
  f->doc = add_document (f->store, STORY_TITLE, STORY_BODY);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_close_workspace (&f->store, &f->dir);
  g_free (f->path);
}

/* The code-point range of the @nth occurrence (from 0) of @needle in the document's text. */
static void
find_passage (Fixture    *f,
              const char *needle,
              guint       nth,
              guint      *start,
              guint      *end)
{
  g_autoptr(DossierDocument) document = dossier_store_get_document (f->store, f->doc, NULL);
  const char *text = dossier_document_get_text (document);
  const char *p = text;

  for (guint i = 0; i <= nth; i++)
    {
      p = strstr (i == 0 ? p : p + 1, needle);
      g_assert_nonnull (p);
    }
  *start = (guint) g_utf8_pointer_to_offset (text, p);
  *end = *start + (guint) g_utf8_strlen (needle, -1);
}

static gint64
annotate (Fixture                       *f,
          const char                    *needle,
          const DossierAnnotationFields *fields)
{
  g_autoptr(GError) error = NULL;
  guint start, end;
  gint64 id;

  find_passage (f, needle, 0, &start, &end);
  id = dossier_store_add_annotation (f->store, f->doc, start, end, fields, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_migrated_schema (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) sources = dossier_store_list_sources (f->store, NULL);
  g_autoptr(DossierSource) irna = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (dossier_store_get_schema_version (f->store), ==, DOSSIER_SCHEMA_VERSION);
  /* Every new workspace starts with the registry. */
  g_assert_nonnull (sources);
  g_assert_cmpuint (sources->len, >=, 90);
  irna = dossier_store_find_source (f->store, "islamic republic news agency", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (irna->name, ==, "IRNA");
  g_assert_cmpstr (irna->kind, ==, "state-media");
  g_assert_cmpstr (irna->country, ==, "IR");
  g_assert_cmpstr (irna->origin, ==, "registry");
  g_assert_null (irna->reliability);
}

static void
test_upgrade_from_v1 (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.dossier", NULL);
  g_autoptr(GError) error = NULL;
  guint n = 0;
  const DossierMigration *list = dossier_store_get_migrations (&n);
  gint64 doc;

  {
    g_autoptr(DossierStore) old = dossier_store_open_with_migrations (path, list, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpint (dossier_store_get_schema_version (old), ==, 1);
    doc = add_document (old, STORY_TITLE, STORY_BODY);
  }
  {
    g_autoptr(DossierStore) store = dossier_store_open (path, &error);
    g_autoptr(DossierDocument) document = NULL;
    g_autoptr(GPtrArray) sources = NULL;
    DossierAnnotationFields fields = { DOSSIER_ANNOTATION_HIGHLIGHT, };

    g_assert_no_error (error);
    g_assert_cmpint (dossier_store_get_schema_version (store), ==, DOSSIER_SCHEMA_VERSION);
    g_assert_nonnull (dossier_store_get_backup_path (store));
    g_assert_true (g_file_test (dossier_store_get_backup_path (store), G_FILE_TEST_IS_REGULAR));
    document = dossier_store_get_document (store, doc, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (dossier_document_get_title (document), ==, STORY_TITLE);
    sources = dossier_store_list_sources (store, &error);
    g_assert_cmpuint (sources->len, >=, 90);
    g_assert_cmpint (dossier_store_add_annotation (store, doc, 0, 7, &fields, &error), >, 0);
    g_assert_no_error (error);
  }
  test_rm_rf (dir);
}

static void
test_add_quote (Fixture *f, gconstpointer data)
{
  const char *tags[] = { "harbour", "  ports  and   shipping ", NULL };
  DossierAnnotationFields fields = {
    .kind = DOSSIER_ANNOTATION_QUOTE,
    .speaker = "Ilse Varga",
    .source = "corland news agency",
    .cue = "said",
    .note = "First public statement.",
    .tags = tags,
  };
  g_autoptr(DossierAnnotation) a = NULL;
  g_autoptr(GError) error = NULL;
  guint start, end;
  gint64 id;

  id = annotate (f, "the harbour will stay open", &fields);
  find_passage (f, "the harbour will stay open", 0, &start, &end);
  a = dossier_store_get_annotation (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a->document_id, ==, f->doc);
  g_assert_cmpint (a->kind, ==, DOSSIER_ANNOTATION_QUOTE);
  g_assert_cmpuint (a->selector.start, ==, start);
  g_assert_cmpuint (a->selector.end, ==, end);
  g_assert_cmpstr (a->selector.exact, ==, "the harbour will stay open");
  g_assert_true (g_str_has_suffix (a->selector.prefix, "on Tuesday that “"));
  g_assert_cmpuint (g_utf8_strlen (a->selector.prefix, -1), ==, DOSSIER_ANCHOR_CONTEXT);
  g_assert_true (g_str_has_prefix (a->selector.suffix, "”, according to"));
  g_assert_cmpstr (a->speaker, ==, "Ilse Varga");
  /* A new source name is created, once, and kept as typed. */
  g_assert_cmpstr (a->source, ==, "corland news agency");
  g_assert_cmpstr (a->cue, ==, "said");
  g_assert_cmpint (a->credibility, ==, 0);
  g_assert_cmpstr (a->note, ==, "First public statement.");
  g_assert_cmpuint (g_strv_length (a->tags), ==, 2);
  g_assert_cmpstr (a->tags[0], ==, "harbour");
  g_assert_cmpstr (a->tags[1], ==, "ports and shipping");
  g_assert_cmpint (a->status, ==, DOSSIER_ANNOTATION_ANCHORED);
  g_assert_cmpstr (a->origin, ==, "analyst");
  g_assert_nonnull (a->created_at);

  /* The same speaker and source, spelt in another case, are the same records. */
  {
    DossierAnnotationFields again = fields;
    g_autoptr(DossierAnnotation) b = NULL;
    g_autoptr(GPtrArray) entities = NULL;

    again.speaker = "ILSE VARGA";
    again.source = "Corland News Agency";
    b = dossier_store_get_annotation (f->store, annotate (f, "talks had stalled", &again),
                                      NULL);
    g_assert_cmpint (b->speaker_id, ==, a->speaker_id);
    g_assert_cmpint (b->source_id, ==, a->source_id);
    entities = dossier_store_list_entities (f->store, NULL);
    g_assert_cmpuint (entities->len, ==, 1);
    g_assert_cmpuint (((DossierEntity *) entities->pdata[0])->n_annotations, ==, 2);
  }
}

static void
test_source_alias_and_grade (Fixture *f, gconstpointer data)
{
  DossierAnnotationFields fields = {
    .kind = DOSSIER_ANNOTATION_CLAIM,
    .source = "Iranian state media",
    .credibility = 3,
  };
  g_autoptr(DossierAnnotation) a = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (dossier_store_set_source_grade (f->store, "IRNA", "C", &error));
  g_assert_no_error (error);
  a = dossier_store_get_annotation (f->store, annotate (f, "talks had stalled", &fields), NULL);
  /* The alias resolves to the registry's IRNA, whose grade comes along. */
  g_assert_cmpstr (a->source, ==, "IRNA");
  g_assert_cmpstr (a->source_grade, ==, "C");
  g_assert_cmpint (a->credibility, ==, 3);

  g_assert_false (dossier_store_set_source_grade (f->store, "IRNA", "G", &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dossier_store_set_source_grade (f->store, "Nowhere Gazette", "A", &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No source called “Nowhere Gazette” in this workspace");
}

static void
test_update_source (Fixture *f, gconstpointer data)
{
  g_autoptr(DossierSource) source = NULL;
  g_autoptr(DossierSource) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = dossier_store_add_source (f->store, "Vell Courier", "newspaper", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (dossier_store_add_source (f->store, "vell courier", NULL, &error), ==, 0);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_DUPLICATE);
  g_clear_error (&error);

  source = dossier_store_find_source (f->store, "Vell Courier", &error);
  g_free (source->notes);
  source->notes = g_strdup ("Owned by the port authority.");
  g_free (source->reliability);
  source->reliability = g_strdup ("B");
  g_free (source->country);
  source->country = g_strdup ("GB");
  g_strfreev (source->aliases);
  source->aliases = g_strsplit ("The Courier|Vell Daily Courier", "|", -1);
  g_assert_true (dossier_store_update_source (f->store, source, &error));
  g_assert_no_error (error);

  again = dossier_store_find_source (f->store, "the courier", &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->id, ==, id);
  g_assert_cmpstr (again->notes, ==, "Owned by the port authority.");
  g_assert_cmpstr (again->reliability, ==, "B");
  g_assert_cmpstr (again->country, ==, "GB");
  g_assert_cmpuint (g_strv_length (again->aliases), ==, 2);

  /* An alias that already names another source is refused and nothing changes. */
  g_strfreev (source->aliases);
  source->aliases = g_strsplit ("Islamic Republic News Agency", "|", -1);
  g_free (source->notes);
  source->notes = g_strdup ("changed");
  g_assert_false (dossier_store_update_source (f->store, source, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_clear_object (&again);
  again = dossier_store_find_source (f->store, "Vell Courier", NULL);
  g_assert_cmpstr (again->notes, ==, "Owned by the port authority.");
  g_assert_cmpuint (g_strv_length (again->aliases), ==, 2);
}

static void
test_invalid (Fixture *f, gconstpointer data)
{
  DossierAnnotationFields fields = { .kind = DOSSIER_ANNOTATION_HIGHLIGHT };
  g_autoptr(GError) error = NULL;
  glong len = g_utf8_strlen (STORY_TITLE "\n\n" STORY_BODY, -1);

  /* Out of range, empty, and on a missing document: refused, nothing stored. */
  g_assert_cmpint (dossier_store_add_annotation (f->store, f->doc, 5, 5, &fields, &error), ==, 0);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (dossier_store_add_annotation (f->store, f->doc, 0, (guint) len + 50, &fields,
                                                 &error), ==, 0);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (dossier_store_add_annotation (f->store, 4242, 0, 3, &fields, &error), ==, 0);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A highlight has no speaker; only claims have credibility. */
  fields.speaker = "Ilse Varga";
  g_assert_cmpint (dossier_store_add_annotation (f->store, f->doc, 0, 3, &fields, &error), ==, 0);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_clear_error (&error);
  fields.kind = DOSSIER_ANNOTATION_QUOTE;
  fields.credibility = 2;
  g_assert_cmpint (dossier_store_add_annotation (f->store, f->doc, 0, 3, &fields, &error), ==, 0);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_clear_error (&error);
  fields.kind = DOSSIER_ANNOTATION_CLAIM;
  fields.credibility = 7;
  g_assert_cmpint (dossier_store_add_annotation (f->store, f->doc, 0, 3, &fields, &error), ==, 0);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_clear_error (&error);

  {
    g_autoptr(GPtrArray) all = dossier_store_list_annotations (f->store, NULL, &error);
    g_autoptr(GPtrArray) entities = dossier_store_list_entities (f->store, &error);

    g_assert_cmpuint (all->len, ==, 0);
    /* The speaker of a refused annotation was not created either. */
    g_assert_cmpuint (entities->len, ==, 0);
  }
}

static void
test_update_and_remove (Fixture *f, gconstpointer data)
{
  const char *tags[] = { "ports", NULL };
  DossierAnnotationFields fields = { .kind = DOSSIER_ANNOTATION_HIGHLIGHT, .tags = tags };
  DossierAnnotationFields changed = {
    .kind = DOSSIER_ANNOTATION_CLAIM,
    .speaker = "Ilse Varga",
    .source = "X",
    .cue = "said",
    .credibility = 5,
    .note = "Contradicted by the port log.",
  };
  g_autoptr(DossierAnnotation) a = NULL;
  g_autoptr(GPtrArray) tag_list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = annotate (f, "talks had stalled", &fields);

  g_assert_true (dossier_store_update_annotation (f->store, id, &changed, &error));
  g_assert_no_error (error);
  a = dossier_store_get_annotation (f->store, id, &error);
  g_assert_cmpint (a->kind, ==, DOSSIER_ANNOTATION_CLAIM);
  g_assert_cmpstr (a->speaker, ==, "Ilse Varga");
  g_assert_cmpstr (a->source, ==, "X");
  g_assert_cmpint (a->credibility, ==, 5);
  g_assert_cmpstr (a->note, ==, "Contradicted by the port log.");
  g_assert_cmpuint (g_strv_length (a->tags), ==, 0);
  g_assert_cmpstr (a->selector.exact, ==, "talks had stalled");
  /* The tag stays in the workspace with no annotations. */
  tag_list = dossier_store_list_tags (f->store, &error);
  g_assert_cmpuint (tag_list->len, ==, 1);
  g_assert_cmpuint (((DossierTag *) tag_list->pdata[0])->n_annotations, ==, 0);

  g_assert_false (dossier_store_update_annotation (f->store, 999, &changed, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (dossier_store_remove_annotation (f->store, id, &error));
  g_assert_null (dossier_store_get_annotation (f->store, id, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (dossier_store_remove_annotation (f->store, id, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
}

static void
test_put_restores (Fixture *f, gconstpointer data)
{
  const char *tags[] = { "ports", "vell", NULL };
  DossierAnnotationFields fields = {
    .kind = DOSSIER_ANNOTATION_QUOTE, .speaker = "Ilse Varga", .source = "Reuters",
    .tags = tags, .note = "keep",
  };
  g_autoptr(DossierAnnotation) snapshot = NULL;
  g_autoptr(DossierAnnotation) back = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = annotate (f, "the harbour will stay open", &fields);

  snapshot = dossier_store_get_annotation (f->store, id, &error);
  g_assert_true (dossier_store_remove_annotation (f->store, id, &error));
  /* Undoing a delete: the same id, selector, fields, tags and times come back. */
  g_assert_true (dossier_store_put_annotation (f->store, snapshot, &error));
  g_assert_no_error (error);
  back = dossier_store_get_annotation (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->selector.start, ==, snapshot->selector.start);
  g_assert_cmpstr (back->selector.prefix, ==, snapshot->selector.prefix);
  g_assert_cmpstr (back->speaker, ==, "Ilse Varga");
  g_assert_cmpstr (back->source, ==, "Reuters");
  g_assert_cmpstr (back->created_at, ==, snapshot->created_at);
  g_assert_cmpuint (g_strv_length (back->tags), ==, 2);

  /* Undoing an edit: put writes over the current row. */
  {
    DossierAnnotationFields edit = { .kind = DOSSIER_ANNOTATION_HIGHLIGHT };
    g_autoptr(DossierAnnotation) restored = NULL;

    g_assert_true (dossier_store_update_annotation (f->store, id, &edit, &error));
    g_assert_true (dossier_store_put_annotation (f->store, snapshot, &error));
    restored = dossier_store_get_annotation (f->store, id, &error);
    g_assert_cmpint (restored->kind, ==, DOSSIER_ANNOTATION_QUOTE);
    g_assert_cmpstr (restored->note, ==, "keep");
  }
}

static void
test_list_filters (Fixture *f, gconstpointer data)
{
  const char *red[] = { "red", NULL };
  const char *blue[] = { "Blue", NULL };
  DossierAnnotationFields q = { .kind = DOSSIER_ANNOTATION_QUOTE, .speaker = "Ilse Varga",
                                .source = "Reuters", .tags = red };
  DossierAnnotationFields c = { .kind = DOSSIER_ANNOTATION_CLAIM, .source = "AP",
                                .tags = blue };
  DossierAnnotationFields h = { .kind = DOSSIER_ANNOTATION_HIGHLIGHT, .tags = red };
  DossierAnnotationFilter filter = DOSSIER_ANNOTATION_FILTER_INIT;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 other;
  gint64 late = annotate (f, "Varga added", &h);
  gint64 early = annotate (f, "Minister Ilse Varga", &q);

  annotate (f, "talks had stalled", &c);
  other = add_document (f->store, "A second story", "Nothing happened in Tarn today.");
  {
    DossierAnnotationFields n = { .kind = DOSSIER_ANNOTATION_NOTE, .tags = red };
    g_assert_cmpint (dossier_store_add_annotation (f->store, other, 0, 8, &n, &error), >, 0);
  }

  list = dossier_store_list_annotations (f->store, NULL, &error);
  g_assert_cmpuint (list->len, ==, 4);
  /* Text order within a document, whatever the order of creation. */
  g_assert_cmpint (((DossierAnnotation *) list->pdata[0])->id, ==, early);
  g_assert_cmpint (((DossierAnnotation *) list->pdata[2])->id, ==, late);
  g_clear_pointer (&list, g_ptr_array_unref);

  filter.document_id = f->doc;
  list = dossier_store_list_annotations (f->store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);

  filter.document_id = 0;
  filter.tag = "RED";
  list = dossier_store_list_annotations (f->store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);

  filter.kind = DOSSIER_ANNOTATION_HIGHLIGHT;
  list = dossier_store_list_annotations (f->store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((DossierAnnotation *) list->pdata[0])->id, ==, late);
  g_clear_pointer (&list, g_ptr_array_unref);

  filter = (DossierAnnotationFilter) DOSSIER_ANNOTATION_FILTER_INIT;
  filter.source = "Associated Press";
  list = dossier_store_list_annotations (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((DossierAnnotation *) list->pdata[0])->source, ==, "AP");
  g_clear_pointer (&list, g_ptr_array_unref);

  filter.source = NULL;
  filter.speaker = "ilse varga";
  list = dossier_store_list_annotations (f->store, &filter, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A misspelt filter says so rather than matching nothing. */
  filter.speaker = NULL;
  filter.tag = "purple";
  g_assert_null (dossier_store_list_annotations (f->store, &filter, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No tag called “purple” in this workspace");
}

static void
test_annotations_at (Fixture *f, gconstpointer data)
{
  DossierAnnotationFields h = { .kind = DOSSIER_ANNOTATION_HIGHLIGHT };
  DossierAnnotationFields q = { .kind = DOSSIER_ANNOTATION_QUOTE };
  g_autoptr(GPtrArray) at = NULL;
  gint64 outer = annotate (f, "Minister Ilse Varga said on Tuesday", &h);
  gint64 inner = annotate (f, "Ilse Varga", &q);
  guint start, end;

  find_passage (f, "Varga said", 0, &start, &end);
  /* Overlapping annotations: innermost first. */
  at = dossier_store_annotations_at (f->store, f->doc, start, NULL);
  g_assert_cmpuint (at->len, ==, 2);
  g_assert_cmpint (((DossierAnnotation *) at->pdata[0])->id, ==, inner);
  g_assert_cmpint (((DossierAnnotation *) at->pdata[1])->id, ==, outer);
  g_clear_pointer (&at, g_ptr_array_unref);
  at = dossier_store_annotations_at (f->store, f->doc, end + 3, NULL);
  g_assert_cmpuint (at->len, ==, 1);
  g_clear_pointer (&at, g_ptr_array_unref);
  find_passage (f, "talks", 0, &start, &end);
  at = dossier_store_annotations_at (f->store, f->doc, start, NULL);
  g_assert_cmpuint (at->len, ==, 0);
}

static void
test_tags (Fixture *f, gconstpointer data)
{
  const char *a_tags[] = { "shipping", "Vell", NULL };
  const char *b_tags[] = { "ports", NULL };
  DossierAnnotationFields a = { .kind = DOSSIER_ANNOTATION_HIGHLIGHT, .tags = a_tags };
  DossierAnnotationFields b = { .kind = DOSSIER_ANNOTATION_HIGHLIGHT, .tags = b_tags };
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first = annotate (f, "talks had stalled", &a);
  gint64 second = annotate (f, "Varga added", &b);

  /* Merge: "shipping" onto "ports" leaves one tag on both annotations. */
  g_assert_true (dossier_store_rename_tag (f->store, "Shipping", "ports", &error));
  g_assert_no_error (error);
  tags = dossier_store_list_tags (f->store, &error);
  g_assert_cmpuint (tags->len, ==, 2);
  g_assert_cmpstr (((DossierTag *) tags->pdata[0])->name, ==, "ports");
  g_assert_cmpuint (((DossierTag *) tags->pdata[0])->n_annotations, ==, 2);
  g_clear_pointer (&tags, g_ptr_array_unref);

  /* A plain rename, and a rename that only changes case. */
  g_assert_true (dossier_store_rename_tag (f->store, "ports", "harbours", &error));
  g_assert_true (dossier_store_rename_tag (f->store, "vell", "VELL", &error));
  g_assert_no_error (error);
  {
    g_autoptr(DossierAnnotation) one = dossier_store_get_annotation (f->store, first, NULL);
    g_autoptr(DossierAnnotation) two = dossier_store_get_annotation (f->store, second, NULL);

    g_assert_cmpuint (g_strv_length (one->tags), ==, 2);
    g_assert_cmpstr (one->tags[0], ==, "harbours");
    g_assert_cmpstr (one->tags[1], ==, "VELL");
    g_assert_cmpstr (two->tags[0], ==, "harbours");
  }

  g_assert_true (dossier_store_delete_tag (f->store, "harbours", &error));
  {
    g_autoptr(DossierAnnotation) two = dossier_store_get_annotation (f->store, second, NULL);

    g_assert_cmpuint (g_strv_length (two->tags), ==, 0);
  }
  g_assert_false (dossier_store_rename_tag (f->store, "nope", "x", &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
}

static void
test_document_note (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = dossier_store_get_document_note (f->store, f->doc, &error);
  g_autofree char *note = NULL;

  g_assert_cmpstr (empty, ==, "");
  g_assert_true (dossier_store_set_document_note (f->store, f->doc, "Check the port log.",
                                                  &error));
  g_assert_true (dossier_store_set_document_note (f->store, f->doc, "Check the port log twice.",
                                                  &error));
  note = dossier_store_get_document_note (f->store, f->doc, &error);
  g_assert_cmpstr (note, ==, "Check the port log twice.");
  g_assert_false (dossier_store_set_document_note (f->store, 777, "x", &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND);
}

static void
test_document_removal_cascades (Fixture *f, gconstpointer data)
{
  DossierAnnotationFields h = { .kind = DOSSIER_ANNOTATION_HIGHLIGHT };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  annotate (f, "talks had stalled", &h);
  g_assert_true (dossier_store_set_document_note (f->store, f->doc, "n", &error));
  g_assert_true (dossier_store_remove_document (f->store, f->doc, &error));
  all = dossier_store_list_annotations (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 0);
}

static void
update_text (Fixture               *f,
             const char            *body,
             DossierReanchorReport *report)
{
  g_autoptr(DossierArticle) article = test_make_article (STORY_TITLE, "The Vell Courier", body);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GError) error = NULL;

  g_assert_true (dossier_store_update_document (f->store, f->doc, article, bytes, report,
                                                &error));
  g_assert_no_error (error);
}

static void
test_update_reanchors (Fixture *f, gconstpointer data)
{
  DossierAnnotationFields q = { .kind = DOSSIER_ANNOTATION_QUOTE, .speaker = "Ilse Varga" };
  DossierAnnotationFields h = { .kind = DOSSIER_ANNOTATION_HIGHLIGHT };
  DossierReanchorReport report = { 0, };
  g_autoptr(DossierAnnotation) moved = NULL;
  g_autoptr(DossierAnnotation) gone = NULL;
  gint64 quote = annotate (f, "the harbour will stay open", &q);
  gint64 stalled = annotate (f, "The agency later reported that talks had stalled.", &h);
  guint start, end;

  /* Text inserted before both passages; the second sentence deleted. */
  update_text (f, "Late on Monday the strike ended. " STORY_BODY, &report);
  g_assert_cmpuint (report.moved, ==, 2);
  g_assert_cmpuint (report.orphaned, ==, 0);
  moved = dossier_store_get_annotation (f->store, quote, NULL);
  find_passage (f, "the harbour will stay open", 0, &start, &end);
  g_assert_cmpuint (moved->selector.start, ==, start);
  g_assert_cmpuint (moved->selector.end, ==, end);
  g_assert_cmpint (moved->status, ==, DOSSIER_ANNOTATION_ANCHORED);

  update_text (f, "Minister Ilse Varga said on Tuesday that “the harbour will stay open”. "
                  "Varga added: “the harbour will stay open.”", &report);
  g_assert_cmpuint (report.orphaned, ==, 1);
  gone = dossier_store_get_annotation (f->store, stalled, NULL);
  /* The orphan keeps its quote, so the analyst sees what was lost. */
  g_assert_cmpint (gone->status, ==, DOSSIER_ANNOTATION_ORPHAN);
  g_assert_cmpstr (gone->selector.exact, ==,
                   "The agency later reported that talks had stalled.");
  {
    g_autoptr(GPtrArray) list = dossier_store_list_annotations (f->store, NULL, NULL);

    /* Orphans are listed after the anchored annotations of their document. */
    g_assert_cmpuint (list->len, ==, 2);
    g_assert_cmpint (((DossierAnnotation *) list->pdata[1])->id, ==, stalled);
  }
}

static void
test_history (Fixture *f, gconstpointer data)
{
  DossierAnnotationFields q = { .kind = DOSSIER_ANNOTATION_QUOTE, .speaker = "Ilse Varga" };
  DossierAnnotationFields edit = { .kind = DOSSIER_ANNOTATION_CLAIM, .credibility = 4 };
  g_autoptr(DossierHistory) history = dossier_history_new ();
  g_autoptr(DossierAnnotation) created = NULL;
  g_autoptr(DossierAnnotation) edited = NULL;
  g_autoptr(DossierAnnotation) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gint64 doc = 0, changed = 0;
  gint64 id = annotate (f, "talks had stalled", &q);

  g_assert_false (dossier_history_can_undo (history));
  created = dossier_store_get_annotation (f->store, id, NULL);
  dossier_history_record (history, NULL, created);
  g_assert_true (dossier_store_update_annotation (f->store, id, &edit, &error));
  edited = dossier_store_get_annotation (f->store, id, NULL);
  dossier_history_record (history, created, edited);
  g_assert_true (dossier_store_remove_annotation (f->store, id, &error));
  dossier_history_record (history, edited, NULL);
  label = dossier_history_describe_undo (history);
  g_assert_cmpstr (label, ==, "Delete Claim");

  /* Undo the delete: the claim is back, with its id. */
  g_assert_true (dossier_history_undo (history, f->store, &doc, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (doc, ==, f->doc);
  g_assert_cmpint (changed, ==, id);
  now = dossier_store_get_annotation (f->store, id, &error);
  g_assert_cmpint (now->kind, ==, DOSSIER_ANNOTATION_CLAIM);
  g_clear_object (&now);
  /* Undo the edit: the quote and its speaker are back. */
  g_assert_true (dossier_history_undo (history, f->store, NULL, NULL, &error));
  now = dossier_store_get_annotation (f->store, id, &error);
  g_assert_cmpint (now->kind, ==, DOSSIER_ANNOTATION_QUOTE);
  g_assert_cmpstr (now->speaker, ==, "Ilse Varga");
  g_clear_object (&now);
  /* Undo the creation: gone. */
  g_assert_true (dossier_history_undo (history, f->store, NULL, NULL, &error));
  g_assert_null (dossier_store_get_annotation (f->store, id, NULL));
  g_assert_false (dossier_history_can_undo (history));
  g_assert_false (dossier_history_undo (history, f->store, NULL, NULL, &error));
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID);
  g_clear_error (&error);

  /* Redo all three. */
  g_assert_true (dossier_history_can_redo (history));
  g_assert_true (dossier_history_redo (history, f->store, NULL, NULL, &error));
  now = dossier_store_get_annotation (f->store, id, &error);
  g_assert_cmpint (now->kind, ==, DOSSIER_ANNOTATION_QUOTE);
  g_clear_object (&now);
  g_assert_true (dossier_history_redo (history, f->store, NULL, NULL, &error));
  now = dossier_store_get_annotation (f->store, id, &error);
  g_assert_cmpint (now->credibility, ==, 4);
  g_clear_object (&now);
  g_assert_true (dossier_history_redo (history, f->store, NULL, NULL, &error));
  g_assert_null (dossier_store_get_annotation (f->store, id, NULL));
  g_assert_false (dossier_history_can_redo (history));

  /* A new step after an undo drops the redo list. */
  g_assert_true (dossier_history_undo (history, f->store, NULL, NULL, &error));
  dossier_history_record (history, edited, NULL);
  g_assert_false (dossier_history_can_redo (history));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/annotations/schema", test_migrated_schema);
  g_test_add_func ("/annotations/upgrade-from-v1", test_upgrade_from_v1);
  ADD ("/annotations/add-quote", test_add_quote);
  ADD ("/annotations/source-alias-and-grade", test_source_alias_and_grade);
  ADD ("/annotations/update-source", test_update_source);
  ADD ("/annotations/invalid", test_invalid);
  ADD ("/annotations/update-and-remove", test_update_and_remove);
  ADD ("/annotations/put-restores", test_put_restores);
  ADD ("/annotations/list-filters", test_list_filters);
  ADD ("/annotations/at-offset", test_annotations_at);
  ADD ("/annotations/tags", test_tags);
  ADD ("/annotations/document-note", test_document_note);
  ADD ("/annotations/removal-cascades", test_document_removal_cascades);
  ADD ("/annotations/update-reanchors", test_update_reanchors);
  ADD ("/annotations/history", test_history);
#undef ADD

  return g_test_run ();
}
