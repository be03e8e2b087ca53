/* isbnrange.c — ISBN range data and hyphenation.
 *
 * Owns reading the two forms in which the International ISBN Agency's range
 * data reaches users — python-stdnum's isbn.dat (what Debian's python3-stdnum
 * ships) and the Agency's own RangeMessage.xml — and splitting an ISBN along
 * it into prefix, group, registrant, publication and check digit.  Both
 * forms become the tree stdnum's numdb builds (a node per line of isbn.dat:
 * some ranges sharing one list of children), and the lookup follows numdb's
 * rules, so the two files hyphenate alike.  Declared in ident.h. */
#include "ident.h"
#include "xalloc.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#define MAXDIGITS 12            /* in one bound of a range */
#define MAXDEPTH 8              /* of isbn.dat's indentation */
#define MAXFILE (64u << 20)     /* the Agency's file is under 1 MiB */
#define NONE ((size_t)-1)

struct range {
	size_t len;                     /* digits compared */
	char lo[MAXDIGITS + 1], hi[MAXDIGITS + 1];
};

struct node {
	size_t r0, nr;                  /* its ranges: ranges[r0 .. r0 + nr) */
	size_t kid, lastkid, next;      /* first and last child, next sibling */
};

struct folio_isbn_ranges {
	struct node *nodes;             /* nodes[0] is the root, without ranges */
	size_t nnodes, capnodes;
	struct range *ranges;
	size_t nranges, capranges;
};

/* ---- building the tree ------------------------------------------------ */

static struct folio_isbn_ranges *tree_new(void)
{
	struct folio_isbn_ranges *r = folio_xcalloc(1, sizeof *r);
	r->nodes = folio_xgrow(NULL, &r->capnodes, 1, sizeof *r->nodes);
	r->nodes[0].kid = r->nodes[0].lastkid = r->nodes[0].next = NONE;
	r->nnodes = 1;
	return r;
}

/* A new last child of `parent`.  Its ranges must be added before any other
 * node gets some (a node's ranges are contiguous). */
static size_t add_node(struct folio_isbn_ranges *r, size_t parent)
{
	size_t i = r->nnodes++;
	struct node *p;
	r->nodes = folio_xgrow(r->nodes, &r->capnodes, r->nnodes, sizeof *r->nodes);
	r->nodes[i].r0 = r->nranges;
	r->nodes[i].nr = 0;
	r->nodes[i].kid = r->nodes[i].lastkid = r->nodes[i].next = NONE;
	p = &r->nodes[parent];
	if (p->lastkid == NONE)
		p->kid = i;
	else
		r->nodes[p->lastkid].next = i;
	p->lastkid = i;
	return i;
}

/* Adds the range lo-hi (digit strings of the same length n) to node i. */
static void add_range(struct folio_isbn_ranges *r, size_t i,
		      const char *lo, const char *hi, size_t n)
{
	struct range *g;
	r->ranges = folio_xgrow(r->ranges, &r->capranges, r->nranges + 1, sizeof *r->ranges);
	g = &r->ranges[r->nranges++];
	g->len = n;
	memcpy(g->lo, lo, n);
	g->lo[n] = '\0';
	memcpy(g->hi, hi, n);
	g->hi[n] = '\0';
	r->nodes[i].nr++;
}

static size_t digits(const char *s)
{
	size_t n = 0;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

/* Parses "lo-hi" or "lo" (n bytes) and adds it to node i; -1 when it is not
 * a range of equally long digit strings, lo <= hi. */
static int parse_range(struct folio_isbn_ranges *r, size_t i, const char *s, size_t n)
{
	size_t a = digits(s), b;
	if (a == 0 || a > MAXDIGITS)
		return -1;
	if (a == n) {
		add_range(r, i, s, s, a);
		return 0;
	}
	if (s[a] != '-')
		return -1;
	b = digits(s + a + 1);
	if (b != a || a + 1 + b != n || memcmp(s, s + a + 1, a) > 0)
		return -1;
	add_range(r, i, s, s + a + 1, a);
	return 0;
}

/* ---- isbn.dat --------------------------------------------------------- */

/* strspn over the n bytes at s. */
static size_t strspn_n(const char *s, size_t n, const char *set)
{
	size_t i = 0;
	while (i < n && s[i] && strchr(set, s[i]))
		i++;
	return i;
}

/* python-stdnum's numdb format: '#' comments; each other line is an
 * indentation, comma-separated ranges ("0-5,600-649,7") and optional
 * properties (agency="English language").  A line indented more than the
 * one before holds the children of the ranges on that line. */
static int load_dat(struct folio_isbn_ranges *r, const char *buf, size_t len,
		    const char *path, char **err)
{
	size_t indent[MAXDEPTH], node[MAXDEPTH], parent, pos, end, n;
	int depth = -1, popped;         /* top of the indent/node stack */
	long line = 0;
	const char *s, *why = NULL;

	for (pos = 0; pos < len; pos = end + 1) {
		const char *e = memchr(buf + pos, '\n', len - pos);
		size_t ind;
		end = e ? (size_t)(e - buf) : len;
		line++;
		s = buf + pos;
		n = end - pos;
		if (n && s[n - 1] == '\r')
			n--;
		for (ind = 0; ind < n && s[ind] == ' '; ind++)
			;
		if (ind + strspn_n(s + ind, n - ind, " \t") == n || s[ind] == '#')
			continue;               /* blank, or a comment */
		if (s[ind] == '\t') {
			why = "indent with spaces, not tabs";
			goto bad;
		}
		/* The parent is the nearest line above indented less; a
		 * line indented like an earlier one is its sibling. */
		popped = 0;
		while (depth >= 0 && indent[depth] > ind) {
			depth--;
			popped = 1;
		}
		if (depth >= 0 && indent[depth] == ind) {
			depth--;
		} else if (popped) {
			why = "the indentation matches no line above";
			goto bad;
		}
		if (depth < 0 && ind > 0) {
			why = "the first line is indented";
			goto bad;
		}
		if (depth + 1 >= MAXDEPTH) {
			why = "nested too deeply";
			goto bad;
		}
		parent = depth >= 0 ? node[depth] : 0;
		depth++;
		indent[depth] = ind;
		node[depth] = add_node(r, parent);

		/* The ranges, then the properties. */
		s += ind;
		n -= ind;
		for (;;) {
			size_t t = 0;
			while (t < n && s[t] != ',' && s[t] != ' ' && s[t] != '\t')
				t++;
			if (parse_range(r, node[depth], s, t) < 0) {
				why = "expected ranges of digits such as 0-5,600-649,7";
				goto bad;
			}
			s += t;
			n -= t;
			if (!n || s[0] != ',')
				break;
			s++;
			n--;
		}
		while (n) {
			size_t t;
			while (n && (*s == ' ' || *s == '\t')) {
				s++;
				n--;
			}
			if (!n)
				break;
			t = strspn_n(s, n, "abcdefghijklmnopqrstuvwxyz"
				     "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
			if (t == 0 || t + 1 >= n || s[t] != '=' || s[t + 1] != '"') {
				why = "expected properties as name=\"value\"";
				goto bad;
			}
			s += t + 2;
			n -= t + 2;
			for (t = 0; t < n && s[t] != '"'; t++)
				;
			if (t == n) {
				why = "a property value has no closing quote";
				goto bad;
			}
			s += t + 1;
			n -= t + 1;
		}
	}
	if (r->nnodes == 1) {
		*err = folio_xasprintf("%s: no ISBN ranges in the file", path);
		return -1;
	}
	return 0;
bad:
	*err = folio_xasprintf("%s:%ld: %s", path, line, why);
	return -1;
}

/* ---- RangeMessage.xml ------------------------------------------------- */

static int named(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNode *child(const xmlNode *n, const char *name)
{
	xmlNode *c;
	for (c = n ? n->children : NULL; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

/* The trimmed text of n's first `name` child into buf; -1 when missing or
 * too long. */
static int text(const xmlNode *n, const char *name, char *buf, size_t buflen)
{
	xmlNode *c = child(n, name);
	xmlChar *t;
	const char *s;
	size_t len;
	int rc = -1;

	if (!c || !(t = xmlNodeGetContent(c)))
		return -1;
	s = (const char *)t;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	if (len < buflen) {
		memcpy(buf, s, len);
		buf[len] = '\0';
		rc = 0;
	}
	xmlFree(t);
	return rc;
}

/* Adds a node under `parent` with one range per Rule of `rules`: a Range
 * of two 7-digit bounds and the Length of its leading digits that form the
 * part (0: not in use, skipped).  Returns 0, or -1 with the offending node
 * in *where. */
static int add_rules(struct folio_isbn_ranges *r, size_t parent, const xmlNode *rules,
		     const xmlNode **where)
{
	const xmlNode *c;
	size_t i = add_node(r, parent);
	for (c = rules ? rules->children : NULL; c; c = c->next) {
		char range[2 * MAXDIGITS + 2], length[4];
		size_t a, l;
		if (!named(c, "Rule"))
			continue;
		*where = c;
		if (text(c, "Range", range, sizeof range) < 0 ||
		    text(c, "Length", length, sizeof length) < 0)
			return -1;
		a = digits(range);
		if (!*length || digits(length) != strlen(length))
			return -1;
		l = (size_t)atoi(length);
		if (a == 0 || a > MAXDIGITS || range[a] != '-' ||
		    digits(range + a + 1) != a || range[2 * a + 1] || l > a)
			return -1;
		if (l > 0)
			add_range(r, i, range, range + a + 1, l);
	}
	return 0;
}

/* The top-level node for an EAN prefix such as "978", made on first use. */
static size_t ean_node(struct folio_isbn_ranges *r, const char *ean)
{
	size_t i;
	for (i = r->nodes[0].kid; i != NONE; i = r->nodes[i].next)
		if (strcmp(r->ranges[r->nodes[i].r0].lo, ean) == 0)
			return i;
	i = add_node(r, 0);
	add_range(r, i, ean, ean, strlen(ean));
	return i;
}

/* ISBNRangeMessage: EAN.UCCPrefixes/EAN.UCC (Prefix "978", Rules giving the
 * group lengths) and RegistrationGroups/Group (Prefix "978-92", Rules
 * giving the registrant lengths). */
static int load_xml(struct folio_isbn_ranges *r, const char *buf, size_t len,
		    const char *path, char **err)
{
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr doc = NULL;
	const xmlNode *root, *sec, *c, *where = NULL;
	size_t ngroups = 0;
	int rc = -1;

	xmlInitParser();
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		*err = folio_xasprintf("%s: cannot make an XML parser", path);
		goto out;
	}
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, path, NULL,
				XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const char *msg = ctxt->lastError.message ? ctxt->lastError.message : "not well-formed XML\n";
		*err = folio_xasprintf("%s:%d: %.*s", path, ctxt->lastError.line,
				       (int)strcspn(msg, "\n"), msg);
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (!named(root, "ISBNRangeMessage")) {
		*err = folio_xasprintf("%s: not an ISBN range message (the root element is not ISBNRangeMessage)", path);
		goto out;
	}
	for (sec = root->children; sec; sec = sec->next) {
		int groups = named(sec, "RegistrationGroups");
		if (!groups && !named(sec, "EAN.UCCPrefixes"))
			continue;
		for (c = sec->children; c; c = c->next) {
			char prefix[16], ean[4];
			const char *group;
			size_t parent;
			if (!named(c, groups ? "Group" : "EAN.UCC"))
				continue;
			where = c;
			if (text(c, "Prefix", prefix, sizeof prefix) < 0 || digits(prefix) != 3)
				goto bad;
			memcpy(ean, prefix, 3);
			ean[3] = '\0';
			parent = ean_node(r, ean);
			if (groups) {
				/* "978-92": the group is a node of its own,
				 * the registrant rules its children. */
				group = prefix + 4;
				if (prefix[3] != '-' || !digits(group) || digits(group) != strlen(group) ||
				    strlen(group) > MAXDIGITS)
					goto bad;
				parent = add_node(r, parent);
				add_range(r, parent, group, group, strlen(group));
				ngroups++;
			} else if (prefix[3]) {
				goto bad;
			}
			if (add_rules(r, parent, child(c, "Rules"), &where) < 0)
				goto bad;
		}
	}
	if (!ngroups) {
		*err = folio_xasprintf("%s: no RegistrationGroups/Group in the range message", path);
		goto out;
	}
	rc = 0;
	goto out;
bad:
	*err = folio_xasprintf("%s:%ld: expected Prefix (\"978\" or \"978-92\") and Rules/Rule with Range (\"0000000-1999999\") and Length",
			       path, where ? xmlGetLineNo(where) : 0L);
out:
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return rc;
}

/* ---- loading ---------------------------------------------------------- */

static char *slurp(const char *path, size_t *len, char **err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f) {
		*err = folio_xasprintf("%s: %s", path, strerror(errno));
		return NULL;
	}
	do {
		buf = folio_xgrow(buf, &cap, n + 65536, 1);
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (n > MAXFILE) {
			*err = folio_xasprintf("%s: larger than %u MiB, not ISBN range data", path, MAXFILE >> 20);
			break;
		}
	} while (got > 0);
	if (!*err && ferror(f))
		*err = folio_xasprintf("%s: read error", path);
	fclose(f);
	if (*err) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

struct folio_isbn_ranges *folio_isbn_ranges_load(const char *path, char **err)
{
	struct folio_isbn_ranges *r = NULL;
	char *buf = NULL, *dummy = NULL;
	const char *p;
	size_t len = 0, bom;

	if (!err)
		err = &dummy;
	*err = NULL;
	if (!path || !*path) {
		*err = folio_xstrdup("no range file named");
		goto out;
	}
	if (!(buf = slurp(path, &len, err)))
		goto out;
	/* Detected by content: XML starts with '<' (after a BOM, spaces). */
	bom = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	p = buf + bom + strspn(buf + bom, " \t\r\n");
	r = tree_new();
	if ((*p == '<' ? load_xml(r, buf, len, path, err)
		       : load_dat(r, buf + bom, len - bom, path, err)) < 0) {
		folio_isbn_ranges_free(r);
		r = NULL;
	}
out:
	free(buf);
	free(dummy);
	return r;
}

char *folio_isbn_ranges_default(void)
{
	static const char stdnum[] = "/usr/lib/python3/dist-packages/stdnum/isbn.dat";
	const char *env = getenv("FOLIO_ISBN_RANGES");
	FILE *f;

	/* Set but empty: the user wants no range data. */
	if (env)
		return *env ? folio_xstrdup(env) : NULL;
	if (!(f = fopen(stdnum, "rb")))
		return NULL;
	fclose(f);
	return folio_xstrdup(stdnum);
}

void folio_isbn_ranges_free(struct folio_isbn_ranges *r)
{
	if (!r)
		return;
	free(r->nodes);
	free(r->ranges);
	free(r);
}

/* ---- hyphenation ------------------------------------------------------ */

#define MAXCAND 32
#define MAXLEVELS 6

static int matches(const struct range *g, const char *s, size_t n)
{
	return g->len <= n && memcmp(s, g->lo, g->len) >= 0 && memcmp(s, g->hi, g->len) <= 0;
}

/* Splits num like stdnum's numdb: at each level, among the children of the
 * nodes matched one level up, the shortest matching range fixes the part's
 * length, and every node with a range of that length matching is searched
 * at the next level.  Fills part[] with the lengths of the parts found and
 * returns how many; what is left over is the publication element. */
static int split(const struct folio_isbn_ranges *r, const char *num, size_t part[MAXLEVELS])
{
	size_t cand[MAXCAND], next[MAXCAND], ncand = 1, nnext, pos = 0, best, c, k, g;
	int levels = 0;

	cand[0] = 0;
	while (levels < MAXLEVELS && num[pos]) {
		const char *s = num + pos;
		size_t n = strlen(s);
		best = 0;
		for (c = 0; c < ncand; c++)
			for (k = r->nodes[cand[c]].kid; k != NONE; k = r->nodes[k].next)
				for (g = r->nodes[k].r0; g < r->nodes[k].r0 + r->nodes[k].nr; g++)
					if (matches(&r->ranges[g], s, n) && (!best || r->ranges[g].len < best))
						best = r->ranges[g].len;
		if (!best)
			break;
		nnext = 0;
		for (c = 0; c < ncand; c++)
			for (k = r->nodes[cand[c]].kid; k != NONE; k = r->nodes[k].next)
				for (g = r->nodes[k].r0; g < r->nodes[k].r0 + r->nodes[k].nr; g++)
					if (r->ranges[g].len == best && matches(&r->ranges[g], s, n)) {
						if (nnext < MAXCAND)
							next[nnext++] = k;
						break;
					}
		memcpy(cand, next, nnext * sizeof *next);
		ncand = nnext;
		part[levels++] = best;
		pos += best;
	}
	return levels;
}

int folio_isbn_hyphenate(const struct folio_isbn_ranges *r,
			 const struct folio_isbn *isbn, char *out, size_t outlen)
{
	char num[14], buf[24];
	size_t part[MAXLEVELS], pos = 0, w = 0, n;
	int levels, i, first;

	if (!out || !outlen)
		return -1;
	out[0] = '\0';
	if (!isbn || (isbn->len != 10 && isbn->len != 13) ||
	    strlen(isbn->digits) != (size_t)isbn->len)
		return -1;
	snprintf(out, outlen, "%s", isbn->digits);
	if (!r)
		return -1;
	/* An ISBN-10 is split as its 978 form, without the check digit. */
	if (isbn->len == 10) {
		memcpy(num, "978", 3);
		memcpy(num + 3, isbn->digits, 9);
	} else {
		memcpy(num, isbn->digits, 12);
	}
	num[12] = '\0';
	levels = split(r, num, part);
	for (i = 0, n = 0; i < levels; i++)
		n += part[i];
	/* Prefix, group and registrant found, and a publication element left. */
	if (levels < 3 || part[0] != 3 || n >= 12)
		return -1;
	first = isbn->len == 10;        /* skip "978" */
	if (first)
		pos = 3;
	for (i = first; i < levels; i++) {
		memcpy(buf + w, num + pos, part[i]);
		w += part[i];
		pos += part[i];
		buf[w++] = '-';
	}
	memcpy(buf + w, num + pos, 12 - pos);
	w += 12 - pos;
	buf[w++] = '-';
	buf[w++] = isbn->digits[isbn->len - 1];
	buf[w] = '\0';
	if (w >= outlen)
		return -1;
	memcpy(out, buf, w + 1);
	return 0;
}
