/*
 * blame, history, map: where each clause of a series came from and what
 * happened to it version by version (series.h, engine/lineage.h).
 */
#include "config.h"
#include "cmds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export.h"
#include "json.h"
#include "lineage.h"
#include "lineage_text.h"
#include "out.h"
#include "sbuf.h"
#include "series.h"
#include "svgout.h"
#include "verbs.h"
#include "wdiff.h"

/* The series and the version a command is about: VERSION (a symbol or
 * revision of the repository), else the latest of -- PATH or the only
 * series. */
static int
load_series(struct cli *c, const char *spec, int all, struct series *s, size_t *at)
{
	struct source one;
	struct rl_error err;
	struct store *st;
	char *path = NULL;
	int rc = -1;

	series_init(s);
	source_init(&one);
	if (!(st = cli_store(c)))
		goto out;
	if (spec) {
		if (cli_load(c, spec, &one) < 0)
			goto out;
		if (!one.from_repo || !one.path) {
			out_error("'%s' is a file; %s reads the versions of a series in the repository", spec,
				  c->cmd->name);
			goto out;
		}
		path = xstrdup(one.path);
	} else if (cli_series(c, &path) < 0) {
		goto out;
	}
	/* all: every version, the one asked for among them (history goes on
	 * past it); else up to it */
	if (series_load(st, path, spec && !all ? one.commit : NULL, s, &err) < 0) {
		if (spec && !all && !strstr(err.msg, "no versions"))
			out_error("%s did not change '%s': name a version that did (redline log -- %s lists them)",
				  spec, path, path);
		else
			cli_error(&err);
		goto out;
	}
	*at = s->n - 1;
	if (spec && all) {
		long k = series_find(s, one.commit);

		if (k < 0) {
			out_error("%s did not change '%s': name a version that did (redline log -- %s lists them)",
				  spec, path, path);
			goto out;
		}
		*at = (size_t)k;
	}
	rc = 0;
out:
	free(path);
	source_release(&one);
	return rc;
}

/*
 * blame
 */

int
cmd_blame(struct cli *c)
{
	struct series s;
	struct json_writer w;
	size_t i, last, width = 0;
	long *path = NULL;
	int rc = CLI_TROUBLE, written = 0;

	if (c->nargs > 1)
		return cli_usage_error(c, "blame takes at most one VERSION");
	if (load_series(c, c->nargs ? c->args[0] : NULL, 0, &s, &last) < 0)
		goto out;
	path = xmalloc((s.n + 1) * sizeof(*path));
	for (i = 0; i < s.v[last].res.nclauses; i++)
		if (strlen(s.v[last].res.clauses[i].id) > width)
			width = strlen(s.v[last].res.clauses[i].id);
	if (c->format == FORMAT_JSON) {
		json_writer_init(&w, stdout, 1);
		json_begin_object(&w);
		json_member_string(&w, "format", "redline-blame/1");
		json_member_string(&w, "path", s.path);
		json_member_string(&w, "version", s.label[last]);
		json_member_string(&w, "commit", s.v[last].commit);
		json_key(&w, "clauses");
		json_begin_array(&w);
	} else {
		out_line(stdout, "blame of %s (%s): %zu clauses, %zu version%s since %s", s.label[last], s.path,
			 s.v[last].res.nclauses, s.n, s.n == 1 ? "" : "s", s.label[0]);
	}
	for (i = 0; i < s.v[last].res.nclauses; i++) {
		const struct clause *cl = &s.v[last].res.clauses[i];
		const struct lin_clause *lc = &s.lin.v[last].c[i];
		const struct clause *then = lineage_text_clause(&s, lc->origin, (long)lc->origin_clause);
		const char *from = NULL, *to = NULL;

		if (lc->verb >= 0) {
			lineage_path(&s.lin, last, i, path);
			lineage_text_openers(&s, (size_t)lc->verb, path[lc->verb], &from, &to);
		}
		if (c->format == FORMAT_JSON) {
			json_begin_object(&w);
			json_member_string(&w, "clause", cl->id);
			json_key(&w, "since");
			json_begin_object(&w);
			json_member_string(&w, "version", s.label[lc->origin]);
			json_member_string(&w, "commit", s.v[lc->origin].commit);
			json_member_string(&w, "clause", then ? then->id : NULL);
			json_end_object(&w);
			json_key(&w, "words");
			if (lc->words >= 0) {
				json_begin_object(&w);
				json_member_string(&w, "version", s.label[lc->words]);
				json_member_string(&w, "commit", s.v[lc->words].commit);
				json_end_object(&w);
			} else {
				json_null(&w);
			}
			json_key(&w, "verb");
			if (lc->verb >= 0) {
				json_begin_object(&w);
				json_member_string(&w, "version", s.label[lc->verb]);
				json_member_string(&w, "commit", s.v[lc->verb].commit);
				json_member_string(&w, "from", from);
				json_member_string(&w, "to", to);
				json_member_string(&w, "shift", verbs_shift_name(lc->verb_shift));
				json_end_object(&w);
			} else {
				json_null(&w);
			}
			json_member_int(&w, "churn", (long long)lc->churn);
			json_end_object(&w);
			continue;
		}
		{
			struct sbuf line = SBUF_INIT;

			lineage_text_blame(&s, last, i, (int)width, path, &line, NULL);
			out_line(stdout, "%s", line.buf);
			sbuf_release(&line);
		}
	}
	if (c->format == FORMAT_JSON) {
		json_end_array(&w);
		json_end_object(&w);
		written = json_writer_finish(&w);
	}
	rc = cli_finish_output(written) < 0 ? CLI_TROUBLE : CLI_SAME;
out:
	free(path);
	series_release(&s);
	return rc;
}

/*
 * history
 */

/* The words of a step, [-deleted-]{+inserted+}, or in JSON as ops. */
static void
step_diff(const struct series *s, size_t v, long i, struct sbuf *text, struct json_writer *w)
{
	struct wscript ws;
	size_t k;

	wscript_init(&ws);
	lineage_text_wdiff(s, v, i, &ws);
	if (w)
		json_begin_array(w);
	for (k = 0; k < ws.n; k++) {
		const struct wop *op = &ws.v[k];

		if (w) {
			json_begin_object(w);
			json_member_string(w, "op", op->kind == WOP_EQ ? "=" : op->kind == WOP_INS ? "+" : "-");
			json_key(w, "text");
			json_string_n(w, op->s, op->len);
			json_end_object(w);
			continue;
		}
		sbuf_adds(text, op->kind == WOP_DEL ? "[-" : op->kind == WOP_INS ? "{+" : "");
		sbuf_add(text, op->s, op->len);
		sbuf_adds(text, op->kind == WOP_DEL ? "-]" : op->kind == WOP_INS ? "+}" : "");
	}
	if (w)
		json_end_array(w);
	wscript_release(&ws);
}

/* A clause as people write it: OP5, op5(a), 5 (an operative paragraph);
 * -1 when there is none. */
static long
find_clause_loosely(const struct resolution *r, const char *name)
{
	struct sbuf id = SBUF_INIT;
	size_t i;
	long found = -1;

	if (name[0] >= '0' && name[0] <= '9')
		sbuf_adds(&id, "OP");
	sbuf_adds(&id, name);
	for (i = 0; i < r->nclauses && found < 0; i++)
		if (strcasecmp(r->clauses[i].id, sbuf_str(&id)) == 0)
			found = (long)i;
	sbuf_release(&id);
	return found;
}

int
cmd_history(struct cli *c)
{
	struct series s;
	struct json_writer w;
	struct sbuf fate = SBUF_INIT;
	long *path = NULL;
	size_t at, v, end, lw = 0;
	long i, ci;
	int rc = CLI_TROUBLE, written = 0;

	if (c->nargs < 1 || c->nargs > 2 || !*c->args[0])
		return cli_usage_error(c, "history takes a CLAUSE (OP5, PP12) and at most one VERSION");
	if (load_series(c, c->nargs == 2 ? c->args[1] : NULL, 1, &s, &at) < 0)
		goto out;
	ci = find_clause_loosely(&s.v[at].res, c->args[0]);
	if (ci < 0) {
		out_error("no clause %s in %s (%s)", c->args[0], s.label[at], s.path);
		goto out;
	}
	/* the clause in every version: back to its origin, and after the
	 * version asked for on through its heir while it goes on as one */
	path = xmalloc((s.n + 1) * sizeof(*path));
	end = lineage_text_line(&s, at, (size_t)ci, path);
	for (v = 0; v <= end; v++)
		if (path[v] >= 0 && strlen(s.label[v]) > lw)
			lw = strlen(s.label[v]);
	if (c->format == FORMAT_JSON) {
		json_writer_init(&w, stdout, 1);
		json_begin_object(&w);
		json_member_string(&w, "format", "redline-history/1");
		json_member_string(&w, "path", s.path);
		json_member_string(&w, "clause", lineage_text_clause(&s, at, ci)->id);
		json_member_string(&w, "version", s.label[at]);
		json_key(&w, "steps");
		json_begin_array(&w);
	} else {
		out_line(stdout, "history of %s of %s (%s), oldest first", lineage_text_clause(&s, at, ci)->id, s.label[at], s.path);
	}
	for (v = 0; v <= end; v++) {
		struct sbuf what = SBUF_INIT, diff = SBUF_INIT;
		long here = path[v];
		const struct lin_clause *lc;

		if (here < 0)
			continue;
		lc = &s.lin.v[v].c[here];
		lineage_text_step(&s, v, here, &what);
		if (c->format == FORMAT_JSON) {
			json_begin_object(&w);
			json_member_string(&w, "version", s.label[v]);
			json_member_string(&w, "commit", s.v[v].commit);
			json_member_string(&w, "clause", lineage_text_clause(&s, v, here)->id);
			json_member_string(&w, "change", what.buf);
			json_key(&w, "diff");
			step_diff(&s, v, here, NULL, &w);
			json_end_object(&w);
		} else {
			out_line(stdout, "%-*s  %-8s %s", (int)lw, s.label[v], lineage_text_clause(&s, v, here)->id, what.buf);
			if (v == lc->origin || lineage_changed(&lc->in)) {
				step_diff(&s, v, here, &diff, NULL);
				out_line(stdout, "    %s", diff.buf);
			}
		}
		sbuf_release(&what);
		sbuf_release(&diff);
	}
	i = path[end];
	if (c->format == FORMAT_JSON) {
		json_end_array(&w);
		json_key(&w, "then");
		json_string(&w, lineage_text_fate(&s, end, i, &fate));
		json_end_object(&w);
		written = json_writer_finish(&w);
	} else if (lineage_text_fate(&s, end, i, &fate)) {
		out_line(stdout, "then %s", fate.buf);
	}
	rc = cli_finish_output(written) < 0 ? CLI_TROUBLE : CLI_SAME;
out:
	free(path);
	sbuf_release(&fate);
	series_release(&s);
	return rc;
}

/*
 * map
 */

int
cmd_map(struct cli *c)
{
	struct series s;
	struct lin_map m;
	struct json_writer w;
	struct sbuf label = SBUF_INIT, line = SBUF_INIT;
	size_t i, v, width = 5;
	int rc = CLI_TROUBLE, written = 0, deleted_header = 0;

	memset(&m, 0, sizeof(m));
	if (c->nargs > 0)
		return cli_usage_error(c, "map takes no VERSION: it maps the whole series (-- PATH)");
	if (load_series(c, NULL, 0, &s, &i) < 0)
		goto out;
	lineage_map(&s.lin, &m);
	if (c->format == FORMAT_SVG) {
		struct sbuf doc = SBUF_INIT;
		const char **labels = xcalloc(m.n + 1, sizeof(*labels));
		struct sbuf *lb = xcalloc(m.n + 1, sizeof(*lb));
		struct rl_error err;

		for (i = 0; i < m.n; i++) {
			lineage_text_row_label(&s, &m.rows[i], &lb[i]);
			labels[i] = lb[i].buf;
		}
		svgout_map(&m, (const char *const *)s.label, labels, s.path, &doc);
		if (export_write(c->output ? c->output : "-", doc.buf, doc.len, c->force, &err) < 0)
			cli_error(&err);
		else
			rc = CLI_SAME;
		for (i = 0; i < m.n; i++)
			sbuf_release(&lb[i]);
		free(lb);
		free(labels);
		sbuf_release(&doc);
		goto out;
	}
	if (c->format == FORMAT_JSON) {
		json_writer_init(&w, stdout, 1);
		json_begin_object(&w);
		json_member_string(&w, "format", "redline-map/1");
		json_member_string(&w, "path", s.path);
		json_key(&w, "versions");
		json_begin_array(&w);
		for (v = 0; v < s.n; v++) {
			json_begin_object(&w);
			json_member_string(&w, "version", s.label[v]);
			json_member_string(&w, "commit", s.v[v].commit);
			json_end_object(&w);
		}
		json_end_array(&w);
		json_key(&w, "rows");
		json_begin_array(&w);
		for (i = 0; i < m.n; i++) {
			json_begin_object(&w);
			json_member_string(&w, "clause", lineage_text_clause(&s, m.rows[i].version, (long)m.rows[i].clause)->id);
			json_key(&w, "deleted_in");
			json_string(&w, m.rows[i].deleted ? s.label[m.rows[i].version + 1] : NULL);
			json_key(&w, "cells");
			json_begin_array(&w);
			for (v = 0; v < m.nversions; v++)
				json_string(&w, lineage_text_cell_name((enum lin_cell)m.rows[i].cells[v]));
			json_end_array(&w);
			json_member_int(&w, "churn", (long long)m.rows[i].churn);
			json_end_object(&w);
		}
		json_end_array(&w);
		json_end_object(&w);
		written = json_writer_finish(&w);
		rc = cli_finish_output(written) < 0 ? CLI_TROUBLE : CLI_SAME;
		goto out;
	}
	for (i = 0; i < m.n; i++) {
		sbuf_reset(&label);
		lineage_text_row_label(&s, &m.rows[i], &label);
		if (label.len > width)
			width = label.len;
	}
	out_line(stdout, "map of %s: %zu versions (columns, oldest first), %zu clauses", s.path, s.n,
		 s.v[s.n - 1].res.nclauses);
	/* the columns' versions, as many to a line as 80 columns hold */
	{
		size_t lw = 0, per;

		for (v = 0; v < s.n; v++)
			if (strlen(s.label[v]) > lw)
				lw = strlen(s.label[v]);
		per = 76 / (lw + 4);
		if (per == 0)
			per = 1;
		for (v = 0; v < s.n; v++) {
			if (v % per == 0)
				sbuf_reset(&line);
			sbuf_printf(&line, " %3zu %-*s", v + 1, (int)lw, s.label[v]);
			if (v % per == per - 1 || v + 1 == s.n) {
				while (line.len && line.buf[line.len - 1] == ' ')
					line.buf[--line.len] = '\0';
				out_line(stdout, "%s", line.buf);
			}
		}
	}
	sbuf_reset(&line);
	sbuf_printf(&line, "%-*s  ", (int)width, "");
	for (v = 0; v < s.n; v++)
		sbuf_addch(&line, (char)('0' + (v + 1) % 10));
	sbuf_adds(&line, "  churn");
	out_line(stdout, "%s", line.buf);
	for (i = 0; i < m.n; i++) {
		if (m.rows[i].deleted && !deleted_header) {
			out_line(stdout, "deleted along the way:");
			deleted_header = 1;
		}
		sbuf_reset(&line);
		sbuf_reset(&label);
		lineage_text_row_label(&s, &m.rows[i], &label);
		sbuf_printf(&line, "%-*s  ", (int)width, label.buf);
		for (v = 0; v < m.nversions; v++)
			sbuf_addch(&line, lineage_text_cell_char((enum lin_cell)m.rows[i].cells[v]));
		sbuf_printf(&line, "  %zu", m.rows[i].churn);
		out_line(stdout, "%s", line.buf);
	}
	out_line(stdout, "%s", lineage_text_legend());
	rc = cli_finish_output(0) < 0 ? CLI_TROUBLE : CLI_SAME;
out:
	lin_map_release(&m);
	sbuf_release(&label);
	sbuf_release(&line);
	series_release(&s);
	return rc;
}
