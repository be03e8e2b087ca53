/* front.c — compile and apply the stylesheet on this thread, load and check
 * the source on another (see front.h). */
#include "front.h"
#include "keep.h"
#include "xalloc.h"
#include "xform.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* What the two threads share.  The source thread loads the source, reads
 * its metadata and images, copies the tree (with the images' output names)
 * and posts the copy (`state` leaves WAIT) before it validates and checks
 * the source: from then on the caller owns `copy` and transforms it, and the
 * threads share no tree.  The source thread sets `checked` when its
 * messages are all said; once the caller has `released` the copy and the
 * compiled stylesheet, it frees them with the source while the caller
 * writes the output; folio_front_free joins. */
enum { WAIT, GO, GIVE_UP };

struct folio_front_job {
	struct folio_checker *checker;
	const char *src;
	struct folio_diags *d;    /* the source thread's messages, until checked */
	struct folio_front *f;    /* metadata and images, until checked */
	struct folio_diags imd;   /* the images' messages */
	int rc, imrc;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int state;
	xmlDocPtr copy;           /* the tree to transform */
	const char *root;         /* the source's folder, for document() */
	const char *path;         /* the source, for messages */
	int checked;
	int released;             /* the caller is done with copy and xform */
	int exiting;              /* the process ends next: keep, not free (keep.h) */
	struct folio_xform *xform;
	pthread_t th;
	int threaded;
};

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

/* Loads, copies and checks the source, and returns it for finish(). */
static struct folio_doc *check(struct folio_front_job *j)
{
	struct folio_doc *doc = NULL;
	j->rc = folio_load(j->src, j->d, &doc);
	if (j->rc == 0) {
		struct folio_front *f = j->f;
		folio_meta_read(doc, &f->m);
		j->imrc = folio_images_collect(doc, f->m.cover_image, &f->im, &j->imd);
		/* The writers need the metadata and the images, not the tree. */
		f->m.cover_image = NULL;
		xmlDocPtr copy = xmlCopyDoc(doc->doc, 1);
		if (copy != NULL)
			folio_images_rename(&f->im, copy);
		post(j, GO, copy, doc);
		j->rc = folio_checker_check(j->checker, doc, j->d);
	} else {
		post(j, GIVE_UP, NULL, NULL);
	}
	pthread_mutex_lock(&j->mu);
	j->checked = 1;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
	return doc;
}

/* Frees (or keeps, at exit) the source, the copy and the stylesheet. */
static void finish(struct folio_front_job *j, struct folio_doc *doc)
{
	if (j->exiting) {
		folio_keep(j->xform);
		folio_keep(j->copy);
		folio_keep(doc);
	} else {
		folio_xform_free(j->xform);
		xmlFreeDoc(j->copy);
		folio_doc_free(doc);
	}
	j->xform = NULL;
	j->copy = NULL;
}

static void *source_thread(void *arg)
{
	struct folio_front_job *j = arg;
	struct folio_doc *doc = check(j);
	pthread_mutex_lock(&j->mu);
	while (!j->released)
		pthread_cond_wait(&j->cv, &j->mu);
	pthread_mutex_unlock(&j->mu);
	finish(j, doc);
	return NULL;
}

int folio_front_run(struct folio_checker *checker, const char *src, const char *xsl,
		    const char *const *params, int exiting, struct folio_diags *d,
		    struct folio_front *f)
{
	struct folio_front_job *j = folio_xcalloc(1, sizeof *j);
	struct folio_diags xd;    /* what the stylesheet reports */
	struct folio_doc *doc = NULL;
	xmlDocPtr inter = NULL;

	memset(f, 0, sizeof *f);
	f->job = j;
	j->checker = checker;
	j->src = src;
	j->d = d;
	j->f = f;
	j->exiting = exiting;
	j->state = WAIT;
	folio_diags_init(&j->imd);
	folio_diags_init(&xd);
	pthread_mutex_init(&j->mu, NULL);
	pthread_cond_init(&j->cv, NULL);
	folio_load_init();   /* the entity-loader hook, before a thread reads */
	j->threaded = pthread_create(&j->th, NULL, source_thread, j) == 0;
	if (!j->threaded)
		doc = check(j);

	/* The source thread starts late on an idle machine, and the
	 * stylesheet is the longer of the two threads' work: it starts here. */
	j->xform = folio_xform_new(xsl, &xd);
	pthread_mutex_lock(&j->mu);
	while (j->state == WAIT)
		pthread_cond_wait(&j->cv, &j->mu);
	int go = j->state == GO;
	pthread_mutex_unlock(&j->mu);
	if (go && j->xform != NULL && j->copy != NULL)
		inter = folio_xform_apply(j->xform, j->copy, j->root, params, &xd);
	else if (go && j->xform != NULL)
		folio_diag(&xd, FOLIO_R_XSLT, j->path, 0, 0, "out of memory copying the tree");

	pthread_mutex_lock(&j->mu);
	while (!j->checked)
		pthread_cond_wait(&j->cv, &j->mu);
	j->released = 1;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
	if (!j->threaded)
		finish(j, doc);

	/* The stylesheet's and the images' messages count only for a usable
	 * source: an invalid one is refused before them, as it always was. */
	int rc = j->rc;
	if (rc == 0 && j->imrc != 0) {
		folio_diags_move(d, &j->imd);
		rc = 1;
	} else if (rc == 0) {
		folio_diags_move(d, &xd);
		if (inter == NULL)
			rc = 2;
		f->inter = inter;
		inter = NULL;
	}
	xmlFreeDoc(inter);
	folio_diags_free(&xd);
	return rc;
}

void folio_front_free(struct folio_front *f)
{
	struct folio_front_job *j = f->job;
	if (j != NULL) {
		if (j->threaded)
			pthread_join(j->th, NULL);
		folio_diags_free(&j->imd);
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
