/* langguess.h — which language a piece of text looks like.
 *
 * Owns a small, explainable language guesser: the share of the words that
 * are stop words of English, French, Spanish, German, Portuguese, Italian
 * and Dutch (lists written here, the commonest function words of each), and
 * the share of letters in each script, which tells Arabic, Persian and Urdu
 * (Arabic script), Russian and its neighbours (Cyrillic), Chinese (Han),
 * Japanese (kana), Korean (Hangul), Greek, Hebrew, Hindi (Devanagari) and
 * Thai apart from the Latin-script languages.  Good for a sentence or more,
 * not for a word.  A guesser is built once (its word table) and used read
 * only, from any thread.  Used by folio-compare. */
#ifndef FOLIO_LANGGUESS_H
#define FOLIO_LANGGUESS_H

#include <stddef.h>

#include "utf8.h"

#define FOLIO_LANG_STOPLISTS 7  /* en fr es de pt it nl */

struct folio_langguess;

/* Builds the word table; never fails (out of memory exits).  The caller
 * frees with folio_langguess_free (NULL is fine). */
struct folio_langguess *folio_langguess_new(void);
void folio_langguess_free(struct folio_langguess *g);

/* What a text is made of. */
struct folio_langprofile {
	size_t words;                           /* runs of letters */
	size_t letters;                         /* letters of any script */
	size_t script[FOLIO_SCRIPT_OTHER + 1];  /* letters by script */
	size_t hits[FOLIO_LANG_STOPLISTS];      /* stop words of each language */
};

/* Reads text[0..len) (UTF-8) into *p (which it zeroes first). */
void folio_langguess_profile(const struct folio_langguess *g, const char *text,
			     size_t len, struct folio_langprofile *p);
/* Adds the counts of b to a. */
void folio_langguess_merge(struct folio_langprofile *a, const struct folio_langprofile *b);

/* The language the text is most like, as a primary subtag ("fr", "ar",
 * "ru", "zh"…), or NULL when it is too short or unclear. */
const char *folio_langguess_best(const struct folio_langprofile *p);
/* 1 when the text clearly reads as `lang` rather than as `other` (both
 * BCP 47 tags; only their primary subtags count): for a Latin-script
 * language, enough of its stop words and far more than of `other`'s; for
 * another script, most letters in that script and not in `other`'s. */
int folio_langguess_is(const struct folio_langprofile *p, const char *lang, const char *other);
/* 1 when the guesser can recognise this language (BCP 47 tag). */
int folio_langguess_knows(const char *lang);
/* The script a language is written in (Latin when unknown). */
enum folio_script folio_langguess_script(const char *lang);

#endif
