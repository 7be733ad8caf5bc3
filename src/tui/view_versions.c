/*
 * The versions view: the versions of one series, newest first, one line
 * each: symbol, date, subject, and what changed against the version before.
 * Versions load a batch at a time and summaries are computed one at a time
 * between keys, so the first screen of a long history appears at once.
 */
#include "config.h"
#include "views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compare.h"
#include "textout.h"
#include "utf8.h"

#define LOAD_BATCH 200
/* a step of loading stops after this long, so keys and the first screen
 * never wait for a long walk through history */
#define LOAD_SLICE_NS 15000000L

struct row {
	struct store_version v;
	char *symbol;		/* NULL until read */
	char *summary;		/* NULL until computed */
};

struct versions {
	char *path;
	struct store_iter *it;
	int loaded;
	struct row *rows;
	size_t n, cap;
	size_t next_summary;	/* rows before it have their summary */
	struct source older;	/* the parsed version after next_summary, kept for the next step */
	int have_older;
	long marked;		/* a row marked with m, or -1 */
};

static void
span_add(struct sbuf *text, struct span **spans, size_t *n, enum role role, const char *s, size_t len)
{
	*spans = xrealloc(*spans, (*n + 1) * sizeof(**spans));
	(*spans)[*n].role = role;
	(*spans)[*n].off = text->len;
	utf8_sanitize(text, s, len, 0);
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

/* Cut s to at most w cells, at a character boundary. */
static size_t
cut_to(const char *s, size_t w, size_t *cells)
{
	size_t i = 0, c = 0, k, n = strlen(s);
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (c + (size_t)utf8_width(cp) > w)
			break;
		c += (size_t)utf8_width(cp);
		i += k;
	}
	*cells = c;
	return i;
}

static void
build_row(struct versions *p, size_t i, int width, struct rline *out)
{
	struct row *r = &p->rows[i];
	struct sbuf text = SBUF_INIT;
	char date[11];
	const char *sym = r->symbol ? r->symbol : "...";
	const char *sum = r->summary ? r->summary : "...";
	/* the columns are the same on every row; what changed matters more
	 * than the commit subject, so the summary gets the larger share */
	size_t cells, b, subj_w, sum_w;
	struct span *spans = NULL;
	size_t ns = 0;

	memset(out, 0, sizeof(*out));
	store_format_date(r->v.time, r->v.tz_minutes, date);
	span_add(&text, &spans, &ns, (long)i == p->marked ? (enum role)UI_MARK : ROLE_HEADER,
		 (long)i == p->marked ? "*" : " ", 1);
	b = cut_to(sym, 20, &cells);
	span_add(&text, &spans, &ns, (long)i == p->marked ? (enum role)UI_MARK : ROLE_HEADER, sym, b);
	pad(&text, &spans, &ns, 21 - cells);
	span_add(&text, &spans, &ns, ROLE_DIM, date, strlen(date));
	pad(&text, &spans, &ns, 2);
	subj_w = width > 38 + 36 ? (size_t)(width - 38) / 3 : 12;
	sum_w = width > 38 + (int)subj_w ? (size_t)width - 38 - subj_w : 20;
	b = cut_to(r->v.subject, subj_w, &cells);
	span_add(&text, &spans, &ns, ROLE_PLAIN, r->v.subject, b);
	pad(&text, &spans, &ns, subj_w - cells + 2);
	b = cut_to(sum, sum_w, &cells);
	span_add(&text, &spans, &ns, r->summary ? ROLE_KIND : ROLE_DIM, sum, b);
	out->kind = RL_TEXT;
	out->change = (long)i;
	out->footnote = -1;
	out->width = utf8_str_width(text.buf, text.len);
	out->text = sbuf_detach(&text);
	out->spans = spans;
	out->nspans = ns;
}

static void
free_line(struct rline *l)
{
	free(l->text);
	free(l->spans);
}

static void
versions_layout(struct view *v, struct tui *t)
{
	struct versions *p = v->priv;
	size_t i;

	rdoc_release(&v->doc);
	rdoc_init(&v->doc);
	GROW(v->doc.v, v->doc.cap, p->n + 1);
	for (i = 0; i < p->n; i++)
		build_row(p, i, tui_state(t)->cols, &v->doc.v[i]);
	v->doc.n = p->n;
}

static void
refresh_row(struct view *v, struct tui *t, size_t i)
{
	struct versions *p = v->priv;

	if (i >= v->doc.n)
		return;
	free_line(&v->doc.v[i]);
	build_row(p, i, tui_state(t)->cols, &v->doc.v[i]);
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
		if (rc < 0)
			tui_message(t, 1, "%s", err.msg);
	}
	GROW(v->doc.v, v->doc.cap, p->n + 1);
	for (; first < p->n; first++)
		build_row(p, first, tui_state(t)->cols, &v->doc.v[first]);
	v->doc.n = p->n;
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
	tui_push(t, view_diff_new(t, &a, &b, ok_a && ok_b));
	source_release(&a);
	source_release(&b);
}

static void
open_diff(struct view *v, struct tui *t)
{
	struct versions *p = v->priv;
	size_t i = v->cursor, older, newer;

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

	switch (r) {
	case REQ_ENTER:
		open_diff(v, t);
		return 1;
	case REQ_MARK:
		if (p->n == 0)
			return 1;
		p->marked = p->marked == (long)v->cursor ? -1 : (long)v->cursor;
		if (old >= 0)
			refresh_row(v, t, (size_t)old);
		refresh_row(v, t, v->cursor);
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

	if (p->n)
		sbuf_printf(out, "version %zu of %zu%s", v->cursor + 1, p->n, p->loaded ? "" : "+");
	else
		sbuf_adds(out, p->loaded ? "no versions" : "loading");
	/* while a version is marked, Enter compares with it: say so */
	if (p->marked >= 0 && (size_t)p->marked == v->cursor) {
		sbuf_adds(out, dot);
		sbuf_adds(out, "marked: m unmarks");
	} else if (p->marked >= 0) {
		sbuf_adds(out, dot);
		sbuf_adds(out, "vs marked ");
		row_name(&p->rows[p->marked], out);
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
	if (p->have_older)
		source_release(&p->older);
	store_iter_free(p->it);
	free(p->path);
	free(p);
}

static const struct view_ops versions_ops = {
	"versions", KEYMAP_VERSIONS, versions_layout, versions_request, versions_idle, versions_status, versions_title, NULL, NULL, versions_free,
};

struct view *
view_versions_new(struct tui *t, const char *path)
{
	struct versions *p = xcalloc(1, sizeof(*p));
	struct rl_error err;
	struct view *v;

	p->path = xstrdup(path);
	p->marked = -1;
	if (store_iter_open(tui_store(t), path, NULL, &p->it, &err) < 0) {
		tui_message(t, 1, "%s", err.msg);
		p->loaded = 1;
	}
	v = view_new(&versions_ops, p);
	/* the versions load between keys, a slice at a time, from the first screen on */
	v->busy = 1;
	return v;
}
