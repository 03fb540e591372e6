/* pa-scan-credential.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-scan-credential"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pa-csv.h"
#include "pa-scan-credential.h"

struct _PaScanCredential
{
  GObject   parent_instance;

  gint64    phone_id;
  char     *name;
  char     *mac;
  char     *setup_link;
  char     *username;
  char     *password;
  gboolean  seen;
  gboolean  saved;
};

G_DEFINE_FINAL_TYPE (PaScanCredential, pa_scan_credential, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_MAC,
  PROP_HAS_PASSWORD,
  PROP_SEEN,
  PROP_SAVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wipe_string (char **str)
{
  if (*str != NULL)
    memset (*str, 0, strlen (*str));
  g_clear_pointer (str, g_free);
}

static void
pa_scan_credential_finalize (GObject *object)
{
  PaScanCredential *self = PA_SCAN_CREDENTIAL (object);

  wipe_string (&self->password);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->mac, g_free);
  g_clear_pointer (&self->setup_link, g_free);
  g_clear_pointer (&self->username, g_free);

  G_OBJECT_CLASS (pa_scan_credential_parent_class)->finalize (object);
}

static void
pa_scan_credential_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PaScanCredential *self = PA_SCAN_CREDENTIAL (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_MAC:
      g_value_set_string (value, self->mac);
      break;
    case PROP_HAS_PASSWORD:
      g_value_set_boolean (value, self->password != NULL);
      break;
    case PROP_SEEN:
      g_value_set_boolean (value, self->seen);
      break;
    case PROP_SAVED:
      g_value_set_boolean (value, self->saved);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_scan_credential_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PaScanCredential *self = PA_SCAN_CREDENTIAL (object);

  switch (prop_id)
    {
    case PROP_SEEN:
      pa_scan_credential_set_seen (self, g_value_get_boolean (value));
      break;
    case PROP_SAVED:
      pa_scan_credential_set_saved (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_scan_credential_class_init (PaScanCredentialClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pa_scan_credential_finalize;
  object_class->get_property = pa_scan_credential_get_property;
  object_class->set_property = pa_scan_credential_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAC] =
    g_param_spec_string ("mac", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_PASSWORD] =
    g_param_spec_boolean ("has-password", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SEEN] =
    g_param_spec_boolean ("seen", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SAVED] =
    g_param_spec_boolean ("saved", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pa_scan_credential_init (PaScanCredential *self)
{
}

PaScanCredential *
pa_scan_credential_new (gint64      phone_id,
                        const char *name,
                        const char *mac,
                        const char *setup_link,
                        const char *username,
                        const char *password)
{
  PaScanCredential *self = g_object_new (PA_TYPE_SCAN_CREDENTIAL, NULL);

  self->phone_id = phone_id;
  self->name = g_strdup (name != NULL ? name : "");
  self->mac = g_strdup (mac != NULL ? mac : "");
  self->setup_link = g_strdup (setup_link);
  self->username = g_strdup (username);
  self->password = g_strdup (password);
  return self;
}

gint64
pa_scan_credential_get_phone_id (PaScanCredential *self)
{
  g_return_val_if_fail (PA_IS_SCAN_CREDENTIAL (self), 0);
  return self->phone_id;
}

const char *
pa_scan_credential_get_name (PaScanCredential *self)
{
  g_return_val_if_fail (PA_IS_SCAN_CREDENTIAL (self), NULL);
  return self->name;
}

const char *
pa_scan_credential_get_mac (PaScanCredential *self)
{
  g_return_val_if_fail (PA_IS_SCAN_CREDENTIAL (self), NULL);
  return self->mac;
}

const char *
pa_scan_credential_get_setup_link (PaScanCredential *self)
{
  g_return_val_if_fail (PA_IS_SCAN_CREDENTIAL (self), NULL);
  return self->setup_link;
}

const char *
pa_scan_credential_get_username (PaScanCredential *self)
{
  g_return_val_if_fail (PA_IS_SCAN_CREDENTIAL (self), NULL);
  return self->username;
}

const char *
pa_scan_credential_get_password (PaScanCredential *self)
{
  g_return_val_if_fail (PA_IS_SCAN_CREDENTIAL (self), NULL);
  return self->password;
}

gboolean
pa_scan_credential_get_seen (PaScanCredential *self)
{
  g_return_val_if_fail (PA_IS_SCAN_CREDENTIAL (self), FALSE);
  return self->seen;
}

void
pa_scan_credential_set_seen (PaScanCredential *self,
                             gboolean          seen)
{
  g_return_if_fail (PA_IS_SCAN_CREDENTIAL (self));

  seen = !!seen;
  if (self->seen == seen)
    return;
  self->seen = seen;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEEN]);
}

gboolean
pa_scan_credential_get_saved (PaScanCredential *self)
{
  g_return_val_if_fail (PA_IS_SCAN_CREDENTIAL (self), FALSE);
  return self->saved;
}

void
pa_scan_credential_set_saved (PaScanCredential *self,
                              gboolean          saved)
{
  g_return_if_fail (PA_IS_SCAN_CREDENTIAL (self));

  saved = !!saved;
  if (self->saved == saved)
    return;
  self->saved = saved;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED]);
}

void
pa_scan_credential_wipe (PaScanCredential *self)
{
  g_return_if_fail (PA_IS_SCAN_CREDENTIAL (self));

  if (self->password == NULL)
    return;
  wipe_string (&self->password);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_PASSWORD]);
}

/* ---- text and CSV --------------------------------------------------- */

static void
append_one_line (GString    *out,
                 const char *value)
{
  for (const char *p = value != NULL ? value : ""; *p != '\0'; p++)
    g_string_append_c (out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

char *
pa_scan_credentials_to_text (GListModel *credentials)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (credentials), NULL);

  n = g_list_model_get_n_items (credentials);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaScanCredential) c = g_list_model_get_item (credentials, i);
      const char *values[] = { c->name, c->mac, c->setup_link, c->username, c->password };

      for (guint j = 0; j < G_N_ELEMENTS (values); j++)
        {
          if (j > 0)
            g_string_append_c (out, '\t');
          append_one_line (out, values[j]);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
pa_scan_credentials_to_csv (GListModel *credentials)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *header[] = {
    _("Name"), _("MAC Address"), _("Setup Link"), _("SIP Username"), _("SIP Password"),
  };
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (credentials), NULL);

  pa_csv_append_row (out, header, G_N_ELEMENTS (header), ',');
  n = g_list_model_get_n_items (credentials);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaScanCredential) c = g_list_model_get_item (credentials, i);
      const char *values[] = { c->name, c->mac, c->setup_link, c->username, c->password };

      pa_csv_append_row (out, values, G_N_ELEMENTS (values), ',');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static guint
count_where (GListModel *credentials,
             gboolean    need_saved)
{
  guint n, count = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (credentials), 0);

  n = g_list_model_get_n_items (credentials);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaScanCredential) c = g_list_model_get_item (credentials, i);

      if (c->password == NULL || c->saved)
        continue;
      if (need_saved || !c->seen)
        count++;
    }
  return count;
}

guint
pa_scan_credentials_count_unseen (GListModel *credentials)
{
  return count_where (credentials, FALSE);
}

guint
pa_scan_credentials_count_unsaved (GListModel *credentials)
{
  return count_where (credentials, TRUE);
}
