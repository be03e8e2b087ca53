/* media.c — content sniffing for the image types EPUB readers support. */
#include "media.h"
#include "xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static int looks_like_svg(const unsigned char *p, size_t n)
{
	/* An XML document whose first element is <svg …>, within 4 KB. */
	size_t lim = n < 4096 ? n : 4096;
	size_t i = 0;
	if (lim >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	while (i < lim) {
		while (i < lim && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
			i++;
		if (i >= lim || p[i] != '<')
			return 0;
		if (i + 4 <= lim && (memcmp(p + i, "<?", 2) == 0 || memcmp(p + i, "<!", 2) == 0)) {
			/* Declaration, comment or DOCTYPE: skip to its end. */
			const char *end = memcmp(p + i, "<!--", 4) == 0 ? "-->" : ">";
			size_t el = strlen(end);
			size_t j = i + 2;
			while (j + el <= lim && memcmp(p + j, end, el) != 0)
				j++;
			if (j + el > lim)
				return 0;
			i = j + el;
			continue;
		}
		i++;
		/* An optional prefix: <svg:svg */
		size_t s = i;
		while (i < lim && p[i] != ' ' && p[i] != '>' && p[i] != '\n' && p[i] != '\t' && p[i] != '\r' && p[i] != '/')
			i++;
		size_t len = i - s;
		const unsigned char *name = p + s;
		const unsigned char *colon = memchr(name, ':', len);
		if (colon) {
			len -= (size_t)(colon + 1 - name);
			name = colon + 1;
		}
		return len == 3 && memcmp(name, "svg", 3) == 0;
	}
	return 0;
}

const char *folio_media_sniff(const unsigned char *p, size_t n)
{
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return "image/jpeg";
	if (n >= 6 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
		return "image/gif";
	if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
		return "image/webp";
	if (looks_like_svg(p, n))
		return "image/svg+xml";
	return NULL;
}

const char *folio_media_from_name(const char *name)
{
	static const struct { const char *ext, *type; } map[] = {
		{"png", "image/png"}, {"jpg", "image/jpeg"}, {"jpeg", "image/jpeg"},
		{"gif", "image/gif"}, {"webp", "image/webp"}, {"svg", "image/svg+xml"},
	};
	if (name == NULL)
		return NULL;
	const char *dot = strrchr(name, '.');
	const char *ext = dot ? dot + 1 : name;
	if (dot && strchr(dot, '/'))
		return NULL;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcasecmp(ext, map[i].ext) == 0)
			return map[i].type;
	return NULL;
}

unsigned char *folio_media_read(const char *path, size_t max, size_t *len)
{
	*len = 0;
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	struct stat st;
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(fp);
		errno = EINVAL;
		return NULL;
	}
	if ((size_t)st.st_size > max) {
		fclose(fp);
		errno = EFBIG;
		return NULL;
	}
	unsigned char *buf = folio_xmalloc((size_t)st.st_size + 1);
	size_t n = fread(buf, 1, (size_t)st.st_size, fp);
	fclose(fp);
	if (n != (size_t)st.st_size) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	*len = n;
	return buf;
}
