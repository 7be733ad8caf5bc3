/*
 * mdout: a comparison as Markdown for pasting: each changed clause under a
 * heading line as the text output writes it, deleted words ~~struck~~ and
 * inserted ones **bold**, unchanged clauses folded into one line, changed
 * footnotes at the end; every character Markdown would read as markup in
 * the documents' own text escaped.
 *
 * Ownership: borrows; appends to out. Errors: none.
 */
#ifndef REDLINE_MDOUT_H
#define REDLINE_MDOUT_H

#include "export.h"
#include "sbuf.h"

void mdout_comparison(const struct comparison *c, const struct export_opts *o, struct sbuf *out);

#endif
