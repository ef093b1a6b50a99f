/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dossier-cli import-annotations: annotations back from our JSON export or Hypothesis. */
#define G_LOG_DOMAIN "dossier-cli"

#include "dossier-cli.h"
#include "dossier-export.h"

/* Longest quote shown in a report line, in characters. */
#define SHOWN_QUOTE 60

static const char *status_names[] = { "imported", "duplicate", "unmatched", "not-anchored" };

/* The quote as one short line: the file is untrusted, so line breaks and tabs become
 * spaces and other control characters (a terminal escape) visible escapes (cli_escape()). */
static char *
shown_quote (const char *exact)
{
  g_autofree char *spaced = g_strdelimit (g_strdup (exact ? exact : ""), "\n\r\t", ' ');
  g_autofree char *escaped = cli_escape (spaced);
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = escaped; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      if (n == SHOWN_QUOTE)
        {
          g_string_append (out, "…");
          break;
        }
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

static void
print_result (const DossierAnnotationImport *result)
{
  g_autofree char *quote = shown_quote (result->exact);
  g_autofree char *target = shown_quote (result->target);

  switch (result->status)
    {
    case DOSSIER_ANNOTATION_IMPORTED:
      g_print ("imported as annotation %" G_GINT64_FORMAT " on document %" G_GINT64_FORMAT
               " (matched by %s): “%s”\n", result->annotation_id, result->document_id,
               result->matched_by, quote);
      break;
    case DOSSIER_ANNOTATION_DUPLICATE:
      g_print ("duplicate of annotation %" G_GINT64_FORMAT " on document %" G_GINT64_FORMAT
               ", skipped: “%s”\n", result->annotation_id, result->document_id, quote);
      break;
    case DOSSIER_ANNOTATION_UNMATCHED:
      if (result->exact != NULL)
        g_print ("orphan: no document of the workspace matches %s: “%s”\n",
                 *target != '\0' ? target : "(no source)", quote);
      else
        g_print ("orphan: a note on the whole page %s, which is not in the workspace\n",
                 *target != '\0' ? target : "(no source)");
      break;
    case DOSSIER_ANNOTATION_NOT_ANCHORED:
    default:
      if (result->exact != NULL)
        g_print ("not anchored: document %" G_GINT64_FORMAT " (matched by %s) does not "
                 "contain “%s”\n", result->document_id, result->matched_by, quote);
      else
        g_print ("not anchored: a note on the whole page of document %" G_GINT64_FORMAT
                 " (matched by %s)\n", result->document_id, result->matched_by);
      break;
    }
}

static JsonNode *
results_to_json (GPtrArray *results)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    {
      const DossierAnnotationImport *result = g_ptr_array_index (results, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "status", status_names[result->status]);
      json_builder_set_member_name (builder, "annotation");
      if (result->annotation_id != 0)
        json_builder_add_int_value (builder, result->annotation_id);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "document");
      if (result->document_id != 0)
        json_builder_add_int_value (builder, result->document_id);
      else
        json_builder_add_null_value (builder);
      add_string_member (builder, "matched_by", result->matched_by);
      add_string_member (builder, "exact", result->exact);
      add_string_member (builder, "target", result->target);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

int
run_import_annotations (const char *workspace,
                        int         argc,
                        char      **argv)
{
  const Command *command = find_command ("import-annotations");
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  guint counts[G_N_ELEMENTS (status_names)] = { 0, };
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the results as a JSON array", NULL },
    { NULL }
  };
  int status;

  G_STATIC_ASSERT (G_N_ELEMENTS (status_names) == DOSSIER_ANNOTATION_NOT_ANCHORED + 1);

  if ((status = parse_command_line (command, entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    {
      g_printerr ("dossier-cli import-annotations: give one file of annotations\n");
      return EXIT_USAGE;
    }
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  results = dossier_store_import_annotations (store, argv[1], &error);
  if (results == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }

  for (guint i = 0; i < results->len; i++)
    {
      const DossierAnnotationImport *result = g_ptr_array_index (results, i);

      counts[result->status]++;
      if (!json)
        print_result (result);
    }
  if (json)
    {
      g_autoptr(JsonNode) root = results_to_json (results);

      print_json (root);
    }
  /* The summary goes to stderr with --json, so that stdout stays one JSON document. */
  (json ? g_printerr : g_print) ("%u imported, %u duplicates, %u unmatched, %u not anchored\n",
                                 counts[DOSSIER_ANNOTATION_IMPORTED],
                                 counts[DOSSIER_ANNOTATION_DUPLICATE],
                                 counts[DOSSIER_ANNOTATION_UNMATCHED],
                                 counts[DOSSIER_ANNOTATION_NOT_ANCHORED]);
  return EXIT_OK;
}
