#include "config.h"
#include "keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name, *help;
	enum guard guard;
} requests[] = {
	{ "none", "", GUARD_NONE },
#define REQ_ROW(id, guard, name, help) { name, help, guard },
	REQ_INFO(REQ_ROW)
#undef REQ_ROW
};

static const char *const keymap_names[] = {
#define KM_ROW(id, name) name,
	KEYMAP_INFO(KM_ROW)
#undef KM_ROW
};

const char *
request_name(enum request r)
{
	return r < REQ_COUNT ? requests[r].name : "none";
}

const char *
request_help(enum request r)
{
	return r < REQ_COUNT ? requests[r].help : "";
}

enum guard
request_guard(enum request r)
{
	return r < REQ_COUNT ? requests[r].guard : GUARD_NONE;
}

enum request
request_by_name(const char *name)
{
	size_t i;

	for (i = 1; i < REQ_COUNT; i++)
		if (strcmp(requests[i].name, name) == 0)
			return (enum request)i;
	return REQ_NONE;
}

const char *
keymap_name(enum keymap_id m)
{
	return m < KEYMAP_COUNT ? keymap_names[m] : "generic";
}

static int
keymap_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < KEYMAP_COUNT; i++)
		if (strcmp(keymap_names[i], name) == 0)
			return (int)i;
	return -1;
}

/* Named keys, beside single characters and C-x. */
static int
named_key(const struct key_codes *c, const char *name)
{
	const struct {
		const char *name;
		int code;
	} names[] = {
		{ "Up", c->up }, { "Down", c->down }, { "Left", c->left }, { "Right", c->right },
		{ "PgUp", c->ppage }, { "PgDn", c->npage }, { "Home", c->home }, { "End", c->end },
		{ "Enter", '\n' }, { "Return", '\r' }, { "KEnter", c->enter }, { "Space", ' ' },
		{ "Tab", '\t' }, { "Esc", 27 }, { "Backspace", c->backspace },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (strcmp(names[i].name, name) == 0)
			return names[i].code;
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		int n = atoi(name + 1);
		if (n >= 1 && n <= 12)
			return c->f1 + n - 1;
	}
	if (name[0] == 'C' && name[1] == '-' && name[2] && !name[3]) {
		char ch = name[2];
		if (ch >= 'a' && ch <= 'z')
			return ch - 'a' + 1;
		if (ch >= 'A' && ch <= 'Z')
			return ch - 'A' + 1;
	}
	if (name[0] && !name[1])
		return (unsigned char)name[0];
	return -1;
}

void
key_label(const struct key_codes *c, int key, char *out, size_t n)
{
	static const char *const fixed[] = { "Up", "Down", "Left", "Right", "PgUp", "PgDn", "Home", "End" };
	const int codes[] = { c->up, c->down, c->left, c->right, c->ppage, c->npage, c->home, c->end };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fixed); i++) {
		if (key == codes[i]) {
			snprintf(out, n, "%s", fixed[i]);
			return;
		}
	}
	if (key == '\n' || key == '\r' || key == c->enter)
		snprintf(out, n, "Enter");
	else if (key == ' ')
		snprintf(out, n, "Space");
	else if (key == 27)
		snprintf(out, n, "Esc");
	else if (key >= c->f1 && key < c->f1 + 12)
		snprintf(out, n, "F%d", key - c->f1 + 1);
	else if (key > 0 && key < 27)
		snprintf(out, n, "C-%c", 'a' + key - 1);
	else if (key > 32 && key < 127)
		snprintf(out, n, "%c", key);
	else
		snprintf(out, n, "#%d", key);
}

static void
add_binding(struct keymap *km, enum keymap_id map, int key, enum request req)
{
	GROW(km->v, km->cap, km->n + 1);
	km->v[km->n].map = map;
	km->v[km->n].key = key;
	km->v[km->n].req = req;
	km->n++;
}

void
keymap_init_defaults(struct keymap *km, const struct key_codes *c)
{
	/* tig, less and vi habits */
	const struct {
		int key;
		enum request req;
	} defs[] = {
		{ c->up, REQ_MOVE_UP }, { 'k', REQ_MOVE_UP },
		{ c->down, REQ_MOVE_DOWN }, { 'j', REQ_MOVE_DOWN },
		{ c->ppage, REQ_PAGE_UP }, { 'b', REQ_PAGE_UP },
		{ c->npage, REQ_PAGE_DOWN }, { ' ', REQ_PAGE_DOWN },
		{ 6, REQ_PAGE_DOWN }, { 2, REQ_PAGE_UP },		/* C-f C-b */
		{ 4, REQ_HALF_PAGE_DOWN }, { 21, REQ_HALF_PAGE_UP },	/* C-d C-u */
		{ 'g', REQ_FIRST }, { c->home, REQ_FIRST },
		{ c->left, REQ_SCROLL_LEFT }, { c->right, REQ_SCROLL_RIGHT },
		{ 'G', REQ_LAST }, { c->end, REQ_LAST },
		{ '\n', REQ_ENTER }, { '\r', REQ_ENTER }, { c->enter, REQ_ENTER },
		{ 'q', REQ_VIEW_CLOSE }, { 'Q', REQ_QUIT },
		{ 'n', REQ_NEXT }, { 'N', REQ_PREVIOUS },
		{ '/', REQ_SEARCH }, { '?', REQ_SEARCH_BACK }, { ':', REQ_PROMPT },
		{ 'v', REQ_TOGGLE_LAYOUT }, { 't', REQ_TOGGLE_TYPO }, { 'w', REQ_TOGGLE_WRAP },
		{ 'M', REQ_TOGGLE_MARKERS }, { 'm', REQ_MARK }, { 'L', REQ_HISTORY }, { 'A', REQ_AMENDMENTS },
		{ 'B', REQ_BLAME }, { 'P', REQ_MAP }, { 'U', REQ_AGREED },
		{ 'h', REQ_HELP }, { c->f1, REQ_HELP }, { 12, REQ_REDRAW },
	};
	/*
	 * The amendment keys are letters the other views leave free, bound in
	 * the views they act in only, so that a stray 'a' in a diff does
	 * nothing rather than accept something
	 */
	const struct {
		enum keymap_id map;
		int key;
		enum request req;
	} own[] = {
		{ KEYMAP_CLAUSE, 'e', REQ_AMEND_PROPOSE }, { KEYMAP_DIFF, 'W', REQ_EXPORT },
		{ KEYMAP_AMEND, 'a', REQ_AMEND_ACCEPT }, { KEYMAP_AMEND, 'r', REQ_AMEND_REJECT },
		{ KEYMAP_AMEND, 'x', REQ_AMEND_WITHDRAW }, { KEYMAP_AMEND, 'o', REQ_AMEND_REOPEN },
		{ KEYMAP_AMEND, 's', REQ_PARA_STATUS }, { KEYMAP_AMEND, 'e', REQ_AMEND_PROPOSE },
		/* the map's cursor moves on a grid: h and l as vi has them (F1 is help there) */
		{ KEYMAP_MAP, 'h', REQ_SCROLL_LEFT }, { KEYMAP_MAP, 'l', REQ_SCROLL_RIGHT },
	};
	size_t i;

	memset(km, 0, sizeof(*km));
	for (i = 0; i < ARRAY_SIZE(defs); i++)
		add_binding(km, KEYMAP_GENERIC, defs[i].key, defs[i].req);
	for (i = 0; i < ARRAY_SIZE(own); i++)
		add_binding(km, own[i].map, own[i].key, own[i].req);
}

void
keymap_release(struct keymap *km)
{
	free(km->v);
	memset(km, 0, sizeof(*km));
}

int
keymap_bind(struct keymap *km, const struct key_codes *codes, const char *map, const char *key,
	    const char *action, struct rl_error *err)
{
	int m = keymap_by_name(map), k = named_key(codes, key);
	enum request r = request_by_name(action);

	if (m < 0)
		return rl_fail(err, "unknown view '%s' (generic, series, versions, diff, clause, help, amend, blame, history, map, agreed)", map);
	if (k < 0)
		return rl_fail(err, "unknown key '%s'", key);
	if (r == REQ_NONE && strcmp(action, "none") != 0)
		return rl_fail(err, "unknown action '%s'", action);
	add_binding(km, (enum keymap_id)m, k, r);
	return 0;
}

enum request
keymap_lookup(const struct keymap *km, enum keymap_id map, int key)
{
	size_t i;

	/* the latest binding wins; the view's own before the generic one */
	for (i = km->n; i-- > 0;)
		if (km->v[i].map == map && km->v[i].key == key)
			return km->v[i].req;
	for (i = km->n; i-- > 0;)
		if (km->v[i].map == KEYMAP_GENERIC && km->v[i].key == key)
			return km->v[i].req;
	return REQ_NONE;
}
