/* codes.c — URLs, e-mail addresses, ISBNs, ISSNs and UN document symbols.
 *
 * The text is cut into words at spaces (no-break and thin spaces included);
 * each word is looked at once, in this order: a URL (anywhere in the word,
 * so that one glued to Arabic or to an opening quote is found), an e-mail
 * address, a document symbol, an ISBN, an ISSN.  A word yields at most one
 * code, which is what running text holds. */
#include "codes.h"
#include "ident.h"
#include "utf8.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *folio_codes_kind_name(enum folio_code_kind k)
{
	switch (k) {
	case FOLIO_CODE_URL: return "URL";
	case FOLIO_CODE_EMAIL: return "e-mail address";
	case FOLIO_CODE_ISBN: return "ISBN";
	case FOLIO_CODE_ISSN: return "ISSN";
	default: return "document symbol";
	}
}

static int url_char(unsigned char c)
{
	return c > 0x20 && c < 0x7F && !strchr("<>\"{}|\\^`", c);
}

static int email_local(unsigned char c)
{
	return isalnum(c) || strchr("._%+-", c) != NULL;
}

static int email_domain(unsigned char c)
{
	return isalnum(c) || c == '.' || c == '-';
}

/* Drops closing punctuation a sentence puts after a URL, and a closing
 * bracket that has no opening one inside. */
static size_t trim_end(const char *s, size_t start, size_t end)
{
	while (end > start) {
		char c = s[end - 1];
		if (strchr(".,;:!?'*", c)) {
			end--;
			continue;
		}
		if (c == ')' || c == ']') {
			char open = c == ')' ? '(' : '[';
			int depth = 0;
			for (size_t i = start; i < end; i++)
				depth += s[i] == open ? 1 : s[i] == c ? -1 : 0;
			if (depth < 0) {
				end--;
				continue;
			}
		}
		break;
	}
	return end;
}

char *folio_codes_norm_url(const char *url)
{
	const char *p = url;
	if (strncasecmp(p, "http://", 7) == 0)
		p += 7;
	else if (strncasecmp(p, "https://", 8) == 0)
		p += 8;
	char *out = folio_xstrdup(p);
	int in_host = 1;
	for (char *q = out; *q; q++) {
		if (*q == '/' || *q == '?' || *q == '#')
			in_host = 0;
		if (in_host || q < out + (p - url))
			*q = (char)tolower((unsigned char)*q);
	}
	/* Scheme of non-web URLs in lower case too ("MAILTO:", "FTP://"). */
	for (char *q = out; *q && *q != ':' && *q != '/'; q++)
		*q = (char)tolower((unsigned char)*q);
	size_t n = strlen(out);
	while (n > 0 && out[n - 1] == '/')
		out[--n] = '\0';
	return out;
}

struct sink {
	struct folio_code *v;
	size_t n, cap;
};

static void push(struct sink *k, enum folio_code_kind kind, size_t start, size_t end, char *norm)
{
	k->v = folio_xgrow(k->v, &k->cap, k->n + 1, sizeof *k->v);
	k->v[k->n].kind = kind;
	k->v[k->n].start = start;
	k->v[k->n].end = end;
	k->v[k->n].norm = norm;
	k->n++;
}

static int find_url(const char *s, size_t ws, size_t we, struct sink *k)
{
	static const char *const starts[] = {"https://", "http://", "ftp://", "mailto:", "www."};
	/* Every form has a ':' or a '.': most words have neither. */
	int colon = memchr(s + ws, ':', we - ws) != NULL, dot = memchr(s + ws, '.', we - ws) != NULL;
	if (!colon && !dot)
		return 0;
	for (size_t i = ws; i < we; i++) {
		if (i > ws && isalnum((unsigned char)s[i - 1]))
			continue;
		char c0 = (char)(s[i] | 32);
		if (c0 != 'h' && c0 != 'f' && c0 != 'm' && c0 != 'w')
			continue;
		for (size_t p = 0; p < sizeof starts / sizeof starts[0]; p++) {
			size_t pl = strlen(starts[p]);
			if (we - i <= pl || strncasecmp(s + i, starts[p], pl) != 0)
				continue;
			size_t e = i;
			while (e < we && url_char((unsigned char)s[e]))
				e++;
			e = trim_end(s, i, e);
			if (e <= i + pl)
				continue;
			char *raw = folio_xstrndup(s + i, e - i);
			if (p == 3) {
				for (char *q = raw + pl; *q; q++)
					*q = (char)tolower((unsigned char)*q);
				char *addr = folio_xstrdup(raw + pl);
				free(raw);
				push(k, FOLIO_CODE_EMAIL, i, e, addr);
			} else {
				push(k, FOLIO_CODE_URL, i, e, folio_codes_norm_url(raw));
				free(raw);
			}
			return 1;
		}
	}
	return 0;
}

static int find_email(const char *s, size_t ws, size_t we, struct sink *k)
{
	const char *at = memchr(s + ws, '@', we - ws);
	if (at == NULL)
		return 0;
	size_t a = (size_t)(at - s), b = a, e = a + 1;
	while (b > ws && email_local((unsigned char)s[b - 1]))
		b--;
	while (e < we && email_domain((unsigned char)s[e]))
		e++;
	while (e > a + 1 && (s[e - 1] == '.' || s[e - 1] == '-'))
		e--;
	if (b == a || memchr(s + a + 1, '.', e - a - 1) == NULL)
		return 0;
	char *norm = folio_xstrndup(s + b, e - b);
	for (char *q = norm; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	push(k, FOLIO_CODE_EMAIL, b, e, norm);
	return 1;
}

/* A/RES/70/296: upper-case letters, then two or more slash-separated parts
 * of letters, digits, dots, hyphens and brackets, with a digit somewhere. */
static int find_symbol(const char *s, size_t ws, size_t we, struct sink *k)
{
	size_t i = ws, letters = 0;
	while (i < we && s[i] >= 'A' && s[i] <= 'Z')
		i++, letters++;
	if (letters == 0 || letters > 8 || i >= we || s[i] != '/')
		return 0;
	int slashes = 0, digit = 0;
	size_t e = i;
	while (e < we) {
		unsigned char c = (unsigned char)s[e];
		if (c == '/') {
			if (e + 1 >= we || s[e + 1] == '/' || !isalnum((unsigned char)s[e + 1]))
				break;
			slashes++;
		} else if (!(isalnum(c) || c == '.' || c == '-' || c == '(' || c == ')')) {
			break;
		}
		digit |= isdigit(c) != 0;
		e++;
	}
	e = trim_end(s, ws, e);
	if (slashes < 2 || !digit)
		return 0;
	push(k, FOLIO_CODE_SYMBOL, ws, e, folio_xstrndup(s + ws, e - ws));
	return 1;
}

static int prev_word_is(const char *s, size_t ws, const char *label)
{
	size_t e = ws;
	while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == ':' || s[e - 1] == '\t' || s[e - 1] == '\n'))
		e--;
	size_t b = e;
	while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\n' && s[b - 1] != '\t' && s[b - 1] != '(')
		b--;
	size_t ll = strlen(label);
	return e - b >= ll && strncasecmp(s + b, label, ll) == 0;
}

static int find_isbn_issn(const char *s, size_t ws, size_t we, struct sink *k)
{
	char digits[16];
	size_t nd = 0, e = ws;
	int hyphens = 0;
	while (e < we && (isdigit((unsigned char)s[e]) || s[e] == '-' || s[e] == 'X' || s[e] == 'x')) {
		if (s[e] == '-')
			hyphens++;
		else if (nd < sizeof digits - 1)
			digits[nd++] = (char)toupper((unsigned char)s[e]);
		else
			return 0;
		e++;
	}
	e = trim_end(s, ws, e);
	while (e > ws && s[e - 1] == '-')
		e--;
	digits[nd] = '\0';
	if (e < we && isalnum((unsigned char)s[e]))
		return 0;
	if (nd == 13 && (strncmp(digits, "978", 3) == 0 || strncmp(digits, "979", 3) == 0) &&
	    strchr(digits, 'X') == NULL) {
		push(k, FOLIO_CODE_ISBN, ws, e, folio_xstrdup(digits));
		return 1;
	}
	if (nd == 10 && prev_word_is(s, ws, "ISBN")) {
		push(k, FOLIO_CODE_ISBN, ws, e, folio_xstrdup(digits));
		return 1;
	}
	if (nd == 8 && hyphens == 1 && e - ws == 9 && s[ws + 4] == '-') {
		struct folio_issn issn;
		int labelled = prev_word_is(s, ws, "ISSN");
		/* "2017-2018" is a span of years, whatever its check digit. */
		char half[5];
		memcpy(half, digits, 4);
		half[4] = '\0';
		int a = atoi(half), b = atoi(digits + 4);
		int years = a >= 1000 && a <= 2999 && b >= 1000 && b <= 2999;
		if (labelled || (!years && folio_issn_parse(digits, &issn) == FOLIO_ID_OK)) {
			push(k, FOLIO_CODE_ISSN, ws, e, folio_xstrdup(digits));
			return 1;
		}
	}
	return 0;
}

/* Opening punctuation that may precede a code inside a word. */
static size_t skip_open(const char *s, size_t ws, size_t we)
{
	while (ws < we) {
		unsigned char c = (unsigned char)s[ws];
		if (c == '(' || c == '[' || c == '"' || c == '\'' || c == '<') {
			ws++;
			continue;
		}
		if (c >= 0x80 && !isalnum(c)) {
			/* «, “, ‘, ¿, ¡ and other non-ASCII openers. */
			uint32_t cp;
			size_t l = folio_utf8_next(s + ws, we - ws, &cp);
			if (folio_utf8_is_wordchar(cp))
				break;
			ws += l;
			continue;
		}
		break;
	}
	return ws;
}

size_t folio_codes_scan(const char *text, size_t len, struct folio_code **out)
{
	struct sink k = {NULL, 0, 0};
	size_t i = 0;
	uint32_t cp;
	while (i < len) {
		size_t l = folio_utf8_next(text + i, len - i, &cp);
		if (folio_utf8_is_space(cp)) {
			i += l;
			continue;
		}
		size_t ws = i;
		while (i < len) {
			l = folio_utf8_next(text + i, len - i, &cp);
			if (folio_utf8_is_space(cp))
				break;
			i += l;
		}
		size_t we = i, s0 = skip_open(text, ws, we);
		if (s0 < we && (find_url(text, s0, we, &k) || find_email(text, s0, we, &k) ||
				find_symbol(text, s0, we, &k) || find_isbn_issn(text, s0, we, &k)))
			continue;
	}
	*out = k.v;
	return k.n;
}

void folio_codes_free(struct folio_code *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].norm);
	free(v);
}
