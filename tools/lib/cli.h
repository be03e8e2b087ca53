/* cli.h — what every Folio tool's main shares: version text, colour choice,
 * exit codes.  For the tools only (tools/folio-*.c); the library proper never
 * prints. */
#ifndef FOLIO_CLI_H
#define FOLIO_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "source.h"

enum folio_exit { FOLIO_EXIT_OK = 0, FOLIO_EXIT_INPUT = 1, FOLIO_EXIT_USAGE = 2 };

/* "folio-check (Folio) 0.1.0 (libxml2 2.9.14, libxslt 1.1.35, libzip 1.7.3)" */
void folio_cli_version(const char *tool, FILE *out);
/* 1 when colours should be used on `fp`: a terminal, and NO_COLOR unset. */
int folio_cli_color(FILE *fp);
/* Prints "TOOL: message" and a hint to use --help on stderr; returns 2. */
int folio_cli_usage_error(const char *tool, const char *fmt, ...)
  __attribute__((format(printf, 2, 3)));
/* --color=WHEN: 1 always, 0 never, -1 auto; -2 when WHEN is none of them. */
int folio_cli_color_option(const char *when);
/* Prints the catalogue rows whose id starts with `prefix` ("" for all, "cmp-"
 * for folio-compare's); with `exclude`, the rows that do not. */
void folio_cli_list_rules(FILE *out, const char *prefix, int exclude);
/* -W ARG: "error" or "no-RULE" (a rule of --list-rules, or a Schematron
 * rule "sch-ID" of folio.sch).  Returns 0, or prints a usage error and
 * returns 2. */
int folio_cli_warning_option(const char *tool, const char *arg, struct folio_diags *d);
/* --profile=folio|docbook.  Returns 0, or prints a usage error and returns 2. */
int folio_cli_profile_option(const char *tool, const char *arg, struct folio_checker *c);
/* --param NAME=VALUE: splits `arg` in place (argv strings are writable) and
 * appends name and value to params.  Returns 0, or prints a usage error and
 * returns 2. */
int folio_cli_param_option(const char *tool, char *arg, const char **params, size_t *np);
/* Long options for the tools' getopt_long tables (the tool includes
 * <getopt.h>); a tool's own long options take values from FOLIO_OPT_TOOL
 * on. */
enum { FOLIO_OPT_COLOR = 256, FOLIO_OPT_STYLESHEET, FOLIO_OPT_CSS, FOLIO_OPT_PARAM,
       FOLIO_OPT_PROFILE, FOLIO_OPT_TOOL };
/* --help and --version, which every tool has ("hV" among the short ones). */
#define FOLIO_HELP_OPTIONS                                                    \
	{"help", no_argument, NULL, 'h'},                                     \
	{"version", no_argument, NULL, 'V'}
#define FOLIO_COLOR_OPTION {"color", required_argument, NULL, FOLIO_OPT_COLOR}
/* One option from getopt_long that the tools treat alike: -h, -V,
 * --color=WHEN (into *color, 1/0/-1 as folio_cli_color_option; NULL for a
 * tool without the option) and an unknown option, which getopt has already
 * named.  Returns -2 when c is none of them, -1 when it was taken and
 * parsing goes on, else the exit status to end with (0 after --help or
 * --version, 2 after a usage error, said on stderr). */
int folio_cli_common_option(const char *tool, void (*usage)(FILE *out), int c, const char *arg,
			    int *color);

/* The options the writers (folio-epub, folio-html) share. */
#define FOLIO_WRITER_OPTIONS                                                  \
	{"output", required_argument, NULL, 'o'},                             \
	{"stylesheet", required_argument, NULL, FOLIO_OPT_STYLESHEET},        \
	{"css", required_argument, NULL, FOLIO_OPT_CSS},                      \
	{"param", required_argument, NULL, FOLIO_OPT_PARAM},                  \
	{"profile", required_argument, NULL, FOLIO_OPT_PROFILE},              \
	FOLIO_HELP_OPTIONS

struct folio_writer_cli {
	const char *tool;
	void (*usage)(FILE *out);
	char *out;                      /* -o, or the default (malloc'd) */
	const char *src;                /* the one source file */
	const char *stylesheet, *css;
	const char **params;            /* name, value, …, NULL */
	size_t np;
	struct folio_checker checker;   /* --profile */
	struct folio_diags *d;          /* -W; the messages to print */
};
/* Starts a writer's command line: the Folio profile, no parameters yet.
 * Returns 0, or -1 out of memory. */
int folio_cli_writer_init(struct folio_writer_cli *w, const char *tool, void (*usage)(FILE *out),
			  struct folio_diags *d, int argc);
/* One option from getopt_long ("o:W:hV" and FOLIO_WRITER_OPTIONS), with
 * the results of folio_cli_common_option. */
int folio_cli_writer_option(struct folio_writer_cli *w, int c, char *arg);
/* After the options: the one source, and the output path (-o, or the
 * source with its extension replaced by `suffix`).  Returns -1 to go on,
 * else the exit status (a usage error said on stderr). */
int folio_cli_writer_args(struct folio_writer_cli *w, int argc, char **argv, const char *suffix);
/* Prints the messages of a build that returned `rc` and frees w; returns
 * the exit status. */
int folio_cli_writer_end(struct folio_writer_cli *w, int rc);

/* The library version string, e.g. "0.1.0". */
const char *folio_version(void);

#endif
