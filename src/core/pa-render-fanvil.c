/* pa-render-fanvil.c — Fanvil X-series XML <sysConf> configuration files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Fanvil phone asks for <mac>.cfg, MAC in lower case (provisioning facts
 * §7.1). Some older models also fetch a model file (F0V00X600000.cfg for
 * the X6, f0X4hw1.100.cfg for the X4), but no source names one for the
 * X4U/X5U/X6U/X7C this catalog has, so only <mac>.cfg is served; were a
 * model file ever requested, its 404 only makes the phone go on.
 *
 * Two formats exist for the same file name: the XML <sysConf> and the older
 * text `<<VOIP CONFIG FILE>>` form (tancredi). This writer writes <sysConf>,
 * because that is what both wazo (base-new.tpl, for the X-U/X7C "new
 * models") and FusionPBX (fanvil/x6u) write for the current X series, and
 * an XML file can only be built well-formed through PaXmlWriter, so no
 * label or password can add an element.
 *
 * Every account slot the model has is written: unused ones with EnableReg 0
 * and empty credentials (Fanvil has no "clear" token like Yealink's %NULL%;
 * an empty element is what wazo writes), so a phone handed to someone else
 * keeps no old credentials. Every key the layout covers is written too,
 * empty ones as Type 0 with empty Value and Title. No time stamps: the
 * same settings give the same bytes.
 */
#define G_LOG_DOMAIN "pa-render"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pa-writer.h"

#define CONTENT_TYPE "application/xml; charset=utf-8"
/* The format version wazo's base-new.tpl announces for X-U firmware. */
#define SYSCONF_VERSION "2.0002"

static void
element_uint (PaXmlWriter *xml,
              const char  *element,
              guint        value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", value);
  pa_xml_writer_element (xml, element, text);
}

/* wazo _SIP_TRANSPORT and FusionPBX x6u: 0 UDP, 1 TCP, 3 TLS (not 2). */
static const char *
transport_code (PaSipTransport transport)
{
  switch (transport)
    {
    case PA_SIP_TRANSPORT_TCP:
      return "1";
    case PA_SIP_TRANSPORT_TLS:
      return "3";
    case PA_SIP_TRANSPORT_UDP:
    default:
      return "0";
    }
}

/* wazo _SIP_DTMF_MODE and tancredi dtmf_map: 0 in band, 1 RFC 2833/4733,
 * 2 SIP INFO. */
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

/* tancredi scheme_map: 4 HTTP, 5 HTTPS (wazo writes 4 for its http URL,
 * FusionPBX 5 for its https one). */
static const char *
flash_protocol (const char *url)
{
  if (url != NULL && g_ascii_strncasecmp (url, "https:", 6) == 0)
    return "5";
  return "4";
}

static void
write_provisioning (const PaEffective *e,
                    PaXmlWriter       *xml)
{
  if (e->firmware_url != NULL)
    {
      /* wazo base-new.tpl: the firmware image URL. */
      pa_xml_writer_start (xml, "AUTOUPDATE_CONFIG_MODULE");
      pa_xml_writer_element (xml, "Download_Mode", "1");
      pa_xml_writer_element (xml, "Auto_Image_URL", e->firmware_url);
      pa_xml_writer_element (xml, "Save_Provision_Info", "1");
      pa_xml_writer_end (xml);
    }

  pa_xml_writer_start (xml, "ap");
  pa_xml_writer_element (xml, "DownloadCommonConf", "0");
  pa_xml_writer_element (xml, "DownloadDeviceConf", "1");
  pa_xml_writer_element (xml, "SaveProvisionInfo", "1");
  /* The phone's own setup link; $mac is expanded by the phone (wazo and
   * FusionPBX), so its next poll asks for this same <mac>.cfg here. */
  pa_xml_writer_element (xml, "FlashServerIP", e->provisioning_url);
  pa_xml_writer_element (xml, "FlashFileName", "$mac.cfg");
  pa_xml_writer_element (xml, "FlashProtocol", flash_protocol (e->provisioning_url));
  /* The phone's own HTTP credentials for its setup link, or none. */
  pa_xml_writer_element (xml, "DefaultUsername",
                         e->provisioning_user != NULL ? e->provisioning_user : "");
  pa_xml_writer_element (xml, "DefaultPassword",
                         e->provisioning_password != NULL ? e->provisioning_password : "");
  /* [UNCONFIRMED] FlashMode 2 = repeat every FlashInterval hours (tancredi;
   * wazo and FusionPBX write 1 with interval 1). Hours, so the profile's
   * minutes are rounded up. */
  pa_xml_writer_element (xml, "FlashMode", "2");
  element_uint (xml, "FlashInterval", MAX (1, (e->poll_minutes + 59) / 60));
  /* Our setup link decides, not Fanvil's multicast PnP. */
  pa_xml_writer_start (xml, "pnp");
  pa_xml_writer_element (xml, "PNPEnable", "0");
  pa_xml_writer_end (xml);
  pa_xml_writer_end (xml);
}

/* wazo serie_x _TZ_INFO: TimeZone is the standard offset in quarter hours,
 * TimeZoneName "UTC+1", "UTC-05", "UCT" for whole hours. Fanvil's names for
 * other offsets are not known, so those get no name. */
static void
write_time_zone (const PaEffective *e,
                 PaXmlWriter       *xml)
{
  int seconds, hours, minutes, quarters;
  char name[16];
  char text[16];

  if (e->zone == NULL)
    return;
  seconds = e->zone->standard_offset;
  hours = ABS (seconds) / 3600;
  minutes = (ABS (seconds) % 3600) / 60;
  quarters = hours * 4 + minutes / 15;
  if (seconds < 0)
    quarters = -quarters;
  g_snprintf (text, sizeof text, "%d", quarters);
  pa_xml_writer_element (xml, "TimeZone", text);

  if (minutes != 0)
    return;
  if (hours == 0)
    g_strlcpy (name, "UCT", sizeof name);
  else if (seconds < 0)
    g_snprintf (name, sizeof name, "UTC-%02d", hours);
  else
    g_snprintf (name, sizeof name, "UTC+%d", hours);
  pa_xml_writer_element (xml, "TimeZoneName", name);
}

static void
write_phone (const PaEffective *e,
             PaXmlWriter       *xml)
{
  pa_xml_writer_start (xml, "phone");
  /* wazo: the keypad menu password follows the admin password. */
  if (e->admin_password != NULL)
    pa_xml_writer_element (xml, "MenuPassword", e->admin_password);
  pa_xml_writer_start (xml, "date");
  if (e->ntp_server != NULL)
    {
      pa_xml_writer_element (xml, "SNTPServer", e->ntp_server);
      pa_xml_writer_element (xml, "EnableSNTP", "1");
    }
  if (e->timezone != NULL)
    write_time_zone (e, xml);
  pa_xml_writer_end (xml);
  pa_xml_writer_end (xml);

  if (e->admin_password != NULL)
    {
      /* wazo and FusionPBX: web account 1 is admin, level 10. */
      pa_xml_writer_start (xml, "web");
      pa_xml_writer_start (xml, "account");
      pa_xml_writer_attr (xml, "index", "1");
      pa_xml_writer_element (xml, "Name", "admin");
      pa_xml_writer_element (xml, "Password", e->admin_password);
      pa_xml_writer_element (xml, "Level", "10");
      pa_xml_writer_end (xml);
      pa_xml_writer_end (xml);
    }
}

static void
start_line (PaXmlWriter *xml,
            guint        n)
{
  char index[16];

  g_snprintf (index, sizeof index, "%u", n);
  pa_xml_writer_start (xml, "line");
  pa_xml_writer_attr (xml, "index", index);
}

static void
write_blank_line (PaXmlWriter *xml,
                  guint        n)
{
  static const char * const fields[] = {
    "PhoneNumber", "DisplayName", "RegisterAddr", "RegisterPort", "RegisterUser",
    "RegisterPswd", "ProxyAddr", "ProxyPort", "ProxyUser", "ProxyPswd", "MWINum",
  };

  start_line (xml, n);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    pa_xml_writer_element (xml, fields[i], "");
  pa_xml_writer_element (xml, "EnableReg", "0");
  pa_xml_writer_end (xml);
}

static void
write_line (const PaEffectiveLine *line,
            PaXmlWriter           *xml)
{
  g_autofree char *codecs = NULL;

  start_line (xml, line->number);
  /* PhoneNumber is the SIP user, RegisterUser the authentication name
   * (FusionPBX x6u: user_id and auth_id). */
  pa_xml_writer_element (xml, "PhoneNumber", line->username);
  pa_xml_writer_element (xml, "DisplayName", line->display_name);
  pa_xml_writer_element (xml, "RegisterAddr", line->registrar);
  element_uint (xml, "RegisterPort", line->port);
  pa_xml_writer_element (xml, "RegisterUser", line->auth_name);
  pa_xml_writer_element (xml, "RegisterPswd", line->password);
  element_uint (xml, "RegisterTTL", line->expiry);
  pa_xml_writer_element (xml, "EnableReg", "1");
  pa_xml_writer_element (xml, "Transport", transport_code (line->transport));
  /* The outbound proxy, with the same credentials (FusionPBX x6u); empty
   * clears one set before. */
  pa_xml_writer_element (xml, "ProxyAddr", line->outbound_proxy);
  if (line->outbound_proxy != NULL)
    {
      element_uint (xml, "ProxyPort", line->port);
      pa_xml_writer_element (xml, "ProxyUser", line->auth_name);
      pa_xml_writer_element (xml, "ProxyPswd", line->password);
    }
  else
    {
      pa_xml_writer_element (xml, "ProxyPort", "");
      pa_xml_writer_element (xml, "ProxyUser", "");
      pa_xml_writer_element (xml, "ProxyPswd", "");
    }
  pa_xml_writer_element (xml, "DTMFMode", dtmf_code (line->dtmf));
  /* [UNCONFIRMED] MediaCrypto 2 = SRTP compulsory, 0 = off (FusionPBX
   * writes 0; the other values are not in the sources). */
  pa_xml_writer_element (xml, "MediaCrypto", line->srtp ? "2" : "0");
  /* FusionPBX x6u: NAT keep-alive every 30 s. */
  pa_xml_writer_element (xml, "NATUDPUpdate", "2");
  pa_xml_writer_element (xml, "UDPUpdateTTL", "30");
  /* [UNCONFIRMED] Subscribe = MWI subscription (FusionPBX writes 0). */
  pa_xml_writer_element (xml, "Subscribe", line->mwi ? "1" : "0");
  pa_xml_writer_element (xml, "MWINum", line->voicemail);
  if (line->codecs != NULL)
    codecs = g_strjoinv (",", line->codecs);
  /* FusionPBX x6u: the codec list in preference order. */
  pa_xml_writer_element (xml, "VoiceCodecMap", codecs);
  pa_xml_writer_end (xml);
}

static void
write_sip (const PaEffective *e,
           PaXmlWriter       *xml)
{
  pa_xml_writer_start (xml, "sip");
  element_uint (xml, "SIPPort", e->local_sip_port);
  for (guint i = 0; i < e->account_slots; i++)
    {
      if (i < e->lines->len)
        write_line (g_ptr_array_index (e->lines, i), xml);
      else
        write_blank_line (xml, i + 1);
    }
  pa_xml_writer_end (xml);
}

/* The catalog's codes are "<Type>" or "<Type>/<memory-key suffix>"
 * (provisioning facts §2.6 and §7.2): a line key is Type 2 with value
 * SIP<line>; a memory key (Type 1) has the value <number>@<line>/<suffix>. */
static void
write_key (const PaEffective    *e,
           const PaEffectiveKey *key,
           guint                 index,
           PaXmlWriter          *xml)
{
  const char *code = NULL;
  g_autofree char *type = NULL;
  g_autofree char *value = NULL;
  const char *slash;
  char text[16];

  if (key->type != PA_KEY_EMPTY)
    code = pa_vendor_get_key_code (e->vendor, pa_key_type_to_nick (key->type));

  g_snprintf (text, sizeof text, "%u", index);
  pa_xml_writer_start (xml, "Fkey");
  pa_xml_writer_attr (xml, "index", text);

  /* An empty key, or a type Fanvil has no code for: blanked. */
  if (code == NULL)
    {
      const char *empty = pa_vendor_get_key_code (e->vendor, PA_KEY_TYPE_EMPTY);

      pa_xml_writer_element (xml, "Type", empty != NULL ? empty : "0");
      pa_xml_writer_element (xml, "Value", "");
      pa_xml_writer_element (xml, "Title", "");
      pa_xml_writer_end (xml);
      return;
    }

  slash = strchr (code, '/');
  if (slash != NULL)
    {
      type = g_strndup (code, slash - code);
      value = g_strdup_printf ("%s@%u/%s", key->value != NULL ? key->value : "", key->line,
                               slash + 1);
    }
  else
    {
      type = g_strdup (code);
      if (key->type == PA_KEY_LINE)
        value = g_strdup_printf ("SIP%u", key->line);
      else
        value = g_strdup (key->value);
    }
  pa_xml_writer_element (xml, "Type", type);
  pa_xml_writer_element (xml, "Value", value);
  pa_xml_writer_element (xml, "Title", key->label);
  pa_xml_writer_end (xml);
}

/* wazo serie_x and FusionPBX x6u: the side keys next to the screen are
 * <dssSide index="1">, the other keys pages of <internal index="P">. The
 * catalog's line_keys count both (tancredi's counts: X4U 3 + 5 × 6, X5U
 * 4 + 5 × 6, X6U 5 + 5 × 12, X7C 0 + 5 × 12), so the side keys are what is
 * left over after whole pages of keys_per_page: keys 1.. are the side keys,
 * as wazo numbers them, then the pages. */
static void
write_keys (const PaEffective *e,
            PaXmlWriter       *xml)
{
  const PaEffectiveKeys *own = pa_effective_get_keys (e, 0);
  guint per_page = MAX (pa_device_model_get_keys_per_page (e->model), 1);
  guint side, pages;

  /* No layout: the phone's own keys stay as they are. */
  if (own == NULL || own->count == 0)
    return;

  side = own->count % per_page;
  pages = (own->count - side + per_page - 1) / per_page;

  pa_xml_writer_start (xml, "dsskey");
  element_uint (xml, "FuncKeyPageNum", pages);
  if (side > 0)
    {
      pa_xml_writer_start (xml, "dssSide");
      pa_xml_writer_attr (xml, "index", "1");
      for (guint n = 1; n <= side; n++)
        write_key (e, &own->keys[n - 1], n, xml);
      pa_xml_writer_end (xml);
    }
  for (guint page = 1; page <= pages; page++)
    {
      char index[16];

      g_snprintf (index, sizeof index, "%u", page);
      pa_xml_writer_start (xml, "internal");
      pa_xml_writer_attr (xml, "index", index);
      for (guint i = 1; i <= per_page; i++)
        {
          guint n = side + (page - 1) * per_page + i;

          if (n > own->count)
            break;
          write_key (e, &own->keys[n - 1], i, xml);
        }
      pa_xml_writer_end (xml);
    }
  /* Key sets [1..] would be sidecars: no source describes a Fanvil
   * expansion module (facts §2.6), and the catalog lists none. */
  pa_xml_writer_end (xml);
}

/* An XML element name we are willing to write: ASCII letter or '_' first,
 * then letters, digits, '_' or '-'; never "xml…" (reserved) and never ':'
 * (namespaces). */
static gboolean
is_element_name (const char *name,
                 gsize       length)
{
  if (length == 0 || !(g_ascii_isalpha (name[0]) || name[0] == '_'))
    return FALSE;
  if (length >= 3 && g_ascii_strncasecmp (name, "xml", 3) == 0)
    return FALSE;
  for (gsize i = 1; i < length; i++)
    if (!g_ascii_isalnum (name[i]) && name[i] != '_' && name[i] != '-')
      return FALSE;
  return TRUE;
}

/* A custom parameter's name is a path through <sysConf>: elements joined by
 * '.', each optionally with an index, e.g. "sip.line[1].DTMFMode" becomes
 * <sip><line index="1"><DTMFMode>value</DTMFMode></line></sip>. Anything
 * else is refused, with a warning, since it could only be a typo or an
 * attack. */
static gboolean
fanvil_custom_name_ok (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name == NULL || name[0] == '\0')
    return FALSE;
  parts = g_strsplit (name, ".", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = parts[i];
      const char *bracket = strchr (part, '[');
      gsize length = bracket != NULL ? (gsize) (bracket - part) : strlen (part);

      if (!is_element_name (part, length))
        return FALSE;
      if (bracket != NULL)
        {
          const char *p = bracket + 1;

          if (!g_ascii_isdigit (*p))
            return FALSE;
          while (g_ascii_isdigit (*p))
            p++;
          if (p[0] != ']' || p[1] != '\0')
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_custom (PaXmlWriter     *xml,
              const PaSetting *setting)
{
  g_auto(GStrv) parts = NULL;
  guint depth;

  if (!fanvil_custom_name_ok (setting->name))
    {
      g_warning ("Not writing a setting named “%s”: not a valid element path", setting->name);
      return FALSE;
    }
  parts = g_strsplit (setting->name, ".", -1);
  depth = g_strv_length (parts);
  for (guint i = 0; i < depth; i++)
    {
      char *bracket = strchr (parts[i], '[');

      if (bracket != NULL)
        {
          g_autofree char *index = g_strndup (bracket + 1, strlen (bracket + 1) - 1);

          *bracket = '\0';
          pa_xml_writer_start (xml, parts[i]);
          pa_xml_writer_attr (xml, "index", index);
        }
      else
        pa_xml_writer_start (xml, parts[i]);
    }
  pa_xml_writer_text (xml, setting->value != NULL ? setting->value : "");
  for (guint i = 0; i < depth; i++)
    pa_xml_writer_end (xml);
  return TRUE;
}

static void
write_device (const PaEffective *e,
              PaXmlWriter       *xml)
{
  pa_xml_writer_start (xml, "sysConf");
  pa_xml_writer_element (xml, "Version", SYSCONF_VERSION);
  write_provisioning (e, xml);
  write_phone (e, xml);
  write_sip (e, xml);
  write_keys (e, xml);

  /* Last, so an admin's parameter comes after anything generated.
   * [UNCONFIRMED] whether Fanvil firmware lets a later element of the same
   * path win over an earlier one. */
  for (guint i = 0; i < e->custom->len; i++)
    write_custom (xml, g_ptr_array_index (e->custom, i));
  pa_xml_writer_end (xml);
}

static char *
device_file (const PaEffective *e)
{
  return g_strconcat (e->mac, ".cfg", NULL);
}

static GStrv
fanvil_list_files (const PaEffective *e)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *device = device_file (e);

  g_strv_builder_add (builder, device);
  return g_strv_builder_end (builder);
}

static GBytes *
fanvil_render (const PaEffective *e,
               const char        *file,
               const char       **content_type,
               GError           **error)
{
  g_autoptr(PaXmlWriter) xml = NULL;
  g_autofree char *device = device_file (e);

  if (!g_str_equal (file, device))
    {
      g_set_error (error, PA_RENDER_ERROR, PA_RENDER_ERROR_NO_SUCH_FILE,
                   _("A Fanvil %s does not use a file named “%s”"),
                   pa_device_model_get_name (e->model), file);
      return NULL;
    }

  xml = pa_xml_writer_new ();
  write_device (e, xml);
  *content_type = CONTENT_TYPE;
  return pa_xml_writer_finish (xml);
}

const PaWriter pa_fanvil_writer = {
  .id = "fanvil",
  .list_files = fanvil_list_files,
  .render = fanvil_render,
  .custom_name_ok = fanvil_custom_name_ok,
};
