#include "config.h"
#include "source.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "docx.h"
#include "parse.h"
#include "utf8.h"

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
	if (!r->store && store_open(&r->store, r->dir, err) < 0)
		return -1;
	*out = r->store;
	return 0;
}

void
source_repo_release(struct source_repo *r)
{
	store_close(r->store);
	r->store = NULL;
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

int
source_load_file(const struct source_repo *r, const char *file, struct source *out, struct rl_error *err)
{
	out->name = xstrdup(file);
	if (read_file(file, &out->text, &out->len, err) < 0)
		return -1;
	/* any ZIP goes to the Word reader, which says what it is when it is
	 * not a Word document; so does any file named .docx */
	if ((docx_is_docx(out->text, out->len) || docx_is_zip(out->text, out->len) || docx_named(file)) &&
	    load_docx(out, r && r->original, err) < 0)
		return -1;
	return parse_resolution(out->text, out->len, out->name, &out->res, err);
}

int
source_load_commit(struct store *st, const char *commit, const char *path, struct source *out,
		   struct rl_error *err)
{
	struct sbuf name = SBUF_INIT;

	memcpy(out->commit, commit, STORE_OID_HEX);
	out->from_repo = 1;
	out->path = xstrdup(path);
	sbuf_printf(&name, "%.7s:%s", commit, path);
	out->name = sbuf_detach(&name);
	if (store_read(st, commit, path, &out->text, &out->len, err) < 0)
		return -1;
	return parse_resolution(out->text, out->len, out->name, &out->res, err);
}

static int
is_file(const char *spec)
{
	struct stat st;

	return strcmp(spec, "-") == 0 || stat(spec, &st) == 0;
}

int
source_load(struct source_repo *r, const char *spec, struct source *out, struct rl_error *err)
{
	char commit[STORE_OID_HEX], *path = NULL;
	struct store *st;
	int rc;

	/* a file of that name wins, as with git diff --no-index */
	if (is_file(spec))
		return source_load_file(r, spec, out, err);
	if (source_repo_store(r, &st, err) < 0) {
		/* outside a repository a name can only be a file */
		if (!r->dir)
			rl_fail(err, "cannot open '%s': No such file or directory", spec);
		return -1;
	}
	if (store_resolve(st, spec, r->path, commit, &path, err) < 0)
		return -1;
	rc = source_load_commit(st, commit, path, out, err);
	free(path);
	return rc;
}

/*
 * Two files: read and parse them at the same time, one per core. Parsing
 * keeps no shared state, so this is safe; it is the larger part of a
 * comparison's time on big texts.
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

	j->rc = source_load_file(j->repo, j->file, j->out, &j->err);
	return NULL;
}

int
source_load_pair(struct source_repo *r, const char *spec_old, const char *spec_new, struct source *old,
		 struct source *new_, struct rl_error *err)
{
	struct file_job jo, jn;
	pthread_t th;

	if (!is_file(spec_old) || !is_file(spec_new))
		return source_load(r, spec_old, old, err) < 0 || source_load(r, spec_new, new_, err) < 0 ? -1 : 0;
	memset(&jo, 0, sizeof(jo));
	memset(&jn, 0, sizeof(jn));
	jo.repo = jn.repo = r;
	jo.file = spec_old;
	jo.out = old;
	jn.file = spec_new;
	jn.out = new_;
	if (pthread_create(&th, NULL, file_job_run, &jn) != 0) {
		file_job_run(&jo);
		file_job_run(&jn);
	} else {
		file_job_run(&jo);
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
source_load_latest(struct source_repo *r, struct source *out, struct rl_error *err)
{
	struct store *st;
	struct store_version *v = NULL;
	char *path = NULL;
	size_t n = 0;
	int rc = -1;

	if (source_repo_store(r, &st, err) < 0)
		return -1;
	if (r->path)
		path = xstrdup(r->path);
	else if (store_default_series(st, &path, err) < 0)
		return -1;
	if (store_versions(st, path, NULL, &v, &n, err) < 0)
		goto out;
	if (n == 0) {
		rl_fail(err, "no versions of '%s'", path);
		goto out;
	}
	rc = source_load_commit(st, v[0].commit, path, out, err);
out:
	store_versions_free(v, n);
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
	add_safe(out, s->name ? s->name : "-");
	sbuf_adds(out, ")");
}
