/* pa-bulk-actions.c — the table of actions on many phones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding an action is a row of the table (and its two sentences above
 * it); the bar, its menu, the flow and the chooser iterate the table.
 */
#define G_LOG_DOMAIN "pa-bulk"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-bulk-actions.h"

/* ---- what each says ------------------------------------------------- */

static char *
layout_done (guint    n,
             gboolean cleared)
{
  if (cleared)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Layout removed from %u phone",
                                         "Layout removed from %u phones", n), n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Layout applied to %u phone",
                                       "Layout applied to %u phones", n), n);
}

static char *
layout_running (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Applying a layout to %u phone…",
                                       "Applying a layout to %u phones…", n), n);
}

static char *
sidecars_done (guint    n,
               gboolean cleared)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Sidecar layouts applied to %u phone",
                                       "Sidecar layouts applied to %u phones", n), n);
}

static char *
sidecars_running (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Applying sidecar layouts to %u phone…",
                                       "Applying sidecar layouts to %u phones…", n), n);
}

static char *
profile_done (guint    n,
              gboolean cleared)
{
  if (cleared)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Profile removed from %u phone",
                                         "Profile removed from %u phones", n), n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Profile applied to %u phone",
                                       "Profile applied to %u phones", n), n);
}

static char *
profile_running (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Applying a profile to %u phone…",
                                       "Applying a profile to %u phones…", n), n);
}

static char *
agent_done (guint    n,
            gboolean cleared)
{
  if (cleared)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u phone unassigned",
                                         "%u phones unassigned", n), n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Agent assigned to %u phone",
                                       "Agent assigned to %u phones", n), n);
}

static char *
agent_running (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Assigning %u phone…",
                                       "Assigning %u phones…", n), n);
}

static char *
firmware_done (guint    n,
               gboolean cleared)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u phone was told to update its firmware",
                                       "%u phones were told to update their firmware", n), n);
}

static char *
firmware_running (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Updating the firmware of %u phone…",
                                       "Updating the firmware of %u phones…", n), n);
}

static char *
enable_done (guint    n,
             gboolean cleared)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u phone enabled",
                                       "%u phones enabled", n), n);
}

static char *
enable_running (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Enabling %u phone…",
                                       "Enabling %u phones…", n), n);
}

static char *
disable_done (guint    n,
              gboolean cleared)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u phone disabled",
                                       "%u phones disabled", n), n);
}

static char *
disable_running (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Disabling %u phone…",
                                       "Disabling %u phones…", n), n);
}

static char *
delete_done (guint    n,
             gboolean cleared)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u phone deleted",
                                       "%u phones deleted", n), n);
}

static char *
delete_running (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deleting %u phone…",
                                       "Deleting %u phones…", n), n);
}

/* The same sentences as a single phone's push (pa-phone-push.c). */
static char *
reboot_done (guint    n,
             gboolean cleared)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u phone is rebooting.",
                                       "%u phones are rebooting.", n), n);
}

static char *
reboot_running (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Telling %u phone to reboot…",
                                       "Telling %u phones to reboot…", n), n);
}

static char *
resync_done (guint    n,
             gboolean cleared)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u phone is fetching its settings.",
                                       "%u phones are fetching their settings.", n), n);
}

static char *
resync_running (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Telling %u phone to resync…",
                                       "Telling %u phones to resync…", n), n);
}

/* ---- the table ------------------------------------------------------ */

static const PaBulkAction actions[] = {
  /* On the bar while there is room, the first ones last to go. */
  { "apply_layout", N_("Apply _Layout…"), N_("Give the selected phones a button layout"),
    PA_BULK_DATA, PA_BULK_CHOOSE_LAYOUT, "layout_id", TRUE, N_("_Apply Layout"),
    layout_done, layout_running },
  { "apply_profile", N_("Apply _Profile…"), N_("Give the selected phones a profile"),
    PA_BULK_DATA, PA_BULK_CHOOSE_PROFILE, "profile_id", TRUE, N_("_Apply Profile"),
    profile_done, profile_running },
  { "delete", N_("_Delete…"), N_("Delete the selected phones"),
    PA_BULK_DELETE, PA_BULK_CHOOSE_NOTHING, NULL, TRUE, NULL,
    delete_done, delete_running },
  /* In the bar's menu. */
  { "assign_agent", N_("Assign A_gent…"), N_("Assign the selected phones to an agent, or unassign them"),
    PA_BULK_DATA, PA_BULK_CHOOSE_AGENT, "agent_id", FALSE, N_("_Assign"),
    agent_done, agent_running },
  { "apply_sidecars", N_("Apply S_idecar Layouts…"), N_("Give the selected phones’ sidecars layouts"),
    PA_BULK_DATA, PA_BULK_CHOOSE_SIDECARS, "module_layout_ids", FALSE, N_("_Apply Sidecar Layouts"),
    sidecars_done, sidecars_running },
  { "update_firmware", N_("Update _Firmware…"), N_("Have the selected phones install a firmware"),
    PA_BULK_DATA, PA_BULK_CHOOSE_FIRMWARE, "firmware_id", FALSE, N_("_Update Firmware"),
    firmware_done, firmware_running },
  { "enable", N_("_Enable"), N_("Serve the selected phones their settings again"),
    PA_BULK_DATA, PA_BULK_CHOOSE_NOTHING, NULL, FALSE, N_("_Enable Phones"),
    enable_done, enable_running },
  { "disable", N_("Disa_ble"), N_("Stop serving the selected phones their settings"),
    PA_BULK_DATA, PA_BULK_CHOOSE_NOTHING, NULL, FALSE, N_("_Disable Phones"),
    disable_done, disable_running },
  { "resync", N_("Re_sync"), N_("Tell the selected phones to fetch their settings now"),
    PA_BULK_DEVICE, PA_BULK_CHOOSE_NOTHING, NULL, FALSE, NULL,
    resync_done, resync_running },
  { "reboot", N_("Re_boot…"), N_("Restart the selected phones"),
    PA_BULK_DEVICE, PA_BULK_CHOOSE_NOTHING, NULL, FALSE, NULL,
    reboot_done, reboot_running },
};

const PaBulkAction *
pa_bulk_actions_get_all (guint *n_actions)
{
  if (n_actions != NULL)
    *n_actions = G_N_ELEMENTS (actions);
  return actions;
}

const PaBulkAction *
pa_bulk_action_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_strcmp0 (actions[i].id, id) == 0)
      return &actions[i];
  return NULL;
}

gboolean
pa_bulk_choice_is_cleared (JsonNode *choice)
{
  return choice != NULL && JSON_NODE_HOLDS_NULL (choice);
}

JsonObject *
pa_bulk_job_body_new (const PaBulkAction *action,
                      GArray             *phone_ids,
                      JsonNode           *choice,
                      gint64              not_before)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (action != NULL, NULL);
  g_return_val_if_fail (phone_ids != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, action->id);
  json_builder_set_member_name (builder, "phone_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; i < phone_ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (phone_ids, gint64, i));
  json_builder_end_array (builder);
  if (action->member != NULL)
    {
      json_builder_set_member_name (builder, action->member);
      if (choice != NULL)
        json_builder_add_value (builder, json_node_copy (choice));
      else
        json_builder_add_null_value (builder);
    }
  if (not_before > 0)
    {
      json_builder_set_member_name (builder, "not_before");
      json_builder_add_int_value (builder, not_before);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_object_ref (json_node_get_object (root));
}
