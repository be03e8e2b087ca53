/* cmpchecks.c — the checks folio-compare runs on each pair of blocks.
 *
 * One small function per rule, dispatched from the table at the end; adding
 * a check is one function and one row.  A check looks at one original unit
 * and its translation (struct px) and reports through cmp_report, with the
 * original's place and excerpts of both texts.  What several checks need
 * (the codes of both texts, the texts with those codes blanked out) is
 * computed once per pair, on first use.  Length ratios need the whole
 * document: their median and spread are measured before the checks run. */
#include "cmpint.h"
#include "buf.h"
#include "codes.h"
#include "encoding.h"
#include "numbers.h"
#include "utf8.h"
#include "xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct px {
	struct folio_compare *c;
	int a, b;
	struct unit *ua, *ub;
	int empty;              /* the translation has no text: text checks stop */
	int untranslated;
	int have_codes;
	struct folio_code *ca, *cb;
	size_t nca, ncb;
	char *blank_a, *blank_b;        /* text with codes blanked out */
};

static void need_codes(struct px *p)
{
	if (p->have_codes)
		return;
	p->have_codes = 1;
	p->nca = folio_codes_scan(p->ua->text, p->ua->tlen, &p->ca);
	p->ncb = folio_codes_scan(p->ub->text, p->ub->tlen, &p->cb);
	p->blank_a = folio_xstrdup(p->ua->text);
	p->blank_b = folio_xstrdup(p->ub->text);
	for (size_t i = 0; i < p->nca; i++)
		memset(p->blank_a + p->ca[i].start, ' ', p->ca[i].end - p->ca[i].start);
	for (size_t i = 0; i < p->ncb; i++)
		memset(p->blank_b + p->cb[i].start, ' ', p->cb[i].end - p->cb[i].start);
}

static char *ex_a(struct px *p, size_t s, size_t e)
{
	return cmp_excerpt(p->ua->text, p->ua->tlen, s, e, 70);
}

static char *ex_b(struct px *p, size_t s, size_t e)
{
	return cmp_excerpt(p->ub->text, p->ub->tlen, s, e, 70);
}

/* Excerpts of the first text in each unit's subtree (a section's title). */
static void samples(struct px *p, char **oa, char **tb)
{
	const char *a = cmp_unit_sample(&p->c->orig, p->a), *b = cmp_unit_sample(&p->c->trans, p->b);
	*oa = cmp_excerpt(a, strlen(a), 0, 0, 60);
	*tb = cmp_excerpt(b, strlen(b), 0, 0, 60);
}

/* Byte offset of the first xref mark in s, or 0. */
static size_t first_mark(const char *s)
{
	const char *m = strstr(s, FOLIO_XREF_MARK);
	return m ? (size_t)(m - s) : 0;
}

static int has_content(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += folio_utf8_next(s + i, len - i, &cp);
		if (folio_utf8_is_wordchar(cp) || folio_numbers_digit(cp) >= 0)
			return 1;
	}
	return 0;
}

/* ---- cmp-empty ------------------------------------------------------- */

static void check_empty(struct px *p)
{
	if (!has_content(p->ua->text, p->ua->tlen) || has_content(p->ub->text, p->ub->tlen))
		return;
	char where[512], *oa = ex_a(p, 0, 0);
	p->empty = 1;
	cmp_report(p->c, FOLIO_R_CMP_EMPTY, p->a, p->b, NULL, oa, NULL,
		   "%s is empty here; the original's (%s) has text", p->ub->label,
		   cmp_where(p->c, p->a, where, sizeof where));
	free(oa);
}

/* ---- cmp-mojibake ---------------------------------------------------- */

/* Double-encoded UTF-8 and replacement characters, as folio-recode finds
 * (and repairs) them: encoding.h. */
static size_t mojibake(const char *s, size_t len, struct folio_mojibake **m)
{
	*m = NULL;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return folio_encoding_mojibake_find(s, len, m);
	return 0;               /* ASCII cannot hold any */
}

static void check_mojibake(struct px *p)
{
	struct folio_mojibake *ma = NULL, *mb = NULL;
	size_t nb = mojibake(p->ub->text, p->ub->tlen, &mb);
	size_t na = nb ? mojibake(p->ua->text, p->ua->tlen, &ma) : 0;
	if (nb > na) {
		char where[512], more[48] = "", meant[32] = "";
		char *tb = ex_b(p, mb[0].off, mb[0].off + mb[0].len);
		if (mb[0].exact)
			snprintf(meant, sizeof meant, " (meant \"%s\")", mb[0].meant);
		if (nb - na > 1)
			snprintf(more, sizeof more, " and %zu more", nb - na - 1);
		cmp_report(p->c, FOLIO_R_CMP_MOJIBAKE, p->a, p->b, NULL, NULL, tb,
			   "mis-decoded text \"%s\"%s%s, not in the original (%s)", mb[0].seen,
			   meant, more, cmp_where(p->c, p->a, where, sizeof where));
		free(tb);
	}
	free(ma);
	free(mb);
}

/* ---- cmp-id ------------------------------------------------------------ */

static int in_list(char **v, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

static void check_ids(struct px *p)
{
	char where[512], *oa = NULL, *tb = NULL;
	const char *ia = p->ua->id, *ib = p->ub->id;
	if (ia && (ib == NULL || strcmp(ia, ib) != 0)) {
		samples(p, &oa, &tb);
		if (ib)
			cmp_report(p->c, FOLIO_R_CMP_ID, p->a, p->b, NULL, oa, tb,
				   "xml:id \"%s\" of the original's %s (%s) is \"%s\" here; ids must not be translated",
				   ia, p->ua->label, cmp_where(p->c, p->a, where, sizeof where), ib);
		else
			cmp_report(p->c, FOLIO_R_CMP_ID, p->a, p->b, NULL, oa, tb,
				   "xml:id \"%s\" of the original's %s (%s) is missing here",
				   ia, p->ua->label, cmp_where(p->c, p->a, where, sizeof where));
	}
	for (int i = 0; i < p->ua->nids; i++) {
		if (in_list(p->ub->ids, p->ub->nids, p->ua->ids[i]))
			continue;
		if (oa == NULL)
			samples(p, &oa, &tb);
		cmp_report(p->c, FOLIO_R_CMP_ID, p->a, p->b, NULL, oa, tb,
			   "xml:id \"%s\" inside the original's %s (%s) is missing here",
			   p->ua->ids[i], p->ua->label, cmp_where(p->c, p->a, where, sizeof where));
		break;
	}
	free(oa);
	free(tb);
}

/* ---- cmp-links, cmp-linkend ------------------------------------------ */

static int nlinks(const struct unit *u)
{
	return u->inl[I_XREF] + u->inl[I_LINK];
}

static void check_links(struct px *p)
{
	int na = nlinks(p->ua), nb = nlinks(p->ub);
	if (na == nb)
		return;
	char where[512], *oa = ex_a(p, 0, 0), *tb = ex_b(p, 0, 0);
	cmp_report(p->c, FOLIO_R_CMP_LINKS, p->a, p->b, NULL, oa, tb,
		   "%d cross-reference%s and link%s in the original (%s), %d here",
		   na, na == 1 ? "" : "s", na == 1 ? "" : "s",
		   cmp_where(p->c, p->a, where, sizeof where), nb);
	free(oa);
	free(tb);
}

/* The first string of a not in b, counting repeats (multiset difference). */
static const char *first_missing(char **a, int na, char **b, int nb)
{
	char *used = folio_xcalloc((size_t)(nb ? nb : 1), 1);
	const char *miss = NULL;
	for (int i = 0; i < na && !miss; i++) {
		int found = 0;
		for (int j = 0; j < nb && !found; j++)
			if (!used[j] && strcmp(a[i], b[j]) == 0)
				used[j] = found = 1;
		if (!found)
			miss = a[i];
	}
	free(used);
	return miss;
}

static void check_linkends(struct px *p)
{
	if (nlinks(p->ua) != nlinks(p->ub))
		return;         /* cmp-links said it */
	const char *miss = first_missing(p->ua->targets, p->ua->ntargets, p->ub->targets, p->ub->ntargets);
	if (miss == NULL)
		return;
	const char *instead = first_missing(p->ub->targets, p->ub->ntargets, p->ua->targets, p->ua->ntargets);
	char where[512];
	size_t ma = first_mark(p->ua->text), mb = first_mark(p->ub->text);
	char *oa = ex_a(p, ma, ma), *tb = ex_b(p, mb, mb);
	if (instead)
		cmp_report(p->c, FOLIO_R_CMP_LINKEND, p->a, p->b, NULL, oa, tb,
			   "link to \"%s\" in the original (%s) points to \"%s\" here",
			   miss, cmp_where(p->c, p->a, where, sizeof where), instead);
	else
		cmp_report(p->c, FOLIO_R_CMP_LINKEND, p->a, p->b, NULL, oa, tb,
			   "link to \"%s\" in the original (%s) is missing here",
			   miss, cmp_where(p->c, p->a, where, sizeof where));
	free(oa);
	free(tb);
}

/* ---- cmp-markup ---------------------------------------------------------- */

static void check_markup(struct px *p)
{
	static const char *const names[] = {"emphasis", "quotation", "cited title", "superscript",
					    "subscript", "code or literal"};
	struct folio_buf b = FOLIO_BUF_INIT;
	for (int k = I_EMPHASIS; k <= I_CODE; k++) {
		if (p->ua->inl[k] == p->ub->inl[k])
			continue;
		folio_buf_printf(&b, "%s%s %d \xe2\x86\x92 %d", b.len ? ", " : "", names[k],
				 p->ua->inl[k], p->ub->inl[k]);
	}
	if (b.len) {
		char where[512], *oa = ex_a(p, 0, 0), *tb = ex_b(p, 0, 0);
		cmp_report(p->c, FOLIO_R_CMP_MARKUP, p->a, p->b, NULL, oa, tb,
			   "inline markup differs from the original's (%s): %s",
			   cmp_where(p->c, p->a, where, sizeof where), b.data);
		free(oa);
		free(tb);
	}
	folio_buf_free(&b);
}

/* ---- cmp-number ---------------------------------------------------------- */

/* Roman numerals a translation may use where the original has digits
 * ("XXIe siècle", "siglo XXI" for "21st century"): their values join the
 * translation's set, never the original's requirements. */
static int roman_value(char ch)
{
	switch (ch) {
	case 'I': return 1;
	case 'V': return 5;
	case 'X': return 10;
	case 'L': return 50;
	case 'C': return 100;
	case 'D': return 500;
	case 'M': return 1000;
	default: return 0;
	}
}

static void add_romans(struct folio_numset *s, const char *t, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned char before = i > 0 ? (unsigned char)t[i - 1] : ' ';
		int word_start = before < 0x80 && !((before | 32) >= 'a' && (before | 32) <= 'z');
		if (!roman_value(t[i]) || !word_start) {
			i++;
			continue;
		}
		size_t j = i;
		int v = 0;
		for (; j < len && roman_value(t[j]); j++) {
			int cur = roman_value(t[j]), next = j + 1 < len ? roman_value(t[j + 1]) : 0;
			v += cur < next ? -cur : cur;
		}
		if (j - i >= 2 && v > 0) {
			struct folio_num n = {(uint64_t)v, 0};
			folio_numbers_set_add(s, &n);
		}
		i = j;
	}
}

static void check_numbers(struct px *p)
{
	struct folio_numtok *ta = NULL, *tb = NULL;
	struct folio_numset sa, sb;
	need_codes(p);
	size_t na = folio_numbers_scan(p->blank_a, p->ua->tlen, p->c->orig.lang, &ta);
	size_t nb = folio_numbers_scan(p->blank_b, p->ub->tlen, p->c->trans.lang, &tb);
	folio_numbers_set_init(&sa);
	folio_numbers_set_init(&sb);
	folio_numbers_set_add_tokens(&sa, ta, na);
	folio_numbers_set_add_tokens(&sb, tb, nb);
	add_romans(&sb, p->ub->text, p->ub->tlen);

	struct folio_buf miss = FOLIO_BUF_INIT, extra = FOLIO_BUF_INIT;
	size_t nmiss = 0, nextra = 0, first_a = 0, first_b = 0;
	for (size_t i = 0; i < na; i++) {
		if (folio_numbers_set_covers(&sb, &ta[i]))
			continue;
		char v[48];
		folio_numbers_format(&ta[i].val[0][0], v, sizeof v);
		if (nmiss == 0)
			first_a = i;
		if (nmiss++ < 5)
			folio_buf_printf(&miss, "%s%s%s", nmiss > 1 ? ", " : "", v, ta[i].percent ? "%" : "");
	}
	/* What the translation has instead: numbers whose preferred reading
	 * the original lacks. */
	for (size_t i = 0; i < nb && nmiss; i++) {
		int all = 1;
		for (int k = 0; k < tb[i].nval[0] && all; k++)
			all = folio_numbers_set_has(&sa, &tb[i].val[0][k]);
		if (all)
			continue;
		char v[48];
		folio_numbers_format(&tb[i].val[0][0], v, sizeof v);
		if (nextra == 0)
			first_b = i;
		if (nextra++ < 5)
			folio_buf_printf(&extra, "%s%s%s", nextra > 1 ? ", " : "", v, tb[i].percent ? "%" : "");
	}
	if (nmiss) {
		char where[512];
		char *oa = ex_a(p, ta[first_a].start, ta[first_a].end);
		char *xb = nextra ? ex_b(p, tb[first_b].start, tb[first_b].end) : ex_b(p, 0, 0);
		cmp_report(p->c, FOLIO_R_CMP_NUMBER, p->a, p->b, NULL, oa, xb,
			   "number%s %s%s of the original (%s) %s missing here%s%s%s",
			   nmiss == 1 ? "" : "s", miss.data, nmiss > 5 ? "…" : "",
			   cmp_where(p->c, p->a, where, sizeof where), nmiss == 1 ? "is" : "are",
			   nextra ? " (this segment has " : "", nextra ? extra.data : "", nextra ? ")" : "");
		free(oa);
		free(xb);
	}
	folio_buf_free(&miss);
	folio_buf_free(&extra);
	folio_numbers_set_free(&sa);
	folio_numbers_set_free(&sb);
	free(ta);
	free(tb);
}

/* ---- cmp-url, cmp-code --------------------------------------------------- */

struct strset {
	const char **v;
	size_t n, cap;
};

static void ss_add(struct strset *s, const char *x)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], x) == 0)
			return;
	s->v = folio_xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n++] = x;
}

static int ss_has(const struct strset *s, const char *x)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], x) == 0)
			return 1;
	return 0;
}

static void collect(struct strset *s, const struct folio_code *v, size_t n, int urls,
		    char **hrefs, int nhrefs)
{
	for (size_t i = 0; i < n; i++) {
		int is_url = v[i].kind == FOLIO_CODE_URL || v[i].kind == FOLIO_CODE_EMAIL;
		if (is_url == urls)
			ss_add(s, v[i].norm);
	}
	for (int i = 0; urls && i < nhrefs; i++)
		ss_add(s, hrefs[i]);
}

/* Where the code with this normalised form is written (0: not in the
 * text, an xlink:href). */
static size_t code_at(const struct folio_code *v, size_t n, const char *norm)
{
	for (size_t i = 0; norm && i < n; i++)
		if (strcmp(v[i].norm, norm) == 0)
			return v[i].start;
	return 0;
}

/* Reports what one set has and the other lacks, under rule r. */
static void diff_sets(struct px *p, enum folio_rule r, const char *what,
		      const struct strset *a, const struct strset *b)
{
	const char *miss = NULL, *extra = NULL;
	size_t nmiss = 0, nextra = 0;
	for (size_t i = 0; i < a->n; i++)
		if (!ss_has(b, a->v[i]) && nmiss++ == 0)
			miss = a->v[i];
	for (size_t i = 0; i < b->n; i++)
		if (!ss_has(a, b->v[i]) && nextra++ == 0)
			extra = b->v[i];
	if (!miss && !extra)
		return;
	char where[512];
	cmp_where(p->c, p->a, where, sizeof where);
	size_t sa = code_at(p->ca, p->nca, miss), sb = code_at(p->cb, p->ncb, extra);
	char *oa = ex_a(p, sa, sa), *tb = ex_b(p, sb, sb);
	if (miss && extra)
		cmp_report(p->c, r, p->a, p->b, NULL, oa, tb,
			   "%s %s of the original (%s) is %s here%s", what, miss, where, extra,
			   nmiss + nextra > 2 ? " (and more differences)" : "");
	else if (miss)
		cmp_report(p->c, r, p->a, p->b, NULL, oa, tb,
			   "%s %s of the original (%s) is missing here%s", what, miss, where,
			   nmiss > 1 ? " (and more)" : "");
	else
		cmp_report(p->c, r, p->a, p->b, NULL, oa, tb,
			   "%s %s is not in the original (%s)%s", what, extra, where,
			   nextra > 1 ? " (and more)" : "");
	free(oa);
	free(tb);
}

static void check_urls(struct px *p)
{
	struct strset a = {NULL, 0, 0}, b = {NULL, 0, 0};
	need_codes(p);
	collect(&a, p->ca, p->nca, 1, p->ua->hrefs, p->ua->nhrefs);
	collect(&b, p->cb, p->ncb, 1, p->ub->hrefs, p->ub->nhrefs);
	diff_sets(p, FOLIO_R_CMP_URL, "URL or address", &a, &b);
	free(a.v);
	free(b.v);
}

static void check_codes(struct px *p)
{
	struct strset a = {NULL, 0, 0}, b = {NULL, 0, 0};
	need_codes(p);
	collect(&a, p->ca, p->nca, 0, NULL, 0);
	collect(&b, p->cb, p->ncb, 0, NULL, 0);
	diff_sets(p, FOLIO_R_CMP_CODE, "identifier", &a, &b);
	free(a.v);
	free(b.v);
}

/* ---- cmp-untranslated ------------------------------------------------------ */

/* Worth translating: at least three words, one of them a lower-case word
 * of three letters or more (names, acronyms and codes are capitalised or
 * not words at all). */
static int translatable(const char *s, size_t len)
{
	size_t words = 0, lower = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t l = folio_utf8_next(s + i, len - i, &cp);
		if (!folio_utf8_is_wordchar(cp)) {
			i += l;
			continue;
		}
		int upper = folio_utf8_is_upper(cp);
		size_t n = 0;
		while (i < len) {
			l = folio_utf8_next(s + i, len - i, &cp);
			if (!folio_utf8_is_wordchar(cp))
				break;
			n++;
			i += l;
		}
		if (n >= 2)
			words++;
		if (n >= 3 && !upper)
			lower++;
	}
	return words >= 3 && lower >= 1;
}

static int same_language(const struct folio_compare *c)
{
	return strcmp(c->olang, c->tlang) == 0;
}

static void check_untranslated(struct px *p)
{
	if (same_language(p->c) || p->ua->code || p->ub->code || p->ub->foreign ||
	    p->ua->tlen == 0 || strcmp(p->ua->text, p->ub->text) != 0 ||
	    !translatable(p->ua->text, p->ua->tlen))
		return;
	char where[512], *tb = ex_b(p, 0, 0);
	p->untranslated = 1;
	cmp_report(p->c, FOLIO_R_CMP_UNTRANSLATED, p->a, p->b, NULL, NULL, tb,
		   "%s is the same as the original's (%s): not translated?", p->ub->label,
		   cmp_where(p->c, p->a, where, sizeof where));
	free(tb);
}

/* ---- cmp-wrong-language ------------------------------------------------------ */

static int sentence_end(const char *s, size_t i, size_t len)
{
	char ch = s[i];
	if ((ch == '.' || ch == '!' || ch == '?' || ch == ';') && i + 1 < len && s[i + 1] == ' ')
		return 1;
	/* Arabic question mark and semicolon, ideographic full stop. */
	return (i + 1 < len && (unsigned char)ch == 0xD8 &&
		((unsigned char)s[i + 1] == 0x9F || (unsigned char)s[i + 1] == 0x9B)) ||
	       (i + 2 < len && (unsigned char)ch == 0xE3 && (unsigned char)s[i + 1] == 0x80 &&
		(unsigned char)s[i + 2] == 0x82);
}

/* Stop words of `lang` in the profile (0 when it has no stop list). */
static size_t lang_hits(const struct folio_langprofile *p, const char *lang)
{
	static const char *const order[FOLIO_LANG_STOPLISTS] = {"en", "fr", "es", "de", "pt", "it", "nl"};
	for (int k = 0; k < FOLIO_LANG_STOPLISTS; k++)
		if (strcmp(order[k], lang) == 0)
			return p->hits[k];
	return 0;
}

static void check_language(struct px *p)
{
	if (same_language(p->c) || p->untranslated || p->ub->code || p->ub->foreign)
		return;
	const char *t = p->ub->ltext ? p->ub->ltext : p->ub->text;
	size_t len = strlen(t);
	struct folio_langprofile prof;
	const struct folio_compare *c = p->c;
	folio_langguess_profile(c->lg, t, len, &prof);
	size_t s = 0, e = len;
	int hit = prof.words >= 6 && folio_langguess_is(&prof, c->olang, c->tlang);
	/* A sentence left in the original's language inside a translated one:
	 * worth looking for only when the whole shows some of that language. */
	int some = prof.letters >= 30 &&
		   (folio_langguess_script(c->olang) != folio_langguess_script(c->tlang) ?
		    prof.script[folio_langguess_script(c->olang)] * 5 >= prof.letters :
		    lang_hits(&prof, c->olang) >= 3);
	for (size_t i = 0, start = 0; !hit && some && i <= len; i++) {
		if (i < len && !sentence_end(t, i, len))
			continue;
		folio_langguess_profile(c->lg, t + start, i - start, &prof);
		if (prof.words >= 8 && folio_langguess_is(&prof, c->olang, c->tlang)) {
			hit = 1;
			s = start;
			e = i;
		}
		start = i + 1;
	}
	if (!hit)
		return;
	char where[512], *tb = cmp_excerpt(t, len, s, e, 70);
	cmp_report(p->c, FOLIO_R_CMP_WRONG_LANG, p->a, p->b, NULL, NULL, tb,
		   "%s reads as %s, the original's language (%s), not as %s",
		   e - s < len ? "a sentence here" : "this text", c->olang,
		   cmp_where(p->c, p->a, where, sizeof where), c->tlang);
	free(tb);
}

/* ---- cmp-length -------------------------------------------------------------- */

#define LEN_MIN 40              /* characters of the original; shorter ones vary too much */

static int len_usable(const struct unit *a, const struct unit *b)
{
	return a->tlen >= LEN_MIN && b->tlen > 0 && !a->code && !b->code && !b->foreign &&
	       folio_utf8_count(a->text, a->tlen) >= LEN_MIN;
}

static double log_ratio(const struct unit *a, const struct unit *b)
{
	return log((double)folio_utf8_count(b->text, b->tlen) /
		   (double)folio_utf8_count(a->text, a->tlen));
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Median and median absolute deviation of the log length ratios: a robust
 * centre and spread, so that a few bad segments do not hide themselves. */
static void length_stats(struct folio_compare *c)
{
	size_t n = 0;
	double *r = folio_xmalloc((c->orig.n ? c->orig.n : 1) * sizeof *r);
	for (size_t a = 0; a < c->orig.n; a++) {
		int b = c->al.pa[a];
		if (b >= 0 && len_usable(&c->orig.u[a], &c->trans.u[b]))
			r[n++] = log_ratio(&c->orig.u[a], &c->trans.u[b]);
	}
	double spread = 0.15;
	c->len.median = c->al.prior;
	if (n >= 8) {
		c->len.median = median(r, n);
		for (size_t i = 0; i < n; i++)
			r[i] = fabs(r[i] - c->len.median);
		spread = 1.4826 * median(r, n);
	}
	c->len.limit = 4 * spread > 0.6 ? 4 * spread : 0.6;
	c->len.usable = 1;
	free(r);
}

static void check_length(struct px *p)
{
	if (p->untranslated || !len_usable(p->ua, p->ub))
		return;
	/* Short segments vary more: their allowance grows as they shrink
	 * (+0.3 at 40 characters, +0.04 at 300). */
	double d = log_ratio(p->ua, p->ub) - p->c->len.median;
	if (fabs(d) <= p->c->len.limit + 12.0 / (double)folio_utf8_count(p->ua->text, p->ua->tlen))
		return;
	char where[512], *oa = ex_a(p, 0, 0), *tb = ex_b(p, 0, 0);
	cmp_report(p->c, FOLIO_R_CMP_LENGTH, p->a, p->b, NULL, oa, tb,
		   "%s is %.1f times %s than usual for this translation (original %s, %zu characters here, %zu there)",
		   p->ub->label, exp(fabs(d)), d < 0 ? "shorter" : "longer",
		   cmp_where(p->c, p->a, where, sizeof where),
		   folio_utf8_count(p->ub->text, p->ub->tlen), folio_utf8_count(p->ua->text, p->ua->tlen));
	free(oa);
	free(tb);
}

/* ---- cmp-stale ------------------------------------------------------------------ */

/* Words of s as (start, length) pairs. */
static size_t split_words(const char *s, size_t **start, size_t **len)
{
	size_t n = 0, cap = 0;
	*start = *len = NULL;
	for (size_t i = 0; s[i];) {
		while (s[i] == ' ')
			i++;
		if (!s[i])
			break;
		size_t b = i;
		while (s[i] && s[i] != ' ')
			i++;
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			*start = folio_xrealloc(*start, cap * sizeof **start);
			*len = folio_xrealloc(*len, cap * sizeof **len);
		}
		(*start)[n] = b;
		(*len)[n++] = i - b;
	}
	return n;
}

#define DIFF_MAX 600            /* words per side for a word diff */

/* A word diff of old → new: "… kept [-old words-] {+new words+} kept …",
 * with three words of context around each change. */
static char *word_diff(const char *o, const char *n)
{
	size_t *os, *ol, *ns, *nl;
	size_t no = split_words(o, &os, &ol), nn = split_words(n, &ns, &nl);
	struct folio_buf b = FOLIO_BUF_INIT;
	if (no > DIFF_MAX || nn > DIFF_MAX) {
		folio_buf_puts(&b, "(the text was rewritten)");
		goto out;
	}
	/* lcs[i][j]: common words of o[i..] and n[j..]. */
	size_t w = nn + 1;
	unsigned short *lcs = folio_xcalloc((no + 1) * w, sizeof *lcs);
	for (size_t i = no; i-- > 0;)
		for (size_t j = nn; j-- > 0;) {
			if (ol[i] == nl[j] && memcmp(o + os[i], n + ns[j], ol[i]) == 0)
				lcs[i * w + j] = (unsigned short)(lcs[(i + 1) * w + j + 1] + 1);
			else
				lcs[i * w + j] = lcs[(i + 1) * w + j] > lcs[i * w + j + 1] ?
						 lcs[(i + 1) * w + j] : lcs[i * w + j + 1];
		}
	/* Walk the script; kept words are printed only near a change. */
	char *op = folio_xcalloc(no + nn + 1, 1);   /* '=', '-', '+' */
	size_t *oi = folio_xcalloc(no + nn + 1, sizeof *oi), k = 0;
	size_t i = 0, j = 0;
	while (i < no || j < nn) {
		if (i < no && j < nn && ol[i] == nl[j] && memcmp(o + os[i], n + ns[j], ol[i]) == 0) {
			op[k] = '=', oi[k++] = j++, i++;
		} else if (i < no && (j == nn || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) {
			op[k] = '-', oi[k++] = i++;
		} else {
			op[k] = '+', oi[k++] = j++;
		}
	}
	int gap = 0;
	for (size_t s = 0; s < k; s++) {
		int near = 0;
		for (size_t t = s >= 3 ? s - 3 : 0; t < k && t <= s + 3; t++)
			near |= op[t] != '=';
		if (op[s] == '=' && !near) {
			gap = 1;
			continue;
		}
		if (gap && b.len)
			folio_buf_puts(&b, " \xe2\x80\xa6");
		else if (gap)
			folio_buf_puts(&b, "\xe2\x80\xa6");
		gap = 0;
		int open = s == 0 || op[s - 1] != op[s];
		int close = s + 1 == k || op[s + 1] != op[s];
		if (b.len)
			folio_buf_putc(&b, ' ');
		if (op[s] == '-' && open)
			folio_buf_puts(&b, "[-");
		if (op[s] == '+' && open)
			folio_buf_puts(&b, "{+");
		if (op[s] == '-')
			folio_buf_append(&b, o + os[oi[s]], ol[oi[s]]);
		else
			folio_buf_append(&b, n + ns[oi[s]], nl[oi[s]]);
		if (op[s] == '-' && close)
			folio_buf_puts(&b, "-]");
		if (op[s] == '+' && close)
			folio_buf_puts(&b, "+}");
	}
	if (gap)
		folio_buf_puts(&b, " \xe2\x80\xa6");
	free(op);
	free(oi);
	free(lcs);
out:
	free(os);
	free(ol);
	free(ns);
	free(nl);
	if (b.data == NULL)
		folio_buf_puts(&b, "");
	return folio_buf_take(&b);
}

static void check_stale(struct px *p)
{
	struct folio_compare *c = p->c;
	if (!c->has_base)
		return;
	int old = c->bl.pb[p->a];
	if (old < 0 || strcmp(c->base.u[old].text, p->ua->text) == 0)
		return;
	char where[512], *diff = word_diff(c->base.u[old].text, p->ua->text);
	char *shown = cmp_excerpt(diff, strlen(diff), 0, 0, 200);
	cmp_report(c, FOLIO_R_CMP_STALE, p->a, p->b, NULL, NULL, NULL,
		   "the original of this %s changed since the base (%s): %s", p->ub->label,
		   cmp_where(c, p->a, where, sizeof where), shown);
	free(shown);
	free(diff);
}

/* ---- cmp-lang-declared -------------------------------------------------------- */

static const char *own_lang(const xmlNode *n)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (strcmp((const char *)a->name, "lang") == 0 && a->ns &&
		    strcmp((const char *)a->ns->href, (const char *)XML_XML_NAMESPACE) == 0)
			return a->children ? (const char *)a->children->content : "";
	return NULL;
}

static void check_lang_declared(struct px *p)
{
	struct folio_compare *c = p->c;
	const char *lb = own_lang(p->ub->node), *la = own_lang(p->ua->node);
	char pb[16], pa[16], where[512];
	if (lb == NULL || la == NULL)
		return;
	cmp_primary(lb, pb, sizeof pb);
	cmp_primary(la, pa, sizeof pa);
	/* The root says the edition's language; below it, an xml:lang that the
	 * original put to say "the document's language" must follow suit. */
	int root = p->b == 0;
	if (strcmp(pb, c->olang) != 0 || strcmp(pa, c->olang) != 0)
		return;
	if (!root && same_language(c))
		return;
	cmp_report(c, FOLIO_R_CMP_LANG_DECLARED, p->a, p->b, NULL, NULL, NULL,
		   root ? "the translation declares xml:lang=\"%s\", the original's language (%s)"
			: "xml:lang=\"%s\" is the original's language (%s); this edition is another",
		   lb, cmp_where(c, p->a, where, sizeof where));
}

/* ---- the table ------------------------------------------------------------------ */

typedef void pair_check(struct px *p);

static const struct {
	enum folio_rule rule;
	pair_check *fn;
	int text;               /* needs the translation to have text */
} pair_checks[] = {
	{FOLIO_R_CMP_EMPTY, check_empty, 0},
	{FOLIO_R_CMP_LANG_DECLARED, check_lang_declared, 0},
	{FOLIO_R_CMP_ID, check_ids, 0},
	{FOLIO_R_CMP_LINKS, check_links, 1},
	{FOLIO_R_CMP_LINKEND, check_linkends, 1},
	{FOLIO_R_CMP_MARKUP, check_markup, 1},
	{FOLIO_R_CMP_MOJIBAKE, check_mojibake, 1},
	{FOLIO_R_CMP_NUMBER, check_numbers, 1},
	{FOLIO_R_CMP_URL, check_urls, 1},
	{FOLIO_R_CMP_CODE, check_codes, 1},
	{FOLIO_R_CMP_UNTRANSLATED, check_untranslated, 1},
	{FOLIO_R_CMP_WRONG_LANG, check_language, 1},
	{FOLIO_R_CMP_LENGTH, check_length, 1},
	{FOLIO_R_CMP_STALE, check_stale, 0},
};

void cmp_checks_run(struct folio_compare *c)
{
	int on[sizeof pair_checks / sizeof pair_checks[0]];
	for (size_t k = 0; k < sizeof pair_checks / sizeof pair_checks[0]; k++)
		on[k] = !cmp_silenced(c, pair_checks[k].rule);
	length_stats(c);
	/* In the order of the side-by-side rows: document order. */
	for (size_t r = 0; r < c->nrows; r++) {
		int a = c->rows[r].a, b = c->rows[r].b;
		if (a < 0 || b < 0)
			continue;
		struct px p;
		memset(&p, 0, sizeof p);
		p.c = c;
		p.a = a;
		p.b = b;
		p.ua = &c->orig.u[a];
		p.ub = &c->trans.u[b];
		for (size_t k = 0; k < sizeof pair_checks / sizeof pair_checks[0]; k++)
			if (on[k] && !(p.empty && pair_checks[k].text))
				pair_checks[k].fn(&p);
		folio_codes_free(p.ca, p.nca);
		folio_codes_free(p.cb, p.ncb);
		free(p.blank_a);
		free(p.blank_b);
	}
	cmp_meta_check(c);
}
