/* diag.h — diagnostics: the catalogue, the collection, the printers.
 *
 * Owns every message Folio reports about its input.  Modules add records to a
 * struct folio_diags (never print); the tools choose a printer at the end.
 * Severities come from the catalogue in rules.def; -Wno-RULE drops a rule at
 * emit time; -Werror turns warnings into errors; the worst severity seen is
 * sticky and becomes the exit code.  Included by every read-side and
 * write-side module and by the tools. */
#ifndef FOLIO_DIAG_H
#define FOLIO_DIAG_H

#include <stdio.h>
#include <stddef.h>

enum folio_sev { FOLIO_NOTE = 0, FOLIO_WARNING = 1, FOLIO_ERROR = 2 };

enum folio_rule {
#define RULE(sym, id, sev, doc) FOLIO_R_##sym,
#include "rules.def"
#undef RULE
	FOLIO_R_COUNT
};

struct folio_rule_info {
	const char *id;
	enum folio_sev sev;
	const char *doc;
};

/* The catalogue row of a rule. */
const struct folio_rule_info *folio_rule_info(enum folio_rule r);
/* The rule with this id, or -1. */
int folio_rule_find(const char *id);

struct folio_diag {
	char *file;             /* as the user named it; may be NULL */
	int line, col;          /* 1-based; 0 when unknown */
	enum folio_sev sev;     /* after -Werror */
	char *rule;             /* rule id, e.g. "isbn" or "sch-cover-alt" */
	char *msg;
};

struct folio_diags {
	struct folio_diag *v;
	size_t n, cap;
	int werror;             /* warnings count as errors */
	char **off;             /* rule ids silenced with -Wno-RULE */
	size_t noff, offcap;
	size_t count[3];        /* by severity, after filtering */
	int worst;              /* -1 when nothing was reported */
};

void folio_diags_init(struct folio_diags *d);
void folio_diags_free(struct folio_diags *d);
/* Silences a rule (or a Schematron rule id "sch-…").  Returns -1 when the id
 * is neither in the catalogue nor a Schematron id. */
int folio_diags_silence(struct folio_diags *d, const char *rule);

/* Adds a record with the catalogue's severity. */
void folio_diag(struct folio_diags *d, enum folio_rule r, const char *file,
		int line, int col, const char *fmt, ...)
  __attribute__((format(printf, 6, 7)));
/* Adds a record under a rule id that is not in the catalogue (Schematron's
 * own ids), with an explicit severity. */
void folio_diag_id(struct folio_diags *d, const char *rule, enum folio_sev sev,
		   const char *file, int line, int col, const char *fmt, ...)
  __attribute__((format(printf, 7, 8)));

/* Orders records by file, line, column (stable), and drops exact repeats. */
void folio_diags_sort(struct folio_diags *d);
/* Moves the records of `from` (a list another thread filled) into d, through
 * d's -Wno-RULE and -Werror; `from` is left empty. */
void folio_diags_move(struct folio_diags *d, struct folio_diags *from);
/* 1 when an error (or a warning under -Werror) was reported. */
int folio_diags_failed(const struct folio_diags *d);

enum folio_format { FOLIO_FMT_TEXT, FOLIO_FMT_JSON, FOLIO_FMT_JUNIT, FOLIO_FMT_GITHUB };
/* Parses "text", "json", "junit", "github"; -1 when unknown. */
int folio_format_parse(const char *s);

struct folio_print_opts {
	enum folio_format format;
	int color;              /* text only: ANSI colours */
	const char *tool;       /* e.g. "folio-check", for JUnit/JSON */
	const char *const *inputs; /* the files checked, for JUnit test cases */
	size_t ninputs;
};
/* Prints every record to `out` in the chosen format. */
void folio_diags_print(const struct folio_diags *d, FILE *out,
		       const struct folio_print_opts *o);

const char *folio_sev_name(enum folio_sev s);

#endif
