/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-import"

#include "dossier-error.h"
#include "dossier-import-batch.h"

/* Documents written between commits: a commit per file would cost more than the file, and
 * a batch indexes its documents for search in one statement (see dossier-store.c).  A
 * failed batch is written again one transaction per document, so each stays atomic and
 * what fits is kept.  A file is reported (the progress callback) only once the commit that
 * holds it is done, so a batch also closes after BATCH_USEC: on a slow disk or with large
 * files the reports do not lag far behind the work. */
#define BATCH_SIZE 500
#define BATCH_BYTES (32 * 1024 * 1024)
#define BATCH_USEC (1 * G_USEC_PER_SEC)

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

/*
 * Reading, parsing and extraction run on worker threads, a few files ahead; the calling
 * thread writes the documents in file order.  On two cores the extraction of the next files
 * overlaps the writing of this one.
 */

/* Files prepared ahead of the writer at most: bounds the memory held. */
#define PREPARE_AHEAD 32

typedef struct {
  GFile             *file;
  DossierArticle    *article;
  GBytes            *contents;
  DossierExtraction *extraction;
  GError            *error;
  gboolean           ready;
} Prepared;

typedef struct {
  GMutex         lock;
  GCond          cond;
  DossierFormat  format;
  GCancellable  *cancellable;
} Pipeline;

static void
prepared_clear (Prepared *prepared)
{
  g_clear_pointer (&prepared->article, dossier_article_free);
  g_clear_pointer (&prepared->contents, g_bytes_unref);
  g_clear_pointer (&prepared->extraction, dossier_extraction_free);
  g_clear_error (&prepared->error);
}

static void
prepare (gpointer data,
         gpointer user_data)
{
  Prepared *prepared = data;
  Pipeline *pipeline = user_data;

  prepared->article = dossier_import_file (prepared->file, pipeline->format,
                                           &prepared->contents, pipeline->cancellable,
                                           &prepared->error);
  if (prepared->article != NULL)
    {
      g_autofree char *day = dossier_article_dup_day (prepared->article);

      prepared->extraction = dossier_extract_all (prepared->article->text,
                                                  prepared->article->regions, day);
    }
  g_mutex_lock (&pipeline->lock);
  prepared->ready = TRUE;
  g_cond_broadcast (&pipeline->cond);
  g_mutex_unlock (&pipeline->lock);
}

static DossierImportResult *
store_one (DossierStore *store,
           Prepared     *prepared)
{
  DossierImportResult *result = g_new0 (DossierImportResult, 1);
  /* Copied: the batch may have to be written again. */
  g_autoptr(GError) error = prepared->error ? g_error_copy (prepared->error) : NULL;
  DossierArticle *article = prepared->article;

  result->file = g_object_ref (prepared->file);
  result->name = g_file_get_basename (prepared->file);
  if (article != NULL)
    dossier_store_add_extracted_document (store, article, prepared->extraction,
                                          prepared->contents, result->name, &result->id,
                                          &error);

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

/* Writes prepared[first, end) again, each document in a transaction of its own, after a
 * batch failed (a full disk, a constraint the checks did not foresee): the documents that
 * can be stored are, each of the others says why. */
static void
write_one_by_one (DossierStore  *store,
                  Prepared      *prepared,
                  guint          first,
                  guint          end,
                  GPtrArray     *results)
{
  for (guint j = first; j < end; j++)
    {
      g_clear_pointer (&g_ptr_array_index (results, j), dossier_import_result_free);
      g_ptr_array_index (results, j) = store_one (store, &prepared[j]);
    }
}

/* Reports files [first, end), whose commit is done, and lets go of what was kept in case
 * the batch had to be written again. */
static void
acknowledge (Prepared              *prepared,
             guint                  first,
             guint                  end,
             guint                  n_files,
             GPtrArray             *results,
             DossierImportProgress  progress,
             gpointer               user_data)
{
  for (guint j = first; j < end; j++)
    {
      prepared_clear (&prepared[j]);
      if (progress != NULL)
        progress (j + 1, n_files, g_ptr_array_index (results, j), user_data);
    }
}

/* Commits the open batch [first, end); when the commit fails, writes its documents again one
 * by one.  Either way they are then reported. */
static void
close_batch (DossierStore          *store,
             Prepared              *prepared,
             guint                  first,
             guint                  end,
             guint                  n_files,
             GPtrArray             *results,
             DossierImportProgress  progress,
             gpointer               user_data)
{
  g_autoptr(GError) error = NULL;

  if (!dossier_store_commit_batch (store, &error))
    {
      g_debug ("import batch of %u files not saved (%s); writing them one by one",
               end - first, error->message);
      write_one_by_one (store, prepared, first, end, results);
    }
  acknowledge (prepared, first, end, n_files, results, progress, user_data);
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
  g_autofree Prepared *prepared = NULL;
  Pipeline pipeline = { .format = format, .cancellable = cancellable };
  GThreadPool *pool;
  guint batch_first = 0, in_batch = 0, pushed = 0;
  gsize batch_bytes = 0;
  gint64 batch_began = 0;
  gboolean batch_open = FALSE, ok = TRUE;

  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  prepared = g_new0 (Prepared, MAX (n_files, 1));
  g_mutex_init (&pipeline.lock);
  g_cond_init (&pipeline.cond);
  pool = g_thread_pool_new (prepare, &pipeline,
                            (int) CLAMP (g_get_num_processors () - 1, 1, 4), FALSE, NULL);

  for (guint i = 0; i < n_files; i++)
    {
      DossierImportResult *result;

      for (; pushed < n_files && pushed < i + PREPARE_AHEAD; pushed++)
        {
          prepared[pushed].file = files[pushed];
          g_thread_pool_push (pool, &prepared[pushed], NULL);
        }
      g_mutex_lock (&pipeline.lock);
      while (!prepared[i].ready)
        g_cond_wait (&pipeline.cond, &pipeline.lock);
      g_mutex_unlock (&pipeline.lock);

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (!batch_open)
        {
          if (!(ok = dossier_store_begin_fast_batch (store, error)))
            break;
          batch_open = TRUE;
          batch_first = i;
          batch_bytes = 0;
          in_batch = 0;
          batch_began = g_get_monotonic_time ();
        }

      result = store_one (store, &prepared[i]);
      g_ptr_array_add (results, result);
      if (dossier_store_batch_is_spoiled (store))
        {
          dossier_store_rollback_batch (store);
          batch_open = FALSE;
          write_one_by_one (store, prepared, batch_first, i + 1, results);
          acknowledge (prepared, batch_first, i + 1, n_files, results, progress, user_data);
          continue;
        }
      if (result->status == DOSSIER_IMPORT_IMPORTED)
        {
          in_batch++;
          batch_bytes += prepared[i].contents ? g_bytes_get_size (prepared[i].contents) : 0;
        }

      /* What a batch holds is kept until it is committed, in case it has to be written
       * again: batches are bounded in documents, bytes and time. */
      if (in_batch >= BATCH_SIZE || batch_bytes >= BATCH_BYTES || i + 1 == n_files ||
          g_get_monotonic_time () - batch_began >= BATCH_USEC)
        {
          batch_open = FALSE;
          close_batch (store, prepared, batch_first, i + 1, n_files, results, progress,
                       user_data);
        }
    }

  /* Stopped early (cancelled): what was written is committed and reported. */
  if (batch_open)
    close_batch (store, prepared, batch_first, results->len, n_files, results, progress,
                 user_data);

  /* Files not started yet are dropped; those being prepared are waited for. */
  g_thread_pool_free (pool, TRUE, TRUE);
  for (guint i = 0; i < pushed; i++)
    prepared_clear (&prepared[i]);
  g_mutex_clear (&pipeline.lock);
  g_cond_clear (&pipeline.cond);

  if (!ok)
    return NULL;
  return g_steal_pointer (&results);
}
