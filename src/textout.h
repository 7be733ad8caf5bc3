/*
 * textout: write parse and diff results as text for people: clause headers
 * such as "OP5 -> OP6  renumbered, modified, verb stronger (Encourages ->
 * Urges)", words marked with colour on a terminal or with [-...-] and
 * {+...+} otherwise, unchanged clauses folded.
 *
 * Ownership: borrows everything; writes to the caller's FILE.
 * Document text is always passed through utf8_sanitize first, so control
 * characters and escape sequences from a document never reach a terminal.
 * Errors: returns -1 when the stream reports a write error.
 */
#ifndef REDLINE_TEXTOUT_H
#define REDLINE_TEXTOUT_H

#include <stdio.h>

#include "compare.h"
#include "model.h"
#include "sbuf.h"

struct textout_opts {
	int color;		/* SGR colours instead of markers */
	int width;		/* wrap clause text at this many columns; 0: no wrap */
	int context;		/* unchanged clauses shown around each change; -1: all */
	int stat_only;		/* the summary alone */
	/* how each side is named, as source_describe() writes it (already
	 * sanitised): "A/RES/79/53 (A-RES-79-53.txt)"; NULL: the symbol */
	const char *old_label, *new_label;
};

int textout_parse(FILE *f, const struct resolution *r, const char *name, const struct textout_opts *o);
int textout_diff(FILE *f, const struct comparison *c, const struct textout_opts *o);
/* "+2 PP  ~5 OP  -1 OP  12 renumbered  2 verbs stronger": the one-line summary. */
void textout_summary_line(struct sbuf *out, const struct comparison *c);

#endif
