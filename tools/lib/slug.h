/* slug.h — ASCII file-name slugs for titles in any language.
 *
 * Owns how a title becomes part of a file name: iconv //TRANSLIT under a
 * UTF-8 locale ("Économie et société" → "economie-et-societe"), then a fixed
 * character set (a–z, 0–9, single hyphens), with a stable fallback for
 * titles in scripts that do not transliterate (Arabic, CJK, Cyrillic with
 * the C locale's tables): the slug of the element's xml:id, else a hash of
 * the title.  A set of slugs keeps names unique within one output ("intro",
 * "intro-2").  Pure helpers, safe from any thread (the transliterating
 * locale is the calling thread's own for the duration of a call); used by
 * folio-html and folio-pack for file names. */
#ifndef FOLIO_SLUG_H
#define FOLIO_SLUG_H

#include <stddef.h>

#define FOLIO_SLUG_MAX 64       /* characters, cut at a hyphen when possible */

/* The slug of `title` (UTF-8; NULL is an empty title).  When fewer than
 * half of its letters and digits transliterate to ASCII, or nothing is
 * left, the slug of `id` (may be NULL) is used instead; when that is empty
 * too, "s-" and eight hex digits of a hash of the title.  Names Windows
 * reserves ("con", "nul", "com1"…) get "-0" appended.  Never NULL; the
 * caller frees. */
char *folio_slug_make(const char *title, const char *id);

/* Slugs unique within one output: a small hash set of the names given. */
struct folio_slugs {
	char **slot;            /* open addressing; NULL: empty */
	size_t n, cap;
};

void folio_slug_init(struct folio_slugs *s);
/* Returns `slug` itself when unused so far, else the first of slug-2,
 * slug-3… that is (the base cut so that the result stays within
 * FOLIO_SLUG_MAX).  The string returned belongs to the set. */
const char *folio_slug_unique(struct folio_slugs *s, const char *slug);
/* Frees every string of the set (not the struct); NULL-safe. */
void folio_slug_free(struct folio_slugs *s);

#endif
