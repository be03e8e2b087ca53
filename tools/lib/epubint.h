/* epubint.h — private to the EPUB input module (epubread.c, epubpkg.c,
 * epubnav.c): the open archive, parsed entries located for diagnostics,
 * the package document as the checks see it.  Not for other modules. */
#ifndef FOLIO_EPUBINT_H
#define FOLIO_EPUBINT_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>
#include <zip.h>

#include "diag.h"
#include "epubread.h"

#define EPUB_HEAD 512           /* first bytes kept of each entry, for sniffing */

struct epub_entry {
	char *name;             /* NULL: unsafe or a directory */
	int broken;             /* cannot be read (said once, when found) */
	zip_uint64_t index;
	uint64_t size, comp;    /* declared */
	unsigned method;        /* ZIP_CM_STORE or ZIP_CM_DEFLATE */
	unsigned char head[EPUB_HEAD];
	size_t headlen;
};

struct folio_epub {
	zip_t *za;
	char *path;             /* as the user named it */
	struct epub_entry *v;
	size_t n;
	struct epub_name {
		const char *name;       /* the entry's */
		size_t idx;
	} *byname;              /* the named entries, sorted by name */
	size_t nbyname;
};

/* An XML entry, parsed, with its text kept for columns. */
struct epub_xml {
	xmlDocPtr doc;
	char *text;
	size_t len;
	char *file;             /* "BOOK.epub/NAME" */
};

/* Parses entry `name` (NONET, no DTD, no entities loaded).  NULL when it is
 * missing, unreadable or not well-formed: reported under epub-xml at the
 * parser's line and column unless quiet.  Free with epub_xml_free. */
struct epub_xml *epub_xml_parse(struct folio_epub *e, const char *name, struct folio_diags *d);
void epub_xml_free(struct epub_xml *x);
/* Adds a diagnostic at an element (an attribute: its element) of x. */
void epub_diag_at(struct folio_diags *d, enum folio_rule r, const struct epub_xml *x,
		  const xmlNode *node, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Tree helpers: an element of that namespace and name; its first such
 * child; an attribute without namespace as it stands in the tree (NULL when
 * absent); the element's text trimmed (the caller frees); the root. */
int epub_is_el(const xmlNode *n, const char *ns, const char *name);
const xmlNode *epub_child(const xmlNode *parent, const char *ns, const char *name);
const char *epub_prop(const xmlNode *n, const char *name);
char *epub_text(const xmlNode *n);
const xmlNode *epub_root(const struct epub_xml *x);

/* A manifest item. */
struct epub_item {
	const xmlNode *node;    /* the <item>, for locating */
	const char *id, *href, *type, *props, *fallback;  /* in the OPF tree */
	char *name;             /* the entry it names; NULL: remote or outside */
	int outside;            /* the href climbs out of the container */
	long entry;             /* index in the archive, or -1 */
	struct epub_xml *xml;   /* parsed by the checks that need it */
	int xml_tried;
	char **ids;             /* the document's ids, sorted, once asked for */
	size_t nids;
	int ids_built;
};

/* What the checks share: the archive and, once read, the package. */
struct epub_check {
	struct folio_epub *e;
	struct folio_diags *d;
	struct epub_xml *container, *opf;
	char *opf_name;         /* the rootfile's full-path */
	char *opf_dir;          /* its folder, "" or ending in '/' */
	int version;            /* 2 or 3 */
	struct epub_item *items;
	size_t nitems, itemcap;
};

/* Reads container.xml and the package document, and lists the manifest.
 * Returns 0 when the package document is there to check, -1 otherwise
 * (reported). */
int epub_package_load(struct epub_check *c);
void epub_check_fini(struct epub_check *c);
/* Resolves a reference of document `from` (an entry name) to an entry
 * name: percent-decoded, "." and ".." applied, fragment and query dropped
 * (the fragment goes to *frag when not NULL; the caller frees both).
 * NULL for a URL with a scheme, or one that climbs out of the container. */
char *epub_resolve(const char *from, const char *ref, char **frag, int *outside);
/* The manifest item of an entry name, or NULL. */
struct epub_item *epub_item_by_name(struct epub_check *c, const char *name);
struct epub_item *epub_item_by_id(struct epub_check *c, const char *id);
/* 1 when the space-separated list `list` holds `word`. */
int epub_has_token(const char *list, const char *word);
/* The item's document, parsed once (NULL when not XML or broken). */
struct epub_xml *epub_item_xml(struct epub_check *c, struct epub_item *it);

/* 1 when the item's document has an element with this id (or xml:id). */
int epub_item_has_id(struct epub_check *c, struct epub_item *it, const char *id);

/* The checks of epubmeta.c and epubnav.c, run from the table in epubpkg.c. */
void epub_check_metadata(struct epub_check *c);
void epub_check_nav(struct epub_check *c);

#endif
