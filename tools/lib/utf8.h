/* utf8.h — the little Unicode folio-compare needs, over UTF-8 strings.
 *
 * Owns decoding, letter and script classes, and a simple lower-casing of the
 * Latin, Greek and Cyrillic letters, enough to tokenize words of the
 * languages Folio publishes in and to tell which script a text is in.  Not a
 * Unicode library: no normalisation, no full case folding.  Pure helpers;
 * used by numbers, langguess and compare. */
#ifndef FOLIO_UTF8_H
#define FOLIO_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (at most len bytes, len >= 1): sets *cp and
 * returns its length.  A broken sequence gives U+FFFD and length 1. */
size_t folio_utf8_next(const char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (4 bytes at least); returns the length. */
size_t folio_utf8_put(uint32_t cp, char *out);
/* The number of code points of s[0..len). */
size_t folio_utf8_count(const char *s, size_t len);

enum folio_script {
	FOLIO_SCRIPT_NONE = 0,  /* not a letter */
	FOLIO_SCRIPT_LATIN,
	FOLIO_SCRIPT_GREEK,
	FOLIO_SCRIPT_CYRILLIC,
	FOLIO_SCRIPT_ARMENIAN,
	FOLIO_SCRIPT_HEBREW,
	FOLIO_SCRIPT_ARABIC,
	FOLIO_SCRIPT_DEVANAGARI,
	FOLIO_SCRIPT_THAI,
	FOLIO_SCRIPT_HANGUL,
	FOLIO_SCRIPT_KANA,
	FOLIO_SCRIPT_HAN,
	FOLIO_SCRIPT_OTHER      /* a letter of another script */
};

/* The script of a letter, FOLIO_SCRIPT_NONE for digits, punctuation, marks
 * and spaces. */
enum folio_script folio_utf8_script(uint32_t cp);
/* 1 for a letter (any script), or a combining mark that belongs to a word. */
int folio_utf8_is_wordchar(uint32_t cp);
/* Lower case of Latin (ASCII, Latin-1, Latin Extended-A), Greek and
 * Cyrillic capitals; other code points unchanged. */
uint32_t folio_utf8_lower(uint32_t cp);
/* 1 for an upper-case Latin, Greek or Cyrillic letter. */
int folio_utf8_is_upper(uint32_t cp);
/* 1 for spaces, including no-break and thin spaces. */
int folio_utf8_is_space(uint32_t cp);

#endif
