/* folio-compare — check a language edition against its original.
 *
 * Pairs the blocks of ORIGINAL and TRANSLATION by xml:id and position and
 * reports what is missing, extra, moved, untranslated or inconsistent
 * (numbers, links, codes, markup, metadata), with --base the segments whose
 * original changed since the translation was made; both editions are
 * validated as folio-check does.  Text, JSON or a side-by-side HTML report.
 * Exit 0: no errors; 1: errors found (or warnings with -Werror); 2: usage
 * or I/O failure. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "atomic.h"
#include "buf.h"
#include "cli.h"
#include "compare.h"
#include "diag.h"

static const char *const tool = "folio-compare";

enum fmt { FMT_TEXT, FMT_JSON, FMT_HTML };

struct options {
	enum fmt format;
	const char *output;     /* -o FILE, or NULL */
	const char *base;
	int validate;
	int color;              /* -1 auto */
	const char *original, *translation;
};

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: %s [OPTION]... ORIGINAL TRANSLATION\n"
		"Check a language edition of a DocBook publication (or two EPUBs) against\nits original: "
		"structure, numbers, links, codes, untranslated or wrong-language text,\n"
		"markup, length, encoding, metadata; both editions are validated too.\n"
		"\n"
		"  -f, --format=FMT     text (default, on stderr), json or html (on stdout)\n"
		"  -o, --output=FILE    write the report to FILE instead (atomically)\n"
		"      --base=OLD       the original as it was when the translation was made:\n"
		"                       also report segments whose original changed since\n"
		"      --no-validate    do not validate the editions (compare only)\n"
		"  -W error             treat warnings as errors (-Werror)\n"
		"  -W no-RULE           do not report RULE (-Wno-cmp-length)\n"
		"      --color=WHEN     auto (default), always or never\n"
		"      --list-rules     list every rule with its severity and exit\n"
		"  -h, --help           show this help and exit\n"
		"  -V, --version        show the version and exit\n"
		"\n"
		"Exit status: 0 no errors, 1 errors found, 2 usage or I/O failure.\n",
		tool);
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, struct options *o, struct folio_diags *d)
{
	enum { OPT_BASE = FOLIO_OPT_TOOL, OPT_NOVALIDATE, OPT_LIST };
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"base", required_argument, NULL, OPT_BASE},
		{"no-validate", no_argument, NULL, OPT_NOVALIDATE},
		FOLIO_COLOR_OPTION,
		{"list-rules", no_argument, NULL, OPT_LIST},
		FOLIO_HELP_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	int c, rc;
	while ((c = getopt_long(argc, argv, "f:o:W:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				o->format = FMT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o->format = FMT_JSON;
			else if (strcmp(optarg, "html") == 0)
				o->format = FMT_HTML;
			else
				return folio_cli_usage_error(tool, "unknown format '%s' (text, json, html)", optarg);
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'W':
			if ((rc = folio_cli_warning_option(tool, optarg, d)) != 0)
				return rc;
			break;
		case OPT_BASE:
			o->base = optarg;
			break;
		case OPT_NOVALIDATE:
			o->validate = 0;
			break;
		case OPT_LIST:
			folio_cli_list_rules(stdout, "cmp-", 0);
			return FOLIO_EXIT_OK;
		default:
			if ((rc = folio_cli_common_option(tool, usage, c, optarg, &o->color)) != -1)
				return rc < 0 ? FOLIO_EXIT_USAGE : rc;
		}
	}
	if (argc - optind != 2)
		return folio_cli_usage_error(tool, "expected ORIGINAL and TRANSLATION, got %d file%s",
					     argc - optind, argc - optind == 1 ? "" : "s");
	o->original = argv[optind];
	o->translation = argv[optind + 1];
	/* Two EPUBs (and an EPUB base) compare their content documents;
	 * an EPUB against a DocBook source does not compare. */
	const char *const files[] = {o->original, o->translation, o->base};
	int epub = has_suffix(o->original, ".epub");
	for (size_t i = 1; i < 3; i++)
		if (files[i] && has_suffix(files[i], ".epub") != epub)
			return folio_cli_usage_error(tool, "%s and %s: cannot compare an EPUB with a DocBook "
						     "source; give two EPUBs or two DocBook sources",
						     o->original, files[i]);
	return -1;
}

/* Prints or writes the report; returns 0, or 2 when -o cannot be written. */
static int emit(const struct options *o, struct folio_compare *cmp, struct folio_diags *d)
{
	struct folio_buf b = FOLIO_BUF_INIT;
	int rc = 0;
	if (o->format == FMT_JSON) {
		folio_compare_json(cmp, d, o->original, o->translation, &b);
	} else if (o->format == FMT_HTML) {
		folio_compare_html(cmp, d, o->original, o->translation, &b);
	} else if (o->output == NULL) {
		struct folio_print_opts po = {
			.format = FOLIO_FMT_TEXT,
			.color = o->color < 0 ? folio_cli_color(stderr) : o->color,
			.tool = tool,
		};
		folio_diags_print(d, stderr, &po);
		return 0;
	} else {
		/* Text into a file: the same lines, no colours. */
		for (size_t i = 0; i < d->n; i++) {
			const struct folio_diag *r = &d->v[i];
			folio_buf_printf(&b, "%s:%d:%d: %s: %s [%s]\n", r->file ? r->file : "-",
					 r->line, r->col, folio_sev_name(r->sev), r->msg, r->rule);
		}
	}
	const char *data = b.data ? b.data : "";
	if (o->output) {
		if (folio_atomic_write(o->output, data, b.len) != 0) {
			perror(o->output);
			rc = FOLIO_EXIT_USAGE;
		}
	} else {
		fputs(data, stdout);
	}
	folio_buf_free(&b);
	return rc;
}

int main(int argc, char **argv)
{
	struct options o = {FMT_TEXT, NULL, NULL, 1, -1, NULL, NULL};
	struct folio_diags d;
	struct folio_compare *cmp = NULL;
	int rc;

	folio_diags_init(&d);
	if ((rc = parse_args(argc, argv, &o, &d)) >= 0)
		goto out;
	LIBXML_TEST_VERSION

	struct folio_compare_opts co = {o.base, o.validate};
	int run = folio_compare_run(&co, o.original, o.translation, &d, &cmp);
	folio_compare_sort(cmp, &d);
	rc = emit(&o, cmp, &d);
	if (rc == 0)
		rc = run == 2 ? FOLIO_EXIT_USAGE : folio_diags_failed(&d) || run == 1 ? FOLIO_EXIT_INPUT
									: FOLIO_EXIT_OK;
out:
	folio_compare_free(cmp);
	folio_diags_free(&d);
	xmlCleanupParser();
	return rc;
}
