#include "config.h"
#include "jsonout.h"

#include <string.h>

#include "json.h"

static void
meta_object(struct json_writer *w, const struct resolution_meta *m)
{
	json_key(w, "meta");
	json_begin_object(w);
	json_member_string(w, "symbol", m->symbol);
	json_member_string(w, "title", m->title);
	json_member_string(w, "session", m->session);
	json_member_string(w, "agenda_item", m->agenda_item);
	json_member_string(w, "adopted", m->adopted);
	json_member_string(w, "committee_report", m->committee_report);
	json_member_string(w, "meeting", m->meeting);
	json_member_string(w, "language", m->language);
	json_member_string(w, "document_kind", m->document_kind);
	json_member_string(w, "distributed", m->distributed);
	json_key(w, "sponsors");
	if (m->sponsors) {
		size_t i;

		json_begin_array(w);
		for (i = 0; i < m->nsponsors; i++)
			json_string(w, m->sponsors[i]);
		json_end_array(w);
	} else {
		json_null(w);
	}
	json_key(w, "on_behalf_of");
	if (m->on_behalf_of) {
		size_t i;

		/* the sponsors that speak for a group, each with its group */
		json_begin_object(w);
		for (i = 0; i < m->nsponsors; i++)
			if (m->on_behalf_of[i])
				json_member_string(w, m->sponsors[i], m->on_behalf_of[i]);
		json_end_object(w);
	} else {
		json_null(w);
	}
	json_member_string(w, "submitted_by", m->submitted_by);
	json_end_object(w);
}

static void
clause_object(struct json_writer *w, const struct resolution *r, const struct clause *c)
{
	size_t j;

	json_begin_object(w);
	json_member_string(w, "id", c->id);
	json_member_string(w, "section", section_name(c->section));
	if (c->number) {
		json_member_string(w, "number", c->number);
	}
	if (c->parent >= 0) {
		json_member_string(w, "parent", r->clauses[c->parent].id);
	}
	json_member_string(w, "opener", c->opener);
	json_member_string(w, "text", c->text);
	json_key(w, "footnotes");
	json_begin_array(w);
	for (j = 0; j < c->nfootnotes; j++)
		json_int(w, c->footnotes[j]);
	json_end_array(w);
	json_end_object(w);
}

int
jsonout_parse(FILE *f, const struct resolution *r, const char *source)
{
	struct json_writer w;
	size_t i;

	json_writer_init(&w, f, 1);
	json_begin_object(&w);
	json_member_string(&w, "format", "redline-parse/1");
	json_member_string(&w, "source", source);
	json_key(&w, "is_resolution");
	json_bool(&w, r->is_resolution);
	meta_object(&w, &r->meta);
	json_key(&w, "clauses");
	json_begin_array(&w);
	for (i = 0; i < r->nclauses; i++)
		clause_object(&w, r, &r->clauses[i]);
	json_end_array(&w);
	json_key(&w, "footnotes");
	json_begin_array(&w);
	for (i = 0; i < r->nfootnotes; i++) {
		json_begin_object(&w);
		json_member_int(&w, "number", r->footnotes[i].number);
		json_member_string(&w, "text", r->footnotes[i].text);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	return json_writer_finish(&w);
}

static void
side_object(struct json_writer *w, const char *key, const struct resolution *r, const char *source)
{
	json_key(w, key);
	json_begin_object(w);
	json_member_string(w, "source", source);
	json_member_string(w, "symbol", r->meta.symbol);
	json_member_int(w, "clauses", (long long)r->nclauses);
	json_end_object(w);
}

static void
ids_array(struct json_writer *w, const struct resolution *r, const size_t *idx, size_t n)
{
	size_t i;

	json_begin_array(w);
	for (i = 0; i < n; i++)
		json_string(w, r->clauses[idx[i]].id);
	json_end_array(w);
}

static void
words_array(struct json_writer *w, const struct wscript *ws)
{
	size_t i;
	static const char *const ops[] = { "=", "-", "+" };

	json_begin_array(w);
	for (i = 0; i < ws->n; i++) {
		json_begin_array(w);
		json_string(w, ops[ws->v[i].kind]);
		json_string_n(w, ws->v[i].s, ws->v[i].len);
		if (ws->v[i].typo)
			json_string(w, "typography");
		json_end_array(w);
	}
	json_end_array(w);
}

static void
hedges_object(struct json_writer *w, unsigned added, unsigned removed)
{
	size_t i;

	json_key(w, "hedges");
	json_begin_object(w);
	json_key(w, "added");
	json_begin_array(w);
	for (i = 0; i < verbs_hedge_count(); i++)
		if (added & (1u << i))
			json_string(w, verbs_hedge_name(i));
	json_end_array(w);
	json_key(w, "removed");
	json_begin_array(w);
	for (i = 0; i < verbs_hedge_count(); i++)
		if (removed & (1u << i))
			json_string(w, verbs_hedge_name(i));
	json_end_array(w);
	json_end_object(w);
}

static void
change_object(struct json_writer *w, const struct comparison *c, const struct change *ch)
{
	json_begin_object(w);
	json_member_string(w, "kind", change_kind_name(ch->kind));
	json_key(w, "old");
	ids_array(w, c->old, ch->old, ch->nold);
	json_key(w, "new");
	ids_array(w, c->new_, ch->new_, ch->nnew);
	json_key(w, "moved");
	json_bool(w, ch->moved);
	json_key(w, "renumbered");
	json_bool(w, ch->renumbered);
	if (ch->kind == CHANGE_MODIFIED || ch->kind == CHANGE_SPLIT || ch->kind == CHANGE_MERGED) {
		json_key(w, "similarity");
		json_double(w, ch->similarity);
		if (ch->verb_changed) {
			json_key(w, "verb");
			json_begin_object(w);
			json_member_string(w, "old", ch->old_opener);
			json_member_string(w, "new", ch->new_opener);
			json_member_string(w, "shift", verbs_shift_name(ch->shift));
			json_end_object(w);
		}
		if (ch->hedges_added || ch->hedges_removed)
			hedges_object(w, ch->hedges_added, ch->hedges_removed);
		json_key(w, "words");
		words_array(w, &ch->words);
	}
	json_end_object(w);
}

void
jsonout_summary(struct json_writer *w, const struct compare_summary *s)
{
	json_key(w, "summary");
	json_begin_object(w);
#define F(name) json_key(w, #name); json_int(w, (long long)s->name)
	F(unchanged); F(modified); F(inserted); F(deleted); F(moved); F(renumbered); F(split); F(merged);
	F(stronger); F(weaker);
#undef F
	/* the openers that changed by the other values of "shift"; added, so
	 * the four shifts are all counted */
	json_key(w, "same");
	json_int(w, (long long)s->verbs_same);
	json_key(w, "unknown");
	json_int(w, (long long)s->verbs_unknown);
	/* of the modified clauses, those --ignore-typography would not show */
	json_key(w, "typography_only");
	json_int(w, (long long)s->typography_only);
	json_end_object(w);
}

static void
footnote_changes(struct json_writer *w, const struct comparison *c)
{
	size_t i;

	json_key(w, "footnotes");
	json_begin_array(w);
	for (i = 0; i < c->nfootnotes; i++) {
		const struct footnote_change *fc = &c->footnotes[i];

		json_begin_object(w);
		json_member_string(w, "kind", change_kind_name(fc->kind));
		json_key(w, "old");
		if (fc->old_number)
			json_int(w, fc->old_number);
		else
			json_null(w);
		json_key(w, "new");
		if (fc->new_number)
			json_int(w, fc->new_number);
		else
			json_null(w);
		if (fc->kind == CHANGE_MODIFIED) {
			json_key(w, "words");
			words_array(w, &fc->words);
		} else {
			const struct footnote *fn = fc->new_number ? resolution_footnote(c->new_, fc->new_number)
								   : resolution_footnote(c->old, fc->old_number);
			json_member_string(w, "text", fn ? fn->text : NULL);
		}
		json_end_object(w);
	}
	json_end_array(w);
}

/* What a diff and its --stat share: the format, both sides, the summary. */
static void
diff_head(struct json_writer *w, FILE *f, const struct comparison *c, const char *old_source,
	  const char *new_source)
{
	json_writer_init(w, f, 1);
	json_begin_object(w);
	json_member_string(w, "format", "redline-diff/1");
	side_object(w, "old", c->old, old_source);
	side_object(w, "new", c->new_, new_source);
	jsonout_summary(w, &c->sum);
}

int
jsonout_diff(FILE *f, const struct comparison *c, const char *old_source, const char *new_source)
{
	struct json_writer w;
	size_t i;

	diff_head(&w, f, c, old_source, new_source);
	json_key(&w, "meta");
	json_begin_array(&w);
	for (i = 0; i < c->nmeta; i++) {
		json_begin_object(&w);
		json_member_string(&w, "field", c->meta[i].field);
		json_member_string(&w, "old", c->meta[i].old);
		json_member_string(&w, "new", c->meta[i].new_);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_key(&w, "changes");
	json_begin_array(&w);
	for (i = 0; i < c->nchanges; i++)
		change_object(&w, c, &c->changes[i]);
	json_end_array(&w);
	footnote_changes(&w, c);
	json_end_object(&w);
	return json_writer_finish(&w);
}

int
jsonout_diff_stat(FILE *f, const struct comparison *c, const char *old_source, const char *new_source)
{
	struct json_writer w;

	diff_head(&w, f, c, old_source, new_source);
	json_end_object(&w);
	return json_writer_finish(&w);
}
