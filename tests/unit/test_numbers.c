/* test_numbers.c — numbers.h: written numbers read as values, per locale,
 * and codes.h: URLs, addresses and identifiers found in running text.
 *
 * Each table row is one readable example: a text, the language it is in,
 * and the values read from it (the preferred reading of each number, in
 * C notation).  The matching tests show the point of the readings: the
 * same quantity written the French, German, Swiss, English or Arabic way
 * matches, and a different one does not. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "numbers.h"

#define N(a) (sizeof(a) / sizeof *(a))

struct scan_case {
	const char *text, *lang;
	const char *values;     /* preferred values, space-separated; "" none */
	const char *percent;    /* "1" per number written with %; NULL: not checked */
};

/* The preferred value of every number of text, space-separated. */
static void preferred(const char *text, const char *lang, char *out, size_t len, char *pct, size_t plen)
{
	struct folio_numtok *t = NULL;
	size_t n = folio_numbers_scan(text, strlen(text), lang, &t);
	out[0] = '\0';
	if (pct)
		pct[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char v[48];
		folio_numbers_format(&t[i].val[0][0], v, sizeof v);
		/* A reading of several values (1.2.3) prints them joined by '+'. */
		for (int k = 1; k < t[i].nval[0]; k++) {
			char w[48];
			folio_numbers_format(&t[i].val[0][k], w, sizeof w);
			strncat(v, "+", sizeof v - strlen(v) - 1);
			strncat(v, w, sizeof v - strlen(v) - 1);
		}
		if (i)
			strncat(out, " ", len - strlen(out) - 1);
		strncat(out, v, len - strlen(out) - 1);
		if (pct)
			strncat(pct, t[i].percent ? "1" : "0", plen - strlen(pct) - 1);
	}
	free(t);
}

static void scan_values(void **state)
{
	(void)state;
	static const struct scan_case cases[] = {
		/* Grouping and decimals the English way. */
		{"1,000.5 people", "en", "1000.5", NULL},
		{"about 250,000 inhabitants", "en", "250000", NULL},
		{"from 9.5 to 6.2 weeks", "en", "9.5 6.2", NULL},
		{"1,234,567.89", "en", "1234567.89", NULL},
		/* French: spaces (ordinary, no-break, narrow no-break), comma. */
		{"1 000,5", "fr", "1000.5", NULL},
		{"250\u202f000 habitants", "fr", "250000", NULL},
		{"12\u00a0480 appels", "fr", "12480", NULL},
		{"de 9,5 à 6,2 semaines", "fr", "9.5 6.2", NULL},
		/* German and Spanish: dots group, comma is decimal. */
		{"1.000,5", "de", "1000.5", NULL},
		{"250.000 Einwohner", "de", "250000", NULL},
		{"12.480 llamadas", "es", "12480", NULL},
		/* Swiss apostrophes, typographic or not. */
		{"1\u2019000.5", "de-CH", "1000.5", NULL},
		{"1'000'000", "de-CH", "1000000", NULL},
		/* One separator before three digits: the language decides first. */
		{"1,000", "en", "1000", NULL},
		{"1,000", "fr", "1", NULL},
		{"1.000", "de", "1000", NULL},
		{"1.000", "en", "1", NULL},
		/* Ranges and dates: each number on its own. */
		{"18-19 April 2017", "en", "18 19 2017", NULL},
		{"18 et 19 avril 2017", "fr", "18 19 2017", NULL},
		{"18 y 19 de abril de 2017", "es", "18 19 2017", NULL},
		{"26\u201327 March", "en", "26 27", NULL},
		{"2018-11-16", NULL, "2018 11 16", NULL},
		/* Not a grouping: a year next to a number, four digits after a space. */
		{"in 2018 150 countries", "en", "2018 150", NULL},
		{"+41 22 717 9111", "fr", "41 22717 9111", NULL},
		/* Arabic-Indic and Eastern Arabic digits, Arabic separators. */
		{"\u0661\u0664\u0665 \u0645\u0634\u0627\u0631\u0643\u0627\u064b", "ar", "145", NULL},
		{"\u0669\u066b\u0665", "ar", "9.5", NULL},
		{"\u0662\u0665\u0660 \u0660\u0660\u0660", "ar", "250000", NULL},
		{"\u0661\u066c\u0660\u0660\u0660", "ar", "1000", NULL},
		{"\u06f1\u06f3\u06f9\u06f7", "fa", "1397", NULL},
		{"\uff12\uff10\uff11\uff18\u5e74", "zh", "2018", NULL},
		/* Percentages: after, before (Turkish), Arabic sign. */
		{"45% of newcomers", "en", "45", "1"},
		{"45\u00a0% des arrivants", "fr", "45", "1"},
		{"%45", "tr", "45", "1"},
		{"\u0664\u0665\u066a", "ar", "45", "1"},
		{"45 participants", "en", "45", "0"},
		/* Times of day. */
		{"09:00\u201310:30", "en", "9+0 10+30", NULL},
		/* Leading zeros, a trailing full stop, nothing at all. */
		{"007 and 0.50", "en", "7 0.5", NULL},
		{"in 2017.", "en", "2017", NULL},
		{"no digits here", "en", "", NULL},
		/* Not numbers: section numbers are their parts. */
		{"see 1.2.3", "en", "1+2+3", NULL},
	};
	for (size_t i = 0; i < N(cases); i++) {
		char got[256], pct[64];
		preferred(cases[i].text, cases[i].lang, got, sizeof got, pct, sizeof pct);
		if (strcmp(got, cases[i].values) != 0)
			fail_msg("\"%s\" (%s): got \"%s\", want \"%s\"", cases[i].text,
				 cases[i].lang ? cases[i].lang : "-", got, cases[i].values);
		if (cases[i].percent && strcmp(pct, cases[i].percent) != 0)
			fail_msg("\"%s\": percent flags \"%s\", want \"%s\"", cases[i].text, pct,
				 cases[i].percent);
	}
}

/* 1 when every number of `orig` is in `trans`, as folio-compare asks. */
static int all_found(const char *orig, const char *olang, const char *trans, const char *tlang)
{
	struct folio_numtok *a = NULL, *b = NULL;
	struct folio_numset s;
	size_t na = folio_numbers_scan(orig, strlen(orig), olang, &a);
	size_t nb = folio_numbers_scan(trans, strlen(trans), tlang, &b);
	folio_numbers_set_init(&s);
	folio_numbers_set_add_tokens(&s, b, nb);
	int ok = 1;
	for (size_t i = 0; i < na; i++)
		ok &= folio_numbers_set_covers(&s, &a[i]);
	folio_numbers_set_free(&s);
	free(a);
	free(b);
	return ok;
}

struct match_case {
	const char *orig, *olang, *trans, *tlang;
	int same;
};

static void match_across_locales(void **state)
{
	(void)state;
	static const struct match_case cases[] = {
		{"1,000.5", "en", "1 000,5", "fr", 1},
		{"1,000.5", "en", "1.000,5", "de", 1},
		{"1,000.5", "en", "1\u2019000.5", "de-CH", 1},
		{"1,000.5", "en", "\u0661\u066c\u0660\u0660\u0660\u066b\u0665", "ar", 1},
		{"18-19 April 2017", "en", "18 et 19 avril 2017", "fr", 1},
		{"18-19 April 2017", "en", "18 y 19 de abril de 2017", "es", 1},
		{"18-19 April 2017", "en", "\u0661\u0668 \u0648\u0661\u0669 \u0646\u064a\u0633\u0627\u0646/\u0623\u0628\u0631\u064a\u0644 \u0662\u0660\u0661\u0667", "ar", 1},
		{"09:00\u201310:30", "en", "9 h \u2013 10 h 30", "fr", 1},
		{"09:00\u201310:30", "en", "9.00\u201310.30", "es", 1},
		{"3 000 participants", "fr", "3,000 participants", "en", 1},
		{"45%", "en", "45 por ciento", "es", 1},
		/* A "1,000" read either way still finds its counterpart. */
		{"1,000 people", "en", "1.000 Menschen", "de", 1},
		/* Different quantities do not match. */
		{"600 participants", "en", "60 participants", "fr", 0},
		{"9.5 weeks", "en", "9,6 semaines", "fr", 0},
		{"2.5%", "en", "5,2 %", "fr", 0},
		{"250,000", "en", "25.000", "es", 0},
		{"18-19 April", "en", "18 et 20 avril", "fr", 0},
	};
	for (size_t i = 0; i < N(cases); i++) {
		const struct match_case *c = &cases[i];
		if (all_found(c->orig, c->olang, c->trans, c->tlang) != c->same)
			fail_msg("\"%s\" (%s) vs \"%s\" (%s): expected %s", c->orig, c->olang, c->trans,
				 c->tlang, c->same ? "a match" : "no match");
	}
}

static void format_values(void **state)
{
	(void)state;
	static const struct {
		struct folio_num v;
		const char *s;
	} cases[] = {
		{{0, 0}, "0"}, {{5, 0}, "5"}, {{10005, 1}, "1000.5"}, {{5, 3}, "0.005"},
		{{15, 1}, "1.5"}, {{123456789012345678ull, 2}, "1234567890123456.78"},
	};
	for (size_t i = 0; i < N(cases); i++) {
		char buf[48];
		folio_numbers_format(&cases[i].v, buf, sizeof buf);
		assert_string_equal(buf, cases[i].s);
	}
}

static void overlong_numbers_are_skipped(void **state)
{
	(void)state;
	/* More digits than a value holds: an identifier, not a quantity. */
	char text[128];
	memset(text, '7', 60);
	strcpy(text + 60, " and 12");
	struct folio_numtok *t = NULL;
	size_t n = folio_numbers_scan(text, strlen(text), "en", &t);
	assert_int_equal(n, 1);
	assert_int_equal(t[0].val[0][0].mant, 12);
	free(t);
	/* Broken UTF-8 neither crashes nor invents digits. */
	static const char broken[] = "\xd9\xa1\xd9 \xe2\x80 9\xff";
	n = folio_numbers_scan(broken, sizeof broken - 1, "ar", &t);
	assert_int_equal(n, 2);
	free(t);
}

struct code_case {
	const char *text;
	const char *want;       /* "kind:norm|kind:norm" */
};

static void codes_found(void **state)
{
	(void)state;
	static const struct code_case cases[] = {
		{"See https://www.iom.int/idm-workshops.", "URL:www.iom.int/idm-workshops"},
		{"(www.iom.int/fr/)", "URL:www.iom.int/fr"},
		{"\u00abhttps://WWW.IOM.INT/Path\u00bb", "URL:www.iom.int/Path"},
		{"\u0627\u0644\u0645\u0648\u0642\u0639 www.iom.int\u060c", "URL:www.iom.int"},
		{"write to IDM@iom.int.", "e-mail address:idm@iom.int"},
		{"mailto:idm@iom.int", "e-mail address:idm@iom.int"},
		{"resolution A/RES/71/1 of 19 September", "document symbol:A/RES/71/1"},
		{"draft A/71/L.58; and E/CN.6/2018/L.8.", "document symbol:A/71/L.58|document symbol:E/CN.6/2018/L.8"},
		{"ISBN 978-92-9068-774-0", "ISBN:9789290687740"},
		{"ISBN 92-9068-774-6", "ISBN:9290687746"},
		{"ISSN 1726-2224", "ISSN:17262224"},
		{"from 2017-2018 onwards", ""},
		{"km/h and 24/7", ""},
		{"a@b", ""},
	};
	for (size_t i = 0; i < N(cases); i++) {
		struct folio_code *v = NULL;
		size_t n = folio_codes_scan(cases[i].text, strlen(cases[i].text), &v);
		char got[256] = "";
		for (size_t k = 0; k < n; k++) {
			if (k)
				strncat(got, "|", sizeof got - strlen(got) - 1);
			strncat(got, folio_codes_kind_name(v[k].kind), sizeof got - strlen(got) - 1);
			strncat(got, ":", sizeof got - strlen(got) - 1);
			strncat(got, v[k].norm, sizeof got - strlen(got) - 1);
			/* The span is the code as written. */
			assert_true(v[k].end > v[k].start && v[k].end <= strlen(cases[i].text));
		}
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("\"%s\": got \"%s\", want \"%s\"", cases[i].text, got, cases[i].want);
		folio_codes_free(v, n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scan_values),
		cmocka_unit_test(match_across_locales),
		cmocka_unit_test(format_values),
		cmocka_unit_test(overlong_numbers_are_skipped),
		cmocka_unit_test(codes_found),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
