/* test_compare.c — compare.h: folio-compare's library, through its API.
 *
 * The corpus of tests/compare (FOLIO_SRC) gives the clean and the seeded
 * cases; tests/cli/compare.py runs all of them through the tool.  Here:
 * what the records and the reports carry (both places, both texts, the
 * xml:id), sorting that keeps them in step, escaping, the return codes,
 * -Wno and -Werror at the library level, and inputs written at run time to
 * be large or odd: a flat chapter of 3,000 paragraphs with one missing in
 * the middle (found at its place, nothing else reported) and sections
 * nested as deep as libxml2 allows. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "compare.h"
#include "xalloc.h"

static char *corpus(const char *name)
{
	const char *src = getenv("FOLIO_SRC");
	return folio_xasprintf("%s/tests/compare/corpus/%s", src ? src : ".", name);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void dump(const struct folio_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		print_message("  %s:%d:%d: %s [%s]\n", d->v[i].file ? d->v[i].file : "?",
			      d->v[i].line, d->v[i].col, d->v[i].msg, d->v[i].rule);
}

/* Runs a comparison of two corpus files; returns the run's code. */
static int compare(const char *orig, const char *trans, const char *base, int validate,
		   struct folio_diags *d, struct folio_compare **c)
{
	char *o = corpus(orig), *t = corpus(trans), *b = base ? corpus(base) : NULL;
	struct folio_compare_opts opts = {b, validate};
	int rc = folio_compare_run(&opts, o, t, d, c);
	folio_compare_sort(*c, d);
	free(o);
	free(t);
	free(b);
	return rc;
}

static void clean_translations(void **state)
{
	(void)state;
	static const char *const langs[] = {"fr.xml", "es.xml", "de.xml", "ar.xml"};
	for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
		struct folio_diags d;
		struct folio_compare *c = NULL;
		folio_diags_init(&d);
		assert_int_equal(compare("en.xml", langs[i], NULL, 1, &d, &c), 0);
		if (d.n) {
			dump(&d);
			fail_msg("%s: %zu finding(s) on a correct translation", langs[i], d.n);
		}
		assert_non_null(c);
		folio_compare_free(c);
		folio_diags_free(&d);
	}
}

static void a_finding_carries_both_places(void **state)
{
	(void)state;
	struct folio_diags d;
	struct folio_compare *c = NULL;
	folio_diags_init(&d);
	assert_int_equal(compare("en.xml", "v-fr-number.xml", NULL, 1, &d, &c), 0);
	assert_int_equal(d.n, 1);
	const struct folio_diag *r = &d.v[0];
	assert_string_equal(r->rule, "cmp-number");
	assert_true(ends_with(r->file, "v-fr-number.xml"));
	assert_int_equal(r->line, 60);
	assert_int_equal(r->sev, FOLIO_WARNING);
	assert_non_null(strstr(r->msg, "en.xml:59"));
	assert_non_null(strstr(r->msg, "number 145 "));
	assert_non_null(strstr(r->msg, "154"));
	assert_false(folio_diags_failed(&d));

	struct folio_buf b = FOLIO_BUF_INIT;
	folio_compare_json(c, &d, "en.xml", "v-fr-number.xml", &b);
	assert_non_null(strstr(b.data, "\"id\": \"p-ws-1\""));
	assert_non_null(strstr(b.data, "\"original\": {\"file\": "));
	assert_non_null(strstr(b.data, "\"line\": 59"));
	assert_non_null(strstr(b.data, "\"translation\": {\"text\": \""));
	folio_buf_free(&b);
	folio_compare_free(c);
	folio_diags_free(&d);
}

static void sorting_keeps_reports_in_step(void **state)
{
	(void)state;
	struct folio_diags d;
	struct folio_compare *c = NULL;
	folio_diags_init(&d);
	assert_int_equal(compare("en.xml", "v-fr-id-translated.xml", NULL, 1, &d, &c), 0);
	assert_int_equal(d.n, 2);
	assert_true(d.v[0].line < d.v[1].line);
	assert_string_equal(d.v[0].rule, "cmp-id");
	assert_string_equal(d.v[1].rule, "cmp-linkend");
	struct folio_buf b = FOLIO_BUF_INIT;
	folio_compare_json(c, &d, "en.xml", "v", &b);
	char *first = strstr(b.data, "\"id\": \"sec-cities\"");
	char *second = strstr(b.data, "\"id\": \"p-rec-1\"");
	assert_non_null(first);
	assert_non_null(second);
	assert_true(first < second);
	assert_true(folio_diags_failed(&d));
	folio_buf_free(&b);
	folio_compare_free(c);
	folio_diags_free(&d);
}

static void silencing_and_werror(void **state)
{
	(void)state;
	struct folio_diags d;
	struct folio_compare *c = NULL;
	folio_diags_init(&d);
	assert_int_equal(folio_diags_silence(&d, "cmp-number"), 0);
	assert_int_equal(compare("en.xml", "v-fr-number.xml", NULL, 0, &d, &c), 0);
	assert_int_equal(d.n, 0);
	folio_compare_free(c);
	folio_diags_free(&d);

	folio_diags_init(&d);
	d.werror = 1;
	assert_int_equal(compare("en.xml", "v-fr-number.xml", NULL, 0, &d, &c), 0);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].sev, FOLIO_ERROR);
	assert_true(folio_diags_failed(&d));
	folio_compare_free(c);
	folio_diags_free(&d);
}

static void stale_segments(void **state)
{
	(void)state;
	struct folio_diags d;
	struct folio_compare *c = NULL;
	folio_diags_init(&d);
	assert_int_equal(compare("en.xml", "fr.xml", "en-base.xml", 0, &d, &c), 0);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[0].rule, "cmp-stale");
	assert_non_null(strstr(d.v[0].msg, "[-district,-] {+neighbourhood,+}"));
	assert_non_null(strstr(d.v[1].msg, "{+with a small secretariat+}"));
	folio_compare_free(c);
	folio_diags_free(&d);
}

static void unusable_inputs(void **state)
{
	(void)state;
	struct folio_diags d;
	struct folio_compare *c = NULL;
	folio_diags_init(&d);
	assert_int_equal(compare("en.xml", "no-such-file.xml", NULL, 1, &d, &c), 2);
	assert_null(c);
	assert_true(d.n >= 1);
	folio_diags_free(&d);

	char dir[] = "/tmp/folio-compare-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *bad = folio_xasprintf("%s/bad.xml", dir);
	FILE *f = fopen(bad, "w");
	assert_non_null(f);
	fputs("<book xmlns=\"http://docbook.org/ns/docbook\"><para>open\n", f);
	fclose(f);
	char *orig = corpus("en.xml");
	struct folio_compare_opts o = {NULL, 0};
	folio_diags_init(&d);
	assert_int_equal(folio_compare_run(&o, orig, bad, &d, &c), 1);
	assert_null(c);
	assert_true(d.n >= 1);
	int syntax = 0;
	for (size_t i = 0; i < d.n; i++)
		syntax |= strcmp(d.v[i].rule, "xml-syntax") == 0;
	assert_true(syntax);
	folio_diags_free(&d);
	unlink(bad);
	rmdir(dir);
	free(bad);
	free(orig);
}

/* Writes a book with `n` paragraphs in one chapter, leaving out paragraph
 * `skip` (-1: none); paragraph k says "Item k of the list: k apples." */
static char *write_flat(const char *dir, const char *name, const char *lang, int n, int skip)
{
	char *path = folio_xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "<book xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:lang=\"%s\">\n"
		   "<info><title>Flat</title></info>\n<chapter xml:id=\"ch\"><title>All</title>\n", lang);
	for (int k = 0; k < n; k++)
		if (k != skip)
			fprintf(f, "<para>%s %d: %d %s.</para>\n", lang[0] == 'e' ? "Item" : "Article", k,
				k * 7 + 3, lang[0] == 'e' ? "apples" : "pommes");
	fputs("</chapter>\n</book>\n", f);
	fclose(f);
	return path;
}

static void one_missing_among_thousands(void **state)
{
	(void)state;
	char dir[] = "/tmp/folio-compare-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *a = write_flat(dir, "a.xml", "en", 3000, -1);
	char *b = write_flat(dir, "b.xml", "fr", 3000, 1500);
	struct folio_diags d;
	struct folio_compare *c = NULL;
	struct folio_compare_opts o = {NULL, 0};
	folio_diags_init(&d);
	assert_int_equal(folio_compare_run(&o, a, b, &d, &c), 0);
	folio_compare_sort(c, &d);
	if (d.n != 1) {
		dump(&d);
		fail_msg("%zu records, want 1", d.n);
	}
	assert_string_equal(d.v[0].rule, "cmp-missing");
	/* At the paragraph that follows the gap: line 4 + 1500 of b.xml. */
	assert_int_equal(d.v[0].line, 4 + 1500);
	assert_non_null(strstr(d.v[0].msg, "a.xml:1504"));
	folio_compare_free(c);
	folio_diags_free(&d);
	unlink(a);
	unlink(b);
	rmdir(dir);
	free(a);
	free(b);
}

static void deep_sections_and_html(void **state)
{
	(void)state;
	char dir[] = "/tmp/folio-compare-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *paths[2];
	static const char *const langs[] = {"en", "ar"};
	for (int s = 0; s < 2; s++) {
		paths[s] = folio_xasprintf("%s/%s.xml", dir, langs[s]);
		FILE *f = fopen(paths[s], "w");
		assert_non_null(f);
		fprintf(f, "<book xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:lang=\"%s\">"
			   "<info><title>Deep</title></info><chapter><title>1</title>", langs[s]);
		for (int k = 0; k < 200; k++)
			fputs("<section><title>2</title>", f);
		fputs(s ? "<para>\xd9\x86\xd8\xb5 &lt;script&gt; &amp; \xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a 3</para>"
			: "<para>Text &lt;script&gt; &amp; more 3</para>", f);
		for (int k = 0; k < 200; k++)
			fputs("</section>", f);
		fputs("</chapter></book>\n", f);
		fclose(f);
	}
	struct folio_diags d;
	struct folio_compare *c = NULL;
	struct folio_compare_opts o = {NULL, 0};
	folio_diags_init(&d);
	assert_int_equal(folio_compare_run(&o, paths[0], paths[1], &d, &c), 0);
	folio_compare_sort(c, &d);
	if (d.n) {
		dump(&d);
		fail_msg("%zu records, want none", d.n);
	}
	struct folio_buf b = FOLIO_BUF_INIT;
	folio_compare_html(c, &d, "en.xml", "ar<&>.xml", &b);
	assert_non_null(strstr(b.data, "&lt;script&gt; &amp; more"));
	assert_null(strstr(b.data, "<script"));
	assert_non_null(strstr(b.data, "ar&lt;&amp;&gt;.xml"));
	assert_non_null(strstr(b.data, "lang=\"ar\" dir=\"rtl\""));
	assert_non_null(strstr(b.data, "lang=\"en\" dir=\"ltr\""));
	folio_buf_free(&b);
	folio_compare_free(c);
	folio_diags_free(&d);
	for (int s = 0; s < 2; s++) {
		unlink(paths[s]);
		free(paths[s]);
	}
	rmdir(dir);
}

/* Writes a one-paragraph book; returns its path (the caller frees). */
static char *write_para(const char *dir, const char *name, const char *lang, const char *para)
{
	char *path = folio_xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "<book xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:lang=\"%s\">"
		   "<info><title>T</title></info><chapter><title>C</title><para>%s</para></chapter></book>\n",
		lang, para);
	fclose(f);
	return path;
}

/* Roman numerals in the translation stand for the original's digits
 * ("21st century" = "XXIe siècle"); a wrong one is still a finding. */
static void roman_centuries(void **state)
{
	(void)state;
	static const struct {
		const char *fr;
		size_t records;
	} cases[] = {
		{"La migration au XXIe siècle diffère à bien des égards de celle du XIXe siècle.", 0},
		{"La migration au XXe siècle diffère à bien des égards de celle du XIXe siècle.", 1},
	};
	char dir[] = "/tmp/folio-compare-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *en = write_para(dir, "en.xml", "en",
			      "Migration in the 21st century differs from that of the 19th century in many ways.");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *fr = write_para(dir, "fr.xml", "fr", cases[i].fr);
		struct folio_diags d;
		struct folio_compare *c = NULL;
		struct folio_compare_opts o = {NULL, 0};
		folio_diags_init(&d);
		assert_int_equal(folio_compare_run(&o, en, fr, &d, &c), 0);
		if (d.n != cases[i].records) {
			dump(&d);
			fail_msg("\"%s\": %zu records, want %zu", cases[i].fr, d.n, cases[i].records);
		}
		if (d.n)
			assert_non_null(strstr(d.v[0].msg, "number 21 "));
		folio_compare_free(c);
		folio_diags_free(&d);
		unlink(fr);
		free(fr);
	}
	unlink(en);
	free(en);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clean_translations),
		cmocka_unit_test(a_finding_carries_both_places),
		cmocka_unit_test(sorting_keeps_reports_in_step),
		cmocka_unit_test(silencing_and_werror),
		cmocka_unit_test(stale_segments),
		cmocka_unit_test(unusable_inputs),
		cmocka_unit_test(one_missing_among_thousands),
		cmocka_unit_test(deep_sections_and_html),
		cmocka_unit_test(roman_centuries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
