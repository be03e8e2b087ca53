/* keep.c — memory left to the operating system at exit (see keep.h). */
#include "keep.h"
#include "xalloc.h"

#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static void **kept;
static size_t nkept, keptcap;

void folio_keep(void *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&mu);
	kept = folio_xgrow(kept, &keptcap, nkept + 1, sizeof *kept);
	kept[nkept++] = p;
	pthread_mutex_unlock(&mu);
}
