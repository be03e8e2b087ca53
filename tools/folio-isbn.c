/* folio-isbn — check, normalise, hyphenate, convert and complete ISBNs and
 * ISSNs.
 *
 * A thin main over ident.h: options into a struct, one line on stdout per
 * valid NUMBER, diagnostics on stderr as "folio-isbn: NUMBER: error: …
 * [isbn]".  Exit 0: every number is valid; 1: one is not; 2: usage error or
 * unreadable range data. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ident.h"
#include "xalloc.h"

static const char *const tool = "folio-isbn";

struct options {
	int issn;               /* the numbers are ISSNs */
	int to10, to13;         /* convert ISBNs */
	int complete;           /* --check-digit: the numbers lack their check digit */
	int quiet;              /* nothing on stdout, no diagnostics about numbers */
	const char *ranges;     /* --ranges FILE, or NULL for the default */
};

/* The range data, loaded once before the first ISBN. */
struct state {
	const struct options *o;
	struct folio_isbn_ranges *ranges;
	int noted;              /* the "no range data" note was given */
};

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: %s [OPTION]... NUMBER...\n"
		"Check ISBNs (or ISSNs) and print them normalised and hyphenated.\n"
		"\n"
		"      --issn           the numbers are ISSNs (printed as NNNN-NNNC)\n"
		"      --to13           print ISBNs as ISBN-13\n"
		"      --to10           print ISBNs as ISBN-10 (impossible for 979)\n"
		"      --check-digit    complete numbers given without their check digit\n"
		"                       (9 or 12 digits; 7 with --issn)\n"
		"  -r, --ranges=FILE    ISBN range data: python-stdnum's isbn.dat or the\n"
		"                       ISBN Agency's RangeMessage.xml\n"
		"  -q, --quiet          print nothing; only the exit status tells\n"
		"  -h, --help           show this help and exit\n"
		"  -V, --version        show the version and exit\n"
		"\n"
		"Without --ranges, FOLIO_ISBN_RANGES names the range file, else\n"
		"python3-stdnum's isbn.dat is used when installed.\n"
		"\n"
		"Exit status: 0 all numbers valid, 1 a number is invalid, 2 usage error\n"
		"or unreadable range data.\n",
		tool);
}

/* "folio-isbn: NUMBER: error: message [rule]", unless -q. */
static void complain(const struct options *o, const char *number, const char *level,
		     const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void complain(const struct options *o, const char *number, const char *level,
		     const char *rule, const char *fmt, ...)
{
	va_list ap;
	if (o->quiet)
		return;
	fprintf(stderr, "%s: %s: %s: ", tool, number, level);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " [%s]\n", rule);
}

/* With --check-digit, a number is parsed with a placeholder check digit:
 * the parser then says which digit belongs there. */
static char *with_placeholder(const struct options *o, const char *arg)
{
	size_t n = strlen(arg);
	char *s = folio_xmalloc(n + 2);
	memcpy(s, arg, n);
	s[n] = o->complete ? '0' : '\0';
	s[n + 1] = '\0';
	return s;
}

/* Why a number is wrong, in this tool's words; 0 when it is not. */
static int wrong(const struct options *o, const char *arg, enum folio_id_status st,
		 char expected, char found)
{
	const char *rule = o->issn ? "issn" : "isbn";
	if (st == FOLIO_ID_OK)
		return 0;
	if (st == FOLIO_ID_CHECK)
		complain(o, arg, "error", rule, "wrong check digit: expected %c, found %c",
			 expected, found);
	else if (st == FOLIO_ID_LENGTH && o->complete)
		complain(o, arg, "error", rule, "--check-digit takes the first %s digits of an %s",
			 o->issn ? "7" : "9 or 12", o->issn ? "ISSN" : "ISBN");
	else if (st == FOLIO_ID_LENGTH)
		complain(o, arg, "error", rule, "wrong number of digits: an %s",
			 o->issn ? "ISSN has 8" : "ISBN has 10 or 13");
	else
		complain(o, arg, "error", rule, "%s", folio_id_strerror(st));
	return 1;
}

static int do_issn(const struct options *o, const char *arg)
{
	struct folio_issn issn;
	char *s = with_placeholder(o, arg);
	enum folio_id_status st = folio_issn_parse(s, &issn);

	if (o->complete && st == FOLIO_ID_CHECK) {
		issn.digits[7] = issn.expected;
		st = FOLIO_ID_OK;
	}
	free(s);
	if (wrong(o, arg, st, issn.expected, issn.found))
		return 1;
	if (!o->quiet)
		printf("%.4s-%.4s\n", issn.digits, issn.digits + 4);
	return 0;
}

static int do_isbn(struct state *ctx, const char *arg)
{
	const struct options *o = ctx->o;
	struct folio_isbn isbn, conv;
	char out[32];
	char *s = with_placeholder(o, arg);
	enum folio_id_status st = folio_isbn_parse(s, &isbn);

	if (o->complete && st == FOLIO_ID_CHECK) {
		isbn.digits[isbn.len - 1] = isbn.expected;
		st = FOLIO_ID_OK;
	}
	free(s);
	if (wrong(o, arg, st, isbn.expected, isbn.found))
		return 1;
	if (o->to10 && folio_isbn_to10(&isbn, &conv) < 0) {
		complain(o, arg, "error", "isbn", "an ISBN starting with %.3s has no ISBN-10 form", isbn.digits);
		return 1;
	}
	if (o->to13)
		folio_isbn_to13(&isbn, &conv);
	if (o->to10 || o->to13)
		isbn = conv;
	if (o->quiet)
		return 0;
	if (folio_isbn_hyphenate(ctx->ranges, &isbn, out, sizeof out) < 0) {
		if (!ctx->ranges && !ctx->noted) {
			fprintf(stderr, "%s: no ISBN range data (install python3-stdnum or use --ranges FILE); printing digits only\n", tool);
			ctx->noted = 1;
		} else if (ctx->ranges) {
			complain(o, arg, "warning", "isbn", "not in the ISBN range data (unassigned, or newer than the data); printing digits only");
		}
	}
	printf("%s\n", out);
	return 0;
}

/* Returns -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, struct options *o)
{
	enum { OPT_ISSN = FOLIO_OPT_TOOL, OPT_TO10, OPT_TO13, OPT_CHECK };
	static const struct option longopts[] = {
		{"issn", no_argument, NULL, OPT_ISSN},
		{"to10", no_argument, NULL, OPT_TO10},
		{"to13", no_argument, NULL, OPT_TO13},
		{"check-digit", no_argument, NULL, OPT_CHECK},
		{"ranges", required_argument, NULL, 'r'},
		{"quiet", no_argument, NULL, 'q'},
		FOLIO_HELP_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":r:qhV", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ISSN: o->issn = 1; break;
		case OPT_TO10: o->to10 = 1; break;
		case OPT_TO13: o->to13 = 1; break;
		case OPT_CHECK: o->complete = 1; break;
		case 'r': o->ranges = optarg; break;
		case 'q': o->quiet = 1; break;
		case 'h':
		case 'V':
			return folio_cli_common_option(tool, usage, c, optarg, NULL);
		case ':':
			return folio_cli_usage_error(tool, "option '%s' needs an argument", argv[optind - 1]);
		default:
			/* Numbers never start with '-', so "-5" is an unknown option. */
			if (optopt)
				return folio_cli_usage_error(tool, "unknown option '-%c'", optopt);
			return folio_cli_usage_error(tool, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (o->to10 && o->to13)
		return folio_cli_usage_error(tool, "--to10 and --to13 exclude each other");
	if (o->issn && (o->to10 || o->to13))
		return folio_cli_usage_error(tool, "--to10 and --to13 are for ISBNs, not with --issn");
	if (optind == argc)
		return folio_cli_usage_error(tool, "no NUMBER given");
	return -1;
}

int main(int argc, char **argv)
{
	struct options o = {0};
	struct state ctx = {&o, NULL, 0};
	char *path = NULL, *err = NULL;
	int rc, i;

	if ((rc = parse_args(argc, argv, &o)) >= 0)
		return rc;
	rc = FOLIO_EXIT_OK;
	if (!o.issn) {
		path = o.ranges ? folio_xstrdup(o.ranges) : folio_isbn_ranges_default();
		if (path && !(ctx.ranges = folio_isbn_ranges_load(path, &err))) {
			fprintf(stderr, "%s: %s\n", tool, err);
			rc = FOLIO_EXIT_USAGE;
			goto out;
		}
	}
	for (i = optind; i < argc; i++)
		if ((o.issn ? do_issn(&o, argv[i]) : do_isbn(&ctx, argv[i])) != 0)
			rc = FOLIO_EXIT_INPUT;
out:
	folio_isbn_ranges_free(ctx.ranges);
	free(path);
	free(err);
	return rc;
}
