/* compare.c — runs a comparison and keeps its records.
 *
 * Loading and validating the two editions are independent and are most of
 * the time a comparison takes, so the translation is loaded on a second
 * thread while this one loads the original (load.c keeps its state per
 * thread; every validator here is the thread's own).  Each thread collects
 * its records apart; they join the caller's collection afterwards, the
 * original's first, so the output does not depend on timing.  Then the
 * trees are built and paired, and the checks run.  Every finding goes
 * through cmp_report, which keeps the extra data of the JSON and HTML
 * reports in an array parallel to the records. */
#include "cmpint.h"
#include "source.h"
#include "utf8.h"
#include "xalloc.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlschemastypes.h>

struct loadjob {
	const char *path;
	int validate;
	struct folio_diags d;
	struct folio_doc *doc;
	int rc;
	int usable;
	struct tree tree;       /* built here too: it is per document */
};

static int unusable(const struct loadjob *j);

static void *load_job(void *arg)
{
	struct loadjob *j = arg;
	if (cmp_is_epub(j->path)) {
		/* The tree is built from the EPUB's own documents. */
		j->rc = cmp_epub_load(j->path, j->validate, &j->d, &j->tree);
		j->usable = j->rc == 0;
		if (j->rc == 0 && folio_diags_failed(&j->d))
			j->rc = 1;
		return NULL;
	}
	if (j->validate) {
		struct folio_checker ch = {0};
		ch.use_profile = 1;
		j->rc = folio_checker_run(&ch, j->path, &j->d, &j->doc);
		folio_checker_fini(&ch);
	} else {
		j->rc = folio_load(j->path, &j->d, &j->doc);
	}
	j->usable = !unusable(j);
	if (j->usable) {
		cmp_tree_build(&j->tree, j->doc);
		j->doc = NULL;          /* the tree owns it now */
	}
	return NULL;
}

/* Records that mean the document could not be read as DocBook: comparing
 * what was parsed of it would only add noise. */
static int unusable(const struct loadjob *j)
{
	static const char *const fatal[] = {"io", "input-too-large", "xml-syntax", "xml-encoding",
					    "xml-entity", "xml-entity-expansion", "xinclude",
					    "xinclude-escape", "not-docbook"};
	if (j->doc == NULL || j->doc->doc == NULL || j->rc == 2)
		return 1;
	for (size_t i = 0; i < j->d.n; i++)
		for (size_t k = 0; k < sizeof fatal / sizeof fatal[0]; k++)
			if (strcmp(j->d.v[i].rule, fatal[k]) == 0)
				return 1;
	return 0;
}

static void pad_findings(struct folio_compare *c, size_t n)
{
	c->f = folio_xgrow(c->f, &c->fcap, n, sizeof *c->f);
	while (c->nf < n) {
		memset(&c->f[c->nf], 0, sizeof c->f[c->nf]);
		c->f[c->nf].a = c->f[c->nf].b = -1;
		c->nf++;
	}
}

static void merge(struct folio_diags *d, struct loadjob *j)
{
	for (size_t i = 0; i < j->d.n; i++) {
		const struct folio_diag *r = &j->d.v[i];
		folio_diag_id(d, r->rule, r->sev, r->file, r->line, r->col, "%s", r->msg);
	}
}

/* Expected log ratio of a translation's length to its English original's,
 * for the pairing's first guesses and for short documents. */
static double len_prior(const char *lang)
{
	static const struct {
		const char *lang;
		double r;
	} priors[] = {
		{"fr", 0.15}, {"es", 0.15}, {"pt", 0.12}, {"it", 0.12}, {"de", 0.15},
		{"nl", 0.10}, {"ru", 0.10}, {"ar", -0.05}, {"fa", 0.0}, {"zh", -1.1},
		{"ja", -0.9}, {"ko", -0.6}, {"el", 0.12}, {"he", -0.15},
	};
	for (size_t i = 0; i < sizeof priors / sizeof priors[0]; i++)
		if (strcmp(priors[i].lang, lang) == 0)
			return priors[i].r;
	return 0;
}

int folio_compare_run(const struct folio_compare_opts *o, const char *original,
		      const char *translation, struct folio_diags *d,
		      struct folio_compare **out)
{
	struct loadjob jo = {.path = original, .validate = o->validate};
	struct loadjob jt = {.path = translation, .validate = o->validate};
	struct loadjob jb = {.path = o->base};
	struct folio_compare *c = NULL;
	pthread_t th;
	int threaded, rc = -1;

	*out = NULL;
	folio_diags_init(&jo.d);
	folio_diags_init(&jt.d);
	folio_diags_init(&jb.d);
	/* libxml2 2.9 initialises these type tables lazily and without a lock:
	 * two validators compiled at once would race (and leak), so they are
	 * set up here, before the second thread starts. */
	xmlInitParser();
	xmlRelaxNGInitTypes();
	xmlSchemaInitTypes();
	threaded = pthread_create(&th, NULL, load_job, &jt) == 0;
	load_job(&jo);
	if (o->base)
		load_job(&jb);
	if (threaded)
		pthread_join(th, NULL);
	else
		load_job(&jt);

	merge(d, &jo);
	merge(d, &jt);
	merge(d, &jb);
	if (jo.rc == 2 || jt.rc == 2 || (o->base && jb.rc == 2)) {
		rc = 2;
		goto out;
	}
	if (!jo.usable || !jt.usable || (o->base && !jb.usable)) {
		rc = 1;
		goto out;
	}

	c = folio_xcalloc(1, sizeof *c);
	c->d = d;
	pad_findings(c, d->n);
	c->orig = jo.tree;
	c->trans = jt.tree;
	memset(&jo.tree, 0, sizeof jo.tree);
	memset(&jt.tree, 0, sizeof jt.tree);
	cmp_primary(c->orig.lang, c->olang, sizeof c->olang);
	cmp_primary(c->trans.lang, c->tlang, sizeof c->tlang);
	c->lg = folio_langguess_new();
	c->al.a = &c->orig;
	c->al.b = &c->trans;
	c->al.prior = len_prior(c->tlang) - len_prior(c->olang);
	cmp_align(&c->al, c);
	if (o->base) {
		c->has_base = 1;
		c->base = jb.tree;
		memset(&jb.tree, 0, sizeof jb.tree);
		c->bl.a = &c->base;
		c->bl.b = &c->orig;
		cmp_align(&c->bl, NULL);
	}
	cmp_checks_run(c);
	pad_findings(c, d->n);
	c->d = NULL;
	*out = c;
	c = NULL;
	rc = 0;
out:
	folio_compare_free(c);
	cmp_tree_free(&jo.tree);
	cmp_tree_free(&jt.tree);
	cmp_tree_free(&jb.tree);
	folio_doc_free(jo.doc);
	folio_doc_free(jt.doc);
	folio_doc_free(jb.doc);
	folio_diags_free(&jo.d);
	folio_diags_free(&jt.d);
	folio_diags_free(&jb.d);
	return rc;
}

void folio_compare_free(struct folio_compare *c)
{
	if (c == NULL)
		return;
	cmp_align_free(&c->al);
	cmp_align_free(&c->bl);
	cmp_tree_free(&c->orig);
	cmp_tree_free(&c->trans);
	cmp_tree_free(&c->base);
	for (size_t i = 0; i < c->nf; i++) {
		free(c->f[i].id);
		free(c->f[i].ofile);
		free(c->f[i].otext);
		free(c->f[i].ttext);
	}
	free(c->f);
	free(c->rows);
	folio_langguess_free(c->lg);
	free(c);
}

int cmp_silenced(const struct folio_compare *c, enum folio_rule r)
{
	const char *id = folio_rule_info(r)->id;
	for (size_t i = 0; i < c->d->noff; i++)
		if (strcmp(c->d->off[i], id) == 0)
			return 1;
	return 0;
}

const char *cmp_where(struct folio_compare *c, int a, char *buf, size_t len)
{
	struct folio_loc loc = {NULL, 0, 0};
	if (a >= 0)
		cmp_locate(&c->orig, c->orig.u[a].node, &loc);
	snprintf(buf, len, "%s:%d", loc.file ? loc.file : c->orig.doc->path, loc.line);
	return buf;
}

/* The original's id for a finding: the unit's own or nearest, or, for a
 * translation unit alone, that of the nearest paired ancestor. */
static const char *finding_id(struct folio_compare *c, int a, int b)
{
	if (a >= 0)
		return cmp_unit_near_id(&c->orig, a);
	for (; b >= 0; b = c->trans.u[b].parent)
		if (c->al.pb && c->al.pb[b] >= 0)
			return cmp_unit_near_id(&c->orig, c->al.pb[b]);
	return c->orig.n ? cmp_unit_near_id(&c->orig, 0) : NULL;
}

void cmp_report(struct folio_compare *c, enum folio_rule r, int a, int b,
		const xmlNode *at, const char *otext, const char *ttext,
		const char *fmt, ...)
{
	struct folio_buf m = FOLIO_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	char *msg = folio_xvasprintf(fmt, ap);
	va_end(ap);
	folio_buf_puts(&m, msg);
	size_t head = m.len;
	if (otext && ttext)
		folio_buf_printf(&m, ": \"%s\" \xe2\x86\x92 \"%s\"", otext, ttext);
	else if (otext || ttext)
		folio_buf_printf(&m, ": \"%s\"", otext ? otext : ttext);

	if (at == NULL)
		at = b >= 0 ? c->trans.u[b].node : xmlDocGetRootElement(c->trans.doc->doc);
	struct folio_loc loc = {NULL, 0, 0};
	cmp_locate(&c->trans, at, &loc);
	size_t before = c->d->n;
	folio_diag(c->d, r, loc.file ? loc.file : c->trans.doc->path, loc.line, loc.col, "%s", m.data);
	if (c->d->n > before) {
		pad_findings(c, before);
		pad_findings(c, before + 1);
		struct finding *f = &c->f[before];
		const char *id = finding_id(c, a, b);
		f->a = a;
		f->b = b;
		f->id = id ? folio_xstrdup(id) : NULL;
		if (a >= 0) {
			struct folio_loc ol = {NULL, 0, 0};
			cmp_locate(&c->orig, c->orig.u[a].node, &ol);
			f->ofile = folio_xstrdup(ol.file ? ol.file : c->orig.doc->path);
			f->oline = ol.line;
			f->ocol = ol.col;
		}
		f->head = head;
		f->otext = otext ? folio_xstrdup(otext) : NULL;
		f->ttext = ttext ? folio_xstrdup(ttext) : NULL;
	}
	free(msg);
	folio_buf_free(&m);
}

/* Byte offset of the start of the code point that contains offset i. */
static size_t cp_start(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* Moves i back by up to n code points. */
static size_t back_chars(const char *s, size_t i, size_t n)
{
	while (i > 0 && n > 0) {
		i = cp_start(s, i - 1);
		n--;
	}
	return i;
}

/* Moves i forward by up to n code points within len. */
static size_t fwd_chars(const char *s, size_t len, size_t i, size_t n)
{
	while (i < len && n > 0) {
		uint32_t cp;
		i += folio_utf8_next(s + i, len - i, &cp);
		n--;
	}
	return i;
}

/* Appends text with each xref mark shown as "[xref]". */
static void append_shown(struct folio_buf *b, const char *text, size_t len)
{
	size_t ml = strlen(FOLIO_XREF_MARK), from = 0;
	for (size_t i = 0; i < len; i++) {
		if (len - i < ml || memcmp(text + i, FOLIO_XREF_MARK, ml) != 0)
			continue;
		folio_buf_append(b, text + from, i - from);
		folio_buf_puts(b, "[xref]");
		from = i + ml;
		i += ml - 1;
	}
	folio_buf_append(b, text + from, len - from);
}

char *cmp_excerpt(const char *text, size_t len, size_t focus, size_t focus_end, size_t width)
{
	if (text == NULL)
		return folio_xstrdup("");
	if (folio_utf8_count(text, len) <= width) {
		struct folio_buf w = FOLIO_BUF_INIT;
		append_shown(&w, text, len);
		return w.data ? folio_buf_take(&w) : folio_xstrdup("");
	}
	if (focus > len)
		focus = len;
	if (focus_end < focus)
		focus_end = focus;
	size_t flen = folio_utf8_count(text + focus, focus_end - focus);
	size_t before = flen >= width ? 0 : (width - flen) / 3;
	size_t s = back_chars(text, cp_start(text, focus), before);
	size_t e = fwd_chars(text, len, s, width);
	/* Cut at spaces when one is near, so words stay whole. */
	for (size_t k = s, lim = 0; k > 0 && k < focus && lim < 12; k++, lim++)
		if (text[k - 1] == ' ') {
			s = k;
			break;
		}
	for (size_t k = e, lim = 0; k < len && k > focus_end && lim < 12; k--, lim++)
		if (text[k] == ' ') {
			e = k;
			break;
		}
	struct folio_buf b = FOLIO_BUF_INIT;
	if (s > 0)
		folio_buf_puts(&b, "\xe2\x80\xa6");
	append_shown(&b, text + s, e - s);
	if (e < len)
		folio_buf_puts(&b, "\xe2\x80\xa6");
	return folio_buf_take(&b);
}

/* Sorting: a permutation, so that the findings follow their records. */
struct sortkey {
	const struct folio_diag *r;
	size_t i;
};

static int cmp_key(const void *x, const void *y)
{
	const struct sortkey *a = x, *b = y;
	const char *fa = a->r->file ? a->r->file : "", *fb = b->r->file ? b->r->file : "";
	int c = strcmp(fa, fb);
	if (c == 0)
		c = (a->r->line > b->r->line) - (a->r->line < b->r->line);
	if (c == 0)
		c = (a->r->col > b->r->col) - (a->r->col < b->r->col);
	if (c == 0)
		c = (a->i > b->i) - (a->i < b->i);
	return c;
}

void folio_compare_sort(struct folio_compare *c, struct folio_diags *d)
{
	if (c == NULL) {
		folio_diags_sort(d);
		return;
	}
	pad_findings(c, d->n);
	if (d->n < 2)
		return;
	struct sortkey *k = folio_xmalloc((d->n ? d->n : 1) * sizeof *k);
	for (size_t i = 0; i < d->n; i++) {
		k[i].r = &d->v[i];
		k[i].i = i;
	}
	qsort(k, d->n, sizeof *k, cmp_key);
	struct folio_diag *v = folio_xmalloc((d->n ? d->n : 1) * sizeof *v);
	struct finding *f = folio_xmalloc((d->n ? d->n : 1) * sizeof *f);
	for (size_t i = 0; i < d->n; i++) {
		v[i] = d->v[k[i].i];
		f[i] = c->f[k[i].i];
	}
	memcpy(d->v, v, d->n * sizeof *v);
	memcpy(c->f, f, d->n * sizeof *f);
	free(v);
	free(f);
	free(k);
}

static void json_str(struct folio_buf *b, const char *s)
{
	if (s == NULL) {
		folio_buf_puts(b, "null");
		return;
	}
	folio_buf_putc(b, '"');
	folio_buf_json(b, s);
	folio_buf_putc(b, '"');
}

void folio_compare_json(const struct folio_compare *c, const struct folio_diags *d,
			const char *original, const char *translation,
			struct folio_buf *b)
{
	folio_buf_puts(b, "{\n  \"tool\": \"folio-compare\",\n  \"original\": ");
	json_str(b, original);
	folio_buf_puts(b, ",\n  \"translation\": ");
	json_str(b, translation);
	folio_buf_printf(b, ",\n  \"errors\": %zu,\n  \"warnings\": %zu,\n  \"notes\": %zu,\n",
			 d->count[FOLIO_ERROR], d->count[FOLIO_WARNING], d->count[FOLIO_NOTE]);
	folio_buf_puts(b, "  \"diagnostics\": [");
	for (size_t i = 0; i < d->n; i++) {
		const struct folio_diag *r = &d->v[i];
		const struct finding *f = c && i < c->nf ? &c->f[i] : NULL;
		folio_buf_puts(b, i ? ",\n    {" : "\n    {");
		folio_buf_puts(b, "\"file\": ");
		json_str(b, r->file ? r->file : "");
		folio_buf_printf(b, ", \"line\": %d, \"column\": %d, \"severity\": \"%s\", \"rule\": ",
				 r->line, r->col, folio_sev_name(r->sev));
		json_str(b, r->rule);
		folio_buf_puts(b, ", \"message\": ");
		json_str(b, r->msg);
		folio_buf_puts(b, ", \"id\": ");
		json_str(b, f ? f->id : NULL);
		folio_buf_puts(b, ", \"original\": ");
		if (f && f->ofile) {
			folio_buf_puts(b, "{\"file\": ");
			json_str(b, f->ofile);
			folio_buf_printf(b, ", \"line\": %d, \"column\": %d, \"text\": ", f->oline, f->ocol);
			json_str(b, f->otext);
			folio_buf_puts(b, "}");
		} else {
			folio_buf_puts(b, "null");
		}
		folio_buf_puts(b, ", \"translation\": ");
		if (f && (f->b >= 0 || f->ttext)) {
			folio_buf_puts(b, "{\"text\": ");
			json_str(b, f->ttext);
			folio_buf_puts(b, "}");
		} else {
			folio_buf_puts(b, "null");
		}
		folio_buf_puts(b, "}");
	}
	folio_buf_puts(b, d->n ? "\n  ]\n}\n" : "]\n}\n");
}
