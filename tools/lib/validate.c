/* validate.c — RELAX NG and Schematron validation, said in plain words.
 *
 * libxml2's RELAX NG validator judges (it is fast and exact); when it says
 * no, the grammar model of rngintro.h replays the document by names and says
 * what is wrong, where, and what is allowed there, one record per problem —
 * libxml2's own messages cascade up the ancestors and often name the wrong
 * element, so they are used only when the replay finds nothing (datatype
 * parameters, say).  ID, IDREF and IDREFS become NCName and NMTOKENS in the
 * copy libxml2 compiles: unique ids and dangling links are checks.c's rules,
 * and libxml2 2.9 reports ID errors through the global error handler only.
 * Schematron rules are run here with XPath rather than with libxml2 2.9's
 * Schematron, which cannot report schema errors per context and allows no
 * predicates in rule contexts: one XPath pass per rule context, the first
 * matching rule of a pattern wins, asserts fire when false, reports when
 * true.  Every error hook is per context; nothing here prints. */
#include "validate.h"
#include "buf.h"
#include "paths.h"
#include "rngintro.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libexslt/exslt.h>
#include <libxml/catalog.h>
#include <libxml/relaxng.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#define SCH_NS "http://purl.oclc.org/dsdl/schematron"
#define SCH_OLD_NS "http://www.ascc.net/xml/schematron"
#define MAX_RAW 256             /* libxml2 errors kept for the fallback */

struct sch_let {
	const xmlChar *name;     /* owned by the Schematron document */
	xmlXPathCompExprPtr expr;
};

struct sch_test {
	int report;              /* sch:report: fires when true */
	xmlXPathCompExprPtr expr;
	const xmlNode *node;     /* the assert/report, for its message */
	int failed_eval;         /* already said that it cannot be evaluated */
};

/* One branch of a rule context's union.  A plain element name (with
 * predicates that are not positional) is looked up in an index built in one
 * walk of the document, the predicates checked as "self::name[…]"; anything
 * else is searched for with XPath. */
struct sch_branch {
	const xmlChar *uri;      /* indexed: the element's namespace ("" none) */
	char *local;             /* indexed: its local name; NULL: XPath */
	xmlXPathCompExprPtr expr;/* the self:: test, or the XPath search */
	size_t bucket;
};

struct sch_rule {
	struct sch_branch *br;
	size_t nbr;
	const xmlNode *node;
	struct sch_let *lets;
	size_t nlets;
	struct sch_test *tests;
	size_t ntests;
	size_t pattern;
};

struct sch {
	xmlDocPtr doc;
	char *path;
	const xmlChar **ns;      /* prefix, uri, prefix, uri, … */
	size_t nns;
	struct sch_let *lets;    /* schema-level lets */
	size_t nlets;
	struct sch_rule *rules;
	size_t nrules;
	size_t npatterns;
	struct sch_branch **keys;/* the first branch of each indexed name */
	size_t nkeys;
};

struct folio_validator {
	enum folio_schema_kind kind;
	enum folio_rule rule;
	char *rng_path;
	xmlRelaxNGPtr rng;
	struct folio_rng *model;        /* built when first needed: model() */
	int model_failed;
	struct sch *sch;
};

/* ---- Finding the schemas ----------------------------------------------- */

char *folio_docbook_rng_path(void)
{
	static const char *const uris[] = {
		"http://docbook.org/xml/5.0/rng/docbook.rng",
		"http://docbook.org/xml/5.1/rng/docbook.rng",
		"http://www.oasis-open.org/docbook/xml/5.0/rng/docbook.rng",
	};
	static const char *const known[] = {
		"/usr/share/xml/docbook/schema/rng/5.0/docbook.rng",
		"/usr/share/xml/docbook/schema/rng/5.1/docbook.rng",
		"/usr/share/xml/docbook/schema/rng/5.1/rng/docbook.rng",
		"/usr/share/xml/docbook5/schema/rng/5.0/docbook.rng",
	};
	for (size_t i = 0; i < sizeof uris / sizeof uris[0]; i++) {
		xmlChar *r = xmlCatalogResolveURI(BAD_CAST uris[i]);
		if (r == NULL)
			r = xmlCatalogResolveSystem(BAD_CAST uris[i]);
		if (r == NULL)
			continue;
		char *path = folio_path_from_url((const char *)r);
		xmlFree(r);
		if (path != NULL && access(path, R_OK) == 0)
			return path;
		free(path);
	}
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (access(known[i], R_OK) == 0)
			return folio_xstrdup(known[i]);
	return NULL;
}

/* ---- Compiling RELAX NG ------------------------------------------------ */

struct first_error {
	char *msg;
	int line;
};

static void on_schema_error(void *ctx, xmlErrorPtr e)
{
	struct first_error *fe = ctx;
	if (fe == NULL || e == NULL || e->level < XML_ERR_ERROR || fe->msg != NULL)
		return;
	const char *m = e->message ? e->message : "error";
	size_t n = strlen(m);
	while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' '))
		n--;
	fe->msg = folio_xstrndup(m, n);
	fe->line = e->line;
}

/* In the copy libxml2 compiles, ID/IDREF(S) lose their DTD-compatibility
 * meaning (see the top of the file). */
static void strip_id_types(xmlNode *n)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "data") == 0 && n->ns != NULL &&
		    xmlStrEqual(n->ns->href, BAD_CAST "http://relaxng.org/ns/structure/1.0")) {
			xmlChar *t = xmlGetNoNsProp(n, BAD_CAST "type");
			if (t != NULL && (xmlStrEqual(t, BAD_CAST "ID") || xmlStrEqual(t, BAD_CAST "IDREF")))
				xmlSetProp(n, BAD_CAST "type", BAD_CAST "NCName");
			else if (t != NULL && xmlStrEqual(t, BAD_CAST "IDREFS"))
				xmlSetProp(n, BAD_CAST "type", BAD_CAST "NMTOKENS");
			xmlFree(t);
		}
		strip_id_types(n->children);
	}
}

static int load_rng(struct folio_validator *v, const char *path, struct folio_diags *d)
{
	int rc = -1;
	char *err = NULL;
	struct first_error fe = {NULL, 0};
	xmlRelaxNGParserCtxtPtr pc = NULL;
	xmlDocPtr doc = folio_rngintro_read(path, &err);

	if (doc == NULL) {
		folio_diag(d, FOLIO_R_SCHEMA_MISSING, path, 0, 0, "cannot read the schema: %s", err);
		goto out;
	}
	strip_id_types(xmlDocGetRootElement(doc));
	pc = xmlRelaxNGNewDocParserCtxt(doc);
	if (pc == NULL) {
		folio_diag(d, FOLIO_R_SCHEMA_MISSING, path, 0, 0, "cannot compile the schema");
		goto out;
	}
	xmlRelaxNGSetParserStructuredErrors(pc, on_schema_error, &fe);
	v->rng = xmlRelaxNGParse(pc);
	if (v->rng == NULL) {
		folio_diag(d, FOLIO_R_SCHEMA_MISSING, path, fe.line, 0,
			   "cannot compile this RELAX NG schema: %s",
			   fe.msg ? fe.msg : "libxml2 rejects it");
		goto out;
	}
	rc = 0;
out:
	if (pc != NULL)
		xmlRelaxNGFreeParserCtxt(pc);
	if (doc != NULL)
		xmlFreeDoc(doc);
	free(fe.msg);
	free(err);
	return rc;
}

/* ---- Compiling Schematron ---------------------------------------------- */

static int is_sch(const xmlNode *n, const char *local)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL && n->ns->href != NULL &&
	       (xmlStrEqual(n->ns->href, BAD_CAST SCH_NS) || xmlStrEqual(n->ns->href, BAD_CAST SCH_OLD_NS)) &&
	       (local == NULL || strcmp((const char *)n->name, local) == 0);
}

static const xmlChar *sch_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a != NULL; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			return a->children && a->children->type == XML_TEXT_NODE ? a->children->content
										 : BAD_CAST "";
	return NULL;
}

/* Per-run XPath state: the node current() returns, the first error. */
struct xrun {
	xmlNodePtr current;
	struct first_error err;
};

static void on_xpath_error(void *ctx, xmlErrorPtr e)
{
	struct xrun *r = ctx;
	on_schema_error(&r->err, e);
}

static void fn_current(xmlXPathParserContextPtr ctxt, int nargs)
{
	CHECK_ARITY(0);
	struct xrun *r = ctxt->context->userData;
	valuePush(ctxt, xmlXPathNewNodeSet(r ? r->current : NULL));
}

static xmlXPathContextPtr new_xpath(const struct sch *s, xmlDocPtr doc, struct xrun *run)
{
	xmlXPathContextPtr x = xmlXPathNewContext(doc);
	if (x == NULL)
		return NULL;
	x->userData = run;
	x->error = on_xpath_error;
	for (size_t i = 0; i + 1 < s->nns; i += 2)
		xmlXPathRegisterNs(x, s->ns[i], s->ns[i + 1]);
	xmlXPathRegisterFunc(x, BAD_CAST "current", fn_current);
	exsltDateXpathCtxtRegister(x, BAD_CAST "date");
	exsltMathXpathCtxtRegister(x, BAD_CAST "math");
	exsltSetsXpathCtxtRegister(x, BAD_CAST "set");
	exsltStrXpathCtxtRegister(x, BAD_CAST "str");
	return x;
}

/* The branches of a rule context (an XSLT pattern: a union of paths),
 * split at top-level bars; each is a fresh string the caller frees. */
static size_t split_union(const char *pat, char ***out)
{
	size_t n = 0, cap = 0;
	int depth = 0;
	char quote = 0;
	const char *start = pat;
	*out = NULL;
	for (const char *p = pat;; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			else if (*p == '\0')
				break;
			continue;
		}
		if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '[' || *p == '(') {
			depth++;
		} else if (*p == ']' || *p == ')') {
			depth--;
		} else if ((*p == '|' && depth == 0) || *p == '\0') {
			const char *a = start, *b = p;
			while (a < b && (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r'))
				a++;
			while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\n' || b[-1] == '\r'))
				b--;
			*out = folio_xgrow(*out, &cap, n + 1, sizeof **out);
			(*out)[n++] = folio_xstrndup(a, (size_t)(b - a));
			if (*p == '\0')
				break;
			start = p + 1;
		}
	}
	return n;
}

static int name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || (unsigned char)c >= 0x80;
}

/* "db:table" or "db:biblioid[@class = 'isbn']": the length of the name
 * (prefix included), or 0 when the branch is not one step on an element
 * name with non-positional predicates. */
static size_t simple_step(const char *b)
{
	size_t i = 0;
	while (name_char(b[i]))
		i++;
	if (b[i] == ':' && i > 0) {
		i++;
		size_t j = i;
		while (name_char(b[i]))
			i++;
		if (i == j)
			return 0;
	}
	size_t name = i;
	if (name == 0 || (b[0] >= '0' && b[0] <= '9'))
		return 0;
	while (b[i] == '[') {
		int depth = 0;
		char quote = 0;
		size_t from = i;
		for (; b[i]; i++) {
			if (quote) {
				quote = b[i] == quote ? 0 : quote;
			} else if (b[i] == '"' || b[i] == '\'') {
				quote = b[i];
			} else if (b[i] == '[') {
				depth++;
			} else if (b[i] == ']' && --depth == 0) {
				break;
			}
		}
		if (b[i] != ']')
			return 0;
		/* [3], [$n], [position() …], [last()] select by position. */
		char *pred = folio_xstrndup(b + from + 1, i - from - 1);
		size_t k = strspn(pred, " 0123456789");
		int positional = pred[k] == '\0' || pred[0] == '$' || strstr(pred, "position(") != NULL ||
				 strstr(pred, "last(") != NULL;
		free(pred);
		if (positional)
			return 0;
		i++;
	}
	return b[i] == '\0' ? name : 0;
}

static xmlXPathCompExprPtr compile(struct sch *s, xmlXPathContextPtr x, struct xrun *run,
				   const xmlNode *at, const xmlChar *expr, struct folio_diags *d)
{
	free(run->err.msg);
	run->err.msg = NULL;
	xmlXPathCompExprPtr c = xmlXPathCtxtCompile(x, expr);
	if (c == NULL)
		folio_diag(d, FOLIO_R_SCHEMA_MISSING, s->path, (int)xmlGetLineNo(at), 0,
			   "cannot compile the XPath expression '%s': %s", (const char *)expr,
			   run->err.msg ? run->err.msg : "syntax error");
	return c;
}

static int add_lets(struct sch *s, xmlXPathContextPtr x, struct xrun *run, const xmlNode *parent,
		    struct sch_let **lets, size_t *n, struct folio_diags *d)
{
	size_t cap = *n;
	for (const xmlNode *c = parent->children; c != NULL; c = c->next) {
		if (!is_sch(c, "let"))
			continue;
		const xmlChar *name = sch_attr(c, "name"), *value = sch_attr(c, "value");
		if (name == NULL || value == NULL) {
			folio_diag(d, FOLIO_R_SCHEMA_MISSING, s->path, (int)xmlGetLineNo(c), 0,
				   "<let> needs a name and a value");
			return -1;
		}
		xmlXPathCompExprPtr e = compile(s, x, run, c, value, d);
		if (e == NULL)
			return -1;
		*lets = folio_xgrow(*lets, &cap, *n + 1, sizeof **lets);
		(*lets)[(*n)++] = (struct sch_let){name, e};
	}
	return 0;
}

static int add_tests(struct sch *s, xmlXPathContextPtr x, struct xrun *run, const xmlNode *rule,
		     struct sch_rule *r, size_t *cap, struct folio_diags *d)
{
	for (const xmlNode *c = rule->children; c != NULL; c = c->next) {
		if (!is_sch(c, "assert") && !is_sch(c, "report"))
			continue;
		const xmlChar *test = sch_attr(c, "test");
		if (test == NULL) {
			folio_diag(d, FOLIO_R_SCHEMA_MISSING, s->path, (int)xmlGetLineNo(c), 0,
				   "<%s> without a test", (const char *)c->name);
			return -1;
		}
		xmlXPathCompExprPtr e = compile(s, x, run, c, test, d);
		if (e == NULL)
			return -1;
		r->tests = folio_xgrow(r->tests, cap, r->ntests + 1, sizeof *r->tests);
		r->tests[r->ntests++] = (struct sch_test){c->name[0] == 'r', e, c, 0};
	}
	return 0;
}

static const xmlNode *abstract_rule(const xmlNode *root, const xmlChar *id)
{
	for (const xmlNode *p = root->children; p != NULL; p = p->next)
		for (const xmlNode *r = is_sch(p, "pattern") ? p->children : NULL; r != NULL; r = r->next)
			if (is_sch(r, "rule") && sch_attr(r, "id") != NULL &&
			    xmlStrEqual(sch_attr(r, "id"), id))
				return r;
	return NULL;
}

static void sch_free(struct sch *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->nlets; i++)
		xmlXPathFreeCompExpr(s->lets[i].expr);
	free(s->lets);
	for (size_t i = 0; i < s->nrules; i++) {
		struct sch_rule *r = &s->rules[i];
		for (size_t j = 0; j < r->nbr; j++) {
			xmlXPathFreeCompExpr(r->br[j].expr);
			free(r->br[j].local);
		}
		free(r->br);
		for (size_t j = 0; j < r->nlets; j++)
			xmlXPathFreeCompExpr(r->lets[j].expr);
		free(r->lets);
		for (size_t j = 0; j < r->ntests; j++)
			xmlXPathFreeCompExpr(r->tests[j].expr);
		free(r->tests);
	}
	free(s->rules);
	free(s->keys);
	free(s->ns);
	if (s->doc)
		xmlFreeDoc(s->doc);
	free(s->path);
	free(s);
}

static int compile_rule(struct sch *s, xmlXPathContextPtr x, struct xrun *run, const xmlNode *root,
			const xmlNode *rn, size_t pattern, size_t *rulecap, struct folio_diags *d)
{
	const xmlChar *ctx = sch_attr(rn, "context");
	if (ctx == NULL) {
		folio_diag(d, FOLIO_R_SCHEMA_MISSING, s->path, (int)xmlGetLineNo(rn), 0,
			   "<rule> without a context");
		return -1;
	}
	s->rules = folio_xgrow(s->rules, rulecap, s->nrules + 1, sizeof *s->rules);
	struct sch_rule *r = &s->rules[s->nrules++];
	memset(r, 0, sizeof *r);
	r->node = rn;
	r->pattern = pattern;
	char **branches;
	size_t nb = split_union((const char *)ctx, &branches);
	int bad = 0;
	r->br = folio_xcalloc(nb, sizeof *r->br);
	for (size_t i = 0; i < nb; i++) {
		struct sch_branch *b = &r->br[r->nbr++];
		size_t name = branches[i][0] != '/' ? simple_step(branches[i]) : 0;
		const char *colon = name ? memchr(branches[i], ':', name) : NULL;
		const xmlChar *uri = BAD_CAST "";
		if (colon != NULL) {
			uri = NULL;
			for (size_t k = 0; k + 1 < s->nns && uri == NULL; k += 2)
				if (xmlStrlen(s->ns[k]) == colon - branches[i] &&
				    strncmp((const char *)s->ns[k], branches[i], (size_t)(colon - branches[i])) == 0)
					uri = s->ns[k + 1];
		}
		char *xp;
		if (name && uri != NULL) {
			const char *local = colon ? colon + 1 : branches[i];
			b->uri = uri;
			b->local = folio_xstrndup(local, (size_t)(branches[i] + name - local));
			xp = branches[i][name] ? folio_xasprintf("self::%s", branches[i]) : NULL;
		} else {
			xp = branches[i][0] == '/' ? folio_xstrdup(branches[i])
						   : folio_xasprintf("//%s", branches[i]);
		}
		if (xp != NULL && (b->expr = compile(s, x, run, rn, BAD_CAST xp, d)) == NULL)
			bad = 1;
		free(xp);
	}
	for (size_t i = 0; i < nb; i++)
		free(branches[i]);
	free(branches);
	if (bad || nb == 0)
		return -1;
	size_t testcap = 0;
	if (add_lets(s, x, run, rn, &r->lets, &r->nlets, d) < 0 ||
	    add_tests(s, x, run, rn, r, &testcap, d) < 0)
		return -1;
	/* sch:extends pulls in the tests of an abstract rule. */
	for (const xmlNode *c = rn->children; c != NULL; c = c->next) {
		if (!is_sch(c, "extends"))
			continue;
		const xmlChar *id = sch_attr(c, "rule");
		const xmlNode *ab = id ? abstract_rule(root, id) : NULL;
		if (ab == NULL) {
			folio_diag(d, FOLIO_R_SCHEMA_MISSING, s->path, (int)xmlGetLineNo(c), 0,
				   "<extends> names no abstract rule");
			return -1;
		}
		if (add_lets(s, x, run, ab, &r->lets, &r->nlets, d) < 0 ||
		    add_tests(s, x, run, ab, r, &testcap, d) < 0)
			return -1;
	}
	return 0;
}

/* Numbers the distinct names that indexed branches look up. */
static void index_keys(struct sch *s)
{
	size_t cap = 0;
	for (size_t i = 0; i < s->nrules; i++)
		for (size_t j = 0; j < s->rules[i].nbr; j++) {
			struct sch_branch *b = &s->rules[i].br[j];
			if (b->local == NULL)
				continue;
			size_t k = 0;
			while (k < s->nkeys && !(strcmp(s->keys[k]->local, b->local) == 0 &&
						 xmlStrEqual(s->keys[k]->uri, b->uri)))
				k++;
			if (k == s->nkeys) {
				s->keys = folio_xgrow(s->keys, &cap, s->nkeys + 1, sizeof *s->keys);
				s->keys[s->nkeys++] = b;
			}
			b->bucket = k;
		}
}

static struct sch *load_sch(const char *path, struct folio_diags *d)
{
	struct sch *s = folio_xcalloc(1, sizeof *s);
	struct xrun run = {NULL, {NULL, 0}};
	xmlXPathContextPtr x = NULL;
	char *err = NULL;
	size_t nscap = 0, rulecap = 0;
	int ok = 0;

	s->path = folio_xstrdup(path);
	s->doc = folio_rngintro_read(path, &err);
	if (s->doc == NULL) {
		folio_diag(d, FOLIO_R_SCHEMA_MISSING, path, 0, 0, "cannot read the Schematron rules: %s", err);
		goto out;
	}
	const xmlNode *root = xmlDocGetRootElement(s->doc);
	if (!is_sch(root, "schema")) {
		folio_diag(d, FOLIO_R_SCHEMA_MISSING, path, 0, 0,
			   "not an ISO Schematron schema (root <schema> in %s)", SCH_NS);
		goto out;
	}
	for (const xmlNode *c = root->children; c != NULL; c = c->next)
		if (is_sch(c, "ns") && sch_attr(c, "prefix") && sch_attr(c, "uri")) {
			s->ns = folio_xgrow(s->ns, &nscap, s->nns + 2, sizeof *s->ns);
			s->ns[s->nns++] = sch_attr(c, "prefix");
			s->ns[s->nns++] = sch_attr(c, "uri");
		}
	x = new_xpath(s, s->doc, &run);
	if (x == NULL)
		goto out;
	if (add_lets(s, x, &run, root, &s->lets, &s->nlets, d) < 0)
		goto out;
	for (const xmlNode *p = root->children; p != NULL; p = p->next) {
		if (!is_sch(p, "pattern") || sch_attr(p, "is-a") != NULL)
			continue;
		if (sch_attr(p, "abstract") && xmlStrEqual(sch_attr(p, "abstract"), BAD_CAST "true"))
			continue;
		for (const xmlNode *rn = p->children; rn != NULL; rn = rn->next) {
			if (!is_sch(rn, "rule"))
				continue;
			if (sch_attr(rn, "abstract") && xmlStrEqual(sch_attr(rn, "abstract"), BAD_CAST "true"))
				continue;
			if (compile_rule(s, x, &run, root, rn, s->npatterns, &rulecap, d) < 0)
				goto out;
		}
		s->npatterns++;
	}
	index_keys(s);
	ok = 1;
out:
	if (x != NULL)
		xmlXPathFreeContext(x);
	free(run.err.msg);
	free(err);
	if (!ok) {
		sch_free(s);
		return NULL;
	}
	return s;
}

/* ---- The validator ----------------------------------------------------- */

struct folio_validator *folio_validator_new(enum folio_schema_kind kind, struct folio_diags *d)
{
	struct folio_validator *v = folio_xcalloc(1, sizeof *v);
	char *sch_path = NULL;
	int ok = 0;

	v->kind = kind;
	if (kind == FOLIO_SCHEMA_DOCBOOK) {
		v->rule = FOLIO_R_DOCBOOK_SCHEMA;
		v->rng_path = folio_docbook_rng_path();
		if (v->rng_path == NULL) {
			folio_diag(d, FOLIO_R_SCHEMA_MISSING, NULL, 0, 0,
				   "the official DocBook 5 schema is not installed (Debian package docbook5-xml)");
			goto out;
		}
	} else {
		v->rule = FOLIO_R_SCHEMA;
		v->rng_path = folio_data_path("schemas/folio.rng");
		sch_path = folio_data_path("schemas/folio.sch");
		if (v->rng_path == NULL || sch_path == NULL) {
			folio_diag(d, FOLIO_R_SCHEMA_MISSING, NULL, 0, 0,
				   "cannot find Folio's %s (looked in $FOLIO_DATADIR and in share/folio "
				   "next to the tool); is Folio installed?",
				   v->rng_path == NULL ? "schemas/folio.rng" : "schemas/folio.sch");
			goto out;
		}
	}
	if (load_rng(v, v->rng_path, d) < 0)
		goto out;
	if (sch_path != NULL && (v->sch = load_sch(sch_path, d)) == NULL)
		goto out;
	ok = 1;
out:
	free(sch_path);
	if (!ok) {
		folio_validator_free(v);
		return NULL;
	}
	return v;
}

void folio_validator_free(struct folio_validator *v)
{
	if (v == NULL)
		return;
	if (v->rng != NULL)
		xmlRelaxNGFree(v->rng);
	folio_rngintro_free(v->model);
	sch_free(v->sch);
	free(v->rng_path);
	free(v);
}

/* ---- Locating ---------------------------------------------------------- */

/* libxml2 gives a text node the line where the text ends; a problem with
 * text is shown where its first visible character is. */
static void locate_text(struct folio_doc *doc, const xmlNode *t, struct folio_loc *loc)
{
	const xmlNode *parent = t->parent;
	folio_doc_locate(doc, parent, loc);
	const char *s = t->content ? (const char *)t->content : "";
	size_t i = 0, nl_before = 0, nl_after = 0, line_start = 0;
	for (; s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'; i++)
		if (s[i] == '\n') {
			nl_before++;
			line_start = i + 1;
		}
	for (size_t j = i; s[j]; j++)
		nl_after += s[j] == '\n';
	long line;
	if (t->prev == NULL) {
		line = xmlGetLineNo(parent) + (long)nl_before;
		if (nl_before == 0)
			return;  /* on the start tag's line: point at the element */
	} else {
		line = xmlGetLineNo(t) - (long)nl_after;
		/* Not before the sibling it follows, unless that one was
		 * XIncluded from another file. */
		long floor = xmlHasNsProp(t->prev, BAD_CAST "base", XML_XML_NAMESPACE) ? 0
											 : xmlGetLineNo(t->prev);
		if (line < floor)
			line = floor;
	}
	loc->line = line > 0 ? (int)line : loc->line;
	loc->col = 1;
	if (nl_before > 0) {
		int col = 1;
		for (size_t k = line_start; k < i; k++)
			if (((unsigned char)s[k] & 0xC0) != 0x80)
				col++;
		loc->col = col;
	}
}

static void locate(struct folio_doc *doc, const xmlNode *n, struct folio_loc *loc)
{
	if (n != NULL && (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
	    n->parent != NULL)
		locate_text(doc, n, loc);
	else
		folio_doc_locate(doc, n, loc);
}

/* ---- RELAX NG ---------------------------------------------------------- */

struct raw_error {
	int code;
	char *str1, *str2, *msg;
	const xmlNode *node;
};

struct rng_run {
	struct raw_error v[MAX_RAW];
	size_t n;
	struct folio_validator *val;
	struct folio_doc *doc;
	struct folio_diags *d;
};

static void on_valid_error(void *ctx, xmlErrorPtr e)
{
	struct rng_run *r = ctx;
	if (e == NULL || e->level < XML_ERR_ERROR || r->n >= MAX_RAW)
		return;
	struct raw_error *x = &r->v[r->n++];
	x->code = e->code;
	x->str1 = e->str1 ? folio_xstrdup(e->str1) : NULL;
	x->str2 = e->str2 ? folio_xstrdup(e->str2) : NULL;
	x->msg = folio_xstrdup(e->message ? e->message : "");
	size_t n = strlen(x->msg);
	while (n > 0 && (x->msg[n - 1] == '\n' || x->msg[n - 1] == ' '))
		x->msg[--n] = '\0';
	x->node = e->node;
}

static void on_problem(void *ctx, const xmlNode *node, const char *msg)
{
	struct rng_run *r = ctx;
	struct folio_loc loc;
	locate(r->doc, node, &loc);
	folio_diag(r->d, r->val->rule, loc.file, loc.line, loc.col, "%s", msg);
}

static int depth_of(const xmlNode *n)
{
	int depth = 0;
	for (; n != NULL; n = n->parent)
		depth++;
	return depth;
}

/* When the replay finds nothing (a datatype parameter, say): the deepest of
 * libxml2's errors, said with the element and what it may contain. */
static void fallback(struct rng_run *r)
{
	const struct raw_error *best = NULL;
	int best_depth = -1;
	for (size_t i = 0; i < r->n; i++) {
		const xmlNode *n = r->v[i].node;
		int depth = depth_of(n);
		if (n != NULL && depth > best_depth) {
			best = &r->v[i];
			best_depth = depth;
		}
	}
	const xmlNode *n = best ? best->node : xmlDocGetRootElement(r->doc->doc);
	while (n != NULL && n->type != XML_ELEMENT_NODE && n->type != XML_ATTRIBUTE_NODE)
		n = n->parent;
	struct folio_loc loc;
	locate(r->doc, n, &loc);
	if (n == NULL) {
		folio_diag(r->d, r->val->rule, loc.file, loc.line, loc.col,
			   "the document does not match the schema");
		return;
	}
	const xmlNode *el = n->type == XML_ATTRIBUTE_NODE ? n->parent : n;
	int datatype = best != NULL &&
		       (best->code == XML_RELAXNG_ERR_TYPE || best->code == XML_RELAXNG_ERR_DATATYPE ||
			best->code == XML_RELAXNG_ERR_VALUE || best->code == XML_RELAXNG_ERR_LIST);
	if (datatype && (n->type == XML_ATTRIBUTE_NODE || el->children == NULL ||
			 (el->children->type == XML_TEXT_NODE && el->children->next == NULL))) {
		/* A value refused for a reason the replay does not model (an
		 * <except>, a rare facet). */
		xmlChar *v = n->type == XML_ATTRIBUTE_NODE ? xmlNodeListGetString(n->doc, n->children, 1)
							   : xmlNodeGetContent(n);
		if (n->type == XML_ATTRIBUTE_NODE)
			folio_diag(r->d, r->val->rule, loc.file, loc.line, loc.col,
				   "attribute '%s' on <%s> cannot be '%s'; the schema does not accept this value here",
				   (const char *)n->name, (const char *)el->name, v ? (const char *)v : "");
		else
			folio_diag(r->d, r->val->rule, loc.file, loc.line, loc.col,
				   "<%s> cannot contain '%s'; the schema does not accept this value here",
				   (const char *)el->name, v ? (const char *)v : "");
		xmlFree(v);
		return;
	}
	struct folio_names kids = {0};
	if (r->val->model != NULL)
		folio_rngintro_children(r->val->model,
					el->ns && el->ns->href ? (const char *)el->ns->href : "",
					(const char *)el->name, &kids);
	char *list = folio_names_join(&kids, 20);
	const char *why = best && best->msg[0] ? best->msg : "it does not match the schema";
	char *lower = folio_xstrdup(why);
	if (lower[0] >= 'A' && lower[0] <= 'Z' && !(lower[1] >= 'A' && lower[1] <= 'Z'))
		lower[0] = (char)(lower[0] - 'A' + 'a');
	if (kids.n > 0)
		folio_diag(r->d, r->val->rule, loc.file, loc.line, loc.col,
			   "<%s> does not match the schema (%s); <%s> may contain: %s%s",
			   (const char *)el->name, lower, (const char *)el->name, list,
			   kids.text ? " (and text)" : "");
	else
		folio_diag(r->d, r->val->rule, loc.file, loc.line, loc.col,
			   "<%s> does not match the schema (%s)", (const char *)el->name, lower);
	free(lower);
	free(list);
	folio_names_free(&kids);
}

/* The grammar model, built on the first invalid document only: a valid one
 * never needs it (building it costs about a tenth of compiling the schema). */
static const struct folio_rng *model(struct folio_validator *v)
{
	if (v->model == NULL && !v->model_failed) {
		char *err = NULL;
		xmlDocPtr doc = folio_rngintro_read(v->rng_path, &err);
		if (doc != NULL)
			v->model = folio_rngintro_new(doc, &err);
		v->model_failed = v->model == NULL;
		xmlFreeDoc(doc);
		free(err);
	}
	return v->model;
}

static int validate_rng(struct folio_validator *v, struct folio_doc *doc, struct folio_diags *d)
{
	int rc = -1;
	struct rng_run *r = folio_xcalloc(1, sizeof *r);
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(v->rng);

	r->val = v;
	r->doc = doc;
	r->d = d;
	if (vc == NULL) {
		folio_diag(d, FOLIO_R_SCHEMA_MISSING, v->rng_path, 0, 0, "cannot start validation");
		goto out;
	}
	xmlRelaxNGSetValidStructuredErrors(vc, on_valid_error, r);
	int ret = xmlRelaxNGValidateDoc(vc, doc->doc);
	if (ret == 0) {
		rc = 0;
		goto out;
	}
	if (model(v) == NULL || folio_rngintro_check(v->model, doc->doc, on_problem, r) == 0)
		fallback(r);
	rc = 1;
out:
	if (vc != NULL)
		xmlRelaxNGFreeValidCtxt(vc);
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].str1);
		free(r->v[i].str2);
		free(r->v[i].msg);
	}
	free(r);
	return rc;
}

/* ---- Schematron -------------------------------------------------------- */

/* Nodes a pattern's earlier rules already took. */
struct ptrset {
	const void **v;
	size_t cap, n;
};

static size_t ptr_slot(const void *p, size_t cap)
{
	return (size_t)(((uintptr_t)p * 0x9E3779B97F4A7C15u) >> 20) & (cap - 1);
}

/* Adds p; returns 0 when it was there already. */
static int ptrset_add(struct ptrset *s, const void *p)
{
	if (2 * (s->n + 1) > s->cap) {
		struct ptrset old = *s;
		s->cap = old.cap ? old.cap * 2 : 256;
		s->v = folio_xcalloc(s->cap, sizeof *s->v);
		s->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.v[i] != NULL) {
				size_t j = ptr_slot(old.v[i], s->cap);
				while (s->v[j] != NULL)
					j = (j + 1) & (s->cap - 1);
				s->v[j] = old.v[i];
				s->n++;
			}
		free(old.v);
	}
	size_t i = ptr_slot(p, s->cap);
	while (s->v[i] != NULL) {
		if (s->v[i] == p)
			return 0;
		i = (i + 1) & (s->cap - 1);
	}
	s->v[i] = p;
	s->n++;
	return 1;
}

static void node_qname(struct folio_buf *b, const xmlNode *n)
{
	if (n == NULL)
		return;
	if (n->ns != NULL && n->ns->prefix != NULL && n->type != XML_DOCUMENT_NODE)
		folio_buf_printf(b, "%s:", (const char *)n->ns->prefix);
	if (n->name != NULL && n->type != XML_DOCUMENT_NODE)
		folio_buf_puts(b, (const char *)n->name);
}

static void message_text(xmlXPathContextPtr x, const xmlNode *at, xmlNodePtr node,
			 struct folio_buf *b)
{
	for (const xmlNode *c = at->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			folio_buf_puts(b, (const char *)c->content);
		} else if (is_sch(c, "value-of") || is_sch(c, "name")) {
			const xmlChar *e = sch_attr(c, c->name[0] == 'v' ? "select" : "path");
			xmlXPathObjectPtr o = NULL;
			if (e != NULL) {
				x->node = node;
				o = xmlXPathEvalExpression(e, x);
			}
			if (c->name[0] == 'n') {
				const xmlNode *n = node;
				if (o != NULL && o->type == XPATH_NODESET && o->nodesetval &&
				    o->nodesetval->nodeNr > 0)
					n = o->nodesetval->nodeTab[0];
				else if (e != NULL)
					n = NULL;
				node_qname(b, n);
			} else if (o != NULL) {
				xmlChar *s = xmlXPathCastToString(o);
				folio_buf_puts(b, s ? (const char *)s : "");
				xmlFree(s);
			}
			xmlXPathFreeObject(o);
		} else if (c->type == XML_ELEMENT_NODE) {
			message_text(x, c, node, b);
		}
	}
}

static enum folio_sev severity(const xmlNode *test, const xmlNode *rule)
{
	const xmlChar *role = sch_attr(test, "role");
	if (role == NULL)
		role = sch_attr(rule, "role");
	if (role == NULL)
		return FOLIO_ERROR;
	if (xmlStrEqual(role, BAD_CAST "warning") || xmlStrEqual(role, BAD_CAST "warn"))
		return FOLIO_WARNING;
	if (xmlStrEqual(role, BAD_CAST "info") || xmlStrEqual(role, BAD_CAST "information") ||
	    xmlStrEqual(role, BAD_CAST "note"))
		return FOLIO_NOTE;
	return FOLIO_ERROR;
}

/* "sch-isbn-role: text" -> the rule id and the rest. */
static void emit(struct folio_diags *d, struct folio_doc *doc, const xmlNode *node,
		 const struct sch_rule *rule, const struct sch_test *t, char *text)
{
	struct folio_loc loc;
	locate(doc, node, &loc);
	/* Collapse white space: messages are written across lines. */
	size_t n = 0;
	for (const char *p = text; *p; p++) {
		int sp = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
		if (sp && (n == 0 || text[n - 1] == ' '))
			continue;
		text[n++] = sp ? ' ' : *p;
	}
	while (n > 0 && text[n - 1] == ' ')
		n--;
	text[n] = '\0';
	size_t idlen = strspn(text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");
	enum folio_sev sev = severity(t->node, rule->node);
	if (idlen > 4 && strncmp(text, "sch-", 4) == 0 && text[idlen] == ':') {
		char *id = folio_xstrndup(text, idlen);
		const char *rest = text + idlen + 1;
		while (*rest == ' ')
			rest++;
		folio_diag_id(d, id, sev, loc.file, loc.line, loc.col, "%s", rest);
		free(id);
		return;
	}
	const xmlChar *tid = sch_attr(t->node, "id");
	if (tid != NULL && *tid) {
		char *id = strncmp((const char *)tid, "sch-", 4) == 0 ? folio_xstrdup((const char *)tid)
								       : folio_xasprintf("sch-%s", tid);
		folio_diag_id(d, id, sev, loc.file, loc.line, loc.col, "%s", text);
		free(id);
		return;
	}
	folio_diag(d, FOLIO_R_SCHEMATRON, loc.file, loc.line, loc.col, "%s", text);
}

static void set_lets(xmlXPathContextPtr x, const struct sch_let *lets, size_t n, xmlNodePtr node)
{
	for (size_t i = 0; i < n; i++) {
		x->node = node;
		x->contextSize = 1;
		x->proximityPosition = 1;
		xmlXPathObjectPtr o = xmlXPathCompiledEval(lets[i].expr, x);
		xmlXPathRegisterVariable(x, lets[i].name, o ? o : xmlXPathNewCString(""));
	}
}

struct nodelist {
	xmlNodePtr *v;
	size_t n, cap;
};

/* One walk of the document: the elements of every indexed name, in
 * document order. */
static void index_doc(const struct sch *s, xmlNodePtr root, struct nodelist *lists)
{
	for (xmlNodePtr n = root; n != NULL;) {
		if (n->type == XML_ELEMENT_NODE) {
			const xmlChar *uri = n->ns && n->ns->href ? n->ns->href : BAD_CAST "";
			for (size_t k = 0; k < s->nkeys; k++) {
				const struct sch_branch *b = s->keys[k];
				if (b->local[0] == (char)n->name[0] && strcmp(b->local, (const char *)n->name) == 0 &&
				    xmlStrEqual(b->uri, uri)) {
					struct nodelist *l = &lists[k];
					l->v = folio_xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
					l->v[l->n++] = n;
				}
			}
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
		}
		while (n != root && n->next == NULL)
			n = n->parent;
		if (n == root)
			break;
		n = n->next;
	}
}

struct sch_run {
	struct sch *s;
	struct folio_doc *doc;
	struct folio_diags *d;
	xmlXPathContextPtr x;
	struct xrun *xr;
	struct ptrset taken;     /* nodes the pattern's earlier rules took */
	struct ptrset seen;      /* nodes this rule has seen (several branches) */
};

static int eval_bool(xmlXPathContextPtr x, xmlXPathCompExprPtr e, xmlNodePtr node)
{
	x->node = node;
	x->contextSize = 1;
	x->proximityPosition = 1;
	return xmlXPathCompiledEvalToBoolean(e, x);
}

static void run_rule(struct sch_run *r, struct sch_rule *rule, int alone, xmlNodePtr node)
{
	if (node->type == XML_NAMESPACE_DECL || (rule->nbr > 1 && !ptrset_add(&r->seen, node)) ||
	    (!alone && !ptrset_add(&r->taken, node)))
		return;
	r->xr->current = node;
	set_lets(r->x, rule->lets, rule->nlets, node);
	for (size_t t = 0; t < rule->ntests; t++) {
		struct sch_test *test = &rule->tests[t];
		int b = eval_bool(r->x, test->expr, node);
		if (b < 0) {
			if (!test->failed_eval)
				folio_diag(r->d, FOLIO_R_SCHEMA_MISSING, r->s->path, (int)xmlGetLineNo(test->node), 0,
					   "cannot evaluate the Schematron test '%s'",
					   (const char *)sch_attr(test->node, "test"));
			test->failed_eval = 1;
			continue;
		}
		if (test->report ? b : !b) {
			struct folio_buf msg = FOLIO_BUF_INIT;
			message_text(r->x, test->node, node, &msg);
			char *text = msg.data ? folio_buf_take(&msg) : folio_xstrdup("");
			emit(r->d, r->doc, node, rule, test, text);
			free(text);
		}
	}
}

static int validate_sch(struct sch *s, struct folio_doc *doc, struct folio_diags *d)
{
	int rc = -1;
	struct xrun xr = {NULL, {NULL, 0}};
	struct sch_run r = {s, doc, d, NULL, &xr, {NULL, 0, 0}, {NULL, 0, 0}};
	size_t pattern = (size_t)-1, before = d->count[FOLIO_ERROR];
	struct nodelist *lists = folio_xcalloc(s->nkeys, sizeof *lists);
	xmlNodePtr root = xmlDocGetRootElement(doc->doc);

	r.x = new_xpath(s, doc->doc, &xr);
	if (r.x == NULL || root == NULL)
		goto out;
	index_doc(s, root, lists);
	for (size_t i = 0; i < s->nrules; i++)
		for (size_t t = 0; t < s->rules[i].ntests; t++)
			s->rules[i].tests[t].failed_eval = 0;
	set_lets(r.x, s->lets, s->nlets, (xmlNodePtr)doc->doc);
	for (size_t i = 0; i < s->nrules; i++) {
		struct sch_rule *rule = &s->rules[i];
		if (rule->pattern != pattern) {
			free(r.taken.v);
			memset(&r.taken, 0, sizeof r.taken);
			pattern = rule->pattern;
		}
		/* Alone in its pattern, a rule needs no record of what it took. */
		int alone = (i == 0 || s->rules[i - 1].pattern != pattern) &&
			    (i + 1 == s->nrules || s->rules[i + 1].pattern != pattern);
		free(r.seen.v);
		memset(&r.seen, 0, sizeof r.seen);
		for (size_t j = 0; j < rule->nbr; j++) {
			const struct sch_branch *b = &rule->br[j];
			if (b->local != NULL) {
				const struct nodelist *l = &lists[b->bucket];
				for (size_t k = 0; k < l->n; k++)
					if (b->expr == NULL || eval_bool(r.x, b->expr, l->v[k]) > 0)
						run_rule(&r, rule, alone, l->v[k]);
				continue;
			}
			r.x->node = (xmlNodePtr)doc->doc;
			xmlXPathObjectPtr found = xmlXPathCompiledEval(b->expr, r.x);
			xmlNodeSetPtr ns = found && found->type == XPATH_NODESET ? found->nodesetval : NULL;
			for (int k = 0; ns != NULL && k < ns->nodeNr; k++)
				run_rule(&r, rule, alone, ns->nodeTab[k]);
			xmlXPathFreeObject(found);
		}
	}
	rc = d->count[FOLIO_ERROR] > before ? 1 : 0;
out:
	for (size_t k = 0; k < s->nkeys; k++)
		free(lists[k].v);
	free(lists);
	free(r.taken.v);
	free(r.seen.v);
	free(xr.err.msg);
	if (r.x != NULL)
		xmlXPathFreeContext(r.x);
	return rc;
}

int folio_validate(struct folio_validator *v, struct folio_doc *doc, struct folio_diags *d)
{
	if (v == NULL || doc == NULL || doc->doc == NULL)
		return 1;
	int rng = validate_rng(v, doc, d);
	int sch = v->sch != NULL ? validate_sch(v->sch, doc, d) : 0;
	if (rng < 0 || sch < 0)
		return -1;
	return rng || sch;
}
