/* pa-scan-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-scan-row"

#include "config.h"

#include "pa-scan-row.h"

struct _PaScanRow
{
  GObject         parent_instance;

  char           *mac;
  char           *vendor_id;
  char           *model_id;
  gint64          agent_id;
  char           *name;
  PaScanRowState  state;
  char           *message;
  gint64          phone_id;
};

G_DEFINE_FINAL_TYPE (PaScanRow, pa_scan_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAC,
  PROP_VENDOR_ID,
  PROP_MODEL_ID,
  PROP_AGENT_ID,
  PROP_NAME,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_PHONE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pa_scan_row_finalize (GObject *object)
{
  PaScanRow *self = PA_SCAN_ROW (object);

  g_free (self->mac);
  g_free (self->vendor_id);
  g_free (self->model_id);
  g_free (self->name);
  g_free (self->message);

  G_OBJECT_CLASS (pa_scan_row_parent_class)->finalize (object);
}

static void
pa_scan_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PaScanRow *self = PA_SCAN_ROW (object);

  switch (prop_id)
    {
    case PROP_MAC:
      g_value_set_string (value, self->mac);
      break;
    case PROP_VENDOR_ID:
      g_value_set_string (value, self->vendor_id);
      break;
    case PROP_MODEL_ID:
      g_value_set_string (value, self->model_id);
      break;
    case PROP_AGENT_ID:
      g_value_set_int64 (value, self->agent_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_PHONE_ID:
      g_value_set_int64 (value, self->phone_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_scan_row_class_init (PaScanRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = pa_scan_row_finalize;
  object_class->get_property = pa_scan_row_get_property;

  properties[PROP_MAC] = g_param_spec_string ("mac", NULL, NULL, NULL, ro);
  properties[PROP_VENDOR_ID] = g_param_spec_string ("vendor-id", NULL, NULL, NULL, ro);
  properties[PROP_MODEL_ID] = g_param_spec_string ("model-id", NULL, NULL, NULL, ro);
  properties[PROP_AGENT_ID] = g_param_spec_int64 ("agent-id", NULL, NULL,
                                                  0, G_MAXINT64, 0, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  /* An int rather than an enum type: the state never leaves the app. */
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL,
                                             PA_SCAN_ROW_PENDING, PA_SCAN_ROW_FAILED,
                                             PA_SCAN_ROW_PENDING, ro);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_PHONE_ID] = g_param_spec_int64 ("phone-id", NULL, NULL,
                                                  0, G_MAXINT64, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pa_scan_row_init (PaScanRow *self)
{
  self->state = PA_SCAN_ROW_PENDING;
}

PaScanRow *
pa_scan_row_new (const char *mac,
                 const char *vendor_id,
                 const char *model_id,
                 gint64      agent_id,
                 const char *name)
{
  PaScanRow *self;

  g_return_val_if_fail (mac != NULL, NULL);

  self = g_object_new (PA_TYPE_SCAN_ROW, NULL);
  self->mac = g_strdup (mac);
  self->vendor_id = g_strdup (vendor_id);
  self->model_id = g_strdup (model_id);
  self->agent_id = agent_id;
  self->name = g_strdup (name != NULL ? name : mac);
  return self;
}

const char *
pa_scan_row_get_mac (PaScanRow *self)
{
  g_return_val_if_fail (PA_IS_SCAN_ROW (self), NULL);
  return self->mac;
}

const char *
pa_scan_row_get_vendor_id (PaScanRow *self)
{
  g_return_val_if_fail (PA_IS_SCAN_ROW (self), NULL);
  return self->vendor_id;
}

const char *
pa_scan_row_get_model_id (PaScanRow *self)
{
  g_return_val_if_fail (PA_IS_SCAN_ROW (self), NULL);
  return self->model_id;
}

gint64
pa_scan_row_get_agent_id (PaScanRow *self)
{
  g_return_val_if_fail (PA_IS_SCAN_ROW (self), 0);
  return self->agent_id;
}

const char *
pa_scan_row_get_name (PaScanRow *self)
{
  g_return_val_if_fail (PA_IS_SCAN_ROW (self), NULL);
  return self->name;
}

PaScanRowState
pa_scan_row_get_state (PaScanRow *self)
{
  g_return_val_if_fail (PA_IS_SCAN_ROW (self), PA_SCAN_ROW_PENDING);
  return self->state;
}

const char *
pa_scan_row_get_message (PaScanRow *self)
{
  g_return_val_if_fail (PA_IS_SCAN_ROW (self), NULL);
  return self->message;
}

gint64
pa_scan_row_get_phone_id (PaScanRow *self)
{
  g_return_val_if_fail (PA_IS_SCAN_ROW (self), 0);
  return self->phone_id;
}

void
pa_scan_row_set_result (PaScanRow      *self,
                        PaScanRowState  state,
                        const char     *message,
                        gint64          phone_id)
{
  g_return_if_fail (PA_IS_SCAN_ROW (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  if (self->phone_id != phone_id)
    {
      self->phone_id = phone_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE_ID]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Only while the row waits to be created: what the user picks for it. */
void
pa_scan_row_set_model (PaScanRow  *self,
                       const char *vendor_id,
                       const char *model_id)
{
  g_return_if_fail (PA_IS_SCAN_ROW (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->vendor_id, vendor_id) != 0)
    {
      g_free (self->vendor_id);
      self->vendor_id = g_strdup (vendor_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VENDOR_ID]);
    }
  if (g_strcmp0 (self->model_id, model_id) != 0)
    {
      g_free (self->model_id);
      self->model_id = g_strdup (model_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL_ID]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
pa_scan_row_set_agent_id (PaScanRow *self,
                          gint64     agent_id)
{
  g_return_if_fail (PA_IS_SCAN_ROW (self));

  if (self->agent_id == agent_id)
    return;
  self->agent_id = agent_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT_ID]);
}

void
pa_scan_row_set_name (PaScanRow  *self,
                      const char *name)
{
  g_return_if_fail (PA_IS_SCAN_ROW (self));
  g_return_if_fail (name != NULL);

  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}
