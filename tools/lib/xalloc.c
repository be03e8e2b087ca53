/* xalloc.c — allocation wrappers: the single out-of-memory exit of libfolio. */
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *oom(void)
{
	fputs("folio: out of memory\n", stderr);
	exit(2);
}

void *folio_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	return p ? p : oom();
}

void *folio_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	return p ? p : oom();
}

void *folio_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	return q ? q : oom();
}

void *folio_xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap;
	if (need <= c)
		return p;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > ((size_t)-1) / 2 / size)
			return oom();
		c *= 2;
	}
	*cap = c;
	return folio_xrealloc(p, c * size);
}

char *folio_xstrdup(const char *s)
{
	return folio_xstrndup(s, strlen(s));
}

char *folio_xstrndup(const char *s, size_t n)
{
	char *d = folio_xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *folio_xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = folio_xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

char *folio_xvasprintf(const char *fmt, va_list ap)
{
	/* Measured on a copy: `ap` is read again to print. */
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return folio_xstrdup("");
	char *s = folio_xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}
