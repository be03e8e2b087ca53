/* rngcheck.c — the replay of a document against the grammar: each element
 * by its attributes (what is wrong with each, then the ones missing), then
 * its children by name and text, derivative by derivative, and data
 * content by its datatype.  The first child that does not fit is explained
 * (rngexplain.c) and the rest of that element is not judged, so each real
 * problem is said once; children are then held to what their own name
 * allows anywhere. */
#include "rngint.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void rng_say(struct check *c, const xmlNode *n, const char *fmt, ...)
{
	if (c->w.gaveup)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *msg = folio_xvasprintf(fmt, ap);
	va_end(ap);
	c->report(c->ctx, n, msg);
	c->count++;
	free(msg);
}

/* Says what is wrong with each attribute, then derives the content by all
 * of them.  Returns the content left for the children, with the variant the
 * attributes chose; or -1 when the attributes do not fit, and the children
 * are then held to the content regardless of attributes. */
static int check_attrs(struct check *c, const xmlNode *e, int content)
{
	struct ws *w = &c->w;
	const struct reach *r = rng_reach_of(w, content);
	int ca = content;
	const xmlAttr *culprit = NULL;
	char *en = rng_dname(w->g, e);
	for (const xmlAttr *a = e->properties; a != NULL; a = a->next) {
		int tok = rng_tok_of(w->g, a->ns, a->name);
		struct idlist match = {0};
		xmlChar *v = xmlNodeListGetString(e->doc, a->children, 1);
		const char *val = v ? (const char *)v : "";
		size_t ok = 0;
		for (size_t i = 0; i < r->nattrs; i++) {
			struct pat ap = rng_pt(w, r->attrs[i]);
			if (rng_ncm(w->g, ap.a, tok)) {
				rng_push(&match, ap.b);
				ok += (size_t)rng_vok(w, ap.b, val);
			}
		}
		char *an = rng_qdisplay(w->g, a->ns, a->name);
		if (match.n == 0) {
			struct folio_names nm;
			rng_names_of(w, r->attrs, r->nattrs, 1, &nm);
			if (nm.n == 0) {
				rng_say(c, (const xmlNode *)a, "attribute '%s' is not allowed on <%s>, which takes no attributes",
					an, en);
			} else {
				char *list = folio_names_join(&nm, LIST_MAX);
				rng_say(c, (const xmlNode *)a, "attribute '%s' is not allowed on <%s>; allowed: %s",
					an, en, list);
				free(list);
			}
			folio_names_free(&nm);
		} else if (ok == 0) {
			char *why = rng_value_phrase(w, match.v, match.n);
			rng_say(c, (const xmlNode *)a, "attribute '%s' on <%s> cannot be '%s'; %s", an, en, val, why);
			free(why);
		}
		/* What was said to be wrong is not said again: an attribute of
		 * an unknown name is left out, a wrong value taken as right, so
		 * that only what else is wrong (a missing attribute) is said. */
		if (ca != NOTALLOWED && match.n > 0) {
			int vkey = VAL_ANY;
			if (ok > 0 && ok < match.n && (vkey = rng_smap_get(&w->vals, val)) < 0) {
				vkey = (int)w->vals.n;
				rng_smap_put(&w->vals, val, vkey);
			}
			ca = rng_att_deriv(w, ca, tok, vkey, val);
			if (ca == NOTALLOWED)
				culprit = a;
		}
		free(an);
		free(match.v);
		xmlFree(v);
		r = rng_reach_of(w, content);
	}
	int closed = ca == NOTALLOWED ? NOTALLOWED : rng_att_close(w, ca);
	if (ca == NOTALLOWED) {
		struct folio_names before = {0};
		size_t cap = 0;
		for (const xmlAttr *a = e->properties; a != culprit; a = a->next) {
			char *an = rng_qdisplay(w->g, a->ns, a->name);
			rng_add_name(&before, &cap, an);
			free(an);
		}
		char *cn = rng_qdisplay(w->g, culprit->ns, culprit->name);
		char *list = rng_quoted_list(&before, " and ");
		if (before.n > 0)
			rng_say(c, (const xmlNode *)culprit, "attribute '%s' cannot be used on <%s> together with %s",
				cn, en, list);
		else
			rng_say(c, (const xmlNode *)culprit, "attribute '%s' cannot be used on <%s> here", cn, en);
		free(list);
		free(cn);
		folio_names_free(&before);
	} else if (ca != NOTALLOWED && closed == NOTALLOWED) {
		/* Missing attributes: what every remaining variant still wants. */
		w->budget = 100000;
		struct idlist req = rng_required(w, ca, 1);
		struct folio_names miss = {0};
		size_t cap = 0;
		for (size_t i = 0; i < req.n && w->budget >= 0; i++) {
			size_t from = i;
			while (req.v[i] >= 0)
				i++;
			if (i == from + 1) {
				rng_add_name(&miss, &cap, w->g->names[req.v[from]].display);
				continue;
			}
			struct folio_names one = {0};
			size_t onecap = 0;
			for (size_t k = from; k < i; k++)
				rng_add_name(&one, &onecap, w->g->names[req.v[k]].display);
			char *list = rng_quoted_list(&one, " or ");
			rng_say(c, e, "<%s> needs one of the attributes %s", en, list);
			free(list);
			folio_names_free(&one);
		}
		rng_uniq_sorted(&miss);
		if (miss.n > 0) {
			char *list = rng_quoted_list(&miss, " and ");
			rng_say(c, e, "<%s> needs the attribute%s %s", en, miss.n > 1 ? "s" : "", list);
			free(list);
		} else if (req.n == 0 || w->budget < 0) {
			rng_say(c, e, "<%s> lacks an attribute the schema requires", en);
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
	const struct reach *r = rng_reach_of(w, content);
	if (r->nelems > 0 || r->text || r->ndatas == 0)
		return;
	xmlChar *v = xmlNodeGetContent(e);
	const char *val = v ? (const char *)v : "";
	int ok = 0;
	for (size_t i = 0; i < r->ndatas && !ok; i++)
		ok = rng_vok(w, r->datas[i], val);
	if (!ok) {
		char *en = rng_dname(w->g, e);
		int *datas = folio_xmalloc(r->ndatas * sizeof *datas);
		size_t n = r->ndatas;
		memcpy(datas, r->datas, n * sizeof *datas);
		char *why = rng_value_phrase(w, datas, n);
		char *shown = rng_collapse(val);
		rng_say(c, e, "<%s> cannot contain '%s'; %s", en, shown, why);
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
				check_elem(c, ch, rng_global(w, rng_elem_tok(w->g, ch)));
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
			int tok = rng_elem_tok(w->g, ch), cc;
			if (!failed) {
				int q = rng_deriv(w, p, tok);
				if (q == NOTALLOWED) {
					rng_misplaced(c, e, start, content, p, ch, prev, intext);
					failed = 1;
					cc = rng_global(w, tok);
				} else {
					cc = rng_matched(w, p, tok);
					p = q;
				}
			} else {
				cc = rng_global(w, tok);
			}
			check_elem(c, ch, cc);
			prev = ch;
			intext = 0;
		} else if ((ch->type == XML_TEXT_NODE || ch->type == XML_CDATA_SECTION_NODE) &&
			   !blank(ch->content) && !intext && !failed) {
			/* Adjacent text (around comments, CDATA) is one string. */
			intext = 1;
			int q = rng_deriv(w, p, TOK_TEXT);
			if (q == NOTALLOWED) {
				rng_misplaced_text(c, e, start, content, p, ch, prev);
				failed = 1;
			} else {
				p = q;
			}
		}
	}
	if (!failed && !rng_nullable(w, p))
		rng_incomplete(c, e, p, prev, intext);
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
	int tok = rng_elem_tok(g, root), content;
	if (rng_deriv(&c.w, g->start, tok) == NOTALLOWED) {
		rng_bad_root(&c, root);
		content = rng_global(&c.w, tok);
	} else {
		content = rng_matched(&c.w, g->start, tok);
	}
	check_elem(&c, root, content);
	rng_ws_free(&c.w);
	return c.count;
}
