#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "symbol.h"
#include "sbuf.h"
#include "utf8.h"
#include "util.h"

START_TEST(test_sbuf_printf_and_detach)
{
	struct sbuf sb = SBUF_INIT;
	char *p;

	sbuf_adds(&sb, "OP");
	sbuf_printf(&sb, "%d(%c)", 5, 'a');
	ck_assert_str_eq(sbuf_str(&sb), "OP5(a)");
	ck_assert_uint_eq(sb.len, 6);
	p = sbuf_detach(&sb);
	ck_assert_str_eq(p, "OP5(a)");
	ck_assert_ptr_null(sb.buf);
	free(p);
}
END_TEST

START_TEST(test_ascii_string_helpers)
{
	ck_assert(is_digit('0') && is_digit('9'));
	ck_assert(!is_digit('/') && !is_digit(':') && !is_digit((char)0xd9));
	ck_assert(starts_with("Decides to", 10, "Decides"));
	ck_assert(!starts_with("Decides to", 6, "Decides"));	/* prefix past len */
	ck_assert(!starts_with("decides", 7, "Decides"));
	ck_assert(starts_with("", 0, ""));
}
END_TEST

START_TEST(test_utf8_decode_rejects_bad_sequences)
{
	uint32_t cp;

	ck_assert_uint_eq(utf8_decode("\xC3\xA9", 2, &cp), 2);
	ck_assert_uint_eq(cp, 0xE9);
	ck_assert_uint_eq(utf8_decode("\xE2\x81\xB4", 3, &cp), 3);
	ck_assert_uint_eq(cp, 0x2074);
	/* overlong, truncated, surrogate, stray continuation */
	ck_assert_uint_eq(utf8_decode("\xE0\x80\x80", 3, &cp), 1);
	ck_assert_uint_eq(cp, UTF8_INVALID);
	ck_assert_uint_eq(utf8_decode("\xE2\x81", 2, &cp), 1);
	ck_assert_uint_eq(cp, UTF8_INVALID);
	ck_assert_uint_eq(utf8_decode("\xED\xA0\x80", 3, &cp), 1);
	ck_assert_uint_eq(cp, UTF8_INVALID);
	ck_assert_uint_eq(utf8_decode("\x80", 1, &cp), 1);
	ck_assert_uint_eq(cp, UTF8_INVALID);
}
END_TEST

START_TEST(test_utf8_sanitize_makes_controls_visible)
{
	struct sbuf sb = SBUF_INIT;
	const char in[] = "a\x1b[2Jb\rc\xc2\x9b" "d\xff" "e\xe2\x80\xae" "f\x7f";

	utf8_sanitize(&sb, in, sizeof(in) - 1, 0);
	ck_assert_str_eq(sbuf_str(&sb), "a^[[2Jb^Mc\\x9bd\xef\xbf\xbd" "e<U+202E>f^?");
	sbuf_release(&sb);
}
END_TEST

/* A change made only of invisible characters is never invisible. */
START_TEST(test_utf8_sanitize_shows_invisible_characters)
{
	struct sbuf sb = SBUF_INIT;
	const char in[] = "a\xe2\x80\x8b" "b\xe2\x80\x8d" "c\xef\xbb\xbf" "d\xc2\xad" "e\xe2\x80\xa8"
			  "f\xf3\xa0\x80\x81" "g\xe2\x81\xa0" "h\xc2\xa0i\xc3\xa9";

	utf8_sanitize(&sb, in, sizeof(in) - 1, 0);
	ck_assert_str_eq(sbuf_str(&sb), "a<U+200B>b<U+200D>c<U+FEFF>d<U+00AD>e<U+2028>f<U+E0001>g<U+2060>h\xc2\xa0i\xc3\xa9");
	ck_assert_int_eq(utf8_unsafe(0x200B), UTF8_UNSAFE_FORMAT);
	ck_assert_int_eq(utf8_unsafe(0x9B), UTF8_UNSAFE_C1);
	ck_assert_int_eq(utf8_unsafe(0x7F), UTF8_UNSAFE_C0);
	ck_assert_int_eq(utf8_unsafe(UTF8_INVALID), UTF8_UNSAFE_INVALID);
	ck_assert_int_eq(utf8_unsafe(0xA0), UTF8_SAFE);
	ck_assert_int_eq(utf8_unsafe(0x4E2D), UTF8_SAFE);
	sbuf_release(&sb);
}
END_TEST

START_TEST(test_utf8_valid_reports_offset)
{
	size_t bad = 0;

	ck_assert_int_eq(utf8_valid("abc\xc3\xa9", 5, &bad), 1);
	ck_assert_int_eq(utf8_valid("ab\xe9z", 4, &bad), 0);
	ck_assert_uint_eq(bad, 2);
}
END_TEST

START_TEST(test_utf8_case_helpers)
{
	ck_assert_uint_eq(utf8_tolower('E'), 'e');
	ck_assert_uint_eq(utf8_tolower(0xC9), 0xE9);	/* É */
	ck_assert_uint_eq(utf8_tolower(0x0410), 0x0430);	/* Cyrillic А */
	ck_assert(utf8_is_upper(0xC9));
	ck_assert(utf8_is_lower(0xE9));
	ck_assert(utf8_is_alnum(0x4E2D));
	ck_assert(!utf8_is_alnum(','));
}
END_TEST

START_TEST(test_read_file_missing_names_file)
{
	struct rl_error err;
	char *buf;
	size_t len;

	ck_assert_int_eq(read_file("/nonexistent/x.txt", &buf, &len, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "'/nonexistent/x.txt'"));
}
END_TEST

/* The kinds of file redline explains instead of reading as text. */
/* a literal's bytes, its NULs included */
#define KIND(lit) file_kind(lit, sizeof(lit) - 1)

START_TEST(test_file_kind_signatures)
{
	static const char le[] = "T\0h\0e\0 \0G\0e\0n\0e\0r\0a\0l\0";
	static const char be[] = "\0T\0h\0e\0 \0G\0e\0n\0e\0r\0a\0l";

	ck_assert_int_eq(KIND("The General Assembly,\n"), FILE_TEXT);
	ck_assert_int_eq(KIND(""), FILE_TEXT);
	ck_assert_int_eq(KIND("%PDF-1.7\n"), FILE_PDF);
	ck_assert_int_eq(KIND("PK\003\004....word/document.xml"), FILE_DOCX);
	ck_assert_int_eq(KIND("PK\003\004mimetypeapplication/vnd.oasis.opendocument.text"), FILE_ODT);
	ck_assert_int_eq(KIND("PK\003\004data.csv"), FILE_ZIP);
	ck_assert_int_eq(KIND("\320\317\021\340\241\261\032\341"), FILE_DOC);
	ck_assert_int_eq(KIND("{\\rtf1\\ansi"), FILE_RTF);
	ck_assert_int_eq(KIND("\377\376T\0"), FILE_UTF16LE_BOM);
	ck_assert_int_eq(KIND("\376\377\0T"), FILE_UTF16BE_BOM);
	ck_assert_int_eq(KIND(le), FILE_UTF16LE);
	ck_assert_int_eq(KIND(be), FILE_UTF16BE);
	/* a stray NUL in text is not UTF-16: the parser says "binary data" */
	ck_assert_int_eq(KIND("The General\0 Assembly"), FILE_TEXT);
}
END_TEST

START_TEST(test_utf16_decodes_pairs_and_refuses_halves)
{
	struct sbuf sb = SBUF_INIT;
	size_t bad = 0;

	/* "é" and U+1F600 as a surrogate pair, little-endian */
	ck_assert_int_eq(utf8_from_utf16("\351\000=\000\075\330\000\336", 8, 0, &sb, &bad), 0);
	ck_assert_str_eq(sbuf_str(&sb), "\303\251=\360\237\230\200");
	sbuf_reset(&sb);
	ck_assert_int_eq(utf8_from_utf16("\000A\330\075", 4, 1, &sb, &bad), -1);	/* a lone high half */
	ck_assert_uint_eq(bad, 2);
	sbuf_reset(&sb);
	ck_assert_int_eq(utf8_from_utf16("A\000\000\334", 4, 0, &sb, &bad), -1);	/* a lone low half */
	ck_assert_uint_eq(bad, 2);
	sbuf_reset(&sb);
	ck_assert_int_eq(utf8_from_utf16("A\000B", 3, 0, &sb, &bad), -1);	/* an odd last byte */
	ck_assert_uint_eq(bad, 2);
	sbuf_release(&sb);
}
END_TEST

START_TEST(test_symbol_git_names)
{
	const char *good[][2] = {
		{ "A/RES/79/53", "A_RES_79_53" },
		{ "A/C.1/79/L.43", "A_C.1_79_L.43" },
		{ "A/C.1/79/L.43/Rev.1", "A_C.1_79_L.43_Rev.1" },
		{ "A/79/408/Corr.1", "A_79_408_Corr.1" },
		{ "A/ES-10/L.30", "A_ES-10_L.30" },
		{ "S/RES/2334(2016)", "S_RES_2334(2016)" },
	};
	const char *bad[] = { "main", "HEAD", "-", "A", "A/", "/A", "A//B", "A/RES/../x", "A/.x", "A/x.",
			      "A/x.lock", "A/RES/79 53", "A_RES_79_53", "9/RES", "A/RES/79/53\033", "" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(good); i++) {
		char *name = symbol_git_name(good[i][0]), *back = symbol_expand(good[i][1]);

		ck_assert_msg(name && strcmp(name, good[i][1]) == 0, "%s -> %s", good[i][0], name ? name : "NULL");
		ck_assert_str_eq(back, good[i][0]);
		free(name);
		free(back);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		ck_assert_msg(!symbol_is_valid(bad[i]), "'%s' taken for a symbol", bad[i]);
		ck_assert_ptr_null(symbol_git_name(bad[i]));
	}
}
END_TEST

START_TEST(test_symbol_expand_short_forms)
{
	char *s = symbol_expand("79/53");

	ck_assert_str_eq(s, "A/RES/79/53");
	free(s);
	s = symbol_expand("A/C.1/79/L.43");
	ck_assert_str_eq(s, "A/C.1/79/L.43");
	free(s);
	/* not a git name of a symbol: left as given */
	s = symbol_expand("HEAD_1");
	ck_assert_str_eq(s, "HEAD/1");
	free(s);
	s = symbol_expand("_x");
	ck_assert_str_eq(s, "_x");
	free(s);
}
END_TEST

static Suite *
core_suite(void)
{
	Suite *s = suite_create("core");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_sbuf_printf_and_detach);
	tcase_add_test(tc, test_ascii_string_helpers);
	tcase_add_test(tc, test_utf8_decode_rejects_bad_sequences);
	tcase_add_test(tc, test_utf8_sanitize_makes_controls_visible);
	tcase_add_test(tc, test_utf8_sanitize_shows_invisible_characters);
	tcase_add_test(tc, test_utf8_valid_reports_offset);
	tcase_add_test(tc, test_utf8_case_helpers);
	tcase_add_test(tc, test_read_file_missing_names_file);
	tcase_add_test(tc, test_file_kind_signatures);
	tcase_add_test(tc, test_utf16_decodes_pairs_and_refuses_halves);
	tcase_add_test(tc, test_symbol_git_names);
	tcase_add_test(tc, test_symbol_expand_short_forms);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(core_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
