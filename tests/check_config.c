#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "config_ui.h"
#include "keys.h"

/* Stand-ins for the curses key codes: any distinct numbers do. */
static const struct key_codes codes = { 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1100, 1200, 1300 };

START_TEST(test_defaults_follow_tig_and_vi)
{
	struct ui_config c;

	ui_config_init(&c, &codes);
	ck_assert_int_eq(keymap_lookup(&c.keys, KEYMAP_DIFF, 'j'), REQ_MOVE_DOWN);
	ck_assert_int_eq(keymap_lookup(&c.keys, KEYMAP_DIFF, codes.down), REQ_MOVE_DOWN);
	ck_assert_int_eq(keymap_lookup(&c.keys, KEYMAP_VERSIONS, 'q'), REQ_VIEW_CLOSE);
	ck_assert_int_eq(keymap_lookup(&c.keys, KEYMAP_VERSIONS, 'Q'), REQ_QUIT);
	ck_assert_int_eq(keymap_lookup(&c.keys, KEYMAP_DIFF, ' '), REQ_PAGE_DOWN);
	/* less and vi: C-f C-b a page, C-d C-u half a page */
	ck_assert_int_eq(keymap_lookup(&c.keys, KEYMAP_DIFF, 6), REQ_PAGE_DOWN);
	ck_assert_int_eq(keymap_lookup(&c.keys, KEYMAP_DIFF, 2), REQ_PAGE_UP);
	ck_assert_int_eq(keymap_lookup(&c.keys, KEYMAP_DIFF, 4), REQ_HALF_PAGE_DOWN);
	ck_assert_int_eq(keymap_lookup(&c.keys, KEYMAP_DIFF, 21), REQ_HALF_PAGE_UP);
	ck_assert_int_eq(request_by_name("half-page-down"), REQ_HALF_PAGE_DOWN);
	ck_assert_int_eq(keymap_lookup(&c.keys, KEYMAP_DIFF, codes.f1), REQ_HELP);
	ck_assert_int_eq(keymap_lookup(&c.keys, KEYMAP_DIFF, 'x'), REQ_NONE);
	ck_assert_int_eq(c.markers, -1);
	ck_assert(c.wrap);
	ui_config_release(&c);
}
END_TEST

START_TEST(test_bind_color_set)
{
	struct ui_config c;
	struct rl_error err;
	const char *text =
		"# my keys\n"
		"bind diff x view-close\n"
		"bind generic C-d page-down\n"
		"bind generic F2 help\n"
		"color insert blue default bold underline\n"
		"mono delete standout\n"
		"set layout side-by-side\n"
		"set wrap no\n"
		"set markers yes\n";

	ui_config_init(&c, &codes);
	ck_assert_int_eq(ui_config_parse(&c, &codes, text, "cfg", &err), 0);
	ck_assert_int_eq(keymap_lookup(&c.keys, KEYMAP_DIFF, 'x'), REQ_VIEW_CLOSE);
	/* a view's own binding does not leak into another view */
	ck_assert_int_eq(keymap_lookup(&c.keys, KEYMAP_VERSIONS, 'x'), REQ_NONE);
	ck_assert_int_eq(keymap_lookup(&c.keys, KEYMAP_VERSIONS, 4), REQ_PAGE_DOWN);
	ck_assert_int_eq(keymap_lookup(&c.keys, KEYMAP_VERSIONS, codes.f1 + 1), REQ_HELP);
	ck_assert_int_eq(c.colors[ROLE_INS].fg, 4);
	ck_assert_int_eq(c.colors[ROLE_INS].bg, -1);
	ck_assert_uint_eq(c.colors[ROLE_INS].attrs, CATTR_BOLD | CATTR_UNDERLINE);
	ck_assert_uint_eq(c.colors[ROLE_DEL].mono, CATTR_STANDOUT);
	ck_assert(c.side_by_side);
	ck_assert(!c.wrap);
	ck_assert_int_eq(c.markers, 1);
	ui_config_release(&c);
}
END_TEST

START_TEST(test_bad_lines_reported_others_kept)
{
	struct ui_config c;
	struct rl_error err;
	const char *text = "bind diff j frobnicate\nbind diff x quit\ncolor nosuchrole red default\nset nope 1\nwhat\n";

	ui_config_init(&c, &codes);
	ck_assert_int_eq(ui_config_parse(&c, &codes, text, "my.cfg", &err), 4);
	ck_assert_str_eq(err.msg, "my.cfg:1: unknown action 'frobnicate'");
	ck_assert_int_eq(keymap_lookup(&c.keys, KEYMAP_DIFF, 'x'), REQ_QUIT);
	ck_assert_int_eq(keymap_lookup(&c.keys, KEYMAP_DIFF, 'j'), REQ_MOVE_DOWN);
	ui_config_release(&c);
}
END_TEST

START_TEST(test_every_role_has_a_monochrome_form)
{
	struct ui_config c;
	int r;

	ui_config_init(&c, &codes);
	/* plain, kind, renumbered, fold, dim and status may be plain; the roles that
	 * carry a difference must not be */
	ck_assert_uint_ne(c.colors[ROLE_INS].mono, 0);
	ck_assert_uint_ne(c.colors[ROLE_DEL].mono, 0);
	ck_assert_uint_ne(c.colors[ROLE_UP].mono, 0);
	ck_assert_uint_ne(c.colors[ROLE_DOWN].mono, 0);
	ck_assert_uint_ne(c.colors[ROLE_MOVED].mono, 0);
	ck_assert_uint_ne(c.colors[UI_CURSOR].mono, 0);
	ck_assert_uint_ne(c.colors[UI_SEARCH].mono, 0);
	ck_assert_uint_ne(c.colors[ROLE_INS].mono, c.colors[ROLE_DEL].mono);
	for (r = 0; r < UI_ROLE_COUNT; r++)
		ck_assert_str_ne(ui_role_name(r), "");
	ui_config_release(&c);
}
END_TEST

/* the commands' pager is the command line's: the interface passes over
 * it, whatever its value, and still reports what it does not know */
START_TEST(test_pager_line_is_not_the_interfaces)
{
	struct ui_config c;
	struct rl_error err;

	ui_config_init(&c, &codes);
	ck_assert_int_eq(ui_config_parse(&c, &codes, "set pager less -R\nset pager\nset pager cat\n", "p.cfg", &err), 0);
	ck_assert_int_eq(ui_config_parse(&c, &codes, "set pagers less\n", "p.cfg", &err), 1);
	ui_config_release(&c);
}
END_TEST

START_TEST(test_request_table)
{
	char name[16];

	ck_assert_int_eq(request_by_name("toggle-layout"), REQ_TOGGLE_LAYOUT);
	ck_assert_str_eq(request_name(REQ_NEXT), "next");
	ck_assert_str_ne(request_help(REQ_SEARCH), "");
	key_label(&codes, codes.up, name, sizeof(name));
	ck_assert_str_eq(name, "Up");
	key_label(&codes, 4, name, sizeof(name));
	ck_assert_str_eq(name, "C-d");
	key_label(&codes, codes.f1 + 2, name, sizeof(name));
	ck_assert_str_eq(name, "F3");
}
END_TEST

/* A palette for red-green colour blindness: blue for what came in,
 * orange for what went; on a terminal of 8 colours, blue and yellow. */
START_TEST(test_palette)
{
	struct ui_config c;
	struct rl_error err;

	ui_config_init(&c, &codes);
	ck_assert_int_eq(c.colors[ROLE_INS].fg, 2);
	ck_assert_int_eq(c.colors[ROLE_DEL].fg, 1);
	ck_assert_int_eq(ui_config_parse(&c, &codes, "set palette colorblind\n", "cfg", &err), 0);
	ck_assert_int_eq(c.colors[ROLE_INS].fg, 27);
	ck_assert_int_eq(c.colors[ROLE_DEL].fg, 208);
	ck_assert_int_eq(c.colors[ROLE_UP].fg, 27);
	ck_assert_int_eq(c.colors[ROLE_DOWN].fg, 208);
	/* the attributes and monochrome forms stay */
	ck_assert_uint_eq(c.colors[ROLE_INS].attrs, CATTR_BOLD);
	ck_assert_uint_ne(c.colors[ROLE_DEL].mono, 0);
	/* a colour line after it still wins */
	ck_assert_int_eq(ui_config_parse(&c, &codes, "color insert cyan default\n", "cfg", &err), 0);
	ck_assert_int_eq(c.colors[ROLE_INS].fg, 6);
	ck_assert_int_eq(ui_config_parse(&c, &codes, "set palette default\n", "cfg", &err), 0);
	ck_assert_int_eq(c.colors[ROLE_INS].fg, 2);
	ck_assert_int_eq(c.colors[ROLE_DOWN].fg, 1);
	ck_assert_int_eq(ui_config_parse(&c, &codes, "set palette pastel\n", "cfg", &err), 1);
	ck_assert_str_eq(err.msg, "cfg:1: palette is default or colorblind, not 'pastel'");
	ui_config_release(&c);

	/* 256-colour numbers on a terminal of 8 */
	ck_assert_int_eq(ui_color_basic(-1), -1);
	ck_assert_int_eq(ui_color_basic(5), 5);
	ck_assert_int_eq(ui_color_basic(9), 1);
	ck_assert_int_eq(ui_color_basic(27), 4);
	ck_assert_int_eq(ui_color_basic(208), 3);
	ck_assert_int_eq(ui_color_basic(196), 1);
	ck_assert_int_eq(ui_color_basic(46), 2);
	ck_assert_int_eq(ui_color_basic(51), 6);
	ck_assert_int_eq(ui_color_basic(145), 7);
	ck_assert_int_eq(ui_color_basic(236), 0);
	ck_assert_int_eq(ui_color_basic(252), 7);
}
END_TEST

static Suite *
config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");

	tcase_add_test(tc, test_defaults_follow_tig_and_vi);
	tcase_add_test(tc, test_bind_color_set);
	tcase_add_test(tc, test_bad_lines_reported_others_kept);
	tcase_add_test(tc, test_every_role_has_a_monochrome_form);
	tcase_add_test(tc, test_request_table);
	tcase_add_test(tc, test_palette);
	tcase_add_test(tc, test_pager_line_is_not_the_interfaces);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(config_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
