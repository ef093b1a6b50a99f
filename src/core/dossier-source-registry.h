/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * DossierSourceEntry:
 * One outlet of a source registry: a line of data/sources.tsv.  Every string is UTF-8.
 */
typedef struct {
  char  *name;
  char  *kind;      /* one of dossier_source_kinds () */
  char  *country;   /* ISO 3166-1 alpha-2, or NULL when empty */
  char **aliases;   /* NULL-terminated, never NULL (may be empty) */
  char  *notes;     /* NULL when empty */
} DossierSourceEntry;

void dossier_source_entry_free (DossierSourceEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierSourceEntry, dossier_source_entry_free)

/* Parses a registry: UTF-8, tab-separated, a header line "name kind country aliases notes",
 * then one outlet per line; blank lines and lines starting with '#' are skipped, CRLF line
 * endings and a leading byte order mark accepted, aliases separated by '|'.
 *
 * Returns a GPtrArray of DossierSourceEntry in file order (it frees its entries), or NULL
 * with a DOSSIER_ERROR_PARSE error (DOSSIER_ERROR_ENCODING for invalid UTF-8) whose message
 * names @name and the line: a wrong number of columns, an empty name or alias, an unknown
 * kind, a country that is not an ISO 3166-1 alpha-2 code, or a name or alias used twice
 * (compared without regard to case). */
GPtrArray *dossier_source_registry_parse (const char  *data,
                                          gsize        length,
                                          const char  *name,
                                          GError     **error);

/* The registry built into the library (data/sources.tsv, compiled in as a GResource). */
GPtrArray *dossier_source_registry_load_default (GError **error);

gboolean            dossier_source_kind_is_valid (const char *kind);
/* The kinds a registry may use, NULL-terminated. */
const char * const *dossier_source_kinds         (void);

G_END_DECLS
