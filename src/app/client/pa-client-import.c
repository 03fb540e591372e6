/* pa-client-import.c — phones from a CSV file: the request, and its
 * answer read in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file may hold 100,000 rows, and the answer names each: it is parsed
 * into rows off the main thread, as a page of a listing is. A refused
 * import (422 "invalid_rows") is an error that still carries every row, so
 * the caller can show what to fix.
 */
#define G_LOG_DOMAIN "pa-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pa-client-call.h"
#include "pa-client-import.h"
#include "pa-client-private.h"
#include "pa-client-worker.h"

/* ---- a row ---------------------------------------------------------- */

struct _PaImportRow
{
  GObject  parent_instance;

  guint    line;
  char    *mac;
  char    *vendor;
  char    *model;
  char    *name;
  gint64   agent_id;
  gint64   layout_id;
  gint64   profile_id;
  char    *error;
  char    *error_code;
  char    *error_field;
};

G_DEFINE_FINAL_TYPE (PaImportRow, pa_import_row, G_TYPE_OBJECT)

static void
pa_import_row_finalize (GObject *object)
{
  PaImportRow *self = PA_IMPORT_ROW (object);

  g_free (self->mac);
  g_free (self->vendor);
  g_free (self->model);
  g_free (self->name);
  g_free (self->error);
  g_free (self->error_code);
  g_free (self->error_field);

  G_OBJECT_CLASS (pa_import_row_parent_class)->finalize (object);
}

static void
pa_import_row_class_init (PaImportRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pa_import_row_finalize;
}

static void
pa_import_row_init (PaImportRow *self)
{
}

#define ROW_GETTER(type, member, fallback)                        \
type                                                              \
pa_import_row_get_##member (PaImportRow *self)                    \
{                                                                 \
  g_return_val_if_fail (PA_IS_IMPORT_ROW (self), fallback);       \
  return self->member;                                            \
}

ROW_GETTER (guint, line, 0)
ROW_GETTER (const char *, mac, NULL)
ROW_GETTER (const char *, vendor, NULL)
ROW_GETTER (const char *, model, NULL)
ROW_GETTER (const char *, name, NULL)
ROW_GETTER (gint64, agent_id, 0)
ROW_GETTER (gint64, layout_id, 0)
ROW_GETTER (gint64, profile_id, 0)
ROW_GETTER (const char *, error, NULL)
ROW_GETTER (const char *, error_code, NULL)
ROW_GETTER (const char *, error_field, NULL)

#undef ROW_GETTER

/* ---- the answer ----------------------------------------------------- */

static void
created_free (PaImportCreated *created)
{
  g_free (created->sip_username);
  /* Shown once: do not leave it lying in freed memory. */
  if (created->sip_password != NULL)
    memset (created->sip_password, 0, strlen (created->sip_password));
  g_free (created->sip_password);
  g_free (created);
}

void
pa_import_result_free (PaImportResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->rows, g_ptr_array_unref);
  g_clear_pointer (&result->created, g_ptr_array_unref);
  g_free (result);
}

/* A member that, when present, is of the JSON type the API promises: a
 * string, or (@integer) a whole number. Absent and null are fine. */
static gboolean
member_ok (JsonObject *object,
           const char *name,
           gboolean    integer)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  return JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == (integer ? G_TYPE_INT64 : G_TYPE_STRING);
}

static char *
dup_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? g_strdup (json_node_get_string (node))
                                                       : NULL;
}

static gint64
get_int (JsonObject *object,
         const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : 0;
}

static gboolean
line_ok (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "line");

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_INT64
         && json_node_get_int (node) > 0 && json_node_get_int (node) <= G_MAXUINT;
}

static PaImportRow *
row_from_object (JsonObject *object)
{
  static const char * const strings[] = { "mac", "vendor", "model", "name" };
  static const char * const ids[] = { "agent_id", "layout_id", "profile_id" };
  JsonObject *error = NULL;
  PaImportRow *row;

  if (!line_ok (object))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (!member_ok (object, strings[i], FALSE))
      return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    if (!member_ok (object, ids[i], TRUE))
      return NULL;
  if (json_object_has_member (object, "error"))
    {
      JsonNode *node = json_object_get_member (object, "error");

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      error = json_node_get_object (node);
      if (!member_ok (error, "code", FALSE) || !member_ok (error, "field", FALSE)
          || !member_ok (error, "message", FALSE)
          || json_object_get_string_member_with_default (error, "message", NULL) == NULL)
        return NULL;
    }

  row = g_object_new (PA_TYPE_IMPORT_ROW, NULL);
  row->line = (guint) json_object_get_int_member (object, "line");
  row->mac = dup_string (object, "mac");
  row->vendor = dup_string (object, "vendor");
  row->model = dup_string (object, "model");
  row->name = dup_string (object, "name");
  row->agent_id = get_int (object, "agent_id");
  row->layout_id = get_int (object, "layout_id");
  row->profile_id = get_int (object, "profile_id");
  if (error != NULL)
    {
      row->error = dup_string (error, "message");
      row->error_code = dup_string (error, "code");
      row->error_field = dup_string (error, "field");
    }
  return row;
}

static PaImportCreated *
created_from_object (JsonObject *object)
{
  PaImportCreated *created;

  if (!line_ok (object) || !member_ok (object, "phone_id", TRUE)
      || get_int (object, "phone_id") <= 0 || !member_ok (object, "sip_account_id", TRUE)
      || !member_ok (object, "sip_username", FALSE) || !member_ok (object, "sip_password", FALSE))
    return NULL;

  created = g_new0 (PaImportCreated, 1);
  created->line = (guint) json_object_get_int_member (object, "line");
  created->phone_id = get_int (object, "phone_id");
  created->sip_account_id = get_int (object, "sip_account_id");
  created->sip_username = dup_string (object, "sip_username");
  created->sip_password = dup_string (object, "sip_password");
  return created;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static GError *
not_an_import (void)
{
  return pa_client_error_new_full (PA_CLIENT_ERROR_PROTOCOL, 0, NULL, NULL, NULL,
                                   _("The server’s answer to the import cannot be read. "
                                     "PhoneAdmin and the server may be of different versions."));
}

PaImportResult *
pa_import_result_parse (GBytes  *json,
                        GError **error)
{
  g_autoptr(JsonNode) root = pa_client_parse_object_bytes (json, error);
  g_autoptr(PaImportResult) result = NULL;
  JsonObject *object;
  JsonArray *rows;
  JsonArray *created;
  const char *delimiter;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  rows = array_member (object, "rows");
  created = array_member (object, "created");
  if (rows == NULL || (json_object_has_member (object, "created") && created == NULL)
      || !member_ok (object, "delimiter", FALSE))
    {
      g_propagate_error (error, not_an_import ());
      return NULL;
    }

  result = g_new0 (PaImportResult, 1);
  result->dry_run = json_object_get_boolean_member_with_default (object, "dry_run", FALSE);
  delimiter = json_object_get_string_member_with_default (object, "delimiter", ",");
  result->delimiter = delimiter != NULL && delimiter[0] != '\0' ? delimiter[0] : ',';
  result->rows = g_ptr_array_new_full (json_array_get_length (rows), g_object_unref);
  result->created = g_ptr_array_new_with_free_func ((GDestroyNotify) created_free);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      PaImportRow *row = JSON_NODE_HOLDS_OBJECT (node)
                         ? row_from_object (json_node_get_object (node)) : NULL;

      if (row == NULL)
        {
          g_propagate_error (error, not_an_import ());
          return NULL;
        }
      /* Counted from the rows, not taken from "errors": what is shown
       * and what is counted cannot disagree. */
      result->n_errors += row->error != NULL;
      g_ptr_array_add (result->rows, row);
    }

  for (guint i = 0; created != NULL && i < json_array_get_length (created); i++)
    {
      JsonNode *node = json_array_get_element (created, i);
      PaImportCreated *made = JSON_NODE_HOLDS_OBJECT (node)
                              ? created_from_object (json_node_get_object (node)) : NULL;

      if (made == NULL)
        {
          g_propagate_error (error, not_an_import ());
          return NULL;
        }
      g_ptr_array_add (result->created, made);
    }
  return g_steal_pointer (&result);
}

/* ---- the request ---------------------------------------------------- */

/* What the worker thread hands back: the answer, and for a refused import
 * also the error it stands for. */
typedef struct
{
  PaImportResult *result;
  GError         *error;
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  g_clear_pointer (&outcome->result, pa_import_result_free);
  g_clear_error (&outcome->error);
  g_free (outcome);
}

typedef struct
{
  GBytes *json;
  GError *error;   /* the refusal the answer is for, or NULL */
} ParseData;

static void
parse_data_free (ParseData *data)
{
  g_clear_pointer (&data->json, g_bytes_unref);
  g_clear_error (&data->error);
  g_free (data);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseData *data = task_data;
  GError *error = NULL;
  PaImportResult *result = pa_import_result_parse (data->json, &error);
  Outcome *outcome;

  if (result == NULL)
    {
      /* A refusal whose rows cannot be read is still that refusal. */
      if (data->error != NULL)
        {
          g_clear_error (&error);
          g_task_return_error (task, g_steal_pointer (&data->error));
        }
      else
        g_task_return_error (task, error);
      return;
    }
  outcome = g_new0 (Outcome, 1);
  outcome->result = result;
  outcome->error = g_steal_pointer (&data->error);
  g_task_return_pointer (task, outcome, (GDestroyNotify) outcome_free);
}

static void
import_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) error_body = NULL;
  g_autoptr(GBytes) body = NULL;
  ParseData *data;

  body = pa_client_call_upload_finish (PA_CLIENT (source), result, &error_body, &error);
  if (body == NULL
      && (error_body == NULL || g_strcmp0 (pa_client_error_get_code (error), "invalid_rows") != 0))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (ParseData, 1);
  data->json = body != NULL ? g_steal_pointer (&body) : g_steal_pointer (&error_body);
  data->error = g_steal_pointer (&error);
  g_task_set_task_data (task, data, (GDestroyNotify) parse_data_free);
  pa_client_worker_run (task, parse_thread);
}

void
pa_client_import_phones_async (PaClient            *self,
                               GBytes              *csv,
                               gboolean             dry_run,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (csv != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_import_phones_async);
  pa_client_call_upload_async (self, dry_run ? "api/v1/phones/import?dry_run=true"
                                             : "api/v1/phones/import",
                               "text/csv; charset=utf-8", csv, cancellable, import_cb, task);
}

PaImportResult *
pa_client_import_phones_finish (PaClient        *self,
                                GAsyncResult    *result,
                                PaImportResult **rejected,
                                GError         **error)
{
  Outcome *outcome;
  PaImportResult *answer;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (rejected != NULL)
    *rejected = NULL;
  outcome = g_task_propagate_pointer (G_TASK (result), error);
  if (outcome == NULL)
    return NULL;

  answer = g_steal_pointer (&outcome->result);
  if (outcome->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&outcome->error));
      if (rejected != NULL)
        *rejected = g_steal_pointer (&answer);
      g_clear_pointer (&answer, pa_import_result_free);
    }
  outcome_free (outcome);
  return answer;
}
