/* pa-mac-input.h — what the MAC entry and scan mode decide, as plain
 * functions (no widgets), so they are unit-tested
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The text as the entry should show it, with the cursor (a character
 * offset, in/out) kept after the same hex digit: twelve hex digits in any
 * spelling the core accepts become `80:5E:C0:12:34:56`; anything else stays
 * as typed with its hex letters upper-cased. Returns: (transfer full). */
char *pa_mac_input_format (const char *text,
                           int        *cursor);

typedef enum
{
  PA_MAC_INPUT_EMPTY,     /* nothing but white space */
  PA_MAC_INPUT_PARTIAL,   /* could still become a MAC: no message yet */
  PA_MAC_INPUT_VALID,
  PA_MAC_INPUT_INVALID,   /* @message says why */
} PaMacInputState;

/* Judges @text. @finished: the user pressed Enter or left the field, so a
 * prefix is wrong too (too short). @mac (out, nullable): the normalised MAC
 * when VALID. @message (out, nullable): the core's message when INVALID. */
PaMacInputState pa_mac_input_check (const char  *text,
                                    gboolean     finished,
                                    char       **mac,
                                    char       **message);

/* "Already used by “Reception”". Returns: (transfer full). */
char *pa_mac_input_duplicate_message (const char *phone_name);

typedef enum
{
  PA_SCAN_ACCEPT,
  PA_SCAN_REJECT_EMPTY,     /* Enter on an empty field: nothing to do, no message */
  PA_SCAN_REJECT_INVALID,
  PA_SCAN_REJECT_IN_LIST,   /* scanned twice */
  PA_SCAN_REJECT_EXISTS,    /* a phone already has it */
} PaScanVerdict;

/* Returns the name of the stored phone with @mac, or NULL. */
typedef const char *(*PaScanPhoneLookup) (const char *mac,
                                          gpointer    user_data);

/* What one scan does. @listed: normalised MACs already in the list (a set;
 * nullable). @lookup (nullable): the repository. @mac (out): the
 * normalised MAC when known; @reason (out): the message for a reject
 * (NULL for EMPTY). */
PaScanVerdict pa_scan_check (const char         *text,
                             GHashTable         *listed,
                             PaScanPhoneLookup   lookup,
                             gpointer            lookup_data,
                             char              **mac,
                             char              **reason);

/* The name a scanned phone gets unless one is given: "T54W 3456" (model
 * name and the MAC's last four hex digits), "Phone 3456" without a model.
 * Returns: (transfer full). */
char *pa_scan_default_name (const char *model_name,
                            const char *mac);

G_END_DECLS
