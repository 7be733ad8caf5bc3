/*
 * parse: turn the text of a resolution (UTF-8, as typed or as extracted from
 * a PDF) into the model: repair the extraction artifacts, then find the
 * structure through the per-language table in lang.h.
 *
 * Ownership: the input is borrowed; out must be initialised by the caller
 * and receives owned data (release it with resolution_release even on error).
 * Errors: returns 0, or -1 with err filled ("'NAME':LINE: what is wrong")
 * for input that cannot be text: invalid UTF-8 or NUL bytes. Text that is
 * not a resolution is not an error: it parses into plain paragraphs and a
 * warning is added to out->warnings.
 */
#ifndef REDLINE_PARSE_H
#define REDLINE_PARSE_H

#include <stddef.h>

#include "lang.h"
#include "model.h"
#include "repair.h"
#include "sbuf.h"
#include "util.h"

int parse_resolution(const char *buf, size_t len, const char *name,
		     struct resolution *out, struct rl_error *err);

/* 1 when a line begins a clause: "12. ", "(a) ", or a preambular opener. */
int parse_line_starts_clause(const struct lang *lang, const char *s, size_t len);
/* 1 when a line begins with a paragraph number: "12. ", "(a) ", "a) ". */
int parse_line_numbered(const char *s, size_t len);
/* Length in bytes of the opener at the start of text (0 when none). */
size_t parse_opener_length(const char *text, size_t len, const struct lang *lang);

#endif
