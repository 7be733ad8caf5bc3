#include "config.h"
#include "textout.h"

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "utf8.h"
#include "util.h"

enum style { ST_PLAIN, ST_DEL, ST_INS, ST_HEAD, ST_UP, ST_DOWN, ST_DIM };

/* SGR per style; deletions are also struck through where the terminal can. */
static const char *const sgr[] = {
	"", "\033[31;9m", "\033[32m", "\033[1m", "\033[1;32m", "\033[1;31m", "\033[2m"
};

/*
 * A writer that wraps at spaces, indents continuation lines, and re-opens
 * the current colour after a line break so each line stands alone.
 */
struct writer {
	FILE *f;
	int color;
	int width;
	int indent;
	int col;
	struct sbuf tmp;
};

static void
w_newline(struct writer *w)
{
	fputc('\n', w->f);
	w->col = 0;
}

static void
w_indent(struct writer *w)
{
	int i;

	for (i = w->col; i < w->indent; i++)
		fputc(' ', w->f);
	if (w->col < w->indent)
		w->col = w->indent;
}

static void
w_open(struct writer *w, enum style st)
{
	if (st == ST_PLAIN)
		return;
	if (w->color) {
		fputs(sgr[st], w->f);
	} else if (st == ST_DEL) {
		fputs("[-", w->f);
		w->col += 2;
	} else if (st == ST_INS) {
		fputs("{+", w->f);
		w->col += 2;
	}
}

static void
w_close(struct writer *w, enum style st)
{
	if (st == ST_PLAIN)
		return;
	if (w->color) {
		fputs("\033[m", w->f);
	} else if (st == ST_DEL) {
		fputs("-]", w->f);
		w->col += 2;
	} else if (st == ST_INS) {
		fputs("+}", w->f);
		w->col += 2;
	}
}

/*
 * Write document text (sanitised here) in a style, wrapping at spaces. The
 * space after a word is held back until the next word is placed, so that a
 * wrapped line never ends in a space.
 */
static void
w_text(struct writer *w, const char *s, size_t n, enum style st)
{
	size_t i = 0, j, wl;
	const char *t;
	int pending_space = 0;

	sbuf_reset(&w->tmp);
	utf8_sanitize(&w->tmp, s, n, 0);
	t = sbuf_str(&w->tmp);
	n = w->tmp.len;
	w_indent(w);
	w_open(w, st);
	if (w->width <= 0) {
		/* no wrapping into a pipe: the text goes out as it is */
		fwrite(t, 1, n, w->f);
		w->col += (int)n;
		w_close(w, st);
		return;
	}
	while (i < n) {
		j = i;
		while (j < n && t[j] != ' ')
			j++;
		wl = utf8_str_width(t + i, j - i);
		if (w->width > 0 && w->col > w->indent && w->col + pending_space + (int)wl > w->width) {
			if (w->color && st != ST_PLAIN)
				fputs("\033[m", w->f);
			w_newline(w);
			w_indent(w);
			if (w->color && st != ST_PLAIN)
				fputs(sgr[st], w->f);
			pending_space = 0;
		}
		if (pending_space) {
			fputc(' ', w->f);
			w->col++;
		}
		fwrite(t + i, 1, j - i, w->f);
		w->col += (int)wl;
		pending_space = j < n;
		i = j < n ? j + 1 : j;
	}
	if (pending_space) {
		fputc(' ', w->f);
		w->col++;
	}
	w_close(w, st);
}

/* Program text (never from a document): headers and labels. */
static void
w_label(struct writer *w, const char *s, enum style st)
{
	if (w->color && st != ST_PLAIN)
		fputs(sgr[st], w->f);
	fputs(s, w->f);
	if (w->color && st != ST_PLAIN)
		fputs("\033[m", w->f);
	w->col += (int)utf8_str_width(s, strlen(s));
}

static void
w_safe_label(struct writer *w, const char *s, enum style st)
{
	struct sbuf sb = SBUF_INIT;

	utf8_sanitize(&sb, s, strlen(s), 0);
	w_label(w, sbuf_str(&sb), st);
	sbuf_release(&sb);
}

/*
 * Parse output
 */

int
textout_parse(FILE *f, const struct resolution *r, const char *name, const struct textout_opts *o)
{
	struct writer w = { f, o->color, o->width, 0, 0, SBUF_INIT };
	const struct resolution_meta *m = &r->meta;
	size_t i, j, pp = 0, op = 0, sub = 0, other = 0;
	struct sbuf sb = SBUF_INIT;

	for (i = 0; i < r->nclauses; i++) {
		const struct clause *c = &r->clauses[i];
		if (c->parent >= 0)
			sub++;
		else if (c->section == SEC_PREAMBLE)
			pp++;
		else if (c->section == SEC_OPERATIVE)
			op++;
		else
			other++;
	}
	w_safe_label(&w, m->symbol ? m->symbol : name, ST_HEAD);
	if (m->title) {
		w_label(&w, ": ", ST_HEAD);
		w_safe_label(&w, m->title, ST_HEAD);
	}
	w_newline(&w);
#define META_LINE(label, v) do { if (v) { w_label(&w, "  " label, ST_PLAIN); w_safe_label(&w, v, ST_PLAIN); w_newline(&w); } } while (0)
	META_LINE("session        ", m->session);
	META_LINE("agenda item    ", m->agenda_item);
	META_LINE("adopted        ", m->adopted);
	META_LINE("report         ", m->committee_report);
	META_LINE("meeting        ", m->meeting);
	META_LINE("language       ", m->language);
#undef META_LINE
	if (r->is_resolution)
		sbuf_printf(&sb, "  structure      %zu preambular, %zu operative, %zu sub-paragraphs, %zu annex, %zu footnotes",
			    pp, op, sub, other, r->nfootnotes);
	else
		sbuf_printf(&sb, "  structure      %zu paragraphs (not a resolution)", r->nclauses);
	w_label(&w, sbuf_str(&sb), ST_PLAIN);
	w_newline(&w);
	for (i = 0; i < r->nclauses; i++) {
		const struct clause *c = &r->clauses[i];

		w_newline(&w);
		w_safe_label(&w, c->id, ST_HEAD);
		if (c->opener) {
			w_label(&w, "  ", ST_PLAIN);
			w_safe_label(&w, c->opener, ST_PLAIN);
		}
		if (c->nfootnotes) {
			sbuf_reset(&sb);
			sbuf_adds(&sb, "  [footnote");
			sbuf_adds(&sb, c->nfootnotes > 1 ? "s" : "");
			for (j = 0; j < c->nfootnotes; j++)
				sbuf_printf(&sb, "%s%d", j ? ", " : " ", c->footnotes[j]);
			sbuf_addch(&sb, ']');
			w_label(&w, sbuf_str(&sb), ST_DIM);
		}
		w_newline(&w);
		w.indent = 4;
		w_text(&w, c->text, strlen(c->text), ST_PLAIN);
		w_newline(&w);
		w.indent = 0;
	}
	if (r->nfootnotes) {
		w_newline(&w);
		w_label(&w, "Footnotes", ST_HEAD);
		w_newline(&w);
		for (i = 0; i < r->nfootnotes; i++) {
			sbuf_reset(&sb);
			sbuf_printf(&sb, "  %2d  ", r->footnotes[i].number);
			w_label(&w, sbuf_str(&sb), ST_PLAIN);
			w.indent = 6;
			w_text(&w, r->footnotes[i].text, strlen(r->footnotes[i].text), ST_PLAIN);
			w.indent = 0;
			w_newline(&w);
		}
	}
	sbuf_release(&sb);
	sbuf_release(&w.tmp);
	return ferror(f) ? -1 : 0;
}

/*
 * Diff output
 */

static const char *
name_or_symbol(const struct resolution *r, const char *name)
{
	return r->meta.symbol ? r->meta.symbol : name ? name : "-";
}

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

static void
change_ids(struct sbuf *sb, const struct comparison *c, const struct change *ch)
{
	struct sbuf o = SBUF_INIT, n = SBUF_INIT;

	append_ids(&o, c->old, ch->old, ch->nold);
	append_ids(&n, c->new_, ch->new_, ch->nnew);
	if (ch->nold && ch->nnew && strcmp(sbuf_str(&o), sbuf_str(&n)) != 0)
		sbuf_printf(sb, "%s -> %s", sbuf_str(&o), sbuf_str(&n));
	else
		sbuf_adds(sb, ch->nnew ? sbuf_str(&n) : sbuf_str(&o));
	sbuf_release(&o);
	sbuf_release(&n);
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
write_header(struct writer *w, const struct comparison *c, const struct change *ch)
{
	struct sbuf sb = SBUF_INIT;
	int sep = 0;

	change_ids(&sb, c, ch);
	w_label(w, sbuf_str(&sb), ST_HEAD);
	w_label(w, "  ", ST_PLAIN);
	sbuf_reset(&sb);
#define ADD(s) do { sbuf_adds(&sb, sep++ ? ", " : ""); sbuf_adds(&sb, s); } while (0)
	if (ch->moved)
		ADD("moved");
	if (ch->renumbered)
		ADD("renumbered");
	if (ch->kind != CHANGE_UNCHANGED || (!ch->moved && !ch->renumbered))
		ADD(change_kind_name(ch->kind));
#undef ADD
	w_label(w, sbuf_str(&sb), ST_PLAIN);
	if (ch->verb_changed) {
		struct sbuf v = SBUF_INIT;
		enum style st = ch->shift == SHIFT_STRONGER ? ST_UP : ch->shift == SHIFT_WEAKER ? ST_DOWN : ST_PLAIN;

		sbuf_printf(&v, ", verb %s (", verbs_shift_name(ch->shift));
		utf8_sanitize(&v, ch->old_opener, strlen(ch->old_opener), 0);
		sbuf_adds(&v, " -> ");
		utf8_sanitize(&v, ch->new_opener, strlen(ch->new_opener), 0);
		sbuf_addch(&v, ')');
		w_label(w, sbuf_str(&v), st);
		sbuf_release(&v);
	}
	if (ch->hedges_added) {
		sbuf_reset(&sb);
		sbuf_adds(&sb, ", hedge added ");
		hedge_list(&sb, ch->hedges_added);
		w_label(w, sbuf_str(&sb), ST_DOWN);
	}
	if (ch->hedges_removed) {
		sbuf_reset(&sb);
		sbuf_adds(&sb, ", hedge removed ");
		hedge_list(&sb, ch->hedges_removed);
		w_label(w, sbuf_str(&sb), ST_UP);
	}
	w_newline(w);
	sbuf_release(&sb);
}

static void
write_words(struct writer *w, const struct wscript *ws)
{
	size_t i;

	for (i = 0; i < ws->n; i++) {
		const struct wop *op = &ws->v[i];

		if (op->typo && op->kind == WOP_DEL)
			continue;	/* typography only: show the new text, unmarked */
		w_text(w, op->s, op->len,
		       op->typo || op->kind == WOP_EQ ? ST_PLAIN : op->kind == WOP_DEL ? ST_DEL : ST_INS);
	}
}

static void
write_change(struct writer *w, const struct comparison *c, const struct change *ch)
{
	const char *t;

	write_header(w, c, ch);
	w->indent = 4;
	switch (ch->kind) {
	case CHANGE_INSERTED:
		t = c->new_->clauses[ch->new_[0]].text;
		w_text(w, t, strlen(t), ST_INS);
		break;
	case CHANGE_DELETED:
		t = c->old->clauses[ch->old[0]].text;
		w_text(w, t, strlen(t), ST_DEL);
		break;
	case CHANGE_UNCHANGED:
		t = c->new_->clauses[ch->new_[0]].text;
		w_text(w, t, strlen(t), ST_PLAIN);
		break;
	default:
		write_words(w, &ch->words);
		break;
	}
	w_newline(w);
	w->indent = 0;
	w_newline(w);
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

/* One line standing for a run of clauses whose text did not change. */
static void
write_fold(struct writer *w, const struct comparison *c, size_t from, size_t to)
{
	const struct change *a = &c->changes[from], *b = &c->changes[to - 1];
	struct sbuf sb = SBUF_INIT, o = SBUF_INIT, n = SBUF_INIT;
	size_t i, renum = 0, count = to - from;

	for (i = from; i < to; i++)
		renum += c->changes[i].renumbered != 0;
	id_range(&o, c->old, a->old[0], b->old[0]);
	id_range(&n, c->new_, a->new_[0], b->new_[0]);
	sbuf_adds(&sb, "  ... ");
	sbuf_adds(&sb, sbuf_str(&o));
	if (strcmp(sbuf_str(&o), sbuf_str(&n)) != 0)
		sbuf_printf(&sb, " -> %s", sbuf_str(&n));
	if (renum)
		sbuf_adds(&sb, "  renumbered, text unchanged");
	else
		sbuf_adds(&sb, "  unchanged");
	sbuf_printf(&sb, " (%zu clause%s)", count, count == 1 ? "" : "s");
	w_label(w, sbuf_str(&sb), ST_DIM);
	w_newline(w);
	w_newline(w);
	sbuf_release(&sb);
	sbuf_release(&o);
	sbuf_release(&n);
}

static void
write_quiet_run(struct writer *w, const struct comparison *c, size_t from, size_t to, int context)
{
	size_t n = to - from, i, head, tail;

	if (context < 0 || (size_t)context * 2 >= n) {
		for (i = from; i < to; i++)
			if (context != 0)
				write_change(w, c, &c->changes[i]);
		if (context != 0)
			return;
		head = tail = 0;
	} else {
		head = from == 0 ? 0 : (size_t)context;
		tail = to == c->nchanges ? 0 : (size_t)context;
	}
	for (i = from; i < from + head; i++)
		write_change(w, c, &c->changes[i]);
	/* split the folded middle where renumbering starts or stops, and
	 * between the preamble and the operative part */
	for (i = from + head; i < to - tail;) {
		size_t j = i + 1;
		while (j < to - tail && (c->changes[j].renumbered != 0) == (c->changes[i].renumbered != 0) &&
		       c->new_->clauses[c->changes[j].new_[0]].section ==
			       c->new_->clauses[c->changes[i].new_[0]].section)
			j++;
		write_fold(w, c, i, j);
		i = j;
	}
	for (i = to - tail; i < to; i++)
		write_change(w, c, &c->changes[i]);
}

static void
write_summary(struct writer *w, const struct comparison *c, const struct textout_opts *o)
{
	const struct compare_summary *s = &c->sum;
	struct sbuf sb = SBUF_INIT;

	sbuf_adds(&sb, "--- ");
	utf8_sanitize(&sb, name_or_symbol(c->old, o->old_name), strlen(name_or_symbol(c->old, o->old_name)), 0);
	sbuf_printf(&sb, "  (%zu clauses)", c->old->nclauses);
	w_label(w, sbuf_str(&sb), ST_HEAD);
	w_newline(w);
	sbuf_reset(&sb);
	sbuf_adds(&sb, "+++ ");
	utf8_sanitize(&sb, name_or_symbol(c->new_, o->new_name), strlen(name_or_symbol(c->new_, o->new_name)), 0);
	sbuf_printf(&sb, "  (%zu clauses)", c->new_->nclauses);
	w_label(w, sbuf_str(&sb), ST_HEAD);
	w_newline(w);
	sbuf_reset(&sb);
	sbuf_printf(&sb, "%zu unchanged, %zu modified, %zu inserted, %zu deleted, %zu moved, %zu renumbered, %zu split, %zu merged",
		    s->unchanged, s->modified, s->inserted, s->deleted, s->moved, s->renumbered, s->split, s->merged);
	w_label(w, sbuf_str(&sb), ST_PLAIN);
	w_newline(w);
	sbuf_reset(&sb);
	sbuf_printf(&sb, "verbs: %zu stronger, %zu weaker, %zu other; hedges: %zu added, %zu removed; footnotes: %zu modified, %zu inserted, %zu deleted",
		    s->stronger, s->weaker, s->verbs_other, s->hedges_added, s->hedges_removed,
		    s->footnotes_modified, s->footnotes_inserted, s->footnotes_deleted);
	w_label(w, sbuf_str(&sb), ST_PLAIN);
	w_newline(w);
	if (c->nmeta) {
		size_t i;

		sbuf_reset(&sb);
		sbuf_adds(&sb, "metadata:");
		for (i = 0; i < c->nmeta; i++) {
			const struct meta_change *m = &c->meta[i];
			sbuf_printf(&sb, "%s %s ", i ? ";" : "", m->field);
			utf8_sanitize(&sb, m->old ? m->old : "(none)", strlen(m->old ? m->old : "(none)"), 0);
			sbuf_adds(&sb, " -> ");
			utf8_sanitize(&sb, m->new_ ? m->new_ : "(none)", strlen(m->new_ ? m->new_ : "(none)"), 0);
		}
		w_label(w, sbuf_str(&sb), ST_PLAIN);
		w_newline(w);
	}
	sbuf_release(&sb);
}

static void
write_footnotes(struct writer *w, const struct comparison *c)
{
	struct sbuf sb = SBUF_INIT;
	size_t i;

	if (!c->nfootnotes)
		return;
	w_label(w, "Footnotes", ST_HEAD);
	w_newline(w);
	w_newline(w);
	for (i = 0; i < c->nfootnotes; i++) {
		const struct footnote_change *fc = &c->footnotes[i];
		const struct footnote *fn;

		sbuf_reset(&sb);
		if (fc->kind == CHANGE_MODIFIED && fc->old_number != fc->new_number)
			sbuf_printf(&sb, "footnote %d -> %d  modified", fc->old_number, fc->new_number);
		else
			sbuf_printf(&sb, "footnote %d  %s", fc->new_number ? fc->new_number : fc->old_number,
				    change_kind_name(fc->kind));
		w_label(w, sbuf_str(&sb), ST_HEAD);
		w_newline(w);
		w->indent = 4;
		if (fc->kind == CHANGE_MODIFIED) {
			write_words(w, &fc->words);
		} else if (fc->kind == CHANGE_INSERTED) {
			fn = resolution_footnote(c->new_, fc->new_number);
			w_text(w, fn->text, strlen(fn->text), ST_INS);
		} else {
			fn = resolution_footnote(c->old, fc->old_number);
			w_text(w, fn->text, strlen(fn->text), ST_DEL);
		}
		w_newline(w);
		w->indent = 0;
		w_newline(w);
	}
	sbuf_release(&sb);
}

int
textout_diff(FILE *f, const struct comparison *c, const struct textout_opts *o)
{
	struct writer w = { f, o->color, o->width, 0, 0, SBUF_INIT };
	struct sbuf sb = SBUF_INIT;
	size_t i, j;

	write_summary(&w, c, o);
	if (o->stat_only) {
		textout_summary_line(&sb, c);
		w_label(&w, "summary: ", ST_PLAIN);
		w_label(&w, sbuf_str(&sb), ST_PLAIN);
		w_newline(&w);
		goto out;
	}
	w_newline(&w);
	for (i = 0; i < c->nchanges;) {
		if (!is_quiet(&c->changes[i])) {
			write_change(&w, c, &c->changes[i]);
			i++;
			continue;
		}
		for (j = i; j < c->nchanges && is_quiet(&c->changes[j]); j++)
			;
		write_quiet_run(&w, c, i, j, o->context);
		i = j;
	}
	write_footnotes(&w, c);
out:
	sbuf_release(&sb);
	sbuf_release(&w.tmp);
	return ferror(f) ? -1 : 0;
}

/*
 * The one-line summary used by `log` and the versions view
 */

void
textout_summary_line(struct sbuf *out, const struct comparison *c)
{
	size_t ins[3] = { 0 }, mod[3] = { 0 }, del[3] = { 0 }, i;
	static const char *const sec[3] = { "PP", "OP", "other" };
	const struct compare_summary *s = &c->sum;
	size_t start = out->len;

	for (i = 0; i < c->nchanges; i++) {
		const struct change *ch = &c->changes[i];
		const struct clause *cl;
		int k;

		if (ch->kind == CHANGE_INSERTED) {
			cl = &c->new_->clauses[ch->new_[0]];
			k = cl->section == SEC_PREAMBLE ? 0 : cl->section == SEC_OPERATIVE ? 1 : 2;
			ins[k]++;
		} else if (ch->kind == CHANGE_DELETED) {
			cl = &c->old->clauses[ch->old[0]];
			k = cl->section == SEC_PREAMBLE ? 0 : cl->section == SEC_OPERATIVE ? 1 : 2;
			del[k]++;
		} else if (ch->kind != CHANGE_UNCHANGED) {
			cl = &c->new_->clauses[ch->new_[0]];
			k = cl->section == SEC_PREAMBLE ? 0 : cl->section == SEC_OPERATIVE ? 1 : 2;
			mod[k]++;
		}
	}
	for (i = 0; i < 3; i++) {
		if (ins[i])
			sbuf_printf(out, "%s+%zu %s", out->len > start ? "  " : "", ins[i], sec[i]);
		if (mod[i])
			sbuf_printf(out, "%s~%zu %s", out->len > start ? "  " : "", mod[i], sec[i]);
		if (del[i])
			sbuf_printf(out, "%s-%zu %s", out->len > start ? "  " : "", del[i], sec[i]);
	}
#define PART(v, label) do { if (v) sbuf_printf(out, "%s%zu %s", out->len > start ? "  " : "", (size_t)(v), label); } while (0)
	PART(s->moved, "moved");
	PART(s->renumbered, "renumbered");
	PART(s->split, "split");
	PART(s->merged, "merged");
	PART(s->stronger, s->stronger == 1 ? "verb stronger" : "verbs stronger");
	PART(s->weaker, s->weaker == 1 ? "verb weaker" : "verbs weaker");
	PART(c->nfootnotes, c->nfootnotes == 1 ? "footnote" : "footnotes");
#undef PART
	if (out->len == start && c->nmeta) {
		sbuf_adds(out, "header only:");
		for (i = 0; i < c->nmeta; i++)
			sbuf_printf(out, "%s %s", i ? "," : "", c->meta[i].field);
	} else if (out->len == start) {
		sbuf_adds(out, "no changes");
	}
}
