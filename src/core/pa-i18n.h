/* pa-i18n.h — where the message catalogs come from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Binds GETTEXT_PACKAGE's catalogs (UTF-8) for both programs: from
 * LOCALEDIR, or from $PA_LOCALEDIR when it is set. tools/run-app.sh and
 * the tests point it at the build tree's po/, where the catalogs compile
 * (po/<lang>/LC_MESSAGES/phoneadmin.mo); a provd the app starts inherits
 * it with the rest of the app's environment. */
void pa_i18n_bind (void);

G_END_DECLS
