/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Paragraphs longer than this (in bytes) are split at sentence boundaries: GtkTextView
 * lays out very long lines slowly (see engineering-notes.md). */
#define DOSSIER_MAX_PARAGRAPH_BYTES 8192

typedef enum {
  DOSSIER_REGION_PARAGRAPH,
  DOSSIER_REGION_HEADLINE,
  DOSSIER_REGION_CAPTION,
  DOSSIER_REGION_BOILERPLATE,
} DossierRegionKind;

const char *dossier_region_kind_to_string   (DossierRegionKind  kind);
gboolean    dossier_region_kind_from_string (const char        *str,
                                             DossierRegionKind *kind);

/* A typed span of a document's normalized text, in Unicode code points. */
typedef struct {
  DossierRegionKind kind;
  guint             start;
  guint             end;
} DossierRegion;

typedef enum {
  DOSSIER_PRECISION_NONE,
  DOSSIER_PRECISION_YEAR,
  DOSSIER_PRECISION_MONTH,
  DOSSIER_PRECISION_DAY,
  DOSSIER_PRECISION_TIME,
} DossierPrecision;

const char *dossier_precision_to_string   (DossierPrecision  precision);
gboolean    dossier_precision_from_string (const char       *str,
                                           DossierPrecision *precision);

/* Parses the date forms found in article metadata: ISO 8601 ("2024", "2024-06",
 * "2024-06-20", "2024-06-20T10:15:00+01:00"), RFC 2822 ("Thu, 20 Jun 2024 10:15:00 GMT")
 * and written dates ("June 20, 2024", "20 June 2024").  On success *value is ISO 8601
 * cut to the precision found ("2024-06-20", or "2024-06-20T10:15:00+01:00" for a time). */
gboolean dossier_date_parse (const char        *str,
                             char             **value,
                             DossierPrecision  *precision);

/**
 * DossierArticle:
 * What an importer makes of a file: metadata and the normalized text with its regions.
 * Every string is UTF-8 or %NULL.
 */
typedef struct {
  char            *title;
  char            *outlet;
  char            *byline;
  char            *url;
  char            *published;   /* ISO 8601 as returned by dossier_date_parse() */
  DossierPrecision precision;
  char            *language;
  char            *format;      /* "text" or "html" */
  char            *text;        /* normalized: paragraphs separated by "\n\n" */
  GArray          *regions;     /* of DossierRegion, in text order */
  gboolean         truncated;   /* the importer had to drop part of the input */
} DossierArticle;

DossierArticle *dossier_article_new  (void);
void            dossier_article_free (DossierArticle *article);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierArticle, dossier_article_free)

/* The day a published date names, "YYYY-MM-DD", when it is precise to the day (or time);
 * else NULL.  What extraction resolves relative dates against. */
char *dossier_published_day      (const char       *published,
                                  DossierPrecision  precision);
char *dossier_article_dup_day    (DossierArticle   *article);

/**
 * DossierTextBuilder:
 * Builds normalized text from blocks: each block is NFC-normalized, its whitespace
 * collapsed to single spaces and control characters dropped; empty blocks are skipped;
 * blocks are joined by a blank line and recorded as regions in code points.  A block over
 * DOSSIER_MAX_PARAGRAPH_BYTES is split at sentence boundaries into several regions.
 */
typedef struct _DossierTextBuilder DossierTextBuilder;

DossierTextBuilder *dossier_text_builder_new    (void);
void                dossier_text_builder_free   (DossierTextBuilder *builder);
gboolean            dossier_text_builder_add    (DossierTextBuilder *builder,
                                                 DossierRegionKind   kind,
                                                 const char         *text,
                                                 gssize              len);
guint               dossier_text_builder_get_n_regions (DossierTextBuilder *builder);
guint               dossier_text_builder_get_length    (DossierTextBuilder *builder);
/* Moves the text and regions into @article. */
void                dossier_text_builder_finish (DossierTextBuilder *builder,
                                                 DossierArticle     *article);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierTextBuilder, dossier_text_builder_free)

/* Collapses whitespace and drops control characters in a metadata string (a title, a byline);
 * returns NULL when nothing is left. */
char *dossier_clean_string (const char *str,
                            gssize      len);

G_END_DECLS
