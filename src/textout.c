#include "config.h"
#include "textout.h"
#include "render.h"

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
	META_LINE("kind           ", m->document_kind);
	META_LINE("distributed    ", m->distributed);
#undef META_LINE
	/* lists and long phrases wrap under their value's column */
	if (m->nsponsors) {
		sbuf_reset(&sb);
		for (i = 0; i < m->nsponsors; i++)
			sbuf_printf(&sb, "%s%s", i ? ", " : "", m->sponsors[i]);
		w_label(&w, "  sponsors       ", ST_PLAIN);
		w.indent = 17;
		w_text(&w, sb.buf, sb.len, ST_PLAIN);
		w.indent = 0;
		w_newline(&w);
	}
	for (i = 0; m->on_behalf_of && i < m->nsponsors; i++) {
		if (!m->on_behalf_of[i])
			continue;
		sbuf_reset(&sb);
		sbuf_printf(&sb, "%s: %s", m->sponsors[i], m->on_behalf_of[i]);
		w_label(&w, "  on behalf of   ", ST_PLAIN);
		w.indent = 17;
		w_text(&w, sb.buf, sb.len, ST_PLAIN);
		w.indent = 0;
		w_newline(&w);
	}
	if (m->submitted_by) {
		w_label(&w, "  submitted by   ", ST_PLAIN);
		w.indent = 17;
		w_text(&w, m->submitted_by, strlen(m->submitted_by), ST_PLAIN);
		w.indent = 0;
		w_newline(&w);
	}
	sbuf_reset(&sb);
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

/*
 * A header field in a delegate's words: "adoption date", not "adopted";
 * JSON keeps the field names of its contract.
 */
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

/* A side's label: the caller's (sanitised already), else the symbol. */
static void
add_label(struct sbuf *sb, const struct resolution *r, const char *label)
{
	const char *sym = r->meta.symbol ? r->meta.symbol : "-";

	if (label)
		sbuf_adds(sb, label);
	else
		utf8_sanitize(sb, sym, strlen(sym), 0);
}

static void
write_summary(struct writer *w, const struct comparison *c, const struct textout_opts *o)
{
	const struct compare_summary *s = &c->sum;
	struct sbuf sb = SBUF_INIT;

	sbuf_adds(&sb, "--- ");
	add_label(&sb, c->old, o->old_label);
	sbuf_printf(&sb, "  (%zu clauses)", c->old->nclauses);
	w_label(w, sbuf_str(&sb), ST_HEAD);
	w_newline(w);
	sbuf_reset(&sb);
	sbuf_adds(&sb, "+++ ");
	add_label(&sb, c->new_, o->new_label);
	sbuf_printf(&sb, "  (%zu clauses)", c->new_->nclauses);
	w_label(w, sbuf_str(&sb), ST_HEAD);
	w_newline(w);
	sbuf_reset(&sb);
	sbuf_printf(&sb, "%zu unchanged, %zu modified, %zu inserted, %zu deleted, %zu moved, %zu renumbered, %zu split, %zu merged",
		    s->unchanged, s->modified, s->inserted, s->deleted, s->moved, s->renumbered, s->split, s->merged);
	w_label(w, sbuf_str(&sb), ST_PLAIN);
	w_newline(w);
	sbuf_reset(&sb);
	/* the words of the clause headers (render.c) and of JSON's "shift" */
	sbuf_printf(&sb, "verbs: %zu stronger, %zu weaker, %zu same strength, %zu strength unknown; hedges: %zu added, %zu removed; footnotes: %zu modified, %zu inserted, %zu deleted",
		    s->stronger, s->weaker, s->verbs_same, s->verbs_unknown, s->hedges_added, s->hedges_removed,
		    s->footnotes_modified, s->footnotes_inserted, s->footnotes_deleted);
	w_label(w, sbuf_str(&sb), ST_PLAIN);
	w_newline(w);
	if (c->nmeta) {
		size_t i;

		sbuf_reset(&sb);
		sbuf_adds(&sb, "metadata:");
		for (i = 0; i < c->nmeta; i++) {
			const struct meta_change *m = &c->meta[i];
			sbuf_printf(&sb, "%s %s ", i ? ";" : "", field_words(m->field));
			utf8_sanitize(&sb, m->old ? m->old : "(none)", strlen(m->old ? m->old : "(none)"), 0);
			sbuf_adds(&sb, " -> ");
			utf8_sanitize(&sb, m->new_ ? m->new_ : "(none)", strlen(m->new_ ? m->new_ : "(none)"), 0);
		}
		w_label(w, sbuf_str(&sb), ST_PLAIN);
		w_newline(w);
	}
	sbuf_release(&sb);
}

/* SGR per role of render.h, for a terminal; deletions are also struck
 * through where the terminal can. */
static const char *const role_sgr[ROLE_COUNT] = {
	[ROLE_PLAIN] = "", [ROLE_HEADER] = "\033[1m", [ROLE_KIND] = "", [ROLE_INS] = "\033[32m",
	[ROLE_DEL] = "\033[31;9m", [ROLE_MOVED] = "\033[36m", [ROLE_RENUM] = "", [ROLE_UP] = "\033[1;32m",
	[ROLE_DOWN] = "\033[1;31m", [ROLE_FOLD] = "\033[2m", [ROLE_DIM] = "\033[2m",
};

struct printer {
	FILE *f;
	int color;
};

/* The lines render laid out (already sanitised), with colours or as they are. */
static void
print_lines(const struct rdoc *d, void *arg)
{
	const struct printer *p = arg;
	FILE *f = p->f;
	int color = p->color;
	size_t i, k;

	for (i = 0; i < d->n; i++) {
		const struct rline *l = &d->v[i];

		for (k = 0; k < l->nspans; k++) {
			const struct span *sp = &l->spans[k];
			const char *code = color && sp->role < ROLE_COUNT ? role_sgr[sp->role] : "";

			if (*code)
				fputs(code, f);
			fwrite(l->text + sp->off, 1, sp->len, f);
			if (*code)
				fputs("\033[m", f);
		}
		fputc('\n', f);
	}
}

/* "2 of the 16 modified clauses differ in typography only ...": what
 * --ignore-typography would hide, and that it would. */
static void
typography_note(struct writer *w, const struct compare_summary *s)
{
	struct sbuf sb = SBUF_INIT;
	int one = s->typography_only == 1;

	if (!s->typography_only)
		return;
	sbuf_printf(&sb, "%zu of the %zu modified clause%s differ%s in typography only (quotes, dashes, hyphen "
		    "joins, spacing); --ignore-typography hides %s",
		    s->typography_only, s->modified, s->modified == 1 ? "" : "s", one ? "s" : "", one ? "it" : "them");
	w_label(w, sbuf_str(&sb), ST_DIM);
	w_newline(w);
	sbuf_release(&sb);
}

int
textout_diff(FILE *f, const struct comparison *c, const struct textout_opts *o)
{
	struct writer w = { f, o->color, o->width, 0, 0, SBUF_INIT };
	struct sbuf sb = SBUF_INIT;
	struct render_opts ro;
	struct printer pr = { f, o->color };

	write_summary(&w, c, o);
	if (o->stat_only) {
		textout_summary_line(&sb, c);
		w_label(&w, "summary: ", ST_PLAIN);
		w_label(&w, sbuf_str(&sb), ST_PLAIN);
		w_newline(&w);
		typography_note(&w, &c->sum);
		goto out;
	}
	w_newline(&w);
	/* the same layout as the terminal interface; into a pipe, no wrapping */
	memset(&ro, 0, sizeof(ro));
	ro.width = o->width > 0 ? o->width : RENDER_NO_WRAP;
	ro.markers = !o->color;
	ro.context = o->context;
	/* printed as it is laid out: a long comparison's layout is never held whole */
	render_diff_each(c, &ro, print_lines, &pr);
	typography_note(&w, &c->sum);
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
	if (c->old->is_resolution != c->new_->is_resolution)
		sbuf_adds(out, c->new_->is_resolution ? "now reads as a resolution" : "no longer reads as a resolution");
	if (out->len == start && c->nmeta) {
		sbuf_adds(out, "header only:");
		for (i = 0; i < c->nmeta; i++)
			sbuf_printf(out, "%s %s", i ? "," : "", field_words(c->meta[i].field));
	} else if (out->len == start) {
		sbuf_adds(out, "no changes");
	}
}
