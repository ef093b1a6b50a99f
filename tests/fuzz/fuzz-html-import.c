/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "dossier-import.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierArticle) article = NULL;

  article = dossier_html_import ((const char *) data, size, "fuzz-input", &error);
  dossier_fuzz_check_result (article, error);
  return 0;
}
