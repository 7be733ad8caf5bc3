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

#include "model.h"
#include "util.h"

int parse_resolution(const char *buf, size_t len, const char *name,
		     struct resolution *out, struct rl_error *err);
/* The same, taking *buf (len + 1 bytes from malloc, NUL-terminated) and
 * setting it NULL: the parser normalises it where it is, or frees it once
 * it has its own copy, so a large text is not held twice while it is
 * parsed. */
int parse_resolution_take(char **buf, size_t len, const char *name,
			  struct resolution *out, struct rl_error *err);

#endif
