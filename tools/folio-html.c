/* folio-html — build the web edition of a DocBook 5 source: one
 * self-contained HTML5 page, or with --chunk a site (index.html and one page
 * per chapter-level unit).
 *
 * Checks the source first and writes nothing when it has errors; the page
 * is written atomically, and a site replaces a previous one only once it is
 * complete.  Exit 0: built; 1: the input has errors; 2: usage or I/O
 * failure. */
#include <getopt.h>
#include <stdio.h>

#include <libxml/parser.h>

#include "cli.h"
#include "diag.h"
#include "html.h"
#include "source.h"

static const char *const tool = "folio-html";

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: %s [OPTION]... SOURCE.xml -o OUT.html\n"
		"       %s --chunk [OPTION]... SOURCE.xml -o DIR\n"
		"Build the web edition of a DocBook 5 source (checked first): one HTML5\n"
		"page, or with --chunk a site of one page per chapter.\n"
		"\n"
		"  -o, --output=PATH      the page (default: SOURCE with .html) or, with\n"
		"                         --chunk, the folder (default: SOURCE without .xml,\n"
		"                         plus -html)\n"
		"      --chunk            a site: index.html (title page and contents) and\n"
		"                         one page per chapter, with prev/next links\n"
		"      --embed-images     put images in the pages as data: URIs instead of\n"
		"                         copying them to images/\n"
		"      --stylesheet=XSL   a customisation layer importing xslt/html.xsl\n"
		"      --css=FILE         the CSS to use instead of xslt/css/folio-web.css\n"
		"      --param NAME=VALUE a stylesheet parameter (repeatable)\n"
		"      --profile=NAME     folio (default) or docbook: which schema to check with\n"
		"  -W error              treat warnings as errors; -W no-RULE silences RULE\n"
		"  -h, --help             show this help and exit\n"
		"  -V, --version          show the version and exit\n"
		"\n"
		"Exit status: 0 built, 1 the input has errors, 2 usage or I/O failure.\n",
		tool, tool);
}

int main(int argc, char **argv)
{
	enum { OPT_CHUNK = FOLIO_OPT_TOOL, OPT_EMBED };
	static const struct option longopts[] = {
		FOLIO_WRITER_OPTIONS,
		{"chunk", no_argument, NULL, OPT_CHUNK},
		{"embed-images", no_argument, NULL, OPT_EMBED},
		{NULL, 0, NULL, 0},
	};
	struct folio_html_opts o = {0};
	struct folio_diags d;
	struct folio_writer_cli w;
	int rc = FOLIO_EXIT_USAGE, c;

	folio_diags_init(&d);
	if (folio_cli_writer_init(&w, tool, usage, &d, argc) != 0)
		goto done;
	while ((c = getopt_long(argc, argv, "o:W:hV", longopts, NULL)) != -1) {
		int r = folio_cli_writer_option(&w, c, optarg);
		if (r >= 0) {
			rc = r;
			goto done;
		}
		if (c == OPT_CHUNK)
			o.chunk = 1;
		else if (c == OPT_EMBED)
			o.embed_images = 1;
	}
	if ((rc = folio_cli_writer_args(&w, argc, argv, o.chunk ? "-html" : ".html")) >= 0)
		goto done;
	o.stylesheet = w.stylesheet;
	o.css = w.css;
	o.params = w.params;
	o.exiting = 1;
	LIBXML_TEST_VERSION
	rc = folio_html_build(&w.checker, w.src, w.out, &o, &d);
done:
	rc = folio_cli_writer_end(&w, rc);
	folio_diags_free(&d);
	return rc;
}
