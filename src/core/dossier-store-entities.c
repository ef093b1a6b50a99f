/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-error.h"
#include "dossier-store-private.h"
#include "dossier-text-scan.h"

/*
 * The entity sidebar and the timeline: entities with their counts, their mentions and
 * documents, the analyst's corrections to them (rename, kind, aliases, split, reject), dated
 * events the analyst adds by hand, and the timeline with its filters.
 *
 * An entity rejected outright (entity.rejected, schema 4) has all its mentions rejected, and
 * extraction resolves it to nothing (dossier_store_forget_rejected_entity()), so it is
 * suggested in no document again.  The analyst's events have origin 'analyst' and status
 * 'confirmed': re-extraction only replaces rows that are 'auto' and 'suggested'.
 */

/* Separates names in group_concat(); a control character no name contains. */
#define LIST_SEPARATOR "\x1f"

/* Helpers */

/* A name folded for comparisons that ignore case: ASCII quickly, the rest by casefolding. */
static char *
fold_name (const char *name)
{
  for (const char *p = name; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return g_utf8_casefold (name, -1);
  return g_ascii_strdown (name, -1);
}

/* The same, kept in @chunk (no allocation of its own for an ASCII name). */
static const char *
fold_into_chunk (GStringChunk *chunk,
                 const char   *name)
{
  g_autofree char *folded = NULL;
  char *copy;

  for (const char *p = name; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      {
        folded = g_utf8_casefold (name, -1);
        return g_string_chunk_insert (chunk, folded);
      }
  copy = g_string_chunk_insert (chunk, name);
  for (char *p = copy; *p != '\0'; p++)
    *p = g_ascii_tolower (*p);
  return copy;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *fa = fold_name (*(const char * const *) a);
  g_autofree char *fb = fold_name (*(const char * const *) b);
  int order = strcmp (fa, fb);

  return order != 0 ? order : strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Sorts @names (a GPtrArray of strings, stolen) into a NULL-terminated vector. */
static GStrv
sorted_strv (GPtrArray *names)
{
  if (names == NULL)
    return g_new0 (char *, 1);
  if (names->len > 1)
    qsort (names->pdata, names->len, sizeof (char *), compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

gboolean
dossier_store_read_entity (DossierStore       *self,
                           gint64              id,
                           char              **name,
                           DossierEntityKind  *kind,
                           GError            **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self, "SELECT name, kind FROM entity WHERE id = ?",
                                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (name != NULL)
        *name = dossier_store_column_strdup (stmt, 0);
      if (kind != NULL)
        dossier_entity_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), kind);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                   "No entity %" G_GINT64_FORMAT " in this workspace", id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      dossier_store_set_error (self, error, rc, "reading the entity");
      return FALSE;
    }
  return TRUE;
}

/* Fails with DOSSIER_ERROR_DUPLICATE when an entity of @kind other than @id is called @name
 * or has it as an alias: the two are one and should be merged. */
static gboolean
check_namesake (DossierStore       *self,
                gint64              id,
                const char         *name,
                DossierEntityKind   kind,
                GError            **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self,
    "SELECT id, name FROM entity WHERE name = ?1 COLLATE NOCASE AND kind = ?2 AND id <> ?3"
    " UNION ALL SELECT e.id, e.name FROM entity_alias a JOIN entity e ON e.id = a.entity_id"
    " WHERE a.alias = ?1 AND e.kind = ?2 AND e.id <> ?3 LIMIT 1", error);
  g_autofree char *other_name = NULL;
  gint64 other = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, dossier_entity_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      other = sqlite3_column_int64 (stmt, 0);
      other_name = dossier_store_column_strdup (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "reading entities");
      return FALSE;
    }
  if (other == 0)
    return TRUE;
  if (g_ascii_strcasecmp (name, other_name) == 0)
    g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_DUPLICATE,
                 "There is already a %s called “%s” (entity %" G_GINT64_FORMAT "): merge the "
                 "two instead", dossier_entity_kind_to_string (kind), other_name, other);
  else
    g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_DUPLICATE,
                 "“%s” is already a name of the %s “%s” (entity %" G_GINT64_FORMAT "): merge "
                 "the two instead", name, dossier_entity_kind_to_string (kind), other_name, other);
  return FALSE;
}

static gboolean
run_with_id (DossierStore  *self,
             const char    *sql,
             gint64         id,
             const char    *doing,
             GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return dossier_store_step_done (self, stmt, doing, error);
}

gboolean
dossier_store_add_alias_row (DossierStore  *self,
                             gint64         id,
                             const char    *alias,
                             GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self,
    "INSERT OR IGNORE INTO entity_alias (entity_id, alias) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, alias, -1, SQLITE_STATIC);
  return dossier_store_step_done (self, stmt, "saving an alias", error);
}

static gboolean
remove_alias_row (DossierStore  *self,
                  gint64         id,
                  const char    *alias,
                  gboolean      *removed,
                  GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self,
    "DELETE FROM entity_alias WHERE entity_id = ? AND alias = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, alias, -1, SQLITE_STATIC);
  if (!dossier_store_step_done (self, stmt, "removing an alias", error))
    return FALSE;
  if (removed != NULL)
    *removed = sqlite3_changes (dossier_store_get_db (self)) > 0;
  return TRUE;
}

static char *
require_name (const char  *name,
              const char  *what,
              GError     **error)
{
  char *clean = dossier_store_clean_name (name);

  if (clean == NULL)
    g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID, "%s cannot be empty", what);
  return clean;
}

/* Entity statistics */

void
dossier_entity_stats_free (DossierEntityStats *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->name);
  g_strfreev (stats->aliases);
  g_strfreev (stats->outlets);
  g_free (stats);
}

typedef struct {
  DossierEntityStats *stats;
  const char         *key;        /* the folded name, for sorting (in StatsTable.keys) */
  GPtrArray          *aliases;    /* names, while they are collected */
  GPtrArray          *outlets;
  guint               n_rows;     /* mention rows of any status */
  gboolean            rejected;   /* rejected outright */
  gboolean            analyst;    /* made by the analyst, not by extraction */
} StatsRow;

/* The entities being counted, by id; each grouped read is joined to them here. */
typedef struct {
  GArray       *rows;      /* StatsRow, in id order */
  guint         cursor;    /* where the last lookup ended */
  GStringChunk *keys;
} StatsTable;

static void
stats_row_clear (gpointer data)
{
  StatsRow *row = data;

  g_clear_pointer (&row->stats, dossier_entity_stats_free);
  g_clear_pointer (&row->aliases, g_ptr_array_unref);
  g_clear_pointer (&row->outlets, g_ptr_array_unref);
}

#define ROW_ID(table, i) (g_array_index ((table)->rows, StatsRow, (i)).stats->id)

static int
compare_row_ids (const void *key,
                 const void *element)
{
  gint64 id = *(const gint64 *) key;
  gint64 other = ((const StatsRow *) element)->stats->id;

  return (id > other) - (id < other);
}

/* The row of entity @id, or NULL.  The grouped reads come in id order, as the rows do: the
 * search goes on from the last row found, and falls back on bisection otherwise. */
static StatsRow *
find_row (StatsTable *table,
          gint64      id)
{
  GArray *rows = table->rows;

  while (table->cursor < rows->len && ROW_ID (table, table->cursor) < id)
    table->cursor++;
  if (table->cursor < rows->len && ROW_ID (table, table->cursor) == id)
    return &g_array_index (rows, StatsRow, table->cursor);
  if (table->cursor == 0 || ROW_ID (table, table->cursor - 1) < id)
    return NULL;
  return bsearch (&id, rows->data, rows->len, sizeof (StatsRow), compare_row_ids);
}

static int
compare_rows (const void *a,
              const void *b)
{
  const StatsRow *x = a, *y = b;
  int order;

  if (x->stats->kind != y->stats->kind)
    return x->stats->kind < y->stats->kind ? -1 : 1;
  if (x->stats->mentions != y->stats->mentions)
    return x->stats->mentions > y->stats->mentions ? -1 : 1;
  if ((order = strcmp (x->key, y->key)) != 0)
    return order;
  if ((order = strcmp (x->stats->name, y->stats->name)) != 0)
    return order;
  return (x->stats->id > y->stats->id) - (x->stats->id < y->stats->id);
}

static gboolean
matches_filter (const StatsRow *row,
                const char     *filter)
{
  if (strstr (row->key, filter) != NULL)
    return TRUE;
  for (guint i = 0; row->aliases != NULL && i < row->aliases->len; i++)
    {
      g_autofree char *folded = fold_name (g_ptr_array_index (row->aliases, i));

      if (strstr (folded, filter) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Adds @name to @list, made when needed. */
static void
collect_name (GPtrArray    **list,
              sqlite3_stmt  *stmt,
              int            column)
{
  if (*list == NULL)
    *list = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (*list, dossier_store_column_strdup (stmt, column));
}

/* The entities (of @kind, or all), in id order: rowid order, no sorting. */
static gboolean
read_stats_entities (DossierStore  *self,
                     int            kind,
                     StatsTable    *table,
                     GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self,
    "SELECT id, name, kind, rejected, origin = 'analyst' FROM entity"
    " WHERE ?1 IS NULL OR kind = ?1 ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (kind >= 0 && kind < DOSSIER_N_ENTITY_KINDS)
    sqlite3_bind_text (stmt, 1, dossier_entity_kind_to_string ((DossierEntityKind) kind), -1,
                       SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StatsRow row = { NULL, };
      DossierEntityStats *stats = g_new0 (DossierEntityStats, 1);

      stats->id = sqlite3_column_int64 (stmt, 0);
      stats->name = dossier_store_column_strdup (stmt, 1);
      dossier_entity_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &stats->kind);
      row.stats = stats;
      row.rejected = sqlite3_column_int (stmt, 3) != 0;
      row.analyst = sqlite3_column_int (stmt, 4) != 0;
      row.key = fold_into_chunk (table->keys, stats->name);
      g_array_append_val (table->rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "listing entities");
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_stats_aliases (DossierStore  *self,
                    StatsTable    *table,
                    GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self,
    "SELECT entity_id, alias FROM entity_alias ORDER BY entity_id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  table->cursor = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StatsRow *row = find_row (table, sqlite3_column_int64 (stmt, 0));

      if (row != NULL)
        collect_name (&row->aliases, stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "listing aliases");
      return FALSE;
    }
  return TRUE;
}

/* Mention counts of every entity at once: one pass over the index on (entity_id, document_id,
 * status), which holds all they need. */
static gboolean
read_stats_mentions (DossierStore  *self,
                     gint64         document_id,
                     StatsTable    *table,
                     GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self,
    "SELECT entity_id, count (*), count (*) FILTER (WHERE status <> 'rejected'),"
    " count (DISTINCT document_id) FILTER (WHERE status <> 'rejected')"
    " FROM mention GROUP BY entity_id ORDER BY entity_id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  table->cursor = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StatsRow *row = find_row (table, sqlite3_column_int64 (stmt, 0));

      if (row == NULL)
        continue;
      row->n_rows = (guint) sqlite3_column_int64 (stmt, 1);
      row->stats->mentions = (guint) sqlite3_column_int64 (stmt, 2);
      row->stats->documents = (guint) sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "counting mentions");
      return FALSE;
    }
  if (document_id == 0)
    return TRUE;

  /* The document's own, through its index. */
  stmt = dossier_store_statement (self,
    "SELECT entity_id, count (*) FROM mention WHERE document_id = ? AND status <> 'rejected'"
    " GROUP BY entity_id ORDER BY entity_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  table->cursor = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StatsRow *row = find_row (table, sqlite3_column_int64 (stmt, 0));

      if (row != NULL)
        row->stats->document_mentions = (guint) sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "counting the document's mentions");
      return FALSE;
    }
  return TRUE;
}

/* Confirmed quotes and claims by speaker and source. */
static gboolean
read_stats_quotes (DossierStore  *self,
                   StatsTable    *table,
                   GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self,
    "SELECT a.speaker_id, s.name, count (*) FROM annotation a"
    " LEFT JOIN source s ON s.id = a.source_id"
    " WHERE a.speaker_id IS NOT NULL AND a.kind IN ('quote', 'claim') AND a.review = 'confirmed'"
    " GROUP BY a.speaker_id, a.source_id ORDER BY a.speaker_id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  table->cursor = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StatsRow *row = find_row (table, sqlite3_column_int64 (stmt, 0));

      if (row == NULL)
        continue;
      row->stats->quotes += (guint) sqlite3_column_int64 (stmt, 2);
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        collect_name (&row->outlets, stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "counting quotes");
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
dossier_store_list_entity_stats (DossierStore  *self,
                                 gint64         document_id,
                                 const char    *filter_text,
                                 int            kind,
                                 GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (StatsRow));
  g_autoptr(GStringChunk) keys = g_string_chunk_new (64 * 1024);
  g_autoptr(GPtrArray) result = NULL;
  g_autofree char *clean = dossier_store_clean_name (filter_text);
  g_autofree char *filter = clean != NULL ? fold_name (clean) : NULL;
  StatsTable table = { rows, 0, keys };
  gint64 started = g_get_monotonic_time ();

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  g_array_set_clear_func (rows, stats_row_clear);
  /* Grouped reads joined here by entity id: SQLite would join the mention counts through a
   * temporary index of its own, several times slower on a large workspace. */
  if (!read_stats_entities (self, kind, &table, error) ||
      !read_stats_aliases (self, &table, error) ||
      !read_stats_mentions (self, document_id, &table, error) ||
      !read_stats_quotes (self, &table, error))
    return NULL;

  result = g_ptr_array_new_full (rows->len, (GDestroyNotify) dossier_entity_stats_free);
  qsort (rows->data, rows->len, sizeof (StatsRow), compare_rows);
  for (guint i = 0; i < rows->len; i++)
    {
      StatsRow *row = &g_array_index (rows, StatsRow, i);

      /* Left out, unless the analyst has them speak: entities whose mentions were all
       * rejected, those rejected outright, and those extraction made for the speaker of a
       * quote it only suggested. */
      if (row->stats->mentions == 0 && row->stats->quotes == 0 &&
          (row->n_rows > 0 || row->rejected || !row->analyst))
        continue;
      if (filter != NULL && !matches_filter (row, filter))
        continue;
      row->stats->aliases = sorted_strv (g_steal_pointer (&row->aliases));
      row->stats->outlets = sorted_strv (g_steal_pointer (&row->outlets));
      g_ptr_array_add (result, g_steal_pointer (&row->stats));
    }
  g_debug ("listed %u of %u entities in %.1f ms", result->len, rows->len,
           (g_get_monotonic_time () - started) / 1000.0);
  return g_steal_pointer (&result);
}
#undef ROW_ID

gint64
dossier_store_find_entity (DossierStore  *self,
                           const char    *name,
                           int            kind,
                           GError       **error)
{
  g_autofree char *clean = NULL;
  g_autoptr(GString) names = NULL;
  sqlite3_stmt *stmt;
  gint64 found = 0;
  guint n = 0;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), 0);

  clean = require_name (name, "An entity's name", error);
  if (clean == NULL)
    return 0;
  stmt = dossier_store_statement (self,
    "SELECT id, name, kind FROM entity WHERE name = ?1 COLLATE NOCASE AND (?2 IS NULL OR kind = ?2)"
    " UNION SELECT e.id, e.name, e.kind FROM entity_alias a JOIN entity e ON e.id = a.entity_id"
    " WHERE a.alias = ?1 AND (?2 IS NULL OR e.kind = ?2) ORDER BY 1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  if (kind >= 0 && kind < DOSSIER_N_ENTITY_KINDS)
    sqlite3_bind_text (stmt, 2, dossier_entity_kind_to_string ((DossierEntityKind) kind), -1,
                       SQLITE_STATIC);
  names = g_string_new (NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n++ == 0)
        found = sqlite3_column_int64 (stmt, 0);
      g_string_append_printf (names, "%s%" G_GINT64_FORMAT " “%s” (%s)", n > 1 ? ", " : "",
                              (gint64) sqlite3_column_int64 (stmt, 0),
                              sqlite3_column_text (stmt, 1),
                              sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "finding the entity");
      return 0;
    }
  if (n == 0)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                   "No entity called “%s” in this workspace", clean);
      return 0;
    }
  if (n > 1)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                   "“%s” names %u entities: %s; give one by its id", clean, n, names->str);
      return 0;
    }
  return found;
}

DossierEntity *
dossier_store_get_entity (DossierStore  *self,
                          gint64         id,
                          GError       **error)
{
  g_autoptr(DossierEntity) entity = NULL;
  g_autoptr(GPtrArray) aliases = NULL;
  sqlite3_stmt *stmt;
  gint64 quotes = 0;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  entity = dossier_entity_new ();
  entity->id = id;
  if (!dossier_store_read_entity (self, id, &entity->name, &entity->kind, error))
    return NULL;
  stmt = dossier_store_statement (self, "SELECT alias FROM entity_alias WHERE entity_id = ?",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    collect_name (&aliases, stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "reading aliases");
      return NULL;
    }
  g_strfreev (entity->aliases);
  entity->aliases = sorted_strv (g_steal_pointer (&aliases));

  stmt = dossier_store_statement (self,
    "SELECT count (*) FROM annotation WHERE speaker_id = ? AND kind IN ('quote', 'claim')"
    " AND review = 'confirmed'", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!dossier_store_lookup_id (self, stmt, &quotes, error))
    return NULL;
  entity->n_annotations = (guint) quotes;
  return g_steal_pointer (&entity);
}

/* Mentions and documents of an entity */

void
dossier_mention_free (DossierMention *mention)
{
  if (mention == NULL)
    return;
  g_free (mention->exact);
  g_free (mention);
}

GPtrArray *
dossier_store_list_entity_mentions (DossierStore  *self,
                                    gint64         entity_id,
                                    gint64         document_id,
                                    GError       **error)
{
  g_autoptr(GPtrArray) mentions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_mention_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  if (!dossier_store_read_entity (self, entity_id, NULL, NULL, error))
    return NULL;
  /* Two statements, so that one document's mentions are read through the index alone. */
  if (document_id != 0)
    stmt = dossier_store_statement (self,
      "SELECT id, document_id, start_offset, end_offset, exact, status FROM mention"
      " WHERE entity_id = ?1 AND document_id = ?2 AND status <> 'rejected'"
      " ORDER BY start_offset, end_offset, id", error);
  else
    stmt = dossier_store_statement (self,
      "SELECT id, document_id, start_offset, end_offset, exact, status FROM mention"
      " WHERE entity_id = ?1 AND ?2 = 0 AND status <> 'rejected'"
      " ORDER BY document_id, start_offset, end_offset, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, entity_id);
  sqlite3_bind_int64 (stmt, 2, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DossierMention *mention = g_new0 (DossierMention, 1);

      mention->id = sqlite3_column_int64 (stmt, 0);
      mention->entity_id = entity_id;
      mention->document_id = sqlite3_column_int64 (stmt, 1);
      mention->start = (guint) sqlite3_column_int64 (stmt, 2);
      mention->end = (guint) sqlite3_column_int64 (stmt, 3);
      mention->exact = dossier_store_column_strdup (stmt, 4);
      dossier_review_from_string ((const char *) sqlite3_column_text (stmt, 5), &mention->review);
      g_ptr_array_add (mentions, mention);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "listing mentions");
      return NULL;
    }
  return g_steal_pointer (&mentions);
}

GArray *
dossier_store_list_entity_documents (DossierStore  *self,
                                     gint64         entity_id,
                                     GError       **error)
{
  g_autoptr(GArray) documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  if (!dossier_store_read_entity (self, entity_id, NULL, NULL, error))
    return NULL;
  stmt = dossier_store_statement (self,
    "SELECT DISTINCT document_id FROM mention WHERE entity_id = ? AND status <> 'rejected'"
    " ORDER BY document_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, entity_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (documents, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "listing documents");
      return NULL;
    }
  return g_steal_pointer (&documents);
}

/* Correcting entities */

gboolean
dossier_store_rename_entity (DossierStore  *self,
                             gint64         id,
                             const char    *new_name,
                             GError       **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *key = NULL;
  DossierEntityKind kind;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  if ((clean = require_name (new_name, "An entity's name", error)) == NULL)
    return FALSE;
  if (!dossier_store_begin_write (self, error))
    return FALSE;
  if (!dossier_store_read_entity (self, id, &old_name, &kind, error))
    goto fail;
  if (strcmp (old_name, clean) != 0)
    {
      if (!check_namesake (self, id, clean, kind, error))
        goto fail;
      key = dossier_name_variant_key (clean);
      stmt = dossier_store_statement (self,
        "UPDATE entity SET name = ?, variant_key = ? WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
      dossier_store_bind_text (stmt, 2, key);
      sqlite3_bind_int64 (stmt, 3, id);
      /* The new name is no longer an alias; the old one becomes one (unless only its case
       * changed: names and aliases ignore case). */
      if (!dossier_store_step_done (self, stmt, "renaming the entity", error) ||
          !remove_alias_row (self, id, clean, NULL, error) ||
          (g_ascii_strcasecmp (old_name, clean) != 0 &&
           !dossier_store_add_alias_row (self, id, old_name, error)))
        goto fail;
      g_debug ("entity %" G_GINT64_FORMAT " renamed: %s → %s", id, old_name, clean);
    }
  if (!dossier_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  dossier_store_rollback_write (self);
  return FALSE;
}

gboolean
dossier_store_set_entity_kind (DossierStore       *self,
                               gint64              id,
                               DossierEntityKind   kind,
                               GError            **error)
{
  g_autofree char *name = NULL;
  DossierEntityKind old_kind;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail ((guint) kind < DOSSIER_N_ENTITY_KINDS, FALSE);

  if (!dossier_store_begin_write (self, error))
    return FALSE;
  if (!dossier_store_read_entity (self, id, &name, &old_kind, error))
    goto fail;
  if (old_kind != kind)
    {
      if (!check_namesake (self, id, name, kind, error))
        goto fail;
      stmt = dossier_store_statement (self, "UPDATE entity SET kind = ? WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, dossier_entity_kind_to_string (kind), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!dossier_store_step_done (self, stmt, "changing the entity's kind", error))
        goto fail;
    }
  if (!dossier_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  dossier_store_rollback_write (self);
  return FALSE;
}

gboolean
dossier_store_add_entity_alias (DossierStore  *self,
                                gint64         id,
                                const char    *alias,
                                GError       **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *name = NULL;
  DossierEntityKind kind;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  if ((clean = require_name (alias, "An alias", error)) == NULL)
    return FALSE;
  if (!dossier_store_begin_write (self, error))
    return FALSE;
  if (!dossier_store_read_entity (self, id, &name, &kind, error))
    goto fail;
  if (g_ascii_strcasecmp (name, clean) != 0 &&
      (!check_namesake (self, id, clean, kind, error) ||
       !dossier_store_add_alias_row (self, id, clean, error)))
    goto fail;
  if (!dossier_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  dossier_store_rollback_write (self);
  return FALSE;
}

gboolean
dossier_store_remove_entity_alias (DossierStore  *self,
                                   gint64         id,
                                   const char    *alias,
                                   GError       **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *name = NULL;
  gboolean removed = FALSE;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  if ((clean = require_name (alias, "An alias", error)) == NULL)
    return FALSE;
  if (!dossier_store_begin_write (self, error))
    return FALSE;
  if (!dossier_store_read_entity (self, id, &name, NULL, error) ||
      !remove_alias_row (self, id, clean, &removed, error))
    goto fail;
  if (!removed)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND, "“%s” is not an alias of “%s”",
                   clean, name);
      goto fail;
    }
  if (!dossier_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  dossier_store_rollback_write (self);
  return FALSE;
}

typedef struct {
  gint64  id;
  char   *exact;
} MentionWords;

static void
mention_words_clear (gpointer data)
{
  g_free (((MentionWords *) data)->exact);
}

/* Moves the mentions of @from whose words are @words (ignoring case) to @to. */
static gboolean
move_mentions_by_words (DossierStore  *self,
                        gint64         from,
                        gint64         to,
                        const char    *words,
                        guint         *moved,
                        GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (MentionWords));
  g_autofree char *folded = fold_name (words);
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (rows, mention_words_clear);
  stmt = dossier_store_statement (self, "SELECT id, exact FROM mention WHERE entity_id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MentionWords row = { sqlite3_column_int64 (stmt, 0), dossier_store_column_strdup (stmt, 1) };

      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "reading mentions");
      return FALSE;
    }

  *moved = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      MentionWords *row = &g_array_index (rows, MentionWords, i);
      g_autofree char *clean = dossier_store_clean_name (row->exact);
      g_autofree char *these = clean != NULL ? fold_name (clean) : NULL;

      if (g_strcmp0 (these, folded) != 0)
        continue;
      stmt = dossier_store_statement (self, "UPDATE mention SET entity_id = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, to);
      sqlite3_bind_int64 (stmt, 2, row->id);
      if (!dossier_store_step_done (self, stmt, "moving mentions", error))
        return FALSE;
      (*moved)++;
    }
  return TRUE;
}

gboolean
dossier_store_split_alias (DossierStore  *self,
                           gint64         entity_id,
                           const char    *alias,
                           gint64        *new_id,
                           GError       **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *name = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *key = NULL;
  g_autofree char *now = NULL;
  DossierEntityKind kind;
  sqlite3_stmt *stmt;
  gint64 id;
  guint moved = 0;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  if (new_id != NULL)
    *new_id = 0;
  if ((clean = require_name (alias, "An alias", error)) == NULL)
    return FALSE;
  if (!dossier_store_begin_write (self, error))
    return FALSE;
  if (!dossier_store_read_entity (self, entity_id, &name, &kind, error))
    goto fail;

  /* The alias as stored: its spelling becomes the new entity's name. */
  stmt = dossier_store_statement (self,
    "SELECT alias FROM entity_alias WHERE entity_id = ? AND alias = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, entity_id);
  sqlite3_bind_text (stmt, 2, clean, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    stored = dossier_store_column_strdup (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "reading aliases");
      goto fail;
    }
  if (stored == NULL)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND, "“%s” is not an alias of “%s”",
                   clean, name);
      goto fail;
    }
  if (!remove_alias_row (self, entity_id, stored, NULL, error) ||
      !check_namesake (self, entity_id, stored, kind, error))
    goto fail;

  key = dossier_name_variant_key (stored);
  now = dossier_store_now ();
  stmt = dossier_store_statement (self,
    "INSERT INTO entity (name, kind, created_at, variant_key, origin)"
    " VALUES (?, ?, ?, ?, 'analyst')", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, stored, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, dossier_entity_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  dossier_store_bind_text (stmt, 4, key);
  if (!dossier_store_step_done (self, stmt, "adding the entity", error))
    goto fail;
  id = sqlite3_last_insert_rowid (dossier_store_get_db (self));

  /* The two are different: a split is not proposed for a merge again. */
  stmt = dossier_store_statement (self,
    "INSERT OR IGNORE INTO merge_dismissal (entity_id, other_id)"
    " VALUES (min (?1, ?2), max (?1, ?2))", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, entity_id);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!dossier_store_step_done (self, stmt, "splitting the entity", error) ||
      !move_mentions_by_words (self, entity_id, id, stored, &moved, error) ||
      !dossier_store_commit_write (self, error))
    goto fail;
  g_debug ("“%s” split from entity %" G_GINT64_FORMAT " as %" G_GINT64_FORMAT " with %u mentions",
           stored, entity_id, id, moved);
  if (new_id != NULL)
    *new_id = id;
  return TRUE;

fail:
  dossier_store_rollback_write (self);
  return FALSE;
}

gboolean
dossier_store_reject_entity (DossierStore  *self,
                             gint64         id,
                             GError       **error)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  if (!dossier_store_begin_write (self, error))
    return FALSE;
  if (!dossier_store_read_entity (self, id, NULL, NULL, error) ||
      !run_with_id (self, "UPDATE mention SET status = 'rejected' WHERE entity_id = ?", id,
                    "rejecting mentions", error) ||
      !run_with_id (self, "UPDATE entity SET rejected = 1 WHERE id = ?", id,
                    "rejecting the entity", error) ||
      !dossier_store_commit_write (self, error))
    {
      dossier_store_rollback_write (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
dossier_store_restore_entity (DossierStore  *self,
                              gint64         id,
                              GPtrArray     *mentions,
                              GError       **error)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail (mentions != NULL, FALSE);

  if (!dossier_store_begin_write (self, error))
    return FALSE;
  if (!dossier_store_read_entity (self, id, NULL, NULL, error) ||
      !run_with_id (self, "UPDATE entity SET rejected = 0 WHERE id = ?", id,
                    "restoring the entity", error))
    goto fail;
  for (guint i = 0; i < mentions->len; i++)
    {
      const DossierMention *mention = g_ptr_array_index (mentions, i);
      sqlite3_stmt *stmt = dossier_store_statement (self,
        "UPDATE mention SET status = ? WHERE id = ? AND entity_id = ?", error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, dossier_review_to_string (mention->review), -1,
                         SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, mention->id);
      sqlite3_bind_int64 (stmt, 3, id);
      if (!dossier_store_step_done (self, stmt, "restoring mentions", error))
        goto fail;
    }
  if (dossier_store_commit_write (self, error))
    return TRUE;

fail:
  dossier_store_rollback_write (self);
  return FALSE;
}

gboolean
dossier_store_forget_rejected_entity (DossierStore  *self,
                                      gint64        *id,
                                      GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 rejected = 0;

  if (*id == 0)
    return TRUE;
  stmt = dossier_store_statement (self, "SELECT rejected FROM entity WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, *id);
  if (!dossier_store_lookup_id (self, stmt, &rejected, error))
    return FALSE;
  if (rejected)
    *id = 0;
  return TRUE;
}

/* Date values */

static gboolean
parse_digits (const char *s,
              guint       n,
              guint      *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      *value = *value * 10 + (guint) (s[i] - '0');
    }
  return TRUE;
}

gboolean
dossier_date_value_span (const char            *value,
                         DossierDatePrecision  *precision,
                         GDate                 *first,
                         GDate                 *last)
{
  DossierDatePrecision p;
  GDate a, b;
  guint year, month, day, week;
  gsize len;

  if (value == NULL)
    return FALSE;
  len = strlen (value);
  if (len < 4 || !parse_digits (value, 4, &year) || year < 1)
    return FALSE;
  g_date_clear (&a, 1);
  g_date_clear (&b, 1);

  if (len == 4)
    {
      p = DOSSIER_DATE_YEAR;
      g_date_set_dmy (&a, 1, G_DATE_JANUARY, (GDateYear) year);
      g_date_set_dmy (&b, 31, G_DATE_DECEMBER, (GDateYear) year);
    }
  else if (value[4] != '-')
    return FALSE;
  else if (value[5] == 'W')
    {
      gboolean weekend = len == 11 && strcmp (value + 8, "-WE") == 0;

      /* ISO 8601: week 1 holds January 4; weeks start on Monday. */
      if ((len != 8 && !weekend) || !parse_digits (value + 6, 2, &week) || week < 1 ||
          week > 53 || year < 2)
        return FALSE;
      p = DOSSIER_DATE_WEEK;
      g_date_set_dmy (&a, 4, G_DATE_JANUARY, (GDateYear) year);
      g_date_subtract_days (&a, g_date_get_weekday (&a) - G_DATE_MONDAY);
      g_date_add_days (&a, (week - 1) * 7);
      if (g_date_get_iso8601_week_of_year (&a) != week)
        return FALSE;
      b = a;
      g_date_add_days (&b, 6);
      if (weekend)
        g_date_add_days (&a, 5);
    }
  else if (len == 7 && parse_digits (value + 5, 2, &month) && month >= 1 && month <= 12)
    {
      p = DOSSIER_DATE_MONTH;
      g_date_set_dmy (&a, 1, (GDateMonth) month, (GDateYear) year);
      g_date_set_dmy (&b, g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year),
                      (GDateMonth) month, (GDateYear) year);
    }
  else if (len == 10 && value[7] == '-' && parse_digits (value + 5, 2, &month) &&
           parse_digits (value + 8, 2, &day) && month >= 1 && month <= 12 && day >= 1 &&
           g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      p = DOSSIER_DATE_DAY;
      g_date_set_dmy (&a, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
      b = a;
    }
  else
    return FALSE;

  if (precision != NULL)
    *precision = p;
  if (first != NULL)
    *first = a;
  if (last != NULL)
    *last = b;
  return TRUE;
}

static gboolean
check_event_value (const char            *value,
                   DossierDatePrecision   precision,
                   GError               **error)
{
  DossierDatePrecision found;

  if (!dossier_date_value_span (value, &found, NULL, NULL))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                   "“%s” is not a date: write 2024, 2024-05, 2024-05-19 or 2024-W21",
                   value ? value : "");
      return FALSE;
    }
  if (found != precision)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID, "“%s” is a %s, not a %s", value,
                   dossier_date_precision_to_string (found),
                   dossier_date_precision_to_string (precision));
      return FALSE;
    }
  return TRUE;
}

/* Events the analyst adds */

/* The sentence around [@start, @end) of @text, cut as extraction cuts sentences: inside the
 * region that holds @start, at a '.', '!', '?' or '…' that ends one, and at line breaks;
 * widened to hold [@start, @end). */
static void
find_sentence (const char *text,
               GArray     *regions,
               guint       start,
               guint       end,
               guint      *sentence_start,
               guint      *sentence_end)
{
  glong n_chars = 0;
  g_autofree gunichar *u = g_utf8_to_ucs4_fast (text, -1, &n_chars);
  guint n = (guint) n_chars;
  guint a = 0, b = n, from, to;
  gboolean found = FALSE;

  for (guint i = 0; regions != NULL && i < regions->len; i++)
    {
      const DossierRegion *region = &g_array_index (regions, DossierRegion, i);

      if (region->end <= start)
        {
          a = MAX (a, MIN (region->end, n));
          continue;
        }
      if (region->start <= start)
        {
          a = region->start;
          b = MIN (region->end, n);
        }
      else
        b = MIN (region->start, n);
      break;
    }

  from = dossier_scan_skip_space (u, a, b);
  to = b;
  for (guint i = from; i < b && !found; i++)
    {
      guint after = i + 1, next;

      if (u[i] == '\n' || u[i] == 0x2029)
        after = i;
      else if (!((u[i] == '.' || u[i] == '!' || u[i] == '?' || u[i] == 0x2026) &&
                 dossier_scan_ends_sentence (u, i, b, &after)))
        continue;
      next = dossier_scan_skip_space (u, MAX (after, i + 1), b);
      if (next <= start)
        from = next;
      else if (after >= end)
        {
          to = after;
          found = TRUE;
        }
      i = MAX (next, i + 1) - 1;
    }
  *sentence_start = MIN (from, start);
  *sentence_end = MAX (dossier_scan_trim_end (u, from, MIN (to, n)), end);
}

gint64
dossier_store_add_event (DossierStore          *self,
                         gint64                 document_id,
                         guint                  start,
                         guint                  end,
                         const char            *value,
                         DossierDatePrecision   precision,
                         const char            *note,
                         GError               **error)
{
  g_autoptr(DossierDocument) document = NULL;
  g_autofree char *expression = NULL;
  const char *text;
  sqlite3_stmt *stmt;
  guint sentence_start, sentence_end;
  glong n;
  gint64 id = 0;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), 0);

  if (!check_event_value (value, precision, error))
    return 0;
  document = dossier_store_get_document (self, document_id, error);
  if (document == NULL)
    return 0;
  text = dossier_document_get_text (document);
  n = g_utf8_strlen (text, -1);
  if (start >= end || end > (guint) n)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                   "Characters %u to %u are not a passage of document %" G_GINT64_FORMAT
                   " (its text has %ld)", start, end, document_id, n);
      return 0;
    }
  expression = g_utf8_substring (text, start, end);
  find_sentence (text, dossier_document_get_regions (document), start, end, &sentence_start,
                 &sentence_end);

  if (!dossier_store_begin_write (self, error))
    return 0;
  /* Words extraction dated already take the analyst's date (and stay extraction's find). */
  stmt = dossier_store_statement (self,
    "INSERT INTO event (document_id, start_offset, end_offset, expression, value, precision,"
    " uncertain, sentence_start, sentence_end, origin, status, note)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8, 'analyst', 'confirmed', ?9)"
    " ON CONFLICT (document_id, start_offset, end_offset) DO UPDATE SET value = excluded.value,"
    " precision = excluded.precision, uncertain = 0, sentence_start = excluded.sentence_start,"
    " sentence_end = excluded.sentence_end, status = 'confirmed', note = excluded.note", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);
  sqlite3_bind_text (stmt, 4, expression, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, dossier_date_precision_to_string (precision), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, sentence_start);
  sqlite3_bind_int64 (stmt, 8, sentence_end);
  sqlite3_bind_text (stmt, 9, note != NULL ? note : "", -1, SQLITE_STATIC);
  if (!dossier_store_step_done (self, stmt, "adding the event", error))
    goto fail;
  stmt = dossier_store_statement (self,
    "SELECT id FROM event WHERE document_id = ? AND start_offset = ? AND end_offset = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);
  if (!dossier_store_lookup_id (self, stmt, &id, error) ||
      !dossier_store_commit_write (self, error))
    goto fail;
  g_debug ("event %" G_GINT64_FORMAT ": %s in document %" G_GINT64_FORMAT, id, value,
           document_id);
  return id;

fail:
  dossier_store_rollback_write (self);
  return 0;
}

gboolean
dossier_store_update_event (DossierStore          *self,
                            gint64                 id,
                            const char            *value,
                            DossierDatePrecision   precision,
                            const char            *note,
                            GError               **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  if (!check_event_value (value, precision, error))
    return FALSE;
  if (!dossier_store_begin_write (self, error))
    return FALSE;
  stmt = dossier_store_statement (self,
    "UPDATE event SET value = ?, precision = ?, note = ?, uncertain = 0, status = 'confirmed'"
    " WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, dossier_date_precision_to_string (precision), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, note != NULL ? note : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, id);
  if (!dossier_store_step_done (self, stmt, "saving the event", error))
    goto fail;
  if (sqlite3_changes (dossier_store_get_db (self)) == 0)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                   "No event %" G_GINT64_FORMAT " in this workspace", id);
      goto fail;
    }
  if (!dossier_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  dossier_store_rollback_write (self);
  return FALSE;
}

gboolean
dossier_store_remove_event (DossierStore  *self,
                            gint64         id,
                            GError       **error)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  if (!dossier_store_begin_write (self, error))
    return FALSE;
  if (!run_with_id (self, "DELETE FROM event WHERE id = ? AND origin = 'analyst'", id,
                    "removing the event", error))
    goto fail;
  if (sqlite3_changes (dossier_store_get_db (self)) == 0)
    {
      /* Extraction's: kept as rejected, so that re-extraction does not propose it again. */
      if (!run_with_id (self, "UPDATE event SET status = 'rejected' WHERE id = ?", id,
                        "removing the event", error))
        goto fail;
      if (sqlite3_changes (dossier_store_get_db (self)) == 0)
        {
          g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                       "No event %" G_GINT64_FORMAT " in this workspace", id);
          goto fail;
        }
    }
  if (!dossier_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  dossier_store_rollback_write (self);
  return FALSE;
}

/* The timeline */

void
dossier_event_free (DossierEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->document_title);
  g_free (event->document_date);
  g_free (event->document_outlet);
  g_free (event->expression);
  g_free (event->value);
  g_free (event->sentence);
  g_free (event->note);
  g_strfreev (event->entities);
  g_free (event);
}

static DossierDatePrecision
precision_from_string (const char *name)
{
  for (int p = DOSSIER_DATE_DAY; p <= DOSSIER_DATE_YEAR; p++)
    if (g_strcmp0 (name, dossier_date_precision_to_string ((DossierDatePrecision) p)) == 0)
      return (DossierDatePrecision) p;
  return DOSSIER_DATE_DAY;
}

/* ?1 is the document (written per statement, so that one document's events are read through
 * its index), ?2 an entity's name or alias, ?3 an outlet and ?4 the source of that name, ?5 a
 * tag.  An event's entities are those mentioned in its sentence; a tag is on an annotation
 * overlapping the sentence (or the date, when it lies outside). */
#define TIMELINE_QUERY(DOC) \
  "SELECT v.id, v.document_id, d.title, d.published, v.start_offset, v.end_offset," \
  " v.expression, v.value, v.precision, v.uncertain, v.sentence_start, v.sentence_end," \
  " substr (d.text, v.sentence_start + 1, v.sentence_end - v.sentence_start), v.status," \
  " (SELECT group_concat (name, char (31)) FROM (SELECT e.name FROM mention m" \
  "   JOIN entity e ON e.id = m.entity_id WHERE m.document_id = v.document_id" \
  "   AND m.start_offset >= v.sentence_start AND m.end_offset <= v.sentence_end" \
  "   AND m.status <> 'rejected' GROUP BY e.id ORDER BY min (m.start_offset)))," \
  " d.outlet, v.note, v.origin = 'analyst'" \
  " FROM event v JOIN document d ON d.id = v.document_id" \
  " WHERE " DOC " AND v.status <> 'rejected'" \
  " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM mention m WHERE m.document_id = v.document_id" \
  "   AND m.start_offset >= v.sentence_start AND m.end_offset <= v.sentence_end" \
  "   AND m.status <> 'rejected' AND m.entity_id IN (SELECT id FROM entity" \
  "   WHERE name = ?2 COLLATE NOCASE UNION SELECT entity_id FROM entity_alias WHERE alias = ?2)))" \
  " AND (?3 IS NULL OR d.outlet = ?3 COLLATE NOCASE OR d.outlet COLLATE NOCASE IN" \
  "   (SELECT name FROM source WHERE id = ?4 UNION ALL" \
  "    SELECT alias FROM source_alias WHERE source_id = ?4))" \
  " AND (?5 = 0 OR EXISTS (SELECT 1 FROM annotation a" \
  "   JOIN annotation_tag x ON x.annotation_id = a.id AND x.tag_id = ?5" \
  "   WHERE a.document_id = v.document_id AND a.status = 'anchored' AND a.review <> 'rejected'" \
  "   AND a.start_offset < max (v.sentence_end, v.end_offset)" \
  "   AND a.end_offset > min (v.sentence_start, v.start_offset)))"

typedef struct {
  DossierEvent *event;
  guint32       first;   /* Julian days; G_MAXUINT32 when the value is no date */
  guint32       last;
} TimelineItem;

static int
compare_items (const void *a,
               const void *b)
{
  const TimelineItem *x = a, *y = b;
  const DossierEvent *ex = x->event, *ey = y->event;
  int order;

  if (x->first != y->first)
    return x->first < y->first ? -1 : 1;
  if (x->last != y->last)
    return x->last < y->last ? -1 : 1;
  /* Undated documents after the dated ones. */
  if ((ex->document_date == NULL) != (ey->document_date == NULL))
    return ex->document_date == NULL ? 1 : -1;
  if ((order = g_strcmp0 (ex->document_date, ey->document_date)) != 0)
    return order;
  if (ex->document_id != ey->document_id)
    return ex->document_id < ey->document_id ? -1 : 1;
  if (ex->start != ey->start)
    return ex->start < ey->start ? -1 : 1;
  return (ex->id > ey->id) - (ex->id < ey->id);
}

static DossierEvent *
read_event (sqlite3_stmt *stmt)
{
  DossierEvent *event = g_new0 (DossierEvent, 1);
  const char *names = (const char *) sqlite3_column_text (stmt, 14);

  event->id = sqlite3_column_int64 (stmt, 0);
  event->document_id = sqlite3_column_int64 (stmt, 1);
  event->document_title = dossier_store_column_strdup (stmt, 2);
  event->document_date = dossier_store_column_strdup (stmt, 3);
  event->start = (guint) sqlite3_column_int64 (stmt, 4);
  event->end = (guint) sqlite3_column_int64 (stmt, 5);
  event->expression = dossier_store_column_strdup (stmt, 6);
  event->value = dossier_store_column_strdup (stmt, 7);
  event->precision = precision_from_string ((const char *) sqlite3_column_text (stmt, 8));
  event->uncertain = sqlite3_column_int (stmt, 9) != 0;
  event->sentence_start = (guint) sqlite3_column_int64 (stmt, 10);
  event->sentence_end = (guint) sqlite3_column_int64 (stmt, 11);
  event->sentence = dossier_store_column_strdup (stmt, 12);
  dossier_review_from_string ((const char *) sqlite3_column_text (stmt, 13), &event->review);
  event->entities = names != NULL && *names != '\0' ? g_strsplit (names, LIST_SEPARATOR, -1)
                                                     : g_new0 (char *, 1);
  event->document_outlet = dossier_store_column_strdup (stmt, 15);
  event->note = dossier_store_column_strdup (stmt, 16);
  if (event->note == NULL)
    event->note = g_strdup ("");
  event->analyst = sqlite3_column_int (stmt, 17) != 0;
  return event;
}

static gboolean
filter_bound (const char  *value,
              gboolean     last,
              guint32     *julian,
              GError     **error)
{
  GDate first_day, last_day;

  if (!dossier_date_value_span (value, NULL, &first_day, &last_day))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                   "“%s” is not a date: write 2024, 2024-05, 2024-05-19 or 2024-W21", value);
      return FALSE;
    }
  *julian = g_date_get_julian (last ? &last_day : &first_day);
  return TRUE;
}

/* The ids the timeline's names stand for; an entity or tag the workspace lacks is an error
 * (a misspelt filter says so rather than showing an empty timeline). */
static gboolean
resolve_timeline_filter (DossierStore              *self,
                         const DossierEventFilter  *filter,
                         const char                *outlet,
                         char                     **entity,
                         gint64                    *source_id,
                         gint64                    *tag_id,
                         GError                   **error)
{
  sqlite3_stmt *stmt;
  gint64 found = 0;

  if (filter->entity != NULL)
    {
      *entity = dossier_store_clean_name (filter->entity);
      stmt = dossier_store_statement (self,
        "SELECT id FROM entity WHERE name = ?1 COLLATE NOCASE"
        " UNION ALL SELECT entity_id FROM entity_alias WHERE alias = ?1 LIMIT 1", error);
      if (stmt == NULL)
        return FALSE;
      dossier_store_bind_text (stmt, 1, *entity);
      if (!dossier_store_lookup_id (self, stmt, &found, error))
        return FALSE;
      if (found == 0)
        {
          g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                       "No entity called “%s” in this workspace", filter->entity);
          return FALSE;
        }
    }
  if (outlet != NULL)
    {
      stmt = dossier_store_statement (self,
        "SELECT id FROM source WHERE name = ?1"
        " UNION ALL SELECT source_id FROM source_alias WHERE alias = ?1 LIMIT 1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, outlet, -1, SQLITE_STATIC);
      if (!dossier_store_lookup_id (self, stmt, source_id, error))
        return FALSE;
    }
  if (filter->tag != NULL)
    {
      g_autofree char *tag = dossier_store_clean_name (filter->tag);

      stmt = dossier_store_statement (self, "SELECT id FROM tag WHERE name = ?", error);
      if (stmt == NULL)
        return FALSE;
      dossier_store_bind_text (stmt, 1, tag);
      if (!dossier_store_lookup_id (self, stmt, tag_id, error))
        return FALSE;
      if (*tag_id == 0)
        {
          g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                       "No tag called “%s” in this workspace", filter->tag);
          return FALSE;
        }
    }
  return TRUE;
}

GPtrArray *
dossier_store_list_timeline (DossierStore              *self,
                             const DossierEventFilter  *filter,
                             GError                   **error)
{
  static const DossierEventFilter no_filter = DOSSIER_EVENT_FILTER_INIT;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (TimelineItem));
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *outlet = NULL;
  guint32 from = 0, to = G_MAXUINT32;
  gint64 source_id = 0, tag_id = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  if (filter == NULL)
    filter = &no_filter;
  if ((filter->from != NULL && !filter_bound (filter->from, FALSE, &from, error)) ||
      (filter->to != NULL && !filter_bound (filter->to, TRUE, &to, error)))
    return NULL;
  outlet = dossier_store_clean_name (filter->outlet);
  if (filter->outlet != NULL && outlet == NULL)
    outlet = g_strdup ("");
  if (!resolve_timeline_filter (self, filter, outlet, &entity, &source_id, &tag_id, error))
    return NULL;

  if (filter->document_id != 0)
    stmt = dossier_store_statement (self, TIMELINE_QUERY ("v.document_id = ?1"), error);
  else
    stmt = dossier_store_statement (self, TIMELINE_QUERY ("?1 = 0"), error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, filter->document_id);
  dossier_store_bind_text (stmt, 2, entity);
  dossier_store_bind_text (stmt, 3, outlet);
  sqlite3_bind_int64 (stmt, 4, source_id);
  sqlite3_bind_int64 (stmt, 5, tag_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TimelineItem item = { read_event (stmt), G_MAXUINT32, G_MAXUINT32 };
      GDate first_day, last_day;

      if (dossier_date_value_span (item.event->value, NULL, &first_day, &last_day))
        {
          item.first = g_date_get_julian (&first_day);
          item.last = g_date_get_julian (&last_day);
        }
      /* Kept when the days it covers meet [from, to]. */
      if ((filter->from != NULL || filter->to != NULL) &&
          (item.first == G_MAXUINT32 || item.last < from || item.first > to))
        {
          dossier_event_free (item.event);
          continue;
        }
      g_array_append_val (items, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      for (guint i = 0; i < items->len; i++)
        dossier_event_free (g_array_index (items, TimelineItem, i).event);
      dossier_store_set_error (self, error, rc, "reading the timeline");
      return NULL;
    }

  if (items->len > 1)
    qsort (items->data, items->len, sizeof (TimelineItem), compare_items);
  events = g_ptr_array_new_full (items->len, (GDestroyNotify) dossier_event_free);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (events, g_array_index (items, TimelineItem, i).event);
  return g_steal_pointer (&events);
}
#undef TIMELINE_QUERY

GPtrArray *
dossier_store_list_events (DossierStore  *self,
                           gint64         document_id,
                           GError       **error)
{
  DossierEventFilter filter = DOSSIER_EVENT_FILTER_INIT;

  filter.document_id = document_id;
  return dossier_store_list_timeline (self, &filter, error);
}
