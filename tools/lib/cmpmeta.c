/* cmpmeta.c — what a language edition shares with its original, and what not.
 *
 * The series ISSN and the volume number are the original's; the ISBNs are
 * the edition's own; bibliorelation isversionof names the original's ISBN;
 * and the text reads as the language the root's xml:lang declares.  The
 * metadata is read with meta.h; findings sit on the translation's element
 * (or its info when the element is missing). */
#include "cmpint.h"
#include "ident.h"
#include "meta.h"
#include "numbers.h"

#include <stdlib.h>
#include <string.h>

#define DB_NS "http://docbook.org/ns/docbook"

static int is_db(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns &&
	       strcmp((const char *)n->ns->href, DB_NS) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

static int has_attr(const xmlNode *n, const char *name, const char *value)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	int eq = v && strcmp((const char *)v, value) == 0;
	xmlFree(v);
	return eq;
}

static xmlNode *info_of(struct tree *t)
{
	return cmp_tree_info(t);
}

/* The first element `name` under `from` (depth first) with attribute
 * attr=value (attr may be NULL), or `fallback`. */
static xmlNode *find(xmlNode *from, const char *name, const char *attr, const char *value,
		     xmlNode *fallback)
{
	for (xmlNode *c = from ? from->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_db(c, name) && (attr == NULL || has_attr(c, attr, value)))
			return c;
		xmlNode *d = find(c, name, attr, value, NULL);
		if (d)
			return d;
	}
	return fallback;
}

static int same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static const char *show(const char *s)
{
	return s ? s : "none";
}

/* Volume numbers as values: "28" = "٢٨". */
static int same_volume(const char *a, const char *b)
{
	struct folio_numtok *ta = NULL, *tb = NULL;
	size_t na = folio_numbers_scan(a, strlen(a), NULL, &ta);
	size_t nb = folio_numbers_scan(b, strlen(b), NULL, &tb);
	int eq = na && nb ? folio_numbers_equal(&ta[0].val[0][0], &tb[0].val[0][0]) : strcmp(a, b) == 0;
	free(ta);
	free(tb);
	return eq;
}

static void check_series(struct folio_compare *c, const struct folio_meta *o,
			 const struct folio_meta *t, xmlNode *tinfo, const char *where)
{
	struct folio_issn io, it;
	if (o->issn) {
		int ok = t->issn && folio_issn_parse(o->issn, &io) == FOLIO_ID_OK &&
			 folio_issn_parse(t->issn, &it) == FOLIO_ID_OK &&
			 strcmp(io.digits, it.digits) == 0;
		if (!ok && !(t->issn && strcmp(o->issn, t->issn) == 0))
			cmp_report(c, FOLIO_R_CMP_META_ISSN, 0, 0,
				   find(tinfo, "biblioid", "class", "issn", tinfo), NULL, NULL,
				   "series ISSN %s is not the original's %s (%s)", show(t->issn), o->issn, where);
	}
	if (o->volume && !(t->volume && same_volume(o->volume, t->volume)))
		cmp_report(c, FOLIO_R_CMP_META_VOLUME, 0, 0, find(tinfo, "volumenum", NULL, NULL, tinfo),
			   NULL, NULL, "volume %s is not the original's %s (%s)", show(t->volume),
			   o->volume, where);
}

static void check_isbn(struct folio_compare *c, const struct folio_meta *o,
		       const struct folio_meta *t, xmlNode *tinfo, const char *where)
{
	if ((o->isbn_epub || o->isbn_print) && !t->isbn_epub && !t->isbn_print)
		cmp_report(c, FOLIO_R_CMP_META_ISBN, 0, 0, tinfo, NULL, NULL,
			   "the edition has no ISBN (the original's is %s, %s)",
			   show(o->isbn_epub ? o->isbn_epub : o->isbn_print), where);
	const struct {
		const char *isbn, *role;
	} mine[] = {{t->isbn_epub, "epub"}, {t->isbn_print, "print"}};
	for (size_t i = 0; i < 2; i++) {
		const char *x = mine[i].isbn;
		if (!(same(x, o->isbn_epub) || same(x, o->isbn_print)))
			continue;
		cmp_report(c, FOLIO_R_CMP_META_ISBN, 0, 0,
			   find(tinfo, "biblioid", "role", mine[i].role, tinfo), NULL, NULL,
			   "ISBN %s (%s) is the original's (%s): each edition needs its own",
			   x, mine[i].role, where);
	}
	if (!o->isbn_epub && !o->isbn_print)
		return;
	xmlNode *rel = find(tinfo, "bibliorelation", "type", "isversionof", tinfo);
	if (t->isversionof == NULL)
		cmp_report(c, FOLIO_R_CMP_META_ISVERSIONOF, 0, 0, rel, NULL, NULL,
			   "no bibliorelation type=\"isversionof\" gives the original's ISBN %s (%s)",
			   o->isbn_epub ? o->isbn_epub : o->isbn_print, where);
	else if (!same(t->isversionof, o->isbn_epub) && !same(t->isversionof, o->isbn_print) &&
		 !same(t->isversionof, o->isversionof))
		cmp_report(c, FOLIO_R_CMP_META_ISVERSIONOF, 0, 0, rel, NULL, NULL,
			   "isversionof %s is not the original's ISBN (%s, %s)", t->isversionof,
			   o->isbn_epub ? o->isbn_epub : o->isbn_print, where);
}

#define LANG_SAMPLE (256u * 1024u)      /* bytes of text enough to tell */

static void check_text_language(struct folio_compare *c)
{
	struct folio_langprofile all, one;
	size_t seen = 0;
	memset(&all, 0, sizeof all);
	for (size_t i = 0; i < c->trans.n && seen < LANG_SAMPLE; i++) {
		const struct unit *u = &c->trans.u[i];
		if (u->code || u->foreign || u->tlen == 0)
			continue;
		const char *t = u->ltext ? u->ltext : u->text;
		size_t len = strlen(t);
		folio_langguess_profile(c->lg, t, len, &one);
		folio_langguess_merge(&all, &one);
		seen += len;
	}
	if (all.words < 20 || c->tlang[0] == '\0')
		return;
	const char *best = folio_langguess_best(&all);
	int wrong;
	if (folio_langguess_knows(c->tlang)) {
		enum folio_script sb = best ? folio_langguess_script(best) : FOLIO_SCRIPT_LATIN;
		enum folio_script st = folio_langguess_script(c->tlang);
		/* Persian text guessed "ar" is still Arabic script, as declared. */
		wrong = best && strcmp(best, c->tlang) != 0 && !(sb == st && sb != FOLIO_SCRIPT_LATIN);
	} else {
		wrong = best && strcmp(best, c->olang) == 0 &&
			folio_langguess_is(&all, c->olang, c->tlang);
	}
	if (wrong)
		cmp_report(c, FOLIO_R_CMP_LANG_TEXT, 0, 0, NULL, NULL, NULL,
			   "the text reads as %s, but the root declares xml:lang=\"%s\"", best,
			   c->trans.lang);
}

void cmp_meta_check(struct folio_compare *c)
{
	struct folio_meta o, t;
	char where[512];
	if (c->orig.n == 0 || c->trans.n == 0)
		return;
	cmp_tree_meta(&c->orig, &o);
	cmp_tree_meta(&c->trans, &t);
	struct folio_loc loc = {NULL, 0, 0};
	cmp_locate(&c->orig, info_of(&c->orig), &loc);
	snprintf(where, sizeof where, "%s:%d", loc.file ? loc.file : c->orig.doc->path, loc.line);
	xmlNode *tinfo = info_of(&c->trans);
	if (!cmp_silenced(c, FOLIO_R_CMP_META_ISSN) || !cmp_silenced(c, FOLIO_R_CMP_META_VOLUME))
		check_series(c, &o, &t, tinfo, where);
	check_isbn(c, &o, &t, tinfo, where);
	if (!cmp_silenced(c, FOLIO_R_CMP_LANG_TEXT) && strcmp(c->olang, c->tlang) != 0)
		check_text_language(c);
	folio_meta_free(&o);
	folio_meta_free(&t);
}
