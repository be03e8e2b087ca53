/* epubread.c — opening an EPUB's ZIP archive without trusting it.
 *
 * Everything libzip's central directory says is checked before a byte is
 * inflated: entry names (no absolute paths, "..", backslashes, control
 * characters, invalid UTF-8 or repeats), compression and encryption
 * methods, and the declared sizes against Folio's limits (count, per entry,
 * total, ratio).  Declared sizes may lie, and libzip inflates past them, so
 * every read stops one byte after the size declared: a lying entry is caught
 * after at most that many bytes.  Each entry is then streamed once through a
 * small buffer, which checks its CRC, keeps its first bytes for sniffing and
 * finds truncated data, before any check looks at it. */
#include "epubint.h"
#include "buf.h"
#include "encoding.h"
#include "xalloc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>

#define MAX_SAID 5              /* unreadable entries named one by one */

static const char *zerr(zip_t *za)
{
	return zip_error_strerror(zip_get_error(za));
}

static void say_unopenable(const char *path, int code, struct folio_diags *d)
{
	unsigned char magic[4] = {0};
	FILE *fp = fopen(path, "rb");
	size_t got = fp ? fread(magic, 1, sizeof magic, fp) : 0;
	if (fp)
		fclose(fp);
	if (code == ZIP_ER_NOZIP && got == 0)
		folio_diag(d, FOLIO_R_EPUB_ZIP, path, 0, 0, "the file is empty, not an EPUB (a ZIP archive)");
	else if (code == ZIP_ER_NOZIP && got == 4 && memcmp(magic, "PK\3\4", 4) == 0)
		folio_diag(d, FOLIO_R_EPUB_ZIP, path, 0, 0,
			   "truncated: the file starts like a ZIP archive but its end (the central "
			   "directory) is missing; was it cut short while copying?");
	else if (code == ZIP_ER_NOZIP)
		folio_diag(d, FOLIO_R_EPUB_ZIP, path, 0, 0,
			   "not a ZIP archive, so not an EPUB (no end of central directory found)");
	else {
		zip_error_t ze;
		zip_error_init_with_code(&ze, code);
		folio_diag(d, FOLIO_R_EPUB_ZIP, path, 0, 0, "damaged ZIP archive: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
	}
}

/* Why an entry name could escape a folder or confuse one, or NULL. */
static const char *unsafe_name(const char *s)
{
	size_t n = strlen(s), badlen;
	if (n == 0)
		return "an empty name";
	if (s[0] == '/')
		return "an absolute path";
	if (strchr(s, '\\'))
		return "a backslash (a Windows path separator)";
	if (n >= 2 && s[1] == ':')
		return "a drive letter";
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return "a control character";
	if (folio_encoding_utf8_invalid((const unsigned char *)s, n, &badlen) != n)
		return "bytes that are not UTF-8";
	for (const char *seg = s; seg; seg = strchr(seg, '/') ? strchr(seg, '/') + 1 : NULL) {
		size_t len = strcspn(seg, "/");
		if (len == 2 && memcmp(seg, "..", 2) == 0)
			return "a \"..\" that climbs out of its folder";
		if ((len == 1 && seg[0] == '.') || (len == 0 && seg[len] == '/'))
			return "an empty or \".\" path segment";
	}
	return NULL;
}

static int by_name(const void *a, const void *b)
{
	const struct epub_name *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Sorts the names for lookup; a name given twice keeps its first entry. */
static void index_names(struct folio_epub *e, struct folio_diags *d)
{
	size_t k = 0;
	qsort(e->byname, e->nbyname, sizeof *e->byname, by_name);
	for (size_t i = 0; i < e->nbyname; i++) {
		if (k > 0 && strcmp(e->byname[k - 1].name, e->byname[i].name) == 0) {
			struct epub_entry *en = &e->v[e->byname[i].idx];
			folio_diag(d, FOLIO_R_EPUB_ZIP_SLIP, e->path, 0, 0,
				   "entry \"%s\" appears twice; only the first is used", en->name);
			free(en->name);
			en->name = NULL;
			continue;
		}
		e->byname[k++] = e->byname[i];
	}
	e->nbyname = k;
}

long folio_epub_find(const struct folio_epub *e, const char *name)
{
	size_t lo = 0, hi = e->nbyname;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(e->byname[mid].name, name);
		if (c == 0)
			return (long)e->byname[mid].idx;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Central directory checks: names, methods, sizes.  0 to go on, -1 when a
 * limit is passed (nothing will be inflated). */
static int check_directory(struct folio_epub *e, struct folio_diags *d)
{
	uint64_t total = 0;
	size_t unreadable = 0;
	for (size_t i = 0; i < e->n; i++) {
		struct epub_entry *en = &e->v[i];
		zip_stat_t st;
		en->index = i;
		if (zip_stat_index(e->za, i, ZIP_FL_ENC_RAW, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) {
			folio_diag(d, FOLIO_R_EPUB_ZIP, e->path, 0, 0, "entry %zu cannot be read: %s", i, zerr(e->za));
			continue;
		}
		en->size = st.size;
		en->comp = st.comp_size;
		en->method = st.comp_method;
		const char *why = unsafe_name(st.name);
		char *shown = folio_xstrdup(st.name);
		for (char *p = shown; *p; p++)
			if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7F)
				*p = '?';
		if (why) {
			folio_diag(d, FOLIO_R_EPUB_ZIP_SLIP, e->path, 0, 0,
				   "entry \"%s\" has %s; it is never used", shown, why);
		} else if (st.name[strlen(st.name) - 1] != '/') {
			en->name = folio_xstrdup(st.name);
			e->byname[e->nbyname].name = en->name;
			e->byname[e->nbyname++].idx = i;
			if (st.encryption_method != ZIP_EM_NONE) {
				en->broken = 1;
				if (++unreadable <= MAX_SAID)
					folio_diag(d, FOLIO_R_EPUB_ZIP, e->path, 0, 0, "entry \"%s\" is encrypted",
						   shown);
			} else if (st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE) {
				en->broken = 1;
				if (++unreadable <= MAX_SAID)
					folio_diag(d, FOLIO_R_EPUB_ZIP, e->path, 0, 0,
						   "entry \"%s\" uses compression method %u; EPUB allows "
						   "stored and deflated entries only", shown, (unsigned)st.comp_method);
			}
		}
		total += st.size;
		const char *bomb = NULL;
		if (st.size > FOLIO_EPUB_MAX_ENTRY)
			bomb = "more than Folio's limit for one entry";
		else if (st.size > FOLIO_EPUB_RATIO_FLOOR &&
			 st.size / (st.comp_size ? st.comp_size : 1) > FOLIO_EPUB_MAX_RATIO)
			bomb = "a compression ratio no document has";
		else if (total > FOLIO_EPUB_MAX_TOTAL)
			bomb = "past Folio's limit for the whole archive";
		if (bomb) {
			folio_diag(d, FOLIO_R_EPUB_ZIP_BOMB, e->path, 0, 0,
				   "entry \"%s\" inflates from %llu to %llu bytes, %s: a zip bomb? "
				   "Nothing was inflated", shown, (unsigned long long)st.comp_size,
				   (unsigned long long)st.size, bomb);
			free(shown);
			return -1;
		}
		free(shown);
	}
	if (unreadable > MAX_SAID)
		folio_diag(d, FOLIO_R_EPUB_ZIP, e->path, 0, 0,
			   "and %zu more entries are encrypted or use a compression method EPUB does not allow",
			   unreadable - MAX_SAID);
	return 0;
}

/* Inflates an entry into `sink` (NULL: only its first bytes are kept),
 * stopping one byte past its declared size.  0, or -1 (reported). */
static int inflate_entry(struct folio_epub *e, struct epub_entry *en, struct folio_buf *sink,
			 struct folio_diags *d, int *bomb)
{
	char buf[65536];
	uint64_t got = 0;
	zip_int64_t r = 0;
	zip_file_t *zf = zip_fopen_index(e->za, en->index, 0);
	if (zf == NULL) {
		folio_diag(d, FOLIO_R_EPUB_ZIP, e->path, 0, 0, "entry \"%s\" cannot be read: %s", en->name,
			   zerr(e->za));
		return -1;
	}
	while (got <= en->size) {
		uint64_t want = en->size + 1 - got;
		r = zip_fread(zf, buf, want < sizeof buf ? want : sizeof buf);
		if (r <= 0)
			break;
		if (got < EPUB_HEAD) {
			size_t k = (size_t)r < EPUB_HEAD - got ? (size_t)r : EPUB_HEAD - (size_t)got;
			memcpy(en->head + got, buf, k);
			en->headlen = (size_t)got + k;
		}
		if (sink)
			folio_buf_append(sink, buf, (size_t)r);
		got += (uint64_t)r;
	}
	int rc = 0;
	if (got > en->size) {
		folio_diag(d, FOLIO_R_EPUB_ZIP_BOMB, e->path, 0, 0,
			   "entry \"%s\" inflates past the %llu bytes it declares: a zip bomb or a "
			   "damaged archive; reading stopped there", en->name, (unsigned long long)en->size);
		*bomb = 1;
		rc = -1;
	} else if (r < 0 || got < en->size) {
		folio_diag(d, FOLIO_R_EPUB_ZIP, e->path, 0, 0, "entry \"%s\" cannot be read: %s", en->name,
			   r < 0 ? zip_file_strerror(zf) : "its data ends before its declared size");
		rc = -1;
	}
	zip_fclose(zf);
	return rc;
}

int folio_epub_open(const char *path, struct folio_diags *d, struct folio_epub **out)
{
	struct folio_epub *e = NULL;
	struct stat sb;
	int code = 0, rc = 2, bomb = 0;

	*out = NULL;
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		folio_diag(d, FOLIO_R_IO, path, 0, 0, "cannot read: %s",
			   errno && !S_ISDIR(sb.st_mode) ? strerror(errno) : "not a regular file");
		goto out;
	}
	e = folio_xcalloc(1, sizeof *e);
	e->path = folio_xstrdup(path);
	rc = 1;
	e->za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &code);
	if (e->za == NULL) {
		if (code == ZIP_ER_OPEN || code == ZIP_ER_READ) {
			folio_diag(d, FOLIO_R_IO, path, 0, 0, "cannot read: %s", strerror(errno));
			rc = 2;
		} else {
			say_unopenable(path, code, d);
		}
		goto out;
	}
	zip_int64_t n = zip_get_num_entries(e->za, 0);
	if (n < 0 || (uint64_t)n > FOLIO_EPUB_MAX_ENTRIES) {
		folio_diag(d, FOLIO_R_EPUB_ZIP_BOMB, path, 0, 0,
			   "the archive has %lld entries; Folio reads at most %u", (long long)n,
			   FOLIO_EPUB_MAX_ENTRIES);
		goto out;
	}
	e->n = (size_t)n;
	e->v = folio_xcalloc(e->n, sizeof *e->v);
	e->byname = folio_xcalloc(e->n, sizeof *e->byname);
	if (check_directory(e, d) != 0)
		goto out;
	index_names(e, d);
	for (size_t i = 0; i < e->n && !bomb; i++)
		if (e->v[i].name && !e->v[i].broken && inflate_entry(e, &e->v[i], NULL, d, &bomb) != 0)
			e->v[i].broken = 1;
	if (bomb)
		goto out;
	*out = e;
	e = NULL;
	rc = 0;
out:
	folio_epub_close(e);
	return rc;
}

void folio_epub_close(struct folio_epub *e)
{
	if (e == NULL)
		return;
	if (e->za)
		zip_discard(e->za);
	for (size_t i = 0; i < e->n; i++)
		free(e->v[i].name);
	free(e->v);
	free(e->byname);
	free(e->path);
	free(e);
}

size_t folio_epub_count(const struct folio_epub *e)
{
	return e->n;
}

const char *folio_epub_name(const struct folio_epub *e, size_t i)
{
	return i < e->n ? e->v[i].name : NULL;
}

unsigned char *folio_epub_read(struct folio_epub *e, size_t i, size_t *len, struct folio_diags *d)
{
	struct folio_buf b = FOLIO_BUF_INIT;
	int bomb = 0;
	*len = 0;
	if (i >= e->n || e->v[i].name == NULL || e->v[i].broken ||
	    inflate_entry(e, &e->v[i], &b, d, &bomb) != 0) {
		folio_buf_free(&b);
		return NULL;
	}
	folio_buf_append(&b, "", 0);
	*len = b.len;
	return (unsigned char *)folio_buf_take(&b);
}

char *folio_epub_display(const struct folio_epub *e, const char *name)
{
	return folio_xasprintf("%s/%s", e->path, name);
}
