/* pa-render.h — turn a phone and everything it points at into the files it fetches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pa-agent.h"
#include "pa-catalog.h"
#include "pa-layout.h"
#include "pa-module-layout.h"
#include "pa-phone.h"
#include "pa-profile.h"
#include "pa-settings.h"
#include "pa-sip-account.h"

G_BEGIN_DECLS

#define PA_RENDER_ERROR (pa_render_error_quark ())

/**
 * PaRenderError:
 * @PA_RENDER_ERROR_NO_SUCH_FILE: the phone's model does not ask for that file.
 * @PA_RENDER_ERROR_UNSUPPORTED: the vendor's format is not rendered yet.
 * @PA_RENDER_ERROR_INCOMPLETE: the context lacks something the file needs
 *   (no model, a line without its account).
 */
typedef enum
{
  PA_RENDER_ERROR_NO_SUCH_FILE,
  PA_RENDER_ERROR_UNSUPPORTED,
  PA_RENDER_ERROR_INCOMPLETE,
} PaRenderError;

GQuark pa_render_error_quark (void);

/* Everything one phone's files are made of, gathered by the caller (the server
 * reads it from its store), so rendering itself does no I/O and is a pure
 * function of its input: the same data gives the same bytes. */
typedef struct
{
  PaPhone       *phone;
  PaDeviceModel *model;
  PaVendor      *vendor;
  GPtrArray     *accounts;         /* PaSipAccount, in line order */
  GPtrArray     *passwords;        /* char *, one per account, NULL when unknown */
  PaLayout      *layout;           /* nullable */
  GPtrArray     *module_layouts;   /* PaModuleLayout or NULL, one per attached module */
  PaProfile     *profile;          /* nullable */
  PaAgent       *agent;            /* nullable: the phone's, whom its lines name
                                    * when their accounts name nobody */
  char          *provisioning_url; /* the phone's setup link, ending in '/' */
  char          *firmware_url;     /* nullable: the firmware to update to */
  PaSettings    *settings;         /* nullable (the defaults): the server's,
                                    * for what nothing nearer sets */
  char          *admin_password;   /* nullable: the one provd generated */
  char          *http_user;        /* nullable: the phone's credentials for */
  char          *http_password;    /* its setup link (http_auth) */
} PaRenderContext;

PaRenderContext *pa_render_context_new   (PaPhone       *phone,
                                          PaDeviceModel *model,
                                          PaVendor      *vendor);
void             pa_render_context_add_account (PaRenderContext *ctx,
                                                PaSipAccount    *account,
                                                const char      *password);
void             pa_render_context_add_module_layout (PaRenderContext *ctx,
                                                      PaModuleLayout  *layout);
void             pa_render_context_free  (PaRenderContext *ctx);

/* Resolves the phone's effective settings and hands them to the vendor's
 * writer. Errors: PA_RENDER_ERROR_UNSUPPORTED (no writer for the vendor),
 * PA_RENDER_ERROR_NO_SUCH_FILE, PA_RENDER_ERROR_INCOMPLETE (the settings
 * cannot work: the message says why, one reason per line). */
GStrv            pa_render_list_files    (PaRenderContext *ctx);
char            *pa_render_file          (PaRenderContext *ctx,
                                          const char      *file_name,
                                          const char     **content_type,
                                          GError         **error);

char            *pa_render_utc_offset    (const char      *timezone);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaRenderContext, pa_render_context_free)

G_END_DECLS
