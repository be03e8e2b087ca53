/* atomic.c — temporary file + fsync + rename, the only way Folio writes. */
#include "atomic.h"
#include "paths.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int folio_atomic_begin(struct folio_atomic *a, const char *dest)
{
	a->dest = folio_xstrdup(dest);
	char *dir = folio_path_dir(dest);
	const char *base = strrchr(dest, '/');
	base = base ? base + 1 : dest;
	a->tmp = folio_xasprintf("%s/.%s.XXXXXX", dir, base);
	free(dir);
	int fd = mkstemp(a->tmp);
	if (fd < 0) {
		int e = errno;
		free(a->tmp);
		free(a->dest);
		a->tmp = a->dest = NULL;
		errno = e;
		return -1;
	}
	/* mkstemp makes 0600; outputs are ordinary files. */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	close(fd);
	return 0;
}

int folio_atomic_commit(struct folio_atomic *a)
{
	int fd = open(a->tmp, O_RDONLY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	if (rename(a->tmp, a->dest) != 0)
		return -1;
	free(a->tmp);
	a->tmp = NULL;
	return 0;
}

void folio_atomic_abort(struct folio_atomic *a)
{
	if (a->tmp != NULL)
		unlink(a->tmp);
	free(a->tmp);
	free(a->dest);
	a->tmp = a->dest = NULL;
}

int folio_atomic_write(const char *dest, const void *data, size_t len)
{
	struct folio_atomic a;
	if (folio_atomic_begin(&a, dest) != 0)
		return -1;
	int rc = -1;
	FILE *fp = fopen(a.tmp, "wb");
	if (fp == NULL)
		goto out;
	size_t n = fwrite(data, 1, len, fp);
	if (fclose(fp) != 0 || n != len)
		goto out;
	rc = folio_atomic_commit(&a);
out:
	{
		int e = errno;
		folio_atomic_abort(&a);
		errno = e;
	}
	return rc;
}
