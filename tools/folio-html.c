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
	enum { OPT_STYLESHEET = 256, OPT_CSS, OPT_PARAM, OPT_PROFILE, OPT_CHUNK, OPT_EMBED };
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"chunk", no_argument, NULL, OPT_CHUNK},
		{"embed-images", no_argument, NULL, OPT_EMBED},
		{"stylesheet", required_argument, NULL, OPT_STYLESHEET},
		{"css", required_argument, NULL, OPT_CSS},
		{"param", required_argument, NULL, OPT_PARAM},
		{"profile", required_argument, NULL, OPT_PROFILE},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct folio_html_opts o = {0};
	struct folio_checker checker = {1, 0, NULL, NULL};
	struct folio_diags d;
	const char **params = calloc((size_t)argc * 2 + 1, sizeof *params);
	size_t np = 0;
	char *out = NULL;
	int rc = FOLIO_EXIT_USAGE, c;

	folio_diags_init(&d);
	if (params == NULL)
		goto done;
	while ((c = getopt_long(argc, argv, "o:W:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			free(out);
			out = strdup(optarg);
			break;
		case OPT_CHUNK:
			o.chunk = 1;
			break;
		case OPT_EMBED:
			o.embed_images = 1;
			break;
		case OPT_STYLESHEET:
			o.stylesheet = optarg;
			break;
		case OPT_CSS:
			o.css = optarg;
			break;
		case OPT_PARAM:
			if ((rc = folio_cli_param_option(tool, optarg, params, &np)) != 0)
				goto done;
			rc = FOLIO_EXIT_USAGE;
			break;
		case OPT_PROFILE:
			if ((rc = folio_cli_profile_option(tool, optarg, &checker)) != 0)
				goto done;
			rc = FOLIO_EXIT_USAGE;
			break;
		case 'W':
			if ((rc = folio_cli_warning_option(tool, optarg, &d)) != 0)
				goto done;
			rc = FOLIO_EXIT_USAGE;
			break;
		case 'h':
			usage(stdout);
			rc = FOLIO_EXIT_OK;
			goto done;
		case 'V':
			folio_cli_version(tool, stdout);
			rc = FOLIO_EXIT_OK;
			goto done;
		default:
			fprintf(stderr, "Try '%s --help' for more information.\n", tool);
			goto done;
		}
	}
	if (optind != argc - 1) {
		rc = folio_cli_usage_error(tool, optind >= argc ? "no source file" : "one source file at a time");
		goto done;
	}
	if (out == NULL && (out = default_output(argv[optind], o.chunk ? "-html" : ".html")) == NULL)
		goto done;
	if (*out == '\0') {
		rc = folio_cli_usage_error(tool, "the output path is empty");
		goto done;
	}
	o.params = params;
	o.exiting = 1;
	LIBXML_TEST_VERSION
	rc = folio_html_build(&checker, argv[optind], out, &o, &d);
	folio_diags_sort(&d);
	struct folio_print_opts po = {FOLIO_FMT_TEXT, folio_cli_color(stderr), tool, NULL, 0};
	folio_diags_print(&d, stderr, &po);
	if (rc == 0 && folio_diags_failed(&d))
		rc = FOLIO_EXIT_INPUT;
done:
	folio_checker_keep(&checker);
	folio_diags_free(&d);
	free(params);
	free(out);
	xsltCleanupGlobals();
	xmlCleanupParser();
	return rc;
}
