/* mojibake.c — double-encoded UTF-8: finding it and undoing it exactly.
 *
 * When UTF-8 bytes are read as windows-1252 (or ISO-8859-1) and written out
 * again as UTF-8, each character of the original becomes two to four: "é"
 * (C3 A9) becomes "Ã©", "’" (E2 80 99) becomes "â€™".  The reverse is exact
 * when the characters map back to bytes that form one valid UTF-8 sequence;
 * only such findings are repaired.  A sequence cut short (a byte that had no
 * windows-1252 character was lost: "â€" then "?") and U+FFFD replacement
 * characters are reported as unrepairable. */
#include "encoding.h"
#include "buf.h"
#include "encint.h"
#include "xalloc.h"

#include <string.h>

/* The byte a character stands for when UTF-8 was read as windows-1252,
 * with ISO-8859-1's C1 controls for the five bytes windows-1252 leaves
 * undefined; -1 for a character no byte gives. */
static int byte_of(uint32_t c)
{
	static const struct {
		uint16_t cp;
		uint8_t b;
	} cp1252[] = {
		{0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84}, {0x2026, 0x85},
		{0x2020, 0x86}, {0x2021, 0x87}, {0x02C6, 0x88}, {0x2030, 0x89}, {0x0160, 0x8A},
		{0x2039, 0x8B}, {0x0152, 0x8C}, {0x017D, 0x8E}, {0x2018, 0x91}, {0x2019, 0x92},
		{0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95}, {0x2013, 0x96}, {0x2014, 0x97},
		{0x02DC, 0x98}, {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B}, {0x0153, 0x9C},
		{0x017E, 0x9E}, {0x0178, 0x9F},
	};
	if (c >= 0x80 && c <= 0xFF)
		return (int)c;
	for (size_t i = 0; i < sizeof cp1252 / sizeof cp1252[0]; i++)
		if (cp1252[i].cp == c)
			return cp1252[i].b;
	return -1;
}

static void add(struct folio_mojibake **v, size_t *n, size_t *cap, const unsigned char *s,
		size_t off, size_t len, struct enc_pos *pos, const unsigned char *meant, size_t mlen)
{
	*v = folio_xgrow(*v, cap, *n + 1, sizeof **v);
	struct folio_mojibake *m = &(*v)[(*n)++];
	memset(m, 0, sizeof *m);
	enc_advance(pos, s, off);
	m->off = off;
	m->len = len;
	m->line = pos->line;
	m->col = pos->col;
	memcpy(m->seen, s + off, len < sizeof m->seen - 1 ? len : sizeof m->seen - 1);
	if (meant != NULL) {
		m->exact = 1;
		memcpy(m->meant, meant, mlen);
	}
}

size_t folio_encoding_mojibake_find(const char *text, size_t n, struct folio_mojibake **found)
{
	const unsigned char *s = (const unsigned char *)text;
	struct enc_pos pos = {0, 1, 1};
	size_t nf = 0, cap = 0, i = 0;
	*found = NULL;
	while (i < n) {
		uint32_t c;
		size_t l = enc_next(s + i, n - i, &c);
		int b = byte_of(c);
		if (c == 0xFFFD && l == 3) {
			add(found, &nf, &cap, s, i, l, &pos, NULL, 0);
			i += l;
			continue;
		}
		if (b < 0xC2 || b > 0xF4) {
			i += l;
			continue;
		}
		unsigned char bytes[4] = {(unsigned char)b};
		size_t need = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4, k = 1, j = i + l;
		while (k < need && j < n) {
			uint32_t c2;
			size_t l2 = enc_next(s + j, n - j, &c2);
			int b2 = byte_of(c2);
			if (b2 < 0x80 || b2 > 0xBF)
				break;
			bytes[k++] = (unsigned char)b2;
			j += l2;
		}
		size_t badlen;
		if (k == need && folio_encoding_utf8_invalid(bytes, need, &badlen) == need) {
			add(found, &nf, &cap, s, i, j - i, &pos, bytes, need);
			i = j;
		} else if (need >= 3 && k >= 2 && folio_encoding_utf8_invalid(bytes, k, &badlen) + badlen == k) {
			/* A valid beginning cut short: a byte was lost on the way. */
			add(found, &nf, &cap, s, i, j - i, &pos, NULL, 0);
			i = j;
		} else {
			i += l;
		}
	}
	return nf;
}

char *folio_encoding_mojibake_fix(const char *s, size_t n, const struct folio_mojibake *m,
				  size_t nm, size_t *outlen)
{
	struct folio_buf b = FOLIO_BUF_INIT;
	size_t at = 0;
	for (size_t i = 0; i < nm; i++) {
		if (!m[i].exact || m[i].off < at)
			continue;
		folio_buf_append(&b, s + at, m[i].off - at);
		folio_buf_puts(&b, m[i].meant);
		at = m[i].off + m[i].len;
	}
	folio_buf_append(&b, s + at, n - at);
	folio_buf_append(&b, "", 0);
	*outlen = b.len;
	return folio_buf_take(&b);
}
