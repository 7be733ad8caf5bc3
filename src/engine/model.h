/*
 * model: a resolution as redline understands it: metadata, an ordered list
 * of clauses (preambular, operative, sub-paragraphs, annex paragraphs) and
 * footnotes.
 *
 * Ownership: a struct resolution owns every string and array reachable from
 * it; resolution_release frees them all and leaves an empty resolution.
 * Clauses refer to their parent by index, never by pointer, so the clause
 * array may grow while it is built. Errors: none (allocation aborts).
 */
#ifndef REDLINE_MODEL_H
#define REDLINE_MODEL_H

#include <stddef.h>

enum section {
	SEC_PREAMBLE,
	SEC_OPERATIVE,
	SEC_ANNEX,
	SEC_PARAGRAPH	/* text that is not a resolution: plain paragraphs */
};

struct clause {
	char *id;		/* PP3, OP5, OP5(a), OP5(a)(ii), ANNEX1, P4 */
	enum section section;
	char *number;		/* as printed: "5", "(a)", "a)"; NULL when unnumbered */
	long parent;		/* index of the enclosing clause, -1 at top level */
	char *opener;		/* "Strongly urges", "Noting also"; NULL when none */
	char *text;		/* one line: opener included, number, markers and emphasis removed */
	int *footnotes;		/* footnote numbers referred to, in order */
	/* parallel to footnotes: the byte offset in text where each marker
	 * stood (a marker glued to a word's end: that end); NULL: not known */
	size_t *footnote_at;
	size_t nfootnotes;
	int line;		/* source line where the clause starts (1-based) */
};

struct footnote {
	int number;
	char *text;
};

struct resolution_meta {
	char *symbol;		/* "A/RES/79/53"; NULL when the text does not say */
	char *title;
	char *session;
	char *agenda_item;
	char *adopted;		/* ISO date */
	char *committee_report;
	char *committee;	/* who reported: "First Committee"; not compared (the report is) */
	char *meeting;
	const char *language;	/* "en", "fr", "es"; static */
	/*
	 * What a draft's header says (amendments are matched to drafts by
	 * these). The kind is static: "resolution", "draft resolution",
	 * "draft decision", "amendment"; NULL when the header does not say.
	 */
	const char *document_kind;
	char *distributed;	/* ISO date of "Distr.: Limited 15 October 2025" */
	char **sponsors;	/* "Bolivia (Plurinational State of)", in printed order; NULL: none named */
	size_t nsponsors;
	char *submitted_by;	/* "the President of the General Assembly": a draft an office tables */
	/* parallel to sponsors: the group each speaks for ("the States that
	 * are members of the Group of 77 and China"), or NULL; the array is
	 * NULL when none does */
	char **on_behalf_of;
};

struct resolution {
	struct resolution_meta meta;
	struct clause *clauses;
	size_t nclauses, clauses_cap;
	/*
	 * The texts of clauses[0..text_block_clauses) lie in text_block, one
	 * allocation (the parser writes them over the text it read, so a long
	 * document's clauses take no memory of their own); a clause after
	 * those owns its text. NULL and 0 when no parser made them.
	 */
	char *text_block;
	size_t text_block_clauses;
	struct footnote *footnotes;
	size_t nfootnotes, footnotes_cap;
	int is_resolution;	/* 0: no enacting formula, clauses are plain paragraphs */
	char **warnings;	/* one-line messages for stderr, at most MODEL_MAX_WARNINGS */
	size_t nwarnings, warnings_cap;
	size_t warnings_dropped;	/* the warnings past the limit, counted only */
};

#define MODEL_MAX_WARNINGS 20

void resolution_init(struct resolution *r);
void resolution_release(struct resolution *r);
/* Append a zeroed clause and return it (valid until the next append). */
struct clause *resolution_add_clause(struct resolution *r);
void resolution_add_footnote(struct resolution *r, int number, char *text_owned);
void resolution_warn(struct resolution *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
const struct footnote *resolution_footnote(const struct resolution *r, int number);
const char *section_name(enum section s);	/* "preamble", "operative", ... */
/* Index of the clause with this id, or -1. */
long resolution_find_clause(const struct resolution *r, const char *id);

#endif
