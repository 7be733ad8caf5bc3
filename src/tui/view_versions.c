/*
 * The versions view: the versions of one series, newest first, one line
 * each: symbol, date, subject (without the symbol it would repeat), and
 * what changed against the version before. A column cut short ends in >;
 * w shows the rows whole, wrapped in their columns. Versions load a batch
 * at a time and summaries are computed one at a time between keys, so the
 * first screen of a long history appears at once.
 */
#include "config.h"
#include "views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compare.h"
#include "textout.h"
#include "vindex.h"
#include "utf8.h"

#define LOAD_BATCH 200
/* a step of loading stops after this long, so keys and the first screen
 * never wait for a long walk through history */
#define LOAD_SLICE_NS 15000000L

struct row {
	struct store_version v;
	char *symbol;		/* NULL until read */
	char *summary;		/* NULL until computed */
	int cut;		/* a column of its line is cut short */
};

struct versions {
	char *path;
	struct store_iter *it;
	int loaded;
	/* the walk stopped before the first commit: 1 at a shallow clone's
	 * boundary, -1 at a commit or tree it could not read */
	int cut;
	struct row *rows;
	size_t n, cap;
	size_t next_summary;	/* rows before it have their summary */
	struct source older;	/* the parsed version after next_summary, kept for the next step */
	int have_older;
	long marked;		/* a row marked with m, or -1 */
	int whole;		/* w: rows wrapped in their columns, not cut */
	size_t *first_line;	/* per row: its first line in the view */
	size_t lines_cap;
};

#define SYMBOL_CELLS 20
/* mark, symbol, two spaces, date, two spaces */
#define FIXED_CELLS (1 + SYMBOL_CELLS + 2 + 10 + 2)

static void
span_add(struct sbuf *text, struct span **spans, size_t *n, enum role role, const char *s, size_t len)
{
	if (len == 0)
		return;
	*spans = xrealloc(*spans, (*n + 1) * sizeof(**spans));
	(*spans)[*n].role = role;
	(*spans)[*n].off = text->len;
	sbuf_add(text, s, len);
	(*spans)[*n].len = text->len - (*spans)[*n].off;
	(*n)++;
}

static void
pad(struct sbuf *text, struct span **spans, size_t *n, size_t cells)
{
	struct sbuf sp = SBUF_INIT;

	while (cells-- > 0)
		sbuf_addch(&sp, ' ');
	span_add(text, spans, n, ROLE_PLAIN, sbuf_str(&sp), sp.len);
	sbuf_release(&sp);
}

/* Bytes of s[0..n) that fit in w cells, at a character boundary. */
static size_t
cut_to(const char *s, size_t n, size_t w, size_t *cells)
{
	size_t i = 0, c = 0, k;
	uint32_t cp;
	int cw;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		cw = cp == UTF8_INVALID ? 1 : utf8_width(cp);
		if (c + (size_t)cw > w)
			break;
		c += (size_t)cw;
		i += k;
	}
	*cells = c;
	return i;
}

/*
 * One column of a row: its text (sanitised), either cut to w cells with a
 * > in the last one when it does not fit, or broken at spaces into pieces
 * of at most w cells (a word longer than that is cut).
 */
struct piece {
	size_t a, b, cells;
};

static size_t
column_pieces(const char *t, size_t n, size_t w, int whole, struct piece *out, size_t max)
{
	size_t i = 0, np = 0, b, cells, end, cw, k;

	if (w == 0 || max == 0)
		return 0;
	if (!whole) {
		b = cut_to(t, n, w, &cells);
		if (b < n) {
			b = cut_to(t, n, w - 1, &cells);
			out[0].a = 0, out[0].b = b, out[0].cells = cells + 1;	/* and '>' */
			return (size_t)-1;
		}
		out[0].a = 0, out[0].b = b, out[0].cells = cells;
		return 1;
	}
	while (i < n && np < max) {
		while (i < n && t[i] == ' ')
			i++;
		if (i == n)
			break;
		b = cut_to(t + i, n - i, w, &cells) + i;
		if (b < n) {
			/* back to the last space that fits, if any; a summary's
			 * parts are two spaces apart ("~6 OP  1 moved"): break
			 * between parts rather than inside one where it can */
			if (t[b] == ' ')
				end = b + 1;
			else
				for (end = b; end > i && t[end - 1] != ' '; end--)
					;
			for (k = end; k > i + 1 && !(t[k - 1] == ' ' && t[k - 2] == ' '); k--)
				;
			if (k > i + 1 && utf8_str_width(t + i, k - i) * 2 >= w)
				end = k;
			if (end > i) {
				b = end;
				while (b > i && t[b - 1] == ' ')
					b--;
				cells = utf8_str_width(t + i, b - i);
			}
		}
		cw = cells;
		out[np].a = i, out[np].b = b, out[np].cells = cw;
		np++;
		i = b;
	}
	return np;
}

/* The subject without the symbol it begins with ("A/RES/79/53 adopted"
 * says the symbol the row shows already). */
static const char *
subject_of(const struct row *r)
{
	const char *s = r->v.subject ? r->v.subject : "";
	size_t n = r->symbol ? strlen(r->symbol) : 0;

	if (n && strncmp(s, r->symbol, n) == 0 && (s[n] == '\0' || s[n] == ' ' || s[n] == ':')) {
		s += n;
		while (*s == ' ' || *s == ':')
			s++;
	}
	return s;
}

#define MAX_PIECES 64

static void
push_row_line(struct rdoc *d, long row, struct sbuf *text, struct span *spans, size_t ns)
{
	struct rline *l;

	GROW(d->v, d->cap, d->n + 1);
	l = &d->v[d->n++];
	memset(l, 0, sizeof(*l));
	l->kind = RL_TEXT;
	l->change = row;
	l->footnote = -1;
	l->width = utf8_str_width(text->buf ? text->buf : "", text->len);
	l->text = sbuf_detach(text);
	l->spans = spans;
	l->nspans = ns;
}

/* The lines of row i: one, or (whole) as many as its longest column needs. */
static void
build_row(struct versions *p, size_t i, int width, struct rdoc *out)
{
	struct row *r = &p->rows[i];
	struct sbuf sym = SBUF_INIT, subj = SBUF_INIT, sum = SBUF_INIT, text = SBUF_INIT;
	struct piece ps[MAX_PIECES], pm[MAX_PIECES], py;
	size_t subj_w, sum_w, rest, nsubj, nsum, nlines, k, cells, b;
	int cut_subj = 0, cut_sum = 0, marked = (long)i == p->marked;
	enum role head = marked ? (enum role)UI_MARK : ROLE_HEADER;
	char date[11];

	store_format_date(r->v.time, r->v.tz_minutes, date);
	utf8_sanitize(&sym, r->symbol ? r->symbol : "...", strlen(r->symbol ? r->symbol : "..."), 0);
	utf8_sanitize(&subj, subject_of(r), strlen(subject_of(r)), 0);
	utf8_sanitize(&sum, r->summary ? r->summary : "...", strlen(r->summary ? r->summary : "..."), 0);
	/* what changed matters more than the commit subject: the summary
	 * gets the larger share of what the fixed columns leave */
	rest = width > FIXED_CELLS + 24 ? (size_t)width - FIXED_CELLS : 24;
	subj_w = rest * 2 / 5;
	sum_w = rest - subj_w - 2;
	nsubj = column_pieces(subj.buf ? subj.buf : "", subj.len, subj_w, p->whole, ps, MAX_PIECES);
	nsum = column_pieces(sum.buf ? sum.buf : "", sum.len, sum_w, p->whole, pm, MAX_PIECES);
	if (nsubj == (size_t)-1)
		cut_subj = 1, nsubj = 1;
	if (nsum == (size_t)-1)
		cut_sum = 1, nsum = 1;
	r->cut = cut_subj || cut_sum || cut_to(sym.buf, sym.len, SYMBOL_CELLS, &cells) < sym.len;
	nlines = nsubj > nsum ? nsubj : nsum;
	if (nlines == 0)
		nlines = 1;
	for (k = 0; k < nlines; k++) {
		struct span *spans = NULL;
		size_t ns = 0;

		if (k == 0) {
			span_add(&text, &spans, &ns, head, marked ? "*" : " ", 1);
			b = cut_to(sym.buf, sym.len, SYMBOL_CELLS, &cells);
			if (b < sym.len) {
				b = cut_to(sym.buf, sym.len, SYMBOL_CELLS - 1, &cells);
				span_add(&text, &spans, &ns, head, sym.buf, b);
				span_add(&text, &spans, &ns, ROLE_DIM, ">", 1);
				cells++;
			} else {
				span_add(&text, &spans, &ns, head, sym.buf, b);
			}
			pad(&text, &spans, &ns, SYMBOL_CELLS - cells + 2);
			span_add(&text, &spans, &ns, ROLE_DIM, date, strlen(date));
			pad(&text, &spans, &ns, 2);
		} else {
			pad(&text, &spans, &ns, FIXED_CELLS);
		}
		py.cells = 0;
		if (k < nsubj) {
			py = ps[k];
			span_add(&text, &spans, &ns, ROLE_PLAIN, subj.buf + py.a, py.b - py.a);
			if (cut_subj)
				span_add(&text, &spans, &ns, ROLE_DIM, ">", 1);
		}
		if (k < nsum) {
			pad(&text, &spans, &ns, subj_w - py.cells + 2);
			span_add(&text, &spans, &ns, r->summary ? ROLE_KIND : ROLE_DIM, sum.buf + pm[k].a,
				 pm[k].b - pm[k].a);
			if (cut_sum)
				span_add(&text, &spans, &ns, ROLE_DIM, ">", 1);
		}
		push_row_line(out, (long)i, &text, spans, ns);
	}
	sbuf_release(&sym);
	sbuf_release(&subj);
	sbuf_release(&sum);
	sbuf_release(&text);
}

/* The row the cursor is on. */
static size_t
cursor_row(const struct view *v)
{
	return v->cursor < v->doc.n && v->doc.v[v->cursor].change >= 0 ? (size_t)v->doc.v[v->cursor].change : 0;
}

static void
versions_layout(struct view *v, struct tui *t)
{
	struct versions *p = v->priv;
	size_t i, row = cursor_row(v), top_row = v->top < v->doc.n ? (size_t)v->doc.v[v->top].change : 0;

	rdoc_release(&v->doc);
	rdoc_init(&v->doc);
	GROW(p->first_line, p->lines_cap, p->n + 1);
	for (i = 0; i < p->n; i++) {
		p->first_line[i] = v->doc.n;
		build_row(p, i, tui_state(t)->cols, &v->doc);
	}
	/* the same rows at the cursor and at the top as before */
	if (row < p->n) {
		v->cursor = p->first_line[row];
		v->top = top_row < p->n ? p->first_line[top_row] : 0;
	}
}

/* Build row i again (its symbol or summary came): its lines are replaced
 * in place; when their number changes, the lines after them move. */
static void
refresh_row(struct view *v, struct tui *t, size_t i)
{
	struct versions *p = v->priv;
	struct rdoc fresh;
	size_t first, old_n, k;
	long delta;

	if (i >= p->n || p->first_line == NULL || p->first_line[i] >= v->doc.n)
		return;
	rdoc_init(&fresh);
	build_row(p, i, tui_state(t)->cols, &fresh);
	first = p->first_line[i];
	old_n = (i + 1 < p->n && p->first_line[i + 1] <= v->doc.n ? p->first_line[i + 1] : v->doc.n) - first;
	for (k = first; k < first + old_n; k++) {
		free(v->doc.v[k].text);
		free(v->doc.v[k].spans);
	}
	delta = (long)fresh.n - (long)old_n;
	if (delta) {
		GROW(v->doc.v, v->doc.cap, v->doc.n + fresh.n);
		memmove(&v->doc.v[first + fresh.n], &v->doc.v[first + old_n],
			(v->doc.n - first - old_n) * sizeof(*v->doc.v));
		v->doc.n = (size_t)((long)v->doc.n + delta);
		for (k = i + 1; k < p->n; k++)
			p->first_line[k] = (size_t)((long)p->first_line[k] + delta);
		/* the cursor and the top stay on their rows */
		if (v->cursor >= first + old_n)
			v->cursor = (size_t)((long)v->cursor + delta);
		else if (v->cursor >= first + fresh.n)
			v->cursor = first;
		if (v->top >= first + old_n)
			v->top = (size_t)((long)v->top + delta);
	}
	memcpy(&v->doc.v[first], fresh.v, fresh.n * sizeof(*fresh.v));
	free(fresh.v);
}

static long
elapsed_ns(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000000000L + (now.tv_nsec - start->tv_nsec);
}

static void
load_batch(struct view *v, struct tui *t)
{
	struct versions *p = v->priv;
	struct rl_error err;
	struct timespec start;
	int k, rc = 0;
	size_t first = p->n;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (k = 0; k < LOAD_BATCH; k++) {
		struct row *r;

		if (k > 0 && elapsed_ns(&start) > LOAD_SLICE_NS)
			break;
		GROW(p->rows, p->cap, p->n + 1);
		r = &p->rows[p->n];
		memset(r, 0, sizeof(*r));
		/* a few hundred commits at a time: a rare file's versions may
		 * lie far apart in a long history */
		rc = store_iter_step(p->it, &r->v, 256, &err);
		if (rc == 2) {
			rc = 0;
			k--;
			if (elapsed_ns(&start) > LOAD_SLICE_NS)
				break;
			continue;
		}
		if (rc != 0)
			break;
		p->n++;
	}
	if (rc != 0) {
		p->loaded = 1;
		store_iter_free(p->it);
		p->it = NULL;
		/* the versions that could be read are shown; the line says why there are no more */
		p->cut = rc < 0 ? -1 : rc == 3 ? 1 : 0;
		if (p->cut)
			tui_message(t, rc < 0, "%s", err.msg);
	}
	GROW(p->first_line, p->lines_cap, p->n + 1);
	for (; first < p->n; first++) {
		p->first_line[first] = v->doc.n;
		build_row(p, first, tui_state(t)->cols, &v->doc);
	}
}

/* Read a version quietly (errors show in the summary, not on the tty). */
static int
read_version(struct tui *t, struct versions *p, size_t i, struct source *s)
{
	struct rl_error err;

	source_init(s);
	return source_load_commit(tui_store(t), p->rows[i].v.commit, p->path, s, &err);
}

static void
summarise_next(struct view *v, struct tui *t)
{
	struct versions *p = v->priv;
	size_t i = p->next_summary;
	struct source newer, older;
	struct sbuf sum = SBUF_INIT;
	struct comparison c;
	int ok_new, ok_old = 0;

	if (p->have_older) {
		newer = p->older;
		ok_new = 1;
		p->have_older = 0;
	} else {
		ok_new = read_version(t, p, i, &newer) == 0;
	}
	if (ok_new && !p->rows[i].symbol)
		p->rows[i].symbol = xstrdup(newer.res.meta.symbol ? newer.res.meta.symbol : "-");
	if (i + 1 < p->n)
		ok_old = read_version(t, p, i + 1, &older) == 0;
	if (!ok_new)
		sbuf_adds(&sum, "cannot be read");
	else if (i + 1 >= p->n && p->cut)
		/* the oldest that could be read: maybe not the first */
		sbuf_adds(&sum, p->cut > 0 ? "history before it not in this shallow clone"
					   : "history before it cannot be read");
	else if (i + 1 >= p->n)
		sbuf_adds(&sum, "first version");
	else if (!ok_old)
		sbuf_adds(&sum, "the version before cannot be read");
	else {
		compare_resolutions(&older.res, &newer.res, 0, &c);
		textout_summary_line(&sum, &c);
		comparison_release(&c);
	}
	p->rows[i].summary = sbuf_detach(&sum);
	source_release(&newer);
	if (i + 1 < p->n) {
		if (ok_old) {
			p->older = older;
			p->have_older = 1;
		} else {
			source_release(&older);
		}
	}
	p->next_summary++;
	refresh_row(v, t, i);
}

static void
versions_idle(struct view *v, struct tui *t)
{
	struct versions *p = v->priv;

	if (!p->loaded)
		load_batch(v, t);
	else if (p->next_summary < p->n)
		summarise_next(v, t);
	v->busy = !p->loaded || p->next_summary < p->n;
}

/* Load both versions (both, even when one fails, so both labels show)
 * and open their comparison; a failure goes to the status line. */
static void
open_pair(struct tui *t, const char *path, const char *old_commit, const char *new_commit)
{
	struct source a, b;
	struct rl_error ea, eb;
	int ok_a, ok_b;

	source_init(&a);
	source_init(&b);
	ok_a = source_load_commit(tui_store(t), old_commit, path, &a, &ea) == 0;
	ok_b = source_load_commit(tui_store(t), new_commit, path, &b, &eb) == 0;
	if (!ok_a || !ok_b)
		tui_message(t, 1, "%s", !ok_a ? ea.msg : eb.msg);
	tui_push(t, view_diff_new(t, &a, &b, !ok_a ? ea.msg : !ok_b ? eb.msg : NULL));
	source_release(&a);
	source_release(&b);
}

static void
open_diff(struct view *v, struct tui *t)
{
	struct versions *p = v->priv;
	size_t i = cursor_row(v), older, newer;

	if (p->n == 0)
		return;
	if (p->marked >= 0 && (size_t)p->marked != i) {
		newer = i < (size_t)p->marked ? i : (size_t)p->marked;
		older = i < (size_t)p->marked ? (size_t)p->marked : i;
	} else {
		newer = i;
		older = i + 1;
		if (older >= p->n) {
			tui_message(t, 0, p->loaded ? "the first version: nothing before it to compare"
						    : "still loading the versions before this one");
			return;
		}
	}
	open_pair(t, p->path, p->rows[older].v.commit, p->rows[newer].v.commit);
}

/* How a row is named: its symbol once read, else its short commit. */
static void
row_name(const struct row *r, struct sbuf *out)
{
	if (r->symbol)
		utf8_sanitize(out, r->symbol, strlen(r->symbol), 0);
	else
		sbuf_printf(out, "%.7s", r->v.commit);
}

static int
versions_request(struct view *v, struct tui *t, enum request r)
{
	struct versions *p = v->priv;
	long old = p->marked;
	size_t row = cursor_row(v);

	switch (r) {
	case REQ_ENTER:
		open_diff(v, t);
		return 1;
	case REQ_AMENDMENTS:
		if (p->n)
			tui_push(t, view_amend_new(t, p->path, p->rows[row].v.commit));
		return 1;
	case REQ_BLAME:
		if (p->n)
			tui_push(t, view_blame_new(t, p->path, p->rows[row].v.commit));
		return 1;
	case REQ_MAP:
		tui_push(t, view_map_new(t, p->path));
		return 1;
	case REQ_TOGGLE_WRAP:
		p->whole = !p->whole;
		versions_layout(v, t);
		tui_select(t, v, v->cursor);
		tui_message(t, 0, "%s", p->whole ? "rows are shown whole" : "rows are cut (w shows them whole)");
		return 1;
	case REQ_MOVE_DOWN:
	case REQ_MOVE_UP:
		/* from version to version, whatever lines a row takes */
		if (!p->whole || p->n == 0)
			return 0;
		if (r == REQ_MOVE_DOWN && row + 1 < p->n)
			tui_select(t, v, p->first_line[row + 1]);
		else if (r == REQ_MOVE_UP && row > 0)
			tui_select(t, v, p->first_line[row - 1]);
		else
			tui_select(t, v, p->first_line[row]);
		return 1;
	case REQ_MARK:
		if (p->n == 0)
			return 1;
		p->marked = p->marked == (long)row ? -1 : (long)row;
		if (old >= 0)
			refresh_row(v, t, (size_t)old);
		refresh_row(v, t, row);
		if (p->marked >= 0) {
			struct sbuf name = SBUF_INIT;

			row_name(&p->rows[p->marked], &name);
			tui_message(t, 0, "marked %s; Enter on another version compares the two", name.buf);
			sbuf_release(&name);
		} else
			tui_message(t, 0, "mark removed");
		return 1;
	default:
		return 0;
	}
}

static void
versions_status(struct view *v, struct tui *t, struct sbuf *out)
{
	struct versions *p = v->priv;
	const char *dot = tui_state(t)->utf8 ? " \xC2\xB7 " : " | ";
	size_t row = cursor_row(v);

	if (p->n)
		sbuf_printf(out, "version %zu of %zu%s", row + 1, p->n, p->loaded ? "" : "+");
	else
		sbuf_adds(out, p->loaded ? "no versions" : "loading");
	/* while a version is marked, Enter compares with it: say so */
	if (p->marked >= 0 && (size_t)p->marked == row) {
		sbuf_adds(out, dot);
		sbuf_adds(out, "marked: m unmarks");
	} else if (p->marked >= 0) {
		sbuf_adds(out, dot);
		sbuf_adds(out, "vs marked ");
		row_name(&p->rows[p->marked], out);
	}
	/* a cut row can be read whole */
	if (!p->whole && row < p->n && p->rows[row].cut) {
		sbuf_adds(out, dot);
		sbuf_adds(out, "w: whole rows");
	}
	if (v->busy)
		sbuf_adds(out, p->loaded ? "  (summarising)" : "  (loading)");
}

static void
versions_title(struct view *v, struct tui *t, struct sbuf *out)
{
	struct versions *p = v->priv;

	sbuf_adds(out, "redline  versions of ");
	utf8_sanitize(out, p->path, strlen(p->path), 0);
	sbuf_adds(out, "  in ");
	utf8_sanitize(out, store_path(tui_store(t)), strlen(store_path(tui_store(t))), 0);
}

static void
versions_free(struct view *v)
{
	struct versions *p = v->priv;
	size_t i;

	for (i = 0; i < p->n; i++) {
		store_version_release(&p->rows[i].v);
		free(p->rows[i].symbol);
		free(p->rows[i].summary);
	}
	free(p->rows);
	free(p->first_line);
	if (p->have_older)
		source_release(&p->older);
	store_iter_free(p->it);
	free(p->path);
	free(p);
}

static const struct view_ops versions_ops = {
	"versions", KEYMAP_VERSIONS, versions_layout, versions_request, versions_idle, versions_status, versions_title, NULL, NULL, versions_free,
};

/*
 * Every version with its summary from the version index, when it already
 * covers HEAD (vindex.h): 0; 1 when it does not (the view then loads and
 * summarises a slice at a time, never keeping the first screen waiting).
 */
static int
rows_from_index(struct tui *t, struct versions *p)
{
	struct vindex_version *vv;
	size_t n, i;

	if (!tui_index(t) || vindex_series(tui_index(t), p->path, VINDEX_CACHED_ONLY, &vv, &n) != 0)
		return 1;
	p->rows = xcalloc(n + 1, sizeof(*p->rows));
	p->cap = n + 1;
	for (i = 0; i < n; i++) {
		struct row *r = &p->rows[i];

		memcpy(r->v.commit, vv[i].commit, STORE_OID_HEX);
		memcpy(r->v.blob, vv[i].blob, STORE_OID_HEX);
		r->v.subject = xstrdup(vv[i].subject);
		r->v.author = xstrdup(vv[i].author);
		r->v.time = vv[i].time;
		r->v.tz_minutes = vv[i].tz_minutes;
		r->symbol = xstrdup(vv[i].symbol ? vv[i].symbol : "-");
		r->summary = xstrdup(vv[i].summary);
	}
	p->n = p->next_summary = n;
	p->loaded = 1;
	free(vv);
	return 0;
}

struct view *
view_versions_new(struct tui *t, const char *path)
{
	struct versions *p = xcalloc(1, sizeof(*p));
	struct rl_error err;
	struct view *v;

	p->path = xstrdup(path);
	p->marked = -1;
	if (rows_from_index(t, p) == 0) {
		/* every row and summary at once: nothing to load */
		v = view_new(&versions_ops, p);
		return v;
	}
	if (store_iter_open(tui_store(t), path, NULL, &p->it, &err) < 0) {
		tui_message(t, 1, "%s", err.msg);
		p->loaded = 1;
	}
	v = view_new(&versions_ops, p);
	/* the versions load between keys, a slice at a time, from the first screen on */
	v->busy = 1;
	return v;
}
