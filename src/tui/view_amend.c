/*
 * The amendments view: the compilation of a draft. Its clauses in order,
 * each with its negotiation status (pending, agreed, agreed ad ref), and
 * under each the amendments that target it: id, status, what it does,
 * sponsors, and the text it proposes. a, r, x and o accept, reject,
 * withdraw and reopen the amendment under the cursor, s gives the
 * paragraph its next status, Enter shows the amendment's change as a diff
 * (the draft against the draft with the amendment made), e proposes a
 * replacement of the clause written in an editor.
 *
 * Every write goes through amendments.h, from the state this view loaded:
 * when someone changed the amendment or the paragraph meanwhile, nothing
 * is written, the status line says so and the view loads again, so what
 * is shown is what the next key acts on.
 */
#include "config.h"
#include "views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "amendments.h"
#include "utf8.h"

/* What a line stands for: a clause, or an amendment under it. */
struct item {
	size_t clause;		/* index into the draft's clauses */
	long amend;		/* index into entries, or -1: the clause itself */
};

/* A line found again after a reload: its clause, and its amendment's id. */
struct spot {
	int set;
	size_t clause;
	int amend;		/* an amendment's line, not the clause's */
	char id[STORE_OID_HEX];
};

struct amend_view {
	char *path;
	char commit[STORE_OID_HEX];
	struct source draft;	/* its text kept: amendments are made on it */
	int loaded;
	char *label;		/* "79/53" */
	struct amend_entry *e;	/* the amendments to this draft, and those carried to it */
	size_t ne;
	/* per amendment: where it was written, when for another version
	 * ("proposed for A/C.1/79/L.43 as OP7"), and why it needs review; NULL
	 * for this draft's own */
	char **from;
	int *review;
	size_t others;		/* amendments to other versions, closed (or unreadable) */
	struct para_entry *pe;	/* the paragraphs that have a status */
	size_t npe;
	struct item *items;
	size_t nitems, items_cap;
	struct spot cursor, top;	/* where to put them back after a layout */
};

static const struct view_ops amend_ops;

/*
 * Loading
 */

/* The amendments and statuses as they are now: 0; -1 with the reason on
 * the status line (what was loaded before stays). */
static void
free_notes(struct amend_view *p)
{
	size_t i;

	for (i = 0; p->from && i < p->ne; i++)
		free(p->from[i]);
	free(p->from);
	free(p->review);
	p->from = NULL;
	p->review = NULL;
}

static int
load_lists(struct amend_view *p, struct tui *t)
{
	struct amend_entry *e;
	struct para_entry *pe;
	struct amend_placing *placing;
	struct rl_error err;
	char **from;
	int *review;
	size_t n, npe, i, kept = 0, others = 0;

	if (amend_store_list(tui_store(t), &e, &n, &err) < 0) {
		tui_message(t, 1, "%s", err.msg);
		return -1;
	}
	if (para_store_list(tui_store(t), p->commit, &pe, &npe, &err) < 0) {
		amend_entries_free(e, n);
		tui_message(t, 1, "%s", err.msg);
		return -1;
	}
	/* this draft's, and the open ones written for another version of the
	 * series, carried through the alignment (their clauses as this draft
	 * numbers them) or, when their clause changed, marked for review */
	placing = amend_placing_new(tui_store(t), p->path, p->commit, p->draft.text, p->draft.len, &p->draft.res);
	from = xcalloc(n + 1, sizeof(*from));
	review = xcalloc(n + 1, sizeof(*review));
	for (i = 0; i < n; i++) {
		if (strcmp(e[i].a.series, p->path) != 0) {
			amend_entry_release(&e[i]);
			continue;
		}
		if (strcmp(e[i].a.draft, p->commit) != 0) {
			struct amendment placed;
			struct sbuf note = SBUF_INIT;
			size_t k;
			int r = -1;

			if (e[i].st.status == AMEND_PROPOSED || (e[i].st.status == AMEND_ACCEPTED && !e[i].st.applied))
				r = amend_place(placing, &e[i].a, &placed, &err);
			if (r < 0) {
				others++;
				amend_entry_release(&e[i]);
				continue;
			}
			sbuf_printf(&note, "proposed for %s as ", e[i].a.symbol ? e[i].a.symbol : "another version");
			for (k = 0; k < e[i].a.nclauses; k++)
				sbuf_printf(&note, "%s%s", k ? ", " : "", e[i].a.clauses[k]);
			if (r == 1)
				sbuf_printf(&note, "; needs review: %s", err.msg);
			/* shown where its clause is now, for review too */
			amendment_release(&e[i].a);
			e[i].a = placed;
			from[kept] = sbuf_detach(&note);
			review[kept] = r == 1;
		}
		if (kept != i)
			e[kept] = e[i];
		kept++;
	}
	amend_placing_free(placing);
	amend_entries_free(p->e, p->ne);
	free_notes(p);
	para_entries_free(p->pe, p->npe);
	p->e = e;
	p->from = from;
	p->review = review;
	p->ne = kept;
	p->others = others;
	p->pe = pe;
	p->npe = npe;
	return 0;
}

static int
targets(const struct amendment *a, const char *clause)
{
	size_t i;

	for (i = 0; i < a->nclauses; i++)
		if (strcasecmp(a->clauses[i], clause) == 0)
			return 1;
	return 0;
}

static const struct para_entry *
para_of(const struct amend_view *p, const char *clause)
{
	size_t i;

	for (i = 0; i < p->npe; i++)
		if (strcmp(p->pe[i].clause, clause) == 0)
			return &p->pe[i];
	return NULL;
}

static enum para_status
status_of(const struct amend_view *p, const char *clause)
{
	const struct para_entry *pe = para_of(p, clause);

	return pe ? pe->status : PARA_PENDING;
}

/* The paragraphs a status is kept for: those amend status lists. */
static int
is_paragraph(const struct clause *cl)
{
	return cl->section == SEC_PREAMBLE || cl->section == SEC_OPERATIVE;
}

/*
 * Layout
 */

struct lbuf {
	struct sbuf text;
	struct span *spans;
	size_t n;
};

/* Append s sanitised, cut to at most max cells (a '>' in the last one
 * when it does not fit); returns the cells used. */
static size_t
lb_add(struct lbuf *b, enum role role, const char *s, size_t max)
{
	struct sbuf safe = SBUF_INIT;
	size_t i = 0, cells = 0, k, cw, room;
	uint32_t cp;
	int cut = 0;

	utf8_sanitize(&safe, s, strlen(s), 0);
	if (utf8_str_width(safe.buf ? safe.buf : "", safe.len) > max) {
		cut = 1;
		room = max ? max - 1 : 0;
	} else {
		room = max;
	}
	while (i < safe.len) {
		k = utf8_decode(safe.buf + i, safe.len - i, &cp);
		cw = cp == UTF8_INVALID ? 1 : (size_t)utf8_width(cp);
		if (cells + cw > room)
			break;
		cells += cw;
		i += k;
	}
	if (i) {
		b->spans = xrealloc(b->spans, (b->n + 1) * sizeof(*b->spans));
		b->spans[b->n].role = role;
		b->spans[b->n].off = b->text.len;
		b->spans[b->n].len = i;
		sbuf_add(&b->text, safe.buf, i);
		b->n++;
	}
	if (cut && max) {
		b->spans = xrealloc(b->spans, (b->n + 1) * sizeof(*b->spans));
		b->spans[b->n].role = ROLE_DIM;
		b->spans[b->n].off = b->text.len;
		b->spans[b->n].len = 1;
		sbuf_addch(&b->text, '>');
		b->n++;
		cells++;
	}
	sbuf_release(&safe);
	return cells;
}

/* Append s padded with spaces to exactly w cells (cut when longer). */
static void
lb_col(struct lbuf *b, enum role role, const char *s, size_t w)
{
	size_t used = lb_add(b, role, s, w);
	char sp[2] = " ";

	for (; used < w; used++)
		lb_add(b, ROLE_PLAIN, sp, 1);
}

static void
lb_push(struct view *v, struct amend_view *p, struct lbuf *b, enum rline_kind kind, size_t clause, long amend)
{
	struct rline *l;

	GROW(p->items, p->items_cap, p->nitems + 1);
	p->items[p->nitems].clause = clause;
	p->items[p->nitems].amend = amend;
	GROW(v->doc.v, v->doc.cap, v->doc.n + 1);
	l = &v->doc.v[v->doc.n++];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	l->change = (long)p->nitems++;
	l->footnote = -1;
	l->width = utf8_str_width(b->text.buf ? b->text.buf : "", b->text.len);
	l->text = b->text.buf ? sbuf_detach(&b->text) : xstrdup("");
	l->spans = b->spans;
	l->nspans = b->n;
	b->spans = NULL;
	b->n = 0;
	sbuf_reset(&b->text);
}

static enum role
status_role(enum amend_status s)
{
	switch (s) {
	case AMEND_ACCEPTED:
		return ROLE_INS;
	case AMEND_REJECTED:
		return ROLE_DEL;
	case AMEND_WITHDRAWN:
		return ROLE_DIM;
	default:
		return ROLE_KIND;
	}
}

/* "replace OP11", "delete PP3, OP12", "insert after OP5" */
static void
what_it_does(const struct amendment *a, struct sbuf *out)
{
	size_t i;

	if (a->action == AMEND_INSERT) {
		sbuf_printf(out, "insert after %s", a->clauses[0]);
		return;
	}
	sbuf_adds(out, amend_action_word(a->action));
	for (i = 0; i < a->nclauses; i++)
		sbuf_printf(out, "%s%s", i ? ", " : " ", a->clauses[i]);
}

static void
spot_of(const struct view *v, size_t line, struct spot *out)
{
	const struct amend_view *p = v->priv;
	const struct item *it;

	out->set = 0;
	if (line >= v->doc.n || v->doc.v[line].change < 0)
		return;
	it = &p->items[v->doc.v[line].change];
	out->set = 1;
	out->clause = it->clause;
	out->amend = it->amend >= 0 && (size_t)it->amend < p->ne;
	if (out->amend)
		memcpy(out->id, p->e[it->amend].id, STORE_OID_HEX);
}

/* Where the cursor and the top are, by clause and amendment id, unless a
 * reload already noted it (its lists are gone by now). */
static void
remember(struct view *v)
{
	struct amend_view *p = v->priv;

	if (p->cursor.set)
		return;
	spot_of(v, v->cursor, &p->cursor);
	spot_of(v, v->top, &p->top);
}

/* The first line of spot s: its amendment under its clause, else the
 * clause's line (the amendment is gone); -1 when none. */
static long
line_of(const struct view *v, const struct spot *s)
{
	const struct amend_view *p = v->priv;
	long best = -1;
	size_t k;

	if (!s->set)
		return -1;
	for (k = 0; k < v->doc.n; k++) {
		const struct item *it = &p->items[v->doc.v[k].change];

		if (it->clause != s->clause)
			continue;
		if (best < 0)
			best = (long)k;
		if (s->amend && it->amend >= 0 && strcmp(p->e[it->amend].id, s->id) == 0)
			return (long)k;
	}
	return best;
}

/* The cursor and the top back on what they showed (a reload may add or
 * drop lines). */
static void
put_back(struct view *v, struct tui *t)
{
	struct amend_view *p = v->priv;
	long cur = line_of(v, &p->cursor), top = line_of(v, &p->top);

	if (top >= 0)
		v->top = (size_t)top;
	if (cur >= 0)
		v->cursor = (size_t)cur;
	p->cursor.set = p->top.set = 0;
	tui_select(t, v, v->cursor);
}

#define ID_CELLS 8
#define PARA_CELLS 15

/*
 * A clause's line: "OP4     [agreed ad ref] Encourages States to ...",
 * the status in brackets so that it reads without colour; under it, each
 * amendment that targets it: "  > 54c5f54b proposed  replace OP4  Mexico"
 * and the text it proposes, quoted, on a line of its own.
 */
static void
amend_layout(struct view *v, struct tui *t)
{
	struct amend_view *p = v->priv;
	size_t cols = (size_t)tui_state(t)->cols, c, i, k;
	struct lbuf b = { SBUF_INIT, NULL, 0 };
	const char *arrow = tui_state(t)->utf8 ? "\xe2\x86\x92 " : "> ";

	remember(v);
	rdoc_release(&v->doc);
	rdoc_init(&v->doc);
	p->nitems = 0;
	if (!p->loaded)
		return;
	if (cols < 40)
		cols = 40;
	for (c = 0; c < p->draft.res.nclauses; c++) {
		const struct clause *cl = &p->draft.res.clauses[c];
		struct sbuf st = SBUF_INIT;
		enum para_status ps;
		size_t used;

		if (!is_paragraph(cl))
			continue;
		ps = status_of(p, cl->id);
		sbuf_printf(&st, "[%s]", para_status_word(ps));
		lb_col(&b, ROLE_HEADER, cl->id, ID_CELLS);
		lb_col(&b, ps == PARA_PENDING ? ROLE_DIM : ps == PARA_AGREED ? ROLE_INS : ROLE_UP, st.buf, PARA_CELLS + 1);
		used = ID_CELLS + PARA_CELLS + 1;
		lb_add(&b, ROLE_PLAIN, cl->text ? cl->text : "", cols - used);
		lb_push(v, p, &b, RL_HEADER, c, -1);
		sbuf_release(&st);
		for (i = 0; i < p->ne; i++) {
			const struct amend_entry *e = &p->e[i];
			struct sbuf what = SBUF_INIT, who = SBUF_INIT, q = SBUF_INIT;
			char sid[9];

			if (!targets(&e->a, cl->id))
				continue;
			snprintf(sid, sizeof(sid), "%.8s", e->id);
			lb_add(&b, ROLE_PLAIN, "  ", 2);
			lb_add(&b, ROLE_DIM, arrow, 2);
			lb_add(&b, ROLE_HEADER, sid, 8);
			lb_add(&b, ROLE_PLAIN, " ", 1);
			lb_col(&b, status_role(e->st.status), amend_status_word(e->st.status), 10);
			what_it_does(&e->a, &what);
			used = 2 + 2 + 8 + 1 + 10;
			used += lb_add(&b, ROLE_KIND, what.buf, cols - used);
			for (k = 0; k < e->st.nsponsors; k++)
				sbuf_printf(&who, "%s%s", k ? ", " : "", e->st.sponsors[k]);
			if (used + 2 < cols) {
				lb_add(&b, ROLE_PLAIN, "  ", 2);
				lb_add(&b, ROLE_PLAIN, who.buf, cols - used - 2);
			}
			lb_push(v, p, &b, RL_TEXT, c, (long)i);
			if (p->from && p->from[i]) {
				lb_add(&b, ROLE_PLAIN, "               ", 15);
				lb_add(&b, p->review[i] ? ROLE_KIND : ROLE_DIM, p->from[i], cols - 15);
				lb_push(v, p, &b, RL_TEXT, c, (long)i);
			}
			if (e->a.text) {
				sbuf_printf(&q, "\"%s\"", e->a.text);
				lb_add(&b, ROLE_PLAIN, "               ", 15);
				lb_add(&b, e->st.status == AMEND_WITHDRAWN || e->st.status == AMEND_REJECTED ? ROLE_DIM
													       : ROLE_PLAIN,
				       q.buf, cols - 15);
				lb_push(v, p, &b, RL_TEXT, c, (long)i);
			}
			sbuf_release(&what);
			sbuf_release(&who);
			sbuf_release(&q);
		}
	}
	sbuf_release(&b.text);
	free(b.spans);
	put_back(v, t);
}

/* Load the lists again and lay the view out from them. */
static void
reload(struct view *v, struct tui *t)
{
	/* the lines' items point into the lists: read them before they go */
	remember(v);
	load_lists(v->priv, t);
	amend_layout(v, t);
}

/*
 * Actions
 */

static const struct item *
current(const struct view *v)
{
	const struct amend_view *p = v->priv;

	if (!p->loaded || v->cursor >= v->doc.n || v->doc.v[v->cursor].change < 0)
		return NULL;
	return &p->items[v->doc.v[v->cursor].change];
}

static const char *
done_word(enum amend_event_kind k)
{
	switch (k) {
	case AEV_ACCEPT:
		return "accepted";
	case AEV_REJECT:
		return "rejected";
	case AEV_WITHDRAW:
		return "withdrawn";
	case AEV_REOPEN:
		return "reopened";
	default:
		return amend_event_word(k);
	}
}

static void
amend_act(struct view *v, struct tui *t, enum amend_event_kind kind)
{
	struct amend_view *p = v->priv;
	const struct item *it = current(v);
	struct amend_event ev;
	struct store_who who;
	struct rl_error err;
	char sid[9], id[STORE_OID_HEX];
	size_t i;
	int r;

	if (!it || it->amend < 0) {
		tui_message(t, 1, "no amendment here: the lines under a clause are its amendments");
		return;
	}
	memcpy(id, p->e[it->amend].id, STORE_OID_HEX);
	snprintf(sid, sizeof(sid), "%.8s", id);
	memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	/* who: the repository's git identity, as the command line without --author */
	memset(&who, 0, sizeof(who));
	/* decided on the state shown: amendments.h writes it only if the
	 * amendment's chain is still where this view read it */
	r = amend_store_event(tui_store(t), &p->e[it->amend], &ev, &who, &err);
	if (r < 0) {
		reload(v, t);
		tui_message(t, 1, "amendment %s: cannot %s: %s", sid, amend_event_word(kind), err.msg);
		return;
	}
	reload(v, t);
	for (i = 0; i < p->ne && strcmp(p->e[i].id, id) != 0; i++)
		;
	if (r == 1 && i < p->ne) {
		const char *by = p->e[i].events[p->e[i].nevents - 1].who;

		/* the name without the address, so that the line fits 80 columns */
		tui_message(t, 1, "%s was made %s meanwhile by %.*s: not %s; look again", sid,
			    amend_status_word(p->e[i].st.status), (int)strcspn(by, "<") - (strchr(by, '<') && by[0] != '<'),
			    by, done_word(kind));
	} else if (r == 1)
		tui_message(t, 1, "amendment %s was changed meanwhile: not %s; look at it again", sid, done_word(kind));
	else
		tui_message(t, 0, "amendment %s %s", sid, done_word(kind));
}

/* The next status of the paragraph: pending, agreed, agreed ad ref, pending. */
static void
para_next(struct view *v, struct tui *t)
{
	struct amend_view *p = v->priv;
	const struct item *it = current(v);
	const struct para_entry *pe;
	struct para_entry none;
	struct store_who who;
	struct rl_error err;
	enum para_status to;
	char clause[32];
	int r;

	if (!it)
		return;
	snprintf(clause, sizeof(clause), "%s", p->draft.res.clauses[it->clause].id);
	pe = para_of(p, clause);
	if (!pe) {
		/* no status yet: the reference must still not exist when written */
		memset(&none, 0, sizeof(none));
		snprintf(none.clause, sizeof(none.clause), "%s", clause);
		none.status = PARA_PENDING;
		pe = &none;
	}
	to = pe->status == PARA_PENDING ? PARA_AGREED : pe->status == PARA_AGREED ? PARA_AGREED_AD_REF : PARA_PENDING;
	memset(&who, 0, sizeof(who));
	r = para_store_set(tui_store(t), p->commit, pe, to, &who, &err);
	reload(v, t);
	if (r < 0)
		tui_message(t, 1, "%s: cannot set its status: %s", clause, err.msg);
	else if (r == 1)
		tui_message(t, 1, "the status of %s was changed by someone else meanwhile (now %s): not set; look at it again",
			    clause, para_status_word(status_of(p, clause)));
	else
		tui_message(t, 0, "%s: %s", clause, para_status_word(to));
}

/* The draft with the amendment made, against the draft, in a diff view. */
static void
show_change(struct view *v, struct tui *t)
{
	struct amend_view *p = v->priv;
	const struct item *it = current(v);
	const struct amend_entry *e;
	struct view *dv;
	struct source a, b;
	struct sbuf text = SBUF_INIT, label = SBUF_INIT, name = SBUF_INIT;
	struct rl_error err;
	int ok;

	if (!it)
		return;
	if (it->amend < 0) {
		tui_message(t, 0, "Enter on an amendment (under its clause) shows the change it makes");
		return;
	}
	e = &p->e[it->amend];
	source_init(&a);
	source_init(&b);
	if (p->review && p->review[it->amend]) {
		tui_message(t, 1, "amendment %.8s %s", e->id, p->from[it->amend]);
		goto out;
	}
	if (amend_apply_text(p->draft.text, p->draft.len, &p->draft.res, &e->a, &text, &err) < 0) {
		tui_message(t, 1, "amendment %.8s: %s", e->id, err.msg);
		goto out;
	}
	sbuf_printf(&name, "%s with amendment %.8s", p->draft.name, e->id);
	ok = source_from_text(p->draft.name, p->path, p->draft.text, p->draft.len, &a, &err) == 0 &&
	     source_from_text(name.buf, p->path, text.buf ? text.buf : "", text.len, &b, &err) == 0;
	if (!ok)
		tui_message(t, 1, "%s", err.msg);
	sbuf_printf(&label, "%s + %.8s", p->label, e->id);
	dv = view_diff_new_labelled(t, &a, &b, ok ? NULL : err.msg, p->label, label.buf);
	tui_push(t, dv);
	/* the change is what was asked for: open on it, not on the folds
	 * before it (tui_push frees a view it cannot open) */
	if (ok && tui_is_top(t, dv) && dv->ops->request)
		dv->ops->request(dv, t, REQ_NEXT);
out:
	source_release(&a);
	source_release(&b);
	sbuf_release(&text);
	sbuf_release(&label);
	sbuf_release(&name);
}

static int
amend_request(struct view *v, struct tui *t, enum request r)
{
	struct amend_view *p = v->priv;
	const struct item *it = current(v);

	switch (r) {
	case REQ_AMEND_ACCEPT:
		amend_act(v, t, AEV_ACCEPT);
		return 1;
	case REQ_AMEND_REJECT:
		amend_act(v, t, AEV_REJECT);
		return 1;
	case REQ_AMEND_WITHDRAW:
		amend_act(v, t, AEV_WITHDRAW);
		return 1;
	case REQ_AMEND_REOPEN:
		amend_act(v, t, AEV_REOPEN);
		return 1;
	case REQ_PARA_STATUS:
		para_next(v, t);
		return 1;
	case REQ_ENTER:
		show_change(v, t);
		return 1;
	case REQ_AMEND_PROPOSE:
		if (it)
			amend_propose_start(t, p->path, p->commit, p->draft.res.clauses[it->clause].id);
		return 1;
	case REQ_AMENDMENTS:
		tui_message(t, 0, "these are the amendments to %s", p->label);
		return 1;
	default:
		return 0;
	}
}

/* ":OP5" jumps to a clause, as in a diff. */
static int
amend_command(struct view *v, struct tui *t, const char *cmd)
{
	struct amend_view *p = v->priv;
	struct sbuf id = SBUF_INIT;
	size_t k;

	while (*cmd == ' ')
		cmd++;
	if (!p->loaded || !*cmd)
		return 0;
	if (*cmd >= '0' && *cmd <= '9')
		sbuf_adds(&id, "OP");
	sbuf_adds(&id, cmd);
	for (k = 0; k < v->doc.n; k++) {
		const struct item *it = &p->items[v->doc.v[k].change];

		if (it->amend < 0 && strcasecmp(p->draft.res.clauses[it->clause].id, id.buf) == 0) {
			tui_select(t, v, k);
			v->top = k;
			sbuf_release(&id);
			return 1;
		}
	}
	tui_message(t, 1, "no clause %s in %s", id.buf, p->label);
	sbuf_release(&id);
	return 1;
}

static void
amend_status(struct view *v, struct tui *t, struct sbuf *out)
{
	struct amend_view *p = v->priv;
	const struct item *it = current(v);
	const char *dot = tui_state(t)->utf8 ? " \xC2\xB7 " : " | ";
	const struct clause *cl;

	if (!it) {
		sbuf_adds(out, p->loaded ? "no paragraphs" : "cannot load the draft");
		return;
	}
	cl = &p->draft.res.clauses[it->clause];
	utf8_sanitize(out, cl->id, strlen(cl->id), 0);
	if (it->amend < 0) {
		sbuf_printf(out, " %s%ss: next status%se: propose", para_status_word(status_of(p, cl->id)), dot, dot);
		return;
	}
	sbuf_printf(out, "%s%.8s %s%sa r x o: accept reject withdraw reopen", dot, p->e[it->amend].id,
		    amend_status_word(p->e[it->amend].st.status), dot);
}

static void
amend_title(struct view *v, struct tui *t, struct sbuf *out)
{
	struct amend_view *p = v->priv;
	size_t i, proposed = 0;

	(void)t;
	for (i = 0; i < p->ne; i++)
		proposed += p->e[i].st.status == AMEND_PROPOSED;
	sbuf_adds(out, "redline  amendments to ");
	utf8_sanitize(out, p->label, strlen(p->label), 0);
	sbuf_adds(out, "  ");
	utf8_sanitize(out, p->path, strlen(p->path), 0);
	sbuf_printf(out, "  (%zu, %zu proposed", p->ne, proposed);
	if (p->others)
		sbuf_printf(out, "; %zu closed on other versions", p->others);
	sbuf_adds(out, ")");
}

static void
amend_free(struct view *v)
{
	struct amend_view *p = v->priv;

	free_notes(p);
	amend_entries_free(p->e, p->ne);
	para_entries_free(p->pe, p->npe);
	source_release(&p->draft);
	free(p->items);
	free(p->label);
	free(p->path);
	free(p);
}

static const struct view_ops amend_ops = {
	"amend", KEYMAP_AMEND, amend_layout, amend_request, NULL, amend_status, amend_title, NULL, amend_command, amend_free,
};

struct view *
view_amend_new(struct tui *t, const char *path, const char *commit)
{
	struct amend_view *p = xcalloc(1, sizeof(*p));
	struct rl_error err;
	struct sbuf label = SBUF_INIT;

	p->path = xstrdup(path);
	memcpy(p->commit, commit, STORE_OID_HEX);
	source_init(&p->draft);
	if (!tui_store(t)) {
		tui_message(t, 1, "amendments are kept in a repository: these versions are files");
	} else if (source_load_commit(tui_store(t), commit, path, &p->draft, &err) < 0) {
		tui_message(t, 1, "%s", err.msg);
	} else {
		p->loaded = 1;
		load_lists(p, t);
	}
	if (p->loaded)
		source_label(&p->draft, 1, &label);
	else
		sbuf_printf(&label, "%.7s", commit);
	p->label = sbuf_detach(&label);
	return view_new(&amend_ops, p);
}

/*
 * Proposing a replacement: the clause's text in an editor, then the
 * sponsor asked for on the status line, then the proposal written. The
 * prompt is modal, so one proposal waits at a time.
 */
static struct {
	char *path, *text;
	char commit[STORE_OID_HEX];
	char clause[32];
} proposal;

static void
proposal_clear(void)
{
	FREE(proposal.path);
	FREE(proposal.text);
}

/* The proposed text as a record holds it: one line, trimmed; NULL when
 * nothing is left or it holds control characters (why says which). */
static char *
one_paragraph(const char *edited, const char **why)
{
	char *s = xstrdup(edited), *a;
	size_t i, n;

	for (i = 0; s[i]; i++)
		if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t')
			s[i] = ' ';
	for (a = s; *a == ' '; a++)
		;
	n = strlen(a);
	while (n && a[n - 1] == ' ')
		n--;
	memmove(s, a, n);
	s[n] = '\0';
	*why = NULL;
	if (!n)
		*why = "the proposed text is empty";
	else if (!amend_valid_name(s, AMEND_TEXT_MAX))
		*why = "the proposed text holds control characters";
	if (*why)
		FREE(s);
	return s;
}

static void
proposal_answer(struct view *v, struct tui *t, const char *sponsor)
{
	struct amendment a;
	struct source d;
	struct store_who who;
	struct rl_error err;
	struct sbuf check = SBUF_INIT;
	char id[STORE_OID_HEX], *sp;
	int r;

	if (!proposal.text)
		return;
	while (*sponsor == ' ')
		sponsor++;
	sp = xstrdup(sponsor);
	while (*sp && sp[strlen(sp) - 1] == ' ')
		sp[strlen(sp) - 1] = '\0';
	if (!amend_valid_name(sp, AMEND_SPONSOR_MAX)) {
		tui_message(t, 1, "bad sponsor name (one line of text, at most 200 bytes): nothing proposed");
		free(sp);
		proposal_clear();
		return;
	}
	memset(&a, 0, sizeof(a));
	source_init(&d);
	if (source_load_commit(tui_store(t), proposal.commit, proposal.path, &d, &err) < 0) {
		tui_message(t, 1, "%s: nothing proposed", err.msg);
		goto out;
	}
	a.series = xstrdup(proposal.path);
	a.draft = xstrdup(proposal.commit);
	a.symbol = d.res.meta.symbol ? xstrdup(d.res.meta.symbol) : NULL;
	a.action = AMEND_REPLACE;
	a.clauses = xcalloc(1, sizeof(*a.clauses));
	a.clauses[a.nclauses++] = xstrdup(proposal.clause);
	a.sponsors = xcalloc(1, sizeof(*a.sponsors));
	a.sponsors[a.nsponsors++] = sp;
	sp = NULL;
	a.text = proposal.text;
	proposal.text = NULL;
	/* it must apply to the draft as it is, as the command line checks */
	if (amend_apply_text(d.text, d.len, &d.res, &a, &check, &err) < 0) {
		tui_message(t, 1, "%s: nothing proposed", err.msg);
		goto out;
	}
	memset(&who, 0, sizeof(who));
	r = amend_store_propose(tui_store(t), &a, &who, id, &err);
	if (r < 0) {
		tui_message(t, 1, "cannot propose: %s", err.msg);
		goto out;
	}
	if (v->ops == &amend_ops)
		reload(v, t);
	tui_message(t, 0, "%s %.8s: replace %s, by %s", r == 1 ? "already proposed" : "proposed", id, proposal.clause,
		    a.sponsors[0]);
out:
	free(sp);
	amendment_release(&a);
	source_release(&d);
	sbuf_release(&check);
	proposal_clear();
}

void
amend_propose_start(struct tui *t, const char *path, const char *commit, const char *clause)
{
	struct source d;
	struct rl_error err;
	struct sbuf why = SBUF_INIT;
	const struct clause *cl;
	const char *bad;
	char *edited = NULL;
	int r;

	proposal_clear();
	if (!tui_store(t)) {
		tui_message(t, 1, "amendments are kept in a repository: these versions are files");
		return;
	}
	source_init(&d);
	if (source_load_commit(tui_store(t), commit, path, &d, &err) < 0) {
		tui_message(t, 1, "%s", err.msg);
		goto out;
	}
	cl = amend_find_clause(&d.res, clause, NULL);
	if (!cl) {
		tui_message(t, 1, "there is no %s in this version", clause);
		goto out;
	}
	r = tui_edit(t, cl->text ? cl->text : "", &edited, &why);
	if (r != 0) {
		tui_message(t, 1, "%s: nothing proposed", why.buf);
		goto out;
	}
	proposal.text = one_paragraph(edited, &bad);
	if (!proposal.text) {
		tui_message(t, 1, "%s: nothing proposed", bad);
		goto out;
	}
	proposal.path = xstrdup(path);
	memcpy(proposal.commit, commit, STORE_OID_HEX);
	snprintf(proposal.clause, sizeof(proposal.clause), "%s", cl->id);
	tui_ask(t, "sponsor: ", proposal_answer);
out:
	free(edited);
	sbuf_release(&why);
	source_release(&d);
}
