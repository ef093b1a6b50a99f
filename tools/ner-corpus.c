/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-ner"

#include <stdlib.h>
#include <string.h>

#include "dossier-ner-private.h"
#include "ner-corpus.h"

NerDoc *
ner_doc_new (const char *name)
{
  NerDoc *doc = g_new0 (NerDoc, 1);

  doc->name = g_strdup (name);
  doc->words = g_ptr_array_new_with_free_func (g_free);
  doc->tags = g_array_new (FALSE, FALSE, sizeof (guint8));
  doc->sentence_start = g_array_new (FALSE, FALSE, sizeof (gboolean));
  return doc;
}

void
ner_doc_free (NerDoc *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->name);
  g_ptr_array_unref (doc->words);
  g_array_unref (doc->tags);
  g_array_unref (doc->sentence_start);
  g_free (doc);
}

void
ner_doc_append (NerDoc     *doc,
                const char *word,
                guint8      tag,
                gboolean    sentence_start)
{
  g_ptr_array_add (doc->words, g_strdup (word));
  g_array_append_val (doc->tags, tag);
  g_array_append_val (doc->sentence_start, sentence_start);
}

/* One sentence being read: words with a type (-1 for none) and whether a new mention begins
 * there, turned into BILOU when the sentence ends. */
typedef struct {
  GPtrArray *words;
  GArray    *types;    /* int */
  GArray    *begins;   /* gboolean */
} Sentence;

static void
sentence_init (Sentence *s)
{
  s->words = g_ptr_array_new_with_free_func (g_free);
  s->types = g_array_new (FALSE, FALSE, sizeof (int));
  s->begins = g_array_new (FALSE, FALSE, sizeof (gboolean));
}

static void
sentence_clear (Sentence *s)
{
  g_ptr_array_unref (s->words);
  g_array_unref (s->types);
  g_array_unref (s->begins);
}

static void
sentence_add (Sentence   *s,
              const char *word,
              int         type,
              gboolean    begin)
{
  g_ptr_array_add (s->words, g_strdup (word));
  g_array_append_val (s->types, type);
  g_array_append_val (s->begins, begin);
}

static void
sentence_flush (Sentence *s,
                NerDoc   *doc)
{
  guint n = s->words->len;

  for (guint i = 0; i < n; i++)
    {
      int type = g_array_index (s->types, int, i);
      gboolean begin = g_array_index (s->begins, gboolean, i);
      guint8 tag = DOSSIER_NER_TAG_O;

      if (type >= 0)
        {
          int prev = i > 0 ? g_array_index (s->types, int, i - 1) : -1;
          int next = i + 1 < n ? g_array_index (s->types, int, i + 1) : -1;
          gboolean next_begin = i + 1 < n ? g_array_index (s->begins, gboolean, i + 1) : TRUE;
          gboolean starts = begin || prev != type;
          gboolean ends = next != type || next_begin;

          tag = DOSSIER_NER_TAG (type, starts ? (ends ? 3 : 0) : (ends ? 2 : 1));
        }
      ner_doc_append (doc, g_ptr_array_index (s->words, i), tag, i == 0);
    }
  g_ptr_array_set_size (s->words, 0);
  g_array_set_size (s->types, 0);
  g_array_set_size (s->begins, 0);
}

/* PER ORG LOC as the corpora spell them; MISC, products and creative works are not ours. */
static int
type_of_label (const char *label)
{
  if (strcmp (label, "PER") == 0 || strcmp (label, "person") == 0)
    return 0;
  if (strcmp (label, "ORG") == 0 || strcmp (label, "corporation") == 0 ||
      strcmp (label, "group") == 0)
    return 1;
  if (strcmp (label, "LOC") == 0 || strcmp (label, "location") == 0)
    return 2;
  return -1;
}

static void
parse_bio (const char *tag,
           int        *type,
           gboolean   *begin)
{
  *type = -1;
  *begin = FALSE;
  if ((tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-')
    {
      *type = type_of_label (tag + 2);
      *begin = tag[0] == 'B';
    }
}

static void
finish_doc (GPtrArray  *docs,
            NerDoc    **doc)
{
  if (*doc != NULL && (*doc)->words->len > 0)
    g_ptr_array_add (docs, *doc);
  else
    ner_doc_free (*doc);
  *doc = NULL;
}

/* GUM: mentions open with "(id-type-infstat-salience-centering-minspan-..." in the MISC
 * column's Entity= value and close with "id)".  The minimal span (positions within the
 * mention, 1-based) marks the head words; a mention of a person, organization or place
 * whose minimal span begins and ends on proper nouns is a name, and that span is kept. */
typedef struct {
  guint  id;
  int    type;
  guint  start;         /* token index in the document */
  guint  min_first;     /* 1-based positions within the mention */
  guint  min_last;
  char  *identity;      /* the Wikipedia name of a known entity ("Rishi_Sunak"), or NULL */
} GumMention;

static int
gum_type (const char *name)
{
  if (strcmp (name, "person") == 0)
    return 0;
  if (strcmp (name, "organization") == 0)
    return 1;
  if (strcmp (name, "place") == 0)
    return 2;
  return -1;
}

static void
gum_open (GArray     *open,
          const char *spec,
          gsize       len,
          guint       token)
{
  g_autofree char *copy = g_strndup (spec, len);
  g_auto(GStrv) fields = g_strsplit (copy, "-", 8);
  GumMention m = { 0 };

  if (g_strv_length (fields) < 6)
    return;
  m.id = (guint) strtoul (fields[0], NULL, 10);
  m.type = gum_type (fields[1]);
  m.start = token;
  m.min_first = G_MAXUINT;
  m.min_last = 0;
  if (g_strv_length (fields) >= 8 && fields[7][0] != '\0')
    m.identity = g_strdup (fields[7]);
  {
    g_auto(GStrv) positions = g_strsplit (fields[5], ",", -1);

    for (guint i = 0; positions[i] != NULL; i++)
      {
        guint p = (guint) strtoul (positions[i], NULL, 10);

        if (p > 0)
          {
            m.min_first = MIN (m.min_first, p);
            m.min_last = MAX (m.min_last, p);
          }
      }
  }
  g_array_append_val (open, m);
}

static void
gum_mention_clear (gpointer data)
{
  GumMention *m = data;

  g_free (m->identity);
}

/* A person's mention often carries a title ("Home Secretary Suella Braverman", all proper
 * nouns in GUM): when the entity is linked, the name is the longest run of the mention's
 * tokens that occur in the linked name. */
static gboolean
gum_person_span (const GumMention *m,
                 guint             end,
                 GPtrArray        *words,
                 guint            *first,
                 guint            *last)
{
  guint best_len = 0;
  guint run = 0;

  if (m->identity == NULL)
    return FALSE;
  for (guint i = m->start; i <= end; i++)
    {
      const char *w = g_ptr_array_index (words, i);

      if (strlen (w) > 0 && strstr (m->identity, w) != NULL && strcmp (w, "-") != 0)
        run++;
      else if (strcmp (w, "-") == 0 && run > 0 && strchr (m->identity, '-') != NULL)
        run++;
      else
        run = 0;
      if (run > best_len)
        {
          best_len = run;
          *last = i;
          *first = i + 1 - run;
        }
    }
  return best_len > 0;
}

/* Titles GUM keeps inside a person's name ("Mr. Smith", "President Obama"); the other
 * corpora, and the entity extractor, leave them out. */
static gboolean
is_title (const char *word)
{
  static const char *const titles[] = {
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Prof", "Prof.", "Sir", "Dame",
    "Lord", "Lady", "President", "Senator", "Sen.", "Governor", "Gov.", "General", "Gen.",
    "Minister", "Prime", "Secretary", "Judge", "Justice", "King", "Queen", "Prince",
    "Princess", "Emperor", "Pope", "Rev.", "Reverend", "Father", "Captain", "Capt.",
    "Colonel", "Col.", "Mayor", "Chancellor", "Ambassador", "Professor", "Doctor",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (titles); i++)
    if (strcmp (word, titles[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
gum_close (GArray    *open,
           guint      id,
           guint      token,
           GArray    *spans,
           GArray    *upos_propn,
           GPtrArray *words)
{
  for (guint k = open->len; k > 0; k--)
    {
      GumMention *m = &g_array_index (open, GumMention, k - 1);

      if (m->id != id)
        continue;
      if (m->type >= 0 && m->min_first != G_MAXUINT)
        {
          guint first = m->start + m->min_first - 1;
          guint last = m->start + m->min_last - 1;

          if (m->type == 0)
            {
              gum_person_span (m, token, words, &first, &last);
              while (first < last && is_title (g_ptr_array_index (words, first)))
                first++;
            }
          if (last <= token && g_array_index (upos_propn, gboolean, first) &&
              g_array_index (upos_propn, gboolean, last))
            {
              NerSpan span = { first, last + 1, (guint) m->type };

              g_array_append_val (spans, span);
            }
        }
      g_array_remove_index (open, k - 1);
      return;
    }
}

static int
compare_span_length (gconstpointer a,
                     gconstpointer b)
{
  const NerSpan *x = a, *y = b;
  guint lx = x->end - x->start, ly = y->end - y->start;

  if (lx != ly)
    return lx > ly ? -1 : 1;
  return x->start < y->start ? -1 : x->start > y->start;
}

static gboolean
read_gum (const char  *path,
          const char  *contents,
          GPtrArray   *docs)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GArray) propn = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (GumMention));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (NerSpan));
  g_autofree int *types = NULL;
  g_autofree gboolean *begins = NULL;
  g_autofree char *name = g_path_get_basename (path);
  NerDoc *doc;
  gboolean new_sentence = TRUE;

  g_array_set_clear_func (open, gum_mention_clear);

  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_auto(GStrv) cols = NULL;
      const char *entity;
      guint token;
      gboolean is_propn;

      if (lines[l][0] == '\0')
        {
          new_sentence = TRUE;
          continue;
        }
      if (lines[l][0] == '#')
        continue;
      cols = g_strsplit (lines[l], "\t", 11);
      if (g_strv_length (cols) < 10 || strchr (cols[0], '-') != NULL ||
          strchr (cols[0], '.') != NULL)
        continue;

      token = words->len;
      g_ptr_array_add (words, g_strdup (cols[1]));
      g_array_append_val (starts, new_sentence);
      is_propn = strcmp (cols[3], "PROPN") == 0;
      g_array_append_val (propn, is_propn);
      new_sentence = FALSE;

      entity = strstr (cols[9], "Entity=");
      if (entity == NULL)
        continue;
      entity += strlen ("Entity=");
      while (*entity != '\0' && *entity != '|')
        {
          if (*entity == '(')
            {
              const char *spec = entity + 1;
              const char *e = spec;

              while (*e != '\0' && *e != '|' && *e != '(' && *e != ')')
                e++;
              gum_open (open, spec, e - spec, token);
              if (*e == ')')
                {
                  gum_close (open, (guint) strtoul (spec, NULL, 10), token, spans, propn, words);
                  e++;
                }
              entity = e;
            }
          else if (g_ascii_isdigit (*entity))
            {
              char *e;
              guint id = (guint) strtoul (entity, &e, 10);

              if (*e == ')')
                {
                  gum_close (open, id, token, spans, propn, words);
                  e++;
                }
              entity = e;
            }
          else
            entity++;
        }
    }

  /* Flat names: longer mentions first, a nested one only where it overlaps nothing kept. */
  g_array_sort (spans, compare_span_length);
  types = g_new (int, MAX (words->len, 1));
  begins = g_new0 (gboolean, MAX (words->len, 1));
  for (guint i = 0; i < words->len; i++)
    types[i] = -1;
  for (guint k = 0; k < spans->len; k++)
    {
      const NerSpan *s = &g_array_index (spans, NerSpan, k);
      gboolean free_span = TRUE;

      for (guint i = s->start; i < s->end; i++)
        if (types[i] >= 0)
          free_span = FALSE;
      for (guint i = s->start + 1; i < s->end; i++)
        if (g_array_index (starts, gboolean, i))
          free_span = FALSE;
      if (!free_span)
        continue;
      for (guint i = s->start; i < s->end; i++)
        types[i] = (int) s->type;
      begins[s->start] = TRUE;
    }

  doc = ner_doc_new (name);
  {
    Sentence s;

    sentence_init (&s);
    for (guint i = 0; i < words->len; i++)
      {
        if (g_array_index (starts, gboolean, i) && s.words->len > 0)
          sentence_flush (&s, doc);
        sentence_add (&s, g_ptr_array_index (words, i), types[i], begins[i]);
      }
    sentence_flush (&s, doc);
    sentence_clear (&s);
  }
  finish_doc (docs, &doc);
  return TRUE;
}

gboolean
ner_corpus_read (const char  *path,
                 NerFormat    format,
                 GPtrArray   *docs,
                 GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_auto(GStrv) lines = NULL;
  NerDoc *doc = NULL;
  Sentence s;
  guint n_docs = 0;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;
  if (format == NER_FORMAT_GUM)
    return read_gum (path, contents, docs);

  lines = g_strsplit (contents, "\n", -1);
  sentence_init (&s);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      char *line = g_strchomp (lines[l]);
      const char *word = NULL, *tag = NULL;
      g_auto(GStrv) cols = NULL;
      int type;
      gboolean begin;

      if (doc == NULL)
        {
          g_autofree char *name = g_strdup_printf ("%s#%u", base, n_docs++);

          doc = ner_doc_new (name);
        }

      if (line[0] == '\0')
        {
          if (s.words->len > 0)
            {
              sentence_flush (&s, doc);
              if (format == NER_FORMAT_IOB2)
                finish_doc (docs, &doc);
            }
          continue;
        }
      if (format == NER_FORMAT_UNER && line[0] == '#')
        {
          if (g_str_has_prefix (line, "# newdoc"))
            {
              if (s.words->len > 0)
                sentence_flush (&s, doc);
              finish_doc (docs, &doc);
            }
          continue;
        }
      if (format == NER_FORMAT_WIKIGOLD && g_str_has_prefix (line, "-DOCSTART-"))
        {
          if (s.words->len > 0)
            sentence_flush (&s, doc);
          finish_doc (docs, &doc);
          continue;
        }

      switch (format)
        {
        case NER_FORMAT_WIKIGOLD:
          {
            char *space = strrchr (line, ' ');

            if (space == NULL)
              continue;
            *space = '\0';
            word = line;
            tag = space + 1;
          }
          break;
        case NER_FORMAT_IOB2:
          cols = g_strsplit (line, "\t", 3);
          if (g_strv_length (cols) < 2)
            continue;
          word = cols[0];
          tag = cols[1];
          break;
        case NER_FORMAT_UNER:
          cols = g_strsplit (line, "\t", 4);
          if (g_strv_length (cols) < 3)
            continue;
          word = cols[1];
          tag = cols[2];
          break;
        case NER_FORMAT_GUM:
        default:
          g_assert_not_reached ();
        }

      parse_bio (tag, &type, &begin);
      /* IOB1 (wikigold) marks with B- only a mention that follows one of the same type; IOB2
       * begins every mention with B-.  A stray I- after another type starts a mention in
       * both. */
      sentence_add (&s, word, type, begin);
    }
  if (doc != NULL)
    {
      if (s.words->len > 0)
        sentence_flush (&s, doc);
      finish_doc (docs, &doc);
    }
  sentence_clear (&s);
  return TRUE;
}

GArray *
ner_spans (const guint8 *tags,
           guint         n)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (NerSpan));
  NerSpan cur = { 0, 0, G_MAXUINT };

  for (guint i = 0; i <= n; i++)
    {
      guint tag = i < n ? tags[i] : DOSSIER_NER_TAG_O;
      guint type = tag == DOSSIER_NER_TAG_O ? G_MAXUINT : DOSSIER_NER_TAG_TYPE (tag);
      guint part = tag == DOSSIER_NER_TAG_O ? 0 : DOSSIER_NER_TAG_PART (tag);
      gboolean continues = cur.type != G_MAXUINT && type == cur.type && (part == 1 || part == 2);

      if (!continues && cur.type != G_MAXUINT)
        {
          cur.end = i;
          g_array_append_val (spans, cur);
          cur.type = G_MAXUINT;
        }
      if (type != G_MAXUINT && !continues)
        {
          cur.start = i;
          cur.type = type;
        }
      if (cur.type != G_MAXUINT && (part == 2 || part == 3))
        {
          cur.end = i + 1;
          g_array_append_val (spans, cur);
          cur.type = G_MAXUINT;
        }
    }
  return spans;
}

void
ner_counts_add (NerCounts    *counts,
                const guint8 *gold,
                const guint8 *found,
                guint         n)
{
  g_autoptr(GArray) g = ner_spans (gold, n);
  g_autoptr(GArray) f = ner_spans (found, n);
  guint j = 0;

  for (guint i = 0; i < g->len; i++)
    counts->gold[g_array_index (g, NerSpan, i).type]++;
  for (guint i = 0; i < f->len; i++)
    counts->found[g_array_index (f, NerSpan, i).type]++;
  /* Both lists are in text order and neither overlaps itself. */
  for (guint i = 0; i < f->len; i++)
    {
      const NerSpan *x = &g_array_index (f, NerSpan, i);

      while (j < g->len && g_array_index (g, NerSpan, j).start < x->start)
        j++;
      if (j < g->len)
        {
          const NerSpan *y = &g_array_index (g, NerSpan, j);

          if (y->start == x->start && y->end == x->end && y->type == x->type)
            counts->correct[x->type]++;
        }
    }
}

void
ner_counts_score (const NerCounts *counts,
                  guint            type,
                  double          *precision,
                  double          *recall,
                  double          *f1)
{
  guint gold = 0, found = 0, correct = 0;

  for (guint t = 0; t < 3; t++)
    if (type == 3 || type == t)
      {
        gold += counts->gold[t];
        found += counts->found[t];
        correct += counts->correct[t];
      }
  *precision = found > 0 ? (double) correct / found : 0;
  *recall = gold > 0 ? (double) correct / gold : 0;
  *f1 = *precision + *recall > 0 ? 2 * *precision * *recall / (*precision + *recall) : 0;
}
