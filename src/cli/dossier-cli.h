/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "dossier-core.h"

G_BEGIN_DECLS

/* Exit statuses: 0 when everything asked for was done, 1 when anything failed, 2 when the
 * command line itself was wrong. */
enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

typedef struct {
  const char *name;
  const char *args;
  const char *summary;
  int       (*run) (const char *workspace, int argc, char **argv);
} Command;

const Command *find_command       (const char     *name);

/* Printing text from data (dossier-cli-output.c): names, titles, outlets, quotes and error
 * messages that quote them. */

/* @text (NULL: "") on one line with every control character, byte that is not UTF-8 and
 * bidirectional control as a visible escape (\n, \x1b, \xff, \u202e; \\ for a
 * backslash).  @keep_lines keeps line breaks and tabs as they are (a document's text). */
void          cli_append_escaped  (GString        *out,
                                   const char     *text,
                                   gssize          length,
                                   gboolean        keep_lines);
char         *cli_escape          (const char     *text);
char         *cli_escape_lines    (const char     *text);
/* cli_escape()d, then cut or padded with spaces to @width characters: a table column. */
char         *cli_column          (const char     *text,
                                   guint           width);
/* @text as valid UTF-8 for a JSON string: what is not becomes U+FFFD, as
 * g_filename_display_name() does.  json-glib escapes the control characters itself. */
char         *cli_json_string     (const char     *text);

void          print_json          (JsonNode       *node);
void          add_string_member   (JsonBuilder    *builder,
                                   const char     *name,
                                   const char     *value);
void          add_int_member      (JsonBuilder    *builder,
                                   const char     *name,
                                   gint64          value);
void          print_error         (const char     *message);
/* FALSE, after saying so, when the command was given arguments it takes none of. */
gboolean      check_no_arguments  (const char     *command,
                                   int             argc,
                                   char          **argv);
DossierStore *open_workspace      (const char     *workspace);
/* Parses a command's options; prints its help for --help.  Returns -1 to go on, otherwise
 * the exit status. */
int           parse_command_line  (const Command  *command,
                                   GOptionEntry   *entries,
                                   int            *argc,
                                   char         ***argv);
#define DOCUMENT_ID "a document id (a number from 'dossier-cli list')"
#define ANNOTATION_ID "an annotation id (a number from 'dossier-cli annotations')"

/* A positive id; complains as @command that @text is not @what and returns FALSE otherwise. */
gboolean      parse_id            (const char     *command,
                                   const char     *text,
                                   const char     *what,
                                   gint64         *id);

/* The annotation commands (dossier-cli-annotations.c). */
int run_annotate           (const char *workspace, int argc, char **argv);
int run_annotations        (const char *workspace, int argc, char **argv);
int run_annotation_remove  (const char *workspace, int argc, char **argv);
int run_sources            (const char *workspace, int argc, char **argv);
int run_source_grade       (const char *workspace, int argc, char **argv);
int run_tags               (const char *workspace, int argc, char **argv);
int run_tag_rename         (const char *workspace, int argc, char **argv);
int run_tag_delete         (const char *workspace, int argc, char **argv);
int run_update             (const char *workspace, int argc, char **argv);

/* Suggestions from automatic extraction (dossier-cli-suggestions.c). */
int run_reextract          (const char *workspace, int argc, char **argv);
int run_suggestions        (const char *workspace, int argc, char **argv);
int run_confirm            (const char *workspace, int argc, char **argv);
int run_reject             (const char *workspace, int argc, char **argv);
int run_merges             (const char *workspace, int argc, char **argv);
int run_merge              (const char *workspace, int argc, char **argv);
int run_merge_dismiss      (const char *workspace, int argc, char **argv);

/* Entities and the timeline (dossier-cli-entities.c). */
int run_entities           (const char *workspace, int argc, char **argv);
int run_entity_merge       (const char *workspace, int argc, char **argv);
int run_entity_rename      (const char *workspace, int argc, char **argv);
int run_timeline           (const char *workspace, int argc, char **argv);

/* The export command (dossier-cli-export.c). */
int run_export             (const char *workspace, int argc, char **argv);

/* Importing annotations back (dossier-cli-import-annotations.c). */
int run_import_annotations (const char *workspace, int argc, char **argv);

/* The extract command (dossier-cli-extract.c). */
int run_extract            (const char *workspace, int argc, char **argv);

G_END_DECLS
