/* encint.h — private to the encoding module (encoding.c, encguess.c,
 * mojibake.c): decoding UTF-8 one code point at a time and keeping a line
 * and column while walking a text.  Not for other modules. */
#ifndef FOLIO_ENCINT_H
#define FOLIO_ENCINT_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (len >= 1) into *cp and returns its length.
 * Text handled here has been produced by iconv or checked first, so a broken
 * sequence only needs to be survived: U+FFFD, length 1. */
static inline size_t enc_next(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned c = s[0];
	size_t n = c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
	if (n == 1) {
		*cp = c;
		return 1;
	}
	if (n == 0 || n > len)
		goto bad;
	uint32_t v = c & (0x7Fu >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad;
		v = (v << 6) | (s[i] & 0x3F);
	}
	*cp = v;
	return n;
bad:
	*cp = 0xFFFD;
	return 1;
}

static inline int enc_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A position in UTF-8 text, advanced forwards only. */
struct enc_pos {
	size_t off;             /* bytes walked */
	int line, col;          /* of the byte at off, 1-based; col in characters */
};

static inline void enc_advance(struct enc_pos *p, const unsigned char *s, size_t to)
{
	while (p->off < to) {
		unsigned c = s[p->off++];
		if (c == '\n') {
			p->line++;
			p->col = 1;
		} else if ((c & 0xC0) != 0x80) {
			p->col++;
		}
	}
}

#endif
