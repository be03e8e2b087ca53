/* rngread.c — reading a schema file for the grammar model: from memory, so
 * that libxml2's process-wide entity loader is never involved, without
 * network access, and with the first error kept as a message instead of
 * going to libxml2's global error handler. */
#include "rngintro.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#define MAX_SCHEMA (64u << 20)   /* bytes; DocBook's RNG is half a megabyte */

struct readerr {
	char *msg;
};

static char *trimmed(const char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	return folio_xstrndup(s, n);
}

static void on_read_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr c = data;
	struct readerr *r = c ? c->_private : NULL;
	if (r == NULL || e == NULL || e->level < XML_ERR_ERROR || r->msg != NULL)
		return;
	char *m = trimmed(e->message ? e->message : "error");
	if (e->line > 0)
		r->msg = folio_xasprintf("line %d: %s", e->line, m);
	else
		r->msg = folio_xstrdup(m);
	free(m);
}

/* Read into memory first: parsing by file name would go through libxml2's
 * process-wide external-entity loader, which load.c swaps for its confined
 * one while another thread loads a document. */
static char *slurp(const char *path, size_t *len, char **err)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		*err = folio_xasprintf("cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = folio_xmalloc(cap);
	for (;;) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap || n >= MAX_SCHEMA)
			break;
		cap *= 2;
		buf = folio_xrealloc(buf, cap);
	}
	int bad = ferror(f) || n >= MAX_SCHEMA;
	fclose(f);
	if (bad) {
		*err = folio_xasprintf("cannot read %s%s", path, n >= MAX_SCHEMA ? ": too large" : "");
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

xmlDocPtr folio_rngintro_read(const char *path, char **err)
{
	struct readerr r = {NULL};
	xmlDocPtr doc = NULL;
	size_t len = 0;
	*err = NULL;
	char *buf = slurp(path, &len, err);
	if (buf == NULL)
		return NULL;
	xmlParserCtxtPtr c = xmlNewParserCtxt();
	if (c == NULL) {
		free(buf);
		*err = folio_xstrdup("cannot create an XML parser");
		return NULL;
	}
	c->_private = &r;
	c->sax->serror = on_read_error;
	doc = xmlCtxtReadMemory(c, buf, (int)len, path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (doc != NULL && (!c->wellFormed || r.msg != NULL)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc == NULL)
		*err = r.msg ? r.msg : folio_xstrdup("the file is not well-formed XML");
	else
		free(r.msg);
	xmlFreeParserCtxt(c);
	free(buf);
	return doc;
}
