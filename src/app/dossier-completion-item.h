/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DOSSIER_TYPE_COMPLETION_ITEM (dossier_completion_item_get_type ())

G_DECLARE_FINAL_TYPE (DossierCompletionItem, dossier_completion_item, DOSSIER, COMPLETION_ITEM,
                      GObject)

/**
 * DossierCompletionItem:
 * One suggestion of a DossierCompletionEntry: the @text put into the entry when it is
 * chosen, the @label shown for it in the list ("IRNA — State media, IR"), an optional
 * dimmed @detail line, and the names it is found by (@text and, say, a source's aliases).
 */
DossierCompletionItem *dossier_completion_item_new        (const char         *text,
                                                           const char         *label,
                                                           const char         *detail,
                                                           const char * const *aliases);
const char            *dossier_completion_item_get_text   (DossierCompletionItem *self);
const char            *dossier_completion_item_get_label  (DossierCompletionItem *self);
/* NULL when there is none. */
const char            *dossier_completion_item_get_detail (DossierCompletionItem *self);
/* The text, folded with dossier_completion_fold(). */
const char            *dossier_completion_item_get_key    (DossierCompletionItem *self);

/* How well the item matches @key, a string folded with dossier_completion_fold(): -1 when
 * it does not, else a rank where lower is better (the text starts with @key, then an alias
 * does, then a word of either does, then either contains it).  An empty @key matches all. */
int                    dossier_completion_item_match      (DossierCompletionItem *self,
                                                           const char            *key);

/* @text compared the way a person expects when typing a name: case and accents ignored,
 * surrounding white space dropped.  Free with g_free(). */
char                  *dossier_completion_fold            (const char            *text);

G_END_DECLS
