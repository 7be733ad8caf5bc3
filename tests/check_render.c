#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "fixture.h"
#include "parse.h"
#include "render.h"
#include "sbuf.h"
#include "utf8.h"
#include "util.h"

static struct resolution seed_res, prior_res;
static struct comparison cmp;	/* prior against seed */

static const int widths[] = { 20, 40, 80, 133 };

static void
parse_string(const char *s, struct resolution *r)
{
	struct rl_error err;

	resolution_init(r);
	if (parse_resolution(s, strlen(s), "test", r, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		abort();
	}
}

static void
setup(void)
{
	load_fixture("samples/A-RES-79-53.txt", &seed_res);
	load_fixture("tests/fixtures/versions/ied-prior.txt", &prior_res);
	compare_resolutions(&prior_res, &seed_res, 0, &cmp);
}

static void
teardown(void)
{
	comparison_release(&cmp);
	resolution_release(&seed_res);
	resolution_release(&prior_res);
}

static struct render_opts
opts(int width, int sbs, int markers, int context)
{
	struct render_opts o;

	memset(&o, 0, sizeof(o));
	o.width = width;
	o.side_by_side = sbs;
	o.markers = markers;
	o.context = context;
	return o;
}

static long
find_change(const struct comparison *c, const char *old_id, const char *new_id)
{
	size_t i;

	for (i = 0; i < c->nchanges; i++) {
		const struct change *ch = &c->changes[i];

		if (old_id && (!ch->nold || strcmp(c->old->clauses[ch->old[0]].id, old_id) != 0))
			continue;
		if (new_id && (!ch->nnew || strcmp(c->new_->clauses[ch->new_[0]].id, new_id) != 0))
			continue;
		return (long)i;
	}
	return -1;
}

static int
is_quiet_change(const struct change *ch)
{
	return ch->kind == CHANGE_UNCHANGED && !ch->moved;
}

/* The first line of this kind that belongs to change ch. */
static const struct rline *
find_line(const struct rdoc *d, enum rline_kind kind, long ch)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].kind == kind && d->v[i].change == ch)
			return &d->v[i];
	return NULL;
}

static void
span_text(struct sbuf *sb, const struct rline *l, const struct span *sp)
{
	sbuf_add(sb, l->text + sp->off, sp->len);
}

/* An edit's text without the markers that punctuation keeps even in
 * colour ("{+,+}"). */
static void
unmarked_text(struct sbuf *sb, const struct rline *l, const struct span *sp)
{
	const char *t = l->text + sp->off;
	size_t i;

	for (i = 0; i < sp->len; i++) {
		if (i + 1 < sp->len && (memcmp(t + i, "[-", 2) == 0 || memcmp(t + i, "-]", 2) == 0 ||
					memcmp(t + i, "{+", 2) == 0 || memcmp(t + i, "+}", 2) == 0)) {
			i++;
			continue;
		}
		sbuf_addch(sb, t[i]);
	}
}

/* Runs of spaces become one, and none at either end. */
static void
squeeze(struct sbuf *out, const char *s)
{
	int space = 0;

	for (; *s; s++) {
		if (*s == ' ') {
			space = 1;
			continue;
		}
		if (space && out->len)
			sbuf_addch(out, ' ');
		space = 0;
		sbuf_addch(out, *s);
	}
}

static void
assert_squeezed_eq(const char *got, const char *want)
{
	struct sbuf a = SBUF_INIT, b = SBUF_INIT;

	squeeze(&a, got);
	squeeze(&b, want);
	ck_assert_str_eq(sbuf_str(&a), sbuf_str(&b));
	sbuf_release(&a);
	sbuf_release(&b);
}

/*
 * Joining wrapped lines with a space adds one where a line broke at a space
 * the other side does not have ("2020{+ and 77/64+}, and"): got must be
 * want with at most `breaks` spaces added, apart from runs of spaces.
 */
static void
assert_rebuilt(const char *got, const char *want, size_t breaks)
{
	struct sbuf a = SBUF_INIT, b = SBUF_INIT;
	const char *p, *q;
	size_t extra = 0;

	squeeze(&a, got);
	squeeze(&b, want);
	for (p = sbuf_str(&a), q = sbuf_str(&b); *p; p++) {
		if (*p == *q) {
			q++;
			continue;
		}
		ck_assert_msg(*p == ' ', "rebuilt text differs at '%.20s' (want '%.20s'):\n%s\n%s",
			      p, q, sbuf_str(&a), sbuf_str(&b));
		extra++;
	}
	ck_assert_msg(*q == '\0', "rebuilt text ends early: want '%s'", q);
	ck_assert_uint_le(extra, breaks);
	sbuf_release(&a);
	sbuf_release(&b);
}

/* The invariants every document keeps, whatever the options. */
static void
assert_well_formed(const struct rdoc *d, const struct comparison *c, int width)
{
	size_t i, k, off, len;

	for (i = 0; i < d->n; i++) {
		const struct rline *l = &d->v[i];

		ck_assert_ptr_nonnull(l->text);
		len = strlen(l->text);
		off = 0;
		for (k = 0; k < l->nspans; k++) {
			ck_assert_uint_eq(l->spans[k].off, off);
			ck_assert_uint_gt(l->spans[k].len, 0);
			ck_assert_int_lt(l->spans[k].role, ROLE_COUNT);
			off += l->spans[k].len;
		}
		ck_assert_uint_eq(off, len);
		ck_assert(utf8_valid(l->text, len, &off));
		for (k = 0; k < len; k++)
			ck_assert_msg((unsigned char)l->text[k] >= 0x20 && l->text[k] != 0x7f,
				      "control byte in line %zu: %s", i, l->text);
		ck_assert_uint_eq(l->width, utf8_str_width(l->text, len));
		ck_assert_msg(l->width <= (size_t)width, "line %zu is %zu cells at width %d: '%s'",
			      i, l->width, width, l->text);
		if (l->kind == RL_FOOTNOTE_HEADER && l->footnote < 0) {
			/* the section title belongs to no footnote in particular */
			ck_assert_str_eq(l->text, "Footnotes");
			ck_assert_int_eq(l->change, -1);
		} else if (l->kind == RL_BLANK && l->footnote < 0 && l->change < 0) {
			ck_assert(i > 0);
			ck_assert_str_eq(d->v[i - 1].text, "Footnotes");
		} else if (l->kind == RL_FOOTNOTE_HEADER || l->kind == RL_FOOTNOTE_TEXT) {
			ck_assert_int_eq(l->change, -1);
			ck_assert_int_ge(l->footnote, 0);
			ck_assert_int_lt(l->footnote, (long)(c->nfootnotes ? c->nfootnotes : 1));
		} else if (l->footnote < 0) {
			ck_assert_int_ge(l->change, 0);
			ck_assert_int_lt(l->change, (long)c->nchanges);
		} else {
			ck_assert_int_eq(l->change, -1);
		}
	}
}

START_TEST(test_lines_well_formed)
{
	size_t w;
	int sbs, markers, ctx;

	for (w = 0; w < ARRAY_SIZE(widths); w++)
		for (sbs = 0; sbs < 2; sbs++)
			for (markers = 0; markers < 2; markers++)
				for (ctx = -1; ctx < 2; ctx++) {
					struct render_opts o = opts(widths[w], sbs, markers, ctx);
					struct rdoc d;

					rdoc_init(&d);
					render_diff(&cmp, &o, &d);
					ck_assert_uint_gt(d.n, 0);
					assert_well_formed(&d, &cmp, widths[w]);
					rdoc_release(&d);
				}
}
END_TEST

/*
 * The words of one side: the spans of the roles shown, the lines joined
 * with one space, the indent (or the other column) left out.
 */
static size_t
side_words(const struct rdoc *d, long ch, enum role edit, int sbs, int right, struct sbuf *out)
{
	size_t i, k, lines = 0;

	for (i = 0; i < d->n; i++) {
		const struct rline *l = &d->v[i];
		int past_sep = 0;

		if (l->kind != RL_TEXT || l->change != ch)
			continue;
		if (lines++)
			sbuf_addch(out, ' ');
		for (k = 0; k < l->nspans; k++) {
			const struct span *sp = &l->spans[k];

			if (sp->role == ROLE_DIM) {
				past_sep = 1;
				continue;
			}
			if (sbs && past_sep != right)
				continue;
			if (sp->role == ROLE_PLAIN)
				span_text(out, l, sp);
			else if (sp->role == edit)
				unmarked_text(out, l, sp);
		}
	}
	return lines ? lines - 1 : 0;
}

static const char *
old_text_of(const struct comparison *c, const struct change *ch)
{
	return ch->joined_old ? ch->joined_old : c->old->clauses[ch->old[0]].text;
}

static const char *
new_text_of(const struct comparison *c, const struct change *ch)
{
	return ch->joined_new ? ch->joined_new : c->new_->clauses[ch->new_[0]].text;
}

static void
assert_rebuilds(int width, int sbs)
{
	struct render_opts o = opts(width, sbs, 0, 0);
	struct rdoc d;
	struct sbuf a = SBUF_INIT, b = SBUF_INIT;
	size_t i, checked = 0, ba, bb;

	rdoc_init(&d);
	render_diff(&cmp, &o, &d);
	for (i = 0; i < cmp.nchanges; i++) {
		const struct change *ch = &cmp.changes[i];

		if (is_quiet_change(ch))
			continue;
		sbuf_reset(&a);
		sbuf_reset(&b);
		ba = side_words(&d, (long)i, ROLE_DEL, sbs, 0, &a);
		bb = side_words(&d, (long)i, ROLE_INS, sbs, 1, &b);
		assert_rebuilt(sbuf_str(&a), ch->nold ? old_text_of(&cmp, ch) : "", ba);
		assert_rebuilt(sbuf_str(&b), ch->nnew ? new_text_of(&cmp, ch) : "", bb);
		checked++;
	}
	ck_assert_uint_gt(checked, 15);
	sbuf_release(&a);
	sbuf_release(&b);
	rdoc_release(&d);
}

START_TEST(test_words_rebuild_both_texts)
{
	assert_rebuilds(40, 0);
	assert_rebuilds(80, 0);
	assert_rebuilds(133, 0);
	assert_rebuilds(80, 1);
	assert_rebuilds(133, 1);
}
END_TEST

static int
has_alnum(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		i += utf8_decode(s + i, n - i, &cp);
		if (utf8_is_alnum(cp))
			return 1;
	}
	return 0;
}

/* The role of the span that holds the first occurrence of needle. */
static int
role_at(const struct rline *l, const char *needle)
{
	const char *p = strstr(l->text, needle);
	size_t off, k;

	if (!p)
		return -1;
	off = (size_t)(p - l->text);
	for (k = 0; k < l->nspans; k++)
		if (off >= l->spans[k].off && off + strlen(needle) <= l->spans[k].off + l->spans[k].len)
			return (int)l->spans[k].role;
	return -2;	/* across spans */
}

START_TEST(test_header_text_and_roles)
{
	static const char want[] = "OP12 -> OP13  renumbered, modified, verb stronger (Encourages -> Urges)";
	struct render_opts o = opts(80, 0, 0, 0);
	struct rdoc d;
	struct sbuf title = SBUF_INIT;
	const struct rline *l;
	long ch = find_change(&cmp, "OP12", "OP13");

	ck_assert_int_ge(ch, 0);
	rdoc_init(&d);
	render_diff(&cmp, &o, &d);
	l = find_line(&d, RL_HEADER, ch);
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->text, want);
	ck_assert_int_eq(role_at(l, "OP12 -> OP13"), ROLE_HEADER);
	ck_assert_int_eq(role_at(l, "renumbered"), ROLE_RENUM);
	ck_assert_int_eq(role_at(l, "modified"), ROLE_KIND);
	ck_assert_int_eq(role_at(l, "verb stronger (Encourages -> Urges)"), ROLE_UP);
	render_change_title(&cmp, &cmp.changes[ch], &title);
	ck_assert_str_eq(sbuf_str(&title), want);
	sbuf_release(&title);

	ch = find_change(&cmp, "PP9", "PP11");
	ck_assert_int_ge(ch, 0);
	l = find_line(&d, RL_HEADER, ch);
	ck_assert_str_eq(l->text, "PP9 -> PP11  moved");
	ck_assert_int_eq(role_at(l, "moved"), ROLE_MOVED);
	rdoc_release(&d);
}
END_TEST

START_TEST(test_header_hedges_and_titles)
{
	struct render_opts o = opts(133, 0, 0, -1);
	struct rdoc d;
	struct sbuf title = SBUF_INIT;
	size_t i, hedged = 0;

	rdoc_init(&d);
	render_diff(&cmp, &o, &d);
	for (i = 0; i < cmp.nchanges; i++) {
		const struct change *ch = &cmp.changes[i];
		const struct rline *l = find_line(&d, RL_HEADER, (long)i);

		ck_assert_ptr_nonnull(l);
		sbuf_reset(&title);
		render_change_title(&cmp, ch, &title);
		ck_assert_str_eq(l->text, sbuf_str(&title));
		if (ch->hedges_added) {
			ck_assert_int_eq(role_at(l, "hedge added \""), ROLE_DOWN);
			hedged++;
		}
		if (ch->hedges_removed)
			ck_assert_int_eq(role_at(l, "hedge removed \""), ROLE_UP);
	}
	ck_assert_uint_eq(hedged, cmp.sum.hedges_added);
	ck_assert_uint_gt(hedged, 0);
	sbuf_release(&title);
	rdoc_release(&d);
}
END_TEST

/* A narrow header wraps onto more header lines with the same words. */
START_TEST(test_header_wraps)
{
	struct render_opts o = opts(20, 0, 0, 0);
	struct rdoc d;
	struct sbuf joined = SBUF_INIT, title = SBUF_INIT;
	long ch = find_change(&cmp, "OP12", "OP13");
	size_t i, n = 0;

	rdoc_init(&d);
	render_diff(&cmp, &o, &d);
	for (i = 0; i < d.n; i++) {
		if (d.v[i].kind != RL_HEADER || d.v[i].change != ch)
			continue;
		if (joined.len)
			sbuf_addch(&joined, ' ');
		sbuf_adds(&joined, d.v[i].text);
		n++;
	}
	ck_assert_uint_ge(n, 4);
	render_change_title(&cmp, &cmp.changes[ch], &title);
	assert_squeezed_eq(sbuf_str(&joined), sbuf_str(&title));
	sbuf_release(&joined);
	sbuf_release(&title);
	rdoc_release(&d);
}
END_TEST

/* Per change: 1 when shown with a header, 2 when folded. */
static void
coverage(const struct rdoc *d, const struct comparison *c, unsigned char *how)
{
	size_t i, n, k;
	const char *p;

	memset(how, 0, c->nchanges);
	for (i = 0; i < d->n; i++) {
		const struct rline *l = &d->v[i];

		if (l->kind == RL_HEADER && l->change >= 0) {
			how[l->change] |= 1;
		} else if (l->kind == RL_FOLD) {
			p = strstr(l->text, " (");
			ck_assert_ptr_nonnull(p);
			n = strtoul(p + 2, NULL, 10);
			ck_assert_uint_gt(n, 0);
			for (k = 0; k < n; k++) {
				ck_assert(is_quiet_change(&c->changes[l->change + (long)k]));
				how[l->change + (long)k] |= 2;
			}
		}
	}
	for (i = 0; i < c->nchanges; i++)
		ck_assert_msg(how[i] == 1 || how[i] == 2, "change %zu shown %d", i, how[i]);
}

START_TEST(test_folding_and_context)
{
	struct render_opts o = opts(80, 0, 0, 0);
	struct rdoc d;
	unsigned char *how = xcalloc(cmp.nchanges, 1);
	long ch = find_change(&cmp, "OP6", "OP7");
	const struct rline *l;
	size_t i;

	rdoc_init(&d);
	render_diff(&cmp, &o, &d);
	coverage(&d, &cmp, how);
	l = find_line(&d, RL_FOLD, ch);
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->text, "  ... OP6-OP8 -> OP7-OP9  renumbered, text unchanged (3 clauses)");
	ck_assert_int_eq(l->spans[0].role, ROLE_FOLD);
	ck_assert_int_eq(l[1].kind, RL_BLANK);
	for (i = 0; i < cmp.nchanges; i++)
		ck_assert_int_eq(how[i], is_quiet_change(&cmp.changes[i]) ? 2 : 1);
	rdoc_release(&d);

	o.context = -1;
	render_diff(&cmp, &o, &d);
	coverage(&d, &cmp, how);
	for (i = 0; i < cmp.nchanges; i++)
		ck_assert_int_eq(how[i], 1);
	rdoc_release(&d);

	o.context = 1;
	render_diff(&cmp, &o, &d);
	coverage(&d, &cmp, how);
	for (i = 0; i < cmp.nchanges; i++) {
		if (is_quiet_change(&cmp.changes[i]))
			continue;
		ck_assert_int_eq(how[i], 1);
		if (i > 0)
			ck_assert_int_eq(how[i - 1], 1);
		if (i + 1 < cmp.nchanges)
			ck_assert_int_eq(how[i + 1], 1);
	}
	rdoc_release(&d);
	free(how);
}
END_TEST

START_TEST(test_expanded_splits_fold)
{
	struct render_opts o = opts(80, 0, 0, 0);
	struct rdoc d;
	unsigned char *ex = xcalloc(cmp.nchanges, 1);
	unsigned char *how = xcalloc(cmp.nchanges, 1);
	long first = find_change(&cmp, "PP14", "PP14");
	const struct rline *l;

	/* PP14-PP19 fold as one run; open PP16 */
	ck_assert_int_ge(first, 0);
	ex[first + 2] = 1;
	o.expanded = ex;
	rdoc_init(&d);
	render_diff(&cmp, &o, &d);
	coverage(&d, &cmp, how);
	ck_assert_int_eq(how[first + 2], 1);
	l = find_line(&d, RL_FOLD, first);
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->text, "  ... PP14-PP15  unchanged (2 clauses)");
	l = find_line(&d, RL_HEADER, first + 2);
	ck_assert_str_eq(l->text, "PP16  unchanged");
	ck_assert_int_eq(l[1].kind, RL_TEXT);
	ck_assert_int_eq(role_at(&l[1], "    "), ROLE_PLAIN);
	l = find_line(&d, RL_FOLD, first + 3);
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->text, "  ... PP17-PP19  unchanged (3 clauses)");
	rdoc_release(&d);

	/* at the edge of a run, no empty fold */
	memset(ex, 0, cmp.nchanges);
	ex[first] = 1;
	render_diff(&cmp, &o, &d);
	coverage(&d, &cmp, how);
	ck_assert_int_eq(how[first], 1);
	l = find_line(&d, RL_FOLD, first + 1);
	ck_assert_str_eq(l->text, "  ... PP15-PP19  unchanged (5 clauses)");
	rdoc_release(&d);
	free(ex);
	free(how);
}
END_TEST

/* The display column of the separator span on a text line, or -1. */
static long
separator_column(const struct rline *l, const char *sep)
{
	size_t k;

	for (k = 0; k < l->nspans; k++) {
		if (l->spans[k].role != ROLE_DIM)
			continue;
		ck_assert_uint_eq(l->spans[k].len, strlen(sep));
		ck_assert(memcmp(l->text + l->spans[k].off, sep, strlen(sep)) == 0);
		return (long)utf8_str_width(l->text, l->spans[k].off);
	}
	return -1;
}

/* Left of the separator no insertions, right of it no deletions. */
static void
assert_sides(const struct rline *l)
{
	size_t k;
	int past = 0;

	for (k = 0; k < l->nspans; k++) {
		if (l->spans[k].role == ROLE_DIM)
			past = 1;
		else
			ck_assert_int_ne(l->spans[k].role, past ? ROLE_DEL : ROLE_INS);
	}
}

START_TEST(test_side_by_side_aligned)
{
	size_t w, i, text_lines;
	int ascii, markers;

	for (w = 0; w < ARRAY_SIZE(widths); w++)
		for (ascii = 0; ascii < 2; ascii++)
			for (markers = 0; markers < 2; markers++) {
				struct render_opts o = opts(widths[w], 1, markers, 0);
				const char *sep = ascii ? " | " : " \xe2\x94\x82 ";
				struct rdoc d;

				o.ascii = ascii;
				rdoc_init(&d);
				render_diff(&cmp, &o, &d);
				assert_well_formed(&d, &cmp, widths[w]);
				text_lines = 0;
				for (i = 0; i < d.n; i++) {
					if (d.v[i].kind != RL_TEXT && d.v[i].kind != RL_FOOTNOTE_TEXT)
						continue;
					ck_assert_int_eq(separator_column(&d.v[i], sep), (widths[w] - 3) / 2);
					assert_sides(&d.v[i]);
					text_lines++;
				}
				ck_assert_uint_gt(text_lines, 20);
				rdoc_release(&d);
			}
}
END_TEST

/* An inserted clause leaves the left column blank and the right one full. */
START_TEST(test_side_by_side_inserted)
{
	struct render_opts o = opts(80, 1, 0, 0);
	struct rdoc d;
	long ch = find_change(&cmp, NULL, "PP20");
	size_t i, n = 0;

	ck_assert_int_eq(cmp.changes[ch].kind, CHANGE_INSERTED);
	rdoc_init(&d);
	render_diff(&cmp, &o, &d);
	for (i = 0; i < d.n; i++) {
		const struct rline *l = &d.v[i];

		if (l->kind != RL_TEXT || l->change != ch)
			continue;
		ck_assert_int_eq(l->spans[0].role, ROLE_PLAIN);
		ck_assert_uint_eq(l->spans[0].len, 38);
		ck_assert_int_eq(l->spans[1].role, ROLE_DIM);
		ck_assert_int_eq(l->spans[2].role, ROLE_INS);
		ck_assert_uint_eq(l->nspans, 3);
		n++;
	}
	ck_assert_uint_ge(n, 5);
	rdoc_release(&d);
}
END_TEST

START_TEST(test_markers)
{
	struct render_opts o = opts(80, 0, 1, 0);
	struct rdoc d;
	const struct rline *l;
	long ch = find_change(&cmp, "OP12", "OP13");
	size_t i;

	rdoc_init(&d);
	render_diff(&cmp, &o, &d);
	l = find_line(&d, RL_TEXT, ch);
	ck_assert_ptr_nonnull(l);
	ck_assert(strncmp(l->text, "    [-Encourages-]{+Urges+} all States", 38) == 0);
	ck_assert_int_eq(role_at(l, "[-Encourages-]"), ROLE_DEL);
	ck_assert_int_eq(role_at(l, "{+Urges+}"), ROLE_INS);
	/* "[- and-]" in textout: the markers hug the words */
	l = find_line(&d, RL_TEXT, find_change(&cmp, "PP1", "PP1"));
	for (; l->kind == RL_TEXT && !strstr(l->text, "[-and-]{+,+}"); l++)
		;
	ck_assert_int_eq(l->kind, RL_TEXT);
	rdoc_release(&d);

	o.side_by_side = 1;
	render_diff(&cmp, &o, &d);
	l = find_line(&d, RL_TEXT, ch);
	ck_assert_ptr_nonnull(l);
	ck_assert(strncmp(l->text, "[-Encourages-] all", 18) == 0);
	ck_assert_ptr_nonnull(strstr(l->text, "{+Urges+} all"));
	rdoc_release(&d);

	/* without markers, words are marked by colour alone; only an edit of
	 * punctuation keeps its markers */
	o.markers = 0;
	o.side_by_side = 0;
	render_diff(&cmp, &o, &d);
	for (i = 0; i < d.n; i++) {
		const char *p = d.v[i].text, *e;

		if (d.v[i].kind != RL_TEXT)
			continue;
		while ((p = strstr(p, "{+")) != NULL) {
			e = strstr(p, "+}");
			ck_assert_ptr_nonnull(e);
			ck_assert_msg(!has_alnum(p + 2, (size_t)(e - p - 2)), "words in markers: '%s'", d.v[i].text);
			p = e;
		}
	}
	l = find_line(&d, RL_TEXT, ch);
	ck_assert(strncmp(l->text, "    Encourages Urges all States", 31) == 0);
	rdoc_release(&d);
}
END_TEST

START_TEST(test_footnotes)
{
	struct render_opts o = opts(80, 0, 0, 0);
	struct rdoc d;
	size_t i, k, headers = 0;
	char want[64];

	ck_assert_uint_gt(cmp.nfootnotes, 0);
	rdoc_init(&d);
	render_diff(&cmp, &o, &d);
	for (i = 0; i < d.n && d.v[i].kind != RL_FOOTNOTE_HEADER; i++)
		;
	ck_assert_uint_lt(i, d.n);
	ck_assert_str_eq(d.v[i].text, "Footnotes");
	for (k = 0; k < cmp.nfootnotes; k++) {
		const struct footnote_change *fc = &cmp.footnotes[k];
		const struct rline *l = NULL;

		for (i = 0; i < d.n; i++)
			if (d.v[i].kind == RL_FOOTNOTE_HEADER && d.v[i].footnote == (long)k) {
				l = &d.v[i];
				if (k || strcmp(l->text, "Footnotes") != 0)
					break;
			}
		ck_assert_ptr_nonnull(l);
		if (fc->kind == CHANGE_MODIFIED && fc->old_number != fc->new_number)
			snprintf(want, sizeof(want), "footnote %d -> %d  modified", fc->old_number, fc->new_number);
		else
			snprintf(want, sizeof(want), "footnote %d  %s", fc->new_number ? fc->new_number : fc->old_number,
				 change_kind_name(fc->kind));
		ck_assert_str_eq(l->text, want);
		ck_assert_int_eq(l[1].kind, RL_FOOTNOTE_TEXT);
		ck_assert_int_eq(l[1].footnote, (long)k);
		if (fc->kind == CHANGE_INSERTED)
			ck_assert_int_eq(l[1].spans[1].role, ROLE_INS);
		headers++;
	}
	ck_assert_uint_eq(headers, cmp.nfootnotes);
	ck_assert_int_eq(d.v[d.n - 1].kind, RL_BLANK);
	rdoc_release(&d);
}
END_TEST

/*
 * Text from outside: wide characters, combining marks, escape sequences.
 */

static const char tiny_old[] =
	"The General Assembly,\n\nNoting \xe4\xb8\xad\xe6\x96\x87 \x1b[31m text,\n\n1. Decides ...;\n";

static void
tiny_new(struct sbuf *sb)
{
	int i;

	sbuf_adds(sb, "The General Assembly,\n\nNoting \xe4\xb8\xad\xe6\x96\x87 \x1b[31m text ");
	for (i = 0; i < 30; i++)
		sbuf_adds(sb, "\xe4\xb8\xad");	/* one 60-cell word */
	sbuf_addch(sb, ' ');
	for (i = 0; i < 40; i++)
		sbuf_adds(sb, "e\xcc\x81");	/* e + combining acute, 40 cells */
	sbuf_adds(sb, " and \x7f\x01 more,\n\n1. Decides ...;\n");
}

/* Lines may be cut inside a word, never before a combining mark. */
static void
assert_no_orphan_marks(const struct rdoc *d, size_t indent)
{
	size_t i, k;
	uint32_t cp;

	for (i = 0; i < d->n; i++) {
		const struct rline *l = &d->v[i];
		const char *t = l->text;

		for (k = 0; t[k] == ' ' && k < indent; k++)
			;
		if (!t[k])
			continue;
		utf8_decode(t + k, strlen(t + k), &cp);
		ck_assert_msg(utf8_width(cp) > 0, "line starts with a zero-width character: '%s'", t);
	}
}

START_TEST(test_wide_combining_and_controls)
{
	struct resolution a, b;
	struct comparison c;
	struct sbuf src = SBUF_INIT;
	static const int nw[] = { 20, 21, 25, 40, 80 };
	size_t w, i;
	int sbs, markers, caret;

	parse_string(tiny_old, &a);
	tiny_new(&src);
	parse_string(sbuf_str(&src), &b);
	compare_resolutions(&a, &b, 0, &c);
	ck_assert(comparison_has_differences(&c));
	for (w = 0; w < ARRAY_SIZE(nw); w++)
		for (sbs = 0; sbs < 2; sbs++)
			for (markers = 0; markers < 2; markers++) {
				struct render_opts o = opts(nw[w], sbs, markers, -1);
				struct rdoc d;

				rdoc_init(&d);
				render_diff(&c, &o, &d);
				assert_well_formed(&d, &c, nw[w]);
				if (!sbs)
					assert_no_orphan_marks(&d, 4);
				for (i = 0; sbs && i < d.n; i++)
					if (d.v[i].kind == RL_TEXT)
						ck_assert_int_eq(separator_column(&d.v[i], " \xe2\x94\x82 "), (nw[w] - 3) / 2);
				caret = 0;
				for (i = 0; i < d.n; i++) {
					ck_assert_ptr_null(strchr(d.v[i].text, '\x1b'));
					caret |= strstr(d.v[i].text, "^[[31m") != NULL;
					if (!sbs && strstr(d.v[i].text, "^?^A"))
						caret |= 2;
				}
				ck_assert_int_eq(caret, sbs ? 1 : 3);
				rdoc_release(&d);
			}
	comparison_release(&c);
	resolution_release(&a);
	resolution_release(&b);
	sbuf_release(&src);
}
END_TEST

/* A wide word cut at an odd width leaves the last cell empty. */
START_TEST(test_wide_never_straddles)
{
	struct resolution a, b;
	struct comparison c;
	struct sbuf src = SBUF_INIT;
	struct render_opts o = opts(21, 0, 0, -1);
	struct rdoc d;
	size_t i, cut = 0;

	parse_string(tiny_old, &a);
	tiny_new(&src);
	parse_string(sbuf_str(&src), &b);
	compare_resolutions(&a, &b, 0, &c);
	rdoc_init(&d);
	render_diff(&c, &o, &d);
	for (i = 0; i < d.n; i++)
		if (strstr(d.v[i].text, "\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad")) {
			ck_assert_uint_eq(d.v[i].width, 20);	/* 4 indent + 8 wide */
			cut++;
		}
	ck_assert_uint_ge(cut, 3);
	rdoc_release(&d);
	comparison_release(&c);
	resolution_release(&a);
	resolution_release(&b);
	sbuf_release(&src);
}
END_TEST

/*
 * A split shows each new paragraph under its own number: the text of the
 * first new paragraph, then the second one starting on a line of its own
 * with its number, in the interface and in the text output (no wrapping).
 */
static void
assert_split_paragraphs(int width, int sbs, int markers)
{
	struct render_opts o = opts(width, sbs, markers, 0);
	struct rdoc d;
	long ch = find_change(&cmp, "OP5", "OP5");
	size_t i, op5 = 0, op6 = 0, lines = 0;
	const char *want5 = sbs ? "OP5  " : "    OP5  ", *want6 = sbs ? "OP6  " : "    OP6  ";

	ck_assert_int_ge(ch, 0);
	ck_assert_int_eq(cmp.changes[ch].kind, CHANGE_SPLIT);
	rdoc_init(&d);
	render_diff(&cmp, &o, &d);
	assert_well_formed(&d, &cmp, width);
	for (i = 0; i < d.n; i++) {
		const struct rline *l = &d.v[i];
		const char *t = l->text;

		if (l->kind != RL_TEXT || l->change != ch)
			continue;
		lines++;
		if (sbs) {
			/* the new paragraphs are in the right column */
			t = strstr(l->text, " \xe2\x94\x82 ");
			ck_assert_ptr_nonnull(t);
			t += strlen(" \xe2\x94\x82 ");
		}
		if (strncmp(t, want5, strlen(want5)) == 0) {
			ck_assert_uint_eq(op6, 0);
			ck_assert_int_eq(role_at(l, "OP5"), ROLE_HEADER);
			op5++;
		}
		if (strncmp(t, want6, strlen(want6)) == 0) {
			ck_assert_uint_eq(op5, 1);
			ck_assert_int_eq(role_at(l, "OP6"), ROLE_HEADER);
			/* the second paragraph begins with the words of new OP6 */
			ck_assert_ptr_nonnull(strstr(t, markers ? "{+Encourages+} States" : "Encourages States"));
			op6++;
		}
	}
	ck_assert_uint_eq(op5, 1);
	ck_assert_uint_eq(op6, 1);
	ck_assert_uint_ge(lines, width >= RENDER_NO_WRAP ? 2 : 3);
	rdoc_release(&d);
}

START_TEST(test_split_numbers_each_paragraph)
{
	assert_split_paragraphs(80, 0, 0);
	assert_split_paragraphs(80, 0, 1);
	assert_split_paragraphs(RENDER_NO_WRAP, 0, 1);
	assert_split_paragraphs(133, 1, 0);
	assert_split_paragraphs(133, 1, 1);
}
END_TEST

/* A deleted clause is named by its old number, said to be old: new PP27
 * is another clause. */
START_TEST(test_deleted_shows_old_number)
{
	struct render_opts o = opts(80, 0, 0, 0);
	struct rdoc d;
	struct sbuf title = SBUF_INIT;
	long ch = find_change(&cmp, "PP27", NULL);
	const struct rline *l;

	ck_assert_int_ge(ch, 0);
	ck_assert_int_eq(cmp.changes[ch].kind, CHANGE_DELETED);
	rdoc_init(&d);
	render_diff(&cmp, &o, &d);
	l = find_line(&d, RL_HEADER, ch);
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->text, "was PP27  deleted");
	ck_assert_int_eq(role_at(l, "was PP27"), ROLE_HEADER);
	render_change_title(&cmp, &cmp.changes[ch], &title);
	ck_assert_str_eq(sbuf_str(&title), "was PP27  deleted");
	sbuf_release(&title);
	rdoc_release(&d);
}
END_TEST

/*
 * A fold stands for clauses that follow one another on both sides, so its
 * ranges name only what it holds: old PP9 moved to PP11, so old PP6-PP11
 * is not one run of unchanged clauses.
 */
START_TEST(test_fold_never_spans_a_move)
{
	static const int ctxs[] = { 0, 1 };
	size_t c, i, k, n, folds = 0;

	for (c = 0; c < ARRAY_SIZE(ctxs); c++) {
		struct render_opts o = opts(RENDER_NO_WRAP, 0, 0, ctxs[c]);
		struct rdoc d;

		rdoc_init(&d);
		render_diff(&cmp, &o, &d);
		for (i = 0; i < d.n; i++) {
			const struct rline *l = &d.v[i];
			if (l->kind != RL_FOLD)
				continue;
			folds++;
			n = strtoul(strstr(l->text, " (") + 2, NULL, 10);
			for (k = 1; k < n; k++) {
				const struct change *a = &cmp.changes[l->change + (long)k - 1];
				const struct change *b = &cmp.changes[l->change + (long)k];

				ck_assert_msg(b->old[0] == a->old[0] + 1 && b->new_[0] == a->new_[0] + 1,
					      "fold '%s' holds clauses that do not follow one another", l->text);
			}
			ck_assert_ptr_null(strstr(l->text, "PP6-PP11"));
		}
		rdoc_release(&d);
	}
	ck_assert_uint_gt(folds, 10);
}
END_TEST

static int
holds(const char *s, size_t n, const char *needle)
{
	size_t i, k = strlen(needle);

	for (i = 0; i + k <= n; i++)
		if (memcmp(s + i, needle, k) == 0)
			return 1;
	return 0;
}

/*
 * Colour without markers: a deleted run never touches the inserted run
 * after it ("deep" then "profound", not "deepprofound"), and an edit of
 * punctuation alone keeps its markers, or a lone deleted comma would be a
 * red comma nobody sees.
 */
START_TEST(test_colour_edits_stay_apart)
{
	size_t w, i, k, apart = 0, punct = 0;
	int sbs;
	long pp4 = find_change(&cmp, "PP4", "PP4"), pp2 = find_change(&cmp, "PP2", "PP2");

	for (w = 0; w <= ARRAY_SIZE(widths); w++)
		for (sbs = 0; sbs < 2; sbs++) {
			int width = w < ARRAY_SIZE(widths) ? widths[w] : RENDER_NO_WRAP;
			struct render_opts o = opts(width, sbs, 0, 0);
			struct rdoc d;

			rdoc_init(&d);
			if (sbs && width == RENDER_NO_WRAP)
				continue;
			render_diff(&cmp, &o, &d);
			assert_well_formed(&d, &cmp, width);
			for (i = 0; i < d.n; i++) {
				const struct rline *l = &d.v[i];

				for (k = 0; k < l->nspans; k++) {
					const struct span *sp = &l->spans[k];
					const char *t = l->text + sp->off;

					if (k + 1 < l->nspans)
						ck_assert_msg(!(sp->role == ROLE_DEL && l->spans[k + 1].role == ROLE_INS),
							      "deleted and inserted words touch: '%s'", l->text);
					/* unwrapped, each edit is one span */
					if (width == RENDER_NO_WRAP && (sp->role == ROLE_DEL || sp->role == ROLE_INS) &&
					    !has_alnum(t, sp->len)) {
						ck_assert_msg(holds(t, sp->len, sp->role == ROLE_DEL ? "[-" : "{+"),
							      "punctuation edit without markers: '%s'", l->text);
						punct++;
					}
				}
			}
			/* unified: "Expressing deep profound concern", the space between */
			for (i = 0; !sbs && i < d.n; i++) {
				const struct rline *l = &d.v[i];

				if (l->change == pp4 && l->kind == RL_TEXT && strstr(l->text, "deep profound")) {
					ck_assert_int_eq(role_at(l, "deep"), ROLE_DEL);
					ck_assert_int_eq(role_at(l, "profound"), ROLE_INS);
					apart++;
				}
				if (l->change == pp2 && l->kind == RL_TEXT && strstr(l->text, "and[-,-] in"))
					ck_assert_int_eq(role_at(l, "[-,-]"), ROLE_DEL);
			}
			rdoc_release(&d);
		}
	/* at 20 columns the two words fall on two lines */
	ck_assert_uint_eq(apart, ARRAY_SIZE(widths));
	ck_assert_uint_ge(punct, 3);
}
END_TEST

static Suite *
render_suite(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("render");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_lines_well_formed);
	tcase_add_test(tc, test_words_rebuild_both_texts);
	tcase_add_test(tc, test_header_text_and_roles);
	tcase_add_test(tc, test_header_hedges_and_titles);
	tcase_add_test(tc, test_header_wraps);
	tcase_add_test(tc, test_folding_and_context);
	tcase_add_test(tc, test_expanded_splits_fold);
	tcase_add_test(tc, test_side_by_side_aligned);
	tcase_add_test(tc, test_side_by_side_inserted);
	tcase_add_test(tc, test_markers);
	tcase_add_test(tc, test_footnotes);
	tcase_add_test(tc, test_wide_combining_and_controls);
	tcase_add_test(tc, test_wide_never_straddles);
	tcase_add_test(tc, test_split_numbers_each_paragraph);
	tcase_add_test(tc, test_deleted_shows_old_number);
	tcase_add_test(tc, test_fold_never_spans_a_move);
	tcase_add_test(tc, test_colour_edits_stay_apart);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(render_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
