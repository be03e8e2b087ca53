/* rngderiv.c — the workspace of one replay or query: derived patterns,
 * hash-consed so that equal patterns are one id, and the memo tables of
 * James Clark's derivative algorithm.  An element's attributes are taken
 * first (a derivative by each, then the closure that finds those still
 * missing), then its children by name and text, so a whole book costs a few
 * hash look-ups per element.  Nothing of the model is changed: derived
 * patterns get ids after the model's own (see rng_pt). */
#include "rngint.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define MAX_DERIVED 4000000

static uint64_t key3(int type, int a, int b)
{
	return ((uint64_t)type << 58) | ((uint64_t)(uint32_t)(a + 2) << 29) | (uint32_t)(b + 2);
}

static int mk(struct ws *w, int type, int a, int b)
{
	uint64_t k = key3(type, a, b);
	int id;
	if (rng_imap_get(&w->cons, k, &id))
		return id;
	if (w->np >= MAX_DERIVED) {
		w->gaveup = 1;
		return NOTALLOWED;
	}
	w->p = folio_xgrow(w->p, &w->pcap, w->np + 1, sizeof *w->p);
	w->p[w->np] = (struct pat){(unsigned char)type, a, b};
	id = (int)rng_total(w);
	w->np++;
	rng_imap_put(&w->cons, k, id);
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
	struct pat pa = rng_pt(w, a), pb = rng_pt(w, b);
	if (pa.type == P_CHOICE && (pa.a == b || pa.b == b))
		return a;
	if (pb.type == P_CHOICE && (pb.a == a || pb.b == a))
		return b;
	return a < b ? mk(w, P_CHOICE, a, b) : mk(w, P_CHOICE, b, a);
}

/* Group (a, b) or interleave (a & b): notAllowed and empty simplified
 * away, and an interleave's operands ordered, since a & b is b & a. */
static int combine(struct ws *w, int type, int a, int b)
{
	if (a == NOTALLOWED || b == NOTALLOWED)
		return NOTALLOWED;
	if (a == EMPTY)
		return b;
	if (b == EMPTY)
		return a;
	return type == P_INTERLEAVE && b < a ? mk(w, type, b, a) : mk(w, type, a, b);
}

static int group(struct ws *w, int a, int b)
{
	return combine(w, P_GROUP, a, b);
}

static int interleave(struct ws *w, int a, int b)
{
	return combine(w, P_INTERLEAVE, a, b);
}

/* A yes/no property of patterns, remembered per pattern in m: `rule`
 * answers for one pattern, asking again for its parts.  The memo grows to
 * cover every pattern so far, derived ones included. */
static int memoised(struct ws *w, struct memo *m, int id, int (*rule)(struct ws *, struct pat))
{
	id = rng_deref(w, id);
	if ((size_t)id >= m->cap) {
		size_t old = m->cap;
		m->cap = rng_total(w) + 1024;
		m->v = folio_xrealloc(m->v, m->cap);
		memset(m->v + old, 0, m->cap - old);
	}
	if (m->v[id])
		return m->v[id] == 2;
	int r = rule(w, rng_pt(w, id));
	m->v[id] = r ? 2 : 1;
	return r;
}

static int nullable_rule(struct ws *w, struct pat p)
{
	switch (p.type) {
	case P_NOTALLOWED:
	case P_ELEMENT:
		return 0;
	case P_CHOICE:
		return rng_nullable(w, p.a) || rng_nullable(w, p.b);
	case P_GROUP:
	case P_INTERLEAVE:
		return rng_nullable(w, p.a) && rng_nullable(w, p.b);
	case P_ONEORMORE:
		return rng_nullable(w, p.a);
	default:                       /* empty, text, data, attributes */
		return 1;
	}
}

int rng_nullable(struct ws *w, int id)
{
	return memoised(w, &w->null, id, nullable_rule);
}

static int tok_ns(const struct folio_rng *g, int tok)
{
	if (tok < 0)
		return -2;
	if ((size_t)tok < g->nnames)
		return g->names[tok].ns;
	return (size_t)tok - g->nnames < g->nns ? (int)((size_t)tok - g->nnames) : -2;
}

int rng_ncm(const struct folio_rng *g, int nc, int tok)
{
	const struct nc *c = &g->nc[nc];
	switch (c->type) {
	case NC_NAME:
		return c->a == tok;
	case NC_ANY:
		return c->a < 0 || !rng_ncm(g, c->a, tok);
	case NC_NSNAME:
		return tok_ns(g, tok) == c->a && (c->b < 0 || !rng_ncm(g, c->b, tok));
	default:
		return rng_ncm(g, c->a, tok) || rng_ncm(g, c->b, tok);
	}
}

/* A name of the document as a token: a name of the grammar, else a stand-in
 * for "some other name in namespace N" (N known to the grammar or not). */
int rng_tok_of(const struct folio_rng *g, const xmlNs *ns, const xmlChar *local)
{
	const char *uri = ns && ns->href ? (const char *)ns->href : "";
	int nsid = rng_smap_get(&g->ns_ix, uri);
	if (nsid < 0)
		return (int)(g->nnames + g->nns);
	char *key = folio_xasprintf("%d\x1f%s", nsid, (const char *)local);
	int id = rng_smap_get(&g->name_ix, key);
	free(key);
	return id >= 0 ? id : (int)(g->nnames + (size_t)nsid);
}

int rng_deriv(struct ws *w, int id, int tok)
{
	id = rng_deref(w, id);
	struct pat p = rng_pt(w, id);
	switch (p.type) {
	case P_TEXT:
		return tok == TOK_TEXT ? id : NOTALLOWED;
	case P_DATA:
	case P_VALUE:
	case P_LIST:
		return tok == TOK_TEXT ? EMPTY : NOTALLOWED;
	case P_ELEMENT:
		return tok != TOK_TEXT && rng_ncm(w->g, p.a, tok) ? EMPTY : NOTALLOWED;
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
	if (rng_imap_get(&w->deriv, k, &r))
		return r;
	switch (p.type) {
	case P_CHOICE:
		r = choice(w, rng_deriv(w, p.a, tok), rng_deriv(w, p.b, tok));
		break;
	case P_GROUP:
		r = group(w, rng_deriv(w, p.a, tok), p.b);
		if (rng_nullable(w, p.a))
			r = choice(w, r, rng_deriv(w, p.b, tok));
		break;
	case P_INTERLEAVE:
		r = choice(w, interleave(w, rng_deriv(w, p.a, tok), p.b),
			   interleave(w, p.a, rng_deriv(w, p.b, tok)));
		break;
	default:
		r = group(w, rng_deriv(w, p.a, tok), choice(w, id, EMPTY));
		break;
	}
	rng_imap_put(&w->deriv, k, r);
	return r;
}

/* The content of the element patterns that can take `tok` first in `id`:
 * what the child element must then match. */
int rng_matched(struct ws *w, int id, int tok)
{
	id = rng_deref(w, id);
	struct pat p = rng_pt(w, id);
	if (p.type == P_ELEMENT)
		return rng_ncm(w->g, p.a, tok) ? p.b : NOTALLOWED;
	if (p.type != P_CHOICE && p.type != P_GROUP && p.type != P_INTERLEAVE &&
	    p.type != P_ONEORMORE)
		return NOTALLOWED;
	uint64_t k = key3(15, id, tok);
	int r;
	if (rng_imap_get(&w->match, k, &r))
		return r;
	r = rng_matched(w, p.a, tok);
	if (p.type == P_CHOICE || p.type == P_INTERLEAVE ||
	    (p.type == P_GROUP && rng_nullable(w, p.a)))
		r = choice(w, r, rng_matched(w, p.b, tok));
	rng_imap_put(&w->match, k, r);
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
int rng_global(struct ws *w, int tok)
{
	int r;
	if (rng_imap_get(&w->global, (uint64_t)(tok + 2), &r))
		return r;
	r = NOTALLOWED;
	for (int pass = 0; pass < 2 && r == NOTALLOWED; pass++)
		for (size_t i = 0; i < w->g->nelems; i++) {
			struct pat p = w->g->p[w->g->elems[i]];
			if (pass == 0 ? nc_exact(w->g, p.a, tok) : rng_ncm(w->g, p.a, tok))
				r = choice(w, r, p.b);
		}
	rng_imap_put(&w->global, (uint64_t)(tok + 2), r);
	return r;
}

static int one_or_more(struct ws *w, int a)
{
	if (a == NOTALLOWED || a == EMPTY)
		return a;
	return mk(w, P_ONEORMORE, a, 0);
}

static int has_att_rule(struct ws *w, struct pat p)
{
	switch (p.type) {
	case P_ATTRIBUTE:
		return 1;
	case P_CHOICE:
	case P_GROUP:
	case P_INTERLEAVE:
		return rng_has_att(w, p.a) || rng_has_att(w, p.b);
	case P_ONEORMORE:
		return rng_has_att(w, p.a);
	default:
		return 0;
	}
}

/* Whether attribute patterns are reachable from `id` without entering an
 * element: most content (inline choices) has none and is skipped. */
int rng_has_att(struct ws *w, int id)
{
	return memoised(w, &w->hasatt, id, has_att_rule);
}

int rng_att_deriv(struct ws *w, int id, int tok, int vkey, const char *v)
{
	id = rng_deref(w, id);
	struct pat p = rng_pt(w, id);
	if (p.type == P_ATTRIBUTE) {
		if (!rng_ncm(w->g, p.a, tok))
			return NOTALLOWED;
		return vkey == VAL_ANY || rng_vok(w, p.b, v) ? EMPTY : NOTALLOWED;
	}
	if (!rng_has_att(w, id))
		return NOTALLOWED;
	uint64_t k = ((uint64_t)id << 40) | ((uint64_t)(uint32_t)tok << 20) | (uint64_t)(vkey + 2);
	int r;
	if (rng_imap_get(&w->attd, k, &r))
		return r;
	switch (p.type) {
	case P_CHOICE:
		r = choice(w, rng_att_deriv(w, p.a, tok, vkey, v), rng_att_deriv(w, p.b, tok, vkey, v));
		break;
	case P_GROUP:
		r = choice(w, group(w, rng_att_deriv(w, p.a, tok, vkey, v), p.b),
			   group(w, p.a, rng_att_deriv(w, p.b, tok, vkey, v)));
		break;
	case P_INTERLEAVE:
		r = choice(w, interleave(w, rng_att_deriv(w, p.a, tok, vkey, v), p.b),
			   interleave(w, p.a, rng_att_deriv(w, p.b, tok, vkey, v)));
		break;
	default:
		r = group(w, rng_att_deriv(w, p.a, tok, vkey, v), choice(w, id, EMPTY));
		break;
	}
	rng_imap_put(&w->attd, k, r);
	return r;
}

/* After the last attribute: attribute patterns still waiting are missing. */
int rng_att_close(struct ws *w, int id)
{
	int d = rng_deref(w, id);
	if (!rng_has_att(w, d))
		return id;
	struct pat p = rng_pt(w, d);
	if (p.type == P_ATTRIBUTE)
		return NOTALLOWED;
	int r;
	if (rng_imap_get(&w->closed, (uint64_t)d, &r))
		return r;
	int a = rng_att_close(w, p.a), b = p.type == P_ONEORMORE ? 0 : rng_att_close(w, p.b);
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
	rng_imap_put(&w->closed, (uint64_t)d, r);
	return r;
}

void rng_ws_free(struct ws *w)
{
	free(w->p);
	rng_imap_free(&w->cons);
	rng_imap_free(&w->deriv);
	rng_imap_free(&w->match);
	rng_imap_free(&w->global);
	rng_imap_free(&w->reachix);
	rng_imap_free(&w->attd);
	rng_imap_free(&w->closed);
	rng_smap_free(&w->vals);
	free(w->null.v);
	free(w->hasatt.v);
	free(w->mark);
	for (size_t i = 0; i < w->nreach; i++) {
		free(w->reach[i].elems);
		free(w->reach[i].attrs);
		free(w->reach[i].datas);
	}
	free(w->reach);
}
