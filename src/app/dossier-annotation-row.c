/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-annotation-row"

#include "dossier-annotation-row.h"

/* Long passages and notes are cut in the row, not in the store. */
#define EXCERPT_CHARS 220

struct _DossierAnnotationRow
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkWidget         *box;
  GtkLabel          *kind_label;
  GtkLabel          *status_label;
  GtkLabel          *suggested_label;
  GtkLabel          *details_label;

  /* owned */
  DossierAnnotation *annotation;
};

G_DEFINE_FINAL_TYPE (DossierAnnotationRow, dossier_annotation_row, GTK_TYPE_WIDGET)

static const char * const kind_classes[DOSSIER_N_ANNOTATION_KINDS] = {
  [DOSSIER_ANNOTATION_HIGHLIGHT] = "kind-highlight",
  [DOSSIER_ANNOTATION_QUOTE] = "kind-quote",
  [DOSSIER_ANNOTATION_CLAIM] = "kind-claim",
  [DOSSIER_ANNOTATION_NOTE] = "kind-note",
};

char *
dossier_annotation_describe_attribution (DossierAnnotation *a)
{
  GString *out = g_string_new (NULL);

  if (a->speaker != NULL)
    g_string_append (out, a->speaker);
  if (a->source != NULL)
    {
      g_string_append_printf (out, "%s%s", out->len ? " via " : "Via ", a->source);
      if (a->source_grade != NULL)
        g_string_append_printf (out, " (%s)", a->source_grade);
    }
  if (a->cue != NULL)
    g_string_append_printf (out, "%s“%s”", out->len ? " · " : "", a->cue);
  if (a->credibility != 0)
    g_string_append_printf (out, "%sCredibility %d, %s", out->len ? " · " : "",
                            a->credibility, dossier_credibility_label (a->credibility));
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static char *
make_excerpt (const char *exact)
{
  g_autofree char *flat = g_strdup (exact ? exact : "");
  glong len;

  g_strdelimit (flat, "\n\r\t", ' ');
  len = g_utf8_strlen (flat, -1);
  if (len > EXCERPT_CHARS)
    {
      const char *head = g_utf8_offset_to_pointer (flat, EXCERPT_CHARS * 2 / 3);
      const char *tail = g_utf8_offset_to_pointer (flat, len - EXCERPT_CHARS / 3);

      return g_strdup_printf ("“%.*s … %s”", (int) (head - flat), flat, tail);
    }
  return g_strdup_printf ("“%s”", flat);
}

/* Appends @text between @open and @close, escaped for Pango markup; C0 control characters
 * (which GMarkup refuses even as character references) are dropped. */
static void
append_markup (GString    *markup,
               const char *open,
               const char *text,
               const char *close)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  g_autofree char *escaped = NULL;

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x20 || *p == '\n' || *p == '\t')
      g_string_append_c (clean, *p);
  escaped = g_markup_escape_text (clean->str, (gssize) clean->len);
  g_string_append (markup, open);
  g_string_append (markup, escaped);
  g_string_append (markup, close);
}

static char *
make_note_excerpt (const char *note)
{
  glong len = g_utf8_strlen (note, -1);

  if (len <= EXCERPT_CHARS)
    return g_strdup (note);
  return g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (note, EXCERPT_CHARS) - note),
                          note);
}

void
dossier_annotation_row_set_annotation (DossierAnnotationRow *self,
                                       DossierAnnotation    *annotation)
{
  g_autofree char *passage = NULL;
  g_autofree char *attribution = NULL;
  g_autofree char *kind_text = NULL;
  g_autoptr(GString) markup = NULL;

  g_return_if_fail (DOSSIER_IS_ANNOTATION_ROW (self));

  for (guint i = 0; i < DOSSIER_N_ANNOTATION_KINDS; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->kind_label), kind_classes[i]);
  if (!g_set_object (&self->annotation, annotation) || annotation == NULL)
    return;

  kind_text = g_utf8_strup (dossier_annotation_kind_label (annotation->kind), -1);
  gtk_label_set_text (self->kind_label, kind_text);
  gtk_widget_add_css_class (GTK_WIDGET (self->kind_label), kind_classes[annotation->kind]);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label),
                          annotation->status == DOSSIER_ANNOTATION_ORPHAN);
  gtk_widget_set_visible (GTK_WIDGET (self->suggested_label),
                          dossier_annotation_is_suggestion (annotation));

  /* One label with markup: every part escaped, as it is the analyst's and the article's text. */
  markup = g_string_new (NULL);
  passage = make_excerpt (annotation->selector.exact);
  append_markup (markup, "<i>", passage, "</i>");
  attribution = dossier_annotation_describe_attribution (annotation);
  if (attribution != NULL)
    append_markup (markup, "\n<b>", attribution, "</b>");
  if (annotation->tags[0] != NULL)
    {
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint i = 0; annotation->tags[i] != NULL; i++)
        g_string_append_printf (joined, "%s#%s", i ? "  " : "", annotation->tags[i]);
      append_markup (markup, "\n<span size=\"small\" alpha=\"65%\">", joined->str, "</span>");
    }
  if (annotation->note[0] != '\0')
    {
      g_autofree char *note = make_note_excerpt (annotation->note);

      append_markup (markup, "\n<span alpha=\"80%\">", note, "</span>");
    }
  gtk_label_set_markup (self->details_label, markup->str);
}

static void
dossier_annotation_row_dispose (GObject *object)
{
  DossierAnnotationRow *self = (DossierAnnotationRow *) object;

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->annotation);

  G_OBJECT_CLASS (dossier_annotation_row_parent_class)->dispose (object);
}

static void
dossier_annotation_row_class_init (DossierAnnotationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_annotation_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annotationrow");
}

/* Built in C rather than from a template, and kept to a few widgets: GtkListView makes up to
 * about 200 rows at once, and a template with buttons and a label per field cost about 0.9 ms
 * a row (180 ms to show a document with many annotations).  Edit and Delete act on the
 * selected row from the panel's bar. */
static void
dossier_annotation_row_init (DossierAnnotationRow *self)
{
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  GtkBox *top = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));

  self->box = GTK_WIDGET (box);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_margin_top (self->box, 8);
  gtk_widget_set_margin_bottom (self->box, 8);
  gtk_widget_set_margin_start (self->box, 6);
  gtk_widget_set_margin_end (self->box, 6);

  gtk_box_append (box, GTK_WIDGET (top));
  self->kind_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->kind_label), "kind-badge");
  gtk_box_append (top, GTK_WIDGET (self->kind_label));
  self->status_label = GTK_LABEL (gtk_label_new ("NOT IN THE CURRENT TEXT"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label),
                               "The passage was not found after the document was updated; "
                               "the annotation keeps its quote");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "kind-badge");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "orphan");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_box_append (top, GTK_WIDGET (self->status_label));
  self->suggested_label = GTK_LABEL (gtk_label_new ("SUGGESTED"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->suggested_label),
                               "Found by automatic extraction: confirm or reject it");
  gtk_widget_add_css_class (GTK_WIDGET (self->suggested_label), "kind-badge");
  gtk_widget_add_css_class (GTK_WIDGET (self->suggested_label), "suggested");
  gtk_widget_set_visible (GTK_WIDGET (self->suggested_label), FALSE);
  gtk_box_append (top, GTK_WIDGET (self->suggested_label));

  self->details_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->details_label, 0);
  gtk_label_set_wrap (self->details_label, TRUE);
  gtk_label_set_wrap_mode (self->details_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (self->details_label, 40);
  gtk_label_set_lines (self->details_label, 9);
  gtk_label_set_ellipsize (self->details_label, PANGO_ELLIPSIZE_END);
  gtk_box_append (box, GTK_WIDGET (self->details_label));
}

GtkWidget *
dossier_annotation_row_new (void)
{
  return g_object_new (DOSSIER_TYPE_ANNOTATION_ROW, NULL);
}

const char *
dossier_annotation_row_get_details (DossierAnnotationRow *self)
{
  g_return_val_if_fail (DOSSIER_IS_ANNOTATION_ROW (self), NULL);
  return gtk_label_get_label (self->details_label);
}
