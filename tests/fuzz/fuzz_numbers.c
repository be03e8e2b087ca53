/* fuzz_numbers.c — numbers in running text (numbers.h) and the language
 * guesser (langguess.h), folio-compare's readers of translated text.  The
 * first byte picks the language whose conventions come first; the rest is
 * the text, any bytes (the readers must cope with text that is not UTF-8). */
#include "fuzzutil.h"
#include "langguess.h"
#include "numbers.h"

#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const langs[] = {
	NULL, "en", "fr", "de-CH", "es", "ar", "fa", "ur", "hi", "zh", "ja", "ru", "pt-BR", "x"};
static struct folio_langguess *guesser;

static void free_guesser(void)
{
	folio_langguess_free(guesser);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	guesser = folio_langguess_new();
	atexit(free_guesser);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct folio_numtok *tok = NULL;
	struct folio_numset set;
	struct folio_langprofile prof;
	char buf[64];

	if (size == 0)
		return 0;
	const char *lang = langs[data[0] % (sizeof langs / sizeof langs[0])];
	const char *text = (const char *)data + 1;
	size_t len = size - 1;

	size_t n = folio_numbers_scan(text, len, lang, &tok);
	folio_numbers_set_init(&set);
	folio_numbers_set_add_tokens(&set, tok, n);
	for (size_t i = 0; i < n; i++) {
		if (tok[i].start > tok[i].end || tok[i].end > len)
			abort();  /* the span must lie in the text */
		for (int r = 0; r < tok[i].nread; r++)
			for (int v = 0; v < tok[i].nval[r]; v++) {
				folio_numbers_format(&tok[i].val[r][v], buf, sizeof buf);
				if (!folio_numbers_set_has(&set, &tok[i].val[r][v]))
					abort();  /* every value added is found */
			}
		if (!folio_numbers_set_covers(&set, &tok[i]))
			abort();
	}
	folio_numbers_set_free(&set);
	free(tok);

	folio_langguess_profile(guesser, text, len, &prof);
	folio_langguess_best(&prof);
	if (lang != NULL)
		folio_langguess_is(&prof, lang, "en");
	return 0;
}
