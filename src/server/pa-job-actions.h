/* pa-job-actions.h — the one list of what a bulk job can do to phones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-api-private.h"

G_BEGIN_DECLS

typedef struct _PaJobAction PaJobAction;

/* The PATCH body that makes @phone what the job says (transfer full);
 * NULL with an error naming the phone when it cannot be. @params are the
 * request's own members, checked by pa_job_action_parse(); @target what
 * its member names (loaded once per job), NULL for none. */
typedef JsonNode *(*PaJobPatchFunc) (const PaJobAction *action,
                                     PaApiRequest      *req,
                                     JsonObject        *params,
                                     PaResource        *target,
                                     PaPhone           *phone,
                                     GError           **error);

/**
 * PaJobAction:
 * @name: as the API names it ("apply_layout")
 * @member: (nullable): the one member of the request it takes
 *   ("layout_id", "module_layout_ids"), NULL for none
 * @target_type: (nullable): what @member names, when it is one id
 * @patch: (nullable): a data change of each phone as a PATCH; NULL for
 *   the actions that change no data (and for delete)
 * @deletes: the phones are deleted, as DELETE would
 * @sip_action: (nullable): what is pushed to each phone over SIP once the
 *   data change (if any) is stored: "reboot", "resync"
 * @undoable: its data change can be put back
 */
struct _PaJobAction
{
  const char     *name;
  const char     *member;
  GType         (*target_type) (void);
  PaJobPatchFunc  patch;
  gboolean        deletes;
  const char     *sip_action;
  gboolean        undoable;
};

/* NULL for an action there is not. "undo" is not asked for by name: it
 * is POST /api/v1/jobs/{id}/undo. */
const PaJobAction *pa_job_action_lookup (const char *name);
const PaJobAction *pa_job_action_undo   (void);

/* Whether the action changes stored phones (in one unit of work). */
gboolean pa_job_action_changes_data (const PaJobAction *action);

/**
 * pa_job_action_parse:
 * @request: the POST's body: "action", "phone_ids", "not_before" and the
 *   action's member
 * @phone_ids: (out) (transfer full): each id once, in the order given
 * @params: (out) (transfer full): the action's member alone
 * @not_before: (out): Unix seconds, 0 for at once
 *
 * Checks the request's shape (400 with the field) and that what its
 * member names exists (422). The phones are checked as the job runs.
 */
const PaJobAction *pa_job_action_parse (PaApiRequest  *req,
                                        JsonObject    *request,
                                        GArray       **phone_ids,
                                        JsonObject   **params,
                                        gint64        *not_before,
                                        GError       **error);

/* The most phones one job acts on. */
#define PA_JOB_MAX_PHONES 100000

G_END_DECLS
