/*
 * The amend command: amendments to a draft and paragraph statuses, kept
 * by amendments.h, with the rules of amend.h.
 */
#include "config.h"
#include "cmds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "amend.h"
#include "amendoc.h"
#include "amendments.h"
#include "compare.h"
#include "docxout.h"
#include "editor.h"
#include "export.h"
#include "htmlout.h"
#include "input.h"
#include "json.h"
#include "jsonout.h"
#include "out.h"
#include "parse.h"
#include "redoc.h"
#include "sbuf.h"
#include "textout.h"
#include "utf8.h"

/* who makes a change: --author, else the git identity (store.h) */
static int
who_from(struct cli *c, struct store_who *who, char **name, char **email)
{
	memset(who, 0, sizeof(*who));
	*name = *email = NULL;
	if (!c->import_author)
		return 0;
	if (cli_parse_author(c->import_author, name, email) < 0) {
		cli_usage_error(c, "bad --author: '%s' (NAME <EMAIL>)", c->import_author);
		return -1;
	}
	who->name = *name;
	who->email = *email;
	return 0;
}

/* The draft an amendment or a status is for: --draft, else the series'
 * latest version; its text as stored (raw) and as parsed. */
struct draft {
	char *path;
	char commit[STORE_OID_HEX];
	char *raw;
	size_t raw_len;
	struct resolution res;
};

static void
draft_release(struct draft *d)
{
	free(d->path);
	free(d->raw);
	resolution_release(&d->res);
	memset(d, 0, sizeof(*d));
}

static int
read_draft(struct store *s, const char *path, const char *commit, struct draft *d)
{
	struct rl_error err;

	memset(d, 0, sizeof(*d));
	resolution_init(&d->res);
	d->path = xstrdup(path);
	memcpy(d->commit, commit, STORE_OID_HEX);
	if (store_read(s, commit, path, &d->raw, &d->raw_len, &err) < 0 ||
	    parse_resolution(d->raw, d->raw_len, path, &d->res, &err) < 0) {
		cli_error(&err);
		/* nothing kept on failure: amend status and compile return at
		 * once (a draft that is a link, a folder, a submodule) */
		draft_release(d);
		resolution_init(&d->res);
		return -1;
	}
	return 0;
}

static int
load_draft(struct cli *c, struct store *s, struct draft *d)
{
	struct rl_error err;
	char commit[STORE_OID_HEX], *path = NULL, *series = NULL;
	int rc;

	/* released by the caller whatever happens */
	memset(d, 0, sizeof(*d));
	resolution_init(&d->res);

	if (c->draft) {
		if (store_resolve(s, c->draft, c->repo.path, commit, &path, &err) < 0)
			return cli_error(&err);
	} else {
		if (cli_series(c, &series) < 0)
			return -1;
		if (store_latest(s, series, commit, &err) < 0) {
			free(series);
			return cli_error(&err);
		}
		path = series;
	}
	rc = read_draft(s, path, commit, d);
	free(path);
	return rc;
}

/* an id as people see it: its first 8 digits (a copy per call, so two
 * can be in one message) */
struct short_id {
	char s[9];
};

static struct short_id
short_id(const char *id)
{
	struct short_id r;

	snprintf(r.s, sizeof(r.s), "%.8s", id);
	return r;
}

static void
list_words(struct sbuf *out, char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sbuf_printf(out, "%s%s", i ? ", " : "", v[i]);
}

/* what the amendment does, in a few words: "replace OP5", "insert after OP5" */
static void
what_it_does(struct sbuf *out, const struct amendment *a)
{
	if (a->action == AMEND_INSERT)
		sbuf_printf(out, "insert after %s", a->clauses[0]);
	else if (a->action == AMEND_WORDS) {
		if (a->text && *a->text)
			sbuf_printf(out, "replace \"%s\" with \"%s\" in ", a->find, a->text);
		else
			sbuf_printf(out, "delete \"%s\" in ", a->find);
		list_words(out, a->clauses, a->nclauses);
	} else {
		sbuf_printf(out, "%s ", amend_action_word(a->action));
		list_words(out, a->clauses, a->nclauses);
	}
}

/* Every readable amendment; those that cannot be read are said in one
 * warning and left out. */
static int
list_amendments(struct store *s, struct amend_entry **e, size_t *n)
{
	struct rl_error err, why;
	size_t unreadable;

	if (amend_store_list_checked(s, e, n, &unreadable, &why, &err) < 0)
		return cli_error(&err);
	if (unreadable)
		out_error("warning: %zu amendment%s cannot be read and %s left out (%s)", unreadable,
			  unreadable == 1 ? "" : "s", unreadable == 1 ? "is" : "are", why.msg);
	return 0;
}

/*
 * propose
 */

static int
read_text_file(const char *file, char **text)
{
	struct rl_error err;
	size_t len;

	if (read_file(file, text, &len, &err) < 0)
		return cli_error(&err);
	if (!utf8_valid(*text, len, NULL) || memchr(*text, '\0', len)) {
		free(*text);
		*text = NULL;
		out_error("'%s' is not UTF-8 text", file);
		return -1;
	}
	return 0;
}

/* the clause's text in an editor: 0 with *text; 1 when there is nothing
 * to propose (said), -1 trouble (said) */
static int
edit_text(const struct clause *cl, char **text)
{
	struct sbuf why = SBUF_INIT;
	int r = editor_edit(cl ? cl->text : "", NULL, NULL, text, &why);

	if (r < 0)
		out_error("%s%s", why.buf, strstr(why.buf, "no editor") ? ", or give --text-file" : "");
	else if (r > 0)
		out_error("%s: nothing proposed", why.buf);
	sbuf_release(&why);
	return r;
}

/* "op5, OP6" as clause ids of the draft, each checked */
static int
clauses_of(struct cli *c, const struct draft *d, const char *list, struct amendment *a)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");
		char *one = xstrndup(p, n), *t = one;
		const struct clause *cl;

		while (*t == ' ')
			t++;
		while (*t && t[strlen(t) - 1] == ' ')
			t[strlen(t) - 1] = '\0';
		cl = amend_find_clause(&d->res, t, NULL);
		if (!cl) {
			out_error("there is no %s in %s of %s", *t ? t : "(empty)", short_id(d->commit).s, d->path);
			free(one);
			return -1;
		}
		a->clauses = xrealloc(a->clauses, (a->nclauses + 1) * sizeof(*a->clauses));
		a->clauses[a->nclauses++] = xstrdup(cl->id);
		free(one);
		p += n;
		if (*p == ',')
			p++;
	}
	if (!a->nclauses)
		return cli_usage_error(c, "--clause names no clause");
	return 0;
}

/* The spaces at the ends of s taken off, in one pass each (a file of blank
 * lines is long; a byte at a time, its trimming took minutes). */
static void
trim_spaces(char *s)
{
	size_t len = strlen(s), lead = strspn(s, " ");

	while (len > lead && s[len - 1] == ' ')
		len--;
	memmove(s, s + lead, len - lead);
	s[len - lead] = '\0';
}

static int
amend_propose(struct cli *c, struct store *s)
{
	struct amendment a;
	struct draft d;
	struct store_who who;
	struct rl_error err;
	char id[STORE_OID_HEX], *name = NULL, *email = NULL, *text = NULL;
	struct sbuf what = SBUF_INIT, check = SBUF_INIT;
	size_t i;
	int rc = CLI_TROUBLE, r;

	memset(&a, 0, sizeof(a));
	memset(&d, 0, sizeof(d));
	if (c->nargs != 1)
		return cli_usage_error(c, "amend propose takes no operands: the text comes with --text-file or --editor");
	if (!c->nsponsors)
		return cli_usage_error(c, "amend propose needs --sponsor NAME");
	if (!!c->after + !!c->delete_ > 1 || (!c->clause && !c->after) || (c->clause && c->after))
		return cli_usage_error(c, "amend propose takes --clause (to replace, or with --delete) or --after (to insert)");
	if (c->delete_ && (c->text_file || c->editor))
		return cli_usage_error(c, "a deletion has no text");
	if (!c->delete_ && !!c->text_file + !!c->editor != 1)
		return cli_usage_error(c, "the proposed text comes from --text-file FILE or --editor (one of them)");
	for (i = 0; i < c->nsponsors; i++)
		if (!amend_valid_name(c->sponsors[i], AMEND_SPONSOR_MAX))
			return cli_usage_error(c, "bad sponsor name: '%s' (one line of text, at most 200 bytes)", c->sponsors[i]);
	if (c->rationale && !amend_valid_name(c->rationale, AMEND_RATIONALE_MAX))
		return cli_usage_error(c, "bad rationale: one line of text, at most 2000 bytes");
	if (who_from(c, &who, &name, &email) < 0)
		return CLI_TROUBLE;
	if (load_draft(c, s, &d) < 0)
		goto out;
	a.series = xstrdup(d.path);
	a.draft = xstrdup(d.commit);
	a.symbol = d.res.meta.symbol ? xstrdup(d.res.meta.symbol) : NULL;
	a.action = c->delete_ ? AMEND_DELETE : c->after ? AMEND_INSERT : AMEND_REPLACE;
	if (clauses_of(c, &d, c->after ? c->after : c->clause, &a) < 0)
		goto out;
	if (a.action != AMEND_DELETE && a.nclauses != 1) {
		cli_usage_error(c, "a replacement or an insertion names one clause");
		goto out;
	}
	for (i = 0; i < c->nsponsors; i++) {
		a.sponsors = xrealloc(a.sponsors, (a.nsponsors + 1) * sizeof(*a.sponsors));
		a.sponsors[a.nsponsors++] = xstrdup(c->sponsors[i]);
	}
	a.rationale = c->rationale ? xstrdup(c->rationale) : NULL;
	if (a.action != AMEND_DELETE) {
		if (c->text_file)
			r = read_text_file(c->text_file, &text);
		else
			r = edit_text(a.action == AMEND_REPLACE ? amend_find_clause(&d.res, a.clauses[0], NULL) : NULL,
				      &text);
		if (r != 0)
			goto out;
		/* one paragraph: its lines joined */
		for (i = 0; text[i]; i++)
			if (text[i] == '\n' || text[i] == '\r' || text[i] == '\t')
				text[i] = ' ';
		if (strspn(text, " ") == strlen(text)) {
			out_error("the proposed text is empty: nothing proposed");
			goto out;
		}
		a.text = text;
		text = NULL;
		trim_spaces(a.text);
		if (strlen(a.text) > AMEND_TEXT_MAX) {
			out_error("the proposed text is %zu bytes long; at most %d (1 MB): nothing proposed", strlen(a.text),
				  AMEND_TEXT_MAX);
			goto out;
		}
		if (!amend_valid_name(a.text, AMEND_TEXT_MAX)) {
			out_error("the proposed text holds control characters: nothing proposed");
			goto out;
		}
	}
	/* it must apply to the draft as it is */
	if (amend_apply_text(d.raw, d.raw_len, &d.res, &a, &check, &err) < 0) {
		cli_error(&err);
		goto out;
	}
	r = amend_store_propose(s, &a, &who, id, &err);
	if (r < 0) {
		cli_error(&err);
		goto out;
	}
	what_it_does(&what, &a);
	if (c->format == FORMAT_JSON) {
		struct json_writer w;

		json_writer_init(&w, stdout, 1);
		json_begin_object(&w);
		json_member_string(&w, "format", "redline-amend/1");
		json_member_string(&w, "id", id);
		json_member_string(&w, "result", r == 1 ? "exists" : "proposed");
		json_end_object(&w);
		rc = cli_finish_output(json_writer_finish(&w)) < 0 ? CLI_TROUBLE : 0;
	} else {
		struct sbuf sp = SBUF_INIT;

		list_words(&sp, a.sponsors, a.nsponsors);
		out_line(stdout, "%s %s: %s of %s (%s), by %s", r == 1 ? "already proposed" : "proposed", short_id(id).s,
			 what.buf, a.symbol ? a.symbol : short_id(a.draft).s, a.series, sp.buf);
		sbuf_release(&sp);
		rc = cli_finish_output(0) < 0 ? CLI_TROUBLE : 0;
	}
out:
	sbuf_release(&what);
	sbuf_release(&check);
	amendment_release(&a);
	draft_release(&d);
	free(text);
	free(name);
	free(email);
	return rc;
}

/*
 * list, show
 */

static int
has_clause(const struct amendment *a, const char *clause)
{
	size_t i;

	for (i = 0; i < a->nclauses; i++)
		if (strcasecmp(a->clauses[i], clause) == 0)
			return 1;
	return 0;
}

static int
has_name(char **v, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcasecmp(v[i], name) == 0)
			return 1;
	return 0;
}

static void
json_amendment(struct json_writer *w, const struct amend_entry *e, int events)
{
	size_t i;
	char date[11];

	json_begin_object(w);
	json_member_string(w, "id", e->id);
	json_member_string(w, "series", e->a.series);
	json_member_string(w, "draft", e->a.draft);
	json_member_string(w, "symbol", e->a.symbol);
	json_member_string(w, "action", amend_action_word(e->a.action));
	json_key(w, "clauses");
	json_begin_array(w);
	for (i = 0; i < e->a.nclauses; i++)
		json_string(w, e->a.clauses[i]);
	json_end_array(w);
	json_key(w, "sponsors");
	json_begin_array(w);
	for (i = 0; i < e->st.nsponsors; i++)
		json_string(w, e->st.sponsors[i]);
	json_end_array(w);
	json_member_string(w, "status", amend_status_word(e->st.status));
	json_member_string(w, "applied", e->st.applied);
	store_format_date(e->events[0].time, e->events[0].tz_minutes, date);
	json_member_string(w, "date", date);
	json_member_string(w, "rationale", e->a.rationale);
	json_member_string(w, "text", e->a.text);
	if (events) {
		json_key(w, "events");
		json_begin_array(w);
		for (i = 0; i < e->nevents; i++) {
			json_begin_object(w);
			json_member_string(w, "commit", e->events[i].commit);
			json_member_string(w, "by", e->events[i].who);
			json_member_int(w, "time", e->events[i].time);
			json_key(w, "event");
			json_string_n(w, e->events[i].message, strcspn(e->events[i].message, "\n"));
			json_key(w, "effective");
			json_bool(w, !e->ignored[i]);
			json_end_object(w);
		}
		json_end_array(w);
	}
	json_end_object(w);
}

static int
amend_list(struct cli *c, struct store *s)
{
	struct amend_entry *e;
	enum amend_status want = AMEND_PROPOSED;
	char *series = NULL;
	size_t n, i, shown = 0;
	int rc = CLI_TROUBLE, written = 0;
	struct json_writer w;

	if (c->nargs != 1)
		return cli_usage_error(c, "amend list takes no operands");
	if (c->status && amend_status_from_word(c->status, &want) < 0)
		return cli_usage_error(c, "unknown status '%s' (proposed, accepted, rejected or withdrawn)", c->status);
	if (c->repo.path)
		series = xstrdup(c->repo.path);
	if (list_amendments(s, &e, &n) < 0) {
		free(series);
		return CLI_TROUBLE;
	}
	if (c->format == FORMAT_JSON) {
		json_writer_init(&w, stdout, 1);
		json_begin_object(&w);
		json_member_string(&w, "format", "redline-amendments/1");
		json_key(&w, "amendments");
		json_begin_array(&w);
	}
	for (i = 0; i < n; i++) {
		struct sbuf what = SBUF_INIT, sp = SBUF_INIT;
		char date[11];

		if ((c->status && e[i].st.status != want) || (c->clause && !has_clause(&e[i].a, c->clause)) ||
		    (series && strcmp(series, e[i].a.series) != 0))
			continue;
		if (c->nsponsors && !has_name(e[i].st.sponsors, e[i].st.nsponsors, c->sponsors[0]))
			continue;
		shown++;
		if (c->format == FORMAT_JSON) {
			json_amendment(&w, &e[i], 0);
			continue;
		}
		what_it_does(&what, &e[i].a);
		list_words(&sp, e[i].st.sponsors, e[i].st.nsponsors);
		store_format_date(e[i].events[0].time, e[i].events[0].tz_minutes, date);
		out_line(stdout, "%s  %-9s  %-22s  %s  %s  %s", short_id(e[i].id).s, amend_status_word(e[i].st.status),
			 what.buf, date, e[i].a.symbol ? e[i].a.symbol : short_id(e[i].a.draft).s, sp.buf);
		sbuf_release(&what);
		sbuf_release(&sp);
	}
	if (c->format == FORMAT_JSON) {
		json_end_array(&w);
		json_end_object(&w);
		written = json_writer_finish(&w);
	} else if (!shown) {
		out_error("no amendments%s", n ? " match" : " yet");
	}
	rc = cli_finish_output(written) < 0 ? CLI_TROUBLE : 0;
	amend_entries_free(e, n);
	free(series);
	return rc;
}

static int
load_entry(struct store *s, const char *prefix, struct amend_entry *e)
{
	struct rl_error err;
	char id[STORE_OID_HEX];

	if (amend_store_resolve(s, prefix, id, &err) < 0 || amend_store_load(s, id, e, &err) < 0)
		return cli_error(&err);
	return 0;
}

static int
amend_show(struct cli *c, struct store *s)
{
	struct amend_entry e;
	struct draft d;
	struct rl_error err;
	struct resolution after;
	struct comparison cmp;
	struct sbuf text = SBUF_INIT, what = SBUF_INIT, sp = SBUF_INIT;
	struct textout_opts to;
	size_t i;
	int rc = CLI_TROUBLE, have_cmp = 0, written;

	if (c->nargs != 2)
		return cli_usage_error(c, "amend show takes one ID");
	if (load_entry(s, c->args[1], &e) < 0)
		return CLI_TROUBLE;
	resolution_init(&after);
	if (read_draft(s, e.a.series, e.a.draft, &d) < 0)
		goto out;
	if (amend_apply_text(d.raw, d.raw_len, &d.res, &e.a, &text, &err) < 0 ||
	    parse_resolution(text.buf, text.len, e.a.series, &after, &err) < 0) {
		cli_error(&err);
		goto out;
	}
	compare_resolutions(&d.res, &after, c->compare_flags, &cmp);
	have_cmp = 1;
	if (c->format == FORMAT_JSON) {
		struct json_writer w;

		json_writer_init(&w, stdout, 1);
		json_begin_object(&w);
		json_member_string(&w, "format", "redline-amendment/1");
		json_key(&w, "amendment");
		json_amendment(&w, &e, 1);
		json_end_object(&w);
		written = json_writer_finish(&w);
		rc = cli_finish_output(written) < 0 ? CLI_TROUBLE : 0;
		goto out;
	}
	what_it_does(&what, &e.a);
	list_words(&sp, e.st.sponsors, e.st.nsponsors);
	if (e.st.applied)
		out_line(stdout, "amendment %s  %s, applied in %.7s", e.id, amend_status_word(e.st.status), e.st.applied);
	else
		out_line(stdout, "amendment %s  %s", e.id, amend_status_word(e.st.status));
	out_line(stdout, "%s of %s (%s)", what.buf, e.a.symbol ? e.a.symbol : short_id(e.a.draft).s, e.a.series);
	out_line(stdout, "sponsors: %s", sp.buf);
	if (e.a.rationale)
		out_line(stdout, "rationale: %s", e.a.rationale);
	for (i = 0; i < e.nevents; i++) {
		char date[11];
		size_t n = strcspn(e.events[i].message, "\n");

		store_format_date(e.events[i].time, e.events[i].tz_minutes, date);
		out_line(stdout, "  %s  %.*s  %s%s", date, (int)(i == 0 ? strlen("propose") : n), e.events[i].message,
			 e.events[i].who, e.ignored[i] ? "  (no effect: made at once with another change)" : "");
	}
	out_line(stdout, "%s", "");
	memset(&to, 0, sizeof(to));
	to.color = c->color;
	to.width = c->width;
	written = textout_diff(stdout, &cmp, &to);
	rc = cli_finish_output(written) < 0 ? CLI_TROUBLE : 0;
out:
	if (have_cmp)
		comparison_release(&cmp);
	resolution_release(&after);
	draft_release(&d);
	amend_entry_release(&e);
	sbuf_release(&text);
	sbuf_release(&what);
	sbuf_release(&sp);
	return rc;
}

/*
 * accept, reject, withdraw, reopen, cosponsor
 */

static int
amend_event(struct cli *c, struct store *s, enum amend_event_kind kind)
{
	struct amend_entry e;
	struct amend_event ev;
	struct store_who who;
	struct rl_error err;
	char *name = NULL, *email = NULL;
	int rc = CLI_TROUBLE, r, attempt;

	if (kind == AEV_COSPONSOR ? c->nargs != 3 : c->nargs != 2)
		return cli_usage_error(c, kind == AEV_COSPONSOR ? "amend cosponsor takes an ID and a NAME"
								: "amend %s takes one ID", amend_event_word(kind));
	if (kind == AEV_COSPONSOR && !amend_valid_name(c->args[2], AMEND_SPONSOR_MAX))
		return cli_usage_error(c, "bad sponsor name: '%s' (one line of text, at most 200 bytes)", c->args[2]);
	if (who_from(c, &who, &name, &email) < 0)
		return CLI_TROUBLE;
	memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	if (kind == AEV_COSPONSOR) {
		ev.arg = c->args[2];
		ev.arg_len = strlen(c->args[2]);
	}
	/* a cosponsor joins whatever else happened meanwhile; a status change
	 * was decided on the status it saw, so it is not made again on another */
	for (attempt = 0; attempt < 20; attempt++) {
		if (load_entry(s, c->args[1], &e) < 0)
			goto out;
		r = amend_store_event(s, &e, &ev, &who, &err);
		if (r < 0) {
			out_error("amendment %s: cannot %s: %s", short_id(e.id).s, amend_event_word(kind), err.msg);
			amend_entry_release(&e);
			goto out;
		}
		if (r == 0) {
			struct amend_entry now;

			if (amend_store_load(s, e.id, &now, &err) == 0) {
				out_line(stdout, "amendment %s: %s", short_id(e.id).s,
					 kind == AEV_COSPONSOR ? "cosponsor added" : amend_status_word(now.st.status));
				amend_entry_release(&now);
			}
			amend_entry_release(&e);
			rc = cli_finish_output(0) < 0 ? CLI_TROUBLE : 0;
			goto out;
		}
		if (kind != AEV_COSPONSOR) {
			struct amend_entry now;

			if (amend_store_load(s, e.id, &now, &err) == 0) {
				out_error("amendment %s was changed by %s meanwhile (now %s): not %s; look at it again",
					  short_id(e.id).s, now.events[now.nevents - 1].who, amend_status_word(now.st.status),
					  kind == AEV_REOPEN ? "reopened" : amend_status_word(kind == AEV_ACCEPT ? AMEND_ACCEPTED
								: kind == AEV_REJECT ? AMEND_REJECTED : AMEND_WITHDRAWN));
				amend_entry_release(&now);
			}
			amend_entry_release(&e);
			goto out;
		}
		amend_entry_release(&e);
	}
	out_error("amendment %s kept changing; try again", c->args[1]);
out:
	free(name);
	free(email);
	return rc;
}

/*
 * status
 */

static int
amend_status(struct cli *c, struct store *s)
{
	struct draft d;
	struct store_who who;
	struct rl_error err;
	char *name = NULL, *email = NULL;
	int rc = CLI_TROUBLE;

	if (c->nargs != 1 && c->nargs != 3)
		return cli_usage_error(c, "amend status takes a CLAUSE and a STATUS, or nothing to list them");
	if (load_draft(c, s, &d) < 0)
		return CLI_TROUBLE;
	if (c->nargs == 1) {
		struct para_entry *p;
		size_t n, i, k;
		struct json_writer w;
		int written = 0;

		if (para_store_list(s, d.commit, &p, &n, &err) < 0) {
			cli_error(&err);
			goto out;
		}
		if (c->format == FORMAT_JSON) {
			json_writer_init(&w, stdout, 1);
			json_begin_object(&w);
			json_member_string(&w, "format", "redline-status/1");
			json_member_string(&w, "draft", d.commit);
			json_member_string(&w, "path", d.path);
			json_key(&w, "clauses");
			json_begin_array(&w);
		}
		/* in the draft's order, every clause, pending when nobody said */
		for (k = 0; k < d.res.nclauses; k++) {
			const struct clause *cl = &d.res.clauses[k];
			const struct para_entry *pe = NULL;
			char date[11] = "";

			if (cl->section != SEC_PREAMBLE && cl->section != SEC_OPERATIVE)
				continue;
			for (i = 0; i < n; i++)
				if (strcmp(p[i].clause, cl->id) == 0)
					pe = &p[i];
			if (pe && pe->nevents)
				store_format_date(pe->events[pe->nevents - 1].time, pe->events[pe->nevents - 1].tz_minutes, date);
			if (c->format == FORMAT_JSON) {
				json_begin_object(&w);
				json_member_string(&w, "clause", cl->id);
				json_member_string(&w, "status", para_status_word(pe ? pe->status : PARA_PENDING));
				json_member_string(&w, "by", pe && pe->nevents ? pe->events[pe->nevents - 1].who : NULL);
				json_member_string(&w, "date", *date ? date : NULL);
				json_end_object(&w);
			} else {
				out_line(stdout, "%-8s %-14s %s%s%s", cl->id, para_status_word(pe ? pe->status : PARA_PENDING),
					 date, *date ? "  " : "", pe && pe->nevents ? pe->events[pe->nevents - 1].who : "");
			}
		}
		if (c->format == FORMAT_JSON) {
			json_end_array(&w);
			json_end_object(&w);
			written = json_writer_finish(&w);
		}
		para_entries_free(p, n);
		rc = cli_finish_output(written) < 0 ? CLI_TROUBLE : 0;
		goto out;
	}
	{
		const struct clause *cl = amend_find_clause(&d.res, c->args[1], NULL);
		struct para_entry pe;
		enum para_status to;
		int r;

		if (!cl) {
			out_error("there is no %s in %s of %s", c->args[1], short_id(d.commit).s, d.path);
			goto out;
		}
		if (para_status_from_word(c->args[2], &to) < 0) {
			cli_usage_error(c, "unknown paragraph status '%s' (pending, agreed or agreed-ad-ref)", c->args[2]);
			goto out;
		}
		if (who_from(c, &who, &name, &email) < 0)
			goto out;
		r = para_store_load(s, d.commit, cl->id, &pe, &err);
		if (r < 0) {
			cli_error(&err);
			goto out;
		}
		r = para_store_set(s, d.commit, &pe, to, &who, &err);
		if (r < 0)
			cli_error(&err);
		else if (r == 1)
			out_error("the status of %s was changed by someone else meanwhile: not set; look at it again", cl->id);
		else
			out_line(stdout, "%s: %s", cl->id, para_status_word(to));
		store_events_free(pe.events, pe.nevents);
		if (r == 0)
			rc = cli_finish_output(0) < 0 ? CLI_TROUBLE : 0;
	}
out:
	draft_release(&d);
	free(name);
	free(email);
	return rc;
}

/*
 * Amendments carried to the draft they are compiled for or applied to
 */

/* what the draft an amendment was written for is called */
static const char *
draft_name(const struct amendment *a, struct short_id *buf)
{
	*buf = short_id(a->draft);
	return a->symbol ? a->symbol : buf->s;
}

/*
 * compile: the draft with, under each clause, its status and the open
 * amendments on it
 */

struct compiled {
	const struct amend_entry *e;
	struct amendment placed;	/* where it is on the draft (for review too) */
	int review;
	struct rl_error why;
};

static int
open_amendment(const struct amend_entry *e)
{
	return e->st.status == AMEND_PROPOSED || (e->st.status == AMEND_ACCEPTED && !e->st.applied);
}

static void
text_amendment(const struct compiled *m, const struct draft *d)
{
	struct sbuf sp = SBUF_INIT, what = SBUF_INIT;
	const struct amendment *a = m->review ? &m->e->a : &m->placed;

	list_words(&sp, m->e->st.sponsors, m->e->st.nsponsors);
	what_it_does(&what, a);
	out_line(stdout, "    %s %s  %s  %s: %s", m->review ? "!" : ">", short_id(m->e->id).s,
		 amend_status_word(m->e->st.status), sp.buf, what.buf);
	if (strcmp(m->e->a.draft, d->commit) != 0) {
		struct sbuf was = SBUF_INIT;
		struct short_id buf;

		list_words(&was, m->e->a.clauses, m->e->a.nclauses);
		out_line(stdout, "        proposed for %s as %s%s%s", draft_name(&m->e->a, &buf), was.buf,
			 m->review ? "; needs review: " : "", m->review ? m->why.msg : "");
		sbuf_release(&was);
	}
	if (a->text)
		out_line(stdout, "        %s", a->text);
	sbuf_release(&sp);
	sbuf_release(&what);
}

static void
json_compiled(struct json_writer *w, const struct compiled *m, const struct draft *d)
{
	const struct amendment *a = m->review ? &m->e->a : &m->placed;
	size_t i;

	json_begin_object(w);
	json_member_string(w, "id", m->e->id);
	json_member_string(w, "status", amend_status_word(m->e->st.status));
	json_member_string(w, "action", amend_action_word(a->action));
	json_key(w, "clauses");
	json_begin_array(w);
	for (i = 0; i < a->nclauses; i++)
		json_string(w, a->clauses[i]);
	json_end_array(w);
	json_key(w, "sponsors");
	json_begin_array(w);
	for (i = 0; i < m->e->st.nsponsors; i++)
		json_string(w, m->e->st.sponsors[i]);
	json_end_array(w);
	json_member_string(w, "text", a->text);
	if (strcmp(m->e->a.draft, d->commit) != 0) {
		json_key(w, "proposed_for");
		json_begin_object(w);
		json_member_string(w, "draft", m->e->a.draft);
		json_member_string(w, "symbol", m->e->a.symbol);
		json_key(w, "clauses");
		json_begin_array(w);
		for (i = 0; i < m->e->a.nclauses; i++)
			json_string(w, m->e->a.clauses[i]);
		json_end_array(w);
		json_end_object(w);
	}
	json_key(w, "needs_review");
	json_bool(w, m->review);
	json_member_string(w, "why", m->review ? m->why.msg : NULL);
	json_end_object(w);
}

/* the open amendments of the series, each placed on draft d */
static int
compile_amendments(struct store *s, const struct draft *d, struct amend_placing **p, struct amend_entry **e,
		   size_t *ne, struct compiled **out, size_t *n)
{
	size_t i;

	*out = NULL;
	*n = 0;
	*p = amend_placing_new(s, d->path, d->commit, d->raw, d->raw_len, &d->res);
	if (list_amendments(s, e, ne) < 0)
		return -1;
	*out = xcalloc(*ne + 1, sizeof(**out));
	for (i = 0; i < *ne; i++) {
		struct compiled *m = &(*out)[*n];
		int r;

		if (strcmp((*e)[i].a.series, d->path) != 0 || !open_amendment(&(*e)[i]))
			continue;
		m->e = &(*e)[i];
		r = amend_place(*p, &(*e)[i].a, &m->placed, &m->why);
		if (r < 0)
			return cli_error(&m->why);
		m->review = r == 1;
		(*n)++;
	}
	return 0;
}

static void
compiled_free(struct compiled *m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		amendment_release(&m[i].placed);
	free(m);
}

/* whether m concerns clause id of the draft (for one needing review too:
 * where its clause is now) */
static int
concerns(const struct compiled *m, const char *id)
{
	return has_clause(&m->placed, id);
}

/*
 * The compilation as a document to circulate: the draft with each open
 * amendment's change tracked under its sponsors' name, and beside each
 * clause its negotiation status and the amendments to it.
 */
struct compile_doc {
	const struct draft *d;
	const struct compiled *m;
	size_t n;
	const size_t *shown;	/* a paragraph's source: an index into m */
	const struct para_entry *pe;
	size_t npe;
	struct sbuf author, note;
};

static const char *
compile_author(const struct rpara *p, void *arg)
{
	struct compile_doc *cd = arg;
	const struct compiled *m;

	if (p->source < 0)
		return NULL;
	m = &cd->m[cd->shown[p->source]];
	sbuf_reset(&cd->author);
	list_words(&cd->author, m->e->st.sponsors, m->e->st.nsponsors);
	return cd->author.buf;
}

/* the draft clause a paragraph shows, or NULL (a proposed new one) */
static const struct clause *
draft_clause(const struct compile_doc *cd, const struct rpara *p)
{
	const struct change *ch;

	if (p->role != RP_CLAUSE || p->change < 0 || !p->cmp)
		return NULL;
	ch = &p->cmp->changes[p->change];
	return ch->nold ? &cd->d->res.clauses[ch->old[0]] : NULL;
}

static void
note_amendment(struct sbuf *out, const struct compiled *m, const char *state)
{
	struct sbuf what = SBUF_INIT;

	what_it_does(&what, m->review ? &m->e->a : &m->placed);
	sbuf_printf(out, "\n%s ", short_id(m->e->id).s);
	list_words(out, m->e->st.sponsors, m->e->st.nsponsors);
	sbuf_printf(out, ": %s (%s%s%s)", what.buf, amend_status_word(m->e->st.status), state ? "; " : "",
		    state ? state : "");
	if (m->review)
		sbuf_printf(out, "; needs review: %s", m->why.msg);
	sbuf_release(&what);
}

static const char *
compile_note(const struct rpara *p, void *arg)
{
	struct compile_doc *cd = arg;
	const struct clause *cl = draft_clause(cd, p);
	enum para_status st = PARA_PENDING;
	size_t i, k, shown = cd->n;
	int any = 0;

	sbuf_reset(&cd->note);
	if (p->role == RP_TITLE) {
		sbuf_printf(&cd->note, "Compilation of %s: %zu open amendment%s; each change is tracked under its "
				       "sponsors' name",
			    cd->d->res.meta.symbol ? cd->d->res.meta.symbol : cd->d->path, cd->n, cd->n == 1 ? "" : "s");
		return cd->note.buf;
	}
	if (p->source >= 0)
		shown = cd->shown[p->source];
	if (!cl) {
		/* a proposed new paragraph: only its own amendment */
		if (shown == cd->n)
			return NULL;
		sbuf_adds(&cd->note, "proposed");
		note_amendment(&cd->note, &cd->m[shown], "shown");
		return cd->note.buf;
	}
	/* a split draft clause's second paragraph says nothing more */
	if (p->num[0].mark == RM_INS && p->source >= 0 && p->nnum == 1 && p->mark == RM_SAME)
		return NULL;
	for (k = 0; k < cd->npe; k++)
		if (strcmp(cd->pe[k].clause, cl->id) == 0)
			st = cd->pe[k].status;
	sbuf_printf(&cd->note, "%s [%s]", cl->id, para_status_word(st));
	for (i = 0; i < cd->n; i++)
		if (concerns(&cd->m[i], cl->id)) {
			note_amendment(&cd->note, &cd->m[i],
				       i == shown ? "shown" :
				       cd->m[i].placed.action == AMEND_INSERT && !cd->m[i].review ? "its paragraph follows" : cd->m[i].review ? NULL : "not shown: another amendment to it is");
			any = 1;
		}
	return any || st != PARA_PENDING ? cd->note.buf : NULL;
}

static int
compile_document(struct cli *c, const struct draft *d, const struct compiled *m, size_t n,
		 const struct para_entry *pe, size_t npe)
{
	struct comparison base, *cmps = xcalloc(n + 1, sizeof(*cmps));
	const struct comparison **ptrs = xcalloc(n + 1, sizeof(*ptrs));
	struct resolution *made = xcalloc(n + 1, sizeof(*made));
	size_t *shown = xcalloc(n + 1, sizeof(*shown));
	struct compile_doc cd;
	struct redoc rd;
	struct export_opts eo;
	struct sbuf doc = SBUF_INIT, name = SBUF_INIT, label = SBUF_INIT, text = SBUF_INIT;
	struct rl_error err;
	char date[32], *author = NULL;
	size_t i, k = 0;
	int rc = CLI_TROUBLE;

	if (c->export_format != EXPORT_DOCX && c->export_format != EXPORT_HTML) {
		free(cmps);
		free(ptrs);
		free(made);
		free(shown);
		return cli_usage_error(c, "amend compile writes docx or html documents (its text is the default output)");
	}
	/* each amendment that can be made is made on the draft alone */
	for (i = 0; i < n; i++) {
		if (m[i].review)
			continue;
		sbuf_reset(&text);
		if (amend_apply_text(d->raw, d->raw_len, &d->res, &m[i].placed, &text, &err) < 0) {
			out_warning("amendment %s is left out of the document: %s", short_id(m[i].e->id).s, err.msg);
			continue;
		}
		resolution_init(&made[k]);
		if (parse_resolution(text.buf, text.len, d->path, &made[k], &err) < 0) {
			out_warning("amendment %s is left out of the document: %s", short_id(m[i].e->id).s, err.msg);
			resolution_release(&made[k]);
			continue;
		}
		compare_resolutions(&d->res, &made[k], 0, &cmps[k]);
		ptrs[k] = &cmps[k];
		shown[k] = i;
		k++;
	}
	compare_resolutions(&d->res, &d->res, 0, &base);
	redoc_compile(&base, ptrs, k, &rd);
	memset(&cd, 0, sizeof(cd));
	cd.d = d;
	cd.m = m;
	cd.n = n;
	cd.shown = shown;
	cd.pe = pe;
	cd.npe = npe;
	author = cli_export_author(c);
	cli_export_date(date);
	if (d->res.meta.symbol)
		sbuf_adds(&label, d->res.meta.symbol);
	else
		sbuf_adds(&label, short_id(d->commit).s);
	memset(&eo, 0, sizeof(eo));
	eo.author = author;
	eo.date = date;
	eo.old_label = label.buf;
	eo.new_label = "compilation";
	eo.author_of = compile_author;
	eo.note_of = compile_note;
	eo.arg = &cd;
	if (c->export_format == EXPORT_DOCX) {
		if (docxout_redline(&rd, &eo, &doc, &err) < 0) {
			cli_error(&err);
			goto out;
		}
	} else {
		htmlout_redline(&rd, &eo, &doc);
	}
	if (!c->output) {
		export_default_name(label.buf, "compilation", c->export_format, &name);
		/* "A-C.1-79-L.43-compilation.docx", not "...-to-compilation" */
		{
			char *to = strstr(name.buf, "-to-compilation");

			if (to)
				memmove(to, to + 3, strlen(to + 3) + 1);
		}
	}
	if (export_write(c->output ? c->output : name.buf, doc.buf, doc.len, c->force, &err) < 0) {
		cli_error(&err);
		goto out;
	}
	rc = 0;
	if ((!c->output || strcmp(c->output, "-") != 0) &&
	    cli_finish_output(out_line(stdout, "%s", c->output ? c->output : name.buf)) < 0)
		rc = CLI_TROUBLE;
out:
	redoc_release(&rd);
	comparison_release(&base);
	for (i = 0; i < k; i++) {
		comparison_release(&cmps[i]);
		resolution_release(&made[i]);
	}
	free(cmps);
	free(ptrs);
	free(made);
	free(shown);
	free(author);
	sbuf_release(&cd.author);
	sbuf_release(&cd.note);
	sbuf_release(&doc);
	sbuf_release(&name);
	sbuf_release(&label);
	sbuf_release(&text);
	return rc;
}

static int
amend_compile(struct cli *c, struct store *s)
{
	struct draft d;
	struct amend_placing *p = NULL;
	struct amend_entry *e = NULL;
	struct compiled *m = NULL;
	struct para_entry *pe = NULL;
	struct rl_error err;
	struct json_writer w;
	size_t ne = 0, n = 0, npe = 0, k, i, open_n = 0;
	int rc = CLI_TROUBLE, written = 0;

	if (c->nargs > 2)
		return cli_usage_error(c, "amend compile takes at most one VERSION");
	if (c->nargs == 2) {
		if (c->draft)
			return cli_usage_error(c, "amend compile: a VERSION or --draft, not both");
		c->draft = c->args[1];
	}
	if (load_draft(c, s, &d) < 0)
		return CLI_TROUBLE;
	if (compile_amendments(s, &d, &p, &e, &ne, &m, &n) < 0)
		goto out;
	if (para_store_list(s, d.commit, &pe, &npe, &err) < 0) {
		cli_error(&err);
		goto out;
	}
	for (i = 0; i < n; i++)
		open_n++;
	if (c->format == FORMAT_DOCUMENT) {
		rc = compile_document(c, &d, m, n, pe, npe);
		goto out;
	}
	if (c->format == FORMAT_JSON) {
		json_writer_init(&w, stdout, 1);
		json_begin_object(&w);
		json_member_string(&w, "format", "redline-compilation/1");
		json_member_string(&w, "path", d.path);
		json_member_string(&w, "draft", d.commit);
		json_member_string(&w, "symbol", d.res.meta.symbol);
	} else {
		out_line(stdout, "compilation of %s (%s, %s): %zu open amendment%s", d.res.meta.symbol ? d.res.meta.symbol : "the draft",
			 d.path, short_id(d.commit).s, open_n, open_n == 1 ? "" : "s");
	}
	/* amendments to the title, or to every preambular or operative
	 * paragraph at once ("Replace X with Y in the title, the preambular
	 * paragraphs and the operative paragraphs"): before the clauses */
	if (c->format == FORMAT_JSON) {
		json_key(&w, "whole");
		json_begin_array(&w);
	}
	for (i = 0; i < n; i++)
		if (concerns(&m[i], "title") || concerns(&m[i], "PP*") || concerns(&m[i], "OP*")) {
			if (c->format == FORMAT_JSON) {
				json_compiled(&w, &m[i], &d);
				continue;
			}
			out_line(stdout, "%s", "");
			out_line(stdout, "%s", "the text as a whole");
			text_amendment(&m[i], &d);
		}
	if (c->format == FORMAT_JSON) {
		json_end_array(&w);
		json_key(&w, "clauses");
		json_begin_array(&w);
	}
	for (k = 0; k < d.res.nclauses; k++) {
		const struct clause *cl = &d.res.clauses[k];
		enum para_status st = PARA_PENDING;

		if (cl->section != SEC_PREAMBLE && cl->section != SEC_OPERATIVE)
			continue;
		for (i = 0; i < npe; i++)
			if (strcmp(pe[i].clause, cl->id) == 0)
				st = pe[i].status;
		if (c->format == FORMAT_JSON) {
			json_begin_object(&w);
			json_member_string(&w, "clause", cl->id);
			json_member_string(&w, "status", para_status_word(st));
			json_member_string(&w, "text", cl->text);
			json_key(&w, "amendments");
			json_begin_array(&w);
			for (i = 0; i < n; i++)
				if (concerns(&m[i], cl->id))
					json_compiled(&w, &m[i], &d);
			json_end_array(&w);
			json_end_object(&w);
			continue;
		}
		out_line(stdout, "%s", "");
		out_line(stdout, "%s  [%s]", cl->id, para_status_word(st));
		out_line(stdout, "    %s", cl->text);
		for (i = 0; i < n; i++)
			if (concerns(&m[i], cl->id))
				text_amendment(&m[i], &d);
	}
	if (c->format == FORMAT_JSON) {
		json_end_array(&w);
		json_end_object(&w);
		written = json_writer_finish(&w);
	}
	rc = cli_finish_output(written) < 0 ? CLI_TROUBLE : 0;
out:
	para_entries_free(pe, npe);
	compiled_free(m, n);
	amend_entries_free(e, ne);
	amend_placing_free(p);
	draft_release(&d);
	return rc;
}

/*
 * apply: the accepted amendments made, as a new version of the series
 */

/*
 * Amendments, each written for d, made one after another on d's text, each
 * carried onto the text the ones before made (so two that touch the same
 * clause meet there): 0 with text and cur (initialised by the caller) the
 * result; 1 when one no longer applies (its clause changed or went), -1
 * when one cannot be made (its words are not there) or the text cannot be
 * read again: *failed is then its index (n: none of them), err says why.
 */
static int
make_in_order(const struct draft *d, struct amendment *const *list, size_t n, struct sbuf *text,
	      struct resolution *cur, size_t *failed, struct rl_error *err)
{
	size_t i;

	*failed = n;
	sbuf_reset(text);
	sbuf_add(text, d->raw, d->raw_len);
	resolution_release(cur);
	resolution_init(cur);
	if (parse_resolution(text->buf, text->len, d->path, cur, err) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		struct amendment here;
		struct sbuf next = SBUF_INIT;
		struct resolution after;
		struct comparison cmp;
		int r;

		unsigned flags = 0;
		size_t j;

		/* the draft as the earlier ones left it; a clause an earlier
		 * instruction of the same document changed is still the one this
		 * instruction names */
		for (j = 0; j < i; j++)
			if (list[i]->document && list[j]->document && strcmp(list[i]->document, list[j]->document) == 0)
				flags = AMEND_FOLLOW_CHANGED;
		compare_resolutions(&d->res, cur, 0, &cmp);
		r = amend_rebase(list[i], &cmp, flags, &here, err);
		comparison_release(&cmp);
		if (r != 0) {
			amendment_release(&here);
			*failed = i;
			return 1;
		}
		resolution_init(&after);
		r = amend_apply_text(text->buf, text->len, cur, &here, &next, err);
		amendment_release(&here);
		if (r < 0 || parse_resolution(next.buf, next.len, d->path, &after, err) < 0) {
			if (r < 0)
				*failed = i;
			resolution_release(&after);
			sbuf_release(&next);
			return -1;
		}
		resolution_release(cur);
		*cur = after;
		sbuf_release(text);
		*text = next;
	}
	return 0;
}

/* An amendment marked applied in commit: 0; -1 when it cannot be, said
 * (the version is made: apply again marks it, see made_by_apply). */
static int
mark_applied(struct store *s, const char *id, const char *commit, const struct store_who *who)
{
	struct amend_event ev;
	struct amend_entry now;
	struct rl_error err;
	int rc = 0;

	memset(&ev, 0, sizeof(ev));
	ev.kind = AEV_APPLIED;
	ev.arg = commit;
	ev.arg_len = strlen(commit);
	rl_fail(&err, "its record moved meanwhile");
	if (amend_store_load(s, id, &now, &err) < 0 || amend_store_event(s, &now, &ev, who, &err) != 0) {
		out_error("amendment %s applied in %.7s but not marked so: %s; apply again to mark it", short_id(id).s,
			  commit, err.msg);
		rc = -1;
	}
	amend_entry_release(&now);
	return rc;
}

/*
 * Whether the draft (the series' latest version) is the version an apply
 * made of amendment id: its message, "Amendments to X applied: ID what
 * (sponsors); ID ...", names it. An apply killed after it made the version
 * and before it marked the amendments leaves them accepted against the
 * version before; without this they could never be applied (their clause
 * has changed since: "needs review") nor be made twice.
 */
static int
made_by_apply(struct store *s, const struct draft *d, const char *id)
{
	struct store_iter *it = NULL;
	struct store_version v;
	struct rl_error err;
	char with_colon[16], with_semi[16];
	int found = 0;

	if (store_iter_open(s, d->path, d->commit, &it, &err) < 0)
		return 0;
	memset(&v, 0, sizeof(v));
	if (store_iter_step(it, &v, 1, &err) == 0) {
		snprintf(with_colon, sizeof(with_colon), ": %.8s ", id);
		snprintf(with_semi, sizeof(with_semi), "; %.8s ", id);
		found = strcmp(v.commit, d->commit) == 0 && v.subject && strncmp(v.subject, "Amendments to ", 14) == 0 &&
			(strstr(v.subject, with_colon) || strstr(v.subject, with_semi));
		store_version_release(&v);
	}
	store_iter_free(it);
	return found;
}

static int
amend_apply(struct cli *c, struct store *s)
{
	struct draft d;
	struct amend_placing *p = NULL;
	struct amend_entry *e = NULL;
	struct compiled *m = NULL;
	struct rl_error err;
	struct sbuf text = SBUF_INIT, msg = SBUF_INIT;
	struct resolution cur;
	struct store_import im;
	struct store_who who;
	char commit[STORE_OID_HEX], *name = NULL, *email = NULL;
	size_t ne = 0, n = 0, i, j, napply = 0, *order = NULL;
	struct amendment **list = NULL;
	int rc = CLI_TROUBLE, tagged, r;
	size_t recovered = 0, unmarked = 0;

	if (c->nargs != 1)
		return cli_usage_error(c, "amend apply takes no operands");
	if (c->draft)
		return cli_usage_error(c, "amend apply makes the series' next version from its latest: no --draft");
	resolution_init(&cur);
	memset(&d, 0, sizeof(d));
	resolution_init(&d.res);
	if (who_from(c, &who, &name, &email) < 0)
		return CLI_TROUBLE;
	if (load_draft(c, s, &d) < 0)
		goto out;
	if (compile_amendments(s, &d, &p, &e, &ne, &m, &n) < 0)
		goto out;
	order = xcalloc(n + 1, sizeof(*order));
	for (i = 0; i < n; i++) {
		struct short_id buf;

		if (m[i].e->st.status != AMEND_ACCEPTED)
			continue;
		if (made_by_apply(s, &d, m[i].e->id)) {
			/* made by an apply that was killed before it marked it */
			if (mark_applied(s, m[i].e->id, d.commit, &who) < 0) {
				unmarked++;
				continue;
			}
			out_line(stdout, "amendment %s was applied in %.7s by an apply that was interrupted; marked so now",
				 short_id(m[i].e->id).s, d.commit);
			recovered++;
			continue;
		}
		if (m[i].review) {
			out_error("amendment %s (%s of %s) needs review before it is applied: %s; nothing written",
				  short_id(m[i].e->id).s, m[i].e->a.clauses[0], draft_name(&m[i].e->a, &buf), m[i].why.msg);
			goto out;
		}
		order[napply++] = i;
	}
	if (!napply && (recovered || unmarked)) {
		rc = cli_finish_output(0) < 0 || unmarked ? CLI_TROUBLE : 0;
		goto out;
	}
	if (!napply) {
		out_error("no accepted amendment of %s to apply", d.path);
		goto out;
	}
	list = xcalloc(napply + 1, sizeof(*list));
	for (i = 0; i < napply; i++)
		list[i] = &m[order[i]].placed;
	r = make_in_order(&d, list, napply, &text, &cur, &i, &err);
	if (r > 0) {
		struct compiled *mi = &m[order[i]];

		for (j = 0; j < i; j++)
			if (has_clause(&m[order[j]].placed, mi->placed.clauses[0]) ||
			    (mi->placed.action == AMEND_INSERT && m[order[j]].placed.action != AMEND_INSERT))
				break;
		/* (the reason the second no longer applies, "OP8 was deleted",
		 * describes the first's change as the aligner sees it: not said) */
		if (j < i)
			out_error("amendments %s and %s both change %s: nothing written; reject, reopen or withdraw one",
				  short_id(m[order[j]].e->id).s, short_id(mi->e->id).s, mi->placed.clauses[0]);
		else
			out_error("amendment %s no longer applies once the others are made (%s): nothing written",
				  short_id(mi->e->id).s, err.msg);
		goto out;
	}
	if (r < 0) {
		if (i < napply)
			out_error("amendment %s cannot be made once the others are: %s; nothing written",
				  short_id(m[order[i]].e->id).s, err.msg);
		else
			cli_error(&err);
		goto out;
	}
	sbuf_printf(&msg, "Amendments to %s applied:", d.res.meta.symbol ? d.res.meta.symbol : short_id(d.commit).s);
	for (i = 0; i < napply; i++) {
		struct sbuf sp = SBUF_INIT, what = SBUF_INIT;

		list_words(&sp, m[order[i]].e->st.sponsors, m[order[i]].e->st.nsponsors);
		what_it_does(&what, &m[order[i]].placed);
		sbuf_printf(&msg, "%s %s %s (%s)", i ? ";" : "", short_id(m[order[i]].e->id).s, what.buf, sp.buf);
		sbuf_release(&sp);
		sbuf_release(&what);
	}
	sbuf_addch(&msg, '\n');
	memset(&im, 0, sizeof(im));
	im.path = d.path;
	im.message = msg.buf;
	im.author_name = who.name;
	im.author_email = who.email;
	im.time = (long long)time(NULL);
	r = store_import(s, &im, text.buf, text.len, commit, &tagged, &err);
	if (r < 0) {
		cli_error(&err);
		goto out;
	}
	if (r == 2)
		out_error("warning: %s", err.msg);
	/* the latest version holds this text already: store_import named no
	 * commit, and that version is where they are applied */
	if (r == 1 && store_latest(s, d.path, commit, &err) < 0) {
		cli_error(&err);
		goto out;
	}
	/* made meanwhile by another apply of the same amendments (which marks
	 * them, or, killed first, leaves that to the next apply): told as a
	 * second apply is told, not as if this one made it */
	if (r == 1 && strcmp(commit, d.commit) != 0) {
		out_error("%s already applied in %.7s by another apply at the same time; nothing written",
			  napply == 1 ? "the amendment was" : "the amendments were", commit);
		goto out;
	}
	/* each marked applied there: reopening or applying it again would undo
	 * or repeat the version */
	for (i = 0; i < napply; i++)
		if (mark_applied(s, m[order[i]].e->id, commit, &who) < 0)
			unmarked++;
	out_line(stdout, "applied %zu amendment%s to %s as %.7s on %s", napply, napply == 1 ? "" : "s",
		 d.res.meta.symbol ? d.res.meta.symbol : short_id(d.commit).s, commit, d.path);
	cli_index_imported(c, d.path);
	/* made but not all marked: trouble, so that a script looks (and applies again) */
	rc = cli_finish_output(0) < 0 || unmarked ? CLI_TROUBLE : 0;
out:
	free(list);
	free(order);
	resolution_release(&cur);
	sbuf_release(&text);
	sbuf_release(&msg);
	compiled_free(m, n);
	amend_entries_free(e, ne);
	amend_placing_free(p);
	draft_release(&d);
	free(name);
	free(email);
	return rc;
}

/*
 * import: a UN amendment document, as the amendments it makes
 */

static int
amend_import(struct cli *c, struct store *s)
{
	struct source src;
	struct amendoc doc;
	struct draft d;
	struct amendment *am = NULL;
	struct amend_entry *e = NULL;
	struct store_who who;
	struct rl_error err;
	struct sbuf problems = SBUF_INIT, sp = SBUF_INIT;
	char *name = NULL, *email = NULL, *path = NULL, commit[STORE_OID_HEX];
	size_t n = 0, ne = 0, i;
	int rc = CLI_TROUBLE;

	if (c->nargs != 2)
		return cli_usage_error(c, "amend import takes one FILE: an amendment document (text, PDF or Word)");
	memset(&doc, 0, sizeof(doc));
	memset(&d, 0, sizeof(d));
	source_init(&src);
	if (who_from(c, &who, &name, &email) < 0)
		goto out;
	if (source_load_file(&c->repo, c->args[1], &src, &err) < 0) {
		cli_error(&err);
		goto out;
	}
	if (amendoc_read(src.text, src.len, &doc, &err) < 0) {
		out_error("'%s' is not an amendment document: %s", c->args[1], err.msg);
		goto out;
	}
	/* the draft it amends: named, else the one its heading names */
	if (c->draft) {
		if (store_resolve(s, c->draft, c->repo.path, commit, &path, &err) < 0) {
			cli_error(&err);
			goto out;
		}
	} else if (!doc.target) {
		out_error("'%s' names no draft it amends: give it with --draft", c->args[1]);
		goto out;
	} else if (doc.target_draft) {
		out_error("'%s' amends draft resolution %d of report %s: give that draft's version with --draft", c->args[1],
			  doc.target_draft, doc.target);
		goto out;
	} else if (store_resolve(s, doc.target, c->repo.path, commit, &path, &err) < 0) {
		out_error("'%s' amends %s, which is not in '%s' (%s): import the draft first, or name it with --draft",
			  c->args[1], doc.target, store_path(s), err.msg);
		goto out;
	}
	if (read_draft(s, path, commit, &d) < 0)
		goto out;
	amend_from_document(&doc, &d.res, d.path, d.commit, &am, &n, &problems);
	for (i = 0; i < doc.nunread; i++)
		sbuf_printf(&problems, "%s%d: %s (%s)", problems.len ? "; " : "", doc.unread[i].number, doc.unread[i].why,
			    doc.unread[i].source);
	/* each instruction carried out, or none: a part of a document is not
	 * what its sponsors proposed */
	if (problems.len && !c->force) {
		out_error("%s: instructions not understood, nothing imported (--force imports the rest): %s",
			  doc.symbol ? doc.symbol : c->args[1], problems.buf);
		goto out;
	}
	/* and they must apply to the draft, in the document's order (a later
	 * instruction may name words an earlier one put in) */
	if (n) {
		struct amendment **list = xcalloc(n, sizeof(*list));
		struct sbuf probe = SBUF_INIT;
		struct resolution res;
		size_t failed;
		int r;

		for (i = 0; i < n; i++)
			list[i] = &am[i];
		resolution_init(&res);
		r = make_in_order(&d, list, n, &probe, &res, &failed, &err);
		resolution_release(&res);
		sbuf_release(&probe);
		free(list);
		if (r != 0 && !c->force) {
			if (failed < n)
				out_error("%s: instruction %d does not apply to %s after the ones before it: %s; nothing imported",
					  doc.symbol ? doc.symbol : c->args[1], am[failed].part,
					  d.res.meta.symbol ? d.res.meta.symbol : d.path, err.msg);
			else
				cli_error(&err);
			goto out;
		}
	}
	if (doc.symbol && !c->force) {
		if (list_amendments(s, &e, &ne) < 0)
			goto out;
		for (i = 0; i < ne; i++)
			if (e[i].a.document && strcmp(e[i].a.document, doc.symbol) == 0 && strcmp(e[i].a.draft, d.commit) == 0) {
				out_error("%s is imported already (amendment %s): --force imports it again", doc.symbol,
					  short_id(e[i].id).s);
				goto out;
			}
	}
	for (i = 0; i < n; i++) {
		char id[STORE_OID_HEX];
		struct sbuf what = SBUF_INIT;

		if (amend_store_propose(s, &am[i], &who, id, &err) < 0) {
			cli_error(&err);
			goto out;
		}
		what_it_does(&what, &am[i]);
		out_line(stdout, "%s %s: %s", i ? "        " : "proposed", short_id(id).s, what.buf);
		sbuf_release(&what);
	}
	list_words(&sp, doc.sponsors, doc.nsponsors);
	out_line(stdout, "imported %s: %zu amendment%s to %s (%s), by %s", doc.symbol ? doc.symbol : c->args[1], n,
		 n == 1 ? "" : "s", d.res.meta.symbol ? d.res.meta.symbol : short_id(d.commit).s, d.path, sp.buf);
	if (problems.len)
		out_error("warning: left out: %s", problems.buf);
	rc = cli_finish_output(0) < 0 ? CLI_TROUBLE : 0;
out:
	for (i = 0; i < n; i++)
		amendment_release(&am[i]);
	free(am);
	amend_entries_free(e, ne);
	amendoc_release(&doc);
	draft_release(&d);
	source_release(&src);
	sbuf_release(&problems);
	sbuf_release(&sp);
	free(path);
	free(name);
	free(email);
	return rc;
}

/* Each action, and what restricted mode makes of it (restrict.h): every one
 * that moves a ref under refs/redline/ or the branch writes. */
static const struct {
	const char *name;
	int kind;	/* -1 propose, -2 list, -3 show, -4 status, -5 compile, -6 apply, -7 import, else an event */
	enum guard guard;
} subcommands[] = {
	{ "propose", -1, GUARD_WRITES_REPO }, { "list", -2, GUARD_NONE }, { "show", -3, GUARD_NONE },
	{ "status", -4, GUARD_WRITES_SET }, { "compile", -5, GUARD_WRITES_DOC }, { "apply", -6, GUARD_WRITES_REPO },
	{ "import", -7, GUARD_WRITES_REPO },
	{ "accept", AEV_ACCEPT, GUARD_WRITES_REPO }, { "reject", AEV_REJECT, GUARD_WRITES_REPO },
	{ "withdraw", AEV_WITHDRAW, GUARD_WRITES_REPO }, { "reopen", AEV_REOPEN, GUARD_WRITES_REPO },
	{ "cosponsor", AEV_COSPONSOR, GUARD_WRITES_REPO },
};

enum guard
amend_action_guard(const struct cli *c)
{
	size_t i;

	for (i = 0; c->nargs > 0 && i < ARRAY_SIZE(subcommands); i++)
		if (strcmp(c->args[0], subcommands[i].name) == 0)
			return subcommands[i].guard;
	return GUARD_NONE;
}

int
cmd_amend(struct cli *c)
{
	struct store *s;
	size_t i;

	if (c->nargs == 0)
		return cli_usage_error(c, "amend needs what to do: propose, list, show, accept, reject, withdraw, "
				       "reopen, cosponsor, status, compile, apply or import");
	for (i = 0; i < ARRAY_SIZE(subcommands); i++)
		if (strcmp(c->args[0], subcommands[i].name) == 0)
			break;
	if (i == ARRAY_SIZE(subcommands))
		return cli_usage_error(c, "unknown amend command '%s' (propose, list, show, accept, reject, withdraw, "
				       "reopen, cosponsor, status, compile, apply or import)", c->args[0]);
	if (subcommands[i].kind != -1 && (c->after || c->delete_ || c->text_file || c->editor || c->rationale))
		return cli_usage_error(c, "--after, --delete, --text-file, --editor and --rationale go with amend propose");
	if (c->format == FORMAT_DOCUMENT && subcommands[i].kind != -5)
		return cli_usage_error(c, "--format=docx and html go with amend compile");
	if (c->output && c->format != FORMAT_DOCUMENT)
		return cli_usage_error(c, "-o goes with amend compile --format=docx or html");
	if (subcommands[i].kind != -7 && c->force && !(subcommands[i].kind == -5 && c->format == FORMAT_DOCUMENT))
		return cli_usage_error(c, "--force goes with amend import, and amend compile writing a document");
	if (subcommands[i].kind != -2 && c->status)
		return cli_usage_error(c, "--status goes with amend list");
	if ((subcommands[i].kind == -3 || subcommands[i].kind == -6 || subcommands[i].kind == -7 || subcommands[i].kind >= 0) &&
	    (c->clause || c->nsponsors))
		return cli_usage_error(c, "amend %s takes no --clause or --sponsor", c->args[0]);
	if ((subcommands[i].kind == -3 || subcommands[i].kind >= 0) && c->draft)
		return cli_usage_error(c, "amend %s takes an ID: no --draft, --clause or --sponsor", c->args[0]);
	if (!(s = cli_store(c)))
		return CLI_TROUBLE;
	/* what lists and shows goes through the pager; what writes (and may
	 * run an editor) does not */
	if (subcommands[i].kind == -2 || subcommands[i].kind == -3 ||
	    (subcommands[i].kind == -5 && c->format != FORMAT_DOCUMENT) ||
	    (subcommands[i].kind == -4 && c->nargs == 1))
		cli_page(c);
	switch (subcommands[i].kind) {
	case -1:
		return amend_propose(c, s);
	case -2:
		return amend_list(c, s);
	case -3:
		return amend_show(c, s);
	case -4:
		return amend_status(c, s);
	case -5:
		return amend_compile(c, s);
	case -6:
		return amend_apply(c, s);
	case -7:
		return amend_import(c, s);
	default:
		return amend_event(c, s, (enum amend_event_kind)subcommands[i].kind);
	}
}
