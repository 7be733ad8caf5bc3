#include "config.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

/*
 * Each test writes into a memory stream; out_close returns what was written
 * (caller frees) so outputs can be compared as exact strings.
 */
struct out {
	FILE *f;
	char *buf;
	size_t len;
	struct json_writer w;
};

static void
out_open(struct out *o, int pretty)
{
	o->buf = NULL;
	o->len = 0;
	o->f = open_memstream(&o->buf, &o->len);
	ck_assert_ptr_nonnull(o->f);
	json_writer_init(&o->w, o->f, pretty);
}

static char *
out_close(struct out *o, int want_rc)
{
	ck_assert_int_eq(json_writer_finish(&o->w), want_rc);
	ck_assert_int_eq(fclose(o->f), 0);
	return o->buf;
}

/* The string s written as one JSON value, compact. */
static char *
encode(const char *s, size_t n)
{
	struct out o;

	out_open(&o, 0);
	json_string_n(&o.w, s, n);
	return out_close(&o, 0);
}

static void
check_encoding(const char *s, size_t n, const char *want)
{
	char *got = encode(s, n);

	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(test_escape_every_control_char)
{
	static const char *const named[] = {
		[0x08] = "\"\\b\"\n", [0x09] = "\"\\t\"\n", [0x0a] = "\"\\n\"\n",
		[0x0c] = "\"\\f\"\n", [0x0d] = "\"\\r\"\n",
	};
	int c;

	for (c = 0; c < 0x20; c++) {
		char in = (char)c;
		char want[16];

		if ((size_t)c < sizeof(named) / sizeof(named[0]) && named[c])
			snprintf(want, sizeof(want), "%s", named[c]);
		else
			snprintf(want, sizeof(want), "\"\\u%04x\"\n", (unsigned)c);
		check_encoding(&in, 1, want);
	}
	/* space is plain; DEL is legal JSON but a terminal control: escaped */
	check_encoding("\x7f ", 2, "\"\\u007f \"\n");
}
END_TEST

/* What a terminal acts on or a reader cannot see is escaped, never raw:
 * C1, bidirectional controls, zero-width and invisible characters, the
 * line and paragraph separators, tags (a surrogate pair). */
START_TEST(test_escape_terminal_and_invisible)
{
	check_encoding("a\xC2\x9B" "b", 4, "\"a\\u009bb\"\n");
	check_encoding("\xE2\x80\xAE" "x", 4, "\"\\u202ex\"\n");
	check_encoding("\xE2\x81\xA6", 3, "\"\\u2066\"\n");
	check_encoding("x\xE2\x80\x8By", 5, "\"x\\u200by\"\n");
	check_encoding("\xE2\x80\xA8\xE2\x80\xA9", 6, "\"\\u2028\\u2029\"\n");
	check_encoding("\xEF\xBB\xBF", 3, "\"\\ufeff\"\n");
	check_encoding("\xC2\xAD", 2, "\"\\u00ad\"\n");
	check_encoding("\xF3\xA0\x80\x81", 4, "\"\\udb40\\udc01\"\n");
	/* an OSC 52 clipboard write arrives as text, not as a command */
	check_encoding("\x1B]52;c;aGk=\x07", 12, "\"\\u001b]52;c;aGk=\\u0007\"\n");
	/* what is not on the list passes: accents, CJK, emoji, NBSP */
	check_encoding("\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80\xC2\xA0", 11,
		       "\"\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80\xC2\xA0\"\n");
}
END_TEST

START_TEST(test_escape_quotes_and_backslash)
{
	check_encoding("say \"hi\"", 8, "\"say \\\"hi\\\"\"\n");
	check_encoding("C:\\dir\\", 7, "\"C:\\\\dir\\\\\"\n");
	check_encoding("a/b", 3, "\"a/b\"\n");
	check_encoding("", 0, "\"\"\n");
	check_encoding("x\0y", 3, "\"x\\u0000y\"\n");
}
END_TEST

START_TEST(test_utf8_passed_through_and_repaired)
{
	/* é, Arabic, CJK and an emoji stay as they are */
	check_encoding("\xc3\xa9\xd8\xb9\xe5\xa4\xa7\xf0\x9f\x98\x80", 11,
		       "\"\xc3\xa9\xd8\xb9\xe5\xa4\xa7\xf0\x9f\x98\x80\"\n");
	/* stray continuation, lone lead byte, truncated sequence, overlong */
	check_encoding("a\x80" "b", 3, "\"a\xef\xbf\xbd" "b\"\n");
	check_encoding("\xff", 1, "\"\xef\xbf\xbd\"\n");
	check_encoding("x\xe2\x81", 3, "\"x\xef\xbf\xbd\xef\xbf\xbd\"\n");
	check_encoding("\xc0\xaf", 2, "\"\xef\xbf\xbd\xef\xbf\xbd\"\n");
	/* a surrogate encoded in UTF-8 is invalid too */
	check_encoding("\xed\xa0\x80", 3, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"\n");
}
END_TEST

static void
write_sample(struct json_writer *w)
{
	json_begin_object(w);
	json_key(w, "format");
	json_string(w, "redline-parse/1");
	json_key(w, "meta");
	json_begin_object(w);
	json_key(w, "symbol");
	json_string(w, NULL);
	json_end_object(w);
	json_key(w, "empty");
	json_begin_array(w);
	json_end_array(w);
	json_key(w, "none");
	json_begin_object(w);
	json_end_object(w);
	json_key(w, "list");
	json_begin_array(w);
	json_int(w, 1);
	json_int(w, 2);
	json_end_array(w);
	json_key(w, "words");
	json_begin_array(w);
	json_begin_array(w);
	json_string(w, "=");
	json_string(w, "Urges \"States\"");
	json_end_array(w);
	json_end_array(w);
	json_key(w, "moved");
	json_bool(w, 0);
	json_key(w, "renumbered");
	json_bool(w, 1);
	json_key(w, "similarity");
	json_double(w, 0.91);
	json_end_object(w);
}

START_TEST(test_compact_output)
{
	struct out o;
	char *got;

	out_open(&o, 0);
	write_sample(&o.w);
	got = out_close(&o, 0);
	ck_assert_str_eq(got,
		"{\"format\":\"redline-parse/1\",\"meta\":{\"symbol\":null},"
		"\"empty\":[],\"none\":{},\"list\":[1,2],"
		"\"words\":[[\"=\",\"Urges \\\"States\\\"\"]],"
		"\"moved\":false,\"renumbered\":true,\"similarity\":0.91}\n");
	free(got);

	out_open(&o, 0);
	json_begin_object(&o.w);
	json_key(&o.w, "a");
	json_int(&o.w, 1);
	json_key(&o.w, "b");
	json_begin_array(&o.w);
	json_int(&o.w, 1);
	json_int(&o.w, 2);
	json_end_array(&o.w);
	json_end_object(&o.w);
	got = out_close(&o, 0);
	ck_assert_str_eq(got, "{\"a\":1,\"b\":[1,2]}\n");
	free(got);
}
END_TEST

START_TEST(test_pretty_output)
{
	struct out o;
	char *got;

	out_open(&o, 1);
	write_sample(&o.w);
	got = out_close(&o, 0);
	ck_assert_str_eq(got,
		"{\n"
		"  \"format\": \"redline-parse/1\",\n"
		"  \"meta\": {\n"
		"    \"symbol\": null\n"
		"  },\n"
		"  \"empty\": [],\n"
		"  \"none\": {},\n"
		"  \"list\": [\n"
		"    1,\n"
		"    2\n"
		"  ],\n"
		"  \"words\": [\n"
		"    [\n"
		"      \"=\",\n"
		"      \"Urges \\\"States\\\"\"\n"
		"    ]\n"
		"  ],\n"
		"  \"moved\": false,\n"
		"  \"renumbered\": true,\n"
		"  \"similarity\": 0.91\n"
		"}\n");
	free(got);

	/* empty top-level containers and a bare scalar */
	out_open(&o, 1);
	json_begin_array(&o.w);
	json_end_array(&o.w);
	got = out_close(&o, 0);
	ck_assert_str_eq(got, "[]\n");
	free(got);

	out_open(&o, 1);
	json_string(&o.w, "x");
	got = out_close(&o, 0);
	ck_assert_str_eq(got, "\"x\"\n");
	free(got);
}
END_TEST

START_TEST(test_keys_escaped)
{
	struct out o;
	char *got;

	out_open(&o, 0);
	json_begin_object(&o.w);
	json_key(&o.w, "a\"b\n\xff");
	json_null(&o.w);
	json_end_object(&o.w);
	got = out_close(&o, 0);
	ck_assert_str_eq(got, "{\"a\\\"b\\n\xef\xbf\xbd\":null}\n");
	free(got);
}
END_TEST

START_TEST(test_members)
{
	struct out o;
	char *got;

	out_open(&o, 0);
	json_begin_object(&o.w);
	json_member_string(&o.w, "s", "x\ty");
	json_member_string(&o.w, "none", NULL);
	json_member_int(&o.w, "n", -42);
	json_end_object(&o.w);
	got = out_close(&o, 0);
	ck_assert_str_eq(got, "{\"s\":\"x\\ty\",\"none\":null,\"n\":-42}\n");
	free(got);
}
END_TEST

START_TEST(test_deep_nesting)
{
	struct out o;
	char *got;
	int i;

	out_open(&o, 0);
	for (i = 0; i < JSON_MAX_DEPTH - 1; i++)
		json_begin_array(&o.w);
	json_int(&o.w, 7);
	for (i = 0; i < JSON_MAX_DEPTH - 1; i++)
		json_end_array(&o.w);
	got = out_close(&o, 0);
	ck_assert_uint_eq(strlen(got), 2 * (JSON_MAX_DEPTH - 1) + 2);
	ck_assert_int_eq(got[JSON_MAX_DEPTH - 1], '7');
	free(got);

	/* past the limit the writer still balances but reports the error */
	out_open(&o, 1);
	for (i = 0; i < JSON_MAX_DEPTH + 3; i++)
		json_begin_object(&o.w);
	for (i = 0; i < JSON_MAX_DEPTH + 3; i++)
		json_end_object(&o.w);
	got = out_close(&o, -1);
	free(got);
}
END_TEST

START_TEST(test_unbalanced_fails)
{
	struct out o;
	char *got;

	out_open(&o, 0);
	json_begin_object(&o.w);
	json_key(&o.w, "a");
	json_begin_array(&o.w);
	json_end_array(&o.w);
	got = out_close(&o, -1);
	free(got);

	out_open(&o, 0);
	json_begin_array(&o.w);
	json_end_array(&o.w);
	json_end_array(&o.w);
	got = out_close(&o, -1);
	ck_assert_str_eq(got, "[]\n");
	free(got);

	/* a key left without its value */
	out_open(&o, 0);
	json_begin_object(&o.w);
	json_key(&o.w, "a");
	json_end_object(&o.w);
	got = out_close(&o, -1);
	ck_assert_str_eq(got, "{\"a\":null}\n");
	free(got);

	/* a key outside any object */
	out_open(&o, 0);
	json_key(&o.w, "a");
	json_int(&o.w, 1);
	got = out_close(&o, -1);
	free(got);

	/* two top-level values are not one document */
	out_open(&o, 0);
	json_int(&o.w, 1);
	json_int(&o.w, 2);
	got = out_close(&o, -1);
	free(got);
}
END_TEST

START_TEST(test_write_error_fails)
{
	struct json_writer w;
	FILE *f = fopen("/dev/full", "w");

	if (!f)
		return;	/* no /dev/full on this system */
	json_writer_init(&w, f, 0);
	json_begin_object(&w);
	json_key(&w, "a");
	json_string(&w, "b");
	json_end_object(&w);
	ck_assert_int_eq(json_writer_finish(&w), -1);
	fclose(f);
}
END_TEST

static void
check_double(double v, const char *want)
{
	struct out o;
	char *got;

	out_open(&o, 0);
	json_double(&o.w, v);
	got = out_close(&o, 0);
	ck_assert_msg(strcmp(got, want) == 0, "%g: got '%s', want '%s'", v, got, want);
	free(got);
}

START_TEST(test_doubles)
{
	check_double(0.91, "0.91\n");
	check_double(1.0, "1.0\n");
	check_double(1.0 / 3.0, "0.333\n");
	check_double(2.0 / 3.0, "0.667\n");
	check_double(0.0, "0.0\n");
	check_double(-0.0, "0.0\n");
	check_double(-0.0001, "0.0\n");
	check_double(0.5, "0.5\n");
	check_double(0.9999, "1.0\n");
	check_double(-2.25, "-2.25\n");
	check_double(12345.0, "12345.0\n");
	check_double(1e20, "100000000000000000000.0\n");
	check_double(NAN, "null\n");
	check_double(INFINITY, "null\n");
	check_double(-INFINITY, "null\n");
}
END_TEST

START_TEST(test_scalars_in_array)
{
	struct out o;
	char *got;

	out_open(&o, 0);
	json_begin_array(&o.w);
	json_int(&o.w, -9223372036854775807LL - 1);
	json_bool(&o.w, 2);
	json_null(&o.w);
	json_double(&o.w, NAN);
	json_string_n(&o.w, NULL, 3);
	json_string_n(&o.w, "abcdef", 3);
	json_end_array(&o.w);
	got = out_close(&o, 0);
	ck_assert_str_eq(got, "[-9223372036854775808,true,null,null,null,\"abc\"]\n");
	free(got);
}
END_TEST

static Suite *
json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("json");

	tcase_add_test(tc, test_escape_every_control_char);
	tcase_add_test(tc, test_escape_terminal_and_invisible);
	tcase_add_test(tc, test_escape_quotes_and_backslash);
	tcase_add_test(tc, test_utf8_passed_through_and_repaired);
	tcase_add_test(tc, test_compact_output);
	tcase_add_test(tc, test_pretty_output);
	tcase_add_test(tc, test_keys_escaped);
	tcase_add_test(tc, test_members);
	tcase_add_test(tc, test_deep_nesting);
	tcase_add_test(tc, test_unbalanced_fails);
	tcase_add_test(tc, test_write_error_fails);
	tcase_add_test(tc, test_doubles);
	tcase_add_test(tc, test_scalars_in_array);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(json_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
