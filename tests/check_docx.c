/*
 * The Word reader's interface: what is taken for a Word document, the
 * normal form of small packages written here with libzip, and hostile
 * input (zip bombs, broken archives, every truncation and many corrupted
 * copies of a document, oversized tables, text boxes nested deep): one
 * error naming the file, never a crash, no control character out.
 * The fixtures read through the command line are tests/docx.sh's.
 */
#include "config.h"

#include <check.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "docx.h"
#include "input.h"
#include "sbuf.h"
#include "util.h"

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define DOC(body) "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W "><w:body>" body "</w:body></w:document>"

/* A package of the given parts (name, content, ..., NULL) in memory. */
static char *
package(size_t *len, ...)
{
	char path[] = "/tmp/check_docx.XXXXXX";
	const char *name, *content;
	zip_source_t *src;
	va_list ap;
	zip_t *z;
	char *buf;
	int fd, err;
	struct rl_error rerr;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	ck_assert_ptr_nonnull(z);
	va_start(ap, len);
	while ((name = va_arg(ap, const char *))) {
		content = va_arg(ap, const char *);
		src = zip_source_buffer(z, content, strlen(content), 0);
		ck_assert_ptr_nonnull(src);
		ck_assert_int_ge(zip_file_add(z, name, src, ZIP_FL_OVERWRITE), 0);
	}
	va_end(ap);
	ck_assert_int_eq(zip_close(z), 0);
	ck_assert_int_eq(read_file(path, &buf, len, &rerr), 0);
	unlink(path);
	return buf;
}

/* The normal form of a package, or the error: a new string. */
static char *
read_pkg(const char *buf, size_t len, int original)
{
	struct sbuf out = SBUF_INIT;
	struct rl_error err;

	if (docx_read_mem(buf, len, "x.docx", original, &out, &err) < 0) {
		sbuf_release(&out);
		return xstrdup(err.msg);
	}
	return sbuf_detach(&out);
}

/* Nothing a terminal acts on, nor the reader's placeholders. */
static void
assert_clean(const char *s)
{
	for (; *s; s++)
		ck_assert_msg((unsigned char)*s >= 0x20 || *s == '\n', "control character 0x%02x in output",
			      (unsigned char)*s);
}

START_TEST(test_what_is_a_word_document)
{
	size_t ldocx, lfirst, lxlsx;
	char *docx = package(&ldocx, "[Content_Types].xml", "<Types/>", "_rels/.rels", "<Relationships/>",
			     "word/document.xml", DOC("<w:p/>"), NULL);
	char *first = package(&lfirst, "word/document.xml", DOC("<w:p/>"), NULL);
	char *xlsx = package(&lxlsx, "[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<workbook/>", NULL);

	/* found through the central directory, or as the first entry */
	ck_assert(docx_is_docx(docx, ldocx));
	ck_assert(docx_is_docx(first, lfirst));
	/* a ZIP is not enough */
	ck_assert(!docx_is_docx(xlsx, lxlsx));
	ck_assert(docx_is_zip(xlsx, lxlsx));
	ck_assert(!docx_is_docx("PK\3\4", 4));
	ck_assert(!docx_is_docx("The General Assembly,", 21));
	ck_assert(!docx_is_zip("The General Assembly,", 21));
	ck_assert(!docx_is_docx("", 0));
	/* its central directory cut off: not taken for one */
	ck_assert(!docx_is_docx(docx, ldocx - 30));
	ck_assert(docx_named("A_RES_79_53.docx") && docx_named("X.DOCX") && docx_named("macro.docm"));
	ck_assert(!docx_named("x.doc") && !docx_named("docx") && !docx_named("x.docx.txt"));
	free(docx);
	free(first);
	free(xlsx);
}
END_TEST

START_TEST(test_reads_paragraphs_numbers_and_footnotes)
{
	size_t len;
	char *pkg = package(&len, "word/document.xml",
			    DOC("<w:p><w:r><w:t>The General Assembly,</w:t></w:r></w:p>"
				"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"7\"/></w:numPr></w:pPr>"
				"<w:r><w:t xml:space=\"preserve\">Decides </w:t></w:r>"
				"<w:ins w:id=\"1\" w:author=\"A\"><w:r><w:t>firmly</w:t></w:r></w:ins>"
				"<w:del w:id=\"2\" w:author=\"A\"><w:r><w:delText>softly</w:delText></w:r></w:del>"
				"<w:r><w:t>;</w:t></w:r><w:r><w:footnoteReference w:id=\"4\"/></w:r></w:p>"),
			    "word/numbering.xml",
			    "<w:numbering " W "><w:abstractNum w:abstractNumId=\"3\"><w:lvl w:ilvl=\"0\">"
			    "<w:start w:val=\"12\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
			    "</w:abstractNum><w:num w:numId=\"7\"><w:abstractNumId w:val=\"3\"/></w:num></w:numbering>",
			    "word/footnotes.xml",
			    "<w:footnotes " W "><w:footnote w:id=\"4\"><w:p><w:r><w:footnoteRef/></w:r>"
			    "<w:r><w:t xml:space=\"preserve\"> See A/85/1.</w:t></w:r></w:p></w:footnote></w:footnotes>",
			    NULL);
	char *accepted = read_pkg(pkg, len, 0), *original = read_pkg(pkg, len, 1);

	ck_assert_str_eq(accepted, "The General Assembly,\n\n12. Decides firmly;\u00b9\n\n\u00b9 See A/85/1.\n");
	ck_assert_str_eq(original, "The General Assembly,\n\n12. Decides softly;\u00b9\n\n\u00b9 See A/85/1.\n");
	free(accepted);
	free(original);
	free(pkg);
}
END_TEST

START_TEST(test_errors_name_the_file)
{
	size_t len;
	char *xlsx = package(&len, "xl/workbook.xml", "<workbook/>", NULL), *msg;

	msg = read_pkg(xlsx, len, 0);
	ck_assert_str_eq(msg, "'x.docx': not a Word document (no word/document.xml)");
	free(msg);
	free(xlsx);
	msg = read_pkg("", 0, 0);
	ck_assert_str_eq(msg, "'x.docx': not a Word document (an empty file)");
	free(msg);
	msg = read_pkg("PK\5\6", 4, 0);
	ck_assert_str_eq(msg, "'x.docx': not a Word document (a truncated or damaged ZIP archive)");
	free(msg);
	msg = read_pkg("plain text", 10, 0);
	ck_assert_str_eq(msg, "'x.docx': not a Word document (not a ZIP archive)");
	free(msg);
}
END_TEST

START_TEST(test_docx_read_names_missing_file)
{
	struct sbuf out = SBUF_INIT;
	struct rl_error err;

	ck_assert_int_eq(docx_read("/nonexistent/x.docx", 0, &out, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "'/nonexistent/x.docx'"));
	sbuf_release(&out);
}
END_TEST

START_TEST(test_zip_bomb_is_refused)
{
	size_t n = (size_t)65 << 20, len;
	char *big = xmalloc(n + 1), *pkg, *msg;

	/* 65 MB of spaces inside a document element: deflated to a few KB */
	memset(big, ' ', n);
	memcpy(big, "<w:document " W ">", strlen("<w:document " W ">"));
	big[n] = '\0';
	pkg = package(&len, "word/document.xml", big, NULL);
	free(big);
	ck_assert_uint_lt(len, (size_t)1 << 20);
	msg = read_pkg(pkg, len, 0);
	ck_assert_str_eq(msg, "'x.docx': word/document.xml expands beyond 64 MB; refused (a zip bomb?)");
	free(msg);
	free(pkg);
}
END_TEST

START_TEST(test_other_parts_are_bounded_too)
{
	size_t n = (size_t)17 << 20, len;
	char *big = xmalloc(n + 1), *pkg, *msg;

	memset(big, ' ', n);
	memcpy(big, "<w:styles " W ">", strlen("<w:styles " W ">"));
	big[n] = '\0';
	pkg = package(&len, "word/document.xml", DOC("<w:p/>"), "word/styles.xml", big, NULL);
	free(big);
	msg = read_pkg(pkg, len, 0);
	ck_assert_str_eq(msg, "'x.docx': word/styles.xml expands beyond 16 MB; refused (a zip bomb?)");
	free(msg);
	free(pkg);
}
END_TEST

START_TEST(test_list_tables_are_bounded)
{
	struct sbuf xml = SBUF_INIT;
	size_t len, i;
	char *pkg, *msg;

	sbuf_adds(&xml, "<w:numbering " W ">");
	for (i = 0; i < 20001; i++)
		sbuf_printf(&xml, "<w:num w:numId=\"%zu\"/>", i);
	sbuf_adds(&xml, "</w:numbering>");
	pkg = package(&len, "word/document.xml", DOC("<w:p/>"), "word/numbering.xml", xml.buf, NULL);
	msg = read_pkg(pkg, len, 0);
	ck_assert_str_eq(msg, "'x.docx': word/numbering.xml defines too many lists; refused");
	free(msg);
	free(pkg);
	sbuf_release(&xml);
}
END_TEST

START_TEST(test_text_boxes_nested_deep_are_refused)
{
	struct sbuf body = SBUF_INIT, doc = SBUF_INIT;
	size_t len;
	int i;
	char *pkg, *msg;

	for (i = 0; i < 20; i++)
		sbuf_adds(&body, "<w:p><w:r><w:txbxContent>");
	for (i = 0; i < 20; i++)
		sbuf_adds(&body, "</w:txbxContent></w:r></w:p>");
	sbuf_printf(&doc, "<w:document %s><w:body>%s</w:body></w:document>", W, body.buf);
	pkg = package(&len, "word/document.xml", doc.buf, NULL);
	msg = read_pkg(pkg, len, 0);
	ck_assert_str_eq(msg, "'x.docx': word/document.xml nests paragraphs (text boxes) more than 16 deep; refused");
	free(msg);
	free(pkg);
	sbuf_release(&body);
	sbuf_release(&doc);
}
END_TEST

START_TEST(test_unbalanced_and_deep_fields_do_not_break_reading)
{
	struct sbuf body = SBUF_INIT, doc = SBUF_INIT;
	size_t len;
	int i;
	char *pkg, *out;

	/* 100 fields begun inside each other's instructions, an end too many */
	sbuf_adds(&body, "<w:p><w:r><w:fldChar w:fldCharType=\"end\"/><w:t>Noting</w:t></w:r>");
	for (i = 0; i < 100; i++)
		sbuf_adds(&body, "<w:r><w:fldChar w:fldCharType=\"begin\"/><w:instrText>IF</w:instrText></w:r>");
	sbuf_adds(&body, "<w:r><w:t>hidden</w:t></w:r>");
	for (i = 0; i < 100; i++)
		sbuf_adds(&body, "<w:r><w:fldChar w:fldCharType=\"separate\"/><w:fldChar w:fldCharType=\"end\"/></w:r>");
	sbuf_adds(&body, "<w:r><w:t xml:space=\"preserve\"> the report,</w:t></w:r></w:p>");
	sbuf_printf(&doc, "<w:document %s><w:body>%s</w:body></w:document>", W, body.buf);
	pkg = package(&len, "word/document.xml", doc.buf, NULL);
	out = read_pkg(pkg, len, 0);
	ck_assert_str_eq(out, "Noting the report,\n");
	free(out);
	free(pkg);
	sbuf_release(&body);
	sbuf_release(&doc);
}
END_TEST

static char *
sample_package(size_t *len)
{
	return package(len, "[Content_Types].xml", "<Types/>", "word/document.xml",
		       DOC("<w:p><w:r><w:t>The General Assembly,</w:t></w:r></w:p>"
			   "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
			   "<w:r><w:t>To report</w:t></w:r><w:r><w:footnoteReference w:id=\"2\"/></w:r></w:p>"),
		       "word/numbering.xml",
		       "<w:numbering " W "><w:abstractNum w:abstractNumId=\"0\">"
		       "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/>"
		       "<w:lvlText w:val=\"(%2)\"/></w:lvl></w:abstractNum>"
		       "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>",
		       "word/footnotes.xml",
		       "<w:footnotes " W "><w:footnote w:id=\"2\"><w:p><w:r><w:t>A/85/2.</w:t></w:r></w:p>"
		       "</w:footnote></w:footnotes>",
		       NULL);
}

START_TEST(test_every_truncation_fails_cleanly)
{
	size_t len, n;
	char *pkg = sample_package(&len), *out;

	for (n = 0; n < len; n++) {
		out = read_pkg(pkg, n, 0);
		/* either an error naming the file, or clean text */
		if (strncmp(out, "'x.docx': ", 10) != 0)
			assert_clean(out);
		free(out);
	}
	out = read_pkg(pkg, len, 0);
	ck_assert_str_eq(out, "The General Assembly,\n\n(a) To report\u00b9\n\n\u00b9 A/85/2.\n");
	free(out);
	free(pkg);
}
END_TEST

START_TEST(test_corrupted_copies_fail_cleanly)
{
	size_t len, i;
	char *pkg = sample_package(&len), *copy = xmalloc(len), *out;
	unsigned long long seed = 88172645463325252ULL;
	int k;

	/* a fixed sequence of random byte changes (xorshift), many at a time */
	for (i = 0; i < 3000; i++) {
		memcpy(copy, pkg, len);
		for (k = 0; k < 1 + (int)(i % 4); k++) {
			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			copy[seed % len] = (char)(seed >> 32);
		}
		out = read_pkg(copy, len, (int)(i & 1));
		if (strncmp(out, "'x.docx': ", 10) != 0)
			assert_clean(out);
		free(out);
	}
	free(copy);
	free(pkg);
}
END_TEST

struct job {
	const char *buf;
	size_t len;
	char *out;
};

static void *
job_run(void *arg)
{
	struct job *j = arg;

	j->out = read_pkg(j->buf, j->len, 0);
	return NULL;
}

START_TEST(test_two_documents_read_at_once)
{
	size_t len;
	char *pkg = sample_package(&len);
	struct job a = { pkg, len, NULL }, b = { pkg, len, NULL };
	pthread_t th;

	/* as source_load_pair reads the two sides of a comparison */
	ck_assert_int_eq(pthread_create(&th, NULL, job_run, &a), 0);
	job_run(&b);
	pthread_join(th, NULL);
	ck_assert_str_eq(a.out, b.out);
	ck_assert_str_eq(a.out, "The General Assembly,\n\n(a) To report\u00b9\n\n\u00b9 A/85/2.\n");
	free(a.out);
	free(b.out);
	free(pkg);
}
END_TEST

static Suite *
docx_suite(void)
{
	Suite *s = suite_create("docx");
	TCase *tc = tcase_create("docx");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_what_is_a_word_document);
	tcase_add_test(tc, test_reads_paragraphs_numbers_and_footnotes);
	tcase_add_test(tc, test_errors_name_the_file);
	tcase_add_test(tc, test_docx_read_names_missing_file);
	tcase_add_test(tc, test_zip_bomb_is_refused);
	tcase_add_test(tc, test_other_parts_are_bounded_too);
	tcase_add_test(tc, test_list_tables_are_bounded);
	tcase_add_test(tc, test_text_boxes_nested_deep_are_refused);
	tcase_add_test(tc, test_unbalanced_and_deep_fields_do_not_break_reading);
	tcase_add_test(tc, test_every_truncation_fails_cleanly);
	tcase_add_test(tc, test_corrupted_copies_fail_cleanly);
	tcase_add_test(tc, test_two_documents_read_at_once);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(docx_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
