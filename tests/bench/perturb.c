/* perturb -- seeded, deterministic perturbation of a resolution text, for
 * the benchmark (tests/bench/run.sh). Plain C99, no dependencies.
 *
 *   perturb [-s SEED] IN                 one perturbed copy of IN on stdout
 *   perturb [-s SEED] -n N IN OLD NEW    OLD: N independently perturbed copies
 *                                        of IN, concatenated; NEW: each of
 *                                        those copies perturbed again
 *
 * Paragraphs are separated by blank lines; operative paragraphs start with
 * "N. ". One perturbation of a text:
 *   - about 30% of the clause paragraphs get 1-3 word edits (replace a word,
 *     insert an adverb, delete 1-4 consecutive words); the paragraph number,
 *     the opening word and the last word of a clause are left alone;
 *   - 1 new paragraph is inserted (operative or preambular), 1 paragraph is
 *     deleted and 1 is moved (within its own part, preambular or operative);
 *   - the operative paragraphs are renumbered 1, 2, 3, ... in order.
 * Paragraphs that a page break split (a clause whose text goes on in a
 * later paragraph starting in lower case) are never deleted or moved, and
 * nothing is inserted between the halves.
 * The same SEED and input always give the same output, on any platform.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- random numbers: splitmix64, identical everywhere ---- */
static uint64_t rng_state;
static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}
static size_t rng_below(size_t n) /* 0 <= r < n, n > 0 */
{
	return (size_t)(rng_next() % (uint64_t)n);
}
static void rng_seed(uint64_t seed)
{
	rng_state = seed;
	(void)rng_next();
}

static void die(const char *msg, const char *arg)
{
	fprintf(stderr, "perturb: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
	exit(2);
}
static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("out of memory", NULL);
	return p;
}
static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory", NULL);
	return p;
}
static char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* ---- growable string ---- */
typedef struct {
	char *s;
	size_t len, cap;
} str;
static void str_add(str *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}
static void str_adds(str *b, const char *s) { str_add(b, s, strlen(s)); }

/* ---- a text: an array of paragraphs (NUL-terminated, owned) ---- */
typedef struct {
	char **p;
	size_t n, cap;
} text;
static void text_push(text *t, char *para)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->p = xrealloc(t->p, t->cap * sizeof *t->p);
	}
	t->p[t->n++] = para;
}
static void text_insert(text *t, size_t at, char *para)
{
	text_push(t, para);
	memmove(t->p + at + 1, t->p + at, (t->n - 1 - at) * sizeof *t->p);
	t->p[at] = para;
}
static char *text_remove(text *t, size_t at)
{
	char *para = t->p[at];
	memmove(t->p + at, t->p + at + 1, (t->n - at - 1) * sizeof *t->p);
	t->n--;
	return para;
}
static void text_free(text *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->p[i]);
	free(t->p);
	t->p = NULL;
	t->n = t->cap = 0;
}

static int blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* Split s into paragraphs at runs of blank lines. */
static text text_parse(const char *s, size_t n)
{
	text t = {0};
	size_t i = 0, start = (size_t)-1, end = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != '\n')
			j++;
		if (blank_line(s + i, j - i)) {
			if (start != (size_t)-1)
				text_push(&t, xstrndup(s + start, end - start));
			start = (size_t)-1;
		} else {
			if (start == (size_t)-1)
				start = i;
			end = j;
		}
		i = j + 1;
	}
	if (start != (size_t)-1)
		text_push(&t, xstrndup(s + start, end - start));
	return t;
}

static void text_write(const text *t, str *out)
{
	for (size_t i = 0; i < t->n; i++) {
		if (i)
			str_adds(out, "\n");
		str_adds(out, t->p[i]);
		str_adds(out, "\n");
	}
}

/* ---- kinds of paragraph ---- */
enum { OTHER, CLAUSE_PP, CLAUSE_OP, CONT };

/* Length of the "N. " number prefix of an operative paragraph, or 0. */
static size_t op_number(const char *p)
{
	size_t i = 0;
	while (p[i] >= '0' && p[i] <= '9')
		i++;
	if (i == 0 || i > 4 || p[i] != '.' || p[i + 1] != ' ')
		return 0;
	return i + 2;
}

static int kind(const char *p)
{
	if (op_number(p))
		return CLAUSE_OP;
	if (*p >= 'a' && *p <= 'z')
		return CONT; /* a clause's text after a page break */
	if (*p >= 'A' && *p <= 'Z' && strlen(p) >= 80)
		return CLAUSE_PP;
	return OTHER; /* headings, footnotes, page furniture */
}
static int is_clause(const char *p)
{
	int k = kind(p);
	return k == CLAUSE_PP || k == CLAUSE_OP;
}

/* Does the clause at i go on in a later paragraph (after footnotes)? */
static int is_split(const text *t, size_t i)
{
	for (size_t j = i + 1; j < t->n; j++) {
		int k = kind(t->p[j]);
		if (k == CONT)
			return 1;
		if (k != OTHER)
			return 0;
	}
	return 0;
}

/* ---- word edits ---- */
static const char *const adverbs[] = {
	"further", "also", "actively", "continuously", "effectively", "urgently",
	"duly", "fully", "strongly", "consistently", "promptly", "systematically",
};
static const char *const replacements[] = {
	"States", "measures", "cooperation", "relevant", "international",
	"regional", "national", "efforts", "support", "assistance", "capacity",
	"organizations", "appropriate", "including", "comprehensive", "effective",
	"information", "development", "security", "coordination", "voluntary",
	"implementation", "frameworks", "stakeholders", "civilian", "technical",
};
#define COUNT(a) (sizeof(a) / sizeof(a)[0])

typedef struct {
	char **w;
	size_t n, cap;
} words;
static void words_insert(words *ws, size_t at, char *w)
{
	if (ws->n == ws->cap) {
		ws->cap = ws->cap ? ws->cap * 2 : 64;
		ws->w = xrealloc(ws->w, ws->cap * sizeof *ws->w);
	}
	memmove(ws->w + at + 1, ws->w + at, (ws->n - at) * sizeof *ws->w);
	ws->w[at] = w;
	ws->n++;
}

/* Apply 1-3 word edits to a clause; returns the new paragraph. */
static char *edit_words(char *para)
{
	words ws = {0};
	for (char *s = para; *s;) {
		while (*s == ' ' || *s == '\n' || *s == '\t')
			s++;
		char *e = s;
		while (*e && *e != ' ' && *e != '\n' && *e != '\t')
			e++;
		if (e > s)
			words_insert(&ws, ws.n, xstrndup(s, (size_t)(e - s)));
		s = e;
	}
	/* words [lo, ws.n - 1) may change: keep number, opener and last word */
	size_t lo = op_number(para) ? 2 : 1;
	int edits = 1 + (int)rng_below(3);
	for (int k = 0; k < edits; k++) {
		if (ws.n < lo + 4)
			break;
		size_t span = ws.n - 1 - lo; /* editable words */
		switch (rng_below(3)) {
		case 0: { /* replace a word */
			size_t at = lo + rng_below(span);
			free(ws.w[at]);
			const char *r = replacements[rng_below(COUNT(replacements))];
			ws.w[at] = xstrndup(r, strlen(r));
			break;
		}
		case 1: { /* insert an adverb */
			const char *a = adverbs[rng_below(COUNT(adverbs))];
			words_insert(&ws, lo + rng_below(span + 1), xstrndup(a, strlen(a)));
			break;
		}
		default: { /* delete 1-4 consecutive words */
			size_t del = 1 + rng_below(4);
			if (del > span - 2)
				del = span - 2;
			size_t at = lo + rng_below(span - del + 1);
			for (size_t i = 0; i < del; i++)
				free(ws.w[at + i]);
			memmove(ws.w + at, ws.w + at + del, (ws.n - at - del) * sizeof *ws.w);
			ws.n -= del;
			break;
		}
		}
	}
	str out = {0};
	for (size_t i = 0; i < ws.n; i++) {
		if (i)
			str_adds(&out, " ");
		str_adds(&out, ws.w[i]);
		free(ws.w[i]);
	}
	free(ws.w);
	free(para);
	return out.s ? out.s : xstrndup("", 0);
}

/* ---- a new paragraph ---- */
static const char *const pp_openers[] = {
	"Noting further", "Recognizing also", "Stressing further",
	"Acknowledging", "Welcoming", "Bearing in mind",
};
static const char *const op_verbs[] = {
	"*Encourages*", "*Urges*", "*Calls upon*", "*Invites*", "*Requests*",
	"*Welcomes*",
};
static const char *const subjects[] = {
	"States", "Member States", "relevant international and regional organizations",
	"the Secretary-General", "all relevant entities of the United Nations system",
};
static const char *const objects[] = {
	"the exchange of information and best practices",
	"national legislation and regulatory frameworks",
	"the secure management of ammunition stockpiles",
	"victim assistance and mine action programmes",
	"cooperation with the private sector and civil society",
	"technical assistance and capacity-building",
	"the detection and disposal of improvised explosive devices",
};
static const char *const clause_verbs[] = {
	"strengthen", "promote", "develop", "support", "enhance", "coordinate",
};

static char *new_paragraph(int operative)
{
	str b = {0};
	if (operative) {
		str_adds(&b, "1. "); /* renumbered below */
		str_adds(&b, op_verbs[rng_below(COUNT(op_verbs))]);
		str_adds(&b, " ");
	} else {
		str_adds(&b, pp_openers[rng_below(COUNT(pp_openers))]);
		str_adds(&b, " that ");
	}
	str_adds(&b, subjects[rng_below(COUNT(subjects))]);
	str_adds(&b, operative ? " to " : " should ");
	int parts = 3 + (int)rng_below(3);
	for (int i = 0; i < parts; i++) {
		if (i)
			str_adds(&b, i == parts - 1 ? " and to " : ", to ");
		if (rng_below(2)) {
			str_adds(&b, adverbs[rng_below(COUNT(adverbs))]);
			str_adds(&b, " ");
		}
		str_adds(&b, clause_verbs[rng_below(COUNT(clause_verbs))]);
		str_adds(&b, " ");
		str_adds(&b, objects[rng_below(COUNT(objects))]);
	}
	str_adds(&b, operative ? ";" : ",");
	return b.s;
}

/* ---- one perturbation ---- */

/* Index of a random paragraph satisfying ok(), or (size_t)-1. */
static size_t pick(const text *t, int (*ok)(const text *, size_t))
{
	size_t n = 0;
	for (size_t i = 0; i < t->n; i++)
		n += ok(t, i) != 0;
	if (n == 0)
		return (size_t)-1;
	size_t r = rng_below(n);
	for (size_t i = 0; i < t->n; i++)
		if (ok(t, i) && r-- == 0)
			return i;
	return (size_t)-1;
}
static int ok_whole_clause(const text *t, size_t i)
{
	return is_clause(t->p[i]) && !is_split(t, i);
}
/* Where a paragraph of kind want may go: right before a clause of that kind,
 * or right after the last one of that kind (then before what follows it). */
static int want_kind;
static int ok_slot(const text *t, size_t i)
{
	if (i < t->n && kind(t->p[i]) == want_kind)
		return 1;
	return i > 0 && i <= t->n && kind(t->p[i - 1]) == want_kind &&
	       !is_split(t, i - 1) && (i == t->n || kind(t->p[i]) != CONT);
}
static size_t pick_slot(const text *t, int k)
{
	want_kind = k;
	size_t n = 0;
	for (size_t i = 0; i <= t->n; i++)
		n += ok_slot(t, i) != 0;
	if (n == 0)
		return (size_t)-1;
	size_t r = rng_below(n);
	for (size_t i = 0; i <= t->n; i++)
		if (ok_slot(t, i) && r-- == 0)
			return i;
	return (size_t)-1;
}

static void renumber(text *t)
{
	unsigned next = 1;
	for (size_t i = 0; i < t->n; i++) {
		size_t skip = op_number(t->p[i]);
		if (!skip)
			continue;
		str b = {0};
		char num[16];
		snprintf(num, sizeof num, "%u. ", next++);
		str_adds(&b, num);
		str_adds(&b, t->p[i] + skip);
		free(t->p[i]);
		t->p[i] = b.s;
	}
}

static void perturb(text *t)
{
	/* word edits in about 30% of the clauses (and their continuations) */
	for (size_t i = 0; i < t->n; i++) {
		int k = kind(t->p[i]);
		if (k != OTHER && rng_below(100) < 30)
			t->p[i] = edit_words(t->p[i]);
	}
	/* delete one clause */
	size_t at = pick(t, ok_whole_clause);
	if (at != (size_t)-1)
		free(text_remove(t, at));
	/* move one clause within its part */
	at = pick(t, ok_whole_clause);
	if (at != (size_t)-1) {
		int k = kind(t->p[at]);
		char *para = text_remove(t, at);
		size_t to = pick_slot(t, k);
		for (int tries = 0; to == at && tries < 8; tries++)
			to = pick_slot(t, k); /* somewhere else, if there is a place */
		text_insert(t, to == (size_t)-1 ? at : to, para);
	}
	/* insert one new clause, operative or preambular */
	int operative = (int)rng_below(2);
	size_t to = pick_slot(t, operative ? CLAUSE_OP : CLAUSE_PP);
	if (to == (size_t)-1) {
		operative = !operative;
		to = pick_slot(t, operative ? CLAUSE_OP : CLAUSE_PP);
	}
	if (to != (size_t)-1)
		text_insert(t, to, new_paragraph(operative));
	renumber(t);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("cannot open", path);
	str b = {0};
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		str_add(&b, buf, n);
	if (ferror(f))
		die("cannot read", path);
	fclose(f);
	*len = b.len;
	return b.s ? b.s : xstrndup("", 0);
}

static void write_file(const char *path, const str *b)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "wb") : stdout;
	if (!f)
		die("cannot create", path);
	if (fwrite(b->s ? b->s : "", 1, b->len, f) != b->len || fflush(f) != 0)
		die("cannot write", path);
	if (f != stdout && fclose(f) != 0)
		die("cannot write", path);
}

static void usage(void)
{
	fputs("usage: perturb [-s SEED] IN\n"
	      "       perturb [-s SEED] -n COPIES IN OLD NEW\n",
	      stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	uint64_t seed = 1;
	long copies = 0;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		char *end;
		if (!strcmp(argv[i], "-s") && i + 1 < argc) {
			seed = strtoull(argv[++i], &end, 10);
			if (*end)
				usage();
		} else if (!strcmp(argv[i], "-n") && i + 1 < argc) {
			copies = strtol(argv[++i], &end, 10);
			if (*end || copies < 1)
				usage();
		} else {
			usage();
		}
	}
	if (argc - i != (copies ? 3 : 1))
		usage();

	size_t len;
	char *src = read_file(argv[i], &len);
	if (!copies) {
		text t = text_parse(src, len);
		rng_seed(seed);
		perturb(&t);
		str out = {0};
		text_write(&t, &out);
		write_file("-", &out);
		text_free(&t);
		free(out.s);
		free(src);
		return 0;
	}
	str old = {0}, new = {0};
	for (long c = 0; c < copies; c++) {
		text t = text_parse(src, len);
		rng_seed(seed * 1000003u + (uint64_t)c * 2);
		perturb(&t);
		if (c)
			str_adds(&old, "\n");
		text_write(&t, &old);
		rng_seed(seed * 1000003u + (uint64_t)c * 2 + 1);
		perturb(&t);
		if (c)
			str_adds(&new, "\n");
		text_write(&t, &new);
		text_free(&t);
	}
	write_file(argv[i + 1], &old);
	write_file(argv[i + 2], &new);
	free(old.s);
	free(new.s);
	free(src);
	return 0;
}
