/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "dossier-entity.h"

G_BEGIN_DECLS

/*
 * A statistical named-entity tagger: an averaged perceptron over BILOU tags for persons,
 * organizations and places, with hashed features, trained by tools/ner-train.c on openly
 * licensed corpora (see README.md).  The model is immutable once loaded and may be shared by
 * any number of threads.
 */
typedef struct _DossierNerModel DossierNerModel;

DossierNerModel *dossier_ner_model_load        (const char       *path,
                                                GError          **error);
DossierNerModel *dossier_ner_model_load_bytes  (GBytes           *bytes,
                                                const char       *name,
                                                GError          **error);
DossierNerModel *dossier_ner_model_ref         (DossierNerModel  *model);
void             dossier_ner_model_unref       (DossierNerModel  *model);

/* The shipped model, loaded once per process: $DOSSIER_NER_MODEL if set, else the installed
 * copy, else the copy in the source tree.  NULL (after one message on stderr naming the file
 * and the reason) when none loads.  Owned by the process: do not unref. */
DossierNerModel *dossier_ner_model_get_default (void);

/* An entity found by the tagger: [start, end) in code points of the text, [byte_start,
 * byte_end) in its bytes; kind is DOSSIER_ENTITY_PERSON, DOSSIER_ENTITY_ORGANIZATION or
 * DOSSIER_ENTITY_PLACE. */
typedef struct {
  guint             start;
  guint             end;
  DossierEntityKind kind;
  gsize             byte_start;
  gsize             byte_end;
} DossierNerSpan;

/* Tokenizes @text (normalized UTF-8, @length bytes, or -1 when NUL-terminated), splits it
 * into sentences at line breaks and sentence punctuation, tags it as one document and
 * returns the entity spans (a GArray of DossierNerSpan) in text order.  The text is taken
 * to be edited (news): a name begins with a capital letter or a digit. */
GArray *dossier_ner_tag_text (const DossierNerModel *model,
                              const char            *text,
                              gsize                  length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierNerModel, dossier_ner_model_unref)

G_END_DECLS
