/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "dossier-core.h"
#include "dossier-export.h"

/* Helpers shared by the test programs. */

/* The shared folder with the seeds and the corpus, or NULL (the test then skips). */
static inline char *
test_shared_dir (const char *sub)
{
  const char *dir = g_getenv ("DOSSIER_SHARED_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, sub, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_steal_pointer (&path);
}

/* The text covered by a region, as a new string. */
static inline char *
test_region_text (const char *text,
                  guint       start,
                  guint       end)
{
  const char *a = g_utf8_offset_to_pointer (text, start);
  const char *b = g_utf8_offset_to_pointer (text, end);

  return g_strndup (a, (gsize) (b - a));
}

static inline char *
test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("dossier-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
test_rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          test_rm_rf (child);
        }
      g_dir_close (dir);
    }
  g_remove (path);
}

/* What a run of dossier-cli gave. */
typedef struct {
  int   status;
  char *out;
  char *err;
} TestRun;

static inline void
test_run_clear (TestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TestRun, test_run_clear)

/* Runs dossier-cli (the executable $DOSSIER_CLI names) with @args (NULL-terminated) in the
 * C.UTF-8 locale, with the variables @env (NULL, or NULL-terminated name and value pairs) set
 * too; a crash fails the test. */
static inline void
test_cli_run (TestRun            *run,
              const char * const *env,
              const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("DOSSIER_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    envp = g_environ_setenv (envp, env[i], env[i + 1], TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status))
    g_error ("dossier-cli crashed: %s", run->err);
  run->status = WEXITSTATUS (wait_status);
}

/* The JSON document @text, which must parse. */
static inline JsonNode *
test_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* A workspace built through the store API */

/* Opens a new workspace @name in @dir; its path in *@path unless @path is NULL. */
static inline DossierStore *
test_open_workspace (const char  *dir,
                     const char  *name,
                     char       **path)
{
  g_autofree char *file = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  DossierStore *store = dossier_store_open (file, &error);

  g_assert_no_error (error);
  if (path != NULL)
    *path = g_steal_pointer (&file);
  return store;
}

/* Closes *@store and removes *@dir, the temporary folder that held it, with everything in it;
 * both are cleared. */
static inline void
test_close_workspace (DossierStore **store,
                      char         **dir)
{
  g_clear_object (store);
  test_rm_rf (*dir);
  g_clear_pointer (dir, g_free);
}

/* An article of the text format: @title as its headline, then @body as one paragraph. */
static inline DossierArticle *
test_make_article (const char *title,
                   const char *outlet,
                   const char *body)
{
  g_autoptr(DossierTextBuilder) builder = dossier_text_builder_new ();
  DossierArticle *article = dossier_article_new ();

  article->title = g_strdup (title);
  article->outlet = g_strdup (outlet);
  article->format = g_strdup ("text");
  dossier_text_builder_add (builder, DOSSIER_REGION_HEADLINE, title, -1);
  dossier_text_builder_add (builder, DOSSIER_REGION_PARAGRAPH, body, -1);
  dossier_text_builder_finish (builder, article);
  return article;
}

/* Adds @article, read from the file @name of bytes @original, to @store; its id. */
static inline gint64
test_add_article (DossierStore   *store,
                  DossierArticle *article,
                  GBytes         *original,
                  const char     *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (dossier_store_add_document (store, article, original, name, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* The code points of the first @needle in @text. */
static inline void
test_find_passage (const char *text,
                   const char *needle,
                   guint      *start,
                   guint      *end)
{
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  *start = (guint) g_utf8_pointer_to_offset (text, at);
  *end = *start + (guint) g_utf8_strlen (needle, -1);
}

/* The code points of the first @needle in the text of @document. */
static inline void
test_find_in_document (DossierStore *store,
                       gint64        document,
                       const char   *needle,
                       guint        *start,
                       guint        *end)
{
  g_autoptr(DossierDocument) doc = dossier_store_get_document (store, document, NULL);

  test_find_passage (dossier_document_get_text (doc), needle, start, end);
}

/* Annotates the first @needle in @document with @fields; the new annotation's id. */
static inline gint64
test_annotate_passage (DossierStore                  *store,
                       gint64                         document,
                       const char                    *needle,
                       const DossierAnnotationFields *fields)
{
  g_autoptr(GError) error = NULL;
  guint start, end;
  gint64 id;

  test_find_in_document (store, document, needle, &start, &end);
  id = dossier_store_add_annotation (store, document, start, end, fields, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The id of the entity called @name, which must be there. */
static inline gint64
test_find_entity (DossierStore *store,
                  const char   *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = dossier_store_find_entity (store, name, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* What an export of @store with @filter (NULL: everything) would hold. */
static inline DossierExportSet *
test_export_collect (DossierStore              *store,
                     const DossierExportFilter *filter)
{
  g_autoptr(GError) error = NULL;
  DossierExportSet *set = dossier_export_collect (store, filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}
