/*
 * The series view: the series of a repository that holds several, one
 * line each in aligned columns (path, latest symbol, date, title); Enter
 * opens its versions.
 */
#include "config.h"
#include "views.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

struct series_view {
	struct store_series *v;
	size_t n;
};

static void
add_span(struct sbuf *text, struct span **spans, size_t *n, enum role role, const char *s, size_t len)
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

/* Bytes of s that fit in w cells. */
static size_t
fit(const char *s, size_t n, size_t w, size_t *cells)
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

/* A column of w cells: s (sanitised), cut with a > when longer, padded,
 * then two spaces. */
static void
add_column(struct sbuf *text, struct span **spans, size_t *n, enum role role, const char *s, size_t w)
{
	struct sbuf safe = SBUF_INIT;
	size_t b, cells;

	utf8_sanitize(&safe, s, strlen(s), 0);
	b = fit(safe.buf ? safe.buf : "", safe.len, w, &cells);
	if (b < safe.len) {
		b = fit(safe.buf, safe.len, w - 1, &cells);
		add_span(text, spans, n, role, safe.buf, b);
		add_span(text, spans, n, ROLE_DIM, ">", 1);
		cells++;
	} else {
		add_span(text, spans, n, role, safe.buf ? safe.buf : "", b);
	}
	for (; cells < w + 2; cells++)
		add_span(text, spans, n, ROLE_PLAIN, " ", 1);
	sbuf_release(&safe);
}

static size_t
widest(const struct series_view *p, int which, size_t cap)
{
	size_t i, w, most = 1;
	const char *s;

	for (i = 0; i < p->n; i++) {
		s = which == 0 ? p->v[i].path : which == 1 ? p->v[i].symbol : p->v[i].date;
		w = s ? utf8_str_width(s, strlen(s)) : 1;
		if (w > most)
			most = w;
	}
	return most < cap ? most : cap;
}

/* Path, symbol, date and title in columns as wide as their widest entry
 * (a very long path or symbol is cut, with a >); the title takes the rest
 * and the line is cut at the screen's edge. */
static void
series_layout(struct view *v, struct tui *t)
{
	struct series_view *p = v->priv;
	int cols = tui_state(t)->cols;
	size_t i, path_w = widest(p, 0, cols > 40 ? (size_t)cols * 2 / 5 : 16), sym_w = widest(p, 1, 24),
	       date_w = widest(p, 2, 10);

	rdoc_release(&v->doc);
	rdoc_init(&v->doc);
	GROW(v->doc.v, v->doc.cap, p->n + 1);
	for (i = 0; i < p->n; i++) {
		struct rline *l = &v->doc.v[i];
		struct sbuf text = SBUF_INIT, title = SBUF_INIT;

		memset(l, 0, sizeof(*l));
		add_column(&text, &l->spans, &l->nspans, ROLE_HEADER, p->v[i].path, path_w);
		add_column(&text, &l->spans, &l->nspans, ROLE_KIND, p->v[i].symbol ? p->v[i].symbol : "-", sym_w);
		add_column(&text, &l->spans, &l->nspans, ROLE_DIM, p->v[i].date ? p->v[i].date : "", date_w);
		utf8_sanitize(&title, p->v[i].title ? p->v[i].title : "", strlen(p->v[i].title ? p->v[i].title : ""), 0);
		add_span(&text, &l->spans, &l->nspans, ROLE_PLAIN, title.buf ? title.buf : "", title.len);
		sbuf_release(&title);
		l->kind = RL_TEXT;
		l->change = (long)i;
		l->footnote = -1;
		l->width = utf8_str_width(text.buf ? text.buf : "", text.len);
		l->text = sbuf_detach(&text);
	}
	v->doc.n = p->n;
}

static int
series_request(struct view *v, struct tui *t, enum request r)
{
	struct series_view *p = v->priv;

	if (r != REQ_ENTER || p->n == 0)
		return 0;
	tui_push(t, view_versions_new(t, p->v[v->cursor].path));
	return 1;
}

static void
series_status(struct view *v, struct tui *t, struct sbuf *out)
{
	struct series_view *p = v->priv;

	(void)t;
	sbuf_printf(out, "series %zu of %zu  (Enter: its versions)", v->cursor + 1, p->n);
}

static void
series_title(struct view *v, struct tui *t, struct sbuf *out)
{
	(void)v;
	sbuf_adds(out, "redline  series in ");
	utf8_sanitize(out, store_path(tui_store(t)), strlen(store_path(tui_store(t))), 0);
}

static void
series_free(struct view *v)
{
	struct series_view *p = v->priv;

	store_series_free(p->v, p->n);
	free(p);
}

static const struct view_ops series_ops = {
	"series", KEYMAP_SERIES, series_layout, series_request, NULL, series_status, series_title, NULL, NULL, series_free,
};

struct view *
view_series_new(struct tui *t)
{
	struct series_view *p = xcalloc(1, sizeof(*p));
	struct rl_error err;

	/* 1: listed, but for a file that could not be read */
	if (store_list_series(tui_store(t), &p->v, &p->n, &err) != 0)
		tui_message(t, 1, "%s", err.msg);
	return view_new(&series_ops, p);
}
