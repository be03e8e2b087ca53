/* rngint.h — the inside of rngintro, shared by its own files only.
 *
 * For rngmap.c (maps), rngread.c (reading schema files), rngbuild.c (the
 * model), rngderiv.c (the workspace of derived patterns and derivatives),
 * rngquery.c (what a pattern allows and requires, and the queries of
 * rngintro.h), rngnames.c (names as users read them), rngvalue.c (values
 * and datatypes), rngexplain.c (what is wrong with an element's content, in
 * words) and rngcheck.c (the replay); nothing else may include it.  The
 * model is the grammar's patterns after the easy part of RELAX NG
 * simplification: defines merged by name per grammar scope, include and
 * externalRef inlined, optional/zeroOrMore/mixed rewritten, refs kept as
 * links.  Patterns, name classes, names, namespaces, strings and defines
 * refer to each other by index.  A workspace (struct ws) holds all mutable
 * state of one replay or query, so a model may be shared. */
#ifndef FOLIO_RNGINT_H
#define FOLIO_RNGINT_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>
#include <libxml/xmlregexp.h>

#include "rngintro.h"
#include "xalloc.h"

#define XML_NS "http://www.w3.org/XML/1998/namespace"
#define LIST_MAX 20             /* names shown before "… and N more" */

/* ---- The model ----------------------------------------------------------- */

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

/* rngmap.c.  A missing key: -1 from rng_smap_get, 0 from rng_imap_get
 * (which sets *out only when it finds the key).  Keys are copied. */
int rng_smap_get(const struct smap *m, const char *key);
void rng_smap_put(struct smap *m, const char *key, int v);
void rng_smap_free(struct smap *m);
int rng_imap_get(const struct imap *m, uint64_t key, int *out);
void rng_imap_put(struct imap *m, uint64_t key, int v);
void rng_imap_free(struct imap *m);

/* ---- The workspace of one call ------------------------------------------- */

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

/* A yes/no answer per pattern: 0 unknown, 1 no, 2 yes (see rngderiv.c). */
struct memo {
	signed char *v;
	size_t cap;
};

struct ws {
	const struct folio_rng *g;
	struct pat *p;                 /* derived patterns: id = g->np + i */
	size_t np, pcap;
	struct imap cons, deriv, match, global, reachix, attd, closed;
	struct memo null;              /* nullable */
	struct memo hasatt;            /* attributes reachable */
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

/* How an attribute's value enters the derivative: VAL_ANY when every
 * attribute pattern of its name takes it, else an interned value that is
 * tested pattern by pattern. */
enum { VAL_ANY = -1 };

static inline void rng_push(struct idlist *l, int v)
{
	l->v = folio_xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = v;
}

static inline struct pat rng_pt(const struct ws *w, int id)
{
	return (size_t)id < w->g->np ? w->g->p[id] : w->p[(size_t)id - w->g->np];
}

static inline size_t rng_total(const struct ws *w)
{
	return w->g->np + w->np;
}

static inline int rng_deref(const struct ws *w, int id)
{
	for (int guard = 0; guard < 10000; guard++) {
		struct pat p = rng_pt(w, id);
		if (p.type != P_REF)
			return id;
		id = w->g->defs[p.a].pat;
	}
	return NOTALLOWED;
}

/* rngderiv.c.  rng_tok_of: a name of the document as a token (a name of
 * the grammar, else a stand-in for "some other name in namespace N");
 * rng_ncm: whether name class nc takes it.  rng_deriv: what is left of `id`
 * after a child (a token, or TOK_TEXT); rng_matched: the content that child
 * must then match; rng_global: the content of every element pattern of
 * that name, for an element out of its place.  rng_att_deriv: what is left
 * after an attribute (see VAL_ANY); rng_att_close: after the last one. */
int rng_tok_of(const struct folio_rng *g, const xmlNs *ns, const xmlChar *local);
int rng_ncm(const struct folio_rng *g, int nc, int tok);
int rng_nullable(struct ws *w, int id);
int rng_deriv(struct ws *w, int id, int tok);
int rng_matched(struct ws *w, int id, int tok);
int rng_global(struct ws *w, int tok);
int rng_has_att(struct ws *w, int id);
int rng_att_deriv(struct ws *w, int id, int tok, int vkey, const char *v);
int rng_att_close(struct ws *w, int id);
void rng_ws_free(struct ws *w);

static inline int rng_elem_tok(const struct folio_rng *g, const xmlNode *n)
{
	return rng_tok_of(g, n->ns, n->name);
}

/* rngquery.c.  rng_first: the element patterns that may come first in `id`
 * (the caller frees els->v), *text = 1 when text may.  rng_reach_of: what
 * `id` allows anywhere; the workspace keeps the answer, and a later call
 * may move it.  rng_required: the names every match of `id` must have, as
 * long as w->budget lasts: attribute names (`attrs`) in groups ended by -1,
 * one of a group being enough, else element names; the caller frees .v. */
void rng_first(struct ws *w, int id, struct idlist *els, int *text);
const struct reach *rng_reach_of(struct ws *w, int id);
struct idlist rng_required(struct ws *w, int id, int attrs);

/* rngnames.c: lists of names (struct folio_names).  rng_add_name appends a
 * copy; rng_names_of lists the names of element or (`attrs`) attribute
 * patterns, sorted and unique; rng_uniq_sorted sorts and drops repeats;
 * rng_quoted_list sorts nm as attributes and says "'a', 'b' and 'c'" with
 * `last_sep` (" and ", " or ") last, for the caller to free. */
void rng_add_name(struct folio_names *out, size_t *cap, const char *s);
void rng_names_of(const struct ws *w, const int *ids, size_t n, int attrs,
		  struct folio_names *out);
void rng_uniq_sorted(struct folio_names *n);
char *rng_quoted_list(struct folio_names *nm, const char *last_sep);

/* rngvalue.c: values of attributes and of data elements.  rng_vok: whether
 * value pattern `id` takes v (yes when it cannot tell); rng_value_phrase:
 * what the patterns admit, in words; rng_collapse: v with white space
 * collapsed.  The caller frees the strings. */
int rng_vok(struct ws *w, int id, const char *v);
char *rng_value_phrase(struct ws *w, const int *pats, size_t n);
char *rng_collapse(const char *s);

/* ---- The replay ---------------------------------------------------------- */

struct check {
	struct ws w;
	folio_rngintro_report report;
	void *ctx;
	size_t count;
};

/* rngcheck.c: reports one problem at n, unless the workspace gave up. */
void rng_say(struct check *c, const xmlNode *n, const char *fmt, ...)
  __attribute__((format(printf, 3, 4)));

/* rngexplain.c: names of the document's elements and attributes as users
 * read them (the caller frees), and what is wrong with an element's
 * content, said once with rng_say. */
char *rng_qdisplay(const struct folio_rng *g, const xmlNs *ns, const xmlChar *name);
char *rng_dname(const struct folio_rng *g, const xmlNode *n);
void rng_misplaced(struct check *c, const xmlNode *e, int content, int any, int p,
		   const xmlNode *x, const xmlNode *prev, int after_text);
void rng_misplaced_text(struct check *c, const xmlNode *e, int content, int any, int p,
			const xmlNode *t, const xmlNode *prev);
void rng_incomplete(struct check *c, const xmlNode *e, int p, const xmlNode *prev,
		    int after_text);
void rng_bad_root(struct check *c, const xmlNode *root);

#endif
