/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Readers for the entity corpora in ../shared/corpus/ner-train, shared by the trainer
 * (ner-train.c) and the evaluation (tests/quality-ner.c).  Every format comes out as
 * documents of tokens with gold BILOU tag ids (dossier-ner-private.h) and sentence starts.
 */

typedef enum {
  NER_FORMAT_WIKIGOLD,   /* "word tag" lines, IOB1, -DOCSTART- between documents */
  NER_FORMAT_IOB2,       /* "word<TAB>tag" lines, IOB2; each sentence its own document */
  NER_FORMAT_UNER,       /* "# newdoc" and "# text" comments, then id, word, tag columns */
  NER_FORMAT_GUM,        /* CoNLL-U with GUM's Entity= annotations; the file is a document */
} NerFormat;

typedef struct {
  char      *name;
  GPtrArray *words;            /* char * */
  GArray    *tags;             /* guint8 */
  GArray    *sentence_start;   /* gboolean */
} NerDoc;

void       ner_doc_free     (NerDoc      *doc);
NerDoc    *ner_doc_new      (const char  *name);
void       ner_doc_append   (NerDoc      *doc,
                             const char  *word,
                             guint8       tag,
                             gboolean     sentence_start);

/* Appends the documents of one file to @docs (NerDoc *). */
gboolean   ner_corpus_read  (const char  *path,
                             NerFormat    format,
                             GPtrArray   *docs,
                             GError     **error);

/* A span of tokens [start, end) of entity type @type (0 PER, 1 ORG, 2 LOC). */
typedef struct {
  guint start;
  guint end;
  guint type;
} NerSpan;

/* The entity spans of a sequence of BILOU tags (a stray I or L opens a span of its own, as
 * conlleval would read it). */
GArray    *ner_spans        (const guint8 *tags,
                             guint         n);

typedef struct {
  guint gold[3];
  guint found[3];
  guint correct[3];
} NerCounts;

void       ner_counts_add   (NerCounts    *counts,
                             const guint8 *gold,
                             const guint8 *found,
                             guint         n);
/* Micro precision, recall and F1 over @type, or over all types when @type is 3. */
void       ner_counts_score (const NerCounts *counts,
                             guint            type,
                             double          *precision,
                             double          *recall,
                             double          *f1);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NerDoc, ner_doc_free)

G_END_DECLS
