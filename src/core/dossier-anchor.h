/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Characters of context kept on each side of an annotated passage (TextQuoteSelector). */
#define DOSSIER_ANCHOR_CONTEXT 32

/**
 * DossierSelector:
 * Where an annotation sits in a document's normalized text, in the two forms of the W3C Web
 * Annotation model: a TextPositionSelector (@start, @end: code points, end exclusive) and a
 * TextQuoteSelector (@exact, with up to DOSSIER_ANCHOR_CONTEXT code points of @prefix and
 * @suffix).  All strings are UTF-8.
 */
typedef struct {
  guint  start;
  guint  end;
  char  *exact;
  char  *prefix;
  char  *suffix;
} DossierSelector;

void             dossier_selector_clear (DossierSelector *selector);
void             dossier_selector_free  (DossierSelector *selector);
DossierSelector *dossier_selector_copy  (const DossierSelector *selector);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierSelector, dossier_selector_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DossierSelector, dossier_selector_clear)

/* Fills @selector for the code points [@start, @end) of @text (valid UTF-8).  FALSE, and
 * @selector untouched, when the range is empty or lies outside the text. */
gboolean dossier_selector_init_from_text (DossierSelector *selector,
                                          const char      *text,
                                          guint            start,
                                          guint            end);

typedef enum {
  DOSSIER_ANCHOR_ORPHAN,          /* nowhere good enough: keep it, list it */
  DOSSIER_ANCHOR_POSITION,        /* the exact text is still at the old offsets */
  DOSSIER_ANCHOR_QUOTE,           /* the exact text elsewhere, the best by context and distance */
  DOSSIER_ANCHOR_APPROXIMATE,     /* a close match, scored on quote, prefix, suffix, distance */
} DossierAnchorMatch;

const char *dossier_anchor_match_to_string (DossierAnchorMatch match);

/**
 * DossierAnchorer:
 * Re-anchors selectors in one (new) text.  It holds the text as code points, so that many
 * annotations of a document are placed without converting the text again.
 */
typedef struct _DossierAnchorer DossierAnchorer;

DossierAnchorer   *dossier_anchorer_new    (const char      *text);
void               dossier_anchorer_free   (DossierAnchorer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierAnchorer, dossier_anchorer_free)

/* Finds where @selector belongs in the anchorer's text: the exact quote at the old position
 * first, then the exact quote elsewhere (several occurrences: the one whose prefix and suffix
 * agree best, then the nearest to the old position), then an approximate match (edits inside
 * the passage, whitespace changes).  On success *start and *end receive the new code-point
 * range; on DOSSIER_ANCHOR_ORPHAN they are left alone. */
DossierAnchorMatch dossier_anchorer_locate (DossierAnchorer       *self,
                                            const DossierSelector *selector,
                                            guint                 *start,
                                            guint                 *end);

/* Limits of dossier_anchorer_locate(), in code points: a quote shorter than 20 is only placed
 * where the quote and the context agreeing around it make 20 together (or all the selector
 * holds); an approximate match allows one edit per five code points of the quote, after white
 * space runs, quote marks and dashes are made uniform, and is only tried for quotes of 4 to
 * 4096 code points. */

/* The length of the anchorer's text in code points. */
guint    dossier_anchorer_get_length     (DossierAnchorer *self);

/* Same as dossier_selector_init_from_text() on the anchorer's text, without walking the UTF-8
 * again: for making many selectors in one document. */
gboolean dossier_anchorer_init_selector  (DossierAnchorer *self,
                                          DossierSelector *selector,
                                          guint            start,
                                          guint            end);

G_END_DECLS
