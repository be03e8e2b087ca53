/* cli.c — the small things every tool's main does the same way. */
#include "cli.h"
#include "diag.h"
#include "source.h"
#include "xalloc.h"

#include <stdarg.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlversion.h>
#include <libxslt/xsltconfig.h>
#include <libxslt/xsltutils.h>
#include <zip.h>

#ifndef FOLIO_VERSION
#define FOLIO_VERSION "0.0.0"
#endif

const char *folio_version(void)
{
	return FOLIO_VERSION;
}

void folio_cli_version(const char *tool, FILE *out)
{
	fprintf(out, "%s (Folio) %s (libxml2 %s, libxslt %s, libzip %s)\n", tool,
		FOLIO_VERSION, LIBXML_DOTTED_VERSION, LIBXSLT_DOTTED_VERSION, zip_libzip_version());
}

int folio_cli_color(FILE *fp)
{
	const char *nc = getenv("NO_COLOR");
	if (nc != NULL && *nc != '\0')
		return 0;
	return isatty(fileno(fp));
}

int folio_cli_usage_error(const char *tool, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", tool);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", tool);
	return FOLIO_EXIT_USAGE;
}

int folio_cli_color_option(const char *when)
{
	if (strcmp(when, "always") == 0)
		return 1;
	if (strcmp(when, "never") == 0)
		return 0;
	if (strcmp(when, "auto") == 0)
		return -1;
	return -2;
}

void folio_cli_list_rules(FILE *out, const char *prefix, int exclude)
{
	size_t n = strlen(prefix);
	for (int r = 0; r < FOLIO_R_COUNT; r++) {
		const struct folio_rule_info *ri = folio_rule_info((enum folio_rule)r);
		int match = strncmp(ri->id, prefix, n) == 0;
		if (match != exclude)
			fprintf(out, "%-22s %-8s %s\n", ri->id, folio_sev_name(ri->sev), ri->doc);
	}
}

int folio_cli_common_option(const char *tool, void (*usage)(FILE *out), int c, const char *arg,
			    int *color)
{
	switch (c) {
	case 'h':
		usage(stdout);
		return FOLIO_EXIT_OK;
	case 'V':
		folio_cli_version(tool, stdout);
		return FOLIO_EXIT_OK;
	case FOLIO_OPT_COLOR:
		if (color == NULL)
			return -2;
		if ((*color = folio_cli_color_option(arg)) == -2)
			return folio_cli_usage_error(tool, "--color takes auto, always or never");
		return -1;
	case '?':
		fprintf(stderr, "Try '%s --help' for more information.\n", tool);
		return FOLIO_EXIT_USAGE;
	default:
		return -2;
	}
}

int folio_cli_warning_option(const char *tool, const char *arg, struct folio_diags *d)
{
	if (strcmp(arg, "error") == 0) {
		d->werror = 1;
		return 0;
	}
	if (strncmp(arg, "no-", 3) != 0)
		return folio_cli_usage_error(tool, "unknown option -W%s (use -Werror or -Wno-RULE)", arg);
	if (folio_rule_known(arg + 3) && folio_diags_silence(d, arg + 3) == 0)
		return 0;
	return folio_cli_usage_error(tool, "unknown rule '%s' in -W%s (see --list-rules)", arg + 3, arg);
}

int folio_cli_profile_option(const char *tool, const char *arg, struct folio_checker *c)
{
	if (strcmp(arg, "docbook") == 0) {
		c->use_profile = 0;
		c->use_docbook = 1;
	} else if (strcmp(arg, "folio") == 0) {
		c->use_profile = 1;
		c->use_docbook = 0;
	} else {
		return folio_cli_usage_error(tool, "unknown profile '%s' (folio, docbook)", arg);
	}
	return 0;
}

int folio_cli_param_option(const char *tool, char *arg, const char **params, size_t *np)
{
	char *eq = strchr(arg, '=');
	if (eq == NULL || eq == arg)
		return folio_cli_usage_error(tool, "--param takes NAME=VALUE, not '%s'", arg);
	*eq = '\0';
	params[(*np)++] = arg;
	params[(*np)++] = eq + 1;
	return 0;
}

int folio_cli_writer_init(struct folio_writer_cli *w, const char *tool, void (*usage)(FILE *out),
			  struct folio_diags *d, int argc)
{
	memset(w, 0, sizeof *w);
	w->tool = tool;
	w->usage = usage;
	w->checker.use_profile = 1;
	w->d = d;
	w->params = calloc((size_t)argc * 2 + 1, sizeof *w->params);
	return w->params ? 0 : -1;
}

int folio_cli_writer_option(struct folio_writer_cli *w, int c, char *arg)
{
	int rc;
	switch (c) {
	case 'o':
		free(w->out);
		w->out = folio_xstrdup(arg);
		return -1;
	case FOLIO_OPT_STYLESHEET:
		w->stylesheet = arg;
		return -1;
	case FOLIO_OPT_CSS:
		w->css = arg;
		return -1;
	case FOLIO_OPT_PARAM:
		rc = folio_cli_param_option(w->tool, arg, w->params, &w->np);
		return rc ? rc : -1;
	case FOLIO_OPT_PROFILE:
		rc = folio_cli_profile_option(w->tool, arg, &w->checker);
		return rc ? rc : -1;
	case 'W':
		rc = folio_cli_warning_option(w->tool, arg, w->d);
		return rc ? rc : -1;
	default:
		return folio_cli_common_option(w->tool, w->usage, c, arg, NULL);
	}
}

/* SOURCE minus its extension, plus `suffix`. */
static char *default_output(const char *src, const char *suffix)
{
	size_t n = strlen(src);
	const char *dot = strrchr(src, '.');
	const char *slash = strrchr(src, '/');
	if (dot && (!slash || dot > slash))
		n = (size_t)(dot - src);
	return folio_xasprintf("%.*s%s", (int)n, src, suffix);
}

int folio_cli_writer_args(struct folio_writer_cli *w, int argc, char **argv, const char *suffix)
{
	if (optind != argc - 1)
		return folio_cli_usage_error(w->tool, optind >= argc ? "no source file"
							     : "one source file at a time");
	w->src = argv[optind];
	if (w->out == NULL)
		w->out = default_output(w->src, suffix);
	if (*w->out == '\0')
		return folio_cli_usage_error(w->tool, "the output path is empty");
	return -1;
}

int folio_cli_writer_end(struct folio_writer_cli *w, int rc)
{
	folio_diags_sort(w->d);
	struct folio_print_opts po = {FOLIO_FMT_TEXT, folio_cli_color(stderr), w->tool, NULL, 0};
	folio_diags_print(w->d, stderr, &po);
	if (rc == 0 && folio_diags_failed(w->d))
		rc = FOLIO_EXIT_INPUT;
	/* The compiled schemas are left to the system at exit (keep.h). */
	folio_checker_keep(&w->checker);
	free(w->params);
	free(w->out);
	memset(w, 0, sizeof *w);
	xsltCleanupGlobals();
	xmlCleanupParser();
	return rc;
}
