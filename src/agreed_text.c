/*
 * agreed_text: the wording of the agreed-language hits (agreed_text.h).
 */
#include "config.h"
#include "agreed_text.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *
occ_date(const struct agreed_index *x, const struct agreed_occ *o)
{
	return agreed_str(x, x->v[o->version].date);
}

static int
is_self(const struct agreed_index *x, const struct agreed_occ *o, const char *commit, const char *clause)
{
	return commit && clause && strcmp(agreed_str(x, x->v[o->version].commit), commit) == 0 &&
	       strcmp(agreed_str(x, o->clause_id), clause) == 0;
}

/* Oldest first; on one date, in the order the index has the versions
 * (history's), whatever order the texts are kept in. */
static int
occ_later(const struct agreed_index *x, const struct agreed_occ *a, const struct agreed_occ *b)
{
	int d = strcmp(occ_date(x, a), occ_date(x, b));

	return d ? d > 0 : a->version > b->version;
}

/* qsort_r is not C11, and a clause's occurrences are few: an insertion
 * sort */
static void
sort_occs(const struct agreed_index *x, const struct agreed_occ **v, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		const struct agreed_occ *t = v[i];

		for (j = i; j > 0 && occ_later(x, v[j - 1], t); j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

static int
cmp_group(const void *a, const void *b)
{
	const struct agreed_group *x = a, *y = b;
	int d;

	if (x->hit->coverage != y->hit->coverage)
		return x->hit->coverage > y->hit->coverage ? -1 : 1;
	if (x->adopted != y->adopted)
		return x->adopted ? -1 : 1;
	d = strcmp(x->first_date, y->first_date);
	return d ? d : (x->hit->clause < y->hit->clause ? -1 : x->hit->clause > y->hit->clause);
}

/* A hit's occurrences but the query's own, added to its group's. */
static void
add_occurrences(const struct agreed_index *x, const struct agreed_clause *cl, const char *self_commit,
		const char *self_clause, struct agreed_group *g, size_t *acap, size_t *dcap)
{
	size_t k;

	for (k = 0; k < cl->nocc; k++) {
		const struct agreed_occ *o = &x->occs[cl->occ + k];
		int adopted;

		if (o->version >= x->nv || is_self(x, o, self_commit, self_clause))
			continue;
		adopted = x->v[o->version].adopted != 0;
		if (adopted) {
			GROW(g->adopted_occ, *acap, g->nadopted + 1);
			g->adopted_occ[g->nadopted++] = o;
		} else {
			GROW(g->drafts, *dcap, g->ndrafts + 1);
			g->drafts[g->ndrafts++] = o;
		}
		/* the date it sorts by: the first adoption, else the first draft */
		if ((adopted && !g->adopted) || !g->first_date ||
		    (adopted == g->adopted && strcmp(occ_date(x, o), g->first_date) < 0))
			g->first_date = occ_date(x, o);
		g->adopted |= adopted;
	}
}

size_t
agreed_text_groups(const struct agreed_index *x, const struct agreed_hit *hits, size_t n, const char *self_commit,
		   const char *self_clause, struct agreed_group **out)
{
	struct agreed_group *groups = xcalloc(n + 1, sizeof(*groups));
	uint64_t *key = xcalloc(n + 1, sizeof(*key));
	size_t *acap = xcalloc(n + 1, sizeof(*acap)), *dcap = xcalloc(n + 1, sizeof(*dcap));
	size_t ng = 0, i, j;

	/* the part of a hit's text that holds the query: the wordings of a
	 * clause edited elsewhere (its versions over the years, a copy in
	 * another resolution) read the same there, show as the same line, and
	 * are one group; hits come best first: a group's first is its best */
	for (i = 0; i < n; i++) {
		uint64_t k = hits[i].span_key;

		for (j = 0; j < ng && key[j] != k; j++)
			;
		if (j == ng) {
			memset(&groups[ng], 0, sizeof(groups[ng]));
			groups[ng].hit = &hits[i];
			key[ng++] = k;
		}
		groups[j].nvariants++;
		add_occurrences(x, &x->c[hits[i].clause], self_commit, self_clause, &groups[j], &acap[j], &dcap[j]);
	}
	/* a group that only the query itself holds goes */
	for (i = 0, j = 0; i < ng; i++) {
		if (groups[i].nadopted + groups[i].ndrafts == 0) {
			free(groups[i].adopted_occ);
			free(groups[i].drafts);
			continue;
		}
		sort_occs(x, groups[i].adopted_occ, groups[i].nadopted);
		sort_occs(x, groups[i].drafts, groups[i].ndrafts);
		groups[j++] = groups[i];
	}
	ng = j;
	if (ng)
		qsort(groups, ng, sizeof(*groups), cmp_group);
	for (i = AGREED_TEXT_MAX_HITS; i < ng; i++) {
		free(groups[i].adopted_occ);
		free(groups[i].drafts);
	}
	if (ng > AGREED_TEXT_MAX_HITS)
		ng = AGREED_TEXT_MAX_HITS;
	free(key);
	free(acap);
	free(dcap);
	*out = groups;
	return ng;
}

void
agreed_text_groups_free(struct agreed_group *g, size_t n)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < n; i++) {
		free(g[i].adopted_occ);
		free(g[i].drafts);
	}
	free(g);
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void
agreed_text_one_line(char *s)
{
	char *r = s, *w = s;

	while (is_space(*r))
		r++;
	while (*r) {
		if (is_space(*r)) {
			while (is_space(*r))
				r++;
			if (*r)
				*w++ = ' ';
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
}

void
agreed_text_occ(const struct agreed_index *x, const struct agreed_occ *o, struct sbuf *out)
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

void
agreed_text_diff(const struct agreed_index *x, const struct agreed_hit *h, const char *query, struct wscript *ws,
		 int *cut_before, int *cut_after)
{
	const struct agreed_clause *c = &x->c[h->clause];
	const char *t = agreed_str(x, c->text);
	size_t a = 0, e = c->text_len;

	if (agreed_span(x, h->clause, query, &a, &e) < 0) {
		a = 0;
		e = c->text_len;
	}
	wdiff_compute(query, strlen(query), t + a, e - a, NULL, IGNORE_TYPOGRAPHY, ws);
	*cut_before = a > 0;
	*cut_after = e < c->text_len;
}

void
agreed_text_coverage(const struct agreed_hit *h, struct sbuf *out)
{
	sbuf_printf(out, "%3.0f%%  ", h->coverage * 100);
}

void
agreed_text_hit(const struct agreed_index *x, const struct agreed_group *g, const char *query, struct sbuf *out)
{
	struct wscript ws;
	int before, after;
	size_t k;

	wscript_init(&ws);
	agreed_text_coverage(g->hit, out);
	agreed_text_diff(x, g->hit, query, &ws, &before, &after);
	if (before)
		sbuf_adds(out, "...");
	for (k = 0; k < ws.n; k++) {
		const struct wop *op = &ws.v[k];

		sbuf_adds(out, op->kind == WOP_DEL ? "[-" : op->kind == WOP_INS ? "{+" : "");
		sbuf_add(out, op->s, op->len);
		sbuf_adds(out, op->kind == WOP_DEL ? "-]" : op->kind == WOP_INS ? "+}" : "");
	}
	if (after)
		sbuf_adds(out, "...");
	wscript_release(&ws);
}

void
agreed_text_occ_list(const struct agreed_index *x, const struct agreed_occ *const *v, size_t n, struct sbuf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			sbuf_adds(out, ", ");
		agreed_text_occ(x, v[i], out);
	}
}

void
agreed_text_summary(size_t ngroups, const char *what, size_t nclauses, size_t nversions, struct sbuf *out)
{
	sbuf_printf(out, "%zu text%s hold%s %.0f%% or more of %s (%zu distinct clauses of %zu versions searched)",
		    ngroups, ngroups == 1 ? "" : "s", ngroups == 1 ? "s" : "", AGREED_TEXT_MIN_COVERAGE * 100, what,
		    nclauses, nversions);
}

size_t
agreed_text_too_long(const char *query)
{
	uint64_t *keys;
	size_t nw = agreed_words(query, strlen(query), &keys, NULL, NULL);

	free(keys);
	return nw > AGREED_QUERY_WORDS_MAX ? nw : 0;
}
