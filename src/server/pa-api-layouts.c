/* pa-api-layouts.c — what the layout designer needs beyond CRUD: deleting a
 * layout in use onto a replacement, the config preview, and keys that
 * follow their agent (applying a layout to many phones is a job:
 * pa-jobs.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-api"

#include "config.h"

#include <string.h>

#include "pa-api-private.h"

/* -- helpers ------------------------------------------------------------- */

static const char *
layout_name (PaResource *layout)
{
  return PA_IS_LAYOUT (layout) ? pa_layout_get_name (PA_LAYOUT (layout))
                               : pa_module_layout_get_name (PA_MODULE_LAYOUT (layout));
}

/* What a layout fits: a phone model for a layout, a sidecar type for a module
 * layout. */
static const char *
layout_target (PaResource *layout)
{
  return PA_IS_LAYOUT (layout) ? pa_layout_get_model (PA_LAYOUT (layout))
                               : pa_module_layout_get_module (PA_MODULE_LAYOUT (layout));
}

/* What names @old besides phones: the profiles naming a layout, the
 * layouts naming a module layout as a sidecar. Transfer full, of
 * PaResource. */
static GPtrArray *
list_holders (PaApiRequest *req,
              PaResource   *old,
              GError      **error)
{
  gboolean is_layout = PA_IS_LAYOUT (old);
  gint64 id = pa_resource_get_id (old);
  g_autoptr(GPtrArray) candidates = NULL;
  GPtrArray *holders;

  candidates = pa_store_list (req->store, is_layout ? PA_TYPE_PROFILE : PA_TYPE_LAYOUT,
                              NULL, NULL, error);
  if (candidates == NULL)
    return NULL;

  holders = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < candidates->len; i++)
    {
      PaResource *candidate = g_ptr_array_index (candidates, i);
      GArray *sidecars = is_layout ? NULL : pa_layout_get_sidecars (PA_LAYOUT (candidate));
      gboolean holds = is_layout && pa_profile_get_layout_id (PA_PROFILE (candidate)) == id;

      for (guint j = 0; sidecars != NULL && j < sidecars->len; j++)
        holds |= g_array_index (sidecars, gint64, j) == id;
      if (holds)
        g_ptr_array_add (holders, g_object_ref (candidate));
    }
  return holders;
}

/* Makes @holder name @replacement_id where it named @old_id. */
static void
move_holder (PaResource *holder,
             gint64      old_id,
             gint64      replacement_id)
{
  g_autoptr(GArray) sidecars = NULL;

  if (PA_IS_PROFILE (holder))
    {
      pa_profile_set_layout_id (PA_PROFILE (holder), replacement_id);
      return;
    }
  sidecars = g_array_copy (pa_layout_get_sidecars (PA_LAYOUT (holder)));
  for (guint i = 0; i < sidecars->len; i++)
    if (g_array_index (sidecars, gint64, i) == old_id)
      g_array_index (sidecars, gint64, i) = replacement_id;
  pa_layout_set_sidecars (PA_LAYOUT (holder), (const gint64 *) sidecars->data, sidecars->len);
}

/* -- DELETE layouts/{id}?replacement=<id> --------------------------------- */

static gboolean
parse_replacement (PaApiRequest *req,
                   gboolean     *present,
                   gint64       *replacement,
                   GError      **error)
{
  const char *text = req->query != NULL ? g_hash_table_lookup (req->query, "replacement") : NULL;
  guint64 value = 0;

  *present = text != NULL;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      pa_http_set_error (error, PA_HTTP_ERROR_BAD_REQUEST, "replacement",
                         "replacement must be the id of a layout (a positive whole number)");
      return FALSE;
    }
  *replacement = (gint64) value;
  return TRUE;
}

static gboolean
check_replacement (PaApiRequest *req,
                   PaResource   *old,
                   gint64        replacement_id,
                   GError      **error)
{
  g_autoptr(PaResource) replacement = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *what = PA_IS_LAYOUT (old) ? "layout" : "module layout";

  if (replacement_id == pa_resource_get_id (old))
    {
      pa_http_set_error (error, PA_HTTP_ERROR_RULE, "replacement",
                         "A %s cannot replace itself", what);
      return FALSE;
    }

  replacement = pa_store_get (req->store, G_OBJECT_TYPE (old), replacement_id, &local_error);
  if (replacement == NULL)
    {
      if (!g_error_matches (local_error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      pa_http_set_error (error, PA_HTTP_ERROR_RULE, "replacement",
                         "The replacement %s %" G_GINT64_FORMAT " does not exist",
                         what, replacement_id);
      return FALSE;
    }

  if (g_strcmp0 (layout_target (replacement), layout_target (old)) != 0)
    {
      pa_http_set_error (error, PA_HTTP_ERROR_RULE, "replacement",
                         "The replacement “%s” is for %s, not %s",
                         layout_name (replacement), layout_target (replacement),
                         layout_target (old));
      return FALSE;
    }
  return TRUE;
}

/* Moves every phone and holder (list_holders()) from @old to
 * @replacement_id. */
static gboolean
move_users (PaApiRequest *req,
            PaResource   *old,
            GArray       *phones,
            GPtrArray    *holders,
            gint64        replacement_id,
            GError      **error)
{
  gint64 old_id = pa_resource_get_id (old);

  for (guint i = 0; i < phones->len; i++)
    {
      g_autoptr(PaResource) phone = NULL;

      phone = pa_store_get (req->store, PA_TYPE_PHONE, g_array_index (phones, gint64, i), error);
      if (phone == NULL)
        return FALSE;

      if (PA_IS_LAYOUT (old))
        pa_phone_set_layout_id (PA_PHONE (phone), replacement_id);
      else
        {
          GPtrArray *modules = pa_phone_get_modules (PA_PHONE (phone));
          g_autoptr(GPtrArray) moved = g_ptr_array_new_with_free_func (
            (GDestroyNotify) pa_phone_module_free);

          for (guint m = 0; m < modules->len; m++)
            {
              PaPhoneModule *module = g_ptr_array_index (modules, m);
              PaPhoneModule *copy = pa_phone_module_copy (module);

              if (copy->layout_id == old_id)
                copy->layout_id = replacement_id;
              g_ptr_array_add (moved, copy);
            }
          pa_phone_set_modules (PA_PHONE (phone), moved);
        }

      if (!pa_store_update (req->store, phone, pa_resource_get_revision (phone), error))
        return FALSE;
    }

  for (guint i = 0; i < holders->len; i++)
    {
      PaResource *holder = g_ptr_array_index (holders, i);

      move_holder (holder, old_id, replacement_id);
      if (!pa_store_update (req->store, holder, pa_resource_get_revision (holder), error))
        return FALSE;
    }

  return TRUE;
}

gboolean
pa_api_layout_before_delete (PaApiRequest *req,
                             PaResource   *old,
                             GError      **error)
{
  g_autoptr(GArray) phones = NULL;
  g_autoptr(GPtrArray) holders = NULL;
  gboolean has_replacement = FALSE;
  gint64 replacement_id = 0;
  const char *holder_noun;

  if (!parse_replacement (req, &has_replacement, &replacement_id, error))
    return FALSE;

  phones = pa_store_list_phones_naming (req->store, G_OBJECT_TYPE (old),
                                        pa_resource_get_id (old), error);
  if (phones == NULL)
    return FALSE;
  holders = list_holders (req, old, error);
  if (holders == NULL)
    return FALSE;

  /* The replacement is checked even when nothing uses the layout, so a
   * wrong one is reported rather than silently ignored. */
  if (has_replacement)
    {
      if (!check_replacement (req, old, replacement_id, error))
        return FALSE;
      if (!move_users (req, old, phones, holders, replacement_id, error))
        {
          pa_api_convert_write_error (error);
          return FALSE;
        }
      req->report_affected = TRUE;
      return TRUE;
    }

  if (phones->len == 0 && holders->len == 0)
    return TRUE;
  holder_noun = PA_IS_LAYOUT (old)
                ? (holders->len == 1 ? "profile" : "profiles")
                : (holders->len == 1 ? "layout as its sidecar" : "layouts as their sidecar");
  if (holders->len == 0)
    pa_http_set_error (error, PA_HTTP_ERROR_CONFLICT, NULL,
                       "“%s” is used by %u phone%s; "
                       "delete it with a replacement (?replacement=<id>)",
                       layout_name (old), phones->len, phones->len == 1 ? "" : "s");
  else
    pa_http_set_error (error, PA_HTTP_ERROR_CONFLICT, NULL,
                       "“%s” is used by %u phone%s and %u %s; "
                       "delete it with a replacement (?replacement=<id>)",
                       layout_name (old), phones->len, phones->len == 1 ? "" : "s",
                       holders->len, holder_noun);
  return FALSE;
}

/* A layout's sidecars: module layouts that exist, for modules its model
 * takes. */
gboolean
pa_api_layout_before_write (PaApiRequest *req,
                            PaResource   *old,
                            PaResource   *resource,
                            GError      **error)
{
  PaLayout *layout = PA_LAYOUT (resource);
  GArray *sidecars = pa_layout_get_sidecars (layout);
  PaDeviceModel *model = pa_catalog_get_model (pa_catalog_get_default (),
                                               pa_layout_get_model (layout));

  for (guint i = 0; i < sidecars->len; i++)
    {
      g_autofree char *field = g_strdup_printf ("sidecars[%u]", i);
      g_autoptr(PaResource) sidecar = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 id = g_array_index (sidecars, gint64, i);
      const char *module_id;

      sidecar = pa_store_get (req->store, PA_TYPE_MODULE_LAYOUT, id, &local_error);
      if (sidecar == NULL)
        {
          if (!g_error_matches (local_error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          pa_http_set_error (error, PA_HTTP_ERROR_RULE, field,
                             "Sidecar layout %" G_GINT64_FORMAT " does not exist", id);
          return FALSE;
        }
      module_id = pa_module_layout_get_module (PA_MODULE_LAYOUT (sidecar));
      if (model != NULL && !pa_device_model_supports_module (model, module_id))
        {
          PaExpansionModule *module = pa_catalog_get_module (pa_catalog_get_default (), module_id);

          pa_http_set_error (error, PA_HTTP_ERROR_RULE, field,
                             "“%s” is for the %s, which a %s does not take",
                             layout_name (sidecar),
                             module != NULL ? pa_expansion_module_get_name (module) : module_id,
                             pa_device_model_get_name (model));
          return FALSE;
        }
    }
  return TRUE;
}

/* -- GET phones/{id}/preview/{file}?layout=&module_layouts= -------------- */

/* A positive id, or 400 naming @field. */
static gboolean
parse_id (const char  *text,
          const char  *field,
          gint64      *id,
          GError     **error)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      pa_http_set_error (error, PA_HTTP_ERROR_BAD_REQUEST, field,
                         "%s must be the id of a layout (a positive whole number)", field);
      return FALSE;
    }
  *id = (gint64) value;
  return TRUE;
}

/* The stored layout @id of @type, or 422 naming it when there is none. */
static PaResource *
get_named_layout (PaApiRequest *req,
                  GType         type,
                  gint64        id,
                  const char   *field,
                  GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  PaResource *layout;
  const char *what = type == PA_TYPE_LAYOUT ? "layout" : "module layout";

  layout = pa_store_get (req->store, type, id, &local_error);
  if (layout == NULL)
    {
      if (!g_error_matches (local_error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        pa_http_set_error (error, PA_HTTP_ERROR_RULE, field,
                           "The %s %" G_GINT64_FORMAT " does not exist", what, id);
    }
  return layout;
}

/* Points the in-memory @phone at the layouts the query names, so the one
 * renderer shows "this phone, as if it used that layout" without storing
 * anything. */
static gboolean
apply_preview_layouts (PaApiRequest *req,
                       PaPhone      *phone,
                       GError      **error)
{
  const char *layout_text = NULL;
  const char *modules_text = NULL;

  if (req->query != NULL)
    {
      layout_text = g_hash_table_lookup (req->query, "layout");
      modules_text = g_hash_table_lookup (req->query, "module_layouts");
    }

  if (layout_text != NULL)
    {
      g_autoptr(PaResource) layout = NULL;
      gint64 layout_id = 0;

      if (!parse_id (layout_text, "layout", &layout_id, error))
        return FALSE;
      layout = get_named_layout (req, PA_TYPE_LAYOUT, layout_id, "layout", error);
      if (layout == NULL)
        return FALSE;
      if (g_strcmp0 (pa_layout_get_model (PA_LAYOUT (layout)), pa_phone_get_model (phone)) != 0)
        {
          pa_http_set_error (error, PA_HTTP_ERROR_RULE, "layout",
                             "The layout “%s” is for %s, but the phone is a %s",
                             layout_name (layout), pa_layout_get_model (PA_LAYOUT (layout)),
                             pa_phone_get_model (phone));
          return FALSE;
        }
      pa_phone_set_layout_id (phone, layout_id);
    }

  if (modules_text != NULL)
    {
      GPtrArray *modules = pa_phone_get_modules (phone);
      g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (
        (GDestroyNotify) pa_phone_module_free);
      g_auto(GStrv) parts = g_strsplit (modules_text, ",", -1);
      guint n_parts = g_strv_length (parts);

      /* An empty value means "no slots", which only fits a phone without
       * sidecars; g_strsplit gives no parts for it. */
      for (guint i = 0; i < n_parts; i++)
        {
          gint64 id = 0;

          if (!parse_id (parts[i], "module_layouts", &id, error))
            return FALSE;
        }
      if (n_parts != modules->len)
        {
          pa_http_set_error (error, PA_HTTP_ERROR_RULE, "module_layouts",
                             "The phone has %u sidecar(s) but module_layouts names %u",
                             modules->len, n_parts);
          return FALSE;
        }

      for (guint i = 0; i < n_parts; i++)
        {
          PaPhoneModule *module = g_ptr_array_index (modules, i);
          g_autoptr(PaResource) module_layout = NULL;
          PaPhoneModule *copy;
          gint64 id = 0;

          parse_id (parts[i], "module_layouts", &id, NULL);
          module_layout = get_named_layout (req, PA_TYPE_MODULE_LAYOUT, id,
                                            "module_layouts", error);
          if (module_layout == NULL)
            return FALSE;
          if (g_strcmp0 (pa_module_layout_get_module (PA_MODULE_LAYOUT (module_layout)),
                         module->module_id) != 0)
            {
              pa_http_set_error (error, PA_HTTP_ERROR_RULE, "module_layouts",
                                 "The module layout “%s” is for %s, but sidecar %u is a %s",
                                 layout_name (module_layout),
                                 pa_module_layout_get_module (PA_MODULE_LAYOUT (module_layout)),
                                 i + 1, module->module_id);
              return FALSE;
            }
          copy = pa_phone_module_copy (module);
          copy->layout_id = id;
          g_ptr_array_add (shown, copy);
        }
      pa_phone_set_modules (phone, shown);
    }
  return TRUE;
}

void
pa_api_preview_phone_file (PaApiRequest          *req,
                           const PaApiCollection *collection,
                           gint64                 id,
                           const char            *file)
{
  g_autoptr(PaResource) phone = NULL;
  g_autoptr(GError) error = NULL;
  char *output;
  const char *content_type = NULL;
  SoupMessageHeaders *headers;

  phone = pa_store_get (req->store, PA_TYPE_PHONE, id, &error);
  if (phone == NULL)
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }

  if (!apply_preview_layouts (req, PA_PHONE (phone), &error))
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }

  output = pa_phone_render_file (req->server, PA_PHONE (phone), NULL, file, TRUE, &content_type, &error);
  if (output == NULL)
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }

  headers = soup_server_message_get_response_headers (req->msg);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_server_message_set_status (req->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (req->msg, content_type, SOUP_MEMORY_TAKE,
                                    output, strlen (output));
}

/* -- agents: keys follow their agent -------------------------------------- */

/* Rewrites the keys of @layout that watch @agent; TRUE in *@changed when any
 * did. */
static GListStore *
follow_agent (GListModel *keys,
              gint64      agent_id,
              const char *name,
              const char *extension,
              gboolean    rename,
              gboolean    renumber,
              gboolean   *changed)
{
  GListStore *copy = pa_key_list_copy (keys);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (copy));

  *changed = FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaKey) key = g_list_model_get_item (G_LIST_MODEL (copy), i);

      if (pa_key_get_agent_id (key) != agent_id)
        continue;
      if (rename && g_strcmp0 (pa_key_get_label (key), name) != 0)
        {
          pa_key_set_label (key, name);
          *changed = TRUE;
        }
      if (renumber && g_strcmp0 (pa_key_get_value (key), extension) != 0)
        {
          pa_key_set_value (key, extension);
          *changed = TRUE;
        }
    }
  return copy;
}

static gboolean
follow_agent_in (PaApiRequest *req,
                 GType         type,
                 gint64        agent_id,
                 const char   *name,
                 const char   *extension,
                 gboolean      rename,
                 gboolean      renumber,
                 GError      **error)
{
  g_autoptr(GPtrArray) layouts = NULL;

  layouts = pa_store_list (req->store, type, NULL, NULL, error);
  if (layouts == NULL)
    return FALSE;

  for (guint i = 0; i < layouts->len; i++)
    {
      PaResource *layout = g_ptr_array_index (layouts, i);
      gboolean is_layout = PA_IS_LAYOUT (layout);
      GListModel *keys = is_layout ? pa_layout_get_keys (PA_LAYOUT (layout))
                                   : pa_module_layout_get_keys (PA_MODULE_LAYOUT (layout));
      g_autoptr(GListStore) followed = NULL;
      g_autoptr(GArray) phones = NULL;
      gboolean changed = FALSE;

      followed = follow_agent (keys, agent_id, name, extension, rename, renumber, &changed);
      if (!changed)
        continue;

      if (is_layout)
        pa_layout_set_keys (PA_LAYOUT (layout), G_LIST_MODEL (followed));
      else
        pa_module_layout_set_keys (PA_MODULE_LAYOUT (layout), G_LIST_MODEL (followed));

      if (!pa_store_update (req->store, layout, pa_resource_get_revision (layout), error))
        return FALSE;

      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                        "PA_KIND", is_layout ? "layout" : "module_layout",
                        "MESSAGE", "Keys of “%s” follow agent %" G_GINT64_FORMAT,
                        layout_name (layout), agent_id);
    }
  return TRUE;
}

gboolean
pa_api_agent_after_write (PaApiRequest *req,
                          PaResource   *old,
                          PaResource   *resource,
                          GError      **error)
{
  PaAgent *agent = PA_AGENT (resource);
  gint64 agent_id = pa_resource_get_id (resource);
  gboolean rename, renumber;

  if (old == NULL)
    return TRUE;
  /* Renamed or renumbered, the BLF keys watching the agent follow. */
  req->report_affected = TRUE;

  rename = g_strcmp0 (pa_agent_get_name (PA_AGENT (old)), pa_agent_get_name (agent)) != 0;
  renumber = g_strcmp0 (pa_agent_get_extension (PA_AGENT (old)),
                        pa_agent_get_extension (agent)) != 0;
  if (!rename && !renumber)
    return TRUE;

  return follow_agent_in (req, PA_TYPE_LAYOUT, agent_id, pa_agent_get_name (agent),
                          pa_agent_get_extension (agent), rename, renumber, error)
      && follow_agent_in (req, PA_TYPE_MODULE_LAYOUT, agent_id, pa_agent_get_name (agent),
                          pa_agent_get_extension (agent), rename, renumber, error);
}
