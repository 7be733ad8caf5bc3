/*
 * docxout: a redline as a Word document (DOCX) whose changes are real
 * tracked changes: a clean document set as the UN sets a resolution --
 * symbol, session, title, "The General Assembly,", preambular paragraphs
 * with their openers in italics, numbered operative paragraphs and their
 * (a) items, footnotes as Word footnotes, the plenary meeting line -- with
 * every inserted and deleted word, number and paragraph (its mark
 * included) a w:ins or w:del of the given author and date, so that Word's
 * "accept all" gives NEW and "reject all" gives OLD. Moved clauses are a
 * deletion where they stood and an insertion where they stand; each change
 * is named in a comment on its paragraph, and the summary in a comment on
 * the title. Paragraphs in a right-to-left script are marked so.
 *
 * The package is written with libzip, in memory; the XML by hand, every
 * text escaped (and control characters made visible: XML cannot hold
 * them).
 *
 * Ownership: borrows the document and options; appends the package's bytes
 * to out. Errors: -1 with err when libzip fails (memory); else 0.
 */
#ifndef REDLINE_DOCXOUT_H
#define REDLINE_DOCXOUT_H

#include "export.h"
#include "redoc.h"
#include "sbuf.h"
#include "util.h"

int docxout_redline(const struct redoc *d, const struct export_opts *o, struct sbuf *out, struct rl_error *err);

#endif
