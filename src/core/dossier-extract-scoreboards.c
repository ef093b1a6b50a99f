/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-extract"

#include <string.h>

#include "dossier-extract-scoreboards.h"
#include "dossier-text-scan.h"

/*
 * Players in results and scoreboards.  Wire copy lists athletes in lines that are not
 * sentences, where neither the rules' cues nor the tagger's context (trained on prose)
 * reach: "Kenji Oda (10th minute), Taro Inoue (78)", "1. Daniel Okafor (Nigeria) 19.87",
 * "Asif Qureshi lbw b Harper 2", "Imran Latif c Fulton b Mason 13".  In a line with a
 * number, a name of two to four capitalized words is a person:
 *
 * - before a bracket that holds a number ("(78)", "(10th minute)") or a single capitalized
 *   word (a country or club: "(Nigeria)"), not an acronym ("(BI)");
 * - at the start of the line (after a rank, "1." or "3 -") before a cricket dismissal
 *   ("run out", "not out", "lbw", "c", "b", "st", "retired"); the single capitalized words
 *   after "c", "st" and "b" in such a line are the fielders' and bowlers' surnames.
 *
 * A name that another mention already covers in part stays as it was, unless that mention
 * lies inside the name and is a person's ("Malik" of "Waqar Malik") or, in a line of
 * dismissals, no place's (the tagger's "Fulton" taken for an organisation after "c").
 */

/* The longest line looked at: tables have short lines. */
#define MAX_LINE 240
#define MAX_WORDS 4

typedef struct {
  guint    start;
  guint    end;
  gboolean scoreboard;  /* in a line of dismissals, where the tagger's types count least */
} Range;

static const char * const dismissals[] = {
  "run out", "not out", "lbw", "c", "b", "st", "retired", "c&b", NULL,
};

/* A capitalized word at @k ("Okafor", "O'Neill", "Abdel-Hadi"): its end, or @k. */
static guint
capitalized_word (const gunichar *u,
                  guint           end,
                  guint           k)
{
  guint j = k + 1;
  gboolean lower = FALSE;

  if (k >= end || !dossier_scan_is_upper (u[k]))
    return k;
  while (j < end)
    {
      if (dossier_scan_is_lower (u[j]))
        lower = TRUE;
      else if ((u[j] == '-' || u[j] == '\'' || u[j] == 0x2019) && j + 1 < end &&
               g_unichar_isalpha (u[j + 1]))
        ;
      else if (!g_unichar_isalpha (u[j]))
        break;
      j++;
    }
  return lower ? j : k;
}

/* One to @max_words capitalized words at @k, a space apart: their end, or @k; their count in
 * *@n_words. */
static guint
name_at (const gunichar *u,
         guint           end,
         guint           k,
         guint           max_words,
         guint          *n_words)
{
  guint past = k;

  *n_words = 0;
  while (*n_words < max_words)
    {
      guint start = *n_words == 0 ? k : past + 1;
      guint word_end;

      if (*n_words > 0 && (past + 1 >= end || u[past] != ' '))
        break;
      word_end = capitalized_word (u, end, start);
      if (word_end == start)
        break;
      past = word_end;
      (*n_words)++;
    }
  return past;
}

/* Whether @word is written at @k and ends there as a word. */
static gboolean
word_at (const gunichar *u,
         guint           end,
         guint           k,
         const char     *word)
{
  guint i = 0;

  for (; word[i] != '\0'; i++)
    if (k + i >= end || u[k + i] != (guchar) word[i])
      return FALSE;
  return k + i >= end || !dossier_scan_is_word_char (u[k + i]);
}

/* A dismissal after the space at @k: the index past it, or 0. */
static guint
dismissal_at (const gunichar *u,
              guint           end,
              guint           k)
{
  if (k >= end || u[k] != ' ')
    return 0;
  for (guint d = 0; dismissals[d] != NULL; d++)
    if (word_at (u, end, k + 1, dismissals[d]))
      return k + 1 + (guint) strlen (dismissals[d]);
  return 0;
}

/* A bracket at @k (after a space) holding a number first or one capitalized word, not in
 * capitals. */
static gboolean
is_player_bracket (const gunichar *u,
                   guint           end,
                   guint           k)
{
  guint past, n_words;

  if (k + 2 >= end || u[k] != ' ' || u[k + 1] != '(')
    return FALSE;
  if (g_unichar_isdigit (u[k + 2]))
    return TRUE;
  past = name_at (u, end, k + 2, 1, &n_words);
  return n_words == 1 && past < end && u[past] == ')';
}

/* Past a rank at the start of a line ("1. ", "12 - ", "3) "). */
static guint
skip_rank (const gunichar *u,
           guint           start,
           guint           end)
{
  guint k = start;

  while (k < end && g_unichar_isdigit (u[k]))
    k++;
  if (k == start || k - start > 3)
    return start;
  if (k + 1 < end && (u[k] == '.' || u[k] == ')') && u[k + 1] == ' ')
    return k + 2;
  if (k + 2 < end && u[k] == ' ' && u[k + 1] == '-' && u[k + 2] == ' ')
    return k + 3;
  return start;
}

static void
scan_line (const gunichar *u,
           guint           start,
           guint           end,
           GArray         *names,
           GArray         *surnames)
{
  guint first = skip_rank (u, start, end);
  gboolean scoreboard = FALSE;

  for (guint k = start; k < end; )
    {
      guint n_words, past;

      if (k > start && (dossier_scan_is_word_char (u[k - 1]) || u[k - 1] == '-'))
        {
          k++;
          continue;
        }
      past = name_at (u, end, k, MAX_WORDS, &n_words);
      if (n_words == 0)
        {
          k++;
          continue;
        }
      if (n_words >= 2 && k == first && dismissal_at (u, end, past) > 0)
        {
          Range name = { k, past, TRUE };

          g_array_append_val (names, name);
          scoreboard = TRUE;
        }
      else if (n_words >= 2 && is_player_bracket (u, end, past))
        {
          Range name = { k, past, FALSE };

          g_array_append_val (names, name);
        }
      k = past;
    }
  if (!scoreboard)
    return;

  /* "c Fulton b Mason", "st Ellis b Harper": the fielder's and the bowler's surnames. */
  for (guint k = first; k + 2 < end; k++)
    {
      guint after = 0, n_words, past;

      if (u[k] != ' ')
        continue;
      if (word_at (u, end, k + 1, "c") || word_at (u, end, k + 1, "b"))
        after = k + 3;
      else if (word_at (u, end, k + 1, "st"))
        after = k + 4;
      if (after == 0 || after >= end || u[after - 1] != ' ')
        continue;
      past = name_at (u, end, after, 1, &n_words);
      if (n_words == 1)
        {
          Range surname = { after, past, TRUE };

          g_array_append_val (surnames, surname);
        }
    }
}

/* Whether a mention of @entity over [@start, @end) may give way to a player's name there:
 * it lies inside the name and is a person's, or in a line of dismissals no place ("Varnel
 * Holdings (Keldara)" stays a company). */
static gboolean
yields (const DossierEntityMention *entity,
        const DossierSpan          *span,
        const Range                *name)
{
  if (span->start < name->start || span->end > name->end)
    return FALSE;
  return entity->kind == DOSSIER_ENTITY_PERSON ||
         (name->scoreboard && entity->kind != DOSSIER_ENTITY_PLACE);
}

static DossierEntityMention *
person_named (GPtrArray  *entities,
              GPtrArray  *added,
              const char *name)
{
  DossierEntityMention *entity;

  for (guint e = 0; e < entities->len; e++)
    {
      const char *space;

      entity = g_ptr_array_index (entities, e);
      if (entity->kind != DOSSIER_ENTITY_PERSON)
        continue;
      if (strcmp (entity->name, name) == 0)
        return entity;
      /* A bowler's surname alone is the player named in full elsewhere. */
      space = strrchr (entity->name, ' ');
      if (strchr (name, ' ') == NULL && space != NULL && strcmp (space + 1, name) == 0)
        return entity;
    }
  for (guint e = 0; e < added->len; e++)
    {
      entity = g_ptr_array_index (added, e);
      if (strcmp (entity->name, name) == 0)
        return entity;
    }
  entity = dossier_entity_mention_new (name, DOSSIER_ENTITY_PERSON);
  g_ptr_array_add (added, entity);
  return entity;
}

/* Records the player's name @range unless a mention that does not yield overlaps it. */
static gboolean
add_player (GPtrArray      *entities,
            GPtrArray      *added,
            const gunichar *u,
            const Range    *range)
{
  g_autofree char *name = NULL;
  DossierEntityMention *person;
  DossierSpan span = { range->start, range->end };

  for (guint e = 0; e < entities->len; e++)
    {
      DossierEntityMention *entity = g_ptr_array_index (entities, e);

      for (guint m = 0; m < entity->mentions->len; m++)
        {
          const DossierSpan *other = &g_array_index (entity->mentions, DossierSpan, m);

          if (other->end != 0 && other->start < range->end && other->end > range->start &&
              !yields (entity, other, range))
            return FALSE;
        }
    }
  for (guint e = 0; e < entities->len; e++)
    {
      DossierEntityMention *entity = g_ptr_array_index (entities, e);

      for (guint m = 0; m < entity->mentions->len; m++)
        {
          DossierSpan *other = &g_array_index (entity->mentions, DossierSpan, m);

          if (other->start < range->end && other->end > range->start)
            other->end = 0;
        }
    }
  name = g_ucs4_to_utf8 (u + range->start, range->end - range->start, NULL, NULL, NULL);
  if (name == NULL)
    return FALSE;
  person = person_named (entities, added, name);
  g_array_append_val (person->mentions, span);
  return TRUE;
}

void
dossier_extract_scoreboard_people (GPtrArray      *entities,
                                   const gunichar *u,
                                   guint           n)
{
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (Range));
  g_autoptr(GArray) surnames = g_array_new (FALSE, FALSE, sizeof (Range));
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  guint changed = 0;

  for (guint start = 0; start < n; )
    {
      guint end = dossier_scan_line_end (u, n, start);
      gboolean digit = FALSE;

      /* Tables have short lines: paragraphs are not read at all. */
      for (guint k = start; end - start <= MAX_LINE && k < end && !digit; k++)
        digit = u[k] < 0x80 && g_ascii_isdigit ((char) u[k]);
      if (digit)
        scan_line (u, start, end, names, surnames);
      start = end + 1;
    }
  /* Full names first, so that a surname finds the player named in full. */
  for (guint i = 0; i < names->len; i++)
    changed += add_player (entities, added, u, &g_array_index (names, Range, i));
  for (guint e = 0; e < added->len; e++)
    g_ptr_array_add (entities, g_ptr_array_index (added, e));
  g_ptr_array_set_size (added, 0);
  for (guint i = 0; i < surnames->len; i++)
    changed += add_player (entities, added, u, &g_array_index (surnames, Range, i));
  for (guint e = 0; e < added->len; e++)
    g_ptr_array_add (entities, g_ptr_array_index (added, e));
  if (changed == 0)
    return;
  dossier_scan_tidy_mentions (entities);
  g_debug ("scoreboards: %u players", changed);
}
