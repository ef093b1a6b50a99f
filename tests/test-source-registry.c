/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dossier-error.h"
#include "dossier-source-registry.h"

#define HEADER "name\tkind\tcountry\taliases\tnotes\n"

static GPtrArray *
parse_string (const char  *tsv,
              GError     **error)
{
  return dossier_source_registry_parse (tsv, strlen (tsv), "test.tsv", error);
}

/* The entry named @name; a registry without it fails the test. */
static const DossierSourceEntry *
get_entry (GPtrArray  *entries,
           const char *name)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const DossierSourceEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->name, name) == 0)
        return entry;
    }
  g_error ("no source named “%s” in the registry", name);
}

static void
check_error (const char *tsv,
             int         code,
             const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = parse_string (tsv, &error);

  g_assert_null (entries);
  g_assert_error (error, DOSSIER_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_kinds (void)
{
  const char * const *kinds = dossier_source_kinds ();

  g_assert_cmpuint (g_strv_length ((GStrv) kinds), ==, 8);
  for (guint i = 0; kinds[i] != NULL; i++)
    g_assert_true (dossier_source_kind_is_valid (kinds[i]));
  g_assert_true (g_strv_contains (kinds, "state-media"));
  g_assert_true (g_strv_contains (kinds, "social-platform"));
  g_assert_false (dossier_source_kind_is_valid ("State-Media"));
  g_assert_false (dossier_source_kind_is_valid ("person"));
  g_assert_false (dossier_source_kind_is_valid (""));
  g_assert_false (dossier_source_kind_is_valid (NULL));
}

static void
test_default_registry (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = dossier_source_registry_load_default (&error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const DossierSourceEntry *entry;

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, >=, 90);

  for (guint i = 0; i < entries->len; i++)
    {
      entry = g_ptr_array_index (entries, i);
      g_assert_nonnull (entry->name);
      g_assert_cmpstr (entry->name, !=, "");
      g_assert_true (dossier_source_kind_is_valid (entry->kind));
      g_assert_nonnull (entry->aliases);
      if (entry->country != NULL)
        g_assert_cmpuint (strlen (entry->country), ==, 2);
      g_assert_true (entry->notes == NULL || entry->notes[0] != '\0');

      /* The parser refuses duplicates; check it independently of the parser. */
      g_assert_true (g_hash_table_add (seen, g_utf8_casefold (entry->name, -1)));
      for (guint j = 0; entry->aliases[j] != NULL; j++)
        {
          g_assert_cmpstr (entry->aliases[j], !=, "");
          g_assert_true (g_hash_table_add (seen, g_utf8_casefold (entry->aliases[j], -1)));
        }
    }

  entry = get_entry (entries, "IRNA");
  g_assert_cmpstr (entry->kind, ==, "state-media");
  g_assert_cmpstr (entry->country, ==, "IR");
  g_assert_true (g_strv_contains ((const char * const *) entry->aliases,
                                  "Islamic Republic News Agency"));

  entry = get_entry (entries, "Reuters");
  g_assert_cmpstr (entry->kind, ==, "news-agency");

  entry = get_entry (entries, "X");
  g_assert_cmpstr (entry->kind, ==, "social-platform");
  g_assert_null (entry->country);
  g_assert_true (g_strv_contains ((const char * const *) entry->aliases, "Twitter"));

  /* UTF-8 outside ASCII survives the resource and the parser. */
  entry = get_entry (entries, "Hürriyet");
  g_assert_cmpstr (entry->country, ==, "TR");
}

static void
test_parse_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const DossierSourceEntry *entry;

  entries = parse_string ("# A comment before the header\n"
                          "\n"
                          HEADER
                          "# Wire services\n"
                          "Reuters\tnews-agency\tGB\tThomson Reuters\tHeadquartered in London\n"
                          "   \n"
                          "\t\t\t\t\n"
                          "#X\tsocial-platform\t\t\t\n"
                          " X \t social-platform \t\t Twitter | x.com \t\n"
                          "Yeni Şafak\tnewspaper\tTR\t\t\n",
                          &error);
  g_assert_no_error (error);
  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, ==, 3);

  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->name, ==, "Reuters");
  g_assert_cmpstr (entry->kind, ==, "news-agency");
  g_assert_cmpstr (entry->country, ==, "GB");
  g_assert_cmpuint (g_strv_length (entry->aliases), ==, 1);
  g_assert_cmpstr (entry->aliases[0], ==, "Thomson Reuters");
  g_assert_cmpstr (entry->notes, ==, "Headquartered in London");

  /* Cells and aliases are trimmed; empty country and notes are NULL. */
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->name, ==, "X");
  g_assert_cmpstr (entry->kind, ==, "social-platform");
  g_assert_null (entry->country);
  g_assert_cmpuint (g_strv_length (entry->aliases), ==, 2);
  g_assert_cmpstr (entry->aliases[0], ==, "Twitter");
  g_assert_cmpstr (entry->aliases[1], ==, "x.com");
  g_assert_null (entry->notes);

  /* No aliases: an empty array, not NULL. */
  entry = g_ptr_array_index (entries, 2);
  g_assert_cmpstr (entry->name, ==, "Yeni Şafak");
  g_assert_nonnull (entry->aliases);
  g_assert_null (entry->aliases[0]);
}

static void
test_parse_crlf (void)
{
  const char *tsv = "\xEF\xBB\xBF# Saved by a Windows editor, with a byte order mark\r\n"
                    "name\tkind\tcountry\taliases\tnotes\r\n"
                    "\r\n"
                    "AP\tnews-agency\tUS\tAssociated Press\tCooperative\r\n"
                    "AFP\tnews-agency\tFR\t\t\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = parse_string (tsv, &error);
  const DossierSourceEntry *entry;

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->aliases[0], ==, "Associated Press");
  g_assert_cmpstr (entry->notes, ==, "Cooperative");
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->name, ==, "AFP");
  g_assert_null (entry->notes);
}

static void
test_parse_header_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = parse_string ("# nothing yet\n" HEADER, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, ==, 0);

  /* A last line without a newline is a line. */
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = parse_string (HEADER "RT\tstate-media\tRU\tRussia Today\t", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
}

static void
test_error_columns (void)
{
  check_error (HEADER
               "IRNA\tstate-media\tIR\tIslamic Republic News Agency\n",
               DOSSIER_ERROR_PARSE,
               "test.tsv: line 2: 4 columns, expected 5 separated by tabs");
  check_error (HEADER
               "# comment\n"
               "IRNA\tstate-media\tIR\t\t\textra\n",
               DOSSIER_ERROR_PARSE,
               "test.tsv: line 3: 6 columns, expected 5 separated by tabs");
  /* Columns separated by spaces, as an editor that expands tabs would leave them. */
  check_error (HEADER
               "IRNA    state-media    IR\n",
               DOSSIER_ERROR_PARSE,
               "test.tsv: line 2: 1 column, expected 5 separated by tabs");
}

static void
test_error_header (void)
{
  check_error ("name\tkind\tcountry\tnotes\taliases\n",
               DOSSIER_ERROR_PARSE,
               "test.tsv: line 1: expected the header line: name, kind, country, aliases and "
               "notes separated by tabs");
  check_error ("# only comments\n\n",
               DOSSIER_ERROR_PARSE,
               "test.tsv: no header line (name, kind, country, aliases and notes separated by "
               "tabs)");
  check_error ("",
               DOSSIER_ERROR_PARSE,
               "test.tsv: no header line (name, kind, country, aliases and notes separated by "
               "tabs)");
}

static void
test_error_empty_name (void)
{
  check_error (HEADER
               " \tstate-media\tIR\t\t\n",
               DOSSIER_ERROR_PARSE,
               "test.tsv: line 2: the name is empty");
}

static void
test_error_unknown_kind (void)
{
  check_error (HEADER
               "IRNA\tstate media\tIR\t\t\n",
               DOSSIER_ERROR_PARSE,
               "test.tsv: line 2: unknown kind “state media” (expected one of state-media, "
               "news-agency, newspaper, broadcaster, online, social-platform, official, "
               "other)");
  check_error (HEADER
               "IRNA\t\tIR\t\t\n",
               DOSSIER_ERROR_PARSE,
               "test.tsv: line 2: unknown kind “” (expected one of state-media, "
               "news-agency, newspaper, broadcaster, online, social-platform, official, "
               "other)");
}

static void
test_error_bad_country (void)
{
  check_error (HEADER
               "IRNA\tstate-media\tIRN\t\t\n",
               DOSSIER_ERROR_PARSE,
               "test.tsv: line 2: “IRN” is not an ISO 3166-1 alpha-2 country code such as "
               "“IR” or “GB”");
  check_error (HEADER
               "IRNA\tstate-media\tir\t\t\n",
               DOSSIER_ERROR_PARSE,
               "test.tsv: line 2: “ir” is not an ISO 3166-1 alpha-2 country code such as "
               "“IR” or “GB”");
  /* Two capital letters, but not an assigned code. */
  check_error (HEADER
               "Example\tnewspaper\tQQ\t\t\n",
               DOSSIER_ERROR_PARSE,
               "test.tsv: line 2: “QQ” is not an ISO 3166-1 alpha-2 country code such as "
               "“IR” or “GB”");
  check_error (HEADER
               "BBC\tbroadcaster\tUK\t\t\n",
               DOSSIER_ERROR_PARSE,
               "test.tsv: line 2: “UK” is not an ISO 3166-1 alpha-2 country code (the United "
               "Kingdom is “GB”)");
}

static void
test_error_duplicates (void)
{
  /* An alias of one row that is another row's alias, whatever its case. */
  check_error (HEADER
               "IRNA\tstate-media\tIR\tIslamic Republic News Agency|Iranian state media\t\n"
               "IRIB\tstate-media\tIR\tIRANIAN STATE MEDIA\t\n",
               DOSSIER_ERROR_PARSE,
               "test.tsv: line 3: duplicate alias “IRANIAN STATE MEDIA” (already used on "
               "line 2)");
  /* An alias that is another row's name. */
  check_error (HEADER
               "RT\tstate-media\tRU\tRussia Today\t\n"
               "\n"
               "Sputnik\tstate-media\tRU\trt\t\n",
               DOSSIER_ERROR_PARSE,
               "test.tsv: line 4: duplicate alias “rt” (already used on line 2)");
  /* A name used twice. */
  check_error (HEADER
               "Reuters\tnews-agency\tGB\t\t\n"
               "reuters\tnews-agency\tGB\t\t\n",
               DOSSIER_ERROR_PARSE,
               "test.tsv: line 3: duplicate name “reuters” (already used on line 2)");
  /* Case folding is not limited to ASCII. */
  check_error (HEADER
               "Hürriyet\tnewspaper\tTR\t\t\n"
               "Other\tnewspaper\tTR\tHÜRRIYET\t\n",
               DOSSIER_ERROR_PARSE,
               "test.tsv: line 3: duplicate alias “HÜRRIYET” (already used on line 2)");
}

static void
test_error_empty_alias (void)
{
  check_error (HEADER
               "AP\tnews-agency\tUS\tAssociated Press||The Associated Press\t\n",
               DOSSIER_ERROR_PARSE,
               "test.tsv: line 2: empty alias (aliases are separated by a single “|”)");
}

static void
test_error_invalid_utf8 (void)
{
  /* A Latin-1 "ü" (0xFC): the header is 32 bytes, the row's "H" is byte 54. */
  check_error (HEADER
               "Hurriyet\tnewspaper\tTR\tH\xFCrriyet\t\n",
               DOSSIER_ERROR_ENCODING,
               "test.tsv: line 2: not valid UTF-8 at byte 55");
  check_error ("# caf\xC3\n" HEADER,
               DOSSIER_ERROR_ENCODING,
               "test.tsv: line 1: not valid UTF-8 at byte 5");
}

static void
test_error_nul_byte (void)
{
  static const char tsv[] = HEADER "AP\tnews-agency\tUS\t\0\t\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  entries = dossier_source_registry_parse (tsv, sizeof tsv - 1, "test.tsv", &error);
  g_assert_null (entries);
  g_assert_error (error, DOSSIER_ERROR, DOSSIER_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "test.tsv: line 2: not valid UTF-8 at byte 50");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/source-registry/kinds", test_kinds);
  g_test_add_func ("/source-registry/default", test_default_registry);
  g_test_add_func ("/source-registry/parse/fields", test_parse_fields);
  g_test_add_func ("/source-registry/parse/crlf", test_parse_crlf);
  g_test_add_func ("/source-registry/parse/header-only", test_parse_header_only);
  g_test_add_func ("/source-registry/error/columns", test_error_columns);
  g_test_add_func ("/source-registry/error/header", test_error_header);
  g_test_add_func ("/source-registry/error/empty-name", test_error_empty_name);
  g_test_add_func ("/source-registry/error/unknown-kind", test_error_unknown_kind);
  g_test_add_func ("/source-registry/error/bad-country", test_error_bad_country);
  g_test_add_func ("/source-registry/error/duplicates", test_error_duplicates);
  g_test_add_func ("/source-registry/error/empty-alias", test_error_empty_alias);
  g_test_add_func ("/source-registry/error/invalid-utf8", test_error_invalid_utf8);
  g_test_add_func ("/source-registry/error/nul-byte", test_error_nul_byte);

  return g_test_run ();
}
