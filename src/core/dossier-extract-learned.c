/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-extract"

#include <string.h>

#include "dossier-article.h"
#include "dossier-extract-learned.h"
#include "dossier-text-scan.h"

/*
 * The learned tagger's names beside the rules' (dossier-extract-entities.c).  The rules know
 * the gazetteers, the outlet registry, titles, transliteration variants and photo credits,
 * and are rarely wrong where they speak; the tagger finds the names they have no cue for (a
 * company, a club, a person named without a title).  So the rules' mentions stand, and a
 * span of the tagger is added only where the rules found nothing:
 *
 * - never in captions and boilerplate (photo credits name photographers, not people of the
 *   story), and never over a span the rules already hold, even in part (a longer
 *   organisation name around a place of the rules, "Pittsburgh Pirates", measured no
 *   better on the development texts);
 * - a span whose words the rules gave an entity elsewhere in the text (same kind, or a
 *   surname of a person they found) joins that entity;
 * - the other spans of the same words and kind make one entity, named as written.
 */

typedef struct {
  guint start;
  guint end;
} Interval;

static int
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  const Interval *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

/* Whether [start, end) overlaps one of @taken (sorted by start, possibly overlapping each
 * other). */
static gboolean
overlaps_taken (GArray *taken,
                guint   start,
                guint   end)
{
  guint lo = 0, hi = taken->len;

  /* The first interval starting at or after @end; any overlap starts before it. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (taken, Interval, mid).start < end)
        lo = mid + 1;
      else
        hi = mid;
    }
  /* Names are short: one that reaches back over @start starts a few intervals before. */
  for (guint i = lo; i > 0 && lo - i < 64; i--)
    if (g_array_index (taken, Interval, i - 1).end > start)
      return TRUE;
  return FALSE;
}

/* Whether [start, end) touches a caption or boilerplate.  The spans come in text order, so
 * *@cursor walks the regions once for all of them. */
static gboolean
in_dimmed_region (GArray *regions,
                  guint  *cursor,
                  guint   start,
                  guint   end)
{
  if (regions == NULL)
    return FALSE;
  while (*cursor < regions->len && g_array_index (regions, DossierRegion, *cursor).end <= start)
    (*cursor)++;
  for (guint i = *cursor; i < regions->len; i++)
    {
      const DossierRegion *region = &g_array_index (regions, DossierRegion, i);

      if (region->start >= end)
        break;
      if (region->kind == DOSSIER_REGION_CAPTION || region->kind == DOSSIER_REGION_BOILERPLATE)
        return TRUE;
    }
  return FALSE;
}

/* The key under which the same name of the same kind meets: the kind and the name as
 * written.  Not the transliteration key: a spelling the rules did not group with a name
 * (a typo such as "IIran") is not made one with it here either. */
static char *
entity_key (DossierEntityKind  kind,
            const char        *name)
{
  gsize length = strlen (name);
  char *key = g_malloc (length + 3);

  /* The kind as one digit: every name and alias of a text is keyed, and through
   * g_strdup_printf() that was a third of what this pass costs besides the tagger. */
  G_STATIC_ASSERT (DOSSIER_N_ENTITY_KINDS <= 10);
  key[0] = (char) ('0' + kind);
  key[1] = ':';
  memcpy (key + 2, name, length + 1);
  return key;
}

static const char *
last_word (const char *name)
{
  const char *space = strrchr (name, ' ');

  return space != NULL ? space + 1 : name;
}

/* Worth adding: a name has a capital or a digit, is more than one character and is not
 * only punctuation. */
static gboolean
looks_like_name (const char *text)
{
  gboolean capital = FALSE;
  glong letters = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (dossier_unichar_is_capital (c))
        capital = TRUE;
      if (g_unichar_isalpha (c))
        letters++;
    }
  return capital && letters >= 2;
}

void
dossier_extract_add_learned (GPtrArray             *entities,
                             const char            *text,
                             gsize                  length,
                             GArray                *regions,
                             const GArray          *reserved,
                             const DossierNerModel *model)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (Interval));
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) surnames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_rules = entities->len, added = 0;
  guint region = 0;

  if (model == NULL)
    return;
  spans = dossier_ner_tag_text (model, text, length);
  if (spans == NULL || spans->len == 0)
    return;

  /* What the rules hold: their spans, their names and aliases, and their people's surnames. */
  for (guint e = 0; e < n_rules; e++)
    {
      DossierEntityMention *entity = g_ptr_array_index (entities, e);

      for (guint m = 0; m < entity->mentions->len; m++)
        {
          const DossierSpan *span = &g_array_index (entity->mentions, DossierSpan, m);
          Interval interval = { span->start, span->end };

          g_array_append_val (taken, interval);
        }
      g_hash_table_insert (by_key, entity_key (entity->kind, entity->name), entity);
      for (guint a = 0; entity->aliases != NULL && a < entity->aliases->len; a++)
        g_hash_table_insert (by_key, entity_key (entity->kind,
                                                 g_ptr_array_index (entity->aliases, a)),
                             entity);
      if (entity->kind == DOSSIER_ENTITY_PERSON && strchr (entity->name, ' ') != NULL)
        g_hash_table_insert (surnames, entity_key (entity->kind, last_word (entity->name)),
                             entity);
    }
  for (guint r = 0; reserved != NULL && r < reserved->len; r++)
    {
      const DossierSpan *span = &g_array_index (reserved, DossierSpan, r);
      Interval interval = { span->start, span->end };

      g_array_append_val (taken, interval);
    }
  g_array_sort (taken, compare_intervals);

  for (guint i = 0; i < spans->len; i++)
    {
      const DossierNerSpan *span = &g_array_index (spans, DossierNerSpan, i);
      g_autofree char *words = NULL;
      g_autofree char *key = NULL;
      DossierEntityMention *entity;
      DossierSpan mention = { span->start, span->end };

      if (span->end <= span->start || span->byte_end > length ||
          overlaps_taken (taken, span->start, span->end) ||
          in_dimmed_region (regions, &region, span->start, span->end))
        continue;
      words = g_strndup (text + span->byte_start, span->byte_end - span->byte_start);
      if (!looks_like_name (words))
        continue;

      key = entity_key (span->kind, words);
      entity = g_hash_table_lookup (by_key, key);
      if (entity == NULL && span->kind == DOSSIER_ENTITY_PERSON && strchr (words, ' ') == NULL)
        entity = g_hash_table_lookup (surnames, key);
      if (entity == NULL)
        {
          entity = dossier_entity_mention_new (words, span->kind);
          g_ptr_array_add (entities, entity);
          g_hash_table_insert (by_key, g_steal_pointer (&key), entity);
          if (span->kind == DOSSIER_ENTITY_PERSON && strchr (words, ' ') != NULL)
            g_hash_table_insert (surnames, entity_key (span->kind, last_word (words)), entity);
        }
      g_array_append_val (entity->mentions, mention);
      added++;
    }
  if (added == 0)
    return;

  /* Mentions in text order, entities in order of first mention, as the rules give them. */
  dossier_scan_tidy_mentions (entities);
  g_debug ("learned tagger: %u mentions added to %u entities of the rules", added, n_rules);
}
