/*
 * check_lineage: clauses keep their identity through a series. Generated
 * series of 30 versions of a 40-clause resolution, each version made from
 * the one before by known edits -- a few words changed, a clause moved,
 * inserted, deleted, split in two, two merged -- with each clause's true
 * origin tracked beside; the lineage built from the comparisons must give
 * every clause of every version that origin, and the fates (deleted, split,
 * merged) the edits made. And the derived facts on a hand-made series.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "lineage.h"
#include "parse.h"
#include "sbuf.h"
#include "util.h"

static unsigned seed;

static unsigned
rnd(unsigned n)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 8) % n;
}

static const char *const words[] = {
	"cooperation", "capacity", "regional", "national", "assistance", "technical", "exchange", "information",
	"strategies", "frameworks", "prevention", "detection", "response", "victims", "survivors", "stockpiles",
	"ammunition", "materials", "precursors", "components", "industry", "partners", "awareness", "training",
	"research", "development", "coordination", "mandates", "programmes", "resources", "border", "customs",
	"security", "management", "oversight", "accountability", "standards", "guidelines", "practices", "tools",
};

/* A clause of a generated version: its text and its true origin. */
struct gclause {
	char *text;
	int origin;
};

struct gversion {
	struct gclause *c;
	size_t n, cap;
};

/* A word: common (the list above) or, mostly, a rare one made of
 * syllables, as a clause's own names and terms are. */
static void
add_word(struct sbuf *b)
{
	static const char *const syl[] = { "ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "di", "pa", "ri", "zu" };
	int k, n = 2 + (int)rnd(3);

	if (rnd(3) == 0) {
		sbuf_printf(b, " %s", words[rnd(ARRAY_SIZE(words))]);
		return;
	}
	sbuf_addch(b, ' ');
	for (k = 0; k < n; k++)
		sbuf_adds(b, syl[rnd(ARRAY_SIZE(syl))]);
}

static char *
new_text(void)
{
	struct sbuf b = SBUF_INIT;
	int i, n = 18 + (int)rnd(10);

	sbuf_adds(&b, "Encourages Member States to strengthen");
	for (i = 0; i < n; i++)
		add_word(&b);
	sbuf_adds(&b, ";");
	return sbuf_detach(&b);
}

static void
push(struct gversion *v, size_t at, char *text, int origin)
{
	GROW(v->c, v->cap, v->n + 1);
	memmove(v->c + at + 1, v->c + at, (v->n - at) * sizeof(*v->c));
	v->c[at].text = text;
	v->c[at].origin = origin;
	v->n++;
}

static void
drop(struct gversion *v, size_t at)
{
	free(v->c[at].text);
	memmove(v->c + at, v->c + at + 1, (v->n - at - 1) * sizeof(*v->c));
	v->n--;
}

/* A word or two of a clause changed. */
static char *
reword(const char *t)
{
	struct sbuf b = SBUF_INIT;
	const char *sp = strchr(t + 40, ' ');

	if (!sp)
		return xstrdup(t);
	sbuf_add(&b, t, (size_t)(sp - t));
	add_word(&b);
	sbuf_adds(&b, sp);
	return sbuf_detach(&b);
}

static void
edit(struct gversion *v, int version, int *splits, int *merges)
{
	size_t i = rnd((unsigned)v->n), j;
	char *t, *half;
	struct gclause c;

	switch (rnd(6)) {
	case 0:
		t = reword(v->c[i].text);
		free(v->c[i].text);
		v->c[i].text = t;
		break;
	case 1:	/* moved far */
		j = rnd((unsigned)v->n);
		c = v->c[i];
		memmove(v->c + i, v->c + i + 1, (v->n - i - 1) * sizeof(*v->c));
		v->n--;
		push(v, j, c.text, c.origin);
		break;
	case 2:
		push(v, i, new_text(), version);
		break;
	case 3:
		if (v->n > 20)
			drop(v, i);
		break;
	case 4:	/* split at a word near the middle: both parts keep the origin */
		t = v->c[i].text;
		half = strchr(t + strlen(t) / 2, ' ');
		/* a clause of a few words is not split (nor would a reader call
		 * its two scraps the same clause) */
		if (!half || strlen(t) < 120)
			break;
		*half = '\0';
		push(v, i + 1, xstrdup(half + 1), v->c[i].origin);
		/* the first part is a clause of its own: it ends as one */
		{
			struct sbuf b = SBUF_INIT;

			sbuf_adds(&b, t);
			sbuf_adds(&b, ";");
			free(v->c[i].text);
			v->c[i].text = sbuf_detach(&b);
		}
		/* the second part opens as a clause does */
		{
			struct sbuf b = SBUF_INIT;

			sbuf_printf(&b, "Also %s", v->c[i + 1].text);
			free(v->c[i + 1].text);
			v->c[i + 1].text = sbuf_detach(&b);
		}
		(*splits)++;
		break;
	default:	/* merge with the next: the first's origin */
		if (i + 1 >= v->n)
			break;
		{
			struct sbuf b = SBUF_INIT;
			size_t len = strlen(v->c[i].text);

			sbuf_add(&b, v->c[i].text, len && v->c[i].text[len - 1] == ';' ? len - 1 : len);
			sbuf_printf(&b, ", and %s", v->c[i + 1].text);
			free(v->c[i].text);
			v->c[i].text = sbuf_detach(&b);
			drop(v, i + 1);
		}
		(*merges)++;
	}
}

static void
render(const struct gversion *v, struct sbuf *out)
{
	size_t i;

	sbuf_reset(out);
	sbuf_adds(out, "The General Assembly,\n\nRecalling its earlier resolutions,\n\n");
	for (i = 0; i < v->n; i++)
		sbuf_printf(out, "%zu. %s\n\n", i + 1, v->c[i].text);
}

START_TEST(test_generated_series)
{
	struct gversion g = { 0 };
	struct resolution res[2];
	struct lineage l;
	struct sbuf text = SBUF_INIT;
	struct rl_error err;
	struct lin_link *links = NULL;
	size_t i, checked = 0, wrong = 0;
	int v, e, splits = 0, merges = 0;

	seed = 4242u + (unsigned)_i;
	for (i = 0; i < 40; i++)
		push(&g, g.n, new_text(), 0);
	lineage_init(&l);
	for (v = 0; v < 30; v++) {
		struct resolution *cur = &res[v % 2], *prev = &res[(v + 1) % 2];

		if (v > 0)
			for (e = 0; e < 2; e++)
				edit(&g, v, &splits, &merges);
		render(&g, &text);
		resolution_init(cur);
		ck_assert_int_eq(parse_resolution(text.buf, text.len, "gen", cur, &err), 0);
		/* the preamble's one clause, then the operative ones */
		ck_assert_uint_eq(cur->nclauses, g.n + 1);
		if (v == 0) {
			lineage_add(&l, NULL, cur->nclauses);
		} else {
			struct comparison c;

			compare_resolutions(prev, cur, 0, &c);
			links = xrealloc(links, (cur->nclauses + 1) * sizeof(*links));
			lineage_links(&c, links, cur->nclauses);
			lineage_add(&l, links, cur->nclauses);
			comparison_release(&c);
			resolution_release(prev);
		}
		for (i = 0; i < g.n; i++) {
			const struct lin_clause *lc = &l.v[v].c[i + 1];

			checked++;
			if ((int)lc->origin != g.c[i].origin) {
				wrong++;
				fprintf(stderr, "seed %u version %d OP%zu: origin %zu, truly %d\n", seed, v, i + 1,
					lc->origin, g.c[i].origin);
			}
		}
	}
	resolution_release(&res[29 % 2]);
	fprintf(stderr, "# generated series %d: %zu clause-versions, %d splits, %d merges, %zu wrong\n", _i, checked,
		splits, merges, wrong);
	ck_assert_uint_eq(wrong, 0);
	ck_assert_uint_gt(checked, 900);
	for (i = 0; i < g.n; i++)
		free(g.c[i].text);
	free(g.c);
	free(links);
	sbuf_release(&text);
	lineage_release(&l);
}
END_TEST

/* Hand-made links: the derived facts and fates. */
START_TEST(test_derived_facts)
{
	struct lineage l;
	struct lin_link a[3], b[2];
	long path[3];

	lineage_init(&l);
	lineage_add(&l, NULL, 3);	/* v0: X Y Z */
	/* v1: X' (words), Y (verb stronger), W new; Z deleted */
	memset(a, 0, sizeof(a));
	a[0] = (struct lin_link){ { 0, -1 }, 1, CHANGE_MODIFIED, 0, 0, 0, SHIFT_SAME, 0 };
	a[1] = (struct lin_link){ { 1, -1 }, 1, CHANGE_MODIFIED, 0, 0, 1, SHIFT_STRONGER, 0 };
	a[2] = (struct lin_link){ { -1, -1 }, 0, CHANGE_INSERTED, 0, 0, 0, SHIFT_SAME, 0 };
	lineage_add(&l, a, 3);
	ck_assert_int_eq(l.v[0].c[2].fate, CHANGE_DELETED);
	ck_assert_int_eq(l.v[0].c[0].fate, CHANGE_MODIFIED);
	/* v2: X'+Y merged; W unchanged */
	b[0] = (struct lin_link){ { 0, 1 }, 2, CHANGE_MERGED, 0, 1, 0, SHIFT_SAME, 0 };
	b[1] = (struct lin_link){ { 2, -1 }, 1, CHANGE_UNCHANGED, 0, 1, 0, SHIFT_SAME, 0 };
	lineage_add(&l, b, 2);
	ck_assert_int_eq(l.v[1].c[0].fate, CHANGE_MERGED);
	ck_assert_int_eq(l.v[1].c[1].fate, CHANGE_MERGED);
	ck_assert_int_eq(l.v[1].c[1].heir[0], 0);
	ck_assert_uint_eq(l.v[2].c[0].origin, 0);
	ck_assert_int_eq(l.v[2].c[0].words, 2);
	ck_assert_uint_eq(l.v[2].c[0].churn, 2);
	ck_assert_uint_eq(l.v[2].c[1].origin, 1);
	ck_assert_uint_eq(l.v[2].c[1].origin_clause, 2);
	ck_assert_int_eq(l.v[2].c[1].words, -1);
	ck_assert_uint_eq(l.v[2].c[1].churn, 0);
	/* Y's stronger opener is on the merged clause's second parent: not its line */
	ck_assert_int_eq(l.v[2].c[0].verb, -1);
	ck_assert_int_eq(l.v[1].c[1].verb, 1);
	ck_assert_int_eq(l.v[1].c[1].verb_shift, SHIFT_STRONGER);
	lineage_path(&l, 2, 1, path);
	ck_assert_int_eq(path[0], -1);
	ck_assert_int_eq(path[1], 2);
	ck_assert_int_eq(path[2], 1);
	{
		struct lin_map m;

		lineage_map(&l, &m);
		/* two rows for v2's clauses, one for Z deleted in v1 */
		ck_assert_uint_eq(m.n, 3);
		ck_assert_int_eq(m.rows[0].cells[0], CELL_NEW);
		ck_assert_int_eq(m.rows[0].cells[1], CELL_WORDS);
		ck_assert_int_eq(m.rows[0].cells[2], CELL_WORDS);
		ck_assert_int_eq(m.rows[1].cells[0], CELL_ABSENT);
		ck_assert_int_eq(m.rows[1].cells[1], CELL_NEW);
		ck_assert_int_eq(m.rows[1].cells[2], CELL_SAME);
		ck_assert(m.rows[2].deleted);
		ck_assert_int_eq(m.rows[2].cells[1], CELL_DELETED);
		ck_assert_int_eq(m.rows[2].cells[2], CELL_ABSENT);
		lin_map_release(&m);
	}
	lineage_release(&l);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("lineage");
	TCase *tc = tcase_create("lineage");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_generated_series, 0, 12);
	tcase_add_test(tc, test_derived_facts);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
