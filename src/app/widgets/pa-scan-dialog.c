/* pa-scan-dialog.c — scanning MACs into rows and creating their phones (the
 * rows' widgets are in pa-scan-dialog-rows.c, the SIP passwords in
 * pa-scan-dialog-credentials.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-scan-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-accessible-names.h"

#include <string.h>

#include "pa-catalog.h"
#include "pa-mac-input.h"
#include "pa-repository.h"
#include "pa-scan-dialog-private.h"
#include "pa-toast.h"


G_DEFINE_FINAL_TYPE (PaScanDialog, pa_scan_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_REPOSITORY,
  PROP_PENDING,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void send_next (PaScanDialog *self);

/* ---- counts and the Create button ----------------------------------- */

guint
pa_scan_dialog_get_pending (PaScanDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint pending = 0;

  g_return_val_if_fail (PA_IS_SCAN_DIALOG (self), 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaScanRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (pa_scan_row_get_state (row) != PA_SCAN_ROW_CREATED)
        pending++;
    }
  return pending;
}

static gboolean
row_editable (PaScanRow *row)
{
  PaScanRowState state = pa_scan_row_get_state (row);

  return state != PA_SCAN_ROW_CREATED && state != PA_SCAN_ROW_SAVING;
}

/* Rows waiting to be created whose model nobody chose yet. */
static guint
count_without_model (PaScanDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint missing = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaScanRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      missing += row_editable (row) && pa_scan_row_get_model_id (row) == NULL;
    }
  return missing;
}

static void
update_create_button (PaScanDialog *self)
{
  guint pending = pa_scan_dialog_get_pending (self);
  guint missing = count_without_model (self);
  g_autofree char *label = NULL;
  g_autofree char *reason = NULL;

  if (pending == 0)
    label = g_strdup (_("_Create Phones"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Create %u Phone",
                                          "_Create %u Phones", pending),
                             pending);
  gtk_button_set_label (GTK_BUTTON (self->create_button), label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan.create",
                                 pending > 0 && missing == 0 && !self->busy
                                 && self->repository != NULL);
  if (missing > 0)
    reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Choose the model of %u scanned phone first",
                                           "Choose the model of %u scanned phones first",
                                           missing), missing);
  gtk_widget_set_tooltip_text (self->create_button,
                               reason != NULL ? reason : _("Create the scanned phones on the server"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

static void
set_busy (PaScanDialog *self,
          gboolean      busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  update_create_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ---- the rows (their widgets: pa-scan-dialog-rows.c) ---------------- */

static void
rows_changed_cb (PaScanDialog *self)
{
  update_create_button (self);
}

/* ---- the defaults (brand → model, agent) ---------------------------- */

static const char *
selected_vendor_id (PaScanDialog *self)
{
  PaVendor *vendor = adw_combo_row_get_selected_item (self->brand_row);

  return vendor != NULL ? pa_vendor_get_id (vendor) : NULL;
}

static PaDeviceModel *
selected_model (PaScanDialog *self)
{
  gpointer item = adw_combo_row_get_selected_item (self->model_row);

  return PA_IS_DEVICE_MODEL (item) ? item : NULL;
}

/* ---- model choices: "Choose a model…", then the brand's models by name - */

static char *
model_item_name (GObject *item)
{
  if (PA_IS_DEVICE_MODEL (item))
    return g_strdup (pa_device_model_get_name (PA_DEVICE_MODEL (item)));
  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  return g_strdup ("");
}

GtkExpression *
pa_scan_dialog_model_expression (void)
{
  return gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                      G_CALLBACK (model_item_name), NULL, NULL);
}

GListModel *
pa_scan_dialog_model_choices (const char *vendor_id)
{
  g_autoptr(GListStore) sections = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr(GtkStringList) none = gtk_string_list_new (NULL);
  g_autoptr(GListModel) models =
    pa_catalog_list_models_for_vendor (pa_catalog_get_default (), vendor_id);

  /* Nothing is picked for the user: a wrong model is a phone that does
   * not boot its configuration, found only at the desk. */
  gtk_string_list_append (none, _("Choose a model…"));
  g_list_store_append (sections, none);
  g_list_store_append (sections, models);
  return G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&sections))));
}

guint
pa_scan_dialog_model_position (GListModel *choices,
                               const char *model_id)
{
  guint n = g_list_model_get_n_items (choices);

  /* A brand with one model: that is no guess. */
  if (model_id == NULL)
    return n == 2 ? 1 : 0;
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(PaDeviceModel) model = g_list_model_get_item (choices, i);

      if (g_strcmp0 (pa_device_model_get_id (model), model_id) == 0)
        return i;
    }
  return 0;
}

/* A row's model as the user or "For Each Phone" picks it; its name follows
 * while it is still the one made from the model. */
void
pa_scan_dialog_set_row_model (PaScanDialog  *self,
                              PaScanRow     *row,
                              PaDeviceModel *model)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  const char *old_id = pa_scan_row_get_model_id (row);
  PaDeviceModel *old = old_id != NULL ? pa_catalog_get_model (catalog, old_id) : NULL;
  g_autofree char *old_name = pa_scan_default_name (old != NULL ? pa_device_model_get_name (old)
                                                                : NULL,
                                                    pa_scan_row_get_mac (row));

  if (g_strcmp0 (pa_scan_row_get_name (row), old_name) == 0)
    {
      g_autofree char *name = pa_scan_default_name (model != NULL ? pa_device_model_get_name (model)
                                                                  : NULL,
                                                    pa_scan_row_get_mac (row));

      pa_scan_row_set_name (row, name);
    }
  pa_scan_row_set_model (row, model != NULL ? pa_device_model_get_vendor_id (model)
                                            : pa_scan_row_get_vendor_id (row),
                         model != NULL ? pa_device_model_get_id (model) : NULL);
  update_create_button (self);
}

static gint64
selected_agent_id (PaScanDialog *self)
{
  GObject *item = adw_combo_row_get_selected_item (self->agent_row);

  return PA_IS_AGENT (item) ? pa_resource_get_id (PA_RESOURCE (item)) : 0;
}

static guint
find_position (GListModel *model,
               const char *id,
               const char *(*get_id) (gpointer))
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (get_id (item), id) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
brand_selected_cb (PaScanDialog *self)
{
  const char *vendor_id = selected_vendor_id (self);
  g_autoptr(GListModel) choices = NULL;
  g_autofree char *remembered = NULL;

  if (vendor_id == NULL)
    return;
  /* Read before the list is swapped: swapping selects its first item,
   * which model_selected_cb would take for the user's choice. */
  remembered = g_strdup (g_hash_table_lookup (self->model_by_vendor, vendor_id));
  choices = pa_scan_dialog_model_choices (vendor_id);
  self->swapping_models = TRUE;
  adw_combo_row_set_model (self->model_row, choices);
  self->swapping_models = FALSE;
  adw_combo_row_set_selected (self->model_row,
                              pa_scan_dialog_model_position (choices, remembered));
}

/* "For Each Phone" applies to the rows still waiting too: those of the
 * brand that had the previous choice (or none) take the new one; a row
 * the user set apart keeps its own. */
static void
model_selected_cb (PaScanDialog *self)
{
  PaDeviceModel *model = selected_model (self);
  const char *vendor_id = selected_vendor_id (self);
  g_autofree char *previous = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  if (self->swapping_models || vendor_id == NULL)
    return;
  previous = g_strdup (g_hash_table_lookup (self->model_by_vendor, vendor_id));
  if (model != NULL)
    g_hash_table_insert (self->model_by_vendor, g_strdup (vendor_id),
                         g_strdup (pa_device_model_get_id (model)));
  else
    g_hash_table_remove (self->model_by_vendor, vendor_id);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaScanRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      const char *row_model = pa_scan_row_get_model_id (row);

      if (row_editable (row) && g_strcmp0 (pa_scan_row_get_vendor_id (row), vendor_id) == 0
          && (row_model == NULL || g_strcmp0 (row_model, previous) == 0))
        pa_scan_dialog_set_row_model (self, row, model);
    }
  update_create_button (self);
}

static void
agent_selected_cb (PaScanDialog *self)
{
  gint64 agent_id = selected_agent_id (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaScanRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (row_editable (row) && pa_scan_row_get_agent_id (row) == self->default_agent_id)
        pa_scan_row_set_agent_id (row, agent_id);
    }
  self->default_agent_id = agent_id;
}

static void
select_vendor (PaScanDialog *self,
               const char   *vendor_id)
{
  GListModel *vendors = pa_catalog_get_vendors (pa_catalog_get_default ());
  guint position;

  if (vendor_id == NULL || g_strcmp0 (vendor_id, selected_vendor_id (self)) == 0)
    return;
  position = find_position (vendors, vendor_id, (const char *(*) (gpointer)) pa_vendor_get_id);
  if (position != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->brand_row, position);
}

/* The scanned MAC names the brand; the user may still pick another. */
static void
entry_vendor_cb (PaScanDialog *self)
{
  select_vendor (self, pa_mac_entry_get_vendor_id (self->mac_entry));
}

static char *
agent_item_name (GObject *item)
{
  if (PA_IS_AGENT (item))
    {
      PaAgent *agent = PA_AGENT (item);
      const char *extension = pa_agent_get_extension (agent);

      if (extension != NULL && *extension != '\0')
        return g_strdup_printf ("%s (%s)", pa_agent_get_name (agent), extension);
      return g_strdup (pa_agent_get_name (agent));
    }
  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  return g_strdup ("");
}

static void
setup_agents (PaScanDialog *self)
{
  g_autoptr(GListStore) sections = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr(GListStore) none = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr(GtkStringObject) none_item = gtk_string_object_new (_("No agent"));
  g_autoptr(GtkFlattenListModel) flat = NULL;
  g_autoptr(GtkExpression) expression = NULL;

  g_list_store_append (none, none_item);
  g_list_store_append (sections, none);
  /* The repository's own store, not a copy: agents added meanwhile show up. */
  if (self->repository != NULL)
    g_list_store_append (sections, pa_repository_get_agents (self->repository));
  flat = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&sections)));

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (agent_item_name), NULL, NULL);
  adw_combo_row_set_expression (self->agent_row, expression);
  adw_combo_row_set_model (self->agent_row, G_LIST_MODEL (flat));
}

/* ---- scanning ------------------------------------------------------- */

static const char *
lookup_phone_cb (const char *mac,
                 gpointer    user_data)
{
  PaScanDialog *self = user_data;
  PaPhone *phone;

  if (self->repository == NULL)
    return NULL;
  phone = pa_repository_find_phone_by_mac (self->repository, mac);
  return phone != NULL ? pa_phone_get_name (phone) : NULL;
}

PaScanRow *
pa_scan_dialog_add_scan (PaScanDialog *self,
                         const char   *text)
{
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(PaScanRow) row = NULL;
  g_autofree char *mac = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *name = NULL;
  PaDeviceModel *model;
  PaVendor *vendor;
  guint n;

  g_return_val_if_fail (PA_IS_SCAN_DIALOG (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaScanRow) r = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      g_hash_table_add (listed, (gpointer) pa_scan_row_get_mac (r));
    }

  switch (pa_scan_check (text, listed, lookup_phone_cb, self, &mac, &reason))
    {
    case PA_SCAN_ACCEPT:
      break;
    case PA_SCAN_REJECT_EMPTY:
      return NULL;
    case PA_SCAN_REJECT_INVALID:
    case PA_SCAN_REJECT_IN_LIST:
    case PA_SCAN_REJECT_EXISTS:
    default:
      pa_mac_entry_show_message (self->mac_entry, reason);
      return NULL;
    }

  vendor = pa_catalog_vendor_for_mac (pa_catalog_get_default (), mac);
  /* Typed scans switched the brand already; a pasted or programmatic one
   * has not. */
  if (vendor != NULL && g_strcmp0 (pa_vendor_get_id (vendor), selected_vendor_id (self)) != 0)
    select_vendor (self, pa_vendor_get_id (vendor));
  model = selected_model (self);
  name = pa_scan_default_name (model != NULL ? pa_device_model_get_name (model) : NULL, mac);
  row = pa_scan_row_new (mac, vendor != NULL ? pa_vendor_get_id (vendor) : NULL,
                         model != NULL ? pa_device_model_get_id (model) : NULL,
                         selected_agent_id (self), name);
  /* The row's own model choice (pa-scan-dialog-rows.c) may unlock Create. */
  g_signal_connect_object (row, "notify::model-id", G_CALLBACK (update_create_button), self,
                           G_CONNECT_SWAPPED);
  g_list_store_append (self->rows, row);
  pa_mac_entry_clear (self->mac_entry);
  return row;
}

static void
entry_committed_cb (PaScanDialog *self,
                    const char   *mac)
{
  pa_scan_dialog_add_scan (self, mac);
}

/* ---- creating ------------------------------------------------------- */

static void
finish_run (PaScanDialog *self)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  set_busy (self, FALSE);
  if (self->n_failed == 0)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Created %u phone",
                                          "Created %u phones", self->n_created),
                             self->n_created);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u phone could not be created; see its row",
                                          "%u phones could not be created; see their rows",
                                          self->n_failed),
                             self->n_failed);
  toast = pa_toast_new (title);
  if (self->n_new_credentials > 0)
    {
      adw_toast_set_button_label (toast, _("Show _Credentials…"));
      adw_toast_set_action_name (toast, "scan.show-credentials");
      adw_toast_set_timeout (toast, 0);
    }
  pa_toast_add (self->toast_overlay, toast);
  update_create_button (self);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PaScanRow) row = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) saved = NULL;
  g_autoptr(JsonObject) extra = NULL;
  PaScanDialog *self;

  saved = pa_repository_save_finish (PA_REPOSITORY (source), result, &extra, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the dialog is gone or closing */

  self = g_object_get_data (G_OBJECT (row), "pa-scan-dialog");
  if (saved != NULL)
    {
      pa_scan_dialog_keep_credential (self, row, PA_PHONE (saved), extra);
      pa_scan_row_set_result (row, PA_SCAN_ROW_CREATED, NULL, pa_resource_get_id (saved));
      self->n_created++;
    }
  else
    {
      pa_scan_row_set_result (row, PA_SCAN_ROW_FAILED, error->message, 0);
      self->n_failed++;
    }
  update_create_button (self);
  send_next (self);
}

static void
send_next (PaScanDialog *self)
{
  g_autoptr(PaScanRow) row = g_queue_pop_head (&self->queue);
  g_autoptr(PaPhone) phone = NULL;
  PaDeviceModel *model;

  if (row == NULL)
    {
      finish_run (self);
      return;
    }

  /* Removed from the list meanwhile: skip. */
  if (!g_list_store_find (self->rows, row, NULL))
    {
      send_next (self);
      return;
    }

  model = pa_scan_row_get_model_id (row) != NULL
          ? pa_catalog_get_model (pa_catalog_get_default (), pa_scan_row_get_model_id (row))
          : NULL;

  phone = pa_phone_new ();
  pa_phone_set_name (phone, pa_scan_row_get_name (row));
  pa_phone_set_mac (phone, pa_scan_row_get_mac (row));
  if (model != NULL)
    {
      pa_phone_set_vendor (phone, pa_device_model_get_vendor_id (model));
      pa_phone_set_model (phone, pa_device_model_get_id (model));
    }
  else if (pa_scan_row_get_vendor_id (row) != NULL)
    pa_phone_set_vendor (phone, pa_scan_row_get_vendor_id (row));
  pa_phone_set_agent_id (phone, pa_scan_row_get_agent_id (row));

  pa_scan_row_set_result (row, PA_SCAN_ROW_SAVING, NULL, 0);
  /* The row outlives the dialog's pointer only while the request runs; a
   * closed dialog cancels, and the callback stops before using it. */
  g_object_set_data (G_OBJECT (row), "pa-scan-dialog", self);
  pa_repository_save_async (self->repository, PA_RESOURCE (phone), self->cancellable,
                            save_done_cb, g_object_ref (row));
}

/* One request at a time: the server answers quickly, and each row's
 * result then arrives in the order the user scanned. */
static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PaScanDialog *self = PA_SCAN_DIALOG (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  if (self->busy || self->repository == NULL)
    return;

  for (guint i = 0; i < n; i++)
    {
      PaScanRow *row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (pa_scan_row_get_state (row) == PA_SCAN_ROW_CREATED)
        g_object_unref (row);
      else
        g_queue_push_tail (&self->queue, row);
    }
  if (g_queue_is_empty (&self->queue))
    return;

  /* A refused scan's message is about the scanning that is over now. */
  if (pa_mac_entry_get_error (self->mac_entry) != NULL
      && *gtk_editable_get_text (GTK_EDITABLE (self->mac_entry)) == '\0')
    pa_mac_entry_clear (self->mac_entry);
  self->n_created = 0;
  self->n_failed = 0;
  self->n_new_credentials = 0;
  set_busy (self, TRUE);
  send_next (self);
}

static void
remove_row_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PaScanDialog *self = PA_SCAN_DIALOG (widget);
  guint position = g_variant_get_uint32 (parameter);
  g_autoptr(PaScanRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (row == NULL || pa_scan_row_get_state (row) == PA_SCAN_ROW_SAVING)
    return;
  g_list_store_remove (self->rows, position);
  gtk_widget_grab_focus (GTK_WIDGET (self->mac_entry));
}

/* ---- GObject -------------------------------------------------------- */

static gboolean
pa_scan_dialog_close_request (GtkWindow *window)
{
  PaScanDialog *self = PA_SCAN_DIALOG (window);

  if (pa_scan_dialog_confirm_close (self))
    return TRUE;

  g_cancellable_cancel (self->cancellable);
  pa_scan_dialog_forget_credentials (self);
  return GTK_WINDOW_CLASS (pa_scan_dialog_parent_class)->close_request (window);
}

static void
pa_scan_dialog_constructed (GObject *object)
{
  PaScanDialog *self = PA_SCAN_DIALOG (object);

  G_OBJECT_CLASS (pa_scan_dialog_parent_class)->constructed (object);

  pa_mac_entry_set_repository (self->mac_entry, self->repository);
  setup_agents (self);
  update_create_button (self);
}

static void
pa_scan_dialog_dispose (GObject *object)
{
  PaScanDialog *self = PA_SCAN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_queue_clear_full (&self->queue, g_object_unref);
  if (self->confirmation != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->confirmation),
                                    (gpointer *) &self->confirmation);
      gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->confirmation)));
    }
  pa_scan_dialog_forget_credentials (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_SCAN_DIALOG);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (pa_scan_dialog_parent_class)->dispose (object);
}

static void
pa_scan_dialog_finalize (GObject *object)
{
  PaScanDialog *self = PA_SCAN_DIALOG (object);

  g_clear_object (&self->rows);
  g_clear_object (&self->credentials);
  g_clear_pointer (&self->credential_by_row, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->model_by_vendor, g_hash_table_unref);

  G_OBJECT_CLASS (pa_scan_dialog_parent_class)->finalize (object);
}

static void
pa_scan_dialog_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PaScanDialog *self = PA_SCAN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repository);
      break;
    case PROP_PENDING:
      g_value_set_uint (value, pa_scan_dialog_get_pending (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_scan_dialog_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PaScanDialog *self = PA_SCAN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_set_object (&self->repository, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_scan_dialog_class_init (PaScanDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pa_scan_dialog_constructed;
  object_class->dispose = pa_scan_dialog_dispose;
  object_class->finalize = pa_scan_dialog_finalize;
  object_class->get_property = pa_scan_dialog_get_property;
  object_class->set_property = pa_scan_dialog_set_property;
  window_class->close_request = pa_scan_dialog_close_request;

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, PA_TYPE_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PA_TYPE_MAC_ENTRY);
  /* Modal: announced as a dialog (GTK 4.8 says frame, or filler). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/widgets/pa-scan-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PaScanDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PaScanDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, PaScanDialog, mac_entry);
  gtk_widget_class_bind_template_child (widget_class, PaScanDialog, brand_row);
  gtk_widget_class_bind_template_child (widget_class, PaScanDialog, model_row);
  gtk_widget_class_bind_template_child (widget_class, PaScanDialog, agent_row);
  gtk_widget_class_bind_template_child (widget_class, PaScanDialog, rows_list);
  gtk_widget_class_bind_template_child (widget_class, PaScanDialog, credentials_group);
  gtk_widget_class_bind_template_child (widget_class, PaScanDialog, credentials_row);
  gtk_widget_class_bind_template_callback (widget_class, entry_committed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_vendor_cb);
  gtk_widget_class_bind_template_callback (widget_class, brand_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, model_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, agent_selected_cb);

  gtk_widget_class_install_action (widget_class, "scan.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "scan.remove-row", "u", remove_row_action);
  gtk_widget_class_install_action (widget_class, "scan.show-credentials", NULL,
                                   pa_scan_dialog_show_credentials_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "scan.show-credentials", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "scan.create", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "scan.create", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pa_scan_dialog_init (PaScanDialog *self)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  g_autoptr(GtkExpression) vendor_name = NULL;
  g_autoptr(GtkExpression) model_name = NULL;

  self->rows = g_list_store_new (PA_TYPE_SCAN_ROW);
  self->model_by_vendor = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
  self->credentials = g_list_store_new (PA_TYPE_SCAN_CREDENTIAL);
  self->credential_by_row = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                                   g_object_unref, g_object_unref);
  g_queue_init (&self->queue);

  gtk_widget_init_template (GTK_WIDGET (self));

  vendor_name = gtk_property_expression_new (PA_TYPE_VENDOR, NULL, "name");
  model_name = pa_scan_dialog_model_expression ();
  adw_combo_row_set_expression (self->brand_row, vendor_name);
  adw_combo_row_set_expression (self->model_row, model_name);
  adw_combo_row_set_model (self->brand_row, pa_catalog_get_vendors (catalog));
  brand_selected_cb (self);

  gtk_list_box_bind_model (self->rows_list, G_LIST_MODEL (self->rows),
                           pa_scan_dialog_create_row_widget, self, NULL);
  g_signal_connect_object (self->rows, "items-changed",
                           G_CALLBACK (rows_changed_cb), self, G_CONNECT_SWAPPED);

  pa_scan_dialog_update_credentials (self);
  pa_focus_when_shown (GTK_WINDOW (self), GTK_WIDGET (self->mac_entry));
}

GtkWidget *
pa_scan_dialog_new (GtkWindow    *parent,
                    PaRepository *repo)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (repo == NULL || PA_IS_REPOSITORY (repo), NULL);

  return g_object_new (PA_TYPE_SCAN_DIALOG,
                       "transient-for", parent,
                       "repository", repo,
                       NULL);
}

GListModel *
pa_scan_dialog_get_rows (PaScanDialog *self)
{
  g_return_val_if_fail (PA_IS_SCAN_DIALOG (self), NULL);
  return G_LIST_MODEL (self->rows);
}

PaMacEntry *
pa_scan_dialog_get_entry (PaScanDialog *self)
{
  g_return_val_if_fail (PA_IS_SCAN_DIALOG (self), NULL);
  return self->mac_entry;
}

gboolean
pa_scan_dialog_get_busy (PaScanDialog *self)
{
  g_return_val_if_fail (PA_IS_SCAN_DIALOG (self), FALSE);
  return self->busy;
}

void
pa_scan_dialog_set_default_model (PaScanDialog *self,
                                  const char   *model_id)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  PaDeviceModel *model;
  guint position;

  g_return_if_fail (PA_IS_SCAN_DIALOG (self));

  model = model_id != NULL ? pa_catalog_get_model (catalog, model_id) : NULL;
  if (model == NULL)
    return;

  /* As the user does it: the brand, then the model in its list, so the
   * rows that followed the previous choice follow this one. */
  position = find_position (pa_catalog_get_vendors (catalog), pa_device_model_get_vendor_id (model),
                            (const char *(*) (gpointer)) pa_vendor_get_id);
  if (position != adw_combo_row_get_selected (self->brand_row))
    adw_combo_row_set_selected (self->brand_row, position);
  adw_combo_row_set_selected (self->model_row,
                              pa_scan_dialog_model_position (adw_combo_row_get_model (self->model_row),
                                                             model_id));
}

const char *
pa_scan_dialog_get_default_model (PaScanDialog *self)
{
  PaDeviceModel *model;

  g_return_val_if_fail (PA_IS_SCAN_DIALOG (self), NULL);
  model = selected_model (self);
  return model != NULL ? pa_device_model_get_id (model) : NULL;
}

void
pa_scan_dialog_set_default_agent (PaScanDialog *self,
                                  gint64        agent_id)
{
  GListModel *model;
  guint n;

  g_return_if_fail (PA_IS_SCAN_DIALOG (self));

  model = adw_combo_row_get_model (self->agent_row);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if ((agent_id == 0 && !PA_IS_AGENT (item))
          || (PA_IS_AGENT (item) && pa_resource_get_id (PA_RESOURCE (item)) == agent_id))
        {
          adw_combo_row_set_selected (self->agent_row, i);
          return;
        }
    }
}
