/* pa-render-snom.c — Snom XML settings files (D7xx)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Snom phone whose setting_server is our setup link asks for
 * snom<model>.htm (snomD785.htm, the model as Snom writes it), loads every
 * file that file's <setting-files> lists, asks for snom<model>-<MAC>.htm,
 * and wazo's layout then has it load <MAC>.xml (provisioning facts §7.1,
 * §2.5; upper-case MAC). We serve two files:
 *
 *  - snom<model>.htm: no secrets, only a <setting-files> list naming the
 *    phone's own <MAC>.xml on its own setup link (the link carries the
 *    phone's token, so the list is per phone even though the name is not);
 *  - <MAC>.xml: <settings><phone-settings> and <functionKeys>, with the SIP
 *    passwords.
 *
 * snom<model>-<MAC>.htm is deliberately not served: the model file already
 * leads to <MAC>.xml, and listing it from both would make the phone load
 * the same settings twice. A 404 there is what a Snom phone meets on any
 * server that has no such file, and it goes on. [UNCONFIRMED: no source
 * shows a D7xx with that 404; wazo always serves the file.]
 *
 * Every account slot the model has, every key of the phone and of every
 * sidecar slot it can take is written, the unused ones blanked (empty value,
 * user_active off, fkey "none"), so a phone handed to someone else keeps no
 * old credentials or labels (§7.3). No time stamps: identical settings give
 * identical bytes.
 */
#define G_LOG_DOMAIN "pa-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "pa-mac.h"
#include "pa-writer.h"

#define HTM_CONTENT_TYPE "text/html; charset=utf-8"
#define XML_CONTENT_TYPE "application/xml; charset=utf-8"
/* The user may not change what we provision (§2.5: perm="R|RW|…"). */
#define PERM             "R"

/* <MAC>.xml from the catalog's device_file ("{MAC}.xml"). */
static char *
device_file (const PaEffective *e)
{
  g_autofree char *normalized = pa_mac_normalize (e->mac, NULL);

  if (normalized == NULL)
    return NULL;
  return pa_device_model_format_device_file (e->model, normalized);
}

/* <name perm="R">value</name>, or with idx="n" when @idx is not 0. */
static void
setting (PaXmlWriter *xml,
         const char  *name,
         guint        idx,
         const char  *value)
{
  pa_xml_writer_start (xml, name);
  if (idx != 0)
    {
      char number[16];

      g_snprintf (number, sizeof number, "%u", idx);
      pa_xml_writer_attr (xml, "idx", number);
    }
  pa_xml_writer_attr (xml, "perm", PERM);
  pa_xml_writer_text (xml, value != NULL ? value : "");
  pa_xml_writer_end (xml);
}

static void
setting_uint (PaXmlWriter *xml,
              const char  *name,
              guint        idx,
              guint        value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", value);
  setting (xml, name, idx, text);
}

static const char *
transport_name (PaSipTransport transport)
{
  switch (transport)
    {
    case PA_SIP_TRANSPORT_TCP:
      return "tcp";
    case PA_SIP_TRANSPORT_TLS:
      return "tls";
    case PA_SIP_TRANSPORT_UDP:
    default:
      return "udp";
    }
}

/* user_dtmf_info: "off" sends DTMF in the RTP stream (RFC 2833, the
 * telephone-event in the codec list), "sip_info_only" as SIP INFO (wazo's
 * mapping). In-band audio DTMF has no value of its own here: it is "off"
 * too, as in wazo. */
static const char *
dtmf_name (PaDtmfMode mode)
{
  return mode == PA_DTMF_SIP_INFO ? "sip_info_only" : "off";
}

/* -- snom<model>.htm ------------------------------------------------------- */

/* The setup link with the phone's HTTP credentials in it, when it asks for
 * them: [UNCONFIRMED] snom takes user:password@ in setting_server (the
 * provisioning facts, §7); escaped, though provd's are letters and digits. */
static char *
setup_link (const PaEffective *e,
            const char        *file)
{
  const char *url = e->provisioning_url != NULL ? e->provisioning_url : "";
  const char *rest = strstr (url, "://");
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;

  if (e->provisioning_user == NULL || rest == NULL)
    return g_strconcat (url, file, NULL);
  user = g_uri_escape_string (e->provisioning_user, NULL, FALSE);
  password = g_uri_escape_string (e->provisioning_password, NULL, FALSE);
  return g_strdup_printf ("%.*s%s:%s@%s%s", (int) (rest + 3 - url), url, user, password, rest + 3,
                          file);
}

static GBytes *
render_model_file (const PaEffective *e)
{
  g_autoptr(PaXmlWriter) xml = pa_xml_writer_new ();
  g_autofree char *device = device_file (e);
  g_autofree char *url = setup_link (e, device);

  pa_xml_writer_start (xml, "setting-files");
  pa_xml_writer_start (xml, "file");
  pa_xml_writer_attr (xml, "url", url);
  pa_xml_writer_end (xml);
  pa_xml_writer_end (xml);
  return pa_xml_writer_finish (xml);
}

/* -- <MAC>.xml: identities ------------------------------------------------- */

static void
write_blank_identity (PaXmlWriter *xml,
                      guint        n)
{
  static const char * const fields[] = {
    "user_idle_text", "user_realname", "user_name", "user_pname", "user_pass",
    "user_host", "user_outbound", "user_mailbox",
  };

  setting (xml, "user_active", n, "off");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    setting (xml, fields[i], n, "");
}

static void
write_identity (const PaEffectiveLine *line,
                PaXmlWriter           *xml)
{
  guint n = line->number;
  g_autofree char *host = NULL;
  g_autofree char *outbound = NULL;
  g_autoptr(GString) codecs = g_string_new (NULL);

  /* The registrar with its port and, unless UDP, its transport: Snom takes
   * "host:port;transport=tls" in user_host (wazo puts the same form in
   * user_outbound, §2.5). */
  if (line->transport == PA_SIP_TRANSPORT_UDP)
    host = g_strdup_printf ("%s:%u", line->registrar, line->port);
  else
    host = g_strdup_printf ("%s:%u;transport=%s", line->registrar, line->port,
                            transport_name (line->transport));
  if (line->outbound_proxy != NULL)
    outbound = line->transport == PA_SIP_TRANSPORT_UDP
               ? g_strdup (line->outbound_proxy)
               : g_strdup_printf ("%s;transport=%s", line->outbound_proxy,
                                  transport_name (line->transport));

  for (guint i = 0; line->codecs != NULL && line->codecs[i] != NULL; i++)
    {
      g_autofree char *codec = g_ascii_strdown (line->codecs[i], -1);

      g_string_append_printf (codecs, "%s,", codec);
    }
  /* RFC 2833 DTMF is negotiated as this pseudo-codec (wazo lists it last). */
  g_string_append (codecs, "telephone-event");

  setting (xml, "user_active", n, "on");
  setting (xml, "user_idle_text", n, line->label);
  setting (xml, "user_realname", n, line->display_name);
  setting (xml, "user_name", n, line->username);
  setting (xml, "user_pname", n, line->auth_name);
  setting (xml, "user_pass", n, line->password);
  setting (xml, "user_host", n, host);
  /* Empty clears a proxy an earlier file set. */
  setting (xml, "user_outbound", n, outbound);
  /* [UNCONFIRMED] user_expiry is not in the sources read (§2.5); it is
   * Snom's name for the registration expiry in seconds. */
  setting_uint (xml, "user_expiry", n, line->expiry);
  setting (xml, "user_dtmf_info", n, dtmf_name (line->dtmf));
  /* With TLS signalling, media is never sent in clear: SRTP on and the
   * RTP/SAVP profile mandatory (wazo). */
  setting (xml, "user_srtp", n, line->srtp ? "on" : "off");
  setting (xml, "user_savp", n, line->srtp ? "mandatory" : "off");
  setting (xml, "codec_priority_list", n, codecs->str);
  /* The voicemail number the message key dials. Snom has no separate
   * "subscribe to MWI" switch in the sources read: an empty mailbox is
   * the closest to "off". [UNCONFIRMED] */
  setting (xml, "user_mailbox", n, line->mwi && line->voicemail != NULL ? line->voicemail : "");
}

/* -- <MAC>.xml: phone-wide settings ----------------------------------------- */

/* "MM.WW.DD hh:mm:ss": month, week of the month (5 = the last), weekday
 * (Monday 1 … Sunday 7), local wall time just before the change. */
static char *
format_change (const PaClockChange *change)
{
  return g_strdup_printf ("%02u.%02u.%02u %02u:%02u:%02u", change->month, change->week,
                          change->weekday, change->hour, change->minute, change->second);
}

/* Snom's summer-time rule, "<saving seconds> <start> <end>" as wazo's Snom
 * plugin writes it; empty for a zone without summer time. */
static char *
dst_rule (const PaTimeZoneRule *zone)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (!zone->has_summer_time)
    return g_strdup ("");
  from = format_change (&zone->summer_start);
  to = format_change (&zone->summer_end);
  return g_strdup_printf ("%d %s %s", zone->summer_offset - zone->standard_offset, from, to);
}

static void
write_phone_settings (const PaEffective *e,
                      PaXmlWriter       *xml)
{
  /* The phone's own setup link, so every later poll comes back to it. */
  if (e->provisioning_url != NULL)
    {
      g_autofree char *server = setup_link (e, "");

      setting (xml, "setting_server", 0, server);
    }
  /* Seconds between polls (FusionPBX's template; §2.5). */
  setting_uint (xml, "settings_refresh_timer", 0, e->poll_minutes * 60);
  if (e->firmware_url != NULL)
    {
      /* [UNCONFIRMED] wazo points firmware_status at a file holding
       * <firmware>; the firmware URL as a setting of its own is a guess. */
      setting (xml, "update_policy", 0, "auto_update");
      setting (xml, "firmware", 0, e->firmware_url);
    }

  if (e->zone != NULL)
    {
      g_autofree char *dst = dst_rule (e->zone);
      char text[16];

      /* Snom's own zones are a country code plus an offset ("GER+1",
       * §2.5), which an IANA name does not give; an empty timezone with
       * utc_offset in seconds and a dst rule is the form wazo's Snom
       * plugin writes. */
      g_snprintf (text, sizeof text, "%+d", e->zone->standard_offset);
      setting (xml, "timezone", 0, "");
      setting (xml, "utc_offset", 0, text);
      setting (xml, "dst", 0, dst);
    }
  if (e->ntp_server != NULL)
    setting (xml, "ntp_server", 0, e->ntp_server);

  if (e->admin_password != NULL)
    {
      setting (xml, "http_user", 0, "admin");
      setting (xml, "http_pass", 0, e->admin_password);
      setting (xml, "admin_mode_password", 0, e->admin_password);
      setting (xml, "webserver_admin_password", 0, e->admin_password);
    }
}

/* -- <MAC>.xml: function keys ----------------------------------------------- */

/* The registrar of the account @key uses: a BLF target is a SIP URI. */
static const char *
key_host (const PaEffective    *e,
          const PaEffectiveKey *key)
{
  if (key->line >= 1 && key->line <= e->lines->len)
    {
      const PaEffectiveLine *line = g_ptr_array_index (e->lines, key->line - 1);

      return line->registrar;
    }
  if (e->lines->len > 0)
    return ((const PaEffectiveLine *) g_ptr_array_index (e->lines, 0))->registrar;
  return NULL;
}

/* The key's text, e.g. "speed *78" or "blf <sip:202@pbx.example.com>";
 * NULL when the vendor has no code for its type (it is then blanked). */
static char *
key_text (const PaEffective    *e,
          const PaEffectiveKey *key)
{
  const char *code;

  if (key->type == PA_KEY_EMPTY)
    return NULL;
  code = pa_vendor_get_key_code (e->vendor, pa_key_type_to_nick (key->type));
  if (code == NULL)
    return NULL;

  if (key->type == PA_KEY_BLF)
    {
      const char *host = key_host (e, key);

      if (key->value == NULL || key->value[0] == '\0')
        return NULL;
      /* §7.2: blf <sip:ext@host>|<pickup code>. PaEffective carries no
       * pickup code, so the "|…" part is left out and the key watches
       * only; a value that is already a URI or has a host stays as is. */
      if (g_str_has_prefix (key->value, "sip:"))
        return g_strdup_printf ("%s <%s>", code, key->value);
      if (strchr (key->value, '@') != NULL || host == NULL)
        return g_strdup_printf ("%s <sip:%s>", code, key->value);
      return g_strdup_printf ("%s <sip:%s@%s>", code, key->value, host);
    }

  if (key->value == NULL || key->value[0] == '\0')
    return g_strdup (code);
  return g_strdup_printf ("%s %s", code, key->value);
}

/* Keys of one face, idx from @first (0-based across the phone and then the
 * sidecars in daisy-chain order, §2.5). */
static void
write_keys (const PaEffective     *e,
            const PaEffectiveKeys *set,
            guint                  first,
            PaXmlWriter           *xml)
{
  const char *empty_code = pa_vendor_get_key_code (e->vendor, PA_KEY_TYPE_EMPTY);

  for (guint i = 0; i < set->count; i++)
    {
      const PaEffectiveKey *key = &set->keys[i];
      g_autofree char *text = key_text (e, key);
      char idx[16];
      char context[16];

      g_snprintf (idx, sizeof idx, "%u", first + i);
      /* A BLF subscribes through the active identity (§7.2, as wazo); the
       * other keys act on the account they name. [UNCONFIRMED: context as
       * an identity number for line and speed keys is from Snom's
       * <functionKeys> page, not from a template.] */
      if (text == NULL || key->type == PA_KEY_BLF)
        g_strlcpy (context, "active", sizeof context);
      else
        g_snprintf (context, sizeof context, "%u", key->line);

      pa_xml_writer_start (xml, "fkey");
      pa_xml_writer_attr (xml, "idx", idx);
      pa_xml_writer_attr (xml, "context", context);
      /* Always written, so an old label goes with its key. */
      pa_xml_writer_attr (xml, "label", text != NULL && key->label != NULL ? key->label : "");
      pa_xml_writer_attr (xml, "perm", PERM);
      pa_xml_writer_text (xml, text != NULL ? text : (empty_code != NULL ? empty_code : "none"));
      pa_xml_writer_end (xml);
    }
}

/* Snom setting names are letters, digits and '_' (Snom's mass deployment
 * guide); "name[n]" addresses index n of an indexed setting. */
static gboolean
custom_name (const char *name,
             char      **element,
             guint      *idx)
{
  const char *bracket;
  gsize length;

  if (name == NULL || !(g_ascii_isalpha (name[0]) || name[0] == '_'))
    return FALSE;
  bracket = strchr (name, '[');
  length = bracket != NULL ? (gsize) (bracket - name) : strlen (name);
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (name[i]) && name[i] != '_')
      return FALSE;

  *idx = 0;
  if (bracket != NULL)
    {
      guint64 number = 0;
      const char *end = strchr (bracket, ']');
      g_autofree char *digits = NULL;

      if (end == NULL || end[1] != '\0')
        return FALSE;
      digits = g_strndup (bracket + 1, end - bracket - 1);
      if (!g_ascii_string_to_unsigned (digits, 10, 1, 999, &number, NULL))
        return FALSE;
      *idx = (guint) number;
    }
  *element = g_strndup (name, length);
  return TRUE;
}

static gboolean
snom_custom_name_ok (const char *name)
{
  g_autofree char *element = NULL;
  guint idx = 0;

  return custom_name (name, &element, &idx);
}

static GBytes *
render_device_file (const PaEffective *e)
{
  g_autoptr(PaXmlWriter) xml = pa_xml_writer_new ();
  guint first = 0;

  pa_xml_writer_start (xml, "settings");
  pa_xml_writer_start (xml, "phone-settings");

  write_phone_settings (e, xml);
  for (guint i = 0; i < e->account_slots; i++)
    {
      if (i < e->lines->len)
        write_identity (g_ptr_array_index (e->lines, i), xml);
      else
        write_blank_identity (xml, i + 1);
    }

  /* Last, so that an admin's parameter wins over anything generated. A
   * name that cannot be a Snom setting is skipped: it is another vendor's
   * parameter in a shared profile, or a typo. */
  for (guint i = 0; i < e->custom->len; i++)
    {
      PaSetting *custom = g_ptr_array_index (e->custom, i);
      g_autofree char *element = NULL;
      guint idx = 0;

      if (!custom_name (custom->name, &element, &idx))
        {
          g_warning ("Not writing a Snom setting named “%s”: not a valid name", custom->name);
          continue;
        }
      setting (xml, element, idx, custom->value);
    }
  pa_xml_writer_end (xml);

  pa_xml_writer_start (xml, "functionKeys");
  for (guint slot = 0; slot < e->key_sets->len; slot++)
    {
      const PaEffectiveKeys *set = pa_effective_get_keys (e, slot);

      write_keys (e, set, first, xml);
      /* A phone without a layout writes none of its own keys (they stay as
       * they are), yet its sidecars' keys still start after them. */
      first += slot == 0 ? MAX (set->count, pa_device_model_get_line_keys (e->model))
                         : set->count;
    }
  pa_xml_writer_end (xml);

  pa_xml_writer_end (xml);
  return pa_xml_writer_finish (xml);
}

/* -- the writer ------------------------------------------------------------ */

static GStrv
snom_list_files (const PaEffective *e)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *common = pa_device_model_get_common_file (e->model);
  g_autofree char *device = device_file (e);

  if (common != NULL && common[0] != '\0')
    g_strv_builder_add (builder, common);
  if (device != NULL)
    g_strv_builder_add (builder, device);
  return g_strv_builder_end (builder);
}

static GBytes *
snom_render (const PaEffective *e,
             const char        *file,
             const char       **content_type,
             GError           **error)
{
  const char *common = pa_device_model_get_common_file (e->model);
  g_autofree char *device = device_file (e);

  if (common != NULL && common[0] != '\0' && g_str_equal (file, common))
    {
      *content_type = HTM_CONTENT_TYPE;
      return render_model_file (e);
    }
  if (device != NULL && g_str_equal (file, device))
    {
      *content_type = XML_CONTENT_TYPE;
      return render_device_file (e);
    }

  g_set_error (error, PA_RENDER_ERROR, PA_RENDER_ERROR_NO_SUCH_FILE,
               _("A Snom %s does not use a file named “%s”"),
               pa_device_model_get_name (e->model), file);
  return NULL;
}

const PaWriter pa_snom_writer = {
  .id = "snom",
  .list_files = snom_list_files,
  .render = snom_render,
  .custom_name_ok = snom_custom_name_ok,
};
