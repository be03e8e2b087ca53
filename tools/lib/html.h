/* html.h — building the web edition (HTML5) from a DocBook source.
 *
 * Owns the whole folio-html pipeline after the read side: images, the XSLT
 * transform (xslt/html.xsl, epub.xsl's intermediate document), and the two
 * outputs made from it — one self-contained page (CSS inlined, images next
 * to it or embedded), or a chunked site (index.html with the title page and
 * the table of contents, one page per chapter-level unit cut by chunk.c,
 * prev/next/up links, images and CSS copied) that replaces a previous site
 * only when it is complete.  Pages are serialised as HTML5, not XHTML.
 * Write side: used by folio-html and folio-pack. */
#ifndef FOLIO_HTML_H
#define FOLIO_HTML_H

#include <stddef.h>
#include <libxml/tree.h>
#include "diag.h"
#include "load.h"
#include "source.h"
#include "images.h"

struct folio_html_opts {
	const char *stylesheet;         /* NULL: Folio's xslt/html.xsl */
	const char *css;                /* NULL: Folio's xslt/css/folio-web.css */
	const char *const *params;      /* name, value, …, NULL: XSLT parameters */
	int chunk;                      /* out is a folder: a site, not a page */
	int embed_images;               /* images as data: URIs, not files */
	int exiting;                    /* the process ends after this build:
					   its trees are left to the system (keep.h) */
};

/* Builds `out` (a page, or with o->chunk a folder) from the source `src`:
 * checks it with `checker` (nothing is written when it has errors),
 * transforms, writes atomically.  Returns 0, 1 when the input has errors,
 * 2 on I/O failure; records go to d. */
int folio_html_build(struct folio_checker *checker, const char *src, const char *out,
		     const struct folio_html_opts *o, struct folio_diags *d);


#endif
