/*
 * agreed_store: a repository's agreed-language index, kept (agreed_store.h).
 */
#include "config.h"
#include "agreed_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input.h"
#include "sbuf.h"
#include "series.h"
#include "source.h"
#include "vindex.h"

/* Each file: two lines of 64 bytes, "redline-agreed-of HEAD" and
 * "redline-agreed-over BASE" (the base's HEAD for the second part, empty
 * for the base), padded with spaces, then the index's bytes, which a query
 * maps and reads in place (8-byte aligned: the lines keep them so). */
#define HEADER_OF "redline-agreed-of "
#define HEADER_OVER "redline-agreed-over "
#define LINE_LEN 64
#define HEADER_LEN (2 * LINE_LEN)
#define BASE_FILE "agreed"
#define ADDED_FILE "agreed-new"

static char *
index_file(struct store *st, const char *name)
{
	return vindex_disabled() ? NULL : vindex_derived_path(store_git_dir(st), name);
}

static void
header_line(struct sbuf *out, const char *head, const char *id)
{
	sbuf_printf(out, "%s%-*s", head, (int)(LINE_LEN - strlen(head)), id);
	out->buf[out->len - 1] = '\n';
}

/* The id a header line names: 0, else -1. */
static int
header_id(const char *line, const char *head, char id[STORE_OID_HEX])
{
	size_t n = strlen(head), k = 0;

	if (memcmp(line, head, n) != 0 || line[LINE_LEN - 1] != '\n')
		return -1;
	while (n + k < LINE_LEN - 1 && k < STORE_OID_HEX - 1 && line[n + k] != ' ')
		k++;
	memcpy(id, line + n, k);
	id[k] = '\0';
	return 0;
}

/* A kept file, mapped: the HEAD it covers in head, the base it adds to in
 * over ("" for a base). */
static int
read_kept(const char *file, struct agreed_index *out, struct agreed_kept *k, char head[STORE_OID_HEX],
	  char over[STORE_OID_HEX])
{
	struct stat sb;
	int fd;

	k->map = NULL;
	if (!file || (fd = open(file, O_RDONLY)) < 0)
		return -1;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || sb.st_size < HEADER_LEN + 8 ||
	    (k->map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
		k->map = NULL;
		close(fd);
		return -1;
	}
	close(fd);
	k->len = (size_t)sb.st_size;
	if (header_id(k->map, HEADER_OF, head) == 0 &&
	    header_id((const char *)k->map + LINE_LEN, HEADER_OVER, over) == 0 &&
	    agreed_map(out, (const char *)k->map + HEADER_LEN, k->len - HEADER_LEN) == 0)
		return 0;
	munmap(k->map, k->len);
	k->map = NULL;
	return -1;
}

static void
keep(const char *file, const char *head, const char *over, const struct agreed_index *x)
{
	struct sbuf out = SBUF_INIT;

	if (!file)
		return;
	header_line(&out, HEADER_OF, head);
	header_line(&out, HEADER_OVER, over);
	agreed_save(x, &out);
	vindex_write_derived(file, out.buf, out.len);
	sbuf_release(&out);
}

/* A version's date for people and for ranking: adoption, else
 * distribution (a draft). */
static const char *
version_date(const struct resolution *r)
{
	return r->meta.adopted ? r->meta.adopted : r->meta.distributed ? r->meta.distributed : "";
}

/* The versions the old indexes hold, by commit and path, for lookups:
 * which old and which of its versions. */
struct known {
	char **key;	/* "COMMIT\tPATH", sorted */
	uint32_t *old, *version;
	size_t n;
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
known_make(const struct agreed_index *const *old, size_t nold, struct known *k)
{
	size_t i, j, n = 0;

	for (j = 0; j < nold; j++)
		n += old[j]->nv;
	k->n = n;
	k->key = xcalloc(n + 1, sizeof(*k->key));
	k->old = xcalloc(n + 1, sizeof(*k->old));
	k->version = xcalloc(n + 1, sizeof(*k->version));
	for (j = 0, n = 0; j < nold; j++)
		for (i = 0; i < old[j]->nv; i++) {
			struct sbuf b = SBUF_INIT;

			sbuf_printf(&b, "%s\t%s%c%u %u", agreed_str(old[j], old[j]->v[i].commit),
				    agreed_str(old[j], old[j]->v[i].path), 0, (unsigned)j, (unsigned)i);
			k->key[n++] = sbuf_detach(&b);
		}
	if (k->n)
		qsort(k->key, k->n, sizeof(*k->key), cmp_str);
	for (i = 0; i < k->n; i++) {
		char *end;

		k->old[i] = (uint32_t)strtoul(k->key[i] + strlen(k->key[i]) + 1, &end, 10);
		k->version[i] = (uint32_t)strtoul(end, NULL, 10);
	}
}

/* The entry of the known version, or -1. */
static long
known_find(const struct known *k, const char *commit, const char *path)
{
	struct sbuf b = SBUF_INIT;
	char **hit;
	long r = -1;

	sbuf_printf(&b, "%s\t%s", commit, path);
	hit = k->n ? bsearch(&b.buf, k->key, k->n, sizeof(*k->key), cmp_str) : NULL;
	if (hit)
		r = (long)(hit - k->key);
	sbuf_release(&b);
	return r;
}

static void
known_release(struct known *k)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		free(k->key[i]);
	free(k->key);
	free(k->old);
	free(k->version);
}

/*
 * An index of the versions of every series at HEAD. The old indexes' (the
 * first nadd of them are taken into it, the rest only known: what is
 * added to a base) are not read again; the others are read and parsed --
 * an index brought up to date after an import costs the new versions, not
 * the archive. *gone: a version an old index holds is no longer at HEAD
 * (left out of what is taken in).
 */
static int
build(struct store *st, struct vindex *given, const struct agreed_index *const *old, size_t nold, size_t nadd,
      struct agreed_index *x, size_t *fresh, int *gone, struct rl_error *err)
{
	struct store_series *series = NULL;
	size_t ns = 0, i, k, j, nknown;
	struct known known;
	unsigned char *still;
	struct vindex *vx;
	int rc = -1;

	*fresh = 0;
	*gone = 0;
	agreed_init(x);
	if (store_list_series(st, &series, &ns, err) < 0) {
		agreed_release(x);
		return -1;
	}
	vx = given ? given : vindex_disabled() ? NULL : vindex_new(st);
	known_make(old, nold, &known);
	nknown = known.n;
	still = xcalloc(nknown + 1, 1);
	/* first the old indexes' versions still there, then the new ones */
	for (i = 0; i < ns && nold; i++) {
		char (*commits)[STORE_OID_HEX] = NULL, (*blobs)[STORE_OID_HEX] = NULL;
		size_t nv = 0;

		if (series_versions_in(st, vx, series[i].path, &commits, &blobs, &nv, err) == 0)
			for (k = 0; k < nv; k++) {
				long e = known_find(&known, commits[k], series[i].path);

				if (e >= 0)
					still[e] = 1;
			}
		free(commits);
		free(blobs);
	}
	for (i = 0; i < nknown; i++)
		*gone |= !still[i];
	for (j = 0; j < nadd; j++) {
		unsigned char *keep_v = xcalloc(old[j]->nv + 1, 1);

		for (i = 0; i < nknown; i++)
			if (known.old[i] == j && still[i])
				keep_v[known.version[i]] = 1;
		agreed_add_from(x, old[j], keep_v);
		free(keep_v);
	}
	for (i = 0; i < ns; i++) {
		char (*commits)[STORE_OID_HEX] = NULL, (*blobs)[STORE_OID_HEX] = NULL;
		size_t nv = 0;

		if (series_versions_in(st, vx, series[i].path, &commits, &blobs, &nv, err) < 0)
			goto out;
		for (k = 0; k < nv; k++) {
			struct source s;
			struct rl_error e2;
			const char *sym;
			uint32_t v;

			if (known_find(&known, commits[k], series[i].path) >= 0)
				continue;
			(*fresh)++;
			source_init(&s);
			/* a version that cannot be read (damage: git fsck) is an
			 * error, as it is to log: an index without it would
			 * answer "never adopted" of what it holds, and be kept */
			if (source_load_version(st, commits[k], blobs[k], series[i].path, &s, &e2) < 0) {
				rl_fail(err, "%s", e2.msg);
				source_release(&s);
				free(commits);
				free(blobs);
				goto out;
			}
			sym = s.res.meta.symbol;
			v = agreed_add_version(x, commits[k], series[i].path, sym, version_date(&s.res),
					       sym && strncmp(sym, "A/RES/", 6) == 0);
			for (j = 0; j < s.res.nclauses; j++)
				agreed_add_clause(x, v, s.res.clauses[j].id, s.res.clauses[j].text);
			source_release(&s);
		}
		free(commits);
		free(blobs);
	}
	agreed_finish(x);
	rc = 0;
out:
	if (rc < 0)
		agreed_release(x);
	if (vx && vx != given)
		vindex_close(vx);
	store_series_free(series, ns);
	known_release(&known);
	free(still);
	return rc;
}

static void
close_part(struct agreed_store *a, size_t i)
{
	agreed_release(&a->seg[i]);
	if (a->kept[i].map)
		munmap(a->kept[i].map, a->kept[i].len);
	a->kept[i].map = NULL;
}

void
agreed_store_close(struct agreed_store *a)
{
	size_t i;

	for (i = 0; i < 2; i++)
		close_part(a, i);
	agreed_release(&a->joined);
	a->nseg = 0;
}

/* An index (made here, not mapped) as the only part. */
static void
only_part(struct agreed_store *a, struct agreed_index *x)
{
	close_part(a, 0);
	close_part(a, 1);
	a->seg[0] = *x;
	a->nseg = 1;
}

/*
 * Brought up to HEAD from the kept base (and the part added to it): the
 * versions added since go into a new added part, unless one the base or
 * that part holds is gone (a rewrite) or the added part outgrows an
 * eighth of the base: then all is one base again (what it held taken
 * from it, not read again).
 */
static int
bring_up(struct store *st, struct vindex *vx, struct agreed_store *a, const char *head, const char *base_head, const char *base_file,
	 const char *added_file, struct rl_error *err)
{
	const struct agreed_index *old[2];
	struct agreed_index x;
	size_t fresh;
	int gone;

	/* the added part: the old one's versions and the new ones */
	old[0] = a->nseg > 1 ? &a->seg[1] : NULL;
	old[1] = &a->seg[0];
	if (a->nseg > 1 ? build(st, vx, old, 2, 1, &x, &fresh, &gone, err)
			 : build(st, vx, old + 1, 1, 0, &x, &fresh, &gone, err))
		return -1;
	if (!gone && x.nstrings <= a->seg[0].nstrings / 8 + 65536) {
		close_part(a, 1);
		keep(added_file, head, base_head, &x);
		a->seg[1] = x;
		a->nseg = 2;
		return 0;
	}
	agreed_release(&x);
	/* one base again */
	old[0] = &a->seg[0];
	old[1] = a->nseg > 1 ? &a->seg[1] : NULL;
	if (build(st, vx, old, a->nseg, a->nseg, &x, &fresh, &gone, err) < 0)
		return -1;
	keep(base_file, head, "", &x);
	if (added_file)
		unlink(added_file);
	only_part(a, &x);
	return 0;
}

/*
 * The kept parts into a: -1 when no base is kept (a closed), 0 when they
 * cover head, 1 when they are behind it (to bring up: a->nseg parts read,
 * the base's HEAD in base_head).
 */
static int
read_parts(const char *base_file, const char *added_file, const char *head, struct agreed_store *a,
	   char base_head[STORE_OID_HEX])
{
	char got[STORE_OID_HEX], over[STORE_OID_HEX];

	if (read_kept(base_file, &a->seg[0], &a->kept[0], base_head, over) < 0 || over[0]) {
		agreed_store_close(a);
		return -1;
	}
	a->nseg = 1;
	if (strcmp(base_head, head) != 0 && read_kept(added_file, &a->seg[1], &a->kept[1], got, over) == 0 &&
	    strcmp(over, base_head) == 0)
		a->nseg = 2;
	else
		close_part(a, 1);
	return strcmp(a->nseg > 1 ? got : base_head, head) == 0 ? 0 : 1;
}

static void
count_parts(struct agreed_store *a)
{
	size_t i;

	a->nclauses = a->nversions = 0;
	for (i = 0; i < a->nseg; i++) {
		a->nclauses += a->seg[i].nc;
		a->nversions += a->seg[i].nv;
	}
}

static int
open_index(struct store *st, struct vindex *vx, int rebuild, int only_kept, struct agreed_store *a, int *built,
	   struct rl_error *err)
{
	char head[STORE_OID_HEX], base_head[STORE_OID_HEX];
	char *base_file = NULL, *added_file = NULL;
	int r, rc = -1;

	memset(a, 0, sizeof(*a));
	if (built)
		*built = 0;
	if ((r = store_head(st, head, err)) < 0)
		return -1;
	if (r == 1)
		head[0] = '\0';
	base_file = index_file(st, BASE_FILE);
	added_file = index_file(st, ADDED_FILE);
	if (!rebuild && (r = read_parts(base_file, added_file, head, a, base_head)) >= 0) {
		if (r == 0) {
			rc = 0;
			goto out;
		}
		if (bring_up(st, vx, a, head, base_head, base_file, added_file, err) < 0)
			goto out;
	} else {
		struct agreed_index x;
		size_t fresh;
		int gone;

		agreed_store_close(a);
		if (only_kept) {
			rc = 0;
			goto out;
		}
		if (build(st, vx, NULL, 0, 0, &x, &fresh, &gone, err) < 0)
			goto out;
		keep(base_file, head, "", &x);
		if (added_file)
			unlink(added_file);
		only_part(a, &x);
	}
	if (built)
		*built = 1;
	rc = 0;
out:
	count_parts(a);
	free(base_file);
	free(added_file);
	return rc;
}

int
agreed_store_open_kept(const char *git_dir, const char *head, struct agreed_store *out)
{
	char base_head[STORE_OID_HEX];
	char *base_file, *added_file;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (vindex_disabled())
		return -1;
	base_file = vindex_derived_path(git_dir, BASE_FILE);
	added_file = vindex_derived_path(git_dir, ADDED_FILE);
	if (read_parts(base_file, added_file, head, out, base_head) == 0) {
		count_parts(out);
		rc = 0;
	} else {
		agreed_store_close(out);
	}
	free(base_file);
	free(added_file);
	return rc;
}

int
agreed_store_open(struct store *st, int rebuild, struct agreed_store *out, int *built, struct rl_error *err)
{
	return open_index(st, NULL, rebuild, 0, out, built, err);
}

int
agreed_store_update(struct store *st, struct vindex *vx, struct rl_error *err)
{
	struct agreed_store a;
	int rc = open_index(st, vx, 0, 1, &a, NULL, err);

	agreed_store_close(&a);
	return rc;
}

const struct agreed_index *
agreed_store_query(struct agreed_store *a, const char *query, double min_coverage, size_t max,
		   struct agreed_hit **hits, size_t *n)
{
	*hits = NULL;
	*n = 0;
	if (!a->nseg)
		return NULL;
	if (a->nseg == 1) {
		*n = agreed_query(&a->seg[0], query, min_coverage, max, hits);
		return &a->seg[0];
	}
	agreed_release(&a->joined);
	*n = agreed_query_parts(a->seg, a->nseg, query, min_coverage, max, &a->joined, hits);
	return &a->joined;
}
