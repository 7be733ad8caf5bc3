#include "config.h"
#include "markdown.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "repair.h"
#include "utf8.h"
#include "util.h"

/*
 * Front matter
 */

/* "symbol: A/RES/80/13", "extract_version: \"1.3.0\"", "tags:" */
static int
is_key_line(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return 0;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '-' || s[i] == '.'))
		i++;
	return i < n && s[i] == ':' && (i + 1 == n || s[i + 1] == ' ');
}

size_t
markdown_front_matter(const char *s, size_t len)
{
	size_t pos = 4, keys = 0;

	/* only at the very start: "---" in the middle of a text is a rule */
	if (len < 4 || memcmp(s, "---\n", 4) != 0)
		return 0;
	while (pos < len) {
		const char *line = s + pos, *eol = memchr(line, '\n', len - pos);
		size_t n = eol ? (size_t)(eol - line) : len - pos;

		while (n > 0 && line[n - 1] == ' ')
			n--;
		if (n == 3 && (memcmp(line, "---", 3) == 0 || memcmp(line, "...", 3) == 0))
			return keys && eol ? (size_t)(eol + 1 - s) : 0;
		/* a key, or what YAML allows around keys: blank lines, nested
		 * values and list items, comments; anything else is prose */
		if (is_key_line(line, n))
			keys++;
		else if (n > 0 && line[0] != ' ' && line[0] != '#' && line[0] != '-')
			return 0;
		if (!eol)
			return 0;
		pos = (size_t)(eol + 1 - s);
	}
	return 0;
}

/*
 * Lines and their kinds
 */

enum md_kind { MK_TEXT, MK_BLANK, MK_BREAK, MK_NOTE };

struct md_line {
	const char *s;		/* the line as written, without its newline */
	size_t len;
	const char *t;		/* trimmed */
	size_t tlen;
	enum md_kind kind;
	int note;		/* a definition's number; 0 for any other line */
	char rule;		/* replaced by a footnote rule */
	char rule_before;	/* a footnote rule is inserted before it */
	char page_after;	/* a page break follows it */
};

struct md {
	struct md_line *lines;
	size_t n, cap;
};

static void
trim(struct md_line *l)
{
	uint32_t cp;
	size_t k;

	l->t = l->s;
	l->tlen = l->len;
	while (l->tlen > 0) {
		k = utf8_decode(l->t, l->tlen, &cp);
		if (!utf8_is_space(cp))
			break;
		l->t += k;
		l->tlen -= k;
	}
	while (l->tlen > 0) {
		k = utf8_prev_len(l->t, l->tlen);
		utf8_decode(l->t + l->tlen - k, k, &cp);
		if (!utf8_is_space(cp))
			break;
		l->tlen -= k;
	}
}

static void
split(struct md *md, const char *s, size_t len)
{
	size_t pos = 0;

	while (pos <= len) {
		const char *eol = memchr(s + pos, '\n', len - pos);
		struct md_line *l;

		GROW(md->lines, md->cap, md->n + 1);
		l = &md->lines[md->n++];
		memset(l, 0, sizeof(*l));
		l->s = s + pos;
		l->len = eol ? (size_t)(eol - (s + pos)) : len - pos;
		trim(l);
		l->kind = l->tlen ? MK_TEXT : MK_BLANK;
		if (!eol)
			break;
		pos = (size_t)(eol + 1 - s);
	}
}

/* A thematic break: "---" (three or more hyphens, nothing else). */
static int
is_break(const struct md_line *l)
{
	size_t i;

	if (l->tlen < 3)
		return 0;
	for (i = 0; i < l->tlen; i++)
		if (l->t[i] != '-')
			return 0;
	return 1;
}

/*
 * "[^12]" at s: its bytes and number, or 0. Markdown allows any label;
 * only a number says which footnote of the UN's sequence it is.
 */
static size_t
reference_at(const char *s, size_t n, int *number)
{
	size_t i = 2;
	int v = 0;

	if (n < 4 || s[0] != '[' || s[1] != '^')
		return 0;
	while (i < n && i < 6 && is_digit(s[i]))
		v = v * 10 + (s[i++] - '0');
	if (i == 2 || i >= n || s[i] != ']')
		return 0;
	*number = v;
	return i + 1;
}

/* "[^12]: text": the bytes up to the text, the number; or 0. */
static size_t
definition_at(const struct md_line *l, int *number)
{
	size_t k = reference_at(l->t, l->tlen, number);

	if (!k || k >= l->tlen || l->t[k] != ':')
		return 0;
	k++;
	while (k < l->tlen && l->t[k] == ' ')
		k++;
	return k;
}

/* "8 United Nations, Treaty Series ...": the label's value, or 0. */
static int
plain_label(const struct md_line *l, size_t *text_at)
{
	size_t i = 0;
	int v = 0;

	while (i < l->tlen && i < 3 && is_digit(l->t[i]))
		v = v * 10 + (l->t[i++] - '0');
	if (i == 0 || i >= l->tlen || l->t[i] != ' ')
		return 0;
	while (i < l->tlen && l->t[i] == ' ')
		i++;
	*text_at = i;
	return i < l->tlen ? v : 0;
}

/* Is the word at s a month of any language ("5 December 2007, ..." is a
 * paragraph's remainder after a page break, not footnote 5)? */
static int
is_month(const char *s, size_t n)
{
	size_t nl, i, w = lang_word_len(s, n);
	const struct lang *const *all = lang_all(&nl);

	for (i = 0; i < nl; i++)
		if (lang_month(all[i], s, w))
			return 1;
	return 0;
}

/*
 * A paragraph of footnotes as the earlier versions print them where a page
 * ended: it starts with the next footnote's number (or one a little after
 * it, when one was lost), then a capital or a digit, not a month; and it
 * ends a sentence, as footnotes do. Returns the number after the last
 * label in the paragraph, or 0 when it is not one.
 */
static int
label_paragraph(const struct md *md, size_t b, size_t e, int want)
{
	const struct md_line *first = &md->lines[b], *last = &md->lines[e - 1];
	size_t at, i;
	uint32_t cp;
	int v = plain_label(first, &at);

	if (v < want || v > want + 3)
		return 0;
	utf8_decode(first->t + at, first->tlen - at, &cp);
	if (!(utf8_is_upper(cp) || is_digit(first->t[at])) || is_month(first->t + at, first->tlen - at) ||
	    lang_line_numbered(first->t + at, first->tlen - at))
		return 0;
	if (last->t[last->tlen - 1] != '.')
		return 0;
	/* the paragraph may hold the next notes too, a line each */
	for (i = b, want = v + 1; i < e; i++) {
		v = plain_label(&md->lines[i], &at);
		if (v >= want && v <= want + 3)
			want = v + 1;
	}
	return want;
}

/*
 * The definitions in lines [b, e): each line's number goes in its note,
 * and the number after the last is returned (0: none). A number far past
 * the sequence is no footnote's but a line of one that the extractor took
 * for a label ("[^2321]: (2016) and 2375 (2017)." continues "Security
 * Council resolutions 1718 (2006), ..."): UN footnotes are numbered in
 * order, and one or two may have been lost, not ten.
 */
static int
definition_paragraph(struct md *md, size_t b, size_t e, int want)
{
	size_t i;
	int v, next = 0;

	for (i = b; i < e; i++) {
		if (!definition_at(&md->lines[i], &v) || v == 0 || v > want + 9)
			continue;
		md->lines[i].note = v;
		if (v >= want)
			want = v + 1;
		next = want;
	}
	return next;
}

/* Four spaces or more: a Markdown footnote's next paragraph. */
static int
indented(const struct md_line *l)
{
	return l->len >= 4 && memcmp(l->s, "    ", 4) == 0;
}

/*
 * Find the groups of footnotes: paragraphs of definitions, or of labelled
 * notes in a text with no footnote rule of its own; consecutive ones form
 * one group, which gets a rule before it and a page break after it.
 */
static size_t
find_areas(struct md *md, size_t from, int clean)
{
	size_t i = from, b, e, areas = 0, j;
	long area_end = -1;	/* the last line of the group being built */
	int want = 1, next;

	while (i < md->n) {
		if (md->lines[i].kind == MK_BLANK) {
			i++;
			continue;
		}
		for (b = i, e = i; e < md->n && md->lines[e].kind != MK_BLANK; e++)
			;
		i = e;
		next = definition_paragraph(md, b, e, want);
		if (!next && area_end >= 0 && indented(&md->lines[b]))
			next = want;
		else if (!next && clean && !(e == b + 1 && is_break(&md->lines[b])))
			next = label_paragraph(md, b, e, want);
		if (!next) {
			area_end = -1;
			continue;
		}
		if (next > want)
			want = next;
		for (j = b; j < e; j++)
			md->lines[j].kind = MK_NOTE;
		if (area_end >= 0) {
			/* the group goes on: the page break moves after this paragraph */
			md->lines[area_end].page_after = 0;
		} else {
			/* a new group: the rule takes the place of the "---" or the
			 * blank line before it, if any */
			for (j = b; j > from && md->lines[j - 1].kind == MK_BLANK; j--)
				;
			if (j > from && is_break(&md->lines[j - 1]))
				md->lines[j - 1].rule = 1;
			else if (b > from && md->lines[b - 1].kind == MK_BLANK)
				md->lines[b - 1].rule = 1;
			else
				md->lines[b].rule_before = 1;
			areas++;
		}
		md->lines[e - 1].page_after = 1;
		area_end = (long)(e - 1);
	}
	return areas;
}

/*
 * Output
 */

/* The line with its references "[^N]" as superscripts. */
static size_t
add_with_references(struct sbuf *out, const char *s, size_t n)
{
	size_t i = 0, from = 0, k, refs = 0;
	int v;

	while (i < n) {
		const char *at = memchr(s + i, '[', n - i);

		if (!at)
			break;
		i = (size_t)(at - s);
		if ((k = reference_at(s + i, n - i, &v)) == 0) {
			i++;
			continue;
		}
		sbuf_add(out, s + from, i - from);
		repair_add_superscript(out, v);
		refs++;
		i += k;
		from = i;
	}
	sbuf_add(out, s + from, n - from);
	return refs;
}

#define RULE "__________________"

enum markdown_form
markdown_rewrite(const char *in, size_t len, struct sbuf *out, struct markdown_info *info)
{
	struct md md = { NULL, 0, 0 };
	size_t fm = markdown_front_matter(in, len), i, first, at, blank, text;
	enum markdown_form form = MD_CLEAN;
	int v;

	memset(info, 0, sizeof(*info));
	if (!fm)
		goto out;
	split(&md, in, len);
	/* the front matter's lines, blanked so that line numbers stay */
	for (first = 0, i = 0; i < fm; i++)
		first += in[i] == '\n';
	for (i = first; i < md.n && form == MD_CLEAN; i++)
		if (repair_is_rule(md.lines[i].t, md.lines[i].tlen))
			form = MD_PAGED;
	/* text still in pages has its notes under rules already */
	info->areas = find_areas(&md, first, form == MD_CLEAN);
	/* a blank line for every three lines of text at least: blank lines
	 * separate paragraphs (a text with a paragraph a line has few) */
	for (i = first, blank = text = 0; i < md.n; i++) {
		blank += md.lines[i].kind == MK_BLANK;
		text += md.lines[i].kind != MK_BLANK;
	}
	info->blank_separated = form == MD_CLEAN && blank * 3 >= text;
	for (i = 0; i < md.n; i++) {
		const struct md_line *l = &md.lines[i];

		if (i < first) {
			sbuf_addch(out, '\n');
			continue;
		}
		if (l->rule_before)
			sbuf_adds(out, RULE "\n");
		if (l->rule) {
			sbuf_adds(out, RULE);
		} else if (l->note && (at = definition_at(l, &v))) {
			/* the label as a superscript, as a typed footnote is */
			repair_add_superscript(out, v);
			sbuf_addch(out, ' ');
			add_with_references(out, l->t + at, l->tlen - at);
		} else if ((at = definition_at(l, &v))) {
			/* no footnote's label: the digits go back into the text */
			sbuf_printf(out, "%d ", v);
			add_with_references(out, l->t + at, l->tlen - at);
		} else {
			info->references += add_with_references(out, l->s, l->len);
		}
		if (l->page_after)
			sbuf_adds(out, "\n\f");
		if (i + 1 < md.n)
			sbuf_addch(out, '\n');
	}
	info->form = form;
out:
	free(md.lines);
	return info->form;
}
