/* atomic.h — outputs that appear whole or not at all.
 *
 * A file is written to a temporary name in the destination's folder, flushed
 * and renamed over the destination; a failed run leaves no partial file and
 * never touches an existing one.  Helpers only: used by every write-side
 * module and tool. */
#ifndef FOLIO_ATOMIC_H
#define FOLIO_ATOMIC_H

#include <stddef.h>

struct folio_atomic {
	char *dest;             /* the final path */
	char *tmp;              /* the temporary path, in dest's folder */
};

/* Reserves a temporary file next to `dest` (created empty, mode 0644 less the
 * umask).  Returns 0, or -1 with errno set. */
int folio_atomic_begin(struct folio_atomic *a, const char *dest);
/* Renames the temporary over the destination (after fsync).  Returns 0 or -1. */
int folio_atomic_commit(struct folio_atomic *a);
/* Removes the temporary (if still there) and frees; safe after commit. */
void folio_atomic_abort(struct folio_atomic *a);
/* Writes a whole buffer atomically.  Returns 0 or -1 with errno set. */
int folio_atomic_write(const char *dest, const void *data, size_t len);

#endif
