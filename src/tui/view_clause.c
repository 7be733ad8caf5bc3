/*
 * The clause view: one clause in full, as it was and as it is, with the
 * words that changed marked, and the footnotes each version gives it. L
 * opens the clause's history (the history view), U where its wording was
 * adopted before (the agreed view).
 */
#include "config.h"
#include "views.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

struct clause_view {
	const struct comparison *cmp;	/* borrowed from the diff view below */
	size_t change;
	char *old_label, *new_label;
	const struct source *older, *newer;	/* borrowed from the diff view below */
};

static void
clause_layout(struct view *v, struct tui *t)
{
	struct clause_view *p = v->priv;
	const struct tui_state *st = tui_state(t);
	struct render_opts o;

	memset(&o, 0, sizeof(o));
	o.width = st->wrap ? st->cols : RENDER_NO_WRAP;
	o.markers = st->markers;
	o.ascii = !st->utf8;
	rdoc_release(&v->doc);
	rdoc_init(&v->doc);
	render_clause(p->cmp, p->change, &o, p->old_label, p->new_label, &v->doc);
}

static int
clause_request(struct view *v, struct tui *t, enum request r)
{
	struct clause_view *p = v->priv;
	const struct change *ch = &p->cmp->changes[p->change];

	switch (r) {
	case REQ_AGREED:
		/* the clause as it is now, or, deleted, as it was */
		if (ch->nnew || ch->nold) {
			const struct source *s = ch->nnew ? p->newer : p->older;
			const struct clause *cl = ch->nnew ? &p->cmp->new_->clauses[ch->new_[0]]
							  : &p->cmp->old->clauses[ch->old[0]];
			int in_repo = s && s->from_repo && s->path;

			tui_push(t, view_agreed_new(t, in_repo ? s->path : NULL, in_repo ? s->commit : NULL,
						    ch->nnew ? p->new_label : p->old_label, cl->id, cl->text));
		}
		return 1;
	case REQ_HISTORY:
		/* the clause as it is now, or, deleted, as it was */
		if (ch->nnew && p->newer && p->newer->from_repo && p->newer->path && tui_store(t))
			tui_push(t, view_history_new(t, p->newer->path, p->newer->commit,
						     p->cmp->new_->clauses[ch->new_[0]].id));
		else if (!ch->nnew && ch->nold && p->older && p->older->from_repo && p->older->path && tui_store(t))
			tui_push(t, view_history_new(t, p->older->path, p->older->commit,
						     p->cmp->old->clauses[ch->old[0]].id));
		else
			tui_message(t, 1, "history reads the versions of a series in the repository; this one is not");
		return 1;
	case REQ_AMENDMENTS:
	case REQ_AMEND_PROPOSE:
		/* amendments are made to a version kept in the repository */
		if (!p->newer || !p->newer->from_repo || !p->newer->path || !tui_store(t)) {
			tui_message(t, 1, "amendments are made to a version of the repository; this one is not");
			return 1;
		}
		if (r == REQ_AMENDMENTS)
			tui_push(t, view_amend_new(t, p->newer->path, p->newer->commit));
		else if (!ch->nnew)
			tui_message(t, 1, "this clause was deleted: there is nothing of it to amend");
		else
			amend_propose_start(t, p->newer->path, p->newer->commit, p->cmp->new_->clauses[ch->new_[0]].id);
		return 1;
	default:
		return 0;
	}
}

static void
clause_title(struct view *v, struct tui *t, struct sbuf *out)
{
	struct clause_view *p = v->priv;
	struct sbuf h = SBUF_INIT;

	(void)t;
	render_change_title(p->cmp, &p->cmp->changes[p->change], &h);
	sbuf_adds(out, "redline  clause ");
	sbuf_adds(out, sbuf_str(&h));
	sbuf_release(&h);
}

static void
clause_status(struct view *v, struct tui *t, struct sbuf *out)
{
	struct clause_view *p = v->priv;

	(void)t;
	utf8_sanitize(out, p->old_label, strlen(p->old_label), 0);
	sbuf_adds(out, " -> ");
	utf8_sanitize(out, p->new_label, strlen(p->new_label), 0);
	sbuf_printf(out, "  line %zu of %zu  (e: propose an amendment)", v->cursor + 1, v->doc.n);
}

static void
clause_free(struct view *v)
{
	struct clause_view *p = v->priv;

	free(p->old_label);
	free(p->new_label);
	free(p);
}

static const struct view_ops clause_ops = {
	"clause", KEYMAP_CLAUSE, clause_layout, clause_request, NULL, clause_status, clause_title, NULL, NULL, clause_free,
};

struct view *
view_clause_new(struct tui *t, const struct comparison *c, size_t change, const char *old_label,
		const char *new_label, const struct source *older, const struct source *newer)
{
	struct clause_view *p = xcalloc(1, sizeof(*p));

	(void)t;
	p->cmp = c;
	p->change = change;
	p->old_label = xstrdup(old_label);
	p->new_label = xstrdup(new_label);
	p->older = older;
	p->newer = newer;
	return view_new(&clause_ops, p);
}
