/* paths.h — file-system helpers: where Folio's data lives, path confinement.
 *
 * Helpers only (libxml2 for URL unescaping).  The caller frees every
 * returned string. */
#ifndef FOLIO_PATHS_H
#define FOLIO_PATHS_H

/* Absolute path of a file shipped with Folio (e.g. "schemas/folio.rng"):
 * $FOLIO_DATADIR, else <dir of the running tool>/../share/folio (the build
 * tree and the install prefix have the same layout).  NULL if not found. */
char *folio_data_path(const char *rel);
/* The directory part of a path ("." when none). */
char *folio_path_dir(const char *path);
/* Joins a directory and a relative path; an absolute `rel` is returned as is. */
char *folio_path_join(const char *dir, const char *rel);
/* Lexically normalises an absolute path (".", "..", "//"); NULL if it climbs
 * above "/". */
char *folio_path_normalize(const char *abs);
/* 1 when `path` (absolute, normalised) is `root` or below it. */
int folio_path_inside(const char *root, const char *path);
/* Absolute, normalised form of a path relative to the current directory. */
char *folio_path_absolute(const char *path);
/* The absolute, normalised path a file name or file: URL (as libxml2 reports
 * them) names, %-escapes undone; NULL for a URL of any other scheme. */
char *folio_path_from_url(const char *url);
/* 1 when `ref` starts with a URL scheme ("http:", "file:"; not a one-letter
 * one). */
int folio_url_has_scheme(const char *ref);
/* `ref` (a relative URL: %-escapes undone) resolved against the absolute
 * folder `dir`, normalised; NULL when it climbs above "/". */
char *folio_path_resolve(const char *dir, const char *ref);

#endif
