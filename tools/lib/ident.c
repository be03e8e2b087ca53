/* ident.c — identifiers: ISBN-10/13 and ISSN (parse, check digit, convert),
 * BCP 47 language-tag well-formedness and direction, ISO 8601 dates.
 *
 * Pure functions over strings: no I/O, no allocation, no globals, so any
 * thread may call them.  Character classes are ASCII-only on purpose (the
 * <ctype.h> ones follow the locale).  Reasons are written for the people
 * who edit publications.  The ISBN range data used for hyphenation lives
 * in isbnrange.c. */
#include "ident.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_alnum(int c) { return is_digit(c) || is_alpha(c); }
static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int is_blank(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Case-insensitive ASCII comparison of n bytes of a with the string b. */
static int ieq(const char *a, size_t n, const char *b)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!b[i] || lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return b[n] == '\0';
}

/* Case-insensitive ASCII comparison of n bytes. */
static int same(const char *a, const char *b, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return 1;
}

static int all(const char *s, size_t n, int (*cls)(int))
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!cls((unsigned char)s[i]))
			return 0;
	return 1;
}

static int fail(char *why, size_t whylen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;
	if (why && whylen) {
		va_start(ap, fmt);
		vsnprintf(why, whylen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* ---- ISBN and ISSN ---------------------------------------------------- */

/* Separators people put between the parts of a number: ASCII hyphen and
 * space, and what word processors substitute for them (U+2010–U+2013 and
 * U+2212, no-break, thin and narrow no-break spaces).  Returns the byte
 * length of the separator at s (0 when none); *hyphen tells a hyphen, which
 * may not be doubled, from a space, which may. */
static size_t separator(const char *s, int *hyphen)
{
	const unsigned char *u = (const unsigned char *)s;
	*hyphen = 1;
	if (u[0] == '-')
		return 1;
	if (u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x93)
		return 3;
	if (u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92)
		return 3;
	*hyphen = 0;
	if (u[0] == ' ' || u[0] == '\t')
		return 1;
	if (u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x89 || u[2] == 0xAF))
		return 3;
	return 0;
}

/* The digits of a number as written, and how separators split them. */
struct scan {
	char d[16];             /* the first 15 digits (and 'X') */
	int n;                  /* how many there were */
	int parts;              /* runs of digits between separators */
	int first, last;        /* length of the first and the last run */
};

/* Skips a label such as "ISBN-13:" or "ISSN" (case-insensitive) and the
 * colon and spaces after it. */
static const char *skip_label(const char *p, const char *label,
			      const char *const *suffixes)
{
	size_t n = strlen(label);
	if (strlen(p) < n || !ieq(p, n, label))
		return p;
	p += n;
	for (; suffixes && *suffixes; suffixes++) {
		size_t k = strlen(*suffixes);
		if (strlen(p) >= k && ieq(p, k, *suffixes) && !is_alnum((unsigned char)p[k])) {
			p += k;
			break;
		}
	}
	if (*p == ':')
		p++;
	while (is_blank((unsigned char)*p))
		p++;
	return p;
}

/* Reads digits, separators and a final X.  Returns FOLIO_ID_OK or the first
 * problem of the kinds a scan can see (EMPTY, CHARS, HYPHENS). */
static enum folio_id_status scan_number(const char *p, struct scan *sc)
{
	int x_at = -1, run = 0, hyphens_in_sep = 0, sep_pending = 0, bad_hyphen = 0;
	size_t k;
	int hy;

	memset(sc, 0, sizeof *sc);
	while (is_blank((unsigned char)*p))
		p++;
	for (; *p; p += k) {
		unsigned char c = (unsigned char)*p;
		k = 1;
		if (is_digit(c) || c == 'X' || c == 'x') {
			if (x_at >= 0)
				return FOLIO_ID_CHARS;  /* X is only a final check digit */
			if (!is_digit(c))
				x_at = sc->n;
			if (sep_pending) {
				if (hyphens_in_sep > 1)
					bad_hyphen = 1;
				if (sc->parts == 1)
					sc->first = run;
				sc->parts++;
				run = 0;
			} else if (sc->parts == 0) {
				sc->parts = 1;
			}
			sep_pending = 0;
			hyphens_in_sep = 0;
			if (sc->n < 15)
				sc->d[sc->n] = (char)(is_digit(c) ? c : 'X');
			sc->n++;
			run++;
		} else if ((k = separator(p, &hy)) > 0) {
			if (hy && sc->n == 0)
				bad_hyphen = 1;         /* leading */
			sep_pending = 1;
			hyphens_in_sep += hy;
		} else if (is_blank(c)) {
			/* trailing space (a tab is a separator above) */
			while (is_blank((unsigned char)*p))
				p++;
			if (*p)
				return FOLIO_ID_CHARS;
			break;
		} else {
			return FOLIO_ID_CHARS;
		}
	}
	if (sc->n == 0)
		return bad_hyphen || hyphens_in_sep ? FOLIO_ID_HYPHENS : FOLIO_ID_EMPTY;
	if (sep_pending && hyphens_in_sep)
		bad_hyphen = 1;                 /* trailing */
	if (sc->parts == 1)
		sc->first = run;
	sc->last = run;
	return bad_hyphen ? FOLIO_ID_HYPHENS : FOLIO_ID_OK;
}

/* The mod-11 check digit of the ISBN-10 and the ISSN: the digits weighted
 * n+1 down to 2; '\0' when given anything but digits. */
static char mod11_check_digit(const char *digits, int n)
{
	int i, sum = 0;
	if (!digits)
		return '\0';
	for (i = 0; i < n; i++) {
		if (!is_digit((unsigned char)digits[i]))
			return '\0';
		sum += (n + 1 - i) * (digits[i] - '0');
	}
	sum = (11 - sum % 11) % 11;
	return sum == 10 ? 'X' : (char)('0' + sum);
}

/* The check digits return '\0' when given anything but digits. */
char folio_isbn10_check_digit(const char *nine)
{
	return mod11_check_digit(nine, 9);
}

char folio_isbn13_check_digit(const char *twelve)
{
	int i, sum = 0;
	if (!twelve)
		return '\0';
	for (i = 0; i < 12; i++) {
		if (!is_digit((unsigned char)twelve[i]))
			return '\0';
		sum += (i % 2 ? 3 : 1) * (twelve[i] - '0');
	}
	return (char)('0' + (10 - sum % 10) % 10);
}

char folio_issn_check_digit(const char *seven)
{
	return mod11_check_digit(seven, 7);
}

/* The digits of an ISBN or ISSN written `s`: blanks, then "urn:isbn:"
 * (as in EPUB identifiers), "ISBN-13:" and the like, then the number. */
static enum folio_id_status scan_id(const char *s, const char *urn, const char *label,
				    const char *const *suffixes, struct scan *sc)
{
	if (!s)
		return FOLIO_ID_EMPTY;
	while (is_blank((unsigned char)*s))
		s++;
	if (strlen(s) > 9 && ieq(s, 9, urn))
		s += 4;                 /* the label follows */
	return scan_number(skip_label(s, label, suffixes), sc);
}

enum folio_id_status folio_isbn_parse(const char *s, struct folio_isbn *out)
{
	static const char *const suffixes[] = {"-13", "-10", "13", "10", NULL};
	struct folio_isbn tmp;
	struct scan sc;
	enum folio_id_status st;
	char want;

	if (!out)
		out = &tmp;
	memset(out, 0, sizeof *out);
	st = scan_id(s, "urn:isbn:", "ISBN", suffixes, &sc);
	if (st != FOLIO_ID_OK)
		return st;
	if (sc.n != 10 && sc.n != 13)
		return FOLIO_ID_LENGTH;
	if (sc.n == 13 && sc.d[12] == 'X')
		return FOLIO_ID_CHARS;  /* X is an ISBN-10 check digit only */
	/* Hyphenated in full, an ISBN has 4 (ISBN-10) or 5 parts, and the check
	 * digit and the 978/979 prefix stand alone. */
	if (sc.parts > (sc.n == 13 ? 5 : 4))
		return FOLIO_ID_HYPHENS;
	if (sc.parts == (sc.n == 13 ? 5 : 4) &&
	    (sc.last != 1 || (sc.n == 13 && sc.first != 3)))
		return FOLIO_ID_HYPHENS;
	if (sc.n == 13 && strncmp(sc.d, "978", 3) != 0 && strncmp(sc.d, "979", 3) != 0)
		return FOLIO_ID_PREFIX;
	memcpy(out->digits, sc.d, (size_t)sc.n);
	out->digits[sc.n] = '\0';
	out->len = sc.n;
	want = sc.n == 10 ? folio_isbn10_check_digit(sc.d) : folio_isbn13_check_digit(sc.d);
	if (want != sc.d[sc.n - 1]) {
		out->expected = want;
		out->found = sc.d[sc.n - 1];
		return FOLIO_ID_CHECK;
	}
	return FOLIO_ID_OK;
}

static int valid_isbn(const struct folio_isbn *in)
{
	return in && (in->len == 10 || in->len == 13) &&
	       strlen(in->digits) == (size_t)in->len;
}

int folio_isbn_to13(const struct folio_isbn *in, struct folio_isbn *out)
{
	struct folio_isbn r;
	if (!valid_isbn(in) || !out)
		return -1;
	memset(&r, 0, sizeof r);
	if (in->len == 13) {
		memcpy(r.digits, in->digits, 14);
	} else {
		memcpy(r.digits, "978", 3);
		memcpy(r.digits + 3, in->digits, 9);
		r.digits[12] = folio_isbn13_check_digit(r.digits);
	}
	r.len = 13;
	*out = r;
	return 0;
}

int folio_isbn_to10(const struct folio_isbn *in, struct folio_isbn *out)
{
	struct folio_isbn r;
	if (!valid_isbn(in) || !out)
		return -1;
	memset(&r, 0, sizeof r);
	if (in->len == 10) {
		memcpy(r.digits, in->digits, 11);
	} else {
		/* Only the 978 "Bookland" block existed when ISBNs had 10 digits. */
		if (strncmp(in->digits, "978", 3) != 0)
			return -1;
		memcpy(r.digits, in->digits + 3, 9);
		r.digits[9] = folio_isbn10_check_digit(r.digits);
	}
	r.len = 10;
	*out = r;
	return 0;
}

enum folio_id_status folio_issn_parse(const char *s, struct folio_issn *out)
{
	static const char *const suffixes[] = {"-L", NULL};
	struct folio_issn tmp;
	struct scan sc;
	enum folio_id_status st;
	char want;

	if (!out)
		out = &tmp;
	memset(out, 0, sizeof *out);
	st = scan_id(s, "urn:issn:", "ISSN", suffixes, &sc);
	if (st != FOLIO_ID_OK)
		return st;
	if (sc.n != 8)
		return FOLIO_ID_LENGTH;
	if (sc.parts > 2 || (sc.parts == 2 && sc.first != 4))
		return FOLIO_ID_HYPHENS;        /* NNNN-NNNC is the only form */
	memcpy(out->digits, sc.d, 8);
	out->digits[8] = '\0';
	want = folio_issn_check_digit(sc.d);
	if (want != sc.d[7]) {
		out->expected = want;
		out->found = sc.d[7];
		return FOLIO_ID_CHECK;
	}
	return FOLIO_ID_OK;
}

const char *folio_id_strerror(enum folio_id_status st)
{
	switch (st) {
	case FOLIO_ID_OK:
		return "valid";
	case FOLIO_ID_EMPTY:
		return "empty: no digits at all";
	case FOLIO_ID_CHARS:
		return "unexpected character: only digits, hyphens, spaces and a final X (ISBN-10, ISSN) are allowed";
	case FOLIO_ID_LENGTH:
		return "wrong number of digits: an ISBN has 10 or 13, an ISSN 8";
	case FOLIO_ID_PREFIX:
		return "an ISBN-13 starts with 978 or 979";
	case FOLIO_ID_CHECK:
		return "wrong check digit";
	case FOLIO_ID_HYPHENS:
		return "hyphen or space in an impossible place";
	}
	return "unknown problem";
}

/* ---- BCP 47 ----------------------------------------------------------- */

/* RFC 5646 section 2.1: tags that predate the grammar and are kept whole. */
static const char *const grandfathered[] = {
	"en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak",
	"i-klingon", "i-lux", "i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay",
	"i-tsu", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE",
	"art-lojban", "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu", "zh-hakka",
	"zh-min", "zh-min-nan", "zh-xiang",
};

/* Where in a langtag the parser is: what the last subtag was. */
enum stage { S_LANG, S_EXTLANG, S_SCRIPT, S_REGION, S_VARIANT, S_EXTENSION };

#define MAXVARIANTS 16

static int is_region(const char *s, size_t n)
{
	return (n == 2 && all(s, n, is_alpha)) || (n == 3 && all(s, n, is_digit));
}

static int is_variant(const char *s, size_t n)
{
	return (n >= 5 && n <= 8) || (n == 4 && is_digit((unsigned char)s[0]));
}

/* Says why subtag s (n bytes, 2 to 4 characters) cannot stand after `st`. */
static int misplaced(const char *s, int n, enum stage st, int nextlang,
		     char *why, size_t whylen)
{
	if (n == 4 && all(s, (size_t)n, is_alpha)) {
		if (st == S_SCRIPT)
			return fail(why, whylen, "a second script subtag '%.*s'", n, s);
		return fail(why, whylen, "script subtag '%.*s' must come right after the language", n, s);
	}
	if (is_region(s, (size_t)n)) {
		if (st == S_REGION)
			return fail(why, whylen, "a second region subtag '%.*s'", n, s);
		return fail(why, whylen, "region subtag '%.*s' must come before the variants", n, s);
	}
	if (n == 3 && all(s, 3, is_alpha) && st <= S_EXTLANG && nextlang >= 3)
		return fail(why, whylen, "more than three extended language subtags ('%.*s')", n, s);
	if (st < S_REGION && n <= 3)
		return fail(why, whylen, "region subtag '%.*s' must be 2 letters or 3 digits", n, s);
	if (n == 4)
		return fail(why, whylen, "subtag '%.*s' is neither a script (4 letters) nor a variant (a digit and 3 letters or digits)", n, s);
	return fail(why, whylen, "subtag '%.*s' is too short for a variant (5 to 8 letters or digits, or a digit and 3 more)", n, s);
}

/* Says why a 4- to 8-letter primary subtag is wrong, with the code meant
 * when it is the English name of a common language. */
static int language_name(const char *s, int n, char *why, size_t whylen)
{
	static const char *const names[][2] = {
		{"english", "en"}, {"french", "fr"}, {"spanish", "es"},
		{"arabic", "ar"}, {"chinese", "zh"}, {"russian", "ru"},
		{"german", "de"}, {"portuguese", "pt"}, {"italian", "it"},
		{"japanese", "ja"}, {"dutch", "nl"}, {"turkish", "tr"},
		{"persian", "fa"}, {"farsi", "fa"}, {"hebrew", "he"},
		{"urdu", "ur"}, {"hindi", "hi"}, {"swahili", "sw"},
		{"francais", "fr"}, {"espanol", "es"}, {"deutsch", "de"},
	};
	size_t k;
	for (k = 0; k < sizeof names / sizeof *names; k++)
		if (ieq(s, (size_t)n, names[k][0]))
			return fail(why, whylen, "'%.*s' is not a language code: did you mean '%s'?",
				    n, s, names[k][1]);
	return fail(why, whylen, "'%.*s' is not a language code: a primary language subtag has 2 or 3 letters (ISO 639)",
		    n, s);
}

int folio_bcp47_check(const char *tag, char *why, size_t whylen)
{
	const char *p, *variants[MAXVARIANTS];
	int nvariants = 0, nextlang = 0, n, i;
	unsigned char seen[128];
	enum stage st = S_LANG;
	size_t len, k;

	if (!tag || !*tag)
		return fail(why, whylen, "the language tag is empty");
	len = strlen(tag);
	for (k = 0; k < len; k++) {
		unsigned char c = (unsigned char)tag[k];
		if (c >= 0x80 || c <= ' ')
			return fail(why, whylen, "%s at position %zu: a language tag has only ASCII letters, digits and hyphens",
				    c >= 0x80 ? "a non-ASCII character" : "a space or control character", k + 1);
		if (!is_alnum(c) && c != '-')
			return fail(why, whylen, "character '%c' at position %zu: a language tag has only letters, digits and hyphens", c, k + 1);
	}
	if (tag[0] == '-')
		return fail(why, whylen, "the tag starts with a hyphen");
	if (tag[len - 1] == '-')
		return fail(why, whylen, "the tag ends with a hyphen");
	if (strstr(tag, "--"))
		return fail(why, whylen, "an empty subtag (two hyphens in a row)");
	for (p = tag; *p; p += n + (p[n] == '-')) {
		n = (int)strcspn(p, "-");
		if (n > 8)
			return fail(why, whylen, "subtag '%.*s' is longer than 8 characters", n, p);
	}
	for (k = 0; k < sizeof grandfathered / sizeof *grandfathered; k++)
		if (ieq(tag, len, grandfathered[k]))
			return 0;

	/* From here on every subtag is 1 to 8 letters or digits. */
	memset(seen, 0, sizeof seen);
	p = tag;
	n = (int)strcspn(p, "-");
	if (n == 1 && lower((unsigned char)*p) == 'x')
		goto privateuse;
	if (n < 2 || !all(p, (size_t)n, is_alpha))
		return fail(why, whylen, "primary language subtag '%.*s' must be 2 or 3 letters (an ISO 639 code such as 'en')", n, p);
	/* The grammar allows 4 to 8 letters, but those are reserved and none
	 * is registered: "english" is a mistake, not a language. */
	if (n > 3)
		return language_name(p, n, why, whylen);
	for (p += n; *p; p += n) {
		p++;                            /* the hyphen */
		n = (int)strcspn(p, "-");
		if (n == 1) {
			/* A singleton: private use, or an extension (one or
			 * more subtags of 2 to 8 characters follow). */
			int c = lower((unsigned char)*p);
			if (c == 'x')
				goto privateuse;
			if (seen[c])
				return fail(why, whylen, "extension '%c' appears twice", c);
			seen[c] = 1;
			p++;
			if (!*p || strcspn(p + 1, "-") < 2)
				return fail(why, whylen, "extension '%c' needs a subtag of 2 to 8 characters after it", c);
			while (*p && strcspn(p + 1, "-") >= 2)
				p += 1 + strcspn(p + 1, "-");
			n = 0;                  /* p is at the next singleton */
			st = S_EXTENSION;
		} else if (st <= S_EXTLANG && nextlang < 3 && n == 3 && all(p, 3, is_alpha)) {
			nextlang++;
			st = S_EXTLANG;
		} else if (st < S_SCRIPT && n == 4 && all(p, 4, is_alpha)) {
			st = S_SCRIPT;
		} else if (st < S_REGION && is_region(p, (size_t)n)) {
			st = S_REGION;
		} else if (is_variant(p, (size_t)n)) {
			for (i = 0; i < nvariants; i++)
				if ((int)strcspn(variants[i], "-") == n && same(variants[i], p, (size_t)n))
					return fail(why, whylen, "variant subtag '%.*s' appears twice", n, p);
			if (nvariants == MAXVARIANTS)
				return fail(why, whylen, "more than %d variant subtags", MAXVARIANTS);
			variants[nvariants++] = p;
			st = S_VARIANT;
		} else {
			return misplaced(p, n, st, nextlang, why, whylen);
		}
	}
	return 0;

privateuse:
	/* "x" and one or more subtags of 1 to 8 characters: anything goes. */
	if (!p[1])
		return fail(why, whylen, "private use 'x' needs a subtag after it");
	return 0;
}

void folio_bcp47_primary(const char *tag, char *out, size_t outlen)
{
	size_t i;
	if (!out || !outlen)
		return;
	for (i = 0; tag && tag[i] && tag[i] != '-' && i + 1 < outlen; i++)
		out[i] = (char)lower((unsigned char)tag[i]);
	out[i] = '\0';
}

int folio_bcp47_is_rtl(const char *tag)
{
	/* Languages whose usual script runs right to left. */
	static const char *const langs[] = {
		"ar", "he", "iw", "fa", "ur", "ps", "sd", "ug", "yi", "ji", "dv",
		"ckb", "arb", "arz", "ary", "aeb", "apc", "prs", "pes", "pnb",
		"ks", "syr", "azb", "lrc", "mzn", "glk", "bal", "skr", "nqo",
	};
	/* ISO 15924 scripts written right to left. */
	static const char *const scripts[] = {
		"Arab", "Aran", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg",
		"Mand", "Samr", "Syre", "Syrj", "Syrn",
	};
	const char *p;
	size_t n, k;

	if (!tag || !*tag || strcspn(tag, "-") < 2)
		return 0;               /* empty, private use, i-… */
	/* A script subtag decides (ar-Latn is left to right, pa-Arab right to
	 * left); without one, the language's usual script does. */
	for (p = tag + strcspn(tag, "-"); *p == '-'; p += n) {
		p++;
		n = strcspn(p, "-");
		if (n == 1)
			break;                  /* extensions and private use */
		if (n == 4 && all(p, 4, is_alpha)) {
			for (k = 0; k < sizeof scripts / sizeof *scripts; k++)
				if (ieq(p, 4, scripts[k]))
					return 1;
			return 0;
		}
	}
	n = strcspn(tag, "-");
	for (k = 0; k < sizeof langs / sizeof *langs; k++)
		if (ieq(tag, n, langs[k]))
			return 1;
	return 0;
}

/* ---- ISO 8601 dates --------------------------------------------------- */

/* Reads exactly n digits at s into *v; 0 when there are not n digits. */
static int num(const char *s, int n, int *v)
{
	int i;
	*v = 0;
	for (i = 0; i < n; i++) {
		if (!is_digit((unsigned char)s[i]))
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return !is_digit((unsigned char)s[n]);
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* Thh:mm[:ss[.fff]][Z|±hh:mm], after the T. */
static int check_time(const char *p, char *why, size_t whylen)
{
	int h, m, sec, oh, om;
	if (!num(p, 2, &h) || p[2] != ':' || !num(p + 3, 2, &m))
		return fail(why, whylen, "expected a time as hh:mm or hh:mm:ss after 'T'");
	if (h > 23)
		return fail(why, whylen, "hour %02d does not exist (00 to 23)", h);
	if (m > 59)
		return fail(why, whylen, "minute %02d does not exist (00 to 59)", m);
	p += 5;
	if (*p == ':') {
		if (!num(p + 1, 2, &sec))
			return fail(why, whylen, "expected 2-digit seconds after hh:mm:");
		if (sec > 60)   /* 60: a leap second */
			return fail(why, whylen, "second %02d does not exist (00 to 60)", sec);
		p += 3;
		if (*p == '.' || *p == ',') {
			if (!is_digit((unsigned char)p[1]))
				return fail(why, whylen, "expected digits after the decimal mark of the seconds");
			for (p++; is_digit((unsigned char)*p); p++)
				;
		}
	}
	if (*p == 'Z')
		p++;
	else if (*p == '+' || *p == '-') {
		if (!num(p + 1, 2, &oh) || p[3] != ':' || !num(p + 4, 2, &om))
			return fail(why, whylen, "expected a time-zone offset as +hh:mm or -hh:mm");
		if (oh > 23 || om > 59)
			return fail(why, whylen, "time-zone offset '%.6s' does not exist", p);
		p += 6;
	}
	if (*p)
		return fail(why, whylen, "unexpected '%s' after the time", p);
	return 0;
}

int folio_isodate_check(const char *s, char *why, size_t whylen)
{
	int y, m, d;
	size_t lead;

	if (!s || !*s)
		return fail(why, whylen, "the date is empty");
	lead = strspn(s, "0123456789");
	if (lead == 8)
		return fail(why, whylen, "write the date with hyphens: YYYY-MM-DD");
	if (lead != 4 || !num(s, 4, &y))
		return fail(why, whylen, "expected a 4-digit year (YYYY, YYYY-MM or YYYY-MM-DD)");
	if (!s[4])
		return 0;
	if (s[4] != '-' || !num(s + 5, 2, &m))
		return fail(why, whylen, "expected YYYY-MM or YYYY-MM-DD with a 2-digit month");
	if (m < 1 || m > 12)
		return fail(why, whylen, "month %02d does not exist", m);
	if (!s[7])
		return 0;
	if (s[7] == 'T')
		return fail(why, whylen, "a time needs a full date (YYYY-MM-DDThh:mm)");
	if (s[7] != '-' || !num(s + 8, 2, &d))
		return fail(why, whylen, "expected YYYY-MM-DD with a 2-digit day");
	if (d < 1 || d > days_in_month(y, m))
		return fail(why, whylen, "day %02d does not exist in %s %04d (it has %d days)",
			    d, month_names[m - 1], y, days_in_month(y, m));
	if (!s[10])
		return 0;
	if (s[10] != 'T')
		return fail(why, whylen, "unexpected '%s' after the date", s + 10);
	return check_time(s + 11, why, whylen);
}
