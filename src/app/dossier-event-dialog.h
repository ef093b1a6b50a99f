/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "dossier-store.h"

G_BEGIN_DECLS

#define DOSSIER_TYPE_EVENT_DIALOG (dossier_event_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DossierEventDialog, dossier_event_dialog, DOSSIER, EVENT_DIALOG,
                      AdwMessageDialog)

/**
 * DossierEventDialog:
 * Asks for an event's date (a value of day, week, month or year precision) and an optional
 * note, for a passage added to the timeline or an event edited there.  Changing the
 * precision rewrites the date at that precision; a date typed in sets the precision.  The
 * "save" response is enabled only while the date is one the store takes.  It writes nothing:
 * the owner reads the fields in its AdwMessageDialog::response handler ("save" or "cancel").
 */
GtkWidget            *dossier_event_dialog_new           (GtkWindow            *parent,
                                                          const char           *heading,
                                                          const char           *passage,
                                                          const char           *value,
                                                          DossierDatePrecision  precision,
                                                          const char           *note);
/* The dialog for "Add to Timeline" on the words @passage of @document: the date is the first
 * one written in them (resolved against the date the document was written), if any. */
GtkWidget            *dossier_event_dialog_new_for_passage (GtkWindow       *parent,
                                                            DossierDocument *document,
                                                            const char      *passage);
/* The date value typed in, trimmed; NULL when it is no date of the chosen precision. */
const char           *dossier_event_dialog_get_value     (DossierEventDialog *self);
DossierDatePrecision  dossier_event_dialog_get_precision (DossierEventDialog *self);
/* The note, trimmed; NULL when empty. */
const char           *dossier_event_dialog_get_note      (DossierEventDialog *self);

/* For tests. */
GtkEditable          *dossier_event_dialog_get_date_entry     (DossierEventDialog *self);
GtkDropDown          *dossier_event_dialog_get_precision_drop_down (DossierEventDialog *self);
GtkEditable          *dossier_event_dialog_get_note_entry     (DossierEventDialog *self);

G_END_DECLS
