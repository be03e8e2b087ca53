/* rngquery.c — what a content pattern allows and requires, without entering
 * an element: the elements, attributes and data it allows anywhere, those
 * that may come first, and the names every match must have; and the
 * queries of rngintro.h built on them.  Answers are kept in the workspace
 * of the call. */
#include "rngint.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static void new_walk(struct ws *w)
{
	if (w->markcap < rng_total(w)) {
		size_t old = w->markcap;
		w->markcap = rng_total(w) + 1024;
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

/* What a walk collects: anywhere in a pattern, or (`first`) only what may
 * come first, where data counts as text and attributes do not count. */
struct walk {
	int first;
	struct idlist els, atts, datas;
	int text;
};

static void walk(struct ws *w, int id, struct walk *k)
{
	id = rng_deref(w, id);
	if (!visit(w, id))
		return;
	struct pat p = rng_pt(w, id);
	switch (p.type) {
	case P_ELEMENT:
		rng_push(&k->els, id);
		break;
	case P_ATTRIBUTE:
		if (!k->first)
			rng_push(&k->atts, id);
		break;
	case P_TEXT:
		k->text = 1;
		break;
	case P_DATA:
	case P_VALUE:
	case P_LIST:
		if (k->first)
			k->text = 1;
		else
			rng_push(&k->datas, id);
		break;
	case P_CHOICE:
	case P_INTERLEAVE:
		walk(w, p.a, k);
		walk(w, p.b, k);
		break;
	case P_GROUP:
		walk(w, p.a, k);
		if (!k->first || rng_nullable(w, p.a))
			walk(w, p.b, k);
		break;
	case P_ONEORMORE:
		walk(w, p.a, k);
		break;
	default:
		break;
	}
}

void rng_first(struct ws *w, int id, struct idlist *els, int *text)
{
	struct walk k = {.first = 1};
	new_walk(w);
	walk(w, id, &k);
	*els = k.els;
	*text = k.text;
}

const struct reach *rng_reach_of(struct ws *w, int id)
{
	int ix;
	if (rng_imap_get(&w->reachix, (uint64_t)id, &ix))
		return &w->reach[ix];
	struct walk k = {.first = 0};
	new_walk(w);
	walk(w, id, &k);
	struct reach r = {
		.elems = k.els.v, .nelems = k.els.n,
		.attrs = k.atts.v, .nattrs = k.atts.n,
		.datas = k.datas.v, .ndatas = k.datas.n,
		.text = k.text,
	};
	w->reach = folio_xgrow(w->reach, &w->reachcap, w->nreach + 1, sizeof *w->reach);
	w->reach[w->nreach] = r;
	rng_imap_put(&w->reachix, (uint64_t)id, (int)w->nreach);
	return &w->reach[w->nreach++];
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* What both sides of a choice of attributes require: names required alone
 * on both sides stay required alone; else one group of every name of
 * either side. */
static void both_attrs(const struct idlist *a, const struct idlist *b, struct idlist *out)
{
	for (size_t i = 0; i + 1 < a->n; i++)
		if (a->v[i] >= 0 && a->v[i + 1] == -1 && (i == 0 || a->v[i - 1] == -1))
			for (size_t j = 0; j + 1 < b->n; j++)
				if (b->v[j] == a->v[i] && b->v[j + 1] == -1 && (j == 0 || b->v[j - 1] == -1)) {
					rng_push(out, a->v[i]);
					rng_push(out, -1);
					break;
				}
	if (out->n == 0) {
		for (size_t i = 0; i < a->n; i++)
			if (a->v[i] >= 0)
				rng_push(out, a->v[i]);
		for (size_t i = 0; i < b->n; i++)
			if (b->v[i] >= 0)
				rng_push(out, b->v[i]);
		qsort(out->v, out->n, sizeof *out->v, cmp_int);
		size_t k = 1;
		for (size_t i = 1; i < out->n; i++)
			if (out->v[i] != out->v[k - 1])
				out->v[k++] = out->v[i];
		out->n = k;
		rng_push(out, -1);
	}
}

/* What both sides of a choice of elements require: the names on both. */
static void both_elems(const struct idlist *a, const struct idlist *b, struct idlist *out)
{
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++)
			if (a->v[i] == b->v[j]) {
				rng_push(out, a->v[i]);
				break;
			}
}

/* The names every match of `id` must have, as long as w->budget lasts
 * (the caller sets it).  With `attrs`, attributes, as groups of names each
 * ended by -1: a group is met when one of its names is there (a choice of
 * attributes, like linkend or xlink:href, makes a group of two).  Without,
 * the element names every completion of `id` must still contain.  The
 * caller frees the list. */
struct idlist rng_required(struct ws *w, int id, int attrs)
{
	struct idlist out = {0};
	if (--w->budget < 0 || (attrs && !rng_has_att(w, id)))
		return out;
	id = rng_deref(w, id);
	struct pat p = rng_pt(w, id);
	switch (p.type) {
	case P_ATTRIBUTE:
	case P_ELEMENT:
		if ((p.type == P_ATTRIBUTE) == (attrs != 0) && w->g->nc[p.a].type == NC_NAME) {
			rng_push(&out, w->g->nc[p.a].a);
			if (attrs)
				rng_push(&out, -1);
		}
		break;
	case P_GROUP:
	case P_INTERLEAVE: {
		struct idlist a = rng_required(w, p.a, attrs), b = rng_required(w, p.b, attrs);
		for (size_t i = 0; i < b.n; i++)
			rng_push(&a, b.v[i]);
		free(b.v);
		return a;
	}
	case P_CHOICE: {
		struct idlist a = rng_required(w, p.a, attrs);
		if (a.n == 0)
			return a;
		struct idlist b = rng_required(w, p.b, attrs);
		if (b.n == 0) {
			free(a.v);
			return b;
		}
		if (attrs)
			both_attrs(&a, &b, &out);
		else
			both_elems(&a, &b, &out);
		free(a.v);
		free(b.v);
		break;
	}
	case P_ONEORMORE:
		return rng_required(w, p.a, attrs);
	default:
		break;
	}
	return out;
}

/* ---- Introspection queries --------------------------------------------- */

static int query(const struct folio_rng *g, const char *ns, const char *name,
		 struct ws *w, int *content)
{
	memset(w, 0, sizeof *w);
	w->g = g;
	int nsid = rng_smap_get(&g->ns_ix, ns ? ns : "");
	char *key = folio_xasprintf("%d\x1f%s", nsid, name);
	int tok = nsid < 0 ? -1 : rng_smap_get(&g->name_ix, key);
	free(key);
	*content = tok < 0 ? NOTALLOWED : rng_global(w, tok);
	return *content == NOTALLOWED ? -1 : 0;
}

/* The child elements (and text) or, with `attrs`, the attributes an
 * element's content may hold anywhere. */
static int reach_names(const struct folio_rng *g, const char *ns, const char *name, int attrs,
		       struct folio_names *out)
{
	struct ws w;
	int c, rc = query(g, ns, name, &w, &c);
	const struct reach *r = rng_reach_of(&w, c);
	if (attrs) {
		rng_names_of(&w, r->attrs, r->nattrs, 1, out);
	} else {
		rng_names_of(&w, r->elems, r->nelems, 0, out);
		out->text = r->text;
	}
	rng_ws_free(&w);
	return rc;
}

int folio_rngintro_children(const struct folio_rng *g, const char *ns, const char *name,
			    struct folio_names *out)
{
	return reach_names(g, ns, name, 0, out);
}

int folio_rngintro_attributes(const struct folio_rng *g, const char *ns, const char *name,
			      struct folio_names *out)
{
	return reach_names(g, ns, name, 1, out);
}

int folio_rngintro_first(const struct folio_rng *g, const char *ns, const char *name,
			 struct folio_names *out)
{
	struct ws w;
	int c, rc = query(g, ns, name, &w, &c);
	struct idlist els = {0};
	int text = 0;
	memset(out, 0, sizeof *out);
	if (rc == 0 && !rng_nullable(&w, c)) {
		rng_first(&w, c, &els, &text);
		if (!text)
			rng_names_of(&w, els.v, els.n, 0, out);
	}
	free(els.v);
	rng_ws_free(&w);
	return rc;
}
