/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-aho-corasick"

#include <string.h>

#include "dossier-aho-corasick.h"

/*
 * The automaton runs over byte classes rather than bytes, so that its table stays small:
 * ASCII letters (case folded), one for the digits, one for the UTF-8 lead bytes that occur in
 * a pattern, a "separator" class and one for the other bytes.  Rows are then 30 entries wide
 * and the rows text keeps reading fit the cache better; what the merged classes let through
 * (a "G8" for a "G7", an "ł" for an "é") is weeded out like the rest, below.  The separator class holds ASCII punctuation and space, every
 * UTF-8 continuation byte, and the lead bytes 0xC2 and 0xE2 (U+0080 to U+00BF and U+2000 to
 * U+2FFF: no-break space, guillemets, curly quotes, dashes and other punctuation).
 *
 * Each pattern is compiled as separator + pattern + separator, and the text is read as if a
 * separator stood before and after it, so a pattern can only match where a word starts and
 * ends: the word "Iranian" never reaches the end of "Iran".  Continuation bytes count as
 * separators, so the automaton also stops after a non-ASCII letter ("ÄIran"); such candidates,
 * and any whose bytes differ from the pattern's where the classes merged them (a hyphen for a
 * space), are weeded out by checking the candidate itself, which happens rarely enough not to
 * matter for speed.
 *
 * The table is a complete DFA (failure transitions resolved at build time): the scan does
 * one lookup per byte, and its speed is the latency of that lookup, one after the other.
 * So entries hold the target row's offset itself, nothing to multiply or mask: rows are
 * laid out two entries wider than the classes, and a state that ends at least one pattern
 * has its row start one entry further, at an odd offset.  The low bit of an entry is then
 * the output flag, read beside the chain of lookups rather than in it.
 */

#define CLASS_SEPARATOR 0
#define CLASS_OTHER 1
#define CLASS_FIRST_ALNUM 2                      /* a-z: 2..27 */
#define CLASS_DIGIT (CLASS_FIRST_ALNUM + 26)     /* 0-9 */
#define CLASS_LEAD (CLASS_DIGIT + 1)             /* the lead bytes the patterns hold */
#define N_CLASSES (CLASS_LEAD + 1)

typedef struct {
  guint offset;   /* into patterns->data */
  guint length;
  guint id;
  int   next;     /* next output of the same state, or -1 */
} Pattern;

struct _DossierAhoCorasick
{
  GByteArray *bytes;        /* pattern bytes, back to back */
  GArray     *patterns;     /* Pattern */
  guint8      classes[256];
  guint       n_classes;
  guint       width;        /* row width: n_classes rounded up to an even number */
  guint       stride;       /* width + 2: see the layout above */
  guint32    *delta;        /* n_states * stride entries: target row offsets */
  int        *outputs;      /* per state: first Pattern ending there, or -1 */
  guint32    *dict_link;    /* per state: next state on the failure chain with outputs, or 0 */
  guint       n_states;
  gboolean    compiled;
};

DossierAhoCorasick *
dossier_aho_corasick_new (void)
{
  DossierAhoCorasick *ac = g_new0 (DossierAhoCorasick, 1);

  ac->bytes = g_byte_array_new ();
  ac->patterns = g_array_new (FALSE, FALSE, sizeof (Pattern));
  return ac;
}

void
dossier_aho_corasick_free (DossierAhoCorasick *ac)
{
  if (ac == NULL)
    return;
  g_byte_array_unref (ac->bytes);
  g_array_unref (ac->patterns);
  g_free (ac->delta);
  g_free (ac->outputs);
  g_free (ac->dict_link);
  g_free (ac);
}

static inline gboolean
is_ascii_alnum (guint8 b)
{
  return g_ascii_isalnum (b);
}

void
dossier_aho_corasick_add (DossierAhoCorasick *ac,
                          const char         *pattern,
                          gsize               length,
                          guint               pattern_id)
{
  Pattern p;

  g_return_if_fail (ac != NULL);
  g_return_if_fail (!ac->compiled);
  g_return_if_fail (pattern != NULL && length > 0 && length < G_MAXUINT / 2);

  p.offset = ac->bytes->len;
  p.length = (guint) length;
  p.id = pattern_id;
  p.next = -1;
  g_byte_array_append (ac->bytes, (const guint8 *) pattern, (guint) length);
  g_array_append_val (ac->patterns, p);
}

static void
assign_classes (DossierAhoCorasick *ac)
{
  for (guint b = 0; b < 256; b++)
    {
      if (b >= 'a' && b <= 'z')
        ac->classes[b] = (guint8) (CLASS_FIRST_ALNUM + (b - 'a'));
      else if (b >= 'A' && b <= 'Z')
        ac->classes[b] = (guint8) (CLASS_FIRST_ALNUM + (b - 'A'));
      else if (b >= '0' && b <= '9')
        ac->classes[b] = CLASS_DIGIT;
      else if (b < 0xC0 || b == 0xC2 || b == 0xE2)
        ac->classes[b] = CLASS_SEPARATOR;
      else
        ac->classes[b] = CLASS_OTHER;
    }
  for (guint i = 0; i < ac->bytes->len; i++)
    {
      guint8 b = ac->bytes->data[i];

      if (ac->classes[b] == CLASS_OTHER)
        ac->classes[b] = CLASS_LEAD;
    }
  ac->n_classes = N_CLASSES;
  ac->width = (N_CLASSES + 1) & ~1u;
}

/* Trie node count is at most the pattern bytes plus two separators each, plus the root. */
static void
build_trie (DossierAhoCorasick *ac,
            guint32           **trie_out,
            guint              *n_states_out)
{
  gsize max_states = (gsize) ac->bytes->len + 2 * (gsize) ac->patterns->len + 1;
  guint32 *trie = g_new0 (guint32, max_states * ac->width);
  guint n_states = 1;

  ac->outputs = g_new (int, max_states);
  for (gsize i = 0; i < max_states; i++)
    ac->outputs[i] = -1;

  for (guint i = 0; i < ac->patterns->len; i++)
    {
      Pattern *p = &g_array_index (ac->patterns, Pattern, i);
      const guint8 *bytes = ac->bytes->data + p->offset;
      guint32 state = 0;

      for (guint j = 0; j < p->length + 2; j++)
        {
          guint c = (j == 0 || j == p->length + 1) ? CLASS_SEPARATOR : ac->classes[bytes[j - 1]];
          guint32 *slot = &trie[(gsize) state * ac->width + c];

          if (*slot == 0)
            *slot = n_states++;
          state = *slot;
        }
      p->next = ac->outputs[state];
      ac->outputs[state] = (int) i;
    }

  /* Shared prefixes leave the end of the table unused. */
  *trie_out = g_renew (guint32, trie, (gsize) n_states * ac->width);
  *n_states_out = n_states;
}

/* Numbers the states in breadth-first order (@order: every state but the root, in that
 * order).  Text keeps the automaton near the root, so the rows it reads most end up side
 * by side in a few kilobytes at the start of the table, where the cache keeps them. */
static void
renumber_breadth_first (DossierAhoCorasick *ac,
                        guint32           **trie,
                        guint               n_states,
                        const guint32      *order)
{
  g_autofree guint32 *new_id = g_new (guint32, n_states);
  guint32 *old = *trie;
  guint32 *table = g_new (guint32, (gsize) n_states * ac->width);
  int *outputs = g_new (int, n_states);
  guint32 *dict_link = g_new0 (guint32, n_states);

  new_id[0] = 0;
  for (guint k = 0; k + 1 < n_states; k++)
    new_id[order[k]] = k + 1;
  for (guint state = 0; state < n_states; state++)
    {
      guint32 id = new_id[state];

      for (guint c = 0; c < ac->width; c++)
        table[(gsize) id * ac->width + c] = new_id[old[(gsize) state * ac->width + c]];
      outputs[id] = ac->outputs[state];
      dict_link[id] = new_id[ac->dict_link[state]];
    }
  g_free (old);
  g_free (ac->outputs);
  g_free (ac->dict_link);
  *trie = table;
  ac->outputs = outputs;
  ac->dict_link = dict_link;
}

/* Where the row of @state starts in the final table (compile() sets ac->stride first). */
static guint32
row_offset (const DossierAhoCorasick *ac,
            guint32                   state)
{
  gboolean has_output = ac->outputs[state] >= 0 || ac->dict_link[state] != 0;

  return state * ac->stride + (has_output ? 1u : 0u);
}

void
dossier_aho_corasick_compile (DossierAhoCorasick *ac)
{
  g_autofree guint32 *fail = NULL;
  g_autofree guint32 *queue = NULL;
  guint32 *trie;
  guint n_states;
  guint head = 0;
  guint tail = 0;

  g_return_if_fail (ac != NULL);
  g_return_if_fail (!ac->compiled);

  assign_classes (ac);
  build_trie (ac, &trie, &n_states);
  fail = g_new0 (guint32, n_states);
  queue = g_new (guint32, n_states);
  ac->dict_link = g_new0 (guint32, n_states);

  /* Breadth first: a state's failure target is shallower, so it is complete by then.  A
   * child's slot is non-zero (the root is no one's child); a missing transition becomes the
   * failure target's transition, which makes the table a complete DFA. */
  for (guint c = 0; c < ac->n_classes; c++)
    {
      guint32 child = trie[c];

      if (child != 0)
        {
          fail[child] = 0;
          queue[tail++] = child;
        }
    }
  while (head < tail)
    {
      guint32 state = queue[head++];
      guint32 *row = &trie[(gsize) state * ac->width];
      const guint32 *fail_row = &trie[(gsize) fail[state] * ac->width];

      ac->dict_link[state] = ac->outputs[fail[state]] >= 0 ? fail[state]
                                                           : ac->dict_link[fail[state]];
      for (guint c = 0; c < ac->n_classes; c++)
        {
          if (row[c] != 0)
            {
              fail[row[c]] = fail_row[c];
              queue[tail++] = row[c];
            }
          else
            row[c] = fail_row[c];
        }
    }

  renumber_breadth_first (ac, &trie, n_states, queue);

  /* Row offsets, odd for states with output, so that the scan neither multiplies nor looks
   * aside. */
  ac->stride = ac->width + 2;
  g_assert ((guint64) n_states * ac->stride < G_MAXUINT32);
  ac->delta = g_new0 (guint32, (gsize) n_states * ac->stride);
  for (guint state = 0; state < n_states; state++)
    for (guint c = 0; c < ac->width; c++)
      ac->delta[row_offset (ac, state) + c] = row_offset (ac, trie[(gsize) state * ac->width + c]);
  g_free (trie);
  ac->n_states = n_states;
  ac->compiled = TRUE;
  g_debug ("%u patterns, %u classes, %u states", ac->patterns->len, ac->n_classes, n_states);
}

guint
dossier_aho_corasick_get_n_states (const DossierAhoCorasick *ac)
{
  g_return_val_if_fail (ac != NULL, 0);

  return ac->n_states;
}

/* Letters, digits and combining marks (a mark continues the word of its base letter). */
static gboolean
is_word_unichar (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static inline guint8
fold_ascii (guint8 b)
{
  return b >= 'A' && b <= 'Z' ? (guint8) (b | 0x20) : b;
}

static gboolean
is_word_char_before (const char *text,
                     gsize       pos)
{
  const char *prev;

  if (pos == 0)
    return FALSE;
  if ((guint8) text[pos - 1] < 0x80)
    return is_ascii_alnum ((guint8) text[pos - 1]);
  prev = g_utf8_find_prev_char (text, text + pos);
  return prev != NULL && is_word_unichar (g_utf8_get_char (prev));
}

static gboolean
is_word_char_at (const char *text,
                 gsize       pos,
                 gsize       length)
{
  if (pos >= length)
    return FALSE;
  if ((guint8) text[pos] < 0x80)
    return is_ascii_alnum ((guint8) text[pos]);
  return is_word_unichar (g_utf8_get_char (text + pos));
}

static void
report (const DossierAhoCorasick *ac,
        guint32                   state,
        const char               *text,
        gsize                     end,
        gsize                     length,
        DossierAhoCorasickFunc    func,
        gpointer                  user_data)
{
  for (; state != 0; state = ac->dict_link[state])
    {
      for (int i = ac->outputs[state]; i >= 0;)
        {
          const Pattern *p = &g_array_index (ac->patterns, Pattern, i);
          const guint8 *pattern = ac->bytes->data + p->offset;
          gsize start = end - p->length;
          gboolean same = TRUE;

          for (guint j = 0; same && j < p->length; j++)
            same = fold_ascii (pattern[j]) == fold_ascii ((guint8) text[start + j]);
          if (same && !is_word_char_before (text, start) && !is_word_char_at (text, end, length))
            func (p->id, start, end, user_data);
          i = p->next;
        }
    }
}

void
dossier_aho_corasick_cursor_init (const DossierAhoCorasick *ac,
                                  DossierAhoCorasickCursor *cursor)
{
  g_return_if_fail (ac != NULL && ac->compiled);
  g_return_if_fail (cursor != NULL);

  cursor->delta = ac->delta;
  cursor->classes = ac->classes;
  /* The separator before the text. */
  cursor->entry = ac->delta[row_offset (ac, 0) + CLASS_SEPARATOR];
}

void
dossier_aho_corasick_cursor_report (const DossierAhoCorasick       *ac,
                                    const DossierAhoCorasickCursor *cursor,
                                    const char                     *text,
                                    gsize                           end,
                                    gsize                           length,
                                    DossierAhoCorasickFunc          func,
                                    gpointer                        user_data)
{
  report (ac, cursor->entry / ac->stride, text, end, length, func, user_data);
}

void
dossier_aho_corasick_cursor_finish (const DossierAhoCorasick *ac,
                                    DossierAhoCorasickCursor *cursor,
                                    const char               *text,
                                    gsize                     length,
                                    DossierAhoCorasickFunc    func,
                                    gpointer                  user_data)
{
  /* And the separator after it. */
  cursor->entry = cursor->delta[cursor->entry + CLASS_SEPARATOR];
  if (cursor->entry & 1u)
    report (ac, cursor->entry / ac->stride, text, length, length, func, user_data);
}

void
dossier_aho_corasick_scan (const DossierAhoCorasick *ac,
                           const char               *text,
                           gsize                     length,
                           DossierAhoCorasickFunc    func,
                           gpointer                  user_data)
{
  DossierAhoCorasickCursor cursor;

  g_return_if_fail (ac != NULL && ac->compiled);
  g_return_if_fail (text != NULL || length == 0);
  g_return_if_fail (func != NULL);

  dossier_aho_corasick_cursor_init (ac, &cursor);
  for (gsize i = 0; i < length; i++)
    if (G_UNLIKELY (dossier_aho_corasick_cursor_feed (&cursor, text[i])))
      dossier_aho_corasick_cursor_report (ac, &cursor, text, i, length, func, user_data);
  dossier_aho_corasick_cursor_finish (ac, &cursor, text, length, func, user_data);
}
