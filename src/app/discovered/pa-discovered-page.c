/* pa-discovered-page.c — phones that asked the bootstrap URL with a MAC no
 * phone has: adopt or ignore them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is the server's (GET /api/v1/discovered), asked again whenever
 * the repository has loaded (a full refresh, Ctrl+R; a save), when the
 * change stream says the list changed (a phone turned up, was ignored or
 * adopted, here or in another app) and after each action here; nothing is
 * kept in step by hand. A phone saved with a listed MAC leaves the list
 * because the server leaves it out.
 */
#define G_LOG_DOMAIN "pa-discovered-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-catalog.h"
#include "pa-client.h"
#include "pa-discovered-page.h"
#include "pa-phone-actions.h"
#include "pa-phone-editor.h"
#include "pa-status-page.h"

struct _PaDiscoveredPage
{
  AdwBin         parent_instance;

  PaRepository  *repository;
  GCancellable  *cancellable;
  guint          badge;
  guint          n_busy;
  JsonArray     *items;

  GtkStack       *stack;
  AdwStatusPage  *empty_page;
  GtkLabel       *intro_label;
  GtkListBox     *list;
};

G_DEFINE_FINAL_TYPE (PaDiscoveredPage, pa_discovered_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REPOSITORY,
  PROP_BADGE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (PaDiscoveredPage *self);

static void
set_busy (PaDiscoveredPage *self,
          gboolean          busy)
{
  gboolean was_busy = self->n_busy > 0;

  if (busy)
    self->n_busy++;
  else if (self->n_busy > 0)
    self->n_busy--;
  if (was_busy != (self->n_busy > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static const char *
member (JsonObject *item,
        const char *name)
{
  JsonNode *node = json_object_get_member (item, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

/* "Yealink T54W", "Yealink", or "Unknown Phone". */
static char *
device_title (JsonObject *item)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  PaDeviceModel *model = member (item, "model") != NULL
                         ? pa_catalog_get_model (catalog, member (item, "model")) : NULL;
  PaVendor *vendor = member (item, "vendor") != NULL
                     ? pa_catalog_get_vendor (catalog, member (item, "vendor")) : NULL;

  if (vendor != NULL && model != NULL)
    return g_strdup_printf ("%s %s", pa_vendor_get_name (vendor), pa_device_model_get_name (model));
  if (vendor != NULL)
    return g_strdup (pa_vendor_get_name (vendor));
  return g_strdup (_("Unknown Phone"));
}

/* "80:5E:C0:00:00:99 · 192.0.2.50 · firmware 96.86.0.100 · last asked 13:35, 4 times" */
static char *
device_subtitle (JsonObject *item)
{
  g_autoptr(GString) text = g_string_new (member (item, "mac"));
  g_autoptr(GDateTime) last = NULL;
  gint64 count = json_object_has_member (item, "count") ? json_object_get_int_member (item, "count") : 0;

  if (member (item, "ip") != NULL)
    g_string_append_printf (text, " · %s", member (item, "ip"));
  if (member (item, "firmware") != NULL)
    g_string_append_printf (text, " · %s %s", _("firmware"), member (item, "firmware"));
  if (member (item, "last_seen") != NULL)
    last = g_date_time_new_from_iso8601 (member (item, "last_seen"), NULL);
  if (last != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (last);
      g_autofree char *when = g_date_time_format (local, "%x %H:%M");

      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (NULL, "last asked %s, %d time",
                                                 "last asked %s, %d times", (gulong) count),
                              when, (int) count);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
row_button (const char *label,
            const char *accessible_label,
            const char *action,
            const char *mac,
            const char *style)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", mac);
  gtk_widget_add_css_class (button, style);
  /* Every row has the two buttons: the MAC tells them apart. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return button;
}

static GtkWidget *
create_row (JsonObject *item)
{
  const char *mac = member (item, "mac");
  g_autofree char *title = device_title (item);
  g_autofree char *subtitle = device_subtitle (item);
  g_autofree char *adopt = g_strdup_printf (_("Adopt %s"), mac);
  g_autofree char *ignore = g_strdup_printf (_("Ignore %s"), mac);
  GtkWidget *row = adw_action_row_new ();

  /* What a phone sent (its firmware), not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (_("_Ignore"), ignore, "discovered.ignore", mac, "flat"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (_("_Adopt…"), adopt, "discovered.adopt", mac,
                                         "suggested-action"));
  return row;
}

static void
show_items (PaDiscoveredPage *self,
            JsonObject       *answer)
{
  JsonArray *items = json_object_get_array_member (answer, "items");
  const char *bootstrap = member (answer, "bootstrap_url");
  g_autofree char *hint = NULL;
  GtkWidget *child;
  guint n = 0;

  g_clear_pointer (&self->items, json_array_unref);
  self->items = json_array_ref (items);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);

      if (!JSON_NODE_HOLDS_OBJECT (node) || member (json_node_get_object (node), "mac") == NULL)
        continue;
      gtk_list_box_append (self->list, create_row (json_node_get_object (node)));
      n++;
    }

  hint = g_strdup_printf (_("Phones that ask this server’s bootstrap address with a MAC it does "
                            "not know appear here. To have new phones come here on their own, "
                            "put %s in DHCP option 66 or in a phone’s provisioning server "
                            "field."), bootstrap != NULL ? bootstrap : "");
  pa_status_page_set_description_text (self->empty_page, hint);
  gtk_label_set_text (self->intro_label,
                      _("Adopt a phone to add it with its MAC, brand and model filled in; it "
                        "then fetches its own settings. Ignore hides a device for good."));
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  if (self->badge != n)
    {
      self->badge = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGE]);
    }
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PaDiscoveredPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = pa_client_list_discovered_finish (PA_CLIENT (source), result,
                                                                   &error);

  set_busy (self, FALSE);
  if (answer == NULL)
    {
      /* The window's banner speaks for an unreachable server; the list
       * keeps what it showed. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Cannot list discovered phones: %s", error->message);
      return;
    }
  show_items (self, answer);
}

static void
refresh (PaDiscoveredPage *self)
{
  PaClient *client = self->repository != NULL ? pa_repository_get_client (self->repository) : NULL;

  if (client == NULL)
    return;
  set_busy (self, TRUE);
  pa_client_list_discovered_async (client, self->cancellable, listed_cb, g_object_ref (self));
}

static void
repository_loading_cb (PaDiscoveredPage *self)
{
  if (!pa_repository_get_loading (self->repository))
    refresh (self);
}

static JsonObject *
find_item (PaDiscoveredPage *self,
           const char       *mac)
{
  for (guint i = 0; self->items != NULL && i < json_array_get_length (self->items); i++)
    {
      JsonNode *node = json_array_get_element (self->items, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (member (json_node_get_object (node), "mac"), mac) == 0)
        return json_node_get_object (node);
    }
  return NULL;
}

static void
editor_saved_cb (PaDiscoveredPage *self)
{
  refresh (self);
}

static void
adopt_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PaDiscoveredPage *self = PA_DISCOVERED_PAGE (widget);
  const char *mac = g_variant_get_string (parameter, NULL);
  JsonObject *item = find_item (self, mac);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *editor;

  if (item == NULL || self->repository == NULL)
    return;
  editor = pa_phone_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                self->repository, NULL);
  pa_phone_editor_prefill (PA_PHONE_EDITOR (editor), mac, member (item, "vendor"),
                           member (item, "model"));
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
ignored_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PaDiscoveredPage) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!pa_client_ignore_discovered_finish (PA_CLIENT (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Not ignored: %s"), error->message);

          pa_show_toast (GTK_WIDGET (self), message);
        }
      return;
    }
  refresh (self);
}

static void
ignore_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PaDiscoveredPage *self = PA_DISCOVERED_PAGE (widget);
  PaClient *client = self->repository != NULL ? pa_repository_get_client (self->repository) : NULL;

  if (client == NULL)
    return;
  set_busy (self, TRUE);
  pa_client_ignore_discovered_async (client, g_variant_get_string (parameter, NULL),
                                     self->cancellable, ignored_cb, g_object_ref (self));
}

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  refresh (PA_DISCOVERED_PAGE (widget));
}

static void
set_repository (PaDiscoveredPage *self,
                PaRepository     *repository)
{
  if (self->repository == repository)
    return;
  /* Answers for the old server must not land in the new one's list. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->repository != NULL)
    g_signal_handlers_disconnect_by_data (self->repository, self);
  g_set_object (&self->repository, repository);
  if (repository != NULL)
    {
      g_signal_connect_swapped (repository, "notify::loading",
                                G_CALLBACK (repository_loading_cb), self);
      g_signal_connect_swapped (repository, "discovered-changed", G_CALLBACK (refresh), self);
      refresh (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPOSITORY]);
}

guint
pa_discovered_page_get_badge (PaDiscoveredPage *self)
{
  g_return_val_if_fail (PA_IS_DISCOVERED_PAGE (self), 0);
  return self->badge;
}

gboolean
pa_discovered_page_get_busy (PaDiscoveredPage *self)
{
  g_return_val_if_fail (PA_IS_DISCOVERED_PAGE (self), FALSE);
  return self->n_busy > 0;
}

static void
pa_discovered_page_dispose (GObject *object)
{
  PaDiscoveredPage *self = PA_DISCOVERED_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->repository != NULL)
    g_signal_handlers_disconnect_by_data (self->repository, self);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (pa_discovered_page_parent_class)->dispose (object);
}

static void
pa_discovered_page_finalize (GObject *object)
{
  PaDiscoveredPage *self = PA_DISCOVERED_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->items, json_array_unref);

  G_OBJECT_CLASS (pa_discovered_page_parent_class)->finalize (object);
}

static void
pa_discovered_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PaDiscoveredPage *self = PA_DISCOVERED_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repository);
      break;
    case PROP_BADGE:
      g_value_set_uint (value, self->badge);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_busy > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_discovered_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PaDiscoveredPage *self = PA_DISCOVERED_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      set_repository (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_discovered_page_class_init (PaDiscoveredPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pa_discovered_page_dispose;
  object_class->finalize = pa_discovered_page_finalize;
  object_class->get_property = pa_discovered_page_get_property;
  object_class->set_property = pa_discovered_page_set_property;

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, PA_TYPE_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE] =
    g_param_spec_uint ("badge", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/discovered/pa-discovered-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PaDiscoveredPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PaDiscoveredPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PaDiscoveredPage, intro_label);
  gtk_widget_class_bind_template_child (widget_class, PaDiscoveredPage, list);

  gtk_widget_class_install_action (widget_class, "discovered.adopt", "s", adopt_action_cb);
  gtk_widget_class_install_action (widget_class, "discovered.ignore", "s", ignore_action_cb);
  gtk_widget_class_install_action (widget_class, "discovered.refresh", NULL, refresh_action_cb);
}

static void
pa_discovered_page_init (PaDiscoveredPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
