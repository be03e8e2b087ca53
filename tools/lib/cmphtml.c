/* cmphtml.c — folio-compare's HTML report.
 *
 * One self-contained page: inline CSS, no script, no external resource.
 * A summary by rule (each linked to its first finding), the records that
 * belong to no block (validation, and findings about files rather than
 * text), then the two editions side by side, one table row per pair in
 * document order: sections as headings, text blocks with their text, blocks
 * alone (missing or extra) with a gap on the other side.  A row with
 * findings is highlighted and followed by them, each with an anchor.  The
 * columns carry lang and dir (right-to-left languages right-to-left).
 * Every piece of text is escaped. */
#include "cmpint.h"
#include "ident.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static const char css[] =
	"body{font:15px/1.5 system-ui,'Segoe UI',Roboto,'Noto Sans','Noto Naskh Arabic',sans-serif;"
	"margin:0;color:#1d1d1f;background:#f6f7f9}"
	"header,main>section{max-width:1500px;margin:0 auto;padding:0 1.25rem}"
	"header{padding-top:1rem}h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}"
	"code{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:.9em}"
	".totals span{display:inline-block;margin-inline-end:1rem;font-weight:600}"
	".e{color:#b00020}.w{color:#8a5300}.n{color:#1a5fb4}"
	"table{border-collapse:collapse;width:100%;background:#fff}"
	"th,td{text-align:start;vertical-align:top;padding:.35rem .6rem}"
	".sum td,.sum th{border-bottom:1px solid #e4e6ea}"
	".sbs{table-layout:fixed}.sbs td{border-top:1px solid #eceef1;width:50%;overflow-wrap:anywhere}"
	".sbs thead th{position:sticky;top:0;background:#2b3a55;color:#fff;z-index:1}"
	".sbs tr.sec td{background:#e9eef6;font-weight:600;border-top:2px solid #c5d0e3}"
	".sbs tr.title td{font-weight:600}"
	".lbl{font-size:.72em;color:#6b7280;text-transform:uppercase;letter-spacing:.04em;"
	"margin:0 .45em 0 0;font-weight:normal}[dir=rtl]>.lbl{margin:0 0 0 .45em}"
	".sbs tr.hit td{background:#fff7e0}.sbs tr.hit.error td{background:#fdecee}"
	".sbs tr.hit td:first-child{box-shadow:inset 4px 0 #e0a100}"
	".sbs tr.hit.error td:first-child{box-shadow:inset 4px 0 #c62828}"
	".gap{color:#9aa0a6;font-style:italic}"
	".xref{font-size:.85em;color:#1a5fb4;background:#eef3fb;border-radius:3px;padding:0 .25em}"
	".ex{color:#374151}"
	"tr.found td{background:#fffdf5;padding-top:0;border-top:0}"
	"ul.found,ol.found{margin:.2rem 0 .4rem;padding-inline-start:1.3rem}"
	".found li{margin:.15rem 0}.found li:target{outline:2px solid #1a5fb4;outline-offset:2px}"
	".found a{color:inherit}.loc{color:#4b5563}"
	"[dir=rtl]{text-align:right}";

static void esc(struct folio_buf *b, const char *s)
{
	folio_buf_xml(b, s ? s : "");
}

static const char *sev_class(enum folio_sev s)
{
	return s == FOLIO_ERROR ? "e" : s == FOLIO_WARNING ? "w" : "n";
}

/* Text with bidirectional isolation, in its edition's language. */
static void excerpt(struct folio_buf *b, const char *text, const char *lang)
{
	folio_buf_puts(b, "<bdi class=\"ex\" lang=\"");
	esc(b, lang);
	folio_buf_puts(b, "\" dir=\"auto\">");
	esc(b, text);
	folio_buf_puts(b, "</bdi>");
}

static void finding_item(struct folio_buf *b, const struct folio_compare *c,
			 const struct folio_diags *d, size_t i)
{
	const struct folio_diag *r = &d->v[i];
	const struct finding *f = c && i < c->nf ? &c->f[i] : NULL;
	folio_buf_printf(b, "<li id=\"f%zu\" class=\"%s\"><a class=\"loc\" href=\"#f%zu\">", i,
			 sev_class(r->sev), i);
	esc(b, r->file ? r->file : "-");
	folio_buf_printf(b, ":%d:%d</a> %s: ", r->line, r->col, folio_sev_name(r->sev));
	if (f && (f->otext || f->ttext) && f->head <= strlen(r->msg)) {
		/* The excerpts apart, each isolated: Arabic inside an English
		 * sentence must not reorder it. */
		char *head = folio_xstrndup(r->msg, f->head);
		esc(b, head);
		free(head);
		folio_buf_puts(b, ": ");
		if (f->otext)
			excerpt(b, f->otext, c->orig.lang);
		if (f->otext && f->ttext)
			folio_buf_puts(b, " \xe2\x86\x92 ");
		if (f->ttext)
			excerpt(b, f->ttext, c->trans.lang);
	} else {
		esc(b, r->msg);
	}
	folio_buf_puts(b, " <code>[");
	esc(b, r->rule);
	folio_buf_puts(b, "]</code></li>\n");
}

static void cell(struct folio_buf *b, const struct tree *t, int u, const char *lang,
		 int rtl, int depth, const char *gap)
{
	folio_buf_puts(b, "<td lang=\"");
	esc(b, lang);
	folio_buf_printf(b, "\" dir=\"%s\" style=\"padding-inline-start:%.1frem\">",
			 rtl ? "rtl" : "ltr", 0.6 + 0.9 * (depth > 8 ? 8 : depth));
	if (u < 0) {
		folio_buf_puts(b, "<span class=\"gap\">");
		esc(b, gap);
		folio_buf_puts(b, "</span></td>");
		return;
	}
	const struct unit *un = &t->u[u];
	/* Labels are English: the report's own language. */
	folio_buf_puts(b, "<span class=\"lbl\" lang=\"en\" dir=\"ltr\">");
	esc(b, un->label);
	if (un->id) {
		folio_buf_puts(b, " ");
		esc(b, un->id);
	}
	folio_buf_puts(b, "</span>");
	/* Each xref mark shows where the reference is and what it targets. */
	const char *p = un->text, *m;
	int k = 0;
	while ((m = strstr(p, FOLIO_XREF_MARK)) != NULL) {
		char *part = folio_xstrndup(p, (size_t)(m - p));
		esc(b, part);
		free(part);
		folio_buf_puts(b, "<span class=\"xref\" lang=\"en\" dir=\"ltr\">\xe2\x86\x92\xc2\xa0");
		esc(b, k < un->nxrefs ? un->xrefs[k] : "");
		folio_buf_puts(b, "</span>");
		k++;
		p = m + strlen(FOLIO_XREF_MARK);
	}
	esc(b, p);
	folio_buf_puts(b, "</td>");
}

static int shown(const struct folio_compare *c, const struct row *r)
{
	const struct unit *a = r->a >= 0 ? &c->orig.u[r->a] : NULL;
	const struct unit *b = r->b >= 0 ? &c->trans.u[r->b] : NULL;
	if (a == NULL || b == NULL)
		return 1;
	return a->kind == U_SECTION || a->tlen || b->tlen;
}

void folio_compare_html(const struct folio_compare *c, const struct folio_diags *d,
			const char *original, const char *translation,
			struct folio_buf *b)
{
	size_t nrows = c ? c->nrows : 0;
	/* Which row each finding belongs to (or none). */
	long *row_of = folio_xmalloc((d->n ? d->n : 1) * sizeof *row_of);
	long *next_in_row = folio_xmalloc((d->n ? d->n : 1) * sizeof *next_in_row);
	long *first_of_row = folio_xmalloc((nrows ? nrows : 1) * sizeof *first_of_row);
	long *last_of_row = folio_xmalloc((nrows ? nrows : 1) * sizeof *last_of_row);
	size_t na = c ? c->orig.n : 0, nb = c ? c->trans.n : 0;
	long *row_a = folio_xmalloc((na ? na : 1) * sizeof *row_a);
	long *row_b = folio_xmalloc((nb ? nb : 1) * sizeof *row_b);
	for (size_t u = 0; u < na; u++)
		row_a[u] = -1;
	for (size_t u = 0; u < nb; u++)
		row_b[u] = -1;
	for (size_t r = nrows; r-- > 0;) {
		first_of_row[r] = last_of_row[r] = -1;
		if (c->rows[r].a >= 0)
			row_a[c->rows[r].a] = (long)r;
		if (c->rows[r].b >= 0)
			row_b[c->rows[r].b] = (long)r;
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct finding *f = c && i < c->nf ? &c->f[i] : NULL;
		long r = -1;
		if (f && f->a >= 0)
			r = row_a[f->a];
		else if (f && f->b >= 0)
			r = row_b[f->b];
		row_of[i] = r;
		next_in_row[i] = -1;
		if (r < 0)
			continue;
		if (first_of_row[r] < 0)
			first_of_row[r] = (long)i;
		else
			next_in_row[last_of_row[r]] = (long)i;
		last_of_row[r] = (long)i;
	}
	const char *olang = c ? c->orig.lang : "", *tlang = c ? c->trans.lang : "";
	int ortl = folio_bcp47_is_rtl(olang), trtl = folio_bcp47_is_rtl(tlang);

	folio_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	esc(b, translation);
	folio_buf_puts(b, " against ");
	esc(b, original);
	folio_buf_puts(b, " \xe2\x80\x94 folio-compare</title>\n<style>");
	folio_buf_puts(b, css);
	folio_buf_puts(b, "</style>\n</head>\n<body>\n<header>\n<h1>Translation check</h1>\n<p>Original <code>");
	esc(b, original);
	folio_buf_puts(b, "</code> (");
	esc(b, olang[0] ? olang : "no xml:lang");
	folio_buf_puts(b, ") \xc2\xb7 translation <code>");
	esc(b, translation);
	folio_buf_puts(b, "</code> (");
	esc(b, tlang[0] ? tlang : "no xml:lang");
	folio_buf_printf(b, ")</p>\n<p class=\"totals\"><span class=\"e\">%zu error%s</span>"
			    "<span class=\"w\">%zu warning%s</span><span class=\"n\">%zu note%s</span></p>\n"
			    "</header>\n<main>\n",
			 d->count[FOLIO_ERROR], d->count[FOLIO_ERROR] == 1 ? "" : "s",
			 d->count[FOLIO_WARNING], d->count[FOLIO_WARNING] == 1 ? "" : "s",
			 d->count[FOLIO_NOTE], d->count[FOLIO_NOTE] == 1 ? "" : "s");

	/* Summary by rule, in the catalogue's order, then other ids. */
	folio_buf_puts(b, "<section id=\"summary\">\n<h2>Summary by rule</h2>\n");
	if (d->n == 0)
		folio_buf_puts(b, "<p>No findings: the translation matches its original on every check.</p>\n");
	else
		folio_buf_puts(b, "<table class=\"sum\">\n<thead><tr><th>Rule</th><th>Severity</th>"
				  "<th>Findings</th><th>What it means</th></tr></thead>\n<tbody>\n");
	char *listed = folio_xcalloc(d->n ? d->n : 1, 1);
	for (size_t i = 0; i < d->n; i++) {
		if (listed[i])
			continue;
		size_t count = 0;
		for (size_t k = i; k < d->n; k++)
			if (strcmp(d->v[k].rule, d->v[i].rule) == 0) {
				listed[k] = 1;
				count++;
			}
		int ri = folio_rule_find(d->v[i].rule);
		folio_buf_printf(b, "<tr><td><a href=\"#f%zu\"><code>", i);
		esc(b, d->v[i].rule);
		folio_buf_printf(b, "</code></a></td><td class=\"%s\">%s</td><td>%zu</td><td>",
				 sev_class(d->v[i].sev), folio_sev_name(d->v[i].sev), count);
		esc(b, ri >= 0 ? folio_rule_info((enum folio_rule)ri)->doc : "Schematron rule");
		folio_buf_puts(b, "</td></tr>\n");
	}
	free(listed);
	if (d->n)
		folio_buf_puts(b, "</tbody>\n</table>\n");
	folio_buf_puts(b, "</section>\n");

	size_t loose = 0;
	for (size_t i = 0; i < d->n; i++)
		loose += row_of[i] < 0;
	if (loose) {
		folio_buf_puts(b, "<section id=\"files\">\n<h2>Findings about the files</h2>\n<ul class=\"found\">\n");
		for (size_t i = 0; i < d->n; i++)
			if (row_of[i] < 0)
				finding_item(b, c, d, i);
		folio_buf_puts(b, "</ul>\n</section>\n");
	}

	if (c) {
		folio_buf_puts(b, "<section id=\"text\">\n<h2>Side by side</h2>\n<table class=\"sbs\">\n"
				  "<thead><tr><th>Original <code>");
		esc(b, original);
		folio_buf_puts(b, "</code></th><th>Translation <code>");
		esc(b, translation);
		folio_buf_puts(b, "</code></th></tr></thead>\n<tbody>\n");
	}
	for (size_t r = 0; r < nrows; r++) {
		const struct row *rw = &c->rows[r];
		long first = first_of_row[r];
		if (!shown(c, rw) && first < 0)
			continue;
		int worst = -1;
		for (long i = first; i >= 0; i = next_in_row[i])
			if ((int)d->v[i].sev > worst)
				worst = (int)d->v[i].sev;
		const struct unit *any = rw->a >= 0 ? &c->orig.u[rw->a] : &c->trans.u[rw->b];
		folio_buf_printf(b, "<tr id=\"r%zu\" class=\"%s%s%s\">", r,
				 any->kind == U_SECTION ? "sec" : strcmp(any->label, "title") == 0 ? "title" : "row",
				 worst >= 0 ? " hit" : "", worst == FOLIO_ERROR ? " error" : "");
		cell(b, &c->orig, rw->a, olang, ortl, rw->depth, "not in the original");
		cell(b, &c->trans, rw->b, tlang, trtl, rw->depth, "missing in the translation");
		folio_buf_puts(b, "</tr>\n");
		if (first < 0)
			continue;
		folio_buf_puts(b, "<tr class=\"found\"><td colspan=\"2\"><ul class=\"found\">\n");
		for (long i = first; i >= 0; i = next_in_row[i])
			finding_item(b, c, d, (size_t)i);
		folio_buf_puts(b, "</ul></td></tr>\n");
	}
	if (c)
		folio_buf_puts(b, "</tbody>\n</table>\n</section>\n");
	folio_buf_puts(b, "</main>\n</body>\n</html>\n");
	free(row_of);
	free(next_in_row);
	free(first_of_row);
	free(last_of_row);
	free(row_a);
	free(row_b);
}
