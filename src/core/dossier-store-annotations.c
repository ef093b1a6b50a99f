/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include <string.h>

#include "dossier-error.h"
#include "dossier-source-registry.h"
#include "dossier-store-private.h"

/*
 * The analyst's work: annotations with their speakers (entities), outlets (sources) and tags,
 * notes per document, and re-anchoring when a document's text changes.  Every public call
 * here is one committed transaction (or a savepoint inside a batch), so nothing the analyst
 * did is lost when the program dies after it returned.
 */

/* Separates tag and alias names in group_concat(); a control character no name contains. */
#define LIST_SEPARATOR "\x1f"

/* Helpers */

gboolean
dossier_store_step_done (DossierStore  *self,
                         sqlite3_stmt  *stmt,
                         const char    *doing,
                         GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, doing);
      return FALSE;
    }
  return TRUE;
}

gboolean
dossier_store_lookup_id (DossierStore  *self,
                         sqlite3_stmt  *stmt,
                         gint64        *value,
                         GError       **error)
{
  int rc = sqlite3_step (stmt);

  *value = 0;
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "reading the workspace");
      return FALSE;
    }
  return TRUE;
}

char *
dossier_store_clean_name (const char *name)
{
  GString *out;
  gboolean space = FALSE;

  if (name == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* Case-insensitive and independent of the locale, so that lists read the same everywhere. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *fa = g_utf8_casefold (*(const char * const *) a, -1);
  g_autofree char *fb = g_utf8_casefold (*(const char * const *) b, -1);
  int order = strcmp (fa, fb);

  return order != 0 ? order : strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Splits a group_concat() of names into a sorted, NULL-terminated vector. */
static GStrv
split_list (sqlite3_stmt *stmt,
            int           column)
{
  const char *joined = (const char *) sqlite3_column_text (stmt, column);
  GStrv list;

  if (joined == NULL || *joined == '\0')
    return g_new0 (char *, 1);
  list = g_strsplit (joined, LIST_SEPARATOR, -1);
  qsort (list, g_strv_length (list), sizeof (char *), compare_names);
  return list;
}

static gboolean
document_text (DossierStore  *self,
               gint64         document_id,
               char         **text,
               GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self, "SELECT text FROM document WHERE id = ?",
                                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *text = dossier_store_column_strdup (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                   "No document %" G_GINT64_FORMAT " in this workspace", document_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      dossier_store_set_error (self, error, rc, "reading the document");
      return FALSE;
    }
  return TRUE;
}

static gboolean
require_document (DossierStore  *self,
                  gint64         document_id,
                  GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self, "SELECT id FROM document WHERE id = ?",
                                                error);
  gint64 found = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (!dossier_store_lookup_id (self, stmt, &found, error))
    return FALSE;
  if (found == 0)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                   "No document %" G_GINT64_FORMAT " in this workspace", document_id);
      return FALSE;
    }
  return TRUE;
}

/* Entities */

static gboolean
find_entity (DossierStore  *self,
             const char    *name,
             gint64        *id,
             GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self,
    "SELECT id FROM entity WHERE name = ?1 COLLATE NOCASE"
    " UNION ALL SELECT entity_id FROM entity_alias WHERE alias = ?1 LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  return dossier_store_lookup_id (self, stmt, id, error);
}

static gboolean
ensure_entity (DossierStore       *self,
               const char         *name,
               DossierEntityKind   kind,
               gint64             *id,
               GError            **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *now = NULL;
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;

  *id = 0;
  clean = dossier_store_clean_name (name);
  if (clean == NULL)
    return TRUE;
  if (!find_entity (self, clean, id, error))
    return FALSE;
  if (*id != 0)
    return TRUE;

  now = dossier_store_now ();
  key = dossier_name_variant_key (clean);
  stmt = dossier_store_statement (self,
    "INSERT INTO entity (name, kind, created_at, variant_key) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, dossier_entity_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  dossier_store_bind_text (stmt, 4, key);
  if (!dossier_store_step_done (self, stmt, "adding the speaker", error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (dossier_store_get_db (self));
  g_debug ("new entity %" G_GINT64_FORMAT ": %s", *id, clean);
  return TRUE;
}

gint64
dossier_store_ensure_entity (DossierStore       *self,
                             const char         *name,
                             DossierEntityKind   kind,
                             GError            **error)
{
  gint64 id = 0;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), 0);

  if (!dossier_store_begin_write (self, error))
    return 0;
  if (!ensure_entity (self, name, kind, &id, error) ||
      !dossier_store_commit_write (self, error))
    {
      dossier_store_rollback_write (self);
      return 0;
    }
  if (id == 0)
    g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID, "An entity needs a name");
  return id;
}

GPtrArray *
dossier_store_list_entities (DossierStore  *self,
                             GError       **error)
{
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  stmt = dossier_store_statement (self,
    "SELECT e.id, e.name, e.kind,"
    " (SELECT group_concat (alias, char (31)) FROM entity_alias WHERE entity_id = e.id),"
    " (SELECT count (*) FROM annotation WHERE speaker_id = e.id)"
    " FROM entity e ORDER BY e.name COLLATE NOCASE, e.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DossierEntity *entity = dossier_entity_new ();

      entity->id = sqlite3_column_int64 (stmt, 0);
      entity->name = dossier_store_column_strdup (stmt, 1);
      dossier_entity_kind_from_string ((const char *) sqlite3_column_text (stmt, 2),
                                       &entity->kind);
      g_strfreev (entity->aliases);
      entity->aliases = split_list (stmt, 3);
      entity->n_annotations = (guint) sqlite3_column_int (stmt, 4);
      g_ptr_array_add (entities, entity);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "listing entities");
      return NULL;
    }
  return g_steal_pointer (&entities);
}

/* Sources */

static gboolean
find_source (DossierStore  *self,
             const char    *name,
             gint64        *id,
             GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self,
    "SELECT id FROM source WHERE name = ?1"
    " UNION ALL SELECT source_id FROM source_alias WHERE alias = ?1 LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  return dossier_store_lookup_id (self, stmt, id, error);
}

static gboolean
insert_source (DossierStore  *self,
               const char    *name,
               const char    *kind,
               const char    *country,
               const char    *notes,
               const char    *origin,
               gint64        *id,
               GError       **error)
{
  g_autofree char *now = dossier_store_now ();
  sqlite3_stmt *stmt = dossier_store_statement (self,
    "INSERT INTO source (name, kind, country, notes, origin, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  dossier_store_bind_text (stmt, 3, country);
  sqlite3_bind_text (stmt, 4, notes ? notes : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, origin, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  if (!dossier_store_step_done (self, stmt, "adding the source", error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (dossier_store_get_db (self));
  return TRUE;
}

static gboolean
insert_source_alias (DossierStore  *self,
                     gint64         source_id,
                     const char    *alias,
                     GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 owner = 0;

  if (!find_source (self, alias, &owner, error))
    return FALSE;
  if (owner == source_id)
    return TRUE;
  if (owner != 0)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                   "“%s” already names another source", alias);
      return FALSE;
    }
  stmt = dossier_store_statement (self,
                                  "INSERT INTO source_alias (source_id, alias) VALUES (?, ?)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_text (stmt, 2, alias, -1, SQLITE_STATIC);
  return dossier_store_step_done (self, stmt, "adding an alias", error);
}

gboolean
dossier_store_load_source_registry (DossierStore  *self,
                                    GError       **error)
{
  g_autoptr(GPtrArray) entries = dossier_source_registry_load_default (error);

  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      DossierSourceEntry *entry = g_ptr_array_index (entries, i);
      gint64 id = 0;

      if (!insert_source (self, entry->name, entry->kind, entry->country, entry->notes,
                          "registry", &id, error))
        return FALSE;
      for (guint j = 0; entry->aliases[j] != NULL; j++)
        if (!insert_source_alias (self, id, entry->aliases[j], error))
          return FALSE;
    }
  g_debug ("loaded %u sources from the registry", entries->len);
  return TRUE;
}

gboolean
dossier_store_ensure_source (DossierStore  *self,
                             const char    *name,
                             gint64        *id,
                             GError       **error)
{
  g_autofree char *clean = dossier_store_clean_name (name);

  *id = 0;
  if (clean == NULL)
    return TRUE;
  if (!find_source (self, clean, id, error))
    return FALSE;
  if (*id != 0)
    return TRUE;
  return insert_source (self, clean, "other", NULL, NULL, "analyst", id, error);
}

static DossierSource *
read_source (sqlite3_stmt *stmt)
{
  DossierSource *source = dossier_source_new ();

  source->id = sqlite3_column_int64 (stmt, 0);
  source->name = dossier_store_column_strdup (stmt, 1);
  source->kind = dossier_store_column_strdup (stmt, 2);
  source->country = dossier_store_column_strdup (stmt, 3);
  source->reliability = dossier_store_column_strdup (stmt, 4);
  g_free (source->notes);
  source->notes = dossier_store_column_strdup (stmt, 5);
  source->origin = dossier_store_column_strdup (stmt, 6);
  g_strfreev (source->aliases);
  source->aliases = split_list (stmt, 7);
  source->n_annotations = (guint) sqlite3_column_int (stmt, 8);
  return source;
}

#define SOURCE_COLUMNS \
  "SELECT s.id, s.name, s.kind, s.country, s.reliability, s.notes, s.origin," \
  " (SELECT group_concat (alias, char (31)) FROM source_alias WHERE source_id = s.id)," \
  " (SELECT count (*) FROM annotation WHERE source_id = s.id) FROM source s"

GPtrArray *
dossier_store_list_sources (DossierStore  *self,
                            GError       **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  stmt = dossier_store_statement (self, SOURCE_COLUMNS " ORDER BY s.name COLLATE NOCASE",
                                  error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sources, read_source (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "listing sources");
      return NULL;
    }
  return g_steal_pointer (&sources);
}

DossierSource *
dossier_store_find_source (DossierStore  *self,
                           const char    *name,
                           GError       **error)
{
  g_autofree char *clean = dossier_store_clean_name (name);
  DossierSource *source = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  if (clean != NULL && !find_source (self, clean, &id, error))
    return NULL;
  if (id == 0)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                   "No source called “%s” in this workspace", name ? name : "");
      return NULL;
    }
  stmt = dossier_store_statement (self, SOURCE_COLUMNS " WHERE s.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    source = read_source (stmt);
  sqlite3_reset (stmt);
  if (source == NULL)
    dossier_store_set_error (self, error, rc, "reading the source");
  return source;
}

gboolean
dossier_store_set_source_grade (DossierStore  *self,
                                const char    *name,
                                const char    *grade,
                                GError       **error)
{
  g_autoptr(DossierSource) source = NULL;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  if (grade != NULL && !dossier_source_grade_is_valid (grade))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                   "“%s” is not a reliability grade (A to F)", grade);
      return FALSE;
    }
  source = dossier_store_find_source (self, name, error);
  if (source == NULL)
    return FALSE;
  g_free (source->reliability);
  source->reliability = g_strdup (grade);
  return dossier_store_update_source (self, source, error);
}

gboolean
dossier_store_update_source (DossierStore   *self,
                             DossierSource  *source,
                             GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail (DOSSIER_IS_SOURCE (source), FALSE);

  if (source->reliability != NULL && !dossier_source_grade_is_valid (source->reliability))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                   "“%s” is not a reliability grade (A to F)", source->reliability);
      return FALSE;
    }
  if (source->kind == NULL || !dossier_source_kind_is_valid (source->kind))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                   "“%s” is not a kind of source", source->kind ? source->kind : "");
      return FALSE;
    }

  if (!dossier_store_begin_write (self, error))
    return FALSE;
  stmt = dossier_store_statement (self,
    "UPDATE source SET kind = ?, country = ?, reliability = ?, notes = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, source->kind, -1, SQLITE_STATIC);
  dossier_store_bind_text (stmt, 2, source->country && *source->country ? source->country
                                                                         : NULL);
  dossier_store_bind_text (stmt, 3, source->reliability);
  sqlite3_bind_text (stmt, 4, source->notes ? source->notes : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, source->id);
  if (!dossier_store_step_done (self, stmt, "saving the source", error))
    goto fail;
  if (sqlite3_changes (dossier_store_get_db (self)) == 0)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                   "No source %" G_GINT64_FORMAT " in this workspace", source->id);
      goto fail;
    }

  stmt = dossier_store_statement (self, "DELETE FROM source_alias WHERE source_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, source->id);
  if (!dossier_store_step_done (self, stmt, "saving the source", error))
    goto fail;
  for (guint i = 0; source->aliases != NULL && source->aliases[i] != NULL; i++)
    {
      g_autofree char *alias = dossier_store_clean_name (source->aliases[i]);

      if (alias != NULL && g_ascii_strcasecmp (alias, source->name) != 0 &&
          !insert_source_alias (self, source->id, alias, error))
        goto fail;
    }
  if (!dossier_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  dossier_store_rollback_write (self);
  return FALSE;
}

gint64
dossier_store_add_source (DossierStore  *self,
                          const char    *name,
                          const char    *kind,
                          GError       **error)
{
  g_autofree char *clean = dossier_store_clean_name (name);
  gint64 id = 0;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), 0);

  if (clean == NULL)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID, "A source needs a name");
      return 0;
    }
  if (kind == NULL)
    kind = "other";
  if (!dossier_source_kind_is_valid (kind))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                   "“%s” is not a kind of source", kind);
      return 0;
    }
  if (!dossier_store_begin_write (self, error))
    return 0;
  if (!find_source (self, clean, &id, error))
    goto fail;
  if (id != 0)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_DUPLICATE,
                   "The workspace already has a source called “%s”", clean);
      goto fail;
    }
  if (!insert_source (self, clean, kind, NULL, NULL, "analyst", &id, error) ||
      !dossier_store_commit_write (self, error))
    goto fail;
  return id;

fail:
  dossier_store_rollback_write (self);
  return 0;
}

/* Tags */

static gboolean
find_tag (DossierStore  *self,
          const char    *name,
          gint64        *id,
          GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self, "SELECT id FROM tag WHERE name = ?",
                                                error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  return dossier_store_lookup_id (self, stmt, id, error);
}

static gboolean
set_tags (DossierStore        *self,
          gint64               annotation_id,
          const char * const  *tags,
          GError             **error)
{
  sqlite3_stmt *stmt;

  stmt = dossier_store_statement (self, "DELETE FROM annotation_tag WHERE annotation_id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, annotation_id);
  if (!dossier_store_step_done (self, stmt, "saving tags", error))
    return FALSE;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *name = dossier_store_clean_name (tags[i]);
      gint64 tag_id = 0;

      if (name == NULL)
        continue;
      if (!find_tag (self, name, &tag_id, error))
        return FALSE;
      if (tag_id == 0)
        {
          stmt = dossier_store_statement (self, "INSERT INTO tag (name) VALUES (?)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
          if (!dossier_store_step_done (self, stmt, "adding a tag", error))
            return FALSE;
          tag_id = sqlite3_last_insert_rowid (dossier_store_get_db (self));
        }
      stmt = dossier_store_statement (self,
        "INSERT OR IGNORE INTO annotation_tag (annotation_id, tag_id) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, annotation_id);
      sqlite3_bind_int64 (stmt, 2, tag_id);
      if (!dossier_store_step_done (self, stmt, "saving tags", error))
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
dossier_store_list_tags (DossierStore  *self,
                         GError       **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  stmt = dossier_store_statement (self,
    "SELECT t.id, t.name, (SELECT count (*) FROM annotation_tag WHERE tag_id = t.id)"
    " FROM tag t ORDER BY t.name COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tags, dossier_tag_new (sqlite3_column_int64 (stmt, 0),
                                            (const char *) sqlite3_column_text (stmt, 1),
                                            (guint) sqlite3_column_int (stmt, 2)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "listing tags");
      return NULL;
    }
  return g_steal_pointer (&tags);
}

static gboolean
require_tag (DossierStore  *self,
             const char    *name,
             gint64        *id,
             GError       **error)
{
  if (!find_tag (self, name, id, error))
    return FALSE;
  if (*id == 0)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                   "No tag called “%s” in this workspace", name);
      return FALSE;
    }
  return TRUE;
}

gboolean
dossier_store_rename_tag (DossierStore  *self,
                          const char    *old_name,
                          const char    *new_name,
                          GError       **error)
{
  g_autofree char *old_clean = dossier_store_clean_name (old_name);
  g_autofree char *new_clean = dossier_store_clean_name (new_name);
  sqlite3_stmt *stmt;
  gint64 old_id = 0;
  gint64 new_id = 0;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  if (old_clean == NULL || new_clean == NULL)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID, "A tag needs a name");
      return FALSE;
    }
  if (!dossier_store_begin_write (self, error))
    return FALSE;
  if (!require_tag (self, old_clean, &old_id, error) ||
      !find_tag (self, new_clean, &new_id, error))
    goto fail;

  if (new_id == 0 || new_id == old_id)
    {
      stmt = dossier_store_statement (self, "UPDATE tag SET name = ? WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, new_clean, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, old_id);
      if (!dossier_store_step_done (self, stmt, "renaming the tag", error))
        goto fail;
    }
  else
    {
      /* Merge: every annotation of the old tag gets the new one, then the old one goes. */
      stmt = dossier_store_statement (self,
        "INSERT OR IGNORE INTO annotation_tag (annotation_id, tag_id)"
        " SELECT annotation_id, ? FROM annotation_tag WHERE tag_id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, new_id);
      sqlite3_bind_int64 (stmt, 2, old_id);
      if (!dossier_store_step_done (self, stmt, "merging tags", error))
        goto fail;
      stmt = dossier_store_statement (self, "DELETE FROM tag WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, old_id);
      if (!dossier_store_step_done (self, stmt, "merging tags", error))
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
dossier_store_delete_tag (DossierStore  *self,
                          const char    *name,
                          GError       **error)
{
  g_autofree char *clean = dossier_store_clean_name (name);
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  if (!dossier_store_begin_write (self, error))
    return FALSE;
  if (!require_tag (self, clean ? clean : "", &id, error))
    goto fail;
  stmt = dossier_store_statement (self, "DELETE FROM tag WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!dossier_store_step_done (self, stmt, "deleting the tag", error) ||
      !dossier_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  dossier_store_rollback_write (self);
  return FALSE;
}

/* Annotations */

static gboolean
check_fields (const DossierAnnotationFields  *fields,
              GError                        **error)
{
  gboolean attributed = fields->kind == DOSSIER_ANNOTATION_QUOTE ||
                        fields->kind == DOSSIER_ANNOTATION_CLAIM;
  const char *kind = dossier_annotation_kind_to_string (fields->kind);

  if ((guint) fields->kind >= DOSSIER_N_ANNOTATION_KINDS)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID, "Unknown kind of annotation");
      return FALSE;
    }
  if (fields->credibility < 0 || fields->credibility > 6)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                   "Credibility is graded 1 to 6, not %d", fields->credibility);
      return FALSE;
    }
  if (fields->credibility != 0 && fields->kind != DOSSIER_ANNOTATION_CLAIM)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                   "Only a claim has a credibility; this is a %s", kind);
      return FALSE;
    }
  if (!attributed && ((fields->speaker != NULL && *fields->speaker != '\0') ||
                      (fields->source != NULL && *fields->source != '\0') ||
                      (fields->cue != NULL && *fields->cue != '\0')))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                   "A %s has no speaker, source or cue; make it a quote or a claim", kind);
      return FALSE;
    }
  return TRUE;
}

static DossierAnnotation *
read_annotation (sqlite3_stmt *stmt)
{
  DossierAnnotation *a = dossier_annotation_new ();

  a->id = sqlite3_column_int64 (stmt, 0);
  a->document_id = sqlite3_column_int64 (stmt, 1);
  dossier_annotation_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &a->kind);
  a->selector.start = (guint) sqlite3_column_int64 (stmt, 3);
  a->selector.end = (guint) sqlite3_column_int64 (stmt, 4);
  a->selector.exact = dossier_store_column_strdup (stmt, 5);
  a->selector.prefix = dossier_store_column_strdup (stmt, 6);
  a->selector.suffix = dossier_store_column_strdup (stmt, 7);
  a->status = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 8), "orphan") == 0
              ? DOSSIER_ANNOTATION_ORPHAN : DOSSIER_ANNOTATION_ANCHORED;
  a->speaker_id = sqlite3_column_int64 (stmt, 9);
  a->speaker = dossier_store_column_strdup (stmt, 10);
  a->source_id = sqlite3_column_int64 (stmt, 11);
  a->source = dossier_store_column_strdup (stmt, 12);
  a->source_grade = dossier_store_column_strdup (stmt, 13);
  a->cue = dossier_store_column_strdup (stmt, 14);
  a->credibility = sqlite3_column_int (stmt, 15);
  g_free (a->note);
  a->note = dossier_store_column_strdup (stmt, 16);
  g_free (a->origin);
  a->origin = dossier_store_column_strdup (stmt, 17);
  g_free (a->review);
  a->review = dossier_store_column_strdup (stmt, 18);
  a->created_at = dossier_store_column_strdup (stmt, 19);
  a->modified_at = dossier_store_column_strdup (stmt, 20);
  g_strfreev (a->tags);
  a->tags = split_list (stmt, 21);
  return a;
}

#define ANNOTATION_COLUMNS \
  "SELECT a.id, a.document_id, a.kind, a.start_offset, a.end_offset, a.exact, a.prefix," \
  " a.suffix, a.status, a.speaker_id, e.name, a.source_id, s.name, s.reliability, a.cue," \
  " a.credibility, a.note, a.origin, a.review, a.created_at, a.modified_at," \
  " (SELECT group_concat (t.name, char (31)) FROM annotation_tag x JOIN tag t ON t.id = x.tag_id" \
  "  WHERE x.annotation_id = a.id)" \
  " FROM annotation a LEFT JOIN entity e ON e.id = a.speaker_id" \
  " LEFT JOIN source s ON s.id = a.source_id"

DossierAnnotation *
dossier_store_get_annotation (DossierStore  *self,
                              gint64         id,
                              GError       **error)
{
  DossierAnnotation *annotation = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  stmt = dossier_store_statement (self, ANNOTATION_COLUMNS " WHERE a.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    annotation = read_annotation (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                 "No annotation %" G_GINT64_FORMAT " in this workspace", id);
  else if (annotation == NULL)
    dossier_store_set_error (self, error, rc, "reading the annotation");
  return annotation;
}

GPtrArray *
dossier_store_list_annotations (DossierStore                   *self,
                                const DossierAnnotationFilter  *filter,
                                GError                        **error)
{
  static const DossierAnnotationFilter no_filter = DOSSIER_ANNOTATION_FILTER_INIT;
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *tag = NULL;
  sqlite3_stmt *stmt;
  gint64 source_id = 0;
  gint64 speaker_id = 0;
  gint64 tag_id = 0;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  if (filter == NULL)
    filter = &no_filter;
  /* Names are resolved first, so that a misspelt filter says so instead of matching nothing. */
  if (filter->source != NULL)
    {
      g_autoptr(DossierSource) source = dossier_store_find_source (self, filter->source, error);

      if (source == NULL)
        return NULL;
      source_id = source->id;
    }
  if (filter->speaker != NULL)
    {
      g_autofree char *speaker = dossier_store_clean_name (filter->speaker);

      if (speaker != NULL && !find_entity (self, speaker, &speaker_id, error))
        return NULL;
      if (speaker_id == 0)
        {
          g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                       "No speaker called “%s” in this workspace", filter->speaker);
          return NULL;
        }
    }
  if (filter->tag != NULL)
    {
      tag = dossier_store_clean_name (filter->tag);
      if (!require_tag (self, tag ? tag : "", &tag_id, error))
        return NULL;
    }

  /* Two statements, so that one document's annotations are found through the index (an
   * "?1 = 0 OR" test would scan every annotation of the workspace). */
#define ANNOTATION_FILTERS \
  " AND (?2 IS NULL OR a.kind = ?2)" \
  " AND (?3 = 0 OR a.source_id = ?3) AND (?4 = 0 OR a.speaker_id = ?4)" \
  " AND (?5 = 0 OR EXISTS (SELECT 1 FROM annotation_tag y" \
  "                        WHERE y.annotation_id = a.id AND y.tag_id = ?5))" \
  " AND (a.review = 'confirmed' OR ?6 AND a.review = 'suggested'" \
  "      OR ?7 AND a.review = 'rejected')" \
  " ORDER BY a.document_id, a.status = 'orphan', a.start_offset, a.end_offset, a.id"
  if (filter->document_id != 0)
    stmt = dossier_store_statement (self, ANNOTATION_COLUMNS " WHERE a.document_id = ?1"
                                    ANNOTATION_FILTERS, error);
  else
    stmt = dossier_store_statement (self, ANNOTATION_COLUMNS " WHERE ?1 = 0"
                                    ANNOTATION_FILTERS, error);
#undef ANNOTATION_FILTERS
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, filter->document_id);
  if (filter->kind >= 0 && filter->kind < DOSSIER_N_ANNOTATION_KINDS)
    sqlite3_bind_text (stmt, 2, dossier_annotation_kind_to_string (filter->kind), -1,
                       SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, source_id);
  sqlite3_bind_int64 (stmt, 4, speaker_id);
  sqlite3_bind_int64 (stmt, 5, tag_id);
  sqlite3_bind_int (stmt, 6, filter->suggested ? 1 : 0);
  sqlite3_bind_int (stmt, 7, filter->rejected ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (annotations, read_annotation (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "listing annotations");
      return NULL;
    }
  return g_steal_pointer (&annotations);
}

GPtrArray *
dossier_store_annotations_at (DossierStore  *self,
                              gint64         document_id,
                              guint          offset,
                              GError       **error)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  stmt = dossier_store_statement (self,
    ANNOTATION_COLUMNS
    " WHERE a.document_id = ?1 AND a.status = 'anchored' AND a.review <> 'rejected'"
    " AND a.start_offset <= ?2 AND a.end_offset > ?2"
    " ORDER BY a.end_offset - a.start_offset, a.start_offset, a.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (annotations, read_annotation (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "finding annotations");
      return NULL;
    }
  return g_steal_pointer (&annotations);
}

/* Resolves the speaker and source names of @fields to ids, creating what is new. */
static gboolean
resolve_fields (DossierStore                   *self,
                const DossierAnnotationFields  *fields,
                gint64                         *speaker_id,
                gint64                         *source_id,
                GError                        **error)
{
  return ensure_entity (self, fields->speaker, DOSSIER_ENTITY_PERSON, speaker_id, error) &&
         dossier_store_ensure_source (self, fields->source, source_id, error);
}

static void
bind_fields (sqlite3_stmt                  *stmt,
             int                            first,
             const DossierAnnotationFields *fields,
             gint64                         speaker_id,
             gint64                         source_id)
{
  g_autofree char *cue = dossier_store_clean_name (fields->cue);

  sqlite3_bind_text (stmt, first, dossier_annotation_kind_to_string (fields->kind), -1,
                     SQLITE_STATIC);
  if (speaker_id != 0)
    sqlite3_bind_int64 (stmt, first + 1, speaker_id);
  if (source_id != 0)
    sqlite3_bind_int64 (stmt, first + 2, source_id);
  dossier_store_bind_text (stmt, first + 3, cue);
  if (fields->credibility != 0)
    sqlite3_bind_int (stmt, first + 4, fields->credibility);
  sqlite3_bind_text (stmt, first + 5, fields->note ? fields->note : "", -1, SQLITE_TRANSIENT);
}

gint64
dossier_store_add_annotation (DossierStore                   *self,
                              gint64                          document_id,
                              guint                           start,
                              guint                           end,
                              const DossierAnnotationFields  *fields,
                              GError                        **error)
{
  g_auto(DossierSelector) selector = { 0, };
  g_autofree char *text = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gint64 speaker_id = 0;
  gint64 source_id = 0;
  gint64 id;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), 0);
  g_return_val_if_fail (fields != NULL, 0);

  if (!check_fields (fields, error))
    return 0;
  if (!dossier_store_begin_write (self, error))
    return 0;
  if (!document_text (self, document_id, &text, error))
    goto fail;
  if (!dossier_selector_init_from_text (&selector, text, start, end))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                   "%u-%u is not a passage of document %" G_GINT64_FORMAT " (its text has %ld "
                   "characters)", start, end, document_id, g_utf8_strlen (text, -1));
      goto fail;
    }
  if (!resolve_fields (self, fields, &speaker_id, &source_id, error))
    goto fail;

  now = dossier_store_now ();
  stmt = dossier_store_statement (self,
    "INSERT INTO annotation (document_id, start_offset, end_offset, exact, prefix, suffix,"
    " kind, speaker_id, source_id, cue, credibility, note, created_at, modified_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, selector.start);
  sqlite3_bind_int64 (stmt, 3, selector.end);
  sqlite3_bind_text (stmt, 4, selector.exact, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, selector.prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, selector.suffix, -1, SQLITE_STATIC);
  bind_fields (stmt, 7, fields, speaker_id, source_id);
  sqlite3_bind_text (stmt, 13, now, -1, SQLITE_STATIC);
  if (!dossier_store_step_done (self, stmt, "saving the annotation", error))
    goto fail;
  id = sqlite3_last_insert_rowid (dossier_store_get_db (self));
  /* Suggestions over the same words stay as they are: they carry the speaker and outlet
   * extraction found, and only the analyst's review (confirm, reject) changes them. */
  if (!set_tags (self, id, fields->tags, error) || !dossier_store_commit_write (self, error))
    goto fail;
  g_debug ("annotation %" G_GINT64_FORMAT " on document %" G_GINT64_FORMAT " [%u, %u)", id,
           document_id, start, end);
  return id;

fail:
  dossier_store_rollback_write (self);
  return 0;
}

gboolean
dossier_store_update_annotation (DossierStore                   *self,
                                 gint64                          id,
                                 const DossierAnnotationFields  *fields,
                                 GError                        **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gint64 speaker_id = 0;
  gint64 source_id = 0;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  if (!check_fields (fields, error))
    return FALSE;
  if (!dossier_store_begin_write (self, error))
    return FALSE;
  if (!resolve_fields (self, fields, &speaker_id, &source_id, error))
    goto fail;
  now = dossier_store_now ();
  stmt = dossier_store_statement (self,
    "UPDATE annotation SET kind = ?1, speaker_id = ?2, source_id = ?3, cue = ?4,"
    " credibility = ?5, note = ?6, modified_at = ?7, review = 'confirmed' WHERE id = ?8", error);
  if (stmt == NULL)
    goto fail;
  bind_fields (stmt, 1, fields, speaker_id, source_id);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, id);
  if (!dossier_store_step_done (self, stmt, "saving the annotation", error))
    goto fail;
  if (sqlite3_changes (dossier_store_get_db (self)) == 0)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                   "No annotation %" G_GINT64_FORMAT " in this workspace", id);
      goto fail;
    }
  if (!set_tags (self, id, fields->tags, error) || !dossier_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  dossier_store_rollback_write (self);
  return FALSE;
}

gboolean
dossier_store_remove_annotation (DossierStore  *self,
                                 gint64         id,
                                 GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  if (!dossier_store_begin_write (self, error))
    return FALSE;
  stmt = dossier_store_statement (self, "DELETE FROM annotation WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!dossier_store_step_done (self, stmt, "deleting the annotation", error))
    goto fail;
  if (sqlite3_changes (dossier_store_get_db (self)) == 0)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                   "No annotation %" G_GINT64_FORMAT " in this workspace", id);
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
dossier_store_put_annotation (DossierStore       *self,
                              DossierAnnotation  *a,
                              GError            **error)
{
  DossierAnnotationFields fields;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gint64 speaker_id = 0;
  gint64 source_id = 0;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail (DOSSIER_IS_ANNOTATION (a), FALSE);
  g_return_val_if_fail (a->id > 0 && a->selector.exact != NULL, FALSE);

  dossier_annotation_get_fields (a, &fields);
  if (!check_fields (&fields, error))
    return FALSE;
  if (!dossier_store_begin_write (self, error))
    return FALSE;
  /* The document must still be there: an annotation never outlives its document. */
  if (!require_document (self, a->document_id, error) ||
      !resolve_fields (self, &fields, &speaker_id, &source_id, error))
    goto fail;

  now = dossier_store_now ();
  stmt = dossier_store_statement (self,
    "INSERT INTO annotation (id, document_id, start_offset, end_offset, exact, prefix, suffix,"
    " kind, speaker_id, source_id, cue, credibility, note, status, origin, review, created_at,"
    " modified_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
    " ON CONFLICT (id) DO UPDATE SET document_id = excluded.document_id,"
    " start_offset = excluded.start_offset, end_offset = excluded.end_offset,"
    " exact = excluded.exact, prefix = excluded.prefix, suffix = excluded.suffix,"
    " kind = excluded.kind, speaker_id = excluded.speaker_id, source_id = excluded.source_id,"
    " cue = excluded.cue, credibility = excluded.credibility, note = excluded.note,"
    " status = excluded.status, origin = excluded.origin, review = excluded.review,"
    " created_at = excluded.created_at, modified_at = excluded.modified_at", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, a->id);
  sqlite3_bind_int64 (stmt, 2, a->document_id);
  sqlite3_bind_int64 (stmt, 3, a->selector.start);
  sqlite3_bind_int64 (stmt, 4, a->selector.end);
  sqlite3_bind_text (stmt, 5, a->selector.exact, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, a->selector.prefix ? a->selector.prefix : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, a->selector.suffix ? a->selector.suffix : "", -1, SQLITE_STATIC);
  bind_fields (stmt, 8, &fields, speaker_id, source_id);
  sqlite3_bind_text (stmt, 14, dossier_annotation_status_to_string (a->status), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, a->origin ? a->origin : "analyst", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 16, a->review ? a->review : "confirmed", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 17, a->created_at ? a->created_at : now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 18, a->modified_at ? a->modified_at : now, -1, SQLITE_STATIC);
  if (!dossier_store_step_done (self, stmt, "saving the annotation", error) ||
      !set_tags (self, a->id, fields.tags, error) ||
      !dossier_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  dossier_store_rollback_write (self);
  return FALSE;
}

/* Re-anchoring */

gboolean
dossier_store_reanchor (DossierStore           *self,
                        gint64                  document_id,
                        const char             *text,
                        DossierReanchorReport  *report,
                        GError                **error)
{
  g_autoptr(DossierAnchorer) anchorer = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  DossierAnnotationFilter filter = DOSSIER_ANNOTATION_FILTER_INIT;
  DossierReanchorReport counts = { 0, };

  filter.document_id = document_id;
  filter.suggested = TRUE;
  filter.rejected = TRUE;
  annotations = dossier_store_list_annotations (self, &filter, error);
  if (annotations == NULL)
    return FALSE;
  if (annotations->len > 0)
    anchorer = dossier_anchorer_new (text);

  for (guint i = 0; i < annotations->len; i++)
    {
      DossierAnnotation *a = g_ptr_array_index (annotations, i);
      g_auto(DossierSelector) placed = { 0, };
      guint start = 0;
      guint end = 0;
      DossierAnchorMatch match = dossier_anchorer_locate (anchorer, &a->selector, &start, &end);
      sqlite3_stmt *stmt;

      if (match == DOSSIER_ANCHOR_ORPHAN || !dossier_selector_init_from_text (&placed, text,
                                                                             start, end))
        {
          /* The old selector stays as it was: it is what the analyst will want to see. */
          counts.orphaned++;
          stmt = dossier_store_statement (self,
            "UPDATE annotation SET status = 'orphan' WHERE id = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, a->id);
          if (!dossier_store_step_done (self, stmt, "re-anchoring annotations", error))
            return FALSE;
          continue;
        }

      if (match == DOSSIER_ANCHOR_POSITION)
        counts.unchanged++;
      else if (match == DOSSIER_ANCHOR_QUOTE)
        counts.moved++;
      else
        counts.approximate++;
      stmt = dossier_store_statement (self,
        "UPDATE annotation SET start_offset = ?, end_offset = ?, exact = ?, prefix = ?,"
        " suffix = ?, status = 'anchored' WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, placed.start);
      sqlite3_bind_int64 (stmt, 2, placed.end);
      sqlite3_bind_text (stmt, 3, placed.exact, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, placed.prefix, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, placed.suffix, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, a->id);
      if (!dossier_store_step_done (self, stmt, "re-anchoring annotations", error))
        return FALSE;
    }
  g_debug ("re-anchored document %" G_GINT64_FORMAT ": %u unchanged, %u moved, "
           "%u approximate, %u orphaned", document_id, counts.unchanged, counts.moved,
           counts.approximate, counts.orphaned);
  if (report != NULL)
    *report = counts;
  return TRUE;
}

/* Notes per document */

char *
dossier_store_get_document_note (DossierStore  *self,
                                 gint64         document_id,
                                 GError       **error)
{
  sqlite3_stmt *stmt;
  char *body = NULL;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  stmt = dossier_store_statement (self,
                                  "SELECT body FROM document_note WHERE document_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    body = dossier_store_column_strdup (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "reading the notes");
      return NULL;
    }
  return body ? body : g_strdup ("");
}

gboolean
dossier_store_set_document_note (DossierStore  *self,
                                 gint64         document_id,
                                 const char    *body,
                                 GError       **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  if (!dossier_store_begin_write (self, error))
    return FALSE;
  if (!require_document (self, document_id, error))
    goto fail;
  now = dossier_store_now ();
  if (body == NULL || *body == '\0')
    {
      stmt = dossier_store_statement (self, "DELETE FROM document_note WHERE document_id = ?",
                                      error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, document_id);
    }
  else
    {
      stmt = dossier_store_statement (self,
        "INSERT INTO document_note (document_id, body, modified_at) VALUES (?1, ?2, ?3)"
        " ON CONFLICT (document_id) DO UPDATE SET body = ?2, modified_at = ?3", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, document_id);
      sqlite3_bind_text (stmt, 2, body, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
    }
  if (!dossier_store_step_done (self, stmt, "saving the notes", error) ||
      !dossier_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  dossier_store_rollback_write (self);
  return FALSE;
}
