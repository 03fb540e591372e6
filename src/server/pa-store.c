/* pa-store.c — the storage interface of phoneadmin-provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-store"

#include "config.h"

#include "pa-agent.h"
#include "pa-layout.h"
#include "pa-module-layout.h"
#include "pa-phone.h"
#include "pa-profile.h"
#include "pa-sip-account.h"
#include "pa-store.h"
#include "pa-token.h"

G_DEFINE_QUARK (pa-store-error-quark, pa_store_error)

G_DEFINE_INTERFACE (PaStore, pa_store, G_TYPE_OBJECT)

static void
pa_store_default_init (PaStoreInterface *iface)
{
}

void
pa_discovered_phone_free (PaDiscoveredPhone *phone)
{
  if (phone == NULL)
    return;
  g_free (phone->mac);
  g_free (phone->ip);
  g_free (phone->user_agent);
  g_free (phone);
}

GType
pa_store_type_from_kind (const char *kind)
{
  if (kind == NULL)
    return G_TYPE_INVALID;
  if (g_str_equal (kind, "agent"))
    return PA_TYPE_AGENT;
  if (g_str_equal (kind, "sip_account"))
    return PA_TYPE_SIP_ACCOUNT;
  if (g_str_equal (kind, "phone"))
    return PA_TYPE_PHONE;
  if (g_str_equal (kind, "layout"))
    return PA_TYPE_LAYOUT;
  if (g_str_equal (kind, "module_layout"))
    return PA_TYPE_MODULE_LAYOUT;
  if (g_str_equal (kind, "profile"))
    return PA_TYPE_PROFILE;
  return G_TYPE_INVALID;
}

#define IFACE(self) PA_STORE_GET_IFACE (self)

gboolean
pa_store_begin (PaStore  *self,
                GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return IFACE (self)->begin (self, error);
}

gboolean
pa_store_commit (PaStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return IFACE (self)->commit (self, error);
}

void
pa_store_rollback (PaStore *self)
{
  g_return_if_fail (PA_IS_STORE (self));

  IFACE (self)->rollback (self);
}

PaResource *
pa_store_get (PaStore  *self,
              GType     type,
              gint64    id,
              GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, PA_TYPE_RESOURCE), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->get (self, type, id, error);
}

GPtrArray *
pa_store_list (PaStore             *self,
               GType                type,
               const PaStoreQuery  *query,
               gint64              *out_total,
               GError             **error)
{
  static const PaStoreQuery everything = { 0 };

  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, PA_TYPE_RESOURCE), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->list (self, type, query ? query : &everything, out_total, error);
}

/* Bumped by every write that can change what a phone's files say, so a
 * cached file is known stale without asking what changed. Kept beside the
 * object, since every backend writes only through these wrappers. */
static GQuark
sequence_quark (void)
{
  return g_quark_from_static_string ("pa-store-change-sequence");
}

static gboolean
changed (PaStore  *self,
         gboolean  ok)
{
  if (ok)
    {
      guint64 sequence = GPOINTER_TO_SIZE (g_object_get_qdata (G_OBJECT (self), sequence_quark ()));

      g_object_set_qdata (G_OBJECT (self), sequence_quark (), GSIZE_TO_POINTER (sequence + 1));
    }
  return ok;
}

guint64
pa_store_get_change_sequence (PaStore *self)
{
  g_return_val_if_fail (PA_IS_STORE (self), 0);

  return GPOINTER_TO_SIZE (g_object_get_qdata (G_OBJECT (self), sequence_quark ()));
}

gboolean
pa_store_insert (PaStore     *self,
                 PaResource  *resource,
                 GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (PA_IS_RESOURCE (resource), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return changed (self, IFACE (self)->insert (self, resource, error));
}

gboolean
pa_store_update (PaStore     *self,
                 PaResource  *resource,
                 gint64       expected_revision,
                 GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (PA_IS_RESOURCE (resource), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return changed (self, IFACE (self)->update (self, resource, expected_revision, error));
}

gboolean
pa_store_delete (PaStore  *self,
                 GType     type,
                 gint64    id,
                 gint64    expected_revision,
                 GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_type_is_a (type, PA_TYPE_RESOURCE), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return changed (self, IFACE (self)->delete (self, type, id, expected_revision, error));
}

PaResource *
pa_store_find_phone_by_mac (PaStore     *self,
                            const char  *mac,
                            GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (mac != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->find_phone_by_mac (self, mac, error);
}

PaResource *
pa_store_find_phone_by_token (PaStore     *self,
                              const char  *token,
                              GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (token == NULL || *token == '\0')
    {
      g_set_error_literal (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND,
                           "No phone has this token");
      return NULL;
    }
  return IFACE (self)->find_phone_by_token (self, token, error);
}

char *
pa_store_regenerate_phone_token (PaStore  *self,
                                 gint64    phone_id,
                                 GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  char *token = IFACE (self)->regenerate_phone_token (self, phone_id, error);

  changed (self, token != NULL);
  return token;
}

gint64
pa_store_count_phones_for_agent (PaStore  *self,
                                 gint64    agent_id,
                                 GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return IFACE (self)->count_phones_for_agent (self, agent_id, error);
}

GArray *
pa_store_list_phones_naming (PaStore  *self,
                             GType     type,
                             gint64    id,
                             GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->list_phones_naming (self, type, id, error);
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

GArray *
pa_store_list_phones_reading (PaStore  *self,
                              GType     type,
                              gint64    id,
                              GError  **error)
{
  g_autoptr(GArray) phones = NULL;
  g_autoptr(GPtrArray) profiles = NULL;

  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  phones = pa_store_list_phones_naming (self, type, id, error);
  if (phones == NULL || type != PA_TYPE_LAYOUT)
    return g_steal_pointer (&phones);

  /* A layout also reaches phones through the profiles naming it. The rule
   * of which layout a phone shows is the phone's, asked of each one, so it
   * cannot drift from what rendering does. */
  profiles = pa_store_list (self, PA_TYPE_PROFILE, NULL, NULL, error);
  if (profiles == NULL)
    return NULL;
  for (guint i = 0; i < profiles->len; i++)
    {
      PaProfile *profile = g_ptr_array_index (profiles, i);
      g_autoptr(GArray) members = NULL;

      if (pa_profile_get_layout_id (profile) != id)
        continue;
      members = pa_store_list_phones_naming (self, PA_TYPE_PROFILE,
                                             pa_resource_get_id (PA_RESOURCE (profile)), error);
      if (members == NULL)
        return NULL;
      for (guint j = 0; j < members->len; j++)
        {
          gint64 phone_id = g_array_index (members, gint64, j);
          g_autoptr(PaResource) phone = pa_store_get (self, PA_TYPE_PHONE, phone_id, error);

          if (phone == NULL)
            return NULL;
          if (pa_phone_get_layout_id (PA_PHONE (phone)) == 0 &&
              pa_phone_effective_layout_id (PA_PHONE (phone), profile) == id)
            g_array_append_val (phones, phone_id);
        }
    }
  g_array_sort (phones, compare_ids);
  return g_steal_pointer (&phones);
}

gboolean
pa_store_bump_phone_revisions (PaStore       *self,
                               const gint64  *ids,
                               gsize          n_ids,
                               GError       **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_ids == 0)
    return TRUE;
  return changed (self, IFACE (self)->bump_phone_revisions (self, ids, n_ids, error));
}

gboolean
pa_store_update_phone_status (PaStore                    *self,
                              gint64                      phone_id,
                              const PaPhoneStatusUpdate  *update,
                              GError                    **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (update != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return IFACE (self)->update_phone_status (self, phone_id, update, error);
}

gboolean
pa_store_set_sip_password (PaStore     *self,
                           gint64       sip_account_id,
                           const char  *password,
                           GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return changed (self, IFACE (self)->set_sip_password (self, sip_account_id, password, error));
}

char *
pa_store_get_sip_password (PaStore  *self,
                           gint64    sip_account_id,
                           GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->get_sip_password (self, sip_account_id, error);
}

gboolean
pa_store_check_sip_password (PaStore     *self,
                             gint64       sip_account_id,
                             const char  *password)
{
  g_autofree char *stored = NULL;

  g_return_val_if_fail (PA_IS_STORE (self), FALSE);

  if (password == NULL)
    return FALSE;
  stored = IFACE (self)->get_sip_password (self, sip_account_id, NULL);
  /* An account whose password was never set has none to match. */
  if (stored == NULL || *stored == '\0')
    return FALSE;
  return pa_token_equal (password, stored);
}

gint64
pa_store_add_admin_token (PaStore     *self,
                          const char  *token_hash,
                          const char  *label,
                          GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), -1);
  g_return_val_if_fail (token_hash != NULL && *token_hash != '\0', -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return IFACE (self)->add_admin_token (self, token_hash, label, error);
}

gboolean
pa_store_check_admin_token (PaStore    *self,
                            const char *token)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);

  if (token == NULL || *token == '\0')
    return FALSE;
  return IFACE (self)->check_admin_token (self, token);
}

gint64
pa_store_count_admin_tokens (PaStore  *self,
                             GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return IFACE (self)->count_admin_tokens (self, error);
}

gboolean
pa_store_record_discovered (PaStore     *self,
                            const char  *mac,
                            const char  *ip,
                            const char  *user_agent,
                            GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (mac != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return IFACE (self)->record_discovered (self, mac, ip, user_agent, error);
}

GPtrArray *
pa_store_list_discovered (PaStore  *self,
                          GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->list_discovered (self, error);
}

gboolean
pa_store_forget_discovered (PaStore     *self,
                            const char  *mac,
                            GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (mac != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return IFACE (self)->forget_discovered (self, mac, error);
}
