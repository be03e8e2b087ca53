/* test_validate.c — unit tests of validate.h and rngintro.h: schema errors
 * said in plain words, one record per problem, at the right file and line
 * (XIncluded files included); Schematron rules with their own ids; the
 * official DocBook schema; the grammar model on a tiny schema.  The profile
 * tests use the small schemas in tests/validate/data (FOLIO_DATADIR), so
 * they do not move when the shipped profile grows. */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "diag.h"
#include "load.h"
#include "rngintro.h"
#include "validate.h"

static char *fixture(const char *rel)
{
	const char *src = getenv("FOLIO_SRC");
	assert_non_null(src);
	size_t n = strlen(src) + strlen(rel) + 32;
	char *p = malloc(n);
	assert_non_null(p);
	snprintf(p, n, "%s/tests/validate/%s", src, rel);
	return p;
}

static void use_datadir(const char *rel)
{
	char *dir = fixture(rel);
	setenv("FOLIO_DATADIR", dir, 1);
	free(dir);
}

/* Everything libxml2 might print goes to a file we can look at. */
struct quiet {
	int saved;
	FILE *tmp;
};

static void quiet_begin(struct quiet *q)
{
	fflush(stderr);
	q->tmp = tmpfile();
	assert_non_null(q->tmp);
	q->saved = dup(2);
	assert_true(q->saved >= 0);
	assert_true(dup2(fileno(q->tmp), 2) >= 0);
}

/* Returns how many bytes were printed on stderr meanwhile. */
static long quiet_end(struct quiet *q)
{
	fflush(stderr);
	dup2(q->saved, 2);
	close(q->saved);
	long n = ftell(q->tmp);
	if (n > 0) {
		char buf[4096];
		rewind(q->tmp);
		size_t got = fread(buf, 1, sizeof buf - 1, q->tmp);
		buf[got] = '\0';
		print_message("printed on stderr: %s\n", buf);
	}
	fclose(q->tmp);
	return n;
}

static void dump(const struct folio_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		print_message("  %s:%d:%d: %s [%s]\n", d->v[i].file ? d->v[i].file : "-",
			      d->v[i].line, d->v[i].col, d->v[i].msg, d->v[i].rule);
}

/* Validates a fixture; the records land in d. */
static int check(struct folio_validator *v, const char *name, struct folio_diags *d)
{
	char *path = fixture(name);
	struct folio_doc *doc = NULL;
	struct quiet q;
	folio_diags_init(d);
	quiet_begin(&q);
	assert_int_equal(folio_load(path, d, &doc), 0);
	int rc = folio_validate(v, doc, d);
	assert_int_equal(quiet_end(&q), 0);
	folio_diags_sort(d);
	folio_doc_free(doc);
	free(path);
	return rc;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Exactly one record: its rule, file, line, and the words it must say. */
static void expect_one(struct folio_validator *v, const char *name, const char *rule,
		       const char *file, int line, int col, const char *const *words)
{
	struct folio_diags d;
	int rc = check(v, name, &d);
	if (d.n != 1)
		dump(&d);
	assert_int_equal(d.n, 1);
	assert_int_equal(rc, 1);
	const struct folio_diag *r = &d.v[0];
	if (strcmp(r->rule, rule) != 0 || r->line != line || (col && r->col != col))
		dump(&d);
	assert_string_equal(r->rule, rule);
	assert_non_null(r->file);
	assert_true(ends_with(r->file, file ? file : name));
	assert_int_equal(r->line, line);
	if (col)
		assert_int_equal(r->col, col);
	for (size_t i = 0; words[i] != NULL; i++) {
		if (strstr(r->msg, words[i]) == NULL)
			print_message("missing \"%s\" in: %s\n", words[i], r->msg);
		assert_non_null(strstr(r->msg, words[i]));
	}
	folio_diags_free(&d);
}

/* ---- The profile (tests/validate/data) -------------------------------- */

static int profile_setup(void **state)
{
	struct folio_diags d;
	struct quiet q;
	folio_diags_init(&d);
	use_datadir("data");
	quiet_begin(&q);
	*state = folio_validator_new(FOLIO_SCHEMA_PROFILE, &d);
	assert_int_equal(quiet_end(&q), 0);
	dump(&d);
	folio_diags_free(&d);
	return *state == NULL ? -1 : 0;
}

static int profile_teardown(void **state)
{
	folio_validator_free(*state);
	return 0;
}

static void valid_gives_nothing(void **state)
{
	struct folio_diags d;
	int rc = check(*state, "valid.xml", &d);
	dump(&d);
	assert_int_equal(d.n, 0);
	assert_int_equal(rc, 0);
	folio_diags_free(&d);
}

static void chapter_in_para(void **state)
{
	static const char *const w[] = {"<chapter> is not allowed inside <para>",
		"<para> may contain: anchor, emphasis, link, xref (and text)", NULL};
	expect_one(*state, "chapter-in-para.xml", "schema", NULL, 5, 5, w);
}

static void section_without_title(void **state)
{
	static const char *const w[] = {
		"<section> needs a <title> (or <info> with a title) before its content", NULL};
	expect_one(*state, "section-no-title.xml", "schema", NULL, 4, 3, w);
}

static void attribute_not_allowed(void **state)
{
	static const char *const w[] = {"attribute 'colour' is not allowed on <para>",
		"allowed: xml:base, xml:id, xml:lang, role, version", NULL};
	expect_one(*state, "bad-attribute.xml", "schema", NULL, 5, 9, w);
}

static void table_without_tgroup(void **state)
{
	static const char *const w[] = {"<table> is missing <tgroup>", NULL};
	expect_one(*state, "table-no-tgroup.xml", "schema", NULL, 5, 3, w);
}

static void text_in_list(void **state)
{
	static const char *const w[] = {"unexpected text inside <itemizedlist>",
		"it may contain: listitem, title", NULL};
	expect_one(*state, "text-in-list.xml", "schema", NULL, 7, 5, w);
}

static void anchor_without_id(void **state)
{
	static const char *const w[] = {"<anchor> needs the attribute 'xml:id'", NULL};
	expect_one(*state, "anchor-no-id.xml", "schema", NULL, 4, 14, w);
}

static void enumerated_value(void **state)
{
	static const char *const w[] = {"attribute 'class' on <biblioid> cannot be 'isnb'",
		"allowed: doi, isbn, issn", NULL};
	expect_one(*state, "bad-enum.xml", "schema", NULL, 5, 15, w);
}

static void datatype_in_content(void **state)
{
	static const char *const w[] = {"<pubdate> cannot contain 'next spring'",
		"a date (YYYY-MM-DD)", NULL};
	expect_one(*state, "bad-date.xml", "schema", NULL, 5, 5, w);
}

static void list_without_items(void **state)
{
	static const char *const w[] = {"<itemizedlist> is missing <listitem>", NULL};
	expect_one(*state, "empty-list.xml", "schema", NULL, 4, 3, w);
}

static void unknown_element(void **state)
{
	/* One record for <bold>; the <emphasis> inside it is still checked
	 * (and fine). */
	static const char *const w[] = {"<bold> is not allowed inside <para>",
		"the schema has no such element", "emphasis", NULL};
	expect_one(*state, "unknown-element.xml", "schema", NULL, 4, 14, w);
}

static void out_of_order(void **state)
{
	static const char *const w[] = {"<title> cannot follow <para> inside <section>",
		"allowed there: itemizedlist, note, para, section, table", NULL};
	expect_one(*state, "title-after-para.xml", "schema", NULL, 7, 5, w);
}

static void attribute_variants(void **state)
{
	/* Two <link> patterns, one with linkend, one with xlink:href. */
	static const char *const w[] = {"<link> needs one of the attributes 'linkend' or 'xlink:href'",
		NULL};
	expect_one(*state, "link-no-target.xml", "schema", NULL, 4, 13, w);
}

static void datatype_parameter(void **state)
{
	static const char *const w[] = {"<volumenum> cannot contain 'twelve'",
		"it must be text matching [0-9]+", NULL};
	expect_one(*state, "volumenum-pattern.xml", "schema", NULL, 5, 5, w);
}

static void fallback_to_libxml2(void **state)
{
	/* The replay ignores <except> in <data>; libxml2's verdict still
	 * becomes one record that names the element. */
	static const char *const w[] = {"<issuenum> cannot contain 'none'",
		"the schema does not accept this value here", NULL};
	expect_one(*state, "issuenum-except.xml", "schema", NULL, 5, 5, w);
}

static void xincluded_file(void **state)
{
	static const char *const w[] = {"<para> is not allowed inside <itemizedlist>",
		"may contain: listitem, title", NULL};
	expect_one(*state, "xinclude-book.xml", "schema", "xi/chapter.xml", 7, 5, w);
}

static void ids_and_links_are_not_schema_errors(void **state)
{
	struct folio_diags d;
	int rc = check(*state, "ids-and-links.xml", &d);
	dump(&d);
	assert_int_equal(d.n, 0);
	assert_int_equal(rc, 0);
	folio_diags_free(&d);
}

static void one_record_per_problem(void **state)
{
	struct folio_diags d;
	int rc = check(*state, "two-problems.xml", &d);
	dump(&d);
	assert_int_equal(rc, 1);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0].line, 4);
	assert_non_null(strstr(d.v[0].msg, "attribute 'colour'"));
	assert_int_equal(d.v[1].line, 5);
	assert_non_null(strstr(d.v[1].msg, "<section> needs a <title>"));
	folio_diags_free(&d);
}

static void schematron_rule_ids(void **state)
{
	static const char *const w[] = {
		"the ISBN 978-92-9068-774-0 needs a role naming its edition", NULL};
	expect_one(*state, "sch-isbn-role.xml", "sch-isbn-role", NULL, 5, 5, w);
}

static void schematron_first_match(void **state)
{
	/* The root lacks xml:lang (a <name/> in the message); the page break
	 * lacks xreflabel and is not also taken by the pattern's second rule;
	 * the other anchor is; the xref's let and current() work. */
	struct folio_diags d;
	int rc = check(*state, "sch-first-match.xml", &d);
	dump(&d);
	assert_int_equal(rc, 1);
	assert_int_equal(d.n, 4);
	assert_string_equal(d.v[0].rule, "sch-root-lang");
	assert_string_equal(d.v[0].msg, "the root article needs xml:lang");
	assert_int_equal(d.v[0].line, 2);
	assert_string_equal(d.v[1].rule, "sch-pagebreak-label");
	assert_int_equal(d.v[1].line, 4);
	assert_int_equal(d.v[1].col, 25);
	assert_string_equal(d.v[2].rule, "sch-anchor-role");
	assert_int_equal(d.v[2].line, 5);
	assert_string_equal(d.v[3].rule, "sch-xref-self");
	assert_int_equal(d.v[3].sev, FOLIO_WARNING);
	folio_diags_free(&d);
}

static void reused_validator_is_stable(void **state)
{
	/* A validator serves many documents; each gets the same answer. */
	for (int i = 0; i < 3; i++) {
		static const char *const w[] = {"<table> is missing <tgroup>", NULL};
		expect_one(*state, "table-no-tgroup.xml", "schema", NULL, 5, 3, w);
		valid_gives_nothing(state);
	}
}

/* folio-pack validates editions in parallel: one validator per thread,
 * no shared mutable state.  (The validator of the group was made first, so
 * libxml2's lazily built type tables exist before the threads start.) */
struct job {
	int records[3];
};

static void *validate_in_thread(void *arg)
{
	static const char *const names[3] = {"valid.xml", "table-no-tgroup.xml", "two-problems.xml"};
	struct job *job = arg;
	struct folio_diags d;
	folio_diags_init(&d);
	struct folio_validator *v = folio_validator_new(FOLIO_SCHEMA_PROFILE, &d);
	dump(&d);
	folio_diags_free(&d);
	for (int round = 0; round < 5 && v != NULL; round++)
		for (int i = 0; i < 3; i++) {
			char *path = fixture(names[i]);
			struct folio_doc *doc = NULL;
			folio_diags_init(&d);
			if (folio_load(path, &d, &doc) == 0 && folio_validate(v, doc, &d) >= 0)
				job->records[i] = (int)d.n;
			folio_doc_free(doc);
			folio_diags_free(&d);
			free(path);
		}
	folio_validator_free(v);
	return NULL;
}

static void validators_in_threads(void **state)
{
	(void)state;
	pthread_t t[4];
	struct job jobs[4];
	memset(jobs, 0xff, sizeof jobs);
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, validate_in_thread, &jobs[i]), 0);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(jobs[i].records[0], 0);
		assert_int_equal(jobs[i].records[1], 1);
		assert_int_equal(jobs[i].records[2], 2);
	}
}

static void broken_schema_is_schema_missing(void **state)
{
	(void)state;
	struct folio_diags d;
	struct quiet q;
	folio_diags_init(&d);
	use_datadir("broken");
	quiet_begin(&q);
	struct folio_validator *v = folio_validator_new(FOLIO_SCHEMA_PROFILE, &d);
	assert_int_equal(quiet_end(&q), 0);
	use_datadir("data");
	dump(&d);
	assert_null(v);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].rule, "schema-missing");
	assert_true(ends_with(d.v[0].file, "broken/schemas/folio.rng"));
	assert_non_null(strstr(d.v[0].msg, "cannot read the schema"));
	folio_diags_free(&d);
}

/* ---- The official DocBook schema ------------------------------------- */

static void docbook_schema(void **state)
{
	(void)state;
	char *path = folio_docbook_rng_path();
	if (path == NULL && access("/usr/share/xml/docbook/schema/rng/5.0/docbook.rng", R_OK) != 0)
		skip();
	assert_non_null(path);
	assert_true(access(path, R_OK) == 0);
	free(path);

	struct folio_diags d;
	struct quiet q;
	folio_diags_init(&d);
	quiet_begin(&q);
	struct folio_validator *v = folio_validator_new(FOLIO_SCHEMA_DOCBOOK, &d);
	assert_int_equal(quiet_end(&q), 0);
	dump(&d);
	assert_non_null(v);
	assert_int_equal(d.n, 0);
	folio_diags_free(&d);

	int rc = check(v, "docbook-valid.xml", &d);
	dump(&d);
	assert_int_equal(rc, 0);
	assert_int_equal(d.n, 0);
	folio_diags_free(&d);

	static const char *const w[] = {"<chapter> is not allowed inside <para>",
		"<para> may contain: abbrev, ", "… and ", "(and text)", NULL};
	expect_one(v, "docbook-invalid.xml", "docbook-schema", NULL, 5, 5, w);

	/* The variant chosen by an attribute is named with it. */
	static const char *const w2[] = {"<primary> is not allowed inside "
		"<indexterm class=\"endofrange\" startref=\"ix\">, which must be empty", NULL};
	expect_one(v, "docbook-indexterm.xml", "docbook-schema", NULL, 7, 49, w2);
	folio_validator_free(v);
}

/* The shipped profile and sample, when both are there (other modules own
 * them): they must agree. */
static void shipped_profile_accepts_sample(void **state)
{
	(void)state;
	const char *src = getenv("FOLIO_SRC");
	char rng[4096], sample[4096], datadir[4096];
	snprintf(rng, sizeof rng, "%s/schemas/folio.rng", src);
	snprintf(datadir, sizeof datadir, "%s", src);
	snprintf(sample, sizeof sample, "%s/samples/idm-28/en/book.xml", src);
	if (access(rng, R_OK) != 0 || access(sample, R_OK) != 0)
		skip();
	/* FOLIO_SRC has schemas/ at its top, as share/folio does. */
	setenv("FOLIO_DATADIR", datadir, 1);
	struct folio_diags d;
	folio_diags_init(&d);
	struct folio_validator *v = folio_validator_new(FOLIO_SCHEMA_PROFILE, &d);
	use_datadir("data");
	dump(&d);
	assert_non_null(v);
	folio_diags_free(&d);

	struct folio_doc *doc = NULL;
	folio_diags_init(&d);
	assert_int_equal(folio_load(sample, &d, &doc), 0);
	int rc = folio_validate(v, doc, &d);
	dump(&d);
	assert_int_equal(rc, 0);
	assert_int_equal(d.n, 0);
	folio_doc_free(doc);
	folio_diags_free(&d);
	folio_validator_free(v);
}

/* ---- The grammar model ------------------------------------------------ */

#define DB "http://docbook.org/ns/docbook"

static struct folio_rng *model(const char *name)
{
	char *path = fixture(name), *err = NULL;
	xmlDocPtr doc = folio_rngintro_read(path, &err);
	if (doc == NULL)
		print_message("%s\n", err);
	assert_non_null(doc);
	struct folio_rng *g = folio_rngintro_new(doc, &err);
	if (g == NULL)
		print_message("%s\n", err);
	assert_non_null(g);
	xmlFreeDoc(doc);
	free(path);
	return g;
}

static char *joined(const struct folio_names *n)
{
	return folio_names_join(n, 100);
}

static void intro_children(void **state)
{
	(void)state;
	struct folio_rng *g = model("intro/main.rng");
	struct folio_names n;

	/* Refs, choice, group, interleave, optional, zeroOrMore, mixed, and a
	 * define combined from the included grammar and this one. */
	assert_int_equal(folio_rngintro_children(g, DB, "para", &n), 0);
	char *s = joined(&n);
	assert_string_equal(s, "emphasis, link, phrase");
	assert_true(n.text);
	free(s);
	folio_names_free(&n);

	/* Two element patterns named info: the union of both. */
	assert_int_equal(folio_rngintro_children(g, DB, "info", &n), 0);
	s = joined(&n);
	assert_string_equal(s, "author, pubdate, title");
	assert_false(n.text);
	free(s);
	folio_names_free(&n);

	/* anyName inside an element. */
	assert_int_equal(folio_rngintro_children(g, DB, "foreign", &n), 0);
	assert_true(n.any);
	folio_names_free(&n);

	/* The include's define of section is overridden by main.rng's. */
	assert_int_equal(folio_rngintro_first(g, DB, "section", &n), 0);
	s = joined(&n);
	assert_string_equal(s, "info, title");
	free(s);
	folio_names_free(&n);

	assert_int_equal(folio_rngintro_children(g, DB, "nosuch", &n), -1);
	assert_int_equal(n.n, 0);
	folio_names_free(&n);
	folio_rngintro_free(g);
}

static void intro_attributes(void **state)
{
	(void)state;
	struct folio_rng *g = model("intro/main.rng");
	struct folio_names n;
	assert_int_equal(folio_rngintro_attributes(g, DB, "link", &n), 0);
	char *s = joined(&n);
	/* xml:* first, then plain names, then other prefixes. */
	assert_string_equal(s, "xml:id, linkend, role, xlink:href");
	free(s);
	folio_names_free(&n);
	folio_rngintro_free(g);
}

static void intro_shortened_lists(void **state)
{
	(void)state;
	struct folio_names n = {0};
	char *v[] = {"a", "b", "c", "d", "e"};
	n.v = v;
	n.n = 5;
	char *s = folio_names_join(&n, 3);
	assert_string_equal(s, "a, b, c, … and 2 more");
	free(s);
	s = folio_names_join(&n, 5);
	assert_string_equal(s, "a, b, c, d, e");
	free(s);
}

static void intro_missing_include(void **state)
{
	(void)state;
	char *path = fixture("intro/bad-include.rng"), *err = NULL;
	xmlDocPtr doc = folio_rngintro_read(path, &err);
	assert_non_null(doc);
	struct quiet q;
	quiet_begin(&q);
	struct folio_rng *g = folio_rngintro_new(doc, &err);
	assert_int_equal(quiet_end(&q), 0);
	assert_null(g);
	assert_non_null(err);
	assert_non_null(strstr(err, "no-such-file.rng"));
	free(err);
	xmlFreeDoc(doc);
	free(path);
}

static void intro_docbook_speed_and_union(void **state)
{
	(void)state;
	char *path = folio_docbook_rng_path(), *err = NULL;
	if (path == NULL)
		skip();
	xmlDocPtr doc = folio_rngintro_read(path, &err);
	assert_non_null(doc);
	struct folio_rng *g = folio_rngintro_new(doc, &err);
	assert_non_null(g);
	struct folio_names n;
	/* DocBook defines info in five contexts; their union has a title. */
	assert_int_equal(folio_rngintro_children(g, DB, "info", &n), 0);
	int has_title = 0;
	for (size_t i = 0; i < n.n; i++)
		has_title |= strcmp(n.v[i], "title") == 0;
	assert_true(has_title);
	folio_names_free(&n);
	assert_int_equal(folio_rngintro_attributes(g, DB, "link", &n), 0);
	int has_href = 0;
	for (size_t i = 0; i < n.n; i++)
		has_href |= strcmp(n.v[i], "xlink:href") == 0;
	assert_true(has_href);
	folio_names_free(&n);
	folio_rngintro_free(g);
	xmlFreeDoc(doc);
	free(path);
}

int main(void)
{
	const struct CMUnitTest profile[] = {
		cmocka_unit_test(valid_gives_nothing),
		cmocka_unit_test(chapter_in_para),
		cmocka_unit_test(section_without_title),
		cmocka_unit_test(attribute_not_allowed),
		cmocka_unit_test(table_without_tgroup),
		cmocka_unit_test(text_in_list),
		cmocka_unit_test(anchor_without_id),
		cmocka_unit_test(enumerated_value),
		cmocka_unit_test(datatype_in_content),
		cmocka_unit_test(list_without_items),
		cmocka_unit_test(unknown_element),
		cmocka_unit_test(out_of_order),
		cmocka_unit_test(attribute_variants),
		cmocka_unit_test(datatype_parameter),
		cmocka_unit_test(fallback_to_libxml2),
		cmocka_unit_test(xincluded_file),
		cmocka_unit_test(ids_and_links_are_not_schema_errors),
		cmocka_unit_test(one_record_per_problem),
		cmocka_unit_test(schematron_rule_ids),
		cmocka_unit_test(schematron_first_match),
		cmocka_unit_test(reused_validator_is_stable),
		cmocka_unit_test(validators_in_threads),
		cmocka_unit_test(broken_schema_is_schema_missing),
	};
	const struct CMUnitTest other[] = {
		cmocka_unit_test(docbook_schema),
		cmocka_unit_test(shipped_profile_accepts_sample),
		cmocka_unit_test(intro_children),
		cmocka_unit_test(intro_attributes),
		cmocka_unit_test(intro_shortened_lists),
		cmocka_unit_test(intro_missing_include),
		cmocka_unit_test(intro_docbook_speed_and_union),
	};
	int failed = cmocka_run_group_tests_name("profile", profile, profile_setup, profile_teardown);
	failed += cmocka_run_group_tests_name("schemas", other, NULL, NULL);
	return failed;
}
