/*
 * The series view: the series of a repository that holds several, one
 * line each (path, latest symbol, date, title); Enter opens its versions.
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
add_span(struct sbuf *text, struct span **spans, size_t *n, enum role role, const char *s)
{
	*spans = xrealloc(*spans, (*n + 1) * sizeof(**spans));
	(*spans)[*n].role = role;
	(*spans)[*n].off = text->len;
	utf8_sanitize(text, s, strlen(s), 0);
	(*spans)[*n].len = text->len - (*spans)[*n].off;
	(*n)++;
}

static void
series_layout(struct view *v, struct tui *t)
{
	struct series_view *p = v->priv;
	size_t i;

	(void)t;
	rdoc_release(&v->doc);
	rdoc_init(&v->doc);
	GROW(v->doc.v, v->doc.cap, p->n + 1);
	for (i = 0; i < p->n; i++) {
		struct rline *l = &v->doc.v[i];
		struct sbuf text = SBUF_INIT;

		memset(l, 0, sizeof(*l));
		add_span(&text, &l->spans, &l->nspans, ROLE_HEADER, p->v[i].path);
		add_span(&text, &l->spans, &l->nspans, ROLE_PLAIN, "  ");
		add_span(&text, &l->spans, &l->nspans, ROLE_KIND, p->v[i].symbol ? p->v[i].symbol : "-");
		add_span(&text, &l->spans, &l->nspans, ROLE_PLAIN, "  ");
		add_span(&text, &l->spans, &l->nspans, ROLE_DIM, p->v[i].date ? p->v[i].date : "");
		add_span(&text, &l->spans, &l->nspans, ROLE_PLAIN, "  ");
		add_span(&text, &l->spans, &l->nspans, ROLE_PLAIN, p->v[i].title ? p->v[i].title : "");
		l->kind = RL_TEXT;
		l->change = (long)i;
		l->footnote = -1;
		l->width = utf8_str_width(text.buf, text.len);
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

	if (store_list_series(tui_store(t), &p->v, &p->n, &err) < 0)
		tui_message(t, 1, "%s", err.msg);
	return view_new(&series_ops, p);
}
