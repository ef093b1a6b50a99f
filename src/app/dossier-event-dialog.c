/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-event-dialog"

#include "dossier-core.h"
#include "dossier-event-dialog.h"
#include "dossier-extract.h"

/* The passage shown above the fields is cut here: the form stays on the screen. */
#define MAX_PASSAGE_CHARS 280

struct _DossierEventDialog
{
  AdwMessageDialog  parent_instance;

  /* template widgets */
  GtkEntry         *date_entry;
  GtkDropDown      *precision_drop_down;
  GtkLabel         *span_label;
  GtkEntry         *note_entry;

  /* owned */
  char             *value;     /* the date typed in, when it is one; else NULL */
  char             *note;
  gboolean          syncing;   /* the precision follows the date typed in */
};

G_DEFINE_FINAL_TYPE (DossierEventDialog, dossier_event_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* @day as a date value of @precision: the day, its ISO week, its month or its year. */
static char *
value_at_precision (const GDate          *day,
                    DossierDatePrecision  precision)
{
  GDate thursday = *day;

  switch (precision)
    {
    case DOSSIER_DATE_DAY:
      return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (day), g_date_get_month (day),
                              g_date_get_day (day));
    case DOSSIER_DATE_WEEK:
      /* ISO 8601: a week belongs to the year of its Thursday (2024-12-30 is 2025-W01). */
      if (g_date_get_weekday (day) < G_DATE_THURSDAY)
        g_date_add_days (&thursday, G_DATE_THURSDAY - g_date_get_weekday (day));
      else
        g_date_subtract_days (&thursday, g_date_get_weekday (day) - G_DATE_THURSDAY);
      return g_strdup_printf ("%04u-W%02u", g_date_get_year (&thursday),
                              g_date_get_iso8601_week_of_year (day));
    case DOSSIER_DATE_MONTH:
      return g_strdup_printf ("%04u-%02u", g_date_get_year (day), g_date_get_month (day));
    case DOSSIER_DATE_YEAR:
    default:
      return g_strdup_printf ("%04u", g_date_get_year (day));
    }
}

static char *
format_span (const GDate *first,
             const GDate *last)
{
  char a[64], b[64];

  g_date_strftime (a, sizeof a, "%a %-d %b %Y", first);
  if (g_date_compare (first, last) == 0)
    return g_strdup (a);
  g_date_strftime (b, sizeof b, "%a %-d %b %Y", last);
  return g_strdup_printf ("%s to %s", a, b);
}

static void
date_changed_cb (DossierEventDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (
                                                                         self->date_entry))));
  g_autofree char *span = NULL;
  DossierDatePrecision precision;
  GDate first, last;

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_clear_pointer (&self->value, g_free);
  if (dossier_date_value_span (text, &precision, &first, &last))
    {
      self->value = g_steal_pointer (&text);
      self->syncing = TRUE;
      gtk_drop_down_set_selected (self->precision_drop_down, precision);
      self->syncing = FALSE;
      span = format_span (&first, &last);
      gtk_label_set_text (self->span_label, span);
      gtk_widget_remove_css_class (GTK_WIDGET (self->date_entry), "error");
    }
  else
    {
      gtk_label_set_text (self->span_label, text[0] == '\0'
                          ? "No date found in the passage: type one"
                          : "Not a date: write 2024-05-19, 2024-W20, 2024-05 or 2024");
      if (text[0] != '\0')
        gtk_widget_add_css_class (GTK_WIDGET (self->date_entry), "error");
    }
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save",
                                           self->value != NULL);
}

/* A precision chosen: the date typed in, at that precision (from its first day). */
static void
precision_changed_cb (DossierEventDialog *self)
{
  DossierDatePrecision precision = dossier_event_dialog_get_precision (self);
  DossierDatePrecision current;
  g_autofree char *value = NULL;
  GDate first;

  g_date_clear (&first, 1);
  if (self->syncing || self->value == NULL ||
      !dossier_date_value_span (self->value, &current, &first, NULL) || current == precision)
    return;
  value = value_at_precision (&first, precision);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), value);
}

static void
dossier_event_dialog_finalize (GObject *object)
{
  DossierEventDialog *self = (DossierEventDialog *) object;

  g_free (self->value);
  g_free (self->note);

  G_OBJECT_CLASS (dossier_event_dialog_parent_class)->finalize (object);
}

static void
dossier_event_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DOSSIER_TYPE_EVENT_DIALOG);

  G_OBJECT_CLASS (dossier_event_dialog_parent_class)->dispose (object);
}

static void
dossier_event_dialog_class_init (DossierEventDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_event_dialog_dispose;
  object_class->finalize = dossier_event_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dossier/Dossier/"
                                                             "dossier-event-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierEventDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierEventDialog, precision_drop_down);
  gtk_widget_class_bind_template_child (widget_class, DossierEventDialog, span_label);
  gtk_widget_class_bind_template_child (widget_class, DossierEventDialog, note_entry);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, precision_changed_cb);
}

static void
dossier_event_dialog_init (DossierEventDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  date_changed_cb (self);
}

GtkWidget *
dossier_event_dialog_new (GtkWindow            *parent,
                          const char           *heading,
                          const char           *passage,
                          const char           *value,
                          DossierDatePrecision  precision,
                          const char           *note)
{
  DossierEventDialog *self;
  g_autofree char *shown = NULL;
  g_autofree char *cut = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (heading != NULL, NULL);

  self = g_object_new (DOSSIER_TYPE_EVENT_DIALOG, "transient-for", parent, "heading", heading,
                       NULL);
  if (passage != NULL)
    {
      if (g_utf8_strlen (passage, -1) > MAX_PASSAGE_CHARS)
        cut = g_utf8_substring (passage, 0, MAX_PASSAGE_CHARS - 1);
      shown = cut != NULL ? g_strconcat (cut, "…", NULL) : g_strdup (passage);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self), "“%s”", g_strstrip (shown));
    }
  gtk_drop_down_set_selected (self->precision_drop_down, precision);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), value ? value : "");
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), note ? note : "");
  return GTK_WIDGET (self);
}

GtkWidget *
dossier_event_dialog_new_for_passage (GtkWindow       *parent,
                                      DossierDocument *document,
                                      const char      *passage)
{
  g_autofree char *day = NULL;
  g_autofree char *anchor = NULL;
  g_autoptr(GPtrArray) dates = NULL;
  const DossierDateMention *found = NULL;

  g_return_val_if_fail (DOSSIER_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (passage != NULL, NULL);

  /* "Last week" in the passage means the week before the document was written: resolve
   * against its date, as extraction does, or one read from its whole text. */
  day = dossier_published_day (dossier_document_get_published (document),
                               dossier_document_get_precision (document));
  anchor = dossier_extract_anchor_date (dossier_document_get_text (document), day);
  dates = dossier_extract_dates (passage, anchor);
  if (dates != NULL && dates->len > 0)
    found = g_ptr_array_index (dates, 0);
  return dossier_event_dialog_new (parent, "Add to Timeline", passage,
                                   found ? found->value : NULL,
                                   found ? found->precision : DOSSIER_DATE_DAY, NULL);
}

const char *
dossier_event_dialog_get_value (DossierEventDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_EVENT_DIALOG (self), NULL);

  return self->value;
}

DossierDatePrecision
dossier_event_dialog_get_precision (DossierEventDialog *self)
{
  guint selected;

  g_return_val_if_fail (DOSSIER_IS_EVENT_DIALOG (self), DOSSIER_DATE_DAY);

  selected = gtk_drop_down_get_selected (self->precision_drop_down);
  return selected <= DOSSIER_DATE_YEAR ? (DossierDatePrecision) selected : DOSSIER_DATE_DAY;
}

const char *
dossier_event_dialog_get_note (DossierEventDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_EVENT_DIALOG (self), NULL);

  g_free (self->note);
  self->note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  return self->note[0] != '\0' ? self->note : NULL;
}

GtkEditable *
dossier_event_dialog_get_date_entry (DossierEventDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_EVENT_DIALOG (self), NULL);
  return GTK_EDITABLE (self->date_entry);
}

GtkDropDown *
dossier_event_dialog_get_precision_drop_down (DossierEventDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_EVENT_DIALOG (self), NULL);
  return self->precision_drop_down;
}

GtkEditable *
dossier_event_dialog_get_note_entry (DossierEventDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_EVENT_DIALOG (self), NULL);
  return GTK_EDITABLE (self->note_entry);
}
