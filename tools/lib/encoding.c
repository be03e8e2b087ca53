/* encoding.c — encoding names, detection up to the guess, and
 * folio-recode's pipeline for one buffer.
 *
 * Detection trusts, in this order: a byte-order mark, the UTF-16/32 byte
 * patterns of "<?xml" (XML 1.0 appendix F), the XML declaration, UTF-8
 * validity; only then does it guess (encguess.c).  A declaration that the
 * bytes contradict is not followed but reported (a Latin-1 file that says
 * UTF-8 is the commonest case).  The pipeline joins detection, conversion
 * (encconv.c), mojibake (mojibake.c) and the declaration, and says what it
 * did in enc-… records. */
#include "encoding.h"
#include "encint.h"
#include "xalloc.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct alias {
	const char *name, *iconv, *label;
} aliases[] = {
	{"utf-8", "UTF-8", "UTF-8"}, {"utf8", "UTF-8", "UTF-8"},
	{"utf-16", "UTF-16", "UTF-16"}, {"utf-16le", "UTF-16LE", "UTF-16LE"},
	{"utf-16be", "UTF-16BE", "UTF-16BE"}, {"utf-32", "UTF-32", "UTF-32"},
	{"utf-32le", "UTF-32LE", "UTF-32LE"}, {"utf-32be", "UTF-32BE", "UTF-32BE"},
	{"windows-1252", "WINDOWS-1252", "windows-1252"}, {"cp1252", "WINDOWS-1252", "windows-1252"},
	{"iso-8859-1", "ISO-8859-1", "ISO-8859-1"}, {"latin1", "ISO-8859-1", "ISO-8859-1"},
	{"latin-1", "ISO-8859-1", "ISO-8859-1"}, {"iso8859-1", "ISO-8859-1", "ISO-8859-1"},
	{"iso_8859-1", "ISO-8859-1", "ISO-8859-1"}, {"iso-8859-15", "ISO-8859-15", "ISO-8859-15"},
	{"latin9", "ISO-8859-15", "ISO-8859-15"}, {"macroman", "MACINTOSH", "MacRoman"},
	{"mac-roman", "MACINTOSH", "MacRoman"}, {"x-mac-roman", "MACINTOSH", "MacRoman"},
	{"macintosh", "MACINTOSH", "MacRoman"}, {"windows-1250", "WINDOWS-1250", "windows-1250"},
	{"cp1250", "WINDOWS-1250", "windows-1250"}, {"windows-1251", "WINDOWS-1251", "windows-1251"},
	{"cp1251", "WINDOWS-1251", "windows-1251"}, {"windows-1256", "WINDOWS-1256", "windows-1256"},
	{"cp1256", "WINDOWS-1256", "windows-1256"}, {"iso-8859-6", "ISO-8859-6", "ISO-8859-6"},
	{"us-ascii", "ASCII", "US-ASCII"}, {"ascii", "ASCII", "US-ASCII"},
};

const char *folio_encoding_resolve(const char *name)
{
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcasecmp(name, aliases[i].name) == 0)
			return aliases[i].iconv;
	if (strchr(name, '/') != NULL)  /* no //TRANSLIT or //IGNORE through the back door */
		return NULL;
	iconv_t cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return NULL;
	iconv_close(cd);
	return name;
}

const char *folio_encoding_label(const char *iconv_name)
{
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcasecmp(iconv_name, aliases[i].iconv) == 0)
			return aliases[i].label;
	return iconv_name;
}

static void set_enc(struct folio_enc_detection *det, const char *iconv_name,
		    enum folio_enc_source src)
{
	snprintf(det->iconv_name, sizeof det->iconv_name, "%s", iconv_name);
	snprintf(det->label, sizeof det->label, "%s", folio_encoding_label(iconv_name));
	det->source = src;
	det->confidence = 1.0;
}

size_t folio_encoding_utf8_invalid(const unsigned char *s, size_t n, size_t *badlen)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
			   : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
		/* The second byte's range excludes overlongs, surrogates and > U+10FFFF. */
		unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
		unsigned hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
		size_t k = 1;
		if (len != 0 && k < len && i + k < n && s[i + k] >= lo && s[i + k] <= hi)
			for (k = 2; k < len && i + k < n && (s[i + k] & 0xC0) == 0x80; k++)
				;
		if (len == 0 || k < len) {
			*badlen = k;
			return i;
		}
		i += len;
	}
	*badlen = 0;
	return n;
}

static int is_utf8_name(const char *s)
{
	return strcasecmp(s, "UTF-8") == 0 || strcasecmp(s, "UTF8") == 0;
}

static int is_wide_name(const char *s)
{
	return strncasecmp(s, "UTF-16", 6) == 0 || strncasecmp(s, "UTF-32", 6) == 0 ||
	       strncasecmp(s, "UCS-", 4) == 0 || strncasecmp(s, "UTF16", 5) == 0 ||
	       strncasecmp(s, "UTF32", 5) == 0;
}

/* The encoding="…" of an XML declaration in an ASCII-compatible encoding. */
static void read_declared(const unsigned char *p, size_t n, char *out, size_t outlen)
{
	out[0] = '\0';
	if (n < 6 || memcmp(p, "<?xml", 5) != 0 || !enc_is_space(p[5]))
		return;
	size_t end = 5;
	while (end + 1 < n && end < 512 && !(p[end] == '?' && p[end + 1] == '>'))
		end++;
	for (size_t i = 5; i + 8 < end; i++) {
		if (memcmp(p + i, "encoding", 8) != 0 || !enc_is_space(p[i - 1]))
			continue;
		size_t j = i + 8;
		while (j < end && enc_is_space(p[j]))
			j++;
		if (j >= end || p[j++] != '=')
			return;
		while (j < end && enc_is_space(p[j]))
			j++;
		if (j >= end || (p[j] != '"' && p[j] != '\''))
			return;
		unsigned char q = p[j++];
		size_t k = j;
		while (k < end && p[k] != q && k - j + 1 < outlen)
			k++;
		if (k < end && p[k] == q) {
			memcpy(out, p + j, k - j);
			out[k - j] = '\0';
		}
		return;
	}
}

static int find_bom(const unsigned char *p, size_t n, struct folio_enc_detection *det)
{
	static const struct {
		const char *bytes;
		size_t len;
		const char *enc;
	} boms[] = {  /* UTF-32LE before UTF-16LE: FF FE 00 00 starts with FF FE */
		{"\x00\x00\xFE\xFF", 4, "UTF-32BE"}, {"\xFF\xFE\x00\x00", 4, "UTF-32LE"},
		{"\xEF\xBB\xBF", 3, "UTF-8"}, {"\xFE\xFF", 2, "UTF-16BE"}, {"\xFF\xFE", 2, "UTF-16LE"},
	};
	for (size_t i = 0; i < sizeof boms / sizeof boms[0]; i++)
		if (n >= boms[i].len && memcmp(p, boms[i].bytes, boms[i].len) == 0) {
			set_enc(det, boms[i].enc, FOLIO_ENC_BOM);
			det->bom = boms[i].len;
			return 1;
		}
	return 0;
}

static int find_pattern(const unsigned char *p, size_t n, struct folio_enc_detection *det)
{
	static const struct {
		const char *bytes;
		const char *enc;
	} pats[] = {
		{"\x3C\x00\x00\x00", "UTF-32LE"}, {"\x00\x00\x00\x3C", "UTF-32BE"},
		{"\x3C\x00\x3F\x00", "UTF-16LE"}, {"\x00\x3C\x00\x3F", "UTF-16BE"},
	};
	if (n < 4)
		return 0;
	for (size_t i = 0; i < sizeof pats / sizeof pats[0]; i++)
		if (memcmp(p, pats[i].bytes, 4) == 0) {
			set_enc(det, pats[i].enc, FOLIO_ENC_PATTERN);
			snprintf(det->why, sizeof det->why, "no byte-order mark; the bytes of \"<?xml\" are %s's",
				 det->label);
			return 1;
		}
	/* Text in UTF-16 without a mark: ASCII characters leave a NUL on one side. */
	size_t lim = n < 8192 ? n : 8192, even = 0, odd = 0;
	for (size_t i = 0; i + 1 < lim; i += 2) {
		even += p[i] == 0;
		odd += p[i + 1] == 0;
	}
	size_t pairs = lim / 2;
	if (pairs >= 2 && (odd * 2 > pairs || even * 2 > pairs) && (odd == 0 || even == 0 ||
								    odd > 8 * even || even > 8 * odd)) {
		set_enc(det, odd > even ? "UTF-16LE" : "UTF-16BE", FOLIO_ENC_PATTERN);
		snprintf(det->why, sizeof det->why, "no byte-order mark; NUL bytes at %s offsets",
			 odd > even ? "odd" : "even");
		return 1;
	}
	return 0;
}

int folio_encoding_detect(const unsigned char *p, size_t n, struct folio_enc_detection *det)
{
	size_t badlen;
	memset(det, 0, sizeof *det);
	if (find_bom(p, n, det)) {
		if (det->bom == 3)
			read_declared(p + 3, n - 3, det->declared, sizeof det->declared);
		if (det->declared[0] && !is_utf8_name(det->declared))
			snprintf(det->conflict, sizeof det->conflict,
				 "the XML declaration says %s, but the byte-order mark says UTF-8",
				 det->declared);
		return 0;
	}
	if (find_pattern(p, n, det))
		return 0;
	read_declared(p, n, det->declared, sizeof det->declared);
	size_t bad = folio_encoding_utf8_invalid(p, n, &badlen);
	int ascii = 1;
	for (size_t i = 0; i < n && ascii; i++)
		ascii = p[i] < 0x80;
	const char *decl = det->declared[0] ? folio_encoding_resolve(det->declared) : NULL;

	if (decl != NULL && is_utf8_name(decl) && bad == n) {
		set_enc(det, "UTF-8", FOLIO_ENC_DECLARED);
		return 0;
	}
	if (decl != NULL && !is_utf8_name(decl) && !is_wide_name(decl) && !(bad == n && !ascii)) {
		int c1 = 0;
		for (size_t i = 0; i < n && !c1; i++)
			c1 = p[i] >= 0x80 && p[i] <= 0x9F;
		if (strcmp(decl, "ISO-8859-1") == 0 && c1) {
			/* As browsers do: "ISO-8859-1" with bytes 0x80–0x9F is windows-1252. */
			set_enc(det, "WINDOWS-1252", FOLIO_ENC_DECLARED);
			snprintf(det->conflict, sizeof det->conflict,
				 "the XML declaration says %s, but bytes 0x80-0x9F are windows-1252's "
				 "quotes and dashes, not control characters", det->declared);
			return 0;
		}
		if (strcmp(decl, "ASCII") != 0 || ascii) {
			set_enc(det, decl, FOLIO_ENC_DECLARED);
			return 0;
		}
	}
	if (bad == n) {
		set_enc(det, "UTF-8", FOLIO_ENC_UTF8);
		snprintf(det->why, sizeof det->why, ascii ? "plain ASCII" : "the bytes are valid UTF-8");
		if (det->declared[0] && !is_utf8_name(det->declared) &&
		    (!ascii || decl == NULL || is_wide_name(decl)))
			snprintf(det->conflict, sizeof det->conflict,
				 "the XML declaration says %s, but the bytes are %s", det->declared,
				 ascii ? "plain ASCII" : "valid UTF-8");
		return 0;
	}
	if (det->declared[0])
		snprintf(det->conflict, sizeof det->conflict,
			 "the XML declaration says %s, but the bytes are not %s (byte 0x%02X at offset %zu)",
			 det->declared, decl ? decl : "an encoding iconv knows", p[bad], bad);
	char declared[sizeof det->declared], conflict[sizeof det->conflict];
	memcpy(declared, det->declared, sizeof declared);
	memcpy(conflict, det->conflict, sizeof conflict);
	int rc = folio_encoding_guess(p, n, det);
	memcpy(det->declared, declared, sizeof declared);
	memcpy(det->conflict, conflict, sizeof conflict);
	return rc;
}

/* ---- folio-recode's pipeline -------------------------------------------- */

static void given(const unsigned char *p, size_t n, const char *from,
		  struct folio_enc_detection *det)
{
	memset(det, 0, sizeof *det);
	set_enc(det, from, FOLIO_ENC_GIVEN);
	snprintf(det->why, sizeof det->why, "--from");
	struct folio_enc_detection bom;
	memset(&bom, 0, sizeof bom);
	/* A mark of the very encoding named is skipped (a generic "UTF-16"
	 * leaves it to iconv, which reads it for the byte order). */
	if (find_bom(p, n, &bom) && strcasecmp(bom.iconv_name, from) == 0)
		det->bom = bom.bom;
}

static void say_how(const char *file, const struct folio_enc_detection *det, struct folio_diags *d)
{
	if (det->source == FOLIO_ENC_GUESSED)
		folio_diag(d, FOLIO_R_ENC_DETECTED, file, 0, 0, "read as %s (guessed, confidence %.2f%s%s)",
			   det->label, det->confidence, det->same[0] ? "; the same text in " : "", det->same);
	else if (det->source == FOLIO_ENC_BOM)
		folio_diag(d, FOLIO_R_ENC_DETECTED, file, 0, 0, "read as %s (byte-order mark)", det->label);
	else if (det->source == FOLIO_ENC_DECLARED)
		folio_diag(d, FOLIO_R_ENC_DETECTED, file, 0, 0, "read as %s (the XML declaration)", det->label);
	else
		folio_diag(d, FOLIO_R_ENC_DETECTED, file, 0, 0, "read as %s (%s)", det->label, det->why);
}

static void say_mojibake(const char *file, const struct folio_mojibake *m, int fix,
			 struct folio_diags *d)
{
	if (m->exact && fix)
		folio_diag(d, FOLIO_R_ENC_MOJIBAKE_FIXED, file, m->line, m->col,
			   "repaired double-encoded '%s' to '%s'", m->seen, m->meant);
	else if (m->exact)
		folio_diag(d, FOLIO_R_ENC_MOJIBAKE, file, m->line, m->col,
			   "'%s' is double-encoded UTF-8 for '%s' (--fix-mojibake repairs it)",
			   m->seen, m->meant);
	else if (strcmp(m->seen, "\xEF\xBF\xBD") == 0)
		folio_diag(d, FOLIO_R_ENC_MOJIBAKE, file, m->line, m->col,
			   "a replacement character U+FFFD: a character was lost before this "
			   "file was saved, and cannot be recovered");
	else
		folio_diag(d, FOLIO_R_ENC_MOJIBAKE, file, m->line, m->col,
			   "'%s' looks like double-encoded UTF-8 with a byte lost; it cannot be "
			   "repaired exactly", m->seen);
}

int folio_encoding_recode(const char *file, const unsigned char *p, size_t n,
			  const struct folio_recode_opts *o, struct folio_diags *d,
			  struct folio_recoded *r)
{
	struct folio_mojibake *m = NULL;
	char *text = NULL, *tmp;
	size_t len = 0, nm = 0;
	int rc = 1;

	memset(r, 0, sizeof *r);
	if (o->from) {
		given(p, n, o->from, &r->det);
	} else if (folio_encoding_detect(p, n, &r->det) != 0) {
		folio_diag(d, FOLIO_R_ENC_GUESS, file, 0, 0, "cannot tell the encoding: %s; give it with --from",
			   r->det.why);
		goto out;
	}
	if (r->det.conflict[0])
		folio_diag(d, FOLIO_R_ENC_DECLARATION, file, 1, 1, "%s; read as %s", r->det.conflict,
			   r->det.label);
	int conv = folio_encoding_to_utf8(file, r->det.iconv_name, p + r->det.bom, n - r->det.bom,
					  d, &text, &len);
	if (conv < 0)
		folio_diag(d, FOLIO_R_ENC_UNCONVERTIBLE, file, 0, 0, "iconv cannot convert from %s",
			   r->det.label);
	if (conv != 0)
		goto out;
	say_how(file, &r->det, d);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		memmove(text, text + 3, len - 2);
		len -= 3;
	}
	nm = folio_encoding_mojibake_find(text, len, &m);
	for (size_t i = 0; i < nm; i++) {
		say_mojibake(file, &m[i], o->fix_mojibake, d);
		r->mojibake += m[i].exact;
		r->fixed += m[i].exact && o->fix_mojibake;
	}
	if (r->fixed > 0) {
		tmp = folio_encoding_mojibake_fix(text, len, m, nm, &len);
		free(text);
		text = tmp;
	}
	if (o->declaration) {
		tmp = folio_encoding_declare(text, len, &len);
		free(text);
		text = tmp;
	}
	r->changed = len != n || memcmp(text, p, n) != 0;
	r->text = text;
	r->len = len;
	text = NULL;
	rc = 0;
out:
	free(m);
	free(text);
	return rc;
}

void folio_recoded_free(struct folio_recoded *r)
{
	if (r == NULL)
		return;
	free(r->text);
	r->text = NULL;
}
