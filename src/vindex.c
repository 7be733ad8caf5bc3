#include "config.h"
#include "vindex.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "input.h"
#include "parse.h"
#include "sbuf.h"
#include "tsv.h"
#include "textout.h"

#define FORMAT_LINE "redline-versions 2"

/* The counts of a summary as the file keeps them, in this order. */
#define SUMMARY_FIELDS(X)                                                                                   \
	X(unchanged) X(modified) X(inserted) X(deleted) X(moved) X(renumbered) X(split) X(merged) X(stronger) \
	X(weaker) X(verbs_same) X(verbs_unknown) X(hedges_added) X(hedges_removed) X(footnotes_modified)      \
	X(footnotes_inserted) X(footnotes_deleted) X(typography_only)
#define COUNT_FIELD(f) +1
enum { NSUMMARY = 0 SUMMARY_FIELDS(COUNT_FIELD) };
/* a field added to the summary must be added to the list (and FORMAT_LINE's number raised) */
_Static_assert(sizeof(struct compare_summary) == NSUMMARY * sizeof(size_t), "SUMMARY_FIELDS is not the summary");

struct vx_commit {
	const char *id, *author, *subject;
	long long time;
	int tz_minutes;
	size_t first_file, nfiles;
};

struct vx_file {
	const char *path, *blob;
};

/* How a blob reads, keyed by its path too: it is read under that name. */
struct vx_meta {
	const char *blob, *path;
	int readable;		/* text that parses */
	int is_resolution;	/* with an enacting formula: a series, at HEAD */
	long long loose_size;	/* of the blob's loose file when it was read; 0: packed */
	size_t clauses;
	const char *symbol, *title, *adopted;	/* NULL: none */
};

struct vx_sum {
	const char *old, *new_, *path;
	struct compare_summary sum;
	const char *line;
};

/* An open-addressing table of indexes (+1; 0 is empty) into one of the arrays. */
struct vx_table {
	size_t *slot;
	size_t cap;
};

struct vindex {
	struct store *s;
	int loaded;		/* 1 loaded (maybe empty), -1 history cannot be indexed */
	char head[STORE_OID_HEX];	/* "" when the branch has no commit */
	char *file;		/* where it is kept; NULL: in memory only */
	/* the file, mapped: its head, whether its Y lines are complete, and
	 * the records between its header and "end" */
	char *map;
	size_t map_len;
	char map_head[STORE_OID_HEX];
	int map_symbols;
	const char *body, *body_end;
	char **owned;		/* strings added since */
	size_t nowned, owned_cap;
	struct vx_commit *commits;
	size_t ncommits, commits_cap;
	struct vx_file *files;
	size_t nfiles, files_cap;
	struct vx_meta *metas;
	size_t nmetas, metas_cap;
	struct vx_sum *sums;
	size_t nsums, sums_cap;
	struct vx_table meta_ix, sum_ix;
	int dirty;
};

static const char *
own(struct vindex *x, const char *s, size_t n)
{
	char *copy = xstrndup(s, n);

	GROW(x->owned, x->owned_cap, x->nowned + 1);
	x->owned[x->nowned++] = copy;
	return copy;
}

/*
 * Tables
 */

static unsigned long long
key_hash(const char *a, const char *b, const char *c)
{
	unsigned long long h = hash_bytes(a, strlen(a));

	h = h * 31 + hash_bytes(b, strlen(b));
	if (c)
		h = h * 31 + hash_bytes(c, strlen(c));
	return h;
}

static unsigned long long
meta_hash(const struct vx_meta *m)
{
	return key_hash(m->blob, m->path, NULL);
}

static unsigned long long
sum_hash(const struct vx_sum *s)
{
	return key_hash(s->old, s->new_, s->path);
}

static void
table_insert(struct vx_table *t, unsigned long long h, size_t index)
{
	size_t i = (size_t)h & (t->cap - 1);

	while (t->slot[i])
		i = (i + 1) & (t->cap - 1);
	t->slot[i] = index + 1;
}

/* The hash of entry i of the array a table keys. */
typedef unsigned long long (*vx_hash_fn)(const struct vindex *x, size_t i);

/* Room for n entries: made again, twice as large as n needs, whenever n passes half of it. */
static void
table_fit(struct vx_table *t, size_t n, const struct vindex *x, vx_hash_fn hash)
{
	size_t i;

	if (t->cap && n * 2 < t->cap)
		return;
	free(t->slot);
	for (t->cap = 64; t->cap < n * 4; t->cap *= 2)
		;
	t->slot = xcalloc(t->cap, sizeof(size_t));
	for (i = 0; i < n; i++)
		table_insert(t, hash(x, i), i);
}

/* Entry n - 1 was just added to the array: into the table, if it is made yet. */
static void
table_added(struct vx_table *t, size_t n, const struct vindex *x, vx_hash_fn hash)
{
	if (!t->cap)
		return;	/* made when first searched */
	if (n * 2 < t->cap)
		table_insert(t, hash(x, n - 1), n - 1);
	else
		table_fit(t, n, x, hash);
}

static unsigned long long
meta_at(const struct vindex *x, size_t i)
{
	return meta_hash(&x->metas[i]);
}

static unsigned long long
sum_at(const struct vindex *x, size_t i)
{
	return sum_hash(&x->sums[i]);
}

static unsigned long long
commit_at(const struct vindex *x, size_t i)
{
	return hash_bytes(x->commits[i].id, strlen(x->commits[i].id));
}

static struct vx_meta *
find_meta(struct vindex *x, const char *blob, const char *path)
{
	size_t i;

	table_fit(&x->meta_ix, x->nmetas, x, meta_at);
	for (i = (size_t)key_hash(blob, path, NULL) & (x->meta_ix.cap - 1); x->meta_ix.slot[i];
	     i = (i + 1) & (x->meta_ix.cap - 1)) {
		struct vx_meta *m = &x->metas[x->meta_ix.slot[i] - 1];

		if (strcmp(m->blob, blob) == 0 && strcmp(m->path, path) == 0)
			return m;
	}
	return NULL;
}

static struct vx_sum *
find_sum(struct vindex *x, const char *old, const char *new_, const char *path)
{
	size_t i;

	table_fit(&x->sum_ix, x->nsums, x, sum_at);
	for (i = (size_t)key_hash(old, new_, path) & (x->sum_ix.cap - 1); x->sum_ix.slot[i];
	     i = (i + 1) & (x->sum_ix.cap - 1)) {
		struct vx_sum *s = &x->sums[x->sum_ix.slot[i] - 1];

		if (strcmp(s->old, old) == 0 && strcmp(s->new_, new_) == 0 && strcmp(s->path, path) == 0)
			return s;
	}
	return NULL;
}

/*
 * The file (format 2): a line per record, fields separated by tabs, text
 * fields with backslash, tab, CR and LF escaped. Two header lines, then
 * every record in byte order, so that one binary search finds any key and
 * a command that finds what it needs reads a few lines of the mapped file,
 * not all of it; then "end" (a file cut short is not read).
 *   redline-versions 2
 *   head COMMIT SYMBOLS         SYMBOLS 1: every version's reading is in, Y complete
 *   C COMMIT AGE TIME TZ AUTHOR SUBJECT   AGE 0 is HEAD, 1 its first parent...
 *   M BLOB PATH READABLE CLAUSES SYMBOL TITLE RESOLUTION ADOPTED LOOSE   LOOSE: its file's size when read
 *   P PATH AGE COMMIT BLOB ...            the commit AGE made PATH read BLOB (write_versions)
 *   S OLDBLOB NEWBLOB PATH COUNTS... LINE
 *   Y SYMBOL AGE PATH COMMIT              a version whose text carries SYMBOL
 *   end
 * AGE has ten digits, so that byte order is age order.
 */

#define AGE_DIGITS 10
/* the fields of a P line: P PATH AGE COMMIT BLOB TIME TZ AUTHOR SUBJECT READ
 * CLAUSES SYMBOL TITLE LOOSE CLOOSE SUMMARY, the counts, LINE */
#define P_FIELDS (16 + NSUMMARY + 1)

static int
is_hex_id(const char *s)
{
	return strlen(s) == STORE_OID_HEX - 1 && strspn(s, "0123456789abcdef") == STORE_OID_HEX - 1;
}

static int
is_age(const char *s, size_t *age)
{
	if (strlen(s) != AGE_DIGITS || strspn(s, "0123456789") != AGE_DIGITS)
		return 0;
	*age = (size_t)strtoull(s, NULL, 10);
	return 1;
}

static void
unmap(struct vindex *x)
{
	if (x->map)
		munmap(x->map, x->map_len);
	x->map = NULL;
	x->map_len = 0;
	x->body = x->body_end = NULL;
}

static void
forget(struct vindex *x)
{
	size_t i;

	for (i = 0; i < x->nowned; i++)
		free(x->owned[i]);
	x->nowned = 0;
	unmap(x);
	x->ncommits = x->nfiles = x->nmetas = x->nsums = 0;
	free(x->meta_ix.slot);
	free(x->sum_ix.slot);
	memset(&x->meta_ix, 0, sizeof(x->meta_ix));
	memset(&x->sum_ix, 0, sizeof(x->sum_ix));
	x->head[0] = '\0';
}

/*
 * Map the file (private: lines read are copied out, the mapping is never
 * written) and check its frame: 0 with x->map_head, x->body and x->body_end
 * set; -1 when there is none or it is not whole.
 */
static int
map_file(struct vindex *x)
{
	struct stat st;
	const char *p, *nl;
	int fd;

	if (x->map)
		return 0;
	if (!x->file || (fd = open(x->file, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < (off_t)strlen(FORMAT_LINE) + 10 ||
	    (unsigned long long)st.st_size > INPUT_MAX_BYTES * 4ULL) {
		close(fd);
		return -1;
	}
	x->map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (x->map == MAP_FAILED) {
		x->map = NULL;
		return -1;
	}
	x->map_len = (size_t)st.st_size;
	p = x->map;
	if (strncmp(p, FORMAT_LINE "\nhead\t", strlen(FORMAT_LINE) + 6) != 0 ||
	    memcmp(p + x->map_len - 5, "\nend\n", 5) != 0)
		goto bad;
	p += strlen(FORMAT_LINE) + 6;
	if (!(nl = memchr(p, '\n', x->map_len - (size_t)(p - x->map))))
		goto bad;
	/* "COMMIT\tS" or "\tS" (no commit yet) */
	if (nl - p == STORE_OID_HEX + 1) {
		memcpy(x->map_head, p, STORE_OID_HEX - 1);
		x->map_head[STORE_OID_HEX - 1] = '\0';
	} else if (nl - p == 2) {
		x->map_head[0] = '\0';
	} else {
		goto bad;
	}
	x->map_symbols = nl[-1] == '1';
	x->body = nl + 1;
	x->body_end = x->map + x->map_len - 4;
	return 0;
bad:
	unmap(x);
	return -1;
}

/* The first line of the body that is not less than key (byte order), or body_end. */
static const char *
lower_bound(const struct vindex *x, const char *key, size_t klen)
{
	const char *lo = x->body, *hi = x->body_end;

	while (lo < hi) {
		const char *mid = lo + (hi - lo) / 2, *end;
		size_t len;
		int c;

		while (mid > lo && mid[-1] != '\n')
			mid--;
		end = memchr(mid, '\n', (size_t)(x->body_end - mid));
		len = end ? (size_t)(end - mid) : (size_t)(x->body_end - mid);
		c = memcmp(mid, key, len < klen ? len : klen);
		if (c < 0 || (c == 0 && len < klen))
			lo = mid + len + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether the line at p begins with key. */
static int
at_key(const struct vindex *x, const char *p, const char *key, size_t klen)
{
	return p < x->body_end && (size_t)(x->body_end - p) >= klen && memcmp(p, key, klen) == 0;
}

/* The line at p, copied (the caller's to split), and where the next begins. */
static char *
copy_line(struct vindex *x, const char *p, const char **next)
{
	const char *end = memchr(p, '\n', (size_t)(x->body_end - p));
	size_t len = end ? (size_t)(end - p) : (size_t)(x->body_end - p);

	*next = p + len + 1;
	return xstrndup(p, len);
}

/* The one line starting with key, split into f (its copy is owned): fields, or 0. */
static size_t
find_line(struct vindex *x, const char *key, size_t klen, char **f, size_t max)
{
	const char *p = lower_bound(x, key, klen), *next;
	char *line;

	if (!at_key(x, p, key, klen))
		return 0;
	line = copy_line(x, p, &next);
	GROW(x->owned, x->owned_cap, x->nowned + 1);
	x->owned[x->nowned++] = line;
	return tsv_split(line, f, max);
}

static void
read_sum(struct compare_summary *sum, char **f)
{
	size_t k = 0;

#define READ_FIELD(name) sum->name = (size_t)strtoull(f[k++], NULL, 10);
	SUMMARY_FIELDS(READ_FIELD)
#undef READ_FIELD
}

/* Read the whole file into memory, to add to it; anything unexpected and
 * the index starts empty (it is only a cache). */
static void
load_file(struct vindex *x)
{
	struct vx_pfile {
		size_t age;
		const char *path, *blob;
	} *pf = NULL;
	size_t npf = 0, pf_cap = 0, i;
	const char *p, *next;
	char *f[P_FIELDS];

	if (map_file(x) < 0)
		return;
	memcpy(x->head, x->map_head, STORE_OID_HEX);
	for (p = x->body; p < x->body_end; p = next) {
		char *line = copy_line(x, p, &next);
		size_t n, age;

		GROW(x->owned, x->owned_cap, x->nowned + 1);
		x->owned[x->nowned++] = line;
		n = tsv_split(line, f, sizeof(f) / sizeof(*f));
		if (strcmp(f[0], "C") == 0 && n == 7 && is_hex_id(f[1]) && is_age(f[2], &age)) {
			/* a commit's line is longer than 40 bytes: an age past what
			 * the file could hold is damage, not a size to allocate */
			if (age >= x->map_len / 40)
				goto bad;
			GROW(x->commits, x->commits_cap, age + 1);
			for (; x->ncommits <= age; x->ncommits++)
				memset(&x->commits[x->ncommits], 0, sizeof(*x->commits));
			x->commits[age].id = f[1];
			x->commits[age].time = strtoll(f[3], NULL, 10);
			x->commits[age].tz_minutes = atoi(f[4]);
			x->commits[age].author = tsv_unescape(f[5]);
			x->commits[age].subject = tsv_unescape(f[6]);
		} else if (strcmp(f[0], "P") == 0 && n == P_FIELDS && is_age(f[2], &age) && is_hex_id(f[3]) &&
			   is_hex_id(f[4])) {
			GROW(pf, pf_cap, npf + 1);
			pf[npf].age = age;
			pf[npf].path = tsv_unescape(f[1]);
			pf[npf++].blob = f[4];
		} else if (strcmp(f[0], "M") == 0 && n == 10 && is_hex_id(f[1])) {
			struct vx_meta *m;

			GROW(x->metas, x->metas_cap, x->nmetas + 1);
			m = &x->metas[x->nmetas++];
			m->blob = f[1];
			m->path = tsv_unescape(f[2]);
			m->readable = atoi(f[3]) == 1;
			m->clauses = (size_t)strtoull(f[4], NULL, 10);
			m->symbol = *f[5] ? tsv_unescape(f[5]) : NULL;
			m->title = *f[6] ? tsv_unescape(f[6]) : NULL;
			m->is_resolution = atoi(f[7]) == 1;
			m->adopted = *f[8] ? tsv_unescape(f[8]) : NULL;
			m->loose_size = strtoll(f[9], NULL, 10);
		} else if (strcmp(f[0], "S") == 0 && n == 5 + NSUMMARY && is_hex_id(f[1]) && is_hex_id(f[2])) {
			struct vx_sum *s;

			GROW(x->sums, x->sums_cap, x->nsums + 1);
			s = &x->sums[x->nsums++];
			s->old = f[1];
			s->new_ = f[2];
			s->path = tsv_unescape(f[3]);
			read_sum(&s->sum, f + 4);
			s->line = tsv_unescape(f[4 + NSUMMARY]);
		} else if (strcmp(f[0], "Y") != 0) {
			goto bad;	/* Y lines are made again from the readings */
		}
	}
	/* every commit there, each with its files in the order of their lines */
	for (i = 0; i < x->ncommits; i++)
		if (!x->commits[i].id)
			goto bad;
	GROW(x->files, x->files_cap, npf + 1);
	/* the P lines are in path order: placed by age with one counting pass */
	{
		size_t *start = xcalloc(x->ncommits + 1, sizeof(*start));

		for (i = 0; i < npf; i++) {
			if (pf[i].age >= x->ncommits) {
				free(start);
				goto bad;
			}
			start[pf[i].age + 1]++;
		}
		for (i = 0; i < x->ncommits; i++) {
			start[i + 1] += start[i];
			x->commits[i].first_file = start[i];
			x->commits[i].nfiles = start[i + 1] - start[i];
		}
		for (i = 0; i < npf; i++) {
			struct vx_file *fl = &x->files[start[pf[i].age]++];

			fl->path = pf[i].path;
			fl->blob = pf[i].blob;
		}
		x->nfiles = npf;
		free(start);
	}
	free(pf);
	/* every string was copied out */
	unmap(x);
	return;
bad:
	free(pf);
	forget(x);
}

static int
cmp_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A record for the file: its line, without the newline. */
static void
add_line(char ***lines, size_t *n, size_t *cap, struct sbuf *line)
{
	GROW(*lines, *cap, *n + 1);
	(*lines)[(*n)++] = sbuf_detach(line);
}

/* A version, for the P lines: the file changed and the commit that did. */
struct vx_pref {
	const struct vx_file *f;
	size_t age;
};

static int
cmp_prefs(const void *a, const void *b)
{
	const struct vx_pref *x = a, *y = b;
	int c = strcmp(x->f->path, y->f->path);

	return c ? c : x->age < y->age ? -1 : x->age > y->age;
}

/*
 * The P lines: each version with all a listing shows of it (its commit's
 * author, date and subject, what it reads as, its summary against the
 * version before), so that log and the versions view read the lines of
 * their series one after the other and look nothing else up. What is not
 * known yet is marked so (READ "-", SUMMARY "n"), and a listing then goes
 * the long way.
 *   P PATH AGE COMMIT BLOB TIME TZ AUTHOR SUBJECT READ CLAUSES SYMBOL TITLE
 *     LOOSE CLOOSE SUMMARY COUNTS... LINE
 * READ: 1 a resolution's text, 0 not, - not known; LOOSE and CLOOSE: the
 * sizes of the blob's and the commit's loose files (0: packed), so that a
 * listing checks a packed version without looking for files; SUMMARY: f
 * the first version, s the counts and line follow, n not known.
 */
static void
write_versions(struct vindex *x, char ***lines, size_t *nlines, size_t *cap)
{
	struct vx_pref *v = xmalloc((x->nfiles + 1) * sizeof(*v));
	struct sbuf line = SBUF_INIT;
	size_t n = 0, i, j, k;

	for (i = 0; i < x->ncommits; i++)
		for (j = 0; j < x->commits[i].nfiles; j++) {
			v[n].f = &x->files[x->commits[i].first_file + j];
			v[n++].age = i;
		}
	if (n)
		qsort(v, n, sizeof(*v), cmp_prefs);
	for (k = 0; k < n; k++) {
		const struct vx_commit *c = &x->commits[v[k].age];
		const struct vx_file *f = v[k].f;
		const struct vx_meta *m = find_meta(x, f->blob, f->path);
		int first = k + 1 == n || strcmp(v[k + 1].f->path, f->path) != 0;
		const struct vx_sum *sum = first ? NULL : find_sum(x, v[k + 1].f->blob, f->blob, f->path);

		sbuf_adds(&line, "P");
		tsv_put_field(&line, f->path);
		sbuf_printf(&line, "\t%0*zu\t%s\t%s\t%lld\t%d", AGE_DIGITS, v[k].age, c->id, f->blob, c->time,
			    c->tz_minutes);
		tsv_put_field(&line, c->author);
		tsv_put_field(&line, c->subject);
		sbuf_printf(&line, "\t%s\t%zu", m ? (m->readable ? "1" : "0") : "-", m ? m->clauses : 0);
		tsv_put_field(&line, m ? m->symbol : NULL);
		tsv_put_field(&line, m ? m->title : NULL);
		sbuf_printf(&line, "\t%lld\t%lld\t%s", m ? m->loose_size : 0, store_loose_size(x->s, c->id),
			    first ? "f" : sum ? "s" : "n");
#define WRITE_FIELD(name) sbuf_printf(&line, "\t%zu", sum ? sum->sum.name : 0);
		SUMMARY_FIELDS(WRITE_FIELD)
#undef WRITE_FIELD
		tsv_put_field(&line, sum ? sum->line : NULL);
		add_line(lines, nlines, cap, &line);
	}
	sbuf_release(&line);
	free(v);
}

static void
write_file(struct vindex *x)
{
	struct sbuf out = SBUF_INIT, tmp = SBUF_INIT, line = SBUF_INIT;
	char **lines = NULL;
	size_t nlines = 0, cap = 0, i, j;
	int fd = -1, complete = 1, readable = 0;

	if (!x->file)
		return;
	for (i = 0; i < x->ncommits; i++) {
		const struct vx_commit *c = &x->commits[i];

		sbuf_printf(&line, "C\t%s\t%0*zu\t%lld\t%d", c->id, AGE_DIGITS, i, c->time, c->tz_minutes);
		tsv_put_field(&line, c->author);
		tsv_put_field(&line, c->subject);
		add_line(&lines, &nlines, &cap, &line);
		for (j = 0; j < c->nfiles; j++) {
			const struct vx_file *f = &x->files[c->first_file + j];
			const struct vx_meta *m = find_meta(x, f->blob, f->path);

			if (!m) {
				complete = 0;
				continue;
			}
			readable |= m->readable;
			if (!m->symbol)
				continue;
			sbuf_adds(&line, "Y");
			tsv_put_field(&line, m->symbol);
			sbuf_printf(&line, "\t%0*zu", AGE_DIGITS, i);
			tsv_put_field(&line, f->path);
			sbuf_printf(&line, "\t%s", c->id);
			add_line(&lines, &nlines, &cap, &line);
		}
	}
	write_versions(x, &lines, &nlines, &cap);
	for (i = 0; i < x->nmetas; i++) {
		const struct vx_meta *m = &x->metas[i];

		sbuf_printf(&line, "M\t%s", m->blob);
		tsv_put_field(&line, m->path);
		sbuf_printf(&line, "\t%d\t%zu", m->readable, m->clauses);
		tsv_put_field(&line, m->symbol);
		tsv_put_field(&line, m->title);
		sbuf_printf(&line, "\t%d", m->is_resolution);
		tsv_put_field(&line, m->adopted);
		sbuf_printf(&line, "\t%lld", m->loose_size);
		add_line(&lines, &nlines, &cap, &line);
	}
	for (i = 0; i < x->nsums; i++) {
		const struct vx_sum *s = &x->sums[i];

		sbuf_printf(&line, "S\t%s\t%s", s->old, s->new_);
		tsv_put_field(&line, s->path);
#define WRITE_FIELD(name) sbuf_printf(&line, "\t%zu", s->sum.name);
		SUMMARY_FIELDS(WRITE_FIELD)
#undef WRITE_FIELD
		tsv_put_field(&line, s->line);
		add_line(&lines, &nlines, &cap, &line);
	}
	if (nlines)
		qsort(lines, nlines, sizeof(*lines), cmp_lines);
	/* a symbol lookup may answer from the Y lines only when they are all
	 * there, and when something reads as a resolution at all */
	sbuf_printf(&out, "%s\nhead\t%s\t%d\n", FORMAT_LINE, x->head, complete && readable);
	for (i = 0; i < nlines; i++) {
		sbuf_adds(&out, lines[i]);
		sbuf_addch(&out, '\n');
	}
	sbuf_adds(&out, "end\n");
	/* a file of its own beside the index, renamed over it when whole */
	sbuf_printf(&tmp, "%s.XXXXXX", x->file);
	if ((fd = mkstemp(tmp.buf)) < 0)
		goto out;
	if (write(fd, out.buf, out.len) != (ssize_t)out.len || close(fd) < 0) {
		fd = -1;
		unlink(tmp.buf);
		goto out;
	}
	fd = -1;
	/* readable by whoever can read the repository, as git's own files are */
	chmod(tmp.buf, 0644);
	if (rename(tmp.buf, x->file) < 0)
		unlink(tmp.buf);
	x->dirty = 0;
out:
	if (fd >= 0)
		close(fd);
	for (i = 0; i < nlines; i++)
		free(lines[i]);
	free(lines);
	sbuf_release(&line);
	sbuf_release(&tmp);
	sbuf_release(&out);
}

/* A folder redline may write in: made when missing. */
static int
writable_dir(const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		return 0;
	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) && access(dir, W_OK | X_OK) == 0;
}

/* The repository's folder for redline's files, when redline may write in
 * it: made when missing, a folder itself (lstat: not a symbolic link) and
 * ours. A repository is data that may come from anyone (a copy unpacked
 * from an archive, a folder shared on a server); its .git/redline linked
 * elsewhere would have redline replace files there (versions, agreed,
 * lineage-*) wherever the link points. So a link there is not followed:
 * the files go to the user's own cache folder instead, as for a
 * repository redline cannot write in, and the place the link names is
 * neither read nor written. */
static int
repository_dir(const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		return 0;
	return lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) && access(dir, W_OK | X_OK) == 0;
}

char *
vindex_derived_path(const char *git_dir, const char *name)
{
	const char *cache = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	struct sbuf dir = SBUF_INIT;
	char *abs;

	sbuf_printf(&dir, "%sredline", git_dir);
	if (access(git_dir, W_OK | X_OK) == 0 && repository_dir(dir.buf)) {
		sbuf_printf(&dir, "/%s", name);
		return sbuf_detach(&dir);
	}
	sbuf_reset(&dir);
	if (cache && *cache == '/')
		sbuf_adds(&dir, cache);
	else if (home && *home == '/')
		sbuf_printf(&dir, "%s/.cache", home);
	else
		goto none;
	if (!writable_dir(dir.buf))
		goto none;
	sbuf_adds(&dir, "/redline");
	if (!writable_dir(dir.buf))
		goto none;
	/* one file per repository, named by where it is */
	abs = realpath(git_dir, NULL);
	sbuf_printf(&dir, "/%s-%016llx", name, hash_bytes(abs ? abs : git_dir, strlen(abs ? abs : git_dir)));
	free(abs);
	return sbuf_detach(&dir);
none:
	sbuf_release(&dir);
	return NULL;
}

static char *
choose_file(struct vindex *x)
{
	return vindex_derived_path(store_git_dir(x->s), "versions");
}

int
vindex_write_derived(const char *file, const char *buf, size_t len)
{
	struct sbuf tmp = SBUF_INIT;
	size_t done = 0;
	mode_t mask;
	int fd, rc = -1;

	sbuf_printf(&tmp, "%s.XXXXXX", file);
	if ((fd = mkstemp(tmp.buf)) < 0)
		goto out;
	/* readable as the index is, not mkstemp's 0600: others sharing the
	 * repository read it too */
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	while (done < len) {
		ssize_t w = write(fd, buf + done, len - done);

		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (close(fd) == 0 && done == len && rename(tmp.buf, file) == 0)
		rc = 0;
	else
		unlink(tmp.buf);
out:
	sbuf_release(&tmp);
	return rc;
}


/*
 * Answers from the mapped file alone, when it covers HEAD and holds all
 * that is asked: a few binary searches, nothing loaded or parsed.
 */

/* The file, mapped, when it covers HEAD: 0; 1 when not (the full path then). */
static int
quick_ready(struct vindex *x)
{
	char head[STORE_OID_HEX];
	int r;

	if (x->loaded != 0)
		return 1;
	if (!x->file)
		x->file = choose_file(x);
	if (map_file(x) < 0)
		return 1;
	r = store_head(x->s, head, NULL);
	if (r == 1)
		head[0] = '\0';
	return r < 0 || strcmp(head, x->map_head) != 0;
}

static void *
own_block(struct vindex *x, size_t size)
{
	void *p = xcalloc(1, size);

	GROW(x->owned, x->owned_cap, x->nowned + 1);
	x->owned[x->nowned++] = p;
	return p;
}

static int
quick_series(struct vindex *x, const char *path, struct vindex_version **out, size_t *n)
{
	struct sbuf key = SBUF_INIT;
	struct vindex_version *v = NULL;
	const char *p, *next;
	char *f[P_FIELDS];
	size_t count = 0, cap = 0, i, prefix;
	int rc = 1;

	if (quick_ready(x) != 0)
		return 1;
	sbuf_adds(&key, "P\t");
	tsv_put_escaped(&key, path);
	sbuf_addch(&key, '\t');
	prefix = key.len;
	/* the series' lines, newest first: one search, then one after another */
	for (p = lower_bound(x, key.buf, prefix); at_key(x, p, key.buf, prefix); p = next) {
		char *line = copy_line(x, p, &next);
		struct vindex_version *r;

		GROW(x->owned, x->owned_cap, x->nowned + 1);
		x->owned[x->nowned++] = line;
		/* not all known, or not a resolution's text (the walk lists
		 * that with its error): the long way */
		if (tsv_split(line, f, P_FIELDS) != P_FIELDS || strcmp(f[9], "1") != 0 || !strcmp(f[15], "n"))
			goto out;
		GROW(v, cap, count + 1);
		r = &v[count++];
		memset(r, 0, sizeof(*r));
		r->commit = f[3];
		r->blob = f[4];
		r->time = strtoll(f[5], NULL, 10);
		r->tz_minutes = atoi(f[6]);
		r->author = tsv_unescape(f[7]);
		r->subject = tsv_unescape(f[8]);
		r->clauses = (size_t)strtoull(f[10], NULL, 10);
		r->symbol = *f[11] ? tsv_unescape(f[11]) : NULL;
		r->title = *f[12] ? tsv_unescape(f[12]) : NULL;
		r->blob_size = strtoll(f[13], NULL, 10);
		r->commit_size = strtoll(f[14], NULL, 10);
		if (strcmp(f[15], "f") == 0) {
			r->summary = "first version";
		} else {
			r->sum = own_block(x, sizeof(struct compare_summary));
			read_sum((struct compare_summary *)r->sum, f + 16);
			r->summary = tsv_unescape(f[16 + NSUMMARY]);
		}
	}
	/* the first version is the last, and only it */
	for (i = 0; i < count; i++)
		if ((i + 1 == count) != (v[i].sum == NULL))
			goto out;
	for (i = 0; i < count; i++)
		if (store_check_version(x->s, v[i].commit, path, v[i].blob, v[i].commit_size, v[i].blob_size) < 0)
			goto out;
	*out = v;
	*n = count;
	v = NULL;
	rc = 0;
out:
	free(v);
	sbuf_release(&key);
	return rc;
}

static int
quick_symbol(struct vindex *x, const char *symbol, const char *path, struct store_hit **hits, size_t *n)
{
	struct sbuf key = SBUF_INIT;
	struct store_hit *h = NULL;
	const char *p, *next;
	char *f[5];
	size_t nh = 0, cap = 0, prefix;

	if (quick_ready(x) != 0 || !x->map_symbols)
		return 1;
	sbuf_adds(&key, "Y\t");
	tsv_put_escaped(&key, symbol);
	sbuf_addch(&key, '\t');
	prefix = key.len;
	for (p = lower_bound(x, key.buf, prefix); at_key(x, p, key.buf, prefix); p = next) {
		char *line = copy_line(x, p, &next);

		if (tsv_split(line, f, 5) == 5 && (!path || strcmp(tsv_unescape(f[3]), path) == 0)) {
			GROW(h, cap, nh + 1);
			h[nh].path = xstrdup(tsv_unescape(f[3]));
			snprintf(h[nh].commit, STORE_OID_HEX, "%s", f[4]);
			nh++;
		}
		free(line);
	}
	sbuf_release(&key);
	*hits = h;
	*n = nh;
	return 0;
}

/*
 * Bringing the index up to HEAD
 */

struct splice {
	struct vindex *x;
	struct vx_commit *fresh;	/* commits newer than any the index knows */
	size_t nfresh, fresh_cap;
	struct vx_file *files;
	size_t nfiles, files_cap;
	struct vx_table known;		/* the index's commits, by id */
	size_t meet;			/* the first known commit reached, or ncommits */
};

static int
splice_commit(const struct store_commit *c, void *payload)
{
	struct splice *sp = payload;
	struct vindex *x = sp->x;
	struct vx_commit *n;
	size_t i;

	if (sp->known.cap) {
		for (i = (size_t)hash_bytes(c->id, strlen(c->id)) & (sp->known.cap - 1); sp->known.slot[i];
		     i = (i + 1) & (sp->known.cap - 1)) {
			if (strcmp(x->commits[sp->known.slot[i] - 1].id, c->id) == 0) {
				sp->meet = sp->known.slot[i] - 1;
				return 1;
			}
		}
	}
	GROW(sp->fresh, sp->fresh_cap, sp->nfresh + 1);
	n = &sp->fresh[sp->nfresh++];
	n->id = own(x, c->id, strlen(c->id));
	n->author = own(x, c->author, strlen(c->author));
	n->subject = own(x, c->subject, c->subject_len);
	n->time = c->time;
	n->tz_minutes = c->tz_minutes;
	n->first_file = sp->nfiles;
	n->nfiles = 0;
	return 0;
}

static int
splice_file(const char *path, const char *blob, long long time, void *payload)
{
	struct splice *sp = payload;

	(void)time;
	GROW(sp->files, sp->files_cap, sp->nfiles + 1);
	sp->files[sp->nfiles].path = own(sp->x, path, strlen(path));
	sp->files[sp->nfiles++].blob = own(sp->x, blob, strlen(blob));
	sp->fresh[sp->nfresh - 1].nfiles++;
	return 0;
}

/* The commits from HEAD down to the first the index knows, put on top of it. */
static int
catch_up(struct vindex *x, const char *head)
{
	struct splice sp;
	struct rl_error err;
	struct vx_commit *commits;
	struct vx_file *files;
	size_t i, keep, kept_files = 0, first_kept_file = 0;
	int rc;

	memset(&sp, 0, sizeof(sp));
	sp.x = x;
	sp.meet = x->ncommits;
	if (x->ncommits)
		table_fit(&sp.known, x->ncommits, x, commit_at);
	/* a history that cannot all be read is not indexed: callers walk it
	 * and report what they cannot read, version by version */
	rc = store_walk_history(x->s, splice_commit, splice_file, &sp, &err);
	if (rc != 0 && rc != 1) {
		x->loaded = -1;
		goto out;
	}
	/* the known commits from where the walk met them down */
	keep = x->ncommits - sp.meet;
	if (keep) {
		first_kept_file = x->commits[sp.meet].first_file;
		kept_files = x->nfiles - first_kept_file;
	}
	commits = xmalloc((sp.nfresh + keep + 1) * sizeof(*commits));
	files = xmalloc((sp.nfiles + kept_files + 1) * sizeof(*files));
	if (sp.nfresh)
		memcpy(commits, sp.fresh, sp.nfresh * sizeof(*commits));
	if (sp.nfiles)
		memcpy(files, sp.files, sp.nfiles * sizeof(*files));
	for (i = 0; i < keep; i++) {
		commits[sp.nfresh + i] = x->commits[sp.meet + i];
		commits[sp.nfresh + i].first_file = x->commits[sp.meet + i].first_file - first_kept_file + sp.nfiles;
	}
	if (kept_files)
		memcpy(files + sp.nfiles, x->files + first_kept_file, kept_files * sizeof(*files));
	free(x->commits);
	free(x->files);
	x->commits = commits;
	x->ncommits = x->commits_cap = sp.nfresh + keep;
	x->files = files;
	x->nfiles = x->files_cap = sp.nfiles + kept_files;
	memcpy(x->head, head, STORE_OID_HEX);
	x->dirty = 1;
	rc = 0;
out:
	free(sp.known.slot);
	free(sp.fresh);
	free(sp.files);
	return rc;
}

/* The file read whole into memory, once (not brought up to HEAD). */
static void
load_all(struct vindex *x)
{
	if (x->loaded != 0)
		return;
	if (!x->file)
		x->file = choose_file(x);
	load_file(x);
	x->loaded = 1;
}

/* Loaded and brought up to HEAD: 0; 1 when history cannot be indexed. */
static int
ensure(struct vindex *x)
{
	char head[STORE_OID_HEX];
	struct rl_error err;
	int r;

	load_all(x);
	if (x->loaded < 0)
		return 1;
	r = store_head(x->s, head, &err);
	if (r < 0) {
		x->loaded = -1;
		return 1;
	}
	if (r == 1)
		head[0] = '\0';
	if (strcmp(head, x->head) == 0)
		return 0;
	if (!head[0]) {
		/* the branch has no commit yet: nothing to index */
		forget(x);
		x->dirty = 1;
		return 0;
	}
	return catch_up(x, head) == 0 ? 0 : 1;
}

int
vindex_disabled(void)
{
	const char *v = getenv("REDLINE_INDEX");

	return v && strcmp(v, "off") == 0;
}

struct vindex *
vindex_new(struct store *s)
{
	struct vindex *x = xcalloc(1, sizeof(*x));

	x->s = s;
	return x;
}

void
vindex_close(struct vindex *x)
{
	if (!x)
		return;
	if (x->dirty && x->loaded > 0)
		write_file(x);
	forget(x);
	free(x->owned);
	free(x->commits);
	free(x->files);
	free(x->metas);
	free(x->sums);
	free(x->file);
	free(x);
}

void
vindex_build_later(struct vindex *x, const char *path)
{
	struct vindex_version *v = NULL;
	struct sbuf lock = SBUF_INIT;
	int caller[2] = { -1, -1 }, held = -1, fd;
	size_t n;
	pid_t pid;
	char c;

	load_all(x);
	if (!x->file)
		return;
	/* taken here, held by the builder to its end: one at a time, and
	 * while the file is there a builder is on its way or at work */
	sbuf_printf(&lock, "%s.lock", x->file);
	held = open(lock.buf, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (held < 0 || flock(held, LOCK_EX | LOCK_NB) < 0 || pipe(caller) < 0)
		goto out;
	/* a child that starts the builder and ends at once, so the builder is
	 * nobody's to wait for and never left a zombie */
	if ((pid = fork()) < 0) {
		unlink(lock.buf);
		goto out;
	}
	if (pid > 0) {
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		/* kept open until the caller ends, and by nothing it runs */
		fcntl(caller[1], F_SETFD, FD_CLOEXEC);
		caller[1] = -1;
		goto out;
	}
	if (fork() != 0)
		_exit(0);
	/* away from the terminal and its signals, holding none of the
	 * caller's output open (a reader of a pipe sees its end with the
	 * caller's) */
	setsid();
	if ((fd = open("/dev/null", O_RDWR)) >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	/* the user's next command comes first on a busy machine */
	errno = 0;
	if (nice(10) == -1 && errno)
		errno = 0;
	/* the builder starts when the caller has answered: the end of the
	 * pipe is the end of the caller */
	close(caller[1]);
	while (read(caller[0], &c, 1) < 0 && errno == EINTR)
		;
	if (vindex_series(x, path, 0, &v, &n) == 0)
		free(v);
	if (x->dirty && x->loaded > 0)
		write_file(x);
	unlink(lock.buf);
	_exit(0);
out:
	if (caller[0] >= 0)
		close(caller[0]);
	if (caller[1] >= 0)
		close(caller[1]);
	if (held >= 0)
		close(held);
	sbuf_release(&lock);
}

int
vindex_update(struct vindex *x)
{
	if (ensure(x) != 0)
		return 1;
	if (x->dirty)
		write_file(x);
	return 0;
}

/*
 * What versions read as
 */

/* A version read and parsed, or why not: 0; 1 not a resolution (a lasting
 * property of the text); -1 the blob cannot be read as text (not kept). */
static int
read_version(struct vindex *x, const char *commit, const char *path, struct resolution *r)
{
	struct rl_error err;
	char *buf = NULL;
	size_t len;
	int rc;

	struct sbuf name = SBUF_INIT;

	resolution_init(r);
	/* a blob that cannot be read as text (damaged, binary, not UTF-8,
	 * or no file at all: a link, a folder, a submodule) is not kept:
	 * read again, each command that needs it says why */
	if (store_read(x->s, commit, path, &buf, &len, &err) < 0)
		return -1;
	/* named as source_load_commit names a version */
	sbuf_printf(&name, "%.7s:%s", commit, path);
	rc = parse_resolution_take(&buf, len, name.buf, r, &err) == 0 ? 0 : 1;
	free(buf);
	sbuf_release(&name);
	return rc;
}

static struct vx_meta *
add_meta(struct vindex *x, const char *blob, const char *path, const struct resolution *r)
{
	struct vx_meta *m;

	GROW(x->metas, x->metas_cap, x->nmetas + 1);
	m = &x->metas[x->nmetas++];
	m->blob = blob;
	m->path = path;
	m->readable = r != NULL;
	m->clauses = r ? r->nclauses : 0;
	m->symbol = r && r->meta.symbol ? own(x, r->meta.symbol, strlen(r->meta.symbol)) : NULL;
	m->title = r && r->meta.title ? own(x, r->meta.title, strlen(r->meta.title)) : NULL;
	m->is_resolution = r && r->is_resolution;
	/* the blob was just read whole: a later change of its file's size is damage */
	m->loose_size = store_loose_size(x->s, blob);
	m->adopted = r && r->meta.adopted ? own(x, r->meta.adopted, strlen(r->meta.adopted)) : NULL;
	table_added(&x->meta_ix, x->nmetas, x, meta_at);
	x->dirty = 1;
	return m;
}

/* The meta of a blob at path, read when missing; NULL when it cannot be read. */
static struct vx_meta *
meta_of(struct vindex *x, const char *commit, const char *blob, const char *path)
{
	struct vx_meta *m = find_meta(x, blob, path);
	struct resolution r;
	int rc;

	if (m)
		return m;
	if ((rc = read_version(x, commit, path, &r)) >= 0)
		m = add_meta(x, blob, path, rc == 0 ? &r : NULL);
	resolution_release(&r);
	return m;
}

/* The versions of path from the commits, newest first, without their readings. */
static size_t
collect(struct vindex *x, const char *path, struct vindex_version **out, size_t **file_of)
{
	struct vindex_version *v = NULL;
	size_t *fo = NULL, n = 0, cap = 0, fcap = 0, i, j;

	for (i = 0; i < x->ncommits; i++) {
		const struct vx_commit *c = &x->commits[i];

		for (j = 0; j < c->nfiles; j++) {
			const struct vx_file *f = &x->files[c->first_file + j];

			if (strcmp(f->path, path) != 0)
				continue;
			GROW(v, cap, n + 1);
			GROW(fo, fcap, n + 1);
			memset(&v[n], 0, sizeof(v[n]));
			v[n].commit = c->id;
			v[n].blob = f->blob;
			v[n].author = c->author;
			v[n].subject = c->subject;
			v[n].time = c->time;
			v[n].tz_minutes = c->tz_minutes;
			v[n].commit_size = -1;	/* not known: looked at */
			fo[n] = c->first_file + j;
			n++;
		}
	}
	*out = v;
	*file_of = fo;
	return n;
}

/* Add the summary of path's versions older -> newer (read when not given). */
static int
add_sum(struct vindex *x, const struct vx_file *older, const struct vx_file *newer, const struct resolution *ro,
	const struct resolution *rn)
{
	struct comparison cmp;
	struct sbuf line = SBUF_INIT;
	struct vx_sum *s;

	compare_resolutions(ro, rn, 0, &cmp);
	textout_summary_line(&line, &cmp);
	GROW(x->sums, x->sums_cap, x->nsums + 1);
	s = &x->sums[x->nsums++];
	s->old = older->blob;
	s->new_ = newer->blob;
	s->path = newer->path;
	s->sum = cmp.sum;
	s->line = own(x, line.buf ? line.buf : "", line.len);
	table_added(&x->sum_ix, x->nsums, x, sum_at);
	x->dirty = 1;
	comparison_release(&cmp);
	sbuf_release(&line);
	return 0;
}

int
vindex_versions(struct vindex *x, const char *path, struct vindex_version **out, size_t *n)
{
	size_t *file_of = NULL;

	*out = NULL;
	*n = 0;
	if (ensure(x) != 0)
		return 1;
	*n = collect(x, path, out, &file_of);
	free(file_of);
	return 0;
}

int
vindex_series(struct vindex *x, const char *path, int flags, struct vindex_version **out, size_t *n)
{
	struct vindex_version *v = NULL;
	size_t *file_of = NULL, count, i;
	/* version i parsed (when it had to be), and the one after it */
	struct resolution cur, next;
	int have_cur = 0, rc = 1;

	*out = NULL;
	*n = 0;
	if (quick_series(x, path, out, n) == 0)
		return 0;
	if (flags & VINDEX_CACHED_ONLY)
		return 1;
	if (flags & VINDEX_NO_REBUILD) {
		load_all(x);
		if (x->loaded > 0 && x->ncommits == 0)
			return 2;
	}
	if (ensure(x) != 0)
		return 1;
	count = collect(x, path, &v, &file_of);
	for (i = 0; i < count; i++) {
		const struct vx_file *f = &x->files[file_of[i]], *fo = i + 1 < count ? &x->files[file_of[i + 1]] : NULL;
		struct vx_meta *m = find_meta(x, f->blob, f->path);
		int r;

		if (!m && !have_cur) {
			if ((r = read_version(x, v[i].commit, f->path, &cur)) < 0) {
				resolution_release(&cur);
				goto out;
			}
			have_cur = r == 0;
			if (!have_cur)
				resolution_release(&cur);
		}
		if (!m)
			m = add_meta(x, f->blob, f->path, have_cur ? &cur : NULL);
		/* a version that is not text or not a resolution: the index
		 * cannot list it as log does (with its error): a walk will */
		if (!m->readable)
			goto out;
		v[i].symbol = m->symbol;
		v[i].title = m->title;
		v[i].clauses = m->clauses;
		v[i].blob_size = m->loose_size;
		if (!fo) {
			v[i].summary = "first version";
			break;
		}
		if (!find_sum(x, fo->blob, f->blob, f->path)) {
			if (!have_cur) {
				if (read_version(x, v[i].commit, f->path, &cur) != 0) {
					resolution_release(&cur);
					goto out;
				}
				have_cur = 1;
			}
			if (read_version(x, v[i + 1].commit, fo->path, &next) != 0) {
				resolution_release(&next);
				goto out;
			}
			if (!find_meta(x, fo->blob, fo->path))
				add_meta(x, fo->blob, fo->path, &next);
			add_sum(x, fo, f, &next, &cur);
			resolution_release(&cur);
			cur = next;
			continue;
		}
		if (have_cur)
			resolution_release(&cur);
		have_cur = 0;
	}
	/* what the listing says, checked against the objects (as git log reads
	 * its commits): a repository damaged since is reported by a walk */
	for (i = 0; i < count; i++)
		if (store_check_version(x->s, v[i].commit, path, v[i].blob, v[i].commit_size, v[i].blob_size) < 0)
			goto out;
	/* pointed at once all are made: the array moves as it grows */
	for (i = 0; i + 1 < count; i++) {
		struct vx_sum *s = find_sum(x, x->files[file_of[i + 1]].blob, x->files[file_of[i]].blob, path);

		v[i].sum = &s->sum;
		v[i].summary = s->line;
	}
	*out = v;
	*n = count;
	v = NULL;
	rc = 0;
out:
	if (have_cur)
		resolution_release(&cur);
	free(v);
	free(file_of);
	return rc;
}

int
vindex_find_symbol(void *ctx, const char *symbol, const char *path, struct store_hit **hits, size_t *n)
{
	struct vindex *x = ctx;
	struct store_hit *h = NULL;
	size_t cap = 0, i, j, nh = 0;
	int any_readable = 0, rc = 1;

	*hits = NULL;
	*n = 0;
	if (quick_symbol(x, symbol, path, hits, n) == 0)
		return 0;
	if (ensure(x) != 0)
		return 1;
	for (i = 0; i < x->ncommits; i++) {
		const struct vx_commit *c = &x->commits[i];

		for (j = 0; j < c->nfiles; j++) {
			const struct vx_file *f = &x->files[c->first_file + j];
			struct vx_meta *m;

			/* every version read once, in a series named or not, so
			 * that the next lookup answers from the file at once */
			if (!(m = meta_of(x, c->id, f->blob, f->path)))
				goto out;	/* damage: the walk reports it */
			any_readable |= m->readable;
			if ((path && strcmp(f->path, path) != 0) || !m->symbol || strcmp(m->symbol, symbol) != 0)
				continue;
			GROW(h, cap, nh + 1);
			h[nh].path = xstrdup(f->path);
			memcpy(h[nh].commit, c->id, STORE_OID_HEX);
			nh++;
		}
	}
	/* nothing found and nothing to search: the walk says which */
	if (!nh && !any_readable)
		goto out;
	*hits = h;
	*n = nh;
	h = NULL;
	nh = 0;
	rc = 0;
out:
	store_hits_free(h, nh);
	return rc;
}

static int
cmp_paths(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
vindex_fill(struct vindex *x)
{
	const char **paths;
	size_t i, j;

	if (ensure(x) != 0)
		return 1;
	/* every series summarised, version by version */
	paths = xmalloc((x->nfiles + 1) * sizeof(*paths));
	for (i = 0; i < x->nfiles; i++)
		paths[i] = x->files[i].path;
	qsort(paths, x->nfiles, sizeof(*paths), cmp_paths);
	for (i = 0; i < x->nfiles; i = j) {
		struct vindex_version *v = NULL;
		size_t n;

		for (j = i + 1; j < x->nfiles && strcmp(paths[j], paths[i]) == 0; j++)
			;
		vindex_series(x, paths[i], 0, &v, &n);
		free(v);
	}
	free(paths);
	/* and what every other file reads as, for the symbol lookups */
	for (i = 0; i < x->ncommits; i++) {
		const struct vx_commit *c = &x->commits[i];

		for (j = 0; j < c->nfiles; j++) {
			const struct vx_file *f = &x->files[c->first_file + j];

			if (!meta_of(x, c->id, f->blob, f->path))
				return 1;
		}
	}
	if (x->dirty)
		write_file(x);
	return 0;
}

/*
 * What a blob reads as, for the list of series (store.h): readings are
 * keyed by blob ids, so any index has them right, whatever HEAD it covers.
 */
int
vindex_reading_get(void *ctx, const char *blob, const char *path, struct store_reading *out)
{
	struct vindex *x = ctx;
	const struct vx_meta *m = NULL;
	struct sbuf key = SBUF_INIT;
	char *f[10];
	int rc = 1;

	if (x->loaded < 0)
		return 1;
	if (x->loaded > 0) {
		m = find_meta(x, blob, path);
		if (!m)
			return 1;
		out->is_resolution = m->readable && m->is_resolution;
		out->symbol = m->symbol;
		out->title = m->title;
		out->adopted = m->adopted;
		out->loose_size = m->loose_size;
		return 0;
	}
	if (!x->file)
		x->file = choose_file(x);
	if (map_file(x) < 0)
		return 1;
	sbuf_printf(&key, "M\t%s\t", blob);
	tsv_put_escaped(&key, path);
	sbuf_addch(&key, '\t');
	if (find_line(x, key.buf, key.len, f, 10) == 10) {
		out->is_resolution = strcmp(f[3], "1") == 0 && strcmp(f[7], "1") == 0;
		out->loose_size = strtoll(f[9], NULL, 10);
		out->symbol = *f[5] ? tsv_unescape(f[5]) : NULL;
		out->title = *f[6] ? tsv_unescape(f[6]) : NULL;
		out->adopted = *f[8] ? tsv_unescape(f[8]) : NULL;
		rc = 0;
	}
	sbuf_release(&key);
	return rc;
}

void
vindex_reading_put(void *ctx, const char *blob, const char *path, const struct resolution *r, long long loose_size)
{
	struct vindex *x = ctx;

	load_all(x);
	if (x->loaded < 0 || find_meta(x, blob, path))
		return;
	add_meta(x, own(x, blob, strlen(blob)), own(x, path, strlen(path)), r)->loose_size = loose_size;
}
