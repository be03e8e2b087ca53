/* langguess.c — stop-word and script profiles of text.
 *
 * The stop lists are the commonest function words of each language, written
 * for this purpose; a word may be on several lists ("de", "la", "en"), and
 * what tells the languages apart is how many of the text's words each list
 * holds.  Words are letters (and marks) with an apostrophe kept after a
 * short elided word ("l'", "d'", "qu'", "dell'"), lower-cased. */
#include "langguess.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const struct stoplist {
	const char *lang;
	const char *words;
} stoplists[FOLIO_LANG_STOPLISTS] = {
	{"en", "the of and to in is are was were be been being that this these those it its "
	       "for as with by on at from or not but which who whom whose have has had an they "
	       "their them there will would can could should must may might also than into more "
	       "most such between we our how what when where while because through about each "
	       "only both after before over under other many some any all he she his her you "
	       "your does did do"},
	{"fr", "le la les de des du un une et est en que qui dans pour par sur au aux ne pas "
	       "plus ou ce cette ces son sa ses leur leurs il elle ils elles sont été être avec "
	       "mais comme entre aussi dont où nous vous on l' d' qu' n' s' c' j' à très sans "
	       "selon chaque peut ont était avait fait sous vers chez donc ainsi lors afin déjà "
	       "cet notamment leurs celle celui ceux"},
	{"es", "el la los las de del y en que un una unos unas es son por con para se su sus "
	       "al lo como más pero o este esta estos estas ese esa entre también sobre ha han "
	       "sido ser fue era está están sin según cada muy hay ya donde cuando porque desde "
	       "hasta nos a e ni u otros otras dicho"},
	{"de", "der die das und ist den dem des ein eine einer eines einem einen zu in mit von "
	       "für auf nicht sich auch es als an bei wird werden wurde wurden sind war hat haben "
	       "oder aber nach wie aus durch über um noch nur dass sie wir ihre ihr sein seine "
	       "diese dieser dieses zwischen unter vor zum zur im am vom beim sowie kann können "
	       "soll sollen"},
	{"pt", "o a os as de do da dos das e em no na nos nas um uma uns umas que para com por "
	       "não se ao aos à às é são foi foram mais como mas ou seu sua seus suas pelo pela "
	       "pelos pelas entre também sobre ser está estão ter tem têm este esta estes estas "
	       "isso isto onde quando cada muito já nem"},
	{"it", "il lo la i gli le di del dello della dei degli delle e ed è in nel nello nella "
	       "nei negli nelle che un una uno per con da dal dallo dalla dai dalle su sul sulla "
	       "sui non più come ma o anche sono stato stata essere ha hanno questo questa questi "
	       "queste tra fra suo sua suoi loro al allo alla ai agli alle l' dell' all' nell' "
	       "un' ogni molto dove quando perché cui si"},
	{"nl", "de het een en van in is dat op te voor met zijn niet aan er om ook als bij door "
	       "maar naar uit worden wordt dit deze die tot over nog kan hun wij zij ze werd waren "
	       "heeft hebben zal zou geen meer"},
};

#define TABLE 2048              /* power of two, well above the words listed */
#define MAXWORD 16

struct entry {
	char word[MAXWORD];
	unsigned mask;          /* bit i: on stop list i */
};

struct folio_langguess {
	struct entry table[TABLE];
};

static uint32_t hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static struct entry *slot(struct folio_langguess *g, const char *w, size_t n)
{
	uint32_t i = hash(w, n) & (TABLE - 1);
	while (g->table[i].word[0] && !(strlen(g->table[i].word) == n && memcmp(g->table[i].word, w, n) == 0))
		i = (i + 1) & (TABLE - 1);
	return &g->table[i];
}

static unsigned lookup(const struct folio_langguess *g, const char *w, size_t n)
{
	uint32_t i = hash(w, n) & (TABLE - 1);
	while (g->table[i].word[0]) {
		const struct entry *e = &g->table[i];
		if (strncmp(e->word, w, n) == 0 && e->word[n] == '\0')
			return e->mask;
		i = (i + 1) & (TABLE - 1);
	}
	return 0;
}

struct folio_langguess *folio_langguess_new(void)
{
	struct folio_langguess *g = folio_xcalloc(1, sizeof *g);
	for (unsigned l = 0; l < FOLIO_LANG_STOPLISTS; l++) {
		const char *p = stoplists[l].words;
		while (*p) {
			while (*p == ' ')
				p++;
			size_t n = strcspn(p, " ");
			if (n > 0 && n < MAXWORD) {
				struct entry *e = slot(g, p, n);
				memcpy(e->word, p, n);
				e->word[n] = '\0';
				e->mask |= 1u << l;
			}
			p += n;
		}
	}
	return g;
}

void folio_langguess_free(struct folio_langguess *g)
{
	free(g);
}

static int is_apostrophe(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

void folio_langguess_profile(const struct folio_langguess *g, const char *text,
			     size_t len, struct folio_langprofile *p)
{
	memset(p, 0, sizeof *p);
	size_t i = 0;
	uint32_t cp;
	while (i < len) {
		size_t l = folio_utf8_next(text + i, len - i, &cp);
		if (!folio_utf8_is_wordchar(cp)) {
			i += l;
			continue;
		}
		/* One word: lower-cased into w (long words cannot be stop words). */
		char w[MAXWORD + 4];
		size_t wn = 0, chars = 0;
		int fits = 1;
		while (i < len) {
			l = folio_utf8_next(text + i, len - i, &cp);
			if (!folio_utf8_is_wordchar(cp))
				break;
			enum folio_script sc = folio_utf8_script(cp);
			if (sc != FOLIO_SCRIPT_NONE) {
				p->letters++;
				p->script[sc]++;
			}
			if (fits) {
				char enc[4];
				size_t el = folio_utf8_put(folio_utf8_lower(cp), enc);
				if (wn + el < MAXWORD) {
					memcpy(w + wn, enc, el);
					wn += el;
				} else {
					fits = 0;
				}
			}
			chars++;
			i += l;
		}
		/* An elided article or preposition keeps its apostrophe. */
		if (i < len && fits && chars <= 4) {
			size_t l2 = folio_utf8_next(text + i, len - i, &cp);
			uint32_t after = 0;
			if (i + l2 < len)
				folio_utf8_next(text + i + l2, len - i - l2, &after);
			if (is_apostrophe(cp) && folio_utf8_is_wordchar(after)) {
				w[wn++] = '\'';
				i += l2;
			}
		}
		p->words++;
		if (fits && wn > 0) {
			unsigned m = lookup(g, w, wn);
			for (unsigned k = 0; m && k < FOLIO_LANG_STOPLISTS; k++)
				if (m & (1u << k))
					p->hits[k]++;
		}
	}
}

void folio_langguess_merge(struct folio_langprofile *a, const struct folio_langprofile *b)
{
	a->words += b->words;
	a->letters += b->letters;
	for (int s = 0; s <= FOLIO_SCRIPT_OTHER; s++)
		a->script[s] += b->script[s];
	for (int k = 0; k < FOLIO_LANG_STOPLISTS; k++)
		a->hits[k] += b->hits[k];
}

static void primary(const char *tag, char *out, size_t outlen)
{
	size_t i = 0;
	while (tag && tag[i] && tag[i] != '-' && tag[i] != '_' && i + 1 < outlen) {
		char c = tag[i];
		out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		i++;
	}
	out[i] = '\0';
}

static int stoplist_of(const char *lang)
{
	char p[8];
	primary(lang, p, sizeof p);
	for (int k = 0; k < FOLIO_LANG_STOPLISTS; k++)
		if (strcmp(stoplists[k].lang, p) == 0)
			return k;
	return -1;
}

static const struct {
	const char *lang;
	enum folio_script script;
} scripts[] = {
	{"ar", FOLIO_SCRIPT_ARABIC}, {"fa", FOLIO_SCRIPT_ARABIC}, {"ur", FOLIO_SCRIPT_ARABIC},
	{"ps", FOLIO_SCRIPT_ARABIC}, {"sd", FOLIO_SCRIPT_ARABIC}, {"ug", FOLIO_SCRIPT_ARABIC},
	{"ckb", FOLIO_SCRIPT_ARABIC},
	{"ru", FOLIO_SCRIPT_CYRILLIC}, {"uk", FOLIO_SCRIPT_CYRILLIC}, {"bg", FOLIO_SCRIPT_CYRILLIC},
	{"sr", FOLIO_SCRIPT_CYRILLIC}, {"be", FOLIO_SCRIPT_CYRILLIC}, {"mk", FOLIO_SCRIPT_CYRILLIC},
	{"kk", FOLIO_SCRIPT_CYRILLIC}, {"ky", FOLIO_SCRIPT_CYRILLIC}, {"mn", FOLIO_SCRIPT_CYRILLIC},
	{"tg", FOLIO_SCRIPT_CYRILLIC},
	{"zh", FOLIO_SCRIPT_HAN}, {"ja", FOLIO_SCRIPT_KANA}, {"ko", FOLIO_SCRIPT_HANGUL},
	{"el", FOLIO_SCRIPT_GREEK}, {"he", FOLIO_SCRIPT_HEBREW}, {"yi", FOLIO_SCRIPT_HEBREW},
	{"hi", FOLIO_SCRIPT_DEVANAGARI}, {"mr", FOLIO_SCRIPT_DEVANAGARI}, {"ne", FOLIO_SCRIPT_DEVANAGARI},
	{"th", FOLIO_SCRIPT_THAI}, {"hy", FOLIO_SCRIPT_ARMENIAN},
};

enum folio_script folio_langguess_script(const char *lang)
{
	char p[8];
	primary(lang, p, sizeof p);
	for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++)
		if (strcmp(scripts[i].lang, p) == 0)
			return scripts[i].script;
	return FOLIO_SCRIPT_LATIN;
}

int folio_langguess_knows(const char *lang)
{
	return stoplist_of(lang) >= 0 || folio_langguess_script(lang) != FOLIO_SCRIPT_LATIN;
}

/* Letters of the language's script; Japanese mixes kana and Han. */
static size_t script_letters(const struct folio_langprofile *p, enum folio_script s)
{
	if (s == FOLIO_SCRIPT_KANA)
		return p->script[FOLIO_SCRIPT_KANA] + p->script[FOLIO_SCRIPT_HAN];
	return p->script[s];
}

const char *folio_langguess_best(const struct folio_langprofile *p)
{
	if (p->letters == 0)
		return NULL;
	enum folio_script top = FOLIO_SCRIPT_LATIN;
	for (int s = FOLIO_SCRIPT_LATIN; s < FOLIO_SCRIPT_OTHER; s++)
		if (p->script[s] > p->script[top])
			top = (enum folio_script)s;
	if (2 * p->script[top] < p->letters)
		return NULL;
	if (top != FOLIO_SCRIPT_LATIN) {
		if (top == FOLIO_SCRIPT_HAN && 10 * p->script[FOLIO_SCRIPT_KANA] >= p->letters)
			return "ja";
		for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++)
			if (scripts[i].script == top)
				return scripts[i].lang;
		return NULL;
	}
	int best = -1, second = -1;
	for (int k = 0; k < FOLIO_LANG_STOPLISTS; k++) {
		if (best < 0 || p->hits[k] > p->hits[best]) {
			second = best;
			best = k;
		} else if (second < 0 || p->hits[k] > p->hits[second]) {
			second = k;
		}
	}
	size_t h = p->hits[best], h2 = second >= 0 ? p->hits[second] : 0;
	if (h < 2 || 10 * h < p->words || 2 * h < 3 * h2)
		return NULL;
	return stoplists[best].lang;
}

int folio_langguess_is(const struct folio_langprofile *p, const char *lang, const char *other)
{
	enum folio_script ls = folio_langguess_script(lang), os = folio_langguess_script(other);
	if (ls != FOLIO_SCRIPT_LATIN) {
		if (ls == os || p->letters < 10)
			return 0;
		return 10 * script_letters(p, ls) >= 6 * p->letters;
	}
	int k = stoplist_of(lang);
	if (k < 0)
		return 0;
	size_t h = p->hits[k];
	if (h < 3 || 5 * h < p->words)
		return 0;
	if (os != FOLIO_SCRIPT_LATIN)
		return 10 * p->script[FOLIO_SCRIPT_LATIN] >= 6 * p->letters;
	int ko = stoplist_of(other);
	return ko < 0 || 2 * h >= 3 * p->hits[ko] + 4;
}
