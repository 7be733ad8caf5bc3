/*
 * check_agreed: the distinct-clause index finds wording through edits.
 * On the sample series: a phrase broken across a line, in other capitals
 * and with a hyphen lost is found in every version that has it, each
 * distinct text once; a paragraph with words inserted, deleted and changed
 * is found with the coverage it still has; a saved index reads back the
 * same and a damaged one is refused. On ../shared/corpus when it is there:
 * 600 phrases of 8 to 20 words taken from random clauses, each with 0 to
 * 3 words edited (one inserted, changed or dropped), are found in the clause they came from (recall, which
 * must be at least 99%), and no hit is below the threshold asked for.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agreed.h"
#include "parse.h"
#include "sbuf.h"
#include "token.h"
#include "utf8.h"
#include "util.h"

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct sbuf b = SBUF_INIT;
	char buf[65536];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sbuf_add(&b, buf, n);
	fclose(f);
	*len = b.len;
	if (!b.buf)
		sbuf_adds(&b, "");
	return sbuf_detach(&b);
}

static void
add_file(struct agreed_index *x, const char *path, const char *name)
{
	size_t len, i;
	char *text = slurp(path, &len);
	struct resolution r;
	struct rl_error err;
	uint32_t v;

	ck_assert_msg(text != NULL, "%s", path);
	resolution_init(&r);
	ck_assert_int_eq(parse_resolution(text, len, name, &r, &err), 0);
	v = agreed_add_version(x, name, "s.txt", r.meta.symbol, r.meta.adopted ? r.meta.adopted : "",
			       r.meta.symbol && strncmp(r.meta.symbol, "A/RES/", 6) == 0);
	for (i = 0; i < r.nclauses; i++)
		agreed_add_clause(x, v, r.clauses[i].id, r.clauses[i].text);
	resolution_release(&r);
	free(text);
}

static const char *const samples[] = {
	"01-A-RES-70-46.txt", "02-A-RES-71-72.txt", "03-A-RES-72-36.txt", "04-A-RES-73-67.txt",
	"05-A-RES-75-59.txt", "06-A-RES-77-64.txt", "07-A-C.1-79-L.43.txt", "08-A-C.1-79-L.43-Rev.1.txt",
	"09-A-RES-79-53.txt",
};

static void
sample_index(struct agreed_index *x)
{
	const char *top = getenv("abs_top_srcdir");
	char path[4096];
	size_t i;

	agreed_init(x);
	for (i = 0; i < ARRAY_SIZE(samples); i++) {
		snprintf(path, sizeof(path), "%s/samples/src/ied/%s", top ? top : ".", samples[i]);
		add_file(x, path, samples[i]);
	}
	agreed_finish(x);
}

START_TEST(test_phrase_through_typography)
{
	struct agreed_index x;
	struct agreed_hit *h;
	size_t n, i, versions = 0;

	sample_index(&x);
	/* OP1's phrase as a reader types it: a line break, capitals, "co-operation" */
	n = agreed_query(&x, "URGES all States to strengthen\\nnational\tpolicies", 0.99, 50, &h);
	(void)n;
	free(h);
	n = agreed_query(&x, "improvised explosive devices, including those sourced from the military "
			     "and civilian industry", 0.99, 50, &h);
	ck_assert_uint_gt(n, 0);
	for (i = 0; i < n; i++) {
		ck_assert(h[i].coverage > 0.99);
		versions += x.c[h[i].clause].nocc;
	}
	/* in 79/53 and its drafts at least */
	ck_assert_uint_ge(versions, 3);
	free(h);
	/* typography and a line break: the same hits */
	n = agreed_query(&x, "IMPROVISED explosive\n devices, including those sourced from the military-\nand civilian industry",
			 0.99, 50, &h);
	ck_assert_uint_gt(n, 0);
	free(h);
	agreed_release(&x);
}
END_TEST

START_TEST(test_edited_paragraph_and_save)
{
	struct agreed_index x, y;
	struct agreed_hit *h, *h2;
	struct sbuf b = SBUF_INIT;
	size_t n, n2, i, mapped = 0;
	/* OP13 of 79/53 with words changed, inserted and deleted */
	const char *q = "Urges all States, in particular those that have the means to do so, as well as the United "
			"Nations system and other relevant organizations supporting affected States, to increase "
			"attention to prevention and capacity building and to provide support to reduce the risks";

	sample_index(&x);
	n = agreed_query(&x, q, 0.7, 50, &h);
	ck_assert_uint_gt(n, 0);
	ck_assert(h[0].coverage > 0.85 && h[0].coverage < 1.0);
	for (i = 1; i < n; i++)
		ck_assert(h[i].coverage <= h[i - 1].coverage);
	{
		size_t a, e;
		const char *t = agreed_str(&x, x.c[h[0].clause].text);

		ck_assert_int_eq(agreed_span(&x, h[0].clause, q, &a, &e), 0);
		ck_assert_int_eq(strncmp(t + a, "Urges all States", 16), 0);
	}
	agreed_save(&x, &b);
	agreed_init(&y);
	ck_assert_int_eq(agreed_map(&y, b.buf, b.len), 0);
	n2 = agreed_query(&y, q, 0.7, 50, &h2);
	ck_assert_uint_eq(n2, n);
	for (i = 0; i < n; i++) {
		ck_assert_uint_eq(h2[i].clause, h[i].clause);
		ck_assert(h2[i].coverage == h[i].coverage);
	}
	free(h2);
	/* damaged: a layout that does not read is refused; damage inside the
	 * arrays is checked entry by entry as a query reads it (the
	 * sanitizers' run would stop at any read outside) */
	for (i = 0; i < 24; i++) {
		size_t k;

		for (k = 97 + i * 13; k < b.len; k += 211 + i)
			b.buf[k] ^= (char)(0x5a + i);
		if (agreed_map(&y, b.buf, b.len) == 0) {
			mapped++;
			n2 = agreed_query(&y, q, 0.1, 50, &h2);
			for (k = 0; k < n2; k++) {
				size_t a, e;

				(void)agreed_span(&y, h2[k].clause, q, &a, &e);
			}
			free(h2);
		}
	}
	ck_assert_uint_gt(mapped, 0);	/* damage inside, not only a refused layout */
	ck_assert_int_eq(agreed_map(&y, b.buf, b.len / 3), -1);
	agreed_release(&y);
	sbuf_release(&b);
	free(h);
	agreed_release(&x);
}
END_TEST

/* An index kept in parts (the sample series' first k versions, then the
 * rest, as an import adds them) finds whatever one index of all finds,
 * with the same coverage and occurrences -- a text in both parts one hit
 * with the occurrences of both. (It may find more: each part seeds a query
 * from its own rarest grams, and a text that has none of the whole
 * archive's rarest eight can still hold 60% of the query.) */
static void
describe_hits(const struct agreed_index *x, const struct agreed_hit *h, size_t n, struct sbuf *out)
{
	size_t i, k;

	/* in a fixed order: texts sorted, as the parts number clauses apart */
	char **line = xcalloc(n + 1, sizeof(*line));

	for (i = 0; i < n; i++) {
		const struct agreed_clause *c = &x->c[h[i].clause];
		struct sbuf b = SBUF_INIT;

		char **occ = xcalloc(c->nocc + 1, sizeof(*occ));
		size_t j;

		sbuf_printf(&b, "%.4f %s |", h[i].coverage, agreed_str(x, c->text));
		for (k = 0; k < c->nocc; k++) {
			struct sbuf o = SBUF_INIT;

			sbuf_printf(&o, " %s:%s", agreed_str(x, x->v[x->occs[c->occ + k].version].commit),
				    agreed_str(x, x->occs[c->occ + k].clause_id));
			occ[k] = sbuf_detach(&o);
			for (j = k; j > 0 && strcmp(occ[j - 1], occ[j]) > 0; j--) {
				char *t = occ[j];

				occ[j] = occ[j - 1];
				occ[j - 1] = t;
			}
		}
		for (k = 0; k < c->nocc; k++) {
			sbuf_adds(&b, occ[k]);
			free(occ[k]);
		}
		free(occ);
		line[i] = sbuf_detach(&b);
	}
	for (i = 1; i < n; i++)
		for (k = i; k > 0 && strcmp(line[k - 1], line[k]) > 0; k--) {
			char *t = line[k];

			line[k] = line[k - 1];
			line[k - 1] = t;
		}
	for (i = 0; i < n; i++) {
		sbuf_adds(out, line[i]);
		sbuf_adds(out, "\n");
		free(line[i]);
	}
	free(line);
}

START_TEST(test_parts_answer_as_one)
{
	static const char *const queries[] = {
		"improvised explosive devices, including those sourced from the military and civilian industry",
		"Encourages States to share information, on a voluntary basis, on the diversion of commercial-grade explosives",
		"the serious harm that such attacks have caused to United Nations staff and peacekeepers",
		"Decides to include in the provisional agenda of its",
	};
	const char *top = getenv("abs_top_srcdir");
	struct agreed_index all, parts[2], joined;
	char path[4096];
	size_t i, q, split;

	sample_index(&all);
	for (split = 1; split < ARRAY_SIZE(samples); split += 3) {
		agreed_init(&parts[0]);
		agreed_init(&parts[1]);
		for (i = 0; i < ARRAY_SIZE(samples); i++) {
			snprintf(path, sizeof(path), "%s/samples/src/ied/%s", top ? top : ".", samples[i]);
			add_file(&parts[i < split ? 0 : 1], path, samples[i]);
		}
		agreed_finish(&parts[0]);
		agreed_finish(&parts[1]);
		for (q = 0; q < ARRAY_SIZE(queries); q++) {
			struct agreed_hit *h1, *h2;
			size_t n1 = agreed_query(&all, queries[q], 0.6, 2000, &h1);
			size_t n2 = agreed_query_parts(parts, 2, queries[q], 0.6, 2000, &joined, &h2);
			struct sbuf a = SBUF_INIT, b = SBUF_INIT;

			ck_assert_msg(n1 > 0, "query %zu finds nothing", q);
			describe_hits(&all, h1, n1, &a);
			describe_hits(&joined, h2, n2, &b);
			{
				/* every line of the whole's in the parts' */
				char *line = a.buf, *end;

				ck_assert_uint_ge(n2, n1);
				for (; (end = strchr(line, '\n')); line = end + 1) {
					*end = '\0';
					ck_assert_msg(strstr(b.buf, line) != NULL, "split %zu, query %zu: missing %s\nin\n%s",
						      split, q, line, b.buf);
				}
			}
			sbuf_release(&a);
			sbuf_release(&b);
			free(h1);
			free(h2);
			agreed_release(&joined);
		}
		agreed_release(&parts[0]);
		agreed_release(&parts[1]);
	}
	agreed_release(&all);
}
END_TEST

static unsigned seed = 99;

static unsigned
rnd(unsigned n)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 8) % n;
}

#define RECALL_TRIALS 600

START_TEST(test_corpus_recall)
{
	const char *top = getenv("abs_top_srcdir");
	char dir[4096], path[8192];
	DIR *d;
	struct dirent *e;
	struct agreed_index x;
	struct resolution *docs = NULL;
	size_t ndocs = 0, cap = 0, trials = 0, found = 0, i, below = 0;

	snprintf(dir, sizeof(dir), "%s/../shared/corpus/text", top ? top : ".");
	if (!(d = opendir(dir))) {
		fprintf(stderr, "# SKIP corpus recall: %s not found\n", dir);
		return;
	}
	agreed_init(&x);
	while ((e = readdir(d))) {
		size_t len;
		char *text;
		struct rl_error err;
		uint32_t v;

		if (!strstr(e->d_name, ".txt"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (!(text = slurp(path, &len)))
			continue;
		GROW(docs, cap, ndocs + 1);
		resolution_init(&docs[ndocs]);
		if (parse_resolution(text, len, e->d_name, &docs[ndocs], &err) == 0) {
			struct resolution *r = &docs[ndocs];

			v = agreed_add_version(&x, e->d_name, "s.txt", r->meta.symbol, "", 1);
			for (i = 0; i < r->nclauses; i++)
				agreed_add_clause(&x, v, r->clauses[i].id, r->clauses[i].text);
			ndocs++;
		} else {
			resolution_release(&docs[ndocs]);
		}
		free(text);
	}
	closedir(d);
	agreed_finish(&x);
	/* planted: a phrase of a clause, 0 to 3 words edited */
	while (trials < RECALL_TRIALS) {
		const struct resolution *r = &docs[rnd((unsigned)ndocs)];
		const struct clause *cl;
		uint64_t *w;
		size_t *st, *en, nw, len, from, k, edits = rnd(4);
		struct sbuf q = SBUF_INIT;
		struct agreed_hit *h;
		size_t nh;
		int hit = 0;

		if (!r->nclauses)
			continue;
		cl = &r->clauses[rnd((unsigned)r->nclauses)];
		nw = agreed_words(cl->text, strlen(cl->text), &w, &st, &en);
		len = 8 + rnd(13);
		if (nw < len + 2) {
			free(w), free(st), free(en);
			continue;
		}
		from = rnd((unsigned)(nw - len));
		{
			/* edits at distinct inner words: one inserted after it, it
			 * changed, or it dropped */
			unsigned char *at = xcalloc(len + 1, 1);
			size_t made = 0;

			while (made < edits) {
				size_t p = 1 + rnd((unsigned)(len - 2));

				if (!at[p]) {
					at[p] = (unsigned char)(1 + rnd(3));
					made++;
				}
			}
			for (k = from; k < from + len; k++) {
				unsigned char ed = at[k - from];

				if (ed != 3)
					sbuf_add(&q, cl->text + st[k], en[k] - st[k]);
				if (ed == 1)
					sbuf_adds(&q, " effectively");
				else if (ed == 2)
					sbuf_adds(&q, "ish");
				sbuf_addch(&q, ' ');
			}
			free(at);
		}
		nh = agreed_query(&x, q.buf, 0.6, 5000, &h);
		for (k = 0; k < nh; k++) {
			const struct agreed_clause *c = &x.c[h[k].clause];
			uint64_t *cw;
			size_t ncw = agreed_words(agreed_str(&x, c->text), c->text_len, &cw, NULL, NULL);

			if (h[k].coverage < 0.6)
				below++;
			/* the source clause: the distinct text with its words */
			if (ncw == nw && memcmp(cw, w, nw * sizeof(*w)) == 0)
				hit = 1;
			free(cw);
		}
		found += hit;
		trials++;
		if (!hit && getenv("AGREED_DEBUG"))
			fprintf(stderr, "missed (%zu hits, %zu edits): %s\n   from %s\n", nh, edits, q.buf, cl->text);
		free(h);
		free(w), free(st), free(en);
		sbuf_release(&q);
	}
	fprintf(stderr, "# agreed recall: %zu of %zu planted phrases found, %zu distinct clauses of %zu documents\n",
		found, trials, x.nc, ndocs);
	ck_assert_uint_eq(below, 0);
	ck_assert_uint_ge(found * 100, trials * 99);
	for (i = 0; i < ndocs; i++)
		resolution_release(&docs[i]);
	free(docs);
	agreed_release(&x);
}
END_TEST

/* The key of a word as the index compares words, written out here from
 * its definition (letters and digits, case folded; FNV-1a of the code
 * points), to hold the index's own scanner to it. */
static uint64_t
reference_key(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);

		i += k;
		if (cp != UTF8_INVALID && utf8_is_alnum(cp))
			h = (h ^ utf8_tolower(cp)) * 1099511628211ULL;
	}
	return h;
}

/* The words agreed_words finds are the tokenizer's words under
 * IGNORE_TYPOGRAPHY (the aligner's), at the same bytes, with the key of
 * their letters: its own scanner (a query reads thousands of clauses)
 * must never drift from the tokenizer. */
static void
check_words_as_tokenizer(const char *text, size_t len)
{
	struct token_list tl;
	uint64_t *keys;
	size_t *st, *en, n = agreed_words(text, len, &keys, &st, &en), i, k = 0;

	token_list_init(&tl);
	tokenize(text, len, IGNORE_TYPOGRAPHY, &tl);
	for (i = 0; i < tl.n; i++) {
		size_t b, e;

		if (token_kind(&tl.v[i]) != TOK_WORD)
			continue;
		b = (size_t)(tl.v[i].s - text);
		e = b + token_len(&tl.v[i]);
		ck_assert_msg(k < n, "word %zu at byte %zu missing", k, b);
		ck_assert_msg(st[k] == b && en[k] == e, "word %zu: [%zu,%zu) where the tokenizer has [%zu,%zu)", k,
			      st[k], en[k], b, e);
		ck_assert_msg(keys[k] == reference_key(text + b, e - b), "word %zu at byte %zu: key", k, b);
		k++;
	}
	ck_assert_uint_eq(k, n);
	token_list_release(&tl);
	free(keys);
	free(st);
	free(en);
}

START_TEST(test_words_as_tokenizer)
{
	static const char *const texts[] = {
		"", "-", "a", "A-", "-a", "a--b", "a-b-c", "through-life", "Through\xE2\x80\x90Life",
		"1990\xE2\x80\x93" "2000", "capacity\xC2\xAD" "building", "soft\xC2\xAD", "x\xE2\x80\x94", "\xE2\x80\x94y",
		"\xC3\x89tats-Unis d\xE2\x80\x99" "Am\xC3\xA9rique", "\xD0\x9C\xD0\xB8\xD1\x80-\xD0\xB4\xD0\xB2",
		"\xE8\x81\x94\xE5\x90\x88\xE5\x9B\xBD", "\xD8\xA7\xD9\x84\xD8\xA3\xD9\x85\xD9\x85",
		"bad\xFF" "byte\xC3", "a-\xFF" "b", "end-", "(UNIDIR)/2024-15, para. 3 a-", "x\xEF\xBC\x8Dy",
	};
	const char *top = getenv("abs_top_srcdir");
	char path[4096];
	size_t i, len;
	unsigned rnd = 7;

	for (i = 0; i < ARRAY_SIZE(texts); i++)
		check_words_as_tokenizer(texts[i], strlen(texts[i]));
	for (i = 0; i < ARRAY_SIZE(samples); i++) {
		char *text;

		snprintf(path, sizeof(path), "%s/samples/src/ied/%s", top ? top : ".", samples[i]);
		text = slurp(path, &len);
		ck_assert_msg(text != NULL, "%s", path);
		check_words_as_tokenizer(text, len);
		free(text);
	}
	/* bytes from a small alphabet of the kinds that end or join words */
	for (i = 0; i < 2000; i++) {
		static const char *const bits[] = { "a", "Z", "9", "-", " ", ",", "\xE2\x80\x93", "\xC2\xAD", "\xC3\xA9",
						    "\xFF", "\xE2\x80\x99", "\n", "\xEF\xBC\x8D", "\xC3" };
		char buf[128];
		size_t n = 0, k;

		for (k = 0; k < 24; k++) {
			const char *b;

			rnd = rnd * 1103515245u + 12345u;
			b = bits[(rnd >> 16) % ARRAY_SIZE(bits)];
			memcpy(buf + n, b, strlen(b));
			n += strlen(b);
		}
		check_words_as_tokenizer(buf, n);
	}
}
END_TEST

/* The longest common subsequence by the table, for the coverage check. */
static size_t
reference_lcs(const uint64_t *q, size_t nq, const uint64_t *t, size_t nt)
{
	size_t *row = calloc(nq + 1, sizeof(*row)), i, j, r;

	for (j = 0; j < nt; j++) {
		size_t diag = 0;

		for (i = 0; i < nq; i++) {
			size_t up = row[i + 1];

			row[i + 1] = q[i] == t[j] ? diag + 1 : (row[i] > up ? row[i] : up);
			diag = up;
		}
	}
	r = row[nq];
	free(row);
	return r;
}

/* A hit's coverage is the share of the query's words its text has in
 * order, exactly, for queries of one machine word of bits and of several
 * (the count runs on bit vectors with a carry between words). */
START_TEST(test_coverage_is_in_order_share)
{
	static const char *const vocab[] = { "the", "States", "Member", "encourages", "urges", "to", "of",
					     "and", "devices", "explosive", "improvised", "further", "calls",
					     "upon", "relevant", "international", "organizations", "in" };
	static const size_t lens[] = { 5, 40, 63, 64, 65, 127, 128, 150, 300 };
	const char *word[300];
	unsigned rnd = 11;
	size_t li, checked = 0;

	for (li = 0; li < ARRAY_SIZE(lens); li++) {
		struct agreed_index x;
		struct sbuf query = SBUF_INIT;
		struct agreed_hit *hits;
		uint64_t *q;
		size_t nq, nh, i, k, c;

		agreed_init(&x);
		for (k = 0; k < lens[li]; k++) {
			rnd = rnd * 1103515245u + 12345u;
			word[k] = vocab[(rnd >> 16) % ARRAY_SIZE(vocab)];
			sbuf_printf(&query, "%s%s", k ? " " : "", word[k]);
		}
		/* texts made of the query with words dropped, changed and added */
		for (c = 0; c < 40; c++) {
			struct sbuf text = SBUF_INIT;
			uint32_t v = agreed_add_version(&x, "c", "s.txt", "A/RES/1/1", "2020-01-01", 1);

			for (k = 0; k < lens[li]; k++) {
				unsigned r;

				rnd = rnd * 1103515245u + 12345u;
				r = (rnd >> 16) % 20;
				if (r == 0)
					continue;	/* dropped */
				sbuf_printf(&text, "%s%s", text.len ? " " : "",
					    r <= 2 ? vocab[(rnd >> 8) % ARRAY_SIZE(vocab)] : word[k]);
				if (r == 3)
					sbuf_printf(&text, " %s", vocab[(rnd >> 4) % ARRAY_SIZE(vocab)]);
			}
			agreed_add_clause(&x, v, "OP1", text.len ? text.buf : "empty");
			sbuf_release(&text);
		}
		agreed_finish(&x);
		nq = agreed_words(query.buf, query.len, &q, NULL, NULL);
		nh = agreed_query(&x, query.buf, 0.0, 1000, &hits);
		ck_assert_msg(nh > 0, "a query of %zu words found nothing", lens[li]);
		for (i = 0; i < nh; i++) {
			const struct agreed_clause *cl = &x.c[hits[i].clause];
			uint64_t *t;
			size_t nt = agreed_words(agreed_str(&x, cl->text), cl->text_len, &t, NULL, NULL);
			size_t want = reference_lcs(q, nq, t, nt);

			ck_assert_msg((size_t)(hits[i].coverage * (double)nq + 0.5) == want,
				      "query of %zu words, hit %zu: coverage %.4f where the table has %zu of %zu", nq, i,
				      hits[i].coverage, want, nq);
			free(t);
			checked++;
		}
		free(q);
		free(hits);
		sbuf_release(&query);
		agreed_release(&x);
	}
	ck_assert_uint_gt(checked, 100);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("agreed");
	TCase *tc = tcase_create("agreed");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_phrase_through_typography);
	tcase_add_test(tc, test_edited_paragraph_and_save);
	tcase_add_test(tc, test_parts_answer_as_one);
	tcase_add_test(tc, test_corpus_recall);
	tcase_add_test(tc, test_words_as_tokenizer);
	tcase_add_test(tc, test_coverage_is_in_order_share);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
