#include "config.h"
#include "wdiff.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "token.h"
#include "utf8.h"
#include "util.h"

/*
 * The pipeline: tokens -> Myers on keys (exact, minimal) -> hunks -> slide
 * lone insertions/deletions to word edges -> absorb filler equalities
 * between edits -> give back tokens common to both ends of a replacement
 * -> ops. Cleaning up on token ranges, not on ops, keeps every step able to
 * see both texts, and the bytes are only chosen at the end, where equal
 * keys with unequal bytes become typographic (or, exactly, real) edits.
 */

/*
 * Myers costs O((N+M)*D). Past this much work the two texts are so far
 * apart that they would be shown replaced anyway, so the search stops
 * rather than stall the interface on a pathological pair.
 */
#define WDIFF_WORK_MAX 20000000L
#define WDIFF_DCAP_MIN 64L

/*
 * Texts past this size are not diffed word by word but shown replaced:
 * offsets and token classes are then sure to fit 32 bits. (Before, such a
 * text needed some 60 GB to tokenise.)
 */
#define WDIFF_TEXT_MAX ((size_t)1 << 30)

/*
 * One text, tokenised in eight bytes a token, for a long text has a token
 * every three or four bytes: where it starts, and its class. Tokens of
 * equal keys (token.h), on either side, share a class (struct classes),
 * so the diff compares classes; the kind is the class's low two bits.
 */
struct side {
	const char *text;
	size_t len;
	uint32_t *cls;	/* per token: class << 2 | kind */
	uint32_t *off;	/* per token: its offset; off[n] == len */
	size_t n;	/* tokens */
	size_t nwords;	/* word tokens in all */
	char *chg;	/* the token is left unmatched by the diff */
};

/* The classes of one diff: keys seen on either side, numbered as they come. */
struct classes {
	uint64_t *key;
	uint32_t *num;	/* class + 1; 0: an empty slot */
	size_t cap, n;	/* cap a power of two, n < cap / 2 */
};

/*
 * a[a0..a1) deleted and b[b0..b1) inserted; equal tokens lie between hunks.
 * The measures the clean-up weighs are taken once, when it starts, and
 * added up as hunks merge, rather than kept per token for every range a
 * question could name (that was two words of memory per token).
 */
struct hunk {
	size_t a0, a1, b0, b1;
	size_t ca, cb;		/* code points of a[a0..a1) and of b[b0..b1) */
	size_t gca, gcb, gwa;	/* the equality before it: code points on each side, words on a */
};

/*
 * The diff runs on a canonical order of the two texts (a is the shorter,
 * or the smaller) and is mirrored on output, so that swapping old and new
 * gives exactly the mirrored script whatever ties the algorithm breaks.
 */
struct wdiff {
	struct side a, b;
	struct classes classes;
	int swapped;
	int ignore_typography;
	const struct lang *lang;	/* whose filler words a rewrite absorbs */
	struct hunk *h;
	size_t nh, caph;
};

struct myers {
	const uint32_t *a, *b;	/* token classes */
	char *chg_a, *chg_b;
	long *vf, *vb;	/* furthest x per diagonal; centred, -1 = unreachable */
};

struct box {
	long a0, n, b0, m;
};

struct snake {
	long x0, y0, x1, y1;
};

enum piece_class { PC_NONE, PC_EQ, PC_CHG, PC_TYPO };

/* A run of tokens of one class, waiting to become ops. */
struct piece {
	enum piece_class cls;
	size_t a0, a1, b0, b1;
};

void
wscript_init(struct wscript *ws)
{
	ws->v = NULL;
	ws->n = ws->cap = 0;
	ws->words_old = ws->words_new = 0;
	ws->words_deleted = ws->words_inserted = 0;
	ws->replaced = 0;
	ws->similarity = 1.0;
}

void
wscript_release(struct wscript *ws)
{
	free(ws->v);
	wscript_init(ws);
}

int
wscript_is_equal(const struct wscript *ws)
{
	size_t i;

	for (i = 0; i < ws->n; i++)
		if (ws->v[i].kind != WOP_EQ && !ws->v[i].typo)
			return 0;
	return 1;
}

/* Consecutive pieces of one kind are contiguous, so an append extends. */
static void
wscript_push(struct wscript *ws, enum wop_kind kind, int typo, const char *s, size_t len)
{
	struct wop *last;

	if (!len)
		return;
	if (ws->n) {
		last = &ws->v[ws->n - 1];
		if (last->kind == kind && last->typo == typo && last->s + last->len == s) {
			last->len += len;
			return;
		}
	}
	GROW(ws->v, ws->cap, ws->n + 1);
	ws->v[ws->n].kind = kind;
	ws->v[ws->n].s = s;
	ws->v[ws->n].len = len;
	ws->v[ws->n].typo = typo;
	ws->n++;
}

/* ---- token classes ---- */

#define CLASS_MIX 0x9E3779B97F4A7C15ULL

static void
classes_init(struct classes *cl)
{
	cl->cap = 64;
	cl->n = 0;
	cl->key = xmalloc(cl->cap * sizeof(*cl->key));
	cl->num = xcalloc(cl->cap, sizeof(*cl->num));
}

static void
classes_release(struct classes *cl)
{
	free(cl->key);
	free(cl->num);
}

static size_t
classes_slot(const struct classes *cl, uint64_t key)
{
	size_t mask = cl->cap - 1, i = (size_t)((key * CLASS_MIX) >> 32) & mask;

	while (cl->num[i] && cl->key[i] != key)
		i = (i + 1) & mask;
	return i;
}

static void
classes_grow(struct classes *cl)
{
	struct classes big;
	size_t i, j;

	big.cap = cl->cap * 2;
	big.n = cl->n;
	big.key = xmalloc(big.cap * sizeof(*big.key));
	big.num = xcalloc(big.cap, sizeof(*big.num));
	for (i = 0; i < cl->cap; i++) {
		if (!cl->num[i])
			continue;
		j = classes_slot(&big, cl->key[i]);
		big.key[j] = cl->key[i];
		big.num[j] = cl->num[i];
	}
	classes_release(cl);
	*cl = big;
}

/* The class of key, numbered from 0 in order of first sight. */
static uint32_t
classes_of(struct classes *cl, uint64_t key)
{
	size_t i = classes_slot(cl, key);

	if (!cl->num[i]) {
		if (2 * (cl->n + 1) > cl->cap) {
			classes_grow(cl);
			i = classes_slot(cl, key);
		}
		cl->key[i] = key;
		cl->num[i] = (uint32_t)++cl->n;
	}
	return cl->num[i] - 1;
}

/* ---- one side ---- */

static enum tok_kind
side_kind(const struct side *sd, size_t i)
{
	return (enum tok_kind)(sd->cls[i] & 3);
}

static const char *
side_at(const struct side *sd, size_t i)
{
	return sd->text + sd->off[i];
}

static size_t
side_tlen(const struct side *sd, size_t i)
{
	return sd->off[i + 1] - sd->off[i];
}

/* Word tokens in [i, j): a scan, as every caller asks of ranges that do
 * not overlap, so the scans add up to one pass over the text. */
static size_t
side_words(const struct side *sd, size_t i, size_t j)
{
	size_t n = 0;

	for (; i < j; i++)
		n += side_kind(sd, i) == TOK_WORD;
	return n;
}

/* Code points in tokens [i, j), the same way. */
static size_t
side_chars(const struct side *sd, size_t i, size_t j)
{
	const unsigned char *p, *e;
	size_t c = 0;

	if (i >= j)
		return 0;
	p = (const unsigned char *)side_at(sd, i);
	e = (const unsigned char *)side_at(sd, j);
	for (; p < e; p++)
		c += (*p & 0xC0) != 0x80;
	return c;
}

/*
 * A token is at least a byte, so a short text's arrays are made for as
 * many tokens as bytes; a longer one's tokens are counted first, so that
 * its arrays too are made once, to size (grown by doubling, a long text's
 * arrays left each smaller copy behind).
 */
#define SIDE_COUNT_FIRST 65536

static void
side_init(struct side *sd, const char *text, size_t len, unsigned tflags, struct classes *cl)
{
	struct token_scanner ts;
	unsigned long long key;
	size_t i, k = len;

	sd->text = text;
	sd->len = len;
	token_scanner_init(&ts, text, len, tflags);
	if (len > SIDE_COUNT_FIRST)
		for (i = 0, k = 0; i < len; k++)
			i = token_scan(&ts, i, &key);
	sd->cls = xmalloc((k + 1) * sizeof(*sd->cls));
	sd->off = xmalloc((k + 1) * sizeof(*sd->off));
	for (i = 0, k = 0; i < len; k++) {
		sd->off[k] = (uint32_t)i;
		i = token_scan(&ts, i, &key);
		sd->cls[k] = classes_of(cl, key) << 2 | (uint32_t)(key & 3);
	}
	sd->n = k;
	sd->off[sd->n] = (uint32_t)len;
	sd->cls[sd->n] = 0;
	token_scanner_release(&ts);
	sd->nwords = side_words(sd, 0, sd->n);
	sd->chg = xcalloc(sd->n + 1, 1);
}

static void
side_release(struct side *sd)
{
	free(sd->cls);
	free(sd->off);
	free(sd->chg);
}

/* The bytes of tokens [i, j). */
static const char *
side_bytes(const struct side *sd, size_t i, size_t j, size_t *len)
{
	if (i >= j) {
		*len = 0;
		return sd->text;
	}
	*len = sd->off[j] - sd->off[i];
	return side_at(sd, i);
}

/* Token i of x and token j of y: the same bytes (equal classes need not be). */
static int
token_same(const struct side *x, size_t i, const struct side *y, size_t j)
{
	size_t n = side_tlen(x, i);

	return x->cls[i] == y->cls[j] && n == side_tlen(y, j) && memcmp(side_at(x, i), side_at(y, j), n) == 0;
}

static size_t
max_size(size_t x, size_t y)
{
	return x > y ? x : y;
}

/* ---- Myers' O(ND) with linear space (middle-snake bisection) ---- */

/* Furthest x on diagonal k after d edits, never leaving the n x m grid. */
static long
myers_pick(const long *v, long k, long d, long n, long m)
{
	long x = -1;

	if (d == 0)
		return 0;
	if (k < d && v[k + 1] >= 0 && v[k + 1] - (k + 1) < m)
		x = v[k + 1];
	if (k > -d && v[k - 1] >= 0 && v[k - 1] < n && v[k - 1] + 1 > x)
		x = v[k - 1] + 1;
	return x;
}

static int
myers_forward(struct myers *my, const struct box *bx, long d, struct snake *sn)
{
	long delta = bx->n - bx->m, k, x, y, x0;

	for (k = -d; k <= d; k += 2) {
		x = myers_pick(my->vf, k, d, bx->n, bx->m);
		if (x < 0) {
			my->vf[k] = -1;
			continue;
		}
		x0 = x;
		y = x - k;
		while (x < bx->n && y < bx->m && my->a[bx->a0 + x] == my->b[bx->b0 + y]) {
			x++;
			y++;
		}
		my->vf[k] = x;
		if (delta % 2 != 0 && labs(delta - k) <= d - 1 &&
		    my->vb[delta - k] >= 0 && x + my->vb[delta - k] >= bx->n) {
			sn->x0 = x0;
			sn->y0 = x0 - k;
			sn->x1 = x;
			sn->y1 = y;
			return 1;
		}
	}
	return 0;
}

/* The same search from the far corner, in mirrored coordinates. */
static int
myers_reverse(struct myers *my, const struct box *bx, long d, struct snake *sn)
{
	long delta = bx->n - bx->m, k, x, y, x0;
	const uint32_t *ea = my->a + bx->a0 + bx->n - 1;
	const uint32_t *eb = my->b + bx->b0 + bx->m - 1;

	for (k = -d; k <= d; k += 2) {
		x = myers_pick(my->vb, k, d, bx->n, bx->m);
		if (x < 0) {
			my->vb[k] = -1;
			continue;
		}
		x0 = x;
		y = x - k;
		while (x < bx->n && y < bx->m && *(ea - x) == *(eb - y)) {
			x++;
			y++;
		}
		my->vb[k] = x;
		if (delta % 2 == 0 && labs(delta - k) <= d &&
		    my->vf[delta - k] >= 0 && x + my->vf[delta - k] >= bx->n) {
			sn->x0 = bx->n - x;
			sn->y0 = bx->m - y;
			sn->x1 = bx->n - x0;
			sn->y1 = bx->m - (x0 - k);
			return 1;
		}
	}
	return 0;
}

static int
myers_bisect(struct myers *my, const struct box *bx, long limit, struct snake *sn)
{
	long d, dmax = (bx->n + bx->m + 1) / 2;

	for (d = 0; d <= dmax && d <= limit; d++)
		if (myers_forward(my, bx, d, sn) || myers_reverse(my, bx, d, sn))
			return 1;
	return 0;
}

static void
myers_trim(const struct myers *my, struct box *bx)
{
	while (bx->n > 0 && bx->m > 0 && my->a[bx->a0] == my->b[bx->b0]) {
		bx->a0++;
		bx->b0++;
		bx->n--;
		bx->m--;
	}
	while (bx->n > 0 && bx->m > 0 &&
	       my->a[bx->a0 + bx->n - 1] == my->b[bx->b0 + bx->m - 1]) {
		bx->n--;
		bx->m--;
	}
}

static void
myers_mark_all(struct myers *my, const struct box *bx)
{
	memset(my->chg_a + bx->a0, 1, (size_t)bx->n);
	memset(my->chg_b + bx->b0, 1, (size_t)bx->m);
}

/* Mark unmatched tokens; -1 when the top-level search passed limit. */
static int
myers_divide(struct myers *my, struct box bx, long limit)
{
	struct snake sn;
	struct box lo, hi;

	myers_trim(my, &bx);
	if (bx.n == 0 || bx.m == 0) {
		myers_mark_all(my, &bx);
		return 0;
	}
	if (!myers_bisect(my, &bx, limit, &sn))
		return -1;
	/*
	 * A snake that leaves a half as big as the whole would recurse for
	 * ever; it cannot happen, but a correct if clumsy answer beats a hang.
	 */
	if ((sn.x0 == bx.n && sn.y0 == bx.m) || (sn.x1 == 0 && sn.y1 == 0)) {
		myers_mark_all(my, &bx);
		return 0;
	}
	lo = (struct box){ bx.a0, sn.x0, bx.b0, sn.y0 };
	hi = (struct box){ bx.a0 + sn.x1, bx.n - sn.x1, bx.b0 + sn.y1, bx.m - sn.y1 };
	if (myers_divide(my, lo, LONG_MAX) < 0)
		return -1;
	return myers_divide(my, hi, LONG_MAX);
}

/* Diff a[pre..na-suf) against b[pre..nb-suf); -1 when it is too costly. */
static int
wdiff_myers(struct wdiff *w, size_t pre, size_t suf)
{
	struct myers my;
	struct box bx;
	long n = (long)(w->a.n - pre - suf), m = (long)(w->b.n - pre - suf);
	long size = n + m + 4, cap;
	long *mem;
	int rc;

	cap = n + m ? WDIFF_WORK_MAX / (n + m) : 0;
	if (cap < WDIFF_DCAP_MIN)
		cap = WDIFF_DCAP_MIN;
	mem = xmalloc(2 * (size_t)(2 * size + 1) * sizeof(*mem));
	my.a = w->a.cls;
	my.b = w->b.cls;
	my.chg_a = w->a.chg;
	my.chg_b = w->b.chg;
	my.vf = mem + size;
	my.vb = mem + 2 * size + 1 + size;
	bx = (struct box){ (long)pre, n, (long)pre, m };
	/* the middle snake is found after about D/2 rounds */
	rc = myers_divide(&my, bx, cap / 2 + 1);
	free(mem);
	return rc;
}

/* ---- from marks to hunks ---- */

static void
wdiff_add_hunk(struct wdiff *w, size_t a0, size_t a1, size_t b0, size_t b1)
{
	GROW(w->h, w->caph, w->nh + 1);
	memset(&w->h[w->nh], 0, sizeof(w->h[w->nh]));
	w->h[w->nh].a0 = a0;
	w->h[w->nh].a1 = a1;
	w->h[w->nh].b0 = b0;
	w->h[w->nh].b1 = b1;
	w->nh++;
}

static void
wdiff_collect(struct wdiff *w)
{
	size_t i = 0, j = 0, i0, j0, na = w->a.n, nb = w->b.n;

	while (i < na || j < nb) {
		if (i < na && j < nb && !w->a.chg[i] && !w->b.chg[j]) {
			i++;
			j++;
			continue;
		}
		i0 = i;
		j0 = j;
		while (i < na && w->a.chg[i])
			i++;
		while (j < nb && w->b.chg[j])
			j++;
		if (i == i0 && j == j0) {
			/* unbalanced marks: never expected; keep the script valid */
			i = na;
			j = nb;
		}
		wdiff_add_hunk(w, i0, i, j0, j);
	}
}

/* ---- clean-up 1: slide pure insertions and deletions to word edges ---- */

static int
token_has_newline(const struct side *sd, size_t i)
{
	return side_kind(sd, i) == TOK_SPACE && memchr(side_at(sd, i), '\n', side_tlen(sd, i)) != NULL;
}

/* How good a place the gap between tokens x and x + 1 is for an edit edge. */
static int
wdiff_boundary_score(const struct side *sd, size_t x)
{
	enum tok_kind kx = side_kind(sd, x), ky = side_kind(sd, x + 1);
	const char *s = side_at(sd, x);

	if (token_has_newline(sd, x) || token_has_newline(sd, x + 1))
		return 4;
	if (kx == TOK_PUNCT && ky == TOK_SPACE && side_tlen(sd, x) == 1 && s[0] != '\0' && strchr(".;:!?", s[0]))
		return 3;
	if (kx == TOK_SPACE || ky == TOK_SPACE)
		return 2;
	if (kx == TOK_PUNCT || ky == TOK_PUNCT)
		return 1;
	return 0;
}

/*
 * Touching the next edit (or the text's end) scores best, since the two
 * then read as one change; then an edit that ends with its space, so
 * that "all " is inserted before a word rather than " all" after one.
 */
static int
wdiff_slide_score(const struct side *sd, size_t s, size_t e, size_t lo, size_t hi)
{
	int sc = 0;

	sc += s == lo ? 6 : wdiff_boundary_score(sd, s - 1);
	sc += e == hi ? 6 : wdiff_boundary_score(sd, e - 1);
	if (side_kind(sd, e - 1) == TOK_SPACE)
		sc++;
	return sc;
}

static void
wdiff_slide_one(struct wdiff *w, size_t i)
{
	struct hunk *h = &w->h[i];
	int del = h->b0 == h->b1;
	const struct side *sd = del ? &w->a : &w->b;
	size_t s = del ? h->a0 : h->b0, e = del ? h->a1 : h->b1, len = e - s;
	size_t lo = i ? (del ? h[-1].a1 : h[-1].b1) : 0;
	size_t hi = i + 1 < w->nh ? (del ? h[1].a0 : h[1].b0) : sd->n;
	size_t first = s, last = s, p, best = s;
	int sc, bestsc = -1;

	while (first > lo && token_same(sd, first - 1, sd, first - 1 + len))
		first--;
	while (last + len < hi && token_same(sd, last, sd, last + len))
		last++;
	for (p = first; p <= last; p++) {
		sc = wdiff_slide_score(sd, p, p + len, lo, hi);
		if (sc > bestsc) {
			bestsc = sc;
			best = p;
		}
	}
	/* both equalities around the edit shift by the same amount */
	if (del) {
		h->a0 = best;
		h->a1 = best + len;
		h->b0 = h->b1 = h->b0 + best - s;
	} else {
		h->b0 = best;
		h->b1 = best + len;
		h->a0 = h->a1 = h->a0 + best - s;
	}
}

static void
wdiff_slide(struct wdiff *w)
{
	size_t i;

	for (i = 0; i < w->nh; i++)
		if (w->h[i].a0 == w->h[i].a1 || w->h[i].b0 == w->h[i].b1)
			wdiff_slide_one(w, i);
}

/* ---- clean-up 2: absorb small equalities between edits ---- */

/*
 * Words an editor leaves inside a rewritten phrase rather than keep as a
 * lone island of unchanged text ("[-Requests the Secretary-General-]..."):
 * the language's filler words (lang.c), compared in lower case.
 */
static int
wdiff_is_filler_word(const struct lang *lang, const struct side *sd, size_t i)
{
	const char *s = side_at(sd, i);
	char low[16];
	size_t k, n = side_tlen(sd, i);

	if (n > sizeof(low))
		return 0;
	for (k = 0; k < n; k++)
		low[k] = (unsigned char)s[k] < 0x80 ? (char)tolower((unsigned char)s[k]) : s[k];
	return lang_is_filler(lang, low, n);
}

static int
hunk_replaces(const struct hunk *h)
{
	return h->a0 < h->a1 && h->b0 < h->b1;
}

/*
 * Spaces and punctuation only; or one stopword (or word of two letters)
 * between two replacements. A word next to a plain insertion or deletion
 * stays: "{+all +}the {+relevant +}States" must not delete "the".
 */
static int
wdiff_is_filler(const struct lang *lang, const struct side *sd, const struct hunk *l, const struct hunk *r)
{
	size_t i = l->a1, n = r->gwa;

	if (n == 0)
		return 1;
	if (n > 1 || !hunk_replaces(l) || !hunk_replaces(r))
		return 0;
	while (side_kind(sd, i) != TOK_WORD)
		i++;
	return side_chars(sd, i, i + 1) <= 2 || wdiff_is_filler_word(lang, sd, i);
}

/* The DMP rule: the equality is no longer than the edits on either side. */
static int
wdiff_absorbable(const struct wdiff *w, const struct hunk *l, const struct hunk *r)
{
	size_t eq = max_size(r->gca, r->gcb);

	if (eq > max_size(l->ca, l->cb) || eq > max_size(r->ca, r->cb))
		return 0;
	return wdiff_is_filler(w->lang, &w->a, l, r);
}

/* What the clean-up weighs, for every hunk and the equality before it. */
static void
wdiff_measure(struct wdiff *w)
{
	struct hunk *h;
	size_t i, a = 0, b = 0;

	for (i = 0; i < w->nh; i++) {
		h = &w->h[i];
		h->gca = side_chars(&w->a, a, h->a0);
		h->gcb = side_chars(&w->b, b, h->b0);
		h->gwa = side_words(&w->a, a, h->a0);
		h->ca = side_chars(&w->a, h->a0, h->a1);
		h->cb = side_chars(&w->b, h->b0, h->b1);
		a = h->a1;
		b = h->b1;
	}
}

/*
 * Merging two edits makes a bigger one, which may now swallow the equality
 * before it too, so the merged hunk is tested again against its left.
 */
static void
wdiff_absorb(struct wdiff *w)
{
	struct hunk *l, *r;
	size_t i, n = 0;

	wdiff_measure(w);
	for (i = 0; i < w->nh; i++) {
		w->h[n++] = w->h[i];
		while (n >= 2 && wdiff_absorbable(w, &w->h[n - 2], &w->h[n - 1])) {
			l = &w->h[n - 2];
			r = &w->h[n - 1];
			l->a1 = r->a1;
			l->b1 = r->b1;
			l->ca += r->gca + r->ca;
			l->cb += r->gcb + r->cb;
			n--;
		}
	}
	w->nh = n;
}

/* ---- clean-up 3: give back tokens common to both ends of a replacement ---- */

static void
wdiff_trim(struct wdiff *w)
{
	const uint32_t *a = w->a.cls, *b = w->b.cls;
	struct hunk *h;
	size_t i, n = 0;

	for (i = 0; i < w->nh; i++) {
		h = &w->h[i];
		while (h->a0 < h->a1 && h->b0 < h->b1 && a[h->a0] == b[h->b0]) {
			h->a0++;
			h->b0++;
		}
		while (h->a0 < h->a1 && h->b0 < h->b1 &&
		       a[h->a1 - 1] == b[h->b1 - 1]) {
			h->a1--;
			h->b1--;
		}
		if (h->a0 < h->a1 || h->b0 < h->b1)
			w->h[n++] = *h;
	}
	w->nh = n;
}

/* ---- emitting ops ---- */

/* The next code point of s[*i..n) that counts when spacing and hyphen
 * joins do not, quote and dash styles folded; 0 at the end. */
static uint32_t
squeezed_next(const char *s, size_t n, size_t *i)
{
	uint32_t cp;

	while (*i < n) {
		*i += utf8_decode(s + *i, n - *i, &cp);
		if (utf8_is_space(cp) || token_fold_typography(cp) == '-')
			continue;
		return token_fold_typography(cp);
	}
	return 0;
}

/*
 * Under IGNORE_TYPOGRAPHY, an edit that only moves spaces and hyphens
 * ("Through-life" -> "Through life", "( A/HRC" -> "(A/HRC", an extractor's
 * "business -to-business") is typography, as it is for the aligner's key.
 */
static int
same_but_spacing(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;
	uint32_t x, y;

	do {
		x = squeezed_next(a, an, &i);
		y = squeezed_next(b, bn, &j);
		if (x != y)
			return 0;
	} while (x);
	return 1;
}

static void
wdiff_flush(const struct wdiff *w, const struct piece *pc, struct wscript *ws)
{
	const struct side *o = w->swapped ? &w->b : &w->a;
	const struct side *nw = w->swapped ? &w->a : &w->b;
	size_t o0 = w->swapped ? pc->b0 : pc->a0, o1 = w->swapped ? pc->b1 : pc->a1;
	size_t n0 = w->swapped ? pc->a0 : pc->b0, n1 = w->swapped ? pc->a1 : pc->b1;
	const char *s, *t;
	size_t len, tlen;
	int typo = pc->cls == PC_TYPO;

	if (pc->cls == PC_NONE)
		return;
	s = side_bytes(o, o0, o1, &len);
	if (pc->cls == PC_EQ) {
		wscript_push(ws, WOP_EQ, 0, s, len);
		return;
	}
	t = side_bytes(nw, n0, n1, &tlen);
	wscript_push(ws, WOP_DEL, typo, s, len);
	wscript_push(ws, WOP_INS, typo, t, tlen);
	if (!typo) {
		ws->words_deleted += side_words(o, o0, o1);
		ws->words_inserted += side_words(nw, n0, n1);
	}
}

static void
wdiff_piece(const struct wdiff *w, struct piece *pend, enum piece_class cls,
	    const struct hunk *r, struct wscript *ws)
{
	if (cls == PC_CHG && w->ignore_typography) {
		size_t al, bl;
		const char *as = side_bytes(&w->a, r->a0, r->a1, &al);
		const char *bs = side_bytes(&w->b, r->b0, r->b1, &bl);

		if (same_but_spacing(as, al, bs, bl))
			cls = PC_TYPO;
	}
	if (pend->cls == cls && pend->a1 == r->a0 && pend->b1 == r->b0) {
		pend->a1 = r->a1;
		pend->b1 = r->b1;
		return;
	}
	wdiff_flush(w, pend, ws);
	pend->cls = cls;
	pend->a0 = r->a0;
	pend->a1 = r->a1;
	pend->b0 = r->b0;
	pend->b1 = r->b1;
}

/*
 * Equal keys need not mean equal bytes (typography, or any two runs of
 * spaces): such a pair is a typographic change, or under exact comparison
 * a real one, so the script still rebuilds both texts byte for byte.
 */
static void
wdiff_emit_equal(const struct wdiff *w, struct piece *pend, size_t i, size_t j,
		 size_t end, struct wscript *ws)
{
	struct hunk r;
	enum piece_class cls;

	for (; i < end; i++, j++) {
		if (token_same(&w->a, i, &w->b, j))
			cls = PC_EQ;
		else
			cls = w->ignore_typography ? PC_TYPO : PC_CHG;
		r = (struct hunk){ .a0 = i, .a1 = i + 1, .b0 = j, .b1 = j + 1 };
		wdiff_piece(w, pend, cls, &r, ws);
	}
}

static void
wdiff_emit(const struct wdiff *w, struct wscript *ws)
{
	struct piece pend = { PC_NONE, 0, 0, 0, 0 };
	size_t i = 0, j = 0, k;

	for (k = 0; k < w->nh; k++) {
		wdiff_emit_equal(w, &pend, i, j, w->h[k].a0, ws);
		wdiff_piece(w, &pend, PC_CHG, &w->h[k], ws);
		i = w->h[k].a1;
		j = w->h[k].b1;
	}
	wdiff_emit_equal(w, &pend, i, j, w->a.n, ws);
	wdiff_flush(w, &pend, ws);
}

/* ---- the bag-of-words bound ---- */

/*
 * Words the middles have in common as bags: at least the common words of
 * any diff. A count per class (a class is a key) makes it one pass over
 * each side, in memory of the distinct words, not of the words.
 */
static size_t
wdiff_bag_common(const struct wdiff *w, size_t pre, size_t suf)
{
	uint32_t *count = xcalloc(w->classes.n + 1, sizeof(*count));
	size_t i, c = 0;

	for (i = pre; i < w->a.n - suf; i++)
		if (side_kind(&w->a, i) == TOK_WORD)
			count[w->a.cls[i] >> 2]++;
	for (i = pre; i < w->b.n - suf; i++)
		if (side_kind(&w->b, i) == TOK_WORD && count[w->b.cls[i] >> 2]) {
			count[w->b.cls[i] >> 2]--;
			c++;
		}
	free(count);
	return c;
}

/* ---- driver ---- */

static int
wdiff_too_changed(size_t changed, size_t total)
{
	return total && (double)changed > WDIFF_REPLACE_RATIO * (double)total;
}

static void
wdiff_prepare(struct wdiff *w, const char *old, size_t olen, const char *new_,
	      size_t nlen, const struct lang *lang, unsigned flags)
{
	unsigned tf = flags & IGNORE_TYPOGRAPHY;

	w->swapped = olen > nlen || (olen == nlen && olen && memcmp(old, new_, olen) > 0);
	w->ignore_typography = (flags & IGNORE_TYPOGRAPHY) != 0;
	w->lang = lang;
	classes_init(&w->classes);
	side_init(&w->a, w->swapped ? new_ : old, w->swapped ? nlen : olen, tf, &w->classes);
	side_init(&w->b, w->swapped ? old : new_, w->swapped ? olen : nlen, tf, &w->classes);
	w->h = NULL;
	w->nh = w->caph = 0;
}

static void
wdiff_free(struct wdiff *w)
{
	side_release(&w->a);
	side_release(&w->b);
	classes_release(&w->classes);
	free(w->h);
}

/*
 * Hunks for the pair, or -1 with *common an upper bound of the common words
 * when the pair is certain to be shown replaced (or too costly to diff).
 */
static int
wdiff_hunks(struct wdiff *w, size_t *common)
{
	const uint32_t *a = w->a.cls, *b = w->b.cls;
	size_t na = w->a.n, nb = w->b.n, pre = 0, suf = 0, total;

	while (pre < na && pre < nb && a[pre] == b[pre])
		pre++;
	while (suf < na - pre && suf < nb - pre && a[na - 1 - suf] == b[nb - 1 - suf])
		suf++;
	total = w->a.nwords + w->b.nwords;
	*common = side_words(&w->a, 0, pre) + side_words(&w->a, na - suf, na);
	if (pre + suf < na && pre + suf < nb) {
		*common += wdiff_bag_common(w, pre, suf);
		if (wdiff_too_changed(total - 2 * *common, total))
			return -1;
	}
	if (wdiff_myers(w, pre, suf) < 0)
		return -1;
	wdiff_collect(w);
	return 0;
}

static void
wscript_replace(struct wscript *ws, const char *old, size_t olen, const char *new_,
		size_t nlen)
{
	ws->n = 0;
	wscript_push(ws, WOP_DEL, 0, old, olen);
	wscript_push(ws, WOP_INS, 0, new_, nlen);
	ws->words_deleted = ws->words_old;
	ws->words_inserted = ws->words_new;
	ws->replaced = 1;
}

static double
wdiff_similarity(size_t common2, size_t total)
{
	return total ? (double)common2 / (double)total : 1.0;
}

/* Word tokens of a text, counted without keeping them. */
static size_t
count_words(const char *text, size_t len, unsigned flags)
{
	struct token_scanner ts;
	unsigned long long key;
	size_t i = 0, n = 0;

	token_scanner_init(&ts, text, len, flags & IGNORE_TYPOGRAPHY);
	while (i < len) {
		i = token_scan(&ts, i, &key);
		n += (key & 3) == TOK_WORD;
	}
	token_scanner_release(&ts);
	return n;
}

void
wdiff_compute(const char *old, size_t olen, const char *new_, size_t nlen,
	      const struct lang *lang, unsigned flags, struct wscript *out)
{
	struct wdiff w;
	size_t total, common = 0;

	out->n = 0;
	out->words_deleted = out->words_inserted = 0;
	out->replaced = 0;
	if (olen >= WDIFF_TEXT_MAX || nlen >= WDIFF_TEXT_MAX) {
		out->words_old = count_words(old, olen, flags);
		out->words_new = count_words(new_, nlen, flags);
		out->similarity = wdiff_similarity(0, out->words_old + out->words_new);
		wscript_replace(out, old, olen, new_, nlen);
		return;
	}
	wdiff_prepare(&w, old, olen, new_, nlen, lang, flags);
	out->words_old = w.swapped ? w.b.nwords : w.a.nwords;
	out->words_new = w.swapped ? w.a.nwords : w.b.nwords;
	total = out->words_old + out->words_new;
	if (wdiff_hunks(&w, &common) < 0) {
		out->similarity = wdiff_similarity(2 * common, total);
		wscript_replace(out, old, olen, new_, nlen);
		wdiff_free(&w);
		return;
	}
	wdiff_slide(&w);
	wdiff_absorb(&w);
	wdiff_trim(&w);
	wdiff_emit(&w, out);
	out->similarity = wdiff_similarity(total - out->words_deleted - out->words_inserted, total);
	if (olen && nlen && wdiff_too_changed(out->words_deleted + out->words_inserted, total))
		wscript_replace(out, old, olen, new_, nlen);
	wdiff_free(&w);
}
