/*
 * series: a series' versions and their clauses' lineage (series.h).
 */
#include "config.h"
#include "series.h"

#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "sbuf.h"

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

int
series_load(struct store *st, const char *path, const char *upto, struct series *out, struct rl_error *err)
{
	struct store_version *vs = NULL;
	size_t nv = 0, i, first = 0, n;
	struct lin_link *links = NULL;
	int rc = -1;

	series_init(out);
	out->path = xstrdup(path);
	if (store_versions(st, path, NULL, &vs, &nv, err) < 0)
		return -1;
	if (nv == 0) {
		rl_fail(err, "no versions of '%s'", path);
		goto out;
	}
	/* newest first: from the one asked for down */
	if (upto) {
		for (first = 0; first < nv && strcmp(vs[first].commit, upto) != 0; first++)
			;
		if (first == nv) {
			rl_fail(err, "%.7s is not a version of '%s'", upto, path);
			goto out;
		}
	}
	n = nv - first;
	out->v = xcalloc(n + 1, sizeof(*out->v));
	out->label = xcalloc(n + 1, sizeof(*out->label));
	for (i = 0; i < n; i++) {
		struct store_version *sv = &vs[nv - 1 - i];
		struct sbuf label = SBUF_INIT;

		source_init(&out->v[i]);
		if (source_load_commit(st, sv->commit, path, &out->v[i], err) < 0) {
			out->n = i + 1;
			goto out;
		}
		source_label(&out->v[i], 1, &label);
		out->label[i] = sbuf_detach(&label);
		out->n = i + 1;
		/* each step's links, the comparison let go at once */
		if (i == 0) {
			lineage_add(&out->lin, NULL, out->v[i].res.nclauses);
		} else {
			struct comparison c;
			size_t nc = out->v[i].res.nclauses;

			compare_resolutions(&out->v[i - 1].res, &out->v[i].res, 0, &c);
			links = xrealloc(links, (nc + 1) * sizeof(*links));
			lineage_links(&c, links, nc);
			lineage_add(&out->lin, links, nc);
			comparison_release(&c);
		}
	}
	rc = 0;
out:
	for (i = 0; i < nv; i++)
		store_version_release(&vs[i]);
	free(vs);
	free(links);
	return rc;
}
