/*
 * amend: the amendment model. An amendment proposes, against one draft
 * version of a series, to replace a clause, to delete clauses, or to insert
 * a new clause after one; it has sponsor delegations and a status that
 * changes by events (accept, reject, withdraw, reopen, cosponsor), each kept
 * with who made it and when. A paragraph's negotiation status in a draft
 * (pending, agreed, agreed ad ref) changes by events the same way.
 *
 * This module holds what the edges store and show, and the rules: the
 * record's text form (kept in git by amendments.h), the events' words, which
 * status changes are allowed, what a list of events comes to, and the draft's
 * text with an amendment made (renumbering the operative paragraphs after an
 * insertion or deletion, as a revision would).
 *
 * Ownership: a struct amendment and a struct amend_state own their strings
 * (amendment_release, amend_state_release). Errors: nothing printed; -1
 * with err filled.
 */
#ifndef REDLINE_AMEND_H
#define REDLINE_AMEND_H

#include <stddef.h>

#include "compare.h"
#include "model.h"
#include "sbuf.h"
#include "util.h"

/* words: in each clause named (or "title", "PP*" every preambular
 * paragraph, "OP*" every operative one), every "find" replaced by text
 * (empty: the words deleted); the form of the UN's own amendment documents
 * ("In operative paragraph 1, replace “Takes note” with “Welcomes”") */
enum amend_action { AMEND_REPLACE, AMEND_DELETE, AMEND_INSERT, AMEND_WORDS };
enum amend_status { AMEND_PROPOSED, AMEND_ACCEPTED, AMEND_REJECTED, AMEND_WITHDRAWN };
enum para_status { PARA_PENDING, PARA_AGREED, PARA_AGREED_AD_REF };

struct amendment {
	char *series;		/* the series' path */
	char *draft;		/* the draft version's commit (hex) */
	char *symbol;		/* the draft's symbol; NULL when it has none */
	enum amend_action action;
	/* replace: the clause; delete: the clauses; insert: the one it follows */
	char **clauses;
	size_t nclauses;
	char **sponsors;	/* those who proposed it */
	size_t nsponsors;
	char *rationale;	/* NULL: none given */
	/* replace, insert: the proposed text (an insertion may be several
	 * paragraphs, separated by a blank line); words: the new words ("" to
	 * delete); delete: NULL */
	char *text;
	char *find;		/* words: the words replaced; else NULL */
	char *document;		/* the UN amendment document it comes from ("A/80/L.28"); NULL: none */
	int part;		/* its instruction's number in that document; 0: none */
};

/* "replace", "delete", "insert"; the status words; the paragraph status
 * words ("agreed ad ref"). NULL for a value out of range. */
const char *amend_action_word(enum amend_action a);
const char *amend_status_word(enum amend_status s);
const char *para_status_word(enum para_status s);
/* From a word (case ignored; for paragraphs also "agreed-ad-ref", "ad ref"): 0, or -1. */
int amend_status_from_word(const char *w, enum amend_status *out);
int para_status_from_word(const char *w, enum para_status *out);

/* A sponsor's name or a rationale as a record can hold it: one line of
 * printable text, 1 to max bytes, no leading or trailing space. */
int amend_valid_name(const char *s, size_t max);
/* The longest of each, in bytes: a proposed text (a paragraph is a few
 * KB), a sponsor delegation's name, a rationale. */
#define AMEND_TEXT_MAX (1 << 20)
#define AMEND_SPONSOR_MAX 200
#define AMEND_RATIONALE_MAX 2000
/* The steps an amendment's words may take to be looked for in the clauses
 * it names (each place tried costs up to the words' length): past it, the
 * amendment is not applied, and said. Real amendments take thousands. */
#define AMEND_FIND_WORK 100000000u

/* The record's text form ("redline-amendment 1", fields, a blank line, the
 * text), and back: -1 when the text is not a well-formed record. */
void amend_record_write(const struct amendment *a, struct sbuf *out);
int amend_record_read(const char *text, size_t len, struct amendment *a, struct rl_error *err);
void amendment_release(struct amendment *a);

/*
 * Events, as their first line reads: "propose ..." (the record's first),
 * "accept", "reject", "withdraw", "reopen", "cosponsor NAME", "applied
 * COMMIT" (an accepted amendment made in a new version of the series,
 * the commit that version is); for a paragraph, its status word.
 */
enum amend_event_kind { AEV_PROPOSE, AEV_ACCEPT, AEV_REJECT, AEV_WITHDRAW, AEV_REOPEN, AEV_COSPONSOR, AEV_APPLIED };
struct amend_event {
	enum amend_event_kind kind;
	const char *arg;	/* cosponsor: the name; applied: the commit (into the message), else NULL */
	size_t arg_len;
};
const char *amend_event_word(enum amend_event_kind k);
/* -1 when the line is no event redline writes */
int amend_event_parse(const char *message, struct amend_event *ev);

/* What the events come to: the status, every sponsor in order, and the
 * version it was applied in. */
struct amend_state {
	enum amend_status status;
	char **sponsors;
	size_t nsponsors;
	char *applied;		/* the commit; NULL: not applied */
};
void amend_state_init(struct amend_state *st, const struct amendment *a);
void amend_state_release(struct amend_state *st);
/*
 * Whether the event may happen now: 0, or -1 with why ("it is accepted",
 * "Canada already sponsors it"). accept, reject and withdraw a proposed
 * amendment; reopen one that is not (and is not applied); cosponsor a
 * proposed one; apply an accepted one, once.
 */
int amend_event_allowed(const struct amend_state *st, const struct amend_event *ev, struct rl_error *why);
/* Apply an event: 0; -1 (nothing changed) when it is not allowed now, as
 * with two status changes made at once on two machines: the first counts. */
int amend_state_apply(struct amend_state *st, const struct amend_event *ev);

/* The clause of r with id (case ignored: "op5" is OP5), or NULL. */
const struct clause *amend_find_clause(const struct resolution *r, const char *id, size_t *index);

/*
 * An amendment made for one version (the old side of cmp) carried to another
 * (its new side), following its clauses through the alignment: 0 with out
 * a copy whose clauses are their new ids (OP11 may have become OP12); 1
 * when it no longer applies as it was written, with why ("OP11 was
 * modified", "PP3 was deleted"): a clause it replaces or deletes changed or
 * went, or the one it follows went. out is the caller's to release in both
 * cases (with 1, the clauses that are still there renamed: where to show
 * it for review). A clause whose text changed in
 * typography alone still takes it. With AMEND_FOLLOW_CHANGED, a changed
 * clause is followed as well: the instructions of one UN document name the
 * draft's paragraphs as they were, and may change one paragraph twice.
 */
#define AMEND_FOLLOW_CHANGED 1	/* follow changed clauses too: the changes are the same document's */
int amend_rebase(const struct amendment *a, const struct comparison *cmp, unsigned flags, struct amendment *out,
		 struct rl_error *why);

/*
 * A UN amendment document's instructions (amendoc.h) as amendments to the
 * draft it amends (draft, parsed from the version draft_commit of series):
 * out gets one per instruction, in order (part: the instruction's number).
 * An instruction that cannot be carried out as an amendment (it names a
 * paragraph the draft does not have, or a form not read yet) is left out
 * and said in problems ("6: why (the instruction)"), never guessed.
 */
struct amendoc;
void amend_from_document(const struct amendoc *doc, const struct resolution *draft, const char *series,
			 const char *draft_commit, struct amendment **out, size_t *n, struct sbuf *problems);

/*
 * The text of the draft (src, which r was parsed from) with the amendment
 * made: out gets the whole text. A replacement or insertion without a
 * number of its own takes the number of the clause it replaces or the next
 * one; after an operative paragraph is inserted or deleted, the operative
 * paragraphs after it are renumbered. Words are found across the line
 * breaks of the draft's text. -1 when a clause it names is not in the
 * draft, a replacement names several, or words to replace are in none of
 * the clauses named.
 */
int amend_apply_text(const char *src, size_t len, const struct resolution *r, const struct amendment *a,
		     struct sbuf *out, struct rl_error *err);

#endif
