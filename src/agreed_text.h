/*
 * agreed_text: the wording of `redline agreed` (engine/agreed.h), shared by
 * the command line (cmd_agreed.c) and the interface (tui/view_agreed.c),
 * so both say the same facts the same way: the hits grouped and ordered,
 * " 98%  [-Urges-]{+Encourages+} all States...", "first adopted
 * A/RES/77/64 OP12 (2022-12-07)", "recurs in ...", "drafts ..." or
 * "drafts only ...  (never adopted: not agreed language)".
 *
 * Plain functions that append raw text (clause ids, symbols and clause
 * texts as the documents have them) to an sbuf: a terminal sanitises what
 * it shows.
 *
 * Ownership: groups point into the index and the hits they were made of,
 * which must outlive them; the arrays are the caller's
 * (agreed_text_groups_free). Errors: none (allocation aborts).
 */
#ifndef REDLINE_AGREED_TEXT_H
#define REDLINE_AGREED_TEXT_H

#include <stddef.h>

#include "agreed.h"
#include "sbuf.h"
#include "wdiff.h"

/* The share of the query a text must hold to be listed; how many
 * distinct texts a query measures (agreed_query's max) and how many groups
 * of them are listed. */
#define AGREED_TEXT_MIN_COVERAGE 0.6
#define AGREED_TEXT_QUERY_MAX 2000
#define AGREED_TEXT_MAX_HITS 50

/* The line heads of the occurrences, as wide as each other. */
#define AGREED_TEXT_INDENT "      "
#define AGREED_TEXT_FIRST "first adopted  "
#define AGREED_TEXT_RECURS "recurs in      "
#define AGREED_TEXT_DRAFTS "drafts         "
#define AGREED_TEXT_DRAFTS_ONLY "drafts only    "
#define AGREED_TEXT_NOT_AGREED "  (never adopted: not agreed language)"

/* A wording found: the distinct clauses whose part that holds the query
 * reads the same (a clause's versions edited elsewhere, its copies in other
 * resolutions), with their occurrences other than the query's own, each
 * kind oldest first. */
struct agreed_group {
	const struct agreed_hit *hit;	/* the best of them */
	size_t nvariants;		/* how many distinct clauses */
	const char *first_date;	/* its earliest adopted occurrence's, else its earliest */
	int adopted;		/* 1: adopted at least once */
	const struct agreed_occ **adopted_occ;	/* [0]: first adopted; the rest recur */
	size_t nadopted;
	const struct agreed_occ **drafts;
	size_t ndrafts;
};

/*
 * The hits of a query (best first, as agreed_query gives them) as groups
 * (the hits whose span keys are the same),
 * best first (coverage, adopted before never adopted, earliest, then the
 * index's order), at most AGREED_TEXT_MAX_HITS, leaving out the query's
 * own occurrence (self_commit's self_clause; NULL: none) and a group that
 * has no other. Returns how many; *out is the caller's
 * (agreed_text_groups_free, with the count).
 */
size_t agreed_text_groups(const struct agreed_index *x, const struct agreed_hit *hits, size_t n,
			  const char *self_commit, const char *self_clause, struct agreed_group **out);
void agreed_text_groups_free(struct agreed_group *g, size_t n);

/* White space of any kind, line ends above all, one space, none at either
 * end (in place): a phrase pasted from a PDF or typed over lines reads as
 * one line. */
void agreed_text_one_line(char *s);
/* How many words a query has, when more than agreed_query looks for
 * (AGREED_QUERY_WORDS_MAX): the caller says so, naming it; else 0. */
size_t agreed_text_too_long(const char *query);

/* "A/RES/77/64 OP12 (2022-12-07)"; a version without a symbol is
 * "path@commit7". */
void agreed_text_occ(const struct agreed_index *x, const struct agreed_occ *o, struct sbuf *out);

/*
 * The query against the part of the hit's text that holds it (the whole
 * text when that cannot be told): ws filled (the caller inits and
 * releases it; DEL ops are the query's, INS ops the text's, borrowed from
 * query and the index), and whether text was left out before and after
 * ("..." there).
 */
void agreed_text_diff(const struct agreed_index *x, const struct agreed_hit *h, const char *query,
		      struct wscript *ws, int *cut_before, int *cut_after);

/* " 98%  " */
void agreed_text_coverage(const struct agreed_hit *h, struct sbuf *out);
/* The hit's line as the command writes it: " 98%  ...[-a-]{+b+}...". */
void agreed_text_hit(const struct agreed_index *x, const struct agreed_group *g, const char *query,
		     struct sbuf *out);
/* Occurrences after a head: "A, B, C". */
void agreed_text_occ_list(const struct agreed_index *x, const struct agreed_occ *const *v, size_t n,
			  struct sbuf *out);
/* "2 texts hold 60% or more of the wording (142 distinct clauses of 11
 * versions searched)"; what: "the wording", "OP13". */
void agreed_text_summary(size_t ngroups, const char *what, size_t nclauses, size_t nversions, struct sbuf *out);

#endif
