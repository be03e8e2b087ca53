/* epubmeta.c — the metadata of an EPUB's package document.
 *
 * What EPUB 3 requires (the dc:identifier the package's unique-identifier
 * names, a dc:title, a dc:language, one dcterms:modified of the form
 * CCYY-MM-DDThh:mm:ssZ) under epub-metadata, and what Folio checks in its
 * own sources under the same rules as there: ISBN and ISSN check digits of
 * urn:isbn: and urn:issn: identifiers (dc:identifier, dc:source,
 * dc:relation, dcterms:identifier), BCP 47 language tags, ISO 8601 dates. */
#include "epubint.h"
#include "ident.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define OPF_NS "http://www.idpf.org/2007/opf"
#define DC_NS "http://purl.org/dc/elements/1.1/"

static void id_check(struct epub_check *c, const xmlNode *n, const char *what)
{
	char *v = epub_text(n);
	const char *num = v;
	int isbn = 0, issn = 0;
	const char *scheme = NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (strcmp((const char *)a->name, "scheme") == 0 && a->children)
			scheme = (const char *)a->children->content;
	if (strncasecmp(v, "urn:isbn:", 9) == 0)
		isbn = 1, num = v + 9;
	else if (strncasecmp(v, "isbn:", 5) == 0)
		isbn = 1, num = v + 5;
	else if (strncasecmp(v, "urn:issn:", 9) == 0)
		issn = 1, num = v + 9;
	else if (scheme && strcasecmp(scheme, "ISBN") == 0)
		isbn = 1;
	if (isbn) {
		struct folio_isbn b;
		enum folio_id_status st = folio_isbn_parse(num, &b);
		if (st == FOLIO_ID_CHECK)
			epub_diag_at(c->d, FOLIO_R_ISBN, c->opf, n, "ISBN %s in %s has a wrong check digit: "
				     "expected %c, found %c", num, what, b.expected, b.found);
		else if (st != FOLIO_ID_OK)
			epub_diag_at(c->d, FOLIO_R_ISBN, c->opf, n, "ISBN \"%s\" in %s is not valid: %s", num,
				     what, folio_id_strerror(st));
	} else if (issn) {
		struct folio_issn s;
		enum folio_id_status st = folio_issn_parse(num, &s);
		if (st == FOLIO_ID_CHECK)
			epub_diag_at(c->d, FOLIO_R_ISSN, c->opf, n, "ISSN %s in %s has a wrong check digit: "
				     "expected %c, found %c", num, what, s.expected, s.found);
		else if (st != FOLIO_ID_OK)
			epub_diag_at(c->d, FOLIO_R_ISSN, c->opf, n, "ISSN \"%s\" in %s is not valid: %s", num,
				     what, folio_id_strerror(st));
	}
	free(v);
}

static int modified_form(const char *v)
{
	/* CCYY-MM-DDThh:mm:ssZ, exactly. */
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	if (strlen(v) != sizeof shape - 1)
		return 0;
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? !(v[i] >= '0' && v[i] <= '9') : v[i] != shape[i])
			return 0;
	char why[128];
	return folio_isodate_check(v, why, sizeof why) == 0;
}

void epub_check_metadata(struct epub_check *c)
{
	const xmlNode *root = epub_root(c->opf), *md = epub_child(root, OPF_NS, "metadata");
	const char *uid = epub_prop(root, "unique-identifier");
	int titles = 0, langs = 0, modified = 0, uid_found = 0;
	char why[160];
	if (md == NULL) {
		epub_diag_at(c->d, FOLIO_R_EPUB_METADATA, c->opf, root, "the package document has no <metadata>");
		return;
	}
	for (const xmlNode *n = md->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || n->ns == NULL)
			continue;
		const char *name = (const char *)n->name;
		int dc = epub_is_el(n, DC_NS, name);
		char *v = epub_text(n);
		const char *id = epub_prop(n, "id");
		if (dc && strcmp(name, "identifier") == 0 && uid && id && strcmp(id, uid) == 0) {
			uid_found = 1;
			if (*v == '\0')
				epub_diag_at(c->d, FOLIO_R_EPUB_METADATA, c->opf, n, "the unique identifier is empty");
		}
		if (dc && (strcmp(name, "identifier") == 0 || strcmp(name, "source") == 0 ||
			   strcmp(name, "relation") == 0))
			id_check(c, n, strcmp(name, "identifier") == 0 ? "dc:identifier" : strcmp(name, "source") == 0
				 ? "dc:source" : "dc:relation");
		if (dc && strcmp(name, "title") == 0)
			titles += *v != '\0';
		if (dc && strcmp(name, "language") == 0) {
			langs++;
			if (folio_bcp47_check(v, why, sizeof why) != 0)
				epub_diag_at(c->d, FOLIO_R_LANG_TAG, c->opf, n, "dc:language \"%s\": %s", v, why);
		}
		if (dc && strcmp(name, "date") == 0 && folio_isodate_check(v, why, sizeof why) != 0)
			epub_diag_at(c->d, FOLIO_R_DATE, c->opf, n, "dc:date \"%s\": %s", v, why);
		const char *p = epub_is_el(n, OPF_NS, "meta") ? epub_prop(n, "property") : NULL;
		if (p && strcmp(p, "dcterms:modified") == 0 && !epub_prop(n, "refines")) {
			if (modified++ == 0 && !modified_form(v))
				epub_diag_at(c->d, FOLIO_R_EPUB_METADATA, c->opf, n,
					     "dcterms:modified \"%s\" is not of the form CCYY-MM-DDThh:mm:ssZ", v);
			else if (modified == 2)
				epub_diag_at(c->d, FOLIO_R_EPUB_METADATA, c->opf, n, "dcterms:modified is given twice");
		}
		if (p && strcmp(p, "dcterms:identifier") == 0)
			id_check(c, n, "a dcterms:identifier");
		free(v);
	}
	if (uid == NULL)
		epub_diag_at(c->d, FOLIO_R_EPUB_METADATA, c->opf, root,
			     "the package has no unique-identifier attribute");
	else if (!uid_found)
		epub_diag_at(c->d, FOLIO_R_EPUB_METADATA, c->opf, md,
			     "no dc:identifier has id=\"%s\", the package's unique-identifier", uid);
	if (titles == 0)
		epub_diag_at(c->d, FOLIO_R_EPUB_METADATA, c->opf, md, "there is no (non-empty) dc:title");
	if (langs == 0)
		epub_diag_at(c->d, FOLIO_R_EPUB_METADATA, c->opf, md, "there is no dc:language");
	if (modified == 0 && c->version == 3)
		epub_diag_at(c->d, FOLIO_R_EPUB_METADATA, c->opf, md,
			     "there is no meta property=\"dcterms:modified\" (required by EPUB 3)");
}
