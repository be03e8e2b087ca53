/* meta.c — reads the publication metadata of DESIGN.md's source profile. */
#include "meta.h"
#include "ident.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define DB_NS "http://docbook.org/ns/docbook"

static int is_db(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, DB_NS) == 0 &&
	       (name == NULL || strcmp((const char *)n->name, name) == 0);
}

static xmlNode *child(const xmlNode *parent, const char *name)
{
	if (parent == NULL)
		return NULL;
	for (xmlNode *c = parent->children; c; c = c->next)
		if (is_db(c, name))
			return c;
	return NULL;
}

static char *attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	if (v == NULL)
		return NULL;
	char *s = folio_xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static int attr_is(const xmlNode *n, const char *name, const char *value)
{
	char *v = attr(n, name);
	int eq = v && strcmp(v, value) == 0;
	free(v);
	return eq;
}

char *folio_meta_text(const xmlNode *n)
{
	xmlChar *raw = n ? xmlNodeGetContent(n) : NULL;
	if (raw == NULL)
		return NULL;
	size_t len = strlen((const char *)raw);
	char *out = folio_xmalloc(len + 1);
	size_t o = 0;
	int space = 0;
	for (const unsigned char *p = raw; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = o > 0;
			continue;
		}
		if (space)
			out[o++] = ' ';
		space = 0;
		out[o++] = (char)*p;
	}
	out[o] = '\0';
	xmlFree(raw);
	return out;
}

static char *text_of(const xmlNode *n)
{
	char *t = folio_meta_text(n);
	if (t && *t == '\0') {
		free(t);
		return NULL;
	}
	return t;
}

static char *isbn_digits(const xmlNode *n)
{
	char *t = text_of(n);
	struct folio_isbn isbn;
	if (t && folio_isbn_parse(t, &isbn) == FOLIO_ID_OK) {
		free(t);
		return folio_xstrdup(isbn.digits);
	}
	return t;
}

static void count_pagebreaks(const xmlNode *n, int *count)
{
	/* Iterative walk: documents may nest deeply. */
	const xmlNode *cur = n;
	while (cur) {
		if (is_db(cur, "anchor") && attr_is(cur, "role", "pagebreak"))
			(*count)++;
		if (cur->children && cur->type == XML_ELEMENT_NODE) {
			cur = cur->children;
			continue;
		}
		while (cur && cur != n && cur->next == NULL)
			cur = cur->parent;
		if (cur == NULL || cur == n)
			break;
		cur = cur->next;
	}
}

void folio_meta_read(const struct folio_doc *doc, struct folio_meta *m)
{
	memset(m, 0, sizeof *m);
	xmlNode *root = doc->doc ? xmlDocGetRootElement(doc->doc) : NULL;
	xmlChar *lang = root ? xmlNodeGetLang(root) : NULL;
	m->lang = folio_xstrdup(lang ? (const char *)lang : "en");
	xmlFree(lang);
	if (root == NULL)
		return;
	xmlNode *info = child(root, "info");
	m->title = text_of(child(info, "title"));
	if (m->title == NULL)
		m->title = text_of(child(root, "title"));
	m->subtitle = text_of(child(info, "subtitle"));
	if (m->subtitle == NULL)
		m->subtitle = text_of(child(root, "subtitle"));
	for (xmlNode *c = info ? info->children : NULL; c; c = c->next) {
		if (is_db(c, "author") && m->creator == NULL) {
			xmlNode *who = child(c, "orgname");
			m->creator = text_of(who ? who : child(c, "personname"));
		} else if (is_db(c, "publisher")) {
			m->publisher = text_of(child(c, "publishername"));
			m->city = text_of(child(child(c, "address"), "city"));
		} else if (is_db(c, "pubdate")) {
			m->pubdate = text_of(c);
		} else if (is_db(c, "biblioid") && attr_is(c, "class", "isbn")) {
			if (attr_is(c, "role", "print"))
				m->isbn_print = isbn_digits(c);
			else if (m->isbn_epub == NULL)
				m->isbn_epub = isbn_digits(c);
		} else if (is_db(c, "biblioset") && attr_is(c, "relation", "series")) {
			m->series_title = text_of(child(c, "title"));
			m->volume = text_of(child(c, "volumenum"));
			for (xmlNode *s = c->children; s; s = s->next)
				if (is_db(s, "biblioid") && attr_is(s, "class", "issn"))
					m->issn = text_of(s);
		} else if (is_db(c, "bibliorelation") && attr_is(c, "type", "isversionof")) {
			m->isversionof = isbn_digits(c);
		} else if (is_db(c, "pagenums")) {
			m->pagenums = text_of(c);
		} else if (is_db(c, "cover")) {
			xmlNode *mo = child(c, "mediaobject");
			xmlNode *img = child(child(mo, "imageobject"), "imagedata");
			if (img) {
				m->cover_image = img;
				m->cover_fileref = attr(img, "fileref");
			}
			m->cover_alt = text_of(child(mo, "textobject"));
		} else if (is_db(c, "copyright")) {
			char *year = text_of(child(c, "year"));
			char *holder = text_of(child(c, "holder"));
			m->copyright = folio_xasprintf("\xc2\xa9 %s %s", year ? year : "", holder ? holder : "");
			free(year);
			free(holder);
		} else if (is_db(c, "legalnotice")) {
			m->rights = text_of(c);
		} else if (is_db(c, "abstract")) {
			m->description = text_of(c);
		}
	}
	if (m->creator == NULL)
		m->creator = m->publisher ? folio_xstrdup(m->publisher) : NULL;
	count_pagebreaks(root, &m->pagebreaks);
}

void folio_meta_free(struct folio_meta *m)
{
	if (m == NULL)
		return;
	char **fields[] = {&m->lang, &m->title, &m->subtitle, &m->creator, &m->publisher,
			   &m->city, &m->pubdate, &m->isbn_epub, &m->isbn_print,
			   &m->series_title, &m->issn, &m->volume, &m->isversionof,
			   &m->pagenums, &m->cover_fileref, &m->cover_alt, &m->copyright,
			   &m->rights, &m->description};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		free(*fields[i]);
		*fields[i] = NULL;
	}
}
