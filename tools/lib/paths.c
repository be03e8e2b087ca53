/* paths.c — where Folio's data lives, and lexical path confinement.
 *
 * Confinement is decided on absolute, normalised paths (and on resolved real
 * paths where the file exists, so a symbolic link cannot lead out of the
 * source folder). */
#include "paths.h"
#include "xalloc.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/uri.h>

#ifndef FOLIO_DATA_RELDIR
#define FOLIO_DATA_RELDIR "../share/folio"
#endif

char *folio_path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return folio_xstrdup(".");
	if (slash == path)
		return folio_xstrdup("/");
	return folio_xstrndup(path, (size_t)(slash - path));
}

char *folio_path_join(const char *dir, const char *rel)
{
	if (rel[0] == '/')
		return folio_xstrdup(rel);
	size_t n = strlen(dir);
	if (n > 0 && dir[n - 1] == '/')
		return folio_xasprintf("%s%s", dir, rel);
	return folio_xasprintf("%s/%s", dir, rel);
}

char *folio_path_normalize(const char *abs)
{
	if (abs[0] != '/')
		return NULL;
	size_t n = strlen(abs);
	char *out = folio_xmalloc(n + 2);
	size_t len = 0;
	const char *p = abs;
	while (*p) {
		while (*p == '/')
			p++;
		const char *seg = p;
		while (*p && *p != '/')
			p++;
		size_t sl = (size_t)(p - seg);
		if (sl == 0 || (sl == 1 && seg[0] == '.'))
			continue;
		if (sl == 2 && seg[0] == '.' && seg[1] == '.') {
			if (len == 0) {
				free(out);
				return NULL;
			}
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--;  /* the slash itself */
			continue;
		}
		out[len++] = '/';
		memcpy(out + len, seg, sl);
		len += sl;
	}
	if (len == 0)
		out[len++] = '/';
	out[len] = '\0';
	return out;
}

int folio_path_inside(const char *root, const char *path)
{
	size_t n = strlen(root);
	if (n == 1 && root[0] == '/')
		return path[0] == '/';
	return strncmp(root, path, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

char *folio_path_absolute(const char *path)
{
	if (path[0] == '/')
		return folio_path_normalize(path);
	char cwd[PATH_MAX];
	if (getcwd(cwd, sizeof cwd) == NULL)
		return NULL;
	char *joined = folio_path_join(cwd, path);
	char *norm = folio_path_normalize(joined);
	free(joined);
	return norm;
}

static char *exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return folio_path_dir(buf);
}

char *folio_data_path(const char *rel)
{
	const char *env = getenv("FOLIO_DATADIR");
	char *path = NULL;
	if (env && *env) {
		path = folio_path_join(env, rel);
		if (access(path, R_OK) == 0)
			return path;
		free(path);
	}
	char *dir = exe_dir();
	if (dir == NULL)
		return NULL;
	char *data = folio_path_join(dir, FOLIO_DATA_RELDIR);
	path = folio_path_join(data, rel);
	free(dir);
	free(data);
	if (access(path, R_OK) == 0)
		return path;
	free(path);
	return NULL;
}

int folio_url_has_scheme(const char *ref)
{
	const char *c = ref;
	while (*c && (isalnum((unsigned char)*c) || *c == '+' || *c == '-' || *c == '.'))
		c++;
	return *c == ':' && c - ref > 1;
}

char *folio_path_resolve(const char *dir, const char *ref)
{
	char *unesc = xmlURIUnescapeString(ref, 0, NULL);
	char *joined = folio_path_join(dir, unesc ? unesc : ref);
	xmlFree(unesc);
	char *norm = folio_path_normalize(joined);
	free(joined);
	return norm;
}

char *folio_path_from_url(const char *url)
{
	if (url == NULL)
		return NULL;
	const char *p = url;
	if (strncmp(p, "file://", 7) == 0) {
		p += 7;
		if (strncmp(p, "localhost/", 10) == 0)
			p += 9;
		if (*p != '/')
			return NULL;
	} else if (folio_url_has_scheme(p)) {
		return NULL;    /* http:, ftp:, …: not a file */
	}
	char *unesc = xmlURIUnescapeString(p, 0, NULL);
	if (unesc == NULL)
		return NULL;
	char *abs = folio_path_absolute(unesc);
	xmlFree(unesc);
	return abs;
}
