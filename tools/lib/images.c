/* images.c — reading the images of a source once, for every writer. */
#include "images.h"
#include "media.h"
#include "xalloc.h"
#include "xmlwalk.h"

#include <stdlib.h>
#include <string.h>

#define DB_NS "http://docbook.org/ns/docbook"
#define MAX_IMAGE (64u * 1024u * 1024u)

void folio_images_free(struct folio_images *im)
{
	if (im == NULL)
		return;
	for (size_t i = 0; i < im->n; i++) {
		free(im->v[i].src);
		free(im->v[i].name);
		free(im->v[i].data);
	}
	free(im->v);
	free(im->use);
	memset(im, 0, sizeof *im);
}

static int is_db(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, DB_NS) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

/* "images/NAME" with NAME made safe for a URL and unique in the set. */
static char *image_name(const struct folio_images *im, const char *src)
{
	const char *base = strrchr(src, '/');
	base = base ? base + 1 : src;
	char *clean = folio_xstrdup(base);
	for (char *p = clean; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.'))
			*p = '-';
	}
	char *name = folio_xasprintf("images/%s", clean);
	for (int k = 2;; k++) {
		size_t i = 0;
		while (i < im->n && strcmp(im->v[i].name, name) != 0)
			i++;
		if (i == im->n)
			break;
		free(name);
		name = folio_xasprintf("images/%d-%s", k, clean);
	}
	free(clean);
	return name;
}

int folio_images_collect(struct folio_doc *doc, const xmlNode *cover,
			 struct folio_images *im, struct folio_diags *d)
{
	xmlNode *root = xmlDocGetRootElement(doc->doc);
	for (xmlNode *n = root; n; n = folio_xml_next(n, root)) {
		if (!is_db(n, "imagedata"))
			continue;
		xmlChar *ref = xmlGetProp(n, BAD_CAST "fileref");
		int outside = 0;
		char *path = ref ? folio_doc_resolve(doc, n, (const char *)ref, &outside) : NULL;
		im->use = folio_xgrow(im->use, &im->usecap, im->nuse + 1, sizeof *im->use);
		im->use[im->nuse++] = 0;
		if (path == NULL) {
			/* The checks have reported it; the build was refused. */
			xmlFree(ref);
			continue;
		}
		size_t i = 0;
		while (i < im->n && strcmp(im->v[i].src, path) != 0)
			i++;
		if (i == im->n) {
			size_t len = 0;
			unsigned char *data = folio_media_read(path, MAX_IMAGE, &len);
			const char *type = data ? folio_media_sniff(data, len) : NULL;
			if (type == NULL) {
				folio_diag_at(d, FOLIO_R_IMAGE_UNREADABLE, doc, n,
					      "cannot copy image '%s'", (const char *)ref);
				free(data);
				free(path);
				xmlFree(ref);
				return -1;
			}
			im->v = folio_xgrow(im->v, &im->cap, im->n + 1, sizeof *im->v);
			struct folio_image *img = &im->v[im->n];
			img->name = image_name(im, path);
			img->src = path;
			path = NULL;
			img->type = type;
			img->data = data;
			img->len = len;
			img->cover = 0;
			im->n++;
		}
		if (n == cover)
			im->v[i].cover = 1;
		im->use[im->nuse - 1] = i + 1;
		free(path);
		xmlFree(ref);
	}
	return 0;
}

void folio_images_rename(const struct folio_images *im, xmlDocPtr copy)
{
	xmlNode *root = xmlDocGetRootElement(copy);
	size_t k = 0;
	for (xmlNode *n = root; n && k < im->nuse; n = folio_xml_next(n, root)) {
		if (!is_db(n, "imagedata"))
			continue;
		if (im->use[k] != 0)
			xmlSetProp(n, BAD_CAST "fileref", BAD_CAST im->v[im->use[k] - 1].name);
		k++;
	}
}
