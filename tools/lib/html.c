/* html.c — from a checked DocBook source to a web page or a web site.
 *
 * load/validate/check (source.c) → images → XSLT (xform.c, html.xsl: the
 * intermediate XHTML of epub.xsl) → either one page (the intermediate
 * itself, rearranged into header, nav and main) or a site (cover, title
 * page and contents merged into one "index" unit, then cut by chunk.c,
 * which also rewrites the links across pages) → page chrome (skip link,
 * landmarks, the table of contents, prev/next/up) → HTML5 serialisation by
 * libxml2's HTML writer (void elements without a slash, no XML
 * declaration), after dropping what HTML does not have: namespaces,
 * epub:type, xml:lang, the data-folio-* markers.
 *
 * A site is written into DIR.tmp-XXXXXX and renamed to DIR at the end; a
 * previous DIR is replaced only then, and only when it is empty or an
 * earlier folio-html site, so a failed build leaves it as it was. */
#include "html.h"
#include "atomic.h"
#include "chunk.h"
#include "cli.h"
#include "front.h"
#include "keep.h"
#include "media.h"
#include "meta.h"
#include "paths.h"
#include "xalloc.h"
#include "xmlwalk.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/HTMLtree.h>
#include <libxml/xmlIO.h>

#define XHTML_NS "http://www.w3.org/1999/xhtml"
#define EPUB_NS "http://www.idpf.org/2007/ops"
#define XML_NS "http://www.w3.org/XML/1998/namespace"
#define MAX_IMAGE (64u * 1024u * 1024u)
#define MAX_CSS (16u * 1024u * 1024u)
#define MAIN_ID "folio-main"
#define SITE_CSS "css/folio-web.css"
#define GENERATOR_MARK "name=\"generator\" content=\"folio-html"

/* ------------------------------------------------------------------------
 * Images
 * ------------------------------------------------------------------------ */

static char *data_uri(const struct folio_image *img)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t head = strlen(img->type) + 13;   /* "data:" TYPE ";base64," */
	char *s = folio_xmalloc(head + (img->len + 2) / 3 * 4 + 1);
	char *p = s + sprintf(s, "data:%s;base64,", img->type);
	const unsigned char *in = img->data;
	size_t i = 0;
	for (; i + 2 < img->len; i += 3) {
		unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
		*p++ = b64[v >> 18];
		*p++ = b64[(v >> 12) & 63];
		*p++ = b64[(v >> 6) & 63];
		*p++ = b64[v & 63];
	}
	if (i < img->len) {
		unsigned v = (unsigned)in[i] << 16 | (i + 1 < img->len ? (unsigned)in[i + 1] << 8 : 0);
		*p++ = b64[v >> 18];
		*p++ = b64[(v >> 12) & 63];
		*p++ = i + 1 < img->len ? b64[(v >> 6) & 63] : '=';
		*p++ = '=';
	}
	*p = '\0';
	return s;
}

/* Points src/href attributes that name a copied image at a data: URI. */
static void embed_images(xmlNode *root, const struct folio_images *im)
{
	char **uris = folio_xcalloc(im->n + 1, sizeof *uris);
	for (xmlNode *n = root; n; n = folio_xml_next(n, root)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (xmlAttr *a = n->properties; a; a = a->next) {
			if (strcmp((const char *)a->name, "src") != 0 && strcmp((const char *)a->name, "href") != 0)
				continue;
			xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
			for (size_t i = 0; v && i < im->n; i++) {
				if (strcmp((const char *)v, im->v[i].name) != 0)
					continue;
				if (uris[i] == NULL)
					uris[i] = data_uri(&im->v[i]);
				xmlSetNsProp(n, a->ns, a->name, BAD_CAST uris[i]);
				break;
			}
			xmlFree(v);
		}
	}
	for (size_t i = 0; i < im->n; i++)
		free(uris[i]);
	free(uris);
}

/* ------------------------------------------------------------------------
 * Tree helpers
 * ------------------------------------------------------------------------ */

static xmlNode *first_elem(xmlNode *n, const char *name)
{
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && (name == NULL || strcmp((const char *)n->name, name) == 0))
			return n;
	return NULL;
}

static int attr_is(const xmlNode *n, const char *name, const char *value)
{
	xmlChar *v = xmlGetNoNsProp(n, BAD_CAST name);
	int r = v && strcmp((const char *)v, value) == 0;
	xmlFree(v);
	return r;
}

/* A new element (no namespace: the page is HTML), appended to parent. */
static xmlNode *add(xmlNode *parent, const char *name, const char *cls, const char *text)
{
	xmlNode *n = xmlNewDocNode(parent->doc, NULL, BAD_CAST name, NULL);
	if (cls)
		xmlSetProp(n, BAD_CAST "class", BAD_CAST cls);
	if (text)
		xmlAddChild(n, xmlNewDocText(parent->doc, BAD_CAST text));
	return xmlAddChild(parent, n);
}

static xmlNode *add_link(xmlNode *parent, const char *href, const char *cls, const char *text)
{
	xmlNode *a = add(parent, "a", cls, text);
	xmlSetProp(a, BAD_CAST "href", BAD_CAST href);
	return a;
}

static void meta_tag(xmlNode *head, const char *name, const char *content)
{
	xmlNode *m = add(head, "meta", NULL, NULL);
	xmlSetProp(m, BAD_CAST "name", BAD_CAST name);
	xmlSetProp(m, BAD_CAST "content", BAD_CAST content);
}

/* The words of the page chrome, from the intermediate's head (html.xsl),
 * English when a customised stylesheet leaves them out. */
struct words {
	char *title, *skip, *prev, *next, *pages, *toc;
};

static void words_read(xmlNode *head, struct words *w)
{
	static const struct { const char *meta, *fallback; size_t off; } rows[] = {
		{"folio:html-skip", "Skip to content", offsetof(struct words, skip)},
		{"folio:html-previous", "Previous", offsetof(struct words, prev)},
		{"folio:html-next", "Next", offsetof(struct words, next)},
		{"folio:html-pages", "Pages", offsetof(struct words, pages)},
		{"folio:toc-title", "Contents", offsetof(struct words, toc)},
	};
	memset(w, 0, sizeof *w);
	for (xmlNode *n = head ? head->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "title") == 0 && w->title == NULL) {
			xmlChar *t = xmlNodeGetContent(n);
			w->title = folio_xstrdup(t ? (const char *)t : "");
			xmlFree(t);
			continue;
		}
		xmlChar *name = xmlGetNoNsProp(n, BAD_CAST "name");
		for (size_t i = 0; name && i < sizeof rows / sizeof *rows; i++) {
			char **slot = (char **)((char *)w + rows[i].off);
			if (*slot == NULL && strcmp((const char *)name, rows[i].meta) == 0) {
				xmlChar *c = xmlGetNoNsProp(n, BAD_CAST "content");
				if (c && *c)
					*slot = folio_xstrdup((const char *)c);
				xmlFree(c);
			}
		}
		xmlFree(name);
	}
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		char **slot = (char **)((char *)w + rows[i].off);
		if (*slot == NULL)
			*slot = folio_xstrdup(rows[i].fallback);
	}
	if (w->title == NULL)
		w->title = folio_xstrdup("");
}

static void words_free(struct words *w)
{
	free(w->title);
	free(w->skip);
	free(w->prev);
	free(w->next);
	free(w->pages);
	free(w->toc);
}

/* The chunk element of kind `kind` among body's children, or NULL. */
static xmlNode *chunk_elem(xmlNode *body, const char *kind)
{
	for (xmlNode *n = body->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && attr_is(n, "data-folio-chunk", kind))
			return n;
	return NULL;
}

/* Replaces an element by its children (the nav chunk's <div>). */
static void unwrap(xmlNode *n)
{
	xmlNode *c = n->children;
	while (c) {
		xmlNode *next = c->next;
		xmlUnlinkNode(c);
		xmlAddPrevSibling(n, c);
		c = next;
	}
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* 1 when the class attribute of n holds `cls`. */
static int has_class(const xmlNode *n, const char *cls)
{
	xmlChar *v = xmlGetNoNsProp(n, BAD_CAST "class");
	int r = 0;
	size_t len = strlen(cls);
	for (const char *p = (const char *)v; p && *p && !r;) {
		while (*p == ' ')
			p++;
		size_t k = strcspn(p, " ");
		r = k == len && strncmp(p, cls, len) == 0;
		p += k;
	}
	xmlFree(v);
	return r;
}

/* The title page's copyright block (div.imprint), unlinked: on the web it
 * closes the page instead of standing between the title and the
 * contents.  NULL when there is none. */
static xmlNode *take_imprint(xmlNode *titlepage)
{
	for (xmlNode *n = titlepage ? titlepage->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && has_class(n, "imprint")) {
			xmlUnlinkNode(n);
			return n;
		}
	return NULL;
}

/* Empties head and writes what every page has: charset, viewport, title,
 * generator. */
static xmlNode *new_head(xmlNode *head, const char *title)
{
	xmlNode *c = head->children;
	while (c) {
		xmlNode *next = c->next;
		xmlUnlinkNode(c);
		xmlFreeNode(c);
		c = next;
	}
	xmlSetProp(add(head, "meta", NULL, NULL), BAD_CAST "charset", BAD_CAST "utf-8");
	meta_tag(head, "viewport", "width=device-width, initial-scale=1");
	add(head, "title", NULL, title);
	char *gen = folio_xasprintf("folio-html %s", folio_version());
	meta_tag(head, "generator", gen);
	free(gen);
	return head;
}

/* ------------------------------------------------------------------------
 * From the XHTML tree to an HTML tree
 * ------------------------------------------------------------------------ */

static int ns_is(const xmlNs *ns, const char *href)
{
	return ns && ns->href && strcmp((const char *)ns->href, href) == 0;
}

/* An SVG or MathML island keeps its namespace, declared on its root
 * without a prefix (the HTML parser knows <svg> and <math>, not svg:svg). */
static void foreign_root(xmlNode *n)
{
	if (n->ns->prefix == NULL && n->nsDef == n->ns)
		return;
	xmlNs *def = xmlNewNs(n, n->ns->href, NULL);
	if (def == NULL)
		return;
	const xmlChar *href = n->ns->href;
	for (xmlNode *c = n; c; c = folio_xml_next(c, n))
		if (c->type == XML_ELEMENT_NODE && ns_is(c->ns, (const char *)href))
			c->ns = def;
}

/* 1 when a child of n is a heading (h1-h6), as a <section> should have. */
static int has_heading(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->name[0] == 'h' && c->name[1] >= '1' &&
		    c->name[1] <= '6' && c->name[2] == '\0')
			return 1;
	return 0;
}

/* Drops epub:* and data-folio-* attributes, turns xml:lang into lang, takes
 * HTML elements out of the XHTML namespace, makes a <section> without a
 * heading a <div> (the cover, an abstract), and moves their namespace
 * declarations to `grave` (attributes may still point at them until the
 * tree is freed; the caller frees the list after the tree). */
static void htmlify(xmlNode *root, xmlNs **grave)
{
	for (xmlNode *n = root; n; n = folio_xml_next(n, root)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		int html = n->ns == NULL || ns_is(n->ns, XHTML_NS);
		if (!html) {
			if (n->parent == NULL || n->parent->type != XML_ELEMENT_NODE ||
			    !ns_is(n->parent->ns, (const char *)n->ns->href))
				foreign_root(n);
			continue;
		}
		n->ns = NULL;
		if (strcmp((const char *)n->name, "section") == 0 && !has_heading(n))
			xmlNodeSetName(n, BAD_CAST "div");
		if (n->nsDef) {
			xmlNs *last = n->nsDef;
			while (last->next)
				last = last->next;
			last->next = *grave;
			*grave = n->nsDef;
			n->nsDef = NULL;
		}
		xmlAttr *a = n->properties;
		while (a) {
			xmlAttr *next = a->next;
			if (ns_is(a->ns, EPUB_NS) ||
			    (a->ns == NULL && strncmp((const char *)a->name, "data-folio-", 11) == 0)) {
				xmlRemoveProp(a);
			} else if (ns_is(a->ns, XML_NS) && strcmp((const char *)a->name, "lang") == 0) {
				if (!xmlHasNsProp(n, BAD_CAST "lang", NULL)) {
					xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
					xmlSetProp(n, BAD_CAST "lang", v);
					xmlFree(v);
				}
				xmlRemoveProp(a);
			}
			a = next;
		}
	}
}

/* HTML5 text of a document: "<!DOCTYPE html>", no XML declaration, void
 * elements without a slash, other empty elements closed.  The caller frees
 * *out. */
static int serialize(xmlDocPtr doc, char **out, size_t *len)
{
	xmlOutputBufferPtr buf = xmlAllocOutputBuffer(NULL);
	if (buf == NULL)
		return -1;
	/* With a document encoding, text keeps its UTF-8 (else: &#x2014;). */
	if (doc->encoding == NULL)
		doc->encoding = xmlStrdup(BAD_CAST "UTF-8");
	htmlDocContentDumpFormatOutput(buf, doc, "UTF-8", 1);
	xmlOutputBufferFlush(buf);
	const xmlChar *content = xmlOutputBufferGetContent(buf);
	size_t n = xmlOutputBufferGetSize(buf);
	*out = folio_xstrndup(content ? (const char *)content : "", n);
	*len = n;
	xmlOutputBufferClose(buf);
	return 0;
}

static void set_doctype(xmlDocPtr doc)
{
	xmlDtdPtr old = xmlGetIntSubset(doc);
	if (old) {
		xmlUnlinkNode((xmlNode *)old);
		xmlFreeDtd(old);
	}
	xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL);
}

/* ------------------------------------------------------------------------
 * Files
 * ------------------------------------------------------------------------ */

static int write_file(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	if (fp == NULL)
		return -1;
	size_t n = fwrite(data, 1, len, fp);
	int e = errno;
	if (fclose(fp) != 0 || n != len) {
		errno = n != len ? e : errno;
		return -1;
	}
	return 0;
}

static int make_dir(const char *path)
{
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return 0;
	return -1;
}

/* Removes a tree we made (or a previous site we are replacing). */
static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *dir = opendir(path);
		struct dirent *e;
		while (dir && (e = readdir(dir)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *sub = folio_path_join(path, e->d_name);
			remove_tree(sub);
			free(sub);
		}
		if (dir)
			closedir(dir);
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* 0 when `dir` may be replaced: missing, empty, or a folio-html site. */
static int replaceable(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return -1;
	char *index = folio_path_join(dir, "index.html");
	size_t len = 0;
	unsigned char *head = folio_media_read(index, 64u * 1024u * 1024u, &len);
	free(index);
	int ok = 0;
	size_t mark = strlen(GENERATOR_MARK), scan = len < 4096 ? len : 4096;
	for (size_t i = 0; head && !ok && i + mark <= scan; i++)
		ok = memcmp(head + i, GENERATOR_MARK, mark) == 0;
	free(head);
	if (ok)
		return 0;
	DIR *dp = opendir(dir);
	struct dirent *e;
	int empty = dp != NULL;
	while (dp && (e = readdir(dp)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	if (dp)
		closedir(dp);
	return empty ? 0 : -1;
}

static int write_images(const char *dir, const struct folio_images *im, int atomic)
{
	if (im->n == 0)
		return 0;
	char *sub = folio_path_join(dir, "images");
	int rc = make_dir(sub);
	free(sub);
	for (size_t i = 0; rc == 0 && i < im->n; i++) {
		char *path = folio_path_join(dir, im->v[i].name);
		rc = atomic ? folio_atomic_write(path, im->v[i].data, im->v[i].len)
			    : write_file(path, im->v[i].data, im->v[i].len);
		free(path);
	}
	return rc;
}

/* ------------------------------------------------------------------------
 * One page
 * ------------------------------------------------------------------------ */

/* "</style" cannot appear inside <style>; "<\/" means "</" in CSS. */
static char *css_for_style(const unsigned char *css, size_t len)
{
	char *s = folio_xmalloc(len * 2 + 2);
	char *p = s;
	*p++ = '\n';
	for (size_t i = 0; i < len; i++) {
		*p++ = (char)css[i];
		if (css[i] == '<' && i + 1 < len && css[i + 1] == '/')
			*p++ = '\\';
	}
	*p = '\0';
	return s;
}

/* The intermediate becomes the page: skip link, header (cover and title
 * page), the contents <nav>, main (every unit, in order). */
static void single_page(xmlDocPtr inter, const struct words *w, const char *css)
{
	xmlNode *root = xmlDocGetRootElement(inter);
	xmlNode *head = first_elem(root->children, "head");
	xmlNode *body = first_elem(root->children, "body");
	new_head(head, w->title);
	add(head, "style", NULL, css);

	xmlNode *cover = chunk_elem(body, "cover");
	xmlNode *title = chunk_elem(body, "titlepage");
	xmlNode *nav = chunk_elem(body, "nav");
	xmlNode *imprint = take_imprint(title);
	xmlNode *units = body->children;
	body->children = body->last = NULL;

	xmlSetProp(body, BAD_CAST "class", BAD_CAST "folio-page");
	add_link(body, "#" MAIN_ID, "skip-link", w->skip);
	xmlNode *header = add(body, "header", "folio-header", NULL);
	xmlNode *main = NULL;
	for (xmlNode *n = units; n;) {
		xmlNode *next = n->next;
		n->parent = NULL;
		n->prev = n->next = NULL;
		if (n == cover || n == title) {
			xmlAddChild(header, n);
		} else if (n == nav) {
			xmlAddChild(body, n);
			unwrap(n);
		} else if (n->type == XML_ELEMENT_NODE) {
			if (main == NULL) {
				main = add(body, "main", "folio-main", NULL);
				xmlSetProp(main, BAD_CAST "id", BAD_CAST MAIN_ID);
			}
			xmlAddChild(main, n);
		} else {
			xmlFreeNode(n);
		}
		n = next;
	}
	if (main == NULL) {
		main = add(body, "main", "folio-main", NULL);
		xmlSetProp(main, BAD_CAST "id", BAD_CAST MAIN_ID);
	}
	if (imprint)
		xmlAddChild(add(body, "footer", "folio-footer", NULL), imprint);
}

/* ------------------------------------------------------------------------
 * A site
 * ------------------------------------------------------------------------ */

/* Cover, title page and contents become one unit, "index", at the place of
 * the first of them. */
static void merge_index(xmlNode *body, const char *title)
{
	static const char *const kinds[] = {"cover", "titlepage", "nav"};
	xmlNode *index = NULL;
	xmlNode *imprint = take_imprint(chunk_elem(body, "titlepage"));
	for (size_t k = 0; k < 3; k++) {
		xmlNode *n = chunk_elem(body, kinds[k]);
		if (n == NULL)
			continue;
		if (index == NULL) {
			index = xmlNewDocNode(body->doc, body->ns, BAD_CAST "div", NULL);
			xmlSetProp(index, BAD_CAST "class", BAD_CAST "folio-index");
			xmlSetProp(index, BAD_CAST "data-folio-chunk", BAD_CAST "index");
			xmlSetProp(index, BAD_CAST "data-folio-title", BAD_CAST title);
			xmlAddPrevSibling(n, index);
		}
		xmlUnsetProp(n, BAD_CAST "data-folio-chunk");
		xmlUnsetProp(n, BAD_CAST "data-folio-title");
		xmlUnlinkNode(n);
		xmlAddChild(index, n);
		if (k == 2)
			unwrap(n);
	}
	if (imprint && index)
		xmlAddChild(index, imprint);
	else if (imprint)
		xmlFreeNode(imprint);
}

struct site {
	struct folio_chunks ch;
	char **up;              /* per chunk: the kind of its "up" chunk, or NULL */
	const struct words *w;
	const xmlNode *toc;     /* the contents' <ol>, in the index document */
	const char *index_file;
};

/* data-folio-up of each unit, in chunk.c's order (document order), read
 * before the split strips it. */
static char **read_ups(xmlNode *body, size_t *n)
{
	char **up = NULL;
	size_t cap = 0;
	*n = 0;
	for (xmlNode *c = body; c; c = folio_xml_next(c, body)) {
		if (c->type != XML_ELEMENT_NODE || !xmlHasNsProp(c, BAD_CAST "data-folio-chunk", NULL))
			continue;
		up = folio_xgrow(up, &cap, *n + 1, sizeof *up);
		xmlChar *v = xmlGetNoNsProp(c, BAD_CAST "data-folio-up");
		up[(*n)++] = v ? folio_xstrdup((const char *)v) : NULL;
		xmlFree(v);
	}
	return up;
}

static const xmlNode *find_toc(const xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "nav") == 0 && attr_is(n, "role", "doc-toc"))
			return first_elem(n->children, "ol");
		const xmlNode *in = find_toc(n->children);
		if (in)
			return in;
	}
	return NULL;
}

/* The file part of an href ("" for "#id"). */
static int href_in_file(const char *href, const char *file)
{
	size_t n = strlen(file);
	return strncmp(href, file, n) == 0 && (href[n] == '#' || href[n] == '\0');
}

/* Keeps the entries of this page's unit open and closes the others;
 * marks the unit's own entry as the current page.  Returns 1 when the list
 * holds an entry of this page. */
static int prune_toc(xmlNode *ol, const char *file, const char *index_file, const char *unit_href)
{
	int here = 0;
	for (xmlNode *li = ol->children; li; li = li->next) {
		if (li->type != XML_ELEMENT_NODE)
			continue;
		xmlNode *a = first_elem(li->children, "a");
		xmlChar *href = a ? xmlGetNoNsProp(a, BAD_CAST "href") : NULL;
		int mine = 0;
		if (href && href[0] == '#') {
			/* an entry on the index page itself */
			char *full = folio_xasprintf("%s%s", index_file, (const char *)href);
			xmlSetProp(a, BAD_CAST "href", BAD_CAST full);
			free(full);
			mine = strcmp(file, index_file) == 0;
		} else if (href) {
			mine = href_in_file((const char *)href, file);
			if (mine && unit_href && strcmp((const char *)href, unit_href) == 0)
				xmlSetProp(a, BAD_CAST "aria-current", BAD_CAST "page");
		}
		xmlFree(href);
		xmlNode *sub = first_elem(li->children, "ol");
		int inside = sub ? prune_toc(sub, file, index_file, unit_href) : 0;
		if (sub && !mine && !inside) {
			xmlUnlinkNode(sub);
			xmlFreeNode(sub);
		}
		here |= mine || inside;
		if (mine || inside)
			xmlSetProp(li, BAD_CAST "class", BAD_CAST "folio-here");
	}
	return here;
}

static void pager_link(xmlNode *nav, const char *rel, const char *href,
		       const char *dir, const char *title)
{
	xmlNode *a = add_link(nav, href, NULL, NULL);
	char *cls = folio_xasprintf("folio-%s", rel);
	xmlSetProp(a, BAD_CAST "class", BAD_CAST cls);
	free(cls);
	if (strcmp(rel, "up") != 0)
		xmlSetProp(a, BAD_CAST "rel", BAD_CAST rel);
	add(a, "span", "folio-pager-dir", dir);
	add(a, "span", "folio-pager-title", title);
}

static size_t chunk_by_kind(const struct folio_chunks *ch, const char *kind)
{
	for (size_t i = 0; i < ch->n; i++)
		if (strcmp(ch->v[i].kind, kind) == 0)
			return i;
	return (size_t)-1;
}

/* Dresses chunk i as a page of the site. */
static void site_page(struct site *s, size_t i)
{
	struct folio_chunk *c = &s->ch.v[i];
	const struct words *w = s->w;
	xmlNode *root = xmlDocGetRootElement(c->doc);
	xmlNode *head = first_elem(root->children, "head");
	xmlNode *body = first_elem(root->children, "body");
	int is_index = strcmp(c->file, s->index_file) == 0;

	char *title = is_index ? folio_xstrdup(w->title)
			       : folio_xasprintf("%s \xe2\x80\x94 %s", c->title, w->title);
	new_head(head, title);
	free(title);
	xmlNode *css = add(head, "link", NULL, NULL);
	xmlSetProp(css, BAD_CAST "rel", BAD_CAST "stylesheet");
	xmlSetProp(css, BAD_CAST "href", BAD_CAST SITE_CSS);

	xmlNode *unit = first_elem(body->children, NULL);
	if (unit)
		xmlUnlinkNode(unit);
	xmlSetProp(body, BAD_CAST "class", BAD_CAST(is_index ? "folio-site folio-home" : "folio-site"));
	add_link(body, "#" MAIN_ID, "skip-link", w->skip);
	if (!is_index) {
		xmlNode *header = add(body, "header", "folio-site-header", NULL);
		add_link(header, s->index_file, "folio-site-title", w->title);
		char *toc = folio_xasprintf("%s#toc", s->index_file);
		add_link(header, toc, "folio-toc-link", w->toc);
		free(toc);
		if (s->toc) {
			xmlNode *nav = add(body, "nav", "folio-side-toc", NULL);
			xmlSetProp(nav, BAD_CAST "aria-label", BAD_CAST w->toc);
			add(nav, "p", "folio-side-toc-title", w->toc);
			xmlNode *ol = xmlDocCopyNode((xmlNode *)s->toc, c->doc, 1);
			xmlAddChild(nav, ol);
			xmlChar *uid = unit ? xmlGetNoNsProp(unit, BAD_CAST "id") : NULL;
			char *unit_href = uid ? folio_xasprintf("%s#%s", c->file, (const char *)uid) : NULL;
			prune_toc(ol, c->file, s->index_file, unit_href);
			free(unit_href);
			xmlFree(uid);
		}
	}
	xmlNode *main = add(body, "main", "folio-main", NULL);
	xmlSetProp(main, BAD_CAST "id", BAD_CAST MAIN_ID);
	if (unit)
		xmlAddChild(main, unit);

	xmlNode *pager = add(body, "nav", "folio-pager", NULL);
	xmlSetProp(pager, BAD_CAST "aria-label", BAD_CAST w->pages);
	if (i > 0)
		pager_link(pager, "prev", s->ch.v[i - 1].file, w->prev, s->ch.v[i - 1].title);
	if (!is_index) {
		size_t up = s->up && s->up[i] ? chunk_by_kind(&s->ch, s->up[i]) : (size_t)-1;
		if (up != (size_t)-1) {
			pager_link(pager, "up", s->ch.v[up].file, "\xe2\x86\x91", s->ch.v[up].title);
		} else {
			char *toc = folio_xasprintf("%s#toc", s->index_file);
			pager_link(pager, "up", toc, "\xe2\x86\x91", w->toc);
			free(toc);
		}
	}
	if (i + 1 < s->ch.n)
		pager_link(pager, "next", s->ch.v[i + 1].file, w->next, s->ch.v[i + 1].title);
}

/* Writes the site into `tmp` (a fresh folder). */
static int site_write(struct site *s, const char *tmp, const unsigned char *css, size_t csslen,
		      const struct folio_images *im, int embed, xmlNs **grave)
{
	char *sub = folio_path_join(tmp, "css");
	int rc = make_dir(sub);
	free(sub);
	if (rc == 0) {
		char *path = folio_path_join(tmp, SITE_CSS);
		rc = write_file(path, css, csslen);
		free(path);
	}
	if (rc == 0 && !embed)
		rc = write_images(tmp, im, 0);
	for (size_t i = 0; rc == 0 && i < s->ch.n; i++) {
		site_page(s, i);
		xmlDocPtr doc = s->ch.v[i].doc;
		if (embed)
			embed_images(xmlDocGetRootElement(doc), im);
		htmlify(xmlDocGetRootElement(doc), grave);
		set_doctype(doc);
		char *text = NULL;
		size_t len = 0;
		rc = serialize(doc, &text, &len);
		if (rc == 0) {
			char *path = folio_path_join(tmp, s->ch.v[i].file);
			rc = write_file(path, text, len);
			free(path);
		}
		free(text);
	}
	return rc;
}

/* Moves the finished site `tmp` to `out`, replacing a previous site. */
static int site_commit(const char *tmp, const char *out)
{
	struct stat st;
	if (stat(out, &st) != 0)
		return rename(tmp, out);
	char *old = folio_xasprintf("%s.old-XXXXXX", out);
	int rc = -1;
	if (mkdtemp(old) == NULL)
		goto done;
	if (rename(out, old) != 0) {
		rmdir(old);
		goto done;
	}
	if (rename(tmp, out) != 0) {
		int e = errno;
		rename(old, out);
		errno = e;
		goto done;
	}
	remove_tree(old);
	rc = 0;
done:
	free(old);
	return rc;
}

/* ------------------------------------------------------------------------
 * The build
 * ------------------------------------------------------------------------ */

static char *strip_slashes(const char *path)
{
	char *s = folio_xstrdup(path);
	size_t n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		s[--n] = '\0';
	return s;
}

static int build_site(xmlDocPtr inter, const char *out_arg, const struct words *w,
		      const unsigned char *css, size_t csslen, const struct folio_images *im,
		      int embed, xmlNs **grave, struct folio_diags *d)
{
	int rc = 2;
	struct site s;
	memset(&s, 0, sizeof s);
	s.w = w;
	char *out = strip_slashes(out_arg);
	char *tmp = NULL;
	size_t nup = 0;

	if (replaceable(out) != 0) {
		folio_diag(d, FOLIO_R_OUTPUT, out, 0, 0,
			   "refusing to replace '%s': it is not a folder made by folio-html", out);
		goto out;
	}
	xmlNode *root = xmlDocGetRootElement(inter);
	xmlNode *body = first_elem(root->children, "body");
	if (body == NULL) {
		folio_diag(d, FOLIO_R_XSLT, NULL, 0, 0, "the stylesheet did not produce a <body>");
		goto out;
	}
	merge_index(body, w->title);
	s.up = read_ups(body, &nup);
	struct folio_chunk_opts co = {".html", NULL, 0, 1};
	if (folio_chunks_split(inter, &co, &s.ch, d) != 0)
		goto out;
	size_t index = chunk_by_kind(&s.ch, "index");
	s.index_file = index != (size_t)-1 ? s.ch.v[index].file : s.ch.v[0].file;
	if (index != (size_t)-1)
		s.toc = find_toc(xmlDocGetRootElement(s.ch.v[index].doc));

	tmp = folio_xasprintf("%s.tmp-XXXXXX", out);
	if (mkdtemp(tmp) == NULL) {
		folio_diag(d, FOLIO_R_OUTPUT, out, 0, 0, "cannot create a folder next to it: %s", strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	/* mkdtemp makes 0700; a site is as readable as any output. */
	mode_t um = umask(0);
	umask(um);
	chmod(tmp, 0777 & ~um);
	if (site_write(&s, tmp, css, csslen, im, embed, grave) != 0 || site_commit(tmp, out) != 0) {
		folio_diag(d, FOLIO_R_OUTPUT, out, 0, 0, "cannot write the site: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (tmp && rc != 0)
		remove_tree(tmp);
	free(tmp);
	for (size_t i = 0; i < nup; i++)
		free(s.up[i]);
	free(s.up);
	folio_chunks_free(&s.ch);
	free(out);
	return rc;
}

static int build_page(xmlDocPtr inter, const char *out, const struct words *w,
		      const unsigned char *css, size_t csslen, const struct folio_images *im,
		      int embed, xmlNs **grave, struct folio_diags *d)
{
	char *style = css_for_style(css, csslen);
	single_page(inter, w, style);
	free(style);
	xmlNode *root = xmlDocGetRootElement(inter);
	if (embed)
		embed_images(root, im);
	htmlify(root, grave);
	set_doctype(inter);
	char *text = NULL;
	size_t len = 0;
	int rc = serialize(inter, &text, &len);
	char *dir = folio_path_dir(out);
	if (rc == 0 && !embed)
		rc = write_images(dir, im, 1);
	if (rc == 0)
		rc = folio_atomic_write(out, text, len);
	if (rc != 0)
		folio_diag(d, FOLIO_R_OUTPUT, out, 0, 0, "cannot write the page: %s", strerror(errno));
	free(dir);
	free(text);
	return rc == 0 ? 0 : 2;
}

int folio_html_build(struct folio_checker *checker, const char *src, const char *out,
		     const struct folio_html_opts *o, struct folio_diags *d)
{
	int rc = 2;
	struct folio_front f;
	struct words w;
	memset(&f, 0, sizeof f);
	memset(&w, 0, sizeof w);
	char *xsl = NULL, *css = NULL;
	unsigned char *cssdata = NULL;
	size_t csslen = 0;
	xmlNs *grave = NULL;

	xsl = o->stylesheet ? folio_xstrdup(o->stylesheet) : folio_data_path("xslt/html.xsl");
	css = o->css ? folio_xstrdup(o->css) : folio_data_path("xslt/css/folio-web.css");
	if (xsl == NULL || css == NULL) {
		folio_diag(d, FOLIO_R_IO, NULL, 0, 0,
			   "Folio's stylesheets are not installed (set FOLIO_DATADIR)");
		goto out;
	}
	if ((cssdata = folio_media_read(css, MAX_CSS, &csslen)) == NULL) {
		folio_diag(d, FOLIO_R_IO, css, 0, 0, "cannot read the CSS: %s", strerror(errno));
		goto out;
	}
	rc = folio_front_run(checker, src, xsl, o->params, o->exiting, d, &f);
	if (rc != 0)
		goto out;
	rc = 2;
	xmlNode *root = xmlDocGetRootElement(f.inter);
	if (root == NULL || strcmp((const char *)root->name, "html") != 0 ||
	    first_elem(root->children, "head") == NULL || first_elem(root->children, "body") == NULL) {
		folio_diag(d, FOLIO_R_XSLT, xsl, 0, 0, "the stylesheet did not produce an <html> document with head and body");
		goto out;
	}
	words_read(first_elem(root->children, "head"), &w);
	if (o->chunk)
		rc = build_site(f.inter, out, &w, cssdata, csslen, &f.im, o->embed_images, &grave, d);
	else
		rc = build_page(f.inter, out, &w, cssdata, csslen, &f.im, o->embed_images, &grave, d);
	if (o->exiting) {
		folio_keep(f.inter);
		f.inter = NULL;
	}
out:
	folio_front_free(&f);
	if (grave)
		xmlFreeNsList(grave);
	words_free(&w);
	free(cssdata);
	free(xsl);
	free(css);
	return rc;
}
