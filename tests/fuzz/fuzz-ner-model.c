/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dossier-ner.h"
#include "fuzz-common.h"

/*
 * The entity model loader over any bytes: it must refuse what is not a whole, well-formed
 * model with an error, and whatever it accepts must tag a sentence without reading outside
 * its weights, giving spans inside the text and in order.  The seeds are small valid models
 * (256 buckets) and damaged copies of them.
 */

#define SENTENCE "« Résumé » Foreign Minister Tomas Ellery of Norland met officials of the " \
                 "Vell Harbour Authority in Castemar on Monday.\nSTORMS HIT NORLAND"

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
