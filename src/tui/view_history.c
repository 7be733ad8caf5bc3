/*
 * The history view: one clause through the versions of its series, oldest
 * first, as `redline history` tells it (lineage_text.h): a line per step
 * ("77/64  OP12  renumbered, modified"), under it the words that step
 * changed, inserted and deleted words in their colours (with [-...-] and
 * {+...+} when markers are on, as on a monochrome terminal), and how the
 * clause ended if it did. n and N go from step to step; Enter opens the
 * comparison the step was made in, on the clause.
 *
 * Ownership: the view owns the series it loaded, or borrows the one of the
 * view below it (view_history_of), which outlives it.
 * Errors: a series that cannot be loaded, or a clause it does not have,
 * leaves the view empty with why on the status line.
 */
#include "config.h"
#include "views.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lineage_text.h"
#include "series.h"
#include "styled.h"
#include "utf8.h"

#define INDENT 4

struct history_view {
	struct series own;
	const struct series *s;	/* &own, or borrowed; NULL: not loaded */
	size_t at, ci;		/* the clause asked for: ci of version at */
	long *path;		/* its index in each version, -1 where it was not */
	size_t end;		/* the last version it was followed into */
	size_t nsteps;
	char *error;
};


/* The words of the step into version v, indented, cut to the width. */
static void
push_words(struct history_view *p, struct view *v, const struct tui_state *st, size_t ver, struct styled *line)
{
	struct wscript ws;

	wscript_init(&ws);
	lineage_text_wdiff(p->s, ver, p->path[ver], &ws);
	styled_adds(line, ROLE_PLAIN, "    ");
	styled_add_script(line, &ws, st->markers);
	styled_push(line, &v->doc, RL_TEXT, (long)ver, st->wrap ? st->cols : 0, INDENT);
	wscript_release(&ws);
}

static void
history_layout(struct view *v, struct tui *t)
{
	struct history_view *p = v->priv;
	const struct tui_state *st = tui_state(t);
	struct styled line;
	struct sbuf words = SBUF_INIT, fate = SBUF_INIT;
	size_t ver, lw = 0, cw = 8;
	const struct clause *cl;

	rdoc_release(&v->doc);
	rdoc_init(&v->doc);
	styled_init(&line);
	if (!p->s) {
		styled_adds(&line, ROLE_DIM, p->error ? p->error : "no history");
		styled_push(&line, &v->doc, RL_TEXT, -1, st->cols, 2);
		goto out;
	}
	for (ver = 0; ver <= p->end; ver++) {
		if (p->path[ver] < 0)
			continue;
		if (strlen(p->s->label[ver]) > lw)
			lw = strlen(p->s->label[ver]);
		if ((cl = lineage_text_clause(p->s, ver, p->path[ver])) && strlen(cl->id) + 1 > cw)
			cw = strlen(cl->id) + 1;
	}
	for (ver = 0; ver <= p->end; ver++) {
		const struct lin_clause *lc;
		const char *verb;
		struct sbuf pad = SBUF_INIT;
		size_t k;

		if (p->path[ver] < 0)
			continue;
		lc = &p->s->lin.v[ver].c[p->path[ver]];
		cl = lineage_text_clause(p->s, ver, p->path[ver]);
		/* "77/64                OP12     renumbered, modified, verb stronger (A -> B)" */
		styled_adds(&line, ROLE_HEADER, p->s->label[ver]);
		for (k = strlen(p->s->label[ver]); k < lw + 2; k++)
			sbuf_addch(&pad, ' ');
		styled_adds(&line, ROLE_PLAIN, sbuf_str(&pad));
		styled_adds(&line, ROLE_HEADER, cl->id);
		sbuf_reset(&pad);
		for (k = strlen(cl->id); k < cw + 1; k++)
			sbuf_addch(&pad, ' ');
		styled_adds(&line, ROLE_PLAIN, sbuf_str(&pad));
		sbuf_release(&pad);
		sbuf_reset(&words);
		lineage_text_step(p->s, ver, p->path[ver], &words);
		/* the opener's change in the colour of its direction; the
		 * words before it are fixed ones, so the first ", verb " is it */
		verb = lc->in.verb_changed ? strstr(words.buf, ", verb ") : NULL;
		styled_add(&line, ver == lc->origin ? ROLE_INS : lineage_changed(&lc->in) ? ROLE_KIND : ROLE_DIM,
			   words.buf, verb ? (size_t)(verb - words.buf) : words.len);
		if (verb)
			styled_adds(&line, lc->in.shift == SHIFT_WEAKER ? ROLE_DOWN : ROLE_UP, verb);
		styled_push(&line, &v->doc, RL_HEADER, (long)ver, st->wrap ? st->cols : 0, lw + cw + 3);
		if (ver == lc->origin || lineage_changed(&lc->in))
			push_words(p, v, st, ver, &line);
	}
	if (lineage_text_fate(p->s, p->end, p->path[p->end], &fate)) {
		styled_adds(&line, ROLE_DEL, "then ");
		styled_adds(&line, ROLE_DEL, fate.buf);
		styled_push(&line, &v->doc, RL_HEADER, (long)p->s->n, st->wrap ? st->cols : 0, 5);
	}
out:
	styled_release(&line);
	sbuf_release(&words);
	sbuf_release(&fate);
}

/* The version of the step the cursor is in, or -1. */
static long
cursor_step(const struct view *v)
{
	return v->cursor < v->doc.n ? v->doc.v[v->cursor].change : -1;
}

/* Scroll so that the step starting on line k shows with its words, as
 * far as the screen holds them. */
static void
show_block(struct view *v, struct tui *t, size_t k)
{
	size_t rows = tui_state(t)->content_rows > 0 ? (size_t)tui_state(t)->content_rows : 1, e = k;

	while (e + 1 < v->doc.n && v->doc.v[e + 1].change == v->doc.v[k].change)
		e++;
	if (e >= v->top + rows)
		v->top = e - rows + 1 > k ? k : e - rows + 1;
}

static void
jump_step(struct view *v, struct tui *t, int backward)
{
	long cur = cursor_step(v);
	size_t i;

	for (i = 1; i <= v->doc.n; i++) {
		size_t k = backward ? v->cursor - i : v->cursor + i;

		if ((backward && i > v->cursor) || (!backward && k >= v->doc.n))
			break;
		if (v->doc.v[k].kind != RL_HEADER || v->doc.v[k].change == cur)
			continue;
		/* the step's line and its words shown whole, when they fit */
		tui_select(t, v, k);
		show_block(v, t, k);
		return;
	}
	tui_message(t, 0, "no step %s this one", backward ? "before" : "after");
}

static int
history_request(struct view *v, struct tui *t, enum request r)
{
	struct history_view *p = v->priv;
	long ver = cursor_step(v);
	const struct clause *cl;

	if (!p->s)
		return 0;
	switch (r) {
	case REQ_NEXT:
		jump_step(v, t, 0);
		return 1;
	case REQ_PREVIOUS:
		jump_step(v, t, 1);
		return 1;
	case REQ_ENTER:
		if (ver == (long)p->s->n && p->end + 1 < p->s->n) {
			/* "then deleted in ...": the comparison it went in, on
			 * the clause as it was */
			struct sbuf jump = SBUF_INIT;

			cl = lineage_text_clause(p->s, p->end, p->path[p->end]);
			sbuf_printf(&jump, "old %s", cl ? cl->id : "?");
			view_diff_open(t, p->s->path, p->s->v[p->end].commit, p->s->v[p->end + 1].commit, jump.buf);
			sbuf_release(&jump);
			return 1;
		} else if (ver < 0 || (size_t)ver >= p->s->n) {
			return 1;
		} else if (ver == 0) {
			tui_message(t, 0, "the first version: nothing before it to compare");
			return 1;
		}
		cl = lineage_text_clause(p->s, (size_t)ver, p->path[ver]);
		view_diff_open(t, p->s->path, p->s->v[ver - 1].commit, p->s->v[ver].commit, cl ? cl->id : NULL);
		return 1;
	case REQ_HISTORY:
		tui_message(t, 0, "this is the history of the clause");
		return 1;
	case REQ_BLAME:
		if (ver >= 0 && (size_t)ver < p->s->n)
			tui_push(t, view_blame_of(t, p->s, (size_t)ver));
		return 1;
	case REQ_MAP:
		tui_push(t, view_map_of(t, p->s));
		return 1;
	default:
		return 0;
	}
}

static void
history_title(struct view *v, struct tui *t, struct sbuf *out)
{
	struct history_view *p = v->priv;
	const struct clause *cl;

	(void)t;
	sbuf_adds(out, "redline  history");
	if (!p->s || !(cl = lineage_text_clause(p->s, p->at, (long)p->ci)))
		return;
	sbuf_adds(out, " of ");
	utf8_sanitize(out, cl->id, strlen(cl->id), 0);
	sbuf_adds(out, " of ");
	utf8_sanitize(out, p->s->label[p->at], strlen(p->s->label[p->at]), 0);
	sbuf_adds(out, "  ");
	utf8_sanitize(out, p->s->path, strlen(p->s->path), 0);
	sbuf_adds(out, "  oldest first");
}

static void
history_status(struct view *v, struct tui *t, struct sbuf *out)
{
	struct history_view *p = v->priv;
	long ver = cursor_step(v);
	const char *dot = tui_state(t)->utf8 ? " \xC2\xB7 " : " | ";
	const struct clause *cl;
	size_t k, step = 0;

	if (!p->s) {
		sbuf_adds(out, p->error ? p->error : "no history");
		return;
	}
	if (ver < 0 || (size_t)ver >= p->s->n) {
		sbuf_printf(out, "%zu steps", p->nsteps);
		return;
	}
	for (k = 0; k <= (size_t)ver; k++)
		step += p->path[k] >= 0;
	cl = lineage_text_clause(p->s, (size_t)ver, p->path[ver]);
	sbuf_printf(out, "step %zu of %zu%s", step, p->nsteps, dot);
	utf8_sanitize(out, cl ? cl->id : "?", strlen(cl ? cl->id : "?"), 0);
	sbuf_adds(out, " in ");
	utf8_sanitize(out, p->s->label[ver], strlen(p->s->label[ver]), 0);
	sbuf_adds(out, dot);
	sbuf_adds(out, "n/N: steps  Enter: its diff");
}

static void
history_free(struct view *v)
{
	struct history_view *p = v->priv;

	if (p->s == &p->own)
		series_release(&p->own);
	free(p->path);
	free(p->error);
	free(p);
}

static const struct view_ops history_ops = {
	"history", KEYMAP_HISTORY, history_layout, history_request, NULL, history_status, history_title, NULL, NULL,
	history_free,
};

static struct history_view *
history_alloc(void)
{
	struct history_view *p = xcalloc(1, sizeof(*p));

	series_init(&p->own);
	return p;
}

/* The view on clause ci of version at of s (borrowed, or p's own). */
static struct view *
history_setup(struct history_view *p, const struct series *s, size_t at, size_t ci)
{
	size_t k;

	if (s && at < s->n && ci < s->v[at].res.nclauses) {
		p->s = s;
		p->at = at;
		p->ci = ci;
		p->path = xcalloc(s->n + 1, sizeof(*p->path));
		p->end = lineage_text_line(s, at, ci, p->path);
		for (k = 0; k <= p->end; k++)
			p->nsteps += p->path[k] >= 0;
	}
	return view_new(&history_ops, p);
}

struct view *
view_history_of(struct tui *t, const struct series *s, size_t version, size_t clause)
{
	(void)t;
	return history_setup(history_alloc(), s, version, clause);
}

struct view *
view_history_new(struct tui *t, const char *path, const char *commit, const char *clause)
{
	struct history_view *p = history_alloc();
	struct rl_error err;
	struct sbuf why = SBUF_INIT;
	long at = -1, ci = -1;

	/* every version: the history goes on past the one asked about */
	if (!tui_store(t))
		sbuf_adds(&why, "history reads the versions of a series in a repository");
	else if (series_load(tui_store(t), path, NULL, &p->own, &err) < 0)
		sbuf_adds(&why, err.msg);
	else if ((at = series_find(&p->own, commit)) < 0)
		sbuf_printf(&why, "%.7s is not a version of '%s' (in the first-parent history of HEAD)", commit, path);
	else if ((ci = resolution_find_clause(&p->own.v[at].res, clause)) < 0)
		sbuf_printf(&why, "no clause %s in %s", clause, p->own.label[at]);
	if (why.len) {
		tui_message(t, 1, "%s", why.buf);
		series_release(&p->own);
		p->error = sbuf_detach(&why);
		return history_setup(p, NULL, 0, 0);
	}
	return history_setup(p, &p->own, (size_t)at, (size_t)ci);
}
