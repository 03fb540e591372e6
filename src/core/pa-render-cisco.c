/* pa-render-cisco.c — Cisco SPA and Cisco MPP (3PCC) `<flat-profile>` files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both families read an XML <flat-profile> whose elements are the web
 * page's field names, per-line fields ending in _N_ (provisioning facts
 * §2.4). They differ in the file they ask for first (§7.1):
 *
 *  - SPA: its default Profile_Rule is /spa$PSN.cfg, e.g. spa504G.cfg;
 *  - MPP: its default Profile_Rule is /$PSN.xml, 8841-3PCC.xml as wazo
 *    (v12_0_7) names it; CP-8841-3PCC.xml is not asked for.
 *
 * The catalog's common_file holds that name, so which family a model is
 * follows from it ("spa…" or not). The model file carries no secret: it only
 * points the phone at its own per-MAC file on its setup link
 * (Profile_Rule_B = <setup link>$MA.xml, $MA being the phone's own macro for
 * its lower-case MAC) and sets the resync timers; the per-MAC file carries
 * lines, keys and everything else. Every account slot, every key and every
 * sidecar slot is written, the unused ones empty (Cisco has no "clear"
 * token: an empty element sets the field to nothing), so a phone handed to
 * someone else keeps no old credentials or labels (§7.3). No time stamps:
 * identical settings give identical bytes.
 */
#define G_LOG_DOMAIN "pa-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "pa-writer.h"

#define CONTENT_TYPE "text/xml; charset=utf-8"

typedef enum
{
  FAMILY_SPA,
  FAMILY_MPP,
} Family;

static Family
family_of (const PaEffective *e)
{
  const char *common = pa_device_model_get_common_file (e->model);

  return common != NULL && g_str_has_prefix (common, "spa") ? FAMILY_SPA : FAMILY_MPP;
}

/* One field. ua="na": the phone's user can neither see nor change what the
 * server manages (a password above all). */
static void
field (PaXmlWriter *xml,
       const char  *name,
       const char  *value)
{
  pa_xml_writer_start (xml, name);
  pa_xml_writer_attr (xml, "ua", "na");
  pa_xml_writer_text (xml, value != NULL ? value : "");
  pa_xml_writer_end (xml);
}

static void
fieldf (PaXmlWriter *xml,
        const char  *value,
        const char  *name_format,
        ...) G_GNUC_PRINTF (3, 4);

static void
fieldf (PaXmlWriter *xml,
        const char  *value,
        const char  *name_format,
        ...)
{
  g_autofree char *name = NULL;
  va_list args;

  va_start (args, name_format);
  name = g_strdup_vprintf (name_format, args);
  va_end (args);
  field (xml, name, value);
}

static void
field_uint (PaXmlWriter *xml,
            const char  *name,
            guint        value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", value);
  field (xml, name, text);
}

static const char *
transport_name (PaSipTransport transport)
{
  switch (transport)
    {
    case PA_SIP_TRANSPORT_TCP:
      return "TCP";
    case PA_SIP_TRANSPORT_TLS:
      return "TLS";
    case PA_SIP_TRANSPORT_UDP:
    default:
      return "UDP";
    }
}

/* DTMF_Tx_Method_N_ (§2.4): InBand, AVT (RFC 2833), INFO, Auto. */
static const char *
dtmf_name (PaDtmfMode mode)
{
  switch (mode)
    {
    case PA_DTMF_INBAND:
      return "InBand";
    case PA_DTMF_SIP_INFO:
      return "INFO";
    case PA_DTMF_RFC2833:
    default:
      return "AVT";
    }
}

/* The codec names of Preferred_Codec_N_ (fusionpbx cisco/8841); NULL for
 * one the family does not have (the SPA has no Opus). */
static const char *
codec_name (Family      family,
            const char *codec)
{
  if (g_ascii_strcasecmp (codec, "PCMU") == 0)
    return "G711u";
  if (g_ascii_strcasecmp (codec, "PCMA") == 0)
    return "G711a";
  if (g_ascii_strcasecmp (codec, "G722") == 0)
    return "G722";
  if (g_ascii_strcasecmp (codec, "opus") == 0 && family == FAMILY_MPP)
    return "OPUS";
  return NULL;
}

/* -- the model file (spa<PSN>.cfg, <PSN>.xml) ------------------------------ */

static void
write_model_file (const PaEffective *e,
                  PaXmlWriter       *xml)
{
  const char *common = pa_device_model_get_common_file (e->model);
  const char *base = e->provisioning_url != NULL ? e->provisioning_url : "";
  /* The rule's own option for HTTP credentials, when the setup link asks
   * for them (FusionPBX's 8841 template). */
  g_autofree char *auth = e->provisioning_user != NULL
                          ? g_strdup_printf ("[--uid %s --pwd %s] ", e->provisioning_user,
                                             e->provisioning_password)
                          : g_strdup ("");
  g_autofree char *again = g_strconcat (auth, base, common, NULL);
  g_autofree char *device = g_strconcat (auth, base, "$MA.xml", NULL);

  pa_xml_writer_start (xml, "flat-profile");
  field (xml, "Provision_Enable", "Yes");
  field (xml, "Resync_On_Reset", "Yes");
  field_uint (xml, "Resync_Periodic", e->poll_minutes * 60);
  /* In units of 20 s: a building powering up does not fetch all at once. */
  field (xml, "Resync_Random_Delay", "6");
  field (xml, "Resync_Error_Retry_Delay", "3600");
  /* A NOTIFY with Event: resync makes the phone fetch at once (§2.8). */
  field (xml, "Resync_From_SIP", "Yes");
  /* The model file's own name, not $PSN: whatever the firmware expands
   * $PSN to, the next resync asks for the file served now. */
  field (xml, "Profile_Rule", again);
  field (xml, "Profile_Rule_B", device);
  /* Rules a previous server may have left would fetch someone else's
   * settings after ours. */
  field (xml, "Profile_Rule_C", "");
  field (xml, "Profile_Rule_D", "");
  field (xml, "Upgrade_Rule", e->firmware_url);
  pa_xml_writer_end (xml);
}

/* -- the per-MAC file ($MA.xml) --------------------------------------------- */

static void
write_blank_account (PaXmlWriter *xml,
                     Family       family,
                     guint        n)
{
  static const char * const fields[] = {
    "Display_Name", "User_ID", "Password", "Auth_ID", "Proxy", "Outbound_Proxy",
    "Mailbox_ID", "Voice_Mail_Server",
  };

  fieldf (xml, "No", "Line_Enable_%u_", n);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    fieldf (xml, "", "%s_%u_", fields[i], n);
  if (family == FAMILY_SPA)
    fieldf (xml, "No", "Use_Outbound_Proxy_%u_", n);
  fieldf (xml, "No", "Register_%u_", n);
}

static void
write_account (const PaEffective     *e,
               const PaEffectiveLine *line,
               PaXmlWriter           *xml,
               Family                 family)
{
  static const char * const ranks[] = {
    "Preferred_Codec", "Second_Preferred_Codec", "Third_Preferred_Codec",
  };
  guint n = line->number;
  g_autofree char *proxy = g_strdup_printf ("%s:%u", line->registrar, line->port);
  guint rank = 0;

  fieldf (xml, "Yes", "Line_Enable_%u_", n);
  fieldf (xml, line->display_name, "Display_Name_%u_", n);
  fieldf (xml, line->username, "User_ID_%u_", n);
  fieldf (xml, line->password, "Password_%u_", n);
  fieldf (xml, line->auth_name, "Auth_ID_%u_", n);
  /* Without it the phone authenticates as User_ID and ignores Auth_ID. */
  fieldf (xml, "Yes", "Use_Auth_ID_%u_", n);
  /* The registrar's port goes with its host; SIP_Port_N_ is the phone's
   * own listening port, one per extension. */
  fieldf (xml, proxy, "Proxy_%u_", n);
  fieldf (xml, "No", "Use_DNS_SRV_%u_", n);
  fieldf (xml, line->outbound_proxy, "Outbound_Proxy_%u_", n);
  if (family == FAMILY_SPA)
    fieldf (xml, line->outbound_proxy != NULL ? "Yes" : "No", "Use_Outbound_Proxy_%u_", n);
  fieldf (xml, "Yes", "Register_%u_", n);
  {
    char expiry[16];

    g_snprintf (expiry, sizeof expiry, "%u", line->expiry);
    fieldf (xml, expiry, "Register_Expires_%u_", n);
  }
  fieldf (xml, transport_name (line->transport), "SIP_Transport_%u_", n);
  if (e->local_sip_port != 0)
    {
      char port[16];

      g_snprintf (port, sizeof port, "%u", e->local_sip_port + n - 1);
      fieldf (xml, port, "SIP_Port_%u_", n);
    }
  fieldf (xml, dtmf_name (line->dtmf), "DTMF_Tx_Method_%u_", n);
  /* SRTP, compulsory with TLS. MPP: Secure_Call_Option_N_ (Cisco's MPP
   * XML reference: Optional|Required|Strict). SPA: Secure_Call_Setting_N_
   * is UNCONFIRMED (the SPA field "Secure Call Setting"; no source read
   * writes it). */
  if (family == FAMILY_MPP)
    fieldf (xml, line->srtp ? "Required" : "Optional", "Secure_Call_Option_%u_", n);
  else
    fieldf (xml, line->srtp ? "Yes" : "No", "Secure_Call_Setting_%u_", n);

  /* Three ranked codecs; the rest of the phone's list stays enabled as
   * fallback. */
  for (guint i = 0; line->codecs != NULL && line->codecs[i] != NULL; i++)
    {
      const char *codec = codec_name (family, line->codecs[i]);

      if (codec == NULL || rank >= G_N_ELEMENTS (ranks))
        continue;
      fieldf (xml, codec, "%s_%u_", ranks[rank++], n);
    }
  for (; rank < G_N_ELEMENTS (ranks); rank++)
    fieldf (xml, rank == 0 ? "G711u" : "Unspecified", "%s_%u_", ranks[rank], n);
  fieldf (xml, "No", "Use_Pref_Codec_Only_%u_", n);

  /* MWI: subscribe to the line's own mailbox on its registrar.
   * UNCONFIRMED: that Mailbox_ID is the account user name. */
  fieldf (xml, line->mwi ? line->username : "", "Mailbox_ID_%u_", n);
  fieldf (xml, line->mwi ? proxy : "", "Voice_Mail_Server_%u_", n);
  /* A resync or reboot NOTIFY must be digest-authenticated with the line's
   * credentials (§2.4), so only the SIP server can trigger one. */
  fieldf (xml, "Yes", "Auth_Resync-Reboot_%u_", n);
}

/* The `fnc=` string is `;`-separated: a `;` in a value or label would add
 * a parameter of the label's choosing, so it becomes a space. */
static char *
fnc_part (const char *text)
{
  char *out = g_strdup (text != NULL ? text : "");

  g_strdelimit (out, ";", ' ');
  return out;
}

/* The Extended_Function / Unit_U_Key_K value for @key, or NULL when the
 * key is blank (empty, a line key, or a type Cisco has no code for). */
static char *
key_function (const PaEffective    *e,
              const PaEffectiveKey *key)
{
  const char *code;
  g_autofree char *value = NULL;
  g_autofree char *label = NULL;
  const char *at;

  if (key->type == PA_KEY_EMPTY || key->type == PA_KEY_LINE)
    return NULL;
  code = pa_vendor_get_key_code (e->vendor, pa_key_type_to_nick (key->type));
  if (code == NULL || key->value == NULL || key->value[0] == '\0')
    return NULL;

  value = fnc_part (key->value);
  label = fnc_part (key->label != NULL ? key->label : key->value);
  /* $PROXY is the phone's own macro for the line's registrar; a value that
   * already names a host keeps it. */
  at = strchr (value, '@') != NULL ? "" : "@$PROXY";

  /* Speed dial (and feature codes, which are dialled: §7.2) use ext=;
   * BLF and park subscribe, with sub=. */
  if (key->type == PA_KEY_SPEED_DIAL || key->type == PA_KEY_FEATURE_CODE)
    return g_strdup_printf ("fnc=%s;ext=%s%s;nme=%s", code, value, at, label);
  return g_strdup_printf ("fnc=%s;sub=%s%s;nme=%s", code, value, at, label);
}

static void
write_phone_keys (const PaEffective     *e,
                  const PaEffectiveKeys *set,
                  PaXmlWriter           *xml)
{
  const char *disabled = pa_vendor_get_key_code (e->vendor, PA_KEY_TYPE_EMPTY);

  for (guint n = 1; n <= set->count; n++)
    {
      const PaEffectiveKey *key = &set->keys[n - 1];
      g_autofree char *function = key_function (e, key);
      char line[16];

      if (key->type == PA_KEY_LINE)
        {
          g_snprintf (line, sizeof line, "%u", key->line);
          fieldf (xml, line, "Extension_%u_", n);
          fieldf (xml, key->label, "Short_Name_%u_", n);
          fieldf (xml, "", "Extended_Function_%u_", n);
          continue;
        }
      fieldf (xml, disabled != NULL ? disabled : "Disabled", "Extension_%u_", n);
      fieldf (xml, function != NULL ? key->label : "", "Short_Name_%u_", n);
      fieldf (xml, function, "Extended_Function_%u_", n);
    }
}

/* Sidecar keys: SPA500S `Unit_U_Key_K` (wazo, SPA), 8800 KEM
 * `Unit_U_Key_K_` (wazo MPP, fusionpbx 8841). A line key on a sidecar is
 * not written (MPP's Unit_U_Extension_K_ is not done yet). */
static void
write_sidecar_keys (const PaEffective     *e,
                    const PaEffectiveKeys *set,
                    PaXmlWriter           *xml,
                    Family                 family)
{
  for (guint k = 1; k <= set->count; k++)
    {
      g_autofree char *function = key_function (e, &set->keys[k - 1]);

      fieldf (xml, function, family == FAMILY_SPA ? "Unit_%u_Key_%u" : "Unit_%u_Key_%u_",
              set->slot, k);
    }
}

/* -- time zone -------------------------------------------------------------- */

/* `GMT+01:00` for seconds east of UTC. */
static char *
cisco_time_zone (int seconds)
{
  return g_strdup_printf ("GMT%c%02d:%02d", seconds < 0 ? '-' : '+',
                          ABS (seconds) / 3600, (ABS (seconds) % 3600) / 60);
}

/* `m/d/w/h:m:s` (§2.4): weekday w (1 Monday … 7 Sunday) on or after day d,
 * d = -1 for the month's last one, at the local time the clocks show just
 * before the change. */
static char *
dst_point (const PaClockChange *change)
{
  int from = change->week == 5 ? -1 : (int) (change->week - 1) * 7 + 1;

  return g_strdup_printf ("%u/%d/%u/%u:%u:%u", change->month, from, change->weekday,
                          change->hour, change->minute, change->second);
}

/* The zone's summer-time rule in Cisco's form, or NULL when it has none. */
static char *
dst_rule (const PaTimeZoneRule *zone)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  int save = zone->summer_offset - zone->standard_offset;

  if (!zone->has_summer_time)
    return NULL;
  start = dst_point (&zone->summer_start);
  end = dst_point (&zone->summer_end);
  return g_strdup_printf ("start=%s;end=%s;save=%d:%d:0", start, end, save / 3600,
                          (save % 3600) / 60);
}

static void
write_settings (const PaEffective *e,
                PaXmlWriter       *xml,
                Family             family)
{
  field (xml, "Station_Name", e->name);

  if (e->zone != NULL)
    {
      g_autofree char *zone = cisco_time_zone (e->zone->standard_offset);
      g_autofree char *rule = dst_rule (e->zone);

      field (xml, "Time_Zone", zone);
      field (xml, "Daylight_Saving_Time_Enable", rule != NULL ? "Yes" : "No");
      if (rule != NULL)
        field (xml, "Daylight_Saving_Time_Rule", rule);
    }
  if (e->ntp_server != NULL)
    field (xml, "Primary_NTP_Server", e->ntp_server);

  /* Admin_Passwd on the SPA (wazo), Admin_Password on MPP (fusionpbx). */
  if (e->admin_password != NULL)
    field (xml, family == FAMILY_SPA ? "Admin_Passwd" : "Admin_Password", e->admin_password);

  /* The phone-wide voicemail number: the first line's. */
  field (xml, "Voice_Mail_Number",
         e->lines->len > 0 ? ((PaEffectiveLine *) g_ptr_array_index (e->lines, 0))->voicemail
                           : NULL);
}

/* A custom `name = value` becomes <name>value</name>: Cisco's fields are
 * elements. A name that is not a valid XML element name (or has a ':',
 * which would be a namespace) could not be a Cisco field. */
static gboolean
cisco_custom_name_ok (const char *name)
{
  return name != NULL && strchr (name, ':') == NULL && g_utf8_validate (name, -1, NULL) &&
         xmlValidateName ((const xmlChar *) name, 0) == 0;
}

static void
write_custom (const PaEffective *e,
              PaXmlWriter       *xml)
{
  for (guint i = 0; i < e->custom->len; i++)
    {
      PaSetting *setting = g_ptr_array_index (e->custom, i);

      if (!cisco_custom_name_ok (setting->name))
        {
          g_warning ("Not writing a setting named “%s”: not a valid name", setting->name);
          continue;
        }
      field (xml, setting->name, setting->value);
    }
}

static void
write_device_file (const PaEffective *e,
                   PaXmlWriter       *xml)
{
  Family family = family_of (e);
  guint units = 0;

  pa_xml_writer_start (xml, "flat-profile");
  for (guint i = 0; i < e->account_slots; i++)
    {
      if (i < e->lines->len)
        write_account (e, g_ptr_array_index (e->lines, i), xml, family);
      else
        write_blank_account (xml, family, i + 1);
    }
  write_settings (e, xml, family);

  write_phone_keys (e, pa_effective_get_keys (e, 0), xml);
  for (guint slot = 1; slot < e->key_sets->len; slot++)
    {
      PaEffectiveKeys *set = pa_effective_get_keys (e, slot);

      if (set->module != NULL)
        units = slot;
      write_sidecar_keys (e, set, xml, family);
    }
  /* How many modules the phone drives (fusionpbx 8841; the SPA's
   * Att Console tab has the same field: UNCONFIRMED). */
  if (e->key_sets->len > 1)
    field_uint (xml, "Number_of_Units", units);

  /* Last, so that an admin's parameter wins over anything generated. */
  write_custom (e, xml);
  pa_xml_writer_end (xml);
}

static char *
device_file_name (const PaEffective *e)
{
  return g_strconcat (e->mac, ".xml", NULL);
}

static GStrv
cisco_list_files (const PaEffective *e)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *common = pa_device_model_get_common_file (e->model);
  g_autofree char *device = device_file_name (e);

  if (common != NULL && common[0] != '\0')
    g_strv_builder_add (builder, common);
  g_strv_builder_add (builder, device);
  return g_strv_builder_end (builder);
}

static GBytes *
cisco_render (const PaEffective *e,
              const char        *file,
              const char       **content_type,
              GError           **error)
{
  g_autoptr(PaXmlWriter) xml = NULL;
  const char *common = pa_device_model_get_common_file (e->model);
  g_autofree char *device = device_file_name (e);

  if (common != NULL && common[0] != '\0' && g_str_equal (file, common))
    {
      xml = pa_xml_writer_new ();
      write_model_file (e, xml);
    }
  else if (g_str_equal (file, device))
    {
      xml = pa_xml_writer_new ();
      write_device_file (e, xml);
    }
  else
    {
      g_set_error (error, PA_RENDER_ERROR, PA_RENDER_ERROR_NO_SUCH_FILE,
                   _("A Cisco %s does not use a file named “%s”"),
                   pa_device_model_get_name (e->model), file);
      return NULL;
    }

  *content_type = CONTENT_TYPE;
  return pa_xml_writer_finish (xml);
}

const PaWriter pa_cisco_writer = {
  .id = "cisco",
  .list_files = cisco_list_files,
  .render = cisco_render,
  .custom_name_ok = cisco_custom_name_ok,
};
