/* rngintro.h — what a RELAX NG grammar allows, said in element names.
 *
 * Owns a model of a RELAX NG grammar (XML syntax): its defines indexed by
 * name (combine="choice"/"interleave" merged), include and externalRef read
 * relative to the schema file, and every element pattern with its content.
 * From it: which child elements and attributes an element may have, what
 * must come first, and a replay of a document against the grammar (RELAX NG
 * derivatives) that finds each real problem once and says it in plain words
 * at the node it concerns.  libxml2 stays the judge of validity; this model
 * only explains.  For use by validate.c and its tests.  The model is
 * immutable after folio_rngintro_new: queries and replays keep their state
 * per call, so threads may share a model. */
#ifndef FOLIO_RNGINTRO_H
#define FOLIO_RNGINTRO_H

#include <stddef.h>
#include <libxml/tree.h>

struct folio_rng;

/* Reads an XML file (a schema) without touching libxml2's global error
 * handler and without network access.  Returns the document, or NULL with
 * *err set to a message the caller frees. */
xmlDocPtr folio_rngintro_read(const char *path, char **err);

/* Builds the model of the grammar in `rng` (the document is not kept).
 * Returns NULL with *err set (the caller frees) when the grammar is not a
 * RELAX NG grammar or an include cannot be read.  Free the model with
 * folio_rngintro_free. */
struct folio_rng *folio_rngintro_new(xmlDocPtr rng, char **err);
void folio_rngintro_free(struct folio_rng *g);

/* A sorted list of names as users read them: DocBook elements by their local
 * name, other namespaces with the schema's prefix ("xlink:href", "xml:id"). */
struct folio_names {
	char **v;
	size_t n;
	int text;                /* text is allowed too */
	int any;                 /* any element (or attribute) of some namespace */
};
void folio_names_free(struct folio_names *n);
/* "a, b, c" — at most `max` names, then ", … and N more"; the caller frees. */
char *folio_names_join(const struct folio_names *n, size_t max);

/* For an element (namespace URI, local name), unioned over every element
 * pattern of that name: the child elements its content may hold anywhere
 * (without entering another element), its attributes, and the names one of
 * which must come first (empty when its content may start otherwise).
 * Return 0, or -1 when the grammar has no element of that name (out is
 * then empty).  The caller frees out with folio_names_free. */
int folio_rngintro_children(const struct folio_rng *g, const char *ns, const char *name,
			    struct folio_names *out);
int folio_rngintro_attributes(const struct folio_rng *g, const char *ns, const char *name,
			      struct folio_names *out);
int folio_rngintro_first(const struct folio_rng *g, const char *ns, const char *name,
			 struct folio_names *out);

/* Called once per problem, with the node it concerns (an element, an
 * attribute or a text node) and the message in plain words. */
typedef void (*folio_rngintro_report)(void *ctx, const xmlNode *node, const char *msg);

/* Replays `doc` against the grammar and reports each problem once.  Lenient
 * where it cannot decide (an except inside data, list contents, rare
 * facets), so it never reports what libxml2 accepts.  Returns the number of
 * problems reported. */
size_t folio_rngintro_check(const struct folio_rng *g, xmlDocPtr doc,
			    folio_rngintro_report report, void *ctx);

#endif
