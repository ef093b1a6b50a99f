/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JSON-LD metadata: the input is the content of an ld+json script in a page, read by the HTML
 * importer.  The strict validator that guards json-glib is checked on its own too: what it
 * accepts, json-glib must parse. */
#include <json-glib/json-glib.h>
#include <string.h>

#include "dossier-import.h"
#include "dossier-json.h"
#include "fuzz-common.h"

#define PAGE_HEAD "<html><head><title>Fuzz page</title><script type=\"application/ld+json\">"
#define PAGE_TAIL "</script></head><body><article><p>The ferry contract would be signed by " \
                  "June, the minister said on Monday.</p></article></body></html>"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierArticle) article = NULL;
  g_autoptr(GString) page = g_string_sized_new (size + sizeof PAGE_HEAD + sizeof PAGE_TAIL);

  if (dossier_json_validate ((const char *) data, size, DOSSIER_JSON_LD_MAX_DEPTH,
                             DOSSIER_JSON_DEFAULT, &error))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (!json_parser_load_from_data (parser, (const char *) data, (gssize) size, &error))
        dossier_fuzz_fail ("the validator accepted what json-glib refuses: %s",
                           error->message);
    }
  else if (error == NULL || error->domain != DOSSIER_JSON_ERROR)
    dossier_fuzz_fail ("the validator refused without a DOSSIER_JSON_ERROR");
  g_clear_error (&error);

  g_string_append (page, PAGE_HEAD);
  g_string_append_len (page, (const char *) data, (gssize) size);
  g_string_append (page, PAGE_TAIL);
  article = dossier_html_import (page->str, page->len, "fuzz-input.html", &error);
  dossier_fuzz_check_result (article, error);
  return 0;
}
