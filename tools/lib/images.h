/* images.h — the images a source uses, read once for every writer.
 *
 * Reads each imagedata/@fileref (resolved and confined by load.c), takes its
 * media type from its content, gives it a unique name under "images/" and
 * points the fileref at that name for the stylesheets.  Write side: used by
 * the EPUB and HTML writers. */
#ifndef FOLIO_IMAGES_H
#define FOLIO_IMAGES_H

#include <stddef.h>
#include <libxml/tree.h>
#include "diag.h"
#include "load.h"

struct folio_image {
	char *src;              /* resolved source path */
	char *name;             /* path in the output: "images/x.png" */
	const char *type;       /* media type, from the content */
	unsigned char *data;
	size_t len;
	int cover;              /* the publication's cover */
};

struct folio_images {
	struct folio_image *v;
	size_t n, cap;
};

/* Collects every image of doc; `cover` is the cover's imagedata (or NULL).
 * Returns 0, or -1 with an image-unreadable record in d.  Free with
 * folio_images_free, also after a failure. */
int folio_images_collect(struct folio_doc *doc, const xmlNode *cover,
			 struct folio_images *im, struct folio_diags *d);
void folio_images_free(struct folio_images *im);

#endif
