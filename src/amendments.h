/*
 * amendments: amendments and paragraph statuses kept in the repository,
 * as record chains of the store (store.h) under refs of redline's own:
 *
 *   refs/redline/amendments/ID        one chain per amendment: its first
 *                                     commit holds the record (amend.h)
 *                                     in a file "amendment"; ID is that
 *                                     commit's id; later commits are events
 *   refs/redline/status/DRAFT/CLAUSE  one chain per paragraph of a draft
 *                                     (DRAFT: the version's commit id),
 *                                     each commit a status word
 *
 * One reference per amendment and per paragraph, so that proposals made
 * anywhere never touch the same reference, and git push and fetch of
 * refs/redline/ and all below share them; each event moves its reference by compare-
 * and-swap from the tip it was decided on.
 *
 * Ownership: entries own their strings (amend_entry_release,
 * amend_entries_free). Errors: nothing printed; -1 with err.
 */
#ifndef REDLINE_AMENDMENTS_H
#define REDLINE_AMENDMENTS_H

#include "amend.h"
#include "store.h"

#define AMEND_REF_PREFIX "refs/redline/amendments/"
#define STATUS_REF_PREFIX "refs/redline/status/"

struct amend_entry {
	char id[STORE_OID_HEX];
	char tip[STORE_OID_HEX];	/* the chain's last commit */
	struct amendment a;
	struct amend_state st;
	struct store_event *events;	/* oldest first; the first proposed it */
	size_t nevents;
	int *ignored;			/* per event: 1 when it changed nothing (made at once with another) */
};

/* Propose: 0 with id; 1 when the very same proposal exists (id names it). */
int amend_store_propose(struct store *s, const struct amendment *a, const struct store_who *who,
			char id[STORE_OID_HEX], struct rl_error *err);
/* The amendment whose id starts with prefix (4 to 40 hex digits): 0; -1
 * when none or several (err says which). */
int amend_store_resolve(struct store *s, const char *prefix, char id[STORE_OID_HEX], struct rl_error *err);
int amend_store_load(struct store *s, const char *id, struct amend_entry *e, struct rl_error *err);
void amend_entry_release(struct amend_entry *e);
/* Every amendment that can be read, oldest proposal first (a document's
 * in its order); -1 only when the references cannot be listed. */
int amend_store_list(struct store *s, struct amend_entry **out, size_t *n, struct rl_error *err);
/* The same, saying how many could not be read (a damaged record, a
 * reference not named by an id) and why the first could not. */
int amend_store_list_checked(struct store *s, struct amend_entry **out, size_t *n, size_t *unreadable,
			     struct rl_error *why, struct rl_error *err);
void amend_entries_free(struct amend_entry *e, size_t n);
/*
 * An event on the amendment e was loaded as: checked against its state
 * (-1 with err saying why not), then written if its chain has not moved:
 * 0, or 1 when it has (someone changed it meanwhile: nothing written).
 */
int amend_store_event(struct store *s, const struct amend_entry *e, const struct amend_event *ev,
		      const struct store_who *who, struct rl_error *err);

/*
 * Amendments carried to one draft: the version commit of path, whose text
 * (raw) and parse (res) the caller keeps until amend_placing_free. An
 * amendment written for another version is followed through the alignment
 * of that version with this one (amend_rebase) and tried on this text.
 */
struct amend_placing;
struct amend_placing *amend_placing_new(struct store *s, const char *path, const char *commit, const char *raw,
					size_t raw_len, const struct resolution *res);
/* 0 with out (a copy, its clauses as this draft numbers them); 1 when it
 * needs review (why says what changed; out is where it would be); -1 when
 * the version it was written for cannot be read (why says so, out unset).
 * out is the caller's to release unless -1. */
int amend_place(struct amend_placing *p, const struct amendment *a, struct amendment *out, struct rl_error *why);
void amend_placing_free(struct amend_placing *p);

/* A paragraph's status in a draft, with its events. */
struct para_entry {
	char clause[32];
	char tip[STORE_OID_HEX];
	enum para_status status;
	struct store_event *events;
	size_t nevents;
};
/* 0; 1 when it has none yet (pending, no events). */
int para_store_load(struct store *s, const char *draft, const char *clause, struct para_entry *p, struct rl_error *err);
/* Every paragraph of the draft that has a status, by clause. */
int para_store_list(struct store *s, const char *draft, struct para_entry **out, size_t *n, struct rl_error *err);
void para_entries_free(struct para_entry *p, size_t n);
/* Set it, from the state p was loaded in: 0; 1 when it moved meanwhile. */
int para_store_set(struct store *s, const char *draft, const struct para_entry *p, enum para_status to,
		   const struct store_who *who, struct rl_error *err);

#endif
