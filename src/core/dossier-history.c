/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-history"

#include "dossier-error.h"
#include "dossier-history.h"

/* Enough for a long session of annotating; the oldest steps go first. */
#define MAX_STEPS 500

typedef struct {
  DossierAnnotation *before;
  DossierAnnotation *after;
} Step;

struct _DossierHistory
{
  GObject  parent_instance;

  GQueue   undo;   /* of Step, newest at the head */
  GQueue   redo;
};

G_DEFINE_FINAL_TYPE (DossierHistory, dossier_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
step_free (gpointer data)
{
  Step *step = data;

  g_clear_object (&step->before);
  g_clear_object (&step->after);
  g_free (step);
}

static void
notify_both (DossierHistory *self,
             gboolean        could_undo,
             gboolean        could_redo)
{
  if (could_undo != dossier_history_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != dossier_history_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
dossier_history_finalize (GObject *object)
{
  DossierHistory *self = (DossierHistory *) object;

  g_queue_clear_full (&self->undo, step_free);
  g_queue_clear_full (&self->redo, step_free);

  G_OBJECT_CLASS (dossier_history_parent_class)->finalize (object);
}

static void
dossier_history_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DossierHistory *self = DOSSIER_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, dossier_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, dossier_history_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_history_class_init (DossierHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_history_finalize;
  object_class->get_property = dossier_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dossier_history_init (DossierHistory *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

DossierHistory *
dossier_history_new (void)
{
  return g_object_new (DOSSIER_TYPE_HISTORY, NULL);
}

void
dossier_history_record (DossierHistory    *self,
                        DossierAnnotation *before,
                        DossierAnnotation *after)
{
  gboolean could_undo, could_redo;
  Step *step;

  g_return_if_fail (DOSSIER_IS_HISTORY (self));
  g_return_if_fail (before != NULL || after != NULL);

  could_undo = dossier_history_can_undo (self);
  could_redo = dossier_history_can_redo (self);
  step = g_new0 (Step, 1);
  step->before = before ? dossier_annotation_copy (before) : NULL;
  step->after = after ? dossier_annotation_copy (after) : NULL;
  g_queue_push_head (&self->undo, step);
  while (self->undo.length > MAX_STEPS)
    step_free (g_queue_pop_tail (&self->undo));
  g_queue_clear_full (&self->redo, step_free);
  notify_both (self, could_undo, could_redo);
}

gboolean
dossier_history_can_undo (DossierHistory *self)
{
  g_return_val_if_fail (DOSSIER_IS_HISTORY (self), FALSE);
  return self->undo.length > 0;
}

gboolean
dossier_history_can_redo (DossierHistory *self)
{
  g_return_val_if_fail (DOSSIER_IS_HISTORY (self), FALSE);
  return self->redo.length > 0;
}

static char *
describe (Step *step)
{
  DossierAnnotation *any;
  const char *verb;

  if (step == NULL)
    return NULL;
  any = step->after ? step->after : step->before;
  g_assert (any != NULL);
  verb = step->before == NULL ? "Add" : step->after == NULL ? "Delete" : "Edit";
  return g_strdup_printf ("%s %s", verb, dossier_annotation_kind_label (any->kind));
}

char *
dossier_history_describe_undo (DossierHistory *self)
{
  g_return_val_if_fail (DOSSIER_IS_HISTORY (self), NULL);
  return describe (g_queue_peek_head (&self->undo));
}

char *
dossier_history_describe_redo (DossierHistory *self)
{
  g_return_val_if_fail (DOSSIER_IS_HISTORY (self), NULL);
  return describe (g_queue_peek_head (&self->redo));
}

/* Makes the store hold @target, or no annotation @other->id when @target is NULL. */
static gboolean
apply (DossierStore       *store,
       DossierAnnotation  *target,
       DossierAnnotation  *other,
       gint64             *document_id,
       gint64             *annotation_id,
       GError            **error)
{
  DossierAnnotation *any = target ? target : other;

  if (target != NULL ? !dossier_store_put_annotation (store, target, error)
                     : !dossier_store_remove_annotation (store, other->id, error))
    return FALSE;
  if (document_id)
    *document_id = any->document_id;
  if (annotation_id)
    *annotation_id = any->id;
  return TRUE;
}

gboolean
dossier_history_undo (DossierHistory  *self,
                      DossierStore    *store,
                      gint64          *document_id,
                      gint64          *annotation_id,
                      GError         **error)
{
  gboolean could_redo;
  Step *step;

  g_return_val_if_fail (DOSSIER_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (DOSSIER_IS_STORE (store), FALSE);

  step = g_queue_peek_head (&self->undo);
  if (step == NULL)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID, "Nothing to undo");
      return FALSE;
    }
  if (!apply (store, step->before, step->after, document_id, annotation_id, error))
    return FALSE;
  could_redo = dossier_history_can_redo (self);
  g_queue_push_head (&self->redo, g_queue_pop_head (&self->undo));
  notify_both (self, TRUE, could_redo);
  return TRUE;
}

gboolean
dossier_history_redo (DossierHistory  *self,
                      DossierStore    *store,
                      gint64          *document_id,
                      gint64          *annotation_id,
                      GError         **error)
{
  gboolean could_undo;
  Step *step;

  g_return_val_if_fail (DOSSIER_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (DOSSIER_IS_STORE (store), FALSE);

  step = g_queue_peek_head (&self->redo);
  if (step == NULL)
    {
      g_set_error (error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID, "Nothing to redo");
      return FALSE;
    }
  if (!apply (store, step->after, step->before, document_id, annotation_id, error))
    return FALSE;
  could_undo = dossier_history_can_undo (self);
  g_queue_push_head (&self->undo, g_queue_pop_head (&self->redo));
  notify_both (self, could_undo, TRUE);
  return TRUE;
}

void
dossier_history_clear (DossierHistory *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (DOSSIER_IS_HISTORY (self));

  could_undo = dossier_history_can_undo (self);
  could_redo = dossier_history_can_redo (self);
  g_queue_clear_full (&self->undo, step_free);
  g_queue_clear_full (&self->redo, step_free);
  notify_both (self, could_undo, could_redo);
}
