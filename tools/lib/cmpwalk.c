/* cmpwalk.c — a document's elements to folio-compare's units, for DocBook
 * and EPUB alike.
 *
 * A unit's text is its content's text minus that of the units inside it;
 * alongside it goes the text the language checks judge, which leaves out
 * what is another language, a cited title or program text.  Markup inside
 * the text is counted by kind and gives the unit its ids, link targets,
 * cross-references (each an xref mark in the text) and external URLs.
 * What each element is, and what it names, is the format's to say (a
 * walk_classify of cmptree.c or cmpepub.c).  Recursion follows the element
 * tree, whose depth libxml2 bounds (256 without XML_PARSE_HUGE, which
 * neither reader sets). */
#include "cmpwalk.h"
#include "buf.h"
#include "codes.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

struct textacc {
	struct folio_buf text, ltext;
	int excluded;           /* ltext left something out */
};

static void push_str(char ***v, int *n, const char *s)
{
	*v = folio_xrealloc(*v, (size_t)(*n + 1) * sizeof **v);
	(*v)[(*n)++] = folio_xstrdup(s);
}

static int has_xml_lang(const xmlNode *n)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (strcmp((const char *)a->name, "lang") == 0 && a->ns &&
		    strcmp((const char *)a->ns->href, (const char *)XML_XML_NAMESPACE) == 0)
			return 1;
	return 0;
}

/* Markup inside unit u's text: counted, its names recorded. */
static void inline_marks(struct tree *t, int u, const struct walk_elem *e, struct textacc *acc)
{
	struct unit *un = &t->u[u];
	if (e->flag)
		un->inl[e->flag - 1]++;
	if (e->id)
		push_str(&un->ids, &un->nids, e->id);
	if (e->target)
		push_str(&un->targets, &un->ntargets, e->target);
	if (e->xref) {
		/* A cross-reference's text is not its own (DocBook's has
		 * none, an EPUB's is generated): an object replacement
		 * character holds its place, for the report. */
		push_str(&un->xrefs, &un->nxrefs, e->target ? e->target : "");
		folio_buf_puts(&acc->text, FOLIO_XREF_MARK);
		folio_buf_puts(&acc->ltext, FOLIO_XREF_MARK);
	}
	if (e->fragment) {
		push_str(&un->targets, &un->ntargets, e->fragment);
	} else if (e->url && strncmp(e->url, "mailto:", 7) == 0) {
		push_str(&un->hrefs, &un->nhrefs, e->url + 7);
	} else if (e->url) {
		char *norm = folio_codes_norm_url(e->url);
		push_str(&un->hrefs, &un->nhrefs, norm);
		free(norm);
	}
}

/* The text and markup of the nodes from `c` on, into unit u; units among
 * them become u's children. */
static void walk(struct tree *t, int u, xmlNode *c, struct textacc *acc, int quiet,
		 walk_classify *classify)
{
	for (; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			const char *s = (const char *)c->content;
			size_t len = s ? strlen(s) : 0;
			folio_buf_append(&acc->text, s ? s : "", len);
			if (quiet)
				acc->excluded = 1;
			else
				folio_buf_append(&acc->ltext, s ? s : "", len);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		struct walk_elem e;
		classify(c, &e);
		switch (e.kind) {
		case W_SKIP:
			if (e.id)
				push_str(&t->u[u].ids, &t->u[u].nids, e.id);
			break;
		case W_SPACE:
			folio_buf_putc(&acc->text, ' ');
			folio_buf_putc(&acc->ltext, ' ');
			break;
		case W_PASS:
			walk(t, u, c->children, acc, quiet, classify);
			break;
		case W_UNIT:
			cmp_walk_unit(t, c, &e, u, t->u[u].depth + 1, classify);
			break;
		case W_INLINE:
			inline_marks(t, u, &e, acc);
			if (e.generated)
				break;
			/* Text the language checks should not judge: another
			 * language marked as such, cited titles, program text. */
			walk(t, u, c->children, acc,
			     quiet || has_xml_lang(c) || e.flag == I_CITETITLE + 1 ||
				     e.flag == I_CODE + 1 || e.quiet,
			     classify);
			break;
		}
	}
}

int cmp_walk_add(struct tree *t, xmlNode *n, const struct walk_elem *e, int parent, int depth)
{
	t->u = folio_xgrow(t->u, &t->cap, t->n + 1, sizeof *t->u);
	int u = (int)t->n++;
	struct unit *un = &t->u[u];
	memset(un, 0, sizeof *un);
	un->node = n;
	un->label = e->label;
	un->plural = e->plural;
	un->cls = e->cls;
	un->kind = e->unit;
	un->code = e->code;
	un->parent = parent;
	un->first = un->last = un->next = -1;
	un->depth = depth;
	un->id = e->id;
	un->nnums = -1;
	if (parent >= 0) {
		struct unit *p = &t->u[parent];
		if (p->last >= 0)
			t->u[p->last].next = u;
		else
			p->first = u;
		p->last = u;
		p->nchild++;
	}
	return u;
}

int cmp_walk_unit(struct tree *t, xmlNode *n, const struct walk_elem *e, int parent, int depth,
		  walk_classify *classify)
{
	int u = cmp_walk_add(t, n, e, parent, depth);
	t->u[u].foreign = cmp_lang_differs(n, t->lang);
	struct textacc acc = {FOLIO_BUF_INIT, FOLIO_BUF_INIT, 0};
	if (e->text) {
		folio_buf_puts(&acc.text, e->text);
		folio_buf_puts(&acc.ltext, e->text);
	} else {
		walk(t, u, n->children, &acc, 0, classify);
	}
	struct unit *un = &t->u[u];     /* the array may have moved */
	un->text = cmp_fold(acc.text.data ? acc.text.data : "", acc.text.len, &un->tlen);
	if (acc.excluded) {
		size_t l;
		un->ltext = cmp_fold(acc.ltext.data ? acc.ltext.data : "", acc.ltext.len, &l);
	}
	folio_buf_free(&acc.text);
	folio_buf_free(&acc.ltext);
	return u;
}
