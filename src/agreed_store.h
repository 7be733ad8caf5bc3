/*
 * agreed_store: the agreed-language index of a repository (engine/agreed.h)
 * built from every version of every series at HEAD and kept beside the
 * version index ($GIT_COMMON_DIR/redline/agreed and agreed-new, else the
 * cache folder): derived data, never a ref, never pushed. Each file names
 * the HEAD it covers (and the second the base it adds to); when HEAD has
 * moved (an import, plain git) it is brought up to date before it
 * answers, so it is never stale: the versions added read and parsed, the
 * whole made again only when a version it held is gone (a rewrite).
 *
 * Ownership: the index is the caller's (agreed_release). Errors: -1 with
 * err naming what could not be read; a file that cannot be written only
 * costs building it again next time.
 */
#ifndef REDLINE_AGREED_STORE_H
#define REDLINE_AGREED_STORE_H

#include "agreed.h"
#include "store.h"
#include "util.h"

/* A kept file, mapped: an index read from it points into it. */
struct agreed_kept {
	void *map;
	size_t len;
};

/*
 * The index of HEAD as it is kept: a base, and (when versions were added
 * since it was made) a second, small index of those versions alone, so
 * that an import costs its new versions, not the archive; the second is
 * folded into the base when it grows past an eighth of it. A query asks
 * both and joins their hits.
 */
struct agreed_store {
	struct agreed_index seg[2];
	struct agreed_kept kept[2];
	size_t nseg;
	struct agreed_index joined;	/* the last query's hits' clauses, when two */
	size_t nclauses, nversions;	/* what a query searches, for people */
};

/* The index of HEAD: as kept when it covers HEAD (and not rebuild), else
 * brought up to HEAD (from what is kept) or made, and kept. built (may be
 * NULL): 1 when it was made or brought up to date. Release with
 * agreed_store_close, also after an error. */
int agreed_store_open(struct store *st, int rebuild, struct agreed_store *out, int *built, struct rl_error *err);
/* The index as kept in the common git directory git_dir when it covers
 * head (a commit id), read without the repository (headpeek.h): 0, else
 * -1 (out closed; open the repository and use agreed_store_open). */
int agreed_store_open_kept(const char *git_dir, const char *head, struct agreed_store *out);
/*
 * agreed_query over every part: the hits, best first, of the index it
 * returns (a part itself, or one made of the hits' clauses, which lives
 * until the next query or agreed_store_close); *hits is the caller's.
 */
const struct agreed_index *agreed_store_query(struct agreed_store *a, const char *query, double min_coverage,
					      size_t max, struct agreed_hit **hits, size_t *n);
void agreed_store_close(struct agreed_store *a);
/* After an import: a kept index brought up to HEAD now (nothing when none
 * is kept: the first query makes it), with the version index vx when the
 * caller has one open (NULL: its own). 0, or -1 with err. */
struct vindex;
int agreed_store_update(struct store *st, struct vindex *vx, struct rl_error *err);

#endif
