/* cmpwalk.h — the walk that turns a document into folio-compare's units.
 *
 * For cmptree.c (DocBook) and cmpepub.c (EPUB XHTML), and nothing else.
 * Each format says in a classifier of its own what one of its elements is
 * (left out, read in place, a unit, markup inside text) and what it
 * carries (its id, the targets it names, the URL it links to); cmpwalk.c
 * does the rest the same way for both: a unit's text and the text for the
 * language checks, inline counts, ids, link targets, xref marks, URLs, and
 * which text the language checks leave alone. */
#ifndef FOLIO_CMPWALK_H
#define FOLIO_CMPWALK_H

#include "cmpint.h"

enum walk_kind {
	W_SKIP,         /* left out, content and all */
	W_PASS,         /* neither unit nor markup: its content is read in place */
	W_SPACE,        /* a line break, read as a space */
	W_UNIT,         /* a unit of its own, a child of the enclosing one */
	W_INLINE,       /* markup inside the enclosing unit's text */
};

/* One element as its format classifies it.  The strings are static or
 * belong to the element's document. */
struct walk_elem {
	enum walk_kind kind;
	const char *id;         /* W_UNIT, W_INLINE: its id; W_SKIP: an id
				 * the unit keeps all the same (DocBook's
				 * anchors); NULL for none */

	/* W_UNIT */
	enum unit_kind unit;
	const char *label, *plural;
	int cls;                /* pairing class */
	int code;               /* program text: never translated */
	const char *text;       /* the unit's text in place of its content
				 * (an image's text alternative), or NULL */

	/* W_INLINE */
	int flag;               /* inline_kind + 1, or 0 when not counted */
	int xref;               /* a cross-reference: a mark in the text */
	int generated;          /* its content is generated, not read */
	int quiet;              /* its text is kept from the language checks
				 * whatever its language (foreignphrase) */
	const char *target;     /* an id it names (linkend, an EPUB xref's
				 * fragment), or NULL */
	const char *fragment;   /* the id its href points at in the
				 * publication itself, or NULL */
	const char *url;        /* its href elsewhere, or NULL */
};

/* Fills *e for element n (every field: unused ones zero). */
typedef void walk_classify(const xmlNode *n, struct walk_elem *e);

/* Appends to t a unit for n as e (W_UNIT) describes it, the last child of
 * `parent` (-1 for the root), with neither text nor children; returns its
 * index.  The caller sets its text. */
int cmp_walk_add(struct tree *t, xmlNode *n, const struct walk_elem *e, int parent, int depth);
/* Appends a unit for n as cmp_walk_add does and reads its content into
 * it, the elements in it as `classify` says: units among them become its
 * children.  Returns its index. */
int cmp_walk_unit(struct tree *t, xmlNode *n, const struct walk_elem *e, int parent, int depth,
		  walk_classify *classify);

#endif
