/*
 * amendoc: the United Nations' own amendment documents ("Ukraine:*
 * amendment to draft resolution A/80/L.3") read into instructions a
 * program can carry out: which paragraphs of the draft, and what to
 * replace, insert or delete in them.
 *
 * The text is what a PDF extractor makes of the document: lines broken
 * inside sentences, page furniture and star footnotes inline, a paragraph
 * number alone on its line. Instructions are read from the set phrases the
 * Secretariat uses ("In operative paragraph 1, replace “Takes note” with
 * “Welcomes”", "After the fifth preambular paragraph, insert a new
 * preambular paragraph reading:", "Delete operative paragraphs 35, 38 and
 * 39"). An instruction in any other words is listed as unread, with why,
 * and never guessed at: carrying out a misread amendment would put words
 * into a draft that nobody proposed.
 *
 * Ownership: the text is borrowed; everything in a struct amendoc is owned
 * by it and freed by amendoc_release (which leaves it zeroed, so releasing
 * twice is harmless).
 * Errors: amendoc_read returns -1 with err filled when the text is not an
 * amendment document at all (no "SPONSORS: amendment to ..." heading near
 * its top); out is then empty. A document it reads only in part returns 0,
 * with what it could not read in unread.
 */
#ifndef REDLINE_AMENDOC_H
#define REDLINE_AMENDOC_H

#include <stddef.h>

#include "util.h"

enum amendoc_op {
	AD_REPLACE_WORDS,	/* in each target, replace find with texts[0] */
	AD_INSERT_WORDS,	/* in each target, insert texts[0] after anchor (before it when before; at the end when anchor is NULL) */
	AD_DELETE_WORDS,	/* in each target, delete find */
	AD_INSERT_PARAS,	/* after the one target (before it when before; at the end of a part: AW_ALL_PP, AW_ALL_OP), insert texts as new paragraphs */
	AD_DELETE_PARAS,	/* delete the targets; texts, when given, are the paragraphs as the document quotes them */
	AD_REPLACE_PARAS,	/* replace the target(s) with texts */
};

enum amendoc_where {
	AW_TITLE,	/* the draft's title */
	AW_PP,		/* preambular paragraph number */
	AW_OP,		/* operative paragraph number */
	AW_ALL_PP,	/* the preambular paragraphs, or the preamble as a part */
	AW_ALL_OP,	/* the operative paragraphs, or the operative part */
};

struct amendoc_target {
	enum amendoc_where where;
	int number;		/* AW_PP, AW_OP: counted from 1; else 0 */
	char sub[16];		/* "(b)", "(b) (ii)"; "" for the whole paragraph */
};

struct amendoc_instr {
	int number;		/* as the document numbers it; 0 when unnumbered */
	enum amendoc_op op;
	struct amendoc_target *targets;
	size_t ntargets;
	char *find;		/* AD_REPLACE_WORDS, AD_DELETE_WORDS: the words; else NULL */
	char *anchor;		/* AD_INSERT_WORDS: the words it goes after or before, NULL for the end */
	int before;		/* AD_INSERT_WORDS, AD_INSERT_PARAS: before the anchor or target */
	/* the new words (one) or paragraphs, the PDF's line breaks joined and
	 * its line-end hyphens judged as the parser judges them (repair.h) */
	char **texts;
	size_t ntexts;
	char *source;		/* the instruction as written, on one line, for messages */
};

struct amendoc_unread {
	int number;		/* as the document numbers it; 0 when unnumbered */
	char *source;		/* the instruction as written, on one line */
	char *why;		/* one line, lowercase, no final period */
};

struct amendoc {
	char *symbol;		/* "A/80/L.28"; NULL when the document does not print one */
	/*
	 * The draft it amends: "A/80/L.3". An amendment taken in plenary to a
	 * committee's draft names the committee's report instead ("draft
	 * resolution 23 recommended by the Third Committee in its report
	 * contained in document A/80/545"): target is then the report
	 * ("A/80/545") and target_draft the draft's number in it (23; else 0).
	 * NULL when the heading names no symbol (an unread entry says so).
	 */
	char *target;
	int target_draft;
	char *title;		/* the draft's title as the document repeats it, or NULL */
	char **sponsors;	/* "Ukraine"; several when "X, Y and Z: amendment to ..." */
	size_t nsponsors;
	/* parallel to sponsors: the group each speaks for, from the star note
	 * ("the States Members of the United Nations that are members of the
	 * European Union"), or NULL; the array is NULL when none does */
	char **on_behalf_of;
	struct amendoc_instr *instr;
	size_t ninstr;
	struct amendoc_unread *unread;
	size_t nunread;
};

int amendoc_read(const char *text, size_t len, struct amendoc *out, struct rl_error *err);
void amendoc_release(struct amendoc *d);

/* "AD_REPLACE_WORDS" as "replace words"; "AW_PP" as "PP": for messages and tests. */
const char *amendoc_op_name(enum amendoc_op op);
const char *amendoc_where_name(enum amendoc_where w);

/* The value of an ordinal word ("second", "twenty-first", "one hundredth"),
 * s[0..len) exactly, case ignored; 0 when it is none. */
int amendoc_ordinal(const char *s, size_t len);

#endif
