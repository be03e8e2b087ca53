/* folio-recode — convert sources from legacy encodings to UTF-8.
 *
 * A thin main over encoding.h: options into a struct, each FILE read whole,
 * detected (unless --from), converted, its mojibake reported or repaired,
 * its XML declaration rewritten, and the result written to -o OUT or back
 * in place (atomically, keeping the file's mode, after an optional backup).
 * A file that cannot be fully converted is never written.
 * Exit 0: every file converted; 1: a file cannot be (unconvertible bytes,
 * an encoding that cannot be told); 2: usage or I/O failure. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic.h"
#include "cli.h"
#include "diag.h"
#include "encoding.h"
#include "load.h"
#include "media.h"

static const char *const tool = "folio-recode";

struct options {
	const char *from;       /* iconv name, or NULL: detect */
	const char *output;     /* -o OUT ("-": standard output) */
	int in_place, detect, fix, declaration, quiet;
	const char *backup;     /* --backup SUFFIX */
	int color;              /* -1 auto */
};

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: %s [OPTION]... FILE... (-o OUT | --in-place | --detect)\n"
		"Convert sources from legacy encodings (windows-125x, ISO-8859-x, UTF-16,\n"
		"MacRoman...) to UTF-8 and rewrite their XML declaration.\n"
		"\n"
		"      --from=ENC       the encoding of the input (default: detect it)\n"
		"      --detect         only report each FILE's encoding; write nothing\n"
		"  -o, --output=OUT     write the result to OUT ('-': standard output);\n"
		"                       one FILE only\n"
		"  -i, --in-place       replace each FILE with its UTF-8 text (atomically)\n"
		"      --backup=SUFFIX  with --in-place: keep the original as FILE.SUFFIX\n"
		"      --fix-mojibake   repair double-encoded UTF-8 (Ã© for é) when exact\n"
		"      --no-declaration leave the XML declaration alone\n"
		"  -q, --quiet          do not say which encoding each file was read as\n"
		"      --color=WHEN     auto (default), always or never\n"
		"  -h, --help           show this help and exit\n"
		"  -V, --version        show the version and exit\n"
		"\n"
		"Exit status: 0 converted, 1 a file cannot be converted, 2 usage or I/O failure.\n",
		tool);
}

/* Returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, struct options *o)
{
	enum { OPT_FROM = FOLIO_OPT_TOOL, OPT_DETECT, OPT_BACKUP, OPT_FIX, OPT_NODECL };
	static const struct option longopts[] = {
		{"from", required_argument, NULL, OPT_FROM},
		{"detect", no_argument, NULL, OPT_DETECT},
		{"output", required_argument, NULL, 'o'},
		{"in-place", no_argument, NULL, 'i'},
		{"backup", required_argument, NULL, OPT_BACKUP},
		{"fix-mojibake", no_argument, NULL, OPT_FIX},
		{"no-declaration", no_argument, NULL, OPT_NODECL},
		{"quiet", no_argument, NULL, 'q'},
		FOLIO_COLOR_OPTION,
		FOLIO_HELP_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	int c, rc;
	while ((c = getopt_long(argc, argv, "o:iqhV", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FROM:
			if ((o->from = folio_encoding_resolve(optarg)) == NULL)
				return folio_cli_usage_error(tool, "unknown encoding '%s' (see iconv -l)", optarg);
			break;
		case OPT_DETECT: o->detect = 1; break;
		case 'o': o->output = optarg; break;
		case 'i': o->in_place = 1; break;
		case OPT_BACKUP:
			if (*optarg == '\0' || strchr(optarg, '/'))
				return folio_cli_usage_error(tool, "--backup takes a suffix such as .orig");
			o->backup = optarg;
			break;
		case OPT_FIX: o->fix = 1; break;
		case OPT_NODECL: o->declaration = 0; break;
		case 'q': o->quiet = 1; break;
		default:
			if ((rc = folio_cli_common_option(tool, usage, c, optarg, &o->color)) != -1)
				return rc < 0 ? FOLIO_EXIT_USAGE : rc;
		}
	}
	int modes = (o->output != NULL) + o->in_place + o->detect;
	if (optind >= argc)
		return folio_cli_usage_error(tool, "no input files");
	if (modes != 1)
		return folio_cli_usage_error(tool, "give exactly one of -o OUT, --in-place and --detect");
	if (o->output && argc - optind != 1)
		return folio_cli_usage_error(tool, "-o takes one input file; use --in-place for several");
	if (o->backup && !o->in_place)
		return folio_cli_usage_error(tool, "--backup goes with --in-place");
	return -1;
}

/* Replaces `path` (through a symbolic link, keeping its mode) with `data`,
 * after writing the original bytes to path+suffix when asked.  Both writes
 * are atomic; the original is untouched until the last rename.  Returns 0
 * or -1 with errno set. */
static int replace(const char *path, const char *data, size_t len, const unsigned char *orig,
		   size_t olen, const char *suffix)
{
	char real[PATH_MAX], *bak = NULL;
	struct stat st;
	struct folio_atomic a = {NULL, NULL};
	FILE *fp = NULL;
	int rc = -1, e;

	if (realpath(path, real) == NULL || stat(real, &st) != 0)
		return -1;
	if (suffix) {
		bak = malloc(strlen(real) + strlen(suffix) + 1);
		if (bak == NULL)
			goto out;
		strcat(strcpy(bak, real), suffix);
		if (folio_atomic_write(bak, orig, olen) != 0 || chmod(bak, st.st_mode & 07777) != 0)
			goto out;
	}
	if (folio_atomic_begin(&a, real) != 0)
		goto out;
	if ((fp = fopen(a.tmp, "wb")) == NULL)
		goto out;
	size_t n = fwrite(data, 1, len, fp);
	e = fclose(fp);
	fp = NULL;
	if (e != 0 || n != len || chmod(a.tmp, st.st_mode & 07777) != 0)
		goto out;
	rc = folio_atomic_commit(&a);
out:
	e = errno;
	if (fp)
		fclose(fp);
	folio_atomic_abort(&a);
	free(bak);
	errno = e;
	return rc;
}

/* One file: 0 done, 1 cannot be converted, 2 I/O failure. */
static int recode(const struct options *o, const char *path, struct folio_diags *d)
{
	struct folio_recode_opts ro = {o->from, o->fix, o->declaration};
	struct folio_recoded r;
	size_t n;
	int rc;
	unsigned char *p = folio_media_read(path, FOLIO_MAX_INPUT, &n);
	if (p == NULL) {
		if (errno == EFBIG) {
			folio_diag(d, FOLIO_R_TOO_LARGE, path, 0, 0, "the file is larger than %u bytes",
				   FOLIO_MAX_INPUT);
			return 1;
		}
		folio_diag(d, FOLIO_R_IO, path, 0, 0, "cannot read: %s",
			   errno == EINVAL ? "not a regular file" : strerror(errno));
		return 2;
	}
	rc = folio_encoding_recode(path, p, n, &ro, d, &r);
	if (rc != 0 || o->detect)
		goto out;
	if (o->output && strcmp(o->output, "-") == 0) {
		if (fwrite(r.text, 1, r.len, stdout) != r.len || fflush(stdout) != 0) {
			folio_diag(d, FOLIO_R_OUTPUT, "-", 0, 0, "cannot write: %s", strerror(errno));
			rc = 2;
		}
	} else if (o->output) {
		if (folio_atomic_write(o->output, r.text, r.len) != 0) {
			folio_diag(d, FOLIO_R_OUTPUT, o->output, 0, 0, "cannot write: %s", strerror(errno));
			rc = 2;
		}
	} else if (r.changed && replace(path, r.text, r.len, p, n, o->backup) != 0) {
		folio_diag(d, FOLIO_R_OUTPUT, path, 0, 0, "cannot replace: %s; the file is unchanged",
			   strerror(errno));
		rc = 2;
	}
out:
	if (o->detect && r.det.label[0] && r.det.source == FOLIO_ENC_GUESSED)
		printf("%s: %s (guessed, confidence %.2f%s)\n", path, r.det.label, r.det.confidence,
		       rc == 0 ? "" : ", too low");
	else if (o->detect && r.det.label[0])
		printf("%s: %s\n", path, r.det.label);
	folio_recoded_free(&r);
	free(p);
	return rc;
}

int main(int argc, char **argv)
{
	struct options o = {NULL, NULL, 0, 0, 0, 1, 0, NULL, -1};
	struct folio_diags d;
	int rc, io_failed = 0;

	folio_diags_init(&d);
	if ((rc = parse_args(argc, argv, &o)) >= 0)
		goto out;
	if (o.quiet)
		folio_diags_silence(&d, "enc-detected");
	for (int i = optind; i < argc; i++)
		if (recode(&o, argv[i], &d) == 2)
			io_failed = 1;
	folio_diags_sort(&d);
	struct folio_print_opts po = {
		.format = FOLIO_FMT_TEXT,
		.color = o.color < 0 ? folio_cli_color(stderr) : o.color,
		.tool = tool,
	};
	folio_diags_print(&d, stderr, &po);
	rc = io_failed ? FOLIO_EXIT_USAGE : folio_diags_failed(&d) ? FOLIO_EXIT_INPUT : FOLIO_EXIT_OK;
out:
	folio_diags_free(&d);
	return rc;
}
