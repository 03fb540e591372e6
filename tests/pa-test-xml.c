/* pa-test-xml.c — reading a vendor writer's XML back in the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

#include "pa-test-xml.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlXPathContext, xmlXPathFreeContext)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlXPathObject, xmlXPathFreeObject)

xmlDoc *
pa_test_xml_parse (const char *text,
                   const char *url,
                   const char *root)
{
  xmlDoc *doc;

  g_assert_nonnull (text);
  /* No encoding forced on the parser: the file's own declaration decides,
   * as it does on the phone, and it has to agree with the Content-Type. */
  doc = xmlReadMemory (text, strlen (text), url, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      const xmlError *error = xmlGetLastError ();

      g_error ("%s is not well-formed XML: %s%s", url,
               error != NULL && error->message != NULL ? error->message : "?\n", text);
    }
  if (doc->encoding != NULL && g_ascii_strcasecmp ((const char *) doc->encoding, "UTF-8") != 0)
    g_error ("%s declares the encoding %s, not UTF-8", url, (const char *) doc->encoding);
  if (root != NULL)
    g_assert_cmpstr ((const char *) xmlDocGetRootElement (doc)->name, ==, root);
  return doc;
}

static xmlXPathObject *
evaluate (xmlDoc     *doc,
          const char *expr)
{
  g_autoptr(xmlXPathContext) context = xmlXPathNewContext (doc);
  xmlXPathObject *result;

  g_assert_nonnull (context);
  result = xmlXPathEvalExpression (BAD_CAST expr, context);
  if (result == NULL)
    g_error ("%s: not an XPath expression this document can answer", expr);
  return result;
}

char *
pa_test_xml_xpath (xmlDoc     *doc,
                   const char *expr)
{
  g_autoptr(xmlXPathObject) result = evaluate (doc, expr);

  switch (result->type)
    {
    case XPATH_NODESET:
      {
        int n = xmlXPathNodeSetGetLength (result->nodesetval);
        xmlChar *content;
        char *value;

        if (n == 0)
          return NULL;
        if (n > 1)
          g_error ("%s: %d nodes, expected at most one", expr, n);
        content = xmlNodeGetContent (result->nodesetval->nodeTab[0]);
        value = g_strdup ((const char *) content);
        xmlFree (content);
        return value;
      }
    case XPATH_NUMBER:
      return g_strdup_printf ("%g", result->floatval);
    default:
      /* A string or boolean result would compare as NULL and could pass
       * for "nothing there": refuse it instead. */
      g_error ("%s: an XPath result of type %d, not nodes or a number", expr, result->type);
    }
  return NULL;
}

guint
pa_test_xml_count (xmlDoc     *doc,
                   const char *expr)
{
  g_autoptr(xmlXPathObject) result = evaluate (doc, expr);

  g_assert_cmpint (result->type, ==, XPATH_NODESET);
  return (guint) xmlXPathNodeSetGetLength (result->nodesetval);
}

/* g_assert_cmpstr() would not say which setting was wrong. */
static void
assert_value (const char *what,
              const char *value,
              const char *expected)
{
  if (g_strcmp0 (value, expected) != 0)
    g_error ("%s: “%s”, expected “%s”", what, value, expected);
}

void
pa_test_xml_assert_xpath (xmlDoc     *doc,
                          const char *expr,
                          const char *expected)
{
  g_autofree char *value = pa_test_xml_xpath (doc, expr);

  assert_value (expr, value, expected);
}

char *
pa_test_xml_child_text (xmlDoc     *doc,
                        const char *name)
{
  char *found = NULL;

  for (xmlNode *node = xmlDocGetRootElement (doc)->children; node != NULL; node = node->next)
    {
      xmlChar *content;

      if (node->type != XML_ELEMENT_NODE || !g_str_equal ((const char *) node->name, name))
        continue;
      if (found != NULL)
        g_error ("<%s> is there more than once", name);
      content = xmlNodeGetContent (node);
      found = g_strdup ((const char *) content);
      xmlFree (content);
    }
  return found;
}

void
pa_test_xml_assert_child (xmlDoc     *doc,
                          const char *name,
                          const char *expected)
{
  g_autofree char *value = pa_test_xml_child_text (doc, name);

  assert_value (name, value, expected);
}

guint
pa_test_xml_count_elements (xmlNode *parent)
{
  guint n = 0;

  g_assert_nonnull (parent);
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      n++;
  return n;
}

/* Counts the attributes named @name (all when NULL) on @node, the siblings
 * after it and their descendants, keeping the last one's value in @value. */
static guint
walk_attrs (xmlNode     *node,
            const char  *name,
            char       **value)
{
  guint found = 0;

  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
        {
          xmlChar *text;

          if (name != NULL && !g_str_equal ((const char *) attr->name, name))
            continue;
          found++;
          if (value == NULL)
            continue;
          text = xmlNodeListGetString (node->doc, attr->children, 1);
          g_free (*value);
          *value = g_strdup (text != NULL ? (const char *) text : "");
          xmlFree (text);
        }
      found += walk_attrs (node->children, name, value);
    }
  return found;
}

guint
pa_test_xml_count_attrs (xmlDoc     *doc,
                         const char *name)
{
  return walk_attrs (xmlDocGetRootElement (doc), name, NULL);
}

char *
pa_test_xml_attr (xmlDoc     *doc,
                  const char *name)
{
  g_autofree char *value = NULL;
  guint n;

  g_assert_nonnull (name);
  n = walk_attrs (xmlDocGetRootElement (doc), name, &value);
  if (n > 1)
    g_error ("attribute %s is there %u times", name, n);
  return g_steal_pointer (&value);
}

void
pa_test_xml_assert_attr (xmlDoc     *doc,
                         const char *name,
                         const char *expected)
{
  g_autofree char *value = pa_test_xml_attr (doc, name);

  if (value == NULL)
    g_error ("no attribute %s", name);
  assert_value (name, value, expected);
}
