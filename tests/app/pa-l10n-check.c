/* pa-l10n-check.c — what a person reads in a translated window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pa-l10n-check.h"

struct _PaL10nCatalog
{
  GHashTable *english;    /* English text, underscores dropped → its translation */
  GPtrArray  *patterns;   /* GRegex: English messages with directives, or fragments */
  GPtrArray  *sources;    /* the English message of each pattern */
  GHashTable *words;      /* english_words */
  GHashTable *german;     /* every translation, underscores dropped */
  GPtrArray  *german_patterns;   /* GRegex: translations with directives */
  char       *sample_id;
  char       *sample_str;
};

/* English words no German text has: function words, and the app's own
 * words (its German says Telefon, Taste, Tastenbelegung, Mitarbeiter …).
 * Words that are also German ("was", "will", "die", "an", "in", "Last",
 * "Seen", "Brand", "Link", "Name", "Status", "Server", "Port") are left
 * out. */
static const char *const english_words[] = {
  "the", "and", "of", "to", "is", "are", "were", "not", "no", "with", "for", "this",
  "that", "these", "from", "your", "you", "has", "have", "been", "be", "by", "it", "its",
  "or", "on", "at", "yet", "can", "cannot", "could", "only", "there", "here", "now",
  "new", "none", "add", "save", "cancel", "close", "delete", "edit", "search", "phone",
  "phones", "agent", "agents", "layout", "layouts", "key", "keys", "line", "lines",
  "sidecar", "sidecars", "settings", "loading", "empty", "unknown", "never", "copy",
  "show", "scan", "default", "page", "type", "value", "apply", "undo", "redo",
  "preview", "create", "remove", "unassigned", "assigned", "just", "ago", "today",
  "yesterday", "minutes", "hours", "time", "times", "sent", "unchanged", "served",
  "asked", "description", "network", "security", "password", "username", "setup",
  "vendor", "extension", "discovered", "calls", "ring", "model",
};

/* Mnemonic underscores differ between languages and are not shown. */
static char *
without_underscores (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    if (*p != '_')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* The printf directive at @p (after its '%'), or 0 when there is none:
 * flags, width, precision, length and conversion, as GLib's callers write
 * them ("%s", "%u", "%'d", "%02X", "%.*s", "%ld", "%lu"). */
static gsize
directive_length (const char *p)
{
  const char *q = p;

  while (*q != '\0' && strchr ("-+ #0'", *q) != NULL)
    q++;
  while (g_ascii_isdigit (*q) || *q == '*')
    q++;
  if (*q == '.')
    for (q++; g_ascii_isdigit (*q) || *q == '*'; q++)
      ;
  while (*q == 'h' || *q == 'l' || *q == 'z' || *q == 'j' || *q == 't')
    q++;
  if (*q != '\0' && strchr ("diouxXcsfeEgGp", *q) != NULL)
    return q - p + 1;
  return 0;
}

/* What a directive can print: a number for a number, anything for a
 * string. */
static const char *
directive_pattern (char conversion)
{
  switch (conversion)
    {
    case 'd': case 'i': case 'u':
      return "[-+]?[0-9]+";
    case 'x': case 'X': case 'o': case 'p':
      return "[0-9A-Fa-fx]+";
    case 'e': case 'E': case 'f': case 'g': case 'G':
      return "[-+0-9.,eE]+";
    case 'c':
      return ".";
    default:
      return ".*?";
    }
}

/* A pattern for a message with directives, which match what they can
 * print. NULL when the message has no directives and is not a lowercase
 * fragment (@fragments), or too little text of its own to be told from
 * data. A fragment (" · from %s", "firmware") is joined into longer texts,
 * so it matches anywhere, as whole words; the rest match whole texts. */
static GRegex *
message_pattern (const char *message,
                 gboolean    fragments)
{
  g_autoptr(GString) re = g_string_new (NULL);
  g_autofree char *plain = without_underscores (message);
  gboolean fragment = fragments && (g_ascii_isspace (plain[0]) || g_ascii_islower (plain[0]));
  guint directives = 0;
  guint letters = 0;
  const char *p = plain;

  while (*p != '\0')
    {
      const char *start = p;
      gsize n;

      if (*p == '%' && p[1] == '%')
        {
          g_string_append (re, "%");
          p += 2;
          continue;
        }
      if (*p == '%' && (n = directive_length (p + 1)) > 0)
        {
          g_string_append (re, directive_pattern (p[n]));
          p += n + 1;
          directives++;
          continue;
        }
      while (*p != '\0' && *p != '%')
        {
          if (g_ascii_isalpha (*p))
            letters++;
          p++;
        }
      if (p == start)   /* a lone '%' */
        p++;
      {
        g_autofree char *literal = g_regex_escape_string (start, p - start);
        g_string_append (re, literal);
      }
    }

  if (letters < 3 || (directives == 0 && !fragment))
    return NULL;
  if (fragment)
    {
      g_string_prepend (re, "(?<!\\w)");
      g_string_append (re, "(?!\\w)");
    }
  else
    {
      g_string_prepend_c (re, '^');
      g_string_append_c (re, '$');
    }
  return g_regex_new (re->str, G_REGEX_OPTIMIZE | G_REGEX_DOTALL, 0, NULL);
}

/* A translation as the app shows it: it is the app's own text. */
static void
add_translation (PaL10nCatalog *self,
                 const char    *translation)
{
  GRegex *pattern;

  if (*translation == '\0')
    return;
  g_hash_table_add (self->german, without_underscores (translation));
  if ((pattern = message_pattern (translation, FALSE)) != NULL)
    g_ptr_array_add (self->german_patterns, pattern);
}

/* An English message of the sources and its translation, NULL for none:
 * shown as it is, it is left in English unless the two are the same. */
static void
add_english (PaL10nCatalog *self,
             const char    *english,
             const char    *translation)
{
  GRegex *pattern;

  if (*english == '\0' || g_strcmp0 (english, translation) == 0)
    return;
  g_hash_table_insert (self->english, without_underscores (english), g_strdup (translation));
  if ((pattern = message_pattern (english, TRUE)) != NULL)
    {
      g_ptr_array_add (self->patterns, pattern);
      g_ptr_array_add (self->sources, g_strdup (english));
    }
  if (self->sample_id == NULL && translation != NULL && strchr (english, '%') == NULL)
    {
      self->sample_id = g_strdup (english);
      self->sample_str = g_strdup (translation);
    }
}

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swapped)
{
  guint32 value;

  memcpy (&value, data + offset, sizeof value);
  return swapped ? GUINT32_SWAP_LE_BE (value) : value;
}

/* The string at table entry @i of the table at @table, with its final NUL
 * (a plural's forms are separated by NULs inside it). */
static GBytes *
mo_string (const guint8 *data,
           gsize         size,
           guint32       table,
           guint32       i,
           gboolean      swapped)
{
  gsize entry = (gsize) table + (gsize) i * 8;
  guint32 len, offset;

  if (entry + 8 > size)
    return NULL;
  len = read_u32 (data, entry, swapped);
  offset = read_u32 (data, entry + 4, swapped);
  if ((gsize) offset + len + 1 > size || data[offset + len] != '\0')
    return NULL;
  return g_bytes_new (data + offset, (gsize) len + 1);
}

/* The compiled catalog: "[context\004]msgid" → translations (GStrv, one per
 * plural form). */
static GHashTable *
read_mo (const char  *path,
         GError     **error)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, error);
  g_autoptr(GHashTable) table = NULL;
  const guint8 *data;
  gsize size;
  gboolean swapped;
  guint32 n, originals, translations;

  if (file == NULL)
    return NULL;
  data = (const guint8 *) g_mapped_file_get_contents (file);
  size = g_mapped_file_get_length (file);
  if (size < 20
      || (read_u32 (data, 0, FALSE) != 0x950412de && read_u32 (data, 0, TRUE) != 0x950412de))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s is not a message catalog", path);
      return NULL;
    }
  swapped = read_u32 (data, 0, FALSE) != 0x950412de;
  n = read_u32 (data, 8, swapped);
  originals = read_u32 (data, 12, swapped);
  translations = read_u32 (data, 16, swapped);

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  for (guint32 i = 0; i < n; i++)
    {
      g_autoptr(GBytes) id = mo_string (data, size, originals, i, swapped);
      g_autoptr(GBytes) str = mo_string (data, size, translations, i, swapped);
      g_autoptr(GPtrArray) forms = g_ptr_array_new ();
      const char *p, *end;
      gsize len;

      if (id == NULL || str == NULL)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s is cut short", path);
          return NULL;
        }
      /* "msgid\0msgid_plural" → "msgstr[0]\0msgstr[1]": keyed by msgid. */
      p = g_bytes_get_data (str, &len);
      for (end = p + len - 1; p <= end; p += strlen (p) + 1)
        g_ptr_array_add (forms, g_strdup (p));
      g_ptr_array_add (forms, NULL);
      g_hash_table_insert (table, g_strdup (g_bytes_get_data (id, NULL)),
                           g_ptr_array_free (g_steal_pointer (&forms), FALSE));
    }
  return g_steal_pointer (&table);
}

/* A quoted PO string's text, escapes undone. */
static void
append_po_string (GString    *out,
                  const char *quoted)
{
  const char *p = strchr (quoted, '"');

  for (p = p != NULL ? p + 1 : quoted; *p != '\0' && *p != '"'; p++)
    {
      if (*p != '\\' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }
      switch (*++p)
        {
        case 'n': g_string_append_c (out, '\n'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

typedef struct
{
  GString *context;
  GString *id;
  GString *plural;
  gboolean has_context;
  gboolean has_plural;
} PoEntry;

static void
add_po_entry (PaL10nCatalog *self,
              GHashTable    *mo,
              PoEntry       *entry)
{
  g_autofree char *key = entry->has_context
                         ? g_strdup_printf ("%s\004%s", entry->context->str, entry->id->str)
                         : g_strdup (entry->id->str);
  char **forms = g_hash_table_lookup (mo, key);

  add_english (self, entry->id->str, forms != NULL ? forms[0] : NULL);
  if (entry->has_plural)
    add_english (self, entry->plural->str,
                 forms == NULL ? NULL : forms[0] != NULL && forms[1] != NULL ? forms[1] : forms[0]);
  g_string_truncate (entry->context, 0);
  g_string_truncate (entry->id, 0);
  g_string_truncate (entry->plural, 0);
  entry->has_context = entry->has_plural = FALSE;
}

/* Every message of the template (msgctxt, msgid, msgid_plural; the
 * msgstrs of a template are empty). */
static gboolean
read_template (PaL10nCatalog *self,
               GHashTable    *mo,
               const char    *path,
               GError       **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  PoEntry entry = { g_string_new (NULL), g_string_new (NULL), g_string_new (NULL), FALSE, FALSE };
  GString *current = NULL;   /* what a continued "…" line adds to */
  gboolean have_id = FALSE;

  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if ((g_str_has_prefix (line, "msgctxt ") || g_str_has_prefix (line, "msgid ")) && have_id)
        {
          add_po_entry (self, mo, &entry);
          have_id = FALSE;
        }
      if (g_str_has_prefix (line, "msgctxt "))
        {
          current = entry.context;
          entry.has_context = TRUE;
        }
      else if (g_str_has_prefix (line, "msgid "))
        {
          current = entry.id;
          have_id = TRUE;
        }
      else if (g_str_has_prefix (line, "msgid_plural "))
        {
          current = entry.plural;
          entry.has_plural = TRUE;
        }
      else if (g_str_has_prefix (line, "msgstr"))
        current = NULL;
      else if (line[0] != '"')
        continue;
      if (current != NULL)
        append_po_string (current, line[0] == '"' ? line : strchr (line, ' '));
    }
  if (have_id)
    add_po_entry (self, mo, &entry);
  g_string_free (entry.context, TRUE);
  g_string_free (entry.id, TRUE);
  g_string_free (entry.plural, TRUE);
  return TRUE;
}

PaL10nCatalog *
pa_l10n_catalog_load (const char  *template_path,
                      const char  *mo_path,
                      GError     **error)
{
  g_autoptr(GHashTable) mo = read_mo (mo_path, error);
  g_autoptr(PaL10nCatalog) self = NULL;
  GHashTableIter iter;
  gpointer forms;

  if (mo == NULL)
    return NULL;

  self = g_new0 (PaL10nCatalog, 1);
  self->english = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);
  self->sources = g_ptr_array_new_with_free_func (g_free);
  self->words = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < G_N_ELEMENTS (english_words); i++)
    g_hash_table_add (self->words, (gpointer) english_words[i]);
  self->german = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->german_patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);

  g_hash_table_iter_init (&iter, mo);
  while (g_hash_table_iter_next (&iter, NULL, &forms))
    for (char **f = forms; *f != NULL; f++)
      add_translation (self, *f);
  if (!read_template (self, mo, template_path, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
pa_l10n_catalog_free (PaL10nCatalog *self)
{
  g_clear_pointer (&self->english, g_hash_table_unref);
  g_clear_pointer (&self->patterns, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->words, g_hash_table_unref);
  g_clear_pointer (&self->german, g_hash_table_unref);
  g_clear_pointer (&self->german_patterns, g_ptr_array_unref);
  g_free (self->sample_id);
  g_free (self->sample_str);
  g_free (self);
}

guint
pa_l10n_catalog_get_size (PaL10nCatalog *self)
{
  return g_hash_table_size (self->english);
}

const char *
pa_l10n_catalog_get_sample (PaL10nCatalog  *self,
                            const char    **translation)
{
  *translation = self->sample_str;
  return self->sample_id;
}

/* ---- the walk ------------------------------------------------------- */

typedef struct
{
  PaL10nCatalog *catalog;
  GPtrArray     *problems;
  GHashTable    *seen;      /* problems said once each */
} Check;

/* "GtkLabel in AdwActionRow#name_row": the widget and the nearest named
 * ancestor (template children are named). */
static char *
describe (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (w));

      if (id != NULL && g_str_has_prefix (id, "___object_"))   /* GtkBuilder's own name */
        id = NULL;
      if (id != NULL && w == widget)
        return g_strdup_printf ("%s#%s", G_OBJECT_TYPE_NAME (w), id);
      if (id != NULL)
        return g_strdup_printf ("%s in %s#%s", G_OBJECT_TYPE_NAME (widget), G_OBJECT_TYPE_NAME (w),
                                id);
    }
  return g_strdup (G_OBJECT_TYPE_NAME (widget));
}

G_GNUC_PRINTF (4, 5) static void
problem (Check      *check,
         GtkWidget  *widget,
         const char *text,
         const char *format,
         ...)
{
  g_autofree char *why = NULL;
  g_autofree char *where = NULL;
  va_list args;
  char *what;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);
  what = g_strdup_printf ("“%s” %s", text, why);
  /* Once per text and reason: a row's title is also its title label. */
  if (!g_hash_table_add (check->seen, what))
    return;
  where = describe (widget);
  g_ptr_array_add (check->problems, g_strdup_printf ("%s (%s)", what, where));
}

/* Whether the space-separated @token is an address, a token or a number
 * with letters in it ("…/p/gvJ…R2Is/", "T54W"), not words: a random
 * setup link read as "is" now and then. */
static gboolean
is_code (const char *token)
{
  if (strstr (token, "://") != NULL)
    return TRUE;
  for (const char *c = token; *c != '\0'; c++)
    if (g_ascii_isdigit (*c) || *c == '_')
      return TRUE;
  return FALSE;
}

static void
check_words (Check      *check,
             GtkWidget  *widget,
             const char *text)
{
  GHashTable *words = check->catalog->words;
  g_auto(GStrv) tokens = g_strsplit_set (text, " \t\n", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *p = tokens[i];

      if (is_code (p))
        continue;
      while (*p != '\0')
        {
          const char *start;
          g_autofree char *word = NULL;

          while (*p != '\0' && !g_unichar_isalpha (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          start = p;
          while (*p != '\0' && g_unichar_isalpha (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          if (p == start)
            continue;
          word = g_utf8_strdown (start, p - start);
          if (g_hash_table_contains (words, word))
            {
              problem (check, widget, text, "reads as English (“%s”)", word);
              return;
            }
        }
    }
}

/* @text is shown (or read out, or a tooltip) by @widget. */
static void
check_text (Check      *check,
            GtkWidget  *widget,
            const char *text)
{
  g_autofree char *plain = NULL;
  const char *translation;

  if (text == NULL || *text == '\0')
    return;
  plain = without_underscores (text);
  if (g_hash_table_lookup_extended (check->catalog->english, plain, NULL,
                                    (gpointer *) &translation))
    {
      if (translation != NULL)
        problem (check, widget, text, "is an English message left untranslated (German: “%s”)",
                 translation);
      else
        problem (check, widget, text, "is an English message the catalog does not translate");
      return;
    }
  for (guint i = 0; i < check->catalog->patterns->len; i++)
    if (g_regex_match (g_ptr_array_index (check->catalog->patterns, i), plain, 0, NULL))
      {
        problem (check, widget, text, "is the English message “%s”",
                 (const char *) g_ptr_array_index (check->catalog->sources, i));
        return;
      }
  check_words (check, widget, text);
}

/* Whether @text is one of the catalog's translations, formatted or not:
 * text of the app's own, not data. */
static gboolean
is_translation (PaL10nCatalog *catalog,
                const char    *text)
{
  g_autofree char *plain = without_underscores (text);

  if (g_hash_table_contains (catalog->german, plain))
    return TRUE;
  for (guint i = 0; i < catalog->german_patterns->len; i++)
    if (g_regex_match (g_ptr_array_index (catalog->german_patterns, i), plain, 0, NULL))
      return TRUE;
  return FALSE;
}

static gboolean
scrolls (GtkWidget *widget)
{
  return GTK_IS_SCROLLABLE (widget) || GTK_IS_SCROLLED_WINDOW (widget);
}

/* Whether @inner's box lies inside @outer's, with a pixel to spare for
 * rounding. */
static gboolean
inside (GtkWidget *inner,
        GtkWidget *outer)
{
  graphene_rect_t a, b;

  if (!gtk_widget_compute_bounds (inner, outer, &a)
      || !gtk_widget_compute_bounds (outer, outer, &b))
    return TRUE;
  return a.origin.x >= b.origin.x - 1 && a.origin.y >= b.origin.y - 1
         && a.origin.x + a.size.width <= b.origin.x + b.size.width + 1
         && a.origin.y + a.size.height <= b.origin.y + b.size.height + 1;
}

static void
check_label_fits (Check    *check,
                  GtkLabel *label)
{
  GtkWidget *widget = GTK_WIDGET (label);
  const char *text = gtk_label_get_text (label);
  PangoLayout *layout = gtk_label_get_layout (label);
  PangoRectangle logical;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GtkWidget *ancestor;

  if (pango_layout_is_ellipsized (layout))
    {
      problem (check, widget, text, "is ellipsized (%d px wide)", width);
      return;
    }
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (logical.width > width + 1)
    {
      problem (check, widget, text, "is cut off: %d px of text in a %d px label", logical.width,
               width);
      return;
    }
  if (logical.height > height + 1)
    {
      problem (check, widget, text, "is cut off: %d px high in a %d px label", logical.height,
               height);
      return;
    }

  /* Parents that clip, up to the first that scrolls; with none that
   * scrolls, the window too. */
  for (ancestor = gtk_widget_get_parent (widget); ancestor != NULL;
       ancestor = gtk_widget_get_parent (ancestor))
    {
      if (scrolls (ancestor))
        return;
      if ((gtk_widget_get_overflow (ancestor) == GTK_OVERFLOW_HIDDEN || GTK_IS_NATIVE (ancestor))
          && !inside (widget, ancestor))
        {
          problem (check, widget, text, "is cut off by the edge of its %s",
                   G_OBJECT_TYPE_NAME (ancestor));
          return;
        }
      if (GTK_IS_NATIVE (ancestor))
        return;
    }
}

static void
walk (Check     *check,
      GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    {
      check_text (check, widget, gtk_label_get_text (GTK_LABEL (widget)));
      /* Data (a long phone name in a narrow column) may be ellipsized,
       * as such a column is made to do; the app's own text may not. */
      if (is_translation (check->catalog, gtk_label_get_text (GTK_LABEL (widget))))
        check_label_fits (check, GTK_LABEL (widget));
    }
  if (GTK_IS_TEXT (widget))
    {
      /* The placeholder's own label is walked too, while it shows. */
      check_text (check, widget, gtk_text_get_placeholder_text (GTK_TEXT (widget)));
      check_text (check, widget, gtk_editable_get_text (GTK_EDITABLE (widget)));
    }
  if (GTK_IS_WINDOW (widget))
    check_text (check, widget, gtk_window_get_title (GTK_WINDOW (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    check_text (check, widget, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_ACTION_ROW (widget))
    check_text (check, widget, adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  if (ADW_IS_EXPANDER_ROW (widget))
    check_text (check, widget, adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget)));
  if (ADW_IS_STATUS_PAGE (widget))
    {
      check_text (check, widget, adw_status_page_get_title (ADW_STATUS_PAGE (widget)));
      check_text (check, widget, adw_status_page_get_description (ADW_STATUS_PAGE (widget)));
    }
  if (ADW_IS_PREFERENCES_GROUP (widget))
    {
      check_text (check, widget, adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)));
      check_text (check, widget,
                  adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)));
    }
  if (GTK_IS_BUTTON (widget))
    check_text (check, widget, gtk_button_get_label (GTK_BUTTON (widget)));
  check_text (check, widget, gtk_widget_get_tooltip_text (widget));

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    walk (check, c);
}

/* A window whose text needs more room than its default size grows past
 * it, or off a small screen. */
static void
check_window_size (Check     *check,
                   GtkWindow *window)
{
  int default_width, default_height, min_width, min_height;

  gtk_window_get_default_size (window, &default_width, &default_height);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL,
                      NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL,
                      NULL, NULL);
  if (default_width > 0 && min_width > default_width)
    problem (check, GTK_WIDGET (window), gtk_window_get_title (window),
             "needs %d px of width, more than its default %d", min_width, default_width);
  if (default_height > 0 && min_height > default_height)
    problem (check, GTK_WIDGET (window), gtk_window_get_title (window),
             "needs %d px of height, more than its default %d", min_height, default_height);
}

GPtrArray *
pa_l10n_check_widget (PaL10nCatalog *catalog,
                      GtkWidget     *root)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Check check = { catalog, g_ptr_array_new_with_free_func (g_free), seen };

  if (GTK_IS_WINDOW (root))
    check_window_size (&check, GTK_WINDOW (root));
  walk (&check, root);
  return check.problems;
}
