/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-cli"

#include <string.h>

#include "dossier-cli.h"

/* The entity list and the timeline: entities, entity-merge, entity-rename, timeline. */

#define ENTITY_ARG "an entity (an id from 'dossier-cli entities', or a name)"

static void
add_strv (JsonBuilder        *builder,
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

/* The entity @text stands for: a number is an id, anything else a name or alias.  Says why
 * when there is none (or several) and returns 0. */
static gint64
resolve_entity_arg (DossierStore *store,
                    const char   *command,
                    const char   *text)
{
  g_autoptr(GError) error = NULL;
  guint64 value = 0;
  gint64 id;

  if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_autoptr(DossierEntity) entity = dossier_store_get_entity (store, (gint64) value, &error);

      if (entity == NULL)
        {
          g_autofree char *message = cli_escape (error->message);

          g_printerr ("dossier-cli %s: %s\n", command, message);
          return 0;
        }
      return entity->id;
    }
  id = dossier_store_find_entity (store, text, -1, &error);
  if (id == 0)
    {
      g_autofree char *message = cli_escape (error->message);

      g_printerr ("dossier-cli %s: %s\n", command, message);
    }
  return id;
}

/* entities */

static const char *
kind_heading (DossierEntityKind kind)
{
  switch (kind)
    {
    case DOSSIER_ENTITY_PERSON:
      return "People";
    case DOSSIER_ENTITY_ORGANIZATION:
      return "Organizations";
    case DOSSIER_ENTITY_PLACE:
      return "Places";
    case DOSSIER_ENTITY_OUTLET:
    default:
      return "Outlets";
    }
}

static void
print_entity (const DossierEntityStats *e)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_printf (line, "%6" G_GINT64_FORMAT "  ", e->id);
  cli_append_escaped (line, e->name, -1, FALSE);
  g_string_append_printf (line, "  (%u mention%s in %u document%s",
                          e->mentions, e->mentions == 1 ? "" : "s",
                          e->documents, e->documents == 1 ? "" : "s");
  if (e->quotes > 0)
    g_string_append_printf (line, "; %u quote%s", e->quotes, e->quotes == 1 ? "" : "s");
  g_string_append_c (line, ')');
  if (e->aliases[0] != NULL)
    {
      g_autofree char *aliases = g_strjoinv (", ", e->aliases);

      g_string_append (line, "  also ");
      cli_append_escaped (line, aliases, -1, FALSE);
    }
  g_print ("%s\n", line->str);
}

int
run_entities (const char *workspace,
              int         argc,
              char      **argv)
{
  const Command *command = find_command ("entities");
  gboolean json = FALSE;
  g_autofree char *kind_name = NULL;
  g_autofree char *filter = NULL;
  GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_name,
      "Only entities of KIND: person, organization, place or outlet", "KIND" },
    { "filter", 'f', 0, G_OPTION_ARG_STRING, &filter,
      "Only entities whose name or an alias contains TEXT, ignoring case", "TEXT" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON array", NULL },
    { NULL }
  };
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  DossierEntityKind kind = DOSSIER_ENTITY_PERSON;
  int status;

  if ((status = parse_command_line (command, entries, &argc, &argv)) >= 0)
    return status;
  if (!check_no_arguments ("entities", argc, argv))
    return EXIT_USAGE;
  if (kind_name != NULL && !dossier_entity_kind_from_string (kind_name, &kind))
    {
      g_autofree char *shown = cli_escape (kind_name);

      g_printerr ("dossier-cli entities: unknown kind “%s” (person, organization, place or "
                  "outlet)\n", shown);
      return EXIT_USAGE;
    }
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  list = dossier_store_list_entity_stats (store, 0, filter, kind_name != NULL ? (int) kind : -1,
                                          &error);
  if (list == NULL)
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
          const DossierEntityStats *e = g_ptr_array_index (list, i);

          json_builder_begin_object (builder);
          add_int_member (builder, "id", e->id);
          add_string_member (builder, "name", e->name);
          add_string_member (builder, "kind", dossier_entity_kind_to_string (e->kind));
          add_strv (builder, "aliases", (const char * const *) e->aliases);
          add_int_member (builder, "mentions", e->mentions);
          add_int_member (builder, "documents", e->documents);
          add_int_member (builder, "quotes", e->quotes);
          add_strv (builder, "outlets", (const char * const *) e->outlets);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return EXIT_OK;
    }

  for (guint i = 0; i < list->len; i++)
    {
      const DossierEntityStats *e = g_ptr_array_index (list, i);

      if (i == 0 || ((DossierEntityStats *) g_ptr_array_index (list, i - 1))->kind != e->kind)
        g_print ("%s%s\n", i > 0 ? "\n" : "", kind_heading (e->kind));
      print_entity (e);
    }
  if (list->len == 0)
    g_printerr ("No entities%s\n", filter != NULL || kind_name != NULL ? " match" : " yet");
  return EXIT_OK;
}

/* entity-merge */

int
run_entity_merge (const char *workspace,
                  int         argc,
                  char      **argv)
{
  const Command *command = find_command ("entity-merge");
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierEntity) keep = NULL;
  g_autoptr(DossierEntity) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 keep_id = 0, other_id = 0;
  int status;

  if ((status = parse_command_line (command, NULL, &argc, &argv)) >= 0)
    return status;
  if (argc != 3)
    {
      g_printerr ("dossier-cli entity-merge: give the entity to keep and the one to merge into "
                  "it\nTry 'dossier-cli entity-merge --help'.\n");
      return EXIT_USAGE;
    }
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  if ((keep_id = resolve_entity_arg (store, "entity-merge", argv[1])) == 0 ||
      (other_id = resolve_entity_arg (store, "entity-merge", argv[2])) == 0)
    return EXIT_FAILED;
  if ((keep = dossier_store_get_entity (store, keep_id, &error)) == NULL ||
      (other = dossier_store_get_entity (store, other_id, &error)) == NULL ||
      !dossier_store_merge_entities (store, keep_id, other_id, &error))
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  {
    g_autofree char *other_name = cli_escape (other->name);
    g_autofree char *keep_name = cli_escape (keep->name);

    g_print ("merged %" G_GINT64_FORMAT " “%s” into %" G_GINT64_FORMAT " “%s”\n", other_id,
             other_name, keep_id, keep_name);
  }
  return EXIT_OK;
}

/* entity-rename */

int
run_entity_rename (const char *workspace,
                   int         argc,
                   char      **argv)
{
  const Command *command = find_command ("entity-rename");
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierEntity) entity = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 id;
  int status;

  if ((status = parse_command_line (command, NULL, &argc, &argv)) >= 0)
    return status;
  if (argc < 3)
    {
      g_printerr ("dossier-cli entity-rename: give an entity and its new name\n"
                  "Try 'dossier-cli entity-rename --help'.\n");
      return EXIT_USAGE;
    }
  /* The name may come as one argument or as several words. */
  name = g_strjoinv (" ", argv + 2);
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  if ((id = resolve_entity_arg (store, "entity-rename", argv[1])) == 0)
    return EXIT_FAILED;
  if ((entity = dossier_store_get_entity (store, id, &error)) == NULL ||
      !dossier_store_rename_entity (store, id, name, &error))
    {
      print_error (error->message);
      if (g_error_matches (error, DOSSIER_ERROR, DOSSIER_ERROR_DUPLICATE))
        g_printerr ("Merge them with 'dossier-cli entity-merge KEEP OTHER'.\n");
      return EXIT_FAILED;
    }
  g_clear_object (&entity);
  entity = dossier_store_get_entity (store, id, NULL);
  {
    g_autofree char *shown = cli_escape (entity ? entity->name : name);

    g_print ("renamed entity %" G_GINT64_FORMAT " to “%s”\n", id, shown);
  }
  return EXIT_OK;
}

/* timeline */

/* FALSE, after saying so, when @value is given and is no date. */
static gboolean
check_date_option (const char *option,
                   const char *value)
{
  g_autofree char *shown = NULL;

  if (value == NULL || dossier_date_value_span (value, NULL, NULL, NULL))
    return TRUE;
  shown = cli_escape (value);
  g_printerr ("dossier-cli timeline: %s “%s” is not a date: write 2024, 2024-05, 2024-05-19 or "
              "2024-W21\n", option, shown);
  return FALSE;
}

static void
print_event (const DossierEvent *event)
{
  g_autofree char *joined = g_strjoinv (", ", event->entities);
  g_autofree char *entities = cli_escape (joined);
  g_autofree char *spaced = g_strdelimit (g_strdup (event->sentence ? event->sentence : ""),
                                          "\n", ' ');
  g_autofree char *sentence = cli_escape (spaced);
  g_autofree char *value = cli_escape (event->value);
  g_autofree char *title = cli_escape (event->document_title);
  g_autofree char *outlet = cli_escape (event->document_outlet);
  g_autofree char *date = cli_escape (event->document_date);

  g_print ("%-12s %-5s %s%s\n", value, dossier_date_precision_to_string (event->precision),
           event->uncertain ? "(about) " : "", sentence);
  g_print ("%18s document %" G_GINT64_FORMAT " “%s”", "", event->document_id, title);
  if (event->document_outlet != NULL)
    g_print (", %s", outlet);
  if (event->document_date != NULL)
    g_print (", %s", date);
  if (*entities != '\0')
    g_print ("; %s", entities);
  g_print ("\n");
}

int
run_timeline (const char *workspace,
              int         argc,
              char      **argv)
{
  const Command *command = find_command ("timeline");
  gboolean json = FALSE;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *outlet = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *document = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      "Only events from DATE on (2024, 2024-05, 2024-05-19 or 2024-W21)", "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, "Only events up to DATE (its last day)", "DATE" },
    { "entity", 'e', 0, G_OPTION_ARG_STRING, &entity,
      "Only events whose sentence mentions NAME (a name or alias)", "NAME" },
    { "outlet", 'o', 0, G_OPTION_ARG_STRING, &outlet,
      "Only events in documents of OUTLET (an outlet, or a source by name or alias)", "OUTLET" },
    { "tag", 't', 0, G_OPTION_ARG_STRING, &tag,
      "Only events whose sentence overlaps an annotation tagged TAG", "TAG" },
    { "document", 'd', 0, G_OPTION_ARG_STRING, &document, "Only this document's", "ID" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON array", NULL },
    { NULL }
  };
  DossierEventFilter filter = DOSSIER_EVENT_FILTER_INIT;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  GDate first, last;
  int status;

  if ((status = parse_command_line (command, entries, &argc, &argv)) >= 0)
    return status;
  if (!check_no_arguments ("timeline", argc, argv) || !check_date_option ("--from", from) ||
      !check_date_option ("--to", to))
    return EXIT_USAGE;
  if (from != NULL && to != NULL && dossier_date_value_span (from, NULL, &first, NULL) &&
      dossier_date_value_span (to, NULL, NULL, &last) && g_date_compare (&first, &last) > 0)
    {
      g_printerr ("dossier-cli timeline: --from %s is after --to %s\n", from, to);
      return EXIT_USAGE;
    }
  if (document != NULL && !parse_id ("timeline", document, DOCUMENT_ID, &filter.document_id))
    return EXIT_USAGE;
  filter.from = from;
  filter.to = to;
  filter.entity = entity;
  filter.outlet = outlet;
  filter.tag = tag;
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  if ((events = dossier_store_list_timeline (store, &filter, &error)) == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < events->len; i++)
        {
          const DossierEvent *event = g_ptr_array_index (events, i);

          json_builder_begin_object (builder);
          add_int_member (builder, "id", event->id);
          add_string_member (builder, "date", event->value);
          add_string_member (builder, "precision",
                             dossier_date_precision_to_string (event->precision));
          json_builder_set_member_name (builder, "uncertain");
          json_builder_add_boolean_value (builder, event->uncertain);
          add_string_member (builder, "expression", event->expression);
          add_string_member (builder, "text", event->sentence);
          add_int_member (builder, "document", event->document_id);
          add_string_member (builder, "title", event->document_title);
          add_string_member (builder, "outlet", event->document_outlet);
          add_string_member (builder, "document_date", event->document_date);
          add_strv (builder, "entities", (const char * const *) event->entities);
          add_string_member (builder, "origin", event->analyst ? "analyst" : "auto");
          add_string_member (builder, "review", dossier_review_to_string (event->review));
          add_string_member (builder, "note", event->note);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return EXIT_OK;
    }

  for (guint i = 0; i < events->len; i++)
    print_event (g_ptr_array_index (events, i));
  if (events->len == 0)
    g_printerr ("No dated events%s\n",
                from || to || entity || outlet || tag || document ? " match" : " yet");
  return EXIT_OK;
}
