/* pa-gather.c — step 1 of the config pipeline: read everything one phone's
 * files are made from, and record what was read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rendering, the admin's preview, "needs attention" and the phone's
 * fingerprint all start here, so they cannot disagree about what a phone
 * reads. Every read is recorded as a config input (pa-config-inputs.h): the
 * fingerprint and the list of phones an edit affects are derived from that
 * record, never kept in step by hand.
 */
#define G_LOG_DOMAIN "pa-gather"

#include "config.h"

#include <string.h>

#include "pa-effective.h"
#include "pa-firmware.h"
#include "pa-gather.h"
#include "pa-mac.h"

#define MASK "********"

struct _PaGatherMemo
{
  PaStore    *store;       /* what is read: the server's, or a unit's */
  GHashTable *resources;   /* "kind id" → PaResource */
};

PaGatherMemo *
pa_gather_memo_new (PaStore *store)
{
  PaGatherMemo *memo = g_new0 (PaGatherMemo, 1);

  memo->store = g_object_ref (store);
  memo->resources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  return memo;
}

void
pa_gather_memo_free (PaGatherMemo *memo)
{
  if (memo == NULL)
    return;
  g_hash_table_unref (memo->resources);
  g_object_unref (memo->store);
  g_free (memo);
}

/* A resource many phones share (a profile, a layout) is parsed once per
 * memo; the memo lives no longer than one transaction's derive. */
static PaResource *
load_shared (PaServer      *self,
             PaGatherMemo  *memo,
             GType          type,
             gint64         id,
             GError       **error)
{
  g_autofree char *key = NULL;
  PaResource *resource;

  if (memo == NULL)
    return pa_store_get (self->store, type, id, error);

  key = g_strdup_printf ("%s %" G_GINT64_FORMAT, g_type_name (type), id);
  resource = g_hash_table_lookup (memo->resources, key);
  if (resource != NULL)
    return g_object_ref (resource);
  resource = pa_store_get (memo->store, type, id, error);
  if (resource != NULL)
    g_hash_table_insert (memo->resources, g_steal_pointer (&key), g_object_ref (resource));
  return resource;
}

static void
record (GArray     *inputs,
        PaResource *resource)
{
  if (inputs != NULL)
    pa_config_inputs_add (inputs, pa_store_kind_from_type (G_OBJECT_TYPE (resource)),
                          pa_resource_get_id (resource), pa_resource_get_revision (resource));
}

static void
record_setting (PaServer   *self,
                GArray     *inputs,
                PaSettingId   setting)
{
  if (inputs != NULL)
    pa_config_inputs_add (inputs, PA_INPUT_SETTINGS, setting,
                          pa_server_get_setting_revision (self, setting));
}

PaRenderContext *
pa_gather (PaServer      *self,
           PaPhone       *phone,
           PaGather       what,
           PaGatherMemo  *memo,
           GArray        *inputs,
           GError       **error)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  PaDeviceModel *model = pa_catalog_get_model (catalog, pa_phone_get_model (phone));
  PaVendor *vendor = model != NULL
                     ? pa_catalog_get_vendor (catalog, pa_device_model_get_vendor_id (model))
                     : NULL;
  g_autoptr(PaRenderContext) ctx = NULL;
  GArray *lines = pa_phone_get_lines (phone);
  GPtrArray *modules = pa_phone_get_modules (phone);
  PaStore *store = memo != NULL ? memo->store : self->store;
  gint64 layout_id;

  g_return_val_if_fail (inputs == NULL || what == PA_GATHER_FILES, NULL);

  /* The phone and its setup link first: they are inputs even when nothing
   * else can be read. */
  record (inputs, PA_RESOURCE (phone));
  if (inputs != NULL)
    pa_config_inputs_add (inputs, PA_INPUT_PHONE_TOKEN, pa_resource_get_id (PA_RESOURCE (phone)),
                          pa_config_inputs_revision_of (pa_phone_get_token (phone)));

  if (model == NULL || vendor == NULL)
    {
      g_set_error_literal (error, PA_RENDER_ERROR, PA_RENDER_ERROR_NO_SUCH_FILE,
                           "The phone’s model is not in the catalog");
      return NULL;
    }
  ctx = pa_render_context_new (phone, model, vendor);

  for (guint i = 0; i < lines->len; i++)
    {
      gint64 account_id = g_array_index (lines, gint64, i);
      g_autoptr(PaResource) account = NULL;
      g_autofree char *password = NULL;
      gint64 serial = 0;

      account = pa_store_get (store, PA_TYPE_SIP_ACCOUNT, account_id, error);
      if (account == NULL)
        return NULL;
      record (inputs, account);
      if (what == PA_GATHER_SETTINGS)
        {
          pa_render_context_add_account (ctx, PA_SIP_ACCOUNT (account), NULL);
          continue;
        }
      password = pa_store_get_sip_password (store, account_id, &serial, error);
      if (password == NULL)
        return NULL;
      if (inputs != NULL)
        pa_config_inputs_add (inputs, PA_INPUT_SIP_PASSWORD, account_id, serial);
      pa_render_context_add_account (ctx, PA_SIP_ACCOUNT (account),
                                     what == PA_GATHER_PREVIEW && password[0] != '\0'
                                     ? MASK : password);
      memset (password, 0, strlen (password));
    }

  /* The phone's profile and the ones it inherits from, each an input:
   * what a parent changes reaches the phones below it. */
  if (pa_phone_get_profile_id (phone) != 0)
    {
      g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func (g_object_unref);
      gint64 profile_id = pa_phone_get_profile_id (phone);

      while (profile_id != 0 && chain->len < PA_PROFILE_MAX_DEPTH)
        {
          PaResource *profile = load_shared (self, memo, PA_TYPE_PROFILE, profile_id, error);

          if (profile == NULL)
            return NULL;
          record (inputs, profile);
          g_ptr_array_add (chain, profile);
          profile_id = pa_profile_get_parent_id (PA_PROFILE (profile));
        }
      ctx->profile = pa_profile_flatten (chain);
    }
  if (pa_phone_get_agent_id (phone) != 0)
    {
      PaResource *agent = load_shared (self, memo, PA_TYPE_AGENT, pa_phone_get_agent_id (phone),
                                       error);
      if (agent == NULL)
        return NULL;
      record (inputs, agent);
      ctx->agent = PA_AGENT (agent);
    }
  layout_id = pa_phone_effective_layout_id (phone, ctx->profile);

  if (what != PA_GATHER_SETTINGS && layout_id != 0)
    {
      PaResource *layout = load_shared (self, memo, PA_TYPE_LAYOUT, layout_id, error);
      if (layout == NULL)
        return NULL;
      record (inputs, layout);
      ctx->layout = PA_LAYOUT (layout);
    }

  for (guint i = 0; what != PA_GATHER_SETTINGS && i < modules->len; i++)
    {
      PaPhoneModule *module = g_ptr_array_index (modules, i);
      g_autoptr(PaResource) module_layout = NULL;
      /* A module without a layout of its own shows its layout's sidecar
       * at the same position, when that is one for this module. */
      gint64 module_layout_id = module->layout_id != 0 || ctx->layout == NULL
                                ? module->layout_id
                                : pa_layout_get_sidecar (ctx->layout, i + 1);

      if (module_layout_id != 0)
        {
          module_layout = load_shared (self, memo, PA_TYPE_MODULE_LAYOUT, module_layout_id, error);
          if (module_layout == NULL)
            return NULL;
          record (inputs, module_layout);
          if (module->layout_id == 0 &&
              g_strcmp0 (pa_module_layout_get_module (PA_MODULE_LAYOUT (module_layout)),
                         module->module_id) != 0)
            g_clear_object (&module_layout);
        }
      pa_render_context_add_module_layout (ctx, module_layout != NULL
                                                ? PA_MODULE_LAYOUT (module_layout) : NULL);
    }

  /* The admin password provd generated for it, if it did (whether the
   * phone's policy uses it is pa_resolve()'s to say). */
  if (what != PA_GATHER_SETTINGS)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *admin_password = NULL;
      gint64 phone_id = pa_resource_get_id (PA_RESOURCE (phone));

      admin_password = pa_store_get_generated_admin_password (store, phone_id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (admin_password != NULL)
        {
          if (inputs != NULL)
            pa_config_inputs_add (inputs, PA_INPUT_ADMIN_PASSWORD, phone_id,
                                  pa_config_inputs_revision_of (admin_password));
          ctx->admin_password = g_strdup (what == PA_GATHER_PREVIEW ? MASK : admin_password);
          memset (admin_password, 0, strlen (admin_password));
        }
    }

  /* The phone's own HTTP credentials for its setup link, when it asks for
   * them: user name its MAC (as phones spell it in file names). */
  if (what != PA_GATHER_SETTINGS && pa_phone_get_http_auth (phone))
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *password = NULL;
      gint64 phone_id = pa_resource_get_id (PA_RESOURCE (phone));

      password = pa_store_get_http_credentials (store, phone_id, NULL, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (password != NULL)
        {
          if (inputs != NULL)
            pa_config_inputs_add (inputs, PA_INPUT_HTTP_PASSWORD, phone_id,
                                  pa_config_inputs_revision_of (password));
          ctx->http_user = pa_mac_to_compact (pa_phone_get_mac (phone));
          ctx->http_password = g_strdup (what == PA_GATHER_PREVIEW ? MASK : password);
        }
    }

  /* The server's settings are inputs too, each read only by the phones
   * that use it: every phone's setup link has the public URL, and the
   * rest are the ones pa_resolve() says it read (a default SIP server
   * only for a line nothing nearer gives one, and so on). */
  record_setting (self, inputs, PA_SETTING_PUBLIC_URL);
  ctx->provisioning_url = g_strconcat (pa_server_get_public_url (self), "p/",
                                       pa_phone_get_token (phone), "/", NULL);

  /* The firmware it is to run: served by provd, named by its hash. One no
   * longer for its model (the phone's model changed since) is left out. */
  if (what != PA_GATHER_SETTINGS && pa_phone_get_firmware_id (phone) != 0)
    {
      g_autoptr(PaResource) firmware = load_shared (self, memo, PA_TYPE_FIRMWARE,
                                                    pa_phone_get_firmware_id (phone), error);

      if (firmware == NULL)
        return NULL;
      record (inputs, firmware);
      if (g_strv_contains (pa_firmware_get_models (PA_FIRMWARE (firmware)), pa_phone_get_model (phone)))
        ctx->firmware_url = g_strconcat (pa_server_get_public_url (self), "firmware/",
                                         pa_firmware_get_sha256 (PA_FIRMWARE (firmware)), "/",
                                         pa_firmware_get_filename (PA_FIRMWARE (firmware)), NULL);
    }
  ctx->settings = self->settings_now != NULL ? g_object_ref (self->settings_now) : NULL;
  if (inputs != NULL)
    {
      g_autoptr(PaEffective) effective = pa_resolve (ctx);

      for (PaSettingId setting = 1; setting < PA_N_SETTINGS; setting++)
        if (effective->settings_used & (1u << setting))
          record_setting (self, inputs, setting);
    }

  return g_steal_pointer (&ctx);
}

GStrv
pa_phone_attention (PaServer      *self,
                    PaPhone       *phone,
                    PaGatherMemo  *memo,
                    GError       **error)
{
  g_autoptr(PaRenderContext) ctx = NULL;
  g_autoptr(PaEffective) effective = NULL;
  g_autoptr(GError) local_error = NULL;

  ctx = pa_gather (self, phone, PA_GATHER_SETTINGS, memo, NULL, &local_error);
  if (ctx == NULL && local_error->domain == PA_RENDER_ERROR)
    {
      /* A model the catalog does not know is itself the reason. */
      const char *reasons[] = { local_error->message, NULL };

      return g_strdupv ((char **) reasons);
    }
  if (ctx == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  effective = pa_resolve (ctx);
  g_ptr_array_add (effective->problems, NULL);
  return g_strdupv ((char **) effective->problems->pdata);
}

char *
pa_phone_render_file (PaServer    *self,
                      PaPhone     *phone,
                      PaGatherMemo *memo,
                      const char  *file,
                      gboolean     mask_secrets,
                      const char **content_type,
                      GError     **error)
{
  g_autoptr(PaRenderContext) ctx = NULL;
  g_autoptr(PaResource) masked = NULL;
  const char *admin_password;

  admin_password = pa_phone_get_admin_password (phone);
  if (mask_secrets && admin_password != NULL && admin_password[0] != '\0')
    {
      masked = pa_resource_copy (PA_RESOURCE (phone));
      pa_phone_set_admin_password (PA_PHONE (masked), MASK);
      phone = PA_PHONE (masked);
    }

  ctx = pa_gather (self, phone, mask_secrets ? PA_GATHER_PREVIEW : PA_GATHER_FILES,
                   memo, NULL, error);
  if (ctx == NULL)
    return NULL;
  /* The vendor's writer knows which files its phones ask for. */
  return pa_render_file (ctx, file, content_type, error);
}
