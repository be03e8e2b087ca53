/* encoding.h — text encodings: what a file is written in, and its text in UTF-8.
 *
 * Owns folio-recode's work on one file's bytes: detection (byte-order marks,
 * UTF-16/32 patterns, the XML declaration, UTF-8 validity, then a scored
 * guess among the 8-bit encodings publications come in, with a confidence),
 * conversion with iconv that never replaces a character (a sequence that is
 * not valid in the source encoding is an error with its line, column and
 * bytes), the XML declaration rewritten or added for UTF-8, and
 * double-encoded UTF-8 ("Ã©" for "é") found and, when the reverse
 * conversion is exact, repaired.  Works on memory only (no file I/O) and
 * never prints: problems go to a struct folio_diags under the enc-… rules.
 * Read side; used by tools/folio-recode.c and by anything that must accept
 * text in a legacy encoding. */
#ifndef FOLIO_ENCODING_H
#define FOLIO_ENCODING_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* How the encoding of a buffer was found. */
enum folio_enc_source {
	FOLIO_ENC_GIVEN,        /* named by the caller (--from) */
	FOLIO_ENC_BOM,          /* a byte-order mark */
	FOLIO_ENC_PATTERN,      /* "<?xml" in UTF-16/32 without a mark, or NUL bytes */
	FOLIO_ENC_DECLARED,     /* the XML declaration's encoding="…" */
	FOLIO_ENC_UTF8,         /* the bytes are valid UTF-8 (or plain ASCII) */
	FOLIO_ENC_GUESSED       /* scored among the 8-bit candidates */
};

/* Below this confidence a guess is refused (folio_encoding_detect returns 1). */
#define FOLIO_ENC_MIN_CONFIDENCE 0.6

struct folio_enc_detection {
	char iconv_name[40];    /* for iconv_open, e.g. "WINDOWS-1252" */
	char label[40];         /* for people, e.g. "windows-1252" */
	enum folio_enc_source source;
	double confidence;      /* 0..1; 1 unless guessed */
	size_t bom;             /* bytes of byte-order mark at the start */
	char declared[40];      /* what the XML declaration names; "" when nothing */
	char same[96];          /* a guess: candidates that read the bytes the same way */
	char why[320];          /* how it was found, or why a guess cannot be trusted */
	char conflict[200];     /* "" or: the declaration or mark that says otherwise */
};

/* Detects the encoding of n bytes.  Returns 0 when found (det filled), 1 when
 * a guess is not confident enough or nothing reads as text (det->why says
 * why, det->label names the best candidate). */
int folio_encoding_detect(const unsigned char *p, size_t n, struct folio_enc_detection *det);
/* The last step of detection alone: the scored guess among windows-1252,
 * ISO-8859-15, ISO-8859-1, MacRoman, windows-1250, windows-1251,
 * windows-1256 and ISO-8859-6.  Candidates that read the bytes the same way
 * count as one.  Returns as folio_encoding_detect. */
int folio_encoding_guess(const unsigned char *p, size_t n, struct folio_enc_detection *det);

/* The iconv name for an encoding a user names ("macroman", "latin1",
 * "cp1252", "utf-16le", any name iconv knows), or NULL when iconv cannot
 * convert from it.  The result is `name` itself or a static string. */
const char *folio_encoding_resolve(const char *name);

/* A display label for an iconv name ("MACINTOSH" gives "MacRoman"). */
const char *folio_encoding_label(const char *iconv_name);

/* Converts n bytes in `from` (an iconv name) to UTF-8 without replacing
 * anything.  Each sequence that is not valid in `from` is reported as
 * enc-unconvertible at file:line:col with its bytes (the first ten, then a
 * count).  Returns 0 with *out (NUL-terminated, the caller frees) and
 * *outlen; 1 when a sequence could not be converted (*out is NULL); -1 when
 * iconv cannot convert from `from` at all. */
int folio_encoding_to_utf8(const char *file, const char *from, const unsigned char *p,
			   size_t n, struct folio_diags *d, char **out, size_t *outlen);

/* The first invalid UTF-8 sequence of s[0..n): its offset, or n when all is
 * valid (overlong forms, surrogates and code points past U+10FFFF are
 * invalid).  *badlen receives the length of the invalid part (1–3). */
size_t folio_encoding_utf8_invalid(const unsigned char *s, size_t n, size_t *badlen);

/* UTF-8 text with its XML declaration saying encoding="UTF-8": the
 * declaration's encoding is replaced (or added after its version), and a
 * declaration is added to a document that has none (its first character
 * other than white space is '<'), ended like the file's first line.  Text
 * that is not XML is copied unchanged.  Returns a new buffer (NUL-terminated,
 * the caller frees). */
char *folio_encoding_declare(const char *s, size_t n, size_t *outlen);

/* Double-encoded UTF-8: the bytes of a UTF-8 sequence read as windows-1252
 * (or ISO-8859-1) and encoded again. */
struct folio_mojibake {
	size_t off, len;        /* the mis-decoded characters in the text */
	int line, col;          /* 1-based, the column in characters */
	int exact;              /* 1: the reverse conversion is exact (repairable) */
	char seen[16];          /* the characters as they stand, e.g. "Ã©" */
	char meant[5];          /* with exact: the character they stand for, "é" */
};

/* Finds double-encoded sequences, incomplete ones (a byte lost: "â€?") and
 * replacement characters U+FFFD in UTF-8 text.  Returns how many; *found
 * receives them in text order (the caller frees; NULL when none). */
size_t folio_encoding_mojibake_find(const char *s, size_t n, struct folio_mojibake **found);
/* The text with every exact finding replaced by the character it stands
 * for.  Returns a new buffer (NUL-terminated, the caller frees). */
char *folio_encoding_mojibake_fix(const char *s, size_t n, const struct folio_mojibake *m,
				  size_t nm, size_t *outlen);

/* One file's bytes to UTF-8, as folio-recode does it. */
struct folio_recode_opts {
	const char *from;       /* an iconv name (see folio_encoding_resolve); NULL: detect */
	int fix_mojibake;       /* repair exact double-encoded sequences */
	int declaration;        /* rewrite or add the XML declaration */
};

struct folio_recoded {
	char *text;             /* UTF-8 without a byte-order mark; the caller frees */
	size_t len;
	struct folio_enc_detection det;
	size_t mojibake;        /* double-encoded sequences found */
	size_t fixed;           /* of which repaired */
	int changed;            /* text differs from the input bytes */
};

/* Detects (unless o->from), converts, finds and optionally repairs
 * mojibake, and rewrites the declaration.  Reports to d under `file`: the
 * encoding used (enc-detected, a note), a declaration or mark that names
 * another encoding (enc-declaration), a refused guess (enc-guess),
 * unconvertible sequences (enc-unconvertible), mojibake (enc-mojibake,
 * enc-mojibake-fixed).  Returns 0 when r->text holds the whole text, 1 when
 * the input cannot be fully converted (r->text is NULL).  Free r with
 * folio_recoded_free. */
int folio_encoding_recode(const char *file, const unsigned char *p, size_t n,
			  const struct folio_recode_opts *o, struct folio_diags *d,
			  struct folio_recoded *r);
void folio_recoded_free(struct folio_recoded *r);

#endif
