/*
 * The PDF reader (src/pdf.c) on PDFs of our own: the illustrative text
 * samples/ied-77-64-illustrative.txt typeset by LibreOffice
 * (tests/fixtures/pdf/, made by tests/fixtures/make-pdf-reader-fixtures.sh)
 * must read as the same resolution as the text it was made from; bad
 * input gives one line naming the file. The real UN PDFs are read by
 * tests/pdf.sh, which skips them when the corpus is absent.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "lang.h"
#include "parse.h"
#include "pdf.h"
#include "repair.h"
#include "source.h"
#include "utf8.h"
#include "util.h"

#define FIXTURE "tests/fixtures/pdf/ied-77-64-illustrative.pdf"
#define FIXTURE_TEXT "samples/ied-77-64-illustrative.txt"

static char path_buf[4][4096];

static const char *
src_path(int slot, const char *rel)
{
	const char *srcdir = getenv("abs_top_srcdir");

	snprintf(path_buf[slot], sizeof(path_buf[slot]), "%s/%s", srcdir ? srcdir : ".", rel);
	return path_buf[slot];
}

static char *
slurp(const char *path, size_t *len)
{
	struct rl_error err;
	char *buf;

	if (read_file(path, &buf, len, &err) < 0)
		ck_abort_msg("%s", err.msg);
	return buf;
}

/* A file in a scratch directory, removed by the caller. */
static char *
scratch(const char *name, const char *data, size_t len)
{
	char dir[] = "/tmp/check_pdf.XXXXXX", *path;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xmalloc(strlen(dir) + strlen(name) + 2);
	sprintf(path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	fclose(f);
	return path;
}

static void
scratch_remove(char *path)
{
	char *slash = strrchr(path, '/');

	remove(path);
	*slash = '\0';
	remove(path);
	free(path);
}

START_TEST(test_magic)
{
	ck_assert(pdf_is_pdf("%PDF-1.7\n", 9));
	ck_assert(pdf_is_pdf("%PDF-", 5));
	ck_assert(!pdf_is_pdf("%PDF", 4));
	ck_assert(!pdf_is_pdf("", 0));
	ck_assert(!pdf_is_pdf("The General Assembly,", 21));
	ck_assert(!pdf_is_pdf(" %PDF-1.7", 9));
	ck_assert(pdf_named("A_RES_79_53.pdf"));
	ck_assert(pdf_named("dir/X.PDF"));
	ck_assert(!pdf_named("x.pdf.txt"));
	ck_assert(!pdf_named("pdf"));
	ck_assert(!pdf_named(NULL));
}
END_TEST

START_TEST(test_sha256)
{
	char hex[65];

	pdf_sha256("abc", 3, hex);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	pdf_sha256("", 0, hex);
	ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
END_TEST

/* The normal form's shape: UTF-8, LF, no tab or form feed, one blank line
 * between blocks, a final line end; no page furniture. */
START_TEST(test_fixture_normal_form)
{
	struct sbuf out = SBUF_INIT;
	struct rl_error err;
	size_t bad, i, start;
	int symbols = 0;

	ck_assert_int_eq(pdf_read(src_path(0, FIXTURE), &out, &err), 0);
	ck_assert(out.len > 20000);
	ck_assert(utf8_valid(out.buf, out.len, &bad));
	ck_assert_ptr_null(memchr(out.buf, '\t', out.len));
	ck_assert_ptr_null(memchr(out.buf, '\f', out.len));
	ck_assert_ptr_null(memchr(out.buf, '\r', out.len));
	ck_assert_ptr_null(strstr(out.buf, "\n\n\n"));
	ck_assert_int_eq(out.buf[out.len - 1], '\n');
	ck_assert_int_ne(out.buf[out.len - 2], '\n');
	for (start = 0; start < out.len; start = i + 1) {
		const char *l = out.buf + start;
		size_t n;
		for (i = start; i < out.len && out.buf[i] != '\n'; i++)
			;
		n = i - start;
		/* furniture: page numbers "2/7", the job number, the barcode, the footer */
		ck_assert_msg(!(n == 3 && l[1] == '/'), "page number left: %.*s", (int)n, l);
		ck_assert_msg(!lang_find(l, n, "22-27512"), "job number left: %.*s", (int)n, l);
		ck_assert_msg(!lang_find(l, n, "*2227512*"), "barcode left: %.*s", (int)n, l);
		ck_assert_msg(!lang_find(l, n, "Please recycle"), "footer left: %.*s", (int)n, l);
		/* the symbol once, in the masthead: no running header */
		if (n == 11 && memcmp(l, "A/RES/77/64", 11) == 0)
			symbols++;
		ck_assert_msg(!(n > 11 && memcmp(l, "A/RES/77/64 ", 12) == 0), "running header left: %.*s", (int)n, l);
		/* no paragraph cut in two: none starts in lower case */
		ck_assert_msg(!repair_starts_lower(l, n), "a paragraph starts in lower case: %.60s", l);
	}
	ck_assert_int_eq(symbols, 1);
	sbuf_release(&out);
}
END_TEST

/* Markers are superscripts glued to what precedes them, from the glyphs. */
START_TEST(test_fixture_markers)
{
	struct sbuf out = SBUF_INIT;
	struct rl_error err;

	ck_assert_int_eq(pdf_read(src_path(0, FIXTURE), &out, &err), 0);
	ck_assert_ptr_nonnull(strstr(out.buf, "unauthorized recipients,\u00b9 which has affected"));
	ck_assert_ptr_nonnull(strstr(out.buf, "deliver improvised explosive devices,\u00b2\n"));
	ck_assert_ptr_nonnull(strstr(out.buf, "Sustainable Development,\u00b3 in particular target 16.1"));
	ck_assert_ptr_nonnull(strstr(out.buf, "Effects,\u00b9\u2070\n"));
	/* footnotes after the closing, each on one line, in order */
	ck_assert_ptr_nonnull(strstr(out.buf, "\n\n\u00b9 See resolution 69/51, A/CONF.192/BMS/2014/2, A/71/187 and "
					      "Security Council resolution 2370 (2017).\n\n\u00b2 See A/75/175.\n"));
	ck_assert_ptr_nonnull(strstr(out.buf, "46th plenary meeting\n7 December 2022\n\n\u00b9 See"));
	/* a hyphen LibreOffice set at a line end goes when the document spells
	 * the word whole elsewhere: "impro-" / "vised" */
	ck_assert_ptr_null(strstr(out.buf, "impro-vised"));
	sbuf_release(&out);
}
END_TEST

static char *
fold(const char *s)
{
	char *o = xmalloc(strlen(s) + 1), *p = o;

	for (; *s; s++)
		if (*s != '-' && *s != ' ')
			*p++ = *s;
	*p = '\0';
	return o;
}

/* The same resolution as the text it was typeset from: metadata, every
 * clause in order with its footnote references, every footnote. */
START_TEST(test_fixture_structure)
{
	struct source a, b;
	struct rl_error err;
	size_t i, j;
	const struct resolution_meta *ma, *mb;

	source_init(&a);
	source_init(&b);
	ck_assert_int_eq(source_load_file(NULL, src_path(0, FIXTURE_TEXT), &a, &err), 0);
	ck_assert_msg(source_load_file(NULL, src_path(1, FIXTURE), &b, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(strlen(b.pdf_sha256), 64);
	ck_assert_int_eq(a.pdf_sha256[0], '\0');
	ck_assert_int_eq(b.res.nwarnings, 0);
	ma = &a.res.meta;
	mb = &b.res.meta;
	ck_assert_str_eq(mb->symbol, "A/RES/77/64");
	ck_assert_str_eq(mb->title, ma->title);
	ck_assert_str_eq(mb->session, ma->session);
	ck_assert_str_eq(mb->agenda_item, ma->agenda_item);
	ck_assert_str_eq(mb->adopted, ma->adopted);
	ck_assert_str_eq(mb->committee_report, ma->committee_report);
	ck_assert_str_eq(mb->meeting, ma->meeting);
	ck_assert_uint_eq(b.res.nclauses, a.res.nclauses);
	ck_assert_uint_eq(b.res.nfootnotes, a.res.nfootnotes);
	ck_assert_uint_eq(b.res.nfootnotes, 21);
	for (i = 0; i < a.res.nclauses; i++) {
		const struct clause *x = &a.res.clauses[i], *y = &b.res.clauses[i];
		ck_assert_str_eq(y->id, x->id);
		ck_assert_msg(x->nfootnotes == y->nfootnotes, "%s: %zu footnote references, expected %zu", y->id,
			      y->nfootnotes, x->nfootnotes);
		for (j = 0; j < x->nfootnotes; j++)
			ck_assert_int_eq(y->footnotes[j], x->footnotes[j]);
	}
	for (i = 0; i < a.res.nfootnotes; i++) {
		char *fx = fold(a.res.footnotes[i].text), *fy = fold(b.res.footnotes[i].text);
		ck_assert_int_eq(b.res.footnotes[i].number, a.res.footnotes[i].number);
		/* LibreOffice's quotes and hyphenation aside, the same words */
		if (strcmp(fx, fy) != 0 && !strchr(fx, '"'))
			ck_abort_msg("footnote %d: '%s', expected '%s'", a.res.footnotes[i].number,
				     b.res.footnotes[i].text, a.res.footnotes[i].text);
		free(fx);
		free(fy);
	}
	source_release(&a);
	source_release(&b);
}
END_TEST

/* Two PDFs of one comparison are read on two threads: the lock holds. */
START_TEST(test_fixture_pair)
{
	struct source_repo r = { NULL, NULL, 0, NULL };
	struct source a, b;
	struct rl_error err;

	source_init(&a);
	source_init(&b);
	ck_assert_int_eq(source_load_pair(&r, src_path(0, FIXTURE), src_path(1, FIXTURE), &a, &b, &err), 0);
	/* a comparison keeps the clauses, not the text: they must agree */
	ck_assert_uint_gt(a.res.nclauses, 0);
	ck_assert_uint_eq(a.res.nclauses, b.res.nclauses);
	for (size_t i = 0; i < a.res.nclauses; i++)
		ck_assert_str_eq(a.res.clauses[i].text, b.res.clauses[i].text);
	ck_assert_str_eq(a.pdf_sha256, b.pdf_sha256);
	source_release(&a);
	source_release(&b);
	source_repo_release(&r);
}
END_TEST

static void
expect_error(const char *path, const char *what)
{
	struct sbuf out = SBUF_INIT;
	struct source s;
	struct rl_error err;

	ck_assert_int_eq(pdf_read(path, &out, &err), -1);
	ck_assert_msg(strstr(err.msg, path) && strstr(err.msg, what), "'%s' for %s", err.msg, path);
	ck_assert_ptr_null(strchr(err.msg, '\n'));
	sbuf_release(&out);
	/* through the loader, as every command reads a file */
	source_init(&s);
	ck_assert_int_eq(source_load_file(NULL, path, &s, &err), -1);
	ck_assert_msg(strstr(err.msg, path) && strstr(err.msg, what), "'%s' for %s", err.msg, path);
	source_release(&s);
}

START_TEST(test_bad_input)
{
	size_t len;
	char *pdf = slurp(src_path(0, FIXTURE), &len), *p;

	expect_error(src_path(1, "tests/fixtures/pdf/encrypted.pdf"), "encrypted");
	expect_error(src_path(1, "tests/fixtures/pdf/blank.pdf"), "no text");
	p = scratch("truncated.pdf", pdf, len / 3);
	expect_error(p, "damaged");
	scratch_remove(p);
	p = scratch("header-only.pdf", "%PDF-1.4\n", 9);
	expect_error(p, "damaged");
	scratch_remove(p);
	p = scratch("empty.pdf", "", 0);
	expect_error(p, "not a PDF");
	scratch_remove(p);
	p = scratch("resolution.pdf", "The General Assembly,\n\n1. Decides.\n", 35);
	expect_error(p, "not a PDF");
	scratch_remove(p);
	free(pdf);
}
END_TEST

/* A PDF whatever its name is read as one; a text is read as text. */
START_TEST(test_named_by_content)
{
	size_t len;
	char *pdf = slurp(src_path(0, FIXTURE), &len), *p;
	struct source s;
	struct rl_error err;

	p = scratch("version-2", pdf, len);
	source_init(&s);
	ck_assert_msg(source_load_file(NULL, p, &s, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(s.res.meta.symbol, "A/RES/77/64");
	source_release(&s);
	scratch_remove(p);
	free(pdf);
}
END_TEST

static Suite *
pdf_suite(void)
{
	Suite *s = suite_create("pdf");
	TCase *tc = tcase_create("pdf");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_magic);
	tcase_add_test(tc, test_sha256);
	tcase_add_test(tc, test_fixture_normal_form);
	tcase_add_test(tc, test_fixture_markers);
	tcase_add_test(tc, test_fixture_structure);
	tcase_add_test(tc, test_fixture_pair);
	tcase_add_test(tc, test_bad_input);
	tcase_add_test(tc, test_named_by_content);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(pdf_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
