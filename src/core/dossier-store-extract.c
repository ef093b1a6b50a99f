/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-store"

#include <sqlite3.h>
#include <string.h>

#include "dossier-anchor.h"
#include "dossier-error.h"
#include "dossier-store-private.h"

/*
 * What automatic extraction leaves in a workspace, and the analyst's review of it.
 *
 * Entity mentions live in `mention`, dated events in `event` (their entities are those
 * mentioned in their sentence), quotes are annotations of kind quote.  Each row made by
 * extraction has origin 'auto' and starts as 'suggested'; confirming or rejecting it changes
 * only its status (annotation.review for quotes).  Re-extraction deletes the pending rows of
 * the document and inserts what the extractors find now, except where a reviewed row already
 * covers the same words: a rejected suggestion is never proposed again.
 */

static const char * const review_names[] = {
  [DOSSIER_REVIEW_SUGGESTED] = "suggested",
  [DOSSIER_REVIEW_CONFIRMED] = "confirmed",
  [DOSSIER_REVIEW_REJECTED] = "rejected",
};

static const char * const suggestion_kind_names[] = {
  [DOSSIER_SUGGESTION_ENTITY] = "entity",
  [DOSSIER_SUGGESTION_DATE] = "date",
  [DOSSIER_SUGGESTION_QUOTE] = "quote",
};

/* The index of @name in @names, or -1. */
static int
name_index (const char * const *names,
            guint               n_names,
            const char         *name)
{
  for (guint i = 0; name != NULL && i < n_names; i++)
    if (strcmp (name, names[i]) == 0)
      return (int) i;
  return -1;
}

const char *
dossier_review_to_string (DossierReview review)
{
  g_return_val_if_fail ((guint) review < G_N_ELEMENTS (review_names), NULL);
  return review_names[review];
}

gboolean
dossier_review_from_string (const char    *name,
                            DossierReview *review)
{
  int i = name_index (review_names, G_N_ELEMENTS (review_names), name);

  if (i >= 0)
    *review = (DossierReview) i;
  return i >= 0;
}

const char *
dossier_suggestion_kind_to_string (DossierSuggestionKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (suggestion_kind_names), NULL);
  return suggestion_kind_names[kind];
}

gboolean
dossier_suggestion_kind_from_string (const char            *name,
                                     DossierSuggestionKind *kind)
{
  int i = name_index (suggestion_kind_names, G_N_ELEMENTS (suggestion_kind_names), name);

  if (i >= 0)
    *kind = (DossierSuggestionKind) i;
  return i >= 0;
}

void
dossier_suggestion_free (DossierSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  g_free (suggestion->text);
  g_free (suggestion->label);
  g_free (suggestion->detail);
  g_free (suggestion);
}

void
dossier_merge_proposal_free (DossierMergeProposal *proposal)
{
  if (proposal == NULL)
    return;
  g_free (proposal->name);
  g_free (proposal->other_name);
  g_free (proposal);
}

/* Variant keys */

gboolean
dossier_store_fill_variant_keys (DossierStore  *self,
                                 GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = dossier_store_statement (self, "SELECT id, name FROM entity WHERE variant_key IS NULL",
                                  error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (keys,
                       dossier_name_variant_key ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "reading entities");
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      stmt = dossier_store_statement (self, "UPDATE entity SET variant_key = ? WHERE id = ?",
                                      error);
      if (stmt == NULL)
        return FALSE;
      dossier_store_bind_text (stmt, 1, g_ptr_array_index (keys, i));
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (!dossier_store_step_done (self, stmt, "saving entities", error))
        return FALSE;
    }
  return TRUE;
}

/* Text positions */

/* The byte offset of every code point of @text, and of its end: offsets[n] is its length. */
static guint *
byte_offsets (const char *text,
              guint      *n_chars)
{
  gsize len = strlen (text);
  guint *offsets = g_new (guint, len + 1);
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    offsets[n++] = (guint) (p - text);
  offsets[n] = (guint) len;
  *n_chars = n;
  return offsets;
}

typedef struct {
  const char *text;
  guint      *offsets;
  guint       n;
} Positions;

static char *
words_at (const Positions *pos,
          guint            start,
          guint            end)
{
  start = MIN (start, pos->n);
  end = CLAMP (end, start, pos->n);
  return g_strndup (pos->text + pos->offsets[start], pos->offsets[end] - pos->offsets[start]);
}

static gboolean
valid_span (const Positions *pos,
            guint            start,
            guint            end)
{
  return start < end && end <= pos->n;
}

/* Entities */

/* Keys of the write cache: names fold ASCII case, as SQLite's NOCASE does. */
static char *
entity_key (DossierEntityKind  kind,
            const char        *name)
{
  g_autofree char *folded = g_ascii_strdown (name, -1);

  return g_strdup_printf ("entity\x1f%d\x1f%s", (int) kind, folded);
}

static char *
alias_key (gint64      entity_id,
           const char *alias)
{
  g_autofree char *folded = g_ascii_strdown (alias, -1);

  return g_strdup_printf ("alias\x1f%" G_GINT64_FORMAT "\x1f%s", entity_id, folded);
}

/* The entity of @kind called @name or with it as an alias, or 0. */
static gboolean
find_entity_of_kind (DossierStore       *self,
                     const char         *name,
                     DossierEntityKind   kind,
                     gint64             *id,
                     GError            **error)
{
  g_autofree char *key = entity_key (kind, name);
  sqlite3_stmt *stmt;

  *id = dossier_store_cache_lookup (self, key);
  if (*id != 0)
    return TRUE;
  stmt = dossier_store_statement (self,
    "SELECT id FROM entity WHERE name = ?1 COLLATE NOCASE AND kind = ?2"
    " UNION ALL SELECT e.id FROM entity_alias a JOIN entity e ON e.id = a.entity_id"
    " WHERE a.alias = ?1 AND e.kind = ?2 LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, dossier_entity_kind_to_string (kind), -1, SQLITE_STATIC);
  if (!dossier_store_lookup_id (self, stmt, id, error))
    return FALSE;
  if (*id != 0)
    dossier_store_cache_insert (self, key, *id);
  return TRUE;
}

/* Statements here write one row each (VALUES, never INSERT … SELECT): a statement that may
 * write several opens a statement transaction, which makes the full-text index flush what it
 * holds in memory, once per statement. */

static gboolean
add_alias (DossierStore  *self,
           gint64         entity_id,
           const char    *alias,
           GError       **error)
{
  g_autofree char *key = alias_key (entity_id, alias);
  sqlite3_stmt *stmt;
  gint64 is_name = 0;

  if (dossier_store_cache_lookup (self, key) != 0)
    return TRUE;
  dossier_store_cache_insert (self, key, entity_id);

  stmt = dossier_store_statement (self,
    "SELECT 1 FROM entity WHERE id = ? AND name = ? COLLATE NOCASE", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entity_id);
  sqlite3_bind_text (stmt, 2, alias, -1, SQLITE_STATIC);
  if (!dossier_store_lookup_id (self, stmt, &is_name, error))
    return FALSE;
  return is_name || dossier_store_add_alias_row (self, entity_id, alias, error);
}

/* The workspace's entity for one the extractors found: the one of that kind called by its
 * name or one of its aliases, given the other names as aliases; or a new one. */
static gboolean
resolve_entity (DossierStore       *self,
                const char         *name,
                DossierEntityKind   kind,
                GPtrArray          *aliases,
                gint64             *id,
                GError            **error)
{
  g_autofree char *clean = dossier_store_clean_name (name);
  g_autofree char *key = NULL;
  g_autofree char *cache_key = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;

  *id = 0;
  if (clean == NULL)
    return TRUE;
  if (!find_entity_of_kind (self, clean, kind, id, error))
    return FALSE;
  for (guint i = 0; *id == 0 && aliases != NULL && i < aliases->len; i++)
    {
      g_autofree char *alias = dossier_store_clean_name (g_ptr_array_index (aliases, i));

      if (alias != NULL && !find_entity_of_kind (self, alias, kind, id, error))
        return FALSE;
    }

  if (*id == 0)
    {
      key = dossier_name_variant_key (clean);
      now = dossier_store_now ();
      stmt = dossier_store_statement (self,
        "INSERT INTO entity (name, kind, created_at, variant_key, origin)"
        " VALUES (?, ?, ?, ?, 'auto')", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, dossier_entity_kind_to_string (kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
      dossier_store_bind_text (stmt, 4, key);
      if (!dossier_store_step_done (self, stmt, "adding an entity", error))
        return FALSE;
      *id = sqlite3_last_insert_rowid (dossier_store_get_db (self));
      cache_key = entity_key (kind, clean);
      dossier_store_cache_insert (self, cache_key, *id);
    }
  else if (!add_alias (self, *id, clean, error))
    return FALSE;

  for (guint i = 0; aliases != NULL && i < aliases->len; i++)
    {
      g_autofree char *alias = dossier_store_clean_name (g_ptr_array_index (aliases, i));

      if (alias != NULL && !add_alias (self, *id, alias, error))
        return FALSE;
    }
  /* One the analyst rejected outright ("not an entity") is 0: suggested in no document. */
  return dossier_store_forget_rejected_entity (self, id, error);
}

/* Applying an extraction */

gboolean
dossier_store_clear_suggestions (DossierStore  *self,
                                 gint64         document_id,
                                 GError       **error)
{
  static const char * const statements[] = {
    "DELETE FROM mention WHERE document_id = ? AND origin = 'auto' AND status = 'suggested'",
    "DELETE FROM event WHERE document_id = ? AND origin = 'auto' AND status = 'suggested'",
    "DELETE FROM annotation WHERE document_id = ? AND origin = 'auto' AND review = 'suggested'",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = dossier_store_statement (self, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, document_id);
      if (!dossier_store_step_done (self, stmt, "replacing suggestions", error))
        return FALSE;
    }
  return TRUE;
}


typedef struct {
  gint64  entity_id;
  guint   start;
  guint   end;
  char   *exact;
} PendingMention;

static void
pending_mention_clear (gpointer data)
{
  g_free (((PendingMention *) data)->exact);
}

/* Whether a row (reviewed: pending ones were cleared) already covers the span. */
static gboolean
mention_taken (DossierStore      *self,
               gint64             document_id,
               const DossierSpan *span,
               gboolean          *taken,
               GError           **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self,
    "SELECT 1 FROM mention WHERE document_id = ? AND start_offset = ? AND end_offset = ?"
    " LIMIT 1", error);
  gint64 found = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, span->start);
  sqlite3_bind_int64 (stmt, 3, span->end);
  if (!dossier_store_lookup_id (self, stmt, &found, error))
    return FALSE;
  *taken = found != 0;
  return TRUE;
}

typedef struct {
  gint64  document_id;
  GArray *mentions;
} DocumentMentions;

static void
bind_mention (sqlite3_stmt *stmt,
              int           first,
              guint         row,
              gpointer      data)
{
  const DocumentMentions *rows = data;
  const PendingMention *mention = &g_array_index (rows->mentions, PendingMention, row);

  sqlite3_bind_int64 (stmt, first, mention->entity_id);
  sqlite3_bind_int64 (stmt, first + 1, rows->document_id);
  sqlite3_bind_int64 (stmt, first + 2, mention->start);
  sqlite3_bind_int64 (stmt, first + 3, mention->end);
  sqlite3_bind_text (stmt, first + 4, mention->exact, -1, SQLITE_STATIC);
}


typedef struct {
  gint64                   document_id;
  const DossierExtraction *extraction;
  GArray                  *events;     /* indexes into extraction->events */
} DocumentEvents;

static void
bind_event (sqlite3_stmt *stmt,
            int           first,
            guint         row,
            gpointer      data)
{
  const DocumentEvents *rows = data;
  const DossierEventMention *event =
    g_ptr_array_index (rows->extraction->events, g_array_index (rows->events, guint, row));
  const DossierDateMention *date = g_ptr_array_index (rows->extraction->dates, event->date);

  sqlite3_bind_int64 (stmt, first, rows->document_id);
  sqlite3_bind_int64 (stmt, first + 1, date->start);
  sqlite3_bind_int64 (stmt, first + 2, date->end);
  sqlite3_bind_text (stmt, first + 3, date->text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 4, date->value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 5, dossier_date_precision_to_string (date->precision), -1,
                     SQLITE_STATIC);
  /* A relative date ("last week") is the extractor's reading against the document's date,
   * not a date the text states. */
  sqlite3_bind_int (stmt, first + 6, date->relative ? 1 : 0);
  sqlite3_bind_int64 (stmt, first + 7, event->sentence_start);
  sqlite3_bind_int64 (stmt, first + 8, event->sentence_end);
}

/* Whether a quote or claim already covers part of [start, end), or the analyst rejected
 * these words as a quote before. */
static gboolean
quote_taken (DossierStore  *self,
             gint64         document_id,
             guint          start,
             guint          end,
             const char    *exact,
             gboolean      *taken,
             GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self,
    "SELECT 1 FROM annotation WHERE document_id = ?1 AND start_offset < ?3 AND end_offset > ?2"
    " AND kind IN ('quote', 'claim') AND status = 'anchored'"
    " UNION ALL SELECT 1 FROM annotation WHERE document_id = ?1 AND origin = 'auto'"
    " AND review = 'rejected' AND exact = ?4 LIMIT 1", error);
  gint64 found = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);
  sqlite3_bind_text (stmt, 4, exact, -1, SQLITE_STATIC);
  if (!dossier_store_lookup_id (self, stmt, &found, error))
    return FALSE;
  *taken = found != 0;
  return TRUE;
}

/* The entity of the extraction mentioned at the speaker's words ("Foreign Minister Abbas
 * Araghchi" holds a mention of Abbas Araghchi), a person by preference; or 0. */
static gint64
speaker_entity (const DossierExtraction   *extraction,
                const DossierQuoteMention *quote,
                const gint64              *entity_ids)
{
  gint64 found = 0;

  for (guint e = 0; e < extraction->entities->len; e++)
    {
      const DossierEntityMention *entity = g_ptr_array_index (extraction->entities, e);

      for (guint m = 0; entity->mentions != NULL && m < entity->mentions->len; m++)
        {
          const DossierSpan *span = &g_array_index (entity->mentions, DossierSpan, m);

          if ((int) span->start >= quote->speaker_end || (int) span->end <= quote->speaker_start)
            continue;
          if (entity->kind == DOSSIER_ENTITY_PERSON)
            return entity_ids[e];
          if (found == 0)
            found = entity_ids[e];
        }
    }
  return found;
}

/* The source for an outlet's name, through the write cache. */
static gboolean
outlet_source (DossierStore  *self,
               const char    *outlet,
               gint64        *id,
               GError       **error)
{
  g_autofree char *folded = g_ascii_strdown (outlet, -1);
  g_autofree char *key = g_strconcat ("source\x1f", folded, NULL);

  *id = dossier_store_cache_lookup (self, key);
  if (*id != 0)
    return TRUE;
  if (!dossier_store_ensure_source (self, outlet, id, error))
    return FALSE;
  if (*id != 0)
    dossier_store_cache_insert (self, key, *id);
  return TRUE;
}

typedef struct {
  DossierSelector  selector;
  gint64           speaker_id;   /* 0: none */
  gint64           source_id;    /* 0: none */
  const char      *cue;
} PendingQuote;

static void
pending_quote_clear (gpointer data)
{
  dossier_selector_clear (&((PendingQuote *) data)->selector);
}

/* Adds @quote to @quotes with its speaker and outlet, unless its words are not in the text
 * or (@fresh FALSE) a quote or claim already covers them or the analyst rejected them. */
static gboolean
prepare_quote (DossierStore              *self,
               gint64                     document_id,
               gboolean                   fresh,
               const Positions           *pos,
               const DossierExtraction   *extraction,
               const DossierQuoteMention *quote,
               const gint64              *entity_ids,
               GArray                    *quotes,
               GError                   **error)
{
  PendingQuote row = { { 0, }, 0, 0, quote->cue };
  gboolean taken = FALSE;
  gboolean ok = FALSE;
  guint context;

  if (!valid_span (pos, quote->start, quote->end))
    return TRUE;
  /* The selector from the quote's neighbourhood only: the text before it is not walked. */
  context = quote->start > DOSSIER_ANCHOR_CONTEXT ? quote->start - DOSSIER_ANCHOR_CONTEXT : 0;
  if (!dossier_selector_init_from_text (&row.selector, pos->text + pos->offsets[context],
                                        quote->start - context, quote->end - context))
    return TRUE;
  row.selector.start = quote->start;
  row.selector.end = quote->end;

  if (!fresh && !quote_taken (self, document_id, quote->start, quote->end, row.selector.exact,
                              &taken, error))
    goto out;
  if (taken)
    {
      ok = TRUE;
      goto out;
    }
  if (quote->speaker != NULL)
    {
      row.speaker_id = speaker_entity (extraction, quote, entity_ids);
      if (row.speaker_id == 0 &&
          !resolve_entity (self, quote->speaker, DOSSIER_ENTITY_PERSON, NULL, &row.speaker_id,
                           error))
        goto out;
    }
  if (quote->outlet != NULL && !outlet_source (self, quote->outlet, &row.source_id, error))
    goto out;
  /* @quotes owns the selector's strings from here on. */
  g_array_append_val (quotes, row);
  return TRUE;

out:
  dossier_selector_clear (&row.selector);
  return ok;
}

typedef struct {
  gint64      document_id;
  GArray     *quotes;
  const char *now;
} DocumentQuotes;

static void
bind_quote (sqlite3_stmt *stmt,
            int           first,
            guint         row,
            gpointer      data)
{
  const DocumentQuotes *rows = data;
  const PendingQuote *quote = &g_array_index (rows->quotes, PendingQuote, row);

  sqlite3_bind_int64 (stmt, first, rows->document_id);
  sqlite3_bind_int64 (stmt, first + 1, quote->selector.start);
  sqlite3_bind_int64 (stmt, first + 2, quote->selector.end);
  sqlite3_bind_text (stmt, first + 3, quote->selector.exact, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 4, quote->selector.prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 5, quote->selector.suffix, -1, SQLITE_STATIC);
  if (quote->speaker_id != 0)
    sqlite3_bind_int64 (stmt, first + 6, quote->speaker_id);
  if (quote->source_id != 0)
    sqlite3_bind_int64 (stmt, first + 7, quote->source_id);
  dossier_store_bind_text (stmt, first + 8, quote->cue);
  sqlite3_bind_text (stmt, first + 9, rows->now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 10, rows->now, -1, SQLITE_STATIC);
}

gboolean
dossier_store_apply_extraction (DossierStore             *self,
                                gint64                    document_id,
                                const char               *text,
                                const DossierExtraction  *extraction,
                                gboolean                  fresh,
                                DossierExtractionCounts  *counts,
                                GError                  **error)
{
  DossierExtractionCounts local = { 0, };
  g_autoptr(GArray) mentions = g_array_new (FALSE, FALSE, sizeof (PendingMention));
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (guint));
  static DossierRowsInsert mention_insert = DOSSIER_ROWS_INSERT_INIT (
    "INSERT OR IGNORE INTO mention (entity_id, document_id, start_offset, end_offset, exact)"
    " VALUES", "(?, ?, ?, ?, ?)", 5);
  static DossierRowsInsert event_insert = DOSSIER_ROWS_INSERT_INIT (
    "INSERT OR IGNORE INTO event (document_id, start_offset, end_offset, expression, value,"
    " precision, uncertain, sentence_start, sentence_end) VALUES",
    "(?, ?, ?, ?, ?, ?, ?, ?, ?)", 9);
  static DossierRowsInsert quote_insert = DOSSIER_ROWS_INSERT_INIT (
    "INSERT INTO annotation (document_id, kind, start_offset, end_offset, exact, prefix, suffix,"
    " speaker_id, source_id, cue, origin, review, created_at, modified_at) VALUES",
    "(?, 'quote', ?, ?, ?, ?, ?, ?, ?, ?, 'auto', 'suggested', ?, ?)", 11);
  g_autoptr(GArray) quotes = g_array_new (FALSE, TRUE, sizeof (PendingQuote));
  g_autofree char *now = NULL;
  DocumentQuotes quote_rows = { document_id, quotes, NULL };
  DocumentMentions mention_rows = { document_id, NULL };
  DocumentEvents event_rows = { document_id, extraction, events };
  g_autofree gint64 *entity_ids = NULL;
  Positions pos = { text, NULL, 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (text != NULL && extraction != NULL, FALSE);

  g_array_set_clear_func (mentions, pending_mention_clear);
  g_array_set_clear_func (quotes, pending_quote_clear);
  if (counts == NULL)
    counts = &local;
  memset (counts, 0, sizeof *counts);
  if (!fresh && !dossier_store_clear_suggestions (self, document_id, error))
    return FALSE;

  pos.offsets = byte_offsets (text, &pos.n);
  entity_ids = g_new0 (gint64, extraction->entities->len + 1);

  for (guint e = 0; e < extraction->entities->len; e++)
    {
      const DossierEntityMention *entity = g_ptr_array_index (extraction->entities, e);

      if (!resolve_entity (self, entity->name, entity->kind, entity->aliases, &entity_ids[e],
                           error))
        goto out;
      if (entity_ids[e] == 0)
        continue;
      counts->entities++;
      for (guint m = 0; entity->mentions != NULL && m < entity->mentions->len; m++)
        {
          const DossierSpan *span = &g_array_index (entity->mentions, DossierSpan, m);
          PendingMention mention = { entity_ids[e], span->start, span->end, NULL };
          gboolean taken = FALSE;

          if (!valid_span (&pos, span->start, span->end))
            continue;
          if (!fresh && !mention_taken (self, document_id, span, &taken, error))
            goto out;
          if (taken)
            continue;
          mention.exact = words_at (&pos, span->start, span->end);
          g_array_append_val (mentions, mention);
        }
    }
  mention_rows.mentions = mentions;
  if (!dossier_store_insert_rows (self, &mention_insert, mentions->len, bind_mention,
                                  &mention_rows, &counts->mentions, "saving mentions", error))
    goto out;

  for (guint i = 0; i < extraction->events->len; i++)
    {
      const DossierEventMention *event = g_ptr_array_index (extraction->events, i);
      const DossierDateMention *date = g_ptr_array_index (extraction->dates, event->date);

      if (valid_span (&pos, date->start, date->end) &&
          event->sentence_start <= event->sentence_end && event->sentence_end <= pos.n)
        g_array_append_val (events, i);
    }
  if (!dossier_store_insert_rows (self, &event_insert, events->len, bind_event, &event_rows,
                                  &counts->events, "saving events", error))
    goto out;

  for (guint i = 0; i < extraction->quotes->len; i++)
    if (!prepare_quote (self, document_id, fresh, &pos, extraction,
                        g_ptr_array_index (extraction->quotes, i), entity_ids, quotes, error))
      goto out;
  now = dossier_store_now ();
  quote_rows.now = now;
  if (!dossier_store_insert_rows (self, &quote_insert, quotes->len, bind_quote, &quote_rows,
                                  &counts->quotes, "saving quotes", error))
    goto out;
  ok = TRUE;

out:
  g_free (pos.offsets);
  return ok;
}

/* Updated texts */

typedef struct {
  gint64  id;
  guint   start;
  guint   end;
  char   *exact;
} Reviewed;

static void
reviewed_clear (gpointer data)
{
  g_free (((Reviewed *) data)->exact);
}

static gboolean
relocate_table (DossierStore     *self,
                gint64            document_id,
                DossierAnchorer  *anchorer,
                const Positions  *pos,
                const char       *select_sql,
                const char       *move_sql,
                const char       *drop_sql,
                GError          **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Reviewed));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (rows, reviewed_clear);
  stmt = dossier_store_statement (self, select_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Reviewed row = {
        sqlite3_column_int64 (stmt, 0),
        (guint) sqlite3_column_int64 (stmt, 1),
        (guint) sqlite3_column_int64 (stmt, 2),
        dossier_store_column_strdup (stmt, 3),
      };

      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "reading reviewed suggestions");
      return FALSE;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      Reviewed *row = &g_array_index (rows, Reviewed, i);
      DossierSelector selector = { row->start, row->end, row->exact, (char *) "", (char *) "" };
      g_autofree char *now_there = NULL;
      guint start = row->start, end = row->end;
      gboolean found;

      if (valid_span (pos, row->start, row->end))
        now_there = words_at (pos, row->start, row->end);
      found = g_strcmp0 (now_there, row->exact) == 0 ||
              dossier_anchorer_locate (anchorer, &selector, &start, &end) != DOSSIER_ANCHOR_ORPHAN;
      stmt = dossier_store_statement (self, found ? move_sql : drop_sql, error);
      if (stmt == NULL)
        return FALSE;
      if (found)
        {
          sqlite3_bind_int64 (stmt, 1, start);
          sqlite3_bind_int64 (stmt, 2, end);
          sqlite3_bind_int64 (stmt, 3, row->id);
        }
      else
        sqlite3_bind_int64 (stmt, 1, row->id);
      /* Another reviewed row may already sit on the new span: then this one goes. */
      if (sqlite3_step (stmt) == SQLITE_CONSTRAINT && found)
        {
          sqlite3_reset (stmt);
          stmt = dossier_store_statement (self, drop_sql, error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, row->id);
          if (!dossier_store_step_done (self, stmt, "updating suggestions", error))
            return FALSE;
          continue;
        }
      if (sqlite3_reset (stmt) != SQLITE_OK)
        {
          dossier_store_set_error (self, error, sqlite3_errcode (dossier_store_get_db (self)),
                                   "updating suggestions");
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
dossier_store_relocate_reviewed (DossierStore  *self,
                                 gint64         document_id,
                                 const char    *text,
                                 GError       **error)
{
  g_autoptr(DossierAnchorer) anchorer = dossier_anchorer_new (text);
  Positions pos = { text, NULL, 0 };
  gboolean ok;

  pos.offsets = byte_offsets (text, &pos.n);
  ok = relocate_table (self, document_id, anchorer, &pos,
         "SELECT id, start_offset, end_offset, exact FROM mention"
         " WHERE document_id = ? AND status <> 'suggested'",
         "UPDATE mention SET start_offset = ?, end_offset = ? WHERE id = ?",
         "DELETE FROM mention WHERE id = ?", error) &&
       relocate_table (self, document_id, anchorer, &pos,
         "SELECT id, start_offset, end_offset, expression FROM event"
         " WHERE document_id = ? AND status <> 'suggested'",
         /* The sentence is re-read around the date's new place when the events are listed. */
         "UPDATE event SET sentence_start = sentence_start - start_offset + ?1,"
         " sentence_end = sentence_end - end_offset + ?2, start_offset = ?1, end_offset = ?2"
         " WHERE id = ?3",
         "DELETE FROM event WHERE id = ?", error);
  g_free (pos.offsets);
  return ok;
}

/* Review */

/* @DOC is the test of a document id against ?1 (written per table, so that one document's
 * rows are read through its indexes); ?2 is whether reviewed rows are wanted too. */
#define SUGGESTION_QUERY(DOC_M, DOC_V, DOC_A) \
  "SELECT 0, m.id, m.document_id, m.start_offset, m.end_offset, m.exact, e.name, e.kind," \
  " m.status FROM mention m JOIN entity e ON e.id = m.entity_id" \
  " WHERE " DOC_M " AND (?2 OR m.origin = 'auto' AND m.status = 'suggested')" \
  " UNION ALL SELECT 1, v.id, v.document_id, v.start_offset, v.end_offset, v.expression," \
  " v.value, v.precision, v.status FROM event v" \
  " WHERE " DOC_V " AND (?2 OR v.origin = 'auto' AND v.status = 'suggested')" \
  " UNION ALL SELECT 2, a.id, a.document_id, a.start_offset, a.end_offset, a.exact, p.name," \
  " s.name, a.review FROM annotation a LEFT JOIN entity p ON p.id = a.speaker_id" \
  " LEFT JOIN source s ON s.id = a.source_id" \
  " WHERE " DOC_A " AND a.origin = 'auto' AND (?2 OR a.review = 'suggested')" \
  " ORDER BY 3, 4, 5, 1, 2"

GPtrArray *
dossier_store_list_suggestions (DossierStore  *self,
                                gint64         document_id,
                                gboolean       include_reviewed,
                                GError       **error)
{
  g_autoptr(GPtrArray) suggestions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_suggestion_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  if (document_id != 0)
    stmt = dossier_store_statement (self,
      SUGGESTION_QUERY ("m.document_id = ?1", "v.document_id = ?1", "a.document_id = ?1"),
      error);
  else
    stmt = dossier_store_statement (self, SUGGESTION_QUERY ("?1 = 0", "?1 = 0", "?1 = 0"),
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int (stmt, 2, include_reviewed ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DossierSuggestion *s = g_new0 (DossierSuggestion, 1);

      s->kind = (DossierSuggestionKind) sqlite3_column_int (stmt, 0);
      s->id = sqlite3_column_int64 (stmt, 1);
      s->document_id = sqlite3_column_int64 (stmt, 2);
      s->start = (guint) sqlite3_column_int64 (stmt, 3);
      s->end = (guint) sqlite3_column_int64 (stmt, 4);
      s->text = dossier_store_column_strdup (stmt, 5);
      s->label = dossier_store_column_strdup (stmt, 6);
      s->detail = dossier_store_column_strdup (stmt, 7);
      dossier_review_from_string ((const char *) sqlite3_column_text (stmt, 8), &s->review);
      g_ptr_array_add (suggestions, s);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "reading suggestions");
      return NULL;
    }
  return g_steal_pointer (&suggestions);
}
#undef SUGGESTION_QUERY

gboolean
dossier_store_review_suggestion (DossierStore           *self,
                                 DossierSuggestionKind   kind,
                                 gint64                  id,
                                 DossierReview           review,
                                 GError                **error)
{
  static const char * const statements[] = {
    [DOSSIER_SUGGESTION_ENTITY] = "UPDATE mention SET status = ?1 WHERE id = ?2",
    [DOSSIER_SUGGESTION_DATE] = "UPDATE event SET status = ?1 WHERE id = ?2",
    [DOSSIER_SUGGESTION_QUOTE] = ("UPDATE annotation SET review = ?1, modified_at = ?3"
                                  " WHERE id = ?2 AND origin = 'auto'"),
  };
  g_autofree char *now = dossier_store_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (statements), FALSE);
  g_return_val_if_fail ((guint) review < G_N_ELEMENTS (review_names), FALSE);

  if (!dossier_store_begin_write (self, error))
    return FALSE;
  stmt = dossier_store_statement (self, statements[kind], error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, review_names[review], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  if (kind == DOSSIER_SUGGESTION_QUOTE)
    sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  if (!dossier_store_step_done (self, stmt, "saving the review", error))
    goto fail;
  if (sqlite3_changes (dossier_store_get_db (self)) == 0)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NOT_FOUND,
                   "No suggested %s %" G_GINT64_FORMAT " in this workspace",
                   suggestion_kind_names[kind], id);
      goto fail;
    }
  if (!dossier_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  dossier_store_rollback_write (self);
  return FALSE;
}

/* Merges */

GPtrArray *
dossier_store_list_merge_proposals (DossierStore  *self,
                                    GError       **error)
{
  g_autoptr(GPtrArray) proposals =
    g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_merge_proposal_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DOSSIER_IS_STORE (self), NULL);

  /* The older entity of each pair is proposed to keep. */
  stmt = dossier_store_statement (self,
    "SELECT a.id, a.name, b.id, b.name, a.kind FROM entity a"
    " JOIN entity b ON b.variant_key = a.variant_key AND b.kind = a.kind AND b.id > a.id"
    " WHERE a.variant_key IS NOT NULL AND a.variant_key <> ''"
    /* Not an entity at all, as the analyst said: nothing to merge. */
    " AND a.rejected = 0 AND b.rejected = 0"
    " AND NOT EXISTS (SELECT 1 FROM merge_dismissal d"
    "                 WHERE d.entity_id = a.id AND d.other_id = b.id)"
    " ORDER BY a.name COLLATE NOCASE, a.id, b.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DossierMergeProposal *p = g_new0 (DossierMergeProposal, 1);

      p->entity_id = sqlite3_column_int64 (stmt, 0);
      p->name = dossier_store_column_strdup (stmt, 1);
      p->other_id = sqlite3_column_int64 (stmt, 2);
      p->other_name = dossier_store_column_strdup (stmt, 3);
      dossier_entity_kind_from_string ((const char *) sqlite3_column_text (stmt, 4), &p->kind);
      g_ptr_array_add (proposals, p);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dossier_store_set_error (self, error, rc, "reading merge proposals");
      return NULL;
    }
  return g_steal_pointer (&proposals);
}

static gboolean
run_for_pair (DossierStore  *self,
              const char    *sql,
              gint64         entity_id,
              gint64         other_id,
              GError       **error)
{
  sqlite3_stmt *stmt = dossier_store_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entity_id);
  sqlite3_bind_int64 (stmt, 2, other_id);
  return dossier_store_step_done (self, stmt, "merging entities", error);
}

gboolean
dossier_store_merge_entities (DossierStore  *self,
                              gint64         entity_id,
                              gint64         other_id,
                              GError       **error)
{
  /* Parenthesized: each is one statement written over several lines. */
  static const char * const steps[] = {
    ("INSERT OR IGNORE INTO entity_alias (entity_id, alias)"
     " SELECT ?1, name FROM entity WHERE id = ?2"
     " UNION SELECT ?1, alias FROM entity_alias WHERE entity_id = ?2"),
    ("DELETE FROM entity_alias WHERE entity_id = ?1"
     " AND alias = (SELECT name FROM entity WHERE id = ?1) COLLATE NOCASE"),
    /* A span both mention keeps the kept entity's row. */
    "UPDATE OR IGNORE mention SET entity_id = ?1 WHERE entity_id = ?2",
    "UPDATE annotation SET speaker_id = ?1 WHERE speaker_id = ?2",
    "DELETE FROM entity WHERE id = ?2",
  };

  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  if (entity_id == other_id)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                   "An entity cannot be merged with itself");
      return FALSE;
    }
  if (!dossier_store_begin_write (self, error))
    return FALSE;
  if (!dossier_store_read_entity (self, entity_id, NULL, NULL, error) ||
      !dossier_store_read_entity (self, other_id, NULL, NULL, error))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (!run_for_pair (self, steps[i], entity_id, other_id, error))
      goto fail;
  if (!dossier_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  dossier_store_rollback_write (self);
  return FALSE;
}

gboolean
dossier_store_dismiss_merge (DossierStore  *self,
                             gint64         entity_id,
                             gint64         other_id,
                             GError       **error)
{
  g_return_val_if_fail (DOSSIER_IS_STORE (self), FALSE);

  if (entity_id == other_id)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                   "An entity is always the same as itself");
      return FALSE;
    }
  if (!dossier_store_begin_write (self, error))
    return FALSE;
  if (!dossier_store_read_entity (self, entity_id, NULL, NULL, error) ||
      !dossier_store_read_entity (self, other_id, NULL, NULL, error) ||
      !run_for_pair (self, "INSERT OR IGNORE INTO merge_dismissal (entity_id, other_id)"
                     " VALUES (min (?1, ?2), max (?1, ?2))", entity_id, other_id, error) ||
      !dossier_store_commit_write (self, error))
    {
      dossier_store_rollback_write (self);
      return FALSE;
    }
  return TRUE;
}
