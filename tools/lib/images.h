/* images.h — the images a source uses, read once for every writer.
 *
 * Reads each imagedata/@fileref (resolved and confined by load.c), takes its
 * media type from its content and gives it a unique name under "images/";
 * folio_images_rename points the filerefs of a copy of the tree at those
 * names for the stylesheets (the source tree itself is never changed: it is
 * validated while the copy is transformed).  Write side: used by
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
	size_t *use;            /* per imagedata, in document order: index + 1
				   into v, or 0 when it was not resolved */
	size_t nuse, usecap;
};

/* Collects every image of doc; `cover` is the cover's imagedata (or NULL).
 * Returns 0, or -1 with an image-unreadable record in d.  Free with
 * folio_images_free, also after a failure. */
int folio_images_collect(struct folio_doc *doc, const xmlNode *cover,
			 struct folio_images *im, struct folio_diags *d);
void folio_images_free(struct folio_images *im);
/* Sets each imagedata/@fileref of `copy` (a copy of the collected tree,
 * same shape) to its image's name in the output. */
void folio_images_rename(const struct folio_images *im, xmlDocPtr copy);

#endif
