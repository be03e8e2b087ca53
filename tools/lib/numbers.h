/* numbers.h — numbers in running text, read as values whatever the locale.
 *
 * Owns finding the numbers of a sentence and reading them the way its
 * language writes them: digit grouping with commas, dots, spaces, no-break
 * and thin spaces or apostrophes (1,000.5 = 1 000,5 = 1.000,5 = 1’000.5),
 * decimal commas and dots, Arabic-Indic and Eastern Arabic digits with the
 * Arabic decimal and thousands separators, full-width digits, percentages.
 * A written number can often be read more than one way ("1.000" is one
 * thousand in Madrid and one in London), so each token carries every
 * plausible reading and two texts agree on it when one reading matches.
 * Ranges and dates need nothing special: "18-19 April 2017" and "18 et 19
 * avril 2017" both hold 18, 19 and 2017.  Pure functions over UTF-8 strings;
 * used by folio-compare. */
#ifndef FOLIO_NUMBERS_H
#define FOLIO_NUMBERS_H

#include <stddef.h>
#include <stdint.h>

/* A value: mant / 10^scale, normalised (the fraction has no trailing zero),
 * so that equal values compare equal field by field. */
struct folio_num {
	uint64_t mant;
	int scale;
};

#define FOLIO_NUM_READINGS 3
#define FOLIO_NUM_VALUES 6

/* One written number and its readings; a reading is one value ("1 000,5")
 * or several ("1.2.3" read as 1, 2 and 3). */
struct folio_numtok {
	size_t start, end;      /* byte span in the text */
	int percent;            /* written with %, ٪ or ‰ next to it */
	int nread;              /* 1..FOLIO_NUM_READINGS; the first is preferred */
	int nval[FOLIO_NUM_READINGS];
	struct folio_num val[FOLIO_NUM_READINGS][FOLIO_NUM_VALUES];
};

/* Finds the numbers of text[0..len) (UTF-8).  `lang` (a BCP 47 tag, may be
 * NULL) only orders the readings: its own conventions come first.  Returns
 * the count; *out receives an array the caller frees (NULL when none). */
size_t folio_numbers_scan(const char *text, size_t len, const char *lang,
			  struct folio_numtok **out);

/* 1 when a and b are the same value. */
int folio_numbers_equal(const struct folio_num *a, const struct folio_num *b);
/* Writes the value in plain C notation ("1000.5") into buf. */
void folio_numbers_format(const struct folio_num *n, char *buf, size_t len);
/* A hash of the value, for sets. */
uint64_t folio_numbers_hash(const struct folio_num *n);

/* A set of values, for asking "does the other text have this number?". */
struct folio_numset {
	uint64_t *slot;         /* open addressing; 0 = empty (hashes are never 0) */
	size_t cap, n;
};
void folio_numbers_set_init(struct folio_numset *s);
void folio_numbers_set_free(struct folio_numset *s);
/* Adds every value of every reading of the tokens. */
void folio_numbers_set_add_tokens(struct folio_numset *s, const struct folio_numtok *t, size_t n);
void folio_numbers_set_add(struct folio_numset *s, const struct folio_num *v);
int folio_numbers_set_has(const struct folio_numset *s, const struct folio_num *v);
/* 1 when one reading of the token has all its values in the set. */
int folio_numbers_set_covers(const struct folio_numset *s, const struct folio_numtok *t);

/* The value of a decimal digit of any of the scripts above (ASCII,
 * Arabic-Indic, Eastern Arabic-Indic, Devanagari, Bengali, full-width), or -1. */
int folio_numbers_digit(uint32_t cp);

#endif
