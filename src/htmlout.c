/*
 * htmlout: a redline document (engine/redoc.h) as one standalone web page.
 * See htmlout.h for the contract.
 *
 * Shape of the page: the two versions and the one-line summary; a table
 * of the changes, each row linking to its clause; the document itself
 * (header lines, every clause with its number, its runs as <ins>/<del>,
 * its opener in <i>, footnote references as superscript links, labels for
 * moves, renumbering and opener shifts); the footnotes, each once; a
 * legend. One <ins> or <del> element per inserted or deleted run of the
 * redoc and no other (labels use classes), so a reader -- or a test --
 * can count the edits.
 *
 * Anchors: a clause's own id (OP5) for a paragraph that shows NEW's
 * clause, "old-" and OLD's id for one that shows OLD's (deleted, moved
 * from, the second half of a merge); fn-N for the N-th note, ref-N for
 * the N-th reference. Every id goes through one set that makes it unique,
 * whatever ids a strange document yields.
 *
 * Ownership: everything here is freed before htmlout_redline returns.
 */
#include "config.h"
#include "htmlout.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textout.h"
#include "utf8.h"
#include "util.h"
#include "verbs.h"

/*
 * A set of the ids used in the page: claiming a taken id gives it a
 * suffix ("OP5-2"), so that no two elements ever share one.
 */
struct idset {
	char **slot;	/* open addressing; NULL: empty */
	size_t cap, n;
};

static void
idset_release(struct idset *s)
{
	size_t i;

	for (i = 0; i < s->cap; i++)
		free(s->slot[i]);
	free(s->slot);
	memset(s, 0, sizeof(*s));
}

static size_t
idset_find(const struct idset *s, const char *id)
{
	size_t i = (size_t)hash_bytes(id, strlen(id)) & (s->cap - 1);

	while (s->slot[i] && strcmp(s->slot[i], id) != 0)
		i = (i + 1) & (s->cap - 1);
	return i;
}

static void
idset_grow(struct idset *s)
{
	struct idset big = { NULL, s->cap ? s->cap * 2 : 64, 0 };
	size_t i;

	big.slot = xcalloc(big.cap, sizeof(*big.slot));
	for (i = 0; i < s->cap; i++)
		if (s->slot[i])
			big.slot[idset_find(&big, s->slot[i])] = s->slot[i];
	big.n = s->n;
	free(s->slot);
	*s = big;
}

/* The id, or the first free "id-2", "id-3"...; the set owns the result. */
static const char *
idset_claim(struct idset *s, const char *want)
{
	struct sbuf b = SBUF_INIT;
	size_t at, k = 1;

	if ((s->n + 1) * 2 > s->cap)
		idset_grow(s);
	sbuf_adds(&b, want);
	for (;;) {
		at = idset_find(s, sbuf_str(&b));
		if (!s->slot[at])
			break;
		sbuf_reset(&b);
		sbuf_printf(&b, "%s-%zu", want, ++k);
	}
	s->slot[at] = sbuf_detach(&b);
	s->n++;
	return s->slot[at];
}

/*
 * The page under construction
 */

struct page {
	const struct redoc *d;
	const struct comparison *c;
	const struct export_opts *o;
	struct sbuf *out;
	struct idset ids;
	const char **para_id;	/* per paragraph: its anchor; NULL for header lines */
	long *change_para;	/* per change: the paragraph its summary row links to, or -1 */
	const char **note_id;	/* per note */
	const char **ref_id;	/* per footnote reference, in reading order */
	size_t nrefs;
	long *note_ref;		/* per note: its first reference, or -1 */
	size_t ref_at;		/* the next reference to write */
	struct sbuf tmp;
};

/*
 * Escaping
 */

/* Text already free of control characters (or made so): escaped only. */
static void
put_plain(struct sbuf *out, const char *s, size_t n)
{
	utf8_escape_markup(out, s, n);
}

/*
 * Text from a document: markup characters escaped, and every character a
 * reader could not see or a browser would act on (controls, bidirectional
 * overrides, invalid bytes) shown as utf8_sanitize names it, in a span
 * that stands out, so a hidden character in a draft is noticed rather
 * than silently dropped. A tab is one space.
 */
static void
put_text(struct page *pg, const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (cp == '\t') {
			sbuf_addch(pg->out, ' ');
		} else if (cp == UTF8_INVALID || utf8_unsafe(cp) != UTF8_SAFE) {
			sbuf_reset(&pg->tmp);
			utf8_sanitize(&pg->tmp, s + i, k, 0);
			sbuf_adds(pg->out, "<span class=\"ctl\" title=\"hidden or control character\">");
			put_plain(pg->out, pg->tmp.buf, pg->tmp.len);
			sbuf_adds(pg->out, "</span>");
		} else {
			put_plain(pg->out, s + i, k);
		}
		i += k;
	}
}

static void
put_texts(struct page *pg, const char *s)
{
	if (s)
		put_text(pg, s, strlen(s));
}

/*
 * An anchor from a clause id: letters, digits and ()._- kept, anything
 * else '-', so that the id needs no escaping in a fragment.
 */
static const char *
claim_anchor(struct page *pg, const char *prefix, const char *id)
{
	struct sbuf b = SBUF_INIT;
	const char *got;
	size_t i;

	sbuf_adds(&b, prefix);
	for (i = 0; id && id[i]; i++) {
		char ch = id[i];
		int keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
			   strchr("()._-", ch) != NULL;
		sbuf_addch(&b, keep ? ch : '-');
	}
	if (!b.len)
		sbuf_adds(&b, "clause");
	got = idset_claim(&pg->ids, sbuf_str(&b));
	sbuf_release(&b);
	return got;
}

/*
 * Anchors and links, worked out before anything is written: the summary
 * table comes first and links to clauses below it, and a footnote links
 * back to its first reference.
 */

/* Whether the paragraph shows one of OLD's clauses (its anchor is "old-"). */
static int
shows_old(const struct comparison *c, const struct clause *cl)
{
	uintptr_t p = (uintptr_t)cl, a = (uintptr_t)c->old->clauses;

	return c->old->nclauses && p >= a && p < a + c->old->nclauses * sizeof(*cl);
}


/* A paragraph's change is one of the page's comparison (a compilation's
 * paragraphs show other comparisons' changes: their notes say them). */
static int
own_change(const struct page *pg, const struct rpara *p)
{
	return p->change >= 0 && (!p->cmp || p->cmp == pg->c) && (size_t)p->change < pg->c->nchanges;
}
static void
plan_anchors(struct page *pg)
{
	const struct redoc *d = pg->d;
	size_t i, k, nrefs = 0;
	char name[48];

	pg->para_id = xcalloc(d->nparas + 1, sizeof(*pg->para_id));
	pg->change_para = xmalloc((pg->c->nchanges + 1) * sizeof(*pg->change_para));
	pg->note_id = xcalloc(d->nnotes + 1, sizeof(*pg->note_id));
	pg->note_ref = xmalloc((d->nnotes + 1) * sizeof(*pg->note_ref));
	for (i = 0; i < pg->c->nchanges; i++)
		pg->change_para[i] = -1;
	for (i = 0; i < d->nnotes; i++) {
		snprintf(name, sizeof(name), "fn-%zu", i + 1);
		pg->note_id[i] = idset_claim(&pg->ids, name);
		pg->note_ref[i] = -1;
	}
	for (i = 0; i < d->nparas; i++) {
		const struct rpara *p = &d->paras[i];

		for (k = 0; k < p->nruns; k++)
			nrefs += p->runs[k].note >= 0;
		if (p->role != RP_CLAUSE || !p->clause)
			continue;
		pg->para_id[i] = claim_anchor(pg, shows_old(pg->c, p->clause) ? "old-" : "", p->clause->id);
		/* a change's row links to where the clause stands now */
		if (own_change(pg, p) && pg->change_para[p->change] < 0 &&
		    p->move != RMOVE_FROM)
			pg->change_para[p->change] = (long)i;
	}
	for (i = 0; i < d->nparas; i++) {
		const struct rpara *p = &d->paras[i];

		if (pg->para_id[i] && own_change(pg, p) &&
		    pg->change_para[p->change] < 0)
			pg->change_para[p->change] = (long)i;
	}
	pg->ref_id = xcalloc(nrefs + 1, sizeof(*pg->ref_id));
	for (i = 0; i < d->nparas; i++) {
		const struct rpara *p = &d->paras[i];

		for (k = 0; k < p->nruns; k++) {
			long note = p->runs[k].note;

			if (note < 0)
				continue;
			snprintf(name, sizeof(name), "ref-%zu", pg->nrefs + 1);
			if ((size_t)note < d->nnotes && pg->note_ref[note] < 0)
				pg->note_ref[note] = (long)pg->nrefs;
			pg->ref_id[pg->nrefs++] = idset_claim(&pg->ids, name);
		}
	}
}

/*
 * Runs
 */

static const char *
mark_tag(enum rmark m)
{
	return m == RM_INS ? "ins" : m == RM_DEL ? "del" : NULL;
}

/* The number a note is shown by at a reference of this mark: OLD's for a
 * reference that is gone, else NEW's when it has one. */
static int
note_number(const struct rnote *n, enum rmark m)
{
	if (m == RM_DEL || !n->new_number)
		return n->old_number ? n->old_number : n->new_number;
	return n->new_number;
}

static void
put_ref(struct page *pg, const struct rrun *r)
{
	const char *rid = pg->ref_at < pg->nrefs ? pg->ref_id[pg->ref_at] : NULL;

	pg->ref_at++;
	if (r->note < 0 || (size_t)r->note >= pg->d->nnotes) {
		sbuf_adds(pg->out, "<sup class=\"fnref\">?</sup>");
		return;
	}
	sbuf_adds(pg->out, "<sup class=\"fnref\"><a href=\"#");
	put_plain(pg->out, pg->note_id[r->note], strlen(pg->note_id[r->note]));
	sbuf_addch(pg->out, '"');
	if (rid) {
		sbuf_adds(pg->out, " id=\"");
		put_plain(pg->out, rid, strlen(rid));
		sbuf_addch(pg->out, '"');
	}
	sbuf_printf(pg->out, ">%d</a></sup>", note_number(&pg->d->notes[r->note], r->mark));
}

/*
 * One run: <ins> or <del> by its mark, <i> inside for an opener. A
 * paragraph number gets its full stop here ("5."): redoc keeps the digits
 * as the model has them.
 */
static void
put_run(struct page *pg, const struct rrun *r, int is_number)
{
	const char *tag = mark_tag(r->mark);
	size_t i;
	int digits = is_number && r->len > 0;

	if (tag)
		sbuf_printf(pg->out, "<%s>", tag);
	if (r->note >= 0 || !r->s) {
		put_ref(pg, r);
	} else {
		if (r->italic)
			sbuf_adds(pg->out, "<i>");
		put_text(pg, r->s, r->len);
		for (i = 0; digits && i < r->len; i++)
			digits = r->s[i] >= '0' && r->s[i] <= '9';
		if (digits)
			sbuf_addch(pg->out, '.');
		if (r->italic)
			sbuf_adds(pg->out, "</i>");
	}
	if (tag)
		sbuf_printf(pg->out, "</%s>", tag);
}

static void
put_runs(struct page *pg, const struct rrun *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		put_run(pg, &v[i], 0);
}

/*
 * Labels on a clause
 */

static void
tag_open(struct page *pg, const char *cls, const char *href)
{
	if (href) {
		sbuf_printf(pg->out, "<a class=\"tag %s\" href=\"#", cls);
		put_plain(pg->out, href, strlen(href));
		sbuf_adds(pg->out, "\">");
	} else {
		sbuf_printf(pg->out, "<span class=\"tag %s\">", cls);
	}
}

static void
tag_close(struct page *pg, const char *href)
{
	sbuf_adds(pg->out, href ? "</a> " : "</span> ");
}

static void
put_ids(struct page *pg, const struct resolution *r, const size_t *idx, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			sbuf_adds(pg->out, ", ");
		put_texts(pg, r->clauses[idx[i]].id);
	}
}

/* "verb stronger: Encourages → Urges", in the words of the clause headers. */
static void
put_shift(struct page *pg, const struct change *ch)
{
	const char *cls = ch->shift == SHIFT_STRONGER ? "up" : ch->shift == SHIFT_WEAKER ? "down" : "verb";

	tag_open(pg, cls, NULL);
	if (ch->shift == SHIFT_SAME)
		sbuf_adds(pg->out, "verb same strength: ");
	else if (ch->shift == SHIFT_UNKNOWN)
		sbuf_adds(pg->out, "verb strength unknown: ");
	else
		sbuf_printf(pg->out, "verb %s: ", verbs_shift_name(ch->shift));
	put_texts(pg, ch->old_opener ? ch->old_opener : "(none)");
	sbuf_adds(pg->out, " \xe2\x86\x92 ");	/* U+2192 */
	put_texts(pg, ch->new_opener ? ch->new_opener : "(none)");
	tag_close(pg, NULL);
}

static void
put_hedges(struct page *pg, const char *label, unsigned mask, const char *cls)
{
	size_t i, k = 0;

	if (!mask)
		return;
	tag_open(pg, cls, NULL);
	sbuf_adds(pg->out, label);
	for (i = 0; i < verbs_hedge_count(); i++)
		if (mask & (1u << i)) {
			sbuf_adds(pg->out, k++ ? ", \xe2\x80\x9c" : " \xe2\x80\x9c");
			put_texts(pg, verbs_hedge_name(i));
			sbuf_adds(pg->out, "\xe2\x80\x9d");
		}
	tag_close(pg, NULL);
}

/* The id a move's other place shows, from that paragraph's clause. */
static const char *
peer_clause_id(const struct page *pg, const struct rpara *p)
{
	if (p->peer < 0 || (size_t)p->peer >= pg->d->nparas || !pg->d->paras[p->peer].clause)
		return NULL;
	return pg->d->paras[p->peer].clause->id;
}

/*
 * The labels of paragraph i: where a moved clause went or came from (a
 * link to the other place), and on the paragraph that stands for the
 * change: its kind when the text alone does not say it, the number it
 * had, the opener's shift and hedges.
 */
static void
put_tags(struct page *pg, size_t i)
{
	const struct rpara *p = &pg->d->paras[i];
	const struct change *ch = NULL;
	const char *peer_anchor = p->peer >= 0 && (size_t)p->peer < pg->d->nparas ? pg->para_id[p->peer] : NULL;
	const char *peer_id = peer_clause_id(pg, p);
	struct sbuf tags = SBUF_INIT, *page_out = pg->out;
	int main_para;

	if (own_change(pg, p))
		ch = &pg->c->changes[p->change];
	main_para = ch && pg->change_para[p->change] == (long)i;
	/* written aside: a clause with nothing to say gets no empty box */
	pg->out = &tags;
	if (p->move == RMOVE_FROM) {
		tag_open(pg, "moved", peer_anchor);
		sbuf_adds(pg->out, "moved to ");
		put_texts(pg, peer_id ? peer_id : "its new place");
		tag_close(pg, peer_anchor);
	} else if (p->move == RMOVE_TO) {
		tag_open(pg, "moved", peer_anchor);
		sbuf_adds(pg->out, "moved from ");
		put_texts(pg, peer_id ? peer_id : "another place");
		tag_close(pg, peer_anchor);
	}
	if (main_para) {
		if (ch->kind == CHANGE_INSERTED || ch->kind == CHANGE_DELETED || ch->kind == CHANGE_SPLIT ||
		    ch->kind == CHANGE_MERGED) {
			tag_open(pg, change_kind_name(ch->kind), NULL);
			sbuf_adds(pg->out, change_kind_name(ch->kind));
			tag_close(pg, NULL);
		}
		if (ch->renumbered && p->move == RMOVE_NONE && ch->nold) {
			tag_open(pg, "renum", NULL);
			sbuf_adds(pg->out, "was ");
			put_ids(pg, pg->c->old, ch->old, ch->nold);
			tag_close(pg, NULL);
		}
		if (ch->verb_changed)
			put_shift(pg, ch);
		put_hedges(pg, "hedge added", ch->hedges_added, "down");
		put_hedges(pg, "hedge removed", ch->hedges_removed, "up");
	}
	/* a compilation's note (status, amendments) and whose change it is */
	if (pg->o->author_of && p->source >= 0) {
		const char *who = pg->o->author_of(p, pg->o->arg);

		if (who) {
			tag_open(pg, "by", NULL);
			sbuf_adds(pg->out, "proposed by ");
			put_texts(pg, who);
			tag_close(pg, NULL);
		}
	}
	if (pg->o->note_of) {
		const char *note = pg->o->note_of(p, pg->o->arg);

		if (note) {
			const char *s = note, *nl;

			tag_open(pg, "note", NULL);
			while ((nl = strchr(s, '\n'))) {
				put_text(pg, s, (size_t)(nl - s));
				sbuf_adds(pg->out, "<br>");
				s = nl + 1;
			}
			put_texts(pg, s);
			tag_close(pg, NULL);
		}
	}
	pg->out = page_out;
	if (tags.len) {
		sbuf_adds(pg->out, "<div class=\"tags\">");
		sbuf_add(pg->out, tags.buf, tags.len);
		sbuf_adds(pg->out, "</div>\n");
	}
	sbuf_release(&tags);
}

/*
 * Paragraphs
 */

static const char *
section_class(enum section s)
{
	return s == SEC_PREAMBLE ? "pp" : s == SEC_OPERATIVE ? "op" : s == SEC_ANNEX ? "annex" : "para";
}

static void
put_clause(struct page *pg, size_t i)
{
	const struct rpara *p = &pg->d->paras[i];
	const char *state = p->mark == RM_INS ? " c-ins" : p->mark == RM_DEL ? " c-del" : "";
	const char *moved = p->move != RMOVE_NONE ? " c-moved" : "";
	const char *changed = own_change(pg, p) &&
					      pg->c->changes[p->change].kind != CHANGE_UNCHANGED ?
				      " c-changed" :
				      "";
	int level = p->level < 0 ? 0 : p->level > 4 ? 4 : p->level;
	size_t k;

	sbuf_printf(pg->out, "<div class=\"clause %s lvl%d%s%s%s\"", section_class(p->section), level, state, moved,
		    changed);
	if (pg->para_id[i]) {
		sbuf_adds(pg->out, " id=\"");
		put_plain(pg->out, pg->para_id[i], strlen(pg->para_id[i]));
		sbuf_addch(pg->out, '"');
	}
	sbuf_adds(pg->out, ">\n");
	put_tags(pg, i);
	sbuf_adds(pg->out, "<p>");
	if (p->nnum) {
		sbuf_adds(pg->out, "<span class=\"num\">");
		for (k = 0; k < p->nnum && k < 2; k++)
			put_run(pg, &p->num[k], 1);
		sbuf_adds(pg->out, "</span> ");
	}
	put_runs(pg, p->runs, p->nruns);
	/* a paragraph mark alone: the clause is cut in two, or joined to the next */
	if (p->mark_of_end == RM_INS)
		sbuf_adds(pg->out, " <span class=\"pmark pm-ins\" title=\"paragraph break inserted: the clause "
				   "is split here\">\xc2\xb6 split</span>");
	else if (p->mark_of_end == RM_DEL)
		sbuf_adds(pg->out, " <span class=\"pmark pm-del\" title=\"paragraph break deleted: this clause "
				   "and the next are merged\">\xc2\xb6 merged</span>");
	sbuf_adds(pg->out, "</p>\n</div>\n");
}

static void
put_header_para(struct page *pg, const struct rpara *p)
{
	static const char *const cls[] = {
		[RP_SYMBOL] = "symbol", [RP_SESSION] = "session", [RP_AGENDA] = "agenda",
		[RP_SPONSORS] = "sponsors", [RP_ADOPTED] = "adopted", [RP_REPORT] = "report",
		[RP_TITLE] = "title", [RP_FORMULA] = "formula", [RP_CLAUSE] = "clause",
		[RP_MEETING] = "meeting", [RP_DATE] = "date",
	};
	const char *name = (size_t)p->role < ARRAY_SIZE(cls) && cls[p->role] ? cls[p->role] : "line";
	const char *el = p->role == RP_TITLE ? "h1" : "p";

	sbuf_printf(pg->out, "<%s class=\"hd %s%s\">", el, name,
		    p->mark == RM_INS ? " c-ins" : p->mark == RM_DEL ? " c-del" : "");
	put_runs(pg, p->runs, p->nruns);
	sbuf_printf(pg->out, "</%s>\n", el);
}

/*
 * The summary table
 */

static int
in_summary(const struct change *ch)
{
	return ch->kind != CHANGE_UNCHANGED || ch->moved;
}

/* "OP12 → OP13", one side's ids when both read the same, "was PP27" for a
 * clause that is gone: the ids of the text output's headers. */
static void
put_change_ids(struct page *pg, const struct change *ch)
{
	struct sbuf a = SBUF_INIT, b = SBUF_INIT;
	size_t i;

	for (i = 0; i < ch->nold; i++)
		sbuf_printf(&a, "%s%s", i ? ", " : "", pg->c->old->clauses[ch->old[i]].id);
	for (i = 0; i < ch->nnew; i++)
		sbuf_printf(&b, "%s%s", i ? ", " : "", pg->c->new_->clauses[ch->new_[i]].id);
	if (ch->nold && ch->nnew && strcmp(sbuf_str(&a), sbuf_str(&b)) != 0) {
		put_text(pg, a.buf, a.len);
		sbuf_adds(pg->out, " \xe2\x86\x92 ");
		put_text(pg, b.buf, b.len);
	} else if (ch->nnew) {
		put_text(pg, b.buf, b.len);
	} else {
		sbuf_adds(pg->out, "was ");
		put_text(pg, a.buf, a.len);
	}
	sbuf_release(&a);
	sbuf_release(&b);
}

static void
put_summary_row(struct page *pg, size_t ci)
{
	const struct change *ch = &pg->c->changes[ci];
	long at = pg->change_para[ci];
	const char *href = at >= 0 ? pg->para_id[at] : NULL;
	int sep = 0;

	sbuf_adds(pg->out, "<tr class=\"chg\"><td>");
	if (href) {
		sbuf_adds(pg->out, "<a href=\"#");
		put_plain(pg->out, href, strlen(href));
		sbuf_adds(pg->out, "\">");
	}
	put_change_ids(pg, ch);
	if (href)
		sbuf_adds(pg->out, "</a>");
	sbuf_adds(pg->out, "</td><td>");
	if (ch->moved)
		sbuf_printf(pg->out, "%s<span class=\"moved\">moved</span>", sep++ ? ", " : "");
	if (ch->renumbered)
		sbuf_printf(pg->out, "%srenumbered", sep++ ? ", " : "");
	if (ch->kind != CHANGE_UNCHANGED)
		sbuf_printf(pg->out, "%s<span class=\"k-%s\">%s</span>", sep++ ? ", " : "", change_kind_name(ch->kind),
			    change_kind_name(ch->kind));
	if (ch->typo_only)
		sbuf_adds(pg->out, " (typography only)");
	sbuf_adds(pg->out, "</td><td>");
	/* wdiff counts words only: a comma alone changes none */
	if ((ch->kind == CHANGE_MODIFIED || ch->kind == CHANGE_SPLIT || ch->kind == CHANGE_MERGED) &&
	    !ch->words.words_inserted && !ch->words.words_deleted)
		sbuf_adds(pg->out, "punctuation");
	else if (ch->kind == CHANGE_MODIFIED || ch->kind == CHANGE_SPLIT || ch->kind == CHANGE_MERGED)
		sbuf_printf(pg->out, "<span class=\"w-ins\">+%zu</span> <span class=\"w-del\">\xe2\x88\x92%zu</span>",
			    ch->words.words_inserted, ch->words.words_deleted);
	sbuf_adds(pg->out, "</td><td>");
	if (ch->verb_changed)
		put_shift(pg, ch);
	put_hedges(pg, "hedge added", ch->hedges_added, "down");
	put_hedges(pg, "hedge removed", ch->hedges_removed, "up");
	sbuf_adds(pg->out, "</td></tr>\n");
}

static void
put_summary(struct page *pg)
{
	size_t i, rows = 0;

	for (i = 0; i < pg->c->nchanges; i++)
		rows += in_summary(&pg->c->changes[i]);
	sbuf_adds(pg->out, "<section class=\"summary\">\n<h2>Summary of changes</h2>\n");
	if (!rows) {
		sbuf_adds(pg->out, "<p>No clause was inserted, deleted, modified or moved.</p>\n</section>\n");
		return;
	}
	sbuf_adds(pg->out, "<table>\n<thead><tr><th>Clause</th><th>What happened</th><th>Words</th>"
			   "<th>Opener and hedges</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < pg->c->nchanges; i++)
		if (in_summary(&pg->c->changes[i]))
			put_summary_row(pg, i);
	sbuf_adds(pg->out, "</tbody>\n</table>\n</section>\n");
}

/*
 * Footnotes
 */

static void
put_notes(struct page *pg)
{
	const struct redoc *d = pg->d;
	size_t i;

	if (!d->nnotes)
		return;
	sbuf_adds(pg->out, "<section class=\"notes\">\n<h2>Footnotes</h2>\n");
	for (i = 0; i < d->nnotes; i++) {
		const struct rnote *n = &d->notes[i];
		int num = n->new_number ? n->new_number : n->old_number;

		sbuf_printf(pg->out, "<div class=\"fn%s\" id=\"", n->mark == RM_INS ? " c-ins" : n->mark == RM_DEL ? " c-del" : "");
		put_plain(pg->out, pg->note_id[i], strlen(pg->note_id[i]));
		sbuf_printf(pg->out, "\"><span class=\"fnnum\">%d</span> ", num);
		if (n->mark == RM_INS)
			sbuf_adds(pg->out, "<span class=\"tag inserted\">inserted</span> ");
		else if (n->mark == RM_DEL)
			sbuf_adds(pg->out, "<span class=\"tag deleted\">deleted</span> ");
		else if (n->old_number != n->new_number)
			sbuf_printf(pg->out, "<span class=\"tag renum\">was %d</span> ", n->old_number);
		put_runs(pg, n->runs, n->nruns);
		if (pg->note_ref[i] >= 0) {
			const char *rid = pg->ref_id[pg->note_ref[i]];

			sbuf_adds(pg->out, " <a class=\"back\" href=\"#");
			put_plain(pg->out, rid, strlen(rid));
			sbuf_adds(pg->out, "\" title=\"back to the reference\">\xe2\x86\xa9</a>");
		}
		sbuf_adds(pg->out, "</div>\n");
	}
	sbuf_adds(pg->out, "</section>\n");
}

/*
 * The frame
 */

/*
 * Screen: insertions green and underlined, deletions red and struck
 * through, labels as small badges. Print: no colour needed -- insertions
 * bold and underlined, deletions struck through, the summary table kept
 * and its header repeated on each page. Only fonts every system has: the
 * page must not reach the network.
 */
static const char css[] =
	"body{font-family:\"Times New Roman\",Times,Georgia,serif;font-size:17px;line-height:1.45;color:#1b1b1b;"
	"background:#fff;max-width:50em;margin:1.5em auto;padding:0 1.2em}\n"
	"header.rl{font-family:system-ui,-apple-system,\"Segoe UI\",Helvetica,Arial,sans-serif;font-size:14px;"
	"border-bottom:1px solid #ccc;padding-bottom:.6em;margin-bottom:1em}\n"
	"header.rl .versions{font-size:18px;font-weight:600;margin:.2em 0}\n"
	"header.rl .sumline,header.rl .made{color:#555;margin:.2em 0}\n"
	"ins,.x-ins{color:#0b6b2e;background:#e7f5ec;text-decoration:underline;text-decoration-color:#0b6b2e}\n"
	"del,.x-del{color:#b3261e;background:#fdeceb;text-decoration:line-through;text-decoration-color:#b3261e}\n"
	".summary{font-family:system-ui,-apple-system,\"Segoe UI\",Helvetica,Arial,sans-serif;font-size:13px}\n"
	".summary h2,.notes h2{font-size:16px;margin:1em 0 .4em}\n"
	".summary table{border-collapse:collapse;width:100%}\n"
	".summary th,.summary td{border:1px solid #d0d0d0;padding:.25em .5em;text-align:left;vertical-align:top}\n"
	".summary th{background:#f3f3f3}.summary td:first-child{white-space:nowrap}\n"
	".summary a{color:#0645ad;text-decoration:none;font-weight:600}\n"
	".k-inserted,.w-ins{color:#0b6b2e}.k-deleted,.w-del{color:#b3261e}.moved{color:#00608a}\n"
	".doc{margin-top:1.5em}\n"
	".hd{margin:.15em 0}.hd.symbol{text-align:right;font-weight:600}\n"
	"h1.hd.title{font-size:20px;margin:.8em 0;font-weight:700}\n"
	".hd.formula{margin:1em 0 .8em 2em;font-style:italic}\n"
	".hd.meeting,.hd.date{text-align:right;margin-top:1em}\n"
	".clause{margin:.5em 0;padding:.1em .5em;border-left:3px solid transparent;scroll-margin-top:1em}\n"
	".clause p{margin:0}\n"
	".clause.pp p{text-indent:2em}\n"
	".clause.lvl1{margin-left:2em}.clause.lvl2{margin-left:4em}.clause.lvl3{margin-left:6em}"
	".clause.lvl4{margin-left:8em}\n"
	".clause.c-changed{border-left-color:#e0b400}.clause.c-ins{border-left-color:#0b6b2e}"
	".clause.c-del{border-left-color:#b3261e}.clause.c-moved{border-left-color:#00608a}\n"
	".clause:target{background:#fff8d6}\n"
	".num{font-weight:600}.num del+ins{margin-left:.2em}\n"
	"del+ins{margin-left:.15em}sup{line-height:0}\n"
	".tags{font-family:system-ui,-apple-system,\"Segoe UI\",Helvetica,Arial,sans-serif;font-size:11.5px;"
	"margin:.1em 0 .15em}\n"
	".tag{display:inline-block;border:1px solid #999;border-radius:3px;padding:0 .4em;margin-right:.3em;"
	"color:#333;background:#f6f6f6;text-decoration:none;white-space:nowrap}\n"
	".tag.moved{border-color:#00608a;color:#00608a;background:#e8f4f9}\n"
	".tag.renum{border-color:#777;color:#444}\n"
	".tag.note{border-color:#8a6d00;color:#5c4800;background:#fff8e0;display:inline-block}\n"
	".tag.by{border-color:#444;color:#222}\n"
	".tag.up{border-color:#0b6b2e;color:#0b6b2e;background:#e7f5ec;font-weight:600}\n"
	".tag.down{border-color:#b3261e;color:#b3261e;background:#fdeceb;font-weight:600}\n"
	".tag.inserted{border-color:#0b6b2e;color:#0b6b2e}.tag.deleted{border-color:#b3261e;color:#b3261e}\n"
	".pmark{font-family:system-ui,sans-serif;font-size:11.5px;padding:0 .3em;border-radius:3px}\n"
	".pm-ins{color:#0b6b2e;background:#e7f5ec}.pm-del{color:#b3261e;background:#fdeceb;"
	"text-decoration:line-through}\n"
	".fnref a{text-decoration:none;color:#0645ad;padding:0 .1em}\n"
	".ctl{font-family:monospace;font-size:.85em;color:#fff;background:#8a1c7c;border-radius:2px;padding:0 .15em}\n"
	".notes{border-top:1px solid #ccc;margin-top:2em;font-size:15px}\n"
	".fn{margin:.35em 0;padding-left:2em;text-indent:-2em}\n"
	".fnnum{display:inline-block;min-width:1.6em;text-indent:0;font-weight:600}\n"
	".fn .back{text-decoration:none;color:#0645ad}\n"
	".legend{font-family:system-ui,sans-serif;font-size:12px;color:#555;border-top:1px solid #ccc;"
	"margin-top:2em;padding-top:.5em}\n"
	"@media print{\n"
	"body{max-width:none;margin:0;padding:0;font-size:11.5pt;color:#000}\n"
	"ins,.x-ins{color:#000;background:none;font-weight:bold;text-decoration:underline}\n"
	"del,.x-del{color:#000;background:none;text-decoration:line-through}\n"
	".pm-ins{color:#000;background:none;font-weight:bold}.pm-del{color:#000;background:none}\n"
	".summary a,.fnref a,.fn .back{color:#000}\n"
	".summary th{background:none}\n"
	".summary thead{display:table-header-group}.summary tr{break-inside:avoid}\n"
	".tag{color:#000;background:none;border-color:#000}\n"
	".clause{border-left:none;padding-left:0;break-inside:avoid}\n"
	".clause:target{background:none}\n"
	".ctl{color:#000;background:none;border:1px solid #000}\n"
	".k-inserted,.w-ins,.k-deleted,.w-del,.moved{color:#000}\n"
	"}\n";

/* The page's language: NEW's, when it is a plain language code. */
static const char *
page_lang(const struct comparison *c)
{
	const char *l = c->new_->meta.language;
	size_t i;

	if (!l || !*l || strlen(l) > 3)
		return "en";
	for (i = 0; l[i]; i++)
		if (l[i] < 'a' || l[i] > 'z')
			return "en";
	return l;
}

static const char *
side_label(const char *label, const struct resolution *r, const char *fallback)
{
	if (label && *label)
		return label;
	return r->meta.symbol ? r->meta.symbol : fallback;
}

static void
put_head(struct page *pg)
{
	const char *a = side_label(pg->o->old_label, pg->c->old, "old"),
		   *b = side_label(pg->o->new_label, pg->c->new_, "new");

	sbuf_printf(pg->out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
			     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			     "<meta name=\"generator\" content=\"redline\">\n<title>",
		    page_lang(pg->c));
	put_texts(pg, a);
	sbuf_adds(pg->out, " \xe2\x86\x92 ");
	put_texts(pg, b);
	sbuf_adds(pg->out, ": redline</title>\n<style>\n");
	sbuf_adds(pg->out, css);
	sbuf_adds(pg->out, "</style>\n</head>\n<body>\n<header class=\"rl\">\n<p class=\"versions\">Redline of ");
	put_texts(pg, b);
	sbuf_adds(pg->out, " against ");
	put_texts(pg, a);
	sbuf_adds(pg->out, "</p>\n<p class=\"sumline\">");
	sbuf_reset(&pg->tmp);
	textout_summary_line(&pg->tmp, pg->c);
	{
		/* put_text reuses tmp: the line is copied out of it first */
		char *line = xstrndup(pg->tmp.buf ? pg->tmp.buf : "", pg->tmp.len);

		put_texts(pg, line);
		free(line);
	}
	sbuf_adds(pg->out, "</p>\n");
	if (pg->o->date && *pg->o->date) {
		sbuf_adds(pg->out, "<p class=\"made\">Compared by redline, ");
		put_texts(pg, pg->o->date);
		sbuf_adds(pg->out, "</p>\n");
	}
	sbuf_adds(pg->out, "</header>\n");
}

static void
put_document(struct page *pg)
{
	const struct redoc *d = pg->d;
	size_t i;

	sbuf_adds(pg->out, "<main class=\"doc\">\n");
	for (i = 0; i < d->nparas; i++) {
		if (d->paras[i].role == RP_CLAUSE)
			put_clause(pg, i);
		else
			put_header_para(pg, &d->paras[i]);
	}
	sbuf_adds(pg->out, "</main>\n");
}

static void
put_legend(struct page *pg)
{
	sbuf_adds(pg->out, "<footer class=\"legend\"><span class=\"x-ins\">inserted</span> \xc2\xb7 "
			   "<span class=\"x-del\">deleted</span> \xc2\xb7 <i>opener</i> \xc2\xb7 "
			   "<span class=\"tag up\">verb stronger</span><span class=\"tag down\">verb weaker</span>"
			   "<span class=\"tag moved\">moved</span> \xc2\xb7 "
			   "<span class=\"ctl\">^[</span> a hidden or control character in the text</footer>\n");
}

void
htmlout_redline(const struct redoc *d, const struct export_opts *o, struct sbuf *out)
{
	struct page pg;

	memset(&pg, 0, sizeof(pg));
	pg.d = d;
	pg.c = d->cmp;
	pg.o = o;
	pg.out = out;
	sbuf_init(&pg.tmp);
	plan_anchors(&pg);
	put_head(&pg);
	put_summary(&pg);
	put_document(&pg);
	put_notes(&pg);
	put_legend(&pg);
	sbuf_adds(out, "</body>\n</html>\n");
	sbuf_release(&pg.tmp);
	free(pg.para_id);
	free(pg.change_para);
	free(pg.note_id);
	free(pg.note_ref);
	free(pg.ref_id);
	idset_release(&pg.ids);
}
