/*
 * lineage: clauses through the versions of a series (lineage.h).
 */
#include "lineage.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void
lineage_init(struct lineage *l)
{
	memset(l, 0, sizeof(*l));
}

void
lineage_release(struct lineage *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].c);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void
lineage_links(const struct comparison *c, struct lin_link *out, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].parent[0] = out[i].parent[1] = -1;
		out[i].kind = CHANGE_INSERTED;
	}
	for (i = 0; i < c->nchanges; i++) {
		const struct change *ch = &c->changes[i];

		for (k = 0; k < ch->nnew; k++) {
			struct lin_link *lk;
			size_t p;

			if (ch->new_[k] >= n)
				continue;
			lk = &out[ch->new_[k]];
			lk->kind = ch->kind;
			lk->moved = ch->moved;
			lk->renumbered = ch->renumbered;
			lk->verb_changed = ch->verb_changed;
			lk->shift = ch->shift;
			lk->typo_only = ch->typo_only;
			lk->nparents = 0;
			for (p = 0; p < ch->nold && p < 2; p++)
				lk->parent[lk->nparents++] = (long)ch->old[p];
		}
	}
}

int
lineage_changed(const struct lin_link *in)
{
	if (in->verb_changed)
		return 1;
	if (in->typo_only)
		return 0;
	return in->kind == CHANGE_MODIFIED || in->kind == CHANGE_SPLIT || in->kind == CHANGE_MERGED;
}

void
lineage_add(struct lineage *l, const struct lin_link *links, size_t n)
{
	struct lin_version *v, *prev;
	size_t i, k;

	GROW(l->v, l->cap, l->n + 1);
	v = &l->v[l->n];
	v->n = n;
	v->c = xcalloc(n + 1, sizeof(*v->c));
	prev = l->n ? &l->v[l->n - 1] : NULL;
	/* the version before: its clauses' fates, from these links */
	if (prev)
		for (i = 0; i < prev->n; i++) {
			prev->c[i].fate = CHANGE_DELETED;
			prev->c[i].nheirs = 0;
			prev->c[i].heir[0] = prev->c[i].heir[1] = -1;
		}
	for (i = 0; i < n; i++) {
		struct lin_clause *c = &v->c[i];

		if (links && prev)
			c->in = links[i];
		else {
			memset(&c->in, 0, sizeof(c->in));
			c->in.parent[0] = c->in.parent[1] = -1;
			c->in.kind = CHANGE_INSERTED;
		}
		/* a parent out of range (a damaged cache) is no parent */
		if (c->in.nparents < 0 || c->in.nparents > 2)
			c->in.nparents = 0;
		for (k = 0; k < (size_t)c->in.nparents; k++)
			if (!prev || c->in.parent[k] < 0 || (size_t)c->in.parent[k] >= prev->n)
				c->in.nparents = (int)k;
		c->fate = CHANGE_UNCHANGED;
		c->heir[0] = c->heir[1] = -1;
		if (!c->in.nparents) {
			c->origin = l->n;
			c->origin_clause = i;
			c->words = c->verb = -1;
			c->verb_shift = SHIFT_SAME;
			c->churn = 0;
			continue;
		}
		{
			const struct lin_clause *p = &prev->c[c->in.parent[0]];

			c->origin = p->origin;
			c->origin_clause = p->origin_clause;
			c->words = p->words;
			c->verb = p->verb;
			c->verb_shift = p->verb_shift;
			c->churn = p->churn;
		}
		if (lineage_changed(&c->in)) {
			c->churn++;
			if (c->in.kind != CHANGE_UNCHANGED && !c->in.typo_only)
				c->words = (long)l->n;
		}
		if (c->in.verb_changed) {
			c->verb = (long)l->n;
			c->verb_shift = c->in.shift;
		}
		for (k = 0; k < (size_t)c->in.nparents; k++) {
			struct lin_clause *p = &prev->c[c->in.parent[k]];

			if (p->nheirs < 2)
				p->heir[p->nheirs++] = (long)i;
			p->fate = c->in.nparents == 2 ? CHANGE_MERGED
				: p->nheirs == 2	 ? CHANGE_SPLIT
				: c->in.kind == CHANGE_UNCHANGED ? CHANGE_UNCHANGED
								 : CHANGE_MODIFIED;
		}
	}
	l->n++;
}

void
lineage_path(const struct lineage *l, size_t version, size_t clause, long *path)
{
	size_t v = version + 1;
	long c = (long)clause;

	while (v-- > 0) {
		path[v] = c;
		if (c < 0)
			continue;
		if (!l->v[v].c[c].in.nparents || v == 0)
			c = -1;
		else
			c = l->v[v].c[c].in.parent[0];
	}
}

enum lin_cell
lineage_cell(const struct lin_link *in)
{
	if (in->verb_changed && in->shift == SHIFT_STRONGER)
		return CELL_STRONGER;
	if (in->verb_changed && in->shift == SHIFT_WEAKER)
		return CELL_WEAKER;
	return lineage_changed(in) ? CELL_WORDS : CELL_SAME;
}

static void
map_row(const struct lineage *l, size_t version, size_t clause, int deleted, long *path, struct lin_row *row)
{
	size_t v;

	row->version = version;
	row->clause = clause;
	row->deleted = deleted;
	row->cells = xcalloc(l->n + 1, 1);
	row->churn = l->v[version].c[clause].churn;
	lineage_path(l, version, clause, path);
	for (v = 0; v <= version; v++) {
		const struct lin_clause *c;

		if (path[v] < 0) {
			row->cells[v] = CELL_ABSENT;
			continue;
		}
		c = &l->v[v].c[path[v]];
		row->cells[v] = v == c->origin ? CELL_NEW : (unsigned char)lineage_cell(&c->in);
	}
	if (deleted && version + 1 < l->n)
		row->cells[version + 1] = CELL_DELETED;
}

void
lineage_map(const struct lineage *l, struct lin_map *out)
{
	long *path;
	size_t v, i, cap = 0;

	memset(out, 0, sizeof(*out));
	out->nversions = l->n;
	if (!l->n)
		return;
	path = xmalloc((l->n + 1) * sizeof(*path));
	for (i = 0; i < l->v[l->n - 1].n; i++) {
		GROW(out->rows, cap, out->n + 1);
		map_row(l, l->n - 1, i, 0, path, &out->rows[out->n++]);
	}
	for (v = 0; v + 1 < l->n; v++)
		for (i = 0; i < l->v[v].n; i++)
			if (l->v[v].c[i].fate == CHANGE_DELETED) {
				GROW(out->rows, cap, out->n + 1);
				map_row(l, v, i, 1, path, &out->rows[out->n++]);
			}
	free(path);
}

void
lin_map_release(struct lin_map *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->rows[i].cells);
	free(m->rows);
	memset(m, 0, sizeof(*m));
}
