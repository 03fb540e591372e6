/* pa-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-error"

#include "config.h"

#include "pa-error.h"

/* An extended error domain lets the field travel with the GError, so the
 * server can answer { "field": … } and the app can put the message under the
 * right entry without parsing message text. */
typedef struct
{
  char *field;
} PaModelErrorPrivate;

static void
pa_model_error_private_init (PaModelErrorPrivate *priv)
{
  priv->field = NULL;
}

static void
pa_model_error_private_copy (const PaModelErrorPrivate *src,
                             PaModelErrorPrivate       *dest)
{
  dest->field = g_strdup (src->field);
}

static void
pa_model_error_private_clear (PaModelErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
}

G_DEFINE_EXTENDED_ERROR (PaModelError, pa_model_error)

void
pa_set_field_error (GError     **error,
                    PaModelError code,
                    const char  *field,
                    const char  *format,
                    ...)
{
  va_list args;
  GError *new_error;

  if (error == NULL)
    return;

  va_start (args, format);
  new_error = g_error_new_valist (PA_MODEL_ERROR, code, format, args);
  va_end (args);

  if (field != NULL)
    {
      PaModelErrorPrivate *priv = pa_model_error_get_private (new_error);
      priv->field = g_strdup (field);
    }

  g_propagate_error (error, new_error);
}

/**
 * pa_model_error_get_field:
 *
 * Returns: (nullable): the JSON member name the error is about, such as
 *   `mac` or `keys[3].value`, or %NULL.
 */
const char *
pa_model_error_get_field (const GError *error)
{
  PaModelErrorPrivate *priv;

  if (error == NULL || error->domain != PA_MODEL_ERROR)
    return NULL;

  priv = pa_model_error_get_private (error);
  return priv->field;
}

/* For nested objects: a key's "value" error becomes "keys[3].value". */
void
pa_model_error_prefix_field (GError     *error,
                             const char *prefix)
{
  PaModelErrorPrivate *priv;
  char *joined;

  if (error == NULL || error->domain != PA_MODEL_ERROR || prefix == NULL)
    return;

  priv = pa_model_error_get_private (error);
  if (priv->field == NULL)
    joined = g_strdup (prefix);
  else if (priv->field[0] == '[')
    joined = g_strconcat (prefix, priv->field, NULL);
  else
    joined = g_strconcat (prefix, ".", priv->field, NULL);
  g_free (priv->field);
  priv->field = joined;
}
