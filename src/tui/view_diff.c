/*
 * The diff view: two versions compared clause by clause, as render.h lays
 * them out (unified or side by side, folds, footnotes). n and N go from
 * change to change, Enter expands a fold or opens the clause, :OP5 jumps,
 * U looks up where the clause's wording was adopted before.
 */
#include "config.h"
#include "views.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "amendments.h"
#include "compare.h"
#include "export.h"
#include "styled.h"
#include "utf8.h"

/* Proposed amendments to the newer version, counted per clause it names. */
struct amend_count {
	char *clause;
	size_t n;
};

struct diff_view {
	char *path;
	struct source a, b;
	int loaded;
	struct comparison cmp;
	int have_cmp;
	unsigned cmp_flags;	/* the flags the comparison was made with */
	unsigned char *expanded;
	size_t *stops_before;	/* per change: the changed clauses before it */
	size_t nclause_stops;
	char *old_label, *new_label;
	struct amend_count *amends;	/* read once, when the view opens */
	size_t namends;
	char *error;		/* why the versions cannot be compared (not loaded) */
};

/* A change worth stopping at, as render shows it: anything but an unchanged
 * clause in its place (one only renumbered is folded with the others). */
static int
is_change(const struct change *ch)
{
	return ch->kind != CHANGE_UNCHANGED || ch->moved;
}

static char *
label_for(const struct source *s)
{
	struct sbuf sb = SBUF_INIT;

	source_label(s, 1, &sb);
	return sbuf_detach(&sb);
}

static void
compare_now(struct diff_view *p, const struct tui_state *st)
{
	size_t n, i;

	if (p->have_cmp)
		comparison_release(&p->cmp);
	compare_resolutions(&p->a.res, &p->b.res, st->compare_flags, &p->cmp);
	p->have_cmp = 1;
	p->cmp_flags = st->compare_flags;
	n = p->cmp.nchanges + 1;
	free(p->expanded);
	p->expanded = xcalloc(n, 1);
	/* n and N count the stops on every key: counted once here */
	free(p->stops_before);
	p->stops_before = xcalloc(n, sizeof(*p->stops_before));
	for (i = 0, p->nclause_stops = 0; i < p->cmp.nchanges; i++) {
		p->stops_before[i] = p->nclause_stops;
		p->nclause_stops += is_change(&p->cmp.changes[i]) != 0;
	}
}

/* The first line showing change ch (a header, or the fold holding it). */
static long
line_of_change(const struct view *v, long ch)
{
	size_t i;

	for (i = 0; i < v->doc.n; i++)
		if (v->doc.v[i].change == ch && v->doc.v[i].footnote < 0)
			return (long)i;
	return -1;
}

/* The first line of footnote fn's change. */
static long
line_of_footnote(const struct view *v, long fn)
{
	size_t i;

	for (i = 0; i < v->doc.n; i++)
		if (v->doc.v[i].footnote == fn)
			return (long)i;
	return -1;
}

/*
 * Where the selected change is on the screen, to keep it there when the
 * layout changes (side by side, typography, a resize): its first line's
 * row, and the cursor's line within it.
 */
struct place {
	long change, footnote;
	long row;		/* of the change's first line, may be above the screen */
	size_t within;		/* the cursor's line, counted from the first */
};

static void
place_save(const struct view *v, struct place *pl)
{
	const struct rline *l = v->cursor < v->doc.n ? &v->doc.v[v->cursor] : NULL;
	long first;

	pl->change = l && l->footnote < 0 ? l->change : -1;
	pl->footnote = l ? l->footnote : -1;
	first = pl->footnote >= 0 ? line_of_footnote(v, pl->footnote) :
		pl->change >= 0 ? line_of_change(v, pl->change) : -1;
	pl->row = first >= 0 ? first - (long)v->top : 0;
	pl->within = first >= 0 ? v->cursor - (size_t)first : 0;
}

static void
place_restore(struct view *v, struct tui *t, const struct place *pl)
{
	long first = pl->footnote >= 0 ? line_of_footnote(v, pl->footnote) :
		     pl->change >= 0 ? line_of_change(v, pl->change) : -1;
	long rows = tui_state(t)->content_rows > 0 ? tui_state(t)->content_rows : 1, row = pl->row;
	size_t k, n = 0;

	if (first < 0)
		return;
	/* the cursor's line within the change, or the change's last line */
	for (k = (size_t)first; k < v->doc.n && v->doc.v[k].change == v->doc.v[first].change &&
				v->doc.v[k].footnote == v->doc.v[first].footnote; k++)
		n++;
	v->cursor = (size_t)first + (pl->within < n ? pl->within : n ? n - 1 : 0);
	/* the change's first line on its row, if that row is on the screen */
	if (row < 0)
		row = 0;
	if (row > rows - 1)
		row = rows - 1;
	v->top = first > row ? (size_t)(first - row) : 0;
	if (v->cursor >= v->top + (size_t)rows)
		v->top = v->cursor - (size_t)rows + 1;
}

/*
 * The proposed amendments to the newer version, read once when the view
 * opens (one look at the references, not one per layout): how many name
 * each clause. A version that is no commit of the repository has none.
 */
static void
count_amendments(struct diff_view *p, struct tui *t)
{
	struct amend_entry *e;
	struct rl_error err;
	size_t n, i, k, j;

	if (!tui_store(t) || !p->b.from_repo || !p->b.path || amend_store_list(tui_store(t), &e, &n, &err) < 0)
		return;
	for (i = 0; i < n; i++) {
		if (e[i].st.status != AMEND_PROPOSED || strcmp(e[i].a.draft, p->b.commit) != 0 ||
		    strcmp(e[i].a.series, p->b.path) != 0)
			continue;
		for (k = 0; k < e[i].a.nclauses; k++) {
			for (j = 0; j < p->namends && strcasecmp(p->amends[j].clause, e[i].a.clauses[k]) != 0; j++)
				;
			if (j == p->namends) {
				p->amends = xrealloc(p->amends, (p->namends + 1) * sizeof(*p->amends));
				p->amends[j].clause = xstrdup(e[i].a.clauses[k]);
				p->amends[j].n = 0;
				p->namends++;
			}
			p->amends[j].n++;
		}
	}
	amend_entries_free(e, n);
}

static size_t
amendments_on(const struct diff_view *p, const struct change *ch)
{
	size_t i, j, n = 0;

	for (i = 0; i < ch->nnew; i++)
		for (j = 0; j < p->namends; j++)
			if (strcasecmp(p->amends[j].clause, p->cmp.new_->clauses[ch->new_[i]].id) == 0)
				n += p->amends[j].n;
	return n;
}

/* " [2 amendments]" at the end of a line, in the mark's role: words, so
 * that it shows on a monochrome terminal too. */
static void
append_marker(struct rline *l, size_t n)
{
	struct sbuf text = SBUF_INIT;
	size_t off;

	sbuf_adds(&text, l->text);
	off = text.len;
	sbuf_printf(&text, "  [%zu amendment%s]", n, n == 1 ? "" : "s");
	l->spans = xrealloc(l->spans, (l->nspans + 1) * sizeof(*l->spans));
	l->spans[l->nspans].role = (enum role)UI_MARK;
	l->spans[l->nspans].off = off;
	l->spans[l->nspans].len = text.len - off;
	l->nspans++;
	l->width += text.len - off;
	if (l->ncols > 0)
		l->col[l->ncols - 1].b = l->col[l->ncols - 1].b == strlen(l->text) ? text.len : l->col[l->ncols - 1].b;
	free(l->text);
	l->text = sbuf_detach(&text);
}

/* The change after the fold on line i: the next line's (render folds the
 * preambular and the operative paragraphs apart), else the end. */
static size_t
fold_end(const struct view *v, size_t i)
{
	const struct diff_view *p = v->priv;
	long ch = v->doc.v[i].change;
	size_t k;

	for (k = i + 1; k < v->doc.n; k++)
		if (v->doc.v[k].footnote < 0 && v->doc.v[k].change > ch)
			return (size_t)v->doc.v[k].change;
	return p->cmp.nchanges;
}

/*
 * Beside each clause of the newer version that proposed amendments name,
 * on the first line of its header (a folded run: of the fold), how many.
 */
static void
mark_amendments(struct view *v, const struct diff_view *p)
{
	size_t i, k, n;
	long prev = -2;

	if (!p->namends)
		return;
	for (i = 0; i < v->doc.n; i++) {
		struct rline *l = &v->doc.v[i];
		long ch = l->change;

		if (ch < 0 || l->footnote >= 0 || ch == prev) {
			prev = l->footnote >= 0 ? -2 : ch;
			continue;
		}
		prev = ch;
		n = 0;
		if (l->kind == RL_HEADER)
			n = amendments_on(p, &p->cmp.changes[ch]);
		else if (l->kind == RL_FOLD)
			for (k = (size_t)ch; k < fold_end(v, i); k++)
				n += amendments_on(p, &p->cmp.changes[k]);
		if (n)
			append_marker(l, n);
	}
}

static void
diff_layout(struct view *v, struct tui *t)
{
	struct diff_view *p = v->priv;
	const struct tui_state *st = tui_state(t);
	struct render_opts o;
	struct place pl;

	if (!p->loaded) {
		/* the reason stays in the view: the status line is soon
		 * another message's */
		struct styled line;

		rdoc_release(&v->doc);
		rdoc_init(&v->doc);
		styled_init(&line);
		styled_adds(&line, ROLE_DIM, p->error ? p->error : "these versions cannot be compared");
		styled_push(&line, &v->doc, RL_TEXT, -1, st->cols, 2);
		styled_release(&line);
		return;
	}
	place_save(v, &pl);
	/* a clause view above borrows this comparison: it is made again only
	 * when this view is the one shown */
	if (!p->have_cmp || (p->cmp_flags != st->compare_flags && tui_is_top(t, v)))
		compare_now(p, st);
	memset(&o, 0, sizeof(o));
	o.side_by_side = st->side_by_side && st->cols >= 100;
	/* columns side by side always wrap to the screen */
	o.width = st->wrap || o.side_by_side ? st->cols : RENDER_NO_WRAP;
	if (o.width < 20)
		o.width = 20;
	o.markers = st->markers;
	o.context = 0;
	o.expanded = p->expanded;
	o.ascii = !st->utf8;
	rdoc_release(&v->doc);
	rdoc_init(&v->doc);
	render_diff(&p->cmp, &o, &v->doc);
	mark_amendments(v, p);
	place_restore(v, t, &pl);
}

/*
 * The stops of n and N: the changed clauses in their order, then the
 * changed footnotes. A stop's number counts both, as the status line does
 * ("change 23/28" is the first footnote after 22 clauses).
 */
static size_t
stop_count(const struct diff_view *p)
{
	return p->nclause_stops + p->cmp.nfootnotes;
}

/* The stop a line belongs to (0-based), or -1. */
static long
stop_of(const struct diff_view *p, const struct rline *l)
{
	if (l->footnote >= 0)
		return (long)(p->nclause_stops + (size_t)l->footnote);
	if (l->change >= 0 && is_change(&p->cmp.changes[l->change]))
		return (long)p->stops_before[l->change];
	return -1;
}

/* The stop that line k starts (its first line), or -1. */
static long
stop_starting(const struct diff_view *p, const struct view *v, size_t k)
{
	const struct rline *l = &v->doc.v[k], *prev = k ? &v->doc.v[k - 1] : NULL;

	if (prev && prev->change == l->change && prev->footnote == l->footnote)
		return -1;
	return stop_of(p, l);
}

static void
jump_change(struct view *v, struct tui *t, int backward)
{
	struct diff_view *p = v->priv;
	size_t n = v->doc.n, i;
	long cur = v->cursor < n ? stop_of(p, &v->doc.v[v->cursor]) : -1, s;

	for (i = 1; i <= n; i++) {
		size_t k = backward ? v->cursor - i : v->cursor + i;

		if ((backward && i > v->cursor) || (!backward && k >= n))
			break;
		s = stop_starting(p, v, k);
		if (s < 0 || s == cur)
			continue;
		tui_select(t, v, k);
		/* the change's text under its header, a line above it */
		v->top = k > 0 ? k - 1 : 0;
		return;
	}
	tui_message(t, 0, "no change %s this one (%zu in all)", backward ? "before" : "after", stop_count(p));
}

/* Expand the run of folded clauses that starts at change ch. */
static void
expand_fold(struct view *v, struct tui *t, long ch)
{
	struct diff_view *p = v->priv;
	size_t i;

	for (i = (size_t)ch; i < p->cmp.nchanges && !is_change(&p->cmp.changes[i]); i++)
		p->expanded[i] = 1;
	diff_layout(v, t);
	tui_select(t, v, (size_t)(line_of_change(v, ch) >= 0 ? line_of_change(v, ch) : 0));
}

/*
 * The comparison written to the current folder, as redline export writes
 * it, under the name export would give it -- or, that being taken, the
 * first of NAME-2, NAME-3... that is free: a key never replaces a file.
 */
static void
export_answer(struct view *v, struct tui *t, const char *answer)
{
	struct diff_view *p = v->priv;
	enum export_format f = EXPORT_DOCX;
	struct sbuf old_label = SBUF_INIT, new_label = SBUF_INIT, doc = SBUF_INIT, name = SBUF_INIT;
	struct export_opts eo;
	struct rl_error err;
	char date[32], *author;
	time_t now = time(NULL);
	struct tm tm;
	int k;

	if (*answer && export_format_of(answer, &f) < 0) {
		tui_message(t, 1, "no such format: %s (docx, html, md or text)", answer);
		return;
	}
	source_label(&p->a, 1, &old_label);
	source_label(&p->b, 1, &new_label);
	author = store_user_name(tui_store(t));
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	memset(&eo, 0, sizeof(eo));
	eo.author = author ? author : "redline";
	eo.date = date;
	eo.old_label = old_label.buf;
	eo.new_label = new_label.buf;
	if (export_comparison(f, &p->cmp, &eo, &doc, &err) < 0) {
		tui_message(t, 1, "%s", err.msg);
		goto out;
	}
	for (k = 1; k < 100; k++) {
		int r;

		sbuf_reset(&name);
		export_name_for(&p->a, &p->b, f, &name);
		if (k > 1) {
			char *dot = strrchr(name.buf, '.');
			struct sbuf ext = SBUF_INIT;

			sbuf_adds(&ext, dot);
			name.len = (size_t)(dot - name.buf);
			sbuf_printf(&name, "-%d%s", k, ext.buf);
			sbuf_release(&ext);
		}
		if ((r = export_write(name.buf, doc.buf, doc.len, 0, &err)) == 0) {
			tui_message(t, 0, "wrote %s", name.buf);
			goto out;
		}
		if (r != -2)	/* taken: the next name; else it cannot be written */
			break;
	}
	tui_message(t, 1, "%s", err.msg);
out:
	free(author);
	sbuf_release(&old_label);
	sbuf_release(&new_label);
	sbuf_release(&doc);
	sbuf_release(&name);
}

/*
 * L: the history of the clause on line l, as it is in the newer version,
 * or, deleted, as it was in the older one. A fold is many clauses: it is
 * expanded first.
 */
static void
history_of_line(struct view *v, struct tui *t, const struct rline *l)
{
	struct diff_view *p = v->priv;
	const struct change *ch;

	if (!l || l->change < 0 || l->footnote >= 0) {
		tui_message(t, 0, "L on a clause opens its history");
		return;
	}
	if (l->kind == RL_FOLD) {
		tui_message(t, 0, "these clauses are folded: Enter shows them, then L on one opens its history");
		return;
	}
	ch = &p->cmp.changes[l->change];
	if (ch->nnew && tui_store(t) && p->b.from_repo && p->b.path)
		tui_push(t, view_history_new(t, p->b.path, p->b.commit, p->cmp.new_->clauses[ch->new_[0]].id));
	else if (!ch->nnew && ch->nold && tui_store(t) && p->a.from_repo && p->a.path)
		tui_push(t, view_history_new(t, p->a.path, p->a.commit, p->cmp.old->clauses[ch->old[0]].id));
	else
		tui_message(t, 1, "history reads the versions of a series in the repository; %s is not one",
			    ch->nnew ? p->new_label : p->old_label);
}

/*
 * U: where the wording of the clause on line l was adopted before, as the
 * newer version has it, or, deleted, as the older one had it.
 */
static void
agreed_of_line(struct view *v, struct tui *t, const struct rline *l)
{
	struct diff_view *p = v->priv;
	const struct change *ch;
	const struct source *s;
	const struct clause *cl;

	if (!l || l->change < 0 || l->footnote >= 0) {
		tui_message(t, 0, "U on a clause looks up where its wording was adopted before");
		return;
	}
	if (l->kind == RL_FOLD) {
		tui_message(t, 0, "these clauses are folded: Enter shows them, then U on one looks up its wording");
		return;
	}
	ch = &p->cmp.changes[l->change];
	if (!ch->nnew && !ch->nold)
		return;
	s = ch->nnew ? &p->b : &p->a;
	cl = ch->nnew ? &p->cmp.new_->clauses[ch->new_[0]] : &p->cmp.old->clauses[ch->old[0]];
	/* a side that is no version of the repository is looked up all the same */
	tui_push(t, view_agreed_new(t, s->from_repo ? s->path : NULL, s->from_repo ? s->commit : NULL,
				    ch->nnew ? p->new_label : p->old_label, cl->id, cl->text));
}

static int
diff_request(struct view *v, struct tui *t, enum request r)
{
	struct diff_view *p = v->priv;
	const struct rline *l = v->cursor < v->doc.n ? &v->doc.v[v->cursor] : NULL;

	if (!p->loaded)
		return 0;
	switch (r) {
	case REQ_NEXT:
		jump_change(v, t, 0);
		return 1;
	case REQ_PREVIOUS:
		jump_change(v, t, 1);
		return 1;
	case REQ_ENTER:
		if (!l)
			return 1;
		if (l->kind == RL_FOLD && l->change >= 0)
			expand_fold(v, t, l->change);
		else if (l->change >= 0)
			tui_push(t, view_clause_new(t, &p->cmp, (size_t)l->change, p->old_label, p->new_label, &p->a, &p->b));
		else
			tui_message(t, 0, "footnotes are compared by their text; their numbers may differ");
		return 1;
	case REQ_TOGGLE_LAYOUT:
		tui_set_option(t, r);
		return 1;
	case REQ_EXPORT:
		tui_ask(t, "write as docx, html, md or text [docx]: ", export_answer);
		return 1;
	case REQ_HISTORY:
		history_of_line(v, t, l);
		return 1;
	case REQ_AGREED:
		agreed_of_line(v, t, l);
		return 1;
	case REQ_BLAME:
	case REQ_MAP:
		/* of the newer version, as A is: the one being read */
		if (!tui_store(t) || !p->b.from_repo || !p->b.path)
			tui_message(t, 1, "%s reads the versions of a series in the repository; %s is not one",
				    r == REQ_BLAME ? "blame" : "the map", p->new_label);
		else if (r == REQ_BLAME)
			tui_push(t, view_blame_new(t, p->b.path, p->b.commit));
		else
			tui_push(t, view_map_new(t, p->b.path));
		return 1;
	case REQ_AMENDMENTS:
		/* the newer version is the draft being negotiated */
		if (!tui_store(t) || !p->b.from_repo || !p->b.path)
			tui_message(t, 1, "amendments are made to a version of the repository; %s is not", p->new_label);
		else
			tui_push(t, view_amend_new(t, p->b.path, p->b.commit));
		return 1;
	default:
		return 0;
	}
}

/* The new ids of a change: "OP5, OP6". */
static void
append_new_ids(const struct diff_view *p, const struct change *ch, struct sbuf *out)
{
	size_t i;

	for (i = 0; i < ch->nnew; i++) {
		const char *cid = p->cmp.new_->clauses[ch->new_[i]].id;

		if (i)
			sbuf_adds(out, ", ");
		utf8_sanitize(out, cid, strlen(cid), 0);
	}
}

static int
ids_match(const struct resolution *r, const size_t *idx, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcasecmp(r->clauses[idx[i]].id, id) == 0)
			return 1;
	return 0;
}

/*
 * ":OP5" or ":pp12": the clause of that id in the new version, else the
 * old one; ":5" is OP5 (the operative paragraphs are the ones cited by
 * number); ":old OP12" is the clause that was OP12 in the older version.
 */
static int
diff_command(struct view *v, struct tui *t, const char *cmd)
{
	struct diff_view *p = v->priv;
	struct sbuf id = SBUF_INIT, now = SBUF_INIT;
	size_t i;
	int pass, old_only = 0;
	long line;

	while (*cmd == ' ')
		cmd++;
	if (!p->loaded || !*cmd)
		return 0;
	if (strncasecmp(cmd, "old ", 4) == 0) {
		old_only = 1;
		for (cmd += 4; *cmd == ' '; cmd++)
			;
	}
	if (isdigit((unsigned char)*cmd))
		sbuf_adds(&id, "OP");
	sbuf_adds(&id, cmd);
	for (pass = old_only; pass < 2; pass++) {
		for (i = 0; i < p->cmp.nchanges; i++) {
			const struct change *ch = &p->cmp.changes[i];
			if (pass == 0 ? !ids_match(p->cmp.new_, ch->new_, ch->nnew, id.buf)
				      : !ids_match(p->cmp.old, ch->old, ch->nold, id.buf))
				continue;
			if (!is_change(ch) && !p->expanded[i]) {
				p->expanded[i] = 1;
				diff_layout(v, t);
			}
			line = line_of_change(v, (long)i);
			if (line >= 0) {
				tui_select(t, v, (size_t)line);
				v->top = (size_t)line;
			}
			if (pass == 1) {
				/* what the old number is now */
				if (ch->nnew) {
					append_new_ids(p, ch, &now);
					tui_message(t, 0, "old %s is %s now", id.buf, now.buf);
				} else {
					tui_message(t, 0, "old %s was deleted", id.buf);
				}
			}
			goto out;
		}
	}
	if (old_only)
		tui_message(t, 1, "no clause %s in %s", id.buf, p->old_label);
	else
		tui_message(t, 1, "no clause %s in either version", id.buf);
out:
	sbuf_release(&id);
	sbuf_release(&now);
	return 1;
}

static int
contains(const char *text, const char *needle)
{
	size_t n = strlen(text), k = strlen(needle), i;

	for (i = 0; k && i + k <= n; i++)
		if (strncasecmp(text + i, needle, k) == 0)
			return 1;
	return 0;
}

/* Unfold the unchanged clauses that hold text. */
static int
diff_reveal(struct view *v, struct tui *t, const char *text)
{
	struct diff_view *p = v->priv;
	size_t i;
	int any = 0;

	if (!p->loaded)
		return 0;
	for (i = 0; i < p->cmp.nchanges; i++) {
		const struct change *ch = &p->cmp.changes[i];
		if (is_change(ch) || p->expanded[i] || !ch->nnew)
			continue;
		if (contains(p->cmp.new_->clauses[ch->new_[0]].text, text)) {
			p->expanded[i] = 1;
			any = 1;
		}
	}
	if (any)
		diff_layout(v, t);
	return any;
}

static size_t
section_count(const struct resolution *r, enum section s)
{
	size_t i, n = 0;

	for (i = 0; i < r->nclauses; i++)
		n += r->clauses[i].section == s && r->clauses[i].parent < 0;
	return n;
}

static void
diff_status(struct view *v, struct tui *t, struct sbuf *out)
{
	struct diff_view *p = v->priv;
	const char *dot = tui_state(t)->utf8 ? " \xC2\xB7 " : " | ";
	const struct rline *l = v->cursor < v->doc.n ? &v->doc.v[v->cursor] : NULL;
	long ch = l ? l->change : -1, stop;
	size_t total;

	if (!p->loaded) {
		sbuf_adds(out, "cannot compare");
		return;
	}
	total = stop_count(p);
	if (l && l->footnote >= 0) {
		const struct footnote_change *fc = &p->cmp.footnotes[l->footnote];

		sbuf_printf(out, "footnote %d", fc->new_number ? fc->new_number : fc->old_number);
		if (!fc->new_number)
			sbuf_adds(out, " (deleted)");
		sbuf_adds(out, dot);
	} else if (ch >= 0 && (size_t)ch < p->cmp.nchanges) {
		const struct change *c = &p->cmp.changes[ch];
		const struct resolution *r = c->nnew ? p->cmp.new_ : p->cmp.old;
		const struct clause *cl = &r->clauses[c->nnew ? c->new_[0] : c->old[0]];

		/* a deleted clause has only its old number: "was PP27" */
		if (!c->nnew)
			sbuf_adds(out, "was ");
		utf8_sanitize(out, cl->id, strlen(cl->id), 0);
		if (c->nnew && (cl->section == SEC_OPERATIVE || cl->section == SEC_PREAMBLE))
			sbuf_printf(out, " of %zu", section_count(r, cl->section));
		if (!c->nnew)
			sbuf_adds(out, " (deleted)");
		sbuf_adds(out, dot);
	} else if (l && l->kind == RL_FOOTNOTE_HEADER) {
		sbuf_adds(out, "footnotes");
		sbuf_adds(out, dot);
	}
	if (total) {
		/* between stops: the last one passed, else the first */
		stop = l ? stop_of(p, l) : -1;
		if (stop < 0 && l && l->change >= 0)
			stop = (long)p->stops_before[l->change] - 1;
		else if (stop < 0 && l)
			stop = (long)p->nclause_stops - 1;
		sbuf_printf(out, "change %ld/%zu", (stop < 0 ? 0 : stop) + 1, total);
	} else {
		sbuf_adds(out, "no changes");
	}
	sbuf_adds(out, dot);
	utf8_sanitize(out, p->old_label, strlen(p->old_label), 0);
	sbuf_adds(out, " -> ");
	utf8_sanitize(out, p->new_label, strlen(p->new_label), 0);
}

/* Append s (sanitised) cut to at most w cells; returns the cells used. */
static size_t
add_cut(struct sbuf *out, const char *s, size_t w)
{
	struct sbuf safe = SBUF_INIT;
	size_t i = 0, cells = 0, k, cw;
	uint32_t cp;

	utf8_sanitize(&safe, s, strlen(s), 0);
	while (i < safe.len) {
		k = utf8_decode(safe.buf + i, safe.len - i, &cp);
		cw = cp == UTF8_INVALID ? 1 : (size_t)utf8_width(cp);
		if (cells + cw > w)
			break;
		cells += cw;
		i += k;
	}
	sbuf_add(out, safe.buf, i);
	sbuf_release(&safe);
	return cells;
}

/*
 * Side by side, the title labels the panes: the old version above the
 * left column, the new one above the right, the title's separator above
 * the columns' (render.c: each column (width - 3) / 2 cells, then " | ").
 */
static void
sbs_title(struct diff_view *p, const struct tui_state *st, struct sbuf *out)
{
	size_t colw = ((size_t)st->cols - 3) / 2, used;
	struct sbuf label = SBUF_INIT;

	sbuf_printf(&label, "%s (old)", p->old_label);
	used = add_cut(out, label.buf, colw);
	for (; used < colw; used++)
		sbuf_addch(out, ' ');
	sbuf_adds(out, st->utf8 ? " \xe2\x94\x82 " : " | ");
	sbuf_reset(&label);
	sbuf_printf(&label, "%s (new)  ", p->new_label);
	sbuf_adds(&label, p->path);
	sbuf_adds(&label, "  [side by side]");
	if (st->compare_flags & IGNORE_TYPOGRAPHY)
		sbuf_adds(&label, " [typography ignored]");
	add_cut(out, label.buf, colw);
	sbuf_release(&label);
}

static void
diff_title(struct view *v, struct tui *t, struct sbuf *out)
{
	struct diff_view *p = v->priv;
	const struct tui_state *st = tui_state(t);

	if (p->loaded && st->side_by_side && st->cols >= 100) {
		sbs_title(p, st, out);
		return;
	}
	sbuf_adds(out, "redline  diff ");
	utf8_sanitize(out, p->old_label, strlen(p->old_label), 0);
	sbuf_adds(out, " -> ");
	utf8_sanitize(out, p->new_label, strlen(p->new_label), 0);
	sbuf_adds(out, "  ");
	utf8_sanitize(out, p->path, strlen(p->path), 0);
	sbuf_adds(out, st->side_by_side && st->cols >= 100 ? "  [side by side]" : "  [unified]");
	if (st->compare_flags & IGNORE_TYPOGRAPHY)
		sbuf_adds(out, " [typography ignored]");
}

static void
diff_free(struct view *v)
{
	struct diff_view *p = v->priv;
	size_t i;

	if (p->have_cmp)
		comparison_release(&p->cmp);
	source_release(&p->a);
	source_release(&p->b);
	free(p->expanded);
	free(p->stops_before);
	free(p->old_label);
	free(p->new_label);
	free(p->error);
	free(p->path);
	for (i = 0; i < p->namends; i++)
		free(p->amends[i].clause);
	free(p->amends);
	free(p);
}

static const struct view_ops diff_ops = {
	"diff", KEYMAP_DIFF, diff_layout, diff_request, NULL, diff_status, diff_title, diff_reveal, diff_command, diff_free,
};

void
view_diff_open(struct tui *t, const char *path, const char *old_commit, const char *new_commit, const char *jump)
{
	struct source a, b;
	struct rl_error ea, eb;
	struct view *v;
	int ok_a, ok_b;

	/* both, even when one fails, so that the title names both */
	source_init(&a);
	source_init(&b);
	ok_a = source_load_commit(tui_store(t), old_commit, path, &a, &ea) == 0;
	ok_b = source_load_commit(tui_store(t), new_commit, path, &b, &eb) == 0;
	if (!ok_a || !ok_b)
		tui_message(t, 1, "%s", !ok_a ? ea.msg : eb.msg);
	v = view_diff_new(t, &a, &b, !ok_a ? ea.msg : !ok_b ? eb.msg : NULL);
	source_release(&a);
	source_release(&b);
	tui_push(t, v);
	/* a view refused (too many open) is freed already */
	if (jump && ok_a && ok_b && tui_is_top(t, v))
		diff_command(v, t, jump);
}

struct view *
view_diff_new(struct tui *t, struct source *old, struct source *new_, const char *error)
{
	return view_diff_new_labelled(t, old, new_, error, NULL, NULL);
}

struct view *
view_diff_new_labelled(struct tui *t, struct source *old, struct source *new_, const char *error, const char *old_label,
		       const char *new_label)
{
	struct diff_view *p = xcalloc(1, sizeof(*p));

	p->a = *old;
	p->b = *new_;
	source_init(old);
	source_init(new_);
	p->path = xstrdup(p->b.path ? p->b.path : p->b.name ? p->b.name : "-");
	p->loaded = !error;
	p->error = error ? xstrdup(error) : NULL;
	/* both labels, even when one side failed, so the title says which */
	p->old_label = old_label ? xstrdup(old_label) : label_for(&p->a);
	p->new_label = new_label ? xstrdup(new_label) : label_for(&p->b);
	if (!error)
		count_amendments(p, t);
	return view_new(&diff_ops, p);
}
