/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-extract"

#include <string.h>

#include "dossier-extract-headlines.h"
#include "dossier-text-scan.h"

/*
 * Headlines in capitals, and in title case (see is_title_line()).  In a line written in
 * capitals the case says nothing: the rules and
 * the tagger find little there, and what they find they often type wrongly ("PERTAMINA" a
 * place, "ARMY" an organisation).  The body of the article usually names the same people
 * and organisations in ordinary case, so a run of words in such a line that reads, case
 * aside, as the name, an alias or (for a person named in full) the surname of an entity
 * found outside the capital lines is a mention of that entity.  What the line alone
 * suggested there gives way, unless its entity is also found in ordinary text.
 *
 * A line is in capitals as the tagger sees it: at least two words with letters, and three
 * quarters of them with two capitals or more and no lower-case letter; a line with more than
 * twice as many small ASCII letters as capitals (and eight) is not looked at.
 */

/* The longest name looked for, in words. */
#define MAX_NAME_WORDS 6
/* The longest line read as a headline, in code points. */
#define MAX_HEADLINE 400
/* A key that more than one entity claims. */
#define AMBIGUOUS ((gpointer) 1)

typedef struct {
  guint start;
  guint end;
} Word;

typedef struct {
  guint                 start;
  guint                 end;
  DossierEntityMention *entity;
  gboolean              title_case;  /* in a title-case line rather than one in capitals */
} Match;

typedef struct {
  DossierEntityMention *entity;
  guint                 index;       /* of the mention in entity->mentions */
} LineMention;

/* Letters, digits and marks, and the hyphens, apostrophes and periods inside a word
 * ("AL-BURHAN", "O'NEILL", "U.S."). */
static guint
word_end (const gunichar *u,
          guint           n,
          guint           k)
{
  while (k < n)
    {
      if (dossier_scan_is_word_char (u[k]))
        k++;
      else if ((u[k] == '-' || u[k] == '\'' || u[k] == 0x2019 || u[k] == '.') &&
               k + 1 < n && dossier_scan_is_word_char (u[k + 1]))
        k++;
      else
        break;
    }
  return k;
}

/* The words of the line [@start, @end) into @words; whether the line is in capitals. */
static gboolean
read_line (const gunichar *u,
           guint           start,
           guint           end,
           GArray         *words)
{
  guint n_alpha = 0, n_caps = 0;

  g_array_set_size (words, 0);
  for (guint k = start; k < end; )
    {
      Word word;
      guint n_upper = 0, n_lower = 0;

      if (!dossier_scan_is_word_char (u[k]))
        {
          k++;
          continue;
        }
      word.start = k;
      word.end = word_end (u, end, k);
      for (guint j = word.start; j < word.end; j++)
        {
          if (dossier_scan_is_upper (u[j]))
            n_upper++;
          else if (dossier_scan_is_lower (u[j]) || g_unichar_isalpha (u[j]))
            n_lower++;
        }
      if (n_upper + n_lower > 0)
        {
          n_alpha++;
          if (n_upper >= 2 && n_lower == 0)
            n_caps++;
        }
      g_array_append_val (words, word);
      k = word.end;
    }
  return n_alpha >= 2 && n_caps * 4 >= n_alpha * 3;
}

/* Small words that stay lower case in a title-case headline. */
static gboolean
is_minor_word (const gunichar *u,
               const Word     *word)
{
  static const char *const minor[] = {
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "of", "on", "or", "the",
    "to", "with", "vs",
  };
  guint len = word->end - word->start;

  for (gsize m = 0; m < G_N_ELEMENTS (minor); m++)
    {
      guint k = 0;

      if (strlen (minor[m]) != len)
        continue;
      while (k < len && u[word->start + k] == (gunichar) minor[m][k])
        k++;
      if (k == len)
        return TRUE;
    }
  return FALSE;
}

/* Whether the words of a line (read_line()) make a title-case headline: three words or more
 * with a capital first and a small letter after it, and every other word with letters a
 * minor word ("Tinubu Signs Electoral Bill Into Law in Abuja").  Its case says as little
 * about names as capitals do. */
static gboolean
is_title_line (const gunichar *u,
               GArray         *words)
{
  guint n_title = 0;

  for (guint w = 0; w < words->len; w++)
    {
      const Word *word = &g_array_index (words, Word, w);
      gboolean letters = FALSE, lower_after = FALSE;

      for (guint k = word->start; k < word->end; k++)
        if (g_unichar_isalpha (u[k]))
          {
            letters = TRUE;
            if (k > word->start && dossier_scan_is_lower (u[k]))
              lower_after = TRUE;
          }
      if (!letters)
        continue;
      if (dossier_scan_is_upper (u[word->start]) && lower_after)
        n_title++;
      else if (!is_minor_word (u, word))
        return FALSE;
    }
  return n_title >= 3;
}

/* Whether the line [@start, @end) ends as a sentence does, closing quotes aside: a headline
 * in title case does not ("And, I'm Isabel Ruiz." is a sentence). */
static gboolean
ends_sentence (const gunichar *u,
               guint           start,
               guint           end)
{
  while (end > start && (g_unichar_isspace (u[end - 1]) || u[end - 1] == '"' ||
                         u[end - 1] == 0x201D || u[end - 1] == '\'' || u[end - 1] == 0x2019 ||
                         u[end - 1] == ')'))
    end--;
  return end > start && (u[end - 1] == '.' || u[end - 1] == '!' || u[end - 1] == '?' ||
                         u[end - 1] == ':' || u[end - 1] == ',');
}

static char *
key_of_utf8 (const char *name)
{
  return g_utf8_casefold (name, -1);
}

static char *
key_of_span (const gunichar *u,
             guint           start,
             guint           end)
{
  g_autofree char *utf8 = g_ucs4_to_utf8 (u + start, end - start, NULL, NULL, NULL);

  return utf8 != NULL ? key_of_utf8 (utf8) : NULL;
}

/* @single_words: whether a name of one word makes a key (a word said once may be the
 * tagger's mistake, "League" a person: it has to be said twice). */
static void
add_key (GHashTable           *keys,
         const char           *name,
         DossierEntityMention *entity,
         gboolean              single_words)
{
  char *key = key_of_utf8 (name);
  gpointer known;

  if (g_utf8_strlen (key, -1) < 3 || (!single_words && strchr (key, ' ') == NULL))
    {
      g_free (key);
      return;
    }
  known = g_hash_table_lookup (keys, key);
  if (known == NULL)
    g_hash_table_insert (keys, key, entity);
  else
    {
      if (known != entity)
        g_hash_table_insert (keys, g_strdup (key), AMBIGUOUS);
      g_free (key);
    }
}

/* How many of the entity's mentions are outside the capital lines. */
static guint
mentioned_outside (const DossierEntityMention *entity,
                   const guint8               *capitals)
{
  guint count = 0;

  for (guint m = 0; m < entity->mentions->len; m++)
    if (!capitals[g_array_index (entity->mentions, DossierSpan, m).start])
      count++;
  return count;
}

/* The longest runs of @words (one line) that read, case aside, as a key: into @matches. */
static void
match_line (const gunichar *u,
            GArray         *words,
            gboolean        title_case,
            GHashTable     *keys,
            GArray         *matches)
{
  for (guint i = 0; i < words->len; )
    {
      guint taken = 0;

      for (guint k = MIN (words->len, i + MAX_NAME_WORDS); k > i && taken == 0; k--)
        {
          const Word *first = &g_array_index (words, Word, i);
          const Word *last = &g_array_index (words, Word, k - 1);
          g_autofree char *key = NULL;
          gpointer entity;
          gboolean spaced = TRUE;

          /* Words one space apart, as names are written. */
          for (guint j = i; j + 1 < k && spaced; j++)
            spaced = g_array_index (words, Word, j + 1).start ==
                     g_array_index (words, Word, j).end + 1 &&
                     u[g_array_index (words, Word, j).end] == ' ';
          if (!spaced)
            continue;
          key = key_of_span (u, first->start, last->end);
          entity = key != NULL ? g_hash_table_lookup (keys, key) : NULL;
          if (entity == AMBIGUOUS)
            taken = k - i;   /* nor any shorter name inside it */
          else if (entity != NULL)
            {
              Match match = { first->start, last->end, entity, title_case };

              g_array_append_val (matches, match);
              taken = k - i;
            }
        }
      i += MAX (taken, 1);
    }
}

void
dossier_extract_headline_names (GPtrArray      *entities,
                                const gunichar *u,
                                guint           n)
{
  g_autofree guint8 *capitals = g_malloc0 ((gsize) n + 1);
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (Word));
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (Match));
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (Word));
  g_autoptr(GArray) title_case = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GArray) in_lines = g_array_new (FALSE, FALSE, sizeof (LineMention));
  g_autoptr(GHashTable) keys = NULL;
  guint added = 0;

  if (entities->len == 0)
    return;
  for (guint start = 0; start < n; )
    {
      guint end = dossier_scan_line_end (u, n, start);
      guint n_upper = 0, n_lower = 0, n_initial_upper = 0, n_initial_lower = 0;
      gunichar before = ' ';   /* the line's first word starts at its start */
      gboolean caps = FALSE, title = FALSE;

      /* A paragraph is no headline: it is not read at all. */
      if (end - start > MAX_HEADLINE)
        {
          start = end + 1;
          continue;
        }
      /* Most lines have far more small letters than capitals and far more words in small
       * letters than capitalized ones: those are not read word by word.  Small letters, most
       * of a line, are settled by the first test (c - 'a' < 26 is unsigned, true of them
       * alone). */
      for (guint k = start; k < end; k++)
        {
          gunichar c = u[k];

          if (c - 'a' < 26)
            {
              n_lower++;
              n_initial_lower += before == ' ';
            }
          else if (c - 'A' < 26)
            {
              n_upper++;
              n_initial_upper += before == ' ';
            }
          before = c;
        }
      if (n_lower <= 2 * n_upper + 8)
        caps = read_line (u, start, end, words);
      if (!caps && n_initial_upper >= 3 && n_initial_lower * 2 <= n_initial_upper &&
          !ends_sentence (u, start, end))
        {
          read_line (u, start, end, words);
          title = is_title_line (u, words);
        }
      if (caps || title)
        {
          Word line = { start, end };

          memset (capitals + start, 1, end - start);
          g_array_append_val (lines, line);
          g_array_append_val (title_case, title);
        }
      start = end + 1;
    }
  if (lines->len == 0)
    return;

  /* What the rest of the text names: names, aliases and the surnames of people named in
   * full, case aside. */
  keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint e = 0; e < entities->len; e++)
    {
      DossierEntityMention *entity = g_ptr_array_index (entities, e);
      guint outside = mentioned_outside (entity, capitals);
      const char *space;

      if (outside == 0)
        continue;
      add_key (keys, entity->name, entity, outside >= 2);
      for (guint a = 0; entity->aliases != NULL && a < entity->aliases->len; a++)
        add_key (keys, g_ptr_array_index (entity->aliases, a), entity, outside >= 2);
      if (entity->kind == DOSSIER_ENTITY_PERSON && (space = strrchr (entity->name, ' ')) != NULL)
        add_key (keys, space + 1, entity, TRUE);
    }
  if (g_hash_table_size (keys) == 0)
    return;

  /* The longest run of words at each place of a capital line that reads as a key. */
  for (guint l = 0; l < lines->len; l++)
    {
      const Word *line = &g_array_index (lines, Word, l);

      read_line (u, line->start, line->end, words);
      match_line (u, words, g_array_index (title_case, gboolean, l), keys, matches);
    }

  /* The mentions that touch a line read here: the only ones a match can meet. */
  for (guint e = 0; e < entities->len; e++)
    {
      DossierEntityMention *entity = g_ptr_array_index (entities, e);

      for (guint m = 0; m < entity->mentions->len; m++)
        {
          const DossierSpan *span = &g_array_index (entity->mentions, DossierSpan, m);

          if (span->end <= n && span->end > span->start &&
              (capitals[span->start] || capitals[span->end - 1]))
            {
              LineMention line_mention = { entity, m };

              g_array_append_val (in_lines, line_mention);
            }
        }
    }

  /* What the line alone suggested gives way, unless its entity is found in ordinary text
   * too or its mention is longer than the match (then the match is dropped). */
  for (guint i = 0; i < matches->len; i++)
    {
      Match *match = &g_array_index (matches, Match, i);
      gboolean keep = TRUE;

      for (guint l = 0; l < in_lines->len && keep; l++)
        {
          const LineMention *line_mention = &g_array_index (in_lines, LineMention, l);
          DossierEntityMention *entity = line_mention->entity;
          const DossierSpan *span = &g_array_index (entity->mentions, DossierSpan,
                                                    line_mention->index);

          if (span->end == 0 || span->start >= match->end || span->end <= match->start)
            continue;
          /* In title case, a person known from the body and a capitalized word after the
           * name that the line alone took in: "Tinubu Signs" is Tinubu.  ("Ghana Cocoa
           * Board" is not Ghana: only people.) */
          if (match->title_case && entity != match->entity &&
              entity->kind == DOSSIER_ENTITY_PERSON &&
              match->entity->kind == DOSSIER_ENTITY_PERSON &&
              !mentioned_outside (entity, capitals) && span->start == match->start &&
              span->end > match->end)
            continue;
          if (entity != match->entity && (mentioned_outside (entity, capitals) ||
                                          span->start < match->start ||
                                          span->end > match->end))
            keep = FALSE;
          else if (entity == match->entity && span->start == match->start &&
                   span->end == match->end)
            keep = FALSE;
        }
      if (!keep)
        {
          match->entity = NULL;
          continue;
        }
      for (guint l = 0; l < in_lines->len; l++)
        {
          const LineMention *line_mention = &g_array_index (in_lines, LineMention, l);
          DossierSpan *span = &g_array_index (line_mention->entity->mentions, DossierSpan,
                                              line_mention->index);

          if (span->start < match->end && span->end > match->start)
            span->end = 0;
        }
    }
  for (guint i = 0; i < matches->len; i++)
    {
      const Match *match = &g_array_index (matches, Match, i);
      DossierSpan span = { match->start, match->end };

      if (match->entity == NULL)
        continue;
      g_array_append_val (match->entity->mentions, span);
      added++;
    }
  if (added == 0)
    return;
  dossier_scan_tidy_mentions (entities);
  g_debug ("headlines: %u names in capital lines joined to their entities", added);
}
