/* numbers.c — finds written numbers and reads them in every plausible way.
 *
 * A token is a run of digit groups joined by one separator each.  Commas,
 * dots and the Arabic separators join any groups; spaces, no-break and thin
 * spaces and apostrophes join only a group of three digits after a group of
 * one to three ("3 000", not "2018 2").  The token is then read as a grouped
 * number with an optional decimal part when its separators allow it, and
 * always, last, as its groups one by one, so that "1.2.3", a time "09:00"
 * cut at the colon, or "22 717 9111" still match their counterparts. */
#include "numbers.h"
#include "utf8.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIGITS 18           /* fits in uint64_t with room to spare */
#define MAX_GROUP 32

int folio_numbers_digit(uint32_t cp)
{
	static const uint32_t zeros[] = {'0', 0x0660, 0x06F0, 0x0966, 0x09E6, 0xFF10};
	for (size_t i = 0; i < sizeof zeros / sizeof zeros[0]; i++)
		if (cp >= zeros[i] && cp <= zeros[i] + 9)
			return (int)(cp - zeros[i]);
	return -1;
}

enum sepclass { SEP_NONE, SEP_EITHER, SEP_GROUP, SEP_DECIMAL };

/* What a separator may be: ',' and '.' either; the Arabic decimal separator
 * only a decimal point; spaces, apostrophes and the Arabic thousands
 * separator only grouping. */
static enum sepclass sep_class(uint32_t cp)
{
	switch (cp) {
	case ',': case '.':
		return SEP_EITHER;
	case 0x066B:
		return SEP_DECIMAL;
	case ' ': case '\'': case 0x2019: case 0x00A0: case 0x202F: case 0x2009: case 0x066C:
		return SEP_GROUP;
	default:
		return SEP_NONE;
	}
}

/* Languages that write 1.000,5 or 1 000,5 (decimal comma); the others, like
 * English, Chinese and Arabic with Western digits, write 1,000.5. */
static int decimal_comma(const char *lang)
{
	static const char *const comma[] = {
		"fr", "es", "de", "it", "pt", "nl", "ru", "pl", "cs", "sk", "sv", "da",
		"nb", "nn", "no", "fi", "tr", "el", "ro", "hu", "bg", "uk", "hr", "sr",
		"sl", "id", "vi", "ca", "gl", "eu", "lt", "lv", "et", "is", NULL};
	char prim[8];
	size_t i = 0;
	if (lang == NULL)
		return 0;
	while (lang[i] && lang[i] != '-' && lang[i] != '_' && i + 1 < sizeof prim) {
		prim[i] = (char)(lang[i] | 32);
		i++;
	}
	prim[i] = '\0';
	for (size_t k = 0; comma[k]; k++)
		if (strcmp(prim, comma[k]) == 0)
			return 1;
	return 0;
}

static void make_num(struct folio_num *v, const char *ip, size_t ilen, const char *fp, size_t flen)
{
	uint64_t m = 0;
	for (size_t i = 0; i < ilen; i++)
		m = m * 10 + (uint64_t)(ip[i] - '0');
	for (size_t i = 0; i < flen; i++)
		m = m * 10 + (uint64_t)(fp[i] - '0');
	int scale = (int)flen;
	while (scale > 0 && m % 10 == 0) {
		m /= 10;
		scale--;
	}
	v->mant = m;
	v->scale = m == 0 ? 0 : scale;
}

struct token {
	int ngroups;
	char digits[FOLIO_NUM_VALUES][MAX_GROUP];  /* ASCII digits of each group */
	size_t glen[FOLIO_NUM_VALUES];
	uint32_t sep[FOLIO_NUM_VALUES];            /* sep[i] precedes group i (i >= 1) */
	int overflow;
};

static int add_reading(struct folio_numtok *t)
{
	if (t->nread >= FOLIO_NUM_READINGS)
		return -1;
	t->nval[t->nread] = 0;
	return t->nread++;
}

/* The grouped reading ("1 000 000", "1.234,5"): returns 0 and fills v, or -1
 * when the separators do not make one number.  With `decimal`, the last
 * separator is read as a decimal point, otherwise as grouping. */
static int grouped(const struct token *k, int decimal, struct folio_num *v)
{
	int n = k->ngroups;
	int ngr = decimal ? n - 1 : n;          /* groups of the integer part */
	char buf[MAX_DIGITS + 1];
	size_t len = 0;

	if (n < 2)
		return -1;
	if (decimal && sep_class(k->sep[n - 1]) != SEP_EITHER &&
	    sep_class(k->sep[n - 1]) != SEP_DECIMAL)
		return -1;
	/* The integer part's separators: one grouping character, three digits
	 * after each, one to three before the first. */
	if (ngr > 1) {
		uint32_t g = k->sep[1];
		if (sep_class(g) == SEP_DECIMAL || k->glen[0] > 3)
			return -1;
		for (int i = 1; i < ngr; i++)
			if (k->sep[i] != g || k->glen[i] != 3)
				return -1;
		if (decimal && k->sep[n - 1] == g)
			return -1;
	}
	for (int i = 0; i < ngr; i++) {
		if (len + k->glen[i] > MAX_DIGITS)
			return -1;
		memcpy(buf + len, k->digits[i], k->glen[i]);
		len += k->glen[i];
	}
	if (decimal) {
		if (len + k->glen[n - 1] > MAX_DIGITS)
			return -1;
		make_num(v, buf, len, k->digits[n - 1], k->glen[n - 1]);
	} else {
		make_num(v, buf, len, "", 0);
	}
	return 0;
}

static void read_token(const struct token *k, const char *lang, struct folio_numtok *t)
{
	struct folio_num a, b;
	if (k->ngroups == 2 && k->sep[1] == ':') {
		int r = add_reading(t);
		make_num(&t->val[r][t->nval[r]++], k->digits[0], k->glen[0], "", 0);
		make_num(&t->val[r][t->nval[r]++], k->digits[1], 2, "", 0);
		if (k->digits[1][0] == '0' && k->digits[1][1] == '0') {
			r = add_reading(t);
			make_num(&t->val[r][t->nval[r]++], k->digits[0], k->glen[0], "", 0);
		}
		return;
	}
	int has_a = grouped(k, 0, &a) == 0;     /* last separator groups */
	int has_b = grouped(k, 1, &b) == 0;     /* last separator is a decimal point */
	int prefer_b = 0;
	if (has_a && has_b) {
		/* "1,000" or "1.000": the language's convention first. */
		uint32_t last = k->sep[k->ngroups - 1];
		prefer_b = decimal_comma(lang) ? last == ',' : last == '.';
	}
	t->nread = 0;
	for (int pass = 0; pass < 2; pass++) {
		int take_b = pass == 0 ? prefer_b : !prefer_b;
		if (take_b ? !has_b : !has_a)
			continue;
		int r = add_reading(t);
		t->val[r][t->nval[r]++] = take_b ? b : a;
	}
	/* The groups one by one: the only reading of what is no number
	 * ("1.2.3"); an alternative for three groups or more, for groups a
	 * space or apostrophe joined (they may be neighbours by chance), and
	 * for "9.30", which may be a time.  Not for "2.5", which must not
	 * match a text that has 2 and 5 but not 2.5. */
	uint32_t s1 = k->sep[1];
	int split = t->nread == 0 || k->ngroups > 2 || sep_class(s1) == SEP_GROUP ||
		    (s1 == '.' && k->glen[0] <= 2 && k->glen[1] == 2);
	if (k->ngroups > 1 && split) {
		int r = add_reading(t);
		for (int i = 0; i < k->ngroups && r >= 0; i++)
			if (k->glen[i] <= MAX_DIGITS)
				make_num(&t->val[r][t->nval[r]++], k->digits[i], k->glen[i], "", 0);
	} else if (t->nread == 0) {
		int r = add_reading(t);
		make_num(&t->val[r][t->nval[r]++], k->digits[0], k->glen[0], "", 0);
	}
}

static int is_percent(uint32_t cp)
{
	return cp == '%' || cp == 0x066A || cp == 0x2030 || cp == 0xFE6A || cp == 0xFF05;
}

/* A percent sign next to the token: "45%", "45 %", "%45" (Turkish), "٪٤٥". */
static int percent_near(const char *text, size_t len, size_t start, size_t end)
{
	uint32_t cp;
	size_t i = end;
	for (int step = 0; step < 2 && i < len; step++) {
		i += folio_utf8_next(text + i, len - i, &cp);
		if (is_percent(cp))
			return 1;
		if (!(cp == ' ' || cp == 0xA0 || cp == 0x202F || cp == 0x2009))
			break;
	}
	/* Look back one or two code points. */
	size_t j = start;
	for (int step = 0; step < 2 && j > 0; step++) {
		size_t k = j - 1;
		while (k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80)
			k--;
		folio_utf8_next(text + k, len - k, &cp);
		if (is_percent(cp))
			return 1;
		if (!(cp == ' ' || cp == 0xA0 || cp == 0x202F))
			break;
		j = k;
	}
	return 0;
}

size_t folio_numbers_scan(const char *text, size_t len, const char *lang,
			  struct folio_numtok **out)
{
	struct folio_numtok *v = NULL;
	size_t n = 0, cap = 0, i = 0;
	uint32_t cp;

	while (i < len) {
		unsigned char ch = (unsigned char)text[i];
		if (ch < 0x80 && (ch < '0' || ch > '9')) {     /* the common case */
			i++;
			continue;
		}
		size_t l = folio_utf8_next(text + i, len - i, &cp);
		int d = folio_numbers_digit(cp);
		if (d < 0) {
			i += l;
			continue;
		}
		struct token k;
		memset(&k, 0, sizeof k);
		size_t start = i, end = i;
		k.ngroups = 1;
		for (;;) {
			/* One group of digits. */
			int g = k.ngroups - 1;
			while (i < len) {
				l = folio_utf8_next(text + i, len - i, &cp);
				if ((d = folio_numbers_digit(cp)) < 0)
					break;
				if (k.glen[g] < MAX_GROUP - 1)
					k.digits[g][k.glen[g]++] = (char)('0' + d);
				else
					k.overflow = 1;
				i += l;
			}
			end = i;
			if (i >= len || k.ngroups == FOLIO_NUM_VALUES)
				break;
			/* A time of day, "09:00": its hour and minutes, or the hour
			 * alone when the minutes are zero ("9 h" in French). */
			if (k.ngroups == 1 && k.glen[0] <= 2 && cp == ':') {
				size_t m = i + l, mins = 0;
				uint32_t c2;
				while (m < len && mins < 3) {
					size_t l2 = folio_utf8_next(text + m, len - m, &c2);
					int dv = folio_numbers_digit(c2);
					if (dv < 0)
						break;
					if (mins < 2)
						k.digits[1][mins] = (char)('0' + dv);
					mins++;
					m += l2;
				}
				if (mins == 2) {
					k.glen[1] = 2;
					k.sep[1] = ':';
					k.ngroups = 2;
					i = end = m;
					break;
				}
			}
			/* A separator, then a digit? */
			uint32_t sep = cp;
			enum sepclass sc = sep_class(sep);
			if (sc == SEP_NONE)
				break;
			size_t j = i + l;
			if (j >= len)
				break;
			uint32_t next;
			folio_utf8_next(text + j, len - j, &next);
			if (folio_numbers_digit(next) < 0)
				break;
			if (sc == SEP_GROUP && sep != 0x066C) {
				/* Spaces and apostrophes: 1-3 digits, then exactly three. */
				size_t m = j, cnt = 0;
				uint32_t c2 = 0;
				while (m < len) {
					size_t l2 = folio_utf8_next(text + m, len - m, &c2);
					if (folio_numbers_digit(c2) < 0)
						break;
					cnt++;
					m += l2;
				}
				if (cnt != 3 || k.glen[g] > 3 || (k.ngroups > 1 && k.glen[g] != 3) ||
				    (k.ngroups > 1 && k.sep[1] != sep))
					break;
			}
			k.sep[k.ngroups] = sep;
			k.ngroups++;
			i = j;
		}
		i = end;
		if (k.overflow)
			continue;
		cap = n + 1 > cap ? (cap ? cap * 2 : 16) : cap;
		v = folio_xrealloc(v, cap * sizeof *v);
		struct folio_numtok *t = &v[n];
		memset(t, 0, sizeof *t);
		t->start = start;
		t->end = end;
		read_token(&k, lang, t);
		if (t->nread == 0)
			continue;
		t->percent = percent_near(text, len, start, end);
		n++;
	}
	*out = v;
	return n;
}

int folio_numbers_equal(const struct folio_num *a, const struct folio_num *b)
{
	return a->mant == b->mant && a->scale == b->scale;
}

void folio_numbers_format(const struct folio_num *v, char *buf, size_t len)
{
	char digits[32], padded[64];
	int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)v->mant);
	if (v->scale <= 0) {
		snprintf(buf, len, "%s", digits);
		return;
	}
	/* Enough leading zeros for one integer digit: 5 / 10^3 = 0.005. */
	int pad = v->scale + 1 - n;
	if (pad < 0)
		pad = 0;
	memset(padded, '0', (size_t)pad);
	memcpy(padded + pad, digits, (size_t)n + 1);
	n += pad;
	snprintf(buf, len, "%.*s.%s", n - v->scale, padded, padded + n - v->scale);
}

uint64_t folio_numbers_hash(const struct folio_num *v)
{
	uint64_t h = v->mant * 0x9E3779B97F4A7C15ull ^ ((uint64_t)(unsigned)v->scale << 58);
	h ^= h >> 31;
	h *= 0xBF58476D1CE4E5B9ull;
	h ^= h >> 29;
	return h ? h : 1;
}

void folio_numbers_set_init(struct folio_numset *s)
{
	memset(s, 0, sizeof *s);
}

void folio_numbers_set_free(struct folio_numset *s)
{
	free(s->slot);
	folio_numbers_set_init(s);
}

static void put_hash(struct folio_numset *s, uint64_t h)
{
	if (2 * (s->n + 1) > s->cap) {
		size_t oldcap = s->cap;
		uint64_t *old = s->slot;
		s->cap = oldcap ? oldcap * 2 : 16;
		s->slot = folio_xcalloc(s->cap, sizeof *s->slot);
		s->n = 0;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i])
				put_hash(s, old[i]);
		free(old);
	}
	size_t i = (size_t)(h & (s->cap - 1));
	while (s->slot[i] && s->slot[i] != h)
		i = (i + 1) & (s->cap - 1);
	if (s->slot[i] == 0) {
		s->slot[i] = h;
		s->n++;
	}
}

void folio_numbers_set_add(struct folio_numset *s, const struct folio_num *v)
{
	put_hash(s, folio_numbers_hash(v));
}

void folio_numbers_set_add_tokens(struct folio_numset *s, const struct folio_numtok *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (int r = 0; r < t[i].nread; r++)
			for (int k = 0; k < t[i].nval[r]; k++)
				folio_numbers_set_add(s, &t[i].val[r][k]);
}

int folio_numbers_set_has(const struct folio_numset *s, const struct folio_num *v)
{
	if (s->cap == 0)
		return 0;
	uint64_t h = folio_numbers_hash(v);
	size_t i = (size_t)(h & (s->cap - 1));
	while (s->slot[i]) {
		if (s->slot[i] == h)
			return 1;
		i = (i + 1) & (s->cap - 1);
	}
	return 0;
}

int folio_numbers_set_covers(const struct folio_numset *s, const struct folio_numtok *t)
{
	for (int r = 0; r < t->nread; r++) {
		int all = 1;
		for (int k = 0; k < t->nval[r] && all; k++)
			all = folio_numbers_set_has(s, &t->val[r][k]);
		if (all)
			return 1;
	}
	return 0;
}
