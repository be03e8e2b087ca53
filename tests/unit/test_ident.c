/* test_ident.c — unit tests of ident.h: ISBN, ISSN, BCP 47, ISO dates and
 * the ISBN range data (python-stdnum's isbn.dat when installed, the
 * RangeMessage.xml fixture in tests/spec/data, and small files written here
 * to show the formats' corners and errors). */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "ident.h"

#define N(a) (sizeof(a) / sizeof *(a))

static const char stdnum_dat[] = "/usr/lib/python3/dist-packages/stdnum/isbn.dat";

/* ---- ISBN ---------------------------------------------------------------- */

struct isbn_case {
	const char *in, *digits;
};

static void isbn_valid(void **state)
{
	(void)state;
	/* Real books: IOM's report, K&R's The C Programming Language (2nd ed.),
	 * Hofstadter's Gödel, Escher, Bach, Knuth's The TeXbook, Abelson and
	 * Sussman's SICP (2nd ed.), a book with an X check digit, Gallimard's
	 * L'Étranger (Folio), and a 979-10 (France) number. */
	static const struct isbn_case ok[] = {
		{"978-92-9068-774-0", "9789290687740"},
		{"9789290687740", "9789290687740"},
		{"92-9068-774-6", "9290687746"},
		{"0-13-110362-8", "0131103628"},
		{"978-0-13-110362-7", "9780131103627"},
		{"0-465-02656-7", "0465026567"},
		{"978-0-465-02656-2", "9780465026562"},
		{"0-201-13447-0", "0201134470"},
		{"0-262-51087-1", "0262510871"},
		{"0-8044-2957-X", "080442957X"},
		{"0-8044-2957-x", "080442957X"},
		{"080442957X", "080442957X"},
		{"978-2-07-036002-4", "9782070360024"},
		{"979-10-90636-07-1", "9791090636071"},
		/* labels, spaces and the hyphens word processors substitute */
		{"ISBN 978-92-9068-774-0", "9789290687740"},
		{"ISBN-13: 978-92-9068-774-0", "9789290687740"},
		{"isbn:9789290687740", "9789290687740"},
		{"urn:isbn:9789290687740", "9789290687740"},
		{"ISBN-10 0-8044-2957-X", "080442957X"},
		{"  978 92 9068 774 0  ", "9789290687740"},
		{"978\u201092\u20109068\u2010774\u20100", "9789290687740"},
		{"978\u201192\u20119068\u2011774\u20110", "9789290687740"},
		{"978\u00a092\u00a09068\u00a0774\u00a00", "9789290687740"},
		{"978-9290687740", "9789290687740"},
	};
	size_t i;
	for (i = 0; i < N(ok); i++) {
		struct folio_isbn b;
		enum folio_id_status st = folio_isbn_parse(ok[i].in, &b);
		if (st != FOLIO_ID_OK)
			fail_msg("%s: %s", ok[i].in, folio_id_strerror(st));
		assert_string_equal(b.digits, ok[i].digits);
		assert_int_equal(b.len, (int)strlen(ok[i].digits));
	}
}

struct bad_case {
	const char *in;
	enum folio_id_status st;
};

static void isbn_invalid(void **state)
{
	(void)state;
	static const struct bad_case bad[] = {
		{"", FOLIO_ID_EMPTY},
		{"   ", FOLIO_ID_EMPTY},
		{"ISBN:", FOLIO_ID_EMPTY},
		{"978-92-9068-774-O", FOLIO_ID_CHARS},          /* letter O */
		{"978/92/9068/774/0", FOLIO_ID_CHARS},
		{"97892906877X4", FOLIO_ID_CHARS},              /* X not last */
		{"978929068774X", FOLIO_ID_CHARS},              /* X in an ISBN-13 */
		{"978-92-9068-774-0 y", FOLIO_ID_CHARS},
		{"urn:9789290687740", FOLIO_ID_CHARS},            /* urn: without isbn: */
		{"978-92-9068-774-0 x", FOLIO_ID_LENGTH},         /* a 14th "digit" */
		{"97892906877", FOLIO_ID_LENGTH},
		{"978-92-9068-774-01", FOLIO_ID_LENGTH},
		{"08044295X", FOLIO_ID_LENGTH},
		{"9779290687741", FOLIO_ID_PREFIX},
		{"1234567890128", FOLIO_ID_PREFIX},
		{"-978-92-9068-774-0", FOLIO_ID_HYPHENS},
		{"978--92-9068-774-0", FOLIO_ID_HYPHENS},
		{"978-92-9068-774-0-", FOLIO_ID_HYPHENS},
		{"978- -92-9068-774-0", FOLIO_ID_HYPHENS},
		{"9-78-92-9068-774-0", FOLIO_ID_HYPHENS},       /* six parts */
		{"97-892-9068-774-0", FOLIO_ID_HYPHENS},        /* prefix split */
		{"978-92-9068-77-40", FOLIO_ID_HYPHENS},        /* check digit not alone */
		{"0-8044-295-7-X", FOLIO_ID_HYPHENS},           /* five parts of ISBN-10 */
		{"---", FOLIO_ID_HYPHENS},
	};
	size_t i;
	struct folio_isbn b;

	for (i = 0; i < N(bad); i++) {
		enum folio_id_status st = folio_isbn_parse(bad[i].in, &b);
		if (st != bad[i].st)
			fail_msg("'%s': got %d (%s), want %d", bad[i].in, st,
				 folio_id_strerror(st), bad[i].st);
	}
	assert_int_equal(folio_isbn_parse(NULL, &b), FOLIO_ID_EMPTY);
	assert_int_equal(folio_isbn_parse("9789290687740", NULL), FOLIO_ID_OK);
}

static void isbn_wrong_check_digit(void **state)
{
	(void)state;
	struct folio_isbn b;
	assert_int_equal(folio_isbn_parse("978-92-9068-774-1", &b), FOLIO_ID_CHECK);
	assert_int_equal(b.expected, '0');
	assert_int_equal(b.found, '1');
	assert_string_equal(b.digits, "9789290687741");
	assert_int_equal(folio_isbn_parse("0-8044-2957-1", &b), FOLIO_ID_CHECK);
	assert_int_equal(b.expected, 'X');
	assert_int_equal(b.found, '1');
	assert_int_equal(folio_isbn_parse("0-13-110362-X", &b), FOLIO_ID_CHECK);
	assert_int_equal(b.expected, '8');
	assert_int_equal(b.found, 'X');
	/* Two digits swapped: the ISBN-13 weights 1 and 3 catch it. */
	assert_int_equal(folio_isbn_parse("978-92-9068-747-0", &b), FOLIO_ID_CHECK);
	assert_int_equal(folio_isbn_parse("978-92-9068-774-0", &b), FOLIO_ID_OK);
	assert_int_equal(b.expected, 0);
	assert_int_equal(b.found, 0);
}

static void check_digits(void **state)
{
	(void)state;
	assert_int_equal(folio_isbn13_check_digit("978929068774"), '0');
	assert_int_equal(folio_isbn13_check_digit("978013110362"), '7');
	assert_int_equal(folio_isbn10_check_digit("929068774"), '6');
	assert_int_equal(folio_isbn10_check_digit("080442957"), 'X');
	assert_int_equal(folio_isbn10_check_digit("013110362"), '8');
	assert_int_equal(folio_issn_check_digit("1726222"), '4');
	assert_int_equal(folio_issn_check_digit("2434561"), 'X');
	assert_int_equal(folio_issn_check_digit("0317847"), '1');
	/* Not digits, or too few: no check digit. */
	assert_int_equal(folio_isbn13_check_digit("97892906877"), '\0');
	assert_int_equal(folio_isbn10_check_digit("92-906877"), '\0');
	assert_int_equal(folio_issn_check_digit("172622"), '\0');
	assert_int_equal(folio_isbn13_check_digit(NULL), '\0');
}

static void isbn_convert(void **state)
{
	(void)state;
	struct folio_isbn in, out;

	assert_int_equal(folio_isbn_parse("978-92-9068-774-0", &in), FOLIO_ID_OK);
	assert_int_equal(folio_isbn_to10(&in, &out), 0);
	assert_string_equal(out.digits, "9290687746");
	assert_int_equal(out.len, 10);
	assert_int_equal(folio_isbn_to13(&out, &in), 0);
	assert_string_equal(in.digits, "9789290687740");
	assert_int_equal(in.len, 13);

	assert_int_equal(folio_isbn_parse("0-8044-2957-X", &in), FOLIO_ID_OK);
	assert_int_equal(folio_isbn_to13(&in, &out), 0);
	assert_string_equal(out.digits, "9780804429573");
	assert_int_equal(folio_isbn_to10(&out, &in), 0);
	assert_string_equal(in.digits, "080442957X");

	/* Already in the asked form: a copy. */
	assert_int_equal(folio_isbn_to10(&in, &out), 0);
	assert_string_equal(out.digits, "080442957X");
	assert_int_equal(folio_isbn_parse("9780131103627", &in), FOLIO_ID_OK);
	assert_int_equal(folio_isbn_to13(&in, &out), 0);
	assert_string_equal(out.digits, "9780131103627");

	/* 979 numbers have no ISBN-10. */
	assert_int_equal(folio_isbn_parse("979-10-90636-07-1", &in), FOLIO_ID_OK);
	assert_int_equal(folio_isbn_to10(&in, &out), -1);
	assert_int_equal(folio_isbn_to13(&in, &out), 0);
	assert_string_equal(out.digits, "9791090636071");

	/* Not a parsed ISBN. */
	memset(&in, 0, sizeof in);
	assert_int_equal(folio_isbn_to10(&in, &out), -1);
	assert_int_equal(folio_isbn_to13(&in, &out), -1);
	assert_int_equal(folio_isbn_to13(NULL, &out), -1);
}

/* ---- ISSN ---------------------------------------------------------------- */

static void issn_valid(void **state)
{
	(void)state;
	/* IOM's series, the ISSN standard's examples, Nature, Science, and
	 * two with an X check digit. */
	static const struct isbn_case ok[] = {
		{"1726-2224", "17262224"},
		{"17262224", "17262224"},
		{"ISSN 1726-2224", "17262224"},
		{"ISSN: 1726 2224", "17262224"},
		{"ISSN-L 1726-2224", "17262224"},
		{"urn:issn:1726-2224", "17262224"},
		{"0317-8471", "03178471"},
		{"0378-5955", "03785955"},
		{"0028-0836", "00280836"},
		{"0036-8075", "00368075"},
		{"2434-561X", "2434561X"},
		{"2434-561x", "2434561X"},
		{"1050-124X", "1050124X"},
		{"1726\u20102224", "17262224"},
	};
	size_t i;
	for (i = 0; i < N(ok); i++) {
		struct folio_issn s;
		enum folio_id_status st = folio_issn_parse(ok[i].in, &s);
		if (st != FOLIO_ID_OK)
			fail_msg("%s: %s", ok[i].in, folio_id_strerror(st));
		assert_string_equal(s.digits, ok[i].digits);
	}
}

static void issn_invalid(void **state)
{
	(void)state;
	static const struct bad_case bad[] = {
		{"", FOLIO_ID_EMPTY},
		{"ISSN", FOLIO_ID_EMPTY},
		{"1726-222A", FOLIO_ID_CHARS},
		{"172X-2224", FOLIO_ID_CHARS},
		{"1726-222", FOLIO_ID_LENGTH},
		{"1726-22245", FOLIO_ID_LENGTH},
		{"9789290687740", FOLIO_ID_LENGTH},
		{"-1726-2224", FOLIO_ID_HYPHENS},
		{"1726--2224", FOLIO_ID_HYPHENS},
		{"1726-2224-", FOLIO_ID_HYPHENS},
		{"172-62224", FOLIO_ID_HYPHENS},
		{"17-26-2224", FOLIO_ID_HYPHENS},
	};
	struct folio_issn s;
	size_t i;

	for (i = 0; i < N(bad); i++) {
		enum folio_id_status st = folio_issn_parse(bad[i].in, &s);
		if (st != bad[i].st)
			fail_msg("'%s': got %d (%s), want %d", bad[i].in, st,
				 folio_id_strerror(st), bad[i].st);
	}
	assert_int_equal(folio_issn_parse("1726-2225", &s), FOLIO_ID_CHECK);
	assert_int_equal(s.expected, '4');
	assert_int_equal(s.found, '5');
	assert_int_equal(folio_issn_parse("2434-5610", &s), FOLIO_ID_CHECK);
	assert_int_equal(s.expected, 'X');
	assert_int_equal(s.found, '0');
	assert_int_equal(folio_issn_parse(NULL, &s), FOLIO_ID_EMPTY);
}

static void id_strerror(void **state)
{
	(void)state;
	enum folio_id_status all[] = {
		FOLIO_ID_OK, FOLIO_ID_EMPTY, FOLIO_ID_CHARS, FOLIO_ID_LENGTH,
		FOLIO_ID_PREFIX, FOLIO_ID_CHECK, FOLIO_ID_HYPHENS,
	};
	size_t i, j;
	for (i = 0; i < N(all); i++) {
		assert_non_null(folio_id_strerror(all[i]));
		assert_true(strlen(folio_id_strerror(all[i])) > 3);
		for (j = 0; j < i; j++)
			assert_string_not_equal(folio_id_strerror(all[i]), folio_id_strerror(all[j]));
	}
	assert_string_equal(folio_id_strerror(FOLIO_ID_CHECK), "wrong check digit");
	assert_non_null(folio_id_strerror((enum folio_id_status)99));
}

/* ---- BCP 47 -------------------------------------------------------------- */

static void bcp47_valid(void **state)
{
	(void)state;
	static const char *const ok[] = {
		"en", "ar", "fr-CA", "zh-Hant-TW", "sr-Latn-RS", "es-419",
		"de-CH-1996", "sl-rozaj-biske", "de-DE-u-co-phonebk",
		"en-a-bbb-x-a-ccc", "x-private", "x-a-b-c", "en-x-US",
		"zh-yue-HK", "zh-cmn-Hans-CN", "ar-aao", "EN-gb", "hy-Latn-IT-arevela",
		"en-GB-oed", "i-klingon", "i-default", "sgn-BE-FR", "zh-min-nan",
		"art-lojban", "no-bok", "qaa-Qaaa-QM-x-southern",
		"fr-CAA",       /* language + extended language subtag: well formed */
		"en-USA",       /* likewise (not a region) */
		"tlh", "de-1901", "en-US-u-islamcal-x-foo",
	};
	size_t i;
	for (i = 0; i < N(ok); i++) {
		char why[200] = "";
		if (folio_bcp47_check(ok[i], why, sizeof why) != 0)
			fail_msg("%s: %s", ok[i], why);
	}
}

struct why_case {
	const char *in, *why;   /* a part of the reason */
};

static void bcp47_invalid(void **state)
{
	(void)state;
	static const struct why_case bad[] = {
		{"", "empty"},
		{"e-n", "primary language subtag 'e'"},
		{"en--US", "two hyphens"},
		{"-en", "starts with a hyphen"},
		{"en-US-", "ends with a hyphen"},
		{"toolonglang", "longer than 8"},
		{"12", "primary language subtag '12'"},
		{"en_US", "character '_'"},
		{"en US", "space"},
		{"fr-\xc3\xa9", "non-ASCII"},
		{"de-CH-1996-1996", "variant subtag '1996' appears twice"},
		{"sl-rozaj-ROZAJ", "appears twice"},
		{"en-a-bbb-a-ccc", "extension 'a' appears twice"},
		{"en-a", "extension 'a' needs"},
		{"en-a-x-foo", "extension 'a' needs"},
		{"en-x", "private use"},
		{"x", "private use"},
		{"en-Latn-USA", "region subtag 'USA' must be 2 letters or 3 digits"},
		{"en-US-Latn", "script subtag 'Latn' must come"},
		{"en-Latn-Cyrl", "a second script"},
		{"en-US-GB", "a second region"},
		{"de-1996-CH", "region subtag 'CH' must come before the variants"},
		{"en-US-abc", "too short for a variant"},
		{"english", "'english' is not a language code: did you mean 'en'?"},
		{"Arabic-EG", "did you mean 'ar'?"},
		{"abcdefgh", "a primary language subtag has 2 or 3 letters"},
		{"Latn", "not a language code"},
		{"zh-aaa-bbb-ccc-ddd", "more than three extended"},
		{"en-12", "region subtag '12'"},
		{"en-a1bc", "neither a script"},
		{"i-klingon-x-foo", "primary language subtag 'i'"},
	};
	size_t i;
	for (i = 0; i < N(bad); i++) {
		char why[200] = "";
		if (folio_bcp47_check(bad[i].in, why, sizeof why) != -1)
			fail_msg("'%s' was accepted", bad[i].in);
		if (!strstr(why, bad[i].why))
			fail_msg("'%s': reason '%s' does not say '%s'", bad[i].in, why, bad[i].why);
	}
	/* NULL tag; NULL or tiny reason buffers are fine. */
	assert_int_equal(folio_bcp47_check(NULL, NULL, 0), -1);
	assert_int_equal(folio_bcp47_check("e-n", NULL, 0), -1);
	{
		char tiny[4] = "xyz";
		assert_int_equal(folio_bcp47_check("e-n", tiny, sizeof tiny), -1);
		assert_int_equal(strlen(tiny), 3);
		assert_int_equal(folio_bcp47_check("en", tiny, sizeof tiny), 0);
	}
}

static void bcp47_primary(void **state)
{
	(void)state;
	char out[16];
	folio_bcp47_primary("fr-CA", out, sizeof out);
	assert_string_equal(out, "fr");
	folio_bcp47_primary("ZH-Hant-TW", out, sizeof out);
	assert_string_equal(out, "zh");
	folio_bcp47_primary("ckb", out, sizeof out);
	assert_string_equal(out, "ckb");
	folio_bcp47_primary("i-klingon", out, sizeof out);
	assert_string_equal(out, "i");
	folio_bcp47_primary("x-private", out, sizeof out);
	assert_string_equal(out, "x");
	folio_bcp47_primary("", out, sizeof out);
	assert_string_equal(out, "");
	folio_bcp47_primary("abcdefgh-US", out, 4);     /* truncated, terminated */
	assert_string_equal(out, "abc");
	folio_bcp47_primary(NULL, out, sizeof out);
	assert_string_equal(out, "");
	folio_bcp47_primary("en", NULL, 0);             /* no crash */
}

static void bcp47_rtl(void **state)
{
	(void)state;
	static const char *const rtl[] = {
		"ar", "ar-EG", "AR", "he", "he-IL", "fa", "fa-IR", "ur", "ps", "sd",
		"ug", "yi", "dv", "ckb", "ckb-IQ", "iw", "az-Arab", "pa-Arab",
		"ku-Arab-IQ", "sd-Arab-PK", "uz-Arab", "jrb-Hebr", "syr-Syrc",
		"ar-u-nu-latn",
	};
	static const char *const ltr[] = {
		"en", "fr-CA", "zh-Hant-TW", "sr-Latn-RS", "ar-Latn", "sd-Deva",
		"ug-Cyrl", "az", "az-Latn", "tr", "x-ar", "i-klingon", "", "arn",
		"en-x-Arab", "hebr",
	};
	size_t i;
	for (i = 0; i < N(rtl); i++)
		if (folio_bcp47_is_rtl(rtl[i]) != 1)
			fail_msg("%s should be right to left", rtl[i]);
	for (i = 0; i < N(ltr); i++)
		if (folio_bcp47_is_rtl(ltr[i]) != 0)
			fail_msg("%s should be left to right", ltr[i]);
	assert_int_equal(folio_bcp47_is_rtl(NULL), 0);
}

/* ---- ISO 8601 ------------------------------------------------------------ */

static void dates_valid(void **state)
{
	(void)state;
	static const char *const ok[] = {
		"2018-11-16", "2018-11", "2018", "2016-02-29", "2000-02-29",
		"2018-12-31", "2018-01-31", "2018-04-30", "0001-01-01",
		"2018-11-16T10:00:00Z", "2018-11-16T10:00Z", "2018-11-16T10:00",
		"2018-11-16T23:59:59", "2018-11-16T10:00:00+01:00",
		"2018-11-16T10:00:00-05:30", "2018-11-16T10:00:00.250Z",
		"2016-12-31T23:59:60Z",
	};
	size_t i;
	for (i = 0; i < N(ok); i++) {
		char why[200] = "";
		if (folio_isodate_check(ok[i], why, sizeof why) != 0)
			fail_msg("%s: %s", ok[i], why);
	}
}

static void dates_invalid(void **state)
{
	(void)state;
	static const struct why_case bad[] = {
		{"", "empty"},
		{"2018-02-29", "day 29 does not exist in February 2018"},
		{"1900-02-29", "February 1900"},
		{"2018-04-31", "day 31 does not exist in April 2018"},
		{"2018-11-00", "day 00"},
		{"2018-13-01", "month 13 does not exist"},
		{"2018-00", "month 00 does not exist"},
		{"18-11-16", "4-digit year"},
		{"20181116", "hyphens"},
		{"2018-1-16", "2-digit month"},
		{"2018-11-1", "2-digit day"},
		{"2018/11/16", "expected YYYY-MM"},
		{"16/11/2018", "4-digit year"},
		{"November 2018", "4-digit year"},
		{"2018-11-16 10:00", "after the date"},
		{"2018-11T10:00", "full date"},
		{"2018-11-16T25:00", "hour 25"},
		{"2018-11-16T10:60", "minute 60"},
		{"2018-11-16T10:00:61", "second 61"},
		{"2018-11-16T10", "hh:mm"},
		{"2018-11-16T10:00:00+1", "offset"},
		{"2018-11-16T10:00:00+25:00", "offset"},
		{"2018-11-16T10:00:00Zulu", "after the time"},
		{"2018-11-16T10:00:00.", "decimal"},
		{" 2018", "4-digit year"},
	};
	size_t i;
	for (i = 0; i < N(bad); i++) {
		char why[200] = "";
		if (folio_isodate_check(bad[i].in, why, sizeof why) != -1)
			fail_msg("'%s' was accepted", bad[i].in);
		if (!strstr(why, bad[i].why))
			fail_msg("'%s': reason '%s' does not say '%s'", bad[i].in, why, bad[i].why);
	}
	assert_int_equal(folio_isodate_check(NULL, NULL, 0), -1);
}

/* ---- range data ---------------------------------------------------------- */

struct hy_case {
	const char *in, *out;
};

/* Hyphenations that python-stdnum agrees with. */
static const struct hy_case hyphenated[] = {
	{"9789290687740", "978-92-9068-774-0"},
	{"9290687746", "92-9068-774-6"},
	{"9780131103627", "978-0-13-110362-7"},
	{"0131103628", "0-13-110362-8"},
	{"080442957X", "0-8044-2957-X"},
	{"0306406152", "0-306-40615-2"},
	{"9782070360024", "978-2-07-036002-4"},
	{"9783161484100", "978-3-16-148410-0"},
	{"9791090636071", "979-10-90636-07-1"},
	{"9789993601234", "978-99936-0-123-4"},
	{"9789993660125", "978-99936-601-2-5"},
	{"9789295000001", "978-92-95000-00-1"},
	{"9789299900000", "978-92-999000-0-0"},
};

static void hyphenate_all(const struct folio_isbn_ranges *r)
{
	size_t i;
	for (i = 0; i < N(hyphenated); i++) {
		struct folio_isbn b;
		char out[32];
		assert_int_equal(folio_isbn_parse(hyphenated[i].in, &b), FOLIO_ID_OK);
		if (folio_isbn_hyphenate(r, &b, out, sizeof out) != 0)
			fail_msg("%s: not hyphenated", hyphenated[i].in);
		assert_string_equal(out, hyphenated[i].out);
	}
}

/* Numbers the data does not cover: -1, and the plain digits. */
static void uncovered(const struct folio_isbn_ranges *r, const char *in)
{
	struct folio_isbn b;
	char out[32];
	assert_int_equal(folio_isbn_parse(in, &b), FOLIO_ID_OK);
	assert_int_equal(folio_isbn_hyphenate(r, &b, out, sizeof out), -1);
	assert_string_equal(out, b.digits);
}

static void ranges_stdnum(void **state)
{
	(void)state;
	struct folio_isbn_ranges *r;
	char *err = NULL;
	FILE *f = fopen(stdnum_dat, "r");

	if (!f)
		skip();
	fclose(f);
	r = folio_isbn_ranges_load(stdnum_dat, &err);
	if (!r)
		fail_msg("%s", err);
	hyphenate_all(r);
	uncovered(r, "9786600000008");                  /* no such group */
	uncovered(r, "9791300000005");
	folio_isbn_ranges_free(r);
}

static char *fixture(const char *rel)
{
	const char *src = getenv("FOLIO_SRC");
	char *path;
	if (!src)
		return NULL;
	path = malloc(strlen(src) + strlen(rel) + 2);
	assert_non_null(path);
	sprintf(path, "%s/%s", src, rel);
	return path;
}

static void ranges_xml(void **state)
{
	(void)state;
	struct folio_isbn_ranges *r;
	char *err = NULL, *path = fixture("tests/spec/data/RangeMessage.xml");

	if (!path)
		skip();
	r = folio_isbn_ranges_load(path, &err);
	if (!r)
		fail_msg("%s", err);
	hyphenate_all(r);
	uncovered(r, "9784000000000");                  /* Japan: not in the fixture */
	uncovered(r, "9786600000008");
	folio_isbn_ranges_free(r);
	free(path);
}

/* Writes text to a fresh temporary file; the caller unlinks and frees. */
static char *temp_file(const char *text)
{
	char *path = strdup("/tmp/folio-test-ident-XXXXXX");
	int fd;
	FILE *f;
	assert_non_null(path);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static struct folio_isbn_ranges *load_text(const char *text, char **err)
{
	char *path = temp_file(text);
	struct folio_isbn_ranges *r = folio_isbn_ranges_load(path, err);
	unlink(path);
	free(path);
	return r;
}

static void hyphen(const struct folio_isbn_ranges *r, const char *in, const char *want)
{
	struct folio_isbn b;
	char out[32];
	assert_int_equal(folio_isbn_parse(in, &b), FOLIO_ID_OK);
	assert_int_equal(folio_isbn_hyphenate(r, &b, out, sizeof out), 0);
	assert_string_equal(out, want);
}

/* isbn.dat's corners: comments, CRLF, a line of ranges without children
 * next to one with them, continuation lines at the same indentation,
 * a parent whose several ranges share one list of children. */
static void ranges_dat_format(void **state)
{
	(void)state;
	static const char dat[] =
		"# a comment\r\n"
		"978\r\n"
		" 0-5,600-649\r\n"
		" 0 agency=\"English language\"\r\n"
		"  00-19,200-699\r\n"
		"  7000-8499\r\n"
		"\r\n"
		" 92 agency=\"International NGO Publishers, and EU\"\r\n"
		"  0-5,60-79,800-899,9000-9499\r\n"
		" 600-601 agency=\"Two groups, shared children\"\r\n"
		"  00-09\r\n"
		"979\r\n"
		" 10 agency=\"France\"\r\n"
		"  00-19\r\n";
	char *err = NULL;
	struct folio_isbn_ranges *r = load_text(dat, &err);

	if (!r)
		fail_msg("%s", err);
	hyphen(r, "9780131103627", "978-0-13-110362-7");
	hyphen(r, "9780804429573", "978-0-8044-2957-3");
	hyphen(r, "9789290687740", "978-92-9068-774-0");
	hyphen(r, "0-8044-2957-X", "0-8044-2957-X");
	hyphen(r, "9786000912345", "978-600-09-1234-5");
	hyphen(r, "9786010912342", "978-601-09-1234-2");
	hyphen(r, "9791012345678", "979-10-12-34567-8");
	uncovered(r, "9780900000003");                  /* 0-90: no registrant range */
	uncovered(r, "9781000000009");                  /* group 1: not in the file */
	folio_isbn_ranges_free(r);
}

struct err_case {
	const char *text, *why;
};

static void ranges_errors(void **state)
{
	(void)state;
	static const struct err_case bad[] = {
		{"978\n 0-5,60x-649\n", ":2: expected ranges"},
		{"978\n 5-0\n", ":2: expected ranges"},
		{"978\n 0-55\n", ":2: expected ranges"},
		{"978\n 0 agency=English\n", ":2: expected properties"},
		{"978\n 0 agency=\"English\n", ":2: a property value has no closing quote"},
		{" 978\n", ":1: the first line is indented"},
		{"978\n\t0\n", ":2: indent with spaces"},
		{"978\n  0\n   00-19\n 1\n", ":4: the indentation matches no line above"},
		{"# only comments\n\n", "no ISBN ranges"},
		{"<ISBNRangeMessage><RegistrationGroups>", "Premature end"},
		{"<RangeMessage/>", "not an ISBN range message"},
		{"<ISBNRangeMessage/>", "no RegistrationGroups/Group"},
		{"<ISBNRangeMessage><RegistrationGroups><Group><Prefix>97892</Prefix>"
		 "<Rules/></Group></RegistrationGroups></ISBNRangeMessage>", ":1: expected Prefix"},
		{"<ISBNRangeMessage><RegistrationGroups><Group><Prefix>978-92</Prefix>"
		 "<Rules><Rule><Range>0000000-5999999</Range><Length>x</Length></Rule>"
		 "</Rules></Group></RegistrationGroups></ISBNRangeMessage>", "expected Prefix"},
		{"<ISBNRangeMessage>\n<RegistrationGroups>\n<Group><Prefix>978-92</Prefix>\n"
		 "<Rules><Rule><Range>0000000-599999</Range><Length>1</Length></Rule>"
		 "</Rules></Group></RegistrationGroups></ISBNRangeMessage>", ":4: expected Prefix"},
		{"<!DOCTYPE x SYSTEM \"http://example.org/x.dtd\"><ISBNRangeMessage/>", "no RegistrationGroups"},
	};
	size_t i;
	for (i = 0; i < N(bad); i++) {
		char *err = NULL;
		struct folio_isbn_ranges *r = load_text(bad[i].text, &err);
		if (r)
			fail_msg("case %zu was accepted", i);
		assert_non_null(err);
		if (!strstr(err, bad[i].why))
			fail_msg("case %zu: '%s' does not say '%s'", i, err, bad[i].why);
		free(err);
	}
	{
		char *err = NULL;
		assert_null(folio_isbn_ranges_load("/nonexistent/isbn.dat", &err));
		assert_non_null(strstr(err, "/nonexistent/isbn.dat"));
		free(err);
		assert_null(folio_isbn_ranges_load(NULL, NULL));
	}
	folio_isbn_ranges_free(NULL);
}

static void ranges_xml_minimal(void **state)
{
	(void)state;
	/* No EAN.UCCPrefixes section, a BOM, Length 0 rules, CRLF. */
	static const char xml[] =
		"\xEF\xBB\xBF<?xml version=\"1.0\"?>\r\n<ISBNRangeMessage>\r\n"
		"<RegistrationGroups><Group><Prefix>978-92</Prefix><Agency>NGO</Agency><Rules>\r\n"
		"<Rule><Range>0000000-5999999</Range><Length>1</Length></Rule>\r\n"
		"<Rule><Range>6000000-7999999</Range><Length>2</Length></Rule>\r\n"
		"<Rule><Range>8000000-8999999</Range><Length>3</Length></Rule>\r\n"
		"<Rule><Range>9000000-9499999</Range><Length>4</Length></Rule>\r\n"
		"<Rule><Range>9500000-9999999</Range><Length>0</Length></Rule>\r\n"
		"</Rules></Group></RegistrationGroups></ISBNRangeMessage>\r\n";
	char *err = NULL;
	struct folio_isbn_ranges *r = load_text(xml, &err);
	if (!r)
		fail_msg("%s", err);
	hyphen(r, "9789290687740", "978-92-9068-774-0");
	hyphen(r, "9789260000005", "978-92-60-00000-5");
	uncovered(r, "9789295000001");                  /* Length 0 */
	uncovered(r, "9780131103627");
	folio_isbn_ranges_free(r);
}

static void ranges_default(void **state)
{
	(void)state;
	char *p;
	FILE *f;

	setenv("FOLIO_ISBN_RANGES", "/some/RangeMessage.xml", 1);
	p = folio_isbn_ranges_default();
	assert_string_equal(p, "/some/RangeMessage.xml");
	free(p);
	setenv("FOLIO_ISBN_RANGES", "", 1);             /* set but empty: none */
	assert_null(folio_isbn_ranges_default());
	unsetenv("FOLIO_ISBN_RANGES");
	p = folio_isbn_ranges_default();
	if ((f = fopen(stdnum_dat, "r")) != NULL) {
		fclose(f);
		assert_string_equal(p, stdnum_dat);
	} else {
		assert_null(p);
	}
	free(p);
}

static void hyphenate_edges(void **state)
{
	(void)state;
	struct folio_isbn b, bad;
	char out[32], small[8];
	char *err = NULL;
	struct folio_isbn_ranges *r = load_text("978\n 92\n  0-5,60-79,800-899,9000-9499\n", &err);

	if (!r)
		fail_msg("%s", err);
	assert_int_equal(folio_isbn_parse("9789290687740", &b), FOLIO_ID_OK);
	/* No range data: the digits. */
	assert_int_equal(folio_isbn_hyphenate(NULL, &b, out, sizeof out), -1);
	assert_string_equal(out, "9789290687740");
	/* A buffer too small: -1, a terminated prefix of the digits. */
	assert_int_equal(folio_isbn_hyphenate(r, &b, small, sizeof small), -1);
	assert_string_equal(small, "9789290");
	assert_int_equal(folio_isbn_hyphenate(r, &b, out, 18), 0);
	assert_string_equal(out, "978-92-9068-774-0");
	assert_int_equal(folio_isbn_hyphenate(r, &b, out, 17), -1);
	/* Not an ISBN. */
	memset(&bad, 0, sizeof bad);
	assert_int_equal(folio_isbn_hyphenate(r, &bad, out, sizeof out), -1);
	assert_string_equal(out, "");
	assert_int_equal(folio_isbn_hyphenate(r, NULL, out, sizeof out), -1);
	assert_int_equal(folio_isbn_hyphenate(r, &b, NULL, 0), -1);
	folio_isbn_ranges_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(isbn_valid),
		cmocka_unit_test(isbn_invalid),
		cmocka_unit_test(isbn_wrong_check_digit),
		cmocka_unit_test(check_digits),
		cmocka_unit_test(isbn_convert),
		cmocka_unit_test(issn_valid),
		cmocka_unit_test(issn_invalid),
		cmocka_unit_test(id_strerror),
		cmocka_unit_test(bcp47_valid),
		cmocka_unit_test(bcp47_invalid),
		cmocka_unit_test(bcp47_primary),
		cmocka_unit_test(bcp47_rtl),
		cmocka_unit_test(dates_valid),
		cmocka_unit_test(dates_invalid),
		cmocka_unit_test(ranges_stdnum),
		cmocka_unit_test(ranges_xml),
		cmocka_unit_test(ranges_dat_format),
		cmocka_unit_test(ranges_errors),
		cmocka_unit_test(ranges_xml_minimal),
		cmocka_unit_test(ranges_default),
		cmocka_unit_test(hyphenate_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
