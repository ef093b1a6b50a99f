/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-export"

#include "dossier-export.h"

/*
 * JSON: the W3C Web Annotation data model, exactly as docs/export-json.md describes it (the
 * importer reads it back from that description).  Written by hand rather than with
 * JsonBuilder and JsonGenerator, which took over a second for 10,000 annotations (15 MB);
 * the escaping is RFC 8259's, and the tests parse the result with json-glib.  Strings are
 * cleaned of control characters first, as in the other formats.
 *
 * Bidirectional controls (U+202A-U+202E, U+2066-U+2069) are the exception: the other formats
 * show them as "<U+202E>", but here every string keeps them, written as the escape \u202e.
 * The selectors must quote the document's text exactly, or importing the file back could not
 * find the passage again (re-anchoring matches exact, prefix and suffix character for
 * character), and notes and tags should come back as they were.  The escape is six ASCII
 * characters in the file, so nothing viewing the file is reordered by it; a program reading
 * the JSON gets the text as the document has it, as it would any other data.
 */

static const char * const motivations[DOSSIER_N_ANNOTATION_KINDS] = {
  [DOSSIER_ANNOTATION_HIGHLIGHT] = "highlighting",
  [DOSSIER_ANNOTATION_QUOTE] = "identifying",
  [DOSSIER_ANNOTATION_CLAIM] = "assessing",
  [DOSSIER_ANNOTATION_NOTE] = "commenting",
};

/* A pretty-printing writer: two spaces per level, one member or element per line. */
typedef struct {
  GString  *out;
  guint     depth;
  gboolean  has_items;  /* the open object or array holds something already */
} JsonWriter;

static void
write_string (GString    *out,
              const char *value)
{
  g_autofree char *clean = dossier_export_clean_text_full (value,
                                                           DOSSIER_EXPORT_CLEAN_KEEP_BIDI);

  g_string_append_c (out, '"');
  for (const char *p = clean; *p != '\0'; p++)
    {
      /* U+202A-U+202E are E2 80 AA-AE in UTF-8, U+2066-U+2069 E2 81 A6-A9. */
      if ((guchar) p[0] == 0xe2 && (((guchar) p[1] == 0x80 && (guchar) p[2] >= 0xaa
                                     && (guchar) p[2] <= 0xae)
                                    || ((guchar) p[1] == 0x81 && (guchar) p[2] >= 0xa6
                                        && (guchar) p[2] <= 0xa9)))
        {
          g_string_append_printf (out, "\\u%04x", g_utf8_get_char (p));
          p += 2;
          continue;
        }
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        default:
          /* Cleaning left no other control character. */
          g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

/* Starts a member (@name) or an array element (@name NULL) on a line of its own. */
static void
begin_item (JsonWriter *w,
            const char *name)
{
  if (w->has_items)
    g_string_append_c (w->out, ',');
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < w->depth; i++)
    g_string_append (w->out, "  ");
  if (name != NULL)
    {
      write_string (w->out, name);
      g_string_append (w->out, ": ");
    }
  w->has_items = TRUE;
}

static void
begin_container (JsonWriter *w,
                 const char *name,
                 char        bracket)
{
  begin_item (w, name);
  g_string_append_c (w->out, bracket);
  w->depth++;
  w->has_items = FALSE;
}

static void
end_container (JsonWriter *w,
               char        bracket)
{
  w->depth--;
  if (w->has_items)
    {
      g_string_append_c (w->out, '\n');
      for (guint i = 0; i < w->depth; i++)
        g_string_append (w->out, "  ");
    }
  g_string_append_c (w->out, bracket);
  w->has_items = TRUE;
}

#define begin_object(w, name) begin_container ((w), (name), '{')
#define end_object(w) end_container ((w), '}')
#define begin_array(w, name) begin_container ((w), (name), '[')
#define end_array(w) end_container ((w), ']')

static void
add_string (JsonWriter *w,
            const char *name,
            const char *value)
{
  begin_item (w, name);
  write_string (w->out, value);
}

/* A member left out when the annotation has no such value. */
static void
add_optional_string (JsonWriter *w,
                     const char *name,
                     const char *value)
{
  if (value != NULL && *value != '\0')
    add_string (w, name, value);
}

static void
add_int (JsonWriter *w,
         const char *name,
         gint64      value)
{
  begin_item (w, name);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

static void
add_body (JsonWriter *w,
          const char *purpose,
          const char *value,
          gboolean    plain_text)
{
  begin_object (w, NULL);
  add_string (w, "type", "TextualBody");
  add_string (w, "purpose", purpose);
  add_string (w, "value", value);
  if (plain_text)
    add_string (w, "format", "text/plain");
  end_object (w);
}

static void
add_target (JsonWriter        *w,
            DossierDocument   *document,
            DossierAnnotation *a)
{
  const char *url = dossier_document_get_url (document);
  const char *sha256 = dossier_document_get_sha256 (document);
  g_autofree char *urn = g_strconcat ("urn:sha256:", sha256 ? sha256 : "", NULL);

  begin_object (w, "target");
  /* Another tool may follow target.source: only a web address is offered there (the URL as
   * stored stays in dossier:document). */
  add_string (w, "source", dossier_export_url_is_web (url) ? url : urn);

  begin_array (w, "selector");
  begin_object (w, NULL);
  add_string (w, "type", "TextQuoteSelector");
  add_string (w, "exact", a->selector.exact);
  add_string (w, "prefix", a->selector.prefix);
  add_string (w, "suffix", a->selector.suffix);
  end_object (w);
  begin_object (w, NULL);
  add_string (w, "type", "TextPositionSelector");
  add_int (w, "start", a->selector.start);
  add_int (w, "end", a->selector.end);
  end_object (w);
  end_array (w);

  begin_object (w, "dossier:document");
  add_optional_string (w, "title", dossier_document_get_title (document));
  add_optional_string (w, "outlet", dossier_document_get_outlet (document));
  add_optional_string (w, "published", dossier_document_get_published (document));
  add_optional_string (w, "url", url);
  add_optional_string (w, "sha256", sha256);
  end_object (w);

  end_object (w);
}

static void
add_annotation (JsonWriter        *w,
                DossierDocument   *document,
                DossierAnnotation *a)
{
  g_autofree char *id = g_strdup_printf ("urn:dossier:annotation:%" G_GINT64_FORMAT, a->id);

  begin_object (w, NULL);
  add_string (w, "id", id);
  add_string (w, "type", "Annotation");
  add_string (w, "motivation", motivations[a->kind]);
  add_optional_string (w, "created", a->created_at);
  add_optional_string (w, "modified", a->modified_at);

  begin_array (w, "body");
  if (a->note != NULL && *a->note != '\0')
    add_body (w, "commenting", a->note, TRUE);
  for (guint i = 0; a->tags[i] != NULL; i++)
    add_body (w, "tagging", a->tags[i], FALSE);
  end_array (w);

  add_target (w, document, a);

  add_string (w, "dossier:kind", dossier_annotation_kind_to_string (a->kind));
  add_optional_string (w, "dossier:speaker", a->speaker);
  add_optional_string (w, "dossier:outlet", a->source);
  add_optional_string (w, "dossier:sourceGrade", a->source_grade);
  if (a->credibility > 0)
    add_int (w, "dossier:credibility", a->credibility);
  add_optional_string (w, "dossier:cue", a->cue);
  add_optional_string (w, "dossier:origin", a->origin);
  if (a->status == DOSSIER_ANNOTATION_ORPHAN)
    add_string (w, "dossier:status", dossier_annotation_status_to_string (a->status));
  end_object (w);
}

void
dossier_export_write_json (const DossierExportSet *set,
                           GString                *out)
{
  JsonWriter writer = { out, 0, FALSE };
  JsonWriter *w = &writer;
  g_autofree char *label = NULL;

  g_return_if_fail (set != NULL);
  g_return_if_fail (out != NULL);

  g_string_append_c (out, '{');
  w->depth = 1;
  begin_array (w, "@context");
  add_string (w, NULL, "http://www.w3.org/ns/anno.jsonld");
  begin_object (w, NULL);
  add_string (w, "dossier", "https://dossier.invalid/ns#");
  end_object (w);
  end_array (w);
  add_string (w, "type", "AnnotationCollection");
  label = g_strconcat ("Dossier export of ", set->workspace, NULL);
  add_string (w, "label", label);
  begin_object (w, "generator");
  add_string (w, "type", "Software");
  add_string (w, "name", "Dossier");
  add_string (w, "homepage", "https://dossier.invalid/");
  end_object (w);
  add_string (w, "generated", set->generated_at);
  add_int (w, "total", set->n_annotations);

  begin_object (w, "first");
  add_string (w, "type", "AnnotationPage");
  add_int (w, "startIndex", 0);
  begin_array (w, "items");
  for (guint i = 0; i < set->documents->len; i++)
    {
      DossierExportDocument *doc = g_ptr_array_index (set->documents, i);

      for (guint j = 0; j < doc->annotations->len; j++)
        add_annotation (w, doc->document, g_ptr_array_index (doc->annotations, j));
    }
  end_array (w);
  end_object (w);
  end_object (w);
  g_string_append_c (out, '\n');
}
