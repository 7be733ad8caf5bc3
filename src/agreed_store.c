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
	snprintf(want, sizeof(want), "%s%-*s", HEADER, (int)(HEADER_LEN - strlen(HEADER)), head);
	want[HEADER_LEN - 1] = '\n';
	if (memcmp(k->map, want, HEADER_LEN) == 0 &&
	    agreed_map(out, (const char *)k->map + HEADER_LEN, k->len - HEADER_LEN) == 0)
		return 0;
	munmap(k->map, k->len);
	k->map = NULL;
	return -1;
}

static void
keep(const char *file, const char *head, const struct agreed_index *x)
{
	struct sbuf out = SBUF_INIT, tmp = SBUF_INIT;
	int fd;

	if (!file)
		return;
	sbuf_printf(&out, "%s%-*s", HEADER, (int)(HEADER_LEN - strlen(HEADER)), head);
	out.buf[HEADER_LEN - 1] = '\n';
	agreed_save(x, &out);
	sbuf_printf(&tmp, "%s.XXXXXX", file);
	if ((fd = mkstemp(tmp.buf)) >= 0) {
		size_t done = 0;

		while (done < out.len) {
			ssize_t w = write(fd, out.buf + done, out.len - done);

			if (w <= 0)
				break;
			done += (size_t)w;
		}
		if (close(fd) < 0 || done < out.len || rename(tmp.buf, file) < 0)
			unlink(tmp.buf);
	}
	sbuf_release(&out);
	sbuf_release(&tmp);
}

/* A version's date for people and for ranking: adoption, else
 * distribution (a draft). */
static const char *
version_date(const struct resolution *r)
{
	return r->meta.adopted ? r->meta.adopted : r->meta.distributed ? r->meta.distributed : "";
}

static int
build(struct store *st, struct agreed_index *x, struct rl_error *err)
{
	struct store_series *series = NULL;
	size_t ns = 0, i, k, j;

	if (store_list_series(st, &series, &ns, err) < 0)
		return -1;
	agreed_init(x);
	for (i = 0; i < ns; i++) {
		char (*commits)[STORE_OID_HEX] = NULL, (*blobs)[STORE_OID_HEX] = NULL;
		size_t nv = 0;

		if (series_versions(st, series[i].path, &commits, &blobs, &nv, err) < 0) {
			store_series_free(series, ns);
			agreed_release(x);
			return -1;
		}
		for (k = 0; k < nv; k++) {
			struct source s;
			struct rl_error e2;
			uint32_t v;

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
	if (build(st, out, err) < 0)
		goto out;
	keep(file, head, out);
	if (built)
		*built = 1;
	rc = 0;
out:
	free(file);
	return rc;
}
