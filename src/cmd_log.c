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

static void
print_text_line(const struct store_version *v, const struct source *s, int ok, const char *summary)
{
	struct sbuf line = SBUF_INIT, subj = SBUF_INIT;
	char date[11];
	const char *sym = ok && s->res.meta.symbol ? s->res.meta.symbol : "-";

	store_format_date(v->time, v->tz_minutes, date);
	utf8_sanitize(&subj, v->subject, strlen(v->subject), 0);
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
	sbuf_printf(&line, "%.7s  %s  ", v->commit, date);
	utf8_sanitize(&line, sym, strlen(sym), 0);
	sbuf_printf(&line, "%*s  %s", (int)(sym && strlen(sym) < 22 ? 22 - strlen(sym) : 0), "", sbuf_str(&subj));
	if (summary)
		sbuf_printf(&line, "%*s  %s",
			    (int)(44 > utf8_str_width(sbuf_str(&subj), subj.len) ? 44 - utf8_str_width(sbuf_str(&subj), subj.len) : 0),
			    "", summary);
	out_line(stdout, "%s", sbuf_str(&line));
	sbuf_release(&line);
	sbuf_release(&subj);
}

/* --oneline: "c73ae72 A/RES/79/53  ~1 PP  2 renumbered" */
static void
print_oneline(const struct store_version *v, const struct source *s, int ok, const char *summary)
{
	const char *sym = ok && s->res.meta.symbol ? s->res.meta.symbol : "-";

	out_line(stdout, "%.7s %s  %s", v->commit, sym, summary ? summary : "");
}

static void
print_json_entry(struct log_state *st, const struct store_version *v, const struct source *s, int ok,
		 const struct comparison *cmp, const char *summary)
{
	struct json_writer *w = &st->json;
	char date[11];

	store_format_date(v->time, v->tz_minutes, date);
	json_begin_object(w);
	json_member_string(w, "commit", v->commit);
	json_member_string(w, "date", date);
	json_member_int(w, "time", v->time);
	json_member_string(w, "author", v->author);
	json_member_string(w, "subject", v->subject);
	json_member_string(w, "symbol", ok ? s->res.meta.symbol : NULL);
	json_member_string(w, "title", ok ? s->res.meta.title : NULL);
	json_member_int(w, "clauses", ok ? (long long)s->res.nclauses : 0);
	if (cmp)
		jsonout_summary(w, &cmp->sum);
	json_member_string(w, "summary_line", summary);
	json_end_object(w);
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
	if (st->c->format == FORMAT_JSON)
		print_json_entry(st, &st->pending, &st->pending_src, st->pending_ok, have_cmp ? &cmp : NULL,
				 summary.buf);
	else if (st->c->oneline)
		print_oneline(&st->pending, &st->pending_src, st->pending_ok, summary.buf);
	else
		print_text_line(&st->pending, &st->pending_src, st->pending_ok, summary.buf);
	if (have_cmp)
		comparison_release(&cmp);
	sbuf_release(&summary);
	drop_pending(st);
	st->count++;
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
	walk = c->max_count == 0 ? 0 : store_walk_versions(cli_store(c), path, NULL, log_cb, &st, &err);
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
