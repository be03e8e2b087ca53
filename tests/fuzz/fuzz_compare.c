/* fuzz_compare.c — folio-compare on two small DocBook documents
 * (compare.h): both loaded and turned into block trees, the blocks paired
 * by xml:id and by position, every cmp-… check on each pair (numbers,
 * links, markup, length, language), then the JSON and HTML reports.  The
 * input is the original and the translation separated by the first NUL
 * byte (XML has none); without one, a document is compared with itself.
 * Validation is off: fuzz_load covers it. */
#include "buf.h"
#include "compare.h"
#include "diag.h"
#include "fuzzutil.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *orig_path;

static void fini(void)
{
	free(orig_path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_datadir();
	orig_path = strdup(fuzz_write("original.xml", (const uint8_t *)"", 0));
	atexit(fini);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct folio_compare_opts o = {NULL, 0};
	struct folio_compare *c = NULL;
	struct folio_diags d;
	struct folio_buf out = FOLIO_BUF_INIT;
	const uint8_t *nul = memchr(data, '\0', size);
	size_t olen = nul ? (size_t)(nul - data) : size;
	const uint8_t *t = nul ? nul + 1 : data;
	size_t tlen = nul ? size - olen - 1 : size;

	fuzz_write("original.xml", data, olen);
	const char *trans = fuzz_write("translation.xml", t, tlen);
	folio_diags_init(&d);
	if (folio_compare_run(&o, orig_path, trans, &d, &c) == 0) {
		folio_compare_sort(c, &d);
		folio_compare_json(c, &d, orig_path, trans, &out);
		folio_compare_html(c, &d, orig_path, trans, &out);
	}
	folio_buf_free(&out);
	folio_compare_free(c);
	folio_diags_free(&d);
	return 0;
}
