/*
 * vindex: the version index. What log, symbol lookup and the versions view
 * need of every version (its commit, author, date and subject; the symbol,
 * title and clause count its text reads as; the change summary against the
 * version before) kept beside the repository, so that no command reads and
 * parses every version of a series again to list it or find a symbol.
 *
 * It covers the first-parent history of HEAD: each commit and the files it
 * added or changed (one pass, store_walk_history), and, filled in as they
 * are first asked for, each blob's reading and each summary, keyed by blob
 * ids, which never go stale. It is kept in $GIT_COMMON_DIR/redline/versions
 * (a clone or a bare server copy builds its own), or, where that cannot be
 * written (a read-only account), in $XDG_CACHE_HOME/redline (~/.cache when
 * unset), or else in memory for the run: never an error. A file is written
 * whole and renamed into place, so a reader never sees half of one and two
 * writers leave one whole file (the other's additions are made again when
 * next needed).
 *
 * Never trusted stale: the file names the HEAD commit it covers. When HEAD
 * has moved (an import, a plain git commit, a reset, a rebase, another
 * branch), history is read from HEAD down to the first commit the index
 * knows, and the index is joined there; when none is known, rebuilt.
 * A history that cannot all be read (a shallow clone, a damaged object) is
 * not indexed: the functions then answer 1 and callers walk history as they
 * would without an index, reporting the fault version by version.
 *
 * Ownership: struct vindex owns every string it hands out; they live until
 * vindex_close. Errors: nothing is printed; 1 means "cannot tell, do it
 * without the index", with err saying why when one is given.
 */
#ifndef REDLINE_VINDEX_H
#define REDLINE_VINDEX_H

#include <stddef.h>

#include "compare.h"
#include "store.h"

struct vindex;

struct vindex_version {
	const char *commit, *blob;	/* hex ids */
	long long blob_size;		/* its loose file's size when read; 0: packed */
	long long commit_size;		/* the commit's, when indexed; 0: packed, -1: not known */
	const char *author, *subject;
	long long time;			/* author time */
	int tz_minutes;
	const char *symbol, *title;	/* NULL when the text has none */
	size_t clauses;
	/* against the version before; NULL for the first version */
	const struct compare_summary *sum;
	const char *summary;		/* the one-line summary; "first version" for the first */
};

/* Only answer from what is already indexed for HEAD (an interface's first
 * screen): never walk history or parse versions. */
#define VINDEX_CACHED_ONLY 1

/* With no index of HEAD's history yet (no file, or one that could not be
 * read), answer 2 rather than read the whole history first: a caller that
 * wants one series walks its path alone, as git log -- PATH does, and has
 * the index built behind it (vindex_build_later). */
#define VINDEX_NO_REBUILD 2

/* Where another file derived from the repository whose common git
 * directory is git_dir (store_git_dir) is kept, beside the index
 * ($GIT_COMMON_DIR/redline/NAME, else the cache folder); NULL: nowhere
 * (keep it in memory). malloc'd. */
char *vindex_derived_path(const char *git_dir, const char *name);
/* Such a file written whole, beside itself then renamed into place, so a
 * reader never sees half of it: 0, or -1 (the caller makes it again next
 * time). */
int vindex_write_derived(const char *file, const char *buf, size_t len);

/* REDLINE_INDEX=off in the environment: no index is read or written. */
int vindex_disabled(void);
/* An index for the store, loaded on first use; the store outlives it. */
struct vindex *vindex_new(struct store *s);
/* Writes what was added to the index, if anything; then frees it. */
void vindex_close(struct vindex *x);

/*
 * The versions of path, newest first (an array the caller frees, pointing
 * into the index): 0; 1 when the index cannot tell (history or a version
 * cannot be read; with VINDEX_CACHED_ONLY also when anything is missing);
 * 2 with VINDEX_NO_REBUILD when the index has yet to be built.
 */
int vindex_series(struct vindex *x, const char *path, int flags, struct vindex_version **out, size_t *n);

/*
 * The versions of path from history alone, newest first: commit, blob,
 * author, time and subject, no reading or summary (symbol, title, sum and
 * summary NULL), so that no version is parsed to list it -- what a caller
 * that reads every version itself needs (the agreed-language index). 0;
 * 1 when history cannot be indexed.
 */
int vindex_versions(struct vindex *x, const char *path, struct vindex_version **out, size_t *n);

/*
 * The versions whose text carries symbol, of path (NULL: of every file of
 * HEAD's history), newest first; a store_symbol_finder (store.h).
 */
int vindex_find_symbol(void *x, const char *symbol, const char *path, struct store_hit **hits, size_t *n);

/* What a blob reads as, from the index, and into it: a store_reading_cache (store.h). */
int vindex_reading_get(void *x, const char *blob, const char *path, struct store_reading *out);
void vindex_reading_put(void *x, const char *blob, const char *path, const struct resolution *r, long long loose_size);

/* Bring the index up to HEAD and write it (after an import): 0, or 1 when
 * history cannot be indexed. */
int vindex_update(struct vindex *x);

/*
 * Build the index, with path's versions, in a process of its own that
 * outlives the caller (as git gc --auto does): the caller answers from a
 * walk meanwhile, the next command from the index. Called early, while
 * the caller's memory is small (the copy it forks shares it); the builder
 * runs at a lower priority, one at a time (a lock the system releases when
 * it ends); nothing when the index is kept in memory only. The caller
 * flushes its output first.
 */
void vindex_build_later(struct vindex *x, const char *path);

/* Bring the index up to HEAD and fill in every reading and summary (after
 * a bulk import, so that every later command answers from it): 0, or 1. */
int vindex_fill(struct vindex *x);

#endif
