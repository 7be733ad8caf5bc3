/*
 * align: which clause of OLD became which clause of NEW.
 *
 * The pipeline (diff-engine.md 1.6(a)); every step is O(C log C) in clauses
 * except the gap DP, which is bounded per gap:
 *   1. a key per clause; word bags only when a step compares words, which
 *      exact matching spares most clauses;
 *   2. in-order exact anchors: the heaviest chain (a weighted LIS),
 *      increasing on both sides, over equal-key candidates, repeated
 *      inside the gaps it leaves;
 *   3. equal keys still unpaired pair with their nearest counterpart, as
 *      moved (they crossed an anchor);
 *   4. a Gale-Church DP in each gap between in-order pairs (1:1, 1:0, 0:1,
 *      1:2 split, 2:1 merge); a gap over 300 x 300 first gets a sparse
 *      chain of rare-word candidates, then a banded DP between its pairs;
 *   5. clauses still unpaired meet through a rare-word index and pair
 *      greedily by similarity, moved unless they sit in the same gap.
 *
 * Two keys per clause. The loose key folds case, drops white space, folds
 * quote and dash styles and drops the dashes that join two words, so
 * "Counter Terrorism", "Counter-Terrorism" and "counterterrorism" share it;
 * it is what pairs clauses (steps 2-3), whatever the flags, because a
 * PDF's lost hyphen should never hide that a clause is still there. The
 * strict key only folds case and collapses white space (or, with
 * IGNORE_TYPOGRAPHY, is the loose key); it decides AL_EQUAL against
 * AL_MODIFIED for such a pair, so without the flag a typography-only change
 * is a modification the word diff can show. It is computed only for such a
 * pair whose texts are not the same bytes.
 *
 * Cost: on two versions of a long document nearly every byte is read once,
 * for the loose key of a text not seen before; word bags, the strict key
 * and the similarity DP are only paid for the clauses that changed.
 *
 * Similarity: Dice over word multisets. Words are case-folded letter/digit
 * runs; the function words of the text's language (lang.c) are left out
 * (they are a third of any clause and made unrelated clauses look alike),
 * unless a text has nothing else; the first two words are suffix-stripped (-ing,
 * -es, -s), so "Recalling also" and "Also recalls" or "Noting" and "Notes"
 * compare equal and a preambular paragraph turned operative still matches.
 * The stopword list is fixed rather than IDF-weighted so align_similarity
 * needs no corpus and gives the same number the aligner used.
 *
 * Every rule is stated in terms of both sides alike and scores are
 * integers (similarity x 10000, so sums are exact); swapping OLD and NEW
 * therefore mirrors the result, except where exact ties (repeated clauses,
 * typically) are broken by position.
 */
#include "config.h"
#include "align.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "token.h"
#include "utf8.h"
#include "util.h"

#define NONE ((size_t)-1)

#define SIM_SCALE 10000
#define SIM_PAIR 5000		/* a 1:1 bead inside a gap */
#define SIM_MOVED 6000		/* a pair across gaps: no position to vouch for it */
/* Over the best single pair, so a clause that merely gained a sentence is no split. */
#define SPLIT_MARGIN 1000
#define CONTAIN_PCT 60		/* each piece of a split/merge must come from the whole */
/*
 * A bead scores similarity minus PAIR_OFFSET rather than similarity, so one
 * strong pair beats two weak in-order pairs that block it; the weak ones
 * then still meet in step 5 if they are worth it.
 */
#define PAIR_OFFSET 4000
#define SECTION_PENALTY 500
/*
 * A gap larger than about 300 x 300 cells is no negotiated edit but a
 * rewrite or a block moved far; see gap_sparse and gap_dp.
 */
#define GAP_CELLS 90601
#define BAND_HALF 64
#define BAND_CELLS 2000000	/* about 40 MB of DP state at most */
/*
 * Equal-key candidates per occurrence of a repeated clause (exact_spans):
 * enough to pair a hundred copies in order, bounded for a linear cost.
 */
#define BAND 8
#define EXACT_LEVELS 4
#define LOCAL_SCAN 64		/* look-alikes looked at per clause in step 3 */
/* Candidate search: each clause's few rarest words, if rare enough. */
#define RARE_WORDS 4
#define RARE_DF 32

struct side {
	const struct align_item *item;
	size_t n;
	uint64_t *key;		/* loose: pairs clauses */
	uint64_t *words;	/* the bags built so far, each sorted */
	size_t nwords, wcap;
	size_t *bag;		/* bag i is words[bag[i]..bag[i] + blen[i]), NONE until built */
	size_t *blen;
	size_t *pair;		/* index into ctx.pv, or NONE */
};

/* The word bag_scan is reading, lower-cased (one buffer serves every
 * clause), and the language whose stopwords it leaves out. */
struct scratch {
	char *p;
	size_t cap;
	const struct lang *lang;
};

struct ctx {
	struct side s[2];	/* 0 old, 1 new */
	unsigned flags;
	struct scratch word;	/* bag_scan's word buffer */
	struct align_pair *pv;	/* in the order found; emit() orders them */
	size_t pn, pcap;
	uint64_t *joined;	/* two bags joined, for split/merge */
	size_t jcap;
};

/* A candidate pair: ranks into the two lists of a pool. */
struct cand {
	size_t o, n;
	long long w;
	int q;
	double sim;
};

/* One clause's key, for grouping equal keys. */
struct occ {
	uint64_t key;
	size_t side, rank;
};

/* One word of one clause, for the rare-word index. */
struct post {
	uint64_t w;
	size_t side, rank;
};

/* A rare word chosen for a clause: its postings are [gs, gm) old, [gm, ge) new. */
struct sel {
	size_t side, rank, other, gs, gm, ge;
	uint64_t w;
};

typedef void gap_fn(struct ctx *c, size_t *const lst[2], const size_t cnt[2]);

/*
 * Keys
 */

/* Quotes and dashes fold as the word diff folds them (token.h). */
static int
cp_is_dash(uint32_t cp)
{
	return token_fold_typography(cp) == '-';
}

/* Soft hyphens and zero-width characters never show, so never count. */
static int
cp_is_invisible(uint32_t cp)
{
	return cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
	       cp == 0xFEFF;
}

/*
 * A key is hash_bytes (64-bit FNV-1a) of the normalised text, folded in as
 * the text is scanned, so no normalised copy is written. It must stay that
 * hash: exact_moved visits key groups in key order, and the order can
 * matter. The hash stays in a register of key_make; helpers only write the
 * few bytes a character adds to a small buffer. Most bytes of a clause are
 * ASCII letters, digits and spaces; for the loose key they take a short
 * path that neither decodes UTF-8 nor calls out.
 */
#define FNV_OFFSET 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL

/* Writes cp as UTF-8 to o (4 bytes of room); returns the bytes written. */
static size_t
cp_encode(uint32_t cp, unsigned char *o)
{
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The code point at s (n > 0 bytes); ASCII without a call. Returns its bytes. */
static size_t
text_next(const char *s, size_t n, uint32_t *cp)
{
	if ((unsigned char)s[0] < 0x80) {
		*cp = (unsigned char)s[0];
		return 1;
	}
	return utf8_decode(s, n, cp);
}

static int
cp_is_alnum(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) - 'a' < 26 || cp - '0' < 10;
	return utf8_is_alnum(cp);
}

static int
cp_is_space(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	return utf8_is_space(cp);
}

static uint32_t
cp_lower(uint32_t cp)
{
	if (cp < 0x80)
		return cp - 'A' < 26 ? cp + 32 : cp;
	return utf8_tolower(cp);
}

static uint64_t
fnv_more(uint64_t h, const unsigned char *p, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		h = (h ^ p[k]) * FNV_PRIME;
	return h;
}

/* Room for what one character adds: a held dash, then up to 4 bytes. */
#define KEY_OUT 8

/* What key_make has seen so far. */
struct keystate {
	size_t n;	/* bytes of normalised text so far */
	int space;	/* strict: a space is owed before the next character */
	int dash;	/* loose: a dash after a word, dropped if a word follows */
	int alnum;	/* loose: the last character kept was a letter or digit */
};

static size_t
key_flush_dash(struct keystate *ks, unsigned char *out)
{
	if (!ks->dash)
		return 0;
	ks->dash = 0;
	out[0] = '-';
	return 1;
}

static size_t
key_loose_cp(struct keystate *ks, uint32_t cp, unsigned char *out)
{
	size_t k;

	if (cp_is_space(cp))
		return 0;
	if (cp_is_alnum(cp)) {
		ks->dash = 0;
		ks->alnum = 1;
		return cp_encode(cp_lower(cp), out);
	}
	if (cp_is_dash(cp)) {
		if (ks->alnum && !ks->dash) {
			ks->dash = 1;
			return 0;
		}
		k = key_flush_dash(ks, out);
		out[k++] = '-';
		ks->alnum = 0;
		return k;
	}
	k = key_flush_dash(ks, out);
	ks->alnum = 0;
	return k + cp_encode(token_fold_typography(cp), out + k);
}

static size_t
key_strict_cp(struct keystate *ks, uint32_t cp, unsigned char *out)
{
	size_t k = 0;

	if (cp_is_space(cp)) {
		ks->space = ks->n > 0;
		return 0;
	}
	if (ks->space)
		out[k++] = ' ';
	ks->space = 0;
	return k + cp_encode(cp_lower(cp), out + k);
}

/* An invalid byte is kept raw: two different bad bytes are different text. */
static size_t
key_raw(struct keystate *ks, unsigned char b, unsigned char *out)
{
	size_t k = key_flush_dash(ks, out);

	ks->alnum = ks->space = 0;
	out[k++] = b;
	return k;
}

static uint64_t
key_make(const char *s, size_t n, int loose)
{
	struct keystate ks = { 0, 0, 0, 0 };
	const unsigned char *u = (const unsigned char *)s;
	unsigned char out[KEY_OUT];
	uint64_t h = FNV_OFFSET;
	size_t i = 0, k, len;
	uint32_t cp;

	while (i < n) {
		/* key_loose_cp's letter and digit case, inline */
		if (loose && u[i] < 0x80 && cp_is_alnum(u[i])) {
			h = (h ^ cp_lower(u[i])) * FNV_PRIME;
			ks.n++;
			ks.dash = 0;
			ks.alnum = 1;
			i++;
			continue;
		}
		/* a space changes nothing in a loose key */
		if (loose && u[i] == ' ') {
			i++;
			continue;
		}
		k = text_next(s + i, n - i, &cp);
		if (cp == UTF8_INVALID)
			len = key_raw(&ks, u[i], out);
		else if (cp_is_invisible(cp))
			len = 0;
		else if (loose)
			len = key_loose_cp(&ks, cp, out);
		else
			len = key_strict_cp(&ks, cp, out);
		h = fnv_more(h, out, len);
		ks.n += len;
		i += k;
	}
	len = key_flush_dash(&ks, out);
	return fnv_more(h, out, len);
}

/*
 * Identical texts have identical keys, so each distinct text is normalised
 * once: most clauses of NEW are byte for byte a clause of OLD, and a
 * pasted document repeats its own. The texts seen so far sit in an
 * open-addressing table by a cheap hash of their raw bytes, eight at a
 * time; memcmp confirms a match, so that hash never decides a result.
 */
struct memo_slot {
	uint64_t raw;			/* text_hash of the text */
	uint64_t key;			/* its loose key */
	const struct align_item *item;	/* the first clause with it; NULL: free */
};

struct memo {
	struct memo_slot *slot;
	size_t mask;			/* slots - 1; at most half of them used */
};

#define MIX 0x9E3779B97F4A7C15ULL

static uint64_t
text_hash(const char *s, size_t n)
{
	uint64_t h = n * MIX, x;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&x, s + i, 8);
		h = (h ^ x) * MIX;
		h ^= h >> 29;
	}
	x = 0;
	if (i < n)
		memcpy(&x, s + i, n - i);
	h = (h ^ x) * MIX;
	return h ^ (h >> 29);
}

/* Byte for byte; a text of length 0 may have no pointer. */
static int
text_equal(const struct align_item *a, const struct align_item *b)
{
	return a->len == b->len && (!a->len || memcmp(a->text, b->text, a->len) == 0);
}

static void
memo_init(struct memo *m, size_t items)
{
	size_t slots = 16;

	while (slots < 2 * items)
		slots *= 2;
	m->slot = xcalloc(slots, sizeof(*m->slot));
	m->mask = slots - 1;
}

static uint64_t
memo_key(struct memo *m, const struct align_item *it)
{
	uint64_t raw = text_hash(it->text, it->len);
	struct memo_slot *sl;
	size_t at;

	for (at = raw & m->mask;; at = (at + 1) & m->mask) {
		sl = &m->slot[at];
		if (!sl->item)
			break;
		if (sl->raw == raw && text_equal(sl->item, it))
			return sl->key;
	}
	sl->raw = raw;
	sl->key = key_make(it->text, it->len, 1);
	sl->item = it;
	return sl->key;
}

/*
 * Word bags
 */

/*
 * Crude on purpose: both forms of an opener lose their suffix the same way
 * ("noting"/"notes" -> "not", "urging"/"urges" -> "urg"), which is all
 * matching needs. A stem keeps at least three letters.
 */
static size_t
word_lemma(const char *w, size_t n)
{
	if (n >= 6 && memcmp(w + n - 3, "ing", 3) == 0)
		return n - 3;
	if (n >= 5 && memcmp(w + n - 2, "es", 2) == 0)
		return n - 2;
	if (n >= 4 && w[n - 1] == 's' && w[n - 2] != 's')
		return n - 1;
	return n;
}

/*
 * Stores the hash of word w (n bytes, lower-cased) unless it is left out;
 * 1 if stored. hash_bytes, as before: sel_build breaks ties by it.
 */
static int
word_hash(const struct lang *lang, const char *w, size_t n, size_t index, int keep_stop, uint64_t *out)
{
	if (index < 2)
		n = word_lemma(w, n);
	if (!keep_stop && lang_is_stopword(lang, w, n))
		return 0;
	*out = fnv_more(FNV_OFFSET, (const unsigned char *)w, n);
	return 1;
}

/*
 * Append the words of s to *v; return how many words s has, kept or not.
 * A word is a run of letters and digits, lower-cased into b as it is read;
 * ASCII needs neither the decoder nor the encoder.
 */
static size_t
bag_scan(struct scratch *b, const char *s, size_t n, int keep_stop,
	 uint64_t **v, size_t *nv, size_t *cap)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char *w;
	size_t i, nword = 0, k, len = 0;
	uint32_t cp;

	/* a lower-cased code point never takes more than 4 bytes */
	GROW(b->p, b->cap, 4 * n + 8);
	/* a word takes a byte and a separator: room for them all, at once */
	GROW(*v, *cap, *nv + n / 2 + 1);
	w = (unsigned char *)b->p;
	for (i = 0; i < n; i += k) {
		k = 1;
		if (u[i] < 0x80) {
			if (cp_is_alnum(u[i])) {
				w[len++] = (unsigned char)cp_lower(u[i]);
				continue;
			}
		} else {
			k = utf8_decode(s + i, n - i, &cp);
			if (cp_is_alnum(cp)) {
				len += cp_encode(cp_lower(cp), w + len);
				continue;
			}
		}
		if (len) {
			*nv += word_hash(b->lang, b->p, len, nword++, keep_stop, *v + *nv);
			len = 0;
		}
	}
	if (len)
		*nv += word_hash(b->lang, b->p, len, nword++, keep_stop, *v + *nv);
	return nword;
}

static void
bag_build(struct scratch *tmp, const char *s, size_t n,
	  uint64_t **v, size_t *nv, size_t *cap)
{
	size_t start = *nv;

	if (bag_scan(tmp, s, n, 0, v, nv, cap) > 0 && *nv == start)
		bag_scan(tmp, s, n, 1, v, nv, cap);
	u64_sort(*v + start, *nv - start);
}

/* Size of the multiset intersection of two sorted bags. */
static size_t
bag_common(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t i = 0, j = 0, c = 0;

	while (i < na && j < nb) {
		if (a[i] < b[j]) {
			i++;
		} else if (a[i] > b[j]) {
			j++;
		} else {
			c++;
			i++;
			j++;
		}
	}
	return c;
}

static const uint64_t *
bag_join(struct ctx *c, const uint64_t *x, size_t nx, const uint64_t *y, size_t ny)
{
	size_t i = 0, j = 0, k = 0;

	GROW(c->joined, c->jcap, nx + ny);
	while (i < nx || j < ny) {
		if (j >= ny || (i < nx && x[i] <= y[j]))
			c->joined[k++] = x[i++];
		else
			c->joined[k++] = y[j++];
	}
	return c->joined;
}

/*
 * Bags are built on first use. Exact matching pairs most clauses by key
 * alone; only the clauses it leaves over, and the rare exact pair whose
 * texts differ, are ever compared word by word, so most clauses never get
 * a bag. Every bag is built the same whenever it is built, so this changes
 * no result. The rare-word counts of cand_collect are taken over its own
 * pool, clauses that are all unpaired, so they need no other bag either.
 * Building a bag may move the side's word array: a bag pointer is good
 * until the next bag of that side is built.
 */
static void
bag_need(struct ctx *c, size_t side, size_t i)
{
	struct side *sd = &c->s[side];

	if (sd->bag[i] != NONE)
		return;
	sd->bag[i] = sd->nwords;
	bag_build(&c->word, sd->item[i].text, sd->item[i].len, &sd->words,
		  &sd->nwords, &sd->wcap);
	sd->blen[i] = sd->nwords - sd->bag[i];
}

static const uint64_t *
bag_of(struct ctx *c, size_t side, size_t i, size_t *n)
{
	bag_need(c, side, i);
	*n = c->s[side].blen[i];
	return c->s[side].words + c->s[side].bag[i];
}

static size_t
bag_len(struct ctx *c, size_t side, size_t i)
{
	bag_need(c, side, i);
	return c->s[side].blen[i];
}

static double
sim_dice(size_t common, size_t na, size_t nb)
{
	if (na + nb == 0)
		return 1.0;
	return 2.0 * (double)common / (double)(na + nb);
}

static int
sim_q(size_t common, size_t na, size_t nb)
{
	if (na + nb == 0)
		return SIM_SCALE;
	return (int)((2 * common * SIM_SCALE + (na + nb) / 2) / (na + nb));
}

/*
 * Sides and pairs
 */

/* Keys for every clause; bags wait for bag_need. */
static void
side_build(struct side *sd, const struct align_item *item, size_t n,
	   struct memo *memo)
{
	size_t i;

	sd->item = item;
	sd->n = n;
	sd->key = xmalloc((n + 1) * sizeof(*sd->key));
	sd->bag = xmalloc((n + 1) * sizeof(*sd->bag));
	sd->blen = xmalloc((n + 1) * sizeof(*sd->blen));
	sd->pair = xmalloc((n + 1) * sizeof(*sd->pair));
	/* never NULL, so words + bag[i] is always defined */
	sd->words = NULL;
	sd->nwords = sd->wcap = 0;
	GROW(sd->words, sd->wcap, 1);
	for (i = 0; i < n; i++) {
		sd->key[i] = memo_key(memo, &item[i]);
		sd->bag[i] = NONE;
		sd->pair[i] = NONE;
	}
}

/*
 * The two sides' keys, on two threads when there are many clauses: a key
 * depends on its text alone, so each side may keep a memo of its own
 * (a text both sides have is then keyed twice, once on each core) and
 * the keys are the same as with one memo for both.
 */
#define SIDES_PARALLEL_MIN 1024	/* clauses on both sides */

struct side_job {
	struct side *sd;
	const struct align_item *item;
	size_t n;
};

static void *
side_job_run(void *arg)
{
	struct side_job *j = arg;
	struct memo memo;

	memo_init(&memo, j->n);
	side_build(j->sd, j->item, j->n, &memo);
	free(memo.slot);
	return NULL;
}

static void
sides_build(struct ctx *c, const struct align_item *old, size_t nold, const struct align_item *new_, size_t nnew)
{
	struct side_job jo = { &c->s[0], old, nold }, jn = { &c->s[1], new_, nnew };
	struct memo memo;
	pthread_t th;

	if (nold + nnew >= SIDES_PARALLEL_MIN && pthread_create(&th, NULL, side_job_run, &jn) == 0) {
		side_job_run(&jo);
		pthread_join(th, NULL);
		return;
	}
	memo_init(&memo, nold + nnew);
	side_build(&c->s[0], old, nold, &memo);
	side_build(&c->s[1], new_, nnew, &memo);
	free(memo.slot);
}

static void
side_release(struct side *sd)
{
	free(sd->key);
	free(sd->words);
	free(sd->bag);
	free(sd->blen);
	free(sd->pair);
}

static int
section_differs(const struct ctx *c, size_t o, size_t n)
{
	return c->s[0].item[o].section != c->s[1].item[n].section;
}

static size_t
pair_common(struct ctx *c, size_t o, size_t n, size_t *no, size_t *nn)
{
	/* one bag per side, so building b cannot move a */
	const uint64_t *a = bag_of(c, 0, o, no);
	const uint64_t *b = bag_of(c, 1, n, nn);

	return bag_common(a, *no, b, *nn);
}

static void
pair_add(struct ctx *c, enum align_kind kind, const size_t *o, size_t no,
	 const size_t *n, size_t nn, int moved, double sim)
{
	struct align_pair *p;
	size_t k;

	GROW(c->pv, c->pcap, c->pn + 1);
	p = &c->pv[c->pn];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->nold = no;
	p->nnew = nn;
	p->moved = moved;
	p->similarity = sim;
	for (k = 0; k < no; k++) {
		p->old[k] = o[k];
		c->s[0].pair[o[k]] = c->pn;
	}
	for (k = 0; k < nn; k++) {
		p->new_[k] = n[k];
		c->s[1].pair[n[k]] = c->pn;
	}
	c->pn++;
}

static void
pair_add11(struct ctx *c, enum align_kind kind, size_t o, size_t n, int moved,
	   double sim)
{
	pair_add(c, kind, &o, 1, &n, 1, moved, sim);
}

/*
 * Whether two clauses of equal loose keys are equal under the caller's
 * flags too: with IGNORE_TYPOGRAPHY the loose key is the strict one;
 * otherwise the strict keys decide, computed here because most such pairs
 * are the same bytes and need none.
 */
static int
exact_same(const struct ctx *c, size_t o, size_t n)
{
	const struct align_item *a = &c->s[0].item[o], *b = &c->s[1].item[n];

	if (c->flags & IGNORE_TYPOGRAPHY)
		return 1;
	if (text_equal(a, b))
		return 1;
	return key_make(a->text, a->len, 0) == key_make(b->text, b->len, 0);
}

/* Equal loose keys: equal text, or a typography change unless the flag says otherwise. */
static void
pair_add_exact(struct ctx *c, size_t o, size_t n, int moved)
{
	size_t no, nn, common;

	if (exact_same(c, o, n)) {
		pair_add11(c, AL_EQUAL, o, n, moved, 1.0);
		return;
	}
	common = pair_common(c, o, n, &no, &nn);
	pair_add11(c, AL_MODIFIED, o, n, moved, sim_dice(common, no, nn));
}

static int
pair_is_anchor(const struct ctx *c, size_t p)
{
	return p != NONE && !c->pv[p].moved;
}

/*
 * Calls fn on each gap between consecutive in-order pairs with the clauses
 * of the gap that no pair holds yet. Pairs fn adds lie inside the gap, so
 * the walk, already past them, is not disturbed.
 */
static void
gaps_each(struct ctx *c, gap_fn *fn)
{
	size_t *lst[2], cnt[2], o = 0, n = 0, end;
	const struct side *so = &c->s[0], *sn = &c->s[1];

	lst[0] = xmalloc((so->n + 1) * sizeof(size_t));
	lst[1] = xmalloc((sn->n + 1) * sizeof(size_t));
	for (;;) {
		cnt[0] = cnt[1] = 0;
		for (; o < so->n && !pair_is_anchor(c, so->pair[o]); o++)
			if (so->pair[o] == NONE)
				lst[0][cnt[0]++] = o;
		end = o < so->n ? c->pv[so->pair[o]].new_[0] : sn->n;
		for (; n < end; n++)
			if (sn->pair[n] == NONE)
				lst[1][cnt[1]++] = n;
		if (cnt[0] || cnt[1])
			fn(c, lst, cnt);
		if (o >= so->n)
			break;
		o++;
		n = end + 1;
	}
	free(lst[0]);
	free(lst[1]);
}

/*
 * rank[i] counts the in-order pairs that start before clause i of one side;
 * a leftover pair whose two clauses have equal ranks sits between the same
 * in-order pairs, so it is not moved.
 */
static size_t *
rank_build(const struct ctx *c, size_t side)
{
	const struct side *sd = &c->s[side];
	size_t *rank = xmalloc((sd->n + 1) * sizeof(*rank)), i, count = 0, p, first;

	for (i = 0; i < sd->n; i++) {
		rank[i] = count;
		p = sd->pair[i];
		if (!pair_is_anchor(c, p))
			continue;
		first = side ? c->pv[p].new_[0] : c->pv[p].old[0];
		if (first == i)
			count++;
	}
	return rank;
}

/*
 * Chains
 */

static size_t
lowbit(size_t k)
{
	return k & (~k + 1);
}

struct fen {
	long long w;
	size_t at;
};

/*
 * The heaviest chain of candidates strictly increasing in both ranks (a
 * weighted LIS, O(k log n) with a Fenwick tree of prefix maxima), built as
 * the candidates come: sorted by o ascending, n descending, so two
 * candidates of one OLD clause can never chain. Ties keep the earlier
 * candidate. A candidate costs the chain one index, so the caller need not
 * hold them all: a long document's exact matches make a hundred thousand.
 */
struct chain {
	struct fen *t;		/* over NEW ranks 1..nsize */
	size_t nsize;
	size_t *prev;		/* per candidate: the one before it in its best chain */
	size_t n, cap;
	struct fen top;
};

static void
chain_init(struct chain *ch, size_t ncand, size_t nsize)
{
	size_t k;

	ch->t = xmalloc((nsize + 1) * sizeof(*ch->t));
	for (k = 0; k <= nsize; k++) {
		ch->t[k].w = 0;
		ch->t[k].at = NONE;
	}
	ch->nsize = nsize;
	ch->prev = xmalloc((ncand + 1) * sizeof(*ch->prev));
	ch->n = 0;
	ch->cap = ncand + 1;
	ch->top.w = 0;
	ch->top.at = NONE;
}

/* The next candidate, of NEW rank n (0-based) and weight w. */
static void
chain_add(struct chain *ch, size_t n, long long w)
{
	struct fen best = { 0, NONE };
	size_t k, i = ch->n++;

	GROW(ch->prev, ch->cap, ch->n);
	for (k = n; k > 0; k -= lowbit(k))
		if (ch->t[k].w > best.w)
			best = ch->t[k];
	ch->prev[i] = best.at;
	best.w += w;
	best.at = i;
	for (k = n + 1; k <= ch->nsize; k += lowbit(k))
		if (best.w > ch->t[k].w)
			ch->t[k] = best;
	if (best.w > ch->top.w)
		ch->top = best;
}

/* Mark in keep[] (one per candidate added) the heaviest chain, and free it. */
static void
chain_finish(struct chain *ch, unsigned char *keep)
{
	size_t i;

	for (i = ch->top.at; i != NONE; i = ch->prev[i])
		keep[i] = 1;
	free(ch->t);
	free(ch->prev);
}

static int
cand_cmp_chain(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	if (a->o != b->o)
		return a->o < b->o ? -1 : 1;
	return (a->n < b->n) - (a->n > b->n);
}

static int
cand_cmp_pos(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	if (a->o != b->o)
		return a->o < b->o ? -1 : 1;
	return (a->n > b->n) - (a->n < b->n);
}

static int
cand_cmp_greedy(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	if (a->w != b->w)
		return a->w > b->w ? -1 : 1;
	return cand_cmp_pos(pa, pb);
}

static void
cand_push(struct cand **cv, size_t *ncv, size_t *cap, size_t o, size_t n, long long w)
{
	GROW(*cv, *cap, *ncv + 1);
	(*cv)[*ncv].o = o;
	(*cv)[*ncv].n = n;
	(*cv)[*ncv].w = w;
	(*cv)[*ncv].q = 0;
	(*cv)[*ncv].sim = 0;
	(*ncv)++;
}

/*
 * Exact matches (steps 2 and 3)
 */

static int
occ_cmp(const void *pa, const void *pb)
{
	const struct occ *a = pa, *b = pb;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (a->side != b->side)
		return a->side < b->side ? -1 : 1;
	return (a->rank > b->rank) - (a->rank < b->rank);
}

static struct occ *
occ_build(const struct ctx *c, size_t *const lst[2], const size_t cnt[2])
{
	struct occ *ov = xmalloc((cnt[0] + cnt[1] + 1) * sizeof(*ov));
	size_t side, r, k = 0;

	for (side = 0; side < 2; side++) {
		for (r = 0; r < cnt[side]; r++) {
			ov[k].key = c->s[side].key[lst[side][r]];
			ov[k].side = side;
			ov[k].rank = r;
			k++;
		}
	}
	if (k > 1)
		qsort(ov, k, sizeof(*ov), occ_cmp);
	return ov;
}

/* End of the key group starting at gs; *gm is where its NEW occurrences start. */
static size_t
occ_group(const struct occ *ov, size_t nocc, size_t gs, size_t *gm)
{
	size_t ge = gs;

	while (ge < nocc && ov[ge].key == ov[gs].key)
		ge++;
	for (*gm = gs; *gm < ge && ov[*gm].side == 0; (*gm)++)
		;
	return ge;
}

static size_t
size_min(size_t a, size_t b)
{
	return a < b ? a : b;
}

/*
 * Count first, then text length, then closeness of relative places, so the
 * chain keeps the most clauses in place, among equals calls the shorter
 * text the moved one, and of two copies of a repeated clause keeps the one
 * nearer its counterpart. Length and closeness are capped so a chain of
 * up to 2^20 clauses can never trade a clause for them; closeness is a
 * function of both sides alike, so swapping OLD and NEW picks the same
 * copy.
 */
static long long
exact_weight(const struct ctx *c, size_t o, size_t n)
{
	unsigned long long no = c->s[0].n, nn = c->s[1].n;
	unsigned long long a = o * nn, b = n * no;
	unsigned long long off = (a > b ? a - b : b - a) * 1023 / (no * nn);
	size_t len = size_min(c->s[0].item[o].len, c->s[1].item[n].len);

	return (1LL << 42) + ((long long)size_min(len, 2047) << 10) + (long long)(1023 - off);
}

/* Orders occurrences of either side by relative place, i / side length. */
static int
occ_place_cmp(const struct ctx *c, size_t *const lst[2], const struct occ *a,
	      const struct occ *b)
{
	unsigned long long pa = lst[a->side][a->rank], pb = lst[b->side][b->rank];

	/* i / n_side against j / n_other, as i * n_other against j * n_side */
	if (a->side != b->side) {
		pa *= c->s[b->side].n;
		pb *= c->s[a->side].n;
	}
	return (pa > pb) - (pa < pb);
}

/* First occurrence in ov[from..to) placed at or after x. */
static size_t
occ_place_find(const struct ctx *c, size_t *const lst[2], const struct occ *ov,
	       size_t from, size_t to, const struct occ *x)
{
	size_t mid;

	while (from < to) {
		mid = from + (to - from) / 2;
		if (occ_place_cmp(c, lst, &ov[mid], x) < 0)
			from = mid + 1;
		else
			to = mid;
	}
	return from;
}

/* A half-open range [lo, hi) of occurrences of one side of a key group. */
struct span {
	size_t lo, hi;
};

/* Where one occurrence sits in ov: its key group and its nearest place. */
struct occ_at {
	size_t gs, gm, ge;	/* its group: OLD in ov[gs..gm), NEW in ov[gm..ge) */
	size_t at;		/* first of the other side placed at or after it, from gm or gs */
};

/*
 * Group bounds and nearest places of every occurrence; at is monotone
 * within each side of a group, as ov lists each side by place.
 */
static struct occ_at *
occ_at_build(const struct ctx *c, size_t *const lst[2], const struct occ *ov,
	     size_t nocc)
{
	struct occ_at *oa = xmalloc((nocc + 1) * sizeof(*oa));
	size_t gs, gm, ge, k;

	for (gs = 0; gs < nocc; gs = ge) {
		ge = occ_group(ov, nocc, gs, &gm);
		for (k = gs; k < ge; k++) {
			oa[k].gs = gs;
			oa[k].gm = gm;
			oa[k].ge = ge;
			if (k < gm)
				oa[k].at = occ_place_find(c, lst, ov, gm, ge, &ov[k]) - gm;
			else
				oa[k].at = occ_place_find(c, lst, ov, gs, gm, &ov[k]) - gs;
		}
	}
	return oa;
}

/* First NEW occurrence t of the group from gm on with at(t) > x, or cn. */
static size_t
span_find(const struct occ_at *oa, size_t gm, size_t cn, size_t x)
{
	size_t lo = 0, hi = cn, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (oa[gm + mid].at <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The NEW occurrences that candidate with the r-th OLD occurrence of its
 * group, as three spans: the band r-BAND..r+BAND (right when copies were
 * only shifted), the BAND nearest by relative place either way (right when
 * many copies were dropped on one side), and the NEW occurrences whose
 * BAND nearest OLD ones include r, the same rule seen from NEW, so the
 * candidates are symmetric in OLD and NEW. All bounded per occurrence;
 * the third is a span because at is monotone.
 */
static void
exact_spans(const struct occ_at *oa, size_t k, struct span sp[3])
{
	size_t gm = oa[k].gm, cn = oa[k].ge - gm, r = k - oa[k].gs, at = oa[k].at;

	sp[0].lo = r > BAND ? r - BAND : 0;
	sp[0].hi = size_min(r + BAND + 1, cn);
	sp[1].lo = at > BAND ? at - BAND : 0;
	sp[1].hi = size_min(at + BAND, cn);
	/* r in [at(t) - BAND, at(t) + BAND): r - BAND < at(t) <= r + BAND */
	sp[2].lo = r >= BAND ? span_find(oa, gm, cn, r - BAND) : 0;
	sp[2].hi = span_find(oa, gm, cn, r + BAND);
}

/*
 * What exact_cands does with each candidate: count it, chain it, or pair
 * it when the chain kept it.
 */
struct exact_walk {
	struct chain chain;
	const unsigned char *keep;	/* the pass that pairs */
	size_t seen;
	int pass;
};

enum { EXACT_COUNT, EXACT_CHAIN, EXACT_PAIR };

static void
exact_visit(struct ctx *c, size_t *const lst[2], struct exact_walk *ew, size_t o, size_t n)
{
	size_t i = ew->seen++;

	if (ew->pass == EXACT_CHAIN)
		chain_add(&ew->chain, n, exact_weight(c, lst[0][o], lst[1][n]));
	else if (ew->pass == EXACT_PAIR && ew->keep[i])
		pair_add_exact(c, lst[0][o], lst[1][n], 0);
}

/*
 * Visit the candidates of OLD occurrence ov[k] in the order the chain
 * wants them (NEW descending), each once: spans taken by descending end,
 * each clipped below what the ones before it covered. They are made again
 * for each pass rather than kept (three passes cost less than a hundred
 * thousand candidates' memory).
 */
static void
exact_cands(struct ctx *c, size_t *const lst[2], const struct occ *ov,
	    const struct occ_at *oa, size_t k, struct exact_walk *ew)
{
	struct span sp[3], x;
	size_t i, j, t, hi, below = SIZE_MAX, o = ov[k].rank;

	exact_spans(oa, k, sp);
	for (i = 1; i < 3; i++) {
		x = sp[i];
		for (j = i; j > 0 && sp[j - 1].hi < x.hi; j--)
			sp[j] = sp[j - 1];
		sp[j] = x;
	}
	for (i = 0; i < 3; i++) {
		if (sp[i].lo >= sp[i].hi)
			continue;
		hi = size_min(sp[i].hi, below);
		for (t = hi; t > sp[i].lo; t--)
			exact_visit(c, lst, ew, o, ov[oa[k].gm + t - 1].rank);
		below = size_min(below, sp[i].lo);
	}
}

/* One pass over every candidate of the pool, in order. */
static void
exact_walk_all(struct ctx *c, size_t *const lst[2], const struct occ *ov, const struct occ_at *oa,
	       const size_t *where, size_t nold, int pass, struct exact_walk *ew)
{
	size_t i;

	ew->pass = pass;
	ew->seen = 0;
	for (i = 0; i < nold; i++)
		exact_cands(c, lst, ov, oa, where[i], ew);
}

/*
 * Step 2 on one pool: in-order pairs of equal keys. Candidates are made
 * OLD occurrence by OLD occurrence in pool order, so they come out sorted
 * as the chain needs them, without duplicates and without a sort.
 */
static void
exact_anchor(struct ctx *c, size_t *const lst[2], const size_t cnt[2])
{
	struct occ *ov;
	struct occ_at *oa;
	struct exact_walk ew;
	unsigned char *keep;
	size_t nocc = cnt[0] + cnt[1], *where, i;

	if (!cnt[0] || !cnt[1])
		return;
	ov = occ_build(c, lst, cnt);
	oa = occ_at_build(c, lst, ov, nocc);
	where = xmalloc(cnt[0] * sizeof(*where));
	for (i = 0; i < nocc; i++)
		if (ov[i].side == 0)
			where[ov[i].rank] = i;
	memset(&ew, 0, sizeof(ew));
	exact_walk_all(c, lst, ov, oa, where, cnt[0], EXACT_COUNT, &ew);
	chain_init(&ew.chain, ew.seen, cnt[1]);
	exact_walk_all(c, lst, ov, oa, where, cnt[0], EXACT_CHAIN, &ew);
	keep = xcalloc(ew.seen + 1, 1);
	chain_finish(&ew.chain, keep);
	ew.keep = keep;
	/* candidates depend on nothing a pair changes, so they come out the same */
	exact_walk_all(c, lst, ov, oa, where, cnt[0], EXACT_PAIR, &ew);
	free(keep);
	free(where);
	free(oa);
	free(ov);
}

/*
 * The first level sees the whole document; later levels see each gap on
 * its own, where the k-th occurrence of a repeated clause is counted from
 * the gap, not from the top.
 */
static void
exact_levels(struct ctx *c)
{
	size_t level, before;

	for (level = 0; level < EXACT_LEVELS; level++) {
		before = c->pn;
		gaps_each(c, exact_anchor);
		if (c->pn == before)
			break;
	}
}

/*
 * Whether clause i of one side has, in its own gap, a clause of the other
 * side that is unpaired, of another key, and similar enough to be its
 * edited self (SIM_MOVED). lst/cnt: the other side's unpaired clauses, in
 * order; rank: that side's gap ranks.
 */
static int
exact_local(struct ctx *c, size_t side, size_t i, size_t gap,
	    const size_t *lst, size_t cnt, const size_t *rank)
{
	const struct side *other = &c->s[!side];
	size_t lo = 0, hi = cnt, mid, k, j, ni, nj, common;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (rank[lst[mid]] < gap)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < cnt && k < lo + LOCAL_SCAN && rank[lst[k]] == gap; k++) {
		j = lst[k];
		if (other->pair[j] != NONE || other->key[j] == c->s[side].key[i])
			continue;
		common = side ? pair_common(c, j, i, &nj, &ni) : pair_common(c, i, j, &ni, &nj);
		if (sim_q(common, ni, nj) >= SIM_MOVED)
			return 1;
	}
	return 0;
}

/*
 * Leftover occurrences of one key, in the order of their relative places
 * (i / side length), pair each with the nearest earlier one of the other
 * side still open (bracket matching): a repeated clause pairs with its
 * neighbour rather than with the k-th occurrence, which may be far away.
 * Labels play no part in it, so swapping the sides gives the same pairs.
 */
/* Returns the number of pairs written to po/pn. */
static size_t
occ_nearest(const struct ctx *c, size_t *const lst[2], const struct occ *ov,
	    size_t gs, size_t gm, size_t ge, size_t *stack, size_t *po, size_t *pn)
{
	size_t i = gs, j = gm, top = 0, np = 0;
	const struct occ *x;

	while (i < gm || j < ge) {
		if (j >= ge || (i < gm && occ_place_cmp(c, lst, &ov[i], &ov[j]) <= 0))
			x = &ov[i++];
		else
			x = &ov[j++];
		if (top && ov[stack[top - 1]].side != x->side) {
			const struct occ *y = &ov[stack[--top]];

			po[np] = lst[0][x->side ? y->rank : x->rank];
			pn[np++] = lst[1][x->side ? x->rank : y->rank];
		} else {
			stack[top++] = (size_t)(x - ov);
		}
	}
	return np;
}

/*
 * Step 3: equal keys left over pair up (occ_nearest); they crossed an
 * anchor, so they are moved. Except when both clauses have an edited
 * look-alike unpaired in their own gap: two edits in place explain that
 * better than two moves. Without repeated clauses this never happens; with
 * a document pasted a hundred times it is most of them.
 */
static void
exact_moved(struct ctx *c)
{
	size_t *lst[2], *rank[2], cnt[2] = { 0, 0 }, side, i, nocc, gs, gm, ge, k, np;
	size_t *stack, *po, *pn;
	struct occ *ov;

	for (side = 0; side < 2; side++) {
		lst[side] = xmalloc((c->s[side].n + 1) * sizeof(size_t));
		for (i = 0; i < c->s[side].n; i++)
			if (c->s[side].pair[i] == NONE)
				lst[side][cnt[side]++] = i;
		rank[side] = rank_build(c, side);
	}
	nocc = cnt[0] + cnt[1];
	ov = occ_build(c, lst, cnt);
	stack = xmalloc((nocc + 1) * sizeof(size_t));
	po = xmalloc((nocc + 1) * sizeof(size_t));
	pn = xmalloc((nocc + 1) * sizeof(size_t));
	for (gs = 0; gs < nocc; gs = ge) {
		ge = occ_group(ov, nocc, gs, &gm);
		np = occ_nearest(c, lst, ov, gs, gm, ge, stack, po, pn);
		for (k = 0; k < np; k++) {
			if (exact_local(c, 0, po[k], rank[0][po[k]], lst[1], cnt[1], rank[1]) &&
			    exact_local(c, 1, pn[k], rank[1][pn[k]], lst[0], cnt[0], rank[0]))
				continue;
			pair_add_exact(c, po[k], pn[k], 1);
		}
	}
	free(stack);
	free(po);
	free(pn);
	free(ov);
	for (side = 0; side < 2; side++) {
		free(lst[side]);
		free(rank[side]);
	}
}

/*
 * Candidates by rare words (steps 4 fallback and 5)
 */

static int
post_cmp(const void *pa, const void *pb)
{
	const struct post *a = pa, *b = pb;

	if (a->w != b->w)
		return a->w < b->w ? -1 : 1;
	if (a->side != b->side)
		return a->side < b->side ? -1 : 1;
	return (a->rank > b->rank) - (a->rank < b->rank);
}

static int
sel_cmp(const void *pa, const void *pb)
{
	const struct sel *a = pa, *b = pb;

	if (a->side != b->side)
		return a->side < b->side ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->other != b->other)
		return a->other < b->other ? -1 : 1;
	return (a->w > b->w) - (a->w < b->w);
}

/* Every distinct word of every clause in the pool, sorted by word. */
static struct post *
post_build(struct ctx *c, size_t *const lst[2], const size_t cnt[2], size_t *np)
{
	struct post *pv = NULL;
	const uint64_t *b;
	size_t cap = 0, side, r, k, nb;

	*np = 0;
	for (side = 0; side < 2; side++) {
		for (r = 0; r < cnt[side]; r++) {
			b = bag_of(c, side, lst[side][r], &nb);
			for (k = 0; k < nb; k++) {
				if (k && b[k] == b[k - 1])
					continue;
				GROW(pv, cap, *np + 1);
				pv[*np].w = b[k];
				pv[*np].side = side;
				pv[*np].rank = r;
				(*np)++;
			}
		}
	}
	if (*np > 1)
		qsort(pv, *np, sizeof(*pv), post_cmp);
	return pv;
}

/* For each posting, its word if the other side has it at most RARE_DF times. */
static struct sel *
sel_build(const struct post *pv, size_t np, size_t *ns)
{
	struct sel *sv = NULL;
	size_t cap = 0, gs, gm, ge, k, other;

	*ns = 0;
	for (gs = 0; gs < np; gs = ge) {
		for (ge = gs; ge < np && pv[ge].w == pv[gs].w; ge++)
			;
		for (gm = gs; gm < ge && pv[gm].side == 0; gm++)
			;
		for (k = gs; k < ge; k++) {
			other = pv[k].side ? gm - gs : ge - gm;
			if (!other || other > RARE_DF)
				continue;
			GROW(sv, cap, *ns + 1);
			sv[*ns] = (struct sel){ pv[k].side, pv[k].rank, other,
						gs, gm, ge, pv[k].w };
			(*ns)++;
		}
	}
	if (*ns > 1)
		qsort(sv, *ns, sizeof(*sv), sel_cmp);
	return sv;
}

/* Pairs that share one of the RARE_WORDS rarest words of either clause. */
static void
cand_raw(const struct post *pv, const struct sel *sv, size_t ns,
	 struct cand **cv, size_t *ncv, size_t *cap)
{
	size_t i, k, taken = 0;

	for (i = 0; i < ns; i++) {
		if (i && (sv[i].side != sv[i - 1].side || sv[i].rank != sv[i - 1].rank))
			taken = 0;
		if (taken++ >= RARE_WORDS)
			continue;
		if (sv[i].side == 0)
			for (k = sv[i].gm; k < sv[i].ge; k++)
				cand_push(cv, ncv, cap, sv[i].rank, pv[k].rank, 0);
		else
			for (k = sv[i].gs; k < sv[i].gm; k++)
				cand_push(cv, ncv, cap, pv[k].rank, sv[i].rank, 0);
	}
}

/* Keep distinct candidates at similarity >= minq, with q and sim filled in. */
static size_t
cand_score(struct ctx *c, size_t *const lst[2], struct cand *cv, size_t ncv,
	   int minq)
{
	size_t i, k = 0, no, nn, common;

	for (i = 0; i < ncv; i++) {
		if (i && cv[i].o == cv[i - 1].o && cv[i].n == cv[i - 1].n)
			continue;
		no = bag_len(c, 0, lst[0][cv[i].o]);
		nn = bag_len(c, 1, lst[1][cv[i].n]);
		/* Dice cannot beat the length ratio; skip the merge when it cannot pass */
		if (sim_q(size_min(no, nn), no, nn) < minq)
			continue;
		common = pair_common(c, lst[0][cv[i].o], lst[1][cv[i].n], &no, &nn);
		if (sim_q(common, no, nn) < minq)
			continue;
		cv[k] = cv[i];
		cv[k].q = sim_q(common, no, nn);
		cv[k].sim = sim_dice(common, no, nn);
		k++;
	}
	return k;
}

static long
cand_penalty(const struct ctx *c, size_t *const lst[2], const struct cand *cv)
{
	return section_differs(c, lst[0][cv->o], lst[1][cv->n]) ? SECTION_PENALTY : 0;
}

/*
 * Candidate pairs of the pool with similarity >= minq. Each clause offers
 * its RARE_WORDS rarest words (rarity counted on the other side, at most
 * RARE_DF); the two sides are treated alike, so swapping OLD and NEW finds
 * the same pairs. Cost is bounded by RARE_WORDS * RARE_DF per clause.
 */
static struct cand *
cand_collect(struct ctx *c, size_t *const lst[2], const size_t cnt[2],
	     int minq, size_t *ncv)
{
	struct post *pv;
	struct sel *sv;
	struct cand *cv = NULL;
	size_t np, ns, cap = 0;

	*ncv = 0;
	pv = post_build(c, lst, cnt, &np);
	sv = sel_build(pv, np, &ns);
	cand_raw(pv, sv, ns, &cv, ncv, &cap);
	if (*ncv > 1)
		qsort(cv, *ncv, sizeof(*cv), cand_cmp_pos);
	*ncv = cand_score(c, lst, cv, *ncv, minq);
	free(sv);
	free(pv);
	return cv;
}

/*
 * Gap DP (step 4)
 *
 * Cells (i, j) align a[0..i) with b[0..j). A gap of up to GAP_CELLS gets
 * every cell; a larger one only a band of BAND_HALF columns either side
 * of the diagonal (at least its slope, so each row's cells reach the next
 * row's), which keeps the near-diagonal pairs of a gap where everything
 * changed at O((na + nb) * BAND_HALF).
 */

enum { OP_NONE, OP_DEL, OP_INS, OP_11, OP_12, OP_21 };

struct gap {
	struct ctx *c;
	const size_t *a, *b;	/* the gap's OLD and NEW clauses */
	size_t na, nb;
	size_t *lo, *hi;	/* row i holds columns lo[i]..hi[i] */
	size_t *row;		/* row i's first cell */
	long *v;		/* best score per cell */
	unsigned char *op;	/* the bead that reached it */
	int *q;			/* at cell (i, j): similarity of a[i-1], b[j-1] */
	size_t *com;		/* and their shared words */
};

static int
gap_in(const struct gap *g, size_t i, size_t j)
{
	return i <= g->na && j >= g->lo[i] && j <= g->hi[i];
}

static size_t
gap_at(const struct gap *g, size_t i, size_t j)
{
	return g->row[i] + (j - g->lo[i]);
}

/* Similarity and shared words of a[i], b[j]; from the band when it holds them. */
static void
gap_pair(const struct gap *g, size_t i, size_t j, int *q, size_t *com)
{
	size_t no, nn;

	if (gap_in(g, i + 1, j + 1)) {
		*q = g->q[gap_at(g, i + 1, j + 1)];
		*com = g->com[gap_at(g, i + 1, j + 1)];
		return;
	}
	*com = pair_common(g->c, g->a[i], g->b[j], &no, &nn);
	*q = sim_q(*com, no, nn);
}

/* Returns the number of cells of a band of half-width w. */
static size_t
gap_band(struct gap *g, size_t w)
{
	size_t i, mid, cells = 0;

	for (i = 0; i <= g->na; i++) {
		mid = i * g->nb / g->na;
		g->lo[i] = mid > w ? mid - w : 0;
		g->hi[i] = size_min(mid + w, g->nb);
		g->row[i] = cells;
		cells += g->hi[i] - g->lo[i] + 1;
	}
	return cells;
}

static void
gap_init(struct gap *g, struct ctx *c, const size_t *a, size_t na,
	 const size_t *b, size_t nb, size_t w)
{
	size_t i, j, k, cells, no, nn;

	g->c = c;
	g->a = a;
	g->b = b;
	g->na = na;
	g->nb = nb;
	g->lo = xmalloc((na + 1) * sizeof(*g->lo));
	g->hi = xmalloc((na + 1) * sizeof(*g->hi));
	g->row = xmalloc((na + 1) * sizeof(*g->row));
	cells = gap_band(g, w);
	g->v = xmalloc(cells * sizeof(*g->v));
	g->op = xmalloc(cells);
	g->q = xmalloc(cells * sizeof(*g->q));
	g->com = xmalloc(cells * sizeof(*g->com));
	for (i = 1; i <= na; i++) {
		for (j = g->lo[i] ? g->lo[i] : 1; j <= g->hi[i]; j++) {
			k = gap_at(g, i, j);
			g->com[k] = pair_common(c, a[i - 1], b[j - 1], &no, &nn);
			g->q[k] = sim_q(g->com[k], no, nn);
		}
	}
}

static void
gap_release(struct gap *g)
{
	free(g->lo);
	free(g->hi);
	free(g->row);
	free(g->v);
	free(g->op);
	free(g->q);
	free(g->com);
}

static long
bead_one(const struct gap *g, size_t i, size_t j)
{
	int q;
	size_t com;

	gap_pair(g, i, j, &q, &com);
	if (q < SIM_PAIR)
		return -1;
	return q - PAIR_OFFSET -
	       (section_differs(g->c, g->a[i], g->b[j]) ? SECTION_PENALTY : 0);
}

/*
 * One clause (whole, on side ws) against two of the other side (p1, p2):
 * a split when ws is OLD, a merge when it is NEW. q and com are the
 * single-pair similarities and shared-word counts of the two pieces.
 */
static long
bead_two(struct ctx *c, size_t ws, size_t whole, size_t p1, size_t p2,
	 const int q[2], const size_t com[2], double *sim)
{
	const struct side *w = &c->s[ws], *p = &c->s[!ws];
	size_t nw, n1, n2, common;
	const uint64_t *bw, *b1, *b2;
	int qs, qbest = q[0] > q[1] ? q[0] : q[1];
	long pen = 0;

	/* both pieces built before either is looked at: see bag_need */
	bag_need(c, !ws, p1);
	bag_need(c, !ws, p2);
	bw = bag_of(c, ws, whole, &nw);
	b1 = bag_of(c, !ws, p1, &n1);
	b2 = bag_of(c, !ws, p2, &n2);
	if (!n1 || !n2 || com[0] * 100 < CONTAIN_PCT * n1 ||
	    com[1] * 100 < CONTAIN_PCT * n2)
		return -1;
	common = bag_common(bw, nw, bag_join(c, b1, n1, b2, n2), n1 + n2);
	qs = sim_q(common, nw, n1 + n2);
	if (qs < SIM_PAIR || qs < qbest + SPLIT_MARGIN)
		return -1;
	if (sim)
		*sim = sim_dice(common, nw, n1 + n2);
	if (w->item[whole].section != p->item[p1].section ||
	    w->item[whole].section != p->item[p2].section)
		pen = SECTION_PENALTY;
	return qs - PAIR_OFFSET - pen;
}

/* a[i] became b[j] and b[j+1]. */
static long
bead_split(const struct gap *g, size_t i, size_t j, double *sim)
{
	int q[2];
	size_t com[2];

	/* the two pieces must stand next to each other in the new text: a gap
	 * skips clauses already paired elsewhere, which may lie between them */
	if (g->b[j + 1] != g->b[j] + 1)
		return -1;
	gap_pair(g, i, j, &q[0], &com[0]);
	gap_pair(g, i, j + 1, &q[1], &com[1]);
	return bead_two(g->c, 0, g->a[i], g->b[j], g->b[j + 1], q, com, sim);
}

/* a[i] and a[i+1] became b[j]. */
static long
bead_merge(const struct gap *g, size_t i, size_t j, double *sim)
{
	int q[2];
	size_t com[2];

	if (g->a[i + 1] != g->a[i] + 1)
		return -1;
	gap_pair(g, i, j, &q[0], &com[0]);
	gap_pair(g, i + 1, j, &q[1], &com[1]);
	return bead_two(g->c, 1, g->b[j], g->a[i], g->a[i + 1], q, com, sim);
}

/* Consider reaching the current cell from cell (i, j) with a bead worth s. */
static void
gap_try(const struct gap *g, size_t i, size_t j, long s, unsigned char cand,
	long *best, unsigned char *op)
{
	long from;

	if (s < 0 || !gap_in(g, i, j))
		return;
	from = g->v[gap_at(g, i, j)];
	if (from + s > *best) {
		*best = from + s;
		*op = cand;
	}
}

/* Matches are tried before deletion and insertion, so they win ties. */
static void
gap_cell(struct gap *g, size_t i, size_t j)
{
	long best = LONG_MIN;
	unsigned char op = OP_NONE;

	if (i && j && gap_in(g, i - 1, j - 1))
		gap_try(g, i - 1, j - 1, bead_one(g, i - 1, j - 1), OP_11, &best, &op);
	if (i && j > 1 && gap_in(g, i - 1, j - 2))
		gap_try(g, i - 1, j - 2, bead_split(g, i - 1, j - 2, NULL), OP_12, &best, &op);
	if (i > 1 && j && gap_in(g, i - 2, j - 1))
		gap_try(g, i - 2, j - 1, bead_merge(g, i - 2, j - 1, NULL), OP_21, &best, &op);
	if (i)
		gap_try(g, i - 1, j, 0, OP_DEL, &best, &op);
	if (j)
		gap_try(g, i, j - 1, 0, OP_INS, &best, &op);
	g->v[gap_at(g, i, j)] = op == OP_NONE ? 0 : best;
	g->op[gap_at(g, i, j)] = op;
}

static void
gap_trace(struct gap *g)
{
	size_t i = g->na, j = g->nb, no, nn, common;
	double sim = 0;

	while (i || j) {
		switch (g->op[gap_at(g, i, j)]) {
		case OP_11:
			common = pair_common(g->c, g->a[i - 1], g->b[j - 1], &no, &nn);
			pair_add11(g->c, AL_MODIFIED, g->a[i - 1], g->b[j - 1], 0,
				   sim_dice(common, no, nn));
			i--;
			j--;
			break;
		case OP_12:
			bead_split(g, i - 1, j - 2, &sim);
			pair_add(g->c, AL_SPLIT, g->a + i - 1, 1, g->b + j - 2, 2, 0, sim);
			i--;
			j -= 2;
			break;
		case OP_21:
			bead_merge(g, i - 2, j - 1, &sim);
			pair_add(g->c, AL_MERGED, g->a + i - 2, 2, g->b + j - 1, 1, 0, sim);
			i -= 2;
			j--;
			break;
		case OP_DEL:
			i--;
			break;
		default:
			j--;
			break;
		}
	}
}

static void
gap_dp(struct ctx *c, const size_t *a, size_t na, const size_t *b, size_t nb)
{
	struct gap g;
	size_t i, j, w = nb;

	if (!na || !nb)
		return;
	if ((na + 1) * (nb + 1) > GAP_CELLS) {
		w = BAND_HALF > nb / na + 1 ? BAND_HALF : nb / na + 1;
		if ((na + 1) * (2 * w + 1) > BAND_CELLS)
			return;
	}
	gap_init(&g, c, a, na, b, nb, w);
	for (i = 0; i <= na; i++)
		for (j = g.lo[i]; j <= g.hi[i]; j++)
			gap_cell(&g, i, j);
	gap_trace(&g);
	gap_release(&g);
}

/*
 * A gap too big for the full DP is most likely a rewrite or a block moved
 * far. First the heaviest in-order chain of rare-word candidates
 * (Hunt-Szymanski style, O(k log k)) pins the 1:1 pairs it can see at any
 * distance; the sub-gaps between them then get the DP, banded when large.
 */
static void
gap_sparse(struct ctx *c, size_t *const lst[2], const size_t cnt[2])
{
	struct cand *cv;
	struct chain chain;
	unsigned char *keep;
	size_t ncv, i, po = 0, pn = 0;

	cv = cand_collect(c, lst, cnt, SIM_PAIR, &ncv);
	for (i = 0; i < ncv; i++)
		cv[i].w = cv[i].q - PAIR_OFFSET - cand_penalty(c, lst, &cv[i]);
	if (ncv > 1)
		qsort(cv, ncv, sizeof(*cv), cand_cmp_chain);
	keep = xcalloc(ncv + 1, 1);
	if (ncv) {
		chain_init(&chain, ncv, cnt[1]);
		for (i = 0; i < ncv; i++)
			chain_add(&chain, cv[i].n, cv[i].w);
		chain_finish(&chain, keep);
	}
	for (i = 0; i < ncv; i++) {
		if (!keep[i])
			continue;
		gap_dp(c, lst[0] + po, cv[i].o - po, lst[1] + pn, cv[i].n - pn);
		pair_add11(c, AL_MODIFIED, lst[0][cv[i].o], lst[1][cv[i].n], 0, cv[i].sim);
		po = cv[i].o + 1;
		pn = cv[i].n + 1;
	}
	gap_dp(c, lst[0] + po, cnt[0] - po, lst[1] + pn, cnt[1] - pn);
	free(keep);
	free(cv);
}

static void
gap_align(struct ctx *c, size_t *const lst[2], const size_t cnt[2])
{
	if (!cnt[0] || !cnt[1])
		return;
	if ((cnt[0] + 1) * (cnt[1] + 1) <= GAP_CELLS)
		gap_dp(c, lst[0], cnt[0], lst[1], cnt[1]);
	else
		gap_sparse(c, lst, cnt);
}

/*
 * Leftovers (step 5)
 */

/*
 * Step 5: what no gap could place pairs across the whole document,
 * strongest similarity first (ties by position), at the stricter
 * SIM_MOVED since no neighbour vouches for the pair.
 */
static void
leftover_match(struct ctx *c)
{
	size_t *lst[2], cnt[2] = { 0, 0 }, *rank[2], side, i, ncv, o, n;
	unsigned char *used[2];
	struct cand *cv;

	for (side = 0; side < 2; side++) {
		lst[side] = xmalloc((c->s[side].n + 1) * sizeof(size_t));
		for (i = 0; i < c->s[side].n; i++)
			if (c->s[side].pair[i] == NONE)
				lst[side][cnt[side]++] = i;
		used[side] = xcalloc(cnt[side] + 1, 1);
		rank[side] = rank_build(c, side);
	}
	cv = cand_collect(c, lst, cnt, SIM_MOVED, &ncv);
	for (i = 0; i < ncv; i++)
		cv[i].w = cv[i].q - cand_penalty(c, lst, &cv[i]);
	if (ncv > 1)
		qsort(cv, ncv, sizeof(*cv), cand_cmp_greedy);
	for (i = 0; i < ncv; i++) {
		if (used[0][cv[i].o] || used[1][cv[i].n])
			continue;
		used[0][cv[i].o] = used[1][cv[i].n] = 1;
		o = lst[0][cv[i].o];
		n = lst[1][cv[i].n];
		pair_add11(c, AL_MODIFIED, o, n, rank[0][o] != rank[1][n], cv[i].sim);
	}
	free(cv);
	for (side = 0; side < 2; side++) {
		free(lst[side]);
		free(used[side]);
		free(rank[side]);
	}
}

/*
 * Output
 */

static void
unmatched_add(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->s[0].n; i++)
		if (c->s[0].pair[i] == NONE)
			pair_add(c, AL_DELETED, &i, 1, NULL, 0, 0, 0.0);
	for (i = 0; i < c->s[1].n; i++)
		if (c->s[1].pair[i] == NONE)
			pair_add(c, AL_INSERTED, NULL, 0, &i, 1, 0, 0.0);
}

/* The deleted clauses from o on, up to the next clause that survives. */
static void
emit_deleted(const struct ctx *c, size_t o, struct alignment *out)
{
	size_t p;

	for (; o < c->s[0].n; o++) {
		p = c->s[0].pair[o];
		if (c->pv[p].kind != AL_DELETED)
			break;
		out->v[out->n++] = c->pv[p];
	}
}

/* NEW's order; each deleted clause right after the pair of its OLD predecessor. */
static void
emit(const struct ctx *c, struct alignment *out)
{
	const struct align_pair *p;
	size_t n, k;

	out->n = 0;
	GROW(out->v, out->cap, c->pn);
	emit_deleted(c, 0, out);
	for (n = 0; n < c->s[1].n; n++) {
		p = &c->pv[c->s[1].pair[n]];
		if (p->new_[0] != n)
			continue;
		out->v[out->n++] = *p;
		for (k = 0; k < p->nold; k++)
			emit_deleted(c, p->old[k] + 1, out);
	}
}

/*
 * Public
 */

void
alignment_init(struct alignment *al)
{
	al->v = NULL;
	al->n = al->cap = 0;
}

void
alignment_release(struct alignment *al)
{
	free(al->v);
	alignment_init(al);
}

/* out must be initialised; its pairs are replaced, its array reused. */
void
align_clauses(const struct align_item *old, size_t nold,
	      const struct align_item *new_, size_t nnew,
	      const struct lang *lang, unsigned flags, struct alignment *out)
{
	struct ctx c;

	memset(&c, 0, sizeof(c));
	c.flags = flags;
	c.word.lang = lang;
	sides_build(&c, old, nold, new_, nnew);

	exact_levels(&c);
	exact_moved(&c);
	gaps_each(&c, gap_align);
	leftover_match(&c);
	unmatched_add(&c);
	emit(&c, out);

	side_release(&c.s[0]);
	side_release(&c.s[1]);
	free(c.word.p);
	free(c.pv);
	free(c.joined);
}

double
align_similarity(const char *a, size_t alen, const char *b, size_t blen, const struct lang *lang)
{
	struct scratch tmp = { NULL, 0, lang };
	uint64_t *v = NULL;
	size_t nv = 0, cap = 0, na;
	double r;

	GROW(v, cap, 1);
	bag_build(&tmp, a, alen, &v, &nv, &cap);
	na = nv;
	bag_build(&tmp, b, blen, &v, &nv, &cap);
	r = sim_dice(bag_common(v, na, v + na, nv - na), na, nv - na);
	free(v);
	free(tmp.p);
	return r;
}

size_t
align_bag(const char *s, size_t n, const struct lang *lang, uint64_t **bag)
{
	struct scratch tmp = { NULL, 0, lang };
	size_t nv = 0, cap = 0;

	*bag = NULL;
	GROW(*bag, cap, 1);
	bag_build(&tmp, s, n, bag, &nv, &cap);
	free(tmp.p);
	return nv;
}

double
align_bag_similarity(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	return sim_dice(bag_common(a, na, b, nb), na, nb);
}
