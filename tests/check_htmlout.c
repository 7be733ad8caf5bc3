/*
 * check_htmlout: the web page and the Markdown of a comparison.
 *
 * The page of 77/64 -> 79/53 (samples/src/ied) is one standalone file:
 * doctype, language, charset, a title naming both versions; unique ids,
 * a summary row per change linking to an id that exists, every link to
 * an anchor resolving; one <ins>/<del> per inserted/deleted run of the
 * redline document; OP13's opener shift flagged; no script, no network
 * reference; tags balanced. A hostile clause (markup, '&', ESC, U+202E)
 * arrives escaped and visible. The Markdown of two small resolutions is
 * exactly what is expected, with the documents' '*' and '_' escaped.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "fixture.h"
#include "htmlout.h"
#include "mdout.h"
#include "parse.h"
#include "redoc.h"
#include "sbuf.h"
#include "util.h"

static const struct export_opts opts = { "redline", "2026-12-06T15:00:00Z", "77/64", "79/53" };

/* A comparison and its page, for one test. */
struct page {
	struct resolution a, b;
	struct comparison c;
	struct redoc d;
	struct sbuf html;
};

static void
page_build(struct page *p)
{
	compare_resolutions(&p->a, &p->b, 0, &p->c);
	redoc_build(&p->c, &p->d);
	sbuf_init(&p->html);
	htmlout_redline(&p->d, &opts, &p->html);
}

static void
page_release(struct page *p)
{
	sbuf_release(&p->html);
	redoc_release(&p->d);
	comparison_release(&p->c);
	resolution_release(&p->a);
	resolution_release(&p->b);
}

static void
parse_inline(const char *text, struct resolution *r)
{
	struct rl_error err;

	resolution_init(r);
	ck_assert_int_eq(parse_resolution(text, strlen(text), "inline", r, &err), 0);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;
	const char *p = hay;

	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}

/*
 * The page's ids: the values of every id="..." attribute, in order.
 */
struct ids {
	char **v;
	size_t n, cap;
};

static void
ids_collect(const char *html, struct ids *out)
{
	const char *p = html, *q;

	memset(out, 0, sizeof(*out));
	while ((p = strstr(p, " id=\"")) != NULL) {
		p += 5;
		q = strchr(p, '"');
		ck_assert_ptr_nonnull(q);
		GROW(out->v, out->cap, out->n + 1);
		out->v[out->n++] = xstrndup(p, (size_t)(q - p));
	}
}

static int
ids_have(const struct ids *s, const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strlen(s->v[i]) == len && memcmp(s->v[i], id, len) == 0)
			return 1;
	return 0;
}

static void
ids_release(struct ids *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

/*
 * Tag balance: every element opened is closed, in order, except the void
 * elements; comments and the doctype skipped; the CSS (inside <style>)
 * holds no '<'. Returns NULL when balanced, else a message (static).
 */
static const char *
tag_balance(const char *html)
{
	static char msg[200];
	static const char *const voids[] = { "meta", "br", "hr", "img", "link", "input", "wbr" };
	char stack[256][16];
	size_t depth = 0, i;
	const char *p = html;

	while ((p = strchr(p, '<')) != NULL) {
		char name[16];
		size_t n = 0;
		int closing = 0, is_void = 0;

		p++;
		if (*p == '!') {
			p = strchr(p, '>');
			if (!p)
				return "unterminated declaration";
			continue;
		}
		if (*p == '/') {
			closing = 1;
			p++;
		}
		while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			if (n < sizeof(name) - 1)
				name[n++] = *p++;
			else
				p++;
		name[n] = '\0';
		if (!n)
			return "a '<' that starts no tag";
		p = strchr(p, '>');
		if (!p)
			return "unterminated tag";
		for (i = 0; i < ARRAY_SIZE(voids); i++)
			is_void |= strcmp(name, voids[i]) == 0;
		if (is_void)
			continue;
		if (!closing) {
			if (depth == ARRAY_SIZE(stack))
				return "nesting too deep";
			memcpy(stack[depth++], name, n + 1);
		} else if (!depth || strcmp(stack[depth - 1], name) != 0) {
			snprintf(msg, sizeof(msg), "</%s> closes <%s>", name, depth ? stack[depth - 1] : "(nothing)");
			return msg;
		} else {
			depth--;
		}
	}
	if (depth) {
		snprintf(msg, sizeof(msg), "<%s> never closed", stack[depth - 1]);
		return msg;
	}
	return NULL;
}

/* No byte below 0x20 but the newline, and no DEL. */
static int
has_raw_control(const char *s)
{
	for (; *s; s++)
		if (((unsigned char)*s < 0x20 && *s != '\n') || *s == 0x7f)
			return 1;
	return 0;
}

/* The element with this id, from its start tag to the next clause. */
static char *
clause_html(const char *html, const char *id)
{
	char want[64];
	const char *a, *b;

	snprintf(want, sizeof(want), " id=\"%s\"", id);
	a = strstr(html, want);
	if (!a)
		return NULL;
	b = strstr(a + 1, "<div class=\"clause");
	return xstrndup(a, b ? (size_t)(b - a) : strlen(a));
}

static size_t
runs_marked(const struct rrun *v, size_t n, enum rmark m)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += v[i].mark == m;
	return k;
}

static size_t
document_runs(const struct redoc *d, enum rmark m)
{
	size_t i, k = 0;

	for (i = 0; i < d->nparas; i++) {
		k += runs_marked(d->paras[i].num, d->paras[i].nnum, m);
		k += runs_marked(d->paras[i].runs, d->paras[i].nruns, m);
	}
	for (i = 0; i < d->nnotes; i++)
		k += runs_marked(d->notes[i].runs, d->notes[i].nruns, m);
	return k;
}

START_TEST(test_sample_page)
{
	struct page p;
	struct ids ids;
	const char *h, *r, *bad;
	char *op13;
	size_t i, j, rows = 0;

	memset(&p, 0, sizeof(p));
	load_fixture("samples/src/ied/06-A-RES-77-64.txt", &p.a);
	load_fixture("samples/src/ied/09-A-RES-79-53.txt", &p.b);
	page_build(&p);
	h = sbuf_str(&p.html);

	ck_assert(strncmp(h, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
	ck_assert_ptr_nonnull(strstr(h, "<meta charset=\"utf-8\">"));
	ck_assert_ptr_nonnull(strstr(h, "<title>77/64 \xe2\x86\x92 79/53"));
	ck_assert_ptr_nonnull(strstr(h, "@media print"));
	ck_assert_ptr_nonnull(strstr(h, "Summary of changes"));

	/* ids: unique, and the clauses' own */
	ids_collect(h, &ids);
	for (i = 0; i < ids.n; i++)
		for (j = i + 1; j < ids.n; j++)
			ck_assert_msg(strcmp(ids.v[i], ids.v[j]) != 0, "id %s twice", ids.v[i]);
	ck_assert(ids_have(&ids, "PP1", 3));
	ck_assert(ids_have(&ids, "OP5", 3));
	ck_assert(ids_have(&ids, "OP13", 4));
	ck_assert(ids_have(&ids, "old-PP27", 8));	/* deleted */
	ck_assert(ids_have(&ids, "old-PP9", 7));	/* moved from */
	ck_assert(ids_have(&ids, "PP11", 4));		/* moved to */
	for (i = 0; i < p.b.nclauses; i++)
		ck_assert_msg(ids_have(&ids, p.b.clauses[i].id, strlen(p.b.clauses[i].id)), "no anchor %s",
			      p.b.clauses[i].id);

	/* every in-page link lands on an id */
	for (r = h; (r = strstr(r, "href=\"#")) != NULL;) {
		const char *e;

		r += 7;
		e = strchr(r, '"');
		ck_assert_msg(ids_have(&ids, r, (size_t)(e - r)), "link to a missing id: %.*s", (int)(e - r), r);
	}
	/* a summary row per change that is not unchanged, each linking */
	for (i = 0; i < p.c.nchanges; i++)
		rows += p.c.changes[i].kind != CHANGE_UNCHANGED || p.c.changes[i].moved;
	ck_assert_uint_gt(rows, 10);
	ck_assert_uint_eq(count(h, "<tr class=\"chg\">"), rows);
	ck_assert_uint_eq(count(h, "<tr class=\"chg\"><td><a href=\"#"), rows);

	/* one element per inserted and deleted run */
	ck_assert_uint_eq(count(h, "<ins>"), document_runs(&p.d, RM_INS));
	ck_assert_uint_eq(count(h, "<del>"), document_runs(&p.d, RM_DEL));
	ck_assert_uint_eq(count(h, "<ins>"), count(h, "</ins>"));
	ck_assert_uint_eq(count(h, "<del>"), count(h, "</del>"));

	/* OP12 -> OP13: renumbered, opener stronger */
	op13 = clause_html(h, "OP13");
	ck_assert_ptr_nonnull(op13);
	ck_assert_ptr_nonnull(strstr(op13, "verb stronger: Encourages \xe2\x86\x92 Urges"));
	ck_assert_ptr_nonnull(strstr(op13, "class=\"tag up\""));
	ck_assert_ptr_nonnull(strstr(op13, "was OP12"));
	ck_assert_ptr_nonnull(strstr(op13, "<del>12.</del>"));
	ck_assert_ptr_nonnull(strstr(op13, "<ins>13.</ins>"));
	free(op13);
	/* the move names the other place and links to it */
	op13 = clause_html(h, "old-PP9");
	ck_assert_ptr_nonnull(strstr(op13, "href=\"#PP11\">moved to PP11"));
	free(op13);
	op13 = clause_html(h, "PP11");
	ck_assert_ptr_nonnull(strstr(op13, "href=\"#old-PP9\">moved from PP9"));
	free(op13);
	/* the split's paragraph mark, the footnotes each once */
	ck_assert_uint_eq(count(h, "\xc2\xb6 split"), p.c.sum.split);
	ck_assert_uint_eq(count(h, "<div class=\"fn"), p.d.nnotes);
	ck_assert_uint_gt(count(h, "<sup class=\"fnref\"><a href=\"#fn-"), 0);

	/* standalone and safe */
	ck_assert_ptr_null(strstr(h, "<script"));
	ck_assert_ptr_null(strstr(h, "http://"));
	ck_assert_ptr_null(strstr(h, "https://"));
	ck_assert_ptr_null(strstr(h, "src="));
	ck_assert_ptr_null(strstr(h, "url("));
	ck_assert_ptr_null(strstr(h, "@import"));
	ck_assert(!has_raw_control(h));
	bad = tag_balance(h);
	ck_assert_msg(bad == NULL, "tags: %s", bad);
	ids_release(&ids);
	page_release(&p);
}
END_TEST

static const char hostile_old[] =
	"The General Assembly,\n\n"
	"Recalling its earlier resolutions,\n\n"
	"1. Decides to remain seized of the matter;\n";

static const char hostile_new[] =
	"The General Assembly,\n\n"
	"Recalling its earlier resolutions,\n\n"
	"1. Decides to remain seized of the matter;\n\n"
	"2. Urges <script>alert(1)</script> States & others \"to\" act \x1b[31mnow\xe2\x80\xae reversed;\n";

START_TEST(test_hostile_page)
{
	struct page p;
	const char *h, *bad;

	memset(&p, 0, sizeof(p));
	parse_inline(hostile_old, &p.a);
	parse_inline(hostile_new, &p.b);
	page_build(&p);
	h = sbuf_str(&p.html);
	ck_assert_ptr_null(strstr(h, "<script"));
	ck_assert_ptr_nonnull(strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	ck_assert_ptr_nonnull(strstr(h, "States &amp; others &quot;to&quot; act"));
	ck_assert_ptr_null(strchr(h, '\x1b'));
	ck_assert_ptr_nonnull(strstr(h, "<span class=\"ctl\" title=\"hidden or control character\">^[</span>[31mnow"));
	ck_assert_ptr_null(strstr(h, "\xe2\x80\xae"));
	ck_assert_ptr_nonnull(strstr(h, "&lt;U+202E&gt;</span> reversed"));
	ck_assert(!has_raw_control(h));
	bad = tag_balance(h);
	ck_assert_msg(bad == NULL, "tags: %s", bad);
	/* the new clause is inserted whole, with its anchor */
	ck_assert_ptr_nonnull(strstr(h, "id=\"OP2\""));
	ck_assert_uint_eq(count(h, "<ins>"), document_runs(&p.d, RM_INS));
	page_release(&p);
}
END_TEST

/* A language other than English names the page's. */
START_TEST(test_page_language)
{
	struct page p;

	memset(&p, 0, sizeof(p));
	parse_inline("L'Assembl\xc3\xa9" "e g\xc3\xa9n\xc3\xa9rale,\n\nRappelant ses r\xc3\xa9solutions,\n\n"
		     "1. D\xc3\xa9" "cide de rester saisie de la question;\n", &p.a);
	parse_inline("L'Assembl\xc3\xa9" "e g\xc3\xa9n\xc3\xa9rale,\n\nRappelant ses r\xc3\xa9solutions,\n\n"
		     "1. D\xc3\xa9" "cide de rester activement saisie de la question;\n", &p.b);
	if (!p.b.meta.language || strcmp(p.b.meta.language, "fr") != 0) {
		page_release(&p);
		return;	/* the parser did not take it for French: nothing to see here */
	}
	page_build(&p);
	ck_assert_ptr_nonnull(strstr(sbuf_str(&p.html), "<html lang=\"fr\">"));
	page_release(&p);
}
END_TEST

/*
 * Markdown
 */

static const char md_old[] =
	"The General Assembly,\n\n"
	"Recalling its resolution 1/2 of 3 May 2020,\n\n"
	"Noting the report,\n\n"
	"Welcoming the progress made,\n\n"
	"1. Decides to use the term snake_case and a*b;\n\n"
	"2. Encourages States to cooperate;\n\n"
	"3. Requests the Secretary-General to report;\n";

static const char md_new[] =
	"The General Assembly,\n\n"
	"Recalling its resolution 1/2 of 3 May 2020, and noting the report,\n\n"
	"Noting the report,\n\n"
	"Welcoming the progress made,\n\n"
	"1. Decides to use the term snake_case and a*b, [sic];\n\n"
	"2. Urges States to cooperate fully;\n\n"
	"3. Decides to remain seized of the matter;\n";

/*
 * The text output's layout: a heading per change, unchanged clauses
 * folded, ~~deleted~~ and **inserted**; an insertion that starts with
 * punctuation right after a word ("snake_case, [sic]") would not read as
 * emphasis, so it is an <ins> element.
 */
static const char md_expected[] =
	"# 77/64 \xe2\x86\x92 79/53\n"
	"\n"
	"\\~1 PP  +1 OP  \\~2 OP  -1 OP  1 verb stronger\n"
	"\n"
	"### PP1  modified\n"
	"\n"
	"Recalling its resolution 1/2 of 3 May 2020, **and noting the report,**\n"
	"\n"
	"*PP2\xe2\x80\x93PP3 unchanged (2 clauses)*\n"
	"\n"
	"### OP1  modified\n"
	"\n"
	"Decides to use the term snake\\_case and a\\*b<ins>, \\[sic\\]</ins>;\n"
	"\n"
	"### OP2  modified, verb stronger (Encourages \xe2\x86\x92 Urges)\n"
	"\n"
	"~~Encourages~~ **Urges** States to cooperate **fully**;\n"
	"\n"
	"### was OP3  deleted\n"
	"\n"
	"~~Requests the Secretary-General to report;~~\n"
	"\n"
	"### OP3  inserted\n"
	"\n"
	"**Decides to remain seized of the matter;**\n";

START_TEST(test_markdown_golden)
{
	struct resolution a, b;
	struct comparison c;
	struct sbuf out = SBUF_INIT;

	parse_inline(md_old, &a);
	parse_inline(md_new, &b);
	compare_resolutions(&a, &b, 0, &c);
	mdout_comparison(&c, &opts, &out);
	ck_assert_str_eq(sbuf_str(&out), md_expected);
	sbuf_release(&out);
	comparison_release(&c);
	resolution_release(&a);
	resolution_release(&b);
}
END_TEST

START_TEST(test_markdown_hostile)
{
	struct resolution a, b;
	struct comparison c;
	struct sbuf out = SBUF_INIT;
	const char *m;

	parse_inline(hostile_old, &a);
	parse_inline(hostile_new, &b);
	compare_resolutions(&a, &b, 0, &c);
	mdout_comparison(&c, &opts, &out);
	m = sbuf_str(&out);
	ck_assert(!has_raw_control(m));
	ck_assert_ptr_null(strstr(m, "\xe2\x80\xae"));
	/* every '<' of the document escaped: no raw tag reaches a renderer */
	ck_assert_uint_eq(count(m, "<script"), count(m, "\\<script"));
	ck_assert_ptr_nonnull(strstr(m, "\\<script\\>alert(1)\\</script\\>"));
	ck_assert_ptr_nonnull(strstr(m, "^\\[\\[31mnow\\<U+202E\\> reversed"));
	sbuf_release(&out);
	comparison_release(&c);
	resolution_release(&a);
	resolution_release(&b);
}
END_TEST

/* The sample pair: every clause accounted for, nothing raw. */
START_TEST(test_markdown_sample)
{
	struct resolution a, b;
	struct comparison c;
	struct sbuf out = SBUF_INIT;
	const char *m;
	size_t i, shown = 0;

	load_fixture("samples/src/ied/06-A-RES-77-64.txt", &a);
	load_fixture("samples/src/ied/09-A-RES-79-53.txt", &b);
	compare_resolutions(&a, &b, 0, &c);
	mdout_comparison(&c, &opts, &out);
	m = sbuf_str(&out);
	for (i = 0; i < c.nchanges; i++)
		shown += c.changes[i].kind != CHANGE_UNCHANGED || c.changes[i].moved;
	ck_assert_uint_eq(count(m, "\n### ") - c.nfootnotes, shown);
	ck_assert_ptr_nonnull(strstr(m, "### OP12 \xe2\x86\x92 OP13  renumbered, modified, verb stronger "
				       "(Encourages \xe2\x86\x92 Urges)\n"));
	ck_assert_ptr_nonnull(strstr(m, "\n## Footnotes\n"));
	ck_assert_ptr_nonnull(strstr(m, "*PP6\xe2\x80\x93PP8 unchanged (3 clauses)*"));
	ck_assert(!has_raw_control(m));
	sbuf_release(&out);
	comparison_release(&c);
	resolution_release(&a);
	resolution_release(&b);
}
END_TEST

static Suite *
htmlout_suite(void)
{
	Suite *s = suite_create("htmlout");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_sample_page);
	tcase_add_test(tc, test_hostile_page);
	tcase_add_test(tc, test_page_language);
	tcase_add_test(tc, test_markdown_golden);
	tcase_add_test(tc, test_markdown_hostile);
	tcase_add_test(tc, test_markdown_sample);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(htmlout_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
