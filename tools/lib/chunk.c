/* chunk.c — cutting the intermediate XHTML into linked content documents.
 *
 * Linear: one walk finds the units, one walk per unit collects ids, one walk
 * per unit rewrites links.  Nodes are moved (adopted), never copied. */
#include "chunk.h"
#include "slug.h"
#include "xalloc.h"
#include "xmlwalk.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>

#define XHTML_NS "http://www.w3.org/1999/xhtml"
#define EPUB_NS "http://www.idpf.org/2007/ops"
#define SVG_NS "http://www.w3.org/2000/svg"
#define MATHML_NS "http://www.w3.org/1998/Math/MathML"

static xmlNode *first_elem(xmlNode *n, const char *name)
{
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

static char *prop(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, BAD_CAST name);
	char *s = v ? folio_xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

static char *safe_name(const char *raw, size_t idx)
{
	char *s = raw && *raw ? folio_xstrdup(raw) : folio_xasprintf("part-%zu", idx + 1);
	for (char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			*p = '-';
	}
	return s;
}

static int name_taken(const struct folio_chunks *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].name != NULL && strcmp(c->v[i].name, name) == 0)
			return 1;
	return 0;
}

/* `base`, or base-2, base-3… when taken (or "index", with not_index: the
 * web edition's title page). */
static char *unique_name(const struct folio_chunks *c, const char *base, int not_index)
{
	char *name = folio_xstrdup(base);
	for (int k = 2; name_taken(c, name) || (not_index && strcmp(name, "index") == 0); k++) {
		free(name);
		name = folio_xasprintf("%s-%d", base, k);
	}
	return name;
}

static void add_meta(struct folio_chunks *c, const char *name, const char *value)
{
	size_t cap = c->metacap;
	c->meta_names = folio_xgrow(c->meta_names, &c->metacap, c->nmeta + 1, sizeof *c->meta_names);
	if (c->metacap != cap)
		c->meta_values = folio_xrealloc(c->meta_values, c->metacap * sizeof *c->meta_values);
	c->meta_names[c->nmeta] = folio_xstrdup(name);
	c->meta_values[c->nmeta] = folio_xstrdup(value);
	c->nmeta++;
}

const char *folio_chunks_meta(const struct folio_chunks *c, const char *name)
{
	for (size_t i = 0; i < c->nmeta; i++)
		if (strcmp(c->meta_names[i], name) == 0)
			return c->meta_values[i];
	return NULL;
}

static void read_head(xmlNode *head, struct folio_chunks *c)
{
	for (xmlNode *n = head ? head->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "title") == 0 && c->title == NULL) {
			xmlChar *t = xmlNodeGetContent(n);
			c->title = folio_xstrdup(t ? (const char *)t : "");
			xmlFree(t);
		} else if (strcmp((const char *)n->name, "meta") == 0) {
			char *name = prop(n, "name"), *content = prop(n, "content");
			if (name && content && strncmp(name, "folio:", 6) == 0)
				add_meta(c, name + 6, content);
			free(name);
			free(content);
		}
	}
}

/* Removes data-folio-* attributes from one element. */
static void strip_folio_attrs(xmlNode *n)
{
	xmlAttr *a = n->properties;
	while (a) {
		xmlAttr *next = a->next;
		if (a->ns == NULL && strncmp((const char *)a->name, "data-folio-", 11) == 0)
			xmlRemoveProp(a);
		a = next;
	}
}

static void new_document(struct folio_chunks *c, struct folio_chunk *ch, xmlNode *unit,
			 xmlDocPtr inter, xmlNode *inter_root, const struct folio_chunk_opts *o)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	if (o->xhtml_doctype)
		xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL);
	xmlNode *html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
	xmlDocSetRootElement(doc, html);
	xmlNs *ns = xmlNewNs(html, BAD_CAST XHTML_NS, NULL);
	xmlNewNs(html, BAD_CAST EPUB_NS, BAD_CAST "epub");
	xmlSetNs(html, ns);
	for (xmlAttr *a = inter_root->properties; a; a = a->next) {
		if (a->ns == NULL && strncmp((const char *)a->name, "data-folio-", 11) == 0)
			continue;
		xmlChar *v = xmlNodeListGetString(inter, a->children, 1);
		if (a->ns && a->ns->href && strcmp((const char *)a->ns->href,
			   "http://www.w3.org/XML/1998/namespace") == 0)
			xmlNodeSetLang(html, v);
		else if (a->ns == NULL)
			xmlSetProp(html, a->name, v);
		xmlFree(v);
	}
	xmlNode *head = xmlNewChild(html, ns, BAD_CAST "head", NULL);
	xmlNode *meta = xmlNewChild(head, ns, BAD_CAST "meta", NULL);
	xmlSetProp(meta, BAD_CAST "charset", BAD_CAST "utf-8");
	xmlNewTextChild(head, ns, BAD_CAST "title", BAD_CAST ch->title);
	if (o->css_href) {
		xmlNode *link = xmlNewChild(head, ns, BAD_CAST "link", NULL);
		xmlSetProp(link, BAD_CAST "rel", BAD_CAST "stylesheet");
		xmlSetProp(link, BAD_CAST "type", BAD_CAST "text/css");
		xmlSetProp(link, BAD_CAST "href", BAD_CAST o->css_href);
	}
	xmlNode *body = xmlNewChild(html, ns, BAD_CAST "body", NULL);
	xmlDOMWrapAdoptNode(NULL, inter, unit, doc, body, 0);
	xmlAddChild(body, unit);
	strip_folio_attrs(unit);
	ch->doc = doc;
	(void)c;
}

static void index_ids(xmlHashTablePtr ids, struct folio_chunk *ch, size_t idx, xmlNode *unit)
{
	for (xmlNode *n = unit; n; n = folio_xml_next(n, unit)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns && n->ns->href) {
			if (strcmp((const char *)n->ns->href, SVG_NS) == 0)
				ch->has_svg = 1;
			else if (strcmp((const char *)n->ns->href, MATHML_NS) == 0)
				ch->has_mathml = 1;
		}
		xmlChar *id = xmlGetNoNsProp(n, BAD_CAST "id");
		if (id) {
			/* First definition wins; the checks report duplicates. */
			xmlHashAddEntry(ids, id, (void *)(uintptr_t)(idx + 1));
			xmlFree(id);
		}
	}
}

static void rewrite_links(xmlHashTablePtr ids, struct folio_chunks *c, size_t idx, xmlNode *unit)
{
	for (xmlNode *n = unit; n; n = folio_xml_next(n, unit)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlAttr *href = xmlHasNsProp(n, BAD_CAST "href", NULL);
		if (href == NULL)
			continue;
		xmlChar *v = xmlNodeListGetString(n->doc, href->children, 1);
		if (v && v[0] == '#') {
			uintptr_t where = (uintptr_t)xmlHashLookup(ids, v + 1);
			if (where == 0) {
				c->dangling++;
			} else if (where - 1 != idx) {
				char *full = folio_xasprintf("%s%s", c->v[where - 1].file, (const char *)v);
				xmlSetProp(n, BAD_CAST "href", BAD_CAST full);
				free(full);
			}
		}
		xmlFree(v);
	}
}

int folio_chunks_split(xmlDocPtr inter, const struct folio_chunk_opts *o,
		       struct folio_chunks *c, struct folio_diags *d)
{
	int rc = -1;
	xmlNode **units = NULL;
	size_t nunits = 0, ucap = 0;
	xmlHashTablePtr ids = NULL;

	memset(c, 0, sizeof *c);
	xmlNode *root = xmlDocGetRootElement(inter);
	if (root == NULL || strcmp((const char *)root->name, "html") != 0) {
		folio_diag(d, FOLIO_R_XSLT, NULL, 0, 0, "the stylesheet did not produce an <html> document");
		goto out;
	}
	c->lang = prop(root, "lang");
	c->dir = prop(root, "dir");
	read_head(first_elem(root->children, "head"), c);
	xmlNode *body = first_elem(root->children, "body");
	for (xmlNode *n = body; n; n = folio_xml_next(n, body))
		if (n->type == XML_ELEMENT_NODE && xmlHasNsProp(n, BAD_CAST "data-folio-chunk", NULL)) {
			units = folio_xgrow(units, &ucap, nunits + 1, sizeof *units);
			units[nunits++] = n;
		}
	if (nunits == 0) {
		folio_diag(d, FOLIO_R_XSLT, NULL, 0, 0,
			   "the stylesheet produced no unit marked with data-folio-chunk");
		goto out;
	}
	c->v = folio_xgrow(NULL, &c->cap, nunits, sizeof *c->v);
	/* Names: first the units that keep the stylesheet's name, then those
	 * named after their titles, so that a title never takes a name that a
	 * later unit's xml:id holds. */
	char **raws = folio_xcalloc(nunits, sizeof *raws);
	for (size_t i = 0; i < nunits; i++) {
		struct folio_chunk *ch = &c->v[i];
		memset(ch, 0, sizeof *ch);
		char *raw = prop(units[i], "data-folio-chunk");
		char *id = o->title_names ? prop(units[i], "data-folio-id") : NULL;
		ch->kind = raw ? raw : folio_xstrdup("");
		char *t = prop(units[i], "data-folio-title");
		ch->title = t && *t ? t : folio_xstrdup(c->title ? c->title : "");
		if (t && !*t)
			free(t);
		c->n++;
		if (id != NULL && strcmp(id, ch->kind) != 0) {
			raws[i] = safe_name(raw, i);   /* the fallback of the slug */
			free(id);
			continue;
		}
		free(id);
		char *base = safe_name(raw, i);
		ch->name = unique_name(c, base, 0);
		free(base);
	}
	for (size_t i = 0; i < nunits; i++) {
		if (raws[i] == NULL)
			continue;
		char *slug = folio_slug_make(c->v[i].title, raws[i]);
		c->v[i].name = unique_name(c, slug, 1);
		free(slug);
		free(raws[i]);
	}
	free(raws);
	for (size_t i = 0; i < nunits; i++) {
		struct folio_chunk *ch = &c->v[i];
		ch->file = folio_xasprintf("%s%s", ch->name, o->suffix);
		ch->is_nav = strcmp(ch->kind, "nav") == 0;
		ch->is_cover = strcmp(ch->kind, "cover") == 0;
	}
	/* Cut from the last unit back, so a nested unit leaves its parent
	 * before the parent itself is cut. */
	for (size_t i = nunits; i-- > 0;)
		xmlUnlinkNode(units[i]);
	ids = xmlHashCreate((int)(nunits * 16));
	for (size_t i = 0; i < nunits; i++)
		index_ids(ids, &c->v[i], i, units[i]);
	for (size_t i = 0; i < nunits; i++) {
		rewrite_links(ids, c, i, units[i]);
		new_document(c, &c->v[i], units[i], inter, root, o);
	}
	rc = 0;
out:
	if (ids)
		xmlHashFree(ids, NULL);
	free(units);
	return rc;
}

void folio_chunk_serialize(const struct folio_chunk *ch, unsigned char **data, size_t *len)
{
	xmlChar *buf = NULL;
	int n = 0;
	xmlDocDumpMemoryEnc(ch->doc, &buf, &n, "UTF-8");
	*data = buf;
	*len = n > 0 ? (size_t)n : 0;
}

void folio_chunks_free(struct folio_chunks *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].name);
		free(c->v[i].file);
		free(c->v[i].title);
		free(c->v[i].kind);
		if (c->v[i].doc)
			xmlFreeDoc(c->v[i].doc);
	}
	free(c->v);
	for (size_t i = 0; i < c->nmeta; i++) {
		free(c->meta_names[i]);
		free(c->meta_values[i]);
	}
	free(c->meta_names);
	free(c->meta_values);
	free(c->lang);
	free(c->dir);
	free(c->title);
	memset(c, 0, sizeof *c);
}
