/* epubnav.c — the navigation of an EPUB: its navigation document (EPUB 3)
 * and NCX (EPUB 2, and EPUB 3 books that carry one for old readers).
 *
 * EPUB 3 needs exactly one manifest item with properties="nav", an XHTML
 * document with a <nav epub:type="toc">.  Every link of every <nav> in it
 * (table of contents, landmarks, page list) and every <content src> of the
 * NCX must lead to a manifest item in the archive and, with a fragment, to
 * an element of that document with that id (when it could be parsed: a
 * document that cannot is reported once, under its own rule).  The ids of a document are
 * collected once, sorted, and looked up by bisection, so a page list of a
 * thousand entries costs a thousand lookups, not a thousand tree walks. */
#include "epubint.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define XHTML_NS "http://www.w3.org/1999/xhtml"
#define OPS_NS "http://www.idpf.org/2007/ops"
#define XML_NS "http://www.w3.org/XML/1998/namespace"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void collect_ids(const xmlNode *n, struct epub_item *it, size_t *cap)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (const xmlAttr *a = n->properties; a; a = a->next)
			if (strcmp((const char *)a->name, "id") == 0 && a->children && a->children->content &&
			    (a->ns == NULL || (a->ns->href && strcmp((const char *)a->ns->href, XML_NS) == 0))) {
				it->ids = folio_xgrow(it->ids, cap, it->nids + 1, sizeof *it->ids);
				it->ids[it->nids++] = folio_xstrdup((const char *)a->children->content);
			}
		collect_ids(n->children, it, cap);
	}
}

int epub_item_has_id(struct epub_check *c, struct epub_item *it, const char *id)
{
	if (!it->ids_built) {
		struct epub_xml *x = epub_item_xml(c, it);
		size_t cap = 0;
		if (x)
			collect_ids(xmlDocGetRootElement(x->doc), it, &cap);
		qsort(it->ids, it->nids, sizeof *it->ids, cmp_str);
		it->ids_built = 1;
	}
	return it->nids > 0 && bsearch(&id, it->ids, it->nids, sizeof *it->ids, cmp_str) != NULL;
}

static const char *attr_ns(const xmlNode *n, const char *ns, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (strcmp((const char *)a->name, name) == 0 &&
		    (ns == NULL ? a->ns == NULL : a->ns && a->ns->href && strcmp((const char *)a->ns->href, ns) == 0))
			return a->children && a->children->content ? (const char *)a->children->content : "";
	return NULL;
}

static void check_link(struct epub_check *c, const char *from, const struct epub_xml *x,
		       const xmlNode *node, const char *ref)
{
	char *frag = NULL;
	int outside;
	char *target = epub_resolve(from, ref, &frag, &outside);
	struct epub_item *it = target ? epub_item_by_name(c, target) : NULL;
	if (target == NULL)
		epub_diag_at(c->d, FOLIO_R_EPUB_NAV, x, node, "link \"%s\" leads %s", ref,
			     outside ? "out of the container" : "out of the publication");
	else if (it == NULL)
		epub_diag_at(c->d, FOLIO_R_EPUB_NAV, x, node,
			     "link \"%s\" leads to \"%s\", which is not in the manifest", ref, target);
	else if (it->entry < 0)
		epub_diag_at(c->d, FOLIO_R_EPUB_NAV, x, node,
			     "link \"%s\" leads to \"%s\", which is not in the archive", ref, target);
	else if (frag && *frag && epub_item_xml(c, it) && !epub_item_has_id(c, it, frag))
		epub_diag_at(c->d, FOLIO_R_EPUB_NAV, x, node, "link \"%s\": \"%s\" has no element with id \"%s\"",
			     ref, target, frag);
	free(target);
	free(frag);
}

/* Every <a href> under n (in a <nav>). */
static void check_anchors(struct epub_check *c, const char *from, const struct epub_xml *x,
			  const xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *href = strcmp((const char *)n->name, "a") == 0 ? attr_ns(n, NULL, "href") : NULL;
		if (href)
			check_link(c, from, x, n, href);
		check_anchors(c, from, x, n->children);
	}
}

/* The <nav> elements of the document; returns how many are a toc. */
static int check_navs(struct epub_check *c, const char *from, const struct epub_xml *x, const xmlNode *n)
{
	int tocs = 0;
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "nav") == 0 && n->ns && n->ns->href &&
		    strcmp((const char *)n->ns->href, XHTML_NS) == 0) {
			tocs += epub_has_token(attr_ns(n, OPS_NS, "type"), "toc");
			check_anchors(c, from, x, n->children);
		} else {
			tocs += check_navs(c, from, x, n->children);
		}
	}
	return tocs;
}

static void check_ncx(struct epub_check *c, struct epub_item *ncx, const struct epub_xml *x,
		      const xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *src = strcmp((const char *)n->name, "content") == 0 ? attr_ns(n, NULL, "src") : NULL;
		if (src)
			check_link(c, ncx->name, x, n, src);
		check_ncx(c, ncx, x, n->children);
	}
}

void epub_check_nav(struct epub_check *c)
{
	struct epub_item *nav = NULL, *ncx = NULL;
	for (size_t i = 0; i < c->nitems; i++) {
		struct epub_item *it = &c->items[i];
		if (epub_has_token(it->props, "nav")) {
			if (nav != NULL)
				epub_diag_at(c->d, FOLIO_R_EPUB_NAV, c->opf, it->node,
					     "a second navigation document (properties=\"nav\"); EPUB allows one");
			else
				nav = it;
		}
		if (ncx == NULL && it->type && strcmp(it->type, "application/x-dtbncx+xml") == 0)
			ncx = it;
	}
	if (c->version == 3 && nav == NULL)
		epub_diag_at(c->d, FOLIO_R_EPUB_NAV, c->opf, xmlDocGetRootElement(c->opf->doc),
			     "no manifest item has properties=\"nav\": EPUB 3 needs a navigation document");
	if (c->version == 2 && ncx == NULL)
		epub_diag_at(c->d, FOLIO_R_EPUB_NAV, c->opf, xmlDocGetRootElement(c->opf->doc),
			     "an EPUB 2 publication needs an NCX (application/x-dtbncx+xml)");
	struct epub_xml *x = nav ? epub_item_xml(c, nav) : NULL;
	if (x && check_navs(c, nav->name, x, xmlDocGetRootElement(x->doc)) == 0)
		epub_diag_at(c->d, FOLIO_R_EPUB_NAV, x, xmlDocGetRootElement(x->doc),
			     "the navigation document has no <nav epub:type=\"toc\">");
	x = ncx ? epub_item_xml(c, ncx) : NULL;
	if (x)
		check_ncx(c, ncx, x, xmlDocGetRootElement(x->doc));
}
