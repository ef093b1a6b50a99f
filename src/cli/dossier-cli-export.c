/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-cli"

#include "dossier-cli.h"
#include "dossier-export.h"

/* The export command: the analyst's annotations with their provenance, as a file. */

int
run_export (const char *workspace,
            int         argc,
            char      **argv)
{
  const Command *command = find_command ("export");
  g_autofree char *format_name = NULL;
  g_auto(GStrv) documents = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *source = NULL;
  g_autofree char *speaker = NULL;
  g_autofree char *kind_name = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      "md, html, csv, json (W3C Web Annotation) or pdf", "FORMAT" },
    { "document", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &documents,
      "Only this document's annotations (repeat for several)", "ID" },
    { "tag", 't', 0, G_OPTION_ARG_STRING, &tag, "Only annotations with this tag", "T" },
    { "source", 's', 0, G_OPTION_ARG_STRING, &source,
      "Only annotations carried by this source (name or alias)", "S" },
    { "speaker", 0, 0, G_OPTION_ARG_STRING, &speaker,
      "Only annotations of this speaker (name or alias)", "NAME" },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_name,
      "Only this kind: highlight, quote, claim or note", "K" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      "Only documents published from DATE on (2024, 2024-05 or 2024-05-19)", "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      "Only documents published up to DATE (its last day)", "DATE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the export to FILE", "FILE" },
    { NULL }
  };
  DossierExportFilter filter = DOSSIER_EXPORT_FILTER_INIT;
  DossierExportFormat format;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  guint n_annotations = 0;
  int status;

  if ((status = parse_command_line (command, entries, &argc, &argv)) >= 0)
    return status;
  if (!check_no_arguments ("export", argc, argv))
    return EXIT_USAGE;
  if (format_name == NULL || output == NULL)
    {
      g_printerr ("dossier-cli export: %s is required\n",
                  format_name == NULL ? "--format" : "-o FILE");
      g_printerr ("Try 'dossier-cli export --help'.\n");
      return EXIT_USAGE;
    }
  if (!dossier_export_format_from_string (format_name, &format))
    {
      g_autofree char *shown = cli_escape (format_name);

      g_printerr ("dossier-cli export: unknown format “%s” (md, html, csv, json or pdf)\n",
                  shown);
      return EXIT_USAGE;
    }
  if (kind_name != NULL)
    {
      DossierAnnotationKind kind;

      if (!dossier_annotation_kind_from_string (kind_name, &kind))
        {
          g_autofree char *shown = cli_escape (kind_name);

          g_printerr ("dossier-cli export: unknown kind “%s” (highlight, quote, claim or "
                      "note)\n", shown);
          return EXIT_USAGE;
        }
      filter.kind = (int) kind;
    }
  for (guint i = 0; documents != NULL && documents[i] != NULL; i++)
    {
      gint64 id;

      if (!parse_id ("export", documents[i], DOCUMENT_ID, &id))
        return EXIT_USAGE;
      g_array_append_val (ids, id);
    }
  filter.document_ids = (const gint64 *) (gpointer) ids->data;
  filter.n_document_ids = ids->len;
  filter.tag = tag;
  filter.source = source;
  filter.speaker = speaker;
  filter.from = from;
  filter.to = to;

  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  file = g_file_new_for_commandline_arg (output);
  if (!dossier_export_to_file (store, &filter, format, file, &n_annotations, NULL, &error))
    {
      g_autofree char *message = cli_escape (error->message);

      g_printerr ("dossier-cli export: %s\n", message);
      /* A malformed date is a mistake on the command line; the rest is about the workspace
       * or the destination. */
      return g_error_matches (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID)
               ? EXIT_USAGE : EXIT_FAILED;
    }
  {
    g_autofree char *shown = cli_escape (output);

    g_print ("Exported %u annotation%s to %s\n", n_annotations, n_annotations == 1 ? "" : "s",
             shown);
  }
  if (n_annotations == 0)
    g_printerr ("dossier-cli export: no confirmed annotation matches%s\n",
                filter.n_document_ids || tag || source || speaker || kind_name || from || to
                  ? " the filter" : "; the workspace has none yet");
  return EXIT_OK;
}
