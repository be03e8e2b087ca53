/* epub.c — from a checked DocBook source to a packaged EPUB 3.
 *
 * load/validate/check (source.c) → images → XSLT (xform.c) → chunks
 * (chunk.c) → OPF, NCX, container → zip (zipio.c).  The OPF follows
 * DESIGN.md: the epub ISBN is the unique identifier (never the ISSN), the
 * series is a belongs-to-collection with its ISSN in a refining
 * dcterms:identifier, and the EPUB Accessibility 1.1 metadata is claimed
 * only as far as the checks support it. */
#include "epub.h"
#include "buf.h"
#include "chunk.h"
#include "front.h"
#include "ident.h"
#include "images.h"
#include "keep.h"
#include "media.h"
#include "meta.h"
#include "paths.h"
#include "xalloc.h"
#include "zipio.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define EPUB_NS "http://www.idpf.org/2007/ops"

time_t folio_epub_mtime(const char *pubdate)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		long long v = strtoll(sde, &end, 10);
		if (*end == '\0' && v >= 0)
			return (time_t)v;
	}
	if (pubdate && folio_isodate_check(pubdate, NULL, 0) == 0) {
		struct tm tm = {0};
		int y = 0, mo = 1, da = 1;
		if (sscanf(pubdate, "%d-%d-%d", &y, &mo, &da) >= 1) {
			tm.tm_year = y - 1900;
			tm.tm_mon = mo - 1;
			tm.tm_mday = da;
			return timegm(&tm);
		}
	}
	return time(NULL);
}

static void xml_text(struct folio_buf *b, const char *s)
{
	folio_buf_xml(b, s ? s : "");
}

static void dc(struct folio_buf *b, const char *elem, const char *id, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	folio_buf_printf(b, "    <dc:%s", elem);
	if (id)
		folio_buf_printf(b, " id=\"%s\"", id);
	folio_buf_puts(b, ">");
	xml_text(b, value);
	folio_buf_printf(b, "</dc:%s>\n", elem);
}

static void meta(struct folio_buf *b, const char *property, const char *refines, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	folio_buf_puts(b, "    <meta");
	if (refines)
		folio_buf_printf(b, " refines=\"#%s\"", refines);
	folio_buf_printf(b, " property=\"%s\">", property);
	xml_text(b, value);
	folio_buf_puts(b, "</meta>\n");
}

static int has_rule(const struct folio_diags *d, size_t from, const char *rule)
{
	for (size_t i = from; i < d->n; i++)
		if (strcmp(d->v[i].rule, rule) == 0)
			return 1;
	return 0;
}

struct build {
	struct folio_meta m;
	struct folio_images im;
	struct folio_chunks ch;
	char *modified;         /* 2018-11-16T00:00:00Z */
	int conforms;           /* the a11y checks passed */
	const char *const *relations;
};

static char *opf(const struct build *b)
{
	struct folio_buf o = FOLIO_BUF_INIT;
	const struct folio_meta *m = &b->m;
	int rtl = folio_bcp47_is_rtl(m->lang);
	folio_buf_puts(&o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	folio_buf_puts(&o, "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
			   "unique-identifier=\"pub-id\" xml:lang=\"");
	xml_text(&o, m->lang);
	folio_buf_printf(&o, "\"%s>\n", rtl ? " dir=\"rtl\"" : "");
	folio_buf_puts(&o, "  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");

	char *id = m->isbn_epub ? folio_xasprintf("urn:isbn:%s", m->isbn_epub) : NULL;
	dc(&o, "identifier", "pub-id", id);
	dc(&o, "title", "title", m->title ? m->title : b->ch.title);
	meta(&o, "title-type", "title", "main");
	if (m->subtitle) {
		dc(&o, "title", "subtitle", m->subtitle);
		meta(&o, "title-type", "subtitle", "subtitle");
	}
	dc(&o, "language", NULL, m->lang);
	if (m->creator) {
		dc(&o, "creator", "creator", m->creator);
		folio_buf_puts(&o, "    <meta refines=\"#creator\" property=\"role\" scheme=\"marc:relators\">aut</meta>\n");
	}
	dc(&o, "publisher", NULL, m->publisher);
	dc(&o, "date", NULL, m->pubdate);
	meta(&o, "dcterms:modified", NULL, b->modified);
	if (m->isbn_print) {
		char *src = folio_xasprintf("urn:isbn:%s", m->isbn_print);
		dc(&o, "source", "print-source", src);
		if (m->pagebreaks)
			meta(&o, "source-of", "print-source", "pagination");
		free(src);
	}
	if (m->series_title) {
		meta(&o, "belongs-to-collection\" id=\"series", NULL, m->series_title);
		meta(&o, "collection-type", "series", "series");
		meta(&o, "group-position", "series", m->volume);
		if (m->issn) {
			char *issn = folio_xasprintf("urn:issn:%s", m->issn);
			meta(&o, "dcterms:identifier", "series", issn);
			free(issn);
		}
	}
	if (m->isversionof) {
		char *rel = folio_xasprintf("urn:isbn:%s", m->isversionof);
		dc(&o, "relation", NULL, rel);
		free(rel);
	}
	for (size_t i = 0; b->relations && b->relations[i]; i++) {
		char *rel = folio_xasprintf("urn:isbn:%s", b->relations[i]);
		dc(&o, "relation", NULL, rel);
		free(rel);
	}
	if (m->copyright || m->rights) {
		char *rights = folio_xasprintf("%s%s%s", m->copyright ? m->copyright : "",
					       m->copyright && m->rights ? ". " : "", m->rights ? m->rights : "");
		dc(&o, "rights", NULL, rights);
		free(rights);
	}
	dc(&o, "description", NULL, m->description);

	/* EPUB Accessibility 1.1 */
	/* Figures make the content visual; a cover alone does not. */
	int has_images = 0;
	for (size_t i = 0; i < b->im.n; i++)
		has_images |= !b->im.v[i].cover;
	meta(&o, "schema:accessMode", NULL, "textual");
	if (has_images)
		meta(&o, "schema:accessMode", NULL, "visual");
	meta(&o, "schema:accessModeSufficient", NULL, "textual");
	meta(&o, "schema:accessibilityFeature", NULL, "structuralNavigation");
	meta(&o, "schema:accessibilityFeature", NULL, "tableOfContents");
	meta(&o, "schema:accessibilityFeature", NULL, "readingOrder");
	if (has_images)
		meta(&o, "schema:accessibilityFeature", NULL, "alternativeText");
	if (m->pagebreaks) {
		meta(&o, "schema:accessibilityFeature", NULL, "printPageNumbers");
		meta(&o, "schema:accessibilityFeature", NULL, "pageBreakMarkers");
		meta(&o, "schema:accessibilityFeature", NULL, "pageNavigation");
	}
	meta(&o, "schema:accessibilityHazard", NULL, "none");
	meta(&o, "schema:accessibilitySummary", NULL, folio_chunks_meta(&b->ch, "a11y-summary"));
	if (b->conforms)
		meta(&o, "dcterms:conformsTo", NULL, "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
	/* The print edition the page breaks come from is said with dc:source
	 * refined by source-of "pagination" (above).  EPUB Accessibility 1.1's
	 * a11y:pageBreakSource says the same, but Debian's epubcheck 4.2.6
	 * rejects it as an undefined property (OPF-027), and every EPUB Folio
	 * writes must pass that epubcheck with no message. */
	folio_buf_puts(&o, "  </metadata>\n  <manifest>\n");
	folio_buf_puts(&o, "    <item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>\n");
	folio_buf_puts(&o, "    <item id=\"css\" href=\"css/folio.css\" media-type=\"text/css\"/>\n");
	for (size_t i = 0; i < b->im.n; i++) {
		folio_buf_printf(&o, "    <item id=\"img-%zu\" href=\"", i + 1);
		xml_text(&o, b->im.v[i].name);
		folio_buf_printf(&o, "\" media-type=\"%s\"%s/>\n", b->im.v[i].type,
				 b->im.v[i].cover ? " properties=\"cover-image\"" : "");
	}
	for (size_t i = 0; i < b->ch.n; i++) {
		const struct folio_chunk *c = &b->ch.v[i];
		char props[64] = "";
		if (c->is_nav)
			strcat(props, " nav");
		if (c->has_svg)
			strcat(props, " svg");
		if (c->has_mathml)
			strcat(props, " mathml");
		folio_buf_printf(&o, "    <item id=\"c-%s\" href=\"%s\" media-type=\"application/xhtml+xml\"", c->name, c->file);
		if (props[0])
			folio_buf_printf(&o, " properties=\"%s\"", props + 1);
		folio_buf_puts(&o, "/>\n");
	}
	folio_buf_printf(&o, "  </manifest>\n  <spine toc=\"ncx\"%s>\n",
			 rtl ? " page-progression-direction=\"rtl\"" : "");
	for (size_t i = 0; i < b->ch.n; i++)
		folio_buf_printf(&o, "    <itemref idref=\"c-%s\"/>\n", b->ch.v[i].name);
	folio_buf_puts(&o, "  </spine>\n</package>\n");
	free(id);
	return folio_buf_take(&o);
}

/* NCX navPoints from the nav document's toc: ol > li > a (+ nested ol). */
static void ncx_points(struct folio_buf *o, const xmlNode *ol, const char *navfile,
		       int depth, int *order, int *maxdepth)
{
	if (depth > *maxdepth)
		*maxdepth = depth;
	for (const xmlNode *li = ol->children; li; li = li->next) {
		if (li->type != XML_ELEMENT_NODE || strcmp((const char *)li->name, "li") != 0)
			continue;
		const xmlNode *a = NULL, *sub = NULL;
		for (const xmlNode *c = li->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			if (!a && (strcmp((const char *)c->name, "a") == 0 || strcmp((const char *)c->name, "span") == 0))
				a = c;
			else if (strcmp((const char *)c->name, "ol") == 0)
				sub = c;
		}
		if (a == NULL)
			continue;
		xmlChar *href = xmlGetNoNsProp(a, BAD_CAST "href");
		xmlChar *label = xmlNodeGetContent(a);
		if (href != NULL) {
			(*order)++;
			folio_buf_printf(o, "%*s<navPoint id=\"np-%d\" playOrder=\"%d\"><navLabel><text>",
					 2 + 2 * depth, "", *order, *order);
			xml_text(o, (const char *)label);
			folio_buf_puts(o, "</text></navLabel><content src=\"");
			if (href[0] == '#')
				folio_buf_puts(o, navfile);
			xml_text(o, (const char *)href);
			folio_buf_puts(o, "\"/>\n");
		}
		if (sub)
			ncx_points(o, sub, navfile, href ? depth + 1 : depth, order, maxdepth);
		if (href != NULL)
			folio_buf_printf(o, "%*s</navPoint>\n", 2 + 2 * depth, "");
		xmlFree(href);
		xmlFree(label);
	}
}

static const xmlNode *find_toc(const xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "nav") == 0) {
			xmlChar *t = xmlGetNsProp(n, BAD_CAST "type", BAD_CAST EPUB_NS);
			int toc = t && strcmp((const char *)t, "toc") == 0;
			xmlFree(t);
			if (toc) {
				for (const xmlNode *c = n->children; c; c = c->next)
					if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "ol") == 0)
						return c;
				return NULL;
			}
		}
		const xmlNode *in = find_toc(n->children);
		if (in)
			return in;
	}
	return NULL;
}

static char *ncx(const struct build *b)
{
	struct folio_buf o = FOLIO_BUF_INIT, points = FOLIO_BUF_INIT;
	const struct folio_chunk *nav = NULL;
	for (size_t i = 0; i < b->ch.n; i++)
		if (b->ch.v[i].is_nav)
			nav = &b->ch.v[i];
	int order = 0, depth = 1;
	const xmlNode *ol = nav ? find_toc(xmlDocGetRootElement(nav->doc)) : NULL;
	if (ol)
		ncx_points(&points, ol, nav->file, 1, &order, &depth);
	if (order == 0) {
		/* No toc: list the units themselves. */
		for (size_t i = 0; i < b->ch.n; i++) {
			order++;
			folio_buf_printf(&points, "    <navPoint id=\"np-%d\" playOrder=\"%d\"><navLabel><text>", order, order);
			xml_text(&points, b->ch.v[i].title);
			folio_buf_printf(&points, "</text></navLabel><content src=\"%s\"/></navPoint>\n", b->ch.v[i].file);
		}
	}
	folio_buf_puts(&o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			   "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" xml:lang=\"");
	xml_text(&o, b->m.lang);
	folio_buf_puts(&o, "\">\n  <head>\n    <meta name=\"dtb:uid\" content=\"");
	if (b->m.isbn_epub)
		folio_buf_printf(&o, "urn:isbn:%s", b->m.isbn_epub);
	folio_buf_printf(&o, "\"/>\n    <meta name=\"dtb:depth\" content=\"%d\"/>\n"
			     "    <meta name=\"dtb:totalPageCount\" content=\"0\"/>\n"
			     "    <meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n  </head>\n"
			     "  <docTitle><text>", depth);
	xml_text(&o, b->m.title ? b->m.title : b->ch.title);
	folio_buf_puts(&o, "</text></docTitle>\n  <navMap>\n");
	if (points.data)
		folio_buf_puts(&o, points.data);
	folio_buf_puts(&o, "  </navMap>\n</ncx>\n");
	folio_buf_free(&points);
	return folio_buf_take(&o);
}

static const char container_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
	"  <rootfiles>\n"
	"    <rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n"
	"  </rootfiles>\n"
	"</container>\n";

/* The content documents, serialised and deflated in two batches, the
 * second on another thread (a third of a build's packaging time each). */
struct batch {
	const struct build *b;
	size_t from, to;        /* chunks [from, to) */
	struct folio_zip *z;
	char *err;
};

static void *fill_batch(void *arg)
{
	struct batch *t = arg;
	if (t->z == NULL)        /* an empty run */
		return NULL;
	for (size_t i = t->from; i < t->to; i++) {
		unsigned char *data;
		size_t len;
		folio_chunk_serialize(&t->b->ch.v[i], &data, &len);
		char *name = folio_xasprintf("EPUB/%s", t->b->ch.v[i].file);
		/* libxml2's buffer comes from xmlMalloc, which is malloc here. */
		int r = folio_zip_add(t->z, name, data, len, 0, &t->err);
		xmlFree(data);
		free(name);
		if (r != 0)
			return NULL;
	}
	folio_zip_batch_close(t->z, &t->err);
	return NULL;
}

/* The number of nodes below n: what serialising it costs, roughly. */
static size_t weight(const xmlNode *n)
{
	size_t w = 0;
	for (const xmlNode *c = n; c != NULL; c = c->next)
		w += 1 + (c->type == XML_ELEMENT_NODE ? weight(c->children) : 0);
	return w;
}

static int content(const struct build *b, struct folio_zip *z, time_t mtime, char **err)
{
	/* Two runs of chunks of about the same weight, in spine order. */
	size_t total = 0, half = 0, acc = 0;
	size_t *w = folio_xcalloc(b->ch.n + 1, sizeof *w);
	for (size_t i = 0; i < b->ch.n; i++)
		total += w[i] = weight(xmlDocGetRootElement(b->ch.v[i].doc));
	while (half < b->ch.n && 2 * (acc + w[half]) <= total + w[half])
		acc += w[half++];
	free(w);
	struct batch t[2] = {{b, 0, half, NULL, NULL}, {b, half, b->ch.n, NULL, NULL}};
	int rc = -1;
	/* (libzip writes no archive at all for a batch without entries) */
	for (int k = 0; k < 2; k++)
		if (t[k].from < t[k].to && (t[k].z = folio_zip_batch(mtime, &t[k].err)) == NULL)
			goto out;
	pthread_t th;
	int threaded = pthread_create(&th, NULL, fill_batch, &t[1]) == 0;
	fill_batch(&t[0]);
	if (threaded)
		pthread_join(th, NULL);
	else
		fill_batch(&t[1]);
	if (t[0].err != NULL || t[1].err != NULL)
		goto out;
	for (int k = 0; k < 2; k++) {
		struct folio_zip *part = t[k].z;
		t[k].z = NULL;
		if (part != NULL && folio_zip_add_batch(z, part, err) != 0)
			goto out;
	}
	rc = 0;
out:
	for (int k = 0; k < 2; k++) {
		if (rc != 0 && *err == NULL && t[k].err != NULL) {
			*err = t[k].err;
			t[k].err = NULL;
		}
		free(t[k].err);
		folio_zip_abort(t[k].z);
	}
	return rc;
}

static int package(const struct build *b, const char *out, const char *css_path,
		   time_t mtime, struct folio_diags *d)
{
	int rc = 2;
	char *err = NULL;
	size_t csslen = 0;
	unsigned char *css = folio_media_read(css_path, 16u * 1024u * 1024u, &csslen);
	if (css == NULL) {
		folio_diag(d, FOLIO_R_IO, css_path, 0, 0, "cannot read the stylesheet: %s", strerror(errno));
		return 2;
	}
	struct folio_zip *z = folio_zip_create(out, mtime, &err);
	if (z == NULL)
		goto fail;
	if (folio_zip_add(z, "mimetype", "application/epub+zip", 20, 1, &err) != 0 ||
	    folio_zip_add(z, "META-INF/container.xml", container_xml, sizeof container_xml - 1, 0, &err) != 0)
		goto fail;
	char *text = opf(b);
	if (folio_zip_add_owned(z, "EPUB/package.opf", text, strlen(text), 0, &err) != 0)
		goto fail;
	text = ncx(b);
	if (folio_zip_add_owned(z, "EPUB/toc.ncx", text, strlen(text), 0, &err) != 0)
		goto fail;
	if (folio_zip_add_owned(z, "EPUB/css/folio.css", css, csslen, 0, &err) != 0) {
		css = NULL;
		goto fail;
	}
	css = NULL;
	if (content(b, z, mtime, &err) != 0)
		goto fail;
	for (size_t i = 0; i < b->im.n; i++) {
		char *name = folio_xasprintf("EPUB/%s", b->im.v[i].name);
		/* Images are already compressed: storing them saves time. */
		int store = strcmp(b->im.v[i].type, "image/svg+xml") != 0;
		int r = folio_zip_add(z, name, b->im.v[i].data, b->im.v[i].len, store, &err);
		free(name);
		if (r != 0)
			goto fail;
	}
	if (folio_zip_commit(z, &err) != 0) {
		z = NULL;
		goto fail;
	}
	return 0;
fail:
	free(css);
	folio_zip_abort(z);
	folio_diag(d, FOLIO_R_OUTPUT, out, 0, 0, "cannot write the EPUB: %s", err ? err : "unknown error");
	free(err);
	return rc;
}

int folio_epub_build(struct folio_checker *checker, const char *src, const char *out,
		     const struct folio_epub_opts *o, struct folio_diags *d)
{
	int rc = 2;
	struct folio_front f;
	struct build b;
	memset(&f, 0, sizeof f);
	memset(&b, 0, sizeof b);
	char *xsl = NULL, *css = NULL;
	const char **params = NULL;
	size_t first = d->n;

	xsl = o->stylesheet ? folio_xstrdup(o->stylesheet) : folio_data_path("xslt/epub.xsl");
	css = o->css ? folio_xstrdup(o->css) : folio_data_path("xslt/css/folio.css");
	if (xsl == NULL || css == NULL) {
		folio_diag(d, FOLIO_R_IO, NULL, 0, 0,
			   "Folio's stylesheets are not installed (set FOLIO_DATADIR)");
		goto out;
	}
	size_t np = 0;
	while (o->params && o->params[np])
		np++;
	params = folio_xcalloc(np + 3, sizeof *params);
	params[0] = "folio.css";
	params[1] = "css/folio.css";
	for (size_t i = 0; i < np; i++)
		params[2 + i] = o->params[i];
	rc = folio_front_run(checker, src, xsl, params, o->exiting, d, &f);
	if (rc != 0)
		goto out;
	rc = 2;
	b.m = f.m;
	b.im = f.im;
	memset(&f.m, 0, sizeof f.m);
	memset(&f.im, 0, sizeof f.im);
	b.relations = o->relations;
	b.conforms = !has_rule(d, first, "image-alt") && !has_rule(d, first, "heading-skip") &&
		     !has_rule(d, first, "heading-depth") && !has_rule(d, first, "empty-section");
	struct folio_chunk_opts co = {".xhtml", "css/folio.css", 1, 0};
	if (folio_chunks_split(f.inter, &co, &b.ch, d) != 0)
		goto out;
	time_t mtime = o->have_mtime ? o->mtime : folio_epub_mtime(b.m.pubdate);
	struct tm tm;
	gmtime_r(&mtime, &tm);
	char when[32];
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	b.modified = folio_xstrdup(when);
	rc = package(&b, out, css, mtime, d);
	if (o->exiting) {
		folio_keep(f.inter);
		f.inter = NULL;
		for (size_t i = 0; i < b.ch.n; i++) {
			folio_keep(b.ch.v[i].doc);
			b.ch.v[i].doc = NULL;
		}
	}
out:
	folio_front_free(&f);
	folio_chunks_free(&b.ch);
	folio_images_free(&b.im);
	folio_meta_free(&b.m);
	free(b.modified);
	free(params);
	free(xsl);
	free(css);
	return rc;
}
