#include "config.h"
#include "source.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "docx.h"
#include "input.h"
#include "parse.h"
#include "pdf.h"
#include "restrict.h"
#include "utf8.h"
#include "vindex.h"

void
source_init(struct source *s)
{
	memset(s, 0, sizeof(*s));
	resolution_init(&s->res);
}

void
source_release(struct source *s)
{
	free(s->name);
	free(s->text);
	free(s->path);
	resolution_release(&s->res);
	source_init(s);
}

int
source_repo_store(struct source_repo *r, struct store **out, struct rl_error *err)
{
	if (!r->store) {
		/* -- PATH names a file in the repository's trees, never outside */
		if (r->path && restrict_check_path(r->path, err) < 0)
			return -1;
		if (store_open(&r->store, r->dir, err) < 0)
			return -1;
		/* symbols are then found in the index, not by reading every
		 * version; REDLINE_INDEX=off does without it (to rule it out) */
		if (!vindex_disabled()) {
			r->index = vindex_new(r->store);
			store_set_symbol_finder(r->store, vindex_find_symbol, r->index);
			store_set_reading_cache(r->store, vindex_reading_get, vindex_reading_put, r->index);
		}
	}
	*out = r->store;
	return 0;
}

int
source_repo_index(struct source_repo *r, struct vindex **out, struct rl_error *err)
{
	struct store *st;

	if (source_repo_store(r, &st, err) < 0)
		return -1;
	*out = r->index;
	return 0;
}

void
source_repo_release(struct source_repo *r)
{
	/* what the index learnt is written before the repository is let go */
	vindex_close(r->index);
	r->index = NULL;
	store_close(r->store);
	r->store = NULL;
}

/* The PDF's text in the normal form replaces its bytes, which are
 * remembered by their hash (import records it). */
static int
load_pdf(struct source *s, struct rl_error *err)
{
	struct sbuf text = SBUF_INIT;

	if (pdf_read_mem(s->text, s->len, s->name, &text, err) < 0) {
		sbuf_release(&text);
		return -1;
	}
	pdf_sha256(s->text, s->len, s->pdf_sha256);
	free(s->text);
	s->len = text.len;
	s->text = sbuf_detach(&text);
	return 0;
}

/* A Word document's text in the normal form replaces its bytes. */
static int
load_docx(struct source *s, int original, struct rl_error *err)
{
	struct sbuf text = SBUF_INIT;

	if (docx_read_mem(s->text, s->len, s->name, original, &text, err) < 0) {
		sbuf_release(&text);
		return -1;
	}
	free(s->text);
	s->len = text.len;
	s->text = sbuf_detach(&text);
	return 0;
}

/* A file name as one word of a command to copy: quoted when it must be. */
static void
add_word(struct sbuf *sb, const char *s, size_t n)
{
	size_t i;

	if (n > 0 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._/-+,:") >= n) {
		sbuf_add(sb, s, n);
		return;
	}
	sbuf_addch(sb, '\'');
	for (i = 0; i < n; i++) {
		if (s[i] == '\'')
			sbuf_adds(sb, "'\\''");
		else
			sbuf_addch(sb, s[i]);
	}
	sbuf_addch(sb, '\'');
}

/* "TOOL ARGS... FILE [OPT] OUT": the command that makes text of a file,
 * OUT being FILE with its extension changed to suffix. */
static void
add_command(struct sbuf *sb, const char *tool, const char *file, const char *opt, const char *suffix)
{
	const char *slash = strrchr(file, '/'), *dot = strrchr(file, '.');
	size_t stem = dot && dot > (slash ? slash : file) ? (size_t)(dot - file) : strlen(file);
	struct sbuf outname = SBUF_INIT;

	if (strcmp(file, "-") == 0)
		file = "FILE";
	sbuf_printf(sb, "%s ", tool);
	add_word(sb, file, strlen(file));
	sbuf_adds(sb, opt);
	sbuf_add(&outname, file, strcmp(file, "FILE") == 0 ? 4 : stem);
	sbuf_adds(&outname, suffix);
	add_word(sb, outname.buf, outname.len);
	sbuf_release(&outname);
}

/*
 * Bytes that are not UTF-8 text: UTF-16 with a byte-order mark is decoded
 * (it is what Windows editors save as "Unicode"); anything else is refused
 * with one line that says what the file is and what to do. Reading PDF and
 * office documents directly is left to readers at this edge, later.
 */
static int
check_kind(const char *name, const char *file, char **text, size_t *len, struct rl_error *err)
{
	enum file_kind k = file_kind(*text, *len);
	struct sbuf cmd = SBUF_INIT, dec = SBUF_INIT;
	const char *what = NULL;
	size_t bad = 0;
	int rc = -1;

	switch (k) {
	case FILE_TEXT:
		return 0;
	case FILE_UTF16LE_BOM:
	case FILE_UTF16BE_BOM:
		if (utf8_from_utf16(*text + 2, *len - 2, k == FILE_UTF16BE_BOM, &dec, &bad) < 0) {
			rl_fail(err, "'%s' is UTF-16 text with a broken character at byte %zu; convert it to UTF-8", name,
				bad + 2);
			break;
		}
		free(*text);
		*len = dec.len;
		*text = sbuf_detach(&dec);
		if (!*text)
			*text = xstrdup("");
		rc = 0;
		break;
	case FILE_PDF:
		/* read by the PDF reader before this is asked */
		rc = 0;
		break;
	case FILE_DOCX:
		/* read by the Word reader before this is asked */
		rc = 0;
		break;
	case FILE_ODT:
	case FILE_RTF:
		what = k == FILE_ODT ? "an OpenDocument text (ODT)" : "an RTF document";
		add_command(&cmd, "pandoc -t plain", file, " -o ", ".txt");
		rl_fail(err, "'%s' is %s; redline reads text only for now: save it as plain text (UTF-8) first (%s)",
			name, what, cmd.buf);
		break;
	case FILE_DOC:
		rl_fail(err, "'%s' is a Word 97-2003 document; redline reads text only for now: save it as plain text "
			"(UTF-8) first", name);
		break;
	case FILE_ZIP:
		rl_fail(err, "'%s' is a ZIP archive, not a text file", name);
		break;
	case FILE_UTF16LE:
	case FILE_UTF16BE:
		add_command(&cmd, k == FILE_UTF16LE ? "iconv -f UTF-16LE -t UTF-8" : "iconv -f UTF-16BE -t UTF-8", file,
			    " > ", "-utf8.txt");
		rl_fail(err, "'%s' looks like UTF-16 text without a byte-order mark; convert it to UTF-8 first (%s)",
			name, cmd.buf);
		break;
	}
	sbuf_release(&cmd);
	sbuf_release(&dec);
	return rc;
}

/*
 * The text parsed into the resolution. A comparison needs the clauses
 * only (keep 0): the text then goes as soon as the parser has its own
 * copy, so a large version is not held twice, nor for the whole run.
 */
static int
source_parse(struct source *s, int keep, struct rl_error *err)
{
	size_t len = s->len;

	if (keep)
		return parse_resolution(s->text, len, s->name, &s->res, err);
	s->len = 0;
	return parse_resolution_take(&s->text, len, s->name, &s->res, err);
}

/* A file read (by read_file) made text and parsed. */
static int
finish_file(const struct source_repo *r, const char *file, int keep, struct source *out, struct rl_error *err)
{
	if (pdf_is_pdf(out->text, out->len) || pdf_named(file)) {
		if (load_pdf(out, err) < 0)
			return -1;
	} else if (docx_is_docx(out->text, out->len) || docx_named(file) ||
		   (docx_is_zip(out->text, out->len) && file_kind(out->text, out->len) != FILE_ODT)) {
		/* a file named .docx must be one, and any other ZIP may be: the
		 * reader says what it is when it is not; an ODT gets its hint */
		if (load_docx(out, r && r->original, err) < 0)
			return -1;
	} else if (check_kind(strcmp(file, "-") == 0 ? "standard input" : file, file, &out->text, &out->len, err) < 0) {
		return -1;
	}
	return source_parse(out, keep, err);
}

static int
read_source_file(const char *file, struct source *out, struct rl_error *err)
{
	/* the commands refuse what names a file (cli.c's tables) and
	 * is_file() sends names to the repository; this is the last line */
	if (restricted() && strcmp(file, "-") != 0)
		return rl_fail(err, "restricted: '%s' is a file; only versions of the repository are read", file);
	out->name = xstrdup(file);
	return read_file(file, &out->text, &out->len, err);
}

static int
load_file(const struct source_repo *r, const char *file, int keep, struct source *out, struct rl_error *err)
{
	if (read_source_file(file, out, err) < 0)
		return -1;
	return finish_file(r, file, keep, out, err);
}

int
source_load_file(const struct source_repo *r, const char *file, struct source *out, struct rl_error *err)
{
	return load_file(r, file, 1, out, err);
}

/* blob NULL: the file at path in commit; else that blob, which it is */
static int
load_version(struct store *st, const char *commit, const char *blob, const char *path, int keep, struct source *out,
	     struct rl_error *err)
{
	struct sbuf name = SBUF_INIT;

	memcpy(out->commit, commit, STORE_OID_HEX);
	out->from_repo = 1;
	out->path = xstrdup(path);
	sbuf_printf(&name, "%.7s:%s", commit, path);
	out->name = sbuf_detach(&name);
	if ((blob ? store_read_blob(st, blob, commit, path, &out->text, &out->len, err)
		  : store_read(st, commit, path, &out->text, &out->len, err)) < 0)
		return -1;
	return source_parse(out, keep, err);
}

static int
load_commit(struct store *st, const char *commit, const char *path, int keep, struct source *out,
	    struct rl_error *err)
{
	return load_version(st, commit, NULL, path, keep, out, err);
}

int
source_from_text(const char *name, const char *path, const char *text, size_t len, struct source *out,
		 struct rl_error *err)
{
	out->name = xstrdup(name);
	out->path = path ? xstrdup(path) : NULL;
	out->text = xmalloc(len + 1);
	memcpy(out->text, text, len);
	out->text[len] = '\0';
	out->len = len;
	return source_parse(out, 1, err);
}

int
source_load_commit(struct store *st, const char *commit, const char *path, struct source *out,
		   struct rl_error *err)
{
	return load_commit(st, commit, path, 1, out, err);
}

int
source_load_version(struct store *st, const char *commit, const char *blob, const char *path, struct source *out,
		    struct rl_error *err)
{
	return load_version(st, commit, blob, path, 1, out, err);
}

/* Restricted mode reads no file but standard input: every other name is
 * a version of the repository, and no stat() tells whether a file exists. */
static int
is_file(const char *spec)
{
	struct stat st;

	if (strcmp(spec, "-") == 0)
		return 1;
	return !restricted() && stat(spec, &st) == 0;
}

/*
 * In restricted mode, a name that can only be a file's (/etc/passwd,
 * ./draft.txt, ../x, ~/x) is refused as one, and REV:PATH's PATH must lie
 * inside the repository; 0 otherwise.
 */
static int
restricted_spec(const char *spec, struct rl_error *err)
{
	const char *colon = strchr(spec, ':');

	if (!restricted())
		return 0;
	if (colon && colon != spec && colon[1])
		return restrict_check_path(colon + 1, err);
	if (spec[0] == '/' || spec[0] == '~' || strncmp(spec, "./", 2) == 0 || strncmp(spec, "../", 3) == 0 ||
	    strstr(spec, "/../") || strcmp(spec, "..") == 0)
		return rl_fail(err, "restricted: '%s' names a file; only versions of the repository are read", spec);
	return 0;
}

int
source_split_range(const char *spec, char **old, char **new_)
{
	const char *dots = strstr(spec, "..");

	*old = *new_ = NULL;
	/* symbols hold '/' and '.', never "..": split on the literal two dots;
	 * a file of that very name wins, as files do everywhere */
	if (!dots || is_file(spec))
		return 0;
	*old = xstrndup(spec, (size_t)(dots - spec));
	*new_ = xstrdup(dots + 2);
	return 1;
}

static int
load_spec(struct source_repo *r, const char *spec, int keep, struct source *out, struct rl_error *err)
{
	char commit[STORE_OID_HEX], *path = NULL;
	struct store *st;
	int rc;

	/* a file of that name wins, as with git diff --no-index */
	if (is_file(spec))
		return load_file(r, spec, keep, out, err);
	if (restricted_spec(spec, err) < 0)
		return -1;
	if (source_repo_store(r, &st, err) < 0) {
		/* outside a repository a name can only be a file */
		if (!r->dir)
			rl_fail(err, "cannot open '%s': No such file or directory", spec);
		return -1;
	}
	if (store_resolve(st, spec, r->path, commit, &path, err) < 0)
		return -1;
	rc = load_commit(st, commit, path, keep, out, err);
	free(path);
	return rc;
}

int
source_load(struct source_repo *r, const char *spec, struct source *out, struct rl_error *err)
{
	return load_spec(r, spec, 1, out, err);
}

/*
 * Two files: parsed at the same time, one per core. Parsing keeps no
 * shared state, so this is safe; it is the larger part of a comparison's
 * time on big texts. The second file is read before its thread starts:
 * its text then comes from the main thread's heap, where the parser
 * rewrites it and frees it, and the comparison that follows (in the main
 * thread) reuses that room instead of the thread's heap keeping it (on the
 * 3 MB pair, 2 MB of peak memory).
 */
struct file_job {
	const struct source_repo *repo;
	const char *file;
	struct source *out;
	int rc;
	struct rl_error err;
};

static void *
file_job_run(void *arg)
{
	struct file_job *j = arg;

	j->rc = finish_file(j->repo, j->file, 0, j->out, &j->err);
	return NULL;
}

int
source_load_pair(struct source_repo *r, const char *spec_old, const char *spec_new, struct source *old,
		 struct source *new_, struct rl_error *err)
{
	struct file_job jo, jn;
	pthread_t th;

	if (!is_file(spec_old) || !is_file(spec_new))
		return load_spec(r, spec_old, 0, old, err) < 0 || load_spec(r, spec_new, 0, new_, err) < 0 ? -1 : 0;
	memset(&jo, 0, sizeof(jo));
	memset(&jn, 0, sizeof(jn));
	jo.repo = jn.repo = r;
	jo.file = spec_old;
	jo.out = old;
	jn.file = spec_new;
	jn.out = new_;
	if ((jn.rc = read_source_file(spec_new, new_, &jn.err)) < 0) {
		/* nothing to parse beside it */
		jo.rc = load_file(r, spec_old, 0, old, &jo.err);
	} else if (pthread_create(&th, NULL, file_job_run, &jn) != 0) {
		jo.rc = load_file(r, spec_old, 0, old, &jo.err);
		file_job_run(&jn);
	} else {
		jo.rc = load_file(r, spec_old, 0, old, &jo.err);
		pthread_join(th, NULL);
	}
	/* the first failure in the order the user named them */
	if (jo.rc < 0 || jn.rc < 0) {
		*err = jo.rc < 0 ? jo.err : jn.err;
		return -1;
	}
	return 0;
}

int
source_load_latest_of(struct store *st, const char *path, struct source *out, struct rl_error *err)
{
	char commit[STORE_OID_HEX];
	int r;

	/* the newest alone: older history need not be read, nor readable */
	if ((r = store_latest(st, path, commit, err)) < 0)
		return -1;
	if (r == 1)
		return rl_fail(err, "no versions of '%s'", path);
	return source_load_commit(st, commit, path, out, err);
}

int
source_load_latest(struct source_repo *r, struct source *out, struct rl_error *err)
{
	struct store *st;
	char *path = NULL;
	int rc;

	if (source_repo_store(r, &st, err) < 0)
		return -1;
	/* no series named: the one the latest commit changed */
	if (r->path)
		path = xstrdup(r->path);
	else if (store_series_of(st, "HEAD", &path, err) < 0)
		return -1;
	rc = source_load_latest_of(st, path, out, err);
	free(path);
	return rc;
}

int
source_load_previous(struct store *st, const struct source *newer, struct source *out, struct rl_error *err)
{
	char prev[STORE_OID_HEX];
	int r;

	if (!newer->from_repo)
		return rl_fail(err, "'%s' is a file; it has no version before it", newer->name);
	r = store_previous(st, newer->path, newer->commit, prev, err);
	if (r != 0)
		return r;
	return source_load_commit(st, prev, newer->path, out, err);
}

static void
add_safe(struct sbuf *out, const char *s)
{
	utf8_sanitize(out, s, strlen(s), 0);
}

void
source_label(const struct source *s, int brief, struct sbuf *out)
{
	const char *sym = s->res.meta.symbol;

	if (sym && *sym) {
		/* "A/RES/79/53" reads as 79/53 among people who negotiate it */
		add_safe(out, brief && strncmp(sym, "A/RES/", 6) == 0 && sym[6] ? sym + 6 : sym);
	} else if (s->from_repo) {
		sbuf_printf(out, "%.7s", s->commit);
	} else {
		add_safe(out, s->name ? s->name : "-");
	}
}

void
source_describe(const struct source *s, int brief, struct sbuf *out)
{
	const char *sym = s->res.meta.symbol;

	source_label(s, brief, out);
	if (!sym || !*sym) {
		/* the label is the commit or the file already */
		if (s->from_repo) {
			sbuf_adds(out, ":");
			add_safe(out, s->path);
		}
		return;
	}
	sbuf_adds(out, " (");
	if (!s->from_repo && s->name && strcmp(s->name, "-") == 0)
		sbuf_adds(out, "standard input");
	else
		add_safe(out, s->name ? s->name : "-");
	sbuf_adds(out, ")");
}
