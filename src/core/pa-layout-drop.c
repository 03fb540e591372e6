/* pa-layout-drop.c — what a drop on the designer's face does, and what is
 * wrong with a key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-layout-drop"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pa-error.h"
#include "pa-layout-edit-private.h"

const char *
pa_key_type_get_title (PaKeyType type)
{
  switch (type)
    {
    case PA_KEY_LINE:
      return _("Line");
    case PA_KEY_BLF:
      return _("BLF");
    case PA_KEY_SPEED_DIAL:
      return _("Speed dial");
    case PA_KEY_FEATURE_CODE:
      return _("Feature code");
    case PA_KEY_PARK:
      return _("Park");
    case PA_KEY_PARK_RETRIEVE:
      return _("Park retrieve");
    case PA_KEY_CONFERENCE:
      return _("Conference");
    case PA_KEY_CUSTOM:
      return _("Custom");
    case PA_KEY_EMPTY:
      return _("Empty");
    default:
      return NULL;
    }
}

/* The surface's name inside a sentence: "the T54W", "the EXP50 2". */
static char *
surface_name (PaLayoutDocument *self,
              guint             surface)
{
  PaExpansionModule *module;

  if (surface == 0)
    return g_strdup (pa_device_model_get_name (pa_layout_document_get_model (self)));

  module = pa_layout_document_get_module (self, surface);
  /* TRANSLATORS: a sidecar in a sentence: "EXP50 2" is the second one */
  return g_strdup_printf (_("%s %u"),
                          module ? pa_expansion_module_get_name (module) : _("sidecar"),
                          surface);
}

/* Why @type cannot go on @surface, or NULL. Only the catalog decides: the
 * key codes of the vendor whose phone or sidecar it is. The catalog has no
 * per-sidecar list of key types yet; when it grows one (a sidecar that
 * cannot carry line keys), it belongs here. */
static char *
type_problem (PaLayoutDocument *self,
              guint             surface,
              PaKeyType         type)
{
  PaVendor *vendor = pa_layout_document_get_surface_vendor (self, surface);
  const char *nick = pa_key_type_to_nick (type);

  if (nick == NULL)
    return g_strdup (_("This is not a key type"));
  if (vendor != NULL && !pa_vendor_supports_key_type (vendor, nick))
    {
      if (surface == 0)
        /* TRANSLATORS: "Polycom phones have no “Park retrieve” key" */
        return g_strdup_printf (_("%s phones have no “%s” key"),
                                pa_vendor_get_name (vendor), pa_key_type_get_title (type));
      /* TRANSLATORS: "Polycom sidecars have no “Park retrieve” key" */
      return g_strdup_printf (_("%s sidecars have no “%s” key"),
                              pa_vendor_get_name (vendor), pa_key_type_get_title (type));
    }
  return NULL;
}

/* Why @slot is not a place to drop on, or NULL. */
static char *
slot_problem (PaLayoutDocument *self,
              PaKeySlot         slot)
{
  guint n_keys;
  g_autofree char *where = NULL;

  if (slot.surface >= pa_layout_document_get_n_surfaces (self))
    return g_strdup_printf (_("There is no sidecar %u on this phone"), slot.surface);

  n_keys = pa_layout_document_get_n_keys (self, slot.surface);
  where = surface_name (self, slot.surface);
  if (n_keys == 0 && slot.surface == 0)
    return g_strdup_printf (_("The %s has no programmable keys"), where);
  if (n_keys == 0)
    return g_strdup_printf (_("The %s is not in the catalog, so it has no keys to edit"), where);
  if (slot.index < 1 || slot.index > n_keys)
    return g_strdup_printf (_("The %s has no key %u: it has %u keys"), where, slot.index, n_keys);
  return NULL;
}

static PaDropAction
reject (char  **reason,
        char   *message)
{
  if (reason != NULL)
    *reason = message;
  else
    g_free (message);
  return PA_DROP_REJECT;
}

PaDropAction
pa_layout_document_check_drop (PaLayoutDocument   *self,
                               const PaDragSource *source,
                               PaKeySlot           target,
                               char              **reason)
{
  char *problem;
  PaKey *moved;
  PaKey *occupant;

  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (self), PA_DROP_REJECT);
  g_return_val_if_fail (source != NULL, PA_DROP_REJECT);

  if (reason != NULL)
    *reason = NULL;

  if ((problem = slot_problem (self, target)) != NULL)
    return reject (reason, problem);

  switch (source->kind)
    {
    case PA_DRAG_KEY_TYPE:
      if (source->key_type == PA_KEY_EMPTY)
        return reject (reason, g_strdup (_("To empty a key, drag it off the phone")));
      if ((problem = type_problem (self, target.surface, source->key_type)) != NULL)
        return reject (reason, problem);
      return PA_DROP_ASSIGN_TYPE;

    case PA_DRAG_KEY:
      if ((problem = slot_problem (self, source->from)) != NULL)
        return reject (reason, problem);
      if (source->from.surface == target.surface && source->from.index == target.index)
        return PA_DROP_NOTHING;

      moved = pa_layout_document_get_key (self, source->from);
      if (moved == NULL)
        return reject (reason, g_strdup_printf (_("Key %u is empty: there is nothing to move"),
                                                source->from.index));
      if ((problem = type_problem (self, target.surface, pa_key_get_key_type (moved))) != NULL)
        return reject (reason, problem);

      occupant = pa_layout_document_get_key (self, target);
      if (occupant == NULL)
        return PA_DROP_MOVE;
      /* A swap sends the occupant the other way. */
      if ((problem = type_problem (self, source->from.surface,
                                   pa_key_get_key_type (occupant))) != NULL)
        return reject (reason, problem);
      return PA_DROP_SWAP;

    case PA_DRAG_AGENT:
      if (source->agent_id < 0)
        return reject (reason, g_strdup (_("This is not a stored agent")));
      if (source->agent_extension == NULL || *source->agent_extension == '\0')
        return reject (reason,
                       g_strdup_printf (_("%s has no extension to watch"),
                                        source->agent_name && *source->agent_name
                                          ? source->agent_name : _("This agent")));
      if ((problem = type_problem (self, target.surface, PA_KEY_BLF)) != NULL)
        return reject (reason, problem);
      return PA_DROP_SET_BLF;

    case PA_DRAG_NONE:
    default:
      return reject (reason, g_strdup (_("Only key types, keys and agents can be dropped here")));
    }
}

gboolean
pa_layout_document_drop (PaLayoutDocument   *self,
                         const PaDragSource *source,
                         PaKeySlot           target,
                         GError            **error)
{
  g_autofree char *reason = NULL;
  PaDropAction action;

  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  action = pa_layout_document_check_drop (self, source, target, &reason);

  switch (action)
    {
    case PA_DROP_REJECT:
      g_set_error_literal (error, PA_MODEL_ERROR, PA_MODEL_ERROR_RULE, reason);
      return FALSE;

    case PA_DROP_ASSIGN_TYPE:
      g_set_error_literal (error, PA_MODEL_ERROR, PA_MODEL_ERROR_INVALID,
                           _("A new key needs its value first"));
      return FALSE;

    case PA_DROP_NOTHING:
      return TRUE;

    case PA_DROP_MOVE:
    case PA_DROP_SWAP:
      {
        PaKey *moved = pa_layout_document_get_key (self, source->from);
        PaKey *occupant = pa_layout_document_get_key (self, target);
        g_autoptr(PaKey) arriving = pa_key_copy (moved);
        g_autoptr(PaKey) leaving = occupant ? pa_key_copy (occupant) : NULL;
        PaKeySlot slots[2] = { source->from, target };
        PaKey *afters[2] = { leaving, arriving };

        pa_key_set_index (arriving, target.index);
        if (leaving != NULL)
          pa_key_set_index (leaving, source->from.index);
        pa_layout_document_commit (self, slots, afters, 2);
        return TRUE;
      }

    case PA_DROP_SET_BLF:
      {
        PaKey *occupant = pa_layout_document_get_key (self, target);
        const char *label = source->agent_name;
        g_autoptr(PaKey) blf = NULL;

        if (label == NULL || *label == '\0')
          label = source->agent_extension;
        /* The slot keeps the account its key used, so a BLF dropped on a
         * line-2 key watches through line 2. */
        blf = pa_key_new (target.index, PA_KEY_BLF, source->agent_extension, label,
                          occupant ? pa_key_get_line (occupant) : 1);
        pa_key_set_agent_id (blf, source->agent_id);
        pa_layout_document_commit (self, &target, &blf, 1);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

static char *
missing_value_problem (PaKeyType type)
{
  switch (type)
    {
    case PA_KEY_BLF:
      return g_strdup (_("This BLF key has no extension to watch"));
    case PA_KEY_SPEED_DIAL:
      return g_strdup (_("This speed dial has no number"));
    case PA_KEY_FEATURE_CODE:
      return g_strdup (_("This feature code key has no code"));
    case PA_KEY_PARK:
      return g_strdup (_("This park key has no parking slot"));
    default:
      return g_strdup_printf (_("This %s key has no value"), pa_key_type_get_title (type));
    }
}

GPtrArray *
pa_layout_document_check_key (PaLayoutDocument *self,
                              PaKeySlot         slot)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  PaDeviceModel *model;
  PaKey *key;
  PaKeyType type;
  const char *value;
  guint line, n_lines;
  char *problem;

  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (self), NULL);

  key = pa_layout_document_get_key (self, slot);
  if (key == NULL)
    return g_steal_pointer (&problems);

  model = pa_layout_document_get_model (self);
  type = pa_key_get_key_type (key);
  value = pa_key_get_value (key);
  line = pa_key_get_line (key);
  n_lines = pa_device_model_get_sip_accounts (model);

  if (pa_key_type_needs_value (type) && (value == NULL || *value == '\0'))
    g_ptr_array_add (problems, missing_value_problem (type));

  /* Sidecar keys use the phone's accounts too. */
  if (n_lines > 0 && line > n_lines)
    {
      const char *name = pa_device_model_get_name (model);

      if (type == PA_KEY_LINE)
        problem = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "This line key is for line %u, but the %s has "
                                                "only %u line",
                                                "This line key is for line %u, but the %s has "
                                                "only %u lines",
                                                n_lines),
                                   line, name, n_lines);
      else
        problem = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "This key uses line %u, but the %s has only "
                                                "%u line",
                                                "This key uses line %u, but the %s has only "
                                                "%u lines",
                                                n_lines),
                                   line, name, n_lines);
      g_ptr_array_add (problems, problem);
    }

  if ((problem = type_problem (self, slot.surface, type)) != NULL)
    g_ptr_array_add (problems, problem);

  return g_steal_pointer (&problems);
}

gboolean
pa_layout_document_validate (PaLayoutDocument  *self,
                             GError           **error)
{
  PaDeviceModel *model;
  guint n_lines;

  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (self), FALSE);

  model = pa_layout_document_get_model (self);
  n_lines = pa_device_model_get_sip_accounts (model);

  if (g_strcmp0 (pa_layout_get_model (pa_layout_document_get_layout (self)),
                 pa_device_model_get_id (model)) != 0)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_RULE, "model",
                          _("This layout is for the “%s”, not the %s"),
                          pa_layout_get_model (pa_layout_document_get_layout (self)),
                          pa_device_model_get_name (model));
      return FALSE;
    }

  /* The keys first: they are what the designer edits, and the module
   * layout's own rules leave the lines unchecked (they depend on the phone). */
  if (!pa_key_list_validate (pa_layout_get_keys (pa_layout_document_get_layout (self)),
                             pa_device_model_get_line_keys (model), n_lines,
                             pa_layout_document_get_vendor (self), error))
    return FALSE;

  for (guint s = 1; s < pa_layout_document_get_n_surfaces (self); s++)
    {
      PaModuleLayout *module_layout = pa_layout_document_get_module_layout (self, s);
      PaExpansionModule *module = pa_layout_document_get_module (self, s);
      g_autofree char *prefix = g_strdup_printf ("modules[%u]", s - 1);

      if (module == NULL)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_RULE, "module",
                              _("Unknown expansion module “%s”"),
                              pa_module_layout_get_module (module_layout));
        }
      else if (!pa_device_model_supports_module (model, pa_expansion_module_get_id (module)))
        {
          pa_set_field_error (error, PA_MODEL_ERROR_RULE, "module",
                              _("The %s does not take the %s"),
                              pa_device_model_get_name (model),
                              pa_expansion_module_get_name (module));
        }
      else if (pa_key_list_validate (pa_module_layout_get_keys (module_layout),
                                     pa_expansion_module_get_keys (module), n_lines,
                                     pa_layout_document_get_surface_vendor (self, s), error))
        continue;

      if (error != NULL)
        pa_model_error_prefix_field (*error, prefix);
      return FALSE;
    }

  if (!pa_resource_validate (PA_RESOURCE (pa_layout_document_get_layout (self)), error))
    return FALSE;

  for (guint s = 1; s < pa_layout_document_get_n_surfaces (self); s++)
    {
      if (!pa_resource_validate (PA_RESOURCE (pa_layout_document_get_module_layout (self, s)),
                                 error))
        {
          g_autofree char *prefix = g_strdup_printf ("modules[%u]", s - 1);

          if (error != NULL)
            pa_model_error_prefix_field (*error, prefix);
          return FALSE;
        }
    }

  return TRUE;
}
