/* pa-render.c — the render context and the per-vendor dispatch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pa-render.h"
#include "pa-time-zone.h"
#include "pa-writer.h"

G_DEFINE_QUARK (pa-render-error-quark, pa_render_error)

static void
unref_nullable (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

PaRenderContext *
pa_render_context_new (PaPhone       *phone,
                       PaDeviceModel *model,
                       PaVendor      *vendor)
{
  PaRenderContext *ctx;

  g_return_val_if_fail (PA_IS_PHONE (phone), NULL);
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (model), NULL);
  g_return_val_if_fail (PA_IS_VENDOR (vendor), NULL);

  ctx = g_new0 (PaRenderContext, 1);
  ctx->phone = g_object_ref (phone);
  ctx->model = g_object_ref (model);
  ctx->vendor = g_object_ref (vendor);
  ctx->accounts = g_ptr_array_new_with_free_func (g_object_unref);
  ctx->passwords = g_ptr_array_new_with_free_func (g_free);
  ctx->module_layouts = g_ptr_array_new_with_free_func (unref_nullable);

  return ctx;
}

void
pa_render_context_add_account (PaRenderContext *ctx,
                               PaSipAccount    *account,
                               const char      *password)
{
  g_return_if_fail (ctx != NULL);
  g_return_if_fail (PA_IS_SIP_ACCOUNT (account));

  g_ptr_array_add (ctx->accounts, g_object_ref (account));
  g_ptr_array_add (ctx->passwords, g_strdup (password));
}

/* @layout may be NULL: the module is attached but has no layout yet. */
void
pa_render_context_add_module_layout (PaRenderContext *ctx,
                                     PaModuleLayout  *layout)
{
  g_return_if_fail (ctx != NULL);

  g_ptr_array_add (ctx->module_layouts, layout ? g_object_ref (layout) : NULL);
}

void
pa_render_context_free (PaRenderContext *ctx)
{
  if (ctx == NULL)
    return;

  g_clear_object (&ctx->phone);
  g_clear_object (&ctx->model);
  g_clear_object (&ctx->vendor);
  g_clear_pointer (&ctx->accounts, g_ptr_array_unref);
  g_clear_pointer (&ctx->passwords, g_ptr_array_unref);
  g_clear_object (&ctx->layout);
  g_clear_pointer (&ctx->module_layouts, g_ptr_array_unref);
  g_clear_object (&ctx->profile);
  g_clear_object (&ctx->agent);
  g_clear_pointer (&ctx->provisioning_url, g_free);
  g_clear_pointer (&ctx->firmware_url, g_free);
  g_clear_object (&ctx->settings);
  g_clear_pointer (&ctx->admin_password, g_free);
  g_clear_pointer (&ctx->http_user, g_free);
  g_clear_pointer (&ctx->http_password, g_free);
  g_free (ctx);
}

static const PaWriter *
writer_for (PaRenderContext  *ctx,
            GError          **error)
{
  const PaWriter *writer = pa_writer_lookup (pa_vendor_get_writer (ctx->vendor));

  if (writer == NULL)
    g_set_error (error, PA_RENDER_ERROR, PA_RENDER_ERROR_UNSUPPORTED,
                 _("Configuration files for %s phones are not rendered yet"),
                 pa_vendor_get_name (ctx->vendor));
  return writer;
}

/**
 * pa_render_list_files:
 *
 * Returns: (transfer full): the file names this phone asks for, in the
 *   order it asks; empty when its vendor has no writer.
 */
GStrv
pa_render_list_files (PaRenderContext *ctx)
{
  const PaWriter *writer = writer_for (ctx, NULL);
  g_autoptr(PaEffective) effective = NULL;

  if (writer == NULL)
    return g_new0 (char *, 1);
  effective = pa_resolve (ctx);
  return writer->list_files (effective);
}

char *
pa_render_file (PaRenderContext *ctx,
                const char      *file_name,
                const char     **content_type,
                GError         **error)
{
  const PaWriter *writer;
  g_autoptr(PaEffective) effective = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *type = NULL;
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (ctx != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  if (!(writer = writer_for (ctx, error)))
    return NULL;

  effective = pa_resolve (ctx);
  if (effective->problems->len > 0)
    {
      g_autofree char *reasons = NULL;

      g_ptr_array_add (effective->problems, NULL);
      reasons = g_strjoinv ("\n", (char **) effective->problems->pdata);
      g_ptr_array_remove_index (effective->problems, effective->problems->len - 1);
      g_set_error_literal (error, PA_RENDER_ERROR, PA_RENDER_ERROR_INCOMPLETE, reasons);
      return NULL;
    }

  bytes = writer->render (effective, file_name, &type, error);
  if (bytes == NULL)
    return NULL;
  if (content_type != NULL)
    *content_type = type;
  data = g_bytes_get_data (bytes, &length);
  return g_strndup (data, length);
}

/**
 * pa_render_utc_offset:
 * @timezone: an Olson name such as `Europe/Berlin`
 *
 * Phones want the standard (winter) offset and switch to summer time by
 * themselves (pa-time-zone.h reads both the same way for every writer).
 *
 * Returns: (transfer full) (nullable): `+1`, `-5`, `+5:30`, or %NULL for an
 *   unknown zone.
 */
char *
pa_render_utc_offset (const char *timezone)
{
  g_autoptr(PaTimeZoneRule) rule = pa_time_zone_rule_new (timezone);

  return rule != NULL ? pa_time_zone_format_offset (rule->standard_offset) : NULL;
}
