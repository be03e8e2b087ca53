/* front.c — load and check the source on this thread, compile and apply the
 * stylesheet on another (see front.h). */
#include "front.h"
#include "keep.h"
#include "xalloc.h"
#include "xform.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* What the two threads share.  The stylesheet thread compiles, then waits
 * (under mu) until `state` leaves WAIT.  Given GO it owns `copy`, a copy of
 * the source tree the caller made (with the images' output names) while the
 * stylesheet compiled, and transforms it: the threads share no tree.  It
 * sets `done` when `inter` is ready; once the caller has `released` the
 * source (whose messages are all said by then), it frees that, the compiled
 * stylesheet and the copy while the caller writes the output;
 * folio_front_free joins. */
enum { WAIT, GO, GIVE_UP };

struct folio_front_job {
	const char *xsl;
	const char *const *params;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int state;
	xmlDocPtr copy;           /* the tree to transform */
	const char *root;         /* the source's folder, for document() */
	const char *path;         /* the source, for messages */
	struct folio_diags d;     /* what the stylesheet thread reports */
	xmlDocPtr inter;          /* its result */
	int done;
	int released;             /* the caller handed over `source` */
	int exiting;              /* the process ends next: keep, not free (keep.h) */
	struct folio_doc *source; /* to free, with the rest, on this thread */
	pthread_t th;
	int threaded;
};

static void *transform(void *arg)
{
	struct folio_front_job *j = arg;
	struct folio_xform *x = folio_xform_new(j->xsl, &j->d);
	pthread_mutex_lock(&j->mu);
	while (j->state == WAIT)
		pthread_cond_wait(&j->cv, &j->mu);
	int go = j->state == GO;
	pthread_mutex_unlock(&j->mu);
	if (go && x != NULL && j->copy != NULL)
		j->inter = folio_xform_apply(x, j->copy, j->root, j->params, &j->d);
	else if (go && x != NULL)
		folio_diag(&j->d, FOLIO_R_XSLT, j->path, 0, 0, "out of memory copying the tree");
	pthread_mutex_lock(&j->mu);
	j->done = 1;
	pthread_cond_broadcast(&j->cv);
	while (!j->released)
		pthread_cond_wait(&j->cv, &j->mu);
	pthread_mutex_unlock(&j->mu);
	if (j->exiting) {
		folio_keep(x);
		folio_keep(j->copy);
		folio_keep(j->source);
	} else {
		folio_xform_free(x);
		xmlFreeDoc(j->copy);
		folio_doc_free(j->source);
	}
	j->copy = NULL;
	j->source = NULL;
	return NULL;
}

static void post(struct folio_front_job *j, int state, xmlDocPtr copy, const struct folio_doc *src)
{
	pthread_mutex_lock(&j->mu);
	j->copy = copy;
	j->root = src ? src->root : NULL;
	j->path = src ? src->path : NULL;
	j->state = state;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
}

int folio_front_run(struct folio_checker *checker, const char *src, const char *xsl,
		    const char *const *params, int exiting, struct folio_diags *d,
		    struct folio_front *f)
{
	struct folio_front_job *j = folio_xcalloc(1, sizeof *j);
	struct folio_diags imd;
	int imrc = 0;

	memset(f, 0, sizeof *f);
	f->job = j;
	j->xsl = xsl;
	j->params = params;
	j->exiting = exiting;
	j->state = WAIT;
	folio_diags_init(&j->d);
	folio_diags_init(&imd);
	pthread_mutex_init(&j->mu, NULL);
	pthread_cond_init(&j->cv, NULL);
	folio_load_init();   /* the entity-loader hook, before a thread reads */
	j->threaded = pthread_create(&j->th, NULL, transform, j) == 0;

	struct folio_doc *doc = NULL;
	int rc = folio_load(src, d, &doc);
	if (rc == 0) {
		folio_meta_read(doc, &f->m);
		imrc = folio_images_collect(doc, f->m.cover_image, &f->im, &imd);
		/* Copied here, while the stylesheet compiles: the transform is
		 * the longer of the two threads' work for any sizeable book. */
		xmlDocPtr copy = xmlCopyDoc(doc->doc, 1);
		if (copy != NULL)
			folio_images_rename(&f->im, copy);
		post(j, GO, copy, doc);
		rc = folio_checker_check(checker, doc, d);
	} else {
		post(j, GIVE_UP, NULL, NULL);
	}
	if (j->threaded) {
		pthread_mutex_lock(&j->mu);
		while (!j->done)
			pthread_cond_wait(&j->cv, &j->mu);
		pthread_mutex_unlock(&j->mu);
	}
	/* The writers need the metadata and the images, not the tree. */
	f->m.cover_image = NULL;
	pthread_mutex_lock(&j->mu);
	j->source = doc;
	j->released = 1;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
	if (!j->threaded)
		transform(j);

	/* The stylesheet's and the images' messages count only for a usable
	 * source: an invalid one is refused before them, as it always was. */
	if (rc == 0 && imrc != 0) {
		folio_diags_move(d, &imd);
		rc = 1;
	} else if (rc == 0) {
		folio_diags_move(d, &j->d);
		if (j->inter == NULL)
			rc = 2;
		f->inter = j->inter;
		j->inter = NULL;
	}
	folio_diags_free(&imd);
	return rc;
}

void folio_front_free(struct folio_front *f)
{
	struct folio_front_job *j = f->job;
	if (j != NULL) {
		if (j->threaded)
			pthread_join(j->th, NULL);
		xmlFreeDoc(j->inter);
		folio_diags_free(&j->d);
		pthread_mutex_destroy(&j->mu);
		pthread_cond_destroy(&j->cv);
		free(j);
	}
	if (f->inter != NULL)
		xmlFreeDoc(f->inter);
	folio_images_free(&f->im);
	folio_meta_free(&f->m);
	memset(f, 0, sizeof *f);
}
