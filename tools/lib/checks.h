/* checks.h — the checks no schema can do.
 *
 * Identifier check digits (ISBN, ISSN), BCP 47 tags, ISO dates, unique ids,
 * dangling links, images (exist, inside the source tree, type by content,
 * alt text), empty sections, heading levels, link schemes, page-break order.
 * One small function per rule, dispatched from a table.  Read side. */
#ifndef FOLIO_CHECKS_H
#define FOLIO_CHECKS_H

#include "diag.h"
#include "load.h"

/* Runs every check on a loaded document; records go to d. */
void folio_checks_run(struct folio_doc *doc, struct folio_diags *d);

#endif
