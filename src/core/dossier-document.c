/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-document"

#include "dossier-document.h"

struct _DossierDocument
{
  GObject          parent_instance;

  gint64           id;
  char            *title;
  char            *outlet;
  char            *byline;
  char            *url;
  char            *published;
  DossierPrecision precision;
  char            *language;
  char            *format;
  char            *source_name;
  char            *sha256;
  char            *imported_at;
  char            *text;
  GArray          *regions;
};

G_DEFINE_FINAL_TYPE (DossierDocument, dossier_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_OUTLET,
  PROP_BYLINE,
  PROP_URL,
  PROP_PUBLISHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() is GLib 2.76; bookworm has 2.74. */
static void
set_str (char       **field,
         const char  *value)
{
  if (*field != value)
    {
      g_free (*field);
      *field = g_strdup (value);
    }
}

static void
dossier_document_finalize (GObject *object)
{
  DossierDocument *self = (DossierDocument *) object;

  g_free (self->title);
  g_free (self->outlet);
  g_free (self->byline);
  g_free (self->url);
  g_free (self->published);
  g_free (self->language);
  g_free (self->format);
  g_free (self->source_name);
  g_free (self->sha256);
  g_free (self->imported_at);
  g_free (self->text);
  g_clear_pointer (&self->regions, g_array_unref);

  G_OBJECT_CLASS (dossier_document_parent_class)->finalize (object);
}

static void
dossier_document_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DossierDocument *self = DOSSIER_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_OUTLET:
      g_value_set_string (value, self->outlet);
      break;
    case PROP_BYLINE:
      g_value_set_string (value, self->byline);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_PUBLISHED:
      g_value_set_string (value, self->published);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dossier_document_class_init (DossierDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dossier_document_finalize;
  object_class->get_property = dossier_document_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OUTLET] =
    g_param_spec_string ("outlet", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BYLINE] =
    g_param_spec_string ("byline", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PUBLISHED] =
    g_param_spec_string ("published", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dossier_document_init (DossierDocument *self)
{
}

DossierDocument *
dossier_document_new (gint64 id)
{
  DossierDocument *self = g_object_new (DOSSIER_TYPE_DOCUMENT, NULL);

  self->id = id;
  return self;
}

#define GETTER(field) \
  const char * \
  dossier_document_get_##field (DossierDocument *self) \
  { \
    g_return_val_if_fail (DOSSIER_IS_DOCUMENT (self), NULL); \
    return self->field; \
  }

GETTER (title)
GETTER (outlet)
GETTER (byline)
GETTER (url)
GETTER (published)
GETTER (language)
GETTER (format)
GETTER (source_name)
GETTER (sha256)
GETTER (imported_at)
GETTER (text)

#undef GETTER

gint64
dossier_document_get_id (DossierDocument *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT (self), 0);
  return self->id;
}

DossierPrecision
dossier_document_get_precision (DossierDocument *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT (self), DOSSIER_PRECISION_NONE);
  return self->precision;
}

GArray *
dossier_document_get_regions (DossierDocument *self)
{
  g_return_val_if_fail (DOSSIER_IS_DOCUMENT (self), NULL);
  return self->regions;
}

void
dossier_document_set_metadata (DossierDocument  *self,
                               const char       *title,
                               const char       *outlet,
                               const char       *byline,
                               const char       *url,
                               const char       *published,
                               DossierPrecision  precision,
                               const char       *language,
                               const char       *format,
                               const char       *source_name,
                               const char       *sha256,
                               const char       *imported_at)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT (self));

  set_str (&self->title, title);
  set_str (&self->outlet, outlet);
  set_str (&self->byline, byline);
  set_str (&self->url, url);
  set_str (&self->published, published);
  self->precision = precision;
  set_str (&self->language, language);
  set_str (&self->format, format);
  set_str (&self->source_name, source_name);
  set_str (&self->sha256, sha256);
  set_str (&self->imported_at, imported_at);
}

void
dossier_document_set_text (DossierDocument *self,
                           const char      *text,
                           GArray          *regions)
{
  g_return_if_fail (DOSSIER_IS_DOCUMENT (self));

  set_str (&self->text, text);
  g_clear_pointer (&self->regions, g_array_unref);
  if (regions != NULL)
    self->regions = g_array_ref (regions);
}
