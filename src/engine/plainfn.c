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
	int *footnote_of;	/* per line: footnote number starting here, 0 */
	char *drop;		/* per line: a footnote number alone, dropped */
	char *in_note;		/* per line: part of a footnote */
	size_t placed;
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

	if (repair_is_furniture(l->s, l->len, r->in->symbol))
		return 1;
	return t && strlen(t) == l->len && memcmp(t, l->s, l->len) == 0;
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

/*
 * Find the marker for r->expected in line li, if any: digits glued to the
 * word or punctuation before them ("Peace17", "devices,2", "V)10"), or after
 * one space following punctuation or a word ("recipients, 1", "II) 8").
 */
static int
find_marker(struct repair *r, size_t li, size_t from, struct marker *m)
{
	const struct plainfn_line *l = &r->in->lines[li];
	const char *s = l->s;
	size_t i, j, n = l->len;

	for (i = from; i < n; i++) {
		int v = 0;
		char before;

		if (!isdigit((unsigned char)s[i]) || i == 0 || isdigit((unsigned char)s[i - 1]))
			continue;
		for (j = i; j < n && isdigit((unsigned char)s[j]) && j - i < 4; j++)
			v = v * 10 + (s[j] - '0');
		if (v != r->expected || (j < n && isdigit((unsigned char)s[j])))
			continue;
		/* what follows: the end, a space, or closing punctuation not starting a number */
		if (j < n && s[j] != ' ' && !strchr(",;:)", s[j]) &&
		    !(s[j] == '.' && (j + 1 == n || s[j + 1] == ' ')))
			continue;
		before = s[i - 1];
		if (before == '/' || before == '-' || before == '.' || before == ':' || before == '(' ||
		    before == '[')
			continue;
		if (before == ' ') {
			size_t w = i - 1, ws;
			if (w == 0)
				continue;
			/* a count before a capitalised noun: "20 States" */
			if (j + 1 < n && s[j] == ' ' && isupper((unsigned char)s[j + 1]))
				continue;
			ws = w;
			while (ws > 0 && s[ws - 1] != ' ')
				ws--;
			if (isalpha((unsigned char)s[w - 1]) && takes_a_number(s + ws, w - ws))
				continue;
			if (isdigit((unsigned char)s[w - 1]))
				continue;
			m->start = i - 1;
		} else {
			/* glued to a word: not inside a code such as "G20" or "A79" */
			if (isalpha((unsigned char)before)) {
				size_t ws = i;
				int upper = 1;
				while (ws > 0 && isalpha((unsigned char)s[ws - 1]))
					upper &= isupper((unsigned char)s[--ws]) != 0;
				if (upper && i - ws <= 3)
					continue;
			}
			m->start = i;
		}
		m->end = j;
		m->line = li;
		m->number = v;
		return 1;
	}
	return 0;
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
 */
static int
find_block(struct repair *r, const size_t *cand, size_t n, size_t k, size_t *b)
{
	size_t i, score, best = 0;
	int found = 0;

	if (k == 0 || n == 0)
		return 0;
	for (i = n; i-- > 0;) {
		if (!partition_ok(r, cand, n, i, k))
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
 * A page ends at its footer. Its markers are found first in every line;
 * when the bottom of the page holds as many footnotes as there are pending
 * markers, those lines are footnotes, and the markers are found again in
 * the body lines alone.
 */
static int
close_page(struct repair *r, size_t from, size_t to, size_t *cand)
{
	size_t n = page_candidates(r, from, to, cand), b = 0, i, k;
	size_t m0 = r->nmarkers, p0 = r->npending;
	int e0 = r->expected;

	for (i = 0; i < n; i++)
		scan_markers(r, cand[i]);
	k = r->npending;
	if (k == 0)
		return 1;
	if (place_numbered(r, from, to, k))
		return 1;
	if (!find_block(r, cand, n, k, &b)) {
		/* the markers stay; their footnotes are reported missing later */
		r->npending = p0;
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

static void
add_superscript(struct sbuf *out, int number)
{
	static const char *const sup[] = { "\xE2\x81\xB0", "\xC2\xB9", "\xC2\xB2", "\xC2\xB3",
					   "\xE2\x81\xB4", "\xE2\x81\xB5", "\xE2\x81\xB6",
					   "\xE2\x81\xB7", "\xE2\x81\xB8", "\xE2\x81\xB9" };
	char num[16];
	size_t k;

	snprintf(num, sizeof(num), "%d", number);
	for (k = 0; num[k]; k++)
		sbuf_adds(out, sup[num[k] - '0']);
}

static void
emit_line(struct repair *r, size_t li, struct sbuf *out, size_t *mi)
{
	const struct plainfn_line *l = &r->in->lines[li];
	size_t pos = 0;

	if (r->drop[li])
		return;
	if (r->footnote_of[li]) {
		/* a footnote starts a block of its own */
		sbuf_addch(out, '\n');
		add_superscript(out, r->footnote_of[li]);
		sbuf_addch(out, ' ');
	}
	while (*mi < r->nmarkers && r->markers[*mi].line == li) {
		const struct marker *m = &r->markers[*mi];

		sbuf_add(out, l->s + pos, m->start - pos);
		add_superscript(out, m->number);
		pos = m->end;
		(*mi)++;
	}
	sbuf_add(out, l->s + pos, l->len - pos);
	sbuf_addch(out, '\n');
	/* the body resumes in a block of its own after a footnote */
	if (r->in_note[li] && (li + 1 >= r->in->nlines || !r->in_note[li + 1] || r->footnote_of[li + 1]))
		sbuf_addch(out, '\n');
}

size_t
plainfn_repair(const struct plainfn_input *in, struct sbuf *out, size_t *unmatched_pages)
{
	struct repair r;
	size_t i, page = in->body, mi = 0, *cand;

	memset(&r, 0, sizeof(r));
	r.in = in;
	r.expected = 1;
	r.footnote_of = xcalloc(in->nlines + 1, sizeof(*r.footnote_of));
	r.drop = xcalloc(in->nlines + 1, 1);
	r.in_note = xcalloc(in->nlines + 1, 1);
	cand = xcalloc(in->nlines + 1, sizeof(*cand));
	*unmatched_pages = 0;
	for (i = in->body; i <= in->nlines; i++) {
		if (i < in->nlines && !is_page_furniture(&r, &in->lines[i]))
			continue;
		if (i > page && !close_page(&r, page, i, cand))
			(*unmatched_pages)++;
		page = i + 1;
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
	free(cand);
	return r.placed;
}
