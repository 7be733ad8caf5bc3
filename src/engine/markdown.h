/*
 * markdown: the form text extractors write as Markdown (railcar's, among
 * others): a YAML front matter block at the very start ("---", "key: value"
 * lines, "---"), then the document as paragraphs separated by blank lines,
 * often hard-wrapped, page furniture left inline; footnote references as
 * Markdown's "[^8]" or as plain digits glued to a word ("1979,1"); the
 * footnotes as definitions ("[^8]: text", continued on the lines after it)
 * below a "---" break, or, in earlier versions, as "8 text" paragraphs
 * where each page ended.
 *
 * markdown_rewrite turns such a text into the paged form that plainfn
 * reads: the front matter blanked, references as Unicode superscripts,
 * every group of footnotes below a rule ("__________") and followed by a
 * page break, each definition labelled by its number in superscript. The
 * lines keep the input's numbering (a page break is no line of the input;
 * a rule takes the place of the "---" or blank line before its notes when
 * there is one).
 *
 * Ownership: borrows the input; out is the caller's and is only written
 * when the form is recognised. Errors: none; text without front matter is
 * not this form and is left alone.
 */
#ifndef REDLINE_MARKDOWN_H
#define REDLINE_MARKDOWN_H

#include <stddef.h>

#include "sbuf.h"

enum markdown_form {
	MD_NONE,	/* no front matter: not this form */
	MD_PAGED,	/* front matter over text still in pages (a footnote rule) */
	MD_CLEAN	/* front matter over paragraphs and Markdown footnotes */
};

struct markdown_info {
	enum markdown_form form;
	size_t areas;		/* groups of footnotes found (MD_CLEAN) */
	size_t references;	/* "[^N]" references made superscripts */
	int blank_separated;	/* blank lines separate the paragraphs, so a
				 * line's end inside a block is only a wrap */
};

/* Bytes of the front matter block at the start of s (through the newline
 * of its closing "---"), or 0 when s does not start with one. */
size_t markdown_front_matter(const char *s, size_t len);

/* Rewrite the normalised text in[0..len) (LF line ends) into out; returns
 * the form found (MD_NONE: out untouched). */
enum markdown_form markdown_rewrite(const char *in, size_t len, struct sbuf *out, struct markdown_info *info);

#endif
