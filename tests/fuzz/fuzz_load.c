/* fuzz_load.c — a DocBook source as folio-check reads it (source.h):
 * folio_load (parse with XML_PARSE_NONET and bounded entities, the entity
 * loader and XInclude confined to the source's folder, node locations),
 * then validation against Folio's profile (folio.rng with the replay that
 * explains errors, and folio.sch) and the checks of checks.c, then the
 * metadata reader (meta.h) and the JSON and text printers on the
 * diagnostics.  The input is written to book.xml in a private folder, the
 * source root; the schemas are compiled once, by the first input. */
#include "diag.h"
#include "fuzzutil.h"
#include "meta.h"
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct folio_checker checker = {.use_profile = 1};
static FILE *devnull;

static void fini(void)
{
	folio_checker_fini(&checker);
	if (devnull != NULL)
		fclose(devnull);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_datadir();
	folio_load_init();
	devnull = fopen("/dev/null", "w");
	atexit(fini);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct folio_diags d;
	struct folio_doc *doc = NULL;
	const char *path = fuzz_write("book.xml", data, size);

	folio_diags_init(&d);
	int rc = folio_checker_run(&checker, path, &d, &doc);
	if (rc == 2 && checker.profile == NULL)
		abort();  /* the schemas must compile: set FOLIO_DATADIR */
	if (doc != NULL && doc->doc != NULL) {
		struct folio_meta m;
		folio_meta_read(doc, &m);
		folio_meta_free(&m);
	}
	folio_diags_sort(&d);
	if (devnull != NULL) {
		struct folio_print_opts po = {FOLIO_FMT_JSON, 0, "folio-check", &path, 1};
		folio_diags_print(&d, devnull, &po);
		po.format = FOLIO_FMT_TEXT;
		folio_diags_print(&d, devnull, &po);
	}
	folio_doc_free(doc);
	folio_diags_free(&d);
	return 0;
}
