/* pa-profile-inherit.c — what a profile, or a phone, takes from the
 * profiles above it and from the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-profile-inherit"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pa-layouts-page.h"
#include "pa-phone-usage.h"
#include "pa-profile-inherit.h"

static const struct
{
  const char *field;
  const char *title;
} members[PA_PROFILE_N_MEMBERS] = {
  [PA_PROFILE_MEMBER_TIMEZONE] = { "timezone", N_("Time Zone") },
  [PA_PROFILE_MEMBER_NTP_SERVER] = { "ntp_server", N_("NTP Server") },
  [PA_PROFILE_MEMBER_UPDATE_INTERVAL] = { "update_interval", N_("Polling Interval") },
  [PA_PROFILE_MEMBER_LAYOUT] = { "layout_id", N_("Button Layout") },
  [PA_PROFILE_MEMBER_SIP_REGION] = { "sip_region", N_("SIP Region") },
  [PA_PROFILE_MEMBER_ADMIN_PASSWORD] = { "admin_password_policy", N_("Admin Password") },
  [PA_PROFILE_MEMBER_SIP_TRANSPORT] = { "sip_transport", N_("SIP Transport") },
  [PA_PROFILE_MEMBER_SRTP] = { "srtp", N_("Encrypted Media (SRTP)") },
  [PA_PROFILE_MEMBER_DTMF] = { "dtmf", N_("DTMF") },
  [PA_PROFILE_MEMBER_CODECS] = { "codecs", N_("Codecs") },
};

const char *
pa_profile_member_get_field (PaProfileMember member)
{
  g_return_val_if_fail (member < PA_PROFILE_N_MEMBERS, NULL);
  return members[member].field;
}

const char *
pa_profile_member_get_title (PaProfileMember member)
{
  g_return_val_if_fail (member < PA_PROFILE_N_MEMBERS, NULL);
  return _(members[member].title);
}

int
pa_profile_member_for_field (const char *field)
{
  if (field == NULL)
    return -1;
  for (guint i = 0; i < PA_PROFILE_N_MEMBERS; i++)
    {
      gsize len = strlen (members[i].field);

      if (strncmp (field, members[i].field, len) == 0 && (field[len] == '\0' || field[len] == '['))
        return (int) i;
    }
  return -1;
}

static gboolean
text_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

gboolean
pa_profile_member_is_set (PaProfile       *profile,
                          PaProfileMember  member)
{
  g_return_val_if_fail (PA_IS_PROFILE (profile), FALSE);

  switch (member)
    {
    case PA_PROFILE_MEMBER_TIMEZONE:
      return text_set (pa_profile_get_timezone (profile));
    case PA_PROFILE_MEMBER_NTP_SERVER:
      return text_set (pa_profile_get_ntp_server (profile));
    case PA_PROFILE_MEMBER_UPDATE_INTERVAL:
      return pa_profile_get_update_interval (profile) != 0;
    case PA_PROFILE_MEMBER_LAYOUT:
      return pa_profile_get_layout_id (profile) != 0;
    case PA_PROFILE_MEMBER_SIP_REGION:
      return text_set (pa_profile_get_sip_region (profile));
    case PA_PROFILE_MEMBER_ADMIN_PASSWORD:
      return pa_profile_get_admin_password_policy (profile) != PA_ADMIN_PASSWORD_NONE;
    case PA_PROFILE_MEMBER_SIP_TRANSPORT:
      return text_set (pa_profile_get_sip_transport (profile));
    case PA_PROFILE_MEMBER_SRTP:
      return text_set (pa_profile_get_srtp (profile));
    case PA_PROFILE_MEMBER_DTMF:
      return text_set (pa_profile_get_dtmf (profile));
    case PA_PROFILE_MEMBER_CODECS:
      return pa_profile_get_codecs (profile) != NULL;
    case PA_PROFILE_N_MEMBERS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

void
pa_profile_member_copy (PaProfile       *dest,
                        PaProfile       *src,
                        PaProfileMember  member)
{
  g_return_if_fail (PA_IS_PROFILE (dest));
  g_return_if_fail (PA_IS_PROFILE (src));

  switch (member)
    {
    case PA_PROFILE_MEMBER_TIMEZONE:
      pa_profile_set_timezone (dest, pa_profile_get_timezone (src));
      break;
    case PA_PROFILE_MEMBER_NTP_SERVER:
      pa_profile_set_ntp_server (dest, pa_profile_get_ntp_server (src));
      break;
    case PA_PROFILE_MEMBER_UPDATE_INTERVAL:
      pa_profile_set_update_interval (dest, pa_profile_get_update_interval (src));
      break;
    case PA_PROFILE_MEMBER_LAYOUT:
      pa_profile_set_layout_id (dest, pa_profile_get_layout_id (src));
      break;
    case PA_PROFILE_MEMBER_SIP_REGION:
      pa_profile_set_sip_region (dest, pa_profile_get_sip_region (src));
      break;
    case PA_PROFILE_MEMBER_ADMIN_PASSWORD:
      pa_profile_set_admin_password_policy (dest, pa_profile_get_admin_password_policy (src));
      break;
    case PA_PROFILE_MEMBER_SIP_TRANSPORT:
      pa_profile_set_sip_transport (dest, pa_profile_get_sip_transport (src));
      break;
    case PA_PROFILE_MEMBER_SRTP:
      pa_profile_set_srtp (dest, pa_profile_get_srtp (src));
      break;
    case PA_PROFILE_MEMBER_DTMF:
      pa_profile_set_dtmf (dest, pa_profile_get_dtmf (src));
      break;
    case PA_PROFILE_MEMBER_CODECS:
      pa_profile_set_codecs (dest, pa_profile_get_codecs (src));
      break;
    case PA_PROFILE_N_MEMBERS:
    default:
      g_return_if_reached ();
    }
}

void
pa_profile_member_unset (PaProfile       *profile,
                         PaProfileMember  member)
{
  g_autoptr(PaProfile) empty = pa_profile_new ();

  /* A new profile says nothing, but for its polling interval. */
  pa_profile_set_update_interval (empty, 0);
  pa_profile_member_copy (profile, empty, member);
}

const char *
pa_profile_value_label (PaProfileMember  member,
                        const char      *value)
{
  static const struct
  {
    PaProfileMember member;
    const char     *value;
    const char     *label;
  } labels[] = {
    { PA_PROFILE_MEMBER_SIP_TRANSPORT, "udp", N_("UDP") },
    { PA_PROFILE_MEMBER_SIP_TRANSPORT, "tcp", N_("TCP") },
    { PA_PROFILE_MEMBER_SIP_TRANSPORT, "tls", N_("TLS") },
    { PA_PROFILE_MEMBER_SRTP, "on", N_("On") },
    { PA_PROFILE_MEMBER_SRTP, "off", N_("Off") },
    { PA_PROFILE_MEMBER_DTMF, "rfc2833", N_("RFC 2833 (in RTP)") },
    { PA_PROFILE_MEMBER_DTMF, "inband", N_("In-band audio") },
    { PA_PROFILE_MEMBER_DTMF, "info", N_("SIP INFO") },
  };

  for (guint i = 0; value != NULL && i < G_N_ELEMENTS (labels); i++)
    if (labels[i].member == member && g_str_equal (labels[i].value, value))
      return _(labels[i].label);
  return value;
}

static char *
format_minutes (guint minutes)
{
  if (minutes % 1440 == 0)
    return g_strdup_printf (g_dngettext (NULL, "%u day", "%u days", minutes / 1440),
                            minutes / 1440);
  if (minutes % 60 == 0)
    return g_strdup_printf (g_dngettext (NULL, "%u hour", "%u hours", minutes / 60), minutes / 60);
  return g_strdup_printf (g_dngettext (NULL, "%u minute", "%u minutes", minutes), minutes);
}

static char *
format_layout (gint64      id,
               GListModel *layouts)
{
  for (guint i = 0; layouts != NULL && i < g_list_model_get_n_items (layouts); i++)
    {
      g_autoptr(PaLayout) layout = g_list_model_get_item (layouts, i);

      if (pa_resource_get_id (PA_RESOURCE (layout)) == id)
        {
          g_autofree char *model = pa_layout_model_display_name (pa_layout_get_model (layout));

          /* Translators: a layout's name and its phone model, "Front desk (Yealink T54W)" */
          return g_strdup_printf (_("%s (%s)"), pa_layout_get_name (layout), model);
        }
    }
  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

    /* Translators: a layout the app does not know (yet), by its id */
    return g_strdup_printf (_("Layout %s"), number);
  }
}

static const char *
admin_policy_label (PaAdminPasswordMode mode)
{
  switch (mode)
    {
    case PA_ADMIN_PASSWORD_GENERATED:
      return _("Generated by the Server");
    case PA_ADMIN_PASSWORD_MANUAL:
      return _("Set on Each Phone");
    case PA_ADMIN_PASSWORD_NONE:
    default:
      return _("Left Unchanged");
    }
}

char *
pa_profile_member_format (PaProfile       *profile,
                          PaProfileMember  member,
                          GListModel      *layouts)
{
  g_return_val_if_fail (PA_IS_PROFILE (profile), NULL);

  if (!pa_profile_member_is_set (profile, member))
    return NULL;

  switch (member)
    {
    case PA_PROFILE_MEMBER_TIMEZONE:
      return g_strdup (pa_profile_get_timezone (profile));
    case PA_PROFILE_MEMBER_NTP_SERVER:
      return g_strdup (pa_profile_get_ntp_server (profile));
    case PA_PROFILE_MEMBER_UPDATE_INTERVAL:
      return format_minutes (pa_profile_get_update_interval (profile));
    case PA_PROFILE_MEMBER_LAYOUT:
      return format_layout (pa_profile_get_layout_id (profile), layouts);
    case PA_PROFILE_MEMBER_SIP_REGION:
      return g_strdup (pa_profile_get_sip_region (profile));
    case PA_PROFILE_MEMBER_ADMIN_PASSWORD:
      return g_strdup (admin_policy_label (pa_profile_get_admin_password_policy (profile)));
    case PA_PROFILE_MEMBER_SIP_TRANSPORT:
      return g_strdup (pa_profile_value_label (member, pa_profile_get_sip_transport (profile)));
    case PA_PROFILE_MEMBER_SRTP:
      return g_strdup (pa_profile_value_label (member, pa_profile_get_srtp (profile)));
    case PA_PROFILE_MEMBER_DTMF:
      return g_strdup (pa_profile_value_label (member, pa_profile_get_dtmf (profile)));
    case PA_PROFILE_MEMBER_CODECS:
      return g_strjoinv (", ", (char **) pa_profile_get_codecs (profile));
    case PA_PROFILE_N_MEMBERS:
    default:
      g_return_val_if_reached (NULL);
    }
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

char *
pa_profile_member_format_default (PaProfileMember  member,
                                  PaSettings      *settings,
                                  PaProfile       *flat)
{
  g_return_val_if_fail (settings == NULL || PA_IS_SETTINGS (settings), NULL);

  switch (member)
    {
    case PA_PROFILE_MEMBER_TIMEZONE:
      if (settings == NULL)
        return NULL;
      return g_strdup (text_set (pa_settings_get_timezone (settings))
                       ? pa_settings_get_timezone (settings) : _("Not set"));
    case PA_PROFILE_MEMBER_NTP_SERVER:
      if (settings == NULL)
        return NULL;
      return g_strdup (text_set (pa_settings_get_ntp_server (settings))
                       ? pa_settings_get_ntp_server (settings) : _("The phone’s own"));
    case PA_PROFILE_MEMBER_UPDATE_INTERVAL:
      return settings != NULL ? format_minutes (pa_settings_get_update_interval (settings)) : NULL;
    case PA_PROFILE_MEMBER_LAYOUT:
      return g_strdup (_("None"));
    case PA_PROFILE_MEMBER_SIP_REGION:
      return g_strdup (_("None"));
    case PA_PROFILE_MEMBER_ADMIN_PASSWORD:
      return g_strdup (admin_policy_label (PA_ADMIN_PASSWORD_NONE));
    case PA_PROFILE_MEMBER_SIP_TRANSPORT:
      if (settings == NULL)
        return NULL;
      return g_strdup (pa_profile_value_label (member,
                                               transport_name (pa_settings_get_sip_transport (settings))));
    case PA_PROFILE_MEMBER_SRTP:
      {
        /* On with TLS (pa-resolve.c): the transport the lines get. */
        const char *transport = flat != NULL ? pa_profile_get_sip_transport (flat) : NULL;

        if (!text_set (transport))
          {
            if (settings == NULL)
              return NULL;
            transport = transport_name (pa_settings_get_sip_transport (settings));
          }
        return g_strdup (pa_profile_value_label (member, g_str_equal (transport, "tls") ? "on"
                                                                                       : "off"));
      }
    case PA_PROFILE_MEMBER_DTMF:
      return g_strdup (pa_profile_value_label (member, "rfc2833"));
    case PA_PROFILE_MEMBER_CODECS:
      return g_strjoinv (", ", (char **) pa_profile_default_codecs ());
    case PA_PROFILE_N_MEMBERS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ---- chains ---------------------------------------------------------- */

static PaProfile *
find_profile (GListModel *profiles,
              gint64      id)
{
  for (guint i = 0; id != 0 && i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(PaProfile) profile = g_list_model_get_item (profiles, i);

      if (pa_resource_get_id (PA_RESOURCE (profile)) == id)
        return g_steal_pointer (&profile);
    }
  return NULL;
}

static gboolean
chain_has (GPtrArray *chain,
           gint64     id)
{
  for (guint i = 0; i < chain->len; i++)
    if (pa_resource_get_id (g_ptr_array_index (chain, i)) == id)
      return TRUE;
  return FALSE;
}

GPtrArray *
pa_profile_chain_new (GListModel *profiles,
                      gint64      id)
{
  GPtrArray *chain = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (G_IS_LIST_MODEL (profiles), chain);

  while (id != 0 && chain->len < PA_PROFILE_MAX_DEPTH && !chain_has (chain, id))
    {
      PaProfile *profile = find_profile (profiles, id);

      if (profile == NULL)
        break;
      g_ptr_array_add (chain, profile);
      id = pa_profile_get_parent_id (profile);
    }
  return chain;
}

gboolean
pa_profile_parent_allowed (GListModel *profiles,
                           gint64      self_id,
                           PaProfile  *candidate)
{
  g_autoptr(GPtrArray) chain = NULL;

  g_return_val_if_fail (PA_IS_PROFILE (candidate), FALSE);

  chain = pa_profile_chain_new (profiles, pa_resource_get_id (PA_RESOURCE (candidate)));
  /* Itself, or one that inherits from it: a loop. */
  if (self_id != 0 && chain_has (chain, self_id))
    return FALSE;
  /* A chain cut short by a loop among the others is no parent either. */
  if (chain->len > 0 && pa_profile_get_parent_id (g_ptr_array_index (chain, chain->len - 1)) != 0)
    return FALSE;
  return chain->len + 1 <= PA_PROFILE_MAX_DEPTH;
}

guint
pa_profile_count_phones (PaProfile  *profile,
                         GListModel *phones)
{
  return pa_phones_count_using (phones, PA_PHONE_USES_PROFILE,
                                pa_resource_get_id (PA_RESOURCE (profile)));
}

guint
pa_profile_count_children (PaProfile  *profile,
                           GListModel *profiles)
{
  gint64 id = pa_resource_get_id (PA_RESOURCE (profile));
  guint count = 0;

  for (guint i = 0; id != 0 && i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(PaProfile) other = g_list_model_get_item (profiles, i);

      count += pa_profile_get_parent_id (other) == id;
    }
  return count;
}

/* ---- inheritance ------------------------------------------------------ */

PaInheritance *
pa_inheritance_new (GListModel *profiles,
                    gint64      parent_id)
{
  PaInheritance *inheritance = g_new0 (PaInheritance, 1);

  inheritance->chain = pa_profile_chain_new (profiles, parent_id);
  if (inheritance->chain->len > 0)
    inheritance->flat = pa_profile_flatten (inheritance->chain);
  return inheritance;
}

void
pa_inheritance_free (PaInheritance *inheritance)
{
  if (inheritance == NULL)
    return;
  g_clear_pointer (&inheritance->chain, g_ptr_array_unref);
  g_clear_object (&inheritance->flat);
  g_free (inheritance);
}

PaProfile *
pa_inheritance_get_source (PaInheritance   *inheritance,
                           PaProfileMember  member)
{
  g_return_val_if_fail (inheritance != NULL, NULL);

  /* Only where the flattened profile has it: then the nearest that sets it
   * is the one it came from. */
  if (inheritance->flat == NULL || !pa_profile_member_is_set (inheritance->flat, member))
    return NULL;
  for (guint i = 0; i < inheritance->chain->len; i++)
    if (pa_profile_member_is_set (g_ptr_array_index (inheritance->chain, i), member))
      return g_ptr_array_index (inheritance->chain, i);
  return NULL;
}

char *
pa_inheritance_format (PaInheritance   *inheritance,
                       PaProfileMember  member,
                       GListModel      *layouts,
                       PaSettings      *settings)
{
  g_return_val_if_fail (inheritance != NULL, NULL);

  if (inheritance->flat != NULL && pa_profile_member_is_set (inheritance->flat, member))
    return pa_profile_member_format (inheritance->flat, member, layouts);
  return pa_profile_member_format_default (member, settings, inheritance->flat);
}

PaProfile *
pa_inheritance_param_source (PaInheritance *inheritance,
                             const char    *vendor,
                             const char    *name)
{
  g_return_val_if_fail (inheritance != NULL, NULL);

  for (guint i = 0; i < inheritance->chain->len; i++)
    if (pa_profile_get_custom_param (g_ptr_array_index (inheritance->chain, i), vendor, name) != NULL)
      return g_ptr_array_index (inheritance->chain, i);
  return NULL;
}

static int
compare_keys (const void *a,
              const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

GStrv
pa_inheritance_dup_param_keys (PaInheritance *inheritance)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;
  GStrv out;

  g_return_val_if_fail (inheritance != NULL, NULL);

  if (inheritance->flat == NULL)
    return g_new0 (char *, 1);
  keys = g_hash_table_get_keys_as_array (pa_profile_get_custom_params (inheritance->flat), &n);
  out = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    out[i] = g_strdup (keys[i]);
  qsort (out, n, sizeof (char *), compare_keys);
  return out;
}
