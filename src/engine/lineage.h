/*
 * lineage: every clause of a series through its versions. The alignments
 * of consecutive versions chained: each clause of each version knows the
 * clause(s) of the version before that it came from (none: inserted; two:
 * a merge) and the clause(s) of the next it went on as (none: deleted;
 * two: a split), so that it carries an identity through renumbering,
 * moves, splits and merges; and, derived along the chain, where it first
 * appeared, the last version that changed its words, the last that changed
 * its opener's strength, and how many versions changed it.
 *
 * A step is given as links (struct lin_link, one per clause of the newer
 * version), made from a comparison by lineage_links or read back from a
 * cache, so a series is not compared again to be traced.
 *
 * Ownership: struct lineage owns its arrays (lineage_release). It keeps no
 * pointer into the comparisons or resolutions it was given.
 * Errors: none (allocation aborts).
 */
#ifndef REDLINE_LINEAGE_H
#define REDLINE_LINEAGE_H

#include <stddef.h>

#include "compare.h"
#include "verbs.h"

/* How a clause came into its version from the one before. */
struct lin_link {
	long parent[2];		/* clause indexes in the version before; -1 */
	int nparents;		/* 0: inserted (or the first version's) */
	enum change_kind kind;	/* UNCHANGED, MODIFIED, INSERTED, SPLIT, MERGED */
	int moved, renumbered;
	int verb_changed;
	enum verb_shift shift;
	int typo_only;		/* its words changed in typography only */
};

struct lin_clause {
	struct lin_link in;	/* how it came in */
	/* derived */
	size_t origin;		/* the version it first appeared in */
	size_t origin_clause;	/* its index there */
	long words;		/* the last version whose step changed its words; -1: none since its origin */
	long verb;		/* the last version whose step changed its opener; -1: none */
	enum verb_shift verb_shift;	/* that change's direction */
	size_t churn;		/* the versions whose step changed its words or opener */
	/* how it went on in the next version: UNCHANGED or MODIFIED (one
	 * heir), DELETED (none), SPLIT (two heirs), MERGED (one heir it
	 * shares with another clause); UNCHANGED in the last version */
	enum change_kind fate;
	long heir[2];
	int nheirs;
};

struct lin_version {
	struct lin_clause *c;
	size_t n;
};

struct lineage {
	struct lin_version *v;	/* oldest first */
	size_t n, cap;
};

void lineage_init(struct lineage *l);
void lineage_release(struct lineage *l);
/* The links of a comparison's newer version (n = its clause count). */
void lineage_links(const struct comparison *c, struct lin_link *out, size_t n);
/* Add the next version: n clauses, each with its link (NULL for the first
 * version: every clause is new there). */
void lineage_add(struct lineage *l, const struct lin_link *links, size_t n);
/*
 * A clause's line back to its origin: path[v] is its index in version v
 * (through first parents), -1 before its origin; path has l->n entries,
 * and only 0..version are written.
 */
void lineage_path(const struct lineage *l, size_t version, size_t clause, long *path);
/* A step changed the clause: its words (not typography only), or its opener. */
int lineage_changed(const struct lin_link *in);

/*
 * The map of a series: a row per clause of the last version (in its
 * order), then one per clause deleted along the way (by the version it was
 * deleted in), a column per version, each cell what that version did to the
 * row's clause.
 */
enum lin_cell {
	CELL_ABSENT,	/* not there yet, or gone */
	CELL_NEW,	/* first appeared */
	CELL_SAME,	/* unchanged (renumbered or moved perhaps) */
	CELL_WORDS,	/* its words changed */
	CELL_STRONGER,	/* its opener got stronger */
	CELL_WEAKER,	/* its opener got weaker */
	CELL_DELETED	/* deleted in this version */
};

struct lin_row {
	size_t version, clause;	/* the clause the row is: in the last version, or the last it was in */
	int deleted;		/* deleted in version + 1 */
	unsigned char *cells;	/* enum lin_cell per version */
	size_t churn;
};

struct lin_map {
	struct lin_row *rows;
	size_t n, nversions;
};

void lineage_map(const struct lineage *l, struct lin_map *out);
void lin_map_release(struct lin_map *m);
/* What a step did to a clause, as a cell (the link's version is not its origin). */
enum lin_cell lineage_cell(const struct lin_link *in);

#endif
