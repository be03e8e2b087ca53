/* front.c — load and check the source on this thread, compile and apply the
 * stylesheet on another (see front.h). */
#include "front.h"
#include "xalloc.h"
#include "xform.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* What the two threads share.  The stylesheet thread compiles, then waits
 * (under mu) until `state` leaves WAIT.  Given GO it copies the source tree
 * (both threads only read the source from then on: the caller validates it
 * while this thread copies), names the images in the copy and transforms
 * it.  It sets `done` when `inter` is ready; once the caller has `released`
 * the source (whose messages are all said by then), it frees that, the
 * compiled stylesheet and the copy while the caller writes the output;
 * folio_front_free joins. */
enum { WAIT, GO, GIVE_UP };

struct folio_front_job {
	const char *xsl;
	const char *const *params;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int state;
	const struct folio_doc *src;     /* read only, until `released` */
	const struct folio_images *im;   /* the images' names in the output */
	struct folio_diags d;     /* what the stylesheet thread reports */
	xmlDocPtr inter;          /* its result */
	int done;
	int released;             /* the caller handed over `source` */
	struct folio_doc *source; /* to free, with the rest, on this thread */
	pthread_t th;
	int threaded;
};

static void *transform(void *arg)
{
	struct folio_front_job *j = arg;
	xmlDocPtr copy = NULL;
	struct folio_xform *x = folio_xform_new(j->xsl, &j->d);
	pthread_mutex_lock(&j->mu);
	while (j->state == WAIT)
		pthread_cond_wait(&j->cv, &j->mu);
	int go = j->state == GO;
	pthread_mutex_unlock(&j->mu);
	if (go && x != NULL && (copy = xmlCopyDoc(j->src->doc, 1)) != NULL) {
		folio_images_rename(j->im, copy);
		j->inter = folio_xform_apply(x, copy, j->src->root, j->params, &j->d);
	} else if (go && x != NULL) {
		folio_diag(&j->d, FOLIO_R_XSLT, j->src->path, 0, 0, "out of memory copying the tree");
	}
	pthread_mutex_lock(&j->mu);
	j->done = 1;
	pthread_cond_signal(&j->cv);
	while (!j->released)
		pthread_cond_wait(&j->cv, &j->mu);
	pthread_mutex_unlock(&j->mu);
	folio_xform_free(x);
	xmlFreeDoc(copy);
	folio_doc_free(j->source);
	j->source = NULL;
	return NULL;
}

static void post(struct folio_front_job *j, int state, const struct folio_doc *src,
		 const struct folio_images *im)
{
	pthread_mutex_lock(&j->mu);
	j->src = src;
	j->im = im;
	j->state = state;
	pthread_cond_signal(&j->cv);
	pthread_mutex_unlock(&j->mu);
}

int folio_front_run(struct folio_checker *checker, const char *src, const char *xsl,
		    const char *const *params, struct folio_diags *d, struct folio_front *f)
{
	struct folio_front_job *j = folio_xcalloc(1, sizeof *j);
	struct folio_diags imd;
	int imrc = 0;

	memset(f, 0, sizeof *f);
	f->job = j;
	j->xsl = xsl;
	j->params = params;
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
		post(j, GO, doc, &f->im);
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
	pthread_cond_signal(&j->cv);
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
