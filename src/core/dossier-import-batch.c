/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-import"

#include "dossier-error.h"
#include "dossier-import-batch.h"

/* Documents written between commits: each is still atomic (a savepoint); the batch only
 * saves the cost of a commit per file. */
#define BATCH_SIZE 200

void
dossier_import_result_free (DossierImportResult *result)
{
  if (result == NULL)
    return;
  g_clear_object (&result->file);
  g_free (result->name);
  g_free (result->title);
  g_free (result->message);
  g_free (result);
}

static DossierImportResult *
import_one (DossierStore  *store,
            GFile         *file,
            DossierFormat  format,
            GCancellable  *cancellable)
{
  DossierImportResult *result = g_new0 (DossierImportResult, 1);
  g_autoptr(DossierArticle) article = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;

  result->file = g_object_ref (file);
  result->name = g_file_get_basename (file);

  article = dossier_import_file (file, format, &contents, cancellable, &error);
  if (article != NULL)
    dossier_store_add_document (store, article, contents, result->name, &result->id, &error);

  if (error == NULL)
    {
      result->status = DOSSIER_IMPORT_IMPORTED;
      result->title = g_strdup (article->title ? article->title : result->name);
      result->truncated = article->truncated;
    }
  else
    {
      result->status = g_error_matches (error, DOSSIER_ERROR, DOSSIER_ERROR_DUPLICATE)
                         ? DOSSIER_IMPORT_DUPLICATE : DOSSIER_IMPORT_FAILED;
      result->message = g_strdup (error->message);
    }
  return result;
}

GPtrArray *
dossier_import_files (DossierStore          *store,
                      GFile                **files,
                      guint                  n_files,
                      DossierFormat          format,
                      DossierImportProgress  progress,
                      gpointer               user_data,
                      GCancellable          *cancellable,
                      GError               **error)
{
  g_autoptr(GPtrArray) results =
    g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_import_result_free);
  guint in_batch = 0;
  gboolean batch_open = FALSE;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  for (guint i = 0; i < n_files; i++)
    {
      DossierImportResult *result;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (!batch_open)
        {
          if (!dossier_store_begin_batch (store, error))
            return NULL;
          batch_open = TRUE;
        }

      result = import_one (store, files[i], format, cancellable);
      g_ptr_array_add (results, result);
      if (result->status == DOSSIER_IMPORT_IMPORTED)
        in_batch++;

      if (in_batch >= BATCH_SIZE)
        {
          batch_open = FALSE;
          in_batch = 0;
          if (!dossier_store_commit_batch (store, error))
            return NULL;
        }
      if (progress != NULL)
        progress (i + 1, n_files, result, user_data);
    }

  if (batch_open && !dossier_store_commit_batch (store, error))
    return NULL;
  return g_steal_pointer (&results);
}
