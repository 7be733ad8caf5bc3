#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "token.h"
#include "utf8.h"
#include "util.h"
#include "wdiff.h"

/* Number of generated pairs per mode in the property test. */
#define PROP_PAIRS 600

/* ---- helpers ---- */

/*
 * The script as one string with wdiff markers; typographic pairs use ~ so
 * that an expected string pins down every op, its kind and its flag.
 */
static char *
render(const struct wscript *ws)
{
	struct sbuf sb = SBUF_INIT;
	const struct wop *op;
	size_t i;

	for (i = 0; i < ws->n; i++) {
		op = &ws->v[i];
		if (op->kind == WOP_DEL)
			sbuf_adds(&sb, op->typo ? "[~" : "[-");
		else if (op->kind == WOP_INS)
			sbuf_adds(&sb, op->typo ? "{~" : "{+");
		sbuf_add(&sb, op->s, op->len);
		if (op->kind == WOP_DEL)
			sbuf_adds(&sb, op->typo ? "~]" : "-]");
		else if (op->kind == WOP_INS)
			sbuf_adds(&sb, op->typo ? "~}" : "+}");
	}
	return sbuf_detach(&sb);
}

static void
check_diff_in(const struct lang *lang, const char *old, const char *new_, unsigned flags, const char *expect)
{
	struct wscript ws;
	char *got;

	wscript_init(&ws);
	wdiff_compute(old, strlen(old), new_, strlen(new_), lang, flags, &ws);
	got = render(&ws);
	ck_assert_str_eq(got, expect);
	free(got);
	wscript_release(&ws);
}

static void
check_diff(const char *old, const char *new_, unsigned flags, const char *expect)
{
	check_diff_in(NULL, old, new_, flags, expect);
}

static size_t
count_words(const char *s, size_t len, unsigned tflags)
{
	struct token_list tl;
	size_t i, n = 0;

	token_list_init(&tl);
	tokenize(s, len, tflags, &tl);
	for (i = 0; i < tl.n; i++)
		n += token_kind(&tl.v[i]) == TOK_WORD;
	token_list_release(&tl);
	return n;
}

static int
within(const char *p, size_t len, const char *base, size_t blen)
{
	uintptr_t x = (uintptr_t)p, b = (uintptr_t)base;

	return x >= b && x + len <= b + blen;
}

static int
is_alnum_at(const char *s, size_t len, size_t off)
{
	uint32_t cp;

	if (off >= len)
		return 0;
	utf8_decode(s + off, len - off, &cp);
	return utf8_is_alnum(cp);
}

static int
is_alnum_before(const char *s, size_t off)
{
	uint32_t cp;
	size_t k;

	if (off == 0)
		return 0;
	k = utf8_prev_len(s, off);
	utf8_decode(s + off - k, k, &cp);
	return utf8_is_alnum(cp);
}

/* An edit edge strictly inside a run of letters would split a word. */
static int
cuts_word(const char *text, size_t tlen, size_t off)
{
	return is_alnum_before(text, off) && is_alnum_at(text, tlen, off);
}

static void
check_op_edges(const struct wop *op, const char *text, size_t tlen)
{
	size_t off = (size_t)(op->s - text);

	ck_assert_msg(!cuts_word(text, tlen, off), "edit starts inside a word");
	ck_assert_msg(!cuts_word(text, tlen, off + op->len), "edit ends inside a word");
}

/* One compared pair, as handed to wdiff_compute. */
struct pair {
	const char *old, *new_;
	size_t olen, nlen;
	unsigned flags;
};

/* No empty ops, no two neighbours alike, deletions before insertions. */
static void
check_op_order(const struct pair *p, const struct wscript *ws)
{
	const struct wop *op, *prev;
	size_t i;

	for (i = 0; i < ws->n; i++) {
		op = &ws->v[i];
		prev = i ? &ws->v[i - 1] : NULL;
		ck_assert_uint_gt(op->len, 0);
		ck_assert(p->flags & IGNORE_TYPOGRAPHY || !op->typo);
		ck_assert(op->kind != WOP_EQ || !op->typo);
		if (!prev)
			continue;
		ck_assert_msg(prev->kind != op->kind || prev->typo != op->typo,
			      "adjacent ops of one kind at %zu", i);
		ck_assert_msg(!(prev->kind == WOP_INS && op->kind == WOP_DEL &&
				prev->typo == op->typo), "insertion before deletion at %zu", i);
	}
}

/* EQ+DEL rebuild old and EQ+INS rebuild new, byte for byte, from the right buffers. */
static void
check_rebuild(const struct pair *p, const struct wscript *ws)
{
	struct sbuf o = SBUF_INIT, n = SBUF_INIT;
	const struct wop *op;
	size_t i;

	for (i = 0; i < ws->n; i++) {
		op = &ws->v[i];
		if (op->kind != WOP_INS) {
			ck_assert(within(op->s, op->len, p->old, p->olen));
			sbuf_add(&o, op->s, op->len);
		}
		if (op->kind != WOP_DEL) {
			ck_assert(op->kind == WOP_EQ || within(op->s, op->len, p->new_, p->nlen));
			sbuf_add(&n, op->s, op->len);
		}
	}
	ck_assert_uint_eq(o.len, p->olen);
	ck_assert_uint_eq(n.len, p->nlen);
	ck_assert(p->olen == 0 || memcmp(o.buf, p->old, p->olen) == 0);
	ck_assert(p->nlen == 0 || memcmp(n.buf, p->new_, p->nlen) == 0);
	sbuf_release(&o);
	sbuf_release(&n);
}

/* Word counts agree with the ops, and edits are whole words. */
static void
check_counts(const struct pair *p, const struct wscript *ws)
{
	unsigned tf = (p->flags & IGNORE_TYPOGRAPHY) ? IGNORE_TYPOGRAPHY : 0;
	size_t i, del = 0, ins = 0;
	const struct wop *op;
	int real = 0;

	for (i = 0; i < ws->n; i++) {
		op = &ws->v[i];
		if (op->kind == WOP_EQ || op->typo)
			continue;
		real = 1;
		if (op->kind == WOP_DEL) {
			check_op_edges(op, p->old, p->olen);
			del += count_words(op->s, op->len, tf);
		} else {
			check_op_edges(op, p->new_, p->nlen);
			ins += count_words(op->s, op->len, tf);
		}
	}
	ck_assert_uint_eq(ws->words_old, count_words(p->old, p->olen, tf));
	ck_assert_uint_eq(ws->words_new, count_words(p->new_, p->nlen, tf));
	ck_assert_uint_eq(ws->words_deleted, del);
	ck_assert_uint_eq(ws->words_inserted, ins);
	ck_assert_int_eq(wscript_is_equal(ws), !real);
	ck_assert(ws->similarity >= 0.0 && ws->similarity <= 1.0);
	if (ws->replaced)
		ck_assert(ws->n == 2 && ws->v[0].len == p->olen && ws->v[1].len == p->nlen);
}

/* Every structural invariant of the header, for one computed script. */
static void
check_invariants(const char *old, size_t olen, const char *new_, size_t nlen,
		 unsigned flags, const struct wscript *ws)
{
	struct pair p = { old, new_, olen, nlen, flags };

	check_op_order(&p, ws);
	check_rebuild(&p, ws);
	check_counts(&p, ws);
}

/* ---- tokenizer ---- */

START_TEST(test_tokenize_kinds_and_rebuild)
{
	const char text[] = "C\xC3\xB4te d\xE2\x80\x99Ivoire,  \xE8\x81\x94\xE5\x90\x88\xE5\x9B\xBD"
			    "\xFF" "5.\xC2\xA0\t(a)";
	static const enum tok_kind kinds[] = {
		TOK_WORD, TOK_SPACE, TOK_WORD, TOK_PUNCT, TOK_WORD, TOK_PUNCT, TOK_SPACE,
		TOK_WORD, TOK_PUNCT, TOK_WORD, TOK_PUNCT, TOK_SPACE, TOK_PUNCT, TOK_WORD,
		TOK_PUNCT
	};
	static const size_t lens[] = { 5, 1, 1, 3, 6, 1, 2, 9, 1, 1, 1, 3, 1, 1, 1 };
	struct token_list tl;
	struct sbuf sb = SBUF_INIT;
	size_t i;

	token_list_init(&tl);
	tokenize(text, sizeof(text) - 1, 0, &tl);
	ck_assert_uint_eq(tl.n, ARRAY_SIZE(kinds));
	for (i = 0; i < tl.n; i++) {
		ck_assert_int_eq(token_kind(&tl.v[i]), kinds[i]);
		ck_assert_uint_eq(token_len(&tl.v[i]), lens[i]);
		sbuf_add(&sb, tl.v[i].s, token_len(&tl.v[i]));
	}
	ck_assert_uint_eq(sb.len, sizeof(text) - 1);
	ck_assert(memcmp(sb.buf, text, sb.len) == 0);
	/* the list ends at the end of the text */
	ck_assert(tl.v[tl.n].s == text + sizeof(text) - 1);
	/* every run of white space compares equal, non-breaking space included */
	ck_assert(tl.v[1].key == tl.v[6].key && tl.v[6].key == tl.v[11].key);
	sbuf_release(&sb);
	token_list_release(&tl);
	tokenize("", 0, 0, &tl);
	ck_assert_uint_eq(tl.n, 0);
	token_list_release(&tl);
}
END_TEST

/* Key of the single token text must be, or -1 when it is not one token. */
static unsigned long long
key_of(const char *s, unsigned flags)
{
	struct token_list tl;
	unsigned long long k;

	token_list_init(&tl);
	tokenize(s, strlen(s), flags, &tl);
	k = tl.n == 1 ? tl.v[0].key : (unsigned long long)-1;
	token_list_release(&tl);
	return k;
}

START_TEST(test_tokenize_typography_keys)
{
	static const char *const squotes[] = { "'", "\xE2\x80\x98", "\xE2\x80\x99" };
	static const char *const dquotes[] = { "\"", "\xE2\x80\x9C", "\xE2\x80\x9D",
					       "\xC2\xAB", "\xC2\xBB" };
	static const char *const dashes[] = { "-", "\xE2\x80\x90", "\xE2\x80\x91",
					      "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x88\x92" };
	size_t i;

	for (i = 1; i < ARRAY_SIZE(squotes); i++) {
		ck_assert(key_of(squotes[i], IGNORE_TYPOGRAPHY) == key_of(squotes[0], IGNORE_TYPOGRAPHY));
		ck_assert(key_of(squotes[i], 0) != key_of(squotes[0], 0));
	}
	for (i = 1; i < ARRAY_SIZE(dquotes); i++) {
		ck_assert(key_of(dquotes[i], IGNORE_TYPOGRAPHY) == key_of(dquotes[0], IGNORE_TYPOGRAPHY));
		ck_assert(key_of(dquotes[i], 0) != key_of(dquotes[0], 0));
	}
	for (i = 1; i < ARRAY_SIZE(dashes); i++) {
		ck_assert(key_of(dashes[i], IGNORE_TYPOGRAPHY) == key_of(dashes[0], IGNORE_TYPOGRAPHY));
		ck_assert(key_of(dashes[i], 0) != key_of(dashes[0], 0));
	}
	ck_assert(key_of("'", IGNORE_TYPOGRAPHY) != key_of("\"", IGNORE_TYPOGRAPHY));
	ck_assert(key_of("\"", IGNORE_TYPOGRAPHY) != key_of("-", IGNORE_TYPOGRAPHY));
	/* a compound is one word only under typography, equal to the solid form */
	ck_assert(key_of("capacity-building", 0) == (unsigned long long)-1);
	ck_assert(key_of("capacity-building", IGNORE_TYPOGRAPHY) ==
		  key_of("capacitybuilding", IGNORE_TYPOGRAPHY));
	ck_assert(key_of("capacity\xE2\x80\x91" "building", IGNORE_TYPOGRAPHY) ==
		  key_of("capacitybuilding", 0));
	ck_assert(key_of("whole-of-system", IGNORE_TYPOGRAPHY) == key_of("wholeofsystem", 0));
	ck_assert(key_of("capacitybuilding", IGNORE_TYPOGRAPHY) != key_of("capacity", 0));
	/* case is a real change in both modes */
	ck_assert(key_of("Encourages", 0) != key_of("encourages", 0));
	ck_assert(key_of("Encourages", IGNORE_TYPOGRAPHY) != key_of("encourages", IGNORE_TYPOGRAPHY));
}
END_TEST

START_TEST(test_tokenize_compound_edges)
{
	/* a dangling or doubled hyphen does not join; a single dash between
	 * word characters does, whatever its style, as in the aligner's key */
	const char *text = "eighty- first a--b 1990\xE2\x80\x93" "2000";
	struct token_list tl;

	token_list_init(&tl);
	tokenize(text, strlen(text), IGNORE_TYPOGRAPHY, &tl);
	ck_assert_uint_eq(tl.n, 11);
	ck_assert_int_eq(token_kind(&tl.v[0]), TOK_WORD);
	ck_assert_uint_eq(token_len(&tl.v[0]), 6);
	ck_assert_int_eq(token_kind(&tl.v[1]), TOK_PUNCT);
	ck_assert_uint_eq(token_len(&tl.v[5]), 1);
	ck_assert_int_eq(token_kind(&tl.v[10]), TOK_WORD);
	ck_assert_uint_eq(token_len(&tl.v[10]), 11);
	ck_assert(tl.v[10].key == key_of("19902000", 0));
	token_list_release(&tl);
}
END_TEST

/* ---- readable edits on clauses of A/RES/79/53 ---- */

START_TEST(test_wdiff_verb_strengthened)
{
	check_diff("Encourages States, where relevant, to develop and implement regional "
		   "and subregional strategies;",
		   "Strongly encourages States, where relevant, to develop and implement "
		   "regional and subregional strategies;", 0,
		   "[-Encourages-]{+Strongly encourages+} States, where relevant, to develop "
		   "and implement regional and subregional strategies;");
}
END_TEST

START_TEST(test_wdiff_verb_and_phrase_changed)
{
	check_diff("Encourages States to consider holding open, informal consultations, "
		   "focusing on raising awareness",
		   "Urges States to hold open, informal consultations, focusing on raising "
		   "awareness", 0,
		   "[-Encourages-]{+Urges+} States to [-consider holding-]{+hold+} open, "
		   "informal consultations, focusing on raising awareness");
}
END_TEST

START_TEST(test_wdiff_word_inserted)
{
	check_diff("Strongly encourages States, where appropriate, to develop, adopt and "
		   "implement their own national policy",
		   "Strongly encourages States, where appropriate, to develop, adopt and "
		   "effectively implement their own national policy", 0,
		   "Strongly encourages States, where appropriate, to develop, adopt and "
		   "{+effectively +}implement their own national policy");
}
END_TEST

START_TEST(test_wdiff_hedge_deleted)
{
	check_diff("Encourages States to continue to hold open, informal consultations, "
		   "where appropriate, focusing on raising awareness, prevention",
		   "Encourages States to continue to hold open, informal consultations, "
		   "focusing on raising awareness, prevention", 0,
		   "Encourages States to continue to hold open, informal consultations, "
		   "[-where appropriate, -]focusing on raising awareness, prevention");
}
END_TEST

START_TEST(test_wdiff_hedge_inserted)
{
	check_diff("Encourages States to develop and implement regional strategies",
		   "Encourages States, where relevant, to develop and implement regional "
		   "strategies", 0,
		   "Encourages States{+, where relevant,+} to develop and implement regional "
		   "strategies");
}
END_TEST

START_TEST(test_wdiff_stopword_absorbed)
{
	/* " the " between two rewrites reads better inside one replacement */
	check_diff("Requests the Secretary-General to submit a report",
		   "Invites the Director-General to submit a report", 0,
		   "[-Requests the Secretary-]{+Invites the Director+}-General to submit a report");
	/* but a short edit keeps its unchanged neighbours */
	check_diff("paragraphs 5 and 7 above", "paragraphs 6 and 8 above", 0,
		   "paragraphs [-5-]{+6+} and [-7-]{+8+} above");
	/* the filler words are the text's language's: "for" is English, "pour" French */
	check_diff_in(lang_by_code("en"), "decides to allocate resources for programmes in the region",
		      "decides to mobilize funding for activities in the region", 0,
		      "decides to [-allocate resources for programmes-]{+mobilize funding for activities+} in the region");
	check_diff_in(lang_by_code("fr"), "decides to allocate resources for programmes in the region",
		      "decides to mobilize funding for activities in the region", 0,
		      "decides to [-allocate resources-]{+mobilize funding+} for [-programmes-]{+activities+} in the region");
	check_diff_in(lang_by_code("fr"), "décide d'allouer ressources pour programmes dans la région",
		      "décide de mobiliser fonds pour activités dans la région", 0,
		      "décide [-d'allouer ressources pour programmes-]{+de mobiliser fonds pour activités+} dans la région");
	check_diff_in(lang_by_code("en"), "décide d'allouer ressources pour programmes dans la région",
		      "décide de mobiliser fonds pour activités dans la région", 0,
		      "décide [-d'allouer ressources-]{+de mobiliser fonds+} pour [-programmes-]{+activités+} dans la région");
}
END_TEST

START_TEST(test_wdiff_no_letter_confetti)
{
	check_diff("Requests the Office", "Invites the Office", 0,
		   "[-Requests-]{+Invites+} the Office");
	check_diff("eighty-first session", "eighty-third session", 0,
		   "eighty-[-first-]{+third+} session");
}
END_TEST

START_TEST(test_wdiff_typography)
{
	const char *old = "the \xE2\x80\x9C" "capacity-building\xE2\x80\x9D programme \xE2\x80\x93 "
			  "including  training";
	const char *new_ = "the \"capacitybuilding\" programme - including training";
	struct wscript ws;

	wscript_init(&ws);
	wdiff_compute(old, strlen(old), new_, strlen(new_), NULL, IGNORE_TYPOGRAPHY, &ws);
	ck_assert(wscript_is_equal(&ws));
	ck_assert_uint_eq(ws.words_deleted, 0);
	ck_assert(ws.similarity == 1.0);
	check_invariants(old, strlen(old), new_, strlen(new_), IGNORE_TYPOGRAPHY, &ws);
	wdiff_compute(old, strlen(old), new_, strlen(new_), NULL, 0, &ws);
	ck_assert(!wscript_is_equal(&ws));
	check_invariants(old, strlen(old), new_, strlen(new_), 0, &ws);
	wscript_release(&ws);
	check_diff("a \xE2\x80\x9C" "b\xE2\x80\x9D c", "a \"b\" d", IGNORE_TYPOGRAPHY,
		   "a [~\xE2\x80\x9C~]{~\"~}b[~\xE2\x80\x9D~]{~\"~} [-c-]{+d+}");
	check_diff("x \xE2\x80\x94  y", "x - y", IGNORE_TYPOGRAPHY,
		   "x [~\xE2\x80\x94  ~]{~- ~}y");
	/* exact mode: a case change is a real change */
	check_diff("Encourages States", "encourages States", IGNORE_TYPOGRAPHY,
		   "[-Encourages-]{+encourages+} States");
	/* spacing and hyphen joins, as an extractor loses or adds them */
	check_diff("the Through-life Framework", "the Through life Framework", IGNORE_TYPOGRAPHY,
		   "the [~Through-life~]{~Through life~} Framework");
	check_diff("Framework (A/HRC/17/31, annex)", "Framework ( A/HRC/17/31, annex)", IGNORE_TYPOGRAPHY,
		   "Framework ({~ ~}A/HRC/17/31, annex)");
	check_diff("the detonating cords", "the detonat ing cords", IGNORE_TYPOGRAPHY,
		   "the [~detonating~]{~detonat ing~} cords");
	/* but not a letter more or less, and not when typography counts */
	check_diff("the Through-life Framework", "the Through lives Framework", IGNORE_TYPOGRAPHY,
		   "the [-Through-life-]{+Through lives+} Framework");
	check_diff("the Through-life Framework", "the Through life Framework", 0,
		   "the Through[---]{+ +}life Framework");
}
END_TEST

START_TEST(test_wdiff_replaced_threshold)
{
	struct wscript ws;
	/* 4 of 10 words changed: 40%, shown word by word */
	const char *a = "alpha beta gamma delta epsilon", *b = "alpha beta gamma zeta eta";
	/* 6 of 10 changed is not more than 60% either */
	const char *c = "alpha beta zeta eta theta";
	/* 8 of 10 is: the whole clause is replaced */
	const char *d = "alpha iota kappa lambda mu";

	wscript_init(&ws);
	wdiff_compute(a, strlen(a), b, strlen(b), NULL, 0, &ws);
	ck_assert_int_eq(ws.replaced, 0);
	ck_assert_uint_eq(ws.words_deleted, 2);
	ck_assert_uint_eq(ws.words_inserted, 2);
	ck_assert(ws.similarity > 0.59 && ws.similarity < 0.61);
	wdiff_compute(a, strlen(a), c, strlen(c), NULL, 0, &ws);
	ck_assert_int_eq(ws.replaced, 0);
	ck_assert_uint_eq(ws.words_deleted, 3);
	wdiff_compute(a, strlen(a), d, strlen(d), NULL, 0, &ws);
	ck_assert_int_eq(ws.replaced, 1);
	ck_assert_uint_eq(ws.n, 2);
	ck_assert_int_eq(ws.v[0].kind, WOP_DEL);
	ck_assert_uint_eq(ws.v[0].len, strlen(a));
	ck_assert_int_eq(ws.v[1].kind, WOP_INS);
	ck_assert_uint_eq(ws.v[1].len, strlen(d));
	ck_assert_uint_eq(ws.words_deleted, 5);
	ck_assert_uint_eq(ws.words_inserted, 5);
	ck_assert(ws.similarity > 0.19 && ws.similarity < 0.21);
	check_invariants(a, strlen(a), d, strlen(d), 0, &ws);
	wscript_release(&ws);
}
END_TEST

START_TEST(test_wdiff_empty_sides)
{
	struct wscript ws;

	wscript_init(&ws);
	wdiff_compute("", 0, "", 0, NULL, 0, &ws);
	ck_assert_uint_eq(ws.n, 0);
	ck_assert(ws.similarity == 1.0);
	ck_assert(wscript_is_equal(&ws));
	wdiff_compute(NULL, 0, "new text", 8, NULL, 0, &ws);
	ck_assert_uint_eq(ws.n, 1);
	ck_assert_int_eq(ws.v[0].kind, WOP_INS);
	ck_assert_uint_eq(ws.words_inserted, 2);
	ck_assert_int_eq(ws.replaced, 0);
	wdiff_compute("old text", 8, "", 0, NULL, IGNORE_TYPOGRAPHY, &ws);
	ck_assert_uint_eq(ws.n, 1);
	ck_assert_int_eq(ws.v[0].kind, WOP_DEL);
	ck_assert_uint_eq(ws.words_deleted, 2);
	ck_assert(ws.similarity == 0.0);
	wdiff_compute(", ;", 3, ";", 1, NULL, 0, &ws);
	ck_assert(ws.similarity == 1.0);
	ck_assert_int_eq(ws.replaced, 0);
	check_invariants(", ;", 3, ";", 1, 0, &ws);
	wscript_release(&ws);
}
END_TEST

/* ---- generated pairs ---- */

struct rng {
	uint64_t s;
};

/* xorshift64*: tiny, deterministic, and good enough to shuffle words. */
static uint64_t
rng_next(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 2685821657736338717ULL;
}

static size_t
rng_below(struct rng *r, size_t n)
{
	return (size_t)(rng_next(r) >> 33) % n;
}

static const char *const vocab[] = {
	"the", "of", "to", "and", "a", "in", "States", "Encourages", "encourages",
	"Urges", "strongly", "Member", "United", "Nations", "C\xC3\xB4te",
	"d\xE2\x80\x99Ivoire", "\xE8\x81\x94\xE5\x90\x88\xE5\x9B\xBD", "capacity-building",
	"capacitybuilding", "capacity\342\200\221building", "5", "2024", "\xCE\xB1\xCE\xB2",
	",", ";", ".", "(a)", "\xE2\x80\x9C", "\xE2\x80\x9D", "\"", "'", "\xE2\x80\x94", "-",
	"\xFF", "\xC3", "\xE2\x82", " ", "  ", "\xC2\xA0", "\n", "\t "
};

/*
 * Typographic twins: the same text to a reader with the typography option.
 * A dash and a hyphen are not twins: "States-of" is one compound word while
 * "States—of" is two words and a dash.
 */
static const char *
twin_of(const char *unit)
{
	static const char *const pairs[][2] = {
		{ "capacity-building", "capacitybuilding" },
		{ "\xE2\x80\x9C", "\"" }, { "\xE2\x80\x9D", "\"" },
		{ "\xE2\x80\x94", "\xE2\x80\x93" }, { "-", "\xE2\x80\x90" },
		{ "'", "\xE2\x80\x99" }, { "  ", " " },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(pairs); i++) {
		if (strcmp(unit, pairs[i][0]) == 0)
			return pairs[i][1];
		if (strcmp(unit, pairs[i][1]) == 0)
			return pairs[i][0];
	}
	return unit;
}

struct units {
	const char *v[256];
	size_t n;
};

static void
units_random(struct rng *r, struct units *u, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		/* mostly words with a space after them, so texts look like prose */
		if (rng_below(r, 3))
			u->v[i] = i % 2 ? " " : vocab[rng_below(r, 23)];
		else
			u->v[i] = vocab[rng_below(r, ARRAY_SIZE(vocab))];
	}
	u->n = n;
}

static void
units_mutate(struct rng *r, struct units *u)
{
	size_t at = u->n ? rng_below(r, u->n) : 0, k;
	const char *tmp;

	switch (rng_below(r, 5)) {
	case 0:	/* insert */
		if (u->n >= ARRAY_SIZE(u->v))
			break;
		memmove(&u->v[at + 1], &u->v[at], (u->n - at) * sizeof(u->v[0]));
		u->v[at] = vocab[rng_below(r, ARRAY_SIZE(vocab))];
		u->n++;
		break;
	case 1:	/* delete */
		if (!u->n)
			break;
		memmove(&u->v[at], &u->v[at + 1], (u->n - at - 1) * sizeof(u->v[0]));
		u->n--;
		break;
	case 2:	/* replace */
		if (u->n)
			u->v[at] = vocab[rng_below(r, ARRAY_SIZE(vocab))];
		break;
	case 3:	/* swap two */
		if (u->n < 2)
			break;
		k = rng_below(r, u->n);
		tmp = u->v[at];
		u->v[at] = u->v[k];
		u->v[k] = tmp;
		break;
	default:	/* typographic variant */
		if (u->n)
			u->v[at] = twin_of(u->v[at]);
		break;
	}
}

static void
units_join(const struct units *u, struct sbuf *sb)
{
	size_t i;

	sbuf_reset(sb);
	for (i = 0; i < u->n; i++)
		sbuf_adds(sb, u->v[i]);
}

/* diff(A, A) is one EQ op, or nothing for an empty text. */
static void
check_self(const char *a, size_t alen, unsigned flags)
{
	struct wscript ws;

	wscript_init(&ws);
	wdiff_compute(a, alen, a, alen, NULL, flags, &ws);
	ck_assert_uint_eq(ws.n, alen ? 1 : 0);
	if (alen)
		ck_assert(ws.v[0].kind == WOP_EQ && ws.v[0].s == a && ws.v[0].len == alen);
	ck_assert(ws.similarity == 1.0);
	ck_assert_uint_eq(ws.words_deleted + ws.words_inserted, 0);
	wscript_release(&ws);
}

static void
check_pair(const struct sbuf *a, const struct sbuf *b, unsigned flags)
{
	struct wscript ab, ba;

	wscript_init(&ab);
	wscript_init(&ba);
	wdiff_compute(a->buf, a->len, b->buf, b->len, NULL, flags, &ab);
	wdiff_compute(b->buf, b->len, a->buf, a->len, NULL, flags, &ba);
	check_invariants(a->buf, a->len, b->buf, b->len, flags, &ab);
	check_invariants(b->buf, b->len, a->buf, a->len, flags, &ba);
	ck_assert_uint_eq(ab.words_deleted, ba.words_inserted);
	ck_assert_uint_eq(ab.words_inserted, ba.words_deleted);
	ck_assert_int_eq(ab.replaced, ba.replaced);
	ck_assert(ab.similarity == ba.similarity);
	ck_assert_uint_eq(ab.n, ba.n);
	wscript_release(&ab);
	wscript_release(&ba);
}

static void
check_generated(unsigned flags, uint64_t seed)
{
	struct rng r = { seed };
	struct units ua, ub;
	struct sbuf a = SBUF_INIT, b = SBUF_INIT;
	size_t i, m, nmut;

	for (i = 0; i < PROP_PAIRS; i++) {
		units_random(&r, &ua, rng_below(&r, 60));
		ub = ua;
		nmut = rng_below(&r, i % 7 == 0 ? 40 : 6);
		for (m = 0; m < nmut; m++)
			units_mutate(&r, &ub);
		units_join(&ua, &a);
		units_join(&ub, &b);
		sbuf_addch(&a, 'x');	/* never NULL, even when empty */
		sbuf_addch(&b, 'x');
		a.len--;
		b.len--;
		check_pair(&a, &b, flags);
		check_self(a.buf, a.len, flags);
	}
	sbuf_release(&a);
	sbuf_release(&b);
}

START_TEST(test_wdiff_properties_exact)
{
	check_generated(0, 0x9E3779B97F4A7C15ULL);
}
END_TEST

START_TEST(test_wdiff_properties_typography)
{
	check_generated(IGNORE_TYPOGRAPHY, 0xD1B54A32D192ED03ULL);
}
END_TEST

START_TEST(test_wdiff_typography_twins_equal)
{
	struct rng r = { 42 };
	struct units ua, ub;
	struct sbuf a = SBUF_INIT, b = SBUF_INIT;
	struct wscript ws;
	size_t i, k;

	wscript_init(&ws);
	for (i = 0; i < 200; i++) {
		units_random(&r, &ua, rng_below(&r, 60));
		ub = ua;
		for (k = 0; k < ub.n; k++)
			if (rng_below(&r, 2))
				ub.v[k] = twin_of(ub.v[k]);
		units_join(&ua, &a);
		units_join(&ub, &b);
		wdiff_compute(sbuf_str(&a), a.len, sbuf_str(&b), b.len, NULL,
			      IGNORE_TYPOGRAPHY, &ws);
		check_invariants(sbuf_str(&a), a.len, sbuf_str(&b), b.len,
				 IGNORE_TYPOGRAPHY, &ws);
		ck_assert(wscript_is_equal(&ws));
		ck_assert(ws.similarity == 1.0);
	}
	wscript_release(&ws);
	sbuf_release(&a);
	sbuf_release(&b);
}
END_TEST

/* ---- size ---- */

static void
big_text(struct sbuf *sb, struct rng *r, size_t words, const char *prefix)
{
	size_t i;

	sbuf_reset(sb);
	for (i = 0; i < words; i++)
		sbuf_printf(sb, "%s%s%u", i ? " " : "", prefix, (unsigned)rng_below(r, 100000));
}

START_TEST(test_wdiff_large_pairs)
{
	struct rng r = { 7 };
	struct sbuf a = SBUF_INIT, b = SBUF_INIT;
	struct wscript ws;
	size_t i, at;

	wscript_init(&ws);
	/* wholly different: replaced without a quadratic search */
	big_text(&a, &r, 5000, "w");
	big_text(&b, &r, 5000, "v");
	wdiff_compute(a.buf, a.len, b.buf, b.len, NULL, 0, &ws);
	ck_assert_int_eq(ws.replaced, 1);
	check_invariants(a.buf, a.len, b.buf, b.len, 0, &ws);
	/* 50 scattered one-word replacements: 50 words out, 50 in */
	sbuf_reset(&b);
	sbuf_add(&b, a.buf, a.len);
	for (i = 0, at = 0; i < 50; i++) {
		at += 1 + rng_below(&r, a.len / 50 - 1);
		while (at < b.len && b.buf[at] != 'w')
			at++;
		if (at < b.len)
			b.buf[at] = 'z';
	}
	wdiff_compute(a.buf, a.len, b.buf, b.len, NULL, 0, &ws);
	ck_assert_int_eq(ws.replaced, 0);
	ck_assert_uint_eq(ws.words_deleted, 50);
	ck_assert_uint_eq(ws.words_inserted, 50);
	check_invariants(a.buf, a.len, b.buf, b.len, 0, &ws);
	wscript_release(&ws);
	sbuf_release(&a);
	sbuf_release(&b);
}
END_TEST

static Suite *
wdiff_suite(void)
{
	Suite *s = suite_create("wdiff");
	TCase *tok = tcase_create("token");
	TCase *tc = tcase_create("wdiff");
	TCase *prop = tcase_create("properties");

	tcase_add_test(tok, test_tokenize_kinds_and_rebuild);
	tcase_add_test(tok, test_tokenize_typography_keys);
	tcase_add_test(tok, test_tokenize_compound_edges);
	tcase_add_test(tc, test_wdiff_verb_strengthened);
	tcase_add_test(tc, test_wdiff_verb_and_phrase_changed);
	tcase_add_test(tc, test_wdiff_word_inserted);
	tcase_add_test(tc, test_wdiff_hedge_deleted);
	tcase_add_test(tc, test_wdiff_hedge_inserted);
	tcase_add_test(tc, test_wdiff_stopword_absorbed);
	tcase_add_test(tc, test_wdiff_no_letter_confetti);
	tcase_add_test(tc, test_wdiff_typography);
	tcase_add_test(tc, test_wdiff_replaced_threshold);
	tcase_add_test(tc, test_wdiff_empty_sides);
	tcase_add_test(prop, test_wdiff_properties_exact);
	tcase_add_test(prop, test_wdiff_properties_typography);
	tcase_add_test(prop, test_wdiff_typography_twins_equal);
	tcase_add_test(prop, test_wdiff_large_pairs);
	/* sanitizer builds are slow; the generated pairs need more than 4 s */
	tcase_set_timeout(prop, 120);
	suite_add_tcase(s, tok);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, prop);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(wdiff_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
