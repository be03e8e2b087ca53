/* test_checks.c — the checks no schema can do, one fixture per rule.
 *
 * Each tests/checks/<rule>-bad.xml is loaded with folio_load and checked;
 * the test asserts exactly the records expected (rule, file, line, and a
 * phrase of the message), in order.  tests/checks/good.xml exercises every
 * rule's accepting side and must give no record at all.  A few cases need
 * files git cannot hold (a symbolic link out of the source folder, a FIFO)
 * or are pathological (deep nesting); they are written to a temporary
 * folder at run time. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checks.h"
#include "xalloc.h"

struct want {
	const char *rule;
	int line;
	const char *file;       /* suffix of the record's file; NULL: the fixture */
	const char *phrase;     /* in the message; NULL: not checked */
};

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

/* Loads `path` (which must load cleanly), runs the checks, and compares the
 * sorted records with `w`. */
static void check_file(const char *path, const char *name, const struct want *w, size_t n)
{
	struct folio_diags ld, d;
	struct folio_doc *doc = NULL;
	folio_diags_init(&ld);
	folio_diags_init(&d);

	int rc = folio_load(path, &ld, &doc);
	if (rc != 0) {
		print_message("%s did not load cleanly:\n", path);
		dump(&ld);
	}
	assert_int_equal(rc, 0);
	assert_non_null(doc);

	folio_checks_run(doc, &d);
	folio_diags_sort(&d);
	if (d.n != n) {
		print_message("%s: %zu records, expected %zu:\n", name, d.n, n);
		dump(&d);
	}
	assert_int_equal(d.n, n);
	for (size_t i = 0; i < n; i++) {
		const struct folio_diag *r = &d.v[i];
		const char *file = w[i].file ? w[i].file : name;
		int ok = strcmp(r->rule, w[i].rule) == 0 && r->line == w[i].line &&
			 r->file != NULL && ends_with(r->file, file) && r->col > 0 &&
			 (w[i].phrase == NULL || strstr(r->msg, w[i].phrase) != NULL);
		if (!ok) {
			print_message("%s: record %zu is not [%s] %s:%d \"%s\":\n", name, i,
				      w[i].rule, file, w[i].line, w[i].phrase ? w[i].phrase : "");
			dump(&d);
		}
		assert_true(ok);
	}
	folio_doc_free(doc);
	folio_diags_free(&d);
	folio_diags_free(&ld);
}

static void check_fixture(const char *name, const struct want *w, size_t n)
{
	const char *src = getenv("FOLIO_SRC");
	char *path = folio_xasprintf("%s/tests/checks/%s", src ? src : ".", name);
	char *slashed = folio_xasprintf("/%s", name);
	check_file(path, slashed, w, n);
	free(slashed);
	free(path);
}

#define CHECK(name, ...) do { \
	static const struct want w_[] = {__VA_ARGS__}; \
	check_fixture(name, w_, sizeof w_ / sizeof w_[0]); \
} while (0)

static void test_good(void **state)
{
	(void)state;
	check_fixture("good.xml", NULL, 0);
}

static void test_isbn(void **state)
{
	(void)state;
	CHECK("isbn-bad.xml",
	      {"isbn", 5, NULL, "ISBN 978-92-9068-774-1 has a wrong check digit: expected 0, found 1"},
	      {"isbn", 6, NULL, "has 11 digits"},
	      {"isbn", 7, NULL, "is empty"},
	      {"isbn", 8, NULL, "977-92-9068-774-3"},
	      {"isbn", 9, NULL, "978-92-9O68-774-0"},
	      {"issn", 10, NULL, "has 13 digits"});
}

static void test_issn(void **state)
{
	(void)state;
	CHECK("issn-bad.xml",
	      {"issn", 7, NULL, "ISSN 1726-2225 has a wrong check digit: expected 4, found 5"},
	      {"issn", 9, NULL, "has 7 digits"},
	      {"issn", 10, NULL, "expected 1, found X"});
}

static void test_lang_tag(void **state)
{
	(void)state;
	CHECK("lang-tag-bad.xml",
	      {"lang-tag", 2, NULL, "xml:lang \"en_US\""},
	      {"lang-tag", 6, NULL, "\"e\""},
	      {"lang-tag", 7, NULL, "\"es-\""},
	      {"lang-tag", 10, NULL, "\"en-US-u\""});
}

static void test_date(void **state)
{
	(void)state;
	CHECK("date-bad.xml",
	      {"date", 5, NULL, "pubdate \"2018-02-30\""},
	      {"date", 6, NULL, "copyright year \"18\""},
	      {"date", 10, NULL, "\"16/11/2018\""},
	      {"date", 10, NULL, "\"2018-13\""},
	      {"date", 11, NULL, "\"2019-02-29\""});
}

static void test_duplicate_id(void **state)
{
	(void)state;
	CHECK("duplicate-id-bad.xml",
	      {"duplicate-id", 8, NULL, "first used at "},
	      {"duplicate-id", 5, "/sub/dup.xml", "duplicate-id-bad.xml:5:"});
}

static void test_dangling_link(void **state)
{
	(void)state;
	CHECK("dangling-link-bad.xml",
	      {"dangling-link", 7, NULL, "\"fig-missing\""},
	      {"dangling-link", 8, NULL, "\"nowhere\""},
	      {"dangling-link", 8, NULL, "\"#gone\""},
	      {"dangling-link", 10, NULL, "endterm \"no-title\""},
	      {"dangling-link", 10, NULL, "\"fn-x\" on <footnoteref>"},
	      {"dangling-link", 11, NULL, "linkends \"missing-co\""},
	      {"dangling-link", 12, NULL, "linkend on <xref> is empty"});
}

static void test_image_missing(void **state)
{
	(void)state;
	CHECK("image-missing-bad.xml",
	      {"image-missing", 8, NULL, "images/nope.png does not exist"},
	      {"image-missing", 9, NULL, "outside the source folder"},
	      {"image-missing", 10, NULL, "remote images are not allowed (no network)"},
	      {"image-missing", 11, NULL, "data: URL"},
	      {"image-missing", 12, NULL, "empty fileref"},
	      {"image-missing", 6, "/sub/img.xml", "looked for sub/images/ok.png"});
}

static void test_image_unreadable(void **state)
{
	(void)state;
	CHECK("image-unreadable-bad.xml",
	      {"image-unreadable", 7, NULL, "images/notes.png is not an image"},
	      {"image-unreadable", 8, NULL, "empty file"},
	      {"image-unreadable", 9, NULL, "is a folder"});
}

static void test_image_type(void **state)
{
	(void)state;
	CHECK("image-type-bad.xml",
	      {"image-type", 7, NULL, "images/photo.png is a JPEG image but its name and format say PNG"},
	      {"image-type", 8, NULL, "images/ok.png is a PNG image but its format says JPEG"},
	      {"image-type", 9, NULL, "images/photo.png is a JPEG image but its name says PNG"},
	      {"image-type", 10, NULL, "an SVG image but its format says EPS"},
	      {"image-type", 11, NULL, "its name says PNG and its format says GIF"});
}

static void test_image_alt(void **state)
{
	(void)state;
	CHECK("image-alt-bad.xml",
	      {"image-alt", 6, NULL, "cover image images/ok.png has no text alternative"},
	      {"image-alt", 13, NULL, "image images/ok.png has no text alternative"},
	      {"image-alt", 17, NULL, "images/ok.gif"},
	      {"image-alt", 22, NULL, "images/ok.svg has an <alt> but no textobject"});
}

static void test_empty_section(void **state)
{
	(void)state;
	CHECK("empty-section-bad.xml",
	      {"empty-section", 4, NULL, "preface \"Foreword\" has a title and nothing else"},
	      {"empty-section", 8, NULL, "section \"Only info\""},
	      {"empty-section", 16, NULL, "section \"Innermost\""},
	      {"empty-section", 20, NULL, "part \"Part\""},
	      {"empty-section", 23, NULL, "sect1 \"Empty sect1\""});
}

static void test_heading_skip(void **state)
{
	(void)state;
	CHECK("heading-skip-bad.xml",
	      {"heading-skip", 7, NULL, "renderas=\"sect2\""},
	      {"heading-skip", 12, NULL, "renderas=\"sect4\""},
	      {"heading-skip", 21, NULL, "sect3 in a level-1 section"},
	      {"heading-skip", 23, NULL, "sect2 at chapter level"});
}

static void test_heading_depth(void **state)
{
	(void)state;
	CHECK("heading-depth-bad.xml",
	      {"heading-depth", 12, NULL, "section \"h7\" would be a level-7 heading"},
	      {"heading-depth", 16, NULL, "\"Another h7\""});
}

static void test_link_scheme(void **state)
{
	(void)state;
	CHECK("link-scheme-bad.xml",
	      {"link-scheme", 7, NULL, "javascript: scheme"},
	      {"link-scheme", 8, NULL, "javascript: scheme"},
	      {"link-scheme", 9, NULL, "javascript: scheme"},
	      {"link-scheme", 10, NULL, "data: scheme"},
	      {"link-scheme", 11, NULL, "file: scheme"},
	      {"link-scheme", 12, NULL, "uri \"vbscript:msgbox\""},
	      {"link-scheme", 13, NULL, "<phrase>"});
}

static void test_pagebreak_order(void **state)
{
	(void)state;
	CHECK("pagebreak-order-bad.xml",
	      {"pagebreak-order", 8, NULL, "page break \"ii\" comes after page break \"iii\""},
	      {"pagebreak-order", 15, NULL, "\"2\" repeats"},
	      {"pagebreak-order", 17, NULL, "\"iv\" is a roman numeral after page break \"3\""},
	      {"pagebreak-order", 19, NULL, "\"4\" comes after page break \"5\""},
	      {"pagebreak-order", 20, NULL, "the previous page break is \"4\""});
}

/* ---- Cases written at run time ------------------------------------------ */

static char *tmpdir;

static int make_tmp(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/folio-checks-XXXXXX";
	if (mkdtemp(tmpl) == NULL)
		return -1;
	tmpdir = folio_xstrdup(tmpl);
	return 0;
}

static int remove_tmp(void **state)
{
	(void)state;
	static const char *const names[] = {"book.xml", "deep.xml", "link.png", "fifo.png", NULL};
	for (size_t i = 0; names[i] != NULL; i++) {
		char *p = folio_xasprintf("%s/%s", tmpdir, names[i]);
		unlink(p);
		free(p);
	}
	rmdir(tmpdir);
	free(tmpdir);
	tmpdir = NULL;
	return 0;
}

static char *write_tmp(const char *name, const char *text)
{
	char *p = folio_xasprintf("%s/%s", tmpdir, name);
	FILE *fp = fopen(p, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return p;
}

/* A symbolic link out of the source folder is outside it; a FIFO is read
 * without blocking (it is not a regular file). */
static void test_image_escapes(void **state)
{
	(void)state;
	const char *src = getenv("FOLIO_SRC");
	char *target = folio_xasprintf("%s/tests/checks/images/ok.png", src ? src : ".");
	char *abs = realpath(target, NULL);
	assert_non_null(abs);
	char *link = folio_xasprintf("%s/link.png", tmpdir);
	char *fifo = folio_xasprintf("%s/fifo.png", tmpdir);
	assert_int_equal(symlink(abs, link), 0);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	char *book = write_tmp("book.xml",
		"<book xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\">\n"
		"<info><title>T</title></info>\n"
		"<chapter><title>C</title><mediaobject>\n"
		"<imageobject><imagedata fileref=\"link.png\"/></imageobject>\n"
		"<imageobject><imagedata fileref=\"fifo.png\"/></imageobject>\n"
		"<textobject><phrase>Alt.</phrase></textobject>\n"
		"</mediaobject></chapter></book>\n");
	static const struct want w[] = {
		{"image-missing", 4, "/book.xml", "outside the source folder"},
		{"image-unreadable", 5, "/book.xml", "not a regular file"},
	};
	check_file(book, "/book.xml", w, 2);
	free(book);
	free(fifo);
	free(link);
	free(abs);
	free(target);
}

/* Sections nested as deep as libxml2 allows: walked without recursion, and
 * reported once, at the first section past h6. */
static void test_deep_nesting(void **state)
{
	(void)state;
	enum { DEPTH = 200 };
	size_t cap = 0, len = 0;
	char *s = NULL;
	const char *head = "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\">\n"
			   "<title>Deep</title><para>x</para>\n";
	s = folio_xgrow(s, &cap, strlen(head) + 1, 1);
	strcpy(s, head);
	len = strlen(s);
	for (int i = 0; i < DEPTH; i++) {
		char line[64];
		int n = snprintf(line, sizeof line, "<section><title>S%d</title><para>x</para>\n", i + 1);
		s = folio_xgrow(s, &cap, len + (size_t)n + 1, 1);
		memcpy(s + len, line, (size_t)n + 1);
		len += (size_t)n;
	}
	for (int i = 0; i < DEPTH; i++) {
		s = folio_xgrow(s, &cap, len + 12, 1);
		memcpy(s + len, "</section>", 11);
		len += 10;
	}
	s = folio_xgrow(s, &cap, len + 12, 1);
	memcpy(s + len, "</article>\n", 12);
	char *path = write_tmp("deep.xml", s);
	static const struct want w[] = {
		{"heading-depth", 8, "/deep.xml", "section \"S6\" would be a level-7 heading"},
	};
	check_file(path, "/deep.xml", w, 1);
	free(path);
	free(s);
}

static void test_no_document(void **state)
{
	(void)state;
	struct folio_diags d;
	struct folio_doc empty = {0};
	folio_diags_init(&d);
	folio_checks_run(NULL, &d);
	folio_checks_run(&empty, &d);
	assert_int_equal(d.n, 0);
	folio_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_isbn),
		cmocka_unit_test(test_issn),
		cmocka_unit_test(test_lang_tag),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_duplicate_id),
		cmocka_unit_test(test_dangling_link),
		cmocka_unit_test(test_image_missing),
		cmocka_unit_test(test_image_unreadable),
		cmocka_unit_test(test_image_type),
		cmocka_unit_test(test_image_alt),
		cmocka_unit_test(test_empty_section),
		cmocka_unit_test(test_heading_skip),
		cmocka_unit_test(test_heading_depth),
		cmocka_unit_test(test_link_scheme),
		cmocka_unit_test(test_pagebreak_order),
		cmocka_unit_test(test_image_escapes),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_no_document),
	};
	return cmocka_run_group_tests(tests, make_tmp, remove_tmp);
}
