/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-sources-dialog"

#include <string.h>

#include "dossier-core.h"
#include "dossier-sources-dialog.h"

/* Notes are saved this long after the last keystroke (and at once when the editor is left). */
#define NOTES_SAVE_DELAY_MS 500

struct _DossierSourcesDialog
{
  AdwWindow            parent_instance;

  /* template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkMenuButton       *add_button;
  GtkPopover          *add_popover;
  GtkEntry            *add_name_entry;
  GtkDropDown         *add_kind_dropdown;
  GtkLabel            *add_error_label;
  GtkSearchEntry      *filter_entry;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *country_column;
  GtkColumnViewColumn *grade_column;
  GtkColumnViewColumn *count_column;
  GtkStack            *editor_stack;
  GtkLabel            *name_label;
  GtkLabel            *details_label;
  AdwComboRow         *kind_row;
  AdwEntryRow         *country_row;
  AdwComboRow         *reliability_row;
  GtkLabel            *country_error_label;
  AdwEntryRow         *aliases_row;
  GtkLabel            *aliases_error_label;
  GtkTextView         *notes_view;
  GtkTextBuffer       *notes_buffer;

  /* owned */
  DossierStore        *store;
  GListStore          *sources;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  GtkSortListModel    *sorted;
  GtkSingleSelection  *selection;
  GtkStringList       *kind_labels;
  /* The source in the editor as last saved: an item of @sources. */
  DossierSource       *source;
  /* A source the filter keeps while it is edited, so a saved change does not make the row
   * under the analyst's hands vanish; cleared when the filter text changes. */
  gint64               pinned_id;
  /* The last toast that only told of success, dismissed when another comes. */
  AdwToast            *info_toast;
  guint                notes_timeout_id;
  /* Typed into since the last attempt to save them. */
  gboolean             country_dirty;
  gboolean             aliases_dirty;
  /* The editor is being filled from a source: its signals are not edits. */
  gboolean             loading;
  /* An item of @sources is being replaced: selection changes are ours. */
  gboolean             replacing;
  /* The analyst chose to close without the edits that could not be saved. */
  gboolean             discard;
};

G_DEFINE_FINAL_TYPE (DossierSourcesDialog, dossier_sources_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_actions (DossierSourcesDialog *self);

/* Labels */

static const struct {
  const char *id;
  const char *label;
} kind_names[] = {
  { "state-media", "State media" },
  { "news-agency", "News agency" },
  { "newspaper", "Newspaper" },
  { "broadcaster", "Broadcaster" },
  { "online", "Online" },
  { "social-platform", "Social platform" },
  { "official", "Official" },
  { "other", "Other" },
};

/* Index 0 is "not graded"; 1 to 6 are the grades A to F.  The drop-down in the template
 * lists the same strings. */
static const char * const grade_labels[] = {
  "Not graded",
  "A — Completely reliable",
  "B — Usually reliable",
  "C — Fairly reliable",
  "D — Not usually reliable",
  "E — Unreliable",
  "F — Reliability cannot be judged",
};

static const char *
kind_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (kind, kind_names[i].id) == 0)
      return kind_names[i].label;
  /* A kind added to the registry after this table: its id reads well enough. */
  return kind ? kind : "";
}

static guint
kind_position (const char *kind)
{
  const char * const *kinds = dossier_source_kinds ();

  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_strcmp0 (kinds[i], kind) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static guint
grade_position (const char *grade)
{
  return dossier_source_grade_is_valid (grade) ? (guint) (grade[0] - 'A') + 1 : 0;
}

/* The table: closures of the list item templates */

static char *
source_name_cb (GtkListItem   *item,
                DossierSource *source)
{
  return g_strdup (source ? source->name : "");
}

/* The full name (the column may cut it) and the aliases. */
static char *
source_tooltip_cb (GtkListItem   *item,
                   DossierSource *source)
{
  g_autofree char *aliases = NULL;

  if (source == NULL)
    return NULL;
  if (source->aliases[0] == NULL)
    return g_strdup (source->name);
  aliases = g_strjoinv (", ", source->aliases);
  return g_strdup_printf ("%s\nAlso: %s", source->name, aliases);
}

static char *
source_kind_cb (GtkListItem   *item,
                DossierSource *source)
{
  return g_strdup (source ? kind_label (source->kind) : "");
}

static char *
source_country_cb (GtkListItem   *item,
                   DossierSource *source)
{
  if (source == NULL)
    return g_strdup ("");
  return g_strdup (source->country && source->country[0] ? source->country : "–");
}

static char *
source_grade_cb (GtkListItem   *item,
                 DossierSource *source)
{
  if (source == NULL)
    return g_strdup ("");
  return g_strdup (dossier_source_grade_is_valid (source->reliability) ? source->reliability
                                                                        : "–");
}

static char *
source_grade_tooltip_cb (GtkListItem   *item,
                         DossierSource *source)
{
  if (source == NULL)
    return NULL;
  return g_strdup (grade_labels[grade_position (source->reliability)]);
}

static char **
source_grade_classes_cb (GtkListItem   *item,
                         DossierSource *source)
{
  char grade_class[] = "grade-none";
  char *classes[] = { (char *) "grade-badge", grade_class, NULL };

  if (source != NULL && dossier_source_grade_is_valid (source->reliability))
    g_snprintf (grade_class, sizeof grade_class, "grade-%c",
                g_ascii_tolower (source->reliability[0]));
  return g_strdupv (classes);
}

static char *
source_count_cb (GtkListItem   *item,
                 DossierSource *source)
{
  return source ? g_strdup_printf ("%u", source->n_annotations) : g_strdup ("");
}

/* Sources no annotation cites yet are dimmed, so those in use stand out. */
static char **
source_count_classes_cb (GtkListItem   *item,
                         DossierSource *source)
{
  char *classes[] = { (char *) "numeric", (char *) "dim-label", NULL };

  if (source != NULL && source->n_annotations > 0)
    classes[1] = NULL;
  return g_strdupv (classes);
}

/* The table: sorting */

static int
compare_names (const DossierSource *a,
               const DossierSource *b)
{
  g_autofree char *fa = g_utf8_casefold (a->name, -1);
  g_autofree char *fb = g_utf8_casefold (b->name, -1);

  return g_utf8_collate (fa, fb);
}

static int
sort_by_name (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return compare_names (a, b);
}

static int
sort_by_kind (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const DossierSource *sa = a, *sb = b;
  int cmp = g_utf8_collate (kind_label (sa->kind), kind_label (sb->kind));

  return cmp != 0 ? cmp : compare_names (sa, sb);
}

static int
sort_by_country (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const DossierSource *sa = a, *sb = b;
  gboolean ha = sa->country && sa->country[0], hb = sb->country && sb->country[0];
  int cmp;

  /* Sources without a country come last. */
  if (ha != hb)
    return ha ? -1 : 1;
  cmp = ha ? strcmp (sa->country, sb->country) : 0;
  return cmp != 0 ? cmp : compare_names (sa, sb);
}

static int
sort_by_grade (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const DossierSource *sa = a, *sb = b;
  /* A first, F after E, and ungraded sources last. */
  guint ga = grade_position (sa->reliability), gb = grade_position (sb->reliability);

  ga = ga == 0 ? G_N_ELEMENTS (grade_labels) : ga;
  gb = gb == 0 ? G_N_ELEMENTS (grade_labels) : gb;
  if (ga != gb)
    return ga < gb ? -1 : 1;
  return compare_names (sa, sb);
}

static int
sort_by_count (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const DossierSource *sa = a, *sb = b;

  if (sa->n_annotations != sb->n_annotations)
    return sa->n_annotations < sb->n_annotations ? -1 : 1;
  return compare_names (sa, sb);
}

static void
set_column_sorter (GtkColumnViewColumn *column,
                   GCompareDataFunc     compare)
{
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare, NULL, NULL));

  gtk_column_view_column_set_sorter (column, sorter);
}

/* The table: filtering */

static gboolean
folded_contains (const char *haystack,
                 const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

static gboolean
filter_source (gpointer item,
               gpointer user_data)
{
  DossierSourcesDialog *self = user_data;
  DossierSource *source = item;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *needle = NULL;

  if (stripped[0] == '\0' || (self->pinned_id != 0 && source->id == self->pinned_id))
    return TRUE;
  needle = g_utf8_casefold (stripped, -1);
  if (folded_contains (source->name, needle) ||
      folded_contains (source->country, needle) ||
      folded_contains (source->kind, needle) ||
      folded_contains (kind_label (source->kind), needle))
    return TRUE;
  for (guint i = 0; source->aliases[i] != NULL; i++)
    if (folded_contains (source->aliases[i], needle))
      return TRUE;
  return FALSE;
}

static void
update_title (DossierSourcesDialog *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));
  g_autofree char *subtitle = NULL;

  if (text != NULL && text[0] != '\0')
    subtitle = g_strdup_printf ("%u of %u sources", shown, total);
  else
    subtitle = g_strdup_printf (total == 1 ? "%u source" : "%u sources", total);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "no-matches");
}

/* Finds @id among the shown sources and selects it. */
static gboolean
select_id (DossierSourcesDialog *self,
           gint64                id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));

  for (guint i = 0; id != 0 && i < n; i++)
    {
      g_autoptr(DossierSource) source = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (source->id == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* Brings the selected row into view.  GTK 4.8 has no gtk_column_view_scroll_to() (4.12), but
 * the list view inside the column view has the "list.scroll-to-item" action. */
static void
scroll_to_selected (DossierSourcesDialog *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

/* The editor */

static void
show_field_error (GtkWidget  *row,
                  GtkLabel   *label,
                  const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_label_set_text (label, message);
    }
  else
    gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
update_header (DossierSourcesDialog *self)
{
  g_autofree char *count = NULL;
  g_autofree char *details = NULL;
  const char *origin;

  if (self->source == NULL)
    return;
  origin = g_strcmp0 (self->source->origin, "registry") == 0 ? "From the built-in registry"
                                                              : "Added in this workspace";
  if (self->source->n_annotations == 0)
    count = g_strdup ("no annotations yet");
  else
    count = g_strdup_printf (self->source->n_annotations == 1 ? "%u annotation"
                                                              : "%u annotations",
                             self->source->n_annotations);
  details = g_strdup_printf ("%s  ·  %s", origin, count);
  gtk_label_set_text (self->name_label, self->source->name);
  gtk_label_set_text (self->details_label, details);
}

static char *
join_aliases (DossierSource *source)
{
  return g_strjoinv (", ", source->aliases);
}

/* Fills the editor from the source as saved. */
static void
load_editor (DossierSourcesDialog *self)
{
  g_autofree char *aliases = NULL;
  guint kind;

  g_clear_handle_id (&self->notes_timeout_id, g_source_remove);
  if (self->source == NULL)
    {
      gtk_stack_set_visible_child_name (self->editor_stack, "none");
      return;
    }

  self->loading = TRUE;
  update_header (self);
  kind = kind_position (self->source->kind);
  adw_combo_row_set_selected (self->kind_row,
                              kind != GTK_INVALID_LIST_POSITION ? kind
                                                                : kind_position ("other"));
  gtk_editable_set_text (GTK_EDITABLE (self->country_row),
                         self->source->country ? self->source->country : "");
  adw_combo_row_set_selected (self->reliability_row, grade_position (self->source->reliability));
  aliases = join_aliases (self->source);
  gtk_editable_set_text (GTK_EDITABLE (self->aliases_row), aliases);
  gtk_text_buffer_set_text (self->notes_buffer, self->source->notes, -1);
  show_field_error (GTK_WIDGET (self->country_row), self->country_error_label, NULL);
  show_field_error (GTK_WIDGET (self->aliases_row), self->aliases_error_label, NULL);
  self->country_dirty = FALSE;
  self->aliases_dirty = FALSE;
  gtk_stack_set_visible_child_name (self->editor_stack, "editor");
  self->loading = FALSE;
}

static DossierSource *
copy_source (DossierSource *source)
{
  DossierSource *copy = dossier_source_new ();

  copy->id = source->id;
  copy->name = g_strdup (source->name);
  copy->kind = g_strdup (source->kind);
  copy->country = g_strdup (source->country);
  copy->reliability = g_strdup (source->reliability);
  g_free (copy->notes);
  copy->notes = g_strdup (source->notes);
  g_strfreev (copy->aliases);
  copy->aliases = g_strdupv (source->aliases);
  copy->origin = g_strdup (source->origin);
  copy->n_annotations = source->n_annotations;
  return copy;
}

/* Puts @fresh, the stored state of a source, in place of its row, keeping the selection. */
static void
replace_source (DossierSourcesDialog *self,
                DossierSource        *fresh)
{
  DossierSource *selected = gtk_single_selection_get_selected_item (self->selection);
  gint64 selected_id = selected ? selected->id : 0;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));

  if (self->source != NULL && self->source->id == fresh->id)
    {
      g_set_object (&self->source, fresh);
      self->pinned_id = fresh->id;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DossierSource) item = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      if (item->id != fresh->id)
        continue;
      self->replacing = TRUE;
      g_list_store_splice (self->sources, i, 1, (gpointer *) &fresh, 1);
      if (gtk_single_selection_get_selected_item (self->selection) != self->source)
        select_id (self, selected_id);
      self->replacing = FALSE;
      break;
    }
  update_header (self);
  update_title (self);
}

/* Writes @edited, a copy of the editor's source with one field changed. */
static gboolean
save_source (DossierSourcesDialog  *self,
             DossierSource         *edited,
             GError               **error)
{
  g_autoptr(DossierSource) fresh = NULL;
  g_autoptr(GError) reread_error = NULL;

  if (!dossier_store_update_source (self->store, edited, error))
    return FALSE;
  g_debug ("saved source %" G_GINT64_FORMAT " (%s)", edited->id, edited->name);
  /* The store cleans aliases and counts annotations: show what it holds. */
  fresh = dossier_store_find_source (self->store, edited->name, &reread_error);
  if (fresh == NULL)
    {
      g_debug ("could not read back %s: %s", edited->name, reread_error->message);
      fresh = g_object_ref (edited);
    }
  replace_source (self, fresh);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static void
toast_error (DossierSourcesDialog *self,
             const char           *what,
             const GError         *error)
{
  g_autofree char *title = g_strdup_printf ("%s: %s", what, error->message);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
info_toast_dismissed_cb (AdwToast             *toast,
                         DossierSourcesDialog *self)
{
  if (self->info_toast == toast)
    g_clear_object (&self->info_toast);
}

/* Tells of a success.  Such toasts replace each other, so a run of quick edits does not leave
 * a queue of stale ones; error toasts are never dismissed this way. */
static void
toast_info (DossierSourcesDialog *self,
            const char           *title)
{
  AdwToast *toast = adw_toast_new (title);

  if (self->info_toast != NULL)
    adw_toast_dismiss (self->info_toast);
  g_set_object (&self->info_toast, toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (info_toast_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
kind_selected_cb (DossierSourcesDialog *self)
{
  const char * const *kinds = dossier_source_kinds ();
  guint position = adw_combo_row_get_selected (self->kind_row);
  g_autoptr(DossierSource) edited = NULL;
  g_autoptr(GError) error = NULL;

  if (self->loading || self->source == NULL || position >= g_strv_length ((char **) kinds) ||
      g_strcmp0 (kinds[position], self->source->kind) == 0)
    return;
  edited = copy_source (self->source);
  g_free (edited->kind);
  edited->kind = g_strdup (kinds[position]);
  if (!save_source (self, edited, &error))
    {
      toast_error (self, "Kind not saved", error);
      self->loading = TRUE;
      adw_combo_row_set_selected (self->kind_row, kind_position (self->source->kind));
      self->loading = FALSE;
    }
}

static void
reliability_selected_cb (DossierSourcesDialog *self)
{
  guint position = adw_combo_row_get_selected (self->reliability_row);
  g_autoptr(DossierSource) edited = NULL;
  g_autoptr(GError) error = NULL;

  if (self->loading || self->source == NULL || position >= G_N_ELEMENTS (grade_labels) ||
      position == grade_position (self->source->reliability))
    return;
  edited = copy_source (self->source);
  g_free (edited->reliability);
  edited->reliability = position == 0 ? NULL : g_strdup_printf ("%c", 'A' + (int) position - 1);
  if (!save_source (self, edited, &error))
    {
      toast_error (self, "Reliability not saved", error);
      self->loading = TRUE;
      adw_combo_row_set_selected (self->reliability_row,
                                  grade_position (self->source->reliability));
      self->loading = FALSE;
    }
}

static void
set_editable_text (DossierSourcesDialog *self,
                   GtkEditable          *editable,
                   const char           *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text) == 0)
    return;
  self->loading = TRUE;
  gtk_editable_set_text (editable, text);
  self->loading = FALSE;
}

/* Saves the country field if it changed; on failure the field keeps what was typed and
 * shows why. */
static gboolean
commit_country (DossierSourcesDialog  *self,
                GError               **error)
{
  g_autofree char *typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->country_row)));
  g_autofree char *code = g_ascii_strup (g_strstrip (typed), -1);
  g_autoptr(DossierSource) edited = NULL;
  g_autoptr(GError) local_error = NULL;

  self->country_dirty = FALSE;
  if (self->source == NULL)
    return TRUE;
  if (g_strcmp0 (code, self->source->country ? self->source->country : "") == 0)
    {
      set_editable_text (self, GTK_EDITABLE (self->country_row), code);
      show_field_error (GTK_WIDGET (self->country_row), self->country_error_label, NULL);
      return TRUE;
    }
  if (code[0] != '\0' &&
      (strlen (code) != 2 || !g_ascii_isalpha (code[0]) || !g_ascii_isalpha (code[1])))
    g_set_error (&local_error, DOSSIER_ERROR, DOSSIER_ERROR_INVALID,
                 "“%s” is not a country code: use the two letters of ISO 3166-1, such as FR "
                 "or US", typed);
  else
    {
      edited = copy_source (self->source);
      g_free (edited->country);
      edited->country = code[0] != '\0' ? g_strdup (code) : NULL;
      save_source (self, edited, &local_error);
    }
  if (local_error != NULL)
    {
      show_field_error (GTK_WIDGET (self->country_row), self->country_error_label,
                        local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  set_editable_text (self, GTK_EDITABLE (self->country_row),
                     self->source->country ? self->source->country : "");
  show_field_error (GTK_WIDGET (self->country_row), self->country_error_label, NULL);
  return TRUE;
}

static int
compare_aliases (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The aliases typed in the field: trimmed, without empty ones or repeats, sorted. */
static GStrv
parse_aliases (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GPtrArray) aliases = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *alias = g_strstrip (parts[i]);
      gboolean seen = FALSE;

      if (alias[0] == '\0')
        continue;
      for (guint j = 0; j < aliases->len && !seen; j++)
        seen = g_strcmp0 (aliases->pdata[j], alias) == 0;
      if (!seen)
        g_ptr_array_add (aliases, g_strdup (alias));
    }
  g_ptr_array_sort (aliases, compare_aliases);
  g_ptr_array_add (aliases, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&aliases), FALSE);
}

static gboolean
same_aliases (const char * const *a,
              const char * const *b)
{
  g_auto(GStrv) sorted_a = g_strdupv ((char **) a);
  g_auto(GStrv) sorted_b = g_strdupv ((char **) b);

  qsort (sorted_a, g_strv_length (sorted_a), sizeof (char *), compare_aliases);
  qsort (sorted_b, g_strv_length (sorted_b), sizeof (char *), compare_aliases);
  return g_strv_equal ((const char * const *) sorted_a, (const char * const *) sorted_b);
}

static gboolean
commit_aliases (DossierSourcesDialog  *self,
                GError               **error)
{
  g_auto(GStrv) aliases = NULL;
  g_autoptr(DossierSource) edited = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *shown = NULL;

  self->aliases_dirty = FALSE;
  if (self->source == NULL)
    return TRUE;
  aliases = parse_aliases (gtk_editable_get_text (GTK_EDITABLE (self->aliases_row)));
  if (!same_aliases ((const char * const *) aliases,
                     (const char * const *) self->source->aliases))
    {
      edited = copy_source (self->source);
      g_strfreev (edited->aliases);
      edited->aliases = g_steal_pointer (&aliases);
      if (!save_source (self, edited, &local_error))
        {
          show_field_error (GTK_WIDGET (self->aliases_row), self->aliases_error_label,
                            local_error->message);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  shown = join_aliases (self->source);
  set_editable_text (self, GTK_EDITABLE (self->aliases_row), shown);
  show_field_error (GTK_WIDGET (self->aliases_row), self->aliases_error_label, NULL);
  return TRUE;
}

static gboolean
commit_notes (DossierSourcesDialog  *self,
              GError               **error)
{
  g_autofree char *notes = NULL;
  g_autoptr(DossierSource) edited = NULL;
  GtkTextIter start, end;

  g_clear_handle_id (&self->notes_timeout_id, g_source_remove);
  if (self->source == NULL)
    return TRUE;
  gtk_text_buffer_get_bounds (self->notes_buffer, &start, &end);
  notes = gtk_text_buffer_get_text (self->notes_buffer, &start, &end, FALSE);
  if (g_strcmp0 (notes, self->source->notes) == 0)
    return TRUE;
  edited = copy_source (self->source);
  g_free (edited->notes);
  edited->notes = g_steal_pointer (&notes);
  return save_source (self, edited, error);
}

/* Saves the fields still being edited: with @all, every field whose text differs from the
 * stored source (a field that failed to save fails again); otherwise only those typed into
 * since the last attempt, so an error already shown is not repeated.  Returns FALSE and
 * sets @failures (one line per field, naming the source) when some could not be saved;
 * they stay in the editor. */
static gboolean
flush_edits (DossierSourcesDialog  *self,
             gboolean               all,
             char                 **failures)
{
  g_autoptr(GString) lines = g_string_new (NULL);
  struct {
    const char *what;
    gboolean    pending;
    gboolean  (*commit) (DossierSourcesDialog *, GError **);
  } fields[] = {
    { "Country", self->country_dirty, commit_country },
    { "Aliases", self->aliases_dirty, commit_aliases },
    { "Notes", self->notes_timeout_id != 0, commit_notes },
  };

  if (self->source == NULL || self->store == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GError) error = NULL;

      if ((all || fields[i].pending) && !fields[i].commit (self, &error))
        g_string_append_printf (lines, "%s%s of “%s” not saved: %s", lines->len ? "\n" : "",
                                fields[i].what, self->source->name, error->message);
    }
  if (lines->len == 0)
    return TRUE;
  if (failures != NULL)
    *failures = g_strdup (lines->str);
  return FALSE;
}

/* Saves what is being edited before the editor shows something else; what cannot be saved
 * is reported, not dropped in silence. */
static void
flush_edits_or_toast (DossierSourcesDialog *self,
                      gboolean              all)
{
  g_autofree char *failures = NULL;

  if (!flush_edits (self, all, &failures))
    {
      AdwToast *toast = adw_toast_new (failures);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 10);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
show_source (DossierSourcesDialog *self,
             DossierSource        *source)
{
  if (source == self->source)
    return;
  if (source != NULL && self->source != NULL && source->id == self->source->id)
    {
      g_set_object (&self->source, source);
      update_header (self);
      return;
    }
  flush_edits_or_toast (self, TRUE);
  g_set_object (&self->source, source);
  load_editor (self);
}

static void
selection_changed_cb (DossierSourcesDialog *self)
{
  if (self->replacing)
    return;
  show_source (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
country_activated_cb (DossierSourcesDialog *self)
{
  commit_country (self, NULL);
}

static void
country_edited_cb (DossierSourcesDialog *self)
{
  self->country_dirty |= !self->loading;
}

static void
country_left_cb (DossierSourcesDialog *self)
{
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)) && self->store != NULL &&
      self->country_dirty)
    commit_country (self, NULL);
}

static void
aliases_activated_cb (DossierSourcesDialog *self)
{
  commit_aliases (self, NULL);
}

static void
aliases_edited_cb (DossierSourcesDialog *self)
{
  self->aliases_dirty |= !self->loading;
}

static void
aliases_left_cb (DossierSourcesDialog *self)
{
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)) && self->store != NULL &&
      self->aliases_dirty)
    commit_aliases (self, NULL);
}

static void
commit_notes_or_toast (DossierSourcesDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!commit_notes (self, &error))
    toast_error (self, "Notes not saved", error);
}

static gboolean
notes_timeout_cb (gpointer user_data)
{
  DossierSourcesDialog *self = user_data;

  self->notes_timeout_id = 0;
  commit_notes_or_toast (self);
  return G_SOURCE_REMOVE;
}

static void
notes_changed_cb (DossierSourcesDialog *self)
{
  if (self->loading || self->source == NULL)
    return;
  g_clear_handle_id (&self->notes_timeout_id, g_source_remove);
  self->notes_timeout_id = g_timeout_add (NOTES_SAVE_DELAY_MS, notes_timeout_cb, self);
}

static void
notes_left_cb (DossierSourcesDialog *self)
{
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)) && self->store != NULL &&
      self->notes_timeout_id != 0)
    commit_notes_or_toast (self);
}

/* Filter */

static void
apply_filter (DossierSourcesDialog *self)
{
  /* Save first: a row that stops matching is then left alone. */
  flush_edits_or_toast (self, FALSE);
  self->pinned_id = 0;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_title (self);
}

static void
filter_changed_cb (DossierSourcesDialog *self)
{
  apply_filter (self);
}

static void
filter_stopped_cb (DossierSourcesDialog *self)
{
  /* Escape clears the filter, and closes the window when there is nothing to clear. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->filter_entry))[0] != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
      apply_filter (self);
    }
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Loading */

static void
reload (DossierSourcesDialog *self)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  gint64 keep = self->source ? self->source->id : 0;

  sources = dossier_store_list_sources (self->store, &error);
  if (sources == NULL)
    {
      toast_error (self, "Could not read the sources", error);
      return;
    }
  self->replacing = TRUE;
  g_list_store_splice (self->sources, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sources)),
                       sources->pdata, sources->len);
  if (keep != 0)
    select_id (self, keep);
  self->replacing = FALSE;
  update_title (self);
  selection_changed_cb (self);
}

/* Adding a source */

static void
add_name_changed_cb (DossierSourcesDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->add_error_label), FALSE);
  update_actions (self);
}

static void
add_popover_closed_cb (DossierSourcesDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->add_name_entry), "");
  gtk_widget_set_visible (GTK_WIDGET (self->add_error_label), FALSE);
}

static void
add_source_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DossierSourcesDialog *self = DOSSIER_SOURCES_DIALOG (widget);
  const char * const *kinds = dossier_source_kinds ();
  guint position = gtk_drop_down_get_selected (self->add_kind_dropdown);
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_name_entry)));
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (position >= g_strv_length ((char **) kinds))
    position = kind_position ("other");
  id = dossier_store_add_source (self->store, g_strstrip (name), kinds[position], &error);
  if (id == 0)
    {
      /* Show the source that has the name, behind the popover. */
      if (g_error_matches (error, DOSSIER_ERROR, DOSSIER_ERROR_DUPLICATE) &&
          dossier_sources_dialog_select_source (self, name) && self->source != NULL)
        message = g_strdup_printf ("“%s” is already in this workspace: it is selected in the "
                                   "list.", self->source->name);
      gtk_label_set_text (self->add_error_label, message ? message : error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->add_error_label), TRUE);
      return;
    }
  g_debug ("added source %" G_GINT64_FORMAT ": %s", id, name);
  gtk_popover_popdown (self->add_popover);
  flush_edits_or_toast (self, TRUE);
  g_signal_emit (self, signals[CHANGED], 0);

  /* Show the new source, whatever the filter said. */
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
  self->pinned_id = 0;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
  reload (self);
  select_id (self, id);
  scroll_to_selected (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->kind_row));
  message = g_strdup_printf ("Added “%s”", name);
  toast_info (self, message);
}

static void
new_source_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DossierSourcesDialog *self = DOSSIER_SOURCES_DIALOG (widget);

  gtk_menu_button_popup (self->add_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_name_entry));
}

static void
focus_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DossierSourcesDialog *self = DOSSIER_SOURCES_DIALOG (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->filter_entry));
}

static void
update_actions (DossierSourcesDialog *self)
{
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_name_entry)));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sources.add-source",
                                 g_strstrip (name)[0] != '\0');
}

/* Closing */

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
unsaved_response_cb (AdwMessageDialog     *dialog,
                     const char           *response,
                     DossierSourcesDialog *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  self->discard = TRUE;
  /* Not from inside the message dialog's response: GTK 4.8 keeps a plain pointer to a
   * transient parent, so the parent must outlive the message dialog. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

static gboolean
dossier_sources_dialog_close_request (GtkWindow *window)
{
  DossierSourcesDialog *self = DOSSIER_SOURCES_DIALOG (window);
  g_autofree char *failures = NULL;
  GtkWidget *dialog;

  if (!self->discard && !flush_edits (self, TRUE, &failures))
    {
      dialog = adw_message_dialog_new (window, "Changes Not Saved", NULL);
      gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      "%s\n\nCorrect the field and close again, or close "
                                      "without these changes.", failures);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "keep", "_Keep Editing",
                                        "discard", "_Discard Changes",
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
      g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }
  return GTK_WINDOW_CLASS (dossier_sources_dialog_parent_class)->close_request (window);
}

/* GObject */

static void
ensure_style (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  GtkCssProvider *provider;

  if (g_object_get_data (G_OBJECT (display), "dossier-sources-dialog-css") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider,
                                       "/io/github/dossier/Dossier/dossier-sources-dialog.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "dossier-sources-dialog-css", provider,
                          g_object_unref);
}

static void
dossier_sources_dialog_constructed (GObject *object)
{
  DossierSourcesDialog *self = (DossierSourcesDialog *) object;

  G_OBJECT_CLASS (dossier_sources_dialog_parent_class)->constructed (object);

  g_assert (DOSSIER_IS_STORE (self->store));
  reload (self);
}

static void
dossier_sources_dialog_dispose (GObject *object)
{
  DossierSourcesDialog *self = (DossierSourcesDialog *) object;

  /* Destroyed without closing (with its parent): save what can be saved. */
  if (!self->discard && self->source != NULL && self->store != NULL &&
      self->country_row != NULL)
    {
      g_autofree char *failures = NULL;

      if (!flush_edits (self, TRUE, &failures))
        g_warning ("%s", failures);
    }
  g_clear_handle_id (&self->notes_timeout_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DOSSIER_TYPE_SOURCES_DIALOG);
  g_clear_object (&self->source);
  g_clear_object (&self->info_toast);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->sources);
  g_clear_object (&self->kind_labels);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dossier_sources_dialog_parent_class)->dispose (object);
}

static void
dossier_sources_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  DossierSourcesDialog *self = DOSSIER_SOURCES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_sources_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  DossierSourcesDialog *self = DOSSIER_SOURCES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_sources_dialog_class_init (DossierSourcesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = dossier_sources_dialog_constructed;
  object_class->dispose = dossier_sources_dialog_dispose;
  object_class->get_property = dossier_sources_dialog_get_property;
  object_class->set_property = dossier_sources_dialog_set_property;
  window_class->close_request = dossier_sources_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DOSSIER_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DossierSourcesDialog::changed:
   * A source was added or edited in the workspace.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/dossier/Dossier/dossier-sources-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, add_popover);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, add_name_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, add_kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, add_error_label);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, column_view);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, name_column);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, kind_column);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, country_column);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, grade_column);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, count_column);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, name_label);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, details_label);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, country_row);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, reliability_row);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, country_error_label);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, aliases_row);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, aliases_error_label);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, notes_view);
  gtk_widget_class_bind_template_child (widget_class, DossierSourcesDialog, notes_buffer);
  gtk_widget_class_bind_template_callback (widget_class, source_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_kind_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_country_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_grade_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_grade_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_grade_classes_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_count_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_count_classes_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, reliability_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, country_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, country_edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, country_left_cb);
  gtk_widget_class_bind_template_callback (widget_class, aliases_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, aliases_edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, aliases_left_cb);
  gtk_widget_class_bind_template_callback (widget_class, notes_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, notes_left_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_popover_closed_cb);

  gtk_widget_class_install_action (widget_class, "sources.add-source", NULL, add_source_action);
  gtk_widget_class_install_action (widget_class, "sources.new-source", NULL, new_source_action);
  gtk_widget_class_install_action (widget_class, "sources.focus-filter", NULL,
                                   focus_filter_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "sources.new-source", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "sources.focus-filter", NULL);
}

static void
dossier_sources_dialog_init (DossierSourcesDialog *self)
{
  const char * const *kinds = dossier_source_kinds ();
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_style (GTK_WIDGET (self));

  self->kind_labels = gtk_string_list_new (NULL);
  for (guint i = 0; kinds[i] != NULL; i++)
    gtk_string_list_append (self->kind_labels, kind_label (kinds[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (self->kind_labels));
  gtk_drop_down_set_model (self->add_kind_dropdown, G_LIST_MODEL (self->kind_labels));
  gtk_drop_down_set_selected (self->add_kind_dropdown, kind_position ("other"));

  set_column_sorter (self->name_column, sort_by_name);
  set_column_sorter (self->kind_column, sort_by_kind);
  set_column_sorter (self->country_column, sort_by_country);
  set_column_sorter (self->grade_column, sort_by_grade);
  set_column_sorter (self->count_column, sort_by_count);

  self->sources = g_list_store_new (DOSSIER_TYPE_SOURCE);
  self->filter = gtk_custom_filter_new (filter_source, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sources)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (sorter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  update_actions (self);
}

GtkWidget *
dossier_sources_dialog_new (GtkWindow    *parent,
                            DossierStore *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DOSSIER_IS_STORE (store), NULL);

  return g_object_new (DOSSIER_TYPE_SOURCES_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

DossierStore *
dossier_sources_dialog_get_store (DossierSourcesDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_SOURCES_DIALOG (self), NULL);
  return self->store;
}

gboolean
dossier_sources_dialog_select_source (DossierSourcesDialog *self,
                                      const char           *name)
{
  g_autoptr(DossierSource) source = NULL;

  g_return_val_if_fail (DOSSIER_IS_SOURCES_DIALOG (self), FALSE);

  source = dossier_store_find_source (self->store, name, NULL);
  if (source == NULL)
    return FALSE;
  if (!select_id (self, source->id))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
      apply_filter (self);
      if (!select_id (self, source->id))
        return FALSE;
    }
  scroll_to_selected (self);
  return TRUE;
}

DossierSource *
dossier_sources_dialog_get_source (DossierSourcesDialog *self)
{
  g_return_val_if_fail (DOSSIER_IS_SOURCES_DIALOG (self), NULL);
  return self->source;
}

GtkSearchEntry *
dossier_sources_dialog_get_filter_entry (DossierSourcesDialog *self)
{
  return self->filter_entry;
}

GtkColumnView *
dossier_sources_dialog_get_column_view (DossierSourcesDialog *self)
{
  return self->column_view;
}

AdwComboRow *
dossier_sources_dialog_get_kind_row (DossierSourcesDialog *self)
{
  return self->kind_row;
}

AdwEntryRow *
dossier_sources_dialog_get_country_row (DossierSourcesDialog *self)
{
  return self->country_row;
}

AdwComboRow *
dossier_sources_dialog_get_reliability_row (DossierSourcesDialog *self)
{
  return self->reliability_row;
}

AdwEntryRow *
dossier_sources_dialog_get_aliases_row (DossierSourcesDialog *self)
{
  return self->aliases_row;
}

GtkLabel *
dossier_sources_dialog_get_aliases_error (DossierSourcesDialog *self)
{
  return self->aliases_error_label;
}

GtkTextView *
dossier_sources_dialog_get_notes_view (DossierSourcesDialog *self)
{
  return self->notes_view;
}

GtkEditable *
dossier_sources_dialog_get_new_name_entry (DossierSourcesDialog *self)
{
  return GTK_EDITABLE (self->add_name_entry);
}

GtkDropDown *
dossier_sources_dialog_get_new_kind_dropdown (DossierSourcesDialog *self)
{
  return self->add_kind_dropdown;
}
