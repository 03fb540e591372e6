/* pa-render-yealink.c — Yealink `key = value` configuration files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Yealink phone asks for y000000000000.boot and <mac>.boot (a 404 makes
 * it fall back), then its model's common file (y0000000000XX.cfg), then
 * <mac>.cfg, and skips applying a file whose MD5 is unchanged. So the output
 * depends only on the settings: no time stamps, fixed order. Every account
 * slot and every key the model has, and every sidecar slot it can take, is
 * written out, the unused ones blanked with %NULL% (provisioning facts §7.3),
 * so a phone handed to someone else keeps no old credentials or labels.
 */
#define G_LOG_DOMAIN "pa-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pa-writer.h"

#define YEALINK_HEADER "#!version:1.0.0.1"
#define BLANK          "%NULL%"
#define CONTENT_TYPE   "text/plain; charset=utf-8"

static const char *
transport_code (PaSipTransport transport)
{
  switch (transport)
    {
    case PA_SIP_TRANSPORT_TCP:
      return "1";
    case PA_SIP_TRANSPORT_TLS:
      return "2";
    case PA_SIP_TRANSPORT_UDP:
    default:
      return "0";
    }
}

static const char *
dtmf_code (PaDtmfMode mode)
{
  switch (mode)
    {
    case PA_DTMF_INBAND:
      return "0";
    case PA_DTMF_SIP_INFO:
      return "2";
    case PA_DTMF_RFC2833:
    default:
      return "1";
    }
}

static void
write_common (const PaEffective *e,
              PaKvWriter        *kv)
{
  g_autofree char *comment = g_strdup_printf ("## PhoneAdmin: settings common to Yealink %s",
                                              pa_device_model_get_name (e->model));

  pa_kv_writer_line (kv, YEALINK_HEADER);
  pa_kv_writer_line (kv, comment);
  if (e->provisioning_url != NULL)
    pa_kv_writer_set (kv, "static.auto_provision.server.url", e->provisioning_url);
  /* Empty when the setup link asks for none: a phone keeps no stale ones. */
  pa_kv_writer_set (kv, "static.auto_provision.server.username", e->provisioning_user);
  pa_kv_writer_set (kv, "static.auto_provision.server.password", e->provisioning_password);
  pa_kv_writer_set (kv, "static.auto_provision.power_on", "1");
  /* Our setup link, not Yealink's redirection service, decides. */
  pa_kv_writer_set (kv, "static.auto_provision.pnp_enable", "0");
  pa_kv_writer_set (kv, "static.auto_provision.repeat.enable", "1");
  pa_kv_writer_set_uint (kv, "static.auto_provision.repeat.minutes", e->poll_minutes);
  if (e->firmware_url != NULL)
    pa_kv_writer_set (kv, "static.firmware.url", e->firmware_url);
  /* NOTIFY only from the SIP server; reboot only when one asks for it. */
  pa_kv_writer_set (kv, "sip.trust_ctrl", "1");
  pa_kv_writer_set (kv, "sip.notify_reboot_enable", "0");
}

static void
write_blank_account (PaKvWriter *kv,
                     guint       n)
{
  static const char * const fields[] = {
    "label", "display_name", "auth_name", "user_name", "password",
    "sip_server.1.address", "outbound_proxy.1.address",
  };

  pa_kv_writer_setf (kv, "0", "account.%u.enable", n);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    pa_kv_writer_setf (kv, BLANK, "account.%u.%s", n, fields[i]);
}

static void
write_account (const PaEffectiveLine *line,
               PaKvWriter            *kv)
{
  guint n = line->number;
  char port[8];

  g_snprintf (port, sizeof port, "%u", line->port);

  pa_kv_writer_setf (kv, "1", "account.%u.enable", n);
  pa_kv_writer_setf (kv, line->label, "account.%u.label", n);
  pa_kv_writer_setf (kv, line->display_name, "account.%u.display_name", n);
  pa_kv_writer_setf (kv, line->auth_name, "account.%u.auth_name", n);
  pa_kv_writer_setf (kv, line->username, "account.%u.user_name", n);
  pa_kv_writer_setf (kv, line->password, "account.%u.password", n);
  pa_kv_writer_setf (kv, line->registrar, "account.%u.sip_server.1.address", n);
  pa_kv_writer_setf (kv, port, "account.%u.sip_server.1.port", n);
  pa_kv_writer_setf (kv, transport_code (line->transport),
                     "account.%u.sip_server.1.transport_type", n);
  {
    char expiry[16];

    g_snprintf (expiry, sizeof expiry, "%u", line->expiry);
    pa_kv_writer_setf (kv, expiry, "account.%u.sip_server.1.expires", n);
  }
  pa_kv_writer_setf (kv, line->outbound_proxy != NULL ? "1" : "0",
                     "account.%u.outbound_proxy_enable", n);
  pa_kv_writer_setf (kv, line->outbound_proxy != NULL ? line->outbound_proxy : BLANK,
                     "account.%u.outbound_proxy.1.address", n);
  pa_kv_writer_setf (kv, dtmf_code (line->dtmf), "account.%u.dtmf.type", n);
  /* 2 = compulsory: with TLS signalling, media is never sent in clear. */
  pa_kv_writer_setf (kv, line->srtp ? "2" : "0", "account.%u.srtp_encryption", n);
  pa_kv_writer_setf (kv, "1", "account.%u.nat.udp_update_enable", n);
  pa_kv_writer_setf (kv, line->mwi ? "1" : "0", "account.%u.subscribe_mwi", n);
  pa_kv_writer_setf (kv, line->voicemail != NULL ? line->voicemail : BLANK,
                     "voice_mail.number.%u", n);

  for (guint i = 0; line->codecs != NULL && line->codecs[i] != NULL; i++)
    {
      g_autofree char *codec = g_ascii_strdown (line->codecs[i], -1);
      char priority[8];

      g_snprintf (priority, sizeof priority, "%u", i + 1);
      pa_kv_writer_setf (kv, "1", "account.%u.codec.%s.enable", n, codec);
      pa_kv_writer_setf (kv, priority, "account.%u.codec.%s.priority", n, codec);
    }
}

static void
write_settings (const PaEffective *e,
                PaKvWriter        *kv)
{
  pa_kv_writer_set_uint (kv, "sip.listen_port", e->local_sip_port);

  if (e->zone != NULL)
    {
      g_autofree char *offset = pa_time_zone_format_offset (e->zone->standard_offset);

      pa_kv_writer_set (kv, "local_time.time_zone", offset);
      /* 2 = automatic summer time, by the phone's own rules. */
      pa_kv_writer_set (kv, "local_time.summer_time", "2");
    }
  if (e->ntp_server != NULL)
    pa_kv_writer_set (kv, "local_time.ntp_server1", e->ntp_server);

  if (e->admin_password != NULL)
    {
      g_autofree char *value = g_strconcat ("admin:", e->admin_password, NULL);

      pa_kv_writer_set (kv, "static.security.user_name.admin", "admin");
      pa_kv_writer_set (kv, "static.security.user_password", value);
    }
}

/* Keys 1..count under @prefix ("linekey", "expansion_module.2.key"). */
static void
write_keys (const PaEffective     *e,
            const PaEffectiveKeys *set,
            const char            *prefix,
            PaKvWriter            *kv)
{
  const char *empty_code = pa_vendor_get_key_code (e->vendor, PA_KEY_TYPE_EMPTY);

  for (guint n = 1; n <= set->count; n++)
    {
      const PaEffectiveKey *key = &set->keys[n - 1];
      const char *code = NULL;
      char line[8];

      if (key->type != PA_KEY_EMPTY)
        code = pa_vendor_get_key_code (e->vendor, pa_key_type_to_nick (key->type));
      if (code == NULL)
        {
          pa_kv_writer_setf (kv, empty_code != NULL ? empty_code : "0", "%s.%u.type", prefix, n);
          pa_kv_writer_setf (kv, BLANK, "%s.%u.value", prefix, n);
          pa_kv_writer_setf (kv, BLANK, "%s.%u.label", prefix, n);
          continue;
        }

      g_snprintf (line, sizeof line, "%u", key->line);
      pa_kv_writer_setf (kv, code, "%s.%u.type", prefix, n);
      pa_kv_writer_setf (kv, line, "%s.%u.line", prefix, n);
      pa_kv_writer_setf (kv, key->value != NULL ? key->value : BLANK, "%s.%u.value", prefix, n);
      pa_kv_writer_setf (kv, key->label != NULL ? key->label : BLANK, "%s.%u.label", prefix, n);
    }
}

static void
write_device (const PaEffective *e,
              PaKvWriter        *kv)
{
  g_autofree char *comment = g_strdup_printf ("## PhoneAdmin: Yealink %s %s",
                                              pa_device_model_get_name (e->model), e->mac);

  pa_kv_writer_line (kv, YEALINK_HEADER);
  pa_kv_writer_line (kv, comment);

  for (guint i = 0; i < e->account_slots; i++)
    {
      if (i < e->lines->len)
        write_account (g_ptr_array_index (e->lines, i), kv);
      else
        write_blank_account (kv, i + 1);
    }
  write_settings (e, kv);

  for (guint slot = 0; slot < e->key_sets->len; slot++)
    {
      g_autofree char *prefix = slot == 0 ? g_strdup ("linekey")
                                          : g_strdup_printf ("expansion_module.%u.key", slot);

      write_keys (e, pa_effective_get_keys (e, slot), prefix, kv);
    }

  /* Last, so that an admin's parameter wins over anything generated. */
  for (guint i = 0; i < e->custom->len; i++)
    {
      PaSetting *setting = g_ptr_array_index (e->custom, i);

      pa_kv_writer_set (kv, setting->name, setting->value);
    }
}

static GStrv
yealink_list_files (const PaEffective *e)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *common = pa_device_model_get_common_file (e->model);
  g_autofree char *device = g_strconcat (e->mac, ".cfg", NULL);

  if (common != NULL && common[0] != '\0')
    g_strv_builder_add (builder, common);
  g_strv_builder_add (builder, device);
  return g_strv_builder_end (builder);
}

static GBytes *
yealink_render (const PaEffective *e,
                const char        *file,
                const char       **content_type,
                GError           **error)
{
  g_autoptr(PaKvWriter) kv = pa_kv_writer_new (" = ");
  const char *common = pa_device_model_get_common_file (e->model);
  g_autofree char *device = g_strconcat (e->mac, ".cfg", NULL);

  if (common != NULL && g_str_equal (file, common))
    write_common (e, kv);
  else if (g_str_equal (file, device))
    write_device (e, kv);
  else
    {
      g_set_error (error, PA_RENDER_ERROR, PA_RENDER_ERROR_NO_SUCH_FILE,
                   _("A Yealink %s does not use a file named “%s”"),
                   pa_device_model_get_name (e->model), file);
      return NULL;
    }

  *content_type = CONTENT_TYPE;
  return pa_kv_writer_finish (kv);
}

const PaWriter pa_yealink_writer = {
  .id = "yealink",
  .list_files = yealink_list_files,
  .render = yealink_render,
  .custom_name_ok = pa_kv_key_is_valid,
};
