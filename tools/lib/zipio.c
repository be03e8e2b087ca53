/* zipio.c — deterministic ZIP writing with libzip for EPUB packaging. */
#include "zipio.h"
#include "atomic.h"
#include "xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

struct folio_zip {
	zip_t *za;              /* being written */
	zip_source_t *buf;      /* the archive, built in memory */
	char *dest;             /* NULL for a batch */
	zip_uint16_t dtime, ddate;
	zip_t *rd;              /* a closed batch, open for reading */
	struct folio_zip **parts;  /* batches whose entries this archive copies */
	size_t nparts, partcap;
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

static struct folio_zip *open_mem(const char *dest, time_t mtime, char **err)
{
	struct folio_zip *z = folio_xcalloc(1, sizeof *z);
	zip_error_t ze;
	zip_error_init(&ze);
	/* In memory, then written with folio_atomic_write: libzip's own
	 * temporary file would cost a name from its secure random source. */
	z->buf = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (z->buf != NULL) {
		z->za = zip_open_from_source(z->buf, ZIP_TRUNCATE, &ze);
		if (z->za == NULL)
			zip_source_free(z->buf);
		else
			zip_source_keep(z->buf);
	}
	if (z->za == NULL) {
		*err = folio_xasprintf("cannot start the archive for %s: %s", dest ? dest : "a batch",
				       zip_error_strerror(&ze));
		zip_error_fini(&ze);
		free(z);
		return NULL;
	}
	zip_error_fini(&ze);
	z->dest = dest ? folio_xstrdup(dest) : NULL;
	dos_time(mtime, &z->dtime, &z->ddate);
	return z;
}

struct folio_zip *folio_zip_create(const char *dest, time_t mtime, char **err)
{
	return open_mem(dest, mtime, err);
}

struct folio_zip *folio_zip_batch(time_t mtime, char **err)
{
	return open_mem(NULL, mtime, err);
}

/* Frees an archive that is no longer being written, with its batches. */
static void release(struct folio_zip *z)
{
	if (z == NULL)
		return;
	if (z->za != NULL)
		zip_discard(z->za);
	if (z->rd != NULL)
		zip_discard(z->rd);
	for (size_t i = 0; i < z->nparts; i++)
		release(z->parts[i]);
	free(z->parts);
	zip_source_free(z->buf);
	free(z->dest);
	free(z);
}

int folio_zip_batch_close(struct folio_zip *b, char **err)
{
	zip_error_t ze;
	zip_error_init(&ze);
	if (zip_close(b->za) != 0) {
		*err = zerr(b->za, "cannot compress a batch");
		zip_error_fini(&ze);
		return -1;
	}
	b->za = NULL;
	zip_source_keep(b->buf);
	b->rd = zip_open_from_source(b->buf, ZIP_RDONLY, &ze);
	if (b->rd == NULL) {
		zip_source_free(b->buf);
		*err = folio_xasprintf("cannot read a batch back: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	zip_error_fini(&ze);
	return 0;
}

int folio_zip_add_batch(struct folio_zip *z, struct folio_zip *b, char **err)
{
	z->parts = folio_xgrow(z->parts, &z->partcap, z->nparts + 1, sizeof *z->parts);
	z->parts[z->nparts++] = b;
	zip_int64_t n = zip_get_num_entries(b->rd, 0);
	for (zip_int64_t k = 0; k < n; k++) {
		zip_uint64_t i = (zip_uint64_t)k;
		const char *name = zip_get_name(b->rd, i, ZIP_FL_ENC_RAW);
		/* The whole entry: libzip copies its deflated data as it is. */
		zip_source_t *src = name ? zip_source_zip(z->za, b->rd, i, 0, 0, -1) : NULL;
		if (src == NULL) {
			*err = zerr(z->za, name ? name : "a batch entry");
			return -1;
		}
		zip_int64_t idx = zip_file_add(z->za, name, src, ZIP_FL_ENC_UTF_8);
		if (idx < 0) {
			zip_source_free(src);
			*err = zerr(z->za, name);
			return -1;
		}
		if (zip_file_set_dostime(z->za, (zip_uint64_t)idx, z->dtime, z->ddate, 0) != 0) {
			*err = zerr(z->za, name);
			return -1;
		}
	}
	return 0;
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
	if (zip_set_file_compression(z->za, i, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 : 1) != 0 ||
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
	void *data = NULL;
	if (zip_close(z->za) != 0) {
		*err = zerr(z->za, "cannot write the archive");
		goto out;
	}
	z->za = NULL;
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_source_stat(z->buf, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
	    zip_source_open(z->buf) != 0) {
		*err = folio_xasprintf("cannot read the archive back: %s",
				       zip_error_strerror(zip_source_error(z->buf)));
		goto out;
	}
	data = folio_xmalloc(st.size ? st.size : 1);
	zip_int64_t n = zip_source_read(z->buf, data, st.size);
	zip_source_close(z->buf);
	if (n < 0 || (zip_uint64_t)n != st.size) {
		*err = folio_xasprintf("cannot read the archive back");
		goto out;
	}
	if (folio_atomic_write(z->dest, data, st.size) != 0) {
		*err = folio_xasprintf("cannot write %s: %s", z->dest, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(data);
	release(z);
	return rc;
}

void folio_zip_abort(struct folio_zip *z)
{
	release(z);
}
