/* cmpint.h — the inside of folio-compare, shared by its own files only.
 *
 * For compare.c (running, metadata, records, JSON), cmptree.c (a document
 * as a tree of blocks) and cmpwalk.c (the walk that builds it),
 * cmpalign.c (pairing two trees), cmpchecks.c (the checks on each pair)
 * and cmphtml.c (the HTML report); nothing else may include it.  A
 * document is read into "units": the blocks a translation keeps one for
 * one (sections, paragraphs, list items, table rows and
 * cells, figures, footnotes…), each with its own text (its text minus that
 * of the blocks inside it), the inline markup it holds and its link
 * targets.  Units are kept in document order in one array per document and
 * refer to each other by index. */
#ifndef FOLIO_CMPINT_H
#define FOLIO_CMPINT_H

#include <stdint.h>

#include <libxml/tree.h>

#include "compare.h"
#include "langguess.h"
#include "load.h"

enum unit_kind { U_SECTION, U_BLOCK, U_TEXT };

/* Where an xref stands in a unit's text: U+FFFC OBJECT REPLACEMENT
 * CHARACTER, which no check reads as a letter, digit or code. */
#define FOLIO_XREF_MARK "\xef\xbf\xbc"

/* Inline markup counted for parity (cmp-markup, cmp-links). */
enum inline_kind { I_EMPHASIS, I_QUOTE, I_CITETITLE, I_SUP, I_SUB, I_CODE, I_XREF, I_LINK, NINLINE };

struct unit {
	xmlNode *node;
	const char *label;          /* "paragraph", "list item", "chapter"… */
	const char *plural;         /* "paragraphs", "list items"… */
	int cls;                    /* pairing class: units pair within a class */
	enum unit_kind kind;
	int code;                   /* program text: never translated */
	int foreign;                /* written in another language than the document */
	int parent, first, last, next;  /* indexes; -1 when none */
	int nchild, depth;
	const char *id;             /* xml:id (the document owns it) */
	char *text;                 /* own text, spaces folded; never NULL */
	size_t tlen;
	char *ltext;                /* text for the language checks when it
				     * differs (foreign phrases, cited titles
				     * left out); NULL means `text` */
	size_t sublen;              /* bytes of text in the whole subtree */
	unsigned short inl[NINLINE];
	char **targets;             /* linkend, endterm, "#id" hrefs */
	int ntargets;
	char **hrefs;               /* external xlink:href, normalised */
	int nhrefs;
	char **ids;                 /* xml:ids of inline elements (page breaks aside) */
	int nids;
	char **xrefs;               /* targets of the xrefs, in the order of */
	int nxrefs;                 /* their marks in text */
	uint64_t *nums;             /* number values, for pairing (lazy) */
	int nnums;                  /* -1 until computed */
};

struct idslot {
	const char *id;
	int unit;
};

struct tree {
	struct folio_doc *doc;
	struct unit *u;
	size_t n, cap;
	char *lang;                 /* the root's xml:lang ("" when none) */
	struct idslot *ids;         /* xml:id → unit, open addressing */
	size_t idcap;
	struct cmp_epub *epub;      /* EPUB input (cmpepub.c): the content
				     * documents and the package; NULL for
				     * DocBook, whose places doc gives */
};

struct cmp_epub;
struct folio_meta;

/* Builds the units of a loaded document. */
void cmp_tree_build(struct tree *t, struct folio_doc *doc);
void cmp_tree_free(struct tree *t);
/* The unit with this xml:id, or -1. */
int cmp_tree_find(const struct tree *t, const char *id);
/* The first non-empty text in a unit's subtree (its own first). */
const char *cmp_unit_sample(const struct tree *t, int u);
/* The nearest xml:id of the unit or its ancestors, or NULL. */
const char *cmp_unit_near_id(const struct tree *t, int u);
/* The number values of a unit's text, sorted (for pairing similarity). */
void cmp_unit_numbers(struct tree *t, int u);
/* Where a node of the tree's document stands (file, line, column), for
 * DocBook and EPUB alike. */
void cmp_locate(struct tree *t, const xmlNode *node, struct folio_loc *loc);
/* The publication metadata of the tree's document, and the element the
 * metadata findings sit on (DocBook: the root's info; EPUB: the package
 * document's metadata). */
void cmp_tree_meta(struct tree *t, struct folio_meta *m);
xmlNode *cmp_tree_info(struct tree *t);
/* After units were added by hand (cmpepub.c): subtree sizes, id index. */
void cmp_tree_finish(struct tree *t);
/* Whitespace runs of s to one space, trimmed; the caller frees. */
char *cmp_fold(const char *s, size_t len, size_t *outlen);

/* EPUB input (cmpepub.c).  1 when path names an EPUB (by its suffix). */
int cmp_is_epub(const char *path);
/* Opens the EPUB `path` with the safe reader, validates it as folio-check
 * does when `validate`, parses its spine's content documents (network off,
 * no DTD, no entities loaded) and builds t from their XHTML.  Returns 0,
 * 1 when the EPUB cannot be compared (not a ZIP, a zip bomb, no spine, a
 * content document not well-formed: reported), 2 when it cannot be read. */
int cmp_epub_load(const char *path, int validate, struct folio_diags *d, struct tree *t);
void cmp_epub_free(struct cmp_epub *e);
void cmp_epub_locate(const struct tree *t, const xmlNode *node, struct folio_loc *loc);
void cmp_epub_meta(const struct tree *t, struct folio_meta *m);
xmlNode *cmp_epub_info(const struct tree *t);

/* One row of the side-by-side report: a pair, or a unit alone. */
struct row {
	int a, b;                   /* unit of the original / translation, or -1 */
	int depth;
};

/* A pairing of the units of tree a with those of tree b. */
struct align {
	struct tree *a, *b;
	int *pa, *pb;               /* partner of each unit, or -1 */
	char *done_a, *done_b;      /* already placed while merging */
	int *posb;                  /* scratch: a child's place in its parent */
	double prior;               /* expected log length ratio b/a */
};

/* What the JSON and HTML reports keep for each record of d. */
struct finding {
	int a, b;                   /* units, or -1 */
	char *id;                   /* nearest xml:id on the original's side */
	char *ofile;                /* the original's place */
	int oline, ocol;
	char *otext, *ttext;        /* excerpts shown in the message */
	size_t head;                /* length of the message before the excerpts */
};

struct lenstats {
	double median, limit;       /* flag |log ratio - median| > limit */
	int usable;
};

struct folio_compare {
	struct tree orig, trans, base;
	int has_base;
	struct align al;            /* original → translation */
	struct align bl;            /* base → original (with --base) */
	struct row *rows;
	size_t nrows, rowcap;
	struct finding *f;          /* parallel to d->v */
	size_t nf, fcap;
	struct folio_diags *d;      /* during folio_compare_run */
	struct folio_langguess *lg;
	struct lenstats len;
	char olang[16], tlang[16];  /* primary subtags of the two editions */
};

/* Pairs the units of al->a and al->b.  With `c`, reports structure findings
 * and records rows (only for the original → translation pairing). */
void cmp_align(struct align *al, struct folio_compare *c);
void cmp_align_free(struct align *al);

/* Runs the checks of every pair, then the document-wide ones. */
void cmp_checks_run(struct folio_compare *c);
/* The publication metadata and the document's language (cmpmeta.c). */
void cmp_meta_check(struct folio_compare *c);

/* Adds a finding: rule r about original unit a and translation unit b
 * (either may be -1), located at `at` in the translation (NULL: b's node,
 * else the translation's root), with excerpts of both texts (either may be
 * NULL) appended to the message. */
void cmp_report(struct folio_compare *c, enum folio_rule r, int a, int b,
		const xmlNode *at, const char *otext, const char *ttext,
		const char *fmt, ...)
  __attribute__((format(printf, 8, 9)));
/* 1 when -Wno-RULE silenced r (checks skip their work). */
int cmp_silenced(const struct folio_compare *c, enum folio_rule r);
/* "en/ch03.xml:12", the original unit's place, into buf. */
const char *cmp_where(struct folio_compare *c, int a, char *buf, size_t len);
/* An excerpt of text around [focus, focus_end) (or its start), at most
 * about `width` characters, with "…" where cut; the caller frees. */
char *cmp_excerpt(const char *text, size_t len, size_t focus, size_t focus_end, size_t width);
/* The primary subtag of a tag, lower case, into out. */
void cmp_primary(const char *tag, char *out, size_t outlen);
/* 1 when n's language (xml:lang, inherited) has another primary subtag
 * than root_lang; 0 when either is unknown. */
int cmp_lang_differs(const xmlNode *n, const char *root_lang);

#endif
