/* load.h — safe loading of DocBook sources.
 *
 * Owns parsing (libxml2, XML_PARSE_NONET, bounded entity expansion), the
 * external-entity loader confined to the source's root folder, XInclude
 * (confined the same way), and locating a node in the file it really comes
 * from (XIncluded files included) with line and column.  The one place that
 * sets libxml2's global structured error handler, and restores it.
 * Read side: included by validate, checks, meta and everything after. */
#ifndef FOLIO_LOAD_H
#define FOLIO_LOAD_H

#include <libxml/tree.h>
#include "diag.h"

#define FOLIO_MAX_INPUT (256u * 1024u * 1024u)

struct folio_srcfile;            /* private: one source file's text */
struct folio_nodeord;            /* private: see load.c */

struct folio_doc {
	xmlDocPtr doc;           /* after XInclude; NULL if it did not parse */
	char *path;              /* the main file as the user named it */
	char *root;              /* absolute, resolved source folder */
	struct folio_srcfile *files;  /* private: text of each file, for columns */
	size_t nfiles, filecap;
	struct folio_nodeord *order;  /* private: element → start-tag ordinal */
	size_t norder;
	int order_built;
};

/* Loads `path`: parse, XInclude, confinement.  Problems go to `d` with their
 * file:line:col.  Returns 0 when the document loaded cleanly, 1 when the input
 * has errors (*out may still hold a partial document, or NULL), 2 when the main
 * file cannot be read at all.  The caller frees *out with folio_doc_free. */
int folio_load(const char *path, struct folio_diags *d, struct folio_doc **out);
/* Installs the confined entity loader (once; folio_load does it too).  The
 * hook is global: call this before starting threads that parse anything. */
void folio_load_init(void);
void folio_doc_free(struct folio_doc *doc);

struct folio_loc {
	const char *file;        /* owned by the doc */
	int line, col;
};
/* Where a node comes from: the file (XIncluded files named as such), its
 * line and column (the '<' of an element's start tag; an attribute's name). */
void folio_doc_locate(struct folio_doc *doc, const xmlNode *node, struct folio_loc *loc);

/* Adds a diagnostic located at a node (element or attribute). */
void folio_diag_at(struct folio_diags *d, enum folio_rule r, struct folio_doc *doc,
		   const xmlNode *node, const char *fmt, ...)
  __attribute__((format(printf, 5, 6)));

/* Resolves a reference (an image fileref, say) against the node's base, as
 * a path.  Returns a malloc'd path the caller frees, or NULL when it is a
 * URL with a scheme other than file:, or lies outside the source root (then
 * *outside is set to 1). */
char *folio_doc_resolve(struct folio_doc *doc, const xmlNode *node,
			const char *ref, int *outside);

#endif
