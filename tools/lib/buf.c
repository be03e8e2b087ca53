/* buf.c — growable byte buffer and the two escapings Folio writes (JSON, XML). */
#include "buf.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void folio_buf_append(struct folio_buf *b, const char *s, size_t n)
{
	b->data = folio_xgrow(b->data, &b->cap, b->len + n + 1, 1);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void folio_buf_puts(struct folio_buf *b, const char *s)
{
	folio_buf_append(b, s, strlen(s));
}

void folio_buf_putc(struct folio_buf *b, char c)
{
	folio_buf_append(b, &c, 1);
}

void folio_buf_printf(struct folio_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	b->data = folio_xgrow(b->data, &b->cap, b->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void folio_buf_json(struct folio_buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': folio_buf_puts(b, "\\\""); break;
		case '\\': folio_buf_puts(b, "\\\\"); break;
		case '\n': folio_buf_puts(b, "\\n"); break;
		case '\r': folio_buf_puts(b, "\\r"); break;
		case '\t': folio_buf_puts(b, "\\t"); break;
		default:
			if (*p < 0x20)
				folio_buf_printf(b, "\\u%04x", *p);
			else
				folio_buf_putc(b, (char)*p);
		}
	}
}

void folio_buf_xml(struct folio_buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '<': folio_buf_puts(b, "&lt;"); break;
		case '>': folio_buf_puts(b, "&gt;"); break;
		case '&': folio_buf_puts(b, "&amp;"); break;
		case '"': folio_buf_puts(b, "&quot;"); break;
		case '\n': folio_buf_puts(b, "&#10;"); break;
		default:
			/* XML 1.0 forbids most control characters even escaped. */
			if (*p < 0x20 && *p != '\t')
				folio_buf_putc(b, ' ');
			else
				folio_buf_putc(b, (char)*p);
		}
	}
}

char *folio_buf_take(struct folio_buf *b)
{
	char *s = b->data ? b->data : folio_xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

void folio_buf_free(struct folio_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
