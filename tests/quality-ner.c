/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-quality-ner"

/*
 * Scores the learned entity tagger (dossier-ner.c) on the data its trainer never sees:
 * GUM's news documents, Universal NER's English Web Treebank test set and the Broad Twitter
 * Corpus test set, all in ../shared/corpus/ner-train.
 *
 *   quality-ner [--verbose] [--model PATH] [--min-f1 SET=X]… [--bench MB] CORPUS_DIR
 *
 * conlleval's measure: a found entity counts when its tokens and its type are exactly those
 * of a gold entity; micro precision, recall and F1 over PER, ORG and LOC, and per type.  The
 * gold tokens are tagged through the token-level API, so tokenization is the corpus's own.
 * SET is gum-news, uner-ewt-test or btc-test.  --bench MB tags that many megabytes of text
 * (the GUM news sentences, repeated, in memory) with dossier_ner_tag_text() and prints the
 * speed.
 *
 * Exits 77 (skipped) when CORPUS_DIR does not exist, 1 when a threshold is not met or a file
 * cannot be read, 2 on bad usage.
 */

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-ner-private.h"
#include "ner-corpus.h"

typedef struct {
  const char *name;
  NerCounts   counts;
  GPtrArray  *docs;
} HeldOut;

static const char *const type_names[] = { "PER", "ORG", "LOC", "all" };

static void
print_spans (const char   *label,
             NerDoc       *doc,
             const guint8 *tags)
{
  g_autoptr(GArray) spans = ner_spans (tags, doc->words->len);

  g_print ("  %s:", label);
  for (guint k = 0; k < spans->len; k++)
    {
      const NerSpan *s = &g_array_index (spans, NerSpan, k);

      g_print (" [%s", type_names[s->type]);
      for (guint i = s->start; i < s->end; i++)
        g_print (" %s", (const char *) g_ptr_array_index (doc->words, i));
      g_print ("]");
    }
  g_print ("\n");
}

static void
score_set (const DossierNerModel *model,
           HeldOut               *set,
           gboolean               verbose)
{
  for (guint d = 0; d < set->docs->len; d++)
    {
      NerDoc *doc = g_ptr_array_index (set->docs, d);
      guint n = doc->words->len;
      g_autofree guint8 *found = g_new (guint8, n);

      /* Through gconstpointer: the array's bytes are gboolean-aligned (clang's cast-align). */
      const gboolean *starts = (gconstpointer) doc->sentence_start->data;

      dossier_ner_tag_tokens (model, (const char *const *) doc->words->pdata, starts, n, found);
      ner_counts_add (&set->counts, (const guint8 *) doc->tags->data, found, n);
      if (verbose)
        {
          g_print ("%s\n", doc->name);
          print_spans ("gold", doc, (const guint8 *) doc->tags->data);
          print_spans ("found", doc, found);
        }
    }
}

static char *
bench_text (GPtrArray *docs)
{
  GString *text = g_string_new (NULL);

  for (guint d = 0; d < docs->len; d++)
    {
      NerDoc *doc = g_ptr_array_index (docs, d);

      for (guint i = 0; i < doc->words->len; i++)
        {
          if (i > 0)
            g_string_append_c (text, g_array_index (doc->sentence_start, gboolean, i) ? '\n'
                                                                                        : ' ');
          g_string_append (text, g_ptr_array_index (doc->words, i));
        }
      g_string_append (text, "\n\n");
    }
  return g_string_free (text, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DossierNerModel) own_model = NULL;
  g_auto(GStrv) min_f1 = NULL;
  g_autofree char *model_path = NULL;
  DossierNerModel *model;
  gboolean verbose = FALSE;
  double bench_mb = 0;
  gboolean failed = FALSE;
  HeldOut sets[] = {
    { "gum-news", { { 0 } }, NULL },
    { "uner-ewt-test", { { 0 } }, NULL },
    { "btc-test", { { 0 } }, NULL },
  };
  GOptionEntry entries[] = {
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Print the gold and found entities of GUM news", NULL },
    { "model", 0, 0, G_OPTION_ARG_FILENAME, &model_path, "The model (default: the shipped one)",
      "PATH" },
    { "min-f1", 0, 0, G_OPTION_ARG_STRING_ARRAY, &min_f1, "Fail when a set's F1 is below X",
      "SET=X" },
    { "bench", 0, 0, G_OPTION_ARG_DOUBLE, &bench_mb, "Measure the tagging speed on MB of text",
      "MB" },
    { NULL }
  };
  const char *dir;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("CORPUS_DIR");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("usage: quality-ner [--verbose] [--model PATH] [--min-f1 SET=X]… "
                  "[--bench MB] CORPUS_DIR\n");
      return 2;
    }
  dir = argv[1];
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_print ("%s: no such folder, skipped\n", dir);
      return 77;
    }

  if (model_path != NULL)
    {
      own_model = dossier_ner_model_load (model_path, &error);
      if (own_model == NULL)
        {
          g_printerr ("quality-ner: %s\n", error->message);
          return 1;
        }
      model = own_model;
    }
  else
    {
      model = dossier_ner_model_get_default ();
      if (model == NULL)
        return 1;
    }

  for (gsize s = 0; s < G_N_ELEMENTS (sets); s++)
    sets[s].docs = g_ptr_array_new_with_free_func ((GDestroyNotify) ner_doc_free);
  {
    g_autofree char *gum_dir = g_build_filename (dir, "gum", NULL);
    g_autofree char *uner = g_build_filename (dir, "uner-ewt", "en_ewt-ud-test.iob2", NULL);
    g_autofree char *btc = g_build_filename (dir, "btc", "btc.test", NULL);
    g_autoptr(GDir) gum = g_dir_open (gum_dir, 0, &error);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
    const char *entry;

    if (gum == NULL)
      {
        g_printerr ("quality-ner: %s\n", error->message);
        return 1;
      }
    while ((entry = g_dir_read_name (gum)) != NULL)
      if (g_str_has_prefix (entry, "GUM_news_") && g_str_has_suffix (entry, ".conllu"))
        g_ptr_array_add (names, g_build_filename (gum_dir, entry, NULL));
    for (guint i = 0; i < names->len; i++)
      if (!ner_corpus_read (g_ptr_array_index (names, i), NER_FORMAT_GUM, sets[0].docs, &error))
        {
          g_printerr ("quality-ner: %s\n", error->message);
          return 1;
        }
    if (!ner_corpus_read (uner, NER_FORMAT_UNER, sets[1].docs, &error) ||
        !ner_corpus_read (btc, NER_FORMAT_IOB2, sets[2].docs, &error))
      {
        g_printerr ("quality-ner: %s\n", error->message);
        return 1;
      }
  }

  g_print ("%-14s %6s %6s  %-5s %6s %6s %6s\n", "set", "docs", "gold", "type", "P", "R", "F1");
  for (gsize s = 0; s < G_N_ELEMENTS (sets); s++)
    {
      score_set (model, &sets[s], verbose && s == 0);
      for (guint t = 0; t < 4; t++)
        {
          double p, r, f;
          guint gold = 0;

          for (guint k = 0; k < 3; k++)
            if (t == 3 || t == k)
              gold += sets[s].counts.gold[k];
          ner_counts_score (&sets[s].counts, t, &p, &r, &f);
          g_print ("%-14s %6u %6u  %-5s %6.3f %6.3f %6.3f\n", sets[s].name, sets[s].docs->len,
                   gold, type_names[t], p, r, f);
        }
    }

  for (guint i = 0; min_f1 != NULL && min_f1[i] != NULL; i++)
    {
      const char *eq = strchr (min_f1[i], '=');
      gboolean known = FALSE;

      for (gsize s = 0; eq != NULL && s < G_N_ELEMENTS (sets); s++)
        if (strncmp (min_f1[i], sets[s].name, eq - min_f1[i]) == 0 &&
            strlen (sets[s].name) == (gsize) (eq - min_f1[i]))
          {
            double p, r, f, want = g_ascii_strtod (eq + 1, NULL);

            known = TRUE;
            ner_counts_score (&sets[s].counts, 3, &p, &r, &f);
            if (f < want)
              {
                g_print ("FAIL: %s F1 %.3f is under %.3f\n", sets[s].name, f, want);
                failed = TRUE;
              }
          }
      if (!known)
        {
          g_printerr ("quality-ner: --min-f1 %s: expected SET=X with SET one of gum-news, "
                      "uner-ewt-test, btc-test\n", min_f1[i]);
          return 2;
        }
    }

  if (bench_mb > 0)
    {
      g_autofree char *sample = bench_text (sets[0].docs);
      gsize sample_len = strlen (sample);
      gsize want = (gsize) (bench_mb * 1e6);
      g_autoptr(GString) text = g_string_sized_new (want + sample_len);
      g_autoptr(GTimer) timer = NULL;
      guint n_spans = 0;
      double seconds;

      while (text->len < want)
        g_string_append_len (text, sample, (gssize) sample_len);
      timer = g_timer_new ();
      /* Article-sized calls, as the extractor would make them. */
      for (gsize off = 0; off < text->len; )
        {
          gsize len = MIN ((gsize) 8192, text->len - off);
          g_autoptr(GArray) spans = NULL;

          while (off + len < text->len && text->str[off + len] != '\n')
            len++;
          spans = dossier_ner_tag_text (model, text->str + off, len);
          n_spans += spans->len;
          off += len;
        }
      seconds = g_timer_elapsed (timer, NULL);
      g_print ("speed: %.1f MB in %.2f s: %.1f MB/s (%u entities)\n", text->len / 1e6,
               seconds, text->len / 1e6 / seconds, n_spans);
    }

  for (gsize s = 0; s < G_N_ELEMENTS (sets); s++)
    g_ptr_array_unref (sets[s].docs);
  return failed ? 1 : 0;
}
