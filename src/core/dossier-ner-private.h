/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-ner.h"

G_BEGIN_DECLS

/*
 * The token level of the tagger, shared by the trainer (tools/ner-train.c), the evaluation
 * (tests/quality-ner.c) and dossier-ner.c, so that all three compute the same features.
 *
 * Tags: 0 is O; for type k (0 PER, 1 ORG, 2 LOC) B is 1 + 4k, I 2 + 4k, L 3 + 4k, U 4 + 4k.
 */

#define DOSSIER_NER_N_TAGS        13
#define DOSSIER_NER_N_TYPES       3
/* Weights are kept 16 to a bucket in memory (13 used) so that scoring adds whole rows. */
#define DOSSIER_NER_ROW           16
#define DOSSIER_NER_FEATURE_SET   2
#define DOSSIER_NER_MAX_FEATURES  64

#define DOSSIER_NER_TAG_O         0
#define DOSSIER_NER_TAG(type, part) (1 + 4 * (type) + (part))   /* part: 0 B, 1 I, 2 L, 3 U */
#define DOSSIER_NER_TAG_TYPE(tag)   (((tag) - 1) / 4)
#define DOSSIER_NER_TAG_PART(tag)   (((tag) - 1) % 4)

typedef struct {
  guint32 word;
  guint32 lower;
  guint32 shape;
  guint32 short_shape;
  guint32 prefix[4];
  guint32 suffix[4];
  guint16 flags;
  guint16 gazetteer;   /* GAZ_ bits of dossier-ner.c */
} DossierNerTokenInfo;

/* Computes the per-token part of the features of one word (@len bytes of UTF-8). */
void     dossier_ner_token_info        (const char                *word,
                                        gsize                      len,
                                        gboolean                   sentence_start,
                                        DossierNerTokenInfo       *info);
/* Marks the tokens of sentences written in capitals (headlines); call once all tokens of
 * the document have their info. */
void     dossier_ner_mark_caps_lines   (DossierNerTokenInfo       *info,
                                        guint                      n);
/* The features of token @i that do not depend on earlier decisions; returns their number
 * (at most DOSSIER_NER_MAX_FEATURES), bucket indexes masked with @mask. */
guint    dossier_ner_static_features   (const DossierNerTokenInfo *info,
                                        guint                      n,
                                        guint                      i,
                                        guint32                    mask,
                                        guint32                   *out);
/* The features that depend on the tags already given: the previous two tags and what the
 * same word (lowercased) was tagged earlier in the document (@memory: 0 never seen, 1 O,
 * 2 + type). */
guint    dossier_ner_dynamic_features  (const DossierNerTokenInfo *info,
                                        guint                      i,
                                        guint                      prev,
                                        guint                      prev2,
                                        guint                      memory,
                                        guint32                    mask,
                                        guint32                   *out);
/* Whether @tag may follow @prev (DOSSIER_NER_TAG_O at a sentence start), and whether it may
 * end a sentence when @last. */
gboolean dossier_ner_tag_allowed       (guint                      prev,
                                        guint                      tag,
                                        gboolean                   last);
/* Whether a token's tag is remembered for the rest of the document (capitalized words). */
gboolean dossier_ner_token_remembered  (const DossierNerTokenInfo *info);

/* A small map from a word's lowercase hash to its memory value, one per document. */
typedef struct _DossierNerMemory DossierNerMemory;
DossierNerMemory *dossier_ner_memory_new    (void);
void              dossier_ner_memory_free   (DossierNerMemory *memory);
guint             dossier_ner_memory_lookup (DossierNerMemory *memory,
                                             guint32           lower);
void              dossier_ner_memory_record (DossierNerMemory *memory,
                                             guint32           lower,
                                             guint             tag);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierNerMemory, dossier_ner_memory_free)

/* Tags the @n tokens of one document (@sentence_start says where sentences begin), writing
 * a tag id per token into @tags. */
void     dossier_ner_tag_tokens        (const DossierNerModel     *model,
                                        const char *const         *words,
                                        const gboolean            *sentence_start,
                                        guint                      n,
                                        guint8                    *tags);

/* Quantizes @weights (@n_buckets rows of DOSSIER_NER_ROW floats) to int16 and writes a model
 * file, atomically. */
gboolean dossier_ner_model_save_weights (const char               *path,
                                         guint                     n_buckets,
                                         const float              *weights,
                                         GError                  **error);

G_END_DECLS
