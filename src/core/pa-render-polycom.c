/* pa-render-polycom.c — Polycom/Poly UC Software XML configuration files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A VVX or Edge E asks for <mac>.cfg (lower case), and for 000000000000.cfg
 * only when that is missing (provisioning facts §7.1). That file is a
 * *master* file: an <APPLICATION> element whose CONFIG_FILES names the files
 * that hold the settings, which the phone then fetches. We list one,
 * <mac>-user.cfg (wazo's name for it, §2.2): <mac>-phone.cfg and
 * <mac>-web.cfg are the names the phone itself uses for the overrides made
 * on its screen and web pages, which it fetches and uploads on its own. Every
 * other file it asks for (-phone.cfg, -web.cfg, -license.cfg,
 * -directory.xml, sip.ld unless a firmware URL is set) is a 404; the logs it
 * uploads with PUT are answered by the phone endpoint and thrown away.
 *
 * Settings are attributes (`reg.1.address="201"`); the phone reads them from
 * any element, so they are grouped in one element per account, per key and
 * per topic to keep the file readable. `device.*` settings are kept in the
 * phone's flash and need `device.set="1"` plus `device.<name>.set="1"`.
 * Polycom's centrally provisioned settings are not kept across a new
 * download, but unused accounts and keys are still written empty so the
 * file says everything the phone has.
 *
 * Output depends only on the settings: fixed order, no time stamps.
 */
#define G_LOG_DOMAIN "pa-render"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pa-writer.h"

#define CONTENT_TYPE "application/xml"
/* The category that shows an attendant.resourceList entry on a line key
 * (§2.2 lineKey.X.category). */
#define ATTENDANT_CATEGORY "BLF"
#define KEEPALIVE_SECONDS  "30"
/* prov.polling.period must be above an hour (§2.2, §3). */
#define MIN_POLL_SECONDS   3600

typedef struct
{
  PaXmlWriter *xml;
  /* Names an admin's custom parameter sets: those win, so the generated
   * attribute of the same name is left out (an element cannot carry one
   * attribute twice, and the phone would refuse the file). */
  GHashTable  *custom;
} Out;

static void
set (Out        *out,
     const char *name,
     const char *value)
{
  if (g_hash_table_contains (out->custom, name))
    return;
  pa_xml_writer_attr (out->xml, name, value != NULL ? value : "");
}

static void
setf (Out        *out,
      const char *value,
      const char *name_format,
      ...) G_GNUC_PRINTF (3, 4);

static void
setf (Out        *out,
      const char *value,
      const char *name_format,
      ...)
{
  g_autofree char *name = NULL;
  va_list args;

  va_start (args, name_format);
  name = g_strdup_vprintf (name_format, args);
  va_end (args);
  set (out, name, value);
}

static void
setu (Out        *out,
      guint       value,
      const char *name_format,
      ...) G_GNUC_PRINTF (3, 4);

static void
setu (Out        *out,
      guint       value,
      const char *name_format,
      ...)
{
  g_autofree char *name = NULL;
  char text[16];
  va_list args;

  va_start (args, name_format);
  name = g_strdup_vprintf (name_format, args);
  va_end (args);
  g_snprintf (text, sizeof text, "%u", value);
  set (out, name, text);
}

/* A `device.*` setting only takes with its `.set` companion. */
static void
set_device (Out        *out,
            const char *name,
            const char *value)
{
  g_autofree char *flag = g_strconcat (name, ".set", NULL);

  set (out, flag, "1");
  set (out, name, value);
}

/* An attribute name libxml2 would write as it is, so a custom parameter
 * can only ever be one attribute: ASCII letters, digits, '.', '-', '_',
 * starting with a letter or '_' (a subset of XML's Name). */
static gboolean
is_attribute_name (const char *name)
{
  if (name == NULL || !(g_ascii_isalpha (name[0]) || name[0] == '_'))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("._-", *p) == NULL)
      return FALSE;
  return TRUE;
}

static char *
settings_file (const PaEffective *e)
{
  return g_strconcat (e->mac, "-user.cfg", NULL);
}

/* -- the master file ------------------------------------------------------- */

static GBytes *
write_master (const PaEffective *e)
{
  g_autoptr(PaXmlWriter) xml = pa_xml_writer_new ();
  g_autofree char *settings = settings_file (e);

  pa_xml_writer_start (xml, "APPLICATION");
  /* The firmware the phone checks for; without a target, Polycom's own
   * default name, which we answer with a 404 so the phone keeps what it
   * runs. A URL is allowed here (§2.2 Firmware). */
  pa_xml_writer_attr (xml, "APP_FILE_PATH", e->firmware_url != NULL ? e->firmware_url : "sip.ld");
  pa_xml_writer_attr (xml, "CONFIG_FILES", settings);
  pa_xml_writer_end (xml);
  return pa_xml_writer_finish (xml);
}

/* -- the settings file ----------------------------------------------------- */

static const char *
transport_name (PaSipTransport transport)
{
  switch (transport)
    {
    case PA_SIP_TRANSPORT_TCP:
      return "TCPOnly";
    case PA_SIP_TRANSPORT_TLS:
      return "TLS";
    case PA_SIP_TRANSPORT_UDP:
    default:
      return "UDPOnly";
    }
}

static void
write_provisioning (const PaEffective *e,
                    Out               *out)
{
  guint seconds = e->poll_minutes * 60;

  pa_xml_writer_start (out->xml, "provisioning");
  set (out, "device.set", "1");
  if (e->provisioning_url != NULL)
    {
      gboolean https = g_str_has_prefix (e->provisioning_url, "https://");
      const char *rest = strstr (e->provisioning_url, "://");

      /* The scheme goes in serverType, the rest in serverName. */
      set_device (out, "device.prov.serverType", https ? "HTTPS" : "HTTP");
      set_device (out, "device.prov.serverName",
                  rest != NULL ? rest + 3 : e->provisioning_url);
      set_device (out, "device.prov.user",
                  e->provisioning_user != NULL ? e->provisioning_user : "");
      set_device (out, "device.prov.password",
                  e->provisioning_password != NULL ? e->provisioning_password : "");
      /* Our setup link, not DHCP option 66, decides where the phone comes
       * back to. */
      set_device (out, "device.dhcp.bootSrvUseOpt", "Static");
    }
  /* Nor Poly's zero-touch redirection service. */
  set_device (out, "device.prov.ztpEnabled", "0");
  if (e->admin_password != NULL)
    set_device (out, "device.auth.localAdminPassword", e->admin_password);

  set (out, "prov.polling.enabled", seconds > 0 ? "1" : "0");
  set (out, "prov.polling.mode", "rel");
  setu (out, MAX (seconds, MIN_POLL_SECONDS), "prov.polling.period");
  /* Changes made on the phone stay on the phone: no PUT of overrides. */
  set (out, "prov.autoConfigUpload.enabled", "0");
  pa_xml_writer_end (out->xml);
}

/* -- time ------------------------------------------------------------------ */

/* One change as Polycom spells it: the month, the first day of the week
 * the change falls in (1, 8, 15, 22, 29), the weekday (1 = Sunday …
 * 7 = Saturday), "the last in the month", and the wall-clock hour just
 * before. */
static void
write_dst_change (Out                 *out,
                  const char          *which,
                  const PaClockChange *change)
{
  setu (out, change->month, "tcpIpApp.sntp.daylightSavings.%s.month", which);
  setu (out, (change->day - 1) / 7 * 7 + 1, "tcpIpApp.sntp.daylightSavings.%s.date", which);
  setu (out, change->weekday % 7 + 1, "tcpIpApp.sntp.daylightSavings.%s.dayOfWeek", which);
  setf (out, change->week == 5 ? "1" : "0",
        "tcpIpApp.sntp.daylightSavings.%s.dayOfWeek.lastInMonth", which);
  setu (out, change->hour, "tcpIpApp.sntp.daylightSavings.%s.time", which);
}

static void
write_time (const PaEffective *e,
            Out               *out)
{
  if (e->zone == NULL && e->ntp_server == NULL)
    return;

  pa_xml_writer_start (out->xml, "time");
  if (e->ntp_server != NULL)
    {
      set (out, "tcpIpApp.sntp.address", e->ntp_server);
      set (out, "tcpIpApp.sntp.address.overrideDHCP", "1");
    }
  if (e->zone != NULL)
    {
      char seconds[16];

      g_snprintf (seconds, sizeof seconds, "%d", e->zone->standard_offset);
      set (out, "tcpIpApp.sntp.gmtOffset", seconds);
      set (out, "tcpIpApp.sntp.gmtOffset.overrideDHCP", "1");
      /* The phone's own summer time rules are the US ones: always say. */
      if (e->zone->has_summer_time)
        {
          set (out, "tcpIpApp.sntp.daylightSavings.enable", "1");
          set (out, "tcpIpApp.sntp.daylightSavings.fixedDayEnable", "0");
          write_dst_change (out, "start", &e->zone->summer_start);
          write_dst_change (out, "stop", &e->zone->summer_end);
        }
      else
        set (out, "tcpIpApp.sntp.daylightSavings.enable", "0");
    }
  pa_xml_writer_end (out->xml);
}

/* -- SIP ------------------------------------------------------------------- */

/* Polycom names for the codecs resolve may list. One not here (opus: its
 * parameter name is unconfirmed) is left at the phone's default. */
static const struct { const char *codec; const char *name; } codec_names[] = {
  { "PCMU", "voice.codecPref.G711_Mu" },
  { "PCMA", "voice.codecPref.G711_A" },
  { "G722", "voice.codecPref.G722" },
};

/* DTMF, codecs and SIP port are one setting for the whole phone on
 * Polycom, not one per account: they follow line 1. */
static void
write_sip (const PaEffective *e,
           Out               *out)
{
  const PaEffectiveLine *first = e->lines->len > 0 ? g_ptr_array_index (e->lines, 0) : NULL;

  pa_xml_writer_start (out->xml, "sip");
  setu (out, e->local_sip_port, "voIpProt.local.port");
  /* Take check-sync NOTIFYs only from the SIP server (sip.trust_ctrl on
   * Yealink, §7.3); "source" as the method is unconfirmed. */
  set (out, "voIpProt.SIP.requestValidation.1.request", "NOTIFY");
  set (out, "voIpProt.SIP.requestValidation.1.method", "source");
  /* check-sync resyncs; a reboot is asked for separately (§2.8). */
  set (out, "voIpProt.SIP.specialEvent.checkSync.alwaysReboot", "0");
  set (out, "nat.keepalive.interval", KEEPALIVE_SECONDS);

  if (first != NULL)
    {
      set (out, "tone.dtmf.viaRtp", first->dtmf == PA_DTMF_SIP_INFO ? "0" : "1");
      set (out, "tone.dtmf.rfc2833Control", first->dtmf == PA_DTMF_RFC2833 ? "1" : "0");
      set (out, "voIpProt.SIP.dtmfViaSignaling.rfc2976", first->dtmf == PA_DTMF_SIP_INFO ? "1" : "0");

      for (guint i = 0; first->codecs != NULL && first->codecs[i] != NULL; i++)
        for (guint c = 0; c < G_N_ELEMENTS (codec_names); c++)
          if (g_ascii_strcasecmp (first->codecs[i], codec_names[c].codec) == 0)
            setu (out, i + 1, "%s", codec_names[c].name);
    }
  pa_xml_writer_end (out->xml);
}

static void
write_blank_account (Out  *out,
                     guint n)
{
  static const char * const fields[] = {
    "address", "auth.userId", "auth.password", "displayName", "label",
    "server.1.address", "outboundProxy.address",
  };

  pa_xml_writer_start (out->xml, "reg");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    setf (out, "", "reg.%u.%s", n, fields[i]);
  setf (out, "", "msg.mwi.%u.subscribe", n);
  pa_xml_writer_end (out->xml);
}

static void
write_account (const PaEffectiveLine *line,
               Out                   *out)
{
  guint n = line->number;
  /* With TLS signalling, media is never sent in clear (resolve decides). */
  const char *srtp = line->srtp ? "1" : "0";

  pa_xml_writer_start (out->xml, "reg");
  setf (out, line->username, "reg.%u.address", n);
  setf (out, line->auth_name, "reg.%u.auth.userId", n);
  setf (out, line->password, "reg.%u.auth.password", n);
  setf (out, line->display_name, "reg.%u.displayName", n);
  setf (out, line->label, "reg.%u.label", n);
  setf (out, line->registrar, "reg.%u.server.1.address", n);
  setu (out, line->port, "reg.%u.server.1.port", n);
  setf (out, transport_name (line->transport), "reg.%u.server.1.transport", n);
  setu (out, line->expiry, "reg.%u.server.1.expires", n);
  setf (out, line->outbound_proxy, "reg.%u.outboundProxy.address", n);
  setf (out, srtp, "reg.%u.srtp.enable", n);
  setf (out, srtp, "reg.%u.srtp.offer", n);
  setf (out, srtp, "reg.%u.srtp.require", n);
  setf (out, line->mwi ? line->username : "", "msg.mwi.%u.subscribe", n);
  setf (out, line->voicemail != NULL ? "contact" : "disabled", "msg.mwi.%u.callBackMode", n);
  setf (out, line->voicemail, "msg.mwi.%u.callBack", n);
  pa_xml_writer_end (out->xml);
}

/* -- keys ------------------------------------------------------------------ */

/* One line key, numbered across the phone and its sidecars (§7.2).
 * A line key is its category with the account as index; every other type
 * the catalog has a code for is an attendant.resourceList entry of that
 * type (normal: BLF and speed dial, automata: park) shown on the key;
 * the rest is Unassigned. */
static void
write_key (const PaEffective    *e,
           const PaEffectiveKey *key,
           guint                 n,
           guint                *attendant,
           Out                  *out)
{
  const char *empty = pa_vendor_get_key_code (e->vendor, PA_KEY_TYPE_EMPTY);
  const char *code = NULL;

  if (key->type != PA_KEY_EMPTY)
    code = pa_vendor_get_key_code (e->vendor, pa_key_type_to_nick (key->type));

  pa_xml_writer_start (out->xml, "key");
  if (code == NULL)
    {
      setf (out, empty != NULL ? empty : "Unassigned", "lineKey.%u.category", n);
      setf (out, "0", "lineKey.%u.index", n);
    }
  else if (key->type == PA_KEY_LINE)
    {
      setf (out, code, "lineKey.%u.category", n);
      setu (out, key->line, "lineKey.%u.index", n);
    }
  else
    {
      guint m = ++*attendant;

      setf (out, ATTENDANT_CATEGORY, "lineKey.%u.category", n);
      setu (out, m, "lineKey.%u.index", n);
      setf (out, key->value, "attendant.resourceList.%u.address", m);
      setf (out, key->label != NULL ? key->label : key->value, "attendant.resourceList.%u.label", m);
      setf (out, code, "attendant.resourceList.%u.type", m);
    }
  pa_xml_writer_end (out->xml);
}

static void
write_keys (const PaEffective *e,
            Out               *out)
{
  guint n = 0, attendant = 0;

  /* Without a layout the phone keeps its own assignment (each account on
   * a key of its own); sidecar keys have no place to start from then. */
  if (pa_effective_get_keys (e, 0)->count == 0)
    {
      pa_xml_writer_start (out->xml, "keys");
      set (out, "lineKey.reassignment.enabled", "0");
      pa_xml_writer_end (out->xml);
      return;
    }

  pa_xml_writer_start (out->xml, "keys");
  set (out, "lineKey.reassignment.enabled", "1");
  pa_xml_writer_end (out->xml);

  for (guint slot = 0; slot < e->key_sets->len; slot++)
    {
      const PaEffectiveKeys *keys = pa_effective_get_keys (e, slot);

      for (guint i = 0; i < keys->count; i++)
        write_key (e, &keys->keys[i], ++n, &attendant, out);
    }
}

static GBytes *
write_settings (const PaEffective *e)
{
  g_autoptr(PaXmlWriter) xml = pa_xml_writer_new ();
  g_autoptr(GHashTable) custom = g_hash_table_new (g_str_hash, g_str_equal);
  Out out = { xml, custom };

  for (guint i = 0; i < e->custom->len; i++)
    {
      PaSetting *setting = g_ptr_array_index (e->custom, i);

      if (is_attribute_name (setting->name))
        g_hash_table_add (custom, setting->name);
      else
        g_warning ("Not writing the custom parameter “%s” for Polycom: not a valid attribute name",
                   setting->name);
    }

  pa_xml_writer_start (xml, "polycomConfig");
  write_provisioning (e, &out);
  write_time (e, &out);
  write_sip (e, &out);
  for (guint i = 0; i < e->account_slots; i++)
    {
      if (i < e->lines->len)
        write_account (g_ptr_array_index (e->lines, i), &out);
      else
        write_blank_account (&out, i + 1);
    }
  write_keys (e, &out);

  /* Last, in an element of their own, each as the attribute it names; the
   * generated attribute of the same name was left out above. */
  if (g_hash_table_size (custom) > 0)
    {
      pa_xml_writer_start (xml, "custom");
      for (guint i = 0; i < e->custom->len; i++)
        {
          PaSetting *setting = g_ptr_array_index (e->custom, i);

          if (g_hash_table_contains (custom, setting->name))
            pa_xml_writer_attr (xml, setting->name, setting->value != NULL ? setting->value : "");
        }
      pa_xml_writer_end (xml);
    }

  pa_xml_writer_end (xml);
  return pa_xml_writer_finish (xml);
}

/* -- the writer ------------------------------------------------------------ */

static GStrv
polycom_list_files (const PaEffective *e)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *master = g_strconcat (e->mac, ".cfg", NULL);
  g_autofree char *settings = settings_file (e);

  g_strv_builder_add (builder, master);
  g_strv_builder_add (builder, settings);
  return g_strv_builder_end (builder);
}

static GBytes *
polycom_render (const PaEffective *e,
                const char        *file,
                const char       **content_type,
                GError           **error)
{
  g_autofree char *master = g_strconcat (e->mac, ".cfg", NULL);
  g_autofree char *settings = settings_file (e);
  GBytes *bytes;

  if (g_str_equal (file, master))
    bytes = write_master (e);
  else if (g_str_equal (file, settings))
    bytes = write_settings (e);
  else
    {
      g_set_error (error, PA_RENDER_ERROR, PA_RENDER_ERROR_NO_SUCH_FILE,
                   _("A Polycom %s does not use a file named “%s”"),
                   pa_device_model_get_name (e->model), file);
      return NULL;
    }

  *content_type = CONTENT_TYPE;
  return bytes;
}

const PaWriter pa_polycom_writer = {
  .id = "polycom",
  .list_files = polycom_list_files,
  .render = polycom_render,
  .custom_name_ok = is_attribute_name,
};
