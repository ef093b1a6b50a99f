/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * DossierAhoCorasick:
 * A multi-pattern matcher for whole words of UTF-8 text, in time linear in the text: one
 * table lookup per byte, whatever the number of patterns.
 *
 * Matches ignore ASCII case (the caller decides which cases it accepts) and are whole words:
 * the code points on either side of a match are not letters, digits or combining marks.  Every
 * occurrence is reported, overlapping ones included ("Gaza" and "Gaza Strip").
 */
typedef struct _DossierAhoCorasick DossierAhoCorasick;

/* Called for each match, in order of its end, longest first among those ending together.
 * @start and @end are byte offsets into the text, end exclusive. */
typedef void (*DossierAhoCorasickFunc) (guint    pattern_id,
                                        gsize    start,
                                        gsize    end,
                                        gpointer user_data);

DossierAhoCorasick *dossier_aho_corasick_new          (void);
void                dossier_aho_corasick_free         (DossierAhoCorasick *ac);

/* Adds a pattern (UTF-8, not empty, starting and ending with a letter, digit or '.')
 * before dossier_aho_corasick_compile(); the same bytes may be added under several ids. */
void                dossier_aho_corasick_add          (DossierAhoCorasick *ac,
                                                       const char         *pattern,
                                                       gsize               length,
                                                       guint               pattern_id);
void                dossier_aho_corasick_compile      (DossierAhoCorasick *ac);

guint               dossier_aho_corasick_get_n_states (const DossierAhoCorasick *ac);

/* Reports every match in @text[0, @length).  Thread-safe once compiled. */
void                dossier_aho_corasick_scan         (const DossierAhoCorasick *ac,
                                                       const char               *text,
                                                       gsize                     length,
                                                       DossierAhoCorasickFunc    func,
                                                       gpointer                  user_data);

/**
 * DossierAhoCorasickCursor:
 * The automaton stepped by the caller, a byte at a time, from a loop that reads the text
 * anyway (a tokenizer): the same matches as dossier_aho_corasick_scan(), in the same order,
 * while the caller's own work on each byte overlaps with the automaton's lookups.
 *
 * |[
 * dossier_aho_corasick_cursor_init (ac, &cursor);
 * for (gsize i = 0; i < length; i++)
 *   if (dossier_aho_corasick_cursor_feed (&cursor, text[i]))
 *     dossier_aho_corasick_cursor_report (ac, &cursor, text, i, length, func, user_data);
 * dossier_aho_corasick_cursor_finish (ac, &cursor, text, length, func, user_data);
 * ]|
 */
typedef struct {
  const guint32 *delta;
  const guint8  *classes;
  guint32        entry;
} DossierAhoCorasickCursor;

void                dossier_aho_corasick_cursor_init   (const DossierAhoCorasick *ac,
                                                        DossierAhoCorasickCursor *cursor);

/* Feeds the next byte; TRUE when matches end right before it: then call
 * dossier_aho_corasick_cursor_report() with its offset. */
static inline gboolean
dossier_aho_corasick_cursor_feed (DossierAhoCorasickCursor *cursor,
                                  char                      byte)
{
  cursor->entry = cursor->delta[cursor->entry + cursor->classes[(guint8) byte]];
  return (cursor->entry & 1u) != 0;
}

void                dossier_aho_corasick_cursor_report (const DossierAhoCorasick       *ac,
                                                        const DossierAhoCorasickCursor *cursor,
                                                        const char                     *text,
                                                        gsize                           end,
                                                        gsize                           length,
                                                        DossierAhoCorasickFunc          func,
                                                        gpointer                        user_data);

/* The end of the text @text[0, @length): reports the matches that end it. */
void                dossier_aho_corasick_cursor_finish (const DossierAhoCorasick *ac,
                                                        DossierAhoCorasickCursor *cursor,
                                                        const char               *text,
                                                        gsize                     length,
                                                        DossierAhoCorasickFunc    func,
                                                        gpointer                  user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierAhoCorasick, dossier_aho_corasick_free)

G_END_DECLS
