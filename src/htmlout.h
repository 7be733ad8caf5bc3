/*
 * htmlout: a redline as one standalone web page: inline CSS, no script, no
 * network; a summary table of the changes linking to clause anchors
 * (#OP5), <ins> and <del> inside each clause, moved and renumbered clauses
 * labelled, opener shifts flagged, footnotes, and a print stylesheet
 * (insertions bold and underlined, deletions struck through) so that
 * printing to PDF gives a redline to circulate.
 *
 * Ownership: borrows the document and options; appends to out.
 * Errors: none (everything from the documents is escaped).
 */
#ifndef REDLINE_HTMLOUT_H
#define REDLINE_HTMLOUT_H

#include "export.h"
#include "redoc.h"
#include "sbuf.h"

void htmlout_redline(const struct redoc *d, const struct export_opts *o, struct sbuf *out);

#endif
