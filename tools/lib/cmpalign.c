/* cmpalign.c — pairs the blocks of an original with those of a translation.
 *
 * First every xml:id found on both sides pairs its two units, wherever they
 * are.  Then, from the roots down, the children of each pair are matched:
 * the children paired by id that keep the original's order (the longest
 * increasing run) are anchors; the others are reported as moved.  Between
 * anchors, the remaining children pair by position within the same kind of
 * element — directly when both sides have the same sequence of kinds, else
 * by a sequence alignment that pairs as many as possible and, among those
 * pairings, the most alike (length, numbers, markup, shape).  What stays
 * alone is missing or extra.  The same pairing, run quietly, tells which
 * segments of the original changed since the base. */
#include "cmpint.h"
#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DP_LIMIT 4000000        /* cells; beyond, pair by position per kind */
#define MATCH 1000              /* a pair always beats any similarity */

struct ctx {
	struct align *al;
	struct folio_compare *c;    /* NULL: quiet */
};

static int child_list(const struct tree *t, int u, int **out)
{
	int n = t->u[u].nchild, k = 0;
	int *v = folio_xmalloc((size_t)(n ? n : 1) * sizeof *v);
	for (int ch = t->u[u].first; ch >= 0; ch = t->u[ch].next)
		v[k++] = ch;
	*out = v;
	return k;
}

static double closeness(double x, double y)
{
	if (x <= 0 && y <= 0)
		return 1;
	return (x < y ? x : y) / (x > y ? x : y);
}

/* How alike two units of the same kind are, 0..100. */
static int similarity(struct align *al, int x, int y)
{
	struct unit *a = &al->a->u[x], *b = &al->b->u[y];
	double r = log(((double)b->sublen + 20) / ((double)a->sublen + 20)) - al->prior;
	double s_len = exp(-2 * fabs(r));
	double s_shape = closeness(a->nchild, b->nchild);
	double s_num = 0.5, s_inl = 1;
	if (a->tlen || b->tlen) {
		cmp_unit_numbers(al->a, x);
		cmp_unit_numbers(al->b, y);
		a = &al->a->u[x];
		b = &al->b->u[y];
		if (a->nnums || b->nnums) {
			int i = 0, j = 0, common = 0;
			while (i < a->nnums && j < b->nnums) {
				if (a->nums[i] == b->nums[j])
					common++, i++, j++;
				else if (a->nums[i] < b->nums[j])
					i++;
				else
					j++;
			}
			s_num = (double)common / (a->nnums + b->nnums - common);
		}
		for (int k = 0; k < NINLINE; k++)
			if (a->inl[k] != b->inl[k])
				s_inl = 0.5;
	}
	return (int)(100 * (0.4 * s_len + 0.15 * s_shape + 0.3 * s_num + 0.15 * s_inl));
}

/* The alignment of a gap, within a band around the diagonal wide enough
 * for every block missing or extra on one side: score[i][j] is the best
 * pairing of xs[0..i) with ys[0..j) (no gap costs), stored for the band
 * only, so that a long flat chapter with one paragraph missing costs a few
 * hundred cells a row, not the whole square. */
struct band {
	int n, m, w;            /* w: half-width */
	size_t width;
	int *score;
};

#define NEG (-1000000000)

static long band_base(const struct band *bd, int i)
{
	return (long)((long long)i * bd->m / (bd->n ? bd->n : 1)) - bd->w;
}

static int *band_cell(const struct band *bd, int i, int j)
{
	long k = j - band_base(bd, i);
	if (k < 0 || (size_t)k >= bd->width)
		return NULL;
	return &bd->score[(size_t)i * bd->width + (size_t)k];
}

static int band_get(const struct band *bd, int i, int j)
{
	if (i == 0 || j == 0)
		return 0;
	int *c = band_cell(bd, i, j);
	return c ? *c : NEG;
}

/* Pairs xs[0..n) with ys[0..m) (all unpaired), keeping order. */
static void pair_gap(struct align *al, const int *xs, int n, const int *ys, int m)
{
	if (n == 0 || m == 0)
		return;
	int same = n == m;
	for (int i = 0; same && i < n; i++)
		same = al->a->u[xs[i]].cls == al->b->u[ys[i]].cls;
	struct band bd = {n, m, (n > m ? n - m : m - n) + 32, 0, NULL};
	bd.width = 2 * (size_t)bd.w + 1;
	if (same || ((size_t)n + 1) * bd.width > DP_LIMIT) {
		/* Position within each kind: the k-th paragraph with the k-th. */
		char *used = folio_xcalloc((size_t)m, 1);
		for (int i = 0; i < n; i++) {
			int cls = al->a->u[xs[i]].cls;
			for (int j = 0; j < m; j++) {
				if (used[j] || al->b->u[ys[j]].cls != cls)
					continue;
				used[j] = 1;
				al->pa[xs[i]] = ys[j];
				al->pb[ys[j]] = xs[i];
				break;
			}
		}
		free(used);
		return;
	}
	bd.score = folio_xmalloc(((size_t)n + 1) * bd.width * sizeof *bd.score);
	for (int i = 1; i <= n; i++) {
		long base = band_base(&bd, i);
		for (long j = base < 1 ? 1 : base; j <= m && j < base + (long)bd.width; j++) {
			int best = band_get(&bd, i - 1, (int)j);
			int left = band_get(&bd, i, (int)j - 1);
			if (left > best)
				best = left;
			if (al->a->u[xs[i - 1]].cls == al->b->u[ys[j - 1]].cls) {
				int diag = band_get(&bd, i - 1, (int)j - 1);
				if (diag > NEG) {
					int s = diag + MATCH + similarity(al, xs[i - 1], ys[j - 1]);
					if (s > best)
						best = s;
				}
			}
			*band_cell(&bd, i, (int)j) = best;
		}
	}
	int i = n, j = m;
	while (i > 0 && j > 0) {
		int here = band_get(&bd, i, j);
		if (here == band_get(&bd, i - 1, j)) {
			i--;
		} else if (here == band_get(&bd, i, j - 1)) {
			j--;
		} else {
			al->pa[xs[i - 1]] = ys[j - 1];
			al->pb[ys[j - 1]] = xs[i - 1];
			i--, j--;
		}
	}
	free(bd.score);
}

/* Indexes (into pos[0..n)) of a longest strictly increasing subsequence;
 * keep[i] = 1 for its members. */
static void lis(const int *pos, int n, char *keep)
{
	int *tail = folio_xmalloc((size_t)(n ? n : 1) * sizeof *tail);
	int *prev = folio_xmalloc((size_t)(n ? n : 1) * sizeof *prev);
	int len = 0;
	for (int i = 0; i < n; i++) {
		int lo = 0, hi = len;
		while (lo < hi) {
			int mid = (lo + hi) / 2;
			if (pos[tail[mid]] < pos[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo > 0 ? tail[lo - 1] : -1;
		tail[lo] = i;
		if (lo == len)
			len++;
	}
	for (int i = 0; i < n; i++)
		keep[i] = 0;
	for (int k = len ? tail[len - 1] : -1; k >= 0; k = prev[k])
		keep[k] = 1;
	free(tail);
	free(prev);
}

static void add_row(struct folio_compare *c, int a, int b, int depth)
{
	c->rows = folio_xgrow(c->rows, &c->rowcap, c->nrows + 1, sizeof *c->rows);
	c->rows[c->nrows].a = a;
	c->rows[c->nrows].b = b;
	c->rows[c->nrows].depth = depth;
	c->nrows++;
}

/* Rows for a unit alone and everything in it. */
static void add_alone(struct folio_compare *c, const struct tree *t, int u, int side_a)
{
	int depth = t->u[u].depth;
	for (size_t i = (size_t)u; i < t->n && (i == (size_t)u || t->u[i].depth > depth); i++)
		add_row(c, side_a ? (int)i : -1, side_a ? -1 : (int)i, t->u[i].depth);
}

static int count_cls(const struct tree *t, const int *v, int n, int cls)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		k += t->u[v[i]].cls == cls;
	return k;
}

static char *sample(const struct tree *t, int u)
{
	const char *s = cmp_unit_sample(t, u);
	return cmp_excerpt(s, strlen(s), 0, 0, 60);
}

static void report_missing(struct ctx *x, int ua, int ub, int a, const int *A, int na,
			   const int *B, int nb, const xmlNode *at)
{
	struct folio_compare *c = x->c;
	const struct unit *u = &c->orig.u[a];
	char where[512];
	char *s = sample(&c->orig, a);
	cmp_where(c, a, where, sizeof where);
	if (u->kind == U_SECTION) {
		cmp_report(c, FOLIO_R_CMP_SECTION_MISSING, a, -1, at, s, NULL,
			   "%s%s%s of the original (%s) is missing here", u->label,
			   u->id ? " " : "", u->id ? u->id : "", where);
	} else if (strcmp(u->label, "footnote") == 0) {
		cmp_report(c, FOLIO_R_CMP_FOOTNOTE, a, ub, c->trans.u[ub].node, s, NULL,
			   "footnote of the original (%s) is missing from this %s", where,
			   c->trans.u[ub].label);
	} else {
		int ka = count_cls(&c->orig, A, na, u->cls), kb = count_cls(&c->trans, B, nb, u->cls);
		cmp_report(c, FOLIO_R_CMP_MISSING, a, -1, at, s, NULL,
			   "%s of the original (%s) is missing here: the original's %s has %d %s, this one %d",
			   u->label, where, c->orig.u[ua].label, ka, ka == 1 ? u->label : u->plural, kb);
	}
	free(s);
}

static void report_extra(struct ctx *x, int ua, int ub, int b, const int *A, int na,
			 const int *B, int nb)
{
	struct folio_compare *c = x->c;
	const struct unit *u = &c->trans.u[b];
	char where[512];
	char *s = sample(&c->trans, b);
	cmp_where(c, ua, where, sizeof where);
	if (u->kind == U_SECTION) {
		cmp_report(c, FOLIO_R_CMP_SECTION_EXTRA, -1, b, NULL, NULL, s,
			   "%s%s%s is not in the original (%s)", u->label, u->id ? " " : "",
			   u->id ? u->id : "", where);
	} else if (strcmp(u->label, "footnote") == 0) {
		cmp_report(c, FOLIO_R_CMP_FOOTNOTE, ua, b, NULL, NULL, s,
			   "footnote not in the original's %s (%s)", c->orig.u[ua].label, where);
	} else {
		int ka = count_cls(&c->orig, A, na, u->cls), kb = count_cls(&c->trans, B, nb, u->cls);
		cmp_report(c, FOLIO_R_CMP_EXTRA, -1, b, NULL, NULL, s,
			   "%s not in the original: the original's %s (%s) has %d %s, this one %d",
			   u->label, c->orig.u[ua].label, where, ka, ka == 1 ? u->label : u->plural, kb);
	}
	free(s);
	(void)ub;
}

static void report_moved(struct ctx *x, int a, int b, int under_other_parent)
{
	struct folio_compare *c = x->c;
	const struct unit *u = &c->orig.u[a];
	char where[512];
	char *sa = sample(&c->orig, a), *sb = sample(&c->trans, b);
	cmp_where(c, a, where, sizeof where);
	if (strcmp(u->label, "footnote") == 0) {
		const char *pid = cmp_unit_near_id(&c->orig, u->parent);
		cmp_report(c, FOLIO_R_CMP_FOOTNOTE, a, b, NULL, sa, sb,
			   "footnote %s is not where the original has it (%s, in %s %s)",
			   u->id ? u->id : "", where, c->orig.u[u->parent].label, pid ? pid : "");
	} else if (under_other_parent) {
		const char *pid = cmp_unit_near_id(&c->orig, u->parent);
		cmp_report(c, FOLIO_R_CMP_ORDER, a, b, NULL, sa, sb,
			   "%s %s is under another parent than in the original (%s, in %s)",
			   u->label, u->id ? u->id : "", where, pid ? pid : "the root");
	} else {
		cmp_report(c, FOLIO_R_CMP_ORDER, a, b, NULL, sa, sb,
			   "%s %s is in another order than in the original (%s)",
			   u->label, u->id ? u->id : "", where);
	}
	free(sa);
	free(sb);
}

static void align_pair(struct ctx *x, int ua, int ub);

static void place_pair(struct ctx *x, int a, int b)
{
	struct align *al = x->al;
	al->done_a[a] = al->done_b[b] = 1;
	if (x->c)
		add_row(x->c, a, b, al->a->u[a].depth);
	align_pair(x, a, b);
}

static void align_pair(struct ctx *x, int ua, int ub)
{
	struct align *al = x->al;
	int *A, *B;
	int na = child_list(al->a, ua, &A), nb = child_list(al->b, ub, &B);

	/* Anchors: children paired by id with a child of ub, in A's order. */
	int *apos = folio_xmalloc((size_t)(na ? na : 1) * sizeof *apos);
	int *aidx = folio_xmalloc((size_t)(na ? na : 1) * sizeof *aidx);
	int nanch = 0;
	for (int j = 0; j < nb; j++)
		al->posb[B[j]] = j;
	for (int i = 0; i < na; i++) {
		int p = al->pa[A[i]];
		if (p < 0 || al->b->u[p].parent != ub)
			continue;
		aidx[nanch] = i;
		apos[nanch++] = al->posb[p];
	}
	char *keep = folio_xmalloc((size_t)(nanch ? nanch : 1));
	lis(apos, nanch, keep);
	if (x->c)
		for (int k = 0; k < nanch; k++)
			if (!keep[k])
				report_moved(x, A[aidx[k]], al->pa[A[aidx[k]]], 0);

	/* The gaps between kept anchors. */
	int *xs = folio_xmalloc((size_t)(na ? na : 1) * sizeof *xs);
	int *ys = folio_xmalloc((size_t)(nb ? nb : 1) * sizeof *ys);
	int ia = 0, ib = 0;
	for (int k = 0; k <= nanch; k++) {
		if (k < nanch && !keep[k])
			continue;
		int ea = k < nanch ? aidx[k] : na, eb = k < nanch ? apos[k] : nb;
		int n = 0, m = 0;
		for (int i = ia; i < ea; i++)
			if (al->pa[A[i]] < 0)
				xs[n++] = A[i];
		for (int j = ib; j < eb; j++)
			if (al->pb[B[j]] < 0)
				ys[m++] = B[j];
		pair_gap(al, xs, n, ys, m);
		ia = ea + 1;
		ib = eb + 1;
	}
	free(xs);
	free(ys);
	free(keep);
	free(apos);
	free(aidx);

	/* Merge in document order, report what stays alone, descend. */
	int i = 0, j = 0;
	while (i < na || j < nb) {
		if (i < na && al->done_a[A[i]]) {
			i++;
		} else if (j < nb && al->done_b[B[j]]) {
			j++;
		} else if (i < na && al->pa[A[i]] < 0) {
			al->done_a[A[i]] = 1;
			if (x->c) {
				const xmlNode *at = j < nb ? al->b->u[B[j]].node : al->b->u[ub].node;
				report_missing(x, ua, ub, A[i], A, na, B, nb, at);
				add_alone(x->c, al->a, A[i], 1);
			}
			i++;
		} else if (j < nb && al->pb[B[j]] < 0) {
			al->done_b[B[j]] = 1;
			if (x->c) {
				report_extra(x, ua, ub, B[j], A, na, B, nb);
				add_alone(x->c, al->b, B[j], 0);
			}
			j++;
		} else if (i < na && j < nb && al->pa[A[i]] == B[j]) {
			place_pair(x, A[i], B[j]);
			i++, j++;
		} else if (i < na) {
			int p = al->pa[A[i]];
			if (x->c && al->b->u[p].parent != ub)
				report_moved(x, A[i], p, 1);
			place_pair(x, A[i], p);
			i++;
		} else {
			int p = al->pb[B[j]];
			if (x->c && al->a->u[p].parent != ua)
				report_moved(x, p, B[j], 1);
			place_pair(x, p, B[j]);
			j++;
		}
	}
	free(A);
	free(B);
}

void cmp_align(struct align *al, struct folio_compare *c)
{
	size_t na = al->a->n, nb = al->b->n;
	al->pa = folio_xmalloc((na ? na : 1) * sizeof *al->pa);
	al->pb = folio_xmalloc((nb ? nb : 1) * sizeof *al->pb);
	al->done_a = folio_xcalloc(na ? na : 1, 1);
	al->done_b = folio_xcalloc(nb ? nb : 1, 1);
	al->posb = folio_xmalloc((nb ? nb : 1) * sizeof *al->posb);
	for (size_t i = 0; i < na; i++)
		al->pa[i] = -1;
	for (size_t j = 0; j < nb; j++)
		al->pb[j] = -1;
	if (na == 0 || nb == 0)
		return;
	for (size_t i = 1; i < na; i++) {
		int j = cmp_tree_find(al->b, al->a->u[i].id);
		if (j > 0 && al->pb[j] < 0 && al->b->u[j].cls == al->a->u[i].cls) {
			al->pa[i] = j;
			al->pb[j] = (int)i;
		}
	}
	struct ctx x = {al, c};
	al->pa[0] = 0;
	al->pb[0] = 0;
	place_pair(&x, 0, 0);
	/* Pairs by id whose parents were both left alone are still to place. */
	for (size_t i = 1; i < na; i++)
		if (!al->done_a[i] && al->pa[i] >= 0 && !al->done_b[al->pa[i]])
			place_pair(&x, (int)i, al->pa[i]);
}

void cmp_align_free(struct align *al)
{
	free(al->pa);
	free(al->pb);
	free(al->done_a);
	free(al->done_b);
	free(al->posb);
	al->posb = NULL;
	al->pa = al->pb = NULL;
	al->done_a = al->done_b = NULL;
}
