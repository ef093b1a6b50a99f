/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DOSSIER_ERROR (dossier_error_quark ())

/**
 * DossierError:
 * Errors of the core library.  Messages are written for the analyst: they name the file
 * or workspace and say what is wrong with it.
 */
typedef enum {
  DOSSIER_ERROR_FAILED,
  DOSSIER_ERROR_EMPTY,          /* the input has no text at all */
  DOSSIER_ERROR_BINARY,         /* NUL bytes or other signs of a non-text file */
  DOSSIER_ERROR_ENCODING,       /* not valid UTF-8 / UTF-16 */
  DOSSIER_ERROR_TOO_LARGE,      /* over the import size cap */
  DOSSIER_ERROR_PARSE,          /* the document could not be parsed into text */
  DOSSIER_ERROR_DUPLICATE,      /* the same bytes are already in the workspace */
  DOSSIER_ERROR_NOT_FOUND,      /* no such document */
  DOSSIER_ERROR_NEWER_VERSION,  /* the workspace was written by a newer Dossier */
  DOSSIER_ERROR_NOT_WORKSPACE,  /* the file is not a Dossier workspace */
  DOSSIER_ERROR_LOCKED,         /* another process holds the workspace */
  DOSSIER_ERROR_STORE,          /* any other SQLite failure */
  DOSSIER_ERROR_INVALID,        /* an argument the caller should have checked */
} DossierError;

GQuark dossier_error_quark (void);

G_END_DECLS
