/* test_langguess.c — langguess.h: which language a sentence reads as.
 *
 * One real sentence per language (written for this test), guessed right;
 * short or mixed texts left undecided; and the question folio-compare asks
 * ("does this read as the original's language rather than the
 * translation's?") answered yes for text left in the original's language
 * and no for correct translations, including ones full of names,
 * acronyms and numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "langguess.h"

#define N(a) (sizeof(a) / sizeof *(a))

static struct folio_langguess *g;

static int setup(void **state)
{
	(void)state;
	g = folio_langguess_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	folio_langguess_free(g);
	return 0;
}

static const char *guess(const char *text)
{
	struct folio_langprofile p;
	folio_langguess_profile(g, text, strlen(text), &p);
	return folio_langguess_best(&p);
}

struct guess_case {
	const char *text;
	const char *lang;       /* NULL: undecided */
};

static void best_language(void **state)
{
	(void)state;
	static const struct guess_case cases[] = {
		{"The participants agreed that the cities should have a place at the table when "
		 "national strategies are prepared.", "en"},
		{"Les participants ont convenu que les villes devaient avoir leur place à la table "
		 "lors de l’élaboration des stratégies nationales.", "fr"},
		{"Los participantes acordaron que las ciudades deberían tener un lugar en la mesa "
		 "cuando se preparan las estrategias nacionales.", "es"},
		{"Die Teilnehmenden waren sich einig, dass die Städte bei der Ausarbeitung der "
		 "nationalen Strategien mit am Tisch sitzen sollten.", "de"},
		{"Os participantes concordaram que as cidades devem ter um lugar à mesa quando são "
		 "preparadas as estratégias nacionais.", "pt"},
		{"I partecipanti hanno convenuto che le città dovrebbero avere un posto al tavolo "
		 "quando si preparano le strategie nazionali.", "it"},
		{"De deelnemers waren het erover eens dat de steden een plaats aan tafel moeten "
		 "krijgen wanneer de nationale strategieën worden voorbereid.", "nl"},
		{"اتفق المشاركون على أن المدن ينبغي أن يكون لها مقعد إلى الطاولة عند إعداد "
		 "الاستراتيجيات الوطنية.", "ar"},
		{"Участники согласились с тем, что города должны участвовать в подготовке "
		 "национальных стратегий.", "ru"},
		{"与会者一致认为，城市在制定国家战略时应有一席之地。", "zh"},
		{"参加者は、国家戦略の策定に都市も参加すべきだという点で一致した。", "ja"},
		{"참가자들은 국가 전략을 준비할 때 도시도 참여해야 한다는 데 동의했다.", "ko"},
		{"Οι συμμετέχοντες συμφώνησαν ότι οι πόλεις πρέπει να έχουν θέση στο τραπέζι.", "el"},
		/* Too little to tell. */
		{"Tunis", NULL},
		{"IOM, UNHCR, ILO", NULL},
		{"2018", NULL},
		{"", NULL},
	};
	for (size_t i = 0; i < N(cases); i++) {
		const char *got = guess(cases[i].text);
		const char *want = cases[i].lang;
		if ((got == NULL) != (want == NULL) || (got && strcmp(got, want) != 0))
			fail_msg("\"%.50s…\": guessed %s, want %s", cases[i].text, got ? got : "nothing",
				 want ? want : "nothing");
	}
}

struct is_case {
	const char *text, *lang, *other;
	int yes;
};

static void reads_as_original(void **state)
{
	(void)state;
	static const struct is_case cases[] = {
		/* Left in English inside a French, Spanish, German or Arabic edition. */
		{"involve the local authorities in the drafting of the national migration strategies "
		 "from the very start;", "en", "fr", 1},
		{"It brought together 145 participants from 23 countries, among them 37 mayors and "
		 "local officials, as well as representatives of national ministries.", "en", "de", 1},
		{"The presentations given at the workshop are available on the website of the "
		 "organization.", "en", "ar", 1},
		{"Les participants ont rappelé que la Déclaration de New York demande déjà aux États "
		 "de travailler avec les autorités locales.", "fr", "es", 1},
		{"اتفق المشاركون على أن المدن ينبغي أن يكون لها مقعد إلى الطاولة.", "ar", "en", 1},
		/* Correct translations, with names, acronyms and numbers in them. */
		{"Il a réuni 145 participants venus de 23 pays, dont 37 maires, ainsi que des "
		 "représentants de l’Organisation internationale pour les migrations (OIM).", "en", "fr", 0},
		{"Según las cifras presentadas por la International Organization for Migration, el "
		 "45 % de los recién llegados se instala en localidades pequeñas.", "en", "es", 0},
		{"Die Präsentationen sind unter www.iom.int/idm-workshops abrufbar.", "en", "de", 0},
		{"العروض التي قُدّمت في حلقة العمل متاحة على الموقع www.iom.int/idm-workshops.", "en", "ar", 0},
		{"United Nations General Assembly", "en", "fr", 0},
		/* English and English: nothing to say. */
		{"The workshop took place in Tunis.", "en", "en", 0},
	};
	for (size_t i = 0; i < N(cases); i++) {
		struct folio_langprofile p;
		folio_langguess_profile(g, cases[i].text, strlen(cases[i].text), &p);
		int got = folio_langguess_is(&p, cases[i].lang, cases[i].other);
		if (got != cases[i].yes)
			fail_msg("\"%.60s…\" as %s rather than %s: got %d", cases[i].text, cases[i].lang,
				 cases[i].other, got);
	}
}

static void languages_known(void **state)
{
	(void)state;
	static const char *const known[] = {"en", "fr-CA", "es-419", "de", "pt-BR", "it", "nl",
					    "ar", "fa", "ru", "zh-Hans", "ja", "ko", "el", "he", "hi"};
	for (size_t i = 0; i < N(known); i++)
		assert_true(folio_langguess_knows(known[i]));
	assert_false(folio_langguess_knows("sw"));
	assert_false(folio_langguess_knows(""));
	assert_int_equal(folio_langguess_script("ar-EG"), FOLIO_SCRIPT_ARABIC);
	assert_int_equal(folio_langguess_script("en"), FOLIO_SCRIPT_LATIN);
}

static void profiles_add_up(void **state)
{
	(void)state;
	static const char a[] = "the city and the region", b[] = "la ville et la région";
	struct folio_langprofile pa, pb, pab;
	folio_langguess_profile(g, a, strlen(a), &pa);
	folio_langguess_profile(g, b, strlen(b), &pb);
	assert_int_equal(pa.words, 5);
	folio_langguess_merge(&pa, &pb);
	char both[64];
	strcpy(both, a);
	strcat(both, " ");
	strcat(both, b);
	folio_langguess_profile(g, both, strlen(both), &pab);
	assert_int_equal(pa.words, pab.words);
	assert_int_equal(pa.letters, pab.letters);
	assert_memory_equal(pa.hits, pab.hits, sizeof pa.hits);
	/* Broken UTF-8 is counted as no letter, not as a crash. */
	static const char broken[] = "\xc3 the \xff\xfe of \xe2\x82";
	folio_langguess_profile(g, broken, sizeof broken - 1, &pa);
	assert_int_equal(pa.words, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(best_language),
		cmocka_unit_test(reads_as_original),
		cmocka_unit_test(languages_known),
		cmocka_unit_test(profiles_add_up),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
