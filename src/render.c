#include "config.h"
#include "render.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "utf8.h"
#include "util.h"
#include "verbs.h"

/*
 * Styled text: bytes and the role of every byte as runs. Used both for the
 * whole text of a header or clause before wrapping and for one line while
 * it is built, so wrapping is a matter of copying byte ranges.
 */
struct styled {
	struct sbuf t;
	struct span *runs;
	size_t n, cap;
};

struct seg {
	size_t a, b;	/* bytes of a styled text on one line */
	int hard;	/* the first line of a paragraph */
};

struct segs {
	struct seg *v;
	size_t n, cap;
};

/*
 * What a change's (or footnote's) text is made of. A split's new side and
 * a merge's old side are two clauses joined by one space (compare.h):
 * brk_old/brk_new is the offset of that space in the joined text (0: one
 * clause), and the ids name the two paragraphs when they are shown apart.
 */
struct body {
	enum change_kind kind;
	const struct wscript *ws;	/* words, or NULL: whole texts */
	const char *old_text, *new_text;
	size_t brk_old, brk_new;
	const char *old_ids[2], *new_ids[2];
};

enum side { SIDE_UNIFIED, SIDE_OLD, SIDE_NEW };

struct ctx {
	const struct comparison *c;
	const struct render_opts *o;
	struct rdoc *out;
	render_emit_fn *emit;		/* NULL: out keeps every line */
	void *emit_arg;
	int width;
	struct styled a, b, line;	/* scratch, reused for every change */
	struct segs sa, sb;
};

#define TEXT_INDENT 4
#define HEADER_INDENT 2
#define FOLD_INDENT 2
#define FOLD_CONT_INDENT 6

static const char sep_utf8[] = " \xe2\x94\x82 ";	/* U+2502 */
static const char sep_ascii[] = " | ";

/*
 * The document
 */

void
rdoc_init(struct rdoc *d)
{
	d->v = NULL;
	d->n = d->cap = 0;
}

/* No lines, the room for them kept. */
static void
rdoc_clear(struct rdoc *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].text);
		free(d->v[i].spans);
	}
	d->n = 0;
}

void
rdoc_release(struct rdoc *d)
{
	rdoc_clear(d);
	free(d->v);
	rdoc_init(d);
}

/*
 * Styled text
 */

static void
st_init(struct styled *st)
{
	sbuf_init(&st->t);
	st->runs = NULL;
	st->n = st->cap = 0;
}

static void
st_release(struct styled *st)
{
	sbuf_release(&st->t);
	free(st->runs);
	st_init(st);
}

static void
st_reset(struct styled *st)
{
	sbuf_reset(&st->t);
	st->n = 0;
}

/* Record that the bytes from off to the end of the text have this role. */
static void
st_mark(struct styled *st, enum role role, size_t off)
{
	size_t len = st->t.len - off;
	struct span *last = st->n ? &st->runs[st->n - 1] : NULL;

	if (len == 0)
		return;
	if (last && last->role == role && last->off + last->len == off) {
		last->len += len;
		return;
	}
	GROW(st->runs, st->cap, st->n + 1);
	st->runs[st->n].role = role;
	st->runs[st->n].off = off;
	st->runs[st->n].len = len;
	st->n++;
}

/* Program text, or text already sanitised. */
static void
st_add(struct styled *st, enum role role, const char *s, size_t n)
{
	size_t off = st->t.len;

	sbuf_add(&st->t, s, n);
	st_mark(st, role, off);
}

static void
st_adds(struct styled *st, enum role role, const char *s)
{
	st_add(st, role, s, strlen(s));
}

/* Document text: control characters become visible here. */
static void
st_add_doc(struct styled *st, enum role role, const char *s, size_t n)
{
	size_t off = st->t.len;

	utf8_sanitize(&st->t, s, n, 0);
	st_mark(st, role, off);
}

static void
st_pad(struct styled *st, enum role role, size_t cells)
{
	size_t off = st->t.len;

	while (cells--)
		sbuf_addch(&st->t, ' ');
	st_mark(st, role, off);
}

/* Append bytes a..b of src with their roles. */
static void
st_copy(struct styled *dst, const struct styled *src, size_t a, size_t b)
{
	size_t i, from, to;

	for (i = 0; i < src->n; i++) {
		const struct span *r = &src->runs[i];

		from = r->off > a ? r->off : a;
		to = r->off + r->len < b ? r->off + r->len : b;
		if (from < to)
			st_add(dst, r->role, src->t.buf + from, to - from);
	}
}

/*
 * Wrapping
 */

static void
segs_push(struct segs *s, size_t a, size_t b)
{
	GROW(s->v, s->cap, s->n + 1);
	s->v[s->n].a = a;
	s->v[s->n].b = b;
	s->v[s->n].hard = 0;
	s->n++;
}

static size_t
char_width(const char *t, size_t n, size_t *bytes)
{
	uint32_t cp;

	*bytes = utf8_decode(t, n, &cp);
	return cp == UTF8_INVALID ? 1 : (size_t)utf8_width(cp);
}

/*
 * The end of the longest prefix of t[a..b) that fits in avail cells. It
 * stops at the first character that does not fit, so a wide character
 * never straddles the edge and a combining mark (width 0) stays on the
 * line of its base. At least one character is taken, so wrapping advances.
 */
static size_t
fit_prefix(const char *t, size_t a, size_t b, size_t avail, size_t *width)
{
	size_t i = a, w = 0, k, cw;

	while (i < b) {
		cw = char_width(t + i, b - i, &k);
		if (w + cw > avail && i > a)
			break;
		w += cw;
		i += k;
	}
	*width = w;
	return i;
}

struct wrapper {
	const char *t;
	struct segs *out;
	size_t first, rest;	/* cells available on the first and later lines */
	size_t line_a, line_b;	/* the current line's bytes */
	size_t col;
};

static size_t
wr_avail(const struct wrapper *w)
{
	return w->out->n == 0 ? w->first : w->rest;
}

static void
wr_break(struct wrapper *w)
{
	segs_push(w->out, w->line_a, w->line_b);
	w->line_a = w->line_b;
	w->col = 0;
}

/* Put the word a..b at the start of an empty line, cutting it if too long. */
static void
wr_word_alone(struct wrapper *w, size_t a, size_t b)
{
	size_t end, cw;

	for (;;) {
		end = fit_prefix(w->t, a, b, wr_avail(w), &cw);
		w->line_a = a;
		w->line_b = end;
		w->col = cw;
		if (end == b)
			return;
		wr_break(w);
		a = end;
	}
}

/*
 * Break one paragraph, t[i..n), into lines at spaces. The spaces at a
 * break are dropped, so no line begins or ends with one; joining the lines
 * with one space gives the text back when it has single spaces.
 */
static void
wrap_para(const char *t, size_t i, size_t n, size_t first, size_t rest, struct segs *out)
{
	struct wrapper w = { t, out, first, rest, i, i, 0 };
	size_t sp, a, b, start = out->n;

	/* no wrapping (text into a pipe): one line, no widths to measure */
	if (first >= RENDER_NO_WRAP) {
		while (i < n && t[i] == ' ')
			i++;
		b = n;
		while (b > i && t[b - 1] == ' ')
			b--;
		if (b > i)
			segs_push(out, i, b);
	} else {
		while (i < n) {
			sp = i;
			while (i < n && t[i] == ' ')
				i++;
			if (i == n)
				break;
			a = i;
			while (i < n && t[i] != ' ')
				i++;
			if (w.line_b == w.line_a) {
				wr_word_alone(&w, a, i);
			} else if (w.col + (a - sp) + utf8_str_width(t + a, i - a) <= wr_avail(&w)) {
				w.col += (a - sp) + utf8_str_width(t + a, i - a);
				w.line_b = i;
			} else {
				wr_break(&w);
				wr_word_alone(&w, a, i);
			}
		}
		if (w.line_b > w.line_a)
			wr_break(&w);
	}
	if (out->n > start)
		out->v[start].hard = 1;
}

/*
 * Break text into lines: paragraphs at the '\n' render put between them
 * (document text never holds one: utf8_sanitize shows it as ^J), each
 * paragraph at spaces.
 */
static void
wrap(const char *t, size_t n, size_t first, size_t rest, struct segs *out)
{
	size_t a = 0, e;

	out->n = 0;
	for (;;) {
		for (e = a; e < n && t[e] != '\n'; e++)
			;
		wrap_para(t, a, e, first, rest, out);
		if (e >= n)
			break;
		a = e + 1;
	}
}

/*
 * Lines
 */

/*
 * Past this many bytes a line's buffer is handed to the document rather
 * than copied (a whole long paragraph is one line when nothing wraps);
 * shorter lines are copied, so that the buffer serves the next line.
 */
#define LINE_GIVE 65536

/* Move the line under construction into the document. */
static void
push_line(struct ctx *x, enum rline_kind kind, long change, long footnote)
{
	struct rline *l;
	struct styled *st = &x->line;
	size_t len = st->t.len;

	GROW(x->out->v, x->out->cap, x->out->n + 1);
	l = &x->out->v[x->out->n++];
	l->kind = kind;
	l->text = len > LINE_GIVE ? sbuf_detach(&st->t) : xstrndup(sbuf_str(&st->t), len);
	l->nspans = st->n;
	l->spans = NULL;
	if (st->n) {
		l->spans = xmalloc(st->n * sizeof(*l->spans));
		memcpy(l->spans, st->runs, st->n * sizeof(*l->spans));
	}
	l->change = change;
	l->footnote = footnote;
	l->width = utf8_str_width(l->text, len);
	l->ncols = 0;
	memset(l->col, 0, sizeof(l->col));
	st_reset(st);
}

/* The line just pushed is one column from byte a, going on from the line
 * before unless hard. */
static void
set_col(struct ctx *x, int c, size_t a, size_t b, int cont)
{
	struct rline *l = &x->out->v[x->out->n - 1];

	l->col[c].a = a;
	l->col[c].b = b;
	l->col[c].cont = cont;
	if (l->ncols < c + 1)
		l->ncols = c + 1;
}

static void
push_blank(struct ctx *x, long change, long footnote)
{
	st_reset(&x->line);
	push_line(x, RL_BLANK, change, footnote);
}

static size_t
avail_after(const struct ctx *x, size_t indent)
{
	if (x->width >= RENDER_NO_WRAP)
		return RENDER_NO_WRAP;
	return (size_t)x->width > indent ? (size_t)x->width - indent : 1;
}

/* Wrap src to the width, the first line indented by i1, the rest by i2. */
static void
push_wrapped(struct ctx *x, const struct styled *src, size_t i1, size_t i2,
	     enum rline_kind kind, long change, long footnote)
{
	size_t k;

	wrap(sbuf_str(&src->t), src->t.len, avail_after(x, i1), avail_after(x, i2), &x->sa);
	for (k = 0; k < x->sa.n; k++) {
		size_t indent = k ? i2 : i1;

		st_reset(&x->line);
		/* a fold line is one piece, indent included */
		st_pad(&x->line, kind == RL_FOLD ? ROLE_FOLD : ROLE_PLAIN, indent);
		st_copy(&x->line, src, x->sa.v[k].a, x->sa.v[k].b);
		push_line(x, kind, change, footnote);
		set_col(x, 0, indent, strlen(x->out->v[x->out->n - 1].text), !x->sa.v[k].hard);
	}
}

/*
 * Headers
 */

static void
append_ids(struct sbuf *sb, const struct resolution *r, const size_t *idx, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			sbuf_adds(sb, ", ");
		utf8_sanitize(sb, r->clauses[idx[i]].id, strlen(r->clauses[idx[i]].id), 0);
	}
}

/*
 * "OP12 -> OP13", or one side's ids when both read the same. A deleted
 * clause has only its old number, which the new version may give to
 * another clause: "was PP27".
 */
static void
change_ids(struct sbuf *sb, const struct comparison *c, const struct change *ch)
{
	struct sbuf o = SBUF_INIT, n = SBUF_INIT;

	append_ids(&o, c->old, ch->old, ch->nold);
	append_ids(&n, c->new_, ch->new_, ch->nnew);
	if (ch->nold && ch->nnew && strcmp(sbuf_str(&o), sbuf_str(&n)) != 0)
		sbuf_printf(sb, "%s -> %s", sbuf_str(&o), sbuf_str(&n));
	else if (ch->nnew)
		sbuf_adds(sb, sbuf_str(&n));
	else
		sbuf_printf(sb, "was %s", sbuf_str(&o));
	sbuf_release(&o);
	sbuf_release(&n);
}

static void
add_listed(struct styled *st, int *sep, enum role role, const char *s)
{
	if ((*sep)++)
		st_adds(st, ROLE_PLAIN, ", ");
	st_adds(st, role, s);
}

static void
hedge_list(struct sbuf *sb, unsigned mask)
{
	size_t i, k = 0;

	for (i = 0; i < verbs_hedge_count(); i++)
		if (mask & (1u << i))
			sbuf_printf(sb, "%s\"%s\"", k++ ? ", " : "", verbs_hedge_name(i));
}

static void
add_hedges(struct styled *st, const char *label, unsigned mask, enum role role)
{
	struct sbuf sb = SBUF_INIT;

	if (!mask)
		return;
	sbuf_adds(&sb, label);
	hedge_list(&sb, mask);
	st_adds(st, ROLE_PLAIN, ", ");
	st_adds(st, role, sbuf_str(&sb));
	sbuf_release(&sb);
}

static enum role
shift_role(enum verb_shift s)
{
	return s == SHIFT_STRONGER ? ROLE_UP : s == SHIFT_WEAKER ? ROLE_DOWN : ROLE_PLAIN;
}

static void
add_verb(struct styled *st, const struct change *ch)
{
	struct sbuf v = SBUF_INIT;

	if (!ch->verb_changed)
		return;
	/* the shift's word, as in JSON; "same" and "unknown" say of what */
	if (ch->shift == SHIFT_SAME)
		sbuf_adds(&v, "verb same strength (");
	else if (ch->shift == SHIFT_UNKNOWN)
		sbuf_adds(&v, "verb strength unknown (");
	else
		sbuf_printf(&v, "verb %s (", verbs_shift_name(ch->shift));
	if (ch->old_opener)
		utf8_sanitize(&v, ch->old_opener, strlen(ch->old_opener), 0);
	sbuf_adds(&v, " -> ");
	if (ch->new_opener)
		utf8_sanitize(&v, ch->new_opener, strlen(ch->new_opener), 0);
	sbuf_addch(&v, ')');
	st_adds(st, ROLE_PLAIN, ", ");
	st_adds(st, shift_role(ch->shift), sbuf_str(&v));
	sbuf_release(&v);
}

/* The header of a change, with the words of textout's header. */
static void
header_text(struct styled *st, const struct comparison *c, const struct change *ch)
{
	struct sbuf ids = SBUF_INIT;
	int sep = 0;

	change_ids(&ids, c, ch);
	st_adds(st, ROLE_HEADER, sbuf_str(&ids));
	st_adds(st, ROLE_PLAIN, "  ");
	if (ch->moved)
		add_listed(st, &sep, ROLE_MOVED, "moved");
	if (ch->renumbered)
		add_listed(st, &sep, ROLE_RENUM, "renumbered");
	if (ch->kind != CHANGE_UNCHANGED || (!ch->moved && !ch->renumbered))
		add_listed(st, &sep, ROLE_KIND, change_kind_name(ch->kind));
	add_verb(st, ch);
	add_hedges(st, "hedge added ", ch->hedges_added, ROLE_DOWN);
	add_hedges(st, "hedge removed ", ch->hedges_removed, ROLE_UP);
	sbuf_release(&ids);
}

void
render_change_title(const struct comparison *c, const struct change *ch, struct sbuf *out)
{
	struct styled st;

	st_init(&st);
	header_text(&st, c, ch);
	sbuf_add(out, sbuf_str(&st.t), st.t.len);
	st_release(&st);
}

static void
footnote_title(struct styled *st, const struct footnote_change *fc)
{
	struct sbuf sb = SBUF_INIT;

	if (fc->kind == CHANGE_MODIFIED && fc->old_number != fc->new_number)
		sbuf_printf(&sb, "footnote %d -> %d", fc->old_number, fc->new_number);
	else
		sbuf_printf(&sb, "footnote %d", fc->new_number ? fc->new_number : fc->old_number);
	st_adds(st, ROLE_HEADER, sbuf_str(&sb));
	st_adds(st, ROLE_PLAIN, "  ");
	st_adds(st, ROLE_KIND, change_kind_name(fc->kind));
	sbuf_release(&sb);
}

/*
 * Clause text
 */

static size_t
count_spaces(const char *s, size_t n, int from_end)
{
	size_t k = 0;

	while (k < n && s[from_end ? n - 1 - k : k] == ' ')
		k++;
	return k;
}

/*
 * One edit. The markers go around the words, not around the spaces at
 * either end, so "[-and-]" rather than "[- and-]" and a break never falls
 * between a marker and its word.
 */
static int
has_alnum(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		i += utf8_decode(s + i, n - i, &cp);
		if (utf8_is_alnum(cp))
			return 1;
	}
	return 0;
}

static void
add_edit(struct styled *st, enum role role, const char *s, size_t n, int markers)
{
	size_t lead, trail;

	/* a comma or a full stop alone is a cell or two of colour, easily
	 * missed, and nothing at all in a copy: it keeps its markers */
	if (!markers && role != ROLE_PLAIN && n && !has_alnum(s, n))
		markers = 1;
	if (!markers || role == ROLE_PLAIN || n == 0) {
		st_add_doc(st, role, s, n);
		return;
	}
	lead = count_spaces(s, n, 0);
	trail = lead == n ? 0 : count_spaces(s, n, 1);
	if (lead == n)
		lead = 0;	/* only spaces: mark them, or they would not show */
	st_add_doc(st, role, s, lead);
	st_adds(st, role, role == ROLE_DEL ? "[-" : "{+");
	st_add_doc(st, role, s + lead, n - lead - trail);
	st_adds(st, role, role == ROLE_DEL ? "-]" : "+}");
	st_add_doc(st, role, s + n - trail, trail);
}

/* The role of a word op on a side, or -1 when the side does not show it. */
static int
op_role(const struct wop *op, enum side side)
{
	if (op->kind == WOP_EQ)
		return ROLE_PLAIN;
	if (op->kind == WOP_DEL) {
		if (side == SIDE_NEW || (side == SIDE_UNIFIED && op->typo))
			return -1;
		return op->typo ? ROLE_PLAIN : ROLE_DEL;
	}
	if (side == SIDE_OLD)
		return -1;
	return op->typo ? ROLE_PLAIN : ROLE_INS;
}

static void
add_whole(struct styled *st, enum role role, const char *s, int markers)
{
	if (s)
		add_edit(st, role, s, strlen(s), markers);
}

/* The number that opens a paragraph shown apart, then the paragraph break
 * before the next one. */
static void
add_para_label(struct styled *st, const char *id, int after_break)
{
	if (after_break)
		st_adds(st, ROLE_PLAIN, "\n");
	st_add_doc(st, ROLE_HEADER, id, strlen(id));
	st_adds(st, ROLE_PLAIN, "  ");
}

/*
 * One op's text on a side, with the paragraph break when the op holds the
 * space that joined two clauses: before it the first paragraph, then the
 * second one's number; the joining space itself is not shown.
 */
static void
add_op(struct styled *st, int role, const char *s, size_t len, size_t *pos, size_t brk, const char *next_id,
       int markers)
{
	size_t at;

	if (brk && next_id && *pos <= brk && brk < *pos + len) {
		at = brk - *pos;
		if (role >= 0 && at)
			add_edit(st, (enum role)role, s, at, markers);
		add_para_label(st, next_id, 1);
		if (s[at] == ' ')
			at++;
		if (role >= 0 && at < len)
			add_edit(st, (enum role)role, s + at, len - at, markers);
	} else if (role >= 0) {
		add_edit(st, (enum role)role, s, len, markers);
	}
	*pos += len;
}

/*
 * The text of a body as one side shows it. Where that side is two clauses
 * (the new side of a split, the old side of a merge), each is a paragraph
 * under its number; the unified view shows the new side's paragraphs.
 */
static void
body_text(struct styled *st, const struct body *b, enum side side, int markers)
{
	int use_old = side == SIDE_OLD;
	size_t brk = use_old ? b->brk_old : b->brk_new, pos = 0, i;
	const char *const *ids = use_old ? b->old_ids : b->new_ids;
	int role, prev = -1;

	if (b->ws) {
		if (brk)
			add_para_label(st, ids[0], 0);
		for (i = 0; i < b->ws->n; i++) {
			const struct wop *op = &b->ws->v[i];
			int counts = op->kind == WOP_EQ || op->kind == (use_old ? WOP_DEL : WOP_INS);

			role = op_role(op, side);
			/* in colour, a replacement's two runs would read as one
			 * word ("deepprofound"): a space keeps them apart (the
			 * markers do that on their own) */
			if (role == ROLE_INS && prev == ROLE_DEL && !markers)
				st_adds(st, ROLE_DIM, " ");
			if (role >= 0)
				prev = role;
			if (counts)
				add_op(st, role, op->s, op->len, &pos, brk, brk ? ids[1] : NULL, markers);
			else if (role >= 0)
				add_edit(st, (enum role)role, op->s, op->len, markers);
		}
	} else if (b->kind == CHANGE_INSERTED) {
		if (side != SIDE_OLD)
			add_whole(st, ROLE_INS, b->new_text, markers);
	} else if (b->kind == CHANGE_DELETED) {
		if (side != SIDE_NEW)
			add_whole(st, ROLE_DEL, b->old_text, markers);
	} else {
		add_whole(st, ROLE_PLAIN, side == SIDE_OLD ? b->old_text : b->new_text, markers);
	}
}

static void
push_columns(struct ctx *x, enum rline_kind kind, long change, long footnote)
{
	size_t colw = ((size_t)x->width - 3) / 2, rows, k, w;
	const char *sep = x->o->ascii ? sep_ascii : sep_utf8;

	wrap(sbuf_str(&x->a.t), x->a.t.len, colw, colw, &x->sa);
	wrap(sbuf_str(&x->b.t), x->b.t.len, colw, colw, &x->sb);
	rows = x->sa.n > x->sb.n ? x->sa.n : x->sb.n;
	for (k = 0; k < rows; k++) {
		size_t left, right;

		st_reset(&x->line);
		w = 0;
		if (k < x->sa.n) {
			st_copy(&x->line, &x->a, x->sa.v[k].a, x->sa.v[k].b);
			w = utf8_str_width(x->line.t.buf, x->line.t.len);
		}
		left = x->line.t.len;
		st_pad(&x->line, ROLE_PLAIN, colw > w ? colw - w : 0);
		st_adds(&x->line, ROLE_DIM, sep);
		right = x->line.t.len;
		if (k < x->sb.n)
			st_copy(&x->line, &x->b, x->sb.v[k].a, x->sb.v[k].b);
		push_line(x, kind, change, footnote);
		/* a column past its text is empty, and breaks nothing */
		set_col(x, 0, 0, left, k >= x->sa.n ? k > 0 : !x->sa.v[k].hard);
		set_col(x, 1, right, strlen(x->out->v[x->out->n - 1].text), k >= x->sb.n ? k > 0 : !x->sb.v[k].hard);
	}
}

static void
push_body(struct ctx *x, const struct body *b, enum rline_kind kind, long change, long footnote)
{
	st_reset(&x->a);
	st_reset(&x->b);
	if (x->o->side_by_side) {
		body_text(&x->a, b, SIDE_OLD, x->o->markers);
		body_text(&x->b, b, SIDE_NEW, x->o->markers);
		push_columns(x, kind, change, footnote);
	} else {
		body_text(&x->a, b, SIDE_UNIFIED, x->o->markers);
		push_wrapped(x, &x->a, TEXT_INDENT, TEXT_INDENT, kind, change, footnote);
	}
}

/*
 * Changes
 */

static void
body_init(struct body *b)
{
	memset(b, 0, sizeof(*b));
}

static void
change_body(const struct comparison *c, const struct change *ch, struct body *b)
{
	body_init(b);
	b->kind = ch->kind;
	b->old_text = ch->nold ? c->old->clauses[ch->old[0]].text : NULL;
	b->new_text = ch->nnew ? c->new_->clauses[ch->new_[0]].text : NULL;
	if (ch->kind != CHANGE_INSERTED && ch->kind != CHANGE_DELETED && ch->kind != CHANGE_UNCHANGED)
		b->ws = &ch->words;
	if (!b->ws)
		return;
	/* two clauses on a side were joined with one space after the first */
	if (ch->nold == 2) {
		b->brk_old = strlen(b->old_text);
		b->old_ids[0] = c->old->clauses[ch->old[0]].id;
		b->old_ids[1] = c->old->clauses[ch->old[1]].id;
	}
	if (ch->nnew == 2) {
		b->brk_new = strlen(b->new_text);
		b->new_ids[0] = c->new_->clauses[ch->new_[0]].id;
		b->new_ids[1] = c->new_->clauses[ch->new_[1]].id;
	}
}

static void
push_change(struct ctx *x, size_t i)
{
	const struct change *ch = &x->c->changes[i];
	struct body b;

	st_reset(&x->b);
	header_text(&x->b, x->c, ch);
	push_wrapped(x, &x->b, 0, HEADER_INDENT, RL_HEADER, (long)i, -1);
	change_body(x->c, ch, &b);
	push_body(x, &b, RL_TEXT, (long)i, -1);
	push_blank(x, (long)i, -1);
}

static int
is_quiet(const struct change *ch)
{
	return ch->kind == CHANGE_UNCHANGED && !ch->moved;
}

static void
id_range(struct sbuf *sb, const struct resolution *r, size_t first, size_t last)
{
	utf8_sanitize(sb, r->clauses[first].id, strlen(r->clauses[first].id), 0);
	if (last != first) {
		sbuf_addch(sb, '-');
		utf8_sanitize(sb, r->clauses[last].id, strlen(r->clauses[last].id), 0);
	}
}

/* One line standing for the unchanged clauses from..to (exclusive). */
static void
push_fold(struct ctx *x, size_t from, size_t to)
{
	const struct change *a = &x->c->changes[from], *b = &x->c->changes[to - 1];
	struct sbuf sb = SBUF_INIT, o = SBUF_INIT, n = SBUF_INIT;
	size_t i, renum = 0, count = to - from;

	for (i = from; i < to; i++)
		renum += x->c->changes[i].renumbered != 0;
	id_range(&o, x->c->old, a->old[0], b->old[0]);
	id_range(&n, x->c->new_, a->new_[0], b->new_[0]);
	sbuf_adds(&sb, "... ");
	sbuf_adds(&sb, sbuf_str(&o));
	if (strcmp(sbuf_str(&o), sbuf_str(&n)) != 0)
		sbuf_printf(&sb, " -> %s", sbuf_str(&n));
	sbuf_adds(&sb, renum ? "  renumbered, text unchanged" : "  unchanged");
	sbuf_printf(&sb, " (%zu clause%s)", count, count == 1 ? "" : "s");
	st_reset(&x->b);
	st_adds(&x->b, ROLE_FOLD, sbuf_str(&sb));
	push_wrapped(x, &x->b, FOLD_INDENT, FOLD_CONT_INDENT, RL_FOLD, (long)from, -1);
	push_blank(x, (long)from, -1);
	sbuf_release(&sb);
	sbuf_release(&o);
	sbuf_release(&n);
}

/* Whether change i of the quiet run from..to is shown in full. */
static int
shown_in_run(const struct ctx *x, size_t from, size_t to, size_t i)
{
	int ctxn = x->o->context;
	size_t n = to - from, head, tail;

	if (x->o->expanded && x->o->expanded[i])
		return 1;
	if (ctxn < 0 || (ctxn > 0 && (size_t)ctxn * 2 >= n))
		return 1;
	head = from == 0 ? 0 : (size_t)ctxn;
	tail = to == x->c->nchanges ? 0 : (size_t)ctxn;
	return i < from + head || i >= to - tail;
}

/*
 * A run of unchanged, unmoved clauses: the context around the changes and
 * the expanded ones in full, the rest folded, split where renumbering
 * starts or stops (as textout does) and around expanded clauses.
 */
static int
same_section(const struct comparison *c, size_t a, size_t b)
{
	const struct change *x = &c->changes[a], *y = &c->changes[b];

	if (!x->nnew || !y->nnew)
		return 1;
	return c->new_->clauses[x->new_[0]].section == c->new_->clauses[y->new_[0]].section;
}

/*
 * Whether change b comes right after change a on both sides. A fold names
 * its clauses by ranges ("PP6-PP8 -> PP7-PP9"), so it holds only clauses
 * that follow one another in both versions: a clause moved away from
 * among them (shown with its own header) would otherwise be inside the
 * range of a fold that says "unchanged".
 */
static int
follows(const struct comparison *c, size_t a, size_t b)
{
	const struct change *x = &c->changes[a], *y = &c->changes[b];

	return x->nold && y->nold && x->nnew && y->nnew && y->old[0] == x->old[x->nold - 1] + 1 &&
	       y->new_[0] == x->new_[x->nnew - 1] + 1;
}

/* Hand the lines laid out so far to the caller's emit, if it streams. */
static void
ctx_flush(struct ctx *x)
{
	if (!x->emit || !x->out->n)
		return;
	x->emit(x->out, x->emit_arg);
	rdoc_clear(x->out);
}

static void
push_quiet_run(struct ctx *x, size_t from, size_t to)
{
	size_t i = from, j;

	while (i < to) {
		ctx_flush(x);
		if (shown_in_run(x, from, to, i)) {
			push_change(x, i++);
			continue;
		}
		/* a fold stops where renumbering starts or stops, between the
		 * preamble and the operative part, and where a clause moved away */
		j = i + 1;
		while (j < to && !shown_in_run(x, from, to, j) &&
		       (x->c->changes[j].renumbered != 0) == (x->c->changes[i].renumbered != 0) &&
		       same_section(x->c, i, j) && follows(x->c, j - 1, j))
			j++;
		push_fold(x, i, j);
		i = j;
	}
}

/*
 * Footnotes
 */

static const char *
footnote_text(const struct resolution *r, int number)
{
	const struct footnote *fn = number ? resolution_footnote(r, number) : NULL;

	return fn ? fn->text : NULL;
}

static void
push_footnotes(struct ctx *x)
{
	const struct comparison *c = x->c;
	struct body b;
	size_t i;

	if (!c->nfootnotes)
		return;
	st_reset(&x->line);
	st_adds(&x->line, ROLE_HEADER, "Footnotes");
	push_line(x, RL_FOOTNOTE_HEADER, -1, -1);
	push_blank(x, -1, -1);
	for (i = 0; i < c->nfootnotes; i++) {
		const struct footnote_change *fc = &c->footnotes[i];

		st_reset(&x->b);
		footnote_title(&x->b, fc);
		push_wrapped(x, &x->b, 0, HEADER_INDENT, RL_FOOTNOTE_HEADER, -1, (long)i);
		body_init(&b);
		b.kind = fc->kind;
		b.ws = fc->kind == CHANGE_MODIFIED ? &fc->words : NULL;
		b.old_text = footnote_text(c->old, fc->old_number);
		b.new_text = footnote_text(c->new_, fc->new_number);
		push_body(x, &b, RL_FOOTNOTE_TEXT, -1, (long)i);
		push_blank(x, -1, (long)i);
	}
}

static void
ctx_init(struct ctx *x, const struct comparison *c, const struct render_opts *o, struct rdoc *out)
{
	memset(x, 0, sizeof(*x));
	x->c = c;
	x->o = o;
	x->out = out;
	x->width = o->width < 20 ? 20 : o->width;
	st_init(&x->a);
	st_init(&x->b);
	st_init(&x->line);
}

static void
ctx_release(struct ctx *x)
{
	st_release(&x->a);
	st_release(&x->b);
	st_release(&x->line);
	free(x->sa.v);
	free(x->sb.v);
}

/*
 * The diff
 */

static void
render_all(struct ctx *x)
{
	const struct comparison *c = x->c;
	size_t i, j;

	for (i = 0; i < c->nchanges;) {
		ctx_flush(x);
		if (!is_quiet(&c->changes[i])) {
			push_change(x, i++);
			continue;
		}
		for (j = i; j < c->nchanges && is_quiet(&c->changes[j]); j++)
			;
		push_quiet_run(x, i, j);
		i = j;
	}
	push_footnotes(x);
	ctx_flush(x);
}

void
render_diff(const struct comparison *c, const struct render_opts *o, struct rdoc *out)
{
	struct ctx x;

	ctx_init(&x, c, o, out);
	render_all(&x);
	ctx_release(&x);
}

void
render_diff_each(const struct comparison *c, const struct render_opts *o, render_emit_fn *emit, void *arg)
{
	struct rdoc lines;
	struct ctx x;

	rdoc_init(&lines);
	ctx_init(&x, c, o, &lines);
	x.emit = emit;
	x.emit_arg = arg;
	render_all(&x);
	ctx_release(&x);
	rdoc_release(&lines);
}

/*
 * One clause in full
 */

static void
push_label(struct ctx *x, const char *label, const char *what, const struct resolution *r, const size_t *idx,
	   size_t n, long change)
{
	size_t i;

	st_reset(&x->b);
	st_adds(&x->b, ROLE_DIM, what);
	st_add_doc(&x->b, ROLE_DIM, label, strlen(label));
	st_adds(&x->b, ROLE_DIM, ": ");
	for (i = 0; i < n; i++) {
		if (i)
			st_adds(&x->b, ROLE_HEADER, ", ");
		st_add_doc(&x->b, ROLE_HEADER, r->clauses[idx[i]].id, strlen(r->clauses[idx[i]].id));
	}
	push_wrapped(x, &x->b, 0, HEADER_INDENT, RL_HEADER, change, -1);
}

/* The footnotes the clauses of one side refer to, with their text. */
static void
push_clause_footnotes(struct ctx *x, const char *label, const struct resolution *r, const size_t *idx,
		      size_t n, long change)
{
	size_t i, k, shown = 0;
	char num[16];

	for (i = 0; i < n; i++) {
		const struct clause *cl = &r->clauses[idx[i]];

		for (k = 0; k < cl->nfootnotes; k++) {
			const char *t = footnote_text(r, cl->footnotes[k]);

			if (shown++ == 0) {
				st_reset(&x->b);
				st_adds(&x->b, ROLE_DIM, "Footnotes in ");
				st_add_doc(&x->b, ROLE_DIM, label, strlen(label));
				push_wrapped(x, &x->b, 0, HEADER_INDENT, RL_FOOTNOTE_HEADER, change, -1);
			}
			st_reset(&x->a);
			snprintf(num, sizeof(num), "%d  ", cl->footnotes[k]);
			st_adds(&x->a, ROLE_DIM, num);
			st_add_doc(&x->a, ROLE_PLAIN, t ? t : "(missing)", strlen(t ? t : "(missing)"));
			push_wrapped(x, &x->a, TEXT_INDENT, TEXT_INDENT + 4, RL_FOOTNOTE_TEXT, change, -1);
		}
	}
	if (shown)
		push_blank(x, change, -1);
}

void
render_clause(const struct comparison *c, size_t i, const struct render_opts *o, const char *old_label,
	      const char *new_label, struct rdoc *out)
{
	const struct change *ch = &c->changes[i];
	struct ctx x;
	struct body b;

	ctx_init(&x, c, o, out);
	st_reset(&x.b);
	header_text(&x.b, c, ch);
	push_wrapped(&x, &x.b, 0, HEADER_INDENT, RL_HEADER, (long)i, -1);
	push_blank(&x, (long)i, -1);
	change_body(c, ch, &b);
	if (ch->nold) {
		push_label(&x, old_label, "As it was in ", c->old, ch->old, ch->nold, (long)i);
		st_reset(&x.a);
		body_text(&x.a, &b, SIDE_OLD, o->markers);
		push_wrapped(&x, &x.a, TEXT_INDENT, TEXT_INDENT, RL_TEXT, (long)i, -1);
		push_blank(&x, (long)i, -1);
	}
	if (ch->nnew) {
		push_label(&x, new_label, "As it is in ", c->new_, ch->new_, ch->nnew, (long)i);
		st_reset(&x.a);
		body_text(&x.a, &b, SIDE_NEW, o->markers);
		push_wrapped(&x, &x.a, TEXT_INDENT, TEXT_INDENT, RL_TEXT, (long)i, -1);
		push_blank(&x, (long)i, -1);
	}
	push_clause_footnotes(&x, old_label, c->old, ch->old, ch->nold, (long)i);
	push_clause_footnotes(&x, new_label, c->new_, ch->new_, ch->nnew, (long)i);
	ctx_release(&x);
}
