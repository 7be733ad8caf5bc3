/*
 * keys: the actions of the terminal interface (one X-macro: the enum, the
 * names a configuration file binds, the help screen and what restricted
 * mode makes of each (restrict.h's enum guard: an action that writes the
 * repository or a file, or runs an editor, is refused whatever key it is
 * bound to) all come from it) and the key bindings, per view with a
 * generic fallback.
 *
 * Ownership: struct keymap owns its bindings; keymap_release frees them.
 * Key codes are ncurses key codes (KEY_UP, ...) or characters, but this
 * module does not include curses.h: the few codes it names are passed in by
 * the caller through keymap_init_defaults.
 * Errors: keymap_bind returns -1 with err filled for an unknown key or
 * action name.
 */
#ifndef REDLINE_KEYS_H
#define REDLINE_KEYS_H

#include <stddef.h>

#include "restrict.h"
#include "util.h"

#define REQ_INFO(_) \
	_(MOVE_UP, GUARD_NONE, "move-up", "Move up one line") \
	_(MOVE_DOWN, GUARD_NONE, "move-down", "Move down one line") \
	_(PAGE_UP, GUARD_NONE, "page-up", "Move up one page") \
	_(PAGE_DOWN, GUARD_NONE, "page-down", "Move down one page") \
	_(HALF_PAGE_UP, GUARD_NONE, "half-page-up", "Move up half a page") \
	_(HALF_PAGE_DOWN, GUARD_NONE, "half-page-down", "Move down half a page") \
	_(FIRST, GUARD_NONE, "first", "Go to the first line") \
	_(SCROLL_LEFT, GUARD_NONE, "scroll-left", "Scroll left, when long lines are cut (in the map: the cell to the left)") \
	_(SCROLL_RIGHT, GUARD_NONE, "scroll-right", "Scroll right, when long lines are cut (in the map: the cell to the right)") \
	_(LAST, GUARD_NONE, "last", "Go to the last line") \
	_(ENTER, GUARD_NONE, "enter", "Open the selected line (a fold expands)") \
	_(VIEW_CLOSE, GUARD_NONE, "view-close", "Close this view") \
	_(QUIT, GUARD_NONE, "quit", "Quit redline") \
	_(NEXT, GUARD_NONE, "next", "Next change (clause, then footnote), or next match after a search") \
	_(PREVIOUS, GUARD_NONE, "previous", "Previous change, or previous match") \
	_(SEARCH, GUARD_NONE, "search", "Search forward") \
	_(SEARCH_BACK, GUARD_NONE, "search-back", "Search backward") \
	_(PROMPT, GUARD_NONE, "prompt", "Command prompt: :OP5 (:5), :PP12, :old OP12 jump to a clause; :q quits") \
	_(TOGGLE_LAYOUT, GUARD_NONE, "toggle-layout", "Unified or side-by-side diff") \
	_(TOGGLE_TYPO, GUARD_NONE, "toggle-typography", "Ignore typography on or off") \
	_(TOGGLE_WRAP, GUARD_NONE, "toggle-wrap", "Wrap or truncate long lines") \
	_(TOGGLE_MARKERS, GUARD_NONE, "toggle-markers", "Show [-deleted-] {+inserted+} markers") \
	_(MARK, GUARD_NONE, "mark", "Mark a version to compare with another") \
	_(HISTORY, GUARD_NONE, "history", "History of the selected clause through the versions, step by step") \
	_(BLAME, GUARD_NONE, "blame", "Blame: where each clause of the selected version came from (in a diff: the newer one)") \
	_(MAP, GUARD_NONE, "map", "Map of the series: every clause through every version, a cell each") \
	_(AGREED, GUARD_NONE, "agreed", "Agreed language: where the selected clause's wording was adopted before (in a diff: the newer one's)") \
	_(AMENDMENTS, GUARD_NONE, "amendments", "Amendments to the selected version (in a diff: to the newer one)") \
	_(AMEND_ACCEPT, GUARD_WRITES_REPO, "amend-accept", "Accept the selected amendment") \
	_(AMEND_REJECT, GUARD_WRITES_REPO, "amend-reject", "Reject the selected amendment") \
	_(AMEND_WITHDRAW, GUARD_WRITES_REPO, "amend-withdraw", "Withdraw the selected amendment") \
	_(AMEND_REOPEN, GUARD_WRITES_REPO, "amend-reopen", "Reopen the selected amendment (proposed again)") \
	_(PARA_STATUS, GUARD_WRITES_REPO, "para-status", "Next status of the selected paragraph: pending, agreed, agreed ad ref") \
	_(AMEND_PROPOSE, GUARD_RUNS_EDITOR, "amend-propose", "Propose a replacement of the clause, written in $VISUAL or $EDITOR") \
	_(EXPORT, GUARD_WRITES_FILE, "export", "Write the comparison to circulate: Word with tracked changes, web page, Markdown or text") \
	_(HELP, GUARD_NONE, "help", "Show the key bindings") \
	_(REDRAW, GUARD_NONE, "redraw", "Redraw the screen")

enum request {
	REQ_NONE = 0,
#define REQ_ENUM(id, guard, name, help) REQ_##id,
	REQ_INFO(REQ_ENUM)
#undef REQ_ENUM
	REQ_COUNT
};

/* Views that can have their own bindings; generic is the fallback. */
#define KEYMAP_INFO(_) _(GENERIC, "generic") _(SERIES, "series") _(VERSIONS, "versions") \
	_(DIFF, "diff") _(CLAUSE, "clause") _(HELP, "help") _(AMEND, "amend") _(BLAME, "blame") \
	_(HISTORY, "history") _(MAP, "map") _(AGREED, "agreed")

enum keymap_id {
#define KM_ENUM(id, name) KEYMAP_##id,
	KEYMAP_INFO(KM_ENUM)
#undef KM_ENUM
	KEYMAP_COUNT
};

struct binding {
	enum keymap_id map;
	int key;
	enum request req;
};

struct keymap {
	struct binding *v;
	size_t n, cap;
};

/* The key codes the defaults use, from curses. */
struct key_codes {
	int up, down, left, right, ppage, npage, home, end, enter, f1, resize, backspace;
};

const char *request_name(enum request r);
const char *request_help(enum request r);
/* What restricted mode makes of r (its REQ_INFO row). */
enum guard request_guard(enum request r);
enum request request_by_name(const char *name);
const char *keymap_name(enum keymap_id m);

void keymap_init_defaults(struct keymap *km, const struct key_codes *codes);
void keymap_release(struct keymap *km);
/* Bind a key (by name: "j", "Up", "PgDn", "Space", "Enter", "F1", "C-l",
 * "<") to an action in a view; a later binding of the same key wins. */
int keymap_bind(struct keymap *km, const struct key_codes *codes, const char *map, const char *key,
		const char *action, struct rl_error *err);
enum request keymap_lookup(const struct keymap *km, enum keymap_id map, int key);
/* The key name for a code: "j", "Up", "C-l". */
void key_label(const struct key_codes *codes, int key, char *out, size_t n);

#endif
