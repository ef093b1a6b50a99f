/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-extract"

#include <string.h>

#include "dossier-extract-datelines.h"
#include "dossier-gazetteer.h"
#include "dossier-text-scan.h"

/*
 * Datelines.  Wire copy opens with the place it was filed from, in capitals: "KAYES, Mali
 * (Reuters) -", "AL-AIN, United Arab Emirates 2026-12-06", "TUBMANBURG — Officials said".
 * The gazetteers know the capitals and large cities; a town they do not know is a place all
 * the same when its words in capitals open a line and are followed by
 *
 * - a comma and a place the text names there ("KAYES, Mali");
 * - an agency in brackets and a dash ("KAYES (Reuters) -");
 * - a date in digits ("AL-AIN 2026-12-06");
 * - a dash and a sentence in ordinary case ("TUBMANBURG — Officials said"; not "SOCCER -
 *   JAPAN GET LUCKY WIN", a headline in capitals), unless the capitals are a label
 *   ("EXCLUSIVE –") or words the text also writes in small letters ("QUESTIONABLE MEDICAL
 *   CLAIMS —").
 */

/* The longest dateline place looked at, in code points and in words. */
#define MAX_PLACE 40
#define MAX_WORDS 3

typedef struct {
  guint start;
  guint end;
} Range;

/* Capitals from @k, words of two letters or more a space or hyphen apart ("AL-AIN", "SAO
 * PAULO", "N'DJAMENA"): the end, or @k. */
static guint
capitals_at (const gunichar *u,
             guint           n,
             guint           k)
{
  guint j = k, letters = 0, word = 0, words = 1;

  while (j < n && j - k < MAX_PLACE)
    {
      if (dossier_scan_is_upper (u[j]))
        letters++, word++;
      else if (dossier_scan_is_lower (u[j]) || g_unichar_isdigit (u[j]))
        return k;
      else if ((u[j] == '-' || u[j] == ' ' || u[j] == '\'' || u[j] == 0x2019) && word > 0 &&
               j + 1 < n && dossier_scan_is_upper (u[j + 1]))
        {
          word = 0;
          if (++words > MAX_WORDS)
            return k;
        }
      else
        break;
      j++;
    }
  return letters >= 3 && word >= 2 ? j : k;
}

static gboolean
is_dash (gunichar c)
{
  return c == '-' || c == 0x2013 || c == 0x2014;
}

/* Whether a mention of a place starts at @k. */
static gboolean
place_mention_at (GPtrArray *entities,
                  guint      k)
{
  for (guint e = 0; e < entities->len; e++)
    {
      const DossierEntityMention *entity = g_ptr_array_index (entities, e);

      if (entity->kind != DOSSIER_ENTITY_PLACE)
        continue;
      for (guint m = 0; m < entity->mentions->len; m++)
        if (g_array_index (entity->mentions, DossierSpan, m).start == k)
          return TRUE;
    }
  return FALSE;
}

/* Whether the line from @k to its end has more words in small letters than in capitals. */
static gboolean
ordinary_case_after (const gunichar *u,
                     guint           n,
                     guint           k)
{
  guint lower = 0, upper = 0;

  for (; k < n && u[k] != '\n'; k++)
    {
      if (dossier_scan_is_lower (u[k]))
        lower++;
      else if (dossier_scan_is_upper (u[k]))
        upper++;
    }
  return lower > upper;
}

/* Labels that open a line in capitals before a dash, as datelines do. */
static const char * const labels[] = {
  "ANALYSIS", "BREAKING", "COMMENT", "EDITORIAL", "EXCLUSIVE", "INTERVIEW", "LIVE", "OPINION",
  "PHOTOS", "REVIEW", "UPDATE", "UPDATED", "VIDEO", "WATCH", NULL,
};

/* Whether some word of the capitals [@start, @end) is written in small letters elsewhere in
 * the text: then they are words ("QUESTIONABLE MEDICAL CLAIMS —"), not a place's name. */
static gboolean
has_common_word (const gunichar *u,
                 guint           n,
                 guint           start,
                 guint           end)
{
  for (guint w = start; w < end; )
    {
      guint w_end = w;

      while (w_end < end && dossier_scan_is_upper (u[w_end]))
        w_end++;
      for (guint k = 0; k + (w_end - w) <= n; k++)
        {
          guint i = 0;

          if (k > 0 && dossier_scan_is_word_char (u[k - 1]))
            continue;
          while (i < w_end - w && u[k + i] == g_unichar_tolower (u[w + i]) && u[k + i] != u[w + i])
            i++;
          if (i == w_end - w && (k + i >= n || !dossier_scan_is_word_char (u[k + i])))
            return TRUE;
        }
      w = w_end + 1;
    }
  return FALSE;
}

static gboolean
is_label (const gunichar *u,
          guint           start,
          guint           end)
{
  for (guint l = 0; labels[l] != NULL; l++)
    {
      guint i = 0;

      while (labels[l][i] != '\0' && start + i < end && u[start + i] == (guchar) labels[l][i])
        i++;
      if (labels[l][i] == '\0' && start + i == end)
        return TRUE;
    }
  return FALSE;
}

/* Whether what follows the place at @end makes it a dateline. */
static gboolean
is_dateline_end (GPtrArray      *entities,
                 const gunichar *u,
                 guint           n,
                 guint           start,
                 guint           end)
{
  guint k = end;

  if (k + 2 >= n)
    return FALSE;
  /* The country after the comma in ordinary case: in a headline in capitals ("IRAN'S FM
   * MOVES TO CEMENT RUSSIA, QATAR TIES") the comma parts two names. */
  if (u[k] == ',' && u[k + 1] == ' ')
    return k + 3 < n && dossier_scan_is_lower (u[k + 3]) && place_mention_at (entities, k + 2);
  if (u[k] != ' ')
    return FALSE;
  k++;
  if (u[k] == '(')
    {
      while (k < n && u[k] != ')' && u[k] != '\n')
        k++;
      return k + 2 < n && u[k] == ')' && u[k + 1] == ' ' && is_dash (u[k + 2]);
    }
  if (g_unichar_isdigit (u[k]))
    {
      guint digits = 0;

      while (k < n && g_unichar_isdigit (u[k]))
        k++, digits++;
      return digits == 4 && k < n && is_dash (u[k]);
    }
  return is_dash (u[k]) && ordinary_case_after (u, n, k + 1) && !is_label (u, start, end) &&
         !has_common_word (u, n, start, end);
}

/* "AL-AIN" is "Al-Ain", "SAO PAULO" "Sao Paulo". */
static char *
title_case (const gunichar *u,
            const Range    *range)
{
  GString *name = g_string_new (NULL);
  gboolean initial = TRUE;

  for (guint k = range->start; k < range->end; k++)
    {
      gunichar c = initial ? u[k] : g_unichar_tolower (u[k]);

      g_string_append_unichar (name, c);
      initial = u[k] == ' ' || u[k] == '-';
    }
  return g_string_free (name, FALSE);
}

static DossierEntityMention *
place_named (GPtrArray  *entities,
             const char *name)
{
  DossierEntityMention *entity;

  for (guint e = 0; e < entities->len; e++)
    {
      entity = g_ptr_array_index (entities, e);
      if (entity->kind == DOSSIER_ENTITY_PLACE && g_ascii_strcasecmp (entity->name, name) == 0)
        return entity;
    }
  entity = dossier_entity_mention_new (name, DOSSIER_ENTITY_PLACE);
  g_ptr_array_add (entities, entity);
  return entity;
}

/* Whether a mention overlaps [@start, @end) and reaches out of it, or is a place's.  Another
 * inside it, the tagger's guess at a word it could not read in capitals ("VELMORA" an
 * organisation), gives way. */
static gboolean
is_taken (GPtrArray   *entities,
          const Range *range)
{
  for (guint e = 0; e < entities->len; e++)
    {
      const DossierEntityMention *entity = g_ptr_array_index (entities, e);

      for (guint m = 0; m < entity->mentions->len; m++)
        {
          const DossierSpan *span = &g_array_index (entity->mentions, DossierSpan, m);

          if (span->start < range->end && span->end > range->start &&
              (span->start < range->start || span->end > range->end ||
               entity->kind == DOSSIER_ENTITY_PLACE))
            return TRUE;
        }
    }
  return FALSE;
}

static void
drop_inside (GPtrArray   *entities,
             const Range *range)
{
  for (guint e = 0; e < entities->len; e++)
    {
      DossierEntityMention *entity = g_ptr_array_index (entities, e);

      for (guint m = 0; m < entity->mentions->len; m++)
        {
          DossierSpan *span = &g_array_index (entity->mentions, DossierSpan, m);

          if (span->start >= range->start && span->end <= range->end)
            span->end = 0;
        }
    }
}

void
dossier_extract_dateline_places (GPtrArray      *entities,
                                 const gunichar *u,
                                 guint           n)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Range));
  guint added = 0;

  for (guint start = 0; start < n; start = dossier_scan_line_end (u, n, start) + 1)
    {
      guint end;
      Range range;

      /* A dateline opens with two capitals. */
      if (start + 1 >= n || !dossier_scan_is_upper (u[start]) ||
          !dossier_scan_is_upper (u[start + 1]))
        continue;
      end = capitals_at (u, n, start);
      range.start = start;
      range.end = end;
      if (end > start && is_dateline_end (entities, u, n, start, end) &&
          !is_taken (entities, &range))
        g_array_append_val (found, range);
    }
  if (found->len == 0)
    return;
  for (guint i = 0; i < found->len; i++)
    {
      const Range *range = &g_array_index (found, Range, i);
      g_autofree char *name = title_case (u, range);
      DossierEntityMention *place;
      DossierSpan span = { range->start, range->end };

      /* The rules read known names ("NATO —", "REUTERS -"), and what they made of them
       * stands. */
      if (dossier_gazetteer_knows_form (dossier_gazetteer_get_default (), name))
        continue;
      drop_inside (entities, range);
      place = place_named (entities, name);
      g_array_append_val (place->mentions, span);
      added++;
    }
  if (added == 0)
    return;
  dossier_scan_tidy_mentions (entities);
  g_debug ("datelines: %u places", added);
}
