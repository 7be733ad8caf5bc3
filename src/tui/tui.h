/*
 * tui: the full-screen terminal interface (ncursesw): the terminal session,
 * the stack of views, the input loop, search, the command prompt and the
 * status line. Views (view_*.c) never draw: each lays out its content as
 * lines of styled spans (render.h) and answers actions; this module draws
 * them, so every view gets the same cursor, scrolling, search highlighting,
 * width-correct cutting and monochrome fallbacks.
 *
 * Ownership: struct tui owns its views (closed with the view's free op) and
 * the configuration; it borrows the repository (struct tui_args).
 * Errors: tui_run returns an exit status; a fatal error restores the
 * terminal first and is then printed on stderr.
 */
#ifndef REDLINE_TUI_H
#define REDLINE_TUI_H

#include <stddef.h>

#include "config_ui.h"
#include "keys.h"
#include "render.h"
#include "sbuf.h"
#include "store.h"

struct source;
struct vindex;
struct tui;
struct view;

struct view_ops {
	const char *name;
	enum keymap_id keymap;
	/* lay the content out again for the current width and options */
	void (*layout)(struct view *v, struct tui *t);
	/* handle an action; 1 when handled, 0 to let the generic code try */
	int (*request)(struct view *v, struct tui *t, enum request r);
	/* one step of background work, while v->busy; clears v->busy when done */
	void (*idle)(struct view *v, struct tui *t);
	/* "OP6 of 28 · change 4/13 · 77/64 -> 79/53" */
	void (*status)(struct view *v, struct tui *t, struct sbuf *out);
	void (*title)(struct view *v, struct tui *t, struct sbuf *out);
	/* unfold what holds text a search found nowhere on the lines; 1 when it did */
	int (*reveal)(struct view *v, struct tui *t, const char *text);
	/* a ":" command ("OP5"); 1 when handled */
	int (*command)(struct view *v, struct tui *t, const char *cmd);
	void (*free)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	struct rdoc doc;
	size_t top;		/* first line shown */
	size_t cursor;		/* the selected line */
	int busy;		/* background work remains: idle is called between keys */
	void *priv;
};

/* What views may read and set. */
struct tui_state {
	int cols, rows;		/* the screen */
	int content_rows;	/* rows for the view's lines */
	int side_by_side, wrap, markers, utf8, color;
	unsigned compare_flags;	/* IGNORE_TYPOGRAPHY (t) */
};

const struct tui_state *tui_state(const struct tui *t);
/* The repository the interface browses (borrowed); NULL when it shows
 * two files compared outside any repository. */
struct store *tui_store(struct tui *t);
/* The version index of the store (vindex.h), or NULL. */
struct vindex *tui_index(struct tui *t);
const struct ui_config *tui_config(const struct tui *t);
const struct key_codes *tui_key_codes(const struct tui *t);
/* Options views change ("v", "t", "w", "M"), with a message. */
void tui_set_option(struct tui *t, enum request r);
/* 1 when v is the view on top (the one shown). */
int tui_is_top(const struct tui *t, const struct view *v);
/* Open a view on top (the tui owns it from now on). */
void tui_push(struct tui *t, struct view *v);
void tui_message(struct tui *t, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Move the cursor of v to line, scrolling so it shows. */
void tui_select(struct tui *t, struct view *v, size_t line);

/*
 * Ask for one line of text on the status line ("sponsor: "): done is
 * called with the answer when Enter ends it, on the view then on top, and
 * not at all when Esc cancels it (the status line then says "cancelled").
 */
typedef void tui_answer_fn(struct view *v, struct tui *t, const char *answer);
void tui_ask(struct tui *t, const char *question, tui_answer_fn *done);
/*
 * Hand the terminal to $VISUAL (else $EDITOR) on a file holding text,
 * then take it back: 0 with *out the edited text (the caller frees it); 1
 * when nothing came of it (left unchanged, the editor failed, not UTF-8
 * text), with why; -1 with why when it could not be run at all.
 */
int tui_edit(struct tui *t, const char *text, char **out, struct sbuf *why);

struct view *view_new(const struct view_ops *ops, void *priv);

/* What the interface opens on. */
struct tui_args {
	struct store *store;	/* borrowed; the views read versions from it; NULL
				 * when old and new are files outside a repository */
	struct vindex *index;	/* borrowed: the store's version index, or NULL */
	const char *path;	/* the series to open; NULL: the only one, or the list of series */
	/* two loaded versions to open the comparison of (redline OLD NEW):
	 * taken over, left empty; NULL: open on the repository */
	struct source *old, *new_;
};

/* Run the interface; returns the exit status (0, or 128 + a signal). */
int tui_run(const struct tui_args *a);

#endif
