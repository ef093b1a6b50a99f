/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-completion"

#include <string.h>

#include "dossier-completion-item.h"

struct _DossierCompletionItem
{
  GObject  parent_instance;

  char    *text;
  char    *label;
  char    *detail;
  GStrv    aliases;
  /* The text, then the aliases, folded: what typing is matched against. */
  GStrv    keys;
};

G_DEFINE_FINAL_TYPE (DossierCompletionItem, dossier_completion_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_LABEL,
  PROP_DETAIL,
  PROP_HAS_DETAIL,
  PROP_ALIASES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
dossier_completion_fold (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *out;
  gboolean space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  folded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");

  /* Accents go (so "Zurich" finds "Zürich"), runs of white space become one space. */
  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
dossier_completion_item_constructed (GObject *object)
{
  DossierCompletionItem *self = (DossierCompletionItem *) object;
  guint n_aliases = self->aliases ? g_strv_length (self->aliases) : 0;

  G_OBJECT_CLASS (dossier_completion_item_parent_class)->constructed (object);

  if (self->text == NULL)
    self->text = g_strdup ("");
  if (self->label == NULL)
    self->label = g_strdup (self->text);
  if (self->detail != NULL && self->detail[0] == '\0')
    g_clear_pointer (&self->detail, g_free);

  self->keys = g_new0 (char *, n_aliases + 2);
  self->keys[0] = dossier_completion_fold (self->text);
  for (guint i = 0; i < n_aliases; i++)
    self->keys[i + 1] = dossier_completion_fold (self->aliases[i]);
}

static void
dossier_completion_item_finalize (GObject *object)
{
  DossierCompletionItem *self = (DossierCompletionItem *) object;

  g_free (self->text);
  g_free (self->label);
  g_free (self->detail);
  g_strfreev (self->aliases);
  g_strfreev (self->keys);

  G_OBJECT_CLASS (dossier_completion_item_parent_class)->finalize (object);
}

static void
dossier_completion_item_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  DossierCompletionItem *self = DOSSIER_COMPLETION_ITEM (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case PROP_HAS_DETAIL:
      g_value_set_boolean (value, self->detail != NULL);
      break;
    case PROP_ALIASES:
      g_value_set_boxed (value, self->aliases);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_completion_item_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  DossierCompletionItem *self = DOSSIER_COMPLETION_ITEM (object);

  /* All construct-only: set once, before constructed(). */
  switch (prop_id)
    {
    case PROP_TEXT:
      self->text = g_value_dup_string (value);
      break;
    case PROP_LABEL:
      self->label = g_value_dup_string (value);
      break;
    case PROP_DETAIL:
      self->detail = g_value_dup_string (value);
      break;
    case PROP_ALIASES:
      self->aliases = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_completion_item_class_init (DossierCompletionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dossier_completion_item_constructed;
  object_class->finalize = dossier_completion_item_finalize;
  object_class->get_property = dossier_completion_item_get_property;
  object_class->set_property = dossier_completion_item_set_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* For the row template: GtkExpression cannot test a string for emptiness. */
  properties[PROP_HAS_DETAIL] =
    g_param_spec_boolean ("has-detail", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALIASES] =
    g_param_spec_boxed ("aliases", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dossier_completion_item_init (DossierCompletionItem *self)
{
}

DossierCompletionItem *
dossier_completion_item_new (const char         *text,
                             const char         *label,
                             const char         *detail,
                             const char * const *aliases)
{
  g_return_val_if_fail (text != NULL, NULL);

  return g_object_new (DOSSIER_TYPE_COMPLETION_ITEM,
                       "text", text,
                       "label", label,
                       "detail", detail,
                       "aliases", aliases,
                       NULL);
}

const char *
dossier_completion_item_get_text (DossierCompletionItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_COMPLETION_ITEM (self), NULL);
  return self->text;
}

const char *
dossier_completion_item_get_label (DossierCompletionItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_COMPLETION_ITEM (self), NULL);
  return self->label;
}

const char *
dossier_completion_item_get_detail (DossierCompletionItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_COMPLETION_ITEM (self), NULL);
  return self->detail;
}

const char *
dossier_completion_item_get_key (DossierCompletionItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_COMPLETION_ITEM (self), NULL);
  return self->keys[0];
}

/* Whether @key starts a word of @haystack: at its start, or after a character that is
 * neither a letter nor a digit ("news" in "Islamic Republic News Agency", "bbc" in "(bbc)"). */
static gboolean
has_word_prefix (const char *haystack,
                 const char *key)
{
  for (const char *p = strstr (haystack, key); p != NULL; p = strstr (p + 1, key))
    {
      const char *prev;

      if (p == haystack)
        return TRUE;
      prev = g_utf8_find_prev_char (haystack, p);
      if (prev != NULL && !g_unichar_isalnum (g_utf8_get_char (prev)))
        return TRUE;
    }
  return FALSE;
}

int
dossier_completion_item_match (DossierCompletionItem *self,
                               const char            *key)
{
  g_return_val_if_fail (DOSSIER_IS_COMPLETION_ITEM (self), -1);
  g_return_val_if_fail (key != NULL, -1);

  if (key[0] == '\0' || g_str_has_prefix (self->keys[0], key))
    return 0;
  for (guint i = 1; self->keys[i] != NULL; i++)
    if (g_str_has_prefix (self->keys[i], key))
      return 1;
  for (guint i = 0; self->keys[i] != NULL; i++)
    if (has_word_prefix (self->keys[i], key))
      return 2;
  for (guint i = 0; self->keys[i] != NULL; i++)
    if (strstr (self->keys[i], key) != NULL)
      return 3;
  return -1;
}
