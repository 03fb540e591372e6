/* pa-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sidebar and the section pages come from the table in pa-section.c;
 * the window only hands each page the repository and routes the win.*
 * actions to the editors.
 */
#define G_LOG_DOMAIN "pa-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-agent-actions.h"
#include "pa-bench-trace.h"
#include "pa-agent-editor.h"
#include "pa-confirm-dialog.h"
#include "pa-delete.h"
#include "pa-lan-addresses.h"
#include "pa-lan-question.h"
#include "pa-phone-actions.h"
#include "pa-phone-editor.h"
#include "pa-scan-dialog.h"
#include "pa-section.h"
#include "pa-spinners.h"
#include "pa-status-page.h"
#include "pa-window.h"
#include "pa-toast.h"

struct _PaWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwLeaflet      *leaflet;
  GtkListBox      *sidebar;
  GtkImage        *connection_icon;
  GtkLabel        *connection_label;
  AdwWindowTitle  *content_title;
  GtkStack        *header_stack;
  GtkRevealer     *banner_revealer;
  GtkLabel        *banner_label;
  GtkButton       *banner_button;
  GtkStack        *main_stack;
  AdwStatusPage   *connecting_page;
  AdwStatusPage   *failed_page;
  GtkStack        *section_stack;

  GSettings       *settings;
  PaConnection    *connection;
  PaRepository    *repository;
  GCancellable    *cancellable;
  gboolean         close_confirmed;   /* the user answered about the local server */
  gboolean         address_banner;    /* the banner is about how phones reach this computer */
  gboolean         adoption_told;
};

G_DEFINE_FINAL_TYPE (PaWindow, pa_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_CONNECTION,
  PROP_SECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- banner and connection state ------------------------------------ */

static void
show_banner_with (PaWindow   *self,
                  const char *message,
                  const char *button_label,
                  const char *button_tooltip,
                  const char *action_name)
{
  gtk_label_set_label (self->banner_label, message);
  gtk_button_set_label (self->banner_button, button_label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->banner_button), button_tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), action_name);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
  self->address_banner = FALSE;
}

static void
show_banner (PaWindow   *self,
             const char *message)
{
  show_banner_with (self, message, _("_Retry"), _("Try to reach the server again"), "win.retry");
}

static void
hide_banner (PaWindow *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  self->address_banner = FALSE;
}

/* Local mode serving the LAN: setup links name an address phones reach
 * this computer at. When that address is no longer one of its own (DHCP
 * gave it another) or is loopback, every phone's next poll fails: say so
 * where the user looks, with the way to fix it. */
static void
check_lan_address (PaWindow *self)
{
  PaLocalServer *local = pa_connection_get_local_server (self->connection);
  const char *url = self->repository != NULL ? pa_repository_get_public_url (self->repository)
                                             : NULL;
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autofree char *message = NULL;

  /* Local mode's first question, until answered: phones cannot reach a
   * server that listens on loopback only. */
  if (local != NULL && !pa_local_server_get_lan_access (local) &&
      !pa_local_server_get_lan_asked (local))
    {
      show_banner_with (self, _("Desk phones on this network cannot fetch their settings from "
                                "this computer yet."),
                        _("_Let Phones In…"),
                        _("Choose whether phones on this network may fetch their settings here"),
                        "win.lan-question");
      self->address_banner = TRUE;
      return;
    }
  if (local == NULL || !pa_local_server_get_lan_access (local) || host == NULL)
    {
      if (self->address_banner)
        hide_banner (self);
      return;
    }
  addresses = pa_lan_addresses_list ();
  if (pa_lan_host_is_loopback (host))
    message = g_strdup (_("Phones on this network are allowed in, but setup links name this "
                          "computer’s loopback address, which no phone can reach."));
  else if (!pa_lan_addresses_has_host (addresses, host))
    message = g_strdup_printf (_("Setup links name %s, which is no longer an address of this "
                                 "computer: phones cannot fetch their settings."), host);
  if (message == NULL)
    {
      if (self->address_banner)
        hide_banner (self);
      return;
    }
  show_banner_with (self, message, _("_Choose Address…"),
                    _("Open Server Settings to choose the address phones use"),
                    "app.server-settings");
  self->address_banner = TRUE;
}

/* The server answers again: its error goes, and what there is to say about
 * how phones reach this computer comes back. */
static void
clear_error_banner (PaWindow *self)
{
  hide_banner (self);
  check_lan_address (self);
}

/* Unreachable and 5xx get the banner (they persist until the server is
 * back); anything else is a one-off toast. */
static gboolean
error_wants_banner (const GError *error)
{
  return g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNREACHABLE)
         || g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_SERVER);
}

static void
show_error (PaWindow     *self,
            const GError *error)
{
  if (error_wants_banner (error))
    {
      g_autofree char *text = g_strdup_printf (_("The server cannot be reached: %s"),
                                               error->message);
      show_banner (self, text);
    }
  else
    {
      AdwToast *toast = pa_toast_new (error->message);
      adw_toast_set_timeout (toast, 5);
      pa_window_add_toast (self, toast);
    }
}

static void
update_connection_label (PaWindow *self)
{
  /* The server it is on, else the one a first connect is reaching. */
  g_autofree char *url = pa_connection_dup_connecting_url (self->connection);
  g_autofree char *text = NULL;

  if (pa_connection_get_connecting_local (self->connection))
    {
      PaLocalServer *local = pa_connection_get_local_server (self->connection);

      if (local == NULL)
        text = g_strdup (_("Starting the local server"));
      else
        text = g_strdup (pa_local_server_get_lan_access (local)
                         ? _("Local mode: this computer serves the phones on its network")
                         : _("Local mode: the server runs on this computer, for it alone"));
      gtk_image_set_from_icon_name (self->connection_icon, "computer-symbolic");
      adw_window_title_set_subtitle (self->content_title, _("Local mode"));
    }
  else
    {
      g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
      const char *host = uri ? g_uri_get_host (uri) : url;

      text = g_strdup (url ? url : _("No server"));
      gtk_image_set_from_icon_name (self->connection_icon, "network-server-symbolic");
      adw_window_title_set_subtitle (self->content_title, host ? host : "");
    }

  gtk_label_set_label (self->connection_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->connection_label), text);
}

static void
update_actions (PaWindow *self)
{
  gboolean ready = self->repository != NULL;
  static const char * const needs_repository[] = {
    "win.new-phone", "win.edit-phone", "win.delete-phone", "win.new-agent", "win.edit-agent",
    "win.delete-agent", "win.scan-phones", "win.refresh",
  };

  for (guint i = 0; i < G_N_ELEMENTS (needs_repository); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), needs_repository[i], ready);
}

static void
repository_error_cb (PaWindow *self)
{
  const GError *error = pa_repository_get_last_error (self->repository);

  if (error == NULL)
    clear_error_banner (self);
  else if (error_wants_banner (error))
    show_error (self, error);
}

static void
set_repository (PaWindow     *self,
                PaRepository *repository)
{
  GtkWidget *child;

  if (self->repository == repository)
    return;

  if (self->repository != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->repository, self);
      pa_repository_set_follow_changes (self->repository, FALSE);
    }
  g_set_object (&self->repository, repository);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->section_stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *page = gtk_stack_page_get_child (gtk_stack_get_page (self->section_stack, child));
      g_object_set (page, "repository", repository, NULL);
    }

  if (repository != NULL)
    {
      g_signal_connect_swapped (repository, "notify::last-error",
                                G_CALLBACK (repository_error_cb), self);
      /* The public URL is known once it has loaded, and may change. */
      g_signal_connect_swapped (repository, "notify::public-url",
                                G_CALLBACK (check_lan_address), self);
      /* Changes come as the server makes them: nothing is polled. */
      pa_repository_set_follow_changes (repository, TRUE);
      repository_error_cb (self);
    }

  update_actions (self);
}

/* The lists come in with no cross-fade from "Connecting…": fading in a
 * window of 100,000 phones draws both pages into groups each frame, 40 to
 * 50 ms a frame in software (bench/app-fleet.sh). */
static void
show_main_page (PaWindow   *self,
                const char *name)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "connecting") == 0)
    gtk_stack_set_visible_child_full (self->main_stack, name, GTK_STACK_TRANSITION_TYPE_NONE);
  else
    gtk_stack_set_visible_child_name (self->main_stack, name);
}

/* Where it connects, then, while a large server's lists come in, how many
 * resources have (a first load of 100,000 phones takes seconds). */
static char *
connecting_description (PaWindow *self)
{
  gboolean local = pa_connection_get_connecting_local (self->connection);
  g_autofree char *url = pa_connection_dup_connecting_url (self->connection);
  guint64 n = pa_connection_get_n_listed (self->connection);
  g_autofree char *count = NULL;

  /* gnome-keyring may be asking for its password (to unlock, or to make a
   * keyring): the window says why nothing moves. */
  if (pa_connection_get_waiting_for_keyring (self->connection))
    return g_strdup (_("Waiting for the keyring. If it asks for a password, enter it to go on."));
  if (n == 0)
    return g_strdup (local ? _("Starting the local server") : url);
  count = g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
  /* Translators: the server's address (or "The local server"), then how
   * many phones, agents and other items have arrived from it so far. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\n%s item received",
                                       "%s\n%s items received", (gulong) MIN (n, G_MAXULONG)),
                          local ? _("The local server") : url, count);
}

static void
update_connecting_description (PaWindow *self)
{
  g_autofree char *description = connecting_description (self);

  pa_status_page_set_description_text (self->connecting_page, description);
}

static void
listed_cb (PaWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "connecting") != 0)
    return;
  update_connecting_description (self);
  update_connection_label (self);
}

static void
connection_changed_cb (PaWindow *self)
{
  PaConnectionState state = pa_connection_get_state (self->connection);
  PaRepository *repository = pa_connection_get_repository (self->connection);
  const GError *error = pa_connection_get_error (self->connection);

  update_connection_label (self);
  set_repository (self, repository);

  switch (state)
    {
    case PA_CONNECTION_IDLE:
    case PA_CONNECTION_CONNECTING:
      /* Switching servers keeps the old lists until the new one answers. */
      if (repository == NULL)
        {
          update_connecting_description (self);
          show_main_page (self, "connecting");
        }
      break;

    case PA_CONNECTION_CONNECTED:
      hide_banner (self);
      show_main_page (self, "content");
      /* A provd kept running when PhoneAdmin last closed: say it went on. */
      {
        PaLocalServer *local = pa_connection_get_local_server (self->connection);

        check_lan_address (self);
        if (local != NULL && pa_local_server_get_adopted (local) &&
            pa_local_server_get_lan_access (local) && !self->adoption_told)
          {
            self->adoption_told = TRUE;
            pa_show_toast (GTK_WIDGET (self),
                           _("The local server kept serving phones while PhoneAdmin was closed"));
          }
      }
      break;

    case PA_CONNECTION_FAILED:
      if (repository != NULL)
        {
          show_main_page (self, "content");
          if (error != NULL)
            show_error (self, error);
        }
      else
        {
          pa_status_page_set_description_text (self->failed_page,
                                               error ? error->message
                                                     : _("The server did not answer."));
          show_main_page (self, "failed");
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
connection_notify_cb (PaWindow   *self,
                      GParamSpec *pspec)
{
  if (g_strcmp0 (pspec->name, "n-listed") != 0)
    connection_changed_cb (self);
}

/* ---- sections ------------------------------------------------------- */

static GtkWidget *
visible_page (PaWindow *self)
{
  return gtk_stack_get_visible_child (self->section_stack);
}

static void
sidebar_row_selected_cb (PaWindow      *self,
                         GtkListBoxRow *row)
{
  const char *id;
  const PaSection *section;

  if (row == NULL)
    return;

  id = gtk_widget_get_name (GTK_WIDGET (row));
  section = pa_section_lookup (id);
  g_return_if_fail (section != NULL);

  gtk_stack_set_visible_child_name (self->section_stack, id);
  if (gtk_stack_get_child_by_name (self->header_stack, id) != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->header_stack), TRUE);
      gtk_stack_set_visible_child_name (self->header_stack, id);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->header_stack), FALSE);
  adw_window_title_set_title (self->content_title, _(section->title));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
}

static void
sidebar_row_activated_cb (PaWindow      *self,
                          GtkListBoxRow *row)
{
  /* Folded, choosing a section shows it; unfolded, focus moves to it. */
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  gtk_widget_child_focus (visible_page (self), GTK_DIR_TAB_FORWARD);
}

static void
back_clicked_cb (PaWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* The sidebar row's count, and its name for a screen reader with it. */
static void
badge_changed_cb (GObject    *page,
                  GParamSpec *pspec,
                  GtkWidget  *row)
{
  const PaSection *section = pa_section_lookup (gtk_widget_get_name (row));
  GtkWidget *badge = g_object_get_data (G_OBJECT (row), "pa-badge");
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  guint count = 0;

  g_object_get (page, "badge", &count, NULL);
  text = g_strdup_printf ("%u", count);
  gtk_label_set_text (GTK_LABEL (badge), text);
  gtk_widget_set_visible (badge, count > 0);
  /* Translators: a sidebar section and how many new items it has */
  label = count > 0 ? g_strdup_printf (_("%s, %u new"), _(section->title), count)
                    : g_strdup (_(section->title));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static GtkWidget *
create_sidebar_row (const PaSection *section,
                    guint            index,
                    GtkWidget       *page)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (section->icon_name);
  GtkWidget *label = gtk_label_new (_(section->title));

  gtk_widget_set_name (row, section->id);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_hexpand (label, TRUE);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (page), "badge") != NULL)
    {
      GtkWidget *badge = gtk_label_new (NULL);

      gtk_widget_add_css_class (badge, "pa-badge");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_set_visible (badge, FALSE);
      gtk_box_append (GTK_BOX (box), badge);
      g_object_set_data (G_OBJECT (row), "pa-badge", badge);
      g_signal_connect_object (page, "notify::badge", G_CALLBACK (badge_changed_cb), row, 0);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(section->title), -1);
  if (index < 9)
    {
      /* Translators: %u is the number key that shows the section */
      g_autofree char *tooltip = g_strdup_printf (_("Alt+%u"), index + 1);
      gtk_widget_set_tooltip_text (row, tooltip);
    }
  return row;
}

static void
add_section (PaWindow        *self,
             const PaSection *section,
             guint            index)
{
  GtkWidget *page = g_object_new (section->get_page_type (), NULL);
  GtkStackPage *stack_page;

  stack_page = gtk_stack_add_titled (self->section_stack, page, section->id, _(section->title));
  gtk_stack_page_set_icon_name (stack_page, section->icon_name);
  gtk_list_box_append (self->sidebar, create_sidebar_row (section, index, page));

  if (section->header_resource != NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (section->header_resource);
      GtkWidget *header = GTK_WIDGET (gtk_builder_get_object (builder, "header"));
      GObject *search_button = gtk_builder_get_object (builder, "search_button");

      gtk_stack_add_named (self->header_stack, header, section->id);
      if (search_button != NULL
          && g_object_class_find_property (G_OBJECT_GET_CLASS (page), "search-mode") != NULL)
        g_object_bind_property (page, "search-mode", search_button, "active",
                                G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    }
}

/* ---- actions -------------------------------------------------------- */

static PaResource *
find_resource (PaWindow *self,
               GType     type,
               GVariant *parameter)
{
  PaResource *resource;

  if (self->repository == NULL)
    return NULL;

  resource = pa_repository_find (self->repository, type, g_variant_get_int64 (parameter));
  if (resource == NULL)
    pa_window_add_toast (self, pa_toast_new (_("It was deleted in the meantime")));
  return resource;
}

static void
present (GtkWidget *window)
{
  if (window != NULL)
    gtk_window_present (GTK_WINDOW (window));
}

static void
new_phone_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PaWindow *self = PA_WINDOW (widget);

  present (pa_phone_editor_new (GTK_WINDOW (self), self->repository, NULL));
}

static void
edit_phone_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PaWindow *self = PA_WINDOW (widget);
  PaResource *phone = find_resource (self, PA_TYPE_PHONE, parameter);

  if (phone != NULL)
    present (pa_phone_editor_new (GTK_WINDOW (self), self->repository, PA_PHONE (phone)));
}

/* win.delete-phone and win.delete-agent: one row, as the list's Delete. */
static void
delete_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  PaWindow *self = PA_WINDOW (widget);
  GType type = g_str_equal (action_name, "win.delete-phone") ? PA_TYPE_PHONE : PA_TYPE_AGENT;
  PaResource *resource = find_resource (self, type, parameter);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  if (resource == NULL)
    return;
  g_ptr_array_add (items, resource);
  pa_delete_interactive (GTK_WINDOW (self), self->repository, items);
}

static void
scan_phones_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PaWindow *self = PA_WINDOW (widget);

  present (pa_scan_dialog_new (GTK_WINDOW (self), self->repository));
}

static void
new_agent_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PaWindow *self = PA_WINDOW (widget);

  present (pa_agent_editor_new (GTK_WINDOW (self), self->repository, NULL));
}

static void
edit_agent_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PaWindow *self = PA_WINDOW (widget);
  PaResource *agent = find_resource (self, PA_TYPE_AGENT, parameter);

  if (agent != NULL)
    present (pa_agent_editor_new (GTK_WINDOW (self), self->repository, PA_AGENT (agent)));
}

static void
search_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  PaWindow *self = PA_WINDOW (widget);
  GtkWidget *page = visible_page (self);
  gboolean search_mode = FALSE;

  if (page == NULL || g_object_class_find_property (G_OBJECT_GET_CLASS (page), "search-mode") == NULL)
    return;

  /* A folded window may be showing the sidebar: bring the list forward. */
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  g_object_get (page, "search-mode", &search_mode, NULL);
  g_object_set (page, "search-mode", !search_mode, NULL);
}

static void
refresh_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pa_repository_refresh_finish (PA_REPOSITORY (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }
  clear_error_banner (self);
}

static void
refresh_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PaWindow *self = PA_WINDOW (widget);

  if (self->repository != NULL)
    pa_repository_refresh_async (self->repository, self->cancellable, refresh_done_cb,
                                 g_object_ref (self));
}

static void
connect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Failure shows through the connection's "state" and "error". */
  if (!pa_connection_connect_finish (PA_CONNECTION (source), result, &error))
    g_debug ("Retry failed: %s", error->message);
}

static void
retry_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  PaWindow *self = PA_WINDOW (widget);

  hide_banner (self);
  if (self->repository != NULL && pa_connection_get_state (self->connection) != PA_CONNECTION_FAILED)
    refresh_cb (widget, NULL, NULL);
  else if (pa_connection_get_state (self->connection) != PA_CONNECTION_CONNECTING)
    pa_connection_connect_async (self->connection, self->cancellable, connect_done_cb, NULL);
}

/* F6 (and Shift+F6, with two panes the same): from the sidebar to the
 * section's page and back, as GNOME apps with a sidebar do. */
static void
next_pane_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PaWindow *self = PA_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *page = visible_page (self);

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->sidebar)) && page != NULL)
    {
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      if (!gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD))
        gtk_widget_grab_focus (page);
      return;
    }
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  {
    GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sidebar);

    gtk_widget_grab_focus (row != NULL ? GTK_WIDGET (row) : GTK_WIDGET (self->sidebar));
  }
}

/* Tab in the sidebar would walk its rows, and picking a row switches the
 * section: Tab (either way) leaves it for the page instead; the arrows move
 * between sections. */
static gboolean
sidebar_key_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PaWindow              *self)
{
  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_ISO_Left_Tab && keyval != GDK_KEY_KP_Tab)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.next-pane", NULL);
  return TRUE;
}

static void
lan_answered_cb (PaWindow *self)
{
  check_lan_address (self);
}

static void
lan_question_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PaWindow *self = PA_WINDOW (widget);
  GtkWidget *dialog;

  if (pa_connection_get_local_server (self->connection) == NULL)
    return;
  dialog = pa_lan_question_present (GTK_WINDOW (self), self->connection, self->cancellable);
  g_signal_connect_object (dialog, "response", G_CALLBACK (lan_answered_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

static void
show_section_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PaWindow *self = PA_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  if (pa_section_lookup (id) == NULL)
    return;
  pa_window_set_section (self, id);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  gtk_widget_child_focus (visible_page (self), GTK_DIR_TAB_FORWARD);
}

/* ---- GObject -------------------------------------------------------- */

static void
pa_window_constructed (GObject *object)
{
  PaWindow *self = PA_WINDOW (object);
  GtkApplication *app;

  G_OBJECT_CLASS (pa_window_parent_class)->constructed (object);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (self->connection == NULL && PA_IS_APPLICATION (app))
    self->connection = g_object_ref (pa_application_get_connection (PA_APPLICATION (app)));
  g_return_if_fail (self->connection != NULL);

  /* The count of what has come, a page at a time: only the description. */
  g_signal_connect_object (self->connection, "notify::n-listed", G_CALLBACK (listed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "notify", G_CALLBACK (connection_notify_cb),
                           self, G_CONNECT_SWAPPED);
  connection_changed_cb (self);
}

static void
pa_window_dispose (GObject *object)
{
  PaWindow *self = PA_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  set_repository (self, NULL);
  g_clear_object (&self->connection);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pa_window_parent_class)->dispose (object);
}

static void
pa_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PaWindow *self = PA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_SECTION:
      g_value_set_string (value, pa_window_get_section (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PaWindow *self = PA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    case PROP_SECTION:
      pa_window_set_section (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Closing with phones on the LAN depending on the local server: keep it
 * serving them (the default) or stop it, never silently either way. */
static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PaWindow         *self)
{
  if (g_strcmp0 (response, "cancel") == 0)
    return;
  pa_connection_set_keep_local_running (self->connection, g_strcmp0 (response, "keep") == 0);
  self->close_confirmed = TRUE;
  pa_close_after_response (GTK_WINDOW (self));
}

static gboolean
pa_window_close_request (GtkWindow *window)
{
  PaWindow *self = PA_WINDOW (window);
  PaLocalServer *local = pa_connection_get_local_server (self->connection);
  GtkWidget *dialog;

  if (self->close_confirmed || local == NULL || pa_local_server_get_url (local) == NULL ||
      !pa_local_server_get_lan_access (local))
    return GTK_WINDOW_CLASS (pa_window_parent_class)->close_request (window);

  dialog = pa_choice_dialog_new (window, _("Keep Serving Phones?"),
                                 _("Desk phones on this network fetch their settings from "
                                   "this computer. The server can keep running after "
                                   "PhoneAdmin closes; the next start takes it over."),
                                 _("_Cancel"), "stop", _("_Stop Server"),
                                 "keep", _("_Keep Running"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
pa_window_class_init (PaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const PaSection *sections;
  guint n_sections;

  object_class->constructed = pa_window_constructed;
  object_class->dispose = pa_window_dispose;
  object_class->get_property = pa_window_get_property;
  object_class->set_property = pa_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = pa_window_close_request;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, PA_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECTION] =
    g_param_spec_string ("section", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/pa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PaWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PaWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PaWindow, connection_icon);
  gtk_widget_class_bind_template_child (widget_class, PaWindow, connection_label);
  gtk_widget_class_bind_template_child (widget_class, PaWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, PaWindow, header_stack);
  gtk_widget_class_bind_template_child (widget_class, PaWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, PaWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, PaWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, PaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PaWindow, connecting_page);
  gtk_widget_class_bind_template_child (widget_class, PaWindow, failed_page);
  gtk_widget_class_bind_template_child (widget_class, PaWindow, section_stack);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.new-phone", NULL, new_phone_cb);
  gtk_widget_class_install_action (widget_class, "win.edit-phone", "x", edit_phone_cb);
  gtk_widget_class_install_action (widget_class, "win.delete-phone", "x", delete_cb);
  gtk_widget_class_install_action (widget_class, "win.scan-phones", NULL, scan_phones_cb);
  gtk_widget_class_install_action (widget_class, "win.new-agent", NULL, new_agent_cb);
  gtk_widget_class_install_action (widget_class, "win.edit-agent", "x", edit_agent_cb);
  gtk_widget_class_install_action (widget_class, "win.delete-agent", "x", delete_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_cb);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_cb);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_cb);
  gtk_widget_class_install_action (widget_class, "win.lan-question", NULL, lan_question_cb);
  gtk_widget_class_install_action (widget_class, "win.next-pane", NULL, next_pane_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.next-pane", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK,
                                       "win.next-pane", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-phone", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.scan-phones", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.new-agent", NULL);

  sections = pa_section_get_all (&n_sections);
  for (guint i = 0; i < n_sections && i < 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-section", "s", sections[i].id);
}

static void
pa_window_init (PaWindow *self)
{
  const PaSection *sections;
  guint n_sections;

  gtk_widget_init_template (GTK_WIDGET (self));
  pa_bench_trace_watch_window (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (sidebar_key_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->sidebar), keys);
  }

  sections = pa_section_get_all (&n_sections);
  for (guint i = 0; i < n_sections; i++)
    add_section (self, &sections[i], i);
  gtk_list_box_select_row (self->sidebar, gtk_list_box_get_row_at_index (self->sidebar, 0));
  update_actions (self);
  /* The pages' "Loading…" spinners, and the window's "Connecting…". */
  pa_spinners_spin_while_mapped (GTK_WIDGET (self));

  /* Bound both ways so a resize is saved as it happens, not only on a clean quit. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);
}

/* ---- public --------------------------------------------------------- */

PaWindow *
pa_window_new (PaApplication *application)
{
  /* The connection goes in as the construct property: "application" is an
   * ordinary property, set only after constructed() has run. */
  return g_object_new (PA_TYPE_WINDOW,
                       "application", application,
                       "connection", pa_application_get_connection (application),
                       NULL);
}

PaConnection *
pa_window_get_connection (PaWindow *self)
{
  g_return_val_if_fail (PA_IS_WINDOW (self), NULL);

  return self->connection;
}

const char *
pa_window_get_section (PaWindow *self)
{
  g_return_val_if_fail (PA_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->section_stack);
}

void
pa_window_set_section (PaWindow   *self,
                       const char *section_id)
{
  GtkListBoxRow *row;

  g_return_if_fail (PA_IS_WINDOW (self));
  g_return_if_fail (pa_section_lookup (section_id) != NULL);

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar, i)) != NULL; i++)
    if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), section_id) == 0)
      {
        /* row-selected does the switching and the notify. */
        gtk_list_box_select_row (self->sidebar, row);
        return;
      }
}

GtkWidget *
pa_window_get_page (PaWindow   *self,
                    const char *section_id)
{
  g_return_val_if_fail (PA_IS_WINDOW (self), NULL);

  return gtk_stack_get_child_by_name (self->section_stack, section_id);
}

void
pa_window_add_toast (PaWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (PA_IS_WINDOW (self));

  pa_toast_add (self->toast_overlay, toast);
}

gboolean
pa_window_get_banner_visible (PaWindow *self)
{
  g_return_val_if_fail (PA_IS_WINDOW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->banner_revealer);
}
