/*
 * mdout: a comparison as Markdown (see mdout.h for the contract).
 *
 * The layout follows the text output (render.c): a heading per changed
 * clause with render_change_title's words, the clause as one paragraph
 * (two for a split: the new side's paragraphs, each under its id), runs of
 * unchanged clauses folded into one italic line, changed footnotes at the
 * end. Nothing is wrapped: a paragraph is one line.
 *
 * Edits are ~~struck~~ and **bold**. Markdown only reads a delimiter run
 * as emphasis when the characters on either side allow it (CommonMark's
 * flanking rules): "States~~,~~" stays literal. Such an edit -- and one
 * that is only spaces -- is written as <del>...</del> or <ins>...</ins>
 * instead, which CommonMark and GitHub both pass through, so every edit
 * renders as one.
 *
 * Ownership: borrows the comparison and options; appends to out; frees
 * what it built before returning.
 */
#include "config.h"
#include "mdout.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "textout.h"
#include "utf8.h"
#include "util.h"

enum seg_role { SEG_PLAIN, SEG_DEL, SEG_INS, SEG_LABEL };

/* A piece of the paragraph being built: bytes a..b of md.para, escaped. */
struct seg {
	enum seg_role role;
	size_t a, b;
};

struct md {
	const struct comparison *c;
	struct sbuf *out;
	struct sbuf para;	/* the escaped text of the paragraph's pieces */
	struct seg *v;
	size_t n, cap;
	struct sbuf tmp;
};

/*
 * Escaping
 */

/*
 * Document text as Markdown reads it literally: control and invisible
 * characters made visible first (utf8_sanitize), then each character
 * Markdown treats as markup backslash-escaped. '&' only where it could
 * start an entity ("&amp;").
 */
static void
md_escape(struct md *m, struct sbuf *out, const char *s, size_t n)
{
	size_t i;

	sbuf_reset(&m->tmp);
	utf8_sanitize(&m->tmp, s, n, 0);
	for (i = 0; i < m->tmp.len; i++) {
		char ch = m->tmp.buf[i], next = i + 1 < m->tmp.len ? m->tmp.buf[i + 1] : '\0';

		if (strchr("\\*_~[]<>#|`", ch) ||
		    (ch == '&' && (next == '#' || (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z'))))
			sbuf_addch(out, '\\');
		sbuf_addch(out, ch);
	}
}

static void
md_escapes(struct md *m, struct sbuf *out, const char *s)
{
	md_escape(m, out, s, strlen(s));
}

/*
 * Text that starts a line and would start a list there ("- ", "+ ",
 * "12. ", "3) "): its marker escaped. Escaped text never starts with '*'
 * or '#' unescaped, and has no leading spaces (they are dropped).
 */
static void
put_line_start(struct sbuf *out, const char *s, size_t n)
{
	size_t d = 0;

	while (n && *s == ' ')
		s++, n--;
	if (n && (*s == '-' || *s == '+') && (n == 1 || s[1] == ' ')) {
		sbuf_addch(out, '\\');
	} else {
		while (d < n && d < 10 && s[d] >= '0' && s[d] <= '9')
			d++;
		if (d && d < n && (s[d] == '.' || s[d] == ')') && (d + 1 == n || s[d + 1] == ' ')) {
			sbuf_add(out, s, d);
			sbuf_addch(out, '\\');
			s += d;
			n -= d;
		}
	}
	sbuf_add(out, s, n);
}

/*
 * Paragraphs
 */

static void
seg_push(struct md *m, enum seg_role role, size_t a)
{
	if (m->para.len == a)
		return;
	GROW(m->v, m->cap, m->n + 1);
	m->v[m->n].role = role;
	m->v[m->n].a = a;
	m->v[m->n].b = m->para.len;
	m->n++;
}

/* Document text in a role; an edit's spaces at either end stay outside
 * its markers, where Markdown wants them. */
static void
add_doc(struct md *m, enum seg_role role, const char *s, size_t n)
{
	size_t a = m->para.len, lead = 0, trail = 0, len;
	const char *t;

	md_escape(m, &m->para, s, n);
	if (role == SEG_PLAIN) {
		seg_push(m, role, a);
		return;
	}
	t = m->para.buf ? m->para.buf + a : "";
	len = m->para.len - a;
	while (lead < len && t[lead] == ' ')
		lead++;
	if (lead == len) {
		seg_push(m, role, a);	/* spaces alone: the tag form shows them */
		return;
	}
	while (trail < len && t[len - 1 - trail] == ' ')
		trail++;
	/* the pieces are cut from the text already escaped, so no copying */
	GROW(m->v, m->cap, m->n + 3);
	if (lead)
		m->v[m->n++] = (struct seg){ SEG_PLAIN, a, a + lead };
	m->v[m->n++] = (struct seg){ role, a + lead, a + len - trail };
	if (trail)
		m->v[m->n++] = (struct seg){ SEG_PLAIN, a + len - trail, a + len };
}

static void
add_label(struct md *m, const char *id)
{
	size_t a = m->para.len;

	md_escapes(m, &m->para, id);
	seg_push(m, SEG_LABEL, a);
}

enum cclass { CC_SPACE, CC_PUNCT, CC_WORD };

static enum cclass
class_of(uint32_t cp)
{
	if (cp == UTF8_INVALID)
		return CC_PUNCT;
	if (utf8_is_space(cp))
		return CC_SPACE;
	return utf8_is_alnum(cp) ? CC_WORD : CC_PUNCT;
}

static enum cclass
first_class(const char *s, size_t n)
{
	uint32_t cp;

	if (!n)
		return CC_SPACE;
	utf8_decode(s, n, &cp);
	return class_of(cp);
}

static enum cclass
last_class(const char *s, size_t n)
{
	uint32_t cp;
	size_t k;

	if (!n)
		return CC_SPACE;
	k = utf8_prev_len(s, n);
	utf8_decode(s + n - k, k, &cp);
	return class_of(cp);
}

/*
 * Whether "~~text~~" (or "**") reads as emphasis between the characters
 * before and after it: the opening run must be left-flanking and the
 * closing one right-flanking (CommonMark 6.2; GFM strikethrough likewise).
 */
static int
delimiters_work(enum cclass before, enum cclass first, enum cclass last, enum cclass after)
{
	if (first == CC_SPACE || last == CC_SPACE)
		return 0;
	if (first == CC_PUNCT && before == CC_WORD)
		return 0;
	if (last == CC_PUNCT && after == CC_WORD)
		return 0;
	return 1;
}

/* The paragraph as one line, then a blank line. */
static void
flush_para(struct md *m)
{
	const char *t = sbuf_str(&m->para);
	struct sbuf *out = m->out;
	size_t k, line = out->len;

	for (k = 0; k < m->n; k++) {
		const struct seg *s = &m->v[k];
		const char *x = t + s->a;
		size_t len = s->b - s->a;
		enum cclass before, after;
		const char *mark, *tag;
		int spaced;

		if (s->role == SEG_PLAIN) {
			if (out->len == line)
				put_line_start(out, x, len);
			else
				sbuf_add(out, x, len);
			continue;
		}
		if (s->role == SEG_LABEL) {
			sbuf_adds(out, "*");
			sbuf_add(out, x, len);
			sbuf_adds(out, "* ");
			continue;
		}
		mark = s->role == SEG_DEL ? "~~" : "**";
		tag = s->role == SEG_DEL ? "del" : "ins";
		before = last_class(out->buf + line, out->len - line);
		after = k + 1 < m->n ? first_class(t + m->v[k + 1].a, m->v[k + 1].b - m->v[k + 1].a) : CC_SPACE;
		/* a replacement's two runs would read as one word ("deepprofound"):
		 * a space between them, unless the insertion is punctuation */
		spaced = s->role == SEG_DEL && k + 1 < m->n && m->v[k + 1].role == SEG_INS && after == CC_WORD;
		if (spaced)
			after = CC_SPACE;
		if (delimiters_work(before, first_class(x, len), last_class(x, len), after)) {
			sbuf_adds(out, mark);
			sbuf_add(out, x, len);
			sbuf_adds(out, mark);
		} else {
			sbuf_printf(out, "<%s>", tag);
			sbuf_add(out, x, len);
			sbuf_printf(out, "</%s>", tag);
		}
		if (spaced)
			sbuf_addch(out, ' ');
	}
	/* a paragraph must not end in spaces (two make a line break) */
	while (out->len > line && out->buf[out->len - 1] == ' ')
		out->buf[--out->len] = '\0';
	if (out->len > line)
		sbuf_adds(out, "\n\n");
	sbuf_reset(&m->para);
	m->n = 0;
}

/*
 * A body as the unified text view shows it: deletions and insertions of
 * the word script; where the new side is two clauses (a split), two
 * paragraphs, each under its id, the joining space dropped. brk is the
 * byte of the new text where the second clause starts less one (the
 * joining space), 0 for none.
 */
static void
add_script(struct md *m, const struct wscript *ws, size_t brk, const char *id0, const char *id1)
{
	size_t i, pos = 0;

	if (brk)
		add_label(m, id0);
	for (i = 0; i < ws->n; i++) {
		const struct wop *op = &ws->v[i];
		enum seg_role role = op->kind == WOP_EQ ? SEG_PLAIN : op->kind == WOP_DEL ? SEG_DEL : SEG_INS;
		size_t at;

		/* typography-only pairs read as the new text, unmarked */
		if (op->typo && op->kind == WOP_DEL)
			continue;
		if (op->typo)
			role = SEG_PLAIN;
		if (op->kind == WOP_DEL) {
			add_doc(m, role, op->s, op->len);
			continue;
		}
		if (brk && pos <= brk && brk < pos + op->len) {
			at = brk - pos;
			add_doc(m, role, op->s, at);
			flush_para(m);
			add_label(m, id1);
			if (op->s[at] == ' ')
				at++;
			add_doc(m, role, op->s + at, op->len - at);
		} else {
			add_doc(m, role, op->s, op->len);
		}
		pos += op->len;
	}
	flush_para(m);
}

static void
add_whole(struct md *m, enum seg_role role, const char *s)
{
	if (s)
		add_doc(m, role, s, strlen(s));
	flush_para(m);
}

/*
 * Headings
 */

/* Program text with document ids in it (already sanitised by render):
 * its arrows as arrows, everything escaped. */
static void
put_heading(struct md *m, const char *prefix, const char *title)
{
	struct sbuf a = SBUF_INIT;
	const char *p = title, *q;

	sbuf_adds(m->out, prefix);
	while ((q = strstr(p, " -> ")) != NULL) {
		sbuf_add(&a, p, (size_t)(q - p));
		sbuf_adds(&a, " \xe2\x86\x92 ");	/* U+2192 */
		p = q + 4;
	}
	sbuf_adds(&a, p);
	md_escape(m, m->out, a.buf ? a.buf : "", a.len);
	sbuf_adds(m->out, "\n\n");
	sbuf_release(&a);
}

static void
put_change(struct md *m, const struct change *ch)
{
	const struct comparison *c = m->c;
	struct sbuf title = SBUF_INIT;

	render_change_title(c, ch, &title);
	put_heading(m, "### ", sbuf_str(&title));
	sbuf_release(&title);
	if (ch->kind == CHANGE_INSERTED)
		add_whole(m, SEG_INS, ch->nnew ? c->new_->clauses[ch->new_[0]].text : NULL);
	else if (ch->kind == CHANGE_DELETED)
		add_whole(m, SEG_DEL, ch->nold ? c->old->clauses[ch->old[0]].text : NULL);
	else if (ch->kind == CHANGE_UNCHANGED)
		add_whole(m, SEG_PLAIN, ch->nnew ? c->new_->clauses[ch->new_[0]].text : NULL);
	else if (ch->nnew == 2)
		add_script(m, &ch->words, strlen(c->new_->clauses[ch->new_[0]].text), c->new_->clauses[ch->new_[0]].id,
			   c->new_->clauses[ch->new_[1]].id);
	else
		add_script(m, &ch->words, 0, NULL, NULL);
}

/*
 * Folds: runs of unchanged clauses, split as the text output splits them
 */

static int
is_quiet(const struct change *ch)
{
	return ch->kind == CHANGE_UNCHANGED && !ch->moved;
}

/* Whether b may share a fold with a: the same renumbering, the same
 * section, and next to each other in both versions (a fold names its
 * clauses by ranges). */
static int
fold_continues(const struct comparison *c, size_t a, size_t b)
{
	const struct change *x = &c->changes[a], *y = &c->changes[b];

	if (!is_quiet(y) || (x->renumbered != 0) != (y->renumbered != 0))
		return 0;
	if (!x->nold || !y->nold || !x->nnew || !y->nnew)
		return 0;
	return c->new_->clauses[x->new_[0]].section == c->new_->clauses[y->new_[0]].section &&
	       y->old[0] == x->old[x->nold - 1] + 1 && y->new_[0] == x->new_[x->nnew - 1] + 1;
}

static void
id_range(struct sbuf *sb, const struct resolution *r, size_t first, size_t last)
{
	sbuf_adds(sb, r->clauses[first].id);
	if (last != first) {
		sbuf_adds(sb, "\xe2\x80\x93");	/* U+2013 */
		sbuf_adds(sb, r->clauses[last].id);
	}
}

/* "*PP3–PP8 unchanged (6 clauses)*" for changes from..to (exclusive). */
static void
put_fold(struct md *m, size_t from, size_t to)
{
	const struct change *a = &m->c->changes[from], *b = &m->c->changes[to - 1];
	struct sbuf o = SBUF_INIT, n = SBUF_INIT, line = SBUF_INIT;
	size_t count = to - from;

	if (a->nold && b->nold)
		id_range(&o, m->c->old, a->old[0], b->old[0]);
	if (a->nnew && b->nnew)
		id_range(&n, m->c->new_, a->new_[0], b->new_[0]);
	sbuf_adds(&line, sbuf_str(&o));
	if (strcmp(sbuf_str(&o), sbuf_str(&n)) != 0)
		sbuf_printf(&line, " \xe2\x86\x92 %s", sbuf_str(&n));
	sbuf_adds(&line, a->renumbered ? " renumbered, text unchanged" : " unchanged");
	sbuf_printf(&line, " (%zu clause%s)", count, count == 1 ? "" : "s");
	sbuf_adds(m->out, "*");
	md_escape(m, m->out, line.buf, line.len);
	sbuf_adds(m->out, "*\n\n");
	sbuf_release(&o);
	sbuf_release(&n);
	sbuf_release(&line);
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
put_footnotes(struct md *m)
{
	const struct comparison *c = m->c;
	struct sbuf title = SBUF_INIT;
	size_t i;

	if (!c->nfootnotes)
		return;
	sbuf_adds(m->out, "## Footnotes\n\n");
	for (i = 0; i < c->nfootnotes; i++) {
		const struct footnote_change *fc = &c->footnotes[i];

		sbuf_reset(&title);
		if (fc->kind == CHANGE_MODIFIED && fc->old_number != fc->new_number)
			sbuf_printf(&title, "footnote %d -> %d", fc->old_number, fc->new_number);
		else
			sbuf_printf(&title, "footnote %d", fc->new_number ? fc->new_number : fc->old_number);
		sbuf_printf(&title, "  %s", change_kind_name(fc->kind));
		put_heading(m, "### ", sbuf_str(&title));
		if (fc->kind == CHANGE_MODIFIED)
			add_script(m, &fc->words, 0, NULL, NULL);
		else if (fc->kind == CHANGE_INSERTED)
			add_whole(m, SEG_INS, footnote_text(c->new_, fc->new_number));
		else
			add_whole(m, SEG_DEL, footnote_text(c->old, fc->old_number));
	}
	sbuf_release(&title);
}

/*
 * The document
 */

static const char *
side_label(const char *label, const struct resolution *r, const char *fallback)
{
	if (label && *label)
		return label;
	return r->meta.symbol ? r->meta.symbol : fallback;
}

/* A header field in a delegate's words, as the text output names it. */
static const char *
field_words(const char *field)
{
	static const char *const words[][2] = {
		{ "agenda_item", "agenda item" },
		{ "adopted", "adoption date" },
		{ "committee_report", "committee report" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (strcmp(field, words[i][0]) == 0)
			return words[i][1];
	return field;
}

static void
put_top(struct md *m, const struct export_opts *o)
{
	const struct comparison *c = m->c;
	struct sbuf line = SBUF_INIT;
	size_t i;

	sbuf_adds(&line, side_label(o->old_label, c->old, "old"));
	sbuf_adds(&line, " -> ");
	sbuf_adds(&line, side_label(o->new_label, c->new_, "new"));
	put_heading(m, "# ", sbuf_str(&line));
	sbuf_reset(&line);
	textout_summary_line(&line, c);
	md_escape(m, &m->para, line.buf, line.len);
	seg_push(m, SEG_PLAIN, 0);
	flush_para(m);
	if (c->nmeta) {
		sbuf_adds(m->out, "*Header:* ");
		for (i = 0; i < c->nmeta; i++) {
			const struct meta_change *mc = &c->meta[i];

			sbuf_printf(m->out, "%s%s ", i ? "; " : "", field_words(mc->field));
			md_escapes(m, m->out, mc->old ? mc->old : "(none)");
			sbuf_adds(m->out, " \xe2\x86\x92 ");
			md_escapes(m, m->out, mc->new_ ? mc->new_ : "(none)");
		}
		sbuf_adds(m->out, "\n\n");
	}
	sbuf_release(&line);
}

void
mdout_comparison(const struct comparison *c, const struct export_opts *o, struct sbuf *out)
{
	struct md m;
	size_t i, j;

	memset(&m, 0, sizeof(m));
	m.c = c;
	m.out = out;
	sbuf_init(&m.para);
	sbuf_init(&m.tmp);
	put_top(&m, o);
	for (i = 0; i < c->nchanges; i = j) {
		j = i + 1;
		if (!is_quiet(&c->changes[i])) {
			put_change(&m, &c->changes[i]);
			continue;
		}
		while (j < c->nchanges && fold_continues(c, j - 1, j))
			j++;
		put_fold(&m, i, j);
	}
	put_footnotes(&m);
	/* one newline at the end, not a blank line */
	if (out->len >= 2 && out->buf[out->len - 1] == '\n' && out->buf[out->len - 2] == '\n')
		out->buf[--out->len] = '\0';
	sbuf_release(&m.para);
	sbuf_release(&m.tmp);
	free(m.v);
}
