/* fuzzutil.h — what the libFuzzer targets of tests/fuzz share.
 *
 * A private scratch folder, made once per process and removed at exit, for
 * the entry points that take a path (folio_load, folio_epub_check,
 * folio_compare_run): each input is written there under a fixed name, so
 * that the source root, and with it every XInclude and external entity, is
 * that folder and nothing else.  For the fuzz targets only. */
#ifndef FOLIO_FUZZUTIL_H
#define FOLIO_FUZZUTIL_H

#include <stddef.h>
#include <stdint.h>

/* Points FOLIO_DATADIR at the build tree's share/folio unless it is set. */
void fuzz_datadir(void);
/* The scratch folder (made on first call; exits 1 when it cannot be). */
const char *fuzz_dir(void);
/* Writes data[0..size) to fuzz_dir()/name and returns the path (static,
 * overwritten by the next call); exits 1 on failure. */
const char *fuzz_write(const char *name, const uint8_t *data, size_t size);

#endif
