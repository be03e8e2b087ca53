/* compare.h — a language edition checked against its original.
 *
 * Owns folio-compare's work: loading (and validating) the original, the
 * translation and optionally the base (the original as it was when the
 * translation was made), pairing their blocks by xml:id and by position,
 * the checks on each pair (rules "cmp-…" of rules.def), and the JSON and
 * HTML reports.  Findings are records of the caller's struct folio_diags,
 * located in the translation, with the original's place and both texts in
 * the message; the comparison keeps, for each record, what the JSON and
 * HTML reports add (the original's location, both texts, the xml:id).
 * Top of the read side: used by tools/folio-compare.c only. */
#ifndef FOLIO_COMPARE_H
#define FOLIO_COMPARE_H

#include "buf.h"
#include "diag.h"

struct folio_compare_opts {
	const char *base;       /* --base OLD_ORIGINAL, or NULL */
	int validate;           /* validate both editions as folio-check does */
};

struct folio_compare;

/* Compares `translation` with `original`.  Every problem goes to d: the
 * validation records of both editions, then the findings.  Returns 0 when
 * the comparison ran (findings or not), 1 when an edition has errors that
 * stop it (not well-formed, not DocBook), 2 when a file cannot be read.
 * *out receives the comparison for the reports (NULL unless 0 is
 * returned); the caller frees it with folio_compare_free, before d. */
int folio_compare_run(const struct folio_compare_opts *o, const char *original,
		      const char *translation, struct folio_diags *d,
		      struct folio_compare **out);
void folio_compare_free(struct folio_compare *c);

/* Orders d's records by file, line and column, keeping the comparison's
 * extra data in step.  c may be NULL (then only d is sorted). */
void folio_compare_sort(struct folio_compare *c, struct folio_diags *d);

/* The JSON report (documented in folio-compare(1)): the fields of
 * folio-check's JSON and, per record, "id", "original" and "translation".
 * c may be NULL (validation records only).  Appends to out. */
void folio_compare_json(const struct folio_compare *c, const struct folio_diags *d,
			const char *original, const char *translation,
			struct folio_buf *out);

/* The HTML report: one self-contained page (inline CSS, no script) with a
 * summary by rule, the records that belong to no block, and then the two
 * editions side by side, pair by pair, findings highlighted and linked.
 * c may be NULL.  Appends to out. */
void folio_compare_html(const struct folio_compare *c, const struct folio_diags *d,
			const char *original, const char *translation,
			struct folio_buf *out);

#endif
