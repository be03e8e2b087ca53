/* epubxml.c — the XML entries of an EPUB: parsed safely, located exactly,
 * and the references between them resolved.
 *
 * Entries are parsed from memory with the network off, no DTD loaded and no
 * entity substituted (libxml2's own expansion limits apply to internal
 * ones); parse errors reach this module through the parser context's own
 * structured-error hook, never libxml2's global handler (load.c owns that).
 * libxml2 2.9 keeps lines but not columns, so a column is found again in the
 * entry's text: the element's start tag is the k-th "<name" of its line,
 * where k counts the elements of that name that start earlier on the line. */
#include "epubint.h"
#include "buf.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

struct parse_err {
	int line, col;
	char *msg;
};

static void on_error(void *data, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = data;
	struct parse_err *pe = ctxt->_private;
	if (err == NULL || err->level < XML_ERR_ERROR || pe->msg != NULL)
		return;
	const char *m = err->message ? err->message : "not well-formed";
	pe->msg = folio_xstrndup(m, strcspn(m, "\n"));
	pe->line = err->line;
	pe->col = err->int2;
}

int folio_epub_parse(const char *text, size_t len, const char *name, xmlDocPtr *doc,
		     int *line, int *col, char **msg)
{
	struct parse_err pe = {0, 0, NULL};
	*doc = NULL;
	*msg = NULL;
	*line = *col = 0;
	xmlParserCtxtPtr ctxt = len <= 0x7FFFFFFF ? xmlNewParserCtxt() : NULL;
	if (ctxt == NULL)
		return -1;
	ctxt->_private = &pe;
	ctxt->sax->serror = on_error;
	/* No XML_PARSE_NOENT, no DTD loading: entities stay unexpanded
	 * references, nothing outside the archive is read. */
	*doc = xmlCtxtReadMemory(ctxt, text, (int)len, name, NULL,
				 XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING);
	int bad = *doc == NULL || !ctxt->wellFormed || pe.msg != NULL;
	xmlFreeParserCtxt(ctxt);
	if (bad) {
		xmlFreeDoc(*doc);
		*doc = NULL;
		*line = pe.line;
		*col = pe.col;
		*msg = pe.msg;
		return 1;
	}
	return 0;
}

/* External entities are never loaded (no NOENT, no DTD loading), but EPUB
 * forbids declaring them at all, and a document that does is suspect. */
static size_t external_entities(const struct epub_xml *x, struct folio_diags *d)
{
	size_t found = 0;
	const xmlDtd *dtd = x->doc->intSubset;
	for (const xmlNode *n = dtd ? dtd->children : NULL; n; n = n->next) {
		const xmlEntity *ent = (const xmlEntity *)n;
		if (n->type != XML_ENTITY_DECL || ent->etype == XML_INTERNAL_GENERAL_ENTITY ||
		    ent->etype == XML_INTERNAL_PARAMETER_ENTITY || ent->etype == XML_INTERNAL_PREDEFINED_ENTITY)
			continue;
		int line = 1;
		const char *at = strstr(x->text, "<!ENTITY");
		for (const char *p = x->text; at && p < at; p++)
			line += *p == '\n';
		folio_diag(d, FOLIO_R_EPUB_XML, x->file, at ? line : 0, 0,
			   "declares the external entity \"%s\" (\"%s\"); EPUB documents may not, and "
			   "Folio never reads one", (const char *)ent->name,
			   ent->SystemID ? (const char *)ent->SystemID : "");
		found++;
	}
	return found;
}

struct epub_xml *epub_xml_parse(struct folio_epub *e, const char *name, struct folio_diags *d)
{
	long i = folio_epub_find(e, name);
	struct epub_xml *x;
	size_t len;
	if (i < 0)
		return NULL;
	unsigned char *text = folio_epub_read(e, (size_t)i, &len, d);
	if (text == NULL)
		return NULL;
	x = folio_xcalloc(1, sizeof *x);
	x->text = (char *)text;
	x->len = len;
	x->file = folio_epub_display(e, name);
	int line, col;
	char *msg;
	int r = folio_epub_parse(x->text, len, name, &x->doc, &line, &col, &msg);
	if (r < 0) {
		folio_diag(d, FOLIO_R_EPUB_XML, x->file, 0, 0, "cannot parse: %s",
			   len > (size_t)0x7FFFFFFF ? "too large" : "out of memory");
		goto fail;
	}
	if (r > 0) {
		folio_diag(d, FOLIO_R_EPUB_XML, x->file, line, col, "not well-formed XML: %s",
			   msg ? msg : "the parser gave up");
		free(msg);
		goto fail;
	}
	if (external_entities(x, d) > 0)
		goto fail;
	return x;
fail:
	epub_xml_free(x);
	return NULL;
}

void epub_xml_free(struct epub_xml *x)
{
	if (x == NULL)
		return;
	if (x->doc)
		xmlFreeDoc(x->doc);
	free(x->text);
	free(x->file);
	free(x);
}

static void qname(const xmlNode *n, char *out, size_t outlen)
{
	if (n->ns && n->ns->prefix)
		snprintf(out, outlen, "%s:%s", (const char *)n->ns->prefix, (const char *)n->name);
	else
		snprintf(out, outlen, "%s", (const char *)n->name);
}

/* Elements named `name` that start on `line` before `target`, in document
 * order; *found is set once target is reached. */
static size_t before_on_line(const xmlNode *n, const xmlNode *target, long line, const char *name,
			     int *found)
{
	size_t k = 0;
	char q[128];
	for (; n && !*found; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n == target) {
			*found = 1;
			break;
		}
		qname(n, q, sizeof q);
		k += xmlGetLineNo(n) == line && strcmp(q, name) == 0;
		k += before_on_line(n->children, target, line, name, found);
	}
	return k;
}

int folio_epub_text_column(xmlDocPtr doc, const char *text, size_t len, const xmlNode *node, long line)
{
	char name[128], pat[130];
	int found = 0;
	qname(node, name, sizeof name);
	size_t k = before_on_line(xmlDocGetRootElement(doc), node, line, name, &found);
	const char *p = text, *end = text + len;
	for (long l = 1; l < line && p < end; l++) {
		p = memchr(p, '\n', (size_t)(end - p));
		p = p ? p + 1 : end;
	}
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	eol = eol ? eol : end;
	snprintf(pat, sizeof pat, "<%s", name);
	size_t pl = strlen(pat);
	for (const char *q = p; q + pl <= eol; q++) {
		if (memcmp(q, pat, pl) != 0 || (q + pl < eol && !strchr(" \t\r\n/>", q[pl])))
			continue;
		if (k-- > 0)
			continue;
		int col = 1;
		for (const char *c = p; c < q; c++)
			col += ((unsigned char)*c & 0xC0) != 0x80;
		return col;
	}
	return 0;
}

static int column_of(const struct epub_xml *x, const xmlNode *node, long line)
{
	return folio_epub_text_column(x->doc, x->text, x->len, node, line);
}

void epub_diag_at(struct folio_diags *d, enum folio_rule r, const struct epub_xml *x,
		  const xmlNode *node, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (node && node->type == XML_ATTRIBUTE_NODE)
		node = node->parent;
	long line = node ? xmlGetLineNo(node) : 0;
	int col = line > 0 ? column_of(x, node, line) : 0;
	folio_diag(d, r, x->file, line > 0 ? (int)line : 0, col, "%s", msg);
}

int epub_has_token(const char *list, const char *word)
{
	size_t wl = strlen(word);
	for (const char *p = list; p && *p;) {
		p += strspn(p, " \t\r\n");
		size_t l = strcspn(p, " \t\r\n");
		if (l == wl && memcmp(p, word, l) == 0)
			return 1;
		p += l;
	}
	return 0;
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

char *epub_resolve(const char *from, const char *ref, char **frag, int *outside)
{
	struct folio_buf path = FOLIO_BUF_INIT;
	size_t rl = strcspn(ref, "#?");
	*outside = 0;
	const char *hash = strchr(ref, '#');
	if (frag)
		*frag = hash ? folio_xstrdup(hash + 1) : NULL;
	/* A scheme ("http:", "mailto:") before any '/': not in the container. */
	size_t colon = strcspn(ref, ":/#?");
	if (ref[colon] == ':' || ref[0] == '/')
		return NULL;
	if (rl == 0)
		return folio_xstrdup(from);  /* "#id": the document itself */
	const char *slash = strrchr(from, '/');
	if (slash)
		folio_buf_append(&path, from, (size_t)(slash - from + 1));
	for (size_t i = 0; i < rl; i++) {
		int h, l;
		if (ref[i] == '%' && i + 2 < rl && (h = hexval(ref[i + 1])) >= 0 && (l = hexval(ref[i + 2])) >= 0) {
			folio_buf_putc(&path, (char)(h * 16 + l));
			i += 2;
		} else {
			folio_buf_putc(&path, ref[i]);
		}
	}
	folio_buf_append(&path, "", 0);
	/* Apply "." and ".." segment by segment. */
	char *s = path.data, *out = folio_xmalloc(path.len + 1);
	size_t o = 0;
	for (char *seg = s; seg;) {
		char *next = strchr(seg, '/');
		size_t len = next ? (size_t)(next - seg) : strlen(seg);
		if (len == 2 && memcmp(seg, "..", 2) == 0) {
			if (o == 0) {
				*outside = 1;
				free(out);
				folio_buf_free(&path);
				return NULL;
			}
			o--;
			while (o > 0 && out[o - 1] != '/')
				o--;
		} else if (!(len == 1 && seg[0] == '.') && !(len == 0 && next)) {
			memcpy(out + o, seg, len);
			o += len;
			if (next)
				out[o++] = '/';
		}
		seg = next ? next + 1 : NULL;
	}
	out[o] = '\0';
	folio_buf_free(&path);
	return out;
}

/* ---- Tree helpers -------------------------------------------------------- */

int epub_is_el(const xmlNode *n, const char *ns, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 &&
	       n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
}

const xmlNode *epub_child(const xmlNode *parent, const char *ns, const char *name)
{
	for (const xmlNode *n = parent ? parent->children : NULL; n; n = n->next)
		if (epub_is_el(n, ns, name))
			return n;
	return NULL;
}

const char *epub_prop(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			return a->children && a->children->content ? (const char *)a->children->content : "";
	return NULL;
}

char *epub_text(const xmlNode *n)
{
	xmlChar *t = xmlNodeGetContent(n);
	const char *s = t ? (const char *)t : "";
	s += strspn(s, " \t\r\n");
	size_t len = strlen(s);
	while (len > 0 && strchr(" \t\r\n", s[len - 1]))
		len--;
	char *out = folio_xstrndup(s, len);
	xmlFree(t);
	return out;
}

const xmlNode *epub_root(const struct epub_xml *x)
{
	return xmlDocGetRootElement(x->doc);
}
