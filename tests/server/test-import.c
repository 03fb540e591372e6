/* test-import.c — POST /api/v1/phones/import against the real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A dry run says what every row would become; a confirmed import writes
 * every row in one transaction or, when one row is bad, nothing. Each
 * malformed file below gives a clear error on the row's line, and the
 * store is checked to hold no phone afterwards.
 */
#include "config.h"

#include <string.h>

#include "pa-test-server.h"

typedef struct
{
  PaTestServer *server;
  gint64        alice, bob, layout, profile;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->server = pa_test_server_new ();
  fixture->alice = pa_test_create (fixture->server, "agents",
                                   "{\"name\": \"Alice\", \"extension\": \"1001\", \"email\": \"alice@example.com\"}");
  fixture->bob = pa_test_create (fixture->server, "agents",
                                 "{\"name\": \"Bob\", \"extension\": \"1002\"}");
  fixture->layout = pa_test_create (fixture->server, "layouts",
                                    "{\"name\": \"Front desk\", \"model\": \"yealink-t54w\"}");
  fixture->profile = pa_test_create (fixture->server, "profiles", "{\"name\": \"Office\"}");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  pa_test_server_free (fixture->server);
}

static PaTestResponse *
import (Fixture    *fixture,
        const char *query,
        const char *content_type,
        const char *csv,
        gssize      length)
{
  g_autofree char *path = g_strconcat ("/api/v1/phones/import", query, NULL);

  return pa_test_request (fixture->server, "POST", path, content_type, csv,
                          length >= 0 ? length : (gssize) strlen (csv), TRUE, NULL);
}

static JsonObject *
row_of (PaTestResponse *response,
        guint           i)
{
  JsonArray *rows = json_object_get_array_member (pa_test_response_object (response), "rows");

  return json_array_get_object_element (rows, i);
}

/* The error on row @i, asserting there is one naming @line and @field. */
static const char *
row_error (PaTestResponse *response,
           guint           i,
           guint           line,
           const char     *field)
{
  JsonObject *row = row_of (response, i);
  JsonObject *error;
  g_autofree char *where = g_strdup_printf ("Line %u", line);

  g_assert_cmpint (json_object_get_int_member (row, "line"), ==, line);
  g_assert_true (json_object_has_member (row, "error"));
  error = json_object_get_object_member (row, "error");
  g_assert_cmpstr (json_object_get_string_member_with_default (error, "field", NULL), ==, field);
  g_test_message ("line %u: %s", line, json_object_get_string_member (error, "message"));
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), where));
  return json_object_get_string_member (error, "message");
}

static const char good_csv[] =
  "MAC,Model,Name,Agent,Layout,Profile\r\n"
  "80:5E:C0:00:00:01,Yealink T54W,Reception,1001,Front desk,Office\r\n"
  "80-5e-c0-00-00-02,yealink-t54w,\"Desk 2, upstairs\",alice@example.com,,\r\n"
  "0004f2000003,Polycom VVX 450,Boardroom,,,\r\n";

static void
test_dry_run_then_import (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(PaTestResponse) dry = import (fixture, "?dry_run=true", "text/csv", good_csv, -1);
  g_autoptr(PaTestResponse) done = NULL;
  g_autoptr(PaTestResponse) again = NULL;
  JsonObject *answer;
  JsonArray *created;

  g_assert_cmpuint (dry->status, ==, 200);
  answer = pa_test_response_object (dry);
  g_assert_true (json_object_get_boolean_member (answer, "dry_run"));
  g_assert_cmpint (json_object_get_int_member (answer, "errors"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (answer, "delimiter"), ==, ",");
  g_assert_cmpstr (json_object_get_string_member (row_of (dry, 0), "mac"), ==, "80:5E:C0:00:00:01");
  g_assert_cmpint (json_object_get_int_member (row_of (dry, 0), "agent_id"), ==, fixture->alice);
  g_assert_cmpint (json_object_get_int_member (row_of (dry, 0), "layout_id"), ==, fixture->layout);
  g_assert_cmpint (json_object_get_int_member (row_of (dry, 0), "profile_id"), ==, fixture->profile);
  g_assert_cmpint (json_object_get_int_member (row_of (dry, 1), "agent_id"), ==, fixture->alice);
  g_assert_cmpstr (json_object_get_string_member (row_of (dry, 1), "name"), ==, "Desk 2, upstairs");
  g_assert_cmpstr (json_object_get_string_member (row_of (dry, 2), "model"), ==, "polycom-vvx450");
  /* A dry run writes nothing. */
  g_assert_cmpint (pa_test_total_of (fixture->server, "phones"), ==, 0);

  done = import (fixture, "", "text/csv; charset=utf-8", good_csv, -1);
  g_assert_cmpuint (done->status, ==, 201);
  answer = pa_test_response_object (done);
  g_assert_false (json_object_get_boolean_member (answer, "dry_run"));
  created = json_object_get_array_member (answer, "created");
  g_assert_cmpuint (json_array_get_length (created), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *made = json_array_get_object_element (created, i);
      g_autoptr(PaTestResponse) phone = pa_test_get (fixture->server, "phones",
                                                     json_object_get_int_member (made, "phone_id"));

      /* Shown this once, as for a phone made one at a time. */
      g_assert_cmpuint (strlen (json_object_get_string_member (made, "sip_password")), >=, 12);
      g_assert_nonnull (json_object_get_string_member (made, "sip_username"));
      g_assert_cmpint (json_object_get_int_member (made, "line"), ==, i + 2);
      if (i == 0)
        {
          JsonObject *object = pa_test_response_object (phone);

          g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Reception");
          g_assert_cmpint (json_object_get_int_member (object, "agent_id"), ==, fixture->alice);
          g_assert_cmpint (json_object_get_int_member (object, "layout_id"), ==, fixture->layout);
          g_assert_cmpint (json_object_get_int_member (object, "profile_id"), ==, fixture->profile);
        }
    }
  g_assert_cmpint (pa_test_total_of (fixture->server, "phones"), ==, 3);

  /* The same file again: every MAC is there already. */
  again = import (fixture, "?dry_run=true", "text/csv", good_csv, -1);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (pa_test_response_object (again), "errors"), ==, 3);
  g_assert_nonnull (strstr (row_error (again, 0, 2, "mac"), "Reception"));
}

/* Each file has one bad row among good ones: the dry run names it by line,
 * and the import writes nothing at all. */
static void
test_bad_rows_write_nothing (Fixture       *fixture,
                             gconstpointer  data)
{
  static const struct
  {
    const char *what;
    const char *csv;
    guint       bad_row;
    guint       line;
    const char *field;   /* NULL: the row as a whole */
    const char *says;
  } cases[] = {
    { "wrong number of values",
      "MAC,Model,Name\n80:5E:C0:00:00:01,yealink-t54w,A\n80:5E:C0:00:00:02,yealink-t54w,B,extra\n",
      1, 3, NULL, NULL },
    { "a bad MAC",
      "MAC,Model\n80:5E:C0:00:00:01,yealink-t54w\n80:5E:C0:00:00:ZZ,yealink-t54w\n",
      1, 3, "mac", NULL },
    { "a MAC twice in the file",
      "MAC;Model\n80:5E:C0:00:00:01;yealink-t54w\n80-5E-C0-00-00-01;yealink-t46u\n",
      1, 3, "mac", "line 2" },
    { "Latin-1 bytes",
      "MAC,Model,Name\n80:5E:C0:00:00:01,yealink-t54w,A\n80:5E:C0:00:00:02,yealink-t54w,M\xfcller\n",
      1, 3, "name", "UTF-8" },
    { "an unknown model",
      "MAC,Model\n80:5E:C0:00:00:01,yealink-t54w\n80:5E:C0:00:00:02,Acme Phone 9000\n",
      1, 3, "model", NULL },
    { "an unknown agent",
      "MAC,Model,Agent\n80:5E:C0:00:00:01,yealink-t54w,1001\n80:5E:C0:00:00:02,yealink-t54w,4711\n",
      1, 3, "agent", "4711" },
    { "a layout for another model",
      "MAC,Model,Layout\n80:5E:C0:00:00:01,yealink-t54w,Front desk\n80:5E:C0:00:00:02,yealink-t46u,Front desk\n",
      1, 3, "layout", "yealink-t54w" },
    { "an unknown profile",
      "MAC,Model,Profile\n80:5E:C0:00:00:01,yealink-t54w,Office\n80:5E:C0:00:00:02,yealink-t54w,Home\n",
      1, 3, "profile", "Home" },
    { "a quoted newline, then a bad MAC: lines counted through it",
      "MAC,Model,Name\n80:5E:C0:00:00:01,yealink-t54w,\"Two\nlines\"\nnot-a-mac,yealink-t54w,B\n",
      1, 4, "mac", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PaTestResponse) dry = import (fixture, "?dry_run=true", "text/csv", cases[i].csv, -1);
      g_autoptr(PaTestResponse) done = NULL;
      const char *message;

      g_test_message ("%s", cases[i].what);
      g_assert_cmpuint (dry->status, ==, 200);
      g_assert_cmpint (json_object_get_int_member (pa_test_response_object (dry), "errors"), >=, 1);
      message = row_error (dry, cases[i].bad_row, cases[i].line, cases[i].field);
      if (cases[i].says != NULL)
        g_assert_nonnull (strstr (message, cases[i].says));

      done = import (fixture, "", "text/csv", cases[i].csv, -1);
      g_assert_cmpuint (done->status, ==, 422);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (pa_test_response_object (done), "error"), "code"),
                       ==, "invalid_rows");
      row_error (done, cases[i].bad_row, cases[i].line, cases[i].field);
      g_assert_cmpint (pa_test_total_of (fixture->server, "phones"), ==, 0);
      g_assert_cmpint (pa_test_total_of (fixture->server, "sip-accounts"), ==, 0);
    }
}

/* A file that cannot be read at all, or a request that is not a CSV
 * file: one error for the request, nothing written. */
static void
test_refused_files (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct
  {
    const char *what;
    const char *query;
    const char *content_type;
    const char *csv;
    guint       status;
  } cases[] = {
    { "empty", "", "text/csv", "", 400 },
    { "header only", "", "text/csv", "MAC,Model\n", 400 },
    { "an unknown column", "", "text/csv", "MAC,Model,Colour\n80:5E:C0:00:00:01,yealink-t54w,red\n", 400 },
    { "no model column", "", "text/csv", "MAC,Name\n80:5E:C0:00:00:01,A\n", 400 },
    { "a quote never closed", "", "text/csv", "MAC,Model,Name\n80:5E:C0:00:00:01,yealink-t54w,\"open\n", 400 },
    { "JSON, not CSV", "", "application/json", "{\"mac\": \"x\"}", 415 },
    { "Latin-1 declared", "", "text/csv; charset=iso-8859-1", "MAC,Model\n", 415 },
    { "dry_run neither true nor false", "?dry_run=maybe", "text/csv", "MAC,Model\n", 400 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PaTestResponse) response = import (fixture, cases[i].query, cases[i].content_type,
                                                   cases[i].csv, -1);

      g_test_message ("%s: %u %s", cases[i].what, response->status, response->text);
      g_assert_cmpuint (response->status, ==, cases[i].status);
      g_assert_true (json_object_has_member (pa_test_response_object (response), "error"));
    }

  /* Past the 10 MB a file may hold: refused before it is read. */
  {
    gsize size = 10 * 1024 * 1024 + 1;
    g_autofree char *big = g_malloc (size);
    g_autoptr(PaTestResponse) response = NULL;

    memset (big, 'a', size);
    memcpy (big, "MAC,Model\n", 10);
    response = import (fixture, "", "text/csv", big, size);
    g_assert_cmpuint (response->status, ==, 413);
  }
  g_assert_cmpint (pa_test_total_of (fixture->server, "phones"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/import/dry-run-then-import", Fixture, NULL, fixture_setup,
              test_dry_run_then_import, fixture_teardown);
  g_test_add ("/import/bad-rows-write-nothing", Fixture, NULL, fixture_setup,
              test_bad_rows_write_nothing, fixture_teardown);
  g_test_add ("/import/refused-files", Fixture, NULL, fixture_setup,
              test_refused_files, fixture_teardown);
  return g_test_run ();
}
