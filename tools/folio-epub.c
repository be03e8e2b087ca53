/* folio-epub — build an EPUB 3 edition from a DocBook 5 source.
 *
 * Checks the source first and writes nothing when it has errors; the EPUB
 * is written atomically and byte-identically for the same input and
 * SOURCE_DATE_EPOCH.  Exit 0: built; 1: the input has errors; 2: usage or
 * I/O failure. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxslt/xsltutils.h>

#include "cli.h"
#include "diag.h"
#include "epub.h"
#include "source.h"

static const char *const tool = "folio-epub";

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: %s [OPTION]... SOURCE.xml -o OUT.epub\n"
		"Build an EPUB 3 publication from a DocBook 5 source (checked first).\n"
		"\n"
		"  -o, --output=FILE      the EPUB to write (default: SOURCE with .epub)\n"
		"      --stylesheet=XSL   a customisation layer importing xslt/epub.xsl\n"
		"      --css=FILE         the CSS to ship instead of xslt/css/folio.css\n"
		"      --param NAME=VALUE a stylesheet parameter (repeatable)\n"
		"      --profile=NAME     folio (default) or docbook: which schema to check with\n"
		"  -W error              treat warnings as errors; -W no-RULE silences RULE\n"
		"  -h, --help             show this help and exit\n"
		"  -V, --version          show the version and exit\n"
		"\n"
		"SOURCE_DATE_EPOCH, when set, fixes dcterms:modified and the ZIP times;\n"
		"otherwise the publication date is used.\n"
		"Exit status: 0 built, 1 the input has errors, 2 usage or I/O failure.\n",
		tool);
}

static char *default_output(const char *src)
{
	size_t n = strlen(src);
	const char *dot = strrchr(src, '.');
	const char *slash = strrchr(src, '/');
	if (dot && (!slash || dot > slash))
		n = (size_t)(dot - src);
	char *out = malloc(n + 6);
	if (out == NULL)
		return NULL;
	memcpy(out, src, n);
	memcpy(out + n, ".epub", 6);
	return out;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		FOLIO_WRITER_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct folio_epub_opts o = {0};
	struct folio_checker checker = {1, 0, NULL, NULL};
	struct folio_diags d;
	struct folio_writer_cli w = {tool, usage, NULL, NULL, NULL, NULL, 0, &checker, &d};
	int rc = FOLIO_EXIT_USAGE, c;

	folio_diags_init(&d);
	if ((w.params = calloc((size_t)argc * 2 + 1, sizeof *w.params)) == NULL)
		goto done;
	while ((c = getopt_long(argc, argv, "o:W:hV", longopts, NULL)) != -1) {
		int r = folio_cli_writer_option(&w, c, optarg);
		if (r != -1) {          /* (folio-epub has no options of its own) */
			rc = r >= 0 ? r : FOLIO_EXIT_USAGE;
			goto done;
		}
	}
	if (optind != argc - 1) {
		rc = folio_cli_usage_error(tool, optind >= argc ? "no source file" : "one source file at a time");
		goto done;
	}
	if (w.out == NULL && (w.out = default_output(argv[optind])) == NULL)
		goto done;
	o.stylesheet = w.stylesheet;
	o.css = w.css;
	o.params = w.params;
	o.exiting = 1;
	LIBXML_TEST_VERSION
	rc = folio_epub_build(&checker, argv[optind], w.out, &o, &d);
	folio_diags_sort(&d);
	struct folio_print_opts po = {FOLIO_FMT_TEXT, folio_cli_color(stderr), tool, NULL, 0};
	folio_diags_print(&d, stderr, &po);
	if (rc == 0 && folio_diags_failed(&d))
		rc = FOLIO_EXIT_INPUT;
done:
	folio_checker_keep(&checker);
	folio_diags_free(&d);
	free(w.params);
	free(w.out);
	xsltCleanupGlobals();
	xmlCleanupParser();
	return rc;
}
