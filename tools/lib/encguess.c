/* encguess.c — guessing the 8-bit encoding of a text, with a confidence.
 *
 * Every candidate is a single-byte encoding, so each is a table from byte to
 * code point (built with iconv, so the tables are the system's own) and the
 * text never needs converting to be scored.  Candidates that agree on every
 * byte the text holds read it the same way and count as one.  A reading
 * scores by what its non-ASCII characters look like in context: letters in
 * words of one script, with a plausible case pattern, whose accented letters
 * belong together to one language, score; control characters, symbols in
 * the middle of words, words mixing scripts or made of accented letters
 * only, capitals after small letters ("cafÈ", MacRoman read as Latin-1)
 * cost.  The confidence grows with the margin over the best reading that
 * differs and with the number of non-ASCII characters behind it. */
#include "encoding.h"

#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const cands[] = {
	"WINDOWS-1252", "ISO-8859-15", "ISO-8859-1", "MACINTOSH",
	"WINDOWS-1250", "WINDOWS-1251", "WINDOWS-1256", "ISO-8859-6",
};
#define NCANDS (sizeof cands / sizeof cands[0])

/* Accented letters of the languages these encodings serve, small forms,
 * in three tiers by how often the language uses them ("|" between tiers):
 * a reading whose letters are the common ones of one language scores best.
 * The last three rows stand for whole scripts.  `codes` are the BCP 47
 * primary subtags an xml:lang may give, which then names the one language
 * that counts. */
static const struct lang {
	const char *codes, *letters;
} langs[] = {
	{"fr", "éàèç|êâîôù|ëïûüœæÿ"},
	{"de", "äüöß||é"},
	{"es gl", "éóíñá|ú|ü"},
	{"pt", "ãçéáóõ|êíúâà|ô"},
	{"it", "èàòùì|é|íîóú"},
	{"ca", "èéàçò|íóúï|ü"},
	{"nl", "ë|éï|áóöüè"},
	{"da no nb nn", "øåæ|é|"},
	{"sv fi", "äåö|é|"},
	{"is", "áðíóúþæ|éýö|"},
	{"pl", "ęąłóżśćń|ź|"},
	{"cs", "ěáíéřčšžýů|úňť|ď"},
	{"sk", "áíéčšžýú|ôäľňť|ĺŕď"},
	{"hu", "éáöóőüí|úű|"},
	{"ro", "ăâîșț|şţ|"},
	{"hr sl bs", "čšžćđ||"},
	{"sq", "ëç||"},
	{"et", "äõüö|šž|"},
	{"tr", "ıçşğüö|îâ|"},
	{"en", "||éèïëçñ"},
	{"ru uk be bg mk sr kk ky tg mn", NULL},  /* Cyrillic */
	{"ar fa ur ps ku sd ug", NULL},           /* Arabic */
	{"el", NULL},                             /* Greek */
};
#define NLANGS (sizeof langs / sizeof langs[0])
#define SLOT_CYRILLIC (NLANGS - 3)
#define SLOT_ARABIC (NLANGS - 2)
#define SLOT_GREEK (NLANGS - 1)

/* Letters that make a word on their own, by script (small forms). */
static const char lone_latin[] = "àáèéòóåö";
static const char lone_cyrillic[] = "авиксуяо";
static const char lone_arabic[] = "و";

/* The tier of letter u (UTF-8) in language l: 3 common … 1 rare, 0 absent. */
static int tier(size_t l, const char *u)
{
	const char *hit = langs[l].letters ? strstr(langs[l].letters, u) : NULL;
	if (hit == NULL)
		return 0;
	int t = 3;
	for (const char *q = langs[l].letters; q < hit; q++)
		t -= *q == '|';
	return t;
}

/* The row for the root's xml:lang, or -1: found in the first 4 KB. */
static int declared_lang(const unsigned char *p, size_t n)
{
	size_t lim = n < 4096 ? n : 4096;
	for (size_t i = 0; i + 12 < lim; i++) {
		if (memcmp(p + i, "xml:lang=", 9) != 0 || (p[i + 9] != '"' && p[i + 9] != '\''))
			continue;
		char code[9];
		size_t k = 0;
		for (size_t j = i + 10; j < lim && k < 8 && ((p[j] | 0x20) >= 'a' && (p[j] | 0x20) <= 'z'); j++)
			code[k++] = (char)(p[j] | 0x20);
		code[k] = '\0';
		for (size_t l = 0; l < NLANGS && k >= 2; l++) {
			const char *c = strstr(langs[l].codes, code);
			if (c && (c == langs[l].codes || c[-1] == ' ') && (c[k] == '\0' || c[k] == ' '))
				return (int)l;
		}
		return -1;
	}
	return -1;
}

enum script { NONE, LATIN, GREEK, CYRILLIC, ARABIC };

static enum script script_of(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
		return LATIN;
	if ((c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF))
		return LATIN;
	if (c >= 0x370 && c <= 0x3FF && c != 0x37E && c != 0x387)
		return GREEK;
	if (c >= 0x400 && c <= 0x4FF)
		return CYRILLIC;
	/* Letters, tatweel and vowel marks: a mark after a Latin letter makes a
	 * word of two scripts, which no language writes. */
	if ((c >= 0x620 && c <= 0x65F) || (c >= 0x66E && c <= 0x6D3) || (c >= 0x6FA && c <= 0x6FF))
		return ARABIC;
	return NONE;
}

static int is_upper(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	if (c >= 0xC0 && c <= 0xDE)
		return c != 0xD7;
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177) || (c >= 0x200 && c <= 0x21F))
		return c % 2 == 0;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return c % 2 == 1;
	return c == 0x178 || (c >= 0x386 && c <= 0x3A9) || (c >= 0x400 && c <= 0x42F) ||
	       (c >= 0x460 && c <= 0x4FF && c % 2 == 0);
}

static uint32_t lower(uint32_t c)
{
	if (!is_upper(c))
		return c;
	if (c < 0x100 || (c >= 0x391 && c <= 0x3A9) || (c >= 0x410 && c <= 0x42F))
		return c + 0x20;
	if (c == 0x178)
		return 0xFF;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	return c + 1;
}

/* Non-letters that ordinary text holds: spaces, quotes, dashes, currency,
 * ordinals, Arabic punctuation and digits, joiners, direction marks. */
static int typographic(uint32_t c)
{
	static const uint32_t ok[] = {
		0xA0, 0xA1, 0xA2, 0xA3, 0xA5, 0xA7, 0xA9, 0xAA, 0xAB, 0xAD, 0xAE, 0xB0, 0xB1,
		0xB7, 0xBA, 0xBB, 0xBF, 0xD7, 0xF7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201A,
		0x201C, 0x201D, 0x201E, 0x2022, 0x2026, 0x2039, 0x203A, 0x20AC, 0x2116, 0x2122,
		0x060C, 0x061B, 0x061F, 0x066A, 0x066B, 0x066C, 0x200C, 0x200D, 0x200E, 0x200F,
	};
	if (c >= 0x660 && c <= 0x669)
		return 1;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (ok[i] == c)
			return 1;
	return 0;
}

static int numeric_sign(uint32_t c)  /* ¹ ² ³ ¼ ½ ¾: fine next to a digit */
{
	return c == 0xB9 || c == 0xB2 || c == 0xB3 || c == 0xBC || c == 0xBD || c == 0xBE;
}

struct reading {
	uint32_t map[256];      /* byte → code point; 0xFFFFFFFF: undefined */
	int usable;             /* every byte of the text is defined */
	int group;              /* index of the first candidate that reads the same */
	double score;           /* -3 … 1 */
	size_t nonascii;        /* characters scored */
	size_t units, hard, first_hard;  /* see struct tally */
};

static int build_map(const char *enc, uint32_t *map)
{
	iconv_t cd = iconv_open("UTF-32LE", enc);
	if (cd == (iconv_t)-1)
		return -1;
	for (unsigned b = 0; b < 256; b++) {
		char in = (char)b, *ip = &in;
		unsigned char out[8];
		char *op = (char *)out;
		size_t il = 1, ol = sizeof out;
		map[b] = 0xFFFFFFFFu;
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && ol == 4)
			map[b] = (uint32_t)out[0] | (uint32_t)out[1] << 8 | (uint32_t)out[2] << 16 |
				 (uint32_t)out[3] << 24;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	return 0;
}

struct word {
	size_t start;           /* offset of its first byte */
	size_t letters, nonascii, ascii;
	unsigned scripts;       /* bit per script */
	int badcase;            /* a capital after a small letter */
	int prev_lower;
	uint32_t acc[48];       /* its non-ASCII letters, small forms */
};

struct tally {
	double good_letters, good_other, bad;
	size_t nonascii;        /* non-ASCII characters, and control characters */
	size_t letters;         /* accented letters of good words, for coherence */
	size_t lang[NLANGS];    /* tier points by language */
	size_t units;           /* words with non-ASCII letters, and control characters */
	size_t hard;            /* of which impossible: two scripts in a word, a control */
	size_t first_hard;      /* offset of the first impossible one */
};

static void hard(struct tally *t, size_t off)
{
	if (t->hard++ == 0)
		t->first_hard = off;
}

static size_t utf8_put(uint32_t c, char *u)
{
	size_t n = c < 0x800 ? 2 : 3;
	u[0] = (char)(n == 2 ? 0xC0 | c >> 6 : 0xE0 | c >> 12);
	if (n == 3)
		u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
	u[n - 1] = (char)(0x80 | (c & 0x3F));
	u[n] = '\0';
	return n;
}

static void tally_word(struct tally *t, struct word *w)
{
	if (w->nonascii > 0) {
		int one_script = (w->scripts & (w->scripts - 1)) == 0;
		int latin = w->scripts == 1u << LATIN;
		char u[4];
		utf8_put(w->acc[0], u);
		const char *lone_ok = latin ? lone_latin : w->scripts == 1u << CYRILLIC ? lone_cyrillic
			: w->scripts == 1u << ARABIC ? lone_arabic : "";
		int lone = w->letters == 1 && strstr(lone_ok, u) == NULL;
		t->nonascii += w->nonascii;
		t->units++;
		if (!one_script)
			hard(t, w->start);
		if (!one_script || w->badcase || lone || (latin && w->ascii == 0 && w->letters >= 3)) {
			t->bad += (double)w->nonascii;
		} else {
			t->good_letters += (double)w->nonascii;
			size_t k = w->nonascii < 48 ? w->nonascii : 48;
			t->letters += k;
			if (!latin)
				t->lang[w->scripts == 1u << CYRILLIC ? SLOT_CYRILLIC
					: w->scripts == 1u << ARABIC ? SLOT_ARABIC : SLOT_GREEK] += 3 * k;
			for (size_t i = 0; i < k && latin; i++) {
				utf8_put(w->acc[i], u);
				for (size_t l = 0; l < NLANGS; l++)
					t->lang[l] += (size_t)tier(l, u);
			}
		}
	}
	memset(w, 0, sizeof *w);
}

static void score(const unsigned char *p, size_t n, int only, struct reading *r)
{
	const uint32_t *map = r->map;
	struct tally t;
	struct word w;
	memset(&t, 0, sizeof t);
	memset(&w, 0, sizeof w);
	for (size_t i = 0; i < n; i++) {
		uint32_t c = map[p[i]];
		enum script s = script_of(c);
		if (s != NONE) {
			if (w.letters++ == 0)
				w.start = i;
			w.scripts |= 1u << s;
			if (c < 0x80) {
				w.ascii++;
			} else {
				if (w.nonascii < 48)
					w.acc[w.nonascii] = lower(c);
				w.nonascii++;
			}
			if (c >= 0x80 && is_upper(c) && w.prev_lower)
				w.badcase = 1;
			w.prev_lower = !is_upper(c);
			continue;
		}
		tally_word(&t, &w);
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || (c >= 0x7F && c < 0xA0)) {
			t.bad += 3;
			t.nonascii++;
			t.units++;
			hard(&t, i);
		} else if (c < 0x80) {
			continue;
		} else if (numeric_sign(c)) {
			int digit = (i > 0 && p[i - 1] >= '0' && p[i - 1] <= '9') ||
				    (i + 1 < n && p[i + 1] >= '0' && p[i + 1] <= '9');
			t.nonascii++;
			if (digit)
				t.good_other += 1;
			else
				t.bad += 1;
		} else {
			t.nonascii++;
			if (typographic(c))
				t.good_other += 1;
			else
				t.bad += 1;
		}
	}
	tally_word(&t, &w);
	r->nonascii = t.nonascii;
	r->units = t.units;
	r->hard = t.hard;
	r->first_hard = t.first_hard;
	r->score = 1.0;
	if (t.nonascii == 0)
		return;
	/* Letters that belong to one language together score in full. */
	double coherence = 1.0;
	if (t.letters > 0) {
		size_t best = 0;
		for (size_t l = 0; l < NLANGS; l++)
			if (t.lang[l] > best && (only < 0 || (size_t)only == l))
				best = t.lang[l];
		coherence = (double)best / (3.0 * (double)t.letters);
	}
	r->score = (t.good_letters * coherence + t.good_other - t.bad) / (double)t.nonascii;
}

static size_t line_of(const unsigned char *p, size_t off)
{
	size_t line = 1;
	for (size_t i = 0; i < off; i++)
		line += p[i] == '\n';
	return line;
}

/* For a refusal: a candidate ruled out by only a few bytes it has no
 * character for (a stray byte in a windows-1252 file, say). */
static void near_miss(const unsigned char *p, size_t n, const struct reading *r,
		      const size_t *count, char *out, size_t outlen)
{
	int pick = -1;
	size_t fewest = 4, at = 0;
	for (size_t c = 0; c < NCANDS; c++) {
		size_t undefined = 0;
		for (unsigned b = 0x80; b < 256; b++)
			undefined += r[c].map[b] == 0xFFFFFFFFu ? count[b] : 0;
		if (undefined > 0 && undefined < fewest) {
			fewest = undefined;
			pick = (int)c;
		}
	}
	if (pick < 0)
		return;
	while (at < n && r[pick].map[p[at]] != 0xFFFFFFFFu)
		at++;
	snprintf(out, outlen, "; %s fits but for %zu byte%s it has no character for, the first "
		 "0x%02X at line %zu", folio_encoding_label(cands[pick]), fewest, fewest == 1 ? "" : "s",
		 p[at], line_of(p, at));
}

/* A character for a message: itself, or U+XXXX for a control. */
static void shown(uint32_t c, char *out, size_t outlen)
{
	char u[4];
	if (c < 0xA0)
		snprintf(out, outlen, "U+%04X", (unsigned)c);
	else
		utf8_put(c, u), snprintf(out, outlen, "'%s' (U+%04X)", u, (unsigned)c);
}

/* Where two readings first differ, for a refusal's message. */
static void first_difference(const unsigned char *p, size_t n, const struct reading *a,
			     const struct reading *b, const char *la, const char *lb,
			     char *out, size_t outlen)
{
	char ca[24], cb[24];
	for (size_t i = 0; i < n; i++)
		if (a->map[p[i]] != b->map[p[i]]) {
			shown(a->map[p[i]], ca, sizeof ca);
			shown(b->map[p[i]], cb, sizeof cb);
			snprintf(out, outlen, "line %zu, byte 0x%02X: %s in %s, %s in %s", line_of(p, i),
				 p[i], ca, la, cb, lb);
			return;
		}
	snprintf(out, outlen, "no difference");
}

int folio_encoding_guess(const unsigned char *p, size_t n, struct folio_enc_detection *det)
{
	struct reading r[NCANDS];
	size_t count[256] = {0};
	int present[256] = {0};
	int best = -1, second = -1, only = declared_lang(p, n);
	char diff[128];

	for (size_t i = 0; i < n; i++)
		count[p[i]]++;
	for (unsigned b = 0; b < 256; b++)
		present[b] = count[b] > 0;
	for (size_t c = 0; c < NCANDS; c++) {
		r[c].usable = build_map(cands[c], r[c].map) == 0;
		for (unsigned b = 0; b < 256 && r[c].usable; b++)
			r[c].usable = !present[b] || r[c].map[b] != 0xFFFFFFFFu;
		r[c].group = (int)c;
		for (size_t e = 0; e < c && r[c].usable; e++)
			if (r[e].usable && r[e].group == (int)e) {
				int same = 1;
				for (unsigned b = 0x80; b < 256 && same; b++)
					same = !present[b] || r[e].map[b] == r[c].map[b];
				if (same) {
					r[c].group = (int)e;
					break;
				}
			}
		if (!r[c].usable)
			continue;
		if (r[c].group == (int)c)
			score(p, n, only, &r[c]);
		if (r[c].group == (int)c && (best < 0 || r[c].score > r[best].score)) {
			second = best;
			best = (int)c;
		} else if (r[c].group == (int)c && (second < 0 || r[c].score > r[second].score)) {
			second = (int)c;
		}
	}
	memset(det, 0, sizeof *det);
	det->source = FOLIO_ENC_GUESSED;
	if (best < 0) {
		snprintf(det->why, sizeof det->why, "iconv knows none of the 8-bit encodings tried");
		return 1;
	}
	snprintf(det->iconv_name, sizeof det->iconv_name, "%s", cands[best]);
	snprintf(det->label, sizeof det->label, "%s", folio_encoding_label(cands[best]));
	for (size_t c = 0; c < NCANDS; c++)
		if (r[c].usable && r[c].group == best && (int)c != best) {
			size_t k = strlen(det->same);
			snprintf(det->same + k, sizeof det->same - k, "%s%s", k ? ", " : "",
				 folio_encoding_label(cands[c]));
		}
	/* The margin per character that the two best readings read differently,
	 * and the evidence: how many such characters there are. */
	double margin = 4.0, evidence = 4.0;
	if (second >= 0) {
		size_t ndiff = 0;
		for (unsigned b = 0x80; b < 256; b++)
			ndiff += r[best].map[b] != r[second].map[b] ? count[b] : 0;
		margin = (r[best].score - r[second].score) * (double)r[best].nonascii /
			 (double)(ndiff ? ndiff : 1);
		evidence = sqrt((double)ndiff);
	}
	det->confidence = 1.0 - exp(-1.5 * margin * (evidence < 4.0 ? evidence : 4.0));
	/* Words in two scripts and control characters happen in no text: a
	 * reading with more than a stray one is wrong, however it compares. */
	if (r[best].score < 0.25 || r[best].hard * 50 > r[best].units) {
		det->confidence = 0;
		size_t k = (size_t)snprintf(det->why, sizeof det->why,
					    "no 8-bit encoding tried reads it as text (the closest, %s, ",
					    det->label);
		if (r[best].hard > 0)
			k += (size_t)snprintf(det->why + k, sizeof det->why - k,
					      "gives a control character or a word in two scripts "
					      "at line %zu)", line_of(p, r[best].first_hard));
		else
			k += (size_t)snprintf(det->why + k, sizeof det->why - k, "scores %.2f of 1)",
					      r[best].score);
		near_miss(p, n, r, count, det->why + k, sizeof det->why - k);
		return 1;
	}
	if (second < 0) {
		snprintf(det->why, sizeof det->why, "%s scores %.2f of 1; no other reading is possible",
			 det->label, r[best].score);
		return 0;
	}
	const char *l2 = folio_encoding_label(cands[second]);
	if (det->confidence < FOLIO_ENC_MIN_CONFIDENCE) {
		first_difference(p, n, &r[best], &r[second], det->label, l2, diff, sizeof diff);
		snprintf(det->why, sizeof det->why,
			 "%s (%.2f) and %s (%.2f) read it almost equally well, confidence %.2f; "
			 "they differ first at %s", det->label, r[best].score, l2, r[second].score,
			 det->confidence, diff);
		return 1;
	}
	snprintf(det->why, sizeof det->why, "%s scores %.2f of 1, the next, %s, %.2f",
		 det->label, r[best].score, l2, r[second].score);
	return 0;
}
