#include "config.h"
#include "parse.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "markdown.h"
#include "meta.h"
#include "plainfn.h"
#include "repair.h"
#include "rejoin.h"
#include "sbuf.h"
#include "utf8.h"
#include "util.h"
#include "verbs.h"


/*
 * The parser works in passes over an array of lines:
 *  1. normalise: BOM, line ends, form feeds, tabs; reject non-text;
 *  2. find the enacting formula, which fixes the language and splits the
 *     header (metadata) from the body;
 *  3. classify body lines: blank, page furniture, footnote, annex heading,
 *     closing, text;
 *  4. join text lines into paragraphs, reconnecting paragraphs that a page
 *     break or a footnote block cut in two;
 *  5. turn paragraphs into clauses: numbers, sub-paragraphs, markers,
 *     emphasis, openers.
 */

enum line_kind { L_BLANK, L_FURNITURE, L_FOOTNOTE, L_ANNEX, L_CLOSING, L_TEXT };

struct line {
	const char *s;		/* trimmed on both sides, into the normalised buffer */
	size_t len;
	int no;			/* 1-based line number in the input */
	enum line_kind kind;
	int page_break;		/* a form feed: a new page starts after this line */
	unsigned chars;		/* characters, counted by body_measure for body text lines */
};

/*
 * A paragraph's text is written into the normalised buffer itself, over
 * the lines it was joined from: each line goes at or before where it was
 * read, and a paragraph only ever grows at the buffer's write point (the
 * open paragraph is always the last one). So a long text's paragraphs
 * take no memory of their own and no copying as they grow.
 */
struct para {
	char *s;		/* into the normalised buffer, NUL-terminated */
	size_t len;
	int line;
	int annex;		/* annex number, 0 in the body */
};

struct parser {
	const char *name;
	char *buf;		/* normalised copy of the input */
	struct line *lines;
	size_t nlines, lines_cap;
	const struct lang *lang;
	size_t formula;		/* index of the enacting-formula line */
	int superscripts;	/* footnote markers are Unicode superscripts */
	struct para *paras;
	size_t nparas, paras_cap;
	char *write;		/* where the next paragraph's text starts */
	char *clause_write;	/* where the next clause's text goes, behind the paragraphs read */
	size_t first_clause;	/* the first clause whose text is in the buffer */
	int from_pdftotext;	/* the footnotes were repaired: words may be split too */
	int md_wrapped;		/* Markdown whose blank lines separate paragraphs */
	struct repair_hyphens hyph;	/* the text's hyphenated words */
	struct resolution *res;
};

/*
 * Pass 1: normalise
 */

static void
split_lines(struct parser *p)
{
	char *s = p->buf, *e;
	int no = 1;
	uint32_t cp;
	size_t k;

	for (;;) {
		struct line *l;

		e = strchr(s, '\n');
		GROW(p->lines, p->lines_cap, p->nlines + 1);
		l = &p->lines[p->nlines++];
		l->s = s;
		l->len = e ? (size_t)(e - s) : strlen(s);
		l->page_break = l->len == 1 && s[0] == '\f';
		/* the form feed has a line of its own; it is not a line of the input */
		l->no = no;
		no += !l->page_break;
		/* trim white space, including no-break spaces, on both sides */
		while (l->len > 0) {
			k = utf8_decode(l->s, l->len, &cp);
			if (!utf8_is_space(cp))
				break;
			l->s += k;
			l->len -= k;
		}
		while (l->len > 0) {
			k = utf8_prev_len(l->s, l->len);
			utf8_decode(l->s + l->len - k, k, &cp);
			if (!utf8_is_space(cp))
				break;
			l->len -= k;
		}
		l->kind = l->len ? L_TEXT : L_BLANK;
		if (!e)
			break;
		s = e + 1;
	}
}

/*
 * Page furniture
 */







/*
 * Metadata from the header (meta.c reads it)
 */

static void
parse_header(struct parser *p)
{
	struct text_line *tl = xcalloc(p->nlines + 1, sizeof(*tl));
	size_t i;

	/* all lines: a draft's star notes sit below the formula; without a
	 * formula (p->lang NULL) meta.c finds the header itself */
	for (i = 0; i < p->nlines; i++) {
		tl[i].s = p->lines[i].s;
		tl[i].len = p->lines[i].len;
	}
	meta_read(&p->res->meta, p->lang, tl, p->nlines, p->formula);
	free(tl);
}

/*
 * Pass 3: classify body lines
 */

/* The lines as plainfn reads them (pl has p->nlines entries, the
 * caller's to free). */
static void
plainfn_input_of(const struct parser *p, struct plainfn_line *pl, struct plainfn_input *in)
{
	size_t i;

	for (i = 0; i < p->nlines; i++) {
		pl[i].s = p->lines[i].s;
		pl[i].len = p->lines[i].len;
		pl[i].page_break = p->lines[i].page_break;
	}
	in->lines = pl;
	in->nlines = p->nlines;
	in->body = p->formula + 1;
	in->lang = p->lang;
	in->symbol = p->res->meta.symbol;
	in->title = p->res->meta.title;
}


static int
line_starts_superscript(const struct line *l, int *value)
{
	size_t k = repair_superscript_run(l->s, l->len, value);

	return k > 0 && k < l->len && l->s[k] == ' ';
}

/* "43rd plenary meeting 2 December 2024"; not "10. Decides that the
 * aforementioned high-level plenary meeting shall be held", an operative
 * paragraph's first line */
static int
is_closing(const struct parser *p, const struct line *l)
{
	const char *const *mk;
	size_t d;

	if (!is_digit(l->s[0]) || lang_op_number_len(l->s, l->len, &d))
		return 0;
	for (mk = p->lang->closing_markers; *mk; mk++)
		if (lang_find(l->s, l->len, *mk) && l->len < 80)
			return 1;
	return 0;
}

static int
is_annex_heading(const struct parser *p, const struct line *l)
{
	const char *const *w;

	for (w = p->lang->annex_words; *w; w++) {
		size_t n = strlen(*w), i;
		if (!starts_with(l->s, l->len, *w))
			continue;
		if (l->len == n)
			return 1;
		/* "Annex I", "Annex II", "Annex 2" */
		if (l->s[n] != ' ')
			continue;
		for (i = n + 1; i < l->len; i++)
			if (!strchr("IVXLC0123456789", l->s[i]))
				break;
		if (i == l->len)
			return 1;
	}
	return 0;
}

/* Pages after the first repeat the title in their header. */
static int
is_running_title(const struct parser *p, const struct line *l)
{
	const char *t = p->res->meta.title;

	return t && strlen(t) == l->len && memcmp(t, l->s, l->len) == 0;
}

static void
classify_body(struct parser *p)
{
	struct plainfn_line *pl = NULL;
	struct plainfn_input in;
	char *title = NULL;
	size_t i;

	/* a running title printed over lines, when plainfn did not already
	 * leave it out (a text without footnotes) */
	if (!p->from_pdftotext) {
		pl = xcalloc(p->nlines + 1, sizeof(*pl));
		title = xcalloc(p->nlines + 1, 1);
		plainfn_input_of(p, pl, &in);
		plainfn_mark_titles(&in, title);
	}
	for (i = p->formula + 1; i < p->nlines; i++) {
		struct line *l = &p->lines[i];

		if (l->kind == L_BLANK)
			continue;
		if (repair_is_furniture(l->s, l->len, p->res->meta.symbol) || is_running_title(p, l) ||
		    (title && title[i]))
			l->kind = L_FURNITURE;
		else if (is_closing(p, l))
			l->kind = L_CLOSING;
		else if (is_annex_heading(p, l))
			l->kind = L_ANNEX;
	}
	free(title);
	free(pl);
}

static int
has_superscripts(const struct parser *p)
{
	size_t i, j, k;
	uint32_t cp;

	for (i = p->formula + 1; i < p->nlines; i++) {
		const struct line *l = &p->lines[i];
		for (j = 0; j < l->len; j += k) {
			k = utf8_decode(l->s + j, l->len - j, &cp);
			if (repair_superscript_value(cp) >= 0)
				return 1;
		}
	}
	return 0;
}

/*
 * Footnotes
 */

static void
add_footnote(struct parser *p, int number, const struct sbuf *raw)
{
	struct sbuf clean = SBUF_INIT;
	int *refs = NULL;
	size_t nrefs = 0;

	repair_clean_inline(raw->buf, raw->len, &clean, &refs, &nrefs);
	free(refs);
	if (resolution_footnote(p->res, number))
		resolution_warn(p->res, "'%s': footnote %d appears twice; keeping the first",
				p->name, number);
	else
		resolution_add_footnote(p->res, number, sbuf_detach(&clean));
	sbuf_release(&clean);
}

/* Footnotes end with a full stop, so a text line after a finished footnote
 * is the body resuming (the blank line between them may have been lost);
 * "vol." and its kind do not finish a footnote. */
static int
footnote_continues(const struct parser *p, const struct sbuf *raw, const struct line *next)
{
	static const char *const abbrev[] = { "vol.", "No.", "Nos.", "para.", "paras.", "p.", "pp.",
					      "art.", "Corr.", "Add.", "Rev.", "sect.", "chap.", NULL };
	size_t n = raw->len, w;
	size_t d;
	const char *lab;
	size_t ll;

	(void)p;
	if (lang_op_number_len(next->s, next->len, &d) || lang_subpara_len(next->s, next->len, &lab, &ll))
		return 0;
	while (n > 0 && raw->buf[n - 1] == ' ')
		n--;
	if (n == 0 || raw->buf[n - 1] != '.')
		return 1;
	w = n;
	while (w > 0 && raw->buf[w - 1] != ' ')
		w--;
	return lang_in_list(abbrev, raw->buf + w, n - w);
}

static int is_footnote_line(const struct parser *p, const struct line *l, const unsigned char *referenced);

/* Collect the footnote at line i and the lines that continue it; return the
 * index of the last line used. */
static size_t
take_footnote(struct parser *p, size_t i, const unsigned char *referenced)
{
	struct sbuf raw = SBUF_INIT;
	struct line *l = &p->lines[i];
	int number;
	size_t k = repair_superscript_run(l->s, l->len, &number);

	sbuf_add(&raw, l->s + k, l->len - k);
	while (i + 1 < p->nlines && p->lines[i + 1].kind == L_TEXT &&
	       !is_footnote_line(p, &p->lines[i + 1], referenced) &&
	       footnote_continues(p, &raw, &p->lines[i + 1])) {
		i++;
		repair_join_line(&p->hyph, &raw, p->lines[i].s, p->lines[i].len);
	}
	add_footnote(p, number, &raw);
	sbuf_release(&raw);
	return i;
}

/*
 * Pass 4: paragraphs
 */

static int
is_terminator_cp(uint32_t cp)
{
	return cp == ',' || cp == ';' || cp == '.' || cp == ':' || cp == 0x060C ||
	       cp == 0x061B || cp == 0xFF0C || cp == 0xFF1B || cp == 0x3002 || cp == 0xFF1A;
}

/* Does the paragraph text end like a finished clause? Footnote markers,
 * closing quotes and brackets after the punctuation do not count. */
static int
ends_complete(const char *s, size_t len)
{
	uint32_t cp;
	size_t k;

	while (len > 0) {
		k = utf8_prev_len(s, len);
		utf8_decode(s + len - k, k, &cp);
		if (repair_superscript_value(cp) >= 0 || cp == ' ' || cp == '*') {
			len -= k;
			continue;
		}
		return is_terminator_cp(cp);
	}
	return 1;
}

static int
starts_unit(const struct parser *p, const char *s, size_t len, int strong_only)
{
	size_t d;
	const char *lab;
	size_t ll;

	if (lang_op_number_len(s, len, &d) || lang_subpara_len(s, len, &lab, &ll))
		return 1;
	return !strong_only && lang_pp_start(p->lang, s, len);
}

/* "12." alone on its line, as pdftotext prints a number hanging in the
 * margin: its value, or 0. */
static int
bare_op_number(const struct line *l)
{
	size_t i = 0;
	int v = 0;

	while (i < l->len && i < 3 && is_digit(l->s[i]))
		v = v * 10 + (l->s[i++] - '0');
	return i > 0 && i + 1 == l->len && l->s[i] == '.' ? v : 0;
}

/* "(a)" or "a)" alone on its line (PyMuPDF prints a sub-paragraph's
 * label apart from its text): 1, or 0. */
static int
bare_subpara_label(const struct line *l)
{
	char buf[16];
	const char *lab;
	size_t ll;

	if (l->len == 0 || l->len + 2 > sizeof(buf))
		return 0;
	memcpy(buf, l->s, l->len);
	buf[l->len] = ' ';
	buf[l->len + 1] = 'x';
	return lang_subpara_len(buf, l->len + 2, &lab, &ll) == l->len + 1;
}

/* The number an operative paragraph's text starts with, or 0. */
static int
op_number_of(const char *s, size_t len)
{
	size_t d, i;
	int v = 0;

	if (!lang_op_number_len(s, len, &d))
		return 0;
	for (i = 0; i < d; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Characters of a line, for comparing line lengths: its bytes less the
 * UTF-8 continuation bytes (10xxxxxx), counted eight at a time. */
static size_t
line_chars(const struct line *l)
{
	const uint64_t high = 0x8080808080808080ULL;
	size_t i = 0, cont = 0;
	uint64_t x;

	for (; i + 8 <= l->len; i += 8) {
		memcpy(&x, l->s + i, 8);
		/* bit 7 set and bit 6 clear (each byte's bit 6 shifted to its bit
		 * 7), then the eight flags summed into the top byte */
		x = (x & ~(x << 1) & high) >> 7;
		cont += (size_t)((x * 0x0101010101010101ULL) >> 56);
	}
	for (; i < l->len; i++)
		cont += ((unsigned char)l->s[i] & 0xC0) == 0x80;
	return l->len - cont;
}

/*
 * The measure of the body: how long a line is when justified text runs to
 * the margin (the 90th percentile of line lengths). A paragraph's last
 * line is usually shorter, so a line that runs to the measure is evidence
 * that the paragraph goes on, whatever the next line starts with.
 */
static size_t
body_measure(struct parser *p)
{
	uint64_t *len = xcalloc(p->nlines + 1, sizeof(*len));
	size_t n = 0, i, m;

	/* every text line's count is kept: build_paragraphs reads it too */
	for (i = p->formula + 1; i < p->nlines; i++) {
		struct line *l = &p->lines[i];

		if (l->kind != L_TEXT)
			continue;
		l->chars = (unsigned)line_chars(l);
		if (l->len > 20)
			len[n++] = l->chars;
	}
	if (n == 0) {
		free(len);
		return 0;
	}
	u64_sort(len, n);
	m = (size_t)len[n * 9 / 10];
	free(len);
	return m;
}

/* Is the first word an opener the verb scale or the language table
 * knows ("Recalling", "Noting", "Mindful")? "Stockpiling" is not. */
static int
known_opener(const struct parser *p, const struct line *l)
{
	size_t w = lang_word_len(l->s, l->len), ol;
	char phrase[128];
	struct verb_info vi;

	if (w == 0)
		return 0;
	if (lang_in_list(p->lang->pp_words, l->s, w))
		return 1;
	/* the opener as the parser reads it: "Expressing grave concern" */
	ol = lang_opener_length(l->s, l->len, p->lang);
	if (ol == 0 || ol >= sizeof(phrase))
		return 0;
	memcpy(phrase, l->s, ol);
	phrase[ol] = '\0';
	return verbs_lookup(phrase, &vi) >= 0;
}






/*
 * "Securing Our Common Future: An Agenda for Disarmament," on the line
 * after "the Secretary-General's disarmament agenda,": a capitalised
 * participle the verb scale does not know, followed by capitalised
 * words, is the title of something named, not a preambular paragraph.
 */
static int
names_a_title(const struct parser *p, const struct line *l)
{
	size_t at = lang_word_len(l->s, l->len), w, words;
	uint32_t cp;

	if (known_opener(p, l))
		return 0;
	for (words = 0; words < 2; words++) {
		while (at < l->len && l->s[at] == ' ')
			at++;
		if (at >= l->len)
			return 0;
		utf8_decode(l->s + at, l->len - at, &cp);
		if (!utf8_is_upper(cp) || (w = lang_word_len(l->s + at, l->len - at)) == 0)
			return 0;
		at += w;
	}
	return 1;
}

static struct para *
new_para(struct parser *p, int line, int annex)
{
	struct para *pa;

	GROW(p->paras, p->paras_cap, p->nparas + 1);
	pa = &p->paras[p->nparas++];
	if (p->nparas > 1)
		p->write = pa[-1].s + pa[-1].len + 1;
	/* (nothing written yet: the line it starts with may begin right there) */
	pa->s = p->write;
	pa->len = 0;
	pa->line = line;
	pa->annex = annex;
	return pa;
}

static void
take_closing(struct parser *p, const struct line *l, const struct line *next)
{
	struct resolution_meta *m = &p->res->meta;
	const char *const *mk;

	for (mk = p->lang->closing_markers; *mk; mk++) {
		const char *at = lang_find(l->s, l->len, *mk);
		if (at && !m->meeting) {
			size_t end = (size_t)(at - l->s) + strlen(*mk);
			m->meeting = xstrndup(l->s, end);
		}
	}
	if (!m->adopted) {
		m->adopted = meta_parse_date(p->lang, l->s, l->len);
		if (!m->adopted && next)
			m->adopted = meta_parse_date(p->lang, next->s, next->len);
	}
}

#define MAX_FOOTNOTE 4096

/* Remember the footnote markers a body line refers to. */
static void
note_references(const struct line *l, unsigned char *referenced)
{
	size_t i = 0, k;
	int v;
	uint32_t cp;

	while (i < l->len) {
		unsigned char c = (unsigned char)l->s[i];

		/* a superscript digit starts 0xC2 or 0xE2; in valid UTF-8 (as the
		 * text is) those are always a character's first byte, so the
		 * bytes between need no decoding */
		if (c != 0xC2 && c != 0xE2) {
			i++;
			continue;
		}
		if ((k = repair_superscript_run(l->s + i, l->len - i, &v)) > 0) {
			if (v >= 0 && v < MAX_FOOTNOTE)
				referenced[v] = 1;
			i += k;
			continue;
		}
		i += utf8_decode(l->s + i, l->len - i, &cp);
	}
}

/*
 * A line that starts with a superscript number is a footnote only when the
 * body has already referred to that number: footnotes are printed at the
 * bottom of the page that refers to them. Otherwise it is a marker that a
 * line wrap left at the start of a line ('", \u00b2\u00b3 adopted by').
 */
static int
is_footnote_line(const struct parser *p, const struct line *l, const unsigned char *referenced)
{
	int v;

	return p->superscripts && line_starts_superscript(l, &v) && v >= 0 && v < MAX_FOOTNOTE &&
	       referenced[v];
}

/* The line joined to the open paragraph; the line is garbage afterwards. */
static void
join_line(struct parser *p, struct para *pa, const struct line *l)
{
	repair_join_line_in_place(&p->hyph, pa->s, &pa->len, l->s, l->len);
}

static void
build_paragraphs(struct parser *p)
{
	struct para *cur = NULL;	/* open: no break since its last line */
	size_t i, digits, measure = body_measure(p), prev_chars = 0;
	int annex = 0, operative = 0, next_op = 1, v, short_line;
	unsigned char *referenced = xcalloc(MAX_FOOTNOTE, 1);

	/* the header's lines are read no more (parse_header copied what it
	 * keeps): paragraphs are written from the first line of the body */
	if (p->formula + 1 < p->nlines)
		p->write = (char *)p->lines[p->formula + 1].s;
	for (i = p->formula + 1; i < p->nlines; i++) {
		struct line *l = &p->lines[i];

		if (l->kind == L_TEXT && is_footnote_line(p, l, referenced))
			l->kind = L_FOOTNOTE;
		switch (l->kind) {
		case L_BLANK:
		case L_FURNITURE:
			cur = NULL;
			continue;
		case L_FOOTNOTE:
			cur = NULL;
			i = take_footnote(p, i, referenced);
			continue;
		case L_CLOSING:
			cur = NULL;
			take_closing(p, l, i + 1 < p->nlines ? &p->lines[i + 1] : NULL);
			/* the date of the closing may sit on the next line */
			if (i + 1 < p->nlines && p->lines[i + 1].kind == L_TEXT) {
				char *d = meta_parse_date(p->lang, p->lines[i + 1].s, p->lines[i + 1].len);
				if (d)
					i++;
				free(d);
			}
			continue;
		case L_ANNEX:
			cur = NULL;
			annex++;
			/* an annex numbers its paragraphs from 1 again */
			next_op = 1;
			/* the annex title, if any, follows; it is not a clause */
			continue;
		case L_TEXT:
			break;
		}
		v = bare_op_number(l);
		if (v && v != next_op)
			v = 0;
		/* a label alone starts its paragraph; its text follows */
		if (bare_subpara_label(l)) {
			cur = new_para(p, l->no, annex);
			join_line(p, cur, l);
			prev_chars = 0;
			continue;
		}
		/* a line that stops short of the measure may end its
		 * paragraph; in Markdown, where paragraphs are separated by
		 * blank lines, a line ends where the extractor wrapped it */
		short_line = !p->md_wrapped && (!measure || prev_chars * 100 < measure * 95);
		if (cur) {
			/* once the operative part has begun, only a number starts a
			 * paragraph inside a run of lines; "Stockpiling, Production
			 * and Transfer" after a line that runs to the measure goes
			 * on a treaty's name, unless it is a known opener */
			if (v || (starts_unit(p, l->s, l->len, operative) &&
				  ends_complete(cur->s, cur->len) &&
				  (operative || (short_line && !names_a_title(p, l)) ||
				   lang_op_number_len(l->s, l->len, &digits) || known_opener(p, l)))) {
				cur = new_para(p, l->no, annex);
			}
		} else {
			struct para *last = p->nparas ? &p->paras[p->nparas - 1] : NULL;
			int cont = last && last->annex == annex && !v && !starts_unit(p, l->s, l->len, 1) &&
				   (!ends_complete(last->s, last->len) ||
				    repair_starts_lower(l->s, l->len));
			cur = cont ? last : new_para(p, l->no, annex);
		}
		/* an operative number that starts a paragraph: the operative part began */
		if (cur->len == 0 && (v || lang_op_number_len(l->s, l->len, &digits))) {
			operative = 1;
			next_op = (v ? v : op_number_of(l->s, l->len)) + 1;
		}
		/* the line is read before the join writes over it */
		note_references(l, referenced);
		prev_chars = l->chars;
		join_line(p, cur, l);
	}
	free(referenced);
}

/*
 * Pass 5: clauses
 */

/*
 * A clause's text is its paragraph's (from s on) cleaned, written into
 * the buffer too, behind the paragraphs still to be read: clause texts
 * follow one another as the paragraphs do, and cleaning never lengthens a
 * text. Whatever of the paragraph was read before (its number) is read
 * before this.
 */
static void
set_text(struct parser *p, struct clause *c, const char *s, size_t len, int with_opener)
{
	size_t ol, n;

	n = repair_clean_inline_to(s, len, p->clause_write, &c->footnotes, &c->footnote_at, &c->nfootnotes);
	c->text = p->clause_write;
	p->clause_write += n + 1;
	if (with_opener) {
		ol = lang_opener_length(c->text, strlen(c->text), p->lang);
		if (ol)
			c->opener = xstrndup(c->text, ol);
	}
}

static int
roman_value(const char *s, size_t n)
{
	static const char *const romans[] = { "i", "ii", "iii", "iv", "v", "vi", "vii", "viii",
					      "ix", "x", "xi", "xii", "xiii", "xiv", "xv", NULL };
	int i;

	for (i = 0; romans[i]; i++)
		if (strlen(romans[i]) == n && memcmp(romans[i], s, n) == 0)
			return i + 1;
	return 0;
}

/*
 * The ids given so far, so a repeated one is found in constant time: a
 * file of a hundred concatenated resolutions repeats "OP1" a hundred
 * times, and scanning the clause list for each made parsing quadratic.
 * Each id also keeps the next suffix to try for a repeat of it, so the
 * thousandth "1." costs one probe, not a thousand ("OP1#2", "#3" ...).
 * Keys borrow the clauses' id strings, which outlive the set.
 */
struct id_slot {
	const char *key;
	size_t next;		/* the suffix a repeat of this id tries first */
};

struct id_set {
	struct id_slot *slots;
	size_t cap, used;
};

static size_t
id_hash(const char *s)
{
	size_t h = 14695981039346656037u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

static struct id_slot *
id_set_find(const struct id_set *set, const char *id)
{
	size_t i;

	if (!set->cap)
		return NULL;
	for (i = id_hash(id) & (set->cap - 1); set->slots[i].key; i = (i + 1) & (set->cap - 1))
		if (strcmp(set->slots[i].key, id) == 0)
			return &set->slots[i];
	return NULL;
}

static void
id_set_put(struct id_set *set, const char *id, size_t next)
{
	size_t i;

	if ((set->used + 1) * 2 > set->cap) {
		struct id_set bigger = { NULL, set->cap ? set->cap * 2 : 64, 0 };
		bigger.slots = xcalloc(bigger.cap, sizeof *bigger.slots);
		for (i = 0; i < set->cap; i++)
			if (set->slots[i].key)
				id_set_put(&bigger, set->slots[i].key, set->slots[i].next);
		free(set->slots);
		*set = bigger;
	}
	for (i = id_hash(id) & (set->cap - 1); set->slots[i].key; i = (i + 1) & (set->cap - 1))
		;
	set->slots[i].key = id;
	set->slots[i].next = next;
	set->used++;
}

struct clause_state {
	int pp, para;
	long last_op;		/* index of the last numbered clause */
	long last_sub;		/* index of the last (a)-level sub-paragraph */
	char last_letter;	/* the (a)-level letter last seen */
	int annex;
	enum section section;
	struct id_set ids;	/* every id given so far */
};

/*
 * Ids are names negotiators use and keys in the JSON contract, so they
 * must be unique: a number printed twice (a quoted paragraph, a typing
 * slip) gets "#2", "#3". Returns the id, now owned by the caller's clause.
 */
static char *
unique_id(struct id_set *ids, struct sbuf *id)
{
	struct id_slot *first = id_set_find(ids, id->buf);
	size_t base = id->len, n;
	char *out;

	if (first) {
		/* "OP1#2" may itself have been printed; the loop steps past it */
		n = first->next;
		do {
			id->len = base;
			sbuf_printf(id, "#%zu", n++);
		} while (id_set_find(ids, id->buf));
		/* nothing was added since the lookup: the slot has not moved */
		first->next = n;
	}
	out = sbuf_detach(id);
	id_set_put(ids, out, 2);
	return out;
}

static void
add_subparagraph(struct parser *p, struct clause_state *st, const struct para *pa,
		 const char *lab, size_t lablen, size_t pre)
{
	struct resolution *r = p->res;
	struct clause *c;
	long parent;
	int deeper = 0;
	/* (read now: the label is in the paragraph, which set_text writes over) */
	char letter = lablen == 1 ? lab[0] : 0;
	struct sbuf id = SBUF_INIT;

	/* "(i)" after "(h)" is the letter i; after any other letter, a roman numeral */
	if (roman_value(lab, lablen) && st->last_sub >= 0 &&
	    !(lablen == 1 && st->last_letter == lab[0] - 1))
		deeper = 1;
	parent = deeper ? st->last_sub : st->last_op;
	if (parent < 0)
		parent = (long)r->nclauses - 1;
	c = resolution_add_clause(r);
	c->parent = parent;
	c->section = parent >= 0 ? r->clauses[parent].section : st->section;
	c->line = pa->line;
	c->number = xstrndup(pa->s, pre - 1);
	sbuf_adds(&id, parent >= 0 ? r->clauses[parent].id : "P");
	sbuf_addch(&id, '(');
	sbuf_add(&id, lab, lablen);
	sbuf_addch(&id, ')');
	c->id = unique_id(&st->ids, &id);
	set_text(p, c, pa->s + pre, pa->len - pre, 0);
	if (!deeper) {
		st->last_sub = (long)(c - r->clauses);
		st->last_letter = letter;
	}
}

static void
add_numbered(struct parser *p, struct clause_state *st, const struct para *pa, size_t pre, size_t digits)
{
	struct resolution *r = p->res;
	struct clause *c = resolution_add_clause(r);
	struct sbuf id = SBUF_INIT;

	c->section = st->section;
	c->line = pa->line;
	c->number = xstrndup(pa->s, digits);
	if (st->section == SEC_ANNEX)
		sbuf_printf(&id, "ANNEX%s%d.%.*s", st->annex > 1 ? "-" : "", st->annex > 1 ? st->annex : 0,
			    (int)digits, pa->s);
	else
		sbuf_printf(&id, "OP%.*s", (int)digits, pa->s);
	c->id = unique_id(&st->ids, &id);
	set_text(p, c, pa->s + pre, pa->len - pre, 1);
	st->last_op = (long)(c - r->clauses);
	st->last_sub = -1;
	st->last_letter = 0;
}

static void
add_unnumbered(struct parser *p, struct clause_state *st, const struct para *pa)
{
	struct resolution *r = p->res;
	struct clause *c = resolution_add_clause(r);
	struct sbuf id = SBUF_INIT;

	c->section = st->section;
	c->line = pa->line;
	if (st->section == SEC_PREAMBLE)
		sbuf_printf(&id, "PP%d", ++st->pp);
	else if (st->section == SEC_ANNEX)
		sbuf_printf(&id, "ANNEX%s%d.P%d", st->annex > 1 ? "-" : "", st->annex > 1 ? st->annex : 0, ++st->para);
	else
		sbuf_printf(&id, "P%d", ++st->para);
	c->id = sbuf_detach(&id);
	set_text(p, c, pa->s, pa->len, st->section != SEC_ANNEX);
	st->last_op = (long)(c - r->clauses);
	st->last_sub = -1;
}

/* "ANNEX0.1" reads badly; the first annex is plain "ANNEX.1". */
static void
tidy_annex_ids(struct resolution *r)
{
	size_t i;

	for (i = 0; i < r->nclauses; i++) {
		char *id = r->clauses[i].id;
		if (strncmp(id, "ANNEX0", 6) == 0)
			memmove(id + 5, id + 6, strlen(id + 6) + 1);
	}
}

/* A resolution with one operative paragraph does not number it: the last
 * preambular paragraph then ends with a full stop. */
static void
fix_single_operative(struct parser *p)
{
	struct resolution *r = p->res;
	size_t i, last = r->nclauses, end;
	const char *t;
	struct clause *c;

	for (i = 0; i < r->nclauses; i++) {
		if (r->clauses[i].section == SEC_OPERATIVE)
			return;
		if (r->clauses[i].section == SEC_PREAMBLE && r->clauses[i].parent < 0)
			last = i;
	}
	if (last == r->nclauses)
		return;
	/* the paragraph and its sub-paragraphs ("Decides: (a) ...; (b) ...")
	 * end the resolution with a full stop */
	for (end = last + 1; end < r->nclauses && r->clauses[end].parent >= 0; end++)
		;
	t = r->clauses[end - 1].text;
	/* (an annex may follow it) */
	if ((end < r->nclauses && r->clauses[end].section != SEC_ANNEX) || strlen(t) == 0 || t[strlen(t) - 1] != '.')
		return;
	for (i = last; i < end; i++) {
		struct sbuf id = SBUF_INIT;

		c = &r->clauses[i];
		c->section = SEC_OPERATIVE;
		/* "PP2(a)" becomes "OP1(a)" */
		sbuf_adds(&id, "OP1");
		if (i > last)
			sbuf_adds(&id, strchr(c->id, '(') ? strchr(c->id, '(') : "");
		free(c->id);
		c->id = sbuf_detach(&id);
	}
}

/*
 * Once the paragraphs hold the body's text, the lines are read no more.
 * The buffer holds the paragraphs until their clauses are made.
 */
static void
drop_lines(struct parser *p)
{
	FREE(p->lines);
	p->nlines = p->lines_cap = 0;
}

/* Clauses are about to be made from the paragraphs. */
static void
texts_begin(struct parser *p)
{
	p->clause_write = p->nparas ? p->paras[0].s : NULL;
	p->first_clause = p->res->nclauses;
}

/*
 * The clauses are made: the paragraphs go, and the buffer, cut to the
 * clause texts at its start, becomes the resolution's block of them.
 * Should realloc move it, each text keeps its offset.
 */
static void
texts_give(struct parser *p)
{
	struct resolution *r = p->res;
	size_t i, *off;
	char *block;

	FREE(p->paras);
	p->nparas = p->paras_cap = 0;
	if (!p->clause_write || r->nclauses == p->first_clause)
		return;
	if (p->first_clause > 0 || r->text_block) {
		/* (a resolution given clauses already: each text is its own) */
		for (i = p->first_clause; i < r->nclauses; i++)
			r->clauses[i].text = xstrdup(r->clauses[i].text);
		return;
	}
	off = xmalloc(r->nclauses * sizeof(*off));
	for (i = 0; i < r->nclauses; i++)
		off[i] = (size_t)(r->clauses[i].text - p->buf);
	block = xrealloc(p->buf, (size_t)(p->clause_write - p->buf));
	p->buf = NULL;
	for (i = 0; i < r->nclauses; i++)
		r->clauses[i].text = block + off[i];
	free(off);
	r->text_block = block;
	r->text_block_clauses = r->nclauses;
}

static void
build_clause(struct parser *p, struct clause_state *st, const struct para *pa)
{
	const char *s = pa->s, *lab;
	size_t len = pa->len, pre, digits, lablen;

	if (!s || len == 0)
		return;
	if (pa->annex != st->annex) {
		st->annex = pa->annex;
		st->section = SEC_ANNEX;
		st->para = 0;
		st->last_op = st->last_sub = -1;
		/* the line after "Annex" is the annex title */
		if (!ends_complete(s, len) && !lang_op_number_len(s, len, &digits))
			return;
	}
	if ((pre = lang_op_number_len(s, len, &digits))) {
		if (st->section == SEC_PREAMBLE)
			st->section = SEC_OPERATIVE;
		add_numbered(p, st, pa, pre, digits);
	} else if ((pre = lang_subpara_len(s, len, &lab, &lablen)) && st->last_op >= 0) {
		add_subparagraph(p, st, pa, lab, lablen, pre);
	} else {
		add_unnumbered(p, st, pa);
	}
}

static void
build_clauses(struct parser *p)
{
	struct clause_state st = { 0, 0, -1, -1, 0, 0, SEC_PREAMBLE, { NULL, 0, 0 } };
	size_t i;

	texts_begin(p);
	for (i = 0; i < p->nparas; i++)
		build_clause(p, &st, &p->paras[i]);
	free(st.ids.slots);
	texts_give(p);
	fix_single_operative(p);
	tidy_annex_ids(p->res);
}

/*
 * Fallback: text that is not a resolution
 */

static void
build_plain(struct parser *p)
{
	struct para *cur = NULL;
	size_t i;
	int n = 0;

	if (p->nlines)
		p->write = (char *)p->lines[0].s;
	for (i = 0; i < p->nlines; i++) {
		struct line *l = &p->lines[i];
		if (l->kind == L_BLANK) {
			cur = NULL;
			continue;
		}
		if (!cur)
			cur = new_para(p, l->no, 0);
		join_line(p, cur, l);
	}
	drop_lines(p);
	texts_begin(p);
	for (i = 0; i < p->nparas; i++) {
		struct clause *c = resolution_add_clause(p->res);
		struct sbuf id = SBUF_INIT;

		c->section = SEC_PARAGRAPH;
		c->line = p->paras[i].line;
		sbuf_printf(&id, "P%d", ++n);
		c->id = sbuf_detach(&id);
		set_text(p, c, p->paras[i].s, p->paras[i].len, 0);
	}
	texts_give(p);
}

/*
 * Entry point
 */

/*
 * Text from pdftotext has plain-digit markers and footnotes without their
 * numbers; plainfn rewrites it into the superscript form read above, and
 * the lines are split again from the rewritten text.
 */
static void
repair_plain_footnotes(struct parser *p)
{
	struct plainfn_line *pl = xcalloc(p->nlines + 1, sizeof(*pl));
	struct plainfn_input in;
	struct sbuf out = SBUF_INIT;
	size_t unmatched = 0, placed;

	plainfn_input_of(p, pl, &in);
	placed = plainfn_repair(&in, &out, &unmatched);
	free(pl);
	if (unmatched)
		resolution_warn(p->res, "'%s': the footnotes of %zu page%s could not be matched to their markers",
				p->name, unmatched, unmatched == 1 ? "" : "s");
	if (placed == 0) {
		sbuf_release(&out);
		return;
	}
	p->from_pdftotext = 1;
	free(p->buf);
	p->buf = sbuf_detach(&out);
	p->nlines = 0;
	split_lines(p);
	repair_hyphens_release(&p->hyph);
	repair_hyphens_collect(&p->hyph, p->buf);
	p->superscripts = 1;
}

/* pdftotext splits some words with a space; rejoin them, then re-read
 * the openers, which a split may have cut. */
static void
rejoin_texts(struct resolution *r, const struct lang *lang)
{
	char **texts = xcalloc(r->nclauses + r->nfootnotes + 1, sizeof(*texts));
	size_t i, n = 0;

	for (i = 0; i < r->nclauses; i++)
		texts[n++] = r->clauses[i].text;
	for (i = 0; i < r->nfootnotes; i++)
		texts[n++] = r->footnotes[i].text;
	if (rejoin_split_words(texts, n)) {
		for (i = 0; i < r->nclauses; i++) {
			struct clause *c = &r->clauses[i];
			size_t ol;
			if (!c->opener)
				continue;
			free(c->opener);
			ol = lang_opener_length(c->text, strlen(c->text), lang);
			c->opener = ol ? xstrndup(c->text, ol) : NULL;
		}
	}
	free(texts);
}

static void
parser_release(struct parser *p)
{
	free(p->paras);
	repair_hyphens_release(&p->hyph);
	free(p->lines);
	free(p->buf);
}

static void
check_footnote_refs(struct parser *p)
{
	struct resolution *r = p->res;
	size_t i, j;

	for (i = 0; i < r->nclauses; i++)
		for (j = 0; j < r->clauses[i].nfootnotes; j++)
			if (!resolution_footnote(r, r->clauses[i].footnotes[j]))
				resolution_warn(r, "'%s':%d: %s refers to footnote %d, which is not in the text",
						p->name, r->clauses[i].line, r->clauses[i].id,
						r->clauses[i].footnotes[j]);
}

static int
cmp_footnote(const void *a, const void *b)
{
	const struct footnote *x = a, *y = b;

	return (x->number > y->number) - (x->number < y->number);
}

static int
parse_text(const char *buf, size_t len, char **owned, const char *name, struct resolution *out,
	   struct rl_error *err)
{
	struct parser p;
	struct markdown_info md;
	struct sbuf md_text = SBUF_INIT;
	size_t i;
	int rc = -1, bad;

	memset(&p, 0, sizeof(p));
	p.name = name ? name : "-";
	p.res = out;
	/* from here the parser reads its normalised copy only: a text it
	 * owns becomes that copy where it can */
	if (owned)
		bad = repair_normalise_take(owned, len, p.name, &p.buf, err) < 0;
	else
		bad = repair_normalise(buf, len, p.name, &p.buf, err) < 0;
	if (bad)
		goto out;
	if (markdown_rewrite(p.buf, strlen(p.buf), &md_text, &md) != MD_NONE) {
		free(p.buf);
		p.buf = sbuf_detach(&md_text);
		p.md_wrapped = md.blank_separated;
	}
	split_lines(&p);
	repair_hyphens_collect(&p.hyph, p.buf);
	for (i = 0; i < p.nlines; i++) {
		if (p.lines[i].kind == L_TEXT && (p.lang = lang_match_formula(p.lines[i].s, p.lines[i].len)))
			break;
	}
	if (!p.lang) {
		out->is_resolution = 0;
		parse_header(&p);
		out->meta.language = NULL;
		build_plain(&p);
		resolution_warn(out, "'%s': not a resolution (no enacting formula such as \"The General Assembly,\"); compared as plain paragraphs",
				p.name);
		rc = 0;
		goto out;
	}
	out->is_resolution = 1;
	out->meta.language = p.lang->code;
	p.formula = i;
	parse_header(&p);
	p.superscripts = has_superscripts(&p);
	/* Markdown's references are superscripts now, but plain digits may
	 * stand beside them, and its footnotes are below rules as a PDF's
	 * are: the same repair reads both (none when it has no footnotes) */
	if (md.form == MD_CLEAN ? md.areas > 0 : !p.superscripts)
		repair_plain_footnotes(&p);
	classify_body(&p);
	build_paragraphs(&p);
	drop_lines(&p);
	build_clauses(&p);
	if (out->nfootnotes)
		qsort(out->footnotes, out->nfootnotes, sizeof(*out->footnotes), cmp_footnote);
	if (p.from_pdftotext)
		rejoin_texts(out, p.lang);
	check_footnote_refs(&p);
	rc = 0;
out:
	parser_release(&p);
	return rc;
}

int
parse_resolution(const char *buf, size_t len, const char *name, struct resolution *out,
		 struct rl_error *err)
{
	return parse_text(buf, len, NULL, name, out, err);
}

int
parse_resolution_take(char **buf, size_t len, const char *name, struct resolution *out,
		      struct rl_error *err)
{
	return parse_text(*buf, len, buf, name, out, err);
}
