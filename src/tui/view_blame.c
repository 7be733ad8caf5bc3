/*
 * The blame view: every clause of one version with where it came from,
 * one line each, worded as `redline blame` words it (lineage_text.h):
 * "OP17  since 71/72 (as OP13)  words 73/67  verb 75/59 (A -> B)". Enter
 * (or L) opens the history of the clause under the cursor, U where its
 * wording was adopted before, P the map of the series, :OP5 jumps to a
 * clause.
 *
 * Ownership: the view owns the series it loaded, or borrows the one of the
 * view below it (view_blame_of), which outlives it.
 * Errors: a series that cannot be loaded leaves the view empty, with why
 * on the status line.
 */
#include "config.h"
#include "views.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lineage_text.h"
#include "series.h"
#include "styled.h"
#include "utf8.h"

struct blame_view {
	struct series own;
	const struct series *s;	/* &own, or borrowed; NULL: not loaded */
	size_t at;		/* the version blamed */
	char *error;		/* why nothing is shown */
	long *path;		/* scratch for lineage_text_blame */
	int width;		/* of the ids column */
};

static void
blame_layout(struct view *v, struct tui *t)
{
	struct blame_view *p = v->priv;
	const struct tui_state *st = tui_state(t);
	struct styled line;
	struct sbuf raw = SBUF_INIT;
	size_t i;

	rdoc_release(&v->doc);
	rdoc_init(&v->doc);
	styled_init(&line);
	if (!p->s) {
		styled_adds(&line, ROLE_DIM, p->error ? p->error : "no series");
		styled_push(&line, &v->doc, RL_TEXT, -1, st->cols, 2);
		goto out;
	}
	for (i = 0; i < p->s->v[p->at].res.nclauses; i++) {
		const struct lin_clause *lc = &p->s->lin.v[p->at].c[i];
		struct lin_blame_parts pt;
		size_t end_since;

		sbuf_reset(&raw);
		lineage_text_blame(p->s, p->at, i, p->width, p->path, &raw, &pt);
		/* the parts in their roles: the id, where it came from (new in
		 * this very version: inserted), renumbered, words, opener */
		end_since = pt.as ? pt.as : pt.words ? pt.words : pt.verb ? pt.verb : pt.end;
		styled_add(&line, ROLE_HEADER, raw.buf, pt.since);
		styled_add(&line, lc->origin == p->at ? ROLE_INS : ROLE_PLAIN, raw.buf + pt.since, end_since - pt.since);
		if (pt.as)
			styled_add(&line, ROLE_RENUM, raw.buf + pt.as, (pt.words ? pt.words : pt.verb ? pt.verb : pt.end) - pt.as);
		if (pt.words)
			styled_add(&line, ROLE_KIND, raw.buf + pt.words, (pt.verb ? pt.verb : pt.end) - pt.words);
		if (pt.verb)
			styled_add(&line, lc->verb_shift == SHIFT_WEAKER ? ROLE_DOWN : ROLE_UP, raw.buf + pt.verb,
				   pt.end - pt.verb);
		styled_push(&line, &v->doc, RL_TEXT, (long)i, st->wrap ? st->cols : 0, (size_t)p->width + 2);
	}
out:
	styled_release(&line);
	sbuf_release(&raw);
}

/* The clause on the cursor's line, or -1. */
static long
cursor_clause(const struct view *v)
{
	return v->cursor < v->doc.n ? v->doc.v[v->cursor].change : -1;
}

static int
blame_request(struct view *v, struct tui *t, enum request r)
{
	struct blame_view *p = v->priv;
	long ci = cursor_clause(v);

	switch (r) {
	case REQ_ENTER:
	case REQ_HISTORY:
		if (p->s && ci >= 0)
			tui_push(t, view_history_of(t, p->s, p->at, (size_t)ci));
		return 1;
	case REQ_MAP:
		if (p->s)
			tui_push(t, view_map_of(t, p->s));
		return 1;
	case REQ_AGREED:
		if (p->s && ci >= 0) {
			const struct clause *cl = &p->s->v[p->at].res.clauses[ci];

			tui_push(t, view_agreed_new(t, p->s->path, p->s->v[p->at].commit, p->s->label[p->at], cl->id,
						    cl->text));
		}
		return 1;
	case REQ_BLAME:
		tui_message(t, 0, "this is the blame of %s", p->s ? p->s->label[p->at] : "the version");
		return 1;
	default:
		return 0;
	}
}

/* ":OP5", ":op5", ":5" (OP5): the line of that clause. */
static int
blame_command(struct view *v, struct tui *t, const char *cmd)
{
	struct blame_view *p = v->priv;
	struct sbuf id = SBUF_INIT;
	size_t i;

	while (*cmd == ' ')
		cmd++;
	if (!p->s || !*cmd)
		return 0;
	if (isdigit((unsigned char)*cmd))
		sbuf_adds(&id, "OP");
	sbuf_adds(&id, cmd);
	for (i = 0; i < v->doc.n; i++) {
		long c = v->doc.v[i].change;

		if (c >= 0 && strcasecmp(p->s->v[p->at].res.clauses[c].id, id.buf) == 0) {
			tui_select(t, v, i);
			goto out;
		}
	}
	tui_message(t, 1, "no clause %s in %s", id.buf, p->s->label[p->at]);
out:
	sbuf_release(&id);
	return 1;
}

static void
blame_title(struct view *v, struct tui *t, struct sbuf *out)
{
	struct blame_view *p = v->priv;

	(void)t;
	sbuf_adds(out, "redline  blame");
	if (!p->s)
		return;
	sbuf_adds(out, " of ");
	utf8_sanitize(out, p->s->label[p->at], strlen(p->s->label[p->at]), 0);
	sbuf_adds(out, "  ");
	utf8_sanitize(out, p->s->path, strlen(p->s->path), 0);
	/* the counts of the command's first line, shorter: a long symbol
	 * leaves them room at 80 columns */
	sbuf_adds(out, "  since ");
	utf8_sanitize(out, p->s->label[0], strlen(p->s->label[0]), 0);
	sbuf_printf(out, " (%zu version%s)", p->at + 1, p->at ? "s" : "");
}

static void
blame_status(struct view *v, struct tui *t, struct sbuf *out)
{
	struct blame_view *p = v->priv;
	long ci = cursor_clause(v);

	(void)t;
	if (!p->s) {
		sbuf_adds(out, p->error ? p->error : "no series");
		return;
	}
	if (ci < 0) {
		sbuf_adds(out, "no clauses");
		return;
	}
	utf8_sanitize(out, p->s->v[p->at].res.clauses[ci].id, strlen(p->s->v[p->at].res.clauses[ci].id), 0);
	sbuf_printf(out, " (%ld of %zu clauses)  Enter: its history  P: map", ci + 1, p->s->v[p->at].res.nclauses);
}

static void
blame_free(struct view *v)
{
	struct blame_view *p = v->priv;

	if (p->s == &p->own)
		series_release(&p->own);
	free(p->error);
	free(p->path);
	free(p);
}

static const struct view_ops blame_ops = {
	"blame", KEYMAP_BLAME, blame_layout, blame_request, NULL, blame_status, blame_title, NULL, blame_command, blame_free,
};

/* The view on version of s (borrowed from the view below, or p's own). */
static struct view *
blame_setup(struct blame_view *p, const struct series *s, size_t version)
{
	size_t i;

	if (s && version < s->n) {
		p->s = s;
		p->at = version;
		p->path = xcalloc(s->n + 1, sizeof(*p->path));
		p->width = 4;
		for (i = 0; i < s->v[version].res.nclauses; i++)
			if ((int)strlen(s->v[version].res.clauses[i].id) > p->width)
				p->width = (int)strlen(s->v[version].res.clauses[i].id);
	}
	return view_new(&blame_ops, p);
}

static struct blame_view *
blame_alloc(void)
{
	struct blame_view *p = xcalloc(1, sizeof(*p));

	series_init(&p->own);
	return p;
}

struct view *
view_blame_of(struct tui *t, const struct series *s, size_t version)
{
	(void)t;
	return blame_setup(blame_alloc(), s, version);
}

struct view *
view_blame_new(struct tui *t, const char *path, const char *commit)
{
	struct blame_view *p = blame_alloc();
	struct rl_error err;
	struct sbuf why = SBUF_INIT;
	long at = -1;

	/* the whole series: the history opened from here goes on past the
	 * version blamed */
	if (!tui_store(t))
		sbuf_adds(&why, "blame reads the versions of a series in a repository");
	else if (series_load(tui_store(t), path, NULL, &p->own, &err) < 0)
		sbuf_adds(&why, err.msg);
	else if ((at = series_find(&p->own, commit)) < 0)
		sbuf_printf(&why, "%.7s is not a version of '%s' (in the first-parent history of HEAD)", commit, path);
	if (why.len) {
		tui_message(t, 1, "%s", why.buf);
		series_release(&p->own);
		p->error = sbuf_detach(&why);
		return blame_setup(p, NULL, 0);
	}
	return blame_setup(p, &p->own, (size_t)at);
}
