/*
 * repair: the text repairs made before structure is looked for: input
 * checked and normalised (UTF-8, BOM, line ends, form feeds, tabs), page
 * furniture recognised, lines joined with their end-of-line hyphens judged
 * against the document's own spelling, footnote markers and emphasis taken
 * out of clause text.
 *
 * Ownership: inputs are borrowed; outputs go to caller-owned buffers
 * (repair_normalise allocates *out, freed by the caller, and
 * repair_normalise_take may hand back the caller's own buffer; repair_hyphens
 * owns its array, freed by repair_hyphens_release).
 * Errors: repair_normalise returns -1 with err filled ("'NAME':LINE: ...")
 * for input that is not UTF-8 text; the rest cannot fail.
 */
#ifndef REDLINE_REPAIR_H
#define REDLINE_REPAIR_H

#include <stddef.h>
#include <stdint.h>

#include "sbuf.h"
#include "util.h"

/* The value of a superscript digit (¹ ² ³ ⁴...), or -1. */
int repair_superscript_value(uint32_t cp);
/* Bytes of the run of superscript digits at s, its value in *value. */
size_t repair_superscript_run(const char *s, size_t len, int *value);
/* Append the number in superscript digits ("12" as U+00B9 U+00B2). */
void repair_add_superscript(struct sbuf *out, int number);

int repair_normalise(const char *in, size_t len, const char *name, char **out, struct rl_error *err);
/* The same, taking *in (len + 1 bytes from malloc, as the readers leave
 * a text: NUL-terminated) and setting it NULL: it becomes *out when it can
 * be rewritten where it is, and is freed otherwise. */
int repair_normalise_take(char **in, size_t len, const char *name, char **out, struct rl_error *err);

/* 1 when the (trimmed) line is page furniture: job numbers, page numbers,
 * barcodes, "Please recycle", a running header with symbol. */
int repair_is_furniture(const char *line, size_t len, const char *symbol);
/* 1 when the (trimmed) line is the rule printed above a page's footnotes
 * ("__________________"); such a line is furniture too. */
int repair_is_rule(const char *line, size_t len);

/* The words a text spells with a hyphen, to judge end-of-line hyphens. */
struct repair_hyphens {
	unsigned long long *v;	/* sorted hashes, lower case */
	size_t n;
};
void repair_hyphens_collect(struct repair_hyphens *h, const char *text);
void repair_hyphens_release(struct repair_hyphens *h);
/* Join a line to a paragraph (a space, or a line-end hyphen resolved). */
void repair_join_line(const struct repair_hyphens *h, struct sbuf *para, const char *s, size_t len);
/* The same for a paragraph para[0..*plen) written into the text its lines
 * are read from, ahead of them: s (the line, left as garbage) starts at
 * least one byte (a line end) past the paragraph's end, so the paragraph
 * and its NUL fit where the line was. */
void repair_join_line_in_place(const struct repair_hyphens *h, char *para, size_t *plen, const char *s,
			       size_t len);
int repair_starts_lower(const char *s, size_t len);

/*
 * Remove footnote markers (collecting their numbers into refs/nrefs, owned
 * by the caller) and emphasis asterisks, and collapse spaces.
 */
void repair_clean_inline(const char *s, size_t len, struct sbuf *out, int **refs, size_t *nrefs);
/* The same written to dst, which may be s or lie before it (never after):
 * the text never grows. Returns its length; dst is NUL-terminated there.
 * at (NULL: not wanted) gets, parallel to refs, the byte offset in dst
 * where each marker stood. */
size_t repair_clean_inline_to(const char *s, size_t len, char *dst, int **refs, size_t **at, size_t *nrefs);

#endif
