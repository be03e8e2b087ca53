/* folio-check — validate DocBook 5 publication sources.
 *
 * Well-formedness, XInclude, the Folio profile schema (or the official
 * DocBook 5 schema), Schematron rules and the checks no schema can do, with
 * FILE:LINE:COL diagnostics in text, JSON, JUnit or GitHub format.
 * Exit 0: clean; 1: the input has errors; 2: usage or I/O failure. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "cli.h"
#include "diag.h"
#include "epubread.h"
#include "source.h"

static const char *const tool = "folio-check";

struct options {
	enum folio_format format;
	struct folio_checker checker;
	int docbook;            /* --docbook: the official schema too */
	int color;              /* -1 auto */
};

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: %s [OPTION]... FILE...\n"
		"Validate DocBook 5 publication sources: well-formedness, XInclude, the\n"
		"Folio profile schema, Schematron rules, identifiers, links, images.\n"
		"\n"
		"  -f, --format=FMT     text (default, on stderr), json, junit or github (on stdout)\n"
		"      --docbook        also validate against the official DocBook 5 schema\n"
		"      --profile=NAME   folio (default) or docbook: which schema to use\n"
		"  -W error             treat warnings as errors (-Werror)\n"
		"  -W no-RULE           do not report RULE (-Wno-image-alt)\n"
		"      --color=WHEN     auto (default), always or never\n"
		"      --list-rules     list every rule with its severity and exit\n"
		"  -h, --help           show this help and exit\n"
		"  -V, --version        show the version and exit\n"
		"\n"
		"Exit status: 0 no errors, 1 the input has errors, 2 usage or I/O failure.\n",
		tool);
}

/* Returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, struct options *o, struct folio_diags *d)
{
	enum { OPT_DOCBOOK = FOLIO_OPT_TOOL, OPT_LIST };
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"docbook", no_argument, NULL, OPT_DOCBOOK},
		{"profile", required_argument, NULL, FOLIO_OPT_PROFILE},
		FOLIO_COLOR_OPTION,
		{"list-rules", no_argument, NULL, OPT_LIST},
		FOLIO_HELP_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	int c, f, rc;
	while ((c = getopt_long(argc, argv, "f:W:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((f = folio_format_parse(optarg)) < 0)
				return folio_cli_usage_error(tool, "unknown format '%s' (text, json, junit, github)", optarg);
			o->format = (enum folio_format)f;
			break;
		case 'W':
			if ((rc = folio_cli_warning_option(tool, optarg, d)) != 0)
				return rc;
			break;
		case OPT_DOCBOOK:
			o->docbook = 1;
			break;
		case FOLIO_OPT_PROFILE:
			if ((rc = folio_cli_profile_option(tool, optarg, &o->checker)) != 0)
				return rc;
			break;
		case OPT_LIST:
			folio_cli_list_rules(stdout, "cmp-", 1);
			return FOLIO_EXIT_OK;
		default:
			if ((rc = folio_cli_common_option(tool, usage, c, optarg, &o->color)) != -1)
				return rc < 0 ? FOLIO_EXIT_USAGE : rc;
		}
	}
	/* --docbook adds the official schema to whichever --profile chose. */
	if (o->docbook)
		o->checker.use_docbook = 1;
	if (optind >= argc)
		return folio_cli_usage_error(tool, "no input files");
	return -1;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int main(int argc, char **argv)
{
	struct options o = {FOLIO_FMT_TEXT, {.use_profile = 1}, 0, -1};
	struct folio_diags d;
	int io_failed = 0, rc;

	folio_diags_init(&d);
	if ((rc = parse_args(argc, argv, &o, &d)) >= 0)
		goto out;
	LIBXML_TEST_VERSION

	for (int i = optind; i < argc; i++) {
		const char *path = argv[i];
		struct folio_doc *doc = NULL;
		if (has_suffix(path, ".epub")) {
			if (folio_epub_check(path, &d) == 2)
				io_failed = 1;
			continue;
		}
		if (folio_checker_run(&o.checker, path, &d, &doc) == 2)
			io_failed = 1;
		folio_doc_free(doc);
	}

	folio_diags_sort(&d);
	struct folio_print_opts po = {
		.format = o.format,
		.color = o.format == FOLIO_FMT_TEXT && (o.color < 0 ? folio_cli_color(stderr) : o.color),
		.tool = tool,
		.inputs = (const char *const *)argv + optind,
		.ninputs = (size_t)(argc - optind),
	};
	folio_diags_print(&d, o.format == FOLIO_FMT_TEXT ? stderr : stdout, &po);
	rc = io_failed ? FOLIO_EXIT_USAGE : folio_diags_failed(&d) ? FOLIO_EXIT_INPUT : FOLIO_EXIT_OK;
out:
	folio_checker_fini(&o.checker);
	folio_diags_free(&d);
	xmlCleanupParser();
	return rc;
}
