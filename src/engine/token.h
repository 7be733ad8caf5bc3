/*
 * token: split clause text into words, single punctuation characters and
 * white-space runs, each with a comparison key.
 *
 * Ownership: tokens borrow the text they were made from (s points into it);
 * the list owns only its array, released with token_list_release.
 * Errors: none; any byte sequence tokenises (invalid bytes are punctuation).
 */
#ifndef REDLINE_TOKEN_H
#define REDLINE_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "sbuf.h"

enum tok_kind {
	TOK_WORD,	/* a run of letters/digits (and combining marks) */
	TOK_PUNCT,	/* one non-space, non-alnum code point */
	TOK_SPACE	/* a run of white space; all runs compare equal */
};

/*
 * IGNORE_TYPOGRAPHY: the one flag of every engine call that compares text
 * (tokenize, wdiff_compute, align_clauses, compare_resolutions): quote and
 * dash styles, hyphenation joins and spacing are no change. For tokens:
 * keys fold quotes and dashes (token_fold_typography), and a hyphenated
 * compound ("capacity-building") is one word token whose key equals the
 * joined word ("capacitybuilding"), so a PDF's lost or spurious hyphen is
 * no change.
 */
#define IGNORE_TYPOGRAPHY 0x1

/*
 * The one typography fold: every quote of a family folds to its plain form
 * (' or "), every hyphen and dash to '-', anything else to itself. The word
 * diff's keys and the aligner's keys both use it, so a change is
 * typographic for both or for neither.
 */
uint32_t token_fold_typography(uint32_t cp);

/*
 * Sixteen bytes a token, as a long text has a token every three or four
 * bytes: the length is where the next token starts (the list ends with
 * one more entry, at the end of the text) and the kind sits in the key's
 * low two bits, so that keys of different kinds never meet, whatever the
 * hash does.
 */
struct token {
	const char *s;			/* into the tokenised text */
	unsigned long long key;		/* equal keys = equal tokens; kind in the low bits */
};

struct token_list {
	struct token *v;	/* n tokens, then v[n].s: the end of the text */
	size_t n, cap;
};

static inline enum tok_kind
token_kind(const struct token *t)
{
	return (enum tok_kind)(t->key & 3);
}

/* Bytes of t, which must be an element of a token list (not its end). */
static inline size_t
token_len(const struct token *t)
{
	return (size_t)(t[1].s - t[0].s);
}

void token_list_init(struct token_list *tl);
void token_list_release(struct token_list *tl);
/*
 * The tokens of text[0..len), replacing out's: the concatenated tokens
 * rebuild the text.
 */
void tokenize(const char *text, size_t len, unsigned flags, struct token_list *out);

/*
 * The same tokens one at a time, for a caller that keeps them its own way
 * (the word diff keeps a long text's in eight bytes each): token_scan
 * returns where the token that starts at offset i (< len) ends, and its
 * key in *key. The scanner borrows text.
 */
struct token_scanner {
	const char *text;
	size_t len;
	unsigned flags;
	struct sbuf scratch;
	unsigned long long space_key;
};

void token_scanner_init(struct token_scanner *ts, const char *text, size_t len, unsigned flags);
size_t token_scan(struct token_scanner *ts, size_t i, unsigned long long *key);
void token_scanner_release(struct token_scanner *ts);

#endif
