/*
 * docx: the Word reader, an edge that turns a DOCX (Office Open XML
 * WordprocessingML, ECMA-376) into redline's normal form, the text the
 * parser reads best and `import` stores:
 *
 *   - UTF-8, LF line ends, no tabs and no control characters;
 *   - every paragraph of the body on one line, paragraphs apart by one
 *     blank line, in document order (table cells and text boxes too); the
 *     header paragraphs above the enacting formula and the closing lines
 *     are paragraphs like the others; empty paragraphs are left out;
 *   - the labels Word computes from its list numbering ("12. ", "(a) ")
 *     written at the start of their paragraphs, as Word displays them;
 *   - footnote markers as Unicode superscript digits glued to the
 *     character before them, numbered in order of first reference; then,
 *     after the body, every footnote on one line ("¹ See A/79/211.");
 *   - tracked changes read as if all were accepted, or with `original` as
 *     if all were rejected; field codes give their displayed result;
 *     formatting (bold, italics, colour) never becomes text; page headers
 *     and footers are not read.
 *
 * The package is read in memory through libzip and its XML parts through
 * expat; only this module includes either (tests/layering/check.sh holds
 * every other file to it). Hostile input costs bounded time and memory:
 * the number of entries, the expanded size of each part, the nesting of
 * elements and the size of the list tables are limited, and a part that
 * declares a DTD is refused, so no entity is ever expanded or fetched
 * (expat fetches no external entity unless asked; this module never asks).
 *
 * Ownership: inputs are borrowed; the text is appended to a caller-owned
 * sbuf. Errors: docx_read and docx_read_mem return 0, or -1 with err
 * filled with one line naming the file and what is wrong ("'x.docx': not
 * a Word document (no word/document.xml)"); nothing is printed.
 * Thread safety: no shared state; two documents may be read at once.
 */
#ifndef REDLINE_DOCX_H
#define REDLINE_DOCX_H

#include <stddef.h>

#include "sbuf.h"
#include "util.h"

/* 1 when buf is a ZIP archive whose first entry or central directory
 * names word/document.xml: a Word document, and not merely a ZIP (an
 * .xlsx or an .odt is one too). */
int docx_is_docx(const char *buf, size_t len);
/* 1 when buf starts like a ZIP archive (a local header, or the end record
 * of an empty one): the reader says what it is if not a Word document. */
int docx_is_zip(const char *buf, size_t len);
/* 1 when the name ends in ".docx" or ".docm" (any case): such a file
 * must be a Word document. */
int docx_named(const char *name);

/* Read the document at path (or standard input for "-") into the normal
 * form; original: tracked changes rejected instead of accepted. */
int docx_read(const char *path, int original, struct sbuf *out, struct rl_error *err);
/* The same from bytes in memory; name is only for messages. */
int docx_read_mem(const char *buf, size_t len, const char *name, int original, struct sbuf *out,
		  struct rl_error *err);

#endif
