/* pa-user-agent-invariants.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain C and GLib, no test framework, so libFuzzer can link it: every
 * check returns a sentence instead of asserting.
 */
#include "config.h"

#include <string.h>

#include "pa-catalog.h"
#include "pa-mac.h"
#include "pa-user-agent-invariants.h"

char *
pa_user_agent_prepare_like_provd (const guint8 *data,
                                  gsize         size)
{
  /* g_strndup stops at a NUL, as a C string from libsoup would. */
  g_autofree char *cut = g_strndup ((const char *) data, MIN (size, PA_USER_AGENT_MAX_LEN));
  g_autofree char *clean = g_utf8_make_valid (cut, -1);

  return g_memdup2 (clean, strlen (clean) + 1);
}

static gboolean
all_null (const PaUserAgentInfo *info)
{
  return info->vendor_id == NULL && info->model == NULL &&
         info->firmware == NULL && info->mac == NULL;
}

static gboolean
same_info (const PaUserAgentInfo *a,
           const PaUserAgentInfo *b)
{
  return g_strcmp0 (a->vendor_id, b->vendor_id) == 0 &&
         g_strcmp0 (a->model, b->model) == 0 &&
         g_strcmp0 (a->firmware, b->firmware) == 0 &&
         g_strcmp0 (a->mac, b->mac) == 0;
}

/* Valid UTF-8 with no control character (nor any other non-printable one). */
static gboolean
is_printable (const char *s)
{
  if (!g_utf8_validate (s, -1, NULL))
    return FALSE;
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isprint (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
has_space (const char *s)
{
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static const char *
check_success (const PaUserAgentInfo *info)
{
  gsize model_len;

  if (info->vendor_id == NULL)
    return "TRUE without a vendor_id";
  if (pa_catalog_get_vendor (pa_catalog_get_default (), info->vendor_id) == NULL)
    return "vendor_id is not a vendor of the catalog";

  if (info->model == NULL)
    return "TRUE without a model";
  model_len = strlen (info->model);
  if (model_len == 0)
    return "the model is empty";
  if (model_len > PA_USER_AGENT_INVARIANT_MODEL_MAX)
    return "the model is longer than PA_USER_AGENT_INVARIANT_MODEL_MAX bytes";
  if (!is_printable (info->model))
    return "the model is not printable UTF-8";
  if (g_unichar_isspace (g_utf8_get_char (info->model)) ||
      g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (info->model + model_len))))
    return "the model starts or ends with white space";

  if (info->firmware != NULL)
    {
      if (*info->firmware == '\0')
        return "the firmware is empty rather than NULL";
      if (!is_printable (info->firmware))
        return "the firmware is not printable UTF-8";
      if (has_space (info->firmware))
        return "the firmware holds white space";
    }

  if (info->mac != NULL && !pa_mac_is_valid (info->mac))
    return "the MAC is not a normalised MAC";
  return NULL;
}

/* One parse of the NUL-terminated @ua, checked, then repeated into a struct
 * full of junk (which the parser must overwrite, not read or free) and
 * compared; @info keeps the first result. */
static const char *
check_parse (const char      *ua,
             PaUserAgentInfo *info)
{
  static char junk[] = "junk";
  PaUserAgentInfo again = { junk, junk, junk, junk };
  gboolean ok = pa_user_agent_parse (ua, info);
  gboolean ok_again;
  const char *problem;

  if (ok)
    problem = check_success (info);
  else
    problem = all_null (info) ? NULL : "FALSE with a member not NULL";
  if (problem != NULL)
    return problem;

  ok_again = pa_user_agent_parse (ua, &again);
  if (ok_again != ok)
    return "parsing twice gave TRUE once and FALSE once";
  if (!same_info (info, &again))
    return "parsing twice gave different members";
  pa_user_agent_info_clear (&again);
  if (!all_null (&again))
    return "pa_user_agent_info_clear left a member set";
  pa_user_agent_info_clear (&again);   /* clearing twice is harmless */
  return NULL;
}

const char *
pa_user_agent_check_invariants (const guint8    *data,
                                gsize            size,
                                PaUserAgentInfo *info)
{
  g_autofree char *clean = pa_user_agent_prepare_like_provd (data, size);
  g_autofree char *raw = g_malloc (size + 1);
  PaUserAgentInfo scratch = { 0 };
  PaUserAgentInfo raw_info = { 0 };
  const char *problem;

  if (info == NULL)
    info = &scratch;

  problem = check_parse (clean, info);
  if (problem == NULL)
    {
      /* The parser takes any C string, not only what provd hands it:
       * invalid UTF-8, over-long, cut short by a NUL. */
      memcpy (raw, data, size);
      raw[size] = '\0';
      problem = check_parse (raw, &raw_info);
      pa_user_agent_info_clear (&raw_info);
    }
  if (problem != NULL || info == &scratch)
    pa_user_agent_info_clear (info);
  return problem;
}
