/*
 * styled: a view's lines built a piece at a time, each piece in a role
 * (render.h), then pushed onto its document, cut into lines of a width at
 * spaces (the lineage views: blame, history, map). Every piece of text
 * that comes from a document is sanitised on the way in (utf8_sanitize),
 * so a view cannot forget to.
 *
 * Ownership: struct styled owns its text and spans until pushed; the
 * document then owns the lines made of them (styled_push resets st).
 * Errors: none (allocation aborts).
 */
#ifndef REDLINE_STYLED_H
#define REDLINE_STYLED_H

#include <stddef.h>

#include "render.h"
#include "wdiff.h"
#include "sbuf.h"

struct styled {
	struct sbuf text;
	struct span *spans;
	size_t n, cap;
};

void styled_init(struct styled *st);
void styled_release(struct styled *st);
/* Append n bytes of s in role, sanitised. */
void styled_add(struct styled *st, int role, const char *s, size_t n);
void styled_adds(struct styled *st, int role, const char *s);
/* The display cells of what is there so far. */
size_t styled_width(const struct styled *st);
/*
 * One edit of a word diff in its role (ROLE_INS, ROLE_DEL; ROLE_PLAIN: no
 * edit), as the diff view shows one (render.c): with markers, [-...-] and
 * {+...+} go around the words, not the spaces at either end; an edit of
 * punctuation alone is marked even in colour, where a comma would be one
 * coloured cell easily missed.
 */
void styled_add_edit(struct styled *st, enum role role, const char *s, size_t n, int markers);
/* A word script's ops, each an edit as above (a space between a deletion
 * and the insertion after it in colour, where they would read as one word). */
void styled_add_script(struct styled *st, const struct wscript *ws, int markers);
/*
 * Push st onto d as one line (width <= 0), or as lines of at most width
 * cells broken at spaces, the second and later indented by indent cells
 * (a word longer than a line is cut). Every line gets kind and change;
 * footnote is -1. st is left empty.
 */
void styled_push(struct styled *st, struct rdoc *d, enum rline_kind kind, long change, int width, size_t indent);

#endif
