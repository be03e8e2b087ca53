/* epubread.h — EPUB input: an EPUB (a ZIP container) read safely and checked.
 *
 * Owns the read side of ZIP (libzip) under hostile input, and the EPUB
 * checks of folio-check.  Opening refuses entry names that could escape a
 * folder (zip slip), bounds the number of entries, their sizes and their
 * compression ratios before anything is inflated and bounds every read by
 * the size declared (zip bombs stop early, in bounded memory), verifies
 * every entry once (checksums), and says clearly when a file is not a ZIP
 * archive or was cut short.  The checks cover the container (mimetype,
 * META-INF/container.xml), the package document (metadata, ISBN and ISSN
 * check digits, manifest against the archive, media types by content,
 * spine) and the navigation document (present, with a table of contents
 * whose links resolve).  Never prints: problems go to a struct folio_diags,
 * archive-wide ones under the EPUB's name, the others as "BOOK.epub/ENTRY"
 * with the line and column in the entry.  Read side: used by folio-check,
 * and open to folio-compare (the spine's content documents in order). */
#ifndef FOLIO_EPUBREAD_H
#define FOLIO_EPUBREAD_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>
#include "diag.h"

/* Limits of an archive Folio will read. */
#define FOLIO_EPUB_MAX_ENTRIES 10000u
#define FOLIO_EPUB_MAX_ENTRY (256ull << 20)   /* bytes, inflated */
#define FOLIO_EPUB_MAX_TOTAL (1024ull << 20)  /* bytes, all entries inflated */
#define FOLIO_EPUB_MAX_RATIO 100u             /* inflated / compressed … */
#define FOLIO_EPUB_RATIO_FLOOR (1ull << 20)   /* … for entries above 1 MiB */

struct folio_epub;

/* Opens and verifies the archive `path` (see above).  Returns 0 with *out
 * (the caller closes it), 1 when the archive cannot be used (not a ZIP,
 * truncated, a zip bomb: errors reported, *out NULL), 2 when the file
 * cannot be read at all (reported as io). */
int folio_epub_open(const char *path, struct folio_diags *d, struct folio_epub **out);
void folio_epub_close(struct folio_epub *e);

/* The entries, in archive order; an unsafe name or a directory gives NULL. */
size_t folio_epub_count(const struct folio_epub *e);
const char *folio_epub_name(const struct folio_epub *e, size_t i);
/* The index of the entry with this name, or -1.  Entries that cannot be
 * read (a bad checksum, an unsupported method) are found too: they are in
 * the archive, only unreadable. */
long folio_epub_find(const struct folio_epub *e, const char *name);
/* Reads entry i whole (at most its declared size, itself within the
 * limits), NUL-terminated.  NULL when it cannot be read (reported under
 * epub-zip, once per entry).  The caller frees. */
unsigned char *folio_epub_read(struct folio_epub *e, size_t i, size_t *len, struct folio_diags *d);
/* "BOOK.epub/NAME", the file name diagnostics about an entry carry; the
 * caller frees. */
char *folio_epub_display(const struct folio_epub *e, const char *name);

/* folio-check on an EPUB: opens it and runs every check.  Returns 0 when
 * it has no errors (warnings may have been reported), 1 when it has, 2 when
 * it cannot be read. */
int folio_epub_check(const char *path, struct folio_diags *d);

/* The entry names of the spine's content documents in reading order (for
 * folio-compare, which reads them with folio_epub_read).  Returns how
 * many; *names receives them (the caller frees each and the array), NULL
 * when there are none.  Problems with the container or package document
 * go to d. */
size_t folio_epub_spine(struct folio_epub *e, struct folio_diags *d, char ***names);

/* Parses the text of an archive entry (`name` is its base URI) the way
 * every EPUB reader here does: no network, no DTD, entities left as
 * references.  Returns 0 with *doc set; 1 when it is not well-formed, with
 * the first error's *line, *col and *msg (the caller frees *msg; NULL when
 * libxml2 gave no message); -1 when it is too large or memory runs out. */
int folio_epub_parse(const char *text, size_t len, const char *name, xmlDocPtr *doc,
		     int *line, int *col, char **msg);

/* The column (in characters) of an element's start tag in `text`, the
 * source of `doc`, given the line libxml2 recorded; 0 when not found.
 * Several same-named elements on one line are told apart by their order. */
int folio_epub_text_column(xmlDocPtr doc, const char *text, size_t len,
			   const xmlNode *node, long line);

#endif
