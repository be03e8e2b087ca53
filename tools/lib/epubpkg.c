/* epubpkg.c — folio-check on an EPUB: the container and the package
 * document, one function per rule, run from the table at the end.
 *
 * The container (META-INF/container.xml) leads to the package document;
 * its manifest is read once into struct epub_item and every check works
 * from that: metadata (epubmeta.c), manifest against the archive, files the
 * manifest forgets, well-formedness of the XML documents it lists, media
 * types against content (media.h for images), the spine, and the
 * navigation (epubnav.c).  A check that needs the package document does not
 * run without one. */
#include "epubint.h"
#include "media.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define OPF_NS "http://www.idpf.org/2007/opf"
#define CONTAINER_NS "urn:oasis:names:tc:opendocument:xmlns:container"
#define XHTML_NS "http://www.w3.org/1999/xhtml"

int epub_package_load(struct epub_check *c)
{
	struct folio_epub *e = c->e;
	if (folio_epub_find(e, "META-INF/container.xml") < 0) {
		folio_diag(c->d, FOLIO_R_EPUB_CONTAINER, e->path, 0, 0,
			   "META-INF/container.xml is missing: nothing says where the package document is");
		return -1;
	}
	if ((c->container = epub_xml_parse(e, "META-INF/container.xml", c->d)) == NULL)
		return -1;
	const xmlNode *root = epub_root(c->container), *rf = NULL;
	const xmlNode *rootfiles = epub_child(root, CONTAINER_NS, "rootfiles");
	for (const xmlNode *n = epub_child(rootfiles, CONTAINER_NS, "rootfile"); n && !rf; n = n->next)
		if (epub_is_el(n, CONTAINER_NS, "rootfile") && epub_prop(n, "media-type") &&
		    strcmp(epub_prop(n, "media-type"), "application/oebps-package+xml") == 0)
			rf = n;
	const char *full = rf ? epub_prop(rf, "full-path") : NULL;
	if (!epub_is_el(root, CONTAINER_NS, "container") || full == NULL || *full == '\0') {
		epub_diag_at(c->d, FOLIO_R_EPUB_CONTAINER, c->container, rf ? rf : root,
			     "no rootfile with a full-path and media-type=\"application/oebps-package+xml\"");
		return -1;
	}
	int outside;
	c->opf_name = epub_resolve("", full, NULL, &outside);
	if (c->opf_name == NULL || folio_epub_find(e, c->opf_name) < 0) {
		epub_diag_at(c->d, FOLIO_R_EPUB_CONTAINER, c->container, rf,
			     "the package document \"%s\" is not in the archive", full);
		return -1;
	}
	if ((c->opf = epub_xml_parse(e, c->opf_name, c->d)) == NULL)
		return -1;
	const char *slash = strrchr(c->opf_name, '/');
	c->opf_dir = folio_xstrndup(c->opf_name, slash ? (size_t)(slash - c->opf_name + 1) : 0);
	root = epub_root(c->opf);
	if (!epub_is_el(root, OPF_NS, "package")) {
		epub_diag_at(c->d, FOLIO_R_EPUB_METADATA, c->opf, root,
			     "the root element <%s> is not an OPF <package>", root ? (const char *)root->name : "?");
		return -1;
	}
	const char *v = epub_prop(root, "version");
	c->version = v && strncmp(v, "2.", 2) == 0 ? 2 : 3;
	if (v == NULL || (strcmp(v, "3.0") != 0 && c->version == 3))
		epub_diag_at(c->d, FOLIO_R_EPUB_METADATA, c->opf, root,
			     "the package version is \"%s\"; EPUB 3 says \"3.0\"", v ? v : "");
	const xmlNode *man = epub_child(root, OPF_NS, "manifest");
	for (const xmlNode *n = man ? man->children : NULL; n; n = n->next) {
		if (!epub_is_el(n, OPF_NS, "item"))
			continue;
		c->items = folio_xgrow(c->items, &c->itemcap, c->nitems + 1, sizeof *c->items);
		struct epub_item *it = &c->items[c->nitems++];
		memset(it, 0, sizeof *it);
		it->node = n;
		it->id = epub_prop(n, "id");
		it->href = epub_prop(n, "href");
		it->type = epub_prop(n, "media-type");
		it->props = epub_prop(n, "properties");
		it->fallback = epub_prop(n, "fallback");
		it->entry = -1;
		if (it->href)
			it->name = epub_resolve(c->opf_name, it->href, NULL, &it->outside);
		if (it->name)
			it->entry = folio_epub_find(e, it->name);
	}
	return 0;
}

void epub_check_fini(struct epub_check *c)
{
	for (size_t i = 0; i < c->nitems; i++) {
		free(c->items[i].name);
		epub_xml_free(c->items[i].xml);
		for (size_t k = 0; k < c->items[i].nids; k++)
			free(c->items[i].ids[k]);
		free(c->items[i].ids);
	}
	free(c->items);
	epub_xml_free(c->container);
	epub_xml_free(c->opf);
	free(c->opf_name);
	free(c->opf_dir);
}

struct epub_item *epub_item_by_name(struct epub_check *c, const char *name)
{
	for (size_t i = 0; i < c->nitems; i++)
		if (c->items[i].name && strcmp(c->items[i].name, name) == 0)
			return &c->items[i];
	return NULL;
}

struct epub_item *epub_item_by_id(struct epub_check *c, const char *id)
{
	for (size_t i = 0; i < c->nitems; i++)
		if (c->items[i].id && strcmp(c->items[i].id, id) == 0)
			return &c->items[i];
	return NULL;
}

static int xml_type(const char *t)
{
	size_t n = t ? strlen(t) : 0;
	return n >= 4 && (strcmp(t + n - 4, "+xml") == 0 || strcmp(t + n - 4, "/xml") == 0);
}

struct epub_xml *epub_item_xml(struct epub_check *c, struct epub_item *it)
{
	if (!it->xml_tried && it->entry >= 0 && xml_type(it->type))
		it->xml = epub_xml_parse(c->e, it->name, c->d);
	it->xml_tried = 1;
	return it->xml;
}

/* ---- The checks ---------------------------------------------------------- */

static void check_mimetype(struct epub_check *c)
{
	struct folio_epub *e = c->e;
	long i = folio_epub_find(e, "mimetype");
	static const char want[] = "application/epub+zip";
	if (i < 0) {
		folio_diag(c->d, FOLIO_R_EPUB_MIMETYPE, e->path, 0, 0, "there is no mimetype entry");
		return;
	}
	const struct epub_entry *en = &e->v[i];
	if (i != 0)
		folio_diag(c->d, FOLIO_R_EPUB_MIMETYPE, e->path, 0, 0,
			   "mimetype is entry %ld of the archive; it must be the first", i + 1);
	if (en->method != ZIP_CM_STORE)
		folio_diag(c->d, FOLIO_R_EPUB_MIMETYPE, e->path, 0, 0,
			   "mimetype is compressed; it must be stored, so that its bytes can be read at offset 38");
	if (zip_file_extra_fields_count(e->za, en->index, ZIP_FL_LOCAL) > 0)
		folio_diag(c->d, FOLIO_R_EPUB_MIMETYPE, e->path, 0, 0,
			   "mimetype has an extra field in its local header; EPUB forbids one");
	if (en->size != sizeof want - 1 || en->headlen != en->size ||
	    memcmp(en->head, want, sizeof want - 1) != 0) {
		char shown[48];
		size_t k = 0;
		for (size_t j = 0; j < en->headlen && k < 40; j++)
			shown[k++] = en->head[j] >= 0x20 && en->head[j] < 0x7F ? (char)en->head[j] : '?';
		shown[k] = '\0';
		folio_diag(c->d, FOLIO_R_EPUB_MIMETYPE, e->path, 0, 0,
			   "mimetype holds \"%s\"%s; it must be exactly \"%s\" (no newline)", shown,
			   en->headlen > 40 ? "..." : "", want);
	}
}

static void check_manifest(struct epub_check *c)
{
	const xmlNode *man = epub_child(epub_root(c->opf), OPF_NS, "manifest");
	if (man == NULL) {
		epub_diag_at(c->d, FOLIO_R_EPUB_MANIFEST, c->opf, epub_root(c->opf), "the package has no <manifest>");
		return;
	}
	for (size_t i = 0; i < c->nitems; i++) {
		const struct epub_item *it = &c->items[i];
		if (!it->id || !it->href || !it->type) {
			epub_diag_at(c->d, FOLIO_R_EPUB_MANIFEST, c->opf, it->node, "an item needs id, href and media-type");
			continue;
		}
		for (size_t k = 0; k < i; k++) {
			if (c->items[k].id && strcmp(c->items[k].id, it->id) == 0)
				epub_diag_at(c->d, FOLIO_R_EPUB_MANIFEST, c->opf, it->node, "id \"%s\" is used twice", it->id);
			if (it->name && c->items[k].name && strcmp(c->items[k].name, it->name) == 0)
				epub_diag_at(c->d, FOLIO_R_EPUB_MANIFEST, c->opf, it->node,
					     "\"%s\" is listed twice (also as item \"%s\")", it->href,
					     c->items[k].id ? c->items[k].id : "");
		}
		if (it->outside) {
			epub_diag_at(c->d, FOLIO_R_EPUB_MANIFEST, c->opf, it->node,
				     "href \"%s\" climbs out of the container", it->href);
		} else if (it->name && it->entry < 0) {
			const char *near = NULL;
			for (size_t k = 0; k < c->e->nbyname && !near; k++)
				if (strcasecmp(c->e->byname[k].name, it->name) == 0)
					near = c->e->byname[k].name;
			epub_diag_at(c->d, FOLIO_R_EPUB_MANIFEST, c->opf, it->node,
				     "item \"%s\" names \"%s\", which is not in the archive%s%s%s", it->id, it->name,
				     near ? " (names are case-sensitive: the archive has \"" : "", near ? near : "",
				     near ? "\")" : "");
		}
	}
}

static void check_unlisted(struct epub_check *c)
{
	const xmlNode *man = epub_child(epub_root(c->opf), OPF_NS, "manifest");
	for (size_t i = 0; i < c->e->nbyname; i++) {
		const char *name = c->e->byname[i].name;
		if (strcmp(name, "mimetype") == 0 || strncmp(name, "META-INF/", 9) == 0 ||
		    strcmp(name, c->opf_name) == 0 || epub_item_by_name(c, name))
			continue;
		epub_diag_at(c->d, FOLIO_R_EPUB_UNLISTED, c->opf, man ? man : epub_root(c->opf),
			     "\"%s\" is in the archive but not in the manifest", name);
	}
}

static void check_xml(struct epub_check *c)
{
	for (size_t i = 0; i < c->nitems; i++)
		epub_item_xml(c, &c->items[i]);
}

/* The content a media type promises, checked against the bytes. */
static const char *content_mismatch(struct epub_check *c, struct epub_item *it)
{
	static const struct {
		const char *type, *magic;
		size_t len;
	} fonts[] = {
		{"font/woff2", "wOF2", 4}, {"font/woff", "wOFF", 4}, {"application/font-woff", "wOFF", 4},
		{"font/otf", "OTTO", 4}, {"application/vnd.ms-opentype", "OTTO", 4},
		{"font/ttf", "\0\1\0\0", 4}, {"application/font-sfnt", "\0\1\0\0", 4},
	};
	const struct epub_entry *en = &c->e->v[it->entry];
	const char *sniffed = folio_media_sniff(en->head, en->headlen);
	const xmlNode *root = NULL;
	if (strcmp(it->type, "image/svg+xml") == 0 || strcmp(it->type, "application/xhtml+xml") == 0 ||
	    strcmp(it->type, "application/x-dtbncx+xml") == 0) {
		struct epub_xml *x = epub_item_xml(c, it);
		if (x == NULL)
			return NULL;  /* not well-formed: said under epub-xml */
		root = epub_root(x);
	}
	if (strcmp(it->type, "image/svg+xml") == 0)
		return root && strcmp((const char *)root->name, "svg") == 0 ? NULL : "an SVG document";
	if (strcmp(it->type, "application/xhtml+xml") == 0)
		return epub_is_el(root, XHTML_NS, "html") ? NULL : "an XHTML document (<html> in the XHTML namespace)";
	if (strcmp(it->type, "application/x-dtbncx+xml") == 0)
		return root && strcmp((const char *)root->name, "ncx") == 0 ? NULL : "an NCX document";
	if (strncmp(it->type, "image/", 6) == 0 && folio_media_from_name(it->type + 6) != NULL)
		return sniffed && strcmp(sniffed, it->type) == 0 ? NULL : "that image type";
	for (size_t i = 0; i < sizeof fonts / sizeof fonts[0]; i++)
		if (strcmp(it->type, fonts[i].type) == 0)
			return en->headlen >= fonts[i].len && memcmp(en->head, fonts[i].magic, fonts[i].len) == 0
				       ? NULL : "that font format";
	return sniffed && strcmp(sniffed, "image/svg+xml") != 0 ? "what its content is" : NULL;
}

static void check_media_types(struct epub_check *c)
{
	for (size_t i = 0; i < c->nitems; i++) {
		struct epub_item *it = &c->items[i];
		if (it->entry < 0 || it->type == NULL)
			continue;
		const struct epub_entry *en = &c->e->v[it->entry];
		const char *want = content_mismatch(c, it);
		const char *sniffed = folio_media_sniff(en->head, en->headlen);
		if (want)
			epub_diag_at(c->d, FOLIO_R_EPUB_MEDIA_TYPE, c->opf, it->node,
				     "\"%s\" is declared %s, but its content is not %s%s%s%s", it->href, it->type,
				     want, sniffed ? " (it is " : "", sniffed ? sniffed : "", sniffed ? ")" : "");
	}
}

static void check_spine(struct epub_check *c)
{
	const xmlNode *spine = epub_child(epub_root(c->opf), OPF_NS, "spine");
	size_t refs = 0;
	if (spine == NULL) {
		epub_diag_at(c->d, FOLIO_R_EPUB_SPINE, c->opf, epub_root(c->opf), "the package has no <spine>");
		return;
	}
	const char *toc = epub_prop(spine, "toc");
	struct epub_item *ncx = toc ? epub_item_by_id(c, toc) : NULL;
	if (toc && (ncx == NULL || ncx->type == NULL || strcmp(ncx->type, "application/x-dtbncx+xml") != 0))
		epub_diag_at(c->d, FOLIO_R_EPUB_SPINE, c->opf, spine,
			     "toc=\"%s\" names no NCX item (application/x-dtbncx+xml)", toc);
	for (const xmlNode *n = spine->children; n; n = n->next) {
		if (!epub_is_el(n, OPF_NS, "itemref"))
			continue;
		refs++;
		const char *idref = epub_prop(n, "idref");
		struct epub_item *it = idref ? epub_item_by_id(c, idref) : NULL;
		if (it == NULL) {
			epub_diag_at(c->d, FOLIO_R_EPUB_SPINE, c->opf, n, "itemref idref=\"%s\" names no manifest item",
				     idref ? idref : "");
			continue;
		}
		for (const xmlNode *m = spine->children; m != n; m = m->next)
			if (epub_is_el(m, OPF_NS, "itemref") && epub_prop(m, "idref") &&
			    strcmp(epub_prop(m, "idref"), idref) == 0) {
				epub_diag_at(c->d, FOLIO_R_EPUB_SPINE, c->opf, n, "item \"%s\" is in the spine twice", idref);
				break;
			}
		if (it->type && strcmp(it->type, "application/xhtml+xml") != 0 &&
		    strcmp(it->type, "image/svg+xml") != 0 && it->fallback == NULL)
			epub_diag_at(c->d, FOLIO_R_EPUB_SPINE, c->opf, n,
				     "item \"%s\" is %s, not a content document, and has no fallback", idref, it->type);
	}
	if (refs == 0)
		epub_diag_at(c->d, FOLIO_R_EPUB_SPINE, c->opf, spine, "the spine is empty: there is nothing to read");
}

static const struct {
	enum folio_rule rule;           /* what the check reports (besides shared ident rules) */
	void (*run)(struct epub_check *c);
	int needs_package;
} checks[] = {
	{FOLIO_R_EPUB_MIMETYPE, check_mimetype, 0},
	{FOLIO_R_EPUB_METADATA, epub_check_metadata, 1},
	{FOLIO_R_EPUB_MANIFEST, check_manifest, 1},
	{FOLIO_R_EPUB_UNLISTED, check_unlisted, 1},
	{FOLIO_R_EPUB_XML, check_xml, 1},
	{FOLIO_R_EPUB_MEDIA_TYPE, check_media_types, 1},
	{FOLIO_R_EPUB_SPINE, check_spine, 1},
	{FOLIO_R_EPUB_NAV, epub_check_nav, 1},
};

int folio_epub_check(const char *path, struct folio_diags *d)
{
	size_t before = d->count[FOLIO_ERROR];
	struct epub_check c;
	struct folio_epub *e;
	int rc = folio_epub_open(path, d, &e);
	if (rc != 0)
		return rc;
	memset(&c, 0, sizeof c);
	c.e = e;
	c.d = d;
	int have = epub_package_load(&c) == 0;
	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
		if (have || !checks[i].needs_package)
			checks[i].run(&c);
	epub_check_fini(&c);
	folio_epub_close(e);
	return d->count[FOLIO_ERROR] > before;
}

size_t folio_epub_spine(struct folio_epub *e, struct folio_diags *d, char ***names)
{
	struct epub_check c;
	size_t n = 0, cap = 0;
	memset(&c, 0, sizeof c);
	c.e = e;
	c.d = d;
	*names = NULL;
	if (epub_package_load(&c) == 0) {
		const xmlNode *spine = epub_child(epub_root(c.opf), OPF_NS, "spine");
		for (const xmlNode *r = spine ? spine->children : NULL; r; r = r->next) {
			const char *idref = epub_is_el(r, OPF_NS, "itemref") ? epub_prop(r, "idref") : NULL;
			struct epub_item *it = idref ? epub_item_by_id(&c, idref) : NULL;
			if (it == NULL || it->entry < 0 || it->type == NULL ||
			    (strcmp(it->type, "application/xhtml+xml") != 0 && strcmp(it->type, "image/svg+xml") != 0))
				continue;
			*names = folio_xgrow(*names, &cap, n + 1, sizeof **names);
			(*names)[n++] = folio_xstrdup(it->name);
		}
	}
	epub_check_fini(&c);
	return n;
}
