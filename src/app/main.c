/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>

#include "dossier-application.h"

int
main (int   argc,
      char *argv[])
{
  /* Taken first, so --timings measures everything up to the first frame. */
  gint64 started_at = g_get_monotonic_time ();
  g_autoptr(DossierApplication) app = NULL;

  setlocale (LC_ALL, "");
  app = dossier_application_new (started_at);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
