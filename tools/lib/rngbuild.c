/* rngbuild.c — the model of a RELAX NG grammar (XML syntax), built from its
 * schema documents: patterns and name classes in arrays, names, namespaces
 * and strings interned, defines merged by name per grammar scope (combine
 * "choice" or "interleave"), include and externalRef read relative to the
 * schema file and inlined (local files only), optional/zeroOrMore/mixed
 * rewritten, refs kept as links.  Nothing here is changed after
 * folio_rngintro_new returns. */
#include "paths.h"
#include "rngint.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>
#include <libxml/xmlschemastypes.h>

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define XSD_LIB "http://www.w3.org/2001/XMLSchema-datatypes"

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
	int id = rng_smap_get(&g->ns_ix, uri);
	if (id < 0) {
		g->nss = folio_xgrow(g->nss, &g->nscap, g->nns + 1, sizeof *g->nss);
		g->nsprefix = folio_xrealloc(g->nsprefix, g->nscap * sizeof *g->nsprefix);
		g->nss[g->nns] = folio_xstrdup(uri);
		g->nsprefix[g->nns] = NULL;
		id = (int)g->nns++;
		rng_smap_put(&g->ns_ix, uri, id);
	}
	if (prefix != NULL && *prefix && g->nsprefix[id] == NULL)
		g->nsprefix[id] = folio_xstrdup(prefix);
	return id;
}

static int intern_name(struct folio_rng *g, int ns, const char *local)
{
	char *key = folio_xasprintf("%d\x1f%s", ns, local);
	int id = rng_smap_get(&g->name_ix, key);
	if (id < 0) {
		g->names = folio_xgrow(g->names, &g->namecap, g->nnames + 1, sizeof *g->names);
		g->names[g->nnames] = (struct qname){ns, folio_xstrdup(local), NULL};
		id = (int)g->nnames++;
		rng_smap_put(&g->name_ix, key, id);
	}
	free(key);
	return id;
}

/* The define `name` of a scope, created on first mention. */
static int define_of(struct build *b, int scope, const char *name)
{
	struct folio_rng *g = b->g;
	char *key = folio_xasprintf("%d\x1f%s", scope, name);
	int id = rng_smap_get(&g->def_ix, key);
	if (id < 0) {
		g->defs = folio_xgrow(g->defs, &g->defcap, g->ndefs + 1, sizeof *g->defs);
		g->defs[g->ndefs] = (struct define){-1, folio_xstrdup(name)};
		id = (int)g->ndefs++;
		rng_smap_put(&g->def_ix, key, id);
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

static int nameclass(struct build *b, const xmlNode *n, struct env e);

/* The name classes among n's children from `from` on, as one choice: -1
 * when there are none, -2 when one of them is in error. */
static int nameclass_choice(struct build *b, const xmlNode *from, struct env e)
{
	int acc = -1;
	for (const xmlNode *c = from; c != NULL; c = c->next) {
		if (!is_rng(c, NULL))
			continue;
		int k = nameclass(b, c, e);
		if (k < 0)
			return -2;
		acc = acc < 0 ? k : add_nc(b->g, NC_CHOICE, acc, k);
	}
	return acc;
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
			except = nameclass_choice(b, first_rng(x), e);
			if (except == -2)
				return -1;
		}
		if (is_rng(n, "anyName"))
			return add_nc(g, NC_ANY, except, 0);
		return add_nc(g, NC_NSNAME, intern_ns(g, e.ns ? e.ns : "", NULL), except);
	}
	if (is_rng(n, "choice")) {
		int acc = nameclass_choice(b, first_rng(n), e);
		return acc < 0 ? -1 : acc;
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
	char *path = folio_path_from_url((const char *)uri);
	if (path == NULL)
		fail(b, n, "refusing to read '%s': schemas are read from local files only", href);
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
	rng_smap_free(&g->name_ix);
	for (size_t i = 0; i < g->nns; i++) {
		free(g->nss[i]);
		free(g->nsprefix[i]);
	}
	free(g->nss);
	free(g->nsprefix);
	rng_smap_free(&g->ns_ix);
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
	rng_smap_free(&g->def_ix);
	free(g->elems);
	free(g);
}
