/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-extract"

#include <stdlib.h>
#include <string.h>

#include "dossier-extract.h"
#include "dossier-text-scan.h"

/*
 * Every extractor over one document, and the dated events they make together.
 *
 * The regions are refined first, since the others take them as dossier_extract_regions()
 * leaves them (quotes and entities skip captions and boilerplate).  An event is a date
 * mention outside the furniture, the sentence around it and the entities named in that
 * sentence.  Sentences are cut only inside the blocks (regions, or the stretches between
 * them) that hold a date, each block once, so the whole stays linear in the text.
 */

/* Sentences */

typedef struct {
  const gunichar *u;
  guint           n;
  GArray         *regions;       /* refined, in text order */
  guint           block_start;   /* the block whose sentences are in @sentences */
  guint           block_end;
  GArray         *sentences;     /* DossierSpan, in order */
} SentenceIndex;

/* Whether the line break at @i starts a blank line: a paragraph break. */
static gboolean
is_paragraph_break (const gunichar *u,
                    guint           i,
                    guint           limit,
                    guint          *after)
{
  guint j = i + 1;

  if (u[i] != '\n' && u[i] != 0x2029)
    return FALSE;
  if (u[i] == 0x2029)
    {
      *after = j;
      return TRUE;
    }
  while (j < limit && (u[j] == ' ' || u[j] == '\t' || u[j] == '\r'))
    j++;
  if (j < limit && u[j] != '\n')
    return FALSE;
  *after = j;
  return TRUE;
}

static void
add_sentence (GArray         *sentences,
              const gunichar *u,
              guint           start,
              guint           end)
{
  DossierSpan span = { start, dossier_scan_trim_end (u, start, end) };

  if (span.end > span.start)
    g_array_append_val (sentences, span);
}

#define SENTENCE_MARKS (G_GUINT64_CONSTANT (1) << '\n' | G_GUINT64_CONSTANT (1) << '!' | \
                        G_GUINT64_CONSTANT (1) << '.' | G_GUINT64_CONSTANT (1) << '?')

/* Whether @c may end a sentence or a paragraph: only '\n', '!', '.' and '?' below 64 do.
 * The tests are combined without branches, so that the one branch on the result is well
 * predicted. */
static inline guint
may_end_sentence (gunichar c)
{
  return ((c < 64) & (guint) ((SENTENCE_MARKS >> (c & 63)) & 1)) | (c == 0x2029) | (c == 0x2026);
}

/* Cuts [a, b) into sentences: at a '.', '!', '?' or '…' that ends one (followed by a space
 * and a capital, a digit or an opening mark; not after "Mr.", "U.S." or an initial, see
 * dossier_scan_ends_sentence()), and at paragraph breaks. */
static void
split_sentences (SentenceIndex *index,
                 guint          a,
                 guint          b)
{
  const gunichar *u = index->u;
  guint start = dossier_scan_skip_space (u, a, b);

  g_array_set_size (index->sentences, 0);
  index->block_start = a;
  index->block_end = b;
  for (guint i = start; i < b; i++)
    {
      gunichar c;
      guint after;

      /* Letters and most else, four at a time, then one by one. */
      while (i + 4 <= b && !(may_end_sentence (u[i]) | may_end_sentence (u[i + 1]) |
                             may_end_sentence (u[i + 2]) | may_end_sentence (u[i + 3])))
        i += 4;
      if (i >= b)
        break;
      c = u[i];
      if (!may_end_sentence (c))
        continue;
      if (c == '\n' || c == 0x2029)
        {
          if (is_paragraph_break (u, i, b, &after))
            {
              add_sentence (index->sentences, u, start, i);
              start = dossier_scan_skip_space (u, after, b);
              i = start - 1;
            }
        }
      else if ((c == '.' || c == '!' || c == '?' || c == 0x2026) &&
               dossier_scan_ends_sentence (u, i, b, &after))
        {
          add_sentence (index->sentences, u, start, after);
          start = dossier_scan_skip_space (u, after, b);
          /* A run of marks ("?!", "...") is read as one. */
          i = MAX (start, i + 1) - 1;
        }
    }
  add_sentence (index->sentences, u, start, b);
}

/* The block around @pos: the region that holds it, or the stretch between two regions. */
static void
find_block (SentenceIndex *index,
            guint          pos,
            guint         *a,
            guint         *b)
{
  GArray *regions = index->regions;
  guint lo = 0, hi = regions->len;

  /* The first region that ends after @pos. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (regions, DossierRegion, mid).end <= pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < regions->len && g_array_index (regions, DossierRegion, lo).start <= pos)
    {
      *a = g_array_index (regions, DossierRegion, lo).start;
      *b = MIN (g_array_index (regions, DossierRegion, lo).end, index->n);
    }
  else
    {
      *a = lo > 0 ? MIN (g_array_index (regions, DossierRegion, lo - 1).end, index->n) : 0;
      *b = lo < regions->len ? MIN (g_array_index (regions, DossierRegion, lo).start, index->n)
                             : index->n;
    }
}

/* The sentence holding [start, end), widened when the mention runs past a sentence end. */
static DossierSpan
sentence_of (SentenceIndex *index,
             guint          start,
             guint          end)
{
  GArray *sentences = index->sentences;
  DossierSpan result = { start, end };
  guint a, b, lo = 0, hi;

  find_block (index, start, &a, &b);
  if (a != index->block_start || b != index->block_end || sentences->len == 0)
    split_sentences (index, a, b);
  if (sentences->len == 0)
    return result;

  /* The last sentence that starts at or before @start, or the first one. */
  hi = sentences->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (sentences, DossierSpan, mid).start <= start)
        lo = mid + 1;
      else
        hi = mid;
    }
  lo = lo > 0 ? lo - 1 : 0;
  result.start = MIN (g_array_index (sentences, DossierSpan, lo).start, start);
  result.end = g_array_index (sentences, DossierSpan, lo).end;
  while (result.end < end && lo + 1 < sentences->len &&
         g_array_index (sentences, DossierSpan, lo + 1).start < end)
    result.end = g_array_index (sentences, DossierSpan, ++lo).end;
  result.end = MAX (result.end, end);
  return result;
}

/* Entities by mention */

typedef struct {
  guint start;
  guint end;
  guint entity;
} MentionRef;

static inline gboolean
mention_ref_before (const MentionRef *x,
                    const MentionRef *y)
{
  return x->start < y->start || (x->start == y->start && x->entity < y->entity);
}

/* Sorts @refs[0, @n) by start, then entity, with @tmp as room for @n more: a stable merge
 * sort (as glibc's qsort() is, where it can), its comparisons inline rather than called. */
static void
sort_mention_refs (MentionRef *refs,
                   MentionRef *tmp,
                   guint       n)
{
  MentionRef *from = refs, *to = tmp;

  for (guint width = 1; width < n; width *= 2)
    {
      for (guint lo = 0; lo < n; lo += 2 * width)
        {
          guint mid = MIN (lo + width, n), hi = MIN (lo + 2 * width, n);
          guint a = lo, b = mid, k = lo;

          while (a < mid && b < hi)
            to[k++] = mention_ref_before (&from[b], &from[a]) ? from[b++] : from[a++];
          while (a < mid)
            to[k++] = from[a++];
          while (b < hi)
            to[k++] = from[b++];
        }
      from = to;
      to = from == refs ? tmp : refs;
    }
  if (from != refs)
    memcpy (refs, from, n * sizeof *refs);
}

/* Every mention of every entity, by start. */
static GArray *
mention_refs (GPtrArray *entities)
{
  GArray *refs = g_array_new (FALSE, FALSE, sizeof (MentionRef));

  for (guint e = 0; e < entities->len; e++)
    {
      const DossierEntityMention *entity = g_ptr_array_index (entities, e);

      for (guint m = 0; entity->mentions != NULL && m < entity->mentions->len; m++)
        {
          const DossierSpan *span = &g_array_index (entity->mentions, DossierSpan, m);
          MentionRef ref = { span->start, span->end, e };

          g_array_append_val (refs, ref);
        }
    }
  if (refs->len > 1)
    {
      MentionRef room[256];
      g_autofree MentionRef *tmp = refs->len > G_N_ELEMENTS (room)
                                     ? g_new (MentionRef, refs->len) : NULL;

      sort_mention_refs ((MentionRef *) (gpointer) refs->data, tmp != NULL ? tmp : room,
                         refs->len);
    }
  return refs;
}

/* The entities with a mention inside @sentence, by index, each once. */
static GArray *
entities_in (GArray      *refs,
             DossierSpan  sentence)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint));
  guint lo = 0, hi = refs->len, kept = 0;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (refs, MentionRef, mid).start < sentence.start)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint k = lo; k < refs->len; k++)
    {
      const MentionRef *ref = &g_array_index (refs, MentionRef, k);

      if (ref->start >= sentence.end)
        break;
      if (ref->end <= sentence.end)
        g_array_append_val (found, ref->entity);
    }
  /* A sentence names a few entities: an insertion sort, inline. */
  for (guint k = 1; k < found->len; k++)
    {
      guint value = g_array_index (found, guint, k), j = k;

      for (; j > 0 && g_array_index (found, guint, j - 1) > value; j--)
        g_array_index (found, guint, j) = g_array_index (found, guint, j - 1);
      g_array_index (found, guint, j) = value;
    }
  for (guint k = 0; k < found->len; k++)
    if (kept == 0 || g_array_index (found, guint, k) != g_array_index (found, guint, kept - 1))
      g_array_index (found, guint, kept++) = g_array_index (found, guint, k);
  g_array_set_size (found, kept);
  return found;
}

/* Public */

static void
event_mention_free (DossierEventMention *event)
{
  if (event == NULL)
    return;
  g_clear_pointer (&event->entities, g_array_unref);
  g_free (event);
}

void
dossier_extraction_free (DossierExtraction *extraction)
{
  if (extraction == NULL)
    return;
  g_free (extraction->anchor_date);
  g_clear_pointer (&extraction->regions, g_array_unref);
  g_clear_pointer (&extraction->entities, g_ptr_array_unref);
  g_clear_pointer (&extraction->dates, g_ptr_array_unref);
  g_clear_pointer (&extraction->quotes, g_ptr_array_unref);
  g_clear_pointer (&extraction->events, g_ptr_array_unref);
  g_free (extraction);
}

/* The events of @extraction, whose text is @u[0, @n) (NULL: decoded from @text here). */
static GPtrArray *
find_events (const char        *text,
             const gunichar    *u,
             guint              n,
             DossierExtraction *extraction)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_mention_free);
  g_autofree gunichar *own = NULL;
  g_autoptr(GArray) refs = NULL;
  SentenceIndex index = { 0, };

  if (extraction->dates->len == 0)
    return events;

  if (u == NULL)
    u = own = dossier_scan_decode (text, &n);
  refs = mention_refs (extraction->entities);
  index.u = u;
  index.n = n;
  index.regions = extraction->regions;
  index.block_start = G_MAXUINT;
  index.sentences = g_array_new (FALSE, FALSE, sizeof (DossierSpan));

  for (guint d = 0; d < extraction->dates->len; d++)
    {
      const DossierDateMention *date = g_ptr_array_index (extraction->dates, d);
      DossierEventMention *event;
      DossierSpan sentence;

      if (date->start >= date->end || date->end > n ||
          dossier_regions_is_furniture (extraction->regions, date->start, date->end))
        continue;
      sentence = sentence_of (&index, date->start, date->end);
      event = g_new0 (DossierEventMention, 1);
      event->date = d;
      event->sentence_start = sentence.start;
      event->sentence_end = sentence.end;
      event->entities = entities_in (refs, sentence);
      g_ptr_array_add (events, event);
    }
  g_array_unref (index.sentences);
  return events;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const DossierSpan *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

static int
compare_entities (gconstpointer a,
                  gconstpointer b)
{
  const DossierEntityMention *x = *(DossierEntityMention * const *) a;
  const DossierEntityMention *y = *(DossierEntityMention * const *) b;
  guint xs = g_array_index (x->mentions, DossierSpan, 0).start;
  guint ys = g_array_index (y->mentions, DossierSpan, 0).start;

  return xs < ys ? -1 : xs > ys;
}

void
dossier_scan_tidy_mentions (GPtrArray *entities)
{
  for (guint e = entities->len; e > 0; e--)
    {
      DossierEntityMention *entity = g_ptr_array_index (entities, e - 1);

      for (guint m = entity->mentions->len; m > 0; m--)
        if (g_array_index (entity->mentions, DossierSpan, m - 1).end == 0)
          g_array_remove_index (entity->mentions, m - 1);
      if (entity->mentions->len == 0)
        g_ptr_array_remove_index (entities, e - 1);
      else
        g_array_sort (entity->mentions, compare_spans);
    }
  g_ptr_array_sort (entities, compare_entities);
}

DossierExtraction *
dossier_extract_all (const char *text,
                     GArray     *regions,
                     const char *document_date)
{
  DossierExtraction *extraction;
  g_autofree gunichar *u = NULL;
  gsize length;
  guint n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  extraction = g_new0 (DossierExtraction, 1);
  length = strlen (text);
  if (length >= G_MAXUINT32 || !dossier_scan_validate (text, length))
    {
      /* The public functions, which say what is wrong with the text. */
      extraction->regions = dossier_extract_regions (text, regions);
      extraction->entities = dossier_extract_entities (text, extraction->regions);
      extraction->anchor_date = dossier_extract_anchor_date (text, document_date);
      extraction->dates = dossier_extract_dates (text, extraction->anchor_date);
      extraction->quotes = dossier_extract_quotes (text, extraction->regions);
      extraction->events = find_events (text, NULL, 0, extraction);
      return extraction;
    }

  /* The same, with the text checked and decoded once for all the extractors. */
  u = dossier_scan_decode_len (text, length, &n);
  extraction->regions = dossier_scan_refine_regions (u, n, regions);
  extraction->entities = dossier_scan_extract_entities (text, length, u, n,
                                                        extraction->regions);
  extraction->dates = dossier_scan_extract_dates (text, document_date, &extraction->anchor_date);
  extraction->quotes = dossier_scan_extract_quotes (u, n, extraction->regions);
  extraction->events = find_events (text, u, n, extraction);
  return extraction;
}
