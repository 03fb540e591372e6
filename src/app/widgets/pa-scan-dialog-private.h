/* pa-scan-dialog-private.h — what the scan dialog's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-scan-dialog.h"

G_BEGIN_DECLS

struct _PaScanDialog
{
  AdwWindow      parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkWidget     *create_button;
  PaMacEntry    *mac_entry;
  AdwComboRow   *brand_row;
  AdwComboRow   *model_row;
  AdwComboRow   *agent_row;
  GtkListBox    *rows_list;
  GtkWidget     *credentials_group;
  AdwActionRow  *credentials_row;

  PaRepository  *repository;
  GListStore    *rows;           /* of PaScanRow */
  GHashTable    *model_by_vendor; /* vendor id → last chosen model id */
  GCancellable  *cancellable;
  GQueue         queue;          /* PaScanRow refs waiting to be sent */
  guint          n_created;      /* in the current run */
  guint          n_failed;
  gboolean       busy;
  gboolean       swapping_models;  /* the model row's list is being replaced */
  gint64         default_agent_id; /* "For Each Phone"'s agent, for rows that follow it */
  gboolean       rows_discard_confirmed;

  /* The passwords the server showed once, until the dialog closes. */
  GListStore    *credentials;       /* of PaScanCredential */
  GHashTable    *credential_by_row; /* PaScanRow → PaScanCredential, both owned */
  guint          n_new_credentials; /* in the current run */
  GtkWidget     *summary;           /* weak: the open PaScanCredentialsDialog */
  AdwMessageDialog *confirmation;   /* weak: the open close confirmation */
  gboolean       close_confirmed;
};

/* pa-scan-dialog.c: a brand's model choices ("Choose a model…" first,
 * then its models by name), their names, and the position of @model_id
 * (0 when none or unknown, 1 for a brand's only model). */
GListModel    *pa_scan_dialog_model_choices    (const char    *vendor_id);
GtkExpression *pa_scan_dialog_model_expression (void);
guint          pa_scan_dialog_model_position   (GListModel    *choices,
                                                const char    *model_id);
/* Sets @row's model (NULL: not chosen); its name follows while it is the
 * one made from the model. */
void           pa_scan_dialog_set_row_model    (PaScanDialog  *self,
                                                PaScanRow     *row,
                                                PaDeviceModel *model);

/* pa-scan-dialog-rows.c: the list box's row for a PaScanRow (@user_data
 * is the dialog). */
GtkWidget *pa_scan_dialog_create_row_widget       (gpointer          item,
                                                   gpointer          user_data);

/* pa-scan-dialog-credentials.c */
void       pa_scan_dialog_keep_credential         (PaScanDialog     *self,
                                                   PaScanRow        *row,
                                                   PaPhone          *phone,
                                                   JsonObject       *extra);
/* Shows the passwords group and its count, and enables the action. */
void       pa_scan_dialog_update_credentials      (PaScanDialog     *self);
void       pa_scan_dialog_show_credentials_action (GtkWidget        *widget,
                                                   const char       *action_name,
                                                   GVariant         *parameter);
/* TRUE when closing must wait: a confirmation is up. */
gboolean   pa_scan_dialog_confirm_close           (PaScanDialog     *self);
/* Closes the summary and wipes every kept password. */
void       pa_scan_dialog_forget_credentials      (PaScanDialog     *self);

G_END_DECLS
