/* media.h — what a file is, by its content: image media types.
 *
 * Helpers only.  Used by the checks (image type vs. name and format) and by
 * the EPUB and HTML writers (manifest media types come from content, never
 * from the file name). */
#ifndef FOLIO_MEDIA_H
#define FOLIO_MEDIA_H

#include <stddef.h>

/* "image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml", or
 * NULL when the bytes are not an image Folio knows. */
const char *folio_media_sniff(const unsigned char *p, size_t n);
/* The media type a file name or DocBook format attribute implies ("PNG",
 * "jpg", "images/a.svg"), or NULL when it implies none. */
const char *folio_media_from_name(const char *name);
/* Reads a whole file of at most `max` bytes; NULL when it cannot (errno set;
 * EFBIG when too large).  The caller frees. */
unsigned char *folio_media_read(const char *path, size_t max, size_t *len);

#endif
