/* front.h — the first half of every writer: a checked source and the
 * stylesheet's result tree, computed side by side.
 *
 * The calling thread compiles the stylesheet and then transforms a copy of
 * the source tree (with the image filerefs renamed for the output), while a
 * second thread loads the source, copies it, and validates and checks it.
 * The two threads share no tree: the copy is handed over whole, and the
 * source is only read from then on.  What the transformation reports is kept
 * only when the source is usable, so the messages are the same as when the
 * steps ran one after the other.  The source, the copy and the stylesheet
 * are freed on the second thread while the caller writes the output.  Write
 * side: used by the EPUB and HTML writers. */
#ifndef FOLIO_FRONT_H
#define FOLIO_FRONT_H

#include <libxml/tree.h>
#include "diag.h"
#include "images.h"
#include "load.h"
#include "meta.h"
#include "source.h"

struct folio_front {
	struct folio_meta m;         /* the source's metadata (cover_image unset) */
	struct folio_images im;      /* its images, read and named */
	xmlDocPtr inter;             /* the stylesheet's result */
	struct folio_front_job *job; /* private: the stylesheet thread */
};

/* Loads `src` and checks it with `checker`; applies the stylesheet `xsl`
 * with `params` (name, value… NULL-terminated, as folio_xform_apply).  With
 * `exiting` (the process ends after this build) the second thread leaves
 * its trees to the system (keep.h) instead of freeing them.
 * Returns 0 with f->inter set, 1 when the source has errors (or an image
 * cannot be read), 2 when a file or the stylesheet cannot be used.  Free f
 * with folio_front_free in every case. */
int folio_front_run(struct folio_checker *checker, const char *src, const char *xsl,
		    const char *const *params, int exiting, struct folio_diags *d,
		    struct folio_front *f);
void folio_front_free(struct folio_front *f);

#endif
