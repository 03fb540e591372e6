/* test-models.c — the models' JSON codec, validation and notifications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "pa-core.h"

/* JSON in C strings reads better with ' for ": every helper below turns
 * ' into " before parsing. No test value contains an apostrophe. */
static char *
json_text (const char *single_quoted)
{
  char *text = g_strdup (single_quoted);
  g_strdelimit (text, "'", '"');
  return text;
}

/* A small catalog the tests own, so the numbers they check against do not
 * move when the built-in catalog is corrected. beta has no park key. */
static const char test_catalog_json[] =
  "{ 'vendors': ["
  "  { 'id': 'acme', 'name': 'Acme', 'config_format': 'cfg', 'writer': 'acme', 'ouis': ['00:11:22'],"
  "    'key_codes': { 'line': '1', 'blf': '2', 'speed_dial': '3', 'feature_code': '4',"
  "                   'park': '5', 'park_retrieve': '6', 'conference': '7', 'custom': '8',"
  "                   'empty': '0' } },"
  "  { 'id': 'beta', 'name': 'Beta', 'config_format': 'xml', 'writer': 'beta', 'ouis': ['00:33:44'],"
  "    'key_codes': { 'line': 'line', 'blf': 'blf', 'speed_dial': 'dest', 'empty': 'none' } }"
  "  ],"
  "  'modules': ["
  "  { 'id': 'acme-m20', 'vendor': 'acme', 'name': 'M20', 'keys_per_page': 20, 'pages': 1,"
  "    'keys': 20 },"
  "  { 'id': 'acme-m40', 'vendor': 'acme', 'name': 'M40', 'keys_per_page': 20, 'pages': 2,"
  "    'keys': 40 },"
  "  { 'id': 'beta-x1', 'vendor': 'beta', 'name': 'X1', 'keys_per_page': 10, 'pages': 1,"
  "    'keys': 10 }"
  "  ],"
  "  'models': ["
  "  { 'id': 'acme-p10', 'vendor': 'acme', 'name': 'P10', 'sip_accounts': 2, 'line_keys': 6,"
  "    'keys_per_page': 6, 'pages': 1, 'device_file': '{mac}.cfg', 'user_agent': 'P10',"
  "    'modules': [ { 'module': 'acme-m20', 'max': 2 } ] },"
  "  { 'id': 'acme-p1', 'vendor': 'acme', 'name': 'P1', 'sip_accounts': 1, 'line_keys': 2,"
  "    'keys_per_page': 2, 'pages': 1, 'device_file': '{mac}.cfg', 'user_agent': 'P1' },"
  "  { 'id': 'beta-b5', 'vendor': 'beta', 'name': 'B5', 'sip_accounts': 4, 'line_keys': 10,"
  "    'keys_per_page': 5, 'pages': 2, 'device_file': '{MAC}.xml', 'user_agent': 'B5',"
  "    'modules': [ { 'module': 'beta-x1', 'max': 1 } ] }"
  "  ] }";

static PaCatalog *test_catalog;

static PaResource *
parse (GType        type,
       const char  *single_quoted,
       PaJsonFlags  flags,
       GError     **error)
{
  g_autofree char *text = json_text (single_quoted);
  return pa_resource_new_from_data (type, text, -1, flags, error);
}

static PaResource *
parse_ok (GType        type,
          const char  *single_quoted,
          PaJsonFlags  flags)
{
  g_autoptr(GError) error = NULL;
  PaResource *resource = parse (type, single_quoted, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (resource);
  return resource;
}

static JsonNode *
node_from (const char *single_quoted)
{
  g_autofree char *text = json_text (single_quoted);
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static void
assert_field_error (const GError *error,
                    PaModelError  code,
                    const char   *field)
{
  g_assert_nonnull (error);
  if (!g_error_matches (error, PA_MODEL_ERROR, code)
      || g_strcmp0 (pa_model_error_get_field (error), field) != 0)
    g_error ("expected code %d field %s, got code %d field %s: %s",
             code, field ? field : "(null)", error->code,
             pa_model_error_get_field (error) ? pa_model_error_get_field (error) : "(null)",
             error->message);
  /* Every message says something to a person. */
  g_assert_cmpstr (error->message, !=, "");
}

/* ------------------------------------------------------------------ */
/* Round trips                                                          */

static const char full_agent[] =
  "{'id':7,'revision':3,'name':'Ada Lovelace','extension':'201',"
  "'email':'ada@example.com','routing':'hardware'}";

static const char full_sip_account[] =
  "{'id':11,'revision':1,'agent_id':7,'username':'ada.201','auth_name':'auth-201',"
  "'display_name':'Ada','label':'Desk','server':'pbx.example.com','port':5061,"
  "'transport':'tls'}";

static const char full_phone[] =
  "{'id':42,'revision':9,'name':'Front desk','description':'By the door',"
  "'mac':'00:11:22:AB:CD:EF','vendor':'acme','model':'acme-p10','agent_id':7,"
  "'lines':[11,12],'layout_id':3,'profile_id':4,"
  "'modules':[{'module':'acme-m20','layout_id':5},{'module':'acme-m20','layout_id':null}],"
  "'sip_server':'pbx.example.com','sip_region':null,'timezone':'Europe/Berlin','local_sip_port':5062,"
  "'admin_password_mode':'manual','admin_password':'s3cret','enabled':false,'http_auth':false,'firmware_id':12,"
  "'status':'online','ip':'192.0.2.10','user_agent':'Acme P10 1.2.3','firmware':'1.2.3',"
  "'last_seen':1700000000,'provisioned_at':1690000000,'contact':'sip:201@192.0.2.10:5062',"
  "'status_since':1700000100,'token':'tok-abc',"
  "'config_fingerprint':'0123456789abcdef0123456789abcdef','attention':['Line 2 has no SIP server'],"
  "'sip_action':{'action':'reboot','result':'answered','code':200,'reason':'OK','at':1700000100}}";

static const char full_layout[] =
  "{'id':3,'revision':2,'name':'Reception','description':null,'model':'acme-p10',"
  "'is_default':true,'keys':[{'index':1,'type':'line','value':null,'label':'Me','line':1,"
  "'agent_id':null},"
  "{'index':2,'type':'blf','value':'202','label':'Bob','line':2,'agent_id':7},"
  "{'index':6,'type':'park','value':'700','label':null,'line':1,'agent_id':null}],"
  "'sidecars':[5]}";

static const char full_module_layout[] =
  "{'id':5,'revision':1,'name':'Sidecar','description':'Team','module':'acme-m20',"
  "'is_default':false,'keys':[{'index':20,'type':'speed_dial','value':'0044123',"
  "'label':'London','line':1,'agent_id':null}]}";

static const char full_profile[] =
  "{'id':4,'revision':6,'name':'Office','description':null,"
  "'admin_password_policy':'generated','timezone':'UTC','layout_id':3,"
  "'ntp_server':'pool.ntp.org','sip_region':null,'update_interval':60,"
  "'custom_params':{'acme':{'a.b':'1','features.dnd':'0','z_last':'x y'},"
  "'beta':{'line[1].mode':'2'}},'parent_id':2,'sip_transport':'tls','srtp':'on','dtmf':'info','codecs':['opus','PCMU']}";

typedef struct
{
  GType      (*get_type) (void);
  const char  *full;
} RoundTrip;

static void
test_roundtrip (void)
{
  const RoundTrip cases[] = {
    { pa_agent_get_type, full_agent },
    { pa_sip_account_get_type, full_sip_account },
    { pa_phone_get_type, full_phone },
    { pa_layout_get_type, full_layout },
    { pa_module_layout_get_type, full_module_layout },
    { pa_profile_get_type, full_profile },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GType type = cases[i].get_type ();
      g_autofree char *expected = json_text (cases[i].full);
      g_autoptr(PaResource) first = parse_ok (type, cases[i].full, PA_JSON_TRUSTED);
      g_autofree char *text1 = pa_resource_to_data (first, NULL);
      g_autoptr(PaResource) second = NULL;
      g_autofree char *text2 = NULL;
      g_autoptr(PaResource) copy = NULL;
      g_autofree char *text3 = NULL;

      g_test_message ("%s", g_type_name (type));

      /* The fixtures are written in the documented member order, so the
       * output is exactly the input. */
      g_assert_cmpstr (text1, ==, expected);

      second = pa_resource_new_from_data (type, text1, -1, PA_JSON_TRUSTED, NULL);
      g_assert_nonnull (second);
      text2 = pa_resource_to_data (second, NULL);
      g_assert_cmpstr (text1, ==, text2);

      copy = pa_resource_copy (first);
      text3 = pa_resource_to_data (copy, NULL);
      g_assert_cmpstr (text1, ==, text3);
      g_assert_true (pa_resource_equal (first, copy));

      g_assert_true (pa_resource_validate_with_catalog (first, test_catalog, NULL));
    }
}

static void
test_defaults (void)
{
  g_autoptr(PaPhone) phone = pa_phone_new ();
  g_autoptr(PaAgent) agent = pa_agent_new ();
  g_autoptr(PaSipAccount) account = pa_sip_account_new ();
  g_autoptr(PaProfile) profile = pa_profile_new ();
  g_autofree char *phone_text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(PaResource) again = NULL;
  g_autofree char *again_text = NULL;

  g_assert_true (pa_phone_get_enabled (phone));
  g_assert_cmpint (pa_phone_get_status (phone), ==, PA_PHONE_STATUS_PENDING);
  g_assert_cmpuint (pa_phone_get_local_sip_port (phone), ==, 5060);
  g_assert_cmpint (pa_phone_get_admin_password_mode (phone), ==, PA_ADMIN_PASSWORD_NONE);
  g_assert_cmpuint (pa_phone_get_lines (phone)->len, ==, 0);
  g_assert_cmpuint (pa_phone_get_modules (phone)->len, ==, 0);
  g_assert_cmpstr (pa_phone_get_name (phone), ==, "");
  g_assert_cmpstr (pa_resource_get_kind (PA_RESOURCE (phone)), ==, "phone");
  g_assert_cmpint (pa_resource_get_id (PA_RESOURCE (phone)), ==, 0);

  g_assert_cmpint (pa_agent_get_routing (agent), ==, PA_AGENT_ROUTING_SOFTPHONE);
  g_assert_cmpstr (pa_resource_get_kind (PA_RESOURCE (agent)), ==, "agent");
  g_assert_cmpuint (pa_sip_account_get_port (account), ==, 5060);
  g_assert_cmpint (pa_sip_account_get_transport (account), ==, PA_SIP_TRANSPORT_UDP);
  g_assert_cmpstr (pa_resource_get_kind (PA_RESOURCE (account)), ==, "sip_account");
  g_assert_cmpuint (pa_profile_get_update_interval (profile), ==, 1440);

  /* A fresh phone writes every member, ids pointing nowhere as null. */
  phone_text = pa_resource_to_data (PA_RESOURCE (phone), NULL);
  expected = json_text ("{'id':null,'revision':0,'name':'','description':null,'mac':'',"
                        "'vendor':'','model':'','agent_id':null,'lines':[],'layout_id':null,"
                        "'profile_id':null,'modules':[],'sip_server':null,'sip_region':null,'timezone':null,"
                        "'local_sip_port':5060,'admin_password_mode':'none',"
                        "'admin_password':null,'enabled':true,'http_auth':false,'firmware_id':null,'status':'pending','ip':null,"
                        "'user_agent':null,'firmware':null,'last_seen':null,"
                        "'provisioned_at':null,'contact':null,'status_since':null,'token':null,"
                        "'config_fingerprint':null,'attention':[],'sip_action':null}");
  g_assert_cmpstr (phone_text, ==, expected);

  /* … and reads back, even though it would not validate. */
  again = pa_resource_new_from_data (PA_TYPE_PHONE, phone_text, -1, PA_JSON_TRUSTED, NULL);
  g_assert_nonnull (again);
  again_text = pa_resource_to_data (again, NULL);
  g_assert_cmpstr (again_text, ==, phone_text);
}

static void
test_server_owned_ignored (void)
{
  g_autoptr(PaResource) resource = NULL;
  g_autoptr(PaResource) trusted = NULL;
  PaPhone *phone;

  resource = parse_ok (PA_TYPE_PHONE, full_phone, PA_JSON_DEFAULT);
  phone = PA_PHONE (resource);

  g_assert_cmpint (pa_resource_get_id (resource), ==, 0);
  g_assert_cmpint (pa_resource_get_revision (resource), ==, 0);
  g_assert_cmpint (pa_phone_get_status (phone), ==, PA_PHONE_STATUS_PENDING);
  g_assert_null (pa_phone_get_ip (phone));
  g_assert_null (pa_phone_get_user_agent (phone));
  g_assert_null (pa_phone_get_firmware (phone));
  g_assert_cmpint (pa_phone_get_last_seen (phone), ==, 0);
  g_assert_cmpint (pa_phone_get_provisioned_at (phone), ==, 0);
  g_assert_null (pa_phone_get_token (phone));
  /* What the client may set did arrive. */
  g_assert_cmpstr (pa_phone_get_name (phone), ==, "Front desk");
  g_assert_false (pa_phone_get_enabled (phone));
  g_assert_cmpint (pa_phone_get_agent_id (phone), ==, 7);

  trusted = parse_ok (PA_TYPE_PHONE, full_phone, PA_JSON_TRUSTED);
  g_assert_cmpint (pa_resource_get_id (trusted), ==, 42);
  g_assert_cmpint (pa_resource_get_revision (trusted), ==, 9);
  g_assert_cmpint (pa_phone_get_status (PA_PHONE (trusted)), ==, PA_PHONE_STATUS_ONLINE);
  g_assert_cmpstr (pa_phone_get_token (PA_PHONE (trusted)), ==, "tok-abc");
  g_assert_cmpint (pa_phone_get_last_seen (PA_PHONE (trusted)), ==, 1700000000);

  /* Even a bad value in a server-owned member is not a client's error. */
  g_clear_object (&resource);
  resource = parse_ok (PA_TYPE_AGENT, "{'id':'x','revision':true,'name':'A'}", PA_JSON_DEFAULT);
  g_assert_cmpint (pa_resource_get_id (resource), ==, 0);
}

static void
test_typed_accessors (void)
{
  g_autoptr(PaResource) phone_res = parse_ok (PA_TYPE_PHONE, full_phone, PA_JSON_TRUSTED);
  g_autoptr(PaResource) layout_res = parse_ok (PA_TYPE_LAYOUT, full_layout, PA_JSON_TRUSTED);
  g_autoptr(PaResource) profile_res = parse_ok (PA_TYPE_PROFILE, full_profile, PA_JSON_TRUSTED);
  PaPhone *phone = PA_PHONE (phone_res);
  GArray *lines = pa_phone_get_lines (phone);
  GPtrArray *modules = pa_phone_get_modules (phone);
  GListModel *keys = pa_layout_get_keys (PA_LAYOUT (layout_res));
  g_auto(GStrv) names = NULL;
  PaKey *key;

  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpint (g_array_index (lines, gint64, 0), ==, 11);
  g_assert_cmpint (g_array_index (lines, gint64, 1), ==, 12);
  g_assert_cmpuint (modules->len, ==, 2);
  g_assert_cmpstr (((PaPhoneModule *) modules->pdata[0])->module_id, ==, "acme-m20");
  g_assert_cmpint (((PaPhoneModule *) modules->pdata[0])->layout_id, ==, 5);
  g_assert_cmpint (((PaPhoneModule *) modules->pdata[1])->layout_id, ==, 0);
  g_assert_cmpstr (pa_phone_get_mac (phone), ==, "00:11:22:AB:CD:EF");
  g_assert_cmpstr (pa_phone_get_vendor (phone), ==, "acme");
  g_assert_cmpstr (pa_phone_get_model (phone), ==, "acme-p10");
  g_assert_cmpint (pa_phone_get_admin_password_mode (phone), ==, PA_ADMIN_PASSWORD_MANUAL);
  g_assert_cmpstr (pa_phone_get_admin_password (phone), ==, "s3cret");

  g_assert_cmpuint (g_list_model_get_n_items (keys), ==, 3);
  g_assert_true (g_list_model_get_item_type (keys) == PA_TYPE_KEY);
  key = pa_key_list_find (keys, 2);
  g_assert_nonnull (key);
  g_assert_cmpint (pa_key_get_key_type (key), ==, PA_KEY_BLF);
  g_assert_cmpstr (pa_key_get_value (key), ==, "202");
  g_assert_cmpstr (pa_key_get_label (key), ==, "Bob");
  g_assert_cmpuint (pa_key_get_line (key), ==, 2);
  g_assert_cmpint (pa_key_get_agent_id (key), ==, 7);
  g_assert_cmpint (pa_key_get_agent_id (pa_key_list_find (keys, 1)), ==, 0);
  g_assert_null (pa_key_list_find (keys, 4));

  g_assert_cmpstr (pa_profile_get_custom_param (PA_PROFILE (profile_res), "acme", "features.dnd"),
                   ==, "0");
  /* one vendor's parameters are not another's */
  g_assert_null (pa_profile_get_custom_param (PA_PROFILE (profile_res), "beta", "features.dnd"));
  names = pa_profile_dup_custom_param_names (PA_PROFILE (profile_res), "acme");
  g_assert_cmpuint (g_strv_length (names), ==, 3);
  g_assert_cmpstr (names[0], ==, "a.b");
  g_assert_cmpstr (names[2], ==, "z_last");
  g_strfreev (names);
  names = pa_profile_dup_custom_param_names (PA_PROFILE (profile_res), "beta");
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "line[1].mode");
}

static void
test_key_type_nicks (void)
{
  static const char * const nicks[] = {
    "line", "blf", "speed_dial", "feature_code", "park", "park_retrieve", "conference",
    "custom", "empty",
  };

  for (guint i = 0; i < G_N_ELEMENTS (nicks); i++)
    {
      PaKeyType type;

      g_assert_cmpstr (pa_key_type_to_nick ((PaKeyType) i), ==, nicks[i]);
      g_assert_true (pa_key_type_from_nick (nicks[i], &type));
      g_assert_cmpint (type, ==, (PaKeyType) i);
      /* The catalog spells the same names. */
      g_assert_true (pa_key_type_is_known (nicks[i]));
    }
  g_assert_false (pa_key_type_from_nick ("teleport", NULL));
  g_assert_false (pa_key_type_from_nick (NULL, NULL));
  g_assert_true (pa_key_type_needs_value (PA_KEY_BLF));
  g_assert_true (pa_key_type_needs_value (PA_KEY_PARK));
  g_assert_false (pa_key_type_needs_value (PA_KEY_LINE));
}

/* ------------------------------------------------------------------ */
/* Input errors                                                         */

typedef struct
{
  GType       (*get_type) (void);
  const char   *json;
  PaJsonFlags   flags;
  PaModelError  code;
  const char   *field;
} BadInput;

static void
test_input_errors (void)
{
  const BadInput cases[] = {
    /* Not an object at all. */
    { pa_agent_get_type, "[]", 0, PA_MODEL_ERROR_MALFORMED, NULL },
    { pa_agent_get_type, "'name'", 0, PA_MODEL_ERROR_MALFORMED, NULL },
    { pa_agent_get_type, "null", 0, PA_MODEL_ERROR_MALFORMED, NULL },
    { pa_agent_get_type, "{'name':", 0, PA_MODEL_ERROR_MALFORMED, NULL },
    { pa_agent_get_type, "", 0, PA_MODEL_ERROR_MALFORMED, NULL },
    { pa_phone_get_type, "[{'name':'x'}]", 0, PA_MODEL_ERROR_MALFORMED, NULL },

    /* Agent */
    { pa_agent_get_type, "{'nickname':'Ada'}", 0, PA_MODEL_ERROR_UNKNOWN_FIELD, "nickname" },
    { pa_agent_get_type, "{'Name':'Ada'}", 0, PA_MODEL_ERROR_UNKNOWN_FIELD, "Name" },
    { pa_agent_get_type, "{'name':5}", 0, PA_MODEL_ERROR_WRONG_TYPE, "name" },
    { pa_agent_get_type, "{'name':null}", 0, PA_MODEL_ERROR_WRONG_TYPE, "name" },
    { pa_agent_get_type, "{'name':['Ada']}", 0, PA_MODEL_ERROR_WRONG_TYPE, "name" },
    { pa_agent_get_type, "{'name':{'first':'Ada'}}", 0, PA_MODEL_ERROR_WRONG_TYPE, "name" },
    { pa_agent_get_type, "{'extension':201}", 0, PA_MODEL_ERROR_WRONG_TYPE, "extension" },
    { pa_agent_get_type, "{'email':true}", 0, PA_MODEL_ERROR_WRONG_TYPE, "email" },
    { pa_agent_get_type, "{'routing':'carrier pigeon'}", 0, PA_MODEL_ERROR_INVALID, "routing" },
    { pa_agent_get_type, "{'routing':'Hardware'}", 0, PA_MODEL_ERROR_INVALID, "routing" },
    { pa_agent_get_type, "{'routing':1}", 0, PA_MODEL_ERROR_WRONG_TYPE, "routing" },
    { pa_agent_get_type, "{'routing':null}", 0, PA_MODEL_ERROR_WRONG_TYPE, "routing" },
    { pa_agent_get_type, "{'id':'x'}", PA_JSON_TRUSTED, PA_MODEL_ERROR_WRONG_TYPE, "id" },
    { pa_agent_get_type, "{'id':-1}", PA_JSON_TRUSTED, PA_MODEL_ERROR_INVALID, "id" },
    { pa_agent_get_type, "{'revision':null}", PA_JSON_TRUSTED, PA_MODEL_ERROR_WRONG_TYPE,
      "revision" },

    /* SIP account: integers are JSON integers and nothing else. */
    { pa_sip_account_get_type, "{'password':'x'}", 0, PA_MODEL_ERROR_UNKNOWN_FIELD, "password" },
    { pa_sip_account_get_type, "{'port':'5060'}", 0, PA_MODEL_ERROR_WRONG_TYPE, "port" },
    { pa_sip_account_get_type, "{'port':5060.0}", 0, PA_MODEL_ERROR_WRONG_TYPE, "port" },
    { pa_sip_account_get_type, "{'port':5060.5}", 0, PA_MODEL_ERROR_WRONG_TYPE, "port" },
    { pa_sip_account_get_type, "{'port':true}", 0, PA_MODEL_ERROR_WRONG_TYPE, "port" },
    { pa_sip_account_get_type, "{'port':null}", 0, PA_MODEL_ERROR_WRONG_TYPE, "port" },
    { pa_sip_account_get_type, "{'port':0}", 0, PA_MODEL_ERROR_INVALID, "port" },
    { pa_sip_account_get_type, "{'port':-5060}", 0, PA_MODEL_ERROR_INVALID, "port" },
    { pa_sip_account_get_type, "{'port':65536}", 0, PA_MODEL_ERROR_INVALID, "port" },
    { pa_sip_account_get_type, "{'port':99999999999999}", 0, PA_MODEL_ERROR_INVALID, "port" },
    { pa_sip_account_get_type, "{'transport':'sctp'}", 0, PA_MODEL_ERROR_INVALID, "transport" },
    { pa_sip_account_get_type, "{'agent_id':'7'}", 0, PA_MODEL_ERROR_WRONG_TYPE, "agent_id" },
    { pa_sip_account_get_type, "{'agent_id':-7}", 0, PA_MODEL_ERROR_INVALID, "agent_id" },
    { pa_sip_account_get_type, "{'agent_id':7.5}", 0, PA_MODEL_ERROR_WRONG_TYPE, "agent_id" },

    /* Phone */
    { pa_phone_get_type, "{'enabled':'yes'}", 0, PA_MODEL_ERROR_WRONG_TYPE, "enabled" },
    { pa_phone_get_type, "{'enabled':1}", 0, PA_MODEL_ERROR_WRONG_TYPE, "enabled" },
    { pa_phone_get_type, "{'enabled':null}", 0, PA_MODEL_ERROR_WRONG_TYPE, "enabled" },
    { pa_phone_get_type, "{'mac':12}", 0, PA_MODEL_ERROR_WRONG_TYPE, "mac" },
    { pa_phone_get_type, "{'mac':'not a mac'}", 0, PA_MODEL_ERROR_INVALID, "mac" },
    { pa_phone_get_type, "{'mac':'00112233445'}", 0, PA_MODEL_ERROR_INVALID, "mac" },
    { pa_phone_get_type, "{'mac':'0011223344556'}", 0, PA_MODEL_ERROR_INVALID, "mac" },
    { pa_phone_get_type, "{'mac':'00112233445G'}", 0, PA_MODEL_ERROR_INVALID, "mac" },
    { pa_phone_get_type, "{'local_sip_port':70000}", 0, PA_MODEL_ERROR_INVALID,
      "local_sip_port" },
    { pa_phone_get_type, "{'admin_password_mode':'auto'}", 0, PA_MODEL_ERROR_INVALID,
      "admin_password_mode" },
    { pa_phone_get_type, "{'layout_id':'3'}", 0, PA_MODEL_ERROR_WRONG_TYPE, "layout_id" },
    { pa_phone_get_type, "{'profile_id':[4]}", 0, PA_MODEL_ERROR_WRONG_TYPE, "profile_id" },
    { pa_phone_get_type, "{'lines':11}", 0, PA_MODEL_ERROR_WRONG_TYPE, "lines" },
    { pa_phone_get_type, "{'lines':null}", 0, PA_MODEL_ERROR_WRONG_TYPE, "lines" },
    { pa_phone_get_type, "{'lines':{'1':11}}", 0, PA_MODEL_ERROR_WRONG_TYPE, "lines" },
    { pa_phone_get_type, "{'lines':[11,'12']}", 0, PA_MODEL_ERROR_WRONG_TYPE, "lines[1]" },
    { pa_phone_get_type, "{'lines':[11,null]}", 0, PA_MODEL_ERROR_WRONG_TYPE, "lines[1]" },
    { pa_phone_get_type, "{'lines':[11,1.5]}", 0, PA_MODEL_ERROR_WRONG_TYPE, "lines[1]" },
    { pa_phone_get_type, "{'lines':[0]}", 0, PA_MODEL_ERROR_INVALID, "lines[0]" },
    { pa_phone_get_type, "{'modules':{}}", 0, PA_MODEL_ERROR_WRONG_TYPE, "modules" },
    { pa_phone_get_type, "{'modules':['acme-m20']}", 0, PA_MODEL_ERROR_WRONG_TYPE,
      "modules[0]" },
    { pa_phone_get_type, "{'modules':[{'module':'acme-m20','colour':'red'}]}", 0,
      PA_MODEL_ERROR_UNKNOWN_FIELD, "modules[0].colour" },
    { pa_phone_get_type, "{'modules':[{'module':'acme-m20'},{'layout_id':2}]}", 0,
      PA_MODEL_ERROR_INVALID, "modules[1].module" },
    { pa_phone_get_type, "{'modules':[{'module':20}]}", 0, PA_MODEL_ERROR_WRONG_TYPE,
      "modules[0].module" },
    { pa_phone_get_type, "{'modules':[{'module':'acme-m20','layout_id':'5'}]}", 0,
      PA_MODEL_ERROR_WRONG_TYPE, "modules[0].layout_id" },
    { pa_phone_get_type, "{'status':5}", PA_JSON_TRUSTED, PA_MODEL_ERROR_WRONG_TYPE, "status" },
    { pa_phone_get_type, "{'status':'asleep'}", PA_JSON_TRUSTED, PA_MODEL_ERROR_INVALID,
      "status" },
    { pa_phone_get_type, "{'last_seen':'yesterday'}", PA_JSON_TRUSTED,
      PA_MODEL_ERROR_WRONG_TYPE, "last_seen" },
    { pa_phone_get_type, "{'token':7}", PA_JSON_TRUSTED, PA_MODEL_ERROR_WRONG_TYPE, "token" },

    /* Layout and keys */
    { pa_layout_get_type, "{'is_default':'no'}", 0, PA_MODEL_ERROR_WRONG_TYPE, "is_default" },
    { pa_layout_get_type, "{'keys':{}}", 0, PA_MODEL_ERROR_WRONG_TYPE, "keys" },
    { pa_layout_get_type, "{'keys':null}", 0, PA_MODEL_ERROR_WRONG_TYPE, "keys" },
    { pa_layout_get_type, "{'keys':[1]}", 0, PA_MODEL_ERROR_WRONG_TYPE, "keys[0]" },
    { pa_layout_get_type, "{'keys':[{'index':1,'type':'line'},{'index':2,'type':'blf','foo':1}]}",
      0, PA_MODEL_ERROR_UNKNOWN_FIELD, "keys[1].foo" },
    { pa_layout_get_type, "{'keys':[{'index':'1','type':'line'}]}", 0,
      PA_MODEL_ERROR_WRONG_TYPE, "keys[0].index" },
    { pa_layout_get_type, "{'keys':[{'type':'line'}]}", 0, PA_MODEL_ERROR_INVALID,
      "keys[0].index" },
    { pa_layout_get_type, "{'keys':[{'index':1}]}", 0, PA_MODEL_ERROR_INVALID, "keys[0].type" },
    { pa_layout_get_type, "{'keys':[{'index':0,'type':'line'}]}", 0, PA_MODEL_ERROR_INVALID,
      "keys[0].index" },
    { pa_layout_get_type, "{'keys':[{'index':1,'type':'teleport'}]}", 0, PA_MODEL_ERROR_INVALID,
      "keys[0].type" },
    { pa_layout_get_type, "{'keys':[{'index':1,'type':'blf','value':202}]}", 0,
      PA_MODEL_ERROR_WRONG_TYPE, "keys[0].value" },
    { pa_layout_get_type, "{'keys':[{'index':1,'type':'blf','line':0}]}", 0,
      PA_MODEL_ERROR_INVALID, "keys[0].line" },
    { pa_layout_get_type, "{'keys':[{'index':1,'type':'blf','line':true}]}", 0,
      PA_MODEL_ERROR_WRONG_TYPE, "keys[0].line" },
    { pa_layout_get_type, "{'keys':[{'index':1,'type':'blf','agent_id':'7'}]}", 0,
      PA_MODEL_ERROR_WRONG_TYPE, "keys[0].agent_id" },
    { pa_layout_get_type, "{'keys':[{'index':1,'type':'blf','agent_id':7.5}]}", 0,
      PA_MODEL_ERROR_WRONG_TYPE, "keys[0].agent_id" },
    { pa_layout_get_type, "{'keys':[{'index':1,'type':'blf','agent_id':-1}]}", 0,
      PA_MODEL_ERROR_INVALID, "keys[0].agent_id" },
    { pa_layout_get_type, "{'keys':[{'index':1,'type':'blf','agent_id':true}]}", 0,
      PA_MODEL_ERROR_WRONG_TYPE, "keys[0].agent_id" },
    { pa_layout_get_type, "{'keys':[{'index':1,'type':'blf','agentId':7}]}", 0,
      PA_MODEL_ERROR_UNKNOWN_FIELD, "keys[0].agentId" },
    { pa_module_layout_get_type, "{'module':null}", 0, PA_MODEL_ERROR_WRONG_TYPE, "module" },
    { pa_module_layout_get_type, "{'model':'acme-p10'}", 0, PA_MODEL_ERROR_UNKNOWN_FIELD,
      "model" },

    /* Profile */
    /* (4 minutes reads, and validation refuses it: test_validation.) */
    { pa_profile_get_type, "{'update_interval':0}", 0, PA_MODEL_ERROR_INVALID,
      "update_interval" },
    { pa_profile_get_type, "{'parent_id':'x'}", 0, PA_MODEL_ERROR_WRONG_TYPE, "parent_id" },
    { pa_profile_get_type, "{'update_interval':43201}", 0, PA_MODEL_ERROR_INVALID,
      "update_interval" },
    { pa_profile_get_type, "{'update_interval':1.5}", 0, PA_MODEL_ERROR_WRONG_TYPE,
      "update_interval" },
    { pa_profile_get_type, "{'custom_params':[]}", 0, PA_MODEL_ERROR_WRONG_TYPE,
      "custom_params" },
    { pa_profile_get_type, "{'custom_params':{'a':1}}", 0, PA_MODEL_ERROR_WRONG_TYPE,
      "custom_params.a" },
    { pa_profile_get_type, "{'custom_params':{'a':'1'}}", 0, PA_MODEL_ERROR_WRONG_TYPE,
      "custom_params.a" },
    { pa_profile_get_type, "{'custom_params':{'acme':{'a':1}}}", 0, PA_MODEL_ERROR_WRONG_TYPE,
      "custom_params.acme.a" },
    { pa_profile_get_type, "{'custom_params':{'acme':{'a':null}}}", 0, PA_MODEL_ERROR_WRONG_TYPE,
      "custom_params.acme.a" },
    { pa_profile_get_type, "{'custom_params':{'acme':{'a/b':'1'}}}", 0, PA_MODEL_ERROR_WRONG_TYPE,
      "custom_params.acme.a/b" },
    { pa_profile_get_type, "{'layout_id':false}", 0, PA_MODEL_ERROR_WRONG_TYPE, "layout_id" },
    { pa_profile_get_type, "{'admin_password_policy':'always'}", 0, PA_MODEL_ERROR_INVALID,
      "admin_password_policy" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PaResource) resource = NULL;

      g_test_message ("case %u: %s", i, cases[i].json);
      resource = parse (cases[i].get_type (), cases[i].json, cases[i].flags, &error);
      g_assert_null (resource);
      assert_field_error (error, cases[i].code, cases[i].field);
    }
}

static void
test_null_node (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PaAgent) agent = pa_agent_new ();
  g_autoptr(JsonNode) array = node_from ("[1,2]");

  g_assert_null (pa_resource_new_from_json (PA_TYPE_AGENT, NULL, PA_JSON_DEFAULT, &error));
  assert_field_error (error, PA_MODEL_ERROR_MALFORMED, NULL);
  g_clear_error (&error);

  g_assert_false (pa_resource_apply_json (PA_RESOURCE (agent), array, FALSE, &error));
  assert_field_error (error, PA_MODEL_ERROR_MALFORMED, NULL);
}

/* ------------------------------------------------------------------ */
/* Validation                                                           */

static const char base_phone[] =
  "{'name':'Desk','mac':'00:11:22:33:44:55','vendor':'acme','model':'acme-p10'";

typedef struct
{
  GType       (*get_type) (void);
  const char   *json;        /* appended to the base for phones */
  PaModelError  code;        /* ignored when field is NULL: must pass */
  const char   *field;
} Rule;

static void
test_validation (void)
{
  g_autofree char *long_name = g_strnfill (129, 'n');
  g_autofree char *long_name_json = g_strdup_printf ("{'name':'%s','extension':'1'}",
                                                     long_name);
  g_autofree char *max_name = g_strnfill (128, 'n');
  g_autofree char *max_name_json = g_strdup_printf ("{'name':'%s','extension':'1'}", max_name);
  g_autofree char *long_user = g_strnfill (65, 'u');
  g_autofree char *long_user_json = g_strdup_printf ("{'username':'%s'}", long_user);
  const Rule cases[] = {
    /* Agent */
    { pa_agent_get_type, "{'name':'Ada','extension':'201'}", 0, NULL },
    { pa_agent_get_type, "{'name':'  Ada  ','extension':' 201 '}", 0, NULL },
    { pa_agent_get_type, max_name_json, 0, NULL },
    { pa_agent_get_type, "{'name':'Ada','extension':'201','email':'ada@example.com'}", 0, NULL },
    { pa_agent_get_type, "{'extension':'201'}", PA_MODEL_ERROR_INVALID, "name" },
    { pa_agent_get_type, "{'name':'   ','extension':'201'}", PA_MODEL_ERROR_INVALID, "name" },
    { pa_agent_get_type, long_name_json, PA_MODEL_ERROR_INVALID, "name" },
    { pa_agent_get_type, "{'name':'Ada'}", PA_MODEL_ERROR_INVALID, "extension" },
    { pa_agent_get_type, "{'name':'Ada','extension':'20a'}", PA_MODEL_ERROR_INVALID,
      "extension" },
    { pa_agent_get_type, "{'name':'Ada','extension':'*20'}", PA_MODEL_ERROR_INVALID,
      "extension" },
    { pa_agent_get_type, "{'name':'Ada','extension':'1234567890123456'}", PA_MODEL_ERROR_INVALID,
      "extension" },
    { pa_agent_get_type, "{'name':'Ada','extension':'201','email':'ada'}",
      PA_MODEL_ERROR_INVALID, "email" },
    { pa_agent_get_type, "{'name':'Ada','extension':'201','email':'ada@localhost'}",
      PA_MODEL_ERROR_INVALID, "email" },
    { pa_agent_get_type, "{'name':'Ada','extension':'201','email':'a b@example.com'}",
      PA_MODEL_ERROR_INVALID, "email" },
    { pa_agent_get_type, "{'name':'Ada','extension':'201','email':'@example.com'}",
      PA_MODEL_ERROR_INVALID, "email" },
    { pa_agent_get_type, "{'name':'Ada','extension':'201','email':'a@b@example.com'}",
      PA_MODEL_ERROR_INVALID, "email" },

    /* SIP account */
    { pa_sip_account_get_type, "{'username':'ada.201+x_y-z'}", 0, NULL },
    { pa_sip_account_get_type, "{'username':'201','server':'192.0.2.1'}", 0, NULL },
    { pa_sip_account_get_type, "{'username':'201','server':'2001:db8::1'}", 0, NULL },
    { pa_sip_account_get_type, "{}", PA_MODEL_ERROR_INVALID, "username" },
    { pa_sip_account_get_type, "{'username':'ada 201'}", PA_MODEL_ERROR_INVALID, "username" },
    { pa_sip_account_get_type, "{'username':'ada@pbx'}", PA_MODEL_ERROR_INVALID, "username" },
    { pa_sip_account_get_type, long_user_json, PA_MODEL_ERROR_INVALID, "username" },
    { pa_sip_account_get_type, "{'username':'201','auth_name':'a:b'}", PA_MODEL_ERROR_INVALID,
      "auth_name" },
    { pa_sip_account_get_type, "{'username':'201','server':'pbx_1.example.com'}",
      PA_MODEL_ERROR_INVALID, "server" },
    { pa_sip_account_get_type, "{'username':'201','server':'-pbx.example.com'}",
      PA_MODEL_ERROR_INVALID, "server" },
    { pa_sip_account_get_type, "{'username':'201','server':'pbx..example.com'}",
      PA_MODEL_ERROR_INVALID, "server" },

    /* Phone (appended to base_phone) */
    { pa_phone_get_type, "}", 0, NULL },
    { pa_phone_get_type, ",'lines':[11,12]}", 0, NULL },
    { pa_phone_get_type, ",'modules':[{'module':'acme-m20'},{'module':'acme-m20'}]}", 0, NULL },
    { pa_phone_get_type, ",'timezone':'America/Argentina/Buenos_Aires'}", 0, NULL },
    { pa_phone_get_type, ",'timezone':'UTC','sip_server':'pbx'}", 0, NULL },
    { pa_phone_get_type, ",'admin_password_mode':'manual','admin_password':'x'}", 0, NULL },
    { pa_phone_get_type, ",'mac':''}", PA_MODEL_ERROR_INVALID, "mac" },
    { pa_phone_get_type, ",'name':''}", PA_MODEL_ERROR_INVALID, "name" },
    { pa_phone_get_type, ",'vendor':''}", PA_MODEL_ERROR_INVALID, "vendor" },
    { pa_phone_get_type, ",'vendor':'zeta'}", PA_MODEL_ERROR_RULE, "vendor" },
    { pa_phone_get_type, ",'model':''}", PA_MODEL_ERROR_INVALID, "model" },
    { pa_phone_get_type, ",'model':'acme-p99'}", PA_MODEL_ERROR_RULE, "model" },
    { pa_phone_get_type, ",'vendor':'beta'}", PA_MODEL_ERROR_RULE, "model" },
    { pa_phone_get_type, ",'lines':[11,12,13]}", PA_MODEL_ERROR_RULE, "lines" },
    { pa_phone_get_type, ",'model':'acme-p1','lines':[11,12]}", PA_MODEL_ERROR_RULE, "lines" },
    { pa_phone_get_type, ",'lines':[11,11]}", PA_MODEL_ERROR_INVALID, "lines[1]" },
    { pa_phone_get_type, ",'modules':[{'module':'acme-m40'}]}", PA_MODEL_ERROR_RULE,
      "modules[0].module" },
    { pa_phone_get_type, ",'modules':[{'module':'beta-x1'}]}", PA_MODEL_ERROR_RULE,
      "modules[0].module" },
    { pa_phone_get_type, ",'modules':[{'module':'acme-m99'}]}", PA_MODEL_ERROR_RULE,
      "modules[0].module" },
    { pa_phone_get_type, ",'modules':[{'module':''}]}", PA_MODEL_ERROR_INVALID,
      "modules[0].module" },
    { pa_phone_get_type,
      ",'modules':[{'module':'acme-m20'},{'module':'acme-m20'},{'module':'acme-m20'}]}",
      PA_MODEL_ERROR_RULE, "modules[2].module" },
    { pa_phone_get_type, ",'model':'acme-p1','modules':[{'module':'acme-m20'}]}",
      PA_MODEL_ERROR_RULE, "modules[0].module" },
    { pa_phone_get_type, ",'timezone':'Mars/Olympus_Mons'}", PA_MODEL_ERROR_INVALID, "timezone" },
    { pa_phone_get_type, ",'timezone':'Berlin'}", PA_MODEL_ERROR_INVALID, "timezone" },
    { pa_phone_get_type, ",'timezone':'Europe/../../etc/passwd'}", PA_MODEL_ERROR_INVALID,
      "timezone" },
    { pa_phone_get_type, ",'timezone':'+01:00'}", PA_MODEL_ERROR_INVALID, "timezone" },
    { pa_phone_get_type, ",'sip_server':'pbx example'}", PA_MODEL_ERROR_INVALID, "sip_server" },
    { pa_phone_get_type, ",'admin_password_mode':'manual'}", PA_MODEL_ERROR_INVALID,
      "admin_password" },

    /* Layout */
    { pa_layout_get_type, full_layout, 0, NULL },
    { pa_layout_get_type, "{'name':'L','model':'acme-p10','keys':[]}", 0, NULL },
    { pa_layout_get_type, "{'model':'acme-p10'}", PA_MODEL_ERROR_INVALID, "name" },
    { pa_layout_get_type, "{'name':'L'}", PA_MODEL_ERROR_INVALID, "model" },
    { pa_layout_get_type, "{'name':'L','model':'acme-p99'}", PA_MODEL_ERROR_RULE, "model" },
    { pa_layout_get_type,
      "{'name':'L','model':'acme-p10','keys':[{'index':6,'type':'line'},"
      "{'index':7,'type':'line'}]}",
      PA_MODEL_ERROR_RULE, "keys[1].index" },
    { pa_layout_get_type,
      "{'name':'L','model':'acme-p10','keys':[{'index':2,'type':'line'},"
      "{'index':2,'type':'empty'}]}",
      PA_MODEL_ERROR_INVALID, "keys[1].index" },
    { pa_layout_get_type, "{'name':'L','model':'acme-p10','keys':[{'index':1,'type':'blf'}]}",
      PA_MODEL_ERROR_INVALID, "keys[0].value" },
    { pa_layout_get_type,
      "{'name':'L','model':'acme-p10','keys':[{'index':1,'type':'speed_dial','value':'  '}]}",
      PA_MODEL_ERROR_INVALID, "keys[0].value" },
    { pa_layout_get_type,
      "{'name':'L','model':'acme-p10','keys':[{'index':1,'type':'feature_code','value':null}]}",
      PA_MODEL_ERROR_INVALID, "keys[0].value" },
    { pa_layout_get_type,
      "{'name':'L','model':'acme-p10','keys':[{'index':1,'type':'line','line':3}]}",
      PA_MODEL_ERROR_RULE, "keys[0].line" },
    { pa_layout_get_type,
      "{'name':'L','model':'beta-b5','keys':[{'index':1,'type':'line','line':4},"
      "{'index':10,'type':'park','value':'700'}]}",
      PA_MODEL_ERROR_RULE, "keys[1].type" },
    { pa_layout_get_type,
      "{'name':'L','model':'beta-b5','keys':[{'index':3,'type':'conference'}]}",
      PA_MODEL_ERROR_RULE, "keys[0].type" },

    /* Module layout */
    { pa_module_layout_get_type, full_module_layout, 0, NULL },
    { pa_module_layout_get_type, "{'name':'S','module':'acme-m99'}", PA_MODEL_ERROR_RULE,
      "module" },
    { pa_module_layout_get_type, "{'name':'S'}", PA_MODEL_ERROR_INVALID, "module" },
    { pa_module_layout_get_type,
      "{'name':'S','module':'acme-m20','keys':[{'index':21,'type':'line'}]}",
      PA_MODEL_ERROR_RULE, "keys[0].index" },
    { pa_module_layout_get_type,
      "{'name':'S','module':'beta-x1','keys':[{'index':1,'type':'park','value':'1'}]}",
      PA_MODEL_ERROR_RULE, "keys[0].type" },
    { pa_module_layout_get_type,
      "{'name':'S','module':'beta-x1','keys':[{'index':1,'type':'blf'}]}",
      PA_MODEL_ERROR_INVALID, "keys[0].value" },

    /* Profile */
    { pa_profile_get_type, full_profile, 0, NULL },
    { pa_profile_get_type, "{'name':'P','timezone':'Europe/Berlin'}", 0, NULL },
    { pa_profile_get_type, "{'name':''}", PA_MODEL_ERROR_INVALID, "name" },
    { pa_profile_get_type, "{'name':'P','timezone':'Nowhere/Special'}", PA_MODEL_ERROR_INVALID,
      "timezone" },
    { pa_profile_get_type, "{'name':'P','ntp_server':'ntp server'}", PA_MODEL_ERROR_INVALID,
      "ntp_server" },
    { pa_profile_get_type, "{'name':'P','custom_params':{'acme':{'bad name':'1'}}}",
      PA_MODEL_ERROR_INVALID, "custom_params.acme.bad name" },
    { pa_profile_get_type, "{'name':'P','custom_params':{'acme':{'':'1'}}}", PA_MODEL_ERROR_INVALID,
      "custom_params.acme." },
    { pa_profile_get_type, "{'name':'P','custom_params':{'acme':{'a=b':'1'}}}",
      PA_MODEL_ERROR_INVALID, "custom_params.acme.a=b" },
    { pa_profile_get_type, "{'name':'P','custom_params':{'acme':{'ok':'1\\nevil=2'}}}",
      PA_MODEL_ERROR_INVALID, "custom_params.acme.ok" },
    { pa_profile_get_type, "{'name':'P','custom_params':{'nobody':{'a':'1'}}}",
      PA_MODEL_ERROR_INVALID, "custom_params.nobody" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GType type = cases[i].get_type ();
      g_autofree char *json = NULL;
      g_autoptr(PaResource) resource = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok;

      if (type == PA_TYPE_PHONE)
        json = g_strconcat (base_phone, cases[i].json, NULL);
      else
        json = g_strdup (cases[i].json);

      g_test_message ("case %u: %s", i, json);
      resource = parse_ok (type, json, PA_JSON_TRUSTED);
      ok = pa_resource_validate_with_catalog (resource, test_catalog, &error);

      if (cases[i].field == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          assert_field_error (error, cases[i].code, cases[i].field);
        }
    }
}

static void
test_validation_from_setters (void)
{
  g_autoptr(PaPhone) phone = pa_phone_new ();
  g_autoptr(PaProfile) profile = pa_profile_new ();
  g_autoptr(PaAgent) agent = pa_agent_new ();
  g_autoptr(GError) error = NULL;

  pa_phone_set_name (phone, "Desk");
  pa_phone_set_vendor (phone, "acme");
  pa_phone_set_model (phone, "acme-p10");
  pa_phone_set_mac (phone, "zz:zz");
  /* The setter cannot refuse; it keeps what it could not read … */
  g_assert_cmpstr (pa_phone_get_mac (phone), ==, "zz:zz");
  /* … and validation says why. */
  g_assert_false (pa_resource_validate_with_catalog (PA_RESOURCE (phone), test_catalog, &error));
  assert_field_error (error, PA_MODEL_ERROR_INVALID, "mac");
  g_clear_error (&error);

  pa_phone_set_mac (phone, "001122334455");
  g_assert_cmpstr (pa_phone_get_mac (phone), ==, "00:11:22:33:44:55");
  g_assert_true (pa_resource_validate_with_catalog (PA_RESOURCE (phone), test_catalog, &error));
  g_assert_no_error (error);

  pa_phone_set_local_sip_port (phone, 0);
  g_assert_false (pa_resource_validate_with_catalog (PA_RESOURCE (phone), test_catalog, &error));
  assert_field_error (error, PA_MODEL_ERROR_INVALID, "local_sip_port");
  g_clear_error (&error);

  pa_profile_set_name (profile, "P");
  pa_profile_set_update_interval (profile, 1);
  g_assert_false (pa_resource_validate_with_catalog (PA_RESOURCE (profile), test_catalog, &error));
  assert_field_error (error, PA_MODEL_ERROR_INVALID, "update_interval");
  g_clear_error (&error);

  /* Untrimmed text only comes from a setter: JSON input is trimmed. */
  pa_agent_set_name (agent, " Ada");
  pa_agent_set_extension (agent, "201");
  g_assert_false (pa_resource_validate_with_catalog (PA_RESOURCE (agent), test_catalog, &error));
  assert_field_error (error, PA_MODEL_ERROR_INVALID, "name");
  g_clear_error (&error);
  pa_agent_set_name (agent, "Ada\tLovelace");
  g_assert_false (pa_resource_validate_with_catalog (PA_RESOURCE (agent), test_catalog, &error));
  assert_field_error (error, PA_MODEL_ERROR_INVALID, "name");
}

static void
test_mac_spellings (void)
{
  static const char * const spellings[] = {
    "805ec0123456",
    "805EC0123456",
    "80-5E-C0-12-34-56",
    "80:5e:c0:12:34:56",
    "805e.c012.3456",
    "80 5E C0 12 34 56",
    "  80:5E:C0:12:34:56\\n",
  };
  static const char * const bad[] = {
    "805ec012345",
    "805ec01234567",
    "805ec012345g",
    "80:5E:C0:12:34",
    "ff:ff:ff:ff:ff:ff",
    "00:00:00:00:00:00",
    "01:00:5E:00:00:01",
    "MAC 805ec0123456",
  };

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autofree char *json = g_strdup_printf ("{'mac':'%s'}", spellings[i]);
      g_autoptr(PaResource) phone = NULL;
      g_autoptr(PaPhone) set = pa_phone_new ();

      g_test_message ("%s", spellings[i]);
      phone = parse_ok (PA_TYPE_PHONE, json, PA_JSON_DEFAULT);
      g_assert_cmpstr (pa_phone_get_mac (PA_PHONE (phone)), ==, "80:5E:C0:12:34:56");
      g_assert_true (pa_mac_is_valid (pa_phone_get_mac (PA_PHONE (phone))));
      /* The same from a trusted source. */
      g_clear_object (&phone);
      phone = parse_ok (PA_TYPE_PHONE, json, PA_JSON_TRUSTED);
      g_assert_cmpstr (pa_phone_get_mac (PA_PHONE (phone)), ==, "80:5E:C0:12:34:56");

      if (strchr (spellings[i], '\\') == NULL)
        {
          pa_phone_set_mac (set, spellings[i]);
          g_assert_cmpstr (pa_phone_get_mac (set), ==, "80:5E:C0:12:34:56");
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *json = g_strdup_printf ("{'mac':'%s'}", bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(PaResource) phone = NULL;

      g_test_message ("%s", bad[i]);
      phone = parse (PA_TYPE_PHONE, json, PA_JSON_DEFAULT, &error);
      g_assert_null (phone);
      assert_field_error (error, PA_MODEL_ERROR_INVALID, "mac");
    }
}

/* ------------------------------------------------------------------ */
/* apply_json: all or nothing, PUT and PATCH                           */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  GPtrArray *names = user_data;
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The notified property names, sorted and joined by commas. */
static char *
joined_names (GPtrArray *names)
{
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static void
test_apply_all_or_nothing (void)
{
  const char * const bad_patches[] = {
    /* The good members come first, so a half-done apply would show. */
    "{'name':'Changed','description':'x','lines':[1],'enabled':'no'}",
    "{'name':'Changed','modules':[],'mac':'nonsense'}",
    "{'name':'Changed','timezone':'UTC','unknown_member':1}",
    "{'name':'Changed','modules':[{'module':'acme-m20'},{'module':5}]}",
  };
  g_autoptr(PaResource) phone = parse_ok (PA_TYPE_PHONE, full_phone, PA_JSON_TRUSTED);
  g_autofree char *before = pa_resource_to_data (phone, NULL);
  g_autoptr(GPtrArray) notified = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (phone, "notify", G_CALLBACK (count_notify_cb), notified);

  for (guint i = 0; i < G_N_ELEMENTS (bad_patches); i++)
    {
      for (guint replace = 0; replace < 2; replace++)
        {
          g_autoptr(JsonNode) node = node_from (bad_patches[i]);
          g_autoptr(GError) error = NULL;
          g_autofree char *after = NULL;

          g_assert_false (pa_resource_apply_json (phone, node, replace, &error));
          g_assert_error (error, PA_MODEL_ERROR, error->code);
          after = pa_resource_to_data (phone, NULL);
          g_assert_cmpstr (after, ==, before);
          g_assert_cmpuint (notified->len, ==, 0);
        }
    }
}

static void
test_apply_patch (void)
{
  g_autoptr(PaResource) phone = parse_ok (PA_TYPE_PHONE, full_phone, PA_JSON_TRUSTED);
  g_autoptr(GPtrArray) notified = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) patch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  g_signal_connect (phone, "notify", G_CALLBACK (count_notify_cb), notified);

  /* Same name, new description, same MAC in another spelling, a new
   * status the client may not set: only description changes. */
  patch = node_from ("{'name':'Front desk','description':'Upstairs','mac':'0011.22ab.cdef',"
                     "'status':'offline','id':99,'lines':[11,12]}");
  g_assert_true (pa_resource_apply_json (phone, patch, FALSE, &error));
  g_assert_no_error (error);

  names = joined_names (notified);
  g_assert_cmpstr (names, ==, "description");
  g_assert_cmpstr (pa_phone_get_description (PA_PHONE (phone)), ==, "Upstairs");
  g_assert_cmpstr (pa_phone_get_timezone (PA_PHONE (phone)), ==, "Europe/Berlin");
  g_assert_cmpint (pa_phone_get_status (PA_PHONE (phone)), ==, PA_PHONE_STATUS_ONLINE);
  g_assert_cmpint (pa_resource_get_id (phone), ==, 42);
  g_assert_false (pa_phone_get_enabled (PA_PHONE (phone)));
  g_assert_cmpuint (pa_phone_get_lines (PA_PHONE (phone))->len, ==, 2);

  /* An empty optional text means none. */
  g_clear_pointer (&patch, json_node_unref);
  patch = node_from ("{'description':'   '}");
  g_assert_true (pa_resource_apply_json (phone, patch, FALSE, &error));
  g_assert_null (pa_phone_get_description (PA_PHONE (phone)));
}

static void
test_apply_put (void)
{
  g_autoptr(PaResource) phone = parse_ok (PA_TYPE_PHONE, full_phone, PA_JSON_TRUSTED);
  g_autoptr(PaResource) profile = parse_ok (PA_TYPE_PROFILE, full_profile, PA_JSON_TRUSTED);
  g_autoptr(GPtrArray) notified = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) put = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  PaPhone *p = PA_PHONE (phone);

  g_signal_connect (phone, "notify", G_CALLBACK (count_notify_cb), notified);

  put = node_from ("{'name':'Front desk','mac':'00:11:22:AB:CD:EF','vendor':'acme',"
                   "'model':'acme-p10','lines':[11,12],'status':'offline'}");
  g_assert_true (pa_resource_apply_json (phone, put, TRUE, &error));
  g_assert_no_error (error);

  /* Every absent client member is back to its default … */
  g_assert_null (pa_phone_get_description (p));
  g_assert_cmpint (pa_phone_get_agent_id (p), ==, 0);
  g_assert_cmpint (pa_phone_get_layout_id (p), ==, 0);
  g_assert_cmpint (pa_phone_get_profile_id (p), ==, 0);
  g_assert_cmpuint (pa_phone_get_modules (p)->len, ==, 0);
  g_assert_null (pa_phone_get_sip_server (p));
  g_assert_null (pa_phone_get_timezone (p));
  g_assert_cmpuint (pa_phone_get_local_sip_port (p), ==, 5060);
  g_assert_cmpint (pa_phone_get_admin_password_mode (p), ==, PA_ADMIN_PASSWORD_NONE);
  g_assert_null (pa_phone_get_admin_password (p));
  g_assert_true (pa_phone_get_enabled (p));
  /* … the given ones kept, and the server's own untouched. */
  g_assert_cmpuint (pa_phone_get_lines (p)->len, ==, 2);
  g_assert_cmpint (pa_resource_get_id (phone), ==, 42);
  g_assert_cmpint (pa_resource_get_revision (phone), ==, 9);
  g_assert_cmpint (pa_phone_get_status (p), ==, PA_PHONE_STATUS_ONLINE);
  g_assert_cmpstr (pa_phone_get_token (p), ==, "tok-abc");
  g_assert_cmpstr (pa_phone_get_ip (p), ==, "192.0.2.10");

  names = joined_names (notified);
  g_assert_cmpstr (names, ==,
                   "admin-password,admin-password-mode,agent-id,description,enabled,firmware-id,"
                   "layout-id,local-sip-port,modules,profile-id,sip-server,timezone");

  /* PUT on a profile empties its custom parameters. */
  g_clear_pointer (&put, json_node_unref);
  put = node_from ("{'name':'Office'}");
  g_assert_true (pa_resource_apply_json (profile, put, TRUE, &error));
  g_assert_cmpuint (g_hash_table_size (pa_profile_get_custom_params (PA_PROFILE (profile))), ==, 0);
  g_assert_cmpuint (pa_profile_get_update_interval (PA_PROFILE (profile)), ==, 1440);
  g_assert_cmpint (pa_profile_get_admin_password_policy (PA_PROFILE (profile)), ==,
                   PA_ADMIN_PASSWORD_NONE);
}

/* ------------------------------------------------------------------ */
/* Notifications                                                        */

static guint
notify_count (gpointer    object,
              const char *property,
              void      (*poke) (gpointer object, gpointer data),
              gpointer    data)
{
  g_autoptr(GPtrArray) notified = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);
  gulong id;

  id = g_signal_connect (object, signal, G_CALLBACK (count_notify_cb), notified);
  poke (object, data);
  g_signal_handler_disconnect (object, id);
  return notified->len;
}

static void poke_agent_name (gpointer o, gpointer d)
{ pa_agent_set_name (o, d); }
static void poke_agent_routing (gpointer o, gpointer d)
{ pa_agent_set_routing (o, GPOINTER_TO_INT (d)); }
static void poke_agent_email (gpointer o, gpointer d)
{ pa_agent_set_email (o, d); }
static void poke_account_port (gpointer o, gpointer d)
{ pa_sip_account_set_port (o, GPOINTER_TO_UINT (d)); }
static void poke_account_transport (gpointer o, gpointer d)
{ pa_sip_account_set_transport (o, GPOINTER_TO_INT (d)); }
static void poke_account_server (gpointer o, gpointer d)
{ pa_sip_account_set_server (o, d); }
static void poke_phone_mac (gpointer o, gpointer d)
{ pa_phone_set_mac (o, d); }
static void poke_phone_status (gpointer o, gpointer d)
{ pa_phone_set_status (o, GPOINTER_TO_INT (d)); }
static void poke_phone_enabled (gpointer o, gpointer d)
{ pa_phone_set_enabled (o, GPOINTER_TO_INT (d)); }
static void poke_phone_lines (gpointer o, gpointer d)
{ pa_phone_set_lines (o, d, 2); }
static void poke_phone_modules (gpointer o, gpointer d)
{ pa_phone_set_modules (o, d); }
static void poke_layout_keys (gpointer o, gpointer d)
{ pa_layout_set_keys (o, d); }
static void poke_module_layout_keys (gpointer o, gpointer d)
{ pa_module_layout_set_keys (o, d); }
static void poke_profile_param (gpointer o, gpointer d)
{ pa_profile_set_custom_param (o, "acme", "a.b", d); }
static void poke_profile_interval (gpointer o, gpointer d)
{ pa_profile_set_update_interval (o, GPOINTER_TO_UINT (d)); }
static void poke_id (gpointer o, gpointer d)
{ pa_resource_set_id (o, GPOINTER_TO_INT (d)); }
static void poke_key_value (gpointer o, gpointer d)
{ pa_key_set_value (o, d); }
static void poke_key_index (gpointer o, gpointer d)
{ pa_key_set_index (o, GPOINTER_TO_UINT (d)); }

static void poke_key_agent (gpointer o, gpointer d)
{ pa_key_set_agent_id (o, GPOINTER_TO_INT (d)); }

/* Layouts saved before keys named their agent have no `agent_id`: they load
 * with none, and a key's agent takes part in copy and equality. */
static void
test_key_agent_id (void)
{
  static const char old_layout[] =
    "{'id':3,'revision':2,'name':'Old','model':'acme-p10',"
    "'keys':[{'index':2,'type':'blf','value':'202','label':'Bob','line':1}]}";
  g_autoptr(PaResource) layout = parse_ok (PA_TYPE_LAYOUT, old_layout, PA_JSON_TRUSTED);
  GListModel *keys = pa_layout_get_keys (PA_LAYOUT (layout));
  PaKey *key = pa_key_list_find (keys, 2);
  g_autoptr(PaKey) copy = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(PaKey) again = NULL;

  g_assert_nonnull (key);
  g_assert_cmpint (pa_key_get_agent_id (key), ==, 0);

  copy = pa_key_copy (key);
  g_assert_true (pa_key_equal (key, copy));
  g_assert_cmpuint (notify_count (copy, "agent-id", poke_key_agent, GINT_TO_POINTER (9)), ==, 1);
  g_assert_cmpuint (notify_count (copy, "agent-id", poke_key_agent, GINT_TO_POINTER (9)), ==, 0);
  g_assert_false (pa_key_equal (key, copy));

  /* The agent survives a copy and a JSON round trip. */
  again = pa_key_copy (copy);
  g_assert_cmpint (pa_key_get_agent_id (again), ==, 9);
  g_clear_object (&again);
  pa_key_write_json (copy, builder);
  node = json_builder_get_root (builder);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "agent_id"), ==, 9);
  again = pa_key_new_from_json (node, NULL);
  g_assert_nonnull (again);
  g_assert_true (pa_key_equal (again, copy));

  /* Back to none: written as null, read back as none. */
  pa_key_set_agent_id (again, 0);
  g_clear_pointer (&node, json_node_unref);
  g_clear_object (&builder);
  builder = json_builder_new ();
  pa_key_write_json (again, builder);
  node = json_builder_get_root (builder);
  g_assert_true (json_object_has_member (json_node_get_object (node), "agent_id"));
  g_assert_true (json_object_get_null_member (json_node_get_object (node), "agent_id"));
  g_assert_true (pa_key_equal (again, key));
}

static void
test_notify_only_on_change (void)
{
  g_autoptr(PaAgent) agent = pa_agent_new ();
  g_autoptr(PaSipAccount) account = pa_sip_account_new ();
  g_autoptr(PaResource) phone = parse_ok (PA_TYPE_PHONE, full_phone, PA_JSON_TRUSTED);
  g_autoptr(PaResource) layout = parse_ok (PA_TYPE_LAYOUT, full_layout, PA_JSON_TRUSTED);
  g_autoptr(PaResource) module_layout = parse_ok (PA_TYPE_MODULE_LAYOUT, full_module_layout,
                                                  PA_JSON_TRUSTED);
  g_autoptr(PaResource) profile = parse_ok (PA_TYPE_PROFILE, full_profile, PA_JSON_TRUSTED);
  g_autoptr(GListStore) same_keys = NULL;
  g_autoptr(GListStore) other_keys = NULL;
  g_autoptr(GPtrArray) same_modules = NULL;
  g_autoptr(GPtrArray) other_modules = NULL;
  g_autoptr(PaKey) key = pa_key_new (1, PA_KEY_BLF, "202", NULL, 1);
  g_autoptr(PaKey) extra = pa_key_new (3, PA_KEY_EMPTY, NULL, NULL, 1);
  const gint64 same_lines[] = { 11, 12 };
  const gint64 other_lines[] = { 12, 11 };

  g_assert_cmpuint (notify_count (agent, "name", poke_agent_name, "Ada"), ==, 1);
  g_assert_cmpuint (notify_count (agent, "name", poke_agent_name, "Ada"), ==, 0);
  g_assert_cmpuint (notify_count (agent, "name", poke_agent_name, NULL), ==, 1);
  g_assert_cmpstr (pa_agent_get_name (agent), ==, "");
  g_assert_cmpuint (notify_count (agent, "name", poke_agent_name, ""), ==, 0);
  g_assert_cmpuint (notify_count (agent, "routing", poke_agent_routing,
                                  GINT_TO_POINTER (PA_AGENT_ROUTING_SOFTPHONE)), ==, 0);
  g_assert_cmpuint (notify_count (agent, "routing", poke_agent_routing,
                                  GINT_TO_POINTER (PA_AGENT_ROUTING_HARDWARE)), ==, 1);
  g_assert_cmpuint (notify_count (agent, "email", poke_agent_email, NULL), ==, 0);
  g_assert_cmpuint (notify_count (agent, "email", poke_agent_email, "a@example.com"), ==, 1);
  g_assert_cmpuint (notify_count (agent, "id", poke_id, GINT_TO_POINTER (0)), ==, 0);
  g_assert_cmpuint (notify_count (agent, "id", poke_id, GINT_TO_POINTER (5)), ==, 1);
  g_assert_cmpuint (notify_count (agent, "id", poke_id, GINT_TO_POINTER (5)), ==, 0);

  g_assert_cmpuint (notify_count (account, "port", poke_account_port, GUINT_TO_POINTER (5060)),
                    ==, 0);
  g_assert_cmpuint (notify_count (account, "port", poke_account_port, GUINT_TO_POINTER (5061)),
                    ==, 1);
  g_assert_cmpuint (notify_count (account, "transport", poke_account_transport,
                                  GINT_TO_POINTER (PA_SIP_TRANSPORT_TCP)), ==, 1);
  g_assert_cmpuint (notify_count (account, "server", poke_account_server, "pbx"), ==, 1);
  g_assert_cmpuint (notify_count (account, "server", poke_account_server, "pbx"), ==, 0);

  /* The same MAC in another spelling is no change. */
  g_assert_cmpuint (notify_count (phone, "mac", poke_phone_mac, "00-11-22-ab-cd-ef"), ==, 0);
  g_assert_cmpuint (notify_count (phone, "mac", poke_phone_mac, "00-11-22-ab-cd-ee"), ==, 1);
  g_assert_cmpuint (notify_count (phone, "status", poke_phone_status,
                                  GINT_TO_POINTER (PA_PHONE_STATUS_ONLINE)), ==, 0);
  g_assert_cmpuint (notify_count (phone, "status", poke_phone_status,
                                  GINT_TO_POINTER (PA_PHONE_STATUS_OFFLINE)), ==, 1);
  g_assert_cmpuint (notify_count (phone, "enabled", poke_phone_enabled, GINT_TO_POINTER (0)),
                    ==, 0);
  g_assert_cmpuint (notify_count (phone, "enabled", poke_phone_enabled, GINT_TO_POINTER (2)),
                    ==, 1);
  g_assert_cmpuint (notify_count (phone, "enabled", poke_phone_enabled, GINT_TO_POINTER (1)),
                    ==, 0);
  g_assert_cmpuint (notify_count (phone, "lines", poke_phone_lines, (gpointer) same_lines), ==, 0);
  g_assert_cmpuint (notify_count (phone, "lines", poke_phone_lines, (gpointer) other_lines), ==, 1);
  g_assert_cmpint (g_array_index (pa_phone_get_lines (PA_PHONE (phone)), gint64, 0), ==, 12);

  same_modules = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_phone_module_free);
  g_ptr_array_add (same_modules, pa_phone_module_new ("acme-m20", 5));
  g_ptr_array_add (same_modules, pa_phone_module_new ("acme-m20", 0));
  other_modules = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_phone_module_free);
  g_ptr_array_add (other_modules, pa_phone_module_new ("acme-m20", 6));
  g_assert_cmpuint (notify_count (phone, "modules", poke_phone_modules, same_modules), ==, 0);
  g_assert_cmpuint (notify_count (phone, "modules", poke_phone_modules, other_modules), ==, 1);
  /* The phone holds a copy, not the caller's array. */
  g_assert_true (pa_phone_get_modules (PA_PHONE (phone)) != other_modules);
  g_assert_cmpuint (notify_count (phone, "modules", poke_phone_modules, NULL), ==, 1);
  g_assert_cmpuint (pa_phone_get_modules (PA_PHONE (phone))->len, ==, 0);

  same_keys = pa_key_list_copy (pa_layout_get_keys (PA_LAYOUT (layout)));
  g_assert_cmpuint (notify_count (layout, "keys", poke_layout_keys, same_keys), ==, 0);
  other_keys = pa_key_list_copy (G_LIST_MODEL (same_keys));
  g_list_store_append (other_keys, extra);
  g_assert_cmpuint (notify_count (layout, "keys", poke_layout_keys, other_keys), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pa_layout_get_keys (PA_LAYOUT (layout))), ==, 4);
  /* Deep copy: changing the caller's key does not reach the layout. */
  pa_key_set_value (extra, "changed");
  g_assert_null (pa_key_get_value (pa_key_list_find (pa_layout_get_keys (PA_LAYOUT (layout)), 3)));

  g_assert_cmpuint (notify_count (module_layout, "keys", poke_module_layout_keys, NULL), ==, 1);
  g_assert_cmpuint (notify_count (module_layout, "keys", poke_module_layout_keys, NULL), ==, 0);

  g_assert_cmpuint (notify_count (profile, "custom-params", poke_profile_param, "1"), ==, 0);
  g_assert_cmpuint (notify_count (profile, "custom-params", poke_profile_param, "2"), ==, 1);
  g_assert_cmpuint (notify_count (profile, "custom-params", poke_profile_param, NULL), ==, 1);
  g_assert_null (pa_profile_get_custom_param (PA_PROFILE (profile), "acme", "a.b"));
  g_assert_cmpuint (notify_count (profile, "update-interval", poke_profile_interval,
                                  GUINT_TO_POINTER (60)), ==, 0);
  g_assert_cmpuint (notify_count (profile, "update-interval", poke_profile_interval,
                                  GUINT_TO_POINTER (90)), ==, 1);

  g_assert_cmpuint (notify_count (key, "value", poke_key_value, "202"), ==, 0);
  g_assert_cmpuint (notify_count (key, "value", poke_key_value, NULL), ==, 1);
  g_assert_cmpuint (notify_count (key, "index", poke_key_index, GUINT_TO_POINTER (1)), ==, 0);
  g_assert_cmpuint (notify_count (key, "index", poke_key_index, GUINT_TO_POINTER (2)), ==, 1);
}

static void
test_copy_independent (void)
{
  g_autoptr(PaResource) phone = parse_ok (PA_TYPE_PHONE, full_phone, PA_JSON_TRUSTED);
  g_autoptr(PaResource) copy = pa_resource_copy (phone);
  const gint64 lines[] = { 99, 98 };

  pa_phone_set_lines (PA_PHONE (copy), lines, 2);
  pa_phone_set_modules (PA_PHONE (copy), NULL);
  g_assert_cmpint (g_array_index (pa_phone_get_lines (PA_PHONE (phone)), gint64, 0), ==, 11);
  g_assert_cmpuint (pa_phone_get_modules (PA_PHONE (phone))->len, ==, 2);
  g_assert_false (pa_resource_equal (phone, copy));

  g_assert_finalize_object (g_steal_pointer (&copy));
}

static void
test_members_listed (void)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (PA_TYPE_PHONE);
  const PaMember **members;
  const PaMember *member;
  guint n;

  members = pa_resource_class_list_members (PA_RESOURCE_CLASS (klass), &n);
  g_assert_cmpuint (n, ==, 33);
  g_assert_cmpstr (members[0]->name, ==, "id");
  g_assert_cmpstr (members[1]->name, ==, "revision");
  g_assert_cmpstr (members[2]->name, ==, "name");
  g_assert_cmpstr (members[n - 4]->name, ==, "token");
  g_assert_cmpstr (members[n - 3]->name, ==, "config_fingerprint");
  g_assert_cmpstr (members[n - 2]->name, ==, "attention");
  g_assert_cmpstr (members[n - 1]->name, ==, "sip_action");
  g_assert_true (members[n - 1]->flags & PA_MEMBER_SERVER_OWNED);

  member = pa_resource_class_find_member (PA_RESOURCE_CLASS (klass), "sip_server");
  g_assert_nonnull (member);
  g_assert_cmpstr (member->pspec->name, ==, "sip-server");
  g_assert_false (member->flags & PA_MEMBER_SERVER_OWNED);
  member = pa_resource_class_find_member (PA_RESOURCE_CLASS (klass), "last_seen");
  g_assert_true (member->flags & PA_MEMBER_SERVER_OWNED);
  g_assert_null (pa_resource_class_find_member (PA_RESOURCE_CLASS (klass), "sip-server"));

  /* Looked up from where the last one was found, and around. */
  {
    guint hint = 0;
    g_autoptr(GTypeClass) sip_class = g_type_class_ref (PA_TYPE_SIP_ACCOUNT);
    const PaMember **sip_members;
    guint n_sip;

    g_assert_true (pa_resource_class_find_member_after (PA_RESOURCE_CLASS (klass), "revision",
                                                        &hint) == members[1]);
    g_assert_cmpuint (hint, ==, 2);
    g_assert_true (pa_resource_class_find_member_after (PA_RESOURCE_CLASS (klass), "name",
                                                        &hint) == members[2]);
    g_assert_cmpuint (hint, ==, 3);
    g_assert_true (pa_resource_class_find_member_after (PA_RESOURCE_CLASS (klass), "id",
                                                        &hint) == members[0]);
    g_assert_cmpuint (hint, ==, 1);
    g_assert_null (pa_resource_class_find_member_after (PA_RESOURCE_CLASS (klass), "hologram",
                                                        &hint));
    g_assert_cmpuint (hint, ==, 1);

    /* Siblings share the base's members, each list its own. */
    sip_members = pa_resource_class_list_members (PA_RESOURCE_CLASS (sip_class), &n_sip);
    g_assert_true (sip_members[0] == members[0]);
    g_assert_true (sip_members[1] == members[1]);
    g_assert_false (sip_members == members);
    g_assert_null (pa_resource_class_find_member (PA_RESOURCE_CLASS (sip_class), "mac"));
  }
}

static void
test_default_catalog (void)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  g_autoptr(PaResource) phone = NULL;
  g_autoptr(GError) error = NULL;

  if (pa_catalog_get_model (catalog, "yealink-t54w") == NULL)
    {
      g_test_skip ("the built-in catalog has no yealink-t54w");
      return;
    }

  phone = parse_ok (PA_TYPE_PHONE,
                    "{'name':'Desk','mac':'80:5E:C0:12:34:56','vendor':'yealink',"
                    "'model':'yealink-t54w','lines':[1]}",
                    PA_JSON_DEFAULT);
  g_assert_true (pa_resource_validate (phone, &error));
  g_assert_no_error (error);

  pa_phone_set_vendor (PA_PHONE (phone), "snom");
  g_assert_false (pa_resource_validate (phone, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (error->code, ==, PA_MODEL_ERROR_RULE);
}

/* The name's sort key follows the name: numbers in names in their order,
 * none for no name, a new key on a rename (a JSON merge sets it too). */
static void
test_name_sort_key (void)
{
  g_autoptr(PaPhone) desk9 = pa_phone_new ();
  g_autoptr(PaPhone) desk10 = pa_phone_new ();

  g_assert_null (pa_phone_get_name_sort_key (desk9));
  pa_phone_set_name (desk9, "Desk 9");
  pa_phone_set_name (desk10, "Desk 10");
  g_assert_nonnull (pa_phone_get_name_sort_key (desk9));
  g_assert_cmpint (strcmp (pa_phone_get_name_sort_key (desk9),
                           pa_phone_get_name_sort_key (desk10)), <, 0);

  g_object_set (desk10, "name", "Desk 1", NULL);
  g_assert_cmpint (strcmp (pa_phone_get_name_sort_key (desk9),
                           pa_phone_get_name_sort_key (desk10)), >, 0);
  pa_phone_set_name (desk10, NULL);
  g_assert_cmpstr (pa_phone_get_name (desk10), ==, "");
  g_assert_null (pa_phone_get_name_sort_key (desk10));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *catalog_text = NULL;
  int ret;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  catalog_text = json_text (test_catalog_json);
  test_catalog = pa_catalog_new_from_data (catalog_text, -1, &error);
  g_assert_no_error (error);

  g_test_add_func ("/models/roundtrip", test_roundtrip);
  g_test_add_func ("/models/name-sort-key", test_name_sort_key);
  g_test_add_func ("/models/defaults", test_defaults);
  g_test_add_func ("/models/server-owned-ignored", test_server_owned_ignored);
  g_test_add_func ("/models/typed-accessors", test_typed_accessors);
  g_test_add_func ("/models/key-type-nicks", test_key_type_nicks);
  g_test_add_func ("/models/key-agent-id", test_key_agent_id);
  g_test_add_func ("/models/input-errors", test_input_errors);
  g_test_add_func ("/models/null-node", test_null_node);
  g_test_add_func ("/models/validation", test_validation);
  g_test_add_func ("/models/validation-from-setters", test_validation_from_setters);
  g_test_add_func ("/models/mac-spellings", test_mac_spellings);
  g_test_add_func ("/models/apply/all-or-nothing", test_apply_all_or_nothing);
  g_test_add_func ("/models/apply/patch", test_apply_patch);
  g_test_add_func ("/models/apply/put", test_apply_put);
  g_test_add_func ("/models/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/models/copy-independent", test_copy_independent);
  g_test_add_func ("/models/members-listed", test_members_listed);
  g_test_add_func ("/models/default-catalog", test_default_catalog);

  ret = g_test_run ();
  g_clear_object (&test_catalog);
  return ret;
}
