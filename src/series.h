/*
 * series: the versions of one series, oldest first, each loaded and
 * parsed, with the lineage of their clauses (engine/lineage.h) -- what
 * blame, history and map read. The versions are those of the file's
 * first-parent history of HEAD (as log lists them), up to a given one.
 *
 * Ownership: struct series owns its sources, labels and lineage
 * (series_release); it borrows the store.
 * Errors: 0, or -1 with err naming the series or the version that could
 * not be read; nothing is printed.
 */
#ifndef REDLINE_SERIES_H
#define REDLINE_SERIES_H

#include <stddef.h>

#include "lineage.h"
#include "source.h"
#include "store.h"
#include "util.h"

struct series {
	char *path;
	/* oldest first; a version served from the cache has its commit, path
	 * and clauses (id, section, number, opener, text) only: no text,
	 * footnotes, metadata or clause parents */
	struct source *v;
	char **label;		/* each version as people name it: "77/64", else a short commit */
	size_t n;
	struct lineage lin;
};

void series_init(struct series *s);
void series_release(struct series *s);
/* The versions of path up to the one at commit upto (NULL: the latest);
 * -1 when upto is not a version of path. */
int series_load(struct store *st, const char *path, const char *upto, struct series *out, struct rl_error *err);
/* The commits and blobs of path's versions, oldest first (arrays the
 * caller frees): from the version index when it holds them all (no walk of
 * history), else by walking it. */
int series_versions(struct store *st, const char *path, char (**commits)[STORE_OID_HEX],
		    char (**blobs)[STORE_OID_HEX], size_t *n, struct rl_error *err);
/* The same from an open version index vx, listed from history alone (no
 * version parsed; vindex_versions), else as series_versions: a caller
 * that reads every series (the agreed-language index) walks history once. */
struct vindex;
int series_versions_in(struct store *st, struct vindex *vx, const char *path, char (**commits)[STORE_OID_HEX],
		       char (**blobs)[STORE_OID_HEX], size_t *n, struct rl_error *err);
/* The index of the version at commit, or -1. */
long series_find(const struct series *s, const char *commit);

#endif
