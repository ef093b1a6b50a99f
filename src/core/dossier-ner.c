/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-ner"

#include <string.h>

#include "dossier-error.h"
#include "dossier-gazetteer.h"
#include "dossier-ner-private.h"
#include "dossier-text-scan.h"

/*
 * The model file: a 48-byte little-endian header, then the payload, n_buckets × n_tags int16
 * weights (bucket-major).  The weights were quantized with one global scale; decoding takes
 * the best-scoring tag, which does not change with the scale, so it is kept for information.
 *
 *   0  magic "DOSSNER\0"        24  scale (float32)
 *   8  format version (1)      28  reserved (0)
 *  12  feature-set version     32  payload size (uint64)
 *  16  number of buckets       40  FNV-1a 32 of the payload
 *  20  number of tags          44  reserved (0)
 */

#define MODEL_MAGIC          "DOSSNER"
#define MODEL_FORMAT_VERSION 1
#define MODEL_HEADER_SIZE    48
#define MODEL_MIN_BUCKETS    (1u << 8)
#define MODEL_MAX_BUCKETS    (1u << 24)

struct _DossierNerModel {
  gatomicrefcount ref_count;
  guint32         n_buckets;
  guint32         mask;
  float           scale;
  gint16         *weights;   /* n_buckets rows of DOSSIER_NER_ROW */
};

/* Token flags. */
enum {
  FLAG_SENTENCE_START = 1 << 0,
  FLAG_ALL_CAPS       = 1 << 1,
  FLAG_TITLE          = 1 << 2,
  FLAG_HAS_DIGIT      = 1 << 3,
  FLAG_HAS_HYPHEN     = 1 << 4,
  FLAG_HAS_PERIOD     = 1 << 5,
  FLAG_CAPS_LINE      = 1 << 6,
  FLAG_ALPHA          = 1 << 7,
  FLAG_UPPER_INITIAL  = 1 << 8,
  FLAG_PUNCT          = 1 << 9,
};

/* Feature templates: each feature hashes its template number with its values, so that the
 * same word in two roles lands in different buckets. */
enum {
  F_BIAS = 1, F_WORD, F_LOWER, F_SHAPE, F_SHORT_SHAPE, F_PREFIX, F_SUFFIX = F_PREFIX + 4,
  F_FLAGS = F_SUFFIX + 4, F_LOWER_M2, F_LOWER_M1, F_LOWER_P1, F_LOWER_P2, F_SHAPE_M2,
  F_SHAPE_M1, F_SHAPE_P1, F_SHAPE_P2, F_BIGRAM_M1, F_BIGRAM_P1, F_SHAPE_BIGRAM_M1,
  F_SHAPE_BIGRAM_P1, F_CAPS_LINE_LOWER, F_CAPS_LINE_SHAPE_M1, F_WORD_M1_SHAPE,
  F_GAZ, F_GAZ_SHAPE, F_GAZ_M1, F_GAZ_P1,
  F_PREV, F_PREV2, F_PREV_LOWER, F_PREV_SHAPE, F_MEMORY, F_MEMORY_SHAPE, F_MEMORY_PREV,
};

/* What the gazetteers (src/core/dossier-gazetteer.h) say about a lowercased word. */
enum {
  GAZ_COUNTRY       = 1 << 0,
  GAZ_CITY          = 1 << 1,
  GAZ_REGION        = 1 << 2,
  GAZ_ORGANIZATION  = 1 << 3,
  GAZ_DEMONYM       = 1 << 4,
  GAZ_GIVEN_NAME    = 1 << 5,
  GAZ_TITLE         = 1 << 6,
  GAZ_IN_MULTI_WORD = 1 << 7,   /* a word of a longer name ("United", "Nations") */
};

static guint32 fnv1a (const char *data,
                      gsize       len);

static gpointer
build_gazetteer_words (gpointer data)
{
  const DossierGazetteer *gazetteer = dossier_gazetteer_get_default ();
  GHashTable *words = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key;

  if (gazetteer == NULL)
    return words;

  for (guint i = 0; i < gazetteer->patterns->len; i++)
    {
      const DossierGazetteerPattern *pattern =
        &g_array_index (gazetteer->patterns, DossierGazetteerPattern, i);
      const DossierGazetteerEntry *entry = g_ptr_array_index (gazetteer->entries, pattern->entry);
      g_autofree char *lower = NULL;
      g_auto(GStrv) parts = NULL;
      guint bits = 0;

      /* An outlet name that is also an ordinary word ("Dawn", "Stuff", "The Age") is an
       * outlet only next to a news cue: the tagger must not read the word as a name. */
      if (pattern->flags & DOSSIER_GAZETTEER_FLAG_NEEDS_CUE)
        continue;
      lower = g_utf8_strdown (pattern->text, -1);
      parts = g_strsplit (lower, " ", -1);
      switch (entry->klass)
        {
        case DOSSIER_GAZETTEER_COUNTRY:
          bits = pattern->form == DOSSIER_GAZETTEER_FORM_DEMONYM ? GAZ_DEMONYM : GAZ_COUNTRY;
          break;
        case DOSSIER_GAZETTEER_CITY:
          bits = GAZ_CITY;
          break;
        case DOSSIER_GAZETTEER_REGION:
          bits = GAZ_REGION;
          break;
        case DOSSIER_GAZETTEER_ORGANIZATION:
        case DOSSIER_GAZETTEER_OUTLET:
          bits = GAZ_ORGANIZATION;
          break;
        case DOSSIER_GAZETTEER_TITLE:
          bits = GAZ_TITLE;
          break;
        default:
          break;
        }
      if (g_strv_length (parts) > 1)
        bits = GAZ_IN_MULTI_WORD | (bits & GAZ_TITLE);
      for (guint k = 0; parts[k] != NULL; k++)
        {
          gpointer h = GUINT_TO_POINTER (fnv1a (parts[k], strlen (parts[k])));

          g_hash_table_insert (words, h, GUINT_TO_POINTER (GPOINTER_TO_UINT (
                                 g_hash_table_lookup (words, h)) | bits));
        }
    }
  g_hash_table_iter_init (&iter, gazetteer->given_names);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *lower = g_utf8_strdown (key, -1);
      gpointer h = GUINT_TO_POINTER (fnv1a (lower, strlen (lower)));

      g_hash_table_insert (words, h, GUINT_TO_POINTER (GPOINTER_TO_UINT (
                             g_hash_table_lookup (words, h)) | GAZ_GIVEN_NAME));
    }
  return words;
}

static inline guint32
mix32 (guint32 h)
{
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

/* The same map as a flat open-addressing table, read for every word near a scored one:
 * slots of hash and bits, at most half full, probed linearly.  A hash of 0 marks an empty
 * slot, so the word whose hash is 0 is kept aside. */
typedef struct {
  guint32  mask;
  guint32 *keys;
  guint16 *bits;
  guint16  zero_bits;
} WordTable;

static gpointer
build_word_table (gpointer data)
{
  g_autoptr(GHashTable) words = build_gazetteer_words (NULL);
  WordTable *table = g_new0 (WordTable, 1);
  guint size = 64;
  GHashTableIter iter;
  gpointer key, value;

  while (size < 2 * g_hash_table_size (words))
    size *= 2;
  table->mask = size - 1;
  table->keys = g_new0 (guint32, size);
  table->bits = g_new0 (guint16, size);
  g_hash_table_iter_init (&iter, words);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint32 h = GPOINTER_TO_UINT (key);
      guint32 slot = mix32 (h) & table->mask;

      if (h == 0)
        {
          table->zero_bits = (guint16) GPOINTER_TO_UINT (value);
          continue;
        }
      while (table->keys[slot] != 0)
        slot = (slot + 1) & table->mask;
      table->keys[slot] = h;
      table->bits[slot] = (guint16) GPOINTER_TO_UINT (value);
    }
  return table;
}

/* Lowercase word hash → GAZ_ bits; built once, read-only afterwards. */
static guint
gazetteer_bits (guint32 lower)
{
  static GOnce once = G_ONCE_INIT;
  const WordTable *table = g_once (&once, build_word_table, NULL);
  guint32 slot = mix32 (lower) & table->mask;

  if (lower == 0)
    return table->zero_bits;
  while (table->keys[slot] != 0)
    {
      if (table->keys[slot] == lower)
        return table->bits[slot];
      slot = (slot + 1) & table->mask;
    }
  return 0;
}

static inline guint32
feature1 (guint32 template,
          guint32 a)
{
  return mix32 (a * 0x9e3779b1u + template * 0x7feb352du + 0x165667b1u);
}

static inline guint32
feature2 (guint32 template,
          guint32 a,
          guint32 b)
{
  return mix32 (feature1 (template, a) ^ (b * 0x27d4eb2fu + 0x61c88647u));
}

#define FNV_BASIS 2166136261u
/* The longest shape hashed, in characters. */
#define SHAPE_MAX 64

static inline guint32
fnv1a_step (guint32 h,
            guchar  byte)
{
  return (h ^ byte) * 16777619u;
}

static guint32
fnv1a (const char *data,
       gsize       len)
{
  guint32 h = FNV_BASIS;

  for (gsize i = 0; i < len; i++)
    h = fnv1a_step (h, (guchar) data[i]);
  return h;
}

static guint32
fnv1a_bytes (const guint8 *data,
             gsize         len)
{
  return fnv1a ((const char *) data, len);
}

/* Token level */

/* The code point at *@p, and *@p moved past it; a byte that does not begin valid UTF-8 is
 * taken as the code point of its value. */
static inline gunichar
next_char (const char **p,
           const char  *end)
{
  gunichar c = (guchar) **p;

  /* Most words are ASCII: no decoding for those bytes. */
  if (c < 0x80)
    {
      (*p)++;
      return c;
    }
  c = g_utf8_get_char_validated (*p, end - *p);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      c = (guchar) **p;
      (*p)++;
    }
  else
    *p = g_utf8_next_char (*p);
  return c;
}

#define CLASS_MARK (-1)

/* The class of a character in a word's shape: 'X' a capital, 'x' another letter, 'd' a
 * digit, ASCII punctuation as itself, '?' anything else, CLASS_MARK a combining mark (which
 * the shape leaves out). */
static inline int
char_class (gunichar c)
{
  /* Range tests, small letters first: they are most of the text, and each test is one
   * comparison (an unsigned difference) where g_ascii_islower() reads a table. */
  if (c < 0x80)
    {
      if (c - 'a' < 26)
        return 'x';
      if (c - 'A' < 26)
        return 'X';
      if (c - '0' < 10)
        return 'd';
      return (int) c;
    }
  if (dossier_unichar_is_capital (c))
    return 'X';
  if (g_unichar_isalpha (c))
    return 'x';
  if (g_unichar_isdigit (c))
    return 'd';
  if (g_unichar_ismark (c))
    return CLASS_MARK;
  return '?';
}

/* The flags of a word that decide whether it is scored and whether its line is a headline
 * (FLAG_SENTENCE_START, FLAG_ALL_CAPS, FLAG_HAS_DIGIT, FLAG_ALPHA, FLAG_UPPER_INITIAL), the
 * same as dossier_ner_token_info() gives, without the rest of its work. */
static guint16
token_scan_flags (const char *word,
                  gsize       len,
                  gboolean    sentence_start)
{
  const char *end = word + len;
  guint n_upper = 0, n_lower = 0, n_chars = 0;
  gunichar first = 0;
  guint16 flags = sentence_start ? FLAG_SENTENCE_START : 0;

  for (const char *p = word; p < end; )
    {
      gunichar c = next_char (&p, end);
      int class = char_class (c);

      if (n_chars == 0)
        first = c;
      n_chars++;
      if (class == 'X')
        n_upper++;
      else if (class == 'x')
        n_lower++;
      else if (class == 'd')
        flags |= FLAG_HAS_DIGIT;
    }
  if (n_upper + n_lower > 0)
    flags |= FLAG_ALPHA;
  if (n_upper > 0 && n_lower == 0 && n_upper >= 2)
    flags |= FLAG_ALL_CAPS;
  if (dossier_unichar_is_capital (first))
    flags |= FLAG_UPPER_INITIAL;
  return flags;
}

/* The lowercase form of a word: in @buf when it is ASCII and fits, else newly allocated in
 * *@heap. */
static const char *
lowercase (const char  *word,
           gsize        len,
           char        *buf,
           gsize        buf_size,
           char       **heap,
           gsize       *lower_len)
{
  gboolean ascii = TRUE;

  for (gsize i = 0; i < len; i++)
    if ((guchar) word[i] >= 0x80)
      ascii = FALSE;
  if (ascii && len < buf_size)
    {
      for (gsize i = 0; i < len; i++)
        buf[i] = dossier_ascii_lower (word[i]);
      *lower_len = len;
      return buf;
    }
  *heap = g_utf8_strdown (word, (gssize) len);
  *lower_len = strlen (*heap);
  return *heap;
}

/* What a word's neighbours' features read of it: its lowercase form, gazetteer classes,
 * shapes and flags.  The rest of its info is left at zero. */
static void
token_info_base (const char          *word,
                 gsize                len,
                 gboolean             sentence_start,
                 DossierNerTokenInfo *info)
{
  guint32 lower_hash = FNV_BASIS, shape_hash = FNV_BASIS, short_hash = FNV_BASIS;
  gsize shape_len = 0, short_len = 0;
  guint n_upper = 0, n_lower = 0, n_chars = 0, run = 0;
  gunichar first = 0;
  int last_class = 0;
  gboolean ascii = TRUE;
  const char *end = word + len;

  memset (info, 0, sizeof *info);

  /* One pass: the hash of the lowercase form, and the shape, which maps letters to X and x
   * and digits to d; its long form caps runs at four, the short one at one, so "McDonald"
   * is Xx and XxXxxxx.  The hashes are those of fnv1a() over the same bytes.  The lowercase
   * hash is right only for ASCII words: it is taken regardless, and thrown away below for
   * the others, which GLib lowers (a test per character cheaper than a pass ahead). */
  for (const char *p = word; p < end; )
    {
      gunichar c = next_char (&p, end);
      int class = char_class (c);

      ascii &= c < 0x80;
      lower_hash = fnv1a_step (lower_hash, (guchar) dossier_ascii_lower ((char) c));
      if (n_chars == 0)
        first = c;
      n_chars++;
      if (class == CLASS_MARK)
        continue;
      if (class == 'X')
        n_upper++;
      else if (class == 'x')
        n_lower++;

      if (class == 'd')
        info->flags |= FLAG_HAS_DIGIT;
      else if (class == '-')
        info->flags |= FLAG_HAS_HYPHEN;
      else if (class == '.')
        info->flags |= FLAG_HAS_PERIOD;

      run = class == last_class ? run + 1 : 1;
      if (run <= 4 && shape_len < SHAPE_MAX)
        {
          shape_hash = fnv1a_step (shape_hash, (guchar) class);
          shape_len++;
        }
      if (run == 1 && short_len < SHAPE_MAX)
        {
          short_hash = fnv1a_step (short_hash, (guchar) class);
          short_len++;
        }
      last_class = class;
    }
  if (!ascii)
    {
      g_autofree char *lower = g_utf8_strdown (word, (gssize) len);

      lower_hash = fnv1a (lower, strlen (lower));
    }
  info->lower = lower_hash;
  info->gazetteer = (guint16) gazetteer_bits (info->lower);
  info->shape = shape_hash;
  info->short_shape = short_hash;

  if (n_upper + n_lower > 0)
    info->flags |= FLAG_ALPHA;
  else if (n_chars > 0 && !(info->flags & FLAG_HAS_DIGIT))
    info->flags |= FLAG_PUNCT;
  if (n_upper > 0 && n_lower == 0 && n_upper >= 2)
    info->flags |= FLAG_ALL_CAPS;
  if (dossier_unichar_is_capital (first))
    {
      info->flags |= FLAG_UPPER_INITIAL;
      if (n_lower > 0)
        info->flags |= FLAG_TITLE;
    }
  if (sentence_start)
    info->flags |= FLAG_SENTENCE_START;
}

/* The features of the word itself that its neighbours do not read: the word as written, the
 * prefixes and suffixes of its lowercase form, 1 to 4 characters. */
static void
token_info_affixes (const char          *word,
                    gsize                len,
                    DossierNerTokenInfo *info)
{
  char lower_buf[64];
  g_autofree char *lower_heap = NULL;
  gsize lower_len = 0;
  const char *lower = lowercase (word, len, lower_buf, sizeof lower_buf, &lower_heap,
                                 &lower_len);
  const char *lend = lower + lower_len;
  const char *p = lower;
  const char *q = lend;
  guint32 prefix_hash = FNV_BASIS;

  info->word = fnv1a (word, len);
  /* Characters are stepped over as g_utf8_find_next_char() and g_utf8_find_prev_char() do
   * (past or back to a byte that does not continue a sequence), without a call for each;
   * the prefix's hash grows by the bytes of each character instead of starting over. */
  for (guint k = 0; k < 4; k++)
    {
      if (p < lend)
        {
          const char *from = p;

          do
            p++;
          while (p < lend && ((guchar) *p & 0xc0) == 0x80);
          for (; from < p; from++)
            prefix_hash = fnv1a_step (prefix_hash, (guchar) *from);
        }
      info->prefix[k] = prefix_hash;
      if (q > lower)
        do
          q--;
        while (q > lower && ((guchar) *q & 0xc0) == 0x80);
      info->suffix[k] = fnv1a (q, lend - q);
    }
}

void
dossier_ner_token_info (const char          *word,
                        gsize                len,
                        gboolean             sentence_start,
                        DossierNerTokenInfo *info)
{
  token_info_base (word, len, sentence_start, info);
  token_info_affixes (word, len, info);
}

void
dossier_ner_mark_caps_lines (DossierNerTokenInfo *info,
                             guint                n)
{
  guint start = 0;

  while (start < n)
    {
      guint end = start + 1;
      guint n_alpha = 0, n_caps = 0;

      while (end < n && !(info[end].flags & FLAG_SENTENCE_START))
        end++;
      for (guint i = start; i < end; i++)
        if (info[i].flags & FLAG_ALPHA)
          {
            n_alpha++;
            if (info[i].flags & FLAG_ALL_CAPS)
              n_caps++;
          }
      /* A line with most of its words in capitals is a headline or a label: there capitals
       * say nothing about names. */
      if (n_alpha >= 2 && n_caps * 4 >= n_alpha * 3)
        for (guint i = start; i < end; i++)
          info[i].flags |= FLAG_CAPS_LINE;
      start = end;
    }
}

/* The sentence of token i reaches as far as the neighbour at offset d. */
static inline const DossierNerTokenInfo *
neighbour (const DossierNerTokenInfo *info,
           guint                      n,
           guint                      i,
           int                        d)
{
  if (d < 0)
    {
      for (int k = 0; k > d; k--)
        {
          if (info[i + k].flags & FLAG_SENTENCE_START)
            return NULL;
        }
      return &info[i + d];
    }
  for (int k = 1; k <= d; k++)
    {
      if (i + k >= n || (info[i + k].flags & FLAG_SENTENCE_START))
        return NULL;
    }
  return &info[i + d];
}

#define BOUNDARY 0x5bd1e995u

guint
dossier_ner_static_features (const DossierNerTokenInfo *info,
                             guint                      n,
                             guint                      i,
                             guint32                    mask,
                             guint32                   *out)
{
  const DossierNerTokenInfo *t = &info[i];
  const DossierNerTokenInfo *m2 = neighbour (info, n, i, -2);
  const DossierNerTokenInfo *m1 = neighbour (info, n, i, -1);
  const DossierNerTokenInfo *p1 = neighbour (info, n, i, 1);
  const DossierNerTokenInfo *p2 = neighbour (info, n, i, 2);
  guint32 lm2 = m2 ? m2->lower : BOUNDARY, lm1 = m1 ? m1->lower : BOUNDARY;
  guint32 lp1 = p1 ? p1->lower : BOUNDARY, lp2 = p2 ? p2->lower : BOUNDARY;
  guint32 sm2 = m2 ? m2->short_shape : BOUNDARY, sm1 = m1 ? m1->short_shape : BOUNDARY;
  guint32 sp1 = p1 ? p1->short_shape : BOUNDARY, sp2 = p2 ? p2->short_shape : BOUNDARY;
  gboolean caps_line = (t->flags & FLAG_CAPS_LINE) != 0;
  guint k = 0;

  out[k++] = feature1 (F_BIAS, 0);
  /* In a line of capitals the word as written and its shape carry no information; the
   * lowercase features do the work, and the caps-line flag lets the weights know. */
  if (!caps_line)
    {
      out[k++] = feature1 (F_WORD, t->word);
      out[k++] = feature1 (F_SHAPE, t->shape);
      out[k++] = feature1 (F_SHORT_SHAPE, t->short_shape);
      out[k++] = feature2 (F_SHAPE_BIGRAM_M1, sm1, t->short_shape);
      out[k++] = feature2 (F_SHAPE_BIGRAM_P1, t->short_shape, sp1);
      out[k++] = feature1 (F_SHAPE_M2, sm2);
      out[k++] = feature1 (F_SHAPE_M1, sm1);
      out[k++] = feature1 (F_SHAPE_P1, sp1);
      out[k++] = feature1 (F_SHAPE_P2, sp2);
      out[k++] = feature2 (F_WORD_M1_SHAPE, lm1, t->short_shape);
    }
  else
    {
      out[k++] = feature1 (F_CAPS_LINE_LOWER, t->lower);
      out[k++] = feature1 (F_CAPS_LINE_SHAPE_M1, 0);
    }
  out[k++] = feature1 (F_LOWER, t->lower);
  for (guint j = 0; j < 4; j++)
    {
      out[k++] = feature1 (F_PREFIX + j, t->prefix[j]);
      out[k++] = feature1 (F_SUFFIX + j, t->suffix[j]);
    }
  out[k++] = feature1 (F_FLAGS, t->flags & ~(caps_line ? (FLAG_ALL_CAPS | FLAG_TITLE |
                                                          FLAG_UPPER_INITIAL) : 0));
  out[k++] = feature1 (F_LOWER_M2, lm2);
  out[k++] = feature1 (F_LOWER_M1, lm1);
  out[k++] = feature1 (F_LOWER_P1, lp1);
  out[k++] = feature1 (F_LOWER_P2, lp2);
  out[k++] = feature2 (F_BIGRAM_M1, lm1, t->lower);
  out[k++] = feature2 (F_BIGRAM_P1, t->lower, lp1);
  if (t->gazetteer != 0)
    {
      out[k++] = feature1 (F_GAZ, t->gazetteer);
      out[k++] = feature2 (F_GAZ_SHAPE, t->gazetteer, caps_line ? 0 : t->short_shape);
    }
  if (m1 != NULL && m1->gazetteer != 0)
    out[k++] = feature1 (F_GAZ_M1, m1->gazetteer);
  if (p1 != NULL && p1->gazetteer != 0)
    out[k++] = feature1 (F_GAZ_P1, p1->gazetteer);

  for (guint j = 0; j < k; j++)
    out[j] &= mask;
  g_assert (k <= DOSSIER_NER_MAX_FEATURES);
  return k;
}

guint
dossier_ner_dynamic_features (const DossierNerTokenInfo *info,
                              guint                      i,
                              guint                      prev,
                              guint                      prev2,
                              guint                      memory,
                              guint32                    mask,
                              guint32                   *out)
{
  const DossierNerTokenInfo *t = &info[i];
  guint k = 0;

  out[k++] = feature1 (F_PREV, prev) & mask;
  out[k++] = feature2 (F_PREV2, prev2, prev) & mask;
  out[k++] = feature2 (F_PREV_LOWER, prev, t->lower) & mask;
  out[k++] = feature2 (F_PREV_SHAPE, prev, t->short_shape) & mask;
  if (memory != 0)
    {
      out[k++] = feature1 (F_MEMORY, memory) & mask;
      out[k++] = feature2 (F_MEMORY_SHAPE, memory, t->short_shape) & mask;
      out[k++] = feature2 (F_MEMORY_PREV, memory, prev) & mask;
    }
  return k;
}

gboolean
dossier_ner_tag_allowed (guint    prev,
                         guint    tag,
                         gboolean last)
{
  gboolean inside = prev != DOSSIER_NER_TAG_O && DOSSIER_NER_TAG_PART (prev) <= 1;

  if (inside)
    {
      /* After B or I of a type comes I or L of the same type. */
      if (tag == DOSSIER_NER_TAG_O || DOSSIER_NER_TAG_TYPE (tag) != DOSSIER_NER_TAG_TYPE (prev))
        return FALSE;
      if (last)
        return DOSSIER_NER_TAG_PART (tag) == 2;
      return DOSSIER_NER_TAG_PART (tag) == 1 || DOSSIER_NER_TAG_PART (tag) == 2;
    }
  if (tag == DOSSIER_NER_TAG_O)
    return TRUE;
  if (last)
    return DOSSIER_NER_TAG_PART (tag) == 3;
  return DOSSIER_NER_TAG_PART (tag) == 0 || DOSSIER_NER_TAG_PART (tag) == 3;
}

gboolean
dossier_ner_token_remembered (const DossierNerTokenInfo *info)
{
  return (info->flags & FLAG_UPPER_INITIAL) != 0;
}

/* The memory: an open-addressing table of lowercase hashes and values, at most half full,
 * probed linearly; the value 0 marks an empty slot (values are 1 to 4).  It is read for every
 * scored word, where a GHashTable's lookups and inserts through callbacks cost more than the
 * rest of the word's bookkeeping. */
typedef struct {
  guint32 lower;
  guint32 value;
} MemorySlot;

struct _DossierNerMemory {
  MemorySlot *slots;
  guint32     mask;
  guint       n_used;
};

#define MEMORY_MIN_SLOTS 256

DossierNerMemory *
dossier_ner_memory_new (void)
{
  DossierNerMemory *memory = g_new0 (DossierNerMemory, 1);

  memory->mask = MEMORY_MIN_SLOTS - 1;
  memory->slots = g_new0 (MemorySlot, MEMORY_MIN_SLOTS);
  return memory;
}

void
dossier_ner_memory_free (DossierNerMemory *memory)
{
  if (memory == NULL)
    return;
  g_free (memory->slots);
  g_free (memory);
}

/* Forgets every word, keeping the slots for the next document. */
static void
memory_clear (DossierNerMemory *memory)
{
  if (memory->n_used > 0)
    memset (memory->slots, 0, ((gsize) memory->mask + 1) * sizeof (MemorySlot));
  memory->n_used = 0;
}

/* The slot of @lower, or the empty one where it would go. */
static MemorySlot *
memory_slot (const DossierNerMemory *memory,
             guint32                 lower)
{
  guint32 i = mix32 (lower) & memory->mask;

  while (memory->slots[i].value != 0 && memory->slots[i].lower != lower)
    i = (i + 1) & memory->mask;
  return &memory->slots[i];
}

static void
memory_grow (DossierNerMemory *memory)
{
  g_autofree MemorySlot *old = memory->slots;
  gsize old_size = (gsize) memory->mask + 1;

  memory->slots = g_new0 (MemorySlot, 2 * old_size);
  memory->mask = (guint32) (2 * old_size - 1);
  for (gsize i = 0; i < old_size; i++)
    if (old[i].value != 0)
      *memory_slot (memory, old[i].lower) = old[i];
}

guint
dossier_ner_memory_lookup (DossierNerMemory *memory,
                           guint32           lower)
{
  return memory_slot (memory, lower)->value;
}

void
dossier_ner_memory_record (DossierNerMemory *memory,
                           guint32           lower,
                           guint             tag)
{
  guint value = tag == DOSSIER_NER_TAG_O ? 1 : 2 + DOSSIER_NER_TAG_TYPE (tag);
  MemorySlot *slot = memory_slot (memory, lower);

  /* Once a word was part of a name, a later O (a sentence-initial "Ford" read as a verb, say)
   * does not overwrite it. */
  if (value == 1 && slot->value > 1)
    return;
  if (slot->value == 0)
    {
      if (2 * (memory->n_used + 1) > memory->mask + 1)
        {
          memory_grow (memory);
          slot = memory_slot (memory, lower);
        }
      memory->n_used++;
    }
  slot->lower = lower;
  slot->value = value;
}

/* Lowercase words inside names: "Lula da Silva", "Ursula von der Leyen", "bin Salman". */
static gboolean
is_name_particle (guint32 lower)
{
  static const char *const particles[] = {
    "da", "de", "del", "della", "di", "do", "dos", "das", "du", "van", "von", "der", "den",
    "ter", "ten", "bin", "ibn", "bint", "al", "el", "la", "le", "y", "ben", "abu", "ould",
  };
  static guint32 hashes[G_N_ELEMENTS (particles)];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (particles); i++)
        hashes[i] = fnv1a (particles[i], strlen (particles[i]));
      g_once_init_leave (&initialized, 1);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (particles); i++)
    if (hashes[i] == lower)
      return TRUE;
  return FALSE;
}

/* Greedy decoding tends to close a long name early and open another right after it
 * ("Mohammad Javad" "Zarif", "Osama" "bin Laden", "Lula" da "Silva"): two names of one type
 * with nothing between them, or two persons with a particle between them, are one name in
 * running text.  (Not so a "@" and a handle, which the Broad Twitter Corpus marks as two:
 * only words are joined.) */
static void
join_split_names (const DossierNerTokenInfo *info,
                  guint                      n,
                  guint8                    *tags)
{
  for (guint i = 0; i + 1 < n; i++)
    {
      guint a = tags[i];
      guint gap = 0;
      guint b, type;

      if (a == DOSSIER_NER_TAG_O || DOSSIER_NER_TAG_PART (a) < 2 ||
          !(info[i].flags & FLAG_ALPHA))
        continue;
      type = DOSSIER_NER_TAG_TYPE (a);
      if (type == 0 && i + 2 < n && tags[i + 1] == DOSSIER_NER_TAG_O &&
          is_name_particle (info[i + 1].lower) && !(info[i + 1].flags & FLAG_UPPER_INITIAL))
        gap = 1;
      if (i + 1 + gap >= n)
        continue;
      b = tags[i + 1 + gap];
      if (b == DOSSIER_NER_TAG_O || DOSSIER_NER_TAG_TYPE (b) != type ||
          (DOSSIER_NER_TAG_PART (b) != 0 && DOSSIER_NER_TAG_PART (b) != 3) ||
          !(info[i + 1 + gap].flags & FLAG_ALPHA))
        continue;
      for (guint k = i + 1; k <= i + 1 + gap; k++)
        if (info[k].flags & FLAG_SENTENCE_START)
          goto next;
      tags[i] = (guint8) DOSSIER_NER_TAG (type, DOSSIER_NER_TAG_PART (a) == 2 ? 1 : 0);
      if (gap == 1)
        tags[i + 1] = (guint8) DOSSIER_NER_TAG (type, 1);
      tags[i + 1 + gap] = (guint8) DOSSIER_NER_TAG (type, DOSSIER_NER_TAG_PART (b) == 0 ? 1 : 2);
    next:
      ;
    }
}

/* @capitals_only: a name begins with a capital or a digit, as in edited text (news), so a
 * word without either, outside a name, is tagged O without being scored.  Most of a text's
 * words are such words: this is where running text is tagged several times faster.  Not for
 * social media, where names are often written in lower case. */
typedef void (*InfoFill) (DossierNerTokenInfo *info,
                          guint                i,
                          gboolean             whole,
                          gpointer             data);

/* @fill: when not NULL, the tokens carry only the flags of token_scan_flags() (and
 * FLAG_CAPS_LINE) until @fill gives token i what its neighbours read of it
 * (token_info_base()), or its whole info when @whole; it is called for the words scored
 * (whole) and their neighbours, two to each side, and returns at once when the token has
 * what is asked.  @memory starts empty. */
static void
tag_infos (const DossierNerModel *model,
           DossierNerTokenInfo   *info,
           guint                  n,
           gboolean               capitals_only,
           InfoFill               fill,
           gpointer               fill_data,
           DossierNerMemory      *memory,
           guint8                *tags)
{
  guint32 features[DOSSIER_NER_MAX_FEATURES + 16];
  guint prev = DOSSIER_NER_TAG_O, prev2 = DOSSIER_NER_TAG_O;

  for (guint i = 0; i < n; i++)
    {
      gint32 score[DOSSIER_NER_ROW] = { 0 };
      guint n_features;
      gboolean last;
      guint best = DOSSIER_NER_TAG_O;
      gint32 best_score = G_MININT32;

      if (info[i].flags & FLAG_SENTENCE_START)
        prev = prev2 = DOSSIER_NER_TAG_O;

      /* Inside a name, "bin", "of" and "de" are still scored. */
      if (capitals_only &&
          (prev == DOSSIER_NER_TAG_O || DOSSIER_NER_TAG_PART (prev) >= 2) &&
          !(info[i].flags & (FLAG_UPPER_INITIAL | FLAG_HAS_DIGIT)))
        {
          tags[i] = DOSSIER_NER_TAG_O;
          prev2 = prev;
          prev = DOSSIER_NER_TAG_O;
          continue;
        }

      /* Only now: most tokens are passed over above. */
      last = i + 1 >= n || (info[i + 1].flags & FLAG_SENTENCE_START);
      if (fill != NULL)
        for (guint j = i >= 2 ? i - 2 : 0; j <= i + 2 && j < n; j++)
          fill (info, j, j == i, fill_data);
      n_features = dossier_ner_static_features (info, n, i, model->mask, features);
      n_features += dossier_ner_dynamic_features (info, i, prev, prev2,
                                                  dossier_ner_memory_lookup (memory,
                                                                             info[i].lower),
                                                  model->mask, features + n_features);
      /* The rows are spread over the whole table: ask for all of them before adding. */
      for (guint f = 0; f < n_features; f++)
        __builtin_prefetch (model->weights + (gsize) features[f] * DOSSIER_NER_ROW);
      for (guint f = 0; f < n_features; f++)
        {
          const gint16 *row = model->weights + (gsize) features[f] * DOSSIER_NER_ROW;

          for (guint t = 0; t < DOSSIER_NER_ROW; t++)
            score[t] += row[t];
        }
      for (guint t = 0; t < DOSSIER_NER_N_TAGS; t++)
        if (score[t] > best_score && dossier_ner_tag_allowed (prev, t, last))
          {
            best = t;
            best_score = score[t];
          }
      tags[i] = (guint8) best;
      if (dossier_ner_token_remembered (&info[i]))
        dossier_ner_memory_record (memory, info[i].lower, best);
      prev2 = prev;
      prev = best;
    }

  join_split_names (info, n, tags);
}

void
dossier_ner_tag_tokens (const DossierNerModel *model,
                        const char *const     *words,
                        const gboolean        *sentence_start,
                        guint                  n,
                        guint8                *tags)
{
  g_autofree DossierNerTokenInfo *info = g_new (DossierNerTokenInfo, MAX (n, 1));
  g_autoptr(DossierNerMemory) memory = dossier_ner_memory_new ();

  g_return_if_fail (model != NULL);

  for (guint i = 0; i < n; i++)
    dossier_ner_token_info (words[i], strlen (words[i]), i == 0 || sentence_start[i], &info[i]);
  dossier_ner_mark_caps_lines (info, n);
  tag_infos (model, info, n, FALSE, NULL, NULL, memory, tags);
}

/* Tokenizer */

typedef struct {
  gsize   byte_start;
  gsize   byte_end;
  guint   start;       /* code points */
  guint   end;
  gboolean sentence_start;
  guint16 flags;       /* token_scan_flags() */
} Token;

/* What tagging a text works in, kept per thread from one text to the next: made afresh for
 * each text, the arrays of a long article (tens of thousands of tokens) were mapped, zeroed
 * and unmapped every time, and the tokens grown one append at a time. */
typedef struct {
  Token               *tokens;
  guint                n_tokens;
  guint                tokens_size;
  DossierNerTokenInfo *info;     /* these three: info_size entries */
  guint8              *tags;
  guint8              *ready;
  guint                info_size;
  DossierNerMemory    *memory;
} TagScratch;

/* Above this, a thread's buffers go back to the allocator rather than wait for the next text. */
#define SCRATCH_KEEP_BYTES (1 << 20)

static void
tag_scratch_free (gpointer data)
{
  TagScratch *scratch = data;

  if (scratch == NULL)
    return;
  g_free (scratch->tokens);
  g_free (scratch->info);
  g_free (scratch->tags);
  g_free (scratch->ready);
  dossier_ner_memory_free (scratch->memory);
  g_free (scratch);
}

static GPrivate tag_scratch_key = G_PRIVATE_INIT (tag_scratch_free);

static TagScratch *
tag_scratch_get (void)
{
  TagScratch *scratch = g_private_get (&tag_scratch_key);

  if (scratch == NULL)
    {
      scratch = g_new0 (TagScratch, 1);
      scratch->memory = dossier_ner_memory_new ();
      g_private_set (&tag_scratch_key, scratch);
    }
  scratch->n_tokens = 0;
  memory_clear (scratch->memory);
  return scratch;
}

/* Room for @n tokens' info, tags and readiness. */
static void
tag_scratch_reserve_info (TagScratch *scratch,
                          guint       n)
{
  if (n <= scratch->info_size)
    return;
  g_free (scratch->info);
  g_free (scratch->tags);
  g_free (scratch->ready);
  scratch->info = g_new (DossierNerTokenInfo, n);
  scratch->tags = g_new (guint8, n);
  scratch->ready = g_new (guint8, n);
  scratch->info_size = n;
}

static void
tag_scratch_release (TagScratch *scratch)
{
  if ((gsize) scratch->tokens_size * sizeof (Token) > SCRATCH_KEEP_BYTES ||
      (gsize) scratch->info_size * sizeof (DossierNerTokenInfo) > SCRATCH_KEEP_BYTES)
    g_private_replace (&tag_scratch_key, NULL);
}

static inline void
tag_scratch_add_token (TagScratch  *scratch,
                       const Token *token)
{
  if (G_UNLIKELY (scratch->n_tokens == scratch->tokens_size))
    {
      scratch->tokens_size = MAX (2 * scratch->tokens_size, 1024);
      scratch->tokens = g_renew (Token, scratch->tokens, scratch->tokens_size);
    }
  scratch->tokens[scratch->n_tokens++] = *token;
}

static inline gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

/* Words that keep their period: titles and company forms, which never end a sentence here. */
static gboolean
is_abbreviation (const char *word,
                 gsize       len)
{
  static const char *const abbreviations[] = {
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "Gen", "Sen",
    "Rep", "Gov", "Prof", "Lt", "Col", "Sgt", "Capt", "Mt", "Ft", "Rev", "Hon", "Maj", "Adm",
    "Cmdr", "Pres", "Gens", "Messrs", "vs", "Bros", "Cos", "Jan", "Feb", "Mar", "Apr", "Jun",
    "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Ave", "Blvd", "Rd", "Dept",
  };

  /* Asked at every period after a word: the first letter weeds out most of the list before
   * anything is measured.  @word holds no NUL, so strncmp() stops only at the end of the
   * abbreviation, which must then be @len long. */
  for (gsize i = 0; i < G_N_ELEMENTS (abbreviations); i++)
    if (abbreviations[i][0] == word[0] && strncmp (abbreviations[i], word, len) == 0 &&
        abbreviations[i][len] == '\0')
      return TRUE;
  return FALSE;
}

typedef struct {
  const char *text;
  const char *end;
  const char *p;
  guint       cp;     /* code points before p */
} Cursor;

static inline gunichar
cursor_peek (const Cursor *c,
             guint        *n_bytes)
{
  gunichar ch;

  if (c->p >= c->end)
    {
      *n_bytes = 0;
      return 0;
    }
  if ((guchar) *c->p < 0x80)
    {
      *n_bytes = 1;
      return (guchar) *c->p;
    }
  ch = g_utf8_get_char_validated (c->p, c->end - c->p);
  if (ch == (gunichar) -1 || ch == (gunichar) -2)
    {
      /* Not UTF-8 after all: one byte, one character, and a separator. */
      *n_bytes = 1;
      return 0xfffd;
    }
  *n_bytes = (guint) (g_utf8_next_char (c->p) - c->p);
  return ch;
}

static gunichar
peek_at (const char *p,
         const char *end)
{
  gunichar ch;

  if (p >= end)
    return 0;
  if ((guchar) *p < 0x80)
    return (guchar) *p;
  ch = g_utf8_get_char_validated (p, end - p);
  return ch == (gunichar) -1 || ch == (gunichar) -2 ? 0xfffd : ch;
}

static void
cursor_advance (Cursor *c,
                guint   n_bytes)
{
  c->p += n_bytes;
  c->cp++;
}

/* Cuts the text into the tokens of @scratch. */
static void
tokenize (const char *text,
          gsize       length,
          TagScratch *scratch)
{
  Cursor c = { text, text + length, text, 0 };
  gboolean sentence_start = TRUE;

  while (c.p < c.end)
    {
      guint nb;
      gunichar ch = cursor_peek (&c, &nb);
      gboolean word;
      Token tok;

      if (ch == '\n' || ch == '\r' || ch == 0x2029 || ch == 0x2028)
        {
          sentence_start = TRUE;
          cursor_advance (&c, nb);
          continue;
        }
      if (ch < 0x80 ? ch <= ' ' || ch == 0x7f
                    : g_unichar_isspace (ch) || ch == 0xfffd || g_unichar_iscntrl (ch))
        {
          cursor_advance (&c, nb);
          continue;
        }

      tok.byte_start = c.p - text;
      tok.start = c.cp;
      tok.sentence_start = sentence_start;
      sentence_start = FALSE;

      word = is_word_char (ch);
      if (word)
        {
          gboolean digits = ch < 0x80 ? ch - '0' < 10 : g_unichar_isdigit (ch);
          gboolean internal_period = FALSE;
          guint n_chars = 0;
          guint n_upper = 0, n_lower = 0;
          gunichar first = ch;

          /* The flags of token_scan_flags() are counted on the way: the characters other
           * than letters and digits taken into a word count for neither. */
          tok.flags = tok.sentence_start ? FLAG_SENTENCE_START : 0;
          while (c.p < c.end)
            {
              /* A run of ASCII letters and digits, the bulk of a text, without decoding;
               * one byte, one code point, counted once the run ends. */
              const char *run = c.p;

              while (c.p < c.end && (guchar) *c.p < 0x80 &&
                     dossier_scan_ascii_alnum[(guchar) *c.p])
                {
                  guchar b = (guchar) *c.p++;

                  if (b >= 'a')
                    n_lower++;
                  else if (b >= 'A')
                    n_upper++;
                  else
                    tok.flags |= FLAG_HAS_DIGIT;
                }
              c.cp += (guint) (c.p - run);
              n_chars += (guint) (c.p - run);
              if (c.p >= c.end)
                break;
              ch = cursor_peek (&c, &nb);
              if (is_word_char (ch))
                {
                  int class = char_class (ch);

                  if (class == 'X')
                    n_upper++;
                  else if (class == 'x')
                    n_lower++;
                  else if (class == 'd')
                    tok.flags |= FLAG_HAS_DIGIT;
                  cursor_advance (&c, nb);
                  n_chars++;
                  continue;
                }
              {
                gunichar next = peek_at (c.p + nb, c.end);

                if (ch == '-' && is_word_char (next))
                  {
                    cursor_advance (&c, nb);
                    continue;
                  }
                if (is_apostrophe (ch) && g_unichar_isalpha (next))
                  {
                    gunichar after = peek_at (g_utf8_next_char (c.p + nb), c.end);

                    /* "Reuters's" gives "Reuters" "'s", as in the training data; "O'Brien"
                     * stays one word. */
                    if ((next == 's' || next == 'S') && !is_word_char (after))
                      break;
                    cursor_advance (&c, nb);
                    continue;
                  }
                if ((ch == ',' || ch == '.') && digits && g_unichar_isdigit (next))
                  {
                    cursor_advance (&c, nb);
                    continue;
                  }
                if (ch == '.' && g_unichar_isalpha (next) && !digits &&
                    (n_chars <= 1 || internal_period))
                  {
                    /* U.S., U.N.: letters and periods. */
                    internal_period = TRUE;
                    cursor_advance (&c, nb);
                    n_chars = 0;
                    continue;
                  }
                if (ch == '.' && !digits &&
                    (internal_period || n_chars == 1 ||
                     is_abbreviation (text + tok.byte_start, c.p - text - tok.byte_start)))
                  {
                    /* An initial, an acronym or a title keeps its period, which then ends
                     * no sentence. */
                    cursor_advance (&c, nb);
                    break;
                  }
              }
              break;
            }
          if (n_upper + n_lower > 0)
            tok.flags |= FLAG_ALPHA;
          if (n_upper > 0 && n_lower == 0 && n_upper >= 2)
            tok.flags |= FLAG_ALL_CAPS;
          if (dossier_unichar_is_capital (first))
            tok.flags |= FLAG_UPPER_INITIAL;
        }
      else
        {
          cursor_advance (&c, nb);
          if (is_apostrophe (ch))
            {
              gunichar next = peek_at (c.p, c.end);

              /* The possessive split off a word ("Reuters" "'s"), not an opening quote
               * ("'sorry'"). */
              if ((next == 's' || next == 'S') && !is_word_char (peek_at (c.p + 1, c.end)))
                cursor_advance (&c, 1);
            }
          else if (ch == '.' || ch == '!' || ch == '?')
            {
              /* The end of a sentence, unless what follows starts in lowercase. */
              const char *q = c.p;
              gunichar next;

              while (q < c.end && (*q == ' ' || *q == '"' || *q == ')' ||
                                   (guchar) *q == 0xe2))
                {
                  if ((guchar) *q == 0xe2)
                    {
                      gunichar u = peek_at (q, c.end);
                      if (u != 0x201d && u != 0x2019)
                        break;
                      q = g_utf8_next_char (q);
                    }
                  else
                    q++;
                }
              next = peek_at (q, c.end);
              if (next == 0 || !g_unichar_islower (next))
                sentence_start = TRUE;
            }
        }

      tok.byte_end = c.p - text;
      tok.end = c.cp;
      /* A mark of one byte (ASCII other than a letter or a digit, as the rest are skipped)
       * has none of the flags but the sentence start. */
      if (!word && tok.byte_end - tok.byte_start == 1)
        tok.flags = tok.sentence_start ? FLAG_SENTENCE_START : 0;
      else if (!word)
        tok.flags = token_scan_flags (text + tok.byte_start, tok.byte_end - tok.byte_start,
                                      tok.sentence_start);
      tag_scratch_add_token (scratch, &tok);
    }
}

typedef struct {
  const char  *text;
  const Token *tokens;
  guint8      *ready;
} TextInfo;

static void
fill_text_info (DossierNerTokenInfo *info,
                guint                i,
                gboolean             whole,
                gpointer             data)
{
  TextInfo *lazy = data;
  const Token *tok = &lazy->tokens[i];
  const char *word = lazy->text + tok->byte_start;
  gsize len = tok->byte_end - tok->byte_start;

  if (lazy->ready[i] == 0)
    {
      guint16 caps_line = info[i].flags & FLAG_CAPS_LINE;

      token_info_base (word, len, tok->sentence_start, &info[i]);
      info[i].flags |= caps_line;
      lazy->ready[i] = 1;
    }
  if (whole && lazy->ready[i] == 1)
    {
      token_info_affixes (word, len, &info[i]);
      lazy->ready[i] = 2;
    }
}

static DossierEntityKind
kind_of_type (guint type)
{
  switch (type)
    {
    case 0:
      return DOSSIER_ENTITY_PERSON;
    case 1:
      return DOSSIER_ENTITY_ORGANIZATION;
    default:
      return DOSSIER_ENTITY_PLACE;
    }
}

GArray *
dossier_ner_tag_text (const DossierNerModel *model,
                      const char            *text,
                      gsize                  length)
{
  TagScratch *scratch;
  const Token *tokens;
  DossierNerTokenInfo *info;
  guint8 *tags;
  guint n;
  TextInfo lazy;
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (DossierNerSpan));
  guint open = G_MAXUINT;

  g_return_val_if_fail (model != NULL, spans);
  g_return_val_if_fail (text != NULL || length == 0, spans);

  scratch = tag_scratch_get ();
  tokenize (text, length, scratch);
  n = scratch->n_tokens;
  if (n == 0)
    return spans;

  /* Most words are never scored (lower case, outside names): they get their flags now and
   * the rest of their info only when a word near them is scored. */
  tag_scratch_reserve_info (scratch, n);
  tokens = scratch->tokens;
  info = scratch->info;
  tags = scratch->tags;
  memset (scratch->ready, 0, n);
  lazy.text = text;
  lazy.tokens = tokens;
  lazy.ready = scratch->ready;
  for (guint i = 0; i < n; i++)
    info[i] = (DossierNerTokenInfo) { .flags = tokens[i].flags };
  dossier_ner_mark_caps_lines (info, n);
  tag_infos (model, info, n, TRUE, fill_text_info, &lazy, scratch->memory, tags);

  for (guint i = 0; i < n; i++)
    {
      guint tag = tags[i];
      guint part = tag == DOSSIER_NER_TAG_O ? 0 : DOSSIER_NER_TAG_PART (tag);

      if (tag == DOSSIER_NER_TAG_O)
        {
          open = G_MAXUINT;
          continue;
        }
      if (part == 0 || part == 3)
        open = i;
      if ((part == 2 || part == 3) && open != G_MAXUINT)
        {
          DossierNerSpan span = {
            tokens[open].start,
            tokens[i].end,
            kind_of_type (DOSSIER_NER_TAG_TYPE (tag)),
            tokens[open].byte_start,
            tokens[i].byte_end,
          };

          g_array_append_val (spans, span);
          open = G_MAXUINT;
        }
    }
  tag_scratch_release (scratch);
  return spans;
}

/* Loading */

static guint32
read_u32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static guint64
read_u64 (const guint8 *p)
{
  return (guint64) read_u32 (p) | (guint64) read_u32 (p + 4) << 32;
}

static void
write_u32 (guint8  *p,
           guint32  v)
{
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
  p[2] = (v >> 16) & 0xff;
  p[3] = (v >> 24) & 0xff;
}

static char *
format_count (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *s = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

DossierNerModel *
dossier_ner_model_load_bytes (GBytes      *bytes,
                              const char  *name,
                              GError     **error)
{
  g_autoptr(DossierNerModel) model = NULL;
  gsize size = 0;
  const guint8 *data;
  guint32 version, feature_set, n_buckets, n_tags;
  guint64 payload_size, expected;
  float scale;
  const guint8 *payload;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name == NULL)
    name = "entity model";
  data = g_bytes_get_data (bytes, &size);

  if (size < MODEL_HEADER_SIZE)
    {
      g_autofree char *have = format_count (size);

      if (size >= 8 && memcmp (data, MODEL_MAGIC, 8) != 0)
        g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                     "%s: not a Dossier entity model (wrong magic)", name);
      else
        g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                     "%s: truncated (%s bytes, shorter than the %d-byte header)", name, have,
                     MODEL_HEADER_SIZE);
      return NULL;
    }
  if (memcmp (data, MODEL_MAGIC, 8) != 0)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                   "%s: not a Dossier entity model (wrong magic)", name);
      return NULL;
    }

  version = read_u32 (data + 8);
  feature_set = read_u32 (data + 12);
  n_buckets = read_u32 (data + 16);
  n_tags = read_u32 (data + 20);
  {
    guint32 bits = read_u32 (data + 24);

    memcpy (&scale, &bits, sizeof scale);
  }
  payload_size = read_u64 (data + 32);

  if (version != MODEL_FORMAT_VERSION)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NEWER_VERSION,
                   "%s: unsupported model format version %u (this Dossier reads version %d)",
                   name, version, MODEL_FORMAT_VERSION);
      return NULL;
    }
  if (feature_set != DOSSIER_NER_FEATURE_SET)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_NEWER_VERSION,
                   "%s: made for feature set %u, this Dossier computes feature set %d; "
                   "retrain the model", name, feature_set, DOSSIER_NER_FEATURE_SET);
      return NULL;
    }
  if (n_tags != DOSSIER_NER_N_TAGS || n_buckets < MODEL_MIN_BUCKETS ||
      n_buckets > MODEL_MAX_BUCKETS || (n_buckets & (n_buckets - 1)) != 0)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                   "%s: mismatched sizes (%u buckets of %u tags; expected a power of two "
                   "of buckets between %u and %u, and %d tags)", name, n_buckets, n_tags,
                   MODEL_MIN_BUCKETS, MODEL_MAX_BUCKETS, DOSSIER_NER_N_TAGS);
      return NULL;
    }
  expected = (guint64) n_buckets * n_tags * sizeof (gint16);
  if (payload_size != expected)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                   "%s: mismatched sizes (the header says %" G_GUINT64_FORMAT " bytes of "
                   "weights, %u buckets of %u tags make %" G_GUINT64_FORMAT ")", name,
                   payload_size, n_buckets, n_tags, expected);
      return NULL;
    }
  if (size - MODEL_HEADER_SIZE < payload_size)
    {
      g_autofree char *have = format_count (size);
      g_autofree char *want = format_count (MODEL_HEADER_SIZE + payload_size);

      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE, "%s: truncated (%s of %s bytes)",
                   name, have, want);
      return NULL;
    }
  if (size - MODEL_HEADER_SIZE > payload_size)
    {
      g_autofree char *have = format_count (size);
      g_autofree char *want = format_count (MODEL_HEADER_SIZE + payload_size);

      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                   "%s: mismatched sizes (%s bytes, the header says %s)", name, have, want);
      return NULL;
    }
  payload = data + MODEL_HEADER_SIZE;
  if (fnv1a_bytes (payload, payload_size) != read_u32 (data + 40))
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_PARSE,
                   "%s: bad checksum (the file is damaged)", name);
      return NULL;
    }

  model = g_new0 (DossierNerModel, 1);
  g_atomic_ref_count_init (&model->ref_count);
  model->n_buckets = n_buckets;
  model->mask = n_buckets - 1;
  model->scale = scale;
  model->weights = g_new0 (gint16, (gsize) n_buckets * DOSSIER_NER_ROW);
  for (gsize b = 0; b < n_buckets; b++)
    for (gsize t = 0; t < DOSSIER_NER_N_TAGS; t++)
      {
        const guint8 *w = payload + 2 * (b * DOSSIER_NER_N_TAGS + t);

        model->weights[b * DOSSIER_NER_ROW + t] = (gint16) (guint16) (w[0] | w[1] << 8);
      }
  /* The padding tags must never win. */
  for (gsize b = 0; b < n_buckets; b++)
    for (gsize t = DOSSIER_NER_N_TAGS; t < DOSSIER_NER_ROW; t++)
      model->weights[b * DOSSIER_NER_ROW + t] = 0;

  return g_steal_pointer (&model);
}

DossierNerModel *
dossier_ner_model_load (const char  *path,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, DOSSIER_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ?
                   DOSSIER_ERROR_NOT_FOUND : DOSSIER_ERROR_FAILED,
                   "%s: %s", path,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ?
                   "missing (no such file)" : local_error->message);
      return NULL;
    }
  bytes = g_bytes_new_take (contents, length);
  return dossier_ner_model_load_bytes (bytes, path, error);
}

DossierNerModel *
dossier_ner_model_ref (DossierNerModel *model)
{
  g_return_val_if_fail (model != NULL, NULL);
  g_atomic_ref_count_inc (&model->ref_count);
  return model;
}

void
dossier_ner_model_unref (DossierNerModel *model)
{
  g_return_if_fail (model != NULL);
  if (g_atomic_ref_count_dec (&model->ref_count))
    {
      g_free (model->weights);
      g_free (model);
    }
}

DossierNerModel *
dossier_ner_model_get_default (void)
{
  static gsize initialized = 0;
  static DossierNerModel *default_model = NULL;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GError) error = NULL;
      const char *path = g_getenv ("DOSSIER_NER_MODEL");

      if (path == NULL || *path == '\0')
        {
#ifdef DOSSIER_NER_MODEL_PATH
          path = DOSSIER_NER_MODEL_PATH;
          if (!g_file_test (path, G_FILE_TEST_EXISTS))
#endif
            {
#ifdef DOSSIER_NER_SOURCE_MODEL
              path = DOSSIER_NER_SOURCE_MODEL;
#else
              path = "dossier-ner.model";
#endif
            }
        }
      default_model = dossier_ner_model_load (path, &error);
      if (default_model == NULL)
        g_printerr ("dossier: %s; entities from the gazetteers only\n", error->message);
      else
        g_debug ("entity model %s loaded (%u buckets)", path, default_model->n_buckets);
      g_once_init_leave (&initialized, 1);
    }
  return default_model;
}

/* Saving, for the trainer */

gboolean
dossier_ner_model_save_weights (const char   *path,
                                guint         n_buckets,
                                const float  *weights,
                                GError      **error)
{
  gsize payload_size = (gsize) n_buckets * DOSSIER_NER_N_TAGS * sizeof (gint16);
  g_autofree guint8 *file = g_malloc0 (MODEL_HEADER_SIZE + payload_size);
  guint8 *payload = file + MODEL_HEADER_SIZE;
  float max_abs = 0;
  float scale;
  guint32 scale_bits;

  g_return_val_if_fail (n_buckets >= MODEL_MIN_BUCKETS && n_buckets <= MODEL_MAX_BUCKETS &&
                        (n_buckets & (n_buckets - 1)) == 0, FALSE);

  for (gsize b = 0; b < n_buckets; b++)
    for (gsize t = 0; t < DOSSIER_NER_N_TAGS; t++)
      max_abs = MAX (max_abs, ABS (weights[b * DOSSIER_NER_ROW + t]));
  /* Scores add some 40 weights; int32 sums keep them exact, so the range of int16 is used
   * whole. */
  scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;

  for (gsize b = 0; b < n_buckets; b++)
    for (gsize t = 0; t < DOSSIER_NER_N_TAGS; t++)
      {
        float v = weights[b * DOSSIER_NER_ROW + t] / scale;
        gint32 q = (gint32) (v < 0 ? v - 0.5f : v + 0.5f);
        guint16 u = (guint16) (gint16) CLAMP (q, -32767, 32767);
        guint8 *w = payload + 2 * (b * DOSSIER_NER_N_TAGS + t);

        w[0] = u & 0xff;
        w[1] = u >> 8;
      }

  memcpy (file, MODEL_MAGIC, 8);
  write_u32 (file + 8, MODEL_FORMAT_VERSION);
  write_u32 (file + 12, DOSSIER_NER_FEATURE_SET);
  write_u32 (file + 16, n_buckets);
  write_u32 (file + 20, DOSSIER_NER_N_TAGS);
  memcpy (&scale_bits, &scale, sizeof scale_bits);
  write_u32 (file + 24, scale_bits);
  write_u32 (file + 32, (guint32) (payload_size & 0xffffffffu));
  write_u32 (file + 36, (guint32) ((guint64) payload_size >> 32));
  write_u32 (file + 40, fnv1a_bytes (payload, payload_size));

  return g_file_set_contents (path, (const char *) file, MODEL_HEADER_SIZE + payload_size,
                              error);
}
