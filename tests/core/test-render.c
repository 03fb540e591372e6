/* test-render.c — Yealink files from a phone, its accounts and layouts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pa-core.h"
#include "pa-render.h"

static PaPhone *
make_phone (void)
{
  PaPhone *phone = pa_phone_new ();
  gint64 lines[] = { 7 };

  pa_phone_set_name (phone, "Reception");
  pa_phone_set_mac (phone, "80:5E:C0:12:34:56");
  pa_phone_set_vendor (phone, "yealink");
  pa_phone_set_model (phone, "yealink-t54w");
  pa_phone_set_lines (phone, lines, G_N_ELEMENTS (lines));
  return phone;
}

static PaSipAccount *
make_account (void)
{
  PaSipAccount *account = pa_sip_account_new ();

  pa_sip_account_set_username (account, "201");
  pa_sip_account_set_display_name (account, "Front Desk");
  pa_sip_account_set_server (account, "pbx.example.com");
  pa_sip_account_set_transport (account, PA_SIP_TRANSPORT_TLS);
  pa_sip_account_set_port (account, 5061);
  return account;
}

static PaRenderContext *
make_context (PaPhone *phone)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  PaDeviceModel *model = pa_catalog_get_model (catalog, pa_phone_get_model (phone));
  PaVendor *vendor = pa_catalog_get_vendor (catalog, pa_phone_get_vendor (phone));
  g_autoptr(PaSipAccount) account = make_account ();
  PaRenderContext *ctx;

  g_assert_nonnull (model);
  g_assert_nonnull (vendor);
  ctx = pa_render_context_new (phone, model, vendor);
  pa_render_context_add_account (ctx, account, "s3cret-Pass");
  ctx->provisioning_url = g_strdup ("http://prov.example.com:8670/p/TOKEN/");
  return ctx;
}

static PaLayout *
make_layout (void)
{
  PaLayout *layout = pa_layout_new ();
  g_autoptr(GListStore) keys = g_list_store_new (PA_TYPE_KEY);
  g_autoptr(PaKey) line = pa_key_new (1, PA_KEY_LINE, NULL, "Line", 1);
  g_autoptr(PaKey) blf = pa_key_new (2, PA_KEY_BLF, "202", "Anna", 1);
  g_autoptr(PaKey) evil = pa_key_new (3, PA_KEY_SPEED_DIAL, "0800", "Help\nstatic.security.user_password = admin:x", 1);

  pa_layout_set_name (layout, "Reception");
  pa_layout_set_model (layout, "yealink-t54w");
  g_list_store_append (keys, line);
  g_list_store_append (keys, blf);
  g_list_store_append (keys, evil);
  pa_layout_set_keys (layout, G_LIST_MODEL (keys));
  return layout;
}

static guint
count_lines_with_prefix (const char *text,
                         const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      n++;
  return n;
}

static gboolean
has_line (const char *text,
          const char *line)
{
  g_autofree char *needle = g_strconcat ("\n", line, "\n", NULL);

  return strstr (text, needle) != NULL;
}

static void
test_common_file (void)
{
  g_autoptr(PaPhone) phone = make_phone ();
  g_autoptr(PaRenderContext) ctx = make_context (phone);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) files = pa_render_list_files (ctx);

  g_assert_cmpstr (files[0], ==, "y000000000096.cfg");
  g_assert_cmpstr (files[1], ==, "805ec0123456.cfg");
  g_assert_null (files[2]);

  text = pa_render_file (ctx, "y000000000096.cfg", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "#!version:1.0.0.1\n"));
  g_assert_true (has_line (text, "static.auto_provision.server.url = http://prov.example.com:8670/p/TOKEN/"));
  g_assert_true (has_line (text, "static.auto_provision.repeat.minutes = 1440"));
  /* No account and no password in the file every phone of the model shares. */
  g_assert_null (strstr (text, "s3cret-Pass"));
  g_assert_null (strstr (text, "account."));
}

static void
test_device_file (void)
{
  g_autoptr(PaPhone) phone = make_phone ();
  g_autoptr(PaRenderContext) ctx = make_context (phone);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  ctx->layout = make_layout ();
  text = pa_render_file (ctx, "805ec0123456.cfg", NULL, &error);
  g_assert_no_error (error);

  g_assert_true (g_str_has_prefix (text, "#!version:1.0.0.1\n"));
  g_assert_true (has_line (text, "account.1.enable = 1"));
  g_assert_true (has_line (text, "account.1.user_name = 201"));
  g_assert_true (has_line (text, "account.1.auth_name = 201"));
  g_assert_true (has_line (text, "account.1.display_name = Front Desk"));
  g_assert_true (has_line (text, "account.1.password = s3cret-Pass"));
  g_assert_true (has_line (text, "account.1.sip_server.1.address = pbx.example.com"));
  g_assert_true (has_line (text, "account.1.sip_server.1.port = 5061"));
  g_assert_true (has_line (text, "account.1.sip_server.1.transport_type = 2"));
  /* Every other account slot of the T54W (16) is switched off. */
  g_assert_true (has_line (text, "account.2.enable = 0"));
  g_assert_true (has_line (text, "account.16.enable = 0"));
  g_assert_false (has_line (text, "account.17.enable = 0"));

  /* Codes come from the catalog: line 15, BLF 16, speed dial 13, empty 0. */
  g_assert_true (has_line (text, "linekey.1.type = 15"));
  g_assert_true (has_line (text, "linekey.1.line = 1"));
  g_assert_true (has_line (text, "linekey.2.type = 16"));
  g_assert_true (has_line (text, "linekey.2.value = 202"));
  g_assert_true (has_line (text, "linekey.2.label = Anna"));
  g_assert_true (has_line (text, "linekey.3.type = 13"));
  g_assert_true (has_line (text, "linekey.4.type = 0"));
  g_assert_true (has_line (text, "linekey.27.type = 0"));
  /* Unused keys are blanked (type, value, label), so a re-provisioned
   * phone keeps no old labels (facts §7.3). */
  g_assert_true (has_line (text, "linekey.4.label = %NULL%"));
  g_assert_cmpuint (count_lines_with_prefix (text, "linekey."), ==, 3 * 4 + 24 * 3);
  g_assert_false (has_line (text, "linekey.28.type = 0"));

  /* A line break in a label cannot smuggle in a setting of its own. */
  g_assert_cmpuint (count_lines_with_prefix (text, "static.security.user_password"), ==, 0);
  g_assert_true (has_line (text, "linekey.3.label = Help static.security.user_password = admin:x"));
}

static void
test_deterministic (void)
{
  g_autoptr(PaPhone) phone = make_phone ();
  g_autoptr(PaRenderContext) ctx = make_context (phone);
  g_autoptr(PaRenderContext) ctx2 = make_context (phone);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  ctx->layout = make_layout ();
  ctx2->layout = make_layout ();
  a = pa_render_file (ctx, "805ec0123456.cfg", NULL, NULL);
  b = pa_render_file (ctx2, "805ec0123456.cfg", NULL, NULL);
  g_assert_nonnull (a);
  g_assert_cmpstr (a, ==, b);
}

static void
test_sidecar_keys (void)
{
  g_autoptr(PaPhone) phone = make_phone ();
  g_autoptr(PaRenderContext) ctx = NULL;
  g_autoptr(GPtrArray) modules = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_phone_module_free);
  g_autoptr(PaModuleLayout) module_layout = pa_module_layout_new ();
  g_autoptr(GListStore) keys = g_list_store_new (PA_TYPE_KEY);
  g_autoptr(PaKey) blf = pa_key_new (60, PA_KEY_BLF, "299", "Last", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_ptr_array_add (modules, pa_phone_module_new ("yealink-exp50", 0));
  g_ptr_array_add (modules, pa_phone_module_new ("yealink-exp50", 0));
  pa_phone_set_modules (phone, modules);
  pa_module_layout_set_module (module_layout, "yealink-exp50");
  g_list_store_append (keys, blf);
  pa_module_layout_set_keys (module_layout, G_LIST_MODEL (keys));

  ctx = make_context (phone);
  pa_render_context_add_module_layout (ctx, NULL);
  pa_render_context_add_module_layout (ctx, module_layout);
  text = pa_render_file (ctx, "805ec0123456.cfg", NULL, &error);
  g_assert_no_error (error);

  /* The first module has no layout, the third slot no module: every key
   * of either is blanked (type, value, label), so nothing stale stays on a
   * sidecar (facts §7.2). */
  g_assert_cmpuint (count_lines_with_prefix (text, "expansion_module.1.key."), ==, 60 * 3);
  g_assert_true (has_line (text, "expansion_module.1.key.7.label = %NULL%"));
  g_assert_cmpuint (count_lines_with_prefix (text, "expansion_module.3.key."), ==, 60 * 3);
  g_assert_cmpuint (count_lines_with_prefix (text, "expansion_module.4."), ==, 0);
  g_assert_cmpuint (count_lines_with_prefix (text, "expansion_module.2.key."), ==, 59 * 3 + 4);
  g_assert_true (has_line (text, "expansion_module.2.key.60.type = 16"));
  g_assert_true (has_line (text, "expansion_module.2.key.60.value = 299"));
  g_assert_true (has_line (text, "expansion_module.2.key.1.type = 0"));
  /* No layout on the phone: its own keys are not touched either. */
  g_assert_cmpuint (count_lines_with_prefix (text, "linekey."), ==, 0);
}

static void
test_settings_from_profile (void)
{
  g_autoptr(PaPhone) phone = make_phone ();
  g_autoptr(PaRenderContext) ctx = make_context (phone);
  g_autoptr(PaProfile) profile = pa_profile_new ();
  g_autofree char *text = NULL;
  g_autofree char *common = NULL;
  const char *last_line;

  pa_profile_set_name (profile, "Office");
  pa_profile_set_timezone (profile, "Europe/Berlin");
  pa_profile_set_ntp_server (profile, "ntp.example.com");
  pa_profile_set_update_interval (profile, 60);
  pa_profile_set_custom_param (profile, "yealink", "features.dnd.enable", "0");
  pa_profile_set_custom_param (profile, "yealink", "a.first", "1");
  ctx->profile = g_object_ref (profile);
  pa_phone_set_admin_password_mode (phone, PA_ADMIN_PASSWORD_MANUAL);
  pa_phone_set_admin_password (phone, "Adm1n-pw");
  pa_phone_set_local_sip_port (phone, 5062);

  text = pa_render_file (ctx, "805ec0123456.cfg", NULL, NULL);
  g_assert_true (has_line (text, "local_time.time_zone = +1"));
  g_assert_true (has_line (text, "local_time.summer_time = 2"));
  g_assert_true (has_line (text, "local_time.ntp_server1 = ntp.example.com"));
  g_assert_true (has_line (text, "static.security.user_password = admin:Adm1n-pw"));
  g_assert_true (has_line (text, "sip.listen_port = 5062"));
  /* Custom parameters come last, sorted, so they win. */
  g_assert_true (has_line (text, "a.first = 1"));
  last_line = g_strrstr (text, "\nfeatures.dnd.enable = 0\n");
  g_assert_nonnull (last_line);
  g_assert_cmpstr (last_line, ==, "\nfeatures.dnd.enable = 0\n");
  g_assert_true (strstr (text, "a.first") < strstr (text, "features.dnd.enable"));

  common = pa_render_file (ctx, "y000000000096.cfg", NULL, NULL);
  g_assert_true (has_line (common, "static.auto_provision.repeat.minutes = 60"));

  /* The phone's own time zone overrides the profile's. */
  pa_phone_set_timezone (phone, "America/New_York");
  g_clear_pointer (&text, g_free);
  text = pa_render_file (ctx, "805ec0123456.cfg", NULL, NULL);
  g_assert_true (has_line (text, "local_time.time_zone = -5"));

  /* Mode none: the password is not sent even if one is stored. */
  pa_phone_set_admin_password_mode (phone, PA_ADMIN_PASSWORD_NONE);
  g_clear_pointer (&text, g_free);
  text = pa_render_file (ctx, "805ec0123456.cfg", NULL, NULL);
  g_assert_null (strstr (text, "Adm1n-pw"));
}

static void
test_utc_offset (void)
{
  struct { const char *tz; const char *offset; } cases[] = {
    { "UTC", "+0" },
    { "Europe/Berlin", "+1" },
    { "America/New_York", "-5" },
    { "Asia/Kolkata", "+5:30" },
    { "Australia/Sydney", "+10" },
    { "America/St_Johns", "-3:30" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *offset = pa_render_utc_offset (cases[i].tz);
      g_assert_cmpstr (offset, ==, cases[i].offset);
    }

  g_assert_null (pa_render_utc_offset (NULL));
  g_assert_null (pa_render_utc_offset (""));
  g_assert_null (pa_render_utc_offset ("Not/A_Zone"));
}

static void
test_errors (void)
{
  g_autoptr(PaPhone) phone = make_phone ();
  g_autoptr(PaRenderContext) ctx = make_context (phone);
  g_autoptr(PaPhone) other = pa_phone_new ();
  g_autoptr(PaRenderContext) other_ctx = NULL;
  g_autoptr(PaCatalog) other_catalog = NULL;
  g_autoptr(GError) error = NULL;
  const char *wrong[] = {
    "", "y000000000028.cfg", "805ec0123457.cfg", "805EC0123456.cfg",
    "../805ec0123456.cfg", "805ec0123456.cfg.bak", "y000000000000.boot",
  };
  gint64 two_lines[] = { 1, 2 };
  char *text;

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      text = pa_render_file (ctx, wrong[i], NULL, &error);
      g_assert_null (text);
      g_assert_error (error, PA_RENDER_ERROR, PA_RENDER_ERROR_NO_SUCH_FILE);
      g_clear_error (&error);
    }

  /* A line without its account is refused rather than rendered short. */
  pa_phone_set_lines (phone, two_lines, 2);
  text = pa_render_file (ctx, "805ec0123456.cfg", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, PA_RENDER_ERROR, PA_RENDER_ERROR_INCOMPLETE);
  g_clear_error (&error);

  /* A vendor whose writer does not exist (every catalog vendor has one
   * now, so a catalog of its own). */
  other_catalog = pa_catalog_new_from_data (
    "{\"vendors\":[{\"id\":\"acme\",\"name\":\"Acme\",\"config_format\":\"cfg\","
    "\"writer\":\"acme\",\"ouis\":[\"00:11:22\"],\"key_codes\":{\"line\":\"1\"}}],"
    "\"modules\":[],\"models\":[{\"id\":\"acme-p1\",\"vendor\":\"acme\",\"name\":\"P1\","
    "\"sip_accounts\":1,\"line_keys\":1,\"keys_per_page\":1,\"pages\":1,"
    "\"device_file\":\"{mac}.cfg\",\"user_agent\":\"P1\"}]}", -1, &error);
  g_assert_no_error (error);
  pa_phone_set_mac (other, "00:11:22:12:34:56");
  pa_phone_set_vendor (other, "acme");
  pa_phone_set_model (other, "acme-p1");
  other_ctx = pa_render_context_new (other,
                                     pa_catalog_get_model (other_catalog, "acme-p1"),
                                     pa_catalog_get_vendor (other_catalog, "acme"));
  text = pa_render_file (other_ctx, "001122123456.cfg", NULL, &error);
  g_assert_null (text);
  g_assert_error (error, PA_RENDER_ERROR, PA_RENDER_ERROR_UNSUPPORTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/yealink/common-file", test_common_file);
  g_test_add_func ("/render/yealink/device-file", test_device_file);
  g_test_add_func ("/render/yealink/deterministic", test_deterministic);
  g_test_add_func ("/render/yealink/sidecar-keys", test_sidecar_keys);
  g_test_add_func ("/render/yealink/settings-from-profile", test_settings_from_profile);
  g_test_add_func ("/render/utc-offset", test_utc_offset);
  g_test_add_func ("/render/errors", test_errors);

  return g_test_run ();
}
