/* pa-user-agent.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-user-agent"

#include "config.h"

#include "pa-mac.h"
#include "pa-user-agent.h"

#define MODEL_MAX_LEN 64

/* One pattern per User-Agent family, as the phones send them (provisioning
 * facts §2). Named groups: model, fw, mac; the MAC, when a family carries it
 * elsewhere, is searched separately with mac_pattern. */
typedef struct
{
  const char *vendor_id;
  const char *pattern;
  const char *mac_pattern;   /* nullable: searched after the match */
} UaFormat;

static const UaFormat formats[] = {
  /* Yealink SIP-T54W 96.87.0.15 80:5e:c0:12:34:56 (T5x: no colons) */
  { "yealink",
    "^Yealink\\s+(?:SIP[- ])?(?<model>[A-Za-z0-9][A-Za-z0-9_-]*)"
    /* a version has a dot: a bare MAC right after the model is the MAC */
    "(?:\\s+(?<fw>[0-9][0-9A-Za-z_-]*\\.[0-9A-Za-z._-]*))?"
    "(?:\\s+(?<mac>[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{12})(?=\\s|$))?",
    NULL },
  /* FileTransport PolycomVVX-VVX_400-UA/4.1.4.7430 Type/Application */
  { "polycom",
    "(?:^|\\s)Polycom[A-Za-z]*-(?<model>[A-Za-z0-9][A-Za-z0-9_]*)-UA/(?<fw>[0-9][0-9A-Za-z._]*)",
    NULL },
  /* Grandstream Model HW GXP2170 SW 1.0.11.85 DevId 000b82865e6a */
  { "grandstream",
    "^Grandstream\\s+Model\\s+HW\\s+(?<model>[A-Za-z0-9][A-Za-z0-9_-]*)"
    /* a hardware revision ("V1.4A") may sit between the model and SW */
    "(?:\\s+V[^\\s]+)?"
    "(?:\\s+SW\\s+(?<fw>[0-9][0-9A-Za-z._-]*))?",
    "\\sDevId\\s+(?<mac>[0-9A-Fa-f]{12})\\b" },
  /* Grandstream GXP2000 (gxp2000e.bin:1.2.5.3/…) DevId 000b822726c8 */
  { "grandstream",
    "^Grandstream\\s+(?<model>[A-Za-z]+[0-9][A-Za-z0-9_-]*)"
    "(?:\\s+\\([^):]*:(?<fw>[0-9][0-9A-Za-z._-]*))?",
    "\\sDevId\\s+(?<mac>[0-9A-Fa-f]{12})\\b" },
  /* Cisco-CP-8841-3PCC/11.0 (00562b043615) */
  { "cisco",
    "^Cisco-(?<model>[A-Za-z0-9][A-Za-z0-9-]*?)(?:-3PCC)?/(?<fw>[0-9][0-9A-Za-z._()-]*)",
    "\\((?<mac>[0-9A-Fa-f]{12})\\)" },
  /* Cisco/SPA508G-7.4.4 (0002FDFF2103)(CBT141400UK), Linksys/SPA-942-6.1.5(a) */
  { "cisco",
    "^(?:Cisco|Linksys)/(?<model>[A-Za-z0-9][A-Za-z0-9-]*)-(?<fw>[0-9][0-9A-Za-z._()]*)(?:\\s|$)",
    "\\((?<mac>[0-9A-Fa-f]{12})\\)" },
  /* Mozilla/4.0 (compatible; snomD785-SIP 10.1.33.33 2010.12-… 000413922D24 …) */
  { "snom",
    "(?:^|[\\s;(])snom(?<model>[A-Za-z0-9]+)-SIP(?:\\s+(?<fw>[0-9][0-9A-Za-z._-]*))?",
    "(?:^|\\s)(?<mac>[0-9A-Fa-f]{12})(?=[\\s;)]|$)" },
  /* Fanvil X6U Pro 0.0.10 0c383e2cd782 */
  { "fanvil",
    "^Fanvil\\s+(?<model>[A-Za-z0-9][A-Za-z0-9_ -]*?)\\s+(?<fw>[0-9]+(?:\\.[0-9A-Za-z]+)+)(?=\\s|$)"
    "(?:\\s+(?<mac>[0-9A-Fa-f]{12}|[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})(?=\\s|$))?",
    NULL },
};

typedef struct
{
  GRegex *pattern;
  GRegex *mac_pattern;
} CompiledFormat;

static CompiledFormat *
compiled_formats (void)
{
  static gsize initialized = 0;
  static CompiledFormat compiled[G_N_ELEMENTS (formats)];

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        {
          g_autoptr(GError) error = NULL;

          compiled[i].pattern = g_regex_new (formats[i].pattern, G_REGEX_OPTIMIZE, 0, &error);
          g_assert_no_error (error);
          if (formats[i].mac_pattern != NULL)
            {
              compiled[i].mac_pattern = g_regex_new (formats[i].mac_pattern, G_REGEX_OPTIMIZE,
                                                     0, &error);
              g_assert_no_error (error);
            }
        }
      g_once_init_leave (&initialized, 1);
    }
  return compiled;
}

/* Empty optional groups come back as "", which callers should see as NULL. */
static char *
fetch_named (GMatchInfo *match,
             const char *name)
{
  char *value = g_match_info_fetch_named (match, name);

  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static gboolean
try_format (const UaFormat       *format,
            const CompiledFormat *compiled,
            const char           *ua,
            PaUserAgentInfo      *out)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *model = NULL;
  g_autofree char *mac_text = NULL;

  if (!g_regex_match (compiled->pattern, ua, 0, &match))
    return FALSE;

  model = fetch_named (match, "model");
  if (model == NULL)
    return FALSE;
  g_strchomp (model);
  if (*model == '\0' || strlen (model) > MODEL_MAX_LEN)
    return FALSE;

  if (compiled->mac_pattern != NULL)
    {
      g_autoptr(GMatchInfo) mac_match = NULL;

      if (g_regex_match (compiled->mac_pattern, ua, 0, &mac_match))
        mac_text = fetch_named (mac_match, "mac");
    }
  else
    mac_text = fetch_named (match, "mac");

  out->vendor_id = g_strdup (format->vendor_id);
  out->model = g_steal_pointer (&model);
  out->firmware = fetch_named (match, "fw");
  /* A MAC that is not a usable address (all zeros on a lab unit) is left
   * out rather than failing the whole parse: vendor and model still help. */
  out->mac = mac_text != NULL ? pa_mac_normalize (mac_text, NULL) : NULL;
  return TRUE;
}

gboolean
pa_user_agent_parse (const char      *ua,
                     PaUserAgentInfo *out)
{
  CompiledFormat *compiled;
  gsize len;

  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  if (ua == NULL)
    return FALSE;
  len = strnlen (ua, PA_USER_AGENT_MAX_LEN + 1);
  if (len == 0 || len > PA_USER_AGENT_MAX_LEN || !g_utf8_validate (ua, len, NULL))
    return FALSE;

  compiled = compiled_formats ();
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (try_format (&formats[i], &compiled[i], ua, out))
        return TRUE;
    }
  return FALSE;
}

void
pa_user_agent_info_clear (PaUserAgentInfo *info)
{
  if (info == NULL)
    return;

  g_clear_pointer (&info->vendor_id, g_free);
  g_clear_pointer (&info->model, g_free);
  g_clear_pointer (&info->firmware, g_free);
  g_clear_pointer (&info->mac, g_free);
}
