#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "fixture.h"
#include "parse.h"
#include "sbuf.h"
#include "util.h"

static struct resolution seed_res, prior_res;

static void
setup(void)
{
	load_fixture("samples/A-RES-79-53.txt", &seed_res);
	load_fixture("tests/fixtures/versions/ied-prior.txt", &prior_res);
}

static void
teardown(void)
{
	resolution_release(&seed_res);
	resolution_release(&prior_res);
}

/* The change that holds the clause with this id on the new side (or the old side). */
static const struct change *
find_change(const struct comparison *c, const char *old_id, const char *new_id)
{
	size_t i, k;

	for (i = 0; i < c->nchanges; i++) {
		const struct change *ch = &c->changes[i];
		int ok_old = old_id == NULL, ok_new = new_id == NULL;

		for (k = 0; k < ch->nold && old_id; k++)
			ok_old |= strcmp(c->old->clauses[ch->old[k]].id, old_id) == 0;
		for (k = 0; k < ch->nnew && new_id; k++)
			ok_new |= strcmp(c->new_->clauses[ch->new_[k]].id, new_id) == 0;
		if (ok_old && ok_new)
			return ch;
	}
	return NULL;
}

static void
assert_words_rebuild(const struct wscript *ws, const char *old, const char *new_)
{
	struct sbuf a = SBUF_INIT, b = SBUF_INIT;
	size_t i;

	for (i = 0; i < ws->n; i++) {
		if (ws->v[i].kind != WOP_INS)
			sbuf_add(&a, ws->v[i].s, ws->v[i].len);
		if (ws->v[i].kind != WOP_DEL)
			sbuf_add(&b, ws->v[i].s, ws->v[i].len);
	}
	ck_assert_str_eq(sbuf_str(&a), old);
	ck_assert_str_eq(sbuf_str(&b), new_);
	sbuf_release(&a);
	sbuf_release(&b);
}

/* Every clause of both sides appears in exactly one change; new ones in order. */
static void
assert_complete(const struct comparison *c)
{
	char *seen_old = xcalloc(c->old->nclauses + 1, 1), *seen_new = xcalloc(c->new_->nclauses + 1, 1);
	size_t i, k, next_new = 0;

	for (i = 0; i < c->nchanges; i++) {
		const struct change *ch = &c->changes[i];
		for (k = 0; k < ch->nold; k++) {
			ck_assert(!seen_old[ch->old[k]]);
			seen_old[ch->old[k]] = 1;
		}
		for (k = 0; k < ch->nnew; k++) {
			ck_assert(!seen_new[ch->new_[k]]);
			seen_new[ch->new_[k]] = 1;
			ck_assert_uint_eq(ch->new_[k], next_new);
			next_new++;
		}
		if (ch->kind == CHANGE_MODIFIED && ch->nold == 1 && ch->nnew == 1)
			assert_words_rebuild(&ch->words, c->old->clauses[ch->old[0]].text,
					     c->new_->clauses[ch->new_[0]].text);
	}
	for (i = 0; i < c->old->nclauses; i++)
		ck_assert(seen_old[i]);
	ck_assert_uint_eq(next_new, c->new_->nclauses);
	free(seen_old);
	free(seen_new);
}

static void
parse_text(const char *text, struct resolution *r)
{
	struct rl_error err;

	resolution_init(r);
	ck_assert_int_eq(parse_resolution(text, strlen(text), "t", r, &err), 0);
}

START_TEST(test_identical_has_no_differences)
{
	struct comparison c;
	size_t i;

	compare_resolutions(&seed_res, &seed_res, 0, &c);
	ck_assert_uint_eq(c.nchanges, 57);
	for (i = 0; i < c.nchanges; i++) {
		ck_assert_int_eq(c.changes[i].kind, CHANGE_UNCHANGED);
		ck_assert(!c.changes[i].moved && !c.changes[i].renumbered);
	}
	ck_assert_uint_eq(c.nfootnotes, 0);
	ck_assert_uint_eq(c.nmeta, 0);
	ck_assert(!comparison_has_differences(&c));
	comparison_release(&c);
}
END_TEST

/* Only the header differs (a draft and the adopted text): still a difference. */
START_TEST(test_metadata_only_is_a_difference)
{
	struct resolution a, b;
	struct comparison c;

	parse_text("79/1. Title\n\nThe General Assembly,\n\n1. Decides to act.\n", &a);
	parse_text("Resolution adopted by the General Assembly on 2 December 2024\n\n79/1. Title\n\n"
		   "The General Assembly,\n\n1. Decides to act.\n", &b);
	compare_resolutions(&a, &b, 0, &c);
	ck_assert_uint_eq(c.sum.unchanged, 1);
	ck_assert_uint_eq(c.nmeta, 1);
	ck_assert_str_eq(c.meta[0].field, "adopted");
	ck_assert_ptr_null(c.meta[0].old);
	ck_assert_str_eq(c.meta[0].new_, "2024-12-02");
	ck_assert(comparison_has_differences(&c));
	comparison_release(&c);
	resolution_release(&a);
	resolution_release(&b);
}
END_TEST

/* Against the fixture's own list of changes (tests/fixtures/versions/ied-prior.CHANGES). */
START_TEST(test_prior_version_changes)
{
	struct comparison c;
	const struct change *ch;

	compare_resolutions(&prior_res, &seed_res, 0, &c);
	assert_complete(&c);
	ck_assert(comparison_has_differences(&c));

	ch = find_change(&c, "PP9", "PP11");
	ck_assert_ptr_nonnull(ch);
	ck_assert_int_eq(ch->kind, CHANGE_UNCHANGED);
	ck_assert(ch->moved);
	ck_assert_uint_eq(c.sum.moved, 1);

	ck_assert_int_eq(find_change(&c, NULL, "PP20")->kind, CHANGE_INSERTED);
	ck_assert_int_eq(find_change(&c, NULL, "PP25")->kind, CHANGE_INSERTED);
	ck_assert_int_eq(find_change(&c, NULL, "OP18")->kind, CHANGE_INSERTED);
	ck_assert_int_eq(find_change(&c, "PP27", NULL)->kind, CHANGE_DELETED);
	ck_assert_uint_eq(c.sum.inserted, 3);
	ck_assert_uint_eq(c.sum.deleted, 1);

	ch = find_change(&c, "OP5", "OP6");
	ck_assert_int_eq(ch->kind, CHANGE_SPLIT);
	ck_assert_uint_eq(ch->nnew, 2);
	ck_assert_uint_eq(c.sum.split, 1);

	ch = find_change(&c, "OP2", "OP2");
	ck_assert_int_eq(ch->kind, CHANGE_MODIFIED);
	ck_assert(ch->verb_changed);
	ck_assert_str_eq(ch->old_opener, "Encourages");
	ck_assert_str_eq(ch->new_opener, "Strongly encourages");
	ck_assert_int_eq(ch->shift, SHIFT_STRONGER);
	ck_assert(!ch->renumbered);

	ch = find_change(&c, "OP12", "OP13");
	ck_assert_int_eq(ch->shift, SHIFT_STRONGER);
	ck_assert(ch->renumbered);
	ch = find_change(&c, "OP20", "OP22");
	ck_assert_str_eq(ch->old_opener, "Invites");
	ck_assert_str_eq(ch->new_opener, "Requests");
	ck_assert_int_eq(ch->shift, SHIFT_STRONGER);
	ck_assert_uint_eq(c.sum.stronger, 3);
	ck_assert_uint_eq(c.sum.weaker, 0);

	ch = find_change(&c, "OP25", "OP27");
	ck_assert(ch->hedges_added != 0);
	ck_assert_str_eq(verbs_hedge_name((size_t)__builtin_ctz(ch->hedges_added)), "where appropriate");

	ch = find_change(&c, "OP6", "OP7");
	ck_assert_int_eq(ch->kind, CHANGE_UNCHANGED);
	ck_assert(ch->renumbered && !ch->moved);
	ch = find_change(&c, "PP10", "PP9");
	ck_assert_int_eq(ch->kind, CHANGE_UNCHANGED);
	ck_assert(!ch->renumbered);	/* preambular paragraphs carry no printed number */

	ch = find_change(&c, "PP4", "PP4");
	ck_assert_int_eq(ch->kind, CHANGE_MODIFIED);
	ck_assert_str_eq(ch->new_opener, "Expressing profound concern");

	/* footnotes by text: three new, three reworded, none deleted */
	ck_assert_uint_eq(c.sum.footnotes_inserted, 3);
	ck_assert_uint_eq(c.sum.footnotes_modified, 3);
	ck_assert_uint_eq(c.sum.footnotes_deleted, 0);
	ck_assert_int_eq(c.footnotes[0].kind, CHANGE_MODIFIED);
	ck_assert_int_eq(c.footnotes[0].old_number, 2);
	ck_assert_int_eq(c.footnotes[0].new_number, 2);
	comparison_release(&c);
}
END_TEST

/* n footnotes a side, each new one its old one with one word changed, all
 * sharing most of their words (so that every old note is a candidate for
 * every new one) */
static void
notes_alike(struct resolution *a, struct resolution *b, size_t n)
{
	static const char text[] = "The General Assembly,\n\n1. Decides to remain seized of the matter.\n";
	struct sbuf t = SBUF_INIT;
	size_t i;

	parse_text(text, a);
	parse_text(text, b);
	for (i = 0; i < n; i++) {
		sbuf_reset(&t);
		sbuf_printf(&t, "See the report of the Secretary-General on the work of the committee, note %zu, old.", i);
		resolution_add_footnote(a, (int)i + 1, xstrdup(sbuf_str(&t)));
		sbuf_reset(&t);
		sbuf_printf(&t, "See the report of the Secretary-General on the work of the committee, note %zu, new.", i);
		resolution_add_footnote(b, (int)i + 1, xstrdup(sbuf_str(&t)));
	}
	sbuf_release(&t);
}

/* Footnotes are compared within a bound of work (FN_WORK): a resolution's
 * notes are all paired; thousands that all share words are paired until
 * the bound, and the rest shown inserted and deleted, every note once */
START_TEST(test_footnote_work_is_bounded)
{
	struct resolution a, b;
	struct comparison c;

	notes_alike(&a, &b, 100);
	compare_resolutions(&a, &b, 0, &c);
	ck_assert_uint_eq(c.sum.footnotes_modified, 100);
	ck_assert_uint_eq(c.sum.footnotes_inserted, 0);
	ck_assert_uint_eq(c.sum.footnotes_deleted, 0);
	comparison_release(&c);
	resolution_release(&a);
	resolution_release(&b);

	notes_alike(&a, &b, 3000);
	compare_resolutions(&a, &b, 0, &c);
	ck_assert_uint_gt(c.sum.footnotes_modified, 100);
	ck_assert_uint_lt(c.sum.footnotes_modified, 3000);
	ck_assert_uint_eq(c.sum.footnotes_modified + c.sum.footnotes_inserted, 3000);
	ck_assert_uint_eq(c.sum.footnotes_modified + c.sum.footnotes_deleted, 3000);
	comparison_release(&c);
	resolution_release(&a);
	resolution_release(&b);
}
END_TEST

START_TEST(test_swapping_sides_swaps_counts)
{
	struct comparison ab, ba;

	compare_resolutions(&prior_res, &seed_res, 0, &ab);
	compare_resolutions(&seed_res, &prior_res, 0, &ba);
	assert_complete(&ba);
	ck_assert_uint_eq(ab.sum.inserted, ba.sum.deleted);
	ck_assert_uint_eq(ab.sum.deleted, ba.sum.inserted);
	ck_assert_uint_eq(ab.sum.split, ba.sum.merged);
	ck_assert_uint_eq(ab.sum.modified, ba.sum.modified);
	ck_assert_uint_eq(ab.sum.stronger, ba.sum.weaker);
	ck_assert_uint_eq(ab.sum.footnotes_inserted, ba.sum.footnotes_deleted);
	comparison_release(&ab);
	comparison_release(&ba);
}
END_TEST


START_TEST(test_typography_mode)
{
	struct resolution a, b;
	struct comparison c;
	const char *head = "The General Assembly,\n\nNoting the \"Abu Dhabi Guiding Principles\",\n\n"
			   "1. Recognizes capacity-building;\n";
	const char *other = "The General Assembly,\n\nNoting the \xE2\x80\x9C" "Abu Dhabi Guiding Principles\xE2\x80\x9D,\n\n"
			    "1. Recognizes capacitybuilding;\n";

	parse_text(head, &a);
	parse_text(other, &b);
	compare_resolutions(&a, &b, 0, &c);
	ck_assert_uint_eq(c.sum.modified, 2);
	comparison_release(&c);
	compare_resolutions(&a, &b, IGNORE_TYPOGRAPHY, &c);
	ck_assert_uint_eq(c.sum.modified, 0);
	ck_assert_uint_eq(c.sum.unchanged, 2);
	ck_assert(!comparison_has_differences(&c));
	comparison_release(&c);
	resolution_release(&a);
	resolution_release(&b);
}
END_TEST

/*
 * Every quote and dash the typography fold knows, each against the plain
 * form and against a member of the same family: unchanged when typography
 * is ignored, modified when it is not. The aligner and the word diff fold
 * with one table, so a change is typographic for both or for neither
 * (once the aligner called a quote change equal that the words did not).
 */
START_TEST(test_typography_fold_is_one_table)
{
	static const char *const squotes[] = { "'", "`", "\xC2\xB4", "\xE2\x80\x98", "\xE2\x80\x99",
					       "\xE2\x80\x9A", "\xE2\x80\x9B", "\xE2\x80\xB2", "\xE2\x80\xB9",
					       "\xE2\x80\xBA", "\xEF\xBC\x87", NULL };
	static const char *const dquotes[] = { "\"", "\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9C", "\xE2\x80\x9D",
					       "\xE2\x80\x9E", "\xE2\x80\xB3", "\xE3\x80\x9D", "\xE3\x80\x9E",
					       "\xEF\xBC\x82", NULL };
	static const char *const dashes[] = { "-", "\xE2\x80\x90", "\xE2\x80\x91", "\xE2\x80\x92",
					      "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x88\x92", "\xEF\xBC\x8D", NULL };
	static const char *const *const families[] = { squotes, dquotes, dashes };
	size_t f, i, j;

	for (f = 0; f < 3; f++) {
		for (i = 0; families[f][i]; i++) {
			for (j = 0; families[f][j]; j++) {
				struct resolution a, b;
				struct comparison c;
				struct sbuf ta = SBUF_INIT, tb = SBUF_INIT;
				const char *x = families[f][i], *y = families[f][j];

				if (i == j)
					continue;
				sbuf_printf(&ta, "The General Assembly,\n\n1. Decides to act on the %sx%s report 1990%s2000;\n", x, x, x);
				sbuf_printf(&tb, "The General Assembly,\n\n1. Decides to act on the %sx%s report 1990%s2000;\n", y, y, y);
				parse_text(ta.buf, &a);
				parse_text(tb.buf, &b);
				compare_resolutions(&a, &b, IGNORE_TYPOGRAPHY, &c);
				ck_assert_msg(!comparison_has_differences(&c), "'%s' -> '%s' is a change when typography is ignored", x, y);
				comparison_release(&c);
				compare_resolutions(&a, &b, 0, &c);
				ck_assert_msg(c.sum.modified == 1, "'%s' -> '%s' is no change when typography counts", x, y);
				comparison_release(&c);
				resolution_release(&a);
				resolution_release(&b);
				sbuf_release(&ta);
				sbuf_release(&tb);
			}
		}
	}
}
END_TEST

START_TEST(test_insert_at_top_renumbers_rest)
{
	struct resolution a, b;
	struct comparison c;
	size_t i;

	parse_text("The General Assembly,\n\n1. Decides to act on mines;\n\n2. Requests a report on devices;\n\n"
		   "3. Decides to remain seized of the matter.\n", &a);
	parse_text("The General Assembly,\n\n1. Welcomes the new strategy of the Office;\n\n"
		   "2. Decides to act on mines;\n\n3. Requests a report on devices;\n\n"
		   "4. Decides to remain seized of the matter.\n", &b);
	compare_resolutions(&a, &b, 0, &c);
	assert_complete(&c);
	ck_assert_uint_eq(c.sum.inserted, 1);
	ck_assert_uint_eq(c.sum.renumbered, 3);
	ck_assert_uint_eq(c.sum.moved, 0);
	for (i = 1; i < c.nchanges; i++)
		ck_assert_int_eq(c.changes[i].kind, CHANGE_UNCHANGED);
	comparison_release(&c);
	resolution_release(&a);
	resolution_release(&b);
}
END_TEST

/* A split whose pieces are not neighbours (a moved clause stands between)
 * is no split: the changes must stay in the new order. */
START_TEST(test_split_never_jumps_a_moved_clause)
{
	struct resolution a, b;
	struct comparison c;

	parse_text("The General Assembly,\n\nRecalling its resolution 70/46,\n\n"
		   "1. Invites the Office for Disarmament Affairs to maintain the online information hub;\n\n"
		   "2. Urges States to develop and implement national measures to counter the threat posed by "
		   "improvised explosive devices;\n\n"
		   "3. Encourages States to strengthen their border controls and customs procedures against the "
		   "illicit movement of explosive precursors, and requests the Secretary-General to report on "
		   "cooperation among regional organizations on detection technologies;\n\n"
		   "4. Decides to include the item in the provisional agenda of its eighty-first session.\n", &a);
	parse_text("The General Assembly,\n\nRecalling its resolution 70/46,\n\n"
		   "1. Urges States to develop and implement national measures to counter the threat posed by "
		   "improvised explosive devices;\n\n"
		   "2. Encourages States to strengthen their border controls and customs procedures against the "
		   "illicit movement of explosive precursors;\n\n"
		   "3. Invites the Office for Disarmament Affairs to maintain the online information hub;\n\n"
		   "4. Also requests the Secretary-General to report on cooperation among regional organizations "
		   "on detection technologies;\n\n"
		   "5. Decides to include the item in the provisional agenda of its eighty-first session.\n", &b);
	compare_resolutions(&a, &b, 0, &c);
	assert_complete(&c);
	comparison_release(&c);
	resolution_release(&a);
	resolution_release(&b);
}
END_TEST

/*
 * Property tests: random edits of the reference text's clauses.
 */

static unsigned long long rng_state;

static unsigned
rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng_state >> 33) % n);
}

static char *
mutate_words(const char *text)
{
	static const char *const words[] = { "effectively", "all", "relevant", "urgently", "States", "and" };
	struct sbuf sb = SBUF_INIT;
	const char *p = text;

	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p + 1) : strlen(p);
		unsigned r = rnd(20);

		if (r == 0 && sp)
			;	/* drop the word */
		else if (r == 1)
			sbuf_printf(&sb, "%s %.*s", words[rnd(ARRAY_SIZE(words))], (int)n, p);
		else
			sbuf_add(&sb, p, n);
		p += n;
	}
	return sbuf_detach(&sb);
}

/* Copy clause i of src to the end of dst, as a preambular paragraph or an
 * operative one with the next number. */
static void
copy_clause(struct resolution *dst, const struct clause *src, char *text)
{
	struct clause *c = resolution_add_clause(dst);
	char id[32];

	c->section = src->section;
	if (src->section == SEC_OPERATIVE) {
		size_t n = 0, i;
		for (i = 0; i + 1 < dst->nclauses; i++)
			n += dst->clauses[i].section == SEC_OPERATIVE;
		snprintf(id, sizeof(id), "OP%zu", n + 1);
		c->number = xstrdup(id + 2);
	} else {
		size_t n = 0, i;
		for (i = 0; i + 1 < dst->nclauses; i++)
			n += dst->clauses[i].section == SEC_PREAMBLE;
		snprintf(id, sizeof(id), "PP%zu", n + 1);
	}
	c->id = xstrdup(id);
	c->text = text ? text : xstrdup(src->text);
	if (src->opener)
		c->opener = xstrndup(c->text, strcspn(c->text, " "));
}

static void
random_version(const struct resolution *src, struct resolution *out)
{
	size_t i;

	resolution_init(out);
	out->is_resolution = 1;
	for (i = 0; i < src->nclauses; i++) {
		unsigned r = rnd(12);
		const struct clause *c = &src->clauses[i];

		if (r == 0)
			continue;
		if (r == 1 && i + 1 < src->nclauses && src->clauses[i + 1].section == c->section) {
			copy_clause(out, &src->clauses[i + 1], NULL);
			copy_clause(out, c, NULL);
			i++;
			continue;
		}
		copy_clause(out, c, r <= 4 ? mutate_words(c->text) : NULL);
		if (r == 5)
			copy_clause(out, &src->clauses[rnd((unsigned)src->nclauses)],
				    mutate_words(src->clauses[rnd((unsigned)src->nclauses)].text));
	}
}

START_TEST(test_properties_on_random_versions)
{
	int round;

	rng_state = 20241202;
	for (round = 0; round < 150; round++) {
		struct resolution a, b;
		struct comparison ab, ba, aa;

		random_version(&seed_res, &a);
		random_version(&seed_res, &b);
		compare_resolutions(&a, &a, 0, &aa);
		ck_assert(!comparison_has_differences(&aa));
		compare_resolutions(&a, &b, 0, &ab);
		compare_resolutions(&b, &a, 0, &ba);
		assert_complete(&ab);
		assert_complete(&ba);
		ck_assert_uint_eq(ab.sum.inserted, ba.sum.deleted);
		ck_assert_uint_eq(ab.sum.deleted, ba.sum.inserted);
		ck_assert_uint_eq(ab.sum.split, ba.sum.merged);
		ck_assert_uint_eq(ab.sum.merged, ba.sum.split);
		comparison_release(&aa);
		comparison_release(&ab);
		comparison_release(&ba);
		resolution_release(&a);
		resolution_release(&b);
	}
}
END_TEST

/*
 * The same texts typeset as PDFs and extracted with pdftotext (fixtures made
 * by tests/fixtures/make-pdf-fixtures.sh) read as the same resolution.
 */
static void
assert_same_meta(const struct resolution *a, const struct resolution *b)
{
	ck_assert_str_eq(a->meta.symbol, b->meta.symbol);
	ck_assert_str_eq(a->meta.title, b->meta.title);
	ck_assert_str_eq(a->meta.session, b->meta.session);
	ck_assert_str_eq(a->meta.agenda_item, b->meta.agenda_item);
	ck_assert_str_eq(a->meta.adopted, b->meta.adopted);
	ck_assert_str_eq(a->meta.committee_report, b->meta.committee_report);
	ck_assert_str_eq(a->meta.meeting, b->meta.meeting);
}

static void
assert_same_footnote_refs(const struct resolution *a, const struct resolution *b)
{
	size_t i, j;

	ck_assert_uint_eq(a->nclauses, b->nclauses);
	ck_assert_uint_eq(a->nfootnotes, b->nfootnotes);
	for (i = 0; i < a->nclauses; i++) {
		ck_assert_str_eq(a->clauses[i].id, b->clauses[i].id);
		ck_assert_uint_eq(a->clauses[i].nfootnotes, b->clauses[i].nfootnotes);
		for (j = 0; j < a->clauses[i].nfootnotes; j++)
			ck_assert_int_eq(a->clauses[i].footnotes[j], b->clauses[i].footnotes[j]);
	}
}

START_TEST(test_pdftotext_layout_reads_the_same)
{
	static const char *const pairs[][2] = {
		{ "samples/A-RES-79-53.txt", "tests/fixtures/pdf/A-RES-79-53.layout.txt" },
		{ "tests/fixtures/versions/ied-prior.txt", "tests/fixtures/pdf/ied-prior.layout.txt" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(pairs); i++) {
		struct resolution a, b;
		struct comparison c;

		load_fixture(pairs[i][0], &a);
		load_fixture(pairs[i][1], &b);
		ck_assert_uint_eq(b.nwarnings, 0);
		assert_same_meta(&a, &b);
		assert_same_footnote_refs(&a, &b);
		compare_resolutions(&a, &b, IGNORE_TYPOGRAPHY, &c);
		ck_assert_msg(!comparison_has_differences(&c), "%s differs from %s", pairs[i][1], pairs[i][0]);
		comparison_release(&c);
		resolution_release(&a);
		resolution_release(&b);
	}
}
END_TEST

/* Default pdftotext output scrambles footnote numbers and splits a few words
 * with a space ("detonat ing"); everything else must read the same. */
START_TEST(test_pdftotext_default_reads_the_same)
{
	struct resolution b;
	struct comparison c;
	const struct change *ch;
	size_t i;

	load_fixture("tests/fixtures/pdf/A-RES-79-53.pdftotext.txt", &b);
	assert_same_meta(&seed_res, &b);
	assert_same_footnote_refs(&seed_res, &b);
	for (i = 0; i < b.nfootnotes; i++)
		ck_assert_str_eq(seed_res.footnotes[i].text, b.footnotes[i].text);
	/* pdftotext split two words with a space ("detonat ing"): spacing,
	 * which typography-insensitive comparison ignores like the aligner */
	compare_resolutions(&seed_res, &b, IGNORE_TYPOGRAPHY, &c);
	ck_assert_uint_eq(c.sum.modified, 0);
	ck_assert(!comparison_has_differences(&c));
	comparison_release(&c);
	/* compared exactly, those two splits are the only change */
	compare_resolutions(&seed_res, &b, 0, &c);
	ch = find_change(&c, "PP15", "PP15");
	ck_assert_int_eq(ch->kind, CHANGE_MODIFIED);
	{
		static const char *const edits[] = { "-detonating", "+detonat ing", "-procurement", "+pro curement" };
		size_t k = 0;
		char buf[64];

		for (i = 0; i < ch->words.n; i++) {
			const struct wop *op = &ch->words.v[i];
			if (op->kind == WOP_EQ)
				continue;
			ck_assert_uint_lt(k, ARRAY_SIZE(edits));
			snprintf(buf, sizeof(buf), "%c%.*s", op->kind == WOP_DEL ? '-' : '+', (int)op->len, op->s);
			ck_assert_str_eq(buf, edits[k]);
			k++;
		}
		ck_assert_uint_eq(k, ARRAY_SIZE(edits));
	}
	comparison_release(&c);
	resolution_release(&b);
}
END_TEST

static Suite *
compare_suite(void)
{
	Suite *s = suite_create("compare");
	TCase *tc = tcase_create("compare");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_identical_has_no_differences);
	tcase_add_test(tc, test_prior_version_changes);
	tcase_add_test(tc, test_swapping_sides_swaps_counts);
	tcase_add_test(tc, test_typography_mode);
	tcase_add_test(tc, test_typography_fold_is_one_table);
	tcase_add_test(tc, test_metadata_only_is_a_difference);
	tcase_add_test(tc, test_insert_at_top_renumbers_rest);
	tcase_add_test(tc, test_split_never_jumps_a_moved_clause);
	tcase_add_test(tc, test_properties_on_random_versions);
	tcase_add_test(tc, test_pdftotext_layout_reads_the_same);
	tcase_add_test(tc, test_pdftotext_default_reads_the_same);
	tcase_add_test(tc, test_footnote_work_is_bounded);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(compare_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
