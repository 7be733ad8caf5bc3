/*
 * views: the constructors of the interface's views, one file each
 * (view_*.c). Each returns a view for tui_push, which owns it from then
 * on; a view that cannot load what it shows still opens, with the reason
 * on the status line.
 */
#ifndef REDLINE_VIEWS_H
#define REDLINE_VIEWS_H

#include "compare.h"
#include "source.h"
#include "tui.h"

struct series;

/* The series of the repository. */
struct view *view_series_new(struct tui *t);
/* The versions of one series, newest first. */
struct view *view_versions_new(struct tui *t, const char *path);
/* Two loaded versions compared; the view takes both sources over (they
 * are left empty). error: why either failed to load (copied; NULL: both
 * loaded), which the view shows in place of the comparison. */
struct view *view_diff_new(struct tui *t, struct source *old, struct source *new_, const char *error);
/* The same, the versions named by the labels given (NULL: as usual), for
 * a side that is no version of the repository (a draft with an amendment
 * made). */
struct view *view_diff_new_labelled(struct tui *t, struct source *old, struct source *new_, const char *error,
				    const char *old_label, const char *new_label);
/*
 * Two versions of a series in the repository compared, as the versions
 * view opens them, then the prompt's jump run in it ("OP5", "old OP12":
 * the clause put under the cursor), NULL for none; a failure to load goes
 * to the status line.
 */
void view_diff_open(struct tui *t, const char *path, const char *old_commit, const char *new_commit,
		    const char *jump);
/* One change of a comparison in full; the comparison and both versions
 * are borrowed from the diff view below it, which outlives it. */
struct view *view_clause_new(struct tui *t, const struct comparison *c, size_t change, const char *old_label,
			     const char *new_label, const struct source *older, const struct source *newer);
/*
 * The lineage views (series.h, lineage_text.h). Each loads the series of
 * path from the repository when it opens (synchronously), or borrows one
 * already loaded by the view below it, which outlives it (the _of
 * constructors). A series that cannot be loaded opens the view with the
 * reason on the status line.
 *
 * Blame: every clause of the version at commit with where it came from;
 * Enter opens a clause's history.
 */
struct view *view_blame_new(struct tui *t, const char *path, const char *commit);
struct view *view_blame_of(struct tui *t, const struct series *s, size_t version);
/* History: one clause (by its id in the version at commit) through the
 * versions, each step with its word diff; n and N go from step to step. */
struct view *view_history_new(struct tui *t, const char *path, const char *commit, const char *clause);
struct view *view_history_of(struct tui *t, const struct series *s, size_t version, size_t clause);
/* Map: every clause through every version, a cell each, with a cursor on
 * a cell; Enter opens the comparison of that cell's step. */
struct view *view_map_new(struct tui *t, const char *path);
struct view *view_map_of(struct tui *t, const struct series *s);
/* The amendments to one version of a series (path at commit: the draft),
 * under its clauses, each with its negotiation status. */
struct view *view_amend_new(struct tui *t, const char *path, const char *commit);
/* Propose a replacement of a clause of the draft: its text in the
 * editor, then the sponsor asked for on the status line, then written;
 * the outcome goes to the status line (the amendments view on top loads
 * again). */
void amend_propose_start(struct tui *t, const char *path, const char *commit, const char *clause);
/*
 * Agreed language: the texts of the repository's versions that hold the
 * wording of a clause (clause of the version label; text: its text), best
 * first, with where each was first adopted, recurred and was drafted;
 * Enter opens the comparison of an occurrence's version. path and commit
 * name the version in the repository, whose own clause is then left out,
 * or are NULL (a text outside it). The index is read, or made, when the
 * view opens (synchronously); one that cannot be opens the view with the
 * reason on the status line.
 */
struct view *view_agreed_new(struct tui *t, const char *path, const char *commit, const char *label,
			     const char *clause, const char *text);
struct view *view_help_new(struct tui *t);

#endif
