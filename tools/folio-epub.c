/* folio-epub — build an EPUB 3 edition from a DocBook 5 source.
 *
 * Checks the source first and writes nothing when it has errors; the EPUB
 * is written atomically and byte-identically for the same input and
 * SOURCE_DATE_EPOCH.  Exit 0: built; 1: the input has errors; 2: usage or
 * I/O failure. */
#include <getopt.h>
#include <stdio.h>

#include <libxml/parser.h>

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

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		FOLIO_WRITER_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct folio_diags d;
	struct folio_writer_cli w;
	int rc = FOLIO_EXIT_USAGE, c;

	folio_diags_init(&d);
	if (folio_cli_writer_init(&w, tool, usage, &d, argc) != 0)
		goto done;
	while ((c = getopt_long(argc, argv, "o:W:hV", longopts, NULL)) != -1) {
		int r = folio_cli_writer_option(&w, c, optarg);
		if (r != -1) {          /* (folio-epub has no options of its own) */
			rc = r >= 0 ? r : FOLIO_EXIT_USAGE;
			goto done;
		}
	}
	if ((rc = folio_cli_writer_args(&w, argc, argv, ".epub")) >= 0)
		goto done;
	struct folio_epub_opts o = {.stylesheet = w.stylesheet, .css = w.css, .params = w.params, .exiting = 1};
	LIBXML_TEST_VERSION
	rc = folio_epub_build(&w.checker, w.src, w.out, &o, &d);
done:
	rc = folio_cli_writer_end(&w, rc);
	folio_diags_free(&d);
	return rc;
}
