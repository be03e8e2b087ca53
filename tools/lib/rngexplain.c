/* rngexplain.c — what is wrong with an element's content, in plain words:
 * a child element or text out of place, content that stops too early, a
 * root the grammar does not start with.  Each problem is said once, at the
 * node it concerns, naming what the grammar allows there (what it requires
 * first, so a long list is not cut before it) and, when an attribute chose
 * the content model, that attribute. */
#include "rngint.h"
#include "buf.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* An element or attribute name of the document as users read it. */
char *rng_qdisplay(const struct folio_rng *g, const xmlNs *ns, const xmlChar *name)
{
	int tok = rng_tok_of(g, ns, name);
	if (tok >= 0 && (size_t)tok < g->nnames)
		return folio_xstrdup(g->names[tok].display);
	if (ns != NULL && ns->prefix != NULL)
		return folio_xasprintf("%s:%s", ns->prefix, name);
	return folio_xstrdup((const char *)name);
}

char *rng_dname(const struct folio_rng *g, const xmlNode *n)
{
	return rng_qdisplay(g, n->ns, n->name);
}

/* An element with the attributes that chose its content model:
 * indexterm class="endofrange" startref="ix". */
static char *dname_attrs(const struct folio_rng *g, const xmlNode *n)
{
	struct folio_buf b = FOLIO_BUF_INIT;
	char *name = rng_dname(g, n);
	folio_buf_puts(&b, name);
	free(name);
	int shown = 0;
	for (const xmlAttr *a = n->properties; a != NULL && shown < 3; a = a->next) {
		if (a->ns != NULL && a->ns->prefix != NULL && strcmp((const char *)a->ns->prefix, "xml") == 0)
			continue;
		xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
		char *an = rng_qdisplay(g, a->ns, a->name);
		size_t len = v ? strlen((const char *)v) : 0;
		folio_buf_printf(&b, " %s=\"%.*s%s\"", an, len > 24 ? 24 : (int)len, v ? (const char *)v : "",
				 len > 24 ? "…" : "");
		free(an);
		xmlFree(v);
		shown++;
	}
	return folio_buf_take(&b);
}

/* "a, b, … and 9 more (and text)" for element patterns.  When the list must
 * be shortened, what `content` requires comes first so it is not cut. */
static char *elems_phrase(struct ws *w, const int *ids, size_t n, int text, int content)
{
	struct folio_names nm;
	rng_names_of(w, ids, n, 0, &nm);
	if (nm.n > LIST_MAX && content >= 0) {
		w->budget = 100000;
		struct idlist req = rng_required(w, content, 0);
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
	rng_names_of(w, els->v, els->n, 0, &nm);
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
		if (rng_ncm(w->g, rng_pt(w, r->elems[i]).a, tok))
			return 1;
	return 0;
}

/* `content` is what the attributes chose, `any` the content whatever the
 * attributes; `prev` is the element before x; `after_text` says text came
 * last. */
void rng_misplaced(struct check *c, const xmlNode *e, int content, int any, int p,
		   const xmlNode *x, const xmlNode *prev, int after_text)
{
	struct ws *w = &c->w;
	int tok = rng_elem_tok(w->g, x);
	int chosen = content != any && !allows_elem(w, rng_reach_of(w, content), tok) &&
		     allows_elem(w, rng_reach_of(w, any), tok);
	const struct reach *r = rng_reach_of(w, content);
	char *en = chosen ? dname_attrs(w->g, e) : rng_dname(w->g, e), *xn = rng_dname(w->g, x);
	if (!allows_elem(w, r, tok)) {
		const char *unknown = rng_global(w, tok) == NOTALLOWED ? " (the schema has no such element)" : "";
		int text = r->text || r->ndatas > 0;
		if (r->nelems == 0) {
			rng_say(c, x, "<%s> is not allowed inside <%s>%s, which %s", xn, en, unknown,
				text ? "may contain only text" : "must be empty");
		} else {
			char *list = elems_phrase(w, r->elems, r->nelems, r->text, content);
			rng_say(c, x, "<%s> is not allowed inside <%s>%s; <%s> may contain: %s", xn, en,
				unknown, en, list);
			free(list);
		}
	} else {
		struct idlist els = {0};
		int text = 0, info;
		rng_first(w, p, &els, &text);
		if (prev == NULL && !after_text && titleish(w, &els, text, &info)) {
			rng_say(c, e, "<%s> needs a <title>%s before its content", en,
				info ? " (or <info> with a title)" : "");
		} else {
			char *list = elems_phrase(w, els.v, els.n, text, -1);
			if (after_text) {
				rng_say(c, x, "<%s> cannot follow text inside <%s>; allowed there: %s", xn, en,
					els.n || text ? list : "nothing");
			} else if (prev != NULL) {
				char *pn = rng_dname(w->g, prev);
				if (els.n == 0 && !text)
					rng_say(c, x, "<%s> cannot follow <%s> inside <%s>; nothing may come after <%s>",
						xn, pn, en, pn);
				else
					rng_say(c, x, "<%s> cannot follow <%s> inside <%s>; allowed there: %s",
						xn, pn, en, list);
				free(pn);
			} else {
				rng_say(c, x, "<%s> cannot come first inside <%s>; it must start with: %s", xn, en, list);
			}
			free(list);
		}
		free(els.v);
	}
	free(en);
	free(xn);
}

void rng_misplaced_text(struct check *c, const xmlNode *e, int content, int any, int p,
			const xmlNode *t, const xmlNode *prev)
{
	struct ws *w = &c->w;
	const struct reach *ra = rng_reach_of(w, any);
	int chosen = content != any && (ra->text || ra->ndatas > 0);
	const struct reach *r = rng_reach_of(w, content);
	chosen = chosen && !r->text && r->ndatas == 0;
	char *en = chosen ? dname_attrs(w->g, e) : rng_dname(w->g, e);
	if (!r->text && r->ndatas == 0) {
		if (r->nelems == 0) {
			rng_say(c, t, "unexpected text inside <%s>, which must be empty", en);
		} else {
			char *list = elems_phrase(w, r->elems, r->nelems, 0, content);
			rng_say(c, t, "unexpected text inside <%s>; it may contain: %s", en, list);
			free(list);
		}
	} else {
		struct idlist els = {0};
		int text = 0;
		rng_first(w, p, &els, &text);
		char *list = elems_phrase(w, els.v, els.n, text, -1);
		if (prev != NULL) {
			char *pn = rng_dname(w->g, prev);
			rng_say(c, t, "text cannot follow <%s> inside <%s>; allowed there: %s", pn, en,
				els.n ? list : "nothing");
			free(pn);
		} else {
			rng_say(c, t, "text cannot come first inside <%s>; it must start with: %s", en, list);
		}
		free(list);
		free(els.v);
	}
	free(en);
}

void rng_incomplete(struct check *c, const xmlNode *e, int p, const xmlNode *prev,
		    int after_text)
{
	struct ws *w = &c->w;
	struct idlist els = {0};
	int text = 0, info;
	char *en = rng_dname(w->g, e);
	rng_first(w, p, &els, &text);
	if (prev == NULL && !after_text && titleish(w, &els, text, &info)) {
		rng_say(c, e, "<%s> needs a <title>%s", en, info ? " (or <info> with a title)" : "");
	} else {
		w->budget = 100000;
		struct idlist req = rng_required(w, p, 0);
		struct folio_names nm = {0};
		size_t cap = 0;
		for (size_t i = 0; i < req.n && w->budget >= 0; i++)
			rng_add_name(&nm, &cap, w->g->names[req.v[i]].display);
		rng_uniq_sorted(&nm);
		if (nm.n > 0) {
			char *s = folio_xstrdup("");
			for (size_t i = 0; i < nm.n; i++) {
				char *t = folio_xasprintf("%s%s<%s>", s,
							  i == 0 ? "" : i + 1 == nm.n ? " and " : ", ", nm.v[i]);
				free(s);
				s = t;
			}
			rng_say(c, e, "<%s> is missing %s", en, s);
			free(s);
		} else {
			char *list = elems_phrase(w, els.v, els.n, text, -1);
			if (after_text) {
				rng_say(c, e, "<%s> is incomplete after its text; it needs one of: %s", en, list);
			} else if (prev != NULL) {
				char *pn = rng_dname(w->g, prev);
				rng_say(c, e, "<%s> is incomplete after <%s>; it needs one of: %s", en, pn, list);
				free(pn);
			} else {
				rng_say(c, e, "<%s> is empty; it needs one of: %s", en, list);
			}
			free(list);
		}
		folio_names_free(&nm);
		free(req.v);
	}
	free(els.v);
	free(en);
}

void rng_bad_root(struct check *c, const xmlNode *root)
{
	struct idlist els;
	int text;
	char *rn = rng_dname(c->w.g, root);
	rng_first(&c->w, c->w.g->start, &els, &text);
	char *list = elems_phrase(&c->w, els.v, els.n, 0, -1);
	rng_say(c, root, "<%s> cannot be the root element; the document must be one of: %s", rn, list);
	free(list);
	free(rn);
	free(els.v);
}
