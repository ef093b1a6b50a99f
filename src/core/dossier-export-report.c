/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-export"

#include <stdio.h>
#include <string.h>

#include "dossier-entity.h"
#include "dossier-export-report.h"

/* The text is cleaned first (dossier_export_clean_text()): character references to control
 * characters are not allowed in HTML nor accepted by GMarkup, and they have no business in a
 * report. */
void
dossier_report_append_escaped_len (GString    *out,
                                   const char *text,
                                   gssize      length)
{
  g_autofree char *part = NULL;
  g_autofree char *clean = NULL;

  if (text == NULL)
    return;
  if (length >= 0)
    text = part = g_strndup (text, (gsize) length);
  clean = dossier_export_clean_text (text);
  for (const char *p = clean; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&#39;");
          break;
        default:
          g_string_append_c (out, *p);
          break;
        }
    }
}

void
dossier_report_append_escaped (GString    *out,
                               const char *text)
{
  dossier_report_append_escaped_len (out, text, -1);
}

static const char * const month_names[] = {
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
};

/* Reads "YYYY[-MM[-DD]]" at the start of @iso; the fields not present are left at 0.  FALSE
 * when @iso does not start with a year or a field is out of range. */
static gboolean
parse_ymd (const char *iso,
           int        *year,
           int        *month,
           int        *day)
{
  *year = *month = *day = 0;
  if (strlen (iso) < 4 || !g_ascii_isdigit (iso[0]) || !g_ascii_isdigit (iso[1])
      || !g_ascii_isdigit (iso[2]) || !g_ascii_isdigit (iso[3]))
    return FALSE;
  *year = (int) g_ascii_strtoll (iso, NULL, 10);
  if (iso[4] == '-' && g_ascii_isdigit (iso[5]) && g_ascii_isdigit (iso[6]))
    {
      *month = (iso[5] - '0') * 10 + (iso[6] - '0');
      if (*month < 1 || *month > 12)
        return FALSE;
      if (iso[7] == '-' && g_ascii_isdigit (iso[8]) && g_ascii_isdigit (iso[9]))
        {
          *day = (iso[8] - '0') * 10 + (iso[9] - '0');
          if (*day < 1 || *day > 31)
            return FALSE;
        }
    }
  return TRUE;
}

static char *
format_ymd (int year,
            int month,
            int day)
{
  if (day > 0)
    return g_strdup_printf ("%d %s %04d", day, month_names[month - 1], year);
  if (month > 0)
    return g_strdup_printf ("%s %04d", month_names[month - 1], year);
  return g_strdup_printf ("%04d", year);
}

char *
dossier_report_format_date (const char       *iso,
                            DossierPrecision  precision)
{
  int year, month, day;
  g_autofree char *date = NULL;
  const char *time;

  if (iso == NULL || *iso == '\0')
    return NULL;
  if (!parse_ymd (iso, &year, &month, &day))
    return g_strdup (iso);
  /* The precision says how much of the value the source gave; never show more than that. */
  if (precision == DOSSIER_PRECISION_YEAR)
    month = day = 0;
  else if (precision == DOSSIER_PRECISION_MONTH)
    day = 0;
  date = format_ymd (year, month, day);

  time = strchr (iso, 'T');
  if (precision == DOSSIER_PRECISION_TIME && day > 0 && time != NULL && strlen (time) >= 6)
    {
      const char *zone = time + 6;

      /* Skip the seconds; keep the zone as the source wrote it. */
      if (*zone == ':')
        zone += 3;
      while (g_ascii_isdigit (*zone) || *zone == '.')
        zone++;
      if (*zone == 'Z' || *zone == '\0')
        return g_strdup_printf ("%s, %.5s UTC", date, time + 1);
      return g_strdup_printf ("%s, %.5s (%s)", date, time + 1, zone);
    }
  return g_steal_pointer (&date);
}

char *
dossier_report_format_event_date (const char           *value,
                                  DossierDatePrecision  precision)
{
  int year, month, day;

  if (value == NULL || *value == '\0')
    return NULL;
  if (precision == DOSSIER_DATE_WEEK)
    {
      int week;

      if (sscanf (value, "%d-W%d", &year, &week) == 2)
        return g_str_has_suffix (value, "-WE")
               ? g_strdup_printf ("Weekend of week %d, %04d", week, year)
               : g_strdup_printf ("Week %d of %04d", week, year);
      return g_strdup (value);
    }
  if (!parse_ymd (value, &year, &month, &day))
    return g_strdup (value);
  return format_ymd (year, month, day);
}

const char *
dossier_report_grade_label (const char *grade)
{
  /* The source-reliability scale of the Admiralty code (NATO AJP-2.1). */
  static const char * const labels[] = {
    "Completely reliable",
    "Usually reliable",
    "Fairly reliable",
    "Not usually reliable",
    "Unreliable",
    "Reliability cannot be judged",
  };

  if (!dossier_source_grade_is_valid (grade))
    return NULL;
  return labels[grade[0] - 'A'];
}

const char *
dossier_report_document_title (const DossierExportDocument *document)
{
  const char *title = dossier_document_get_title (document->document);

  return title != NULL && *title != '\0' ? title : "Untitled document";
}

static void
append_piece (GString                   *out,
              const DossierReportMarkup *markup,
              DossierReportStyle         style,
              const char                *text)
{
  if (style == DOSSIER_REPORT_GRADE)
    {
      markup->append_grade (out, text);
      return;
    }
  g_string_append (out, markup->open[style]);
  dossier_report_append_escaped (out, text);
  g_string_append (out, markup->close[style]);
}

void
dossier_report_provenance (const DossierExportDocument *document,
                           DossierAnnotation           *annotation,
                           const DossierReportMarkup   *markup,
                           GString                     *out)
{
  const char *grade_label = dossier_report_grade_label (annotation->source_grade);
  const char *credibility = dossier_credibility_label (annotation->credibility);
  gboolean has_speaker = annotation->speaker != NULL && *annotation->speaker != '\0';
  gboolean has_source = annotation->source != NULL && *annotation->source != '\0';
  gboolean any = FALSE;
  guint paragraph;
  g_autofree char *position = NULL;

  if (has_speaker)
    {
      gboolean has_cue = annotation->cue != NULL && *annotation->cue != '\0';
      /* A cue is a verb ("said", "told") that follows the speaker, or a phrase ("according
       * to") that leads it: "Ilse Varga said", "according to Ilse Varga". */
      gboolean leads = has_cue && g_str_has_suffix (annotation->cue, " to");

      if (leads)
        {
          g_autofree char *lead = g_strdup (annotation->cue);

          /* It opens the line. */
          lead[0] = g_ascii_toupper (lead[0]);
          append_piece (out, markup, DOSSIER_REPORT_MUTED, lead);
          append_piece (out, markup, DOSSIER_REPORT_PLAIN, " ");
        }
      append_piece (out, markup, DOSSIER_REPORT_SPEAKER, annotation->speaker);
      if (has_cue && !leads)
        {
          append_piece (out, markup, DOSSIER_REPORT_PLAIN, " ");
          append_piece (out, markup, DOSSIER_REPORT_MUTED, annotation->cue);
        }
      any = TRUE;
    }
  if (has_source)
    {
      append_piece (out, markup, DOSSIER_REPORT_PLAIN, any ? ", via " : "Via ");
      append_piece (out, markup, DOSSIER_REPORT_OUTLET, annotation->source);
      any = TRUE;
    }
  if (grade_label != NULL)
    {
      append_piece (out, markup, DOSSIER_REPORT_PLAIN, " ");
      append_piece (out, markup, DOSSIER_REPORT_GRADE, annotation->source_grade);
      append_piece (out, markup, DOSSIER_REPORT_PLAIN, " ");
      append_piece (out, markup, DOSSIER_REPORT_MUTED, grade_label);
    }
  if (!any)
    append_piece (out, markup, DOSSIER_REPORT_MUTED, "No speaker or outlet recorded");

  if (credibility != NULL)
    {
      g_autofree char *text = g_strdup_printf ("Credibility %d: %s",
                                               annotation->credibility, credibility);

      append_piece (out, markup, DOSSIER_REPORT_PLAIN, " · ");
      append_piece (out, markup, DOSSIER_REPORT_MUTED, text);
    }

  append_piece (out, markup, DOSSIER_REPORT_PLAIN, " · ");
  if (annotation->status == DOSSIER_ANNOTATION_ORPHAN)
    {
      append_piece (out, markup, DOSSIER_REPORT_MUTED, "passage no longer found in the document");
      return;
    }
  paragraph = dossier_export_paragraph (document->document, annotation->selector.start);
  if (paragraph > 0)
    position = g_strdup_printf ("paragraph %u, characters %u–%u", paragraph,
                                annotation->selector.start, annotation->selector.end);
  else
    position = g_strdup_printf ("characters %u–%u", annotation->selector.start,
                                annotation->selector.end);
  append_piece (out, markup, DOSSIER_REPORT_MUTED, position);
}

static void
index_row_free (gpointer data)
{
  DossierReportIndexRow *row = data;

  g_free (row->detail);
  g_ptr_array_unref (row->partners);
  g_free (row);
}

static void
add_partner (GPtrArray  *partners,
             const char *name)
{
  if (name == NULL || *name == '\0')
    return;
  for (guint i = 0; i < partners->len; i++)
    if (g_strcmp0 (g_ptr_array_index (partners, i), name) == 0)
      return;
  g_ptr_array_add (partners, (gpointer) name);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
dossier_report_index (const DossierExportSet *set,
                      gboolean                speakers)
{
  GPtrArray *list = speakers ? set->speakers : set->sources;
  GPtrArray *rows = g_ptr_array_new_with_free_func (index_row_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      DossierReportIndexRow *row = g_new0 (DossierReportIndexRow, 1);

      row->partners = g_ptr_array_new ();
      if (speakers)
        {
          DossierEntity *entity = g_ptr_array_index (list, i);

          row->name = entity->name;
          row->detail = g_strdup (dossier_entity_kind_to_string (entity->kind));
          g_hash_table_insert (by_id, &entity->id, row);
        }
      else
        {
          DossierSource *source = g_ptr_array_index (list, i);
          g_autofree char *kind = g_strdup (source->kind);

          row->name = source->name;
          row->grade = source->reliability;
          /* "other" is what the registry says when it knows nothing: not worth a word. */
          if (g_strcmp0 (kind, "other") == 0)
            g_clear_pointer (&kind, g_free);
          if (kind != NULL)
            g_strdelimit (kind, "-_", ' ');
          if (kind != NULL && source->country != NULL)
            row->detail = g_strdup_printf ("%s, %s", kind, source->country);
          else if (kind != NULL)
            row->detail = g_steal_pointer (&kind);
          else
            row->detail = g_strdup (source->country);
          g_hash_table_insert (by_id, &source->id, row);
        }
      g_ptr_array_add (rows, row);
    }

  for (guint d = 0; set->documents != NULL && d < set->documents->len; d++)
    {
      const DossierExportDocument *document = g_ptr_array_index (set->documents, d);

      for (guint a = 0; a < document->annotations->len; a++)
        {
          DossierAnnotation *annotation = g_ptr_array_index (document->annotations, a);
          gint64 id = speakers ? annotation->speaker_id : annotation->source_id;
          DossierReportIndexRow *row = id != 0 ? g_hash_table_lookup (by_id, &id) : NULL;

          if (row == NULL)
            continue;
          row->n_annotations++;
          add_partner (row->partners, speakers ? annotation->source : annotation->speaker);
        }
    }
  for (guint i = 0; i < rows->len; i++)
    {
      DossierReportIndexRow *row = g_ptr_array_index (rows, i);

      g_ptr_array_sort (row->partners, compare_names);
    }
  return rows;
}

/* The Julian day an event's value starts on, for ordering weeks among days and months;
 * values that are no date go last. */
static guint32
event_day (const DossierEvent *event)
{
  GDate first;

  g_date_clear (&first, 1);
  if (event->value == NULL || !dossier_date_value_span (event->value, NULL, &first, NULL)
      || !g_date_valid (&first))
    return G_MAXUINT32;
  return g_date_get_julian (&first);
}

void
dossier_report_append_event_sentence (GString            *out,
                                      const DossierEvent *event,
                                      const char         *open,
                                      const char         *close)
{
  const char *sentence = event->sentence != NULL ? event->sentence : "";
  glong length = g_utf8_strlen (sentence, -1);
  glong from = (glong) event->start - (glong) event->sentence_start;
  glong to = (glong) event->end - (glong) event->sentence_start;
  const char *a;
  const char *b;

  if (from < 0 || to <= from || to > length)
    {
      dossier_report_append_escaped (out, sentence);
      return;
    }
  a = g_utf8_offset_to_pointer (sentence, from);
  b = g_utf8_offset_to_pointer (sentence, to);
  dossier_report_append_escaped_len (out, sentence, a - sentence);
  g_string_append (out, open);
  dossier_report_append_escaped_len (out, a, b - a);
  g_string_append (out, close);
  dossier_report_append_escaped (out, b);
}

typedef struct {
  DossierReportEvent event;
  guint32            day;
} SortableEvent;

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const SortableEvent *x = a;
  const SortableEvent *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  if (x->event.document_index != y->event.document_index)
    return x->event.document_index < y->event.document_index ? -1 : 1;
  if (x->event.event->start != y->event.event->start)
    return x->event.event->start < y->event.event->start ? -1 : 1;
  return 0;
}

GArray *
dossier_report_timeline (const DossierExportSet *set)
{
  g_autoptr(GArray) sortable = g_array_new (FALSE, FALSE, sizeof (SortableEvent));
  GArray *timeline;

  for (guint d = 0; set->documents != NULL && d < set->documents->len; d++)
    {
      const DossierExportDocument *document = g_ptr_array_index (set->documents, d);

      for (guint e = 0; document->events != NULL && e < document->events->len; e++)
        {
          SortableEvent item = { { g_ptr_array_index (document->events, e), d }, 0 };

          item.day = event_day (item.event.event);
          g_array_append_val (sortable, item);
        }
    }
  /* g_array_sort is not stable; the comparison orders every pair of distinct events. */
  g_array_sort (sortable, compare_events);

  timeline = g_array_sized_new (FALSE, FALSE, sizeof (DossierReportEvent), sortable->len);
  for (guint i = 0; i < sortable->len; i++)
    g_array_append_val (timeline, g_array_index (sortable, SortableEvent, i).event);
  return timeline;
}

char *
dossier_report_summary (const DossierExportSet *set)
{
  static const char * const singular[] = { "highlight", "quote", "claim", "note" };
  static const char * const plural[] = { "highlights", "quotes", "claims", "notes" };
  guint n_documents = set->documents != NULL ? set->documents->len : 0;
  guint counts[DOSSIER_N_ANNOTATION_KINDS] = { 0 };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *generated = dossier_report_format_date (set->generated_at,
                                                           DOSSIER_PRECISION_TIME);
  GString *summary = g_string_new (NULL);

  for (guint d = 0; set->documents != NULL && d < set->documents->len; d++)
    {
      const DossierExportDocument *document = g_ptr_array_index (set->documents, d);

      for (guint a = 0; a < document->annotations->len; a++)
        {
          DossierAnnotation *annotation = g_ptr_array_index (document->annotations, a);

          if ((guint) annotation->kind < DOSSIER_N_ANNOTATION_KINDS)
            counts[annotation->kind]++;
        }
    }
  /* Quotes and claims first: they are what the report is about. */
  for (guint k = 0; k < DOSSIER_N_ANNOTATION_KINDS; k++)
    {
      static const DossierAnnotationKind order[] = {
        DOSSIER_ANNOTATION_QUOTE, DOSSIER_ANNOTATION_CLAIM,
        DOSSIER_ANNOTATION_HIGHLIGHT, DOSSIER_ANNOTATION_NOTE,
      };
      guint n = counts[order[k]];

      if (n > 0)
        g_ptr_array_add (parts, g_strdup_printf ("%u %s", n,
                                                 n == 1 ? singular[order[k]]
                                                        : plural[order[k]]));
    }
  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        g_string_append (summary, i + 1 == parts->len ? " and " : ", ");
      g_string_append (summary, g_ptr_array_index (parts, i));
    }
  if (n_documents == 0)
    g_string_append (summary, "No annotation matched");
  else
    g_string_append_printf (summary, " in %u document%s", n_documents,
                            n_documents == 1 ? "" : "s");
  if (set->filter_summary != NULL && *set->filter_summary != '\0')
    g_string_append_printf (summary, " · Selection: %s", set->filter_summary);
  if (generated != NULL)
    g_string_append_printf (summary, " · Generated %s", generated);
  return g_string_free (summary, FALSE);
}
