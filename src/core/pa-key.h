/* pa-key.h — one programmable key of a layout or a module layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _PaVendor PaVendor;

/**
 * PaKeyType:
 *
 * What a key does. JSON and the catalog's key codes use the nicks: `line`,
 * `blf`, `speed_dial`, `feature_code`, `park`, `park_retrieve`,
 * `conference`, `custom`, `empty`. The values are PA_KEY_LINE … rather than
 * PA_KEY_TYPE_* because pa-catalog.h uses those names for the nick strings.
 */
typedef enum
{
  PA_KEY_LINE,
  PA_KEY_BLF,
  PA_KEY_SPEED_DIAL,
  PA_KEY_FEATURE_CODE,
  PA_KEY_PARK,
  PA_KEY_PARK_RETRIEVE,
  PA_KEY_CONFERENCE,
  PA_KEY_CUSTOM,
  PA_KEY_EMPTY,
} PaKeyType;

#define PA_TYPE_KEY_TYPE (pa_key_type_get_type ())
GType       pa_key_type_get_type   (void) G_GNUC_CONST;
const char *pa_key_type_to_nick    (PaKeyType   type);
gboolean    pa_key_type_from_nick  (const char *nick,
                                    PaKeyType  *type);
/* TRUE for the types that mean nothing without a value (blf, speed_dial,
 * feature_code, park). */
gboolean    pa_key_type_needs_value (PaKeyType  type);

#define PA_TYPE_KEY (pa_key_get_type ())

G_DECLARE_FINAL_TYPE (PaKey, pa_key, PA, KEY, GObject)

PaKey      *pa_key_new          (guint       index,
                                 PaKeyType   type,
                                 const char *value,
                                 const char *label,
                                 guint       line);
PaKey      *pa_key_copy         (PaKey      *self);
gboolean    pa_key_equal        (PaKey      *a,
                                 PaKey      *b);

guint       pa_key_get_index    (PaKey      *self);   /* 1-based, across pages */
void        pa_key_set_index    (PaKey      *self,
                                 guint       index);
PaKeyType   pa_key_get_key_type (PaKey      *self);
void        pa_key_set_key_type (PaKey      *self,
                                 PaKeyType   type);
const char *pa_key_get_value    (PaKey      *self);   /* nullable */
void        pa_key_set_value    (PaKey      *self,
                                 const char *value);
const char *pa_key_get_label    (PaKey      *self);   /* nullable */
void        pa_key_set_label    (PaKey      *self,
                                 const char *label);
guint       pa_key_get_line     (PaKey      *self);   /* 1-based SIP account slot */
void        pa_key_set_line     (PaKey      *self,
                                 guint       line);
/* The agent a BLF key watches, so provd can follow renames; 0 = none. */
gint64      pa_key_get_agent_id (PaKey      *self);
void        pa_key_set_agent_id (PaKey      *self,
                                 gint64      agent_id);

/* JSON: { "index", "type", "value", "label", "line", "agent_id" } in that
 * order; `agent_id` is an integer or null and may be absent.
 * Errors name the member (`value`); the caller prefixes `keys[i]`. */
PaKey      *pa_key_new_from_json (JsonNode    *node,
                                  GError     **error);
void        pa_key_write_json    (PaKey       *self,
                                  JsonBuilder *builder);

/* A key list is a GListModel of PaKey, kept in the order given, so an error
 * at keys[i] points at the i-th element of the JSON array. */
GListStore *pa_key_list_new_from_json (JsonNode    *node,
                                       GError     **error);
void        pa_key_list_write_json    (GListModel  *keys,
                                       JsonBuilder *builder);
GListStore *pa_key_list_copy          (GListModel  *keys);   /* deep; NULL gives empty */
gboolean    pa_key_list_equal         (GListModel  *a,
                                       GListModel  *b);
PaKey      *pa_key_list_find          (GListModel  *keys,
                                       guint        index);  /* transfer none, nullable */
/* Checks index 1..@max_index and unique, value where the type needs one,
 * line 1..@max_line (0 = no limit), and that @vendor has a code for the type
 * (skipped when @vendor is NULL). Field: `keys[i].member`. */
gboolean    pa_key_list_validate      (GListModel  *keys,
                                       guint        max_index,
                                       guint        max_line,
                                       PaVendor    *vendor,
                                       GError     **error);

G_END_DECLS
