/* ident.h — identifiers: ISBN-10/13, ISSN, BCP 47 language tags, ISO 8601 dates.
 *
 * Pure functions over strings (no I/O) plus the ISBN range data used for
 * hyphenation, which is loaded from a file the caller names.  Never prints.
 * Used by the checks, the EPUB metadata writer, folio-isbn and folio-compare. */
#ifndef FOLIO_IDENT_H
#define FOLIO_IDENT_H

#include <stddef.h>

enum folio_id_status {
	FOLIO_ID_OK = 0,
	FOLIO_ID_EMPTY,         /* nothing but spaces */
	FOLIO_ID_CHARS,         /* a character that is not a digit, hyphen, space (or final X) */
	FOLIO_ID_LENGTH,        /* not 10 or 13 digits (ISBN), not 8 (ISSN) */
	FOLIO_ID_PREFIX,        /* ISBN-13 not starting 978 or 979 */
	FOLIO_ID_CHECK,         /* wrong check digit; `expected` says the right one */
	FOLIO_ID_HYPHENS        /* hyphens in impossible places (leading, trailing, doubled) */
};

/* A normalised ISBN: digits only (and a final 'X' for ISBN-10). */
struct folio_isbn {
	char digits[14];        /* NUL-terminated, 10 or 13 characters */
	int len;                /* 10 or 13 */
	char expected;          /* with FOLIO_ID_CHECK: the check digit that was expected */
	char found;             /* with FOLIO_ID_CHECK: the check digit that was given */
};

/* Parses and checks an ISBN-10 or ISBN-13 written with or without hyphens or
 * spaces (an "ISBN" / "ISBN-13:" prefix is accepted).  On FOLIO_ID_OK and
 * FOLIO_ID_CHECK, *out holds the digits. */
enum folio_id_status folio_isbn_parse(const char *s, struct folio_isbn *out);
/* The check digit for the first 9 (ISBN-10) or 12 (ISBN-13) digits. */
char folio_isbn10_check_digit(const char *nine);
char folio_isbn13_check_digit(const char *twelve);
/* Converts a valid ISBN; returns -1 when impossible (979 to ISBN-10). */
int folio_isbn_to13(const struct folio_isbn *in, struct folio_isbn *out);
int folio_isbn_to10(const struct folio_isbn *in, struct folio_isbn *out);

/* A normalised ISSN: "NNNNNNNC" (8 characters, C may be 'X'). */
struct folio_issn {
	char digits[9];
	char expected, found;   /* with FOLIO_ID_CHECK */
};
enum folio_id_status folio_issn_parse(const char *s, struct folio_issn *out);
char folio_issn_check_digit(const char *seven);

/* A plain-words reason for a status, e.g. "wrong check digit". */
const char *folio_id_strerror(enum folio_id_status st);

/* ISBN range data for hyphenation. */
struct folio_isbn_ranges;
/* Loads python-stdnum's isbn.dat or the ISBN Agency's RangeMessage.xml
 * (detected by content).  Returns NULL and sets *err (caller frees) on
 * failure. */
struct folio_isbn_ranges *folio_isbn_ranges_load(const char *path, char **err);
/* The default range file: $FOLIO_ISBN_RANGES, else python3-stdnum's
 * isbn.dat if installed; NULL when none.  Caller frees. */
char *folio_isbn_ranges_default(void);
void folio_isbn_ranges_free(struct folio_isbn_ranges *r);
/* Writes the hyphenated form (978-92-9068-774-0) into out.  Returns 0, or -1
 * when the ranges do not cover the number (out then holds the plain digits). */
int folio_isbn_hyphenate(const struct folio_isbn_ranges *r,
			 const struct folio_isbn *isbn, char *out, size_t outlen);

/* BCP 47 (RFC 5646) well-formedness: language, extlang, script, region,
 * variants, extensions, private use, grandfathered tags.  Returns 0 when
 * well formed; otherwise -1 and a reason in why (e.g. "region subtag 'USA'
 * must be 2 letters or 3 digits"). */
int folio_bcp47_check(const char *tag, char *why, size_t whylen);
/* The primary language subtag, lowercased, into out ("fr" for "fr-CA"). */
void folio_bcp47_primary(const char *tag, char *out, size_t outlen);
/* 1 for right-to-left scripts/languages (ar, he, fa, ur, ps, sd, ug, yi,
 * dv, ckb, or an Arab/Hebr/Thaa/Syrc script subtag). */
int folio_bcp47_is_rtl(const char *tag);

/* ISO 8601 calendar dates: YYYY, YYYY-MM, YYYY-MM-DD (real days, leap years),
 * optionally followed by Thh:mm[:ss][Z|±hh:mm].  Returns 0 when valid, else
 * -1 with a reason in why. */
int folio_isodate_check(const char *s, char *why, size_t whylen);

#endif
