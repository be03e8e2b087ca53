/* cmptree.c — a DocBook document as folio-compare sees it: a tree of blocks.
 *
 * The element table says, for every DocBook element that matters, whether
 * it is a section, a block that holds other blocks, a block of text, markup
 * inside text (counted for parity), or something to leave out (index terms,
 * remarks, the publication metadata that compare.c checks on its own).
 * Elements the table does not know are inline: their text belongs to the
 * enclosing block, so that nothing of an unusual document is lost.  The
 * table's verdict, with what an element names (xml:id, linkend,
 * xlink:href), goes to cmpwalk.c, which builds the units. */
#include "cmpwalk.h"
#include "meta.h"
#include "numbers.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define DB_NS "http://docbook.org/ns/docbook"
#define XLINK_NS "http://www.w3.org/1999/xlink"

enum ekind { E_SECTION, E_BLOCK, E_TEXT, E_SKIP, E_INLINE };

struct elem {
	const char *name;
	enum ekind kind;
	const char *label, *plural;
	int flag;               /* E_TEXT: 1 = program text; E_INLINE: inline_kind + 1 */
};

/* Sorted by name (bsearch). */
static const struct elem elems[] = {
	{"abstract", E_BLOCK, "abstract", "abstracts", 0},
	{"acknowledgements", E_SECTION, "acknowledgements", "acknowledgements", 0},
	{"address", E_TEXT, "address", "addresses", 0},
	{"alt", E_TEXT, "text alternative", "text alternatives", 0},
	{"anchor", E_SKIP, NULL, NULL, 0},
	{"answer", E_BLOCK, "answer", "answers", 0},
	{"appendix", E_SECTION, "appendix", "appendices", 0},
	{"article", E_SECTION, "article", "articles", 0},
	{"attribution", E_TEXT, "attribution", "attributions", 0},
	{"audioobject", E_SKIP, NULL, NULL, 0},
	{"author", E_SKIP, NULL, NULL, 0},
	{"authorgroup", E_SKIP, NULL, NULL, 0},
	{"bibliodiv", E_SECTION, "bibliography division", "bibliography divisions", 0},
	{"biblioentry", E_BLOCK, "bibliography entry", "bibliography entries", 0},
	{"bibliography", E_SECTION, "bibliography", "bibliographies", 0},
	{"biblioid", E_SKIP, NULL, NULL, 0},
	{"bibliolist", E_BLOCK, "bibliography list", "bibliography lists", 0},
	{"bibliomisc", E_TEXT, "bibliography entry", "bibliography entries", 0},
	{"bibliomixed", E_TEXT, "bibliography entry", "bibliography entries", 0},
	{"bibliorelation", E_SKIP, NULL, NULL, 0},
	{"biblioset", E_SKIP, NULL, NULL, 0},
	{"blockquote", E_BLOCK, "block quotation", "block quotations", 0},
	{"book", E_SECTION, "book", "books", 0},
	{"bridgehead", E_TEXT, "heading", "headings", 0},
	{"callout", E_BLOCK, "callout", "callouts", 0},
	{"calloutlist", E_BLOCK, "callout list", "callout lists", 0},
	{"caption", E_TEXT, "caption", "captions", 0},
	{"caution", E_BLOCK, "caution", "cautions", 0},
	{"chapter", E_SECTION, "chapter", "chapters", 0},
	{"citetitle", E_INLINE, NULL, NULL, I_CITETITLE + 1},
	{"code", E_INLINE, NULL, NULL, I_CODE + 1},
	{"col", E_SKIP, NULL, NULL, 0},
	{"colgroup", E_SKIP, NULL, NULL, 0},
	{"colophon", E_SECTION, "colophon", "colophons", 0},
	{"colspec", E_SKIP, NULL, NULL, 0},
	{"command", E_INLINE, NULL, NULL, I_CODE + 1},
	{"computeroutput", E_INLINE, NULL, NULL, I_CODE + 1},
	{"copyright", E_SKIP, NULL, NULL, 0},
	{"cover", E_BLOCK, "cover", "covers", 0},
	{"date", E_SKIP, NULL, NULL, 0},
	{"dedication", E_SECTION, "dedication", "dedications", 0},
	{"edition", E_SKIP, NULL, NULL, 0},
	{"editor", E_SKIP, NULL, NULL, 0},
	{"email", E_INLINE, NULL, NULL, I_CODE + 1},
	{"emphasis", E_INLINE, NULL, NULL, I_EMPHASIS + 1},
	{"entry", E_TEXT, "table cell", "table cells", 0},
	{"entrytbl", E_BLOCK, "table cell", "table cells", 0},
	{"epigraph", E_BLOCK, "epigraph", "epigraphs", 0},
	{"equation", E_BLOCK, "equation", "equations", 0},
	{"example", E_BLOCK, "example", "examples", 0},
	{"figure", E_BLOCK, "figure", "figures", 0},
	{"filename", E_INLINE, NULL, NULL, I_CODE + 1},
	{"footnote", E_BLOCK, "footnote", "footnotes", 0},
	{"footnoteref", E_INLINE, NULL, NULL, I_XREF + 1},
	{"formalpara", E_BLOCK, "paragraph", "paragraphs", 0},
	{"function", E_INLINE, NULL, NULL, I_CODE + 1},
	{"glossary", E_SECTION, "glossary", "glossaries", 0},
	{"glossdef", E_BLOCK, "glossary definition", "glossary definitions", 0},
	{"glossdiv", E_SECTION, "glossary division", "glossary divisions", 0},
	{"glossentry", E_BLOCK, "glossary entry", "glossary entries", 0},
	{"glosslist", E_BLOCK, "glossary list", "glossary lists", 0},
	{"glosssee", E_TEXT, "glossary reference", "glossary references", 0},
	{"glossseealso", E_TEXT, "glossary reference", "glossary references", 0},
	{"glossterm", E_TEXT, "glossary term", "glossary terms", 0},
	{"imagedata", E_SKIP, NULL, NULL, 0},
	{"imageobject", E_SKIP, NULL, NULL, 0},
	{"important", E_BLOCK, "important note", "important notes", 0},
	{"index", E_SKIP, NULL, NULL, 0},
	{"indexterm", E_SKIP, NULL, NULL, 0},
	{"info", E_BLOCK, "info", "infos", 0},
	{"informalequation", E_BLOCK, "equation", "equations", 0},
	{"informalexample", E_BLOCK, "example", "examples", 0},
	{"informalfigure", E_BLOCK, "figure", "figures", 0},
	{"informaltable", E_BLOCK, "table", "tables", 0},
	{"itemizedlist", E_BLOCK, "list", "lists", 0},
	{"keywordset", E_SKIP, NULL, NULL, 0},
	{"legalnotice", E_BLOCK, "legal notice", "legal notices", 0},
	{"link", E_INLINE, NULL, NULL, I_LINK + 1},
	{"listitem", E_BLOCK, "list item", "list items", 0},
	{"literal", E_INLINE, NULL, NULL, I_CODE + 1},
	{"literallayout", E_TEXT, "text block", "text blocks", 0},
	{"mediaobject", E_BLOCK, "media object", "media objects", 0},
	{"member", E_TEXT, "list member", "list members", 0},
	{"note", E_BLOCK, "note", "notes", 0},
	{"option", E_INLINE, NULL, NULL, I_CODE + 1},
	{"orderedlist", E_BLOCK, "numbered list", "numbered lists", 0},
	{"othercredit", E_SKIP, NULL, NULL, 0},
	{"pagenums", E_SKIP, NULL, NULL, 0},
	{"para", E_TEXT, "paragraph", "paragraphs", 0},
	{"part", E_SECTION, "part", "parts", 0},
	{"preface", E_SECTION, "preface", "prefaces", 0},
	{"procedure", E_BLOCK, "procedure", "procedures", 0},
	{"programlisting", E_TEXT, "program listing", "program listings", 1},
	{"pubdate", E_SKIP, NULL, NULL, 0},
	{"publisher", E_SKIP, NULL, NULL, 0},
	{"qandadiv", E_BLOCK, "Q&A division", "Q&A divisions", 0},
	{"qandaentry", E_BLOCK, "Q&A entry", "Q&A entries", 0},
	{"qandaset", E_BLOCK, "Q&A set", "Q&A sets", 0},
	{"question", E_BLOCK, "question", "questions", 0},
	{"quote", E_INLINE, NULL, NULL, I_QUOTE + 1},
	{"refentry", E_SECTION, "reference entry", "reference entries", 0},
	{"reference", E_SECTION, "reference", "references", 0},
	{"refsect1", E_SECTION, "section", "sections", 0},
	{"refsect2", E_SECTION, "section", "sections", 0},
	{"refsect3", E_SECTION, "section", "sections", 0},
	{"refsection", E_SECTION, "section", "sections", 0},
	{"releaseinfo", E_SKIP, NULL, NULL, 0},
	{"remark", E_SKIP, NULL, NULL, 0},
	{"revhistory", E_SKIP, NULL, NULL, 0},
	{"row", E_BLOCK, "table row", "table rows", 0},
	{"screen", E_TEXT, "screen listing", "screen listings", 1},
	{"sect1", E_SECTION, "section", "sections", 0},
	{"sect2", E_SECTION, "section", "sections", 0},
	{"sect3", E_SECTION, "section", "sections", 0},
	{"sect4", E_SECTION, "section", "sections", 0},
	{"sect5", E_SECTION, "section", "sections", 0},
	{"section", E_SECTION, "section", "sections", 0},
	{"seg", E_TEXT, "segment", "segments", 0},
	{"seglistitem", E_BLOCK, "list item", "list items", 0},
	{"segmentedlist", E_BLOCK, "segmented list", "segmented lists", 0},
	{"segtitle", E_TEXT, "segment title", "segment titles", 0},
	{"setindex", E_SKIP, NULL, NULL, 0},
	{"sidebar", E_BLOCK, "sidebar", "sidebars", 0},
	{"simpara", E_TEXT, "paragraph", "paragraphs", 0},
	{"simplelist", E_BLOCK, "list", "lists", 0},
	{"simplesect", E_SECTION, "section", "sections", 0},
	{"spanspec", E_SKIP, NULL, NULL, 0},
	{"step", E_BLOCK, "step", "steps", 0},
	{"stepalternatives", E_BLOCK, "step alternatives", "step alternatives", 0},
	{"subjectset", E_SKIP, NULL, NULL, 0},
	{"subscript", E_INLINE, NULL, NULL, I_SUB + 1},
	{"substeps", E_BLOCK, "substeps", "substeps", 0},
	{"subtitle", E_TEXT, "subtitle", "subtitles", 0},
	{"superscript", E_INLINE, NULL, NULL, I_SUP + 1},
	{"synopsis", E_TEXT, "synopsis", "synopses", 1},
	{"systemitem", E_INLINE, NULL, NULL, I_CODE + 1},
	{"table", E_BLOCK, "table", "tables", 0},
	{"tbody", E_BLOCK, "table body", "table bodies", 0},
	{"td", E_TEXT, "table cell", "table cells", 0},
	{"term", E_TEXT, "term", "terms", 0},
	{"textobject", E_BLOCK, "text alternative", "text alternatives", 0},
	{"tfoot", E_BLOCK, "table foot", "table feet", 0},
	{"tgroup", E_BLOCK, "table group", "table groups", 0},
	{"th", E_TEXT, "table cell", "table cells", 0},
	{"thead", E_BLOCK, "table head", "table heads", 0},
	{"tip", E_BLOCK, "tip", "tips", 0},
	{"title", E_TEXT, "title", "titles", 0},
	{"titleabbrev", E_TEXT, "short title", "short titles", 0},
	{"topic", E_SECTION, "topic", "topics", 0},
	{"tr", E_BLOCK, "table row", "table rows", 0},
	{"uri", E_INLINE, NULL, NULL, I_CODE + 1},
	{"userinput", E_INLINE, NULL, NULL, I_CODE + 1},
	{"variablelist", E_BLOCK, "definition list", "definition lists", 0},
	{"varlistentry", E_BLOCK, "definition list entry", "definition list entries", 0},
	{"varname", E_INLINE, NULL, NULL, I_CODE + 1},
	{"videoobject", E_SKIP, NULL, NULL, 0},
	{"warning", E_BLOCK, "warning", "warnings", 0},
	{"xref", E_INLINE, NULL, NULL, I_XREF + 1},
};

/* A textobject's phrase is the text alternative itself. */
static const struct elem alt_phrase = {"phrase", E_TEXT, "text alternative", "text alternatives", 0};
static const struct elem foreign_elem = {"", E_INLINE, NULL, NULL, 0};
/* The root when it is not a section: it pairs with nothing but the other
 * document's root. */
static const struct elem doc_elem = {"", E_SECTION, "document", "documents", 0};

static int elem_cmp(const void *key, const void *e)
{
	return strcmp(key, ((const struct elem *)e)->name);
}

static int is_db(const xmlNode *n)
{
	return n->ns && n->ns->href && strcmp((const char *)n->ns->href, DB_NS) == 0;
}

static const struct elem *lookup(const xmlNode *n)
{
	if (!is_db(n))
		return &foreign_elem;
	const char *name = (const char *)n->name;
	if (strcmp(name, "phrase") == 0 && n->parent && n->parent->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->parent->name, "textobject") == 0)
		return &alt_phrase;
	const struct elem *e = bsearch(name, elems, sizeof elems / sizeof elems[0],
				       sizeof elems[0], elem_cmp);
	return e ? e : &foreign_elem;
}

static const char *attr_ns(const xmlNode *n, const char *name, const char *ns)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (strcmp((const char *)a->name, name) != 0)
			continue;
		if (ns ? (a->ns == NULL || strcmp((const char *)a->ns->href, ns) != 0) : a->ns != NULL)
			continue;
		if (a->children && a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
		return "";
	}
	return NULL;
}

/* Whitespace runs to one space, trimmed. */
char *cmp_fold(const char *s, size_t len, size_t *outlen)
{
	char *out = folio_xmalloc(len + 1);
	size_t o = 0;
	int space = 0;
	for (size_t i = 0; i < len; i++) {
		char ch = s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			space = o > 0;
			continue;
		}
		if (space)
			out[o++] = ' ';
		space = 0;
		out[o++] = ch;
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/* Element n as a unit of kind e (a section, a block or a text). */
static void as_unit(const struct elem *e, const xmlNode *n, struct walk_elem *w)
{
	memset(w, 0, sizeof *w);
	w->kind = W_UNIT;
	w->id = attr_ns(n, "id", (const char *)XML_XML_NAMESPACE);
	w->label = e->label ? e->label : (const char *)n->name;
	w->plural = e->plural ? e->plural : w->label;
	w->cls = e == &alt_phrase ? -2 : e == &foreign_elem ? -3 : e == &doc_elem ? -4
	       : (int)(e - elems);
	w->unit = e->kind == E_SECTION ? U_SECTION : e->kind == E_TEXT ? U_TEXT : U_BLOCK;
	w->code = e->kind == E_TEXT && e->flag == 1;
}

/* What the walk makes of a DocBook element (cmpwalk.h). */
static void classify(const xmlNode *n, struct walk_elem *w)
{
	const struct elem *e = lookup(n);
	if (e->kind == E_SECTION || e->kind == E_BLOCK || e->kind == E_TEXT) {
		as_unit(e, n, w);
		return;
	}
	memset(w, 0, sizeof *w);
	const char *id = attr_ns(n, "id", (const char *)XML_XML_NAMESPACE);
	if (e->kind == E_SKIP) {
		/* An anchor is a place to link to in the unit it stands in;
		 * a page break's belongs to the edition's own pagination. */
		const char *role = attr_ns(n, "role", NULL);
		w->kind = W_SKIP;
		if (strcmp(e->name, "anchor") == 0 && !(role && strcmp(role, "pagebreak") == 0))
			w->id = id;
		return;
	}
	w->kind = W_INLINE;
	w->id = id;
	w->flag = e->flag;
	w->target = attr_ns(n, "linkend", NULL);
	w->xref = strcmp(e->name, "xref") == 0;        /* not footnoteref, counted with it */
	/* Another language, whether or not its xml:lang says which. */
	w->quiet = strcmp((const char *)n->name, "foreignphrase") == 0;
	const char *href = attr_ns(n, "href", XLINK_NS);
	if (href && href[0] == '#')
		w->fragment = href + 1;
	else
		w->url = href;
}

static void index_ids(struct tree *t)
{
	size_t need = 0;
	for (size_t i = 0; i < t->n; i++)
		need += t->u[i].id != NULL;
	t->idcap = 16;
	while (t->idcap < 2 * need + 1)
		t->idcap *= 2;
	t->ids = folio_xcalloc(t->idcap, sizeof *t->ids);
	for (size_t i = 0; i < t->n; i++) {
		const char *id = t->u[i].id;
		if (id == NULL)
			continue;
		size_t h = 5381;
		for (const char *p = id; *p; p++)
			h = h * 33 + (unsigned char)*p;
		size_t k = h & (t->idcap - 1);
		while (t->ids[k].id && strcmp(t->ids[k].id, id) != 0)
			k = (k + 1) & (t->idcap - 1);
		if (t->ids[k].id == NULL) {     /* the first of duplicates wins */
			t->ids[k].id = id;
			t->ids[k].unit = (int)i;
		}
	}
}

int cmp_tree_find(const struct tree *t, const char *id)
{
	if (t->idcap == 0 || id == NULL)
		return -1;
	size_t h = 5381;
	for (const char *p = id; *p; p++)
		h = h * 33 + (unsigned char)*p;
	size_t k = h & (t->idcap - 1);
	while (t->ids[k].id) {
		if (strcmp(t->ids[k].id, id) == 0)
			return t->ids[k].unit;
		k = (k + 1) & (t->idcap - 1);
	}
	return -1;
}

void cmp_tree_build(struct tree *t, struct folio_doc *doc)
{
	memset(t, 0, sizeof *t);
	t->doc = doc;
	xmlNode *root = doc && doc->doc ? xmlDocGetRootElement(doc->doc) : NULL;
	xmlChar *lang = root ? xmlNodeGetLang(root) : NULL;
	t->lang = folio_xstrdup(lang ? (const char *)lang : "");
	xmlFree(lang);
	if (root == NULL)
		return;
	const struct elem *e = lookup(root);
	struct walk_elem w;
	as_unit(e->kind == E_SECTION ? e : &doc_elem, root, &w);
	cmp_walk_unit(t, root, &w, -1, 0, classify);
	cmp_tree_finish(t);
}

void cmp_tree_finish(struct tree *t)
{
	/* Subtree text sizes: children come after their parents. */
	for (size_t i = t->n; i-- > 0;) {
		t->u[i].sublen += t->u[i].tlen;
		if (t->u[i].parent >= 0)
			t->u[t->u[i].parent].sublen += t->u[i].sublen;
	}
	index_ids(t);
}

static void free_strs(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void cmp_tree_free(struct tree *t)
{
	for (size_t i = 0; i < t->n; i++) {
		struct unit *u = &t->u[i];
		free(u->text);
		free(u->ltext);
		free_strs(u->targets, u->ntargets);
		free_strs(u->hrefs, u->nhrefs);
		free_strs(u->ids, u->nids);
		free_strs(u->xrefs, u->nxrefs);
		free(u->nums);
	}
	free(t->u);
	free(t->ids);
	free(t->lang);
	cmp_epub_free(t->epub);
	folio_doc_free(t->doc);
	memset(t, 0, sizeof *t);
}

void cmp_locate(struct tree *t, const xmlNode *node, struct folio_loc *loc)
{
	if (t->epub)
		cmp_epub_locate(t, node, loc);
	else
		folio_doc_locate(t->doc, node, loc);
}

void cmp_tree_meta(struct tree *t, struct folio_meta *m)
{
	if (t->epub)
		cmp_epub_meta(t, m);
	else
		folio_meta_read(t->doc, m);
}

xmlNode *cmp_tree_info(struct tree *t)
{
	if (t->epub)
		return cmp_epub_info(t);
	xmlNode *root = xmlDocGetRootElement(t->doc->doc);
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && is_db(c) && strcmp((const char *)c->name, "info") == 0)
			return c;
	return root;
}

const char *cmp_unit_sample(const struct tree *t, int u)
{
	if (u < 0)
		return "";
	if (t->u[u].tlen)
		return t->u[u].text;
	/* Descendants follow the unit in the array, up to its subtree's end. */
	int depth = t->u[u].depth;
	for (size_t i = (size_t)u + 1; i < t->n && t->u[i].depth > depth; i++)
		if (t->u[i].tlen)
			return t->u[i].text;
	return "";
}

const char *cmp_unit_near_id(const struct tree *t, int u)
{
	for (; u >= 0; u = t->u[u].parent)
		if (t->u[u].id)
			return t->u[u].id;
	return NULL;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

void cmp_unit_numbers(struct tree *t, int u)
{
	struct unit *un = &t->u[u];
	if (un->nnums >= 0)
		return;
	struct folio_numtok *tok = NULL;
	size_t n = folio_numbers_scan(un->text, un->tlen, t->lang, &tok);
	un->nums = n ? folio_xmalloc(n * sizeof *un->nums) : NULL;
	for (size_t i = 0; i < n; i++)
		un->nums[i] = folio_numbers_hash(&tok[i].val[0][0]);
	if (n > 1)
		qsort(un->nums, n, sizeof *un->nums, cmp_u64);
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if (w == 0 || un->nums[w - 1] != un->nums[i])
			un->nums[w++] = un->nums[i];
	un->nnums = (int)w;
	free(tok);
}

void cmp_primary(const char *tag, char *out, size_t outlen)
{
	size_t i = 0;
	while (tag && tag[i] && tag[i] != '-' && tag[i] != '_' && i + 1 < outlen) {
		char ch = tag[i];
		out[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
		i++;
	}
	out[i] = '\0';
}

int cmp_lang_differs(const xmlNode *n, const char *root_lang)
{
	xmlChar *l = xmlNodeGetLang(n);
	char a[16], b[16];
	cmp_primary(l ? (const char *)l : "", a, sizeof a);
	cmp_primary(root_lang, b, sizeof b);
	xmlFree(l);
	return a[0] && b[0] && strcmp(a, b) != 0;
}
