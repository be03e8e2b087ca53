/* fuzz_epub.c — an EPUB as folio-check and folio-compare read it
 * (epubread.h): the ZIP container opened under hostile input (entry names
 * that escape, entry counts, sizes and compression ratios bounded before
 * inflating, checksums), every EPUB check (container, package document,
 * manifest, media types by content, spine, navigation), then, as
 * folio-compare does, the spine's content documents read and parsed.  The
 * input is written to book.epub in a private folder. */
#include "diag.h"
#include "epubread.h"
#include "fuzzutil.h"

#include <stdlib.h>

#include <libxml/tree.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void spine(const char *path)
{
	struct folio_diags d;
	struct folio_epub *e = NULL;
	char **names = NULL;

	folio_diags_init(&d);
	if (folio_epub_open(path, &d, &e) != 0)
		goto out;
	size_t n = folio_epub_spine(e, &d, &names);
	for (size_t i = 0; i < n; i++) {
		long k = folio_epub_find(e, names[i]);
		size_t len = 0;
		unsigned char *text = k >= 0 ? folio_epub_read(e, (size_t)k, &len, &d) : NULL;
		xmlDocPtr doc = NULL;
		int line, col;
		char *msg = NULL;
		if (text != NULL)
			folio_epub_parse((const char *)text, len, names[i], &doc, &line, &col, &msg);
		xmlFreeDoc(doc);
		free(msg);
		free(text);
		free(names[i]);
	}
	free(names);
out:
	folio_epub_close(e);
	folio_diags_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct folio_diags d;
	const char *path = fuzz_write("book.epub", data, size);

	folio_diags_init(&d);
	folio_epub_check(path, &d);
	folio_diags_free(&d);
	spine(path);
	return 0;
}
