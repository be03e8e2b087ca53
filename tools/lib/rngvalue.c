/* rngvalue.c — values: whether an attribute's value or a data element's
 * text is one a value pattern accepts (XSD datatypes through libxml2, the
 * facets it checks most often), and what the pattern admits, in words.
 * Lenient where it cannot tell, so that it never rejects what libxml2
 * accepts. */
#include "rngint.h"
#include "buf.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlschemastypes.h>

#define XSD_NS "http://www.w3.org/2001/XMLSchema"

static const struct {
	const char *type, *words;
} type_words[] = {
	{"integer", "an integer"},
	{"int", "an integer"},
	{"positiveInteger", "a whole number greater than 0"},
	{"nonNegativeInteger", "a whole number (0 or more)"},
	{"decimal", "a decimal number"},
	{"boolean", "true or false"},
	{"date", "a date (YYYY-MM-DD)"},
	{"dateTime", "a date and time (YYYY-MM-DDThh:mm:ss)"},
	{"gYear", "a year (YYYY)"},
	{"gYearMonth", "a year and month (YYYY-MM)"},
	{"ID", "an XML name (letters, digits, '.', '-' and '_', not starting with a digit)"},
	{"IDREF", "an XML name (letters, digits, '.', '-' and '_', not starting with a digit)"},
	{"IDREFS", "XML names separated by spaces"},
	{"NCName", "an XML name without a colon"},
	{"NMTOKEN", "a single word of letters, digits, '.', '-', '_' or ':'"},
	{"NMTOKENS", "words of letters, digits, '.', '-', '_' or ':'"},
	{"anyURI", "a URI"},
	{"string", "text"},
	{"token", "text"},
	{"language", "a language tag (such as en or fr-CA)"},
};

static const char *words_for(const char *type)
{
	for (size_t i = 0; i < sizeof type_words / sizeof type_words[0]; i++)
		if (strcmp(type_words[i].type, type) == 0)
			return type_words[i].words;
	return NULL;
}

char *rng_collapse(const char *s)
{
	char *out = folio_xmalloc(strlen(s) + 1);
	size_t n = 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			if (n > 0 && out[n - 1] != ' ')
				out[n++] = ' ';
		} else {
			out[n++] = *s;
		}
	}
	if (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return out;
}

static int xsd_ok(const char *type, const char *v)
{
	if (strcmp(type, "string") == 0 || strcmp(type, "token") == 0 ||
	    strcmp(type, "ENTITY") == 0 || strcmp(type, "ENTITIES") == 0)
		return 1;
	xmlSchemaTypePtr t = xmlSchemaGetPredefinedType(BAD_CAST type, BAD_CAST XSD_NS);
	if (t == NULL)
		return 1;
	int ok = 0;
	char *c = rng_collapse(v);
	const char *tries[2] = {v, c};
	for (int i = 0; i < 2 && !ok; i++) {
		xmlSchemaValPtr val = NULL;
		ok = xmlSchemaValPredefTypeNode(t, BAD_CAST tries[i], &val, NULL) == 0;
		if (val != NULL)
			xmlSchemaFreeValue(val);
	}
	free(c);
	return ok;
}

static int numeric_type(const char *type)
{
	static const char *const num[] = {"decimal", "integer", "int", "long", "short", "byte",
		"float", "double", "nonNegativeInteger", "positiveInteger", "negativeInteger",
		"nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"};
	for (size_t i = 0; i < sizeof num / sizeof num[0]; i++)
		if (strcmp(num[i], type) == 0)
			return 1;
	return 0;
}

static size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The facets libxml2 checks most often: pattern, lengths, numeric bounds;
 * the others are taken as met. */
static int params_ok(const struct folio_rng *g, int first, const char *type, const char *v)
{
	int ok = 1;
	char *c = strcmp(type, "string") == 0 ? folio_xstrdup(v) : rng_collapse(v);
	for (int i = first; i >= 0 && ok; i = g->params[i].next) {
		const struct param *pm = &g->params[i];
		const char *n = pm->name;
		if (pm->re != NULL) {
			ok = xmlRegexpExec(pm->re, BAD_CAST c) == 1;
		} else if (strcmp(n, "length") == 0 || strcmp(n, "minLength") == 0 ||
			   strcmp(n, "maxLength") == 0) {
			size_t len = utf8_len(c), want = (size_t)strtoul(pm->value, NULL, 10);
			ok = n[1] == 'e' ? len == want : n[1] == 'i' ? len >= want : len <= want;
		} else if (numeric_type(type) && (strncmp(n, "min", 3) == 0 || strncmp(n, "max", 3) == 0)) {
			char *end;
			double x = strtod(c, &end), lim = strtod(pm->value, NULL);
			if (*end != '\0')
				continue;
			int incl = strstr(n, "Inclusive") != NULL;
			ok = n[1] == 'i' ? (incl ? x >= lim : x > lim) : (incl ? x <= lim : x < lim);
		}
	}
	free(c);
	return ok;
}

/* " matching [0-9]+%", " greater than 0 and less than 100". */
static void params_words(const struct folio_rng *g, int first, struct folio_buf *b)
{
	int k = 0;
	for (int i = first; i >= 0; i = g->params[i].next) {
		const struct param *pm = &g->params[i];
		static const struct {
			const char *name, *words;
		} facets[] = {
			{"pattern", "matching %s"}, {"length", "of exactly %s characters"},
			{"minLength", "of at least %s characters"}, {"maxLength", "of at most %s characters"},
			{"minInclusive", "of at least %s"}, {"maxInclusive", "of at most %s"},
			{"minExclusive", "greater than %s"}, {"maxExclusive", "less than %s"},
		};
		for (size_t f = 0; f < sizeof facets / sizeof facets[0]; f++)
			if (strcmp(facets[f].name, pm->name) == 0) {
				folio_buf_puts(b, k++ ? " and " : " ");
				folio_buf_printf(b, facets[f].words, pm->value);
			}
	}
}

/* Whether a value pattern accepts `v`; lenient where it cannot tell. */
int rng_vok(struct ws *w, int id, const char *v)
{
	id = rng_deref(w, id);
	struct pat p = rng_pt(w, id);
	switch (p.type) {
	case P_NOTALLOWED:
		return 0;
	case P_EMPTY: {
		char *c = rng_collapse(v);
		int ok = *c == '\0';
		free(c);
		return ok;
	}
	case P_VALUE: {
		if (p.b)
			return strcmp(w->g->strs[p.a], v) == 0;
		char *x = rng_collapse(w->g->strs[p.a]), *y = rng_collapse(v);
		int ok = strcmp(x, y) == 0;
		free(x);
		free(y);
		return ok;
	}
	case P_DATA:
		return p.a < 0 || (xsd_ok(w->g->strs[p.a], v) && params_ok(w->g, p.b, w->g->strs[p.a], v));
	case P_CHOICE:
		return rng_vok(w, p.a, v) || rng_vok(w, p.b, v);
	default:
		return 1;
	}
}

/* What a value pattern admits, in words: listed values, then types. */
static void value_words(struct ws *w, int id, struct folio_names *vals, size_t *vcap,
			struct folio_names *types, size_t *tcap)
{
	id = rng_deref(w, id);
	struct pat p = rng_pt(w, id);
	if (p.type == P_CHOICE) {
		value_words(w, p.a, vals, vcap, types, tcap);
		value_words(w, p.b, vals, vcap, types, tcap);
	} else if (p.type == P_VALUE) {
		rng_add_name(vals, vcap, w->g->strs[p.a]);
	} else if (p.type == P_DATA && p.a >= 0) {
		struct folio_buf b = FOLIO_BUF_INIT;
		const char *words = words_for(w->g->strs[p.a]);
		if (words != NULL)
			folio_buf_puts(&b, words);
		else
			folio_buf_printf(&b, "a valid %s", w->g->strs[p.a]);
		params_words(w->g, p.b, &b);
		rng_add_name(types, tcap, b.data);
		folio_buf_free(&b);
	}
}

/* "allowed: a, b, c" / "it must be a date (YYYY-MM-DD)" / both. */
char *rng_value_phrase(struct ws *w, const int *pats, size_t n)
{
	struct folio_names vals = {0}, types = {0};
	size_t vcap = 0, tcap = 0;
	for (size_t i = 0; i < n; i++)
		value_words(w, pats[i], &vals, &vcap, &types, &tcap);
	rng_uniq_sorted(&vals);
	rng_uniq_sorted(&types);
	char *v = folio_names_join(&vals, LIST_MAX);
	char *t = NULL;
	if (types.n > 0) {
		size_t len = 1;
		for (size_t i = 0; i < types.n; i++)
			len += strlen(types.v[i]) + 4;
		t = folio_xmalloc(len);
		t[0] = '\0';
		for (size_t i = 0; i < types.n; i++) {
			if (i > 0)
				strcat(t, " or ");
			strcat(t, types.v[i]);
		}
	}
	char *s;
	if (vals.n > 0 && t != NULL)
		s = folio_xasprintf("allowed: %s, or %s", v, t);
	else if (vals.n > 0)
		s = folio_xasprintf("allowed: %s", v);
	else if (t != NULL)
		s = folio_xasprintf("it must be %s", t);
	else
		s = folio_xstrdup("the schema does not accept it");
	free(v);
	free(t);
	folio_names_free(&vals);
	folio_names_free(&types);
	return s;
}
