/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-source-registry"

#include <gio/gio.h>
#include <string.h>

#include "dossier-core-resources.h"
#include "dossier-error.h"
#include "dossier-source-registry.h"

#define DEFAULT_REGISTRY_PATH "/io/github/dossier/core/sources.tsv"
#define DEFAULT_REGISTRY_NAME "sources.tsv"

enum {
  COLUMN_NAME,
  COLUMN_KIND,
  COLUMN_COUNTRY,
  COLUMN_ALIASES,
  COLUMN_NOTES,
  N_COLUMNS
};

static const char * const column_names[N_COLUMNS] = {
  "name", "kind", "country", "aliases", "notes",
};

static const char * const source_kinds[] = {
  "state-media",
  "news-agency",
  "newspaper",
  "broadcaster",
  "online",
  "social-platform",
  "official",
  "other",
  NULL,
};

/* The 249 officially assigned ISO 3166-1 alpha-2 codes (checked against the iso-codes
 * package), two letters each, plus XK: not assigned by ISO, but the code the European
 * Commission, the IMF and most data sets use for Kosovo. */
static const char country_codes[] =
  "ADAEAFAGAIALAMAOAQARASATAUAWAXAZ"
  "BABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZ"
  "CACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZ"
  "DEDJDKDMDODZ"
  "ECEEEGEHERESET"
  "FIFJFKFMFOFR"
  "GAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGY"
  "HKHMHNHRHTHU"
  "IDIEILIMINIOIQIRISIT"
  "JEJMJOJP"
  "KEKGKHKIKMKNKPKRKWKYKZ"
  "LALBLCLILKLRLSLTLULVLY"
  "MAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZ"
  "NANCNENFNGNINLNONPNRNUNZ"
  "OM"
  "PAPEPFPGPHPKPLPMPNPRPSPTPWPY"
  "QA"
  "RERORSRURW"
  "SASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZ"
  "TCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZ"
  "UAUGUMUSUYUZ"
  "VAVCVEVGVIVNVU"
  "WFWS"
  "XK"
  "YEYT"
  "ZAZMZW";

const char * const *
dossier_source_kinds (void)
{
  return source_kinds;
}

gboolean
dossier_source_kind_is_valid (const char *kind)
{
  if (kind == NULL)
    return FALSE;
  return g_strv_contains (source_kinds, kind);
}

void
dossier_source_entry_free (DossierSourceEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry->kind);
  g_free (entry->country);
  g_strfreev (entry->aliases);
  g_free (entry->notes);
  g_free (entry);
}

static gboolean
is_country_code (const char *code)
{
  if (strlen (code) != 2 || !g_ascii_isupper (code[0]) || !g_ascii_isupper (code[1]))
    return FALSE;
  for (gsize i = 0; i + 1 < sizeof country_codes; i += 2)
    if (country_codes[i] == code[0] && country_codes[i + 1] == code[1])
      return TRUE;
  return FALSE;
}

static gboolean
is_blank (const char *line)
{
  for (const char *p = line; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* The key under which names and aliases are compared: "IRNA", "Irna" and "irna" are one. */
static char *
fold_name (const char *str)
{
  g_autofree char *folded = g_utf8_casefold (str, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_DEFAULT_COMPOSE);
}

typedef struct {
  const char *name;     /* of the input, for messages */
  guint       line;
  GHashTable *seen;     /* folded name or alias → line number where it was first used */
} ParseState;

/* Records @str (a name when @is_name, an alias otherwise) as used on the current line. */
static gboolean
claim_name (ParseState  *state,
            const char  *str,
            gboolean     is_name,
            GError     **error)
{
  char *key = fold_name (str);
  gpointer first_line;

  if (g_hash_table_lookup_extended (state->seen, key, NULL, &first_line))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                   "%s: line %u: duplicate %s “%s” (already used on line %u)",
                   state->name, state->line, is_name ? "name" : "alias", str,
                   GPOINTER_TO_UINT (first_line));
      g_free (key);
      return FALSE;
    }
  g_hash_table_insert (state->seen, key, GUINT_TO_POINTER (state->line));
  return TRUE;
}

static gboolean
check_header (ParseState  *state,
              const char  *line,
              GError     **error)
{
  g_auto(GStrv) cells = g_strsplit (line, "\t", -1);
  gboolean ok = g_strv_length (cells) == N_COLUMNS;

  for (guint i = 0; ok && i < N_COLUMNS; i++)
    ok = g_strcmp0 (g_strstrip (cells[i]), column_names[i]) == 0;
  if (!ok)
    g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                 "%s: line %u: expected the header line: name, kind, country, aliases and "
                 "notes separated by tabs",
                 state->name, state->line);
  return ok;
}

static DossierSourceEntry *
parse_row (ParseState  *state,
           const char  *line,
           GError     **error)
{
  g_auto(GStrv) cells = g_strsplit (line, "\t", -1);
  g_auto(GStrv) aliases = NULL;
  g_autoptr(DossierSourceEntry) entry = NULL;
  guint n_cells = g_strv_length (cells);

  if (n_cells != N_COLUMNS)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                   "%s: line %u: %u column%s, expected %d separated by tabs",
                   state->name, state->line, n_cells, n_cells == 1 ? "" : "s", N_COLUMNS);
      return NULL;
    }
  for (guint i = 0; i < N_COLUMNS; i++)
    g_strstrip (cells[i]);

  if (cells[COLUMN_NAME][0] == '\0')
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                   "%s: line %u: the name is empty", state->name, state->line);
      return NULL;
    }
  if (!dossier_source_kind_is_valid (cells[COLUMN_KIND]))
    {
      g_autofree char *known = g_strjoinv (", ", (GStrv) source_kinds);

      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                   "%s: line %u: unknown kind “%s” (expected one of %s)",
                   state->name, state->line, cells[COLUMN_KIND], known);
      return NULL;
    }
  if (cells[COLUMN_COUNTRY][0] != '\0' && !is_country_code (cells[COLUMN_COUNTRY]))
    {
      /* "UK" is the mistake everyone makes: ISO reserves it, the code is "GB". */
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                   "%s: line %u: “%s” is not an ISO 3166-1 alpha-2 country code%s",
                   state->name, state->line, cells[COLUMN_COUNTRY],
                   g_ascii_strcasecmp (cells[COLUMN_COUNTRY], "UK") == 0
                     ? " (the United Kingdom is “GB”)" : " such as “IR” or “GB”");
      return NULL;
    }

  if (cells[COLUMN_ALIASES][0] == '\0')
    aliases = g_new0 (char *, 1);
  else
    aliases = g_strsplit (cells[COLUMN_ALIASES], "|", -1);
  for (guint i = 0; aliases[i] != NULL; i++)
    {
      if (g_strstrip (aliases[i])[0] == '\0')
        {
          g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                       "%s: line %u: empty alias (aliases are separated by a single “|”)",
                       state->name, state->line);
          return NULL;
        }
    }

  if (!claim_name (state, cells[COLUMN_NAME], TRUE, error))
    return NULL;
  for (guint i = 0; aliases[i] != NULL; i++)
    if (!claim_name (state, aliases[i], FALSE, error))
      return NULL;

  entry = g_new0 (DossierSourceEntry, 1);
  entry->name = g_strdup (cells[COLUMN_NAME]);
  entry->kind = g_strdup (cells[COLUMN_KIND]);
  if (cells[COLUMN_COUNTRY][0] != '\0')
    entry->country = g_strdup (cells[COLUMN_COUNTRY]);
  entry->aliases = g_steal_pointer (&aliases);
  if (cells[COLUMN_NOTES][0] != '\0')
    entry->notes = g_strdup (cells[COLUMN_NOTES]);
  return g_steal_pointer (&entry);
}

GPtrArray *
dossier_source_registry_parse (const char  *data,
                               gsize        length,
                               const char  *name,
                               GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) seen = NULL;
  ParseState state = { 0 };
  gboolean have_header = FALSE;
  const char *p;
  const char *end;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* An empty GBytes may hand out NULL, and NULL + 0 is not a pointer one may compute. */
  if (data == NULL)
    data = "";
  p = data;
  end = data + length;
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state.name = name != NULL ? name : "source registry";
  state.seen = seen;
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_source_entry_free);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', (gsize) (end - p));
      const char *line_end = eol != NULL ? eol : end;
      const char *invalid;
      g_autofree char *line = NULL;

      state.line++;
      if (line_end > p && line_end[-1] == '\r')
        line_end--;
      /* g_utf8_validate_len() refuses NUL bytes too, which strings could not carry. */
      if (!g_utf8_validate_len (p, (gsize) (line_end - p), &invalid))
        {
          g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_ENCODING,
                       "%s: line %u: not valid UTF-8 at byte %" G_GSIZE_FORMAT,
                       state.name, state.line, (gsize) (invalid - data));
          return NULL;
        }
      line = g_strndup (p, (gsize) (line_end - p));
      p = eol != NULL ? eol + 1 : end;

      if (line[0] == '#' || is_blank (line))
        continue;
      if (!have_header)
        {
          if (!check_header (&state, line, error))
            return NULL;
          have_header = TRUE;
        }
      else
        {
          DossierSourceEntry *entry = parse_row (&state, line, error);

          if (entry == NULL)
            return NULL;
          g_ptr_array_add (entries, entry);
        }
    }

  if (!have_header)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                   "%s: no header line (name, kind, country, aliases and notes separated by "
                   "tabs)", state.name);
      return NULL;
    }
  g_debug ("%s: %u sources", state.name, entries->len);
  return g_steal_pointer (&entries);
}

GPtrArray *
dossier_source_registry_load_default (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Looked up in this library's own bundle rather than through g_resources_lookup_data():
   * that also keeps the resource object linked in from the static library. */
  bytes = g_resource_lookup_data (dossier_core_get_resource (), DEFAULT_REGISTRY_PATH,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  return dossier_source_registry_parse (data, size, DEFAULT_REGISTRY_NAME, error);
}
