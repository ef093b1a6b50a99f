/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>

#include "dossier-error.h"
#include "fuzz-common.h"

/* A broken invariant is a finding: report it and abort, so libFuzzer saves the input. */
G_NORETURN void
dossier_fuzz_fail (const char *format,
                   ...)
{
  va_list args;

  fputs ("dossier-fuzz: invariant violated: ", stderr);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  abort ();
}

static void
check_string (const char *field,
              const char *value)
{
  const char *end = NULL;

  if (value != NULL && !g_utf8_validate (value, -1, &end))
    dossier_fuzz_fail ("%s is not valid UTF-8 at byte %td", field, end - value);
}

void
dossier_fuzz_check_result (const DossierArticle *article,
                           const GError         *error)
{
  glong n_chars;
  guint previous_end = 0;

  if (article == NULL && error == NULL)
    dossier_fuzz_fail ("no article and no error");
  if (article != NULL && error != NULL)
    dossier_fuzz_fail ("both an article and an error (%s)", error->message);

  if (error != NULL)
    {
      /* The message is shown to the analyst as it is. */
      if (error->domain != DOSSIER_ERROR)
        dossier_fuzz_fail ("error from domain %s, not DOSSIER_ERROR: %s",
                           g_quark_to_string (error->domain), error->message);
      check_string ("error message", error->message);
      return;
    }

  if (article->text == NULL)
    dossier_fuzz_fail ("article without text");
  check_string ("text", article->text);
  check_string ("title", article->title);
  check_string ("outlet", article->outlet);
  check_string ("byline", article->byline);
  check_string ("url", article->url);
  check_string ("published", article->published);
  check_string ("language", article->language);
  check_string ("format", article->format);

  if (article->regions == NULL)
    dossier_fuzz_fail ("article without a region array");
  n_chars = g_utf8_strlen (article->text, -1);
  for (guint i = 0; i < article->regions->len; i++)
    {
      const DossierRegion *region = &g_array_index (article->regions, DossierRegion, i);

      if (region->kind > DOSSIER_REGION_BOILERPLATE)
        dossier_fuzz_fail ("region %u has kind %d", i, (int) region->kind);
      if (region->start > region->end)
        dossier_fuzz_fail ("region %u starts after it ends (%u > %u)", i, region->start,
                           region->end);
      if ((glong) region->end > n_chars)
        dossier_fuzz_fail ("region %u ends at %u, past the text (%ld characters)", i,
                           region->end, n_chars);
      if (region->start < previous_end)
        dossier_fuzz_fail ("region %u starts at %u, inside or before region %u (ends at %u)",
                           i, region->start, i - 1, previous_end);
      previous_end = region->end;
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical or a warning from the importers means a broken precondition: a finding. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}
