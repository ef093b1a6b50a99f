/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DOSSIER_JSON_ERROR (dossier_json_error_quark ())

typedef enum {
  DOSSIER_JSON_ERROR_SYNTAX,     /* not strict RFC 8259 JSON */
  DOSSIER_JSON_ERROR_TOO_DEEP,   /* arrays and objects nested deeper than the limit */
  DOSSIER_JSON_ERROR_NUL,        /* a string holds "\u0000" (DOSSIER_JSON_REFUSE_NUL) */
  DOSSIER_JSON_ERROR_NUMBER,     /* a number json-glib would misread (DOSSIER_JSON_EXACT_NUMBERS) */
} DossierJsonError;

typedef enum {
  DOSSIER_JSON_DEFAULT       = 0,
  /* json-glib cuts a string at "\u0000": refuse it rather than lose the rest silently. */
  DOSSIER_JSON_REFUSE_NUL    = 1 << 0,
  /* json-glib wraps an integer outside gint64 (a 29-digit one reads as -1) and turns a
   * double out of range into infinity: refuse those numbers. */
  DOSSIER_JSON_EXACT_NUMBERS = 1 << 1,
} DossierJsonFlags;

/* Nesting for JSON-LD in a web page: schema.org metadata nests a handful of levels. */
#define DOSSIER_JSON_LD_MAX_DEPTH 64

/* One open array or object on the way to a fault: in an array the element's index, in an
 * object the member's name as written (NULL when it has escapes or is not known). */
typedef struct {
  const char *key;
  gsize       key_length;
  guint       index;
} DossierJsonStep;

GQuark   dossier_json_error_quark   (void);

gboolean dossier_json_validate      (const char        *data,
                                     gsize              length,
                                     guint              max_depth,
                                     DossierJsonFlags   flags,
                                     GError           **error);
gboolean dossier_json_validate_full (const char        *data,
                                     gsize              length,
                                     guint              max_depth,
                                     DossierJsonFlags   flags,
                                     GArray           **path,
                                     GError           **error);

G_END_DECLS
