/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-annotation"

#include <string.h>

#include "dossier-annotation.h"

static const char * const kind_names[DOSSIER_N_ANNOTATION_KINDS] = {
  [DOSSIER_ANNOTATION_HIGHLIGHT] = "highlight",
  [DOSSIER_ANNOTATION_QUOTE] = "quote",
  [DOSSIER_ANNOTATION_CLAIM] = "claim",
  [DOSSIER_ANNOTATION_NOTE] = "note",
};

static const char * const kind_labels[DOSSIER_N_ANNOTATION_KINDS] = {
  [DOSSIER_ANNOTATION_HIGHLIGHT] = "Highlight",
  [DOSSIER_ANNOTATION_QUOTE] = "Quote",
  [DOSSIER_ANNOTATION_CLAIM] = "Claim",
  [DOSSIER_ANNOTATION_NOTE] = "Note",
};

const char *
dossier_annotation_kind_to_string (DossierAnnotationKind kind)
{
  g_return_val_if_fail ((guint) kind < DOSSIER_N_ANNOTATION_KINDS, NULL);

  return kind_names[kind];
}

gboolean
dossier_annotation_kind_from_string (const char            *name,
                                     DossierAnnotationKind *kind)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < DOSSIER_N_ANNOTATION_KINDS; i++)
    if (g_ascii_strcasecmp (name, kind_names[i]) == 0)
      {
        *kind = (DossierAnnotationKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
dossier_annotation_kind_label (DossierAnnotationKind kind)
{
  g_return_val_if_fail ((guint) kind < DOSSIER_N_ANNOTATION_KINDS, NULL);

  return kind_labels[kind];
}

const char *
dossier_annotation_status_to_string (DossierAnnotationStatus status)
{
  return status == DOSSIER_ANNOTATION_ORPHAN ? "orphan" : "anchored";
}

gboolean
dossier_source_grade_is_valid (const char *grade)
{
  return grade != NULL && grade[0] >= 'A' && grade[0] <= 'F' && grade[1] == '\0';
}

const char *
dossier_credibility_label (int credibility)
{
  /* The information-credibility scale of the Admiralty code (NATO AJP-2.1). */
  static const char * const labels[] = {
    NULL,
    "Confirmed by other sources",
    "Probably true",
    "Possibly true",
    "Doubtful",
    "Improbable",
    "Truth cannot be judged",
  };

  if (credibility < 1 || credibility > 6)
    return NULL;
  return labels[credibility];
}

G_DEFINE_FINAL_TYPE (DossierAnnotation, dossier_annotation, G_TYPE_OBJECT)

static void
dossier_annotation_finalize (GObject *object)
{
  DossierAnnotation *self = (DossierAnnotation *) object;

  dossier_selector_clear (&self->selector);
  g_free (self->speaker);
  g_free (self->source);
  g_free (self->source_grade);
  g_free (self->cue);
  g_free (self->note);
  g_strfreev (self->tags);
  g_free (self->origin);
  g_free (self->review);
  g_free (self->created_at);
  g_free (self->modified_at);

  G_OBJECT_CLASS (dossier_annotation_parent_class)->finalize (object);
}

static void
dossier_annotation_class_init (DossierAnnotationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dossier_annotation_finalize;
}

static void
dossier_annotation_init (DossierAnnotation *self)
{
  self->note = g_strdup ("");
  self->tags = g_new0 (char *, 1);
  self->origin = g_strdup ("analyst");
  self->review = g_strdup ("confirmed");
}

DossierAnnotation *
dossier_annotation_new (void)
{
  return g_object_new (DOSSIER_TYPE_ANNOTATION, NULL);
}

DossierAnnotation *
dossier_annotation_copy (DossierAnnotation *self)
{
  DossierAnnotation *copy;

  g_return_val_if_fail (DOSSIER_IS_ANNOTATION (self), NULL);

  copy = dossier_annotation_new ();
  copy->id = self->id;
  copy->document_id = self->document_id;
  copy->kind = self->kind;
  copy->selector.start = self->selector.start;
  copy->selector.end = self->selector.end;
  copy->selector.exact = g_strdup (self->selector.exact);
  copy->selector.prefix = g_strdup (self->selector.prefix);
  copy->selector.suffix = g_strdup (self->selector.suffix);
  copy->status = self->status;
  copy->speaker_id = self->speaker_id;
  copy->speaker = g_strdup (self->speaker);
  copy->source_id = self->source_id;
  copy->source = g_strdup (self->source);
  copy->source_grade = g_strdup (self->source_grade);
  copy->cue = g_strdup (self->cue);
  copy->credibility = self->credibility;
  g_free (copy->note);
  copy->note = g_strdup (self->note);
  g_strfreev (copy->tags);
  copy->tags = g_strdupv (self->tags);
  g_free (copy->origin);
  copy->origin = g_strdup (self->origin);
  g_free (copy->review);
  copy->review = g_strdup (self->review);
  copy->created_at = g_strdup (self->created_at);
  copy->modified_at = g_strdup (self->modified_at);
  return copy;
}

void
dossier_annotation_get_fields (DossierAnnotation       *self,
                               DossierAnnotationFields *fields)
{
  g_return_if_fail (DOSSIER_IS_ANNOTATION (self));

  memset (fields, 0, sizeof *fields);
  fields->kind = self->kind;
  fields->speaker = self->speaker;
  fields->source = self->source;
  fields->cue = self->cue;
  fields->credibility = self->credibility;
  fields->note = self->note;
  fields->tags = (const char * const *) self->tags;
}

gboolean
dossier_annotation_is_suggestion (DossierAnnotation *self)
{
  g_return_val_if_fail (DOSSIER_IS_ANNOTATION (self), FALSE);

  return g_strcmp0 (self->origin, "auto") == 0 && g_strcmp0 (self->review, "suggested") == 0;
}
