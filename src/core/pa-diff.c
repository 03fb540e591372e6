/* pa-diff.c — a unified diff of two texts, line by line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Phone files differ in a few lines at a time (a key, a password, a time
 * zone): the common head and tail are set aside first, and the longest
 * common subsequence is found for what is left. A middle too large for
 * that (two unrelated files) is shown as all removed, all added.
 */
#include "config.h"

#include <string.h>

#include "pa-diff.h"

/* Longest middles, in lines, compared line against line (cells of 4 bytes). */
#define MAX_CELLS (4u * 1024 * 1024)

typedef enum
{
  OP_SAME,
  OP_REMOVED,
  OP_ADDED,
} Op;

typedef struct
{
  Op          op;
  const char *line;
} Edit;

static GPtrArray *
split_lines (const char *text)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  while (p != NULL && *p != '\0')
    {
      const char *nl = strchr (p, '\n');

      if (nl == NULL)
        {
          g_ptr_array_add (lines, g_strdup (p));
          break;
        }
      g_ptr_array_add (lines, g_strndup (p, nl - p));
      p = nl + 1;
    }
  return lines;
}

static gboolean
same_line (GPtrArray *a,
           guint      i,
           GPtrArray *b,
           guint      j)
{
  return g_str_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, j));
}

/* The edits turning a[start, a_end) into b[start, b_end). */
static void
diff_middle (GPtrArray *a,
             GPtrArray *b,
             guint      start,
             guint      a_end,
             guint      b_end,
             GArray    *edits)
{
  guint n = a_end - start, m = b_end - start;
  guint32 *table;
  guint i = 0, j = 0;

  if ((guint64) (n + 1) * (m + 1) > MAX_CELLS)
    {
      for (i = 0; i < n; i++)
        g_array_append_val (edits, ((Edit) { OP_REMOVED, g_ptr_array_index (a, start + i) }));
      for (j = 0; j < m; j++)
        g_array_append_val (edits, ((Edit) { OP_ADDED, g_ptr_array_index (b, start + j) }));
      return;
    }

  /* table[i][j]: the longest common subsequence of a[i..] and b[j..]. */
  table = g_new0 (guint32, (gsize) (n + 1) * (m + 1));
#define AT(x, y) table[(gsize) (x) * (m + 1) + (y)]
  for (guint x = n; x-- > 0;)
    for (guint y = m; y-- > 0;)
      AT (x, y) = same_line (a, start + x, b, start + y) ? AT (x + 1, y + 1) + 1
                                                         : MAX (AT (x + 1, y), AT (x, y + 1));
  while (i < n || j < m)
    {
      if (i < n && j < m && same_line (a, start + i, b, start + j))
        {
          g_array_append_val (edits, ((Edit) { OP_SAME, g_ptr_array_index (a, start + i) }));
          i++, j++;
        }
      /* Removed lines before the added ones that replace them. */
      else if (i < n && (j == m || AT (i + 1, j) >= AT (i, j + 1)))
        {
          g_array_append_val (edits, ((Edit) { OP_REMOVED, g_ptr_array_index (a, start + i) }));
          i++;
        }
      else
        {
          g_array_append_val (edits, ((Edit) { OP_ADDED, g_ptr_array_index (b, start + j) }));
          j++;
        }
    }
#undef AT
  g_free (table);
}

static void
append_hunk (GString *out,
             GArray  *edits,
             guint    first,
             guint    last,
             guint    a_line,
             guint    b_line)
{
  guint a_count = 0, b_count = 0;

  for (guint k = first; k < last; k++)
    {
      Op op = g_array_index (edits, Edit, k).op;

      a_count += op != OP_ADDED;
      b_count += op != OP_REMOVED;
    }
  g_string_append_printf (out, "@@ -%u,%u +%u,%u @@\n",
                          a_count > 0 ? a_line : a_line - 1, a_count,
                          b_count > 0 ? b_line : b_line - 1, b_count);
  for (guint k = first; k < last; k++)
    {
      const Edit *edit = &g_array_index (edits, Edit, k);

      g_string_append_c (out, edit->op == OP_SAME ? ' ' : edit->op == OP_REMOVED ? '-' : '+');
      g_string_append (out, edit->line);
      g_string_append_c (out, '\n');
    }
}

char *
pa_diff_unified (const char *before,
                 const char *after,
                 const char *label,
                 guint       context)
{
  g_autoptr(GPtrArray) a = split_lines (before);
  g_autoptr(GPtrArray) b = split_lines (after);
  g_autoptr(GArray) edits = g_array_new (FALSE, FALSE, sizeof (Edit));
  g_autoptr(GString) out = NULL;
  guint prefix = 0, suffix = 0, k = 0;
  guint a_line = 1, b_line = 1;

  if (g_strcmp0 (before, after) == 0)
    return NULL;

  while (prefix < a->len && prefix < b->len && same_line (a, prefix, b, prefix))
    prefix++;
  while (suffix < a->len - prefix && suffix < b->len - prefix &&
         same_line (a, a->len - 1 - suffix, b, b->len - 1 - suffix))
    suffix++;

  for (guint i = 0; i < prefix; i++)
    g_array_append_val (edits, ((Edit) { OP_SAME, g_ptr_array_index (a, i) }));
  diff_middle (a, b, prefix, a->len - suffix, b->len - suffix, edits);
  for (guint i = a->len - suffix; i < a->len; i++)
    g_array_append_val (edits, ((Edit) { OP_SAME, g_ptr_array_index (a, i) }));

  out = g_string_new (NULL);
  g_string_append_printf (out, "--- %s (now)\n+++ %s (after)\n", label, label);
  /* Hunks: each change with @context same lines around it, changes
   * closer than twice that joined. */
  while (k < edits->len)
    {
      guint change = k, first, last, gap;

      while (change < edits->len && g_array_index (edits, Edit, change).op == OP_SAME)
        change++;
      if (change == edits->len)
        break;
      first = change > context ? change - context : 0;
      /* The lines before the hunk, counted. */
      for (; k < first; k++)
        {
          a_line++;
          b_line++;
        }
      last = change;
      for (;;)
        {
          while (last < edits->len && g_array_index (edits, Edit, last).op != OP_SAME)
            last++;
          gap = 0;
          while (last + gap < edits->len && g_array_index (edits, Edit, last + gap).op == OP_SAME)
            gap++;
          if (last + gap == edits->len || gap > 2 * context)
            break;
          last += gap;
        }
      last = MIN (last + context, edits->len);
      append_hunk (out, edits, first, last, a_line, b_line);
      for (; k < last; k++)
        {
          Op op = g_array_index (edits, Edit, k).op;

          a_line += op != OP_ADDED;
          b_line += op != OP_REMOVED;
        }
    }
  /* Only a last newline differs: the lines are the same. */
  if (strstr (out->str, "@@") == NULL)
    g_string_append (out, "@@ the last line's ending differs @@\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}
