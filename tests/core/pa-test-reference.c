/* pa-test-reference.c — the reference phone every writer's golden file shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "pa-test-reference.h"

static PaSipAccount *
account (const char    *username,
         const char    *display_name,
         const char    *server,
         PaSipTransport transport,
         guint          port)
{
  PaSipAccount *self = pa_sip_account_new ();

  pa_sip_account_set_username (self, username);
  pa_sip_account_set_display_name (self, display_name);
  pa_sip_account_set_server (self, server);
  pa_sip_account_set_transport (self, transport);
  pa_sip_account_set_port (self, port);
  return self;
}

static GListModel *
keys_of_every_type (void)
{
  GListStore *keys = g_list_store_new (PA_TYPE_KEY);
  struct { PaKeyType type; const char *value; const char *label; guint line; } spec[] = {
    { PA_KEY_LINE, NULL, "Reception", 1 },
    { PA_KEY_LINE, NULL, "Sales", 2 },
    { PA_KEY_BLF, "202", "Anna & Bo <Sales>", 1 },
    { PA_KEY_SPEED_DIAL, "+4930123456", "Head office", 1 },
    { PA_KEY_FEATURE_CODE, "*78", "DND on", 1 },
    { PA_KEY_PARK, "700", "Park", 1 },
    { PA_KEY_PARK_RETRIEVE, "701", "Retrieve", 1 },
    { PA_KEY_CONFERENCE, NULL, "Conference", 1 },
    { PA_KEY_CUSTOM, "#custom", "Custom", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (spec); i++)
    {
      g_autoptr(PaKey) key = pa_key_new (i + 1, spec[i].type, spec[i].value, spec[i].label,
                                         spec[i].line);

      g_list_store_append (keys, key);
    }
  return G_LIST_MODEL (keys);
}

static GListModel *
full_sidecar (guint count)
{
  GListStore *keys = g_list_store_new (PA_TYPE_KEY);

  for (guint n = 1; n <= count; n++)
    {
      g_autofree char *value = g_strdup_printf ("%u", 300 + n);
      g_autofree char *label = g_strdup_printf ("Agent %u", n);
      g_autoptr(PaKey) key = pa_key_new (n, PA_KEY_BLF, value, label, 1);

      g_list_store_append (keys, key);
    }
  return G_LIST_MODEL (keys);
}

PaRenderContext *
pa_test_reference_context (const char *vendor_id,
                   const char *model_id,
                   const char *mac,
                   const char *module_id)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  PaDeviceModel *model = pa_catalog_get_model (catalog, model_id);
  /* NULL @module_id: a phone without a sidecar (a vendor with none). */
  PaExpansionModule *module = module_id != NULL ? pa_catalog_get_module (catalog, module_id)
                                                : NULL;
  g_autoptr(PaPhone) phone = pa_phone_new ();
  g_autoptr(PaSipAccount) one = account ("201", "Front Desk", "pbx.example.com",
                                         PA_SIP_TRANSPORT_TLS, 5061);
  g_autoptr(PaSipAccount) two = account ("300", "Sales Queue", "sales.example.net",
                                         PA_SIP_TRANSPORT_UDP, 5060);
  g_autoptr(PaLayout) layout = pa_layout_new ();
  g_autoptr(PaModuleLayout) sidecar = pa_module_layout_new ();
  g_autoptr(GListModel) keys = keys_of_every_type ();
  g_autoptr(GListModel) sidecar_keys = NULL;
  g_autoptr(PaProfile) profile = pa_profile_new ();
  g_autoptr(GPtrArray) modules = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_phone_module_free);
  gint64 lines[] = { 1, 2 };
  PaRenderContext *ctx;

  g_assert_nonnull (model);
  g_assert_true (module_id == NULL || module != NULL);

  pa_phone_set_name (phone, "Reception");
  pa_phone_set_mac (phone, mac);
  pa_phone_set_vendor (phone, vendor_id);
  pa_phone_set_model (phone, model_id);
  pa_phone_set_lines (phone, lines, G_N_ELEMENTS (lines));
  pa_phone_set_admin_password_mode (phone, PA_ADMIN_PASSWORD_MANUAL);
  pa_phone_set_admin_password (phone, "Adm1n&<pw>");
  if (module != NULL)
    g_ptr_array_add (modules, pa_phone_module_new (module_id, 0));
  pa_phone_set_modules (phone, modules);

  pa_layout_set_name (layout, "Reception");
  pa_layout_set_model (layout, model_id);
  pa_layout_set_keys (layout, keys);

  if (module != NULL)
    {
      sidecar_keys = full_sidecar (pa_expansion_module_get_keys (module));
      pa_module_layout_set_module (sidecar, module_id);
      pa_module_layout_set_keys (sidecar, sidecar_keys);
    }

  pa_profile_set_name (profile, "Office");
  pa_profile_set_timezone (profile, "Europe/Berlin");
  pa_profile_set_ntp_server (profile, "ntp.example.com");
  pa_profile_set_update_interval (profile, 60);
  /* Parameters for this vendor and for another: only the first may reach
   * the files (a profile can span a mixed fleet). */
  pa_profile_set_custom_param (profile, vendor_id, "features.dnd.enable", "0");
  pa_profile_set_custom_param (profile, g_str_equal (vendor_id, "snom") ? "yealink" : "snom",
                               "other.vendor.only", "1");

  ctx = pa_render_context_new (phone, model, pa_catalog_get_vendor (catalog, vendor_id));
  pa_render_context_add_account (ctx, one, "s3cret-Pass");
  pa_render_context_add_account (ctx, two, "Sal3s&\"pw\"");
  ctx->layout = g_object_ref (layout);
  if (module != NULL)
    pa_render_context_add_module_layout (ctx, sidecar);
  ctx->profile = g_object_ref (profile);
  ctx->provisioning_url = g_strdup ("https://prov.example.com:8670/p/TOKEN/");
  return ctx;
}

void
pa_test_check_golden (PaRenderContext *ctx,
              const char      *writer)
{
  g_auto(GStrv) files = pa_render_list_files (ctx);
  gboolean update = g_getenv ("PA_UPDATE_GOLDEN") != NULL;

  g_assert_cmpuint (g_strv_length (files), >, 0);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("PA_SOURCE_ROOT"), "tests", "core",
                                                "golden", writer, files[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *text = NULL;
      const char *content_type = NULL;

      text = pa_render_file (ctx, files[i], &content_type, &error);
      g_assert_no_error (error);
      g_assert_nonnull (content_type);
      g_assert_true (g_utf8_validate (text, -1, NULL));

      if (update)
        {
          g_autofree char *dir = g_path_get_dirname (path);

          g_mkdir_with_parents (dir, 0755);
          g_file_set_contents (path, text, -1, &error);
          g_assert_no_error (error);
          g_test_message ("wrote %s", path);
          continue;
        }

      g_file_get_contents (path, &expected, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, expected);
    }
}


char *
pa_test_render (PaRenderContext *ctx,
                const char      *file,
                const char      *content_type)
{
  g_autoptr(GError) error = NULL;
  const char *type = NULL;
  char *text = pa_render_file (ctx, file, &type, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (type, ==, content_type);
  return text;
}

void
pa_test_assert_no_such_file (PaRenderContext *ctx,
                             const char      *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = pa_render_file (ctx, file, NULL, &error);

  g_test_message ("%s", file);
  g_assert_error (error, PA_RENDER_ERROR, PA_RENDER_ERROR_NO_SUCH_FILE);
  g_assert_null (text);
}
