/* pa-writer.h — the vendor writers, and the two formats they share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A writer turns effective settings into the files one family of phones
 * fetches. The catalog's vendor entry names its writer ("writer": "yealink");
 * nothing else in the code names a vendor. Writers build their files with
 * PaKvWriter or PaXmlWriter, which do all the escaping, so a name, label or
 * custom value can never add a setting or break a file.
 */
#pragma once

#include <glib.h>

#include "pa-effective.h"

G_BEGIN_DECLS

typedef struct
{
  const char *id;
  /* The files a phone of @effective's model asks for, in the order it asks. */
  GStrv  (*list_files) (const PaEffective *effective);
  /* The file's bytes and content type, or %NULL with
   * PA_RENDER_ERROR_NO_SUCH_FILE when the phone does not use @file. */
  GBytes *(*render)    (const PaEffective *effective,
                        const char        *file,
                        const char       **content_type,
                        GError           **error);
  /* Whether a custom parameter of this name can be written in these files
   * at all; a profile refuses the others when it is saved. */
  gboolean (*custom_name_ok) (const char *name);
} PaWriter;

/* NULL when no writer has that id. */
const PaWriter *pa_writer_lookup (const char *id);

extern const PaWriter pa_yealink_writer;
extern const PaWriter pa_fanvil_writer;
extern const PaWriter pa_grandstream_writer;
extern const PaWriter pa_cisco_writer;
extern const PaWriter pa_snom_writer;
extern const PaWriter pa_polycom_writer;

/* -- key = value ---------------------------------------------------------- */

typedef struct _PaKvWriter PaKvWriter;

/* @separator goes between key and value, e.g. " = ". */
PaKvWriter *pa_kv_writer_new     (const char *separator);
/* A line as it is: headers such as "#!version:1.0.0.1", comments. */
void        pa_kv_writer_line    (PaKvWriter *self,
                                  const char *line);
/* A key is letters, digits, '.', '_', '-', '[' and ']'; anything else is
 * dropped with a warning, since it could only be an admin's typo or an
 * attack. A value's control characters become spaces, invalid UTF-8 is
 * repaired, NULL is empty. */
gboolean    pa_kv_writer_set     (PaKvWriter *self,
                                  const char *key,
                                  const char *value);
gboolean    pa_kv_writer_setf    (PaKvWriter *self,
                                  const char *value,
                                  const char *key_format,
                                  ...) G_GNUC_PRINTF (3, 4);
void        pa_kv_writer_set_uint (PaKvWriter *self,
                                   const char *key,
                                   guint       value);
GBytes     *pa_kv_writer_finish  (PaKvWriter *self);
void        pa_kv_writer_free    (PaKvWriter *self);

gboolean    pa_kv_key_is_valid   (const char *key);

/* -- XML (libxml2's writer) ------------------------------------------------ */

typedef struct _PaXmlWriter PaXmlWriter;

/* UTF-8, with an XML declaration, indented. */
PaXmlWriter *pa_xml_writer_new      (void);
void         pa_xml_writer_start    (PaXmlWriter *self,
                                     const char  *element);
/* Characters XML 1.0 cannot carry become spaces; invalid UTF-8 is
 * repaired; NULL writes nothing. */
void         pa_xml_writer_attr     (PaXmlWriter *self,
                                     const char  *name,
                                     const char  *value);
void         pa_xml_writer_text     (PaXmlWriter *self,
                                     const char  *text);
/* <element>text</element> */
void         pa_xml_writer_element  (PaXmlWriter *self,
                                     const char  *element,
                                     const char  *text);
void         pa_xml_writer_end      (PaXmlWriter *self);
/* Closes what is open. */
GBytes      *pa_xml_writer_finish   (PaXmlWriter *self);
void         pa_xml_writer_free     (PaXmlWriter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaKvWriter, pa_kv_writer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaXmlWriter, pa_xml_writer_free)

G_END_DECLS
