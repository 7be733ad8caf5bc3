/*
 * series: a series' versions and their clauses' lineage (series.h).
 */
#include "config.h"
#include "series.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compare.h"
#include "input.h"
#include "sbuf.h"
#include "tsv.h"
#include "vindex.h"

void
series_init(struct series *s)
{
	memset(s, 0, sizeof(*s));
	lineage_init(&s->lin);
}

void
series_release(struct series *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		source_release(&s->v[i]);
		free(s->label[i]);
	}
	free(s->v);
	free(s->label);
	free(s->path);
	lineage_release(&s->lin);
	memset(s, 0, sizeof(*s));
}

long
series_find(const struct series *s, const char *commit)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i].commit, commit) == 0)
			return (long)i;
	return -1;
}

/*
 * The cache: beside the version index (lineage-HASH, one file per series),
 * what blame, history and map read of each version -- its commit, blob,
 * label and clauses (id, section, number, opener, text, and how it came
 * from the version before) -- so that a series is not read, parsed and
 * compared again. Versions are known by their blobs: the cache serves the
 * leading versions whose blobs are the series' own (a history rewritten
 * below them, a new version: the rest is made again and the file
 * rewritten). Written whole to a temporary file and renamed into place;
 * any failure to read or write it only costs the time to make it again.
 */

#define CACHE_MAGIC "redline-lineage 2 " PACKAGE_VERSION

struct cached {
	char commit[STORE_OID_HEX], blob[STORE_OID_HEX];
	char *label;
	struct resolution res;
	struct lin_link *links;
};

struct cache {
	struct cached *v;
	size_t n, cap;
};

static void
cache_release(struct cache *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].label);
		resolution_release(&c->v[i].res);
		free(c->v[i].links);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

static char *
cache_file(struct store *st, const char *path)
{
	struct sbuf name = SBUF_INIT;
	char *file = NULL;

	if (vindex_disabled())
		return NULL;
	sbuf_printf(&name, "lineage-%016llx", hash_bytes(path, strlen(path)));
	file = vindex_derived_path(store_git_dir(st), name.buf);
	sbuf_release(&name);
	return file;
}

/* A whole decimal number in [lo, hi]. */
static int
in_range(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < lo || v > hi)
		return 0;
	*out = v;
	return 1;
}

static int
is_hex(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i == STORE_OID_HEX - 1;
}

/* The cache's versions for path; a file that is not one (another version
 * of redline's, damaged) reads as empty. */
static void
cache_read(const char *file, const char *path, struct cache *c)
{
	struct rl_error err;
	char *buf = NULL, *line, *next, *f[16];
	size_t len, nf, left = 0;
	struct cached *cur = NULL;

	memset(c, 0, sizeof(*c));
	if (!file || read_file(file, &buf, &len, &err) < 0)
		return;
	for (line = buf; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (line == buf) {
			if (strcmp(line, CACHE_MAGIC) != 0)
				goto bad;
			continue;
		}
		nf = tsv_split(line, f, 16);
		if (nf == 2 && strcmp(f[0], "path") == 0) {
			if (strcmp(tsv_unescape(f[1]), path) != 0)
				goto bad;
		} else if (nf == 5 && strcmp(f[0], "V") == 0 && !left) {
			if (!is_hex(f[1]) || !is_hex(f[2]))
				goto bad;
			GROW(c->v, c->cap, c->n + 1);
			cur = &c->v[c->n++];
			memset(cur, 0, sizeof(*cur));
			memcpy(cur->commit, f[1], STORE_OID_HEX);
			memcpy(cur->blob, f[2], STORE_OID_HEX);
			cur->label = xstrdup(tsv_unescape(f[3]));
			resolution_init(&cur->res);
			{
				long nc;

				if (!in_range(f[4], 0, 100000, &nc))
					goto bad;
				left = (size_t)nc;
			}
			cur->links = xcalloc(left + 1, sizeof(*cur->links));
		} else if (nf == 15 && strcmp(f[0], "C") == 0 && cur && left) {
			struct clause *cl = resolution_add_clause(&cur->res);
			struct lin_link *lk = &cur->links[cur->res.nclauses - 1];

			/* every number whole and in its range, or the file is not one */
			static const struct {
				int field;
				long lo, hi;
			} nums[10] = {
				{ 2, 0, SEC_PARAGRAPH }, { 5, 0, 2 }, { 6, -1, 100000 }, { 7, -1, 100000 },
				{ 8, CHANGE_UNCHANGED, CHANGE_MERGED }, { 9, 0, 1 }, { 10, 0, 1 }, { 11, 0, 1 },
				{ 12, SHIFT_SAME, SHIFT_UNKNOWN }, { 13, 0, 1 },
			};
			long num[10];
			size_t k;

			for (k = 0; k < 10; k++)
				if (!in_range(f[nums[k].field], nums[k].lo, nums[k].hi, &num[k]))
					goto bad;
			cl->id = xstrdup(tsv_unescape(f[1]));
			cl->section = (enum section)num[0];
			cl->number = *f[3] ? xstrdup(tsv_unescape(f[3])) : NULL;
			cl->opener = *f[4] ? xstrdup(tsv_unescape(f[4])) : NULL;
			cl->parent = -1;
			lk->nparents = (int)num[1];
			lk->parent[0] = num[2];
			lk->parent[1] = num[3];
			lk->kind = (enum change_kind)num[4];
			lk->moved = (int)num[5];
			lk->renumbered = (int)num[6];
			lk->verb_changed = (int)num[7];
			lk->shift = (enum verb_shift)num[8];
			lk->typo_only = (int)num[9];
			if (lk->kind == CHANGE_DELETED)
				goto bad;
			if (strcmp(f[14], "=") == 0) {
				/* the first parent's text, in the version before */
				const struct resolution *before = c->n > 1 ? &c->v[c->n - 2].res : NULL;

				if (!before || !lk->nparents || lk->parent[0] < 0 ||
				    (size_t)lk->parent[0] >= before->nclauses)
					goto bad;
				cl->text = xstrdup(before->clauses[lk->parent[0]].text);
			} else if (f[14][0] == 't') {
				cl->text = xstrdup(tsv_unescape(f[14] + 1));
			} else {
				goto bad;
			}
			left--;
		} else {
			goto bad;
		}
	}
	/* a version cut short is not one */
	if (left && c->n)
		c->n--, free(c->v[c->n].label), resolution_release(&c->v[c->n].res), free(c->v[c->n].links);
	free(buf);
	return;
bad:
	free(buf);
	cache_release(c);
}

static void
put_version(struct sbuf *out, const char *commit, const char *blob, const char *label, const struct resolution *r,
	    const struct resolution *before, const struct lineage *l, size_t v)
{
	size_t i;

	sbuf_printf(out, "V\t%s\t%s", commit, blob);
	tsv_put_field(out, label);
	sbuf_printf(out, "\t%zu\n", r->nclauses);
	for (i = 0; i < r->nclauses; i++) {
		const struct clause *cl = &r->clauses[i];
		const struct lin_link *lk = &l->v[v].c[i].in;

		sbuf_adds(out, "C");
		tsv_put_field(out, cl->id);
		sbuf_printf(out, "\t%d", (int)cl->section);
		tsv_put_field(out, cl->number);
		tsv_put_field(out, cl->opener);
		sbuf_printf(out, "\t%d\t%ld\t%ld\t%d\t%d\t%d\t%d\t%d\t%d", lk->nparents, lk->parent[0], lk->parent[1],
			    (int)lk->kind, lk->moved, lk->renumbered, lk->verb_changed, (int)lk->shift, lk->typo_only);
		/* a text its first parent had already: "=" (most clauses of
		 * most versions), else "t" and the text */
		if (before && lk->nparents && (size_t)lk->parent[0] < before->nclauses &&
		    strcmp(before->clauses[lk->parent[0]].text, cl->text) == 0) {
			sbuf_adds(out, "\t=\n");
			continue;
		}
		sbuf_adds(out, "\tt");
		tsv_put_escaped(out, cl->text);
		sbuf_addch(out, '\n');
	}
}

static void
cache_write(const char *file, const struct series *s, char blobs[][STORE_OID_HEX])
{
	struct sbuf out = SBUF_INIT;
	size_t i;

	if (!file)
		return;
	sbuf_printf(&out, "%s\npath", CACHE_MAGIC);
	tsv_put_field(&out, s->path);
	sbuf_addch(&out, '\n');
	for (i = 0; i < s->n; i++)
		put_version(&out, s->v[i].commit, blobs[i], s->label[i], &s->v[i].res, i ? &s->v[i - 1].res : NULL,
			    &s->lin, i);
	vindex_write_derived(file, out.buf, out.len);
	sbuf_release(&out);
}

/* Index versions (newest first) as ids, oldest first. */
static void
ids_oldest_first(const struct vindex_version *vv, size_t nv, char (**commits)[STORE_OID_HEX],
		 char (**blobs)[STORE_OID_HEX], size_t *n)
{
	size_t i;

	*commits = xcalloc(nv + 1, sizeof(**commits));
	*blobs = xcalloc(nv + 1, sizeof(**blobs));
	for (i = 0; i < nv; i++) {
		snprintf((*commits)[i], STORE_OID_HEX, "%s", vv[nv - 1 - i].commit);
		snprintf((*blobs)[i], STORE_OID_HEX, "%s", vv[nv - 1 - i].blob);
	}
	*n = nv;
}

int
series_versions_in(struct store *st, struct vindex *vx, const char *path, char (**commits)[STORE_OID_HEX],
		   char (**blobs)[STORE_OID_HEX], size_t *n, struct rl_error *err)
{
	struct vindex_version *vv = NULL;
	size_t nv = 0;

	if (!vx || vindex_versions(vx, path, &vv, &nv) != 0)
		return series_versions(st, path, commits, blobs, n, err);
	ids_oldest_first(vv, nv, commits, blobs, n);
	free(vv);
	return 0;
}

int
series_versions(struct store *st, const char *path, char (**commits)[STORE_OID_HEX], char (**blobs)[STORE_OID_HEX],
	      size_t *n, struct rl_error *err)
{
	struct vindex *x = vindex_disabled() ? NULL : vindex_new(st);
	struct vindex_version *vv = NULL;
	struct store_version *sv = NULL;
	size_t i, nv = 0;
	int r = 1;

	if (x && (r = vindex_series(x, path, VINDEX_CACHED_ONLY, &vv, &nv)) == 0) {
		ids_oldest_first(vv, nv, commits, blobs, n);
		free(vv);
		vindex_close(x);
		return 0;
	}
	if (x)
		vindex_close(x);
	if (store_versions(st, path, NULL, &sv, &nv, err) < 0)
		return -1;
	*commits = xcalloc(nv + 1, sizeof(**commits));
	*blobs = xcalloc(nv + 1, sizeof(**blobs));
	for (i = 0; i < nv; i++) {
		snprintf((*commits)[i], STORE_OID_HEX, "%s", sv[nv - 1 - i].commit);
		snprintf((*blobs)[i], STORE_OID_HEX, "%s", sv[nv - 1 - i].blob);
	}
	*n = nv;
	for (i = 0; i < nv; i++)
		store_version_release(&sv[i]);
	free(sv);
	return 0;
}

struct label_at {
	const char *label;
	size_t i;
};

/* Labels in order, then by version (qsort's order of equals is its own). */
static int
cmp_label_at(const void *a, const void *b)
{
	const struct label_at *x = a, *y = b;
	int c = strcmp(x->label, y->label);

	return c ? c : x->i < y->i ? -1 : x->i > y->i;
}

/* Two versions of one label (a text imported again with its old symbol):
 * each named with its commit too, "79/53 (21bb000)". Sorted, equal labels
 * are neighbours: n log n, where every pair would be n squared. */
static void
disambiguate(struct series *s)
{
	struct label_at *by = xcalloc(s->n + 1, sizeof(*by));
	unsigned char *dup = xcalloc(s->n + 1, 1);
	size_t i;

	for (i = 0; i < s->n; i++) {
		by[i].label = s->label[i];
		by[i].i = i;
	}
	if (s->n > 1)
		qsort(by, s->n, sizeof(*by), cmp_label_at);
	for (i = 0; i + 1 < s->n; i++)
		if (strcmp(by[i].label, by[i + 1].label) == 0)
			dup[by[i].i] = dup[by[i + 1].i] = 1;
	free(by);
	for (i = 0; i < s->n; i++)
		if (dup[i]) {
			struct sbuf b = SBUF_INIT;

			sbuf_printf(&b, "%s (%.7s)", s->label[i], s->v[i].commit);
			free(s->label[i]);
			s->label[i] = sbuf_detach(&b);
		}
	free(dup);
}

int
series_load(struct store *st, const char *path, const char *upto, struct series *out, struct rl_error *err)
{
	char (*commits)[STORE_OID_HEX] = NULL, (*blobs)[STORE_OID_HEX] = NULL;
	size_t nv = 0, i, n, hit = 0;
	struct lin_link *links = NULL;
	struct cache cache;
	struct source prev;
	char *file = NULL;
	int rc = -1;

	series_init(out);
	memset(&cache, 0, sizeof(cache));
	source_init(&prev);
	out->path = xstrdup(path);
	if (series_versions(st, path, &commits, &blobs, &nv, err) < 0)
		goto out;
	if (nv == 0) {
		rl_fail(err, "no versions of '%s'", path);
		goto out;
	}
	n = nv;
	if (upto) {
		for (n = 0; n < nv && strcmp(commits[n], upto) != 0; n++)
			;
		if (n == nv) {
			rl_fail(err, "%.7s is not a version of '%s'", upto, path);
			goto out;
		}
		n++;
	}
	file = cache_file(st, path);
	cache_read(file, path, &cache);
	while (hit < cache.n && hit < n && strcmp(cache.v[hit].blob, blobs[hit]) == 0 &&
	       strcmp(cache.v[hit].commit, commits[hit]) == 0)
		hit++;
	out->v = xcalloc(n + 1, sizeof(*out->v));
	out->label = xcalloc(n + 1, sizeof(*out->label));
	for (i = 0; i < n; i++) {
		struct source *sv = &out->v[i];

		source_init(sv);
		if (i < hit) {
			/* from the cache: its clauses and links, taken over */
			struct cached *cv = &cache.v[i];

			sv->from_repo = 1;
			memcpy(sv->commit, cv->commit, STORE_OID_HEX);
			sv->path = xstrdup(path);
			sv->res = cv->res;
			resolution_init(&cv->res);
			out->label[i] = cv->label;
			cv->label = NULL;
			out->n = i + 1;
			lineage_add(&out->lin, i ? cv->links : NULL, sv->res.nclauses);
			continue;
		}
		if (source_load_commit(st, commits[i], path, sv, err) < 0) {
			out->n = i + 1;
			goto out;
		}
		{
			struct sbuf label = SBUF_INIT;

			source_label(sv, 1, &label);
			out->label[i] = sbuf_detach(&label);
		}
		out->n = i + 1;
		if (i == 0) {
			lineage_add(&out->lin, NULL, sv->res.nclauses);
		} else {
			/* compared with the version before as git holds it, not as
			 * the cache kept it */
			const struct resolution *before = &out->v[i - 1].res;
			struct comparison c;
			size_t nc = sv->res.nclauses;

			if (i == hit) {
				if (source_load_commit(st, commits[i - 1], path, &prev, err) < 0)
					goto out;
				before = &prev.res;
			}
			compare_resolutions(before, &sv->res, 0, &c);
			links = xrealloc(links, (nc + 1) * sizeof(*links));
			lineage_links(&c, links, nc);
			lineage_add(&out->lin, links, nc);
			comparison_release(&c);
		}
	}
	/* what is new since the cache was written, kept for next time */
	if (hit < n && (!upto || n == nv || n > cache.n))
		cache_write(file, out, blobs);
	disambiguate(out);
	rc = 0;
out:
	source_release(&prev);
	cache_release(&cache);
	free(file);
	free(commits);
	free(blobs);
	free(links);
	return rc;
}
