/*
 * svgout: the map of a series (engine/lineage.h) as one standalone SVG
 * picture: a row per clause, a column per version, each cell coloured by
 * what that version did to the clause (and marked with the map's own
 * character, so it reads in grey too), the churn at the end of each row, a
 * legend under the grid.
 *
 * Ownership: borrows; appends to out. Errors: none (every label escaped).
 */
#ifndef REDLINE_SVGOUT_H
#define REDLINE_SVGOUT_H

#include "lineage.h"
#include "sbuf.h"

void svgout_map(const struct lin_map *m, const char *const *version_labels, const char *const *row_labels,
		const char *title, struct sbuf *out);

#endif
