/* xalloc.h — allocation that cannot fail.
 *
 * The only place in libfolio allowed to end the process: on out-of-memory it
 * says so on stderr and exits 2.  Every module may include it. */
#ifndef FOLIO_XALLOC_H
#define FOLIO_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *folio_xmalloc(size_t n);
void *folio_xcalloc(size_t n, size_t size);
void *folio_xrealloc(void *p, size_t n);
/* Grows an array of `*cap` elements of `size` bytes so that it holds at least
 * `need`; returns the (possibly moved) array. */
void *folio_xgrow(void *p, size_t *cap, size_t need, size_t size);
char *folio_xstrdup(const char *s);
char *folio_xstrndup(const char *s, size_t n);
/* printf into a fresh string; the caller frees. */
char *folio_xasprintf(const char *fmt, ...)
  __attribute__((format(printf, 1, 2)));
/* The same from a va_list, which the caller still ends with va_end. */
char *folio_xvasprintf(const char *fmt, va_list ap)
  __attribute__((format(printf, 1, 0)));

#endif
