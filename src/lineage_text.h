/*
 * lineage_text: the wording of blame, history and map (series.h,
 * engine/lineage.h), shared by the command line (cmd_lineage.c) and the
 * interface (tui/view_blame.c, view_history.c, view_map.c), so both say
 * the same facts the same way: "since 72/36 (as OP14)  words 77/64  verb
 * 75/59 (Encourages -> Urges)", "renumbered, modified, verb stronger (A ->
 * B)", the map's characters and legend.
 *
 * Plain functions that append raw text (clause ids, labels and openers as
 * the documents have them) to an sbuf: a terminal sanitises what it shows.
 *
 * Ownership: everything is borrowed from the series; nothing is kept.
 * Errors: none (allocation aborts). Clause indexes out of range are
 * written as "?" rather than read.
 */
#ifndef REDLINE_LINEAGE_TEXT_H
#define REDLINE_LINEAGE_TEXT_H

#include <stddef.h>

#include "lineage.h"
#include "sbuf.h"
#include "series.h"
#include "wdiff.h"

/* Clause i of version v, or NULL when there is none. */
const struct clause *lineage_text_clause(const struct series *s, size_t v, long i);

/* The openers of the step into version v of its clause i: the parent's
 * and its own ("?" where there is none), borrowed from the series. */
void lineage_text_openers(const struct series *s, size_t v, long i, const char **from, const char **to);

/* Where the parts of a blame line start (byte offsets into what was
 * appended), for a reader that styles them; a part not written is 0. */
struct lin_blame_parts {
	size_t since, as, words, verb, end;
};

/*
 * Clause i of version v as blame shows it: "OP17  since 71/72 (as OP13)
 * words 73/67  verb 75/59 (Encourages -> Urges)", the id padded to width
 * cells. path is scratch of s->n entries. parts may be NULL.
 */
void lineage_text_blame(const struct series *s, size_t v, size_t i, int width, long *path, struct sbuf *out,
			struct lin_blame_parts *parts);

/* What the step into version v did to its clause i: "inserted", "in the
 * first version", "renumbered, modified, verb stronger (A -> B)". */
void lineage_text_step(const struct series *s, size_t v, long i, struct sbuf *out);

/* How clause i left after version v ("deleted in 77/64", "merged into
 * OP5 in ...", "split into OP5 and OP6 in ..."): out's text, or NULL when
 * it went on as one clause (or v is the last version). */
const char *lineage_text_fate(const struct series *s, size_t v, long i, struct sbuf *out);

/*
 * The line of clause ci of version at through the series: path[v] its
 * index in version v, -1 where it was not (before its origin); back
 * through first parents, and on after at through its heir while it goes on
 * as one clause. Returns the last version it was followed into; path has
 * s->n entries.
 */
size_t lineage_text_line(const struct series *s, size_t at, size_t ci, long *path);

/* The words of the step into version v of its clause i (from nothing at
 * its origin). The script borrows the series' texts. */
void lineage_text_wdiff(const struct series *s, size_t v, long i, struct wscript *ws);

/* The map: a cell's character (". + = ~ ^ v x"), its name in JSON
 * ("absent", "inserted", ...), the legend line. */
char lineage_text_cell_char(enum lin_cell c);
const char *lineage_text_cell_name(enum lin_cell c);
const char *lineage_text_legend(void);
/* A row's label: "OP13", or for a clause deleted along the way "OP23 of
 * 73/67". */
void lineage_text_row_label(const struct series *s, const struct lin_row *r, struct sbuf *out);

/*
 * What a cell of the map is, for a status line: "OP13 in A/C.1/79/L.43
 * (as OP12): opener stronger (Encourages -> Urges)". path is the row's
 * line (lineage_path of its version and clause).
 */
void lineage_text_cell(const struct series *s, const struct lin_row *r, const long *path, size_t v,
		       struct sbuf *out);

#endif
