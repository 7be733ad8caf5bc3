/*
 * plainfn: repair footnotes in text extracted from a PDF by pdftotext, where
 * the superscript markers became plain digits ("recipients, 1 which",
 * "Peace17 that") and the footnotes at the bottom of each page lost their
 * numbers or had them scrambled onto lines of their own.
 *
 * The repair rewrites such text into the form the parser reads everywhere
 * else: markers as Unicode superscripts, and each footnote as a line of its
 * own that starts with its superscript number. Markers are found in reading
 * order, each the next number of the sequence (UN footnotes are numbered in
 * order of appearance); the footnotes printed at the bottom of a page are
 * the ones its body referred to, in ascending order.
 *
 * Ownership: borrows the lines; the result is a new buffer the caller frees.
 * Errors: none; text it cannot repair is returned unchanged, with a count of
 * the pages whose footnotes could not be matched.
 */
#ifndef REDLINE_PLAINFN_H
#define REDLINE_PLAINFN_H

#include <stddef.h>

#include "lang.h"
#include "sbuf.h"

struct plainfn_line {
	const char *s;		/* trimmed line */
	size_t len;
	int page_break;		/* a form feed: the page ends here */
};

struct plainfn_input {
	const struct plainfn_line *lines;
	size_t nlines;
	size_t body;		/* index of the first line after the enacting formula */
	const struct lang *lang;
	const char *symbol;	/* for running headers; may be NULL */
	const char *title;	/* a running header may be the title alone; may be NULL */
};

/*
 * Write the repaired text to out (one line per input line, some removed or
 * rewritten). Returns the number of footnotes placed; *unmatched_pages
 * counts pages whose bottom could not be matched to their markers.
 */
size_t plainfn_repair(const struct plainfn_input *in, struct sbuf *out, size_t *unmatched_pages);

/*
 * Mark the lines of the body that print the running title (mark[i] = 1;
 * mark has in->nlines bytes): the whole title over consecutive lines, or
 * a line's worth of its start or end, beside other page furniture or a
 * page break. plainfn_repair leaves them out; a text it does not repair
 * (no footnotes) needs them marked all the same.
 */
void plainfn_mark_titles(const struct plainfn_input *in, char *mark);
#endif
