/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-extract"

#include <stdlib.h>
#include <string.h>

#include "dossier-extract.h"
#include "dossier-text-scan.h"

/*
 * Region refinement.  The importers cut the text into paragraphs and headlines; what they
 * cannot see is furniture that the page flattened into the body: a photo caption with its
 * "(credit: REUTERS/…)" inside a paragraph (even inside a quotation), a newsletter prompt
 * glued to the end of one, a headline pasted into the middle of a word.  Each paragraph is
 * read once: its sentences are found, credits, prompts and spliced headlines are marked,
 * and the paragraph is cut into pieces that still cover exactly the same text.
 */

/* A parenthesized credit longer than this is not one. */
#define MAX_CREDIT_CHARS 160
/* A caption sentence shorter than this ("File photo.") takes the sentence before it too. */
#define SHORT_CAPTION_CHARS 25
/* A boilerplate sentence longer than this is prose that happens to mention a newsletter. */
#define MAX_BOILERPLATE_CHARS 300
/* A paragraph that reads as a heading: short, no closing punctuation. */
#define MAX_HEADING_CHARS 90
#define MAX_HEADING_WORDS 14
/* A headline pasted into the middle of a word ("…between I" + headline + "ran and…"). */
#define MAX_SPLICE_PREFIX 4
#define MAX_SPLICE_WORDS 25
#define MIN_SPLICE_WORDS 3
#define MAX_SPLICE_CANDIDATES 8
/* A title that occurs again inside the body is a spliced headline. */
#define MIN_TITLE_CHARS 20
#define MAX_TITLE_CHARS 200

typedef struct {
  DossierRegionKind kind;
  guint             start;
  guint             end;
} Piece;

typedef enum {
  SENTENCE_PAREN      = 1 << 0,
  SENTENCE_NEWSLETTER = 1 << 1,
  SENTENCE_PROMPT     = 1 << 2,   /* "All rights reserved", "Subscribe now" */
} SentenceFlags;

typedef struct {
  const gunichar *u;
  guint           n;
  GArray         *out;          /* DossierRegion */
  GArray         *pieces;       /* Piece, per paragraph */
  GArray         *sentences;    /* guint sentence starts, per paragraph */
  GArray         *sentence_flags; /* guint8 SentenceFlags of each sentence */
  GArray         *candidates;   /* guint starts of words that may hide a spliced headline */
  GArray         *title_hits;   /* guint starts of the title repeated in the text */
  guint           title_len;
  guint           next_title_hit;
  guint32        *word_keys;    /* word counts (count_words()), built when first needed */
  guint32        *word_counts;
  guint           word_mask;
  guint           n_splice_candidates;
} Refiner;

/* Helpers */

/* Whether the text at @i starts with the ASCII @word, ignoring case. */
static gboolean
has_prefix_ci (const gunichar *u,
               guint           i,
               guint           limit,
               const char     *word)
{
  for (; *word != '\0'; word++, i++)
    {
      if (i >= limit || dossier_scan_ascii_lower (u[i]) != (guchar) *word)
        return FALSE;
    }
  return TRUE;
}

/* Whether [start, end) contains the ASCII @word, ignoring case.  Only used on short spans
 * (a credit, a sentence of boilerplate), so the naive search stays within a constant. */
static gboolean
contains_ci (const gunichar *u,
             guint           start,
             guint           end,
             const char     *word)
{
  gsize len = strlen (word);
  gunichar first = (guchar) word[0];

  for (guint i = start; i + len <= end; i++)
    if (dossier_scan_ascii_lower (u[i]) == first && has_prefix_ci (u, i, end, word))
      return TRUE;
  return FALSE;
}

/* Reads the paragraph [a, b) once: the starts of its sentences, what each contains (a
 * parenthesis, a newsletter, a phrase only prompts use) and the words with a capital
 * inside their first letters, where a headline may have been pasted in. */
static void
scan_paragraph (Refiner *r,
                guint    a,
                guint    b)
{
  const gunichar *u = r->u;
  guint start = dossier_scan_skip_space (u, a, b), word_start = a, last_candidate = G_MAXUINT;
  guint8 flags = 0;

  g_array_set_size (r->sentences, 0);
  g_array_set_size (r->sentence_flags, 0);
  g_array_set_size (r->candidates, 0);
  if (start >= b)
    return;
  g_array_append_val (r->sentences, start);
  for (guint i = start; i < b; i++)
    {
      gunichar c = u[i];
      guint after;

      if (c >= 'a' && c <= 'z')
        {
          /* Only "ne", "al" and "su" (the second letter in any case) start a phrase looked
           * for: one well predicted test for the other letters.  u[n] is a 0. */
          guint32 pair = c << 24 | ((u[i + 1] | 0x20) & 0xFFFFFF);

          if (pair != ('n' << 24 | 'e') && pair != ('a' << 24 | 'l') && pair != ('s' << 24 | 'u'))
            continue;
          /* The second letter first: 'n', 'a' and 's' start many words. */
          if (c == 'n' && (u[i + 1] | 0x20) == 'e' && has_prefix_ci (u, i, b, "newsletter"))
            flags |= SENTENCE_NEWSLETTER;
          else if ((c == 'a' && (u[i + 1] | 0x20) == 'l' && has_prefix_ci (u, i, b, "all rights reserved")) ||
                   (c == 's' && (u[i + 1] | 0x20) == 'u' && has_prefix_ci (u, i, b, "subscribe now")))
            flags |= SENTENCE_PROMPT;
          continue;
        }
      if (dossier_scan_is_upper (c))
        {
          /* A capital after the first letter of a word: "IIran", "betIran". */
          if (i > a && dossier_scan_is_word_char (u[i - 1]))
            {
              if (i - word_start <= MAX_SPLICE_PREFIX && word_start != last_candidate)
                {
                  g_array_append_val (r->candidates, word_start);
                  last_candidate = word_start;
                }
            }
          else
            word_start = i;
          if ((c == 'N' && has_prefix_ci (u, i, b, "newsletter")))
            flags |= SENTENCE_NEWSLETTER;
          else if ((c == 'A' && has_prefix_ci (u, i, b, "all rights reserved")) ||
                   (c == 'S' && has_prefix_ci (u, i, b, "subscribe now")))
            flags |= SENTENCE_PROMPT;
          continue;
        }
      if (c == '(')
        flags |= SENTENCE_PAREN;
      else if ((c == '.' || c == '!' || c == '?' || c == 0x2026) &&
               dossier_scan_ends_sentence (u, i, b, &after))
        {
          guint next = dossier_scan_skip_space (u, after, b);

          if (next < b && next > i)
            {
              g_array_append_val (r->sentence_flags, flags);
              g_array_append_val (r->sentences, next);
              flags = 0;
            }
          i = MAX (i, after > 0 ? after - 1 : 0);
          continue;
        }
      if (!dossier_scan_is_word_char (c))
        word_start = i + 1;
      else if (i == a || !dossier_scan_is_word_char (u[i - 1]))
        word_start = i;
    }
  g_array_append_val (r->sentence_flags, flags);
}

static guint
sentence_start (Refiner *r,
                guint    k)
{
  return g_array_index (r->sentences, guint, k);
}

/* The end of sentence @k of the paragraph ending at @b, trailing space excluded. */
static guint
sentence_end (Refiner *r,
              guint    k,
              guint    b)
{
  guint end = k + 1 < r->sentences->len ? sentence_start (r, k + 1) : b;

  return dossier_scan_trim_end (r->u, sentence_start (r, k), end);
}

/* The index of the sentence containing @pos. */
static guint
sentence_at (Refiner *r,
             guint    pos)
{
  guint lo = 0, hi = r->sentences->len;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (sentence_start (r, mid) <= pos)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static void
add_piece (Refiner           *r,
           DossierRegionKind  kind,
           guint              start,
           guint              end)
{
  Piece piece = { kind, start, end };

  if (end > start)
    g_array_append_val (r->pieces, piece);
}

/* Credits */

static gboolean
is_all_caps_word (const gunichar *u,
                  guint           start,
                  guint           end)
{
  guint letters = 0;

  for (guint i = start; i < end; i++)
    {
      if (dossier_scan_is_lower (u[i]))
        return FALSE;
      if (dossier_scan_is_upper (u[i]))
        letters++;
    }
  return letters >= 2;
}

/* "REUTERS/Thaier Al-Sudani", "AFP/Getty", "EPA-EFE/ABEDIN TAHERKENAREH": an agency in
 * capitals right before a slash. */
static gboolean
is_agency_slash (const gunichar *u,
                 guint           start,
                 guint           end)
{
  guint i = start;

  if (end - start < 4 || !dossier_scan_is_upper (u[start]) || !dossier_scan_is_upper (u[start + 1]))
    return FALSE;
  while (i < end && (dossier_scan_is_word_char (u[i]) || u[i] == '-' || u[i] == ' ') &&
         i - start < 24)
    i++;
  if (i >= end || u[i] != '/' || i + 1 >= end || dossier_scan_is_space (u[i + 1]))
    return FALSE;
  return is_all_caps_word (u, start, dossier_scan_trim_end (u, start, i));
}

static gboolean
is_credit_text (const gunichar *u,
                guint           start,
                guint           end)
{
  static const char * const keywords[] = {
    "credit", "photo", "photograph", "photos", "image", "images", "picture", "pic",
    "file photo", "illustration", "illustrative", "screenshot", "screengrab", "courtesy",
    "video", "graphic", "source",
  };
  static const char * const agencies[] = {
    "getty images", "ap photo", "shutterstock", "flash90", "alamy", "epa-efe", "via reuters",
    "via afp", "gpo/", "idf spokesperson", "/reuters", "/afp", "/ap", "wana (west asia",
  };

  start = dossier_scan_skip_space (u, start, end);
  for (guint k = 0; k < G_N_ELEMENTS (keywords); k++)
    {
      gsize len = strlen (keywords[k]);
      guint after;

      if (!has_prefix_ci (u, start, end, keywords[k]))
        continue;
      after = start + (guint) len;
      if (after < end && (u[after] == ':' || u[after] == '/'))
        return TRUE;
      after = dossier_scan_skip_space (u, after, end);
      if (has_prefix_ci (u, after, end, "by ") || has_prefix_ci (u, after, end, "credit") ||
          has_prefix_ci (u, after, end, "courtesy") || has_prefix_ci (u, after, end, "via "))
        return TRUE;
      /* "(Photo: …)" is taken above; "(Photo) …" or "(credit)" alone too. */
      if (after >= end)
        return TRUE;
    }
  for (guint k = 0; k < G_N_ELEMENTS (agencies); k++)
    if (contains_ci (u, start, end, agencies[k]))
      return TRUE;
  return is_agency_slash (u, start, end);
}

/* A credit at @i: "(credit: …)" or another parenthesized credit, or at the start of a
 * sentence "Photo: …" / "REUTERS/…" running to the end of the sentence.  Returns the end,
 * or 0 when there is none. */
static guint
match_credit (Refiner *r,
              guint    i,
              guint    sentence_limit)
{
  const gunichar *u = r->u;

  if (u[i] == '(')
    {
      guint close = i + 1;

      while (close < sentence_limit && u[close] != ')' && u[close] != '(' &&
             close - i < MAX_CREDIT_CHARS)
        close++;
      if (close >= sentence_limit || u[close] != ')')
        return 0;
      if (!is_credit_text (u, i + 1, close))
        return 0;
      return close + 1;
    }
  return 0;
}

static gboolean
is_credit_sentence (Refiner *r,
                    guint    start,
                    guint    end)
{
  const gunichar *u = r->u;
  static const char * const openers[] = {
    "photo:", "photo credit:", "credit:", "image:", "image credit:", "photograph:",
    "picture:", "pictured:", "illustration:", "photo by ", "photos:", "file photo:",
  };

  if (end - start > MAX_CREDIT_CHARS)
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (openers); k++)
    if (has_prefix_ci (u, start, end, openers[k]))
      return TRUE;
  return is_agency_slash (u, start, end);
}

/* Marks the caption that ends with the credit [cs, ce) in the paragraph [a, b). */
static void
mark_caption (Refiner *r,
              guint    cs,
              guint    ce,
              guint    b)
{
  guint k = sentence_at (r, cs);
  guint start;

  if (sentence_start (r, k) == cs)
    {
      /* The credit begins a sentence: the caption is the sentence before it. */
      if (k == 0)
        {
          /* A credit leading its paragraph: "(Photo: IRNA) Smoke rises over…": a short
           * paragraph is all caption, a long one only the credit. */
          if (dossier_scan_trim_end (r->u, cs, b) - cs <= 2 * MAX_CREDIT_CHARS &&
              r->sentences->len <= 2)
            ce = b;
          add_piece (r, DOSSIER_REGION_CAPTION, cs, ce);
          return;
        }
      k--;
    }
  start = sentence_start (r, k);
  if (sentence_end (r, k, b) - start < SHORT_CAPTION_CHARS && k > 0)
    start = sentence_start (r, k - 1);
  if (ce < b && r->u[ce] == '.')
    ce++;
  if (dossier_scan_skip_space (r->u, ce, b) >= b)
    ce = b;
  add_piece (r, DOSSIER_REGION_CAPTION, start, ce);
}

/* Boilerplate */

static int
compare_word (const void *key,
              const void *item)
{
  return strcmp (key, *(const char * const *) item);
}

/* Whether the sentence at @start begins with a word a prompt begins with; most sentences do
 * not, and the list of openers is then not read.  The list is sorted for bsearch(); a
 * typographic apostrophe is read as a straight one. */
static gboolean
has_opener_word (const gunichar *u,
                 guint           start,
                 guint           end)
{
  static const char * const words[] = {
    "advertisement", "all", "already", "also", "become", "breaking", "click", "continue",
    "copyright", "don't", "download", "editor's", "enjoy",
    "follow", "get", "join", "listen", "log", "more", "please", "read", "recommended",
    "register", "related", "report", "share", "sign", "sign-up", "sponsored", "stay",
    "subscribe", "support", "this", "to", "video", "want", "watch", "you",
  };
  char word[16];
  guint len = 0;

  if (u[start] == 0xA9)
    return TRUE;
  for (guint i = start; i < end && len < sizeof word - 1; i++)
    {
      gunichar c = u[i];

      if (!(dossier_scan_is_word_char (c) || dossier_scan_is_apostrophe (c) || c == '-'))
        break;
      if (c == 0x2019)
        c = '\'';
      if (c >= 0x80)
        return FALSE;
      word[len++] = (char) dossier_scan_ascii_lower (c);
    }
  word[len] = '\0';
  return bsearch (word, words, G_N_ELEMENTS (words), sizeof words[0], compare_word) != NULL;
}

static gboolean
is_boilerplate_sentence (const gunichar *u,
                         guint           start,
                         guint           end,
                         guint8          flags)
{
  static const char * const openers[] = {
    "subscribe", "sign up", "sign-up", "stay updated", "stay informed", "stay up to date",
    "stay up-to-date", "stay in the know", "get the latest", "get our", "join our", "follow us",
    "follow our", "read more", "read also", "also read", "read the full", "read next",
    "click here", "share this", "share on", "share via", "share article", "share the story",
    "download our", "download the", "advertisement", "sponsored", "related:",
    "related articles", "related stories", "related coverage", "recommended", "more from",
    "copyright", "\xc2\xa9", "all rights reserved", "please enable", "sign in to", "log in to",
    "continue reading", "don't miss", "listen to this article", "to continue reading",
    "want more", "watch:", "video:", "enjoy unlimited", "become a member", "already a subscriber",
    "register for free", "support independent journalism", "you can now", "this article was",
    "this story was", "report an error", "editor's note:", "breaking news alert",
  };
  guint len = end - start;

  if (len == 0 || len > MAX_BOILERPLATE_CHARS)
    return FALSE;
  if (flags & SENTENCE_PROMPT)
    return TRUE;
  if ((flags & SENTENCE_NEWSLETTER) &&
      (contains_ci (u, start, end, "subscribe") || contains_ci (u, start, end, "sign up") ||
       contains_ci (u, start, end, "inbox") || contains_ci (u, start, end, "latest news") ||
       contains_ci (u, start, end, "delivered")))
    return TRUE;
  if (!has_opener_word (u, start, end))
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (openers); k++)
    {
      const char *o = openers[k];

      /* "©" is two bytes of UTF-8 in the table; compare it as one code point. */
      if ((guchar) o[0] >= 0x80)
        {
          if (u[start] == 0xA9)
            return TRUE;
          continue;
        }
      if (has_prefix_ci (u, start, end, o))
        {
          gsize olen = strlen (o);

          /* Whole words only: "Subscribers were…" is prose. */
          if (start + olen >= end || !dossier_scan_is_word_char (u[start + olen]) ||
              !dossier_scan_is_word_char (o[olen - 1]))
            return TRUE;
        }
    }
  return FALSE;
}

/* "Share  Tweet  Email  Print": a paragraph of sharing buttons. */
static gboolean
is_share_line (const gunichar *u,
               guint           start,
               guint           end)
{
  static const char * const words[] = {
    "share", "tweet", "email", "e-mail", "print", "facebook", "twitter", "whatsapp",
    "linkedin", "reddit", "telegram", "copy", "link", "save", "comments", "comment", "x",
    "pinterest", "flipboard", "messenger", "this", "article", "on", "story",
  };
  guint n_words = 0;
  gboolean share = FALSE;

  if (end - start > 120)
    return FALSE;
  for (guint i = start; i < end;)
    {
      guint j = i;
      gboolean known = FALSE;

      if (!dossier_scan_is_word_char (u[i]))
        {
          i++;
          continue;
        }
      while (j < end && (dossier_scan_is_word_char (u[j]) || u[j] == '-'))
        j++;
      for (guint k = 0; k < G_N_ELEMENTS (words); k++)
        if (strlen (words[k]) == j - i && has_prefix_ci (u, i, j, words[k]))
          {
            known = TRUE;
            if (k == 0 || k == 1)
              share = TRUE;
          }
      if (!known)
        return FALSE;
      n_words++;
      i = j;
    }
  return share && n_words > 0;
}

/* Headlines */

/* A short paragraph without closing punctuation that starts with a capital: a subheading
 * ("Growing closer") the importer took for a paragraph. */
static gboolean
looks_like_heading (const gunichar *u,
                    guint           start,
                    guint           end)
{
  guint words = 0;
  gunichar last;

  end = dossier_scan_trim_end (u, start, end);
  if (end <= start || end - start > MAX_HEADING_CHARS)
    return FALSE;
  if (!dossier_scan_is_upper (u[start]))
    return FALSE;
  last = u[end - 1];
  if (last == '.' || last == '!' || last == '?' || last == ':' || last == ';' || last == ',' ||
      last == 0x2026 || last == ')' || last == '-' || last == 0x2014 || last == 0x2013 ||
      dossier_scan_is_closing (last))
    return FALSE;
  for (guint i = start; i < end; i++)
    {
      if (dossier_scan_is_word_char (u[i]) && (i == start || !dossier_scan_is_word_char (u[i - 1])))
        words++;
      if (u[i] == '.' && i + 1 < end && dossier_scan_is_space (u[i + 1]))
        return FALSE; /* two sentences */
    }
  return words >= 2 && words <= MAX_HEADING_WORDS;
}

static guint32
hash_span (const gunichar *u,
           guint           start,
           guint           end)
{
  guint32 h = 2166136261u;

  for (guint i = start; i < end; i++)
    h = (h ^ u[i]) * 16777619u;
  return h | 1; /* 0 marks an empty slot */
}

/* How often each word of the text occurs, by a 32-bit hash of its code points in an
 * open-addressing table: built once, and only for a text where a splice is suspected. */
static void
count_words (Refiner *r)
{
  guint size = 64;

  while (size < r->n / 2 + 64)
    size *= 2;
  r->word_mask = size - 1;
  r->word_keys = g_new0 (guint32, size);
  r->word_counts = g_new0 (guint32, size);
  for (guint i = 0; i < r->n;)
    {
      guint j = i;
      guint32 h, k;

      if (!dossier_scan_is_word_char (r->u[i]))
        {
          i++;
          continue;
        }
      while (j < r->n && dossier_scan_is_word_char (r->u[j]))
        j++;
      h = hash_span (r->u, i, j);
      for (k = h & r->word_mask; r->word_keys[k] != 0 && r->word_keys[k] != h;
           k = (k + 1) & r->word_mask)
        ;
      r->word_keys[k] = h;
      r->word_counts[k]++;
      i = j;
    }
}

static guint
word_count (Refiner        *r,
            const gunichar *u,
            guint           start,
            guint           end)
{
  guint32 h = hash_span (u, start, end), k;

  for (k = h & r->word_mask; r->word_keys[k] != 0; k = (k + 1) & r->word_mask)
    if (r->word_keys[k] == h)
      return r->word_counts[k];
  return 0;
}

/* At @i a word like "IIran’s" or "betIran’s": a short prefix, then a capital that starts a
 * headline.  The headline ends inside a later word whose tail completes the prefix to a word
 * the text uses elsewhere ("ties" + "ran": I + ran = Iran), while the glued word itself
 * occurs nowhere else.  Returns the end of the headline, or 0. */
static guint
match_splice (Refiner *r,
              guint    i,
              guint    b,
              guint   *headline_start)
{
  const gunichar *u = r->u;
  guint p = i, words = 0;
  gunichar joined[MAX_SPLICE_PREFIX + 32];

  while (p < b && p - i < MAX_SPLICE_PREFIX && dossier_scan_is_word_char (u[p]) &&
         !(p > i && dossier_scan_is_upper (u[p])))
    p++;
  if (p == i || p >= b || p + 2 >= b || !dossier_scan_is_upper (u[p]) ||
      !dossier_scan_is_lower (u[p + 1]) || !dossier_scan_is_lower (u[p + 2]))
    return 0;
  /* Names written in camel case ("McCain", "DeSantis", "YouTube") are not splices. */
  if (p - i >= 2 && dossier_scan_is_lower (u[i + 1]) && dossier_scan_is_upper (u[i]))
    return 0;
  if (r->n_splice_candidates++ >= MAX_SPLICE_CANDIDATES)
    return 0;
  if (r->word_keys == NULL)
    count_words (r);

  for (guint k = p; k < b && words <= MAX_SPLICE_WORDS;)
    {
      guint w = k, after;

      while (w < b && !dossier_scan_is_word_char (u[w]))
        {
          if (dossier_scan_ends_sentence (u, w, b, &after))
            return 0;
          w++;
        }
      k = w;
      while (k < b && dossier_scan_is_word_char (u[k]))
        k++;
      if (k == w)
        break;
      words++;
      if (words > MIN_SPLICE_WORDS && k - w >= 3 && k - w < 32 &&
          word_count (r, u, w, k) == 1)
        {
          /* Try each tail of at least two letters. */
          for (guint split = w + 1; split + 2 <= k; split++)
            {
              guint len = 0;

              for (guint m = i; m < p; m++)
                joined[len++] = u[m];
              for (guint m = split; m < k && len < G_N_ELEMENTS (joined); m++)
                joined[len++] = u[m];
              if (len >= 4 && word_count (r, joined, 0, len) >= 2)
                {
                  *headline_start = p;
                  return split;
                }
            }
        }
    }
  return 0;
}

/* Paragraphs */

static int
compare_pieces (gconstpointer a,
                gconstpointer b)
{
  const Piece *pa = a, *pb = b;

  if (pa->start != pb->start)
    return pa->start < pb->start ? -1 : 1;
  return pa->end > pb->end ? -1 : pa->end < pb->end ? 1 : 0;
}

static void
emit (Refiner           *r,
      DossierRegionKind  kind,
      guint              start,
      guint              end)
{
  DossierRegion region = { kind, start, end };

  if (end <= start)
    return;
  /* Two prompts in a row ("Stay updated! Subscribe now") are one stretch of boilerplate. */
  if (kind != DOSSIER_REGION_PARAGRAPH && r->out->len > 0)
    {
      DossierRegion *last = &g_array_index (r->out, DossierRegion, r->out->len - 1);

      if (last->kind == kind && last->end == start)
        {
          last->end = end;
          return;
        }
    }
  g_array_append_val (r->out, region);
}

/* Cuts the paragraph [a, b) at the pieces found, so that the regions still cover [a, b):
 * the space before a piece stays with the text before it. */
static void
emit_pieces (Refiner *r,
             guint    a,
             guint    b)
{
  guint pos = a;

  g_array_sort (r->pieces, compare_pieces);
  for (guint k = 0; k < r->pieces->len; k++)
    {
      Piece *piece = &g_array_index (r->pieces, Piece, k);
      guint start = MAX (piece->start, pos), end = MIN (piece->end, b);

      if (end <= start)
        continue; /* overlaps one already cut */
      if (dossier_scan_skip_space (r->u, pos, start) < start)
        emit (r, DOSSIER_REGION_PARAGRAPH, pos, start);
      else
        start = pos; /* only space before it: the piece takes it */
      if (dossier_scan_skip_space (r->u, end, b) >= b)
        end = b;
      emit (r, piece->kind, start, end);
      pos = end;
    }
  if (pos < b)
    {
      /* Trailing space alone joins the last piece. */
      if (dossier_scan_skip_space (r->u, pos, b) >= b && r->out->len > 0 &&
          g_array_index (r->out, DossierRegion, r->out->len - 1).end == pos)
        g_array_index (r->out, DossierRegion, r->out->len - 1).end = b;
      else
        emit (r, DOSSIER_REGION_PARAGRAPH, pos, b);
    }
}

static void
refine_paragraph (Refiner *r,
                  guint    a,
                  guint    b,
                  gboolean first)
{
  const gunichar *u = r->u;
  guint text_end = dossier_scan_trim_end (u, a, b);

  g_array_set_size (r->pieces, 0);
  scan_paragraph (r, a, b);
  if (r->sentences->len == 0)
    {
      emit (r, DOSSIER_REGION_PARAGRAPH, a, b);
      return;
    }

  if (is_share_line (u, a, text_end))
    {
      emit (r, DOSSIER_REGION_BOILERPLATE, a, b);
      return;
    }
  /* Credits and the captions before them; sentences of boilerplate. */
  for (guint k = 0; k < r->sentences->len; k++)
    {
      guint s = sentence_start (r, k), e = sentence_end (r, k, b);
      guint8 flags = g_array_index (r->sentence_flags, guint8, k);

      if (is_credit_sentence (r, s, e))
        {
          mark_caption (r, s, e, b);
          continue;
        }
      if (is_boilerplate_sentence (u, s, e, flags))
        {
          add_piece (r, DOSSIER_REGION_BOILERPLATE, s, e);
          continue;
        }
      if (!(flags & SENTENCE_PAREN))
        continue;
      for (guint i = s; i < e; i++)
        {
          guint ce;

          if (u[i] == '(' && (ce = match_credit (r, i, e)) > 0)
            {
              mark_caption (r, i, ce, b);
              i = ce - 1;
            }
        }
    }

  /* The title again, inside the body. */
  while (r->next_title_hit < r->title_hits->len)
    {
      guint hit = g_array_index (r->title_hits, guint, r->next_title_hit);

      if (hit >= b)
        break;
      r->next_title_hit++;
      if (hit >= a && hit + r->title_len <= b)
        add_piece (r, DOSSIER_REGION_HEADLINE, hit, hit + r->title_len);
    }

  /* Headlines pasted into a word. */
  for (guint k = 0, after = a; k < r->candidates->len; k++)
    {
      guint i = g_array_index (r->candidates, guint, k), hs, he;

      if (i < after || i + 3 >= b)
        continue;
      if ((he = match_splice (r, i, b, &hs)) > 0)
        {
          add_piece (r, DOSSIER_REGION_HEADLINE, hs, he);
          after = he;
        }
    }

  if (r->pieces->len == 0 && !first && looks_like_heading (u, sentence_start (r, 0), text_end))
    emit (r, DOSSIER_REGION_HEADLINE, a, b);
  else if (r->pieces->len == 0)
    emit (r, DOSSIER_REGION_PARAGRAPH, a, b);
  else
    emit_pieces (r, a, b);
}

/* Knuth-Morris-Pratt: every start of the title [ts, ts + len) elsewhere in the text, in
 * one pass. */
static void
find_title_hits (Refiner *r,
                 guint    ts,
                 guint    len)
{
  const gunichar *u = r->u;
  const gunichar *pat = u + ts;
  g_autofree guint *fail = g_new0 (guint, len);
  guint k = 0;

  for (guint i = 1; i < len; i++)
    {
      while (k > 0 && pat[i] != pat[k])
        k = fail[k - 1];
      if (pat[i] == pat[k])
        k++;
      fail[i] = k;
    }
  k = 0;
  for (guint i = 0; i < r->n; i++)
    {
      while (k > 0 && u[i] != pat[k])
        k = fail[k - 1];
      if (u[i] == pat[k])
        k++;
      if (k == len)
        {
          guint start = i + 1 - len;

          if (start != ts)
            g_array_append_val (r->title_hits, start);
          k = fail[k - 1];
        }
    }
}

/* Paragraphs from blank lines, for a caller without regions. */
static GArray *
paragraph_regions (const gunichar *u,
                   guint           n)
{
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (DossierRegion));
  guint i = 0;

  while (i < n)
    {
      DossierRegion region = { DOSSIER_REGION_PARAGRAPH, 0, 0 };

      while (i < n && dossier_scan_is_space (u[i]))
        i++;
      if (i >= n)
        break;
      region.start = i;
      while (i < n && !(u[i] == '\n' && i + 1 < n && (u[i + 1] == '\n' || u[i + 1] == '\r')))
        i++;
      region.end = dossier_scan_trim_end (u, region.start, i);
      g_array_append_val (regions, region);
    }
  return regions;
}

static GArray *
refine (const gunichar *u,
        guint           n,
        GArray         *regions)
{
  Refiner r = { 0, };
  g_autoptr(GArray) own = NULL;
  guint pos = 0;

  if (regions == NULL)
    regions = own = paragraph_regions (u, n);

  r.u = u;
  r.n = n;
  r.out = g_array_sized_new (FALSE, FALSE, sizeof (DossierRegion), regions->len + 8);
  r.pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  r.sentences = g_array_new (FALSE, FALSE, sizeof (guint));
  r.sentence_flags = g_array_new (FALSE, FALSE, sizeof (guint8));
  r.candidates = g_array_new (FALSE, FALSE, sizeof (guint));
  r.title_hits = g_array_new (FALSE, FALSE, sizeof (guint));

  /* The first headline is the title. */
  if (regions->len > 0)
    {
      const DossierRegion *first = &g_array_index (regions, DossierRegion, 0);
      guint start = dossier_scan_skip_space (u, MIN (first->start, n), MIN (first->end, n));
      guint end = dossier_scan_trim_end (u, start, MIN (first->end, n));

      if (first->kind == DOSSIER_REGION_HEADLINE && end - start >= MIN_TITLE_CHARS &&
          end - start <= MAX_TITLE_CHARS)
        {
          r.title_len = end - start;
          find_title_hits (&r, start, r.title_len);
        }
    }

  for (guint k = 0; k < regions->len; k++)
    {
      const DossierRegion *region = &g_array_index (regions, DossierRegion, k);
      guint start = MIN (MAX (region->start, pos), n), end = MIN (region->end, n);

      /* Out of order or overlapping regions are clipped, never read twice. */
      if (end <= start)
        continue;
      pos = end;
      if (region->kind == DOSSIER_REGION_PARAGRAPH)
        refine_paragraph (&r, start, end, k == 0);
      else
        emit (&r, region->kind, start, end);
    }

  g_array_unref (r.pieces);
  g_array_unref (r.sentences);
  g_array_unref (r.sentence_flags);
  g_array_unref (r.candidates);
  g_array_unref (r.title_hits);
  g_free (r.word_keys);
  g_free (r.word_counts);
  return r.out;
}

GArray *
dossier_scan_refine_regions (const gunichar *u,
                             guint           n,
                             GArray         *regions)
{
  return refine (u, n, regions);
}

GArray *
dossier_extract_regions (const char *text,
                         GArray     *regions)
{
  g_autofree gunichar *u = NULL;
  guint n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  u = dossier_scan_decode (text, &n);
  return refine (u, n, regions);
}

gboolean
dossier_regions_is_furniture (GArray *regions,
                              guint   start,
                              guint   end)
{
  guint lo = 0, hi;

  g_return_val_if_fail (regions != NULL, FALSE);

  if (end <= start)
    end = start + 1;
  /* Regions are in text order: find the first that ends after @start, then walk while they
   * begin before @end. */
  hi = regions->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (regions, DossierRegion, mid).end <= start)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint k = lo; k < regions->len; k++)
    {
      const DossierRegion *region = &g_array_index (regions, DossierRegion, k);

      if (region->start >= end)
        break;
      if (region->end > start &&
          (region->kind == DOSSIER_REGION_CAPTION || region->kind == DOSSIER_REGION_BOILERPLATE))
        return TRUE;
    }
  return FALSE;
}
