/* test_encoding.c — unit tests of encoding.h: UTF-8 validity, byte-order
 * marks and patterns, the XML declaration read and rewritten, the scored
 * guess across languages and encodings (texts written here in UTF-8 and
 * converted with iconv), exact conversion with positions, and mojibake. */
#define _POSIX_C_SOURCE 200809L

#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "encoding.h"

#define N(a) (sizeof(a) / sizeof *(a))

/* UTF-8 text in another encoding (the test's own iconv call). */
static size_t encode(const char *utf8, const char *to, char *out, size_t outlen)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	assert_true(cd != (iconv_t)-1);
	char *in = (char *)utf8, *o = out;
	size_t il = strlen(utf8), ol = outlen;
	assert_int_not_equal(iconv(cd, &in, &il, &o, &ol), (size_t)-1);
	iconv_close(cd);
	return outlen - ol;
}

#define VALID ((size_t)-1)

static void utf8_validity(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t bad, badlen;
	} cases[] = {
		{"plain", VALID, 0},
		{"caf\xC3\xA9", VALID, 0},
		{"\xE2\x80\x99 \xF0\x9F\x98\x80", VALID, 0},
		{"caf\xE9!", 3, 1},               /* Latin-1 é */
		{"\xC0\xAF", 0, 1},               /* overlong '/' */
		{"\xE0\x80\xAF", 0, 1},           /* overlong, three bytes */
		{"\xED\xA0\x80", 0, 1},           /* a surrogate */
		{"\xF4\x90\x80\x80", 0, 1},       /* past U+10FFFF */
		{"ab\xE2\x80", 2, 2},             /* cut short */
		{"\xE2\x80x", 0, 2},
		{"\x80", 0, 1},
	};
	for (size_t i = 0; i < N(cases); i++) {
		size_t badlen = 99;
		size_t n = strlen(cases[i].s);
		size_t bad = folio_encoding_utf8_invalid((const unsigned char *)cases[i].s, n, &badlen);
		assert_int_equal(bad, cases[i].bad == VALID ? n : cases[i].bad);
		assert_int_equal(badlen, cases[i].badlen);
	}
}

/* A byte string literal and its length (it may hold NULs). */
#define B(s) s, sizeof(s) - 1

static void marks_patterns_declarations(void **state)
{
	(void)state;
	static const struct {
		const char *bytes;
		size_t len;
		const char *label;
		enum folio_enc_source src;
		size_t bom;
		int conflict;
	} cases[] = {
		{B("\xEF\xBB\xBF<a/>"), "UTF-8", FOLIO_ENC_BOM, 3, 0},
		{B("\xFF\xFE<\0a\0"), "UTF-16LE", FOLIO_ENC_BOM, 2, 0},
		{B("\xFE\xFF\0<\0a"), "UTF-16BE", FOLIO_ENC_BOM, 2, 0},
		{B("\xFF\xFE\0\0<\0\0\0"), "UTF-32LE", FOLIO_ENC_BOM, 4, 0},
		{B("\0\0\xFE\xFF\0\0\0<"), "UTF-32BE", FOLIO_ENC_BOM, 4, 0},
		{B("<\0?\0x\0m\0l\0"), "UTF-16LE", FOLIO_ENC_PATTERN, 0, 0},
		{B("\0<\0?\0x\0m\0l"), "UTF-16BE", FOLIO_ENC_PATTERN, 0, 0},
		{B("a\0b\0c\0d\0"), "UTF-16LE", FOLIO_ENC_PATTERN, 0, 0},
		{B("<?xml version='1.0' encoding='ISO-8859-1'?><a>\xE9</a>"), "ISO-8859-1", FOLIO_ENC_DECLARED, 0, 0},
		{B("<?xml version=\"1.0\" encoding=\"utf-8\"?><a>\xC3\xA9</a>"), "UTF-8", FOLIO_ENC_DECLARED, 0, 0},
		/* ISO-8859-1 with 0x92: windows-1252's apostrophe, as browsers read it */
		{B("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>l\x92\xE9t\xE9</a>"), "windows-1252",
		 FOLIO_ENC_DECLARED, 0, 1},
		/* says windows-1252, is UTF-8 */
		{B("<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>\xC3\xA9</a>"), "UTF-8", FOLIO_ENC_UTF8, 0, 1},
		/* a UTF-8 mark and a declaration that says otherwise */
		{B("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>"), "UTF-8", FOLIO_ENC_BOM, 3, 1},
		{B("<a>plain</a>"), "UTF-8", FOLIO_ENC_UTF8, 0, 0},
	};
	for (size_t i = 0; i < N(cases); i++) {
		struct folio_enc_detection det;
		int rc = folio_encoding_detect((const unsigned char *)cases[i].bytes, cases[i].len, &det);
		assert_int_equal(rc, 0);
		assert_string_equal(det.label, cases[i].label);
		assert_int_equal(det.source, cases[i].src);
		assert_int_equal(det.bom, cases[i].bom);
		assert_int_equal(det.conflict[0] != '\0', cases[i].conflict);
	}
}

/* Sentences written for these tests, one per language the guess serves. */
static const struct {
	const char *text, *enc, *label;
} texts[] = {
	{"Les délégués se sont réunis à Genève ; l’échange fut très ouvert, même sur la "
	 "coopération entre États et villes, où chacun a présenté son rôle.", "WINDOWS-1252", "windows-1252"},
	{"Les délégués se sont réunis à Genève ; l’échange fut très ouvert, même sur la "
	 "coopération entre États et villes, où chacun a présenté son rôle.", "MACINTOSH", "MacRoman"},
	{"Die Größe der Städte wächst, und die Bevölkerung ändert sich schnell; über fünfzig "
	 "Länder nahmen teil.", "ISO-8859-1", "windows-1252"},
	{"La migración es un fenómeno mundial: los países de origen, tránsito y destino "
	 "colaboran; también participó la sociedad civil.", "ISO-8859-15", "windows-1252"},
	{"La città è cresciuta; più di cento persone hanno partecipato perché la "
	 "cooperazione è necessaria, però la qualità dei dati non basta.", "WINDOWS-1252", "windows-1252"},
	{"Migrace je celosvětový jev. Země původu, tranzitu a určení spolupracují; účastnili "
	 "se také zástupci měst a občanské společnosti.", "WINDOWS-1250", "windows-1250"},
	{"Migracja jest zjawiskiem światowym. Państwa pochodzenia i przeznaczenia "
	 "współpracują; uczestniczyły też władze lokalne.", "WINDOWS-1250", "windows-1250"},
	{"Миграция — глобальное явление. Страны происхождения, транзита и назначения "
	 "сотрудничают; участвовали также местные власти.", "WINDOWS-1251", "windows-1251"},
	{"الهجرة ظاهرة عالمية. تتعاون بلدان المنشأ والعبور والمقصد، وشاركت في الحوار "
	 "السلطات المحلية والمجتمع المدني.", "WINDOWS-1256", "windows-1256"},
	{"الهجرة ظاهرة عالمية. تتعاون بلدان المنشأ والعبور والمقصد، وشاركت في الحوار "
	 "السلطات المحلية والمجتمع المدني.", "ISO-8859-6", "ISO-8859-6"},
	{"Prix : 12 € le café, 15 € le thé.", "ISO-8859-15", "ISO-8859-15"},
	/* the declared language decides between readings that look alike */
	{"<p xml:lang=\"en\">It’s a report; don’t “quote” it.</p>", "WINDOWS-1252", "windows-1252"},
};

static void guesses(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(texts); i++) {
		char buf[1024];
		size_t n = encode(texts[i].text, texts[i].enc, buf, sizeof buf);
		struct folio_enc_detection det;
		int rc = folio_encoding_detect((const unsigned char *)buf, n, &det);
		if (rc != 0 || strcmp(det.label, texts[i].label) != 0)
			print_error("text %zu (%s): %s, %s\n", i, texts[i].enc, det.label, det.why);
		assert_int_equal(rc, 0);
		assert_int_equal(det.source, FOLIO_ENC_GUESSED);
		assert_string_equal(det.label, texts[i].label);
		assert_true(det.confidence >= FOLIO_ENC_MIN_CONFIDENCE);
		/* and the conversion gives the text back */
		char *out;
		size_t len;
		struct folio_diags d;
		folio_diags_init(&d);
		assert_int_equal(folio_encoding_to_utf8("t", det.iconv_name, (unsigned char *)buf, n, &d,
							&out, &len), 0);
		assert_string_equal(out, texts[i].text);
		free(out);
		folio_diags_free(&d);
	}
}

static void refusals(void **state)
{
	(void)state;
	static const char *const cases[] = {
		"It\x92s a report.",          /* an apostrophe, or MacRoman's í */
		"\x01\x02\x03\x9f\x80\x81 binary",
		"\xCF\xF0\xE8\xE2\xE5\xF2",   /* Привет in windows-1251, or Arabic in ISO-8859-6 */
	};
	for (size_t i = 0; i < N(cases); i++) {
		struct folio_enc_detection det;
		assert_int_equal(folio_encoding_detect((const unsigned char *)cases[i], strlen(cases[i]), &det), 1);
		assert_true(det.confidence < FOLIO_ENC_MIN_CONFIDENCE);
		assert_true(det.why[0] != '\0');
	}
}

static void conversion_positions(void **state)
{
	(void)state;
	struct folio_diags d;
	char *out;
	size_t len;
	folio_diags_init(&d);
	/* 0x81 has no character in windows-1252; it sits at line 2, column 4. */
	const char in[] = "\xE9t\xE9\nab\xE9\x81x\n\x8D";
	assert_int_equal(folio_encoding_to_utf8("f.xml", "WINDOWS-1252", (const unsigned char *)in,
						sizeof in - 1, &d, &out, &len), 1);
	assert_null(out);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[0].col, 4);
	assert_string_equal(d.v[0].rule, "enc-unconvertible");
	assert_non_null(strstr(d.v[0].msg, "byte 0x81 at offset 7"));
	assert_int_equal(d.v[1].line, 3);
	assert_int_equal(d.v[1].col, 1);
	folio_diags_free(&d);

	folio_diags_init(&d);
	assert_int_equal(folio_encoding_to_utf8("f", "NO-SUCH-ENCODING", (const unsigned char *)"a", 1,
						&d, &out, &len), -1);
	assert_int_equal(folio_encoding_to_utf8("f", "ISO-8859-1", (const unsigned char *)"\xE9", 1,
						&d, &out, &len), 0);
	assert_string_equal(out, "\xC3\xA9");
	assert_int_equal(len, 2);
	free(out);
	folio_diags_free(&d);
}

static void declarations(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"<?xml version=\"1.0\"?>\n<a/>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a/>"},
		{"<?xml version='1.0'?><a/>", "<?xml version='1.0' encoding='UTF-8'?><a/>"},
		{"<?xml version=\"1.0\" encoding=\"ISO-8859-1\" standalone=\"yes\"?><a/>",
		 "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><a/>"},
		{"<?xml version = \"1.0\"  encoding = 'utf-16' ?><a/>",
		 "<?xml version = \"1.0\"  encoding = 'UTF-8' ?><a/>"},
		{"<?xml encoding=\"latin1\"?>text", "<?xml encoding=\"UTF-8\"?>text"},
		{"<book/>\r\n", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<book/>\r\n"},
		{"\n  <book/>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\n  <book/>"},
		{"plain text\n", "plain text\n"},
		{"", ""},
		{"<?xml-stylesheet href=\"a\"?><a/>",
		 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?xml-stylesheet href=\"a\"?><a/>"},
	};
	for (size_t i = 0; i < N(cases); i++) {
		size_t len;
		char *out = folio_encoding_declare(cases[i].in, strlen(cases[i].in), &len);
		assert_string_equal(out, cases[i].out);
		assert_int_equal(len, strlen(cases[i].out));
		free(out);
	}
}

static void mojibake(void **state)
{
	(void)state;
	const char *in = "l\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2\xC3\x83\xC2\xA9t\xC3\x83\xC2\xA9\n"  /* lâ€™Ã©tÃ© */
			 "ok \xC3\x83\xE2\x80\xA6 \xC3\xA2\xE2\x82\xAC? \xEF\xBF\xBD";            /* Ã… â€? U+FFFD */
	struct folio_mojibake *m;
	size_t n = folio_encoding_mojibake_find(in, strlen(in), &m);
	assert_int_equal(n, 6);
	assert_string_equal(m[0].seen, "\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2");
	assert_string_equal(m[0].meant, "\xE2\x80\x99");
	assert_int_equal(m[0].line, 1);
	assert_int_equal(m[0].col, 2);
	assert_true(m[1].exact && m[2].exact && m[3].exact);
	assert_int_equal(m[1].col, 5);
	assert_string_equal(m[3].meant, "\xC3\x85");  /* Ã… is Å */
	assert_int_equal(m[3].line, 2);
	assert_int_equal(m[3].col, 4);
	assert_false(m[4].exact);                      /* â€ then '?': a byte lost */
	assert_false(m[5].exact);                      /* U+FFFD */
	size_t len;
	char *fixed = folio_encoding_mojibake_fix(in, strlen(in), m, n, &len);
	assert_string_equal(fixed, "l\xE2\x80\x99\xC3\xA9t\xC3\xA9\nok \xC3\x85 \xC3\xA2\xE2\x82\xAC? \xEF\xBF\xBD");
	free(fixed);
	free(m);
	/* Ordinary accented text is no mojibake. */
	const char *clean = "\xC3\x89t\xC3\xA9 \xC3\xA0 Gen\xC3\xA8ve \xE2\x80\x94 S\xC3\x83O PAULO";
	assert_int_equal(folio_encoding_mojibake_find(clean, strlen(clean), &m), 0);
	assert_null(m);
}

static void names(void **state)
{
	(void)state;
	assert_string_equal(folio_encoding_resolve("macroman"), "MACINTOSH");
	assert_string_equal(folio_encoding_resolve("Latin1"), "ISO-8859-1");
	assert_string_equal(folio_encoding_resolve("cp1252"), "WINDOWS-1252");
	assert_string_equal(folio_encoding_resolve("KOI8-R"), "KOI8-R");
	assert_null(folio_encoding_resolve("no-such-thing"));
	assert_null(folio_encoding_resolve("ASCII//TRANSLIT"));
	assert_string_equal(folio_encoding_label("MACINTOSH"), "MacRoman");
}

static void recode_pipeline(void **state)
{
	(void)state;
	struct folio_recode_opts o = {NULL, 1, 1};
	struct folio_recoded r;
	struct folio_diags d;
	folio_diags_init(&d);
	const char *in = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<p>caf\xC3\x83\xC2\xA9</p>\n";
	assert_int_equal(folio_encoding_recode("x.xml", (const unsigned char *)in, strlen(in), &o, &d, &r), 0);
	assert_string_equal(r.text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<p>caf\xC3\xA9</p>\n");
	assert_int_equal(r.fixed, 1);
	assert_true(r.changed);
	assert_string_equal(r.det.label, "UTF-8");  /* the bytes are UTF-8, whatever the declaration says */
	int declaration = 0, fixed = 0;
	for (size_t i = 0; i < d.n; i++) {
		declaration += strcmp(d.v[i].rule, "enc-declaration") == 0;
		fixed += strcmp(d.v[i].rule, "enc-mojibake-fixed") == 0;
	}
	assert_int_equal(declaration, 1);
	assert_int_equal(fixed, 1);
	folio_recoded_free(&r);
	folio_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_validity),
		cmocka_unit_test(marks_patterns_declarations),
		cmocka_unit_test(guesses),
		cmocka_unit_test(refusals),
		cmocka_unit_test(conversion_positions),
		cmocka_unit_test(declarations),
		cmocka_unit_test(mojibake),
		cmocka_unit_test(names),
		cmocka_unit_test(recode_pipeline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
