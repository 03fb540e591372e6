/* pa-catalog.h — the device catalog: vendors, phone models, sidecars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PA_CATALOG_ERROR (pa_catalog_error_quark ())

/**
 * PaCatalogError:
 * @PA_CATALOG_ERROR_MALFORMED: not JSON, or the root is not an object
 * @PA_CATALOG_ERROR_MISSING: a required member is absent
 * @PA_CATALOG_ERROR_UNKNOWN_MEMBER: a member the object does not have (a typo)
 * @PA_CATALOG_ERROR_WRONG_TYPE: a member of the wrong JSON type
 * @PA_CATALOG_ERROR_INVALID: a value out of range or badly spelled (OUI,
 *   id, key counts that do not add up, placeholder missing)
 * @PA_CATALOG_ERROR_DUPLICATE: two vendors, models or modules with one id,
 *   or one OUI listed twice
 * @PA_CATALOG_ERROR_UNKNOWN_REFERENCE: a model or module names a vendor or
 *   module that is not in the catalog, or one of another vendor
 *
 * Every message names where the problem is, such as
 * `models[3] (yealink-t54w): member "line_keys" …`.
 */
typedef enum
{
  PA_CATALOG_ERROR_MALFORMED,
  PA_CATALOG_ERROR_MISSING,
  PA_CATALOG_ERROR_UNKNOWN_MEMBER,
  PA_CATALOG_ERROR_WRONG_TYPE,
  PA_CATALOG_ERROR_INVALID,
  PA_CATALOG_ERROR_DUPLICATE,
  PA_CATALOG_ERROR_UNKNOWN_REFERENCE,
} PaCatalogError;

GQuark pa_catalog_error_quark (void);

/* The key type names a layout may use; pa_vendor_get_key_code() maps them. */
#define PA_KEY_TYPE_LINE          "line"
#define PA_KEY_TYPE_BLF           "blf"
#define PA_KEY_TYPE_SPEED_DIAL    "speed_dial"
#define PA_KEY_TYPE_FEATURE_CODE  "feature_code"
#define PA_KEY_TYPE_PARK          "park"
#define PA_KEY_TYPE_PARK_RETRIEVE "park_retrieve"
#define PA_KEY_TYPE_CONFERENCE    "conference"
#define PA_KEY_TYPE_CUSTOM        "custom"
#define PA_KEY_TYPE_EMPTY         "empty"

/* NULL-terminated list of the names above, in that order. */
const char * const *pa_key_type_names     (void);
gboolean            pa_key_type_is_known  (const char *key_type);

/* ------------------------------------------------------------------ */

#define PA_TYPE_VENDOR (pa_vendor_get_type ())
G_DECLARE_FINAL_TYPE (PaVendor, pa_vendor, PA, VENDOR, GObject)

/* Properties: "id", "name", "config-format", "ouis" (GStrv), "note". */
const char         *pa_vendor_get_id            (PaVendor   *self);
const char         *pa_vendor_get_name          (PaVendor   *self);
/* "cfg" (key = value) or "xml"; the renderer picks the dialect by vendor. */
const char         *pa_vendor_get_config_format (PaVendor   *self);
/* The id of the PaWriter (pa-writer.h) that renders its phones' files. */
const char         *pa_vendor_get_writer        (PaVendor   *self);
/* Upper case with colons: "80:5E:C0". */
const char * const *pa_vendor_get_ouis          (PaVendor   *self);
/* The vendor's code for a key type name (PA_KEY_TYPE_*), as a string
 * ("15" for a Yealink line, "blf" for Snom); NULL when the vendor cannot do
 * that type. */
const char         *pa_vendor_get_key_code      (PaVendor   *self,
                                                 const char *key_type);
gboolean            pa_vendor_supports_key_type (PaVendor   *self,
                                                 const char *key_type);
/* Members whose value is a best guess (`key_codes.park` for a key code). */
gboolean            pa_vendor_is_guessed        (PaVendor   *self,
                                                 const char *field);
const char         *pa_vendor_get_note          (PaVendor   *self);   /* nullable */

/* What provd asks a phone to do with a SIP NOTIFY. */
#define PA_SIP_ACTION_RESYNC "resync"
#define PA_SIP_ACTION_REBOOT "reboot"
/* The Event header of the NOTIFY that asks the vendor's phones for
 * @action (catalog `sip_events`); NULL when the catalog names none. */
const char         *pa_vendor_get_sip_event     (PaVendor   *self,
                                                 const char *action);

/* ------------------------------------------------------------------ */

#define PA_TYPE_EXPANSION_MODULE (pa_expansion_module_get_type ())
G_DECLARE_FINAL_TYPE (PaExpansionModule, pa_expansion_module, PA, EXPANSION_MODULE, GObject)

/* Properties: "id", "vendor-id", "name", "keys-per-page", "pages", "keys",
 * "face-columns", "face-screen", "note". */
const char *pa_expansion_module_get_id            (PaExpansionModule *self);
const char *pa_expansion_module_get_vendor_id     (PaExpansionModule *self);
const char *pa_expansion_module_get_name          (PaExpansionModule *self);
guint       pa_expansion_module_get_keys_per_page (PaExpansionModule *self);
guint       pa_expansion_module_get_pages         (PaExpansionModule *self);
/* Programmable keys over all pages. */
guint       pa_expansion_module_get_keys          (PaExpansionModule *self);
/* Where the keys sit (catalog `face`): a page's keys fill the left column
 * top to bottom, then the right one. 1 column when the catalog says
 * nothing; a sidecar has no screen unless the catalog says so. */
guint       pa_expansion_module_get_face_columns  (PaExpansionModule *self);
gboolean    pa_expansion_module_get_face_screen   (PaExpansionModule *self);
gboolean    pa_expansion_module_is_guessed        (PaExpansionModule *self,
                                                   const char        *field);
const char *pa_expansion_module_get_note          (PaExpansionModule *self); /* nullable */

/* ------------------------------------------------------------------ */

#define PA_TYPE_DEVICE_MODEL (pa_device_model_get_type ())
G_DECLARE_FINAL_TYPE (PaDeviceModel, pa_device_model, PA, DEVICE_MODEL, GObject)

/* Properties: "id", "vendor-id", "name", "sip-accounts", "line-keys",
 * "keys-per-page", "pages", "config-format", "common-file", "device-file",
 * "user-agent", "max-modules", "face-columns", "face-screen", "note". */
const char *pa_device_model_get_id            (PaDeviceModel *self);  /* "yealink-t54w" */
const char *pa_device_model_get_vendor_id     (PaDeviceModel *self);  /* "yealink" */
const char *pa_device_model_get_name          (PaDeviceModel *self);  /* "T54W" */
guint       pa_device_model_get_sip_accounts  (PaDeviceModel *self);
/* Programmable keys over all pages; a layout's key index runs 1..line_keys. */
guint       pa_device_model_get_line_keys     (PaDeviceModel *self);
/* Programmable keys shown on one page (a page-switch key is not counted). */
guint       pa_device_model_get_keys_per_page (PaDeviceModel *self);
guint       pa_device_model_get_pages         (PaDeviceModel *self);
/* The model's own format if the catalog gives one, else the vendor's. */
const char *pa_device_model_get_config_format (PaDeviceModel *self);
/* The file every phone of the model asks for ("y000000000096.cfg");
 * NULL when no such file is known for the model. */
const char *pa_device_model_get_common_file   (PaDeviceModel *self);
/* Pattern of the per-phone file that holds the phone's own settings, lines
 * and keys (what a preview shows; a Poly phone reaches it through its
 * master file): "{mac}" is replaced by 12 lower-case hex digits, "{MAC}" by
 * upper case ("{mac}.cfg", "cfg{mac}.xml", "{MAC}.xml", "{mac}-user.cfg").
 * Which files a phone asks for is its writer's to say (pa-writer.h). */
const char *pa_device_model_get_device_file   (PaDeviceModel *self);
/* Returns: (transfer full) (nullable): the device file name for a normalised
 * MAC, NULL if @normalized_mac is not one. */
char       *pa_device_model_format_device_file (PaDeviceModel *self,
                                                const char    *normalized_mac);
/* The model token the User-Agent carries once parsed ("T54W", "VVX_450"). */
const char *pa_device_model_get_user_agent    (PaDeviceModel *self);
/* Largest number of modules of any one supported type; 0 = no sidecars. */
guint       pa_device_model_get_max_modules   (PaDeviceModel *self);
/* Ids of the expansion modules that fit, NULL-terminated. */
const char * const *pa_device_model_get_module_ids (PaDeviceModel *self);
gboolean    pa_device_model_supports_module   (PaDeviceModel *self,
                                               const char    *module_id);
/* How many of @module_id the model takes; 0 if it does not take it. */
guint       pa_device_model_get_module_max    (PaDeviceModel *self,
                                               const char    *module_id);
/* Where the keys sit (catalog `face`): 1 or 2 columns of keys (a page's
 * keys fill the left column top to bottom, then the right one, on either
 * side of the screen); 1 when the catalog says nothing. */
guint       pa_device_model_get_face_columns  (PaDeviceModel *self);
/* Whether the face has a screen to draw (TRUE when not said). */
gboolean    pa_device_model_get_face_screen   (PaDeviceModel *self);
gboolean    pa_device_model_is_guessed        (PaDeviceModel *self,
                                               const char    *field);
const char *pa_device_model_get_note          (PaDeviceModel *self);  /* nullable */

/* ------------------------------------------------------------------ */

#define PA_TYPE_CATALOG (pa_catalog_get_type ())
G_DECLARE_FINAL_TYPE (PaCatalog, pa_catalog, PA, CATALOG, GObject)

/* Loaded once from the built-in resource unless replaced; transfer none.
 * A broken built-in catalog is a build bug: it is logged as critical and an
 * empty catalog is returned. */
PaCatalog         *pa_catalog_get_default    (void);
/* The app takes the catalog of the server it is connected to (a newer
 * provd may know models the app was built without). Main thread only; what
 * the old one handed out stays valid. */
void               pa_catalog_set_default    (PaCatalog  *catalog);
PaCatalog         *pa_catalog_new_from_data  (const char *json,
                                              gssize      len,
                                              GError    **error);
/* From parsed JSON, e.g. GET /api/v1/catalog's answer. */
PaCatalog         *pa_catalog_new_from_node  (JsonNode   *root,
                                              GError    **error);
/* The same vendors, modules and models, said the same way. */
gboolean           pa_catalog_equal          (PaCatalog  *a,
                                              PaCatalog  *b);

PaVendor          *pa_catalog_get_vendor     (PaCatalog  *self,
                                              const char *vendor_id);   /* nullable */
PaDeviceModel     *pa_catalog_get_model      (PaCatalog  *self,
                                              const char *model_id);    /* nullable */
PaExpansionModule *pa_catalog_get_module     (PaCatalog  *self,
                                              const char *module_id);   /* nullable */
/* Vendor whose OUI the MAC carries; nullable. */
PaVendor          *pa_catalog_vendor_for_mac (PaCatalog  *self,
                                              const char *normalized_mac);
/* The model of @vendor_id whose User-Agent token is @ua_model (ASCII case
 * ignored), as given by pa_user_agent_parse(); nullable. */
PaDeviceModel     *pa_catalog_find_model_by_user_agent (PaCatalog  *self,
                                                        const char *vendor_id,
                                                        const char *ua_model);

/* Transfer none, in catalog order. */
GListModel        *pa_catalog_get_vendors    (PaCatalog  *self);   /* of PaVendor */
GListModel        *pa_catalog_get_models     (PaCatalog  *self);   /* of PaDeviceModel */
GListModel        *pa_catalog_get_modules    (PaCatalog  *self);   /* of PaExpansionModule */
/* Transfer full: a new list (empty for an unknown vendor). */
GListModel        *pa_catalog_list_models_for_vendor  (PaCatalog  *self,
                                                       const char *vendor_id);
GListModel        *pa_catalog_list_modules_for_vendor (PaCatalog  *self,
                                                       const char *vendor_id);

/* Transfer full: the catalog document as loaded, for GET /api/v1/catalog. */
JsonNode          *pa_catalog_to_json        (PaCatalog  *self);

G_END_DECLS
