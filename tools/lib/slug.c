/* slug.c — titles to ASCII file-name slugs, and sets of unique slugs.
 *
 * glibc's //TRANSLIT follows LC_CTYPE, and the C locale transliterates
 * nothing, so each call switches its own thread to C.UTF-8 with uselocale
 * (the process's locale is never touched) and converts the title one
 * character at a time: that way a character iconv could not transliterate
 * is known as such, not confused with a '?' of the title.  The locale is
 * made once per process and never changes. */
#include "slug.h"
#include "xalloc.h"

#include <iconv.h>
#include <locale.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t locale_once = PTHREAD_ONCE_INIT;
static locale_t translit_locale;

static void make_locale(void)
{
	static const char *const names[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8"};
	for (size_t i = 0; i < sizeof names / sizeof names[0] && translit_locale == (locale_t)0; i++)
		translit_locale = newlocale(LC_CTYPE_MASK, names[i], (locale_t)0);
}

static size_t utf8_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xC2 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 1;
}

static int alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int punct_or_space(const unsigned char *p, size_t n)
{
	/* ASCII non-alphanumerics, and the general punctuation, space and
	 * symbol blocks: they separate words and do not count as letters. */
	if (n == 1)
		return !alnum(p[0]);
	if (n == 2 && p[0] == 0xC2)
		return 1;  /* U+0080–U+00BF */
	if (n == 3 && p[0] == 0xE2 && p[1] >= 0x80 && p[1] <= 0x81)
		return 1;  /* U+2000–U+207F */
	if (n == 3 && p[0] == 0xE3 && p[1] == 0x80)
		return 1;  /* CJK punctuation */
	if (n == 2 && p[0] == 0xD8 && (p[1] == 0x8C || p[1] == 0x9B || p[1] == 0x9F))
		return 1;  /* Arabic comma, semicolon, question mark */
	return 0;
}

/* Appends the lower-cased alphanumerics of s, one hyphen for each run of
 * anything else; apostrophes vanish ("l'ete" gives "lete"). */
static void put_ascii(char *out, size_t *len, const char *s, size_t n)
{
	for (size_t i = 0; i < n && *len < 4 * FOLIO_SLUG_MAX; i++) {
		int c = (unsigned char)s[i];
		if (c == '\'')
			continue;
		if (alnum(c))
			out[(*len)++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		else if (*len > 0 && out[*len - 1] != '-')
			out[(*len)++] = '-';
	}
}

/* Transliterates and filters; returns the number of letters and digits of
 * the title that gave nothing (*total counts them all). */
static size_t slugify(const char *title, char *out, size_t *len, size_t *total)
{
	const unsigned char *p = (const unsigned char *)title;
	size_t n = strlen(title), lost = 0;
	iconv_t cd = (iconv_t)-1;
	locale_t old = (locale_t)0;

	*len = *total = 0;
	pthread_once(&locale_once, make_locale);
	if (translit_locale != (locale_t)0)
		old = uselocale(translit_locale);
	cd = iconv_open("ASCII//TRANSLIT", "UTF-8");
	for (size_t i = 0; i < n;) {
		size_t k = utf8_len(p[i]);
		if (i + k > n)
			k = n - i;
		int sep = punct_or_space(p + i, k);
		*total += !sep;
		if (k == 1) {
			put_ascii(out, len, (const char *)p + i, 1);
		} else {
			char buf[16], *in = (char *)p + i, *o = buf;
			size_t il = k, ol = sizeof buf;
			int ok = cd != (iconv_t)-1 && iconv(cd, &in, &il, &o, &ol) != (size_t)-1;
			size_t got = (size_t)(o - buf), good = 0;
			for (size_t j = 0; ok && j < got; j++)
				good += alnum((unsigned char)buf[j]);
			if (ok && good > 0)
				put_ascii(out, len, buf, got);
			else if (ok && got > 0 && buf[0] != '?')
				put_ascii(out, len, buf, got);  /* punctuation: a separator */
			else
				put_ascii(out, len, "-", 1), lost += !sep;
			if (cd != (iconv_t)-1)
				iconv(cd, NULL, NULL, NULL, NULL);
		}
		i += k;
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	if (translit_locale != (locale_t)0)
		uselocale(old);
	while (*len > 0 && out[*len - 1] == '-')
		(*len)--;
	if (*len > FOLIO_SLUG_MAX) {
		size_t cut = FOLIO_SLUG_MAX;
		while (cut > FOLIO_SLUG_MAX / 2 && out[cut] != '-')
			cut--;
		*len = out[cut] == '-' ? cut : FOLIO_SLUG_MAX;
	}
	out[*len] = '\0';
	return lost;
}

static int reserved(const char *s)
{
	static const char *const names[] = {"con", "prn", "aux", "nul"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i]) == 0)
			return 1;
	return (strncmp(s, "com", 3) == 0 || strncmp(s, "lpt", 3) == 0) && s[3] >= '1' && s[3] <= '9' &&
	       s[4] == '\0';
}

static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

char *folio_slug_make(const char *title, const char *id)
{
	char out[4 * FOLIO_SLUG_MAX + 8];
	size_t len, total;
	if (title == NULL)
		title = "";
	size_t lost = slugify(title, out, &len, &total);
	if (len == 0 || 2 * lost > total) {
		if (id != NULL)
			slugify(id, out, &len, &total);
		if (id == NULL || len == 0)
			len = (size_t)snprintf(out, sizeof out, "s-%08x", (unsigned)fnv1a(title));
	}
	if (reserved(out))
		strcpy(out + len, "-0");
	return folio_xstrdup(out);
}

void folio_slug_init(struct folio_slugs *s)
{
	s->slot = NULL;
	s->n = s->cap = 0;
}

static char **find(struct folio_slugs *s, const char *slug)
{
	size_t i = fnv1a(slug) & (s->cap - 1);
	while (s->slot[i] != NULL && strcmp(s->slot[i], slug) != 0)
		i = (i + 1) & (s->cap - 1);
	return &s->slot[i];
}

static void grow(struct folio_slugs *s)
{
	struct folio_slugs bigger = {folio_xcalloc(s->cap ? 2 * s->cap : 64, sizeof(char *)), s->n,
				     s->cap ? 2 * s->cap : 64};
	for (size_t i = 0; i < s->cap; i++)
		if (s->slot[i] != NULL)
			*find(&bigger, s->slot[i]) = s->slot[i];
	free(s->slot);
	*s = bigger;
}

const char *folio_slug_unique(struct folio_slugs *s, const char *slug)
{
	char cand[FOLIO_SLUG_MAX + 16];
	if (2 * (s->n + 1) > s->cap)
		grow(s);
	snprintf(cand, sizeof cand, "%s", slug);
	for (unsigned k = 2; *find(s, cand) != NULL; k++) {
		char suffix[16];
		int sl = snprintf(suffix, sizeof suffix, "-%u", k);
		size_t base = strlen(slug);
		if (base + (size_t)sl > FOLIO_SLUG_MAX)
			base = FOLIO_SLUG_MAX - (size_t)sl;
		snprintf(cand, sizeof cand, "%.*s%s", (int)base, slug, suffix);
	}
	char **slot = find(s, cand);
	*slot = folio_xstrdup(cand);
	s->n++;
	return *slot;
}

void folio_slug_free(struct folio_slugs *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->cap; i++)
		free(s->slot[i]);
	free(s->slot);
	s->slot = NULL;
	s->n = s->cap = 0;
}
