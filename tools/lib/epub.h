/* epub.h — building an EPUB 3 publication from a DocBook source.
 *
 * Owns the whole folio-epub pipeline after the read side: images (media
 * types from content), the XSLT transform, chunking, the package document
 * (OPF metadata of DESIGN.md, EPUB Accessibility 1.1), the NCX for old
 * readers, the container, and deterministic packaging.  Write side: used by
 * folio-epub and folio-pack. */
#ifndef FOLIO_EPUB_H
#define FOLIO_EPUB_H

#include <time.h>
#include "diag.h"
#include "source.h"

struct folio_epub_opts {
	const char *stylesheet;         /* NULL: Folio's xslt/epub.xsl */
	const char *css;                /* NULL: Folio's xslt/css/folio.css */
	const char *const *params;      /* name, value, …, NULL: XSLT parameters */
	const char *const *relations;   /* other editions' ISBNs (dc:relation), NULL-terminated */
	int have_mtime;                 /* else SOURCE_DATE_EPOCH, else pubdate */
	time_t mtime;
	int exiting;                    /* the process ends after this build:
					   its trees are left to the system (keep.h) */
};

/* Builds `out` from the source `src`: checks it with `checker` (nothing is
 * written when it has errors), transforms, packages atomically.  Returns 0,
 * 1 when the input has errors, 2 on I/O failure; records go to d. */
int folio_epub_build(struct folio_checker *checker, const char *src, const char *out,
		     const struct folio_epub_opts *o, struct folio_diags *d);
/* The modification time a build uses: SOURCE_DATE_EPOCH when set, else the
 * pubdate (UTC midnight), else now. */
time_t folio_epub_mtime(const char *pubdate);

#endif
