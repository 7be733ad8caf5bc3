/*
 * config_ui: the terminal interface's settings: key bindings, colours and
 * options, from the built-in defaults and then the user's file
 * (REDLINE_CONFIG, else ~/.config/redline/config), in the spirit of tigrc:
 *
 *     # comment
 *     bind  VIEW KEY ACTION      bind diff x view-close
 *     color ROLE FG BG [ATTR...] color insert green default bold
 *     mono  ROLE [ATTR...]       mono delete reverse
 *     set   OPTION VALUE         set layout side-by-side
 *                                set palette colorblind
 *
 * No curses here: colours are ANSI numbers (-1 for the terminal's default)
 * and attributes are this module's flags; the interface maps them.
 *
 * Ownership: struct ui_config owns its keymap; ui_config_release frees it.
 * Errors: a bad line does not stop the others: ui_config_load returns the
 * number of bad lines and fills err with the first ("FILE:LINE: ...").
 */
#ifndef REDLINE_CONFIG_UI_H
#define REDLINE_CONFIG_UI_H

#include "keys.h"
#include "render.h"

enum ui_role {
	UI_CURSOR = ROLE_COUNT,	/* the selected line */
	UI_TITLE,		/* the title bar */
	UI_STATUS,		/* the status line */
	UI_SEARCH,		/* search matches */
	UI_MARK,		/* a marked version */
	UI_ERROR,		/* error messages */
	UI_ROLE_COUNT
};

#define CATTR_BOLD 0x01
#define CATTR_UNDERLINE 0x02
#define CATTR_REVERSE 0x04
#define CATTR_STANDOUT 0x08
#define CATTR_DIM 0x10
#define CATTR_ITALIC 0x20

struct color_def {
	int fg, bg;		/* ANSI colour numbers, -1 default */
	unsigned attrs;		/* with colours */
	unsigned mono;		/* without colours: every role keeps a visible form */
};

struct ui_config {
	struct keymap keys;
	struct color_def colors[UI_ROLE_COUNT];
	int side_by_side;
	int wrap;
	int markers;		/* -1: automatic (on when monochrome) */
};

const char *ui_role_name(int role);
/* The nearest of the 8 basic colours to one of xterm's 256, for a
 * terminal with fewer colours (-1, the default, stays). */
int ui_color_basic(int color);
void ui_config_init(struct ui_config *c, const struct key_codes *codes);
void ui_config_release(struct ui_config *c);
/* Read one configuration text (the file's contents); name is for messages. */
int ui_config_parse(struct ui_config *c, const struct key_codes *codes, const char *text,
		    const char *name, struct rl_error *err);
/* Read the user's file, if any: REDLINE_CONFIG, else ~/.config/redline/config. */
int ui_config_load(struct ui_config *c, const struct key_codes *codes, struct rl_error *err);

#endif
