/*
 * styled: lines built piece by piece and cut to a width (styled.h).
 */
#include "config.h"
#include "styled.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

void
styled_init(struct styled *st)
{
	memset(st, 0, sizeof(*st));
	sbuf_init(&st->text);
}

void
styled_release(struct styled *st)
{
	sbuf_release(&st->text);
	free(st->spans);
	memset(st, 0, sizeof(*st));
}

static void
add_span(struct styled *st, int role, size_t off, size_t len)
{
	if (len == 0)
		return;
	/* the same role goes on: one span */
	if (st->n && (int)st->spans[st->n - 1].role == role && st->spans[st->n - 1].off + st->spans[st->n - 1].len == off) {
		st->spans[st->n - 1].len += len;
		return;
	}
	GROW(st->spans, st->cap, st->n + 1);
	st->spans[st->n].role = (enum role)role;
	st->spans[st->n].off = off;
	st->spans[st->n].len = len;
	st->n++;
}

void
styled_add(struct styled *st, int role, const char *s, size_t n)
{
	size_t off = st->text.len;

	utf8_sanitize(&st->text, s, n, 0);
	add_span(st, role, off, st->text.len - off);
}

void
styled_adds(struct styled *st, int role, const char *s)
{
	styled_add(st, role, s, strlen(s));
}

size_t
styled_width(const struct styled *st)
{
	return utf8_str_width(sbuf_str(&st->text), st->text.len);
}

/* One line of d: bytes a..b of st's text after indent spaces. */
static void
push_piece(const struct styled *st, struct rdoc *d, enum rline_kind kind, long change, size_t a, size_t b,
	   size_t indent, int cont)
{
	struct sbuf text = SBUF_INIT;
	struct rline *l;
	size_t k, off;

	GROW(d->v, d->cap, d->n + 1);
	l = &d->v[d->n++];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	l->change = change;
	l->footnote = -1;
	for (k = 0; k < indent; k++)
		sbuf_addch(&text, ' ');
	l->spans = xcalloc(st->n + 2, sizeof(*l->spans));
	if (indent) {
		l->spans[0].role = ROLE_PLAIN;
		l->spans[0].len = indent;
		l->nspans = 1;
	}
	for (k = 0; k < st->n; k++) {
		size_t s0 = st->spans[k].off, s1 = s0 + st->spans[k].len;

		if (s1 <= a || s0 >= b)
			continue;
		s0 = s0 < a ? a : s0;
		s1 = s1 > b ? b : s1;
		off = text.len;
		sbuf_add(&text, st->text.buf + s0, s1 - s0);
		l->spans[l->nspans].role = st->spans[k].role;
		l->spans[l->nspans].off = off;
		l->spans[l->nspans].len = s1 - s0;
		l->nspans++;
	}
	/* search reads a cut paragraph as one text */
	l->ncols = 1;
	l->col[0].a = indent;
	l->col[0].b = text.len;
	l->col[0].cont = cont;
	l->width = utf8_str_width(sbuf_str(&text), text.len);
	l->text = sbuf_detach(&text);
	if (!l->text)
		l->text = xstrdup("");
}

void
styled_push(struct styled *st, struct rdoc *d, enum rline_kind kind, long change, int width, size_t indent)
{
	const char *t = sbuf_str(&st->text);
	size_t n = st->text.len, i = 0, line = 0;

	if (width <= 0 || styled_width(st) <= (size_t)width) {
		push_piece(st, d, kind, change, 0, n, 0, 0);
		goto out;
	}
	if (indent + 10 > (size_t)width)
		indent = 0;
	while (i < n) {
		size_t avail = (size_t)width - (line ? indent : 0), cells = 0, j = i, brk = 0, k;
		uint32_t cp;

		/* as many characters as fit; the last space among them breaks */
		while (j < n) {
			size_t cw;

			k = utf8_decode(t + j, n - j, &cp);
			cw = cp == UTF8_INVALID ? 1 : (size_t)utf8_width(cp);
			if (cells + cw > avail)
				break;
			if (t[j] == ' ')
				brk = j;
			cells += cw;
			j += k;
		}
		if (j < n && t[j] != ' ' && brk > i)
			j = brk;
		if (j == i)
			j = i + utf8_decode(t + i, n - i, &cp);	/* a character wider than the line */
		push_piece(st, d, kind, change, i, j, line ? indent : 0, line > 0);
		line++;
		i = j;
		while (i < n && t[i] == ' ')
			i++;
	}
out:
	sbuf_reset(&st->text);
	st->n = 0;
}

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

void
styled_add_edit(struct styled *st, enum role role, const char *s, size_t n, int markers)
{
	size_t lead = 0, trail = 0;

	if (role != ROLE_PLAIN && n && !has_alnum(s, n))
		markers = 1;
	if (!markers || role == ROLE_PLAIN || n == 0) {
		styled_add(st, role, s, n);
		return;
	}
	while (lead < n && s[lead] == ' ')
		lead++;
	if (lead == n)
		lead = 0;	/* only spaces: marked, or they would not show */
	else
		while (trail < n - lead && s[n - 1 - trail] == ' ')
			trail++;
	styled_add(st, ROLE_PLAIN, s, lead);
	styled_adds(st, role, role == ROLE_DEL ? "[-" : "{+");
	styled_add(st, role, s + lead, n - lead - trail);
	styled_adds(st, role, role == ROLE_DEL ? "-]" : "+}");
	styled_add(st, ROLE_PLAIN, s + n - trail, trail);
}

void
styled_add_script(struct styled *st, const struct wscript *ws, int markers)
{
	size_t k;
	int prev = -1;

	for (k = 0; k < ws->n; k++) {
		const struct wop *op = &ws->v[k];
		enum role role = op->kind == WOP_EQ ? ROLE_PLAIN : op->kind == WOP_INS ? ROLE_INS : ROLE_DEL;

		/* in colour a replacement's two runs would read as one word */
		if (role == ROLE_INS && prev == ROLE_DEL && !markers)
			styled_adds(st, ROLE_DIM, " ");
		styled_add_edit(st, role, op->s, op->len, markers);
		prev = (int)role;
	}
}
