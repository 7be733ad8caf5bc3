/*
 * fuzzlib: what the fuzz targets share: inputs cut into parts, and the
 * checkers that hold the writers' output to its format -- strict JSON
 * (RFC 8259; the project has no JSON reader of its own), well-formed XML
 * (expat), and well-formed HTML by a small checker of our own (html5lib is
 * not available in C). A failed check prints why and aborts, so libFuzzer
 * and the replay both report it as a crash.
 *
 * Ownership: everything is borrowed; parts point into the input.
 */
#ifndef REDLINE_FUZZLIB_H
#define REDLINE_FUZZLIB_H

#include <stddef.h>
#include <stdint.h>

struct fz_part {
	const char *s;
	size_t len;
};

/* The input cut at 0xFF bytes (never in UTF-8): up to max parts, the last
 * taking the rest; returns how many (at least 1). */
size_t fz_split(const uint8_t *d, size_t n, struct fz_part *parts, size_t max);

struct resolution;
/* A small resolution (two PP, a footnote, three OP, a sub-paragraph): the
 * other side of a comparison when the input gives one only. */
extern const char fz_base_text[];
extern const size_t fz_base_len;
/* Parse a part (initialising r): 0, or -1 when it is not text. */
int fz_parse(const struct fz_part *p, const char *name, struct resolution *r);

/* Print "fuzz: what" with the output's start and abort. */
void fz_fail(const char *what, const char *out, size_t len) __attribute__((noreturn));

/* NULL when s is one valid JSON text (UTF-8, nothing after it but white
 * space), else what is wrong. */
const char *fz_json_check(const char *s, size_t n);

/* NULL when s is well-formed XML with no DOCTYPE, else expat's message. */
const char *fz_xml_check(const char *s, size_t n);

/*
 * NULL when s is a well-formed HTML page as htmlout writes it, else what
 * is wrong: valid UTF-8 without a raw control character (but LF and TAB);
 * one doctype, then <html> ... </html>; every element but the void ones
 * closed, in order; attributes quoted, with no raw '<' or '"' in a value;
 * every '&' an entity; no '<' in text that does not start a tag; no
 * script; no block element inside a <p>, no <a> inside an <a>.
 */
const char *fz_html_check(const char *s, size_t n);

/* NULL when s is valid UTF-8 with no control character but the ones in
 * keep ("\n", "\n\t"...). */
const char *fz_text_check(const char *s, size_t n, const char *keep);

#endif
