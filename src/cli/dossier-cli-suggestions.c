/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dossier-cli.h"

/* Reviewing what automatic extraction suggested: reextract, suggestions, confirm, reject,
 * merges, merge, merge-dismiss. */

#define ENTITY_ID "an entity id (a number from 'dossier-cli merges')"

/* reextract */

int
run_reextract (const char *workspace,
               int         argc,
               char      **argv)
{
  const Command *command = find_command ("reextract");
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  int status, exit_status = EXIT_OK;

  if ((status = parse_command_line (command, NULL, &argc, &argv)) >= 0)
    return status;
  for (int i = 1; i < argc; i++)
    {
      gint64 id;

      if (!parse_id ("reextract", argv[i], DOCUMENT_ID, &id))
        return EXIT_USAGE;
      g_array_append_val (ids, id);
    }
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  if (ids->len == 0)
    {
      g_autoptr(GPtrArray) documents = dossier_store_list_documents (store, &error);

      if (documents == NULL)
        {
          print_error (error->message);
          return EXIT_FAILED;
        }
      for (guint i = 0; i < documents->len; i++)
        {
          gint64 id = dossier_document_get_id (g_ptr_array_index (documents, i));

          g_array_append_val (ids, id);
        }
    }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      DossierExtractionCounts counts;

      if (!dossier_store_reextract (store, id, &counts, &error))
        {
          print_error (error->message);
          g_clear_error (&error);
          exit_status = EXIT_FAILED;
          continue;
        }
      g_print ("document %" G_GINT64_FORMAT ": %u entities; %u mentions, %u dates and %u quotes "
               "suggested\n", id, counts.entities, counts.mentions, counts.events,
               counts.quotes);
    }
  return exit_status;
}

/* suggestions */

static void
print_suggestion (const DossierSuggestion *s)
{
  g_autofree char *handle = g_strdup_printf ("%s:%" G_GINT64_FORMAT,
                                             dossier_suggestion_kind_to_string (s->kind), s->id);
  g_autofree char *review = s->review == DOSSIER_REVIEW_SUGGESTED
                              ? g_strdup ("")
                              : g_strdup_printf ("  [%s]", dossier_review_to_string (s->review));
  g_autofree char *text = cli_escape (s->text);
  g_autofree char *label = cli_escape (s->label ? s->label : "(no speaker)");
  g_autofree char *detail = cli_escape (s->detail);

  switch (s->kind)
    {
    case DOSSIER_SUGGESTION_ENTITY:
      g_print ("%-14s doc %" G_GINT64_FORMAT " %6u  %s → %s (%s)%s\n", handle, s->document_id,
               s->start, text, label, detail, review);
      break;
    case DOSSIER_SUGGESTION_DATE:
      g_print ("%-14s doc %" G_GINT64_FORMAT " %6u  %s → %s%s\n", handle, s->document_id,
               s->start, text, label, review);
      break;
    case DOSSIER_SUGGESTION_QUOTE:
    default:
      g_print ("%-14s doc %" G_GINT64_FORMAT " %6u  “%s” — %s%s%s%s\n", handle, s->document_id,
               s->start, text, label, s->detail ? " via " : "", detail, review);
      break;
    }
}

int
run_suggestions (const char *workspace,
                 int         argc,
                 char      **argv)
{
  const Command *command = find_command ("suggestions");
  gboolean json = FALSE, all = FALSE;
  char *document = NULL;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_STRING, &document, "Only this document's", "ID" },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, "Also those already confirmed or rejected",
      NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON array", NULL },
    { NULL }
  };
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 document_id = 0;
  int status;

  status = parse_command_line (command, entries, &argc, &argv);
  if (status < 0 && !check_no_arguments ("suggestions", argc, argv))
    status = EXIT_USAGE;
  if (status < 0 && document != NULL && !parse_id ("suggestions", document, DOCUMENT_ID,
                                                    &document_id))
    status = EXIT_USAGE;
  g_free (document);
  if (status >= 0)
    return status;
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  if ((list = dossier_store_list_suggestions (store, document_id, all, &error)) == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < list->len; i++)
        {
          const DossierSuggestion *s = g_ptr_array_index (list, i);
          const char *kind = dossier_suggestion_kind_to_string (s->kind);

          json_builder_begin_object (builder);
          add_string_member (builder, "kind", kind);
          add_int_member (builder, "id", s->id);
          add_int_member (builder, "document", s->document_id);
          add_int_member (builder, "start", s->start);
          add_int_member (builder, "end", s->end);
          add_string_member (builder, "text", s->text);
          switch (s->kind)
            {
            case DOSSIER_SUGGESTION_ENTITY:
              add_string_member (builder, "entity", s->label);
              add_string_member (builder, "entity_kind", s->detail);
              break;
            case DOSSIER_SUGGESTION_DATE:
              add_string_member (builder, "value", s->label);
              add_string_member (builder, "precision", s->detail);
              break;
            case DOSSIER_SUGGESTION_QUOTE:
            default:
              add_string_member (builder, "speaker", s->label);
              add_string_member (builder, "outlet", s->detail);
              break;
            }
          add_string_member (builder, "review", dossier_review_to_string (s->review));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return EXIT_OK;
    }

  for (guint i = 0; i < list->len; i++)
    print_suggestion (g_ptr_array_index (list, i));
  if (list->len == 0)
    g_printerr ("No %ssuggestions\n", all ? "" : "pending ");
  return EXIT_OK;
}

/* confirm, reject */

/* "quote:12" → DOSSIER_SUGGESTION_QUOTE, 12. */
static gboolean
parse_handle (const char            *command,
              const char            *text,
              DossierSuggestionKind *kind,
              gint64                *id)
{
  const char *colon = strchr (text, ':');
  g_autofree char *name = colon ? g_strndup (text, (gsize) (colon - text)) : NULL;

  if (name == NULL || !dossier_suggestion_kind_from_string (name, kind))
    {
      g_autofree char *shown = cli_escape (text);

      g_printerr ("dossier-cli %s: “%s” is not a suggestion: write KIND:ID with KIND entity, "
                  "date or quote, as 'dossier-cli suggestions' lists them\n", command, shown);
      return FALSE;
    }
  return parse_id (command, colon + 1, "a suggestion id (from 'dossier-cli suggestions')", id);
}

static int
review_all (const char    *name,
            DossierReview  review,
            const char    *done,
            const char    *workspace,
            int            argc,
            char         **argv)
{
  const Command *command = find_command (name);
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (DossierSuggestionKind));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int status, exit_status = EXIT_OK;

  if ((status = parse_command_line (command, NULL, &argc, &argv)) >= 0)
    return status;
  if (argc < 2)
    {
      g_printerr ("dossier-cli %s: give one or more suggestions as KIND:ID\n", name);
      return EXIT_USAGE;
    }
  for (int i = 1; i < argc; i++)
    {
      DossierSuggestionKind kind;
      gint64 id;

      if (!parse_handle (name, argv[i], &kind, &id))
        return EXIT_USAGE;
      g_array_append_val (kinds, kind);
      g_array_append_val (ids, id);
    }
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      DossierSuggestionKind kind = g_array_index (kinds, DossierSuggestionKind, i);
      gint64 id = g_array_index (ids, gint64, i);

      if (!dossier_store_review_suggestion (store, kind, id, review, &error))
        {
          print_error (error->message);
          exit_status = EXIT_FAILED;
          continue;
        }
      g_print ("%s %s:%" G_GINT64_FORMAT "\n", done, dossier_suggestion_kind_to_string (kind),
               id);
    }
  return exit_status;
}

int
run_confirm (const char *workspace,
             int         argc,
             char      **argv)
{
  return review_all ("confirm", DOSSIER_REVIEW_CONFIRMED, "confirmed", workspace, argc, argv);
}

int
run_reject (const char *workspace,
            int         argc,
            char      **argv)
{
  return review_all ("reject", DOSSIER_REVIEW_REJECTED, "rejected", workspace, argc, argv);
}

/* merges, merge, merge-dismiss */

int
run_merges (const char *workspace,
            int         argc,
            char      **argv)
{
  const Command *command = find_command ("merges");
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON array", NULL },
    { NULL }
  };
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = parse_command_line (command, entries, &argc, &argv)) >= 0)
    return status;
  if (!check_no_arguments ("merges", argc, argv))
    return EXIT_USAGE;
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  if ((proposals = dossier_store_list_merge_proposals (store, &error)) == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < proposals->len; i++)
        {
          const DossierMergeProposal *p = g_ptr_array_index (proposals, i);

          json_builder_begin_object (builder);
          add_int_member (builder, "id", p->entity_id);
          add_string_member (builder, "name", p->name);
          add_int_member (builder, "other_id", p->other_id);
          add_string_member (builder, "other_name", p->other_name);
          add_string_member (builder, "kind", dossier_entity_kind_to_string (p->kind));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return EXIT_OK;
    }
  for (guint i = 0; i < proposals->len; i++)
    {
      const DossierMergeProposal *p = g_ptr_array_index (proposals, i);
      g_autofree char *name = cli_escape (p->name);
      g_autofree char *other_name = cli_escape (p->other_name);

      g_print ("%" G_GINT64_FORMAT " %s  ←  %" G_GINT64_FORMAT " %s  (%s)\n", p->entity_id,
               name, p->other_id, other_name, dossier_entity_kind_to_string (p->kind));
    }
  if (proposals->len == 0)
    g_printerr ("No merges to propose\n");
  return EXIT_OK;
}

static int
run_pair (const char  *name,
          gboolean   (*apply) (DossierStore *, gint64, gint64, GError **),
          const char  *done,
          const char  *workspace,
          int          argc,
          char       **argv)
{
  const Command *command = find_command (name);
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first, second;
  int status;

  if ((status = parse_command_line (command, NULL, &argc, &argv)) >= 0)
    return status;
  if (argc != 3)
    {
      g_printerr ("dossier-cli %s: give two entity ids\n", name);
      return EXIT_USAGE;
    }
  if (!parse_id (name, argv[1], ENTITY_ID, &first) || !parse_id (name, argv[2], ENTITY_ID,
                                                                 &second))
    return EXIT_USAGE;
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  if (!apply (store, first, second, &error))
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  g_print ("%s %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT "\n", done, first, second);
  return EXIT_OK;
}

int
run_merge (const char *workspace,
           int         argc,
           char      **argv)
{
  return run_pair ("merge", dossier_store_merge_entities, "merged", workspace, argc, argv);
}

int
run_merge_dismiss (const char *workspace,
                   int         argc,
                   char      **argv)
{
  return run_pair ("merge-dismiss", dossier_store_dismiss_merge, "no longer proposed to merge",
                   workspace, argc, argv);
}
