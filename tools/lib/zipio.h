/* zipio.h — writing ZIP containers the way EPUB wants them (libzip).
 *
 * Entries are added in the order given and written at close: "mimetype"
 * stored, everything else deflated, every entry's DOS time set explicitly
 * from one UTC timestamp (libzip's zip_file_set_mtime would use local time),
 * no extra fields, never torrentzip.  The archive is built in memory and
 * written atomically (folio_atomic_write) only when complete.
 * Write side: used by the EPUB writer. */
#ifndef FOLIO_ZIPIO_H
#define FOLIO_ZIPIO_H

#include <stddef.h>
#include <time.h>

struct folio_zip;

/* Opens a new archive that will become `dest`.  NULL with *err (caller frees)
 * on failure. */
struct folio_zip *folio_zip_create(const char *dest, time_t mtime, char **err);
/* Adds an entry; the data is copied.  store = 1 keeps it uncompressed. */
int folio_zip_add(struct folio_zip *z, const char *name, const void *data,
		  size_t len, int store, char **err);
/* Adds an entry that takes ownership of `data` (malloc'd), avoiding a copy. */
int folio_zip_add_owned(struct folio_zip *z, const char *name, void *data,
			size_t len, int store, char **err);
/* Writes the archive and renames it into place.  Returns 0, or -1 with *err;
 * either way `z` is freed. */
int folio_zip_commit(struct folio_zip *z, char **err);
/* Drops the archive (or a batch): nothing is written; frees `z`. */
void folio_zip_abort(struct folio_zip *z);

/* Batches: entries deflated apart (on another thread, say) and copied into
 * an archive without being deflated again.  A batch is filled with
 * folio_zip_add / folio_zip_add_owned, closed (that compresses it), then
 * handed to folio_zip_add_batch, which adds its entries in their order and
 * takes ownership.  Different batches may be filled on different threads. */
struct folio_zip *folio_zip_batch(time_t mtime, char **err);
int folio_zip_batch_close(struct folio_zip *b, char **err);
int folio_zip_add_batch(struct folio_zip *z, struct folio_zip *b, char **err);

#endif
