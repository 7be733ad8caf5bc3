/*
 * agreed: where a wording has been adopted before (agreed_store.h,
 * engine/agreed.h), worded by agreed_text.h as the interface words it.
 */
#include "config.h"
#include "cmds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agreed.h"
#include "agreed_store.h"
#include "headpeek.h"
#include "agreed_text.h"
#include "input.h"
#include "json.h"
#include "out.h"
#include "sbuf.h"
#include "utf8.h"
#include "wdiff.h"

static void
json_occs(struct json_writer *w, const struct agreed_index *x, const char *key, const struct agreed_occ *const *v,
	  size_t n)
{
	size_t i;

	json_key(w, key);
	json_begin_array(w);
	for (i = 0; i < n; i++) {
		const struct agreed_version *ver = &x->v[v[i]->version];

		json_begin_object(w);
		json_member_string(w, "symbol", *agreed_str(x, ver->symbol) ? agreed_str(x, ver->symbol) : NULL);
		json_member_string(w, "clause", agreed_str(x, v[i]->clause_id));
		json_member_string(w, "date", agreed_str(x, ver->date));
		json_member_string(w, "path", agreed_str(x, ver->path));
		json_member_string(w, "commit", agreed_str(x, ver->commit));
		json_end_object(w);
	}
	json_end_array(w);
}

static void
json_group(struct json_writer *w, const struct agreed_index *x, const struct agreed_group *g, const char *query)
{
	struct wscript ws;
	int before, after;
	size_t k;

	json_begin_object(w);
	json_key(w, "coverage");
	json_double(w, g->hit->coverage);
	json_key(w, "variants");
	json_int(w, (long long)g->nvariants);
	json_member_string(w, "text", agreed_str(x, x->c[g->hit->clause].text));
	wscript_init(&ws);
	agreed_text_diff(x, g->hit, query, &ws, &before, &after);
	json_key(w, "diff");
	json_begin_array(w);
	for (k = 0; k < ws.n; k++) {
		json_begin_object(w);
		json_member_string(w, "op", ws.v[k].kind == WOP_EQ ? "=" : ws.v[k].kind == WOP_INS ? "+" : "-");
		json_key(w, "text");
		json_string_n(w, ws.v[k].s, ws.v[k].len);
		json_end_object(w);
	}
	json_end_array(w);
	wscript_release(&ws);
	json_occs(w, x, "first_adopted", g->adopted_occ, g->nadopted ? 1 : 0);
	json_occs(w, x, "recurs_in", g->nadopted ? g->adopted_occ + 1 : g->adopted_occ, g->nadopted ? g->nadopted - 1 : 0);
	json_occs(w, x, g->nadopted ? "drafts" : "drafts_only", g->drafts, g->ndrafts);
	json_end_object(w);
}

static void
text_group(const struct agreed_index *x, const struct agreed_group *g, const char *query)
{
	struct sbuf line = SBUF_INIT;

	agreed_text_hit(x, g, query, &line);
	out_line(stdout, "%s", line.buf);
	if (g->nadopted) {
		sbuf_reset(&line);
		sbuf_adds(&line, AGREED_TEXT_INDENT AGREED_TEXT_FIRST);
		agreed_text_occ_list(x, g->adopted_occ, 1, &line);
		out_line(stdout, "%s", line.buf);
		if (g->nadopted > 1) {
			sbuf_reset(&line);
			sbuf_adds(&line, AGREED_TEXT_INDENT AGREED_TEXT_RECURS);
			agreed_text_occ_list(x, g->adopted_occ + 1, g->nadopted - 1, &line);
			out_line(stdout, "%s", line.buf);
		}
	}
	if (g->ndrafts) {
		sbuf_reset(&line);
		sbuf_adds(&line, g->nadopted ? AGREED_TEXT_INDENT AGREED_TEXT_DRAFTS : AGREED_TEXT_INDENT AGREED_TEXT_DRAFTS_ONLY);
		agreed_text_occ_list(x, g->drafts, g->ndrafts, &line);
		if (!g->nadopted)
			sbuf_adds(&line, AGREED_TEXT_NOT_AGREED);
		out_line(stdout, "%s", line.buf);
	}
	out_line(stdout, "%s", "");
	sbuf_release(&line);
}

/* The query: the phrase, the file, or the clause of a version; 0, else
 * not (said). */
static int
the_query(struct cli *c, struct source *src, char **query, const char **self_commit, const char **self_clause)
{
	struct rl_error err;
	size_t len;

	*query = NULL;
	*self_commit = *self_clause = NULL;
	if (c->agreed_file) {
		if (c->nargs || c->clause)
			return cli_usage_error(c, "agreed: a PHRASE, --file FILE or --clause CLAUSE, one of them");
		if (read_file(c->agreed_file, query, &len, &err) < 0)
			return cli_error(&err);
		if (!utf8_valid(*query, len, NULL) || memchr(*query, '\0', len)) {
			out_error("'%s' is not UTF-8 text", c->agreed_file);
			return -1;
		}
		return 0;
	}
	if (c->clause) {
		const struct clause *cl;
		long i;

		if (c->nargs > 1)
			return cli_usage_error(c, "agreed --clause CLAUSE takes at most one VERSION");
		if (c->nargs == 1 ? cli_load(c, c->args[0], src) < 0 : source_load_latest(&c->repo, src, &err) < 0) {
			if (!c->nargs)
				cli_error(&err);
			return -1;
		}
		if ((i = resolution_find_clause(&src->res, c->clause)) < 0) {
			struct sbuf label = SBUF_INIT;

			source_describe(src, 0, &label);
			out_error("no clause %s in %s", c->clause, label.buf);
			sbuf_release(&label);
			return -1;
		}
		cl = &src->res.clauses[i];
		*query = xstrdup(cl->text);
		if (src->from_repo) {
			*self_commit = src->commit;
			*self_clause = cl->id;
		}
		return 0;
	}
	if (c->nargs != 1)
		return cli_usage_error(c, "agreed takes a PHRASE (in quotes), --file FILE or --clause CLAUSE");
	*query = xstrdup(c->args[0]);
	return 0;
}

/* A phrase needs no more of the repository than its kept index, when that
 * covers HEAD: read without opening the repository (headpeek.h), which
 * costs a quarter of such a query. 0, else -1: open it. */
static int
open_kept(const struct cli *c, struct agreed_store *a)
{
	char head[STORE_OID_HEX], *git_dir;
	int rc;

	if (c->reindex || c->clause || c->repo.path || head_peek(c->repo.dir, &git_dir, head) < 0)
		return -1;
	rc = agreed_store_open_kept(git_dir, head, a);
	free(git_dir);
	return rc;
}

int
cmd_agreed(struct cli *c)
{
	struct agreed_store a;
	const struct agreed_index *x = NULL;
	struct agreed_hit *hits = NULL;
	struct agreed_group *groups = NULL;
	struct source src;
	struct json_writer w;
	struct rl_error err;
	struct store *s;
	struct sbuf line = SBUF_INIT;
	const char *self_commit = NULL, *self_clause = NULL;
	char *query = NULL;
	size_t n = 0, ng = 0, i;
	int rc = CLI_TROUBLE, built = 0, written = 0;

	source_init(&src);
	memset(&a, 0, sizeof(a));
	if (!c->reindex || c->nargs || c->clause || c->agreed_file)
		if (the_query(c, &src, &query, &self_commit, &self_clause) != 0)
			goto out;
	if (query) {
		size_t nw = agreed_text_too_long(query);

		if (nw) {
			if (c->agreed_file)
				out_error("'%s' is %zu words long; agreed looks for at most %d (a paragraph, not a document)",
					  c->agreed_file, nw, AGREED_QUERY_WORDS_MAX);
			else
				out_error("the wording is %zu words long; agreed looks for at most %d", nw,
					  AGREED_QUERY_WORDS_MAX);
			goto out;
		}
		agreed_text_one_line(query);
	}
	if (!query || open_kept(c, &a) < 0) {
		if (!(s = cli_store(c)))
			goto out;
		if (agreed_store_open(s, c->reindex, &a, &built, &err) < 0) {
			cli_error(&err);
			goto out;
		}
	}
	if (!query) {
		out_line(stdout, "agreed-language index: %zu distinct clauses of %zu versions", a.nclauses, a.nversions);
		rc = cli_finish_output(0) < 0 ? CLI_TROUBLE : CLI_SAME;
		goto out;
	}
	x = agreed_store_query(&a, query, AGREED_TEXT_MIN_COVERAGE, AGREED_TEXT_QUERY_MAX, &hits, &n);
	ng = x ? agreed_text_groups(x, hits, n, self_commit, self_clause, &groups) : 0;
	if (c->format == FORMAT_JSON) {
		json_writer_init(&w, stdout, 1);
		json_begin_object(&w);
		json_member_string(&w, "format", "redline-agreed/1");
		json_member_string(&w, "query", query);
		json_key(&w, "min_coverage");
		json_double(&w, AGREED_TEXT_MIN_COVERAGE);
		json_key(&w, "texts");
		json_begin_array(&w);
		for (i = 0; i < ng; i++)
			json_group(&w, x, &groups[i], query);
		json_end_array(&w);
		json_end_object(&w);
		written = json_writer_finish(&w);
	} else {
		agreed_text_summary(ng, "the wording", a.nclauses, a.nversions, &line);
		out_line(stdout, "%s", line.buf);
		out_line(stdout, "%s", "");
		for (i = 0; i < ng; i++)
			text_group(x, &groups[i], query);
	}
	rc = cli_finish_output(written) < 0 ? CLI_TROUBLE : ng ? CLI_SAME : CLI_DIFFERENT;
out:
	agreed_text_groups_free(groups, ng);
	free(hits);
	free(query);
	sbuf_release(&line);
	agreed_store_close(&a);
	source_release(&src);
	return rc;
}
