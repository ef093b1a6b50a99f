/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-annotation-row"

#include "dossier-annotation-row.h"

/* Long passages are cut in the middle of the row, not in the store. */
#define EXCERPT_CHARS 220

struct _DossierAnnotationRow
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkWidget         *box;
  GtkLabel          *kind_label;
  GtkLabel          *status_label;
  GtkLabel          *passage_label;
  GtkLabel          *attribution_label;
  GtkLabel          *tags_label;
  GtkLabel          *note_label;
  GtkButton         *edit_button;
  GtkButton         *delete_button;

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

static void
set_optional_label (GtkLabel   *label,
                    const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

void
dossier_annotation_row_set_annotation (DossierAnnotationRow *self,
                                       DossierAnnotation    *annotation)
{
  g_autofree char *passage = NULL;
  g_autofree char *attribution = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *kind_text = NULL;

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

  passage = make_excerpt (annotation->selector.exact);
  gtk_label_set_text (self->passage_label, passage);
  attribution = dossier_annotation_describe_attribution (annotation);
  set_optional_label (self->attribution_label, attribution);
  if (annotation->tags[0] != NULL)
    {
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint i = 0; annotation->tags[i] != NULL; i++)
        g_string_append_printf (joined, "%s#%s", i ? "  " : "", annotation->tags[i]);
      tags = g_string_free (g_steal_pointer (&joined), FALSE);
    }
  set_optional_label (self->tags_label, tags);
  set_optional_label (self->note_label, annotation->note);

  /* The target first, then the name: a name without its target would not match the
   * action's parameter type. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "x", annotation->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->edit_button), "win.edit-annotation");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "x", annotation->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button),
                                  "win.delete-annotation");
}

static void
dossier_annotation_row_dispose (GObject *object)
{
  DossierAnnotationRow *self = (DossierAnnotationRow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_ANNOTATION_ROW);
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
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dossier/Dossier/dossier-annotation-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationRow, box);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationRow, kind_label);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationRow, passage_label);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationRow, attribution_label);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationRow, tags_label);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationRow, note_label);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationRow, delete_button);
}

static void
dossier_annotation_row_init (DossierAnnotationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dossier_annotation_row_new (void)
{
  return g_object_new (DOSSIER_TYPE_ANNOTATION_ROW, NULL);
}
