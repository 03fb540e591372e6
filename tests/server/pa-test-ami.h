/* pa-test-ami.h — a stand-in for Asterisk's manager interface (AMI)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A stand-in for Asterisk's manager interface, NOT Asterisk: Asterisk is
 * not packaged in Debian 12, so this speaks the AMI wire protocol as
 * Asterisk does (the banner `Asterisk Call Manager/5.0`, `Key: value`
 * lines, a blank line ending each message) on a loopback port, in a thread
 * of its own with blocking I/O. It serves one connection per entry of
 * @notify_answers, answering that connection's PJSIPNotify with it, and
 * keeps every message it got. */
typedef struct
{
  GSocketListener    *listener;
  guint               port;
  GThread            *thread;
  const char * const *notify_answers;  /* "Success" or an error message */
  GMutex              lock;
  GPtrArray          *messages;        /* GHashTable: lower-case key → value */
} PaTestAmi;

PaTestAmi   *pa_test_ami_start (const char * const *notify_answers);
/* The @nth message with Action @action (a reference), or NULL. */
GHashTable  *pa_test_ami_find  (PaTestAmi          *ami,
                                const char         *action,
                                guint               nth);
/* Waits for its thread to serve its connections, then closes it. */
void         pa_test_ami_free  (PaTestAmi          *ami);

G_END_DECLS
