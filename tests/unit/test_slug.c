/* test_slug.c — unit tests of slug.h: titles in the languages Folio
 * publishes in, the fallback for scripts that do not transliterate, the
 * length limit, reserved names, and unique sets (including from threads,
 * since the transliterating locale is per thread). */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "slug.h"

#define N(a) (sizeof(a) / sizeof *(a))

static const struct {
	const char *title, *id, *slug;
} cases[] = {
	{"Introduction", NULL, "introduction"},
	{"Key message 1: Partnerships are crucial", NULL, "key-message-1-partnerships-are-crucial"},
	{"Économie et société", NULL, "economie-et-societe"},
	{"L’été à Genève — « bilan »", NULL, "lete-a-geneve-bilan"},
	{"Migración: ¿qué sigue?", NULL, "migracion-que-sigue"},
	{"Straße über Ærø", NULL, "strasse-uber-aero"},
	{"Łódź, Kraków i Gdańsk", NULL, "lodz-krakow-i-gdansk"},
	{"Çağdaş göç", NULL, "cagdas-goc"},
	{"  --Trim me!--  ", NULL, "trim-me"},
	{"C++ & C#", NULL, "c-c"},
	{"2030 Agenda", NULL, "2030-agenda"},
	/* scripts that do not transliterate: the id, else a hash */
	{"الحوار الدولي بشأن الهجرة", "ch-dialogue", "ch-dialogue"},
	{"移民问题国际对话", "ch-intro", "ch-intro"},
	{"Международный диалог", "sec_2.1", "sec-2-1"},
	{"تقرير 2030", "app-a", "app-a"},
	{"Migration في 2018", "x", "migration-2018"},
	{"", "Foreword", "foreword"},
	{NULL, "ch1", "ch1"},
	{"con", NULL, "con-0"},
	{"COM1", NULL, "com1-0"},
	{"Nul points", NULL, "nul-points"},
};

static void titles(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(cases); i++) {
		char *s = folio_slug_make(cases[i].title, cases[i].id);
		if (strcmp(s, cases[i].slug) != 0)
			print_error("case %zu: got %s\n", i, s);
		assert_string_equal(s, cases[i].slug);
		free(s);
	}
}

static void hashed_fallback(void **state)
{
	(void)state;
	char *a = folio_slug_make("الحوار الدولي", NULL);
	char *b = folio_slug_make("الحوار الدولي", "");
	char *c = folio_slug_make("移民问题", NULL);
	assert_int_equal(strlen(a), 10);
	assert_memory_equal(a, "s-", 2);
	assert_string_equal(a, b);       /* stable */
	assert_string_not_equal(a, c);
	free(a);
	free(b);
	free(c);
}

static void length_limit(void **state)
{
	(void)state;
	char *s = folio_slug_make("While some partnerships have functioned well for many years, others need "
				  "encouragement and support to ensure they operate", NULL);
	assert_true(strlen(s) <= FOLIO_SLUG_MAX);
	assert_true(strlen(s) > FOLIO_SLUG_MAX / 2);
	assert_true(s[strlen(s) - 1] != '-');
	assert_string_equal(s, "while-some-partnerships-have-functioned-well-for-many-years");
	free(s);
	char long_word[200];
	memset(long_word, 'a', sizeof long_word - 1);
	long_word[sizeof long_word - 1] = '\0';
	s = folio_slug_make(long_word, NULL);
	assert_int_equal(strlen(s), FOLIO_SLUG_MAX);
	free(s);
}

static void unique_sets(void **state)
{
	(void)state;
	struct folio_slugs set;
	folio_slug_init(&set);
	assert_string_equal(folio_slug_unique(&set, "intro"), "intro");
	assert_string_equal(folio_slug_unique(&set, "intro"), "intro-2");
	assert_string_equal(folio_slug_unique(&set, "intro"), "intro-3");
	assert_string_equal(folio_slug_unique(&set, "intro-2"), "intro-2-2");
	char buf[32];
	for (int i = 0; i < 500; i++) {
		snprintf(buf, sizeof buf, "ch%d", i % 50);
		assert_non_null(folio_slug_unique(&set, buf));
	}
	assert_int_equal(set.n, 504);
	assert_string_equal(folio_slug_unique(&set, "ch7"), "ch7-11");
	char base[FOLIO_SLUG_MAX + 1];
	memset(base, 'b', FOLIO_SLUG_MAX);
	base[FOLIO_SLUG_MAX] = '\0';
	folio_slug_unique(&set, base);
	const char *second = folio_slug_unique(&set, base);
	assert_int_equal(strlen(second), FOLIO_SLUG_MAX);
	assert_string_equal(second + FOLIO_SLUG_MAX - 2, "-2");
	folio_slug_free(&set);
	folio_slug_free(&set);  /* a freed set is empty, and may be freed again */
	folio_slug_free(NULL);
}

static void *slug_thread(void *arg)
{
	int *ok = arg;
	for (int i = 0; i < 200; i++) {
		char *s = folio_slug_make("Économie – société", NULL);
		*ok &= strcmp(s, "economie-societe") == 0;
		free(s);
	}
	return NULL;
}

static void threads(void **state)
{
	(void)state;
	pthread_t th[4];
	int ok[4] = {1, 1, 1, 1};
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL, slug_thread, &ok[i]), 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_true(ok[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(titles),
		cmocka_unit_test(hashed_fallback),
		cmocka_unit_test(length_limit),
		cmocka_unit_test(unique_sets),
		cmocka_unit_test(threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
