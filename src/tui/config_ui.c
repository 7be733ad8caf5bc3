#include "config.h"
#include "config_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "restrict.h"
#include "sbuf.h"

static const char *const role_names[UI_ROLE_COUNT] = {
	"plain", "header", "kind", "insert", "delete", "moved", "renumbered", "stronger",
	"weaker", "fold", "dim", "cursor", "title", "status", "search", "mark", "error"
};

/* fg, bg, attrs with colour, attrs without: every role readable in both */
static const struct color_def default_colors[UI_ROLE_COUNT] = {
	[ROLE_PLAIN] = { -1, -1, 0, 0 },
	[ROLE_HEADER] = { -1, -1, CATTR_BOLD, CATTR_BOLD },
	[ROLE_KIND] = { 3, -1, 0, 0 },
	[ROLE_INS] = { 2, -1, CATTR_BOLD, CATTR_UNDERLINE | CATTR_BOLD },
	[ROLE_DEL] = { 1, -1, 0, CATTR_REVERSE },
	[ROLE_MOVED] = { 6, -1, CATTR_BOLD, CATTR_BOLD },
	[ROLE_RENUM] = { 5, -1, 0, 0 },
	[ROLE_UP] = { 2, -1, CATTR_BOLD, CATTR_BOLD },
	[ROLE_DOWN] = { 1, -1, CATTR_BOLD, CATTR_BOLD | CATTR_UNDERLINE },
	[ROLE_FOLD] = { 4, -1, 0, 0 },
	[ROLE_DIM] = { 4, -1, 0, 0 },
	[UI_CURSOR] = { -1, -1, CATTR_REVERSE, CATTR_REVERSE },
	[UI_TITLE] = { 7, 4, CATTR_BOLD, CATTR_REVERSE },
	[UI_STATUS] = { -1, -1, 0, 0 },
	[UI_SEARCH] = { 0, 3, 0, CATTR_STANDOUT | CATTR_UNDERLINE },
	[UI_MARK] = { 3, -1, CATTR_BOLD, CATTR_BOLD },
	[UI_ERROR] = { 1, -1, CATTR_BOLD, CATTR_BOLD },
};

/*
 * The palettes: the colours of the roles that carry a difference. Red and
 * green are what most people read as deleted and inserted; one person in
 * twelve among men cannot tell them apart, and blue against orange reads
 * for nearly everyone (Okabe and Ito's colour-blind safe pairs).
 */
static const struct {
	const char *name;
	int ins, del;
} palettes[] = {
	{ "default", 2, 1 },
	{ "colorblind", 27, 208 },
};

static int
set_palette(struct ui_config *c, const char *name, struct rl_error *err)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(palettes); i++) {
		if (strcmp(palettes[i].name, name) != 0)
			continue;
		c->colors[ROLE_INS].fg = palettes[i].ins;
		c->colors[ROLE_UP].fg = palettes[i].ins;
		c->colors[ROLE_DEL].fg = palettes[i].del;
		c->colors[ROLE_DOWN].fg = palettes[i].del;
		return 0;
	}
	return rl_fail(err, "palette is default or colorblind, not '%s'", name);
}

int
ui_color_basic(int color)
{
	int r, g, b, hi, lo;

	if (color < 8)
		return color;
	if (color < 16)
		return color - 8;
	if (color >= 232)
		return color >= 244 ? 7 : 0;
	color -= 16;
	r = color / 36;
	g = color / 6 % 6;
	b = color % 6;
	hi = r > g ? (r > b ? r : b) : (g > b ? g : b);
	lo = r < g ? (r < b ? r : b) : (g < b ? g : b);
	/* greys of the cube */
	if (hi - lo <= 1)
		return hi >= 3 ? 7 : 0;
	/* green counts from a lower level, so orange (5,2,0) is yellow, not red */
	return (r >= 3) | (g >= 2) << 1 | (b >= 3) << 2;
}

const char *
ui_role_name(int role)
{
	return role >= 0 && role < UI_ROLE_COUNT ? role_names[role] : "plain";
}

static int
role_by_name(const char *name)
{
	int i;

	for (i = 0; i < UI_ROLE_COUNT; i++)
		if (strcmp(role_names[i], name) == 0)
			return i;
	return -1;
}

static int
color_by_name(const char *name, int *out)
{
	static const char *const names[] = { "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white" };
	size_t i;
	char *end;
	long v;

	if (strcmp(name, "default") == 0) {
		*out = -1;
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (strcmp(names[i], name) == 0) {
			*out = (int)i;
			return 0;
		}
	}
	v = strtol(name, &end, 10);
	if (*name && !*end && v >= 0 && v <= 255) {
		*out = (int)v;
		return 0;
	}
	return -1;
}

static int
attr_by_name(const char *name, unsigned *out)
{
	static const struct {
		const char *name;
		unsigned flag;
	} names[] = { { "bold", CATTR_BOLD }, { "underline", CATTR_UNDERLINE }, { "reverse", CATTR_REVERSE },
		      { "standout", CATTR_STANDOUT }, { "dim", CATTR_DIM }, { "italic", CATTR_ITALIC },
		      { "normal", 0 } };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (strcmp(names[i].name, name) == 0) {
			*out |= names[i].flag;
			return 0;
		}
	}
	return -1;
}

void
ui_config_init(struct ui_config *c, const struct key_codes *codes)
{
	memset(c, 0, sizeof(*c));
	keymap_init_defaults(&c->keys, codes);
	memcpy(c->colors, default_colors, sizeof(c->colors));
	c->wrap = 1;
	c->markers = -1;
}

void
ui_config_release(struct ui_config *c)
{
	keymap_release(&c->keys);
}

static int
yes_no(const char *v, int *out)
{
	if (strcmp(v, "yes") == 0 || strcmp(v, "on") == 0 || strcmp(v, "true") == 0)
		*out = 1;
	else if (strcmp(v, "no") == 0 || strcmp(v, "off") == 0 || strcmp(v, "false") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}

static int
set_option(struct ui_config *c, char **w, int n, struct rl_error *err)
{
	/* the commands' pager, read by the command line (src/rcfile.c): its
	 * value is the rest of the line, spaces and all */
	if (n >= 2 && strcmp(w[1], "pager") == 0)
		return 0;
	/* the system file's, read before anything (src/restrict.c) */
	if (n == 3 && strcmp(w[1], "restricted") == 0)
		return 0;
	if (n != 3)
		return rl_fail(err, "set takes an option and a value");
	if (strcmp(w[1], "layout") == 0) {
		if (strcmp(w[2], "unified") == 0)
			c->side_by_side = 0;
		else if (strcmp(w[2], "side-by-side") == 0)
			c->side_by_side = 1;
		else
			return rl_fail(err, "layout is unified or side-by-side, not '%s'", w[2]);
		return 0;
	}
	if (strcmp(w[1], "wrap") == 0)
		return yes_no(w[2], &c->wrap) < 0 ? rl_fail(err, "wrap is yes or no, not '%s'", w[2]) : 0;
	if (strcmp(w[1], "palette") == 0)
		return set_palette(c, w[2], err);
	if (strcmp(w[1], "markers") == 0) {
		if (strcmp(w[2], "auto") == 0) {
			c->markers = -1;
			return 0;
		}
		return yes_no(w[2], &c->markers) < 0 ? rl_fail(err, "markers is yes, no or auto, not '%s'", w[2]) : 0;
	}
	return rl_fail(err, "unknown option '%s' (layout, wrap, markers, palette, pager, restricted)", w[1]);
}

static int
color_line(struct ui_config *c, char **w, int n, struct rl_error *err)
{
	int role, fg, bg, i;
	unsigned attrs = 0;

	if (n < 4)
		return rl_fail(err, "color takes a role, a foreground and a background");
	if ((role = role_by_name(w[1])) < 0)
		return rl_fail(err, "unknown role '%s'", w[1]);
	if (color_by_name(w[2], &fg) < 0 || color_by_name(w[3], &bg) < 0)
		return rl_fail(err, "unknown colour in '%s %s'", w[2], w[3]);
	for (i = 4; i < n; i++)
		if (attr_by_name(w[i], &attrs) < 0)
			return rl_fail(err, "unknown attribute '%s'", w[i]);
	c->colors[role].fg = fg;
	c->colors[role].bg = bg;
	c->colors[role].attrs = attrs;
	return 0;
}

static int
mono_line(struct ui_config *c, char **w, int n, struct rl_error *err)
{
	int role, i;
	unsigned attrs = 0;

	if (n < 2)
		return rl_fail(err, "mono takes a role and attributes");
	if ((role = role_by_name(w[1])) < 0)
		return rl_fail(err, "unknown role '%s'", w[1]);
	for (i = 2; i < n; i++)
		if (attr_by_name(w[i], &attrs) < 0)
			return rl_fail(err, "unknown attribute '%s'", w[i]);
	c->colors[role].mono = attrs;
	return 0;
}

static int
one_line(struct ui_config *c, const struct key_codes *codes, char *line, struct rl_error *err)
{
	char *w[16], *save = NULL, *tok;
	int n = 0;

	for (tok = strtok_r(line, " \t", &save); tok && n < 16; tok = strtok_r(NULL, " \t", &save))
		w[n++] = tok;
	if (n == 0 || w[0][0] == '#')
		return 0;
	if (strcmp(w[0], "bind") == 0) {
		if (n != 4)
			return rl_fail(err, "bind takes a view, a key and an action");
		return keymap_bind(&c->keys, codes, w[1], w[2], w[3], err);
	}
	if (strcmp(w[0], "color") == 0 || strcmp(w[0], "colour") == 0)
		return color_line(c, w, n, err);
	if (strcmp(w[0], "mono") == 0)
		return mono_line(c, w, n, err);
	if (strcmp(w[0], "set") == 0)
		return set_option(c, w, n, err);
	return rl_fail(err, "unknown command '%s' (bind, color, mono, set)", w[0]);
}

int
ui_config_parse(struct ui_config *c, const struct key_codes *codes, const char *text, const char *name,
		struct rl_error *err)
{
	const char *p = text;
	int lineno = 0, bad = 0;
	struct rl_error e;

	while (*p) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);

		lineno++;
		if (strchr(line, '\r'))
			*strchr(line, '\r') = '\0';
		if (one_line(c, codes, line, &e) < 0) {
			if (bad++ == 0)
				rl_fail(err, "%s:%d: %s", name, lineno, e.msg);
		}
		free(line);
		p += n;
		if (*p)
			p++;
	}
	return bad;
}

int
ui_config_load(struct ui_config *c, const struct key_codes *codes, struct rl_error *err)
{
	char *path, *text = NULL;
	size_t len;
	int bad = 0, must_exist;
	struct rl_error e;

	/* which file (restricted mode: the system's only) is restrict.c's to say */
	if (!(path = restrict_config_file(&must_exist)))
		return 0;
	if (read_file(path, &text, &len, &e) == 0) {
		bad = ui_config_parse(c, codes, text, path, err);
		free(text);
	} else if (must_exist) {
		/* a file named explicitly must exist */
		rl_fail(err, "%s", e.msg);
		bad = 1;
	}
	free(path);
	return bad;
}
