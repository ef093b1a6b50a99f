/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-cli"

#include <string.h>

#include "dossier-cli.h"

/* Output */

void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_strv_member (JsonBuilder        *builder,
                 const char         *name,
                 const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *valid = cli_json_string (values[i]);

      json_builder_add_string_value (builder, valid);
    }
  json_builder_end_array (builder);
}

static void
add_annotation_object (JsonBuilder       *builder,
                       DossierAnnotation *a)
{
  json_builder_begin_object (builder);
  add_int_member (builder, "id", a->id);
  add_int_member (builder, "document", a->document_id);
  add_string_member (builder, "kind", dossier_annotation_kind_to_string (a->kind));
  add_int_member (builder, "start", a->selector.start);
  add_int_member (builder, "end", a->selector.end);
  add_string_member (builder, "exact", a->selector.exact);
  add_string_member (builder, "prefix", a->selector.prefix);
  add_string_member (builder, "suffix", a->selector.suffix);
  add_string_member (builder, "speaker", a->speaker);
  add_string_member (builder, "source", a->source);
  add_string_member (builder, "source_grade", a->source_grade);
  add_string_member (builder, "cue", a->cue);
  json_builder_set_member_name (builder, "credibility");
  if (a->credibility != 0)
    json_builder_add_int_value (builder, a->credibility);
  else
    json_builder_add_null_value (builder);
  add_strv_member (builder, "tags", (const char * const *) a->tags);
  add_string_member (builder, "note", a->note);
  add_string_member (builder, "status", dossier_annotation_status_to_string (a->status));
  add_string_member (builder, "origin", a->origin);
  add_string_member (builder, "review", a->review);
  add_string_member (builder, "created_at", a->created_at);
  add_string_member (builder, "modified_at", a->modified_at);
  json_builder_end_object (builder);
}

/* The passage on one line, shortened in the middle when long, and escaped (cli_escape()). */
static char *
excerpt (const char *exact,
         guint       max_chars)
{
  g_autofree char *spaced = g_strdup (exact);
  g_autofree char *flat = NULL;
  glong len;

  /* Line breaks and tabs read as spaces in a passage; other controls are escaped, which
   * makes it valid UTF-8 to count characters in too. */
  g_strdelimit (spaced, "\n\r\t", ' ');
  flat = cli_escape (spaced);
  len = g_utf8_strlen (flat, -1);
  if (len <= (glong) max_chars)
    return g_steal_pointer (&flat);
  {
    const char *head_end = g_utf8_offset_to_pointer (flat, max_chars / 2 - 1);
    const char *tail = g_utf8_offset_to_pointer (flat, len - (max_chars / 2 - 1));

    return g_strdup_printf ("%.*s…%s", (int) (head_end - flat), flat, tail);
  }
}

static void
print_annotation_line (DossierAnnotation *a)
{
  g_autofree char *text = excerpt (a->selector.exact, 60);
  g_autoptr(GString) who = g_string_new (NULL);

  if (a->speaker != NULL)
    cli_append_escaped (who, a->speaker, -1, FALSE);
  if (a->source != NULL)
    {
      g_string_append (who, who->len ? " via " : "via ");
      cli_append_escaped (who, a->source, -1, FALSE);
      if (a->source_grade != NULL)
        {
          g_string_append (who, " (");
          cli_append_escaped (who, a->source_grade, -1, FALSE);
          g_string_append (who, ")");
        }
    }
  if (a->credibility != 0)
    g_string_append_printf (who, "%scredibility %d", who->len ? ", " : "", a->credibility);

  g_print ("%6" G_GINT64_FORMAT "  doc %-4" G_GINT64_FORMAT " %-9s %7u-%-7u %s“%s”%s%s\n",
           a->id, a->document_id, dossier_annotation_kind_to_string (a->kind),
           a->selector.start, a->selector.end,
           a->status == DOSSIER_ANNOTATION_ORPHAN ? "[orphan] " : "", text,
           who->len ? " — " : "", who->str);
  if (a->tags[0] != NULL)
    {
      g_autofree char *tags = g_strjoinv (", ", a->tags);
      g_autofree char *shown = cli_escape (tags);

      g_print ("        tags: %s\n", shown);
    }
  if (a->note[0] != '\0')
    {
      g_autofree char *note = excerpt (a->note, 100);

      g_print ("        note: %s\n", note);
    }
}

gboolean
check_no_arguments (const char  *command,
                    int          argc,
                    char       **argv)
{
  if (argc > 1)
    {
      g_autofree char *shown = cli_escape (argv[1]);

      g_printerr ("dossier-cli %s: unexpected argument “%s”\n", command, shown);
      return FALSE;
    }
  return TRUE;
}

/* annotate */

int
run_annotate (const char *workspace,
              int         argc,
              char      **argv)
{
  const Command *command = find_command ("annotate");
  int start = -1, end = -1, credibility = 0;
  char *kind_name = NULL, *speaker = NULL, *source = NULL, *cue = NULL, *note = NULL;
  char **tags = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "start", 0, 0, G_OPTION_ARG_INT, &start, "First character of the passage (code points "
      "from 0)", "N" },
    { "end", 0, 0, G_OPTION_ARG_INT, &end, "Character after the passage", "N" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name, "highlight, quote, claim or note", "K" },
    { "speaker", 0, 0, G_OPTION_ARG_STRING, &speaker, "Who said it (quotes and claims)",
      "NAME" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, "The outlet that carried it, by name or "
      "alias (quotes and claims)", "NAME" },
    { "cue", 0, 0, G_OPTION_ARG_STRING, &cue, "The attribution cue: said, reported, …",
      "WORD" },
    { "credibility", 0, 0, G_OPTION_ARG_INT, &credibility, "Claims: 1 (confirmed) to 6 "
      "(cannot be judged)", "1-6" },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags, "A tag (repeat for several)", "T" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, "The analyst's note", "TEXT" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the annotation as a JSON object", NULL },
    { NULL }
  };
  g_autofree char *kind_owned = NULL, *speaker_owned = NULL, *source_owned = NULL;
  g_autofree char *cue_owned = NULL, *note_owned = NULL;
  g_auto(GStrv) tags_owned = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  DossierAnnotationFields fields = { 0, };
  gint64 document_id, id;
  int status;

  status = parse_command_line (command, entries, &argc, &argv);
  kind_owned = kind_name;
  speaker_owned = speaker;
  source_owned = source;
  cue_owned = cue;
  note_owned = note;
  tags_owned = tags;
  if (status >= 0)
    return status;
  if (argc != 2)
    {
      g_printerr ("dossier-cli annotate: give one document id\n"
                  "Try 'dossier-cli annotate --help'.\n");
      return EXIT_USAGE;
    }
  if (!parse_id ("annotate", argv[1], DOCUMENT_ID, &document_id))
    return EXIT_USAGE;
  if (start < 0 || end <= start)
    {
      g_printerr ("dossier-cli annotate: --start N and --end N are needed, with start < end\n");
      return EXIT_USAGE;
    }
  if (kind_name == NULL)
    fields.kind = speaker || source ? DOSSIER_ANNOTATION_QUOTE : DOSSIER_ANNOTATION_HIGHLIGHT;
  else if (!dossier_annotation_kind_from_string (kind_name, &fields.kind))
    {
      g_autofree char *shown = cli_escape (kind_name);

      g_printerr ("dossier-cli annotate: unknown kind “%s” (highlight, quote, claim or note)\n",
                  shown);
      return EXIT_USAGE;
    }
  fields.speaker = speaker;
  fields.source = source;
  fields.cue = cue;
  fields.credibility = credibility;
  fields.note = note;
  fields.tags = (const char * const *) tags;

  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  id = dossier_store_add_annotation (store, document_id, (guint) start, (guint) end, &fields,
                                     &error);
  if (id == 0 || (annotation = dossier_store_get_annotation (store, id, &error)) == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      add_annotation_object (builder, annotation);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  else
    print_annotation_line (annotation);
  return EXIT_OK;
}

/* annotations */

int
run_annotations (const char *workspace,
                 int         argc,
                 char      **argv)
{
  const Command *command = find_command ("annotations");
  gint64 document = 0;
  char *tag = NULL, *source = NULL, *speaker = NULL, *kind_name = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "document", 0, 0, G_OPTION_ARG_INT64, &document, "Only this document's", "ID" },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, "Only those with this tag", "T" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, "Only those carried by this source", "S" },
    { "speaker", 0, 0, G_OPTION_ARG_STRING, &speaker, "Only those of this speaker", "NAME" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name, "Only this kind", "K" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON array", NULL },
    { NULL }
  };
  g_autofree char *tag_owned = NULL, *source_owned = NULL, *speaker_owned = NULL;
  g_autofree char *kind_owned = NULL;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;
  DossierAnnotationFilter filter = DOSSIER_ANNOTATION_FILTER_INIT;
  int status;

  status = parse_command_line (command, entries, &argc, &argv);
  tag_owned = tag;
  source_owned = source;
  speaker_owned = speaker;
  kind_owned = kind_name;
  if (status >= 0)
    return status;
  if (!check_no_arguments ("annotations", argc, argv))
    return EXIT_USAGE;
  if (kind_name != NULL)
    {
      DossierAnnotationKind kind;

      if (!dossier_annotation_kind_from_string (kind_name, &kind))
        {
          g_autofree char *shown = cli_escape (kind_name);

          g_printerr ("dossier-cli annotations: unknown kind “%s” (highlight, quote, claim or "
                      "note)\n", shown);
          return EXIT_USAGE;
        }
      filter.kind = (int) kind;
    }
  filter.document_id = document;
  filter.tag = tag;
  filter.source = source;
  filter.speaker = speaker;

  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  if ((annotations = dossier_store_list_annotations (store, &filter, &error)) == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < annotations->len; i++)
        add_annotation_object (builder, g_ptr_array_index (annotations, i));
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return EXIT_OK;
    }
  for (guint i = 0; i < annotations->len; i++)
    print_annotation_line (g_ptr_array_index (annotations, i));
  if (annotations->len == 0)
    g_printerr ("No annotations%s\n", document || tag || source || speaker || kind_name
                                        ? " match" : " yet");
  return EXIT_OK;
}

/* annotation-remove */

int
run_annotation_remove (const char *workspace,
                       int         argc,
                       char      **argv)
{
  const Command *command = find_command ("annotation-remove");
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  if ((status = parse_command_line (command, NULL, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    {
      g_printerr ("dossier-cli annotation-remove: give one annotation id\n");
      return EXIT_USAGE;
    }
  if (!parse_id ("annotation-remove", argv[1], ANNOTATION_ID, &id))
    return EXIT_USAGE;
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  if (!dossier_store_remove_annotation (store, id, &error))
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  g_print ("removed annotation %" G_GINT64_FORMAT "\n", id);
  return EXIT_OK;
}

/* sources */

int
run_sources (const char *workspace,
             int         argc,
             char      **argv)
{
  const Command *command = find_command ("sources");
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON array", NULL },
    { NULL }
  };
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = parse_command_line (command, entries, &argc, &argv)) >= 0)
    return status;
  if (!check_no_arguments ("sources", argc, argv))
    return EXIT_USAGE;
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  if ((sources = dossier_store_list_sources (store, &error)) == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < sources->len; i++)
        {
          DossierSource *source = g_ptr_array_index (sources, i);

          json_builder_begin_object (builder);
          add_int_member (builder, "id", source->id);
          add_string_member (builder, "name", source->name);
          add_string_member (builder, "kind", source->kind);
          add_string_member (builder, "country", source->country);
          add_string_member (builder, "reliability", source->reliability);
          add_string_member (builder, "notes", source->notes);
          add_strv_member (builder, "aliases", (const char * const *) source->aliases);
          add_string_member (builder, "origin", source->origin);
          add_int_member (builder, "annotations", source->n_annotations);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return EXIT_OK;
    }
  for (guint i = 0; i < sources->len; i++)
    {
      DossierSource *source = g_ptr_array_index (sources, i);
      g_autofree char *name = cli_escape (source->name);
      g_autofree char *kind = cli_escape (source->kind);
      g_autofree char *country = cli_escape (source->country);
      g_autofree char *grade = cli_escape (source->reliability ? source->reliability : "-");

      g_print ("%-28s %-16s %-2s  %s  %u\n", name, kind, country, grade, source->n_annotations);
    }
  return EXIT_OK;
}

/* source-grade */

int
run_source_grade (const char *workspace,
                  int         argc,
                  char      **argv)
{
  const Command *command = find_command ("source-grade");
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierSource) source = NULL;
  g_autoptr(GError) error = NULL;
  const char *grade;
  int status;

  if ((status = parse_command_line (command, NULL, &argc, &argv)) >= 0)
    return status;
  if (argc != 3)
    {
      g_printerr ("dossier-cli source-grade: give a source name and a grade (A to F, or "
                  "\"none\")\nTry 'dossier-cli source-grade --help'.\n");
      return EXIT_USAGE;
    }
  grade = g_ascii_strcasecmp (argv[2], "none") == 0 ? NULL : argv[2];
  if (grade != NULL && !dossier_source_grade_is_valid (grade))
    {
      g_autofree char *shown = cli_escape (argv[2]);

      g_printerr ("dossier-cli source-grade: “%s” is not a grade (A to F, or \"none\")\n",
                  shown);
      return EXIT_USAGE;
    }
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  if (!dossier_store_set_source_grade (store, argv[1], grade, &error) ||
      (source = dossier_store_find_source (store, argv[1], &error)) == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  {
    g_autofree char *name = cli_escape (source->name);
    g_autofree char *reliability = cli_escape (source->reliability ? source->reliability
                                                                   : "not graded");

    g_print ("%s: reliability %s\n", name, reliability);
  }
  return EXIT_OK;
}

/* tags */

int
run_tags (const char *workspace,
          int         argc,
          char      **argv)
{
  const Command *command = find_command ("tags");
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON array", NULL },
    { NULL }
  };
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = parse_command_line (command, entries, &argc, &argv)) >= 0)
    return status;
  if (!check_no_arguments ("tags", argc, argv))
    return EXIT_USAGE;
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  if ((tags = dossier_store_list_tags (store, &error)) == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < tags->len; i++)
        {
          DossierTag *tag = g_ptr_array_index (tags, i);

          json_builder_begin_object (builder);
          add_string_member (builder, "name", tag->name);
          add_int_member (builder, "annotations", tag->n_annotations);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return EXIT_OK;
    }
  for (guint i = 0; i < tags->len; i++)
    {
      DossierTag *tag = g_ptr_array_index (tags, i);
      g_autofree char *name = cli_escape (tag->name);

      g_print ("%5u  %s\n", tag->n_annotations, name);
    }
  if (tags->len == 0)
    g_printerr ("No tags yet: add them with 'dossier-cli annotate … --tag T'\n");
  return EXIT_OK;
}

/* tag-rename, tag-delete */

int
run_tag_rename (const char *workspace,
                int         argc,
                char      **argv)
{
  const Command *command = find_command ("tag-rename");
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = parse_command_line (command, NULL, &argc, &argv)) >= 0)
    return status;
  if (argc != 3)
    {
      g_printerr ("dossier-cli tag-rename: give the old and the new name\n");
      return EXIT_USAGE;
    }
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  if (!dossier_store_rename_tag (store, argv[1], argv[2], &error))
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  {
    g_autofree char *old_name = cli_escape (argv[1]);
    g_autofree char *new_name = cli_escape (argv[2]);

    g_print ("renamed tag “%s” to “%s”\n", old_name, new_name);
  }
  return EXIT_OK;
}

int
run_tag_delete (const char *workspace,
                int         argc,
                char      **argv)
{
  const Command *command = find_command ("tag-delete");
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = parse_command_line (command, NULL, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    {
      g_printerr ("dossier-cli tag-delete: give one tag name\n");
      return EXIT_USAGE;
    }
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  if (!dossier_store_delete_tag (store, argv[1], &error))
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  {
    g_autofree char *name = cli_escape (argv[1]);

    g_print ("deleted tag “%s”\n", name);
  }
  return EXIT_OK;
}

/* update */

int
run_update (const char *workspace,
            int         argc,
            char      **argv)
{
  const Command *command = find_command ("update");
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierArticle) article = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  DossierReanchorReport report = { 0, };
  gint64 id;
  int status;

  if ((status = parse_command_line (command, NULL, &argc, &argv)) >= 0)
    return status;
  if (argc != 3)
    {
      g_printerr ("dossier-cli update: give a document id and a file\n"
                  "Try 'dossier-cli update --help'.\n");
      return EXIT_USAGE;
    }
  if (!parse_id ("update", argv[1], DOCUMENT_ID, &id))
    return EXIT_USAGE;
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;

  file = g_file_new_for_commandline_arg (argv[2]);
  /* Import errors name the file already; store errors are about the workspace. */
  if ((article = dossier_import_file (file, DOSSIER_FORMAT_AUTO, &bytes, NULL, &error)) == NULL ||
      !dossier_store_update_document (store, id, article, bytes, &report, &error))
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  {
    g_autofree char *name = cli_escape (argv[2]);

    g_print ("updated document %" G_GINT64_FORMAT " from %s: %u annotations in place, "
             "%u moved, %u placed approximately, %u orphaned\n", id, name, report.unchanged,
             report.moved, report.approximate, report.orphaned);
  }
  return EXIT_OK;
}
