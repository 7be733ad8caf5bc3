/*
 * The commands about the repository: log, ls, import.
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
#include "docx.h"
#include "out.h"
#include "pdf.h"
#include "parse.h"
#include "sbuf.h"
#include "symbol.h"
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

/*
 * import
 */

/* "2024-12-02" (noon UTC, so the day is the same everywhere) or
 * "2024-12-02T18:00:00+0100". */
/* 2024-02-31 is no date: timegm() would make it March 2 */
static int
days_in_month(int y, int mo)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return mo == 2 && leap ? 29 : days[mo - 1];
}

static int
parse_when(const char *s, long long *t, int *tz)
{
	struct tm tm;
	int y, mo, d, h = 12, mi = 0, se = 0, n = 0, off = 0;
	char sign = '+';

	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
		return -1;
	if (s[n] == 'T' || s[n] == ' ') {
		int m = 0, oh = 0, om = 0;
		if (sscanf(s + n + 1, "%2d:%2d:%2d%n", &h, &mi, &se, &m) != 3)
			return -1;
		n += 1 + m;
		if (s[n] == 'Z') {
			n++;
		} else if (s[n] == '+' || s[n] == '-') {
			sign = s[n];
			int m2 = 0;

			if (sscanf(s + n + 1, "%2d%2d%n", &oh, &om, &m2) != 2 &&
			    sscanf(s + n + 1, "%2d:%2d%n", &oh, &om, &m2) != 2)
				return -1;
			if (oh < 0 || om < 0 || oh > 14 || om > 59)
				return -1;
			off = oh * 60 + om;
			n += 1 + m2;
		}
	}
	if (s[n] != '\0' || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h < 0 || h > 23 || mi < 0 ||
	    mi > 59 || se < 0 || se > 60)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	*tz = sign == '-' ? -off : off;
	*t = (long long)timegm(&tm) - (long long)*tz * 60;
	return 0;
}

static int
parse_author(const char *s, char **name, char **email)
{
	const char *lt = strchr(s, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	size_t n;

	if (!lt || !gt || gt[1] != '\0')
		return -1;
	n = (size_t)(lt - s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 0)
		return -1;
	*name = xstrndup(s, n);
	*email = xstrndup(lt + 1, (size_t)(gt - lt - 1));
	return 0;
}

/* Line ends become LF: one text, one representation, whatever the editor. */
static void
normalise_line_ends(char *t, size_t *len)
{
	size_t i, o = 0;

	for (i = 0; i < *len; i++) {
		if (t[i] == '\r') {
			if (i + 1 < *len && t[i + 1] == '\n')
				continue;
			t[o++] = '\n';
			continue;
		}
		t[o++] = t[i];
	}
	t[o] = '\0';
	*len = o;
}

static const char *
base_name(const char *p)
{
	const char *b = strrchr(p, '/');

	return b ? b + 1 : p;
}

/* A series named after its file; the text of a PDF or a Word document is
 * stored as text, so "A_RES_79_53.pdf" makes the series "A_RES_79_53.txt". */
static char *
series_name(const char *file)
{
	char *p = xstrdup(base_name(file));
	size_t n = strlen(p);

	if (pdf_named(p))
		memcpy(p + n - 4, ".txt", 4);
	else if (docx_named(p))
		memcpy(p + n - 5, ".txt", 5);
	return p;
}

/*
 * The series a file is imported into: --path, -- PATH, else the one a
 * version with its symbol belongs to, else the one series whose latest
 * version has its title (a resolution keeps its title from year to year),
 * else the only series; in an empty repository, the file's name.
 */
static int
import_path(struct cli *c, const char *file, const struct resolution *r, char **path)
{
	struct store_series *v;
	struct store *st = cli_store(c);
	struct rl_error err;
	char commit[STORE_OID_HEX];
	size_t n, i, same = 0;
	struct sbuf names = SBUF_INIT;

	if (c->import_path) {
		*path = xstrdup(c->import_path);
		return 0;
	}
	if (c->repo.path) {
		*path = xstrdup(c->repo.path);
		return 0;
	}
	if (store_list_series(st, &v, &n, &err) < 0) {
		/* an empty repository: the series is named after the file */
		*path = series_name(file);
		return 0;
	}
	if (n <= 1) {
		*path = n == 1 ? xstrdup(v[0].path) : series_name(file);
		store_series_free(v, n);
		return 0;
	}
	if (r->meta.symbol && store_resolve(st, r->meta.symbol, NULL, commit, path, &err) == 0) {
		store_series_free(v, n);
		return 0;
	}
	for (i = 0; r->meta.title && i < n; i++) {
		if (v[i].title && strcmp(v[i].title, r->meta.title) == 0 && same++ == 0)
			*path = xstrdup(v[i].path);
	}
	if (same == 1) {
		store_series_free(v, n);
		return 0;
	}
	if (same > 1)
		FREE(*path);
	store_series_names(&names, v, n);
	out_error("repository '%s' holds %zu series (%s); name one with --path", store_path(st), n, names.buf);
	sbuf_release(&names);
	store_series_free(v, n);
	return -1;
}

/* The newest version of a series: the walk's first. */
static int
newest_cb(const struct store_version *v, void *payload)
{
	struct store_version *out = payload;

	*out = *v;
	out->subject = xstrdup(v->subject ? v->subject : "");
	out->author = xstrdup(v->author ? v->author : "");
	return 1;
}

/*
 * What an import would silently undo, refused unless --force: a text dated
 * before the series' newest version (L.40 after Rev.1 would become the
 * latest, undoing Rev.1), or a symbol that already names another version
 * (the symbol would then name two). The newest version's own text is let
 * through: import says it is already there. 0 to go on, -1 refused (said).
 */
static int
check_not_shadowing(struct cli *c, const char *path, const struct source *s, const struct store_import *im)
{
	struct store *st = cli_store(c);
	struct store_version newest;
	struct rl_error err;
	char commit[STORE_OID_HEX], when[11], then[11], *found_path = NULL, *text = NULL;
	size_t len;
	int rc = 0, have;

	memset(&newest, 0, sizeof(newest));
	have = store_walk_versions(st, path, NULL, newest_cb, &newest, &err) == 0 && newest.commit[0];
	if (!have || c->force)
		goto out;
	if (store_read(st, newest.commit, path, &text, &len, &err) == 0 && len == s->len &&
	    memcmp(text, s->text, len) == 0)
		goto out;
	store_format_date(newest.time, newest.tz_minutes, then);
	if (im->time < newest.time) {
		store_format_date(im->time, im->tz_minutes, when);
		out_error("'%s' is dated %s, before the latest version of %s (%.7s of %s, \"%s\"); imported, it "
			  "would become the latest: use --force to import it all the same", s->name, when, path,
			  newest.commit, then, newest.subject);
		rc = -1;
		goto out;
	}
	if (im->symbol && store_resolve(st, im->symbol, path, commit, &found_path, &err) == 0) {
		out_error("symbol %s already names version %.7s of %s; imported, this text would shadow it: use "
			  "--force to import it all the same", im->symbol, commit, path);
		rc = -1;
	}
out:
	free(found_path);
	free(text);
	if (newest.commit[0])
		store_version_release(&newest);
	return rc;
}

int
cmd_import(struct cli *c)
{
	struct source s;
	struct store_import im;
	struct rl_error err;
	struct sbuf msg = SBUF_INIT;
	char commit[STORE_OID_HEX], *path = NULL, *name = NULL, *email = NULL, *git_name = NULL;
	const char *file;
	int tagged = 0, rc;

	if (c->nargs != 1)
		return cli_usage_error(c, "import takes one FILE");
	file = c->args[0];
	source_init(&s);
	rc = CLI_TROUBLE;
	if (!cli_store(c))
		goto out;
	if (source_load_file(&c->repo, file, &s, &err) < 0) {
		cli_error(&err);
		goto out;
	}
	/* stored with LF line ends: one text, one representation, whatever the editor */
	normalise_line_ends(s.text, &s.len);
	if (!s.res.is_resolution && !c->force) {
		out_error("'%s' does not read as a resolution (no enacting formula); use --force to import it anyway",
			  s.name);
		goto out;
	}
	memset(&im, 0, sizeof(im));
	if (import_path(c, file, &s.res, &path) < 0)
		goto out;
	im.path = path;
	im.no_checkout = c->no_checkout;
	im.symbol = c->import_symbol ? c->import_symbol : s.res.meta.symbol;
	if (im.symbol && !*im.symbol)
		im.symbol = NULL;	/* --symbol= : no tag */
	if (c->import_date) {
		if (parse_when(c->import_date, &im.time, &im.tz_minutes) < 0) {
			cli_usage_error(c, "bad date: '%s' (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HHMM)", c->import_date);
			goto out;
		}
	} else if (!s.res.meta.adopted || parse_when(s.res.meta.adopted, &im.time, &im.tz_minutes) < 0) {
		im.time = (long long)time(NULL);
		im.tz_minutes = 0;
	}
	if (c->import_author) {
		if (parse_author(c->import_author, &name, &email) < 0) {
			cli_usage_error(c, "bad author: '%s' (NAME <EMAIL>)", c->import_author);
			goto out;
		}
		im.author_name = name;
		im.author_email = email;
	}
	if (c->import_message)
		sbuf_adds(&msg, c->import_message);
	else if (im.symbol)
		sbuf_printf(&msg, "%s%s%s", im.symbol, s.res.meta.title ? ": " : "",
			    s.res.meta.title ? s.res.meta.title : "");
	else
		sbuf_printf(&msg, "Import %s", base_name(file));
	if (msg.len == 0 || msg.buf[msg.len - 1] != '\n')
		sbuf_addch(&msg, '\n');
	/* what was stored is the PDF's text: say which file it came from */
	if (s.pdf_sha256[0])
		sbuf_printf(&msg, "\nSource-PDF: %s\nSource-SHA256: %s\n", base_name(file), s.pdf_sha256);
	im.message = msg.buf;
	if (check_not_shadowing(c, path, &s, &im) < 0)
		goto out;
	switch (store_import(cli_store(c), &im, s.text, s.len, commit, &tagged, &err)) {
	case -1:
		out_error("%s", err.msg);
		goto out;
	case 2:
		/* imported; the work tree did not follow: said, with the command to run */
		out_error("warning: %s", err.msg);
		break;
	case 1:
		out_line(stdout, "%s is already the latest version of %s; nothing imported", s.name, path);
		rc = cli_finish_output(0) < 0 ? CLI_TROUBLE : CLI_SAME;
		goto out;
	}
	git_name = im.symbol ? symbol_git_name(im.symbol) : NULL;
	if (im.symbol && tagged > 0)
		out_line(stdout, "imported %s as %.7s on %s (tagged %s)", s.name, commit, path, git_name);
	else if (im.symbol && tagged == 0)
		out_line(stdout, "imported %s as %.7s on %s (tag %s exists; not moved)", s.name, commit, path, git_name);
	else if (im.symbol && tagged == -2)
		out_line(stdout, "imported %s as %.7s on %s (not tagged: %s)", s.name, commit, path, err.msg);
	else if (im.symbol)
		out_line(stdout, "imported %s as %.7s on %s (not tagged: '%s' is not a document symbol)", s.name, commit,
			 path, im.symbol);
	else
		out_line(stdout, "imported %s as %.7s on %s", s.name, commit, path);
	if (c->no_checkout && store_has_work_tree(cli_store(c)))
		out_error("note: the work tree still has the version before; to bring it along: git checkout HEAD -- %s",
			  path);
	rc = cli_finish_output(0) < 0 ? CLI_TROUBLE : CLI_SAME;
out:
	sbuf_release(&msg);
	free(git_name);
	free(path);
	free(name);
	free(email);
	source_release(&s);
	return rc;
}
