/* rngnames.c — names as users read them: lists of element and attribute
 * names (struct folio_names) gathered from patterns, sorted, made unique
 * and joined into the words of a message.  DocBook elements go by their
 * local name, other namespaces with the schema's prefix. */
#include "rngint.h"
#include "buf.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void folio_names_free(struct folio_names *n)
{
	if (n == NULL)
		return;
	for (size_t i = 0; i < n->n; i++)
		free(n->v[i]);
	free(n->v);
	memset(n, 0, sizeof *n);
}

/* xml:* first (xml:id, xml:lang are what users reach for), then plain names,
 * then other prefixes; alphabetical within each. */
static int name_rank(const char *s)
{
	if (strncmp(s, "xml:", 4) == 0)
		return 0;
	return strchr(s, ':') ? 2 : 1;
}

static int cmp_attr_name(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int r = name_rank(x) - name_rank(y);
	return r ? r : strcmp(x, y);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts by `cmp` (which puts equal names next to each other) and frees
 * the repeats. */
static void sort_uniq(struct folio_names *n, int (*cmp)(const void *, const void *))
{
	if (n->n > 1)
		qsort(n->v, n->n, sizeof *n->v, cmp);
	size_t k = 0;
	for (size_t i = 0; i < n->n; i++) {
		if (k > 0 && strcmp(n->v[k - 1], n->v[i]) == 0)
			free(n->v[i]);
		else
			n->v[k++] = n->v[i];
	}
	n->n = k;
}

void rng_uniq_sorted(struct folio_names *n)
{
	sort_uniq(n, cmp_name);
}

void rng_add_name(struct folio_names *out, size_t *cap, const char *s)
{
	out->v = folio_xgrow(out->v, cap, out->n + 1, sizeof *out->v);
	out->v[out->n++] = folio_xstrdup(s);
}

static void nc_names(const struct folio_rng *g, int nc, struct folio_names *out, size_t *cap)
{
	const struct nc *c = &g->nc[nc];
	if (c->type == NC_NAME) {
		rng_add_name(out, cap, g->names[c->a].display);
	} else if (c->type == NC_CHOICE) {
		nc_names(g, c->a, out, cap);
		nc_names(g, c->b, out, cap);
	} else {
		out->any = 1;
	}
}

/* The names of element or attribute patterns, sorted and unique. */
void rng_names_of(const struct ws *w, const int *ids, size_t n, int attrs,
		  struct folio_names *out)
{
	size_t cap = 0;
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++)
		nc_names(w->g, rng_pt(w, ids[i]).a, out, &cap);
	sort_uniq(out, attrs ? cmp_attr_name : cmp_name);
}

char *folio_names_join(const struct folio_names *n, size_t max)
{
	size_t len = 1, shown = n->n < max ? n->n : max;
	for (size_t i = 0; i < shown; i++)
		len += strlen(n->v[i]) + 2;
	char *s = folio_xmalloc(len + 48);
	s[0] = '\0';
	size_t at = 0;
	for (size_t i = 0; i < shown; i++)
		at += (size_t)sprintf(s + at, "%s%s", i ? ", " : "", n->v[i]);
	if (shown < n->n)
		sprintf(s + at, ", … and %zu more", n->n - shown);
	return s;
}

/* "'a', 'b' and 'c'" (or "or"), sorted as attribute lists are. */
char *rng_quoted_list(struct folio_names *nm, const char *last_sep)
{
	struct folio_buf b = FOLIO_BUF_INIT;
	if (nm->n > 1)
		qsort(nm->v, nm->n, sizeof *nm->v, cmp_attr_name);
	for (size_t i = 0; i < nm->n; i++)
		folio_buf_printf(&b, "%s'%s'", i == 0 ? "" : i + 1 == nm->n ? last_sep : ", ", nm->v[i]);
	return b.data ? folio_buf_take(&b) : folio_xstrdup("");
}
