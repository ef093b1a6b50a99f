/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dossier-export.h"

G_BEGIN_DECLS

/*
 * What the HTML report and the PDF share: the wording of dates, grades and provenance lines,
 * the index of speakers and outlets and the merged timeline.  Both writers say the same
 * things; only the markup differs, so the wording lives here once and each writer styles the
 * pieces it is handed.
 */

/* Appends @text (@length bytes, or up to its NUL when -1) cleaned of control characters and
 * with & < > " ' escaped: safe in HTML text and attributes and in Pango markup alike. */
void        dossier_report_append_escaped     (GString    *out,
                                               const char *text);
void        dossier_report_append_escaped_len (GString    *out,
                                               const char *text,
                                               gssize      length);

/* The pieces of a provenance line. */
typedef enum {
  DOSSIER_REPORT_PLAIN,
  DOSSIER_REPORT_SPEAKER,    /* who said it */
  DOSSIER_REPORT_OUTLET,     /* the outlet that carried it */
  DOSSIER_REPORT_GRADE,      /* the outlet's Admiralty grade, A-F: a badge */
  DOSSIER_REPORT_MUTED,      /* secondary details: cue, credibility, position */
} DossierReportStyle;

#define DOSSIER_REPORT_N_STYLES 5

/* How a writer marks the pieces up: each piece's escaped text goes between open[style] and
 * close[style], except the grade, which append_grade writes whole. */
typedef struct {
  const char *open[DOSSIER_REPORT_N_STYLES];
  const char *close[DOSSIER_REPORT_N_STYLES];
  void      (*append_grade) (GString    *out,
                             const char *grade);
} DossierReportMarkup;

/* A published or event date for a reader: "20 June 2024", "June 2024", "2024",
 * "20 June 2024, 10:15 (+01:00)"; a value it does not understand comes back as it is.  NULL
 * for NULL or "". */
char       *dossier_report_format_date     (const char         *iso,
                                            DossierPrecision    precision);
/* An event's value ("2024-05-19", "2024-05", "2024", "2024-W21") for a reader. */
char       *dossier_report_format_event_date (const char           *value,
                                              DossierDatePrecision  precision);
/* "Usually reliable" for "B"; NULL for anything that is not a grade. */
const char *dossier_report_grade_label     (const char         *grade);

/* The document's title, or "Untitled document". */
const char *dossier_report_document_title  (const DossierExportDocument *document);

/* Appends the provenance line of @annotation, marked up with @markup: speaker, cue, outlet
 * with its grade, credibility and where it sits in @document. */
void        dossier_report_provenance      (const DossierExportDocument *document,
                                            DossierAnnotation           *annotation,
                                            const DossierReportMarkup   *markup,
                                            GString                     *out);

/* One row of the index: a speaker or an outlet, with how many exported annotations name it
 * and the names on the other side (the outlets a speaker was carried by, the speakers an
 * outlet carried), sorted. */
typedef struct {
  const char *name;
  const char *grade;         /* outlets: the Admiralty grade, or NULL */
  char       *detail;        /* speakers: the entity kind; outlets: kind and country */
  guint       n_annotations;
  GPtrArray  *partners;      /* const char *, borrowed from the set */
} DossierReportIndexRow;

/* The index rows of @set's speakers (@speakers TRUE) or sources, in the set's order.  The
 * rows borrow names from @set and are freed with the array. */
GPtrArray  *dossier_report_index           (const DossierExportSet *set,
                                            gboolean                speakers);

/* Every event of @set, ordered by the day each one starts on, then document and position. */
typedef struct {
  const DossierEvent *event;
  guint               document_index;   /* into set->documents */
} DossierReportEvent;

GArray     *dossier_report_timeline        (const DossierExportSet *set);
/* Appends @event's sentence, escaped, with its date expression between @open and @close
 * (markup); the sentence alone when the expression does not lie inside it. */
void        dossier_report_append_event_sentence (GString            *out,
                                                  const DossierEvent *event,
                                                  const char         *open,
                                                  const char         *close);

/* What the report holds, for its header: "3 quotes, 1 claim and 2 highlights in 2 documents ·
 * Selection: tag “ports” · Generated 23 November 2026, 10:00 UTC" (plain text). */
char       *dossier_report_summary         (const DossierExportSet *set);

G_END_DECLS
