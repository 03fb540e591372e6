/* pa-csv-names.c — the catalog's models and the agents by the names
 * people write in a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-csv"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>

#include "pa-csv-private.h"
#include "pa-error.h"
#include "pa-mac.h"
#include "pa-resource-private.h"

/* Echoed values are cut here, so that a runaway quoted value does not
 * become a message of megabytes. */
#define ECHO_MAX_CHARS 40

/* Without Unicode white space at either end, as pa_mac_normalize() and
 * the phone's name rule see it (a no-break space from a web page too). */
char *
pa_csv_trim_dup (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start && g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);
  return g_strndup (start, end - start);
}

char *
pa_csv_echo (const char *text)
{
  if (g_utf8_strlen (text, -1) <= ECHO_MAX_CHARS)
    return g_strdup (text);
  {
    g_autofree char *head = g_utf8_substring (text, 0, ECHO_MAX_CHARS);

    return g_strconcat (head, "…", NULL);
  }
}

/* Lower case, runs of blanks, '_' and '-' as one space: "MAC_Address"
 * and "mac address" name one column. */
char *
pa_csv_fold_header_name (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_new (NULL);
  gboolean gap = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '_' || c == '-')
        gap = out->len > 0;
      else
        {
          if (gap)
            g_string_append_c (out, ' ');
          gap = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

/* Case and everything but letters and digits dropped: "Yealink T54W",
 * "yealink-t54w" and "YEALINK t54w" are one key, as are "Polycom VVX 250"
 * and "polycom-vvx250". */
static char *
compact_key (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

/* ------------------------------------------------------------------ */
/* The catalog by the names people write                              */

/* Stands for a key that more than one model answers to. */
static char ambiguous;


static void
index_add (GHashTable *table,
           char       *key,
           gpointer    value)
{
  gpointer known = g_hash_table_lookup (table, key);

  if (key[0] == '\0' || known == value)
    g_free (key);
  else if (known == NULL)
    g_hash_table_insert (table, key, value);
  else
    g_hash_table_insert (table, key, &ambiguous);
}

void
pa_csv_model_index_init (PaCsvModelIndex *index,
                         PaCatalog  *catalog)
{
  GListModel *vendors = pa_catalog_get_vendors (catalog);
  GListModel *models = pa_catalog_get_models (catalog);

  index->catalog = catalog;
  index->vendors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (vendors); i++)
    {
      g_autoptr(PaVendor) vendor = g_list_model_get_item (vendors, i);

      index_add (index->vendors, compact_key (pa_vendor_get_id (vendor)), vendor);
      index_add (index->vendors, compact_key (pa_vendor_get_name (vendor)), vendor);
    }

  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(PaDeviceModel) model = g_list_model_get_item (models, i);
      const char *name = pa_device_model_get_name (model);
      const char *vendor_id = pa_device_model_get_vendor_id (model);
      PaVendor *vendor = pa_catalog_get_vendor (catalog, vendor_id);
      g_autofree char *by_id = g_strconcat (vendor_id, " ", name, NULL);

      index_add (index->models, compact_key (pa_device_model_get_id (model)), model);
      index_add (index->models, compact_key (by_id), model);
      if (vendor != NULL)
        {
          g_autofree char *display = g_strconcat (pa_vendor_get_name (vendor), " ", name, NULL);

          index_add (index->models, compact_key (display), model);
        }
      index_add (index->names, compact_key (name), model);
    }
}

void
pa_csv_model_index_clear (PaCsvModelIndex *index)
{
  g_clear_pointer (&index->vendors, g_hash_table_unref);
  g_clear_pointer (&index->models, g_hash_table_unref);
  g_clear_pointer (&index->names, g_hash_table_unref);
}

static char *
vendor_names (PaCatalog *catalog)
{
  GListModel *vendors = pa_catalog_get_vendors (catalog);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (vendors); i++)
    {
      g_autoptr(PaVendor) vendor = g_list_model_get_item (vendors, i);

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, pa_vendor_get_name (vendor));
    }
  return g_string_free (out, FALSE);
}

/* @brand is NULL or "" when the file has one column for the phone; the
 * error's field says which column is wrong. */
PaDeviceModel *
pa_csv_resolve_model (PaCsvModelIndex  *index,
                      const char  *brand,
                      const char  *model,
                      GError     **error)
{
  g_autofree char *model_key = NULL;
  g_autofree char *model_echo = NULL;
  PaVendor *vendor = NULL;
  PaDeviceModel *found;

  if (model == NULL)
    model = "";
  model_key = compact_key (model);
  model_echo = pa_csv_echo (model);

  if (brand != NULL && brand[0] != '\0')
    {
      g_autofree char *brand_key = compact_key (brand);
      g_autofree char *brand_echo = pa_csv_echo (brand);

      vendor = g_hash_table_lookup (index->vendors, brand_key);
      if (vendor == NULL)
        {
          g_autofree char *known = vendor_names (index->catalog);

          pa_set_field_error (error, PA_MODEL_ERROR_RULE, "vendor",
                              _("Unknown brand “%s”; the brands PhoneAdmin knows are %s"),
                              brand_echo, known);
          return NULL;
        }
      if (model_key[0] == '\0')
        {
          pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "model",
                              _("No %s model given"), pa_vendor_get_name (vendor));
          return NULL;
        }

      /* The model's name within the brand first, then anything that
       * names a model by itself (an id, "Brand Model"). */
      {
        g_autofree char *within = g_strconcat (brand_key, model_key, NULL);

        found = g_hash_table_lookup (index->models, within);
      }
      if (found == NULL || found == (gpointer) &ambiguous)
        found = g_hash_table_lookup (index->models, model_key);
      if (found == NULL || found == (gpointer) &ambiguous)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_RULE, "model",
                              _("%s makes no model “%s” that PhoneAdmin knows"),
                              pa_vendor_get_name (vendor), model_echo);
          return NULL;
        }
      if (!g_str_equal (pa_device_model_get_vendor_id (found), pa_vendor_get_id (vendor)))
        {
          PaVendor *other = pa_catalog_get_vendor (index->catalog,
                                                   pa_device_model_get_vendor_id (found));

          pa_set_field_error (error, PA_MODEL_ERROR_RULE, "model",
                              _("The %s is a %s phone, not a %s one"),
                              pa_device_model_get_name (found),
                              other != NULL ? pa_vendor_get_name (other)
                                            : pa_device_model_get_vendor_id (found),
                              pa_vendor_get_name (vendor));
          return NULL;
        }
      return found;
    }

  if (model_key[0] == '\0')
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "model",
                          _("No phone model given; write the brand and the model, such as "
                            "“Yealink T54W”"));
      return NULL;
    }
  found = g_hash_table_lookup (index->models, model_key);
  if (found == NULL)
    found = g_hash_table_lookup (index->names, model_key);
  if (found == (gpointer) &ambiguous)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_RULE, "model",
                          _("“%s” could be more than one model; write the brand before it"),
                          model_echo);
      return NULL;
    }
  if (found == NULL)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_RULE, "model",
                          _("Unknown phone model “%s”; write the brand and the model, such as "
                            "“Yealink T54W”"),
                          model_echo);
      return NULL;
    }
  return found;
}

/* Which agent it is can only be told with the agents at hand; here only
 * whether it can be one at all: an extension is digits, an e-mail address
 * has an '@' with something on both sides. */
gboolean
pa_csv_check_agent (const char  *agent,
                    GError     **error)
{
  const char *at;
  gboolean digits = TRUE;
  gboolean blanks = FALSE;

  if (agent == NULL)
    return TRUE;

  for (const char *p = agent; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
        blanks = TRUE;
      if (!g_ascii_isdigit (*p))
        digits = FALSE;
    }
  at = strchr (agent, '@');
  if (digits || (!blanks && at != NULL && at != agent && at[1] != '\0'))
    return TRUE;

  {
    g_autofree char *agent_echo = pa_csv_echo (agent);

    pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "agent",
                        _("“%s” is neither an extension (digits, such as 1001) nor an e-mail "
                          "address"),
                        agent_echo);
  }
  return FALSE;
}
