/* xform.c — compiling and running XSLT stylesheets safely.
 *
 * libxslt reports stylesheet compilation errors only through its global
 * generic error function; like load.c, this file sets it for the duration of
 * a compile and restores it.  Transform-time errors use the per-context hook
 * (xsltSetTransformErrorFunc on the transform context). */
#include "xform.h"
#include "paths.h"
#include "xalloc.h"

#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libexslt/exslt.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

struct folio_xform {
	xsltStylesheetPtr style;
	char *path;
	char **dirs;            /* the folders of its modules (the stylesheet,
				   its imports and includes), which document()
				   may read from; NULL-terminated */
	size_t ndirs, dircap;
};

struct errsink {
	struct folio_diags *d;
	const char *file;
	struct folio_buf_line { char text[1024]; size_t len; } line;
};

/* libxslt emits messages in pieces ending with a newline; gather them. */
static void sink(void *ctx, const char *fmt, ...)
{
	struct errsink *s = ctx;
	va_list ap;
	va_start(ap, fmt);
	size_t room = sizeof s->line.text - s->line.len;
	int n = vsnprintf(s->line.text + s->line.len, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		s->line.len += (size_t)n < room ? (size_t)n : room - 1;
	if (s->line.len > 0 && s->line.text[s->line.len - 1] == '\n') {
		s->line.text[--s->line.len] = '\0';
		if (s->line.len > 0)
			folio_diag(s->d, FOLIO_R_XSLT, s->file, 0, 0, "%s", s->line.text);
		s->line.len = 0;
	}
}

static int ok_to_read(const char *file, const char *const *roots)
{
	char *abs = folio_path_from_url(file);
	if (abs == NULL)
		return 0;
	int ok = 0;
	char real[PATH_MAX];
	const char *check = realpath(abs, real) ? real : abs;
	for (size_t i = 0; roots[i] != NULL && !ok; i++)
		ok = folio_path_inside(roots[i], check);
	free(abs);
	return ok;
}

static _Thread_local const char *const *read_roots;

static int check_read(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	(void)sec;
	if (read_roots != NULL && ok_to_read(value, read_roots))
		return 1;
	xsltTransformError(ctxt, NULL, NULL, "reading '%s' is not allowed (outside the source's and the stylesheets' folders)\n", value);
	return 0;
}

static xsltSecurityPrefsPtr make_prefs(void)
{
	xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE, check_read);
	return sec;
}

static void register_exslt(void)
{
	exsltRegisterAll();
}

static void add_root(struct folio_xform *x, char *dir)
{
	for (size_t i = 0; i < x->ndirs; i++)
		if (strcmp(x->dirs[i], dir) == 0) {
			free(dir);
			return;
		}
	x->dirs = folio_xgrow(x->dirs, &x->dircap, x->ndirs + 2, sizeof *x->dirs);
	x->dirs[x->ndirs++] = dir;
	x->dirs[x->ndirs] = NULL;
}

/* The folder of `file`, as written and with its links resolved (a read is
 * checked by its real path). */
static void add_dir(struct folio_xform *x, const char *file)
{
	char *abs = folio_path_from_url(file);
	char *dir = abs ? folio_path_dir(abs) : NULL;
	free(abs);
	if (dir == NULL)
		return;
	char real[PATH_MAX];
	if (realpath(dir, real) != NULL && strcmp(real, dir) != 0)
		add_root(x, folio_xstrdup(real));
	add_root(x, dir);
}

/* A customisation layer may import Folio's stylesheets from wherever the
 * user keeps a copy; what those read beside themselves (xslt/l10n/) is
 * part of the stylesheet, not of the untrusted source. */
static void add_module_dirs(struct folio_xform *x, xsltStylesheetPtr st)
{
	for (; st != NULL; st = st->next) {
		if (st->doc != NULL && st->doc->URL != NULL)
			add_dir(x, (const char *)st->doc->URL);
		for (xsltDocumentPtr inc = st->includes; inc != NULL; inc = inc->next)
			if (inc->doc != NULL && inc->doc->URL != NULL)
				add_dir(x, (const char *)inc->doc->URL);
		add_module_dirs(x, st->imports);
	}
}

struct folio_xform *folio_xform_new(const char *path, struct folio_diags *d)
{
	static pthread_once_t exslt_once = PTHREAD_ONCE_INIT;
	pthread_once(&exslt_once, register_exslt);
	struct folio_xform *x = folio_xcalloc(1, sizeof *x);
	x->path = folio_xstrdup(path);

	struct errsink s = {d, path, {{0}, 0}};
	xmlGenericErrorFunc prev = xsltGenericError;
	void *prevctx = xsltGenericErrorContext;
	xsltSetGenericErrorFunc(&s, sink);
	xmlSetGenericErrorFunc(&s, sink);
	size_t before = d->count[FOLIO_ERROR];
	xmlDocPtr sdoc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (sdoc != NULL)
		x->style = xsltParseStylesheetDoc(sdoc);
	if (x->style == NULL) {
		if (sdoc != NULL && x->style == NULL)
			xmlFreeDoc(sdoc);
		if (d->count[FOLIO_ERROR] == before)
			folio_diag(d, FOLIO_R_XSLT, path, 0, 0, "cannot compile the stylesheet");
	}
	xsltSetGenericErrorFunc(prevctx, prev);
	xmlSetGenericErrorFunc(NULL, NULL);
	if (x->style == NULL) {
		folio_xform_free(x);
		return NULL;
	}
	add_module_dirs(x, x->style);
	return x;
}

void folio_xform_free(struct folio_xform *x)
{
	if (x == NULL)
		return;
	if (x->style)
		xsltFreeStylesheet(x->style);
	free(x->path);
	for (size_t i = 0; i < x->ndirs; i++)
		free(x->dirs[i]);
	free(x->dirs);
	free(x);
}

xmlDocPtr folio_xform_apply(struct folio_xform *x, xmlDocPtr src, const char *src_root,
			    const char *const *params, struct folio_diags *d)
{
	xmlDocPtr res = NULL;
	size_t np = 0;
	while (params && params[np])
		np++;
	const char **quoted = folio_xcalloc(np + 1, sizeof *quoted);
	for (size_t i = 0; i < np; i++) {
		if (i % 2 == 0) {
			quoted[i] = folio_xstrdup(params[i]);
		} else {
			/* An XPath string literal: choose quotes the value lacks. */
			const char *v = params[i];
			quoted[i] = strchr(v, '\'') ? folio_xasprintf("\"%s\"", v)
						   : folio_xasprintf("'%s'", v);
		}
	}
	const char **roots = folio_xcalloc(x->ndirs + 2, sizeof *roots);
	for (size_t i = 0; i < x->ndirs; i++)
		roots[i] = x->dirs[i];
	roots[x->ndirs] = src_root;
	read_roots = roots;
	xsltSecurityPrefsPtr sec = make_prefs();
	xsltTransformContextPtr ctxt = xsltNewTransformContext(x->style, src);
	struct errsink s = {d, x->path, {{0}, 0}};
	if (ctxt == NULL)
		goto out;
	xsltSetCtxtSecurityPrefs(sec, ctxt);
	xsltSetTransformErrorFunc(ctxt, &s, sink);
	size_t before = d->count[FOLIO_ERROR];
	res = xsltApplyStylesheetUser(x->style, src, quoted, NULL, NULL, ctxt);
	if (res == NULL || ctxt->state == XSLT_STATE_ERROR || ctxt->state == XSLT_STATE_STOPPED) {
		if (d->count[FOLIO_ERROR] == before)
			folio_diag(d, FOLIO_R_XSLT, x->path, 0, 0, "the transformation failed");
		xmlFreeDoc(res);
		res = NULL;
	}
out:
	if (ctxt)
		xsltFreeTransformContext(ctxt);
	xsltFreeSecurityPrefs(sec);
	read_roots = NULL;
	free(roots);
	for (size_t i = 0; i < np; i++)
		free((void *)quoted[i]);
	free(quoted);
	return res;
}
