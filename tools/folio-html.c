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
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxslt/xsltutils.h>

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

/* SOURCE minus its extension, plus `suffix`. */
static char *default_output(const char *src, const char *suffix)
{
	size_t n = strlen(src);
	const char *dot = strrchr(src, '.');
	const char *slash = strrchr(src, '/');
	if (dot && (!slash || dot > slash))
		n = (size_t)(dot - src);
	size_t m = strlen(suffix);
	char *out = malloc(n + m + 1);
	if (out == NULL)
		return NULL;
	memcpy(out, src, n);
	memcpy(out + n, suffix, m + 1);
	return out;
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
	struct folio_checker checker = {1, 0, NULL, NULL};
	struct folio_diags d;
	struct folio_writer_cli w = {tool, usage, NULL, NULL, NULL, NULL, 0, &checker, &d};
	int rc = FOLIO_EXIT_USAGE, c;

	folio_diags_init(&d);
	if ((w.params = calloc((size_t)argc * 2 + 1, sizeof *w.params)) == NULL)
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
	if (optind != argc - 1) {
		rc = folio_cli_usage_error(tool, optind >= argc ? "no source file" : "one source file at a time");
		goto done;
	}
	if (w.out == NULL && (w.out = default_output(argv[optind], o.chunk ? "-html" : ".html")) == NULL)
		goto done;
	if (*w.out == '\0') {
		rc = folio_cli_usage_error(tool, "the output path is empty");
		goto done;
	}
	o.stylesheet = w.stylesheet;
	o.css = w.css;
	o.params = w.params;
	o.exiting = 1;
	LIBXML_TEST_VERSION
	rc = folio_html_build(&checker, argv[optind], w.out, &o, &d);
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
