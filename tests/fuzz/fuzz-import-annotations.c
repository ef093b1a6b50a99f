/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import-annotations' reading of a file: strict JSON, its shapes (W3C, Hypothesis) and the
 * checks of every annotation, all before a workspace is touched, so no workspace is needed. */
#include <string.h>

#include "dossier-error.h"
#include "dossier-export.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;
  gboolean ok;

  ok = dossier_annotations_check_data ((const char *) data, size, "fuzz.json", &n, &error);
  if (ok == (error != NULL))
    dossier_fuzz_fail ("the result (%d) and the error disagree", ok);
  if (!ok)
    {
      /* The message names the file and is shown as it is. */
      if (error->domain != DOSSIER_ERROR)
        dossier_fuzz_fail ("error from domain %s: %s", g_quark_to_string (error->domain),
                           error->message);
      if (!g_str_has_prefix (error->message, "fuzz.json: "))
        dossier_fuzz_fail ("the message does not name the file: %s", error->message);
      if (!g_utf8_validate (error->message, -1, NULL))
        dossier_fuzz_fail ("the message is not UTF-8");
    }
  return 0;
}
