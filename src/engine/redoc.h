/*
 * redoc: a comparison laid out as a redline document, the form a word
 * processor's tracked changes and a printed redline need: the header lines
 * (symbol, session, agenda item, adoption, title), the enacting formula,
 * every clause of both versions in reading order -- the newer version's
 * order, with each clause that left placed where it stood -- and the
 * closing lines; each paragraph a row of runs marked unchanged, inserted or
 * deleted, with its printed number, its opener in italics and its footnote
 * references where the markers stood; and the footnotes of both versions,
 * each once.
 *
 * The invariant the writers rely on (tests/check_redoc.c): the unchanged
 * and inserted runs of the paragraphs that are not deleted read NEW's
 * clauses exactly, and the unchanged and deleted runs of the paragraphs
 * that are not inserted read OLD's, in order. A moved clause is therefore
 * two paragraphs, deleted where it stood and inserted where it stands
 * (marked as a move, each naming the other); a split clause is one
 * paragraph whose mark is inserted (accepting it makes two), a merge one
 * whose mark is deleted.
 *
 * Ownership: the document borrows the comparison and its two resolutions,
 * whose texts the runs point into, and owns everything else (its arrays,
 * the header lines it writes, word scripts it computes): redoc_release.
 * Errors: none (allocation aborts).
 */
#ifndef REDLINE_REDOC_H
#define REDLINE_REDOC_H

#include <stddef.h>

#include "compare.h"
#include "model.h"
#include "sbuf.h"
#include "wdiff.h"

enum rmark { RM_SAME, RM_INS, RM_DEL };

struct rrun {
	enum rmark mark;
	const char *s;		/* NULL for a footnote reference */
	size_t len;
	int italic;		/* the clause's opener */
	long note;		/* >= 0: a reference to notes[note]; -1: text */
};

enum rpara_role {
	RP_SYMBOL,		/* "A/RES/79/53" */
	RP_SESSION,		/* "Seventy-ninth session" */
	RP_AGENDA,		/* "Agenda item 98 (jj)" */
	RP_SPONSORS,		/* "Canada, ...: draft resolution" */
	RP_ADOPTED,		/* "Adopted by the General Assembly on 2 December 2024" */
	RP_REPORT,		/* "[on the report of the First Committee (A/79/408)]" */
	RP_TITLE,		/* "79/53. Countering ..." */
	RP_FORMULA,		/* "The General Assembly," */
	RP_CLAUSE,
	RP_MEETING,		/* "43rd plenary meeting" */
	RP_DATE			/* "2 December 2024" under it */
};

enum rmove { RMOVE_NONE, RMOVE_FROM, RMOVE_TO };

struct rpara {
	enum rpara_role role;
	/* RM_INS: the paragraph and its mark are new; RM_DEL: both are gone */
	enum rmark mark;
	/* the paragraph mark alone, when the paragraph is not inserted or
	 * deleted: RM_INS a split (accepting makes two paragraphs), RM_DEL a
	 * merge (accepting joins this one to the next) */
	enum rmark mark_of_end;
	enum rmove move;
	long peer;		/* a move's other place (index into paras); -1 */
	long change;		/* index into cmp's changes; -1: not a clause */
	const struct comparison *cmp;	/* the comparison change indexes */
	/* a compilation's paragraph: the index of the amendment (of those
	 * given to redoc_compile) whose change it shows; -1: the draft's own */
	int source;
	/* the clause it shows: NEW's, else OLD's (deleted, moved from) */
	const struct clause *clause;
	enum section section;
	int level;		/* 0 top-level, 1 "(a)", 2 "(i)"... */
	struct rrun num[2];	/* the printed number: one run, or the old deleted and the new inserted */
	size_t nnum;
	struct rrun *runs;
	size_t nruns, cap;
};

struct rnote {
	enum rmark mark;	/* RM_INS: only NEW has it; RM_DEL: only OLD */
	int old_number, new_number;	/* 0 on the side that lacks it */
	struct rrun *runs;
	size_t nruns, cap;
};

struct redoc {
	const struct comparison *cmp;	/* NEW against OLD; a compilation's: the draft against itself */
	struct rpara *paras;
	size_t nparas, paras_cap;
	struct rnote *notes;
	size_t nnotes, notes_cap;
	/* what it owns for the runs to point into */
	char **strings;
	size_t nstrings, strings_cap;
	struct wscript *scripts;
	size_t nscripts, scripts_cap;
	struct redoc *parts;	/* a compilation's documents, one per amendment */
	size_t nparts;
};

void redoc_build(const struct comparison *c, struct redoc *out);
/*
 * A compilation: the draft (base compares it with itself) with each
 * amendment's change (amended[i] compares the draft with the text that
 * amendment makes) as its paragraphs' changes, marked with source i. A
 * clause two amendments change shows the first one's (the caller says the
 * others); paragraphs an amendment inserts follow the draft clause they
 * were inserted after, numbered as proposals are ("5 bis"); the draft's
 * own numbers stay. Accepting every change of one source alone gives the
 * draft with that amendment made (but for numbers); rejecting all, the
 * draft. The document borrows the comparisons.
 */
void redoc_compile(const struct comparison *base, const struct comparison *const *amended, size_t n,
		   struct redoc *out);
void redoc_release(struct redoc *d);
/* One side's text of a paragraph or note, as accepting (RM_INS) or
 * rejecting (RM_DEL) every change gives it: numbers, then runs joined;
 * footnote references as "[n]". 0 when the paragraph is not on that side. */
int redoc_para_side(const struct redoc *d, const struct rpara *p, enum rmark side, struct sbuf *out);
/* The date "2 December 2024" of an ISO date in the language (month names
 * capitalised in English); NULL for a malformed date. */
char *redoc_long_date(const struct lang *l, const char *iso);

#endif
