#include "config.h"
#include "meta.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "repair.h"
#include "sbuf.h"
#include "util.h"

/*
 * The header of a resolution, above the enacting formula: symbol, title,
 * session, agenda item, adoption date, committee report. The markers come
 * from the language table; the layouts seen are the A/RES document's, the
 * annual compilation's and a draft's (sponsors, no adoption line).
 */

/* Parse "2 December 2024" / "2 de diciembre de 2024" at s into an ISO date. */
char *
meta_parse_date(const struct lang *l, const char *s, size_t len)
{
	size_t i = 0, w;
	int day = 0, month = 0, year = 0;
	char out[48];

	while (i < len) {
		if (is_digit(s[i])) {
			int v = 0;
			size_t j = i;
			while (j < len && is_digit(s[j]))
				v = v * 10 + (s[j++] - '0');
			if (j - i == 4 && month) {
				year = v;
				break;
			}
			if (j - i <= 2 && !month)
				day = v;
			i = j;
		} else {
			w = lang_word_len(s + i, len - i);
			if (w > 0) {
				int m = lang_month(l, s + i, w);
				if (m && day)
					month = m;
				i += w;
			} else {
				i++;
			}
		}
	}
	if (!day || !month || !year || day > 31)
		return NULL;
	snprintf(out, sizeof(out), "%04d-%02d-%02d", year, month, day);
	return xstrdup(out);
}

/* A symbol-like token: "A/RES/79/53", "A/C.1/79/L.43/Rev.1" */
static size_t
symbol_len(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] != ' ' && s[i] != ',' && s[i] != ')' && s[i] != ']')
		i++;
	/* "A/C.1/80/L.42*": the star marks a note (a reissue), not the symbol */
	while (i > 0 && (s[i - 1] == '.' || s[i - 1] == ';' || s[i - 1] == '*'))
		i--;
	return i;
}

static void
meta_symbol(struct resolution_meta *m, const char *s, size_t len)
{
	const char *a;
	size_t n;

	if (m->symbol)
		return;
	a = lang_find(s, len, "A/RES/");
	if (!a) {
		a = lang_find(s, len, "A/");
		if (!a || !lang_find(a, len - (size_t)(a - s), "/L."))
			return;
		if (a > s && a[-1] != ' ')
			return;
	}
	n = symbol_len(a, len - (size_t)(a - s));
	m->symbol = xstrndup(a, n);
}

/* "79/53. Countering the threat ...", or "80/4." alone on its line (the
 * title then follows): the length of the number, or 0. */
static size_t
title_number_len(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && is_digit(s[i]))
		i++;
	if (i == 0 || i >= len || s[i] != '/')
		return 0;
	i++;
	while (i < len && is_digit(s[i]))
		i++;
	if (i >= len || s[i] != '.' || (i + 1 < len && s[i + 1] != ' '))
		return 0;
	return i;
}

static void
meta_from_line(struct resolution_meta *m, const struct lang *l, const char *s, size_t len)
{
	const char *const *mk;
	const char *at;

	meta_symbol(m, s, len);
	for (mk = l->agenda_markers; *mk && !m->agenda_item; mk++) {
		size_t ml = strlen(*mk), i, j;

		at = lang_find(s, len, *mk);
		if (!at || (at > s && at[-1] != ' '))
			continue;
		i = (size_t)(at - s) + ml;
		if (i >= len || s[i] != ' ' || i + 1 >= len || !is_digit(s[i + 1]))
			continue;
		j = ++i;
		while (j < len && is_digit(s[j]))
			j++;
		/* the sub-item letter: "98 (jj)" in English, "98 jj)" in French */
		if (j + 2 < len && s[j] == ' ' && (s[j + 1] == '(' || islower((unsigned char)s[j + 1]))) {
			size_t k = j + 1;
			while (k < len && s[k] != ')' && s[k] != ' ')
				k++;
			if (k < len && s[k] == ')')
				j = k + 1;
		}
		m->agenda_item = xstrndup(s + i, j - i);
	}
	for (mk = l->session_markers; *mk && !m->session; mk++) {
		at = lang_find(s, len, *mk);
		if (at && at > s && at[-1] == ' ') {
			size_t start = 0, end = (size_t)(at - s) + strlen(*mk);
			/* the session name is the start of its line */
			if (isupper((unsigned char)s[0]) || (unsigned char)s[0] >= 0x80)
				m->session = xstrndup(s + start, end);
		}
	}
	for (mk = l->adopted_markers; *mk && !m->adopted; mk++) {
		at = lang_find(s, len, *mk);
		if (at) {
			size_t i = (size_t)(at - s) + strlen(*mk);
			m->adopted = meta_parse_date(l, s + i, len - i);
		}
	}
	for (mk = l->report_markers; *mk && !m->committee_report; mk++) {
		at = lang_find(s, len, *mk);
		if (at) {
			/* "(Fourth Committee) (A/78/417, para. 8)": the report is
			 * the group that names a document, else the first */
			const char *p = at, *end = s + len, *open, *close, *first = NULL, *first_close = NULL;

			while ((open = memchr(p, '(', (size_t)(end - p))) &&
			       (close = memchr(open, ')', (size_t)(end - open)))) {
				if (!first) {
					first = open;
					first_close = close;
				}
				if (memchr(open, '/', (size_t)(close - open))) {
					first = open;
					first_close = close;
					break;
				}
				p = close + 1;
			}
			if (first)
				m->committee_report = xstrndup(first + 1, (size_t)(first_close - first - 1));
		}
	}
}

/* Lines of the header that carry metadata or sponsors, not the title. */
static int
is_metadata_line(const struct lang *lang, const struct text_line *l)
{
	const char *const *lists[] = { lang->agenda_markers, lang->session_markers,
				       lang->adopted_markers, lang->report_markers };
	size_t i;
	const char *const *mk;

	char *date;

	if (starts_with(l->s, l->len, "Distr") || lang_find(l->s, l->len, "draft resolution") ||
	    lang_find(l->s, l->len, "projet de résolution") || lang_find(l->s, l->len, "proyecto de resolución") ||
	    lang_find(l->s, l->len, "A/RES/"))
		return 1;
	/* a date alone: "9 December 2024" */
	if (l->len < 40 && (date = meta_parse_date(lang, l->s, l->len)) != NULL) {
		free(date);
		return 1;
	}
	for (i = 0; i < ARRAY_SIZE(lists); i++)
		for (mk = lists[i]; *mk; mk++)
			if (lang_find(l->s, l->len, *mk))
				return 1;
	/* a symbol alone, "A/C.1/79/L.43" */
	return l->len < 40 && l->s[0] == 'A' && l->len > 1 && l->s[1] == '/' && !memchr(l->s, ' ', l->len);
}

void
meta_read_header(struct resolution_meta *m, const struct lang *lang, const struct text_line *lines, size_t n)
{
	size_t i, tn;
	struct sbuf title = SBUF_INIT, block = SBUF_INIT, last_block = SBUF_INIT;

	for (i = 0; i < n; i++) {
		const struct text_line *l = &lines[i];

		if (l->len == 0)
			continue;
		if (l->s[0] == '[' && !memchr(l->s, ']', l->len)) {
			/* "[on the report of the Special Political ... Committee" wraps
			 * before "(Fourth Committee) (A/78/417, para. 8)]" */
			struct sbuf joined = SBUF_INIT;
			size_t j;

			sbuf_add(&joined, l->s, l->len);
			for (j = i + 1; j < n && j < i + 4 && lines[j].len; j++) {
				sbuf_addch(&joined, ' ');
				sbuf_add(&joined, lines[j].s, lines[j].len);
				if (memchr(lines[j].s, ']', lines[j].len))
					break;
			}
			meta_from_line(m, lang, joined.buf, joined.len);
			sbuf_release(&joined);
		}
		meta_from_line(m, lang, l->s, l->len);
		tn = title_number_len(l->s, l->len);
		if (tn && !m->title) {
			size_t j = i + 1, at = tn + 1;

			/* pdftotext -layout sets the title apart with spaces */
			while (at < l->len && l->s[at] == ' ')
				at++;
			sbuf_add(&title, l->s + at, l->len - at);
			/* the number alone: the title is the next block of lines */
			if (at >= l->len)
				while (j < n && lines[j].len == 0)
					j++;
			/* a long title wraps onto the following lines */
			while (j < n && lines[j].len != 0) {
				if (title.len)
					sbuf_addch(&title, ' ');
				sbuf_add(&title, lines[j].s, lines[j].len);
				j++;
			}
			m->title = sbuf_detach(&title);
			if (!m->symbol) {
				struct sbuf sym = SBUF_INIT;
				sbuf_adds(&sym, "A/RES/");
				sbuf_add(&sym, l->s, tn);
				m->symbol = sbuf_detach(&sym);
			}
		}
		/* a run of free-standing lines is a block; a wrapped title is one */
		if (!repair_is_furniture(l->s, l->len, NULL) && !lang_in_list(lang->furniture, l->s, l->len) &&
		    !is_metadata_line(lang, l)) {
			if (block.len)
				sbuf_addch(&block, ' ');
			sbuf_add(&block, l->s, l->len);
			if (i + 1 < n && lines[i + 1].len)
				continue;
		}
		if (block.len) {
			sbuf_reset(&last_block);
			sbuf_add(&last_block, block.buf, block.len);
			sbuf_reset(&block);
		}
	}
	/* a draft has no numbered title: take the last free-standing block */
	if (!m->title && last_block.len)
		m->title = xstrndup(last_block.buf, last_block.len);
	sbuf_release(&title);
	sbuf_release(&block);
	sbuf_release(&last_block);
}
