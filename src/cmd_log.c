/*
 * The commands that list the repository: log (the versions of a series)
 * and ls (its series).
 */
#include "config.h"
#include "cmds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compare.h"
#include "json.h"
#include "jsonout.h"
#include "out.h"
#include "parse.h"
#include "sbuf.h"
#include "textout.h"
#include "utf8.h"
#include "vindex.h"

/*
 * log
 */

struct log_state {
	struct cli *c;
	const char *path;
	struct json_writer json;
	/* the newer version, waiting for the one before it to be summarised */
	int have_pending;
	struct store_version pending;
	struct source pending_src;
	int pending_ok;
	int trouble;
	size_t count;
	/* the walk stopped before the first commit: 1 at a shallow clone's
	 * boundary, -1 at a commit or tree it could not read */
	int cut;
};

/* One line of the log, from the index or from versions read. */
struct log_row {
	const char *commit, *author, *subject;
	long long time;
	int tz_minutes;
	int ok;				/* the version reads as a resolution */
	const char *symbol, *title;	/* NULL: none */
	size_t clauses;
	const struct compare_summary *sum;	/* NULL: nothing to compare with */
	const char *summary;
};

static void
print_text_line(const struct log_row *r)
{
	struct sbuf line = SBUF_INIT, subj = SBUF_INIT;
	char date[11];
	const char *sym = r->ok && r->symbol ? r->symbol : "-";

	store_format_date(r->time, r->tz_minutes, date);
	utf8_sanitize(&subj, r->subject, strlen(r->subject), 0);
	if (utf8_str_width(subj.buf ? subj.buf : "", subj.len) > 44) {
		/* cut at a character boundary, by width */
		size_t i = 0, w = 0, k;
		uint32_t cp;
		while (i < subj.len && w < 41) {
			k = utf8_decode(subj.buf + i, subj.len - i, &cp);
			w += (size_t)utf8_width(cp);
			i += k;
		}
		subj.len = i;
		sbuf_adds(&subj, "...");
	}
	sbuf_printf(&line, "%.7s  %s  ", r->commit, date);
	utf8_sanitize(&line, sym, strlen(sym), 0);
	sbuf_printf(&line, "%*s  %s", (int)(sym && strlen(sym) < 22 ? 22 - strlen(sym) : 0), "", sbuf_str(&subj));
	if (r->summary)
		sbuf_printf(&line, "%*s  %s",
			    (int)(44 > utf8_str_width(sbuf_str(&subj), subj.len) ? 44 - utf8_str_width(sbuf_str(&subj), subj.len) : 0),
			    "", r->summary);
	out_line(stdout, "%s", sbuf_str(&line));
	sbuf_release(&line);
	sbuf_release(&subj);
}

/* --oneline: "c73ae72 A/RES/79/53  ~1 PP  2 renumbered" */
static void
print_oneline(const struct log_row *r)
{
	const char *sym = r->ok && r->symbol ? r->symbol : "-";

	out_line(stdout, "%.7s %s  %s", r->commit, sym, r->summary ? r->summary : "");
}

static void
print_json_entry(struct json_writer *w, const struct log_row *r)
{
	char date[11];

	store_format_date(r->time, r->tz_minutes, date);
	json_begin_object(w);
	json_member_string(w, "commit", r->commit);
	json_member_string(w, "date", date);
	json_member_int(w, "time", r->time);
	json_member_string(w, "author", r->author);
	json_member_string(w, "subject", r->subject);
	json_member_string(w, "symbol", r->ok ? r->symbol : NULL);
	json_member_string(w, "title", r->ok ? r->title : NULL);
	json_member_int(w, "clauses", r->ok ? (long long)r->clauses : 0);
	if (r->sum)
		jsonout_summary(w, r->sum);
	json_member_string(w, "summary_line", r->summary);
	json_end_object(w);
}

static void
print_row(struct log_state *st, const struct log_row *r)
{
	if (st->c->format == FORMAT_JSON)
		print_json_entry(&st->json, r);
	else if (st->c->oneline)
		print_oneline(r);
	else
		print_text_line(r);
	st->count++;
}

static void
drop_pending(struct log_state *st)
{
	free(st->pending.subject);
	free(st->pending.author);
	source_release(&st->pending_src);
	st->have_pending = 0;
}

/* Print the pending (newer) version, summarised against older, or as the
 * first version when older is NULL. */
static void
emit_pending(struct log_state *st, const struct source *older, int older_ok)
{
	struct comparison cmp;
	struct sbuf summary = SBUF_INIT;
	struct log_row row;
	int have_cmp = 0;

	if (!st->pending_ok) {
		sbuf_adds(&summary, "cannot be read");
	} else if (older && older_ok) {
		compare_resolutions(&older->res, &st->pending_src.res, 0, &cmp);
		textout_summary_line(&summary, &cmp);
		have_cmp = 1;
	} else if (older) {
		sbuf_adds(&summary, "the version before cannot be read");
	} else if (st->cut) {
		/* the oldest that could be read: maybe not the first */
		sbuf_adds(&summary, st->cut > 0 ? "history before it not in this shallow clone"
						 : "history before it cannot be read");
	} else {
		sbuf_adds(&summary, "first version");
	}
	row.commit = st->pending.commit;
	row.author = st->pending.author;
	row.subject = st->pending.subject;
	row.time = st->pending.time;
	row.tz_minutes = st->pending.tz_minutes;
	row.ok = st->pending_ok;
	row.symbol = st->pending_ok ? st->pending_src.res.meta.symbol : NULL;
	row.title = st->pending_ok ? st->pending_src.res.meta.title : NULL;
	row.clauses = st->pending_ok ? st->pending_src.res.nclauses : 0;
	row.sum = have_cmp ? &cmp.sum : NULL;
	row.summary = summary.buf;
	print_row(st, &row);
	if (have_cmp)
		comparison_release(&cmp);
	sbuf_release(&summary);
	drop_pending(st);
}

static int
log_cb(const struct store_version *v, void *payload)
{
	struct log_state *st = payload;
	struct source s;
	int ok;

	source_init(&s);
	ok = cli_load_commit(st->c, v->commit, st->path, &s) == 0;
	if (!ok)
		st->trouble = 1;
	if (st->have_pending)
		emit_pending(st, &s, ok);
	/* -n N: the Nth version was summarised against this one; or the
	 * reader (a pager) has gone: either way, walk no further */
	if ((st->c->max_count >= 0 && st->count >= (size_t)st->c->max_count) || ferror(stdout)) {
		source_release(&s);
		return 1;
	}
	st->pending = *v;
	st->pending.subject = xstrdup(v->subject);
	st->pending.author = xstrdup(v->author);
	st->pending_src = s;
	st->pending_ok = ok;
	st->have_pending = 1;
	/* show each line as soon as it is known: a long history never blocks */
	fflush(stdout);
	return 0;
}

/*
 * The log from the version index: 0 when it could list every version, 1
 * when it cannot tell (history or a version cannot be read), 2 when there
 * is no index yet: the walk below then lists them (and reports what it
 * cannot read) one by one.
 */
static int
log_from_index(struct log_state *st)
{
	struct vindex *x;
	struct vindex_version *v;
	struct rl_error err;
	size_t n, i;
	int r;

	if (source_repo_index(&st->c->repo, &x, &err) < 0 || !x)
		return 1;
	/* a first log reads its own path's history, as fast as git log --
	 * PATH, not the whole history the index needs: that is built beside */
	if ((r = vindex_series(x, st->path, VINDEX_NO_REBUILD, &v, &n)) == 2) {
		fflush(stdout);
		vindex_build_later(x, st->path);
	}
	if (r != 0)
		return r;
	for (i = 0; i < n && !ferror(stdout); i++) {
		struct log_row row;

		if (st->c->max_count >= 0 && st->count >= (size_t)st->c->max_count)
			break;
		row.commit = v[i].commit;
		row.author = v[i].author;
		row.subject = v[i].subject;
		row.time = v[i].time;
		row.tz_minutes = v[i].tz_minutes;
		row.ok = 1;
		row.symbol = v[i].symbol;
		row.title = v[i].title;
		row.clauses = v[i].clauses;
		row.sum = v[i].sum;
		row.summary = v[i].summary;
		print_row(st, &row);
	}
	free(v);
	return 0;
}

int
cmd_log(struct cli *c)
{
	struct log_state st;
	struct rl_error err;
	char *path = NULL;
	int walk, written = 0;

	if (c->nargs > 1)
		return cli_usage_error(c, "log takes at most one PATH");
	if (c->oneline && c->format == FORMAT_JSON)
		return cli_usage_error(c, "--oneline is a text form; it does not go with --format=json");
	if (c->nargs == 1)
		c->repo.path = c->args[0];
	if (cli_series(c, &path) < 0)
		return CLI_TROUBLE;
	memset(&st, 0, sizeof(st));
	st.c = c;
	st.path = path;
	if (c->format == FORMAT_JSON) {
		json_writer_init(&st.json, stdout, 1);
		json_begin_object(&st.json);
		json_key(&st.json, "format");
		json_string(&st.json, "redline-log/1");
		json_key(&st.json, "path");
		json_string(&st.json, path);
		json_key(&st.json, "versions");
		json_begin_array(&st.json);
	}
	if (c->max_count == 0 || log_from_index(&st) == 0)
		walk = 0;
	else
		walk = store_walk_versions(cli_store(c), path, NULL, log_cb, &st, &err);
	st.cut = walk < 0 ? -1 : walk;
	if (st.have_pending)
		emit_pending(&st, NULL, 0);
	if (c->format == FORMAT_JSON) {
		json_end_array(&st.json);
		json_end_object(&st.json);
		written = json_writer_finish(&st.json);
	}
	/* after what could be listed: why the list stops there */
	fflush(stdout);
	if (walk < 0)
		out_error("%s", err.msg);
	else if (walk == 1)
		out_error("note: %s", err.msg);
	else if (st.count == 0 && c->max_count != 0)
		out_error("no versions of '%s'", path);
	free(path);
	if (cli_finish_output(written) < 0 || walk < 0 || st.trouble || (walk == 0 && st.count == 0 && c->max_count != 0))
		return CLI_TROUBLE;
	return CLI_SAME;
}

/*
 * ls
 */

int
cmd_ls(struct cli *c)
{
	struct store_series *v;
	struct store *s;
	struct rl_error err;
	size_t n, i;
	struct json_writer w;
	int written = 0, listed;

	if (c->nargs != 0)
		return cli_usage_error(c, "ls takes no arguments");
	if (!(s = cli_store(c)))
		return CLI_TROUBLE;
	if ((listed = store_list_series(s, &v, &n, &err)) < 0) {
		out_error("%s", err.msg);
		return CLI_TROUBLE;
	}
	if (c->format == FORMAT_JSON) {
		json_writer_init(&w, stdout, 1);
		json_begin_object(&w);
		json_member_string(&w, "format", "redline-ls/1");
		json_key(&w, "series");
		json_begin_array(&w);
		for (i = 0; i < n; i++) {
			json_begin_object(&w);
			json_member_string(&w, "path", v[i].path);
			json_member_string(&w, "symbol", v[i].symbol);
			json_member_string(&w, "date", v[i].date);
			json_member_string(&w, "title", v[i].title);
			json_end_object(&w);
		}
		json_end_array(&w);
		json_end_object(&w);
		written = json_writer_finish(&w);
	} else {
		for (i = 0; i < n; i++) {
			struct sbuf line = SBUF_INIT;
#define SAFE(x) utf8_sanitize(&line, (x) ? (x) : "-", strlen((x) ? (x) : "-"), 0)
			SAFE(v[i].path);
			sbuf_adds(&line, "  ");
			SAFE(v[i].symbol);
			sbuf_adds(&line, "  ");
			SAFE(v[i].date);
			sbuf_adds(&line, "  ");
			SAFE(v[i].title);
#undef SAFE
			out_line(stdout, "%s", line.buf);
			sbuf_release(&line);
		}
	}
	store_series_free(v, n);
	/* the series that could be read are listed; then the file that could not */
	if (listed == 1)
		out_error("%s", err.msg);
	return cli_finish_output(written) < 0 || listed == 1 ? CLI_TROUBLE : CLI_SAME;
}
