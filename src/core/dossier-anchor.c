/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-anchor"

#include <string.h>

#include "dossier-anchor.h"

/* Re-anchoring works on two views of the new text.  The code points themselves decide the
 * exact stages (POSITION, QUOTE) and are what offsets count.  A "folded" copy, in which every
 * run of white space is one space and typographic quote marks and dashes are their ASCII
 * forms, is where quotes are searched and compared: a re-import that only changed spacing,
 * line breaks or punctuation style then costs no edits at all.  The folded text carries a map
 * back to code-point offsets, and a q-gram index (built on first need) finds occurrences of
 * pieces of a quote without scanning the whole text. */

/* Length of the q-grams in the index; the shortest piece of a quote that is searched for. */
#define GRAM 4

/* The quote, plus the context that agrees with the text around a candidate, must make up at
 * least this many code points (or all the selector holds, if it holds less).  A long quote is
 * evidence enough by itself; a short one ("he", a surname) occurs all over a text and is only
 * placed where its neighbourhood agrees too. */
#define MIN_EVIDENCE 20

/* Approximate matching: quotes shorter than this (after folding) only match exactly. */
#define MIN_APPROX_QUOTE 4

/* Approximate matching: at most this many edits per hundred code points of the quote.  A
 * changed word in a sentence is well inside; two unrelated sentences are far outside. */
#define MAX_ERROR_PERCENT 20

/* Approximate matching costs O(m²) per candidate for a quote of m code points: longer
 * passages are placed by the exact stages only. */
#define MAX_APPROX_QUOTE 4096

/* Occurrences considered per searched piece (those nearest the old position), so that a
 * common piece such as "the " cannot make one lookup cost the whole text. */
#define EXACT_MAX_HITS 4096
#define PIECE_MAX_HITS 256

/* Code points of the prefix (its end) and the suffix (its start) searched for as seeds. */
#define SEED_CONTEXT 12

/* Candidate regions verified per selector, and the dynamic-programming cells they may use
 * together (the best region is always verified). */
#define MAX_VERIFY 8
#define VERIFY_BUDGET (1u << 24)

/* Occurrences of pieces gathered per selector, the rarest pieces first. */
#define VOTE_BUDGET 2048

/* An approximate match that starts or ends inside a word is widened to the whole word (when
 * the original selection was on word boundaries), by at most this many code points. */
#define SNAP_MAX 32

/* Weights of an approximate candidate's score: quote, prefix and suffix similarity, and the
 * penalty for the distance from the old position (relative to the text length). */
#define QUOTE_WEIGHT 0.5
#define PREFIX_WEIGHT 0.2
#define SUFFIX_WEIGHT 0.2
#define DISTANCE_WEIGHT 0.1

/* A region of the folded text where pieces of a quote occur close together. */
typedef struct
{
  guint lo;                /* the implied starts of the quote its votes span */
  guint hi;
  guint votes;
} Cluster;

struct _DossierAnchorer
{
  gunichar *text;          /* the text as code points */
  guint     len;

  gunichar *folded;        /* white space collapsed, quote marks and dashes unified */
  guint    *fold_to_text;  /* flen + 1 entries: where each folded code point comes from */
  guint     flen;

  /* q-gram index over the folded text: the start of every q-gram, grouped by hash bucket
   * and ascending within a bucket; bucket b is positions[buckets[b] .. buckets[b + 1]). */
  guint    *buckets;
  guint    *positions;
  guint     bucket_bits;

  /* Scratch space of dossier_anchorer_locate(), kept between calls. */
  GArray   *hits;          /* guint: occurrences of a searched piece */
  GArray   *votes;         /* guint: implied starts of the quote */
  GArray   *clusters;      /* Cluster */
  GArray   *columns;       /* guint: the column of align_in_window() */
};

/* A selector converted for searching. */
typedef struct
{
  gunichar *quote;         /* exact, code points */
  guint     quote_len;
  gunichar *fquote;        /* exact, prefix and suffix folded */
  guint     fquote_len;
  gunichar *fprefix;
  guint     fprefix_len;
  gunichar *fsuffix;
  guint     fsuffix_len;
  guint     old_start;     /* the old position, in code points and in the folded text */
  guint     expected;
} Query;

static const char *match_names[] = {
  [DOSSIER_ANCHOR_ORPHAN] = "orphan",
  [DOSSIER_ANCHOR_POSITION] = "position",
  [DOSSIER_ANCHOR_QUOTE] = "quote",
  [DOSSIER_ANCHOR_APPROXIMATE] = "approximate",
};

const char *
dossier_anchor_match_to_string (DossierAnchorMatch match)
{
  g_return_val_if_fail (match <= DOSSIER_ANCHOR_APPROXIMATE, NULL);
  return match_names[match];
}

/* Selectors */

void
dossier_selector_clear (DossierSelector *selector)
{
  g_return_if_fail (selector != NULL);

  g_clear_pointer (&selector->exact, g_free);
  g_clear_pointer (&selector->prefix, g_free);
  g_clear_pointer (&selector->suffix, g_free);
  selector->start = 0;
  selector->end = 0;
}

void
dossier_selector_free (DossierSelector *selector)
{
  if (selector == NULL)
    return;
  dossier_selector_clear (selector);
  g_free (selector);
}

DossierSelector *
dossier_selector_copy (const DossierSelector *selector)
{
  DossierSelector *copy;

  g_return_val_if_fail (selector != NULL, NULL);

  copy = g_new0 (DossierSelector, 1);
  copy->start = selector->start;
  copy->end = selector->end;
  copy->exact = g_strdup (selector->exact);
  copy->prefix = g_strdup (selector->prefix);
  copy->suffix = g_strdup (selector->suffix);
  return copy;
}

/* Advances *p by up to @n code points; returns how many it went.  Stops at the end of the
 * string, and at malformed UTF-8 as if the string ended there. */
static guint
utf8_advance (const char **p,
              guint        n)
{
  guint done = 0;

  while (done < n && **p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (*p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      *p += g_unichar_to_utf8 (c, NULL);
      done++;
    }
  return done;
}

gboolean
dossier_selector_init_from_text (DossierSelector *selector,
                                 const char      *text,
                                 guint            start,
                                 guint            end)
{
  const char *p = text;
  const char *before, *a, *b, *after;
  guint context_start;

  g_return_val_if_fail (selector != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (start >= end)
    return FALSE;

  /* One walk from the start of the text: to the prefix, the quote, its end, the suffix. */
  context_start = start > DOSSIER_ANCHOR_CONTEXT ? start - DOSSIER_ANCHOR_CONTEXT : 0;
  if (utf8_advance (&p, context_start) < context_start)
    return FALSE;
  before = p;
  if (utf8_advance (&p, start - context_start) < start - context_start)
    return FALSE;
  a = p;
  if (utf8_advance (&p, end - start) < end - start)
    return FALSE;
  b = p;
  utf8_advance (&p, DOSSIER_ANCHOR_CONTEXT);
  after = p;

  selector->start = start;
  selector->end = end;
  selector->exact = g_strndup (a, (gsize) (b - a));
  selector->prefix = g_strndup (before, (gsize) (a - before));
  selector->suffix = g_strndup (b, (gsize) (after - b));
  return TRUE;
}

/* Folding */

static gunichar
fold_char (gunichar c)
{
  if (g_unichar_isspace (c))
    return ' ';
  switch (c)
    {
    case 0x0060: /* grave accent used as an opening quote */
    case 0x00B4: /* acute accent used as a closing quote */
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
    case 0x201A: /* ‚ */
    case 0x201B: /* ‛ */
    case 0x2032: /* ′ */
    case 0x2039: /* ‹ */
    case 0x203A: /* › */
      return '\'';
    case 0x00AB: /* « */
    case 0x00BB: /* » */
    case 0x201C: /* “ */
    case 0x201D: /* ” */
    case 0x201E: /* „ */
    case 0x201F: /* ‟ */
    case 0x2033: /* ″ */
      return '"';
    case 0x2010: /* hyphen */
    case 0x2011: /* non-breaking hyphen */
    case 0x2012: /* figure dash */
    case 0x2013: /* en dash */
    case 0x2014: /* em dash */
    case 0x2015: /* horizontal bar */
    case 0x2212: /* minus sign */
    case 0xFE58: /* small em dash */
    case 0xFE63: /* small hyphen-minus */
    case 0xFF0D: /* fullwidth hyphen-minus */
      return '-';
    default:
      return c;
    }
}

/* Folds the @len code points of @s into @out (which may be @s: the output never gets ahead of
 * the input) and returns the folded length.  If @map is not NULL it receives, for each folded
 * code point, the index in @s it comes from (the first of a run of white space), and @len after
 * the last. */
static guint
fold (const gunichar *s,
      guint           len,
      gunichar       *out,
      guint          *map)
{
  guint n = 0;

  for (guint i = 0; i < len; i++)
    {
      gunichar c = fold_char (s[i]);

      /* Only white space folds to a space, so this collapses runs of it. */
      if (c == ' ' && n > 0 && out[n - 1] == ' ')
        continue;
      if (map != NULL)
        map[n] = i;
      out[n++] = c;
    }
  if (map != NULL)
    map[n] = len;
  return n;
}

/* The anchorer */

DossierAnchorer *
dossier_anchorer_new (const char *text)
{
  DossierAnchorer *self;
  glong len = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

  self = g_new0 (DossierAnchorer, 1);
  self->text = g_utf8_to_ucs4_fast (text, -1, &len);
  self->len = (guint) len;
  self->folded = g_new (gunichar, self->len + 1);
  self->fold_to_text = g_new (guint, self->len + 1);
  self->flen = fold (self->text, self->len, self->folded, self->fold_to_text);
  self->hits = g_array_new (FALSE, FALSE, sizeof (guint));
  self->votes = g_array_new (FALSE, FALSE, sizeof (guint));
  self->clusters = g_array_new (FALSE, FALSE, sizeof (Cluster));
  self->columns = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

void
dossier_anchorer_free (DossierAnchorer *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self->folded);
  g_free (self->fold_to_text);
  g_free (self->buckets);
  g_free (self->positions);
  g_array_unref (self->hits);
  g_array_unref (self->votes);
  g_array_unref (self->clusters);
  g_array_unref (self->columns);
  g_free (self);
}

guint
dossier_anchorer_get_length (DossierAnchorer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->len;
}

gboolean
dossier_anchorer_init_selector (DossierAnchorer *self,
                                DossierSelector *selector,
                                guint            start,
                                guint            end)
{
  guint context_start, context_end;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (selector != NULL, FALSE);

  if (start >= end || end > self->len)
    return FALSE;

  context_start = start > DOSSIER_ANCHOR_CONTEXT ? start - DOSSIER_ANCHOR_CONTEXT : 0;
  context_end = MIN (self->len, end + DOSSIER_ANCHOR_CONTEXT);
  selector->start = start;
  selector->end = end;
  selector->exact = g_ucs4_to_utf8 (self->text + start, end - start, NULL, NULL, NULL);
  selector->prefix = g_ucs4_to_utf8 (self->text + context_start, start - context_start,
                                     NULL, NULL, NULL);
  selector->suffix = g_ucs4_to_utf8 (self->text + end, context_end - end, NULL, NULL, NULL);
  return TRUE;
}

/* The q-gram index */

static guint
gram_bucket (const gunichar *s,
             guint           bits)
{
  guint64 h = s[0];

  /* Code points have 21 bits: the four of a gram fit in 84, so mix rather than concatenate,
   * then take the high bits of a Fibonacci hash. */
  for (guint i = 1; i < GRAM; i++)
    h = h * 0x100000001B3ull + s[i];
  return (guint) ((h * 0x9E3779B97F4A7C15ull) >> (64 - bits));
}

static void
ensure_index (DossierAnchorer *self)
{
  guint ngrams, nbuckets;

  if (self->positions != NULL || self->flen < GRAM)
    return;

  ngrams = self->flen - GRAM + 1;
  /* About one bucket per gram, between 2^10 and 2^22. */
  self->bucket_bits = 10;
  while (self->bucket_bits < 22 && (1u << self->bucket_bits) < ngrams)
    self->bucket_bits++;
  nbuckets = 1u << self->bucket_bits;

  /* A counting sort: count, accumulate to bucket ends, then fill each bucket from its end
   * going backwards through the text, which leaves it ascending. */
  self->buckets = g_new0 (guint, nbuckets + 1);
  self->positions = g_new (guint, ngrams);
  for (guint i = 0; i < ngrams; i++)
    self->buckets[gram_bucket (self->folded + i, self->bucket_bits)]++;
  for (guint b = 1; b < nbuckets; b++)
    self->buckets[b] += self->buckets[b - 1];
  self->buckets[nbuckets] = ngrams;
  for (guint i = ngrams; i-- > 0;)
    self->positions[--self->buckets[gram_bucket (self->folded + i, self->bucket_bits)]] = i;

  g_debug ("indexed %u q-grams in %u buckets", ngrams, nbuckets);
}

/* The range [*lo, *hi) of at most @cap entries of the ascending @sorted nearest @target. */
static void
nearest_window (const guint *sorted,
                guint        n,
                guint        target,
                guint        cap,
                guint       *lo,
                guint       *hi)
{
  guint a = 0, b = n;

  if (n <= cap)
    {
      *lo = 0;
      *hi = n;
      return;
    }
  while (a < b)
    {
      guint mid = a + (b - a) / 2;

      if (sorted[mid] < target)
        a = mid + 1;
      else
        b = mid;
    }
  b = a;
  while (b - a < cap)
    {
      if (a == 0)
        b++;
      else if (b == n)
        a--;
      else if (target - sorted[a - 1] <= sorted[b] - target)
        a--;
      else
        b++;
    }
  *lo = a;
  *hi = b;
}

/* The size of the bucket of the rarest q-gram of the @plen (at least GRAM) code points of
 * @pattern, which bounds how often the pattern occurs; *gram receives that q-gram's offset. */
static guint
rarest_gram (DossierAnchorer *self,
             const gunichar  *pattern,
             guint            plen,
             guint           *gram)
{
  guint best = G_MAXUINT;

  /* Callers only ask for patterns that fit in the text, so the text has q-grams. */
  ensure_index (self);
  g_assert (self->buckets != NULL);
  *gram = 0;
  for (guint g = 0; g + GRAM <= plen && best > 0; g++)
    {
      guint b = gram_bucket (pattern + g, self->bucket_bits);
      guint size = self->buckets[b + 1] - self->buckets[b];

      if (size < best)
        {
          best = size;
          *gram = g;
        }
    }
  return best;
}

/* Replaces @out with the starts in the folded text where the @plen code points of @pattern
 * occur, ascending; when there are more than @cap, the @cap nearest @near. */
static void
find_occurrences (DossierAnchorer *self,
                  const gunichar  *pattern,
                  guint            plen,
                  guint            near,
                  guint            cap,
                  GArray          *out)
{
  const guint *bucket;
  guint gram, size, lo, hi;

  g_array_set_size (out, 0);
  if (plen == 0 || plen > self->flen)
    return;

  if (plen < GRAM)
    {
      /* Too short for the index: scan.  Only a quote of one to three code points without
       * any context to go with it gets here. */
      for (guint i = 0; i + plen <= self->flen; i++)
        if (self->folded[i] == pattern[0] &&
            memcmp (self->folded + i, pattern, plen * sizeof (gunichar)) == 0)
          g_array_append_val (out, i);
      if (out->len > cap)
        {
          nearest_window (&g_array_index (out, guint, 0), out->len, near, cap, &lo, &hi);
          g_array_remove_range (out, 0, lo);
          g_array_set_size (out, hi - lo);
        }
      return;
    }

  /* Look the pattern up by its rarest q-gram, then compare the whole pattern. */
  if ((size = rarest_gram (self, pattern, plen, &gram)) == 0)
    return;
  bucket = self->positions + self->buckets[gram_bucket (pattern + gram, self->bucket_bits)];
  nearest_window (bucket, size, near > G_MAXUINT - gram ? near : near + gram, cap, &lo, &hi);
  for (guint i = lo; i < hi; i++)
    {
      guint start;

      if (bucket[i] < gram)
        continue;
      start = bucket[i] - gram;
      if (start + plen <= self->flen &&
          memcmp (self->folded + start, pattern, plen * sizeof (gunichar)) == 0)
        g_array_append_val (out, start);
    }
}

/* Queries */

/* Where code point @pos of the text is in the folded text. */
static guint
folded_index (const DossierAnchorer *self,
              guint                  pos)
{
  guint lo = 0, hi = self->flen;

  if (pos >= self->len)
    return self->flen;
  /* The last folded code point that starts at or before @pos. */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->fold_to_text[mid] <= pos)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* Converts and folds the prefix or suffix of a selector, of which only the last (@from_end)
 * or first DOSSIER_ANCHOR_CONTEXT code points count; NULL (and 0) if it is NULL or not UTF-8. */
static gunichar *
fold_context (const char *str,
              gboolean    from_end,
              guint      *out_len)
{
  gunichar *ucs;
  glong len = 0;
  guint skip = 0;

  *out_len = 0;
  if (str == NULL || (ucs = g_utf8_to_ucs4 (str, -1, NULL, &len, NULL)) == NULL)
    return NULL;
  if ((guint) len > DOSSIER_ANCHOR_CONTEXT)
    {
      if (from_end)
        skip = (guint) len - DOSSIER_ANCHOR_CONTEXT;
      len = DOSSIER_ANCHOR_CONTEXT;
    }
  *out_len = fold (ucs + skip, (guint) len, ucs, NULL);
  return ucs;
}

static gboolean
query_init (Query                 *q,
            const DossierAnchorer *self,
            const DossierSelector *selector)
{
  glong len = 0;

  memset (q, 0, sizeof *q);
  if (selector->exact == NULL ||
      (q->quote = g_utf8_to_ucs4 (selector->exact, -1, NULL, &len, NULL)) == NULL ||
      len == 0)
    return FALSE;
  q->quote_len = (guint) len;
  q->fquote = g_new (gunichar, q->quote_len);
  q->fquote_len = fold (q->quote, q->quote_len, q->fquote, NULL);
  q->fprefix = fold_context (selector->prefix, TRUE, &q->fprefix_len);
  q->fsuffix = fold_context (selector->suffix, FALSE, &q->fsuffix_len);
  q->old_start = selector->start;
  q->expected = folded_index (self, selector->start);
  return TRUE;
}

static void
query_clear (Query *q)
{
  g_free (q->quote);
  g_free (q->fquote);
  g_free (q->fprefix);
  g_free (q->fsuffix);
}

/* How many code points at the end of the prefix agree with the folded text before @fstart. */
static guint
prefix_agreement (const DossierAnchorer *self,
                  const Query           *q,
                  guint                  fstart)
{
  guint n = 0;

  while (n < q->fprefix_len && n < fstart &&
         q->fprefix[q->fprefix_len - 1 - n] == self->folded[fstart - 1 - n])
    n++;
  return n;
}

/* How many code points at the start of the suffix agree with the folded text from @fend. */
static guint
suffix_agreement (const DossierAnchorer *self,
                  const Query           *q,
                  guint                  fend)
{
  guint n = 0;

  while (n < q->fsuffix_len && fend + n < self->flen &&
         q->fsuffix[n] == self->folded[fend + n])
    n++;
  return n;
}

/* The context agreement around the code points [@start, @end) of the text. */
static void
context_agreement (const DossierAnchorer *self,
                   const Query           *q,
                   guint                  start,
                   guint                  end,
                   guint                 *prefix,
                   guint                 *suffix)
{
  *prefix = prefix_agreement (self, q, folded_index (self, start));
  *suffix = suffix_agreement (self, q, folded_index (self, end - 1) + 1);
}

/* See MIN_EVIDENCE: @matched code points of the quote and @context of prefix and suffix. */
static gboolean
enough_evidence (const Query *q,
                 guint        matched,
                 guint        context)
{
  guint available = q->fquote_len + q->fprefix_len + q->fsuffix_len;

  return matched + context >= MIN (MIN_EVIDENCE, available);
}

static guint
distance (guint a,
          guint b)
{
  return a > b ? a - b : b - a;
}

/* Stage 1: the exact quote still at the old offsets. */
static gboolean
locate_position (const DossierAnchorer *self,
                 const Query           *q,
                 const DossierSelector *selector)
{
  guint prefix, suffix;

  if (selector->end <= selector->start || selector->end > self->len ||
      selector->end - selector->start != q->quote_len ||
      memcmp (self->text + selector->start, q->quote, q->quote_len * sizeof (gunichar)) != 0)
    return FALSE;
  if (q->fquote_len >= MIN_EVIDENCE)
    return TRUE;
  context_agreement (self, q, selector->start, selector->end, &prefix, &suffix);
  return enough_evidence (q, q->fquote_len, prefix + suffix);
}

/* Appends to @out where the folded quote occurs with @before code points of the end of the
 * prefix in front of it and @after of the start of the suffix behind it. */
static void
find_in_context (DossierAnchorer *self,
                 const Query     *q,
                 guint            before,
                 guint            after,
                 GArray          *out)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (guint));
  gunichar pattern[2 * DOSSIER_ANCHOR_CONTEXT + GRAM];
  guint len = 0;

  g_assert (before + q->fquote_len + after <= G_N_ELEMENTS (pattern));
  if (before > 0)
    memcpy (pattern, q->fprefix + q->fprefix_len - before, before * sizeof (gunichar));
  len += before;
  memcpy (pattern + len, q->fquote, q->fquote_len * sizeof (gunichar));
  len += q->fquote_len;
  if (after > 0)
    memcpy (pattern + len, q->fsuffix, after * sizeof (gunichar));
  len += after;

  find_occurrences (self, pattern, len, q->expected > before ? q->expected - before : 0,
                    EXACT_MAX_HITS, hits);
  for (guint i = 0; i < hits->len; i++)
    {
      guint at = g_array_index (hits, guint, i) + before;

      g_array_append_val (out, at);
    }
}

/* Replaces @out with the folded occurrences of the quote worth checking.  A quote too short for
 * the index (one to three code points) is only accepted where at least `need` code points of
 * context agree (see MIN_EVIDENCE), so at least half of them on one side: every acceptable
 * occurrence has half that much of the prefix before it or of the suffix after it, and the
 * quote with that context is long enough to look up. */
static void
find_quote (DossierAnchorer *self,
            const Query     *q,
            GArray          *out)
{
  guint need = MIN (MIN_EVIDENCE, q->fquote_len + q->fprefix_len + q->fsuffix_len) -
               MIN (MIN_EVIDENCE, q->fquote_len);
  guint half = (need + 1) / 2;

  if (q->fquote_len >= GRAM || need == 0)
    {
      find_occurrences (self, q->fquote, q->fquote_len, q->expected, EXACT_MAX_HITS, out);
      return;
    }
  g_array_set_size (out, 0);
  if (q->fprefix_len > 0)
    find_in_context (self, q, MIN (q->fprefix_len, half), 0, out);
  if (q->fsuffix_len > 0)
    find_in_context (self, q, 0, MIN (q->fsuffix_len, half), out);
}

/* Stage 2: the exact quote elsewhere; the best context agreement wins, then the nearest. */
static gboolean
locate_quote (DossierAnchorer *self,
              const Query     *q,
              guint           *start)
{
  GArray *hits = self->hits;
  gboolean found = FALSE;
  guint best_context = 0, best_distance = 0;

  find_quote (self, q, hits);
  for (guint i = 0; i < hits->len; i++)
    {
      guint f = g_array_index (hits, guint, i);

      /* An exact occurrence starts among the code points the first folded one stands for
       * (several when it is a run of white space), and its code points must agree too. */
      for (guint p = self->fold_to_text[f]; p < self->fold_to_text[f + 1]; p++)
        {
          guint prefix, suffix, d;

          if (p + q->quote_len > self->len ||
              memcmp (self->text + p, q->quote, q->quote_len * sizeof (gunichar)) != 0)
            continue;
          context_agreement (self, q, p, p + q->quote_len, &prefix, &suffix);
          if (!enough_evidence (q, q->fquote_len, prefix + suffix))
            continue;
          d = distance (p, q->old_start);
          if (!found || prefix + suffix > best_context ||
              (prefix + suffix == best_context && d < best_distance))
            {
              found = TRUE;
              best_context = prefix + suffix;
              best_distance = d;
              *start = p;
            }
        }
    }
  return found;
}

/* Stage 3: approximate matching */

/* The parts of an approximate candidate's score, each its weight times a share in [0, 1]. */
static double
quote_score (guint edits,
             guint m)
{
  return QUOTE_WEIGHT * (1.0 - (double) edits / m);
}

/* The share of the prefix (suffix) of @len code points that agrees.  An empty one meant the
 * start (end) of the text: there, agreement is being at the edge. */
static double
context_score (guint    agreement,
               guint    len,
               gboolean at_edge,
               double   weight)
{
  if (len == 0)
    return at_edge ? weight : 0.0;
  return weight * agreement / len;
}

/* Advances @column, a column of an edit-distance table of the quote @p (@m code points) against
 * the text, by the text code point @tc.  @row0 is the new value of row 0, and only rows up to
 * the one after @last, the last row within @k, are computed (Ukkonen's cut-off): rows below it
 * hold more than k edits and, whatever they hold exactly, cannot come back within k.  Returns
 * the new last row within @k (0 if there is none, as row 0 says). */
static guint
advance_column (const gunichar *p,
                guint           m,
                guint          *column,
                guint           last,
                guint           row0,
                gunichar        tc,
                guint           k)
{
  guint rows = MIN (last + 1, m);
  guint diag = column[0];

  column[0] = row0;
  for (guint i = 1; i <= rows; i++)
    {
      guint left = column[i];
      guint c = diag + (p[i - 1] != tc);

      c = MIN (c, left + 1);
      c = MIN (c, column[i - 1] + 1);
      column[i] = c;
      diag = left;
    }
  while (rows > 0 && column[rows] > k)
    rows--;
  return rows;
}

/* The best alignment of the quote with at most @k edits in the folded text [@lo, @hi): its
 * span and edit count.  @reversed is the folded quote backwards, @column has m + 1 entries.
 * FALSE if there is none.
 *
 * First Sellers' approximate substring matching runs forwards: after text position j the
 * column holds, for each prefix of the quote, the fewest edits aligning it with text that ends
 * at j and starts anywhere.  Every end within k edits is scored with the suffix agreement
 * there.  Then the same runs backwards from the chosen end, with the text now used whole, so
 * that every start within k edits is scored with the prefix agreement there.  Choosing each
 * end by its context keeps an insertion next to an end of the passage from cutting it short,
 * which edit counts alone would often prefer. */
static gboolean
align_in_window (const DossierAnchorer *self,
                 const Query           *q,
                 const gunichar        *reversed,
                 guint                  k,
                 guint                  lo,
                 guint                  hi,
                 guint                 *column,
                 guint                 *fstart,
                 guint                 *fend,
                 guint                 *edits)
{
  guint m = q->fquote_len;
  gboolean found = FALSE;
  double best = 0;
  guint last, end = 0, best_length = 0, best_edits = 0;

  for (guint i = 0; i <= m; i++)
    column[i] = i;
  last = k;
  for (guint j = lo; j < hi; j++)
    {
      /* An alignment may begin anywhere in the text at no cost: row 0 stays 0. */
      last = advance_column (q->fquote, m, column, last, 0, self->folded[j], k);
      if (last == m)
        {
          double score = quote_score (column[m], m) +
                         context_score (suffix_agreement (self, q, j + 1), q->fsuffix_len,
                                        j + 1 == self->flen, SUFFIX_WEIGHT);

          if (!found || score > best)
            {
              found = TRUE;
              best = score;
              end = j + 1;
            }
        }
    }
  if (!found)
    return FALSE;

  found = FALSE;
  for (guint i = 0; i <= m; i++)
    column[i] = i;
  last = k;
  for (guint c = 1; c <= end - lo; c++)
    {
      /* The end is fixed: text between the alignment and it costs one edit a code point. */
      last = advance_column (reversed, m, column, last, c, self->folded[end - c], k);
      if (last == m)
        {
          double score = quote_score (column[m], m) +
                         context_score (prefix_agreement (self, q, end - c), q->fprefix_len,
                                        end - c == 0, PREFIX_WEIGHT);

          /* Equal scores: the span whose length is nearest the quote's. */
          if (!found || score > best ||
              (score == best && distance (c, m) < distance (best_length, m)))
            {
              found = TRUE;
              best = score;
              best_length = c;
              best_edits = column[m];
            }
        }
      /* No row within k: none can come back, and longer spans only cost more. */
      if (last == 0 && c > k)
        break;
    }

  /* The forward pass found an alignment ending at @end, so the backward one finds it too. */
  g_assert (found);
  *fstart = end - best_length;
  *fend = end;
  *edits = best_edits;
  return TRUE;
}

static gboolean
is_word (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Trims white space the quote does not have at its ends, and widens a span that starts or
 * ends inside a word to the whole word when the original selection was on word boundaries.
 * FALSE if nothing is left. */
static gboolean
adjust_span (const DossierAnchorer *self,
             const Query           *q,
             guint                 *start,
             guint                 *end)
{
  const gunichar *text = self->text;
  guint s = *start, e = *end;

  if (!g_unichar_isspace (q->quote[0]))
    while (s < e && g_unichar_isspace (text[s]))
      s++;
  if (!g_unichar_isspace (q->quote[q->quote_len - 1]))
    while (e > s && g_unichar_isspace (text[e - 1]))
      e--;
  if (s == e)
    return FALSE;

  if (is_word (q->quote[0]) &&
      (q->fprefix_len == 0 || !is_word (q->fprefix[q->fprefix_len - 1])))
    {
      guint w = s;

      while (w > 0 && s - w < SNAP_MAX && is_word (text[w - 1]) && is_word (text[w]))
        w--;
      if (w == 0 || !is_word (text[w - 1]))
        s = w;
    }
  if (is_word (q->quote[q->quote_len - 1]) &&
      (q->fsuffix_len == 0 || !is_word (q->fsuffix[0])))
    {
      guint w = e;

      while (w < self->len && w - e < SNAP_MAX && is_word (text[w]) && is_word (text[w - 1]))
        w++;
      if (w == self->len || !is_word (text[w]))
        e = w;
    }

  *start = s;
  *end = e;
  return TRUE;
}

/* Something searched for to find where the quote may be now: a piece of the quote, the end of
 * the prefix or the start of the suffix. */
typedef struct
{
  const gunichar *pattern;
  guint           len;
  guint           near;    /* where it would be if the quote had not moved */
  guint           shift;   /* occurrence + shift - back: where the quote would start */
  guint           back;
  guint           size;    /* at most this many occurrences */
} Seed;

static void
add_seed (DossierAnchorer *self,
          GArray          *seeds,
          const gunichar  *pattern,
          guint            len,
          guint            near,
          guint            shift,
          guint            back)
{
  Seed seed = { pattern, len, near, shift, back, 0 };
  guint gram;

  seed.size = rarest_gram (self, pattern, len, &gram);
  g_array_append_val (seeds, seed);
}

static int
compare_seeds (gconstpointer a,
               gconstpointer b)
{
  const Seed *x = a, *y = b;

  return x->size < y->size ? -1 : x->size > y->size;
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Whether cluster @x should be verified before @y: more votes, then nearer @expected. */
static gboolean
cluster_before (const Cluster *x,
                const Cluster *y,
                guint          expected)
{
  if (x->votes != y->votes)
    return x->votes > y->votes;
  return distance (x->lo, expected) < distance (y->lo, expected);
}

/* Fills self->clusters with at most MAX_VERIFY candidate regions, the most promising first.
 *
 * Each exact occurrence of a piece of the quote, of the end of the prefix or of the start of
 * the suffix votes for where the quote would start.  Splitting the quote into k + 1 pieces
 * means a match with at most k edits holds at least one of them unchanged (pigeonhole), and a
 * match with few edits holds most of them, so good regions collect many votes; votes within k
 * of each other make one region.  Rare pieces are searched first and common ones ("the ") only
 * while the vote budget lasts: they say little and would cost much. */
static void
collect_clusters (DossierAnchorer *self,
                  const Query     *q,
                  guint            k)
{
  g_autoptr(GArray) seeds = g_array_new (FALSE, FALSE, sizeof (Seed));
  GArray *votes = self->votes, *hits = self->hits, *clusters = self->clusters;
  guint m = q->fquote_len;
  guint pieces = MIN (k + 1, m / GRAM);
  guint budget = 0, n_top = 0;
  Cluster top[MAX_VERIFY], current = { 0, 0, 0 };

  for (guint i = 0; i < pieces; i++)
    {
      guint offset = (guint) ((guint64) i * m / pieces);
      guint len = (guint) ((guint64) (i + 1) * m / pieces) - offset;

      add_seed (self, seeds, q->fquote + offset, len, q->expected + offset, 0, offset);
    }
  if (q->fprefix_len >= GRAM)
    {
      guint len = MIN (q->fprefix_len, SEED_CONTEXT);

      add_seed (self, seeds, q->fprefix + q->fprefix_len - len, len,
                q->expected > len ? q->expected - len : 0, len, 0);
    }
  if (q->fsuffix_len >= GRAM)
    add_seed (self, seeds, q->fsuffix, MIN (q->fsuffix_len, SEED_CONTEXT), q->expected + m, 0,
              m);
  g_array_sort (seeds, compare_seeds);

  g_array_set_size (votes, 0);
  for (guint i = 0; i < seeds->len; i++)
    {
      const Seed *seed = &g_array_index (seeds, Seed, i);
      guint cost = MIN (seed->size, PIECE_MAX_HITS);

      if (i > 0 && budget + cost > VOTE_BUDGET)
        break;
      budget += cost;
      find_occurrences (self, seed->pattern, seed->len, seed->near, PIECE_MAX_HITS, hits);
      for (guint h = 0; h < hits->len; h++)
        {
          guint at = g_array_index (hits, guint, h) + seed->shift;
          guint v = at > seed->back ? at - seed->back : 0;

          g_array_append_val (votes, v);
        }
    }
  g_array_sort (votes, compare_guint);

  /* Group the votes, keeping the best MAX_VERIFY groups in @top, best first. */
  for (guint i = 0; i <= votes->len; i++)
    {
      guint v = i < votes->len ? g_array_index (votes, guint, i) : 0;

      if (i < votes->len && current.votes > 0 && v - current.lo <= k)
        {
          current.hi = v;
          current.votes++;
          continue;
        }
      if (current.votes > 0 &&
          (n_top < MAX_VERIFY || cluster_before (&current, &top[n_top - 1], q->expected)))
        {
          guint at = n_top < MAX_VERIFY ? n_top++ : n_top - 1;

          while (at > 0 && cluster_before (&current, &top[at - 1], q->expected))
            {
              top[at] = top[at - 1];
              at--;
            }
          top[at] = current;
        }
      current.lo = current.hi = v;
      current.votes = 1;
    }
  g_array_set_size (clusters, 0);
  g_array_append_vals (clusters, top, n_top);
}

static gboolean
locate_approximate (DossierAnchorer *self,
                    const Query     *q,
                    guint           *start,
                    guint           *end)
{
  guint m = q->fquote_len;
  guint k = m * MAX_ERROR_PERCENT / 100;
  guint cells = 0;
  guint *column;
  g_autofree gunichar *reversed = NULL;
  gboolean found = FALSE;
  double best_score = 0;

  if (m < MIN_APPROX_QUOTE || m > MAX_APPROX_QUOTE || m - k > self->flen)
    return FALSE;

  collect_clusters (self, q, k);
  g_array_set_size (self->columns, m + 1);
  column = &g_array_index (self->columns, guint, 0);
  reversed = g_new (gunichar, m);
  for (guint i = 0; i < m; i++)
    reversed[i] = q->fquote[m - 1 - i];

  for (guint c = 0; c < self->clusters->len; c++)
    {
      const Cluster *cluster = &g_array_index (self->clusters, Cluster, c);
      const Cluster *first = &g_array_index (self->clusters, Cluster, 0);
      /* A vote can be off by the k edits before its piece, and a match of at most k edits is
       * at most m + k long: the window holds every such alignment near the votes. */
      guint lo = cluster->lo > k ? cluster->lo - k : 0;
      guint hi = MIN (self->flen, cluster->hi + m + 2 * k);
      guint d, fs, fe, s, e, prefix, suffix;
      double score;

      /* A region with a quarter of the votes of the best is not worth the cells (the two
       * passes of align_in_window() take at most twice the window times the quote). */
      if (lo >= hi || cluster->votes * 4 < first->votes ||
          (c > 0 && cells + 2 * (hi - lo) * m > VERIFY_BUDGET))
        continue;
      cells += 2 * (hi - lo) * m;

      if (!align_in_window (self, q, reversed, k, lo, hi, column, &fs, &fe, &d))
        continue;
      s = self->fold_to_text[fs];
      e = self->fold_to_text[fe - 1] + 1;
      if (!adjust_span (self, q, &s, &e))
        continue;

      fs = folded_index (self, s);
      fe = folded_index (self, e - 1) + 1;
      prefix = prefix_agreement (self, q, fs);
      suffix = suffix_agreement (self, q, fe);
      if (!enough_evidence (q, m - d, prefix + suffix))
        continue;

      score = quote_score (d, m) +
              context_score (prefix, q->fprefix_len, s == 0, PREFIX_WEIGHT) +
              context_score (suffix, q->fsuffix_len, e == self->len, SUFFIX_WEIGHT) -
              DISTANCE_WEIGHT * distance (s, q->old_start) / MAX (self->len, 1);
      if (!found || score > best_score)
        {
          found = TRUE;
          best_score = score;
          *start = s;
          *end = e;
        }
    }
  return found;
}

DossierAnchorMatch
dossier_anchorer_locate (DossierAnchorer       *self,
                         const DossierSelector *selector,
                         guint                 *start,
                         guint                 *end)
{
  DossierAnchorMatch match = DOSSIER_ANCHOR_ORPHAN;
  Query q;
  guint s = 0, e = 0;

  g_return_val_if_fail (self != NULL, DOSSIER_ANCHOR_ORPHAN);
  g_return_val_if_fail (selector != NULL, DOSSIER_ANCHOR_ORPHAN);
  g_return_val_if_fail (start != NULL && end != NULL, DOSSIER_ANCHOR_ORPHAN);

  if (query_init (&q, self, selector))
    {
      if (locate_position (self, &q, selector))
        {
          match = DOSSIER_ANCHOR_POSITION;
          s = selector->start;
          e = selector->end;
        }
      else if (locate_quote (self, &q, &s))
        {
          match = DOSSIER_ANCHOR_QUOTE;
          e = s + q.quote_len;
        }
      else if (locate_approximate (self, &q, &s, &e))
        {
          match = DOSSIER_ANCHOR_APPROXIMATE;
        }
    }
  query_clear (&q);

  if (match != DOSSIER_ANCHOR_ORPHAN)
    {
      *start = s;
      *end = e;
    }
  return match;
}
