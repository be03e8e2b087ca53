/* encconv.c — text to UTF-8 without losing a byte, and the XML declaration
 * made to say so.
 *
 * Conversion goes through iconv without //TRANSLIT or //IGNORE, so nothing
 * is ever replaced: every sequence iconv refuses is reported with its line
 * and column (counted in the text converted so far, which has the same
 * lines as the input) and its bytes, then skipped only to find the next
 * one.  UTF-8 input is validated here instead, for exact messages.  The
 * declaration is edited in place: only the encoding's value changes, or is
 * added after the version, so quotes, spacing and other pseudo-attributes
 * stay as the author wrote them. */
#include "encoding.h"
#include "buf.h"
#include "encint.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MAX_REPORTS 10

/* The code unit of an encoding: how far to step past a bad sequence. */
static size_t unit_of(const char *from)
{
	if (strncasecmp(from, "UTF", 3) != 0 && strncasecmp(from, "UCS", 3) != 0)
		return 1;
	if (strstr(from, "32") != NULL || strncasecmp(from, "UCS-4", 5) == 0)
		return 4;
	if (strstr(from, "16") != NULL || strncasecmp(from, "UCS-2", 5) == 0)
		return 2;
	return 1;
}

struct conv {
	const char *file, *label;
	struct folio_diags *d;
	struct enc_pos pos;     /* in the output, for line and column */
	size_t nbad;
};

static void report(struct conv *c, const struct folio_buf *out, const unsigned char *p,
		   size_t off, size_t len, size_t avail, int truncated)
{
	if (++c->nbad > MAX_REPORTS)
		return;
	char bytes[64] = "";
	size_t k = 0, shown = len < avail ? len : avail;
	for (size_t i = 0; i < shown && i < 8; i++)
		k += (size_t)snprintf(bytes + k, sizeof bytes - k, "%s0x%02X", i ? " " : "", p[off + i]);
	enc_advance(&c->pos, (const unsigned char *)out->data, out->len);
	if (truncated)
		folio_diag(c->d, FOLIO_R_ENC_UNCONVERTIBLE, c->file, c->pos.line, c->pos.col,
			   "the file ends in the middle of a %s character (byte%s %s at offset %zu)",
			   c->label, shown == 1 ? "" : "s", bytes, off);
	else
		folio_diag(c->d, FOLIO_R_ENC_UNCONVERTIBLE, c->file, c->pos.line, c->pos.col,
			   "byte%s %s at offset %zu %s not valid %s; nothing was converted",
			   shown == 1 ? "" : "s", bytes, off, shown == 1 ? "is" : "are", c->label);
}

static void utf8_copy(struct conv *c, const unsigned char *p, size_t n, struct folio_buf *out)
{
	size_t i = 0, badlen;
	while (i < n) {
		size_t bad = i + folio_encoding_utf8_invalid(p + i, n - i, &badlen);
		folio_buf_append(out, (const char *)p + i, bad - i);
		if (bad == n)
			break;
		report(c, out, p, bad, badlen, n - bad, bad + badlen >= n && p[bad] >= 0xC2 && p[bad] <= 0xF4);
		i = bad + badlen;
	}
}

static int iconv_copy(struct conv *c, const char *from, const unsigned char *p, size_t n,
		      struct folio_buf *out)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return -1;
	size_t unit = unit_of(from);
	char chunk[16384];
	char *in = (char *)p;
	size_t left = n;
	while (left > 0) {
		char *o = chunk;
		size_t room = sizeof chunk;
		size_t r = iconv(cd, &in, &left, &o, &room);
		folio_buf_append(out, chunk, (size_t)(o - chunk));
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		size_t off = (size_t)((const unsigned char *)in - p);
		if (errno == EINVAL) {
			report(c, out, p, off, left, left, 1);
			break;
		}
		size_t skip = unit < left ? unit : left;
		report(c, out, p, off, unit == 1 ? 1 : unit * 2, left, 0);
		in += skip;
		left -= skip;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	char *o = chunk;
	size_t room = sizeof chunk;
	iconv(cd, NULL, NULL, &o, &room);
	folio_buf_append(out, chunk, (size_t)(o - chunk));
	iconv_close(cd);
	return 0;
}

int folio_encoding_to_utf8(const char *file, const char *from, const unsigned char *p,
			   size_t n, struct folio_diags *d, char **out, size_t *outlen)
{
	struct folio_buf b = FOLIO_BUF_INIT;
	struct conv c = {file, folio_encoding_label(from), d, {0, 1, 1}, 0};
	*out = NULL;
	*outlen = 0;
	if (strcasecmp(from, "UTF-8") == 0 || strcasecmp(from, "UTF8") == 0)
		utf8_copy(&c, p, n, &b);
	else if (iconv_copy(&c, from, p, n, &b) != 0)
		return -1;
	if (c.nbad > MAX_REPORTS)
		folio_diag(d, FOLIO_R_ENC_UNCONVERTIBLE, file, 0, 0,
			   "%zu more sequences are not valid %s", c.nbad - MAX_REPORTS, c.label);
	if (c.nbad > 0) {
		folio_buf_free(&b);
		return 1;
	}
	folio_buf_append(&b, "", 0);
	*outlen = b.len;
	*out = folio_buf_take(&b);
	return 0;
}

/* ---- The XML declaration ------------------------------------------------ */

/* The value of pseudo-attribute `name` in decl[0..end): its offsets. */
static int pseudo_attr(const char *s, size_t end, const char *name, size_t *vs, size_t *ve)
{
	size_t nl = strlen(name);
	for (size_t i = 5; i + nl < end; i++) {
		if (strncmp(s + i, name, nl) != 0 || !enc_is_space(s[i - 1]))
			continue;
		size_t j = i + nl;
		while (j < end && enc_is_space(s[j]))
			j++;
		if (j >= end || s[j] != '=')
			continue;
		j++;
		while (j < end && enc_is_space(s[j]))
			j++;
		if (j >= end || (s[j] != '"' && s[j] != '\''))
			return 0;
		const char *q = memchr(s + j + 1, s[j], end - j - 1);
		if (q == NULL)
			return 0;
		*vs = j + 1;
		*ve = (size_t)(q - s);
		return 1;
	}
	return 0;
}

char *folio_encoding_declare(const char *s, size_t n, size_t *outlen)
{
	struct folio_buf b = FOLIO_BUF_INIT;
	size_t vs, ve;
	const char *close = NULL;
	if (n >= 6 && memcmp(s, "<?xml", 5) == 0 && enc_is_space(s[5]))
		for (size_t i = 5; i + 1 < n && close == NULL; i++)
			if (s[i] == '?' && s[i + 1] == '>')
				close = s + i;
	if (close != NULL) {
		size_t end = (size_t)(close - s);
		if (pseudo_attr(s, end, "encoding", &vs, &ve)) {
			folio_buf_append(&b, s, vs);
			folio_buf_puts(&b, "UTF-8");
			folio_buf_append(&b, s + ve, n - ve);
		} else if (pseudo_attr(s, end, "version", &vs, &ve)) {
			folio_buf_append(&b, s, ve + 1);
			folio_buf_printf(&b, " encoding=%cUTF-8%c", s[ve], s[ve]);
			folio_buf_append(&b, s + ve + 1, n - ve - 1);
		} else {
			folio_buf_append(&b, s, 5);
			folio_buf_puts(&b, " encoding=\"UTF-8\"");
			folio_buf_append(&b, s + 5, n - 5);
		}
	} else {
		size_t i = 0;
		while (i < n && enc_is_space(s[i]))
			i++;
		if (i < n && s[i] == '<') {
			const char *nl = memchr(s, '\n', n);
			folio_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
			folio_buf_puts(&b, nl && nl > s && nl[-1] == '\r' ? "\r\n" : "\n");
		}
		folio_buf_append(&b, s, n);
	}
	folio_buf_append(&b, "", 0);
	*outlen = b.len;
	return folio_buf_take(&b);
}
