#include "config.h"
#include "compare.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "lang.h"
#include "sbuf.h"
#include "utf8.h"
#include "util.h"

const char *
change_kind_name(enum change_kind k)
{
	static const char *const names[] = { "unchanged", "modified", "inserted", "deleted", "split", "merged" };

	return names[k];
}

static enum change_kind
kind_from_align(enum align_kind k)
{
	switch (k) {
	case AL_EQUAL:
		return CHANGE_UNCHANGED;
	case AL_MODIFIED:
		return CHANGE_MODIFIED;
	case AL_DELETED:
		return CHANGE_DELETED;
	case AL_INSERTED:
		return CHANGE_INSERTED;
	case AL_SPLIT:
		return CHANGE_SPLIT;
	case AL_MERGED:
		return CHANGE_MERGED;
	}
	return CHANGE_MODIFIED;
}

static int
section_code(enum section s)
{
	return s == SEC_PREAMBLE ? 0 : s == SEC_OPERATIVE ? 1 : 2;
}

static void
fill_items(const struct resolution *r, struct align_item **items)
{
	size_t i;

	*items = xcalloc(r->nclauses, sizeof(**items));
	for (i = 0; i < r->nclauses; i++) {
		(*items)[i].text = r->clauses[i].text;
		(*items)[i].len = strlen(r->clauses[i].text);
		(*items)[i].section = section_code(r->clauses[i].section);
	}
}

/* The texts of one side of a change; joined with a space when two. */
static const char *
side_text(const struct resolution *r, const size_t *idx, size_t n, char **joined)
{
	struct sbuf sb = SBUF_INIT;

	if (n == 1)
		return r->clauses[idx[0]].text;
	sbuf_adds(&sb, r->clauses[idx[0]].text);
	sbuf_addch(&sb, ' ');
	sbuf_adds(&sb, r->clauses[idx[1]].text);
	*joined = sbuf_detach(&sb);
	return *joined;
}

/* A printed number that changed while the clause kept its place. */
static int
is_renumbered(const struct clause *a, const struct clause *b, int moved)
{
	if (moved || !a->number || !b->number || a->section != b->section)
		return 0;
	return strcmp(a->id, b->id) != 0;
}

static void
compare_openers(struct change *ch, const struct clause *a, const struct clause *b)
{
	if (!a->opener || !b->opener || strcmp(a->opener, b->opener) == 0)
		return;
	ch->verb_changed = 1;
	ch->old_opener = a->opener;
	ch->new_opener = b->opener;
	ch->shift = verbs_compare(a->opener, b->opener);
}

/* The letters and digits of two texts, in order, are the same. */
static int
same_letters(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b), i = 0, j = 0;
	uint32_t ca = 0, cb = 0;

	for (;;) {
		while (i < na) {
			i += utf8_decode(a + i, na - i, &ca);
			if (utf8_is_alnum(ca))
				break;
			ca = 0;
		}
		while (j < nb) {
			j += utf8_decode(b + j, nb - j, &cb);
			if (utf8_is_alnum(cb))
				break;
			cb = 0;
		}
		if (ca != cb)
			return 0;
		if (ca == 0)
			return 1;
		ca = cb = 0;
	}
}

/*
 * A modification that --ignore-typography would not show: quotes, dashes,
 * hyphen joins and spacing only. Such an edit never touches a letter, so
 * comparing the letters first rules out nearly every real edit cheaply;
 * the word diff under IGNORE_TYPOGRAPHY decides the rest.
 */
static int
typography_only(const char *ot, size_t olen, const char *nt, size_t nlen, const struct lang *lang)
{
	struct wscript ws;
	int eq;

	if (!same_letters(ot, nt))
		return 0;
	wscript_init(&ws);
	wdiff_compute(ot, olen, nt, nlen, lang, IGNORE_TYPOGRAPHY, &ws);
	eq = wscript_is_equal(&ws);
	wscript_release(&ws);
	return eq;
}

static void
word_level(struct change *ch, const struct comparison *cmp, unsigned wflags)
{
	const char *ot = side_text(cmp->old, ch->old, ch->nold, &ch->joined_old);
	const char *nt = side_text(cmp->new_, ch->new_, ch->nnew, &ch->joined_new);
	size_t olen, nlen;
	unsigned ho, hn;

	/* most clauses are untouched: no word diff for identical texts */
	if ((ch->kind == CHANGE_UNCHANGED || ch->kind == CHANGE_MODIFIED) && strcmp(ot, nt) == 0) {
		ch->kind = CHANGE_UNCHANGED;
		return;
	}
	olen = strlen(ot);
	nlen = strlen(nt);
	wdiff_compute(ot, olen, nt, nlen, cmp->lang, wflags, &ch->words);
	if (ch->kind == CHANGE_UNCHANGED || ch->kind == CHANGE_MODIFIED)
		ch->kind = wscript_is_equal(&ch->words) ? CHANGE_UNCHANGED : CHANGE_MODIFIED;
	if (ch->kind == CHANGE_UNCHANGED) {
		wscript_release(&ch->words);
		return;
	}
	if (ch->kind == CHANGE_MODIFIED && !(wflags & IGNORE_TYPOGRAPHY))
		ch->typo_only = typography_only(ot, olen, nt, nlen, cmp->lang);
	compare_openers(ch, &cmp->old->clauses[ch->old[0]], &cmp->new_->clauses[ch->new_[0]]);
	ho = verbs_hedges(ot, olen);
	hn = verbs_hedges(nt, nlen);
	ch->hedges_added = hn & ~ho;
	ch->hedges_removed = ho & ~hn;
}

static size_t
popcount(unsigned v)
{
	size_t n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

static void
count_change(struct compare_summary *s, const struct change *ch)
{
	switch (ch->kind) {
	case CHANGE_UNCHANGED: s->unchanged++; break;
	case CHANGE_MODIFIED: s->modified++; break;
	case CHANGE_INSERTED: s->inserted++; break;
	case CHANGE_DELETED: s->deleted++; break;
	case CHANGE_SPLIT: s->split++; break;
	case CHANGE_MERGED: s->merged++; break;
	}
	s->moved += ch->moved != 0;
	s->renumbered += ch->renumbered != 0;
	s->typography_only += ch->typo_only != 0;
	if (ch->verb_changed) {
		if (ch->shift == SHIFT_STRONGER)
			s->stronger++;
		else if (ch->shift == SHIFT_WEAKER)
			s->weaker++;
		else if (ch->shift == SHIFT_SAME)
			s->verbs_same++;
		else
			s->verbs_unknown++;
	}
	s->hedges_added += popcount(ch->hedges_added);
	s->hedges_removed += popcount(ch->hedges_removed);
}

/*
 * The word diffs, on two threads when there is enough to diff: each reads
 * the two resolutions and writes its own changes only, so the two halves
 * need no lock, and the result is the same whichever thread made it.
 */
#define WORDS_PARALLEL_MIN 65536	/* bytes of text to diff */

struct word_job {
	struct comparison *cmp;
	size_t from, to;
	unsigned wflags;
};

static void *
word_job_run(void *arg)
{
	const struct word_job *j = arg;
	size_t i;

	for (i = j->from; i < j->to; i++)
		if (j->cmp->changes[i].nold && j->cmp->changes[i].nnew)
			word_level(&j->cmp->changes[i], j->cmp, j->wflags);
	return NULL;
}

/* The bytes a change's word diff reads: none when the aligner found the texts equal. */
static size_t
word_weight(const struct change *ch, const struct align_item *oi, const struct align_item *ni)
{
	size_t k, w = 0;

	if (ch->kind == CHANGE_UNCHANGED || !ch->nold || !ch->nnew)
		return 0;
	for (k = 0; k < ch->nold; k++)
		w += oi[ch->old[k]].len;
	for (k = 0; k < ch->nnew; k++)
		w += ni[ch->new_[k]].len;
	return w;
}

static void
word_levels(struct comparison *cmp, const struct align_item *oi, const struct align_item *ni, unsigned wflags)
{
	struct word_job lo = { cmp, 0, cmp->nchanges, wflags }, hi = lo;
	size_t i, total = 0, half = 0;
	pthread_t th;

	for (i = 0; i < cmp->nchanges; i++)
		total += word_weight(&cmp->changes[i], oi, ni);
	if (total < WORDS_PARALLEL_MIN) {
		word_job_run(&lo);
		return;
	}
	/* two halves of about the same number of bytes */
	for (i = 0; i < cmp->nchanges && 2 * half < total; i++)
		half += word_weight(&cmp->changes[i], oi, ni);
	lo.to = hi.from = i;
	if (pthread_create(&th, NULL, word_job_run, &hi) != 0) {
		word_job_run(&lo);
		word_job_run(&hi);
		return;
	}
	word_job_run(&lo);
	pthread_join(th, NULL);
}

static void
compare_clauses(struct comparison *cmp, unsigned flags)
{
	struct align_item *oi, *ni;
	struct alignment al;
	size_t i;
	unsigned wflags = flags & IGNORE_TYPOGRAPHY;

	fill_items(cmp->old, &oi);
	fill_items(cmp->new_, &ni);
	alignment_init(&al);
	align_clauses(oi, cmp->old->nclauses, ni, cmp->new_->nclauses, cmp->lang,
		      flags & IGNORE_TYPOGRAPHY, &al);
	cmp->changes = xcalloc(al.n, sizeof(*cmp->changes));
	cmp->nchanges = al.n;
	for (i = 0; i < al.n; i++) {
		const struct align_pair *pr = &al.v[i];
		struct change *ch = &cmp->changes[i];

		ch->kind = kind_from_align(pr->kind);
		memcpy(ch->old, pr->old, sizeof(ch->old));
		memcpy(ch->new_, pr->new_, sizeof(ch->new_));
		ch->nold = pr->nold;
		ch->nnew = pr->nnew;
		ch->moved = pr->moved;
		ch->similarity = pr->similarity;
		wscript_init(&ch->words);
	}
	word_levels(cmp, oi, ni, wflags);
	for (i = 0; i < al.n; i++) {
		struct change *ch = &cmp->changes[i];

		if (ch->nold && ch->nnew) {
			if (ch->nold == 1 && ch->nnew == 1)
				ch->renumbered = is_renumbered(&cmp->old->clauses[ch->old[0]],
							       &cmp->new_->clauses[ch->new_[0]], ch->moved);
			else
				ch->renumbered = !ch->moved &&
						 strcmp(cmp->old->clauses[ch->old[0]].id,
							cmp->new_->clauses[ch->new_[0]].id) != 0 &&
						 cmp->new_->clauses[ch->new_[0]].number != NULL;
		}
		count_change(&cmp->sum, ch);
	}
	alignment_release(&al);
	free(oi);
	free(ni);
}

/*
 * Footnotes: by text. Equal texts are no change whatever their numbers;
 * the rest pair up by similarity, greedily, best first.
 */

static int
footnote_texts_equal(const struct lang *lang, const char *a, const char *b, unsigned wflags)
{
	struct wscript ws;
	int eq;

	if (strcmp(a, b) == 0)
		return 1;
	if (!wflags)
		return 0;
	wscript_init(&ws);
	wdiff_compute(a, strlen(a), b, strlen(b), lang, wflags, &ws);
	eq = wscript_is_equal(&ws);
	wscript_release(&ws);
	return eq;
}

static void
push_fn_change(struct comparison *cmp, size_t *cap, enum change_kind k, int o, int n)
{
	struct footnote_change *fc;

	GROW(cmp->footnotes, *cap, cmp->nfootnotes + 1);
	fc = &cmp->footnotes[cmp->nfootnotes++];
	memset(fc, 0, sizeof(*fc));
	fc->kind = k;
	fc->old_number = o;
	fc->new_number = n;
	wscript_init(&fc->words);
}

/* New-side order; deleted notes after, in old order. */
static int
cmp_fn_change(const void *x, const void *y)
{
	const struct footnote_change *a = x, *b = y;
	long ka = a->new_number ? a->new_number : 100000L + a->old_number;
	long kb = b->new_number ? b->new_number : 100000L + b->old_number;

	return (ka > kb) - (ka < kb);
}

/* Notes by a key (a number, a text's hash, a word), sorted by key then
 * note: the notes of a key found by binary search, in the notes' order. */
struct fn_key {
	uint64_t key;
	size_t i;
};

static int
cmp_fn_key(const void *x, const void *y)
{
	const struct fn_key *a = x, *b = y;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

/* The first of v[0..n) keyed key, or n */
static size_t
fn_key_find(const struct fn_key *v, size_t n, uint64_t key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A footnote number as a key, in the numbers' order */
static uint64_t
fn_number_key(int number)
{
	return (uint64_t)((long long)number - INT_MIN);
}

/* Footnotes by number, for the first footnote of a number without reading
 * them all: one look-up a marker made pairing through clauses cost the
 * footnotes times the markers. */
static struct fn_key *
fn_numbers(const struct resolution *r)
{
	struct fn_key *v = xmalloc((r->nfootnotes + 1) * sizeof(*v));
	size_t i;

	for (i = 0; i < r->nfootnotes; i++) {
		v[i].key = fn_number_key(r->footnotes[i].number);
		v[i].i = i;
	}
	qsort(v, r->nfootnotes, sizeof(*v), cmp_fn_key);
	return v;
}

/* The first footnote numbered number, or -1 */
static long
footnote_index(const struct fn_key *v, size_t n, int number)
{
	uint64_t key = fn_number_key(number);
	size_t lo = fn_key_find(v, n, key);

	return lo < n && v[lo].key == key ? (long)v[lo].i : -1;
}

static void
add_modified_footnote(struct comparison *cmp, size_t *cap, size_t ia, size_t ib, unsigned wflags)
{
	const struct footnote *fa = &cmp->old->footnotes[ia], *fb = &cmp->new_->footnotes[ib];
	struct footnote_change *fc;

	push_fn_change(cmp, cap, CHANGE_MODIFIED, fa->number, fb->number);
	fc = &cmp->footnotes[cmp->nfootnotes - 1];
	wdiff_compute(fa->text, strlen(fa->text), fb->text, strlen(fb->text), cmp->lang, wflags, &fc->words);
	cmp->sum.footnotes_modified++;
}

/*
 * A footnote whose text changed is most reliably found through the clause
 * that refers to it: when a clause kept its place in the alignment and
 * refers to as many footnotes as before, its k-th footnote then and now
 * are the same note, whatever their numbers and however much the text of
 * the note changed.
 */
static void
pair_through_clauses(struct comparison *cmp, char *used_a, char *used_b, size_t *cap, unsigned wflags)
{
	size_t i, k;
	struct fn_key *na = fn_numbers(cmp->old), *nb = fn_numbers(cmp->new_);

	for (i = 0; i < cmp->nchanges; i++) {
		const struct change *ch = &cmp->changes[i];
		const struct clause *ca, *cb;

		if (ch->nold != 1 || ch->nnew != 1)
			continue;
		ca = &cmp->old->clauses[ch->old[0]];
		cb = &cmp->new_->clauses[ch->new_[0]];
		if (ca->nfootnotes != cb->nfootnotes)
			continue;
		for (k = 0; k < ca->nfootnotes; k++) {
			long ia = footnote_index(na, cmp->old->nfootnotes, ca->footnotes[k]);
			long ib = footnote_index(nb, cmp->new_->nfootnotes, cb->footnotes[k]);

			if (ia < 0 || ib < 0 || used_a[ia] || used_b[ib])
				continue;
			used_a[ia] = used_b[ib] = 1;
			cmp->footnote_pair[ia] = ib;
			add_modified_footnote(cmp, cap, (size_t)ia, (size_t)ib, wflags);
		}
	}
	free(na);
	free(nb);
}

/*
 * Comparing every old footnote with every new one cost their numbers
 * multiplied, each pair a word diff (with IGNORE_TYPOGRAPHY) or two word
 * bags built again: 4,000 footnotes a side that nothing pairs took 8 s.
 * Now equal texts are looked for only among the old notes of the same key
 * (the text, or with IGNORE_TYPOGRAPHY its letters and digits, which such
 * a change never touches: see typography_only), and similar ones only
 * among those that share a word (the bags' Dice is a half or more only
 * then), each bag built once; both in the old order, so the note found is
 * the one found before. The work is bounded too: past FN_WORK (a
 * resolution's hundred notes take a thousandth of it), the notes left are
 * inserted and deleted, not compared.
 */
#define FN_WORK 50000000UL

/* FNV-1a over the text's bytes, or over its letters and digits */
static uint64_t
fn_text_key(const char *t, unsigned wflags)
{
	uint64_t h = 14695981039346656037ULL;
	size_t n = strlen(t), i = 0;
	uint32_t cp;

	while (i < n) {
		if (!wflags) {
			cp = (unsigned char)t[i++];
		} else {
			i += utf8_decode(t + i, n - i, &cp);
			if (!utf8_is_alnum(cp))
				continue;
		}
		h = (h ^ cp) * 1099511628211ULL;
	}
	return h;
}


/* Equal texts: each new note's first unpaired equal old note */
static void
pair_equal(struct comparison *cmp, char *used_a, char *used_b, unsigned wflags, unsigned long *work)
{
	const struct resolution *a = cmp->old, *b = cmp->new_;
	struct fn_key *ka = xmalloc((a->nfootnotes + 1) * sizeof(*ka));
	size_t i, j, p, *skip = xmalloc((a->nfootnotes + 1) * sizeof(*skip));

	for (i = 0; i < a->nfootnotes; i++) {
		ka[i].key = fn_text_key(a->footnotes[i].text, wflags);
		ka[i].i = i;
		skip[i] = i;
	}
	skip[a->nfootnotes] = a->nfootnotes;
	qsort(ka, a->nfootnotes, sizeof(*ka), cmp_fn_key);
	for (j = 0; j < b->nfootnotes; j++) {
		uint64_t key = fn_text_key(b->footnotes[j].text, wflags);
		size_t lo = fn_key_find(ka, a->nfootnotes, key);

		/* the paired notes at the head of the list, passed once */
		for (p = skip[lo]; p < a->nfootnotes && ka[p].key == key && used_a[ka[p].i]; p++)
			;
		if (lo < a->nfootnotes)
			skip[lo] = p;
		for (; p < a->nfootnotes && ka[p].key == key && *work < FN_WORK; p++) {
			const char *ta = a->footnotes[ka[p].i].text, *tb = b->footnotes[j].text;

			if (used_a[ka[p].i])
				continue;
			*work += strlen(ta) + strlen(tb);
			if (footnote_texts_equal(cmp->lang, ta, tb, wflags)) {
				used_a[ka[p].i] = used_b[j] = 1;
				cmp->footnote_pair[ka[p].i] = (long)j;
				break;
			}
		}
	}
	free(ka);
	free(skip);
}

/* Similar texts: each new note in turn takes the most similar unpaired
 * old one (the last of equals), when at least half alike */
static void
pair_similar(struct comparison *cmp, char *used_a, char *used_b, size_t *cap, unsigned wflags, unsigned long *work)
{
	const struct resolution *a = cmp->old, *b = cmp->new_;
	uint64_t **bag = xcalloc(a->nfootnotes + 1, sizeof(*bag)), *bj = NULL;
	size_t *nbag = xcalloc(a->nfootnotes + 1, sizeof(*nbag));
	struct fn_key *post = NULL;	/* (word, old note): who has each word */
	size_t *seen = xcalloc(a->nfootnotes + 1, sizeof(*seen)), *cand = xmalloc((a->nfootnotes + 1) * sizeof(*cand));
	size_t npost = 0, pcap = 0, i, j, w, p, nb, ncand, nempty = 0;
	size_t *empty = xmalloc((a->nfootnotes + 1) * sizeof(*empty));

	for (i = 0; i < a->nfootnotes; i++) {
		if (used_a[i])
			continue;
		nbag[i] = align_bag(a->footnotes[i].text, strlen(a->footnotes[i].text), cmp->lang, &bag[i]);
		*work += nbag[i];
		if (!nbag[i])
			empty[nempty++] = i;
		for (w = 0; w < nbag[i]; w++) {
			if (w && bag[i][w] == bag[i][w - 1])
				continue;
			GROW(post, pcap, npost + 1);
			post[npost].key = bag[i][w];
			post[npost++].i = i;
		}
	}
	if (npost > 1)
		qsort(post, npost, sizeof(*post), cmp_fn_key);
	for (j = 0; j < b->nfootnotes; j++) {
		size_t best = a->nfootnotes;
		double bs = 0.5, sim;

		if (used_b[j])
			continue;
		if (*work >= FN_WORK)
			goto unpaired;
		nb = align_bag(b->footnotes[j].text, strlen(b->footnotes[j].text), cmp->lang, &bj);
		*work += nb;
		/* the old notes that share a word with it; with no words, those
		 * with none (alike, as align_similarity says) */
		ncand = 0;
		if (!nb) {
			for (p = 0; p < nempty; p++)
				cand[ncand++] = empty[p];
		}
		for (w = 0; w < nb && *work < FN_WORK; w++) {
			if (w && bj[w] == bj[w - 1])
				continue;
			for (p = fn_key_find(post, npost, bj[w]); p < npost && post[p].key == bj[w]; p++) {
				(*work)++;
				if (seen[post[p].i] != j + 1) {
					seen[post[p].i] = j + 1;
					cand[ncand++] = post[p].i;
				}
			}
		}
		for (p = 0; p < ncand && *work < FN_WORK; p++) {
			i = cand[p];
			if (used_a[i])
				continue;
			*work += nbag[i] + nb;
			sim = align_bag_similarity(bag[i], nbag[i], bj, nb);
			if (best == a->nfootnotes ? sim >= bs : sim > bs || (sim == bs && i > best)) {
				bs = sim;
				best = i;
			}
		}
		free(bj);
		bj = NULL;
		if (best < a->nfootnotes) {
			used_a[best] = used_b[j] = 1;
			cmp->footnote_pair[best] = (long)j;
			add_modified_footnote(cmp, cap, best, j, wflags);
			continue;
		}
unpaired:
		push_fn_change(cmp, cap, CHANGE_INSERTED, 0, b->footnotes[j].number);
		cmp->sum.footnotes_inserted++;
	}
	for (i = 0; i < a->nfootnotes; i++)
		free(bag[i]);
	free(bag);
	free(nbag);
	free(post);
	free(seen);
	free(cand);
	free(empty);
}

static void
compare_footnotes(struct comparison *cmp, unsigned flags)
{
	const struct resolution *a = cmp->old, *b = cmp->new_;
	unsigned wflags = flags & IGNORE_TYPOGRAPHY;
	char *used_a = xcalloc(a->nfootnotes + 1, 1), *used_b = xcalloc(b->nfootnotes + 1, 1);
	size_t i, cap = 0;
	unsigned long work = 0;

	cmp->footnote_pair = xmalloc((a->nfootnotes + 1) * sizeof(*cmp->footnote_pair));
	for (i = 0; i < a->nfootnotes; i++)
		cmp->footnote_pair[i] = -1;
	pair_equal(cmp, used_a, used_b, wflags, &work);
	pair_through_clauses(cmp, used_a, used_b, &cap, wflags);
	pair_similar(cmp, used_a, used_b, &cap, wflags, &work);
	for (i = 0; i < a->nfootnotes; i++)
		if (!used_a[i]) {
			push_fn_change(cmp, &cap, CHANGE_DELETED, a->footnotes[i].number, 0);
			cmp->sum.footnotes_deleted++;
		}
	if (cmp->nfootnotes)
		qsort(cmp->footnotes, cmp->nfootnotes, sizeof(*cmp->footnotes), cmp_fn_change);
	free(used_a);
	free(used_b);
}

static void
compare_meta(struct comparison *cmp)
{
	const struct resolution_meta *a = &cmp->old->meta, *b = &cmp->new_->meta;
	const struct {
		const char *field, *old, *new_;
	} f[COMPARE_META_FIELDS] = {
		{ "symbol", a->symbol, b->symbol }, { "title", a->title, b->title },
		{ "session", a->session, b->session }, { "agenda_item", a->agenda_item, b->agenda_item },
		{ "adopted", a->adopted, b->adopted },
		{ "committee_report", a->committee_report, b->committee_report },
		{ "meeting", a->meeting, b->meeting },
	};
	size_t i;

	for (i = 0; i < COMPARE_META_FIELDS; i++) {
		if ((!f[i].old && !f[i].new_) || (f[i].old && f[i].new_ && strcmp(f[i].old, f[i].new_) == 0))
			continue;
		cmp->meta[cmp->nmeta].field = f[i].field;
		cmp->meta[cmp->nmeta].old = f[i].old;
		cmp->meta[cmp->nmeta].new_ = f[i].new_;
		cmp->nmeta++;
	}
}

void
compare_resolutions(const struct resolution *old, const struct resolution *new_, unsigned flags,
		    struct comparison *out)
{
	memset(out, 0, sizeof(*out));
	out->old = old;
	out->new_ = new_;
	/* the words of the newer text decide; a text of no known language is English */
	out->lang = lang_by_code(new_->meta.language);
	if (!out->lang)
		out->lang = lang_by_code(old->meta.language);
	if (!out->lang)
		out->lang = lang_english();
	compare_meta(out);
	compare_clauses(out, flags);
	compare_footnotes(out, flags);
}

void
comparison_release(struct comparison *c)
{
	size_t i;

	for (i = 0; i < c->nchanges; i++) {
		wscript_release(&c->changes[i].words);
		free(c->changes[i].joined_old);
		free(c->changes[i].joined_new);
	}
	free(c->changes);
	for (i = 0; i < c->nfootnotes; i++)
		wscript_release(&c->footnotes[i].words);
	free(c->footnotes);
	free(c->footnote_pair);
	memset(c, 0, sizeof(*c));
}

int
comparison_has_differences(const struct comparison *c)
{
	const struct compare_summary *s = &c->sum;

	return s->modified || s->inserted || s->deleted || s->split || s->merged || s->moved ||
	       s->renumbered || c->nfootnotes || c->nmeta || c->old->is_resolution != c->new_->is_resolution;
}
