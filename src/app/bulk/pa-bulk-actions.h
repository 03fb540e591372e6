/* pa-bulk-actions.h — the actions on many phones at once, one table:
 * the selection bar, the menus, the choosers and the flow all read it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * PaBulkKind:
 * @PA_BULK_DATA: changes the phones' stored settings, all or nothing;
 *   reviewed first (the files' diff), undoable after.
 * @PA_BULK_DEVICE: tells each phone over SIP; each has its own result.
 * @PA_BULK_DELETE: deletes the phones, all or nothing; asked first, not
 *   undoable.
 */
typedef enum
{
  PA_BULK_DATA,
  PA_BULK_DEVICE,
  PA_BULK_DELETE,
} PaBulkKind;

/* What the user picks before the job is made (pa-bulk-chooser.h). */
typedef enum
{
  PA_BULK_CHOOSE_NOTHING,
  PA_BULK_CHOOSE_LAYOUT,     /* "layout_id": an id or null */
  PA_BULK_CHOOSE_SIDECARS,   /* "module_layout_ids": [id or null, …] */
  PA_BULK_CHOOSE_PROFILE,    /* "profile_id": an id or null */
  PA_BULK_CHOOSE_AGENT,      /* "agent_id": an id or null (unassign) */
  PA_BULK_CHOOSE_FIRMWARE,   /* "firmware_id": an id */
} PaBulkChoice;

typedef struct
{
  const char   *id;             /* the job's "action" ("apply_layout") */
  const char   *label;          /* N_(), with a mnemonic ("Apply _Layout…") */
  const char   *tooltip;        /* N_() */
  PaBulkKind    kind;
  PaBulkChoice  choice;
  const char   *member;         /* the body member the choice fills, or NULL */
  /* A button of the selection bar while there is room (the later ones go
   * to its menu first); else always in the menu. */
  gboolean      in_bar;
  const char   *confirm_label;  /* N_(): Review Changes' button ("_Apply Layout") */
  /* "Layout applied to 50 phones" (@cleared: the choice was "none", as
   * "No Layout" or "Unassign"); transfer full. */
  char       *(*describe_done)    (guint    n_phones,
                                   gboolean cleared);
  /* "Applying a layout to 50 phones…"; transfer full. */
  char       *(*describe_running) (guint    n_phones);
} PaBulkAction;

/* Every action, in the order the bar and its menu show them. */
const PaBulkAction *pa_bulk_actions_get_all  (guint              *n_actions);
/* NULL for an unknown id. */
const PaBulkAction *pa_bulk_action_lookup    (const char         *id);

/* The body of POST /api/v1/jobs (and of its diff): the action, the
 * phones' ids in @phone_ids' order (gint64), and @choice (a node the
 * chooser made: a whole number, null or an array; ignored without a
 * member), and @not_before (Unix seconds; 0: start now). Transfer full. */
JsonObject         *pa_bulk_job_body_new     (const PaBulkAction *action,
                                              GArray             *phone_ids,
                                              JsonNode           *choice,
                                              gint64              not_before);
/* Whether @choice is "none" (null). */
gboolean            pa_bulk_choice_is_cleared (JsonNode          *choice);

G_END_DECLS
