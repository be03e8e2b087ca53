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
	int profile;            /* check against folio.rng + folio.sch */
	int docbook;            /* check against the official DocBook 5 RNG */
	int color;              /* -1 auto */
	int werror;
	const char **off;
	size_t noff;
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

static int parse_args(int argc, char **argv, struct options *o)
{
	enum { OPT_DOCBOOK = 256, OPT_PROFILE, OPT_COLOR, OPT_LIST };
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"docbook", no_argument, NULL, OPT_DOCBOOK},
		{"profile", required_argument, NULL, OPT_PROFILE},
		{"color", required_argument, NULL, OPT_COLOR},
		{"list-rules", no_argument, NULL, OPT_LIST},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	int c, f;
	while ((c = getopt_long(argc, argv, "f:W:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((f = folio_format_parse(optarg)) < 0)
				return folio_cli_usage_error(tool, "unknown format '%s' (text, json, junit, github)", optarg);
			o->format = (enum folio_format)f;
			break;
		case 'W':
			if (strcmp(optarg, "error") == 0) {
				o->werror = 1;
			} else if (strncmp(optarg, "no-", 3) == 0) {
				o->off[o->noff++] = optarg + 3;
			} else {
				return folio_cli_usage_error(tool, "unknown option -W%s (use -Werror or -Wno-RULE)", optarg);
			}
			break;
		case OPT_DOCBOOK:
			o->docbook = 1;
			break;
		case OPT_PROFILE:
			if (strcmp(optarg, "docbook") == 0) {
				o->profile = 0;
				o->docbook = 1;
			} else if (strcmp(optarg, "folio") == 0) {
				o->profile = 1;
			} else {
				return folio_cli_usage_error(tool, "unknown profile '%s' (folio, docbook)", optarg);
			}
			break;
		case OPT_COLOR:
			if ((o->color = folio_cli_color_option(optarg)) == -2)
				return folio_cli_usage_error(tool, "--color takes auto, always or never");
			break;
		case OPT_LIST:
			folio_cli_list_rules(stdout, "cmp-", 1);
			exit(FOLIO_EXIT_OK);
		case 'h':
			usage(stdout);
			exit(FOLIO_EXIT_OK);
		case 'V':
			folio_cli_version(tool, stdout);
			exit(FOLIO_EXIT_OK);
		default:
			fprintf(stderr, "Try '%s --help' for more information.\n", tool);
			return FOLIO_EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return folio_cli_usage_error(tool, "no input files");
	return 0;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int main(int argc, char **argv)
{
	struct options o = {FOLIO_FMT_TEXT, 1, 0, -1, 0, NULL, 0};
	struct folio_diags d;
	struct folio_checker checker = {0};
	int io_failed = 0, rc;

	o.off = calloc((size_t)argc, sizeof *o.off);
	if (o.off == NULL)
		return FOLIO_EXIT_USAGE;
	folio_diags_init(&d);
	if ((rc = parse_args(argc, argv, &o)) != 0)
		goto out;
	d.werror = o.werror;
	for (size_t i = 0; i < o.noff; i++)
		if (!folio_rule_known(o.off[i]) || folio_diags_silence(&d, o.off[i]) < 0) {
			rc = folio_cli_usage_error(tool, "unknown rule '%s' in -Wno-%s (see --list-rules)",
						   o.off[i], o.off[i]);
			goto out;
		}
	LIBXML_TEST_VERSION
	checker.use_profile = o.profile;
	checker.use_docbook = o.docbook;

	for (int i = optind; i < argc; i++) {
		const char *path = argv[i];
		struct folio_doc *doc = NULL;
		if (has_suffix(path, ".epub")) {
			if (folio_epub_check(path, &d) == 2)
				io_failed = 1;
			continue;
		}
		if (folio_checker_run(&checker, path, &d, &doc) == 2)
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
	folio_checker_fini(&checker);
	folio_diags_free(&d);
	free(o.off);
	xmlCleanupParser();
	return rc;
}
