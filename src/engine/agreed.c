/*
 * agreed: the distinct-clause index of an archive and its queries
 * (agreed.h).
 */
#include "agreed.h"

#include <stdlib.h>
#include <string.h>

#include "token.h"
#include "utf8.h"
#include "util.h"

#define FNV_OFFSET 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL
/* query grams looked at, rarest first, and candidates measured */
#define QUERY_GRAMS 8
#define QUERY_GRAMS_MAX 64
#define MAX_CANDIDATES 4000
/* word pairs compared in measuring them, at most (about 0.1 s) */
#define WORK_BUDGET 150000000ULL

struct bocc {
	uint32_t clause, version, id;
};

struct bpair {
	uint64_t gram;
	uint32_t clause;
};

struct agreed_build {
	uint64_t *hkey;		/* open addressing: a text's words' hash -> clause + 1 */
	uint32_t *hval;
	size_t hcap, hn;
	uint64_t *skey;		/* the same for short strings (clause ids, paths) -> offset + 1 */
	uint32_t *sval;
	size_t scap, sn;
	struct bocc *o;
	size_t no, o_cap;
	struct bpair *p;
	size_t np, p_cap;
	int no_grams;		/* an index no query will search (a query's join) */
};

void
agreed_init(struct agreed_index *x)
{
	memset(x, 0, sizeof(*x));
	x->b = xcalloc(1, sizeof(*x->b));
}

static void
build_release(struct agreed_build *b)
{
	if (!b)
		return;
	free(b->hkey);
	free(b->hval);
	free(b->skey);
	free(b->sval);
	free(b->o);
	free(b->p);
	free(b);
}

void
agreed_release(struct agreed_index *x)
{
	if (x->borrowed) {
		build_release(x->b);
		memset(x, 0, sizeof(*x));
		return;
	}
	free(x->strings);
	free(x->v);
	free(x->c);
	free(x->occs);
	free(x->gkey);
	free(x->gfirst);
	free(x->post);
	build_release(x->b);
	memset(x, 0, sizeof(*x));
}

const char *
agreed_str(const struct agreed_index *x, uint32_t off)
{
	return off < x->nstrings ? x->strings + off : "";
}

static uint32_t
add_bytes(struct agreed_index *x, const char *s, size_t len)
{
	uint32_t off = (uint32_t)x->nstrings;

	GROW(x->strings, x->strings_cap, x->nstrings + len + 1);
	memcpy(x->strings + x->nstrings, s, len);
	x->strings[x->nstrings + len] = '\0';
	x->nstrings += len + 1;
	return off;
}

/* An open-addressing table of keys (never 0) and values twice as large,
 * its entries placed again. */
static void
table_grow(uint64_t **keys, uint32_t **vals, size_t *cap, size_t first)
{
	size_t ncap = *cap ? *cap * 2 : first, k, j;
	uint64_t *key = xcalloc(ncap, sizeof(*key));
	uint32_t *val = xcalloc(ncap, sizeof(*val));

	for (k = 0; k < *cap; k++)
		if ((*keys)[k]) {
			for (j = (*keys)[k] & (ncap - 1); key[j]; j = (j + 1) & (ncap - 1))
				;
			key[j] = (*keys)[k];
			val[j] = (*vals)[k];
		}
	free(*keys);
	free(*vals);
	*keys = key;
	*vals = val;
	*cap = ncap;
}

/* Short strings kept once (a clause id occurs in thousands of versions). */
static uint32_t
add_str(struct agreed_index *x, const char *s)
{
	struct agreed_build *b = x->b;
	size_t len = s ? strlen(s) : 0, i;
	uint64_t h = hash_bytes(s ? s : "", len) | 1;

	if (!s)
		s = "";
	if ((b->sn + 1) * 2 > b->scap)
		table_grow(&b->skey, &b->sval, &b->scap, 1024);
	for (i = h & (b->scap - 1); b->skey[i]; i = (i + 1) & (b->scap - 1))
		if (b->skey[i] == h && strcmp(x->strings + b->sval[i] - 1, s) == 0)
			return b->sval[i] - 1;
	b->skey[i] = h;
	b->sval[i] = add_bytes(x, s, len) + 1;
	b->sn++;
	return b->sval[i] - 1;
}

/*
 * The words of a text as tokenize() under IGNORE_TYPOGRAPHY finds them (a
 * run of letters and digits, hyphens between two of them joining it into
 * one), each keyed by its letters and digits case folded, so that a
 * compound's hyphen and a capital are no difference. Its own scanner, not
 * the tokenizer: a query reads thousands of clauses, and building their
 * tokens cost most of its time. check_agreed holds it to the tokenizer.
 */
/* An ASCII byte's letter or digit case folded; 0: not one. */
static const unsigned char ascii_fold[128] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4', ['5'] = '5', ['6'] = '6', ['7'] = '7',
	['8'] = '8', ['9'] = '9', ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e', ['F'] = 'f',
	['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n',
	['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't', ['U'] = 'u', ['V'] = 'v',
	['W'] = 'w', ['X'] = 'x', ['Y'] = 'y', ['Z'] = 'z', ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd',
	['e'] = 'e', ['f'] = 'f', ['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l',
	['m'] = 'm', ['n'] = 'n', ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't',
	['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y', ['z'] = 'z'
};

/* The end of the word whose first letter is s[i], its key in *key. */
static size_t
word_at(const char *s, size_t len, size_t i, uint64_t *key)
{
	uint64_t h = FNV_OFFSET;
	uint32_t cp, next;
	size_t k;

	for (;;) {
		while (i < len) {
			unsigned char c = (unsigned char)s[i];

			/* ASCII, most of every text, without decoding */
			if (c < 0x80) {
				if (!(c = ascii_fold[c]))
					break;
				h = (h ^ c) * FNV_PRIME;
				i++;
				continue;
			}
			k = utf8_decode(s + i, len - i, &cp);
			if (cp == UTF8_INVALID || !utf8_is_alnum(cp))
				break;
			h = (h ^ utf8_tolower(cp)) * FNV_PRIME;
			i += k;
		}
		/* a hyphen with a letter or digit after it goes on */
		if (i >= len || ((unsigned char)s[i] < 0x80 && s[i] != '-'))
			break;
		k = utf8_decode(s + i, len - i, &cp);
		if (token_fold_typography(cp) != '-' || i + k >= len)
			break;
		utf8_decode(s + i + k, len - i - k, &next);
		if (next == UTF8_INVALID || !utf8_is_alnum(next))
			break;
		i += k;
	}
	*key = h;
	return i;
}

/* The words' keys into *keys (grown as needed, kept across calls: a query
 * measures thousands of texts), their byte spans into *starts and *ends
 * when not NULL; the number of words. */
static size_t
words_into(const char *text, size_t len, uint64_t **keys, size_t *cap, size_t **starts, size_t **ends)
{
	size_t i = 0, n = 0, k, scap = 0, ecap = 0;
	uint32_t cp;

	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		size_t end;

		if (c < 0x80) {
			if (!ascii_fold[c]) {
				i++;
				continue;
			}
		} else {
			k = utf8_decode(text + i, len - i, &cp);
			if (cp == UTF8_INVALID || !utf8_is_alnum(cp)) {
				i += k;
				continue;
			}
		}
		if (n >= *cap)
			GROW(*keys, *cap, n + 1);
		end = word_at(text, len, i, &(*keys)[n]);
		if (starts) {
			if (n >= scap)
				GROW(*starts, scap, n + 1);
			(*starts)[n] = i;
		}
		if (ends) {
			if (n >= ecap)
				GROW(*ends, ecap, n + 1);
			(*ends)[n] = end;
		}
		n++;
		i = end;
	}
	return n;
}

size_t
agreed_words(const char *text, size_t len, uint64_t **keys, size_t **starts, size_t **ends)
{
	size_t cap = 0, n;

	*keys = NULL;
	if (starts)
		*starts = NULL;
	if (ends)
		*ends = NULL;
	n = words_into(text, len, keys, &cap, starts, ends);
	/* never NULL, as callers free what they get */
	if (!*keys)
		*keys = xmalloc(sizeof(**keys));
	if (starts && !*starts)
		*starts = xmalloc(sizeof(**starts));
	if (ends && !*ends)
		*ends = xmalloc(sizeof(**ends));
	return n;
}

static uint64_t
gram_key(const uint64_t *w)
{
	uint64_t h = w[0] * 0x9E3779B97F4A7C15ULL;

	h ^= (w[1] + 0x632BE59BD9B4E019ULL) * 0xC2B2AE3D27D4EB4FULL;
	h ^= (w[2] + 0x85EBCA77C2B2AE63ULL) * 0x165667B19E3779F9ULL;
	return h ^ (h >> 29);
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

uint32_t
agreed_add_version(struct agreed_index *x, const char *commit, const char *path, const char *symbol,
		   const char *date, int adopted)
{
	struct agreed_version *v;

	GROW(x->v, x->v_cap, x->nv + 1);
	v = &x->v[x->nv];
	v->commit = add_str(x, commit);
	v->path = add_str(x, path);
	v->symbol = add_str(x, symbol);
	v->date = add_str(x, date);
	v->adopted = adopted ? 1 : 0;
	return (uint32_t)x->nv++;
}

/* The clause with these words: found, or added with its grams. */
static uint32_t
distinct_clause(struct agreed_index *x, const char *text, const uint64_t *w, size_t n)
{
	struct agreed_build *b = x->b;
	uint64_t h = FNV_OFFSET, *grams;
	size_t i, ng = 0;
	struct agreed_clause *c;

	for (i = 0; i < n; i++)
		h = (h ^ w[i]) * FNV_PRIME;
	h |= 1;
	if ((b->hn + 1) * 2 > b->hcap)
		table_grow(&b->hkey, &b->hval, &b->hcap, 4096);
	for (i = h & (b->hcap - 1); b->hkey[i]; i = (i + 1) & (b->hcap - 1))
		if (b->hkey[i] == h && x->c[b->hval[i] - 1].nwords == n)
			return b->hval[i] - 1;
	GROW(x->c, x->c_cap, x->nc + 1);
	c = &x->c[x->nc];
	memset(c, 0, sizeof(*c));
	c->text_len = (uint32_t)strlen(text);
	c->text = add_bytes(x, text, c->text_len);
	c->nwords = (uint32_t)n;
	b->hkey[i] = h;
	b->hval[i] = (uint32_t)x->nc + 1;
	b->hn++;
	if (b->no_grams)
		return (uint32_t)x->nc++;
	/* its grams, each once */
	grams = xmalloc((n + 1) * sizeof(*grams));
	for (i = 0; i + 2 < n; i++)
		grams[ng++] = gram_key(w + i);
	qsort(grams, ng, sizeof(*grams), cmp_u64);
	for (i = 0; i < ng; i++) {
		if (i && grams[i] == grams[i - 1])
			continue;
		GROW(b->p, b->p_cap, b->np + 1);
		b->p[b->np].gram = grams[i];
		b->p[b->np].clause = (uint32_t)x->nc;
		b->np++;
	}
	free(grams);
	return (uint32_t)x->nc++;
}

/* An occurrence of distinct clause c. */
static void
add_occ(struct agreed_index *x, uint32_t c, uint32_t version, uint32_t id)
{
	struct agreed_build *b = x->b;

	GROW(b->o, b->o_cap, b->no + 1);
	b->o[b->no].clause = c;
	b->o[b->no].version = version;
	b->o[b->no].id = id;
	b->no++;
}

/* old's clauses (all, or the n in only) with their occurrences in the
 * versions keep says (NULL: all), each version added when first needed;
 * the clause each became in *to_clause when asked. */
static void
add_from(struct agreed_index *x, const struct agreed_index *old, const unsigned char *keep, const uint32_t *only,
	 size_t n_only, uint32_t *to_clause)
{
	uint32_t *to = xmalloc((old->nv + 1) * sizeof(*to));
	size_t i, k, n = only ? n_only : old->nc;

	for (i = 0; i < old->nv; i++)
		to[i] = UINT32_MAX;
	/* in old's order, so that an index brought up to date keeps it */
	if (!only)
		for (i = 0; i < old->nv; i++)
			if (!keep || keep[i])
				to[i] = agreed_add_version(x, agreed_str(old, old->v[i].commit),
							   agreed_str(old, old->v[i].path), agreed_str(old, old->v[i].symbol),
							   agreed_str(old, old->v[i].date), (int)old->v[i].adopted);
	/* each distinct text's words once, however many versions have it */
	for (i = 0; i < n; i++) {
		uint32_t ci = only ? only[i] : (uint32_t)i;
		const struct agreed_clause *c = ci < old->nc ? &old->c[ci] : NULL;
		uint64_t *w;
		size_t nw;
		uint32_t nc = UINT32_MAX;

		if (to_clause)
			to_clause[i] = UINT32_MAX;
		if (!c || !agreed_clause_ok(old, c))
			continue;
		for (k = 0; k < c->nocc; k++) {
			const struct agreed_occ *o = &old->occs[c->occ + k];
			const struct agreed_version *v;

			if (o->version >= old->nv || (keep && !keep[o->version]))
				continue;
			if (to[o->version] == UINT32_MAX) {
				v = &old->v[o->version];
				to[o->version] = agreed_add_version(x, agreed_str(old, v->commit), agreed_str(old, v->path),
								    agreed_str(old, v->symbol), agreed_str(old, v->date),
								    (int)v->adopted);
			}
			if (nc == UINT32_MAX) {
				nw = agreed_words(old->strings + c->text, c->text_len, &w, NULL, NULL);
				nc = distinct_clause(x, old->strings + c->text, w, nw);
				free(w);
			}
			add_occ(x, nc, to[o->version], add_str(x, agreed_str(old, o->clause_id)));
		}
		if (to_clause)
			to_clause[i] = nc;
	}
	free(to);
}

void
agreed_add_from(struct agreed_index *x, const struct agreed_index *old, const unsigned char *keep)
{
	add_from(x, old, keep, NULL, 0, NULL);
}

void
agreed_add_clauses_from(struct agreed_index *x, const struct agreed_index *old, const uint32_t *clauses, size_t n,
			uint32_t *to)
{
	add_from(x, old, NULL, clauses, n, to);
}

void
agreed_add_clause(struct agreed_index *x, uint32_t version, const char *id, const char *text)
{
	struct agreed_build *b = x->b;
	uint64_t *w;
	size_t n = agreed_words(text, strlen(text), &w, NULL, NULL);
	uint32_t c;

	if (!b)
		goto out;
	c = distinct_clause(x, text, w, n);
	add_occ(x, c, version, add_str(x, id));
out:
	free(w);
}

static int
cmp_bocc(const void *a, const void *b)
{
	const struct bocc *x = a, *y = b;

	if (x->clause != y->clause)
		return x->clause < y->clause ? -1 : 1;
	return x->version < y->version ? -1 : x->version > y->version;
}

static int
cmp_pair(const void *a, const void *b)
{
	const struct bpair *x = a, *y = b;

	if (x->gram != y->gram)
		return x->gram < y->gram ? -1 : 1;
	return x->clause < y->clause ? -1 : x->clause > y->clause;
}

struct text_ref {
	const char *text;
	uint32_t clause;
};

static int
cmp_text_ref(const void *a, const void *b)
{
	const struct text_ref *x = a, *y = b;
	int d = strcmp(x->text, y->text);

	return d ? d : (x->clause < y->clause ? -1 : x->clause > y->clause);
}

/*
 * The index laid out for reading: the short strings (commits, paths,
 * symbols, dates, clause ids) together first, then the distinct texts in
 * the order of their wording, so that the variants of a clause (which one
 * query reads together: "Encourages Member States to ...") sit on the same
 * pages. A query of a mapped index pays for every page it first touches;
 * in the order texts were added (version by version) its candidates were
 * one to a page. Clause numbers change here, so this comes before the
 * occurrences and postings are made of them.
 */
static void
lay_out(struct agreed_index *x)
{
	struct agreed_build *b = x->b;
	struct agreed_index y;
	struct text_ref *order = xmalloc((x->nc + 1) * sizeof(*order));
	uint32_t *rank = xmalloc((x->nc + 1) * sizeof(*rank));
	struct agreed_clause *c = xmalloc((x->nc + 1) * sizeof(*c));
	size_t i;

	agreed_init(&y);
	for (i = 0; i < x->nv; i++) {
		struct agreed_version *v = &x->v[i];

		v->commit = add_str(&y, agreed_str(x, v->commit));
		v->path = add_str(&y, agreed_str(x, v->path));
		v->symbol = add_str(&y, agreed_str(x, v->symbol));
		v->date = add_str(&y, agreed_str(x, v->date));
	}
	for (i = 0; i < b->no; i++)
		b->o[i].id = add_str(&y, agreed_str(x, b->o[i].id));
	for (i = 0; i < x->nc; i++) {
		order[i].text = agreed_str(x, x->c[i].text);
		order[i].clause = (uint32_t)i;
	}
	if (x->nc)
		qsort(order, x->nc, sizeof(*order), cmp_text_ref);
	for (i = 0; i < x->nc; i++) {
		c[i] = x->c[order[i].clause];
		c[i].text = add_bytes(&y, order[i].text, c[i].text_len);
		rank[order[i].clause] = (uint32_t)i;
	}
	for (i = 0; i < b->no; i++)
		b->o[i].clause = rank[b->o[i].clause];
	for (i = 0; i < b->np; i++)
		b->p[i].clause = rank[b->p[i].clause];
	free(x->strings);
	x->strings = y.strings;
	x->nstrings = y.nstrings;
	x->strings_cap = y.strings_cap;
	y.strings = NULL;
	free(x->c);
	x->c = c;
	x->c_cap = x->nc + 1;
	agreed_release(&y);
	free(order);
	free(rank);
}

void
agreed_finish(struct agreed_index *x)
{
	struct agreed_build *b = x->b;
	size_t i, cap = 0, pcap = 0;

	if (!b)
		return;
	/* a query's join keeps the numbers it handed out (agreed_query_parts) */
	if (!b->no_grams)
		lay_out(x);
	if (b->no)
		qsort(b->o, b->no, sizeof(*b->o), cmp_bocc);
	x->occs = xmalloc((b->no + 1) * sizeof(*x->occs));
	for (i = 0; i < b->no; i++) {
		struct agreed_clause *c = &x->c[b->o[i].clause];

		if (!c->nocc)
			c->occ = (uint32_t)i;
		c->nocc++;
		x->occs[i].version = b->o[i].version;
		x->occs[i].clause_id = b->o[i].id;
	}
	x->nocc = b->no;
	if (b->np)
		qsort(b->p, b->np, sizeof(*b->p), cmp_pair);
	for (i = 0; i < b->np; i++) {
		uint32_t v = b->p[i].clause;

		if (!x->ng || x->gkey[x->ng - 1] != b->p[i].gram) {
			size_t had = cap;

			GROW(x->gkey, cap, x->ng + 2);
			if (cap != had)	/* the offsets grow with the keys */
				x->gfirst = xrealloc(x->gfirst, cap * sizeof(*x->gfirst));
			x->gkey[x->ng] = b->p[i].gram;
			x->gfirst[x->ng] = (uint32_t)x->npost;
			x->ng++;
		} else {
			v -= b->p[i - 1].clause;	/* ascending: the difference */
		}
		/* seven bits a byte, the high bit set on all but the last */
		GROW(x->post, pcap, x->npost + 5);
		while (v >= 0x80) {
			x->post[x->npost++] = (unsigned char)(v | 0x80);
			v >>= 7;
		}
		x->post[x->npost++] = (unsigned char)v;
	}
	if (!x->gfirst)
		x->gfirst = xmalloc(sizeof(*x->gfirst));
	x->gfirst[x->ng] = (uint32_t)x->npost;
	build_release(b);
	x->b = NULL;
}

/*
 * The file: a magic line, six counts, then the arrays as they are in
 * memory, each padded to eight bytes. Loading checks every offset and
 * range, so a damaged file is refused, never followed.
 */
#define MAGIC "redline-agreed 3\n"

static void
put_block(struct sbuf *out, const void *p, size_t n)
{
	static const char zero[8];

	if (n)
		sbuf_add(out, p, n);
	if (n % 8)
		sbuf_add(out, zero, 8 - n % 8);
}

void
agreed_save(const struct agreed_index *x, struct sbuf *out)
{
	uint64_t counts[6] = { x->nstrings, x->nv, x->nc, x->nocc, x->ng, x->npost };
	static const uint32_t none;

	put_block(out, MAGIC, sizeof(MAGIC) - 1);
	put_block(out, counts, sizeof(counts));
	put_block(out, x->strings, x->nstrings);
	put_block(out, x->v, x->nv * sizeof(*x->v));
	put_block(out, x->c, x->nc * sizeof(*x->c));
	put_block(out, x->occs, x->nocc * sizeof(*x->occs));
	put_block(out, x->gkey, x->ng * sizeof(*x->gkey));
	put_block(out, x->gfirst ? (const void *)x->gfirst : (const void *)&none, (x->ng + 1) * sizeof(*x->gfirst));
	put_block(out, x->post, x->npost);
}

/* A block of the file in place: its start, checked to lie inside. */
static int
point_block(const char *buf, size_t len, size_t *at, const void **out, uint64_t n, size_t size)
{
	size_t bytes;

	if (n > (uint64_t)(len / (size ? size : 1)))
		return -1;
	bytes = (size_t)n * size;
	if (*at > len || len - *at < bytes)
		return -1;
	*out = buf + *at;
	*at += bytes + (bytes % 8 ? 8 - bytes % 8 : 0);
	return 0;
}

int
agreed_map(struct agreed_index *x, const char *buf, size_t len)
{
	size_t at = sizeof(MAGIC) - 1;
	uint64_t counts[6], n[7];
	const void *p[7];
	static const size_t size[7] = { 1, sizeof(struct agreed_version), sizeof(struct agreed_clause),
					sizeof(struct agreed_occ), sizeof(uint64_t), sizeof(uint32_t), 1 };
	size_t i;

	agreed_release(x);
	at += (8 - at % 8) % 8;
	if (((uintptr_t)buf & 7) || len < at + sizeof(counts) || memcmp(buf, MAGIC, sizeof(MAGIC) - 1) != 0)
		return -1;
	memcpy(counts, buf + at, sizeof(counts));
	at += sizeof(counts);
	for (i = 0; i < 5; i++)
		n[i] = counts[i];
	n[5] = counts[4] + 1;
	n[6] = counts[5];
	if (counts[4] >= UINT32_MAX)
		return -1;
	for (i = 0; i < 7; i++)
		if (point_block(buf, len, &at, &p[i], n[i], size[i]) < 0)
			return -1;
	/* the strings end in a NUL, so any offset inside reads a string */
	if (counts[0] && ((const char *)p[0])[counts[0] - 1] != '\0')
		return -1;
	x->strings = (char *)p[0];
	x->v = (struct agreed_version *)p[1];
	x->c = (struct agreed_clause *)p[2];
	x->occs = (struct agreed_occ *)p[3];
	x->gkey = (uint64_t *)p[4];
	x->gfirst = (uint32_t *)p[5];
	x->post = (unsigned char *)p[6];
	x->nstrings = counts[0];
	x->nv = counts[1];
	x->nc = counts[2];
	x->nocc = counts[3];
	x->ng = counts[4];
	x->npost = counts[5];
	x->borrowed = 1;
	return 0;
}

/*
 * Queries
 */

int
agreed_clause_ok(const struct agreed_index *x, const struct agreed_clause *c)
{
	return (uint64_t)c->text + c->text_len < x->nstrings && (uint64_t)c->occ + c->nocc <= x->nocc;
}

/* A gram's postings: first and count, from its index. */
struct gram_ref {
	uint32_t first, count;
};

/* The index of the gram with key, or -1. */
static long
find_gram(const struct agreed_index *x, uint64_t key)
{
	size_t lo = 0, hi = x->ng;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (x->gkey[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->ng && x->gkey[lo] == key ? (long)lo : -1;
}

static int
cmp_gram_count(const void *a, const void *b)
{
	const struct gram_ref *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/*
 * How many of the query's words a text has in the same order (their
 * longest common subsequence), counted with bit vectors a text word at a
 * time (Allison and Dix; Hyyro carries the sum across machine words for a
 * query past 64 words): O(nt * nq/64) where the table is O(nt * nq). Each
 * distinct query word has a mask of the places it holds in the query;
 * a text word the query lacks costs one lookup.
 */
struct lcs_query {
	size_t nq, nwords;	/* the query's words; 64-bit words in a mask */
	size_t nslots;		/* a power of two, at least twice the words */
	uint64_t *slot_key;
	uint32_t *slot_mask;	/* 1 + the word's mask's index; 0: empty */
	uint64_t *masks;	/* nwords each */
	uint64_t *v;		/* the vector, nwords */
};

static size_t
lcs_slot(const struct lcs_query *lq, uint64_t key)
{
	size_t i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 32) & (lq->nslots - 1);

	while (lq->slot_mask[i] && lq->slot_key[i] != key)
		i = (i + 1) & (lq->nslots - 1);
	return i;
}

static void
lcs_init(struct lcs_query *lq, const uint64_t *q, size_t nq)
{
	size_t i, nmasks = 0;

	lq->nq = nq;
	lq->nwords = (nq + 63) / 64;
	for (lq->nslots = 16; lq->nslots < 2 * nq; lq->nslots *= 2)
		;
	lq->slot_key = xcalloc(lq->nslots, sizeof(*lq->slot_key));
	lq->slot_mask = xcalloc(lq->nslots, sizeof(*lq->slot_mask));
	lq->masks = xcalloc(nq * lq->nwords + 1, sizeof(*lq->masks));
	lq->v = xcalloc(lq->nwords + 1, sizeof(*lq->v));
	for (i = 0; i < nq; i++) {
		size_t k = lcs_slot(lq, q[i]);

		if (!lq->slot_mask[k]) {
			lq->slot_key[k] = q[i];
			lq->slot_mask[k] = (uint32_t)++nmasks;
		}
		lq->masks[(lq->slot_mask[k] - 1) * lq->nwords + i / 64] |= 1ULL << (i % 64);
	}
}

static void
lcs_release(struct lcs_query *lq)
{
	free(lq->slot_key);
	free(lq->slot_mask);
	free(lq->masks);
	free(lq->v);
}

/* The query read from its end, for the table's columns from the text's. */
static void
lcs_init_reversed(struct lcs_query *lq, const uint64_t *q, size_t nq)
{
	uint64_t *r = xmalloc((nq + 1) * sizeof(*r));
	size_t i;

	for (i = 0; i < nq; i++)
		r[i] = q[nq - 1 - i];
	lcs_init(lq, r, nq);
	free(r);
}

static unsigned
ones(uint64_t x)
{
	x = x - ((x >> 1) & 0x5555555555555555ULL);
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
	return (unsigned)((x * 0x0101010101010101ULL) >> 56);
}

/* The vector after one more text word (out may be v): a column of the
 * table, kept as its steps (a 0 bit: the count grows at that query word). */
static void
lcs_step(const struct lcs_query *lq, const uint64_t *v, uint64_t *out, uint64_t key)
{
	size_t s = lcs_slot(lq, key), k, n = lq->nwords;
	const uint64_t *pm;
	uint64_t carry = 0;

	if (!lq->slot_mask[s]) {
		if (out != v)
			memcpy(out, v, n * sizeof(*out));
		return;
	}
	pm = lq->masks + (lq->slot_mask[s] - 1) * n;
	for (k = 0; k < n; k++) {
		uint64_t u = v[k] & pm[k], sum = v[k] + u + carry;

		carry = sum < v[k] || (carry && sum == v[k]);
		out[k] = sum | (v[k] - u);
	}
}

/* The 0 bits among a vector's first bits: how many of the query's first
 * bits words the text has in order. */
static size_t
zeros_below(const uint64_t *v, size_t bits)
{
	size_t k = 0, z = 0;

	for (; bits >= 64; k++, bits -= 64)
		z += 64 - ones(v[k]);
	if (bits)
		z += bits - ones(v[k] & ((1ULL << bits) - 1));
	return z;
}

static size_t
in_order(struct lcs_query *lq, const uint64_t *t, size_t nt)
{
	size_t j, k;

	for (k = 0; k < lq->nwords; k++)
		lq->v[k] = ~0ULL;
	for (j = 0; j < nt; j++)
		lcs_step(lq, lq->v, lq->v, t[j]);
	return zeros_below(lq->v, lq->nq);
}

/* A gram rare enough to follow beyond the rarest eight: its postings
 * (about a byte and a half each) lead to at most a 64th of the clauses. */
static uint32_t
rare_bytes(const struct agreed_index *x)
{
	size_t b = x->nc / 64 * 3 / 2;

	return b < 96 ? 96 : b > UINT32_MAX ? UINT32_MAX : (uint32_t)b;
}

struct cand {
	uint32_t clause, hits;
};

static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->hits != y->hits)
		return x->hits > y->hits ? -1 : 1;
	return x->clause < y->clause ? -1 : x->clause > y->clause;
}

static int
cmp_hit(const void *a, const void *b)
{
	const struct agreed_hit *x = a, *y = b;

	if (x->coverage != y->coverage)
		return x->coverage > y->coverage ? -1 : 1;
	return x->clause < y->clause ? -1 : x->clause > y->clause;
}

/*
 * Where in a text's words t the query's words q are, from the first it has
 * to the last, widened by as many words on each side as the query has
 * there unmatched (a changed first word shows as changed), the text's own
 * ends kept whole when reached: its first and last words in *wfirst,
 * *wlast. 0, or -1 when none (or too long to tell).
 *
 * The path back through the table of their longest common subsequence,
 * m[i][j] the words q[i..] and t[j..] have in common in order. The table
 * is not made: rq holds the query reversed, and the text read from its end
 * gives each column j as a bit vector (*cols, grown as needed, kept across
 * calls), in which m[i][j] is a count of 0 bits; a path costs its steps.
 */
static size_t
suffix_lcs(const uint64_t *cols, size_t n, size_t nq, size_t i, size_t j)
{
	return zeros_below(cols + j * n, nq - i);
}

static int
span_of(const uint64_t *q, size_t nq, const uint64_t *t, size_t nt, const struct lcs_query *rq, uint64_t **cols,
	size_t *cols_cap, size_t *wfirst, size_t *wlast)
{
	size_t i, j, k, n = rq->nwords, first = nt, last = 0, qfirst = 0, qlast = 0;
	uint64_t *c;

	if (!nq || !nt || nq > 4000 || nt > 20000 || (unsigned long long)nq * nt > 40000000ULL)
		return -1;
	GROW(*cols, *cols_cap, (nt + 1) * n);
	c = *cols;
	for (k = 0; k < n; k++)
		c[nt * n + k] = ~0ULL;
	for (j = nt; j-- > 0;)
		lcs_step(rq, c + (j + 1) * n, c + j * n, t[j]);
	for (i = 0, j = 0; i < nq && j < nt;) {
		/* the first match as late as keeps the most in common: a "to"
		 * the text has long before the wording does not start it */
		if (first == nt && j + 1 < nt && suffix_lcs(c, n, nq, i, j + 1) == suffix_lcs(c, n, nq, i, j)) {
			j++;
			continue;
		}
		if (q[i] == t[j]) {
			if (first == nt) {
				first = j;
				qfirst = i;
			}
			last = j;
			qlast = i;
			i++;
			j++;
		} else if (suffix_lcs(c, n, nq, i + 1, j) >= suffix_lcs(c, n, nq, i, j + 1)) {
			i++;
		} else {
			j++;
		}
	}
	if (first == nt)
		return -1;
	*wfirst = first > qfirst ? first - qfirst : 0;
	*wlast = last + (nq - 1 - qlast) < nt ? last + (nq - 1 - qlast) : nt - 1;
	return 0;
}

/* The key of the words of t's span that holds q (the whole text's when it
 * cannot be told): texts whose spans read the same have the same key. */
static uint64_t
span_key(const uint64_t *q, size_t nq, const uint64_t *t, size_t nt, const struct lcs_query *rq, uint64_t **cols,
	 size_t *cols_cap)
{
	uint64_t k = FNV_OFFSET;
	size_t first = 0, last, i;

	if (span_of(q, nq, t, nt, rq, cols, cols_cap, &first, &last) < 0)
		last = nt ? nt - 1 : 0;
	for (i = first; i <= last && i < nt; i++)
		k = (k ^ t[i]) * FNV_PRIME;
	return k;
}

size_t
agreed_query(const struct agreed_index *x, const char *query, double min_coverage, size_t max,
	     struct agreed_hit **out)
{
	uint64_t *w = NULL;
	size_t nw = agreed_words(query, strlen(query), &w, NULL, NULL), i, k, nsel = 0, ncand = 0, nhit = 0;
	struct gram_ref *sel = NULL;
	struct cand *cand = NULL;
	uint32_t *slot = NULL;
	size_t cap = 0, tcap = 0;
	unsigned long long work = 0;
	uint64_t *t = NULL;
	uint64_t *cols = NULL;
	size_t cols_cap = 0;
	struct lcs_query lq, rq;

	*out = NULL;
	if (nw < 3 || nw > AGREED_QUERY_WORDS_MAX || !x->ng)
		goto out;
	/* the query's grams the index has, rarest first */
	sel = xmalloc(nw * sizeof(*sel));
	for (i = 0; i + 2 < nw; i++) {
		long g = find_gram(x, gram_key(w + i));

		/* a posting list out of the index (a damaged file) is none */
		if (g >= 0 && x->gfirst[g] <= x->gfirst[g + 1] && x->gfirst[g + 1] <= x->npost) {
			sel[nsel].first = x->gfirst[g];
			/* bytes, about as rare as postings */
			sel[nsel].count = x->gfirst[g + 1] - x->gfirst[g];
			nsel++;
		}
	}
	qsort(sel, nsel, sizeof(*sel), cmp_gram_count);
	for (i = 1, k = 1; i < nsel; i++)
		if (sel[i].first != sel[k - 1].first)
			sel[k++] = sel[i];
	nsel = nsel ? k : 0;
	/* the rarest eight, and any other rare one: a short phrase with a few
	 * words edited has few grams left, and its rarest eight may be the
	 * edited ones */
	for (k = QUERY_GRAMS; k < nsel && k < QUERY_GRAMS_MAX && sel[k].count <= rare_bytes(x); k++)
		;
	if (nsel > k)
		nsel = k;
	/* the clauses they lead to, with how many of them each has */
	slot = xcalloc(x->nc + 1, sizeof(*slot));
	for (i = 0; i < nsel; i++) {
		const unsigned char *p = x->post + sel[i].first, *end = p + sel[i].count;
		uint64_t c = 0;
		int at_first = 1;

		while (p < end) {
			uint64_t v = 0;
			unsigned shift = 0;

			while (p < end && (*p & 0x80) && shift < 35) {
				v |= (uint64_t)(*p++ & 0x7f) << shift;
				shift += 7;
			}
			if (p >= end)
				break;	/* cut short: a damaged file */
			v |= (uint64_t)*p++ << shift;
			c = at_first ? v : c + v;
			at_first = 0;
			if (c >= x->nc)
				break;
			if (!slot[c]) {
				GROW(cand, cap, ncand + 1);
				cand[ncand].clause = (uint32_t)c;
				cand[ncand].hits = 0;
				slot[c] = (uint32_t)++ncand;
			}
			cand[slot[c] - 1].hits++;
		}
	}
	if (ncand)
		qsort(cand, ncand, sizeof(*cand), cmp_cand);
	if (ncand > MAX_CANDIDATES)
		ncand = MAX_CANDIDATES;
	*out = xmalloc((ncand + 1) * sizeof(**out));
	lcs_init(&lq, w, nw);
	lcs_init_reversed(&rq, w, nw);
	for (i = 0; i < ncand && work < WORK_BUDGET; i++) {
		const struct agreed_clause *c = &x->c[cand[i].clause];
		size_t nt;
		double cov;

		if (!agreed_clause_ok(x, c))
			continue;
		nt = words_into(x->strings + c->text, c->text_len, &t, &tcap, NULL, NULL);
		cov = (double)in_order(&lq, t, nt) / (double)nw;

		/* the best candidates first: a long query stops measuring when
		 * its budget is spent, never on the best */
		work += (unsigned long long)nw * nt;

		if (cov + 1e-9 < min_coverage)
			continue;
		(*out)[nhit].clause = cand[i].clause;
		(*out)[nhit].coverage = cov;
		(*out)[nhit].span_key = span_key(w, nw, t, nt, &rq, &cols, &cols_cap);
		nhit++;
	}
	lcs_release(&lq);
	lcs_release(&rq);
	qsort(*out, nhit, sizeof(**out), cmp_hit);
	if (nhit > max)
		nhit = max;
out:
	free(w);
	free(sel);
	free(cand);
	free(slot);
	free(t);
	free(cols);
	return nhit;
}

size_t
agreed_query_parts(const struct agreed_index *parts, size_t nparts, const char *query, double min_coverage,
		   size_t max, struct agreed_index *joined, struct agreed_hit **out)
{
	struct agreed_hit *all = NULL;
	unsigned char *seen = NULL;
	size_t m = 0, cap = 0, seen_cap = 0, i, k;

	agreed_init(joined);
	joined->b->no_grams = 1;	/* listed, never searched */
	for (k = 0; k < nparts; k++) {
		struct agreed_hit *h = NULL;
		size_t nh = agreed_query(&parts[k], query, min_coverage, max, &h);
		uint32_t *ids = xmalloc((nh + 1) * sizeof(*ids)), *to = xmalloc((nh + 1) * sizeof(*to));

		for (i = 0; i < nh; i++)
			ids[i] = h[i].clause;
		agreed_add_clauses_from(joined, &parts[k], ids, nh, to);
		if (joined->nc + 1 > seen_cap) {
			size_t had = seen_cap;

			GROW(seen, seen_cap, joined->nc + 1);
			memset(seen + had, 0, seen_cap - had);
		}
		for (i = 0; i < nh; i++) {
			/* the same text in two parts: one clause, listed once */
			if (to[i] == UINT32_MAX || seen[to[i]])
				continue;
			seen[to[i]] = 1;
			GROW(all, cap, m + 1);
			all[m].clause = to[i];
			all[m].coverage = h[i].coverage;
			all[m].span_key = h[i].span_key;
			m++;
		}
		free(ids);
		free(to);
		free(h);
	}
	agreed_finish(joined);
	if (m)
		qsort(all, m, sizeof(*all), cmp_hit);
	if (m > max)
		m = max;
	free(seen);
	*out = all ? all : xmalloc(sizeof(*all));
	return m;
}

int
agreed_span(const struct agreed_index *x, uint32_t clause, const char *query, size_t *start, size_t *end)
{
	uint64_t *q = NULL, *t = NULL, *cols = NULL;
	size_t *ts = NULL, *te = NULL, nq, nt, first, last, cols_cap = 0;
	const struct agreed_clause *c;
	struct lcs_query rq;
	int rc = -1;

	if (clause >= x->nc || !agreed_clause_ok(x, &x->c[clause]))
		return -1;
	c = &x->c[clause];
	nq = agreed_words(query, strlen(query), &q, NULL, NULL);
	if (nq > AGREED_QUERY_WORDS_MAX) {
		free(q);
		return -1;
	}
	nt = agreed_words(x->strings + c->text, c->text_len, &t, &ts, &te);
	lcs_init_reversed(&rq, q, nq);
	if (span_of(q, nq, t, nt, &rq, &cols, &cols_cap, &first, &last) == 0) {
		*start = first == 0 ? 0 : ts[first];
		*end = last == nt - 1 ? c->text_len : te[last];
		rc = 0;
	}
	lcs_release(&rq);
	free(q);
	free(t);
	free(ts);
	free(te);
	free(cols);
	return rc;
}
