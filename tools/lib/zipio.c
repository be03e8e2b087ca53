/* zipio.c — deterministic ZIP writing with libzip for EPUB packaging. */
#include "zipio.h"
#include "atomic.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

struct folio_zip {
	zip_t *za;
	struct folio_atomic out;
	zip_uint16_t dtime, ddate;
};

static char *zerr(zip_t *za, const char *what)
{
	return folio_xasprintf("%s: %s", what, za ? zip_strerror(za) : "libzip error");
}

/* MS-DOS date and time fields from a UTC time (2-second resolution,
 * 1980..2107). */
static void dos_time(time_t t, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
	struct tm tm;
	if (t < 315532800)      /* 1980-01-01, the DOS epoch */
		t = 315532800;
	gmtime_r(&t, &tm);
	*dtime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
	*ddate = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

struct folio_zip *folio_zip_create(const char *dest, time_t mtime, char **err)
{
	struct folio_zip *z = folio_xcalloc(1, sizeof *z);
	if (folio_atomic_begin(&z->out, dest) != 0) {
		*err = folio_xasprintf("cannot create a file next to %s", dest);
		free(z);
		return NULL;
	}
	int zerrno = 0;
	z->za = zip_open(z->out.tmp, ZIP_TRUNCATE, &zerrno);
	if (z->za == NULL) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerrno);
		*err = folio_xasprintf("cannot open %s: %s", z->out.tmp, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		folio_atomic_abort(&z->out);
		free(z);
		return NULL;
	}
	dos_time(mtime, &z->dtime, &z->ddate);
	return z;
}

static int add(struct folio_zip *z, const char *name, const void *data, size_t len,
	       int store, int owned, char **err)
{
	zip_source_t *src = zip_source_buffer(z->za, data, len, owned);
	if (src == NULL) {
		if (owned)
			free((void *)data);
		*err = zerr(z->za, name);
		return -1;
	}
	zip_int64_t idx = zip_file_add(z->za, name, src, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(src);
		*err = zerr(z->za, name);
		return -1;
	}
	zip_uint64_t i = (zip_uint64_t)idx;
	if (zip_set_file_compression(z->za, i, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 : 6) != 0 ||
	    zip_file_set_dostime(z->za, i, z->dtime, z->ddate, 0) != 0) {
		*err = zerr(z->za, name);
		return -1;
	}
	return 0;
}

int folio_zip_add(struct folio_zip *z, const char *name, const void *data,
		  size_t len, int store, char **err)
{
	void *copy = folio_xmalloc(len ? len : 1);
	memcpy(copy, data, len);
	return add(z, name, copy, len, store, 1, err);
}

int folio_zip_add_owned(struct folio_zip *z, const char *name, void *data,
			size_t len, int store, char **err)
{
	return add(z, name, data, len, store, 1, err);
}

int folio_zip_commit(struct folio_zip *z, char **err)
{
	int rc = -1;
	if (zip_close(z->za) != 0) {
		*err = zerr(z->za, "cannot write the archive");
		zip_discard(z->za);
		goto out;
	}
	if (folio_atomic_commit(&z->out) != 0) {
		*err = folio_xasprintf("cannot rename the archive into %s", z->out.dest);
		goto out;
	}
	rc = 0;
out:
	folio_atomic_abort(&z->out);
	free(z);
	return rc;
}

void folio_zip_abort(struct folio_zip *z)
{
	if (z == NULL)
		return;
	zip_discard(z->za);
	folio_atomic_abort(&z->out);
	free(z);
}
