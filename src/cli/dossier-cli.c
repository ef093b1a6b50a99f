/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-cli"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dossier-cli.h"


/* Output helpers */

void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    {
      /* A file name or a title need not be UTF-8; JSON must be. */
      g_autofree char *valid = cli_json_string (value);

      json_builder_add_string_value (builder, valid);
    }
  else
    json_builder_add_null_value (builder);
}

static void
add_document_members (JsonBuilder     *builder,
                      DossierDocument *document)
{
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, dossier_document_get_id (document));
  add_string_member (builder, "title", dossier_document_get_title (document));
  add_string_member (builder, "date", dossier_document_get_published (document));
  add_string_member (builder, "precision",
                     dossier_document_get_published (document)
                       ? dossier_precision_to_string (dossier_document_get_precision (document))
                       : NULL);
  add_string_member (builder, "outlet", dossier_document_get_outlet (document));
  add_string_member (builder, "byline", dossier_document_get_byline (document));
  add_string_member (builder, "url", dossier_document_get_url (document));
  add_string_member (builder, "language", dossier_document_get_language (document));
  add_string_member (builder, "format", dossier_document_get_format (document));
  add_string_member (builder, "file", dossier_document_get_source_name (document));
  add_string_member (builder, "sha256", dossier_document_get_sha256 (document));
  add_string_member (builder, "imported_at", dossier_document_get_imported_at (document));
}

void
print_error (const char *message)
{
  g_autofree char *shown = cli_escape (message);

  g_printerr ("dossier-cli: %s\n", shown);
}

DossierStore *
open_workspace (const char *workspace)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = workspace ? g_strdup (workspace) : dossier_store_default_path ();
  DossierStore *store = dossier_store_open (path, &error);

  if (store == NULL)
    print_error (error->message);
  else if (dossier_store_get_backup_path (store) != NULL)
    {
      g_autofree char *shown = cli_escape (path);
      g_autofree char *backup = cli_escape (dossier_store_get_backup_path (store));

      g_printerr ("dossier-cli: upgraded %s; the previous version is kept in %s\n", shown,
                  backup);
    }
  return store;
}

/* Parses a command's options; prints its help for --help.  Returns -1 to go on, otherwise
 * the exit status. */
int
parse_command_line (const Command  *command,
                    GOptionEntry   *entries,
                    int            *argc,
                    char         ***argv)
{
  g_autofree char *usage = g_strdup_printf ("%s %s", command->name, command->args);
  g_autoptr(GOptionContext) context = g_option_context_new (usage);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, command->summary);
  g_option_context_set_description (context,
                                    "Global option: --workspace FILE (before the command) "
                                    "chooses the workspace; the default is "
                                    "$XDG_DATA_HOME/dossier/workspace.dossier.");
  if (entries)
    g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_autofree char *message = cli_escape (error->message);

      g_printerr ("dossier-cli %s: %s\n", command->name, message);
      g_printerr ("Try 'dossier-cli %s --help'.\n", command->name);
      return EXIT_USAGE;
    }
  return -1;
}

gboolean
parse_id (const char *command,
          const char *text,
          const char *what,
          gint64     *id)
{
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_autofree char *shown = cli_escape (text);

      g_printerr ("dossier-cli %s: “%s” is not %s\n", command, shown, what);
      return FALSE;
    }
  *id = (gint64) value;
  return TRUE;
}

/* import */

typedef struct {
  char        **args;     /* the file names as given on the command line */
  gboolean      json;
  JsonBuilder  *builder;  /* --json: the array of the files reported so far */
  guint         counts[3];
} ImportOutput;

/* Called once the file's document is committed (or it failed): only then is it reported. */
static void
import_progress_cb (guint                      done,
                    guint                      total,
                    const DossierImportResult *result,
                    gpointer                   user_data)
{
  static const char *status_names[] = { "imported", "duplicate", "failed" };
  ImportOutput *output = user_data;
  g_autofree char *arg = cli_escape (output->args[done - 1]);
  const char *reason = result->message;
  g_autofree char *shown_reason = NULL;
  g_autofree char *title = cli_escape (result->title);

  output->counts[result->status]++;
  /* Messages name the file by its base name; say it as given on the command line. */
  if (reason != NULL && g_str_has_prefix (reason, result->name) &&
      reason[strlen (result->name)] == ':')
    reason += strlen (result->name) + 2;
  shown_reason = cli_escape (reason);

  if (result->status == DOSSIER_IMPORT_FAILED)
    g_printerr ("dossier-cli: %s: %s\n", arg, shown_reason);
  if (output->json)
    {
      JsonBuilder *builder = output->builder;

      json_builder_begin_object (builder);
      add_string_member (builder, "file", output->args[done - 1]);
      add_string_member (builder, "status", status_names[result->status]);
      json_builder_set_member_name (builder, "id");
      if (result->id != 0)
        json_builder_add_int_value (builder, result->id);
      else
        json_builder_add_null_value (builder);
      add_string_member (builder, "title", result->title);
      add_string_member (builder, "error", result->status == DOSSIER_IMPORT_FAILED
                                             ? result->message : NULL);
      json_builder_set_member_name (builder, "truncated");
      json_builder_add_boolean_value (builder, result->truncated);
      json_builder_end_object (builder);
    }
  else if (result->status == DOSSIER_IMPORT_DUPLICATE)
    g_print ("%s: skipped, %s\n", arg, shown_reason);
  else if (result->status == DOSSIER_IMPORT_IMPORTED)
    g_print ("%s: imported as document %" G_GINT64_FORMAT " “%s”%s\n", arg, result->id,
             title, result->truncated ? " (part of the page was dropped)" : "");
  /* Out at once, not when a pipe's buffer fills: the line says the document is stored. */
  fflush (stdout);
}

/*
 * Ctrl+C and SIGTERM stop an import between files: what was written is committed and
 * reported, then the command exits.  The signals are taken by a thread of their own with
 * sigwait() (blocked everywhere else), so cancelling is not done from a signal handler.  A
 * second signal ends the process at once; the workspace is safe from that too (every commit
 * is whole, and nothing uncommitted was reported).
 */
typedef struct {
  GCancellable *cancellable;
  sigset_t      signals;
  int           received;
} Interrupt;

static gpointer
interrupt_thread (gpointer data)
{
  Interrupt *interrupt = data;

  for (;;)
    {
      int signo = 0;

      if (sigwait (&interrupt->signals, &signo) != 0)
        continue;
      if (g_atomic_int_get (&interrupt->received) != 0)
        _exit (128 + signo);
      g_atomic_int_set (&interrupt->received, signo);
      g_cancellable_cancel (interrupt->cancellable);
    }
  return NULL;
}

static void
catch_interrupts (Interrupt *interrupt)
{
  interrupt->cancellable = g_cancellable_new ();
  sigemptyset (&interrupt->signals);
  sigaddset (&interrupt->signals, SIGINT);
  sigaddset (&interrupt->signals, SIGTERM);
  sigaddset (&interrupt->signals, SIGHUP);
  /* Before any other thread starts, so that they all inherit the mask. */
  pthread_sigmask (SIG_BLOCK, &interrupt->signals, NULL);
  /* Lives as long as the process, like the signals it waits for. */
  g_thread_unref (g_thread_new ("dossier-interrupt", interrupt_thread, interrupt));
}

static int
run_import (const char *workspace,
            int         argc,
            char      **argv)
{
  const Command *command = find_command ("import");
  gboolean json = FALSE;
  char *format_name = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the results as a JSON array", NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      "Treat every file as FORMAT: auto (the default), text or html", "FORMAT" },
    { NULL }
  };
  /* Static: the interrupt thread may outlive this function. */
  static Interrupt interrupt;
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *format_owned = NULL;
  DossierFormat format = DOSSIER_FORMAT_AUTO;
  ImportOutput output = { NULL, };
  guint reported, signo;
  int status;

  if ((status = parse_command_line (command, entries, &argc, &argv)) >= 0)
    return status;
  format_owned = format_name;
  if (format_name == NULL || g_str_equal (format_name, "auto"))
    format = DOSSIER_FORMAT_AUTO;
  else if (g_str_equal (format_name, "text"))
    format = DOSSIER_FORMAT_TEXT;
  else if (g_str_equal (format_name, "html"))
    format = DOSSIER_FORMAT_HTML;
  else
    {
      g_autofree char *shown = cli_escape (format_name);

      g_printerr ("dossier-cli import: unknown format “%s” (auto, text or html)\n", shown);
      return EXIT_USAGE;
    }
  if (argc < 2)
    {
      g_printerr ("dossier-cli import: no files given\nTry 'dossier-cli import --help'.\n");
      return EXIT_USAGE;
    }
  catch_interrupts (&interrupt);
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;

  for (int i = 1; i < argc; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (argv[i]));
  output.args = argv + 1;
  output.json = json;
  if (json)
    {
      output.builder = builder = json_builder_new ();
      json_builder_begin_array (builder);
    }
  results = dossier_import_files (store, (GFile **) files->pdata, files->len, format,
                                  import_progress_cb, &output, interrupt.cancellable, &error);
  if (results == NULL)
    print_error (error->message);

  if (json)
    {
      g_autoptr(JsonNode) root = NULL;

      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  reported = output.counts[0] + output.counts[1] + output.counts[2];
  g_printerr ("%u imported, %u already in the workspace, %u failed",
              output.counts[DOSSIER_IMPORT_IMPORTED], output.counts[DOSSIER_IMPORT_DUPLICATE],
              output.counts[DOSSIER_IMPORT_FAILED]);
  if (reported < files->len)
    g_printerr (", %u not imported (stopped before them)", files->len - reported);
  g_printerr ("\n");
  signo = (guint) g_atomic_int_get (&interrupt.received);
  if (signo != 0)
    return 128 + (int) signo;
  return results == NULL || output.counts[DOSSIER_IMPORT_FAILED] ? EXIT_FAILED : EXIT_OK;
}

/* list */

static int
run_list (const char *workspace,
          int         argc,
          char      **argv)
{
  const Command *command = find_command ("list");
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON array", NULL },
    { NULL }
  };
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = parse_command_line (command, entries, &argc, &argv)) >= 0)
    return status;
  if (argc > 1)
    {
      g_autofree char *shown = cli_escape (argv[1]);

      g_printerr ("dossier-cli list: unexpected argument “%s”\n", shown);
      return EXIT_USAGE;
    }
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  if ((documents = dossier_store_list_documents (store, &error)) == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < documents->len; i++)
        {
          json_builder_begin_object (builder);
          add_document_members (builder, g_ptr_array_index (documents, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return EXIT_OK;
    }

  for (guint i = 0; i < documents->len; i++)
    {
      DossierDocument *document = g_ptr_array_index (documents, i);
      const char *date = dossier_document_get_published (document);
      g_autofree char *day = cli_column (date ? date : "", 10);
      g_autofree char *outlet = cli_column (dossier_document_get_outlet (document), 24);
      g_autofree char *title = cli_escape (dossier_document_get_title (document));

      g_print ("%6" G_GINT64_FORMAT "  %s  %s  %s\n", dossier_document_get_id (document), day,
               outlet, title);
    }
  if (documents->len == 0)
    g_printerr ("No documents yet: add some with 'dossier-cli import FILE…'\n");
  return EXIT_OK;
}

/* show */

static int
run_show (const char *workspace,
          int         argc,
          char      **argv)
{
  const Command *command = find_command ("show");
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a JSON object with the text and regions",
      NULL },
    { NULL }
  };
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  if ((status = parse_command_line (command, entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    {
      g_printerr ("dossier-cli show: give one document id\nTry 'dossier-cli show --help'.\n");
      return EXIT_USAGE;
    }
  if (!parse_id ("show", argv[1], DOCUMENT_ID, &id))
    return EXIT_USAGE;
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  if ((document = dossier_store_get_document (store, id, &error)) == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      GArray *regions = dossier_document_get_regions (document);

      json_builder_begin_object (builder);
      add_document_members (builder, document);
      add_string_member (builder, "text", dossier_document_get_text (document));
      json_builder_set_member_name (builder, "regions");
      json_builder_begin_array (builder);
      for (guint i = 0; regions && i < regions->len; i++)
        {
          const DossierRegion *region = &g_array_index (regions, DossierRegion, i);

          json_builder_begin_object (builder);
          add_string_member (builder, "kind", dossier_region_kind_to_string (region->kind));
          json_builder_set_member_name (builder, "start");
          json_builder_add_int_value (builder, region->start);
          json_builder_set_member_name (builder, "end");
          json_builder_add_int_value (builder, region->end);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return EXIT_OK;
    }

  {
    const struct { const char *label; const char *value; } fields[] = {
      { "Title", dossier_document_get_title (document) },
      { "Outlet", dossier_document_get_outlet (document) },
      { "Byline", dossier_document_get_byline (document) },
      { "Date", dossier_document_get_published (document) },
      { "URL", dossier_document_get_url (document) },
      { "File", dossier_document_get_source_name (document) },
      { "Imported", dossier_document_get_imported_at (document) },
    };

    g_autofree char *text = cli_escape_lines (dossier_document_get_text (document));

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      if (fields[i].value != NULL)
        {
          g_autofree char *value = cli_escape (fields[i].value);

          g_print ("%-9s %s\n", fields[i].label, value);
        }
    g_print ("\n%s\n", text);
  }
  return EXIT_OK;
}

/* search */

static char *
mark_snippet (const DossierSearchHit *hit,
              gboolean                tty)
{
  GString *out = g_string_new (NULL);
  const char *open = tty ? "\033[1m" : "«";
  const char *close = tty ? "\033[0m" : "»";
  guint next = 0, n = 0;

  for (const char *p = hit->snippet; *p; p = g_utf8_next_char (p), n++)
    {
      while (next < hit->highlights->len && g_array_index (hit->highlights, guint, next) == n)
        {
          g_string_append (out, next % 2 == 0 ? open : close);
          next++;
        }
      /* Escaped one character at a time, since the highlights count characters of the
       * snippet as it is; only our own bold sequences reach the terminal. */
      cli_append_escaped (out, p, g_utf8_next_char (p) - p, FALSE);
    }
  for (; next < hit->highlights->len; next++)
    g_string_append (out, next % 2 == 0 ? open : close);
  return g_string_free (out, FALSE);
}

static int
run_search (const char *workspace,
            int         argc,
            char      **argv)
{
  const Command *command = find_command ("search");
  gboolean json = FALSE;
  int limit = 20;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print a ranked JSON array", NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, "Show at most N results (default 20)", "N" },
    { NULL }
  };
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  int status;

  if ((status = parse_command_line (command, entries, &argc, &argv)) >= 0)
    return status;
  if (argc < 2)
    {
      g_printerr ("dossier-cli search: no query given\nTry 'dossier-cli search --help'.\n");
      return EXIT_USAGE;
    }
  if (limit < 1)
    {
      g_printerr ("dossier-cli search: --limit must be at least 1\n");
      return EXIT_USAGE;
    }
  query = g_strjoinv (" ", argv + 1);
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  if ((hits = dossier_store_search (store, query, (guint) limit, &error)) == NULL)
    {
      print_error (error->message);
      return EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < hits->len; i++)
        {
          DossierSearchHit *hit = g_ptr_array_index (hits, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, hit->id);
          add_string_member (builder, "title", hit->title);
          add_string_member (builder, "snippet", hit->snippet);
          json_builder_set_member_name (builder, "highlights");
          json_builder_begin_array (builder);
          for (guint j = 0; j + 1 < hit->highlights->len; j += 2)
            {
              json_builder_begin_array (builder);
              json_builder_add_int_value (builder, g_array_index (hit->highlights, guint, j));
              json_builder_add_int_value (builder, g_array_index (hit->highlights, guint, j + 1));
              json_builder_end_array (builder);
            }
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "rank");
          json_builder_add_double_value (builder, hit->rank);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return EXIT_OK;
    }

  for (guint i = 0; i < hits->len; i++)
    {
      DossierSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *marked = mark_snippet (hit, isatty (STDOUT_FILENO));
      g_autofree char *title = cli_escape (hit->title);

      g_print ("%6" G_GINT64_FORMAT "  %s\n        %s\n", hit->id, title, marked);
    }
  if (hits->len == 0)
    {
      g_autofree char *shown = cli_escape (query);

      g_printerr ("No matches for “%s”\n", shown);
    }
  return EXIT_OK;
}

/* remove */

static int
run_remove (const char *workspace,
            int         argc,
            char      **argv)
{
  const Command *command = find_command ("remove");
  g_autoptr(DossierStore) store = NULL;
  g_autoptr(DossierDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  if ((status = parse_command_line (command, NULL, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    {
      g_printerr ("dossier-cli remove: give one document id\n"
                  "Try 'dossier-cli remove --help'.\n");
      return EXIT_USAGE;
    }
  if (!parse_id ("remove", argv[1], DOCUMENT_ID, &id))
    return EXIT_USAGE;
  if ((store = open_workspace (workspace)) == NULL)
    return EXIT_FAILED;
  if ((document = dossier_store_get_document (store, id, &error)) == NULL ||
      !dossier_store_remove_document (store, id, &error))
    {
      print_error (error->message);
      return EXIT_FAILED;
    }
  {
    g_autofree char *title = cli_escape (dossier_document_get_title (document));

    g_print ("removed document %" G_GINT64_FORMAT " “%s”\n", id, title);
  }
  return EXIT_OK;
}

/* Dispatch */

static const Command commands[] = {
  { "import", "FILE…", "Import articles (plain text or HTML) into the workspace. One line per "
    "file; a file that fails is reported with the reason and the others still import.",
    run_import },
  { "list", "", "List the documents of the workspace, newest first.", run_list },
  { "show", "ID", "Show a document's metadata and text.", run_show },
  { "search", "QUERY…", "Full-text search over titles and texts, best match first. Words must "
    "all match; use \"quoted phrases\" and word* prefixes.", run_search },
  { "remove", "ID", "Remove a document from the workspace.", run_remove },
  { "update", "ID FILE", "Replace a document's text with a new version of the article and "
    "re-anchor its annotations: what cannot be placed becomes an orphan, never lost.",
    run_update },
  { "annotate", "ID", "Annotate the passage --start N --end N of a document as a highlight, "
    "quote, claim or note, with its speaker, source, cue, credibility, tags and note.",
    run_annotate },
  { "annotations", "", "List annotations in document and text order, optionally filtered.",
    run_annotations },
  { "annotation-remove", "ID", "Delete an annotation.", run_annotation_remove },
  { "sources", "", "List the sources (outlets and platforms) with their reliability grades.",
    run_sources },
  { "source-grade", "NAME GRADE", "Grade a source's reliability A (completely reliable) to F "
    "(cannot be judged); \"none\" clears it.", run_source_grade },
  { "tags", "", "List the tags with how many annotations carry each.", run_tags },
  { "tag-rename", "OLD NEW", "Rename a tag everywhere; renaming onto an existing tag merges "
    "the two.", run_tag_rename },
  { "tag-delete", "NAME", "Remove a tag from every annotation.", run_tag_delete },
  { "extract", "FILE", "Run the extractors over an article file (plain text or HTML) and "
    "print its entities, dates and quotes; needs no workspace.", run_extract },
  { "reextract", "[ID…]", "Run the extractors again over documents (all without ids): their "
    "pending suggestions are replaced; what was confirmed or rejected stays.", run_reextract },
  { "suggestions", "", "List extraction's pending suggestions (entity mentions, dates, "
    "quotes) with the ids to confirm or reject them.", run_suggestions },
  { "confirm", "KIND:ID…", "Confirm suggestions, e.g. quote:12 entity:40 date:7.", run_confirm },
  { "reject", "KIND:ID…", "Reject suggestions: they are hidden and not proposed again.",
    run_reject },
  { "merges", "", "List proposed merges: entities whose names are spelling variants of each "
    "other (Araghchi / Araqchi).", run_merges },
  { "merge", "KEEP OTHER", "Merge entity OTHER into KEEP: its names become aliases, its "
    "mentions and quotes move over.", run_merge },
  { "merge-dismiss", "ID ID", "Mark two entities as different: no longer proposed for a merge.",
    run_merge_dismiss },
  { "entities", "", "List the entities by kind, most mentioned first. People, organizations, "
    "places and outlets, with their aliases and how often they are mentioned.", run_entities },
  { "entity-merge", "KEEP OTHER", "Merge entity OTHER into KEEP (ids or names), as 'merge' does.",
    run_entity_merge },
  { "entity-rename", "ID NAME", "Rename an entity; its old name stays as an alias.",
    run_entity_rename },
  { "timeline", "", "List the dated events in date order. Filter them by dates, an entity, an "
    "outlet or a tag.", run_timeline },
  { "export", "--format FORMAT -o FILE", "Export the confirmed annotations with their "
    "provenance as Markdown, an HTML report, CSV, W3C Web Annotation JSON or PDF; filter them "
    "by document, tag, source, speaker, kind and publication date.", run_export },
  { "import-annotations", "FILE", "Import annotations from Dossier's JSON export or "
    "Hypothesis' JSON: each is matched to a document by URL, content hash or quote and "
    "re-anchored; those matching no document are reported as orphans.",
    run_import_annotations },
};

const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage: dossier-cli [--workspace FILE] COMMAND [OPTION…]\n\n"
           "Dossier's workspace from the shell.\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      /* Padded by characters, not bytes: "FILE…" has a three-byte ellipsis. */
      int pad = 11 - (int) g_utf8_strlen (commands[i].args, -1);

      fprintf (out, "  %-18s %s%*s %.*s\n", commands[i].name, commands[i].args, MAX (pad, 0), "",
               (int) strcspn (commands[i].summary, ".:;"), commands[i].summary);
    }
  fprintf (out,
           "\nOptions:\n"
           "  --workspace FILE  the workspace to use (default "
           "$XDG_DATA_HOME/dossier/workspace.dossier)\n"
           "  --version         print the version\n"
           "  -h, --help        this help; 'dossier-cli COMMAND --help' for a command\n");
}

int
main (int    argc,
      char **argv)
{
  const char *workspace = NULL;
  const Command *command;
  int i = 1;

  setlocale (LC_ALL, "");

  while (i < argc && argv[i][0] == '-')
    {
      if (g_str_equal (argv[i], "--workspace") || g_str_equal (argv[i], "-w"))
        {
          if (i + 1 >= argc)
            {
              g_printerr ("dossier-cli: --workspace needs a file name\n");
              return EXIT_USAGE;
            }
          workspace = argv[i + 1];
          i += 2;
        }
      else if (g_str_has_prefix (argv[i], "--workspace="))
        {
          workspace = argv[i] + strlen ("--workspace=");
          i++;
        }
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("dossier-cli %s\n", DOSSIER_VERSION);
          return EXIT_OK;
        }
      else
        {
          g_autofree char *shown = cli_escape (argv[i]);

          g_printerr ("dossier-cli: unknown option “%s”\n", shown);
          print_usage (stderr);
          return EXIT_USAGE;
        }
    }

  if (i >= argc)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  if (g_str_equal (argv[i], "help"))
    {
      if (i + 1 < argc && (command = find_command (argv[i + 1])) != NULL)
        {
          char *help_argv[] = { (char *) command->name, (char *) "--help", NULL };
          return command->run (workspace, 2, help_argv);
        }
      print_usage (stdout);
      return EXIT_OK;
    }
  command = find_command (argv[i]);
  if (command == NULL)
    {
      g_autofree char *shown = cli_escape (argv[i]);

      g_printerr ("dossier-cli: unknown command “%s”\n", shown);
      print_usage (stderr);
      return EXIT_USAGE;
    }
  return command->run (workspace, argc - i, argv + i);
}
