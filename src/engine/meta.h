/*
 * meta: the metadata in a resolution's header (symbol, title, session,
 * agenda item, adoption date, committee report; a draft's kind, sponsors
 * and distribution date) and dates in the words of
 * each language ("2 December 2024", "2 décembre 2024", "2 de diciembre de
 * 2024").
 *
 * Ownership: lines are borrowed; strings put into the metadata are owned
 * by it (model.h); meta_parse_date returns a string the caller frees.
 * Errors: none: what the header does not say stays NULL.
 */
#ifndef REDLINE_META_H
#define REDLINE_META_H

#include <stddef.h>

#include "lang.h"
#include "model.h"

struct text_line {
	const char *s;
	size_t len;	/* 0: a blank line */
};

/* An ISO date from a date in words, or NULL. */
char *meta_parse_date(const struct lang *l, const char *s, size_t len);
/* Fill what the header lines (those above the enacting formula) say. */
void meta_read_header(struct resolution_meta *m, const struct lang *l, const struct text_line *lines, size_t n);
/*
 * Fill what a whole text's header says, and the star note below it that
 * says on whose behalf a draft's sponsors table it. The header is lines
 * [0, header), those above the enacting formula of language l. With l NULL
 * (a text without a formula: an amendment, a decision) the header is found
 * here, and only in a text that opens as a UN document does.
 */
void meta_read(struct resolution_meta *m, const struct lang *l, const struct text_line *lines, size_t n,
	       size_t header);

#endif
