/* pa-json-check-invariants.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "pa-json-check.h"
#include "pa-json-check-invariants.h"

static guint
depth_of (JsonNode *node)
{
  guint deepest = 0;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        deepest = MAX (deepest, depth_of (member));
      return deepest + 1;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        deepest = MAX (deepest, depth_of (json_array_get_element (array, i)));
      return deepest + 1;
    }
  return 0;
}

const char *
pa_json_check_invariants (const guint8 *data,
                          gsize         size)
{
  g_autofree char *copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  gboolean ok;

  /* provd refuses anything else before the check (an empty body too) */
  if (size == 0 || !g_utf8_validate ((const char *) data, size, NULL))
    return NULL;

  copy = g_memdup2 (data, size);
  ok = pa_json_check (copy, size, &error);
  if (ok != (error == NULL))
    return "the verdict and the error disagree";
  if (pa_json_check (copy, size, &again_error) != ok)
    return "two checks of the same bytes disagree";
  if (!ok)
    return NULL;

  /* Accepted: json-glib may still refuse its syntax, but what it reads is
   * no deeper than allowed, which is what keeps its recursion bounded. */
  parser = json_parser_new ();
  if (json_parser_load_from_data (parser, copy, size, NULL) &&
      json_parser_get_root (parser) != NULL &&
      depth_of (json_parser_get_root (parser)) > PA_JSON_MAX_DEPTH)
    return "an accepted body is nested deeper than PA_JSON_MAX_DEPTH";
  return NULL;
}
