/* xform.h — XSLT transforms under Folio's security rules.
 *
 * Owns compiling a stylesheet (Folio's own xslt/epub.xsl or a user's
 * customisation layer that imports it) and applying it to a DocBook tree.
 * Stylesheets run under xsltSecurityPrefs that forbid writing files,
 * creating folders and any network access; reading is limited to local
 * files under the stylesheet's folder, Folio's data folder and the source's
 * root.  Errors go to a folio_diags with the stylesheet's file:line.
 * Write side: used by the EPUB and HTML writers. */
#ifndef FOLIO_XFORM_H
#define FOLIO_XFORM_H

#include <libxml/tree.h>
#include "diag.h"

struct folio_xform;

/* Compiles the stylesheet at `path`.  NULL, with records in d, on failure. */
struct folio_xform *folio_xform_new(const char *path, struct folio_diags *d);
void folio_xform_free(struct folio_xform *x);
/* Applies the stylesheet.  `params` is a NULL-terminated name, value, name,
 * value… list of string parameters (quoted by this function).  `src_root` is
 * the source's folder (document() may read below it).  Returns the result
 * tree (caller frees) or NULL with records in d. */
xmlDocPtr folio_xform_apply(struct folio_xform *x, xmlDocPtr src, const char *src_root,
			    const char *const *params, struct folio_diags *d);

#endif
