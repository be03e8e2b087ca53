/* test_epubread.c — unit tests of epubread.h: a small EPUB 3 written here
 * with Folio's own ZIP writer (zipio.h) is clean and gives its spine; each
 * variant breaks one thing and gets its rule, located in the entry; entry
 * names that could escape are refused; references resolve as URLs do
 * (epubint.h, the module's private header, for epub_resolve). */
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

#include "epubint.h"
#include "epubread.h"
#include "zipio.h"

#define N(a) (sizeof(a) / sizeof *(a))

static const char container[] =
	"<?xml version=\"1.0\"?>\n"
	"<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
	"  <rootfiles><rootfile full-path=\"OPS/book.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles>\n"
	"</container>\n";

static const char opf[] =
	"<?xml version=\"1.0\"?>\n"
	"<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"uid\">\n"
	"  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	"    <dc:identifier id=\"uid\">urn:isbn:9789290687740</dc:identifier>\n"
	"    <dc:title>Test</dc:title>\n"
	"    <dc:language>fr</dc:language>\n"
	"    <meta property=\"dcterms:modified\">2018-11-16T00:00:00Z</meta>\n"
	"  </metadata>\n"
	"  <manifest>\n"
	"    <item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
	"    <item id=\"c1\" href=\"text/ch%201.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
	"  </manifest>\n"
	"  <spine><itemref idref=\"nav\"/><itemref idref=\"c1\"/></spine>\n"
	"</package>\n";

static const char nav[] =
	"<?xml version=\"1.0\"?>\n"
	"<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\"><head><title>N</title></head>\n"
	"<body><nav epub:type=\"toc\"><ol><li><a href=\"text/ch%201.xhtml#s1\">One</a></li></ol></nav></body></html>\n";

static const char chapter[] =
	"<?xml version=\"1.0\"?>\n"
	"<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>C</title></head>\n"
	"<body><section id=\"s1\"><p>Texte.</p></section></body></html>\n";

struct entry {
	const char *name, *data;
};

/* Writes an EPUB of the given entries into a temporary file; the caller
 * unlinks and frees the returned path. */
static char *write_epub(const struct entry *v, size_t n)
{
	char *path = strdup("/tmp/folio-test-epubread-XXXXXX.epub");
	int fd = mkstemps(path, 5);
	assert_true(fd >= 0);
	close(fd);
	char *err = NULL;
	struct folio_zip *z = folio_zip_create(path, 1542326400, &err);
	assert_non_null(z);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(folio_zip_add(z, v[i].name, v[i].data, strlen(v[i].data),
					       strcmp(v[i].name, "mimetype") == 0, &err), 0);
	assert_int_equal(folio_zip_commit(z, &err), 0);
	return path;
}

/* The same with libzip itself, which takes any name as it is. */
static char *write_raw(const struct entry *v, size_t n)
{
	char *path = strdup("/tmp/folio-test-epubread-XXXXXX.epub");
	int fd = mkstemps(path, 5), err = 0;
	assert_true(fd >= 0);
	close(fd);
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(za);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *src = zip_source_buffer(za, v[i].data, strlen(v[i].data), 0);
		assert_true(zip_file_add(za, v[i].name, src, ZIP_FL_ENC_RAW) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	return path;
}

/* Runs the checks on a variant of the book: entry `name` replaced by
 * `data` (NULL: left out).  Returns the diagnostics' rules, joined. */
static int check_variant(const char *name, const char *data, struct folio_diags *d)
{
	struct entry v[] = {
		{"mimetype", "application/epub+zip"},
		{"META-INF/container.xml", container},
		{"OPS/book.opf", opf},
		{"OPS/nav.xhtml", nav},
		{"OPS/text/ch 1.xhtml", chapter},
	};
	struct entry use[N(v)];
	size_t n = 0;
	for (size_t i = 0; i < N(v); i++) {
		if (name && strcmp(v[i].name, name) == 0) {
			if (data == NULL)
				continue;
			use[n].name = v[i].name;
			use[n++].data = data;
		} else {
			use[n++] = v[i];
		}
	}
	char *path = write_epub(use, n);
	folio_diags_init(d);
	int rc = folio_epub_check(path, d);
	unlink(path);
	free(path);
	return rc;
}

static int has_rule(const struct folio_diags *d, const char *rule, int line)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].rule, rule) == 0 && (line == 0 || d->v[i].line == line))
			return 1;
	return 0;
}

static void clean_book(void **state)
{
	(void)state;
	struct folio_diags d;
	assert_int_equal(check_variant(NULL, NULL, &d), 0);
	for (size_t i = 0; i < d.n; i++)
		print_error("%s:%d:%d: %s [%s]\n", d.v[i].file, d.v[i].line, d.v[i].col, d.v[i].msg, d.v[i].rule);
	assert_int_equal(d.n, 0);
	folio_diags_free(&d);
}

static char *edited(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	assert_non_null(at);
	size_t n = strlen(text) - strlen(from) + strlen(to);
	char *out = malloc(n + 1);
	sprintf(out, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
	return out;
}

static void broken_books(void **state)
{
	(void)state;
	static const struct {
		const char *entry, *from, *to;  /* to NULL with from NULL: entry left out */
		const char *rule;
		int line;
	} cases[] = {
		{"OPS/book.opf", "9789290687740", "9789290687741", "isbn", 4},
		{"OPS/book.opf", "<dc:language>fr</dc:language>", "<dc:language>fr_FR</dc:language>", "lang-tag", 6},
		{"OPS/book.opf", "2018-11-16T00:00:00Z", "2018-11-16", "epub-metadata", 7},
		{"OPS/book.opf", "id=\"uid\"", "id=\"other\"", "epub-metadata", 3},
		{"OPS/book.opf", "ch%201.xhtml", "ch1.xhtml", "epub-manifest", 11},
		{"OPS/book.opf", "<itemref idref=\"c1\"/>", "<itemref idref=\"c1\"/><itemref idref=\"c1\"/>", "epub-spine", 13},
		{"OPS/book.opf", " properties=\"nav\"", "", "epub-nav", 2},
		{"OPS/nav.xhtml", "#s1", "#s2", "epub-nav", 3},
		{"OPS/nav.xhtml", "epub:type=\"toc\"", "epub:type=\"landmarks\"", "epub-nav", 2},
		{"OPS/text/ch 1.xhtml", "</section>", "</sektion>", "epub-xml", 3},
		{"META-INF/container.xml", NULL, NULL, "epub-container", 0},
		{"mimetype", NULL, NULL, "epub-mimetype", 0},
	};
	for (size_t i = 0; i < N(cases); i++) {
		struct folio_diags d;
		char *text = NULL;
		if (cases[i].from) {
			const char *orig = strcmp(cases[i].entry, "OPS/book.opf") == 0 ? opf
					 : strcmp(cases[i].entry, "OPS/nav.xhtml") == 0 ? nav : chapter;
			text = edited(orig, cases[i].from, cases[i].to);
		}
		int rc = check_variant(cases[i].entry, text, &d);
		if (!has_rule(&d, cases[i].rule, cases[i].line))
			for (size_t k = 0; k < d.n; k++)
				print_error("case %zu: %d:%d %s [%s]\n", i, d.v[k].line, d.v[k].col, d.v[k].msg, d.v[k].rule);
		assert_int_equal(rc, 1);
		assert_true(has_rule(&d, cases[i].rule, cases[i].line));
		folio_diags_free(&d);
		free(text);
	}
}

static void spine_order(void **state)
{
	(void)state;
	struct entry v[] = {
		{"mimetype", "application/epub+zip"}, {"META-INF/container.xml", container},
		{"OPS/book.opf", opf}, {"OPS/nav.xhtml", nav}, {"OPS/text/ch 1.xhtml", chapter},
	};
	char *path = write_epub(v, N(v));
	struct folio_diags d;
	struct folio_epub *e;
	char **names;
	folio_diags_init(&d);
	assert_int_equal(folio_epub_open(path, &d, &e), 0);
	size_t n = folio_epub_spine(e, &d, &names);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "OPS/nav.xhtml");
	assert_string_equal(names[1], "OPS/text/ch 1.xhtml");
	long i = folio_epub_find(e, names[1]);
	assert_true(i >= 0);
	size_t len;
	unsigned char *text = folio_epub_read(e, (size_t)i, &len, &d);
	assert_int_equal(len, strlen(chapter));
	assert_memory_equal(text, chapter, len);
	free(text);
	for (size_t k = 0; k < n; k++)
		free(names[k]);
	free(names);
	assert_int_equal(d.n, 0);
	folio_epub_close(e);
	folio_epub_close(NULL);
	folio_diags_free(&d);
	unlink(path);
	free(path);
}

static void unsafe_names(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"../x", "a/../../x", "/etc/passwd", "a\\b", "C:/x", "a//b", "./a", "a/./b", "tab\there",
		"\xC3\x28.xhtml",
	};
	for (size_t i = 0; i < N(bad); i++) {
		struct entry v[] = {{"mimetype", "application/epub+zip"}, {bad[i], "x"}};
		char *path = write_raw(v, N(v));
		struct folio_diags d;
		struct folio_epub *e;
		folio_diags_init(&d);
		assert_int_equal(folio_epub_open(path, &d, &e), 0);
		assert_true(has_rule(&d, "epub-zip-slip", 0));
		assert_null(folio_epub_name(e, 1));
		assert_int_equal(folio_epub_find(e, bad[i]), -1);
		folio_epub_close(e);
		folio_diags_free(&d);
		unlink(path);
		free(path);
	}
}

static void resolving(void **state)
{
	(void)state;
	static const struct {
		const char *from, *ref, *to, *frag;
		int outside;
	} cases[] = {
		{"OPS/nav.xhtml", "ch1.xhtml", "OPS/ch1.xhtml", NULL, 0},
		{"OPS/nav.xhtml", "text/ch%201.xhtml#s1", "OPS/text/ch 1.xhtml", "s1", 0},
		{"OPS/text/a.xhtml", "../images/x.png", "OPS/images/x.png", NULL, 0},
		{"OPS/text/a.xhtml", "./b.xhtml?x=1#f", "OPS/text/b.xhtml", "f", 0},
		{"OPS/a.xhtml", "#top", "OPS/a.xhtml", "top", 0},
		{"OPS/a.xhtml", "../../etc/passwd", NULL, NULL, 1},
		{"a.xhtml", "http://example.org/", NULL, NULL, 0},
		{"a.xhtml", "mailto:x@example.org", NULL, NULL, 0},
		{"a.xhtml", "/abs.xhtml", NULL, NULL, 0},
		{"", "EPUB/package.opf", "EPUB/package.opf", NULL, 0},
	};
	for (size_t i = 0; i < N(cases); i++) {
		char *frag = NULL;
		int outside = -1;
		char *to = epub_resolve(cases[i].from, cases[i].ref, &frag, &outside);
		if (cases[i].to)
			assert_string_equal(to, cases[i].to);
		else
			assert_null(to);
		if (cases[i].frag)
			assert_string_equal(frag, cases[i].frag);
		else
			assert_null(frag);
		assert_int_equal(outside, cases[i].outside);
		free(to);
		free(frag);
	}
	assert_true(epub_has_token("cover-image nav", "nav"));
	assert_false(epub_has_token("navigation", "nav"));
	assert_false(epub_has_token(NULL, "nav"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clean_book),
		cmocka_unit_test(broken_books),
		cmocka_unit_test(spine_order),
		cmocka_unit_test(unsafe_names),
		cmocka_unit_test(resolving),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
