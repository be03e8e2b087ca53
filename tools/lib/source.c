/* source.c — load → validate → check, with schemas compiled once. */
#include "source.h"
#include "checks.h"
#include "keep.h"
#include "media.h"
#include "paths.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

int folio_checker_run(struct folio_checker *c, const char *path,
		      struct folio_diags *d, struct folio_doc **out)
{
	size_t errors = d->count[FOLIO_ERROR];
	int rc = folio_load(path, d, out);
	if (rc != 0)
		return rc;
	rc = folio_checker_check(c, *out, d);
	return rc == 2 ? 2 : d->count[FOLIO_ERROR] > errors ? 1 : 0;
}

int folio_checker_check(struct folio_checker *c, struct folio_doc *doc, struct folio_diags *d)
{
	size_t errors = d->count[FOLIO_ERROR];
	if (c->use_profile) {
		if (c->profile == NULL && (c->profile = folio_validator_new(FOLIO_SCHEMA_PROFILE, d)) == NULL)
			return 2;
		folio_validate(c->profile, doc, d);
	}
	if (c->use_docbook) {
		if (c->docbook == NULL && (c->docbook = folio_validator_new(FOLIO_SCHEMA_DOCBOOK, d)) == NULL)
			return 2;
		folio_validate(c->docbook, doc, d);
	}
	folio_checks_run(doc, d);
	return d->count[FOLIO_ERROR] > errors ? 1 : 0;
}

void folio_checker_fini(struct folio_checker *c)
{
	folio_validator_free(c->profile);
	folio_validator_free(c->docbook);
	c->profile = c->docbook = NULL;
}

void folio_checker_keep(struct folio_checker *c)
{
	folio_keep(c->profile);
	folio_keep(c->docbook);
	c->profile = c->docbook = NULL;
}

int folio_rule_known(const char *id)
{
	if (folio_rule_find(id) >= 0)
		return 1;
	if (strncmp(id, "sch-", 4) != 0)
		return 0;
	/* Schematron messages begin "sch-id:"; look for that in the rules. */
	char *path = folio_data_path("schemas/folio.sch");
	size_t len = 0;
	unsigned char *text = path ? folio_media_read(path, 4u * 1024u * 1024u, &len) : NULL;
	int found = 0;
	if (text != NULL) {
		text[len] = '\0';
		char *pat = folio_xasprintf("%s:", id);
		for (const char *p = (const char *)text; (p = strstr(p, pat)) != NULL; p++)
			if (p == (const char *)text || !(p[-1] == '-' || (p[-1] >= 'a' && p[-1] <= 'z'))) {
				found = 1;
				break;
			}
		free(pat);
	}
	free(text);
	free(path);
	return found;
}
