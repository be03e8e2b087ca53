/* chunk.h — splitting the XSLT's intermediate XHTML into content documents.
 *
 * The stylesheets produce one XHTML document in which every element carrying
 * data-folio-chunk="NAME" is a unit of its own (cover, title page, nav,
 * chapters…) and every internal link is "#id".  This module cuts the units
 * out (nested units become separate documents too), gives each a file name,
 * builds the id → file map, rewrites links across files, and serialises each
 * unit as a complete XHTML5 document.  Write side: shared by the EPUB and
 * HTML writers (HTML's chunked site uses the same cut). */
#ifndef FOLIO_CHUNK_H
#define FOLIO_CHUNK_H

#include <stddef.h>
#include <libxml/tree.h>
#include "diag.h"

struct folio_chunk {
	char *name;             /* "ch01"; the file is name + suffix */
	char *file;             /* "ch01.xhtml" */
	char *title;            /* from data-folio-title, else the book title */
	char *kind;             /* data-folio-chunk role: "nav", "cover", … (the name) */
	int is_nav, is_cover;
	int has_svg, has_mathml;
	xmlDocPtr doc;          /* the complete XHTML document */
};

struct folio_chunks {
	struct folio_chunk *v;
	size_t n, cap;
	char *lang, *dir;       /* from the intermediate <html> */
	char *title;            /* the intermediate's <head><title> */
	/* folio:* strings from the intermediate's <head><meta name content>. */
	char **meta_names, **meta_values;
	size_t nmeta, metacap;
	size_t dangling;        /* "#id" links whose target does not exist */
};

struct folio_chunk_opts {
	const char *suffix;     /* ".xhtml" or ".html" */
	const char *css_href;   /* stylesheet link written in each head, or NULL */
	int xhtml_doctype;      /* write <!DOCTYPE html> */
	int title_names;        /* a unit whose name is not its xml:id (its
				   data-folio-id) is named after its title:
				   an ASCII slug (slug.h), never "index" */
};

/* Splits `inter` (consumed: its nodes move into the chunk documents).
 * Returns 0, or -1 with records in d when there are no units at all. */
int folio_chunks_split(xmlDocPtr inter, const struct folio_chunk_opts *o,
		       struct folio_chunks *out, struct folio_diags *d);
/* A folio:* string from the intermediate's head, or NULL. */
const char *folio_chunks_meta(const struct folio_chunks *c, const char *name);
/* Serialises a chunk; the caller frees *data with xmlFree. */
void folio_chunk_serialize(const struct folio_chunk *ch, unsigned char **data, size_t *len);
void folio_chunks_free(struct folio_chunks *c);

#endif
