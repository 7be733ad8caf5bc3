/*
 * The agreed view: where the wording of one clause has been adopted
 * before, as `redline agreed --clause` tells it (agreed_text.h): every
 * text that holds 60% or more of the clause, best first, its coverage and
 * its words against the clause's (the differing ones in the diff view's
 * colours, [-...-] and {+...+} when markers are on), then its
 * occurrences, one a line, under "first adopted", "recurs in", "drafts"
 * or "drafts only". j and k go from a hit to its occurrences and on to
 * the next hit, n and N from hit to hit; Enter on an occurrence opens the
 * comparison that version was made in (against the one before it in its
 * series), on the clause; on a hit, its first occurrence's.
 *
 * Ownership: the view owns the index it read (agreed_store), the hits and
 * its copies of the clause's names and text; the groups point into the
 * index and the hits.
 * Errors: an index that cannot be read or made leaves the view with the
 * reason, also on the status line; a version that cannot be opened says
 * why on the status line.
 */
#include "config.h"
#include "views.h"

#include <stdlib.h>
#include <string.h>

#include "agreed_store.h"
#include "agreed_text.h"
#include "styled.h"
#include "utf8.h"

/* The hit's text and the occurrences' heads start INDENT cells in (as
 * AGREED_TEXT_INDENT), later occurrences under the first (HEAD_PAD: as
 * wide as a head). */
#define INDENT 6
#define HEAD_PAD "               "

struct agreed_view {
	struct agreed_store a;
	const struct agreed_index *x;	/* the hits' */
	struct agreed_hit *hits;
	struct agreed_group *g;
	size_t ng;
	int loaded;
	char *query;		/* the clause's text on one line */
	char *clause, *label, *path, *commit;	/* path, commit: NULL outside a repository */
	char *error;		/* why nothing is shown */
	/* per line of the document: its hit (-1: none) and occurrence (NULL:
	 * the hit's own lines, a blank or the summary) */
	long *line_group;
	const struct agreed_occ **line_occ;
	unsigned char *line_stop;	/* 1: where j and k stop (a hit's or an occurrence's first line) */
	size_t nlines, lines_cap;
	int placed;		/* the cursor was put on the first hit */
};

/* Record what the lines pushed since first belong to; stop: the first
 * of them is one the cursor stops on. */
static void
note_lines(struct agreed_view *p, const struct view *v, size_t first, long group, const struct agreed_occ *o,
	   int stop)
{
	size_t i;

	if (v->doc.n > p->lines_cap) {
		size_t cap = v->doc.n * 2;

		p->line_group = xrealloc(p->line_group, cap * sizeof(*p->line_group));
		p->line_occ = xrealloc(p->line_occ, cap * sizeof(*p->line_occ));
		p->line_stop = xrealloc(p->line_stop, cap);
		p->lines_cap = cap;
	}
	for (i = first; i < v->doc.n; i++) {
		p->line_group[i] = group;
		p->line_occ[i] = o;
		p->line_stop[i] = stop && i == first;
	}
	p->nlines = v->doc.n;
}


/* " 98%  ...[-Urges-]{+Encourages+} all States..." */
static void
push_hit(struct agreed_view *p, struct view *v, const struct tui_state *st, size_t gi, struct styled *line)
{
	const struct agreed_group *g = &p->g[gi];
	struct sbuf cov = SBUF_INIT;
	struct wscript ws;
	int before, after;
	size_t first = v->doc.n;

	agreed_text_coverage(g->hit, &cov);
	styled_adds(line, ROLE_HEADER, sbuf_str(&cov));
	wscript_init(&ws);
	agreed_text_diff(p->x, g->hit, p->query, &ws, &before, &after);
	if (before)
		styled_adds(line, ROLE_DIM, "...");
	styled_add_script(line, &ws, st->markers);
	if (after)
		styled_adds(line, ROLE_DIM, "...");
	styled_push(line, &v->doc, RL_HEADER, (long)gi, st->wrap ? st->cols : 0, INDENT);
	note_lines(p, v, first, (long)gi, NULL, 1);
	wscript_release(&ws);
	sbuf_release(&cov);
}

/* The occurrences of one kind, one a line, the head on the first. */
static void
push_occs(struct agreed_view *p, struct view *v, const struct tui_state *st, size_t gi, const char *head,
	  const struct agreed_occ *const *o, size_t n, const char *note, struct styled *line)
{
	const size_t indent = strlen(AGREED_TEXT_INDENT HEAD_PAD);
	struct sbuf text = SBUF_INIT;
	size_t i, first;

	for (i = 0; i < n; i++) {
		sbuf_reset(&text);
		agreed_text_occ(p->x, o[i], &text);
		styled_adds(line, ROLE_PLAIN, AGREED_TEXT_INDENT);
		/* the head on the first line only: the others line up under it */
		if (i)
			styled_adds(line, ROLE_PLAIN, HEAD_PAD);
		else
			styled_adds(line, ROLE_KIND, head);
		styled_adds(line, ROLE_PLAIN, sbuf_str(&text));
		first = v->doc.n;
		styled_push(line, &v->doc, RL_TEXT, (long)gi, st->wrap ? st->cols : 0, indent);
		note_lines(p, v, first, (long)gi, o[i], 1);
	}
	/* a line of its own, under the occurrences: after the first it would
	 * not fit 80 columns beside a long symbol */
	if (n && note) {
		styled_adds(line, ROLE_PLAIN, AGREED_TEXT_INDENT HEAD_PAD);
		styled_adds(line, ROLE_DIM, note + strspn(note, " "));
		first = v->doc.n;
		styled_push(line, &v->doc, RL_TEXT, (long)gi, st->wrap ? st->cols : 0, indent);
		note_lines(p, v, first, (long)gi, NULL, 0);
	}
	sbuf_release(&text);
}

static void
push_blank(struct agreed_view *p, struct view *v, long group, struct styled *line)
{
	size_t first = v->doc.n;

	styled_push(line, &v->doc, RL_BLANK, group, 0, 0);
	note_lines(p, v, first, group, NULL, 0);
}

/* The line showing the hit and occurrence, or -1. */
static long
line_of(const struct agreed_view *p, long group, const struct agreed_occ *o)
{
	size_t i;

	for (i = 0; i < p->nlines; i++)
		if (p->line_group[i] == group && p->line_occ[i] == o)
			return (long)i;
	return -1;
}

static void
agreed_layout(struct view *v, struct tui *t)
{
	struct agreed_view *p = v->priv;
	const struct tui_state *st = tui_state(t);
	struct styled line;
	struct sbuf head = SBUF_INIT;
	long keep_group = -1, at;
	const struct agreed_occ *keep_occ = NULL;
	size_t gi, first;

	/* the cursor stays on its hit and occurrence when the width changes */
	if (p->placed && v->cursor < p->nlines) {
		keep_group = p->line_group[v->cursor];
		keep_occ = p->line_occ[v->cursor];
	}
	rdoc_release(&v->doc);
	rdoc_init(&v->doc);
	p->nlines = 0;
	styled_init(&line);
	if (!p->loaded) {
		styled_adds(&line, ROLE_DIM, p->error ? p->error : "no agreed-language index");
		first = v->doc.n;
		styled_push(&line, &v->doc, RL_TEXT, -1, st->cols, 2);
		note_lines(p, v, first, -1, NULL, 0);
		goto out;
	}
	if (p->ng)
		agreed_text_summary(p->ng, p->clause, p->a.nclauses, p->a.nversions, &head);
	else
		sbuf_printf(&head, "no text holds %.0f%% or more of %s (%zu distinct clauses of %zu versions searched)",
			    AGREED_TEXT_MIN_COVERAGE * 100, p->clause, p->a.nclauses, p->a.nversions);
	styled_adds(&line, ROLE_DIM, sbuf_str(&head));
	first = v->doc.n;
	styled_push(&line, &v->doc, RL_TEXT, -1, st->wrap ? st->cols : 0, 2);
	note_lines(p, v, first, -1, NULL, 0);
	for (gi = 0; gi < p->ng; gi++) {
		const struct agreed_group *g = &p->g[gi];

		/* a blank belongs to the hit above it: n from there goes on */
		push_blank(p, v, (long)gi - 1, &line);
		push_hit(p, v, st, gi, &line);
		if (g->nadopted) {
			push_occs(p, v, st, gi, AGREED_TEXT_FIRST, g->adopted_occ, 1, NULL, &line);
			push_occs(p, v, st, gi, AGREED_TEXT_RECURS, g->adopted_occ + 1, g->nadopted - 1, NULL, &line);
		}
		push_occs(p, v, st, gi, g->nadopted ? AGREED_TEXT_DRAFTS : AGREED_TEXT_DRAFTS_ONLY, g->drafts,
			  g->ndrafts, g->nadopted ? NULL : AGREED_TEXT_NOT_AGREED, &line);
	}
	if (!p->placed) {
		/* on the first hit, the summary above it in sight */
		v->cursor = p->ng ? 2 : 0;
		v->top = 0;
		p->placed = 1;
	} else if ((at = line_of(p, keep_group, keep_occ)) >= 0) {
		tui_select(t, v, (size_t)at);
	}
out:
	styled_release(&line);
	sbuf_release(&head);
}

static long
cursor_group(const struct view *v)
{
	const struct agreed_view *p = v->priv;

	return v->cursor < p->nlines ? p->line_group[v->cursor] : -1;
}

static const struct agreed_occ *
cursor_occ(const struct view *v)
{
	const struct agreed_view *p = v->priv;

	return v->cursor < p->nlines ? p->line_occ[v->cursor] : NULL;
}

/*
 * j and k: the next or previous hit or occurrence, over the lines a hit's
 * text wraps onto, the blanks and the notes. At either end the cursor
 * stays and the lines beyond it come into sight (the summary above the
 * first hit, a note below the last occurrence).
 */
static void
move_stop(struct view *v, struct tui *t, int backward)
{
	struct agreed_view *p = v->priv;
	size_t k = v->cursor, rows = tui_state(t)->content_rows > 0 ? (size_t)tui_state(t)->content_rows : 1;

	while (backward ? k > 0 : k + 1 < p->nlines) {
		k = backward ? k - 1 : k + 1;
		if (p->line_stop[k]) {
			tui_select(t, v, k);
			return;
		}
	}
	if (backward)
		v->top = v->cursor < rows ? 0 : v->top;
	else if (p->nlines > v->top + rows)
		v->top = p->nlines - rows > v->cursor ? v->cursor : p->nlines - rows;
}

/* n and N: the first line of the next or previous hit. */
static void
jump_hit(struct view *v, struct tui *t, int backward)
{
	struct agreed_view *p = v->priv;
	long cur = cursor_group(v), want;

	if (!p->ng) {
		tui_message(t, 0, "no hits");
		return;
	}
	want = backward ? (cur < 0 ? -1 : cur - 1) : cur + 1;
	/* before the first hit (the summary), N stays; past the last, n does */
	if (want < 0 || (size_t)want >= p->ng) {
		tui_message(t, 0, "no hit %s this one (%zu in all)", backward ? "before" : "after", p->ng);
		return;
	}
	tui_select(t, v, (size_t)line_of(p, want, NULL));
}

/*
 * The comparison an occurrence's version was made in: that version
 * against the one before it in its series, on the clause.
 */
static void
open_occ(struct agreed_view *p, struct tui *t, const struct agreed_occ *o)
{
	const struct agreed_version *ver = &p->x->v[o->version];
	const char *path = agreed_str(p->x, ver->path), *commit = agreed_str(p->x, ver->commit);
	const char *sym = agreed_str(p->x, ver->symbol);
	struct rl_error err;
	char prev[STORE_OID_HEX];

	switch (store_previous(tui_store(t), path, commit, prev, &err)) {
	case 0:
		view_diff_open(t, path, prev, commit, agreed_str(p->x, o->clause_id));
		break;
	case 1:
		tui_message(t, 0, "%s%.*s is the first version of '%s': nothing before it to compare", sym,
			    *sym ? 0 : 7, commit, path);
		break;
	default:
		tui_message(t, 1, "%s", err.msg);
		break;
	}
}

static int
agreed_request(struct view *v, struct tui *t, enum request r)
{
	struct agreed_view *p = v->priv;
	long gi = cursor_group(v);
	const struct agreed_occ *o = cursor_occ(v);

	if (!p->loaded)
		return 0;
	switch (r) {
	case REQ_MOVE_DOWN:
	case REQ_MOVE_UP:
		move_stop(v, t, r == REQ_MOVE_UP);
		return 1;
	case REQ_NEXT:
		jump_hit(v, t, 0);
		return 1;
	case REQ_PREVIOUS:
		jump_hit(v, t, 1);
		return 1;
	case REQ_ENTER:
		if (gi < 0)
			return 1;
		/* on the hit's text: where it was first adopted, else drafted */
		if (!o)
			o = p->g[gi].nadopted ? p->g[gi].adopted_occ[0] : p->g[gi].drafts[0];
		open_occ(p, t, o);
		return 1;
	case REQ_AGREED:
		tui_message(t, 0, "this is the agreed language of %s of %s", p->clause, p->label);
		return 1;
	default:
		return 0;
	}
}

static void
agreed_title(struct view *v, struct tui *t, struct sbuf *out)
{
	struct agreed_view *p = v->priv;

	(void)t;
	sbuf_adds(out, "redline  agreed language of ");
	utf8_sanitize(out, p->clause, strlen(p->clause), 0);
	sbuf_adds(out, " of ");
	utf8_sanitize(out, p->label, strlen(p->label), 0);
	if (p->path) {
		sbuf_adds(out, "  ");
		utf8_sanitize(out, p->path, strlen(p->path), 0);
	}
}

static void
agreed_status(struct view *v, struct tui *t, struct sbuf *out)
{
	struct agreed_view *p = v->priv;
	const char *dot = tui_state(t)->utf8 ? " \xC2\xB7 " : " | ";
	long gi = cursor_group(v);
	const struct agreed_occ *o = cursor_occ(v);
	struct sbuf occ = SBUF_INIT;

	if (!p->loaded) {
		sbuf_adds(out, p->error ? p->error : "no agreed-language index");
		return;
	}
	if (gi < 0) {
		sbuf_printf(out, "%zu hit%s%sn/N: hits  Enter: a version's diff", p->ng, p->ng == 1 ? "" : "s", dot);
		return;
	}
	if (!o)
		o = p->g[gi].nadopted ? p->g[gi].adopted_occ[0] : p->g[gi].drafts[0];
	agreed_text_occ(p->x, o, &occ);
	sbuf_printf(out, "hit %ld of %zu (%.0f%%)%s", gi + 1, p->ng, p->g[gi].hit->coverage * 100, dot);
	utf8_sanitize(out, occ.buf, occ.len, 0);
	sbuf_adds(out, dot);
	sbuf_adds(out, "Enter: its diff");
	sbuf_release(&occ);
}

static void
agreed_free(struct view *v)
{
	struct agreed_view *p = v->priv;

	agreed_text_groups_free(p->g, p->ng);
	free(p->hits);
	agreed_store_close(&p->a);
	free(p->query);
	free(p->clause);
	free(p->label);
	free(p->path);
	free(p->commit);
	free(p->error);
	free(p->line_group);
	free(p->line_occ);
	free(p->line_stop);
	free(p);
}

static const struct view_ops agreed_ops = {
	"agreed", KEYMAP_AGREED, agreed_layout, agreed_request, NULL, agreed_status, agreed_title, NULL, NULL,
	agreed_free,
};

/* Why a clause is not looked for: longer than a query may be (malloc'd),
 * else NULL. */
static char *
too_long(const char *query, const char *clause)
{
	struct sbuf why = SBUF_INIT;
	size_t nw = agreed_text_too_long(query);

	if (!nw)
		return NULL;
	sbuf_printf(&why, "%s is %zu words long; agreed looks for at most %d", clause, nw, AGREED_QUERY_WORDS_MAX);
	return sbuf_detach(&why);
}

struct view *
view_agreed_new(struct tui *t, const char *path, const char *commit, const char *label, const char *clause,
		const char *text)
{
	struct agreed_view *p = xcalloc(1, sizeof(*p));
	struct rl_error err;
	size_t n;
	int built = 0;

	p->clause = xstrdup(clause);
	p->label = xstrdup(label);
	p->path = path ? xstrdup(path) : NULL;
	p->commit = commit ? xstrdup(commit) : NULL;
	p->query = xstrdup(text);
	agreed_text_one_line(p->query);
	if (!tui_store(t)) {
		p->error = xstrdup("agreed language is looked up in the versions of a repository; these files are in none");
		tui_message(t, 1, "%s", p->error);
		goto out;
	}
	if ((p->error = too_long(p->query, clause))) {
		tui_message(t, 1, "%s", p->error);
		goto out;
	}
	/* made when missing or stale: seconds on a large archive, once */
	if (agreed_store_open(tui_store(t), 0, &p->a, &built, &err) < 0) {
		p->error = xstrdup(err.msg);
		tui_message(t, 1, "%s", p->error);
		goto out;
	}
	p->loaded = 1;
	if (built)
		tui_message(t, 0, "agreed-language index made: %zu distinct clauses of %zu versions", p->a.nclauses,
			    p->a.nversions);
	p->x = agreed_store_query(&p->a, p->query, AGREED_TEXT_MIN_COVERAGE, AGREED_TEXT_QUERY_MAX, &p->hits, &n);
	if (!p->x)
		goto out;
	/* the clause itself is no precedent for itself */
	p->ng = agreed_text_groups(p->x, p->hits, n, p->commit, p->commit ? p->clause : NULL, &p->g);
out:
	return view_new(&agreed_ops, p);
}
