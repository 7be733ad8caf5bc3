/*
 * align: match the clauses of two versions of a document: which clause of
 * OLD became which clause of NEW, which were inserted, deleted, moved,
 * split or merged. Words inside matched clauses are not this module's job.
 *
 * Ownership: items borrow their text; the caller keeps it alive during
 * align_clauses. The alignment owns its array; free it with
 * alignment_release. Errors: none; any two inputs align.
 *
 * Output order (the contract of json.md "changes"): every clause of both
 * sides appears in exactly one pair; pairs follow NEW's order (a split or
 * merge sits at its first NEW clause); a deleted clause sits right after
 * the pair that holds the OLD clause before it (first, if it was OLD's
 * first clause). Ties break by position, so output is deterministic.
 */
#ifndef REDLINE_ALIGN_H
#define REDLINE_ALIGN_H

#include <stddef.h>
#include <stdint.h>

#include "lang.h"
#include "token.h"

struct align_item {
	const char *text;	/* the clause text, opener included, no number */
	size_t len;
	int section;		/* 0 preamble, 1 operative, 2 other; a match across sections is allowed but dispreferred */
};

enum align_kind {
	AL_EQUAL,	/* same text (under the key normalisation) */
	AL_MODIFIED,	/* one old clause, one new clause, similar text */
	AL_DELETED,
	AL_INSERTED,
	AL_SPLIT,	/* one old clause became two new ones */
	AL_MERGED	/* two old clauses became one new one */
};

struct align_pair {
	enum align_kind kind;
	size_t old[2], nold;	/* indexes into the old items; nold in 0..2 */
	size_t new_[2], nnew;	/* indexes into the new items; nnew in 0..2 */
	int moved;		/* its place relative to the other matched clauses changed */
	double similarity;	/* 1.0 for AL_EQUAL, 0 for inserted/deleted */
};

struct alignment {
	struct align_pair *v;
	size_t n, cap;
};

void alignment_init(struct alignment *al);
void alignment_release(struct alignment *al);
void align_clauses(const struct align_item *old, size_t nold,
		   const struct align_item *new_, size_t nnew,
		   const struct lang *lang, unsigned flags, struct alignment *out);
/* lang: the texts' language, whose stopwords similarity leaves out (NULL:
 * English). flags: IGNORE_TYPOGRAPHY (token.h): texts that differ only in
 * quote or dash style, hyphenation joins and spacing count as equal. */
/* Word-bag similarity of two texts in [0,1], as used for matching; the
 * language's stopwords (lang NULL: English) do not count. */
double align_similarity(const char *a, size_t alen, const char *b, size_t blen, const struct lang *lang);
/*
 * The same in two steps, for a caller that compares each of many texts
 * with many: align_bag makes a text's word bag (sorted word keys, in *bag,
 * which the caller frees; returns how many), align_bag_similarity gives
 * align_similarity's number for two bags.
 */
size_t align_bag(const char *s, size_t n, const struct lang *lang, uint64_t **bag);
double align_bag_similarity(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

#endif
