/* checks.c — the checks no schema can do.
 *
 * One walk over the XIncluded tree, in document order and without
 * recursion, calls the functions of the table `rows` on the elements each
 * row names: DocBook elements by name, every DocBook element, or every
 * element at all.  The row names the rule its function reports under.  A
 * check that needs the whole document (links to ids defined further on)
 * also has an end-of-walk function.  Everything is linear in the size of
 * the document: element names, ids and page labels are looked up in hash
 * tables, and image files are read only as far as their first few
 * kilobytes.  Every record is located at the offending element or
 * attribute, in the file it really comes from. */
#include "checks.h"
#include "media.h"
#include "ident.h"
#include "xalloc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/hash.h>
#include <libxml/tree.h>

#define DB_NS    "http://docbook.org/ns/docbook"
#define XLINK_NS "http://www.w3.org/1999/xlink"
#define XML_NS   "http://www.w3.org/XML/1998/namespace"

enum {
	SHOWN = 80,             /* longest value quoted in a message */
	SNIFF = 4096,           /* bytes of an image file looked at */
	MAX_HEADING = 6         /* h1..h6 */
};

/* Image types, by content or as declared. */
enum img { IMG_NONE, IMG_PNG, IMG_JPEG, IMG_GIF, IMG_WEBP, IMG_SVG, IMG_OTHER };

struct ctx {
	struct folio_doc *doc;
	struct folio_diags *d;
	enum folio_rule rule;   /* the rule of the row being run */
	xmlHashTablePtr names;  /* DocBook element name -> mask of rows */
	uint32_t any, anydb;    /* rows for every element, every DocBook one */
	int level;              /* enclosing section, sectN, simplesect elements */
	xmlHashTablePtr ids;    /* xml:id -> its first attribute */
	xmlAttr **refs;         /* id references, resolved after the walk */
	size_t nrefs, refcap;
	struct {                /* the imagedata at hand: its rows run in order */
		xmlAttr *attr;  /* @fileref */
		char *ref;      /* as written */
		char *path;     /* resolved and present; NULL otherwise */
		enum img type;  /* by content; IMG_NONE when unreadable */
	} img;
	struct {                /* print page breaks seen so far */
		xmlHashTablePtr seen;   /* label -> first anchor */
		char *prev;             /* label of the previous page break */
		char *roman, *arabic;   /* last label of each kind */
		long vroman, varabic;
	} pg;
};

typedef void check_fn(struct ctx *c, xmlNode *n);

/* ---- Small helpers ------------------------------------------------------ */

static void report(struct ctx *c, const xmlNode *n, const char *fmt, ...)
  __attribute__((format(printf, 3, 4)));

static void report(struct ctx *c, const xmlNode *n, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	folio_diag_at(c->d, c->rule, c->doc, n, "%s", msg);
}

static int streq(const xmlChar *a, const char *b)
{
	return a != NULL && strcmp((const char *)a, b) == 0;
}

static int is_db(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL && streq(n->ns->href, DB_NS);
}

static int is_db_named(const xmlNode *n, const char *name)
{
	return is_db(n) && streq(n->name, name);
}

static const char *name_of(const xmlNode *n)
{
	return (const char *)n->name;
}

/* The attribute `name` in namespace `ns` (NULL: no namespace).  Looks only
 * at the attributes present, never at DTD defaults. */
static xmlAttr *attr(const xmlNode *n, const char *name, const char *ns)
{
	for (xmlAttr *a = n->properties; a != NULL; a = a->next) {
		if (!streq(a->name, name))
			continue;
		if (ns == NULL ? a->ns == NULL : (a->ns != NULL && streq(a->ns->href, ns)))
			return a;
	}
	return NULL;
}

/* strncasecmp for ASCII letters, whatever the locale. */
static int ascii_ncaseeq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return 0;
		if (x == 0)
			break;
	}
	return 1;
}

static int is_space(int ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static int is_alpha(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int is_digit(int ch)
{
	return ch >= '0' && ch <= '9';
}

/* The text of an element or attribute without leading and trailing white
 * space; the caller frees. */
static char *text_of(const xmlNode *n)
{
	xmlChar *t = xmlNodeGetContent(n);
	const char *s = t ? (const char *)t : "";
	while (is_space((unsigned char)*s))
		s++;
	size_t len = strlen(s);
	while (len > 0 && is_space((unsigned char)s[len - 1]))
		len--;
	char *r = folio_xstrndup(s, len);
	xmlFree(t);
	return r;
}

static char *attr_text(const xmlAttr *a)
{
	return text_of((const xmlNode *)a);
}

/* A value as quoted in a message: white space and control characters
 * folded to one space, cut (on a UTF-8 boundary) when long. */
static const char *shown(const char *s, char *buf, size_t len)
{
	size_t o = 0;
	int sp = 0;
	for (; *s != '\0' && o + 4 < len; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch < 0x20 || ch == 0x7f) {
			sp = o > 0;
			continue;
		}
		if (ch == ' ') {
			sp = o > 0;
			continue;
		}
		if (sp) {
			buf[o++] = ' ';
			sp = 0;
			if (o + 4 >= len)
				break;
		}
		buf[o++] = (char)ch;
	}
	if (*s != '\0') {
		/* Drop a character whose bytes were not all copied. */
		size_t i = o;
		while (i > 0 && ((unsigned char)buf[i - 1] & 0xC0) == 0x80)
			i--;
		if (i > 0 && i < o + 1) {
			unsigned char lead = (unsigned char)buf[i - 1];
			size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
			if (o - (i - 1) < need)
				o = i - 1;
		}
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

/* "file:line:col" of a node, for messages that point elsewhere. */
static const char *where(struct ctx *c, const xmlNode *n, char *buf, size_t len)
{
	struct folio_loc loc;
	folio_doc_locate(c->doc, n, &loc);
	const char *file = loc.file ? loc.file : "?";
	if (loc.line > 0 && loc.col > 0)
		snprintf(buf, len, "%s:%d:%d", file, loc.line, loc.col);
	else if (loc.line > 0)
		snprintf(buf, len, "%s:%d", file, loc.line);
	else
		snprintf(buf, len, "%s", file);
	return buf;
}

/* The title of a section, for messages ("" when it has none). */
static char *title_of(const xmlNode *sec)
{
	for (const xmlNode *k = sec->children; k != NULL; k = k->next) {
		if (is_db_named(k, "title"))
			return text_of(k);
		if (is_db_named(k, "info"))
			for (const xmlNode *i = k->children; i != NULL; i = i->next)
				if (is_db_named(i, "title"))
					return text_of(i);
	}
	return folio_xstrdup("");
}

static int has_token(const char *list, const char *tok)
{
	size_t n = strlen(tok);
	for (const char *p = list; *p != '\0';) {
		while (is_space((unsigned char)*p))
			p++;
		const char *e = p;
		while (*e != '\0' && !is_space((unsigned char)*e))
			e++;
		if ((size_t)(e - p) == n && strncmp(p, tok, n) == 0)
			return 1;
		p = e;
	}
	return 0;
}

/* ---- isbn, issn ------------------------------------------------------ */

static int count_digits(const char *s)
{
	int n = 0;
	for (; *s != '\0'; s++)
		n += *s >= '0' && *s <= '9';
	return n;
}

/* biblioid or bibliorelation with this class, else NULL.  The caller frees. */
static char *ident_text(const xmlNode *n, const char *cls)
{
	xmlAttr *a = attr(n, "class", NULL);
	if (a == NULL)
		return NULL;
	char *v = attr_text(a);
	int match = strcmp(v, cls) == 0;
	free(v);
	return match ? text_of(n) : NULL;
}

/* An ISBN (class="isbn") or ISSN (class="issn") written in n. */
static void check_ident(struct ctx *c, xmlNode *n, int issn)
{
	const char *cls = issn ? "issn" : "isbn", *what = issn ? "ISSN" : "ISBN";
	char *v = ident_text(n, cls);
	if (v == NULL)
		return;
	char b[SHOWN], expected, found;
	enum folio_id_status st;
	if (issn) {
		struct folio_issn x;
		st = folio_issn_parse(v, &x);
		expected = x.expected;
		found = x.found;
	} else {
		struct folio_isbn x;
		st = folio_isbn_parse(v, &x);
		expected = x.expected;
		found = x.found;
	}
	if (st == FOLIO_ID_EMPTY)
		report(c, n, "%s class=\"%s\" is empty", name_of(n), cls);
	else if (st == FOLIO_ID_CHECK)
		report(c, n, "%s %s has a wrong check digit: expected %c, found %c",
		       what, shown(v, b, sizeof b), expected, found);
	else if (st == FOLIO_ID_LENGTH)
		report(c, n, "%s \"%s\" has %d digits; an %s has %s", what,
		       shown(v, b, sizeof b), count_digits(v), what, issn ? "8" : "10 or 13");
	else if (st != FOLIO_ID_OK)
		report(c, n, "%s \"%s\" is not valid: %s", what, shown(v, b, sizeof b),
		       folio_id_strerror(st));
	free(v);
}

static void check_isbn(struct ctx *c, xmlNode *n)
{
	check_ident(c, n, 0);
}

static void check_issn(struct ctx *c, xmlNode *n)
{
	check_ident(c, n, 1);
}

/* ---- lang-tag, date ------------------------------------------------------ */

static void check_lang(struct ctx *c, xmlNode *n)
{
	xmlAttr *a = attr(n, "lang", XML_NS);
	if (a == NULL)
		return;
	char *v = attr_text(a);
	char why[200], b[SHOWN];
	/* xml:lang="" is XML's way of saying "no language": not a tag. */
	if (*v != '\0' && folio_bcp47_check(v, why, sizeof why) != 0)
		report(c, (xmlNode *)a, "xml:lang \"%s\" is not a well-formed BCP 47 language tag: %s",
		       shown(v, b, sizeof b), why);
	free(v);
}

static void check_date(struct ctx *c, xmlNode *n)
{
	char *v = text_of(n);
	char why[200], b[SHOWN];
	if (streq(n->name, "year")) {
		if (n->parent == NULL || !is_db_named(n->parent, "copyright"))
			goto out;
		int digits = strlen(v) == 4;
		for (size_t i = 0; digits && i < 4; i++)
			digits = is_digit((unsigned char)v[i]);
		if (!digits)
			report(c, n, "copyright year \"%s\" is not a four-digit year",
			       shown(v, b, sizeof b));
	} else if (folio_isodate_check(v, why, sizeof why) != 0) {
		report(c, n, "%s \"%s\" is not an ISO 8601 date: %s",
		       name_of(n), shown(v, b, sizeof b), why);
	}
out:
	free(v);
}

/* ---- duplicate-id, dangling-link ------------------------------------------- */

static void check_ids(struct ctx *c, xmlNode *n)
{
	xmlAttr *a = attr(n, "id", XML_NS);
	if (a == NULL)
		return;
	char *v = attr_text(a);
	char b[SHOWN], w[512];
	if (*v == '\0')
		goto out;
	xmlAttr *first = xmlHashLookup(c->ids, (const xmlChar *)v);
	if (first != NULL)
		report(c, (xmlNode *)a, "xml:id \"%s\" is used twice; first used at %s",
		       shown(v, b, sizeof b), where(c, (xmlNode *)first, w, sizeof w));
	else
		xmlHashAddEntry(c->ids, (const xmlChar *)v, a);
out:
	free(v);
}

/* Attributes that hold ids (IDREF or IDREFS) on DocBook elements. */
static const char *const idref_attrs[] = {
	"linkend", "linkends", "endterm", "otherterm", "startref", "arearefs", NULL
};

static void collect_links(struct ctx *c, xmlNode *n)
{
	for (xmlAttr *a = n->properties; a != NULL; a = a->next) {
		int keep = 0;
		if (a->ns == NULL) {
			for (size_t i = 0; idref_attrs[i] != NULL && !keep; i++)
				keep = streq(a->name, idref_attrs[i]);
		} else if (streq(a->name, "href") && streq(a->ns->href, XLINK_NS)) {
			keep = a->children != NULL && a->children->content != NULL &&
			       a->children->content[0] == '#';
		}
		if (keep) {
			c->refs = folio_xgrow(c->refs, &c->refcap, c->nrefs + 1, sizeof *c->refs);
			c->refs[c->nrefs++] = a;
		}
	}
}

static void dangling(struct ctx *c, xmlAttr *a, const char *id)
{
	char b[SHOWN];
	if (xmlHashLookup(c->ids, (const xmlChar *)id) != NULL)
		return;
	if (a->ns != NULL)
		report(c, (xmlNode *)a, "<%s> links to \"#%s\", but no element has that xml:id",
		       name_of(a->parent), shown(id, b, sizeof b));
	else
		report(c, (xmlNode *)a, "%s \"%s\" on <%s> matches no xml:id in the document",
		       (const char *)a->name, shown(id, b, sizeof b), name_of(a->parent));
}

static void resolve_links(struct ctx *c)
{
	for (size_t i = 0; i < c->nrefs; i++) {
		xmlAttr *a = c->refs[i];
		char *v = attr_text(a);
		if (a->ns != NULL) {
			if (v[0] == '#' && v[1] != '\0')
				dangling(c, a, v + 1);
		} else if (*v == '\0') {
			report(c, (xmlNode *)a, "%s on <%s> is empty: it names no xml:id",
			       (const char *)a->name, name_of(a->parent));
		} else {
			/* IDREFS: each token on its own. */
			for (char *p = v; *p != '\0';) {
				while (is_space((unsigned char)*p))
					p++;
				char *e = p;
				while (*e != '\0' && !is_space((unsigned char)*e))
					e++;
				char keep = *e;
				*e = '\0';
				if (e > p)
					dangling(c, a, p);
				*e = keep;
				p = e;
			}
		}
		free(v);
	}
}

/* ---- images ------------------------------------------------------------ */

struct img_name {
	const char *alias;      /* extension, @format value or MIME subtype */
	enum img type;
	const char *name;       /* as said in messages */
};

static const struct img_name img_names[] = {
	{"png", IMG_PNG, "PNG"}, {"jpg", IMG_JPEG, "JPEG"}, {"jpeg", IMG_JPEG, "JPEG"},
	{"jpe", IMG_JPEG, "JPEG"}, {"jfif", IMG_JPEG, "JPEG"}, {"gif", IMG_GIF, "GIF"},
	{"webp", IMG_WEBP, "WebP"}, {"svg", IMG_SVG, "SVG"}, {"svg+xml", IMG_SVG, "SVG"},
	{"tif", IMG_OTHER, "TIFF"}, {"tiff", IMG_OTHER, "TIFF"}, {"bmp", IMG_OTHER, "BMP"},
	{"eps", IMG_OTHER, "EPS"}, {"pdf", IMG_OTHER, "PDF"}, {"svgz", IMG_OTHER, "SVGZ"},
	{NULL, IMG_NONE, NULL}
};

/* A content type with its article, for "… is a JPEG image". */
static const char *const img_said[] = {
	[IMG_NONE] = "an unknown", [IMG_PNG] = "a PNG", [IMG_JPEG] = "a JPEG",
	[IMG_GIF] = "a GIF", [IMG_WEBP] = "a WebP", [IMG_SVG] = "an SVG",
	[IMG_OTHER] = "an unsupported"
};

static const struct img_name *img_lookup(const char *s, size_t n)
{
	if (n > 6 && ascii_ncaseeq(s, "image/", 6)) {
		s += 6;
		n -= 6;
	}
	for (const struct img_name *t = img_names; t->alias != NULL; t++)
		if (strlen(t->alias) == n && ascii_ncaseeq(s, t->alias, n))
			return t;
	return NULL;
}

/* Length of a URL scheme ("http" in "http://…"), 0 when there is none.  One
 * letter is a drive, not a scheme. */
static size_t scheme_len(const char *s)
{
	size_t i = 0;
	if (!is_alpha((unsigned char)s[0]))
		return 0;
	while (is_alpha((unsigned char)s[i]) || is_digit((unsigned char)s[i]) ||
	       s[i] == '+' || s[i] == '-' || s[i] == '.')
		i++;
	return s[i] == ':' && i > 1 ? i : 0;
}

/* Content type by sniffing, shared with the EPUB writer (media.c). */
static enum img sniff(const unsigned char *b, size_t n)
{
	static const struct { const char *mime; enum img type; } map[] = {
		{"image/png", IMG_PNG}, {"image/jpeg", IMG_JPEG}, {"image/gif", IMG_GIF},
		{"image/webp", IMG_WEBP}, {"image/svg+xml", IMG_SVG},
	};
	const char *mime = folio_media_sniff(b, n);
	for (size_t i = 0; mime != NULL && i < sizeof map / sizeof map[0]; i++)
		if (strcmp(mime, map[i].mime) == 0)
			return map[i].type;
	return IMG_NONE;
}

/* Missing: say where the file was looked for when the reference is
 * relative to an XIncluded file's folder rather than the main file's. */
static void looked_for(struct ctx *c, xmlNode *at, const char *ref, const char *path)
{
	char b[SHOWN], p[SHOWN];
	size_t rl = c->doc->root ? strlen(c->doc->root) : 0;
	const char *rel = path;
	if (rl > 0 && strncmp(path, c->doc->root, rl) == 0 && path[rl] == '/')
		rel = path + rl + 1;
	if (strcmp(rel, ref) == 0)
		report(c, at, "image file %s does not exist", shown(ref, b, sizeof b));
	else
		report(c, at, "image file %s does not exist (looked for %s in the source folder)",
		       shown(ref, b, sizeof b), shown(rel, p, sizeof p));
}

static void image_reset(struct ctx *c)
{
	free(c->img.ref);
	free(c->img.path);
	memset(&c->img, 0, sizeof c->img);
}

/* The three image rules run in table order on each imagedata: this one
 * resolves the file, the next reads its first bytes, the last compares
 * types.  An @entityref (an unparsed entity) is not a file to check. */
static void image_missing(struct ctx *c, xmlNode *n)
{
	image_reset(c);
	xmlAttr *a = attr(n, "fileref", NULL);
	if (a == NULL)
		return;
	c->img.attr = a;
	c->img.ref = attr_text(a);
	const char *ref = c->img.ref;
	xmlNode *at = (xmlNode *)a;
	char b[SHOWN];
	if (*ref == '\0') {
		report(c, at, "imagedata has an empty fileref");
		return;
	}
	size_t sl = scheme_len(ref);
	if (sl > 0 && !(sl == 4 && ascii_ncaseeq(ref, "file", 4))) {
		if ((sl == 4 && ascii_ncaseeq(ref, "http", 4)) || (sl == 5 && ascii_ncaseeq(ref, "https", 5)) ||
		    (sl == 3 && ascii_ncaseeq(ref, "ftp", 3)) || (sl == 4 && ascii_ncaseeq(ref, "ftps", 4)))
			report(c, at, "image %s: remote images are not allowed (no network); "
			       "put a copy in the source folder", shown(ref, b, sizeof b));
		else
			report(c, at, "image %s is a %.*s: URL, not a file in the source folder",
			       shown(ref, b, sizeof b), (int)sl, ref);
		return;
	}
	int outside = 0;
	char *path = folio_doc_resolve(c->doc, n, ref, &outside);
	if (path == NULL) {
		report(c, at, "image %s is outside the source folder", shown(ref, b, sizeof b));
		return;
	}
	struct stat st;
	if (stat(path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR)) {
		looked_for(c, at, ref, path);
		free(path);
		return;
	}
	c->img.path = path;
}

static void image_unreadable(struct ctx *c, xmlNode *n)
{
	(void)n;
	if (c->img.path == NULL)
		return;
	xmlNode *at = (xmlNode *)c->img.attr;
	char b[SHOWN];
	const char *ref = shown(c->img.ref, b, sizeof b);
	unsigned char head[SNIFF];
	FILE *fp = NULL;
	struct stat st;

	c->img.type = IMG_NONE;
	/* stat first: opening a FIFO would block. */
	if (stat(c->img.path, &st) != 0) {
		report(c, at, "cannot read image %s: %s", ref, strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		report(c, at, "image %s is a folder, not a file", ref);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		report(c, at, "image %s is not a regular file", ref);
		goto out;
	}
	fp = fopen(c->img.path, "rb");
	if (fp == NULL) {
		report(c, at, "cannot read image %s: %s", ref, strerror(errno));
		goto out;
	}
	size_t got = fread(head, 1, sizeof head, fp);
	if (ferror(fp)) {
		report(c, at, "cannot read image %s: %s", ref, strerror(errno));
		goto out;
	}
	if (got == 0) {
		report(c, at, "image %s is an empty file", ref);
		goto out;
	}
	c->img.type = sniff(head, got);
	if (c->img.type == IMG_NONE)
		report(c, at, "%s is not an image: its content is not PNG, JPEG, GIF, WebP or SVG", ref);
out:
	if (fp != NULL)
		fclose(fp);
}

static void image_type(struct ctx *c, xmlNode *n)
{
	if (c->img.path == NULL || c->img.type == IMG_NONE)
		return;
	enum img t = c->img.type;
	const char *ref = c->img.ref;
	char b[SHOWN], f[SHOWN];

	/* The extension of the last path segment, before any query or fragment. */
	size_t end = strcspn(ref, "?#");
	const char *dot = NULL;
	for (const char *p = ref; p < ref + end; p++)
		if (*p == '/')
			dot = NULL;
		else if (*p == '.')
			dot = p;
	const struct img_name *byname = NULL, *byfmt = NULL;
	if (dot != NULL && dot + 1 < ref + end)
		byname = img_lookup(dot + 1, (size_t)(ref + end - dot - 1));

	xmlAttr *fa = attr(n, "format", NULL);
	char *fmt = fa ? attr_text(fa) : folio_xstrdup("");
	if (*fmt != '\0')
		byfmt = img_lookup(fmt, strlen(fmt));
	int name_bad = byname != NULL && byname->type != t;
	int fmt_bad = *fmt != '\0' && (byfmt == NULL || byfmt->type != t);
	const char *fname = byfmt ? byfmt->name : shown(fmt, f, sizeof f);

	shown(ref, b, sizeof b);
	if (name_bad && fmt_bad && strcmp(byname->name, fname) == 0)
		report(c, n, "%s is %s image but its name and format say %s", b, img_said[t], fname);
	else if (name_bad && fmt_bad)
		report(c, n, "%s is %s image but its name says %s and its format says %s",
		       b, img_said[t], byname->name, fname);
	else if (name_bad)
		report(c, n, "%s is %s image but its name says %s", b, img_said[t], byname->name);
	else if (fmt_bad)
		report(c, n, "%s is %s image but its format says %s", b, img_said[t], fname);
	free(fmt);
}

/* The first imagedata/@fileref under an imageobject (or imageobjectco). */
static char *first_fileref(const xmlNode *obj)
{
	for (const xmlNode *k = obj->children; k != NULL; k = k->next) {
		if (is_db_named(k, "imageobject"))
			return first_fileref(k);
		if (is_db_named(k, "imagedata")) {
			xmlAttr *a = attr(k, "fileref", NULL);
			return a ? attr_text(a) : NULL;
		}
	}
	return NULL;
}

static void check_alt(struct ctx *c, xmlNode *n)
{
	const xmlNode *img = NULL;
	int alt = 0;
	for (const xmlNode *k = n->children; k != NULL; k = k->next) {
		if (is_db_named(k, "imageobject") || is_db_named(k, "imageobjectco")) {
			if (img == NULL)
				img = k;
		} else if (is_db_named(k, "alt")) {
			alt = 1;
		} else if (is_db_named(k, "textobject")) {
			char *t = text_of(k);
			int has = *t != '\0';
			free(t);
			if (has)
				return;
		}
	}
	if (img == NULL)
		return;
	char *ref = first_fileref(img);
	char b[SHOWN];
	char what[SHOWN + 16];
	const char *cover = n->parent && is_db_named(n->parent, "cover") ? "cover " : "";
	if (ref != NULL && *ref != '\0')
		snprintf(what, sizeof what, "%simage %s", cover, shown(ref, b, sizeof b));
	else
		snprintf(what, sizeof what, "%simage in <%s>", cover, name_of(n));
	/* The text alternative Folio writes (EPUB alt, HTML alt) comes from
	 * textobject; a DocBook <alt> alone is not used. */
	if (alt)
		report(c, n, "%s has an <alt> but no textobject: Folio takes the text alternative "
		       "from a textobject with a phrase", what);
	else
		report(c, n, "%s has no text alternative: add a textobject with a phrase "
		       "that describes it", what);
	free(ref);
}

/* ---- empty-section, heading-skip, heading-depth ----------------------------- */

/* Children that give a section no content of its own. */
static int invisible(const xmlNode *k)
{
	static const char *const meta[] = {
		"title", "subtitle", "titleabbrev", "info", "anchor", "indexterm", NULL
	};
	switch (k->type) {
	case XML_COMMENT_NODE:
	case XML_PI_NODE:
	case XML_XINCLUDE_START:
	case XML_XINCLUDE_END:
		return 1;
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		for (const xmlChar *p = k->content; p && *p; p++)
			if (!is_space(*p))
				return 0;
		return 1;
	case XML_ELEMENT_NODE:
		if (!is_db(k))
			return 0;
		for (size_t i = 0; meta[i] != NULL; i++)
			if (streq(k->name, meta[i]))
				return 1;
		return 0;
	default:
		return 0;
	}
}

static void check_empty(struct ctx *c, xmlNode *n)
{
	for (const xmlNode *k = n->children; k != NULL; k = k->next)
		if (!invisible(k))
			return;
	char *t = title_of(n);
	char b[SHOWN];
	if (*t != '\0')
		report(c, n, "%s \"%s\" has a title and nothing else", name_of(n), shown(t, b, sizeof b));
	else
		report(c, n, "%s has no content", name_of(n));
	free(t);
}

/* 1..5 for "sect1".."sect5", else 0. */
static int sect_level(const char *s)
{
	return strncmp(s, "sect", 4) == 0 && s[4] >= '1' && s[4] <= '5' && s[5] == '\0' ? s[4] - '0' : 0;
}

static void check_heading_skip(struct ctx *c, xmlNode *n)
{
	int most = c->level + 1;
	char here[48];
	if (c->level == 0)
		snprintf(here, sizeof here, "at chapter level");
	else
		snprintf(here, sizeof here, "in a level-%d section", c->level);
	if (streq(n->name, "bridgehead")) {
		xmlAttr *a = attr(n, "renderas", NULL);
		char *v = a ? attr_text(a) : NULL;
		if (v != NULL && sect_level(v) > most)
			report(c, n, "bridgehead renderas=\"%s\" skips a heading level: %s it can be "
			       "sect%d at most", v, here, most);
		free(v);
	} else if (sect_level(name_of(n)) > most) {
		report(c, n, "%s %s skips a heading level: use sect%d here", name_of(n), here, most);
	}
}

static void check_heading_depth(struct ctx *c, xmlNode *n)
{
	/* A chapter's title is level 1 and each section adds one, so the
	 * heading of a section inside `level` others is level + 2.  Only the
	 * first section past h6 is reported: one record per subtree. */
	if (c->level + 2 != MAX_HEADING + 1)
		return;
	char *t = title_of(n);
	char b[SHOWN];
	report(c, n, "%s \"%s\" would be a level-%d heading, deeper than the six levels "
	       "of HTML (h1-h6)", name_of(n), shown(t, b, sizeof b), MAX_HEADING + 1);
	free(t);
}

/* ---- link-scheme ------------------------------------------------------- */

/* The scheme of a URL as a browser reads it (leading blanks dropped, tabs
 * and newlines ignored), lowercased into buf; "" when there is none. */
static const char *scheme_of(const char *s, char *buf, size_t len)
{
	size_t o = 0;
	while (*s != '\0' && (unsigned char)*s <= 0x20)
		s++;
	for (; *s != '\0' && o + 1 < len; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '\t' || ch == '\n' || ch == '\r')
			continue;
		if (ch == ':' && o > 0) {
			buf[o] = '\0';
			return buf;
		}
		if (!is_alpha(ch) && !(o > 0 && (is_digit(ch) || ch == '+' || ch == '-' || ch == '.')))
			break;
		buf[o++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch);
	}
	buf[0] = '\0';
	return buf;
}

static void url_scheme(struct ctx *c, xmlNode *at, const char *what, const char *url)
{
	static const char *const refused[] = {"javascript", "vbscript", "data", "file", NULL};
	char s[16], b[SHOWN];
	scheme_of(url, s, sizeof s);
	for (size_t i = 0; refused[i] != NULL; i++)
		if (strcmp(s, refused[i]) == 0) {
			report(c, at, "%s \"%s\" uses the %s: scheme, which reading systems refuse",
			       what, shown(url, b, sizeof b), s);
			return;
		}
}

static void check_link_scheme(struct ctx *c, xmlNode *n)
{
	xmlAttr *a = attr(n, "href", XLINK_NS);
	char what[64];
	if (a != NULL) {
		char *v = attr_text(a);
		if (is_db_named(n, "link"))
			snprintf(what, sizeof what, "link to");
		else
			snprintf(what, sizeof what, "<%s> xlink:href", name_of(n));
		url_scheme(c, (xmlNode *)a, what, v);
		free(v);
	} else if (is_db_named(n, "uri")) {
		char *v = text_of(n);
		url_scheme(c, n, "uri", v);
		free(v);
	}
	if (streq(n->name, "ulink") && (a = attr(n, "url", NULL)) != NULL) {
		char *v = attr_text(a);
		url_scheme(c, (xmlNode *)a, "ulink to", v);
		free(v);
	}
}

/* ---- pagebreak-order ------------------------------------------------------ */

/* 1..999999999 for arabic page numbers, else -1. */
static long arabic_value(const char *s)
{
	long v = 0;
	size_t i = 0;
	for (; is_digit((unsigned char)s[i]); i++) {
		if (i >= 9)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return i > 0 && s[i] == '\0' ? v : -1;
}

/* The value of a roman numeral in canonical form (all lower or all upper
 * case, 1..3999), else -1. */
static long roman_value(const char *s)
{
	static const char *const digit[4][10] = {
		{"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"},
		{"", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"},
		{"", "c", "cc", "ccc", "cd", "d", "dc", "dcc", "dccc", "cm"},
		{"", "m", "mm", "mmm", "", "", "", "", "", ""}
	};
	char low[32];
	size_t n = strlen(s);
	if (n == 0 || n >= sizeof low)
		return -1;
	int upper = s[0] >= 'A' && s[0] <= 'Z';
	for (size_t i = 0; i <= n; i++) {
		char ch = s[i];
		if (upper && ch >= 'A' && ch <= 'Z')
			ch = (char)(ch + ('a' - 'A'));
		else if (ch >= 'A' && ch <= 'Z')
			return -1;
		low[i] = ch;
	}
	/* Read greedily from the thousands down; canonical means nothing is left. */
	const char *p = low;
	long v = 0;
	for (int place = 3; place >= 0; place--) {
		int best = 0;
		size_t bestlen = 0;
		for (int d = 1; d <= 9; d++) {
			size_t l = strlen(digit[place][d]);
			if (l > bestlen && strncmp(p, digit[place][d], l) == 0) {
				best = d;
				bestlen = l;
			}
		}
		p += bestlen;
		v = v * 10 + best;
	}
	return *p == '\0' && v > 0 ? v : -1;
}

static void set_label(char **slot, const char *v)
{
	free(*slot);
	*slot = folio_xstrdup(v);
}

static void check_pagebreaks(struct ctx *c, xmlNode *n)
{
	xmlAttr *ra = attr(n, "role", NULL), *la = attr(n, "xreflabel", NULL);
	if (ra == NULL || la == NULL)
		return;
	char *role = attr_text(ra);
	int pb = has_token(role, "pagebreak");
	free(role);
	if (!pb)
		return;
	char *v = attr_text(la);
	char b1[SHOWN], b2[SHOWN], w[512];
	if (*v == '\0')
		goto out;
	long av = arabic_value(v), rv = av < 0 ? roman_value(v) : -1;
	const char *prev = c->pg.prev;
	xmlNode *first = xmlHashLookup(c->pg.seen, (const xmlChar *)v);
	if (first != NULL) {
		if (prev != NULL && strcmp(prev, v) == 0)
			report(c, n, "page break \"%s\" repeats the label of the page break just before it",
			       shown(v, b1, sizeof b1));
		else
			report(c, n, "page break \"%s\" repeats the label of an earlier page break (at %s); "
			       "the previous page break is \"%s\"", shown(v, b1, sizeof b1),
			       where(c, first, w, sizeof w), prev ? shown(prev, b2, sizeof b2) : "");
	} else {
		xmlHashAddEntry(c->pg.seen, (const xmlChar *)v, n);
		if (av >= 0 && c->pg.arabic != NULL && av <= c->pg.varabic)
			report(c, n, "page break \"%s\" comes after page break \"%s\": page numbers "
			       "must increase", shown(v, b1, sizeof b1), shown(c->pg.arabic, b2, sizeof b2));
		else if (rv >= 0 && c->pg.arabic != NULL)
			report(c, n, "page break \"%s\" is a roman numeral after page break \"%s\": "
			       "roman-numbered pages come before arabic ones", shown(v, b1, sizeof b1),
			       shown(c->pg.arabic, b2, sizeof b2));
		else if (rv >= 0 && c->pg.roman != NULL && rv <= c->pg.vroman)
			report(c, n, "page break \"%s\" comes after page break \"%s\": page numbers "
			       "must increase", shown(v, b1, sizeof b1), shown(c->pg.roman, b2, sizeof b2));
	}
	/* Compare the next one with this one, not with the highest so far: one
	 * mistyped label gives one record, not one per page after it. */
	set_label(&c->pg.prev, v);
	if (av >= 0) {
		set_label(&c->pg.arabic, v);
		c->pg.varabic = av;
	} else if (rv >= 0) {
		set_label(&c->pg.roman, v);
		c->pg.vroman = rv;
	}
out:
	free(v);
}

/* ---- The table and the walk --------------------------------------------- */

#define ELEMS(...) ((const char *const[]){__VA_ARGS__, NULL})
/* Every DocBook element.  A row whose names are NULL runs on every element
 * of any namespace: only the xml: attributes need that, since inline SVG or
 * MathML have ids and links of their own. */
#define EVERY_DB ELEMS("*")

/* Sections that nest inside chapter-level units and add a heading level. */
#define NESTED "section", "simplesect", "sect1", "sect2", "sect3", "sect4", "sect5"
static const char *const nested[] = {NESTED, NULL};

static const struct row {
	enum folio_rule rule;
	const char *const *names;       /* DocBook elements, EVERY_DB, or NULL */
	check_fn *check;
	void (*done)(struct ctx *c);    /* after the walk, or NULL */
} rows[] = {
	{FOLIO_R_ISBN, ELEMS("biblioid", "bibliorelation"), check_isbn, NULL},
	{FOLIO_R_ISSN, ELEMS("biblioid", "bibliorelation"), check_issn, NULL},
	{FOLIO_R_LANG_TAG, NULL, check_lang, NULL},
	{FOLIO_R_DATE, ELEMS("pubdate", "date", "year"), check_date, NULL},
	{FOLIO_R_DUPLICATE_ID, NULL, check_ids, NULL},
	{FOLIO_R_DANGLING_LINK, EVERY_DB, collect_links, resolve_links},
	/* These three share c->img and must stay in this order. */
	{FOLIO_R_IMAGE_MISSING, ELEMS("imagedata"), image_missing, NULL},
	{FOLIO_R_IMAGE_UNREADABLE, ELEMS("imagedata"), image_unreadable, NULL},
	{FOLIO_R_IMAGE_TYPE, ELEMS("imagedata"), image_type, NULL},
	{FOLIO_R_IMAGE_ALT, ELEMS("mediaobject", "inlinemediaobject"), check_alt, NULL},
	{FOLIO_R_EMPTY_SECTION, ELEMS("part", "chapter", "appendix", "preface", "article", NESTED),
	 check_empty, NULL},
	{FOLIO_R_HEADING_SKIP, ELEMS("bridgehead", "sect1", "sect2", "sect3", "sect4", "sect5"),
	 check_heading_skip, NULL},
	{FOLIO_R_HEADING_DEPTH, ELEMS(NESTED), check_heading_depth, NULL},
	{FOLIO_R_LINK_SCHEME, EVERY_DB, check_link_scheme, NULL},
	{FOLIO_R_PAGEBREAK_ORDER, ELEMS("anchor"), check_pagebreaks, NULL},
};

#define NROWS (sizeof rows / sizeof rows[0])
#define LEVEL_FLAG 0x80000000u  /* in the name table: one of `nested` */
_Static_assert(NROWS < 31, "a row mask is 31 bits");

static void add_bits(struct ctx *c, const char *name, uint32_t bits)
{
	uintptr_t m = (uintptr_t)xmlHashLookup(c->names, (const xmlChar *)name);
	xmlHashUpdateEntry(c->names, (const xmlChar *)name, (void *)(m | bits), NULL);
}

/* Element name -> the rows that run on it, so that each element costs one
 * lookup whatever the size of the table. */
static void index_rows(struct ctx *c)
{
	for (size_t i = 0; i < NROWS; i++) {
		if (rows[i].names == NULL) {
			c->any |= 1u << i;
			continue;
		}
		for (const char *const *p = rows[i].names; *p != NULL; p++)
			if (strcmp(*p, "*") == 0)
				c->anydb |= 1u << i;
			else
				add_bits(c, *p, 1u << i);
	}
	for (const char *const *p = nested; *p != NULL; p++)
		add_bits(c, *p, LEVEL_FLAG);
}

static uint32_t mask_of(struct ctx *c, const xmlNode *n)
{
	if (!is_db(n))
		return 0;
	return c->anydb | (uint32_t)(uintptr_t)xmlHashLookup(c->names, n->name);
}

/* Document order, without recursion (hostile documents nest deeply). */
static void walk(struct ctx *c, xmlNode *root)
{
	xmlNode *n = root;
	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE) {
			uint32_t m = mask_of(c, n), run = m | c->any;
			for (size_t i = 0; i < NROWS; i++)
				if (run & (1u << i)) {
					c->rule = rows[i].rule;
					rows[i].check(c, n);
				}
			if (m & LEVEL_FLAG)
				c->level++;
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
		}
		/* Leave n, then each ancestor whose last child was just left. */
		for (;;) {
			if (n->type == XML_ELEMENT_NODE && (mask_of(c, n) & LEVEL_FLAG))
				c->level--;
			if (n == root || n->parent == NULL)
				return;
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

void folio_checks_run(struct folio_doc *doc, struct folio_diags *d)
{
	struct ctx c;
	xmlNode *root = doc && doc->doc ? xmlDocGetRootElement(doc->doc) : NULL;
	if (root == NULL)
		return;
	memset(&c, 0, sizeof c);
	c.doc = doc;
	c.d = d;
	c.names = xmlHashCreate(64);
	c.ids = xmlHashCreate(1024);
	c.pg.seen = xmlHashCreate(256);
	index_rows(&c);

	walk(&c, root);
	for (size_t i = 0; i < NROWS; i++)
		if (rows[i].done != NULL) {
			c.rule = rows[i].rule;
			rows[i].done(&c);
		}

	image_reset(&c);
	free(c.refs);
	free(c.pg.prev);
	free(c.pg.roman);
	free(c.pg.arabic);
	xmlHashFree(c.pg.seen, NULL);
	xmlHashFree(c.ids, NULL);
	xmlHashFree(c.names, NULL);
}
