/* pa-expansion-module.c — a sidecar type from the device catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-catalog"

#include "config.h"

#include "pa-catalog-private.h"

struct _PaExpansionModule
{
  GObject parent_instance;

  char   *id;
  char   *vendor_id;
  char   *name;
  guint   keys_per_page;
  guint   pages;
  guint   keys;
  guint   face_columns;
  gboolean face_screen;
  char  **guessed;
  char   *note;
};

G_DEFINE_FINAL_TYPE (PaExpansionModule, pa_expansion_module, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VENDOR_ID,
  PROP_NAME,
  PROP_KEYS_PER_PAGE,
  PROP_PAGES,
  PROP_KEYS,
  PROP_FACE_COLUMNS,
  PROP_FACE_SCREEN,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pa_expansion_module_finalize (GObject *object)
{
  PaExpansionModule *self = PA_EXPANSION_MODULE (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->vendor_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->guessed, g_strfreev);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (pa_expansion_module_parent_class)->finalize (object);
}

static void
pa_expansion_module_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PaExpansionModule *self = PA_EXPANSION_MODULE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_VENDOR_ID:
      g_value_set_string (value, self->vendor_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KEYS_PER_PAGE:
      g_value_set_uint (value, self->keys_per_page);
      break;
    case PROP_PAGES:
      g_value_set_uint (value, self->pages);
      break;
    case PROP_KEYS:
      g_value_set_uint (value, self->keys);
      break;
    case PROP_FACE_COLUMNS:
      g_value_set_uint (value, self->face_columns);
      break;
    case PROP_FACE_SCREEN:
      g_value_set_boolean (value, self->face_screen);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_expansion_module_class_init (PaExpansionModuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pa_expansion_module_finalize;
  object_class->get_property = pa_expansion_module_get_property;

  properties[PROP_ID] = pa_catalog_string_pspec ("id");
  properties[PROP_VENDOR_ID] = pa_catalog_string_pspec ("vendor-id");
  properties[PROP_NAME] = pa_catalog_string_pspec ("name");
  properties[PROP_KEYS_PER_PAGE] = pa_catalog_uint_pspec ("keys-per-page");
  properties[PROP_PAGES] = pa_catalog_uint_pspec ("pages");
  properties[PROP_KEYS] = pa_catalog_uint_pspec ("keys");
  properties[PROP_FACE_COLUMNS] = pa_catalog_uint_pspec ("face-columns");
  properties[PROP_FACE_SCREEN] =
    g_param_spec_boolean ("face-screen", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] = pa_catalog_string_pspec ("note");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pa_expansion_module_init (PaExpansionModule *self)
{
  self->face_columns = 1;
}

PaExpansionModule *
pa_expansion_module_new_from_json (JsonObject *object,
                                   const char *where,
                                   GError    **error)
{
  static const char * const members[] = {
    "id", "vendor", "name", "keys_per_page", "pages", "keys", "face", "guessed", "note", NULL
  };
  static const char * const guessable[] = { "keys_per_page", "pages", "keys", "face", NULL };
  g_autoptr(PaExpansionModule) self = NULL;
  const char *value;

  if (!pa_catalog_json_check_members (object, where, members, error))
    return NULL;

  self = g_object_new (PA_TYPE_EXPANSION_MODULE, NULL);

  if (!(value = pa_catalog_json_get_id (object, where, error)))
    return NULL;
  self->id = g_strdup (value);

  if (!(value = pa_catalog_json_get_string (object, where, "vendor", TRUE, error)))
    return NULL;
  self->vendor_id = g_strdup (value);

  if (!(value = pa_catalog_json_get_string (object, where, "name", TRUE, error)))
    return NULL;
  self->name = g_strdup (value);

  if (!pa_catalog_json_get_uint (object, where, "keys_per_page", 1, 1000, &self->keys_per_page,
                                 error)
      || !pa_catalog_json_get_uint (object, where, "pages", 1, 100, &self->pages, error)
      || !pa_catalog_json_get_uint (object, where, "keys", 1, 10000, &self->keys, error))
    return NULL;

  if (self->keys_per_page * self->pages < self->keys)
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_INVALID,
                   "%s: %u keys do not fit on %u pages of %u", where,
                   self->keys, self->pages, self->keys_per_page);
      return NULL;
    }

  if (!pa_catalog_json_get_face (object, where, &self->face_columns, &self->face_screen, error))
    return NULL;

  if (!(self->guessed = pa_catalog_json_get_guessed (object, where, guessable, error)))
    return NULL;

  if (!pa_catalog_json_get_optional_string (object, where, "note", &value, error))
    return NULL;
  self->note = g_strdup (value);

  return g_steal_pointer (&self);
}

const char *
pa_expansion_module_get_id (PaExpansionModule *self)
{
  g_return_val_if_fail (PA_IS_EXPANSION_MODULE (self), NULL);
  return self->id;
}

const char *
pa_expansion_module_get_vendor_id (PaExpansionModule *self)
{
  g_return_val_if_fail (PA_IS_EXPANSION_MODULE (self), NULL);
  return self->vendor_id;
}

const char *
pa_expansion_module_get_name (PaExpansionModule *self)
{
  g_return_val_if_fail (PA_IS_EXPANSION_MODULE (self), NULL);
  return self->name;
}

guint
pa_expansion_module_get_keys_per_page (PaExpansionModule *self)
{
  g_return_val_if_fail (PA_IS_EXPANSION_MODULE (self), 0);
  return self->keys_per_page;
}

guint
pa_expansion_module_get_pages (PaExpansionModule *self)
{
  g_return_val_if_fail (PA_IS_EXPANSION_MODULE (self), 0);
  return self->pages;
}

guint
pa_expansion_module_get_keys (PaExpansionModule *self)
{
  g_return_val_if_fail (PA_IS_EXPANSION_MODULE (self), 0);
  return self->keys;
}

guint
pa_expansion_module_get_face_columns (PaExpansionModule *self)
{
  g_return_val_if_fail (PA_IS_EXPANSION_MODULE (self), 1);
  return self->face_columns;
}

gboolean
pa_expansion_module_get_face_screen (PaExpansionModule *self)
{
  g_return_val_if_fail (PA_IS_EXPANSION_MODULE (self), FALSE);
  return self->face_screen;
}

gboolean
pa_expansion_module_is_guessed (PaExpansionModule *self,
                                const char        *field)
{
  g_return_val_if_fail (PA_IS_EXPANSION_MODULE (self), FALSE);
  return pa_catalog_guessed_contains (self->guessed, field);
}

const char *
pa_expansion_module_get_note (PaExpansionModule *self)
{
  g_return_val_if_fail (PA_IS_EXPANSION_MODULE (self), NULL);
  return self->note;
}
