/* codes.h — things in running text that a translation must keep verbatim.
 *
 * Owns finding URLs (with a scheme or starting "www."), e-mail addresses,
 * ISBNs, ISSNs and United Nations document symbols (A/RES/70/296,
 * A/71/L.58, E/CN.6/2018/L.8) in UTF-8 text, each with a normalised form
 * for comparison (scheme and trailing slash dropped from web URLs, host and
 * e-mail lower-cased, ISBN/ISSN as digits).  Their digits are not numbers
 * to compare as values: folio-compare blanks these spans before it reads
 * numbers.  Pure functions; used by folio-compare. */
#ifndef FOLIO_CODES_H
#define FOLIO_CODES_H

#include <stddef.h>

enum folio_code_kind {
	FOLIO_CODE_URL,
	FOLIO_CODE_EMAIL,
	FOLIO_CODE_ISBN,
	FOLIO_CODE_ISSN,
	FOLIO_CODE_SYMBOL       /* UN document symbol */
};

struct folio_code {
	enum folio_code_kind kind;
	size_t start, end;      /* byte span in the text */
	char *norm;             /* normalised form; owned by the array */
};

/* Finds the codes of text[0..len).  Returns the count; *out receives an array
 * the caller frees with folio_codes_free (NULL when none). */
size_t folio_codes_scan(const char *text, size_t len, struct folio_code **out);
void folio_codes_free(struct folio_code *v, size_t n);
/* The normalised form of a URL as written in an attribute (xlink:href); the
 * caller frees. */
char *folio_codes_norm_url(const char *url);
/* "URL", "e-mail address", "ISBN", "ISSN", "document symbol". */
const char *folio_codes_kind_name(enum folio_code_kind k);

#endif
