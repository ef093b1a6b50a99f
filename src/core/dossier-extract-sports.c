/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-extract"

#include <string.h>

#include "dossier-extract-sports.h"
#include "dossier-text-scan.h"
#include "dossier-gazetteer.h"

/*
 * Clubs named after their cities.  The gazetteers make "Madrid" and "Manchester" places,
 * which they are, except on a sports page: "Real Madrid", "Manchester United", "Newcastle"
 * in "Newcastle 0 Aston Villa 2" and "Sevilla" in "beat Sevilla 3-1" are clubs.  A city
 * (never a country or region: national sides stay places, as in newswire annotation) becomes
 * an organisation when:
 *
 * - a club word follows it ("United", "City", "Rovers", "FC") or comes before it ("Real",
 *   "Atletico", "Inter", "FC"); the club's name takes the word in;
 * - it stands in a results line: capitalized names and scores only ("Arsenal 2 Chelsea 0");
 * - on a page with results or scores, a score follows it ("Sevilla 3-1") or a match verb is
 *   next to it ("beat Sevilla", "Valencia drew", "drew with Valencia").
 */

static const char * const club_after[] = {
  "United", "City", "Rovers", "Athletic", "Wanderers", "Albion", "Hotspur", "FC", "AFC",
  "SC", "CF", NULL,
};

static const char * const club_before[] = {
  "Real", "Atletico", "Atlético", "Inter", "AC", "FC", "Sporting", "Dynamo", "Dinamo",
  "Olympique", "Borussia", "Bayern", "Deportivo", "Racing", "Union", "Lokomotiv", "Spartak",
  "Zenit", "CSKA", NULL,
};

/* Match verbs after a club ("Valencia drew") and words before one ("beat Valencia"). */
static const char * const verbs_after[] = {
  "beat", "beats", "drew", "draw", "lost", "defeated", "thrashed", "edged", "won", "held",
  NULL,
};

static const char * const words_before[] = {
  "beat", "beats", "defeated", "thrashed", "edged", "with", "against", "lost to", "over",
  "host", "hosts", "visit", "visiting", NULL,
};

typedef struct {
  DossierEntityMention *entity;
  guint                 index;  /* of the mention in entity->mentions */
  guint                 start;
  guint                 end;
} Found;

static inline gboolean
is_digit (gunichar c)
{
  return c < 0x80 ? c >= '0' && c <= '9' : g_unichar_isdigit (c);
}

static inline gboolean
is_upper (gunichar c)
{
  return c < 0x80 ? c >= 'A' && c <= 'Z' : g_unichar_isupper (c);
}

/* Whether @word (ASCII) is written at [@at, …) of @u as a whole word; its end in *@end. */
static gboolean
word_is_at (const gunichar *u,
            guint           n,
            guint           at,
            const char     *word,
            guint          *end)
{
  guint k = 0;

  for (; word[k] != '\0'; k++)
    if (at + k >= n || u[at + k] != (guchar) word[k])
      return FALSE;
  if (at + k < n && dossier_scan_is_word_char (u[at + k]))
    return FALSE;
  if (at > 0 && dossier_scan_is_word_char (u[at - 1]))
    return FALSE;
  *end = at + k;
  return TRUE;
}

/* One of @words right after [.., @end) across a space: the end of the word, or 0. */
static guint
word_after (const gunichar     *u,
            guint               n,
            guint               end,
            const char * const *words)
{
  guint past;

  if (end + 1 >= n || u[end] != ' ')
    return 0;
  for (guint w = 0; words[w] != NULL; w++)
    if (word_is_at (u, n, end + 1, words[w], &past))
      return past;
  return 0;
}

/* One of @words right before [@start, ..) across a space: its start, or G_MAXUINT. */
static guint
word_before (const gunichar     *u,
             guint               n,
             guint               start,
             const char * const *words)
{
  if (start < 2 || u[start - 1] != ' ')
    return G_MAXUINT;
  for (guint w = 0; words[w] != NULL; w++)
    {
      glong length = (glong) strlen (words[w]);
      guint past;

      if ((glong) start - 1 >= length &&
          word_is_at (u, n, start - 1 - (guint) length, words[w], &past) && past == start - 1)
        return start - 1 - (guint) length;
    }
  return G_MAXUINT;
}

/* A score: one or two digits, a hyphen, one or two digits ("3-1"), as a whole word. */
static gboolean
is_score_at (const gunichar *u,
             guint           n,
             guint           at)
{
  guint k = at, digits = 0;

  while (k < n && is_digit (u[k]) && digits < 3)
    k++, digits++;
  if (digits == 0 || digits > 2 || k >= n || u[k] != '-')
    return FALSE;
  k++;
  digits = 0;
  while (k < n && is_digit (u[k]) && digits < 3)
    k++, digits++;
  return digits > 0 && digits <= 2 && (at == 0 || !dossier_scan_is_word_char (u[at - 1]) || u[at - 1] == ' ') &&
         (k >= n || !dossier_scan_is_word_char (u[k]));
}

/* Whether [@start, @end) is a results line: at least two scores (numbers of one to three
 * digits standing alone), names, and no word in lower case outside brackets. */
static gboolean
is_results_line (const gunichar *u,
                 guint           start,
                 guint           end)
{
  guint numbers = 0, depth = 0;
  gboolean name = FALSE;

  for (guint k = start; k < end; k++)
    {
      if (u[k] == '(' || u[k] == '[')
        depth++;
      else if ((u[k] == ')' || u[k] == ']') && depth > 0)
        depth--;
      if (k > start && dossier_scan_is_word_char (u[k - 1]))
        continue;
      if (depth == 0 && g_unichar_islower (u[k]))
        return FALSE;
      if (is_upper (u[k]))
        name = TRUE;
      else if (is_digit (u[k]) && depth == 0)
        {
          guint j = k;

          while (j < end && is_digit (u[j]))
            j++;
          if ((k > start && u[k - 1] != ' ') || j - k > 3 || (j < end && u[j] != ' '))
            return FALSE;
          numbers++;
        }
    }
  return name && numbers >= 2;
}

static const DossierGazetteerEntry *
find_entry (const char *name)
{
  static GHashTable *by_name;

  if (g_once_init_enter (&by_name))
    {
      const DossierGazetteer *gazetteer = dossier_gazetteer_get_default ();
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; gazetteer != NULL && i < gazetteer->entries->len; i++)
        {
          const DossierGazetteerEntry *entry = g_ptr_array_index (gazetteer->entries, i);

          if (entry->kind == DOSSIER_ENTITY_PLACE && !g_hash_table_contains (table, entry->name))
            g_hash_table_insert (table, entry->name, (gpointer) entry);
        }
      g_once_init_leave (&by_name, table);
    }
  return g_hash_table_lookup (by_name, name);
}

/* Whether @entity is a city of the gazetteers or a place they do not hold (the tagger's),
 * not a country or region. */
static gboolean
is_city (const DossierEntityMention *entity)
{
  const DossierGazetteerEntry *entry;

  if (entity->kind != DOSSIER_ENTITY_PLACE)
    return FALSE;
  entry = find_entry (entity->name);
  return entry == NULL || entry->klass == DOSSIER_GAZETTEER_CITY;
}

/* Marks every mention overlapping [@start, @end) for removal (its end set to 0). */
static void
drop_overlapping (GPtrArray *entities,
                  guint      start,
                  guint      end)
{
  for (guint e = 0; e < entities->len; e++)
    {
      DossierEntityMention *entity = g_ptr_array_index (entities, e);

      for (guint m = 0; m < entity->mentions->len; m++)
        {
          DossierSpan *span = &g_array_index (entity->mentions, DossierSpan, m);

          if (span->start < end && span->end > start)
            span->end = 0;
        }
    }
}

static DossierEntityMention *
club_entity (GPtrArray  *entities,
             GPtrArray  *clubs,
             const char *name)
{
  DossierEntityMention *entity;

  for (guint c = 0; c < clubs->len; c++)
    {
      entity = g_ptr_array_index (clubs, c);
      if (strcmp (entity->name, name) == 0)
        return entity;
    }
  for (guint e = 0; e < entities->len; e++)
    {
      entity = g_ptr_array_index (entities, e);
      if (entity->kind == DOSSIER_ENTITY_ORGANIZATION && strcmp (entity->name, name) == 0)
        return entity;
    }
  entity = dossier_entity_mention_new (name, DOSSIER_ENTITY_ORGANIZATION);
  g_ptr_array_add (clubs, entity);
  return entity;
}

void
dossier_extract_find_clubs (GPtrArray      *entities,
                            const gunichar *u,
                            guint           n)
{
  g_autoptr(GArray) cities = g_array_new (FALSE, FALSE, sizeof (Found));
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (DossierSpan));
  g_autoptr(GPtrArray) clubs = g_ptr_array_new ();
  gboolean sports = FALSE;
  guint line_start = 0;

  for (guint e = 0; e < entities->len; e++)
    {
      DossierEntityMention *entity = g_ptr_array_index (entities, e);

      if (!is_city (entity))
        continue;
      for (guint m = 0; m < entity->mentions->len; m++)
        {
          const DossierSpan *span = &g_array_index (entity->mentions, DossierSpan, m);
          Found found = { entity, m, span->start, span->end };

          g_array_append_val (cities, found);
        }
    }
  if (cities->len == 0)
    return;

  /* A page with results or scores. */
  for (guint k = 0; k <= n && !sports; k++)
    {
      if (k == n || u[k] == '\n')
        {
          sports = is_results_line (u, line_start, k);
          line_start = k + 1;
        }
      else if (is_digit (u[k]) && (k == 0 || !dossier_scan_is_word_char (u[k - 1])))
        sports = is_score_at (u, n, k);
    }

  for (guint c = 0; c < cities->len; c++)
    {
      const Found *found = &g_array_index (cities, Found, c);
      guint start = found->start, end = found->end, past, before;
      gboolean club = FALSE;

      if (end > n)
        continue;
      if ((past = word_after (u, n, end, club_after)) > 0)
        end = past, club = TRUE;
      else if ((before = word_before (u, n, start, club_before)) != G_MAXUINT)
        start = before, club = TRUE;
      else
        {
          guint ls = start, le = end;

          while (ls > 0 && u[ls - 1] != '\n')
            ls--;
          while (le < n && u[le] != '\n')
            le++;
          club = is_results_line (u, ls, le) ||
                 (sports && ((end + 1 < n && u[end] == ' ' &&
                              is_score_at (u, n, end + 1)) ||
                             word_after (u, n, end, verbs_after) > 0 ||
                             word_before (u, n, start, words_before) != G_MAXUINT));
        }
      if (club)
        {
          DossierSpan span = { start, end };

          g_array_append_val (changes, span);
        }
    }
  if (changes->len == 0)
    return;

  for (guint c = 0; c < changes->len; c++)
    {
      const DossierSpan *span = &g_array_index (changes, DossierSpan, c);

      drop_overlapping (entities, span->start, span->end);
    }
  for (guint c = 0; c < changes->len; c++)
    {
      DossierSpan span = g_array_index (changes, DossierSpan, c);
      g_autofree char *name = g_ucs4_to_utf8 (u + span.start, span.end - span.start,
                                              NULL, NULL, NULL);
      DossierEntityMention *club;

      if (name == NULL)
        continue;
      club = club_entity (entities, clubs, name);
      g_array_append_val (club->mentions, span);
    }
  g_ptr_array_extend_and_steal (entities, g_steal_pointer (&clubs));

  /* Dropped mentions out, empty entities out, the order as the rules give it. */
  dossier_scan_tidy_mentions (entities);
  g_debug ("clubs: %u mentions of cities made organisations", changes->len);
}
