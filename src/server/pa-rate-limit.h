/* pa-rate-limit.h — a token bucket per client address
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PaRateLimit PaRateLimit;

/* Each client may spend @burst tokens at once, and gets @per_second back.
 * At most @max_clients are remembered; past that the longest quiet ones
 * are forgotten (they would have a full bucket anyway, or nearly). */
PaRateLimit *pa_rate_limit_new    (double       per_second,
                                   double       burst,
                                   guint        max_clients);
void         pa_rate_limit_free   (PaRateLimit *self);

/* Whether @client has a token left (nothing is spent). */
gboolean     pa_rate_limit_allows (PaRateLimit *self,
                                   const char  *client,
                                   gint64       now_usec);
/* Spends one of @client's tokens. */
void         pa_rate_limit_spend  (PaRateLimit *self,
                                   const char  *client,
                                   gint64       now_usec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaRateLimit, pa_rate_limit_free)

G_END_DECLS
