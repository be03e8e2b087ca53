/* rngintro.c — a model of a RELAX NG grammar, and a replay of documents
 * against it that explains what libxml2 only rejects.
 *
 * The model is the grammar's patterns after the easy part of RELAX NG
 * simplification: defines merged by name per grammar scope, include and
 * externalRef inlined, optional/zeroOrMore/mixed rewritten, refs kept as
 * links.  The replay is James Clark's derivative algorithm — an element's
 * attributes first, then its children by name and text — with hash-consed
 * derived patterns and memoised derivatives, so a whole book costs a few
 * hash look-ups per element.  Where it cannot decide (an except inside
 * data, list contents, rare facets) it accepts: it must never report what
 * libxml2 accepts.  All mutable state of a replay or query lives in a
 * workspace made per call, so a model may be shared. */
#include "rngintro.h"
#include "buf.h"
#include "xalloc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xmlregexp.h>
#include <libxml/xmlschemastypes.h>

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define XML_NS "http://www.w3.org/XML/1998/namespace"
#define XSD_LIB "http://www.w3.org/2001/XMLSchema-datatypes"
#define XSD_NS "http://www.w3.org/2001/XMLSchema"
#define MAX_SCHEMA (64u << 20)   /* bytes; DocBook's RNG is half a megabyte */

enum ptype {
	P_EMPTY, P_NOTALLOWED, P_TEXT, P_DATA, P_VALUE, P_LIST, P_ATTRIBUTE,
	P_ELEMENT, P_REF, P_CHOICE, P_GROUP, P_INTERLEAVE, P_ONEORMORE
};
/* The first three patterns of every model, shared by derived patterns. */
enum { EMPTY = 0, NOTALLOWED = 1, TEXT = 2 };

/* DATA: a = type name (a string; -1 outside the XSD and built-in libraries),
 * b = its first parameter or -1;
 * VALUE: a = the value (a string), b = 1 when compared as a string, not as
 * a token; LIST: a = content; ATTRIBUTE, ELEMENT: a = name class,
 * b = content; REF: a = define; CHOICE, GROUP, INTERLEAVE: a, b;
 * ONEORMORE: a. */
struct pat {
	unsigned char type;
	int a, b;
};

enum nctype { NC_NAME, NC_ANY, NC_NSNAME, NC_CHOICE };
/* NAME: a = name; ANY: a = except or -1; NSNAME: a = namespace, b = except
 * or -1; CHOICE: a, b. */
struct nc {
	unsigned char type;
	int a, b;
};

struct qname {
	int ns;
	char *local;
	char *display;
};

struct define {
	int pat;                 /* -1 until defined */
	char *name;
};

/* A datatype parameter (facet); those of one <data> are chained. */
struct param {
	char *name, *value;
	xmlRegexpPtr re;         /* "pattern", compiled */
	int next;
};

/* Open-addressing maps: strings to ints and 64-bit keys to ints. */
struct smap {
	char **k;
	int *v;
	size_t cap, n;
};

struct imap {
	uint64_t *k;             /* 0 = free slot; keys are stored plus one */
	int *v;
	size_t cap, n;
};

struct folio_rng {
	struct pat *p;
	size_t np, pcap;
	struct nc *nc;
	size_t nnc, nccap;
	struct qname *names;
	size_t nnames, namecap;
	struct smap name_ix;     /* "ns\x1flocal" -> name */
	char **nss;              /* namespace URIs ("" included) */
	char **nsprefix;         /* a prefix for each, or NULL */
	size_t nns, nscap;
	struct smap ns_ix;
	char **strs;             /* values and datatype names */
	size_t nstrs, strcap;
	struct param *params;
	size_t nparams, paramcap;
	struct define *defs;
	size_t ndefs, defcap;
	struct smap def_ix;      /* "scope\x1fname" -> define */
	int *elems;              /* every ELEMENT pattern */
	size_t nelems, elemcap;
	int start;
	int primary_ns;          /* the grammar's ns="…": shown without prefix */
};

/* ---- Maps ---------------------------------------------------------------- */

static uint64_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static int smap_get(const struct smap *m, const char *key)
{
	if (m->cap == 0)
		return -1;
	for (size_t i = str_hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (m->k[i] == NULL)
			return -1;
		if (strcmp(m->k[i], key) == 0)
			return m->v[i];
	}
}

static void smap_put(struct smap *m, const char *key, int v)
{
	if (2 * (m->n + 1) > m->cap) {
		struct smap old = *m;
		m->cap = old.cap ? old.cap * 2 : 64;
		m->k = folio_xcalloc(m->cap, sizeof *m->k);
		m->v = folio_xcalloc(m->cap, sizeof *m->v);
		m->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.k[i] != NULL) {
				size_t j = str_hash(old.k[i]) & (m->cap - 1);
				while (m->k[j] != NULL)
					j = (j + 1) & (m->cap - 1);
				m->k[j] = old.k[i];
				m->v[j] = old.v[i];
				m->n++;
			}
		free(old.k);
		free(old.v);
	}
	size_t i = str_hash(key) & (m->cap - 1);
	while (m->k[i] != NULL && strcmp(m->k[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	if (m->k[i] == NULL) {
		m->k[i] = folio_xstrdup(key);
		m->n++;
	}
	m->v[i] = v;
}

static void smap_free(struct smap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->k[i]);
	free(m->k);
	free(m->v);
}

static size_t key_slot(uint64_t key, size_t cap)
{
	return (size_t)((key * 0x9E3779B97F4A7C15u) >> 17) & (cap - 1);
}

static int imap_get(const struct imap *m, uint64_t key, int *out)
{
	if (m->cap == 0)
		return 0;
	key++;
	for (size_t i = key_slot(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
		if (m->k[i] == 0)
			return 0;
		if (m->k[i] == key) {
			*out = m->v[i];
			return 1;
		}
	}
}

static void imap_put(struct imap *m, uint64_t key, int v)
{
	if (2 * (m->n + 1) > m->cap) {
		struct imap old = *m;
		m->cap = old.cap ? old.cap * 2 : 256;
		m->k = folio_xcalloc(m->cap, sizeof *m->k);
		m->v = folio_xcalloc(m->cap, sizeof *m->v);
		for (size_t i = 0; i < old.cap; i++)
			if (old.k[i] != 0) {
				size_t j = key_slot(old.k[i], m->cap);
				while (m->k[j] != 0)
					j = (j + 1) & (m->cap - 1);
				m->k[j] = old.k[i];
				m->v[j] = old.v[i];
			}
		free(old.k);
		free(old.v);
	}
	key++;
	size_t i = key_slot(key, m->cap);
	while (m->k[i] != 0 && m->k[i] != key)
		i = (i + 1) & (m->cap - 1);
	if (m->k[i] == 0)
		m->n++;
	m->k[i] = key;
	m->v[i] = v;
}

static void imap_free(struct imap *m)
{
	free(m->k);
	free(m->v);
}

static uint64_t key3(int type, int a, int b)
{
	return ((uint64_t)type << 58) | ((uint64_t)(uint32_t)(a + 2) << 29) | (uint32_t)(b + 2);
}

/* ---- Reading schema files ---------------------------------------------- */

struct readerr {
	char *msg;
};

static char *trimmed(const char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	return folio_xstrndup(s, n);
}

static void on_read_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr c = data;
	struct readerr *r = c ? c->_private : NULL;
	if (r == NULL || e == NULL || e->level < XML_ERR_ERROR || r->msg != NULL)
		return;
	char *m = trimmed(e->message ? e->message : "error");
	if (e->line > 0)
		r->msg = folio_xasprintf("line %d: %s", e->line, m);
	else
		r->msg = folio_xstrdup(m);
	free(m);
}

/* Read into memory first: parsing by file name would go through libxml2's
 * process-wide external-entity loader, which load.c swaps for its confined
 * one while another thread loads a document. */
static char *slurp(const char *path, size_t *len, char **err)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		*err = folio_xasprintf("cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = folio_xmalloc(cap);
	for (;;) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap || n >= MAX_SCHEMA)
			break;
		cap *= 2;
		buf = folio_xrealloc(buf, cap);
	}
	int bad = ferror(f) || n >= MAX_SCHEMA;
	fclose(f);
	if (bad) {
		*err = folio_xasprintf("cannot read %s%s", path, n >= MAX_SCHEMA ? ": too large" : "");
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

xmlDocPtr folio_rngintro_read(const char *path, char **err)
{
	struct readerr r = {NULL};
	xmlDocPtr doc = NULL;
	size_t len = 0;
	*err = NULL;
	char *buf = slurp(path, &len, err);
	if (buf == NULL)
		return NULL;
	xmlParserCtxtPtr c = xmlNewParserCtxt();
	if (c == NULL) {
		free(buf);
		*err = folio_xstrdup("cannot create an XML parser");
		return NULL;
	}
	c->_private = &r;
	c->sax->serror = on_read_error;
	doc = xmlCtxtReadMemory(c, buf, (int)len, path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (doc != NULL && (!c->wellFormed || r.msg != NULL)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc == NULL)
		*err = r.msg ? r.msg : folio_xstrdup("the file is not well-formed XML");
	else
		free(r.msg);
	xmlFreeParserCtxt(c);
	free(buf);
	return doc;
}

/* ---- Building the model ------------------------------------------------ */

struct env {
	int scope;
	const char *ns;          /* inherited ns="…" */
	const char *dtlib;       /* inherited datatypeLibrary="…" */
};

struct build {
	struct folio_rng *g;
	char *err;
	int *scope_parent;
	size_t nscopes, scopecap;
	xmlDocPtr *docs;         /* included documents, freed at the end */
	size_t ndocs, doccap;
	int depth;
};

static int is_rng(const xmlNode *n, const char *local)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL && n->ns->href != NULL &&
	       strcmp((const char *)n->ns->href, RNG_NS) == 0 &&
	       (local == NULL || strcmp((const char *)n->name, local) == 0);
}

/* An attribute's value, owned by the schema document. */
static const char *aval(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a != NULL; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			return a->children && a->children->type == XML_TEXT_NODE
				       ? (const char *)a->children->content : "";
	return NULL;
}

static void fail(struct build *b, const xmlNode *n, const char *fmt, const char *arg)
{
	if (b->err != NULL)
		return;
	char *m = folio_xasprintf(fmt, arg);
	long line = n ? xmlGetLineNo(n) : 0;
	b->err = line > 0 ? folio_xasprintf("line %ld: %s", line, m) : folio_xstrdup(m);
	free(m);
}

static int add_pat(struct folio_rng *g, int type, int a, int b)
{
	g->p = folio_xgrow(g->p, &g->pcap, g->np + 1, sizeof *g->p);
	g->p[g->np] = (struct pat){(unsigned char)type, a, b};
	return (int)g->np++;
}

static int add_nc(struct folio_rng *g, int type, int a, int b)
{
	g->nc = folio_xgrow(g->nc, &g->nccap, g->nnc + 1, sizeof *g->nc);
	g->nc[g->nnc] = (struct nc){(unsigned char)type, a, b};
	return (int)g->nnc++;
}

static int add_str(struct folio_rng *g, const char *s)
{
	g->strs = folio_xgrow(g->strs, &g->strcap, g->nstrs + 1, sizeof *g->strs);
	g->strs[g->nstrs] = folio_xstrdup(s);
	return (int)g->nstrs++;
}

static int intern_ns(struct folio_rng *g, const char *uri, const char *prefix)
{
	int id = smap_get(&g->ns_ix, uri);
	if (id < 0) {
		g->nss = folio_xgrow(g->nss, &g->nscap, g->nns + 1, sizeof *g->nss);
		g->nsprefix = folio_xrealloc(g->nsprefix, g->nscap * sizeof *g->nsprefix);
		g->nss[g->nns] = folio_xstrdup(uri);
		g->nsprefix[g->nns] = NULL;
		id = (int)g->nns++;
		smap_put(&g->ns_ix, uri, id);
	}
	if (prefix != NULL && *prefix && g->nsprefix[id] == NULL)
		g->nsprefix[id] = folio_xstrdup(prefix);
	return id;
}

static int intern_name(struct folio_rng *g, int ns, const char *local)
{
	char *key = folio_xasprintf("%d\x1f%s", ns, local);
	int id = smap_get(&g->name_ix, key);
	if (id < 0) {
		g->names = folio_xgrow(g->names, &g->namecap, g->nnames + 1, sizeof *g->names);
		g->names[g->nnames] = (struct qname){ns, folio_xstrdup(local), NULL};
		id = (int)g->nnames++;
		smap_put(&g->name_ix, key, id);
	}
	free(key);
	return id;
}

/* The define `name` of a scope, created on first mention. */
static int define_of(struct build *b, int scope, const char *name)
{
	struct folio_rng *g = b->g;
	char *key = folio_xasprintf("%d\x1f%s", scope, name);
	int id = smap_get(&g->def_ix, key);
	if (id < 0) {
		g->defs = folio_xgrow(g->defs, &g->defcap, g->ndefs + 1, sizeof *g->defs);
		g->defs[g->ndefs] = (struct define){-1, folio_xstrdup(name)};
		id = (int)g->ndefs++;
		smap_put(&g->def_ix, key, id);
	}
	free(key);
	return id;
}

static int new_scope(struct build *b, int parent)
{
	b->scope_parent = folio_xgrow(b->scope_parent, &b->scopecap, b->nscopes + 1,
				      sizeof *b->scope_parent);
	b->scope_parent[b->nscopes] = parent;
	return (int)b->nscopes++;
}

static struct env env_of(const xmlNode *n, struct env e)
{
	const char *ns = aval(n, "ns");
	const char *lib = aval(n, "datatypeLibrary");
	if (ns != NULL)
		e.ns = ns;
	if (lib != NULL)
		e.dtlib = lib;
	return e;
}

/* A QName of the schema to a name: the prefix through the schema's
 * namespace declarations, no prefix through `dflt`. */
static int resolve_qname(struct build *b, const xmlNode *ctx, const char *qn, const char *dflt)
{
	while (*qn == ' ' || *qn == '\t' || *qn == '\n' || *qn == '\r')
		qn++;
	size_t len = strlen(qn);
	while (len > 0 && (qn[len - 1] == ' ' || qn[len - 1] == '\t' || qn[len - 1] == '\n' ||
			   qn[len - 1] == '\r'))
		len--;
	char *s = folio_xstrndup(qn, len);
	char *colon = strchr(s, ':');
	int ns;
	if (colon != NULL) {
		*colon = '\0';
		const char *uri = NULL;
		if (strcmp(s, "xml") == 0) {
			uri = XML_NS;
		} else {
			xmlNsPtr x = xmlSearchNs(ctx->doc, (xmlNodePtr)ctx, BAD_CAST s);
			if (x != NULL && x->href != NULL)
				uri = (const char *)x->href;
		}
		if (uri == NULL) {
			fail(b, ctx, "undeclared namespace prefix '%s'", s);
			free(s);
			return -1;
		}
		ns = intern_ns(b->g, uri, s);
		int id = intern_name(b->g, ns, colon + 1);
		free(s);
		return id;
	}
	ns = intern_ns(b->g, dflt ? dflt : "", NULL);
	int id = intern_name(b->g, ns, s);
	free(s);
	return id;
}

static int pattern(struct build *b, const xmlNode *n, struct env e);

/* The patterns among n's children from `from` on, as one group (or as one
 * choice or interleave when `how` says so). */
static int children_as(struct build *b, const xmlNode *from, struct env e, int how)
{
	int acc = -1;
	for (const xmlNode *c = from; c != NULL; c = c->next) {
		if (!is_rng(c, NULL))
			continue;
		int p = pattern(b, c, e);
		if (p < 0)
			return -1;
		acc = acc < 0 ? p : add_pat(b->g, how, acc, p);
	}
	return acc < 0 ? EMPTY : acc;
}

static const xmlNode *first_rng(const xmlNode *n)
{
	for (n = n ? n->children : NULL; n != NULL; n = n->next)
		if (is_rng(n, NULL))
			return n;
	return NULL;
}

static int nameclass(struct build *b, const xmlNode *n, struct env e)
{
	struct folio_rng *g = b->g;
	e = env_of(n, e);
	if (is_rng(n, "name")) {
		xmlChar *t = xmlNodeGetContent(n);
		int id = resolve_qname(b, n, t ? (const char *)t : "", e.ns);
		xmlFree(t);
		return id < 0 ? -1 : add_nc(g, NC_NAME, id, 0);
	}
	if (is_rng(n, "anyName") || is_rng(n, "nsName")) {
		int except = -1;
		const xmlNode *x = first_rng(n);
		if (x != NULL && is_rng(x, "except")) {
			for (const xmlNode *c = first_rng(x); c != NULL; c = c->next) {
				if (!is_rng(c, NULL))
					continue;
				int k = nameclass(b, c, e);
				if (k < 0)
					return -1;
				except = except < 0 ? k : add_nc(g, NC_CHOICE, except, k);
			}
		}
		if (is_rng(n, "anyName"))
			return add_nc(g, NC_ANY, except, 0);
		return add_nc(g, NC_NSNAME, intern_ns(g, e.ns ? e.ns : "", NULL), except);
	}
	if (is_rng(n, "choice")) {
		int acc = -1;
		for (const xmlNode *c = first_rng(n); c != NULL; c = c->next) {
			if (!is_rng(c, NULL))
				continue;
			int k = nameclass(b, c, e);
			if (k < 0)
				return -1;
			acc = acc < 0 ? k : add_nc(g, NC_CHOICE, acc, k);
		}
		return acc;
	}
	fail(b, n, "unexpected <%s> where a name class belongs", (const char *)n->name);
	return -1;
}

/* An href of the schema as a local path; NULL (and an error) otherwise. */
static char *href_path(struct build *b, const xmlNode *n)
{
	const char *href = aval(n, "href");
	if (href == NULL) {
		fail(b, n, "<%s> without href", (const char *)n->name);
		return NULL;
	}
	xmlChar *base = xmlNodeGetBase(n->doc, (xmlNodePtr)n);
	xmlChar *uri = xmlBuildURI(BAD_CAST href, base);
	xmlFree(base);
	if (uri == NULL) {
		fail(b, n, "cannot resolve '%s'", href);
		return NULL;
	}
	const char *p = (const char *)uri;
	if (strncmp(p, "file://", 7) == 0)
		p += 7;
	char *path = NULL;
	if (strstr(p, "://") != NULL)
		fail(b, n, "refusing to read '%s': schemas are read from local files only", href);
	else
		path = (char *)xmlURIUnescapeString(p, 0, NULL);
	xmlFree(uri);
	return path;
}

static xmlDocPtr load_part(struct build *b, const xmlNode *n)
{
	if (b->depth > 16) {
		fail(b, n, "includes nest too deeply (%s)", "more than 16 levels");
		return NULL;
	}
	char *path = href_path(b, n);
	if (path == NULL)
		return NULL;
	char *err = NULL;
	xmlDocPtr doc = folio_rngintro_read(path, &err);
	if (doc == NULL) {
		char *m = folio_xasprintf("cannot read %s: %s", path, err);
		fail(b, n, "%s", m);
		free(m);
	} else {
		b->docs = folio_xgrow(b->docs, &b->doccap, b->ndocs + 1, sizeof *b->docs);
		b->docs[b->ndocs++] = doc;
	}
	free(err);
	free(path);
	return doc;
}

struct overrides {
	const char **names;
	size_t n, cap;
	int start;
};

static int overridden(const struct overrides *o, const char *name)
{
	for (size_t i = 0; o != NULL && i < o->n; i++)
		if (strcmp(o->names[i], name) == 0)
			return 1;
	return 0;
}

static void collect_overrides(const xmlNode *n, struct overrides *o)
{
	for (const xmlNode *c = first_rng(n); c != NULL; c = c->next) {
		if (is_rng(c, "define") && aval(c, "name") != NULL) {
			o->names = folio_xgrow(o->names, &o->cap, o->n + 1, sizeof *o->names);
			o->names[o->n++] = aval(c, "name");
		} else if (is_rng(c, "start")) {
			o->start = 1;
		} else if (is_rng(c, "div")) {
			collect_overrides(c, o);
		}
	}
}

static void add_define(struct build *b, const xmlNode *n, int def, struct env e)
{
	struct folio_rng *g = b->g;
	int p = children_as(b, first_rng(n), e, P_GROUP);
	if (p < 0)
		return;
	if (g->defs[def].pat < 0) {
		g->defs[def].pat = p;
	} else {
		const char *combine = aval(n, "combine");
		int how = combine && strcmp(combine, "interleave") == 0 ? P_INTERLEAVE : P_CHOICE;
		g->defs[def].pat = add_pat(g, how, g->defs[def].pat, p);
	}
}

static void grammar_content(struct build *b, const xmlNode *n, struct env e,
			    const struct overrides *skip)
{
	for (const xmlNode *c = first_rng(n); c != NULL && b->err == NULL; c = c->next) {
		if (!is_rng(c, NULL))
			continue;
		struct env ce = env_of(c, e);
		if (is_rng(c, "start")) {
			if (skip == NULL || !skip->start)
				add_define(b, c, define_of(b, ce.scope, "\x01start"), ce);
		} else if (is_rng(c, "define")) {
			const char *name = aval(c, "name");
			if (name == NULL)
				fail(b, c, "<define> without %s", "name");
			else if (!overridden(skip, name))
				add_define(b, c, define_of(b, ce.scope, name), ce);
		} else if (is_rng(c, "div")) {
			grammar_content(b, c, ce, skip);
		} else if (is_rng(c, "include")) {
			xmlDocPtr doc = load_part(b, c);
			const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
			if (doc == NULL)
				return;
			if (!is_rng(root, "grammar")) {
				fail(b, c, "the included file is not a RELAX NG %s", "grammar");
				return;
			}
			struct overrides o = {NULL, 0, 0, skip ? skip->start : 0};
			if (skip != NULL)
				for (size_t i = 0; i < skip->n; i++) {
					o.names = folio_xgrow(o.names, &o.cap, o.n + 1, sizeof *o.names);
					o.names[o.n++] = skip->names[i];
				}
			collect_overrides(c, &o);
			b->depth++;
			grammar_content(b, root, env_of(root, ce), &o);
			b->depth--;
			free(o.names);
			grammar_content(b, c, ce, skip);
		}
	}
}

static int grammar(struct build *b, const xmlNode *n, struct env e)
{
	e.scope = new_scope(b, e.scope);
	grammar_content(b, n, e, NULL);
	return add_pat(b->g, P_REF, define_of(b, e.scope, "\x01start"), 0);
}

static int pattern(struct build *b, const xmlNode *n, struct env e)
{
	struct folio_rng *g = b->g;
	const char *name = (const char *)n->name;
	e = env_of(n, e);
	if (b->err != NULL)
		return -1;
	if (strcmp(name, "element") == 0 || strcmp(name, "attribute") == 0) {
		int is_elem = name[0] == 'e';
		const char *nm = aval(n, "name");
		const xmlNode *rest = first_rng(n);
		int k;
		if (nm != NULL) {
			/* name="…" on attribute has no namespace unless ns="…" is on
			 * the attribute itself. */
			const char *dflt = is_elem ? e.ns : aval(n, "ns");
			int id = resolve_qname(b, n, nm, dflt ? dflt : "");
			k = id < 0 ? -1 : add_nc(g, NC_NAME, id, 0);
		} else if (rest != NULL) {
			k = nameclass(b, rest, e);
			for (rest = rest->next; rest != NULL && !is_rng(rest, NULL); rest = rest->next)
				;
		} else {
			fail(b, n, "<%s> without a name", name);
			return -1;
		}
		if (k < 0)
			return -1;
		int content = rest ? children_as(b, rest, e, P_GROUP) : (is_elem ? EMPTY : TEXT);
		if (content < 0)
			return -1;
		int p = add_pat(g, is_elem ? P_ELEMENT : P_ATTRIBUTE, k, content);
		if (is_elem) {
			g->elems = folio_xgrow(g->elems, &g->elemcap, g->nelems + 1, sizeof *g->elems);
			g->elems[g->nelems++] = p;
		}
		return p;
	}
	if (strcmp(name, "group") == 0)
		return children_as(b, first_rng(n), e, P_GROUP);
	if (strcmp(name, "interleave") == 0)
		return children_as(b, first_rng(n), e, P_INTERLEAVE);
	if (strcmp(name, "choice") == 0)
		return children_as(b, first_rng(n), e, P_CHOICE);
	if (strcmp(name, "optional") == 0 || strcmp(name, "zeroOrMore") == 0 ||
	    strcmp(name, "oneOrMore") == 0 || strcmp(name, "mixed") == 0 ||
	    strcmp(name, "list") == 0) {
		int p = children_as(b, first_rng(n), e, P_GROUP);
		if (p < 0)
			return -1;
		switch (name[0]) {
		case 'o':
			return name[1] == 'p' ? add_pat(g, P_CHOICE, p, EMPTY) : add_pat(g, P_ONEORMORE, p, 0);
		case 'z':
			return add_pat(g, P_CHOICE, add_pat(g, P_ONEORMORE, p, 0), EMPTY);
		case 'm':
			return add_pat(g, P_INTERLEAVE, p, TEXT);
		default:
			return add_pat(g, P_LIST, p, 0);
		}
	}
	if (strcmp(name, "empty") == 0)
		return EMPTY;
	if (strcmp(name, "notAllowed") == 0)
		return NOTALLOWED;
	if (strcmp(name, "text") == 0)
		return TEXT;
	if (strcmp(name, "data") == 0 || strcmp(name, "value") == 0) {
		const char *type = aval(n, "type");
		int known = e.dtlib == NULL || *e.dtlib == '\0' || strcmp(e.dtlib, XSD_LIB) == 0;
		if (name[0] == 'd') {
			int first = -1, *link = &first;
			for (const xmlNode *c = first_rng(n); c != NULL && known; c = c->next) {
				if (!is_rng(c, "param") || aval(c, "name") == NULL)
					continue;
				xmlChar *v = xmlNodeGetContent(c);
				g->params = folio_xgrow(g->params, &g->paramcap, g->nparams + 1, sizeof *g->params);
				struct param *pm = &g->params[g->nparams];
				pm->name = folio_xstrdup(aval(c, "name"));
				pm->value = folio_xstrdup(v ? (const char *)v : "");
				pm->re = strcmp(pm->name, "pattern") == 0 ? xmlRegexpCompile(BAD_CAST pm->value) : NULL;
				pm->next = -1;
				*link = (int)g->nparams++;
				link = &g->params[*link].next;
				xmlFree(v);
			}
			return add_pat(g, P_DATA, known && type ? add_str(g, type) : -1, first);
		}
		xmlChar *v = xmlNodeGetContent(n);
		int as_string = type != NULL && strcmp(type, "string") == 0;
		int p = add_pat(g, P_VALUE, add_str(g, v ? (const char *)v : ""), as_string);
		xmlFree(v);
		return p;
	}
	if (strcmp(name, "ref") == 0 || strcmp(name, "parentRef") == 0) {
		const char *ref = aval(n, "name");
		int scope = e.scope;
		if (ref == NULL) {
			fail(b, n, "<%s> without a name", name);
			return -1;
		}
		if (name[0] == 'p') {
			scope = scope >= 0 ? b->scope_parent[scope] : -1;
			if (scope < 0) {
				fail(b, n, "<parentRef name=\"%s\"> outside a nested grammar", ref);
				return -1;
			}
		}
		return add_pat(g, P_REF, define_of(b, scope, ref), 0);
	}
	if (strcmp(name, "externalRef") == 0) {
		xmlDocPtr doc = load_part(b, n);
		const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
		if (root == NULL || !is_rng(root, NULL)) {
			fail(b, n, "%s is not a RELAX NG pattern", "the externalRef target");
			return -1;
		}
		b->depth++;
		int p = pattern(b, root, e);
		b->depth--;
		return p;
	}
	if (strcmp(name, "grammar") == 0)
		return grammar(b, n, e);
	fail(b, n, "unexpected <%s> where a pattern belongs", name);
	return -1;
}

static void set_displays(struct folio_rng *g)
{
	for (size_t i = 0; i < g->nnames; i++) {
		struct qname *q = &g->names[i];
		const char *prefix = g->nsprefix[q->ns];
		if ((int)q->ns == g->primary_ns || g->nss[q->ns][0] == '\0' || prefix == NULL)
			q->display = folio_xstrdup(q->local);
		else
			q->display = folio_xasprintf("%s:%s", prefix, q->local);
	}
}

struct folio_rng *folio_rngintro_new(xmlDocPtr rng, char **err)
{
	struct build b = {0};
	struct folio_rng *g = folio_xcalloc(1, sizeof *g);
	const xmlNode *root = rng ? xmlDocGetRootElement(rng) : NULL;

	*err = NULL;
	b.g = g;
	xmlSchemaInitTypes();
	add_pat(g, P_EMPTY, 0, 0);
	add_pat(g, P_NOTALLOWED, 0, 0);
	add_pat(g, P_TEXT, 0, 0);
	intern_ns(g, "", NULL);
	intern_ns(g, XML_NS, "xml");
	if (!is_rng(root, NULL)) {
		fail(&b, root, "%s", "the file is not a RELAX NG schema (XML syntax)");
		goto out;
	}
	for (const xmlNs *x = root->nsDef; x != NULL; x = x->next)
		if (x->href != NULL)
			intern_ns(g, (const char *)x->href, (const char *)x->prefix);
	struct env e = {-1, NULL, NULL};
	e = env_of(root, e);
	g->primary_ns = intern_ns(g, e.ns ? e.ns : "", NULL);
	if (is_rng(root, "grammar")) {
		g->start = grammar(&b, root, e);
	} else {
		e.scope = new_scope(&b, -1);
		g->start = pattern(&b, root, e);
	}
	for (size_t i = 0; i < g->ndefs && b.err == NULL; i++)
		if (g->defs[i].pat < 0) {
			if (g->defs[i].name[0] == '\x01')
				fail(&b, NULL, "%s", "the grammar has no <start>");
			else
				fail(&b, NULL, "the grammar refers to an undefined pattern '%s'", g->defs[i].name);
		}
out:
	for (size_t i = 0; i < b.ndocs; i++)
		xmlFreeDoc(b.docs[i]);
	free(b.docs);
	free(b.scope_parent);
	if (b.err != NULL) {
		*err = b.err;
		for (size_t i = 0; i < g->nnames; i++)
			g->names[i].display = NULL;
		folio_rngintro_free(g);
		return NULL;
	}
	set_displays(g);
	return g;
}

void folio_rngintro_free(struct folio_rng *g)
{
	if (g == NULL)
		return;
	free(g->p);
	free(g->nc);
	for (size_t i = 0; i < g->nnames; i++) {
		free(g->names[i].local);
		free(g->names[i].display);
	}
	free(g->names);
	smap_free(&g->name_ix);
	for (size_t i = 0; i < g->nns; i++) {
		free(g->nss[i]);
		free(g->nsprefix[i]);
	}
	free(g->nss);
	free(g->nsprefix);
	smap_free(&g->ns_ix);
	for (size_t i = 0; i < g->nstrs; i++)
		free(g->strs[i]);
	free(g->strs);
	for (size_t i = 0; i < g->nparams; i++) {
		free(g->params[i].name);
		free(g->params[i].value);
		if (g->params[i].re != NULL)
			xmlRegFreeRegexp(g->params[i].re);
	}
	free(g->params);
	for (size_t i = 0; i < g->ndefs; i++)
		free(g->defs[i].name);
	free(g->defs);
	smap_free(&g->def_ix);
	free(g->elems);
	free(g);
}

/* ---- Workspace: derived patterns and memo tables of one call ----------- */

/* What a content pattern allows anywhere, without entering an element. */
struct reach {
	int *elems, *attrs, *datas;   /* ELEMENT, ATTRIBUTE, DATA/VALUE/LIST */
	size_t nelems, nattrs, ndatas;
	int text;
};

struct idlist {
	int *v;
	size_t n, cap;
};

struct ws {
	const struct folio_rng *g;
	struct pat *p;                 /* derived patterns: id = g->np + i */
	size_t np, pcap;
	struct imap cons, deriv, match, global, reachix, attd, closed;
	signed char *null;             /* nullable: 0 unknown, 1 no, 2 yes */
	size_t nullcap;
	signed char *hasatt;           /* attributes reachable: same coding */
	size_t hasattcap;
	struct smap vals;              /* attribute values that choose a variant */
	unsigned *mark;
	size_t markcap;
	unsigned epoch;
	struct reach *reach;
	size_t nreach, reachcap;
	long budget;                   /* steps left for the requirement walk */
	int gaveup;
};

#define TOK_TEXT (-1)
#define MAX_DERIVED 4000000
#define LIST_MAX 20             /* names shown before "… and N more" */

static void push(struct idlist *l, int v)
{
	l->v = folio_xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = v;
}

static struct pat pt(const struct ws *w, int id)
{
	return (size_t)id < w->g->np ? w->g->p[id] : w->p[(size_t)id - w->g->np];
}

static size_t total(const struct ws *w)
{
	return w->g->np + w->np;
}

static int deref(const struct ws *w, int id)
{
	for (int guard = 0; guard < 10000; guard++) {
		struct pat p = pt(w, id);
		if (p.type != P_REF)
			return id;
		id = w->g->defs[p.a].pat;
	}
	return NOTALLOWED;
}

static int mk(struct ws *w, int type, int a, int b)
{
	uint64_t k = key3(type, a, b);
	int id;
	if (imap_get(&w->cons, k, &id))
		return id;
	if (w->np >= MAX_DERIVED) {
		w->gaveup = 1;
		return NOTALLOWED;
	}
	w->p = folio_xgrow(w->p, &w->pcap, w->np + 1, sizeof *w->p);
	w->p[w->np] = (struct pat){(unsigned char)type, a, b};
	id = (int)total(w);
	w->np++;
	imap_put(&w->cons, k, id);
	return id;
}

/* Choice (a|b), with the simplifications that keep derivatives of
 * ambiguous patterns ((p*, p*), say) from growing with every child. */
static int choice(struct ws *w, int a, int b)
{
	if (a == NOTALLOWED)
		return b;
	if (b == NOTALLOWED || a == b)
		return a;
	struct pat pa = pt(w, a), pb = pt(w, b);
	if (pa.type == P_CHOICE && (pa.a == b || pa.b == b))
		return a;
	if (pb.type == P_CHOICE && (pb.a == a || pb.b == a))
		return b;
	return a < b ? mk(w, P_CHOICE, a, b) : mk(w, P_CHOICE, b, a);
}

static int group(struct ws *w, int a, int b)
{
	if (a == NOTALLOWED || b == NOTALLOWED)
		return NOTALLOWED;
	if (a == EMPTY)
		return b;
	if (b == EMPTY)
		return a;
	return mk(w, P_GROUP, a, b);
}

static int interleave(struct ws *w, int a, int b)
{
	if (a == NOTALLOWED || b == NOTALLOWED)
		return NOTALLOWED;
	if (a == EMPTY)
		return b;
	if (b == EMPTY)
		return a;
	return a < b ? mk(w, P_INTERLEAVE, a, b) : mk(w, P_INTERLEAVE, b, a);
}

static int nullable(struct ws *w, int id)
{
	id = deref(w, id);
	if ((size_t)id >= w->nullcap) {
		size_t old = w->nullcap;
		w->nullcap = total(w) + 1024;
		w->null = folio_xrealloc(w->null, w->nullcap);
		memset(w->null + old, 0, w->nullcap - old);
	}
	if (w->null[id])
		return w->null[id] == 2;
	struct pat p = pt(w, id);
	int r;
	switch (p.type) {
	case P_NOTALLOWED:
	case P_ELEMENT:
		r = 0;
		break;
	case P_CHOICE:
		r = nullable(w, p.a) || nullable(w, p.b);
		break;
	case P_GROUP:
	case P_INTERLEAVE:
		r = nullable(w, p.a) && nullable(w, p.b);
		break;
	case P_ONEORMORE:
		r = nullable(w, p.a);
		break;
	default:                       /* empty, text, data, attributes */
		r = 1;
		break;
	}
	w->null[id] = r ? 2 : 1;
	return r;
}

static int tok_ns(const struct folio_rng *g, int tok)
{
	if (tok < 0)
		return -2;
	if ((size_t)tok < g->nnames)
		return g->names[tok].ns;
	return (size_t)tok - g->nnames < g->nns ? (int)((size_t)tok - g->nnames) : -2;
}

static int ncm(const struct folio_rng *g, int nc, int tok)
{
	const struct nc *c = &g->nc[nc];
	switch (c->type) {
	case NC_NAME:
		return c->a == tok;
	case NC_ANY:
		return c->a < 0 || !ncm(g, c->a, tok);
	case NC_NSNAME:
		return tok_ns(g, tok) == c->a && (c->b < 0 || !ncm(g, c->b, tok));
	default:
		return ncm(g, c->a, tok) || ncm(g, c->b, tok);
	}
}

/* A name of the document as a token: a name of the grammar, else a stand-in
 * for "some other name in namespace N" (N known to the grammar or not). */
static int tok_of(const struct folio_rng *g, const xmlNs *ns, const xmlChar *local)
{
	const char *uri = ns && ns->href ? (const char *)ns->href : "";
	int nsid = smap_get(&g->ns_ix, uri);
	if (nsid < 0)
		return (int)(g->nnames + g->nns);
	char *key = folio_xasprintf("%d\x1f%s", nsid, (const char *)local);
	int id = smap_get(&g->name_ix, key);
	free(key);
	return id >= 0 ? id : (int)(g->nnames + (size_t)nsid);
}

static int deriv(struct ws *w, int id, int tok)
{
	id = deref(w, id);
	struct pat p = pt(w, id);
	switch (p.type) {
	case P_TEXT:
		return tok == TOK_TEXT ? id : NOTALLOWED;
	case P_DATA:
	case P_VALUE:
	case P_LIST:
		return tok == TOK_TEXT ? EMPTY : NOTALLOWED;
	case P_ELEMENT:
		return tok != TOK_TEXT && ncm(w->g, p.a, tok) ? EMPTY : NOTALLOWED;
	case P_CHOICE:
	case P_GROUP:
	case P_INTERLEAVE:
	case P_ONEORMORE:
		break;
	default:                       /* empty, notAllowed, attributes */
		return NOTALLOWED;
	}
	uint64_t k = key3(15, id, tok);
	int r;
	if (imap_get(&w->deriv, k, &r))
		return r;
	switch (p.type) {
	case P_CHOICE:
		r = choice(w, deriv(w, p.a, tok), deriv(w, p.b, tok));
		break;
	case P_GROUP:
		r = group(w, deriv(w, p.a, tok), p.b);
		if (nullable(w, p.a))
			r = choice(w, r, deriv(w, p.b, tok));
		break;
	case P_INTERLEAVE:
		r = choice(w, interleave(w, deriv(w, p.a, tok), p.b),
			   interleave(w, p.a, deriv(w, p.b, tok)));
		break;
	default:
		r = group(w, deriv(w, p.a, tok), choice(w, id, EMPTY));
		break;
	}
	imap_put(&w->deriv, k, r);
	return r;
}

/* The content of the element patterns that can take `tok` first in `id`:
 * what the child element must then match. */
static int matched(struct ws *w, int id, int tok)
{
	id = deref(w, id);
	struct pat p = pt(w, id);
	if (p.type == P_ELEMENT)
		return ncm(w->g, p.a, tok) ? p.b : NOTALLOWED;
	if (p.type != P_CHOICE && p.type != P_GROUP && p.type != P_INTERLEAVE &&
	    p.type != P_ONEORMORE)
		return NOTALLOWED;
	uint64_t k = key3(15, id, tok);
	int r;
	if (imap_get(&w->match, k, &r))
		return r;
	r = matched(w, p.a, tok);
	if (p.type == P_CHOICE || p.type == P_INTERLEAVE ||
	    (p.type == P_GROUP && nullable(w, p.a)))
		r = choice(w, r, matched(w, p.b, tok));
	imap_put(&w->match, k, r);
	return r;
}

/* A name class that names `tok` itself, not through a wildcard. */
static int nc_exact(const struct folio_rng *g, int nc, int tok)
{
	const struct nc *c = &g->nc[nc];
	if (c->type == NC_NAME)
		return c->a == tok;
	if (c->type == NC_CHOICE)
		return nc_exact(g, c->a, tok) || nc_exact(g, c->b, tok);
	return 0;
}

/* Every element pattern of that name, wherever it is: the content an element
 * out of its place is held to.  Patterns that name it win over wildcards
 * (foreign-content escapes) that merely admit it. */
static int global(struct ws *w, int tok)
{
	int r;
	if (imap_get(&w->global, (uint64_t)(tok + 2), &r))
		return r;
	r = NOTALLOWED;
	for (int pass = 0; pass < 2 && r == NOTALLOWED; pass++)
		for (size_t i = 0; i < w->g->nelems; i++) {
			struct pat p = w->g->p[w->g->elems[i]];
			if (pass == 0 ? nc_exact(w->g, p.a, tok) : ncm(w->g, p.a, tok))
				r = choice(w, r, p.b);
		}
	imap_put(&w->global, (uint64_t)(tok + 2), r);
	return r;
}

static void new_walk(struct ws *w)
{
	if (w->markcap < total(w)) {
		size_t old = w->markcap;
		w->markcap = total(w) + 1024;
		w->mark = folio_xrealloc(w->mark, w->markcap * sizeof *w->mark);
		memset(w->mark + old, 0, (w->markcap - old) * sizeof *w->mark);
	}
	w->epoch++;
}

static int visit(struct ws *w, int id)
{
	if ((size_t)id >= w->markcap || w->mark[id] == w->epoch)
		return 0;
	w->mark[id] = w->epoch;
	return 1;
}

/* The element patterns that may come first in `id` (text: *text = 1). */
static void first_walk(struct ws *w, int id, struct idlist *els, int *text)
{
	id = deref(w, id);
	if (!visit(w, id))
		return;
	struct pat p = pt(w, id);
	switch (p.type) {
	case P_ELEMENT:
		push(els, id);
		break;
	case P_TEXT:
	case P_DATA:
	case P_VALUE:
	case P_LIST:
		*text = 1;
		break;
	case P_CHOICE:
	case P_INTERLEAVE:
		first_walk(w, p.a, els, text);
		first_walk(w, p.b, els, text);
		break;
	case P_GROUP:
		first_walk(w, p.a, els, text);
		if (nullable(w, p.a))
			first_walk(w, p.b, els, text);
		break;
	case P_ONEORMORE:
		first_walk(w, p.a, els, text);
		break;
	default:
		break;
	}
}

static void reach_walk(struct ws *w, int id, struct reach *r, struct idlist *els,
		       struct idlist *atts, struct idlist *datas)
{
	id = deref(w, id);
	if (!visit(w, id))
		return;
	struct pat p = pt(w, id);
	switch (p.type) {
	case P_ELEMENT:
		push(els, id);
		break;
	case P_ATTRIBUTE:
		push(atts, id);
		break;
	case P_TEXT:
		r->text = 1;
		break;
	case P_DATA:
	case P_VALUE:
	case P_LIST:
		push(datas, id);
		break;
	case P_CHOICE:
	case P_GROUP:
	case P_INTERLEAVE:
		reach_walk(w, p.a, r, els, atts, datas);
		reach_walk(w, p.b, r, els, atts, datas);
		break;
	case P_ONEORMORE:
		reach_walk(w, p.a, r, els, atts, datas);
		break;
	default:
		break;
	}
}

static int has_att(struct ws *w, int id);

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* The attributes every match of `id` must have, as groups of names each
 * ended by -1: a group is met when one of its names is there (a choice of
 * attributes, like linkend or xlink:href, makes a group of two). */
static struct idlist req_attrs(struct ws *w, int id)
{
	struct idlist out = {0};
	if (--w->budget < 0 || !has_att(w, id))
		return out;
	id = deref(w, id);
	struct pat p = pt(w, id);
	switch (p.type) {
	case P_ATTRIBUTE:
		if (w->g->nc[p.a].type == NC_NAME) {
			push(&out, w->g->nc[p.a].a);
			push(&out, -1);
		}
		break;
	case P_GROUP:
	case P_INTERLEAVE: {
		struct idlist a = req_attrs(w, p.a), b = req_attrs(w, p.b);
		for (size_t i = 0; i < b.n; i++)
			push(&a, b.v[i]);
		free(b.v);
		return a;
	}
	case P_CHOICE: {
		struct idlist a = req_attrs(w, p.a);
		if (a.n == 0)
			return a;
		struct idlist b = req_attrs(w, p.b);
		if (b.n == 0) {
			free(a.v);
			return b;
		}
		/* Names required alone on both sides stay required alone. */
		for (size_t i = 0; i + 1 < a.n; i++)
			if (a.v[i] >= 0 && a.v[i + 1] == -1 && (i == 0 || a.v[i - 1] == -1))
				for (size_t j = 0; j + 1 < b.n; j++)
					if (b.v[j] == a.v[i] && b.v[j + 1] == -1 && (j == 0 || b.v[j - 1] == -1)) {
						push(&out, a.v[i]);
						push(&out, -1);
						break;
					}
		if (out.n == 0) {
			for (size_t i = 0; i < a.n; i++)
				if (a.v[i] >= 0)
					push(&out, a.v[i]);
			for (size_t i = 0; i < b.n; i++)
				if (b.v[i] >= 0)
					push(&out, b.v[i]);
			qsort(out.v, out.n, sizeof *out.v, cmp_int);
			size_t k = 1;
			for (size_t i = 1; i < out.n; i++)
				if (out.v[i] != out.v[k - 1])
					out.v[k++] = out.v[i];
			out.n = k;
			push(&out, -1);
		}
		free(a.v);
		free(b.v);
		break;
	}
	case P_ONEORMORE:
		return req_attrs(w, p.a);
	default:
		break;
	}
	return out;
}

static const struct reach *reach_of(struct ws *w, int id)
{
	int ix;
	if (imap_get(&w->reachix, (uint64_t)id, &ix))
		return &w->reach[ix];
	struct reach r = {0};
	struct idlist els = {0}, atts = {0}, datas = {0};
	new_walk(w);
	reach_walk(w, id, &r, &els, &atts, &datas);
	r.elems = els.v;
	r.nelems = els.n;
	r.attrs = atts.v;
	r.nattrs = atts.n;
	r.datas = datas.v;
	r.ndatas = datas.n;
	w->reach = folio_xgrow(w->reach, &w->reachcap, w->nreach + 1, sizeof *w->reach);
	w->reach[w->nreach] = r;
	imap_put(&w->reachix, (uint64_t)id, (int)w->nreach);
	return &w->reach[w->nreach++];
}

/* Element names every completion of `id` must still contain. */
static struct idlist req_elems(struct ws *w, int id)
{
	struct idlist out = {0};
	if (--w->budget < 0)
		return out;
	id = deref(w, id);
	struct pat p = pt(w, id);
	switch (p.type) {
	case P_ELEMENT:
		if (w->g->nc[p.a].type == NC_NAME)
			push(&out, w->g->nc[p.a].a);
		break;
	case P_GROUP:
	case P_INTERLEAVE: {
		struct idlist a = req_elems(w, p.a), b = req_elems(w, p.b);
		for (size_t i = 0; i < b.n; i++)
			push(&a, b.v[i]);
		free(b.v);
		return a;
	}
	case P_CHOICE: {
		struct idlist a = req_elems(w, p.a);
		if (a.n == 0)
			return a;
		struct idlist b = req_elems(w, p.b);
		for (size_t i = 0; i < a.n; i++)
			for (size_t j = 0; j < b.n; j++)
				if (a.v[i] == b.v[j]) {
					push(&out, a.v[i]);
					break;
				}
		free(a.v);
		free(b.v);
		break;
	}
	case P_ONEORMORE:
		return req_elems(w, p.a);
	default:
		break;
	}
	return out;
}

/* ---- Attributes: derivatives and closure ------------------------------ */

static int vok(struct ws *w, int id, const char *v);

static int one_or_more(struct ws *w, int a)
{
	if (a == NOTALLOWED || a == EMPTY)
		return a;
	return mk(w, P_ONEORMORE, a, 0);
}

/* Whether attribute patterns are reachable from `id` without entering an
 * element: most content (inline choices) has none and is skipped. */
static int has_att(struct ws *w, int id)
{
	id = deref(w, id);
	if ((size_t)id >= w->hasattcap) {
		size_t old = w->hasattcap;
		w->hasattcap = total(w) + 1024;
		w->hasatt = folio_xrealloc(w->hasatt, w->hasattcap);
		memset(w->hasatt + old, 0, w->hasattcap - old);
	}
	if (w->hasatt[id])
		return w->hasatt[id] == 2;
	struct pat p = pt(w, id);
	int r;
	switch (p.type) {
	case P_ATTRIBUTE:
		r = 1;
		break;
	case P_CHOICE:
	case P_GROUP:
	case P_INTERLEAVE:
		r = has_att(w, p.a) || has_att(w, p.b);
		break;
	case P_ONEORMORE:
		r = has_att(w, p.a);
		break;
	default:
		r = 0;
		break;
	}
	w->hasatt[id] = r ? 2 : 1;
	return r;
}

/* How an attribute's value enters the derivative: VAL_ANY when every
 * attribute pattern of its name takes it, else an interned value that is
 * tested pattern by pattern. */
enum { VAL_ANY = -1 };

static int att_deriv(struct ws *w, int id, int tok, int vkey, const char *v)
{
	id = deref(w, id);
	struct pat p = pt(w, id);
	if (p.type == P_ATTRIBUTE) {
		if (!ncm(w->g, p.a, tok))
			return NOTALLOWED;
		return vkey == VAL_ANY || vok(w, p.b, v) ? EMPTY : NOTALLOWED;
	}
	if (!has_att(w, id))
		return NOTALLOWED;
	uint64_t k = ((uint64_t)id << 40) | ((uint64_t)(uint32_t)tok << 20) | (uint64_t)(vkey + 2);
	int r;
	if (imap_get(&w->attd, k, &r))
		return r;
	switch (p.type) {
	case P_CHOICE:
		r = choice(w, att_deriv(w, p.a, tok, vkey, v), att_deriv(w, p.b, tok, vkey, v));
		break;
	case P_GROUP:
		r = choice(w, group(w, att_deriv(w, p.a, tok, vkey, v), p.b),
			   group(w, p.a, att_deriv(w, p.b, tok, vkey, v)));
		break;
	case P_INTERLEAVE:
		r = choice(w, interleave(w, att_deriv(w, p.a, tok, vkey, v), p.b),
			   interleave(w, p.a, att_deriv(w, p.b, tok, vkey, v)));
		break;
	default:
		r = group(w, att_deriv(w, p.a, tok, vkey, v), choice(w, id, EMPTY));
		break;
	}
	imap_put(&w->attd, k, r);
	return r;
}

/* After the last attribute: attribute patterns still waiting are missing. */
static int att_close(struct ws *w, int id)
{
	int d = deref(w, id);
	if (!has_att(w, d))
		return id;
	struct pat p = pt(w, d);
	if (p.type == P_ATTRIBUTE)
		return NOTALLOWED;
	int r;
	if (imap_get(&w->closed, (uint64_t)d, &r))
		return r;
	int a = att_close(w, p.a), b = p.type == P_ONEORMORE ? 0 : att_close(w, p.b);
	switch (p.type) {
	case P_CHOICE:
		r = choice(w, a, b);
		break;
	case P_GROUP:
		r = group(w, a, b);
		break;
	case P_INTERLEAVE:
		r = interleave(w, a, b);
		break;
	default:
		r = one_or_more(w, a);
		break;
	}
	imap_put(&w->closed, (uint64_t)d, r);
	return r;
}

static void ws_free(struct ws *w)
{
	free(w->p);
	imap_free(&w->cons);
	imap_free(&w->deriv);
	imap_free(&w->match);
	imap_free(&w->global);
	imap_free(&w->reachix);
	imap_free(&w->attd);
	imap_free(&w->closed);
	smap_free(&w->vals);
	free(w->null);
	free(w->hasatt);
	free(w->mark);
	for (size_t i = 0; i < w->nreach; i++) {
		free(w->reach[i].elems);
		free(w->reach[i].attrs);
		free(w->reach[i].datas);
	}
	free(w->reach);
}

/* ---- Names as users read them ------------------------------------------ */

void folio_names_free(struct folio_names *n)
{
	if (n == NULL)
		return;
	for (size_t i = 0; i < n->n; i++)
		free(n->v[i]);
	free(n->v);
	memset(n, 0, sizeof *n);
}

/* xml:* first (xml:id, xml:lang are what users reach for), then plain names,
 * then other prefixes; alphabetical within each. */
static int name_rank(const char *s)
{
	if (strncmp(s, "xml:", 4) == 0)
		return 0;
	return strchr(s, ':') ? 2 : 1;
}

static int cmp_attr_name(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int r = name_rank(x) - name_rank(y);
	return r ? r : strcmp(x, y);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_name(struct folio_names *out, size_t *cap, const char *s)
{
	out->v = folio_xgrow(out->v, cap, out->n + 1, sizeof *out->v);
	out->v[out->n++] = folio_xstrdup(s);
}

static void nc_names(const struct folio_rng *g, int nc, struct folio_names *out, size_t *cap)
{
	const struct nc *c = &g->nc[nc];
	if (c->type == NC_NAME) {
		add_name(out, cap, g->names[c->a].display);
	} else if (c->type == NC_CHOICE) {
		nc_names(g, c->a, out, cap);
		nc_names(g, c->b, out, cap);
	} else {
		out->any = 1;
	}
}

/* The names of element or attribute patterns, sorted and unique. */
static void names_of(const struct ws *w, const int *ids, size_t n, int attrs,
		     struct folio_names *out)
{
	size_t cap = 0;
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++)
		nc_names(w->g, pt(w, ids[i]).a, out, &cap);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, attrs ? cmp_attr_name : cmp_name);
	size_t k = 0;
	for (size_t i = 0; i < out->n; i++) {
		if (k > 0 && strcmp(out->v[k - 1], out->v[i]) == 0)
			free(out->v[i]);
		else
			out->v[k++] = out->v[i];
	}
	out->n = k;
}

char *folio_names_join(const struct folio_names *n, size_t max)
{
	size_t len = 1, shown = n->n < max ? n->n : max;
	for (size_t i = 0; i < shown; i++)
		len += strlen(n->v[i]) + 2;
	char *s = folio_xmalloc(len + 48);
	s[0] = '\0';
	size_t at = 0;
	for (size_t i = 0; i < shown; i++)
		at += (size_t)sprintf(s + at, "%s%s", i ? ", " : "", n->v[i]);
	if (shown < n->n)
		sprintf(s + at, ", … and %zu more", n->n - shown);
	return s;
}

/* ---- Introspection queries --------------------------------------------- */

static int query(const struct folio_rng *g, const char *ns, const char *name,
		 struct ws *w, int *content)
{
	memset(w, 0, sizeof *w);
	w->g = g;
	int nsid = smap_get(&g->ns_ix, ns ? ns : "");
	char *key = folio_xasprintf("%d\x1f%s", nsid, name);
	int tok = nsid < 0 ? -1 : smap_get(&g->name_ix, key);
	free(key);
	*content = tok < 0 ? NOTALLOWED : global(w, tok);
	return *content == NOTALLOWED ? -1 : 0;
}

int folio_rngintro_children(const struct folio_rng *g, const char *ns, const char *name,
			    struct folio_names *out)
{
	struct ws w;
	int c, rc = query(g, ns, name, &w, &c);
	const struct reach *r = reach_of(&w, c);
	names_of(&w, r->elems, r->nelems, 0, out);
	out->text = r->text;
	ws_free(&w);
	return rc;
}

int folio_rngintro_attributes(const struct folio_rng *g, const char *ns, const char *name,
			      struct folio_names *out)
{
	struct ws w;
	int c, rc = query(g, ns, name, &w, &c);
	const struct reach *r = reach_of(&w, c);
	names_of(&w, r->attrs, r->nattrs, 1, out);
	ws_free(&w);
	return rc;
}

int folio_rngintro_first(const struct folio_rng *g, const char *ns, const char *name,
			 struct folio_names *out)
{
	struct ws w;
	int c, rc = query(g, ns, name, &w, &c);
	struct idlist els = {0};
	int text = 0;
	memset(out, 0, sizeof *out);
	if (rc == 0 && !nullable(&w, c)) {
		new_walk(&w);
		first_walk(&w, c, &els, &text);
		if (!text)
			names_of(&w, els.v, els.n, 0, out);
	}
	free(els.v);
	ws_free(&w);
	return rc;
}

/* ---- Values ------------------------------------------------------------ */

static const struct {
	const char *type, *words;
} type_words[] = {
	{"integer", "an integer"},
	{"int", "an integer"},
	{"positiveInteger", "a whole number greater than 0"},
	{"nonNegativeInteger", "a whole number (0 or more)"},
	{"decimal", "a decimal number"},
	{"boolean", "true or false"},
	{"date", "a date (YYYY-MM-DD)"},
	{"dateTime", "a date and time (YYYY-MM-DDThh:mm:ss)"},
	{"gYear", "a year (YYYY)"},
	{"gYearMonth", "a year and month (YYYY-MM)"},
	{"ID", "an XML name (letters, digits, '.', '-' and '_', not starting with a digit)"},
	{"IDREF", "an XML name (letters, digits, '.', '-' and '_', not starting with a digit)"},
	{"IDREFS", "XML names separated by spaces"},
	{"NCName", "an XML name without a colon"},
	{"NMTOKEN", "a single word of letters, digits, '.', '-', '_' or ':'"},
	{"NMTOKENS", "words of letters, digits, '.', '-', '_' or ':'"},
	{"anyURI", "a URI"},
	{"string", "text"},
	{"token", "text"},
	{"language", "a language tag (such as en or fr-CA)"},
};

static const char *words_for(const char *type)
{
	for (size_t i = 0; i < sizeof type_words / sizeof type_words[0]; i++)
		if (strcmp(type_words[i].type, type) == 0)
			return type_words[i].words;
	return NULL;
}

static char *collapse(const char *s)
{
	char *out = folio_xmalloc(strlen(s) + 1);
	size_t n = 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			if (n > 0 && out[n - 1] != ' ')
				out[n++] = ' ';
		} else {
			out[n++] = *s;
		}
	}
	if (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return out;
}

static int xsd_ok(const char *type, const char *v)
{
	if (strcmp(type, "string") == 0 || strcmp(type, "token") == 0 ||
	    strcmp(type, "ENTITY") == 0 || strcmp(type, "ENTITIES") == 0)
		return 1;
	xmlSchemaTypePtr t = xmlSchemaGetPredefinedType(BAD_CAST type, BAD_CAST XSD_NS);
	if (t == NULL)
		return 1;
	int ok = 0;
	char *c = collapse(v);
	const char *tries[2] = {v, c};
	for (int i = 0; i < 2 && !ok; i++) {
		xmlSchemaValPtr val = NULL;
		ok = xmlSchemaValPredefTypeNode(t, BAD_CAST tries[i], &val, NULL) == 0;
		if (val != NULL)
			xmlSchemaFreeValue(val);
	}
	free(c);
	return ok;
}

static int numeric_type(const char *type)
{
	static const char *const num[] = {"decimal", "integer", "int", "long", "short", "byte",
		"float", "double", "nonNegativeInteger", "positiveInteger", "negativeInteger",
		"nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"};
	for (size_t i = 0; i < sizeof num / sizeof num[0]; i++)
		if (strcmp(num[i], type) == 0)
			return 1;
	return 0;
}

static size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The facets libxml2 checks most often: pattern, lengths, numeric bounds;
 * the others are taken as met. */
static int params_ok(const struct folio_rng *g, int first, const char *type, const char *v)
{
	int ok = 1;
	char *c = strcmp(type, "string") == 0 ? folio_xstrdup(v) : collapse(v);
	for (int i = first; i >= 0 && ok; i = g->params[i].next) {
		const struct param *pm = &g->params[i];
		const char *n = pm->name;
		if (pm->re != NULL) {
			ok = xmlRegexpExec(pm->re, BAD_CAST c) == 1;
		} else if (strcmp(n, "length") == 0 || strcmp(n, "minLength") == 0 ||
			   strcmp(n, "maxLength") == 0) {
			size_t len = utf8_len(c), want = (size_t)strtoul(pm->value, NULL, 10);
			ok = n[1] == 'e' ? len == want : n[1] == 'i' ? len >= want : len <= want;
		} else if (numeric_type(type) && (strncmp(n, "min", 3) == 0 || strncmp(n, "max", 3) == 0)) {
			char *end;
			double x = strtod(c, &end), lim = strtod(pm->value, NULL);
			if (*end != '\0')
				continue;
			int incl = strstr(n, "Inclusive") != NULL;
			ok = n[1] == 'i' ? (incl ? x >= lim : x > lim) : (incl ? x <= lim : x < lim);
		}
	}
	free(c);
	return ok;
}

/* " matching [0-9]+%", " greater than 0 and less than 100". */
static void params_words(const struct folio_rng *g, int first, struct folio_buf *b)
{
	int k = 0;
	for (int i = first; i >= 0; i = g->params[i].next) {
		const struct param *pm = &g->params[i];
		static const struct {
			const char *name, *words;
		} facets[] = {
			{"pattern", "matching %s"}, {"length", "of exactly %s characters"},
			{"minLength", "of at least %s characters"}, {"maxLength", "of at most %s characters"},
			{"minInclusive", "of at least %s"}, {"maxInclusive", "of at most %s"},
			{"minExclusive", "greater than %s"}, {"maxExclusive", "less than %s"},
		};
		for (size_t f = 0; f < sizeof facets / sizeof facets[0]; f++)
			if (strcmp(facets[f].name, pm->name) == 0) {
				folio_buf_puts(b, k++ ? " and " : " ");
				folio_buf_printf(b, facets[f].words, pm->value);
			}
	}
}

/* Whether a value pattern accepts `v`; lenient where it cannot tell. */
static int vok(struct ws *w, int id, const char *v)
{
	id = deref(w, id);
	struct pat p = pt(w, id);
	switch (p.type) {
	case P_NOTALLOWED:
		return 0;
	case P_EMPTY: {
		char *c = collapse(v);
		int ok = *c == '\0';
		free(c);
		return ok;
	}
	case P_VALUE: {
		if (p.b)
			return strcmp(w->g->strs[p.a], v) == 0;
		char *x = collapse(w->g->strs[p.a]), *y = collapse(v);
		int ok = strcmp(x, y) == 0;
		free(x);
		free(y);
		return ok;
	}
	case P_DATA:
		return p.a < 0 || (xsd_ok(w->g->strs[p.a], v) && params_ok(w->g, p.b, w->g->strs[p.a], v));
	case P_CHOICE:
		return vok(w, p.a, v) || vok(w, p.b, v);
	default:
		return 1;
	}
}

/* What a value pattern admits, in words: listed values, then types. */
static void value_words(struct ws *w, int id, struct folio_names *vals, size_t *vcap,
			struct folio_names *types, size_t *tcap)
{
	id = deref(w, id);
	struct pat p = pt(w, id);
	if (p.type == P_CHOICE) {
		value_words(w, p.a, vals, vcap, types, tcap);
		value_words(w, p.b, vals, vcap, types, tcap);
	} else if (p.type == P_VALUE) {
		add_name(vals, vcap, w->g->strs[p.a]);
	} else if (p.type == P_DATA && p.a >= 0) {
		struct folio_buf b = FOLIO_BUF_INIT;
		const char *words = words_for(w->g->strs[p.a]);
		if (words != NULL)
			folio_buf_puts(&b, words);
		else
			folio_buf_printf(&b, "a valid %s", w->g->strs[p.a]);
		params_words(w->g, p.b, &b);
		add_name(types, tcap, b.data);
		folio_buf_free(&b);
	}
}

static void uniq_sorted(struct folio_names *n)
{
	if (n->n > 1)
		qsort(n->v, n->n, sizeof *n->v, cmp_name);
	size_t k = 0;
	for (size_t i = 0; i < n->n; i++) {
		if (k > 0 && strcmp(n->v[k - 1], n->v[i]) == 0)
			free(n->v[i]);
		else
			n->v[k++] = n->v[i];
	}
	n->n = k;
}

/* "allowed: a, b, c" / "it must be a date (YYYY-MM-DD)" / both. */
static char *value_phrase(struct ws *w, const int *pats, size_t n)
{
	struct folio_names vals = {0}, types = {0};
	size_t vcap = 0, tcap = 0;
	for (size_t i = 0; i < n; i++)
		value_words(w, pats[i], &vals, &vcap, &types, &tcap);
	uniq_sorted(&vals);
	uniq_sorted(&types);
	char *v = folio_names_join(&vals, LIST_MAX);
	char *t = NULL;
	if (types.n > 0) {
		size_t len = 1;
		for (size_t i = 0; i < types.n; i++)
			len += strlen(types.v[i]) + 4;
		t = folio_xmalloc(len);
		t[0] = '\0';
		for (size_t i = 0; i < types.n; i++) {
			if (i > 0)
				strcat(t, " or ");
			strcat(t, types.v[i]);
		}
	}
	char *s;
	if (vals.n > 0 && t != NULL)
		s = folio_xasprintf("allowed: %s, or %s", v, t);
	else if (vals.n > 0)
		s = folio_xasprintf("allowed: %s", v);
	else if (t != NULL)
		s = folio_xasprintf("it must be %s", t);
	else
		s = folio_xstrdup("the schema does not accept it");
	free(v);
	free(t);
	folio_names_free(&vals);
	folio_names_free(&types);
	return s;
}

/* ---- The replay -------------------------------------------------------- */

struct check {
	struct ws w;
	folio_rngintro_report report;
	void *ctx;
	size_t count;
};

static void say(struct check *c, const xmlNode *n, const char *fmt, ...)
  __attribute__((format(printf, 3, 4)));

static void say(struct check *c, const xmlNode *n, const char *fmt, ...)
{
	if (c->w.gaveup)
		return;
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = folio_xmalloc(len > 0 ? (size_t)len + 1 : 1);
	va_start(ap, fmt);
	vsnprintf(msg, len > 0 ? (size_t)len + 1 : 1, fmt, ap);
	va_end(ap);
	c->report(c->ctx, n, msg);
	c->count++;
	free(msg);
}

static int elem_tok(const struct folio_rng *g, const xmlNode *n)
{
	return tok_of(g, n->ns, n->name);
}

/* An element or attribute name of the document as users read it. */
static char *qdisplay(const struct folio_rng *g, const xmlNs *ns, const xmlChar *name)
{
	int tok = tok_of(g, ns, name);
	if (tok >= 0 && (size_t)tok < g->nnames)
		return folio_xstrdup(g->names[tok].display);
	if (ns != NULL && ns->prefix != NULL)
		return folio_xasprintf("%s:%s", ns->prefix, name);
	return folio_xstrdup((const char *)name);
}

static char *dname(const struct folio_rng *g, const xmlNode *n)
{
	return qdisplay(g, n->ns, n->name);
}

/* An element with the attributes that chose its content model:
 * indexterm class="endofrange" startref="ix". */
static char *dname_attrs(const struct folio_rng *g, const xmlNode *n)
{
	struct folio_buf b = FOLIO_BUF_INIT;
	char *name = dname(g, n);
	folio_buf_puts(&b, name);
	free(name);
	int shown = 0;
	for (const xmlAttr *a = n->properties; a != NULL && shown < 3; a = a->next) {
		if (a->ns != NULL && a->ns->prefix != NULL && strcmp((const char *)a->ns->prefix, "xml") == 0)
			continue;
		xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
		char *an = qdisplay(g, a->ns, a->name);
		size_t len = v ? strlen((const char *)v) : 0;
		folio_buf_printf(&b, " %s=\"%.*s%s\"", an, len > 24 ? 24 : (int)len, v ? (const char *)v : "",
				 len > 24 ? "…" : "");
		free(an);
		xmlFree(v);
		shown++;
	}
	return folio_buf_take(&b);
}

static struct idlist req_elems(struct ws *w, int id);

/* "a, b, … and 9 more (and text)" for element patterns.  When the list must
 * be shortened, what `content` requires comes first so it is not cut. */
static char *elems_phrase(struct ws *w, const int *ids, size_t n, int text, int content)
{
	struct folio_names nm;
	names_of(w, ids, n, 0, &nm);
	if (nm.n > LIST_MAX && content >= 0) {
		w->budget = 100000;
		struct idlist req = req_elems(w, content);
		size_t k = 0;
		for (size_t i = 0; i < nm.n && w->budget >= 0; i++) {
			int needed = 0;
			for (size_t j = 0; j < req.n && !needed; j++)
				needed = strcmp(w->g->names[req.v[j]].display, nm.v[i]) == 0;
			if (needed) {
				char *t = folio_xasprintf("%s (required)", nm.v[i]);
				free(nm.v[i]);
				memmove(nm.v + k + 1, nm.v + k, (i - k) * sizeof *nm.v);
				nm.v[k++] = t;
			}
		}
		free(req.v);
	}
	char *list = folio_names_join(&nm, LIST_MAX);
	char *s = folio_xasprintf("%s%s%s%s", list,
				  nm.any ? (nm.n ? ", elements of other namespaces" : "elements of other namespaces") : "",
				  text && (nm.n || nm.any) ? " (and text)" : "",
				  text && !(nm.n || nm.any) ? "text" : "");
	free(list);
	folio_names_free(&nm);
	return s;
}

/* A first set that only asks for the heading: title, info and friends. */
static int titleish(struct ws *w, const struct idlist *els, int text, int *has_info)
{
	struct folio_names nm;
	int title = 0, other = text;
	names_of(w, els->v, els->n, 0, &nm);
	*has_info = 0;
	for (size_t i = 0; i < nm.n; i++) {
		if (strcmp(nm.v[i], "title") == 0)
			title = 1;
		else if (strcmp(nm.v[i], "info") == 0)
			*has_info = 1;
		else if (strcmp(nm.v[i], "titleabbrev") != 0 && strcmp(nm.v[i], "subtitle") != 0)
			other = 1;
	}
	other |= nm.any;
	folio_names_free(&nm);
	return title && !other;
}

static int allows_elem(struct ws *w, const struct reach *r, int tok)
{
	for (size_t i = 0; i < r->nelems; i++)
		if (ncm(w->g, pt(w, r->elems[i]).a, tok))
			return 1;
	return 0;
}

/* `content` is what the attributes chose, `any` the content whatever the
 * attributes; `prev` is the element before x; `after_text` says text came
 * last. */
static void misplaced(struct check *c, const xmlNode *e, int content, int any, int p,
		      const xmlNode *x, const xmlNode *prev, int after_text)
{
	struct ws *w = &c->w;
	int tok = elem_tok(w->g, x);
	int chosen = content != any && !allows_elem(w, reach_of(w, content), tok) &&
		     allows_elem(w, reach_of(w, any), tok);
	const struct reach *r = reach_of(w, content);
	char *en = chosen ? dname_attrs(w->g, e) : dname(w->g, e), *xn = dname(w->g, x);
	if (!allows_elem(w, r, tok)) {
		const char *unknown = global(w, tok) == NOTALLOWED ? " (the schema has no such element)" : "";
		int text = r->text || r->ndatas > 0;
		if (r->nelems == 0) {
			say(c, x, "<%s> is not allowed inside <%s>%s, which %s", xn, en, unknown,
			    text ? "may contain only text" : "must be empty");
		} else {
			char *list = elems_phrase(w, r->elems, r->nelems, r->text, content);
			say(c, x, "<%s> is not allowed inside <%s>%s; <%s> may contain: %s", xn, en,
			    unknown, en, list);
			free(list);
		}
	} else {
		struct idlist els = {0};
		int text = 0, info;
		new_walk(w);
		first_walk(w, p, &els, &text);
		if (prev == NULL && !after_text && titleish(w, &els, text, &info)) {
			say(c, e, "<%s> needs a <title>%s before its content", en,
			    info ? " (or <info> with a title)" : "");
		} else {
			char *list = elems_phrase(w, els.v, els.n, text, -1);
			if (after_text) {
				say(c, x, "<%s> cannot follow text inside <%s>; allowed there: %s", xn, en,
				    els.n || text ? list : "nothing");
			} else if (prev != NULL) {
				char *pn = dname(w->g, prev);
				if (els.n == 0 && !text)
					say(c, x, "<%s> cannot follow <%s> inside <%s>; nothing may come after <%s>",
					    xn, pn, en, pn);
				else
					say(c, x, "<%s> cannot follow <%s> inside <%s>; allowed there: %s",
					    xn, pn, en, list);
				free(pn);
			} else {
				say(c, x, "<%s> cannot come first inside <%s>; it must start with: %s", xn, en, list);
			}
			free(list);
		}
		free(els.v);
	}
	free(en);
	free(xn);
}

static void misplaced_text(struct check *c, const xmlNode *e, int content, int any, int p,
			   const xmlNode *t, const xmlNode *prev)
{
	struct ws *w = &c->w;
	const struct reach *ra = reach_of(w, any);
	int chosen = content != any && (ra->text || ra->ndatas > 0);
	const struct reach *r = reach_of(w, content);
	chosen = chosen && !r->text && r->ndatas == 0;
	char *en = chosen ? dname_attrs(w->g, e) : dname(w->g, e);
	if (!r->text && r->ndatas == 0) {
		if (r->nelems == 0) {
			say(c, t, "unexpected text inside <%s>, which must be empty", en);
		} else {
			char *list = elems_phrase(w, r->elems, r->nelems, 0, content);
			say(c, t, "unexpected text inside <%s>; it may contain: %s", en, list);
			free(list);
		}
	} else {
		struct idlist els = {0};
		int text = 0;
		new_walk(w);
		first_walk(w, p, &els, &text);
		char *list = elems_phrase(w, els.v, els.n, text, -1);
		if (prev != NULL) {
			char *pn = dname(w->g, prev);
			say(c, t, "text cannot follow <%s> inside <%s>; allowed there: %s", pn, en,
			    els.n ? list : "nothing");
			free(pn);
		} else {
			say(c, t, "text cannot come first inside <%s>; it must start with: %s", en, list);
		}
		free(list);
		free(els.v);
	}
	free(en);
}

static void incomplete(struct check *c, const xmlNode *e, int p, const xmlNode *prev,
		       int after_text)
{
	struct ws *w = &c->w;
	struct idlist els = {0};
	int text = 0, info;
	char *en = dname(w->g, e);
	new_walk(w);
	first_walk(w, p, &els, &text);
	if (prev == NULL && !after_text && titleish(w, &els, text, &info)) {
		say(c, e, "<%s> needs a <title>%s", en, info ? " (or <info> with a title)" : "");
	} else {
		w->budget = 100000;
		struct idlist req = req_elems(w, p);
		struct folio_names nm = {0};
		size_t cap = 0;
		for (size_t i = 0; i < req.n && w->budget >= 0; i++)
			add_name(&nm, &cap, w->g->names[req.v[i]].display);
		uniq_sorted(&nm);
		if (nm.n > 0) {
			char *s = folio_xstrdup("");
			for (size_t i = 0; i < nm.n; i++) {
				char *t = folio_xasprintf("%s%s<%s>", s,
							  i == 0 ? "" : i + 1 == nm.n ? " and " : ", ", nm.v[i]);
				free(s);
				s = t;
			}
			say(c, e, "<%s> is missing %s", en, s);
			free(s);
		} else {
			char *list = elems_phrase(w, els.v, els.n, text, -1);
			if (after_text) {
				say(c, e, "<%s> is incomplete after its text; it needs one of: %s", en, list);
			} else if (prev != NULL) {
				char *pn = dname(w->g, prev);
				say(c, e, "<%s> is incomplete after <%s>; it needs one of: %s", en, pn, list);
				free(pn);
			} else {
				say(c, e, "<%s> is empty; it needs one of: %s", en, list);
			}
			free(list);
		}
		folio_names_free(&nm);
		free(req.v);
	}
	free(els.v);
	free(en);
}

/* "'a', 'b' and 'c'" (or "or"), sorted as attribute lists are. */
static char *quoted_list(struct folio_names *nm, const char *last_sep)
{
	struct folio_buf b = FOLIO_BUF_INIT;
	if (nm->n > 1)
		qsort(nm->v, nm->n, sizeof *nm->v, cmp_attr_name);
	for (size_t i = 0; i < nm->n; i++)
		folio_buf_printf(&b, "%s'%s'", i == 0 ? "" : i + 1 == nm->n ? last_sep : ", ", nm->v[i]);
	return b.data ? folio_buf_take(&b) : folio_xstrdup("");
}

/* Says what is wrong with each attribute, then derives the content by all
 * of them.  Returns the content left for the children, with the variant the
 * attributes chose; or -1 when the attributes do not fit, and the children
 * are then held to the content regardless of attributes. */
static int check_attrs(struct check *c, const xmlNode *e, int content)
{
	struct ws *w = &c->w;
	const struct reach *r = reach_of(w, content);
	int ca = content;
	const xmlAttr *culprit = NULL;
	char *en = dname(w->g, e);
	for (const xmlAttr *a = e->properties; a != NULL; a = a->next) {
		int tok = tok_of(w->g, a->ns, a->name);
		struct idlist match = {0};
		xmlChar *v = xmlNodeListGetString(e->doc, a->children, 1);
		const char *val = v ? (const char *)v : "";
		size_t ok = 0;
		for (size_t i = 0; i < r->nattrs; i++) {
			struct pat ap = pt(w, r->attrs[i]);
			if (ncm(w->g, ap.a, tok)) {
				push(&match, ap.b);
				ok += (size_t)vok(w, ap.b, val);
			}
		}
		char *an = qdisplay(w->g, a->ns, a->name);
		if (match.n == 0) {
			struct folio_names nm;
			names_of(w, r->attrs, r->nattrs, 1, &nm);
			if (nm.n == 0) {
				say(c, (const xmlNode *)a, "attribute '%s' is not allowed on <%s>, which takes no attributes",
				    an, en);
			} else {
				char *list = folio_names_join(&nm, LIST_MAX);
				say(c, (const xmlNode *)a, "attribute '%s' is not allowed on <%s>; allowed: %s",
				    an, en, list);
				free(list);
			}
			folio_names_free(&nm);
		} else if (ok == 0) {
			char *why = value_phrase(w, match.v, match.n);
			say(c, (const xmlNode *)a, "attribute '%s' on <%s> cannot be '%s'; %s", an, en, val, why);
			free(why);
		}
		/* What was said to be wrong is not said again: an attribute of
		 * an unknown name is left out, a wrong value taken as right, so
		 * that only what else is wrong (a missing attribute) is said. */
		if (ca != NOTALLOWED && match.n > 0) {
			int vkey = VAL_ANY;
			if (ok > 0 && ok < match.n && (vkey = smap_get(&w->vals, val)) < 0) {
				vkey = (int)w->vals.n;
				smap_put(&w->vals, val, vkey);
			}
			ca = att_deriv(w, ca, tok, vkey, val);
			if (ca == NOTALLOWED)
				culprit = a;
		}
		free(an);
		free(match.v);
		xmlFree(v);
		r = reach_of(w, content);
	}
	int closed = ca == NOTALLOWED ? NOTALLOWED : att_close(w, ca);
	if (ca == NOTALLOWED) {
		struct folio_names before = {0};
		size_t cap = 0;
		for (const xmlAttr *a = e->properties; a != culprit; a = a->next) {
			char *an = qdisplay(w->g, a->ns, a->name);
			add_name(&before, &cap, an);
			free(an);
		}
		char *cn = qdisplay(w->g, culprit->ns, culprit->name);
		char *list = quoted_list(&before, " and ");
		if (before.n > 0)
			say(c, (const xmlNode *)culprit, "attribute '%s' cannot be used on <%s> together with %s",
			    cn, en, list);
		else
			say(c, (const xmlNode *)culprit, "attribute '%s' cannot be used on <%s> here", cn, en);
		free(list);
		free(cn);
		folio_names_free(&before);
	} else if (ca != NOTALLOWED && closed == NOTALLOWED) {
		/* Missing attributes: what every remaining variant still wants. */
		w->budget = 100000;
		struct idlist req = req_attrs(w, ca);
		struct folio_names miss = {0};
		size_t cap = 0;
		for (size_t i = 0; i < req.n && w->budget >= 0; i++) {
			size_t from = i;
			while (req.v[i] >= 0)
				i++;
			if (i == from + 1) {
				add_name(&miss, &cap, w->g->names[req.v[from]].display);
				continue;
			}
			struct folio_names one = {0};
			size_t onecap = 0;
			for (size_t k = from; k < i; k++)
				add_name(&one, &onecap, w->g->names[req.v[k]].display);
			char *list = quoted_list(&one, " or ");
			say(c, e, "<%s> needs one of the attributes %s", en, list);
			free(list);
			folio_names_free(&one);
		}
		uniq_sorted(&miss);
		if (miss.n > 0) {
			char *list = quoted_list(&miss, " and ");
			say(c, e, "<%s> needs the attribute%s %s", en, miss.n > 1 ? "s" : "", list);
			free(list);
		} else if (req.n == 0 || w->budget < 0) {
			say(c, e, "<%s> lacks an attribute the schema requires", en);
		}
		folio_names_free(&miss);
		free(req.v);
	}
	free(en);
	return closed == NOTALLOWED ? -1 : closed;
}

/* Elements whose content is a datatype or a list of values. */
static void check_data(struct check *c, const xmlNode *e, int content)
{
	struct ws *w = &c->w;
	const struct reach *r = reach_of(w, content);
	if (r->nelems > 0 || r->text || r->ndatas == 0)
		return;
	xmlChar *v = xmlNodeGetContent(e);
	const char *val = v ? (const char *)v : "";
	int ok = 0;
	for (size_t i = 0; i < r->ndatas && !ok; i++)
		ok = vok(w, r->datas[i], val);
	if (!ok) {
		char *en = dname(w->g, e);
		int *datas = folio_xmalloc(r->ndatas * sizeof *datas);
		size_t n = r->ndatas;
		memcpy(datas, r->datas, n * sizeof *datas);
		char *why = value_phrase(w, datas, n);
		char *shown = collapse(val);
		say(c, e, "<%s> cannot contain '%s'; %s", en, shown, why);
		free(shown);
		free(why);
		free(datas);
		free(en);
	}
	xmlFree(v);
}

static int blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

static void check_elem(struct check *c, const xmlNode *e, int content)
{
	struct ws *w = &c->w;
	if (content == NOTALLOWED) {
		/* Not in the grammar at all: said once by the parent; its
		 * children are held to their own patterns. */
		for (const xmlNode *ch = e->children; ch != NULL; ch = ch->next)
			if (ch->type == XML_ELEMENT_NODE)
				check_elem(c, ch, global(w, elem_tok(w->g, ch)));
		return;
	}
	/* The children are held to the variant the attributes chose, or, when
	 * the attributes do not fit, to the content regardless of them. */
	int closed = check_attrs(c, e, content);
	int start = closed >= 0 ? closed : content;
	int p = start, failed = 0, intext = 0;
	const xmlNode *prev = NULL;
	for (const xmlNode *ch = e->children; ch != NULL; ch = ch->next) {
		if (ch->type == XML_ELEMENT_NODE) {
			int tok = elem_tok(w->g, ch), cc;
			if (!failed) {
				int q = deriv(w, p, tok);
				if (q == NOTALLOWED) {
					misplaced(c, e, start, content, p, ch, prev, intext);
					failed = 1;
					cc = global(w, tok);
				} else {
					cc = matched(w, p, tok);
					p = q;
				}
			} else {
				cc = global(w, tok);
			}
			check_elem(c, ch, cc);
			prev = ch;
			intext = 0;
		} else if ((ch->type == XML_TEXT_NODE || ch->type == XML_CDATA_SECTION_NODE) &&
			   !blank(ch->content) && !intext && !failed) {
			/* Adjacent text (around comments, CDATA) is one string. */
			intext = 1;
			int q = deriv(w, p, TOK_TEXT);
			if (q == NOTALLOWED) {
				misplaced_text(c, e, start, content, p, ch, prev);
				failed = 1;
			} else {
				p = q;
			}
		}
	}
	if (!failed && !nullable(w, p))
		incomplete(c, e, p, prev, intext);
	if (!failed)
		check_data(c, e, start);
}

size_t folio_rngintro_check(const struct folio_rng *g, xmlDocPtr doc,
			    folio_rngintro_report report, void *ctx)
{
	struct check c;
	memset(&c, 0, sizeof c);
	c.w.g = g;
	c.report = report;
	c.ctx = ctx;
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root == NULL)
		return 0;
	int tok = elem_tok(g, root), content;
	if (deriv(&c.w, g->start, tok) == NOTALLOWED) {
		struct idlist els = {0};
		int text = 0;
		char *rn = dname(g, root);
		new_walk(&c.w);
		first_walk(&c.w, g->start, &els, &text);
		char *list = elems_phrase(&c.w, els.v, els.n, 0, -1);
		say(&c, root, "<%s> cannot be the root element; the document must be one of: %s", rn, list);
		free(list);
		free(rn);
		free(els.v);
		content = global(&c.w, tok);
	} else {
		content = matched(&c.w, g->start, tok);
	}
	check_elem(&c, root, content);
	ws_free(&c.w);
	return c.count;
}
