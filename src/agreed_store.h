/*
 * agreed_store: the agreed-language index of a repository (engine/agreed.h)
 * built from every version of every series at HEAD and kept beside the
 * version index ($GIT_COMMON_DIR/redline/agreed, else the cache folder):
 * derived data, never a ref, never pushed. The file names the HEAD it
 * covers; when HEAD has moved (an import, plain git) it is made again
 * before it answers, so it is never stale.
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

/* The kept file, mapped: the index read from it points into it. */
struct agreed_kept {
	void *map;
	size_t len;
};

/* The index of HEAD: the kept one when it covers HEAD (and not rebuild),
 * mapped, else made (and kept). built (may be NULL) says which. Release
 * both with agreed_store_release. */
int agreed_store_index(struct store *st, int rebuild, struct agreed_index *out, struct agreed_kept *kept, int *built,
		       struct rl_error *err);
void agreed_store_release(struct agreed_index *x, struct agreed_kept *k);

#endif
