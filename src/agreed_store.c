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

/* The file: a first line of 64 bytes, "redline-agreed-of HEAD" padded
 * with spaces, then the index's bytes, which a query maps and reads in
 * place (8-byte aligned: the line keeps them so). */
#define HEADER "redline-agreed-of "
#define HEADER_LEN 64

static char *
index_file(struct store *st)
{
	struct vindex *x;
	char *file;

	if (vindex_disabled() || !(x = vindex_new(st)))
		return NULL;
	file = vindex_derived_file(x, "agreed");
	vindex_close(x);
	return file;
}

/* The kept index, mapped: of head, or (head NULL) of whatever HEAD it covers. */
static int
read_kept(const char *file, const char *head, struct agreed_index *out, struct agreed_kept *k)
{
	struct stat sb;
	char want[HEADER_LEN + 1];
	int fd;

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
	snprintf(want, sizeof(want), "%s%-*s", HEADER, (int)(HEADER_LEN - strlen(HEADER)), head ? head : "");
	want[HEADER_LEN - 1] = '\n';
	if ((head ? memcmp(k->map, want, HEADER_LEN) == 0 : memcmp(k->map, HEADER, strlen(HEADER)) == 0) &&
	    agreed_map(out, (const char *)k->map + HEADER_LEN, k->len - HEADER_LEN) == 0)
		return 0;
	munmap(k->map, k->len);
	k->map = NULL;
	return -1;
}

static void
keep(const char *file, const char *head, const struct agreed_index *x)
{
	struct sbuf out = SBUF_INIT;

	if (!file)
		return;
	sbuf_printf(&out, "%s%-*s", HEADER, (int)(HEADER_LEN - strlen(HEADER)), head);
	out.buf[HEADER_LEN - 1] = '\n';
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

/* The versions an old index holds, by commit and path, for lookups. */
struct known {
	char **key;	/* "COMMIT\tPATH", sorted */
	uint32_t *version;
	size_t n;
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
known_make(const struct agreed_index *old, struct known *k)
{
	size_t i;

	k->n = old ? old->nv : 0;
	k->key = xcalloc(k->n + 1, sizeof(*k->key));
	k->version = xcalloc(k->n + 1, sizeof(*k->version));
	for (i = 0; i < k->n; i++) {
		struct sbuf b = SBUF_INIT;

		sbuf_printf(&b, "%s\t%s%c%u", agreed_str(old, old->v[i].commit), agreed_str(old, old->v[i].path), 0,
			    (unsigned)i);
		k->key[i] = sbuf_detach(&b);
	}
	qsort(k->key, k->n, sizeof(*k->key), cmp_str);
	for (i = 0; i < k->n; i++)
		k->version[i] = (uint32_t)strtoul(k->key[i] + strlen(k->key[i]) + 1, NULL, 10);
}

static long
known_find(const struct known *k, const char *commit, const char *path)
{
	struct sbuf b = SBUF_INIT;
	char **hit;
	long r = -1;

	sbuf_printf(&b, "%s\t%s", commit, path);
	hit = bsearch(&b.buf, k->key, k->n, sizeof(*k->key), cmp_str);
	if (hit)
		r = (long)k->version[hit - k->key];
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
	free(k->version);
}

/*
 * The index of every version of every series at HEAD; what an old index
 * (NULL: none) holds of them is taken from it, only the others are read
 * and parsed -- an index brought up to date after an import costs the
 * new versions, not the archive.
 */
static int
build(struct store *st, const struct agreed_index *old, struct agreed_index *x, size_t *fresh,
      struct rl_error *err)
{
	struct store_series *series = NULL;
	size_t ns = 0, i, k, j;
	struct known known;
	unsigned char *still = xcalloc((old ? old->nv : 0) + 1, 1);

	*fresh = 0;
	if (store_list_series(st, &series, &ns, err) < 0) {
		free(still);
		return -1;
	}
	known_make(old, &known);
	agreed_init(x);
	/* first the old index's versions still there, then the new ones */
	for (i = 0; i < ns && old; i++) {
		char (*commits)[STORE_OID_HEX] = NULL, (*blobs)[STORE_OID_HEX] = NULL;
		size_t nv = 0;

		if (series_versions(st, series[i].path, &commits, &blobs, &nv, err) == 0)
			for (k = 0; k < nv; k++) {
				long v = known_find(&known, commits[k], series[i].path);

				if (v >= 0)
					still[v] = 1;
			}
		free(commits);
		free(blobs);
	}
	if (old)
		agreed_add_from(x, old, still);
	for (i = 0; i < ns; i++) {
		char (*commits)[STORE_OID_HEX] = NULL, (*blobs)[STORE_OID_HEX] = NULL;
		size_t nv = 0;

		if (series_versions(st, series[i].path, &commits, &blobs, &nv, err) < 0) {
			store_series_free(series, ns);
			known_release(&known);
			free(still);
			agreed_release(x);
			return -1;
		}
		for (k = 0; k < nv; k++) {
			struct source s;
			struct rl_error e2;
			uint32_t v;

			if (known_find(&known, commits[k], series[i].path) >= 0)
				continue;
			(*fresh)++;
			source_init(&s);
			/* a version that cannot be read is left out, as log
			 * reports it: the rest are still agreed language */
			if (source_load_commit(st, commits[k], series[i].path, &s, &e2) == 0) {
				const char *sym = s.res.meta.symbol;

				v = agreed_add_version(x, commits[k], series[i].path, sym, version_date(&s.res),
						       sym && strncmp(sym, "A/RES/", 6) == 0);
				for (j = 0; j < s.res.nclauses; j++)
					agreed_add_clause(x, v, s.res.clauses[j].id, s.res.clauses[j].text);
			}
			source_release(&s);
		}
		free(commits);
		free(blobs);
	}
	store_series_free(series, ns);
	known_release(&known);
	free(still);
	agreed_finish(x);
	return 0;
}

void
agreed_store_release(struct agreed_index *x, struct agreed_kept *k)
{
	agreed_release(x);
	if (k->map)
		munmap(k->map, k->len);
	k->map = NULL;
}

int
agreed_store_index(struct store *st, int rebuild, struct agreed_index *out, struct agreed_kept *kept, int *built,
		   struct rl_error *err)
{
	char head[STORE_OID_HEX], *file = NULL;
	int r, rc = -1;

	kept->map = NULL;

	if (built)
		*built = 0;
	agreed_init(out);
	if ((r = store_head(st, head, err)) < 0)
		return -1;
	if (r == 1)
		head[0] = '\0';
	file = index_file(st);
	if (!rebuild && read_kept(file, head, out, kept) == 0) {
		rc = 0;
		goto out;
	}
	agreed_release(out);
	/* HEAD moved since it was kept: brought up to date from it */
	{
		struct agreed_index old;
		struct agreed_kept ok = { NULL, 0 };
		int have_old;
		size_t fresh;

		memset(&old, 0, sizeof(old));
		have_old = !rebuild && read_kept(file, NULL, &old, &ok) == 0;
		r = build(st, have_old ? &old : NULL, out, &fresh, err);
		agreed_store_release(&old, &ok);
		if (r < 0)
			goto out;
	}
	keep(file, head, out);
	if (built)
		*built = 1;
	rc = 0;
out:
	free(file);
	return rc;
}
