/* pa-error.h — the error domain shared by every core parser and validator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PA_MODEL_ERROR (pa_model_error_quark ())

/**
 * PaModelError:
 * @PA_MODEL_ERROR_MALFORMED: the input is not what it claims to be (bad JSON,
 *   not an object). HTTP 400.
 * @PA_MODEL_ERROR_UNKNOWN_FIELD: a member the resource does not have. HTTP 400.
 * @PA_MODEL_ERROR_WRONG_TYPE: a member of the wrong JSON type. HTTP 400.
 * @PA_MODEL_ERROR_INVALID: a value that can never be right (empty name, bad MAC,
 *   out of range). HTTP 400.
 * @PA_MODEL_ERROR_RULE: a value that is well formed but breaks a domain rule
 *   given the catalog or other resources (model unknown, line past the
 *   model's line count, incompatible module). HTTP 422.
 *
 * Errors in this domain may name the field they concern; read it with
 * pa_model_error_get_field().
 */
typedef enum
{
  PA_MODEL_ERROR_MALFORMED,
  PA_MODEL_ERROR_UNKNOWN_FIELD,
  PA_MODEL_ERROR_WRONG_TYPE,
  PA_MODEL_ERROR_INVALID,
  PA_MODEL_ERROR_RULE,
} PaModelError;

GQuark      pa_model_error_quark     (void);

void        pa_set_field_error       (GError     **error,
                                      PaModelError code,
                                      const char  *field,
                                      const char  *format,
                                      ...) G_GNUC_PRINTF (4, 5);
const char *pa_model_error_get_field (const GError *error);
void        pa_model_error_prefix_field (GError    *error,
                                         const char *prefix);

G_END_DECLS
