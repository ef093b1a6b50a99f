/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-entity-quality"

/*
 * Scores the whole entity extractor (dossier_extract_entities(): rules, gazetteers and the
 * learned tagger together) on hand-annotated text nobody here wrote and the tagger was not
 * trained on: GUM's news documents (GUM_news_*.conllu) and Universal NER's English Web
 * Treebank test file (en_ewt-ud-test.iob2), from the shared corpus's ner-train folder.
 *
 *   quality-entities-heldout [--min-f1 X] [--verbose] [--dev] NER_TRAIN_DIR
 *
 * --dev scores the development part instead (GUM's other genres, UNER EWT dev): the part the
 * rules and the tagger may be tuned on; the held-out part is for reporting only.
 *
 * Each document's text is rebuilt from its sentences' "# text" lines (a blank line between
 * GUM's paragraphs), the gold names are placed on it token by token, and the extractor runs
 * on the text alone.  Scored as conlleval does: a mention is right when its span and its type
 * are exactly the gold ones; micro P/R/F1 per type (person, organisation, place; an outlet
 * counts as an organisation) and over all.  GUM marks every mention; as its README says, only
 * those headed by a proper noun are names, and a leading determiner or a trailing possessive
 * is not part of a name.  Exits 1 when the overall F1 of either set is under --min-f1, and 77
 * (skipped) when the folder is absent.
 */

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-extract.h"

enum { PER, ORG, LOC, N_TYPES };
static const char *type_names[N_TYPES] = { "person", "organization", "place" };

typedef struct {
  guint start;
  guint end;
  int   type;
} Name;

typedef struct {
  GString *text;
  GArray  *names;   /* Name, in code points */
} Document;

typedef struct {
  guint tp[N_TYPES];
  guint found[N_TYPES];
  guint gold[N_TYPES];
} Counts;

static gboolean verbose;

static void
document_free (Document *doc)
{
  g_string_free (doc->text, TRUE);
  g_array_unref (doc->names);
  g_free (doc);
}

static Document *
document_new (void)
{
  Document *doc = g_new0 (Document, 1);

  doc->text = g_string_new (NULL);
  doc->names = g_array_new (FALSE, FALSE, sizeof (Name));
  return doc;
}

static int
type_of (const char *label)
{
  if (g_ascii_strncasecmp (label, "per", 3) == 0)
    return PER;
  if (g_ascii_strncasecmp (label, "org", 3) == 0)
    return ORG;
  if (g_ascii_strncasecmp (label, "loc", 3) == 0 || g_ascii_strncasecmp (label, "place", 5) == 0)
    return LOC;
  return -1;
}

/* A token of a sentence and where it sits in the document's text, in code points. */
typedef struct {
  char  *form;
  char  *upos;
  guint  head;      /* 0: the root; CoNLL-U only */
  char  *label;     /* IOB2 label, or the MISC column */
  guint  start;
  guint  end;
} Token;

static void
token_clear (gpointer data)
{
  Token *token = data;

  g_free (token->form);
  g_free (token->upos);
  g_free (token->label);
}

/* Appends @sentence (its "# text") to the document and places its tokens in it.  FALSE when
 * a token is not found in order (a sentence whose text and tokens disagree). */
static gboolean
place_sentence (Document   *doc,
                const char *sentence,
                GArray     *tokens,
                const char *separator)
{
  glong base;
  const char *p = sentence;

  if (doc->text->len > 0)
    g_string_append (doc->text, separator);
  base = g_utf8_strlen (doc->text->str, (gssize) doc->text->len);
  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);
      const char *at = strstr (p, token->form);

      if (at == NULL)
        return FALSE;
      token->start = (guint) (base + g_utf8_pointer_to_offset (sentence, at));
      token->end = token->start + (guint) g_utf8_strlen (token->form, -1);
      p = at + strlen (token->form);
    }
  g_string_append (doc->text, sentence);
  return TRUE;
}

static void
add_name (Document *doc,
          guint     start,
          guint     end,
          int       type)
{
  Name name = { start, end, type };

  if (type >= 0 && end > start)
    g_array_append_val (doc->names, name);
}

/* IOB2 (Universal NER): "# newdoc", "# text = …", then id, token, label columns. */
static GPtrArray *
read_iob2 (const char  *path,
           GError     **error)
{
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) document_free);
  g_autoptr(GArray) tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_autofree char *sentence = NULL;
  Document *doc = NULL;

  g_array_set_clear_func (tokens, token_clear);
  if (!g_file_get_contents (path, &data, NULL, error))
    {
      g_ptr_array_unref (docs);
      return NULL;
    }
  lines = g_strsplit (data, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      const char *line = lines[l];

      if (g_str_has_prefix (line, "# newdoc") || doc == NULL)
        {
          doc = document_new ();
          g_ptr_array_add (docs, doc);
        }
      if (g_str_has_prefix (line, "# text = "))
        {
          g_free (sentence);
          sentence = g_strdup (line + strlen ("# text = "));
        }
      else if (line[0] != '#' && line[0] != '\0')
        {
          g_auto(GStrv) cols = g_strsplit (line, "\t", -1);
          Token token = { 0, };

          if (g_strv_length (cols) < 3)
            continue;
          token.form = g_strdup (cols[1]);
          token.label = g_strdup (cols[2]);
          g_array_append_val (tokens, token);
        }
      else if (line[0] == '\0' && tokens->len > 0)
        {
          if (sentence != NULL && place_sentence (doc, sentence, tokens, " "))
            {
              int open = -1;
              guint open_start = 0, open_end = 0;

              for (guint i = 0; i <= tokens->len; i++)
                {
                  const char *label = i < tokens->len
                                        ? g_array_index (tokens, Token, i).label : "O";
                  gboolean inside = label[0] == 'I' && label[1] == '-' && open >= 0 &&
                                    type_of (label + 2) == open;

                  if (inside)
                    {
                      open_end = g_array_index (tokens, Token, i).end;
                      continue;
                    }
                  if (open >= 0)
                    add_name (doc, open_start, open_end, open);
                  open = -1;
                  if ((label[0] == 'B' || label[0] == 'I') && label[1] == '-')
                    {
                      open = type_of (label + 2);
                      open_start = g_array_index (tokens, Token, i).start;
                      open_end = g_array_index (tokens, Token, i).end;
                    }
                }
            }
          g_array_set_size (tokens, 0);
          g_clear_pointer (&sentence, g_free);
        }
    }
  return docs;
}

/* A GUM mention being read: opened at token @first. */
typedef struct {
  guint id;
  int   type;
  guint first;
} Open;

/* The names of one GUM sentence: its mentions of persons, organisations and places whose
 * head (the token whose head lies outside the mention) is a proper noun, without a leading
 * determiner or a trailing possessive. */
static void
gum_sentence_names (Document *doc,
                    GArray   *tokens)
{
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (Open));

  for (guint i = 0; i < tokens->len; i++)
    {
      const char *misc = g_array_index (tokens, Token, i).label;
      const char *entity = strstr (misc, "Entity=");
      const char *p;

      if (entity == NULL)
        continue;
      p = entity + strlen ("Entity=");
      while (*p != '\0' && *p != '|')
        {
          if (*p == '(')
            {
              Open o = { 0, -1, i };
              char *end;
              g_autofree char *type = NULL;
              const char *dash;

              o.id = (guint) strtoul (p + 1, &end, 10);
              p = end;
              if (*p == '-')
                {
                  dash = strchr (p + 1, '-');
                  type = dash != NULL ? g_strndup (p + 1, (gsize) (dash - p - 1)) : NULL;
                  o.type = type != NULL ? type_of (type) : -1;
                }
              while (*p != '\0' && *p != '|' && *p != '(' && *p != ')')
                p++;
              if (*p == ')')
                {
                  /* One token. */
                  g_array_append_val (open, o);
                  p++;
                  goto close_last;
                }
              g_array_append_val (open, o);
              continue;
            }
          else if (g_ascii_isdigit (*p))
            {
              char *end;
              guint id = (guint) strtoul (p, &end, 10);
              guint k;

              p = end;
              if (*p == ')')
                p++;
              for (k = open->len; k > 0; k--)
                if (g_array_index (open, Open, k - 1).id == id)
                  break;
              if (k == 0)
                continue;
              {
                Open o = g_array_index (open, Open, k - 1);

                g_array_remove_index (open, k - 1);
                g_array_append_val (open, o);
              }
              goto close_last;
            }
          p++;
          continue;

close_last:
          {
            Open o = g_array_index (open, Open, open->len - 1);
            guint first = o.first, last = i;
            gboolean proper = FALSE;

            g_array_set_size (open, open->len - 1);
            if (o.type < 0)
              continue;
            for (guint t = first; t <= last; t++)
              {
                const Token *token = &g_array_index (tokens, Token, t);

                if ((token->head == 0 || token->head - 1 < first || token->head - 1 > last) &&
                    g_strcmp0 (token->upos, "PROPN") == 0)
                  proper = TRUE;
              }
            while (first < last && g_strcmp0 (g_array_index (tokens, Token, first).upos,
                                              "DET") == 0)
              first++;
            while (last > first && g_strcmp0 (g_array_index (tokens, Token, last).upos,
                                              "PART") == 0)
              last--;
            if (proper)
              add_name (doc, g_array_index (tokens, Token, first).start,
                        g_array_index (tokens, Token, last).end, o.type);
          }
        }
    }
}

static Document *
read_gum (const char  *path,
          GError     **error)
{
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_autofree char *sentence = NULL;
  Document *doc = document_new ();
  gboolean new_paragraph = FALSE;

  g_array_set_clear_func (tokens, token_clear);
  if (!g_file_get_contents (path, &data, NULL, error))
    {
      document_free (doc);
      return NULL;
    }
  lines = g_strsplit (data, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      const char *line = lines[l];

      if (g_str_has_prefix (line, "# newpar"))
        new_paragraph = TRUE;
      else if (g_str_has_prefix (line, "# text = "))
        {
          g_free (sentence);
          sentence = g_strdup (line + strlen ("# text = "));
        }
      else if (line[0] != '#' && line[0] != '\0')
        {
          g_auto(GStrv) cols = g_strsplit (line, "\t", -1);
          Token token = { 0, };

          /* Multi-word token ranges ("1-2") and empty nodes ("1.1") carry no mention. */
          if (g_strv_length (cols) < 10 || strchr (cols[0], '-') || strchr (cols[0], '.'))
            continue;
          token.form = g_strdup (cols[1]);
          token.upos = g_strdup (cols[3]);
          token.head = (guint) strtoul (cols[6], NULL, 10);
          token.label = g_strdup (cols[9]);
          g_array_append_val (tokens, token);
        }
      else if (line[0] == '\0' && tokens->len > 0)
        {
          if (sentence != NULL &&
              place_sentence (doc, sentence, tokens, new_paragraph ? "\n\n" : " "))
            gum_sentence_names (doc, tokens);
          new_paragraph = FALSE;
          g_array_set_size (tokens, 0);
          g_clear_pointer (&sentence, g_free);
        }
    }
  return doc;
}

static int
found_type (DossierEntityKind kind)
{
  switch (kind)
    {
    case DOSSIER_ENTITY_PERSON:
      return PER;
    case DOSSIER_ENTITY_PLACE:
      return LOC;
    case DOSSIER_ENTITY_ORGANIZATION:
    case DOSSIER_ENTITY_OUTLET:
    default:
      return ORG;
    }
}

static void
score_document (const Document *doc,
                Counts         *counts)
{
  g_autoptr(GPtrArray) entities = dossier_extract_entities (doc->text->str, NULL);
  g_autoptr(GHashTable) gold = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < doc->names->len; i++)
    {
      const Name *name = &g_array_index (doc->names, Name, i);

      if (g_hash_table_insert (gold, g_strdup_printf ("%u:%u:%d", name->start, name->end,
                                                      name->type), NULL))
        counts->gold[name->type]++;
    }
  for (guint e = 0; e < entities->len; e++)
    {
      const DossierEntityMention *entity = g_ptr_array_index (entities, e);
      int type = found_type (entity->kind);

      for (guint m = 0; m < entity->mentions->len; m++)
        {
          const DossierSpan *span = &g_array_index (entity->mentions, DossierSpan, m);
          g_autofree char *key = g_strdup_printf ("%u:%u:%d", span->start, span->end, type);

          counts->found[type]++;
          if (g_hash_table_remove (gold, key))
            counts->tp[type]++;
          else if (verbose)
            {
              const char *a = g_utf8_offset_to_pointer (doc->text->str, span->start);
              const char *b = g_utf8_offset_to_pointer (a, span->end - span->start);

              g_print ("  extra   %-12s %.*s\n", type_names[type], (int) (b - a), a);
            }
        }
    }
  if (verbose)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, gold);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          guint start, end;
          int type;

          if (sscanf (key, "%u:%u:%d", &start, &end, &type) == 3)
            {
              const char *a = g_utf8_offset_to_pointer (doc->text->str, start);
              const char *b = g_utf8_offset_to_pointer (a, end - start);

              g_print ("  missed  %-12s %.*s\n", type_names[type], (int) (b - a), a);
            }
        }
    }
}

static double
f1 (guint tp,
    guint found,
    guint gold)
{
  double p = found ? (double) tp / found : 0, r = gold ? (double) tp / gold : 0;

  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

/* Prints the table of @counts; returns the overall F1. */
static double
report (const char   *title,
        guint         n_docs,
        const Counts *counts)
{
  guint tp = 0, found = 0, gold = 0;

  g_print ("%s: %u documents\n", title, n_docs);
  g_print ("  %-13s %6s %6s %6s %6s\n", "type", "gold", "P", "R", "F1");
  for (int t = 0; t < N_TYPES; t++)
    {
      g_print ("  %-13s %6u %6.3f %6.3f %6.3f\n", type_names[t], counts->gold[t],
               counts->found[t] ? (double) counts->tp[t] / counts->found[t] : 0,
               counts->gold[t] ? (double) counts->tp[t] / counts->gold[t] : 0,
               f1 (counts->tp[t], counts->found[t], counts->gold[t]));
      tp += counts->tp[t];
      found += counts->found[t];
      gold += counts->gold[t];
    }
  g_print ("  %-13s %6u %6.3f %6.3f %6.3f\n\n", "all", gold, found ? (double) tp / found : 0,
           gold ? (double) tp / gold : 0, f1 (tp, found, gold));
  return f1 (tp, found, gold);
}

int
main (int    argc,
      char **argv)
{
  double min_f1 = 0;
  gboolean dev = FALSE;
  GOptionEntry entries[] = {
    { "dev", 0, 0, G_OPTION_ARG_NONE, &dev, "Score the development part", NULL },
    { "min-f1", 0, 0, G_OPTION_ARG_DOUBLE, &min_f1, "Fail under this overall F1", "X" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "List every miss and extra", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("NER_TRAIN_DIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gum = g_ptr_array_new_with_free_func ((GDestroyNotify) document_free);
  g_autoptr(GPtrArray) ewt = NULL;
  g_autofree char *gum_dir = NULL;
  g_autofree char *ewt_path = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  Counts gum_counts = { 0, }, ewt_counts = { 0, };
  double gum_f1, ewt_f1;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("quality-entities-heldout: %s\n", error ? error->message : "give the folder");
      return 2;
    }
  gum_dir = g_build_filename (argv[1], "gum", NULL);
  ewt_path = g_build_filename (argv[1], "uner-ewt",
                               dev ? "en_ewt-ud-dev.iob2" : "en_ewt-ud-test.iob2", NULL);
  if (!g_file_test (gum_dir, G_FILE_TEST_IS_DIR) || !g_file_test (ewt_path, G_FILE_TEST_EXISTS))
    {
      g_print ("SKIP: %s is not there (the shared corpus is beside the clone)\n", argv[1]);
      return 77;
    }

  dir = g_dir_open (gum_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "GUM_news_") != dev && g_str_has_suffix (name, ".conllu"))
      {
        g_autofree char *path = g_build_filename (gum_dir, name, NULL);
        Document *doc = read_gum (path, &error);

        g_assert_no_error (error);
        g_ptr_array_add (gum, doc);
      }
  ewt = read_iob2 (ewt_path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < gum->len; i++)
    score_document (g_ptr_array_index (gum, i), &gum_counts);
  for (guint i = 0; i < ewt->len; i++)
    score_document (g_ptr_array_index (ewt, i), &ewt_counts);

  gum_f1 = report (dev ? "GUM other genres (development)" : "GUM news (held out)", gum->len,
                   &gum_counts);
  ewt_f1 = report (dev ? "UNER English Web Treebank dev (development)"
                       : "UNER English Web Treebank test (held out)", ewt->len, &ewt_counts);
  if (gum_f1 < min_f1 || ewt_f1 < min_f1)
    {
      g_print ("FAIL: F1 under %.2f\n", min_f1);
      return 1;
    }
  return 0;
}
