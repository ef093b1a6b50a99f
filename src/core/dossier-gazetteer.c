/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gazetteer"

#include <gio/gio.h>
#include <string.h>

#include "dossier-core-resources.h"
#include "dossier-error.h"
#include "dossier-gazetteer.h"
#include "dossier-source-registry.h"

#define RESOURCE_DIR "/io/github/dossier/core/gazetteer/"

/* Registry names and aliases that are also ordinary words, places or first names: "Fars" is
 * a province, "Petra" a city and a first name, "Kan" a word in many names, "MENA" the
 * Middle East and North Africa, "Dawn", "Punch" and "Stuff" English words, "Nikkei" a
 * stock index, "The Age" and "The Australian" the start of many sentences, "MAP" and "TAP"
 * words in headlines written in capitals, "ABC" the start of many companies' names.  They
 * count as outlets only next to a news cue. */
static const char * const outlets_needing_cue[] = {
  "AA", "ABC", "APP", "APS", "Anadolu", "Andina", "Bakhtar", "Channel One", "Dawn", "Fars",
  "Granma", "INA", "Jiji", "Kan", "Kayhan", "MAP", "MENA", "Mehr", "Milenio", "Mizan",
  "Myanmar Now", "New Vision", "Nikkei", "Petra", "Punch", "Reforma", "Sabah", "Semana", "Stuff",
  "TAP", "Tempo", "The Age", "The Australian", "The Hindu", "The Irrawaddy", "The Namibian",
  "The National", "The New Times", "The Punch", "Vanguard", NULL,
};

typedef struct {
  const char *file;
  guint       line;
} Location;

typedef struct {
  DossierGazetteer *gazetteer;
  GHashTable       *forms;       /* form text → Location of its first use (owned) */
  GHashTable       *countries;   /* country name → entry index */
} Loader;

void
dossier_gazetteer_free (DossierGazetteer *gazetteer)
{
  if (gazetteer == NULL)
    return;
  g_clear_pointer (&gazetteer->entries, g_ptr_array_unref);
  if (gazetteer->patterns != NULL)
    {
      for (guint i = 0; i < gazetteer->patterns->len; i++)
        g_free (g_array_index (gazetteer->patterns, DossierGazetteerPattern, i).text);
      g_array_unref (gazetteer->patterns);
    }
  g_clear_pointer (&gazetteer->automaton, dossier_aho_corasick_free);
  g_clear_pointer (&gazetteer->given_names, g_hash_table_unref);
  g_clear_pointer (&gazetteer->folded_forms, g_hash_table_unref);
  g_free (gazetteer);
}

static void
entry_free (DossierGazetteerEntry *entry)
{
  g_free (entry->name);
  g_free (entry->detail);
  g_free (entry);
}

static guint
add_entry (Loader                *loader,
           const char            *name,
           DossierGazetteerClass  klass,
           DossierEntityKind      kind,
           const char            *detail)
{
  DossierGazetteerEntry *entry = g_new0 (DossierGazetteerEntry, 1);

  entry->name = g_strdup (name);
  entry->klass = klass;
  entry->kind = kind;
  entry->detail = detail != NULL && detail[0] != '\0' ? g_strdup (detail) : NULL;
  g_ptr_array_add (loader->gazetteer->entries, entry);
  return loader->gazetteer->entries->len - 1;
}

static void
push_pattern (Loader                *loader,
              guint                  entry,
              const char            *text,
              DossierGazetteerForm   form,
              DossierGazetteerFlags  flags)
{
  DossierGazetteerPattern pattern = { entry, g_strdup (text), form, flags };

  g_array_append_val (loader->gazetteer->patterns, pattern);
}

/* A form must begin with a letter or digit and end with one or with '.' ("Gen.", "U.S."):
 * the automaton matches whole words. */
static gboolean
is_valid_form (const char *text)
{
  const char *last;
  gunichar first;
  gunichar end;

  if (text[0] == '\0')
    return FALSE;
  first = g_utf8_get_char (text);
  last = g_utf8_prev_char (text + strlen (text));
  end = g_utf8_get_char (last);
  return g_unichar_isalnum (first) && (g_unichar_isalnum (end) || end == '.');
}

/* Adds @text as a form of @entry, with its typographic variant ("People's" and "People’s")
 * and, for demonyms ending in -n or -i, the plural ("Iranians", "Qataris"). */
static gboolean
add_form (Loader                *loader,
          const Location        *where,
          guint                  entry,
          const char            *text,
          DossierGazetteerForm   form,
          DossierGazetteerFlags  flags,
          GError               **error)
{
  const Location *first;
  gsize len = strlen (text);

  if (!is_valid_form (text))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                   "%s: line %u: “%s” must begin with a letter or digit and end with one "
                   "or with “.”", where->file, where->line, text);
      return FALSE;
    }
  first = g_hash_table_lookup (loader->forms, text);
  if (first != NULL)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                   "%s: line %u: “%s” is already used (%s, line %u)",
                   where->file, where->line, text, first->file, first->line);
      return FALSE;
    }
  g_hash_table_insert (loader->forms, g_strdup (text), g_memdup2 (where, sizeof *where));
  push_pattern (loader, entry, text, form, flags);

  if (strchr (text, '\'') != NULL)
    {
      g_autoptr(GString) curly = g_string_new (text);

      g_string_replace (curly, "'", "’", 0);
      push_pattern (loader, entry, curly->str, form, flags);
    }
  if (form == DOSSIER_GAZETTEER_FORM_DEMONYM && (text[len - 1] == 'n' || text[len - 1] == 'i'))
    {
      g_autofree char *plural = g_strconcat (text, "s", NULL);

      if (!g_hash_table_contains (loader->forms, plural))
        push_pattern (loader, entry, plural, form, flags);
    }
  return TRUE;
}

static gboolean
add_forms (Loader                *loader,
           const Location        *where,
           guint                  entry,
           const char            *list,
           DossierGazetteerForm   form,
           DossierGazetteerFlags  flags,
           GError               **error)
{
  g_auto(GStrv) items = NULL;

  if (list[0] == '\0')
    return TRUE;
  items = g_strsplit (list, "|", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      if (g_strstrip (items[i])[0] == '\0')
        {
          g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                       "%s: line %u: empty item in “%s” (items are separated by a single “|”)",
                       where->file, where->line, list);
          return FALSE;
        }
      if (!add_form (loader, where, entry, items[i], form, flags, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_blank (const char *line)
{
  for (const char *p = line; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

typedef gboolean (*RowFunc) (Loader          *loader,
                             const Location  *where,
                             char           **cells,
                             GError         **error);

/* Reads data/gazetteer/@file: UTF-8, tab-separated, '#' comments and blank lines skipped,
 * a header line naming the columns, then one row per entry. */
static gboolean
load_table (Loader             *loader,
            const char         *file,
            const char * const *columns,
            RowFunc             row_func,
            GError            **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, file, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *data = NULL;
  guint n_columns = g_strv_length ((GStrv) columns);
  gboolean have_header = FALSE;
  Location where = { file, 0 };
  const char *raw;
  gsize size;

  bytes = g_resource_lookup_data (dossier_core_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  raw = g_bytes_get_data (bytes, &size);
  data = g_strndup (raw, size);
  if (!g_utf8_validate (data, (gssize) size, NULL))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_ENCODING, "%s: not valid UTF-8", file);
      return FALSE;
    }

  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      char *line = lines[i];
      gsize len = strlen (line);

      where.line = i + 1;
      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
      if (line[0] == '#' || is_blank (line))
        continue;
      cells = g_strsplit (line, "\t", -1);
      if (g_strv_length (cells) != n_columns)
        {
          g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                       "%s: line %u: %u columns, expected %u separated by tabs",
                       file, where.line, g_strv_length (cells), n_columns);
          return FALSE;
        }
      for (guint c = 0; c < n_columns; c++)
        g_strstrip (cells[c]);
      if (!have_header)
        {
          for (guint c = 0; c < n_columns; c++)
            if (strcmp (cells[c], columns[c]) != 0)
              {
                g_autofree char *expected = g_strjoinv (", ", (GStrv) columns);

                g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                             "%s: line %u: expected the header line (%s)",
                             file, where.line, expected);
                return FALSE;
              }
          have_header = TRUE;
          continue;
        }
      if (cells[0][0] == '\0')
        {
          g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                       "%s: line %u: the first column is empty", file, where.line);
          return FALSE;
        }
      if (!row_func (loader, &where, cells, error))
        return FALSE;
    }
  if (!have_header)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE, "%s: no header line", file);
      return FALSE;
    }
  return TRUE;
}

static gboolean
country_row (Loader          *loader,
             const Location  *where,
             char           **cells,
             GError         **error)
{
  guint entry = add_entry (loader, cells[0], DOSSIER_GAZETTEER_COUNTRY, DOSSIER_ENTITY_PLACE,
                           NULL);

  g_hash_table_insert (loader->countries, g_strdup (cells[0]), GUINT_TO_POINTER (entry));
  if (!add_form (loader, where, entry, cells[0], DOSSIER_GAZETTEER_FORM_NAME, 0, error) ||
      !add_forms (loader, where, entry, cells[1], DOSSIER_GAZETTEER_FORM_DEMONYM, 0, error) ||
      !add_forms (loader, where, entry, cells[3], DOSSIER_GAZETTEER_FORM_ALIAS, 0, error))
    return FALSE;
  /* A city-state's capital bears its name (Singapore): one entry is enough. */
  if (cells[2][0] != '\0')
    {
      g_auto(GStrv) spellings = g_strsplit (cells[2], "|", 2);
      guint capital;

      g_strstrip (spellings[0]);
      if (strcmp (spellings[0], cells[0]) == 0)
        return TRUE;
      capital = add_entry (loader, spellings[0], DOSSIER_GAZETTEER_CITY, DOSSIER_ENTITY_PLACE,
                           cells[0]);
      if (!add_form (loader, where, capital, spellings[0], DOSSIER_GAZETTEER_FORM_NAME, 0,
                     error))
        return FALSE;
      if (spellings[1] != NULL &&
          !add_forms (loader, where, capital, spellings[1], DOSSIER_GAZETTEER_FORM_ALIAS, 0,
                      error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
city_row (Loader          *loader,
          const Location  *where,
          char           **cells,
          GError         **error)
{
  guint entry;

  if (cells[1][0] != '\0' && !g_hash_table_contains (loader->countries, cells[1]))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                   "%s: line %u: “%s” is not a country of countries.tsv",
                   where->file, where->line, cells[1]);
      return FALSE;
    }
  entry = add_entry (loader, cells[0], DOSSIER_GAZETTEER_CITY, DOSSIER_ENTITY_PLACE, cells[1]);
  return add_form (loader, where, entry, cells[0], DOSSIER_GAZETTEER_FORM_NAME, 0, error) &&
         add_forms (loader, where, entry, cells[2], DOSSIER_GAZETTEER_FORM_ALIAS, 0, error);
}

/* A state or province: a region of a country. */
static gboolean
subdivision_row (Loader          *loader,
                 const Location  *where,
                 char           **cells,
                 GError         **error)
{
  guint entry;

  if (!g_hash_table_contains (loader->countries, cells[1]))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                   "%s: line %u: “%s” is not a country of countries.tsv",
                   where->file, where->line, cells[1]);
      return FALSE;
    }
  entry = add_entry (loader, cells[0], DOSSIER_GAZETTEER_REGION, DOSSIER_ENTITY_PLACE, cells[1]);
  return add_form (loader, where, entry, cells[0], DOSSIER_GAZETTEER_FORM_NAME, 0, error) &&
         add_forms (loader, where, entry, cells[2], DOSSIER_GAZETTEER_FORM_ALIAS, 0, error);
}

static gboolean
region_row (Loader          *loader,
            const Location  *where,
            char           **cells,
            GError         **error)
{
  guint entry = add_entry (loader, cells[0], DOSSIER_GAZETTEER_REGION, DOSSIER_ENTITY_PLACE,
                           NULL);

  return add_form (loader, where, entry, cells[0], DOSSIER_GAZETTEER_FORM_NAME, 0, error) &&
         add_forms (loader, where, entry, cells[1], DOSSIER_GAZETTEER_FORM_ALIAS, 0, error);
}

/* A people, faith or region's adjective: its forms are read as demonyms (no mentions). */
static gboolean
people_row (Loader          *loader,
            const Location  *where,
            char           **cells,
            GError         **error)
{
  guint entry = add_entry (loader, cells[0], DOSSIER_GAZETTEER_REGION, DOSSIER_ENTITY_PLACE,
                           NULL);

  return add_form (loader, where, entry, cells[0], DOSSIER_GAZETTEER_FORM_DEMONYM, 0, error) &&
         add_forms (loader, where, entry, cells[1], DOSSIER_GAZETTEER_FORM_DEMONYM, 0, error);
}

static gboolean
organization_row (Loader          *loader,
                  const Location  *where,
                  char           **cells,
                  GError         **error)
{
  guint entry = add_entry (loader, cells[0], DOSSIER_GAZETTEER_ORGANIZATION,
                           DOSSIER_ENTITY_ORGANIZATION, cells[1]);

  return add_form (loader, where, entry, cells[0], DOSSIER_GAZETTEER_FORM_NAME, 0, error) &&
         add_forms (loader, where, entry, cells[2], DOSSIER_GAZETTEER_FORM_ALIAS, 0, error);
}

static gboolean
title_row (Loader          *loader,
           const Location  *where,
           char           **cells,
           GError         **error)
{
  guint entry = add_entry (loader, cells[0], DOSSIER_GAZETTEER_TITLE, DOSSIER_ENTITY_PERSON,
                           cells[1]);

  return add_form (loader, where, entry, cells[0], DOSSIER_GAZETTEER_FORM_NAME,
                   DOSSIER_GAZETTEER_FLAG_ANY_CASE, error);
}

static gboolean
given_name_row (Loader          *loader,
                const Location  *where,
                char           **cells,
                GError         **error)
{
  if (!g_hash_table_add (loader->gazetteer->given_names, g_strdup (cells[0])))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                   "%s: line %u: “%s” is listed twice", where->file, where->line, cells[0]);
      return FALSE;
    }
  return TRUE;
}

static DossierGazetteerFlags
outlet_flags (const char *form)
{
  if (strcmp (form, "X") == 0)
    return DOSSIER_GAZETTEER_FLAG_AFTER_ON;
  if (g_strv_contains (outlets_needing_cue, form))
    return DOSSIER_GAZETTEER_FLAG_NEEDS_CUE;
  return DOSSIER_GAZETTEER_FLAG_NONE;
}

static gboolean
load_outlets (Loader  *loader,
              GError **error)
{
  g_autoptr(GPtrArray) sources = dossier_source_registry_load_default (error);
  Location where = { "sources.tsv", 0 };

  if (sources == NULL)
    return FALSE;
  for (guint i = 0; i < sources->len; i++)
    {
      const DossierSourceEntry *source = g_ptr_array_index (sources, i);
      guint entry = add_entry (loader, source->name, DOSSIER_GAZETTEER_OUTLET,
                               DOSSIER_ENTITY_OUTLET, source->kind);

      /* The registry's own parser has checked it; its line numbers are not kept. */
      where.line = i + 1;
      if (!add_form (loader, &where, entry, source->name, DOSSIER_GAZETTEER_FORM_NAME,
                     outlet_flags (source->name), error))
        return FALSE;
      for (guint j = 0; source->aliases[j] != NULL; j++)
        if (!add_form (loader, &where, entry, source->aliases[j], DOSSIER_GAZETTEER_FORM_ALIAS,
                       outlet_flags (source->aliases[j]), error))
          return FALSE;
    }
  return TRUE;
}

DossierGazetteer *
dossier_gazetteer_new (GError **error)
{
  static const char * const country_columns[] = { "name", "demonyms", "capital", "aliases", NULL };
  static const char * const city_columns[] = { "name", "country", "aliases", NULL };
  static const char * const region_columns[] = { "name", "aliases", NULL };
  static const char * const people_columns[] = { "name", "forms", NULL };
  static const char * const organization_columns[] = { "name", "type", "aliases", NULL };
  static const char * const title_columns[] = { "title", "type", NULL };
  static const char * const given_name_columns[] = { "name", NULL };
  g_autoptr(DossierGazetteer) gazetteer = g_new0 (DossierGazetteer, 1);
  g_autoptr(GHashTable) forms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           NULL);
  Loader loader = { gazetteer, forms, countries };

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  gazetteer->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  gazetteer->patterns = g_array_new (FALSE, FALSE, sizeof (DossierGazetteerPattern));
  gazetteer->given_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!load_table (&loader, "countries.tsv", country_columns, country_row, error) ||
      !load_table (&loader, "cities.tsv", city_columns, city_row, error) ||
      !load_table (&loader, "regions.tsv", region_columns, region_row, error) ||
      !load_table (&loader, "subdivisions.tsv", city_columns, subdivision_row, error) ||
      !load_table (&loader, "peoples.tsv", people_columns, people_row, error) ||
      /* After the hand-made files: its generator leaves out the names they hold. */
      !load_table (&loader, "geonames-cities.tsv", city_columns, city_row, error) ||
      !load_table (&loader, "organizations.tsv", organization_columns, organization_row,
                   error) ||
      !load_outlets (&loader, error) ||
      !load_table (&loader, "titles.tsv", title_columns, title_row, error) ||
      !load_table (&loader, "given-names.tsv", given_name_columns, given_name_row, error))
    return NULL;

  gazetteer->automaton = dossier_aho_corasick_new ();
  gazetteer->folded_forms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < gazetteer->patterns->len; i++)
    {
      const DossierGazetteerPattern *pattern = &g_array_index (gazetteer->patterns,
                                                               DossierGazetteerPattern, i);

      dossier_aho_corasick_add (gazetteer->automaton, pattern->text, strlen (pattern->text), i);
      g_hash_table_add (gazetteer->folded_forms, g_utf8_casefold (pattern->text, -1));
    }
  dossier_aho_corasick_compile (gazetteer->automaton);
  g_debug ("%u entries, %u patterns, %u automaton states, %u given names",
           gazetteer->entries->len, gazetteer->patterns->len,
           dossier_aho_corasick_get_n_states (gazetteer->automaton),
           g_hash_table_size (gazetteer->given_names));
  return g_steal_pointer (&gazetteer);
}

static gpointer
load_default (gpointer data)
{
  g_autoptr(GError) error = NULL;
  DossierGazetteer *gazetteer = dossier_gazetteer_new (&error);

  /* The data is compiled in and checked by the tests: failing here is a bug in this build. */
  if (gazetteer == NULL)
    g_error ("The built-in gazetteer is broken: %s", error->message);
  return gazetteer;
}

const DossierGazetteer *
dossier_gazetteer_get_default (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_default, NULL);
}

gboolean
dossier_gazetteer_is_given_name (const DossierGazetteer *gazetteer,
                                 const char             *name)
{
  g_return_val_if_fail (gazetteer != NULL, FALSE);

  return name != NULL && g_hash_table_contains (gazetteer->given_names, name);
}

gboolean
dossier_gazetteer_knows_form (const DossierGazetteer *gazetteer,
                              const char             *text)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (gazetteer != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  key = g_utf8_casefold (text, -1);
  return g_hash_table_contains (gazetteer->folded_forms, key);
}
