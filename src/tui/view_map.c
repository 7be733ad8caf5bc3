/*
 * The map view: the grid of `redline map` (lineage_text.h): a row per
 * clause of the last version, then the clauses deleted along the way, a
 * column per version, each cell what that version did to the clause, in
 * its colour and as its character (. + = ~ ^ v x), so the map reads
 * without colour too. A cursor sits on one cell (arrows, hjkl); the status
 * line says what the cell is ("OP13 in A/C.1/79/L.43 (as OP12): opener
 * stronger (Encourages -> Urges)"); n and N go to the next cell that is a
 * change; Enter opens the comparison of that step on the clause, L the
 * clause's history, B the blame of the column's version.
 *
 * The title bar holds the columns' numbers, above the cells, so they stay
 * while the rows scroll; with more versions than the width holds, the
 * columns shown follow the cursor.
 *
 * Ownership: the view owns the series it loaded, or borrows the one of the
 * view below it (view_map_of), which outlives it; it owns its map.
 * Errors: a series that cannot be loaded leaves the view empty, with why
 * on the status line.
 */
#include "config.h"
#include "views.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lineage_text.h"
#include "series.h"
#include "styled.h"
#include "utf8.h"

/* "redline  map" and two spaces fit before the first column */
#define MIN_LABEL 11

struct map_view {
	struct series own;
	const struct series *s;	/* &own, or borrowed; NULL: not loaded */
	struct lin_map m;
	char **labels;		/* per row, sanitised */
	size_t labelw;		/* cells of the labels' column */
	size_t row, col;	/* the cursor's cell */
	size_t first_col, ncols_shown;
	size_t *row_line;	/* per row: its line */
	long *path;		/* scratch: a row's line through the versions */
	char *error;
};

static int
cell_role(enum lin_cell c)
{
	switch (c) {
	case CELL_NEW:
		return ROLE_INS;
	case CELL_SAME:
		return ROLE_PLAIN;
	case CELL_WORDS:
		return ROLE_KIND;
	case CELL_STRONGER:
		return ROLE_UP;
	case CELL_WEAKER:
		return ROLE_DOWN;
	case CELL_DELETED:
		return ROLE_DEL;
	case CELL_ABSENT:
	default:
		return ROLE_DIM;
	}
}

static void
add_spaces(struct styled *st, size_t n)
{
	while (n-- > 0)
		styled_adds(st, ROLE_PLAIN, " ");
}

/* The columns shown: all when they fit, else a window around the cursor. */
static void
fit_columns(struct map_view *p, int cols)
{
	long room = (long)cols - (long)p->labelw - 2 - 6;
	size_t n = p->m.nversions;

	p->ncols_shown = room < 1 ? 1 : (size_t)room;
	if (n <= p->ncols_shown) {
		p->first_col = 0;
		p->ncols_shown = n;
		return;
	}
	if (p->col < p->first_col)
		p->first_col = p->col;
	if (p->col >= p->first_col + p->ncols_shown)
		p->first_col = p->col - p->ncols_shown + 1;
	if (p->first_col + p->ncols_shown > n)
		p->first_col = n - p->ncols_shown;
}

/* The cells a label takes once sanitised, as it is shown. */
static size_t
label_width(const char *s)
{
	struct sbuf safe = SBUF_INIT;
	size_t w;

	utf8_sanitize(&safe, s, strlen(s), 0);
	w = utf8_str_width(sbuf_str(&safe), safe.len);
	sbuf_release(&safe);
	return w;
}

/* The versions the columns are, as many to a line as the width holds. */
static void
push_key(struct map_view *p, struct view *v, int cols, struct styled *line)
{
	size_t lw = 0, per, k;
	struct sbuf cell = SBUF_INIT;

	for (k = 0; k < p->s->n; k++)
		if (label_width(p->s->label[k]) > lw)
			lw = label_width(p->s->label[k]);
	per = cols > 4 ? ((size_t)cols - 4) / (lw + 5) : 1;
	if (per == 0)
		per = 1;
	for (k = 0; k < p->s->n; k++) {
		size_t w = label_width(p->s->label[k]);

		sbuf_reset(&cell);
		sbuf_printf(&cell, " %3zu ", k + 1);
		styled_adds(line, k == p->col ? ROLE_HEADER : ROLE_DIM, cell.buf);
		styled_adds(line, k == p->col ? ROLE_HEADER : ROLE_PLAIN, p->s->label[k]);
		if (k % per != per - 1 && k + 1 < p->s->n)
			add_spaces(line, lw - w);
		else
			styled_push(line, &v->doc, RL_TEXT, -1, 0, 0);
	}
	sbuf_release(&cell);
}

/* The legend, each character in its cell's colour. */
static void
push_legend(struct view *v, int cols, struct styled *line)
{
	const char *s = lineage_text_legend(), *e;
	int k;

	while (*s) {
		e = strstr(s, "  ");
		if (!e)
			e = s + strlen(s);
		for (k = CELL_ABSENT; k <= CELL_DELETED; k++)
			if (lineage_text_cell_char((enum lin_cell)k) == *s)
				break;
		styled_add(line, k <= CELL_DELETED ? cell_role((enum lin_cell)k) : ROLE_PLAIN, s, 1);
		styled_add(line, ROLE_DIM, s + 1, (size_t)(e - s) - 1);
		s = e;
		while (*s == ' ') {
			styled_adds(line, ROLE_DIM, " ");
			s++;
		}
	}
	styled_push(line, &v->doc, RL_TEXT, -1, cols, 0);
}

static void
map_layout(struct view *v, struct tui *t)
{
	struct map_view *p = v->priv;
	const struct tui_state *st = tui_state(t);
	struct styled line;
	struct sbuf churn = SBUF_INIT;
	size_t i, k;
	int deleted_header = 0;

	rdoc_release(&v->doc);
	rdoc_init(&v->doc);
	styled_init(&line);
	if (!p->s || p->m.n == 0) {
		styled_adds(&line, ROLE_DIM, p->error ? p->error : "no clauses to map");
		styled_push(&line, &v->doc, RL_TEXT, -1, st->cols, 2);
		goto out;
	}
	fit_columns(p, st->cols);
	push_key(p, v, st->cols, &line);
	for (i = 0; i < p->m.n; i++) {
		const struct lin_row *r = &p->m.rows[i];

		if (r->deleted && !deleted_header) {
			styled_adds(&line, ROLE_DIM, "deleted along the way:");
			styled_push(&line, &v->doc, RL_TEXT, -1, 0, 0);
			deleted_header = 1;
		}
		styled_adds(&line, ROLE_HEADER, p->labels[i]);
		add_spaces(&line, p->labelw - utf8_str_width(p->labels[i], strlen(p->labels[i])) + 1);
		styled_adds(&line, ROLE_DIM, p->first_col > 0 ? "<" : " ");
		for (k = p->first_col; k < p->first_col + p->ncols_shown; k++) {
			char c = lineage_text_cell_char((enum lin_cell)r->cells[k]);

			styled_add(&line, i == p->row && k == p->col ? (int)UI_CURSOR : cell_role((enum lin_cell)r->cells[k]),
				   &c, 1);
		}
		styled_adds(&line, ROLE_DIM, p->first_col + p->ncols_shown < p->m.nversions ? ">" : " ");
		sbuf_reset(&churn);
		sbuf_printf(&churn, " %zu", r->churn);
		styled_adds(&line, ROLE_PLAIN, churn.buf);
		p->row_line[i] = v->doc.n;
		styled_push(&line, &v->doc, RL_TEXT, (long)i, 0, 0);
	}
	styled_push(&line, &v->doc, RL_BLANK, -1, 0, 0);
	push_legend(v, st->cols, &line);
	v->cursor = p->row_line[p->row];
	/* the first row shows the key of the columns above it */
	if (p->row == 0)
		v->top = 0;
	tui_select(t, v, v->cursor);
out:
	styled_release(&line);
	sbuf_release(&churn);
}

static int
is_change(enum lin_cell c)
{
	return c != CELL_ABSENT && c != CELL_SAME;
}

/* n / N: the next cell, along the rows, that is a change. */
static void
jump_cell(struct map_view *p, struct tui *t, int backward)
{
	size_t nv = p->m.nversions, total = p->m.n * nv, pos = p->row * nv + p->col, k;

	for (k = 1; k < total; k++) {
		size_t q = backward ? (pos + total - k) % total : (pos + k) % total;

		if ((backward && q > pos) || (!backward && q < pos))
			break;
		if (is_change((enum lin_cell)p->m.rows[q / nv].cells[q % nv])) {
			p->row = q / nv;
			p->col = q % nv;
			return;
		}
	}
	tui_message(t, 0, "no change %s this cell", backward ? "before" : "after");
}

/* Enter: the comparison the cell's step was made in, on its clause. */
static void
open_cell(struct map_view *p, struct tui *t)
{
	const struct lin_row *r = &p->m.rows[p->row];
	enum lin_cell c = (enum lin_cell)r->cells[p->col];
	const struct clause *cl;
	struct sbuf jump = SBUF_INIT, what = SBUF_INIT;

	lineage_path(&p->s->lin, r->version, r->clause, p->path);
	if (c == CELL_ABSENT || (c == CELL_NEW && p->col == 0)) {
		lineage_text_cell(p->s, r, p->path, p->col, &what);
		tui_message(t, 0, "%s: nothing to compare", what.buf);
		goto out;
	}
	if (c == CELL_DELETED) {
		/* the clause is in the older version only */
		cl = lineage_text_clause(p->s, r->version, (long)r->clause);
		sbuf_printf(&jump, "old %s", cl ? cl->id : "?");
	} else {
		cl = lineage_text_clause(p->s, p->col, p->path[p->col]);
		sbuf_adds(&jump, cl ? cl->id : "?");
	}
	view_diff_open(t, p->s->path, p->s->v[p->col - 1].commit, p->s->v[p->col].commit, jump.buf);
out:
	sbuf_release(&jump);
	sbuf_release(&what);
}

static int
map_request(struct view *v, struct tui *t, enum request r)
{
	struct map_view *p = v->priv;
	long page = tui_state(t)->content_rows > 1 ? tui_state(t)->content_rows : 1;
	long row;
	const struct lin_row *lr;

	if (!p->s || p->m.n == 0)
		return 0;
	/* a click may have put the cursor on another row */
	if (v->cursor < v->doc.n && v->doc.v[v->cursor].change >= 0)
		p->row = (size_t)v->doc.v[v->cursor].change;
	row = (long)p->row;
	lr = &p->m.rows[p->row];
	switch (r) {
	case REQ_MOVE_UP:
		row--;
		break;
	case REQ_MOVE_DOWN:
		row++;
		break;
	case REQ_PAGE_UP:
		row -= page;
		break;
	case REQ_PAGE_DOWN:
		row += page;
		break;
	case REQ_HALF_PAGE_UP:
		row -= (page + 1) / 2;
		break;
	case REQ_HALF_PAGE_DOWN:
		row += (page + 1) / 2;
		break;
	case REQ_FIRST:
		row = 0;
		break;
	case REQ_LAST:
		row = (long)p->m.n - 1;
		break;
	case REQ_SCROLL_LEFT:
		if (p->col > 0)
			p->col--;
		break;
	case REQ_SCROLL_RIGHT:
		if (p->col + 1 < p->m.nversions)
			p->col++;
		break;
	case REQ_NEXT:
	case REQ_PREVIOUS:
		jump_cell(p, t, r == REQ_PREVIOUS);
		row = (long)p->row;
		break;
	case REQ_ENTER:
		open_cell(p, t);
		return 1;
	case REQ_HISTORY:
		lineage_path(&p->s->lin, lr->version, lr->clause, p->path);
		if (p->col <= lr->version && p->path[p->col] >= 0)
			tui_push(t, view_history_of(t, p->s, p->col, (size_t)p->path[p->col]));
		else
			tui_push(t, view_history_of(t, p->s, lr->version, lr->clause));
		return 1;
	case REQ_BLAME:
		tui_push(t, view_blame_of(t, p->s, p->col));
		return 1;
	case REQ_MAP:
		tui_message(t, 0, "this is the map of the series");
		return 1;
	default:
		return 0;
	}
	if (row < 0)
		row = 0;
	if (row >= (long)p->m.n)
		row = (long)p->m.n - 1;
	p->row = (size_t)row;
	map_layout(v, t);
	return 1;
}

/* ":OP13", ":op13", ":13" (OP13): the row of that clause, in the same
 * version's column; a clause deleted along the way by its label
 * (":PP27 of 77/64") or, failing that, its id. */
static int
map_command(struct view *v, struct tui *t, const char *cmd)
{
	struct map_view *p = v->priv;
	struct sbuf id = SBUF_INIT;
	size_t i, pass;

	while (*cmd == ' ')
		cmd++;
	if (!p->s || p->m.n == 0 || !*cmd)
		return 0;
	if (*cmd >= '0' && *cmd <= '9')
		sbuf_adds(&id, "OP");
	sbuf_adds(&id, cmd);
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < p->m.n; i++) {
			const struct lin_row *r = &p->m.rows[i];
			const struct clause *cl = lineage_text_clause(p->s, r->version, (long)r->clause);

			if (pass == 0 ? strcasecmp(p->labels[i], id.buf) != 0 : !cl || strcasecmp(cl->id, id.buf) != 0)
				continue;
			p->row = i;
			map_layout(v, t);
			goto out;
		}
	}
	tui_message(t, 1, "no clause %s in the map", id.buf);
out:
	sbuf_release(&id);
	return 1;
}

static void
map_title(struct view *v, struct tui *t, struct sbuf *out)
{
	struct map_view *p = v->priv;
	size_t k;

	(void)t;
	sbuf_adds(out, "redline  map");
	if (!p->s || p->m.n == 0)
		return;
	/* the columns' numbers, above the cells */
	for (k = strlen("redline  map"); k < p->labelw + 2; k++)
		sbuf_addch(out, ' ');
	for (k = p->first_col; k < p->first_col + p->ncols_shown; k++)
		sbuf_addch(out, (char)('0' + (k + 1) % 10));
	sbuf_adds(out, "  churn  ");
	utf8_sanitize(out, p->s->path, strlen(p->s->path), 0);
	sbuf_printf(out, "  %zu versions", p->s->n);
}

static void
map_status(struct view *v, struct tui *t, struct sbuf *out)
{
	struct map_view *p = v->priv;
	const struct lin_row *r;
	struct sbuf raw = SBUF_INIT;

	(void)v;
	(void)t;
	if (!p->s || p->m.n == 0) {
		sbuf_adds(out, p->error ? p->error : "no clauses to map");
		return;
	}
	r = &p->m.rows[p->row];
	lineage_path(&p->s->lin, r->version, r->clause, p->path);
	lineage_text_cell(p->s, r, p->path, p->col, &raw);
	utf8_sanitize(out, sbuf_str(&raw), raw.len, 0);
	sbuf_release(&raw);
}

static void
map_free(struct view *v)
{
	struct map_view *p = v->priv;
	size_t i;

	for (i = 0; i < p->m.n; i++)
		free(p->labels[i]);
	free(p->labels);
	lin_map_release(&p->m);
	if (p->s == &p->own)
		series_release(&p->own);
	free(p->row_line);
	free(p->path);
	free(p->error);
	free(p);
}

static const struct view_ops map_ops = {
	"map", KEYMAP_MAP, map_layout, map_request, NULL, map_status, map_title, NULL, map_command, map_free,
};

static struct map_view *
map_alloc(void)
{
	struct map_view *p = xcalloc(1, sizeof(*p));

	series_init(&p->own);
	return p;
}

/* The view on s (borrowed, or p's own): its map, its rows' labels, the
 * cursor on the last version's cell of the first row. */
static struct view *
map_setup(struct map_view *p, const struct series *s)
{
	struct sbuf raw = SBUF_INIT, safe = SBUF_INIT;
	size_t i, w;

	if (s && s->n) {
		p->s = s;
		lineage_map(&s->lin, &p->m);
		p->labels = xcalloc(p->m.n + 1, sizeof(*p->labels));
		p->row_line = xcalloc(p->m.n + 1, sizeof(*p->row_line));
		p->path = xcalloc(s->n + 1, sizeof(*p->path));
		p->labelw = MIN_LABEL;
		for (i = 0; i < p->m.n; i++) {
			sbuf_reset(&raw);
			sbuf_reset(&safe);
			lineage_text_row_label(s, &p->m.rows[i], &raw);
			utf8_sanitize(&safe, sbuf_str(&raw), raw.len, 0);
			p->labels[i] = xstrdup(sbuf_str(&safe));
			if ((w = utf8_str_width(p->labels[i], strlen(p->labels[i]))) > p->labelw)
				p->labelw = w;
		}
		p->col = s->n - 1;
	}
	sbuf_release(&raw);
	sbuf_release(&safe);
	return view_new(&map_ops, p);
}

struct view *
view_map_of(struct tui *t, const struct series *s)
{
	(void)t;
	return map_setup(map_alloc(), s);
}

struct view *
view_map_new(struct tui *t, const char *path)
{
	struct map_view *p = map_alloc();
	struct rl_error err;
	struct sbuf why = SBUF_INIT;

	if (!tui_store(t))
		sbuf_adds(&why, "the map reads the versions of a series in a repository");
	else if (series_load(tui_store(t), path, NULL, &p->own, &err) < 0)
		sbuf_adds(&why, err.msg);
	if (why.len) {
		tui_message(t, 1, "%s", why.buf);
		series_release(&p->own);
		p->error = sbuf_detach(&why);
		return map_setup(p, NULL);
	}
	return map_setup(p, &p->own);
}
