/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The annotation form on a temporary workspace: typed into through its real entries, saved
 * through its Save button, and the store read back.  Screenshots (PNG) go to the build
 * directory. */
#include <adwaita.h>
#include <string.h>

#include "dossier-annotation-dialog.h"
#include "dossier-completion-entry.h"
#include "dossier-core.h"
#include "test-common.h"
#include "test-ui.h"

#define STORY_TITLE "Ferry line approved"
#define STORY_BODY \
  "The council approved the ferry line on Thursday after a long debate. " \
  "“We waited ten years for this,” said councillor Mara Ostrand. " \
  "Port traffic will double by next summer, the harbour authority claimed, according to " \
  "the Islamic Republic News Agency."
#define CLAIM_TEXT "Port traffic will double by next summer"
#define QUOTE_TEXT "We waited ten years for this"

typedef struct {
  char                    *dir;
  DossierStore            *store;
  gint64                   doc;
  GtkWindow               *parent;
  DossierAnnotationDialog *dialog;
  /* what the "saved" handler did */
  guint                    n_saved;
  gint64                   saved_id;
  const char              *refuse_with;   /* the handler shows this error instead of writing */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DossierArticle) article = test_make_article (STORY_TITLE, "The Port Vell Courier",
                                                           STORY_BODY);
  g_autoptr(GBytes) original = g_bytes_new_static (STORY_BODY, strlen (STORY_BODY));
  const char *tags[] = { "harbour", "ferry", NULL };
  DossierAnnotationFields fields = {
    .kind = DOSSIER_ANNOTATION_QUOTE,
    .speaker = "Mara Ostrand",
    .source = "The Port Vell Courier",
    .cue = "said",
    .note = "",
    .tags = tags,
  };

  f->dir = test_make_tmpdir ();
  f->store = test_open_workspace (f->dir, "form.dossier", NULL);
  f->doc = test_add_article (f->store, article, original, "ferry.txt");
  /* A speaker, an outlet of the analyst's own and two tags for the suggestions; the
   * registry brings the rest of the outlets. */
  test_annotate_passage (f->store, f->doc, QUOTE_TEXT, &fields);

  f->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->parent, 900, 700);
  gtk_window_present (f->parent);
  wait_for (mapped, f->parent);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  destroy_windows ();
  g_assert_null (f->dialog);
  finalize_workspace (f->store, f->dir);
}

static void
open_dialog (Fixture               *f,
             DossierAnnotationKind  kind,
             const char            *passage,
             DossierAnnotation     *existing)
{
  f->dialog = DOSSIER_ANNOTATION_DIALOG (dossier_annotation_dialog_new (f->parent, f->store,
                                                                        kind, passage,
                                                                        existing));
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
  gtk_window_present (GTK_WINDOW (f->dialog));
  wait_for (mapped, f->dialog);
  settle ();
}

/* What an owner does: write, then close; or show the store's error. */
static void
saved_cb (DossierAnnotationDialog *dialog,
          Fixture                 *f)
{
  DossierAnnotation *existing = dossier_annotation_dialog_get_existing (dialog);
  DossierAnnotationFields fields;
  g_autoptr(GError) error = NULL;

  f->n_saved++;
  if (f->refuse_with != NULL)
    {
      dossier_annotation_dialog_show_error (dialog, f->refuse_with);
      return;
    }
  dossier_annotation_dialog_get_fields (dialog, &fields);
  if (existing != NULL)
    {
      g_assert_true (dossier_store_update_annotation (f->store, existing->id, &fields, &error));
      f->saved_id = existing->id;
    }
  else
    {
      guint start, end;

      test_find_in_document (f->store, f->doc, CLAIM_TEXT, &start, &end);
      f->saved_id = dossier_store_add_annotation (f->store, f->doc, start, end, &fields,
                                                  &error);
    }
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
was_saved (gpointer data)
{
  Fixture *f = data;

  return f->n_saved > 0;
}

/* A button activated from the keyboard shows itself pressed for a moment before it
 * clicks. */
static void
press_save (Fixture *f)
{
  g_assert_true (gtk_widget_activate (dossier_annotation_dialog_get_save_button (f->dialog)));
  wait_for (was_saved, f);
  settle ();
}

static gboolean
has_focus_within (GtkWindow *window,
                  gpointer   widget)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static DossierCompletionItem *
find_item (GListModel *model,
           const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DossierCompletionItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (dossier_completion_item_get_text (item), text) == 0)
        return item;
    }
  return NULL;
}

static const char *
first_match (GtkEditable *entry)
{
  GListModel *matches = dossier_completion_entry_get_matches (DOSSIER_COMPLETION_ENTRY (entry));
  g_autoptr(DossierCompletionItem) item = g_list_model_get_item (matches, 0);

  g_assert_nonnull (item);
  /* The model keeps the item alive. */
  return dossier_completion_item_get_text (item);
}

static void
test_new_claim (Fixture *f, gconstpointer data)
{
  GtkEditable *speaker, *source, *cue, *tags;
  GtkDropDown *credibility;
  GListModel *sources;
  DossierCompletionItem *irna;
  GtkPopover *popover;
  GtkTextBuffer *buffer;
  g_autoptr(DossierAnnotation) stored = NULL;
  g_autoptr(GError) error = NULL;

  open_dialog (f, DOSSIER_ANNOTATION_CLAIM, CLAIM_TEXT, NULL);
  speaker = dossier_annotation_dialog_get_speaker_entry (f->dialog);
  source = dossier_annotation_dialog_get_source_entry (f->dialog);
  cue = dossier_annotation_dialog_get_cue_entry (f->dialog);
  tags = dossier_annotation_dialog_get_tags_entry (f->dialog);
  credibility = dossier_annotation_dialog_get_credibility_drop_down (f->dialog);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->dialog)), ==, "New Claim");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (f->dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (f->dialog)) == f->parent);
  g_assert_null (dossier_annotation_dialog_get_existing (f->dialog));
  g_assert_true (has_focus_within (GTK_WINDOW (f->dialog), speaker));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (credibility)));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (cue)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->dialog)), >=, 480);

  /* The outlet suggestions hold the registry, labelled with kind and country. */
  sources = dossier_completion_entry_get_model (DOSSIER_COMPLETION_ENTRY (source));
  g_assert_nonnull (sources);
  g_assert_cmpuint (g_list_model_get_n_items (sources), >, 100);
  irna = find_item (sources, "IRNA");
  g_assert_nonnull (irna);
  g_assert_cmpstr (dossier_completion_item_get_label (irna), ==, "IRNA — State media, IR");
  g_assert_nonnull (strstr (dossier_completion_item_get_detail (irna),
                            "Islamic Republic News Agency"));
  g_assert_nonnull (find_item (sources, "TASS"));
  g_assert_nonnull (find_item (sources, "The Port Vell Courier"));

  /* Typing in the focused speaker entry opens its suggestions; Down and Enter (the
   * entry's actions) choose one. */
  popover = dossier_completion_entry_get_popover (DOSSIER_COMPLETION_ENTRY (speaker));
  gtk_editable_set_text (speaker, "ostr");
  settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpstr (first_match (speaker), ==, "Mara Ostrand");
  save_screenshot (GTK_WIDGET (popover), "annotation-dialog-suggestions");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (speaker), "completion.next", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (speaker), "completion.accept", NULL));
  settle ();
  g_assert_cmpstr (gtk_editable_get_text (speaker), ==, "Mara Ostrand");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* An alias finds its outlet; the alias itself is what is typed here, and the store
   * resolves it. */
  gtk_editable_set_text (source, "islamic republic news");
  g_assert_cmpstr (first_match (source), ==, "IRNA");
  gtk_editable_set_text (source, "Islamic Republic News Agency");
  gtk_editable_set_text (cue, "according to");
  gtk_drop_down_set_selected (credibility, 2);
  gtk_editable_set_text (tags, "ports, Ports , ,shipping");
  buffer = gtk_text_view_get_buffer (dossier_annotation_dialog_get_note_view (f->dialog));
  gtk_text_buffer_set_text (buffer, "The port authority's own forecast says a third.\n", -1);
  settle ();
  save_screenshot (GTK_WIDGET (f->dialog), "annotation-dialog-claim");

  g_signal_connect (f->dialog, "saved", G_CALLBACK (saved_cb), f);
  press_save (f);
  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_null (f->dialog);

  stored = dossier_store_get_annotation (f->store, f->saved_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->kind, ==, DOSSIER_ANNOTATION_CLAIM);
  g_assert_cmpstr (stored->speaker, ==, "Mara Ostrand");
  g_assert_cmpstr (stored->source, ==, "IRNA");
  g_assert_cmpstr (stored->cue, ==, "according to");
  g_assert_cmpint (stored->credibility, ==, 2);
  g_assert_cmpstr (stored->note, ==, "The port authority's own forecast says a third.");
  g_assert_cmpstrv (stored->tags, ((const char * const[]) { "ports", "shipping", NULL }));
  g_assert_cmpstr (stored->selector.exact, ==, CLAIM_TEXT);
}

static void
test_edit_existing (Fixture *f, gconstpointer data)
{
  const char *tag_names[] = { "harbour", "council", NULL };
  DossierAnnotationFields original = {
    .kind = DOSSIER_ANNOTATION_QUOTE,
    .speaker = "Mara Ostrand",
    .source = "IRNA",
    .cue = "said",
    .note = "Her first public statement on the ferry.",
    .tags = tag_names,
  };
  g_autoptr(DossierAnnotation) existing = NULL;
  g_autoptr(DossierAnnotation) stored = NULL;
  g_autoptr(GError) error = NULL;
  DossierAnnotationFields fields;
  GtkEditable *speaker, *source, *cue, *tags;
  GtkWidget *credibility;
  GtkDropDown *kind;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *note = NULL;
  gint64 id;

  id = test_annotate_passage (f->store, f->doc, QUOTE_TEXT, &original);
  existing = dossier_store_get_annotation (f->store, id, &error);
  g_assert_no_error (error);

  /* No passage given: the annotation's own quote is shown. */
  open_dialog (f, existing->kind, NULL, existing);
  speaker = dossier_annotation_dialog_get_speaker_entry (f->dialog);
  source = dossier_annotation_dialog_get_source_entry (f->dialog);
  cue = dossier_annotation_dialog_get_cue_entry (f->dialog);
  tags = dossier_annotation_dialog_get_tags_entry (f->dialog);
  credibility = GTK_WIDGET (dossier_annotation_dialog_get_credibility_drop_down (f->dialog));
  kind = dossier_annotation_dialog_get_kind_drop_down (f->dialog);
  g_assert_true (dossier_annotation_dialog_get_existing (f->dialog) == existing);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->dialog)), ==, "Edit Quote");
  g_assert_cmpuint (gtk_drop_down_get_selected (kind), ==, DOSSIER_ANNOTATION_QUOTE);
  g_assert_cmpstr (gtk_editable_get_text (speaker), ==, "Mara Ostrand");
  g_assert_cmpstr (gtk_editable_get_text (source), ==, "IRNA");
  g_assert_cmpstr (gtk_editable_get_text (cue), ==, "said");
  /* the store keeps tags sorted */
  g_assert_cmpstr (gtk_editable_get_text (tags), ==, "council, harbour");
  buffer = gtk_text_view_get_buffer (dossier_annotation_dialog_get_note_view (f->dialog));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (note, ==, "Her first public statement on the ferry.");
  /* a quote has no credibility; its suggestions did not open for the prefill */
  g_assert_false (gtk_widget_is_visible (credibility));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (speaker)));
  g_assert_false (gtk_widget_get_visible (
    GTK_WIDGET (dossier_completion_entry_get_popover (DOSSIER_COMPLETION_ENTRY (speaker)))));
  save_screenshot (GTK_WIDGET (f->dialog), "annotation-dialog-quote");

  /* A highlight is nobody's statement. */
  gtk_drop_down_set_selected (kind, DOSSIER_ANNOTATION_HIGHLIGHT);
  settle ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->dialog)), ==, "Edit Highlight");
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (speaker)));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (source)));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (cue)));
  g_assert_false (gtk_widget_is_visible (credibility));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (tags)));
  dossier_annotation_dialog_get_fields (f->dialog, &fields);
  g_assert_cmpint (fields.kind, ==, DOSSIER_ANNOTATION_HIGHLIGHT);
  g_assert_true (fields.speaker == NULL || fields.speaker[0] == '\0');
  g_assert_true (fields.source == NULL || fields.source[0] == '\0');
  g_assert_true (fields.cue == NULL || fields.cue[0] == '\0');
  g_assert_cmpint (fields.credibility, ==, 0);
  g_assert_cmpstr (fields.note, ==, "Her first public statement on the ferry.");
  g_assert_cmpstrv (fields.tags, ((const char * const[]) { "council", "harbour", NULL }));
  save_screenshot (GTK_WIDGET (f->dialog), "annotation-dialog-highlight");

  /* Saved through the action Ctrl+Return runs. */
  g_signal_connect (f->dialog, "saved", G_CALLBACK (saved_cb), f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "annotation.save", NULL));
  settle ();
  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_null (f->dialog);
  stored = dossier_store_get_annotation (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->kind, ==, DOSSIER_ANNOTATION_HIGHLIGHT);
  g_assert_null (stored->speaker);
  g_assert_null (stored->source);
  g_assert_cmpstrv (stored->tags, ((const char * const[]) { "council", "harbour", NULL }));
}

static void
test_note_and_error (Fixture *f, gconstpointer data)
{
  GtkEditable *speaker;
  g_autofree char *passage = g_strjoin (" ", STORY_BODY, STORY_BODY, STORY_BODY, NULL);

  /* A long passage is cut at six lines. */
  open_dialog (f, DOSSIER_ANNOTATION_NOTE, passage, NULL);
  speaker = dossier_annotation_dialog_get_speaker_entry (f->dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->dialog)), ==, "New Note");
  g_assert_true (has_focus_within (GTK_WINDOW (f->dialog),
                                   dossier_annotation_dialog_get_note_view (f->dialog)));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (speaker)));
  g_assert_null (dossier_annotation_dialog_get_error (f->dialog));

  /* The store refused: the message shows in the form, which stays open with its input. */
  f->refuse_with = "The document was removed from the workspace.";
  g_signal_connect (f->dialog, "saved", G_CALLBACK (saved_cb), f);
  press_save (f);
  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_nonnull (f->dialog);
  g_assert_cmpstr (dossier_annotation_dialog_get_error (f->dialog), ==, f->refuse_with);
  save_screenshot (GTK_WIDGET (f->dialog), "annotation-dialog-error");

  /* Cancel closes without a word to the owner. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "window.close", NULL));
  settle ();
  g_assert_null (f->dialog);
  g_assert_cmpuint (f->n_saved, ==, 1);
}

static void
test_completion (Fixture *f, gconstpointer data)
{
  GtkEditable *source, *tags, *cue;
  DossierCompletionEntry *completion;
  GtkPopover *popover;
  GListModel *matches;

  open_dialog (f, DOSSIER_ANNOTATION_QUOTE, QUOTE_TEXT, NULL);
  source = dossier_annotation_dialog_get_source_entry (f->dialog);
  tags = dossier_annotation_dialog_get_tags_entry (f->dialog);
  cue = dossier_annotation_dialog_get_cue_entry (f->dialog);

  /* Names first, then aliases, then words inside either; case and accents ignored. */
  gtk_editable_set_text (source, "irna");
  g_assert_cmpstr (first_match (source), ==, "IRNA");
  gtk_editable_set_text (source, "RUSSIA TODAY");
  g_assert_cmpstr (first_match (source), ==, "RT");
  gtk_editable_set_text (source, "zzzz no such outlet");
  matches = dossier_completion_entry_get_matches (DOSSIER_COMPLETION_ENTRY (source));
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 0);

  /* A click on a suggestion chooses it and closes the list. */
  completion = DOSSIER_COMPLETION_ENTRY (source);
  popover = dossier_completion_entry_get_popover (completion);
  gtk_widget_grab_focus (GTK_WIDGET (source));
  gtk_editable_set_text (source, "xinh");
  settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_signal_emit_by_name (dossier_completion_entry_get_list_view (completion), "activate", 0);
  settle ();
  g_assert_cmpstr (gtk_editable_get_text (source), ==, "Xinhua");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* Several outlets match an alias's word: each shows its kind, country and aliases. */
  gtk_editable_set_text (source, "islamic");
  settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpuint (g_list_model_get_n_items (dossier_completion_entry_get_matches (completion)),
                    >=, 2);
  save_screenshot (GTK_WIDGET (popover), "annotation-dialog-outlet-suggestions");

  /* Escape (completion.dismiss) closes it and leaves the text as typed. */
  gtk_editable_set_text (source, "reu");
  settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (source), "completion.dismiss", NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpstr (gtk_editable_get_text (source), ==, "reu");

  /* Down on an empty cue lists every cue, the commonest first. */
  gtk_widget_grab_focus (GTK_WIDGET (cue));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cue), "completion.next", NULL));
  settle ();
  completion = DOSSIER_COMPLETION_ENTRY (cue);
  popover = dossier_completion_entry_get_popover (completion);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  matches = dossier_completion_entry_get_matches (completion);
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 10);
  g_assert_cmpstr (first_match (cue), ==, "said");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cue), "completion.next", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cue), "completion.accept", NULL));
  g_assert_cmpstr (gtk_editable_get_text (cue), ==, "told");

  /* Tags complete the last element and leave out those already listed. */
  completion = DOSSIER_COMPLETION_ENTRY (tags);
  g_assert_true (dossier_completion_entry_get_multiple (completion));
  gtk_widget_grab_focus (GTK_WIDGET (tags));
  gtk_editable_set_text (tags, "ports, HAR");
  settle ();
  g_assert_cmpstr (first_match (tags), ==, "harbour");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tags), "completion.next", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tags), "completion.accept", NULL));
  g_assert_cmpstr (gtk_editable_get_text (tags), ==, "ports, harbour, ");
  matches = dossier_completion_entry_get_matches (completion);
  g_assert_null (find_item (matches, "harbour"));
  g_assert_nonnull (find_item (matches, "ferry"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_ui_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/annotation-dialog/new-claim", test_new_claim);
  ADD ("/annotation-dialog/edit-existing", test_edit_existing);
  ADD ("/annotation-dialog/note-and-error", test_note_and_error);
  ADD ("/annotation-dialog/completion", test_completion);

#undef ADD

  return g_test_run ();
}
