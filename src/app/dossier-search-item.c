/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "dossier-search-item.h"

struct _DossierSearchItem
{
  GObject  parent_instance;

  gint64   id;
  char    *title;
  char    *markup;
  char    *first_match;
  /* the plain snippet and its highlights, to find the match in the document */
  DossierSearchHit hit;
};

G_DEFINE_FINAL_TYPE (DossierSearchItem, dossier_search_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_MARKUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dossier_search_item_finalize (GObject *object)
{
  DossierSearchItem *self = (DossierSearchItem *) object;

  g_free (self->title);
  g_free (self->markup);
  g_free (self->first_match);
  g_free (self->hit.snippet);
  g_clear_pointer (&self->hit.highlights, g_array_unref);

  G_OBJECT_CLASS (dossier_search_item_parent_class)->finalize (object);
}

static void
dossier_search_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DossierSearchItem *self = DOSSIER_SEARCH_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_MARKUP:
      g_value_set_string (value, self->markup);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_search_item_class_init (DossierSearchItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_search_item_finalize;
  object_class->get_property = dossier_search_item_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MARKUP] =
    g_param_spec_string ("markup", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dossier_search_item_init (DossierSearchItem *self)
{
}

static void
append_escaped (GString    *out,
                const char *start,
                const char *end)
{
  g_autofree char *escaped = g_markup_escape_text (start, end - start);

  g_string_append (out, escaped);
}

DossierSearchItem *
dossier_search_item_new (const DossierSearchHit *hit)
{
  DossierSearchItem *self = g_object_new (DOSSIER_TYPE_SEARCH_ITEM, NULL);
  GString *markup = g_string_new (NULL);
  const char *snippet = hit->snippet;
  const char *done = snippet;

  self->id = hit->id;
  self->title = g_strdup (hit->title);
  self->hit.id = hit->id;
  self->hit.snippet = g_strdup (hit->snippet);
  self->hit.highlights = g_array_ref (hit->highlights);
  for (guint i = 0; i + 1 < hit->highlights->len; i += 2)
    {
      const char *a = g_utf8_offset_to_pointer (snippet, g_array_index (hit->highlights, guint, i));
      const char *b = g_utf8_offset_to_pointer (snippet,
                                                g_array_index (hit->highlights, guint, i + 1));

      append_escaped (markup, done, a);
      g_string_append (markup, "<b>");
      append_escaped (markup, a, b);
      g_string_append (markup, "</b>");
      if (self->first_match == NULL)
        self->first_match = g_strndup (a, b - a);
      done = b;
    }
  append_escaped (markup, done, done + strlen (done));
  self->markup = g_string_free (markup, FALSE);
  return self;
}

gint64
dossier_search_item_get_id (DossierSearchItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_SEARCH_ITEM (self), 0);
  return self->id;
}

const char *
dossier_search_item_get_title (DossierSearchItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_SEARCH_ITEM (self), NULL);
  return self->title;
}

const char *
dossier_search_item_get_markup (DossierSearchItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_SEARCH_ITEM (self), NULL);
  return self->markup;
}

const char *
dossier_search_item_get_first_match (DossierSearchItem *self)
{
  g_return_val_if_fail (DOSSIER_IS_SEARCH_ITEM (self), NULL);
  return self->first_match;
}

gboolean
dossier_search_item_locate (DossierSearchItem *self,
                            const char        *text,
                            guint             *start,
                            guint             *end)
{
  g_return_val_if_fail (DOSSIER_IS_SEARCH_ITEM (self), FALSE);
  return dossier_search_hit_locate (&self->hit, text, start, end);
}
