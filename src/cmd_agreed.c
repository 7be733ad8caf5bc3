/*
 * agreed: where a wording has been adopted before (agreed_store.h,
 * engine/agreed.h).
 */
#include "config.h"
#include "cmds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agreed.h"
#include "agreed_store.h"
#include "input.h"
#include "json.h"
#include "out.h"
#include "sbuf.h"
#include "utf8.h"
#include "wdiff.h"

/* The share of the query a text must hold to be listed. */
#define MIN_COVERAGE 0.6
#define MAX_HITS 50

struct group {
	const struct agreed_hit *hit;
	const char *first_date;		/* its earliest adopted occurrence's, else its earliest */
	int adopted;
};

struct state {
	struct cli *c;
	const struct agreed_index *x;
	const char *query;
	/* --clause: the occurrence that is the query itself */
	const char *self_commit, *self_clause;
};

static int
is_self(const struct state *st, const struct agreed_occ *o)
{
	return st->self_commit && strcmp(agreed_str(st->x, st->x->v[o->version].commit), st->self_commit) == 0 &&
	       strcmp(agreed_str(st->x, o->clause_id), st->self_clause) == 0;
}

static const char *
occ_date(const struct agreed_index *x, const struct agreed_occ *o)
{
	return agreed_str(x, x->v[o->version].date);
}

static int
cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	int d;

	if (x->hit->coverage != y->hit->coverage)
		return x->hit->coverage > y->hit->coverage ? -1 : 1;
	if (x->adopted != y->adopted)
		return x->adopted ? -1 : 1;
	d = strcmp(x->first_date, y->first_date);
	return d ? d : (x->hit->clause < y->hit->clause ? -1 : x->hit->clause > y->hit->clause);
}

/* Occurrences of a distinct clause, oldest first by date. */
static int
cmp_occ_date(const void *a, const void *b, void *arg)
{
	const struct agreed_index *x = arg;
	const struct agreed_occ *p = a, *q = b;

	return strcmp(occ_date(x, p), occ_date(x, q));
}

/* qsort_r is not C11; occurrences are few: an insertion sort */
static void
sort_occs(const struct agreed_index *x, const struct agreed_occ **v, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		const struct agreed_occ *t = v[i];

		for (j = i; j > 0 && cmp_occ_date(v[j - 1], t, (void *)x) > 0; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

static void
occ_label(const struct agreed_index *x, const struct agreed_occ *o, struct sbuf *out)
{
	const struct agreed_version *v = &x->v[o->version];
	const char *sym = agreed_str(x, v->symbol), *date = agreed_str(x, v->date);

	if (*sym)
		sbuf_adds(out, sym);
	else
		sbuf_printf(out, "%s@%.7s", agreed_str(x, v->path), agreed_str(x, v->commit));
	sbuf_printf(out, " %s", agreed_str(x, o->clause_id));
	if (*date)
		sbuf_printf(out, " (%s)", date);
}

/* The query against the part of the clause that holds it: ops for JSON,
 * or [-...-]{+...+} text. */
static void
hit_diff(const struct state *st, const struct agreed_hit *h, struct sbuf *text, struct json_writer *w)
{
	const struct agreed_clause *c = &st->x->c[h->clause];
	const char *t = agreed_str(st->x, c->text);
	size_t a = 0, e = c->text_len, k;
	struct wscript ws;

	if (agreed_span(st->x, h->clause, st->query, &a, &e) < 0) {
		a = 0;
		e = c->text_len;
	}
	wscript_init(&ws);
	wdiff_compute(st->query, strlen(st->query), t + a, e - a, NULL, IGNORE_TYPOGRAPHY, &ws);
	if (w) {
		json_key(w, "diff");
		json_begin_array(w);
	}
	if (text && a > 0)
		sbuf_adds(text, "...");
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
	if (text && e < c->text_len)
		sbuf_adds(text, "...");
	if (w)
		json_end_array(w);
	wscript_release(&ws);
}

static void
list_occs(struct state *st, const struct agreed_occ **v, size_t n, const char *key, struct json_writer *w,
	  struct sbuf *line)
{
	size_t i;

	if (w) {
		json_key(w, key);
		json_begin_array(w);
		for (i = 0; i < n; i++) {
			const struct agreed_version *ver = &st->x->v[v[i]->version];

			json_begin_object(w);
			json_member_string(w, "symbol", *agreed_str(st->x, ver->symbol) ? agreed_str(st->x, ver->symbol) : NULL);
			json_member_string(w, "clause", agreed_str(st->x, v[i]->clause_id));
			json_member_string(w, "date", agreed_str(st->x, ver->date));
			json_member_string(w, "path", agreed_str(st->x, ver->path));
			json_member_string(w, "commit", agreed_str(st->x, ver->commit));
			json_end_object(w);
		}
		json_end_array(w);
		return;
	}
	for (i = 0; i < n; i++) {
		if (i)
			sbuf_adds(line, ", ");
		occ_label(st->x, v[i], line);
	}
}

static void
show_group(struct state *st, const struct group *g, struct json_writer *w)
{
	const struct agreed_clause *c = &st->x->c[g->hit->clause];
	const struct agreed_occ **adopted = xcalloc(c->nocc + 1, sizeof(*adopted));
	const struct agreed_occ **drafts = xcalloc(c->nocc + 1, sizeof(*drafts));
	size_t na = 0, nd = 0, i;
	struct sbuf line = SBUF_INIT;

	for (i = 0; i < c->nocc; i++) {
		const struct agreed_occ *o = &st->x->occs[c->occ + i];

		if (o->version >= st->x->nv || is_self(st, o))
			continue;
		if (st->x->v[o->version].adopted)
			adopted[na++] = o;
		else
			drafts[nd++] = o;
	}
	sort_occs(st->x, adopted, na);
	sort_occs(st->x, drafts, nd);
	if (w) {
		json_begin_object(w);
		json_key(w, "coverage");
		json_double(w, g->hit->coverage);
		json_member_string(w, "text", agreed_str(st->x, c->text));
		hit_diff(st, g->hit, NULL, w);
		list_occs(st, adopted, na ? 1 : 0, "first_adopted", w, NULL);
		list_occs(st, na ? adopted + 1 : adopted, na ? na - 1 : 0, "recurs_in", w, NULL);
		list_occs(st, drafts, nd, na ? "drafts" : "drafts_only", w, NULL);
		json_end_object(w);
		goto out;
	}
	sbuf_printf(&line, "%3.0f%%  ", g->hit->coverage * 100);
	hit_diff(st, g->hit, &line, NULL);
	out_line(stdout, "%s", line.buf);
	if (na) {
		sbuf_reset(&line);
		sbuf_adds(&line, "      first adopted  ");
		list_occs(st, adopted, 1, NULL, NULL, &line);
		out_line(stdout, "%s", line.buf);
		if (na > 1) {
			sbuf_reset(&line);
			sbuf_adds(&line, "      recurs in      ");
			list_occs(st, adopted + 1, na - 1, NULL, NULL, &line);
			out_line(stdout, "%s", line.buf);
		}
	}
	if (nd) {
		sbuf_reset(&line);
		sbuf_adds(&line, na ? "      drafts         " : "      drafts only    ");
		list_occs(st, drafts, nd, NULL, NULL, &line);
		if (!na)
			sbuf_adds(&line, "  (never adopted: not agreed language)");
		out_line(stdout, "%s", line.buf);
	}
	out_line(stdout, "%s", "");
out:
	free(adopted);
	free(drafts);
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

/* White space of any kind, line ends above all, one space: a phrase
 * pasted from a PDF or typed over lines reads as one line. */
static void
one_line(char *s)
{
	char *r = s, *w = s;

	while (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r')
		r++;
	while (*r) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
			while (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r')
				r++;
			if (*r)
				*w++ = ' ';
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
}

int
cmd_agreed(struct cli *c)
{
	struct agreed_index x;
	struct agreed_kept kept = { NULL, 0 };
	struct agreed_hit *hits = NULL;
	struct group *groups = NULL;
	struct state st;
	struct source src;
	struct json_writer w;
	struct rl_error err;
	struct store *s;
	const char *self_commit = NULL, *self_clause = NULL;
	char *query = NULL;
	size_t n = 0, ng = 0, i, k;
	int rc = CLI_TROUBLE, built = 0, written = 0;

	source_init(&src);
	memset(&x, 0, sizeof(x));
	if (!c->reindex || c->nargs || c->clause || c->agreed_file)
		if (the_query(c, &src, &query, &self_commit, &self_clause) != 0)
			goto out;
	if (query)
		one_line(query);
	if (!(s = cli_store(c)))
		goto out;
	if (agreed_store_index(s, c->reindex, &x, &kept, &built, &err) < 0) {
		cli_error(&err);
		goto out;
	}
	if (!query) {
		out_line(stdout, "agreed-language index: %zu distinct clauses of %zu versions", x.nc, x.nv);
		rc = cli_finish_output(0) < 0 ? CLI_TROUBLE : CLI_SAME;
		goto out;
	}
	n = agreed_query(&x, query, MIN_COVERAGE, MAX_HITS, &hits);
	memset(&st, 0, sizeof(st));
	st.c = c;
	st.x = &x;
	st.query = query;
	st.self_commit = self_commit;
	st.self_clause = self_clause;
	groups = xcalloc(n + 1, sizeof(*groups));
	for (i = 0; i < n; i++) {
		const struct agreed_clause *cl = &x.c[hits[i].clause];
		struct group *g = &groups[ng];
		size_t others = 0;

		g->hit = &hits[i];
		g->first_date = NULL;
		for (k = 0; k < cl->nocc; k++) {
			const struct agreed_occ *o = &x.occs[cl->occ + k];
			int adopted;

			if (o->version >= x.nv || is_self(&st, o))
				continue;
			adopted = x.v[o->version].adopted;
			others++;
			if ((adopted && !g->adopted) || !g->first_date ||
			    (adopted == g->adopted && strcmp(occ_date(&x, o), g->first_date) < 0))
				g->first_date = occ_date(&x, o);
			g->adopted |= adopted;
		}
		if (others)
			ng++;
	}
	qsort(groups, ng, sizeof(*groups), cmp_group);
	if (c->format == FORMAT_JSON) {
		json_writer_init(&w, stdout, 1);
		json_begin_object(&w);
		json_member_string(&w, "format", "redline-agreed/1");
		json_member_string(&w, "query", query);
		json_key(&w, "min_coverage");
		json_double(&w, MIN_COVERAGE);
		json_key(&w, "texts");
		json_begin_array(&w);
		for (i = 0; i < ng; i++)
			show_group(&st, &groups[i], &w);
		json_end_array(&w);
		json_end_object(&w);
		written = json_writer_finish(&w);
	} else {
		out_line(stdout, "%zu text%s hold%s %.0f%% or more of the wording (%zu distinct clauses of %zu versions "
				 "searched)",
			 ng, ng == 1 ? "" : "s", ng == 1 ? "s" : "", MIN_COVERAGE * 100, x.nc, x.nv);
		out_line(stdout, "%s", "");
		for (i = 0; i < ng; i++)
			show_group(&st, &groups[i], NULL);
	}
	rc = cli_finish_output(written) < 0 ? CLI_TROUBLE : ng ? CLI_SAME : CLI_DIFFERENT;
out:
	free(hits);
	free(groups);
	free(query);
	agreed_store_release(&x, &kept);
	source_release(&src);
	return rc;
}
