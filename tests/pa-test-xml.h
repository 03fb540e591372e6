/* pa-test-xml.h — reading a vendor writer's XML back in the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The golden tests (tests/core) and the boot simulations (tests/server)
 * check a rendered file through libxml2, so a value is read the way a
 * phone's parser reads it rather than as the bytes happen to look. Every
 * lookup here fails the test when what it names is there twice: a setting
 * written twice is one a name or label managed to inject.
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* Parses the NUL-terminated @text, @url naming it in messages. Fails the
 * test unless it is well-formed, declares UTF-8 or no encoding (the
 * writers' Content-Type says UTF-8) and, when @root is not NULL, has a root
 * element named @root. Never touches the network. */
xmlDoc *pa_test_xml_parse          (const char *text,
                                    const char *url,
                                    const char *root);

/* The string value of the XPath @expr: the text of the one node it selects
 * (NULL when none; fails the test when more than one), or for a number such
 * as count(…) the number as "%g". */
char   *pa_test_xml_xpath          (xmlDoc     *doc,
                                    const char *expr);

/* How many nodes @expr selects. */
guint   pa_test_xml_count          (xmlDoc     *doc,
                                    const char *expr);

/* Fails the test, naming @expr, unless pa_test_xml_xpath() gives @expected
 * (NULL: that @expr selects nothing). */
void    pa_test_xml_assert_xpath   (xmlDoc     *doc,
                                    const char *expr,
                                    const char *expected);

/* The text of the root's one child element named @name (flat files such as
 * Cisco's <flat-profile>); NULL when none, fails the test when more. */
char   *pa_test_xml_child_text     (xmlDoc     *doc,
                                    const char *name);

/* Fails the test, naming @name, unless pa_test_xml_child_text() gives
 * @expected (NULL: no such child). */
void    pa_test_xml_assert_child   (xmlDoc     *doc,
                                    const char *name,
                                    const char *expected);

/* How many element children @parent has. */
guint   pa_test_xml_count_elements (xmlNode    *parent);

/* How many attributes named @name are on the elements of @doc, or how many
 * attributes there are at all when @name is NULL (files such as Polycom's,
 * where every setting is an attribute). */
guint   pa_test_xml_count_attrs    (xmlDoc     *doc,
                                    const char *name);

/* The value of the one attribute named @name on any element of @doc; NULL
 * when none, fails the test when more than one. */
char   *pa_test_xml_attr           (xmlDoc     *doc,
                                    const char *name);

/* Fails the test unless the attribute @name is in @doc exactly once, with
 * the value @expected. */
void    pa_test_xml_assert_attr    (xmlDoc     *doc,
                                    const char *name,
                                    const char *expected);
