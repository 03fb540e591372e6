/* pa-scan-row.h — one scanned phone waiting to be created (scan mode)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * PaScanRowState:
 * @PA_SCAN_ROW_PENDING: not sent yet.
 * @PA_SCAN_ROW_SAVING: request running.
 * @PA_SCAN_ROW_CREATED: the server created it; "phone-id" is set.
 * @PA_SCAN_ROW_FAILED: the server refused; "message" says why. Retried by
 *   the next "Create".
 */
typedef enum
{
  PA_SCAN_ROW_PENDING,
  PA_SCAN_ROW_SAVING,
  PA_SCAN_ROW_CREATED,
  PA_SCAN_ROW_FAILED,
} PaScanRowState;

#define PA_TYPE_SCAN_ROW (pa_scan_row_get_type ())
G_DECLARE_FINAL_TYPE (PaScanRow, pa_scan_row, PA, SCAN_ROW, GObject)

/* Properties (notify): "mac", "vendor-id", "model-id", "agent-id", "name",
 * "state", "message", "phone-id". */
PaScanRow      *pa_scan_row_new           (const char     *mac,
                                           const char     *vendor_id,
                                           const char     *model_id,
                                           gint64          agent_id,
                                           const char     *name);
const char     *pa_scan_row_get_mac       (PaScanRow      *self);
const char     *pa_scan_row_get_vendor_id (PaScanRow      *self);   /* nullable */
const char     *pa_scan_row_get_model_id  (PaScanRow      *self);   /* nullable */
gint64          pa_scan_row_get_agent_id  (PaScanRow      *self);   /* 0 = none */
const char     *pa_scan_row_get_name      (PaScanRow      *self);
PaScanRowState  pa_scan_row_get_state     (PaScanRow      *self);
const char     *pa_scan_row_get_message   (PaScanRow      *self);   /* nullable */
gint64          pa_scan_row_get_phone_id  (PaScanRow      *self);   /* 0 until created */
void            pa_scan_row_set_result    (PaScanRow      *self,
                                           PaScanRowState  state,
                                           const char     *message,
                                           gint64          phone_id);
/* What the user picks for a row before it is created. */
void            pa_scan_row_set_model     (PaScanRow      *self,
                                           const char     *vendor_id,
                                           const char     *model_id);
void            pa_scan_row_set_agent_id  (PaScanRow      *self,
                                           gint64          agent_id);
void            pa_scan_row_set_name      (PaScanRow      *self,
                                           const char     *name);

G_END_DECLS
