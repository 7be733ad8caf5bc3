/*
 * wdiff: the word-level difference between two clause texts, cleaned up so
 * that every edit is whole words and reads like a person's edit.
 *
 * Ownership: the script's ops borrow the two input texts (s points into old
 * for WOP_EQ and WOP_DEL, into new for WOP_INS); the caller keeps both texts
 * alive while the script is used and frees it with wscript_release.
 * Errors: none; the computation always succeeds.
 *
 * Invariants (tested): concatenating EQ and DEL ops gives old exactly;
 * concatenating EQ and INS ops gives new exactly; within a changed region
 * deletions come before insertions; no edit begins or ends inside a word.
 */
#ifndef REDLINE_WDIFF_H
#define REDLINE_WDIFF_H

#include <stddef.h>

#include "lang.h"
#include "token.h"

enum wop_kind { WOP_EQ, WOP_DEL, WOP_INS };

struct wop {
	enum wop_kind kind;
	const char *s;
	size_t len;
	/* 1 on a DEL/INS pair that differs only in typography (only with
	 * IGNORE_TYPOGRAPHY); renderers show the new text unmarked. */
	int typo;
};

struct wscript {
	struct wop *v;
	size_t n, cap;
	size_t words_old, words_new;	/* word tokens on each side */
	size_t words_deleted, words_inserted;
	int replaced;	/* more than WDIFF_REPLACE_RATIO changed: whole clause replaced */
	double similarity;	/* 2 * common words / (words_old + words_new), 1.0 if both empty */
};

#define WDIFF_REPLACE_RATIO 0.6

void wscript_init(struct wscript *ws);
void wscript_release(struct wscript *ws);
/* lang: the texts' language, whose filler words a rewrite absorbs (NULL:
 * English); flags: IGNORE_TYPOGRAPHY (token.h). A text of 1 GiB or more
 * is shown replaced, without a word diff (similarity 0). Memory: about
 * nine bytes a token of the two texts, with their distinct words. */
void wdiff_compute(const char *old, size_t olen, const char *new_, size_t nlen,
		   const struct lang *lang, unsigned flags, struct wscript *out);
/* 1 when the script has no DEL/INS ops except typography-only pairs. */
int wscript_is_equal(const struct wscript *ws);

#endif
