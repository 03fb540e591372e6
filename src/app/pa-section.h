/* pa-section.h — the sections of the main window's sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding a section (Layouts, Profiles, …) is one row in pa-section.c: the
 * page type lives in its own folder and needs only a "repository" property
 * (and, for search, a boolean "search-mode" property; for a count beside
 * its name in the sidebar, a guint "badge" property, shown when not 0).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  const char  *id;               /* "phones": stack child name, section property */
  const char  *title;            /* untranslated; shown through _() */
  const char  *icon_name;
  GType      (*get_page_type) (void);
  const char  *header_resource;  /* nullable: a .ui with a "header" widget for the header bar end */
} PaSection;

const PaSection *pa_section_get_all  (guint      *n_sections);
const PaSection *pa_section_lookup   (const char *id);   /* nullable */

G_END_DECLS
