/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-extract"

#include <string.h>

#include "dossier-extract-particles.h"
#include "dossier-gazetteer.h"
#include "dossier-text-scan.h"

/*
 * Names with particles.  The rules join "bin", "al-", "de la" inside the names they find;
 * the tagger often stops before them ("Maria Fernanda" of "Maria Fernanda de la Torre").
 * A person's mention followed by lower-case particles and a capitalized word takes them in,
 * unless another mention stands there.
 */

static const char * const particles[] = {
  "al", "el", "ul", "bin", "bint", "ibn", "ben", "de", "da", "di", "do", "du", "del", "della",
  "der", "den", "van", "von", "la", "le", "dos", "das", "ter", "zu", NULL,
};

static gboolean
is_particle (const gunichar *u,
             guint           start,
             guint           end)
{
  char word[8];
  guint k;

  if (end - start >= sizeof word)
    return FALSE;
  for (k = start; k < end; k++)
    {
      if (u[k] > 127)
        return FALSE;
      word[k - start] = (char) u[k];
    }
  word[k - start] = '\0';
  return g_strv_contains ((const char * const *) particles, word);
}

/* The end of the particles and name after @end, or @end. */
static guint
particle_extension (const gunichar *u,
                    guint           n,
                    guint           end)
{
  guint k = end;
  gboolean particle = FALSE;

  while (k + 1 < n && u[k] == ' ' && g_unichar_islower (u[k + 1]))
    {
      guint j = k + 1;

      while (j < n && dossier_scan_is_word_char (u[j]))
        j++;
      if (!is_particle (u, k + 1, j) || j >= n)
        return end;
      particle = TRUE;
      if (u[j] == '-' && j + 1 < n && g_unichar_isupper (u[j + 1]))
        {
          k = j;
          break;
        }
      k = j;
    }
  if (!particle || k + 1 >= n || (u[k] != ' ' && u[k] != '-') || !g_unichar_isupper (u[k + 1]))
    return end;
  k++;
  while (k < n && (dossier_scan_is_word_char (u[k]) || (u[k] == '-' && k + 1 < n && g_unichar_isupper (u[k + 1]))))
    k++;
  return k;
}

/* What covers a code point: a mention, or one that may give way to a name with particles. */
enum {
  COVERED = 1,
  COVERED_YIELDS = 2,
};

/* Whether the mention @span of @entity may give way to a person's name running over it: one
 * word, not a person's, and no form of the gazetteers (the tagger's guess: "Torre" a place in
 * "Maria Fernanda de la Torre"). */
static gboolean
yields (const DossierEntityMention *entity,
        const gunichar             *u,
        guint                       n,
        const DossierSpan          *span)
{
  g_autofree char *word = NULL;

  if (entity->kind == DOSSIER_ENTITY_PERSON || span->end > n || span->end <= span->start)
    return FALSE;
  for (guint k = span->start; k < span->end; k++)
    if (!dossier_scan_is_word_char (u[k]) && u[k] != '-')
      return FALSE;
  word = g_ucs4_to_utf8 (u + span->start, span->end - span->start, NULL, NULL, NULL);
  return word != NULL && !dossier_gazetteer_knows_form (dossier_gazetteer_get_default (), word);
}

/* Whether a person's mention holds @span. */
static gboolean
inside_person (GPtrArray         *entities,
               const DossierSpan *span)
{
  for (guint e = 0; e < entities->len; e++)
    {
      const DossierEntityMention *entity = g_ptr_array_index (entities, e);

      if (entity->kind != DOSSIER_ENTITY_PERSON)
        continue;
      for (guint m = 0; m < entity->mentions->len; m++)
        {
          const DossierSpan *other = &g_array_index (entity->mentions, DossierSpan, m);

          if (other->start < span->start && other->end >= span->end)
            return TRUE;
        }
    }
  return FALSE;
}

void
dossier_extract_extend_particles (GPtrArray      *entities,
                                  const gunichar *u,
                                  guint           n)
{
  g_autofree guint8 *covered = NULL;
  guint extended = 0, yielded = 0;

  covered = g_malloc0 ((gsize) n + 1);
  for (guint e = 0; e < entities->len; e++)
    {
      DossierEntityMention *entity = g_ptr_array_index (entities, e);

      for (guint m = 0; m < entity->mentions->len; m++)
        {
          const DossierSpan *span = &g_array_index (entity->mentions, DossierSpan, m);
          guint8 mark = yields (entity, u, n, span) ? COVERED_YIELDS : COVERED;

          for (guint k = span->start; k < span->end && k < n; k++)
            covered[k] = mark;
        }
    }
  for (guint e = 0; e < entities->len; e++)
    {
      DossierEntityMention *entity = g_ptr_array_index (entities, e);

      if (entity->kind != DOSSIER_ENTITY_PERSON)
        continue;
      for (guint m = 0; m < entity->mentions->len; m++)
        {
          DossierSpan *span = &g_array_index (entity->mentions, DossierSpan, m);
          guint end;
          gboolean clear = TRUE;

          if (span->end >= n)
            continue;
          end = particle_extension (u, n, span->end);
          for (guint k = span->end; k < end && clear; k++)
            clear = covered[k] != COVERED;
          if (end == span->end || !clear)
            continue;
          for (guint k = span->end; k < end; k++)
            {
              yielded += covered[k] == COVERED_YIELDS;
              covered[k] = COVERED;
            }
          /* The fuller name is the entity's, the shorter one an alias. */
          {
            g_autofree char *name = g_ucs4_to_utf8 (u + span->start, end - span->start,
                                                    NULL, NULL, NULL);

            if (name != NULL && strlen (name) > strlen (entity->name) &&
                g_str_has_prefix (name, entity->name))
              {
                g_ptr_array_add (entity->aliases, entity->name);
                entity->name = g_steal_pointer (&name);
              }
          }
          span->end = end;
          extended++;
        }
    }
  if (extended == 0)
    return;
  if (yielded > 0)
    {
      /* The mentions that gave way are those now inside a person's longer one. */
      for (guint e = 0; e < entities->len; e++)
        {
          DossierEntityMention *entity = g_ptr_array_index (entities, e);

          if (entity->kind == DOSSIER_ENTITY_PERSON)
            continue;
          for (guint m = 0; m < entity->mentions->len; m++)
            {
              DossierSpan *span = &g_array_index (entity->mentions, DossierSpan, m);

              if (span->start < n && covered[span->start] == COVERED &&
                  yields (entity, u, n, span) && inside_person (entities, span))
                span->end = 0;
            }
        }
      dossier_scan_tidy_mentions (entities);
    }
  g_debug ("particles: %u names of people extended", extended);
}

/* Whether @u at @at holds @rest (UTF-8) and then no word character. */
static gboolean
ucs4_has_word (const gunichar *u,
               guint           n,
               guint           at,
               const char     *rest,
               guint          *end)
{
  for (const char *p = rest; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (at >= n || u[at] != g_utf8_get_char (p))
        return FALSE;
      at++;
    }
  if (at < n && dossier_scan_is_word_char (u[at]))
    return FALSE;
  *end = at;
  return TRUE;
}

void
dossier_extract_place_first_names (GPtrArray      *entities,
                                   const gunichar *u,
                                   guint           n)
{
  guint moved = 0;

  for (guint e = 0; e < entities->len; e++)
    {
      DossierEntityMention *person = g_ptr_array_index (entities, e);
      const char *space;
      g_autofree char *first = NULL;

      if (person->kind != DOSSIER_ENTITY_PERSON || (space = strchr (person->name, ' ')) == NULL)
        continue;
      first = g_strndup (person->name, space - person->name);
      for (guint p = 0; p < entities->len; p++)
        {
          DossierEntityMention *place = g_ptr_array_index (entities, p);

          if (place->kind != DOSSIER_ENTITY_PLACE || strcmp (place->name, first) != 0)
            continue;
          for (guint m = 0; m < place->mentions->len; m++)
            {
              DossierSpan *span = &g_array_index (place->mentions, DossierSpan, m);
              DossierSpan whole;
              guint end;

              if (span->end == 0 || span->end + 1 >= n || u[span->end] != ' ' ||
                  !ucs4_has_word (u, n, span->end, space, &end))
                continue;
              whole.start = span->start;
              whole.end = end;
              /* What stands inside the whole name gives way: the place, the surname. */
              for (guint o = 0; o < entities->len; o++)
                {
                  DossierEntityMention *other = g_ptr_array_index (entities, o);

                  for (guint k = 0; k < other->mentions->len; k++)
                    {
                      DossierSpan *inner = &g_array_index (other->mentions, DossierSpan, k);

                      if (inner->end != 0 && inner->start >= whole.start &&
                          inner->end <= whole.end)
                        inner->end = 0;
                    }
                }
              g_array_append_val (person->mentions, whole);
              moved++;
            }
        }
    }
  if (moved == 0)
    return;
  dossier_scan_tidy_mentions (entities);
  g_debug ("names: %u mentions of places read as people's first names", moved);
}
