/* pa-config-inputs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-config-inputs"

#include "config.h"

#include <string.h>

#include "pa-config-inputs.h"

GArray *
pa_config_inputs_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (PaConfigInput));
}

static PaConfigInput *
find (GArray     *inputs,
      const char *kind,
      gint64      id)
{
  for (guint i = 0; i < inputs->len; i++)
    {
      PaConfigInput *input = &g_array_index (inputs, PaConfigInput, i);

      if (input->id == id && g_str_equal (input->kind, kind))
        return input;
    }
  return NULL;
}

void
pa_config_inputs_add (GArray     *inputs,
                      const char *kind,
                      gint64      id,
                      gint64      revision)
{
  PaConfigInput input = { g_intern_string (kind), id, revision };

  g_return_if_fail (inputs != NULL);
  g_return_if_fail (kind != NULL);

  /* A phone reads a handful of inputs: a linear search is the cheap way. */
  if (find (inputs, kind, id) == NULL)
    g_array_append_val (inputs, input);
}

gint64
pa_config_inputs_lookup (GArray     *inputs,
                         const char *kind,
                         gint64      id)
{
  PaConfigInput *input;

  g_return_val_if_fail (inputs != NULL, -1);

  input = find (inputs, kind, id);
  return input != NULL ? input->revision : -1;
}

static gint
compare_inputs (gconstpointer a,
                gconstpointer b)
{
  const PaConfigInput *x = a, *y = b;
  int by_kind = strcmp (x->kind, y->kind);

  if (by_kind != 0)
    return by_kind;
  return x->id < y->id ? -1 : x->id > y->id;
}

char *
pa_config_inputs_fingerprint (GArray *inputs)
{
  g_autoptr(GArray) sorted = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_return_val_if_fail (inputs != NULL, NULL);

  sorted = g_array_copy (inputs);
  g_array_sort (sorted, compare_inputs);
  for (guint i = 0; i < sorted->len; i++)
    {
      const PaConfigInput *input = &g_array_index (sorted, PaConfigInput, i);
      char line[96];

      g_snprintf (line, sizeof line, "%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                  input->kind, input->id, input->revision);
      g_checksum_update (checksum, (const guchar *) line, -1);
    }
  return g_strndup (g_checksum_get_string (checksum), 32);
}

gint64
pa_config_inputs_revision_of (const char *text)
{
  guint8 digest[32];
  gsize length = sizeof digest;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint64 value = 0;

  g_checksum_update (checksum, (const guchar *) (text != NULL ? text : ""), -1);
  g_checksum_get_digest (checksum, digest, &length);
  for (guint i = 0; i < 8; i++)
    value = value << 8 | digest[i];
  return (gint64) (value >> 2);
}

char *
pa_config_inputs_served_fingerprint (const char *stored,
                                     gint64      program_revision,
                                     gint64      catalog_revision)
{
  g_autoptr(GArray) inputs = NULL;

  if (stored == NULL)
    return NULL;
  inputs = pa_config_inputs_new ();
  pa_config_inputs_add (inputs, "phone_inputs", 0, pa_config_inputs_revision_of (stored));
  pa_config_inputs_add (inputs, "program", 0, program_revision);
  pa_config_inputs_add (inputs, "catalog", 0, catalog_revision);
  return pa_config_inputs_fingerprint (inputs);
}
