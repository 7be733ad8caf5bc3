/*
 * compare: the clause-by-clause comparison of two resolutions: the
 * alignment (align.h), the words inside each matched clause (wdiff.h), the
 * opener strength shift and hedges (verbs.h), renumbering, and footnotes
 * compared by their text, never by their number.
 *
 * Ownership: the comparison borrows both resolutions (their texts are
 * pointed into by the word scripts), so they must outlive it; everything
 * else it owns, released by comparison_release.
 * Errors: none; any two resolutions compare.
 */
#ifndef REDLINE_COMPARE_H
#define REDLINE_COMPARE_H

#include <stddef.h>

#include "lang.h"
#include "model.h"
#include "verbs.h"
#include "wdiff.h"

enum change_kind {
	CHANGE_UNCHANGED,
	CHANGE_MODIFIED,
	CHANGE_INSERTED,
	CHANGE_DELETED,
	CHANGE_SPLIT,
	CHANGE_MERGED
};

struct change {
	enum change_kind kind;
	size_t old[2], nold;		/* clause indexes in the old resolution */
	size_t new_[2], nnew;		/* clause indexes in the new resolution */
	int moved;			/* its place among the other clauses changed */
	int renumbered;			/* kept its place, its printed number changed */
	double similarity;
	/* modified, split, merged: old text(s) against new text(s); for split
	 * and merged the texts joined by one space, owned in joined_*. */
	struct wscript words;
	char *joined_old, *joined_new;
	int verb_changed;
	enum verb_shift shift;
	const char *old_opener, *new_opener;	/* borrowed from the clauses */
	unsigned hedges_added, hedges_removed;	/* bit masks, see verbs_hedge_name */
	/* modified in quotes, dashes, hyphen joins or spacing only: gone
	 * under IGNORE_TYPOGRAPHY (always 0 with that flag) */
	int typo_only;
};

struct footnote_change {
	enum change_kind kind;		/* modified, inserted or deleted */
	int old_number, new_number;	/* 0 when absent on that side */
	struct wscript words;
};

struct compare_summary {
	size_t unchanged, modified, inserted, deleted, moved, renumbered, split, merged;
	/* openers that changed, by their shift (verbs_shift_name): stronger,
	 * weaker, same (a different opener of the same strength), unknown */
	size_t stronger, weaker, verbs_same, verbs_unknown, hedges_added, hedges_removed;
	size_t footnotes_modified, footnotes_inserted, footnotes_deleted;
	size_t typography_only;	/* modified clauses with typo_only set */
};

/* A metadata field that differs; the strings are borrowed, NULL when absent. */
struct meta_change {
	const char *field;	/* "symbol", "title", "session", ... as in the JSON contract */
	const char *old, *new_;
};

#define COMPARE_META_FIELDS 7

struct comparison {
	const struct resolution *old, *new_;
	const struct lang *lang;	/* whose stop and filler words count: NEW's, else OLD's, else English */
	struct meta_change meta[COMPARE_META_FIELDS];
	size_t nmeta;
	struct change *changes;
	size_t nchanges;
	struct footnote_change *footnotes;	/* changed footnotes only */
	size_t nfootnotes;
	/* per footnote of old (index into old->footnotes): the index of the
	 * same note in new_->footnotes, changed or not, or -1 (deleted) */
	long *footnote_pair;
	struct compare_summary sum;
};


/* flags: IGNORE_TYPOGRAPHY (token.h): quote and dash style, spacing and
 * hyphenation joins are not changes. */
void compare_resolutions(const struct resolution *old, const struct resolution *new_,
			 unsigned flags, struct comparison *out);
void comparison_release(struct comparison *c);
/* 1 when anything differs: a clause change of any kind, a footnote change,
 * or the metadata (symbol, dates, report...). */
int comparison_has_differences(const struct comparison *c);
const char *change_kind_name(enum change_kind k);	/* "modified", ... */

#endif
