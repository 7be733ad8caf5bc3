/*
 * The opener strength scale. It is heuristic: no official UN scale exists,
 * and the ranks below come from the domain notes (verbs.md and README §4 in
 * the shared domain folder), which assemble drafting guides and negotiation
 * practice. Ranks are ordinal and only comparable within one family, since
 * moving "Stresses" to "Encourages" changes what a clause does, not how hard
 * it pushes. The French and Spanish equivalents are unverified against
 * UNTERM; they map to the English lemma they usually translate.
 */
#include "config.h"
#include "verbs.h"
#include "utf8.h"
#include "util.h"

#include <stdint.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

struct verb_entry {
	const char *form;
	enum verb_family family;
	int rank;
};

#define D VF_DIRECTIVE
#define C VF_CONCERN
#define E VF_EMPHASIS
#define N VF_ENDORSEMENT
#define R VF_REFERENCE

/*
 * Forms are written as they appear in resolutions; lookups fold both sides
 * the same way, so case and accents here are for the reader only. Trailing
 * words of an opener are tolerated (the longest form wins), which is why
 * "Notes" also covers "Notes with concern" and "Requests" covers "Requests
 * the Secretary-General". "its" is ignored on both sides, so "Expresses its
 * hope" also matches "Expresses hope".
 */
static const struct verb_entry verb_table[] = {
	/* directive: addressed to actors */
	{ "Demands", D, 9 }, { "Demanding", D, 9 },
	{ "Decides", D, 8 }, { "Deciding", D, 8 },
	{ "Strongly urges", D, 7 }, { "Strongly urging", D, 7 },
	{ "Urges", D, 6 }, { "Urging", D, 6 },
	{ "Calls upon", D, 5 }, { "Calls on", D, 5 },
	{ "Calling upon", D, 5 }, { "Calling on", D, 5 },
	{ "Appeals to", D, 5 }, { "Appealing to", D, 5 },
	{ "Requests", D, 4 }, { "Requesting", D, 4 },
	{ "Recommends", D, 3 }, { "Recommending", D, 3 },
	{ "Strongly encourages", D, 3 }, { "Strongly encouraging", D, 3 },
	{ "Encourages", D, 2 }, { "Encouraging", D, 2 },
	{ "Invites", D, 1 }, { "Inviting", D, 1 },
	{ "Expresses its hope", D, 0 }, { "Expresses the hope", D, 0 },
	{ "Expressing its hope", D, 0 }, { "Expressing the hope", D, 0 },
	{ "Suggests", D, 0 }, { "Suggesting", D, 0 },
	/* "Reiterates its call/request" keeps the underlying verb (README §4) */
	{ "Reiterates its call upon", D, 5 }, { "Reiterates its call on", D, 5 },
	{ "Reiterating its call upon", D, 5 }, { "Reiterating its call on", D, 5 },
	{ "Reiterates its appeal", D, 5 }, { "Reiterating its appeal", D, 5 },
	{ "Reiterates its request", D, 4 }, { "Reiterating its request", D, 4 },
	{ "Reiterates its demand", D, 9 }, { "Reiterating its demand", D, 9 },

	/* condemnation and concern */
	{ "Strongly condemns", C, 6 }, { "Strongly condemning", C, 6 },
	{ "Condemns", C, 5 }, { "Condemning", C, 5 },
	{ "Deplores", C, 4 }, { "Deploring", C, 4 },
	{ "Expresses grave concern", C, 3 }, { "Expressing grave concern", C, 3 },
	{ "Expresses deep concern", C, 3 }, { "Expressing deep concern", C, 3 },
	{ "Expresses deepest concern", C, 3 },
	{ "Expressing deepest concern", C, 3 },
	{ "Expresses profound concern", C, 3 },
	{ "Expressing profound concern", C, 3 },
	{ "Expresses serious concern", C, 3 },
	{ "Expressing serious concern", C, 3 },
	{ "Deeply concerned", C, 3 }, { "Gravely concerned", C, 3 },
	{ "Seriously concerned", C, 3 }, { "Profoundly concerned", C, 3 },
	{ "Expresses concern", C, 2 }, { "Expressing concern", C, 2 },
	{ "Concerned", C, 2 },
	{ "Reiterates its concern", C, 2 }, { "Reiterating its concern", C, 2 },
	{ "Reiterates its grave concern", C, 3 },
	{ "Reiterating its grave concern", C, 3 },
	{ "Reiterates its deep concern", C, 3 },
	{ "Reiterating its deep concern", C, 3 },
	{ "Regrets", C, 1 }, { "Regretting", C, 1 },
	{ "Expresses regret", C, 1 }, { "Expressing regret", C, 1 },

	/* emphasis; -ise spellings turn up in national drafts */
	{ "Stresses", E, 3 }, { "Stressing", E, 3 },
	{ "Underlines", E, 3 }, { "Underlining", E, 3 },
	{ "Emphasizes", E, 3 }, { "Emphasizing", E, 3 },
	{ "Emphasises", E, 3 }, { "Emphasising", E, 3 },
	{ "Underscores", E, 3 }, { "Underscoring", E, 3 },
	{ "Reaffirms", E, 2 }, { "Reaffirming", E, 2 },
	{ "Reiterates", E, 2 }, { "Reiterating", E, 2 },
	{ "Recognizes", E, 1 }, { "Recognizing", E, 1 },
	{ "Recognises", E, 1 }, { "Recognising", E, 1 },
	{ "Acknowledges", E, 1 }, { "Acknowledging", E, 1 },
	{ "Affirms", E, 1 }, { "Affirming", E, 1 },

	/* endorsement */
	{ "Adopts", N, 5 }, { "Adopting", N, 5 },
	{ "Approves", N, 5 }, { "Approving", N, 5 },
	{ "Endorses", N, 5 }, { "Endorsing", N, 5 },
	{ "Welcomes", N, 4 }, { "Welcoming", N, 4 },
	{ "Commends", N, 3 }, { "Commending", N, 3 },
	{ "Expresses appreciation", N, 3 }, { "Expressing appreciation", N, 3 },
	{ "Notes", N, 2 }, { "Noting", N, 2 },
	{ "Takes note", N, 1 }, { "Taking note", N, 1 },

	/* reference: neutral */
	{ "Recalls", R, 0 }, { "Recalling", R, 0 },

	/* French */
	{ "Exige", D, 9 }, { "Exigeant", D, 9 },
	{ "Décide", D, 8 },
	{ "Prie instamment", D, 6 }, { "Priant instamment", D, 6 },
	{ "Exhorte", D, 6 }, { "Exhortant", D, 6 },
	{ "Demande", D, 5 }, { "Demandant", D, 5 },
	{ "Engage", D, 5 }, { "Engageant", D, 5 },
	{ "Prie", D, 4 }, { "Priant", D, 4 },
	{ "Recommande", D, 3 },
	{ "Encourage", D, 2 }, { "Encourageant", D, 2 },
	{ "Invite", D, 1 }, { "Invitant", D, 1 },
	{ "Condamne", C, 5 }, { "Condamnant", C, 5 },
	{ "Déplore", C, 4 }, { "Déplorant", C, 4 },
	{ "Regrette", C, 1 },
	{ "Souligne", E, 3 }, { "Soulignant", E, 3 },
	{ "Réaffirme", E, 2 }, { "Réaffirmant", E, 2 },
	{ "Réitère", E, 2 },
	{ "Reconnaît", E, 1 }, { "Reconnaissant", E, 1 },
	{ "Accueille avec satisfaction", N, 4 },
	{ "Accueillant avec satisfaction", N, 4 },
	{ "Se félicite", N, 4 }, { "Se félicitant", N, 4 },
	{ "Note", N, 2 }, { "Notant", N, 2 },
	{ "Prend note", N, 1 }, { "Prenant note", N, 1 },
	{ "Rappelle", R, 0 }, { "Rappelant", R, 0 },

	/* Spanish */
	{ "Exige", D, 9 },
	{ "Decide", D, 8 },
	{ "Insta encarecidamente", D, 7 },
	{ "Insta", D, 6 }, { "Instando", D, 6 },
	{ "Exhorta", D, 5 }, { "Exhortando", D, 5 },
	{ "Pide", D, 4 }, { "Pidiendo", D, 4 },
	{ "Solicita", D, 4 }, { "Solicitando", D, 4 },
	{ "Recomienda", D, 3 },
	{ "Alienta", D, 2 }, { "Alentando", D, 2 },
	{ "Invita", D, 1 }, { "Invitando", D, 1 },
	{ "Condena", C, 5 }, { "Condenando", C, 5 },
	{ "Deplora", C, 4 }, { "Deplorando", C, 4 },
	{ "Lamenta", C, 1 },
	{ "Destaca", E, 3 }, { "Destacando", E, 3 },
	{ "Subraya", E, 3 }, { "Subrayando", E, 3 },
	{ "Reafirma", E, 2 }, { "Reafirmando", E, 2 },
	{ "Reitera", E, 2 }, { "Reiterando", E, 2 },
	{ "Reconoce", E, 1 }, { "Reconociendo", E, 1 },
	{ "Acoge con beneplácito", N, 4 }, { "Acogiendo con beneplácito", N, 4 },
	{ "Acoge con satisfacción", N, 4 },
	{ "Acogiendo con satisfacción", N, 4 },
	{ "Observa", N, 2 }, { "Observando", N, 2 },
	{ "Toma nota", N, 1 }, { "Tomando nota", N, 1 },
	{ "Recuerda", R, 0 }, { "Recordando", R, 0 },
};

#undef D
#undef C
#undef E
#undef N
#undef R

/*
 * Words that carry no force: connectives ("Noting also" = "Noting") and
 * "its", which drafts add or drop freely ("Expresses (its) grave concern").
 * Written folded (lower case, no accents) because they are compared with
 * folded opener words. Multi-word entries must match whole word runs.
 */
static const char *const ignored_words[] = {
	"also", "further", "furthermore", "moreover", "once again", "again",
	"its",
	"egalement", "aussi", "en outre", "de nouveau", "a nouveau",
	"tambien", "ademas", "asimismo", "nuevamente", "una vez mas",
	"de nuevo",
};

/*
 * Intensifiers that raise a verb one rank when the table has no entry of
 * its own. English puts "Strongly" before the verb; French and Spanish put
 * the adverb after it ("Encourage vivement", "Condena enérgicamente").
 */
static const char *const pre_intensifiers[] = { "strongly" };
static const char *const post_intensifiers[] = {
	"vivement", "energiquement", "encarecidamente", "energicamente",
};

static const char *const hedge_names[] = {
	"where appropriate",
	"as appropriate",
	"on a voluntary basis",
	"in a position to do so",
	"to consider",
	"where possible",
	"where relevant",
	"as and when",
	"upon their request",
	"if they so wish",
	"when appropriate",
	"where necessary",
	"as necessary",
	"as far as possible",
	"wherever possible",
	"to the extent possible",
	"where applicable",
	"as applicable",
	"within existing resources",
	"within available resources",
	"upon request",
	"at their request",
};

_Static_assert(ARRAY_SIZE(hedge_names) <= sizeof(unsigned) * 8,
	       "every hedge needs a bit in the mask");

/*
 * Openers are a few words; anything past these bounds is trailing text that
 * cannot change which table form matches, so it is dropped rather than
 * allocated for.
 */
#define WORD_MAX 48
#define WORDS_MAX 24

struct opener_words {
	size_t n;
	char w[WORDS_MAX][WORD_MAX];
};

/* Latin-1 lower-case letters without their accents, from U+00E0. */
static const char latin1_base[] = "aaaaaaaceeeeiiiidnooooo/ouuuuyty";

static uint32_t
fold_cp(uint32_t cp)
{
	cp = utf8_tolower(cp);
	/* accents are often lost or spelt differently ("Reconnait") in PDFs */
	if (cp >= 0xE0 && cp <= 0xFF && cp != 0xF7)
		return (unsigned char)latin1_base[cp - 0xE0];
	return cp;
}

static int
is_combining(uint32_t cp)
{
	return cp >= 0x300 && cp <= 0x36F;
}

static size_t
encode_cp(char *dst, size_t room, uint32_t cp)
{
	size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;

	if (n > room)
		return 0;
	if (n == 1) {
		dst[0] = (char)cp;
	} else if (n == 2) {
		dst[0] = (char)(0xC0 | (cp >> 6));
		dst[1] = (char)(0x80 | (cp & 0x3F));
	} else if (n == 3) {
		dst[0] = (char)(0xE0 | (cp >> 12));
		dst[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		dst[2] = (char)(0x80 | (cp & 0x3F));
	} else {
		dst[0] = (char)(0xF0 | (cp >> 18));
		dst[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		dst[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		dst[3] = (char)(0x80 | (cp & 0x3F));
	}
	return n;
}

/* Split s into folded words; punctuation and hyphens separate words. */
static void
split_words(const char *s, struct opener_words *ow)
{
	size_t n = strlen(s), i = 0, len = 0;
	int in_word = 0;

	ow->n = 0;
	while (i < n && ow->n < WORDS_MAX) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);

		i += k;
		/* decomposed accents must not split "De\u0301cide" in two */
		if (is_combining(cp))
			continue;
		if (!utf8_is_alnum(cp)) {
			if (in_word) {
				ow->w[ow->n++][len] = '\0';
				in_word = 0;
			}
			continue;
		}
		if (!in_word) {
			in_word = 1;
			len = 0;
		}
		len += encode_cp(ow->w[ow->n] + len, WORD_MAX - 1 - len, fold_cp(cp));
	}
	if (in_word && ow->n < WORDS_MAX)
		ow->w[ow->n++][len] = '\0';
}

/* Number of words of the phrase p (single spaces) matched at ow->w[at], or 0. */
static size_t
match_phrase(const struct opener_words *ow, size_t at, const char *p)
{
	size_t k = 0;

	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t len = sp ? (size_t)(sp - p) : strlen(p);

		if (at + k >= ow->n || strlen(ow->w[at + k]) != len ||
		    memcmp(ow->w[at + k], p, len) != 0)
			return 0;
		k++;
		p += len;
		if (*p == ' ')
			p++;
	}
	return k;
}

static void
drop_ignored(struct opener_words *ow)
{
	size_t i = 0, out = 0;

	while (i < ow->n) {
		size_t j, skip = 0;

		for (j = 0; j < ARRAY_SIZE(ignored_words) && !skip; j++)
			skip = match_phrase(ow, i, ignored_words[j]);
		if (skip) {
			i += skip;
			continue;
		}
		if (out != i)
			memcpy(ow->w[out], ow->w[i], WORD_MAX);
		out++;
		i++;
	}
	ow->n = out;
}

static void
normalize(const char *s, struct opener_words *ow)
{
	split_words(s, ow);
	drop_ignored(ow);
}

/* Words of the opener covered by the table form, or 0 when it does not match. */
static size_t
match_entry(const struct opener_words *ow, const struct verb_entry *e)
{
	struct opener_words ew;
	size_t i;

	normalize(e->form, &ew);
	if (ew.n == 0 || ew.n > ow->n)
		return 0;
	for (i = 0; i < ew.n; i++)
		if (strcmp(ew.w[i], ow->w[i]) != 0)
			return 0;
	return ew.n;
}

static int
is_one_of(const char *w, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(w, list[i]) == 0)
			return 1;
	return 0;
}

static int
lookup_words(struct opener_words *ow, struct verb_info *out)
{
	const struct verb_entry *best = NULL;
	size_t best_len = 0, i, at;

	for (i = 0; i < ARRAY_SIZE(verb_table); i++) {
		size_t k = match_entry(ow, &verb_table[i]);

		if (k > best_len) {
			best_len = k;
			best = &verb_table[i];
		}
	}

	/*
	 * An intensifier the matched form does not cover: look the verb up
	 * without it and raise one rank ("Strongly recommends" = 3 + 1).
	 */
	at = ow->n;
	if (ow->n > 0 && is_one_of(ow->w[0], pre_intensifiers,
				   ARRAY_SIZE(pre_intensifiers)))
		at = 0;
	else if (ow->n > 1 && is_one_of(ow->w[1], post_intensifiers,
					ARRAY_SIZE(post_intensifiers)))
		at = 1;
	if (at < ow->n && best_len <= at) {
		memmove(ow->w[at], ow->w[at + 1], (ow->n - at - 1) * WORD_MAX);
		ow->n--;
		if (lookup_words(ow, out) != 0)
			return -1;
		out->rank++;
		return 0;
	}

	if (!best)
		return -1;
	out->family = best->family;
	out->rank = best->rank;
	return 0;
}

int
verbs_lookup(const char *opener, struct verb_info *out)
{
	struct opener_words ow;
	static const struct verb_info none = { VF_NONE, 0 };
	struct verb_info info = none;
	int rc = -1;

	if (opener) {
		normalize(opener, &ow);
		rc = lookup_words(&ow, &info);
		if (rc != 0)
			info = none;
	}
	if (out)
		*out = info;
	return rc;
}

static int
has_intensifier(const char *opener)
{
	static const char *const words[] = { "grave", "deep", "profound", "serious", "great", "utmost",
					     "deeply", "gravely", "seriously", NULL };
	const char *p = opener;

	while (*p) {
		size_t n;
		const char *const *w;

		while (*p && !isalpha((unsigned char)*p))
			p++;
		n = 0;
		while (isalpha((unsigned char)p[n]))
			n++;
		for (w = words; *w; w++)
			if (strlen(*w) == n && strncasecmp(p, *w, n) == 0)
				return 1;
		p += n;
	}
	return 0;
}

enum verb_shift
verbs_compare(const char *old_opener, const char *new_opener)
{
	struct verb_info a, b;

	if (verbs_lookup(old_opener, &a) != 0 || verbs_lookup(new_opener, &b) != 0 ||
	    a.family != b.family)
		return SHIFT_UNKNOWN;
	if (b.rank > a.rank)
		return SHIFT_STRONGER;
	if (b.rank < a.rank)
		return SHIFT_WEAKER;
	/* an intensifier gained or lost on the same rank: "Noting with concern"
	 * -> "Noting with deep concern" strengthens (domain notes, section 4) */
	if (has_intensifier(new_opener) != has_intensifier(old_opener))
		return has_intensifier(new_opener) ? SHIFT_STRONGER : SHIFT_WEAKER;
	return SHIFT_SAME;
}

const char *
verbs_shift_name(enum verb_shift s)
{
	switch (s) {
	case SHIFT_SAME:
		return "same";
	case SHIFT_STRONGER:
		return "stronger";
	case SHIFT_WEAKER:
		return "weaker";
	case SHIFT_UNKNOWN:
		break;
	}
	return "unknown";
}

const char *
verbs_family_name(enum verb_family f)
{
	switch (f) {
	case VF_DIRECTIVE:
		return "directive";
	case VF_CONCERN:
		return "concern";
	case VF_EMPHASIS:
		return "emphasis";
	case VF_ENDORSEMENT:
		return "endorsement";
	case VF_REFERENCE:
		return "reference";
	case VF_NONE:
		break;
	}
	return "none";
}

static int
alnum_at(const char *s, size_t n, size_t i)
{
	uint32_t cp;

	if (i >= n)
		return 0;
	utf8_decode(s + i, n - i, &cp);
	return utf8_is_alnum(cp) || is_combining(cp);
}

/*
 * Match the hedge h at s[i]: letters case-insensitively, each space in h
 * against a run of white space. Return the end offset, or 0.
 */
static size_t
hedge_match(const char *s, size_t n, size_t i, const char *h)
{
	while (*h) {
		uint32_t cp;
		size_t k;

		if (i >= n)
			return 0;
		/* hedges are ASCII: most mismatches are decided on one byte */
		if ((unsigned char)s[i] < 0x80 && *h != ' ') {
			if (tolower((unsigned char)s[i]) != (unsigned char)*h)
				return 0;
			i++;
			h++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (*h == ' ') {
			if (!utf8_is_space(cp))
				return 0;
			do {
				i += k;
				if (i >= n)
					break;
				k = utf8_decode(s + i, n - i, &cp);
			} while (utf8_is_space(cp));
			h++;
			continue;
		}
		if (utf8_tolower(cp) != (uint32_t)(unsigned char)*h)
			return 0;
		i += k;
		h++;
	}
	return i;
}

/* "Decides to consider the question at its next session" is the Assembly
 * planning its own work, not a softened request: not a hedge. */
static int
decides_to_consider(const char *text, size_t at, const char *hedge)
{
	size_t e = at, b;

	if (strcmp(hedge, "to consider") != 0)
		return 0;
	while (e > 0 && text[e - 1] == ' ')
		e--;
	b = e;
	while (b > 0 && isalpha((unsigned char)text[b - 1]))
		b--;
	return (e - b == 7 && strncasecmp(text + b, "decides", 7) == 0) ||
	       (e - b == 6 && strncasecmp(text + b, "decide", 6) == 0);
}

static int
ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static unsigned char
ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/*
 * The first two letters of the hedges, as a filter: second[x] has bit y
 * when a hedge begins with the letters x y. Most words begin no hedge, and
 * this tells them apart without going through the list.
 */
struct hedge_starts {
	uint32_t second[26];
};

static void
hedge_starts_init(struct hedge_starts *hs)
{
	size_t h;

	memset(hs, 0, sizeof(*hs));
	for (h = 0; h < ARRAY_SIZE(hedge_names); h++) {
		unsigned char c0 = (unsigned char)hedge_names[h][0], c1 = (unsigned char)hedge_names[h][1];

		/* every hedge begins with two lower-case letters (tested) */
		if (c0 >= 'a' && c0 <= 'z' && c1 >= 'a' && c1 <= 'z')
			hs->second[c0 - 'a'] |= 1u << (c1 - 'a');
	}
}

static int
hedge_may_start(const struct hedge_starts *hs, unsigned char c0, unsigned char c1)
{
	return c0 >= 'a' && c0 <= 'z' && c1 >= 'a' && c1 <= 'z' && (hs->second[c0 - 'a'] >> (c1 - 'a') & 1u);
}

unsigned
verbs_hedges(const char *text, size_t len)
{
	struct hedge_starts hs;
	unsigned mask = 0;
	unsigned char c0, c1;
	size_t i = 0, h, end;
	int prev_alnum = 0;

	if (!text)
		return 0;
	hedge_starts_init(&hs);
	/* one pass over the bytes: a hedge can only start where a word does,
	 * and the hedges are ASCII, so other text is stepped over quickly */
	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		uint32_t cp;

		if (c >= 0x80) {
			i += utf8_decode(text + i, len - i, &cp);
			prev_alnum = utf8_is_alnum(cp);
			continue;
		}
		if (!ascii_alnum(c)) {
			prev_alnum = 0;
			i++;
			continue;
		}
		if (prev_alnum) {
			/* the rest of an ASCII word, in one tight loop */
			while (i < len && (unsigned char)text[i] < 0x80 && ascii_alnum((unsigned char)text[i]))
				i++;
			continue;
		}
		c0 = ascii_lower(c);
		c1 = i + 1 < len ? ascii_lower((unsigned char)text[i + 1]) : 0;
		if (hedge_may_start(&hs, c0, c1)) {
			for (h = 0; h < ARRAY_SIZE(hedge_names); h++) {
				if ((unsigned char)hedge_names[h][0] != c0 || (unsigned char)hedge_names[h][1] != c1)
					continue;
				end = hedge_match(text, len, i, hedge_names[h]);
				if (end && !alnum_at(text, len, end) && !decides_to_consider(text, i, hedge_names[h]))
					mask |= 1u << h;
			}
		}
		prev_alnum = 1;
		i++;
	}
	return mask;
}

size_t
verbs_hedge_count(void)
{
	return ARRAY_SIZE(hedge_names);
}

const char *
verbs_hedge_name(size_t i)
{
	return i < ARRAY_SIZE(hedge_names) ? hedge_names[i] : NULL;
}
