/* pa-phone-face-private.h — what the phone face's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-phone-face.h"

G_BEGIN_DECLS

/* One drawn surface: the phone (0) or a sidecar (1..n). */
typedef struct
{
  PaPhoneFace *face;            /* unowned */
  guint        surface;
  guint        n_keys;
  guint        keys_per_page;
  guint        n_pages;
  guint        columns;
  guint        rows;            /* keys per column on a full page */
  guint        page;            /* shown, 0-based */

  GtkWidget   *body;            /* child of the face */
  GtkWidget   *column_box[2];
  GtkWidget   *page_label;      /* on the screen, nullable */
  GPtrArray   *tabs;            /* GtkToggleButton per page (none when 1 page) */
  GPtrArray   *keys;            /* PaKeyButton, [index - 1] */
} PaFaceSurface;

struct _PaPhoneFace
{
  GtkWidget         parent_instance;

  PaLayoutDocument *document;
  gulong            key_changed_id;
  GPtrArray        *surfaces;   /* PaFaceSurface */

  PaKeySlot         current;
  gboolean          has_current;
  PaKeySlot         cut;
  gboolean          has_cut;

  guint             tab_hover_id;  /* switches page while a drag hovers a tab */
  GtkWidget        *tab_hover;
};

/* pa-phone-face.c */
PaFaceSurface *pa_phone_face_get_surface       (PaPhoneFace *self,
                                                guint        surface);
guint          pa_face_surface_page_of         (PaFaceSurface *fs,
                                                guint          index);
void           pa_phone_face_emit_drop_done    (PaPhoneFace *self,
                                                PaKeySlot    slot);
void           pa_phone_face_set_cut           (PaPhoneFace *self,
                                                gboolean     has_cut,
                                                PaKeySlot    slot);

/* pa-phone-face-screen.c: the phone's screen, showing @title; *page_label
 * gets the label the face writes "Page 1 of 3" into. */
GtkWidget     *pa_face_screen_new              (const char  *title,
                                                GtkWidget  **page_label);

/* pa-phone-face-actions.c */
void           pa_phone_face_class_init_actions (GtkWidgetClass *widget_class);
void           pa_phone_face_update_actions     (PaPhoneFace    *self);
void           pa_phone_face_show_context_menu  (PaPhoneFace    *self,
                                                 PaKeyButton    *key,
                                                 double          x,
                                                 double          y);

/* pa-phone-face-dnd.c */
void           pa_phone_face_setup_key_dnd     (PaPhoneFace *self,
                                                PaKeyButton *key);
void           pa_phone_face_setup_tab_dnd     (PaPhoneFace *self,
                                                GtkWidget   *tab,
                                                guint        surface,
                                                guint        page);
void           pa_phone_face_cancel_tab_hover  (PaPhoneFace *self);

G_END_DECLS
