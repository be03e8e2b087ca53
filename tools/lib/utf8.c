/* utf8.c — decoding, script classes and simple lower-casing of UTF-8 text. */
#include "utf8.h"

size_t folio_utf8_next(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char c = p[0];
	size_t n;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2, v = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3, v = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4, v = c & 0x07, min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (n > len) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = (v << 6) | (p[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = v;
	return n;
}

size_t folio_utf8_put(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t folio_utf8_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* Script ranges, sorted; letters only (marks and punctuation blocks are
 * left out, so that they count as no script). */
static const struct range {
	uint32_t lo, hi;
	enum folio_script script;
} ranges[] = {
	{0x0041, 0x005A, FOLIO_SCRIPT_LATIN},
	{0x0061, 0x007A, FOLIO_SCRIPT_LATIN},
	{0x00AA, 0x00AA, FOLIO_SCRIPT_LATIN},
	{0x00BA, 0x00BA, FOLIO_SCRIPT_LATIN},
	{0x00C0, 0x00D6, FOLIO_SCRIPT_LATIN},
	{0x00D8, 0x00F6, FOLIO_SCRIPT_LATIN},
	{0x00F8, 0x024F, FOLIO_SCRIPT_LATIN},
	{0x0250, 0x02AF, FOLIO_SCRIPT_LATIN},
	{0x0370, 0x03FF, FOLIO_SCRIPT_GREEK},
	{0x0400, 0x052F, FOLIO_SCRIPT_CYRILLIC},
	{0x0531, 0x058F, FOLIO_SCRIPT_ARMENIAN},
	{0x05D0, 0x05F2, FOLIO_SCRIPT_HEBREW},
	{0x0620, 0x064A, FOLIO_SCRIPT_ARABIC},
	{0x066E, 0x06D3, FOLIO_SCRIPT_ARABIC},
	{0x06D5, 0x06D5, FOLIO_SCRIPT_ARABIC},
	{0x06FA, 0x06FF, FOLIO_SCRIPT_ARABIC},
	{0x0750, 0x077F, FOLIO_SCRIPT_ARABIC},
	{0x08A0, 0x08FF, FOLIO_SCRIPT_ARABIC},
	{0x0900, 0x0963, FOLIO_SCRIPT_DEVANAGARI},
	{0x0971, 0x097F, FOLIO_SCRIPT_DEVANAGARI},
	{0x0980, 0x0DFF, FOLIO_SCRIPT_OTHER},
	{0x0E01, 0x0E5B, FOLIO_SCRIPT_THAI},
	{0x0E80, 0x109F, FOLIO_SCRIPT_OTHER},
	{0x10A0, 0x10FF, FOLIO_SCRIPT_OTHER},
	{0x1100, 0x11FF, FOLIO_SCRIPT_HANGUL},
	{0x1200, 0x1FFF, FOLIO_SCRIPT_OTHER},
	{0x1E00, 0x1EFF, FOLIO_SCRIPT_LATIN},
	{0x1F00, 0x1FFF, FOLIO_SCRIPT_GREEK},
	{0x3040, 0x30FF, FOLIO_SCRIPT_KANA},
	{0x3130, 0x318F, FOLIO_SCRIPT_HANGUL},
	{0x3400, 0x4DBF, FOLIO_SCRIPT_HAN},
	{0x4E00, 0x9FFF, FOLIO_SCRIPT_HAN},
	{0xAC00, 0xD7A3, FOLIO_SCRIPT_HANGUL},
	{0xF900, 0xFAFF, FOLIO_SCRIPT_HAN},
	{0xFB50, 0xFDFF, FOLIO_SCRIPT_ARABIC},
	{0xFE70, 0xFEFF, FOLIO_SCRIPT_ARABIC},
	{0xFF21, 0xFF3A, FOLIO_SCRIPT_LATIN},
	{0xFF41, 0xFF5A, FOLIO_SCRIPT_LATIN},
	{0xFF66, 0xFF9D, FOLIO_SCRIPT_KANA},
	{0x20000, 0x2FA1F, FOLIO_SCRIPT_HAN},
};

enum folio_script folio_utf8_script(uint32_t cp)
{
	if (cp < 0x80)
		return ((cp | 32) >= 'a' && (cp | 32) <= 'z') ? FOLIO_SCRIPT_LATIN : FOLIO_SCRIPT_NONE;
	/* Some rows refine a wider one above them (Latin Extended Additional
	 * inside the OTHER stretch): the last matching row wins. */
	enum folio_script found = FOLIO_SCRIPT_NONE;
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		if (cp >= ranges[i].lo && cp <= ranges[i].hi)
			found = ranges[i].script;
	return found;
}

int folio_utf8_is_wordchar(uint32_t cp)
{
	if (folio_utf8_script(cp) != FOLIO_SCRIPT_NONE)
		return 1;
	/* Combining marks: Latin diacritics, Arabic harakat, Hebrew points,
	 * Devanagari vowel signs. */
	return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x064B && cp <= 0x065F) ||
	       cp == 0x0670 || (cp >= 0x0591 && cp <= 0x05C7) ||
	       (cp >= 0x093A && cp <= 0x094F);
}

uint32_t folio_utf8_lower(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp < 0xC0)
		return cp;
	if ((cp >= 0xC0 && cp <= 0xDE) && cp != 0xD7)
		return cp + 32;
	if (cp >= 0x100 && cp <= 0x17F) {
		/* Latin Extended-A pairs capital/small, with an odd stretch
		 * (0x139-0x148, 0x179-0x17E) where capitals are odd. */
		if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
			return (cp & 1) ? cp + 1 : cp;
		if (cp == 0x130 || cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17F)
			return cp == 0x130 ? 'i' : cp;
		return (cp & 1) ? cp : cp + 1;
	}
	if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2)
		return cp + 32;
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	return cp;
}

int folio_utf8_is_upper(uint32_t cp)
{
	return folio_utf8_lower(cp) != cp;
}

int folio_utf8_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
	       cp == 0x205F || cp == 0x3000;
}
