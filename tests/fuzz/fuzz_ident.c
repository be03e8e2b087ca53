/* fuzz_ident.c — the identifier parsers of ident.h on one string: ISBN-10/13
 * (and the conversions and hyphenation of a parsed one), ISSN, BCP 47 tags,
 * ISO 8601 dates; and, on the same bytes, the media-type sniffer and the
 * media type a name implies (media.h).  The ISBN ranges are those
 * folio-isbn uses by default (python3-stdnum's isbn.dat), loaded once. */
#include "fuzzutil.h"
#include "ident.h"
#include "media.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct folio_isbn_ranges *ranges;

static void free_ranges(void)
{
	folio_isbn_ranges_free(ranges);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char *path = folio_isbn_ranges_default();
	char *err = NULL;
	if (path != NULL)
		ranges = folio_isbn_ranges_load(path, &err);
	free(err);
	free(path);
	atexit(free_ranges);
	return 0;
}

static void isbn(const char *s)
{
	struct folio_isbn in, other;
	char hyph[64];
	enum folio_id_status st = folio_isbn_parse(s, &in);
	(void)folio_id_strerror(st);
	if (st != FOLIO_ID_OK)
		return;
	if (ranges != NULL)
		folio_isbn_hyphenate(ranges, &in, hyph, sizeof hyph);
	if (folio_isbn_to13(&in, &other) == 0 && ranges != NULL)
		folio_isbn_hyphenate(ranges, &other, hyph, sizeof hyph);
	if (folio_isbn_to10(&in, &other) == 0 && ranges != NULL)
		folio_isbn_hyphenate(ranges, &other, hyph, sizeof hyph);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[256], primary[16];
	struct folio_issn issn;
	char *s = malloc(size + 1);

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	isbn(s);
	(void)folio_id_strerror(folio_issn_parse(s, &issn));
	folio_bcp47_check(s, why, sizeof why);
	folio_bcp47_primary(s, primary, sizeof primary);
	folio_bcp47_is_rtl(s);
	folio_isodate_check(s, why, sizeof why);
	/* Small output buffers: truncation must be safe too. */
	folio_bcp47_check(s, why, 8);
	folio_isodate_check(s, why, 8);
	folio_bcp47_primary(s, primary, 2);
	folio_media_sniff(data, size);
	folio_media_from_name(s);
	free(s);
	return 0;
}
