/* validate.h — schema validation: RELAX NG and Schematron.
 *
 * Owns the profile schema (schemas/folio.rng + schemas/folio.sch) and the
 * official DocBook 5 RELAX NG schema (--docbook), compiled once per validator
 * and reusable for many documents, and turns libxml2's validity errors into
 * plain words: which element, under which parent, what is allowed there.
 * Read side: used by the tools and by every write-side tool before building. */
#ifndef FOLIO_VALIDATE_H
#define FOLIO_VALIDATE_H

#include "diag.h"
#include "load.h"

enum folio_schema_kind {
	FOLIO_SCHEMA_PROFILE,    /* schemas/folio.rng + schemas/folio.sch */
	FOLIO_SCHEMA_DOCBOOK     /* the distribution's DocBook 5 RNG */
};

struct folio_validator;

/* Compiles the schemas of `kind`.  Returns NULL, with a schema-missing record
 * in d, when a schema cannot be found or compiled. */
struct folio_validator *folio_validator_new(enum folio_schema_kind kind,
					    struct folio_diags *d);
void folio_validator_free(struct folio_validator *v);
/* Validates a loaded document; records go to d.  Returns 0 when valid. */
int folio_validate(struct folio_validator *v, struct folio_doc *doc,
		   struct folio_diags *d);
/* Where the official DocBook 5 RNG is (XML catalog, then known paths);
 * NULL when not installed.  Caller frees. */
char *folio_docbook_rng_path(void);

#endif
