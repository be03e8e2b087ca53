/* fuzz_encoding.c — folio-recode's work on one file's bytes (encoding.h):
 * detection (byte-order marks, UTF-16/32 patterns, the XML declaration, the
 * scored 8-bit guess), conversion to UTF-8 from the detected encoding or
 * from one the first byte names, the XML declaration rewritten, and
 * double-encoded UTF-8 found and repaired. */
#include "diag.h"
#include "encoding.h"
#include "fuzzutil.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Encodings a user may name with --from. */
static const char *const from[] = {
	NULL, "utf-8", "latin1", "cp1252", "macroman", "utf-16le", "utf-16be",
	"utf-32", "iso-8859-6", "cp1256", "cp1251", "cp1250", "iso-8859-15"};

/* glibc unloads an iconv module when its last descriptor closes, and the
 * guess opens eight of them per call: keeping one descriptor of each open
 * for the whole run spares a dlopen per call (ten times the speed). */
static const char *const pinned[] = {
	"WINDOWS-1252", "ISO-8859-15", "ISO-8859-1", "MACINTOSH", "WINDOWS-1250",
	"WINDOWS-1251", "WINDOWS-1256", "ISO-8859-6", "UTF-16LE", "UTF-16BE", "UTF-32"};
static iconv_t pins[2 * sizeof pinned / sizeof pinned[0]];

static void unpin(void)
{
	for (size_t i = 0; i < sizeof pins / sizeof pins[0]; i++)
		if (pins[i] != (iconv_t)-1)
			iconv_close(pins[i]);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	for (size_t i = 0; i < sizeof pinned / sizeof pinned[0]; i++) {
		pins[2 * i] = iconv_open("UTF-32LE", pinned[i]);
		pins[2 * i + 1] = iconv_open("UTF-8", pinned[i]);
	}
	atexit(unpin);
	return 0;
}

static void recode(const uint8_t *p, size_t n, const char *enc, int fix, int decl)
{
	struct folio_recode_opts o = {enc, fix, decl};
	struct folio_recoded r;
	struct folio_diags d;

	memset(&r, 0, sizeof r);
	folio_diags_init(&d);
	if (folio_encoding_recode("in.xml", p, n, &o, &d, &r) == 0 && r.text == NULL)
		abort();
	folio_recoded_free(&r);
	folio_diags_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct folio_enc_detection det;
	struct folio_diags d;
	char *out = NULL;
	size_t outlen = 0, bad;

	if (size == 0)
		return 0;
	unsigned sel = data[0];
	const uint8_t *p = data + 1;
	size_t n = size - 1;
	const char *enc = from[sel % (sizeof from / sizeof from[0])];
	if (enc != NULL && (enc = folio_encoding_resolve(enc)) == NULL)
		abort();  /* every name above is one iconv knows */

	/* Detection (and the guess, for bytes that are not UTF-8) as
	 * folio-recode does it, then the given encoding. */
	recode(p, n, NULL, 1, 1);
	if (enc != NULL)
		recode(p, n, enc, sel & 0x80, sel & 0x40);

	/* The pieces alone, on the bytes as UTF-8. */
	if (folio_encoding_utf8_invalid(p, n, &bad) == n) {
		folio_encoding_guess(p, n, &det);
		struct folio_mojibake *m = NULL;
		size_t nm = folio_encoding_mojibake_find((const char *)p, n, &m);
		free(folio_encoding_mojibake_fix((const char *)p, n, m, nm, &outlen));
		free(m);
		free(folio_encoding_declare((const char *)p, n, &outlen));
	}
	folio_diags_init(&d);
	if (enc != NULL && folio_encoding_to_utf8("in.xml", enc, p, n,
						  &d, &out, &outlen) == 0) {
		if (folio_encoding_utf8_invalid((const unsigned char *)out, outlen, &bad) != outlen)
			abort();  /* conversion to UTF-8 gave something else */
	}
	free(out);
	folio_diags_free(&d);
	return 0;
}
