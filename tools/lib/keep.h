/* keep.h — memory left to the operating system at exit.
 *
 * A tool that exits right after its work need not walk its large trees to
 * free them: for a 100-page book that walk is a tenth of a folio-epub run.
 * What is handed to folio_keep stays reachable from a static list until the
 * process ends, so leak checkers (LeakSanitizer, valgrind) count it as in
 * use, not as lost.  Only for the last step of a command-line tool. */
#ifndef FOLIO_KEEP_H
#define FOLIO_KEEP_H

/* Keeps `p` (any heap block, NULL allowed) until exit. */
void folio_keep(void *p);

#endif
