/*
 * check_redoc: a comparison laid out as a redline document reads, with
 * every change accepted, the newer version's clauses exactly, and with
 * every change rejected the older one's -- on the sample series (every
 * pair, both ways), on random edits of the reference text (moves,
 * deletions, insertions, splits, merges) and, when ../shared/corpus is
 * there, on each year-to-year pair of its series.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "parse.h"
#include "redoc.h"
#include "sbuf.h"
#include "util.h"

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct sbuf b = SBUF_INIT;
	char buf[65536];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sbuf_add(&b, buf, n);
	fclose(f);
	*len = b.len;
	if (!b.buf)
		sbuf_adds(&b, "");
	return sbuf_detach(&b);
}

static int
parse_text(const char *text, size_t len, const char *name, struct resolution *r)
{
	struct rl_error err;

	resolution_init(r);
	return parse_resolution(text, len, name, r, &err);
}

/*
 * The clause texts a document reads with its changes accepted or rejected,
 * one per line (a paragraph whose mark is not there runs on into the next),
 * and their numbers: accept ACCEPT_ALL, REJECT_ALL, or a compilation's
 * source alone (its changes accepted, every other's rejected).
 */
enum { ACCEPT_ALL = -2, REJECT_ALL = -1 };

static void
paragraphs_as(const struct redoc *d, int accept, struct sbuf *out, struct sbuf *numbers)
{
	size_t i, k;
	int joining = 0;

	for (i = 0; i < d->nparas; i++) {
		const struct rpara *p = &d->paras[i];
		enum rmark drop = accept == ACCEPT_ALL || (accept >= 0 && p->source == accept) ? RM_DEL : RM_INS;

		if (p->role != RP_CLAUSE || p->mark == drop)
			continue;
		for (k = 0; k < p->nnum && !joining; k++)
			if (p->num[k].mark != drop) {
				sbuf_add(numbers, p->num[k].s, p->num[k].len);
				sbuf_addch(numbers, '\n');
			}
		for (k = 0; k < p->nruns; k++)
			if (p->runs[k].mark != drop && p->runs[k].note < 0)
				sbuf_add(out, p->runs[k].s, p->runs[k].len);
		joining = p->mark_of_end == drop;
		if (!joining)
			sbuf_addch(out, '\n');
	}
}

static void
version_side(const struct resolution *r, struct sbuf *out, struct sbuf *numbers)
{
	size_t i;

	for (i = 0; i < r->nclauses; i++) {
		sbuf_adds(out, r->clauses[i].text);
		sbuf_addch(out, '\n');
		if (r->clauses[i].number) {
			sbuf_adds(numbers, r->clauses[i].number);
			sbuf_addch(numbers, '\n');
		}
	}
}

/* Footnote references: every note the side refers to, once per clause
 * reference, and the notes' texts. */
static size_t
count_refs(const struct redoc *d, enum rmark side)
{
	enum rmark drop = side == RM_INS ? RM_DEL : RM_INS;
	size_t i, k, n = 0;

	for (i = 0; i < d->nparas; i++) {
		const struct rpara *p = &d->paras[i];

		if (p->mark == drop)
			continue;
		for (k = 0; k < p->nruns; k++)
			n += p->runs[k].note >= 0 && p->runs[k].mark != drop;
	}
	return n;
}

static size_t
version_refs(const struct resolution *r)
{
	size_t i, k, n = 0;

	for (i = 0; i < r->nclauses; i++)
		for (k = 0; k < r->clauses[i].nfootnotes; k++)
			n += resolution_footnote(r, r->clauses[i].footnotes[k]) != NULL;
	return n;
}

/* The document's clause paragraphs as [-deleted-] {+inserted+} text, for
 * the message of a failure. */
static void
dump(const struct redoc *d)
{
	static const char *const m[] = { "=", "+", "-" };
	size_t i, k;

	for (i = 0; i < d->nparas; i++) {
		const struct rpara *p = &d->paras[i];

		fprintf(stderr, "%zu %s end%s move%d change%ld: ", i, m[p->mark], m[p->mark_of_end], (int)p->move, p->change);
		for (k = 0; k < p->nruns; k++)
			if (p->runs[k].note >= 0)
				fprintf(stderr, "%s[%ld]", m[p->runs[k].mark], p->runs[k].note);
			else
				fprintf(stderr, "%s{%.*s}", m[p->runs[k].mark], (int)p->runs[k].len, p->runs[k].s);
		fputc('\n', stderr);
	}
}

static int
check_pair(const struct resolution *a, const struct resolution *b, const char *what)
{
	struct comparison c;
	struct redoc d;
	struct sbuf got = SBUF_INIT, want = SBUF_INIT, gotn = SBUF_INIT, wantn = SBUF_INIT;
	int ok = 1, side;
	size_t i;

	compare_resolutions(a, b, 0, &c);
	redoc_build(&c, &d);
	for (side = 0; side < 2; side++) {
		enum rmark m = side ? RM_INS : RM_DEL;
		const struct resolution *r = side ? b : a;

		sbuf_reset(&got);
		sbuf_reset(&want);
		sbuf_reset(&gotn);
		sbuf_reset(&wantn);
		paragraphs_as(&d, side ? ACCEPT_ALL : REJECT_ALL, &got, &gotn);
		version_side(r, &want, &wantn);
		if (strcmp(sbuf_str(&got), sbuf_str(&want)) != 0 || strcmp(sbuf_str(&gotn), sbuf_str(&wantn)) != 0) {
			fprintf(stderr, "%s: %s side differs\n--- document\n%s\n--- version\n%s\n", what,
				side ? "new" : "old", sbuf_str(&got), sbuf_str(&want));
			dump(&d);
			ok = 0;
		}
		if (count_refs(&d, m) != version_refs(r)) {
			fprintf(stderr, "%s: %s side has %zu footnote references, the version %zu\n", what,
				side ? "new" : "old", count_refs(&d, m), version_refs(r));
			ok = 0;
		}
	}
	/* every note's text, each side */
	for (i = 0; i < d.nnotes; i++) {
		const struct rnote *n = &d.notes[i];
		size_t k;

		for (side = 0; side < 2; side++) {
			enum rmark drop = side ? RM_DEL : RM_INS;
			int number = side ? n->new_number : n->old_number;
			const struct footnote *fn = resolution_footnote(side ? b : a, number);

			if (!number)
				continue;
			sbuf_reset(&got);
			for (k = 0; k < n->nruns; k++)
				if (n->runs[k].mark != drop)
					sbuf_add(&got, n->runs[k].s, n->runs[k].len);
			if (!fn || strcmp(fn->text, sbuf_str(&got)) != 0) {
				fprintf(stderr, "%s: footnote %d (%s) reads '%s'\n", what, number, side ? "new" : "old",
					sbuf_str(&got));
				ok = 0;
			}
		}
	}
	/* moves name each other */
	for (i = 0; i < d.nparas; i++)
		if (d.paras[i].peer >= 0 &&
		    (d.paras[d.paras[i].peer].peer != (long)i || d.paras[d.paras[i].peer].move == d.paras[i].move))
			ok = 0;
	sbuf_release(&got);
	sbuf_release(&want);
	sbuf_release(&gotn);
	sbuf_release(&wantn);
	redoc_release(&d);
	comparison_release(&c);
	return ok;
}

static const char *const series[] = {
	"01-A-RES-70-46.txt", "02-A-RES-71-72.txt", "03-A-RES-72-36.txt", "04-A-RES-73-67.txt",
	"05-A-RES-75-59.txt", "06-A-RES-77-64.txt", "07-A-C.1-79-L.43.txt", "08-A-C.1-79-L.43-Rev.1.txt",
	"09-A-RES-79-53.txt",
};

static void
load_sample(const char *name, struct resolution *r)
{
	char path[4096];
	const char *top = getenv("abs_top_srcdir");
	char *text;
	size_t len;

	snprintf(path, sizeof(path), "%s/samples/src/ied/%s", top ? top : ".", name);
	text = slurp(path, &len);
	ck_assert_msg(text != NULL, "cannot read %s", path);
	ck_assert_int_eq(parse_text(text, len, name, r), 0);
	free(text);
}

START_TEST(test_sample_series_every_pair)
{
	struct resolution r[ARRAY_SIZE(series)];
	size_t i, j, pairs = 0;

	for (i = 0; i < ARRAY_SIZE(series); i++)
		load_sample(series[i], &r[i]);
	for (i = 0; i < ARRAY_SIZE(series); i++)
		for (j = 0; j < ARRAY_SIZE(series); j++) {
			char what[256];

			snprintf(what, sizeof(what), "%s -> %s", series[i], series[j]);
			ck_assert_msg(check_pair(&r[i], &r[j], what), "%s", what);
			pairs++;
		}
	ck_assert_uint_eq(pairs, 81);
	for (i = 0; i < ARRAY_SIZE(series); i++)
		resolution_release(&r[i]);
}
END_TEST

/* The 77/64 -> 79/53 step as the README shows it: OP12 -> OP13 renumbered,
 * opener replaced, in italics, footnote references placed in the text. */
START_TEST(test_renumbered_clause_reads_as_a_redline)
{
	struct resolution a, b;
	struct comparison c;
	struct redoc d;
	struct sbuf s = SBUF_INIT;
	size_t i, found = 0, italic = 0, inner_refs = 0;

	load_sample(series[5], &a);
	load_sample(series[8], &b);
	compare_resolutions(&a, &b, 0, &c);
	redoc_build(&c, &d);
	for (i = 0; i < d.nparas; i++) {
		const struct rpara *p = &d.paras[i];
		size_t k;

		for (k = 0; k < p->nruns; k++) {
			italic += p->runs[k].italic;
			/* a reference before the paragraph's last run stood inside the text */
			inner_refs += p->runs[k].note >= 0 && k + 1 < p->nruns;
		}
		if (p->role != RP_CLAUSE || !p->clause || strcmp(p->clause->id, "OP13") != 0)
			continue;
		found++;
		ck_assert_uint_eq(p->nnum, 2);
		ck_assert_int_eq(p->num[0].mark, RM_DEL);
		ck_assert_int_eq(strncmp(p->num[0].s, "12", p->num[0].len), 0);
		ck_assert_int_eq(strncmp(p->num[1].s, "13", p->num[1].len), 0);
		sbuf_reset(&s);
		ck_assert(redoc_para_side(&d, p, RM_DEL, &s));
		ck_assert_msg(strncmp(sbuf_str(&s), "12 Encourages all States", 24) == 0, "%s", sbuf_str(&s));
		sbuf_reset(&s);
		ck_assert(redoc_para_side(&d, p, RM_INS, &s));
		ck_assert_msg(strncmp(sbuf_str(&s), "13 Urges all States", 19) == 0, "%s", sbuf_str(&s));
		ck_assert(p->runs[0].italic);
	}
	ck_assert_uint_eq(found, 1);
	ck_assert_uint_gt(italic, 40);
	ck_assert_uint_gt(inner_refs, 5);
	/* the header: the title line and the adoption date, each side's */
	for (i = 0; i < d.nparas; i++)
		if (d.paras[i].role == RP_TITLE) {
			sbuf_reset(&s);
			redoc_para_side(&d, &d.paras[i], RM_INS, &s);
			ck_assert_str_eq(sbuf_str(&s), "79/53. Countering the threat posed by improvised explosive devices");
			sbuf_reset(&s);
			redoc_para_side(&d, &d.paras[i], RM_DEL, &s);
			ck_assert_str_eq(sbuf_str(&s), "77/64. Countering the threat posed by improvised explosive devices");
		} else if (d.paras[i].role == RP_ADOPTED) {
			sbuf_reset(&s);
			redoc_para_side(&d, &d.paras[i], RM_INS, &s);
			ck_assert_str_eq(sbuf_str(&s), "Adopted by the General Assembly on 2 December 2024");
		}
	sbuf_release(&s);
	redoc_release(&d);
	comparison_release(&c);
	resolution_release(&a);
	resolution_release(&b);
}
END_TEST

/*
 * A compilation of amendments that split a clause, merge two, change a
 * clause another also changes, insert one: rejecting all gives the draft,
 * numbers included; accepting one amendment's changes alone gives the
 * text that amendment makes (the numbers of a proposed new paragraph and
 * after it aside).
 */
START_TEST(test_compilation)
{
	static const char draft[] =
		"The General Assembly,\n\nRecalling its resolutions on the matter,\n\n"
		"1. Decides to act now on the question of improvised explosive devices and their components;\n\n"
		"2. Requests the Secretary-General to report on the implementation of the present resolution;\n\n"
		"3. Encourages States to share information on the diversion of materials used in devices;\n\n"
		"4. Invites regional organizations to support capacity-building in affected States;\n\n"
		"5. Decides to remain seized of the matter;\n";
	static const char *const made[] = {
		/* OP1 split */
		"The General Assembly,\n\nRecalling its resolutions on the matter,\n\n"
		"1. Decides to act now on the question of improvised explosive devices;\n\n"
		"2. Decides also to act on their components;\n\n"
		"3. Requests the Secretary-General to report on the implementation of the present resolution;\n\n"
		"4. Encourages States to share information on the diversion of materials used in devices;\n\n"
		"5. Invites regional organizations to support capacity-building in affected States;\n\n"
		"6. Decides to remain seized of the matter;\n",
		/* OP3 and OP4 merged */
		"The General Assembly,\n\nRecalling its resolutions on the matter,\n\n"
		"1. Decides to act now on the question of improvised explosive devices and their components;\n\n"
		"2. Requests the Secretary-General to report on the implementation of the present resolution;\n\n"
		"3. Encourages States to share information on the diversion of materials used in devices, and "
		"invites regional organizations to support capacity-building in affected States;\n\n"
		"4. Decides to remain seized of the matter;\n",
		/* OP4 reworded, while the merge above owns it */
		"The General Assembly,\n\nRecalling its resolutions on the matter,\n\n"
		"1. Decides to act now on the question of improvised explosive devices and their components;\n\n"
		"2. Requests the Secretary-General to report on the implementation of the present resolution;\n\n"
		"3. Encourages States to share information on the diversion of materials used in devices;\n\n"
		"4. Urges regional organizations to support capacity-building in all affected States;\n\n"
		"5. Decides to remain seized of the matter;\n",
		/* a new paragraph after OP2 */
		"The General Assembly,\n\nRecalling its resolutions on the matter,\n\n"
		"1. Decides to act now on the question of improvised explosive devices and their components;\n\n"
		"2. Requests the Secretary-General to report on the implementation of the present resolution;\n\n"
		"3. Welcomes the work of the United Nations Office for Disarmament Affairs on the question;\n\n"
		"4. Encourages States to share information on the diversion of materials used in devices;\n\n"
		"5. Invites regional organizations to support capacity-building in affected States;\n\n"
		"6. Decides to remain seized of the matter;\n",
	};
	struct resolution d, m[4];
	struct comparison base, c[4];
	const struct comparison *cp[4];
	struct redoc doc;
	struct sbuf got = SBUF_INIT, want = SBUF_INIT, gotn = SBUF_INIT, wantn = SBUF_INIT;
	size_t i;

	ck_assert_int_eq(parse_text(draft, strlen(draft), "draft", &d), 0);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(parse_text(made[i], strlen(made[i]), "made", &m[i]), 0);
		compare_resolutions(&d, &m[i], 0, &c[i]);
		cp[i] = &c[i];
	}
	compare_resolutions(&d, &d, 0, &base);
	redoc_compile(&base, cp, 4, &doc);
	paragraphs_as(&doc, REJECT_ALL, &got, &gotn);
	version_side(&d, &want, &wantn);
	if (strcmp(got.buf, want.buf) != 0)
		dump(&doc);
	ck_assert_str_eq(got.buf, want.buf);
	ck_assert_str_eq(gotn.buf, wantn.buf);
	for (i = 0; i < 4; i++) {
		if (i == 2)
			continue;	/* not shown: the merge owns OP4 */
		sbuf_reset(&got);
		sbuf_reset(&want);
		sbuf_reset(&gotn);
		sbuf_reset(&wantn);
		paragraphs_as(&doc, (int)i, &got, &gotn);
		version_side(&m[i], &want, &wantn);
		if (strcmp(got.buf, want.buf) != 0)
			dump(&doc);
		ck_assert_msg(strcmp(got.buf, want.buf) == 0, "amendment %zu:\n%s\nwanted\n%s", i, got.buf, want.buf);
	}
	/* the third amendment's change is nowhere in the document */
	for (i = 0; i < doc.nparas; i++)
		ck_assert_int_ne(doc.paras[i].source, 2);
	redoc_release(&doc);
	comparison_release(&base);
	for (i = 0; i < 4; i++) {
		comparison_release(&c[i]);
		resolution_release(&m[i]);
	}
	resolution_release(&d);
	sbuf_release(&got);
	sbuf_release(&want);
	sbuf_release(&gotn);
	sbuf_release(&wantn);
}
END_TEST

/*
 * Random edits of the reference text, paragraph by paragraph: a deletion,
 * a move, a new paragraph, a paragraph cut in two at a comma, two joined.
 */
static unsigned seed = 12345;

static unsigned
rnd(unsigned n)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 8) % n;
}

struct paras {
	char **v;
	size_t n, cap;
};

static void
paras_push(struct paras *p, char *s)
{
	GROW(p->v, p->cap, p->n + 1);
	p->v[p->n++] = s;
}

static void
split_paras(const char *text, struct paras *out)
{
	const char *s = text, *e;

	while (*s) {
		e = strstr(s, "\n\n");
		if (!e)
			e = s + strlen(s);
		if (e > s)
			paras_push(out, xstrndup(s, (size_t)(e - s)));
		s = *e ? e + 2 : e;
	}
}

static void
edit_once(struct paras *p, size_t lo)
{
	size_t i = lo + rnd((unsigned)(p->n - lo - 2)), j;
	char *t;

	switch (rnd(5)) {
	case 0:	/* delete */
		free(p->v[i]);
		memmove(p->v + i, p->v + i + 1, (p->n - i - 1) * sizeof(*p->v));
		p->n--;
		break;
	case 1:	/* move */
		j = lo + rnd((unsigned)(p->n - lo - 2));
		t = p->v[i];
		p->v[i] = p->v[j];
		p->v[j] = t;
		break;
	case 2:	/* a new paragraph */
		paras_push(p, NULL);
		memmove(p->v + i + 1, p->v + i, (p->n - i - 1) * sizeof(*p->v));
		p->v[i] = xstrdup("Welcomes the efforts of the regional organizations to address the threat "
				  "posed by unmanned aerial systems carrying explosive payloads;");
		break;
	case 3: {	/* cut at a comma */
		char *comma = strstr(p->v[i], ", ");

		if (!comma)
			break;
		paras_push(p, NULL);
		memmove(p->v + i + 2, p->v + i + 1, (p->n - i - 2) * sizeof(*p->v));
		p->v[i + 1] = xstrdup(comma + 2);
		comma[1] = '\0';
		break;
	}
	default: {	/* join with the next */
		struct sbuf b = SBUF_INIT;

		sbuf_adds(&b, p->v[i]);
		sbuf_addch(&b, ' ');
		sbuf_adds(&b, p->v[i + 1]);
		free(p->v[i]);
		free(p->v[i + 1]);
		p->v[i] = sbuf_detach(&b);
		memmove(p->v + i + 1, p->v + i + 2, (p->n - i - 2) * sizeof(*p->v));
		p->n--;
	}
	}
}

START_TEST(test_random_edits)
{
	struct resolution a;
	char path[4096];
	const char *top = getenv("abs_top_srcdir");
	char *text;
	size_t len, trial, i, lo = 0;
	struct paras base = { 0 };

	snprintf(path, sizeof(path), "%s/samples/src/ied/09-A-RES-79-53.txt", top ? top : ".");
	text = slurp(path, &len);
	ck_assert(text != NULL);
	ck_assert_int_eq(parse_text(text, len, "a", &a), 0);
	split_paras(text, &base);
	while (lo < base.n && strncmp(base.v[lo], "The General Assembly", 20) != 0)
		lo++;
	lo++;
	for (trial = 0; trial < 120; trial++) {
		struct paras p = { 0 };
		struct sbuf t = SBUF_INIT;
		struct resolution b;
		int edits = 1 + (int)rnd(6), e;
		char what[64];

		for (i = 0; i < base.n; i++)
			paras_push(&p, xstrdup(base.v[i]));
		for (e = 0; e < edits; e++)
			edit_once(&p, lo);
		for (i = 0; i < p.n; i++) {
			sbuf_adds(&t, p.v[i]);
			sbuf_adds(&t, "\n\n");
			free(p.v[i]);
		}
		free(p.v);
		ck_assert_int_eq(parse_text(t.buf, t.len, "b", &b), 0);
		snprintf(what, sizeof(what), "random trial %zu", trial);
		ck_assert_msg(check_pair(&a, &b, what), "%s", what);
		ck_assert_msg(check_pair(&b, &a, what), "%s (reversed)", what);
		resolution_release(&b);
		sbuf_release(&t);
	}
	for (i = 0; i < base.n; i++)
		free(base.v[i]);
	free(base.v);
	free(text);
	resolution_release(&a);
}
END_TEST

/* Every year-to-year step of the real series, both ways. */
START_TEST(test_corpus_series)
{
	const char *top = getenv("abs_top_srcdir");
	char path[4096], line[8192];
	FILE *f;
	size_t steps = 0;

	snprintf(path, sizeof(path), "%s/../shared/corpus/series.tsv", top ? top : ".");
	if (!(f = fopen(path, "r"))) {
		fprintf(stderr, "# SKIP corpus series: %s not found\n", path);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char *tab = strchr(line, '\t'), *sym, *save = NULL;
		struct resolution prev;
		int have = 0;

		if (!tab || strncmp(line, "title\t", 6) == 0)
			continue;
		for (sym = strtok_r(tab + 1, " \n", &save); sym; sym = strtok_r(NULL, " \n", &save)) {
			char file[4096], *text, *q;
			size_t len;
			struct resolution cur;

			for (q = sym; *q; q++)
				if (*q == '/')
					*q = '_';
			snprintf(file, sizeof(file), "%s/../shared/corpus/text/%s.txt", top ? top : ".", sym);
			if (!(text = slurp(file, &len)))
				continue;
			ck_assert_int_eq(parse_text(text, len, file, &cur), 0);
			free(text);
			if (have) {
				ck_assert_msg(check_pair(&prev, &cur, file), "%s", file);
				ck_assert_msg(check_pair(&cur, &prev, file), "%s (reversed)", file);
				steps++;
				resolution_release(&prev);
			}
			prev = cur;
			have = 1;
		}
		if (have)
			resolution_release(&prev);
	}
	fclose(f);
	fprintf(stderr, "# corpus series: %zu steps checked both ways\n", steps);
	ck_assert_uint_gt(steps, 200);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("redoc");
	TCase *tc = tcase_create("redoc");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_sample_series_every_pair);
	tcase_add_test(tc, test_renumbered_clause_reads_as_a_redline);
	tcase_add_test(tc, test_random_edits);
	tcase_add_test(tc, test_compilation);
	tcase_add_test(tc, test_corpus_series);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
