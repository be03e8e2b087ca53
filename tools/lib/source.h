/* source.h — the read side in one call: load, validate, check.
 *
 * A checker holds the compiled schemas so that many sources can be checked
 * with one compile (folio-check FILE…, folio-pack's editions).  Used by
 * folio-check and by every write-side tool, which refuses to build from a
 * source with errors. */
#ifndef FOLIO_SOURCE_H
#define FOLIO_SOURCE_H

#include "diag.h"
#include "load.h"
#include "validate.h"

struct folio_checker {
	int use_profile;        /* folio.rng + folio.sch */
	int use_docbook;        /* the official DocBook 5 RNG */
	struct folio_validator *profile, *docbook;  /* compiled on first use */
};

/* Loads, validates and checks `path`.  Returns 0 when the source is usable
 * (warnings may have been reported), 1 when it has errors, 2 when it or a
 * schema cannot be read.  *out receives the loaded document (or NULL); the
 * caller frees it with folio_doc_free. */
int folio_checker_run(struct folio_checker *c, const char *path,
		      struct folio_diags *d, struct folio_doc **out);
/* Validates and checks a loaded source (folio_checker_run without the
 * load).  Same return values. */
int folio_checker_check(struct folio_checker *c, struct folio_doc *doc, struct folio_diags *d);
/* 1 when `id` names a rule: a catalogue row, or a Schematron rule of the
 * profile (schemas/folio.sch), so that -Wno-typo is a usage error. */
int folio_rule_known(const char *id);
/* Frees the compiled schemas (not the struct). */
void folio_checker_fini(struct folio_checker *c);
/* Instead of folio_checker_fini just before the process exits: leaves the
 * compiled schemas to the system (keep.h). */
void folio_checker_keep(struct folio_checker *c);

#endif
