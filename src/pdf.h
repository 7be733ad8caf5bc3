/*
 * pdf: the PDF reader, an edge that turns a PDF into redline's normal form,
 * the text the parser reads best and `import` stores:
 *
 *   - UTF-8, LF line ends, no tabs or form feeds;
 *   - the header (everything above the enacting formula) as printed lines
 *     in reading order, a wrapped line joined, blocks apart by blank lines;
 *   - then each paragraph on one line, paragraphs apart by one blank line,
 *     a paragraph cut by a page break or a footnote block joined again;
 *   - footnote markers as Unicode superscript digits glued to the text;
 *   - the closing lines as printed; then every footnote on one line
 *     ("¹ See A/79/211."), collected from the footnote area of each page;
 *   - no page furniture (running headers, page and job numbers, barcodes).
 *
 * Everything is decided from the glyphs poppler reports (their boxes and
 * font sizes), never guessed from the words: a marker is a run of digits
 * set clearly smaller than its line and raised above its baseline; a
 * paragraph starts where the line pitch opens or the first line is
 * indented; furniture is what sits in the page's top band in small type or
 * in its bottom band apart from the text. Only this module includes
 * poppler (tests/layering/check.sh holds every other file to it), and it
 * loads the library (dlopen) the first time a PDF is read, so that runs
 * that read none neither map nor need it.
 *
 * Poppler's global state is not documented as thread-safe, so reads are
 * serialised by a lock here; two PDFs of one comparison are read in turn.
 *
 * Ownership: inputs are borrowed; the text is appended to a caller-owned
 * sbuf. Errors: pdf_read and pdf_read_mem return 0, or -1 with err filled
 * with one line naming the file ("cannot read PDF 'X': it is encrypted");
 * nothing is printed, and poppler's own messages are kept quiet.
 */
#ifndef REDLINE_PDF_H
#define REDLINE_PDF_H

#include <stddef.h>

#include "sbuf.h"
#include "util.h"

/* 1 when buf starts with the PDF magic "%PDF-". */
int pdf_is_pdf(const char *buf, size_t len);
/* 1 when the name ends in ".pdf" (any case): such a file must be a PDF. */
int pdf_named(const char *name);

/* Read the PDF at path (or standard input for "-") into the normal form. */
int pdf_read(const char *path, struct sbuf *out, struct rl_error *err);
/* The same from bytes in memory; name is only for messages. */
int pdf_read_mem(const char *buf, size_t len, const char *name, struct sbuf *out, struct rl_error *err);

/* The SHA-256 of the bytes, 64 lower-case hex digits and a NUL (GLib's,
 * so "" when the library cannot be loaded, which reading a PDF rules out). */
void pdf_sha256(const char *buf, size_t len, char hex[65]);

#endif
