/* pa-render-grandstream.c — Grandstream GXP21xx / GRP26xx XML configuration files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which files (provisioning facts §7.1, §2.3 a). A Grandstream phone asks
 * for cfg<mac>.bin (older firmware: cfg<mac>), then cfg<mac>.xml, then
 * cfg<model>.xml, then cfg.xml, all lower case, and by default stops at the
 * first file it gets. The .bin is Grandstream's encrypted binary format: we
 * do not list it, so it is a 404 and the phone falls back to cfg<mac>.xml,
 * the per-phone file, which carries everything (secrets included). We also
 * serve cfg<model>.xml (the catalog's common file): a secret-free subset of
 * the per-phone file (provisioning server and polling, time zone, NTP), so
 * a phone set to "download and process all available config files" reads
 * the same values whichever order it applies them in. cfg.xml is not
 * served: it is the name every Grandstream product (ATAs, video phones,
 * door stations) shares, and the model file already says all it could.
 *
 * Which syntax (§2.3 b). `<config version="2">` with
 * `<item name="account.1.sip.userid">` rather than version 1's P-values:
 * the names say what they set, so a golden file can be read and checked;
 * the keys exist only there as `pks.vpk.N.*` (and sidecars as `pks.ext.N.*`,
 * §7.2), which is what the catalog's key codes are; and P-values for account
 * 2 and up are only known by a pattern (§2.3: "P<n+2>01…", e.g. P401/P402
 * for account 2, after wazo's position = line_no + 2) that is UNCONFIRMED.
 * Item names are wazo's base_v2.tpl and FusionPBX's grp26xx template.
 *
 * Every account slot the model has is written, the unused ones disabled
 * with their values emptied (Grandstream has no %NULL%: an empty value is
 * how a setting is cleared), and so is every key of the phone and of every
 * sidecar slot it can take (§7.3), so a phone handed to someone else keeps
 * no old credentials or labels. Output depends only on the settings.
 */
#define G_LOG_DOMAIN "pa-render"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pa-writer.h"

#define CONTENT_TYPE "application/xml; charset=utf-8"

/* provisioning.auto.minute takes 60 – 5256000 (FusionPBX's grp26xx
 * template), a shorter poll is not possible. */
#define MIN_POLL_MINUTES 60

/* The self-defined time zone holds at most 64 characters (FusionPBX). */

static const char *
yes_no (gboolean value)
{
  return value ? "Yes" : "No";
}

/* wazo's SIP_TRANSPORTS; FusionPBX writes the same three as "Tls Or Tcp". */
static const char *
transport_name (PaSipTransport transport)
{
  switch (transport)
    {
    case PA_SIP_TRANSPORT_TCP:
      return "TCP";
    case PA_SIP_TRANSPORT_TLS:
      return "TlsOrTcp";
    case PA_SIP_TRANSPORT_UDP:
    default:
      return "UDP";
    }
}

/* Grandstream's vocoder names (FusionPBX: PCMU, PCMA, G.722, OPUS …). */
static const char *
codec_name (const char *codec)
{
  if (g_ascii_strcasecmp (codec, "G722") == 0)
    return "G.722";
  if (g_ascii_strcasecmp (codec, "opus") == 0)
    return "OPUS";
  if (g_ascii_strcasecmp (codec, "G729") == 0)
    return "G.729A/B";
  return codec;
}

static void
item (PaXmlWriter *xml,
      const char  *name,
      const char  *value)
{
  pa_xml_writer_start (xml, "item");
  pa_xml_writer_attr (xml, "name", name);
  pa_xml_writer_text (xml, value != NULL ? value : "");
  pa_xml_writer_end (xml);
}

static void
itemf (PaXmlWriter *xml,
       const char  *value,
       const char  *name_format,
       ...) G_GNUC_PRINTF (3, 4);

static void
itemf (PaXmlWriter *xml,
       const char  *value,
       const char  *name_format,
       ...)
{
  g_autofree char *name = NULL;
  va_list args;

  va_start (args, name_format);
  name = g_strdup_vprintf (name_format, args);
  va_end (args);
  item (xml, name, value);
}

/* -- time zone ------------------------------------------------------------- */

/* -- shared settings ------------------------------------------------------- */

/* "https://prov.example.com:8670/p/T/" → HTTPS and
 * "prov.example.com:8670/p/T": the phone adds "/cfg<mac>.xml" itself. */
static void
write_provisioning (const PaEffective *e,
                    PaXmlWriter       *xml)
{
  guint poll = MAX (e->poll_minutes, MIN_POLL_MINUTES);
  char minutes[16];

  if (e->provisioning_url != NULL)
    {
      g_autofree char *scheme = g_uri_parse_scheme (e->provisioning_url);
      const char *path = strstr (e->provisioning_url, "://");
      g_autofree char *server_path = g_strdup (path != NULL ? path + 3 : e->provisioning_url);
      gsize len = strlen (server_path);

      while (len > 0 && server_path[len - 1] == '/')
        server_path[--len] = '\0';
      item (xml, "provisioning.config.protocol",
            scheme != NULL && g_ascii_strcasecmp (scheme, "http") == 0 ? "HTTP" : "HTTPS");
      item (xml, "provisioning.config.serverPath", server_path);
    }
  /* The token in the path is the credential, with the phone's own HTTP
   * user and password when its setup link asks for them (P1360/P1361);
   * blank otherwise, so a stale pair from an earlier server is not sent. */
  item (xml, "provisioning.config.username", e->provisioning_user != NULL ? e->provisioning_user : "");
  item (xml, "provisioning.config.password",
        e->provisioning_password != NULL ? e->provisioning_password : "");
  /* "Check at a period time": every poll minutes. */
  item (xml, "provisioning.auto.mode", "YesUpgradeMin");
  g_snprintf (minutes, sizeof minutes, "%u", poll);
  item (xml, "provisioning.auto.minute", minutes);
  /* The 3CX SIP multicast plug-and-play would let another server take the
   * phone over; our setup link decides (like Yealink's pnp_enable = 0). */
  item (xml, "provisioning.3cxAutoProvision", "No");
  if (e->firmware_url != NULL)
    {
      g_autofree char *scheme = g_uri_parse_scheme (e->firmware_url);
      const char *path = strstr (e->firmware_url, "://");

      item (xml, "provisioning.firmware.protocol",
            scheme != NULL && g_ascii_strcasecmp (scheme, "http") == 0 ? "HTTP" : "HTTPS");
      item (xml, "provisioning.firmware.serverPath", path != NULL ? path + 3 : e->firmware_url);
    }
}

static void
write_time (const PaEffective *e,
            PaXmlWriter       *xml)
{
  if (e->zone != NULL)
    {
      /* The POSIX rule ("CET-1CEST,M3.5.0,M10.5.0/3"), summer time
       * included, is the form Grandstream's self-defined zone takes. */
      g_autofree char *rule = pa_time_zone_rule_to_posix (e->zone);

      /* P64 = "customize" selects the self-defined zone P246 in
       * public P-value scripts, and FusionPBX names P246
       * dateTime.timezone.custom (at most 64 characters); that the
       * version-2 item takes the same "customize" is UNCONFIRMED.
       * wazo instead writes one of the phone's own list entries
       * ("CET-1CEST-2,M3.5.0/02:00:00,M10.5.0/03:00:00"), which we
       * know for Europe/Paris only. */
      item (xml, "dateTime.timezone", "customize");
      item (xml, "dateTime.timezone.custom", rule);
      /* Ours, not the DHCP server's. */
      item (xml, "dateTime.override.dhcp.allowOption2", "No");
    }
  if (e->ntp_server != NULL)
    {
      item (xml, "dateTime.ntp.server.1", e->ntp_server);
      item (xml, "dateTime.override.dhcp.allowOption42", "No");
    }
}

/* -- accounts -------------------------------------------------------------- */

static char *
server_with_port (const char *host,
                  guint       port)
{
  gboolean ipv6 = strchr (host, ':') != NULL && host[0] != '[';

  if (port == 0)
    return ipv6 ? g_strdup_printf ("[%s]", host) : g_strdup (host);
  return g_strdup_printf (ipv6 ? "[%s]:%u" : "%s:%u", host, port);
}

/* The values a former user could leave behind. */
static const char * const account_values[] = {
  "name", "sip.server.1.address", "sip.outboundProxy.1.address", "sip.userid",
  "sip.subscriber.userid", "sip.subscriber.password", "sip.subscriber.name",
  "sip.voicemail.number",
};

static void
write_blank_account (PaXmlWriter *xml,
                     guint        n)
{
  itemf (xml, "No", "account.%u.enable", n);
  for (guint i = 0; i < G_N_ELEMENTS (account_values); i++)
    itemf (xml, "", "account.%u.%s", n, account_values[i]);
}

static void
write_account (const PaEffective     *e,
               const PaEffectiveLine *line,
               PaXmlWriter           *xml)
{
  guint n = line->number;
  g_autofree char *server = server_with_port (line->registrar, line->port);
  char expiry[16];
  char local_port[16];

  itemf (xml, "Yes", "account.%u.enable", n);
  /* The account name is what the phone shows for the line. */
  itemf (xml, line->label, "account.%u.name", n);
  itemf (xml, server, "account.%u.sip.server.1.address", n);
  itemf (xml, line->outbound_proxy != NULL ? line->outbound_proxy : "",
         "account.%u.sip.outboundProxy.1.address", n);
  itemf (xml, line->username, "account.%u.sip.userid", n);
  itemf (xml, line->auth_name, "account.%u.sip.subscriber.userid", n);
  itemf (xml, line->password, "account.%u.sip.subscriber.password", n);
  itemf (xml, line->display_name, "account.%u.sip.subscriber.name", n);
  itemf (xml, line->voicemail != NULL ? line->voicemail : "", "account.%u.sip.voicemail.number", n);
  itemf (xml, transport_name (line->transport), "account.%u.sip.transport", n);
  itemf (xml, "Yes", "account.%u.sip.registration", n);
  /* In minutes on Grandstream (FusionPBX divides by 60). */
  g_snprintf (expiry, sizeof expiry, "%u", MAX (line->expiry / 60, 1));
  itemf (xml, expiry, "account.%u.sip.registerExpiration", n);
  /* Each account listens on its own port: Grandstream's defaults are
   * 5060, 5062, 5064 … (UNCONFIRMED beyond account 1), kept from ours. */
  g_snprintf (local_port, sizeof local_port, "%u", e->local_sip_port + 2 * (n - 1));
  itemf (xml, local_port, "account.%u.sip.localPort", n);
  itemf (xml, "KeepAlive", "account.%u.network.natTraversal", n);

  /* wazo's DTMF_MODES: (in audio, in RTP, in SIP). */
  itemf (xml, yes_no (line->dtmf == PA_DTMF_INBAND), "account.%u.dtmf.sendInAudio", n);
  itemf (xml, yes_no (line->dtmf == PA_DTMF_RFC2833), "account.%u.dtmf.sendInRtp", n);
  itemf (xml, yes_no (line->dtmf == PA_DTMF_SIP_INFO), "account.%u.dtmf.sendInSip", n);
  /* Forced: with TLS signalling, media is never sent in clear. */
  itemf (xml, line->srtp ? "EnabledAndForced" : "Disabled", "account.%u.audio.srtpMode", n);
  for (guint i = 0; line->codecs != NULL && line->codecs[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("account.%u.codec.choice.%u", n, i + 1);

      item (xml, name, codec_name (line->codecs[i]));
    }
  itemf (xml, yes_no (line->mwi), "account.%u.sip.subscribe.forMwi", n);

  /* check-sync NOTIFY (§2.8) needs "Allow SIP Reset"; "accept incoming
   * SIP from proxy only" keeps anyone else from sending it (Yealink's
   * sip.trust_ctrl). */
  itemf (xml, "Yes", "account.%u.sip.allowSipReset", n);
  itemf (xml, "Yes", "account.%u.sip.validate.incomingServer", n);
}

/* -- keys ------------------------------------------------------------------ */

/* pks.<section>.<n>.*: keyMode is the catalog's key code, account the
 * 0-based account (§7.2), value and description the key's. */
static void
write_key (const PaEffective    *e,
           const PaEffectiveKey *key,
           const char           *section,
           guint                 n,
           PaXmlWriter          *xml)
{
  const char *empty_code = pa_vendor_get_key_code (e->vendor, PA_KEY_TYPE_EMPTY);
  const char *code = NULL;
  char account[16];

  if (key->type != PA_KEY_EMPTY)
    code = pa_vendor_get_key_code (e->vendor, pa_key_type_to_nick (key->type));
  if (code == NULL)
    {
      /* Empty, or a type Grandstream has no code for (park retrieve,
       * custom): blanked rather than half-written. */
      itemf (xml, empty_code != NULL ? empty_code : "None", "pks.%s.%u.keyMode", section, n);
      itemf (xml, "0", "pks.%s.%u.account", section, n);
      itemf (xml, "", "pks.%s.%u.description", section, n);
      itemf (xml, "", "pks.%s.%u.value", section, n);
      return;
    }

  g_snprintf (account, sizeof account, "%u", key->line > 0 ? key->line - 1 : 0);
  itemf (xml, code, "pks.%s.%u.keyMode", section, n);
  itemf (xml, account, "pks.%s.%u.account", section, n);
  itemf (xml, key->label != NULL ? key->label : "", "pks.%s.%u.description", section, n);
  itemf (xml, key->value != NULL ? key->value : "", "pks.%s.%u.value", section, n);
}

static void
write_keys (const PaEffective *e,
            PaXmlWriter       *xml)
{
  const PaEffectiveKeys *own = pa_effective_get_keys (e, 0);
  guint stride = 0;

  /* The virtual keys on the screen (VPKs). The physical MPKs of the
   * GXP2160 and GRP2614/2616 are not in the layout and stay as they are. */
  for (guint n = 1; own != NULL && n <= own->count; n++)
    write_key (e, &own->keys[n - 1], "vpk", n, xml);

  /* Sidecars: pks.ext.N numbered on across the daisy chain, each module
   * position taking as many numbers as the largest module the model takes
   * (UNCONFIRMED: FusionPBX and the legacy P6000+n block show one module). */
  for (guint slot = 1; slot < e->key_sets->len; slot++)
    stride = MAX (stride, pa_effective_get_keys (e, slot)->count);
  for (guint slot = 1; slot < e->key_sets->len; slot++)
    {
      const PaEffectiveKeys *set = pa_effective_get_keys (e, slot);

      for (guint k = 1; k <= set->count; k++)
        write_key (e, &set->keys[k - 1], "ext", (slot - 1) * stride + k, xml);
    }
}

/* -- files ----------------------------------------------------------------- */

static void
start_file (PaXmlWriter *xml,
            const char  *mac)
{
  pa_xml_writer_start (xml, "gs_provision");
  pa_xml_writer_attr (xml, "version", "1");
  /* The phone refuses a file whose <mac> is not its own; the model file
   * is for any phone of the model and carries none. */
  if (mac != NULL)
    pa_xml_writer_element (xml, "mac", mac);
  pa_xml_writer_start (xml, "config");
  pa_xml_writer_attr (xml, "version", "2");
}

static void
write_custom (const PaEffective *e,
              PaXmlWriter       *xml)
{
  /* An admin's "name = value" becomes <item name="name">value</item>. The
   * name must look like a setting name (letters, digits, '.', '_', '-',
   * '[', ']'), the same rule the key = value writers apply; anything else
   * is skipped with a warning. Escaping keeps any value inside its item. */
  for (guint i = 0; i < e->custom->len; i++)
    {
      PaSetting *setting = g_ptr_array_index (e->custom, i);

      if (!pa_kv_key_is_valid (setting->name))
        {
          g_warning ("Not writing a setting named “%s”: not a valid name", setting->name);
          continue;
        }
      item (xml, setting->name, setting->value);
    }
}

static void
write_model_file (const PaEffective *e,
                  PaXmlWriter       *xml)
{
  start_file (xml, NULL);
  write_provisioning (e, xml);
  write_time (e, xml);
}

static void
write_device_file (const PaEffective *e,
                   PaXmlWriter       *xml)
{
  start_file (xml, e->mac);

  for (guint i = 0; i < e->account_slots; i++)
    {
      if (i < e->lines->len)
        write_account (e, g_ptr_array_index (e->lines, i), xml);
      else
        write_blank_account (xml, i + 1);
    }

  write_provisioning (e, xml);
  write_time (e, xml);
  if (e->admin_password != NULL)
    item (xml, "users.admin.password", e->admin_password);

  write_keys (e, xml);

  /* Last, so that an admin's parameter wins over anything generated. */
  write_custom (e, xml);
}

static char *
device_file (const PaEffective *e)
{
  return g_strconcat ("cfg", e->mac, ".xml", NULL);
}

static const char *
model_file (const PaEffective *e)
{
  const char *common = pa_device_model_get_common_file (e->model);

  return common != NULL && common[0] != '\0' ? common : NULL;
}

static GStrv
grandstream_list_files (const PaEffective *e)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *device = device_file (e);
  const char *common = model_file (e);

  /* In the phone's order; cfg<mac>.bin / cfg<mac> and cfg.xml left out. */
  g_strv_builder_add (builder, device);
  if (common != NULL)
    g_strv_builder_add (builder, common);
  return g_strv_builder_end (builder);
}

static GBytes *
grandstream_render (const PaEffective *e,
                    const char        *file,
                    const char       **content_type,
                    GError           **error)
{
  g_autoptr(PaXmlWriter) xml = pa_xml_writer_new ();
  g_autofree char *device = device_file (e);
  const char *common = model_file (e);

  if (g_str_equal (file, device))
    write_device_file (e, xml);
  else if (common != NULL && g_str_equal (file, common))
    write_model_file (e, xml);
  else
    {
      g_set_error (error, PA_RENDER_ERROR, PA_RENDER_ERROR_NO_SUCH_FILE,
                   _("A Grandstream %s does not use a file named “%s”"),
                   pa_device_model_get_name (e->model), file);
      return NULL;
    }

  *content_type = CONTENT_TYPE;
  return pa_xml_writer_finish (xml);
}

const PaWriter pa_grandstream_writer = {
  .id = "grandstream",
  .list_files = grandstream_list_files,
  .render = grandstream_render,
  .custom_name_ok = pa_kv_key_is_valid,
};
