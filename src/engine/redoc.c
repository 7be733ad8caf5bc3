/*
 * redoc: a comparison as a redline document (see redoc.h for the
 * invariant every paragraph keeps).
 */
#include "redoc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "sbuf.h"
#include "util.h"

/* A footnote reference in a clause text, at a byte offset of the text the
 * words flow through (for a split or merge: the joined text). */
struct ref {
	size_t at;
	long note;
	enum rmark mark;
};

struct refs {
	struct ref *v;
	size_t n, cap;
};

/* The flow of one change's word script into paragraphs. */
struct flow {
	struct redoc *d;
	size_t para;			/* index of the paragraph being written */
	size_t oo, no;			/* offsets reached in the old and new texts */
	size_t oital[2][2], nital[2][2];	/* italic ranges [a, b) on each side */
	struct refs *orefs, *nrefs;
	size_t oi, ni;
	/* a split (cut in the new text) or merge (in the old): the byte where
	 * the joined texts have their joining space; SIZE_MAX: none */
	size_t cut;
	int cut_new;			/* 1: a split */
	int cut_done;
	const struct clause *second;	/* the clause the second paragraph shows */
	const struct clause *second_old;
};

static const char *
add_string(struct redoc *d, char *owned)
{
	GROW(d->strings, d->strings_cap, d->nstrings + 1);
	d->strings[d->nstrings++] = owned;
	return owned;
}

static struct rpara *
new_para(struct redoc *d, enum rpara_role role, enum rmark mark)
{
	struct rpara *p;

	GROW(d->paras, d->paras_cap, d->nparas + 1);
	p = &d->paras[d->nparas++];
	memset(p, 0, sizeof(*p));
	p->role = role;
	p->mark = mark;
	p->mark_of_end = RM_SAME;
	p->peer = -1;
	p->change = -1;
	p->cmp = d->cmp;
	p->source = -1;
	p->section = SEC_PARAGRAPH;
	return p;
}

static void
add_run(struct rrun **v, size_t *n, size_t *cap, enum rmark mark, const char *s, size_t len, int italic, long note)
{
	struct rrun *r;

	if (note < 0 && len == 0)
		return;
	/* one run for neighbours alike */
	if (note < 0 && *n && (*v)[*n - 1].note < 0 && (*v)[*n - 1].mark == mark && (*v)[*n - 1].italic == italic &&
	    (*v)[*n - 1].s + (*v)[*n - 1].len == s) {
		(*v)[*n - 1].len += len;
		return;
	}
	GROW(*v, *cap, *n + 1);
	r = &(*v)[(*n)++];
	r->mark = mark;
	r->s = s;
	r->len = len;
	r->italic = italic;
	r->note = note;
}

static void
para_run(struct redoc *d, size_t para, enum rmark mark, const char *s, size_t len, int italic, long note)
{
	struct rpara *p = &d->paras[para];

	add_run(&p->runs, &p->nruns, &p->cap, mark, s, len, italic, note);
}

static struct wscript *
own_script(struct redoc *d)
{
	struct wscript *ws;

	GROW(d->scripts, d->scripts_cap, d->nscripts + 1);
	ws = &d->scripts[d->nscripts++];
	wscript_init(ws);
	return ws;
}

/* A script of the two texts: the comparison's own when it has one, one
 * op when they are the same, else computed here. */
static const struct wscript *
script_for(struct redoc *d, const struct wscript *given, const char *a, const char *b)
{
	struct wscript *ws;
	size_t la = strlen(a), lb = strlen(b);

	if (given && given->n)
		return given;
	ws = own_script(d);
	if (la == lb && memcmp(a, b, la) == 0) {
		GROW(ws->v, ws->cap, 1);
		ws->v[0].kind = WOP_EQ;
		ws->v[0].s = a;
		ws->v[0].len = la;
		ws->v[0].typo = 0;
		ws->n = la ? 1 : 0;
		return ws;
	}
	wdiff_compute(a, la, b, lb, d->cmp->lang, 0, ws);
	return ws;
}

/*
 * Footnotes
 */

static long *
note_map_new(struct redoc *d)
{
	const struct comparison *c = d->cmp;
	long *of_new = xmalloc((c->new_->nfootnotes + 1) * sizeof(*of_new));
	size_t i;

	for (i = 0; i < c->new_->nfootnotes; i++)
		of_new[i] = -1;
	return of_new;
}

static struct rnote *
new_note(struct redoc *d, enum rmark mark, int old_number, int new_number)
{
	struct rnote *n;

	GROW(d->notes, d->notes_cap, d->nnotes + 1);
	n = &d->notes[d->nnotes++];
	memset(n, 0, sizeof(*n));
	n->mark = mark;
	n->old_number = old_number;
	n->new_number = new_number;
	return n;
}

static void
note_runs(struct redoc *d, struct rnote *n, const struct wscript *ws)
{
	size_t k;

	for (k = 0; k < ws->n; k++) {
		const struct wop *op = &ws->v[k];
		enum rmark m = op->kind == WOP_EQ ? RM_SAME : op->kind == WOP_INS ? RM_INS : RM_DEL;

		add_run(&n->runs, &n->nruns, &n->cap, m, op->s, op->len, 0, -1);
	}
	(void)d;
}

/* Every footnote of both versions once: the new ones in order (each with
 * its old self when it has one), then the deleted. of_old/of_new map a
 * footnote index to its note. */
static void
build_notes(struct redoc *d, long *of_old, long *of_new)
{
	const struct comparison *c = d->cmp;
	const struct resolution *a = c->old, *b = c->new_;
	size_t i, j;

	for (i = 0; i < a->nfootnotes; i++)
		of_old[i] = -1;
	for (j = 0; j < b->nfootnotes; j++) {
		long old = -1;
		struct rnote *n;

		for (i = 0; i < a->nfootnotes && c->footnote_pair; i++)
			if (c->footnote_pair[i] == (long)j) {
				old = (long)i;
				break;
			}
		of_new[j] = (long)d->nnotes;
		if (old < 0) {
			n = new_note(d, RM_INS, 0, b->footnotes[j].number);
			add_run(&n->runs, &n->nruns, &n->cap, RM_INS, b->footnotes[j].text, strlen(b->footnotes[j].text),
				0, -1);
			continue;
		}
		of_old[old] = of_new[j];
		n = new_note(d, RM_SAME, a->footnotes[old].number, b->footnotes[j].number);
		note_runs(d, n, script_for(d, NULL, a->footnotes[old].text, b->footnotes[j].text));
	}
	for (i = 0; i < a->nfootnotes; i++) {
		struct rnote *n;

		if (of_old[i] >= 0)
			continue;
		of_old[i] = (long)d->nnotes;
		n = new_note(d, RM_DEL, a->footnotes[i].number, 0);
		add_run(&n->runs, &n->nruns, &n->cap, RM_DEL, a->footnotes[i].text, strlen(a->footnotes[i].text), 0,
			-1);
	}
}

static long
note_of(const struct resolution *r, const long *of, int number)
{
	size_t i;

	for (i = 0; i < r->nfootnotes; i++)
		if (r->footnotes[i].number == number)
			return of[i];
	return -1;
}

/* A clause's references, at offsets from base in the flow's text. */
static void
collect_refs(struct refs *out, const struct resolution *r, const long *of, const struct clause *cl, size_t base,
	     enum rmark mark)
{
	size_t k, len = strlen(cl->text);

	for (k = 0; k < cl->nfootnotes; k++) {
		long note = note_of(r, of, cl->footnotes[k]);

		if (note < 0)
			continue;
		GROW(out->v, out->cap, out->n + 1);
		out->v[out->n].at = base + (cl->footnote_at && cl->footnote_at[k] <= len ? cl->footnote_at[k] : len);
		out->v[out->n].note = note;
		out->v[out->n].mark = mark;
		out->n++;
	}
}

static int
refs_have(const struct refs *r, long note)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].note == note)
			return 1;
	return 0;
}

/* Old references kept are shown once, on the new side: the old list keeps
 * the deleted ones only, and a new one the old side also has is unchanged. */
static void
settle_refs(struct refs *o, struct refs *n)
{
	size_t i, k = 0;

	for (i = 0; i < n->n; i++)
		if (refs_have(o, n->v[i].note))
			n->v[i].mark = RM_SAME;
	for (i = 0; i < o->n; i++)
		if (!refs_have(n, o->v[i].note))
			o->v[k++] = o->v[i];
	o->n = k;
}

/*
 * The flow of a word script into runs
 */

static int
in_ranges(size_t (*r)[2], size_t at)
{
	return (at >= r[0][0] && at < r[0][1]) || (at >= r[1][0] && at < r[1][1]);
}

/* The nearest point after at that a run must not cross. */
static size_t
next_stop(size_t (*r)[2], size_t at, size_t lim)
{
	size_t k, best = lim;

	for (k = 0; k < 2; k++) {
		if (r[k][0] > at && r[k][0] < best)
			best = r[k][0];
		if (r[k][1] > at && r[k][1] < best)
			best = r[k][1];
	}
	return best;
}

static void
flush_refs(struct flow *f)
{
	while (f->oi < f->orefs->n && f->orefs->v[f->oi].at <= f->oo) {
		para_run(f->d, f->para, RM_DEL, NULL, 0, 0, f->orefs->v[f->oi].note);
		f->oi++;
	}
	while (f->ni < f->nrefs->n && f->nrefs->v[f->ni].at <= f->no) {
		para_run(f->d, f->para, f->nrefs->v[f->ni].mark, NULL, 0, 0, f->nrefs->v[f->ni].note);
		f->ni++;
	}
}

static void
start_second(struct flow *f)
{
	struct rpara *first = &f->d->paras[f->para], *p;
	enum rmark endmark = f->cut_new ? RM_INS : RM_DEL;
	long change = first->change;
	enum section sec = first->section;

	first->mark_of_end = endmark;
	p = new_para(f->d, RP_CLAUSE, RM_SAME);
	p->change = change;
	p->section = sec;
	p->clause = f->second;
	f->para = f->d->nparas - 1;
	f->cut_done = 1;
	/* the second paragraph's number: the new clause's (split), the old
	 * one's (merge), which only that side has */
	if (f->second && f->second->number) {
		p->num[0].mark = endmark;
		p->num[0].s = f->second->number;
		p->num[0].len = strlen(f->second->number);
		p->num[0].note = -1;
		p->nnum = 1;
	}
}

static void
flow_script(struct flow *f, const struct wscript *ws)
{
	size_t k;

	for (k = 0; k < ws->n; k++) {
		const struct wop *op = &ws->v[k];
		int adv_old = op->kind != WOP_INS, adv_new = op->kind != WOP_DEL;
		enum rmark m = op->kind == WOP_EQ ? RM_SAME : op->kind == WOP_INS ? RM_INS : RM_DEL;
		size_t done = 0;

		while (done < op->len) {
			size_t lim = op->len - done, n = lim, at;

			flush_refs(f);
			/* the joining space of a split or merge */
			if (!f->cut_done && f->cut != (size_t)-1 &&
			    ((f->cut_new && adv_new && f->no == f->cut) || (!f->cut_new && adv_old && f->oo == f->cut))) {
				if (op->kind == WOP_EQ)
					para_run(f->d, f->para, f->cut_new ? RM_DEL : RM_INS, op->s + done, 1, 0, -1);
				done++;
				f->oo += adv_old;
				f->no += adv_new;
				start_second(f);
				continue;
			}
			if (adv_new) {
				at = f->no;
				if (f->ni < f->nrefs->n && f->nrefs->v[f->ni].at > at && f->nrefs->v[f->ni].at - at < n)
					n = f->nrefs->v[f->ni].at - at;
				n = next_stop(f->nital, at, at + n) - at;
				if (f->cut_new && !f->cut_done && f->cut != (size_t)-1 && f->cut > at && f->cut - at < n)
					n = f->cut - at;
			}
			if (adv_old) {
				at = f->oo;
				if (f->oi < f->orefs->n && f->orefs->v[f->oi].at > at && f->orefs->v[f->oi].at - at < n)
					n = f->orefs->v[f->oi].at - at;
				if (!adv_new)
					n = next_stop(f->oital, at, at + n) - at;
				if (!f->cut_new && !f->cut_done && f->cut != (size_t)-1 && f->cut > at && f->cut - at < n)
					n = f->cut - at;
			}
			if (n == 0)
				n = 1;	/* never stall */
			para_run(f->d, f->para, m, op->s + done, n, adv_new ? in_ranges(f->nital, f->no) : in_ranges(f->oital, f->oo),
				 -1);
			done += n;
			if (adv_old)
				f->oo += n;
			if (adv_new)
				f->no += n;
		}
	}
	f->oo = f->no = (size_t)-1;
	flush_refs(f);
	if (!f->cut_done && f->cut != (size_t)-1)
		start_second(f);
}

static void
set_italic(size_t (*r)[2], int k, const struct clause *cl, size_t base)
{
	r[k][0] = base;
	r[k][1] = base + (cl && cl->opener ? strlen(cl->opener) : 0);
}

static void
set_number(struct rpara *p, const struct clause *old, const struct clause *new_)
{
	const char *a = old ? old->number : NULL, *b = new_ ? new_->number : NULL;

	p->nnum = 0;
	if (a && b && strcmp(a, b) == 0) {
		p->num[p->nnum++] = (struct rrun){ RM_SAME, b, strlen(b), 0, -1 };
		return;
	}
	if (a)
		p->num[p->nnum++] = (struct rrun){ RM_DEL, a, strlen(a), 0, -1 };
	if (b)
		p->num[p->nnum++] = (struct rrun){ RM_INS, b, strlen(b), 0, -1 };
}

static int
clause_level(const struct resolution *r, const struct clause *cl)
{
	int level = 0;
	long p = cl->parent;

	while (p >= 0 && level < 8) {
		level++;
		p = r->clauses[p].parent;
	}
	return level;
}

/* One side's clauses of a change, alone: inserted (mark RM_INS) or
 * deleted (RM_DEL), whole. */
static size_t
emit_whole(struct redoc *d, long change, const struct resolution *r, const long *of, const struct clause *cl,
	   enum rmark mark)
{
	struct rpara *p = new_para(d, RP_CLAUSE, mark);
	struct refs none = { 0 }, refs = { 0 };
	struct flow f;
	struct wop op = { .kind = mark == RM_INS ? WOP_INS : WOP_DEL, .s = cl->text, .len = strlen(cl->text) };
	struct wscript ws = { .v = &op, .n = 1, .cap = 1 };
	size_t at = d->nparas - 1;

	p->change = change;
	p->clause = cl;
	p->section = cl->section;
	p->level = clause_level(r, cl);
	if (cl->number)
		p->num[p->nnum++] = (struct rrun){ mark, cl->number, strlen(cl->number), 0, -1 };
	collect_refs(&refs, r, of, cl, 0, mark);
	memset(&f, 0, sizeof(f));
	f.d = d;
	f.para = at;
	f.cut = (size_t)-1;
	f.orefs = mark == RM_DEL ? &refs : &none;
	f.nrefs = mark == RM_INS ? &refs : &none;
	if (mark == RM_DEL)
		set_italic(f.oital, 0, cl, 0);
	else
		set_italic(f.nital, 0, cl, 0);
	if (!op.len)
		ws.n = 0;
	flow_script(&f, &ws);
	free(refs.v);
	return at;
}

/* A change whose clauses are on both sides: a word script through one
 * paragraph, or two for a split or merge. */
static void
emit_pair(struct redoc *d, size_t ci, const long *of_old, const long *of_new)
{
	const struct comparison *c = d->cmp;
	const struct change *ch = &c->changes[ci];
	const struct clause *o0 = &c->old->clauses[ch->old[0]], *n0 = &c->new_->clauses[ch->new_[0]];
	const struct clause *o1 = ch->nold > 1 ? &c->old->clauses[ch->old[1]] : NULL;
	const struct clause *n1 = ch->nnew > 1 ? &c->new_->clauses[ch->new_[1]] : NULL;
	struct rpara *p = new_para(d, RP_CLAUSE, RM_SAME);
	struct refs orefs = { 0 }, nrefs = { 0 };
	struct flow f;
	const struct wscript *ws;

	p->change = (long)ci;
	p->clause = n0;
	p->section = n0->section;
	p->level = clause_level(c->new_, n0);
	set_number(p, o0, n0);
	memset(&f, 0, sizeof(f));
	f.d = d;
	f.para = d->nparas - 1;
	f.cut = (size_t)-1;
	f.orefs = &orefs;
	f.nrefs = &nrefs;
	set_italic(f.oital, 0, o0, 0);
	set_italic(f.nital, 0, n0, 0);
	collect_refs(&orefs, c->old, of_old, o0, 0, RM_DEL);
	collect_refs(&nrefs, c->new_, of_new, n0, 0, RM_INS);
	if (n1) {
		size_t base = strlen(n0->text) + 1;

		f.cut = base - 1;
		f.cut_new = 1;
		f.second = n1;
		set_italic(f.nital, 1, n1, base);
		collect_refs(&nrefs, c->new_, of_new, n1, base, RM_INS);
	} else if (o1) {
		size_t base = strlen(o0->text) + 1;

		f.cut = base - 1;
		f.second = o1;
		set_italic(f.oital, 1, o1, base);
		collect_refs(&orefs, c->old, of_old, o1, base, RM_DEL);
	}
	settle_refs(&orefs, &nrefs);
	if (n1 || o1)
		ws = script_for(d, &ch->words, ch->joined_old ? ch->joined_old : o0->text,
				ch->joined_new ? ch->joined_new : n0->text);
	else
		ws = script_for(d, &ch->words, o0->text, n0->text);
	flow_script(&f, ws);
	if (o1 && f.cut_done) {
		/* the merged clause's second paragraph: OLD's, its number deleted */
		struct rpara *q = &d->paras[f.para];

		q->section = o1->section;
		q->level = clause_level(c->old, o1);
	} else if (n1 && f.cut_done) {
		d->paras[f.para].level = clause_level(c->new_, n1);
	}
	free(orefs.v);
	free(nrefs.v);
}

/*
 * The clauses in reading order
 */

/* A change that keeps NEW's order but breaks OLD's is shown as a move:
 * the old clauses of the others then read in OLD's order. */
static unsigned char *
moves_of(const struct comparison *c)
{
	unsigned char *moved = xcalloc(c->nchanges + 1, 1);
	size_t i, k;
	long last = -1;

	for (i = 0; i < c->nchanges; i++) {
		const struct change *ch = &c->changes[i];

		if (!ch->nold || !ch->nnew)
			continue;
		if (ch->moved || (long)ch->old[0] < last) {
			moved[i] = 1;
			continue;
		}
		for (k = 0; k < ch->nold; k++)
			if ((long)ch->old[k] > last)
				last = (long)ch->old[k];
	}
	/* a deleted clause that does not fit between the kept clauses around
	 * it (it followed one that moved) is placed by OLD's order instead */
	{
		long *next = xmalloc((c->nchanges + 1) * sizeof(*next));
		long nx = LONG_MAX;

		for (i = c->nchanges; i-- > 0;) {
			next[i] = nx;
			if (c->changes[i].nold && c->changes[i].nnew && !moved[i])
				nx = (long)c->changes[i].old[0];
		}
		last = -1;
		for (i = 0; i < c->nchanges; i++) {
			const struct change *ch = &c->changes[i];

			if (!ch->nold || moved[i])
				continue;
			if (!ch->nnew && ((long)ch->old[0] < last || (long)ch->old[ch->nold - 1] > next[i]))
				moved[i] = 2;	/* placed by OLD's order below */
			else
				last = (long)ch->old[ch->nold - 1];
		}
		free(next);
	}
	return moved;
}

struct pending {
	size_t change;
	size_t old;
};

static int
cmp_pending(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	return x->old < y->old ? -1 : x->old > y->old;
}

static void
emit_old_place(struct redoc *d, const struct pending *pm, const unsigned char *moved, const long *of_old, long *to_place)
{
	const struct comparison *c = d->cmp;
	const struct change *ch = &c->changes[pm->change];
	size_t k;

	for (k = 0; k < ch->nold; k++) {
		size_t at = emit_whole(d, (long)pm->change, c->old, of_old, &c->old->clauses[ch->old[k]], RM_DEL);

		if (moved[pm->change] == 1 && ch->nnew) {
			d->paras[at].move = RMOVE_FROM;
			if (k == 0)
				to_place[pm->change] = (long)at;
		}
	}
}

static void
build_clauses(struct redoc *d, const long *of_old, const long *of_new)
{
	const struct comparison *c = d->cmp;
	unsigned char *moved = moves_of(c);
	struct pending *pend = xcalloc(c->nchanges + 1, sizeof(*pend));
	long *from_at = xmalloc((c->nchanges + 1) * sizeof(*from_at));
	long *to_at = xmalloc((c->nchanges + 1) * sizeof(*to_at));
	size_t i, np = 0, pi = 0;

	for (i = 0; i < c->nchanges; i++) {
		from_at[i] = to_at[i] = -1;
		if (moved[i] && c->changes[i].nold) {
			pend[np].change = i;
			pend[np].old = c->changes[i].old[0];
			np++;
		}
	}
	qsort(pend, np, sizeof(*pend), cmp_pending);
	for (i = 0; i < c->nchanges; i++) {
		const struct change *ch = &c->changes[i];

		/* the moved clauses that stood before this one in OLD */
		if (ch->nold && !moved[i])
			while (pi < np && pend[pi].old < ch->old[0])
				emit_old_place(d, &pend[pi++], moved, of_old, from_at);
		if (moved[i] && ch->nnew) {
			size_t k, first = d->nparas;

			for (k = 0; k < ch->nnew; k++)
				emit_whole(d, (long)i, c->new_, of_new, &c->new_->clauses[ch->new_[k]], RM_INS);
			to_at[i] = (long)first;
			d->paras[first].move = RMOVE_TO;
			for (k = first + 1; k < d->nparas; k++)
				d->paras[k].move = RMOVE_TO;
		} else if (moved[i]) {
			continue;	/* a deleted clause out of order: placed with the moves */
		} else if (!ch->nold) {
			size_t k;

			for (k = 0; k < ch->nnew; k++)
				emit_whole(d, (long)i, c->new_, of_new, &c->new_->clauses[ch->new_[k]], RM_INS);
		} else if (!ch->nnew) {
			size_t k;

			for (k = 0; k < ch->nold; k++)
				emit_whole(d, (long)i, c->old, of_old, &c->old->clauses[ch->old[k]], RM_DEL);
		} else {
			emit_pair(d, i, of_old, of_new);
		}
	}
	while (pi < np)
		emit_old_place(d, &pend[pi++], moved, of_old, from_at);
	for (i = 0; i < c->nchanges; i++)
		if (from_at[i] >= 0 && to_at[i] >= 0) {
			d->paras[from_at[i]].peer = to_at[i];
			d->paras[to_at[i]].peer = from_at[i];
		}
	free(moved);
	free(pend);
	free(from_at);
	free(to_at);
}

/*
 * The header and closing lines, written from each side's metadata
 */

char *
redoc_long_date(const struct lang *l, const char *iso)
{
	int y, m, dd;
	char extra;
	struct sbuf b = SBUF_INIT;
	const char *month;

	if (!iso || sscanf(iso, "%d-%d-%d%c", &y, &m, &dd, &extra) != 3 || m < 1 || m > 12 || dd < 1 || dd > 31)
		return NULL;
	if (!l)
		l = lang_english();
	month = l->months[m - 1];
	sbuf_printf(&b, "%d ", dd);
	if (strcmp(l->code, "en") == 0 && month[0] >= 'a' && month[0] <= 'z') {
		sbuf_addch(&b, (char)(month[0] - 'a' + 'A'));
		sbuf_adds(&b, month + 1);
	} else {
		sbuf_adds(&b, month);
	}
	sbuf_printf(&b, " %d", y);
	return sbuf_detach(&b);
}

static char *
capitalised(const char *s)
{
	char *t = xstrdup(s);

	if (t[0] >= 'a' && t[0] <= 'z')
		t[0] = (char)(t[0] - 'a' + 'A');
	return t;
}

static int
is_adopted_resolution(const struct resolution_meta *m)
{
	return m->symbol && strncmp(m->symbol, "A/RES/", 6) == 0;
}

/* The line of a header role for one side, or NULL. */
static char *
header_line(const struct resolution *r, enum rpara_role role)
{
	const struct resolution_meta *m = &r->meta;
	const struct lang *l = lang_by_code(m->language);
	struct sbuf b = SBUF_INIT;
	char *s;
	size_t i;

	/*
	 * Text that is not a resolution is all paragraphs: its metadata was
	 * read from lines that are among its clauses already, so header lines
	 * written from it would add them a second time, and the document
	 * would no longer read as that side (found by fuzz_docxout: "reject
	 * all" gave OLD's symbol, session and title twice).
	 */
	if (!r->is_resolution)
		return NULL;
	if (!l)
		l = lang_english();
	switch (role) {
	case RP_SYMBOL:
		return m->symbol ? xstrdup(m->symbol) : NULL;
	case RP_SESSION:
		return m->session ? xstrdup(m->session) : NULL;
	case RP_AGENDA:
		if (!m->agenda_item)
			return NULL;
		sbuf_printf(&b, "%s %s", l->agenda_markers[0], m->agenda_item);
		return sbuf_detach(&b);
	case RP_SPONSORS:
		/* the English form only: other languages' word for "and" is not known here */
		if (!m->nsponsors || is_adopted_resolution(m) || strcmp(l->code, "en") != 0)
			return NULL;
		for (i = 0; i < m->nsponsors; i++) {
			if (i)
				sbuf_adds(&b, i + 1 == m->nsponsors ? " and " : ", ");
			sbuf_adds(&b, m->sponsors[i]);
		}
		sbuf_adds(&b, ": draft resolution");
		return sbuf_detach(&b);
	case RP_ADOPTED:
		if (!(s = redoc_long_date(l, m->adopted)))
			return NULL;
		{
			char *cap = capitalised(l->adopted_markers[0]);

			sbuf_printf(&b, "%s %s", cap, s);
			free(cap);
		}
		free(s);
		return sbuf_detach(&b);
	case RP_REPORT:
		if (!m->committee_report)
			return NULL;
		sbuf_printf(&b, "[%s %s (%s)]", l->report_markers[0], m->committee ? m->committee : "", m->committee_report);
		return sbuf_detach(&b);
	case RP_TITLE:
		if (!m->title)
			return NULL;
		if (is_adopted_resolution(m))
			sbuf_printf(&b, "%s. ", m->symbol + 6);
		sbuf_adds(&b, m->title);
		return sbuf_detach(&b);
	case RP_FORMULA:
		return r->is_resolution ? xstrdup(l->formulas[0]) : NULL;
	case RP_MEETING:
		return m->meeting ? xstrdup(m->meeting) : NULL;
	case RP_DATE:
		return m->meeting ? redoc_long_date(l, m->adopted) : NULL;
	default:
		return NULL;
	}
}

static void
header_para(struct redoc *d, enum rpara_role role)
{
	char *a = header_line(d->cmp->old, role), *b = header_line(d->cmp->new_, role);
	struct rpara *p;
	size_t at, k;

	if (!a && !b)
		return;
	if (!a || !b) {
		const char *s = add_string(d, a ? a : b);

		p = new_para(d, role, a ? RM_DEL : RM_INS);
		para_run(d, d->nparas - 1, p->mark, s, strlen(s), 0, -1);
		return;
	}
	add_string(d, a);
	add_string(d, b);
	new_para(d, role, RM_SAME);
	at = d->nparas - 1;
	{
		const struct wscript *ws = script_for(d, NULL, a, b);

		for (k = 0; k < ws->n; k++) {
			const struct wop *op = &ws->v[k];

			para_run(d, at, op->kind == WOP_EQ ? RM_SAME : op->kind == WOP_INS ? RM_INS : RM_DEL, op->s, op->len,
				 0, -1);
		}
	}
}

void
redoc_build(const struct comparison *c, struct redoc *out)
{
	static const enum rpara_role head[] = { RP_SYMBOL, RP_SESSION, RP_AGENDA, RP_SPONSORS, RP_ADOPTED,
						RP_REPORT, RP_TITLE, RP_FORMULA };
	long *of_old, *of_new;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->cmp = c;
	of_old = xmalloc((c->old->nfootnotes + 1) * sizeof(*of_old));
	of_new = note_map_new(out);
	build_notes(out, of_old, of_new);
	for (i = 0; i < ARRAY_SIZE(head); i++)
		header_para(out, head[i]);
	build_clauses(out, of_old, of_new);
	header_para(out, RP_MEETING);
	header_para(out, RP_DATE);
	free(of_old);
	free(of_new);
}

void
redoc_release(struct redoc *d)
{
	size_t i;

	for (i = 0; i < d->nparas; i++)
		free(d->paras[i].runs);
	free(d->paras);
	for (i = 0; i < d->nnotes; i++)
		free(d->notes[i].runs);
	free(d->notes);
	for (i = 0; i < d->nstrings; i++)
		free(d->strings[i]);
	free(d->strings);
	for (i = 0; i < d->nscripts; i++)
		wscript_release(&d->scripts[i]);
	free(d->scripts);
	for (i = 0; i < d->nparts; i++)
		redoc_release(&d->parts[i]);
	free(d->parts);
	memset(d, 0, sizeof(*d));
}

static size_t
side_runs(const struct rrun *v, size_t n, enum rmark drop, struct sbuf *out)
{
	size_t i, len0 = out->len;

	for (i = 0; i < n; i++) {
		if (v[i].mark == drop)
			continue;
		if (v[i].note >= 0)
			sbuf_printf(out, "[%ld]", v[i].note);
		else
			sbuf_add(out, v[i].s, v[i].len);
	}
	return out->len - len0;
}

int
redoc_para_side(const struct redoc *d, const struct rpara *p, enum rmark side, struct sbuf *out)
{
	enum rmark drop = side == RM_INS ? RM_DEL : RM_INS;

	(void)d;
	if (p->mark == drop)
		return 0;
	if (side_runs(p->num, p->nnum, drop, out))
		sbuf_addch(out, ' ');
	side_runs(p->runs, p->nruns, drop, out);
	return 1;
}

/*
 * Compilations
 */

/* A paragraph shows a change: of its words, its mark, its being there. */
static int
para_changed(const struct rpara *p)
{
	size_t k;

	if (p->mark != RM_SAME || p->mark_of_end != RM_SAME)
		return 1;
	for (k = 0; k < p->nruns; k++)
		if (p->runs[k].mark != RM_SAME)
			return 1;
	return 0;
}

/* The draft clause a paragraph of an amendment's document stands for
 * (its change's first old clause), or -1 (an inserted one). */
static long
draft_clause_of(const struct rpara *p)
{
	const struct change *ch;

	if (p->role != RP_CLAUSE || p->change < 0)
		return -1;
	ch = &p->cmp->changes[p->change];
	return ch->nold ? (long)ch->old[0] : -1;
}

/* A copy of p in out, its runs' notes moved by note_base, from source. */
static struct rpara *
copy_para(struct redoc *out, const struct rpara *p, long note_base, int source)
{
	struct rpara *q;
	size_t k;

	GROW(out->paras, out->paras_cap, out->nparas + 1);
	q = &out->paras[out->nparas++];
	*q = *p;
	q->runs = NULL;
	q->nruns = q->cap = 0;
	q->source = source;
	q->peer = -1;
	q->move = RMOVE_NONE;
	for (k = 0; k < p->nruns; k++)
		add_run(&q->runs, &q->nruns, &q->cap, p->runs[k].mark, p->runs[k].s, p->runs[k].len, p->runs[k].italic,
			p->runs[k].note >= 0 ? p->runs[k].note + note_base : -1);
	return q;
}

static void
copy_notes(struct redoc *out, const struct redoc *from)
{
	size_t i, k;

	for (i = 0; i < from->nnotes; i++) {
		const struct rnote *n = &from->notes[i];
		struct rnote *m = new_note(out, n->mark, n->old_number, n->new_number);

		for (k = 0; k < n->nruns; k++)
			add_run(&m->runs, &m->nruns, &m->cap, n->runs[k].mark, n->runs[k].s, n->runs[k].len, 0, -1);
	}
}

/* "5 bis", "5 ter": the number of the n-th paragraph proposed after the
 * draft's paragraph numbered base */
static const char *
proposal_number(struct redoc *d, const char *base, int n)
{
	static const char *const latin[] = { "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies" };
	struct sbuf b = SBUF_INIT;

	if (n < (int)ARRAY_SIZE(latin))
		sbuf_printf(&b, "%s %s", base ? base : "0", latin[n]);
	else
		sbuf_printf(&b, "%s (%d)", base ? base : "0", n + 1);
	return add_string(d, sbuf_detach(&b));
}

/*
 * The amendments' paragraphs by the draft clause they go with, found in
 * one pass over every part's paragraphs. Looking them up by scanning every
 * part for each draft clause cost the draft's length times the parts'
 * (a 5,000-clause draft with 20 amendments: 12 s). A slot is a draft
 * clause dk, at dk + 1 (slot 0: before the first clause); each list keeps
 * the parts' order, then the paragraphs'.
 */
struct para_ref {
	size_t part, para;
};

struct para_slots {
	size_t *start;		/* nslots + 1: slot k's refs are ref[start[k]..start[k + 1]) */
	struct para_ref *ref;
};

/* refs (slot[i] < 0: none) grouped by slot, each group in refs' order */
static void
para_slots_build(struct para_slots *ps, const struct para_ref *refs, const long *slot, size_t n, size_t nslots)
{
	size_t i, *at;

	ps->start = xcalloc(nslots + 2, sizeof(*ps->start));
	ps->ref = xmalloc((n + 1) * sizeof(*ps->ref));
	for (i = 0; i < n; i++)
		if (slot[i] >= 0)
			ps->start[slot[i] + 1]++;
	for (i = 0; i < nslots; i++)
		ps->start[i + 1] += ps->start[i];
	at = xmalloc((nslots + 1) * sizeof(*at));
	memcpy(at, ps->start, (nslots + 1) * sizeof(*at));
	for (i = 0; i < n; i++)
		if (slot[i] >= 0)
			ps->ref[at[slot[i]]++] = refs[i];
	free(at);
}

static void
para_slots_release(struct para_slots *ps)
{
	free(ps->start);
	free(ps->ref);
}

/*
 * Every part's paragraphs, indexed twice: ins by the draft clause a
 * paragraph is inserted after, as insertions shows them; own by the draft
 * clause a paragraph shows, kept only for the clause's owner.
 */
static void
index_parts(const struct redoc *out, size_t n, const long *owner, size_t nclauses, struct para_slots *ins,
	    struct para_slots *own)
{
	struct para_ref *refs = NULL;
	long *ins_slot = NULL, *own_slot = NULL;
	size_t i, k, m = 0, cap = 0;

	for (i = 0; i < n; i++)
		m += out->parts[i].nparas;
	refs = xmalloc((m + 1) * sizeof(*refs));
	ins_slot = xmalloc((m + 1) * sizeof(*ins_slot));
	own_slot = xmalloc((m + 1) * sizeof(*own_slot));
	for (i = 0; i < n; i++) {
		const struct redoc *part = &out->parts[i];
		long prev = -1;
		int in_place_of_other = 0;

		for (k = 0; k < part->nparas; k++, cap++) {
			const struct rpara *p = &part->paras[k];
			const struct change *ch;

			refs[cap].part = i;
			refs[cap].para = k;
			ins_slot[cap] = own_slot[cap] = -1;
			if (p->role != RP_CLAUSE || p->change < 0)
				continue;
			ch = &p->cmp->changes[p->change];
			if (ch->nold) {
				prev = draft_clause_of(p);
				/* a clause this amendment replaces (deleted, then its
				 * text inserted) that another amendment's change shows:
				 * its new text goes with it */
				in_place_of_other = p->mark == RM_DEL && owner[prev] != (long)i;
				if (owner[ch->old[0]] == (long)i)
					own_slot[cap] = (long)ch->old[0];
				continue;
			}
			if (p->mark == RM_INS && !in_place_of_other)
				ins_slot[cap] = prev + 1;
		}
	}
	para_slots_build(ins, refs, ins_slot, m, nclauses + 1);
	para_slots_build(own, refs, own_slot, m, nclauses);
	free(refs);
	free(ins_slot);
	free(own_slot);
}

/* What each amendment inserts after draft clause dk (-1: before the first),
 * proposals numbered after the draft's operative paragraph last_num. */
static void
insertions(struct redoc *out, const struct para_slots *ins, long dk, const long *note_base,
	   const struct resolution *draft, long last_num, int *extra)
{
	size_t r;

	for (r = ins->start[dk + 1]; r < ins->start[dk + 2]; r++) {
		const struct rpara *p = &out->parts[ins->ref[r].part].paras[ins->ref[r].para];
		struct rpara *q = copy_para(out, p, note_base[ins->ref[r].part], (int)ins->ref[r].part);

		if (q->nnum && q->section == SEC_OPERATIVE && q->level == 0) {
			const char *num =
				proposal_number(out, last_num >= 0 ? draft->clauses[last_num].number : NULL, (*extra)++);

			q->num[0].s = num;
			q->num[0].len = strlen(num);
		}
	}
}

void
redoc_compile(const struct comparison *base, const struct comparison *const *amended, size_t n,
	      struct redoc *out)
{
	const struct resolution *draft = base->old;
	struct redoc b;
	struct para_slots ins, own;
	long *owner = xmalloc((draft->nclauses + 1) * sizeof(*owner));
	long *note_base = xcalloc(n + 1, sizeof(*note_base));
	size_t i, k, j;
	long last_num = -1;	/* the draft's operative paragraph last shown */
	int extra = 0;		/* proposals numbered after it */
	int first_done = 0;

	redoc_build(base, &b);
	memset(out, 0, sizeof(*out));
	out->cmp = base;
	out->parts = xcalloc(n + 1, sizeof(*out->parts));
	out->nparts = n;
	for (i = 0; i < n; i++)
		redoc_build(amended[i], &out->parts[i]);
	copy_notes(out, &b);
	for (i = 0; i < n; i++) {
		note_base[i] = (long)out->nnotes;
		copy_notes(out, &out->parts[i]);
	}
	/* each draft clause: the first amendment that changes it */
	for (k = 0; k < draft->nclauses; k++)
		owner[k] = -1;
	for (i = 0; i < n; i++)
		for (j = 0; j < out->parts[i].nparas; j++) {
			const struct rpara *p = &out->parts[i].paras[j];
			const struct change *ch;
			int free_all = 1;

			if (p->role != RP_CLAUSE || p->change < 0 || !para_changed(p))
				continue;
			ch = &p->cmp->changes[p->change];
			/* a change's clauses (two for a merge) go together, or not at all */
			for (k = 0; k < ch->nold; k++)
				if (owner[ch->old[k]] >= 0 && owner[ch->old[k]] != (long)i)
					free_all = 0;
			for (k = 0; k < ch->nold && free_all; k++)
				owner[ch->old[k]] = (long)i;
		}
	index_parts(out, n, owner, draft->nclauses, &ins, &own);
	/* the draft's paragraphs, each clause as its owner shows it, and after
	 * each, the paragraphs every amendment inserts there */
	for (j = 0; j < b.nparas; j++) {
		const struct rpara *bp = &b.paras[j];
		long dk = draft_clause_of(bp);

		if (dk < 0) {
			copy_para(out, bp, 0, -1);
			continue;
		}
		if (!first_done)
			insertions(out, &ins, -1, note_base, draft, -1, &extra);
		if (bp->section == SEC_OPERATIVE && bp->level == 0) {
			last_num = dk;
			extra = 0;
		}
		if (owner[dk] < 0) {
			copy_para(out, bp, 0, -1);
		} else {
			const struct redoc *part = &out->parts[owner[dk]];

			/* the owner's paragraphs for this clause (two for a split
			 * or merge), the first keeping the draft's own number */
			int first = 1;

			for (k = own.start[dk]; k < own.start[dk + 1]; k++) {
				const struct rpara *p = &part->paras[own.ref[k].para];
				struct rpara *q;

				q = copy_para(out, p, note_base[owner[dk]], (int)owner[dk]);
				if (first && p->mark == RM_SAME && bp->nnum) {
					q->num[0] = bp->num[0];
					q->nnum = 1;
				}
				first = 0;
			}
		}
		insertions(out, &ins, dk, note_base, draft, last_num, &extra);
		first_done = 1;
	}
	/* the document owns what the base's runs point into: its strings */
	for (i = 0; i < b.nstrings; i++)
		add_string(out, b.strings[i]);
	b.nstrings = 0;
	for (i = 0; i < b.nscripts; i++) {
		GROW(out->scripts, out->scripts_cap, out->nscripts + 1);
		out->scripts[out->nscripts++] = b.scripts[i];
	}
	b.nscripts = 0;
	redoc_release(&b);
	para_slots_release(&ins);
	para_slots_release(&own);
	free(owner);
	free(note_base);
}
