/* pa-config-inputs.h — what a phone's files were made from, and its fingerprint
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gathering a phone's files records every input it reads: a resource by
 * kind, id and revision, a SIP password by its serial, the server's
 * settings by their revision. The fingerprint is a hash of that list, so it
 * changes exactly when an input does, and the list read backwards (which
 * phones read this input?) says which phones an edit affects. Nothing here
 * is tracked by hand: whatever gathering reads is what counts.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Kinds of input besides the stored resources' own ("phone", "layout", …). */
#define PA_INPUT_SIP_PASSWORD "sip_password"
#define PA_INPUT_PHONE_TOKEN  "phone_token"
#define PA_INPUT_ADMIN_PASSWORD "admin_password"
#define PA_INPUT_HTTP_PASSWORD  "http_password"
#define PA_INPUT_SETTINGS     "settings"

typedef struct
{
  const char *kind;       /* interned */
  gint64      id;
  gint64      revision;
} PaConfigInput;

/* An empty list of PaConfigInput. */
GArray *pa_config_inputs_new         (void);
/* Adds an input; one read twice counts once. */
void    pa_config_inputs_add         (GArray     *inputs,
                                      const char *kind,
                                      gint64      id,
                                      gint64      revision);
/* The revision of (@kind, @id) in @inputs, or -1 when it is not there. */
gint64  pa_config_inputs_lookup      (GArray     *inputs,
                                      const char *kind,
                                      gint64      id);
/* 32 hex digits: a hash of the inputs, whatever order they were read in. */
char   *pa_config_inputs_fingerprint (GArray     *inputs);
/* A revision for data that has none of its own (a token, the settings):
 * 62 bits of its SHA-256. */
gint64  pa_config_inputs_revision_of (const char *text);

/* The fingerprint a phone's files are served with (their ETag): its
 * inputs' fingerprint @stored together with the revisions of the program
 * and the catalog that write the files. NULL for a NULL @stored. */
char   *pa_config_inputs_served_fingerprint (const char *stored,
                                             gint64      program_revision,
                                             gint64      catalog_revision);

G_END_DECLS
