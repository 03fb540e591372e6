/* pa-layout-edit.h — the layout designer's document: what a drop does,
 * undo/redo and validation, with no widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pa-catalog.h"
#include "pa-key.h"
#include "pa-layout.h"
#include "pa-module-layout.h"

G_BEGIN_DECLS

/**
 * PaKeySlot:
 * @surface: the phone (0) or an attached sidecar (1..n)
 * @index: 1-based key index across the surface's pages, so a page is just a
 *   range of indexes
 */
typedef struct
{
  guint surface;
  guint index;
} PaKeySlot;

#define PA_KEY_SLOT_INIT(s, i) ((PaKeySlot) { (s), (i) })

typedef enum
{
  PA_DRAG_NONE,
  PA_DRAG_KEY_TYPE,
  PA_DRAG_KEY,
  PA_DRAG_AGENT,
} PaDragKind;

/**
 * PaDragSource:
 * @kind: what is dragged
 * @key_type: %PA_DRAG_KEY_TYPE: the type taken from the palette
 * @from: %PA_DRAG_KEY: the slot of the key being moved
 * @agent_id: %PA_DRAG_AGENT: the agent's id
 * @agent_name: %PA_DRAG_AGENT: the label the BLF gets
 * @agent_extension: %PA_DRAG_AGENT: the value the BLF gets
 *
 * Plain data; the strings are borrowed for the duration of a call.
 */
typedef struct
{
  PaDragKind  kind;
  PaKeyType   key_type;
  PaKeySlot   from;
  gint64      agent_id;
  const char *agent_name;
  const char *agent_extension;
} PaDragSource;

typedef enum
{
  PA_DROP_REJECT,          /* with a reason for the user */
  PA_DROP_ASSIGN_TYPE,     /* palette → key: ask for value/label/line, then set_key() */
  PA_DROP_MOVE,            /* key → empty key */
  PA_DROP_SWAP,            /* key → occupied key */
  PA_DROP_SET_BLF,         /* agent → key: BLF for the agent's extension, labelled with
                            * the agent's name */
  PA_DROP_NOTHING,         /* onto itself */
} PaDropAction;

/* Translated name of a key type for palettes and messages ("Speed dial"). */
const char *pa_key_type_get_title (PaKeyType type);

#define PA_TYPE_LAYOUT_DOCUMENT (pa_layout_document_get_type ())

G_DECLARE_FINAL_TYPE (PaLayoutDocument, pa_layout_document, PA, LAYOUT_DOCUMENT, GObject)

/* Takes copies of @layout and of each module layout (one per attached
 * sidecar, surfaces 1..n, in order; give a fresh pa_module_layout_new()
 * with its module set for a sidecar that has none yet); the originals are
 * never touched. @layout NULL starts an empty layout for @model;
 * @module_layouts may be NULL. The vendor and the sidecars' modules are
 * looked up in the default catalog. Empty-typed keys in the input are
 * dropped: an empty slot is simply one without a key. */
PaLayoutDocument *pa_layout_document_new (PaDeviceModel *model,
                                          PaLayout      *layout,
                                          GPtrArray     *module_layouts);

PaDeviceModel     *pa_layout_document_get_model     (PaLayoutDocument *self);  /* transfer none */
/* Transfer none, nullable. */
PaVendor          *pa_layout_document_get_vendor    (PaLayoutDocument *self);
/* The expansion module drawn on @surface (1..n); NULL for 0, an unknown
 * surface, or a module id the catalog does not know. Transfer none. */
PaExpansionModule *pa_layout_document_get_module    (PaLayoutDocument *self,
                                                     guint             surface);

/* 1 + the number of sidecars. */
guint        pa_layout_document_get_n_surfaces (PaLayoutDocument *self);
/* Keys on @surface over all pages (the model's line_keys, the module's
 * keys); 0 for an unknown surface. */
guint        pa_layout_document_get_n_keys     (PaLayoutDocument *self,
                                                guint             surface);
/* Transfer none; NULL for an empty slot or one out of range. The document
 * replaces keys rather than editing them: do not modify the key. */
PaKey       *pa_layout_document_get_key        (PaLayoutDocument *self,
                                                PaKeySlot         slot);

/* What dropping @source on @target would do. On PA_DROP_REJECT, *@reason
 * (if given) gets a sentence for the user (transfer full); otherwise it is
 * set to NULL. */
PaDropAction pa_layout_document_check_drop     (PaLayoutDocument   *self,
                                                const PaDragSource *source,
                                                PaKeySlot           target,
                                                char              **reason);
/* Performs a MOVE, SWAP, SET_BLF or NOTHING as one undoable step. A
 * rejected drop is PA_MODEL_ERROR_RULE with the reason as message;
 * PA_DROP_ASSIGN_TYPE is PA_MODEL_ERROR_INVALID (use set_key() once the
 * value is known). */
gboolean     pa_layout_document_drop           (PaLayoutDocument   *self,
                                                const PaDragSource *source,
                                                PaKeySlot           target,
                                                GError            **error);
/* Sets the slot's key as one undoable step (nothing happens if it is
 * already that key; the slot's agent_id is cleared). PA_KEY_EMPTY clears.
 * Out-of-range slots are a programming error. */
void         pa_layout_document_set_key        (PaLayoutDocument   *self,
                                                PaKeySlot           slot,
                                                PaKeyType           type,
                                                const char         *value,
                                                const char         *label,
                                                guint               line);
/* Empties the slot as one undoable step; also "drag a key out". */
void         pa_layout_document_clear_key      (PaLayoutDocument   *self,
                                                PaKeySlot           slot);

/* The problems of one slot (char *, for the user); empty, never NULL, when
 * the slot is fine or empty. Transfer full. */
GPtrArray   *pa_layout_document_check_key      (PaLayoutDocument   *self,
                                                PaKeySlot           slot);
/* The whole document, before saving: the keys (as pa_key_list_validate(),
 * lines against the phone model's SIP accounts on every surface), that the
 * model takes each sidecar, then each resource's own rules (name, …).
 * PA_MODEL_ERROR_RULE/INVALID with the field: `keys[i].value` for the phone,
 * `modules[s-1].keys[i].line` for surface s. */
gboolean     pa_layout_document_validate       (PaLayoutDocument   *self,
                                                GError            **error);

gboolean     pa_layout_document_undo           (PaLayoutDocument   *self);
gboolean     pa_layout_document_redo           (PaLayoutDocument   *self);
gboolean     pa_layout_document_can_undo       (PaLayoutDocument   *self);
gboolean     pa_layout_document_can_redo       (PaLayoutDocument   *self);
/* Relative to the last mark_saved() (or creation): undoing back to the saved
 * state is not modified. */
gboolean     pa_layout_document_get_modified   (PaLayoutDocument   *self);
void         pa_layout_document_mark_saved     (PaLayoutDocument   *self);

/* The edited copies, keys sorted by index with no empty entries, ready to
 * save. Transfer none; they stay valid while the document lives, and are
 * updated in place. */
PaLayout       *pa_layout_document_get_layout        (PaLayoutDocument *self);
/* @surface 1..n; NULL otherwise. */
PaModuleLayout *pa_layout_document_get_module_layout (PaLayoutDocument *self,
                                                      guint             surface);

/* Signal "key-changed" (guint surface, guint index): once per touched slot.
 * Properties "modified", "can-undo", "can-redo" (read-only) notify on
 * change. */

G_END_DECLS
