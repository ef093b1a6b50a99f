/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-annotation-dialog"

#include "dossier-annotation-dialog.h"
#include "dossier-completion-entry.h"

/* The form shows six lines of the passage at most; a longer one (more than about six
 * lines' worth of characters at the form's width) gets its text in a tooltip too, cut at
 * MAX_TOOLTIP_CHARS: the form is no reading pane. */
#define LONG_PASSAGE_CHARS 320
#define MAX_TOOLTIP_CHARS 1200
#define MAX_PASSAGE_CHARS 4000

/* The usual attribution verbs, the commonest first (design.md, "Quotes and attribution"). */
static const char * const cues[] = {
  "said", "told", "reported", "wrote", "added", "stressed", "noted", "claimed",
  "according to", "posted", NULL
};

struct _DossierAnnotationDialog
{
  AdwWindow               parent_instance;

  /* template widgets */
  GtkWidget              *content_box;
  GtkRevealer            *error_revealer;
  GtkLabel               *error_label;
  GtkWidget              *passage_box;
  GtkLabel               *passage_label;
  GtkWidget              *speaker_field;
  GtkWidget              *source_field;
  GtkWidget              *cue_field;
  GtkWidget              *credibility_field;
  DossierCompletionEntry *speaker_entry;
  DossierCompletionEntry *source_entry;
  DossierCompletionEntry *cue_entry;
  DossierCompletionEntry *tags_entry;
  GtkDropDown            *kind_drop_down;
  GtkDropDown            *credibility_drop_down;
  GtkTextView            *note_view;
  GtkWidget              *save_button;

  /* owned */
  DossierAnnotation      *existing;
  /* What dossier_annotation_dialog_get_fields() handed out last. */
  char                   *speaker;
  char                   *source;
  char                   *cue;
  char                   *note;
  GStrv                   tags;
};

G_DEFINE_FINAL_TYPE (DossierAnnotationDialog, dossier_annotation_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_EXISTING,
  PROP_KIND,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static DossierAnnotationKind
get_kind (DossierAnnotationDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_drop_down);

  return selected < DOSSIER_N_ANNOTATION_KINDS ? (DossierAnnotationKind) selected
                                               : DOSSIER_ANNOTATION_HIGHLIGHT;
}

/* Quotes and claims are attributed: someone said them, some outlet carried them. */
static gboolean
kind_is_attributed (DossierAnnotationKind kind)
{
  return kind == DOSSIER_ANNOTATION_QUOTE || kind == DOSSIER_ANNOTATION_CLAIM;
}

/* "state-media" → "State media". */
static char *
humanize (const char *name)
{
  g_autofree char *spaced = g_strdelimit (g_strdup (name), "-_", ' ');
  g_autofree char *first = NULL;
  const char *rest;

  if (spaced[0] == '\0')
    return g_steal_pointer (&spaced);
  rest = g_utf8_next_char (spaced);
  first = g_utf8_strup (spaced, rest - spaced);
  return g_strconcat (first, rest, NULL);
}

static char *
join_aliases (GStrv aliases)
{
  if (aliases == NULL || aliases[0] == NULL)
    return NULL;
  return g_strjoinv (", ", aliases);
}

static GListModel *
make_entity_items (GPtrArray *entities)
{
  GListStore *store = g_list_store_new (DOSSIER_TYPE_COMPLETION_ITEM);

  for (guint i = 0; i < entities->len; i++)
    {
      DossierEntity *entity = g_ptr_array_index (entities, i);
      g_autofree char *kind = humanize (dossier_entity_kind_to_string (entity->kind));
      g_autofree char *aliases = join_aliases (entity->aliases);
      g_autofree char *detail = aliases ? g_strdup_printf ("%s · also %s", kind, aliases)
                                        : g_strdup (kind);
      g_autoptr(DossierCompletionItem) item =
        dossier_completion_item_new (entity->name, entity->name, detail,
                                     (const char * const *) entity->aliases);

      g_list_store_append (store, item);
    }
  return G_LIST_MODEL (store);
}

static GListModel *
make_source_items (GPtrArray *sources)
{
  GListStore *store = g_list_store_new (DOSSIER_TYPE_COMPLETION_ITEM);

  for (guint i = 0; i < sources->len; i++)
    {
      DossierSource *source = g_ptr_array_index (sources, i);
      g_autofree char *kind = humanize (source->kind ? source->kind : "other");
      g_autofree char *label = source->country
        ? g_strdup_printf ("%s — %s, %s", source->name, kind, source->country)
        : g_strdup_printf ("%s — %s", source->name, kind);
      g_autofree char *detail = join_aliases (source->aliases);
      g_autoptr(DossierCompletionItem) item =
        dossier_completion_item_new (source->name, label, detail,
                                     (const char * const *) source->aliases);

      g_list_store_append (store, item);
    }
  return G_LIST_MODEL (store);
}

static GListModel *
make_tag_items (GPtrArray *tags)
{
  GListStore *store = g_list_store_new (DOSSIER_TYPE_COMPLETION_ITEM);

  for (guint i = 0; i < tags->len; i++)
    {
      DossierTag *tag = g_ptr_array_index (tags, i);
      g_autofree char *detail = tag->n_annotations == 1
        ? g_strdup ("1 annotation")
        : g_strdup_printf ("%u annotations", tag->n_annotations);
      g_autoptr(DossierCompletionItem) item =
        dossier_completion_item_new (tag->name, tag->name, detail, NULL);

      g_list_store_append (store, item);
    }
  return G_LIST_MODEL (store);
}

static GListModel *
make_cue_items (void)
{
  GListStore *store = g_list_store_new (DOSSIER_TYPE_COMPLETION_ITEM);

  for (guint i = 0; cues[i] != NULL; i++)
    {
      g_autoptr(DossierCompletionItem) item = dossier_completion_item_new (cues[i], NULL, NULL,
                                                                           NULL);
      g_list_store_append (store, item);
    }
  return G_LIST_MODEL (store);
}

static int
compare_entities (gconstpointer a,
                  gconstpointer b)
{
  const DossierEntity *x = *(DossierEntity * const *) a;
  const DossierEntity *y = *(DossierEntity * const *) b;

  return g_utf8_collate (x->name, y->name);
}

static int
compare_sources (gconstpointer a,
                 gconstpointer b)
{
  const DossierSource *x = *(DossierSource * const *) a;
  const DossierSource *y = *(DossierSource * const *) b;

  return g_utf8_collate (x->name, y->name);
}

/* The workspace's names, for the suggestions.  A store that cannot list them leaves the
 * form usable: names are typed in full then. */
static void
load_suggestions (DossierAnnotationDialog *self,
                  DossierStore            *store)
{
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GListModel) cue_items = make_cue_items ();
  g_autoptr(GError) error = NULL;

  entities = dossier_store_list_entities (store, &error);
  if (entities != NULL)
    {
      g_autoptr(GListModel) items = NULL;

      g_ptr_array_sort (entities, compare_entities);
      items = make_entity_items (entities);
      dossier_completion_entry_set_model (self->speaker_entry, items);
    }
  else
    {
      g_warning ("No speaker suggestions: %s", error->message);
      g_clear_error (&error);
    }

  sources = dossier_store_list_sources (store, &error);
  if (sources != NULL)
    {
      g_autoptr(GListModel) items = NULL;

      g_ptr_array_sort (sources, compare_sources);
      items = make_source_items (sources);
      dossier_completion_entry_set_model (self->source_entry, items);
    }
  else
    {
      g_warning ("No outlet suggestions: %s", error->message);
      g_clear_error (&error);
    }

  tags = dossier_store_list_tags (store, &error);
  if (tags != NULL)
    {
      g_autoptr(GListModel) items = make_tag_items (tags);

      dossier_completion_entry_set_model (self->tags_entry, items);
    }
  else
    {
      g_warning ("No tag suggestions: %s", error->message);
      g_clear_error (&error);
    }

  dossier_completion_entry_set_model (self->cue_entry, cue_items);
}

static void
update_for_kind (DossierAnnotationDialog *self)
{
  DossierAnnotationKind kind = get_kind (self);
  gboolean attributed = kind_is_attributed (kind);
  g_autofree char *title = g_strdup_printf (self->existing ? "Edit %s" : "New %s",
                                            dossier_annotation_kind_label (kind));

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_widget_set_visible (self->speaker_field, attributed);
  gtk_widget_set_visible (self->source_field, attributed);
  gtk_widget_set_visible (self->cue_field, attributed);
  gtk_widget_set_visible (self->credibility_field, kind == DOSSIER_ANNOTATION_CLAIM);
}

static void
kind_changed_cb (DossierAnnotationDialog *self)
{
  update_for_kind (self);
  g_debug ("kind: %s", dossier_annotation_kind_to_string (get_kind (self)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DossierAnnotationDialog *self = DOSSIER_ANNOTATION_DIALOG (widget);

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  /* A handler usually destroys the dialog. */
  g_object_ref (self);
  g_signal_emit (self, signals[SAVED], 0);
  g_object_unref (self);
}

static void
dossier_annotation_dialog_dispose (GObject *object)
{
  DossierAnnotationDialog *self = (DossierAnnotationDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_ANNOTATION_DIALOG);
  g_clear_object (&self->existing);

  G_OBJECT_CLASS (dossier_annotation_dialog_parent_class)->dispose (object);
}

static void
dossier_annotation_dialog_finalize (GObject *object)
{
  DossierAnnotationDialog *self = (DossierAnnotationDialog *) object;

  g_free (self->speaker);
  g_free (self->source);
  g_free (self->cue);
  g_free (self->note);
  g_strfreev (self->tags);

  G_OBJECT_CLASS (dossier_annotation_dialog_parent_class)->finalize (object);
}

static void
dossier_annotation_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  DossierAnnotationDialog *self = DOSSIER_ANNOTATION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_EXISTING:
      g_value_set_object (value, self->existing);
      break;
    case PROP_KIND:
      g_value_set_uint (value, get_kind (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_annotation_dialog_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  DossierAnnotationDialog *self = DOSSIER_ANNOTATION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_EXISTING:
      self->existing = g_value_dup_object (value);
      break;
    case PROP_KIND:
      /* The drop-down notifies, and kind_changed_cb() notifies "kind" in turn. */
      gtk_drop_down_set_selected (self->kind_drop_down, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_annotation_dialog_class_init (DossierAnnotationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dossier_annotation_dialog_dispose;
  object_class->finalize = dossier_annotation_dialog_finalize;
  object_class->get_property = dossier_annotation_dialog_get_property;
  object_class->set_property = dossier_annotation_dialog_set_property;

  /**
   * DossierAnnotationDialog:existing:
   * The annotation being edited, or NULL for a new one.
   */
  properties[PROP_EXISTING] =
    g_param_spec_object ("existing", NULL, NULL, DOSSIER_TYPE_ANNOTATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * DossierAnnotationDialog:kind:
   * The DossierAnnotationKind chosen in the form.
   */
  properties[PROP_KIND] =
    g_param_spec_uint ("kind", NULL, NULL, 0, DOSSIER_N_ANNOTATION_KINDS - 1,
                       DOSSIER_ANNOTATION_HIGHLIGHT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DossierAnnotationDialog::saved:
   * Save was pressed (or Ctrl+Return): the owner reads the fields and writes them.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "annotation.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (DOSSIER_TYPE_COMPLETION_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dossier/Dossier/"
                                               "dossier-annotation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationDialog, content_box);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationDialog, passage_box);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationDialog, passage_label);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationDialog, speaker_field);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationDialog, source_field);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationDialog, cue_field);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationDialog, credibility_field);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationDialog, speaker_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationDialog, source_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationDialog, cue_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationDialog, tags_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationDialog, kind_drop_down);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationDialog,
                                        credibility_drop_down);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationDialog, note_view);
  gtk_widget_class_bind_template_child (widget_class, DossierAnnotationDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
}

static void
dossier_annotation_dialog_init (DossierAnnotationDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) grades = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The labels come from the core, which owns the kinds and the scale. */
  for (guint kind = 0; kind < DOSSIER_N_ANNOTATION_KINDS; kind++)
    gtk_string_list_append (kinds, dossier_annotation_kind_label (kind));
  gtk_string_list_append (grades, "Not graded");
  for (int credibility = 1; credibility <= 6; credibility++)
    {
      g_autofree char *label = g_strdup_printf ("%d — %s", credibility,
                                                dossier_credibility_label (credibility));
      gtk_string_list_append (grades, label);
    }
  gtk_drop_down_set_model (self->kind_drop_down, G_LIST_MODEL (kinds));
  gtk_drop_down_set_model (self->credibility_drop_down, G_LIST_MODEL (grades));
  gtk_drop_down_set_selected (self->credibility_drop_down, 0);
}

/* “@text”, cut at @max characters with an ellipsis. */
static char *
quote_text (const char *text,
            glong       max)
{
  /* g_utf8_substring() reads past the end of a shorter string. */
  gboolean long_text = g_utf8_strlen (text, -1) > max;
  g_autofree char *cut = long_text ? g_utf8_substring (text, 0, max) : g_strdup (text);

  return g_strdup_printf ("“%s%s”", g_strstrip (cut), long_text ? "…" : "");
}

static void
set_passage (DossierAnnotationDialog *self,
             const char              *passage)
{
  g_autofree char *quoted = NULL;

  if (passage == NULL && self->existing != NULL)
    passage = self->existing->selector.exact;
  if (passage == NULL || passage[0] == '\0')
    {
      gtk_widget_set_visible (self->passage_box, FALSE);
      return;
    }
  quoted = quote_text (passage, MAX_PASSAGE_CHARS);
  gtk_label_set_text (self->passage_label, quoted);
  if (g_utf8_strlen (passage, -1) > LONG_PASSAGE_CHARS)
    {
      g_autofree char *tooltip = quote_text (passage, MAX_TOOLTIP_CHARS);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->passage_label), tooltip);
    }
}

static void
prefill (DossierAnnotationDialog *self,
         DossierAnnotation       *annotation)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  g_autofree char *tags = NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->speaker_entry),
                         annotation->speaker ? annotation->speaker : "");
  gtk_editable_set_text (GTK_EDITABLE (self->source_entry),
                         annotation->source ? annotation->source : "");
  gtk_editable_set_text (GTK_EDITABLE (self->cue_entry), annotation->cue ? annotation->cue : "");
  gtk_drop_down_set_selected (self->credibility_drop_down,
                              CLAMP (annotation->credibility, 0, 6));
  tags = annotation->tags ? g_strjoinv (", ", annotation->tags) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->tags_entry), tags);
  gtk_text_buffer_set_text (buffer, annotation->note ? annotation->note : "", -1);
}

/**
 * dossier_annotation_dialog_new:
 * @parent: (nullable): the window it is modal for
 * @kind: the kind the form starts with (for @existing, usually its own kind)
 * @passage: (nullable): the annotated text; NULL shows @existing's quote
 * @existing: (nullable): the annotation to edit, or NULL for a new one
 */
GtkWidget *
dossier_annotation_dialog_new (GtkWindow             *parent,
                               DossierStore          *store,
                               DossierAnnotationKind  kind,
                               const char            *passage,
                               DossierAnnotation     *existing)
{
  DossierAnnotationDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);
  g_return_val_if_fail ((guint) kind < DOSSIER_N_ANNOTATION_KINDS, NULL);
  g_return_val_if_fail (existing == NULL || DOSSIER_IS_ANNOTATION (existing), NULL);

  self = g_object_new (DOSSIER_TYPE_ANNOTATION_DIALOG,
                       "transient-for", parent,
                       "existing", existing,
                       NULL);
  /* Before the prefill: the names typed there must not open the suggestions. */
  load_suggestions (self, store);
  set_passage (self, passage);
  if (existing != NULL)
    prefill (self, existing);
  gtk_drop_down_set_selected (self->kind_drop_down, kind);
  update_for_kind (self);

  if (kind_is_attributed (kind))
    gtk_widget_grab_focus (GTK_WIDGET (self->speaker_entry));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->note_view));

  return GTK_WIDGET (self);
}

/* Trimmed; NULL when nothing is left. */
static char *
dup_trimmed (const char *text)
{
  char *copy = g_strstrip (g_strdup (text ? text : ""));

  if (copy[0] == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

/* "ports, Ports , ,shipping" → { "ports", "shipping" }: trimmed, empty ones dropped, the
 * first spelling kept of names that differ only in case. */
static GStrv
parse_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *name = g_strstrip (parts[i]);
      char *folded;

      if (name[0] == '\0')
        continue;
      folded = g_utf8_casefold (name, -1);
      if (!g_hash_table_add (seen, folded))
        continue;
      g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

void
dossier_annotation_dialog_get_fields (DossierAnnotationDialog *self,
                                      DossierAnnotationFields *fields)
{
  DossierAnnotationKind kind;
  gboolean attributed;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_if_fail (DOSSIER_IS_ANNOTATION_DIALOG (self));
  g_return_if_fail (fields != NULL);

  kind = get_kind (self);
  attributed = kind_is_attributed (kind);

  g_clear_pointer (&self->speaker, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->cue, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->tags, g_strfreev);

  if (attributed)
    {
      self->speaker = dup_trimmed (gtk_editable_get_text (GTK_EDITABLE (self->speaker_entry)));
      self->source = dup_trimmed (gtk_editable_get_text (GTK_EDITABLE (self->source_entry)));
      self->cue = dup_trimmed (gtk_editable_get_text (GTK_EDITABLE (self->cue_entry)));
    }
  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  self->note = g_strchomp (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  self->tags = parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_entry)));

  fields->kind = kind;
  fields->speaker = self->speaker;
  fields->source = self->source;
  fields->cue = self->cue;
  fields->credibility = kind == DOSSIER_ANNOTATION_CLAIM
    ? (int) MIN (gtk_drop_down_get_selected (self->credibility_drop_down), 6) : 0;
  fields->note = self->note;
  fields->tags = (const char * const *) self->tags;
}

DossierAnnotation *
dossier_annotation_dialog_get_existing (DossierAnnotationDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_ANNOTATION_DIALOG (self), NULL);
  return self->existing;
}

void
dossier_annotation_dialog_show_error (DossierAnnotationDialog *self,
                                      const char              *message)
{
  g_return_if_fail (DOSSIER_IS_ANNOTATION_DIALOG (self));
  g_return_if_fail (message != NULL);

  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

const char *
dossier_annotation_dialog_get_error (DossierAnnotationDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_ANNOTATION_DIALOG (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

GtkEditable *
dossier_annotation_dialog_get_speaker_entry (DossierAnnotationDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_ANNOTATION_DIALOG (self), NULL);
  return GTK_EDITABLE (self->speaker_entry);
}

GtkEditable *
dossier_annotation_dialog_get_source_entry (DossierAnnotationDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_ANNOTATION_DIALOG (self), NULL);
  return GTK_EDITABLE (self->source_entry);
}

GtkEditable *
dossier_annotation_dialog_get_cue_entry (DossierAnnotationDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_ANNOTATION_DIALOG (self), NULL);
  return GTK_EDITABLE (self->cue_entry);
}

GtkEditable *
dossier_annotation_dialog_get_tags_entry (DossierAnnotationDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_ANNOTATION_DIALOG (self), NULL);
  return GTK_EDITABLE (self->tags_entry);
}

GtkDropDown *
dossier_annotation_dialog_get_credibility_drop_down (DossierAnnotationDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_ANNOTATION_DIALOG (self), NULL);
  return self->credibility_drop_down;
}

GtkDropDown *
dossier_annotation_dialog_get_kind_drop_down (DossierAnnotationDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_ANNOTATION_DIALOG (self), NULL);
  return self->kind_drop_down;
}

GtkTextView *
dossier_annotation_dialog_get_note_view (DossierAnnotationDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_ANNOTATION_DIALOG (self), NULL);
  return self->note_view;
}

GtkWidget *
dossier_annotation_dialog_get_save_button (DossierAnnotationDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_ANNOTATION_DIALOG (self), NULL);
  return self->save_button;
}
