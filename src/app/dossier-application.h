/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DOSSIER_APPLICATION_ID "io.github.dossier.Dossier"

#define DOSSIER_TYPE_APPLICATION (dossier_application_get_type ())

G_DECLARE_FINAL_TYPE (DossierApplication, dossier_application, DOSSIER, APPLICATION,
                      AdwApplication)

DossierApplication *dossier_application_new          (gint64              started_at);
/* The app's settings: NULL until g_application_run () has read the command line. */
GSettings          *dossier_application_get_settings (DossierApplication *self);
/* Opens @path (created when missing) in a window of its own, or raises the window that has
 * it; errors are shown in a dialog. Returns the window, or NULL. */
GtkWindow          *dossier_application_open_workspace (DossierApplication *self,
                                                        const char         *path);

G_END_DECLS
