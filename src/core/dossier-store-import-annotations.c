/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Importing annotations back: Dossier's W3C Web Annotation JSON (docs/export-json.md) and
 * Hypothesis' annotation JSON, matched to the workspace's documents and re-anchored. */
#define G_LOG_DOMAIN "dossier-store"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dossier-error.h"
#include "dossier-export.h"
#include "dossier-file.h"
#include "dossier-json.h"
#include "dossier-store-private.h"

/* The file is untrusted: a cap on its size, and on its nesting, which json-glib 1.6 parses by
 * recursion (a file of a million '[' would exhaust the stack).  Our export nests six deep.
 * Both are checked by the shared bounded reader and JSON validator. */
#define MAX_FILE_SIZE (64 * 1024 * 1024)
#define MAX_NESTING 64
/* A phrase of this many words of the quote is enough for the full-text index to find the
 * documents holding it; the anchorer then decides. */
#define MAX_PHRASE_WORDS 12
#define MAX_QUOTE_CANDIDATES 10

void
dossier_annotation_import_free (DossierAnnotationImport *result)
{
  if (result == NULL)
    return;
  g_free (result->matched_by);
  g_free (result->exact);
  g_free (result->target);
  g_free (result);
}

/* Parsing */

/* One annotation of the file, checked and converted, before anything touches the store. */
typedef struct {
  DossierAnnotationKind  kind;
  DossierSelector        selector;     /* start and end 0 when the file gave no position */
  gboolean               page_note;    /* Hypothesis: a note on the page, no selector */
  char                  *source;       /* target.source */
  char                  *url;          /* dossier:document.url */
  char                  *sha256;       /* dossier:document.sha256 */
  char                  *title;
  char                  *note;
  GPtrArray             *tags;         /* NULL-terminated */
  char                  *speaker;
  char                  *outlet;
  char                  *grade;
  char                  *cue;
  int                    credibility;
} Item;

static void
item_free (Item *item)
{
  dossier_selector_clear (&item->selector);
  g_free (item->source);
  g_free (item->url);
  g_free (item->sha256);
  g_free (item->title);
  g_free (item->note);
  g_ptr_array_unref (item->tags);
  g_free (item->speaker);
  g_free (item->outlet);
  g_free (item->grade);
  g_free (item->cue);
  g_free (item);
}

static Item *
item_new (void)
{
  Item *item = g_new0 (Item, 1);

  item->tags = g_ptr_array_new_with_free_func (g_free);
  return item;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Item, item_free)

typedef struct {
  const char  *file;    /* the file's display name, for messages */
  guint        index;   /* the annotation being read, from 1; 0 for the file as a whole */
  GError     **error;
} Reader;

static gboolean reader_fail (Reader     *reader,
                             const char *format,
                             ...) G_GNUC_PRINTF (2, 3);

/* Sets the reader's error, naming the file and the annotation; returns FALSE. */
static gboolean
reader_fail (Reader     *reader,
             const char *format,
             ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  if (reader->index > 0)
    g_set_error (reader->error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE, "%s: annotation %u: %s",
                 reader->file, reader->index, reason);
  else
    g_set_error (reader->error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE, "%s: %s", reader->file,
                 reason);
  return FALSE;
}

static gboolean
node_is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

/* A string from @node; NULL (and TRUE) for a missing or null value. */
static gboolean
read_string (Reader      *reader,
             JsonNode    *node,
             const char  *what,
             char       **out)
{
  const char *value;

  *out = NULL;
  if (node_is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return reader_fail (reader, "“%s” is not a string", what);
  value = json_node_get_string (node);
  /* json-glib turns a lone "\ud800" escape into bytes that are not UTF-8. */
  if (!g_utf8_validate (value, -1, NULL))
    return reader_fail (reader, "“%s” is not valid UTF-8", what);
  *out = g_strdup (value);
  return TRUE;
}

static gboolean
read_member_string (Reader      *reader,
                    JsonObject  *object,
                    const char  *member,
                    char       **out)
{
  return read_string (reader, json_object_get_member (object, member), member, out);
}

/* A whole number in [@min, @max] from @node; *present is FALSE for a missing or null one. */
static gboolean
read_integer (Reader     *reader,
              JsonNode   *node,
              const char *what,
              gint64      min,
              gint64      max,
              gint64     *out,
              gboolean   *present)
{
  *present = FALSE;
  *out = 0;
  if (node_is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return reader_fail (reader, "“%s” is not a whole number", what);
  *out = json_node_get_int (node);
  if (*out < min || *out > max)
    return reader_fail (reader, "“%s” is %" G_GINT64_FORMAT ", outside %" G_GINT64_FORMAT
                        "-%" G_GINT64_FORMAT, what, *out, min, max);
  *present = TRUE;
  return TRUE;
}

/* The object of @node, or NULL (and TRUE) when missing or null. */
static gboolean
read_object (Reader      *reader,
             JsonNode    *node,
             const char  *what,
             JsonObject **out)
{
  *out = NULL;
  if (node_is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return reader_fail (reader, "“%s” is not an object", what);
  *out = json_node_get_object (node);
  return TRUE;
}

/* The W3C model lets most members be one value or an array of them: the elements, in order,
 * as JsonNode (borrowed).  A missing member gives an empty array. */
static GPtrArray *
one_or_many (JsonNode *node)
{
  GPtrArray *nodes = g_ptr_array_new ();

  if (node_is_null (node))
    return nodes;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (nodes, json_array_get_element (array, i));
    }
  else
    g_ptr_array_add (nodes, node);
  return nodes;
}

/* The first string of a value that may be a string or an array of strings (Hypothesis'
 * document.title, a target's source). */
static gboolean
read_first_string (Reader      *reader,
                   JsonNode    *node,
                   const char  *what,
                   char       **out)
{
  g_autoptr(GPtrArray) nodes = one_or_many (node);

  *out = NULL;
  return nodes->len == 0 || read_string (reader, g_ptr_array_index (nodes, 0), what, out);
}

static gboolean
read_tag (Reader     *reader,
          Item       *item,
          JsonNode   *node)
{
  g_autofree char *tag = NULL;

  if (!read_string (reader, node, "tag", &tag))
    return FALSE;
  if (tag != NULL && *tag != '\0')
    g_ptr_array_add (item->tags, g_steal_pointer (&tag));
  return TRUE;
}

/* The TextQuoteSelector and TextPositionSelector among @selectors; others (Hypothesis'
 * RangeSelector, an XPath into a page we do not have) say nothing about our text. */
static gboolean
read_selectors (Reader   *reader,
                Item     *item,
                JsonNode *selectors)
{
  g_autoptr(GPtrArray) nodes = one_or_many (selectors);
  gboolean has_quote = FALSE;

  for (guint i = 0; i < nodes->len; i++)
    {
      JsonObject *selector = NULL;
      g_autofree char *type = NULL;

      if (!read_object (reader, g_ptr_array_index (nodes, i), "selector", &selector))
        return FALSE;
      if (selector == NULL)
        return reader_fail (reader, "a selector is null");
      if (!read_member_string (reader, selector, "type", &type))
        return FALSE;
      if (g_strcmp0 (type, "TextQuoteSelector") == 0 && !has_quote)
        {
          g_clear_pointer (&item->selector.exact, g_free);
          if (!read_member_string (reader, selector, "exact", &item->selector.exact) ||
              !read_member_string (reader, selector, "prefix", &item->selector.prefix) ||
              !read_member_string (reader, selector, "suffix", &item->selector.suffix))
            return FALSE;
          if (item->selector.exact == NULL || *item->selector.exact == '\0')
            return reader_fail (reader, "its TextQuoteSelector has no “exact” text");
          has_quote = TRUE;
        }
      else if (g_strcmp0 (type, "TextPositionSelector") == 0)
        {
          gint64 start, end;
          gboolean has_start, has_end;

          if (!read_integer (reader, json_object_get_member (selector, "start"), "start", 0,
                             G_MAXUINT, &start, &has_start) ||
              !read_integer (reader, json_object_get_member (selector, "end"), "end", 0,
                             G_MAXUINT, &end, &has_end))
            return FALSE;
          if (!has_start || !has_end || end <= start)
            return reader_fail (reader, "its TextPositionSelector needs a start before its end");
          item->selector.start = (guint) start;
          item->selector.end = (guint) end;
        }
    }
  if (!has_quote)
    return reader_fail (reader, "no TextQuoteSelector: nothing says which words it marks");
  return TRUE;
}

/* Quotes and claims alone carry a speaker, outlet and cue, and claims alone a credibility, as
 * the store requires: a file saying otherwise is refused as a whole. */
static gboolean
check_item (Reader *reader,
            Item   *item)
{
  gboolean attributed = item->kind == DOSSIER_ANNOTATION_QUOTE ||
                        item->kind == DOSSIER_ANNOTATION_CLAIM;

  if (item->credibility != 0 && item->kind != DOSSIER_ANNOTATION_CLAIM)
    return reader_fail (reader, "a %s has no credibility; only a claim has",
                        dossier_annotation_kind_to_string (item->kind));
  if (!attributed && (item->speaker != NULL || item->outlet != NULL || item->cue != NULL))
    return reader_fail (reader, "a %s has no speaker, outlet or cue",
                        dossier_annotation_kind_to_string (item->kind));
  if (item->grade != NULL && !dossier_source_grade_is_valid (item->grade))
    return reader_fail (reader, "“%s” is not a source grade (A to F)", item->grade);
  if (item->grade != NULL && item->outlet == NULL)
    return reader_fail (reader, "a source grade without an outlet");
  return TRUE;
}

static const struct {
  const char            *motivation;
  DossierAnnotationKind  kind;
} motivations[] = {
  { "highlighting", DOSSIER_ANNOTATION_HIGHLIGHT },
  { "identifying", DOSSIER_ANNOTATION_QUOTE },
  { "assessing", DOSSIER_ANNOTATION_CLAIM },
  { "commenting", DOSSIER_ANNOTATION_NOTE },
};

static gboolean
read_body (Reader   *reader,
           Item     *item,
           JsonNode *body)
{
  g_autoptr(GPtrArray) nodes = one_or_many (body);
  g_autoptr(GString) note = g_string_new (NULL);

  for (guint i = 0; i < nodes->len; i++)
    {
      JsonNode *node = g_ptr_array_index (nodes, i);
      JsonObject *object = NULL;
      g_autofree char *purpose = NULL;
      g_autofree char *value = NULL;

      /* A body may also be a bare IRI: a link to elsewhere, not words of the analyst. */
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        continue;
      if (!read_object (reader, node, "body", &object) ||
          !read_member_string (reader, object, "purpose", &purpose))
        return FALSE;
      if (object == NULL)
        continue;
      if (g_strcmp0 (purpose, "tagging") == 0)
        {
          if (!read_tag (reader, item, json_object_get_member (object, "value")))
            return FALSE;
          continue;
        }
      if (!read_member_string (reader, object, "value", &value))
        return FALSE;
      if (value != NULL && *value != '\0')
        {
          if (note->len > 0)
            g_string_append (note, "\n\n");
          g_string_append (note, value);
        }
    }
  item->note = g_string_free (g_steal_pointer (&note), FALSE);
  return TRUE;
}

/* One W3C Annotation, as Dossier writes it (and as other W3C tools do, less the dossier:
 * terms). */
static Item *
read_w3c (Reader     *reader,
          JsonObject *annotation)
{
  g_autoptr(Item) item = item_new ();
  g_autoptr(GPtrArray) targets = NULL;
  g_autofree char *kind = NULL;
  JsonObject *target = NULL;
  JsonObject *document = NULL;
  gint64 credibility;
  gboolean present;

  targets = one_or_many (json_object_get_member (annotation, "target"));
  if (targets->len == 0)
    {
      reader_fail (reader, "no “target”");
      return NULL;
    }
  if (JSON_NODE_HOLDS_VALUE ((JsonNode *) g_ptr_array_index (targets, 0)))
    {
      reader_fail (reader, "its “target” is a bare address: no selector to anchor it");
      return NULL;
    }
  if (!read_object (reader, g_ptr_array_index (targets, 0), "target", &target) ||
      !read_body (reader, item, json_object_get_member (annotation, "body")) ||
      !read_member_string (reader, annotation, "dossier:kind", &kind) ||
      !read_member_string (reader, annotation, "dossier:speaker", &item->speaker) ||
      !read_member_string (reader, annotation, "dossier:outlet", &item->outlet) ||
      !read_member_string (reader, annotation, "dossier:sourceGrade", &item->grade) ||
      !read_member_string (reader, annotation, "dossier:cue", &item->cue) ||
      !read_integer (reader, json_object_get_member (annotation, "dossier:credibility"),
                     "dossier:credibility", 1, 6, &credibility, &present))
    return NULL;
  item->credibility = (int) credibility;
  if (target == NULL)
    {
      reader_fail (reader, "its “target” is null");
      return NULL;
    }
  if (!read_first_string (reader, json_object_get_member (target, "source"), "source",
                          &item->source) ||
      !read_selectors (reader, item, json_object_get_member (target, "selector")) ||
      !read_object (reader, json_object_get_member (target, "dossier:document"),
                    "dossier:document", &document))
    return NULL;
  if (document != NULL &&
      (!read_member_string (reader, document, "url", &item->url) ||
       !read_member_string (reader, document, "sha256", &item->sha256) ||
       !read_member_string (reader, document, "title", &item->title)))
    return NULL;

  /* The kind: ours when the file has it, else from the motivation, else a highlight. */
  item->kind = DOSSIER_ANNOTATION_HIGHLIGHT;
  if (kind != NULL)
    {
      if (!dossier_annotation_kind_from_string (kind, &item->kind))
        {
          reader_fail (reader, "“%s” is not a kind of annotation", kind);
          return NULL;
        }
    }
  else
    {
      g_autofree char *first = NULL;

      if (!read_first_string (reader, json_object_get_member (annotation, "motivation"),
                              "motivation", &first))
        return NULL;
      for (guint i = 0; first != NULL && i < G_N_ELEMENTS (motivations); i++)
        if (g_str_equal (first, motivations[i].motivation))
          item->kind = motivations[i].kind;
    }
  if (!check_item (reader, item))
    return NULL;
  return g_steal_pointer (&item);
}

/* One row of Hypothesis' search API (or of a bare array of them). */
static Item *
read_hypothesis (Reader     *reader,
                 JsonObject *row)
{
  g_autoptr(Item) item = item_new ();
  JsonObject *target = NULL;
  JsonObject *document = NULL;
  JsonNode *targets = json_object_get_member (row, "target");
  JsonNode *tags = json_object_get_member (row, "tags");
  JsonNode *selectors;

  if (!read_member_string (reader, row, "text", &item->note) ||
      !read_object (reader, json_object_get_member (row, "document"), "document", &document))
    return NULL;
  if (document != NULL &&
      !read_first_string (reader, json_object_get_member (document, "title"), "title",
                          &item->title))
    return NULL;
  if (!node_is_null (tags))
    {
      if (!JSON_NODE_HOLDS_ARRAY (tags))
        {
          reader_fail (reader, "“tags” is not an array");
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (json_node_get_array (tags)); i++)
        if (!read_tag (reader, item, json_array_get_element (json_node_get_array (tags), i)))
          return NULL;
    }
  if (!node_is_null (targets))
    {
      g_autoptr(GPtrArray) nodes = one_or_many (targets);

      if (nodes->len > 0 && !read_object (reader, g_ptr_array_index (nodes, 0), "target",
                                          &target))
        return NULL;
    }
  if (target != NULL &&
      !read_first_string (reader, json_object_get_member (target, "source"), "source",
                          &item->source))
    return NULL;
  if (item->source == NULL && !read_member_string (reader, row, "uri", &item->source))
    return NULL;

  /* A Hypothesis annotation without a selector is a note on the whole page: it has no words
   * to anchor, which is reported rather than refusing the file. */
  selectors = target != NULL ? json_object_get_member (target, "selector") : NULL;
  if (node_is_null (selectors))
    item->page_note = TRUE;
  else if (!read_selectors (reader, item, selectors))
    return NULL;

  /* Hypothesis has no kinds: a passage with a comment is the analyst's note on it, one
   * without is a highlight (its tags kept). */
  if (item->note == NULL)
    item->note = g_strdup ("");
  item->kind = *item->note != '\0' ? DOSSIER_ANNOTATION_NOTE : DOSSIER_ANNOTATION_HIGHLIGHT;
  return g_steal_pointer (&item);
}

static gboolean
has_type (JsonObject *object,
          const char *type)
{
  JsonNode *node = json_object_get_member (object, "type");

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING &&
         g_strcmp0 (json_node_get_string (node), type) == 0;
}

/* Reads one element of the file's list of annotations, telling the formats apart by shape:
 * a W3C annotation says its type; a Hypothesis row has "uri" or a "target" array. */
static Item *
read_any (Reader   *reader,
          JsonNode *node)
{
  JsonObject *object;
  JsonNode *target;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      reader_fail (reader, "not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (has_type (object, "Annotation"))
    return read_w3c (reader, object);
  target = json_object_get_member (object, "target");
  if (json_object_has_member (object, "uri") || (target != NULL && JSON_NODE_HOLDS_ARRAY (target)))
    return read_hypothesis (reader, object);
  reader_fail (reader, "neither a W3C Annotation nor a Hypothesis annotation");
  return NULL;
}

/* The array of annotations in @root: an AnnotationCollection's first page, an
 * AnnotationPage, Hypothesis' {"total", "rows"}, a bare array, or a single annotation. */
static gboolean
find_annotations (Reader     *reader,
                  JsonNode   *root,
                  JsonArray **array,
                  JsonNode  **single)
{
  JsonObject *object;
  JsonNode *items = NULL;

  *array = NULL;
  *single = NULL;
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      *array = json_node_get_array (root);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return reader_fail (reader, "neither Dossier's JSON export nor Hypothesis' JSON");
  object = json_node_get_object (root);
  if (has_type (object, "AnnotationCollection"))
    {
      JsonObject *first = NULL;

      /* An empty collection has no page at all. */
      if (!read_object (reader, json_object_get_member (object, "first"), "first", &first))
        return FALSE;
      if (first == NULL)
        return TRUE;
      items = json_object_get_member (first, "items");
    }
  else if (has_type (object, "AnnotationPage"))
    items = json_object_get_member (object, "items");
  else if (json_object_has_member (object, "rows"))
    items = json_object_get_member (object, "rows");
  else
    {
      *single = root;
      return TRUE;
    }
  if (node_is_null (items))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (items))
    return reader_fail (reader, "its list of annotations is not an array");
  *array = json_node_get_array (items);
  return TRUE;
}

/* The number (from 1) of the annotation holding the value the validator refused, @path being
 * the arrays and objects open there; 0 when it is not inside one.  The value (a "\u0000", a
 * number json-glib would misread) is well-formed JSON, so the file, otherwise strict, can be
 * parsed to learn which of its arrays holds the annotations. */
static guint
locate_annotation (const char *data,
                   gsize       length,
                   GArray     *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  Reader quiet = { "", 0, NULL };
  JsonArray *array = NULL;
  JsonNode *single = NULL;
  JsonNode *node;

  if (path == NULL ||
      !dossier_json_validate (data, length, MAX_NESTING, DOSSIER_JSON_DEFAULT, NULL) ||
      !json_parser_load_from_data (parser, data, (gssize) length, NULL) ||
      !find_annotations (&quiet, json_parser_get_root (parser), &array, &single))
    return 0;
  if (single != NULL)
    return 1;
  node = json_parser_get_root (parser);
  for (guint i = 0; i < path->len && node != NULL; i++)
    {
      const DossierJsonStep *step = &g_array_index (path, DossierJsonStep, i);

      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *here = json_node_get_array (node);

          if (here == array)
            return step->index + 1;
          node = step->index < json_array_get_length (here)
                   ? json_array_get_element (here, step->index) : NULL;
        }
      else if (JSON_NODE_HOLDS_OBJECT (node) && step->key != NULL)
        {
          g_autofree char *key = g_strndup (step->key, step->key_length);

          node = json_object_get_member (json_node_get_object (node), key);
        }
      else
        return 0;
    }
  return 0;
}

/* Reads and checks every annotation of @data, the contents of the file @file (its display
 * name): a GPtrArray of Item, or NULL with @error. */
static GPtrArray *
parse_data (const char  *data,
            gsize        length,
            const char  *file,
            GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) path = NULL;
  Reader reader = { file, 0, error };
  JsonArray *array = NULL;
  JsonNode *single = NULL;
  const char *invalid;

  if (!g_utf8_validate (data, (gssize) length, &invalid))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_ENCODING, "%s: not UTF-8 at byte %td",
                   file, invalid - data);
      return NULL;
    }
  /* Only what the strict validator accepts reaches json-glib, so its nesting limit covers
   * exactly what json-glib parses (json-glib would also take comments and single quotes). */
  if (!dossier_json_validate_full (data, length, MAX_NESTING,
                                   DOSSIER_JSON_REFUSE_NUL | DOSSIER_JSON_EXACT_NUMBERS, &path,
                                   &local_error))
    {
      if (g_error_matches (local_error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_SYNTAX))
        reader_fail (&reader, "not valid JSON: %s", local_error->message);
      else
        {
          if (g_error_matches (local_error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_NUL) ||
              g_error_matches (local_error, DOSSIER_JSON_ERROR, DOSSIER_JSON_ERROR_NUMBER))
            reader.index = locate_annotation (data, length, path);
          reader_fail (&reader, "%s", local_error->message);
        }
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      reader_fail (&reader, "not JSON (%s)", local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      reader_fail (&reader, "empty, no JSON in it");
      return NULL;
    }
  if (!find_annotations (&reader, json_parser_get_root (parser), &array, &single))
    return NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      Item *item;

      reader.index = i + 1;
      if ((item = read_any (&reader, json_array_get_element (array, i))) == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }
  if (single != NULL)
    {
      Item *item;

      reader.index = 1;
      if ((item = read_any (&reader, single)) == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (((Item *) g_ptr_array_index (items, i))->tags, NULL);
  return g_steal_pointer (&items);
}

/* Reads and checks every annotation of @path: a GPtrArray of Item, or NULL with @error. */
static GPtrArray *
read_file (const char  *path,
           GError     **error)
{
  g_autofree char *file = g_filename_display_basename (path);
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length;

  bytes = dossier_file_read_bounded (gfile, MAX_FILE_SIZE, "limit for a file of annotations",
                                     NULL, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return parse_data (data, length, file, error);
}

/**
 * dossier_annotations_check_data:
 * @name: the file's name, for messages
 * @n_annotations: (out) (optional): how many annotations the file holds
 *
 * Reads and checks a file of annotations already in memory, as
 * dossier_store_import_annotations() does before it touches a workspace.
 *
 * Returns: TRUE, or FALSE with the @error the import would give.
 */
gboolean
dossier_annotations_check_data (const char  *data,
                                gsize        length,
                                const char  *name,
                                guint       *n_annotations,
                                GError     **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  items = parse_data (data != NULL ? data : "", length, name, error);
  if (n_annotations != NULL)
    *n_annotations = items != NULL ? items->len : 0;
  return items != NULL;
}

/* Matching */

/* A URL as compared: scheme and host in lower case, no fragment, no trailing slash. */
static char *
normalize_url (const char *url)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (url));
  GString *out = g_string_new (NULL);
  const char *scheme_end = strstr (trimmed, "://");
  const char *rest = trimmed;
  gsize host_end = 0;
  gsize path_end;

  if (scheme_end != NULL)
    {
      g_autofree char *scheme = g_ascii_strdown (trimmed, scheme_end - trimmed);
      gsize host_len = strcspn (scheme_end + 3, "/?#");
      g_autofree char *host = g_utf8_strdown (scheme_end + 3, (gssize) host_len);

      g_string_append_printf (out, "%s://%s", scheme, host);
      host_end = out->len;
      rest = scheme_end + 3 + host_len;
    }
  g_string_append_len (out, rest, (gssize) strcspn (rest, "#"));
  /* "…/talks-resume/" and "…/talks-resume" are one page, as are "host/" and "host". */
  path_end = host_end + strcspn (out->str + host_end, "?");
  if (path_end > host_end && out->str[path_end - 1] == '/')
    g_string_erase (out, (gssize) path_end - 1, 1);
  return g_string_free (out, FALSE);
}

typedef struct {
  DossierStore  *store;
  GHashTable    *by_url;     /* normalized URL -> GArray of gint64 document ids */
  GHashTable    *by_sha256;  /* sha256 -> document id (gint64 *) */
  GHashTable    *anchorers;  /* document id (gint64 *) -> DossierAnchorer */
} Matcher;

static void
matcher_clear (Matcher *matcher)
{
  g_clear_pointer (&matcher->by_url, g_hash_table_unref);
  g_clear_pointer (&matcher->by_sha256, g_hash_table_unref);
  g_clear_pointer (&matcher->anchorers, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Matcher, matcher_clear)

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static gboolean
matcher_init (Matcher       *matcher,
              DossierStore  *store,
              GError       **error)
{
  g_autoptr(GPtrArray) documents = dossier_store_list_documents (store, error);

  matcher->store = store;
  matcher->by_url = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_array_unref);
  matcher->by_sha256 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  matcher->anchorers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify) dossier_anchorer_free);
  if (documents == NULL)
    return FALSE;
  for (guint i = 0; i < documents->len; i++)
    {
      DossierDocument *document = g_ptr_array_index (documents, i);
      gint64 id = dossier_document_get_id (document);
      const char *url = dossier_document_get_url (document);
      const char *sha256 = dossier_document_get_sha256 (document);

      if (url != NULL && *url != '\0')
        {
          g_autofree char *key = normalize_url (url);
          GArray *ids = g_hash_table_lookup (matcher->by_url, key);

          if (ids == NULL)
            {
              ids = g_array_new (FALSE, FALSE, sizeof (gint64));
              g_hash_table_insert (matcher->by_url, g_steal_pointer (&key), ids);
            }
          g_array_append_val (ids, id);
        }
      if (sha256 != NULL)
        g_hash_table_insert (matcher->by_sha256, g_ascii_strdown (sha256, -1), id_key (id));
    }
  return TRUE;
}

static DossierAnchorer *
matcher_anchorer (Matcher  *matcher,
                  gint64    id,
                  GError  **error)
{
  DossierAnchorer *anchorer = g_hash_table_lookup (matcher->anchorers, &id);
  g_autoptr(DossierDocument) document = NULL;

  if (anchorer != NULL)
    return anchorer;
  document = dossier_store_get_document (matcher->store, id, error);
  if (document == NULL)
    return NULL;
  anchorer = dossier_anchorer_new (dossier_document_get_text (document));
  g_hash_table_insert (matcher->anchorers, id_key (id), anchorer);
  return anchorer;
}

/* The documents whose text holds the first words of @exact as a phrase, best ranked first. */
static GArray *
quote_candidates (DossierStore  *store,
                  const char    *exact,
                  GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) phrase = g_string_new (NULL);
  g_autofree char *query = NULL;
  gboolean in_word = FALSE;
  guint words = 0;
  sqlite3_stmt *stmt;
  int rc;

  /* Letters and digits only, so that nothing of the quote can be FTS5 syntax. */
  for (const char *p = exact; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (!in_word)
            {
              if (words == MAX_PHRASE_WORDS)
                break;
              if (words++ > 0)
                g_string_append_c (phrase, ' ');
            }
          g_string_append_unichar (phrase, c);
          in_word = TRUE;
        }
      else
        in_word = FALSE;
    }
  if (words == 0)
    return g_steal_pointer (&ids);

  query = g_strdup_printf ("text : \"%s\"", phrase->str);
  stmt = dossier_store_statement (store,
    "SELECT rowid FROM document_fts WHERE document_fts MATCH ?1 ORDER BY rank LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, MAX_QUOTE_CANDIDATES);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (store, error, rc, "searching for the quote");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Where an item goes: the document, how it was found, and its span there. */
typedef struct {
  gint64      document_id;   /* anchored in it, or 0 */
  const char *matched_by;
  guint       start;
  guint       end;
  gint64      seen_id;       /* a document matched by URL or hash that does not hold the quote */
  const char *seen_by;
} Placement;

/* Tries @ids in order, skipping those tried already; TRUE on success, placed or not. */
static gboolean
try_documents (Matcher       *matcher,
               const Item    *item,
               const gint64  *ids,
               guint          n_ids,
               const char    *matched_by,
               GHashTable    *tried,
               Placement     *placement,
               GError       **error)
{
  for (guint i = 0; i < n_ids && placement->document_id == 0; i++)
    {
      DossierAnchorer *anchorer;

      if (g_hash_table_contains (tried, &ids[i]))
        continue;
      g_hash_table_add (tried, id_key (ids[i]));
      if ((anchorer = matcher_anchorer (matcher, ids[i], error)) == NULL)
        return FALSE;
      if (dossier_anchorer_locate (anchorer, &item->selector, &placement->start,
                                   &placement->end) != DOSSIER_ANCHOR_ORPHAN)
        {
          placement->document_id = ids[i];
          placement->matched_by = matched_by;
        }
      else if (placement->seen_id == 0)
        {
          placement->seen_id = ids[i];
          placement->seen_by = matched_by;
        }
    }
  return TRUE;
}

static gboolean
place_item (Matcher     *matcher,
            const Item  *item,
            Placement   *placement,
            GError     **error)
{
  g_autoptr(GHashTable) tried = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       NULL);
  const char *urls[] = { item->source, item->url };
  const char *hashes[] = { item->sha256, NULL };
  g_autoptr(GArray) candidates = NULL;

  memset (placement, 0, sizeof *placement);
  if (item->page_note)
    {
      /* Nothing to anchor; still say whether its page is here. */
      for (guint i = 0; i < G_N_ELEMENTS (urls) && placement->seen_id == 0; i++)
        if (urls[i] != NULL)
          {
            g_autofree char *key = normalize_url (urls[i]);
            GArray *ids = g_hash_table_lookup (matcher->by_url, key);

            if (ids != NULL)
              {
                placement->seen_id = g_array_index (ids, gint64, 0);
                placement->seen_by = "url";
              }
          }
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    if (urls[i] != NULL && *urls[i] != '\0')
      {
        g_autofree char *key = normalize_url (urls[i]);
        GArray *ids = g_hash_table_lookup (matcher->by_url, key);

        if (ids != NULL &&
            !try_documents (matcher, item, (const gint64 *) (gpointer) ids->data, ids->len,
                            "url", tried, placement, error))
          return FALSE;
      }
  if (item->source != NULL && g_str_has_prefix (item->source, "urn:sha256:"))
    hashes[1] = item->source + strlen ("urn:sha256:");
  for (guint i = 0; i < G_N_ELEMENTS (hashes) && placement->document_id == 0; i++)
    if (hashes[i] != NULL)
      {
        g_autofree char *key = g_ascii_strdown (hashes[i], -1);
        gint64 *id = g_hash_table_lookup (matcher->by_sha256, key);

        if (id != NULL && !try_documents (matcher, item, id, 1, "hash", tried, placement, error))
          return FALSE;
      }
  if (placement->document_id != 0)
    return TRUE;

  candidates = quote_candidates (matcher->store, item->selector.exact, error);
  if (candidates == NULL)
    return FALSE;
  return try_documents (matcher, item, (const gint64 *) (gpointer) candidates->data,
                        candidates->len, "quote", tried, placement, error);
}

/* Storing */

/* The confirmed annotation of the same kind on the same words of the document, or 0. */
static gboolean
find_duplicate (DossierStore           *store,
                gint64                  document_id,
                DossierAnnotationKind   kind,
                const DossierSelector  *span,
                gint64                 *id,
                GError                **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (store,
    "SELECT id FROM annotation WHERE document_id = ?1 AND start_offset = ?2"
    " AND end_offset = ?3 AND kind = ?4 AND exact = ?5 AND review = 'confirmed' LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, span->start);
  sqlite3_bind_int64 (stmt, 3, span->end);
  sqlite3_bind_text (stmt, 4, dossier_annotation_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, span->exact, -1, SQLITE_STATIC);
  return dossier_store_lookup_id (store, stmt, id, error);
}

/* The outlet's grade travels with the annotation; it is only taken where the workspace has
 * not graded that outlet itself, never over the analyst's own judgement. */
static gboolean
adopt_grade (DossierStore  *store,
             const Item    *item,
             GError       **error)
{
  g_autoptr(DossierSource) source = NULL;

  if (item->grade == NULL || item->outlet == NULL)
    return TRUE;
  source = dossier_store_find_source (store, item->outlet, error);
  if (source == NULL)
    return FALSE;
  if (source->reliability != NULL)
    return TRUE;
  return dossier_store_set_source_grade (store, item->outlet, item->grade, error);
}

static gboolean
import_item (Matcher                  *matcher,
             const Item               *item,
             DossierAnnotationImport  *result,
             GError                  **error)
{
  g_auto(DossierSelector) span = { 0, };
  DossierAnnotationFields fields = {
    item->kind, item->speaker, item->outlet, item->cue, item->credibility, item->note,
    (const char * const *) item->tags->pdata,
  };
  Placement placement;
  DossierAnchorer *anchorer;
  gint64 existing = 0;

  if (!place_item (matcher, item, &placement, error))
    return FALSE;
  if (placement.document_id == 0)
    {
      result->status = placement.seen_id != 0 ? DOSSIER_ANNOTATION_NOT_ANCHORED
                                              : DOSSIER_ANNOTATION_UNMATCHED;
      result->document_id = placement.seen_id;
      result->matched_by = g_strdup (placement.seen_by);
      return TRUE;
    }

  result->document_id = placement.document_id;
  result->matched_by = g_strdup (placement.matched_by);
  anchorer = matcher_anchorer (matcher, placement.document_id, error);
  if (anchorer == NULL)
    return FALSE;
  /* The words now marked, which may differ a little from the file's after an approximate
   * match: the duplicate test and the report use these. */
  dossier_anchorer_init_selector (anchorer, &span, placement.start, placement.end);
  g_free (result->exact);
  result->exact = g_strdup (span.exact);
  if (!find_duplicate (matcher->store, placement.document_id, item->kind, &span, &existing,
                       error))
    return FALSE;
  if (existing != 0)
    {
      result->status = DOSSIER_ANNOTATION_DUPLICATE;
      result->annotation_id = existing;
      return TRUE;
    }
  result->annotation_id = dossier_store_add_annotation (matcher->store, placement.document_id,
                                                        placement.start, placement.end,
                                                        &fields, error);
  if (result->annotation_id == 0 || !adopt_grade (matcher->store, item, error))
    return FALSE;
  result->status = DOSSIER_ANNOTATION_IMPORTED;
  return TRUE;
}

GPtrArray *
dossier_store_import_annotations (DossierStore  *store,
                                  const char    *path,
                                  GError       **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_auto(Matcher) matcher = { 0, };

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  /* The whole file is read and checked first: a file refused stores nothing. */
  items = read_file (path, error);
  if (items == NULL)
    return NULL;

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_annotation_import_free);
  /* One transaction for the file: an import that fails half-way leaves no half of it. */
  if (!dossier_store_begin_batch (store, error))
    return NULL;
  if (!matcher_init (&matcher, store, error))
    goto fail;
  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = g_ptr_array_index (items, i);
      DossierAnnotationImport *result = g_new0 (DossierAnnotationImport, 1);

      g_ptr_array_add (results, result);
      result->exact = g_strdup (item->selector.exact);
      result->target = g_strdup (item->source != NULL ? item->source : item->title);
      if (!import_item (&matcher, item, result, error))
        {
          g_autofree char *file = g_filename_display_basename (path);

          g_prefix_error (error, "%s: annotation %u: ", file, i + 1);
          goto fail;
        }
    }
  if (!dossier_store_commit_batch (store, error))
    return NULL;
  g_debug ("imported annotations from %s: %u in the file", path, results->len);
  return g_steal_pointer (&results);

fail:
  dossier_store_rollback_batch (store);
  return NULL;
}
