/*
 * agreed: where wording has been adopted before. An index of the distinct
 * clauses of an archive (drafts and adopted texts repeat most clauses: each
 * text is kept once, with every version and clause it occurs as), with word
 * 3-gram postings; a query (a phrase, a paragraph) finds its candidates
 * through its rarest 3-grams and measures each by how much of the query it
 * covers, in order, whatever edits lie between.
 *
 * Words are compared as the aligner's tokens (typography folded, a
 * hyphenated compound one word: "through-life" is "throughlife") with case
 * folded, so line breaks, quotes, dashes, footnote markers (not in clause
 * texts) and capitals are no difference.
 *
 * Ownership: the index owns its arrays and strings (agreed_release);
 * results are the caller's (free). Errors: none (allocation aborts); a
 * serialised index whose layout does not read is refused with -1 by
 * agreed_map.
 */
#ifndef REDLINE_AGREED_H
#define REDLINE_AGREED_H

#include <stddef.h>
#include <stdint.h>

#include "sbuf.h"

struct agreed_version {
	uint32_t commit, path, symbol, date;	/* offsets into strings */
	uint32_t adopted;			/* 1: an adopted resolution, 0: a draft */
};

struct agreed_occ {
	uint32_t version;
	uint32_t clause_id;	/* offset into strings: "OP5" */
};

struct agreed_clause {
	uint32_t text, text_len;	/* the clause's text (one occurrence's), in strings */
	uint32_t nwords;
	uint32_t occ, nocc;		/* its occurrences: occs[occ..occ+nocc) */
};


struct agreed_index {
	char *strings;
	size_t nstrings, strings_cap;
	struct agreed_version *v;
	size_t nv, v_cap;
	struct agreed_clause *c;
	size_t nc, c_cap;
	struct agreed_occ *occs;
	size_t nocc;
	/* the 3-grams, by key: gram i's postings (the distinct clauses that
	 * have it, ascending) are the bytes post[gfirst[i]..gfirst[i + 1]),
	 * the first clause and then the differences as variable-length
	 * numbers (seven bits a byte): about a byte and a half a posting */
	uint64_t *gkey;
	uint32_t *gfirst;	/* ng + 1 entries */
	size_t ng;
	unsigned char *post;
	size_t npost;
	/* while building: each clause's occurrences and grams, and the
	 * distinct texts by their words' hash */
	struct agreed_build *b;
	int borrowed;		/* the arrays point into a caller's buffer (agreed_map) */
};

void agreed_init(struct agreed_index *x);
void agreed_release(struct agreed_index *x);
/* A version of the archive; returns its index. */
uint32_t agreed_add_version(struct agreed_index *x, const char *commit, const char *path, const char *symbol,
			    const char *date, int adopted);
/* A clause of a version. */
void agreed_add_clause(struct agreed_index *x, uint32_t version, const char *id, const char *text);
/* The versions of old that keep[i] says, with their clauses, added (an
 * index brought up to date without reading again what it held). */
void agreed_add_from(struct agreed_index *x, const struct agreed_index *old, const unsigned char *keep);
/* Clauses of old (their indices), with their occurrences and the versions
 * those are of: to[i] is what clauses[i] became (UINT32_MAX: it has no
 * occurrence, or does not read); the same text added twice is one clause. */
void agreed_add_clauses_from(struct agreed_index *x, const struct agreed_index *old, const uint32_t *clauses,
			     size_t n, uint32_t *to);
/* After the last clause: the texts laid out for reading (in the order of
 * their wording, so clause numbers change, except in a query's join,
 * whose numbers agreed_add_clauses_from handed out) and the postings made
 * (queries need them). */
void agreed_finish(struct agreed_index *x);
const char *agreed_str(const struct agreed_index *x, uint32_t off);
/* A clause's text and occurrences lie inside the index (a mapped file is
 * checked entry by entry, as it is read). */
int agreed_clause_ok(const struct agreed_index *x, const struct agreed_clause *c);

/* The index as bytes. */
void agreed_save(const struct agreed_index *x, struct sbuf *out);
/*
 * And back, without a copy: the arrays point into buf (8-byte aligned, as a
 * mapped file is), which must outlive the index. Only the layout is
 * checked here; each entry is checked where it is used, so a query of a
 * large index touches only what it reads, and a damaged one answers
 * nothing wrong rather than crash.
 */
int agreed_map(struct agreed_index *x, const char *buf, size_t len);

struct agreed_hit {
	uint32_t clause;	/* index into x->c */
	double coverage;	/* the share of the query's words it has, in order */
	/* a key of the words of the part of its text that holds the query's
	 * (agreed_span; the whole text when that cannot be told): hits whose
	 * parts read the same have the same key */
	uint64_t span_key;
};

/* The longest query looked for, in words (a paragraph is a few hundred;
 * measuring costs a query's words squared over 64 in memory). */
#define AGREED_QUERY_WORDS_MAX 4000

/*
 * The distinct clauses that cover at least min_coverage of the query's
 * words, best first (coverage, then more grams in common); at most max.
 * A query of fewer than three words, or more than AGREED_QUERY_WORDS_MAX,
 * finds nothing (its 3-grams are the way in; the caller says why a long
 * one). Returns how many; *out is the caller's to free.
 */
size_t agreed_query(const struct agreed_index *x, const char *query, double min_coverage, size_t max,
		    struct agreed_hit **out);
/*
 * The same over an index kept in parts (a base and what was added to it):
 * each part asked, the hits' clauses made one index, joined (the same text
 * in two parts one clause with the occurrences of both; no postings: it
 * is listed, never searched; the caller releases it), which the hits,
 * best first, are of.
 */
size_t agreed_query_parts(const struct agreed_index *parts, size_t nparts, const char *query, double min_coverage,
			  size_t max, struct agreed_index *joined, struct agreed_hit **out);
/* The byte span of a clause's text that holds the query's words it has
 * (from the first to the last): 0, or -1 when none (or too long to tell). */
int agreed_span(const struct agreed_index *x, uint32_t clause, const char *query, size_t *start, size_t *end);
/* The words of text as the index compares them: keys (the caller frees
 * *keys) and each word's byte span when starts/ends are not NULL. */
size_t agreed_words(const char *text, size_t len, uint64_t **keys, size_t **starts, size_t **ends);

#endif
