#include "config.h"
#include "amendoc.h"

#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "meta.h"
#include "model.h"
#include "repair.h"
#include "sbuf.h"
#include "symbol.h"
#include "utf8.h"

/* The heading sits below the first page's header block; a document whose
 * first lines hold no heading is no amendment, however its body reads. */
#define HEADING_LINES 80

/* A quotation in a sentence is read as this byte, so the phrase grammar
 * never sees quoted words (a quotation may say "after" or "with"). */
#define QMARK '\x01'

static const char *const op_names[] = {
	"replace words", "insert words", "delete words", "insert paragraphs", "delete paragraphs",
	"replace paragraphs",
};
static const char *const where_names[] = { "title", "PP", "OP", "all PP", "all OP" };

const char *
amendoc_op_name(enum amendoc_op op)
{
	return (size_t)op < ARRAY_SIZE(op_names) ? op_names[op] : NULL;
}

const char *
amendoc_where_name(enum amendoc_where w)
{
	return (size_t)w < ARRAY_SIZE(where_names) ? where_names[w] : NULL;
}

/*
 * Ordinal words
 */

static const char *const unit_ordinals[] = {
	"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
	"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
	"eighteenth", "nineteenth",
};
/* twenty to ninety, as cardinals (the first half of "twenty-first") and as ordinals */
static const char *const tens_cardinals[] = {
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
};
static const char *const tens_ordinals[] = {
	"twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth",
};
static const char *const cardinals[] = {
	"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
};

static int
word_index(const char *const *list, size_t n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(list[i]) == len && lang_casecmp(list[i], s, len) == 0)
			return (int)i;
	return -1;
}

/* 1 to 99 */
static int
ordinal_below_hundred(const char *s, size_t len)
{
	const char *dash = memchr(s, '-', len);
	int k, u;

	if (!dash) {
		if ((k = word_index(unit_ordinals, ARRAY_SIZE(unit_ordinals), s, len)) >= 0)
			return k + 1;
		if ((k = word_index(tens_ordinals, ARRAY_SIZE(tens_ordinals), s, len)) >= 0)
			return 20 + 10 * k;
		return 0;
	}
	k = word_index(tens_cardinals, ARRAY_SIZE(tens_cardinals), s, (size_t)(dash - s));
	u = word_index(unit_ordinals, 9, dash + 1, len - (size_t)(dash - s) - 1);
	return k >= 0 && u >= 0 ? 20 + 10 * k + u + 1 : 0;
}

int
amendoc_ordinal(const char *s, size_t len)
{
	static const char *const hundreds[] = { "one hundred and ", "one hundred ", "hundred and " };
	size_t i, n;
	int v;

	if (len == 9 && lang_casecmp(s, "hundredth", 9) == 0)
		return 100;
	if (len == 13 && lang_casecmp(s, "one hundredth", 13) == 0)
		return 100;
	for (i = 0; i < ARRAY_SIZE(hundreds); i++) {
		n = strlen(hundreds[i]);
		if (len > n && lang_casecmp(s, hundreds[i], n) == 0)
			return (v = ordinal_below_hundred(s + n, len - n)) ? 100 + v : 0;
	}
	return ordinal_below_hundred(s, len);
}

/*
 * Lines
 */

static int
is_space_cp(const char *s, size_t len, size_t *k)
{
	uint32_t cp;

	*k = utf8_decode(s, len, &cp);
	return utf8_is_space(cp);
}

/* Lines at '\n' (and '\f', a page break in other extractions), trimmed of
 * white space on both sides, no-break and narrow spaces included. */
static struct text_line *
split_lines(const char *text, size_t len, size_t *nlines)
{
	struct text_line *v = NULL;
	size_t cap = 0, n = 0, i = 0, k;

	while (i <= len) {
		size_t start = i, e;

		while (i < len && text[i] != '\n' && text[i] != '\f')
			i++;
		e = i;
		while (start < e && is_space_cp(text + start, e - start, &k))
			start += k;
		while (e > start) {
			k = utf8_prev_len(text + start, e - start);
			if (!is_space_cp(text + e - k, k, &k))
				break;
			e -= k;
		}
		GROW(v, cap, n + 1);
		v[n].s = text + start;
		v[n].len = e - start;
		n++;
		i++;
	}
	*nlines = n;
	return v;
}

/* "1." or "12. Delete ...": the number, and the words after it in rest */
static int
number_line(const struct text_line *l, int *num, struct text_line *rest)
{
	size_t i = 0;
	int v = 0;

	while (i < l->len && i < 3 && is_digit(l->s[i]))
		v = v * 10 + (l->s[i++] - '0');
	if (i == 0 || i >= l->len || l->s[i] != '.')
		return 0;
	i++;
	if (i < l->len && l->s[i] != ' ')
		return 0;
	while (i < l->len && l->s[i] == ' ')
		i++;
	*num = v;
	rest->s = l->s + i;
	rest->len = l->len - i;
	return 1;
}

/* Runs of spaces as one, none at either end. */
static void
squeeze(struct sbuf *sb)
{
	size_t i, o = 0;

	for (i = 0; i < sb->len; i++) {
		if (sb->buf[i] == ' ' && (o == 0 || sb->buf[o - 1] == ' '))
			continue;
		sb->buf[o++] = sb->buf[i];
	}
	while (o > 0 && sb->buf[o - 1] == ' ')
		o--;
	sb->len = o;
	if (sb->buf)
		sb->buf[o] = '\0';
}

/*
 * An amendment's own footnotes are called by asterisks ("Development**
 * and", "Court,* that"). The draft cites the same work under a numbered
 * footnote of its own, so the words to find, insert or delete there hold
 * no asterisk: a run glued to the end of a word goes.
 */
static void
drop_star_calls(struct sbuf *sb)
{
	size_t i, o = 0;

	for (i = 0; i < sb->len;) {
		if (sb->buf[i] == '*' && o > 0 && sb->buf[o - 1] != ' ') {
			size_t e = i;

			while (e < sb->len && sb->buf[e] == '*')
				e++;
			if (e == sb->len || sb->buf[e] == ' ' || strchr(",;:.)", sb->buf[e]) ||
			    (unsigned char)sb->buf[e] == 0xE2) {
				i = e;
				continue;
			}
		}
		sb->buf[o++] = sb->buf[i++];
	}
	sb->len = o;
	if (sb->buf)
		sb->buf[o] = '\0';
}

/* The lines as one paragraph: line ends joined as the parser joins them. */
static char *
join_lines(const struct repair_hyphens *h, const struct text_line *lines, size_t n, int clean)
{
	struct sbuf sb = SBUF_INIT;
	size_t i;

	for (i = 0; i < n; i++)
		if (lines[i].len)
			repair_join_line(h, &sb, lines[i].s, lines[i].len);
	squeeze(&sb);
	if (clean) {
		drop_star_calls(&sb);
		squeeze(&sb);
	}
	return sbuf_detach(&sb);
}

/*
 * The phrase grammar: a cursor over a sentence whose quotations are QMARK
 */

struct rd {
	const char *s;
	size_t i;
	char **q;		/* the quotations, in order (borrowed) */
	size_t nq;
	size_t far;		/* the furthest place a phrase failed, and why */
	const char *why;
};

static void
rd_sp(struct rd *r)
{
	while (r->s[r->i] == ' ')
		r->i++;
}

static int
rd_fail(struct rd *r, const char *why)
{
	if (!r->why || r->i >= r->far) {
		r->far = r->i;
		r->why = why;
	}
	return 0;
}

static int
is_word_char(char c)
{
	return lang_is_word_byte(c) || c == '-';
}

/* The words w (single spaces between), case ignored, ending a word. */
static int
rd_word(struct rd *r, const char *w)
{
	size_t n = strlen(w), save = r->i;

	rd_sp(r);
	/* lang_casecmp stops at the first difference, so never passes the NUL */
	if (lang_casecmp(r->s + r->i, w, n) == 0 && !is_word_char(r->s[r->i + n])) {
		r->i += n;
		return 1;
	}
	r->i = save;
	return 0;
}

static int
rd_punct(struct rd *r, char c)
{
	size_t save = r->i;

	rd_sp(r);
	if (r->s[r->i] == c) {
		r->i++;
		return 1;
	}
	r->i = save;
	return 0;
}

static int
rd_quote(struct rd *r, char **out)
{
	size_t save = r->i, k, idx = 0;

	rd_sp(r);
	if (r->s[r->i] != QMARK) {
		r->i = save;
		return rd_fail(r, "expected quoted words");
	}
	for (k = 0; k < r->i; k++)
		idx += r->s[k] == QMARK;
	r->i++;
	*out = idx < r->nq ? r->q[idx] : NULL;
	return *out != NULL;
}

/* The sentence ends here (its full stop or colon). */
static int
rd_end(struct rd *r)
{
	size_t save = r->i;

	rd_sp(r);
	if (r->s[r->i] == '.' || r->s[r->i] == ':' || r->s[r->i] == ';')
		r->i++;
	rd_sp(r);
	if (r->s[r->i] == '\0')
		return 1;
	r->i = save;
	return rd_fail(r, "words follow where the instruction should end");
}

static int
rd_number(struct rd *r, int *v)
{
	size_t save = r->i, d = 0;

	rd_sp(r);
	*v = 0;
	while (is_digit(r->s[r->i]) && d < 4) {
		*v = *v * 10 + (r->s[r->i++] - '0');
		d++;
	}
	if (d == 0 || is_word_char(r->s[r->i]) || *v == 0) {
		r->i = save;
		return 0;
	}
	return 1;
}

/* "(b)", "(b) (ii)": the subparagraph, written as the draft prints it */
static void
rd_sub(struct rd *r, char sub[16])
{
	size_t o = 0;

	sub[0] = '\0';
	for (;;) {
		size_t save = r->i, j, n;

		rd_sp(r);
		if (r->s[r->i] != '(')
			break;
		for (j = r->i + 1; j < r->i + 8 && lang_is_word_byte(r->s[j]) && (unsigned char)r->s[j] < 0x80; j++)
			;
		n = j + 1 - r->i;
		if (r->s[j] != ')' || j == r->i + 1 || o + n + 1 >= 16) {
			r->i = save;
			break;
		}
		if (o)
			sub[o++] = ' ';
		memcpy(sub + o, r->s + r->i, n);
		o += n;
		sub[o] = '\0';
		r->i = j + 1;
	}
}

static int
rd_ordinal(struct rd *r, int *v)
{
	static const char *const hundreds[] = { "one hundred and ", "one hundred ", "hundred and " };
	size_t save = r->i, start, e, k;

	rd_sp(r);
	start = r->i;
	for (k = 0; k < ARRAY_SIZE(hundreds); k++) {
		size_t n = strlen(hundreds[k]);

		if (lang_casecmp(r->s + start, hundreds[k], n) == 0 && strlen(r->s + start) > n) {
			r->i = start + n;
			break;
		}
	}
	e = r->i;
	while (is_word_char(r->s[e]))
		e++;
	*v = amendoc_ordinal(r->s + start, e - start);
	if (!*v) {
		r->i = save;
		return 0;
	}
	r->i = e;
	return 1;
}

struct tlist {
	struct amendoc_target *v;
	size_t n, cap;
};

static void
tl_add(struct tlist *t, enum amendoc_where w, int number, const char *sub)
{
	GROW(t->v, t->cap, t->n + 1);
	memset(&t->v[t->n], 0, sizeof(t->v[t->n]));
	t->v[t->n].where = w;
	t->v[t->n].number = number;
	if (sub)
		strcpy(t->v[t->n].sub, sub);
	t->n++;
}

static int
rd_part(struct rd *r, enum amendoc_where *w)
{
	if (rd_word(r, "preambular")) {
		*w = AW_PP;
		return 1;
	}
	if (rd_word(r, "operative")) {
		*w = AW_OP;
		return 1;
	}
	return 0;
}

static int
rd_paraword(struct rd *r, int *plural)
{
	if (rd_word(r, "paragraphs")) {
		*plural = 1;
		return 1;
	}
	if (rd_word(r, "paragraph")) {
		*plural = 0;
		return 1;
	}
	return 0;
}

/* ", and", "," or "and" between the items of a list */
static int
rd_list_sep(struct rd *r)
{
	if (rd_punct(r, ',')) {
		rd_word(r, "and");
		return 1;
	}
	return rd_word(r, "and");
}

/* "35, 38 and 39", "5 (b) and 7", "3 to 6", as targets in part w */
static int
rd_numbers(struct rd *r, struct tlist *t, enum amendoc_where w)
{
	char sub[16];
	int v, to;

	if (!rd_number(r, &v))
		return rd_fail(r, "expected a paragraph number");
	rd_sub(r, sub);
	tl_add(t, w, v, sub);
	for (;;) {
		size_t save = r->i;

		if (rd_word(r, "to") && !sub[0] && rd_number(r, &to) && to > v && to - v < 200) {
			while (++v <= to)
				tl_add(t, w, v, "");
			v = to;
			continue;
		}
		r->i = save;
		if (rd_list_sep(r) && rd_number(r, &v)) {
			rd_sub(r, sub);
			tl_add(t, w, v, sub);
			continue;
		}
		r->i = save;
		return 1;
	}
}

/* One item of a list of places in the draft. */
static int
rd_item(struct rd *r, struct tlist *t)
{
	size_t save = r->i, base = t->n, k;
	enum amendoc_where w;
	int plural, v, ords[64], nords = 0;
	char sub[16];

	if (rd_word(r, "the title")) {
		rd_word(r, "of the draft resolution");
		tl_add(t, AW_TITLE, 0, "");
		return 1;
	}
	if (rd_word(r, "the preamble")) {
		tl_add(t, AW_ALL_PP, 0, "");
		return 1;
	}
	/* the part: "the preambular paragraphs", "all operative paragraphs", "the operative part" */
	if ((rd_word(r, "the") || rd_word(r, "all")) && rd_part(r, &w)) {
		if ((rd_paraword(r, &plural) && plural && !rd_number(r, &v)) || rd_word(r, "part")) {
			tl_add(t, w == AW_PP ? AW_ALL_PP : AW_ALL_OP, 0, "");
			return 1;
		}
	}
	r->i = save;
	/* "the fifth preambular paragraph", "the second and third operative paragraphs" */
	if (rd_word(r, "the") && rd_ordinal(r, &v)) {
		ords[nords++] = v;
		for (;;) {
			size_t at = r->i;

			if (rd_list_sep(r) && rd_ordinal(r, &v) && nords < (int)ARRAY_SIZE(ords)) {
				ords[nords++] = v;
				continue;
			}
			r->i = at;
			break;
		}
		if (!rd_part(r, &w) || !rd_paraword(r, &plural))
			return rd_fail(r, "expected “preambular paragraph” or “operative paragraph”");
		if (plural != (nords > 1)) {
			r->i = save;
			return rd_fail(r, "the number of paragraphs does not agree with the word “paragraph”");
		}
		rd_sub(r, sub);
		for (k = 0; k < (size_t)nords; k++)
			tl_add(t, w, ords[k], nords == 1 ? sub : "");
		return 1;
	}
	r->i = save;
	/* "subparagraph (b) of operative paragraph 5" */
	if (rd_word(r, "subparagraph")) {
		rd_sub(r, sub);
		if (sub[0] && rd_word(r, "of") && rd_part(r, &w) && rd_word(r, "paragraph") && rd_number(r, &v)) {
			tl_add(t, w, v, sub);
			return 1;
		}
		r->i = save;
		return rd_fail(r, "cannot read which subparagraph");
	}
	/* "operative paragraph 4", "operative paragraphs 35, 38 and 39" */
	if (rd_part(r, &w) && rd_paraword(r, &plural)) {
		if (rd_numbers(r, t, w)) {
			if (plural != (t->n - base > 1) && !(plural && t->n - base == 1 && t->v[base].sub[0])) {
				t->n = base;
				r->i = save;
				return rd_fail(r, "the number of paragraphs does not agree with the word “paragraph”");
			}
			return 1;
		}
		t->n = base;
	}
	r->i = save;
	if (rd_word(r, "paragraph") || rd_word(r, "paragraphs"))
		rd_fail(r, "names a paragraph without saying whether it is preambular or operative");
	else
		rd_fail(r, "expected a paragraph of the draft");
	r->i = save;
	return 0;
}

/* Places in the draft: "the title, the preambular paragraphs and the
 * operative paragraphs", "the twenty-first preambular paragraph and
 * operative paragraphs 35, 38 and 39". */
static int
rd_targets(struct rd *r, struct tlist *t)
{
	if (!rd_item(r, t))
		return 0;
	for (;;) {
		size_t save = r->i, n = t->n, far = r->far;
		const char *why = r->why;

		if (rd_list_sep(r) && rd_item(r, t))
			continue;
		/* the list simply ended: what failed after its comma says nothing */
		t->n = n;
		r->i = save;
		r->far = far;
		r->why = why;
		return 1;
	}
}

/*
 * Instructions
 */

/* What a sentence says, before the text after it is taken. */
struct reading {
	struct amendoc_instr in;
	struct tlist t;
	int takes_blocks;	/* the new or deleted paragraphs follow the sentence */
	int expect;		/* how many it announces; 0: not said */
	int optional;		/* a deletion's quotation of what it deletes may be absent */
};

static void
set_text(struct reading *g, const char *q)
{
	g->in.texts = xcalloc(1, sizeof(*g->in.texts));
	g->in.texts[0] = xstrdup(q);
	g->in.ntexts = 1;
}

/* "In TARGETS, replace/insert/delete ..." */
static int
form_in(struct rd *r, struct reading *g)
{
	char *a, *b;
	size_t save;

	if (!rd_word(r, "in"))
		return 0;
	if (!rd_targets(r, &g->t))
		return 0;
	if (!rd_punct(r, ','))
		return rd_fail(r, "expected a comma after the paragraph");
	save = r->i;
	if (rd_word(r, "replace")) {
		rd_word(r, "the words");
		if (rd_quote(r, &a) && (rd_word(r, "with") || rd_word(r, "by")) && rd_quote(r, &b) && rd_end(r)) {
			g->in.op = AD_REPLACE_WORDS;
			g->in.find = xstrdup(a);
			set_text(g, b);
			return 1;
		}
		return 0;
	}
	if (rd_word(r, "delete")) {
		rd_word(r, "the words");
		if (rd_quote(r, &a) && rd_end(r)) {
			g->in.op = AD_DELETE_WORDS;
			g->in.find = xstrdup(a);
			return 1;
		}
		return 0;
	}
	/* "insert “X” after “Y”", "add “X” at the end" */
	if (rd_word(r, "insert") || rd_word(r, "add")) {
		if (!rd_quote(r, &a))
			return 0;
		g->in.op = AD_INSERT_WORDS;
		if (rd_word(r, "after") || (g->in.before = rd_word(r, "before"))) {
			if (!rd_quote(r, &b) || !rd_end(r))
				return 0;
			g->in.anchor = xstrdup(b);
		} else if (rd_word(r, "at the end")) {
			rd_word(r, "of the paragraph");
			if (!rd_end(r))
				return 0;
		} else {
			return rd_fail(r, "says what to insert but not where");
		}
		set_text(g, a);
		return 1;
	}
	r->i = save;
	/* "after “Y”, insert “X”" */
	if (rd_word(r, "after") || (g->in.before = rd_word(r, "before"))) {
		if (!rd_quote(r, &b))
			return 0;
		rd_punct(r, ',');
		if (!(rd_word(r, "insert") || rd_word(r, "add")) || !rd_quote(r, &a) || !rd_end(r))
			return rd_fail(r, "expected “insert” and the quoted words");
		g->in.op = AD_INSERT_WORDS;
		g->in.anchor = xstrdup(b);
		set_text(g, a);
		return 1;
	}
	if (rd_word(r, "at the end")) {
		rd_word(r, "of the paragraph");
		rd_punct(r, ',');
		if (!(rd_word(r, "insert") || rd_word(r, "add")) || !rd_quote(r, &a) || !rd_end(r))
			return rd_fail(r, "expected “insert” and the quoted words");
		g->in.op = AD_INSERT_WORDS;
		set_text(g, a);
		return 1;
	}
	return rd_fail(r, "expected “replace”, “insert” or “delete” after the paragraph");
}

/* "reading:", "to read:", "as follows:", and a quotation when the text is
 * given inline rather than as paragraphs below */
static int
rd_reading_tail(struct rd *r, struct reading *g)
{
	char *q;

	rd_punct(r, ',');
	(void)(rd_word(r, "reading") || rd_word(r, "to read") || rd_word(r, "which reads") ||
	       rd_word(r, "which read") || rd_word(r, "as follows"));
	rd_punct(r, ':');
	if (r->s[r->i] == ' ')
		rd_sp(r);
	if (r->s[r->i] == QMARK) {
		if (!rd_quote(r, &q))
			return 0;
		set_text(g, q);
		g->takes_blocks = 0;
	} else {
		g->takes_blocks = 1;
	}
	return rd_end(r);
}

/* "a new preambular paragraph", "two new operative paragraphs", "the following operative paragraph" */
static int
rd_new_paras(struct rd *r, struct reading *g)
{
	enum amendoc_where w;
	int plural, k, count = -1, following = 0;

	if (rd_word(r, "a") || rd_word(r, "an"))
		count = 1;
	else if (rd_word(r, "the following"))
		following = 1;
	else
		for (k = 0; k < (int)ARRAY_SIZE(cardinals); k++)
			if (rd_word(r, cardinals[k])) {
				count = k + 1;
				break;
			}
	rd_word(r, "new");
	rd_word(r, "additional");
	rd_part(r, &w);
	if (!rd_paraword(r, &plural))
		return rd_fail(r, "expected the new paragraphs");
	if (count > 0 && plural != (count > 1))
		return rd_fail(r, "the number of new paragraphs does not agree with the word “paragraph”");
	g->expect = count > 0 ? count : (following && !plural ? 1 : 0);
	return 1;
}

/* A place a new paragraph goes: "after operative paragraph 4", "at the end of the preambular part" */
static int
rd_place(struct rd *r, struct reading *g)
{
	if (rd_word(r, "after") || (g->in.before = rd_word(r, "before"))) {
		if (!rd_targets(r, &g->t))
			return 0;
		if (g->t.n != 1 || (g->t.v[0].where != AW_PP && g->t.v[0].where != AW_OP))
			return rd_fail(r, "a new paragraph goes after one paragraph");
		return 1;
	}
	if (rd_word(r, "at the end of")) {
		if (rd_word(r, "the preambular part") || rd_word(r, "the preamble") ||
		    rd_word(r, "the preambular paragraphs"))
			tl_add(&g->t, AW_ALL_PP, 0, "");
		else if (rd_word(r, "the operative part") || rd_word(r, "the operative paragraphs"))
			tl_add(&g->t, AW_ALL_OP, 0, "");
		else
			return rd_fail(r, "expected the preamble or the operative part");
		return 1;
	}
	return 0;
}

/* "After TARGET, insert NEW", "Insert NEW after TARGET", "At the end of the preamble, add NEW" */
static int
form_insert(struct rd *r, struct reading *g)
{
	size_t save = r->i;

	g->in.op = AD_INSERT_PARAS;
	if (rd_place(r, g)) {
		rd_punct(r, ',');
		if (!(rd_word(r, "insert") || rd_word(r, "add")))
			return rd_fail(r, "expected “insert”");
		return rd_new_paras(r, g) && rd_reading_tail(r, g);
	}
	if (g->t.n || r->i != save)
		return 0;
	if (rd_word(r, "insert") || rd_word(r, "add")) {
		if (!rd_new_paras(r, g))
			return 0;
		rd_punct(r, ',');
		if (!rd_place(r, g))
			return rd_fail(r, "says what to insert but not where");
		return rd_reading_tail(r, g);
	}
	return 0;
}

/* "Replace “X” with “Y” in TARGETS", "Replace operative paragraph 200 with the following text:" */
static int
form_replace(struct rd *r, struct reading *g)
{
	enum amendoc_where part;
	char *a, *b;

	if (!rd_word(r, "replace"))
		return 0;
	rd_word(r, "the words");
	if (r->s[r->i] == QMARK || (r->s[r->i] == ' ' && r->s[r->i + 1] == QMARK)) {
		if (!rd_quote(r, &a) || !(rd_word(r, "with") || rd_word(r, "by")) || !rd_quote(r, &b))
			return rd_fail(r, "expected “with” and the quoted words");
		g->in.op = AD_REPLACE_WORDS;
		g->in.find = xstrdup(a);
		set_text(g, b);
		if (rd_word(r, "throughout")) {
			(void)(rd_word(r, "the text") || rd_word(r, "the draft resolution"));
			tl_add(&g->t, AW_TITLE, 0, "");
			tl_add(&g->t, AW_ALL_PP, 0, "");
			tl_add(&g->t, AW_ALL_OP, 0, "");
			return rd_end(r);
		}
		if (!rd_word(r, "in"))
			return rd_fail(r, "says what to replace but not where");
		return rd_targets(r, &g->t) && rd_end(r);
	}
	/* whole paragraphs: "Replace operative paragraph 200 with the following text:" */
	if (!rd_targets(r, &g->t))
		return 0;
	g->in.op = AD_REPLACE_PARAS;
	if (rd_word(r, "with")) {
		rd_word(r, "the following");
		rd_word(r, "new");
		rd_part(r, &part);
		(void)(rd_word(r, "text") || rd_word(r, "paragraphs") || rd_word(r, "paragraph"));
	} else if (!(rd_word(r, "to read") || rd_word(r, "so as to read") || rd_word(r, "by the following"))) {
		return rd_fail(r, "expected “with the following text”");
	}
	return rd_reading_tail(r, g);
}

/* "Delete TARGETS", "Delete the thirty-eighth preambular paragraph reading:", "Delete “X” in TARGETS" */
static int
form_delete(struct rd *r, struct reading *g)
{
	char *a;

	if (!rd_word(r, "delete"))
		return 0;
	rd_word(r, "the words");
	if (r->s[r->i] == QMARK || (r->s[r->i] == ' ' && r->s[r->i + 1] == QMARK)) {
		if (!rd_quote(r, &a))
			return 0;
		if (!(rd_word(r, "in") || rd_word(r, "from")))
			return rd_fail(r, "says what to delete but not where");
		g->in.op = AD_DELETE_WORDS;
		g->in.find = xstrdup(a);
		return rd_targets(r, &g->t) && rd_end(r);
	}
	if (!rd_targets(r, &g->t))
		return 0;
	g->in.op = AD_DELETE_PARAS;
	if (rd_end(r))
		return 1;
	/* the paragraph as the draft reads, quoted so a reader can check it */
	rd_punct(r, ',');
	if (!(rd_word(r, "reading") || rd_word(r, "which reads") || rd_word(r, "that reads")))
		return rd_fail(r, "words follow where the instruction should end");
	return rd_reading_tail(r, g);
}

/*
 * The sentence with its quotations taken out. Typographic quotes open and
 * close; a straight quote does either, in turn. Returns 0 with *why when
 * a quotation never closes.
 */
static char *
take_quotes(const char *s, char ***q, size_t *nq, const char **why)
{
	struct sbuf tpl = SBUF_INIT, cur = SBUF_INIT;
	size_t i = 0, n = strlen(s), cap = 0;
	int in = 0;

	*q = NULL;
	*nq = 0;
	while (i < n) {
		int open = (unsigned char)s[i] == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
			   (unsigned char)s[i + 2] == 0x9C;
		int close = (unsigned char)s[i] == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
			    (unsigned char)s[i + 2] == 0x9D;
		int straight = s[i] == '"';

		if (open || (straight && !in)) {
			if (in) {
				*why = "a quotation opens inside another";
				goto bad;
			}
			in = 1;
			sbuf_reset(&cur);
			i += straight ? 1 : 3;
			continue;
		}
		if (close || (straight && in)) {
			if (!in) {
				*why = "a quotation closes that never opened";
				goto bad;
			}
			in = 0;
			squeeze(&cur);
			drop_star_calls(&cur);
			squeeze(&cur);
			GROW(*q, cap, *nq + 1);
			(*q)[(*nq)++] = xstrdup(sbuf_str(&cur));
			sbuf_addch(&tpl, QMARK);
			i += straight ? 1 : 3;
			continue;
		}
		if (s[i] == QMARK) {
			*why = "the sentence holds a control character";
			goto bad;
		}
		sbuf_addch(in ? &cur : &tpl, s[i]);
		i++;
	}
	if (in) {
		*why = "a quotation never closes";
		goto bad;
	}
	sbuf_release(&cur);
	return sbuf_detach(&tpl);
bad:
	sbuf_release(&cur);
	sbuf_release(&tpl);
	return NULL;
}

static void
free_strings(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
instr_release(struct amendoc_instr *in)
{
	free(in->targets);
	free(in->find);
	free(in->anchor);
	free_strings(in->texts, in->ntexts);
	free(in->source);
	memset(in, 0, sizeof(*in));
}

/* Read one sentence into g: 0, or -1 with *why (static text). */
static int
read_sentence(const char *sentence, struct reading *g, const char **why)
{
	int (*const forms[])(struct rd *, struct reading *) = { form_in, form_replace, form_delete, form_insert };
	struct rd r;
	char *tpl;
	size_t k;
	int ok = 0;

	memset(&r, 0, sizeof(r));
	tpl = take_quotes(sentence, &r.q, &r.nq, why);
	if (!tpl)
		return -1;
	r.s = tpl;
	for (k = 0; k < ARRAY_SIZE(forms) && !ok; k++) {
		struct reading fresh;

		instr_release(&g->in);
		free(g->t.v);
		memset(&fresh, 0, sizeof(fresh));
		*g = fresh;
		r.i = 0;
		ok = forms[k](&r, g);
	}
	if (!ok) {
		instr_release(&g->in);
		free(g->t.v);
		memset(g, 0, sizeof(*g));
		*why = r.why ? r.why : "no phrase redline reads";
	}
	free_strings(r.q, r.nq);
	free(tpl);
	return ok ? 0 : -1;
}

/*
 * Units: one numbered instruction, or the whole body of an unnumbered
 * document, as lines (blank ones kept: they part the new paragraphs)
 */

struct reader {
	struct amendoc *d;
	const struct repair_hyphens *h;
	size_t instr_cap, unread_cap;
};

static void
add_unread(struct reader *rd, int number, const char *source, const char *why)
{
	struct amendoc_unread *u;

	GROW(rd->d->unread, rd->unread_cap, rd->d->nunread + 1);
	u = &rd->d->unread[rd->d->nunread++];
	u->number = number;
	u->source = xstrdup(source);
	u->why = xstrdup(why);
}

/* The next block of non-blank lines at or after from: its first line, and
 * its end in *end; n when there is none. */
static size_t
next_block(const struct text_line *lines, size_t n, size_t from, size_t *end)
{
	while (from < n && !lines[from].len)
		from++;
	*end = from;
	while (*end < n && lines[*end].len)
		(*end)++;
	return from;
}

static int
ends_with_colon(const struct text_line *l)
{
	return l->len && l->s[l->len - 1] == ':';
}

static void
add_text(struct reader *rd, struct amendoc_instr *in, size_t *cap, const struct text_line *lines, size_t n)
{
	GROW(in->texts, *cap, in->ntexts + 1);
	in->texts[in->ntexts++] = join_lines(rd->h, lines, n, 1);
}

/* The new or deleted paragraphs a sentence announced: 0, or -1 with why */
static int
take_texts(struct reader *rd, struct reading *g, const struct text_line *lines, size_t n, size_t from,
	   size_t end, struct sbuf *why)
{
	size_t cap = 0, b, e;

	if (from < end)
		add_text(rd, &g->in, &cap, lines + from, end - from);
	for (b = next_block(lines, n, end, &e); b < n; b = next_block(lines, n, e, &e))
		add_text(rd, &g->in, &cap, lines + b, e - b);
	if (g->in.ntexts == 0) {
		sbuf_adds(why, "announces text but none follows");
		return -1;
	}
	if (g->expect && (size_t)g->expect != g->in.ntexts) {
		sbuf_printf(why, "announces %d new paragraph%s but %zu follow", g->expect, g->expect == 1 ? "" : "s",
			    g->in.ntexts);
		return -1;
	}
	return 0;
}

static void
read_unit(struct reader *rd, int number, const struct text_line *lines, size_t n)
{
	size_t b, e;

	b = next_block(lines, n, 0, &e);
	while (b < n) {
		struct reading g;
		struct sbuf why = SBUF_INIT;
		const char *bad = NULL;
		char *sentence;
		size_t send = b;

		/* the sentence ends at its colon, even when the text it announces
		 * follows on the next line with no blank between */
		while (send < e && !ends_with_colon(&lines[send]))
			send++;
		send = send < e ? send + 1 : e;
		sentence = join_lines(rd->h, lines + b, send - b, 0);
		memset(&g, 0, sizeof(g));
		if (read_sentence(sentence, &g, &bad) < 0) {
			add_unread(rd, number, sentence, bad);
			free(sentence);
			/* the text it announced is no instruction either */
			if (ends_with_colon(&lines[send - 1]))
				return;
			b = send < e ? send : next_block(lines, n, e, &e);
			continue;
		}
		g.in.number = number;
		g.in.source = sentence;
		g.in.targets = g.t.v;
		g.in.ntargets = g.t.n;
		if (g.takes_blocks && take_texts(rd, &g, lines, n, send, e, &why) < 0) {
			add_unread(rd, number, sentence, sbuf_str(&why));
			sbuf_release(&why);
			instr_release(&g.in);
			return;
		}
		GROW(rd->d->instr, rd->instr_cap, rd->d->ninstr + 1);
		rd->d->instr[rd->d->ninstr++] = g.in;
		if (g.takes_blocks)
			return;
		/* a sentence that takes no text: what follows is another instruction */
		b = send < e ? send : next_block(lines, n, e, &e);
	}
}

/*
 * The heading: "SPONSORS:* amendment to draft resolution SYMBOL"
 */

static int
is_sym_byte(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '/' || c == '.' || c == '-' ||
	       c == '(' || c == ')';
}

/* The symbol at s, a full stop or comma after it left out; NULL when the
 * word there is none. */
static char *
symbol_at(const char *s)
{
	size_t n = 0;
	char *sym;

	while (is_sym_byte(s[n]))
		n++;
	while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ')'))
		n--;
	sym = xstrndup(s, n);
	if (!memchr(sym, '/', n) || !symbol_is_valid(sym))
		FREE(sym);
	return sym;
}

/* Where the words after "amendment to " start in a heading, or NULL; the
 * sponsors' colon in *colon. A colon, maybe star calls, then the kind:
 * other colons ("Promotion and protection of human rights:
 * implementation of ...") are an agenda item's. */
static const char *
heading_rest(const char *s, size_t *colon)
{
	const char *p = s;

	while ((p = strstr(p, "amendment")) != NULL) {
		const char *q = p + strlen("amendment");
		size_t k = (size_t)(p - s);

		p = q;
		while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '*' || s[k - 1] == ','))
			k--;
		if (k == 0 || s[k - 1] != ':')
			continue;
		if (*q == 's')
			q++;
		if (strncmp(q, " to ", 4) != 0)
			continue;
		*colon = k - 1;
		return q + 4;
	}
	return NULL;
}

/* "draft resolution A/80/L.3"; "draft resolution 23 recommended by the
 * Third Committee in its report contained in document A/80/545" */
static const char *
read_target(struct amendoc *d, const char *rest)
{
	static const char *const kinds[] = { "the ", "revised ", "draft resolution ", "draft decision " };
	const char *doc;
	size_t k;
	int v = 0;

	for (k = 0; k < ARRAY_SIZE(kinds); k++)
		if (strncmp(rest, kinds[k], strlen(kinds[k])) == 0)
			rest += strlen(kinds[k]);
	if (rest[0] >= 'A' && rest[0] <= 'Z') {
		d->target = symbol_at(rest);
		return d->target ? NULL : "the heading names the draft by no symbol redline reads";
	}
	while (is_digit(*rest) && v < 10000)
		v = v * 10 + (*rest++ - '0');
	if (!v || *rest != ' ')
		return "the heading names the draft by no symbol redline reads";
	doc = strstr(rest, " document ");
	if (!doc || !strstr(rest, " report"))
		return "the heading names a draft by number but no report that holds it";
	d->target = symbol_at(doc + strlen(" document "));
	if (!d->target)
		return "the heading names the report by no symbol redline reads";
	d->target_draft = v;
	return NULL;
}

/* Sponsors from the heading when the header reader found none: "X, Y and Z" */
static void
split_sponsors(struct amendoc *d, const char *s, size_t n)
{
	size_t cap = 0, i = 0;

	while (i < n) {
		size_t e = i, next;
		const char *and_at = NULL;

		while (e < n && s[e] != ',')
			e++;
		next = e + 1;
		/* "Yemen and State of Palestine": the last " and " parts the last two */
		if (e == n) {
			const char *p = s + i;

			while ((p = strstr(p, " and ")) != NULL && (size_t)(p - s) < n) {
				and_at = p;
				p += 5;
			}
			if (and_at) {
				e = (size_t)(and_at - s);
				next = e + 5;
			}
		}
		while (i < e && s[i] == ' ')
			i++;
		if (e > i) {
			GROW(d->sponsors, cap, d->nsponsors + 1);
			d->sponsors[d->nsponsors++] = xstrndup(s + i, e - i);
		}
		i = next;
	}
}

/* What the header reader (meta.c) says of symbol and sponsors: it reads
 * every draft's header, so an amendment's reads the same way. */
static void
read_meta(struct amendoc *d, const struct text_line *lines, size_t n)
{
	struct resolution r;

	resolution_init(&r);
	meta_read(&r.meta, NULL, lines, n, n);
	d->symbol = r.meta.symbol;
	r.meta.symbol = NULL;
	d->sponsors = r.meta.sponsors;
	d->nsponsors = r.meta.nsponsors;
	d->on_behalf_of = r.meta.on_behalf_of;
	r.meta.sponsors = NULL;
	r.meta.nsponsors = 0;
	r.meta.on_behalf_of = NULL;
	resolution_release(&r);
}

/*
 * The body: page furniture and star footnotes out
 */

/* "* Any changes to the list of sponsors ...", "** United Nations, Treaty Series ..." */
static int
is_star_note(const struct text_line *l)
{
	size_t i = 0;

	while (i < l->len && l->s[i] == '*')
		i++;
	return i > 0 && i < l->len && i <= 4 && l->s[i] == ' ';
}

static struct text_line *
clean_body(const struct text_line *lines, size_t n, const char *symbol, size_t *nout)
{
	struct text_line *v = NULL;
	size_t cap = 0, k = 0, i;
	int dropped = 0;

	for (i = 0; i < n; i++) {
		const struct text_line *l = &lines[i];

		if (l->len && (repair_is_furniture(l->s, l->len, symbol) || repair_is_rule(l->s, l->len))) {
			dropped = 1;
			continue;
		}
		/* a note starts after a blank line and runs to the next */
		if (l->len && is_star_note(l) && (k == 0 || !v[k - 1].len)) {
			while (i + 1 < n && lines[i + 1].len)
				i++;
			dropped = 1;
			continue;
		}
		if (l->len && dropped) {
			size_t t = k;

			/* a sentence the page broke goes on in lower case: the
			 * blank lines around the furniture part nothing */
			while (t > 0 && !v[t - 1].len)
				t--;
			if (t > 0 && t < k && repair_starts_lower(l->s, l->len))
				k = t;
		}
		if (l->len)
			dropped = 0;
		GROW(v, cap, k + 1);
		v[k++] = *l;
	}
	*nout = k;
	return v;
}

static void
read_body(struct reader *rd, struct text_line *c, size_t n)
{
	struct text_line rest;
	size_t i = 0, start = 0;
	int v, expect = 1, num = 0;

	while (i < n && !c[i].len)
		i++;
	if (i == n) {
		add_unread(rd, 0, "", "the document holds no instruction");
		return;
	}
	if (!number_line(&c[i], &v, &rest) || v != 1) {
		read_unit(rd, 0, c, n);
		return;
	}
	/* numbered: each number in turn starts an instruction, so a number
	 * inside a quoted paragraph ("5. Decides") out of turn is text */
	for (; i < n; i++) {
		if (!c[i].len || !number_line(&c[i], &v, &rest) || v != expect)
			continue;
		if (num)
			read_unit(rd, num, c + start, i - start);
		c[i] = rest;
		start = i;
		num = expect++;
	}
	read_unit(rd, num, c + start, n - start);
}

int
amendoc_read(const char *text, size_t len, struct amendoc *out, struct rl_error *err)
{
	struct repair_hyphens h;
	struct reader rd;
	struct text_line *lines, *body;
	size_t n, nbody, b, e, colon = 0, limit;
	char *copy, *heading = NULL;
	const char *rest = NULL, *bad;

	memset(out, 0, sizeof(*out));
	copy = xstrndup(text, len);
	len = strlen(copy);
	lines = split_lines(copy, len, &n);
	repair_hyphens_collect(&h, copy);
	memset(&rd, 0, sizeof(rd));
	rd.d = out;
	rd.h = &h;

	limit = n < HEADING_LINES ? n : HEADING_LINES;
	for (b = next_block(lines, n, 0, &e); b < limit; b = next_block(lines, n, e, &e)) {
		heading = join_lines(&h, lines + b, e - b, 0);
		if ((rest = heading_rest(heading, &colon)) != NULL)
			break;
		FREE(heading);
	}
	if (!heading) {
		repair_hyphens_release(&h);
		free(lines);
		free(copy);
		return rl_fail(err, "not an amendment document: no heading reads “SPONSORS: amendment to draft ...”");
	}
	if ((bad = read_target(out, rest)) != NULL)
		add_unread(&rd, 0, heading, bad);
	read_meta(out, lines, n);
	if (!out->nsponsors)
		split_sponsors(out, heading, colon);

	/* the draft's title, when a block follows it: the document's first
	 * block after the heading, unless that is already an instruction */
	b = next_block(lines, n, e, &e);
	if (b < n) {
		size_t e2;
		struct text_line r1;
		int v;

		if (!number_line(&lines[b], &v, &r1) && next_block(lines, n, e, &e2) < n) {
			out->title = join_lines(&h, lines + b, e - b, 0);
			b = e;
		}
	}
	body = clean_body(lines + b, n - b, out->symbol, &nbody);
	read_body(&rd, body, nbody);

	free(body);
	free(heading);
	repair_hyphens_release(&h);
	free(lines);
	free(copy);
	return 0;
}

void
amendoc_release(struct amendoc *d)
{
	size_t i;

	free(d->symbol);
	free(d->target);
	free(d->title);
	if (d->on_behalf_of)
		for (i = 0; i < d->nsponsors; i++)
			free(d->on_behalf_of[i]);
	free(d->on_behalf_of);
	free_strings(d->sponsors, d->nsponsors);
	for (i = 0; i < d->ninstr; i++)
		instr_release(&d->instr[i]);
	free(d->instr);
	for (i = 0; i < d->nunread; i++) {
		free(d->unread[i].source);
		free(d->unread[i].why);
	}
	free(d->unread);
	memset(d, 0, sizeof(*d));
}
