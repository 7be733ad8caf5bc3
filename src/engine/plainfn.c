#include "config.h"
#include "plainfn.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "repair.h"
#include "utf8.h"
#include "util.h"

#define MAX_LINES_PER_FOOTNOTE 12

struct marker {
	size_t line;
	size_t start, end;	/* bytes of the line to replace: the digits and a space before them */
	int number;
};

struct repair {
	const struct plainfn_input *in;
	struct marker *markers;
	size_t nmarkers, markers_cap;
	int *pending;		/* referred to, not yet placed, ascending */
	size_t npending, pending_cap;
	int expected;		/* the next marker number */
	int next_note;		/* the next footnote number a page's area should print */
	int *footnote_of;	/* per line: footnote number starting here, 0 */
	char *drop;		/* per line: a footnote number alone, dropped */
	char *in_note;		/* per line: part of a footnote */
	size_t *label_at;	/* per line: where the text starts after a printed label ("14  Text") */
	char *title_part;	/* per line: a piece of the running header's title */
	size_t placed;
	char *marked;		/* per footnote number: its marker was placed */
	int nmarked;		/* numbers in marked */
};

static int
is_bare_number(const struct plainfn_line *l)
{
	size_t i;

	if (l->len == 0 || l->len > 3)
		return 0;
	for (i = 0; i < l->len; i++)
		if (!isdigit((unsigned char)l->s[i]))
			return 0;
	return 1;
}

static int
is_page_furniture(const struct repair *r, const struct plainfn_line *l)
{
	const char *t = r->in->title;

	if (r->title_part && r->title_part[l - r->in->lines])
		return 1;
	if (repair_is_furniture(l->s, l->len, r->in->symbol))
		return 1;
	return t && strlen(t) == l->len && memcmp(t, l->s, l->len) == 0;
}

/* The title, or a line's worth of its start or end: a running header
 * printed over two lines ("Necessity of ending the economic, commercial
 * and financial" / "embargo imposed by ... against Cuba"). */
static int
is_title_piece(const char *t, const struct plainfn_line *l)
{
	size_t tl;

	if (!t || l->len < 12)
		return 0;
	tl = strlen(t);
	if (l->len == tl)
		return memcmp(t, l->s, tl) == 0;
	if (l->len > tl)
		return 0;
	return (memcmp(t, l->s, l->len) == 0 && t[l->len] == ' ') ||
	       (memcmp(t + tl - l->len, l->s, l->len) == 0 && t[tl - l->len - 1] == ' ');
}

/* The number of consecutive lines from i that print the whole title, a
 * line's break where the title has a space (two to four lines), or 0. */
static size_t
title_run(const char *t, const struct plainfn_input *in, size_t i)
{
	size_t tl, at = 0, j;

	if (!t)
		return 0;
	tl = strlen(t);
	for (j = i; j < in->nlines && j - i < 4; j++) {
		const struct plainfn_line *l = &in->lines[j];

		if (l->len == 0 || at + l->len > tl || memcmp(t + at, l->s, l->len) != 0)
			return 0;
		at += l->len;
		if (at == tl)
			return j > i ? j - i + 1 : 0;
		if (t[at] != ' ')
			return 0;
		at++;
	}
	return 0;
}

/*
 * Pieces of the title that stand beside other page furniture or a page
 * break (within two lines that hold text) are the running header's; the
 * same words in a paragraph stand among paragraph lines. Two pieces never
 * vouch for each other: a justified line broken a word at a time can hold
 * "Comprehensive" and then "Nuclear-Test-Ban Treaty".
 */
void
plainfn_mark_titles(const struct plainfn_input *in, char *mark)
{
	size_t i, j, run;

	for (i = in->body; i < in->nlines; i++) {
		int near = 0, seen;

		/* the whole title over consecutive lines vouches for all of
		 * them, the middle ones too ("Development, Production,
		 * Stockpiling and Use of Chemical" is neither its start nor
		 * its end); otherwise one line, a start or an end */
		run = title_run(in->title, in, i);
		if (!run && !is_title_piece(in->title, &in->lines[i]))
			continue;
		if (!run)
			run = 1;
		for (j = i, seen = 0; j-- > in->body && seen < 2 && !near;) {
			if (in->lines[j].page_break)
				near = 1;
			else if (in->lines[j].len)
				near = repair_is_furniture(in->lines[j].s, in->lines[j].len, in->symbol), seen++;
		}
		for (j = i + run, seen = 0; j < in->nlines && seen < 2 && !near; j++) {
			if (in->lines[j].page_break)
				near = 1;
			else if (in->lines[j].len)
				near = repair_is_furniture(in->lines[j].s, in->lines[j].len, in->symbol), seen++;
		}
		for (j = i; j < i + run; j++)
			mark[j] = (char)near;
		i += run - 1;
	}
}

/* Words after which a number is a quantity or a reference, not a marker. */
static int
takes_a_number(const char *w, size_t n)
{
	static const char *const words[] = { "resolution", "resolutions", "paragraph", "paragraphs", "para",
					     "paras", "article", "articles", "item", "items", "no", "nos", "vol",
					     "session", "annex", "footnote", "goal", "target", "rule", "rules",
					     "chapter", "section", "page", "pages", "part", "of", "to", "in", "on",
					     "from", "than", "and", "or", "the", "decision", "protocol", "principle",
					     "recommendation", "table", "figure", "line", "by", "at", "for", NULL };

	while (n > 0 && w[n - 1] == '.')
		n--;
	return lang_in_list(words, w, n);
}

/* "st", "nd", "rd", "th" ending a word: "2nd", "21st" */
static int
ordinal_suffix(const char *s, size_t n)
{
	static const char *const suffixes[] = { "st", "nd", "rd", "th", NULL };
	size_t i;

	for (i = 0; suffixes[i]; i++)
		if (n >= 2 && memcmp(s, suffixes[i], 2) == 0 && (n == 2 || !isalpha((unsigned char)s[2])))
			return 1;
	return 0;
}

/* The number whose digits end at s[end) (-1 when none): "7" in "of 7" */
static int
number_before(const char *s, size_t end)
{
	size_t b = end;
	int v = 0, scale = 1;

	while (b > 0 && end - b < 4 && isdigit((unsigned char)s[b - 1])) {
		v += (s[b - 1] - '0') * scale;
		scale *= 10;
		b--;
	}
	return b < end && (b == 0 || !isalnum((unsigned char)s[b - 1])) ? v : -1;
}

/* " September 2023" after a number: the number is a day */
static int
starts_date(const struct repair *r, const char *s, size_t n)
{
	if (n < 2 || s[0] != ' ' || !r->in->lang)
		return 0;
	return lang_month(r->in->lang, s + 1, lang_word_len(s + 1, n - 1)) != 0;
}

/*
 * Is the spaced number v at s[i..j) one of a list of numbers ("agenda
 * items 5, 6 and 7", "programmes 2, 10, 17, 25 and 26", "paragraphs 3
 * to 5")? A list's numbers are the text's, not markers, even when
 * footnotes 6 and 7 are looked for because the extractor lost the words
 * that carried their markers. A list has numbers on both sides of this
 * one, or is joined by "and", "or" or "to" to the number before or after
 * it in sequence; a comma alone makes none ("its amended article 1, 2
 * the Protocol" has marker 2).
 */
static int
in_enumeration(const char *s, size_t n, size_t i, size_t j, int v)
{
	static const char *const joins[] = { ", ", " and ", " or ", " to ", ", and ", NULL };
	size_t k, jl;
	int before = 0, after = 0, word = 0;

	for (k = 0; joins[k]; k++) {
		int w;

		jl = strlen(joins[k]);
		if (i >= jl + 1 && memcmp(s + i - jl, joins[k], jl) == 0 && (w = number_before(s, i - jl)) >= 0) {
			before = 1;
			word |= k > 0 && w == v - 1;
		}
		if (j + jl < n && memcmp(s + j, joins[k], jl) == 0 && isdigit((unsigned char)s[j + jl])) {
			size_t e = j + jl;

			for (w = 0; e < n && e - (j + jl) < 4 && isdigit((unsigned char)s[e]); e++)
				w = w * 10 + (s[e] - '0');
			if (e == n || !isalnum((unsigned char)s[e])) {
				after = 1;
				word |= k > 0 && w == v + 1;
			}
		}
	}
	return (before && after) || word;
}

/*
 * Find the marker for r->expected in line li, if any: digits glued to the
 * word or punctuation before them ("Peace17", "devices,2", "V)10"), or after
 * one space following punctuation or a word ("recipients, 1", "II) 8").
 */
static int
marker_at(const struct repair *r, size_t li, size_t i, int relaxed, struct marker *m)
{
	const struct plainfn_line *l = &r->in->lines[li];
	const char *s = l->s;
	size_t j, n = l->len;
	int v = 0;
	char before;

	for (j = i; j < n && isdigit((unsigned char)s[j]) && j - i < 4; j++)
		v = v * 10 + (s[j] - '0');
	if (j < n && isdigit((unsigned char)s[j]))
		return 0;
	if (i == 0) {
		/* a line that starts with the marker: PyMuPDF sets it
		 * apart from the words after it by two spaces ("1993" then
		 * "13  and the subsequent"); "6 to 12 March" is a date */
		if (j + 2 < n && s[j] == ' ' && s[j + 1] == ' ' && islower((unsigned char)s[j + 2])) {
			m->start = 0;
			m->end = j;
			m->line = li;
			m->number = v;
			return 1;
		}
		return 0;
	}
	/* what follows: the end, a space, or closing punctuation not
	 * starting a number; or, bending the rules, a word glued to a
	 * marker that is glued to punctuation ("Rights,1as well"), or
	 * to a marker whose space came before it instead of after
	 * ("Nuclear Weapons 6and the advisory opinion"; "2nd" is an
	 * ordinal) */
	if (j < n && s[j] != ' ' && !strchr(",;:)", s[j]) &&
	    !(s[j] == '.' && (j + 1 == n || s[j + 1] == ' ')) &&
	    !(relaxed && islower((unsigned char)s[j]) &&
	      (strchr(",;)", s[i - 1]) || (i >= 2 && s[i - 1] == ' ' && strchr(",;)", s[i - 2])) ||
	       (i >= 2 && s[i - 1] == ' ' && isalpha((unsigned char)s[i - 2]) && !ordinal_suffix(s + j, n - j)))))
		return 0;
	before = s[i - 1];
	/* after a sentence's full stop ("Committee.1"), only when the
	 * page says the marker is here: "para.1" is no word's end */
	if (before == '.' && relaxed && i >= 2 && islower((unsigned char)s[i - 2]) &&
	    (j == n || s[j] == ' ')) {
		m->start = i;
		m->end = j;
		m->line = li;
		m->number = v;
		return 1;
	}
	if (before == '/' || before == '-' || before == '.' || before == ':' || before == '(' ||
	    before == '[')
		return 0;
	if (before == ' ') {
		size_t w = i - 1, ws;
		if (w == 0)
			return 0;
		/* a count before a capitalised noun: "20 States" (unless
		 * the page's footnotes say this marker must be here) */
		if (!relaxed && j + 1 < n && s[j] == ' ' && isupper((unsigned char)s[j + 1]))
			return 0;
		ws = w;
		while (ws > 0 && s[ws - 1] != ' ')
			ws--;
		/* "paragraph 4 of section XIV" stays a reference at any level,
		 * also when "of" ends the line */
		if (isalpha((unsigned char)s[w - 1]) && takes_a_number(s + ws, w - ws) &&
		    (relaxed < 2 || (j + 3 <= n && memcmp(s + j, " of", 3) == 0 && (j + 3 == n || s[j + 3] == ' '))))
			return 0;
		if (!relaxed && isdigit((unsigned char)s[w - 1]))
			return 0;
		if (in_enumeration(s, n, i, j, v) || starts_date(r, s + j, n - j))
			return 0;
		m->start = i - 1;
	} else {
		/* glued to a word: not inside a code such as "G20" or "A79"
		 * (but, bending the rules, after a roman numeral:
		 * "Additional Protocol I6") */
		if (isalpha((unsigned char)before)) {
			size_t ws = i, q;
			int upper = 1, roman = 1;
			while (ws > 0 && isalpha((unsigned char)s[ws - 1]))
				upper &= isupper((unsigned char)s[--ws]) != 0;
			for (q = ws; q < i; q++)
				roman &= strchr("IVX", s[q]) != NULL;
			if (upper && i - ws <= 3 && !(relaxed && roman && ws > 0 && s[ws - 1] == ' '))
				return 0;
		}
		m->start = i;
	}
	m->end = j;
	m->line = li;
	m->number = v;
	return 1;
}

static int
find_marker_in(struct repair *r, size_t li, size_t from, int relaxed, struct marker *m)
{
	const struct plainfn_line *l = &r->in->lines[li];
	size_t i;

	for (i = from; i < l->len; i++) {
		if (!isdigit((unsigned char)l->s[i]) || (i > 0 && isdigit((unsigned char)l->s[i - 1])))
			continue;
		if (marker_at(r, li, i, relaxed, m) && m->number == r->expected)
			return 1;
	}
	return 0;
}

static int
find_marker(struct repair *r, size_t li, size_t from, struct marker *m)
{
	return find_marker_in(r, li, from, 0, m);
}

static void
scan_markers(struct repair *r, size_t li)
{
	struct marker m;
	size_t from = 0;

	while (find_marker(r, li, from, &m)) {
		GROW(r->markers, r->markers_cap, r->nmarkers + 1);
		r->markers[r->nmarkers++] = m;
		GROW(r->pending, r->pending_cap, r->npending + 1);
		r->pending[r->npending++] = m.number;
		r->expected++;
		from = m.end;
	}
}

/* Could this line open a footnote? Footnotes start with a capital or a
 * symbol's digit: "See ...", "A/78/111, annex.", "Ibid., vol. 1342". */
static int
footnote_start(const struct plainfn_line *l)
{
	uint32_t cp;

	if (l->len == 0)
		return 0;
	utf8_decode(l->s, l->len, &cp);
	if (!utf8_is_upper(cp) && !isdigit((unsigned char)l->s[0]))
		return 0;
	/* "Including Security Council resolutions ..." may open a footnote, so
	 * only a paragraph number rules a line out */
	return !lang_line_numbered(l->s, l->len);
}

static int
footnote_end(const struct plainfn_line *l)
{
	static const char *const abbrev[] = { "vol.", "No.", "Nos.", "para.", "paras.", "p.", "pp.", "art.",
					      "Corr.", "Add.", "Rev.", "sect.", "chap.", NULL };
	size_t w;

	if (l->len == 0 || l->s[l->len - 1] != '.')
		return 0;
	w = l->len;
	while (w > 0 && l->s[w - 1] != ' ')
		w--;
	return !lang_in_list(abbrev, l->s + w, l->len - w);
}

/*
 * Cut lines cand[b..n) into footnotes, each ending at a line that ends a
 * footnote. Valid when there are exactly k and each starts like a footnote.
 */
static int
partition_ok(const struct repair *r, const size_t *cand, size_t n, size_t b, size_t k)
{
	size_t i, count = 0, lines = 0;
	int at_start = 1;

	for (i = b; i < n; i++) {
		const struct plainfn_line *l = &r->in->lines[cand[i]];
		if (at_start && !footnote_start(l))
			return 0;
		at_start = 0;
		if (++lines > MAX_LINES_PER_FOOTNOTE)
			return 0;
		if (footnote_end(l)) {
			count++;
			at_start = 1;
			lines = 0;
		}
	}
	return at_start && count == k;
}

/* Place the k lowest pending footnotes on lines cand[b..n). */
static void
place_footnotes(struct repair *r, const size_t *cand, size_t n, size_t b, size_t k)
{
	size_t i, f = 0;
	int at_start = 1;

	for (i = b; i < n; i++) {
		const struct plainfn_line *l = &r->in->lines[cand[i]];
		r->in_note[cand[i]] = 1;
		if (at_start)
			r->footnote_of[cand[i]] = r->pending[f++];
		at_start = footnote_end(l);
	}
	memmove(r->pending, r->pending + k, (r->npending - k) * sizeof(*r->pending));
	r->npending -= k;
	r->placed += k;
}

/* Lines of the page that can hold text: not blank, not a number alone. */
static size_t
page_candidates(struct repair *r, size_t from, size_t to, size_t *cand)
{
	size_t i, n = 0;

	for (i = from; i < to; i++) {
		const struct plainfn_line *l = &r->in->lines[i];
		if (l->len == 0 || is_page_furniture(r, l))
			continue;
		if (is_bare_number(l))
			continue;
		cand[n++] = i;
	}
	return n;
}

/* How footnotes usually begin: "See", "Ibid.", "Resolution 70/1.", a
 * document symbol ("A/78/111, annex."), a treaty series reference. */
static int
typical_footnote_start(const struct plainfn_line *l)
{
	static const char *const starts[] = { "See ", "Ibid", "Resolution", "Resolutions", "United Nations",
					      "Official Records", "Including", "Report", "Decision", "Annex",
					      "Convention", "Ibidem", NULL };
	const char *const *p;
	size_t i;

	for (p = starts; *p; p++)
		if (l->len >= strlen(*p) && memcmp(l->s, *p, strlen(*p)) == 0)
			return 1;
	for (i = 0; i < l->len && l->s[i] != ' '; i++)
		if (l->s[i] == '/')
			return 1;
	return isdigit((unsigned char)l->s[0]) != 0;
}

static size_t
partition_score(const struct repair *r, const size_t *cand, size_t n, size_t b)
{
	size_t i, score = 0;
	int at_start = 1;

	for (i = b; i < n; i++) {
		const struct plainfn_line *l = &r->in->lines[cand[i]];
		if (at_start)
			score += (size_t)typical_footnote_start(l);
		at_start = footnote_end(l);
	}
	return score;
}

/*
 * The footnotes at the bottom of the page: of the ways to cut the last
 * lines into k footnotes, the one whose footnotes begin most like footnotes,
 * and then the shortest.
 *
 * A cut at line i holds as many footnotes as lines from i on end one, so
 * only the lines with exactly k such ends after them can start it: the
 * last lines up to the (k+1)-th end from the bottom, of which the first
 * footnote's length limit leaves at most MAX_LINES_PER_FOOTNOTE to check.
 * Checking every line of the page cost its lines squared: typed text is
 * one page, and digits glued to a word ("w123") make markers, so 25,000
 * clauses took 30 s. The cuts tried are those that could be valid, in the
 * same order, so the one chosen is the same.
 */
static int
find_block(struct repair *r, const size_t *cand, size_t n, size_t k, size_t *b)
{
	size_t i, score, best = 0, ends = 0;
	int found = 0;

	if (k == 0 || n == 0)
		return 0;
	for (i = n; i-- > 0;) {
		if (footnote_end(&r->in->lines[cand[i]]))
			ends++;
		/* the ends from i on only grow as i goes up the page */
		if (ends > k)
			break;
		if (ends < k || !partition_ok(r, cand, n, i, k))
			continue;
		score = partition_score(r, cand, n, i);
		if (!found || score > best) {
			best = score;
			*b = i;
			found = 1;
		}
	}
	return found;
}

static int
bare_value(const struct plainfn_line *l)
{
	return atoi(l->s);
}

/*
 * pdftotext -layout keeps each footnote's number on a line of its own just
 * above its text. When the last k such numbers of the page are exactly the
 * pending markers, they say where each footnote starts.
 */
static int
place_numbered(struct repair *r, size_t from, size_t to, size_t k)
{
	size_t *num = xcalloc(to - from + 1, sizeof(*num)), n = 0, i, j, f;
	int ok = 1;

	for (i = from; i < to; i++)
		if (is_bare_number(&r->in->lines[i]))
			num[n++] = i;
	if (n < k) {
		free(num);
		return 0;
	}
	for (f = 0; f < k && ok; f++) {
		size_t li = num[n - k + f];
		ok = bare_value(&r->in->lines[li]) == r->pending[f] && li + 1 < to &&
		     footnote_start(&r->in->lines[li + 1]);
	}
	if (ok) {
		for (f = 0; f < k; f++) {
			size_t li = num[n - k + f], end = f + 1 < k ? num[n - k + f + 1] : to;
			r->footnote_of[li + 1] = r->pending[f];
			for (j = li + 1; j < end; j++)
				if (r->in->lines[j].len && !is_page_furniture(r, &r->in->lines[j]))
					r->in_note[j] = 1;
		}
		memmove(r->pending, r->pending + k, (r->npending - k) * sizeof(*r->pending));
		r->npending -= k;
		r->placed += k;
	}
	free(num);
	return ok;
}

/*
 * Pages with a rule: the area below it holds the page's footnotes, and
 * what it prints says exactly which ones: PyMuPDF writes "14  Text",
 * pdftotext -layout the number on a line of its own above its text, and
 * pdftotext without -layout the numbers on lines of their own somewhere
 * after their texts (in any order). Footnotes are numbered in one sequence
 * through the document, which tells a footnote's number from a line of
 * its text that happens to start with a number.
 */

struct note_item {
	size_t line;
	int number;		/* a bare number or a label: its value; text: 0 */
	int labelled;		/* "14  Text": a label and text on one line */
	size_t text_at;		/* a label's text starts here */
};

/* After a label of i bytes worth v: spaces, then text, or no label (0) */
static int
label_text(const struct plainfn_line *l, size_t i, int v, size_t *text_at)
{
	if (i == 0 || i >= l->len || l->s[i] != ' ')
		return 0;
	while (i < l->len && l->s[i] == ' ')
		i++;
	if (i >= l->len)
		return 0;
	*text_at = i;
	return v;
}

/* "14  United Nations ...": 1-3 digits, spaces, then text; the value */
static int
label_value(const struct plainfn_line *l, size_t *text_at)
{
	size_t i = 0;
	int v = 0;

	while (i < l->len && i < 3 && isdigit((unsigned char)l->s[i]))
		v = v * 10 + (l->s[i++] - '0');
	return label_text(l, i, v, text_at);
}

/* "¹² Text": a superscript label, as typed text and Markdown's
 * definitions (rewritten by markdown.c) print a footnote; the value */
static int
typed_label_value(const struct plainfn_line *l, size_t *text_at)
{
	int v;
	size_t i = repair_superscript_run(l->s, l->len, &v);

	return label_text(l, i, v, text_at);
}

/* A label continues the sequence: the next number, or one a little after
 * it when a footnote was lost. */
static int
plausible_note(int want, int v)
{
	return v >= want && v <= want + 3;
}

static void
start_note(struct repair *r, size_t line, int number)
{
	r->footnote_of[line] = number;
	if (number >= r->next_note)
		r->next_note = number + 1;
	r->placed++;
}

/* Text lines t[0..n) cut into k footnotes: at each strong boundary (a
 * bare number printed between them), then at the most footnote-like
 * sentence ends. starts[] receives the k first lines. */
static int
cut_notes(const struct repair *r, const size_t *t, const char *strong, size_t n, size_t k, size_t *starts)
{
	char *cut = xcalloc(n + 1, 1);
	size_t i, have = 0, j;

	if (n < k || k == 0) {
		free(cut);
		return 0;
	}
	cut[0] = 1;
	for (i = 1; i < n; i++)
		cut[i] = strong[i];
	for (i = 0; i < n; i++)
		have += cut[i];
	/* too few: the footnote-like starts after a finished sentence, best first */
	while (have < k) {
		size_t best = 0;
		int best_score = -1;

		for (i = 1; i < n; i++) {
			int score;

			if (cut[i] || !footnote_end(&r->in->lines[t[i - 1]]) || !footnote_start(&r->in->lines[t[i]]))
				continue;
			score = typical_footnote_start(&r->in->lines[t[i]]) * 2 +
				(r->in->lines[t[i - 1]].len < r->in->lines[t[i]].len);
			if (score > best_score) {
				best_score = score;
				best = i;
			}
		}
		if (best_score < 0)
			break;
		cut[best] = 1;
		have++;
	}
	if (have != k) {
		free(cut);
		return 0;
	}
	for (i = 0, j = 0; i < n; i++)
		if (cut[i])
			starts[j++] = i;
	free(cut);
	return 1;
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* "* Text" or "** Text" */
static int
star_note(const struct plainfn_line *l)
{
	size_t i = 0;

	while (i < l->len && i < 3 && l->s[i] == '*')
		i++;
	return i > 0 && i < l->len && l->s[i] == ' ';
}

/*
 * pdftotext -layout prints each footnote's number on a line of its own
 * just above its text: the area is number, text..., number, text..., the
 * numbers in order. Anything else (a text with no number before it, two
 * numbers together, numbers out of order) is pdftotext's other way.
 */
static int
numbers_before_texts(const struct repair *r, const struct note_item *it, size_t n)
{
	size_t i;
	int want = r->next_note;

	if (n < 2 || !it[0].number || it[0].labelled)
		return 0;
	for (i = 0; i < n; i++) {
		if (it[i].number && !it[i].labelled) {
			if (i + 1 >= n || (it[i + 1].number && !it[i + 1].labelled) || !plausible_note(want, it[i].number))
				return 0;
			want = it[i].number + 1;
		}
	}
	return 1;
}

/* Read the area below a rule, lines [from, to); returns the numbers of the
 * footnotes found (ascending) in nums, their count as the result. */
static size_t
read_note_area(struct repair *r, size_t from, size_t to, int *nums)
{
	struct note_item *it = xcalloc(to - from + 1, sizeof(*it));
	size_t n = 0, i, k = 0, ntext = 0, *t, *starts;
	char *strong;
	size_t at;
	int want = r->next_note, star = 0, typed = -1, v;

	for (i = from; i < to; i++) {
		const struct plainfn_line *l = &r->in->lines[i];

		if (l->len == 0 || is_page_furniture(r, l))
			continue;
		/* an area whose first note has a superscript label is read by
		 * such labels alone: a line of a note may start with a number
		 * ("2 December 2024"), and the labels leave no doubt */
		if (typed < 0)
			typed = typed_label_value(l, &at) > 0;
		if (typed) {
			it[n].line = i;
			if ((v = typed_label_value(l, &at)) >= want) {
				it[n].number = v;
				it[n].labelled = 1;
				it[n].text_at = at;
				want = v + 1;
			}
			n++;
			continue;
		}
		/* "* A/80/150.", "** Any changes to the list of sponsors ...":
		 * the notes of a draft's header, which its body never marks */
		if (star_note(l)) {
			r->drop[i] = 1;
			star = 1;
			continue;
		}
		if (star && !is_bare_number(l) && !plausible_note(want, label_value(l, &at))) {
			/* a star note's continuation */
			r->drop[i] = 1;
			continue;
		}
		star = 0;
		it[n].line = i;
		if (is_bare_number(l)) {
			it[n].number = bare_value(l);
		} else if (plausible_note(want, label_value(l, &at))) {
			it[n].number = label_value(l, &at);
			it[n].labelled = 1;
			it[n].text_at = at;
			want = it[n].number + 1;
		}
		n++;
	}
	if (n == 0)
		goto out;
	if (it[0].labelled || numbers_before_texts(r, it, n)) {
		/* each label or number starts its footnote; the lines after it
		 * continue it */
		int numbered_lines = !it[0].labelled;

		for (i = 0; i < n; i++) {
			if (it[i].labelled && !numbered_lines) {
				start_note(r, it[i].line, it[i].number);
				nums[k++] = it[i].number;
				r->label_at[it[i].line] = it[i].text_at;
			} else if (numbered_lines && it[i].number && !it[i].labelled) {
				r->drop[it[i].line] = 1;
				start_note(r, it[i + 1].line, it[i].number);
				nums[k++] = it[i].number;
				continue;
			}
			r->in_note[it[i].line] = 1;
		}
		goto out;
	}
	/* the numbers come apart from their texts: the texts in order take
	 * the numbers in ascending order */
	t = xcalloc(n + 1, sizeof(*t));
	strong = xcalloc(n + 1, 1);
	starts = xcalloc(n + 1, sizeof(*starts));
	for (i = 0; i < n; i++) {
		if (it[i].number && !it[i].labelled) {
			nums[k++] = it[i].number;
			r->drop[it[i].line] = 1;
			if (ntext)
				strong[ntext] = 1;
			continue;
		}
		t[ntext++] = it[i].line;
	}
	/* a boundary after the last text means nothing */
	strong[ntext] = 0;
	qsort(nums, k, sizeof(*nums), cmp_int);
	if (k && cut_notes(r, t, strong, ntext, k, starts)) {
		for (i = 0; i < ntext; i++)
			r->in_note[t[i]] = 1;
		for (i = 0; i < k; i++)
			start_note(r, t[starts[i]], nums[i]);
	} else {
		for (i = 0; i < n; i++)
			r->drop[it[i].line] = 0;
		k = 0;
	}
	free(t);
	free(strong);
	free(starts);
out:
	free(it);
	return k;
}

/* The markers of the page's footnotes, in order, in its body [from, to). */
/* A place a marker could be: the marker, the index of its number among
 * the page's footnotes, and how far the rules were bent to find it. */
struct cand {
	struct marker m;
	size_t f;
	int level;
};

static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->m.line != y->m.line)
		return (x->m.line > y->m.line) - (x->m.line < y->m.line);
	if (x->m.start != y->m.start)
		return (x->m.start > y->m.start) - (x->m.start < y->m.start);
	return (x->f > y->f) - (x->f < y->f);
}

/* The numbers of the page's footnotes, sorted, each with its index. */
struct note_index {
	int number;
	size_t f;
};

static int
cmp_note_index(const void *a, const void *b)
{
	const struct note_index *x = a, *y = b;

	if (x->number != y->number)
		return (x->number > y->number) - (x->number < y->number);
	return (x->f > y->f) - (x->f < y->f);
}

/* The first footnote of the page numbered v, or -1. */
static long
note_of(const struct note_index *ix, size_t k, int v)
{
	size_t lo = 0, hi = k;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix[mid].number < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < k && ix[lo].number == v ? (long)ix[lo].f : -1;
}

static void
add_cand(struct cand **c, size_t *n, size_t *cap, const struct marker *m, long f, int level)
{
	GROW(*c, *cap, *n + 1);
	(*c)[*n].m = *m;
	(*c)[*n].f = (size_t)f;
	(*c)[(*n)++].level = level;
}

/*
 * How far the rules bend for the last wl digits of the run s[i..j) to be
 * a marker glued to a number: 3 after a slash or as a year's fifth digits
 * ("resolution 59/3009", "of 19881"), 4 after any number ("Agenda 216"
 * for Agenda 21 and marker 6); 0 when they cannot be one.
 */
static int
glued_level(const char *s, size_t len, size_t i, size_t j, size_t wl)
{
	if (j - i <= wl || s[j - wl] == '0' || (j < len && isalnum((unsigned char)s[j])))
		return 0;
	if ((i > 0 && s[i - 1] == '/') ||
	    (j - i == 4 + wl && (memcmp(s + i, "19", 2) == 0 || memcmp(s + i, "20", 2) == 0)))
		return 3;
	return j - i >= wl + 2 ? 4 : 0;
}

/*
 * Every place in the body [from, to) where the marker of one of the
 * page's footnotes could be, each at the lowest level that finds it (-1
 * a superscript the text gives; 0 the usual rules; 1 also before a
 * capital, after a number or a sentence's full stop; 2 also after a word
 * that takes a number, "session 40"; 3 and 4 glued to a number). One pass
 * over the text: each number is looked up among the footnotes', so a page
 * of any length with any number of footnotes costs its length.
 */
static void
collect_cands(struct repair *r, size_t from, size_t to, const struct note_index *ix, size_t k,
	      struct cand **c, size_t *n, size_t *cap)
{
	size_t li, i, j, sl, wl;
	struct marker m;
	long f;
	int v, level;

	for (li = from; li < to; li++) {
		const struct plainfn_line *l = &r->in->lines[li];
		const char *s = l->s;

		if (l->len == 0 || is_page_furniture(r, l))
			continue;
		for (i = 0; i < l->len; i++) {
			unsigned char ch = (unsigned char)s[i];

			/* superscript digits start with 0xC2 or 0xE2 */
			if ((ch == 0xC2 || ch == 0xE2) && (sl = repair_superscript_run(s + i, l->len - i, &v)) > 0) {
				m.line = li;
				m.start = i;
				m.end = i + sl;
				m.number = v;
				if ((f = note_of(ix, k, v)) >= 0)
					add_cand(c, n, cap, &m, f, -1);
				i += sl - 1;
				continue;
			}
			if (!isdigit(ch) || (i > 0 && isdigit((unsigned char)s[i - 1])))
				continue;
			for (j = i, v = 0; j < l->len && isdigit((unsigned char)s[j]); j++)
				v = j - i < 6 ? v * 10 + (s[j] - '0') : v;
			/* the number as a marker of its own */
			if (j - i <= 4 && (f = note_of(ix, k, v)) >= 0)
				for (level = 0; level <= 2; level++)
					if (marker_at(r, li, i, level, &m)) {
						add_cand(c, n, cap, &m, f, level);
						break;
					}
			/* its last digits as a marker glued to a number */
			for (wl = 1; wl < j - i && wl <= 5; wl++) {
				size_t q;
				int w = 0;

				for (q = j - wl; q < j; q++)
					w = w * 10 + (s[q] - '0');
				if ((f = note_of(ix, k, w)) < 0 || !(level = glued_level(s, l->len, i, j, wl)))
					continue;
				m.line = li;
				m.start = j - wl;
				m.end = j;
				m.number = w;
				add_cand(c, n, cap, &m, f, level);
			}
			i = j - 1;
		}
	}
}

/*
 * The best chain ending before a footnote index, for the chain below:
 * a Fenwick tree over the footnotes' indices keeps, for each prefix, the
 * highest score and, among equal scores, the earliest candidate.
 */
struct chain_best {
	long score;
	long at;		/* the candidate, -1 for none */
};

static int
chain_better(struct chain_best a, struct chain_best b)
{
	if (a.at < 0)
		return 0;
	return b.at < 0 || a.score > b.score || (a.score == b.score && a.at < b.at);
}

static void
chain_put(struct chain_best *tree, size_t k, size_t f, struct chain_best v)
{
	for (f++; f <= k; f += f & (~f + 1))
		if (chain_better(v, tree[f]))
			tree[f] = v;
}

/* The best of the candidates placed for footnotes before index f. */
static struct chain_best
chain_get(const struct chain_best *tree, size_t f)
{
	struct chain_best b = { 0, -1 };

	for (; f > 0; f -= f & (~f + 1))
		if (chain_better(tree[f], b))
			b = tree[f];
	return b;
}

/*
 * The markers of the page's footnotes in its body [from, to): of all the
 * places each could be, the chain in reading order that places the most
 * of them, the usual rules preferred. A greedy search took "another 10
 * years" for marker 10 and lost 11 to 20, which stood before it; the
 * chain finds 10 glued to "202310" and keeps them all. A candidate
 * follows the best chain of lower footnotes that ends before it starts;
 * the chains of candidates still overlapping it on its line wait, so the
 * whole costs n log k for n candidates and k footnotes (a Markdown text
 * is one page, its footnotes all at the end).
 */
static size_t
mark_ruled_body(struct repair *r, size_t from, size_t to, const int *nums, size_t k)
{
	struct cand *c = NULL;
	struct note_index *ix = xcalloc(k + 1, sizeof(*ix));
	struct chain_best *tree = xcalloc(k + 1, sizeof(*tree)), q;
	size_t n = 0, cap = 0, f, i, t, h = 0, found = 0, best_end = 0;
	long *score, *prev, best = -1;
	char *placed;

	for (f = 0; f < k; f++) {
		ix[f].number = nums[f];
		ix[f].f = f;
		tree[f + 1].at = -1;
	}
	if (k)
		qsort(ix, k, sizeof(*ix), cmp_note_index);
	collect_cands(r, from, to, ix, k, &c, &n, &cap);
	if (n)
		qsort(c, n, sizeof(*c), cmp_cand);
	score = xcalloc(n + 1, sizeof(*score));
	prev = xcalloc(n + 1, sizeof(*prev));
	placed = xcalloc(n + 1, 1);
	/* a chain's score: markers placed, less a little for each bent rule */
	for (i = 0; i < n; i++) {
		/* the candidates that end before this one starts join the tree */
		for (t = h; t < i; t++) {
			if (placed[t] || (c[t].m.line == c[i].m.line && c[t].m.end > c[i].m.start))
				continue;
			q.score = score[t];
			q.at = (long)t;
			chain_put(tree, k, c[t].f, q);
			placed[t] = 1;
		}
		while (h < i && placed[h])
			h++;
		q = chain_get(tree, c[i].f);
		score[i] = (q.at >= 0 ? q.score : 0) + 16 - c[i].level;
		prev[i] = q.at;
		if (score[i] > best) {
			best = score[i];
			best_end = i;
		}
	}
	if (best >= 0) {
		long at;
		size_t first = r->nmarkers;

		for (at = (long)best_end; at >= 0; at = prev[at])
			found++;
		GROW(r->markers, r->markers_cap, r->nmarkers + found);
		r->nmarkers += found;
		i = found;
		for (at = (long)best_end; at >= 0; at = prev[at])
			r->markers[first + --i] = c[at].m;
	}
	if (k)
		r->expected = nums[k - 1] + 1;
	free(placed);
	free(score);
	free(prev);
	free(tree);
	free(ix);
	free(c);
	return found;
}

static int
close_ruled_page(struct repair *r, size_t from, size_t rule, size_t to)
{
	int *nums = xcalloc(to - rule + 1, sizeof(*nums));
	size_t k = read_note_area(r, rule + 1, to, nums), found;

	found = mark_ruled_body(r, from, rule, nums, k);
	free(nums);
	return found == k && k > 0;
}

/*
 * A page ends at its footer. Its markers are found first in every line;
 * when the bottom of the page holds as many footnotes as there are pending
 * markers, those lines are footnotes, and the markers are found again in
 * the body lines alone.
 */
static int
close_page(struct repair *r, size_t from, size_t to, size_t *cand)
{
	size_t n, b = 0, i, k;
	size_t m0 = r->nmarkers, p0 = r->npending;
	int e0 = r->expected;

	for (i = from; i < to; i++)
		if (repair_is_rule(r->in->lines[i].s, r->in->lines[i].len))
			return close_ruled_page(r, from, i, to);
	n = page_candidates(r, from, to, cand);

	for (i = 0; i < n; i++)
		scan_markers(r, cand[i]);
	k = r->npending;
	if (k == 0)
		return 1;
	if (place_numbered(r, from, to, k))
		return 1;
	if (!find_block(r, cand, n, k, &b)) {
		/* numbers no footnote text confirms are not taken for markers
		 * ("Panel 2:" is a panel's number) */
		r->nmarkers = m0;
		r->npending = p0;
		r->expected = e0;
		return 0;
	}
	r->nmarkers = m0;
	r->npending = p0;
	r->expected = e0;
	for (i = 0; i < b; i++)
		scan_markers(r, cand[i]);
	k = r->npending;
	if (k && partition_ok(r, cand, n, b, k)) {
		place_footnotes(r, cand, n, b, k);
		return 1;
	}
	r->npending = p0;
	return k == 0;
}

/*
 * "business -to-business": pdftotext -layout justifies a line by putting
 * a space before a word's own hyphen; a dash as an aside has spaces on
 * both sides, so a space between a letter and "-" glued to a lower-case
 * letter is the extractor's and goes.
 */
static void
add_unspaced(struct sbuf *out, const char *s, size_t n)
{
	size_t i, from = 0;

	for (i = 1; i + 2 < n; i++) {
		if (s[i] != ' ' || s[i + 1] != '-' || !isalpha((unsigned char)s[i - 1]) ||
		    !islower((unsigned char)s[i + 2]))
			continue;
		sbuf_add(out, s + from, i - from);
		from = i + 1;
	}
	sbuf_add(out, s + from, n - from);
}

/*
 * A superscript the text gave for a footnote whose marker was placed
 * elsewhere ("Network of P[^5] academics", where an extractor took the
 * "5" of "P5" for a marker, out of the sequence): its digits go back into
 * the text. Footnotes are referred to once, in order.
 */
static void
add_untyped(const struct repair *r, struct sbuf *out, const char *s, size_t n)
{
	size_t i, k, from = 0;
	int v;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c != 0xC2 && c != 0xE2) || (k = repair_superscript_run(s + i, n - i, &v)) == 0)
			continue;
		if (v < r->nmarked && r->marked[v]) {
			sbuf_add(out, s + from, i - from);
			sbuf_printf(out, "%d", v);
			from = i + k;
		}
		i += k - 1;
	}
	sbuf_add(out, s + from, n - from);
}

static void
emit_line(struct repair *r, size_t li, struct sbuf *out, size_t *mi)
{
	const struct plainfn_line *l = &r->in->lines[li];
	size_t pos = 0;

	if (r->drop[li] || r->title_part[li])
		return;
	if (r->footnote_of[li]) {
		/* a footnote starts a block of its own */
		sbuf_addch(out, '\n');
		repair_add_superscript(out, r->footnote_of[li]);
		sbuf_addch(out, ' ');
		pos = r->label_at[li];
	}
	while (*mi < r->nmarkers && r->markers[*mi].line == li) {
		const struct marker *m = &r->markers[*mi];

		add_untyped(r, out, l->s + pos, m->start - pos);
		repair_add_superscript(out, m->number);
		pos = m->end;
		/* "Rights,1as well": the space the extractor lost after the marker */
		if (pos < l->len && isalpha((unsigned char)l->s[pos]))
			sbuf_addch(out, ' ');
		(*mi)++;
	}
	if (r->nmarked) {
		struct sbuf tail = SBUF_INIT;

		add_untyped(r, &tail, l->s + pos, l->len - pos);
		add_unspaced(out, tail.buf, tail.len);
		sbuf_release(&tail);
	} else {
		add_unspaced(out, l->s + pos, l->len - pos);
	}
	sbuf_addch(out, '\n');
	/* the body resumes in a block of its own after a footnote */
	if (r->in_note[li] && (li + 1 >= r->in->nlines || !r->in_note[li + 1] || r->footnote_of[li + 1]))
		sbuf_addch(out, '\n');
}

/* Does the body hold any superscript (a typed marker)? */
static int
has_typed_markers(const struct repair *r)
{
	size_t i, j;
	int v;

	for (i = r->in->body; i < r->in->nlines; i++) {
		const struct plainfn_line *l = &r->in->lines[i];

		for (j = 0; j < l->len; j++)
			if (((unsigned char)l->s[j] == 0xC2 || (unsigned char)l->s[j] == 0xE2) &&
			    repair_superscript_run(l->s + j, l->len - j, &v))
				return 1;
	}
	return 0;
}

size_t
plainfn_repair(const struct plainfn_input *in, struct sbuf *out, size_t *unmatched_pages)
{
	struct repair r;
	size_t i, page = in->body, mi = 0, *cand, form_feeds = 0;

	memset(&r, 0, sizeof(r));
	r.in = in;
	r.expected = 1;
	r.next_note = 1;
	r.label_at = xcalloc(in->nlines + 1, sizeof(*r.label_at));
	r.title_part = xcalloc(in->nlines + 1, 1);
	plainfn_mark_titles(in, r.title_part);
	r.footnote_of = xcalloc(in->nlines + 1, sizeof(*r.footnote_of));
	r.drop = xcalloc(in->nlines + 1, 1);
	r.in_note = xcalloc(in->nlines + 1, 1);
	cand = xcalloc(in->nlines + 1, sizeof(*cand));
	*unmatched_pages = 0;
	for (i = 0; i < in->nlines; i++)
		form_feeds += in->lines[i].page_break;
	for (i = in->body; i <= in->nlines; i++) {
		/* a form feed ends a page (pdftotext, which may print a page's
		 * number between its rule and its footnotes); without them,
		 * furniture does (PyMuPDF) -- but the rule only opens the notes */
		if (i < in->nlines && (form_feeds ? !in->lines[i].page_break :
				       !is_page_furniture(&r, &in->lines[i]) ||
					       repair_is_rule(in->lines[i].s, in->lines[i].len)))
			continue;
		if (i > page && !close_page(&r, page, i, cand))
			(*unmatched_pages)++;
		page = i + 1;
	}
	/* the footnotes whose markers were placed, so that a superscript
	 * for one of them elsewhere can go back to digits (only Markdown's
	 * text has superscripts when this repair runs) */
	if (has_typed_markers(&r)) {
		for (i = 0; i < r.nmarkers; i++)
			if (r.markers[i].number >= r.nmarked)
				r.nmarked = r.markers[i].number + 1;
		r.marked = xcalloc((size_t)r.nmarked + 1, 1);
		for (i = 0; i < r.nmarkers; i++)
			r.marked[r.markers[i].number] = 1;
	}
	/* the numbers printed beside footnotes are replaced by the markers */
	for (i = in->body; i < in->nlines; i++)
		if (is_bare_number(&in->lines[i]) && r.placed)
			r.drop[i] = 1;
	for (i = 0; i < in->nlines; i++) {
		if (i < in->body) {
			sbuf_add(out, in->lines[i].s, in->lines[i].len);
			sbuf_addch(out, '\n');
			continue;
		}
		emit_line(&r, i, out, &mi);
	}
	free(r.markers);
	free(r.pending);
	free(r.footnote_of);
	free(r.drop);
	free(r.in_note);
	free(r.label_at);
	free(r.title_part);
	free(r.marked);
	free(cand);
	return r.placed;
}
