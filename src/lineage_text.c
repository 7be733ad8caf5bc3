/*
 * lineage_text: the wording of blame, history and map (lineage_text.h).
 */
#include "config.h"
#include "lineage_text.h"

#include <string.h>

#include "verbs.h"

const struct clause *
lineage_text_clause(const struct series *s, size_t v, long i)
{
	return v < s->n && i >= 0 && (size_t)i < s->v[v].res.nclauses ? &s->v[v].res.clauses[i] : NULL;
}

static const char *
clause_id(const struct series *s, size_t v, long i)
{
	const struct clause *cl = lineage_text_clause(s, v, i);

	return cl ? cl->id : "?";
}

void
lineage_text_openers(const struct series *s, size_t v, long i, const char **from, const char **to)
{
	const struct lin_clause *lc = &s->lin.v[v].c[i];
	const struct clause *now = lineage_text_clause(s, v, i);
	const struct clause *then = v > 0 && lc->in.nparents ? lineage_text_clause(s, v - 1, lc->in.parent[0]) : NULL;

	*from = then && then->opener ? then->opener : "?";
	*to = now && now->opener ? now->opener : "?";
}

void
lineage_text_blame(const struct series *s, size_t v, size_t i, int width, long *path, struct sbuf *out,
		   struct lin_blame_parts *parts)
{
	const struct clause *cl = &s->v[v].res.clauses[i];
	const struct lin_clause *lc = &s->lin.v[v].c[i];
	const struct clause *then = lineage_text_clause(s, lc->origin, (long)lc->origin_clause);
	const char *from = "?", *to = "?";
	struct lin_blame_parts dummy;

	if (!parts)
		parts = &dummy;
	memset(parts, 0, sizeof(*parts));
	if (lc->verb >= 0) {
		lineage_path(&s->lin, v, i, path);
		lineage_text_openers(s, (size_t)lc->verb, path[lc->verb], &from, &to);
	}
	sbuf_printf(out, "%-*s", width, cl->id);
	parts->since = out->len;
	sbuf_printf(out, "  since %s", s->label[lc->origin]);
	if (then && strcmp(then->id, cl->id) != 0) {
		parts->as = out->len;
		sbuf_printf(out, " (as %s)", then->id);
	}
	if (lc->words >= 0) {
		parts->words = out->len;
		sbuf_printf(out, "  words %s", s->label[lc->words]);
	}
	if (lc->verb >= 0) {
		parts->verb = out->len;
		sbuf_printf(out, "  verb %s (%s -> %s)", s->label[lc->verb], from, to);
	}
	parts->end = out->len;
}

void
lineage_text_step(const struct series *s, size_t v, long i, struct sbuf *out)
{
	const struct lin_clause *lc = &s->lin.v[v].c[i];
	const struct lin_link *in = &lc->in;
	size_t start = out->len;

	if (v == lc->origin) {
		sbuf_adds(out, v == 0 ? "in the first version" : "inserted");
		return;
	}
	if (in->moved)
		sbuf_adds(out, "moved, ");
	if (in->renumbered)
		sbuf_adds(out, "renumbered, ");
	if (in->kind == CHANGE_SPLIT)
		sbuf_adds(out, "split, ");
	else if (in->kind == CHANGE_MERGED)
		sbuf_adds(out, "merged, ");
	else if (in->kind == CHANGE_MODIFIED && in->typo_only)
		sbuf_adds(out, "typography only, ");
	else if (in->kind == CHANGE_MODIFIED)
		sbuf_adds(out, "modified, ");
	/* the last ", " goes */
	if (out->len >= start + 2)
		out->buf[out->len -= 2] = '\0';
	else
		sbuf_adds(out, "unchanged");
	if (in->verb_changed) {
		const char *from, *to;

		lineage_text_openers(s, v, i, &from, &to);
		sbuf_printf(out, ", verb %s (%s -> %s)", verbs_shift_name(in->shift), from, to);
	}
}

const char *
lineage_text_fate(const struct series *s, size_t v, long i, struct sbuf *out)
{
	const struct lin_clause *lc = &s->lin.v[v].c[i];
	size_t start = out->len;

	if (v + 1 >= s->n)
		return NULL;
	switch (lc->fate) {
	case CHANGE_DELETED:
		sbuf_printf(out, "deleted in %s", s->label[v + 1]);
		break;
	case CHANGE_MERGED:
		sbuf_printf(out, "merged into %s in %s", clause_id(s, v + 1, lc->heir[0]), s->label[v + 1]);
		break;
	case CHANGE_SPLIT:
		sbuf_printf(out, "split into %s and %s in %s", clause_id(s, v + 1, lc->heir[0]),
			    clause_id(s, v + 1, lc->heir[1]), s->label[v + 1]);
		break;
	default:
		return NULL;
	}
	return sbuf_str(out) + start;
}

size_t
lineage_text_line(const struct series *s, size_t at, size_t ci, long *path)
{
	size_t v;

	lineage_path(&s->lin, at, ci, path);
	for (v = at + 1; v < s->n; v++)
		path[v] = -1;
	for (v = at; v + 1 < s->n; v++) {
		const struct lin_clause *lc = &s->lin.v[v].c[path[v]];

		if ((lc->fate != CHANGE_UNCHANGED && lc->fate != CHANGE_MODIFIED) || lc->nheirs != 1)
			break;
		path[v + 1] = lc->heir[0];
	}
	return v;
}

void
lineage_text_wdiff(const struct series *s, size_t v, long i, struct wscript *ws)
{
	const struct clause *now = lineage_text_clause(s, v, i), *then = NULL;
	const struct lin_clause *lc = &s->lin.v[v].c[i];

	if (v > 0 && lc->in.nparents && v != lc->origin)
		then = lineage_text_clause(s, v - 1, lc->in.parent[0]);
	wdiff_compute(then ? then->text : "", then ? strlen(then->text) : 0, now ? now->text : "",
		      now ? strlen(now->text) : 0, NULL, 0, ws);
}

static const char cell_chars[] = { '.', '+', '=', '~', '^', 'v', 'x' };
static const char *const cell_names[] = { "absent", "inserted", "unchanged", "words", "stronger", "weaker", "deleted" };

char
lineage_text_cell_char(enum lin_cell c)
{
	return (size_t)c < sizeof(cell_chars) ? cell_chars[c] : '?';
}

const char *
lineage_text_cell_name(enum lin_cell c)
{
	return (size_t)c < sizeof(cell_chars) ? cell_names[c] : "?";
}

const char *
lineage_text_legend(void)
{
	return "+ first appeared  = unchanged  ~ words changed  ^ opener stronger  v opener weaker  x deleted  . absent";
}

void
lineage_text_row_label(const struct series *s, const struct lin_row *r, struct sbuf *out)
{
	sbuf_adds(out, clause_id(s, r->version, (long)r->clause));
	if (r->deleted)
		sbuf_printf(out, " of %s", s->label[r->version]);
}

void
lineage_text_cell(const struct series *s, const struct lin_row *r, const long *path, size_t v, struct sbuf *out)
{
	const char *row_id = clause_id(s, r->version, (long)r->clause);
	enum lin_cell c = v < s->n ? (enum lin_cell)r->cells[v] : CELL_ABSENT;
	long here = v <= r->version ? path[v] : -1;
	const char *from, *to;

	if (v >= s->n)
		return;
	/* a cell that is a step of the clause has its index there */
	if (here < 0 && c != CELL_DELETED)
		c = CELL_ABSENT;
	sbuf_printf(out, "%s in %s", row_id, s->label[v]);
	if (here >= 0 && strcmp(clause_id(s, v, here), row_id) != 0)
		sbuf_printf(out, " (as %s)", clause_id(s, v, here));
	sbuf_adds(out, ": ");
	switch (c) {
	case CELL_ABSENT:
		if (v <= r->version)
			sbuf_printf(out, "not there yet (first in %s)", s->label[s->lin.v[r->version].c[r->clause].origin]);
		else
			sbuf_printf(out, "gone (deleted in %s)", s->label[r->version + 1]);
		break;
	case CELL_NEW:
		sbuf_adds(out, v == 0 ? "in the first version" : "first appeared");
		break;
	case CELL_DELETED:
		sbuf_adds(out, "deleted");
		break;
	case CELL_STRONGER:
	case CELL_WEAKER:
		lineage_text_openers(s, v, here, &from, &to);
		sbuf_printf(out, "opener %s (%s -> %s)", c == CELL_STRONGER ? "stronger" : "weaker", from, to);
		break;
	case CELL_WORDS:
		sbuf_adds(out, "words changed: ");
		lineage_text_step(s, v, here, out);
		break;
	case CELL_SAME:
	default:
		lineage_text_step(s, v, here, out);
		break;
	}
}
