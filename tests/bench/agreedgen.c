/* agreedgen -- a generated archive for the agreed-language benchmark
 * (tests/bench/agreed.sh), with planted reuse so that recall can be
 * measured. Plain C99, no dependencies; the same arguments always give the
 * same archive.
 *
 *   agreedgen [-s SEED] [-n SERIES] [-v VERSIONS] [-p PLANTS] [-f DIR]
 *             PLANTS.tsv BASE.txt...
 *
 * Writes a git fast-import stream on stdout: SERIES resolution series
 * (series-0001.txt ...) of VERSIONS versions each, one commit a version,
 * the series interleaved in time. Each series starts from one of the BASE
 * texts (resolutions as the samples have them: "The General Assembly,"
 * then the clauses) with about a third of its longer words replaced by
 * words of the series' own, consistently, so that series differ as
 * resolutions on different subjects do while keeping the structure of one.
 * Every version is a draft (A/C.1/S/L.N, Rev.K) but every fifth, which is
 * adopted (S/N, "Resolution adopted by the General Assembly on ...");
 * between versions 2-5 clauses get 1-3 word edits (a word replaced, a
 * hedge inserted, words dropped), now and then a clause is inserted,
 * deleted or moved, the operative paragraphs renumbered.
 *
 * PLANTS times, a phrase (10-20 words) or a whole paragraph of one series'
 * first version is copied into another series at a later version -- a
 * paragraph as a new preambular paragraph, a phrase inside a longer one --
 * with 0-10 word edits (at most a fifth of its words, so it still holds
 * four fifths of the original in order), and kept from then on unedited.
 * PLANTS.tsv gets a line for each: the original words (the query), the
 * path it was planted in, the version, the kind, the edits.
 *
 * With -f DIR every version is also written as a file DIR/series-NNNN/vKK.txt
 * (what a user searching files today would have).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng_state;

static uint64_t
rng_next(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static size_t
rng_below(size_t n)
{
	return n ? (size_t)(rng_next() % (uint64_t)n) : 0;
}

static uint64_t
mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 33);
}

static void
die(const char *msg, const char *arg)
{
	fprintf(stderr, "agreedgen: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	exit(2);
}

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory", NULL);
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t n = strlen(s);
	char *p = xrealloc(NULL, n + 1);

	memcpy(p, s, n + 1);
	return p;
}

/* a growable string */
struct str {
	char *s;
	size_t len, cap;
};

static void
str_add(struct str *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
str_adds(struct str *b, const char *s)
{
	str_add(b, s, strlen(s));
}

/* a text: its paragraphs (the clauses and what lies between them) */
struct para {
	char *s;
	int planted;	/* never edited, deleted or moved */
};

struct text {
	struct para *p;
	size_t n, cap;
};

static void
text_insert(struct text *t, size_t at, char *s, int planted)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->p = xrealloc(t->p, t->cap * sizeof(*t->p));
	}
	memmove(t->p + at + 1, t->p + at, (t->n - at) * sizeof(*t->p));
	t->p[at].s = s;
	t->p[at].planted = planted;
	t->n++;
}

static void
text_copy(struct text *to, const struct text *from)
{
	size_t i;

	to->n = 0;
	for (i = 0; i < from->n; i++)
		text_insert(to, to->n, xstrdup(from->p[i].s), from->p[i].planted);
}

static void
text_clear(struct text *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->p[i].s);
	t->n = 0;
}

/* A base text's clauses: the paragraphs after "The General Assembly,",
 * each on one line; and its title ("79/53. Title"). */
static void
read_base(const char *file, struct text *t, char **title)
{
	FILE *f = fopen(file, "r");
	struct str all = { 0 }, para = { 0 };
	char buf[65536];
	size_t n, i;
	int body = 0;

	if (!f)
		die("cannot read", file);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		str_add(&all, buf, n);
	fclose(f);
	*title = NULL;
	for (i = 0; i <= all.len; i++) {
		int end = i == all.len || (all.s[i] == '\n' && i + 1 < all.len && all.s[i + 1] == '\n');

		if (!end) {
			char c = all.s[i] == '\n' ? ' ' : all.s[i];

			str_add(&para, &c, 1);
			continue;
		}
		while (i + 1 < all.len && all.s[i + 1] == '\n')
			i++;
		if (para.len) {
			const char *dot = strstr(para.s, ". ");

			if (!body && dot && dot - para.s < 8 && strchr(para.s, '/') && strchr(para.s, '/') < dot)
				*title = xstrdup(dot + 2);
			else if (!body && strcmp(para.s, "The General Assembly,") == 0)
				body = 1;
			else if (body && !strstr(para.s, "plenary meeting"))
				text_insert(t, t->n, xstrdup(para.s), 0);
		}
		para.len = 0;
	}
	free(all.s);
	free(para.s);
	if (!t->n || !*title)
		die("not a resolution with a title and \"The General Assembly,\"", file);
}

static int
is_op(const char *s)
{
	size_t i = 0;

	while (s[i] >= '0' && s[i] <= '9')
		i++;
	return i > 0 && s[i] == '.' && s[i + 1] == ' ';
}

/* a clause that may be edited: a preambular or operative paragraph of
 * some length, not a footnote, an item or a continuation */
static int
is_clause(const struct para *p)
{
	const char *s = p->s;
	size_t words = 1, i;

	if (p->planted)
		return 0;
	for (i = 0; s[i]; i++)
		words += s[i] == ' ';
	return words >= 8 && (is_op(s) || (s[0] >= 'A' && s[0] <= 'Z'));
}

/* and one that may be deleted or moved: what follows it starts anew */
static int
is_whole(const struct text *t, size_t i)
{
	const char *next = i + 1 < t->n ? t->p[i + 1].s : "A";

	return is_clause(&t->p[i]) && ((next[0] >= 'A' && next[0] <= 'Z') || is_op(next));
}

static void
renumber(struct text *t)
{
	size_t i, k = 1;

	for (i = 0; i < t->n; i++) {
		char *s = t->p[i].s, *rest, num[24];
		struct str b = { 0 };

		if (!is_op(s))
			continue;
		rest = strchr(s, '.') + 2;
		snprintf(num, sizeof(num), "%zu. ", k++);
		str_adds(&b, num);
		str_adds(&b, rest);
		free(s);
		t->p[i].s = b.s;
	}
}

/* A word of a series' own for a base word: syllables drawn from the
 * series and the word, the capital kept. */
static void
own_word(uint64_t series, const char *w, size_t len, struct str *out)
{
	static const char *const syl[] = { "ka", "ren", "to", "mi", "sal", "ve", "dor", "lu", "par", "ni",
					   "tes", "ba", "quo", "fil", "mar", "zen", "ri", "go", "pen", "ula" };
	uint64_t h = 1469598103934665603ull ^ series;
	size_t i, k;
	char first[64];
	size_t nf;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)(w[i] | 0x20)) * 1099511628211ull;
	h = mix(h);
	k = 2 + h % 3;
	nf = 0;
	for (i = 0; i < k; i++) {
		const char *s = syl[(h >> (8 + 5 * i)) % 20];

		memcpy(first + nf, s, strlen(s));
		nf += strlen(s);
	}
	if (w[0] >= 'A' && w[0] <= 'Z')
		first[0] = (char)(first[0] - 'a' + 'A');
	str_add(out, first, nf);
}

/* The series' version of a base paragraph: about a third of its words of
 * four letters or more, never its first, replaced -- the same word the
 * same way throughout the series. */
static char *
localise(uint64_t series, const char *s)
{
	struct str b = { 0 };
	size_t i = 0, words = 0;

	str_add(&b, "", 0);
	while (s[i]) {
		size_t j = i;

		while ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))
			j++;
		if (j > i) {
			uint64_t h = 7;
			size_t k;

			for (k = i; k < j; k++)
				h = (h ^ (unsigned char)(s[k] | 0x20)) * 1099511628211ull;
			if (words++ && j - i >= 4 && mix(h ^ (series * 0x9E3779B97F4A7C15ull)) % 3 == 0)
				own_word(series, s + i, j - i, &b);
			else
				str_add(&b, s + i, j - i);
			i = j;
		} else {
			str_add(&b, s + i, 1);
			i++;
		}
	}
	return b.s;
}

/* words: a paragraph split at spaces */
struct words {
	char **w;
	size_t n, cap;
};

static void
words_split(const char *s, struct words *ws)
{
	const char *p = s;

	ws->n = 0;
	while (*p) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *w = xrealloc(NULL, len + 1);

		memcpy(w, p, len);
		w[len] = '\0';
		if (ws->n == ws->cap) {
			ws->cap = ws->cap ? ws->cap * 2 : 64;
			ws->w = xrealloc(ws->w, ws->cap * sizeof(*ws->w));
		}
		ws->w[ws->n++] = w;
		p = e ? e + 1 : p + len;
	}
}

static char *
words_join(struct words *ws)
{
	struct str b = { 0 };
	size_t i;

	str_add(&b, "", 0);
	for (i = 0; i < ws->n; i++) {
		if (i)
			str_add(&b, " ", 1);
		str_adds(&b, ws->w[i]);
		free(ws->w[i]);
	}
	ws->n = 0;
	return b.s;
}

static void
words_insert(struct words *ws, size_t at, char *w)
{
	if (ws->n == ws->cap) {
		ws->cap = ws->cap ? ws->cap * 2 : 64;
		ws->w = xrealloc(ws->w, ws->cap * sizeof(*ws->w));
	}
	memmove(ws->w + at + 1, ws->w + at, (ws->n - at) * sizeof(*ws->w));
	ws->w[at] = w;
	ws->n++;
}

static const char *const hedges[] = { "where appropriate", "as appropriate", "further", "fully", "also",
				      "in particular", "inter alia", "where possible" };
static const char *const swaps[] = { "States", "measures", "efforts", "relevant", "international", "support",
				     "cooperation", "information", "national", "regional", "capacity", "continue" };

/* edits word edits of a paragraph, its first word (or number and
 * opener) and last word left alone: a word replaced, a hedge inserted or
 * one to three words dropped */
static char *
edit_words(const char *s, size_t edits, size_t *made)
{
	struct words ws = { 0 };
	size_t lo;
	char *r;

	words_split(s, &ws);
	lo = is_op(s) ? 2 : 1;
	*made = 0;
	while (*made < edits && ws.n > lo + 2) {
		size_t at = lo + rng_below(ws.n - lo - 1), kind = rng_below(3);

		if (kind == 0) {
			free(ws.w[at]);
			ws.w[at] = xstrdup(swaps[rng_below(sizeof(swaps) / sizeof(*swaps))]);
			*made += 1;
		} else if (kind == 1) {
			words_insert(&ws, at, xstrdup(hedges[rng_below(sizeof(hedges) / sizeof(*hedges))]));
			*made += 1;
		} else {
			size_t k = 1 + rng_below(3);

			if (at + k > ws.n - 1)
				k = ws.n - 1 - at;
			if (*made + k > edits)
				k = edits - *made;
			if (!k)
				continue;
			while (k--) {
				free(ws.w[at]);
				memmove(ws.w + at, ws.w + at + 1, (ws.n - at - 1) * sizeof(*ws.w));
				ws.n--;
				*made += 1;
			}
		}
	}
	r = words_join(&ws);
	free(ws.w);
	return r;
}

/* one version to the next */
static void
evolve(struct text *t)
{
	size_t i, k, tries, nedit = 2 + rng_below(4);
	size_t ops = 0, first_op = t->n;

	for (i = 0; i < t->n; i++)
		if (is_op(t->p[i].s)) {
			first_op = i;
			break;
		}
	for (k = 0; k < nedit; k++)
		for (tries = 0; tries < 20; tries++) {
			size_t at = rng_below(t->n), made;

			if (!is_clause(&t->p[at]))
				continue;
			{
				char *s = edit_words(t->p[at].s, 1 + rng_below(3), &made);

				free(t->p[at].s);
				t->p[at].s = s;
			}
			break;
		}
	/* now and then a clause deleted, inserted or moved */
	if (rng_below(4) == 0)
		for (tries = 0; tries < 20; tries++) {
			size_t at = rng_below(t->n);

			if (!is_whole(t, at) || t->n < 20)
				continue;
			free(t->p[at].s);
			memmove(t->p + at, t->p + at + 1, (t->n - at - 1) * sizeof(*t->p));
			t->n--;
			ops++;
			break;
		}
	if (rng_below(4) == 0)
		for (tries = 0; tries < 20; tries++) {
			size_t from = rng_below(t->n), to = rng_below(t->n);
			struct para p;

			if (!is_whole(t, from) || !is_whole(t, to) || is_op(t->p[from].s) != is_op(t->p[to].s) ||
			    from == to)
				continue;
			p = t->p[from];
			memmove(t->p + from, t->p + from + 1, (t->n - from - 1) * sizeof(*t->p));
			t->n--;
			text_insert(t, to, p.s, p.planted);
			ops++;
			break;
		}
	if (rng_below(4) == 0 && first_op < t->n) {
		/* a new operative paragraph from the words of two others */
		size_t a = rng_below(t->n), b = rng_below(t->n);

		if (is_clause(&t->p[a]) && is_clause(&t->p[b])) {
			struct words wa = { 0 }, wb = { 0 };
			struct str s = { 0 };
			size_t x;

			words_split(t->p[a].s, &wa);
			words_split(t->p[b].s, &wb);
			str_adds(&s, "1. Requests");
			for (x = wa.n / 2; x < wa.n; x++) {
				str_add(&s, " ", 1);
				str_adds(&s, wa.w[x]);
			}
			for (x = wb.n / 2; x < wb.n; x++) {
				str_add(&s, " ", 1);
				str_adds(&s, wb.w[x]);
			}
			for (x = 0; x < wa.n; x++)
				free(wa.w[x]);
			for (x = 0; x < wb.n; x++)
				free(wb.w[x]);
			free(wa.w);
			free(wb.w);
			/* after the last operative paragraph's items */
			for (x = t->n; x > 0 && !is_op(t->p[x - 1].s); x--)
				;
			while (x < t->n && t->p[x].s[0] == '(')
				x++;
			text_insert(t, x, s.s, 0);
		}
	}
	(void)ops;
	renumber(t);
}

static const char *const sessions[] = { "Seventieth", "Seventy-first", "Seventy-second", "Seventy-third",
					"Seventy-fourth", "Seventy-fifth", "Seventy-sixth", "Seventy-seventh",
					"Seventy-eighth", "Seventy-ninth", "Eightieth", "Eighty-first" };

/* a version as a document: the header of a draft or of an adopted
 * resolution, the title, the clauses */
static void
render(const struct text *t, const char *title, size_t series, size_t version, struct str *out)
{
	size_t session = 70 + version / 5, year = 1945 + session, rev = version % 5;
	char line[512];
	size_t i;

	out->len = 0;
	str_add(out, "", 0);
	if (rev == 4) {
		snprintf(line, sizeof(line),
			 "\n\nDistr.: General %zu December %zu\n\n%s session Agenda item 98 General and complete disarmament\n\n"
			 "Resolution adopted by the General Assembly on %zu December %zu\n\n"
			 "[on the report of the First Committee (A/%zu/408, para. 114)]\n\n%zu/%zu. ",
			 1 + series % 20, year, sessions[(session - 70) % 12], 1 + series % 20, year, session, session,
			 series + 1);
		str_adds(out, line);
	} else {
		snprintf(line, sizeof(line), "\n\nA/C.1/%zu/L.%zu", session, series + 1);
		str_adds(out, line);
		if (rev) {
			snprintf(line, sizeof(line), "/Rev.%zu", rev);
			str_adds(out, line);
		}
		snprintf(line, sizeof(line),
			 "\n\nDistr.: Limited %zu %s %zu\n\nOriginal: English\n\n%s session First Committee Agenda item 98 "
			 "General and complete disarmament\n\nAustria, Chile and Nepal: draft resolution\n\n",
			 1 + series % 27, rev < 2 ? "October" : "November", year, sessions[(session - 70) % 12]);
		str_adds(out, line);
	}
	str_adds(out, title);
	str_adds(out, "\n\nThe General Assembly,\n\n");
	for (i = 0; i < t->n; i++) {
		str_adds(out, t->p[i].s);
		str_adds(out, "\n\n");
	}
	if (rev == 4) {
		snprintf(line, sizeof(line), "%zuth plenary meeting %zu December %zu\n", 40 + series % 20, 1 + series % 20,
			 year);
		str_adds(out, line);
	}
}

struct plant {
	size_t from, to, version, kind, edits, words;
	char *query, *planted;
};

static void
fast_import_commit(FILE *o, size_t series, size_t version, size_t nseries, const struct str *doc)
{
	long ts = 1420070400L + (long)version * 86400L * 36 + (long)series * 60;
	size_t rev = version % 5, session = 70 + version / 5;

	printf("commit refs/heads/main\nauthor Bench <bench@example.org> %ld +0000\n"
	       "committer Bench <bench@example.org> %ld +0000\n",
	       ts, ts);
	{
		char msg[128];

		if (rev == 4)
			snprintf(msg, sizeof(msg), "A/RES/%zu/%zu adopted", session, series + 1);
		else
			snprintf(msg, sizeof(msg), "A/C.1/%zu/L.%zu draft", session, series + 1);
		printf("data %zu\n%s\n", strlen(msg), msg);
	}
	fprintf(o, "M 100644 inline series-%04zu.txt\ndata %zu\n", series + 1, doc->len);
	fwrite(doc->s, 1, doc->len, o);
	fputc('\n', o);
	(void)nseries;
}

int
main(int argc, char **argv)
{
	size_t nseries = 400, nversions = 50, nplants = 200, nbase = 0, s, v, i;
	uint64_t seed = 1;
	const char *files = NULL, *plants_file;
	struct text *base, *state, *first;
	size_t *base_of;
	char **title, **series_title;
	struct plant *plants;
	struct str doc = { 0 };
	FILE *pf;
	int a = 1;

	for (; a < argc && argv[a][0] == '-'; a += 2) {
		if (a + 1 >= argc)
			die("option needs a value", argv[a]);
		if (strcmp(argv[a], "-s") == 0)
			seed = strtoull(argv[a + 1], NULL, 10);
		else if (strcmp(argv[a], "-n") == 0)
			nseries = strtoul(argv[a + 1], NULL, 10);
		else if (strcmp(argv[a], "-v") == 0)
			nversions = strtoul(argv[a + 1], NULL, 10);
		else if (strcmp(argv[a], "-p") == 0)
			nplants = strtoul(argv[a + 1], NULL, 10);
		else if (strcmp(argv[a], "-f") == 0)
			files = argv[a + 1];
		else
			die("unknown option", argv[a]);
	}
	if (argc - a < 2 || !nseries || !nversions)
		die("usage: agreedgen [-s SEED] [-n SERIES] [-v VERSIONS] [-p PLANTS] [-f DIR] PLANTS.tsv BASE.txt...",
		    NULL);
	rng_state = seed;
	plants_file = argv[a++];
	nbase = (size_t)(argc - a);
	base = calloc(nbase, sizeof(*base));
	title = calloc(nbase, sizeof(*title));
	for (i = 0; i < nbase; i++)
		read_base(argv[a + i], &base[i], &title[i]);

	/* each series' first version: a base text in the series' words */
	state = calloc(nseries, sizeof(*state));
	first = calloc(nseries, sizeof(*first));
	series_title = calloc(nseries, sizeof(*series_title));
	base_of = calloc(nseries, sizeof(*base_of));
	if (!base || !title || !state || !first || !series_title || !base_of)
		die("out of memory", NULL);
	for (s = 0; s < nseries; s++) {
		size_t b = rng_below(nbase);

		base_of[s] = b;
		for (i = 0; i < base[b].n; i++)
			text_insert(&state[s], state[s].n, localise(s + 1, base[b].p[i].s), 0);
		series_title[s] = localise(s + 1, title[b]);
		text_copy(&first[s], &state[s]);
	}

	/* the plants, chosen before: what, from where, into which series when */
	plants = calloc(nplants + 1, sizeof(*plants));
	for (i = 0; i < nplants; i++) {
		struct plant *p = &plants[i];
		struct words ws = { 0 };
		size_t at, tries, x, made;
		struct str q = { 0 };

		p->from = rng_below(nseries);
		p->to = nseries > 1 ? (p->from + 1 + rng_below(nseries - 1)) % nseries : 0;
		p->version = 1 + rng_below(nversions > 1 ? nversions - 1 : 1);
		p->kind = rng_below(2);	/* 0: a paragraph, 1: a phrase */
		/* a clause of the series' own and a part of it that is its own
		 * too (a quarter of its words the series' words): a wording
		 * every series has from the base text (a list of resolutions
		 * recalled) is agreed language everywhere, no planted copy */
		for (tries = 0;; tries++) {
			struct words bw = { 0 };
			size_t lo, len, own = 0;

			if (tries > 100000)
				die("no clause of a series' own to plant", NULL);
			if (tries && tries % 200 == 0) {
				/* this series has none: another */
				p->from = rng_below(nseries);
				p->to = nseries > 1 ? (p->from + 1 + rng_below(nseries - 1)) % nseries : 0;
			}
			at = rng_below(first[p->from].n);
			if (!is_clause(&first[p->from].p[at]) || strlen(first[p->from].p[at].s) <= 160)
				continue;
			for (x = 0; x < ws.n; x++)
				free(ws.w[x]);
			words_split(first[p->from].p[at].s, &ws);
			words_split(base[base_of[p->from]].p[at].s, &bw);
			lo = is_op(first[p->from].p[at].s) ? 1 : 0;
			len = ws.n - lo;
			if (p->kind == 1) {
				len = 10 + rng_below(11);
				if (len > ws.n - lo)
					len = ws.n - lo;
				lo += rng_below(ws.n - lo - len + 1);
			}
			for (x = lo; x < lo + len && x < bw.n; x++)
				own += strcmp(ws.w[x], bw.w[x]) != 0;
			for (x = 0; x < bw.n; x++)
				free(bw.w[x]);
			free(bw.w);
			if (own * 4 < len)
				continue;
			str_add(&q, "", 0);
			for (x = lo; x < lo + len; x++) {
				if (x > lo)
					str_add(&q, " ", 1);
				str_adds(&q, ws.w[x]);
			}
			p->words = len;
			break;
		}
		for (x = 0; x < ws.n; x++)
			free(ws.w[x]);
		free(ws.w);
		/* the query is the original; what is planted, edited */
		p->query = q.s;
		p->edits = rng_below(11);
		if (p->edits > p->words / 5)
			p->edits = p->words / 5;
		{
			struct str body = { 0 };
			char *edited;

			/* edit_words spares the first and last words: give it a
			 * frame, so every word of the query may be edited */
			str_adds(&body, "Frame ");
			str_adds(&body, p->query);
			str_adds(&body, " frame");
			edited = edit_words(body.s, p->edits, &made);
			p->edits = made;
			/* the frame's words go again */
			if (strlen(edited) >= 6 && strcmp(edited + strlen(edited) - 6, " frame") == 0)
				edited[strlen(edited) - 6] = '\0';
			free(body.s);
			body.s = NULL;
			body.len = body.cap = 0;
			if (p->kind == 0) {
				str_adds(&body, "Recalling");
				str_adds(&body, edited + strlen("Frame"));
			} else {
				str_adds(&body, "Bearing in mind the importance of the work of the Tulamo commission, and noting");
				str_adds(&body, edited + strlen("Frame"));
				str_adds(&body, " for the sustained implementation of this resolution");
			}
			str_add(&body, ",", 1);
			p->planted = body.s;
			free(edited);
		}
	}

	pf = fopen(plants_file, "w");
	if (!pf)
		die("cannot write", plants_file);
	for (i = 0; i < nplants; i++)
		fprintf(pf, "%s\tseries-%04zu.txt\t%zu\t%s\t%zu\t%zu\n", plants[i].query, plants[i].to + 1,
			plants[i].version, plants[i].kind ? "phrase" : "paragraph", plants[i].edits, plants[i].words);
	if (fclose(pf) != 0)
		die("cannot write", plants_file);
	if (files)
		mkdir(files, 0777);

	for (v = 0; v < nversions; v++)
		for (s = 0; s < nseries; s++) {
			if (v)
				evolve(&state[s]);
			for (i = 0; i < nplants; i++)
				if (plants[i].to == s && plants[i].version == v) {
					/* a new preambular paragraph, before the first operative one */
					size_t at;

					for (at = 0; at < state[s].n && !is_op(state[s].p[at].s); at++)
						;
					text_insert(&state[s], at, xstrdup(plants[i].planted), 1);
				}
			render(&state[s], series_title[s], s, v, &doc);
			fast_import_commit(stdout, s, v, nseries, &doc);
			if (files) {
				char path[4096];
				FILE *f;

				snprintf(path, sizeof(path), "%s/series-%04zu", files, s + 1);
				mkdir(path, 0777);
				snprintf(path, sizeof(path), "%s/series-%04zu/v%02zu.txt", files, s + 1, v);
				if (!(f = fopen(path, "w")) || fwrite(doc.s, 1, doc.len, f) != doc.len || fclose(f) != 0)
					die("cannot write", path);
			}
		}
	if (fflush(stdout) != 0)
		die("cannot write", "standard output");
	for (s = 0; s < nseries; s++) {
		text_clear(&state[s]);
		text_clear(&first[s]);
		free(state[s].p);
		free(first[s].p);
		free(series_title[s]);
	}
	for (i = 0; i < nbase; i++) {
		text_clear(&base[i]);
		free(base[i].p);
		free(title[i]);
	}
	for (i = 0; i < nplants; i++) {
		free(plants[i].query);
		free(plants[i].planted);
	}
	free(plants);
	free(state);
	free(first);
	free(series_title);
	free(base_of);
	free(base);
	free(title);
	free(doc.s);
	return 0;
}
