/* buf.h — a growable byte buffer, always NUL-terminated.
 *
 * Used by the printers (JSON, JUnit) and by anything that builds text.
 * Helpers only: includes nothing of libfolio but xalloc. */
#ifndef FOLIO_BUF_H
#define FOLIO_BUF_H

#include <stddef.h>

struct folio_buf {
	char *data;     /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
};

#define FOLIO_BUF_INIT {NULL, 0, 0}

void folio_buf_append(struct folio_buf *b, const char *s, size_t n);
void folio_buf_puts(struct folio_buf *b, const char *s);
void folio_buf_putc(struct folio_buf *b, char c);
void folio_buf_printf(struct folio_buf *b, const char *fmt, ...)
  __attribute__((format(printf, 2, 3)));
/* Appends s as the inside of a JSON string (no quotes added). */
void folio_buf_json(struct folio_buf *b, const char *s);
/* Appends s escaped for XML text and attribute values. */
void folio_buf_xml(struct folio_buf *b, const char *s);
/* Gives the text to the caller (who frees it) and empties the buffer. */
char *folio_buf_take(struct folio_buf *b);
void folio_buf_free(struct folio_buf *b);

#endif
