/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gstdio.h>

#include "dossier-ner-private.h"
#include "fuzz-common.h"

/*
 * The entity model loader over any bytes: it must refuse what is not a whole, well-formed
 * model with an error, and whatever it accepts must tag a sentence without reading outside
 * its weights, giving spans inside the text and in order.  The seeds are small valid models
 * (256 buckets) and damaged copies of them.
 *
 * The same bytes are also tagged as text (not NUL-terminated, often not UTF-8) with a small
 * model of fixed pseudo-random weights, written once through the trainer's own writer: the
 * tokenizer must keep within the bytes it is given, and the spans in order.
 */

#define SENTENCE "« Résumé » Foreign Minister Tomas Ellery of Norland met officials of the " \
                 "Vell Harbour Authority in Castemar on Monday.\nSTORMS HIT NORLAND"

static gpointer
make_text_model (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fuzz-ner-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree float *weights = g_new0 (float, 256 * DOSSIER_NER_ROW);
  DossierNerModel *model;
  guint32 state = 12345;

  if (dir == NULL)
    dossier_fuzz_fail ("no temporary folder: %s", error->message);
  path = g_build_filename (dir, "text.model", NULL);
  for (guint i = 0; i < 256 * DOSSIER_NER_ROW; i++)
    {
      state = state * 1103515245u + 12345u;
      weights[i] = (float) ((state >> 16) % 2001) - 1000.0f;
    }
  if (!dossier_ner_model_save_weights (path, 256, weights, &error))
    dossier_fuzz_fail ("cannot write the text model: %s", error->message);
  model = dossier_ner_model_load (path, &error);
  if (model == NULL)
    dossier_fuzz_fail ("cannot load the text model: %s", error->message);
  g_unlink (path);
  g_rmdir (dir);
  return model;
}

static void
tag_input_as_text (const uint8_t *data,
                   size_t         size)
{
  static GOnce once = G_ONCE_INIT;
  DossierNerModel *model = g_once (&once, make_text_model, NULL);
  g_autoptr(GArray) spans = dossier_ner_tag_text (model, (const char *) data, size);
  guint previous_end = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const DossierNerSpan *span = &g_array_index (spans, DossierNerSpan, i);

      /* Every byte is at least one character, whatever the encoding. */
      if (span->start >= span->end || span->end > size || span->start < previous_end)
        dossier_fuzz_fail ("text span %u [%u, %u) out of place (%zu bytes)", i, span->start,
                           span->end, size);
      previous_end = span->end;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierNerModel) model = dossier_ner_model_load_bytes (bytes, "fuzz.model", &error);
  g_autoptr(GArray) spans = NULL;
  guint length = (guint) g_utf8_strlen (SENTENCE, -1);
  guint previous_end = 0;

  tag_input_as_text (data, size);

  if ((model == NULL) == (error == NULL))
    dossier_fuzz_fail ("the loader returned %s and %s", model ? "a model" : "no model",
                       error ? "an error" : "no error");
  if (model == NULL)
    {
      if (strstr (error->message, "fuzz.model: ") != error->message)
        dossier_fuzz_fail ("the error does not name the file: %s", error->message);
      return 0;
    }

  spans = dossier_ner_tag_text (model, SENTENCE, strlen (SENTENCE));
  for (guint i = 0; i < spans->len; i++)
    {
      const DossierNerSpan *span = &g_array_index (spans, DossierNerSpan, i);

      if (span->start >= span->end || span->end > length || span->start < previous_end)
        dossier_fuzz_fail ("span %u [%u, %u) out of place (text of %u characters)", i,
                           span->start, span->end, length);
      if (span->kind != DOSSIER_ENTITY_PERSON && span->kind != DOSSIER_ENTITY_ORGANIZATION &&
          span->kind != DOSSIER_ENTITY_PLACE)
        dossier_fuzz_fail ("span %u has kind %d", i, (int) span->kind);
      previous_end = span->end;
    }
  return 0;
}
