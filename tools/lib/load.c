/* load.c — safe loading of DocBook sources and locating nodes in them.
 *
 * Parsing uses XML_PARSE_NONET and libxml2's own bounds on entity expansion
 * (never XML_PARSE_HUGE), and an external-entity loader that reads only
 * local files under the source's root folder.  XInclude goes through the
 * same loader, so an include cannot reach outside the root either.
 * libxml2 2.9 has no per-parser structured error hook: this file is the one
 * place that installs the global handler, and it restores the previous one
 * before returning.  The loader's state is thread-local so that editions can
 * be loaded in parallel. */
#include "load.h"
#include "paths.h"
#include "xalloc.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xinclude.h>
#include <libxml/xmlerror.h>

struct folio_srcfile {
	char *display;          /* as printed in diagnostics */
	char *abs;              /* absolute, normalised */
	char *text;             /* file contents, read on first column lookup */
	size_t len;
	size_t *lines;          /* offset of each line start */
	size_t nlines;
	int tried;
	int broken;             /* had a well-formedness error */
	size_t *tags;           /* offsets of every start tag's '<', in order */
	size_t ntags;
	int tags_built;
	size_t cline, coff;     /* last column computed: line, offset … */
	int ccol;               /* … and its column, to go on from there */
};

/* The k-th element of a file in document order has the k-th start tag of its
 * text: pairing the two gives exact positions without re-scanning lines. */
struct folio_nodeord {
	const xmlNode *node;
	size_t k;
};

/* What the current load refused, so that libxml2's terse "failed to load
 * external entity" can be said in plain words with the reason. */
struct refusal {
	char *url;
	const char *why;
	int used;               /* said by an XInclude error */
};

struct loadstate {
	const char *root;
	struct folio_doc *doc;
	struct folio_diags *d;
	struct refusal *ref;
	size_t nref, refcap;
	int parse_failed;
	int expansion_reported;     /* one record per load is enough */
	int expansion_pending;      /* seen inside an entity, not yet placed */
	xmlParserCtxtPtr main;      /* the main document's parser */
};

static _Thread_local struct loadstate *cur;

/* NOENT substitutes entities, so that a refused external entity is an error
 * rather than silently missing text; the confined loader decides what loads. */
enum { PARSE_OPTS = XML_PARSE_NONET | XML_PARSE_NOENT | XML_PARSE_BIG_LINES };

/* Display names: relative to the current directory when below it, as users
 * type them. */
static char *display_name(const char *abs)
{
	char cwd[PATH_MAX];
	if (getcwd(cwd, sizeof cwd) != NULL) {
		size_t n = strlen(cwd);
		if (strncmp(abs, cwd, n) == 0 && abs[n] == '/')
			return folio_xstrdup(abs + n + 1);
	}
	return folio_xstrdup(abs);
}

static struct folio_srcfile *file_for_abs(struct folio_doc *doc, const char *abs)
{
	for (size_t i = 0; i < doc->nfiles; i++)
		if (strcmp(doc->files[i].abs, abs) == 0)
			return &doc->files[i];
	doc->files = folio_xgrow(doc->files, &doc->filecap, doc->nfiles + 1, sizeof *doc->files);
	struct folio_srcfile *f = &doc->files[doc->nfiles++];
	memset(f, 0, sizeof *f);
	f->abs = folio_xstrdup(abs);
	f->display = display_name(abs);
	return f;
}

/* The display name of a file libxml2 names by URL; NULL when not a file. */
static const char *file_display_for(const char *url)
{
	char *abs = folio_path_from_url(url);
	if (abs == NULL || cur == NULL) {
		free(abs);
		return NULL;
	}
	const char *name = file_for_abs(cur->doc, abs)->display;
	free(abs);
	return name;
}

static char *shown_url(const char *url);
static const char *file_display_for(const char *url);

/* A refusal is said right away when an entity of the main document is being
 * parsed (libxml2 would go on without the text and without a word): entity
 * parsers inherit the main parser's _private, which marks them.  XInclude
 * reports its own failure, which on_error then words with the reason. */
static void refuse_at(const char *url, const char *why, xmlParserCtxtPtr ctxt)
{
	if (cur == NULL)
		return;
	if (ctxt != NULL && ctxt->_private == cur && cur->main && cur->main->input) {
		xmlParserInputPtr in = cur->main->input;
		char *shown = shown_url(url ? url : "");
		const char *file = file_display_for(in->filename);
		folio_diag(cur->d, FOLIO_R_XML_ENTITY, file ? file : cur->doc->path,
			   in->line, in->col,
			   "refusing to load external entity '%s': %s", shown, why);
		free(shown);
		cur->parse_failed = 1;
		return;
	}
	cur->ref = folio_xgrow(cur->ref, &cur->refcap, cur->nref + 1, sizeof *cur->ref);
	cur->ref[cur->nref].url = folio_xstrdup(url ? url : "");
	cur->ref[cur->nref].why = why;
	cur->ref[cur->nref].used = 0;
	cur->nref++;
}

static struct refusal *find_refusal(const char *text)
{
	if (cur == NULL || text == NULL)
		return NULL;
	for (size_t i = cur->nref; i-- > 0;)
		if (strstr(text, cur->ref[i].url) != NULL)
			return &cur->ref[i];
	return NULL;
}

/* The external-entity loader: local files under the root, nothing else.
 * It is installed once for the process (the hook is global, and threads
 * load editions in parallel); outside a folio_load on this thread it hands
 * over to libxml2's own loader, which reads Folio's shipped schemas. */
static xmlExternalEntityLoader default_loader;
static pthread_once_t loader_once = PTHREAD_ONCE_INIT;

static xmlParserInputPtr confined_loader(const char *url, const char *id,
					 xmlParserCtxtPtr ctxt);

static void install_loader(void)
{
	default_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(confined_loader);
}

void folio_load_init(void)
{
	pthread_once(&loader_once, install_loader);
}

static xmlParserInputPtr confined_loader(const char *url, const char *id,
					 xmlParserCtxtPtr ctxt)
{
	if (cur == NULL)
		return default_loader ? default_loader(url, id, ctxt) : NULL;
	if (url == NULL) {
		refuse_at(url, "no file name", ctxt);
		return NULL;
	}
	char *path = folio_path_from_url(url);
	if (path == NULL) {
		refuse_at(url, "network and non-file URLs are never read", ctxt);
		return NULL;
	}
	xmlParserInputPtr in = NULL;
	char real[PATH_MAX];
	if (!folio_path_inside(cur->root, path)) {
		refuse_at(url, "it is outside the source folder", ctxt);
	} else if (realpath(path, real) == NULL) {
		refuse_at(url, "the file does not exist or cannot be read", ctxt);
	} else if (!folio_path_inside(cur->root, real)) {
		refuse_at(url, "it leads outside the source folder through a symbolic link", ctxt);
	} else {
		struct stat st;
		if (stat(real, &st) == 0 && (size_t)st.st_size > FOLIO_MAX_INPUT)
			refuse_at(url, "the file is larger than Folio's 256 MiB limit", ctxt);
		else
			in = xmlNewInputFromFile(ctxt, real);
		if (in != NULL) {
			/* Report the file under its path as named, not its target. */
			(void)file_for_abs(cur->doc, path);
		}
	}
	free(path);
	return in;
}

/* A refused URL as users would recognise it: a path relative to the current
 * folder when it is a local file. */
static char *shown_url(const char *url)
{
	char *abs = folio_path_from_url(url);
	if (abs == NULL)
		return folio_xstrdup(url);
	char *shown = display_name(abs);
	free(abs);
	return shown;
}

/* libxml2's messages end in newlines and sometimes hold one ("… encoding !\n
 * Bytes: 0xE9 …"): one line each, trimmed. */
static const char *trim_msg(char *msg)
{
	size_t n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	for (char *p = msg; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return msg;
}

/* The wording for encoding errors, which libxml2 says tersely. */
static char *encoding_message(const char *raw)
{
	const char *bytes = strstr(raw, "Bytes:");
	if (strstr(raw, "not proper UTF-8") != NULL)
		return folio_xasprintf("the file is not valid UTF-8 (%s); declare its real encoding "
				       "in the XML declaration, e.g. <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>, "
				       "or convert it to UTF-8", bytes ? bytes : "bad bytes");
	return folio_xstrdup(raw);
}

static enum folio_rule classify(const xmlError *e)
{
	if (e->domain == XML_FROM_XINCLUDE)
		return FOLIO_R_XINCLUDE;
	switch (e->code) {
	case XML_ERR_ENTITY_LOOP:
	case XML_ERR_ENTITY_BOUNDARY:
		return FOLIO_R_XML_EXPANSION;
	case XML_ERR_UNDECLARED_ENTITY:
	case XML_WAR_UNDECLARED_ENTITY:
	case XML_ERR_UNPARSED_ENTITY:
	case XML_IO_LOAD_ERROR:
	case XML_IO_NETWORK_ATTEMPT:
		return FOLIO_R_XML_ENTITY;
	case XML_ERR_INVALID_CHAR:
	case XML_ERR_INVALID_ENCODING:
	case XML_ERR_UNSUPPORTED_ENCODING:
	case XML_ERR_UNKNOWN_ENCODING:
	case XML_I18N_CONV_FAILED:
	case XML_I18N_NO_HANDLER:
	case XML_ERR_INVALID_CHARREF:
		return FOLIO_R_XML_ENCODING;
	default:
		break;
	}
	if (e->message && (strstr(e->message, "amplification") || strstr(e->message, "entity reference loop")
			   || strstr(e->message, "Maximum entity") || strstr(e->message, "AttValue length too long")
			   || strstr(e->message, "Memory allocation failed")))
		return FOLIO_R_XML_EXPANSION;
	if (e->domain == XML_FROM_IO)
		return FOLIO_R_XML_ENTITY;
	return FOLIO_R_XML_SYNTAX;
}

static void locate_error_file(const xmlError *e, const char **name)
{
	*name = NULL;
	if (e->file == NULL || cur == NULL)
		return;
	char *abs = folio_path_from_url(e->file);
	if (abs == NULL)
		return;
	*name = file_for_abs(cur->doc, abs)->display;
	free(abs);
}

static int included_file_broken(const char *msg)
{
	for (size_t i = 0; i < cur->doc->nfiles; i++)
		if (cur->doc->files[i].broken && strstr(msg, cur->doc->files[i].abs) != NULL)
			return 1;
	return 0;
}

static void on_error(void *data, xmlErrorPtr e)
{
	(void)data;
	if (cur == NULL || e == NULL)
		return;
	/* Validity notices from the parser (duplicate xml:id) are the checks'
	 * business; warnings are not errors of the input. */
	if (e->domain == XML_FROM_VALID || e->domain == XML_FROM_NAMESPACE)
		return;
	/* A refused or missing external entity is only a warning to libxml2
	 * (the text is then silently absent): for Folio it is an error. */
	if (e->level == XML_ERR_WARNING && e->domain != XML_FROM_IO)
		return;
	char *msg = folio_xstrdup(e->message ? e->message : "error");
	trim_msg(msg);
	enum folio_rule r = classify(e);
	if (r == FOLIO_R_XML_EXPANSION) {
		/* Expansion errors repeat once per nesting level, most of them
		 * inside entity text that has no file: report the one that does. */
		cur->parse_failed = 1;
		if (cur->expansion_reported || e->file == NULL) {
			cur->expansion_pending = !cur->expansion_reported;
			free(msg);
			return;
		}
		cur->expansion_reported = 1;
		cur->expansion_pending = 0;
	}
	if (r == FOLIO_R_XINCLUDE && included_file_broken(msg)) {
		/* The included file's own syntax error was reported already. */
		free(msg);
		return;
	}
	const char *file = NULL;
	int line = e->line, col = e->int2;
	struct folio_loc loc = {NULL, 0, 0};

	if (e->domain == XML_FROM_XINCLUDE && e->node != NULL) {
		folio_doc_locate(cur->doc, (const xmlNode *)e->node, &loc);
		file = loc.file;
		line = loc.line;
		col = loc.col;
	} else {
		locate_error_file(e, &file);
	}
	if (file == NULL)
		file = cur->doc->path;
	if (r == FOLIO_R_XML_SYNTAX || r == FOLIO_R_XML_ENCODING || r == FOLIO_R_XML_EXPANSION) {
		/* libxml2 stops at the first fatal error but often says more
		 * about the same spot: one record per file is the truth. */
		struct folio_srcfile *f = NULL;
		for (size_t i = 0; i < cur->doc->nfiles; i++)
			if (cur->doc->files[i].display == file)
				f = &cur->doc->files[i];
		if (f != NULL && f->broken) {
			cur->parse_failed = 1;
			free(msg);
			return;
		}
		if (f != NULL)
			f->broken = 1;
	}

	struct refusal *ref = NULL;
	if (r == FOLIO_R_XINCLUDE || r == FOLIO_R_XML_ENTITY)
		ref = find_refusal(msg);
	if (ref != NULL)
		ref->used = 1;
	if (r == FOLIO_R_XINCLUDE && ref != NULL) {
		/* Say the href as written, not the path it resolved to. */
		xmlChar *href = NULL;
		if (e->node && ((xmlNode *)e->node)->type == XML_ELEMENT_NODE)
			href = xmlGetProp((xmlNode *)e->node, BAD_CAST "href");
		char *shown = href ? folio_xstrdup((const char *)href) : shown_url(ref->url);
		xmlFree(href);
		if (strcmp(ref->why, "the file does not exist or cannot be read") == 0)
			folio_diag(cur->d, FOLIO_R_XINCLUDE, file, line, col,
				   "cannot include '%s': %s", shown, ref->why);
		else
			folio_diag(cur->d, FOLIO_R_XINCLUDE_ESCAPE, file, line, col,
				   "refusing to include '%s': %s", shown, ref->why);
		free(shown);
	} else if (r == FOLIO_R_XML_ENTITY && ref != NULL) {
		char *shown = shown_url(ref->url);
		folio_diag(cur->d, FOLIO_R_XML_ENTITY, file, line, col,
			   "refusing to load external entity '%s': %s", shown, ref->why);
		free(shown);
	} else if (r == FOLIO_R_XML_EXPANSION) {
		folio_diag(cur->d, r, file, line, col,
			   "entity expansion refused: the document's entities expand too much "
			   "or refer to themselves (a \"billion laughs\" pattern)");
	} else if (r == FOLIO_R_XML_ENCODING) {
		char *say = encoding_message(msg);
		folio_diag(cur->d, r, file, line, col, "%s", say);
		free(say);
	} else {
		folio_diag(cur->d, r, file, line, col, "%s", msg);
	}
	if (r != FOLIO_R_XINCLUDE)
		cur->parse_failed = 1;
	free(msg);
}

static void mark_includes(struct folio_doc *doc);

static int is_docbook_root(const xmlNode *root)
{
	return root && root->ns && root->ns->href &&
	       strcmp((const char *)root->ns->href, "http://docbook.org/ns/docbook") == 0;
}

int folio_load(const char *path, struct folio_diags *d, struct folio_doc **out)
{
	int rc = 2;
	struct folio_doc *doc = folio_xcalloc(1, sizeof *doc);
	struct loadstate st = {0};
	xmlParserCtxtPtr ctxt = NULL;
	xmlStructuredErrorFunc prev_err = xmlStructuredError;
	void *prev_err_ctx = xmlStructuredErrorContext;
	char real[PATH_MAX];

	*out = NULL;
	doc->path = folio_xstrdup(path);
	char *abs = folio_path_absolute(path);
	struct stat sb;
	if (abs == NULL || realpath(abs, real) == NULL || stat(real, &sb) != 0) {
		folio_diag(d, FOLIO_R_IO, path, 0, 0, "cannot read: %s", strerror(errno ? errno : ENOENT));
		free(abs);
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		folio_diag(d, FOLIO_R_IO, path, 0, 0, "cannot read: not a regular file");
		free(abs);
		goto out;
	}
	if ((size_t)sb.st_size > FOLIO_MAX_INPUT) {
		folio_diag(d, FOLIO_R_TOO_LARGE, path, 0, 0,
			   "the file is %lld bytes; Folio reads at most %u",
			   (long long)sb.st_size, FOLIO_MAX_INPUT);
		free(abs);
		rc = 1;
		goto out;
	}
	doc->root = folio_path_dir(real);
	struct folio_srcfile *mainf = file_for_abs(doc, abs);
	free(mainf->display);
	mainf->display = folio_xstrdup(path);
	free(abs);

	st.root = doc->root;
	st.doc = doc;
	st.d = d;
	cur = &st;
	folio_load_init();
	xmlSetStructuredErrorFunc(NULL, on_error);

	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL) {
		folio_diag(d, FOLIO_R_IO, path, 0, 0, "cannot create a parser");
		goto restore;
	}
	ctxt->_private = &st;
	st.main = ctxt;
	doc->doc = xmlCtxtReadFile(ctxt, path, NULL, PARSE_OPTS);
	if (st.expansion_pending)
		folio_diag(d, FOLIO_R_XML_EXPANSION, path, 0, 0,
			   "entity expansion refused: the document defines entities that "
			   "expand too much or refer to themselves");
	if (doc->doc == NULL || st.parse_failed || !ctxt->wellFormed) {
		if (d->count[FOLIO_ERROR] == 0)
			folio_diag(d, FOLIO_R_XML_SYNTAX, path, 0, 0, "the file is not well-formed XML");
		rc = 1;
		goto restore;
	}
	if (!is_docbook_root(xmlDocGetRootElement(doc->doc))) {
		const xmlNode *root = xmlDocGetRootElement(doc->doc);
		struct folio_loc loc;
		folio_doc_locate(doc, root, &loc);
		folio_diag(d, FOLIO_R_NOT_DOCBOOK, loc.file, loc.line, loc.col,
			   "the root element <%s> is not in the DocBook 5 namespace "
			   "(xmlns=\"http://docbook.org/ns/docbook\")",
			   root ? (const char *)root->name : "?");
		rc = 1;
		goto restore;
	}
	size_t before = d->count[FOLIO_ERROR];
	if (xmlXIncludeProcessFlags(doc->doc, PARSE_OPTS) < 0 ||
	    d->count[FOLIO_ERROR] > before || st.parse_failed) {
		if (d->count[FOLIO_ERROR] == before)
			folio_diag(d, FOLIO_R_XINCLUDE, path, 0, 0, "XInclude processing failed");
		rc = 1;
		goto restore;
	}
	mark_includes(doc);
	rc = 0;
	/* Anything refused that no error has spoken of yet (an external entity
	 * inside an included file) must not pass in silence. */
	for (size_t i = 0; i < st.nref; i++)
		if (!st.ref[i].used) {
			char *shown = shown_url(st.ref[i].url);
			folio_diag(d, FOLIO_R_XML_ENTITY, path, 0, 0,
				   "refusing to load external entity '%s': %s", shown, st.ref[i].why);
			free(shown);
			rc = 1;
		}
restore:
	xmlSetStructuredErrorFunc(prev_err_ctx, prev_err);
	cur = NULL;
	for (size_t i = 0; i < st.nref; i++)
		free(st.ref[i].url);
	free(st.ref);
	if (ctxt)
		xmlFreeParserCtxt(ctxt);
out:
	*out = doc;
	return rc;
}

void folio_doc_free(struct folio_doc *doc)
{
	if (doc == NULL)
		return;
	if (doc->doc)
		xmlFreeDoc(doc->doc);
	for (size_t i = 0; i < doc->nfiles; i++) {
		free(doc->files[i].display);
		free(doc->files[i].abs);
		free(doc->files[i].text);
		free(doc->files[i].lines);
		free(doc->files[i].tags);
	}
	free(doc->order);
	free(doc->files);
	free(doc->path);
	free(doc->root);
	free(doc);
}

/* ---- Which file each node comes from ------------------------------------
 *
 * libxml2 2.9 adds xml:base only when an included file lies in another
 * folder, so bases cannot say where a node came from.  XInclude leaves
 * XINCLUDE_START/END marker nodes around what it inserted: one pass notes the
 * file on each inserted top node (node->_private = file index + 1), then the
 * markers are removed so that validation and XPath never see them.  A node's
 * file is that of its nearest marked ancestor-or-self, else the main file.
 * Depth is bounded by libxml2's own nesting limit (no XML_PARSE_HUGE). */

static size_t file_index(struct folio_doc *doc, const struct folio_srcfile *f)
{
	return (size_t)(f - doc->files);
}

static size_t node_file(const xmlNode *node)
{
	for (; node != NULL; node = node->parent)
		if (node->type != XML_DOCUMENT_NODE && node->_private != NULL)
			return (size_t)(uintptr_t)node->_private - 1;
	return 0;
}

static size_t include_target(struct folio_doc *doc, size_t from, const xmlNode *start)
{
	/* The marker is the former xi:include element, retyped: xmlGetProp
	 * refuses non-element nodes, so read its attribute list directly. */
	xmlChar *href = NULL;
	for (const xmlAttr *a = start->properties; a != NULL; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, "href") == 0)
			href = xmlNodeListGetString(start->doc, a->children, 1);
	size_t idx = from;
	if (href != NULL && href[0] != '\0' && href[0] != '#') {
		char *dir = folio_path_dir(doc->files[from].abs);
		char *norm = folio_path_resolve(dir, (const char *)href);
		if (norm != NULL)
			idx = file_index(doc, file_for_abs(doc, norm));
		free(norm);
		free(dir);
	}
	xmlFree(href);
	return idx;
}

static void mark_children(struct folio_doc *doc, xmlNode *parent, size_t inherited,
			  xmlNode ***dead, size_t *ndead, size_t *deadcap)
{
	size_t stack[64];
	size_t depth = 0, curf = inherited;
	for (xmlNode *n = parent->children; n != NULL; n = n->next) {
		if (n->type == XML_XINCLUDE_START) {
			if (depth < 64)
				stack[depth++] = curf;
			curf = include_target(doc, curf, n);
		} else if (n->type == XML_XINCLUDE_END) {
			if (depth > 0)
				curf = stack[--depth];
		} else {
			if (curf != inherited)
				n->_private = (void *)(uintptr_t)(curf + 1);
			if (n->type == XML_ELEMENT_NODE && n->children)
				mark_children(doc, n, curf, dead, ndead, deadcap);
			continue;
		}
		*dead = folio_xgrow(*dead, deadcap, *ndead + 1, sizeof **dead);
		(*dead)[(*ndead)++] = n;
	}
}

static void mark_includes(struct folio_doc *doc)
{
	xmlNode **dead = NULL;
	size_t ndead = 0, deadcap = 0;
	mark_children(doc, (xmlNode *)doc->doc, 0, &dead, &ndead, &deadcap);
	for (size_t i = 0; i < ndead; i++) {
		xmlUnlinkNode(dead[i]);
		xmlFreeNode(dead[i]);
	}
	free(dead);
}

/* ---- Locating nodes ---------------------------------------------------- */

static void read_text(struct folio_srcfile *f)
{
	f->tried = 1;
	FILE *fp = fopen(f->abs, "rb");
	if (fp == NULL)
		return;
	struct stat sb;
	if (fstat(fileno(fp), &sb) != 0 || (size_t)sb.st_size > FOLIO_MAX_INPUT) {
		fclose(fp);
		return;
	}
	f->text = folio_xmalloc((size_t)sb.st_size + 1);
	f->len = fread(f->text, 1, (size_t)sb.st_size, fp);
	f->text[f->len] = '\0';
	fclose(fp);
	size_t cap = 0;
	f->lines = folio_xgrow(NULL, &cap, 1, sizeof *f->lines);
	f->lines[0] = 0;
	f->nlines = 1;
	for (size_t i = 0; i < f->len; i++)
		if (f->text[i] == '\n') {
			f->lines = folio_xgrow(f->lines, &cap, f->nlines + 1, sizeof *f->lines);
			f->lines[f->nlines++] = i + 1;
		}
}

static int name_boundary(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '>' || c == '/' || c == '=' || c == '\0';
}

/* Characters (UTF-8 code points) from the line start to byte `off`, plus 1.
 * Goes on from the previous answer when it is on the same line and before
 * `off`, so many records on one long line stay linear. */
static int column_of(struct folio_srcfile *f, size_t line, size_t off)
{
	size_t from = f->lines[line];
	int col = 1;
	if (f->ccol > 0 && f->cline == line && f->coff <= off) {
		from = f->coff;
		col = f->ccol;
	}
	for (size_t i = from; i < off; i++)
		if (((unsigned char)f->text[i] & 0xC0) != 0x80)
			col++;
	f->cline = line;
	f->coff = off;
	f->ccol = col;
	return col;
}

static size_t line_of(const struct folio_srcfile *f, size_t off)
{
	size_t lo = 0, hi = f->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Every start tag's offset: '<' followed by a name character.  Comments,
 * CDATA sections, processing instructions and the DOCTYPE (with its internal
 * subset) are skipped; '<' cannot occur raw in text or attribute values. */
static void build_tags(struct folio_srcfile *f)
{
	size_t cap = 0;
	const char *t = f->text;
	f->tags_built = 1;
	for (size_t i = 0; i < f->len; i++) {
		if (t[i] != '<')
			continue;
		const char *p = t + i;
		const char *end = NULL;
		if (strncmp(p, "<!--", 4) == 0)
			end = strstr(p + 4, "-->");
		else if (strncmp(p, "<![CDATA[", 9) == 0)
			end = strstr(p + 9, "]]>");
		else if (p[1] == '?')
			end = strstr(p + 2, "?>");
		else if (strncmp(p, "<!DOCTYPE", 9) == 0) {
			const char *q = p + 9;
			int depth = 0;
			while (*q && !(*q == '>' && depth == 0)) {
				if (*q == '[')
					depth++;
				else if (*q == ']')
					depth--;
				q++;
			}
			end = *q ? q : NULL;
		} else if (p[1] != '/' && p[1] != '!' && p[1] != '\0') {
			/* XInclude elements are gone from the tree after
			 * processing: a prefixed include/fallback is not counted. */
			const char *q = p + 1;
			while (*q && !name_boundary(*q) && *q != ':')
				q++;
			if (*q == ':' && q > p + 1 &&
			    ((strncmp(q + 1, "include", 7) == 0 && name_boundary(q[8])) ||
			     (strncmp(q + 1, "fallback", 8) == 0 && name_boundary(q[9]))))
				continue;
			f->tags = folio_xgrow(f->tags, &cap, f->ntags + 1, sizeof *f->tags);
			f->tags[f->ntags++] = i;
			continue;
		} else {
			continue;
		}
		if (end == NULL)
			break;
		i = (size_t)(end - t);
	}
}

static int cmp_ord(const void *a, const void *b)
{
	const struct folio_nodeord *x = a, *y = b;
	return (x->node > y->node) - (x->node < y->node);
}

static int is_xinclude_elem(const xmlNode *n)
{
	return n->ns && n->ns->href &&
	       (strcmp((const char *)n->ns->href, "http://www.w3.org/2001/XInclude") == 0 ||
		strcmp((const char *)n->ns->href, "http://www.w3.org/2003/XInclude") == 0);
}

static size_t node_file(const xmlNode *node);

static void build_order(struct folio_doc *doc)
{
	size_t cap = 0;
	size_t *count = folio_xcalloc(doc->nfiles, sizeof *count);
	xmlNode *root = (xmlNode *)doc->doc;
	doc->order_built = 1;
	for (xmlNode *n = root->children; n;) {
		if (n->type == XML_ELEMENT_NODE && !is_xinclude_elem(n)) {
			size_t fi = node_file(n);
			if (fi < doc->nfiles) {
				doc->order = folio_xgrow(doc->order, &cap, doc->norder + 1, sizeof *doc->order);
				doc->order[doc->norder].node = n;
				doc->order[doc->norder].k = count[fi]++;
				doc->norder++;
			}
		}
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && n->next == NULL)
			n = n->parent;
		if (n == NULL || n == root)
			break;
		n = n->next;
	}
	free(count);
	qsort(doc->order, doc->norder, sizeof *doc->order, cmp_ord);
}

/* The offset of an element's start tag, or -1 when the pairing fails (an
 * entity that expanded to markup, say). */
static long tag_offset(struct folio_doc *doc, struct folio_srcfile *f, const xmlNode *node,
		       const char *name)
{
	if (!doc->order_built)
		build_order(doc);
	if (!f->tags_built)
		build_tags(f);
	struct folio_nodeord key = {node, 0};
	const struct folio_nodeord *o = bsearch(&key, doc->order, doc->norder, sizeof key, cmp_ord);
	if (o == NULL || o->k >= f->ntags)
		return -1;
	size_t off = f->tags[o->k];
	size_t n = strlen(name);
	if (off + 1 + n > f->len || memcmp(f->text + off + 1, name, n) != 0 ||
	    !name_boundary(f->text[off + 1 + n]))
		return -1;
	return (long)off;
}

static size_t line_end(const struct folio_srcfile *f, size_t line)
{
	return line + 1 < f->nlines ? f->lines[line + 1] : f->len;
}


/* The last occurrence of `pat` (followed by a name boundary) in a line. */
static const char *find_in_line(const struct folio_srcfile *f, size_t line, const char *pat)
{
	size_t n = strlen(pat);
	const char *found = NULL;
	const char *end = f->text + line_end(f, line);
	for (const char *p = f->text + f->lines[line]; p + n <= end; p++)
		if (memcmp(p, pat, n) == 0 && name_boundary(p[n]))
			found = p;
	return found;
}

static char *qname(const xmlNode *node)
{
	if (node->ns && node->ns->prefix)
		return folio_xasprintf("%s:%s", node->ns->prefix, node->name);
	return folio_xstrdup((const char *)node->name);
}

void folio_doc_locate(struct folio_doc *doc, const xmlNode *node, struct folio_loc *loc)
{
	loc->file = doc->path;
	loc->line = 0;
	loc->col = 0;
	if (node == NULL || doc->doc == NULL)
		return;
	const xmlNode *attr = NULL;
	if (node->type == XML_ATTRIBUTE_NODE) {
		attr = node;
		node = node->parent;
		if (node == NULL)
			return;
	}
	struct folio_srcfile *f = &doc->files[node_file(node)];
	loc->file = f->display;
	long ln = xmlGetLineNo(node);
	loc->line = ln > 0 ? (int)ln : 0;
	if (f == NULL || loc->line == 0)
		return;
	if (!f->tried)
		read_text(f);
	if (f->text == NULL || (size_t)loc->line > f->nlines)
		return;
	size_t line = (size_t)loc->line - 1;
	if (node->type != XML_ELEMENT_NODE) {
		loc->col = 1;
		return;
	}
	/* libxml2 records an element's line where its start tag ends; the '<'
	 * may be a few lines up when attributes span lines. */
	char *name = qname(node);
	const char *at = NULL;
	size_t l = line;
	long exact = tag_offset(doc, f, node, name);
	if (exact >= 0) {
		at = f->text + exact;
		l = line_of(f, (size_t)exact);
	}
	char *pat = folio_xasprintf("<%s", name);
	for (size_t back = 0; at == NULL && back < 64; back++) {
		at = find_in_line(f, l, pat);
		if (at || l == 0)
			break;
		l--;
	}
	free(pat);
	if (at == NULL) {
		free(name);
		loc->col = 1;
		return;
	}
	loc->line = (int)l + 1;
	loc->col = column_of(f, l, (size_t)(at - f->text));
	if (attr != NULL) {
		/* The attribute's name inside this start tag. */
		char *an = qname(attr);
		size_t an_len = strlen(an);
		const char *p = at + 1 + strlen(name);
		while (*p && *p != '>') {
			if ((p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' || p[-1] == '\r') &&
			    strncmp(p, an, an_len) == 0 && name_boundary(p[an_len])) {
				size_t off = (size_t)(p - f->text);
				while (l + 1 < f->nlines && f->lines[l + 1] <= off)
					l++;
				loc->line = (int)l + 1;
				loc->col = column_of(f, l, off);
				break;
			}
			if (*p == '"' || *p == '\'') {
				char q = *p++;
				while (*p && *p != q)
					p++;
				if (*p == '\0')
					break;
			}
			p++;
		}
		free(an);
	}
	free(name);
}

void folio_diag_at(struct folio_diags *d, enum folio_rule r, struct folio_doc *doc,
		   const xmlNode *node, const char *fmt, ...)
{
	struct folio_loc loc;
	folio_doc_locate(doc, node, &loc);
	va_list ap;
	va_start(ap, fmt);
	char *msg = folio_xvasprintf(fmt, ap);
	va_end(ap);
	folio_diag(d, r, loc.file, loc.line, loc.col, "%s", msg);
	free(msg);
}

char *folio_doc_resolve(struct folio_doc *doc, const xmlNode *node,
			const char *ref, int *outside)
{
	*outside = 0;
	if (ref == NULL || *ref == '\0' || doc->doc == NULL)
		return NULL;
	char *path = NULL;
	if (strncmp(ref, "file:", 5) == 0) {
		path = folio_path_from_url(ref);
	} else if (folio_url_has_scheme(ref)) {
		return NULL;    /* a URL: never fetched */
	} else {
		char *dir = folio_path_dir(doc->files[node_file(node)].abs);
		path = folio_path_resolve(dir, ref);
		free(dir);
	}
	if (path == NULL) {
		*outside = 1;
		return NULL;
	}
	char real[PATH_MAX];
	if (!folio_path_inside(doc->root, path) ||
	    (realpath(path, real) != NULL && !folio_path_inside(doc->root, real))) {
		*outside = 1;
		free(path);
		return NULL;
	}
	return path;
}
