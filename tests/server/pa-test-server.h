/* pa-test-server.h — start the real phoneadmin-provd and talk HTTP to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No mocks: each PaTestServer is the binary named by $PA_PROVD listening on
 * 127.0.0.1 with port 0 and a data dir from g_dir_make_tmp().
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  char        *data_dir;
  char        *config_file;   /* nullable: passed as --config */
  guint        nofile;        /* RLIMIT_NOFILE for provd, 0: ours */
  guint        nofile_soft;   /* a lower soft limit, 0: the same */
  GPtrArray   *env;           /* NAME, VALUE, … (a VALUE may be NULL) */
  char        *stderr_path;   /* nullable: provd's stderr is appended here */
  gboolean     stdout_too;    /* ... and its stdout (g_debug()'s lines) */
  char        *listen;        /* nullable: --listen, else 127.0.0.1:0 */
  GSubprocess *process;
  gboolean     exited;
  gboolean     process_waiting;  /* our g_subprocess_wait_async() is pending */
  char        *url;           /* "http://127.0.0.1:41234" without the slash */
  char        *token;         /* from <data_dir>/admin-token */
  SoupSession *session;
} PaTestServer;

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;   /* response headers */
  GBytes             *body;
  JsonNode           *json;      /* parsed when the body is application/json */
  char               *text;      /* the body, NUL-terminated */
} PaTestResponse;

/* How to start provd; all-zero is what pa_test_server_new() does. The
 * settings stay with the server and apply again on a restart. */
typedef struct
{
  const char         *data_dir;     /* NULL: a new temporary one */
  const char         *config_file;  /* NULL: no --config */
  /* Soft and hard RLIMIT_NOFILE for provd; 0 leaves ours. */
  guint               nofile;
  /* With @nofile: a lower soft limit, as a desktop session gives. */
  guint               nofile_soft;
  /* NULL or NAME, VALUE, …, NULL; a NULL VALUE unsets NAME. Applied after
   * the harness's own settings, so it can override them (LD_PRELOAD of a
   * sanitizer runtime, G_MESSAGES_DEBUG, …). */
  const char * const *env;
  /* NULL: provd's stderr is ours. Otherwise appended to this file, so a
   * test can read what provd logged. */
  const char         *stderr_path;
  /* With @stderr_path: provd's stdout goes there too, where GLib writes
   * debug messages (the request log with G_MESSAGES_DEBUG). */
  gboolean            stdout_too;
} PaTestServerOptions;

/* The default SIP server of every test provd started without a config
 * file of its own. */
#define PA_TEST_SIP_SERVER "pbx.test.example"

/* Starts provd on a new temporary data dir and waits until it answers. */
PaTestServer   *pa_test_server_new          (void);
/* Starts provd on @data_dir (kept), with optional --config. */
PaTestServer   *pa_test_server_new_full     (const char   *data_dir,
                                             const char   *config_file);
/* Starts provd as @options say, and waits until it answers. */
PaTestServer   *pa_test_server_new_with_options (const PaTestServerOptions *options);
/* SIGTERM, then asserts a clean exit (status 0) within 10 s. */
void            pa_test_server_stop         (PaTestServer *self);
/* SIGTERM (unless provd already exited) and wait up to 10 s, without
 * judging how it ended: returns the wait status (WIFEXITED() and friends),
 * for a test that explains a bad exit itself. */
int             pa_test_server_terminate    (PaTestServer *self);
/* Whether provd has exited, e.g. crashed, by now; does not block. */
gboolean        pa_test_server_has_exited   (PaTestServer *self);
/* "exited with status 23", "killed by signal 5 (Trace/breakpoint trap)" */
char           *pa_test_describe_wait_status (int          status);
/* From /proc: how many fds provd has open, and its soft RLIMIT_NOFILE
 * (which a test that set one should check took effect). */
int             pa_test_server_count_fds    (PaTestServer *self);
guint           pa_test_server_get_nofile   (PaTestServer *self);
/* Stop, then start again on the same data dir. */
void            pa_test_server_restart      (PaTestServer *self);
/* The same on the port it had, so clients that hold its URL (an app)
 * reach the new process as they would a provd restarted by systemd. */
void            pa_test_server_restart_same_port (PaTestServer *self);
/* Waits until GET /api/v1 says recording_phones 0 (a start's or a settings
 * change's phones recorded again); returns the count it first saw, 0 if
 * none was running. */
guint           pa_test_server_wait_recorded (PaTestServer *self);
/* SIGKILL — to provd, a power cut — then start again on the same data
 * dir. */
void            pa_test_server_kill_and_restart (PaTestServer *self);
/* Stops it if running and removes the data dir. */
void            pa_test_server_free         (PaTestServer *self);

/* The fixture most server tests share: one fresh provd per test. */
typedef struct
{
  PaTestServer *server;
} PaTestFixture;

void            pa_test_fixture_setup       (PaTestFixture *fixture,
                                             gconstpointer  data);
void            pa_test_fixture_teardown    (PaTestFixture *fixture,
                                             gconstpointer  data);
/* The "total" a collection's list reports, e.g. "phones". */
gint64          pa_test_total_of            (PaTestServer  *self,
                                             const char    *collection);

/* @headers: NULL or name, value, …, NULL. @content_type NULL with a body
 * sends it without Content-Type. @auth adds the admin bearer token. */
PaTestResponse *pa_test_request             (PaTestServer       *self,
                                             const char         *method,
                                             const char         *path,
                                             const char         *content_type,
                                             const char         *body,
                                             gssize              length,
                                             gboolean            auth,
                                             const char * const *headers);

/* JSON API call with the token; @body NULL sends none; @if_match may be
 * NULL, a revision like "\"3\"" or "*". */
PaTestResponse *pa_test_api                 (PaTestServer *self,
                                             const char   *method,
                                             const char   *path,
                                             const char   *body,
                                             const char   *if_match);

void            pa_test_response_free       (PaTestResponse *response);
JsonObject     *pa_test_response_object     (PaTestResponse *response);

/* Asserts status, content type and the { "error": { code, message, field? } }
 * shape; @field NULL means the field may be anything. */
void            pa_test_assert_error        (PaTestResponse *response,
                                             guint           status,
                                             const char     *code,
                                             const char     *field);

/* POST and assert 201; returns the created object's id. */
gint64          pa_test_create              (PaTestServer *self,
                                             const char   *collection,
                                             const char   *body);
/* GET /api/v1/<collection>/<id>, asserting 200; returns the response. */
PaTestResponse *pa_test_get                 (PaTestServer *self,
                                             const char   *collection,
                                             gint64        id);
/* "\"N\"" for the current revision of a resource. */
char           *pa_test_etag_of             (PaTestServer *self,
                                             const char   *collection,
                                             gint64        id);
/* The phone's config_fingerprint as the API shows it (never NULL). */
char           *pa_test_fingerprint_of      (PaTestServer *self,
                                             gint64        phone_id);

/* POST /api/v1/jobs with @body, asserting 202 and its Location; returns
 * the job's id. */
gint64          pa_test_submit_job          (PaTestServer *self,
                                             const char   *body);
/* Reads job @id until it has ended (succeeded, failed, cancelled);
 * returns it (transfer full). */
JsonObject     *pa_test_wait_job            (PaTestServer *self,
                                             gint64        id);
/* Both: the job as it ended. */
JsonObject     *pa_test_run_job             (PaTestServer *self,
                                             const char   *body);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaTestServer, pa_test_server_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaTestResponse, pa_test_response_free)

G_END_DECLS
