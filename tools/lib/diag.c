/* diag.c — the diagnostics catalogue, the record collection and its printers.
 *
 * Every printer prints the same records: text (FILE:LINE:COL: sev: msg [rule]),
 * JSON, JUnit XML and GitHub workflow annotations.  Filtering (-Wno-RULE) and
 * promotion (-Werror) happen when a record is added, so the counts and the
 * exit code never disagree with what is printed. */
#include "diag.h"
#include "buf.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const struct folio_rule_info catalogue[] = {
#define RULE(sym, id, sev, doc) {id, FOLIO_##sev, doc},
#include "rules.def"
#undef RULE
};

const struct folio_rule_info *folio_rule_info(enum folio_rule r)
{
	return (unsigned)r < FOLIO_R_COUNT ? &catalogue[r] : NULL;
}

int folio_rule_find(const char *id)
{
	for (int i = 0; i < FOLIO_R_COUNT; i++)
		if (strcmp(catalogue[i].id, id) == 0)
			return i;
	return -1;
}

const char *folio_sev_name(enum folio_sev s)
{
	switch (s) {
	case FOLIO_ERROR: return "error";
	case FOLIO_WARNING: return "warning";
	default: return "note";
	}
}

void folio_diags_init(struct folio_diags *d)
{
	memset(d, 0, sizeof *d);
	d->worst = -1;
}

void folio_diags_free(struct folio_diags *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].rule);
		free(d->v[i].msg);
	}
	free(d->v);
	for (size_t i = 0; i < d->noff; i++)
		free(d->off[i]);
	free(d->off);
	folio_diags_init(d);
}

int folio_diags_silence(struct folio_diags *d, const char *rule)
{
	if (folio_rule_find(rule) < 0 && strncmp(rule, "sch-", 4) != 0)
		return -1;
	d->off = folio_xgrow(d->off, &d->offcap, d->noff + 1, sizeof *d->off);
	d->off[d->noff++] = folio_xstrdup(rule);
	return 0;
}

static int silenced(const struct folio_diags *d, const char *rule)
{
	for (size_t i = 0; i < d->noff; i++)
		if (strcmp(d->off[i], rule) == 0)
			return 1;
	return 0;
}

static void add(struct folio_diags *d, const char *rule, enum folio_sev sev,
		const char *file, int line, int col, const char *fmt, va_list ap)
{
	if (silenced(d, rule))
		return;
	if (sev == FOLIO_WARNING && d->werror)
		sev = FOLIO_ERROR;
	char *msg = folio_xvasprintf(fmt, ap);

	d->v = folio_xgrow(d->v, &d->cap, d->n + 1, sizeof *d->v);
	struct folio_diag *r = &d->v[d->n++];
	r->file = file ? folio_xstrdup(file) : NULL;
	r->line = line > 0 ? line : 0;
	r->col = col > 0 ? col : 0;
	r->sev = sev;
	r->rule = folio_xstrdup(rule);
	r->msg = msg;
	d->count[sev]++;
	if ((int)sev > d->worst)
		d->worst = (int)sev;
}

void folio_diag(struct folio_diags *d, enum folio_rule r, const char *file,
		int line, int col, const char *fmt, ...)
{
	const struct folio_rule_info *ri = folio_rule_info(r);
	va_list ap;
	va_start(ap, fmt);
	add(d, ri->id, ri->sev, file, line, col, fmt, ap);
	va_end(ap);
}

void folio_diag_id(struct folio_diags *d, const char *rule, enum folio_sev sev,
		   const char *file, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(d, rule, sev, file, line, col, fmt, ap);
	va_end(ap);
}

void folio_diags_move(struct folio_diags *d, struct folio_diags *from)
{
	for (size_t i = 0; i < from->n; i++) {
		const struct folio_diag *r = &from->v[i];
		folio_diag_id(d, r->rule, r->sev, r->file, r->line, r->col, "%s", r->msg);
	}
	folio_diags_free(from);
}

static int cmp_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_diag(const struct folio_diag *a, const struct folio_diag *b)
{
	int c = cmp_str(a->file, b->file);
	if (c == 0)
		c = (a->line > b->line) - (a->line < b->line);
	if (c == 0)
		c = (a->col > b->col) - (a->col < b->col);
	return c;
}

void folio_diags_sort(struct folio_diags *d)
{
	/* Insertion sort keeps equal records in emission order (stable); lists
	 * are short and mostly ordered already. */
	for (size_t i = 1; i < d->n; i++) {
		struct folio_diag t = d->v[i];
		size_t j = i;
		while (j > 0 && cmp_diag(&d->v[j - 1], &t) > 0) {
			d->v[j] = d->v[j - 1];
			j--;
		}
		d->v[j] = t;
	}
	size_t w = 0;
	for (size_t i = 0; i < d->n; i++) {
		struct folio_diag *r = &d->v[i];
		if (w > 0 && cmp_diag(&d->v[w - 1], r) == 0 &&
		    strcmp(d->v[w - 1].rule, r->rule) == 0 &&
		    strcmp(d->v[w - 1].msg, r->msg) == 0) {
			d->count[r->sev]--;
			free(r->file);
			free(r->rule);
			free(r->msg);
			continue;
		}
		d->v[w++] = *r;
	}
	d->n = w;
}

int folio_diags_failed(const struct folio_diags *d)
{
	return d->count[FOLIO_ERROR] > 0;
}

int folio_format_parse(const char *s)
{
	static const char *const names[] = {"text", "json", "junit", "github"};
	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

static void print_text(const struct folio_diags *d, FILE *out, int color)
{
	static const char *const sevcol[] = {"\033[1;36m", "\033[1;35m", "\033[1;31m"};
	for (size_t i = 0; i < d->n; i++) {
		const struct folio_diag *r = &d->v[i];
		if (color)
			fputs("\033[1m", out);
		fprintf(out, "%s:%d:%d:", r->file ? r->file : "-", r->line, r->col);
		if (color)
			fprintf(out, "\033[0m %s%s:\033[0m", sevcol[r->sev], folio_sev_name(r->sev));
		else
			fprintf(out, " %s:", folio_sev_name(r->sev));
		fprintf(out, " %s [%s]\n", r->msg, r->rule);
	}
}

static void print_json(const struct folio_diags *d, FILE *out, const struct folio_print_opts *o)
{
	struct folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "{\n  \"tool\": \"");
	folio_buf_json(&b, o->tool ? o->tool : "folio");
	folio_buf_printf(&b, "\",\n  \"errors\": %zu,\n  \"warnings\": %zu,\n  \"notes\": %zu,\n",
			 d->count[FOLIO_ERROR], d->count[FOLIO_WARNING], d->count[FOLIO_NOTE]);
	folio_buf_puts(&b, "  \"diagnostics\": [");
	for (size_t i = 0; i < d->n; i++) {
		const struct folio_diag *r = &d->v[i];
		folio_buf_puts(&b, i ? ",\n    {" : "\n    {");
		folio_buf_puts(&b, "\"file\": \"");
		folio_buf_json(&b, r->file ? r->file : "");
		folio_buf_printf(&b, "\", \"line\": %d, \"column\": %d, \"severity\": \"%s\", \"rule\": \"",
				 r->line, r->col, folio_sev_name(r->sev));
		folio_buf_json(&b, r->rule);
		folio_buf_puts(&b, "\", \"message\": \"");
		folio_buf_json(&b, r->msg);
		folio_buf_puts(&b, "\"}");
	}
	folio_buf_puts(&b, d->n ? "\n  ]\n}\n" : "]\n}\n");
	fputs(b.data, out);
	folio_buf_free(&b);
}

/* JUnit: one <testsuite> per tool run, one <testcase> per file (each input,
 * and each XIncluded file that has records); a file with errors fails, its
 * records listed in the <failure> body. */
static void print_junit(const struct folio_diags *d, FILE *out, const struct folio_print_opts *o)
{
	struct folio_buf b = FOLIO_BUF_INIT;
	const char *tool = o->tool ? o->tool : "folio";
	const char **names = folio_xcalloc(o->ninputs + d->n + 1, sizeof *names);
	size_t nn = 0, failures = 0;
	for (size_t f = 0; f < o->ninputs; f++)
		names[nn++] = o->inputs[f];
	for (size_t i = 0; i < d->n; i++) {
		const char *file = d->v[i].file ? d->v[i].file : "-";
		size_t k = 0;
		while (k < nn && strcmp(names[k], file) != 0)
			k++;
		if (k == nn)
			names[nn++] = file;
	}
	struct folio_buf cases = FOLIO_BUF_INIT;
	for (size_t f = 0; f < nn; f++) {
		struct folio_buf body = FOLIO_BUF_INIT;
		size_t nerr = 0;
		for (size_t i = 0; i < d->n; i++) {
			const struct folio_diag *r = &d->v[i];
			if (strcmp(r->file ? r->file : "-", names[f]) != 0)
				continue;
			if (r->sev == FOLIO_ERROR)
				nerr++;
			folio_buf_printf(&body, "%s:%d:%d: %s: %s [%s]\n", names[f], r->line,
					 r->col, folio_sev_name(r->sev), r->msg, r->rule);
		}
		folio_buf_puts(&cases, "    <testcase classname=\"");
		folio_buf_xml(&cases, tool);
		folio_buf_puts(&cases, "\" name=\"");
		folio_buf_xml(&cases, names[f]);
		folio_buf_puts(&cases, "\"");
		if (nerr) {
			failures++;
			folio_buf_printf(&cases, ">\n      <failure message=\"%zu error(s)\" type=\"error\">", nerr);
			folio_buf_xml(&cases, body.data);
			folio_buf_puts(&cases, "</failure>\n    </testcase>\n");
		} else if (body.len) {
			folio_buf_puts(&cases, ">\n      <system-out>");
			folio_buf_xml(&cases, body.data);
			folio_buf_puts(&cases, "</system-out>\n    </testcase>\n");
		} else {
			folio_buf_puts(&cases, "/>\n");
		}
		folio_buf_free(&body);
	}
	folio_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
	folio_buf_puts(&b, "  <testsuite name=\"");
	folio_buf_xml(&b, tool);
	folio_buf_printf(&b, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n", nn, failures);
	if (cases.data)
		folio_buf_puts(&b, cases.data);
	folio_buf_puts(&b, "  </testsuite>\n</testsuites>\n");
	fputs(b.data, out);
	folio_buf_free(&cases);
	folio_buf_free(&b);
	free(names);
}

/* GitHub workflow commands: ::error file=F,line=L,col=C,title=RULE::MSG with
 * the documented escaping (%, CR, LF in data; also ',' and ':' in properties). */
static void gh_escape(struct folio_buf *b, const char *s, int property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': folio_buf_puts(b, "%25"); break;
		case '\r': folio_buf_puts(b, "%0D"); break;
		case '\n': folio_buf_puts(b, "%0A"); break;
		case ':': folio_buf_puts(b, property ? "%3A" : ":"); break;
		case ',': folio_buf_puts(b, property ? "%2C" : ","); break;
		default: folio_buf_putc(b, *s);
		}
	}
}

static void print_github(const struct folio_diags *d, FILE *out)
{
	static const char *const cmd[] = {"notice", "warning", "error"};
	struct folio_buf b = FOLIO_BUF_INIT;
	for (size_t i = 0; i < d->n; i++) {
		const struct folio_diag *r = &d->v[i];
		folio_buf_printf(&b, "::%s file=", cmd[r->sev]);
		gh_escape(&b, r->file ? r->file : "", 1);
		folio_buf_printf(&b, ",line=%d,col=%d,title=", r->line, r->col);
		gh_escape(&b, r->rule, 1);
		folio_buf_puts(&b, "::");
		gh_escape(&b, r->msg, 0);
		folio_buf_puts(&b, " [");
		gh_escape(&b, r->rule, 0);
		folio_buf_puts(&b, "]\n");
	}
	if (b.data)
		fputs(b.data, out);
	folio_buf_free(&b);
}

void folio_diags_print(const struct folio_diags *d, FILE *out,
		       const struct folio_print_opts *o)
{
	switch (o->format) {
	case FOLIO_FMT_JSON: print_json(d, out, o); break;
	case FOLIO_FMT_JUNIT: print_junit(d, out, o); break;
	case FOLIO_FMT_GITHUB: print_github(d, out); break;
	default: print_text(d, out, o->color); break;
	}
}
