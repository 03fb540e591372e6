/* pa-writer.c — the writer registry and the shared key = value and XML writers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-render"

#include "config.h"

#include <libxml/xmlwriter.h>
#include <string.h>

#include "pa-writer.h"

/* The one list of writers. A new vendor format adds a line here and names
 * the id in the catalog. */
static const PaWriter * const writers[] = {
  &pa_yealink_writer,
  &pa_fanvil_writer,
  &pa_grandstream_writer,
  &pa_cisco_writer,
  &pa_snom_writer,
  &pa_polycom_writer,
};

const PaWriter *
pa_writer_lookup (const char *id)
{
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    if (g_str_equal (writers[i]->id, id))
      return writers[i];
  return NULL;
}

/* Valid UTF-8 with every character @keep refuses replaced by a space. */
static char *
clean_text (const char *text,
            gboolean  (*keep) (gunichar c))
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (keep (c))
        g_string_append_unichar (out, c);
      else
        g_string_append_c (out, ' ');
    }
  return g_string_free (out, FALSE);
}

/* -- key = value ----------------------------------------------------------- */

struct _PaKvWriter
{
  GString *out;
  char    *separator;
};

PaKvWriter *
pa_kv_writer_new (const char *separator)
{
  PaKvWriter *self = g_new0 (PaKvWriter, 1);

  self->out = g_string_new (NULL);
  self->separator = g_strdup (separator);
  return self;
}

void
pa_kv_writer_free (PaKvWriter *self)
{
  if (self == NULL)
    return;
  if (self->out != NULL)
    g_string_free (self->out, TRUE);
  g_free (self->separator);
  g_free (self);
}

void
pa_kv_writer_line (PaKvWriter *self,
                   const char *line)
{
  g_string_append (self->out, line);
  g_string_append_c (self->out, '\n');
}

gboolean
pa_kv_key_is_valid (const char *key)
{
  if (key == NULL || key[0] == '\0')
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("._-[]", *p) == NULL)
      return FALSE;
  return TRUE;
}

/* A line break would start a setting of the value's choosing. */
static gboolean
kv_keeps (gunichar c)
{
  return !g_unichar_iscntrl (c);
}

gboolean
pa_kv_writer_set (PaKvWriter *self,
                  const char *key,
                  const char *value)
{
  g_autofree char *clean = NULL;

  if (!pa_kv_key_is_valid (key))
    {
      g_warning ("Not writing a setting named “%s”: not a valid name", key);
      return FALSE;
    }
  clean = clean_text (value, kv_keeps);
  g_string_append_printf (self->out, "%s%s%s\n", key, self->separator, clean);
  return TRUE;
}

gboolean
pa_kv_writer_setf (PaKvWriter *self,
                   const char *value,
                   const char *key_format,
                   ...)
{
  g_autofree char *key = NULL;
  va_list args;

  va_start (args, key_format);
  key = g_strdup_vprintf (key_format, args);
  va_end (args);
  return pa_kv_writer_set (self, key, value);
}

void
pa_kv_writer_set_uint (PaKvWriter *self,
                       const char *key,
                       guint       value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", value);
  pa_kv_writer_set (self, key, text);
}

GBytes *
pa_kv_writer_finish (PaKvWriter *self)
{
  return g_string_free_to_bytes (g_steal_pointer (&self->out));
}

/* -- XML ------------------------------------------------------------------- */

struct _PaXmlWriter
{
  xmlBufferPtr     buffer;
  xmlTextWriterPtr writer;
};

PaXmlWriter *
pa_xml_writer_new (void)
{
  PaXmlWriter *self = g_new0 (PaXmlWriter, 1);

  self->buffer = xmlBufferCreate ();
  self->writer = xmlNewTextWriterMemory (self->buffer, 0);
  xmlTextWriterSetIndent (self->writer, 1);
  xmlTextWriterSetIndentString (self->writer, BAD_CAST "  ");
  xmlTextWriterStartDocument (self->writer, "1.0", "UTF-8", NULL);
  return self;
}

void
pa_xml_writer_free (PaXmlWriter *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->writer, xmlFreeTextWriter);
  g_clear_pointer (&self->buffer, xmlBufferFree);
  g_free (self);
}

/* XML 1.0 §2.2: tab, line feed, carriage return and U+0020 up; not the
 * surrogates (g_utf8_make_valid has none) or U+FFFE/U+FFFF. */
static gboolean
xml_keeps (gunichar c)
{
  return c == '\t' || c == '\n' || c == '\r' ||
         (c >= 0x20 && c != 0x7f && c != 0xfffe && c != 0xffff);
}

void
pa_xml_writer_start (PaXmlWriter *self,
                     const char  *element)
{
  xmlTextWriterStartElement (self->writer, BAD_CAST element);
}

void
pa_xml_writer_attr (PaXmlWriter *self,
                    const char  *name,
                    const char  *value)
{
  g_autofree char *clean = NULL;

  if (value == NULL)
    return;
  clean = clean_text (value, xml_keeps);
  xmlTextWriterWriteAttribute (self->writer, BAD_CAST name, BAD_CAST clean);
}

void
pa_xml_writer_text (PaXmlWriter *self,
                    const char  *text)
{
  g_autofree char *clean = NULL;

  if (text == NULL)
    return;
  clean = clean_text (text, xml_keeps);
  xmlTextWriterWriteString (self->writer, BAD_CAST clean);
}

void
pa_xml_writer_element (PaXmlWriter *self,
                       const char  *element,
                       const char  *text)
{
  pa_xml_writer_start (self, element);
  pa_xml_writer_text (self, text != NULL ? text : "");
  pa_xml_writer_end (self);
}

void
pa_xml_writer_end (PaXmlWriter *self)
{
  xmlTextWriterEndElement (self->writer);
}

GBytes *
pa_xml_writer_finish (PaXmlWriter *self)
{
  GBytes *bytes;

  xmlTextWriterEndDocument (self->writer);
  g_clear_pointer (&self->writer, xmlFreeTextWriter);
  bytes = g_bytes_new (xmlBufferContent (self->buffer), xmlBufferLength (self->buffer));
  g_clear_pointer (&self->buffer, xmlBufferFree);
  return bytes;
}
