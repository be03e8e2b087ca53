/* cmpepub.c — an EPUB as folio-compare sees it: the spine's content
 * documents as one tree of blocks, the package document's metadata.
 *
 * The archive is opened with the safe reader (epubread.h: zip slip, zip
 * bombs and damaged entries stop there), and with validation on it is
 * checked first as folio-check does.  Each content document of the spine
 * is parsed from memory with the network off, no DTD and no entity loaded,
 * errors caught on the parser context (load.c owns libxml2's global
 * handler).  The XHTML becomes units by the walk that builds DocBook's
 * (cmpwalk.c), this file's classify saying what each element is: one
 * "content document" per spine entry under the publication; sections and
 * articles with their h1–h6 titles; paragraphs, lists and their items,
 * definition lists, tables, rows and cells, figures and captions, images'
 * text alternatives, footnotes (aside epub:type="footnote").  What Folio's
 * stylesheets generate is left out, so two Folio EPUBs of correct
 * translations compare clean: labels (span class="label"), back-links
 * (role="doc-backlink"), page-break markers, the navigation document's
 * lists, the numbers of note references and the text of cross-references
 * (class="xref"), which stand as xref marks as DocBook xrefs do.  Places
 * are "BOOK.epub/ENTRY:LINE:COL"; libxml2 2.9 keeps lines, not columns,
 * so a column is found again in the entry's text (the k-th "<name" of its
 * line). */
#include "cmpwalk.h"
#include "epubread.h"
#include "ident.h"
#include "meta.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#define XHTML_NS "http://www.w3.org/1999/xhtml"
#define OPS_NS "http://www.idpf.org/2007/ops"
#define OPF_NS "http://www.idpf.org/2007/opf"
#define DC_NS "http://purl.org/dc/elements/1.1/"
#define CONT_NS "urn:oasis:names:tc:opendocument:xmlns:container"

struct cdoc {
	xmlDocPtr doc;
	char *text;             /* the entry's text, for columns */
	size_t len;
	char *file;             /* "BOOK.epub/ENTRY" */
	char *name;             /* the entry's name */
};

struct cmp_epub {
	struct cdoc *v;         /* the spine's documents, then the package */
	size_t n;
	struct cdoc *opf;       /* in v, or NULL */
};

int cmp_is_epub(const char *path)
{
	size_t n = path ? strlen(path) : 0;
	return n >= 5 && (strcmp(path + n - 5, ".epub") == 0 || strcmp(path + n - 5, ".EPUB") == 0);
}

/* ---- parsing ----------------------------------------------------------- */

/* Reads and parses entry `name` into a new document of e; NULL when it is
 * missing, unreadable or not well-formed (reported). */
static struct cdoc *parse_entry(struct cmp_epub *ce, struct folio_epub *e, const char *name,
				struct folio_diags *d)
{
	long i = folio_epub_find(e, name);
	char *file = folio_epub_display(e, name);
	size_t len = 0;
	unsigned char *text = NULL;
	if (i < 0) {
		folio_diag(d, FOLIO_R_EPUB_SPINE, file, 0, 0, "the entry is not in the archive");
		free(file);
		return NULL;
	}
	if ((text = folio_epub_read(e, (size_t)i, &len, d)) == NULL) {
		free(file);
		return NULL;
	}
	xmlDocPtr doc = NULL;
	int line, col;
	char *msg;
	int r = folio_epub_parse((const char *)text, len, name, &doc, &line, &col, &msg);
	if (r != 0 || xmlDocGetRootElement(doc) == NULL) {
		folio_diag(d, FOLIO_R_EPUB_XML, file, line, col, "not well-formed XML: %s",
			   msg ? msg : r >= 0 ? "the parser gave up" : "too large");
		xmlFreeDoc(doc);
		free(msg);
		free(text);
		free(file);
		return NULL;
	}
	ce->v = folio_xrealloc(ce->v, (ce->n + 1) * sizeof *ce->v);
	struct cdoc *c = &ce->v[ce->n++];
	c->doc = doc;
	c->text = (char *)text;
	c->len = len;
	c->file = file;
	c->name = folio_xstrdup(name);
	return c;
}

void cmp_epub_free(struct cmp_epub *e)
{
	if (e == NULL)
		return;
	for (size_t i = 0; i < e->n; i++) {
		xmlFreeDoc(e->v[i].doc);
		free(e->v[i].text);
		free(e->v[i].file);
		free(e->v[i].name);
	}
	free(e->v);
	free(e);
}

/* ---- small tree helpers ------------------------------------------------- */

static int in_ns(const xmlNode *n, const char *ns)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, ns) == 0;
}

static int is_el(const xmlNode *n, const char *ns, const char *name)
{
	return in_ns(n, ns) && strcmp((const char *)n->name, name) == 0;
}

static const char *attr(const xmlNode *n, const char *name, const char *ns)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (strcmp((const char *)a->name, name) != 0)
			continue;
		if (ns ? (a->ns == NULL || strcmp((const char *)a->ns->href, ns) != 0) : a->ns != NULL)
			continue;
		if (a->children && a->children->type == XML_TEXT_NODE && a->children->next == NULL)
			return (const char *)a->children->content;
		return "";
	}
	return NULL;
}

static int has_token(const char *list, const char *word)
{
	size_t wl = strlen(word);
	for (const char *p = list; p && *p;) {
		p += strspn(p, " \t\r\n");
		size_t l = strcspn(p, " \t\r\n");
		if (l == wl && memcmp(p, word, l) == 0)
			return 1;
		p += l;
	}
	return 0;
}

static int has_class(const xmlNode *n, const char *c)
{
	return has_token(attr(n, "class", NULL), c);
}

static int has_type(const xmlNode *n, const char *t)
{
	return has_token(attr(n, "type", OPS_NS), t) || has_token(attr(n, "role", NULL), t);
}

static const char *id_of(const xmlNode *n)
{
	const char *id = attr(n, "id", NULL);
	return id ? id : attr(n, "id", (const char *)XML_XML_NAMESPACE);
}

static char *text_of(const xmlNode *n)
{
	xmlChar *s = xmlNodeGetContent(n);
	size_t l;
	char *t = cmp_fold(s ? (const char *)s : "", s ? strlen((const char *)s) : 0, &l);
	xmlFree(s);
	return t;
}

/* ---- XHTML to units ----------------------------------------------------- */

enum ekind { E_SECTION, E_BLOCK, E_TEXT, E_SKIP, E_INLINE, E_PASS };

struct elem {
	const char *name;
	enum ekind kind;
	const char *label, *plural;
	int flag;               /* E_TEXT: 1 = program text; E_INLINE: inline_kind + 1 */
};

/* Pairing classes: an index into this table, past DocBook's. */
#define CLS_BASE 1000

static const struct elem elems[] = {
	{"section", E_SECTION, "section", "sections", 0},               /* 0 */
	{"chapter", E_SECTION, "chapter", "chapters", 0},
	{"appendix", E_SECTION, "appendix", "appendices", 0},
	{"preface", E_SECTION, "preface", "prefaces", 0},
	{"part", E_SECTION, "part", "parts", 0},
	{"article", E_SECTION, "article", "articles", 0},               /* 5 */
	{"glossary", E_SECTION, "glossary", "glossaries", 0},
	{"bibliography", E_SECTION, "bibliography", "bibliographies", 0},
	{"body", E_SECTION, "content document", "content documents", 0},
	{"h", E_TEXT, "title", "titles", 0},
	{"p", E_TEXT, "paragraph", "paragraphs", 0},                    /* 10 */
	{"ul", E_BLOCK, "list", "lists", 0},
	{"ol", E_BLOCK, "numbered list", "numbered lists", 0},
	{"li", E_BLOCK, "list item", "list items", 0},
	{"dl", E_BLOCK, "definition list", "definition lists", 0},
	{"dt", E_TEXT, "term", "terms", 0},                             /* 15 */
	{"dd", E_BLOCK, "definition", "definitions", 0},
	{"table", E_BLOCK, "table", "tables", 0},
	{"caption", E_TEXT, "caption", "captions", 0},
	{"thead", E_BLOCK, "table head", "table heads", 0},
	{"tbody", E_BLOCK, "table body", "table bodies", 0},            /* 20 */
	{"tfoot", E_BLOCK, "table foot", "table feet", 0},
	{"tr", E_BLOCK, "table row", "table rows", 0},
	{"td", E_TEXT, "table cell", "table cells", 0},
	{"figure", E_BLOCK, "figure", "figures", 0},
	{"figcaption", E_TEXT, "caption", "captions", 0},               /* 25 */
	{"img", E_TEXT, "text alternative", "text alternatives", 0},
	{"footnote", E_BLOCK, "footnote", "footnotes", 0},
	{"aside", E_BLOCK, "sidebar", "sidebars", 0},
	{"blockquote", E_BLOCK, "block quotation", "block quotations", 0},
	{"pre", E_TEXT, "program listing", "program listings", 1},      /* 30 */
	{"note", E_BLOCK, "note", "notes", 0},
	{"address", E_TEXT, "address", "addresses", 0},
	{"skip", E_SKIP, NULL, NULL, 0},
	{"pass", E_PASS, NULL, NULL, 0},
	{"em", E_INLINE, NULL, NULL, I_EMPHASIS + 1},                   /* 35 */
	{"q", E_INLINE, NULL, NULL, I_QUOTE + 1},
	{"cite", E_INLINE, NULL, NULL, I_CITETITLE + 1},
	{"sup", E_INLINE, NULL, NULL, I_SUP + 1},
	{"sub", E_INLINE, NULL, NULL, I_SUB + 1},
	{"code", E_INLINE, NULL, NULL, I_CODE + 1},                     /* 40 */
	{"a", E_INLINE, NULL, NULL, I_LINK + 1},
	{"xref", E_INLINE, NULL, NULL, I_XREF + 1},
	{"inline", E_INLINE, NULL, NULL, 0},
};

enum {
	X_SECTION, X_CHAPTER, X_APPENDIX, X_PREFACE, X_PART, X_ARTICLE, X_GLOSSARY, X_BIBLIO,
	X_BODY, X_H, X_P, X_UL, X_OL, X_LI, X_DL, X_DT, X_DD, X_TABLE, X_CAPTION, X_THEAD,
	X_TBODY, X_TFOOT, X_TR, X_TD, X_FIGURE, X_FIGCAPTION, X_IMG, X_FOOTNOTE, X_ASIDE,
	X_BLOCKQUOTE, X_PRE, X_NOTE, X_ADDRESS, X_SKIP, X_PASS, X_EM, X_Q, X_CITE, X_SUP,
	X_SUB, X_CODE, X_A, X_XREF, X_INLINE
};

struct xname {
	const char *name;
	int x;
};

static const struct xname names[] = {
	{"a", X_A}, {"abbr", X_INLINE}, {"address", X_ADDRESS}, {"article", X_ARTICLE},
	{"aside", X_ASIDE}, {"audio", X_SKIP}, {"b", X_EM}, {"blockquote", X_BLOCKQUOTE},
	{"body", X_BODY}, {"caption", X_CAPTION}, {"cite", X_CITE}, {"code", X_CODE},
	{"col", X_SKIP}, {"colgroup", X_SKIP}, {"dd", X_DD}, {"div", X_PASS}, {"dl", X_DL},
	{"dt", X_DT}, {"em", X_EM}, {"figcaption", X_FIGCAPTION}, {"figure", X_FIGURE},
	{"footer", X_PASS}, {"h1", X_H}, {"h2", X_H}, {"h3", X_H}, {"h4", X_H}, {"h5", X_H},
	{"h6", X_H}, {"head", X_SKIP}, {"header", X_PASS}, {"hgroup", X_PASS}, {"i", X_EM},
	{"img", X_IMG}, {"kbd", X_CODE}, {"li", X_LI}, {"main", X_PASS}, {"math", X_SKIP},
	{"nav", X_SKIP}, {"ol", X_OL}, {"p", X_P}, {"pre", X_PRE}, {"q", X_Q},
	{"samp", X_CODE}, {"script", X_SKIP}, {"section", X_SECTION}, {"source", X_SKIP},
	{"strong", X_EM}, {"style", X_SKIP}, {"sub", X_SUB}, {"sup", X_SUP}, {"svg", X_SKIP},
	{"table", X_TABLE}, {"tbody", X_TBODY}, {"td", X_TD}, {"template", X_SKIP},
	{"tfoot", X_TFOOT}, {"th", X_TD}, {"thead", X_THEAD}, {"tr", X_TR}, {"tt", X_CODE},
	{"var", X_CODE}, {"video", X_SKIP},
};

static int name_cmp(const void *key, const void *e)
{
	return strcmp(key, *(const char *const *)e);
}

/* What Folio's stylesheets generate rather than translate. */
static int generated(const xmlNode *n)
{
	const char *name = (const char *)n->name;
	if (has_class(n, "label") || has_class(n, "pagebreak") || has_type(n, "pagebreak") ||
	    has_type(n, "doc-pagebreak") || has_type(n, "doc-backlink") ||
	    has_class(n, "footnote-backlink"))
		return 1;
	/* The imprint's identifiers, which the package document carries and
	 * the metadata checks compare (each edition has its own ISBN). */
	if (has_class(n, "isbn") || has_class(n, "issn") || has_class(n, "original-edition"))
		return 1;
	/* Navigation: the table of contents, landmarks, page list (titles
	 * and labels the stylesheets copy from the document). */
	if (strcmp(name, "nav") == 0 || has_type(n, "toc") || has_type(n, "doc-toc"))
		return 1;
	return 0;
}

static int kind_of(const xmlNode *n)
{
	if (!in_ns(n, XHTML_NS))
		return X_INLINE;
	if (generated(n))
		return X_SKIP;
	const char *name = (const char *)n->name;
	const void *hit = bsearch(name, names, sizeof names / sizeof names[0], sizeof names[0], name_cmp);
	int x = hit ? ((const struct xname *)hit)->x : X_INLINE;
	if (x == X_SECTION || x == X_ARTICLE) {
		static const struct {
			const char *type;
			int x;
		} kinds[] = {
			{"chapter", X_CHAPTER}, {"appendix", X_APPENDIX}, {"preface", X_PREFACE},
			{"foreword", X_PREFACE}, {"introduction", X_PREFACE}, {"part", X_PART},
			{"glossary", X_GLOSSARY}, {"bibliography", X_BIBLIO},
		};
		for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
			if (has_type(n, kinds[i].type) || has_class(n, kinds[i].type))
				return kinds[i].x;
		return x;
	}
	if (x == X_ASIDE) {
		if (has_type(n, "footnote") || has_type(n, "doc-footnote") || has_type(n, "endnote") ||
		    has_type(n, "rearnote") || has_class(n, "footnote"))
			return X_FOOTNOTE;
		return X_ASIDE;
	}
	if (x == X_PASS && (has_class(n, "admonition") || has_class(n, "note") ||
			    has_class(n, "sidebar")))
		return has_class(n, "sidebar") ? X_ASIDE : X_NOTE;
	if (x == X_A && (has_class(n, "xref") || has_type(n, "noteref") || has_type(n, "doc-noteref")))
		return X_XREF;
	return x;
}

/* The fragment of an href to the publication itself ("#id", "ch.xhtml#id"),
 * or NULL for a URL with a scheme or without a fragment. */
static const char *internal_fragment(const char *href)
{
	const char *hash = strchr(href, '#');
	const char *colon = strchr(href, ':'), *slash = strchr(href, '/');
	if (colon && (slash == NULL || colon < slash) && (hash == NULL || colon < hash))
		return NULL;
	return hash ? hash + 1 : NULL;
}

static int has_scheme(const char *href)
{
	const char *colon = strchr(href, ':');
	return colon && colon > href && strcspn(href, "/?#") > (size_t)(colon - href);
}

/* Element n as a unit of kind x (an index into elems). */
static void as_unit(int x, const xmlNode *n, struct walk_elem *w)
{
	const struct elem *e = &elems[x];
	memset(w, 0, sizeof *w);
	w->kind = W_UNIT;
	w->id = id_of(n);
	w->label = e->label;
	w->plural = e->plural;
	w->cls = CLS_BASE + x;
	w->unit = e->kind == E_SECTION ? U_SECTION : e->kind == E_TEXT ? U_TEXT : U_BLOCK;
	w->code = e->kind == E_TEXT && e->flag == 1;
	if (x == X_IMG) {
		/* An image's text is its text alternative. */
		const char *alt = attr(n, "alt", NULL);
		w->text = alt ? alt : "";
	}
}

/* What the walk makes of an XHTML element (cmpwalk.h). */
static void classify(const xmlNode *n, struct walk_elem *w)
{
	int x = kind_of(n);
	memset(w, 0, sizeof *w);
	if (x == X_SKIP) {
		w->kind = W_SKIP;
		return;
	}
	if (in_ns(n, XHTML_NS) && strcmp((const char *)n->name, "br") == 0) {
		w->kind = W_SPACE;
		return;
	}
	if (x == X_PASS) {
		w->kind = W_PASS;
		return;
	}
	if (elems[x].kind != E_INLINE) {
		as_unit(x, n, w);
		return;
	}
	w->kind = W_INLINE;
	w->id = id_of(n);
	w->flag = elems[x].flag;
	const char *href = in_ns(n, XHTML_NS) && strcmp((const char *)n->name, "a") == 0
				   ? attr(n, "href", NULL) : NULL;
	const char *frag = href ? internal_fragment(href) : NULL;
	if (x == X_XREF) {
		/* Generated text (a cross-reference's label and title, a
		 * note's number): a mark holds its place. */
		w->xref = 1;
		w->generated = 1;
		w->target = frag ? frag : "";
	} else if (href && frag && !has_scheme(href)) {
		w->fragment = frag;
	} else if (href && has_scheme(href)) {
		w->url = href;          /* mailto: too, which the walk strips */
	}
}

/* ---- the package -------------------------------------------------------- */

static char *container_rootfile(struct cmp_epub *ce, struct folio_epub *e, struct folio_diags *d)
{
	struct cdoc *c = parse_entry(ce, e, "META-INF/container.xml", d);
	if (c == NULL)
		return NULL;
	char *path = NULL;
	for (xmlNode *rf = xmlDocGetRootElement(c->doc)->children; rf && !path; rf = rf->next) {
		if (!is_el(rf, CONT_NS, "rootfiles"))
			continue;
		for (xmlNode *f = rf->children; f && !path; f = f->next) {
			const char *fp = is_el(f, CONT_NS, "rootfile") ? attr(f, "full-path", NULL) : NULL;
			if (fp && *fp)
				path = folio_xstrdup(fp);
		}
	}
	/* The container is of no further use: drop it (it is the last). */
	ce->n--;
	xmlFreeDoc(c->doc);
	free(c->text);
	free(c->file);
	free(c->name);
	return path;
}

static xmlNode *opf_metadata(const struct cmp_epub *ce)
{
	if (ce == NULL || ce->opf == NULL)
		return NULL;
	for (xmlNode *m = xmlDocGetRootElement(ce->opf->doc)->children; m; m = m->next)
		if (is_el(m, OPF_NS, "metadata"))
			return m;
	return NULL;
}

xmlNode *cmp_epub_info(const struct tree *t)
{
	xmlNode *m = opf_metadata(t->epub);
	return m ? m : xmlDocGetRootElement(t->doc->doc);
}

static char *isbn_of(const char *s)
{
	struct folio_isbn isbn;
	if (s == NULL)
		return NULL;
	if (strncmp(s, "urn:isbn:", 9) == 0)
		s += 9;
	if (folio_isbn_parse(s, &isbn) == FOLIO_ID_OK)
		return folio_xstrdup(isbn.digits);
	return NULL;
}

static void set_once(char **field, char *value)
{
	if (*field == NULL)
		*field = value;
	else
		free(value);
}

void cmp_epub_meta(const struct tree *t, struct folio_meta *m)
{
	memset(m, 0, sizeof *m);
	xmlNode *md = opf_metadata(t->epub);
	const char *series = NULL;
	for (xmlNode *c = md ? md->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		char *v = text_of(c);
		if (is_el(c, DC_NS, "identifier") && strncmp(v, "urn:isbn:", 9) == 0)
			set_once(&m->isbn_epub, isbn_of(v));
		else if (is_el(c, DC_NS, "source") && strncmp(v, "urn:isbn:", 9) == 0)
			set_once(&m->isbn_print, isbn_of(v));
		else if (is_el(c, DC_NS, "relation") && strncmp(v, "urn:isbn:", 9) == 0)
			set_once(&m->isversionof, isbn_of(v));
		else if (is_el(c, DC_NS, "language"))
			set_once(&m->lang, folio_xstrdup(v));
		else if (is_el(c, DC_NS, "title"))
			set_once(&m->title, folio_xstrdup(v));
		else if (is_el(c, OPF_NS, "meta") && series == NULL) {
			const char *p = attr(c, "property", NULL);
			if (p && strcmp(p, "belongs-to-collection") == 0) {
				series = attr(c, "id", NULL);
				set_once(&m->series_title, folio_xstrdup(v));
			}
		}
		free(v);
	}
	/* The series' refinements: its number and its ISSN. */
	for (xmlNode *c = md && series ? md->children : NULL; c; c = c->next) {
		const char *r = is_el(c, OPF_NS, "meta") ? attr(c, "refines", NULL) : NULL;
		const char *p = r ? attr(c, "property", NULL) : NULL;
		if (p == NULL || r[0] != '#' || strcmp(r + 1, series) != 0)
			continue;
		char *v = text_of(c);
		if (strcmp(p, "group-position") == 0)
			set_once(&m->volume, folio_xstrdup(v));
		else if (strcmp(p, "dcterms:identifier") == 0)
			set_once(&m->issn, folio_xstrdup(strncmp(v, "urn:issn:", 9) == 0 ? v + 9 : v));
		free(v);
	}
	if (m->lang == NULL)
		m->lang = folio_xstrdup(t->lang[0] ? t->lang : "en");
}

/* ---- places -------------------------------------------------------------- */

static int column_of(const struct cdoc *x, const xmlNode *node, long line)
{
	return folio_epub_text_column(x->doc, x->text, x->len, node, line);
}

void cmp_epub_locate(const struct tree *t, const xmlNode *node, struct folio_loc *loc)
{
	loc->file = t->doc->path;
	loc->line = 0;
	loc->col = 0;
	if (node && node->type == XML_ATTRIBUTE_NODE)
		node = node->parent;
	if (node == NULL || t->epub == NULL)
		return;
	const struct cdoc *x = NULL;
	for (size_t i = 0; i < t->epub->n && !x; i++)
		if (t->epub->v[i].doc == node->doc)
			x = &t->epub->v[i];
	if (x == NULL)
		return;
	loc->file = x->file;
	long line = xmlGetLineNo(node);
	loc->line = line > 0 ? (int)line : 0;
	if (line > 0 && node->type == XML_ELEMENT_NODE)
		loc->col = column_of(x, node, line);
}

/* ---- loading -------------------------------------------------------------- */

static char *html_lang(xmlDocPtr doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlChar *l = root ? xmlNodeGetLang(root) : NULL;
	const char *h = root && l == NULL ? attr(root, "lang", NULL) : NULL;
	char *out = l ? folio_xstrdup((const char *)l) : h ? folio_xstrdup(h) : NULL;
	xmlFree(l);
	return out;
}

int cmp_epub_load(const char *path, int validate, struct folio_diags *d, struct tree *t)
{
	struct folio_diags quiet, *dd = d;
	struct folio_epub *e = NULL;
	char **spine = NULL;
	size_t nspine = 0;
	int rc;

	memset(t, 0, sizeof *t);
	folio_diags_init(&quiet);
	if (validate) {
		/* folio-check's checks say everything about the archive; what
		 * opening and reading say again is not repeated. */
		rc = folio_epub_check(path, d);
		if (rc == 2)
			goto out;
		dd = &quiet;
	}
	rc = folio_epub_open(path, dd, &e);
	if (rc != 0)
		goto out;
	struct cmp_epub *ce = folio_xcalloc(1, sizeof *ce);
	t->epub = ce;
	t->doc = folio_xcalloc(1, sizeof *t->doc);
	t->doc->path = folio_xstrdup(path);

	char *opf = container_rootfile(ce, e, dd);
	if (opf)
		ce->opf = parse_entry(ce, e, opf, dd);
	free(opf);
	nspine = folio_epub_spine(e, dd, &spine);
	if (nspine == 0) {
		if (!validate || d->count[FOLIO_ERROR] == 0)
			folio_diag(d, FOLIO_R_EPUB_SPINE, path, 0, 0,
				   "no content documents to compare: the spine is empty or cannot be read");
		rc = 1;
		goto out;
	}
	size_t first = ce->n;
	for (size_t i = 0; i < nspine; i++) {
		struct cdoc *c = parse_entry(ce, e, spine[i], dd);
		if (c == NULL) {
			if (validate && d->count[FOLIO_ERROR] == 0)
				folio_diag(d, FOLIO_R_EPUB_XML, path, 0, 0,
					   "the content document %s cannot be read", spine[i]);
			rc = 1;
			goto out;
		}
	}
	if (ce->opf)    /* the array moved */
		ce->opf = &ce->v[first - 1];

	/* The document's language: the package's, else the first content
	 * document's. */
	struct folio_meta m;
	free(t->lang);
	t->lang = folio_xstrdup("");
	cmp_epub_meta(t, &m);
	int declared = 0;
	for (xmlNode *c = opf_metadata(ce) ? opf_metadata(ce)->children : NULL; c; c = c->next)
		declared |= is_el(c, DC_NS, "language");
	free(t->lang);
	t->lang = declared ? folio_xstrdup(m.lang) : html_lang(ce->v[first].doc);
	if (t->lang == NULL)
		t->lang = folio_xstrdup("");
	folio_meta_free(&m);

	/* A root of its own for the publication: the content documents hang
	 * under it, each in its own document. */
	t->doc->doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = xmlNewDocNode(t->doc->doc, NULL, BAD_CAST "publication", NULL);
	xmlDocSetRootElement(t->doc->doc, root);
	struct walk_elem w;
	as_unit(X_BODY, root, &w);
	w.label = "publication";
	w.plural = "publications";
	w.cls = CLS_BASE - 1;
	int top = cmp_walk_add(t, root, &w, -1, 0);
	t->u[top].text = folio_xstrdup("");
	for (size_t i = first; i < ce->n; i++) {
		xmlNode *html = xmlDocGetRootElement(ce->v[i].doc);
		xmlNode *body = NULL;
		for (xmlNode *c = html->children; c && !body; c = c->next)
			if (is_el(c, XHTML_NS, "body"))
				body = c;
		if (body == NULL)
			body = html;
		as_unit(X_BODY, body, &w);
		cmp_walk_unit(t, body, &w, top, 1, classify);
	}
	cmp_tree_finish(t);
	rc = 0;
out:
	if (rc != 0 && validate && quiet.count[FOLIO_ERROR] > 0 && d->count[FOLIO_ERROR] == 0)
		for (size_t i = 0; i < quiet.n; i++) {
			const struct folio_diag *r = &quiet.v[i];
			folio_diag_id(d, r->rule, r->sev, r->file, r->line, r->col, "%s", r->msg);
		}
	for (size_t i = 0; i < nspine; i++)
		free(spine[i]);
	free(spine);
	folio_epub_close(e);
	folio_diags_free(&quiet);
	if (rc != 0)
		cmp_tree_free(t);
	return rc;
}
