/* cli.c — the small things every tool's main does the same way. */
#include "cli.h"
#include "diag.h"
#include "source.h"
#include "xalloc.h"

#include <stdarg.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include <libxml/xmlversion.h>
#include <libxslt/xsltconfig.h>
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
		rc = folio_cli_profile_option(w->tool, arg, w->checker);
		return rc ? rc : -1;
	case 'W':
		rc = folio_cli_warning_option(w->tool, arg, w->d);
		return rc ? rc : -1;
	default:
		return folio_cli_common_option(w->tool, w->usage, c, arg, NULL);
	}
}
