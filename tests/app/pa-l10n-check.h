/* pa-l10n-check.h — what a person reads in a translated window: no text
 * left in English, none cut off
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _PaL10nCatalog PaL10nCatalog;

/* Reads the messages the sources have (a template made by xgettext) and
 * the compiled catalog (.mo) the app uses: the English messages that have
 * no translation there or a different one, with a pattern for each that
 * has printf directives ("Edit “%s”") so a formatted English text is
 * caught too; and the translations, which are the app's own text. */
PaL10nCatalog *pa_l10n_catalog_load         (const char     *template_path,
                                             const char     *mo_path,
                                             GError        **error);
void           pa_l10n_catalog_free         (PaL10nCatalog  *catalog);
/* How many English texts (msgids and plural msgids) are not shown as they
 * are. */
guint          pa_l10n_catalog_get_size     (PaL10nCatalog  *catalog);
/* One such message and its translation, to check that gettext answers with
 * this catalog at all. */
const char    *pa_l10n_catalog_get_sample   (PaL10nCatalog  *catalog,
                                             const char    **translation);

/* Walks every mapped widget under @root and returns what is wrong, one
 * line each (an empty array when nothing is):
 *  - a text (label, button label, row title and subtitle, window title,
 *    status page, group, placeholder, entry text, tooltip) that is an
 *    English message of @catalog without a translation or with a
 *    different one, or matches such a message's pattern, or reads as
 *    English (English function words such as "the", "of", "no", "with",
 *    or words of the app's own vocabulary such as "phone", "key");
 *  - a label showing a translation that is cut off: ellipsized, its text
 *    wider or taller than the label, or the label outside a parent that
 *    clips it (not counting parents that scroll: text scrolled out of view
 *    is not cut off). Data (a long name in a narrow column) may be
 *    ellipsized, as such a column is made to do;
 *  - a window whose text needs more than its default size.
 * So the data a test shows must not read as English itself. */
GPtrArray     *pa_l10n_check_widget         (PaL10nCatalog  *catalog,
                                             GtkWidget      *root);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaL10nCatalog, pa_l10n_catalog_free)

G_END_DECLS
