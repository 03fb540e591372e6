/* pa-editor.h — what every editor window shares: Cancel and Save, the
 * busy spinner, the message above the form, why Save is off, and the
 * question before unsaved changes are lost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A subclass gives its form as the "body" property in its template and
 * implements three functions; the base owns the header bar, the actions
 * "editor.save" (Ctrl+S) and "editor.cancel" (Escape), the busy count and
 * the window's cancellable (cancelled when it closes).
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PA_TYPE_EDITOR (pa_editor_get_type ())

G_DECLARE_DERIVABLE_TYPE (PaEditor, pa_editor, PA, EDITOR, AdwWindow)

struct _PaEditorClass
{
  AdwWindowClass parent_class;

  /* The form differs from what was opened (or last saved). */
  gboolean  (*is_dirty) (PaEditor *self);
  /* Brings the form's own widgets up to date and says why it cannot be
   * saved yet (a sentence for the user), or NULL when it can. */
  char     *(*check)    (PaEditor *self);
  /* Starts saving; called only when check() found nothing and the editor
   * is not busy. The subclass ends with pa_editor_finish() or a banner. */
  void      (*save)     (PaEditor *self);

  /* The Save button's tooltip when it can save, and what "Discard
   * Changes?" says: set in class_init (translated when shown). */
  const char *save_tooltip;
  const char *discard_body;

  gpointer padding[4];
};

GCancellable *pa_editor_get_cancellable (PaEditor   *self);

/* Work under way (a save, a load): the spinner turns and Save is off until
 * each begin has its end. "busy" is notified when that changes. */
void          pa_editor_begin_busy      (PaEditor   *self);
void          pa_editor_end_busy        (PaEditor   *self);
gboolean      pa_editor_get_busy        (PaEditor   *self);

/* Asks check() again and sets Save, its tooltip and the line under the
 * header that says why Save is off (shown once the user changed
 * something). Subclasses call it whenever the form changes. */
void          pa_editor_update          (PaEditor   *self);
/* The reason Save is off now, NULL when it is on; for tests. */
const char   *pa_editor_get_reason      (PaEditor   *self);

/* The message above the form. @detail (nullable) is its tooltip, for
 * whoever fixes the server; @retry shows "Try Again", which saves. */
void          pa_editor_show_banner     (PaEditor   *self,
                                         const char *message,
                                         const char *detail,
                                         gboolean    retry);
/* "@what: @error" in the banner, saying nothing was lost when the server
 * could not be reached. */
void          pa_editor_show_error      (PaEditor   *self,
                                         const char *what,
                                         const GError *error);
void          pa_editor_hide_banner     (PaEditor   *self);

/* Saved: closes without asking. */
void          pa_editor_finish          (PaEditor   *self);

G_END_DECLS
