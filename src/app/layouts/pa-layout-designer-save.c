/* pa-layout-designer-save.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saving: the sidecars' module layouts that changed, then the layout
 * naming them, one request after the other, and one toast for the lot; and
 * the question a close with unsaved changes asks.
 *
 * A stored layout may be on phones: before anything is saved, Review
 * Changes shows how their files would change (the server's diff of the
 * body the save sends), and the save goes on only when confirmed. The
 * server is always asked: only it knows which phones a layout reaches
 * (a model's default reaches phones that name no layout).
 */
#define G_LOG_DOMAIN "pa-layout-designer"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-confirm-dialog.h"
#include "pa-layout-designer-private.h"
#include "pa-layouts-page.h"
#include "pa-review-changes-dialog.h"
#include "pa-toast.h"

/* ---- saving --------------------------------------------------------- */

typedef struct
{
  PaLayoutDesigner *self;
  GPtrArray        *queue;      /* of PaResource working copies still to save */
  guint             affected;
  guint             saved;
} SaveRun;

static void
save_run_free (SaveRun *run)
{
  g_clear_object (&run->self);
  g_clear_pointer (&run->queue, g_ptr_array_unref);
  g_free (run);
}

static gboolean
differs_from_stored (PaLayoutDesigner *self,
                     PaResource       *copy)
{
  PaResource *stored;
  GListModel *a, *b;

  if (pa_resource_get_id (copy) == 0)
    return TRUE;
  stored = pa_repository_find (self->repository, G_OBJECT_TYPE (copy), pa_resource_get_id (copy));
  if (stored == NULL)
    return TRUE;
  if (PA_IS_LAYOUT (copy))
    {
      a = pa_layout_get_keys (PA_LAYOUT (copy));
      b = pa_layout_get_keys (PA_LAYOUT (stored));
      return !pa_key_list_equal (a, b)
             || pa_layout_get_is_default (PA_LAYOUT (copy)) != pa_layout_get_is_default (PA_LAYOUT (stored))
             || g_strcmp0 (pa_layout_get_name (PA_LAYOUT (copy)), pa_layout_get_name (PA_LAYOUT (stored))) != 0;
    }
  a = pa_module_layout_get_keys (PA_MODULE_LAYOUT (copy));
  b = pa_module_layout_get_keys (PA_MODULE_LAYOUT (stored));
  return !pa_key_list_equal (a, b)
         || pa_module_layout_get_is_default (PA_MODULE_LAYOUT (copy))
            != pa_module_layout_get_is_default (PA_MODULE_LAYOUT (stored));
}

/* Whether the layout as stored names other sidecars than the shown ones. */
static gboolean
sidecars_differ (PaLayoutDesigner *self,
                 PaLayout         *layout)
{
  PaResource *stored = pa_repository_find (self->repository, PA_TYPE_LAYOUT,
                                           pa_resource_get_id (PA_RESOURCE (layout)));
  GArray *named;

  if (stored == NULL)
    return self->n_modules > 0;
  named = pa_layout_get_sidecars (PA_LAYOUT (stored));
  if (named->len != self->n_modules)
    return TRUE;
  for (guint i = 0; i < named->len; i++)
    if (g_array_index (named, gint64, i) !=
        pa_resource_get_id (g_ptr_array_index (self->module_choices, i)))
      return TRUE;
  return FALSE;
}

/* How many phones fetch the saved @stored: provd's count when its answer
 * has one (an update does), else the phones we know of on it. */
static guint
affected_phones (PaLayoutDesigner *self,
                 PaResource       *stored,
                 JsonObject       *extra)
{
  GListModel *phones = pa_repository_get_phones (self->repository);

  if (extra != NULL && json_object_has_member (extra, "affected_phones"))
    return (guint) MAX (json_object_get_int_member (extra, "affected_phones"), 0);
  if (PA_IS_LAYOUT (stored))
    return pa_layout_count_phones (PA_LAYOUT (stored), phones);
  return pa_module_layout_count_phones (PA_MODULE_LAYOUT (stored), phones);
}

static void save_next (SaveRun *run);

static void
save_failed (PaLayoutDesigner *self,
             const GError     *error)
{
  g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error->message);
  AdwToast *toast = pa_toast_new (text);

  adw_toast_set_timeout (toast, 8);
  pa_toast_add (self->toast_overlay, toast);
  self->saving = FALSE;
  self->close_after_save = FALSE;
  pa_layout_designer_update_state (self);
  pa_layout_designer_notify (self, PROP_SAVING);
}

static void
saved_one_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveRun *run = user_data;
  PaLayoutDesigner *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(PaResource) stored = NULL;
  PaResource *copy = g_ptr_array_index (run->queue, 0);

  stored = pa_repository_save_finish (PA_REPOSITORY (source), result, &extra, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      save_run_free (run);
      return;
    }
  if (stored == NULL)
    {
      save_failed (self, error);
      save_run_free (run);
      return;
    }

  /* The working copy becomes the stored one: the next save is a PUT at the
   * new revision. */
  pa_resource_set_id (copy, pa_resource_get_id (stored));
  pa_resource_set_revision (copy, pa_resource_get_revision (stored));
  for (guint i = 0; i < self->n_modules && i < self->module_choices->len; i++)
    if (g_ptr_array_index (self->module_choices, i) == copy)
      {
        /* The document's own copy of that sidecar too, or the next sync
         * would bring back the old id and revision. */
        PaResource *in_document =
          PA_RESOURCE (pa_layout_document_get_module_layout (self->document, i + 1));

        pa_resource_set_id (in_document, pa_resource_get_id (stored));
        pa_resource_set_revision (in_document, pa_resource_get_revision (stored));
      }
  run->affected += affected_phones (self, stored, extra);
  run->saved++;
  g_ptr_array_remove_index (run->queue, 0);
  save_next (run);
}

static void
save_finished (SaveRun *run)
{
  PaLayoutDesigner *self = run->self;
  g_autofree char *text = NULL;

  self->saving = FALSE;
  self->carry_modified = FALSE;
  pa_layout_document_mark_saved (self->document);
  /* A new default unsets the model's old one, and sidecar ids are new:
   * the lists and the sidecar choices follow. */
  pa_repository_refresh_async (self->repository, NULL, NULL, NULL);
  pa_layout_designer_rebuild_module_choices (self);

  if (run->affected > 0)
    text = g_strdup_printf (ngettext ("Saved. %u phone will update on its next check",
                                      "Saved. %u phones will update on their next check",
                                      run->affected), run->affected);
  else
    text = g_strdup (_("Saved"));
  pa_toast_add (self->toast_overlay, pa_toast_new (text));
  g_free (self->last_result);
  self->last_result = g_steal_pointer (&text);
  pa_layout_designer_update_state (self);
  pa_layout_designer_notify (self, PROP_SAVING);

  if (self->close_after_save)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* The sidecars the layout names: the shown ones, by position. By the
 * time the layout is saved, every one of them has been (sidecars first). */
static void
set_sidecars (PaLayoutDesigner *self,
              PaLayout         *layout)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->n_modules && i < self->module_choices->len; i++)
    {
      gint64 id = pa_resource_get_id (g_ptr_array_index (self->module_choices, i));

      if (id == 0)
        break;
      g_array_append_val (ids, id);
    }
  pa_layout_set_sidecars (layout, (const gint64 *) ids->data, ids->len);
}

static void
save_next (SaveRun *run)
{
  if (run->queue->len == 0)
    {
      save_finished (run);
      save_run_free (run);
      return;
    }
  if (PA_IS_LAYOUT (g_ptr_array_index (run->queue, 0)))
    set_sidecars (run->self, g_ptr_array_index (run->queue, 0));
  pa_repository_save_async (run->self->repository, g_ptr_array_index (run->queue, 0),
                            run->self->cancellable, saved_one_cb, run);
}

/* What Review Changes shows: the stored resource whose change reaches
 * phones, the layout (saved last, naming the sidecars) or, editing a
 * sidecar alone, its module layout. NULL when all is new: no phone has
 * it yet. */
static PaResource *
reviewed_resource (SaveRun *run)
{
  for (guint i = run->queue->len; i > 0; i--)
    {
      PaResource *resource = g_ptr_array_index (run->queue, i - 1);

      if (pa_resource_get_id (resource) > 0)
        return resource;
    }
  return NULL;
}

static void
reviewed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SaveRun *run = user_data;
  PaLayoutDesigner *self = run->self;
  g_autoptr(GError) error = NULL;

  if (pa_review_changes_run_finish (result, NULL, &error))
    {
      save_next (run);
      return;
    }
  /* Cancelled: nothing was sent, the edits stay as they are, unsaved. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->saving = FALSE;
      self->close_after_save = FALSE;
      pa_layout_designer_update_state (self);
      pa_layout_designer_notify (self, PROP_SAVING);
    }
  save_run_free (run);
}

void
pa_layout_designer_start_save (PaLayoutDesigner *self)
{
  g_autoptr(GError) error = NULL;
  gboolean sidecars_changed = FALSE;
  SaveRun *run;
  PaLayout *layout;
  PaResource *reviewed;

  if (self->saving)
    return;
  if (!pa_layout_document_validate (self->document, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Cannot save: %s"), error->message);
      pa_toast_add (self->toast_overlay, pa_toast_new (text));
      self->close_after_save = FALSE;
      return;
    }

  pa_layout_designer_sync_module_choices (self);
  run = g_new0 (SaveRun, 1);
  run->self = g_object_ref (self);
  run->queue = g_ptr_array_new ();

  /* Sidecars first, so the layout can name them, and is saved last to
   * report the phones the whole change reaches. Every shown sidecar is
   * stored, even an empty new one: it is part of the layout, and a later
   * one keeps its position. */
  for (guint i = 0; i < self->module_choices->len; i++)
    {
      PaModuleLayout *module_layout = g_ptr_array_index (self->module_choices, i);
      gboolean shown = i < self->n_modules;
      gboolean is_new = pa_resource_get_id (PA_RESOURCE (module_layout)) == 0;

      if ((shown || !is_new) && differs_from_stored (self, PA_RESOURCE (module_layout)))
        {
          g_ptr_array_add (run->queue, module_layout);
          sidecars_changed |= shown && is_new;
        }
    }
  layout = pa_layout_document_get_layout (self->document);
  if (!self->module_only &&
      (sidecars_changed || sidecars_differ (self, layout) ||
       differs_from_stored (self, PA_RESOURCE (layout))))
    g_ptr_array_add (run->queue, layout);

  self->saving = TRUE;
  pa_layout_designer_update_state (self);
  pa_layout_designer_notify (self, PROP_SAVING);

  reviewed = reviewed_resource (run);
  if (reviewed == NULL)
    {
      save_next (run);
      return;
    }
  if (PA_IS_LAYOUT (reviewed))
    set_sidecars (self, PA_LAYOUT (reviewed));
  pa_review_changes_run_async (GTK_WINDOW (self), pa_repository_get_client (self->repository),
                               reviewed, _("_Save and Push"), self->cancellable, reviewed_cb, run);
}

/* ---- closing -------------------------------------------------------- */

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PaLayoutDesigner *self)
{
  self->close_dialog = NULL;
  /* The designer may be gone before the dialog is: a dialog outliving its
   * transient parent would touch it when it goes. */
  if (g_strcmp0 (response, "cancel") != 0)
    gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->carry_modified = FALSE;
      pa_layout_document_mark_saved (self->document);
      gtk_window_destroy (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      pa_layout_designer_start_save (self);
    }
}

gboolean
pa_layout_designer_ask_to_save (PaLayoutDesigner *self)
{
  GtkWidget *dialog;
  g_autofree char *heading = NULL;

  if (!pa_layout_designer_is_modified (self) || self->document == NULL)
    return FALSE;
  if (self->close_dialog != NULL)
    return TRUE;

  heading = g_strdup_printf (_("Save Changes to “%s”?"), pa_layout_designer_edited_name (self));
  dialog = pa_choice_dialog_new (GTK_WINDOW (self), heading,
                                 _("The phones keep the saved layout until you save."),
                                 _("_Cancel"), "discard", _("_Discard"), "save", _("_Save"));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save",
                                           self->save_blocker == NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           self->save_blocker == NULL ? "save" : "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  self->close_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}
