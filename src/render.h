/*
 * render: a comparison laid out as lines of styled spans for a given width,
 * the way the terminal interface shows it: a header line per changed clause
 * ("OP5 -> OP6  renumbered, modified, verb stronger (Encourages -> Urges)"),
 * the clause text wrapped to the width with inserted and deleted words as
 * their own spans, unchanged clauses folded into one line unless expanded,
 * footnote changes at the end. Unified or side by side.
 *
 * No curses here: the lines are plain data, so they are unit-tested, and
 * any front end (terminal, text, HTML) can draw them.
 *
 * Ownership: the document owns its lines, texts and spans; rdoc_release
 * frees them. It borrows nothing after render_diff returns.
 * Errors: none (allocation aborts).
 *
 * Text: every line's text is already sanitised (utf8_sanitize: control
 * characters visible) and fits the width in display cells (utf8_width),
 * cut only between characters.
 */
#ifndef REDLINE_RENDER_H
#define REDLINE_RENDER_H

#include <stddef.h>

#include "compare.h"
#include "sbuf.h"

enum role {
	ROLE_PLAIN,
	ROLE_HEADER,	/* a clause header's ids */
	ROLE_KIND,	/* "modified", "inserted", ... in a header */
	ROLE_INS,	/* inserted words, inserted clause */
	ROLE_DEL,	/* deleted words, deleted clause */
	ROLE_MOVED,	/* "moved" in a header */
	ROLE_RENUM,	/* "renumbered" in a header */
	ROLE_UP,	/* verb stronger, hedge removed */
	ROLE_DOWN,	/* verb weaker, hedge added */
	ROLE_FOLD,	/* a folded run of unchanged clauses */
	ROLE_DIM,	/* separators, footnote numbers */
	ROLE_COUNT
};

enum rline_kind {
	RL_HEADER,	/* first line of a change */
	RL_TEXT,	/* clause text */
	RL_FOLD,	/* "... PP3-PP8 unchanged (6 clauses)" */
	RL_BLANK,
	RL_FOOTNOTE_HEADER,
	RL_FOOTNOTE_TEXT
};

struct span {
	enum role role;
	size_t off, len;	/* bytes of the line's text */
};

/*
 * A column of a line's text, for reading it as text rather than as screen
 * lines (search): the bytes a..b, and whether they go on from the same
 * column of the line before (a wrapped paragraph; joined with one space).
 */
struct rcol {
	size_t a, b;
	int cont;
};

struct rline {
	enum rline_kind kind;
	char *text;
	struct span *spans;	/* cover the text in order, no gaps */
	size_t nspans;
	long change;		/* index into comparison.changes, or -1 */
	long footnote;		/* index into comparison.footnotes, or -1 */
	size_t width;		/* display cells of text */
	/* the text's columns: one (unified), two (side by side); 0: the
	 * whole text is one column that goes on from nothing */
	struct rcol col[2];
	int ncols;
};

struct rdoc {
	struct rline *v;
	size_t n, cap;
};

/* A width at or above this means: do not wrap. */
#define RENDER_NO_WRAP (1 << 20)

struct render_opts {
	int width;		/* columns available, >= 20; RENDER_NO_WRAP or more: no wrapping */
	int side_by_side;	/* two columns, old left and new right */
	int markers;		/* also write [-...-] and {+...+} around edits */
	int context;		/* unchanged clauses shown around each change; -1 all */
	const unsigned char *expanded;	/* per change: 1 = show even if unchanged; may be NULL */
	int ascii;		/* no line-drawing characters (non-UTF-8 locale) */
};

void rdoc_init(struct rdoc *d);
void rdoc_release(struct rdoc *d);
void render_diff(const struct comparison *c, const struct render_opts *o, struct rdoc *out);
/*
 * The same lines, handed to emit a few at a time (a change's, a fold's,
 * the footnotes') and kept by nobody, so that writing out a long
 * comparison never holds all of its layout: lines is valid during the
 * call only.
 */
typedef void render_emit_fn(const struct rdoc *lines, void *arg);
void render_diff_each(const struct comparison *c, const struct render_opts *o, render_emit_fn *emit, void *arg);
/*
 * One change in full, for the clause view: its header, the clause as it
 * was (deletions marked) and as it is (insertions marked), each under a
 * label such as "As it was in 77/64: OP12", then the footnotes each side
 * refers to, with their text.
 */
void render_clause(const struct comparison *c, size_t change, const struct render_opts *o,
		   const char *old_label, const char *new_label, struct rdoc *out);
/* The header text of a change without styling, as in the text output. */
void render_change_title(const struct comparison *c, const struct change *ch, struct sbuf *out);

#endif
