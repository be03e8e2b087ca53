/* meta.h — publication metadata read from a DocBook document's <info>.
 *
 * The encoding is DESIGN.md's "Source profile" table: title, subtitle,
 * author/orgname, publisher, pubdate, biblioid isbn (role epub / print),
 * the series biblioset (title, issn, volumenum), bibliorelation isversionof,
 * pagenums, cover, copyright, legalnotice, xml:lang.  Read side: used by the
 * EPUB writer, the HTML writer, folio-pack and folio-compare. */
#ifndef FOLIO_META_H
#define FOLIO_META_H

#include <libxml/tree.h>
#include "load.h"

struct folio_meta {
	char *lang;             /* root xml:lang, "en" when absent */
	char *title, *subtitle;
	char *creator;          /* author orgname or personname */
	char *publisher, *city;
	char *pubdate;          /* as written (ISO 8601) */
	char *isbn_epub;        /* digits only (normalised), or NULL */
	char *isbn_print;
	char *series_title, *issn, *volume;
	char *isversionof;      /* the original's ISBN, digits only */
	char *pagenums;
	char *cover_fileref;    /* as written in the source */
	xmlNode *cover_image;   /* the cover's imagedata, for resolving */
	char *cover_alt;
	char *copyright;        /* "© 2018 International Organization for Migration" */
	char *rights;           /* legalnotice text, whitespace-normalised */
	char *description;      /* abstract text */
	int pagebreaks;         /* number of anchor role="pagebreak" */
};

/* Fills *m from the document (every field may be NULL but lang). */
void folio_meta_read(const struct folio_doc *doc, struct folio_meta *m);
void folio_meta_free(struct folio_meta *m);
/* The text of a node with whitespace runs folded to one space, trimmed;
 * the caller frees. */
char *folio_meta_text(const xmlNode *n);

#endif
